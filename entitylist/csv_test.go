package entitylist_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

// cslHeader returns the header line of the official CSL CSV with the
// columns cols first, in that order, and without the columns of skip, so
// that a test writes only the fields it is about and ends each record with
// cslPad(len(cols)).
func cslHeader(cols []string, skip ...string) string {
	all := slices.Clone(cols)
	for _, c := range strings.Split(officialHeader, ",") {
		if !slices.Contains(cols, c) && !slices.Contains(skip, c) {
			all = append(all, c)
		}
	}
	return strings.Join(all, ",")
}

// cslPad returns the commas that leave empty the columns of a full CSL
// record after its first n.
func cslPad(n int) string { return strings.Repeat(",", 29-n) }

// shortCSL returns a CSL CSV whose header starts with the comma-separated
// columns of header, and whose rows, one a line, give those columns and
// leave the others empty.
func shortCSL(header string, rows ...string) string {
	cols := strings.Split(header, ",")
	var b strings.Builder
	b.WriteString(cslHeader(cols) + "\n")
	for _, r := range rows {
		b.WriteString(r + cslPad(len(cols)) + "\n")
	}
	return b.String()
}

// fixture returns the path of a list fixture in testdata/lists.
func fixture(name string) string { return filepath.Join("..", "testdata", "lists", name) }

// readFixture reads a fixture with the given loader.
func readFixture(t *testing.T, name string, read func(r *bytes.Reader, origin string) (*entitylist.List, error)) (*entitylist.List, error) {
	t.Helper()
	data, err := os.ReadFile(fixture(name))
	require.NoError(t, err)
	return read(bytes.NewReader(data), name)
}

func readCSV(r *bytes.Reader, origin string) (*entitylist.List, error) {
	return entitylist.ReadCSV(r, origin)
}

// loadErrors returns the ParseErrors of err, which must be a *LoadError.
func loadErrors(t *testing.T, err error) []*entitylist.ParseError {
	t.Helper()
	var le *entitylist.LoadError
	require.ErrorAs(t, err, &le)
	return le.Errs
}

