package normalize

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
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
	onlyLetters    bool       // "#" rows: only when written as separate letters ("S.A.C.", "S A C", not "SAC")
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
	letters map[string]*pattern   // one-word forms made of letters only ("sas", "llc"), strong first
	bySet   map[string]*pattern   // phrases of Latin words by their sorted keys; nil if two classes share them
}

var patterns = sync.OnceValue(func() *patternIndex {
	ix := &patternIndex{byFirst: map[string][]*pattern{}, byLast: map[string][]*pattern{}, letters: map[string]*pattern{}, bySet: map[string]*pattern{}}
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
		if len(keys) > 1 && p.marker == keep && !p.edge && asciiOnly(text) {
			sig := strings.Join(slices.Sorted(slices.Values(keys)), " ")
			if q, seen := ix.bySet[sig]; !seen {
				ix.bySet[sig] = pp
			} else if q != nil && q.class != p.class {
				ix.bySet[sig] = nil
			}
		}
		if k := keys[0]; len(keys) == 1 && p.marker == keep && len(k) >= 2 && len(k) <= maxLetterForm && lettersOnly(k) {
			if q := ix.letters[k]; q == nil || q.edge && !p.edge {
				ix.letters[k] = pp
			}
		}
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
			letters := false
			if t[0] == '#' {
				letters, t = true, t[1:]
			}
			add(t, pattern{class: row.class, edge: true, where: side, onlyLetters: letters})
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
	lw := legalWords()
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
	lw := legalWords()
	for i := range sc.words {
		w := &sc.words[i]
		w.lfk, w.lfTypo = "", false
		if w.flags&(wLatin|wAlpha) != wLatin|wAlpha || w.kind == Initialism {
			continue
		}
		k := sc.matchKey(w)
		if full, ok := lw.abbrev[k]; ok {
			w.lfk = full
			continue
		}
		if len(sc.str(w.key)) < minTypoLen {
			continue
		}
		if c := lw.typo.correct(k, true); c != "" && c != k {
			w.lfk, w.lfTypo = c, true
		}
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
		if sc.legalKey(&sc.words[j], len(p.keys) > 1) != k {
			return 0, false
		}
		j++
	}
	if p.onlyLetters && sc.words[i].kind != Initialism {
		return 0, false
	}
	if p.onlyInitialism {
		w := &sc.words[i]
		if w.kind != Initialism && sc.src[w.ss:w.se] != sc.str(w.key) {
			return 0, false
		}
	}
	return j, true
}

// markers drops "a.k.a."-style markers and list wording, matched over the
// kept words: words dropped already do not separate a marker's words, as
// they are absent from the Display. It runs first, and again after the
// legal forms, whose removal can join the words of a marker ("Trading
// Ltd As" reads "Trading As"), so that the Display normalizes to the same
// tokens. It reports whether it dropped anything.
func (sc *scratch) markers() bool {
	ix := patterns()
	found := false
	for i := 0; i < len(sc.words); {
		j, p := sc.longestAt(ix, i, isMarker)
		if p == nil {
			i++
			continue
		}
		found = true
		for k := i; k < j; k++ {
			if sc.words[k].drop == keep {
				sc.words[k].drop = p.marker
			}
		}
		if p.marker == dropMarker && j < len(sc.words) {
			sc.words[j].flags |= wBoundary
		}
		i = j
	}
	return found
}

func isMarker(p *pattern) bool { return p.marker != keep }

// makesMarker reports whether word k would be a word of a marker over the
// kept words once the kept words (k, e) are dropped.
func (sc *scratch) makesMarker(k, e int) bool {
	for m := k + 1; m < e; m++ {
		if sc.words[m].drop == keep {
			sc.words[m].drop = dropTrial
		}
	}
	ix := patterns()
	found := false
	for i := 0; i <= k && !found; i++ {
		if j, p := sc.longestAt(ix, i, isMarker); p != nil && j > k {
			found = true
		}
	}
	for m := k + 1; m < e; m++ {
		if sc.words[m].drop == dropTrial {
			sc.words[m].drop = keep
		}
	}
	return found
}

// longestAt returns the longest pattern accepted by ok that matches at i.
func (sc *scratch) longestAt(ix *patternIndex, i int, ok func(*pattern) bool) (int, *pattern) {
	if sc.words[i].drop != keep {
		return 0, nil
	}
	for _, p := range ix.byFirst[sc.legalKey(&sc.words[i], true)] {
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
	if last.drop != keep {
		return 0, nil
	}
	for _, p := range ix.byLast[sc.legalKey(last, true)] {
		if p.marker != keep || p.where == startOnly {
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

func (sc *scratch) removeForm(i, j int, p *pattern) {
	ss, se := sc.words[i].ss, sc.words[j-1].se
	if int(se) < len(sc.src) && sc.src[se] == '.' {
		se++
	}
	sc.hits = append(sc.hits, hit{class: p.class, ss: ss, se: se})
	for k := i; k < j; k++ {
		if sc.words[k].drop == keep {
			sc.words[k].drop = dropForm
		}
	}
	sc.keepApart()
}

// keepApart keeps initialisms apart that removed words separated: in "A
// LLC B" the letters are two initialisms, but "A B" would be one, and in
// "A LLC & B" the letters and the "&" are three words, but "A & B" would be
// one initialism (see joinInitialisms). The word after the removed ones is
// marked wApart: while it is kept it no longer counts as separated by
// spaces only (as if a hyphen stood there, which the Display writes:
// "A-B"), so that the Display normalizes to the same tokens. The marks are
// worked out afresh after every removal: a removal can part two initialisms
// or take away the one that needed the mark.
func (sc *scratch) keepApart() {
	prev, prev2 := -1, -1 // the last two kept words
	for b := range sc.words {
		w := &sc.words[b]
		w.flags &^= wApart
		if w.drop != keep {
			continue
		}
		if prev >= 0 && w.kind == Initialism && sc.lightBefore(b) {
			switch {
			case b > prev+1 && sc.words[prev].kind == Initialism:
				w.flags |= wApart
			case prev2 >= 0 && sc.words[prev2].kind == Initialism && sc.isAnd(&sc.words[prev]) && sc.lightBefore(prev):
				// Initialism, "and", initialism: the Display would join
				// them unless one of the two gaps holds removed words.
				if b > prev+1 {
					w.flags |= wApart
				} else if prev > prev2+1 {
					sc.words[prev].flags |= wApart
				}
			}
		}
		prev2, prev = prev, b
	}
}

// lightBefore reports whether only spaces, dots and slashes separate the
// kept word x from the previous kept word in the Display: the words
// between, which the Display lacks, do not count, and a kept word marked
// wApart has a hyphen before it.
func (sc *scratch) lightBefore(x int) bool {
	for k := x; k > 0; k-- {
		w := &sc.words[k]
		if w.flags&wLightSep == 0 || w.flags&wBoundary != 0 || w.flags&wApart != 0 && w.drop == keep {
			return false
		}
		if sc.words[k-1].drop == keep {
			return true
		}
	}
	return false
}

// legalForms finds and removes legal forms until nothing changes: a
// removal can uncover the end of a scrambled phrase ("A Co Stock S" loses
// the "S", then "Co Stock"), as the Display, which lacks the removed words,
// would. It reports whether it dropped any word.
func (sc *scratch) legalForms() bool {
	dropped := sc.droppedWords()
	for sc.legalFormsOnce() {
	}
	// Hits were appended in discovery order; the API promises input order.
	if len(sc.hits) > 1 {
		sc.sortHits()
	}
	return sc.droppedWords() != dropped
}

// legalFormsOnce finds and removes legal forms: scrambled phrases, strong
// forms anywhere, then edge ones at the ends of parts until nothing
// changes. It reports whether it dropped any word.
func (sc *scratch) legalFormsOnce() bool {
	dropped := sc.droppedWords()
	ix := patterns()
	strong := func(p *pattern) bool { return p.marker == keep && !p.edge }
	sc.scrambledForms(ix)
	for i := 0; i < len(sc.words); {
		j, p := sc.longestAt(ix, i, strong)
		if p == nil || sc.longerOverlap(ix, i, j, strong) {
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
				} else if found, split := sc.endLetters(ix, first, last); found {
					changed = true
					if split {
						break // the words moved: start the pass again
					}
				}
			}
			a = b
		}
		if !changed {
			changed = sc.tailLetters()
		}
	}
	return sc.droppedWords() != dropped
}

// droppedWords returns the number of words not kept (a split word counts
// twice, so a split and a removal count as a change).
func (sc *scratch) droppedWords() int {
	n := 0
	for i := range sc.words {
		if sc.words[i].drop != keep {
			n++
		}
	}
	return n
}

// scrambledForms finds legal-form phrases whose words were reordered or
// split around the name, as some records rotate a name's words: "Company
// IKS Joint Stock", "Liability Company Sberbank Capital Limited",
// "Obshchestvo Aktsionernoe Saratovski Zavod". In each part of the name,
// the run of words of the table's phrases (by legalKey: abbreviations
// unfolded, long words with one typo; "s" and "de" included) at its start
// and the run at its end, together, must hold exactly the words of one
// phrase of the table, in any order; both runs are then removed as one
// form. Something else must remain.
func (sc *scratch) scrambledForms(ix *patternIndex) {
	lw := legalWords()
	isWord := func(k int) bool {
		w := &sc.words[k]
		return w.drop == keep && w.flags&wLatin != 0 && lw.phrase[sc.legalKey(w, true)]
	}
	kept := sc.idx[:0]
	for a := 0; a < len(sc.words); {
		b := a + 1
		for b < len(sc.words) && sc.words[b].flags&wBoundary == 0 {
			b++
		}
		// The kept words of the part, as the Display has them.
		kept = kept[:0]
		for k := a; k < b; k++ {
			if sc.words[k].drop == keep {
				kept = append(kept, int32(k))
			}
		}
		s1 := 0 // kept[:s1] the run at the start
		for s1 < len(kept) && isWord(int(kept[s1])) {
			s1++
		}
		e0 := len(kept) // kept[e0:] the run at the end
		for e0 > s1 && isWord(int(kept[e0-1])) {
			e0--
		}
		n := s1 + len(kept) - e0
		if n >= 2 && n <= 8 && e0 > s1 {
			// Word indices: [ra, rb) and [ea, eb) span the runs; an empty
			// run is empty at the part's first or last kept word.
			ra, rb := int(kept[0]), int(kept[0])
			if s1 > 0 {
				rb = int(kept[s1-1]) + 1
			}
			ea, eb := int(kept[len(kept)-1])+1, int(kept[len(kept)-1])+1
			if e0 < len(kept) {
				ea = int(kept[e0])
			}
			if !sc.inOrder(ix, ra, rb, ea, eb) {
				var keys [8]string
				m := 0
				for i, k := range kept {
					if i < s1 || i >= e0 {
						keys[m] = sc.legalKey(&sc.words[k], true)
						m++
					}
				}
				slices.Sort(keys[:m])
				var buf [128]byte
				sig := buf[:0]
				for i, k := range keys[:m] {
					if i > 0 {
						sig = append(sig, ' ')
					}
					sig = append(sig, k...)
				}
				if p := ix.bySet[unsafeString(sig)]; p != nil && sc.keptOutside(ra, rb) {
					sc.removeScrambled(ra, rb, ea, eb, p)
				}
			}
		}
		a = b
	}
	sc.idx = kept
}

// inOrder reports whether the table matches a run as written, reaching
// beyond it into the words between the runs ("Closed Type Joint Stock
// Company", where "Type" is no legal-form word by itself) or covering the
// only run exactly: the other passes find those.
func (sc *scratch) inOrder(ix *patternIndex, a, s1, e0, b int) bool {
	if s1 > a {
		if j, p := sc.longestAt(ix, a, func(p *pattern) bool { return p.marker == keep }); p != nil && j >= s1 && (j > s1 || e0 == b) {
			return true
		}
	}
	if b > e0 {
		if i, p := sc.longestEndingAt(ix, b); p != nil && i <= e0 && (i < e0 || s1 == a) {
			return true
		}
	}
	return false
}

// removeScrambled removes the runs [a, s1) and [e0, b) as one legal form;
// the longer run is its Text.
func (sc *scratch) removeScrambled(a, s1, e0, b int, p *pattern) {
	i, j := a, s1
	if b-e0 > s1-a {
		i, j = e0, b
	}
	sc.removeForm(i, j, p)
	for k := a; k < s1; k++ {
		if sc.words[k].drop == keep {
			sc.words[k].drop = dropForm
		}
	}
	for k := e0; k < b; k++ {
		if sc.words[k].drop == keep {
			sc.words[k].drop = dropForm
		}
	}
	sc.keepApart()
}

// maxLetterForm is the longest legal form recognized from re-spaced letters.
const maxLetterForm = 6

func lettersOnly(k string) bool {
	for i := 0; i < len(k); i++ {
		if k[i] < 'a' || k[i] > 'z' {
			return false
		}
	}
	return true
}

// letterWord reports whether w can be part of a legal form written as
// re-spaced letters: joined single letters ("S A", "L L C") or a word of
// two letters ("Sa").
func (sc *scratch) letterWord(w *word) bool {
	if w.drop != keep || w.flags&(wLatin|wAlpha|wAndJoined) != wLatin|wAlpha {
		return false
	}
	k := sc.str(w.key)
	return (w.kind == Initialism || len(k) == 2) && lettersOnly(k)
}

// endLetters finds a legal form written as letters re-spaced unevenly at
// the end of the part [first, last]: "SA S" and "Sa S" are "S.A.S.",
// "SA S U" is "S.A.S.U.", "SA R L" is "S.A.R.L.", and in "Agusta Grand I
// L L C" the joined letters "illc" end with "L.L.C.". The letters of the
// trailing run of letter words are joined and the longest one-word form
// they end with is removed; the cut may fall between two words or inside
// joined single letters, never inside a two-letter word. It reports
// whether a form was found and whether a word was split (the words moved).
func (sc *scratch) endLetters(ix *patternIndex, first, last int) (found, split bool) {
	if !sc.letterWord(&sc.words[last]) {
		return false, false
	}
	// The run of letter words ending at last, kept words only: run[0] is
	// last, run[1] the kept word before it, ...
	var runBuf [2 * maxLetterForm]int
	run := append(runBuf[:0], last)
	total := len(sc.str(sc.words[last].key))
	for x := last; x > first && sc.lightBefore(x); {
		prev := x - 1
		for sc.words[prev].drop != keep {
			prev--
		}
		if !sc.letterWord(&sc.words[prev]) {
			break
		}
		n := len(sc.str(sc.words[prev].key))
		if total+n > 2*maxLetterForm {
			break
		}
		total += n
		run = append(run, prev)
		x = prev
	}
	slices.Reverse(run)
	var buf [2 * maxLetterForm]byte
	letters := buf[:0]
	for _, k := range run {
		letters = append(letters, sc.str(sc.words[k].key)...)
	}
	lastLen := len(sc.str(sc.words[last].key))
	for m := min(len(letters), maxLetterForm); m >= 2; m-- {
		cut := len(letters) - m
		if m == lastLen {
			continue // the last word alone: the table was asked already
		}
		p := ix.letters[unsafeString(letters[cut:])]
		if p == nil || p.where == startOnly {
			continue
		}
		// Find the word the cut falls in.
		r, off := 0, 0
		for off+len(sc.str(sc.words[run[r]].key)) <= cut {
			off += len(sc.str(sc.words[run[r]].key))
			r++
		}
		k := run[r]
		w := &sc.words[k]
		inside := cut - off
		if inside > 0 && w.kind != Initialism {
			continue // never inside a two-letter word
		}
		if p.edge && inside == 0 && !sc.keptOutside(k, last+1) {
			continue
		}
		if inside > 0 {
			orig := sc.words[k]
			sc.splitLetters(k, inside)
			if sc.makesMarker(k, last+2) {
				// The letters left would read as a marker ("A K A A B"
				// is not "a.k.a. AB"): keep them one initialism.
				sc.words[k] = orig
				sc.words = slices.Delete(sc.words, k+1, k+2)
				continue
			}
			sc.removeForm(k+1, last+2, p)
			return true, true
		}
		sc.removeForm(k, last+1, p)
		return true, false
	}
	return false, false
}

// splitLetters splits the joined initialism sc.words[k] after its first n
// letters into two words.
func (sc *scratch) splitLetters(k, n int) {
	w := sc.words[k]
	// The fold position of the n-th letter (0-based) of the initialism.
	pos, seen := w.fs, 0
	for i := w.fs; i < w.fe; i++ {
		if c := sc.fold[i]; c >= 'a' && c <= 'z' {
			if seen == n {
				pos = i
				break
			}
			seen++
		}
	}
	left, right := w, w
	prevLetter := pos - 1
	for prevLetter > w.fs && (sc.fold[prevLetter] < 'a' || sc.fold[prevLetter] > 'z') {
		prevLetter--
	}
	left.fe, left.se = prevLetter+1, sc.pe[prevLetter]
	right.fs, right.ss = pos, sc.ps[pos]
	right.flags = right.flags&^(wBoundary|wApart) | wLightSep
	left.key.n = int32(n)
	right.key.off += int32(n)
	right.key.n -= int32(n)
	left.sound, right.sound = left.key, right.key
	sc.words = append(sc.words, word{})
	copy(sc.words[k+2:], sc.words[k+1:])
	sc.words[k], sc.words[k+1] = left, right
}

// longerOverlap reports whether a longer form than [i, j) starts inside it
// and ends after it: in "Co Limited Liability Company" the form is
// "Limited Liability Company", not "Co Limited" (the "Co" stays a word).
func (sc *scratch) longerOverlap(ix *patternIndex, i, j int, ok func(*pattern) bool) bool {
	for k := i + 1; k < j; k++ {
		if e, p := sc.longestAt(ix, k, ok); p != nil && e > j && e-k > j-i {
			return true
		}
	}
	return false
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

// leadingThe drops a leading "The" (repeated: "The The 0") when more
// words follow, so that the Display normalizes to the same tokens. It runs
// before the legal forms (the Display has no "The", so "The AB Foo" has
// the edge form "AB" at its start) and again whenever removed forms leave
// a "The" leading ("LLC The Foo"). It reports whether it dropped anything.
func (sc *scratch) leadingThe() bool {
	dropped := false
	for i := range sc.words {
		w := &sc.words[i]
		if w.drop != keep {
			continue
		}
		if w.flags&wLatin == 0 || sc.str(w.key) != "the" {
			break
		}
		next := false
		for k := i + 1; k < len(sc.words); k++ {
			if sc.words[k].drop == keep {
				next = true
				break
			}
		}
		if !next {
			break
		}
		w.drop = dropThe
		dropped = true
	}
	return dropped
}

// restoreThe keeps the last dropped "The" when nothing else is left: the
// words that followed it were legal forms ("The LLC" is "The", as is the
// Display "The").
func (sc *scratch) restoreThe() {
	last := -1
	for i := range sc.words {
		switch sc.words[i].drop {
		case keep:
			return
		case dropThe:
			last = i
		}
	}
	if last >= 0 {
		sc.words[last].drop = keep
	}
}

// splitCJKForms splits Chinese, Japanese and Korean legal forms written
// inside a word ("华为技术有限公司") into a word of their own, from either
// end and as often as they occur, so that the stem left over reads the
// same by itself (the Display must normalize to the same tokens).
func (sc *scratch) splitCJKForms() {
	for i := 0; i < len(sc.words); i++ {
		w := sc.words[i]
		if w.flags&wLatin != 0 {
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
			case strings.HasPrefix(text, f) && !startsWithMark(text[len(f):]):
				// (A combining mark after the form changes its last letter.)
				cut = w.fs + int32(len(f))
			default:
				continue
			}
			left, right := w, w
			left.fe, left.se = cut, sc.pe[cut-1]
			right.fs, right.ss = cut, sc.ps[cut]
			right.flags = right.flags&^wBoundary | wLightSep // nothing separates the two parts
			sc.words = append(sc.words, word{})
			copy(sc.words[i+2:], sc.words[i+1:])
			sc.words[i], sc.words[i+1] = left, right
			i-- // look again: the stem may carry a further form ("株式会社..." + "...有限公司")
			break
		}
	}
}

// startsWithMark reports whether s starts with a combining mark.
func startsWithMark(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me)
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
				if g.distinctive {
					w.kind = Distinctive
				}
				w.gen = g
				continue
			}
			if legalWords().generic[sc.legalKey(w, false)] {
				w.kind = Generic // a word of a scrambled or partial legal form; its key stays
				continue
			}
			w.kind = Distinctive
		}
	}
}

