package screening

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOSAPatternDistance(t *testing.T) {
	for _, tt := range distanceCases {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			var p osaPattern
			require.True(t, p.set(tt.a))
			assert.Equal(t, tt.want, p.distance([]byte(tt.b), tt.limit))
		})
	}
	var p osaPattern
	assert.False(t, p.set(strings.Repeat("a", maxPattern+1)), "too long for a pattern")
}

// The bit-parallel distance is the textbook one, whatever the strings,
// the limit, and the pattern the osaPattern held before.
func TestOSAPatternAgainstFullTable(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	word := func(n int) string {
		b := make([]byte, r.IntN(n+1))
		for i := range b {
			b[i] = "abcde"[r.IntN(5)]
		}
		return string(b)
	}
	var p osaPattern
	for i := range 40000 {
		n := 10
		if i%10 == 0 {
			n = maxPattern
		}
		a, b := word(n), word(n)
		require.True(t, p.set(a))
		full := fullOSA(a, b)
		for _, limit := range []int{0, 1, 2, 3, 4, maxPattern} {
			if got, want := p.distance([]byte(b), limit), min(full, limit+1); got != want {
				t.Fatalf("distance(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
			}
		}
	}
}

// The typo filter accepts exactly the pairs typoSim accepts: words of the
// lengths where the budget changes (7 and 8 letters, 11 and 12), within
// and beyond it by their keys and by their sound keys, and misspelt by
// every kind of edit. Its first check, of the letters alone, passes
// every pair it accepts.
func TestTypoFilterAgreesWithTypoSim(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	const letters = "aeikmnorst"
	edit := func(s string) string {
		b := []byte(s)
		switch i := r.IntN(len(b) + 1); r.IntN(4) {
		case 0: // insert
			b = append(b[:i], append([]byte{letters[r.IntN(len(letters))]}, b[i:]...)...)
		case 1: // delete
			if i < len(b) {
				b = append(b[:i], b[i+1:]...)
			}
		case 2: // substitute
			if i < len(b) {
				b[i] = letters[r.IntN(len(letters))]
			}
		default: // swap neighbours
			if i+1 < len(b) {
				b[i], b[i+1] = b[i+1], b[i]
			}
		}
		return string(b)
	}
	edits := func(s string, n int) string {
		for range n {
			s = edit(s)
		}
		return s
	}
	newW := func(key, sound string) word {
		return word{key: key, sound: sound, mask: letterMask(key), smask: letterMask(sound)}
	}
	var f typoFilter
	accepted := 0
	for i := range 200000 {
		n := []int{3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 16}[r.IntN(11)]
		if i%1000 == 0 {
			n = maxPattern - 1 + r.IntN(3) // about the longest pattern
		}
		key := edits(strings.Repeat("a", n), n) // n random edits of n letters
		for len(key) < 3 {
			key += "s"
		}
		list := newW(key, "")
		switch r.IntN(3) {
		case 0:
			list.sound = key
		case 1:
			list.sound = edits(key, 1+r.IntN(3))
		}
		list = newW(list.key, list.sound)
		q := newW(edits(key, r.IntN(5)), "")
		if list.sound != "" && r.IntN(4) > 0 {
			q.sound = edits(list.sound, r.IntN(5))
		}
		q = newW(q.key, q.sound)
		f.set(&q)
		_, want := typoSim(&q, &list)
		l, k := newTypoLetters(&list), newTypoKey(&list)
		got := f.accepts(&l, &k, &list)
		if len(q.key) <= maxPattern && len(q.sound) <= maxPattern && len(list.key) <= maxTypoText && len(list.sound) <= maxTypoText {
			require.Equal(t, want, got, "query %q (%q), list word %q (%q)", q.key, q.sound, list.key, list.sound)
		} else if want {
			require.True(t, got, "a long word is left to typoSim: %q, %q", q.key, list.key)
		}
		if got {
			require.True(t, f.mayAccept(&l, typoBudget(max(len(q.key), len(list.key)))), "query %q (%q), list word %q (%q)", q.key, q.sound, list.key, list.sound)
		}
		if want {
			accepted++
		}
	}
	assert.Greater(t, accepted, 20000, "the pairs must be misspellings often")
}

// Folded letter sets differ in no more letters than the sets themselves,
// whatever bytes the words hold, and keep the letters a to z apart.
func TestFoldLetters(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	word := func() string {
		b := make([]byte, 1+r.IntN(12))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		return string(b)
	}
	for range 20000 {
		x, y := letterMask(word()), letterMask(word())
		for budget := range 4 {
			if lettersWithin(x, y, budget) {
				require.True(t, lettersWithin(uint64(foldLetters(x)), uint64(foldLetters(y)), budget), "%x, %x", x, y)
			}
		}
	}
	for a := byte('a'); a <= 'z'; a++ {
		for b := a + 1; b <= 'z'; b++ {
			assert.NotEqual(t, foldLetters(letterMask(string(a))), foldLetters(letterMask(string(b))))
		}
	}
}
