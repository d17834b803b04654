package entitylist

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/internal/cslfixture"
)

func TestSplitNotices(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"empty", "", nil},
		{"single", "87 FR 20299", []string{"87 FR 20299"}},
		{"semicolons", "83 FR 37423; 87 FR 77505", []string{"83 FR 37423", "87 FR 77505"}},
		{"commas", "84 FR 22961, 84 FR 43495, 85 FR 29852 ", []string{"84 FR 22961", "84 FR 43495", "85 FR 29852"}},
		{"run together with dates", "68 F.R. 38290 6/27/03 71 F.R. 38843 7/10/06 72 F.R. 4236 1/30/07",
			[]string{"68 F.R. 38290 6/27/03", "71 F.R. 38843 7/10/06", "72 F.R. 4236 1/30/07"}},
		{"comma inside one citation", "82 F.R. 16789, 16790 4/6/2017", []string{"82 F.R. 16789, 16790 4/6/2017"}},
		{"volume style", "Vol. 78, No. 38, 02/26/13", []string{"Vol. 78, No. 38, 02/26/13"}},
		{"notice prefix kept", "Notice 1, Vol. 78, No. 38, 02/26/13", []string{"Notice 1, Vol. 78, No. 38, 02/26/13"}},
		{"parenthesised dates", "63 FR 64322 (11/19/98), 65 FR 14444 (03/17/00), 77 FR 58006 (no. 182)",
			[]string{"63 FR 64322 (11/19/98)", "65 FR 14444 (03/17/00)", "77 FR 58006 (no. 182)"}},
		{"and between", "81 FR 1; 82 FR 2 and 83 FR 3", []string{"81 FR 1", "82 FR 2", "83 FR 3"}},
		{"date after comma", "84 FR 1, 5/1/19; 85 FR 2, 6/2/20", []string{"84 FR 1, 5/1/19", "85 FR 2, 6/2/20"}},
		{"trailing text kept", "71 F.R. 1 1/1/06, NEW F.R. NOTICE TO BE PUBLISHED SOON",
			[]string{"71 F.R. 1 1/1/06, NEW F.R. NOTICE TO BE PUBLISHED SOON"}},
		{"no space", "85FR 1;86 FR 2", []string{"85FR 1", "86 FR 2"}},
		{"free text", "see remarks", []string{"see remarks"}},
		{"volume left out", "82 F.R. 2312 1/9/2017, F.R. 30823 7/3/2017", []string{"82 F.R. 2312 1/9/2017", "F.R. 30823 7/3/2017"}},
		{"double spaces", "87 FR  20299", []string{"87 FR 20299"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, splitNotices(tt.in))
		})
	}
}

func TestCleanAltNames(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"empty", "", nil},
		{"split", "A; B; C", []string{"A", "B", "C"}},
		{"and wording", "Fazel Rahim Farid; Farid; and Engineer Idris", []string{"Fazel Rahim Farid", "Farid", "Engineer Idris"}},
		{"and with double space", "31st Institute; and  Beijing Power Machinery Institute", []string{"31st Institute", "Beijing Power Machinery Institute"}},
		{"aka prefix", "a.k.a. DOE, Jon; A.K.A., Jonny", []string{"DOE, Jon", "Jonny"}},
		{"fka prefix", "F.K.A. Office of Studies (OS)", []string{"Office of Studies (OS)"}},
		{"aka without dots", "aka Example Trading; Fka Example Holdings", []string{"Example Trading", "Example Holdings"}},
		{"AKA in capitals is a word of the name", "AKA Ausfuhrkredit-Gesellschaft; FKA GROUP", []string{"AKA Ausfuhrkredit-Gesellschaft", "FKA GROUP"}},
		{"aka between names", "Thermal Institute, a.k.a., Hot Working Institute.", []string{"Thermal Institute", "Hot Working Institute."}},
		{"aka without comma", "Yichang Institute a.k.a. Yichang Testing Institute", []string{"Yichang Institute", "Yichang Testing Institute"}},
		{"aka split keeps later names", "A a.k.a. B; C; D", []string{"A", "B", "C", "D"}},
		{"initials are not aka", "K.A.S.; K.A. Smich", []string{"K.A.S.", "K.A. Smich"}},
		{"aka inside parentheses stays", "Southwest Institute (a.k.a., CAEP 902 Institute)", []string{"Southwest Institute (a.k.a., CAEP 902 Institute)"}},
		{"successor clause", "Example Co.; and any successor, sub-unit, or subsidiary thereof", []string{"Example Co."}},
		{"empty items", "A; ; B;", []string{"A", "B"}},
		{"newline", "Multi\nLine Co", []string{"Multi Line Co"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, cleanAltNames(tt.in))
		})
	}
}