// tailLetters drops single letters left at the end of a name when they
// are the remains of a legal form written as dotted letters whose first
// letters were dropped or cut off ("Rosagro S" of "Rosagro S.A.S.",
// "Gemini S U" of "S.A.S.U.", "Lucero Import C" of "S.A.C."): the last
// kept word, an initialism whose letters end such a form (see
// legalWordIndex.tailLetters; i, v and x are Roman numerals and stay), in
// the first part of the name (so "SMITH, John A" keeps its initial), when
// a word that is not an initialism remains. Legal forms removed after it
// do not matter ("Zenit S LLC" loses the "S" too), so that the Display
// normalizes to the same tokens. When only one class of form ends with those letters ("S U" of
// S.A.S.U.) the form is recorded; otherwise the letters are only dropped.
//
// The word that remains must be more than an organization word: "Group A"
// keeps its letter, which is then all that tells it from any other group.
//
// It runs with the edge forms, until nothing changes: "0 AB A" loses "A",
// then the edge form "AB".
func (sc *scratch) tailLetters() bool {
	last := -1
	for i := len(sc.words) - 1; i >= 0; i-- {
		if sc.words[i].drop == keep {
			last = i
			break
		}
	}
	if last < 0 {
		return false
	}
	w := &sc.words[last]
	if w.kind != Initialism || w.flags&wLatin == 0 || !sc.lightBefore(last) || !sc.asciiLetters(w) {
		return false // "Angstrem-T" keeps its letter, and so do transliterated letters
	}
	class, ok := legalWords().tailLetters[sc.str(w.key)]
	if !ok {
		return false
	}
	other, seen := false, false
	for i := range last + 1 {
		o := &sc.words[i]
		if seen && o.flags&wBoundary != 0 {
			return false // not in the first part that has words
		}
		if o.drop == keep {
			seen = true
			if i < last && o.kind != Initialism && !sc.isGeneric(o) {
				other = true
			}
		}
	}
	if !other {
		return false
	}
	if class != "" {
		sc.removeForm(last, last+1, &pattern{class: class})
	} else {
		w.drop = dropForm
	}
	return true
}

