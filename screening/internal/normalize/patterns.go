package normalize

import (
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Stage 4: legal-form and list-wording patterns.
//
// The tables (legalform_table.go) are written as people write the forms
// ("Co., Ltd.", "Sp. z o.o.", "ООО"); each row is tokenized by the same
// stages 1-3 as the names, so a row matches whatever spelling folds to the
// same words. A pattern word of five letters or more matches by sound key
// ("Obshchestvo", "Obshestvo" and "Obschestvo" are one), a shorter one by
// key. This file compiles the rows into patterns and matches them over the
// kept words; markers.go and legalform.go remove what they find.

// pattern is one compiled table row.
type pattern struct {
	keys           []string // match keys of the row's words
	class          Class
	edge           bool
	where          edgeSide   // for edge patterns: where in a part they may stand
	marker         dropReason // dropMarker or dropSuffix for list wording; keep for legal forms
	onlyInitialism bool       // "aka" and the like: only when written as an initialism or in lower case
	onlyLetters    bool       // "#" rows: only when written as separate letters ("S.A.C.", "S A C", not "SAC")
	onlyCyrillic   bool       // "%" rows: only when written in Cyrillic letters ("АТ", not the "AT" of "AT Kearney")
	alone          bool       // "=" rows: only as a part of their own, in parentheses or set off by commas ("(株)", "㈜")
	script         bool       // a row written in a script read in runs (有限公司): the only rows that words read from runs match
}

// edgeSide says where in a part an edge pattern may stand.
type edgeSide uint8

const (
	startOrEnd edgeSide = iota
	startOnly
	endOnly
)

type patternIndex struct {
	words   map[string]*formWord // by legal key (see legalKey)
	keys    keyFilter            // the keys of words
	letters map[string]*pattern  // one-word forms made of letters only ("sas", "llc"), strong first
	bySet   map[string]*pattern  // phrases of Latin words by their sorted keys; nil if two classes share them
}

// formWord is what the legal-form stages know of a legal key: the
// patterns whose first and whose last key it is, longest first, and
// whether it is a word of the legal forms' phrases (legalWordIndex.phrase).
// A word looks it up once (see formPatterns). The nil *formWord is a key
// of none.
type formWord struct {
	first, last []*pattern
	phrase      bool
}

// word returns the formWord of key k, added if new.
func (ix *patternIndex) word(k string) *formWord {
	f := ix.words[k]
	if f == nil {
		f = &formWord{}
		ix.words[k] = f
		ix.keys.add(k)
	}
	return f
}

var patterns = lazy[*patternIndex]{build: func() *patternIndex {
	ix := &patternIndex{words: map[string]*formWord{}, letters: map[string]*pattern{}, bySet: map[string]*pattern{}}
	sc := new(scratch)
	add := func(text string, p pattern) {
		keys := patternKeys(sc, text)
		if len(keys) == 0 {
			panic("normalize: empty legal-form row " + strconv.Quote(text)) // a bug in the table
		}
		p.keys = keys
		p.script = len(sc.marks) > 0
		// "aka", "fka", "dba": only as an initialism or in lower case.
		p.onlyInitialism = p.marker == dropMarker && len(keys) == 1 && len(keys[0]) <= 3
		pp := &p
		if len(keys) > 1 && p.marker == keep && !p.edge && isASCII(text) {
			sig := strings.Join(slices.Sorted(slices.Values(keys)), " ")
			if q, seen := ix.bySet[sig]; !seen {
				ix.bySet[sig] = pp
			} else if q != nil && q.class != p.class {
				ix.bySet[sig] = nil
			}
		}
		if k := keys[0]; len(keys) == 1 && p.marker == keep && !p.script && !p.onlyCyrillic && !p.alone && len(k) >= 2 && len(k) <= maxLetterForm && lettersOnly(k) {
			if q := ix.letters[k]; q == nil || q.edge && !p.edge {
				ix.letters[k] = pp
			}
		}
		first, last := ix.word(keys[0]), ix.word(keys[len(keys)-1])
		first.first = append(first.first, pp)
		last.last = append(last.last, pp)
	}
	for _, row := range legalFormTable {
		for _, t := range row.strong {
			add(t, pattern{class: row.class})
		}
		for _, t := range row.edge {
			p := pattern{class: row.class, edge: true}
			switch t[0] {
			case '^':
				p.where, t = startOnly, t[1:]
			case '$':
				p.where, t = endOnly, t[1:]
			}
			switch t[0] {
			case '#':
				p.onlyLetters, t = true, t[1:]
			case '%':
				p.onlyCyrillic, t = true, t[1:]
			case '=':
				p.alone, t = true, t[1:]
			}
			add(t, p)
		}
	}
	for _, t := range markerTable {
		add(t, pattern{marker: dropMarker})
	}
	for _, t := range suffixTable {
		add(t, pattern{marker: dropSuffix})
	}
	for _, f := range ix.words {
		for _, ps := range [][]*pattern{f.first, f.last} {
			sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].keys) > len(ps[j].keys) })
		}
	}
	for k := range legalWords.get().phrase {
		ix.word(k).phrase = true
	}
	return ix
}}

