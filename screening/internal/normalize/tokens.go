package normalize

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Stage 2: words. The tokenizer reads the folded text and cuts it into
// words: runs of Latin letters and digits (an apostrophe inside a word
// joins it: "O'Brien" is "obrien"), runs of letters of other scripts, and
// "&" or "+" (the word "and"). Runs of single letters separated only by
// spaces, dots or slashes become one initialism ("A.T.E." is "ate").

// word is one word of the name under construction.
type word struct {
	fs, fe   int32 // span in the folded text
	ss, se   int32 // span in the source text
	flags    uint32
	kind     Kind
	prevKind Kind // the kind before markQualifiers made the word a Qualifier
	drop     dropReason
	key      ref // raw key (before generic folding)
	sound    ref // sound key of the raw key (Latin words)
	gen      *genericWord
	lfk      string    // legal-form key when it differs from the match key: an abbreviation unfolded or a typo corrected
	lfTypo   bool      // lfk corrects a typo
	lkey     string    // legal key with typos (see legalKey), set with the legal-form key (see formPatterns)
	form     *formWord // what the legal-form stages know of lkey
}

// word flags
const (
	wLatin     uint32 = 1 << iota // Latin (or transliterated) letters and digits
	wApos                         // contains a joining apostrophe
	wSingle                       // one ASCII letter
	wBoundary                     // a comma, semicolon or parenthesis (or a marker) precedes it
	wLightSep                     // only spaces, dots and slashes separate it from the previous word
	wAnd                          // "&" or "+"
	wDigits                       // only digits
	wAlpha                        // only letters
	wApart                        // a word kept apart from the previous kept word by removed words (see keepApart)
	wAndJoined                    // an initialism of letters joined by an "and" ("P&P"): never a legal form
	wHyphen                       // a single hyphen, and nothing else, separates it from the previous word
	wGlued                        // a piece of a glued word, after its first (see splitGlued)
	wHyphens                      // an initialism of letters joined by hyphens ("K-a-s-p"): never cut (see endLetters)
	wScript                       // read from a run of a script without Latin letters (script.go): no part of Latin legal forms, never an initialism
	wHangul                       // read from Hangul syllables: its sound key is that of the McCune-Reischauer spelling
	wArabic                       // read from Arabic-script letters: how it reads can depend on the word before it (see appendSeparator)
	wSuffix                       // an Arabic-script word read with the word before it (الله), or a word that took one (see mergeArabicSuffixes)
	wGuessed                      // read letter by letter from Arabic-script letters: its short vowels are guesses (see Token.Guessed)
	wBranch                       // a legal form inside a name that the words of a branch follow: the Display shows it (see markBranches)
)

// dropReason says why a word is not a token.
type dropReason uint8

const (
	keep       dropReason = iota
	dropForm              // a legal form
	dropMarker            // "a.k.a." and the like
	dropThe               // a leading "The"
	dropSuffix            // list wording such as "and any successor, sub-unit, or subsidiary thereof"
	dropTrial             // dropped for a moment, to see what the words would read as
)

// ref is a string under construction: a span of the source text, a span
// of the arena, or a constant.
type ref struct {
	where  uint8 // refNone, refSrc, refArena, refConst
	off, n int32
	c      string
}

const (
	refNone uint8 = iota
	refSrc
	refArena
	refConst
)

// scratch is the working memory of one normalization; pooled.
type scratch struct {
	src   string // the NFC source text
	fold  []byte
	ps    []int32
	pe    []int32
	words []word
	tmp   []byte // sound keys of raw words, before they reach the arena
	arena []byte
	hits  []hit
	disp  []byte
	idx   []int32 // word indices, for passes over the kept words
	kept  int
	// apartStale reports that a removal made the wApart marks stale (see
	// keepApart).
	apartStale bool
	look       bool // the source has letters of the scripts with lookalikes (see hasLookalikes)
	// formats: the source may hold format characters or spaces beyond
	// ASCII (see textFacts)
	formats bool

	// Scripts read in runs (script.go).
	units        []unit       // the letters of the run being read
	marks        []scriptMark // the words read from runs, by where they start in the folded text
	nextMark     int          // the next mark the tokenizer looks at
	key          []byte       // a dictionary key being looked up
	rbuf         []byte       // a reading being built
	runes        []rune       // syllables being romanized
	read         Reading      // how the runs were read
	japanese     bool         // a run held kana or a Japanese word: its kanji are Japanese
	hetero       []uint8      // the number of readings of each character of several, in order
	arabicAlts   uint8        // the most spelling styles of an Arabic-script name of the table read
	translatable bool         // a Chinese word of an English translation, or an Arabic-script word of organizations, was read
	translations uint8        // the most English words of an Arabic-script word read (see translateArabic)
	persian      int8         // the source holds Persian or Urdu letters: 1 yes, -1 no, 0 not known yet
	choice       choice       // the alternative readings to take (see Variants)
	alts         bool         // the alternatives the name offers are wanted (see normalizeWith)
}

