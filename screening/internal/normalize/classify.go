package normalize

// Word classification: after the markers and legal forms, every kept word
// gets its Kind (Initialism, Number, Generic, Distinctive, NonLatin) and
// final key; single letters left at the end of a name that are the
// remains of a dotted legal form are dropped first (tailLetters, run with
// the edge forms).

// classify sets the kind and final key of every kept word.
//
// A name of one word keeps it as written unless the tables spell it so: a
// word that only sounds like an organization word or misspells one
// ("Cenntro", "centro" sounded so) is the name itself, and read as the
// organization word it would meet every list name of that word alone
// ("LLC Center") whole. The words are counted before places are marked:
// "Cenntro Beijing" is two words, and its first read as "center".
func (sc *scratch) classify() {
	one := sc.keptWords() == 1
	for i := range sc.words {
		w := &sc.words[i]
		if w.drop != keep {
			continue
		}
		sc.kept++
		switch {
		case sc.ezafe(i):
			w.kind = Generic
			w.gen = lookupGeneric("of", "of")
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
				sc.formPatterns(w)
				continue
			}
			if d, ok := spelledOrdinal(k); ok {
				w.kind = Number
				w.key = ref{where: refConst, c: d}
				sc.formPatterns(w)
				continue
			}
			if g := lookupGeneric(k, sc.str(w.sound)); g != nil && (!one || g.distinctive || spelledGeneric(k)) {
				w.kind = Generic
				if g.distinctive {
					w.kind = Distinctive
				}
				w.gen = g
				continue
			}
			if lw, fk := legalWords.get(), sc.formKey(w, false); lw.genericKeys.mayHold(fk) && lw.generic[fk] {
				w.kind = Generic // a word of a scrambled or partial legal form; its key stays
				continue
			}
			w.kind = Distinctive
		}
	}
}

// keptWords returns how many words are kept.
func (sc *scratch) keptWords() int {
	n := 0
	for i := range sc.words {
		if sc.words[i].drop == keep {
			n++
		}
	}
	return n
}

// ezafe reports whether word i is the Persian ezafe, the particle that
// joins a word to the word after it as "of" does ("Bank-e Sarmayeh" is
// "Bank of Sarmayeh", "Darya-ye Khazar" "Sea of Khazar"; records write it
// apart too: "Bank E Sarmayeh"): "e", or "ye" joined by a single hyphen
// to the word before, after a Latin word of two letters or more (the kept
// word before it: removed words between do not count), with a kept word
// after it,
// in a name not read as a person's (whose "E" is an initial: "John E
// Smith"). It reads as the connector "of", not as a letter that names
// alike with the particle would share.
func (sc *scratch) ezafe(i int) bool {
	w := &sc.words[i]
	if sc.choice.person || w.flags&(wLatin|wAlpha) != wLatin|wAlpha || i == 0 {
		return false
	}
	j := i - 1 // the kept word before it: the Display drops the others
	for j >= 0 && sc.words[j].drop != keep {
		j--
	}
	if j < 0 {
		return false
	}
	// "Ye" apart is a Chinese name ("Wang Ye Ping"); joined by a hyphen to
	// a removed word, it is apart from the kept one in the Display.
	if k := unsafeString(sc.fold[w.fs:w.fe]); k != "e" && (k != "ye" || w.flags&wHyphen == 0 || j != i-1) {
		return false
	}
	if prev := &sc.words[j]; prev.flags&(wLatin|wAlpha) != wLatin|wAlpha || prev.fe-prev.fs < 2 {
		return false
	}
	for j := i + 1; j < len(sc.words); j++ {
		if sc.words[j].drop == keep {
			return true
		}
	}
	return false
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
	class, ok := legalWords.get().tailLetters[sc.str(w.key)]
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