// patternKeys tokenizes a table row.
func patternKeys(sc *scratch, text string) []string {
	sc.run(text, surveyText(text))
	lw := legalWords.get()
	keys := make([]string, 0, len(sc.words))
	for i := range sc.words {
		k := sc.matchKey(&sc.words[i])
		if full, ok := lw.abbrev[k]; ok && sc.words[i].kind != Initialism {
			k = full
		}
		keys = append(keys, strings.Clone(k))
	}
	return keys
}

// matchKey is the key a word is matched against table rows with: the
// sound key for Latin words of five letters or more, else the key.
func (sc *scratch) matchKey(w *word) string {
	k := sc.str(w.key)
	if len(k) >= 5 && w.sound.where != refNone {
		return sc.str(w.sound)
	}
	return k
}

// legalKey is the key a word is matched against legal-form phrases with:
// its match key, an abbreviation unfolded ("co" is "company"), or with
// typos allowed a misspelled long legal-form word corrected.
func (sc *scratch) legalKey(w *word, typos bool) string {
	if w.flags&wAndJoined != 0 {
		return "" // "A&B" is a name, not the form AB
	}
	if w.lfk != "" && (typos || !w.lfTypo) {
		return w.lfk
	}
	return sc.matchKey(w)
}

// legalWordKeys sets the legal-form key of every Latin word.
func (sc *scratch) legalWordKeys() {
	for i := range sc.words {
		sc.legalWordKey(&sc.words[i])
	}
}

// legalWordKey sets the legal-form key of w, a Latin word of letters, and
// the patterns w may start or end (see formPatterns).
func (sc *scratch) legalWordKey(w *word) {
	sc.legalFormKey(w)
	sc.formPatterns(w)
}

// formPatterns sets the legal key with typos of w (see legalKey) and its
// formWord. It runs whenever the key changes.
func (sc *scratch) formPatterns(w *word) {
	w.lkey = sc.legalKey(w, true)
	w.form = nil
	if ix := patterns.get(); ix.keys.mayHold(w.lkey) {
		w.form = ix.words[w.lkey]
	}
}

// formKey returns legalKey(w, typos) as formPatterns set it.
func (sc *scratch) formKey(w *word, typos bool) string {
	if !typos && w.lfTypo {
		return sc.matchKey(w)
	}
	return w.lkey
}

// starts returns the patterns whose first key f is.
func (f *formWord) starts() []*pattern {
	if f == nil {
		return nil
	}
	return f.first
}

// ends returns the patterns whose last key f is.
func (f *formWord) ends() []*pattern {
	if f == nil {
		return nil
	}
	return f.last
}

// inPhrases reports whether f is a word of the legal forms' phrases.
func (f *formWord) inPhrases() bool { return f != nil && f.phrase }