// choice selects alternative readings of a name (see Variants): the
// reading index reading of the hetero-th character of several readings
// (1-based; 0 for none), the spelling style of Arabic-script names, the
// words that names translate read in English, and whether the name is a
// person's, read without legal forms (see PersonVariants).
type choice struct {
	hetero  int
	reading uint8
	style   uint8
	person  bool
	// translate > 0 reads Chinese words and Arabic-script words that names
	// translate in English, an Arabic word of several translations in its
	// translate-th (or last).
	translate uint8
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

func putScratch(sc *scratch) {
	if cap(sc.fold) > 8*MaxLen || cap(sc.words) > MaxLen {
		return // do not keep oversized buffers
	}
	sc.src = ""
	sc.choice = choice{}
	scratchPool.Put(sc)
}

// run executes stages 1 to 3 over s, valid UTF-8 of the facts tf:
// folding, words and raw keys.
func (sc *scratch) run(s string, tf textFacts) {
	sc.src = s
	look := tf.look
	if tf.nfc {
		// Format characters vanish in folding and the Display drops them:
		// they go before composing, so that the marks they stood between
		// compose and order as they will in the Display.
		sc.src = norm.NFC.String(strings.Map(dropFormat, s))
		look = holdsLookalikeScripts(sc.src)
	}
	sc.arena = sc.arena[:0]
	sc.tmp = sc.tmp[:0]
	sc.hits = sc.hits[:0]
	sc.disp = sc.disp[:0]
	sc.kept = 0
	sc.apartStale = false
	sc.marks = sc.marks[:0]
	sc.nextMark = 0
	sc.read = 0
	sc.japanese = false
	sc.hetero = sc.hetero[:0]
	sc.arabicAlts = 0
	sc.translatable = false
	sc.translations = 0
	sc.persian = 0
	sc.look = look
	sc.formats = tf.formats
	sc.foldText(sc.src, tf.ascii)
	sc.readStandIns()
	sc.tokenize()
	sc.mergeArabicSuffixes()
	sc.joinInitialisms()
	sc.rawKeys()
}

// analyze executes the remaining stages: list wording, legal forms, a
// leading "The", generic words and numbers.
func (sc *scratch) analyze() {
	sc.legalWordKeys()
	// The later stages see the words as the Display will present them, so
	// that the Display normalizes to the same tokens: removing legal forms
	// can join the words of a marker or leave a "The" leading; a new marker
	// bounds new parts, and a dropped "The" uncovers a new start, where
	// further legal forms may stand.
	sc.markers()
	sc.leadingThe()
	// A person's name has no legal form: "PAO, Yu Liang" is no ПАО, nor
	// "KHUN SA" a société anonyme.
	for !sc.choice.person && sc.legalForms() {
		m := sc.markers()
		if t := sc.leadingThe(); !m && !t {
			break
		}
	}
	sc.restoreThe()
	if !sc.choice.person {
		sc.splitGlued()
	}
	sc.readLookalikeWords()
	sc.classify()
	sc.markQualifiers()
}

// dropFormat maps format characters (zero-width space, joiners, soft
// hyphen, bidi controls) and the Hangul fillers to nothing, for
// strings.Map.
func dropFormat(r rune) rune {
	if r >= 0x00AD && inCategories(r, catCf) || isHangulFiller(r) {
		return -1
	}
	return r
}

// isHangulFiller reports whether r is a Hangul filler (U+115F, U+1160,
// U+3164, U+FFA0): letters that are invisible, as format characters are,
// and that Unicode lists among the default ignorable code points with
// them. Written into a name they would part a word ("Kas\u3164persky")
// and stand for a word of their own; they go with the format characters.
func isHangulFiller(r rune) bool {
	return r == 0x115F || r == 0x1160 || r == 0x3164 || r == 0xFFA0
}

// textFacts is what the stages need to know of a text before they read
// it (see surveyText).
type textFacts struct {
	ascii   bool // plain ASCII, which the fold reads by its fast path
	invalid bool // not valid UTF-8
	// nfc reports that the text needs NFC composition: it holds combining
	// marks, conjoining jamo or the Greek numeral sign, the only sequences
	// NFC changes that the per-rune fold does not handle by itself
	// (norm.Form.IsNormalString allocates; this does not); or a Hangul
	// filler, which that pass drops (see dropFormat).
	nfc  bool
	look bool // letters of the scripts with lookalikes (see holdsLookalikeScripts)
	// formats reports format characters or spaces beyond ASCII, which
	// the Display drops or collapses (see appendSurface).
	formats bool
}

// surveyText reads s once for its textFacts.
func surveyText(s string) textFacts {
	if isASCII(s) {
		return textFacts{ascii: true}
	}
	var tf textFacts
	for i, r := range s {
		if r < utf8.RuneSelf {
			continue
		}
		if r == utf8.RuneError {
			_, n := utf8.DecodeRuneInString(s[i:])
			tf.invalid = tf.invalid || n == 1
		}
		if inCategories(r, catMn|catMc|catCf) {
			tf.nfc = tf.nfc || inCategories(r, catMn|catMc)
			tf.formats = tf.formats || inCategories(r, catCf)
		}
		// Conjoining jamo compose; the Greek numeral sign "ʹ" is the
		// modifier letter prime, an apostrophe, not a Greek letter; and
		// NFC replaces a few characters that hold no mark (see
		// mayReplaceNFC).
		tf.nfc = tf.nfc || r >= 0x1100 && r <= 0x11FF || r == 0x0374 || isHangulFiller(r) ||
			mayReplaceNFC(r) && norm.NFC.QuickSpanString(s[i:i+utf8.RuneLen(r)]) == 0
		tf.formats = tf.formats || isSpace(r)
		tf.look = tf.look || hasLookalikes(r)
	}
	return tf
}

// mayReplaceNFC reports whether r lies in one of the ranges that hold
// the characters NFC replaces although they are no combining mark nor
// conjoining jamo: the singletons (the Kelvin sign is K, the Ohm sign Ω,
// CJK compatibility ideographs, Greek letters with oxia) and the
// composition exclusions (Devanagari letters with a nukta, Hebrew
// presentation forms). Unicode's stability policy keeps that set fixed
// (TestCanonicalEquivalents); the ranges spare the letters of most names
// a look-up.
func mayReplaceNFC(r rune) bool {
	return r >= 0x037E && r <= 0x0387 || r >= 0x0958 && r <= 0x0F69 || r >= 0x1F71 && r <= 0x232A ||
		r == 0x2ADC || r >= 0xF900 && r <= 0xFB4E || r >= 0x1D15E && r <= 0x1D1C0 || r >= 0x2F800 && r <= 0x2FA1D
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= utf8.RuneSelf
}

// tokenize cuts the folded text into words.
func (sc *scratch) tokenize() {
	sc.words = sc.words[:0]
	f := sc.fold
	boundary, light := true, true
	for i := 0; i < len(f); {
		c := f[i]
		switch {
		case c == '&' || c == '+':
			var fl uint32 = wAnd
			if boundary {
				fl |= wBoundary
			}
			if light && len(sc.words) > 0 {
				fl |= wLightSep
			}
			sc.addWord(int32(i), int32(i+1), fl)
			boundary, light = false, true
			i++
			continue
		case !isWordByte(c):
			switch c {
			case ',', '(', ')':
				boundary = true
				light = false
			case ' ', '.', '/', '"', '\'', wordBreak: // quotes vanish from the Display
			default:
				light = false
			}
			i++
			continue
		}
		// A word starts here.
		start := i
		latin := true
		if c >= utf8.RuneSelf {
			r, _ := utf8.DecodeRune(f[i:])
			latin = isLatinRune(r)
		}
		var fl uint32
		if latin {
			fl |= wLatin
		}
		for i < len(f) {
			c := f[i]
			if c >= utf8.RuneSelf {
				r, n := utf8.DecodeRune(f[i:])
				if isLatinRune(r) != latin {
					break
				}
				i += n
				continue
			}
			if c == '\'' && latin && i > start && i+1 < len(f) && isWordByte(f[i+1]) && f[i+1] < utf8.RuneSelf {
				fl |= wApos
				i++
				continue
			}
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') || !latin {
				break
			}
			i++
		}
		if boundary {
			fl |= wBoundary
		}
		if light && len(sc.words) > 0 {
			fl |= wLightSep
		}
		if n := len(sc.words); n > 0 && sc.ps[start] < sc.words[n-1].se {
			// One source rune expanded to several words ("¾" is "3⁄4"):
			// keep them one word, so that source spans never overlap.
			last := sc.words[n-1]
			sc.words = sc.words[:n-1]
			fl = last.flags&(wBoundary|wLightSep) | fl&wLatin&last.flags | wApos
			start = int(last.fs)
		}
		sc.addWord(int32(start), int32(i), fl)
		boundary, light = false, true
	}
}

