package screening

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestJoinedRowLens checks that the lengths of two terms written
// together, as runPairs reads them off the terms' rows, are those
// joinedLenBits finds for their words, with and without sound keys.
func TestJoinedRowLens(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	letters := func(n int) string { return strings.Repeat("a", n) }
	for range 1000 {
		var ws [2]word
		var rows [2]termRow
		for i := range ws {
			ws[i] = word{key: letters(1 + r.IntN(40))}
			if r.IntN(3) > 0 {
				ws[i].sound = letters(1 + r.IntN(40))
			}
			rows[i] = termRow{keyLen: int32(len(ws[i].key)), soundLen: int32(len(ws[i].sound))}
		}
		assert.Equal(t, joinedLenBits(&ws[0], &ws[1]), joinedRowLens(&rows[0], &rows[1]), "words %q and %q", ws[0], ws[1])
	}
}

// TestTableLayouts checks that a table answers alike whether its keys list
// one id each, several, or both, for keys present and absent, and lists
// every key once with its ids.
func TestTableLayouts(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	layouts := map[bool]bool{}
	for _, pool := range []int{1 << 30, 5000, 1000} { // about 1, 1.6 and 5 ids a key
		keys := make([]uint32, min(pool, 1<<16))
		for i := range keys {
			keys[i] = r.Uint32() >> uint(r.IntN(24))
		}
		want := map[uint32][]int32{}
		var parts []keyed[uint32]
		for id := range int32(5000) {
			k := r.Uint32()
			if pool < 1<<16 {
				k = keys[r.IntN(pool)]
			}
			want[k] = append(want[k], id)
			parts = append(parts, keyed[uint32]{k, id})
		}
		tb := newTable([][]keyed[uint32]{parts})
		ones := 0
		for _, ids := range want {
			if len(ids) == 1 {
				ones++
			}
		}
		assert.Equal(t, ones, len(tb.one.keys), "keys of one id")
		assert.Equal(t, len(want)-ones, len(tb.many.keys), "keys of several ids")
		layouts[ones == len(want)] = true
		for k, ids := range want {
			assert.Equal(t, ids, tb.get(k), "key %d", k)
		}
		for range 1000 {
			if k := r.Uint32(); want[k] == nil {
				assert.Nil(t, tb.get(k), "absent key %d", k)
			}
		}
		got := map[uint32][]int32{}
		prev := -1
		for k, ids := range tb.all {
			assert.Greater(t, int(k), prev, "keys ascending, each once")
			prev = int(k)
			got[k] = ids
		}
		assert.Equal(t, want, got)
	}
	assert.Len(t, layouts, 2, "tables of keys of one id alone and of both tried")
}

// TestTokenRef checks that a tokenRef gives back each of its fields, the
// largest term and every role and share among them, and that setting
// one leaves the others as they were.
func TestTokenRef(t *testing.T) {
	for _, term := range []int32{0, 1, maxTerms / 3, maxTerms - 1} {
		for _, qual := range []bool{false, true} {
			for _, joined := range []bool{false, true} {
				for role := roleNone; role <= roleMiddle; role++ {
					for share := uint8(shareWhole); share <= shareParent; share++ {
						tr := newTokenRef(term, qual, joined, role, share)
						assert.Equal(t, term, tr.term())
						assert.Equal(t, qual, tr.qual())
						assert.Equal(t, joined, tr.joined())
						assert.Equal(t, role, tr.role())
						assert.Equal(t, share, tr.share())
						set := newTokenRef(maxTerms-1-term, qual, joined, roleMiddle-role, shareParent-share)
						set.setTerm(term)
						set.setRole(role)
						set.setShare(share)
						assert.Equal(t, tr, set, "term %d, qual %v, joined %v, role %d, share %d", term, qual, joined, role, share)
					}
				}
			}
		}
	}
}

