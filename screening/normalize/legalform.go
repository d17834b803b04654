package normalize

import (
	"slices"
	"sort"
	"strings"
	"sync"
)

// Stage 4: legal forms and list wording.
//
// The tables (legalform_table.go) are written as people write the forms
// ("Co., Ltd.", "Sp. z o.o.", "ООО"); each row is tokenized by the same
// stages 1-3 as the names, so a row matches whatever spelling folds to the
// same words. A pattern word of five letters or more matches by sound key
// ("Obshchestvo", "Obshestvo" and "Obschestvo" are one), a shorter one by
// key.
//
// Strong forms are recognized anywhere in the name. Ambiguous short forms
// (AG, AS, AB, SA, AD, CA, KK, SL, NV, ... marked edge in the table) only
// at the start or the end of a part of the name: the whole name, a
// comma-separated part, a parenthetical, or a part between "a.k.a."
// markers; and never when removing them would leave nothing ("AB" alone is
// a name, "Ltd." alone is empty). Edge forms are removed repeatedly, so
// "AO ZAO X" loses both.

// pattern is one compiled table row.
type pattern struct {
	keys           []string // match keys of the row's words
	class          Class
	edge           bool
	where          edgeSide   // for edge patterns: where in a part they may stand
	marker         dropReason // dropMarker or dropSuffix for list wording; keep for legal forms
	onlyInitialism bool       // "aka" and the like: only when written as an initialism or in lower case
}

// edgeSide says where in a part an edge pattern may stand.
type edgeSide uint8

const (
	startOrEnd edgeSide = iota
	startOnly
	endOnly
)

// hit is a legal form found in the name under construction.
type hit struct {
	class  Class
	ss, se int32
}

type patternIndex struct {
	byFirst map[string][]*pattern // longest first
	byLast  map[string][]*pattern // longest first
}

var patterns = sync.OnceValue(func() *patternIndex {
	ix := &patternIndex{byFirst: map[string][]*pattern{}, byLast: map[string][]*pattern{}}
	sc := new(scratch)
	add := func(text string, p pattern) {
		keys := patternKeys(sc, text)
		if len(keys) == 0 {
			panic("normalize: empty legal-form row " + quote(text)) // a bug in the table
		}
		p.keys = keys
		// "aka", "fka", "dba": only as an initialism or in lower case.
		p.onlyInitialism = p.marker == dropMarker && len(keys) == 1 && len(keys[0]) <= 3
		pp := &p
		ix.byFirst[keys[0]] = append(ix.byFirst[keys[0]], pp)
		ix.byLast[keys[len(keys)-1]] = append(ix.byLast[keys[len(keys)-1]], pp)
	}
	for _, row := range legalFormTable {
		for _, t := range row.strong {
			add(t, pattern{class: row.class})
		}
		for _, t := range row.edge {
			side := startOrEnd
			switch t[0] {
			case '^':
				side, t = startOnly, t[1:]
			case '$':
				side, t = endOnly, t[1:]
			}
			add(t, pattern{class: row.class, edge: true, where: side})
		}
	}
	for _, t := range markerTable {
		add(t, pattern{marker: dropMarker})
	}
	for _, t := range suffixTable {
		add(t, pattern{marker: dropSuffix})
	}
	for _, m := range []map[string][]*pattern{ix.byFirst, ix.byLast} {
		for _, ps := range m {
			sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].keys) > len(ps[j].keys) })
		}
	}
	return ix
})