func TestCleanName(t *testing.T) {
	tests := []struct{ in, want string }{
		{" I. ASH", "I. ASH"},
		{"AL-NASER  AIRLINES", "AL-NASER AIRLINES"},
		{"Gaobeidian Kaituo Precise Instrument\nCo. Ltd ", "Gaobeidian Kaituo Precise Instrument Co. Ltd"},
		{"Sinobright Import and Export Company; and any successor, sub-unit, or subsidiary thereof", "Sinobright Import and Export Company"},
		{"Ardis Group of Companies LLC and any successor, sub-unit, or subsidiary thereof", "Ardis Group of Companies LLC"},
		{"Example Ltd. and any successor, subunit, or subsidiary thereof", "Example Ltd."},
		{"China Aerospace First Academy, and its sub-units and successors", "China Aerospace First Academy"},
		{"Successor Holdings", "Successor Holdings"},
		{"EXAMPLE LTD. AND ANY SUCCESSOR, SUB-UNIT, OR SUBSIDIARY THEREOF", "EXAMPLE LTD."}, // in capitals too
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, cleanName(tt.in))
		})
	}
}

func TestParseAddresses(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Address
	}{
		{"empty", "", nil},
		{"country only", "SY", []Address{{Country: "SY", Raw: "SY"}}},
		{"city and country", "Basrah, IQ", []Address{{City: "Basrah", Country: "IQ", Raw: "Basrah, IQ"}}},
		{"all parts", "605 TRAIL LAKE DRIVE, RICHARDSON, TX, 75081, US",
			[]Address{{Street: "605 TRAIL LAKE DRIVE", City: "RICHARDSON", State: "TX", PostalCode: "75081", Country: "US", Raw: "605 TRAIL LAKE DRIVE, RICHARDSON, TX, 75081, US"}}},
		{"no state", "79 ul. Sadovnicheskaya, Moscow, 115035, RU",
			[]Address{{Street: "79 ul. Sadovnicheskaya", City: "Moscow", PostalCode: "115035", Country: "RU", Raw: "79 ul. Sadovnicheskaya, Moscow, 115035, RU"}}},
		{"province", "21 Road, Shijiazhuang, Hebei Province, CN",
			[]Address{{Street: "21 Road", City: "Shijiazhuang", State: "Hebei Province", Country: "CN", Raw: "21 Road, Shijiazhuang, Hebei Province, CN"}}},
		{"several", "Km. 3 Via Marsella, Pereira, CO; Apartado Aereo 3786, Pereira, CO", []Address{
			{Street: "Km. 3 Via Marsella", City: "Pereira", Country: "CO", Raw: "Km. 3 Via Marsella, Pereira, CO"},
			{Street: "Apartado Aereo 3786", City: "Pereira", Country: "CO", Raw: "Apartado Aereo 3786, Pereira, CO"},
		}},
		{"and group inherits country", "Billstrasse 123, Hamburg; and Deich 72, Hamburg, DE", []Address{
			{Street: "Billstrasse 123", City: "Hamburg", Country: "DE", Raw: "Billstrasse 123, Hamburg"},
			{Street: "Deich 72", City: "Hamburg", Country: "DE", Raw: "and Deich 72, Hamburg, DE"},
		}},
		{"country name", "113 Hezuo Road, Shijiazhuang, China",
			[]Address{{Street: "113 Hezuo Road", City: "Shijiazhuang", Country: "CN", Raw: "113 Hezuo Road, Shijiazhuang, China"}}},
		{"country written out before its code", "1 Kochari Street, Yerevan, Armenia, AM",
			[]Address{{Street: "1 Kochari Street", City: "Yerevan", Country: "AM", Raw: "1 Kochari Street, Yerevan, Armenia, AM"}}},
		{"country written out, city only", "Yerevan, Armenia, AM",
			[]Address{{City: "Yerevan", Country: "AM", Raw: "Yerevan, Armenia, AM"}}},
		{"country written out alone", "Armenia, AM", []Address{{Country: "AM", Raw: "Armenia, AM"}}},
		{"country written out after postal code", "38 Thistle Street, Edinburgh, EH2 1EN, Scotland, GB",
			[]Address{{Street: "38 Thistle Street", City: "Edinburgh", State: "Scotland", PostalCode: "EH2 1EN", Country: "GB", Raw: "38 Thistle Street, Edinburgh, EH2 1EN, Scotland, GB"}}},
		{"country written out in another spelling", "Ras Al Khaimah, UAE, AE",
			[]Address{{City: "Ras Al Khaimah", Country: "AE", Raw: "Ras Al Khaimah, UAE, AE"}}},
		{"country written out with postal code", "No. 3 Road, Changchun, China 130000, CN",
			[]Address{{Street: "No. 3 Road", City: "Changchun", PostalCode: "130000", Country: "CN", Raw: "No. 3 Road, Changchun, China 130000, CN"}}},
		{"country written out after its province", "Dongjiaduan, Zhuzhou, Hunan Province, China, CN",
			[]Address{{Street: "Dongjiaduan", City: "Zhuzhou", State: "Hunan Province", Country: "CN", Raw: "Dongjiaduan, Zhuzhou, Hunan Province, China, CN"}}},
		{"country of another code is the city", "Rm 1, Kwun Tong, Hong Kong, CN",
			[]Address{{Street: "Rm 1, Kwun Tong", City: "Hong Kong", Country: "CN", Raw: "Rm 1, Kwun Tong, Hong Kong, CN"}}},
		{"city-state is the city", "512 Woodlands Drive 14, Singapore, SG",
			[]Address{{Street: "512 Woodlands Drive 14", City: "Singapore", Country: "SG", Raw: "512 Woodlands Drive 14, Singapore, SG"}}},
		{"place named after the country", "No. 219 Road, China (Sichuan) Pilot Free Trade Zone, CN",
			[]Address{{Street: "No. 219 Road", City: "China (Sichuan) Pilot Free Trade Zone", Country: "CN", Raw: "No. 219 Road, China (Sichuan) Pilot Free Trade Zone, CN"}}},
		// A city-state written without its code is the city and the
		// country both, as with its code.
		{"city-state alone", "Kuwait", []Address{{City: "Kuwait", Country: "KW", Raw: "Kuwait"}}},
		{"city-state alone, another", "Monaco", []Address{{City: "Monaco", Country: "MC", Raw: "Monaco"}}},
		{"city-state alone, Singapore", "Singapore", []Address{{City: "Singapore", Country: "SG", Raw: "Singapore"}}},
		{"city-state last without its code", "10 Anson Road, Singapore",
			[]Address{{Street: "10 Anson Road", City: "Singapore", Country: "SG", Raw: "10 Anson Road, Singapore"}}},
		{"Gaza alone", "Gaza", []Address{{City: "Gaza", Country: "PS", Raw: "Gaza"}}},
		// A territory of a country is no city, nor the country written
		// out: it is the address's state, with its code or without.
		{"Gaza Strip without a code", "Gaza Strip", []Address{{State: "Gaza Strip", Country: "PS", Raw: "Gaza Strip"}}},
		{"after the Gaza Strip", "Khan Yunis, Gaza Strip", []Address{{City: "Khan Yunis", State: "Gaza Strip", Country: "PS", Raw: "Khan Yunis, Gaza Strip"}}},
		{"Gaza Strip with its code", "Gaza Strip, PS", []Address{{State: "Gaza Strip", Country: "PS", Raw: "Gaza Strip, PS"}}},
		{"after the West Bank, with its code", "Hebron, West Bank, PS", []Address{{City: "Hebron", State: "West Bank", Country: "PS", Raw: "Hebron, West Bank, PS"}}},
		{"territory with a postal code", "Edinburgh, Scotland EH2 1JE, GB", []Address{{City: "Edinburgh", State: "Scotland", PostalCode: "EH2 1JE", Country: "GB", Raw: "Edinburgh, Scotland EH2 1JE, GB"}}},
		{"territory without a code, not a country name", "Edinburgh, Scotland", []Address{{City: "Edinburgh", State: "Scotland", Country: "GB", Raw: "Edinburgh, Scotland"}}},
		{"territory after a street", "1 Main Road, Jabaliya, Gaza Strip, PS",
			[]Address{{Street: "1 Main Road", City: "Jabaliya", State: "Gaza Strip", Country: "PS", Raw: "1 Main Road, Jabaliya, Gaza Strip, PS"}}},
		// A city named after its country, and the country written out
		// after it: the city is the city's name, the country no street.
		{"city named after its country", "Kuwait City, Kuwait", []Address{{City: "Kuwait City", Country: "KW", Raw: "Kuwait City, Kuwait"}}},
		{"city named after its country, with the code", "Panama City, Panama, PA", []Address{{City: "Panama City", Country: "PA", Raw: "Panama City, Panama, PA"}}},
		{"city named after its country, after a street", "Block 4, Kuwait City, Kuwait",
			[]Address{{Street: "Block 4", City: "Kuwait City", Country: "KW", Raw: "Block 4, Kuwait City, Kuwait"}}},
		{"city named after its country in Spanish", "Ciudad de Guatemala, Guatemala", []Address{{City: "Ciudad de Guatemala", Country: "GT", Raw: "Ciudad de Guatemala, Guatemala"}}},
		{"city named after its territory", "Gaza City, Gaza, PS", []Address{{City: "Gaza City", Country: "PS", Raw: "Gaza City, Gaza, PS"}}},
		{"place only beginning with the country's name", "Kuwait Building, Kuwait",
			[]Address{{Street: "Kuwait Building", City: "Kuwait", Country: "KW", Raw: "Kuwait Building, Kuwait"}}},
		// "Mexico" after a place in Mexico is the State of Mexico.
		{"State of Mexico", "Toluca, Mexico, MX", []Address{{City: "Toluca", State: "Mexico", Country: "MX", Raw: "Toluca, Mexico, MX"}}},
		{"State of Mexico after a street", "Calle 5, Huixquilucan, Mexico, MX",
			[]Address{{Street: "Calle 5", City: "Huixquilucan", State: "Mexico", Country: "MX", Raw: "Calle 5, Huixquilucan, Mexico, MX"}}},
		{"State of Mexico with postal code", "Toluca, Mexico 50000, MX",
			[]Address{{City: "Toluca", State: "Mexico", PostalCode: "50000", Country: "MX", Raw: "Toluca, Mexico 50000, MX"}}},
		{"Mexico City's country written out", "Mexico City, Mexico, MX",
			[]Address{{City: "Mexico City", Country: "MX", Raw: "Mexico City, Mexico, MX"}}},
		{"Mexico written out alone", "Mexico, MX", []Address{{Country: "MX", Raw: "Mexico, MX"}}},
		{"no country", "P.O. BOX 9000, FORREST CITY, AR, 72336",
			[]Address{{Street: "P.O. BOX 9000", City: "FORREST CITY", State: "AR", PostalCode: "72336", Raw: "P.O. BOX 9000, FORREST CITY, AR, 72336"}}},
		{"newline inside", "Room 717,\nMinhang District, Shanghai, CN",
			[]Address{{Street: "Room 717, Minhang District", City: "Shanghai", Country: "CN", Raw: "Room 717,\nMinhang District, Shanghai, CN"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, parseAddresses(tt.in))
		})
	}
}

