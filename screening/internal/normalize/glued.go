package normalize

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Stage 4, continued: words glued to a legal form or an organization word.
//
// "KasperskyLLC", "SiemensAG" and "OOOGazprom" are a name and a legal form
// written as one word; "KasperskyLab" and "HuaweiTechnologies" a name and
// an organization word.
//
// Legal forms. splitGlued splits a one-word legal form of legalFormTable
// ("LLC", "GmbH", "AG", "OOO") off a word and removes it, as a form
// written apart is:
//
//   - off the end of a word when the rest keeps at least minGlueRest
//     letters, if the form has at least minGluePiece letters
//     ("KASPERSKYGMBH") or a change of case marks where it starts
//     ("KasperskyLLC", "SiemensAG"): shorter forms end ordinary words too
//     often ("Kurbatov", "Arkansas");
//   - off the start of a word only where a change of case marks its end
//     ("OOOGazprom").
//
// A word that is itself a legal form or an organization word, and a rest
// that is a legal form, are not split; the rest is looked at again
// ("KasperskyLabLLC" loses "LLC" only, "HuaweiLtdLLC" both). Glued words
// are split once the legal forms of the name's words are known: the forms
// split off take no part in the phrases of other words. The Display writes
// a glued word whole, the forms glued to it included ("KasperskyLLC"),
// whenever a piece of it is kept: what a piece reads as depends on the
// whole word (the length of the rest, lookalikes, digits standing for
// letters), so the Display normalizes to the same tokens.
//
// Organization words. A word glued to an organization word is not split:
// "Inteltech" is not any "Intel", nor "Postbank" any "Post", and a word
// that only ends like an organization word is none ("Enghelab",
// "Changfeng", "Atlantic"). Unglue gives the ways to read a word as a name
// glued to an organization word, and GlueSurfaces the ways an organization
// word is written glued, so that a matcher can meet a glued word with the
// two words written apart in another name, both of them
// ("KasperskyLab" and "Kaspersky Lab").

// minGlueRest is the fewest letters the rest of a glued word keeps.
const minGlueRest = 4

// minGluePiece is the fewest letters of a legal form split off the end of
// a word without a change of case.
const minGluePiece = 4

// pieceSet is a set of the pieces of glued words: legal forms or
// organization words.
type pieceSet struct {
	// of maps each piece to its legal-form class, or to the Key of its
	// organization word.
	of map[string]string
	// endLens[c] and startLens[c] are the sets of the lengths (bit n for n
	// letters) of the pieces ending, or starting, with letter 'a'+c.
	endLens, startLens [26]uint64
	// keys holds the pieces: most cuts of a word are none, and need no
	// lookup.
	keys keyFilter
}

func (ps *pieceSet) add(p, v string) {
	if len(p) < 2 || len(p) > 63 || !lettersOnly(p) {
		return
	}
	if _, seen := ps.of[p]; !seen {
		ps.of[p] = v
	}
	ps.endLens[p[len(p)-1]-'a'] |= 1 << len(p)
	ps.startLens[p[0]-'a'] |= 1 << len(p)
	ps.keys.add(p)
}

func (ps *pieceSet) has(p string) bool {
	if !ps.keys.mayHold(p) {
		return false
	}
	_, ok := ps.of[p]
	return ok
}

// get returns the value of piece p, and whether p is a piece.
func (ps *pieceSet) get(p string) (string, bool) {
	if !ps.keys.mayHold(p) {
		return "", false
	}
	v, ok := ps.of[p]
	return v, ok
}

// gluedIndex holds the pieces of glued words.
type gluedIndex struct {
	forms    pieceSet            // one-word legal forms written in ASCII letters, to their class
	orgs     pieceSet            // the organization words of genericTable, to their Key
	surfaces map[string][]string // the Key of an organization word to its words
}

var glued = lazy[*gluedIndex]{build: func() *gluedIndex {
	ix := &gluedIndex{forms: pieceSet{of: map[string]string{}}, orgs: pieceSet{of: map[string]string{}}, surfaces: map[string][]string{}}
	for _, row := range legalFormTable {
		for _, rows := range [][]string{row.strong, row.edge} {
			for _, text := range rows {
				// "LLC", "GmbH", "Ltd.", as people write them.
				ix.forms.add(strings.ToLower(strings.TrimSuffix(strings.TrimLeft(text, "^$#%="), ".")), string(row.class))
			}
		}
	}
	for _, row := range genericTable {
		for _, w := range row.words {
			ix.orgs.add(w, row.key)
			if ix.orgs.of[w] == row.key && !slices.Contains(ix.surfaces[row.key], w) {
				ix.surfaces[row.key] = append(ix.surfaces[row.key], w)
			}
		}
	}
	return ix
}}

