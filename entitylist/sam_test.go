package entitylist_test

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

const samHeader = `"Classification","Name","Prefix","First","Middle","Last","Suffix","Address 1","Address 2","Address 3","Address 4","City","State / Province","Country","Zip Code","Open Data Flag","Blank (Deprecated)","Unique Entity ID","Exclusion Program","Excluding Agency","CT Code","Exclusion Type","Additional Comments","Active Date","Termination Date","Record Status","Cross-Reference","SAM Number","CAGE","NPI","Creation_Date"`

// samRecord writes a firm's row of the extract with the given name, SAM
// Number, active date and country, the other fields plausible.
func samRecord(class, name, number, active, country string) string {
	return `"` + class + `","` + name + `","","","","","","1 MAIN ST","","","","SPRINGFIELD","IL","` + country + `","62701","","","EXMPL0000001","Reciprocal","GSA","","Ineligible (Proceedings Completed)","","` +
		active + `","Indefinite","","","` + number + `","","","2021-01-15"`
}

func TestReadSAM(t *testing.T) {
	l, err := entitylist.ReadSAM(mustOpen(t, officialFixture("sam/exclusions.csv")), "sam.csv")
	require.NoError(t, err)
	require.Equal(t, 4, l.Len())
	assert.Empty(t, l.Warnings())
	v := l.Version()
	assert.Equal(t, map[entitylist.Source]int{entitylist.SAMExclusions: 4}, v.BySource)
	assert.Equal(t, "2022-03-01", v.Newest.Format(time.DateOnly))

	firm := l.Entry(0)
	assert.Equal(t, "S4EXAMPLE1", firm.ID)
	assert.Equal(t, "EXMPL1234567", firm.EntityNumber)
	assert.Equal(t, entitylist.SAMExclusions, firm.Source)
	assert.Equal(t, entitylist.TypeEntity, firm.Type)
	assert.Equal(t, 2, firm.Line)
	assert.Equal(t, "EXAMPLE TELECOM EQUIPMENT CO., LTD.", firm.Name)
	assert.Equal(t, "GSA", firm.Agency)
	assert.Equal(t, "Prohibition/Restriction", firm.ExclusionType)
	assert.Equal(t, []string{"Reciprocal"}, firm.Programs)
	assert.Equal(t, "2020-08-13", firm.StartDate.Format(time.DateOnly))
	assert.True(t, firm.EndDate.IsZero(), "Indefinite")
	assert.Contains(t, firm.Remarks, "section 889")
	assert.Equal(t, []entitylist.Address{{Street: "1 EXAMPLE ROAD, HIGH-TECH ZONE", City: "SHENZHEN", PostalCode: "518000", Country: "CN",
		Raw: "1 EXAMPLE ROAD, HIGH-TECH ZONE, SHENZHEN, 518000, CHN"}}, firm.Addresses)
	assert.Equal(t, []entitylist.Identification{
		{Type: "Unique Entity ID", Number: "EXMPL1234567", Raw: "Unique Entity ID, EXMPL1234567"},
		{Type: "CAGE", Number: "1AB23", Raw: "CAGE, 1AB23"},
	}, firm.IDs)

	person := l.Entry(1)
	assert.Equal(t, entitylist.TypeIndividual, person.Type)
	assert.Equal(t, "JANE Q EXAMPLE JR.", person.Name)
	assert.Equal(t, "DR.", person.Title)
	assert.Equal(t, "HHS", person.Agency)
	assert.Equal(t, "2026-01-14", person.EndDate.Format(time.DateOnly))
	assert.Equal(t, []string{"EXAMPLE CLINIC, LLC", "SPRINGFIELD WELLNESS"}, person.AltNames, `"X, LLC" stays whole; "X DBA Y" gives both; repeats go`)
	assert.Equal(t, []entitylist.Identification{{Type: "NPI", Number: "1234567890", Raw: "NPI, 1234567890"}}, person.IDs)
	assert.Equal(t, "US", person.Addresses[0].Country)

	clinic := l.Entry(2)
	assert.Equal(t, entitylist.TypeEntity, clinic.Type, "a Special Entity Designation is an entity")
	assert.Equal(t, []string{"JANE Q EXAMPLE"}, clinic.AltNames, "its own name is no alias")
	assert.Equal(t, "42 MAIN STREET, SUITE 5", clinic.Addresses[0].Street)

	vessel := l.Entry(3)
	assert.Equal(t, entitylist.TypeVessel, vessel.Type)
	assert.Equal(t, "TREAS-OFAC", vessel.Agency)
	assert.Equal(t, []entitylist.Address{{Country: "PA", Raw: "PAN"}}, vessel.Addresses)
}

