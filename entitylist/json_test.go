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

func readJSON(r *bytes.Reader, origin string) (*entitylist.List, error) {
	return entitylist.ReadJSON(r, origin)
}

func TestReadJSONOfficial(t *testing.T) {
	l, err := readFixture(t, "official.json", readJSON)
	require.NoError(t, err)
	require.Equal(t, 3, l.Len())

	el := l.Entry(0)
	assert.Equal(t, "json-el-1", el.ID)
	assert.Equal(t, entitylist.EntityList, el.Source)
	assert.Equal(t, entitylist.TypeUnknown, el.Type)
	assert.Equal(t, "Example Avionics Plant", el.Name)
	assert.Equal(t, []string{"Example Avionics", "EAP"}, el.AltNames, `"and " wording removed`)
	assert.Equal(t, []entitylist.Address{
		{Street: "1 Runway Street", City: "Moscow", PostalCode: "123456", Country: "RU", Raw: "1 Runway Street, Moscow, 123456, RU"},
		{Street: "2 Hangar Lane", City: "Minsk", Country: "BY", Raw: "2 Hangar Lane, Minsk, BY"},
	}, el.Addresses)
	assert.Equal(t, []string{"87 FR 12226", "87 FR 13048"}, el.FederalRegisterNotices)
	assert.Equal(t, time.Date(2022, 3, 3, 0, 0, 0, 0, time.UTC), el.StartDate)
	assert.Equal(t, "Policy of denial.", el.LicensePolicy)
	assert.Nil(t, el.Vessel)
	assert.Equal(t, 5, el.Line, "the line where the result object starts")

	person := l.Entry(1)
	assert.Equal(t, "7007", person.EntityNumber, "numbers are kept as written")
	assert.Equal(t, entitylist.TypeIndividual, person.Type)
	assert.Equal(t, []entitylist.Identification{
		{Type: "Passport", Number: "P7654321", Country: "SY", IssueDate: "2015-01-01", Raw: "Passport, P7654321, SY"},
	}, person.IDs)
	assert.Equal(t, []string{"1980-05-06"}, person.DatesOfBirth)
	assert.Equal(t, 39, person.Line)

	bank := l.Entry(2)
	assert.Equal(t, entitylist.NonSDNMenuBasedSanctions, bank.Source)
	assert.Equal(t, entitylist.TypeEntity, bank.Type)
	assert.Equal(t, time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC), bank.StartDate)

	v := l.Version()
	assert.Equal(t, entitylist.FormatJSON, v.Format)
	assert.Equal(t, 3, v.Entries)
	assert.Equal(t, time.Date(2022, 3, 3, 0, 0, 0, 0, time.UTC), v.Newest)
	assert.Len(t, v.SHA256, 64)
}

func TestReadJSONErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  error
		line  int
		field string
	}{
		{"empty", "", entitylist.ErrEmpty, 0, ""},
		{"array", `[{"name":"x"}]`, entitylist.ErrNotCSL, 1, ""},
		{"string", `"hello"`, entitylist.ErrNotCSL, 1, ""},
		{"no results", `{"data":[]}`, entitylist.ErrNotCSL, 1, ""},
		{"results not array", `{"results":{}}`, entitylist.ErrNotCSL, 1, "results"},
		{"foreign results", `{"results":[{"company":"x"},{"company":"y"}]}`, entitylist.ErrNotCSL, 1, "results"},
		{"empty results", `{"results":[]}`, entitylist.ErrEmpty, 0, ""},
		{"syntax", "{\"results\":[\n{\"name\":}]}", entitylist.ErrSyntax, 2, "results[0]"},
		{"cut off", "{\"results\":[\n{\"name\":\"x\"", entitylist.ErrSyntax, 2, "results[0]"},
		{"syntax in a later result", "{\"results\":[\n{\"source\":\"EL\",\"name\":\"a\"},\n{\"source\":\"EL\",\"name\":\"b\" \"c\"}]}", entitylist.ErrSyntax, 3, "results[1]"},
		{"stray character at the end", "{\"results\":[\n{\"source\":\"EL\",\"name\":\"a\"x", entitylist.ErrSyntax, 2, "results[0]"},
		{"syntax after the results", "{\"results\":[\n{\"source\":\"EL\",\"name\":\"a\"}],}", entitylist.ErrSyntax, 2, ""},
		{"trailing data", `{"results":[{"name":"x","source":"EL"}]} {}`, entitylist.ErrSyntax, 1, ""},
		{"empty name", "{\"results\":[\n{\"source\":\"EL\",\"name\":\"\"}]}", entitylist.ErrEmptyName, 2, "results[0].name"},
		{"bad date", "{\"results\":[\n\n{\"source\":\"EL\",\"name\":\"N\",\"start_date\":\"03/03/2022\"}]}", entitylist.ErrBadDate, 3, "results[0].start_date"},
		{"object for text", `{"results":[{"source":"EL","name":{"x":1}}]}`, entitylist.ErrBadValue, 1, "results[0].name"},
		{"bad country", `{"results":[{"source":"EL","name":"N","addresses":[{"country":"Atlantis"}]}]}`, entitylist.ErrBadCountry, 1, "results[0].addresses"},
		{"result not object", `{"results":[{"source":"EL","name":"N"}, 5]}`, entitylist.ErrBadValue, 1, "results[1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := entitylist.ReadJSON(strings.NewReader(tt.in), "t.json")
			assert.Nil(t, l)
			require.ErrorIs(t, err, tt.want)
			errs := loadErrors(t, err)
			require.NotEmpty(t, errs)
			assert.Equal(t, tt.line, errs[0].Line)
			assert.Equal(t, tt.field, errs[0].Field)
		})
	}
}

func TestReadJSONNotCSLFixture(t *testing.T) {
	_, err := readFixture(t, "not_csl.json", readJSON)
	assert.ErrorIs(t, err, entitylist.ErrNotCSL)
	assert.Contains(t, err.Error(), "not a Consolidated Screening List")
}

func TestReadJSONLenientShapes(t *testing.T) {
	in := `{"results":[{"_id":"u-1","source":"DPL","name":"  Some   Name ","alt_names":"A; B",
		"addresses":["Main St 1, Springfield, IL, 62701, US"],"ids":["Passport, 123, US"],
		"federal_register_notice":["80 FR 1","81 FR 2; 82 FR 3"],"programs":null,"gross_tonnage":1200}]}`
	l, err := entitylist.ReadJSON(strings.NewReader(in), "t.json")
	require.NoError(t, err)
	e := l.Entry(0)
	assert.Equal(t, "u-1", e.ID, `"_id" is accepted for "id"`)
	assert.Equal(t, entitylist.DeniedPersons, e.Source)
	assert.Equal(t, "Some Name", e.Name)
	assert.Equal(t, []string{"A", "B"}, e.AltNames)
	require.Len(t, e.Addresses, 1)
	assert.Equal(t, "US", e.Addresses[0].Country)
	assert.Equal(t, "IL", e.Addresses[0].State)
	assert.Equal(t, []entitylist.Identification{{Type: "Passport", Number: "123", Country: "US", Raw: "Passport, 123, US"}}, e.IDs)
	assert.Equal(t, []string{"80 FR 1", "81 FR 2", "82 FR 3"}, e.FederalRegisterNotices)
	require.NotNil(t, e.Vessel)
	assert.Equal(t, "1200", e.Vessel.GrossTonnage)
}

// TestReadJSONAddressGroup checks that addresses written as text in JSON
// are read as ReadCSV reads them: the first address of a "X; and Y, CC"
// group has the country of the last.
func TestReadJSONAddressGroup(t *testing.T) {
	const text = "1 Lenina St, Moscow; and 2 Tverskaya St, Moscow, RU"
	fromCSV, err := entitylist.ReadCSV(strings.NewReader(shortCSL("_id,source,name,addresses", `a1,EL,Volga JSC,"`+text+`"`)), "t.csv")
	require.NoError(t, err)
	for _, addrs := range []string{`"` + text + `"`, `["1 Lenina St, Moscow", "and 2 Tverskaya St, Moscow, RU"]`} {
		l, err := entitylist.ReadJSON(strings.NewReader(`{"results":[{"id":"a1","source":"EL","name":"Volga JSC","addresses":`+addrs+`}]}`), "t.json")
		require.NoError(t, err)
		got := l.Entry(0).Addresses
		assert.Equal(t, fromCSV.Entry(0).Addresses, got, addrs)
		require.Len(t, got, 2)
		assert.Equal(t, "RU", got[0].Country, addrs)
	}
}