func TestParseID(t *testing.T) {
	tests := []struct {
		name   string
		layout idLayout
		raw    string
		want   Identification
	}{
		{"type first", layoutTypeFirst, "Passport, A553077, SD, 04 Apr 2000",
			Identification{Type: "Passport", Number: "A553077", Country: "SD", IssueDate: "04 Apr 2000"}},
		{"type first no country", layoutTypeFirst, "Gender, Male", Identification{Type: "Gender", Number: "Male"}},
		{"type first commas in value", layoutTypeFirst, "Secondary sanctions risk:, Example Regulations, sections 1 and 2",
			Identification{Type: "Secondary sanctions risk:", Number: "Example Regulations, sections 1 and 2"}},
		{"type last", layoutTypeLast, "CA, BC166787, Passport", Identification{Type: "Passport", Number: "BC166787", Country: "CA"}},
		{"type last with date", layoutTypeLast, "LB, 2020-08-28, RL 3367620, Passport",
			Identification{Type: "Passport", Number: "RL 3367620", Country: "LB", IssueDate: "2020-08-28"}},
		{"type last no country", layoutTypeLast, "Male, Gender", Identification{Type: "Gender", Number: "Male"}},
		{"type last expires and issued", layoutTypeLast, "JO, 2014-08-30, 2009-08-31, K475336, Passport",
			Identification{Type: "Passport", Number: "K475336", Country: "JO", IssueDate: "2009-08-31"}},
		{"type last expires and issued no country", layoutTypeLast, "2004-02-05, 1999-06-23, G025057, Passport",
			Identification{Type: "Passport", Number: "G025057", IssueDate: "1999-06-23"}},
		{"type last three dates", layoutTypeLast, "JO, 2014-08-30, 2009-08-31, 2001-01-01, Passport",
			Identification{Type: "Passport", Number: "2001-01-01", Country: "JO", IssueDate: "2009-08-31"}},
		{"type last number alone after a date", layoutTypeLast, "JO, 2014-08-30, 2009-08-31, Passport",
			Identification{Type: "Passport", Number: "2009-08-31", Country: "JO", IssueDate: "2014-08-30"}},
		{"single part", layoutTypeFirst, "12345", Identification{Number: "12345"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := Identification{Raw: tt.raw}
			parseID(&id, tt.layout)
			tt.want.Raw = tt.raw
			assert.Equal(t, tt.want, id)
		})
	}
}

