package screening

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/cslfixture"
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
	ek, err := newEntryKeys(list)
	require.NoError(t, err)
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
	empty, err := newEntryKeys(&entitylist.List{})
	require.NoError(t, err)
	_, ok := empty.find(keys[0])
	assert.False(t, ok, "an empty list")
}

// TestKeyTable finds every id by its key as the table grows, and no id
// by a key not added.
func TestKeyTable(t *testing.T) {
	var keys []string
	keyOf := func(id int32) string { return keys[id] }
	var k keyTable
	_, ok := k.find("a", keyOf)
	assert.False(t, ok, "an empty table")
	for i := range 1000 {
		key := "k" + strconv.Itoa(i)
		_, ok := k.find(key, keyOf)
		require.False(t, ok, "key %q before it is added", key)
		keys = append(keys, key)
		k.add(int32(i), keyOf)
	}
	for i, key := range keys {
		got, ok := k.find(key, keyOf)
		if assert.True(t, ok, "key %q", key) {
			assert.Equal(t, int32(i), got, "key %q", key)
		}
	}
	for _, key := range []string{"", "k", "k1000", "k01"} {
		_, ok := k.find(key, keyOf)
		assert.False(t, ok, "key %q", key)
	}
	assert.LessOrEqual(t, 2*len(keys), len(k.slots), "at most half of the table taken")
}

// TestEntryKeysSources: a list of more sources than an entry can name is
// refused with an error naming the first entry past the limit.
func TestEntryKeysSources(t *testing.T) {
	var b strings.Builder
	b.WriteString("_id,source,name\n")
	for i := range maxSources + 1 {
		fmt.Fprintf(&b, "%d,S%d,Name\n", i, i)
	}
	list, err := entitylist.ReadCSV(strings.NewReader(cslfixture.Full(b.String())), "test")
	require.NoError(t, err)
	require.Equal(t, maxSources+1, list.Len())
	_, err = newEntryKeys(list)
	require.ErrorContains(t, err, fmt.Sprintf(`entry %d (line %d): source "S%d": the list has more than %d sources`, maxSources, maxSources+2, maxSources, maxSources))
}