// patternKeys tokenizes a table row.
func patternKeys(sc *scratch, text string) []string {
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= 0x80 {
			ascii = false
		}
	}
	sc.run(text, ascii)
	keys := make([]string, 0, len(sc.words))
	for i := range sc.words {
		keys = append(keys, strings.Clone(sc.matchKey(&sc.words[i])))
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

// matchAt reports whether p matches the kept words starting at index i
// (consecutive in sc.words), and returns the index after the match.
func (sc *scratch) matchAt(p *pattern, i int) (int, bool) {
	j := i
	for _, k := range p.keys {
		if j >= len(sc.words) || sc.words[j].drop != keep {
			return 0, false
		}
		if sc.matchKey(&sc.words[j]) != k {
			return 0, false
		}
		j++
	}
	if p.onlyInitialism {
		w := &sc.words[i]
		if w.kind != Initialism && sc.src[w.ss:w.se] != sc.str(w.key) {
			return 0, false
		}
	}
	return j, true
}

// markers drops "a.k.a."-style markers and list wording.
func (sc *scratch) markers() {
	ix := patterns()
	for i := 0; i < len(sc.words); {
		j, p := sc.longestAt(ix, i, func(p *pattern) bool { return p.marker != keep })
		if p == nil {
			i++
			continue
		}
		for k := i; k < j; k++ {
			sc.words[k].drop = p.marker
		}
		if p.marker == dropMarker && j < len(sc.words) {
			sc.words[j].flags |= wBoundary
		}
		i = j
	}
}

// longestAt returns the longest pattern accepted by ok that matches at i.
func (sc *scratch) longestAt(ix *patternIndex, i int, ok func(*pattern) bool) (int, *pattern) {
	if sc.words[i].drop != keep {
		return 0, nil
	}
	for _, p := range ix.byFirst[sc.matchKey(&sc.words[i])] {
		if !ok(p) {
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
func (sc *scratch) longestEndingAt(ix *patternIndex, e int) (int, *pattern) {
	last := &sc.words[e-1]
	for _, p := range ix.byLast[sc.matchKey(last)] {
		if p.marker != keep || p.where == startOnly {
			continue
		}
		i := e - len(p.keys)
		if i < 0 {
			continue
		}
		if _, m := sc.matchAt(p, i); m {
			return i, p
		}
	}
	return 0, nil
}

func (sc *scratch) removeForm(i, j int, p *pattern) {
	ss, se := sc.words[i].ss, sc.words[j-1].se
	if int(se) < len(sc.src) && sc.src[se] == '.' {
		se++
	}
	sc.hits = append(sc.hits, hit{class: p.class, ss: ss, se: se})
	for k := i; k < j; k++ {
		sc.words[k].drop = dropForm
	}
}

// legalForms finds and removes legal forms: strong ones anywhere, then
// edge ones at the ends of parts until nothing changes.
func (sc *scratch) legalForms() {
	ix := patterns()
	strong := func(p *pattern) bool { return p.marker == keep && !p.edge }
	for i := 0; i < len(sc.words); {
		j, p := sc.longestAt(ix, i, strong)
		if p == nil {
			i++
			continue
		}
		sc.removeForm(i, j, p)
		i = j
	}
	atStart := func(p *pattern) bool { return p.marker == keep && p.where != endOnly }
	for changed := true; changed; {
		changed = false
		for a := 0; a < len(sc.words); {
			// The part [a, b): from a word with a boundary to the next.
			b := a + 1
			for b < len(sc.words) && sc.words[b].flags&wBoundary == 0 {
				b++
			}
			first, last := -1, -1
			for k := a; k < b; k++ {
				if sc.words[k].drop == keep {
					if first < 0 {
						first = k
					}
					last = k
				}
			}
			if first >= 0 {
				if j, p := sc.longestAt(ix, first, atStart); p != nil && j <= last+1 && (!p.edge || sc.keptOutside(first, j)) {
					sc.removeForm(first, j, p)
					changed = true
				} else if i, p := sc.longestEndingAt(ix, last+1); p != nil && i >= first && (!p.edge || sc.keptOutside(i, last+1)) {
					sc.removeForm(i, last+1, p)
					changed = true
				}
			}
			a = b
		}
	}
	// Hits were appended in discovery order; the API promises input order.
	if len(sc.hits) > 1 {
		sc.sortHits()
	}
}

// keptOutside reports whether some word outside [i, j) is kept.
func (sc *scratch) keptOutside(i, j int) bool {
	for k := range sc.words {
		if (k < i || k >= j) && sc.words[k].drop == keep {
			return true
		}
	}
	return false
}

func (sc *scratch) sortHits() {
	// Insertion sort by source position.
	h := sc.hits
	for i := 1; i < len(h); i++ {
		for j := i; j > 0 && h[j].ss < h[j-1].ss; j-- {
			h[j], h[j-1] = h[j-1], h[j]
		}
	}
}

// leadingThe drops a leading "The" when more words follow.
func (sc *scratch) leadingThe() {
	for i := range sc.words {
		w := &sc.words[i]
		if w.drop != keep {
			continue
		}
		if w.flags&wLatin != 0 && sc.str(w.key) == "the" {
			for k := i + 1; k < len(sc.words); k++ {
				if sc.words[k].drop == keep {
					w.drop = dropThe
					break
				}
			}
		}
		return
	}
}

// splitCJKForms splits Chinese, Japanese and Korean legal forms written
// inside a word ("华为技术有限公司") into a word of their own.
func (sc *scratch) splitCJKForms() {
	for i := 0; i < len(sc.words); i++ {
		w := sc.words[i]
		if w.flags&wLatin != 0 || w.flags&wCJKSplit != 0 {
			continue
		}
		text := unsafeString(sc.fold[w.fs:w.fe]) // compared only
		if slices.Contains(cjkForms, text) {
			continue // a form by itself: matched whole by the table
		}
		for _, f := range cjkForms {
			if len(text) <= len(f) {
				continue
			}
			var cut int32
			switch {
			case strings.HasSuffix(text, f):
				cut = w.fe - int32(len(f))
			case strings.HasPrefix(text, f):
				cut = w.fs + int32(len(f))
			default:
				continue
			}
			left, right := w, w
			left.fe, left.se = cut, sc.pe[cut-1]
			right.fs, right.ss = cut, sc.ps[cut]
			right.flags &^= wBoundary
			left.flags |= wCJKSplit
			right.flags |= wCJKSplit
			sc.words = append(sc.words, word{})
			copy(sc.words[i+2:], sc.words[i+1:])
			sc.words[i], sc.words[i+1] = left, right
			i-- // the stem may carry a further form ("株式会社..." + "...有限公司")
			break
		}
	}
	for i := range sc.words {
		sc.words[i].flags &^= wCJKSplit
	}
}

// classify sets the kind and final key of every kept word.
func (sc *scratch) classify() {
	for i := range sc.words {
		w := &sc.words[i]
		if w.drop != keep {
			continue
		}
		sc.kept++
		switch {
		case w.kind == Initialism:
		case w.flags&wAnd != 0:
			w.kind = Generic
			w.gen = lookupGeneric("and", "and")
		case w.flags&wLatin == 0:
			w.kind = NonLatin
		case w.flags&wDigits != 0:
			w.kind = Number
		default:
			k := sc.str(w.key)
			if n := ordinalDigits(k); n > 0 {
				w.kind = Number
				w.key.n = int32(n)
				if w.key.where == refConst {
					w.key.c = w.key.c[:n]
				}
				continue
			}
			if d, ok := ordinals[k]; ok {
				w.kind = Number
				w.key = ref{where: refConst, c: d}
				continue
			}
			if g := lookupGeneric(k, sc.str(w.sound)); g != nil {
				w.kind = Generic
				w.gen = g
				continue
			}
			w.kind = Distinctive
		}
	}
}

// ordinalDigits returns the number of leading digits of an ordinal such as
// "1st" or "48th", or 0.
func ordinalDigits(k string) int {
	n := 0
	for n < len(k) && k[n] >= '0' && k[n] <= '9' {
		n++
	}
	if n == 0 || n != len(k)-2 {
		return 0
	}
	switch k[n:] {
	case "st", "nd", "rd", "th":
		return n
	}
	return 0
}
