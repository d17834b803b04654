package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// fixtureMatches screens name against the fixture list in-process.
func fixtureMatches(t *testing.T, name string) ([]screening.Match, entitylist.Version) {
	t.Helper()
	list, err := entitylist.Open(fixtures + "csl.csv")
	require.NoError(t, err)
	s, err := screening.New(list)
	require.NoError(t, err)
	r, err := s.Screen(context.Background(), screening.Query{Name: name})
	require.NoError(t, err)
	require.NotEmpty(t, r.Matches)
	return r.Matches, list.Version()
}

// testTime is the time of screening of the writers' tests.
var testTime = time.Date(2026, 3, 1, 9, 30, 0, 250e6, time.FixedZone("CET", 3600))

// testStamp names a made-up version and testTime.
var testStamp = stamp{tool: "v9.9.9-test", now: func() time.Time { return testTime }}

// writeAll writes three results: one with matches, one without, one error.
func writeAll(t *testing.T, format string, header []string, recs [3]record) string {
	t.Helper()
	ms, v := fixtureMatches(t, "AO Kaspersky Lab")
	var b bytes.Buffer
	w, err := newResultWriter(format, &b, testStamp, nil)
	require.NoError(t, err)
	require.NoError(t, w.begin(header))
	require.NoError(t, w.result(recs[0], screening.Result{Query: recs[0].query, Matches: ms, Version: v, Threshold: 0.72}, nil))
	require.NoError(t, w.result(recs[1], screening.Result{Query: recs[1].query, Version: v, Threshold: 0.72}, nil))
	err3 := recs[2].err // a row that could not be read, else a query error
	if err3 == nil {
		err3 = screening.ErrInvalidUTF8
	}
	require.NoError(t, w.result(recs[2], screening.Result{Query: recs[2].query, Err: err3}, nil))
	require.NoError(t, w.end(summary{queries: 3, matched: 1, failed: 1, version: v, threshold: 0.72, started: testTime}))
	return b.String()
}

var plainRecs = [3]record{
	{line: 1, query: screening.Query{Name: "AO Kaspersky Lab"}},
	{line: 2, query: screening.Query{Name: "Contoso", Country: "US"}},
	{line: 3, query: screening.Query{Name: "bad\xff"}},
}

var csvHeader = []string{"id", "vendor"}

var csvRecs = [3]record{
	{line: 2, fields: []string{"1", "AO Kaspersky Lab"}, query: screening.Query{Name: "AO Kaspersky Lab"}},
	{line: 3, fields: []string{"2", "Contoso"}, query: screening.Query{Name: "Contoso"}},
	{line: 4, fields: []string{"3"}, err: errors.New("line 4: 1 fields, the header has 2")},
}

func TestJSONWriter(t *testing.T) {
	out := writeAll(t, "json", nil, plainRecs)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, 3)
	for _, l := range lines {
		assert.True(t, json.Valid([]byte(l)), l)
	}
	// Each line is the library's record of the result (see screening.Result).
	assert.True(t, strings.HasPrefix(lines[0], `{"query":"AO Kaspersky Lab","alert":true,"matches":[{"id":"88a5a8ac`), lines[0])
	assert.Contains(t, lines[0], `"list_version":{"origin":"../../testdata/cli/csl.csv","format":"csv"`)
	assert.True(t, strings.HasPrefix(lines[1], `{"query":"Contoso","country":"US","alert":false,"matches":[],"threshold":0.72,"list_version":{`), lines[1])
	assert.Equal(t, `{"query":"bad\ufffd","error":"`+screening.ErrInvalidUTF8.Error()+
		`","tool_version":"v9.9.9-test","screened_at":"2026-03-01T08:30:00.250Z"}`, lines[2], "an error names the version and time too")
	for _, l := range lines[:2] {
		assert.True(t, strings.HasSuffix(l, `},"tool_version":"v9.9.9-test","screened_at":"2026-03-01T08:30:00.250Z"}`), l)
		assert.Contains(t, l, `"threshold":0.72,"list_version":{"origin":"../../testdata/cli/csl.csv"`, "the library's record names them")
	}
	var back screening.Result
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &back))
	assert.Equal(t, "AO Kaspersky Lab", back.Matches[0].Entry.Name, "the library reads the line back")

	out = writeAll(t, "json", csvHeader, csvRecs)
	lines = strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, 3)
	assert.Contains(t, lines[0], `"input":{"id":"1","vendor":"AO Kaspersky Lab"}`)
	assert.Equal(t, `{"query":"","error":"line 4: 1 fields, the header has 2","input":{"id":"3","vendor":""},`+
		`"tool_version":"v9.9.9-test","screened_at":"2026-03-01T08:30:00.250Z"}`, lines[2])
}