func (sc *scratch) addWord(fs, fe int32, fl uint32) {
	m := sc.markAt(fs)
	if m != nil {
		fl |= m.flags
	}
	w := word{fs: fs, fe: fe, ss: sc.ps[fs], se: sc.pe[fe-1], flags: fl}
	if m != nil && m.read.sound != "" && m.fe == fe && fl&wApos == 0 {
		// All of a table's reading: the table's keys.
		w.key = ref{where: refConst, c: m.read.text}
		w.sound = ref{where: refConst, c: m.read.sound}
	}
	if n := len(sc.words); n > 0 && sc.words[n-1].fe == fs-1 && sc.fold[fs-1] == '-' {
		w.flags |= wHyphen
	}
	if fl&wLatin != 0 {
		digits, alpha := true, true
		for _, c := range sc.fold[fs:fe] {
			switch {
			case c >= '0' && c <= '9':
				alpha = false
			case !isWordByte(c):
			default:
				digits = false
			}
		}
		if digits {
			w.flags |= wDigits
		}
		if alpha {
			w.flags |= wAlpha
		}
		if fe-fs == 1 && alpha && fl&wScript == 0 {
			w.flags |= wSingle // not a syllable read from a run ("阿" is "a")
		}
	}
	sc.words = append(sc.words, w)
}

