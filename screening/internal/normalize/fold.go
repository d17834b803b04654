package normalize

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Stage 1: Unicode folding and transliteration.
//
// fold turns the (NFC) source text into the folded text: lower-case ASCII
// letters and digits for Latin-script and transliterated letters, the
// folded original runes of other scripts, and a small set of ASCII
// punctuation that the tokenizer reads (see asciiFold). Every folded byte
// remembers the source span of the rune it came from (ps, pe), so that
// tokens can point back into the input for the Display.
//
// The loop is a plain function over a string: no transform.Chain, no
// stateful Caser, nothing shared between goroutines.

// asciiFold maps each ASCII byte to its folded byte: letters to lower
// case, digits unchanged, the punctuation the tokenizer needs to ASCII
// representatives, everything else to a space. 0 means "drop".
var asciiFold = func() (t [utf8.RuneSelf]byte) {
	for c := 0; c < utf8.RuneSelf; c++ {
		b := byte(c)
		switch {
		case b >= 'a' && b <= 'z', b >= '0' && b <= '9':
			t[c] = b
		case b >= 'A' && b <= 'Z':
			t[c] = b + 'a' - 'A'
		case b == '.' || b == ',' || b == '(' || b == ')' || b == '&' || b == '+' ||
			b == '/' || b == '-' || b == '\'' || b == '"':
			t[c] = b
		case b == '[' || b == '{':
			t[c] = '('
		case b == ']' || b == '}':
			t[c] = ')'
		case b == ';' || b == ':':
			t[c] = ','
		case b == '`':
			t[c] = '\''
		default:
			t[c] = ' '
		}
	}
	return t
}()

// foldState carries the little context transliteration needs.
type foldState struct {
	cyr       cyrLang // language guess for the current run of Cyrillic letters
	run       cyrRun  // where the fold stands in a run of Cyrillic letters
	prevGreek rune    // previous Greek base letter, for αυ/ευ/ου
	wordEnd   int     // where the current word ends in the source, see wordLen
	look      bool    // the current word reads its lookalikes as Latin letters (see readsLookalikes)
	bare      bool    // the current word, which does not read its lookalikes as Latin letters, reads so those that have no reading of their own (see hasReading)
}

// word decides, for the rune r at src[i:], whether it reads lookalikes as
// Latin letters: it does in a word that does (see readsLookalikes).
func (st *foldState) word(r rune, src string, i int) {
	if i < st.wordEnd {
		return
	}
	st.look, st.bare = false, false
	if startsWord(r) {
		n, look := wordLen(src[i:])
		st.wordEnd = i + n
		st.look = look && readsLookalikes(src[i:st.wordEnd])
		// A lookalike with no reading of its own, in a word of letters
		// that read as Latin ones (wordLen keeps those that do not out),
		// would stand alone in its script ("LabԚаб", "aбᏦ"), and be
		// parted from the word: it reads as Latin too.
		st.bare = look && !st.look
	}
}

// cyrRun says where the fold stands in a run of transliterated Cyrillic
// letters.
type cyrRun uint8

const (
	outsideRun    cyrRun = iota
	inRun                // after a letter of the run
	runApostrophe        // after a letter and one apostrophe, which joins the next letter on
)

// enter updates the context for the rune r that starts s. A letter's
// reading depends only on its neighbours in the same script, never on
// what lies beyond a space or another script, so that a word reads the
// same wherever it stands (the Display must normalize to the same
// tokens): the Cyrillic language is guessed afresh for each run of
// transliterated Cyrillic letters, from that run alone, and Greek αυ, ευ,
// ου only read as digraphs when nothing stands between the letters.
// Combining marks and format characters keep the context; one apostrophe
// keeps a Cyrillic run going ("м'ясо"), as it joins the word.
func (st *foldState) enter(r rune, s string) {
	switch {
	case isCyrillicRunLetter(r):
		if st.run == outsideRun {
			st.cyr = guessCyrillic(s)
		}
		st.run = inRun
		st.prevGreek = 0
	case isGreekLetter(r):
		st.run = outsideRun // foldRune sets prevGreek
	case st.run == outsideRun && st.prevGreek == 0:
		// No context to keep or to end (most runes: the fast path).
	case inCategories(r, catMn|catMe|catCf):
	default:
		if st.run == inRun && isApostrophe(r) {
			st.run = runApostrophe
		} else {
			st.run = outsideRun
		}
		st.prevGreek = 0
	}
}

// isGreekLetter reports whether r is a letter of the Greek and Coptic or
// Greek Extended blocks.
func isGreekLetter(r rune) bool {
	return (r >= 0x0370 && r <= 0x03FF || r >= 0x1F00 && r <= 0x1FFF) && isLetterRune(r)
}

