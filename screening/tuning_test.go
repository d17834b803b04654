package screening

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/entityscreen/entityscreen/screening/internal/normalize"
)

// TestTypoBudgetByLength pins the typo budget at every length a word can
// have: none up to three letters, one edit up to seven, two up to eleven,
// three beyond.
func TestTypoBudgetByLength(t *testing.T) {
	for n := range normalize.MaxLen + 1 {
		want := 3
		switch {
		case n <= 3:
			want = 0
		case n <= 7:
			want = 1
		case n <= 11:
			want = 2
		}
		assert.Equal(t, want, typoBudget(n), "%d letters", n)
	}
}

// TestFrequencyBounds pins the bounds on the names a word is in, by the
// size of the list: the most names a word may be in and find candidates
// (selectiveDF), and the fewest it must be in to be common (commonDF).
func TestFrequencyBounds(t *testing.T) {
	tests := []struct {
		names, selective, common int
	}{
		{0, 64, 20},
		{1000, 64, 20},
		{1280, 64, 20},
		{2000, 100, 20},
		{20_000, 1000, 40},
		{100_000, 5000, 200},
		{1_000_000, 5000, 2000},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d names", tt.names), func(t *testing.T) {
			assert.Equal(t, tt.selective, selectiveDF(tt.names), "selectiveDF")
			assert.Equal(t, tt.common, commonDF(tt.names), "commonDF")
		})
	}
}