// joinInitialisms merges runs of single letters separated only by spaces,
// dots or slashes into one Initialism word, and letters joined by an "and"
// ("&", "+" or the word) too: "P&P", "P & P", "P and P" and "P.P." are all
// "pp", as a vendor record that drops the ampersand writes "P P". Letters
// joined by an "and" are marked wAndJoined. A run of at least
// minHyphenated letters may be joined by single hyphens too, a name
// spelled out: "K-a-s-p-e-r-s-k-y" is "kaspersky"; fewer letters stay
// apart ("A-B-C"), and so do letters a hyphen between spaces separates
// ("A - B", the Display's of letters only a removed word separated).
func (sc *scratch) joinInitialisms() {
	ws := sc.words
	out := ws[:0]
	for i := 0; i < len(ws); {
		if ws[i].flags&wSingle == 0 {
			if len(out) < i {
				out = append(out, ws[i])
			} else {
				out = out[:i+1] // in place: no copy
			}
			i++
			continue
		}
		w := ws[i]
		// A run is letters joined by light separators ("A.T.E.") or letters
		// joined by "and"s ("P&P"), not both: "P&P S.A." is "pp" and "sa".
		j := i + 1
		for j < len(ws) && joinsLetter(ws, j) {
			j++
		}
		h := j
		for h < len(ws) && (joinsLetter(ws, h) || hyphenLetter(ws, h)) {
			h++
		}
		if h > j && h-i >= minHyphenated {
			j = h
			w.flags |= wHyphens
		}
		if j == i+1 {
			for j+1 < len(ws) && sc.isAnd(&ws[j]) && ws[j].flags&(wLightSep|wBoundary) == wLightSep && joinsLetter(ws, j+1) {
				j += 2
			}
		}
		w.kind = Initialism
		if j-i == 1 {
			w.key = sc.span(w.fs, w.fe)
		} else {
			off := len(sc.arena)
			for k := i; k < j; k++ {
				if ws[k].flags&wSingle != 0 {
					sc.arena = append(sc.arena, sc.fold[ws[k].fs])
				} else {
					w.flags |= wAndJoined
				}
			}
			w.key = ref{where: refArena, off: int32(off), n: int32(len(sc.arena) - off)}
			w.fe = ws[j-1].fe
			w.se = ws[j-1].se
		}
		out = append(out, w)
		i = j
	}
	sc.words = out
}

