package screening

import (
	"math/rand/v2"
	"testing"

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
