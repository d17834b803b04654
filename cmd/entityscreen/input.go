package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/entityscreen/entityscreen/internal/printable"
	"github.com/entityscreen/entityscreen/screening"
)

// maxLine is the longest input line or CSV field kept in full. A longer
// line, or a CSV row with a longer field, is not screened: it gets its own
// error in the output, with the line or field cut at maxLine bytes.
const maxLine = 64 << 10

// maxRow is the longest CSV row kept: a longer row is cut there and gets
// its own error in the output, like a row with a field longer than
// maxLine.
const maxRow = 16 * maxLine

// record is one query read from the input, with where it came from.
type record struct {
	line   int             // line of the input (CSV: where the row starts), or argument number
	isArg  bool            // the query is a command-line argument
	query  screening.Query //
	fields []string        // CSV input: every field of the row, in header order
	key    string          // CSV input with a key column: the row's key (a vendor id)
	err    error           // the row could not be turned into a query; it is reported, not screened
	warn   error           // a field that could not be read and was left out; the row is screened without it
}

// warnings counts the fields left out of the queries of a run, and keeps
// the first, for one line on stderr at the end.
type warnings struct {
	n     int
	first error
}

func (w *warnings) add(err error) {
	if err == nil {
		return
	}
	w.n++
	if w.first == nil {
		w.first = err
	}
}

// report writes the warnings' line, if any, on stderr.
func (w *warnings) report(e *env) {
	if w.n > 0 {
		fmt.Fprintf(e.stderr, "entityscreen: %s could not be read and %s left out, the names screened without them; the first: %s\n",
			plural(w.n, "country", "countries"), map[bool]string{true: "was", false: "were"}[w.n == 1], printable.Text(w.first.Error()))
	}
}

// source yields the queries of one input in order. next returns io.EOF after
// the last record; any other error is fatal (the rest of the input cannot be
// read reliably).
type source interface {
	next() (record, error)
	header() []string // CSV input: the header; nil otherwise
	skipped() int     // blank lines or rows skipped so far
}

// argSource yields the names given on the command line.
type argSource struct {
	names   []string
	country string
	i       int
}

func (s *argSource) header() []string { return nil }

func (s *argSource) skipped() int { return 0 }

func (s *argSource) next() (record, error) {
	if s.i >= len(s.names) {
		return record{}, io.EOF
	}
	s.i++
	return record{line: s.i, isArg: true, query: screening.Query{Name: s.names[s.i-1], Country: s.country}}, nil
}

// lineSource yields one query per line. A line ends at LF, CRLF or a lone
// CR (old Mac files). A byte order mark at the start of the input is
// dropped. Blank lines, white space only, are skipped and counted; records
// keep the line numbers of the input.
type lineSource struct {
	r       *bufio.Reader
	afterCR bool // the last line ended at a CR: an LF right after it ends nothing
	country string
	line    int
	blank   int
}

func newLineSource(r io.Reader, country string) *lineSource {
	return &lineSource{r: bufio.NewReaderSize(r, 64<<10), country: country}
}

func (s *lineSource) header() []string { return nil }

func (s *lineSource) skipped() int { return s.blank }

func (s *lineSource) next() (record, error) {
	for {
		text, long, err := s.readLine()
		if err != nil {
			return record{}, err
		}
		if s.line == 0 {
			// A byte order mark (Notepad's UTF-8) is no part of the first
			// name, as csvInput drops it from a CSV input.
			text = strings.TrimPrefix(text, "\ufeff")
		}
		s.line++
		if !long && strings.TrimSpace(text) == "" {
			s.blank++
			continue
		}
		rec := record{line: s.line, query: screening.Query{Name: text, Country: s.country}}
		if long {
			rec.err = fmt.Errorf("line %d is longer than %d bytes: %w", s.line, maxLine, screening.ErrTooLong)
		}
		return rec, nil
	}
}

