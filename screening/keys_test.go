package screening

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

// TestEntryKeys finds every entry by its key, those whose ID repeats one
// before them included, and no entry by a key the list lacks.
func TestEntryKeys(t *testing.T) {
	var b strings.Builder
	b.WriteString("name,aliases,country,id,notes\n")
	for i, id := range []string{"A", "B", "A", "C", "A", "B", ""} {
		b.WriteString("Name " + string(rune('a'+i)) + ",,RU," + id + ",\n")
	}
	list, err := entitylist.ReadInHouse(strings.NewReader(b.String()), "test")
	require.NoError(t, err)
	ek := newEntryKeys(list)
	keys := list.Keys()
	require.Len(t, keys, list.Len())
	for i, k := range keys {
		e, ok := ek.find(k)
		if assert.True(t, ok, "key %v", k) {
			assert.Equal(t, int32(i), e, "key %v", k)
		}
	}
	for _, k := range []entitylist.EntryKey{
		{Source: keys[0].Source, ID: "A", Dup: 3},
		{Source: keys[0].Source, ID: "A", Dup: -1},
		{Source: keys[0].Source, ID: "D"},
		{Source: entitylist.EntityList, ID: "A"},
	} {
		_, ok := ek.find(k)
		assert.False(t, ok, "key %v", k)
	}
	empty := newEntryKeys(&entitylist.List{})
	_, ok := empty.find(keys[0])
	assert.False(t, ok, "an empty list")
}