func TestJSONRowExtraFields(t *testing.T) {
	b, err := json.Marshal(&jsonRow{header: []string{"a"}, fields: []string{"1", "x\"y"}})
	require.NoError(t, err)
	assert.Equal(t, `{"a":"1","2":"x\"y"}`, string(b))
}

func TestCSVWriter(t *testing.T) {
	rows, err := csv.NewReader(strings.NewReader(writeAll(t, "csv", nil, plainRecs))).ReadAll()
	require.NoError(t, err, "every row has the header's field count")
	require.Len(t, rows, 4)
	assert.Equal(t, []string{"AO Kaspersky Lab", "", "match", "1.0000"}, rows[1][:4])
	assert.Equal(t, []string{"Contoso", "US", "no match"}, rows[2][:3])
	assert.Equal(t, []string{"bad\ufffd", "", "error"}, rows[3][:3], "a byte that is not UTF-8 is U+FFFD, as in JSON")
	assert.Equal(t, screening.ErrInvalidUTF8.Error(), rows[3][slices.Index(rows[0], "error")])
	col := func(row []string, name string) string { return row[slices.Index(rows[0], name)] }
	for i, row := range rows[1:] {
		assert.Equal(t, "v9.9.9-test", col(row, "tool_version"), "row %d", i+1)
		assert.Equal(t, "2026-03-01T08:30:00.250Z", col(row, "screened_at"), "row %d", i+1)
	}
	assert.Equal(t, "0.72", col(rows[1], "threshold"))
	assert.Equal(t, "false", col(rows[1], "weak_aliases"))
	assert.Contains(t, col(rows[2], "list_version"), "csl.csv (csv): 7 entries")
	assert.Empty(t, col(rows[3], "threshold"), "an error was screened with no threshold")
	assert.Empty(t, col(rows[3], "weak_aliases"), "nor a choice of weak aliases")

	rows, err = csv.NewReader(strings.NewReader(writeAll(t, "csv", csvHeader, csvRecs))).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, append([]string{"input_id", "vendor"}, csvResultColumns...), rows[0], "the input's id is not the entry's")
	assert.Equal(t, []string{"3", "", "error"}, rows[3][:3], "a short row is padded to the header")
}

// TestCSVOutputHeader: an input column that has the name of a column the
// CSV output adds, in any case and spacing, is written with "input_" in
// front, as many times as it takes for every name of the header to be
// its own; the output's columns keep their names, and the others theirs.
func TestCSVOutputHeader(t *testing.T) {
	for _, tt := range []struct {
		name      string
		header    []string
		own       bool
		want      []string // the input columns as written
		renamings []string
	}{
		{"no clash", []string{"vendor_id", "vendor_name", "buyer"}, false, []string{"vendor_id", "vendor_name", "buyer"}, nil},
		{"name and country", []string{"vendor_id", "name", "country"}, false, []string{"vendor_id", "input_name", "input_country"},
			[]string{`column "name" is written as "input_name"`, `column "country" is written as "input_country"`}},
		{"another case and spacing", []string{" Score ", "x"}, false, []string{"input_ Score ", "x"}, []string{`column " Score " is written as "input_ Score "`}},
		{"the prefixed name taken", []string{"score", "input_score", "INPUT_INPUT_SCORE"}, false,
			[]string{"input_input_input_score", "input_score", "INPUT_INPUT_SCORE"}, []string{`column "score" is written as "input_input_input_score"`}},
		{"ownership columns with ownership data", []string{"name", "ownership_finding"}, true, []string{"input_name", "input_ownership_finding"}, nil},
		{"ownership columns without", []string{"ownership_finding"}, false, []string{"ownership_finding"}, nil},
		{"blank cells", []string{"name", "", " "}, false, []string{"input_name", "", " "}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var own *ownershipData
			if tt.own {
				own = &ownershipData{}
			}
			given := slices.Clone(tt.header)
			got, notes := csvInputColumns(tt.header, own)
			assert.Equal(t, given, tt.header, "the header given is not changed")
			assert.Equal(t, tt.want, got)
			for _, r := range tt.renamings {
				assert.Contains(t, strings.Join(notes, "\n"), r)
			}
			if tt.renamings == nil && slices.Equal(tt.header, tt.want) {
				assert.Empty(t, notes)
			}
			out := slices.Concat(got, csvResultColumns)
			if tt.own {
				out = slices.Concat(out, ownershipColumns)
			}
			seen := map[string]bool{}
			for _, c := range out {
				if strings.TrimSpace(c) == "" {
					continue
				}
				assert.False(t, seen[foldName(strings.TrimSpace(c))], "%q twice in %q", c, out)
				seen[foldName(strings.TrimSpace(c))] = true
			}
		})
	}
}