// readLine reads one line without its line end. A line longer than maxLine
// is consumed whole but returned cut, with long set. It returns io.EOF only
// when no line is left. It reads no further than the line end, so that a
// person typing names gets each answer at once.
func (s *lineSource) readLine() (text string, long bool, err error) {
	var buf []byte
	read := false
	for {
		if _, err := s.r.Peek(1); err != nil {
			if errors.Is(err, io.EOF) && read {
				return string(buf), long, nil
			}
			return "", false, err
		}
		chunk, _ := s.r.Peek(s.r.Buffered())
		if s.afterCR {
			s.afterCR = false
			if chunk[0] == '\n' { // the LF of a CRLF
				s.r.Discard(1)
				continue
			}
		}
		read = true
		end := bytes.IndexAny(chunk, "\r\n")
		data := chunk
		if end >= 0 {
			data = chunk[:end]
		}
		if room := maxLine - len(buf); len(data) > room {
			data, long = data[:room], true
		}
		buf = append(buf, data...)
		if end < 0 {
			s.r.Discard(len(chunk))
			continue
		}
		s.afterCR = chunk[end] == '\r'
		s.r.Discard(end + 1)
		return string(buf), long, nil
	}
}

// columns names the columns of a CSV input that make a query, and key
// the column of the row's key (a vendor id, for monitor); all but name
// are optional ("").
type columns struct {
	name, country, kind, address, id, key string
}

// csvSource yields one query per row of a CSV file with a header row. Every
// field of the row is kept for the output. Blank rows (every field white
// space only, or an empty line) are skipped and counted.
type csvSource struct {
	in      *csvInput
	r       *csv.Reader
	head    []string
	name    int // index of the name column
	country int // index of the country column, -1 if none
	kind    int // index of the kind column, -1 if none
	address int // index of the address column, -1 if none
	id      int // index of the identifier column, -1 if none
	key     int // index of the key column, -1 if none
	blank   int // blank rows csv.Reader returned and next skipped
}

