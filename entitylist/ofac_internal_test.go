package entitylist

import (
	"bufio"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNormalizeOFACDate(t *testing.T) {
	for in, want := range map[string]string{
		"10 Dec 1948":                "1948-12-10",
		"1 Feb 1977":                 "1977-02-01",
		"Dec 1948":                   "1948-12",
		"1984":                       "1984",
		"circa 1951":                 "circa 1951",
		"circa 01 Jan 1961":          "circa 1961-01-01",
		"1960 to 1962":               "1960 to 1962",
		"01 Jan 1960 to 31 Dec 1962": "1960 to 1962",
		"26 Sep 1946 to 07 Dec 1946": "1946-09-26 to 1946-12-07",
		"Mar 1955 to Mar 1956":       "1955-03 to 1956-03",
		"32 Foo 1950":                "32 Foo 1950",
		"Between 1940 and 1950":      "Between 1940 and 1950",
	} {
		assert.Equal(t, want, normalizeOFACDate(in), in)
	}
}

// TestSplitOFACPlace checks the reading of add.csv's "city/state/postal"
// column, of an address in the country cc ("US" unless said).
func TestSplitOFACPlace(t *testing.T) {
	for _, tt := range []struct{ in, city, state, postal, cc string }{
		{"Havana", "Havana", "", "", ""},
		{"Minsk 220026", "Minsk", "", "220026", ""},
		{"London EC3N 1DY", "London", "", "EC3N 1DY", ""},
		{"Miami, FL 33122", "Miami", "FL", "33122", ""},
		{"Mexico City, Distrito Federal 11570", "Mexico City", "Distrito Federal", "11570", ""},
		{"Saucillo, Chihuahua", "Saucillo", "Chihuahua", "", ""},
		{"Pgt. Sirius 354340", "Pgt. Sirius", "", "354340", ""},
		{"103", "", "", "103", ""},
		// A postal code alone, not a city (as in the 2021 and 2025 files).
		{"L-1840", "", "", "L-1840", "LU"},
		{"GX11 1AA", "", "", "GX11 1AA", "GI"},
		{"98000", "", "", "98000", "MC"},
		{"11370-75118", "", "", "11370-75118", "IR"},
		{"HT6142", "", "", "HT6142", "HT"},
		{"Volsk-18", "Volsk-18", "", "", "RU"},
		// The country after the postal code, without a comma.
		{"Saint Petersburg, 196084 Russia", "Saint Petersburg", "", "196084", "RU"},
		{"Saint Petersburg 196084 Russia", "Saint Petersburg", "", "196084", "RU"},
		{"Saint Petersburg, 196084 Russian Federation", "Saint Petersburg", "", "196084", "RU"},
		{"Saint Petersburg, 196084 Russian\u00a0Federation", "Saint Petersburg", "", "196084", "RU"}, // a no-break space within the name
		{"196084 Russia", "", "", "196084", "RU"},
		{"Abu Dhabi 12345 United Arab Emirates", "Abu Dhabi", "", "12345", "AE"},
		{"Saint Petersburg, 196084 Russia", "Saint Petersburg", "196084 Russia", "", "UA"}, // another country: kept
		{"Toluca, Mexico", "Toluca", "Mexico", "", "MX"},                                   // the State of Mexico, after no postal code
		{"Mexico, Distrito Federal 11570", "Mexico", "Distrito Federal", "11570", "MX"},
		// A territory of a country is its state, not a city (see below
		// for no country).
		{"Gaza Strip", "", "Gaza Strip", "", "PS"},
		{"West Bank", "", "West Bank", "", "PS"},
		{"Northern Ireland", "", "Northern Ireland", "", "GB"},
		{"Northern Ireland BT1 1AA", "", "Northern Ireland", "BT1 1AA", "GB"},
		{"Jenin, West Bank", "Jenin", "West Bank", "", "PS"},
		{"Gaza Strip", "Gaza Strip", "", "", "IL"}, // another country's: as written
		{"Gaza", "Gaza", "", "", "PS"},             // Gaza City
		{"Kuwait City", "Kuwait City", "", "", "KW"},
		{"Amsterdam 1077 XX", "Amsterdam", "", "1077 XX", ""},
		{"Nieuwkoop, Zuid-Holland 2421 LK", "Nieuwkoop", "Zuid-Holland", "2421 LK", ""},
		{"0578 Oslo", "Oslo", "", "0578", ""},
		{"1661 Le Paquier-Montbarry", "Le Paquier-Montbarry", "", "1661", ""},
		{"4524 EG Sluis", "Sluis", "", "4524 EG", ""},
		{"4524 EG", "", "", "4524 EG", ""},
		{"Lisbon 1000 A", "Lisbon 1000 A", "", "", ""},
		{"Tecun Uman Zona 2, Ayutla, San Marcos", "Tecun Uman Zona 2", "Ayutla, San Marcos", "", ""},
		{"1234 Main, Springfield", "1234 Main", "Springfield", "", ""},
		{"10 de Octubre", "10 de Octubre", "", "", ""},
	} {
		cc := tt.cc
		if cc == "" {
			cc = "US"
		}
		city, state, postal := splitOFACPlace(tt.in, cc)
		assert.Equal(t, []string{tt.city, tt.state, tt.postal}, []string{city, state, postal}, tt.in)
	}
	// Where OFAC writes the country "undetermined", read as no code.
	city, state, postal := splitOFACPlace("Gaza Strip", "")
	assert.Equal(t, []string{"", "Gaza Strip", ""}, []string{city, state, postal}, "Gaza Strip, no country")
}

func TestParseRemarks(t *testing.T) {
	c := newCountryNamer()
	rf := parseRemarks("DOB 14 Mar 1968; alt. DOB circa 1969; POB Tashkent, Uzbekistan; nationality Korea, North; "+
		"alt. nationality Atlantis; citizen Burma; Gender Female; Passport A123 (Iran) issued 02 Feb 2010 expires 02 Feb 2020; "+
		"alt. Passport B456; Passport C789 issued under the name X; Passport issued in Sarajevo, Bosnia and Herzegovina; "+
		"National ID No. 99 (Cote d Ivoire); Website www.example.test; Email:x@example.test; "+
		"Digital Currency Address - XBT 1Abc; Identification Number AO 2879097 (Italy); Business Number 42 (Germany); "+
		"Secondary sanctions risk: section 1(b) of Executive Order 13224;arrested 2002; "+
		"a.k.a. 'AL-QA'IDA'; f.k.a. 'OLD NAME'; n.k.a. 'NEW NAME'; a.k.a. ''; Linked To: EXAMPLE S.A.S.", c, 7, "sdn.csv:remarks")
	assert.Equal(t, []string{"1968-03-14", "circa 1969"}, rf.datesOfBirth)
	assert.Equal(t, []string{"Tashkent, Uzbekistan"}, rf.placesOfBirth)
	assert.Equal(t, []string{"KP", "Atlantis"}, rf.nationalities, "an unknown country stays as text")
	assert.Equal(t, []string{"MM"}, rf.citizenships)
	assert.Equal(t, []string{"EXAMPLE S.A.S."}, rf.linkedTo, "the period of an abbreviation stays")
	assert.Equal(t, []Alias{
		{Name: "AL-QA'IDA", Kind: AlsoKnownAs, Weak: true},
		{Name: "OLD NAME", Kind: FormerlyKnownAs, Weak: true},
		{Name: "NEW NAME", Kind: NowKnownAs, Weak: true},
	}, rf.weak)
	assert.Equal(t, []Identification{
		{Type: "Gender", Number: "Female", Raw: "Gender Female"},
		{Type: "Passport", Number: "A123", Country: "IR", IssueDate: "2010-02-02", Raw: "Passport A123 (Iran) issued 02 Feb 2010 expires 02 Feb 2020"},
		{Type: "Passport", Number: "B456", Raw: "alt. Passport B456"},
		{Type: "Passport", Number: "C789", Raw: "Passport C789 issued under the name X"}, // no date: in Raw only
		{Type: "Passport", Raw: "Passport issued in Sarajevo, Bosnia and Herzegovina"},
		{Type: "National ID No.", Number: "99", Country: "CI", Raw: "National ID No. 99 (Cote d Ivoire)"},
		{Type: "Website", Number: "www.example.test", Raw: "Website www.example.test"},
		{Type: "Email", Number: "x@example.test", Raw: "Email:x@example.test"},
		{Type: "Digital Currency Address - XBT", Number: "1Abc", Raw: "Digital Currency Address - XBT 1Abc"},
		{Type: "Identification Number", Number: "AO 2879097", Country: "IT", Raw: "Identification Number AO 2879097 (Italy)"},
		{Type: "Business Number", Number: "42", Country: "DE", Raw: "Business Number 42 (Germany)"},
	}, rf.ids)

	b := newOfficialBuilder("t", FormatOFAC, fieldNames{id: "id", name: "name", source: "source"})
	c.warn(b)
	require.Len(t, b.warnings, 1)
	assert.Equal(t, Warning{Line: 7, Field: "sdn.csv:remarks", Value: "Atlantis", Message: "country name not known, kept as text without a country code"}, b.warnings[0])

	assert.Equal(t, remarkFields{}, parseRemarks("", c, 1, "x"))
	short := parseRemarks("a.k.a. 'BNC'.", c, 1, "x")
	assert.Equal(t, []Alias{{Name: "BNC", Kind: AlsoKnownAs, Weak: true}}, short.weak)
}

func TestTrimFinalPeriod(t *testing.T) {
	for in, want := range map[string]string{
		"Linked To: CO LTD.":  "Linked To: CO LTD",
		"Linked To: X S.A.S.": "Linked To: X S.A.S.",
		"a.k.a. 'BNC'.":       "a.k.a. 'BNC'",
		"no period":           "no period",
		".":                   "",
	} {
		assert.Equal(t, want, trimFinalPeriod(in), in)
	}
}

func TestConsolidatedLists(t *testing.T) {
	for _, tt := range []struct {
		name     string
		programs []string
		remarks  string
		want     []Source
	}{
		{"PLC", []string{"NS-PLC"}, "DOB 1962", []Source{PalestinianLegislative}},
		{"PLC and SDGT", []string{"SDGT", "NS-PLC"}, "", []Source{PalestinianLegislative}},
		{"FSE", []string{"FSE-SY", "SYRIA"}, "", []Source{ForeignSanctionsEvaders}},
		{"CMIC", []string{"CMIC-EO13959"}, "", []Source{ChineseMilitaryIndustrial}},
		{"561", []string{"561-Related"}, "", []Source{CorrespondentAccount}},
		{"SSI", []string{"UKRAINE-EO13662"}, "Executive Order 13662 Directive Determination - Subject to Directive 4", []Source{SectoralSanctions}},
		{"SSI and CAPTA", []string{"UKRAINE-EO13662", "RUSSIA-EO14024"},
			"Executive Order 13662 Directive Determination - Subject to Directive 1; Listing Date (EO 14024 Directive 2): 24 Feb 2022",
			[]Source{SectoralSanctions, CorrespondentAccount}},
		{"MBS by directive 3", []string{"RUSSIA-EO14024"}, "Executive Order 14024 Directive Information Subject to Directive 3 - All transactions",
			[]Source{NonSDNMenuBasedSanctions}},
		{"MBS by directive 4", []string{"RUSSIA-EO14024"}, "alt. Executive Order 14024 Directive Information Subject to Directive 4 - any transaction",
			[]Source{NonSDNMenuBasedSanctions}},
		{"directive 1a alone tells nothing", []string{"RUSSIA-EO14024"}, "Executive Order 14024 Directive Information Subject to Directive 1a - bonds", nil},
		{"MBS by tag", []string{"UKRAINE-EO13662", "MBS"}, "", []Source{NonSDNMenuBasedSanctions}},
		{"CAATSA", []string{"CAATSA - RUSSIA"}, "CAATSA Section 235 Information: EXPORT SANCTIONS", []Source{NonSDNMenuBasedSanctions}},
		{"Burma", []string{"BURMA-EO14014"}, "Executive Order 14014 Directive Information: Subject to Directive 1", []Source{NonSDNMenuBasedSanctions}},
		{"EO 14059", []string{"ILLICIT-DRUGS-EO14059"}, "Executive Order 14059 information: Prohibition", []Source{NonSDNMenuBasedSanctions}},
		{"unknown", []string{"IRAN"}, "Additional Sanctions Information - Not on the SDN List", nil},
		{"FSE prefix only", []string{"FSE"}, "", nil},
	} {
		assert.Equal(t, tt.want, consolidatedLists(tt.programs, tt.remarks), tt.name)
	}
}

func TestSplitPrograms(t *testing.T) {
	assert.Equal(t, []string{"SDGT", "IRGC"}, splitPrograms("SDGT] [IRGC"))
	assert.Equal(t, []string{"CUBA"}, splitPrograms("[CUBA]"))
	assert.Nil(t, splitPrograms(""))
}

func TestLookupCountry(t *testing.T) {
	for _, tt := range []struct {
		in   string
		code string
		res  countryResult
	}{
		{"Korea, North", "KP", countryFound},
		{"Burma", "MM", countryFound},
		{"Bosnia and Herzegovina", "BA", countryFound},
		{"Iran (Islamic Republic of)", "IR", countryFound},
		{"Bolivia (Plurinational State of)", "BO", countryFound},
		{"Türkiye", "TR", countryFound},
		{"United Kingdom of Great Britain and Northern Ireland", "GB", countryFound},
		{"China, Hong Kong Special Administrative Region", "HK", countryFound},
		{"Kosovo", "XK", countryFound},
		{"Region: Gaza", "PS", countryFound},
		{"Region: Crimea", "", countryNone},
		{"undetermined", "", countryNone},
		{"Netherlands Antilles", "", countryNone},
		{"", "", countryNone},
		{"Atlantis", "", countryUnknown},
	} {
		code, res := lookupCountry(tt.in)
		assert.Equal(t, tt.code, code, tt.in)
		assert.Equal(t, tt.res, res, tt.in)
	}
	for in, want := range map[string]string{"CHN": "CN", "usa": "US", "IRN": "IR", "MEX": "MX"} {
		got, ok := alpha3Country(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "CN", "ZZZ", "C1N", "CHINA"} {
		_, ok := alpha3Country(in)
		assert.False(t, ok, in)
	}
}

func TestCtrlZReader(t *testing.T) {
	read := func(s string) string {
		b, err := io.ReadAll(&ctrlZReader{br: bufio.NewReaderSize(strings.NewReader(s), 16)})
		require.NoError(t, err)
		return string(b)
	}
	assert.Equal(t, "a\r\n", read("a\r\n\x1a"))
	assert.Equal(t, "a\r\n", read("a\r\n"))
	assert.Equal(t, "a\x1ab\r\n", read("a\x1ab\r\n\x1a"), "only the last byte is the mark")
	long := strings.Repeat("x", 15) + "\x1a" + "y"
	assert.Equal(t, long, read(long), "a mark at the end of a buffer, not of the input, stays")
	assert.Equal(t, "", read("\x1a"))
}

func TestSplitCrossReference(t *testing.T) {
	for in, want := range map[string][]string{
		"(also TERRA EXAMPLE INC.)":                          {"TERRA EXAMPLE INC."},
		"(also PEANUT EXAMPLE, LLC)":                         {"PEANUT EXAMPLE, LLC"},
		"(also EXAMPLE WORKS INC., JOHN DOE)":                {"EXAMPLE WORKS INC.", "JOHN DOE"},
		"(also VMC EXAMPLE, LLC, VMC EXAMPLE, LLC  DBA VET)": {"VMC EXAMPLE, LLC", "VET"},
		"JOHN DOE": {"JOHN DOE"},
		"":         nil,
	} {
		assert.Equal(t, want, splitCrossReference(in), in)
	}
}

func TestContainsPhrase(t *testing.T) {
	assert.True(t, containsPhrase("Subject to Directive 2 - x", "Subject to Directive 2"))
	assert.True(t, containsPhrase("Subject to Directive 2", "Subject to Directive 2"))
	assert.False(t, containsPhrase("Subject to Directive 2a", "Subject to Directive 2"))
	assert.True(t, containsPhrase("Directive 2a; Directive 2.", "Directive 2"))
	assert.False(t, containsPhrase("", "x"))
}