// joinsLetter reports whether ws[j] is a single letter that continues the
// initialism before it.
func joinsLetter(ws []word, j int) bool {
	return ws[j].flags&wSingle != 0 && ws[j].flags&wLightSep != 0 && ws[j].flags&wBoundary == 0
}

// minHyphenated is the fewest single letters that single hyphens join
// into one initialism.
const minHyphenated = 4

// hyphenLetter reports whether ws[j] is a single letter that a single
// hyphen joins to the letter before it.
func hyphenLetter(ws []word, j int) bool {
	return ws[j].flags&wSingle != 0 && ws[j].flags&wHyphen != 0 && ws[j-1].flags&wSingle != 0
}

// isAnd reports whether w is "&", "+" or the word "and".
func (sc *scratch) isAnd(w *word) bool {
	return w.flags&wAnd != 0 || w.fe-w.fs == 3 && string(sc.fold[w.fs:w.fe]) == "and"
}

// span returns a ref to the folded text fold[fs:fe]: a span of the source
// when the source holds the same bytes, else a copy in the arena.
func (sc *scratch) span(fs, fe int32) ref {
	ss, se := sc.ps[fs], sc.pe[fe-1]
	if int(se-ss) == int(fe-fs) && sc.src[ss:se] == string(sc.fold[fs:fe]) {
		return ref{where: refSrc, off: ss, n: se - ss}
	}
	off := len(sc.arena)
	sc.arena = append(sc.arena, sc.fold[fs:fe]...)
	return ref{where: refArena, off: int32(off), n: fe - fs}
}

// rawKeys sets the raw key and, for Latin words, the sound key of every
// word that has none yet (the words of a table's reading have both, see
// addWord).
func (sc *scratch) rawKeys() {
	for i := range sc.words {
		w := &sc.words[i]
		if w.key.where == refNone {
			switch {
			case w.flags&wAnd != 0:
				w.key = ref{where: refConst, c: "and"}
			case w.flags&wApos != 0:
				off := len(sc.arena)
				for _, c := range sc.fold[w.fs:w.fe] {
					if isWordByte(c) {
						sc.arena = append(sc.arena, c)
					}
				}
				w.key = ref{where: refArena, off: int32(off), n: int32(len(sc.arena) - off)}
			default:
				w.key = sc.span(w.fs, w.fe)
			}
		}
		if w.sound.where == refNone {
			sc.soundKey(w)
		}
	}
}

// soundKey sets the sound key of w from its raw key: for a Latin word the
// key's sound key (a span of sc.tmp until the result moves it to the
// arena), for an initialism its key.
func (sc *scratch) soundKey(w *word) {
	switch {
	case w.flags&wLatin != 0 && w.kind != Initialism && w.flags&(wDigits|wAnd) == 0:
		k := sc.str(w.key)
		off := len(sc.tmp)
		if w.flags&wHangul != 0 {
			sc.tmp = sc.appendHangulSound(sc.tmp, sc.src[w.ss:w.se])
		} else {
			sc.tmp = appendSound(sc.tmp, k)
		}
		if string(sc.tmp[off:]) == k {
			sc.tmp = sc.tmp[:off]
			w.sound = w.key
		} else {
			w.sound = ref{where: refTmp, off: int32(off), n: int32(len(sc.tmp) - off)}
		}
	case w.kind == Initialism:
		w.sound = w.key
	}
}

const refTmp uint8 = 4

// str returns the current bytes of a ref as a string without allocating
// (valid only until the buffers change).
func (sc *scratch) str(r ref) string {
	switch r.where {
	case refSrc:
		return sc.src[r.off : r.off+r.n]
	case refArena:
		return unsafeString(sc.arena[r.off : r.off+r.n])
	case refTmp:
		return unsafeString(sc.tmp[r.off : r.off+r.n])
	}
	return r.c // a constant, or "" for no string
}
