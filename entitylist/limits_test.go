package entitylist_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

// genReader produces head, then body repeated until size bytes in all,
// then tail, without holding more than one copy of each; it counts what it
// hands out, so that a test can tell how much of the input a loader read.
type genReader struct {
	head, body, tail []byte
	size             int64
	n                int64 // bytes handed out
}

func (g *genReader) Read(p []byte) (int, error) {
	total := 0
	for len(p) > 0 {
		var src []byte
		switch bodyEnd := max(g.size, int64(len(g.head))); {
		case g.n < int64(len(g.head)):
			src = g.head[g.n:]
		case g.n < bodyEnd:
			off := (g.n - int64(len(g.head))) % int64(len(g.body))
			src = g.body[off:min(int64(len(g.body)), off+bodyEnd-g.n)]
		case g.n < bodyEnd+int64(len(g.tail)):
			src = g.tail[g.n-bodyEnd:]
		default:
			if total == 0 {
				return 0, io.EOF
			}
			return total, nil
		}
		k := copy(p, src)
		p = p[k:]
		g.n += int64(k)
		total += k
	}
	return total, nil
}

// readSlack bounds what a loader reads past a bound before it fails: the
// buffer of its reader.
const readSlack = 128 << 10

// TestFieldSizeLimit: a field of MaxFieldSize bytes loads, one byte more
// is an error naming the line and the field, in every format.
func TestFieldSizeLimit(t *testing.T) {
	csvList := func(notes string) string {
		return cslHeader([]string{"_id", "source", "name", "remarks"}) + "\nx,EL,Acme Ltd.,\"" + notes + "\"" + cslPad(4) + "\n"
	}
	tests := []struct {
		name  string
		read  func(io.Reader, string) (*entitylist.List, error)
		list  func(string) string
		line  int
		field string
	}{
		{"csv", entitylist.ReadCSV, csvList, 2, "remarks"},
		{"inhouse", entitylist.ReadInHouse, func(notes string) string { return "name,notes\nAcme Ltd.,\"" + notes + "\"\n" }, 2, "notes"},
		{"json", entitylist.ReadJSON, func(notes string) string {
			return "{\"results\": [\n{\"source\": \"EL\", \"name\": \"Acme Ltd.\", \"remarks\": " + notes + "}]}"
		}, 2, "results[0].remarks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			size := entitylist.MaxFieldSize
			if tt.name == "json" {
				size -= 2 // the quotes count: the value as written
			}
			value := strings.Repeat("n", size)
			if tt.name == "json" {
				value = `"` + value + `"`
			}
			l, err := tt.read(strings.NewReader(tt.list(value)), "t")
			require.NoError(t, err)
			assert.Len(t, l.Entry(0).Remarks, size, "a field of MaxFieldSize bytes")

			_, err = tt.read(strings.NewReader(tt.list(strings.Replace(value, "n", "nn", 1))), "t")
			require.ErrorIs(t, err, entitylist.ErrTooLong)
			errs := loadErrors(t, err)
			require.Len(t, errs, 1)
			assert.Equal(t, tt.line, errs[0].Line)
			assert.Equal(t, tt.field, errs[0].Field)
			assert.Contains(t, err.Error(), fmt.Sprintf("too long: %d bytes, more than %d (MaxFieldSize)", entitylist.MaxFieldSize+1, entitylist.MaxFieldSize))
		})
	}
}

// TestRecordSizeLimit: a CSV record of MaxRecordSize bytes, its line end
// included, loads; one byte more is an error naming its line.
func TestRecordSizeLimit(t *testing.T) {
	header := cslHeader([]string{"_id", "source", "name"}) + ",a,b,c,d\n"
	record := func(size int) string {
		start := "x,EL,Acme Ltd." + cslPad(3) + ","
		field := strings.Repeat("f", entitylist.MaxFieldSize)
		last := size - len(start) - 3*(len(field)+1) - 1 // the line end
		require.LessOrEqual(t, last, entitylist.MaxFieldSize)
		return start + strings.Repeat(field+",", 3) + strings.Repeat("f", last) + "\n"
	}
	first := "y,EL,Other Ltd." + cslPad(3) + ",,,,\n"
	l, err := entitylist.ReadCSV(strings.NewReader(header+first+record(entitylist.MaxRecordSize)), "t")
	require.NoError(t, err)
	assert.Equal(t, 2, l.Len())

	_, err = entitylist.ReadCSV(strings.NewReader(header+first+record(entitylist.MaxRecordSize+1)), "t")
	require.ErrorIs(t, err, entitylist.ErrTooLong)
	errs := loadErrors(t, err)
	require.Len(t, errs, 1)
	assert.Equal(t, 3, errs[0].Line)
	assert.Equal(t, fmt.Sprintf("entitylist: t: line 3: too long: the record is %d bytes, more than %d (MaxRecordSize)", entitylist.MaxRecordSize+1, entitylist.MaxRecordSize), err.Error())
}

