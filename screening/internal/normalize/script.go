package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Stage 1, continued: scripts read into Latin letters as words.
//
// Chinese characters, Japanese kana, Korean Hangul and Arabic-script
// letters are read in runs, not letter by letter: a run is a maximal
// sequence of letters of one of these scripts (with the combining marks
// and format characters among them), and its reading depends on the run
// alone, never on what lies beyond it, so that a word reads the same
// wherever it stands (the Display must normalize to the same tokens).
//
//   - Chinese and Japanese (han.go, kana.go): a run of Han characters and
//     kana is cut into words by a small dictionary of organization words,
//     legal-form words, places and Japanese words (han_table.go); the
//     characters between dictionary words form one word each, a brand
//     ("华为" is "huawei"). Han characters are read as Mandarin pinyin
//     (pinyin.go), traditional characters folded to simplified ones first;
//     kana in Hepburn.
//   - Korean (hangul.go): Hangul syllables in Revised Romanization, cut by
//     a small dictionary too; a word's sound key is that of its
//     McCune-Reischauer spelling, so that either spelling meets it.
//   - Arabic, Persian and Urdu (arabic.go): letters read with the vowels
//     that the script leaves out guessed, common names from a table.
//
// The words of a run are separated in the folded text by wordBreak, which
// the tokenizer reads as a space and the Display writes as nothing ("华为
// 技术" stays "华为技术"); a run is parted from the letters around it the
// same way.

// wordBreak is the folded byte between the words read from a run.
const wordBreak = 0x1f

// script is a script read in runs.
type script uint8

const (
	noScript     script = iota
	cjkScript           // Han characters and kana: Japanese mixes them in one word
	hangulScript        // Hangul syllables
	arabicScript        // letters of the Arabic script (Arabic, Persian, Urdu, Pashto)
)

// scriptOf returns the script read in runs that the letter r starts, or
// noScript.
func scriptOf(r rune) script {
	switch {
	case r < 0x0600:
		return noScript
	// The letters of most names first, without the Unicode tables: the
	// basic Arabic letters, the CJK Unified Ideographs and the kana
	// (TestScriptShortcuts).
	case r >= arabicLettersLo && r <= arabicLettersHi:
		if r != tatweel {
			return arabicScript
		}
		return noScript
	case r >= hanLettersLo && r <= hanLettersHi, r >= hiraganaLo && r <= hiraganaHi, r >= katakanaLo && r <= katakanaHi:
		return cjkScript
	case r <= 0x08FF, r >= 0xFB50 && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFC:
		if r != tatweel && unicode.IsLetter(r) && unicode.Is(unicode.Arabic, r) {
			return arabicScript
		}
	case r >= 0xAC00 && r <= 0xD7A3:
		return hangulScript
	case r >= 0x2E80:
		// Letters, the numbers 〇 and 〡..., the radicals (which fold to
		// characters), and the kana marks.
		if isKanaMark(r) || (unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) || r <= 0x2FDF) &&
			unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			return cjkScript
		}
	}
	return noScript
}

// tatweel is the Arabic letter-stretching mark, which vanishes.
const tatweel = 0x0640

// The ranges scriptOf reads without the Unicode tables: every code point
// of each is a letter of its script (tatweel aside).
const (
	arabicLettersLo, arabicLettersHi = 0x0621, 0x064A // hamza to yeh
	hanLettersLo, hanLettersHi       = 0x4E00, 0x9FFF // CJK Unified Ideographs
	hiraganaLo, hiraganaHi           = 0x3041, 0x3096 // small a to small ke
	katakanaLo, katakanaHi           = 0x30A1, 0x30FA // small a to vo
)

// isKanaMark reports whether r is the prolonged sound mark or a voicing
// mark written beside kana (not the combining ones): they belong to a run
// of kana.
func isKanaMark(r rune) bool {
	switch r {
	case 0x30FC, 0xFF70, 0x309B, 0x309C, 0xFF9E, 0xFF9F:
		return true
	}
	return false
}

// continuesRun reports whether r, which starts a run of script kr (see
// scriptOf), continues a run of script k: a letter of k, or a mark or
// format character (which the reading skips).
func continuesRun(k, kr script, r rune) bool {
	if kr == k {
		return true
	}
	return r >= utf8.RuneSelf && (inCategories(r, catMn|catMe|catMc|catCf) || r == tatweel && k == arabicScript)
}

// unit is one letter of a run, with its source span.
type unit struct {
	r      rune  // the letter as read: compatibility forms folded, traditional Han characters simplified, katakana as hiragana
	orig   rune  // the letter as written (after compatibility folding)
	ps, pe int32 // source span
}

