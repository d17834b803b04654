package normalize

import (
	"math/bits"
	"unicode/utf8"
)

// The tables of the scripts read in runs are asked about nearly every
// letter of a run: whether a dictionary word starts there, whether a Han
// character has a simplified form or several readings. Most letters are
// no key, so the tables keep a bitmap of their keys of one range of
// letters in front of the map.

// runeMap is a map from runes with a bitmap of its keys of the range
// [lo, lo+64*len(keys)) in front: a rune of that range that is no key is
// answered by one bit. Make one with newRuneMap.
type runeMap[V any] struct {
	lo   rune
	keys []uint64
	m    map[rune]V
}

// newRuneMap returns an empty runeMap with a bitmap of [lo, hi).
func newRuneMap[V any](lo, hi rune) runeMap[V] {
	return runeMap[V]{lo: lo, keys: make([]uint64, (hi-lo+63)/64), m: map[rune]V{}}
}

// put sets the value of r.
func (m *runeMap[V]) put(r rune, v V) {
	if i := uint32(r - m.lo); i < uint32(64*len(m.keys)) {
		m.keys[i/64] |= 1 << (i % 64)
	}
	m.m[r] = v
}

// get returns the value of r, and whether r is a key.
func (m *runeMap[V]) get(r rune) (V, bool) {
	if i := uint32(r - m.lo); i < uint32(64*len(m.keys)) && m.keys[i/64]&(1<<(i%64)) == 0 {
		var zero V
		return zero, false
	}
	v, ok := m.m[r]
	return v, ok
}

// runDictionary is a dictionary of words of a script read in runs, by
// their letters as read (see unit), with the lengths of the words that
// start with each letter: the longest word at a letter of a run is
// looked up for those lengths only.
type runDictionary[V any] struct {
	words map[string]V
	// lengths maps the first letters of words to the set of the lengths
	// in letters of the words that start with them: bit n for n letters.
	lengths runeMap[uint16]
}

// maxRunWord is the most letters of a word of a runDictionary.
const maxRunWord = 15

// newRunDictionary returns an empty runDictionary whose first letters
// mostly lie in [lo, hi).
func newRunDictionary[V any](lo, hi rune) *runDictionary[V] {
	return &runDictionary[V]{words: map[string]V{}, lengths: newRuneMap[uint16](lo, hi)}
}

// add adds the word of the letters key; it reports false if the
// dictionary has it already.
func (d *runDictionary[V]) add(key []rune, v V) bool {
	if len(key) == 0 || len(key) > maxRunWord {
		panic("normalize: dictionary word of no or too many letters: " + string(key)) // a bug in the table
	}
	if _, dup := d.words[string(key)]; dup {
		return false
	}
	d.words[string(key)] = v
	ls, _ := d.lengths.get(key[0])
	d.lengths.put(key[0], ls|1<<len(key))
	return true
}

// startsWord reports whether a word starts with the letter r.
func (d *runDictionary[V]) startsWord(r rune) bool {
	_, ok := d.lengths.get(r)
	return ok
}

// longest returns the end of the longest word that starts at us[i], and
// the word, or 0. It builds the key in sc.key.
func (d *runDictionary[V]) longest(sc *scratch, us []unit, i int) (int, V) {
	var zero V
	ls, _ := d.lengths.get(us[i].r)
	if n := len(us) - i; n < maxRunWord {
		ls &= 1<<(n+1) - 1
	}
	if ls == 0 {
		return 0, zero
	}
	n := bits.Len16(ls) - 1
	var ends [maxRunWord + 1]int // ends[k]: the length of the key of k letters
	key := sc.key[:0]
	for k, u := range us[i : i+n] {
		key = utf8.AppendRune(key, u.r)
		ends[k+1] = len(key)
	}
	sc.key = key
	for j := n; j > 0; j-- {
		if ls&(1<<j) == 0 {
			continue
		}
		if w, ok := d.words[unsafeString(key[:ends[j]])]; ok {
			return i + j, w
		}
	}
	return 0, zero
}