func TestTextWriter(t *testing.T) {
	out := writeAll(t, "text", nil, plainRecs)
	assert.Contains(t, out, `"AO Kaspersky Lab": 1 match`)
	assert.Contains(t, out, "SCORE   SOURCE  COUNTRY")
	assert.Regexp(t, `1\s+MATCH\s+1\.0000\s+EL\s+RU\s+AO Kaspersky Lab\s+AO Kaspersky Lab\s+license-required\s+89 FR 52362\s+88a5a8ac`, out)
	assert.Contains(t, out, `"Contoso" (US): no match`)
	assert.Contains(t, out, `"bad\xff": ERROR: `)
	assert.Contains(t, out, "3 queries screened: 1 with a match, 1 without, 1 could not be screened.")
	assert.Contains(t, out, "Threshold 0.72; screened 2026-03-01T08:30:00.250Z by entityscreen v9.9.9-test.\n")
	assert.NotContains(t, out, "SAMPLE", "not the sample")

	out = writeAll(t, "text", csvHeader, csvRecs)
	assert.Contains(t, out, `line 3: "Contoso": no match`)
}

// TestTextSummarySample: the summary of a run against the embedded sample
// says so, beside the list's version.
func TestTextSummarySample(t *testing.T) {
	var b bytes.Buffer
	w, err := newResultWriter("text", &b, testStamp, nil)
	require.NoError(t, err)
	require.NoError(t, w.end(summary{queries: 1, version: entitylist.Default().Version(), threshold: 0.8, started: testTime}))
	assert.Contains(t, b.String(), "List: embedded default (csv): 40 entries")
	assert.Contains(t, b.String(), "SAMPLE: not a complete list\n")
	assert.Contains(t, b.String(), "WARNING: screened against the embedded SAMPLE list")
	assert.Contains(t, b.String(), "Threshold 0.8;")
}

func TestUnknownFormat(t *testing.T) {
	_, err := newResultWriter("xml", &bytes.Buffer{}, testStamp, nil)
	assert.ErrorContains(t, err, `unknown format "xml"`)
}

func TestWriteVersion(t *testing.T) {
	v := entitylist.Version{
		Origin: "a.csv", Entries: 3, SHA256: "abc",
		BySource: map[entitylist.Source]int{entitylist.EntityList: 1, entitylist.SpeciallyDesignated: 2},
		Newest:   time.Date(2024, 6, 24, 0, 0, 0, 0, time.UTC),
	}
	var b strings.Builder
	writeVersion(&b, entitylist.Version{Origin: "merged", Entries: 3, Parts: []entitylist.Version{v}}, "")
	out := b.String()
	assert.Contains(t, out, "part 1 of 1:\n  origin:        a.csv\n")
	assert.Contains(t, out, "newest entry:  unknown")
	assert.Contains(t, out, "newest entry:  2024-06-24")
	sdn, el := strings.Index(out, "SDN "), strings.Index(out, "EL ")
	require.Positive(t, sdn)
	assert.Less(t, sdn, el, "largest source first")
}