type cyrLang uint8

const (
	cyrRussian cyrLang = iota
	cyrUkrainian
	cyrKazakh
)

// emit folds s, read from the source span [ps, pe).
func (sc *scratch) emit(s string, ps, pe int) {
	sc.fold = append(sc.fold, s...)
	starts, ends := sc.ps, sc.pe // in registers while the loop runs
	for range len(s) {
		starts = append(starts, int32(ps))
		ends = append(ends, int32(pe))
	}
	sc.ps, sc.pe = starts, ends
}

func (sc *scratch) emitByte(b byte, ps, pe int) {
	sc.fold = append(sc.fold, b)
	sc.ps = append(sc.ps, int32(ps))
	sc.pe = append(sc.pe, int32(pe))
}

func (sc *scratch) emitRune(r rune, ps, pe int) {
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	for i := 0; i < n; i++ {
		sc.emitByte(buf[i], ps, pe)
	}
}

// atWordStart reports whether a transliterated letter folded now would
// start a token: the folded text does not end in a letter or digit that
// such a letter joins. A letter of a script that is not transliterated
// ends its own token (the tokenizer splits where the script changes).
func (sc *scratch) atWordStart() bool {
	r, _ := utf8.DecodeLastRune(sc.fold)
	if r < utf8.RuneSelf {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}
	return r == utf8.RuneError || !isLatinRune(r)
}

// foldText folds src into sc.fold.
func (sc *scratch) foldText(src string, ascii bool) {
	sc.fold = sc.fold[:0]
	sc.ps = sc.ps[:0]
	sc.pe = sc.pe[:0]
	if ascii {
		// One byte out for each byte in at most: the buffers grow once.
		fold, ps, pe := slices.Grow(sc.fold, len(src))[:len(src)], slices.Grow(sc.ps, len(src))[:len(src)], slices.Grow(sc.pe, len(src))[:len(src)]
		n := 0
		for i := 0; i < len(src); i++ {
			if b := asciiFold[src[i]]; b != 0 {
				fold[n], ps[n], pe[n] = b, int32(i), int32(i+1)
				n++
			}
		}
		sc.fold, sc.ps, sc.pe = fold[:n], ps[:n], pe[:n]
		return
	}
	var st foldState
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if b := asciiFold[c]; b != 0 {
				sc.emitByte(b, i, i+1)
			}
			if sc.look {
				st.word(rune(c), src, i)
			}
			st.enter(rune(c), "")
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(src[i:])
		if sc.look {
			st.word(r, src, i)
		}
		st.enter(r, src[i:])
		if k := scriptOf(r); k != noScript {
			i = sc.foldScript(k, src, i)
			continue
		}
		n += sc.foldRune(r, src, i, i+n, &st, true)
		i += n
	}
}

// foldRune folds one rune at src[ps:pe]; it returns how many further
// source bytes it consumed (for digraphs). decompose is false for runes
// that come out of a decomposition. It dispatches by range: ASCII, the
// lookalikes of Latin letters in a word that reads them so, the special
// letters and punctuation, the transliterated scripts, digits, marks and
// separators, decompositions, and any other rune.
func (sc *scratch) foldRune(r rune, src string, ps, pe int, st *foldState, decompose bool) int {
	if r < utf8.RuneSelf {
		if b := asciiFold[r]; b != 0 {
			sc.emitByte(b, ps, pe)
		}
		st.prevGreek = 0
		return 0
	}
	if st.look || st.bare && !hasReading(r) {
		if b, ok := lookalike(r); ok {
			sc.emitByte(b, ps, pe)
			st.prevGreek = 0
			return 0
		}
	}
	lr := toLower(r)
	if sc.foldSpecial(lr, ps, pe, st) {
		return 0
	}
	switch {
	case lr >= 0x0400 && lr <= 0x052F:
		if sc.foldCyrillic(lr, ps, pe, st) {
			return 0
		}
	case lr >= 0x0370 && lr <= 0x03FF:
		if n, ok := sc.foldGreek(lr, src, ps, pe, st); ok {
			return n
		}
	case lr >= 0x0531 && lr <= 0x058F:
		if n, ok := sc.foldArmenian(lr, src, ps, pe); ok {
			return n
		}
	case lr >= 0x10D0 && lr <= 0x10FF:
		if sc.foldGeorgian(lr, ps, pe) {
			return 0
		}
	}
	if d, ok := digitValue(r); ok {
		sc.emitByte(d, ps, pe)
		return 0
	}
	if sc.foldMarkOrSpace(r, ps, pe) {
		return 0
	}
	if sc.foldDecomposition(r, src, ps, pe, st, decompose) {
		return 0
	}
	sc.foldOther(r, lr, ps, pe, st)
	return 0
}

