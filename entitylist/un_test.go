package entitylist_test

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

func TestReadUN(t *testing.T) {
	l, err := entitylist.ReadUN(mustOpen(t, officialFixture("un/consolidated.xml")), "un.xml")
	require.NoError(t, err)
	require.Equal(t, 4, l.Len())
	assert.Empty(t, l.Warnings())
	v := l.Version()
	assert.Equal(t, map[entitylist.Source]int{entitylist.UNSecurityCouncil: 4}, v.BySource)
	assert.Equal(t, "2019-11-20", v.Newest.Format(time.DateOnly))

	p := l.Entry(0)
	assert.Equal(t, "QDi.901", p.ID)
	assert.Equal(t, "9000001", p.EntityNumber)
	assert.Equal(t, entitylist.UNSecurityCouncil, p.Source)
	assert.Equal(t, entitylist.TypeIndividual, p.Type)
	assert.Equal(t, 4, p.Line, "the line of the INDIVIDUAL element")
	assert.Equal(t, "KARIM HASSAN AL-NOURI", p.Name)
	assert.Equal(t, "Haji; Financial officer", p.Title)
	assert.Equal(t, []string{"Al-Qaida"}, p.Programs)
	assert.Equal(t, "2011-05-10", p.StartDate.Format(time.DateOnly))
	assert.Equal(t, "Financier of an example network.\nReview concluded on 1 June 2020.", p.Remarks)
	assert.Equal(t, []entitylist.Alias{
		{Name: "Karim al-Nuri", Kind: entitylist.AlsoKnownAs},
		{Name: "Abu Karim", Kind: entitylist.AlsoKnownAs, Weak: true},
		{Name: "كريم حسن النوري", Kind: entitylist.AlsoKnownAs},
	}, p.Aliases)
	assert.Equal(t, []string{"Karim al-Nuri", "Abu Karim", "كريم حسن النوري"}, p.AltNames)
	assert.Equal(t, []string{"IR", "SY"}, p.Nationalities)
	assert.Equal(t, []string{"1971-02-03", "1970-01-15", "1968 to 1971 (Approximately)"}, p.DatesOfBirth)
	assert.Equal(t, []string{"Aleppo, Syrian Arab Republic", "Qom, Iran (Islamic Republic of)"}, p.PlacesOfBirth)
	assert.Equal(t, []entitylist.Address{{Street: "12 Example Road", City: "Tehran", Country: "IR",
		Raw: "12 Example Road, Tehran, Iran (Islamic Republic of) (as of 2019)"}}, p.Addresses)
	assert.Equal(t, []entitylist.Identification{
		{Type: "Gender", Number: "Male", Raw: "Gender, Male"},
		{Type: "Passport", Number: "K1234567", Country: "IR", IssueDate: "2015-03-01",
			Raw: "Passport, K1234567, Iran (Islamic Republic of), 2015-03-01, Expires 2025-02-28"},
	}, p.IDs)

	q := l.Entry(1)
	assert.Equal(t, "IVAN PETROVICH SIDOROV", q.Name)
	assert.Equal(t, "2017-08-05", q.StartDate.Format(time.DateOnly), "the time zone of a date is dropped")
	assert.Equal(t, []string{"Иван Петрович Сидоров"}, q.AltNames, "the empty alias is none")
	assert.Equal(t, []string{"circa 1965"}, q.DatesOfBirth)
	assert.Empty(t, q.IDs, "an empty document is none")
	assert.Equal(t, []string{"RU"}, q.Nationalities)

	e := l.Entry(2)
	assert.Equal(t, entitylist.TypeEntity, e.Type)
	assert.Equal(t, "KPe.901", e.ID)
	assert.Equal(t, "EXAMPLE SHIPPING COMPANY", e.Name)
	assert.Equal(t, []entitylist.Alias{{Name: "ESC", Kind: entitylist.AlsoKnownAs}, {Name: "Example Maritime Ltd", Kind: entitylist.FormerlyKnownAs}}, e.Aliases)
	assert.Equal(t, []string{"KP"}, e.Countries())
	assert.Equal(t, []string{"SY"}, l.Entry(3).Countries())
}