func TestIDVote(t *testing.T) {
	assert.Equal(t, +1, idVote("CA, BC166787, Passport"))
	assert.Equal(t, -1, idVote("Passport, BC166787, CA"))
	assert.Equal(t, 0, idVote("Gender, Male"))
	assert.Equal(t, 0, idVote("KP, 12, MT")) // both readings fit
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"", time.Time{}, true},
		{"2022-04-07", time.Date(2022, 4, 7, 0, 0, 0, 0, time.UTC), true},
		{" 2022-04-07 ", time.Date(2022, 4, 7, 0, 0, 0, 0, time.UTC), true},
		{"2022-02-24T00:00:00Z", time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC), true},
		{"2020-13-45", time.Time{}, false},
		{"04/07/2022", time.Time{}, false},
		{"start_date", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseDate(tt.in)
			assert.Equal(t, tt.ok, ok)
			assert.True(t, tt.want.Equal(got), "got %v", got)
		})
	}
}

func TestParseSource(t *testing.T) {
	tests := []struct {
		in    string
		want  Source
		known bool
	}{
		{"EL", EntityList, true},
		{"el", EntityList, true},
		{"Entity List (EL) - Bureau of Industry and Security", EntityList, true},
		{" Entity List (EL) - Bureau of Industry and Security ", EntityList, true},
		{"Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department", NonSDNMenuBasedSanctions, true},
		{"Military End User (MEU) List - Bureau of Industry and Security", MilitaryEndUser, true},
		{"Capta List (CAP) - Treasury Department", CorrespondentAccount, true},
		{"INHOUSE", InHouse, true},
		{"Example New List (ENL) - Example Department", Source("ENL"), false},
		{"Some List", Source("Some List"), false},
		{"", Source(""), false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := ParseSource(tt.in)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.known, got.Known())
		})
	}
}

