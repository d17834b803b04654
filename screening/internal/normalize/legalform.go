package normalize

import (
	"cmp"
	"slices"
)

// Stage 4: legal forms.
//
// The forms are the patterns of legalform_table.go, compiled and matched
// by patterns.go. Strong forms are recognized anywhere in the name.
// Ambiguous short forms (AG, AS, AB, SA, AD, CA, KK, SL, NV, ... marked
// edge in the table) only at the start or the end of a part of the name:
// the whole name, a comma-separated part, a parenthetical, or a part
// between "a.k.a." markers; and never when removing them would leave
// nothing ("AB" alone is a name, "Ltd." alone is empty). Edge forms are
// removed repeatedly, so "AO ZAO X" loses both.

// hit is a legal form found in the name under construction.
type hit struct {
	class  Class
	ss, se int32
}

// legalForms finds and removes legal forms until nothing changes: a
// removal can uncover the end of a scrambled phrase ("A Co Stock S" loses
// the "S", then "Co Stock"), as the Display, which lacks the removed words,
// would. It reports whether it dropped any word.
func (sc *scratch) legalForms() bool {
	dropped := sc.droppedWords()
	for sc.legalFormsOnce() && sc.mayHoldForms() {
	}
	sc.freshApart()
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
	ix := patterns.get()
	strong := func(p *pattern) bool { return p.marker == keep && !p.edge }
	sc.scrambledForms(ix)
	for i := 0; i < len(sc.words); {
		j, p := sc.longestAt(i, strong)
		if p == nil || sc.longerOverlap(i, j, strong) {
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
				if j, p := sc.longestAt(first, atStart); p != nil && j <= last+1 && (!p.alone || j == last+1) && (!p.edge || sc.keptOutside(first, j)) {
					sc.removeForm(first, j, p)
					changed = true
				} else if i, p := sc.longestEndingAt(last + 1); p != nil && i >= first && (!p.alone || i == first) && (!p.edge || sc.keptOutside(i, last+1)) {
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

// mayHoldForms reports whether a kept word may still take part in a
// legal form: one that a pattern or phrase of the table holds (see
// formPatterns), or letters (see endLetters and tailLetters). When none
// does, a further pass of legalFormsOnce finds nothing.
func (sc *scratch) mayHoldForms() bool {
	for i := range sc.words {
		w := &sc.words[i]
		if w.drop == keep && (w.form != nil || w.kind == Initialism || sc.letterWord(w)) {
			return true
		}
	}
	return false
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
// "A - B"), so that the Display normalizes to the same tokens. The words
// are those the Display shows (see shown), the forms a branch follows
// among them. The marks are worked out afresh after every removal (a
// removal can part two initialisms or take away the one that needed the
// mark), when they are next read (see freshApart): a name of many forms
// ("A LLC B LLC ...") is read once, not once a form.
func (sc *scratch) keepApart() { sc.apartStale = true }

// freshApart works the marks of keepApart out afresh if a removal made
// them stale. lightBefore calls it, and legalForms before it returns, so
// that every reader sees the marks of the words as they are.
func (sc *scratch) freshApart() {
	if sc.apartStale {
		sc.apartStale = false
		sc.markApart(true)
	}
}

// markApart marks wApart as keepApart says, clearing the marks first when
// afresh is set; otherwise it only adds marks, for the forms markBranches
// shows, once the words are classified (an ezafe "e" is no initialism
// then, though it stood between two when the marks were made).
func (sc *scratch) markApart(afresh bool) {
	prev, prev2 := -1, -1 // the last two words shown
	for b := range sc.words {
		w := &sc.words[b]
		if afresh {
			w.flags &^= wApart
		}
		if !sc.shown(b) {
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
// word x from the previous word in the Display: the words between, which
// the Display lacks, do not count, and a word shown marked wApart has a
// hyphen before it.
func (sc *scratch) lightBefore(x int) bool {
	sc.freshApart()
	for k := x; k > 0; k-- {
		w := &sc.words[k]
		if w.flags&wLightSep == 0 || w.flags&wBoundary != 0 || w.flags&wApart != 0 && sc.shown(k) {
			return false
		}
		if sc.shown(k - 1) {
			return true
		}
	}
	return false
}

// shown reports whether the Display shows word k as keepApart sees it: a
// kept word, or a form the words of a branch follow (see markBranches).
func (sc *scratch) shown(k int) bool {
	return sc.words[k].drop == keep || sc.words[k].flags&wBranch != 0
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
	isWord := func(k int) bool {
		w := &sc.words[k]
		return w.drop == keep && w.flags&(wLatin|wScript) == wLatin && w.form.inPhrases()
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
			if !sc.inOrder(ra, rb, ea, eb) {
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
func (sc *scratch) inOrder(a, s1, e0, b int) bool {
	if s1 > a {
		if j, p := sc.longestAt(a, func(p *pattern) bool { return p.marker == keep }); p != nil && j >= s1 && (j > s1 || e0 == b) {
			return true
		}
	}
	if b > e0 {
		if i, p := sc.longestEndingAt(b); p != nil && i <= e0 && (i < e0 || s1 == a) {
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
	if w.drop != keep || w.flags&(wLatin|wAlpha|wAndJoined|wScript) != wLatin|wAlpha {
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
// joined single letters, never inside a two-letter word or letters joined
// by hyphens. It reports whether a form was found and whether a word was
// split (the words moved).
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
		if inside > 0 && (w.kind != Initialism || w.flags&wHyphens != 0) {
			continue // never inside a two-letter word, nor inside letters joined by hyphens, which would not join again
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
	sc.formPatterns(&left)
	sc.formPatterns(&right)
	sc.words = append(sc.words, word{})
	copy(sc.words[k+2:], sc.words[k+1:])
	sc.words[k], sc.words[k+1] = left, right
}

// longerOverlap reports whether a longer form than [i, j) starts inside it
// and ends after it: in "Co Limited Liability Company" the form is
// "Limited Liability Company", not "Co Limited" (the "Co" stays a word).
func (sc *scratch) longerOverlap(i, j int, ok func(*pattern) bool) bool {
	for k := i + 1; k < j; k++ {
		if e, p := sc.longestAt(k, ok); p != nil && e > j && e-k > j-i {
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

// sortHits sorts the hits by source position, stably: a name of many
// forms found from its end ("X S A S A ...") has them in reverse order.
func (sc *scratch) sortHits() {
	slices.SortStableFunc(sc.hits, func(a, b hit) int { return cmp.Compare(a.ss, b.ss) })
}
