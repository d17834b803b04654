package entitylist_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

// officialFixture returns the path of a fixture of the OFAC, UN and SAM
// readers, in entitylist/testdata.
func officialFixture(name string) string { return filepath.Join("testdata", name) }

// readOFACFixture reads the SDN or the consolidated set of OFAC's files
// from testdata/ofac.
func readOFACFixture(t *testing.T, consolidated bool) (*entitylist.List, error) {
	t.Helper()
	names := [4]string{"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"}
	if consolidated {
		names = [4]string{"cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"}
	}
	var r [4]*bytes.Reader
	for i, n := range names {
		data, err := os.ReadFile(officialFixture(filepath.Join("ofac", n)))
		require.NoError(t, err)
		r[i] = bytes.NewReader(data)
	}
	return entitylist.ReadOFAC(entitylist.OFACFiles{Consolidated: consolidated, Primary: r[0], Addresses: r[1], Aliases: r[2], Comments: r[3]}, "fixture")
}

// ofacFile writes rows as OFAC does: CRLF line ends and a final Ctrl-Z.
func ofacFile(rows ...string) *strings.Reader {
	if len(rows) == 0 {
		return strings.NewReader("\x1a")
	}
	return strings.NewReader(strings.Join(rows, "\r\n") + "\r\n\x1a")
}

