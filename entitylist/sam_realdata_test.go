package entitylist_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

// realSAM is the 16-row sample of the SAM.gov Exclusions public V2 extract
// beside the project (SOURCES.md, lists/); tests skip when it is absent.
const realSAM = "../../shared/data/lists/sam-exclusions-extract-sample-2023-11.csv"

func TestRealSAM(t *testing.T) {
	r := readReal(t, realSAM)[0]
	l, err := entitylist.ReadSAM(r, "sam")
	require.NoError(t, err)
	require.Equal(t, 16, l.Len())
	// The sample holds one record twice: kept, and a warning.
	w := l.Warnings()
	require.Len(t, w, 1)
	assert.Equal(t, "sam number", w[0].Field)
	assert.Contains(t, w[0].Message, "duplicate")

	var zte, ofac *entitylist.Entry
	for _, e := range l.All() {
		switch {
		case e.Name == "ZTE CORPORATION":
			zte = e
		case e.Agency == "TREAS-OFAC":
			ofac = e
		}
		assert.Equal(t, entitylist.SAMExclusions, e.Source)
		assert.NotEqual(t, entitylist.TypeUnknown, e.Type, e.Name)
		assert.False(t, e.StartDate.IsZero(), e.Name)
	}
	require.NotNil(t, zte, "the section 889 prohibition row")
	assert.Equal(t, entitylist.TypeEntity, zte.Type)
	assert.Equal(t, "Prohibition/Restriction", zte.ExclusionType)
	assert.Equal(t, "GSA", zte.Agency)
	assert.True(t, zte.EndDate.IsZero(), "Indefinite")
	assert.Contains(t, zte.Remarks, "889")
	assert.Equal(t, []string{"CN"}, zte.Countries())
	require.NotNil(t, ofac)
	assert.Equal(t, entitylist.TypeIndividual, ofac.Type)
	assert.Equal(t, []string{"IR"}, ofac.Countries())
}

func BenchmarkReadSAM(b *testing.B) {
	r := readReal(b, realSAM)[0]
	data, _ := io.ReadAll(r)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := entitylist.ReadSAM(bytes.NewReader(data), "bench"); err != nil {
			b.Fatal(err)
		}
	}
}
