package screening

import (
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
)

// TestHeldLengths checks that a set of lengths held in 32 bits stands
// for all its lengths, and for no more when none is of 31 letters or
// more.
func TestHeldLengths(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 1000 {
		s := r.Uint64() >> r.IntN(64)
		w := widenLengths(narrowLengths(s))
		assert.Equal(t, s, w&s, "set %064b", s)
		if s < 1<<31 {
			assert.Equal(t, s, w, "set %064b", s)
		}
	}
	assert.Equal(t, uint64(1<<3)|^uint64(1<<31-1), widenLengths(narrowLengths(lenBit(3)|lenBit(40))))
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

// TestIndexedNameSize checks that an indexedName is half a cache line, as
// its fields are laid out for: a name scored in a large list is then read
// in one line (see nameFlags).
func TestIndexedNameSize(t *testing.T) {
	assert.Equal(t, uintptr(32), unsafe.Sizeof(indexedName{}))
}