// foldSpecial folds the lower-case rune lr by specialFold: Latin letters
// that do not decompose, apostrophes, quotation marks, and brackets,
// commas and stops of other scripts. It reports whether lr was one.
func (sc *scratch) foldSpecial(lr rune, ps, pe int, st *foldState) bool {
	if t, ok := specialFolded(lr); ok {
		sc.emit(t, ps, pe)
		st.prevGreek = 0
		return true
	}
	return false
}

// foldCyrillic transliterates the Cyrillic letter lr in the language
// guessed for its run. It reports whether the table has lr.
func (sc *scratch) foldCyrillic(lr rune, ps, pe int, st *foldState) bool {
	if t, ok := cyrillicLetter(lr); ok {
		if lr == 'ъ' && isCyrillicConsonant(nextBase(sc.src, skipFormat(sc.src, pe))) {
			// Russian writes ъ before е, ё, ю, я only (and, before
			// 1918, at the end of a word), where it reads as nothing;
			// before a consonant it is the Bulgarian vowel, a: "Петър"
			// is Petar, "България" Balgariya.
			t = "a"
		}
		sc.emit(cyrillicFor(lr, t, st.cyr), ps, pe)
		return true
	}
	return false
}

// isCyrillicConsonant reports whether r is a lower-case consonant of
// the Russian and Bulgarian alphabets.
func isCyrillicConsonant(r rune) bool {
	return r >= 'б' && r <= 'щ' && !strings.ContainsRune("еиоу", r)
}

// foldGreek transliterates the Greek letter lr: υ after α, ε, η is v,
// or f before a voiceless consonant (θ κ ξ π σ τ φ χ ψ) or at the end of
// the word (ELOT 743: "Ευάγγελος" is Evangelos, "Ευθύμιος" Efthymios), and
// after ο is u; γ before γ, κ, ξ, χ is n; and at the start of a word μπ
// is b, ντ d and γκ g, as Greek reads them there ("Μπακογιάννης" is
// Bakogiannis, "Ντόρα" Dora, "Γκίκας" Gikas), but inside a word mp, nt
// and nk. It returns how many further source bytes the second letter of
// such a pair took, and reports whether the table has lr.
func (sc *scratch) foldGreek(lr rune, src string, ps, pe int, st *foldState) (int, bool) {
	if t, ok := greek[lr]; ok {
		if second, read := greekInitial(lr); read != "" && pe <= len(src) && sc.atWordStart() {
			j := skipFormat(src, pe)
			if r, n := utf8.DecodeRuneInString(src[j:]); n > 0 && toLower(r) == second {
				sc.emit(read, ps, j+n)
				st.prevGreek = second
				return j + n - pe, true
			}
		}
		next := nextBase(src, skipFormat(src, pe))
		switch {
		case lr == 'υ' && (st.prevGreek == 'α' || st.prevGreek == 'ε' || st.prevGreek == 'η'):
			// A ύ comes here from its decomposition, without the source
			// after it: the next letter is read from the source text.
			after := nextBase(sc.src, skipFormat(sc.src, pe))
			t = "v"
			if after == 0 || strings.ContainsRune("θκξπσςτφχψ", after) || !isGreekLetter(after) && !inCategories(after, catMn|catMe) {
				t = "f"
			}
		case lr == 'υ' && st.prevGreek == 'ο':
			t = "u"
		case lr == 'γ' && (next == 'γ' || next == 'κ' || next == 'ξ' || next == 'χ'):
			t = "n"
		}
		sc.emit(t, ps, pe)
		st.prevGreek = lr
		return 0, true
	}
	return 0, false
}

// greekInitial returns the letter that makes a pair with the Greek letter
// lr read as one consonant at the start of a word, and its reading: π
// after μ is b, τ after ν d, κ after γ g.
func greekInitial(lr rune) (second rune, read string) {
	switch lr {
	case 'μ':
		return 'π', "b"
	case 'ν':
		return 'τ', "d"
	case 'γ':
		return 'κ', "g"
	}
	return 0, ""
}

