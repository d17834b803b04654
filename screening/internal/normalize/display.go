package normalize

import (
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Stage 6: the result. The Display is the kept words in their original
// script and case, joined by their cleaned separators: whitespace
// collapsed, quotes and format characters dropped, commas, hyphens,
// slashes and balanced parentheses kept, legal forms, markers and a
// leading "The" removed with the separators that only they needed, but
// for legal forms glued to a kept word, which it keeps (see splitGlued);
// initialisms that only removed words separated are joined by a hyphen
// between spaces ("A LLC B" is "A - B": "A B" would be one initialism), as
// are Arabic-script words ("عبد LLC الله" is "عبد - الله": "عبد الله" is
// one word, Abdullah).

// buildDisplay writes the Display into sc.disp.
func (sc *scratch) buildDisplay() {
	d := sc.disp[:0]
	depth := 0
	prev := -1
	for i := range sc.words {
		w := &sc.words[i]
		if w.drop != keep && !sc.shownGlued(i) && w.flags&wBranch == 0 {
			continue
		}
		if prev >= 0 {
			d, depth = sc.appendSeparator(d, depth, prev, i)
		}
		d = appendSurface(d, sc.src[w.ss:sc.surfaceEnd(i)], sc.formats)
		prev = i
	}
	if prev >= 0 {
		w := &sc.words[prev]
		if end := sc.surfaceEnd(prev); w.kind == Initialism && int(end) < len(sc.src) && sc.src[end] == '.' {
			d = append(d, '.')
		}
	}
	for ; depth > 0; depth-- {
		d = append(d, ')')
	}
	sc.disp = d
}

// surfaceEnd returns where the text the Display writes for word i ends in
// the source: at the end of its span, and past the runes the fold read as
// nothing that follow its last letter before anything else does
// (combining marks, format characters, and letters that fold to nothing,
// the soft and hard signs), which belong to the word: "Игорь" is no
// "Игор", though both read "igor".
func (sc *scratch) surfaceEnd(i int) int32 {
	w := &sc.words[i]
	k := int(w.fe)
	for k < len(sc.fold) && sc.fold[k] == wordBreak && sc.ps[k] == sc.pe[k] {
		k++ // the end of a run, at its last letter
	}
	limit := int32(len(sc.src))
	if k < len(sc.fold) {
		limit = sc.ps[k]
	}
	end := w.se
	for end < limit {
		r, n := utf8.DecodeRuneInString(sc.src[end:])
		if !isMarkOrFormat(r) && !foldsToNothing(r) {
			break
		}
		end += int32(n)
	}
	return end
}

// shownGlued reports whether the Display shows word i although it is not
// kept: a piece of a glued word another piece of which is kept (see
// splitGlued).
func (sc *scratch) shownGlued(i int) bool {
	a, b := i, i
	for a > 0 && sc.words[a].flags&wGlued != 0 {
		a--
	}
	for b+1 < len(sc.words) && sc.words[b+1].flags&wGlued != 0 {
		b++
	}
	for k := a; k <= b; k++ {
		if sc.words[k].drop == keep {
			return a < b
		}
	}
	return false
}

// appendSeparator appends the cleaned separator between kept words a and
// b (a < b), taking the text between them minus any dropped words. It
// reads the folded text, not the source: the separators are classified
// exactly as the tokenizer classifies them (a subscript minus is a hyphen,
// a small comma a comma, a quotation mark a word break), so that the
// Display normalizes to the same tokens. Words the tokenizer parted with
// no separator between them (a change of script, pieces of a glued word)
// keep what stood between them in the source.
func (sc *scratch) appendSeparator(d []byte, depth, a, b int) ([]byte, int) {
	start := len(d)
	pending, removed := false, false
	gap := false // a letter that read as nothing follows word a (see wordBreak below)
	from := sc.words[a].fe
	first := true
	for k := a + 1; k <= b; k++ {
		seg := sc.fold[from:sc.words[k].fs]
		lead := first // only word breaks stand between word a and c
		for _, c := range seg {
			switch c {
			case '.':
				if lead {
					d = append(d, '.')
				} else {
					pending = true
				}
			case ',':
				if len(d) == start || d[len(d)-1] != ',' {
					d = append(d, ',')
				}
				pending = true
			case '(':
				if pending {
					d = append(d, ' ')
				}
				d = append(d, '(')
				depth++
				pending = false
			case ')':
				if depth > 0 {
					d = append(d, ')')
					depth--
				} else if len(d) == start || d[len(d)-1] != ',' {
					// An unmatched ")" still separates parts: keep the
					// boundary as a comma.
					d = append(d, ',')
					pending = true
				}
			case wordBreak:
				// Words read from one run: nothing between them. Beside a
				// hyphen, a letter that read as nothing (a lone "ع"), not
				// the edge of a run, which reads as the same break again,
				// keeps the words from joining the hyphen (see wHyphen):
				// a space does so in the Display.
				switch {
				case len(d) > start && d[len(d)-1] == '-':
					pending = pending || sc.words[k].flags&wScript == 0
				case len(d) == start && !pending && sc.words[a].flags&wScript == 0:
					gap = true
				}
				continue
			case '-', '/':
				if pending || gap {
					d = append(d, ' ')
					pending = false
				}
				d = append(d, c)
			default:
				// Spaces, and quotes and apostrophes between words: a
				// word break.
				pending = true
			}
			lead = false
		}
		if k < b {
			if sc.words[k].drop == dropMarker {
				if len(d) == start || d[len(d)-1] != ',' {
					d = append(d, ',')
				}
			}
			pending, removed = true, true
			from = sc.words[k].fe
			first = false
		}
	}
	if sc.words[a].flags&sc.words[b].flags&wArabic != 0 && (removed || pending && len(d) == start && !sc.onlySpaces(sc.words[a].fe, sc.words[b].fs)) {
		// Arabic-script words that removed words, or separators the
		// Display writes as a space (a dot, a quotation mark), separated:
		// a hyphen between spaces, not a space, after which the second
		// would read with the first (see mergeArabicSuffixes and
		// prevArabicWord).
		for len(d) > start && (d[len(d)-1] == ' ' || d[len(d)-1] == '/') {
			d = d[:len(d)-1]
		}
		return append(d, " - "...), depth
	}
	if sc.words[b].flags&wApart != 0 {
		// Initialisms kept apart (see keepApart): a hyphen between spaces,
		// not a space, nor a hyphen alone, which joins spelled-out letters
		// (see joinInitialisms).
		for len(d) > start && (d[len(d)-1] == ' ' || d[len(d)-1] == '/') {
			d = d[:len(d)-1]
		}
		return append(d, " - "...), depth
	}
	if !pending && len(d) == start {
		// Nothing the tokenizer reads as a separator stands between the
		// words (a change of script, pieces of a glued word): what stands
		// there, marks and letters that fold to nothing, is written as it
		// stands, so that the words read as they did (see wordLen).
		return appendSurface(d, sc.src[sc.surfaceEnd(a):sc.words[b].ss], sc.formats), depth
	}
	if pending && (len(d) == 0 || d[len(d)-1] != '(') {
		d = append(d, ' ')
	}
	return d, depth
}

// appendSurface appends a word's source text without format characters
// and with whitespace runs (inside initialisms) collapsed. Unless formats
// is set, the source holds neither format characters nor spaces beyond
// ASCII (see textFacts): only its ASCII bytes need reading.
func appendSurface(d []byte, s string, formats bool) []byte {
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= utf8.RuneSelf && formats {
			plain = false
			break
		}
	}
	if plain {
		return append(d, s...)
	}
	if !strings.ContainsFunc(s, func(r rune) bool { return inCategories(r, catCf) || isSpace(r) }) {
		return append(d, s...) // nothing to drop or collapse: letters of other scripts
	}
	space := false
	for _, r := range s {
		switch {
		case inCategories(r, catCf):
		case isSpace(r):
			space = true
		default:
			if space {
				d = append(d, ' ')
				space = false
			}
			d = utf8.AppendRune(d, r)
		}
	}
	return d
}