// unDoc wraps records in a CONSOLIDATED_LIST, individuals first.
func unDoc(individuals, entities string) string {
	return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n" + individuals +
		"</INDIVIDUALS>\n<ENTITIES>\n" + entities + "</ENTITIES>\n</CONSOLIDATED_LIST>\n"
}

// unEntity is an ENTITY record on one line with the given DATAID,
// reference and name, and extra elements.
func unEntity(dataID, ref, name, extra string) string {
	return "<ENTITY><DATAID>" + dataID + "</DATAID><FIRST_NAME>" + name + "</FIRST_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE>" +
		"<REFERENCE_NUMBER>" + ref + "</REFERENCE_NUMBER><LISTED_ON>2016-03-02</LISTED_ON>" + extra + "</ENTITY>\n"
}

// TestReadUNAliasNotes checks that the notes of aliases, which hold such
// facts as a date of birth or a call sign, are kept in the remarks.
func TestReadUNAliasNotes(t *testing.T) {
	doc := unDoc("", unEntity("1", "KPe.1", "EXAMPLE SHIP", "<COMMENTS1>A vessel.</COMMENTS1>"+
		"<ENTITY_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Tango Romeo</ALIAS_NAME><NOTE>Call sign</NOTE></ENTITY_ALIAS>"+
		"<ENTITY_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Romeo</ALIAS_NAME></ENTITY_ALIAS>")+
		unEntity("2", "KPe.2", "OTHER CO", "<ENTITY_ALIAS><QUALITY/><ALIAS_NAME/><NOTE>Formerly a branch</NOTE></ENTITY_ALIAS>"))
	l, err := entitylist.ReadUN(strings.NewReader(doc), "un.xml")
	require.NoError(t, err)
	require.Equal(t, 2, l.Len())
	assert.Equal(t, "A vessel.\nAlias Tango Romeo: Call sign", l.Entry(0).Remarks)
	assert.Equal(t, []string{"Tango Romeo", "Romeo"}, l.Entry(0).AltNames)
	assert.Equal(t, "Alias: Formerly a branch", l.Entry(1).Remarks, "the note of an alias without a name")
	assert.Empty(t, l.Entry(1).AltNames)
}

