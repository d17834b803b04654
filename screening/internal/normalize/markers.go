package normalize

// Stages 3 and 4: list wording and a leading "The".
//
// Markers ("a.k.a.", "f.k.a.", "d/b/a") and list wording ("and any
// successor, sub-unit, or subsidiary thereof") are patterns of the
// legal-form index (patterns.go, rows in legalform_table.go), removed
// before and between the legal-form passes; a leading "The" is dropped
// with them.

// markers drops "a.k.a."-style markers and list wording, matched over the
// kept words: words dropped already do not separate a marker's words, as
// they are absent from the Display. It runs first, and again after the
// legal forms, whose removal can join the words of a marker ("Trading
// Ltd As" reads "Trading As"), so that the Display normalizes to the same
// tokens. It reports whether it dropped anything.
func (sc *scratch) markers() bool {
	found := false
	for i := 0; i < len(sc.words); {
		j, p := sc.longestAt(i, isMarker)
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
	found := false
	for i := 0; i <= k && !found; i++ {
		if j, p := sc.longestAt(i, isMarker); p != nil && j > k {
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
