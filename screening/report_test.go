package screening

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNextGroup checks that nextGroup hands out random candidates, many
// of them tied, group by group in the order of a sort by cmpUpToWriting,
// each group whole, whether all are asked for or the first few.
func TestNextGroup(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	for range 500 {
		cs := make([]candidate, r.IntN(60))
		for i := range cs {
			cs[i] = candidate{
				score:   float64(r.IntN(4)) / 4,
				form:    int8(r.IntN(3)),
				variant: int32(r.IntN(2)),
				entry:   int32(i),
			}
		}
		want := slices.Clone(cs)
		slices.SortStableFunc(want, func(a, b candidate) int { return a.cmpUpToWriting(&b) })
		ends := []int{len(cs)}
		for i, groups := 0, r.IntN(len(cs)+1); i < len(cs) && groups > 0; groups-- {
			var j int
			j, ends = nextGroup(cs, i, ends)
			require.Greater(t, j, i)
			k := i
			for k < len(want) && want[k].cmpUpToWriting(&want[i]) == 0 {
				k++
			}
			require.Equal(t, k, j, "the group at %d", i)
			for _, c := range cs[i:j] {
				assert.Zero(t, c.cmpUpToWriting(&want[i]))
			}
			got, wantGroup := slices.Clone(cs[i:j]), slices.Clone(want[i:j])
			slices.SortFunc(got, func(a, b candidate) int { return a.compare(&b) })
			slices.SortFunc(wantGroup, func(a, b candidate) int { return a.compare(&b) })
			assert.Equal(t, wantGroup, got, "the group at %d", i)
			i = j
		}
	}
}
