package entitylist_test

import (
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
