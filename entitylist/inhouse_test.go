package entitylist_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

func readInHouse(r *bytes.Reader, origin string) (*entitylist.List, error) {
	return entitylist.ReadInHouse(r, origin)
}

func TestReadInHouse(t *testing.T) {
	l, err := readFixture(t, "inhouse.csv", readInHouse)
	require.NoError(t, err)
	require.Equal(t, 3, l.Len())

	first := l.Entry(0)
	assert.Equal(t, "VEND-001", first.ID)
	assert.Equal(t, entitylist.InHouse, first.Source)
	assert.Equal(t, entitylist.TypeUnknown, first.Type)
	assert.Equal(t, "Blocked Supplier GmbH", first.Name)
	assert.Equal(t, []string{"Blocked Supplier", "BS GmbH"}, first.AltNames)
	assert.Equal(t, []string{"DE"}, first.Countries())
	assert.Equal(t, "Failed audit 2023", first.Remarks)
	assert.Equal(t, 2, first.Line)

	derived := l.Entry(1)
	assert.True(t, strings.HasPrefix(derived.ID, "INHOUSE-"), derived.ID)
	assert.Len(t, derived.ID, len("INHOUSE-")+12)
	assert.Equal(t, []string{"GB", "HK"}, derived.Countries(), "codes upper-cased, several allowed")

	quoted := l.Entry(2)
	assert.Equal(t, "Acme Widgets, Inc.", quoted.Name)
	assert.Equal(t, []string{"Acme", `"Acme" Widgets`}, quoted.AltNames)
	assert.Nil(t, quoted.Addresses)

	v := l.Version()
	assert.Equal(t, entitylist.FormatInHouse, v.Format)
	assert.Equal(t, map[entitylist.Source]int{entitylist.InHouse: 3}, v.BySource)
	assert.True(t, v.Newest.IsZero())
	assert.Empty(t, l.Warnings())
}

// TestReadInHouseUK checks that the country "UK", which people write for
// the United Kingdom, is GB, as a query's country "UK" is: kept as "UK" it
// would never equal the country of a British vendor.
func TestReadInHouseUK(t *testing.T) {
	l, err := entitylist.ReadInHouse(strings.NewReader("name,country\nShadow Freight Ltd,uk; DE\n"), "a.csv")
	require.NoError(t, err)
	e := l.Entry(0)
	assert.Equal(t, []string{"GB", "DE"}, e.Countries())
	assert.Equal(t, "uk", e.Addresses[0].Raw, "Raw keeps the text as written")
}

func TestReadInHouseDerivedIDIsStable(t *testing.T) {
	a := "name,country\nShadow Freight Ltd,GB\nOther Co,US\n"
	b := "NAME,COUNTRY\nFirst Row Inc,FR\nOther Co,US\nSHADOW FREIGHT LTD,gb\n"
	la, err := entitylist.ReadInHouse(strings.NewReader(a), "a.csv")
	require.NoError(t, err)
	lb, err := entitylist.ReadInHouse(strings.NewReader(b), "b.csv")
	require.NoError(t, err)
	assert.Equal(t, la.Entry(0).ID, lb.Entry(2).ID, "same name and country, other line and case: same ID")
	assert.Equal(t, la.Entry(1).ID, lb.Entry(1).ID)
	assert.NotEqual(t, la.Entry(0).ID, la.Entry(1).ID)
}

func TestReadInHouseBad(t *testing.T) {
	_, err := readFixture(t, "inhouse_bad.csv", readInHouse)
	errs := loadErrors(t, err)
	require.Len(t, errs, 2)
	assert.Equal(t, 3, errs[0].Line)
	assert.ErrorIs(t, errs[0], entitylist.ErrEmptyName)
	assert.Equal(t, 4, errs[1].Line)
	assert.Equal(t, "country", errs[1].Field)
	assert.Equal(t, "Germany", errs[1].Value)
	assert.ErrorIs(t, errs[1], entitylist.ErrBadCountry)
}

func TestReadInHouseWarnings(t *testing.T) {
	in := "name,id,owner\nA Co,1,legal\nB Co,1,legal\n"
	l, err := entitylist.ReadInHouse(strings.NewReader(in), "w.csv")
	require.NoError(t, err)
	require.Len(t, l.Warnings(), 2)
	assert.Equal(t, "owner", l.Warnings()[0].Field, "unknown column")
	dup := l.Warnings()[1]
	assert.Equal(t, 3, dup.Line)
	assert.Equal(t, "id", dup.Field)
	assert.Contains(t, dup.Message, "line 2")
}

func TestReadInHouseErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"empty", "", entitylist.ErrEmpty},
		{"no name column", "aliases,country\nA,US\n", entitylist.ErrMissingColumn},
		{"header only", "name\n", entitylist.ErrEmpty},
		{"too many fields", "name,country\nA,US,extra\n", entitylist.ErrFieldCount},
		{"header repeated", "name,country\nA,US\nName, Country\nB,DE\n", entitylist.ErrDuplicateHeader},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := entitylist.ReadInHouse(strings.NewReader(tt.in), "t.csv")
			assert.Nil(t, l)
			assert.ErrorIs(t, err, tt.want)
		})
	}
}