func TestSourceName(t *testing.T) {
	assert.Equal(t, "Entity List (EL) - Bureau of Industry and Security", EntityList.Name())
	assert.Equal(t, "ENL", Source("ENL").Name())
	for s, name := range sourceNames {
		assert.Equal(t, s, ParseSource(name), "full name of %s parses back", s)
	}
}

func TestEntityType(t *testing.T) {
	tests := []struct {
		in   string
		want EntityType
		ok   bool
		str  string
	}{
		{"", TypeUnknown, true, "unknown"},
		{"Individual", TypeIndividual, true, "individual"},
		{"entity", TypeEntity, true, "entity"},
		{"Vessel", TypeVessel, true, "vessel"},
		{"AIRCRAFT", TypeAircraft, true, "aircraft"},
		{"Company", TypeUnknown, false, "unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseEntityType(tt.in)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.str, got.String())
		})
	}
}

// TestEntityTypeText checks that each entity type is written by name and
// reads back, and that a value past TypeAircraft, which is no type, is
// refused rather than written as the valid "unknown", which would read
// back as TypeUnknown; String gives it by its number, "EntityType(200)".
func TestEntityTypeText(t *testing.T) {
	for _, typ := range []EntityType{TypeUnknown, TypeEntity, TypeIndividual, TypeVessel, TypeAircraft} {
		b, err := typ.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, typ.String(), string(b))
		var back EntityType
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, typ, back)
	}
	for _, typ := range []EntityType{TypeAircraft + 1, 200, 255} {
		_, err := typ.MarshalText()
		assert.EqualError(t, err, fmt.Sprintf("entitylist: invalid entity type %d", typ))
		_, err = json.Marshal(&Entry{Name: "x", Type: typ})
		assert.ErrorContains(t, err, fmt.Sprintf("invalid entity type %d", typ))
		assert.Equal(t, fmt.Sprintf("EntityType(%d)", typ), typ.String())
	}
}