func TestReadCSVOfficial(t *testing.T) {
	l, err := readFixture(t, "official.csv", readCSV)
	require.NoError(t, err)
	require.Equal(t, 6, l.Len())

	el := l.Entry(0)
	assert.Equal(t, "el-0001", el.ID)
	assert.Equal(t, entitylist.EntityList, el.Source)
	assert.Equal(t, entitylist.TypeUnknown, el.Type, "an empty type is never guessed")
	assert.Nil(t, el.Programs)
	assert.Equal(t, "Example Optics Research Institute", el.Name)
	assert.Equal(t, []string{"EORI", "Example Optics Institute", "Example Optics Research Institute No. 2"}, el.AltNames)
	require.Len(t, el.Addresses, 3)
	assert.Equal(t, entitylist.Address{Street: "12 Lens Road, Haidian District", City: "Beijing", PostalCode: "100080", Country: "CN",
		Raw: "12 Lens Road, Haidian District, Beijing, 100080, CN"}, el.Addresses[0])
	assert.Equal(t, []string{"CN", "HK"}, el.Countries())
	assert.Equal(t, []string{"85 FR 34495", "87 FR 20299"}, el.FederalRegisterNotices)
	assert.Equal(t, time.Date(2020, 6, 5, 0, 0, 0, 0, time.UTC), el.StartDate)
	assert.True(t, el.EndDate.IsZero())
	assert.Equal(t, "For all items subject to the EAR. (See §744.11 of the EAR).", el.LicenseRequirement)
	assert.Equal(t, "Presumption of denial.", el.LicensePolicy)
	assert.Equal(t, "https://www.trade.gov/example-el", el.SourceListURL)
	assert.Equal(t, "https://www.trade.gov/example-el-info", el.SourceInformationURL)
	assert.Nil(t, el.Vessel)
	assert.Equal(t, 2, el.Line)

	person := l.Entry(1)
	assert.Equal(t, entitylist.TypeIndividual, person.Type)
	assert.Equal(t, "1001", person.EntityNumber)
	assert.Equal(t, []string{"SDGT", "IRGC"}, person.Programs)
	assert.Equal(t, "Director", person.Title)
	assert.Equal(t, []string{"DOE, John", "DOE, Jon"}, person.AltNames)
	assert.Equal(t, []string{"IR", "IQ"}, person.Citizenships)
	assert.Equal(t, []string{"IR"}, person.Nationalities)
	assert.Equal(t, []string{"1970-01-02", "1971"}, person.DatesOfBirth)
	assert.Equal(t, []string{"Example City, Iran"}, person.PlacesOfBirth)
	assert.Equal(t, "(Linked To: EXAMPLE HOLDING)", person.Remarks)
	assert.Equal(t, []entitylist.Identification{
		{Type: "Passport", Number: "X1234567", Country: "IR", IssueDate: "01 Jan 2010", Raw: "Passport, X1234567, IR, 01 Jan 2010"},
		{Type: "Gender", Number: "Male", Raw: "Gender, Male"},
		{Type: "Secondary sanctions risk:", Number: "Example Sanctions Regulations, section 1.1", Raw: "Secondary sanctions risk:, Example Sanctions Regulations, section 1.1"},
	}, person.IDs)

	vessel := l.Entry(2)
	assert.Equal(t, entitylist.TypeVessel, vessel.Type)
	require.NotNil(t, vessel.Vessel)
	assert.Equal(t, entitylist.Vessel{CallSign: "9XYZ1", Type: "Crude Oil Tanker", GrossTonnage: "150000",
		GrossRegisteredTonnage: "80000", Flag: "Panama", Owner: "EXAMPLE SHIPPING"}, *vessel.Vessel)

	dpl := l.Entry(3)
	assert.Equal(t, "Richard ROE", dpl.Name, "white space collapsed")
	assert.Equal(t, []string{"68 F.R. 38290 6/27/03", "71 F.R. 38843 7/10/06"}, dpl.FederalRegisterNotices)
	assert.Equal(t, "Y", dpl.StandardOrder)
	assert.Equal(t, time.Date(2033, 6, 19, 0, 0, 0, 0, time.UTC), dpl.EndDate)

	isn := l.Entry(4)
	assert.Equal(t, "Example Chemical Company", isn.Name, "successor clause removed")
	assert.Equal(t, []string{"Vol. 88, No. 15, 01/24/2023"}, isn.FederalRegisterNotices)

	unknown := l.Entry(5)
	assert.Equal(t, entitylist.Source("ENL"), unknown.Source, "unknown sources are kept")
	assert.False(t, unknown.Source.Known())

	v := l.Version()
	assert.Equal(t, "official.csv", v.Origin)
	assert.Equal(t, entitylist.FormatCSV, v.Format)
	assert.Equal(t, 6, v.Entries)
	assert.Equal(t, map[entitylist.Source]int{"EL": 1, "SDN": 2, "DPL": 1, "ISN": 1, "ENL": 1}, v.BySource)
	assert.Equal(t, time.Date(2023, 1, 24, 0, 0, 0, 0, time.UTC), v.Newest)
	data, err := os.ReadFile(fixture("official.csv"))
	require.NoError(t, err)
	sum := sha256.Sum256(data)
	assert.Equal(t, hex.EncodeToString(sum[:]), v.SHA256)

	require.Len(t, l.Warnings(), 1)
	w := l.Warnings()[0]
	assert.Equal(t, 7, w.Line)
	assert.Equal(t, "source", w.Field)
	assert.Equal(t, "ENL", w.Value)
}

