package ownership_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/ownership"
)

// TestParseShare checks the forms of a share ParseShare reads and those it
// refuses, and how a share is written.
func TestParseShare(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want ownership.Share
		err  bool
	}{
		{"60", ownership.Exact(60), false},
		{"60%", ownership.Exact(60), false},
		{" 49.99 % ", ownership.Exact(49.99), false},
		{"60,5", ownership.Exact(60.5), false},
		{"0", ownership.Exact(0), false},
		{"100", ownership.Exact(100), false},
		{"25-50", ownership.Range(25, 50), false},
		{"25 - 50%", ownership.Range(25, 50), false},
		{"25–50", ownership.Range(25, 50), false},
		{"25 to 50", ownership.Range(25, 50), false},
		{">25", ownership.Range(25, 100), false},
		{"more than 25%", ownership.Range(25, 100), false},
		{">=50", ownership.Range(50, 100), false},
		{"<25", ownership.Range(0, 24.9999), false}, // the bound left out
		{"less than 50", ownership.Range(0, 49.9999), false},
		{"under 0.0001", ownership.Range(0, 0), false},
		{"<=25", ownership.Range(0, 25), false},
		{"at most 10", ownership.Range(0, 10), false},
		{"", ownership.UnknownShare(), false},
		{"unknown", ownership.UnknownShare(), false},
		{"?", ownership.UnknownShare(), false},
		{"N/A", ownership.UnknownShare(), false},
		{"120", ownership.Share{}, true},
		{"-5", ownership.Share{}, true},
		{"sixty", ownership.Share{}, true},
		{"60-40", ownership.Share{}, true},
		{"1e2", ownership.Share{}, true},
		{"NaN", ownership.Share{}, true},
		{"25-", ownership.Share{}, true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ownership.ParseShare(tc.in)
			if tc.err {
				require.Error(t, err)
				assert.ErrorIs(t, err, ownership.ErrBadShare)
				return
			}
			require.NoError(t, err)
			assert.InDelta(t, tc.want.Low, got.Low, 1e-9)
			assert.InDelta(t, tc.want.High, got.High, 1e-9)
		})
	}
	assert.Equal(t, "unknown (0-100%)", ownership.UnknownShare().String())
	assert.Equal(t, "25-50%", ownership.Range(25, 50).String())
	assert.Equal(t, "49.99%", ownership.Exact(49.99).String())
	// To a ten-thousandth of a percent, as shares are computed: a finer
	// share is the range of the units around it, never rounded up to 50%.
	assert.Equal(t, "49.9999-50%", ownership.Exact(49.99996).String())
	assert.False(t, ownership.Exact(49.99996).Known())
	assert.Equal(t, "25.29%", ownership.Exact(25.29).String(), "floating-point noise is no finer share")
	assert.True(t, ownership.Exact(25.29).Known())
}

func TestReadCSVValid(t *testing.T) {
	g := ownership.NewGraph()
	readFile(t, g, csvReader, fixture("csv", "valid.csv"))
	assert.False(t, g.Incomplete())
	assert.Equal(t, 6, g.NumEdges())

	edges := slices.Collect(g.Edges())
	type want struct {
		owner, owned string
		share        ownership.Share
		kind         ownership.EdgeKind
		line         int
	}
	for i, w := range []want{
		{"Orion Sanctioned Holdings", "Sirius Retail GmbH", ownership.Exact(60.5), ownership.Ownership, 3},
		{"Canopus Partners LLP", "Sirius Retail GmbH", ownership.Range(25, 50), ownership.Ownership, 4},
		{"Sirius Retail GmbH", "CAP-1", ownership.Range(25, 100), ownership.Ownership, 5},
		{"Altair Microelectronics Institute", "CAP-1", ownership.UnknownShare(), ownership.Consolidation, 6},
		{"Capella Trading Ltd", "Mira Foods, S.A.", ownership.Exact(100), ownership.Branch, 7},
		{"Orion Sanctioned Holdings", "Mira Foods S.A.", ownership.UnknownShare(), ownership.Control, 8},
	} {
		e := edges[i]
		assert.Equal(t, w.owner, e.Owner, "edge %d owner", i)
		assert.Equal(t, w.owned, e.Owned, "edge %d owned", i)
		assert.Equal(t, w.share, e.Share, "edge %d share", i)
		assert.Equal(t, w.kind, e.Kind, "edge %d kind", i)
		assert.Equal(t, ownership.Record{Origin: "valid.csv", Line: w.line}, e.Record, "edge %d record", i)
	}
	assert.Equal(t, date("2025-06-30"), edges[0].AsOf)

	orion, ok := g.Party("orion sanctioned  HOLDINGS")
	require.True(t, ok, "a party named only by name is found in any case and spacing")
	assert.Equal(t, "RU", orion.Country, "Russia read as RU")
	assert.Equal(t, []ownership.ListRef{{Source: entitylist.SpeciallyDesignated, ID: "1001"}}, orion.ListRefs)
	cap1, ok := g.Party("CAP-1")
	require.True(t, ok)
	assert.Equal(t, "Capella Trading Ltd", cap1.Name, "a party with an id keeps its name")
	assert.Equal(t, "GB", cap1.Country)

	notes, total := g.Notes()
	require.Equal(t, 1, total)
	assert.Equal(t, "valid.csv line 2: columns ignored: \"comment\"", notes[0].String())
}