func TestEntryNamesCountries(t *testing.T) {
	e := &Entry{
		Name:     "Main",
		AltNames: []string{"Alt One", "Alt Two"},
		Addresses: []Address{
			{Country: "CN"}, {Country: ""}, {Country: "HK"}, {Country: "CN"},
		},
	}
	assert.Equal(t, []string{"Main", "Alt One", "Alt Two"}, e.Names())
	assert.Equal(t, []string{"CN", "HK"}, e.Countries())
	assert.Nil(t, (&Entry{Name: "x"}).Countries())

	// A vessel's flag is its country, after its addresses; a flag that
	// names no country adds none.
	ship := &Entry{Name: "DOVER", Type: TypeVessel, Addresses: []Address{{Country: "AE"}}, Vessel: &Vessel{Flag: "Panama"}}
	assert.Equal(t, []string{"AE", "PA"}, ship.Countries())
	ship.Vessel.Flag = "None Identified"
	assert.Equal(t, []string{"AE"}, ship.Countries())
	ship.Addresses, ship.Vessel.Flag = nil, "Korea, North"
	assert.Equal(t, []string{"KP"}, ship.Countries())
}

// TestIDLayoutTurns: identifications are parsed as rows are read, by the
// layout the votes give so far; when the votes of the rest of the list
// turn it, the rows read before are parsed again by the list's layout,
// with nothing left of their first reading.
func TestIDLayoutTurns(t *testing.T) {
	for _, tt := range []struct {
		name  string
		first string // the ids of the first row, whose vote alone would read type-first
		want  Identification
	}{
		{"undecided first", "KP, 12, MT", Identification{Type: "MT", Number: "12", Country: "KP"}},
		{"two parts first", "Gender, Male", Identification{Type: "Male", Number: "Gender"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			csv := "_id,source,name,ids\n" +
				"a,SDN,FIRST,\"" + tt.first + "\"\n" +
				"b,SDN,SECOND,\"CA, BC166787, Passport\"\n" +
				"c,SDN,THIRD,\"RU, 2020-08-28, 4510, Passport\"\n"
			l, err := ReadCSV(strings.NewReader(cslfixture.Full(csv)), "t.csv")
			require.NoError(t, err)
			want := tt.want
			want.Raw = tt.first
			assert.Equal(t, []Identification{want}, l.Entry(0).IDs, "read again type-last")
			assert.Equal(t, []Identification{{Type: "Passport", Number: "BC166787", Country: "CA", Raw: "CA, BC166787, Passport"}}, l.Entry(1).IDs)
			assert.Equal(t, []Identification{{Type: "Passport", Number: "4510", Country: "RU", IssueDate: "2020-08-28", Raw: "RU, 2020-08-28, 4510, Passport"}}, l.Entry(2).IDs)
		})
	}
}

// TestCountryByNameReached: every country name countryByName holds is
// read as its code after a city, a name of no city-state or territory,
// which parseAddress reads before it.
func TestCountryByNameReached(t *testing.T) {
	for name, code := range countryByName {
		a := parseAddress("Somewhere, " + name)
		assert.Equal(t, Address{City: "Somewhere", Country: code, Raw: "Somewhere, " + name}, a, "address ending in %q", name)
	}
}
