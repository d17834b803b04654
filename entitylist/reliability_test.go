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
	h, p := cslHeader([]string{"_id", "source", "name", "start_date"})+"\n", cslPad(4)
	misspelled := strings.Replace(h, "alt_names", "alt_name", 1)
	tests := []struct {
		name string
		in   string
		want error
		msg  string
	}{
		{"empty file", "", entitylist.ErrEmpty, "entitylist: in: no entries"},
		{"only blank lines", "\n\r\n\n", entitylist.ErrEmpty, "entitylist: in: no entries"},
		{"header only", h, entitylist.ErrEmpty, "entitylist: in: no entries"},
		{"missing required columns", cslHeader([]string{"source"}, "_id", "name") + "\nEL" + strings.Repeat(",", 26) + "\n", entitylist.ErrMissingColumn,
			`entitylist: in: 2 errors: line 1, field "_id": missing column; line 1, field "name": missing column`},
		{"misspelled column", misspelled + "a,EL,N," + p + "\n", entitylist.ErrMissingColumn,
			`entitylist: in: line 1, field "alt_names": missing column (unknown columns in the header: "alt_name")`},
		{"repeated column", strings.TrimSuffix(h, "\n") + ",Name\na,EL,N," + p + ",M\n", entitylist.ErrDuplicateColumn,
			`entitylist: in: line 1, field "name": duplicated column: columns 3 and 30`},
		{"duplicated header", h + h + "a,EL,N," + p + "\n", entitylist.ErrDuplicateHeader, "entitylist: in: line 2: duplicated header line"},
		{"too many fields", h + "a,EL,N,,extra" + p + "\n", entitylist.ErrFieldCount, "entitylist: in: line 2: wrong number of fields: 30 fields, the header has 29"},
		{"too few fields", h + "a,EL\nb,EL,N," + p + "\n", entitylist.ErrFieldCount, "entitylist: in: line 2: wrong number of fields: 2 fields, the header has 29"},
		{"bare quote", h + "a,EL,Bad \"quote\" Co," + p + "\n", entitylist.ErrSyntax, `entitylist: in: line 2, field "name": syntax error: bare " in non-quoted-field (column 10)`},
		{"unterminated quote mid-file", h + "a,EL,\"Open Name," + p + "\nb,EL,Other," + p + "\nc,EL,Third," + p + "\n", entitylist.ErrTruncated,
			`entitylist: in: line 2, field "name": truncated record: the input ends inside a quoted field`},
		{"cut-off last record", h + "a,EL,N," + p + "\nb,EL,Cut", entitylist.ErrTruncated,
			"entitylist: in: line 3: truncated record: 3 fields, the header has 29, and the input ends inside this record"},
		{"cut-off inside a quote", h + "a,EL,N," + p + "\nb,EL,\"Cut", entitylist.ErrTruncated,
			`entitylist: in: line 3, field "name": truncated record: the input ends inside a quoted field`},
		{"stray quote in the last record", h + "a,EL,N," + p + "\nb,EL,\"Cut\"x\"", entitylist.ErrSyntax,
			`entitylist: in: line 3, field "name": syntax error: extraneous or missing " in quoted-field (column 10)`},
		{"stray quote in the last record, CRLF", h + "a,EL,N," + p + "\r\nb,EL,\"Cut\"x\"" + p + "\r\n", entitylist.ErrSyntax,
			`entitylist: in: line 3, field "name": syntax error: extraneous or missing " in quoted-field (column 10)`},
		{"cut-off inside a quote after a newline", h + "a,EL,N," + p + "\nb,EL,\"Cut\r\n", entitylist.ErrTruncated,
			`entitylist: in: line 3, field "name": truncated record: the input ends inside a quoted field`},
		{"cut-off inside a quote at a CR", h + "a,EL,N," + p + "\nb,EL,\"Cut\r", entitylist.ErrTruncated,
			`entitylist: in: line 3, field "name": truncated record: the input ends inside a quoted field`},
		{"cut-off after an escaped quote", h + "a,EL,N," + p + "\nb,EL,\"Cut \"\"", entitylist.ErrTruncated,
			`entitylist: in: line 3, field "name": truncated record: the input ends inside a quoted field`},
		{"stray quote in a last record of several lines", h + "a,EL,N," + p + "\nb,EL,\"Cut\nx\"y" + p, entitylist.ErrSyntax,
			`entitylist: in: line 3, field "name": syntax error: extraneous or missing " in quoted-field (line 4, column 2)`},
		{"bare quote in the last record", h + "a,EL,N," + p + "\nb,EL,Bad\"Co", entitylist.ErrSyntax,
			`entitylist: in: line 3, field "name": syntax error: bare " in non-quoted-field (column 9)`},
		{"bare quote past the header's fields", h + "a,EL,N," + p + ",x\"y\n", entitylist.ErrSyntax,
			`entitylist: in: line 2, field "column 30": syntax error: bare " in non-quoted-field (column 35)`},
		{"name not UTF-8", h + "a,EL,Caf\xe9 Import," + p + "\n", entitylist.ErrInvalidUTF8,
			`entitylist: in: line 2, field "name": invalid UTF-8 (value "Caf\xe9 Import")`},
		{"alias not UTF-8", shortCSL("_id,source,name,alt_names", "a,EL,Cafe Import,Caf\xe9"), entitylist.ErrInvalidUTF8,
			`entitylist: in: line 2, field "alt_names": invalid UTF-8 (value "Caf\xe9")`},
		{"title not UTF-8", shortCSL("_id,source,name,title", "a,EL,Cafe Import,Direktor f\xfcr Export"), entitylist.ErrInvalidUTF8,
			`entitylist: in: line 2, field "title": invalid UTF-8 (value "Direktor f\xfcr Export")`},
		{"ignored column not UTF-8", strings.TrimSuffix(h, "\n") + ",notes\na,EL,Cafe Import," + p + ",Caf\xe9\n", entitylist.ErrInvalidUTF8,
			`entitylist: in: line 2, field "notes": invalid UTF-8 (value "Caf\xe9")`},
		{"header not UTF-8", strings.TrimSuffix(h, "\n") + ",not\xe9s\na,EL,Cafe Import," + p + ",x\n", entitylist.ErrInvalidUTF8,
			`entitylist: in: line 1, field "column 30": invalid UTF-8 (value "not\xe9s")`},
		{"in-house alias not UTF-8", "name,aliases\nCafe Import,Caf\xe9\n", entitylist.ErrInvalidUTF8,
			`entitylist: in: line 2, field "aliases": invalid UTF-8 (value "Caf\xe9")`},
		{"in-house notes not UTF-8", "name,notes\nCafe Import,Caf\xe9\n", entitylist.ErrInvalidUTF8,
			`entitylist: in: line 2, field "notes": invalid UTF-8 (value "Caf\xe9")`},
		{"in-house repeated column", "name,aliases,Aliases\nCafe Import,A,B\n", entitylist.ErrDuplicateColumn,
			`entitylist: in: line 1, field "aliases": duplicated column: columns 2 and 3`},
		{"JSON array", `[{"name":"x"}]`, entitylist.ErrNotCSL,
			`entitylist: in: line 1: not a Consolidated Screening List: the document is not an object with a "results" array`},
		{"JSON without results", `{"data":[{"name":"x"}]}`, entitylist.ErrNotCSL,
			`entitylist: in: line 1: not a Consolidated Screening List: no "results" array`},
		{"JSON results of another kind", `{"results":[{"company":"x"}]}`, entitylist.ErrNotCSL,
			`entitylist: in: line 1, field "results": not a Consolidated Screening List: no result has a "name" or "source"`},
		{"JSON cut off", "{\"results\":[\n{\"source\":\"EL\",\"name\":\"x\"", entitylist.ErrSyntax,
			`entitylist: in: line 2, field "results[0]": syntax error: unexpected end of input`},
		{"JSON second results array", "{\"results\":[{\"source\":\"EL\",\"name\":\"A\"}],\n\"results\":[{\"source\":\"EL\",\"name\":\"B\"}]}", entitylist.ErrDuplicateKey,
			`entitylist: in: line 2, field "results": duplicated key: a second "results" array; a reader would take only one of the two`},
		{"JSON name twice", "{\"results\":[\n{\"source\":\"EL\",\"name\":\"A\",\"name\":\"B\"}]}", entitylist.ErrDuplicateKey,
			`entitylist: in: line 2, field "results[0].name": duplicated key: the key appears twice in the object, and the first value would be ignored`},
		{"JSON misspelled key", "{\"results\":[\n{\"source\":\"EL\",\"name\":\"A\",\"alt_name\":[\"B\"]}]}", entitylist.ErrUnknownKey,
			`entitylist: in: line 2, field "results[0].alt_name": unknown key: not a key of the CSL format, perhaps a misspelled one`},
		{"JSON name not UTF-8", "{\"results\":[\n{\"source\":\"EL\",\"name\":\"Caf\xe9 Import\"}]}", entitylist.ErrInvalidUTF8,
			`entitylist: in: line 2, field "results[0].name": invalid UTF-8 (value "Caf\xe9 Import")`},
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
	pad := cslPad(3)
	in := "\xEF\xBB\xBF" + cslHeader([]string{"_id", "source", "name"}) + "\r\n" +
		"a,EL,\"Two\r\nLines Co\"" + pad + "\n" +
		"b,EL,Other Co" + pad + "\r\n" +
		"c,EL,Third Co" + pad + "\n" +
		"d,EL,Last Co" + pad // no final newline, but complete
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
	in := shortCSL("_id,source,name", "a,EL,First Co", "a,EL,Second Co", "b,EL,Other Co", "a,SDN,Third Co")
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
