package main

import (
	"encoding/csv"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/screening"
)

// readCSV reads every record of in through csvInput, with the row csvInput
// noted for each.
func readCSV(t *testing.T, in io.Reader) ([][]string, []csvRow, *csvInput, error) {
	t.Helper()
	ci := newCSVInput(in)
	r := csv.NewReader(ci)
	r.FieldsPerRecord = -1
	var recs [][]string
	var rows []csvRow
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return recs, rows, ci, nil
		}
		if err != nil {
			return recs, rows, ci, ci.fileError(err)
		}
		line, _ := r.FieldPos(0)
		recs = append(recs, rec)
		rows = append(rows, ci.row(line))
	}
}

func TestCSVInputLineEnds(t *testing.T) {
	tests := []struct {
		name  string
		input string
		recs  [][]string
		lines []int // line each record starts on
		empty int
	}{
		{"lone CR, old Mac", "name\rAcme\rKaspersky Lab\r", [][]string{{"name"}, {"Acme"}, {"Kaspersky Lab"}}, []int{1, 2, 3}, 0},
		{"lone CR, no final line end", "a,b\rc,d", [][]string{{"a", "b"}, {"c", "d"}}, []int{1, 2}, 0},
		{"CRLF is one line end", "a,b\r\nc,d\r\n", [][]string{{"a", "b"}, {"c", "d"}}, []int{1, 2}, 0},
		{"mixed", "a\r\nb\rc\nd", [][]string{{"a"}, {"b"}, {"c"}, {"d"}}, []int{1, 2, 3, 4}, 0},
		{"CR in quotes stays data", "n,x\r\"a\rb\",\"c\r\nd\"\re,f\r", [][]string{{"n", "x"}, {"a\rb", "c\nd"}, {"e", "f"}}, []int{1, 2, 4}, 0},
		{"CR after a quoted field ends the line", "\"a\"\r\"b\"\"c\"\r", [][]string{{"a"}, {"b\"c"}}, []int{1, 2}, 0},
		{"empty lines are counted", "\nn\n\n\r\n\ra\r\n,\n", [][]string{{"n"}, {"a"}, {"", ""}}, []int{2, 6, 7}, 4},
		{"quoted field at the end of the input", "a,\"b\"", [][]string{{"a", "b"}}, []int{1}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// One byte a read: line ends and quotes split between reads.
			for _, in := range []io.Reader{strings.NewReader(tt.input), iotest.OneByteReader(strings.NewReader(tt.input))} {
				recs, rows, ci, err := readCSV(t, in)
				require.NoError(t, err)
				assert.Equal(t, tt.recs, recs)
				require.Len(t, rows, len(tt.lines))
				for i, r := range rows {
					assert.Equal(t, tt.lines[i], r.line, "record %d", i+1)
					assert.Equal(t, -1, r.cutField)
					assert.False(t, r.cutRow)
				}
				assert.Equal(t, tt.empty, ci.empty)
			}
		})
	}
}

func TestCSVInputCuts(t *testing.T) {
	long := strings.Repeat("y", maxLine+100)
	multiLine := strings.Repeat("ab\n", maxLine/3+100) // more than maxLine bytes over many lines
	quotes := strings.Repeat("a", maxLine-1) + `""""` + "bc"
	tests := []struct {
		name     string
		input    string
		recs     [][]string // records, cut fields included
		cutField []int      // per record, -1 if none
		cutRow   []bool
		lines    []int
	}{
		{"unquoted field", "x," + long + ",z\nnext,1,2\n",
			[][]string{{"x", long[:maxLine], "z"}, {"next", "1", "2"}}, []int{1, -1}, []bool{false, false}, []int{1, 2}},
		{"quoted field over many lines", "h\n\"" + multiLine + "\"\nnext\n",
			[][]string{{"h"}, {multiLine[:maxLine]}, {"next"}}, []int{-1, 0, -1}, []bool{false, false, false}, []int{1, 2, 3 + strings.Count(multiLine, "\n")}},
		{"doubled quotes at the cut", "\"" + quotes + "\",z\nnext\n",
			[][]string{{strings.Repeat("a", maxLine-1) + `"`, "z"}, {"next"}}, []int{0, -1}, []bool{false, false}, []int{1, 2}},
		{"field of exactly maxLine bytes", long[:maxLine] + "\n", [][]string{{long[:maxLine]}}, []int{-1}, []bool{false}, []int{1}},
		{"row of many fields", strings.Repeat("\"n\",", maxRow/3) + "\"last\"\nnext\n",
			[][]string{nil, {"next"}}, []int{-1, -1}, []bool{true, false}, []int{1, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, rows, _, err := readCSV(t, strings.NewReader(tt.input))
			require.NoError(t, err, "a cut row stays valid CSV")
			require.Len(t, recs, len(tt.recs))
			for i := range recs {
				if tt.recs[i] != nil {
					assert.Equal(t, tt.recs[i], recs[i], "record %d", i+1)
				}
				assert.LessOrEqual(t, len(strings.Join(recs[i], ",")), maxRow+1, "record %d is bounded", i+1)
				assert.Equal(t, tt.cutField[i], rows[i].cutField, "record %d", i+1)
				assert.Equal(t, tt.cutRow[i], rows[i].cutRow, "record %d", i+1)
				assert.Equal(t, tt.lines[i], rows[i].line, "record %d", i+1)
			}
		})
	}
}