func TestProgressLine(t *testing.T) {
	p := &progress{size: 1000}
	assert.Equal(t, "[###############---------------]  50%  5000 rows  1000 rows/s  5s left", p.line(5000, 500, 5*time.Second))
	p = &progress{}
	assert.Equal(t, "8000 rows  2000 rows/s", p.line(8000, 123, 4*time.Second), "no size, no bar")
}

func TestProgressOnlyOnTerminal(t *testing.T) {
	assert.Nil(t, newProgress(&bytes.Buffer{}, 100))
	assert.False(t, isTerminal(&bytes.Buffer{}))
}

func TestProgressDraws(t *testing.T) {
	var b bytes.Buffer
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := &progress{w: &b, start: now, now: func() time.Time { return now }}
	p.update(progressMin-1, nil)
	assert.Zero(t, b.Len(), "silent for short inputs")
	now = now.Add(time.Second)
	p.update(progressMin, nil)
	assert.Contains(t, b.String(), "\r5000 rows")
	p.finish()
	assert.True(t, strings.HasSuffix(b.String(), "\r\x1b[K"), "the bar is cleared")
}

// TestMoreAndAlso checks that every format says how many matches the
// limit left out, and that JSON and text name the other rows of a party.
func TestMoreAndAlso(t *testing.T) {
	ms, v := fixtureMatches(t, "AO Kaspersky Lab")
	ms[0].Also = []*entitylist.Entry{{ID: "77", Source: "SSI", Name: "KASPERSKY"}}
	res := screening.Result{Query: plainRecs[0].query, Matches: ms[:1], More: 2, Version: v}
	for format, want := range map[string]string{
		"json": `"also":[{"id":"77","source":"SSI","type":"unknown","name":"KASPERSKY"}],"party":0,"effects":[{"source":"EL"`,
		"text": "(also SSI 77)  words 1.0000\n  and 2 more matches not shown (raise --limit to see them)\n",
		"csv":  ",,SSI 77,2,",
	} {
		var b bytes.Buffer
		w, err := newResultWriter(format, &b, testStamp, nil)
		require.NoError(t, err)
		require.NoError(t, w.begin(nil))
		require.NoError(t, w.result(plainRecs[0], res, nil))
		assert.Contains(t, b.String(), want, format)
	}
}

// TestPrintableLines: each line of a text is escaped, the line ends
// between them kept.
func TestPrintableLines(t *testing.T) {
	assert.Equal(t, "line one \\x1b\nline\\x09two", printableLines("line one \x1b\nline\ttwo"))
}

// TestCSVCell: the cells OWASP names get a quote in front, no other, and
// every cell is UTF-8.
func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "Acme": "Acme", "=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")", "+1": "'+1", "-2": "'-2", "@SUM(1)": "'@SUM(1)",
		"\tx": "'\tx", "\rx": "'\rx", "a=b": "a=b", " =1": " =1", "1.0000": "1.0000",
		// Bytes that are not UTF-8, one U+FFFD each, as encoding/json writes them.
		"bad\xff": "bad\ufffd", "a\xff\xfeb": "a\ufffd\ufffdb", "\xff=1": "\ufffd=1", "=\xc3": "'=\ufffd", "Müller\x80": "Müller\ufffd",
	} {
		assert.Equal(t, want, csvCell(in), "%q", in)
	}
	for _, in := range []string{"bad\xff", "a\xff\xfeb", "\xed\xa0\x80", "\xf0\x9f\x98", "Müller\x80"} {
		var viaJSON string
		b, err := json.Marshal(in)
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(b, &viaJSON))
		assert.Equal(t, viaJSON, csvCell(in), "%q: the cell reads as the JSON record's string", in)
	}
}

