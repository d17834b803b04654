package screening

// The words that share enough trigrams with a misspelt query word (see
// index.lookupTypos) are many in a large list, and few of them are within
// its typo budget. The check of each must cost little: it reads the list
// word from two small records rather than from its term, first the sets of
// its letters (typoLetters), which most words fail, then, for the others,
// its strings (typoKey), and compares the strings a column at a time
// (osaPattern). typoSim scores the few that pass: the checks only spare
// it words it would not accept.

// typoLetters is what the first typo check of a term reads: the sets of
// the letters of its key and sound key, folded (see foldLetters). The
// index holds them apart from the typoKeys, in as few bytes as it can: the
// check reads those of many terms far apart.
type typoLetters struct {
	mask, smask uint32
}

// newTypoLetters returns the typoLetters of w.
func newTypoLetters(w *word) typoLetters {
	return typoLetters{mask: foldLetters(w.mask), smask: foldLetters(w.smask)}
}

// foldLetters returns letter set m (see letterMask) in 32 bits: a bit of
// the result is set when either of two bits of m is. A bit one word's
// folded set has and another's lacks stands for a bit of the first's set
// the other's lacks: two words differ in no more letters folded than
// unfolded, and words within a budget unfolded are within it folded. The
// letters a to z keep a bit each.
func foldLetters(m uint64) uint32 { return uint32(m | m>>32) }

// typoKey is what the typo check of a term reads after its typoLetters:
// its key and sound key, when they are short, as nearly all are.
type typoKey struct {
	key, sound typoText
}

// newTypoKey returns the typoKey of w.
func newTypoKey(w *word) typoKey {
	return typoKey{key: newTypoText(w.key), sound: newTypoText(w.sound)}
}

// typoText is a string of up to maxTypoText bytes held in place: its
// length, then its bytes. A longer string is not held: its length reads
// as notHeld.
type typoText [maxTypoText + 1]byte

const (
	maxTypoText = 15   // the longest string a typoText holds; longer keys are rare
	notHeld     = 0xff // the length byte of a typoText that does not hold its string
)

// newTypoText returns the typoText of s.
func newTypoText(s string) typoText {
	var t typoText
	if len(s) > maxTypoText {
		t[0] = notHeld
		return t
	}
	t[0] = byte(len(s))
	copy(t[1:], s)
	return t
}

// length returns the length of the string t holds, and whether it holds
// it.
func (t *typoText) length() (int, bool) {
	return int(t[0]), t[0] != notHeld
}

// bytes returns the string t holds, and whether it holds it.
func (t *typoText) bytes() ([]byte, bool) {
	if t[0] == notHeld {
		return nil, false
	}
	return t[1 : 1+t[0]], true
}

// typoFilter is a query word made ready to tell, at little cost, the list
// words typoSim cannot accept as misspellings of it (see accepts).
type typoFilter struct {
	w          *word
	letters    typoLetters // of w
	key, sound osaPattern
	longKey    bool // the key is too long for a pattern
	longSound  bool // the same for the sound key
}

// set readies f for query word w.
func (f *typoFilter) set(w *word) {
	f.w = w
	f.letters = newTypoLetters(w)
	f.longKey = !f.key.set(w.key)
	f.longSound = !f.sound.set(w.sound)
}

// mayAccept reports whether accepts may accept the list word whose
// typoLetters are k, for a budget of at most budget: when it reports
// false, the sets of their letters differ too much for accepts.
func (f *typoFilter) mayAccept(k *typoLetters, budget int) bool {
	return lettersWithin(uint64(f.letters.mask), uint64(k.mask), budget) ||
		f.w.sound != "" && lettersWithin(uint64(f.letters.smask), uint64(k.smask), budget)
}

// accepts reports whether typoSim accepts the query word of f and list
// word b, whose typoLetters are l and typoKey is k, as misspellings of
// each other: whether they are within the budget of the longer by their
// keys, or by their sound keys. It reads b only when k does not hold its
// strings, and reports true when a string is too long to compare here:
// typoSim decides.
func (f *typoFilter) accepts(l *typoLetters, k *typoKey, b *word) bool {
	a := f.w
	key, held := k.key.bytes()
	n := len(key)
	if !held {
		n = len(b.key)
	}
	budget := typoBudget(max(len(a.key), n))
	if budget == 0 || absDiff(len(a.key), n) > budget {
		return false
	}
	// One edit takes at most one letter out of a set and puts one in.
	if lettersWithin(uint64(f.letters.mask), uint64(l.mask), budget) &&
		(f.longKey || !held || f.key.distance(key, budget) <= budget) {
		return true
	}
	sound, held := k.sound.bytes()
	if a.sound == "" || held && len(sound) == 0 || !lettersWithin(uint64(f.letters.smask), uint64(l.smask), budget) {
		return false
	}
	return f.longSound || !held || f.sound.distance(sound, budget) <= budget
}

// osaPattern is a string of at most maxPattern bytes made ready to be
// compared by distance, bit-parallel (Hyyrö, "A bit-vector algorithm for
// computing Levenshtein and Damerau edit distances", 2003): one bit per
// byte of the string, a column of the table editDistance fills in one
// word. Its zero value is the empty string.
type osaPattern struct {
	s  string
	at [256]uint64 // at[c] has bit i set when s[i] == c
}

// maxPattern is the longest string an osaPattern holds.
const maxPattern = 64

// set makes p the pattern of s, if s is no longer than maxPattern bytes,
// and reports whether it is.
func (p *osaPattern) set(s string) bool {
	for i := 0; i < len(p.s); i++ {
		p.at[p.s[i]] = 0
	}
	p.s = ""
	if len(s) > maxPattern {
		return false
	}
	p.s = s
	for i := 0; i < len(s); i++ {
		p.at[s[i]] |= 1 << i
	}
	return true
}

// distance returns the optimal string alignment distance between p's
// string and t, as editDistance does, or limit+1 when it is more than
// limit.
func (p *osaPattern) distance(t []byte, limit int) int {
	m := len(p.s)
	if absDiff(m, len(t)) > limit {
		return limit + 1
	}
	if m == 0 {
		return len(t)
	}
	return osaColumns(&p.at, m, t, limit)
}

// osaColumns returns the optimal string alignment distance between a
// pattern of m bytes, 1 to maxPattern, whose bytes at holds (at[c] has bit
// i set when byte i is c), and t, or limit+1 when it is more than limit:
// the table editDistance fills, a column in one word.
func osaColumns[T string | []byte](at *[256]uint64, m int, t T, limit int) int {
	last := uint64(1) << (m - 1)
	// Bit i of vp (vn) is set when the cell of row i+1 of the current
	// column is one more (less) than the cell above it, bit i of d0 when
	// it equals the cell diagonally before it; score is the cell of the
	// last row.
	vp, vn, d0, prev := ^uint64(0), uint64(0), uint64(0), uint64(0)
	score := m
	for j := 0; j < len(t); j++ {
		x := at[t[j]]
		tr := (^d0 & x) << 1 & prev // a swap of neighbours
		d0 = ((x & vp) + vp) ^ vp | x | vn | tr
		hp := vn | ^(d0 | vp)
		hn := d0 & vp
		switch {
		case hp&last != 0:
			score++
		case hn&last != 0:
			score--
		}
		// Each byte of t left lowers the last row by one at most.
		if score-(len(t)-j-1) > limit {
			return limit + 1
		}
		hp = hp<<1 | 1
		hn <<= 1
		vp = hn | ^(d0 | hp)
		vn = d0 & hp
		prev = x
	}
	return min(score, limit+1)
}