// newCSVSource reads the header and finds the query's columns by name,
// ignoring case and surrounding space. A missing column is an error naming
// it and the columns there are; so is a column the header names twice.
func newCSVSource(r io.Reader, origin string, cols columns) (*csvSource, error) {
	in := newCSVInput(r)
	cr := csv.NewReader(in)
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
		return nil, fmt.Errorf("%s: %w", origin, in.fileError(err))
	}
	line, _ := cr.FieldPos(0)
	row := in.row(line)
	if row.cutField >= 0 || row.cutRow {
		return nil, fmt.Errorf("%s: line %d: the header is longer than the limit of %d bytes a field, %d a row",
			origin, row.line, maxLine, maxRow)
	}
	if err := repeatedColumns(head); err != nil {
		return nil, fmt.Errorf("%s: line %d: %w", origin, row.line, err)
	}
	s := &csvSource{in: in, r: cr, head: head, country: -1, kind: -1, address: -1, id: -1, key: -1}
	var missing []string
	for _, c := range []struct {
		what, name string
		index      *int
		required   bool
	}{
		{"id", cols.key, &s.key, false},
		{"name", cols.name, &s.name, true},
		{"country", cols.country, &s.country, false},
		{"kind", cols.kind, &s.kind, false},
		{"address", cols.address, &s.address, false},
		{"identifier", cols.id, &s.id, false},
	} {
		if c.name == "" && !c.required {
			continue
		}
		if strings.TrimSpace(c.name) == "" { // it would find the first blank header cell
			return nil, fmt.Errorf("%s: the %s column's name is empty; the header has %s", origin, c.what, quoteList(head))
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

// unreadColumns returns a note for each column of the header named as
// evidence a query may carry ("country", "kind", "address", "id") that no
// flag made the source read: the user may expect it read, and the
// matches are scored without it.
func (s *csvSource) unreadColumns() []string {
	var notes []string
	for _, c := range []struct {
		name, flag string
		index      int
	}{
		{"country", "--country-column", s.country},
		{"kind", "--kind-column", s.kind},
		{"address", "--address-column", s.address},
	} {
		if i := column(s.head, c.name); c.index < 0 && i >= 0 && i != s.name && i != s.key {
			notes = append(notes, fmt.Sprintf("the column %q is not read: give %s %q to screen with it", strings.TrimSpace(s.head[i]), c.flag, strings.TrimSpace(s.head[i])))
		}
	}
	return notes
}

func (s *csvSource) skipped() int { return s.blank + s.in.empty }

func (s *csvSource) next() (record, error) {
	for {
		fields, err := s.r.Read()
		if err != nil {
			return record{}, s.in.fileError(err) // io.EOF, or a syntax error naming its line
		}
		line, _ := s.r.FieldPos(0)
		row := s.in.row(line)
		if row.cutField < 0 && !row.cutRow && blank(fields) {
			s.blank++
			continue
		}
		return s.record(row, fields), nil
	}
}

// record makes the query of one row of fields.
func (s *csvSource) record(row csvRow, fields []string) record {
	line := row.line
	rec := record{line: line, fields: fields}
	switch {
	case row.cutRow:
		rec.err = fmt.Errorf("line %d: the row is longer than %d bytes: %w", line, maxRow, screening.ErrTooLong)
		rec.fields = fields[:min(len(fields), len(s.head))] // what is past the header is not echoed
	case row.cutField >= 0:
		rec.err = fmt.Errorf("line %d, %s: longer than %d bytes: %w", line, s.fieldName(row.cutField), maxLine, screening.ErrTooLong)
	case len(fields) != len(s.head):
		rec.err = fmt.Errorf("line %d: %d fields, the header has %d", line, len(fields), len(s.head))
	default:
		if s.key >= 0 {
			// A key is an id: spaces around it are the export's, and "V1 "
			// is vendor V1, whose alerts a run must not close and open anew.
			rec.key = strings.TrimSpace(fields[s.key])
		}
		rec.query.Name = fields[s.name]
		if s.country >= 0 {
			// A country that names none is left out: the name is still
			// screened, without the country's evidence, and the command
			// warns (see warnCountries).
			c, err := screening.ParseCountry(fields[s.country])
			if err != nil {
				rec.warn = fmt.Errorf("line %d, column %q: %w", line, s.head[s.country], err)
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
	return rec
}

// fieldName names field i of a row for messages: its column, or its number
// past the header.
func (s *csvSource) fieldName(i int) string {
	if i < len(s.head) {
		return fmt.Sprintf("column %q", s.head[i])
	}
	return fmt.Sprintf("field %d", i+1)
}

// blank reports whether every field is white space only.
func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
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

// maxRepeated is the number of repeated columns repeatedColumns names.
const maxRepeated = 10

// repeatedColumns returns an error naming each column the header names
// more than once, as column tells them (ignoring case and surrounding
// space), with where it stands: a query would take the first of them
// only, and the JSON object of a row would have the key twice, of which
// a reader keeps one. Blank cells name no column and may repeat.
func repeatedColumns(head []string) error {
	at := map[string][]int{} // folded name -> indexes
	var names []string       // folded names, in header order
	for i, h := range head {
		k := foldName(strings.TrimSpace(h))
		if k == "" {
			continue
		}
		if at[k] == nil {
			names = append(names, k)
		}
		at[k] = append(at[k], i)
	}
	var msgs []string
	n := 0
	for _, k := range names {
		idx := at[k]
		if len(idx) < 2 {
			continue
		}
		if n++; n > maxRepeated {
			continue
		}
		times := "twice"
		if len(idx) > 2 {
			times = fmt.Sprintf("%d times", len(idx))
		}
		pos := make([]string, len(idx))
		spelled := make([]string, len(idx))
		same := true
		for j, i := range idx {
			pos[j] = fmt.Sprint(i + 1)
			spelled[j] = fmt.Sprintf("%q", head[i])
			same = same && head[i] == head[idx[0]]
		}
		written := ""
		if !same {
			written = ", written " + andList(spelled)
		}
		msgs = append(msgs, fmt.Sprintf("column %q appears %s (columns %s%s)", strings.TrimSpace(head[idx[0]]), times, andList(pos), written))
	}
	if n == 0 {
		return nil
	}
	if n > len(msgs) {
		msgs = append(msgs, fmt.Sprintf("and %d more", n-len(msgs)))
	}
	return errors.New(strings.Join(msgs, "; "))
}

// foldName is s with each letter in the one case strings.EqualFold
// reads it as: two names are alike to EqualFold exactly when their
// foldNames are equal.
func foldName(s string) string {
	return strings.Map(func(r rune) rune {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		return least
	}, s)
}

// andList joins ss as "a", "a and b", "a, b and c".
func andList(ss []string) string {
	if len(ss) < 2 {
		return strings.Join(ss, "")
	}
	return strings.Join(ss[:len(ss)-1], ", ") + " and " + ss[len(ss)-1]
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