// foldArmenian transliterates the Armenian letter lr: ու is u (it returns
// how many further source bytes the ւ took), word-initial ե is ye and ո
// is vo. It reports whether the table has lr.
func (sc *scratch) foldArmenian(lr rune, src string, ps, pe int) (int, bool) {
	if t, ok := armenian[lr]; ok {
		start := sc.atWordStart()
		switch {
		case lr == 'ո':
			if pe <= len(src) {
				j := skipFormat(src, pe)
				if next, n := utf8.DecodeRuneInString(src[j:]); next == 'ւ' {
					sc.emit("u", ps, j+n)
					return j + n - pe, true
				}
			}
			if start {
				t = "vo"
			}
		case lr == 'ե' && start:
			t = "ye"
		}
		sc.emit(t, ps, pe)
		return 0, true
	}
	return 0, false
}

// foldGeorgian transliterates the Georgian letter lr. It reports whether
// the table has lr.
func (sc *scratch) foldGeorgian(lr rune, ps, pe int) bool {
	if t, ok := georgian[lr]; ok {
		sc.emit(t, ps, pe)
		return true
	}
	return false
}

// foldMarkOrSpace folds combining marks, format characters, spaces and
// dashes. It reports whether r was one.
func (sc *scratch) foldMarkOrSpace(r rune, ps, pe int) bool {
	if inCategories(r, catMn|catMc|catMe) && sc.afterNonLatin() && !isOptionalMark(r) {
		// Vowel signs of Thai, Devanagari and other scripts belong to
		// the word: keep them.
		sc.emitRune(r, ps, pe)
		return true
	}
	switch {
	case inCategories(r, catMn|catMe|catCf) || r == 0x0640:
		// Combining marks left after NFC (and after decomposition), format
		// characters (zero-width space, soft hyphen, BOM, joiners) and the
		// Arabic tatweel vanish without a trace.
		return true
	case isSpace(r):
		sc.emitByte(' ', ps, pe)
		return true
	case unicode.Is(unicode.Pd, r) || r == 0x2212:
		sc.emitByte('-', ps, pe)
		return true
	}
	return false
}

// foldDecomposition folds r by its decomposition, if decompose is set
// and r has one. It reports whether it did.
func (sc *scratch) foldDecomposition(r rune, src string, ps, pe int, st *foldState, decompose bool) bool {
	if decompose {
		// Other scripts (Han, Kana, Hangul, Arabic, ...), and symbols of
		// no script that stand for their letters ("㍿" is 株式会社, "㈱"
		// (株)): compatibility forms fold with NFKC, which keeps Kana
		// voicing marks and Hangul syllables whole, and the letters
		// read in runs are read as a run.
		other := !unicode.In(r, decomposedScripts...)
		if (other || compatHoldsRun(src[ps:pe])) && isCompat(src[ps:pe]) {
			d := norm.NFKC.String(src[ps:pe])
			if sc.foldCompatRun(d, ps, pe, st) {
				return true
			}
			for _, kr := range d {
				sc.foldRune(kr, "", ps, pe, st, false)
			}
			return true
		}
		if other {
			decompose = false
		}
	}
	if decompose {
		if d := norm.NFKD.PropertiesString(src[ps:pe]).Decomposition(); len(d) > 0 {
			for len(d) > 0 {
				dr, n := utf8.DecodeRune(d)
				sc.foldRune(dr, "", ps, pe, st, false)
				d = d[n:]
			}
			return true
		}
	}
	return false
}

// foldOther folds any other rune: a letter or number (of a script that is
// not transliterated) lower-cased as it is, an initial or final quotation
// mark to '"', anything else to a space.
func (sc *scratch) foldOther(r, lr rune, ps, pe int, st *foldState) {
	st.prevGreek = 0
	if unicode.IsLetter(r) || unicode.IsNumber(r) {
		sc.emitRune(lr, ps, pe)
		return
	}
	if unicode.Is(unicode.Pi, r) || unicode.Is(unicode.Pf, r) {
		sc.emitByte('"', ps, pe)
		return
	}
	sc.emitByte(' ', ps, pe)
}

// compatHoldsRun reports whether the compatibility decomposition of the
// rune in s holds a letter read in runs (see scriptOf), or a conjoining
// Hangul jamo, which NFKC composes into a syllable ("㉮" is 가).
func compatHoldsRun(s string) bool {
	for _, c := range string(norm.NFKD.PropertiesString(s).Decomposition()) {
		if scriptOf(c) != noScript || c >= 0x1100 && c <= 0x11FF {
			return true
		}
	}
	return false
}

// isCompat reports whether the rune in s has a compatibility
// decomposition (one that NFKD has and NFD has not).
func isCompat(s string) bool {
	k := norm.NFKD.PropertiesString(s).Decomposition()
	if len(k) == 0 {
		return false
	}
	return string(k) != string(norm.NFD.PropertiesString(s).Decomposition())
}

