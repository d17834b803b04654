package entrykeys_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/entrykeys"
)

// TestOf finds the key of every entry of a merged list that repeats its
// rows, lines included, and of no entry the list lacks.
func TestOf(t *testing.T) {
	read := func(csv string) *entitylist.List {
		l, err := entitylist.ReadInHouse(strings.NewReader("name,aliases,country,id,notes\n"+csv), "test")
		require.NoError(t, err)
		return l
	}
	a := read("Name A,,RU,A,\nName B,,RU,B,\nName A2,,RU,A,\n")
	b := read("Name A,,US,A,\nOther B,,RU,B,\n")
	list := entitylist.Merge(a, b)
	k := entrykeys.New(list)
	require.Equal(t, list.Keys(), k.All())
	for i, e := range list.All() {
		got, ok := k.Of(e)
		if assert.True(t, ok, "entry %d", i) {
			assert.Equal(t, k.All()[i], got, "entry %d", i)
		}
	}
	e := list.Entry(2)
	e.Name = "Changed"
	_, ok := k.Of(e)
	assert.True(t, ok, "an entry at a place of its own is found by its place")
	e = list.Entry(3)
	e.Name = "Changed"
	_, ok = k.Of(e)
	assert.False(t, ok, "an entry that is at a shared place and equal to none")
	e.ID = "Z"
	_, ok = k.Of(e)
	assert.False(t, ok, "an entry at no place of the list")
}
