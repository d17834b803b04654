package ownership

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTieMethodText checks that a tie method reads back from its text, so
// that an Outcome written to JSON reads back, and that other text is an
// error.
func TestTieMethodText(t *testing.T) {
	for _, m := range []TieMethod{0, ByListID, ByName} {
		b, err := m.MarshalText()
		require.NoError(t, err)
		var back TieMethod
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, m, back)
	}
	var m TieMethod
	assert.ErrorIs(t, m.UnmarshalText([]byte("guess")), ErrBadValue)
}
