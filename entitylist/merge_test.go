package entitylist_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

func TestMerge(t *testing.T) {
	csl, err := entitylist.Open(fixture("official.csv"))
	require.NoError(t, err)
	inhouse, err := entitylist.Open(fixture("inhouse.csv"))
	require.NoError(t, err)
	js, err := entitylist.ReadJSON(strings.NewReader(`{"results":[{"id":"sdn-1001","source":"SDN","name":"DOE, Johnathan"}]}`), "dup.json")
	require.NoError(t, err)

	m := entitylist.Merge(csl, nil, inhouse, js)
	require.Equal(t, csl.Len()+inhouse.Len()+js.Len(), m.Len())
	assert.Equal(t, "el-0001", m.Entry(0).ID)
	assert.Equal(t, entitylist.InHouse, m.Entry(csl.Len()).Source, "entries keep their source")
	assert.Equal(t, "VEND-001", m.Entry(csl.Len()).ID)
	assert.Equal(t, 2, m.Entry(csl.Len()).Line, "and their line")

	v := m.Version()
	assert.Equal(t, entitylist.FormatMerged, v.Format)
	assert.Equal(t, m.Len(), v.Entries)
	require.Len(t, v.Parts, 3)
	assert.Equal(t, csl.Version(), v.Parts[0])
	assert.Equal(t, inhouse.Version(), v.Parts[1])
	assert.Equal(t, js.Version(), v.Parts[2])
	assert.Equal(t, 3, v.BySource[entitylist.SpeciallyDesignated])
	assert.Equal(t, 3, v.BySource[entitylist.InHouse])
	assert.Equal(t, time.Date(2023, 1, 24, 0, 0, 0, 0, time.UTC), v.Newest)
	assert.Len(t, v.SHA256, 64)
	assert.NotEqual(t, csl.Version().SHA256, v.SHA256)
	assert.Contains(t, v.String(), "merged: ../testdata/lists/official.csv + ../testdata/lists/inhouse.csv + dup.json (merged of 3 lists): 10 entries")

	w := m.Warnings()
	require.Len(t, w, 2)
	assert.Equal(t, fixture("official.csv"), w[0].Origin, "part warnings keep their origin")
	assert.Equal(t, "dup.json", w[1].Origin)
	assert.Equal(t, "sdn-1001", w[1].Value)
	assert.Contains(t, w[1].Message, fixture("official.csv")+" line 3")

	// Merging again gives the same version: the hash is deterministic.
	assert.Equal(t, v.SHA256, entitylist.Merge(csl, inhouse, js).Version().SHA256)
	assert.NotEqual(t, v.SHA256, entitylist.Merge(js, inhouse, csl).Version().SHA256, "order matters")
}

func TestMergeEmpty(t *testing.T) {
	m := entitylist.Merge()
	assert.Equal(t, 0, m.Len())
	assert.Empty(t, m.Version().Parts)
	for range m.All() {
		t.Fatal("no entries expected")
	}
}

// TestMergeChunks merges lists of more entries than one chunk of the
// encoding holds, first and later, and checks that the merged list holds
// every entry of its parts, in order, and says once per list where an ID
// of an earlier list is found again.
func TestMergeChunks(t *testing.T) {
	read := func(data []byte, origin string) *entitylist.List {
		l, err := entitylist.ReadCSV(bytes.NewReader(data), origin)
		require.NoError(t, err)
		return l
	}
	a, b := read(makeCSL(t, 150, "a"), "a.csv"), read(makeCSL(t, 70, "b"), "b.csv")
	// a-0, a-1 and a-1 again, which its loader reports.
	again := read(bytes.Replace(makeCSL(t, 3, "a"), []byte("\na-2,"), []byte("\na-1,"), 1), "again.csv")
	require.Len(t, again.Warnings(), 1)
	inhouse, err := entitylist.Open(fixture("inhouse.csv"))
	require.NoError(t, err)
	for _, tc := range []struct {
		name  string
		lists []*entitylist.List
		also  []string
	}{
		{"whole chunks first", []*entitylist.List{a, b, again}, []string{"again.csv a-0: ID also in a.csv line 2", "again.csv a-1: ID also in a.csv line 3"}},
		{"a part of a chunk first", []*entitylist.List{b, a, inhouse}, nil},
		{"a small list first", []*entitylist.List{inhouse, a, again}, []string{"again.csv a-0: ID also in a.csv line 2", "again.csv a-1: ID also in a.csv line 3"}},
		{"a list twice", []*entitylist.List{again, again}, []string{"again.csv a-0: ID also in again.csv line 2", "again.csv a-1: ID also in again.csv line 3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := entitylist.Merge(tc.lists...)
			var want []*entitylist.Entry
			for _, l := range tc.lists {
				for _, e := range l.All() {
					want = append(want, e)
				}
			}
			require.Equal(t, len(want), m.Len())
			for i, e := range m.All() {
				require.Equal(t, want[i], e, "entry %d", i)
				require.Equal(t, e.Name, m.Name(i, 0))
			}
			var also []string
			for _, w := range m.Warnings() {
				if strings.Contains(w.Message, "ID also in") {
					also = append(also, w.Origin+" "+w.Value+": "+w.Message)
				}
			}
			assert.Equal(t, tc.also, also)
		})
	}
}