// sdnRow writes a row of sdn.csv with the given ent_num, name, type and
// program, the other columns null but the remarks.
func sdnRow(ent, name, typ, program, remarks string) string {
	q := func(s string) string {
		if s == "" {
			return "-0- "
		}
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return ent + "," + q(name) + "," + q(typ) + "," + q(program) + strings.Repeat(",-0- ", 7) + "," + q(remarks)
}

func TestReadOFACSDN(t *testing.T) {
	l, err := readOFACFixture(t, false)
	require.NoError(t, err)
	require.Equal(t, 5, l.Len())
	assert.Empty(t, l.Warnings())
	v := l.Version()
	assert.Equal(t, map[entitylist.Source]int{entitylist.SpeciallyDesignated: 5}, v.BySource)
	assert.Len(t, v.SHA256, 64)
	assert.Equal(t, "fixture", v.Origin)

	orion := l.Entry(0)
	assert.Equal(t, "1001", orion.ID)
	assert.Equal(t, "1001", orion.EntityNumber)
	assert.Equal(t, entitylist.SpeciallyDesignated, orion.Source)
	assert.Equal(t, entitylist.TypeEntity, orion.Type, `"-0-" is an entity`)
	assert.Equal(t, 1, orion.Line)
	assert.Equal(t, []string{"SDGT", "IRGC"}, orion.Programs)
	assert.Equal(t, []entitylist.Alias{
		{Name: "ORION STAR GENERAL TRADING", Kind: entitylist.AlsoKnownAs},
		{Name: "ORION TRADING FZE", Kind: entitylist.FormerlyKnownAs},
		{Name: "OST", Kind: entitylist.AlsoKnownAs, Weak: true},
	}, orion.Aliases, "alt.csv's aliases first, then the weak ones of the remarks")
	assert.Equal(t, []string{"ORION STAR GENERAL TRADING", "ORION TRADING FZE", "OST"}, orion.AltNames)
	assert.Equal(t, []entitylist.Address{{Street: "Office 12, Marina Tower", City: "Dubai", Country: "AE",
		Raw: "Office 12, Marina Tower, Dubai, United Arab Emirates"}}, orion.Addresses)
	assert.Equal(t, []string{"NORTHWIND HOLDING"}, orion.LinkedTo)
	assert.Equal(t, []entitylist.Identification{
		{Type: "Website", Number: "www.orionstar.example", Raw: "Website www.orionstar.example"},
		{Type: "Email Address", Number: "info@orionstar.example", Raw: "Email Address info@orionstar.example"},
		{Type: "Registration Number", Number: "556677", Country: "AE", Raw: "Registration Number 556677 (United Arab Emirates)"},
	}, orion.IDs)
	assert.True(t, strings.HasPrefix(orion.Remarks, "Website www.orionstar.example; "), "remarks kept whole")

	person := l.Entry(1)
	assert.Equal(t, entitylist.TypeIndividual, person.Type)
	assert.Equal(t, "KARIMOV, Rustam Aliyevich", person.Name)
	assert.Equal(t, "Director of ORION STAR TRADING LLC", person.Title)
	assert.Equal(t, []string{"1968-03-14", "1969"}, person.DatesOfBirth)
	assert.Equal(t, []string{"Tashkent, Uzbekistan"}, person.PlacesOfBirth)
	assert.Equal(t, []string{"RU"}, person.Nationalities)
	assert.Equal(t, []string{"UZ"}, person.Citizenships)
	assert.Equal(t, []string{"KARIMOV, Rustam", "RUSTIK", "KARIMOV, R."}, person.AltNames)
	assert.Equal(t, entitylist.FormerlyKnownAs, person.Aliases[2].Kind)
	assert.True(t, person.Aliases[2].Weak)
	require.Len(t, person.IDs, 3)
	assert.Equal(t, entitylist.Identification{Type: "Passport", Number: "7234567", Country: "RU", IssueDate: "2010-02-02",
		Raw: "Passport 7234567 (Russia) issued 02 Feb 2010 expires 02 Feb 2020"}, person.IDs[1])
	require.Len(t, person.Addresses, 2)
	assert.Equal(t, entitylist.Address{City: "Moscow", PostalCode: "125009", Country: "RU", Raw: "Moscow 125009, Russia"}, person.Addresses[0])
	assert.Equal(t, entitylist.Address{Street: "14 Example Street", City: "Miami", State: "FL", PostalCode: "33122", Country: "US",
		Raw: "14 Example Street, Miami, FL 33122, United States"}, person.Addresses[1])
	assert.Equal(t, []string{"RU", "US", "UZ"}, person.Countries())

	vessel := l.Entry(2)
	assert.Equal(t, entitylist.TypeVessel, vessel.Type)
	assert.Equal(t, &entitylist.Vessel{CallSign: "9HA1234", Type: "Crude Oil Tanker", GrossTonnage: "150,000",
		GrossRegisteredTonnage: "81,200", Flag: "Panama", Owner: "Example Tankers Ltd."}, vessel.Vessel)
	assert.Empty(t, vessel.Addresses, "an all-null add.csv row is no address")
	assert.Equal(t, "IMO 9876543", vessel.IDs[0].Number)
	assert.Equal(t, []string{"EXAMPLE TANKERS LTD"}, vessel.LinkedTo)

	aircraft := l.Entry(3)
	assert.Equal(t, entitylist.TypeAircraft, aircraft.Type)
	assert.Nil(t, aircraft.Vessel)
	assert.Equal(t, []entitylist.Address{{Country: "IR", Raw: "Iran"}}, aircraft.Addresses)

	// The remarks continue in sdn_comments.csv, mid-word.
	nw := l.Entry(4)
	assert.Equal(t, "Organization Established Date 2001; Tax ID No. 7700000001 (Russia); Registration Number 1027700000001 (Russia); a.k.a. 'NWH'.", nw.Remarks)
	require.Len(t, nw.IDs, 2)
	assert.Equal(t, entitylist.Identification{Type: "Registration Number", Number: "1027700000001", Country: "RU",
		Raw: "Registration Number 1027700000001 (Russia)"}, nw.IDs[1])
	assert.Equal(t, []string{"NORTHWIND GROUP", "NWH"}, nw.AltNames)
	assert.Equal(t, entitylist.NowKnownAs, nw.Aliases[0].Kind)
	assert.Equal(t, []entitylist.Address{{City: "Saint Petersburg", Country: "RU", Raw: "Saint Petersburg, Russia"},
		{Raw: "Region: Crimea"}}, nw.Addresses, "a region has no country code, and no warning")
}

func TestReadOFACConsolidated(t *testing.T) {
	l, err := readOFACFixture(t, true)
	require.NoError(t, err)
	assert.Empty(t, l.Warnings(), "a row on two lists is no duplicate")
	type listing struct {
		id  string
		src entitylist.Source
	}
	var got []listing
	lines := map[string]int{}
	for _, e := range l.All() {
		got = append(got, listing{e.ID, e.Source})
		if first, ok := lines[e.ID]; ok {
			assert.Equal(t, first, e.Line, "the entries of one row share its line")
		}
		lines[e.ID] = e.Line
	}
	assert.Equal(t, []listing{
		{"2001", entitylist.SectoralSanctions},
		{"2002", entitylist.SectoralSanctions}, {"2002", entitylist.CorrespondentAccount},
		{"2003", entitylist.NonSDNMenuBasedSanctions}, // told by the remarks' overflow in cons_comments.csv
		{"2004", entitylist.PalestinianLegislative},
		{"2005", entitylist.ForeignSanctionsEvaders},
		{"2006", entitylist.ChineseMilitaryIndustrial},
		{"2007", entitylist.CorrespondentAccount},
	}, got)
	assert.Equal(t, map[entitylist.Source]int{"SSI": 2, "CAP": 2, "NS-MBS": 1, "PLC": 1, "FSE": 1, "CMIC": 1}, l.Version().BySource)
	bank := l.Entry(1)
	assert.Equal(t, []string{"EXAMPLE BANK"}, bank.AltNames)
	assert.Equal(t, bank.AltNames, l.Entry(2).AltNames)
	cmic := l.Entry(6)
	assert.Equal(t, []string{"EXAMPLE AEROSPACE GROUP", "EXAERO"}, cmic.AltNames)
	assert.Equal(t, []entitylist.Address{{City: "Beijing", Country: "CN", Raw: "Beijing, China"}}, cmic.Addresses)
}

func TestOpenOFAC(t *testing.T) {
	l, err := entitylist.OpenOFAC(officialFixture("ofac"))
	require.NoError(t, err)
	v := l.Version()
	assert.Equal(t, entitylist.FormatMerged, v.Format, "both sets of the directory")
	require.Len(t, v.Parts, 2)
	assert.Equal(t, filepath.Join("testdata", "ofac", "sdn.csv"), v.Parts[0].Origin)
	assert.Equal(t, filepath.Join("testdata", "ofac", "cons_prim.csv"), v.Parts[1].Origin)
	assert.Equal(t, 5+8, l.Len())
	assert.Equal(t, 5, v.BySource[entitylist.SpeciallyDesignated])

	dir := t.TempDir()
	data, err := os.ReadFile(officialFixture("ofac/sdn.csv"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sdn.csv"), data, 0o644))
	only, err := entitylist.OpenOFAC(dir)
	require.NoError(t, err)
	assert.Equal(t, 5, only.Len())
	assert.Len(t, only.Warnings(), 3, "each file not read is named")

	_, err = entitylist.OpenOFAC(t.TempDir())
	assert.ErrorContains(t, err, "neither sdn.csv nor cons_prim.csv")
}

func TestReadOFACMissingFiles(t *testing.T) {
	l, err := entitylist.ReadOFAC(entitylist.OFACFiles{Primary: ofacFile(sdnRow("1", "EXAMPLE CO", "", "SDGT", "a.k.a. 'EXCO'."))}, "t")
	require.NoError(t, err)
	var fields []string
	for _, w := range l.Warnings() {
		fields = append(fields, w.Field)
		assert.Contains(t, w.Message, "file not read")
	}
	assert.Equal(t, []string{"add.csv", "alt.csv", "sdn_comments.csv"}, fields)
	assert.Equal(t, []string{"EXCO"}, l.Entry(0).AltNames, "the weak aliases come from the remarks")

	_, err = entitylist.ReadOFAC(entitylist.OFACFiles{}, "t")
	assert.ErrorContains(t, err, "no primary file")
}

// TestReadOFACCommentsAfterSpace checks remarks that OFAC cut right after
// a space, as 2 of the 18 cut remarks of the SDN file of 2024-05-03: the
// space stays between them and their overflow from the comments file, so
// that the words either side of the cut are not run together.
func TestReadOFACCommentsAfterSpace(t *testing.T) {
	sdn := sdnRow("1", "EXAMPLE CO", "", "CYBER2", "Website example.com; alt. Digital ")
	l, err := entitylist.ReadOFAC(entitylist.OFACFiles{Primary: ofacFile(sdn), Comments: ofacFile(`1,"Currency Address - XBT 1abc."`)}, "t")
	require.NoError(t, err)
	e := l.Entry(0)
	assert.Equal(t, "Website example.com; alt. Digital Currency Address - XBT 1abc.", e.Remarks)
	require.Len(t, e.IDs, 2)
	assert.Equal(t, "Digital Currency Address - XBT", e.IDs[1].Type)
	assert.Equal(t, "1abc", e.IDs[1].Number)
}

func TestReadOFACLineEnds(t *testing.T) {
	rows := []string{sdnRow("1", "EXAMPLE CO", "", "SDGT", ""), sdnRow("2", "OTHER CO", "", "SDGT", "")}
	for name, text := range map[string]string{
		"CRLF and Ctrl-Z": strings.Join(rows, "\r\n") + "\r\n\x1a",
		"LF":              strings.Join(rows, "\n") + "\n",
		"no final CRLF":   strings.Join(rows, "\r\n") + "\x1a",
	} {
		t.Run(name, func(t *testing.T) {
			l, err := entitylist.ReadOFAC(entitylist.OFACFiles{Primary: strings.NewReader(text)}, "t")
			require.NoError(t, err)
			require.Equal(t, 2, l.Len())
			assert.Equal(t, "OTHER CO", l.Entry(1).Name)
			assert.Equal(t, 2, l.Entry(1).Line)
		})
	}
}

func TestReadOFACErrors(t *testing.T) {
	good := sdnRow("10", "EXAMPLE CO", "", "SDGT", "")
	for _, tt := range []struct {
		name  string
		files entitylist.OFACFiles
		line  int
		field string
		err   error
		msg   string
	}{
		{"wrong column count", entitylist.OFACFiles{Primary: ofacFile(good, `11,"SHORT CO",-0- ,"SDGT"`)},
			2, "sdn.csv", entitylist.ErrFieldCount, "4 fields, sdn.csv has 12"},
		{"short last row, cut", entitylist.OFACFiles{Primary: strings.NewReader(good + "\r\n" + `11,"SHORT CO"`)},
			2, "sdn.csv", entitylist.ErrTruncated, "the input ends inside this record"},
		{"quote not closed", entitylist.OFACFiles{Primary: strings.NewReader(good + "\r\n" + `11,"SHORT CO`)},
			2, "sdn.csv:sdn_name", entitylist.ErrTruncated, "quoted field"},
		{"quote not closed before Ctrl-Z", entitylist.OFACFiles{Primary: strings.NewReader(good + "\r\n" + `11,"SHORT CO` + "\r\n\x1a")},
			2, "sdn.csv:sdn_name", entitylist.ErrTruncated, "quoted field"},
		{"stray quote in the last row", entitylist.OFACFiles{Primary: strings.NewReader(good + "\r\n" + `11,"SHORT"CO"` + "\r\n\x1a")},
			2, "sdn.csv:sdn_name", entitylist.ErrSyntax, `extraneous or missing " in quoted-field (column 10)`},
		{"bare quote in the last row", entitylist.OFACFiles{Primary: strings.NewReader(good + "\r\n" + `11,SHORT"CO` + "\x1a")},
			2, "sdn.csv:sdn_name", entitylist.ErrSyntax, `bare " in non-quoted-field (column 9)`},
		{"bare quote past the columns", entitylist.OFACFiles{Primary: strings.NewReader(good + "\r\n" + sdnRow("11", "X", "", "SDGT", "") + `,a"b` + "\r\n")},
			2, "sdn.csv:column 13", entitylist.ErrSyntax, `bare " in non-quoted-field`},
		{"bad ent_num", entitylist.OFACFiles{Primary: ofacFile(sdnRow("1x", "EXAMPLE CO", "", "SDGT", ""))},
			1, "sdn.csv:ent_num", entitylist.ErrBadValue, "not a whole number"},
		{"duplicate ent_num", entitylist.OFACFiles{Primary: ofacFile(good, sdnRow("10", "OTHER CO", "", "SDGT", ""))},
			2, "sdn.csv:ent_num", entitylist.ErrDuplicateEntry, "line 1"},
		{"empty name", entitylist.OFACFiles{Primary: ofacFile(sdnRow("10", "", "", "SDGT", ""))},
			1, "sdn.csv:sdn_name", entitylist.ErrEmptyName, ""},
		{"unknown ent_num in add.csv", entitylist.OFACFiles{Primary: ofacFile(good),
			Addresses: ofacFile(`10,1,-0- ,"Minsk","Belarus",-0- `, `99,2,-0- ,"Minsk","Belarus",-0- `)},
			2, "add.csv:ent_num", entitylist.ErrUnknownEntry, "sdn.csv has no row"},
		{"unknown ent_num in alt.csv", entitylist.OFACFiles{Primary: ofacFile(good), Aliases: ofacFile(`77,1,"aka","X",-0- `)},
			1, "alt.csv:ent_num", entitylist.ErrUnknownEntry, ""},
		{"unknown ent_num in comments", entitylist.OFACFiles{Primary: ofacFile(good), Comments: ofacFile(`12,"more"`)},
			1, "sdn_comments.csv:ent_num", entitylist.ErrUnknownEntry, ""},
		{"duplicate add_num", entitylist.OFACFiles{Primary: ofacFile(good),
			Addresses: ofacFile(`10,1,-0- ,"Minsk","Belarus",-0- `, `10,1,-0- ,"Brest","Belarus",-0- `)},
			2, "add.csv:add_num", entitylist.ErrDuplicateEntry, ""},
		{"bad alt_num", entitylist.OFACFiles{Primary: ofacFile(good), Aliases: ofacFile(`10,-0- ,"aka","X",-0- `)},
			1, "alt.csv:alt_num", entitylist.ErrBadValue, ""},
		{"empty alias", entitylist.OFACFiles{Primary: ofacFile(good), Aliases: ofacFile(`10,1,"aka",-0- ,-0- `)},
			1, "alt.csv:alt_name", entitylist.ErrEmptyName, ""},
		{"alias row too short", entitylist.OFACFiles{Primary: ofacFile(good), Aliases: ofacFile(`10,1,"aka"`, `10,2,"aka","Y",-0- `)},
			1, "alt.csv", entitylist.ErrFieldCount, "alt.csv has 5"},
		{"Latin-1 byte", entitylist.OFACFiles{Primary: ofacFile(sdnRow("10", "CAF\xc9 EXAMPLE", "", "SDGT", ""))},
			1, "sdn.csv:sdn_name", entitylist.ErrInvalidUTF8, ""},
		{"Ctrl-Z before the end", entitylist.OFACFiles{Primary: strings.NewReader(good + "\r\n\x1a\r\n" + sdnRow("11", "X", "", "SDGT", "") + "\r\n")},
			2, "sdn.csv", entitylist.ErrFieldCount, "1 fields"},
		{"consolidated row on no list", entitylist.OFACFiles{Consolidated: true,
			Primary: ofacFile(sdnRow("10", "EXAMPLE BANK", "", "IRAN", "Additional Sanctions Information - Not on the SDN List."))},
			1, "cons_prim.csv:program", entitylist.ErrUnknownList, "which consolidated list"},
		{"consolidated files name themselves", entitylist.OFACFiles{Consolidated: true, Primary: ofacFile(good), Aliases: ofacFile(`11,1,"aka","X",-0- `)},
			1, "cons_alt.csv:ent_num", entitylist.ErrUnknownEntry, "cons_prim.csv has no row"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			l, err := entitylist.ReadOFAC(tt.files, "t")
			assert.Nil(t, l)
			errs := loadErrors(t, err)
			require.NotEmpty(t, errs)
			pe := errs[0]
			assert.Equal(t, tt.line, pe.Line, "%v", err)
			assert.Equal(t, tt.field, pe.Field, "%v", err)
			assert.ErrorIs(t, pe, tt.err)
			assert.ErrorIs(t, err, tt.err)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
}

func TestReadOFACWarnings(t *testing.T) {
	l, err := entitylist.ReadOFAC(entitylist.OFACFiles{
		Primary:   ofacFile(sdnRow("10", "EXAMPLE CO", "spaceship", "SDGT", "nationality Atlantis")),
		Addresses: ofacFile(`10,1,-0- ,"Minsk","Atlantis",-0- `),
		Aliases:   ofacFile(`10,1,"bka","EXAMPLE CORP","note"`),
		Comments:  ofacFile(),
	}, "t")
	require.NoError(t, err)
	e := l.Entry(0)
	assert.Equal(t, entitylist.TypeUnknown, e.Type)
	assert.Equal(t, []entitylist.Alias{{Name: "EXAMPLE CORP", Kind: "bka"}}, e.Aliases, "an unknown kind is kept as written")
	assert.Equal(t, []string{"Atlantis"}, e.Nationalities)
	assert.Equal(t, []entitylist.Address{{City: "Minsk", Raw: "Minsk, Atlantis"}}, e.Addresses)
	var msgs []string
	for _, w := range l.Warnings() {
		msgs = append(msgs, w.String())
	}
	assert.Equal(t, []string{
		`line 1, field "alt.csv:alt_type": unknown alias type, kept as written (value "bka")`,
		`line 1, field "alt.csv:alt_remarks": alias remarks are not kept in the entry (value "note")`,
		`line 1, field "sdn.csv:sdn_type": unknown entity type, kept as unknown (value "spaceship")`,
		`line 1, field "add.csv:country": country name not known, kept as text without a country code (2 times; the first here) (value "Atlantis")`,
	}, msgs)
}

func TestReadOFACLimits(t *testing.T) {
	huge := strings.Repeat("x", entitylist.MaxFieldSize+1)
	_, err := entitylist.ReadOFAC(entitylist.OFACFiles{Primary: ofacFile(sdnRow("10", "EXAMPLE CO", "", "SDGT", huge))}, "t")
	errs := loadErrors(t, err)
	assert.Equal(t, "sdn.csv:remarks", errs[0].Field)
	assert.ErrorIs(t, err, entitylist.ErrTooLong)
}

// TestContentHashOfficialFields checks that the fields only the OFAC, UN
// and SAM readers fill count in the content hash, and that an entry
// without them hashes as it did before they existed.
func TestContentHashOfficialFields(t *testing.T) {
	e := entitylist.Entry{ID: "1", Source: entitylist.SpeciallyDesignated, Type: entitylist.TypeIndividual, Name: "DOE, John", AltNames: []string{"DOE, Johnny"},
		Addresses: []entitylist.Address{{City: "Minsk", Country: "BY", Raw: "Minsk, BY"}}, Programs: []string{"BELARUS"},
		StartDate: time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC), IDs: []entitylist.Identification{{Type: "Passport", Number: "A1", Country: "BY"}},
		DatesOfBirth: []string{"1970-01-01"}, Nationalities: []string{"BY"}}
	// The hash of this entry before Aliases, LinkedTo, Agency and
	// ExclusionType were added to Entry: stored hashes must stay valid.
	const before = "6e05a788f275b13c6067da192de4c8a3748b26f9fd264e5c100611f6c7b3791b"
	assert.Equal(t, before, e.ContentHash())

	strong := e
	strong.Aliases = []entitylist.Alias{{Name: "DOE, Johnny", Kind: entitylist.AlsoKnownAs}}
	weak := e
	weak.Aliases = []entitylist.Alias{{Name: "DOE, Johnny", Kind: entitylist.AlsoKnownAs, Weak: true}}
	former := e
	former.Aliases = []entitylist.Alias{{Name: "DOE, Johnny", Kind: entitylist.FormerlyKnownAs}}
	linked := e
	linked.LinkedTo = []string{"EXAMPLE CO"}
	agency := e
	agency.Agency = "GSA"
	excl := e
	excl.ExclusionType = "Voluntary Exclusion"
	movedToType := e
	movedToType.ExclusionType = "GSA"
	hashes := map[string]string{"before": before}
	for name, x := range map[string]entitylist.Entry{"strong": strong, "weak": weak, "former": former, "linked": linked,
		"agency": agency, "exclusion": excl, "moved": movedToType} {
		h := x.ContentHash()
		for other, oh := range hashes {
			assert.NotEqual(t, oh, h, "%s and %s", name, other)
		}
		hashes[name] = h
	}

	// A weak alias that becomes strong is a change Diff names.
	strongList, err := entitylist.ReadOFAC(entitylist.OFACFiles{Primary: ofacFile(sdnRow("10", "EXAMPLE CO", "", "SDGT", "")),
		Aliases: ofacFile(`10,1,"aka","EXCO",-0- `)}, "old")
	require.NoError(t, err)
	weakList, err := entitylist.ReadOFAC(entitylist.OFACFiles{Primary: ofacFile(sdnRow("10", "EXAMPLE CO", "", "SDGT", "a.k.a. 'EXCO'."))}, "new")
	require.NoError(t, err)
	c := entitylist.Diff(strongList, weakList)
	require.Len(t, c.Changed, 1)
	assert.Equal(t, []string{"aliases"}, c.Changed[0].Fields, "same names, another strength")
}

func TestOfficialSources(t *testing.T) {
	for _, s := range []entitylist.Source{entitylist.UNSecurityCouncil, entitylist.SAMExclusions} {
		assert.True(t, s.Known(), s)
		assert.Equal(t, s, entitylist.ParseSource(string(s)))
		assert.Equal(t, s, entitylist.ParseSource(strings.ToLower(string(s))))
		assert.Equal(t, s, entitylist.ParseSource(s.Name()))
		assert.Contains(t, s.Name(), "("+string(s)+")")
	}
}

// TestOfficialListsConcurrentUse reads the lists of the three readers from
// several goroutines at once (run with -race).
func TestOfficialListsConcurrentUse(t *testing.T) {
	ofac, err := readOFACFixture(t, false)
	require.NoError(t, err)
	un, err := entitylist.ReadUN(mustOpen(t, officialFixture("un/consolidated.xml")), "un")
	require.NoError(t, err)
	sam, err := entitylist.ReadSAM(mustOpen(t, officialFixture("sam/exclusions.csv")), "sam")
	require.NoError(t, err)
	m := entitylist.Merge(ofac, un, sam)
	want := map[string]string{}
	for i, k := range m.Keys() {
		want[k.String()] = m.Entry(i).ContentHash()
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i, k := range m.Keys() {
				e := m.Entry(i)
				assert.Equal(t, want[k.String()], e.ContentHash())
				_ = e.Names()
				_ = e.Countries()
			}
		})
	}
	wg.Wait()
}

func mustOpen(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

// checkAliases checks what every reader of lists with alias kinds keeps:
// AltNames are the names of Aliases, in order, and the entries of a list
// come in the order of their lines.
func checkAliases(t *testing.T, l *entitylist.List) {
	t.Helper()
	if l == nil {
		return
	}
	last := 0
	for _, e := range l.All() {
		if len(e.Aliases) != len(e.AltNames) {
			t.Fatalf("aliases and alt_names differ: %+v %q", e.Aliases, e.AltNames)
		}
		for i, a := range e.Aliases {
			if a.Name != e.AltNames[i] || a.Kind == "" {
				t.Fatalf("alias %d is %+v, alt name %q", i, a, e.AltNames[i])
			}
		}
		if e.Line < last || e.Line <= 0 {
			t.Fatalf("line %d after line %d", e.Line, last)
		}
		last = e.Line
	}
}

func FuzzReadOFAC(f *testing.F) {
	read := func(name string) []byte {
		data, err := os.ReadFile(officialFixture(filepath.Join("ofac", name)))
		if err != nil {
			f.Fatal(err)
		}
		return data
	}
	f.Add(read("sdn.csv"), read("add.csv"), read("alt.csv"), read("sdn_comments.csv"), false)
	f.Add(read("cons_prim.csv"), read("cons_add.csv"), read("cons_alt.csv"), read("cons_comments.csv"), true)
	f.Add([]byte(sdnRow("1", "X", "individual", "SDGT", "DOB 01 Jan 1960 to 31 Dec 1962; nationality Korea, North; a.k.a. 'Y'; Passport 1 (Iran) issued 1 Jan 2000")),
		[]byte(`1,1,"a","b, FL 3","Region: Gaza","r"`), []byte(`1,1,"fka","Z","r"`), []byte(`1,"more"`+"\r\n\x1a"), false)
	f.Add([]byte(sdnRow("1", "X", "", "RUSSIA-EO14024", "Executive Order 14024 Directive Information Subject to Directi")),
		[]byte{}, []byte{}, []byte(`1,"ve 3 - x"`), true)
	f.Add([]byte("1,\"CAF\xc9\"\r\n\x1a\x1a"), []byte("\x1a"), []byte("1,2\r\n1,2"), []byte(`1,"`), false)
	f.Fuzz(func(t *testing.T, sdn, add, alt, comments []byte, consolidated bool) {
		files := entitylist.OFACFiles{Consolidated: consolidated, Primary: bytes.NewReader(sdn)}
		if len(add) > 0 {
			files.Addresses = bytes.NewReader(add)
		}
		if len(alt) > 0 {
			files.Aliases = bytes.NewReader(alt)
		}
		if len(comments) > 0 {
			files.Comments = bytes.NewReader(comments)
		}
		l, err := entitylist.ReadOFAC(files, "fuzz")
		checkLoad(t, l, err)
		checkAliases(t, l)
	})
}

// failingReader gives data, then fails with err.
type failingReader struct {
	data string
	err  error
}

func (r *failingReader) Read(p []byte) (int, error) {
	if r.data == "" {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

var errDisk = errors.New("disk on fire")

func TestReadersIOError(t *testing.T) {
	_, err := entitylist.ReadOFAC(entitylist.OFACFiles{Primary: ofacFile(sdnRow("1", "X", "", "SDGT", "")),
		Aliases: &failingReader{data: `1,1,"aka","Y",-0- ` + "\r\n", err: errDisk}}, "t")
	assert.ErrorIs(t, err, errDisk)
	assert.ErrorContains(t, err, "alt.csv")
	var le *entitylist.LoadError
	assert.False(t, errors.As(err, &le), "an I/O error is no problem of the content")

	_, err = entitylist.ReadUN(&failingReader{data: unDoc("", unEntity("1", "KPe.1", "X", ""))[:150], err: errDisk}, "t")
	assert.ErrorIs(t, err, errDisk)
	assert.False(t, errors.As(err, &le))

	_, err = entitylist.ReadSAM(&failingReader{data: samHeader + "\n", err: errDisk}, "t")
	assert.ErrorIs(t, err, errDisk)
}