func TestReadCSVBOMCRLFQuotedNewlines(t *testing.T) {
	data, err := os.ReadFile(fixture("bom_crlf.csv"))
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")), "fixture starts with a BOM")
	require.Contains(t, string(data), "\r\n")

	l, err := entitylist.ReadCSV(bytes.NewReader(data), "bom_crlf.csv")
	require.NoError(t, err)
	require.Equal(t, 2, l.Len())
	first, second := l.Entry(0), l.Entry(1)
	assert.Equal(t, "crlf-1", first.ID, "the BOM is not part of the first column name")
	assert.Equal(t, "Multi Line Technology Co., Ltd.", first.Name)
	assert.Equal(t, "Room 1,\nBuilding 2, Shanghai, CN", first.Addresses[0].Raw, "CRLF inside quotes reads as LF")
	assert.Equal(t, "CN", first.Addresses[0].Country)
	assert.Equal(t, 2, first.Line)
	assert.Equal(t, 5, second.Line, "quoted newlines count: the record starts on the fifth line")
	assert.Equal(t, `Second "Quoted" Entity`, second.Name)
	sum := sha256.Sum256(data)
	assert.Equal(t, hex.EncodeToString(sum[:]), l.Version().SHA256, "the hash covers the BOM too")
}

func TestReadCSVExtraColumns(t *testing.T) {
	l, err := readFixture(t, "extra_columns.csv", readCSV)
	require.NoError(t, err)
	require.Equal(t, 2, l.Len())
	assert.Equal(t, "Example Optics Research Institute", l.Entry(0).Name, "columns are mapped by name, not position")
	assert.Equal(t, "el-0001", l.Entry(0).ID)
	assert.Equal(t, entitylist.SpeciallyDesignated, l.Entry(1).Source)
	var ignored []string
	for _, w := range l.Warnings() {
		assert.Equal(t, 1, w.Line)
		assert.Equal(t, "unknown column ignored", w.Message)
		ignored = append(ignored, w.Field)
	}
	assert.Equal(t, []string{"extra_one", "extra_two"}, ignored, "extra columns are accepted, each with a warning")
}

func TestReadCSVMissingColumns(t *testing.T) {
	_, err := readFixture(t, "missing_columns.csv", readCSV)
	require.Error(t, err)
	assert.ErrorIs(t, err, entitylist.ErrMissingColumn)
	errs := loadErrors(t, err)
	require.Len(t, errs, 3, "every missing column at once")
	for i, name := range []string{"_id", "name", "ids"} {
		assert.Equal(t, name, errs[i].Field)
		assert.Equal(t, 1, errs[i].Line, "the header line")
	}
	assert.Contains(t, err.Error(), `line 1, field "_id": missing column`)
}

