package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/screening"
)

// drain reads every record of src, stopping at the first error.
func drain(t *testing.T, src source) ([]record, error) {
	t.Helper()
	var recs []record
	for {
		r, err := src.next()
		if errors.Is(err, io.EOF) {
			return recs, nil
		}
		if err != nil {
			return recs, err
		}
		recs = append(recs, r)
	}
}

func TestLineSource(t *testing.T) {
	long := strings.Repeat("x", maxLine+10)
	tests := []struct {
		name    string
		input   string
		names   []string
		lines   []int // line of each record; nil: 1, 2, 3...
		long    []int // 1-based lines that are too long
		skipped int   // blank lines skipped
	}{
		{"plain", "a\nb\n", []string{"a", "b"}, nil, nil, 0},
		{"no final newline", "a\nb", []string{"a", "b"}, nil, nil, 0},
		{"CRLF", "a\r\nb\r\n", []string{"a", "b"}, nil, nil, 0},
		{"lone CR, old Mac", "a\rb\rc\r", []string{"a", "b", "c"}, nil, nil, 0},
		{"lone CR, no final line end", "a\rb", []string{"a", "b"}, nil, nil, 0},
		{"mixed line ends", "a\r\nb\rc\n\r\nd", []string{"a", "b", "c", "d"}, []int{1, 2, 3, 5}, nil, 1},
		{"CR CR is an empty line", "a\r\rb\r", []string{"a", "b"}, []int{1, 3}, nil, 1},
		{"blank lines are skipped and counted", "a\n\n  \n\t\u00a0\nb\n", []string{"a", "b"}, []int{1, 5}, nil, 3},
		{"blank lines only", "\n \r\n\r", nil, nil, nil, 3},
		{"empty input", "", nil, nil, nil, 0},
		{"too long line is cut and flagged", "a\n" + long + "\nb\n", []string{"a", long[:maxLine], "b"}, nil, []int{2}, 0},
		{"too long line ended by CR", long + "\rb", []string{long[:maxLine], "b"}, nil, []int{1}, 0},
		{"invalid UTF-8 kept as is", "a\xffb\n", []string{"a\xffb"}, nil, nil, 0},
		// A byte order mark at the start (Notepad's UTF-8) is no part of
		// the first name, as for a CSV input; elsewhere it is text.
		{"BOM at the start dropped", "\ufeffAcme\r\nb\n", []string{"Acme", "b"}, nil, nil, 0},
		{"BOM alone on the first line", "\ufeff\nAcme\n", []string{"Acme"}, []int{2}, nil, 1},
		{"BOM after the start kept", "a\n\ufeffb\n", []string{"a", "\ufeffb"}, nil, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := newLineSource(strings.NewReader(tt.input), "ru")
			recs, err := drain(t, src)
			require.NoError(t, err)
			require.Len(t, recs, len(tt.names))
			assert.Equal(t, tt.skipped, src.skipped())
			for i, r := range recs {
				assert.Equal(t, tt.names[i], r.query.Name)
				wantLine := i + 1
				if tt.lines != nil {
					wantLine = tt.lines[i]
				}
				assert.Equal(t, wantLine, r.line)
				assert.Equal(t, "ru", r.query.Country, "the country is passed as given")
				isLong := false
				for _, l := range tt.long {
					isLong = isLong || l == r.line
				}
				if isLong {
					assert.ErrorIs(t, r.err, screening.ErrTooLong)
				} else {
					assert.NoError(t, r.err)
				}
			}
		})
	}
}

func TestReadLineSmallBuffer(t *testing.T) {
	// Lines longer than the bufio buffer are joined from several reads,
	// and a CRLF split between two reads is one line end.
	line := strings.Repeat("abc", 100)
	for _, end := range []string{"\n", "\r\n", "\r"} {
		src := &lineSource{r: bufio.NewReaderSize(strings.NewReader(line+end+line), 16)}
		for range 2 {
			got, long, err := src.readLine()
			require.NoError(t, err)
			assert.False(t, long)
			assert.Equal(t, line, got, "line end %q", end)
		}
		_, _, err := src.readLine()
		assert.ErrorIs(t, err, io.EOF)
	}
	src := &lineSource{r: bufio.NewReaderSize(strings.NewReader(strings.Repeat("x", 15)+"\r\nnext"), 16)}
	got, _, err := src.readLine()
	require.NoError(t, err)
	assert.Equal(t, strings.Repeat("x", 15), got)
	got, _, err = src.readLine()
	require.NoError(t, err)
	assert.Equal(t, "next", got, "the LF of a CRLF split across reads ends nothing")
}

