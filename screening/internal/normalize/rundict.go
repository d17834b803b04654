package normalize

import (
	"math/bits"
	"slices"
)

// The tables of the scripts read in runs are asked about nearly every
// letter of a run: whether a dictionary word starts there, whether a Han
// character has a simplified form or several readings. Most letters are
// no key, so the tables keep a bitmap of their keys of one range of
// letters in front of the map.

// runeMap is a map from the runes of the range [lo, lo+64*len(keys))
// that keeps its keys in a bitmap and their values in rune order: a rune
// that is no key is answered by one bit, and the value of a key is found
// by counting the keys before it, without hashing. Make one with
// newRuneMap.
type runeMap[V any] struct {
	lo    rune
	keys  []uint64 // bit r-lo: r is a key
	ranks []uint32 // ranks[i]: the number of keys of keys[:i]
	vals  []V      // the values of the keys, in rune order
}

// newRuneMap returns an empty runeMap of the runes of [lo, hi).
func newRuneMap[V any](lo, hi rune) runeMap[V] {
	n := (hi - lo + 63) / 64
	return runeMap[V]{lo: lo, keys: make([]uint64, n), ranks: make([]uint32, n)}
}

// put sets the value of r, a rune of the map's range.
func (m *runeMap[V]) put(r rune, v V) {
	i := uint32(r - m.lo)
	if i >= uint32(64*len(m.keys)) {
		panic("normalize: rune beyond the range of a table: " + string(r)) // a bug in the table
	}
	k := m.rank(i)
	if m.keys[i/64]&(1<<(i%64)) != 0 {
		m.vals[k] = v
		return
	}
	m.keys[i/64] |= 1 << (i % 64)
	m.vals = slices.Insert(m.vals, k, v)
	for w := i/64 + 1; w < uint32(len(m.ranks)); w++ {
		m.ranks[w]++
	}
}

// rank returns the number of keys below lo+i.
func (m *runeMap[V]) rank(i uint32) int {
	return int(m.ranks[i/64]) + bits.OnesCount64(m.keys[i/64]&(1<<(i%64)-1))
}

// get returns the value of r, and whether r is a key.
func (m *runeMap[V]) get(r rune) (V, bool) {
	if i := uint32(r - m.lo); i < uint32(64*len(m.keys)) && m.keys[i/64]&(1<<(i%64)) != 0 {
		return m.vals[m.rank(i)], true
	}
	var zero V
	return zero, false
}

// runDictionary is a dictionary of words of a script read in runs, by
// their letters as read (see unit), with the lengths of the words that
// start with each letter: the longest word at a letter of a run is
// looked up for those lengths only. Words are found by a hash of their
// letters, which the look-up works out letter by letter without building
// a key, and their letters are compared to rule out a collision.
type runDictionary[V any] struct {
	words map[uint64]runWord[V] // by runHash of the letters
	// lengths maps the first letters of words to the set of the lengths
	// in letters of the words that start with them: bit n for n letters.
	lengths runeMap[uint16]
}

// runWord is a word of a runDictionary: its letters and its value.
type runWord[V any] struct {
	letters []rune
	v       V
}

// maxRunWord is the most letters of a word of a runDictionary.
const maxRunWord = 15

// newRunDictionary returns an empty runDictionary whose first letters
// lie in [lo, hi).
func newRunDictionary[V any](lo, hi rune) *runDictionary[V] {
	return &runDictionary[V]{words: map[uint64]runWord[V]{}, lengths: newRuneMap[uint16](lo, hi)}
}

// runHash returns the hash h of letters extended by the letter r
// (FNV-1a, a letter at a time); the hash of no letters is runHashStart.
func runHash(h uint64, r rune) uint64 {
	return (h ^ uint64(r)) * 0x100000001b3
}

// runHashStart is the hash of no letters.
const runHashStart uint64 = 0xcbf29ce484222325

// add adds the word of the letters key; it reports false if the
// dictionary has it already.
func (d *runDictionary[V]) add(key []rune, v V) bool {
	if len(key) == 0 || len(key) > maxRunWord {
		panic("normalize: dictionary word of no or too many letters: " + string(key)) // a bug in the table
	}
	h := runHashStart
	for _, r := range key {
		h = runHash(h, r)
	}
	if w, dup := d.words[h]; dup {
		if !slices.Equal(w.letters, key) {
			panic("normalize: dictionary words of one hash: " + string(key) + ", " + string(w.letters)) // change runHash
		}
		return false
	}
	d.words[h] = runWord[V]{letters: slices.Clone(key), v: v}
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
// the word, or 0.
func (d *runDictionary[V]) longest(us []unit, i int) (int, V) {
	var zero V
	ls, _ := d.lengths.get(us[i].r)
	if n := len(us) - i; n < maxRunWord {
		ls &= 1<<(n+1) - 1
	}
	if ls == 0 {
		return 0, zero
	}
	n := bits.Len16(ls) - 1
	var hs [maxRunWord + 1]uint64 // hs[k]: the hash of the first k letters
	h := runHashStart
	for k, u := range us[i : i+n] {
		h = runHash(h, u.r)
		hs[k+1] = h
	}
	for j := n; j > 0; j-- {
		if ls&(1<<j) == 0 {
			continue
		}
		if w, ok := d.words[hs[j]]; ok && sameLetters(w.letters, us[i:i+j]) {
			return i + j, w.v
		}
	}
	return 0, zero
}

// sameLetters reports whether the units us are the letters rs.
func sameLetters(rs []rune, us []unit) bool {
	if len(rs) != len(us) {
		return false
	}
	for k, r := range rs {
		if us[k].r != r {
			return false
		}
	}
	return true
}