// splitGlued splits the legal forms off the kept Latin words glued to
// them, and removes them (see the comment above).
func (sc *scratch) splitGlued() {
	ix := glued.get()
	removed := false
	for i := 0; i < len(sc.words); i++ {
		w := &sc.words[i]
		if w.drop != keep || w.kind == Initialism || w.flags&(wLatin|wAlpha|wApos|wScript) != wLatin|wAlpha || w.fe-w.fs < minGlueRest+2 {
			continue
		}
		text := unsafeString(sc.fold[w.fs:w.fe]) // compared only
		if !lettersOnly(text) {
			continue
		}
		end := true
		cut := sc.glueEnd(&ix.forms, w, text)
		if cut == 0 {
			end, cut = false, sc.glueStart(&ix.forms, w, text)
		}
		if cut == 0 || ix.forms.has(text) || ix.orgs.has(text) {
			continue
		}
		sc.splitWord(i, w.fs+int32(cut))
		sc.words[i+1].flags |= wGlued
		for k := i; k <= i+1; k++ {
			sc.pieceKeys(&sc.words[k])
		}
		f := &sc.words[i] // the form split off
		if end {
			f = &sc.words[i+1]
			i-- // the rest may end with a further form
		}
		f.drop = dropForm
		sc.hits = append(sc.hits, hit{class: Class(ix.forms.of[sc.str(f.key)]), ss: f.ss, se: f.se})
		removed = true
	}
	if removed {
		sc.sortHits()
	}
}

// pieceKeys sets the raw, sound and legal-form keys of w, a piece of a
// glued word.
func (sc *scratch) pieceKeys(w *word) {
	w.key = sc.span(w.fs, w.fe)
	sc.soundKey(w)
	sc.legalWordKey(w)
}

// A Glue is a way to read a word as a name glued to an organization word:
// "kasperskylab" is Rest "kaspersky" and Generic "laboratory".
type Glue struct {
	Rest    string // the name, at least minGlueRest letters
	Generic string // the Key of the organization word
	Before  bool   // the organization word comes first ("groupkaspersky")
}

// Unglue appends to dst the ways to read key, the Key of a word, as a name
// glued to an organization word (an organization word of genericTable at
// its end or at its start, at least minGlueRest letters left), and returns
// the extended slice. Any word that ends like an organization word can be
// so read: a matcher should meet it with both words of the reading in
// another name, never with the name alone.
func Unglue(dst []Glue, key string) []Glue {
	ix := glued.get()
	if len(key) < minGlueRest+2 || !lettersOnly(key) || ix.orgs.has(key) {
		return dst
	}
	ends, starts := ix.orgs.endLens[key[len(key)-1]-'a'], ix.orgs.startLens[key[0]-'a']
	for n := min(len(key)-minGlueRest, 63); n >= 2; n-- {
		// The lengths of the organization words rule out most pieces
		// without a lookup.
		if ends&(1<<n) != 0 {
			if g, ok := ix.orgs.get(key[len(key)-n:]); ok {
				dst = append(dst, Glue{Rest: key[:len(key)-n], Generic: g})
			}
		}
		if starts&(1<<n) != 0 {
			if g, ok := ix.orgs.get(key[:n]); ok {
				dst = append(dst, Glue{Rest: key[n:], Generic: g, Before: true})
			}
		}
	}
	return dst
}

// MinGluedOrg is the fewest letters of an organization word glued to a
// name that GluedTo finds, and that a matcher should let meet the
// organization word alone: shorter ones end ordinary words too often
// ("Mexico", "Transco").
const MinGluedOrg = 4

// GluedTo reports whether key, the Key of a word that is no organization
// word, may be read as a name glued to a spelling of at least MinGluedOrg
// letters of the organization word of Key generic, at its end or its start
// ("mosnarbank" and "bank"), as Unglue reads it.
func GluedTo(key, generic string) bool {
	if len(key) < minGlueRest+MinGluedOrg {
		return false
	}
	for _, s := range glued.get().surfaces[generic] {
		if len(s) >= MinGluedOrg && len(key)-len(s) >= minGlueRest && (strings.HasSuffix(key, s) || strings.HasPrefix(key, s)) {
			return lettersOnly(key)
		}
	}
	return false
}