func TestReadUNErrors(t *testing.T) {
	ok := unEntity("1", "KPe.1", "EXAMPLE CO", "")
	for _, tt := range []struct {
		name  string
		doc   string
		line  int
		field string
		err   error
		msg   string
	}{
		{"truncated", unDoc("", ok)[:120], 6, "ENTITY/DATAID", entitylist.ErrTruncated, "ends inside element CONSOLIDATED_LIST/ENTITIES/ENTITY/DATAID"},
		{"truncated between records", strings.TrimSuffix(unDoc("", ok), "</ENTITIES>\n</CONSOLIDATED_LIST>\n"), 7, "CONSOLIDATED_LIST/ENTITIES", entitylist.ErrTruncated, ""},
		{"not the UN list", "<?xml version=\"1.0\"?>\n<sdnList></sdnList>\n", 2, "sdnList", entitylist.ErrNotUNList, "not CONSOLIDATED_LIST"},
		{"malformed", unDoc("", "<ENTITY><DATAID>1</DATA></ENTITY>\n"), 6, "ENTITY/DATAID", entitylist.ErrSyntax, ""},
		{"duplicate DATAID", unDoc("", ok+unEntity("1", "KPe.2", "OTHER CO", "")), 7, "ENTITY/DATAID", entitylist.ErrDuplicateEntry, "the DATAID of the record on line 6"},
		{"duplicate reference", unDoc("", ok+unEntity("2", "KPe.1", "OTHER CO", "")), 7, "ENTITY/REFERENCE_NUMBER", entitylist.ErrDuplicateEntry, ""},
		{"no DATAID", unDoc("", "<ENTITY><FIRST_NAME>X</FIRST_NAME><REFERENCE_NUMBER>R</REFERENCE_NUMBER></ENTITY>\n"), 6, "ENTITY/DATAID", entitylist.ErrBadValue, ""},
		{"element twice", unDoc("", unEntity("1", "KPe.1", "EXAMPLE CO", "<COMMENTS1>a</COMMENTS1><COMMENTS1>b</COMMENTS1>")), 6, "ENTITY/COMMENTS1", entitylist.ErrDuplicateKey, "appears twice"},
		{"bad LISTED_ON", unDoc("", strings.Replace(ok, "2016-03-02", "02/03/2016", 1)), 6, "ENTITY/LISTED_ON", entitylist.ErrBadDate, ""},
		{"bad date of birth", unDoc("<INDIVIDUAL><DATAID>3</DATAID><FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER>\n"+
			"<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE>\n<DATE>1970-13-01</DATE></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL>\n", ""),
			6, "INDIVIDUAL/INDIVIDUAL_DATE_OF_BIRTH/DATE", entitylist.ErrBadDate, "1970-13-01"},
		{"bad year", unDoc("<INDIVIDUAL><DATAID>3</DATAID><FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER>"+
			"<INDIVIDUAL_DATE_OF_BIRTH><YEAR>19</YEAR></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL>\n", ""),
			4, "INDIVIDUAL/INDIVIDUAL_DATE_OF_BIRTH/YEAR", entitylist.ErrBadDate, "not a year"},
		{"no name", unDoc("", unEntity("1", "KPe.1", "", "")), 6, "ENTITY/FIRST_NAME", entitylist.ErrEmptyName, ""},
		{"invalid UTF-8", unDoc("", unEntity("1", "KPe.1", "CAF\xc9", "")), 6, "ENTITY/FIRST_NAME", entitylist.ErrInvalidUTF8, ""},
		{"Latin-1 declared", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<CONSOLIDATED_LIST/>\n", 1, "", entitylist.ErrInvalidUTF8, "ISO-8859-1"},
		{"nested too deep", unDoc("", unEntity("1", "KPe.1", "X", strings.Repeat("<A>", 9)+strings.Repeat("</A>", 9))), 6, "ENTITY/A/A/A/A/A/A/A", entitylist.ErrSyntax, "nested"},
		{"empty", "", 0, "", entitylist.ErrEmpty, ""},
		{"data after the end", unDoc("", ok) + "<MORE/>\n", 9, "", entitylist.ErrSyntax, "after the end"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			l, err := entitylist.ReadUN(strings.NewReader(tt.doc), "t")
			assert.Nil(t, l)
			errs := loadErrors(t, err)
			require.NotEmpty(t, errs)
			pe := errs[0]
			assert.Equal(t, tt.line, pe.Line, "%v", err)
			assert.Equal(t, tt.field, pe.Field, "%v", err)
			assert.ErrorIs(t, err, tt.err)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
}

func TestReadUNWarnings(t *testing.T) {
	doc := unDoc("", unEntity("1", "KPe.1", "EXAMPLE CO",
		"<NEW_ELEMENT>x</NEW_ELEMENT><ENTITY_ALIAS><QUALITY>Medium</QUALITY><ALIAS_NAME>EXCO</ALIAS_NAME><EXTRA/></ENTITY_ALIAS>"+
			"<ENTITY_ADDRESS><COUNTRY>Atlantis</COUNTRY></ENTITY_ADDRESS>")) + ""
	doc = strings.Replace(doc, "<ENTITIES>", "<ENTITIES><NOTE>x</NOTE>", 1)
	l, err := entitylist.ReadUN(strings.NewReader(doc), "t")
	require.NoError(t, err)
	e := l.Entry(0)
	assert.Equal(t, []entitylist.Alias{{Name: "EXCO", Kind: entitylist.AlsoKnownAs}}, e.Aliases)
	assert.Equal(t, []entitylist.Address{{Raw: "Atlantis"}}, e.Addresses)
	var fields []string
	for _, w := range l.Warnings() {
		fields = append(fields, w.Field)
	}
	assert.Equal(t, []string{"ENTITIES/NOTE", "ENTITY/NEW_ELEMENT", "ENTITY/ENTITY_ALIAS/EXTRA", "ENTITY/ENTITY_ALIAS/QUALITY", "ENTITY/ENTITY_ADDRESS/COUNTRY"}, fields)
}

// TestReadUNDatesOfBirth: a date of birth "APPROXIMATELY" keeps its
// "circa" when the date is given by a NOTE alone, and a type of date the
// format does not have is read as written, with a warning naming it; a
// period with one end is "1960 or later", "1962 or earlier".
func TestReadUNDatesOfBirth(t *testing.T) {
	person := func(id, dob string) string {
		return "<INDIVIDUAL><DATAID>" + id + "</DATAID><FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>QDi." + id + "</REFERENCE_NUMBER>" +
			"<INDIVIDUAL_DATE_OF_BIRTH>" + dob + "</INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL>\n"
	}
	l, err := entitylist.ReadUN(strings.NewReader(unDoc(
		person("1", "<TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1975</YEAR>")+
			person("2", "<TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><NOTE>1961 or 1962</NOTE>")+
			person("3", "<TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1960</FROM_YEAR><TO_YEAR>1962</TO_YEAR><NOTE>per passport</NOTE>")+
			person("4", "<TYPE_OF_DATE>ABOUT</TYPE_OF_DATE><YEAR>1980</YEAR>")+
			person("5", "<TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE>")+
			person("6", "<TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1960</FROM_YEAR>")+
			person("7", "<TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><TO_YEAR>1962</TO_YEAR>"), "")), "t")
	require.NoError(t, err)
	var got []string
	for i := range l.Len() {
		got = append(got, strings.Join(l.Entry(i).DatesOfBirth, "|"))
	}
	assert.Equal(t, []string{"circa 1975", "circa 1961 or 1962", "1960 to 1962 (per passport)", "1980", "", "1960 or later", "1962 or earlier"}, got)
	var warned []string
	for _, w := range l.Warnings() {
		warned = append(warned, w.Field+": "+w.Value+": "+w.Message)
	}
	assert.Equal(t, []string{"INDIVIDUAL/INDIVIDUAL_DATE_OF_BIRTH/TYPE_OF_DATE: ABOUT: type of date not known, the date read as written"}, warned)
}

// TestReadUNOtherKindsGroups checks an alias or address written with the
// element of the other kind of record (an ENTITY's INDIVIDUAL_ALIAS, an
// INDIVIDUAL's ENTITY_ADDRESS): the record reads it as its own, in order
// with its own, since an alias is a name to screen, and warns naming the
// element; messages about its content name it too.
func TestReadUNOtherKindsGroups(t *testing.T) {
	doc := unDoc("<INDIVIDUAL><DATAID>2</DATAID><FIRST_NAME>JOHN</FIRST_NAME><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER>"+
		"<ENTITY_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>JS</ALIAS_NAME></ENTITY_ALIAS>"+
		"<ENTITY_ADDRESS><CITY>Kabul</CITY><COUNTRY>Afghanistan</COUNTRY></ENTITY_ADDRESS></INDIVIDUAL>\n",
		unEntity("1", "QDe.1", "ACME", "<INDIVIDUAL_ALIAS><QUALITY>Medium</QUALITY><ALIAS_NAME>ACME TRADING</ALIAS_NAME></INDIVIDUAL_ALIAS>"+
			"<ENTITY_ALIAS><QUALITY>f.k.a.</QUALITY><ALIAS_NAME>ACME OLD</ALIAS_NAME></ENTITY_ALIAS>"+
			"<INDIVIDUAL_ADDRESS><CITY>Herat</CITY><COUNTRY>Atlantis</COUNTRY></INDIVIDUAL_ADDRESS>"))
	l, err := entitylist.ReadUN(strings.NewReader(doc), "t")
	require.NoError(t, err)
	require.Equal(t, 2, l.Len())

	person := l.Entry(0)
	assert.Equal(t, []entitylist.Alias{{Name: "JS", Kind: entitylist.AlsoKnownAs, Weak: true}}, person.Aliases)
	assert.Equal(t, []entitylist.Address{{City: "Kabul", Country: "AF", Raw: "Kabul, Afghanistan"}}, person.Addresses)
	entity := l.Entry(1)
	assert.Equal(t, []entitylist.Alias{{Name: "ACME TRADING", Kind: entitylist.AlsoKnownAs}, {Name: "ACME OLD", Kind: entitylist.FormerlyKnownAs}},
		entity.Aliases)
	assert.Equal(t, []string{"ACME TRADING", "ACME OLD"}, entity.AltNames)
	assert.Equal(t, []entitylist.Address{{City: "Herat", Raw: "Herat, Atlantis"}}, entity.Addresses)

	assert.Equal(t, []entitylist.Warning{
		{Line: 4, Field: "INDIVIDUAL/ENTITY_ALIAS", Message: "an entity's element in an individual, read as the individual's"},
		{Line: 4, Field: "INDIVIDUAL/ENTITY_ADDRESS", Message: "an entity's element in an individual, read as the individual's"},
		{Line: 7, Field: "ENTITY/INDIVIDUAL_ALIAS", Message: "an individual's element in an entity, read as the entity's"},
		{Line: 7, Field: "ENTITY/INDIVIDUAL_ADDRESS", Message: "an individual's element in an entity, read as the entity's"},
		{Line: 7, Field: "ENTITY/INDIVIDUAL_ALIAS/QUALITY", Value: "Medium", Message: "unknown alias quality, taken as a strong a.k.a."},
		{Line: 7, Field: "ENTITY/INDIVIDUAL_ADDRESS/COUNTRY", Value: "Atlantis", Message: "country name not known, kept as text without a country code"},
	}, l.Warnings())
}

// TestReadUNRecordOutsideItsSection checks that a record in the other
// section (an ENTITY in INDIVIDUALS) or directly in CONSOLIDATED_LIST is
// read as its kind, with a warning naming it, rather than dropped as an
// unknown element: it reads one way only, and it is a party to screen.
func TestReadUNRecordOutsideItsSection(t *testing.T) {
	doc := unDoc(unEntity("1", "KPe.1", "EXAMPLE CO", ""), "")
	doc = strings.Replace(doc, "</CONSOLIDATED_LIST>", unEntity("2", "KPe.2", "OTHER CO", "")+"</CONSOLIDATED_LIST>", 1)
	l, err := entitylist.ReadUN(strings.NewReader(doc), "t")
	require.NoError(t, err)
	require.Equal(t, 2, l.Len())
	for i, name := range []string{"EXAMPLE CO", "OTHER CO"} {
		e := l.Entry(i)
		assert.Equal(t, name, e.Name)
		assert.Equal(t, entitylist.TypeEntity, e.Type)
	}
	assert.Equal(t, []entitylist.Warning{
		{Line: 4, Field: "INDIVIDUALS/ENTITY", Message: "a record in the other section, read as an entity"},
		{Line: 8, Field: "CONSOLIDATED_LIST/ENTITY", Message: "a record outside INDIVIDUALS and ENTITIES, read as an entity"},
	}, l.Warnings())
}

// TestReadUNDocumentCountryWarning checks that the warning about a
// document's country the package does not know names the element it was
// read from: COUNTRY_OF_ISSUE when ISSUING_COUNTRY is absent.
func TestReadUNDocumentCountryWarning(t *testing.T) {
	doc := unDoc("<INDIVIDUAL><DATAID>2</DATAID><FIRST_NAME>JOHN</FIRST_NAME><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER>"+
		"<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>1</NUMBER><COUNTRY_OF_ISSUE>Atlantis</COUNTRY_OF_ISSUE></INDIVIDUAL_DOCUMENT>"+
		"</INDIVIDUAL>\n", "")
	l, err := entitylist.ReadUN(strings.NewReader(doc), "t")
	require.NoError(t, err)
	assert.Equal(t, []entitylist.Warning{
		{Line: 4, Field: "INDIVIDUAL/INDIVIDUAL_DOCUMENT/COUNTRY_OF_ISSUE", Value: "Atlantis", Message: "country name not known, kept as text without a country code"},
	}, l.Warnings())
}

// TestReadUNContentOutsideTheFormat checks text and elements where the
// format has none: each is named in a warning with its record's line and
// its value; where it reads one way only (a NATIONALITY's text without
// VALUE, a NAME_ORIGINAL_SCRIPT of VALUE elements) it is kept.
func TestReadUNContentOutsideTheFormat(t *testing.T) {
	for _, tt := range []struct {
		name    string
		content string // the record's elements after DATAID and REFERENCE_NUMBER
		got     func(e *entitylist.Entry) any
		want    any
		warning entitylist.Warning
	}{
		{"NAME_ORIGINAL_SCRIPT of VALUE elements", "<FIRST_NAME>JOHN</FIRST_NAME><NAME_ORIGINAL_SCRIPT><VALUE>جون</VALUE><VALUE>يوحنا</VALUE></NAME_ORIGINAL_SCRIPT>",
			func(e *entitylist.Entry) any { return e.AltNames }, []string{"جون", "يوحنا"},
			entitylist.Warning{Field: "INDIVIDUAL/NAME_ORIGINAL_SCRIPT", Message: "written as VALUE elements, each read as a name"}},
		{"NATIONALITY without VALUE", "<FIRST_NAME>JOHN</FIRST_NAME><NATIONALITY>Iran (Islamic Republic of)</NATIONALITY>",
			func(e *entitylist.Entry) any { return e.Nationalities }, []string{"IR"},
			entitylist.Warning{Field: "INDIVIDUAL/NATIONALITY", Value: "Iran (Islamic Republic of)", Message: "text without a VALUE element, read as its value"}},
		{"NATIONALITY text beside VALUE", "<FIRST_NAME>JOHN</FIRST_NAME><NATIONALITY>Iraq<VALUE>Iran (Islamic Republic of)</VALUE></NATIONALITY>",
			func(e *entitylist.Entry) any { return e.Nationalities }, []string{"IR"},
			entitylist.Warning{Field: "INDIVIDUAL/NATIONALITY", Value: "Iraq", Message: "text beside the VALUE elements ignored"}},
		{"element inside a name", "<FIRST_NAME>JOHN<X>SMITH <Y>JR</Y></X></FIRST_NAME>",
			func(e *entitylist.Entry) any { return e.Name }, "JOHN",
			entitylist.Warning{Field: "INDIVIDUAL/FIRST_NAME/X", Value: "SMITH JR", Message: "an element inside an element of text ignored"}},
		{"element inside an alias's name", "<FIRST_NAME>JOHN</FIRST_NAME><INDIVIDUAL_ALIAS><ALIAS_NAME>JS<B>X</B></ALIAS_NAME></INDIVIDUAL_ALIAS>",
			func(e *entitylist.Entry) any { return e.AltNames }, []string{"JS"},
			entitylist.Warning{Field: "INDIVIDUAL/INDIVIDUAL_ALIAS/ALIAS_NAME/B", Value: "X", Message: "an element inside an element of text ignored"}},
		{"element inside a VALUE", "<FIRST_NAME>JOHN</FIRST_NAME><TITLE><VALUE>Haji<X>Dr</X></VALUE></TITLE>",
			func(e *entitylist.Entry) any { return e.Title }, "Haji",
			entitylist.Warning{Field: "INDIVIDUAL/TITLE/VALUE/X", Value: "Dr", Message: "an element inside an element of text ignored"}},
		{"text beside a group's elements", "<FIRST_NAME>JOHN</FIRST_NAME><INDIVIDUAL_ADDRESS>Herat<COUNTRY>Afghanistan</COUNTRY></INDIVIDUAL_ADDRESS>",
			func(e *entitylist.Entry) any { return e.Addresses }, []entitylist.Address{{Country: "AF", Raw: "Afghanistan"}},
			entitylist.Warning{Field: "INDIVIDUAL/INDIVIDUAL_ADDRESS", Value: "Herat", Message: "text beside the group's elements ignored"}},
		{"text beside the record's elements", "<FIRST_NAME>JOHN</FIRST_NAME>SMITH",
			func(e *entitylist.Entry) any { return e.Name }, "JOHN",
			entitylist.Warning{Field: "INDIVIDUAL", Value: "SMITH", Message: "text beside the record's elements ignored"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := unDoc("<INDIVIDUAL><DATAID>1</DATAID><REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER>"+tt.content+"</INDIVIDUAL>\n", "")
			l, err := entitylist.ReadUN(strings.NewReader(doc), "t")
			require.NoError(t, err)
			assert.Equal(t, tt.want, tt.got(l.Entry(0)))
			tt.warning.Line = 4
			assert.Equal(t, []entitylist.Warning{tt.warning}, l.Warnings())
		})
	}
}

func TestReadUNLimits(t *testing.T) {
	big := unDoc("", unEntity("1", "KPe.1", "X", "<COMMENTS1>"+strings.Repeat("y", entitylist.MaxFieldSize+1)+"</COMMENTS1>"))
	_, err := entitylist.ReadUN(strings.NewReader(big), "t")
	assert.ErrorIs(t, err, entitylist.ErrTooLong)
	huge := unDoc("", unEntity("1", "KPe.1", "X", strings.Repeat("<COMMENTS1>y</COMMENTS1>", entitylist.MaxRecordSize/24+1)))
	_, err = entitylist.ReadUN(strings.NewReader(huge), "t")
	assert.ErrorIs(t, err, entitylist.ErrTooLong)
	assert.ErrorContains(t, err, "MaxRecordSize")
}

// TestReadUNStream checks that the reader works from a reader that gives
// one byte at a time.
func TestReadUNStream(t *testing.T) {
	data, err := os.ReadFile(officialFixture("un/consolidated.xml"))
	require.NoError(t, err)
	l, err := entitylist.ReadUN(&oneByteReader{data: data}, "t")
	require.NoError(t, err)
	assert.Equal(t, 4, l.Len())
}

type oneByteReader struct{ data []byte }

func (r *oneByteReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	p[0] = r.data[0]
	r.data = r.data[1:]
	return 1, nil
}

func FuzzReadUN(f *testing.F) {
	data, err := os.ReadFile(officialFixture("un/consolidated.xml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(unDoc("", unEntity("1", "KPe.1", "X", "<ENTITY_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Y</ALIAS_NAME></ENTITY_ALIAS>"))))
	f.Add([]byte(unDoc("<INDIVIDUAL><DATAID>2</DATAID><FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>R</REFERENCE_NUMBER>"+
		"<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1</FROM_YEAR></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL>", "")))
	f.Add([]byte(unDoc("", unEntity("1", "KPe.1", "X<Y>Z</Y>", "<INDIVIDUAL_ALIAS>t<ALIAS_NAME>A</ALIAS_NAME></INDIVIDUAL_ALIAS>"+
		"<NATIONALITY>Iran</NATIONALITY><NAME_ORIGINAL_SCRIPT><VALUE>B</VALUE></NAME_ORIGINAL_SCRIPT>"))))
	f.Add([]byte("<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID>"))
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><CONSOLIDATED_LIST/>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := entitylist.ReadUN(bytes.NewReader(data), "fuzz")
		checkLoad(t, l, err)
		checkAliases(t, l)
	})
}

// TestReadUNSyntaxErrorInvalidUTF8 checks that a syntax error at bytes
// that are not valid UTF-8 names them escaped: the XML decoder's message
// quotes them raw, which put invalid UTF-8 in the error.
func TestReadUNSyntaxErrorInvalidUTF8(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"element name", "<\xf2 ", `invalid XML name: \xf2`},
		{"entity", "&\xe4 ", `invalid character entity &\xe4`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := entitylist.ReadUN(strings.NewReader(tc.in), "latin1.xml")
			require.ErrorIs(t, err, entitylist.ErrSyntax)
			assert.True(t, utf8.ValidString(err.Error()), "%q", err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