func TestReadCSVMalformed(t *testing.T) {
	g := ownership.NewGraph()
	f, err := os.Open(fixture("csv", "malformed.csv"))
	require.NoError(t, err)
	defer f.Close()
	err = g.ReadCSV(f, "malformed.csv")
	require.Error(t, err)
	var le *ownership.LoadError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, "malformed.csv", le.Origin)
	type want struct {
		line  int
		field string
		err   error
	}
	wants := []want{
		{2, "percent", ownership.ErrBadShare},
		{3, "percent", ownership.ErrBadShare},
		{4, "owner_country", ownership.ErrBadCountry},
		{5, "owner_list_id", ownership.ErrBadListID},
		{6, "as_of", ownership.ErrBadDate},
		{7, "kind", ownership.ErrBadKind},
		{8, "owner", ownership.ErrEmptyParty},
		{9, "", ownership.ErrFieldCount},
		{10, "percent", ownership.ErrBadShare},
	}
	require.Len(t, le.Errs, len(wants), "%v", err)
	for i, w := range wants {
		pe := le.Errs[i]
		assert.Equal(t, w.line, pe.Line, "error %d: %v", i, pe)
		assert.Equal(t, w.field, pe.Field, "error %d: %v", i, pe)
		assert.ErrorIs(t, pe, w.err, "error %d", i)
	}
	assert.ErrorIs(t, err, ownership.ErrBadShare)
	assert.Contains(t, err.Error(), `ownership: malformed.csv: 9 errors: line 2, field "percent": bad share`)
	assert.Contains(t, err.Error(), `line 3, field "percent": bad share: 120% is outside 0-100% (value "120")`)

	// The good row is read; the graph is marked incomplete, and Evaluate
	// refuses it.
	assert.Equal(t, 1, g.NumEdges())
	assert.True(t, g.Incomplete())
	s := screener(t, testList(t))
	res, err := ownership.Resolve(t.Context(), g, s, ownership.ResolveOptions{})
	require.NoError(t, err)
	_, err = res.Evaluate(ownership.Options{})
	assert.ErrorIs(t, err, ownership.ErrIncomplete)
}

func TestReadCSVHeaderProblems(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		err      error
		msg      string
	}{
		{"missing columns", "", ownership.ErrMissingColumn, "no header line"},
		{"misspelled", "", ownership.ErrMissingColumn, `missing column: percent (the header has unknown columns "percnt")`},
		{"duplicated", "owner,owned,percent,Percent\n", ownership.ErrDuplicateColumn, `line 1, field "Percent": duplicated column`},
		{"only a header", "owner,owned,percent\n", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			if tc.name == "misspelled" {
				b, err := os.ReadFile(fixture("csv", "missing-columns.csv"))
				require.NoError(t, err)
				in = string(b)
			}
			g := ownership.NewGraph()
			err := g.ReadCSV(strings.NewReader(in), "in.csv")
			if tc.err == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tc.err)
			assert.Contains(t, err.Error(), tc.msg)
		})
	}
}

// TestReadCSVHeaderInvalidUTF8 checks that the unknown columns of a header
// not in valid UTF-8 are quoted, in the error of a missing column and in
// the note of the columns ignored, so that neither holds invalid UTF-8.
func TestReadCSVHeaderInvalidUTF8(t *testing.T) {
	g := ownership.NewGraph()
	err := g.ReadCSV(strings.NewReader("owner,own\xffed,percent\n"), "latin1.csv")
	assert.ErrorIs(t, err, ownership.ErrMissingColumn)
	assert.True(t, utf8.ValidString(err.Error()), "%q", err)
	assert.Contains(t, err.Error(), `missing column: owned (the header has unknown columns "own\xffed")`)

	g = ownership.NewGraph()
	require.NoError(t, g.ReadCSV(strings.NewReader("owner,owned,percent,n\xf6te,x\nA,B,60,,\n"), "latin1.csv"))
	notes, total := g.Notes()
	require.Equal(t, 1, total)
	assert.Equal(t, `latin1.csv line 1: columns ignored: "n\xf6te", "x"`, notes[0].String())

	g = ownership.NewGraph()
	err = g.ReadCSV(strings.NewReader("owner,owned,a,b,c,d,e,f,g,h,i,j,k,l\n"), "many.csv")
	assert.ErrorContains(t, err, `"i", "j", and 2 more)`, "at most 10 named")
}