// TestWholeWrites: the buffer is flushed before a write that does not fit,
// never in the middle of one.
func TestWholeWrites(t *testing.T) {
	var out bytes.Buffer
	w := wholeWrites{bufio.NewWriterSize(&out, 16)}
	for _, s := range []string{"0123456789\n", "abcdefghij\n", strings.Repeat("z", 40) + "\n", "end\n"} {
		before := out.Len()
		_, err := w.Write([]byte(s))
		require.NoError(t, err)
		assert.True(t, out.Len() == 0 || strings.HasSuffix(out.String(), "\n"), "after %d bytes: %q", before, out.String())
	}
	require.NoError(t, w.Flush())
	assert.Equal(t, "0123456789\nabcdefghij\n"+strings.Repeat("z", 40)+"\nend\n", out.String())
}

// TestWriteEvidenceLabels: every evidence line of explain has its label,
// a space, then the value, the long labels too, the short ones lined up
// with the block's other lines.
func TestWriteEvidenceLabels(t *testing.T) {
	var b strings.Builder
	writeEvidence(&b, &entitylist.Entry{
		Addresses:     []entitylist.Address{{City: "Cairo", Country: "EG"}},
		DatesOfBirth:  []string{"1976-06-23"},
		PlacesOfBirth: []string{"Cairo, Egypt"},
		Nationalities: []string{"EG"},
		Citizenships:  []string{"KE"},
		Remarks:       "a remark",
	})
	assert.Equal(t, "    address:  Cairo, EG\n"+
		"    born:     1976-06-23\n"+
		"    birthplace: Cairo, Egypt\n"+
		"    nationality: EG\n"+
		"    citizen of: KE\n"+
		"    remarks:  a remark\n", b.String())
}

// TestMatchTableSaysWhy: the text table says for each match how its score
// came about, the base and every check that moved it, to the places of
// the score, so that an analyst sees why without running explain, and
// that a score the checks took above 1 is capped; a match screened
// without explanations says "-".
func TestMatchTableSaysWhy(t *testing.T) {
	entry := &entitylist.Entry{ID: "1", Source: "SDN", Name: "AL-TIKRITI, Ali Saddam Hussein"}
	explained := screening.Match{Entry: entry, MatchedName: entry.Name, Score: 0.6083, Explanation: screening.Explanation{
		Query: screening.NameForm{Text: "Hussein Al-Tikriti"}, Base: 0.8143, Score: 0.6083,
		Checks: []screening.Check{{Name: "person", Factor: 0.7225}, {Name: "country", Effect: 0.02}, {Name: "legal-form", Effect: -0.02}},
	}}
	plain := screening.Match{Entry: entry, MatchedName: entry.Name, Score: 0.6083, Party: 1}
	capped := screening.Match{Entry: entry, MatchedName: entry.Name, Score: 1, Party: 2, Explanation: screening.Explanation{
		Query: screening.NameForm{Text: "Ali Saddam Hussein Al-Tikriti"}, Base: 1, Score: 1, Capped: true,
		Checks: []screening.Check{{Name: "country", Effect: 0.02}},
	}}
	var b bytes.Buffer
	writeMatchTable(&b, []screening.Match{explained, plain, capped})
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	require.Len(t, lines, 4)
	assert.True(t, strings.HasSuffix(lines[0], "WHY"), "header %q", lines[0])
	assert.True(t, strings.HasSuffix(lines[1], "words 0.8143, person x0.7225, country +0.02, legal-form -0.02"), "row %q", lines[1])
	assert.True(t, strings.HasSuffix(lines[2], "  -"), "row %q", lines[2])
	assert.True(t, strings.HasSuffix(lines[3], "words 1.0000, country +0.02, capped at 1"), "row %q", lines[3])
}

// TestTidyParts: an address or identifier as a list writes it, with empty
// parts between its commas, is shown without them, every other part kept
// as written, a comma within one included.
func TestTidyParts(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{", Shenzhen, , , CN", "Shenzhen, CN"},
		{"39A Leningradskoe Highway, Moscow, , 125212, RU", "39A Leningradskoe Highway, Moscow, 125212, RU"},
		{"Jebel Ali Free Zone, Dubai, , , AE", "Jebel Ali Free Zone, Dubai, AE"},
		{"1,000 Main St, , Columbus", "1,000 Main St, Columbus"},
		{"Room 5,Building 3", "Room 5,Building 3"},
		{" , ,", ""},
		{"", ""},
		{"Moscow", "Moscow"},
	} {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, tidyParts(tt.in))
		})
	}
}