// foldScript reads the run of script k at src[i:] into the folded text
// and returns where it ends.
func (sc *scratch) foldScript(k script, src string, i int) int {
	return i + sc.readRun(k, src[i:], i, -1)
}

// readRun reads the run of script k that starts s and returns its length
// in bytes. Its runes' source spans start at offset base of the source,
// or, when span >= 0, all span the one source rune at base that
// decomposed into s.
func (sc *scratch) readRun(k script, s string, base, span int) int {
	units := sc.units[:0]
	j := 0
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		kr := scriptOf(r)
		if !continuesRun(k, kr, r) {
			break
		}
		ps, pe := int32(base+j), int32(base+j+n)
		if span >= 0 {
			ps, pe = int32(base), int32(base+span)
		}
		fr, d := foldScriptRune(r, s[j:j+n])
		j += n
		if fr >= 0 {
			units = appendUnit(units, k, fr, fr == r && kr == k || fr != r && scriptOf(fr) == k, ps, pe)
			continue
		}
		for _, dr := range d {
			units = appendUnit(units, k, dr, dr == r && kr == k || dr != r && scriptOf(dr) == k, ps, pe)
		}
	}
	sc.units = units
	if len(units) == 0 {
		return j
	}
	sc.breakWord(units[0].ps)
	switch k {
	case cjkScript:
		// 第 before digits written after the run ("第13") is "No.".
		digitAfter := false
		if end := base + j; span < 0 && end < len(sc.src) {
			r, _ := utf8.DecodeRuneInString(sc.src[end:])
			digitAfter = unicode.IsDigit(r)
		}
		sc.readCJK(units, digitAfter)
	case hangulScript:
		sc.readHangul(units)
	case arabicScript:
		sc.readArabic(units, base)
	}
	sc.breakWord(units[len(units)-1].pe)
	return j
}

// appendUnit appends the letter r of a run of script k, read from the
// source span [ps, pe), to units if it is a letter of the run (letter):
// a voicing mark voices the kana before it instead, and marks, format
// characters and the tatweel vanish.
func appendUnit(units []unit, k script, r rune, letter bool, ps, pe int32) []unit {
	switch {
	case k == cjkScript && isVoicing(r):
		if m := len(units); m > 0 {
			if v := voiced(units[m-1].r, r); v != 0 {
				units[m-1].r, units[m-1].pe = v, pe
			}
		}
	case letter:
		u := unit{r: r, orig: r, ps: ps, pe: pe}
		if k == cjkScript {
			u.r = cjkKey(r)
		}
		units = append(units, u)
	}
	return units
}

// foldScriptRune returns what r (the rune s) of a run is read as: a
// compatibility form (half-width kana, a CJK compatibility ideograph, a
// radical, an Arabic presentation form) is its letter, or the letters d
// of a ligature ("ﻻ" is "لا"), and a spacing voicing mark is the
// combining one; r is -1 when d holds the letters. Other runes, letters
// with a mark (أ) included, are themselves.
func foldScriptRune(r rune, s string) (rune, string) {
	switch r {
	case 0x309B, 0xFF9E:
		return 0x3099, ""
	case 0x309C, 0xFF9F:
		return 0x309A, ""
	case 0xFF70:
		return 0x30FC, ""
	}
	if !mayHaveScriptForm(r) {
		return r, ""
	}
	return foldScriptForm(r, s)
}

// mayHaveScriptForm reports whether foldScriptRune reads r by its
// decompositions: not below the CJK radicals, where only the Arabic
// letters with a high hamza (ٵ ٶ ٷ ٸ) have a compatibility form
// (TestScriptShortcuts), nor kana and the CJK Unified Ideographs.
func mayHaveScriptForm(r rune) bool {
	return !(r < 0x2E80 && !(r >= 0x0675 && r <= 0x0678) || r >= 0x3040 && r <= 0x30FF || r >= 0x3400 && r < 0xF900)
}

// foldScriptForm is foldScriptRune by the decompositions of r.
func foldScriptForm(r rune, s string) (rune, string) {
	d := norm.NFKD.PropertiesString(s).Decomposition()
	if len(d) == 0 {
		return r, ""
	}
	if dr, n := utf8.DecodeRune(d); n == len(d) {
		return dr, ""
	}
	if !isCompat(s) {
		return r, "" // a letter with a mark, such as أ and إ: read whole
	}
	return -1, string(d)
}