func TestReadCSVInvalidUTF8(t *testing.T) {
	g := ownership.NewGraph()
	err := g.ReadCSV(strings.NewReader("owner,owned,percent\nOrion \xff,Sirius,60\n"), "latin1.csv")
	assert.ErrorIs(t, err, ownership.ErrInvalidUTF8)
	assert.Contains(t, err.Error(), `line 2, field "owner": invalid UTF-8`)
}

func TestAddEdgeChecks(t *testing.T) {
	g := ownership.NewGraph()
	assert.ErrorIs(t, g.AddEdge(ownership.Edge{Owner: "A", Owned: "B", Share: ownership.Exact(120)}), ownership.ErrBadShare)
	assert.ErrorIs(t, g.AddEdge(ownership.Edge{Owner: "A", Owned: "B", Share: ownership.Range(60, 40)}), ownership.ErrBadShare)
	assert.ErrorIs(t, g.AddEdge(ownership.Edge{Owner: "", Owned: "B", Share: ownership.Exact(10)}), ownership.ErrEmptyParty)
	assert.ErrorIs(t, g.AddEdge(ownership.Edge{Owner: "A", Owned: "B", Share: ownership.Exact(10), Start: date("2024-01-01"), End: date("2023-01-01")}), ownership.ErrBadDate)
	_, err := g.AddParty(ownership.Party{})
	assert.ErrorIs(t, err, ownership.ErrEmptyParty)
	assert.Zero(t, g.NumEdges())
}

// A read error mid-stream is returned and marks the graph incomplete, in
// every reader.
func TestReadErrorMarksIncomplete(t *testing.T) {
	boom := errors.New("disk on fire")
	for name, tc := range map[string]struct {
		head string
		read func(*ownership.Graph, io.Reader) error
	}{
		"csv":   {"owner,owned,percent\nA,B,60\n", func(g *ownership.Graph, r io.Reader) error { return g.ReadCSV(r, "in") }},
		"gleif": {"Relationship.StartNode.NodeID,Relationship.EndNode.NodeID,Relationship.RelationshipType\nA,B,IS_DIRECTLY_CONSOLIDATED_BY\n", func(g *ownership.Graph, r io.Reader) error { return g.ReadGLEIF(r, "in") }},
		"psc":   {"{\"data\": {\"kind\": \"totals#x\"}}\n", func(g *ownership.Graph, r io.Reader) error { return g.ReadPSC(r, "in") }},
		"ftm":   {"{\"id\": \"a\", \"schema\": \"Company\", \"properties\": {\"name\": [\"A\"]}}\n", func(g *ownership.Graph, r io.Reader) error { return g.ReadFtM(r, "in") }},
	} {
		t.Run(name, func(t *testing.T) {
			g := ownership.NewGraph()
			err := tc.read(g, io.MultiReader(strings.NewReader(tc.head), iotest.ErrReader(boom)))
			assert.ErrorIs(t, err, boom)
			assert.True(t, g.Incomplete())
		})
	}
}

// A line that begins with "#" is a comment, but one that has the header's
// fields may be a row whose owner's name begins with "#": it is skipped
// with a note, not silently. A quoted name, and a line of a quoted field,
// that begin with "#" are read as data.
func TestReadCSVCommentsThatLookLikeRows(t *testing.T) {
	in := "owner,owned,percent\n" +
		"# stakes as of June\n" +
		"#1 Holdings,Target Ltd,60\n" +
		"\"#2 Holdings\",Target Ltd,10\n" +
		"Acme,\"Multi\n#line, field\",5\n" +
		"#, a note, with commas\n" +
		"# a last comment, with, its commas"
	g := ownership.NewGraph()
	require.NoError(t, g.ReadCSV(strings.NewReader(in), "in.csv"))
	var got []string
	for e := range g.Edges() {
		got = append(got, fmt.Sprintf("%s -> %s (line %d)", e.Owner, e.Owned, e.Record.Line))
	}
	assert.Equal(t, []string{"#2 Holdings -> Target Ltd (line 4)", "Acme -> Multi #line, field (line 5)"}, got)
	notes, total := g.Notes()
	require.Equal(t, 3, total, "%v", notes)
	for i, line := range []int{3, 7, 8} {
		assert.Equal(t, fmt.Sprintf(`in.csv line %d: skipped as a comment, as it begins with "#", though it has the header's 3 fields: quote a name that begins with "#"`, line), notes[i].String())
	}
}
