package normalize

import (
	"unicode"
)

// Categories of runes that the stages ask about for nearly every rune of
// a name in another script, as bits (see inCategories).
const (
	catMn uint8 = 1 << iota // nonspacing mark
	catMc                   // spacing mark
	catMe                   // enclosing mark
	catCf                   // format character
)

// categoryTables are the Unicode tables of the categories, by bit.
var categoryTables = [...]*unicode.RangeTable{unicode.Mn, unicode.Mc, unicode.Me, unicode.Cf}

// bmpCategories holds the categories of the runes of the Basic
// Multilingual Plane, four bits a rune: rune r in bits (r%16)*4 of word
// r/16.
var bmpCategories = func() (t [0x10000 / 16]uint64) {
	set := func(r uint32, bit int) {
		if r < 0x10000 {
			t[r/16] |= 1 << (r%16*4 + uint32(bit))
		}
	}
	for bit, tab := range categoryTables {
		for _, rg := range tab.R16 {
			for r := uint32(rg.Lo); r <= uint32(rg.Hi); r += uint32(rg.Stride) {
				set(r, bit)
			}
		}
		for _, rg := range tab.R32 {
			for r := rg.Lo; r <= rg.Hi && r < 0x10000; r += rg.Stride {
				set(r, bit)
			}
		}
	}
	return t
}()

// inCategories reports whether r is in one of the categories cats: what
// unicode.In reports for their tables, read from bmpCategories for the
// Basic Multilingual Plane, where the letters of names are (searching the
// tables costs more than reading a Han or Arabic letter).
func inCategories(r rune, cats uint8) bool {
	if uint32(r) < 0x10000 {
		return uint8(bmpCategories[r/16]>>(uint32(r)%16*4))&cats != 0
	}
	for bit, tab := range categoryTables {
		if cats&(1<<bit) != 0 && unicode.Is(tab, r) {
			return true
		}
	}
	return false
}

// lowRunes bounds the runes (Latin, IPA, Greek, Cyrillic) whose case,
// letterhood and script the fold reads from a table (see lowFacts): it
// asks them of nearly every rune of a name in those scripts, and the
// Unicode tables answer by a search.
const lowRunes = 0x0530

// runeFacts is what the fold asks about a rune below lowRunes.
type runeFacts struct {
	lower   rune   // unicode.ToLower
	letter  bool   // unicode.IsLetter
	latin   bool   // in the Latin script
	cyrRun  bool   // a Cyrillic letter that is transliterated (see isCyrillicRunLetter)
	special bool   // a key of specialFold
	cyrOK   bool   // a key of cyrillic
	cyr     string // its value in cyrillic
}

// lowFacts holds the facts of the runes below lowRunes, built on first
// use.
var lowFacts = lazy[*[lowRunes]runeFacts]{build: func() *[lowRunes]runeFacts {
	t := new([lowRunes]runeFacts)
	for r := range rune(lowRunes) {
		_, special := specialFold[r]
		cyr, cyrOK := cyrillic[r]
		t[r] = runeFacts{
			lower:   unicode.ToLower(r),
			letter:  unicode.IsLetter(r),
			latin:   unicode.Is(unicode.Latin, r),
			cyrRun:  cyrillicRunLetter(r),
			special: special,
			cyrOK:   cyrOK,
			cyr:     cyr,
		}
	}
	return t
}}

// specialFolded returns specialFold[r].
func specialFolded(r rune) (string, bool) {
	if uint32(r) < lowRunes && !lowFacts.get()[r].special {
		return "", false
	}
	t, ok := specialFold[r]
	return t, ok
}

// cyrillicLetter returns cyrillic[r].
func cyrillicLetter(r rune) (string, bool) {
	if uint32(r) < lowRunes {
		f := &lowFacts.get()[r]
		return f.cyr, f.cyrOK
	}
	return "", false
}

// toLower is unicode.ToLower.
func toLower(r rune) rune {
	if uint32(r) < lowRunes {
		return lowFacts.get()[r].lower
	}
	return unicode.ToLower(r)
}

// isLetterRune is unicode.IsLetter.
func isLetterRune(r rune) bool {
	if uint32(r) < lowRunes {
		return lowFacts.get()[r].letter
	}
	return unicode.IsLetter(r)
}

// isLatinScript reports whether r is in the Latin script.
func isLatinScript(r rune) bool {
	if uint32(r) < lowRunes {
		return lowFacts.get()[r].latin
	}
	return unicode.Is(unicode.Latin, r)
}

// isSpace is unicode.IsSpace, which searches a table for runes beyond
// Latin-1: the spaces beyond it lie in [U+1680, U+3000].
func isSpace(r rune) bool {
	if r > 0xFF && (r < 0x1680 || r > 0x3000) {
		return false
	}
	return unicode.IsSpace(r)
}
