package entitylist_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

func TestListAccess(t *testing.T) {
	l, err := entitylist.Open(fixture("official.csv"))
	require.NoError(t, err)
	var ids []string
	for i, e := range l.All() {
		assert.Equal(t, l.Entry(i), e, "All yields the entries Entry returns")
		assert.NotSame(t, l.Entry(i), l.Entry(i), "each call decodes a copy")
		ids = append(ids, e.ID)
	}
	assert.Equal(t, []string{"el-0001", "sdn-1001", "sdn-1002", "dpl-0001", "isn-0001", "new-0001"}, ids)
	n := 0
	for range l.All() {
		n++
		break
	}
	assert.Equal(t, 1, n, "All stops when the loop breaks")
	e := l.Entry(1)
	want := *l.Entry(1)
	e.Name, e.AltNames[0] = "changed", "changed"
	assert.Equal(t, &want, l.Entry(1), "changing a copy changes not the list")
	for i, e := range l.All() {
		for k, name := range e.Names() {
			assert.Equal(t, name, l.Name(i, k), "entry %d, name %d", i, k)
		}
		assert.Panics(t, func() { l.Name(i, len(e.Names())) })
	}
	assert.Panics(t, func() { l.Name(l.Len(), 0) })
	assert.Panics(t, func() { l.Entry(l.Len()) })
	assert.Panics(t, func() { l.Entry(-1) })
}

func TestListLargeIndexing(t *testing.T) {
	var b strings.Builder
	b.WriteString(cslHeader([]string{"_id", "source", "name"}) + "\n")
	const n = 1000 // several storage chunks
	for i := range n {
		b.WriteString("id-")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(",EL,Name ")
		b.WriteString(string(rune('A' + i%26)))
		b.WriteString(cslPad(3) + "\n")
	}
	l, err := entitylist.ReadCSV(strings.NewReader(b.String()), "n.csv")
	require.NoError(t, err)
	require.Equal(t, n, l.Len())
	for i := range n {
		e := l.Entry(i)
		require.Equal(t, i+2, e.Line)
	}
}

func TestListVersionIsACopy(t *testing.T) {
	l, err := entitylist.Open(fixture("official.csv"))
	require.NoError(t, err)
	v := l.Version()
	v.BySource[entitylist.EntityList] = 99
	v.Origin = "changed"
	assert.Equal(t, 1, l.Version().BySource[entitylist.EntityList])
	assert.Equal(t, fixture("official.csv"), l.Version().Origin)
	w := l.Warnings()
	w[0].Message = "changed"
	assert.NotEqual(t, "changed", l.Warnings()[0].Message)
}

func TestVersionString(t *testing.T) {
	v := entitylist.Version{
		Origin:   "list.csv",
		Format:   entitylist.FormatCSV,
		SHA256:   strings.Repeat("ab", 32),
		Newest:   time.Date(2024, 6, 24, 0, 0, 0, 0, time.UTC),
		Entries:  3,
		BySource: map[entitylist.Source]int{"SDN": 1, "EL": 2},
	}
	assert.Equal(t, "list.csv (csv): 3 entries [EL 2, SDN 1], newest 2024-06-24, sha256 "+strings.Repeat("ab", 32), v.String())
	assert.Equal(t, "unnamed list (unknown): 0 entries", entitylist.Version{}.String())
}

func TestFormatString(t *testing.T) {
	tests := map[entitylist.Format]string{
		entitylist.FormatUnknown: "unknown", entitylist.FormatCSV: "csv", entitylist.FormatJSON: "json",
		entitylist.FormatInHouse: "inhouse", entitylist.FormatMerged: "merged", entitylist.Format(200): "unknown",
	}
	for f, want := range tests {
		assert.Equal(t, want, f.String())
	}
}

// TestTextRoundTrip checks that entity types read back what they write,
// and that types and formats name the value they cannot read. That every
// format reads back is checked by TestFormatsComplete.
func TestTextRoundTrip(t *testing.T) {
	for typ := entitylist.TypeUnknown; typ <= entitylist.TypeAircraft; typ++ {
		b, err := typ.MarshalText()
		require.NoError(t, err)
		var back entitylist.EntityType
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, typ, back)
	}
	var typ entitylist.EntityType
	require.NoError(t, typ.UnmarshalText([]byte("Individual")), "the CSL spelling")
	assert.Equal(t, entitylist.TypeIndividual, typ)
	assert.ErrorContains(t, typ.UnmarshalText([]byte("company")), `"company"`)
	var f entitylist.Format
	assert.ErrorContains(t, f.UnmarshalText([]byte("xml")), `"xml"`)
}

func TestWarningString(t *testing.T) {
	w := entitylist.Warning{Origin: "a.csv", Line: 12, Field: "_id", Value: "abc", Message: "duplicate of the entry on line 3"}
	assert.Equal(t, `a.csv: line 12, field "_id": duplicate of the entry on line 3 (value "abc")`, w.String())
	assert.Equal(t, "note", entitylist.Warning{Message: "note"}.String())
}

// TestListConcurrentReads reads one list from many goroutines; run with
// -race to check that reading never writes.
func TestListConcurrentReads(t *testing.T) {
	l, err := entitylist.Open(fixture("official.csv"))
	require.NoError(t, err)
	var wg sync.WaitGroup
	results := make([]int, 16)
	for g := range results {
		wg.Go(func() {
			count := 0
			for range 50 {
				for i, e := range l.All() {
					count += len(e.Names()) + len(e.Countries()) + len(l.Entry(i).AltNames)
				}
				v := l.Version()
				count += v.Entries + len(v.BySource) + len(l.Warnings()) + l.Len()
				_ = v.String()
			}
			results[g] = count
		})
	}
	wg.Wait()
	for g := range results {
		assert.Equal(t, results[0], results[g], "goroutine %d saw the same data", g)
	}
	assert.Positive(t, results[0])
}

// TestEntryCountries checks that an entry's countries are those of its
// addresses, then its nationalities and citizenships, each once, and that
// a nationality that is no ISO code is left out.
func TestEntryCountries(t *testing.T) {
	e := &entitylist.Entry{
		Addresses:     []entitylist.Address{{Country: "RU"}, {Country: "BY"}, {Country: "RU"}},
		Nationalities: []string{"BY", "KZ", "Russia"},
		Citizenships:  []string{"AM"},
	}
	assert.Equal(t, []string{"RU", "BY", "KZ", "AM"}, e.Countries())
}