// isGeneric reports whether w is an organization word such as "Group".
func (sc *scratch) isGeneric(w *word) bool {
	g := lookupGeneric(sc.str(w.key), sc.str(w.sound))
	return g != nil && !g.distinctive
}

// asciiLetters reports whether every letter of w was an ASCII letter in
// the source, not a transliterated one. The separators between the letters
// of an initialism do not count: a no-break or other Unicode space reads as
// a plain space, as it does in the tokenizer and in the Display ("A\u00a0C"
// is written "A C"), so that the Display normalizes to the same tokens.
func (sc *scratch) asciiLetters(w *word) bool {
	for i := w.fs; i < w.fe; i++ {
		if c := sc.fold[i]; c < 'a' || c > 'z' {
			continue
		}
		if sc.pe[i]-sc.ps[i] != 1 || sc.src[sc.ps[i]] >= 0x80 {
			return false
		}
	}
	return true
}

// ordinalDigits returns the number of leading digits of an ordinal such as
// "1st" or "48th", or 0. English suffixes written in Cyrillic letters
// ("5ТХ", "21СТ") arrive transliterated: "тх" is "tkh".
func ordinalDigits(k string) int {
	n := 0
	for n < len(k) && k[n] >= '0' && k[n] <= '9' {
		n++
	}
	if n == 0 {
		return 0
	}
	switch k[n:] {
	case "st", "nd", "rd", "th", "tkh":
		return n
	}
	return 0
}
