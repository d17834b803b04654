package entitylist

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSampleVersion checks that the embedded sample says it is one, in
// its version and in any merge holding it, and that other lists do not.
func TestSampleVersion(t *testing.T) {
	d := Default().Version()
	assert.True(t, d.Sample)
	assert.Contains(t, d.String(), "SAMPLE")

	other, err := ReadInHouse(strings.NewReader("name,aliases,country,id,notes\nAcme Trading,,US,1,\n"), "in-house")
	require.NoError(t, err)
	assert.False(t, other.Version().Sample)
	assert.NotContains(t, other.Version().String(), "SAMPLE")

	m := Merge(other, Default())
	assert.True(t, m.Version().Sample, "a merge holding the sample")
}