// legalFormKey sets the legal-form key of w, a Latin word of letters.
func (sc *scratch) legalFormKey(w *word) {
	w.lfk, w.lfTypo = "", false
	if w.flags&(wLatin|wAlpha|wScript) != wLatin|wAlpha || w.kind == Initialism {
		return // words read from a run are read as their script's dictionary reads them
	}
	lw := legalWords.get()
	k := sc.matchKey(w)
	if lw.abbrevKeys.mayHold(k) {
		if full, ok := lw.abbrev[k]; ok {
			w.lfk = full
			return
		}
	}
	// A legal-form word as written ("Limited") corrects to nothing else.
	if len(sc.str(w.key)) < minTypoLen || !lw.typo.mayCorrect(k) || lw.typo.holds(k) {
		return
	}
	if c := lw.typo.nearest(k, true); c != "" && c != k {
		w.lfk, w.lfTypo = c, true
	}
}

// matchAt reports whether p matches the kept words starting at index i,
// and returns the index after the match. Words dropped already (legal
// forms, markers) are skipped: the Display, which the same stages read
// again, does not have them, so "Limited LLC Liability Company" holds
// "Limited Liability Company".
func (sc *scratch) matchAt(p *pattern, i int) (int, bool) {
	j := i
	for n, k := range p.keys {
		for n > 0 && j < len(sc.words) && sc.words[j].drop != keep {
			j++
		}
		if j >= len(sc.words) || sc.words[j].drop != keep {
			return 0, false
		}
		if sc.formKey(&sc.words[j], len(p.keys) > 1) != k || sc.words[j].flags&wScript != 0 && !p.script {
			return 0, false
		}
		if p.onlyCyrillic && !holdsCyrillic(sc.src[sc.words[j].ss:sc.words[j].se]) {
			return 0, false
		}
		j++
	}
	if p.onlyLetters && sc.words[i].kind != Initialism {
		return 0, false
	}
	if p.onlyInitialism {
		w := &sc.words[i]
		src := sc.src[w.ss:w.se]
		if sc.formats {
			src = strings.Map(dropFormat, src) // as the Display writes it
		}
		if w.kind != Initialism && src != sc.str(w.key) {
			return 0, false
		}
	}
	return j, true
}

// longestAt returns the longest pattern accepted by ok that matches at i.
func (sc *scratch) longestAt(i int, ok func(*pattern) bool) (int, *pattern) {
	if sc.words[i].drop != keep {
		return 0, nil
	}
	starts := sc.words[i].form.starts()
	if len(starts) == 0 {
		return 0, nil
	}
	// A pattern of several words matches only if its second key is that
	// of the next kept word (see matchAt): most are ruled out by it.
	next, more := "", false
	for j := i + 1; j < len(sc.words); j++ {
		if sc.words[j].drop == keep {
			next, more = sc.formKey(&sc.words[j], true), true
			break
		}
	}
	for _, p := range starts {
		if len(p.keys) > 1 && (!more || p.keys[1] != next) || !ok(p) {
			continue
		}
		if j, m := sc.matchAt(p, i); m {
			return j, p
		}
	}
	return 0, nil
}

// longestEndingAt returns the longest legal-form pattern that matches the
// kept words ending just before index e.
func (sc *scratch) longestEndingAt(e int) (int, *pattern) {
	last := &sc.words[e-1]
	if last.drop != keep {
		return 0, nil
	}
	ends := last.form.ends()
	if len(ends) == 0 {
		return 0, nil
	}
	// A pattern of several words matches only if its last key but one is
	// that of the kept word before (see matchAt).
	prev, more := "", false
	for j := e - 2; j >= 0; j-- {
		if sc.words[j].drop == keep {
			prev, more = sc.formKey(&sc.words[j], true), true
			break
		}
	}
	for _, p := range ends {
		if p.marker != keep || p.where == startOnly || len(p.keys) > 1 && (!more || p.keys[len(p.keys)-2] != prev) {
			continue
		}
		i, n := e-1, 1
		for n < len(p.keys) && i > 0 {
			i--
			if sc.words[i].drop == keep {
				n++
			}
		}
		if n < len(p.keys) {
			continue
		}
		if j, m := sc.matchAt(p, i); m && j == e {
			return i, p
		}
	}
	return 0, nil
}

// holdsCyrillic reports whether s holds a Cyrillic letter.
func holdsCyrillic(s string) bool {
	for _, r := range s {
		if r >= 0x0400 && r <= 0x052F {
			return true
		}
	}
	return false
}