// result fills dst from the pipeline state. All derived text goes into one
// string.
func (sc *scratch) result(dst *Name) {
	sc.buildDisplay()
	// Display: a span of the source when it reads the same.
	var disp ref
	first, last := -1, -1
	for i := range sc.words {
		if sc.words[i].drop == keep {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first >= 0 {
		ss := int(sc.words[first].ss)
		if ss+len(sc.disp) <= len(sc.src) && sc.src[ss:ss+len(sc.disp)] == string(sc.disp) {
			disp = ref{where: refSrc, off: int32(ss), n: int32(len(sc.disp))}
		}
	}
	_ = last
	// Move sound keys and the display into the arena.
	for i := range sc.words {
		w := &sc.words[i]
		if w.drop != keep || w.gen != nil {
			continue
		}
		if w.sound.where == refTmp {
			off := len(sc.arena)
			sc.arena = append(sc.arena, sc.tmp[w.sound.off:w.sound.off+w.sound.n]...)
			w.sound = ref{where: refArena, off: int32(off), n: w.sound.n}
		}
	}
	if len(sc.disp) > MaxLen {
		// Closed parentheses, spaces after commas and NFC expansions can
		// make the Display longer than the input. Beyond MaxLen it would
		// not normalize again: the Display is then the input itself,
		// which normalizes to the same tokens.
		disp = ref{where: refConst, c: dst.Input}
	}
	if disp.where == refNone && len(sc.disp) > 0 {
		disp = ref{where: refArena, off: int32(len(sc.arena)), n: int32(len(sc.disp))}
		sc.arena = append(sc.arena, sc.disp...)
	}
	var arena string
	if sc.usesArena(disp) {
		arena = string(sc.arena)
	}
	get := func(r ref) string {
		switch r.where {
		case refSrc:
			return sc.src[r.off : r.off+r.n]
		case refArena:
			return arena[r.off : r.off+r.n]
		case refConst:
			return r.c
		}
		return ""
	}
	dst.Display = get(disp)
	if cap(dst.Tokens) < sc.kept {
		dst.Tokens = make([]Token, 0, sc.kept)
	}
	for i := 0; i < len(sc.words); i++ {
		w := &sc.words[i]
		if w.drop != keep {
			continue
		}
		t := Token{Kind: w.kind, Guessed: w.flags&wGuessed != 0}
		switch {
		case w.gen != nil:
			g := w.gen
			if w.kind == Generic && len(g.phrases) > 0 {
				if abbr, end := sc.phraseAt(i); abbr != nil {
					g, i = abbr, end // the run folds to one token
				}
			}
			t.Key, t.Sound = g.key, g.sound
		case w.kind == Number || w.kind == NonLatin:
			t.Key = get(w.key)
		default:
			t.Key = get(w.key)
			t.Sound = get(w.sound)
			if t.Sound == "" {
				t.Sound = t.Key
			}
		}
		if i+1 < len(sc.words) {
			next := &sc.words[i+1]
			t.Hyphen = next.drop == keep && next.flags&wHyphen != 0
		}
		dst.Tokens = append(dst.Tokens, t)
	}
	for _, h := range sc.hits {
		dst.LegalForms = append(dst.LegalForms, LegalForm{Class: h.class, Text: sc.src[h.ss:h.se]})
	}
	dst.Read = sc.read
	if sc.japanese && sc.read&ReadPinyin != 0 {
		dst.Read = dst.Read&^ReadPinyin | ReadKanjiAsChinese
	}
}

// phraseAt returns the organization word that a run of phraseTable
// starting at kept word i abbreviates, and the index of the run's last
// word, or nil.
func (sc *scratch) phraseAt(i int) (*genericWord, int) {
	for _, p := range sc.words[i].gen.phrases {
		j, ok := i, true
		for _, g := range p.rest {
			j = sc.nextKept(j)
			if j >= 0 && sc.words[j].gen != nil && sc.words[j].gen.key == "and" {
				j = sc.nextKept(j)
			}
			if j < 0 || sc.words[j].gen != g || sc.words[j].kind != Generic {
				ok = false
				break
			}
		}
		if ok {
			return p.abbr, j
		}
	}
	return nil, i
}

// nextKept returns the index of the kept word after word i, or -1.
func (sc *scratch) nextKept(i int) int {
	for j := i + 1; j < len(sc.words); j++ {
		if sc.words[j].drop == keep {
			return j
		}
	}
	return -1
}

// usesArena reports whether any kept ref points into the arena.
func (sc *scratch) usesArena(disp ref) bool {
	if disp.where == refArena {
		return true
	}
	for i := range sc.words {
		w := &sc.words[i]
		if w.drop != keep || w.gen != nil {
			continue
		}
		if w.key.where == refArena || (w.sound.where == refArena && w.kind != Number && w.kind != NonLatin) {
			return true
		}
	}
	return false
}

// unsafeString views b as a string without copying. It is used only for
// short-lived comparisons and map lookups inside one normalization, never
// for a string that outlives the buffer or escapes to the caller.
func unsafeString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
