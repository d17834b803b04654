package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/entityscreen/entityscreen/screening"
)

// maxLine is the longest input line or CSV field kept in full. A longer line
// is not screened: it gets its own error in the output.
const maxLine = 64 << 10

// record is one query read from the input, with where it came from.
type record struct {
	line   int             // line of the input (CSV: where the row starts), or argument number
	isArg  bool            // the query is a command-line argument
	query  screening.Query //
	fields []string        // CSV input: every field of the row, in header order
	err    error           // the row could not be turned into a query; it is reported, not screened
}

// source yields the queries of one input in order. next returns io.EOF after
// the last record; any other error is fatal (the rest of the input cannot be
// read reliably).
type source interface {
	next() (record, error)
	header() []string // CSV input: the header; nil otherwise
}

// argSource yields the names given on the command line.
type argSource struct {
	names   []string
	country string
	i       int
}

func (s *argSource) header() []string { return nil }

func (s *argSource) next() (record, error) {
	if s.i >= len(s.names) {
		return record{}, io.EOF
	}
	s.i++
	return record{line: s.i, isArg: true, query: screening.Query{Name: s.names[s.i-1], Country: s.country}}, nil
}

// lineSource yields one query per line. Every line is a query, blank ones
// included (they fail as empty names), so that output line N answers input
// line N. A trailing "\r" is removed.
type lineSource struct {
	r       *bufio.Reader
	country string
	line    int
}

func newLineSource(r io.Reader, country string) *lineSource {
	return &lineSource{r: bufio.NewReaderSize(r, 64<<10), country: country}
}

func (s *lineSource) header() []string { return nil }

func (s *lineSource) next() (record, error) {
	text, long, err := readLine(s.r)
	if err != nil {
		return record{}, err
	}
	s.line++
	rec := record{line: s.line, query: screening.Query{Name: text, Country: s.country}}
	if long {
		rec.err = fmt.Errorf("line %d is longer than %d bytes: %w", s.line, maxLine, screening.ErrTooLong)
	}
	return rec, nil
}

// readLine reads one line without its end of line. A line longer than
// maxLine is consumed whole but returned cut, with long set. It returns
// io.EOF only when no line is left.
func readLine(r *bufio.Reader) (text string, long bool, err error) {
	var buf []byte
	read := false
	for {
		chunk, err := r.ReadSlice('\n')
		if len(chunk) > 0 {
			read = true
		}
		if len(buf)+len(chunk) <= maxLine+2 {
			buf = append(buf, chunk...)
		} else {
			long = true
		}
		switch {
		case err == nil || (errors.Is(err, io.EOF) && read):
			s := strings.TrimSuffix(strings.TrimSuffix(string(buf), "\n"), "\r")
			if len(s) > maxLine {
				s, long = s[:maxLine], true
			}
			return s, long, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		default:
			return "", false, err
		}
	}
}

// columns names the columns of a CSV input that make a query; all but
// name are optional ("").
type columns struct {
	name, country, kind, address, id string
}

// csvSource yields one query per row of a CSV file with a header row. Every
// field of the row is kept for the output.
type csvSource struct {
	r          *csv.Reader
	head       []string
	name       int // index of the name column
	country    int // index of the country column, -1 if none
	kind       int // index of the kind column, -1 if none
	address    int // index of the address column, -1 if none
	id         int // index of the identifier column, -1 if none
	columnName string
}

// newCSVSource reads the header and finds the query's columns by name,
// ignoring case and surrounding space. A missing column is an error naming
// it and the columns there are.
func newCSVSource(r io.Reader, origin string, cols columns) (*csvSource, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // ragged rows are reported per row, below
	cr.ReuseRecord = false
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: empty file, expected a header row", origin)
	}
	if err != nil {
		var pe *csv.ParseError
		if !errors.As(err, &pe) { // an I/O error, such as a directory given as the file
			return nil, fmt.Errorf("cannot read input: %w", err)
		}
		return nil, fmt.Errorf("%s: %w", origin, err)
	}
	if len(head) > 0 {
		head[0] = strings.TrimPrefix(head[0], "\ufeff")
	}
	s := &csvSource{r: cr, head: head, country: -1, kind: -1, address: -1, id: -1, columnName: cols.name}
	var missing []string
	if s.name = column(head, cols.name); s.name < 0 {
		missing = append(missing, fmt.Sprintf("name column %q", cols.name))
	}
	for _, c := range []struct {
		what, name string
		index      *int
	}{
		{"country", cols.country, &s.country},
		{"kind", cols.kind, &s.kind},
		{"address", cols.address, &s.address},
		{"identifier", cols.id, &s.id},
	} {
		if c.name == "" {
			continue
		}
		if *c.index = column(head, c.name); *c.index < 0 {
			missing = append(missing, fmt.Sprintf("%s column %q", c.what, c.name))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s: no %s; the header has %s", origin, strings.Join(missing, " and no "), quoteList(head))
	}
	return s, nil
}

func (s *csvSource) header() []string { return s.head }

func (s *csvSource) next() (record, error) {
	fields, err := s.r.Read()
	if err != nil {
		return record{}, err // io.EOF, or a syntax error naming its line
	}
	line, _ := s.r.FieldPos(0)
	rec := record{line: line, fields: fields}
	switch {
	case len(fields) != len(s.head):
		rec.err = fmt.Errorf("line %d: %d fields, the header has %d", line, len(fields), len(s.head))
	case len(fields[s.name]) > maxLine:
		rec.err = fmt.Errorf("line %d, column %q: longer than %d bytes: %w", line, s.columnName, maxLine, screening.ErrTooLong)
	default:
		rec.query.Name = fields[s.name]
		if s.country >= 0 {
			c, err := screening.ParseCountry(fields[s.country])
			if err != nil {
				rec.err = fmt.Errorf("line %d, column %q: %w", line, s.head[s.country], err)
			}
			rec.query.Country = c
		}
		if s.kind >= 0 {
			k, err := screening.ParseKind(fields[s.kind])
			if err != nil && rec.err == nil {
				rec.err = fmt.Errorf("line %d, column %q: %w", line, s.head[s.kind], err)
			}
			rec.query.Kind = k
		}
		if s.address >= 0 {
			rec.query.Address = fields[s.address]
		}
		if s.id >= 0 {
			rec.query.ID = fields[s.id]
		}
	}
	return rec, nil
}

// column is the index of the column called name, ignoring case and space,
// or -1.
func column(head []string, name string) int {
	name = strings.TrimSpace(name)
	for i, h := range head {
		if strings.EqualFold(strings.TrimSpace(h), name) {
			return i
		}
	}
	return -1
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