// TestLineSourceAnswersAtOnce: a line is returned as soon as its line
// end is read, a lone CR included, without waiting for more input.
func TestLineSourceAnswersAtOnce(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	src := newLineSource(pr, "")
	for _, in := range []string{"typed\r", "\nnext\n"} {
		go pw.Write([]byte(in))
		rec, err := src.next()
		require.NoError(t, err)
		assert.Equal(t, strings.Trim(in, "\r\n"), rec.query.Name)
	}
}

func TestCSVSource(t *testing.T) {
	t.Run("rows, BOM, columns by name in any case", func(t *testing.T) {
		in := "\ufeffID,Vendor Name,Country\n1,Acme,us\n2,\"Kaspersky, Lab\",\n3,Volga,Narnia\n4,Short\n"
		src, err := newCSVSource(strings.NewReader(in), "v.csv", columns{name: "vendor name", country: " COUNTRY "})
		require.NoError(t, err)
		assert.Equal(t, []string{"ID", "Vendor Name", "Country"}, src.header())
		recs, err := drain(t, src)
		require.NoError(t, err)
		require.Len(t, recs, 4)

		assert.Equal(t, screening.Query{Name: "Acme", Country: "US"}, recs[0].query)
		assert.Equal(t, 2, recs[0].line)
		assert.Equal(t, []string{"1", "Acme", "us"}, recs[0].fields)
		assert.Equal(t, screening.Query{Name: "Kaspersky, Lab"}, recs[1].query)
		// A country that names none is left out, with a warning: the name
		// is still screened.
		assert.NoError(t, recs[2].err)
		assert.Equal(t, screening.Query{Name: "Volga"}, recs[2].query)
		assert.ErrorIs(t, recs[2].warn, screening.ErrInvalidCountry)
		assert.ErrorContains(t, recs[2].warn, `line 4, column "Country": "Narnia"`)
		assert.EqualError(t, recs[3].err, "line 5: 2 fields, the header has 3")
		assert.Equal(t, []string{"4", "Short"}, recs[3].fields)
	})

	t.Run("line of a row after a multi-line field", func(t *testing.T) {
		src, err := newCSVSource(strings.NewReader("name\n\"two\nlines\"\nnext\n"), "v.csv", columns{name: "name", country: ""})
		require.NoError(t, err)
		recs, err := drain(t, src)
		require.NoError(t, err)
		require.Len(t, recs, 2)
		assert.Equal(t, 2, recs[0].line)
		assert.Equal(t, 4, recs[1].line)
	})

	tests := []struct {
		name, input, nameCol, countryCol, err string
	}{
		{"missing name column", "id,vendor\n", "name", "", `v.csv: no name column "name"; the header has "id", "vendor"`},
		{"missing both columns", "id,vendor\n", "name", "cc", `no name column "name" and no country column "cc"`},
		{"empty file", "", "name", "", "v.csv: empty file, expected a header row"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newCSVSource(strings.NewReader(tt.input), "v.csv", columns{name: tt.nameCol, country: tt.countryCol})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.err)
		})
	}

	t.Run("syntax error is fatal and names the line", func(t *testing.T) {
		src, err := newCSVSource(strings.NewReader("name\nok\n\"bad\"x\n"), "v.csv", columns{name: "name", country: ""})
		require.NoError(t, err)
		recs, err := drain(t, src)
		assert.Len(t, recs, 1)
		assert.ErrorContains(t, err, "line 3")
	})
}