// GluedOrg reports whether key, the Key of a word that is no organization
// word, may be read as a name glued to an organization word of at least
// MinGluedOrg letters, at its end or its start: whether GluedTo holds for
// some organization word.
func GluedOrg(key string) bool {
	ix := glued.get()
	if len(key) < minGlueRest+MinGluedOrg || !lettersOnly(key) || ix.orgs.has(key) {
		return false
	}
	ends, starts := ix.orgs.endLens[key[len(key)-1]-'a'], ix.orgs.startLens[key[0]-'a']
	for n := MinGluedOrg; n <= min(len(key)-minGlueRest, 63); n++ {
		if ends&(1<<n) != 0 && ix.orgs.has(key[len(key)-n:]) || starts&(1<<n) != 0 && ix.orgs.has(key[:n]) {
			return true
		}
	}
	return false
}

// GlueSurfaces returns the words of the organization word of Key generic
// ("lab", "labs", "laboratory", ... for "laboratory"), which a name may be
// glued to, or nil. The caller must not modify the slice.
func GlueSurfaces(generic string) []string {
	return glued.get().surfaces[generic]
}

// glueEnd returns where the longest piece of ix that splits off the end
// of w (folded text text) starts, or 0.
func (sc *scratch) glueEnd(ix *pieceSet, w *word, text string) int {
	lens := ix.endLens[text[len(text)-1]-'a']
	for n := min(len(text)-minGlueRest, 63); n >= 2; n-- {
		cut := len(text) - n
		if lens&(1<<n) == 0 || !ix.has(text[cut:]) || ix.has(text[:cut]) {
			continue
		}
		if n >= minGluePiece && sc.runeBoundary(w.fs+int32(cut)) || sc.caseBoundary(w, w.fs+int32(cut)) {
			return cut
		}
	}
	return 0
}

// glueStart returns where the longest piece of ix that splits off the
// start of w (folded text text) at a change of case ends, or 0.
func (sc *scratch) glueStart(ix *pieceSet, w *word, text string) int {
	lens := ix.startLens[text[0]-'a']
	for n := min(len(text)-minGlueRest, 63); n >= 2; n-- {
		if lens&(1<<n) != 0 && ix.has(text[:n]) && !ix.has(text[n:]) && sc.caseBoundary(w, w.fs+int32(n)) {
			return n
		}
	}
	return 0
}

// runeBoundary reports whether the folded text at c starts a source rune
// of its own: a word is never cut inside a letter ("х" is "kh").
func (sc *scratch) runeBoundary(c int32) bool {
	return sc.ps[c] >= sc.pe[c-1]
}

// caseBoundary reports whether a change of case in the source marks the
// folded text at c, inside w, as the start of a word: a capital after a
// small letter ("KasperskyLab"), or the last capital before a small letter
// ("OOOKaspersky", "KASPERSKYLab").
func (sc *scratch) caseBoundary(w *word, c int32) bool {
	if !sc.runeBoundary(c) {
		return false
	}
	cur, _ := utf8.DecodeRuneInString(sc.src[sc.ps[c]:])
	if !unicode.IsUpper(cur) {
		return false
	}
	prev, _ := utf8.DecodeRuneInString(sc.src[sc.ps[c-1]:])
	if unicode.IsLower(prev) {
		return true
	}
	if !unicode.IsUpper(prev) || c+1 >= w.fe || !sc.runeBoundary(c+1) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(sc.src[sc.ps[c+1]:])
	return unicode.IsLower(next)
}

// splitWord splits sc.words[i] in two at the folded text's offset c:
// nothing separates the two parts.
func (sc *scratch) splitWord(i int, c int32) {
	w := sc.words[i]
	left, right := w, w
	left.fe, left.se = c, sc.pe[c-1]
	right.fs, right.ss = c, sc.ps[c]
	right.flags = right.flags&^(wBoundary|wHyphen) | wLightSep
	sc.words = append(sc.words, word{})
	copy(sc.words[i+2:], sc.words[i+1:])
	sc.words[i], sc.words[i+1] = left, right
}