// TestCSVInputSyntaxErrorLine: a syntax error after a cut field that held
// line ends names the line of the input, not the line csv.Reader counted.
func TestCSVInputSyntaxErrorLine(t *testing.T) {
	in := "h\n\"" + strings.Repeat("a\n", maxLine) + "\"\nok\nbad\"quote\n"
	_, _, _, err := readCSV(t, strings.NewReader(in))
	var pe *csv.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, maxLine+4, pe.Line, "%v", err)
}

// TestCSVInputBOM: a UTF-8 byte order mark at the start of the input is
// dropped before csv.Reader reads it, so that a quoted first cell after it
// is read as quoted; anywhere else, or cut short, it is data. Lines are
// the input's, and the columns of a syntax error on the first line count
// the BOM's bytes, as the file holds them.
func TestCSVInputBOM(t *testing.T) {
	tests := []struct {
		name  string
		input string
		recs  [][]string
		lines []int
	}{
		{"quoted header", "\ufeff\"id\",\"name\"\r\n\"1\",\"Acme\"\r\n", [][]string{{"id", "name"}, {"1", "Acme"}}, []int{1, 2}},
		{"bare header", "\ufeffname\nAcme\n", [][]string{{"name"}, {"Acme"}}, []int{1, 2}},
		{"then empty lines", "\ufeff\n\nname\n", [][]string{{"name"}}, []int{3}},
		{"BOM only", "\ufeff", nil, nil},
		{"not at the start", "name\n\ufeffAcme\n", [][]string{{"name"}, {"\ufeffAcme"}}, []int{1, 2}},
		{"two BOMs, the second data", "\ufeff\ufeffname\n", [][]string{{"\ufeffname"}}, []int{1}},
		{"start of a BOM only", "\xef\xbbname\n", [][]string{{"\xef\xbbname"}}, []int{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, in := range []io.Reader{strings.NewReader(tt.input), iotest.OneByteReader(strings.NewReader(tt.input))} {
				recs, rows, _, err := readCSV(t, in)
				require.NoError(t, err)
				assert.Equal(t, tt.recs, recs)
				require.Len(t, rows, len(tt.lines))
				for i, r := range rows {
					assert.Equal(t, tt.lines[i], r.line, "record %d", i+1)
				}
			}
		})
	}

	t.Run("syntax errors", func(t *testing.T) {
		for _, tt := range []struct {
			input        string
			line, column int
		}{
			{"\ufeffid,na\"me\n", 1, 9}, // the quote is byte 9 of the file
			{"id,na\"me\n", 1, 6},
			{"\ufeffname\nok\nna\"me\n", 3, 3},
		} {
			_, _, _, err := readCSV(t, strings.NewReader(tt.input))
			var pe *csv.ParseError
			require.ErrorAs(t, err, &pe, "%q", tt.input)
			assert.Equal(t, tt.line, pe.Line, "%q", tt.input)
			assert.Equal(t, tt.column, pe.Column, "%q", tt.input)
		}
	})

	t.Run("a header typed without BOM is read at once", func(t *testing.T) {
		pr, pw := io.Pipe()
		defer pw.Close()
		go pw.Write([]byte("n\n"))
		done := make(chan *csvSource)
		go func() {
			src, err := newCSVSource(pr, "standard input", columns{name: "n"})
			assert.NoError(t, err)
			done <- src
		}()
		select {
		case src := <-done:
			require.NotNil(t, src)
			assert.Equal(t, []string{"n"}, src.header())
		case <-time.After(10 * time.Second):
			t.Fatal("the header of two bytes waits for more input")
		}
	})
}