// TestCSVSourceRepeatedColumns: a header naming a column more than once,
// as column tells names apart (in any case, with any surrounding space),
// is refused naming each such column and where it stands: a query would
// take the first only, and the JSON object of a row would repeat a key.
// Blank header cells name no column and may repeat.
func TestCSVSourceRepeatedColumns(t *testing.T) {
	tests := []struct {
		name, header, err string // err "": accepted
	}{
		{"twice", "id,name,name", `v.csv: line 1: column "name" appears twice (columns 2 and 3)`},
		{"in another case and spacing", "id, Name ,NAME", `v.csv: line 1: column "Name" appears twice (columns 2 and 3, written " Name " and "NAME")`},
		{"a column not screened", "name,notes,x,notes", `v.csv: line 1: column "notes" appears twice (columns 2 and 4)`},
		{"three times, and another", "a,id,a,ID,a", `v.csv: line 1: column "a" appears 3 times (columns 1, 3 and 5); ` +
			`column "id" appears twice (columns 2 and 4, written "id" and "ID")`},
		{"the header's line", "\n\nname,name", `v.csv: line 3: column "name" appears twice (columns 1 and 2)`},
		{"as strings.EqualFold folds", "name,\u212a,k", "column \"\u212a\" appears twice (columns 2 and 3, written \"\u212a\" and \"k\")"}, // the Kelvin sign
		{"many", "name," + strings.Repeat("a,", 12) + strings.Repeat("b,", 12) + strings.Repeat("c,", 12) + strings.Repeat("d,", 12) + "e,f,g,h,i,j,k,l,e,f,g,h,i,j,k,l",
			`; and 2 more`},
		{"blank cells", "name,,, ,", ""},
		{"full case folding is not EqualFold's", "name,straße,STRASSE", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newCSVSource(strings.NewReader(tt.header+"\n"), "v.csv", columns{name: "name"})
			if tt.err == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.err)
		})
	}
}

func TestParseArgs(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		pos    []string
		format string
	}{
		{"flags first", []string{"--format", "json", "a", "b"}, []string{"a", "b"}, "json"},
		{"flags after names", []string{"a", "--format=csv", "b"}, []string{"a", "b"}, "csv"},
		{"double dash ends flags", []string{"a", "--", "--format", "b"}, []string{"a", "--format", "b"}, "text"},
		{"lone dash is a name", []string{"-", "a"}, []string{"-", "a"}, "text"},
		{"none", nil, nil, "text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("t", flag.ContinueOnError)
			format := fs.String("format", "text", "")
			pos, err := parseArgs(fs, tt.args)
			require.NoError(t, err)
			assert.Equal(t, tt.pos, pos)
			assert.Equal(t, tt.format, *format)
		})
	}
}

func TestCountryCode(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"", "", ""},
		{" ru ", "RU", ""},
		{"US", "US", ""},
		{"USA", "US", ""},
		{"Narnia", "", `"Narnia"`},
		{"R1", "", `"R1"`},
		{"Ру", "", `"Ру"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := screening.ParseCountry(tt.in)
			if tt.err != "" {
				assert.ErrorIs(t, err, screening.ErrInvalidCountry)
				assert.ErrorContains(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestLimitsDocumented: the usage text states the limits the code has.
func TestLimitsDocumented(t *testing.T) {
	assert.Contains(t, screenUsage, fmt.Sprintf("longer\nthan %d KiB", maxLine>>10))
	assert.Contains(t, screenUsage, fmt.Sprintf("row longer than %d MiB", maxRow>>20))
	assert.Zero(t, maxRow%(1<<20), "maxRow is a whole number of MiB")
}

// TestUnreadEvidenceColumns: a vendor file with a country, kind or address
// column that no flag names is screened by name alone, with a note saying
// which flag reads each; with the flag, no note.
func TestUnreadEvidenceColumns(t *testing.T) {
	in := filepath.Join(t.TempDir(), "vendors.csv")
	require.NoError(t, os.WriteFile(in, []byte("Name,Country,Kind,City\nKaspersky Labs Ltd,GB,company,London\n"), 0o600))
	r := runCLI(t, nil, "", "screen", "--sample", "--input", in, "--format", "json")
	require.Equal(t, exitMatch, r.code, r.stderr)
	assert.Contains(t, r.stderr, `note: `+in+`: the column "Country" is not read: give --country-column "Country" to screen with it`)
	assert.Contains(t, r.stderr, `the column "Kind" is not read: give --kind-column "Kind"`)
	assert.NotContains(t, r.stderr, `"City" is not read`, "only the columns named as a flag reads them")
	r = runCLI(t, nil, "", "screen", "--sample", "--input", in, "--format", "json", "--country-column", "country", "--kind-column", "kind")
	require.Equal(t, exitMatch, r.code, r.stderr)
	assert.NotContains(t, r.stderr, "is not read")
}