// foldCompatRun reads the decomposition d of the compatibility rune at
// src[ps:pe] when it holds letters read in runs (a presentation form of
// "لا" or of "الله", "㍿" for 株式会社): each run of it as a run spanning
// the one source rune, the rest rune by rune. It reports whether it did.
func (sc *scratch) foldCompatRun(d string, ps, pe int, st *foldState) bool {
	has := false
	for _, r := range d {
		if scriptOf(r) != noScript {
			has = true
			break
		}
	}
	if !has {
		return false
	}
	for j := 0; j < len(d); {
		r, n := utf8.DecodeRuneInString(d[j:])
		if k := scriptOf(r); k != noScript {
			j += sc.readRun(k, d[j:], ps, pe-ps)
			continue
		}
		sc.foldRune(r, "", ps, pe, st, false)
		j += n
	}
	return true
}

// breakWord ends the word being folded, if any, at source offset at.
func (sc *scratch) breakWord(at int32) {
	if n := len(sc.fold); n > 0 && sc.fold[n-1] != wordBreak {
		sc.emitByte(wordBreak, int(at), int(at))
	}
}

// emitWord folds a word read from the source runes [ps, pe) of a run:
// its reading, then a wordBreak. Words of a run are never single letters
// that join into initialisms (see scriptMark).
func (sc *scratch) emitWord(flags uint32, r reading, ps, pe int32) {
	sc.breakWord(ps)
	m := scriptMark{fs: int32(len(sc.fold)), flags: wScript | flags}
	sc.emit(r.text, int(ps), int(pe))
	if r.sound != "" {
		m.fe, m.read = int32(len(sc.fold)), r
	}
	sc.marks = append(sc.marks, m)
	sc.breakWord(pe)
}

// reading is the Latin text a word of a run reads as. A reading from a
// table carries its sound key, worked out once with the table (see
// newReading): the tokenizer gives a word that is all of it the table's
// keys, rather than working out the sound key for every name. Text read
// letter by letter has no sound key here.
type reading struct {
	text, sound string
}

// newReading returns the reading of a table's text, with its sound key.
func newReading(text string) reading {
	return reading{text: text, sound: soundString(text)}
}

// scriptMark marks the start of a word read from a run in the folded
// text, for the tokenizer (see tokenize): its flags and, for a reading
// from a table, the reading and where it ends.
type scriptMark struct {
	fs, fe int32
	flags  uint32
	read   reading
}

// markAt returns the mark of the word read from a run that starts at
// fs in the folded text, or nil. Words are added in order, so the marks
// are read in order.
func (sc *scratch) markAt(fs int32) *scriptMark {
	for sc.nextMark < len(sc.marks) && sc.marks[sc.nextMark].fs < fs {
		sc.nextMark++
	}
	if sc.nextMark < len(sc.marks) && sc.marks[sc.nextMark].fs == fs {
		return &sc.marks[sc.nextMark]
	}
	return nil
}

// Reading says how the letters of scripts without Latin letters were read
// into Latin words. It is a set: a name may mix scripts.
type Reading uint8

// Readings.
const (
	// ReadPinyin: Chinese characters read as Mandarin pinyin, traditional
	// characters as their simplified forms.
	ReadPinyin Reading = 1 << iota
	// ReadKanjiAsChinese: a Japanese name's kanji read as Chinese
	// characters, in Mandarin pinyin, for want of a Japanese reading
	// (words of the dictionary, such as 株式会社 and 自動車, have one).
	ReadKanjiAsChinese
	// ReadHepburn: Japanese kana in Hepburn romanization.
	ReadHepburn
	// ReadRevised: Korean Hangul in Revised Romanization, compared by the
	// sound of its McCune-Reischauer spelling too.
	ReadRevised
	// ReadArabic: Arabic, Persian or Urdu letters, with the short vowels the
	// script leaves out guessed, and common names as usually spelled.
	ReadArabic
)

var readingNotes = [...]string{
	"Chinese characters read as Mandarin pinyin",
	"Japanese kanji read as Chinese characters (Mandarin pinyin): no Japanese reading at hand",
	"Japanese kana read in Hepburn romanization",
	"Korean Hangul read in Revised Romanization",
	"Arabic-script letters read with the unwritten vowels guessed",
}

// Notes returns one sentence for each reading of the set, for an
// explanation, or nil.
func (r Reading) Notes() []string {
	var out []string
	for i, n := range readingNotes {
		if r&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

// String returns the notes of the set joined by "; ".
func (r Reading) String() string { return strings.Join(r.Notes(), "; ") }

// afterArabicWord reports whether only spaces (and marks and format
// characters) separate source offset i from a letter of the Arabic script
// before it: the run at i continues a name written in that script.
func (sc *scratch) afterArabicWord(i int) bool {
	space := false
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(sc.src[:i])
		switch {
		case isSpace(r):
			space = true
		case isMarkOrFormat(r) || r == tatweel:
		default:
			return space && scriptOf(r) == arabicScript
		}
		i -= n
	}
	return false
}