func TestReadSAMErrors(t *testing.T) {
	for _, tt := range []struct {
		name  string
		text  string
		line  int
		field string
		err   error
	}{
		{"missing column", strings.Replace(samHeader, `"Excluding Agency",`, "", 1) + "\n", 1, "excluding agency", entitylist.ErrMissingColumn},
		{"column twice", strings.Replace(samHeader, `"Record Status"`, `"Name"`, 1) + "\n", 1, "name", entitylist.ErrDuplicateColumn},
		{"bad active date", samHeader + "\n" + samRecord("Firm", "EXAMPLE CO", "S4X1", "2021/13/45", "USA") + "\n", 2, "active date", entitylist.ErrBadDate},
		{"no SAM Number", samHeader + "\n" + samRecord("Firm", "EXAMPLE CO", "", "01/15/2021", "USA") + "\n", 2, "sam number", entitylist.ErrBadValue},
		{"no name", samHeader + "\n" + samRecord("Firm", "", "S4X1", "01/15/2021", "USA") + "\n", 2, "name", entitylist.ErrEmptyName},
		{"wrong field count", samHeader + "\n" + `"Firm","EXAMPLE CO"` + "\n", 2, "", entitylist.ErrFieldCount},
		{"invalid UTF-8", samHeader + "\n" + samRecord("Firm", "CAF\xc9 CO", "S4X1", "01/15/2021", "USA") + "\n", 2, "name", entitylist.ErrInvalidUTF8},
		{"empty", "", 0, "", entitylist.ErrEmpty},
		{"header repeated", samHeader + "\n" + samRecord("Firm", "EXAMPLE CO", "S4X1", "01/15/2021", "USA") + "\n" + samHeader + "\n", 3, "", entitylist.ErrDuplicateHeader},
	} {
		t.Run(tt.name, func(t *testing.T) {
			l, err := entitylist.ReadSAM(strings.NewReader(tt.text), "t")
			assert.Nil(t, l)
			errs := loadErrors(t, err)
			require.NotEmpty(t, errs)
			assert.Equal(t, tt.line, errs[0].Line, "%v", err)
			assert.Equal(t, tt.field, errs[0].Field, "%v", err)
			assert.ErrorIs(t, err, tt.err)
		})
	}
}

func TestReadSAMWarnings(t *testing.T) {
	text := strings.Replace(samHeader, `"Creation_Date"`, `"Creation Date","Notes"`, 1) + "\n" +
		samRecord("Firm", "EXAMPLE CO", "S4X1", "01/15/2021", "USA") + ",\"\"\n" +
		samRecord("Firm", "EXAMPLE CO", "S4X1", "01/15/2021", "USA") + ",\"\"\n" +
		samRecord("Partnership", "OTHER CO", "S4X2", "01/15/2021", "XYZ") + ",\"\"\n"
	l, err := entitylist.ReadSAM(strings.NewReader(text), "t")
	require.NoError(t, err)
	assert.Equal(t, 3, l.Len(), "a repeated record stays")
	var msgs []string
	for _, w := range l.Warnings() {
		msgs = append(msgs, w.String())
	}
	assert.Equal(t, []string{
		`line 1, field "Notes": unknown column ignored`,
		`line 3, field "sam number": duplicate of the entry on line 2 (value "S4X1")`,
		`line 4, field "classification": unknown classification, type kept as unknown (value "Partnership")`,
		`line 4, field "country": not an ISO 3166-1 alpha-3 country code the package knows, kept in the address text (value "XYZ")`,
	}, msgs)
	assert.Equal(t, entitylist.TypeUnknown, l.Entry(2).Type)
	assert.Equal(t, "", l.Entry(2).Addresses[0].Country)
}

func FuzzReadSAM(f *testing.F) {
	data, err := os.ReadFile(officialFixture("sam/exclusions.csv"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(samHeader + "\n" + samRecord("Individual", "", "S4X1", "2021-01-15", "XKX") + "\n"))
	f.Add([]byte(samHeader + "\n" + strings.Replace(samRecord("Firm", "A, LLC", "S4X1", "13/45/2021", "USA"), `""`, `"(also B, INC., C DBA D)"`, 1) + "\n"))
	f.Add([]byte(`"Classification","Name"` + "\n\"Firm\",\"X\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := entitylist.ReadSAM(bytes.NewReader(data), "fuzz")
		checkLoad(t, l, err)
		checkAliases(t, l)
		checkRows(t, data, l)
	})
}
