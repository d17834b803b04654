package screening

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"strings"

	"github.com/entityscreen/entityscreen/screening/internal/normalize"
)

// The words that share enough trigrams with a misspelt query word (see
// index.scanTypos) are many in a large list, and few of them are within
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
	return lettersMayMeet(&f.letters, k, f.w.sound != "", budget)
}

// lettersMayMeet reports whether words of typoLetters a and b may be
// within budget edits of each other by their keys or, when sound is set,
// by their sound keys: false when the sets of their letters differ too
// much for either.
func lettersMayMeet(a, b *typoLetters, sound bool, budget int) bool {
	return lettersWithin(uint64(a.mask), uint64(b.mask), budget) ||
		sound && lettersWithin(uint64(a.smask), uint64(b.smask), budget)
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

// The misspellings a trigram look-up finds (see index.scanTypos) are found
// by reading the list of the words of each trigram of the query word: in
// a list of a million names, tens of thousands of words share a trigram
// with a word made of common syllables, and reading them costs in
// proportion to the list. Of the words found, those that meet the query
// word closely (distinctivePairSim) are the only ones that tell that a
// name is the query's: a name met by looser misspellings alone scores half
// at most (genericOnlyFactor). They are an edit or two away, so
// closeSpellings finds them by asking the index about the words an edit
// from the query word, at a cost of the word's length; the looser ones are
// looked up only where they may count (see index.completeTypos), and are
// otherwise checked for in the names found by other words (see
// index.typosIn).

// typoQuery is a query word made ready for the look-up of its misspellings
// (see index.lookupTypos): the lengths of the words looked up and the
// trigrams they must share with it.
type typoQuery struct {
	minLen, maxLen int
	need           int                // the fewest trigrams a word of any length looked up must share, see needs
	needs          [typoLengths]uint8 // by length less minLen, the trigrams a word of that length must share
	grams          []gramCount        // the query word's trigrams, distinct, ascending
}

// typoLengths is the most lengths of words a typo query looks up: the
// query word's own budget either side of its length, and up to maxEdits
// letters more, which a longer word's larger budget lets in.
const typoLengths = 2*maxEdits + 1

// gramCount is a trigram of a word and how many times the word holds it.
type gramCount struct {
	gram  uint32
	times uint8
}

// setTypoQuery makes tq the typo query of the word of key, its trigrams
// appended to grams, which it returns. It looks up the words of the
// lengths typoSim may accept (see typoLengthRange). An edit
// changes at most three of a word's padded trigrams, so n-letter words
// within d edits share at least n-3d of their n trigrams; a swap of
// neighbours changes four, which is allowed for words of one edit (a swap
// in a longer word with another edit besides may be missed: the filter
// would pass most of the vocabulary otherwise). A word k letters longer
// than the query word whose budget d is larger than the query word's is
// within it only by k insertions and d-k other edits, and an insertion
// changes two trigrams: it shares n-3d+k.
func setTypoQuery(tq *typoQuery, key string, grams []gramCount) []gramCount {
	n, budget := len(key), typoBudget(len(key))
	within := n - 3*budget // what a word within the query word's budget shares
	if budget == 1 {
		within-- // a swap of neighbours changes four trigrams
	}
	tq.minLen, tq.maxLen = typoLengthRange(n)
	tq.need = n
	for l := tq.minLen; l <= tq.maxLen; l++ {
		need := within
		if d := typoBudget(l); l > n && d > budget {
			need = n - 3*d + (l - n) // l-n insertions, two trigrams each
		}
		need = max(1, need)
		tq.needs[l-tq.minLen] = uint8(min(need, 0xff))
		tq.need = min(tq.need, need)
	}
	start := len(grams)
	if len(key) >= 2 { // a word of one letter has no trigram
		forGrams(key, func(g uint32) { grams = append(grams, gramCount{gram: g, times: 1}) })
	}
	own := grams[start:]
	slices.SortFunc(own, func(a, b gramCount) int { return cmp.Compare(a.gram, b.gram) })
	distinct := 0
	for i, g := range own {
		if i > 0 && g.gram == own[distinct-1].gram {
			own[distinct-1].times = uint8(min(int(own[distinct-1].times)+1, 0xff))
			continue
		}
		own[distinct] = g
		distinct++
	}
	grams = grams[:start+distinct]
	tq.grams = grams[start:]
	return grams
}

// typoLengthRange returns the shortest and the longest words typoSim may
// accept as misspellings of a word of n letters: those within its budget
// of its length, and the longer ones within their own, larger budget (see
// reaches).
func typoLengthRange(n int) (lo, hi int) {
	budget := typoBudget(n)
	lo, hi = n-budget, n+budget
	for reaches(n, hi+1) {
		hi++
	}
	return lo, hi
}

// shared returns the trigrams key shares with the query word of tq, each
// counted as often as the query word holds it.
func (tq *typoQuery) shared(key string) int {
	var seen uint64 // the grams of tq counted, by index, the first 64
	n := 0
	forGrams(key, func(g uint32) {
		i, ok := slices.BinarySearchFunc(tq.grams, g, func(a gramCount, g uint32) int { return cmp.Compare(a.gram, g) })
		if !ok || i < 64 && seen&(1<<i) != 0 {
			return
		}
		if i < 64 {
			seen |= 1 << i
		}
		n += int(tq.grams[i].times)
	})
	return n
}

// finds reports whether the trigram look-up of tq (see scanTypos) finds
// term t: a word of minGram letters or more of a length looked up that
// shares enough trigrams with the query word.
func (ix *index) finds(tq *typoQuery, t int32) bool {
	n := int(ix.keyLen[t])
	if n < tq.minLen || n > tq.maxLen {
		return false
	}
	tm := &ix.terms[t]
	return gramable(tm.kind, tm.key) && tq.shared(tm.key) >= tq.needOf(n)
}

// needOf returns the trigrams a word of n letters, a length tq looks up,
// must share with the query word.
func (tq *typoQuery) needOf(n int) int { return int(tq.needs[n-tq.minLen]) }

// maxCloseLen is the longest query word whose misspellings closeTypos
// looks up: a word of n letters meets a misspelling closely when they are
// n/6 edits apart or fewer (see typoSim), one edit up to 11 letters; the
// misspellings of longer words are read from their trigram lists.
const maxCloseLen = 11

// minLongTypo is the shortest word that meets a misspelling two edits away
// closely: closeSpellings reads such words from the trigram lists, few
// words being that long.
const minLongTypo = 12

// minSoundTypo is the shortest word that meets closely a word whose sound
// key is an edit from its own (see typoSim: the edit counts one and a
// half), and minFarSound the shortest that meets so one whose sound key is
// two edits away: closeSpellings gives up words that may meet such words.
const (
	minSoundTypo = 9
	minFarSound  = 15
)

// reaches reports whether a word of m letters is within the typo budget,
// by their lengths, of a word of n letters or more (see typoSim).
func reaches(m, n int) bool {
	l := max(m, n)
	return l-m <= typoBudget(l)
}

// maxRomanized is the most spellings romanizedAlike lets a word have that
// closeSpellings asks about; for a word with more, it gives up.
const maxRomanized = 256

// closeSpellings finds, for query word q of typo query tq, at least every
// term that may meet it closely (distinctivePairSim) as compareWords or
// nameSim compare words, but by its key, and reports whether it could: a
// word whose patronymics are many (see samePatronymic), that may be
// spelled otherwise in too many ways (see romanizedAlike), or that may
// meet words of minFarSound letters it gives up. It reads from the
// trigram lists the misspellings two edits away that may meet it closely,
// of minLongTypo letters or more, which it records with long, as
// scanTypos would; the others it asks the index about and passes to found,
// each once, some that do not meet the word closely among them: those
// whose key or sound key is an edit from the word's, or whose sound key is
// the word's; those spelling it as another romanization would
// (romanizedAlike, givenNameVariantsOf); and the common words it is a
// prefix of, and the prefixes of it (abbreviationSim).
func (ix *index) closeSpellings(q *qtoken, tq *typoQuery, sc *scratch, long func(t int32, sim float64), found func(t int32)) bool {
	if reaches(len(q.key), minFarSound) || romanizedSpellings(q.key) > maxRomanized {
		return false
	}
	if stem := patronymicStem(q.key); stem != "" && givenNames().stem[stem] != 0 {
		return false
	}
	// The words two edits away, by their trigrams.
	if lo := max(tq.minLen, minLongTypo); lo <= tq.maxLen {
		ix.misspellings(q, tq, lo, tq.maxLen, nil, sc, long)
	}
	ts := sc.closeTs[:0]
	add := func(t int32) {
		if sc.gramHits[t] == 0 {
			sc.gramHits[t] = 1
			ts = append(ts, t)
		}
	}
	byKey := func(v []byte, h uint64) {
		if t, ok := ix.byKey.findBytes(v, h, ix.termKey); ok {
			add(t)
		}
	}
	bySound := func(v []byte, h uint64) {
		for _, t := range ix.bySound.get(h) {
			if ix.terms[t].sound == string(v) {
				add(t)
			}
		}
	}
	ix.probeEdits(q.key, ix.keyBytes, &ix.keyGrams, 0, sc, byKey)
	if q.sound != "" {
		for _, t := range ix.bySound.get(hashKey(hashSeed, q.sound)) {
			if ix.terms[t].sound == q.sound {
				add(t)
			}
		}
		if reaches(len(q.key), minSoundTypo) {
			ix.probeEdits(q.sound, ix.soundBytes, &ix.soundGrams, soundSalt, sc, bySound)
		}
	}
	ix.probeRomanized(q.key, sc, byKey)
	for _, k := range givenNameVariantsOf(q.key) {
		if t, ok := ix.term(k); ok {
			add(t)
		}
	}
	buf := sc.editBuf
	for k := minAbbrev; k < len(q.key)-1; k++ { // one letter less is an edit
		buf = append(buf[:0], q.key[:k]...)
		byKey(buf, hashKey(hashSeed, buf))
	}
	sc.editBuf = buf
	at, _ := slices.BinarySearchFunc(ix.commons, q.key, func(t int32, k string) int { return strings.Compare(ix.terms[t].key, k) })
	for _, t := range ix.commons[at:] {
		if !strings.HasPrefix(ix.terms[t].key, q.key) {
			break
		}
		add(t)
	}
	for _, t := range ts {
		sc.gramHits[t] = 0
	}
	sc.closeTs = ts
	for _, t := range ts {
		found(t)
	}
	return true
}

// closeTypos records, as scanTypos would, the misspellings of the word of
// wl that closeSpellings finds, and reports whether it could: at least
// every one that meets the word closely. The other words it finds that
// meet the word closely it makes suspects (see closeElsewhere). A word
// longer than maxCloseLen is left to scanTypos.
func (ix *index) closeTypos(wl *wordLookup, tq *typoQuery, sc *scratch) bool {
	q := wl.q
	like := func(t int32, sim float64) { ix.like(wl, sc, t, sim) }
	return len(q.key) <= maxCloseLen && ix.closeSpellings(q, tq, sc, like, func(t int32) {
		if ix.finds(tq, t) {
			if sim, ok := typoSim(&q.word, &ix.terms[t].word); ok {
				like(t, sim)
				return
			}
		}
		ix.suspect(q, t, sc)
	})
}

// meetsClosely reports whether query word q and list word w may meet
// closely (distinctivePairSim), as compareWords and, in a person's name,
// nameSim compare them, in a pair that may tell that a name is the
// query's (see evidence): not as translations, nor two organization
// words.
func meetsClosely(q *qtoken, w *word) bool {
	if q.kind == normalize.Generic && w.kind == normalize.Generic {
		return false
	}
	sim, how := compareWords(&q.word, w, true)
	if sim >= distinctivePairSim && how != Translation {
		return true
	}
	sim, how = nameSim(&q.word, w, sim, how)
	return sim >= distinctivePairSim && how != Translation
}

// soundSalt tells the hashes of sound keys from those of keys in a
// wordFilter that holds both.
const soundSalt uint64 = 0x5bd1e9955bd1e995

// edit is a string an edit from a word: the word's bytes before at, then
// put[:n], then the word's bytes from from; h is its hash (see hashKey).
type edit struct {
	h           uint64
	at, from, n uint8
	put         [2]byte
}

// probeEdits calls found with each string an edit from s (a byte deleted,
// two neighbours swapped, a byte of letters put in place of one or
// inserted) that may be a word of the index: whose trigrams about the
// edit are all in grams, and that the index's wordFilter, salted with
// salt, may hold; and with its hash (see hashKey). Most strings an edit
// away hold a trigram no word of the index holds, which grams tells from
// a small set; the others are hashed from the hashes of the prefixes of s
// they share, all before the filter is read, in a loop of loads that do
// not wait for one another. Only the strings held are written out.
func (ix *index) probeEdits(s string, letters []byte, grams *gramSet, salt uint64, sc *scratch, found func(v []byte, h uint64)) {
	if len(s) > math.MaxUint8-1 {
		return
	}
	pre := sc.prefixHashes[:0] // pre[i] is the hash of s[:i]
	pre = append(pre, hashSeed)
	for i := range len(s) {
		pre = append(pre, fnvStep(pre[i], s[i]))
	}
	sc.prefixHashes = pre
	// The codes of the bytes of s in grams, between boundary marks: c[j+1]
	// is the code of s[j].
	c := append(sc.gramCodes[:0], 0)
	for i := range len(s) {
		c = append(c, grams.code[s[i]])
	}
	c = append(c, 0, 0)
	sc.gramCodes = c
	m := len(s)
	es := sc.edits[:0]
	for i := range m {
		for _, e := range [2]edit{{at: uint8(i), from: uint8(i + 1)}, {at: uint8(i), from: uint8(i + 2), n: 2}} { // deleted, swapped
			if e.n == 2 {
				if i+1 == m || s[i] == s[i+1] {
					continue
				}
				e.put = [2]byte{s[i+1], s[i]}
			}
			if grams.fit(s, &e) {
				es = append(es, e)
			}
		}
		// s[i] replaced by l, when the trigrams that hold l may be words'.
		for _, l := range letters {
			cl := grams.code[l]
			if l == s[i] || !grams.has(c[i], cl, c[i+2]) || i > 0 && !grams.has(c[i-1], c[i], cl) || i+1 < m && !grams.has(cl, c[i+2], c[i+3]) {
				continue
			}
			es = append(es, edit{at: uint8(i), from: uint8(i + 1), n: 1, put: [2]byte{l}})
		}
	}
	for i := range m + 1 {
		// l inserted before s[i], when the trigrams that hold it may be
		// words'.
		for _, l := range letters {
			cl := grams.code[l]
			if !grams.has(c[i], cl, c[i+1]) || i > 0 && !grams.has(c[i-1], c[i], cl) || i < m && !grams.has(cl, c[i+1], c[i+2]) {
				continue
			}
			es = append(es, edit{at: uint8(i), from: uint8(i), n: 1, put: [2]byte{l}})
		}
	}
	for i := range es {
		e := &es[i]
		e.h = hashKey(hashKey(pre[e.at], e.put[:e.n]), s[e.from:])
	}
	sc.edits = es
	buf := sc.editBuf
	for i := range es {
		if e := &es[i]; ix.spelled.has(e.h ^ salt) {
			buf = append(append(append(buf[:0], s[:e.at]...), e.put[:e.n]...), s[e.from:]...)
			found(buf, e.h)
		}
	}
	sc.editBuf = buf
}

// gramSet is a set of the trigrams of words (see forGrams), which tells
// whether a string may be a word of them from the few bits of its
// trigrams, in a few tens of kilobytes: a byte of a trigram is kept in six
// bits, the bytes past the first 62 the words hold sharing a code.
type gramSet struct {
	code [256]uint8 // 0 for the boundary mark and bytes the words do not hold
	bits []uint64
}

// gramBits is the bits of a trigram in a gramSet.
const gramBits = 18

// newGramSet returns the gramSet of the trigrams of the words keys calls
// add with.
func newGramSet(keys func(add func(string))) gramSet {
	g := gramSet{bits: make([]uint64, 1<<gramBits/64)}
	n := uint8(0)
	keys(func(k string) {
		for i := 0; i < len(k); i++ {
			if c := k[i]; g.code[c] == 0 {
				n = min(n+1, 1<<(gramBits/3)-1)
				g.code[c] = n
			}
		}
		if len(k) >= 2 {
			forGrams(k, func(t uint32) {
				i := g.index(byte(t>>16), byte(t>>8), byte(t))
				g.bits[i/64] |= 1 << (i % 64)
			})
		}
	})
	return g
}

// index returns the bit of trigram abc.
func (g *gramSet) index(a, b, c byte) uint32 {
	return uint32(g.code[a])<<(2*gramBits/3) | uint32(g.code[b])<<(gramBits/3) | uint32(g.code[c])
}

// has reports whether g may hold the trigram of byte codes a, b and c:
// false when it does not.
func (g *gramSet) has(a, b, c uint8) bool {
	i := uint32(a)<<(2*gramBits/3) | uint32(b)<<(gramBits/3) | uint32(c)
	return g.bits[i/64]&(1<<(i%64)) != 0
}

// fit reports whether the string edit e makes of s may be one of g's
// words by the trigrams about the edit: false when one of them is no
// trigram of g's words.
func (g *gramSet) fit(s string, e *edit) bool {
	n := len(s) - int(e.from) + int(e.at) + int(e.n) // the length of the string
	at := func(j int) byte {                         // byte j of the string, the mark about it
		switch {
		case j < 0 || j >= n:
			return 0
		case j < int(e.at):
			return s[j]
		case j < int(e.at)+int(e.n):
			return e.put[j-int(e.at)]
		}
		return s[j-int(e.at)-int(e.n)+int(e.from)]
	}
	if n < 2 {
		return true
	}
	for p := max(0, int(e.at)-1); p <= min(n-1, int(e.at)+int(e.n)); p++ {
		if i := g.index(at(p-1), at(p), at(p+1)); g.bits[i/64]&(1<<(i%64)) == 0 {
			return false
		}
	}
	return true
}

// edits returns about how many strings are an edit from a string of n
// bytes, with letters bytes to put in: what probeEdits looks at.
func edits(n, letters int) int { return 2*n - 1 + n*(letters-1) + (n+1)*letters }

// fnvStep continues the hash h of hashKey over byte c.
func fnvStep(h uint64, c byte) uint64 {
	const prime = 1099511628211
	return (h ^ uint64(c)) * prime
}

// romanized lists, per letter, those romanizedAlike lets stand for it.
var romanized = [256]string{'o': "u", 'u': "o", 'e': "i", 'i': "ey", 'y': "i", 'g': "h", 'h': "g"}

// romanizedSpellings returns how many strings of the length of key have,
// in each place, its letter or one romanizedAlike lets stand for it, up
// to a little more than maxRomanized.
func romanizedSpellings(key string) int {
	n := 1
	for i := 0; i < len(key) && n <= maxRomanized; i++ {
		n *= 1 + len(romanized[key[i]])
	}
	return n
}

// probeRomanized calls found with each string other than key that
// romanizedAlike may find spells it otherwise (it lets g and h stand for
// each other after some letters only, which this does not look at) and
// that the index's wordFilter may hold, and with its hash.
func (ix *index) probeRomanized(key string, sc *scratch, found func(v []byte, h uint64)) {
	if len(key) < minRomanizedAlike {
		return
	}
	at := sc.romanizedAt[:0] // the letter each place holds: -1 its own, i the i-th of romanized
	for range len(key) {
		at = append(at, -1)
	}
	sc.romanizedAt = at
	buf := append(sc.editBuf[:0], key...)
	defer func() { sc.editBuf = buf }()
	for {
		// The next spelling, an odometer over the places.
		i := 0
		for ; i < len(key); i++ {
			alts := romanized[key[i]]
			if int(at[i])+1 < len(alts) {
				at[i]++
				buf[i] = alts[at[i]]
				break
			}
			at[i] = -1
			buf[i] = key[i]
		}
		if i == len(key) {
			return
		}
		if h := hashKey(hashSeed, buf); ix.spelled.has(h) {
			found(buf, h)
		}
	}
}

// wordFilter is a set of words by their hashes (see hashKey) that tells,
// with one read, that a word is not in it, for all but a few in a hundred
// of the words it does not hold: a Bloom filter of a block of 64 bits per
// word, three of them set. Its zero value holds nothing.
type wordFilter struct {
	blocks []uint64
	shift  uint8 // 64 less the bits of an index of blocks
}

// wordsPerBlock is about how many words a wordFilter keeps in a block.
const wordsPerBlock = 8

// newWordFilter returns an empty wordFilter for about n words.
func newWordFilter(n int) wordFilter {
	b := bits.Len(uint(max(1, n/wordsPerBlock)))
	return wordFilter{blocks: make([]uint64, 1<<b), shift: uint8(64 - b)}
}

// at returns the block of hash h and its bits.
func (f *wordFilter) at(h uint64) (*uint64, uint64) {
	h ^= h >> 31
	h *= 0x9E3779B97F4A7C15
	return &f.blocks[h>>f.shift], 1<<(h&63) | 1<<(h>>6&63) | 1<<(h>>12&63)
}

// add adds the word of hash h.
func (f *wordFilter) add(h uint64) {
	b, m := f.at(h)
	*b |= m
}

// has reports whether f may hold the word of hash h: false when it does
// not.
func (f *wordFilter) has(h uint64) bool {
	if len(f.blocks) == 0 {
		return false
	}
	b, m := f.at(h)
	return *b&m == m
}

// setTypoProbes works out what closeSpellings asks of the index about the
// terms the trigram look-up finds (gramable), the only ones that meet a
// query word closely but by their keys: the filter of their keys and sound
// keys, the bytes those are written with, and the common ones by key.
func (ix *index) setTypoProbes() {
	var keyBytes, soundBytes [256]bool
	ix.commons = ix.commons[:0]
	n := 0
	for t := range ix.terms {
		if tm := &ix.terms[t]; gramable(tm.kind, tm.key) {
			n += 2
		}
	}
	ix.spelled = newWordFilter(n)
	for t := range ix.terms {
		tm := &ix.terms[t]
		if !gramable(tm.kind, tm.key) {
			continue
		}
		ix.spelled.add(hashKey(hashSeed, tm.key))
		ix.spelled.add(hashKey(hashSeed, tm.sound) ^ soundSalt)
		if tm.common {
			ix.commons = append(ix.commons, int32(t))
		}
		for i := 0; i < len(tm.key); i++ {
			keyBytes[tm.key[i]] = true
		}
		for i := 0; i < len(tm.sound); i++ {
			soundBytes[tm.sound[i]] = true
		}
	}
	ix.keyBytes, ix.soundBytes = ix.keyBytes[:0], ix.soundBytes[:0]
	for c := range 256 {
		if keyBytes[c] {
			ix.keyBytes = append(ix.keyBytes, byte(c))
		}
		if soundBytes[c] {
			ix.soundBytes = append(ix.soundBytes, byte(c))
		}
	}
	slices.SortFunc(ix.commons, func(a, b int32) int { return strings.Compare(ix.terms[a].key, ix.terms[b].key) })
	ix.commons = trimmed(ix.commons)
	gramable := func(add func(*term)) {
		for t := range ix.terms {
			if tm := &ix.terms[t]; gramable(tm.kind, tm.key) {
				add(tm)
			}
		}
	}
	ix.keyGrams = newGramSet(func(add func(string)) { gramable(func(t *term) { add(t.key) }) })
	ix.soundGrams = newGramSet(func(add func(string)) { gramable(func(t *term) { add(t.sound) }) })
}

// typosIn records the looser misspellings of the pending words of sc
// (see lookupTypos) that the names names hold, as scanTypos would: of
// those names, a term is then met by the query's words as if they were
// looked up in full. A term met closely already is not looked at again:
// a looser misspelling meets it less.
func (ix *index) typosIn(names []int32, sc *scratch) {
	if len(sc.pending) == 0 {
		return
	}
	// The distinct terms of the names, marked in sc.gramHits.
	ts := sc.closeTs[:0]
	for _, n := range names {
		nm := &ix.names[n]
		for _, tr := range ix.tokens[nm.tokLo:nm.tokHi()] {
			if sc.gramHits[tr.term()] == 0 {
				sc.gramHits[tr.term()] = 1
				ts = append(ts, tr.term())
			}
		}
	}
	sc.closeTs = ts
	for _, t := range ts {
		sc.gramHits[t] = 0
	}
	for i := range sc.pending {
		wl := &sc.pending[i]
		for _, t := range ts {
			if h := &sc.termHits[t]; h.gen == sc.gen && h.sim >= distinctivePairSim {
				continue
			}
			if sim, ok := ix.typoOf(wl, t); ok {
				sc.hit(t, sim)
			}
		}
	}
}

// typoOf returns the similarity of term t to the word of wl as a
// misspelling the trigram look-up finds (see scanTypos), and whether it is
// one: its length and letters are checked first, which most terms fail.
func (ix *index) typoOf(wl *wordLookup, t int32) (float64, bool) {
	n := int(ix.keyLen[t])
	if n < wl.typo.minLen || n > wl.typo.maxLen {
		return 0, false
	}
	letters := newTypoLetters(&wl.q.word)
	if !lettersMayMeet(&letters, &ix.typoSets[t], wl.q.sound != "", typoBudget(max(len(wl.q.key), n))) || !ix.finds(&wl.typo, t) {
		return 0, false
	}
	return typoSim(&wl.q.word, &ix.terms[t].word)
}

// setNear sets, for each term the trigram look-up finds (see gramable),
// the others it meets as misspellings (see typoSim): the misspellings of
// a query word the list holds that lookup looks up ("TAESONG" in one
// name, "DAESONG" in another). Those an edit away are found, on every
// CPU, by the deletions of the keys: two keys an edit apart are one a
// letter short of the other, or both a letter short of the same string.
// Those beyond an edit are found as the trigram look-up finds a query
// word's (see scanTypos), for the distinctive words whose trigram lists
// hold maxFarPostings terms at most: in a list of real names nearly all.
// Without them, a name meeting the query in such a misspelling was found
// only through other words, and estimated without it ("Stepnyanski
// Elevator", "Stepnyansiky Elevator", see TestFarMisspellingsFound).
func (ix *index) setNear() {
	// Each key and each of its deletions, by hash.
	parts := make([][]keyed[uint32], runs(len(ix.terms)))
	parallel(len(ix.terms), func(next func() (int, int)) {
		for lo, hi := next(); lo < hi; lo, hi = next() {
			n := 0
			for t := lo; t < hi; t++ {
				n += len(ix.terms[t].key) + 1
			}
			ks := make([]keyed[uint32], 0, n)
			for t := lo; t < hi; t++ {
				tm := &ix.terms[t]
				if !gramable(tm.kind, tm.key) {
					continue
				}
				ks = append(ks, keyed[uint32]{foldHash(hashKey(hashSeed, tm.key)), int32(t)})
				if typoBudget(len(tm.key)) == 0 {
					continue
				}
				for i := range len(tm.key) {
					if i == 0 || tm.key[i] != tm.key[i-1] { // deleting either of two equal letters is one deletion
						ks = append(ks, keyed[uint32]{foldHash(hashKey(hashKey(hashSeed, tm.key[:i]), tm.key[i+1:])), int32(t)})
					}
				}
			}
			parts[lo/runLen] = ks
		}
	})
	ks := sortKeyed(parts)
	// The terms under a hash, checked pair by pair, make the pairs, both
	// ways: each run of ks takes the hashes that begin in it, whole.
	pairs := make([][]keyed[uint32], runs(len(ks)))
	parallel(len(ks), func(next func() (int, int)) {
		for lo, hi := next(); lo < hi; lo, hi = next() {
			var ps []keyed[uint32]
			for i := lo; i < hi; {
				if i > 0 && ks[i].key == ks[i-1].key { // begun in the run before
					i++
					continue
				}
				j := i + 1
				for j < len(ks) && ks[j].key == ks[i].key {
					j++
				}
				for k, a := range ks[i:j] {
					for _, b := range ks[i+k+1 : j] {
						x, y := &ix.terms[a.id].word, &ix.terms[b.id].word
						if a.id != b.id && typoBudget(max(len(x.key), len(y.key))) > 0 && editDistance(x.key, y.key, 1) == 1 {
							ps = append(ps, keyed[uint32]{uint32(a.id), b.id}, keyed[uint32]{uint32(b.id), a.id})
						}
					}
				}
				i = j
			}
			pairs[lo/runLen] = ps
		}
	})
	pairs = append(pairs, ix.farPairs()...)
	// The pairs by their first term, by counting.
	ix.nearOff = make([]uint32, len(ix.terms)+1)
	for _, ps := range pairs {
		for _, p := range ps {
			ix.nearOff[p.key+1]++
		}
	}
	for t := range ix.terms {
		ix.nearOff[t+1] += ix.nearOff[t]
	}
	near := make([]int32, ix.nearOff[len(ix.terms)])
	at := slices.Clone(ix.nearOff[:len(ix.terms)])
	for _, ps := range pairs {
		for _, p := range ps {
			near[at[p.key]] = p.id
			at[p.key]++
		}
	}
	// Two keys a transposition apart share two deletions, and the trigram
	// look-up finds words an edit away too: a pair may be found twice.
	n := uint32(0)
	for t := range ix.terms {
		ns := near[ix.nearOff[t]:ix.nearOff[t+1]]
		slices.Sort(ns)
		ix.nearOff[t] = n
		n += uint32(copy(near[n:], slices.Compact(ns)))
	}
	ix.nearOff[len(ix.terms)] = n
	ix.near = trimmed(near[:n])
}

// maxFarPostings is the most terms the trigram lists of a distinctive
// word may hold, in all (see gramPostings), for setNear to find its
// misspellings beyond an edit: the words of real names have fewer (in the
// 2022 CSL, 480 of its 22,206 distinctive words more than 2,000, none more
// than 4,000), but in a large list of words made of common syllables the
// lists of every word are long, and its misspellings many (33.8 million
// in a generated list of 1,000,000 entries, none of whose words is within
// the bound: setNear spends 0.1 s there telling so).
const maxFarPostings = 4000

// farPairs returns, for each distinctive word whose trigram lists hold
// maxFarPostings terms at most (see setNear), the pairs of the word (the
// key) and each other term the trigram look-up finds for it as for a query
// word (see scanTypos), computed on every CPU, in runs of terms.
// Organization words and qualifiers, frequent and light, are left out:
// their misspellings beyond an edit are many, and would add to many
// queries a look-up that finds little.
func (ix *index) farPairs() [][]keyed[uint32] {
	out := make([][]keyed[uint32], runs(len(ix.terms)))
	parallel(len(ix.terms), func(next func() (int, int)) {
		sc := &scratch{gramHits: make([]uint8, len(ix.terms))}
		var tq typoQuery
		var q qtoken
		var grams []gramCount
		var lists []gramList
		for lo, hi := next(); lo < hi; lo, hi = next() {
			var ps []keyed[uint32]
			for t := lo; t < hi; t++ {
				tm := &ix.terms[t]
				if tm.kind != normalize.Distinctive || !gramable(tm.kind, tm.key) || ix.gramPostings(tm.key) > maxFarPostings {
					continue
				}
				grams = setTypoQuery(&tq, tm.key, grams[:0])
				lists = ix.gramLists(&tq, tq.minLen, tq.maxLen, lists[:0])
				q = qtoken{word: tm.word, term: int32(t)}
				ix.scanTypos(&q, &tq, lists, sc, func(u int32, _ float64) {
					if u != int32(t) {
						ps = append(ps, keyed[uint32]{uint32(t), u})
					}
				})
			}
			out[lo/runLen] = ps
		}
	})
	return out
}

// gramPostings returns how many terms the trigram lists of key hold, in
// all, a trigram counted as often as key holds it.
func (ix *index) gramPostings(key string) int {
	n := 0
	forGrams(key, func(g uint32) { n += len(ix.grams.get(g)) })
	return n
}

// nearOf returns the terms that term t meets as misspellings, those an
// edit away and, for most terms, those beyond (see setNear), ascending.
func (ix *index) nearOf(t int32) []int32 {
	return ix.near[ix.nearOff[t]:ix.nearOff[t+1]:ix.nearOff[t+1]]
}