// TestHugeLineNotReadWhole: a list holding one line of 64 MiB fails with
// ErrTooLong at the line where the record starts, having read little more
// than MaxRecordSize of it, in every format, header line included.
func TestHugeLineNotReadWhole(t *testing.T) {
	const huge = 64 << 20
	tests := []struct {
		name string
		read func(io.Reader, string) (*entitylist.List, error)
		head string
		line int
	}{
		{"csv", entitylist.ReadCSV, shortCSL("_id,source,name", "a,EL,First Ltd.", "b,EL,Second Ltd.") + "c,EL,\"", 4},
		{"csv header", entitylist.ReadCSV, "_id,source,name,", 1},
		{"csv quoted newlines", entitylist.ReadCSV, shortCSL("_id,source,name", "a,EL,\"Two\nLines Ltd.\"") + "c,EL,\"\n\n", 4},
		{"inhouse", entitylist.ReadInHouse, "name,notes\nFirst Ltd.,\nSecond Ltd.,", 3},
		{"json", entitylist.ReadJSON, "{\"results\": [\n  {\"source\": \"EL\", \"name\": \"First Ltd.\"},\n  {\"source\": \"EL\", \"name\": \"", 3},
		{"json other key", entitylist.ReadJSON, "{\"total\": 3,\n\"sources_used\":\n\n  \"", 4},
		{"read detects csv", entitylist.Read, shortCSL("_id,source,name", "a,EL,First Ltd.") + "c,EL,\"", 3},
		{"read detects json", entitylist.Read, "{\"results\": [\n  {\"source\": \"EL\", \"name\": \"", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &genReader{head: []byte(tt.head), body: []byte("abcdefgh"), size: huge}
			l, err := tt.read(g, "huge")
			assert.Nil(t, l)
			require.ErrorIs(t, err, entitylist.ErrTooLong)
			errs := loadErrors(t, err)
			require.NotEmpty(t, errs)
			last := errs[len(errs)-1]
			assert.Equal(t, tt.line, last.Line, "the line where the record starts: %v", err)
			assert.Contains(t, err.Error(), fmt.Sprintf("too long: the record exceeds %d bytes (MaxRecordSize)", entitylist.MaxRecordSize))
			assert.Less(t, g.n, int64(len(tt.head))+entitylist.MaxRecordSize+readSlack, "read no further than the bound")
		})
	}
}

// TestListSizeLimit: an input over MaxListSize, made of good rows, fails
// with ErrTooLarge, having read little more than MaxListSize; an input
// just under it loads.
func TestListSizeLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 128 MiB lists")
	}
	// Rows of about 200 KB, the bulk in a column the loader does not keep.
	filler := strings.Repeat("lorem ipsum ", 200<<10/12)
	csvHead := cslHeader([]string{"_id", "source", "name"}) + ",comment\n"
	csvRow := "x,EL,Acme Ltd." + cslPad(3) + "," + filler + "\n"
	jsonHead := "{\"results\": [{\"source\": \"EL\", \"name\": \"Acme Ltd.\"}],\n"
	jsonRow := "\"comment\": \"" + filler + "\",\n"
	tests := []struct {
		name       string
		read       func(io.Reader, string) (*entitylist.List, error)
		head, body string
		tail       string
	}{
		{"csv", entitylist.ReadCSV, csvHead, csvRow, ""},
		{"inhouse", entitylist.ReadInHouse, "name,comment\n", "Acme Ltd.," + filler + "\n", ""},
		{"json", entitylist.ReadJSON, jsonHead, jsonRow, "\"total\": 1}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := (entitylist.MaxListSize - len(tt.head) - len(tt.tail)) / len(tt.body)
			g := &genReader{head: []byte(tt.head), body: []byte(tt.body), tail: []byte(tt.tail), size: int64(len(tt.head) + rows*len(tt.body))}
			l, err := tt.read(g, "big")
			require.NoError(t, err, "just under MaxListSize")
			assert.Positive(t, l.Len())

			g = &genReader{head: []byte(tt.head), body: []byte(tt.body), tail: []byte(tt.tail), size: entitylist.MaxListSize + int64(len(tt.body))}
			l, err = tt.read(g, "big")
			assert.Nil(t, l)
			require.ErrorIs(t, err, entitylist.ErrTooLarge)
			assert.Contains(t, err.Error(), fmt.Sprintf("list too large: the input exceeds %d bytes (MaxListSize)", entitylist.MaxListSize))
			assert.LessOrEqual(t, g.n, int64(entitylist.MaxListSize+1), "read one byte past the bound at most")
		})
	}
}

// TestLimitErrorsKeepEarlierProblems: the errors found before a bound was
// reached are reported with it.
func TestLimitErrorsKeepEarlierProblems(t *testing.T) {
	head := shortCSL("_id,source,name", "a,EL,") + "b,EL,\""
	g := &genReader{head: []byte(head), body: []byte("x"), size: 4 << 20}
	_, err := entitylist.ReadCSV(g, "t")
	errs := loadErrors(t, err)
	require.Len(t, errs, 2)
	assert.ErrorIs(t, errs[0], entitylist.ErrEmptyName)
	assert.ErrorIs(t, errs[1], entitylist.ErrTooLong)
	assert.True(t, errors.Is(err, entitylist.ErrEmptyName) && errors.Is(err, entitylist.ErrTooLong))
}

func TestGenReader(t *testing.T) {
	g := &genReader{head: []byte("HEAD:"), body: []byte("ab"), tail: []byte(":T"), size: 10}
	got, err := io.ReadAll(g)
	require.NoError(t, err)
	assert.Equal(t, "HEAD:ababa:T", string(got))
	assert.Equal(t, int64(len(got)), g.n)
	assert.True(t, bytes.HasPrefix(got, g.head))
}