// decomposedScripts are the scripts whose letters fold by NFKD and mark
// removal.
var decomposedScripts = []*unicode.RangeTable{
	unicode.Latin, unicode.Greek, unicode.Cyrillic, unicode.Armenian,
	unicode.Georgian, unicode.Common, unicode.Inherited,
}

// afterNonLatin reports whether the folded text ends in a letter of a
// script that is not transliterated.
func (sc *scratch) afterNonLatin() bool {
	r, _ := utf8.DecodeLastRune(sc.fold)
	return r >= utf8.RuneSelf && r != utf8.RuneError && !isLatinRune(r)
}

// isOptionalMark reports whether r is an Arabic or Hebrew vowel or
// cantillation mark, which writers may leave out.
func isOptionalMark(r rune) bool {
	return r >= 0x0591 && r <= 0x05C7 || r >= 0x0610 && r <= 0x061A || r >= 0x064B && r <= 0x065F ||
		r == 0x0670 || r >= 0x06D6 && r <= 0x06ED
}

// skipFormat returns i moved past the format characters (zero-width
// space, joiners, soft hyphen) at src[i:], which vanish in folding and in
// the Display, so that a letter's lookahead sees the next letter.
func skipFormat(src string, i int) int {
	for i < len(src) {
		r, n := utf8.DecodeRuneInString(src[i:])
		if !inCategories(r, catCf) {
			break
		}
		i += n
	}
	return i
}

// nextBase returns the base letter (lower case, marks removed) of the rune
// at src[i:], or 0.
func nextBase(src string, i int) rune {
	if i < 0 || i >= len(src) {
		return 0
	}
	r, n := utf8.DecodeRuneInString(src[i:])
	r = toLower(r)
	if d := norm.NFD.PropertiesString(src[i : i+n]).Decomposition(); len(d) > 0 {
		r, _ = utf8.DecodeRune(d)
		r = toLower(r)
	}
	return r
}

// Digit returns the ASCII digit the fold reads r as: an ASCII digit, a
// decimal digit of another script the fold reads (Arabic-Indic "٩",
// Devanagari "९", ...), or a compatibility form of one (full-width "９",
// superscript "²"). ok is false for any other rune. A matcher that looks
// for a Number token's digits in the text it came from reads them so.
func Digit(r rune) (d byte, ok bool) {
	if r < utf8.RuneSelf {
		return byte(r), '0' <= r && r <= '9'
	}
	if d, ok := digitValue(r); ok {
		return d, true
	}
	var buf [utf8.UTFMax]byte
	k := norm.NFKD.Properties(buf[:utf8.EncodeRune(buf[:], r)]).Decomposition()
	if len(k) == 1 && '0' <= k[0] && k[0] <= '9' {
		return k[0], true
	}
	return 0, false
}

// digitValue maps the decimal digits of other scripts (Arabic-Indic,
// Devanagari, Bengali, Gurmukhi, Tamil, Thai, Lao, Tibetan, Myanmar,
// Khmer, ...: Unicode's category Nd) to ASCII digits; NFKD folds only
// their compatibility forms. Unicode encodes each script's digits in a
// run of ten, zero first, and the runs of the category's table start
// with a zero (TestDigitsOfScripts checks both).
func digitValue(r rune) (byte, bool) {
	if r < 0x0660 || !unicode.Is(unicode.Nd, r) {
		return 0, false
	}
	for _, rg := range unicode.Nd.R16 {
		if lo, hi := rune(rg.Lo), rune(rg.Hi); lo <= r && r <= hi {
			return byte('0' + (r-lo)%10), true
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if lo, hi := rune(rg.Lo), rune(rg.Hi); lo <= r && r <= hi {
			return byte('0' + (r-lo)%10), true
		}
	}
	return 0, false
}

// FoldLatin returns word, Latin letters and combining marks only, folded
// as Normalize folds the letters of a word: to lower-case ASCII ("ÇELIK"
// is "celik", "ŁUKASZ" "lukasz", "Æ" "ae"). ok is false for a word that
// holds anything else (a digit, punctuation, a space, a letter of another
// script) or folds to anything but ASCII letters. It is safe for
// concurrent use.
func FoldLatin(word string) (folded string, ok bool) {
	if word == "" || !utf8.ValidString(word) {
		return "", false
	}
	for _, r := range word {
		if !unicode.Is(unicode.Latin, r) && !unicode.Is(unicode.Mn, r) {
			return "", false
		}
	}
	sc := getScratch()
	defer putScratch(sc)
	sc.look = false
	sc.foldText(norm.NFC.String(word), false)
	for _, b := range sc.fold {
		if b < 'a' || b > 'z' {
			return "", false
		}
	}
	return string(sc.fold), len(sc.fold) > 0
}
