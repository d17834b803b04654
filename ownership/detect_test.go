package ownership_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/ownership"
)

func TestDetectFormat(t *testing.T) {
	files := []struct {
		path string
		want ownership.Format
	}{
		{fixture("kaspersky.csv"), ownership.FormatCSV},
		{fixture("csv", "valid.csv"), ownership.FormatCSV},
		{fixture("csv", "malformed.csv"), ownership.FormatCSV},
		{fixture("csv", "missing-columns.csv"), ownership.FormatCSV},
		{fixture("ofac", "faq401-ex1-chain.csv"), ownership.FormatCSV},
		{fixture("gleif", "relationships.csv"), ownership.FormatGLEIFRelationships},
		{fixture("gleif", "relationships-bad.csv"), ownership.FormatGLEIFRelationships},
		{fixture("gleif", "entities.csv"), ownership.FormatGLEIFEntities},
		{fixture("psc", "snapshot.jsonl"), ownership.FormatPSC},
		{fixture("psc", "bad.jsonl"), ownership.FormatPSC},
		{fixture("ftm", "entities.jsonl"), ownership.FormatFtM},
		{fixture("ftm", "bad.jsonl"), ownership.FormatFtM},
		{fixture("list.json"), ownership.UnknownFormat},
	}
	for _, tt := range files {
		t.Run(tt.path, func(t *testing.T) {
			f, err := os.Open(tt.path)
			require.NoError(t, err)
			defer f.Close()
			got, err := ownership.DetectFormat(f)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got, "%s", got)
		})
	}

	texts := []struct {
		name, in string
		want     ownership.Format
	}{
		{"BOM, comments and an alias column", "\ufeff# a comment\n#another\nShareholder,Company,Percentage\nA,B,60\n", ownership.FormatCSV},
		{"GLEIF header in another case", "relationship.startnode.nodeid,x\n", ownership.FormatGLEIFRelationships},
		{"FtM array, pretty-printed", "[\n  {\n    \"id\": \"x\",\n    \"schema\": \"Company\"\n  }\n]\n", ownership.FormatFtM},
		{"FtM, schema after a large key", `{"properties": {"name": ["` + strings.Repeat("n", 1000) + `"]}, "schema": "Company", "id": "x"}`, ownership.FormatFtM},
		{"PSC totals line first", `{"data": {"kind": "totals#persons-of-significant-control-snapshot"}}`, ownership.FormatPSC},
		{"PSC after blank lines", "\n\n  {\"company_number\": \"1\"}\n", ownership.FormatPSC},
		{"CSL JSON list", `{"results": []}`, ownership.UnknownFormat},
		{"JSON array of numbers", `[1, 2]`, ownership.UnknownFormat},
		{"a list CSV", "_id,source,name\n1,SDN,X\n", ownership.UnknownFormat},
		{"comments only", "# nothing\n", ownership.UnknownFormat},
		{"empty", "", ownership.UnknownFormat},
		{"white space", " \n\t\n", ownership.UnknownFormat},
	}
	for _, tt := range texts {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ownership.DetectFormat(strings.NewReader(tt.in))
			require.NoError(t, err)
			assert.Equal(t, tt.want, got, "%s", got)
		})
	}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func TestDetectFormatReadsTheStartOnly(t *testing.T) {
	in := "owner,owned,percent\n" + strings.Repeat("A,B,60\n", 1<<18)
	r := &countingReader{r: strings.NewReader(in)}
	got, err := ownership.DetectFormat(r)
	require.NoError(t, err)
	assert.Equal(t, ownership.FormatCSV, got)
	assert.LessOrEqual(t, r.n, 64<<10, "at most the first 64 KiB of a %d-byte input", len(in))

	boom := errors.New("disk on fire")
	_, err = ownership.DetectFormat(io.MultiReader(strings.NewReader("owner,"), &failingReader{boom}))
	assert.ErrorIs(t, err, boom, "a read error is returned")
}

// failingReader fails every read with err.
type failingReader struct{ err error }

func (f *failingReader) Read([]byte) (int, error) { return 0, f.err }