// TestReadCSVEveryColumnRequired: a CSL CSV without one of the 29 columns
// does not load, whichever column it is: a misspelled alt_names would
// otherwise empty the aliases of every row, with one warning.
func TestReadCSVEveryColumnRequired(t *testing.T) {
	row := "x-1,EL,Only Name Co,Only Name" + cslPad(4) + "\n"
	misspelled := strings.Replace(cslHeader([]string{"_id", "source", "name", "alt_names"}), "alt_names", "alt_name", 1)
	tests := []struct {
		name   string
		in     string
		fields []string
		msg    string
	}{
		{"misspelled alt_names", misspelled + "\n" + row, []string{"alt_names"},
			`entitylist: t.csv: line 1, field "alt_names": missing column (unknown columns in the header: "alt_name")`},
		{"alt_names left out", cslHeader([]string{"_id", "source", "name"}, "alt_names") + "\nx-1,EL,Only Name Co" + cslPad(4) + "\n", []string{"alt_names"},
			`entitylist: t.csv: line 1, field "alt_names": missing column`},
		{"two left out", cslHeader([]string{"_id", "source", "name", "alt_names"}, "title", "ids") + "\n" + "x-1,EL,Only Name Co,Only Name" + cslPad(6) + "\n",
			[]string{"title", "ids"}, `entitylist: t.csv: 2 errors: line 1, field "title": missing column; line 1, field "ids": missing column`},
		{"header after blank lines", "\n\n" + misspelled + "\n" + row, []string{"alt_names"},
			`entitylist: t.csv: line 3, field "alt_names": missing column (unknown columns in the header: "alt_name")`},
		{"many unknown columns", "_id,source,name,vendor,city,country,owner\nx-1,EL,N,a,b,c,d\n", nil,
			`line 1, field "entity_number": missing column (unknown columns in the header: "vendor", "city", "country", and 1 more)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := entitylist.ReadCSV(strings.NewReader(tt.in), "t.csv")
			assert.Nil(t, l)
			require.ErrorIs(t, err, entitylist.ErrMissingColumn)
			if tt.fields != nil {
				var fields []string
				for _, pe := range loadErrors(t, err) {
					fields = append(fields, pe.Field)
				}
				assert.Equal(t, tt.fields, fields)
				assert.Equal(t, tt.msg, err.Error())
			} else {
				assert.Contains(t, err.Error(), tt.msg)
			}
		})
	}
}

// TestReadCSVRepeatedColumn: a known column named twice is an error, for
// the values of one of them would be ignored; an unknown one is not.
func TestReadCSVRepeatedColumn(t *testing.T) {
	in := cslHeader([]string{"_id", "source", "name", "alt_names"}) + ",ALT_NAMES,notes,notes\nx-1,EL,N,A" + cslPad(4) + ",B,c,d\n"
	_, err := entitylist.ReadCSV(strings.NewReader(in), "t.csv")
	require.ErrorIs(t, err, entitylist.ErrDuplicateColumn)
	assert.Equal(t, `entitylist: t.csv: line 1, field "alt_names": duplicated column: columns 4 and 30`, err.Error())

	in = cslHeader([]string{"_id", "source", "name"}) + ",notes,notes\nx-1,EL,N" + cslPad(3) + ",c,d\n"
	l, err := entitylist.ReadCSV(strings.NewReader(in), "t.csv")
	require.NoError(t, err)
	assert.Equal(t, "N", l.Entry(0).Name)
	assert.Len(t, l.Warnings(), 2, "extra columns are ignored, each with a warning")
}

func TestReadCSVBadRows(t *testing.T) {
	_, err := readFixture(t, "bad_rows.csv", readCSV)
	require.Error(t, err)
	errs := loadErrors(t, err)
	type want struct {
		line  int
		field string
		err   error
	}
	wants := []want{
		{2, "", entitylist.ErrDuplicateHeader},
		{4, "name", entitylist.ErrEmptyName},
		{5, "start_date", entitylist.ErrBadDate},
		{7, "", entitylist.ErrFieldCount},
		{9, "addresses", entitylist.ErrTruncated},
	}
	require.Len(t, errs, len(wants))
	for i, w := range wants {
		assert.Equal(t, w.line, errs[i].Line, "error %d", i)
		assert.Equal(t, w.field, errs[i].Field, "error %d", i)
		assert.ErrorIs(t, errs[i], w.err, "error %d", i)
	}
	assert.Equal(t, "2020-13-45", errs[2].Value)
	for _, sentinel := range []error{entitylist.ErrDuplicateHeader, entitylist.ErrEmptyName, entitylist.ErrBadDate, entitylist.ErrFieldCount, entitylist.ErrTruncated} {
		assert.ErrorIs(t, err, sentinel, "the LoadError unwraps to every problem")
	}
	msg := err.Error()
	assert.True(t, strings.HasPrefix(msg, "entitylist: bad_rows.csv: 5 errors: line 2: duplicated header line"), msg)
	assert.Contains(t, msg, `line 5, field "start_date": bad date (value "2020-13-45")`)
}

func TestReadCSVSmallInputs(t *testing.T) {
	header, pad := cslHeader([]string{"_id", "source", "name"}), cslPad(3)
	tests := []struct {
		name string
		in   string
		want error
		line int
	}{
		{"empty", "", entitylist.ErrEmpty, 0},
		{"only a BOM", "\xEF\xBB\xBF", entitylist.ErrEmpty, 0},
		{"header only", header + "\n", entitylist.ErrEmpty, 0},
		{"empty source", header + "\nx,,Name" + pad + "\n", entitylist.ErrEmptySource, 2},
		{"bare quote", header + "\nx,EL,Bad \"quote\" Co" + pad + "\n", entitylist.ErrSyntax, 2},
		{"long row", header + "\nx,EL,Name,extra" + pad + "\n", entitylist.ErrFieldCount, 2},
		{"short last row with newline", header + "\nx,EL\n", entitylist.ErrFieldCount, 2},
		{"short last row without newline", header + "\nx,EL", entitylist.ErrTruncated, 2},
		{"open quote at end", header + "\nx,EL,\"Name", entitylist.ErrTruncated, 2},
		{"bad end date", shortCSL("_id,source,name,end_date", "x,EL,N,tomorrow"), entitylist.ErrBadDate, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := entitylist.ReadCSV(strings.NewReader(tt.in), "t.csv")
			assert.Nil(t, l, "no list on error")
			require.ErrorIs(t, err, tt.want)
			errs := loadErrors(t, err)
			require.NotEmpty(t, errs)
			assert.Equal(t, tt.line, errs[0].Line)
		})
	}
}

// TestReadCSVIDExpiresAndIssued checks an identification the 2022 CSL
// writes with both its dates, "country, expires, issued, number, type":
// the number is the number alone and the issue date the second date; the
// expiration, which has no field, stays in Raw.
func TestReadCSVIDExpiresAndIssued(t *testing.T) {
	const raw = "JO, 2014-08-30, 2009-08-31, K475336, Passport"
	l, err := entitylist.ReadCSV(strings.NewReader(shortCSL("_id,source,name,ids", `1,SDN,X,"`+raw+`"`)), "t.csv")
	require.NoError(t, err)
	assert.Equal(t, []entitylist.Identification{{Type: "Passport", Number: "K475336", Country: "JO", IssueDate: "2009-08-31", Raw: raw}},
		l.Entry(0).IDs)
}

func TestReadCSVUnknownType(t *testing.T) {
	in := shortCSL("_id,source,type,name", "x,SDN,Company,Name Co")
	l, err := entitylist.ReadCSV(strings.NewReader(in), "t.csv")
	require.NoError(t, err)
	assert.Equal(t, entitylist.TypeUnknown, l.Entry(0).Type)
	require.Len(t, l.Warnings(), 1)
	last := l.Warnings()[0]
	assert.Equal(t, "type", last.Field)
	assert.Equal(t, "Company", last.Value)
}

func TestLoadErrorCap(t *testing.T) {
	var b strings.Builder
	b.WriteString(cslHeader([]string{"_id", "source", "name"}) + "\n")
	const bad = entitylist.MaxLoadErrors + 250
	for range bad {
		b.WriteString("x,EL," + cslPad(3) + "\n")
	}
	_, err := entitylist.ReadCSV(strings.NewReader(b.String()), "many.csv")
	var le *entitylist.LoadError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, bad, le.Total, "every bad row is counted")
	assert.Len(t, le.Errs, entitylist.MaxLoadErrors)
	assert.Equal(t, 2, le.Errs[0].Line)
	assert.Equal(t, entitylist.MaxLoadErrors+1, le.Errs[len(le.Errs)-1].Line)
	assert.Contains(t, err.Error(), "; and 1240 more")
	assert.Equal(t, 10, strings.Count(err.Error(), "empty name"), "the message lists the first ten")
}

func TestParseErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  *entitylist.ParseError
		want string
	}{
		{"line and field", &entitylist.ParseError{Line: 42, Field: "name", Err: entitylist.ErrEmptyName}, `line 42, field "name": empty name`},
		{"line only", &entitylist.ParseError{Line: 2, Err: entitylist.ErrDuplicateHeader}, `line 2: duplicated header line`},
		{"no line", &entitylist.ParseError{Err: entitylist.ErrEmpty}, `no entries`},
		{"value", &entitylist.ParseError{Line: 3, Field: "start_date", Value: "soon", Err: entitylist.ErrBadDate}, `line 3, field "start_date": bad date (value "soon")`},
		{"long value", &entitylist.ParseError{Line: 3, Field: "f", Value: strings.Repeat("é", 40), Err: entitylist.ErrBadValue},
			`line 3, field "f": bad value (value "` + strings.Repeat("é", 20) + `"… (80 bytes))`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.err.Error())
			assert.True(t, errors.Is(tt.err, tt.err.Err))
		})
	}
}
