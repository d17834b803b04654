package entitylist_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

// TestReadBadListMessages pins the exact message every kind of damaged list
// gets through Read (format detection included): a sentinel for errors.Is,
// the line, the field, and no list.
func TestReadBadListMessages(t *testing.T) {
	const h = "_id,source,name,start_date\n"
	tests := []struct {
		name string
		in   string
		want error
		msg  string
	}{
		{"empty file", "", entitylist.ErrEmpty, "entitylist: in: no entries"},
		{"only blank lines", "\n\r\n\n", entitylist.ErrEmpty, "entitylist: in: no entries"},
		{"header only", h, entitylist.ErrEmpty, "entitylist: in: no entries"},
		{"missing required columns", "source,title\nEL,x\n", entitylist.ErrMissingColumn,
			`entitylist: in: 2 errors: line 1, field "_id": missing column; line 1, field "name": missing column`},
		{"duplicated header", h + h + "a,EL,N,\n", entitylist.ErrDuplicateHeader, "entitylist: in: line 2: duplicated header line"},
		{"too many fields", h + "a,EL,N,,extra\n", entitylist.ErrFieldCount, "entitylist: in: line 2: wrong number of fields: 5 fields, the header has 4"},
		{"too few fields", h + "a,EL\nb,EL,N,\n", entitylist.ErrFieldCount, "entitylist: in: line 2: wrong number of fields: 2 fields, the header has 4"},
		{"bare quote", h + "a,EL,Bad \"quote\" Co,\n", entitylist.ErrSyntax, `entitylist: in: line 2: syntax error: bare " in non-quoted-field`},
		{"unterminated quote mid-file", h + "a,EL,\"Open Name,\nb,EL,Other,\nc,EL,Third,\n", entitylist.ErrTruncated,
			"entitylist: in: line 2: truncated record: the input ends inside a quoted field"},
		{"cut-off last record", h + "a,EL,N,\nb,EL,Cut", entitylist.ErrTruncated,
			"entitylist: in: line 3: truncated record: 3 fields, the header has 4, and the input ends inside this record"},
		{"cut-off inside a quote", h + "a,EL,N,\nb,EL,\"Cut", entitylist.ErrTruncated,
			"entitylist: in: line 3: truncated record: the input ends inside a quoted field"},
		{"name not UTF-8", h + "a,EL,Caf\xe9 Import,\n", entitylist.ErrInvalidUTF8,
			`entitylist: in: line 2, field "name": invalid UTF-8 (value "Caf\xe9 Import")`},
		{"alias not UTF-8", "_id,source,name,alt_names\na,EL,Cafe Import,Caf\xe9\n", entitylist.ErrInvalidUTF8,
			`entitylist: in: line 2, field "alt_names": invalid UTF-8 (value "Caf\xe9")`},
		{"in-house alias not UTF-8", "name,aliases\nCafe Import,Caf\xe9\n", entitylist.ErrInvalidUTF8,
			`entitylist: in: line 2, field "aliases": invalid UTF-8 (value "Caf\xe9")`},
		{"JSON array", `[{"name":"x"}]`, entitylist.ErrNotCSL,
			`entitylist: in: line 1: not a Consolidated Screening List: the document is not an object with a "results" array`},
		{"JSON without results", `{"data":[{"name":"x"}]}`, entitylist.ErrNotCSL,
			`entitylist: in: line 1: not a Consolidated Screening List: no "results" array`},
		{"JSON results of another kind", `{"results":[{"company":"x"}]}`, entitylist.ErrNotCSL,
			`entitylist: in: line 1, field "results": not a Consolidated Screening List: no result has a "name" or "source"`},
		{"JSON cut off", "{\"results\":[\n{\"source\":\"EL\",\"name\":\"x\"", entitylist.ErrSyntax,
			"entitylist: in: line 2: syntax error: unexpected end of input"},
		{"CSV of something else", "vendor,city\nAcme,Paris\n", entitylist.ErrUnknownFormat, "entitylist: in: line 1: unknown list format"},
		{"binary", "\x00\x01\x02\xff\xfe", entitylist.ErrUnknownFormat, "entitylist: in: line 1: unknown list format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := entitylist.Read(strings.NewReader(tt.in), "in")
			assert.Nil(t, l, "no list on error")
			require.ErrorIs(t, err, tt.want)
			var le *entitylist.LoadError
			assert.True(t, errors.As(err, &le), "a *LoadError")
			assert.Equal(t, tt.msg, err.Error())
		})
	}
}

// TestReadCSVMixedLineEnds: CRLF and LF mixed in one file, a BOM, and CRLF
// inside a quoted field: every row loads, with the line it starts on.
func TestReadCSVMixedLineEnds(t *testing.T) {
	in := "\xEF\xBB\xBF_id,source,name\r\n" +
		"a,EL,\"Two\r\nLines Co\"\n" +
		"b,EL,Other Co\r\n" +
		"c,EL,Third Co\n" +
		"d,EL,Last Co" // no final newline, but complete
	l, err := entitylist.Read(strings.NewReader(in), "mixed.csv")
	require.NoError(t, err)
	require.Equal(t, 4, l.Len())
	var got []string
	var lines []int
	for _, e := range l.All() {
		got = append(got, e.ID+":"+e.Name)
		lines = append(lines, e.Line)
	}
	assert.Equal(t, []string{"a:Two Lines Co", "b:Other Co", "c:Third Co", "d:Last Co"}, got)
	assert.Equal(t, []int{2, 4, 5, 6}, lines)
	assert.Equal(t, entitylist.FormatCSV, l.Version().Format)
}

// TestReadDuplicateIDs: rows with the same _id all load; each repeat is a
// warning naming the line of the first.
func TestReadDuplicateIDs(t *testing.T) {
	in := "_id,source,name\na,EL,First Co\na,EL,Second Co\nb,EL,Other Co\na,SDN,Third Co\n"
	l, err := entitylist.ReadCSV(strings.NewReader(in), "dup.csv")
	require.NoError(t, err)
	assert.Equal(t, 4, l.Len(), "no row dropped")
	var dups []string
	for _, w := range l.Warnings() {
		if w.Field == "_id" {
			dups = append(dups, w.String())
		}
	}
	assert.Equal(t, []string{
		`line 3, field "_id": duplicate of the entry on line 2 (value "a")`,
		`line 5, field "_id": duplicate of the entry on line 2 (value "a")`,
	}, dups)
}