// TestReadAny reads each fixture with ReadAny and with its own reader: the
// graphs and the errors must be the same.
func TestReadAny(t *testing.T) {
	readers := map[ownership.Format]func(*ownership.Graph, io.Reader, string) error{
		ownership.FormatCSV:                (*ownership.Graph).ReadCSV,
		ownership.FormatGLEIFRelationships: (*ownership.Graph).ReadGLEIF,
		ownership.FormatPSC:                (*ownership.Graph).ReadPSC,
		ownership.FormatFtM:                (*ownership.Graph).ReadFtM,
	}
	files := []struct {
		path   string
		format ownership.Format
	}{
		{fixture("kaspersky.csv"), ownership.FormatCSV},
		{fixture("csv", "valid.csv"), ownership.FormatCSV},
		{fixture("csv", "malformed.csv"), ownership.FormatCSV},
		{fixture("csv", "missing-columns.csv"), ownership.FormatCSV},
		{fixture("gleif", "relationships.csv"), ownership.FormatGLEIFRelationships},
		{fixture("gleif", "relationships-bad.csv"), ownership.FormatGLEIFRelationships},
		{fixture("psc", "snapshot.jsonl"), ownership.FormatPSC},
		{fixture("psc", "bad.jsonl"), ownership.FormatPSC},
		{fixture("ftm", "entities.jsonl"), ownership.FormatFtM},
		{fixture("ftm", "bad.jsonl"), ownership.FormatFtM},
	}
	for _, tt := range files {
		t.Run(tt.path, func(t *testing.T) {
			data, err := os.ReadFile(tt.path)
			require.NoError(t, err)
			want := ownership.NewGraph()
			wantErr := readers[tt.format](want, bytes.NewReader(data), "in")

			got := ownership.NewGraph()
			f, err := got.ReadAny(bytes.NewReader(data), "in")
			assert.Equal(t, tt.format, f)
			if wantErr == nil {
				assert.NoError(t, err)
			} else {
				assert.Equal(t, wantErr.Error(), err.Error())
			}
			assert.Equal(t, want.NumParties(), got.NumParties())
			assert.Equal(t, want.NumEdges(), got.NumEdges())
			assert.Equal(t, want.Incomplete(), got.Incomplete())
			assert.Equal(t, slices.Collect(want.Parties()), slices.Collect(got.Parties()))
		})
	}

	t.Run("GLEIF entities after the relationships", func(t *testing.T) {
		g := ownership.NewGraph()
		for _, p := range []string{fixture("gleif", "relationships.csv"), fixture("gleif", "entities.csv")} {
			f, err := os.Open(p)
			require.NoError(t, err)
			_, err = g.ReadAny(f, p)
			f.Close()
			require.NoError(t, err)
		}
		p, ok := g.Party(ownership.LEIPrefix + "5493NORTHWINDGMBH001")
		require.True(t, ok)
		assert.Equal(t, "Northwind Secure Software GmbH", p.Name, "the Level 1 file named the party")
	})

	t.Run("GLEIF entities alone", func(t *testing.T) {
		f, err := os.Open(fixture("gleif", "entities.csv"))
		require.NoError(t, err)
		defer f.Close()
		g := ownership.NewGraph()
		format, err := g.ReadAny(f, "entities.csv")
		assert.Equal(t, ownership.FormatGLEIFEntities, format)
		assert.ErrorIs(t, err, ownership.ErrNoParties)
	})
}

func TestReadAnyUnknown(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		message  string
	}{
		{"a list CSV after comments", "# a list, not ownership\n_id,source,name\n1,SDN,X\n", 2, `the header has none of the columns of an ownership CSV (owner, owned, percent), a GLEIF relationship file (Relationship.StartNode.NodeID) or a GLEIF entity file (LEI, Entity.LegalName): it has "_id", "source", "name"`},
		{"a CSL JSON list", "\n{\"results\": [], \"total\": 0}\n", 2, `a JSON record with keys "results", "total", not FollowTheMoney ("schema") or UK PSC ("company_number", "data")`},
		{"empty", "", 0, "empty input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := ownership.NewGraph()
			f, err := g.ReadAny(strings.NewReader(tt.in), "x.data")
			assert.Equal(t, ownership.UnknownFormat, f)
			require.ErrorIs(t, err, ownership.ErrUnknownFormat)
			var le *ownership.LoadError
			require.ErrorAs(t, err, &le)
			assert.Equal(t, "x.data", le.Origin)
			require.Len(t, le.Errs, 1)
			assert.Equal(t, tt.line, le.Errs[0].Line)
			assert.Contains(t, err.Error(), tt.message)
			assert.True(t, g.Incomplete(), "an input not read leaves the graph incomplete")
		})
	}
}

func TestFormatString(t *testing.T) {
	assert.Equal(t, "GLEIF entities", ownership.FormatGLEIFEntities.String())
	assert.Equal(t, "unknown", ownership.UnknownFormat.String())
	assert.Equal(t, "Format(99)", ownership.Format(99).String())
}

// FuzzReadAny: telling and reading any input never panics, an input whose
// format cannot be told always leaves the graph incomplete, and an error is
// valid UTF-8.
func FuzzReadAny(f *testing.F) {
	for _, s := range []string{"owner,owned,percent\nA,B,60\n", "{\"schema\":\"Company\",\"id\":\"x\"}\n", "[{\"data\":{}}]",
		"LEI,Entity.LegalName\nX,Y\n", "Relationship.StartNode.NodeID\n", "\xef\xbb\xbf#\n", "[", "{\"a\":"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		g := ownership.NewGraph()
		format, err := g.ReadAny(strings.NewReader(in), "fuzz")
		if format == ownership.UnknownFormat {
			assert.ErrorIs(t, err, ownership.ErrUnknownFormat)
			assert.True(t, g.Incomplete())
		}
		if err != nil {
			assert.True(t, g.Incomplete(), "an error marks the graph incomplete: %v", err)
			assert.True(t, utf8.ValidString(err.Error()), "the error is valid UTF-8: %q", err)
		}
	})
}