// fill is an endless run of one byte, up to n bytes.
type fill struct {
	b byte
	n int64
}

func (f *fill) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), f.n)]
	for i := range p {
		p[i] = f.b
	}
	f.n -= int64(len(p))
	return len(p), nil
}

// TestCSVSourceOversizedMemory screens a 32 MiB field: it costs a small
// part of that in memory, the row is an error naming its line and column,
// and the next row is read.
func TestCSVSourceOversizedMemory(t *testing.T) {
	const size = 32 << 20
	for _, quoted := range []bool{false, true} {
		q := ""
		if quoted {
			q = `"`
		}
		in := io.MultiReader(strings.NewReader("id,name\n1,"+q), &fill{b: 'x', n: size}, strings.NewReader(q+"\n2,Acme\n"))
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		src, err := newCSVSource(in, "big.csv", columns{name: "name"})
		require.NoError(t, err)
		recs, err := drain(t, src)
		require.NoError(t, err)
		runtime.ReadMemStats(&after)
		assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(2<<20), "quoted %v: allocated for a %d-byte field", quoted, size)

		require.Len(t, recs, 2)
		assert.EqualError(t, recs[0].err, `line 2, column "name": longer than 65536 bytes: name too long`)
		assert.ErrorIs(t, recs[0].err, screening.ErrTooLong)
		assert.Len(t, recs[0].fields[1], maxLine, "the field is echoed cut")
		assert.Equal(t, "Acme", recs[1].query.Name)
		assert.NoError(t, recs[1].err)
	}
}

// FuzzCSVInput: csvInput never panics; it passes on the same bytes
// however its input and its output are split into reads; and on input
// without CR, within the limits, csv.Reader reads through it what it reads
// without it (and without a leading BOM), on the same lines, its errors at
// the same columns of the input.
func FuzzCSVInput(f *testing.F) {
	for _, s := range []string{"a,b\nc,d\n", "\ufeff\"a\",b\n", "\ufeffa\"b\n", "\ufeff", "\xef\xbb", "\"a\"\"b\",c\n\n\"x\ny\"\n", "a\rb\r\n\"c\rd\"\r", "a\"b\n", "\"a\"b\n", "\"abc", ",,\n,\n", "\"\"\"\"\n", "\"a\"\r\n\"\"\"\r"} {
		f.Add(s)
	}
	f.Fuzz(fuzzBody)
}

// fuzzBody is FuzzCSVInput on one input.
func fuzzBody(t *testing.T, in string) {
	whole, err := io.ReadAll(newCSVInput(strings.NewReader(in)))
	require.NoError(t, err)
	split, err := io.ReadAll(iotest.OneByteReader(newCSVInput(iotest.OneByteReader(strings.NewReader(in)))))
	require.NoError(t, err)
	require.Equal(t, string(whole), string(split), "byte by byte")

	got, rows, _, gotErr := readCSV(t, strings.NewReader(in))
	if strings.ContainsRune(in, '\r') || len(in) > maxLine {
		return // line ends changed, or fields cut
	}
	body, hasBOM := strings.CutPrefix(in, "\ufeff")
	r := csv.NewReader(strings.NewReader(body))
	r.FieldsPerRecord = -1
	var want [][]string
	var lines []int
	var wantErr error
	for {
		rec, err := r.Read()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && hasBOM && pe.Line == 1 {
				moved := *pe
				moved.Column += len(bom)
				err = &moved
			}
			if !errors.Is(err, io.EOF) {
				wantErr = err
			}
			break
		}
		line, _ := r.FieldPos(0)
		want, lines = append(want, rec), append(lines, line)
	}
	if (gotErr == nil) != (wantErr == nil) {
		t.Fatalf("error %v, csv.Reader alone: %v", gotErr, wantErr)
	}
	if gotErr != nil {
		if gotErr.Error() != wantErr.Error() {
			t.Fatalf("error %q, csv.Reader alone: %q", gotErr, wantErr)
		}
		return
	}
	assert.Equal(t, want, got)
	for i, row := range rows {
		assert.Equal(t, lines[i], row.line, "record %d", i+1)
	}
}