// TestReadJSONAddressCountryWrittenOut checks that an address written as
// text in JSON whose country is written out before its code is read as
// ReadCSV reads it: the name is not the city.
func TestReadJSONAddressCountryWrittenOut(t *testing.T) {
	const text = "1 Kochari Street, Yerevan, Armenia, AM"
	fromCSV, err := entitylist.ReadCSV(strings.NewReader(shortCSL("_id,source,name,addresses", `a1,EL,Ararat LLC,"`+text+`"`)), "t.csv")
	require.NoError(t, err)
	l, err := entitylist.ReadJSON(strings.NewReader(`{"results":[{"id":"a1","source":"EL","name":"Ararat LLC","addresses":"`+text+`"}]}`), "t.json")
	require.NoError(t, err)
	want := []entitylist.Address{{Street: "1 Kochari Street", City: "Yerevan", Country: "AM", Raw: text}}
	assert.Equal(t, want, fromCSV.Entry(0).Addresses)
	assert.Equal(t, want, l.Entry(0).Addresses)
}

// TestReadJSONStrict: what encoding/json would drop or change silently is
// an error naming the result and the key; keys left out are not.
func TestReadJSONStrict(t *testing.T) {
	const entry = `"source":"EL","name":"Acme Ltd."`
	tests := []struct {
		name  string
		in    string
		want  error
		field string
		msg   string
	}{
		{"second results array", `{"results":[{` + entry + `}],"total":1,"results":[]}`, entitylist.ErrDuplicateKey, "results", ""},
		{"alt_names twice", `{"results":[{` + entry + `,"alt_names":["A"],"alt_names":["B"]}]}`, entitylist.ErrDuplicateKey, "results[0].alt_names", ""},
		{"city twice", `{"results":[{` + entry + `,"addresses":[{"city":"Minsk","city":"Moscow"}]}]}`, entitylist.ErrDuplicateKey, "results[0].addresses",
			`key "city": duplicated key`},
		{"misspelled key", `{"results":[{` + entry + `,"alt_name":["A"]}]}`, entitylist.ErrUnknownKey, "results[0].alt_name", ""},
		{"misspelled address key", `{"results":[{` + entry + `,"addresses":[{"postcode":"1"}]}]}`, entitylist.ErrUnknownKey, "results[0].addresses",
			`unknown key "postcode": not one of address, city, state, postal_code, country`},
		{"misspelled id key", `{"results":[{` + entry + `,"ids":[{"kind":"Passport"}]}]}`, entitylist.ErrUnknownKey, "results[0].ids", ""},
		{"alias not UTF-8", "{\"results\":[{" + entry + ",\"alt_names\":[\"Caf\xe9\"]}]}", entitylist.ErrInvalidUTF8, "results[0].alt_names",
			`(value "[\"Caf\xe9\"]")`},
		{"city not UTF-8", "{\"results\":[{" + entry + ",\"addresses\":[{\"city\":\"M\xfcnchen\"}]}]}", entitylist.ErrInvalidUTF8, "results[0].addresses", ""},
		{"key not UTF-8", "{\"results\":[{" + entry + ",\"caf\xe9\":1}]}", entitylist.ErrInvalidUTF8, "results[0].caf\xe9", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := entitylist.ReadJSON(strings.NewReader(tt.in), "t.json")
			assert.Nil(t, l)
			require.ErrorIs(t, err, tt.want)
			errs := loadErrors(t, err)
			require.Len(t, errs, 1)
			assert.Equal(t, tt.field, errs[0].Field)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}

	// Keys may be left out, and keys beside "results" may repeat.
	l, err := entitylist.ReadJSON(strings.NewReader(`{"total":1,"results":[{"name":"Acme Ltd.","source":"EL"}],"total":2}`), "t.json")
	require.NoError(t, err)
	assert.Equal(t, "Acme Ltd.", l.Entry(0).Name)
}

// TestReadJSONIDSpellings checks "id" and "_id", two spellings of one key:
// a result may write either, or both with one value; both with different
// values is ErrDuplicateKey naming "_id" and the two values, where "_id"
// was dropped silently.
// TestReadJSONExpirationDate: an identification's expiration date, which
// has no field of its own, is kept in its Raw text, as the CSV's is; before,
// it was read and dropped.
func TestReadJSONExpirationDate(t *testing.T) {
	l, err := entitylist.ReadJSON(strings.NewReader(`{"results":[{"id":"A","source":"SDN","name":"Ivan Petrov","ids":[`+
		`{"type":"Passport","number":"P1","country":"RU","issue_date":"2015-01-01","expiration_date":"2025-01-01"},`+
		`{"type":"Passport","number":"P2","expiration_date":null}]}]}`), "t.json")
	require.NoError(t, err)
	assert.Equal(t, []entitylist.Identification{
		{Type: "Passport", Number: "P1", Country: "RU", IssueDate: "2015-01-01", Raw: "Passport, P1, RU, expires 2025-01-01"},
		{Type: "Passport", Number: "P2", Raw: "Passport, P2"},
	}, l.Entry(0).IDs)
}

// TestReadJSONCountryNames: an address's "country" key may name the
// country in any English spelling the lists use, not only the few names an
// address's text ends in; a name of no country is still an error.
func TestReadJSONCountryNames(t *testing.T) {
	l, err := entitylist.ReadJSON(strings.NewReader(`{"results":[{"id":"A","source":"SDN","name":"Acme Ltd.","addresses":[`+
		`{"city":"Pristina","country":"Kosovo"},{"city":"Pyongyang","country":"Korea, North"},{"city":"Tbilisi","country":"Georgia"},{"city":"Minsk","country":"by"}]}]}`), "t.json")
	require.NoError(t, err)
	var got []string
	for _, a := range l.Entry(0).Addresses {
		got = append(got, a.Country)
	}
	assert.Equal(t, []string{"XK", "KP", "GE", "BY"}, got)

	_, err = entitylist.ReadJSON(strings.NewReader(`{"results":[{"id":"A","source":"SDN","name":"Acme Ltd.","addresses":[{"country":"Narnia"}]}]}`), "t.json")
	require.ErrorIs(t, err, entitylist.ErrBadCountry)
	assert.Contains(t, err.Error(), `"Narnia"`)
}

func TestReadJSONIDSpellings(t *testing.T) {
	const entry = `"source":"EL","name":"Acme Ltd."`
	for _, tt := range []struct {
		name string
		ids  string
		want string // the entry's ID, or "" for an error
		msg  string
	}{
		{"id", `"id":"A"`, "A", ""},
		{"_id", `"_id":"B"`, "B", ""},
		{"both alike", `"id":"A","_id":"A"`, "A", ""},
		{"both alike but for spaces", `"id":" A","_id":"A "`, "A", ""},
		{"both differ", `"id":"A","_id":"B"`, "", `field "results[0]._id": duplicated key: "_id" differs from "id" "A", the same key written another way (value "B")`},
		{"an empty id beside _id", `"id":"","_id":"B"`, "", `"_id" differs from "id" ""`},
		{"an empty _id beside id", `"_id":null,"id":"A"`, "", `"_id" differs from "id" "A"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			l, err := entitylist.ReadJSON(strings.NewReader(`{"results":[{`+tt.ids+`,`+entry+`}]}`), "t.json")
			if tt.want == "" {
				assert.Nil(t, l)
				require.ErrorIs(t, err, entitylist.ErrDuplicateKey)
				errs := loadErrors(t, err)
				require.Len(t, errs, 1)
				assert.Equal(t, 1, errs[0].Line)
				assert.Equal(t, "results[0]._id", errs[0].Field)
				assert.Contains(t, err.Error(), tt.msg)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, l.Entry(0).ID)
			assert.Empty(t, l.Warnings())
		})
	}
}
