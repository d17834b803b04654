package ownership

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/entityscreen/entityscreen/screening"
)

// The columns of the ownership CSV that ReadCSV reads, and the other names
// it accepts for them.
var csvColumns = []struct {
	name     string
	aliases  []string
	required bool
}{
	{"owner", []string{"owner_name", "shareholder", "parent"}, true},
	{"owned", []string{"owned_name", "asset", "company", "subsidiary"}, true},
	{"percent", []string{"percentage", "share", "band"}, true},
	{"owner_id", nil, false},
	{"owned_id", nil, false},
	{"owner_country", nil, false},
	{"owned_country", nil, false},
	{"owner_list_id", nil, false},
	{"owned_list_id", nil, false},
	{"as_of", []string{"as_of_date", "date"}, false},
	{"kind", nil, false},
}

const (
	colOwner = iota
	colOwned
	colPercent
	colOwnerID
	colOwnedID
	colOwnerCountry
	colOwnedCountry
	colOwnerList
	colOwnedList
	colAsOf
	colKind
	numColumns
)

// ReadCSV reads a company's own ownership file: CSV with a header line, one
// stake a row, lines starting with "#" being comments (a comment with as
// many fields as the header, which may be a row whose owner's name begins
// with "#" unquoted, is skipped with a note). Columns are mapped by
// header name, in any order and case; unknown columns are ignored with a
// note, a missing required column or a known column named twice is an error
// (every missing column is reported at once). A byte order mark and CRLF
// line ends are accepted.
//
//   - owner, owned (required): the names of the owner and of the entity
//     owned; either may be empty in a row that gives the party's id.
//   - percent (required; the value may be empty): the owner's share of the
//     owned entity, a percentage or a band as ParseShare reads it ("60",
//     "25-50", ">25"); empty or "unknown" is a stake of unknown size.
//   - owner_id, owned_id: the parties' ids, such as an LEI written
//     "XI-LEI-..." to meet the parties of ReadGLEIF, or "GB-COH-..." for
//     those of ReadPSC. A party with an id is that party in every row; a
//     party without one is keyed by its name. Give an id in every row of a
//     party, or in none.
//   - owner_country, owned_country: where the party is incorporated, as an
//     ISO 3166-1 code or an English name (screening.ParseCountry).
//   - owner_list_id, owned_list_id: list entries the party is, as
//     "SOURCE:ID" (ParseListRef), several separated by ";": "SDN:45928",
//     "EL:8e2975db...". A party with a list id is tied to the list by it
//     rather than by name.
//   - as_of: the date the row states the stake as of, YYYY-MM-DD; of the
//     rows of one owner and owned, those as of the latest date on or before
//     the date evaluated supersede the others; a stake stated only as of
//     a later date counts as possibly held (IssueStatedLater).
//   - kind: what the row records (ParseEdgeKind): ownership (the default),
//     consolidation, ultimate-consolidation, branch or control.
//
// Every bad row is reported in the returned *LoadError by the line where its
// record starts, and with every bad field; rows without problems are added to
// g. origin names the input in records and errors.
func (g *Graph) ReadCSV(r io.Reader, origin string) error {
	pr := &problems{origin: origin}
	hl := &hashLines{r: stripBOM(r), line: 1, atStart: true}
	cr := csv.NewReader(hl)
	cr.Comment = '#'
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			pr.add(0, "", "", fmt.Errorf("%w: no header line", ErrMissingColumn))
		} else {
			pr.add(csvLine(err, 1), "", "", fmt.Errorf("%w: %v", ErrSyntax, unwrapCSV(err)))
		}
		return pr.err(g)
	}
	headerLine, _ := cr.FieldPos(0)
	// The comments the CSV reader skipped before a record are the lines
	// beginning with "#" before its first line.
	fieldsInHeader := len(header)
	settle := func(start, end int) {
		for len(hl.lines) > 0 && hl.lines[0].line <= end {
			l := hl.lines[0]
			hl.lines = hl.lines[1:]
			if l.line < start && l.fields == fieldsInHeader {
				g.note(Record{Origin: origin, Line: l.line}, "skipped as a comment, as it begins with \"#\", though it has the header's %d fields: quote a name that begins with \"#\"", l.fields)
			}
		}
	}
	settle(headerLine, recordEnd(cr, header))
	cols, ok := mapCSVHeader(g, header, headerLine, origin, pr)
	if !ok {
		return pr.err(g)
	}
	o := g.origin(origin)
	rs := &csvState{origin: origin, o: o, pr: pr, countries: map[string]countryResult{}}
	var fields [numColumns]string
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			settle(math.MaxInt, math.MaxInt)
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				settle(pe.StartLine, pe.Line)
			}
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				pr.add(pe.StartLine, "", "", fmt.Errorf("%w: %d, the header has %d", ErrFieldCount, len(rec), len(header)))
				continue
			}
			if errors.As(err, &pe) {
				pr.add(pe.StartLine, "", "", fmt.Errorf("%w: %v", ErrSyntax, pe.Err))
				continue
			}
			return g.readFailed(origin, err)
		}
		line, _ := cr.FieldPos(0)
		settle(line, recordEnd(cr, rec))
		for c := range fields {
			fields[c] = ""
			if i := cols[c]; i >= 0 {
				fields[c] = strings.TrimSpace(rec[i])
			}
		}
		g.addCSVRow(&fields, line, rs)
	}
	return pr.err(g)
}

// mapCSVHeader returns the index of each known column in the header, or -1.
func mapCSVHeader(g *Graph, header []string, line int, origin string, pr *problems) ([numColumns]int, bool) {
	var cols [numColumns]int
	for i := range cols {
		cols[i] = -1
	}
	var unknown []string
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		c := slices.IndexFunc(csvColumns, func(col struct {
			name     string
			aliases  []string
			required bool
		}) bool {
			return col.name == name || slices.Contains(col.aliases, name)
		})
		if c < 0 {
			// Quoted: a header in another encoding is no invalid UTF-8 in
			// a message, and a name with a comma or space reads as one.
			unknown = append(unknown, strconv.Quote(h))
			continue
		}
		if cols[c] >= 0 {
			pr.add(line, h, "", ErrDuplicateColumn)
			continue
		}
		cols[c] = i
	}
	if n := len(unknown); n > maxUnknownNamed {
		unknown = append(unknown[:maxUnknownNamed], fmt.Sprintf("and %d more", n-maxUnknownNamed))
	}
	var missing []string
	for c, col := range csvColumns {
		if col.required && cols[c] < 0 {
			missing = append(missing, col.name)
		}
	}
	if len(missing) > 0 {
		msg := fmt.Errorf("%w: %s", ErrMissingColumn, strings.Join(missing, ", "))
		if len(unknown) > 0 {
			msg = fmt.Errorf("%w (the header has unknown columns %s)", msg, strings.Join(unknown, ", "))
		}
		pr.add(line, "", "", msg)
	}
	if pr.total > 0 {
		return cols, false
	}
	if len(unknown) > 0 {
		g.note(Record{Origin: origin, Line: line}, "columns ignored: %s", strings.Join(unknown, ", "))
	}
	return cols, true
}

// maxUnknownNamed is the number of unknown columns of a header a message
// names; it counts the others.
const maxUnknownNamed = 10

// csvState is what ReadCSV keeps between rows.
type csvState struct {
	origin    string
	o         uint32
	pr        *problems
	countries map[string]countryResult // countries read so far: a file names few
}

type countryResult struct {
	code string
	err  error
}

// country reads a country with screening.ParseCountry, once per spelling.
func (rs *csvState) country(s string) (string, error) {
	if r, ok := rs.countries[s]; ok {
		return r.code, r.err
	}
	c, err := screening.ParseCountry(s)
	if len(rs.countries) < 1000 {
		rs.countries[s] = countryResult{c, err}
	}
	return c, err
}

// addCSVRow checks one row and adds its parties and edge.
func (g *Graph) addCSVRow(f *[numColumns]string, line int, rs *csvState) {
	pr, origin, o := rs.pr, rs.origin, rs.o
	before := pr.total
	bad := func(c int, err error) { pr.add(line, csvColumns[c].name, f[c], err) }
	for c, v := range f {
		if !utf8.ValidString(v) {
			pr.add(line, csvColumns[c].name, "", ErrInvalidUTF8)
		}
	}
	if pr.total > before {
		return
	}
	share, err := ParseShare(f[colPercent])
	if err != nil {
		bad(colPercent, err)
	}
	kind, err := ParseEdgeKind(f[colKind])
	if err != nil {
		bad(colKind, err)
	}
	asOf := int32(noDate)
	if f[colAsOf] != "" {
		if asOf, err = parseDate(f[colAsOf], false); err != nil || len(f[colAsOf]) != len("2006-01-02") {
			asOf = noDate
			bad(colAsOf, ErrBadDate)
		}
	}
	rec := Record{Origin: origin, Line: line}
	party := func(name, id, country, lists int) Party {
		p := Party{Name: f[name], ID: f[id], Record: rec}
		if p.Name == "" && p.ID == "" {
			pr.add(line, csvColumns[name].name, "", fmt.Errorf("%w: give %s or %s", ErrEmptyParty, csvColumns[name].name, csvColumns[id].name))
		}
		if f[country] != "" {
			c, err := rs.country(f[country])
			if err != nil {
				bad(country, fmt.Errorf("%w: %w", ErrBadCountry, err))
			}
			p.Country = c
		}
		if f[lists] != "" {
			for s := range strings.SplitSeq(f[lists], ";") {
				if strings.TrimSpace(s) == "" {
					continue
				}
				ref, err := ParseListRef(s)
				if err != nil {
					bad(lists, err)
					continue
				}
				p.ListRefs = append(p.ListRefs, ref)
			}
		}
		return p
	}
	owner := party(colOwner, colOwnerID, colOwnerCountry, colOwnerList)
	owned := party(colOwned, colOwnedID, colOwnedCountry, colOwnedList)
	if pr.total > before {
		return
	}
	oi, _ := g.addParty(owner)
	di, _ := g.addParty(owned)
	g.addEdge(edge{
		owner: oi, owned: di,
		low: lowUnits(share.Low), high: highUnits(share.High),
		start: noDate, end: noDate, asOf: asOf,
		line: int32(line), origin: o, kind: kind,
	}, "", "")
}

// stripBOM returns r without a leading UTF-8 byte order mark.
func stripBOM(r io.Reader) io.Reader {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	return br
}

// recordEnd returns the last line of rec, the record cr last read: the
// line its last field starts on, plus the line breaks in that field.
func recordEnd(cr *csv.Reader, rec []string) int {
	last := len(rec) - 1
	line, _ := cr.FieldPos(last)
	return line + strings.Count(rec[last], "\n")
}

// hashLines passes on what it reads from r, and notes the lines that begin
// with "#", which the CSV reader skips as comments where a record would
// begin (a line of a quoted field may begin so too), with the number of
// fields each would hold as a row: ReadCSV tells which were skipped (see
// settle), and notes those that look like rows.
type hashLines struct {
	r       io.Reader
	line    int  // the line of the next byte
	atStart bool // the next byte begins a line
	in      bool // the bytes read are on a line that begins with "#"
	quoted  bool // and within quotes
	fields  int  // the fields of that line so far
	lines   []hashLine
}

// hashLine is a line that begins with "#", and the fields it would hold.
type hashLine struct{ line, fields int }

func (h *hashLines) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	for _, c := range p[:n] {
		if h.atStart {
			h.atStart = false
			h.in = c == '#'
			h.quoted, h.fields = false, 1
		}
		switch {
		case c == '\n':
			if h.in {
				h.lines = append(h.lines, hashLine{h.line, h.fields})
			}
			h.line++
			h.atStart, h.in = true, false
		case !h.in:
		case c == '"':
			h.quoted = !h.quoted
		case c == ',' && !h.quoted:
			h.fields++
		}
	}
	if err == io.EOF && h.in {
		h.lines = append(h.lines, hashLine{h.line, h.fields})
		h.in = false
	}
	return n, err
}

// csvLine returns the line of a csv.ParseError, or def.
func csvLine(err error, def int) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.StartLine
	}
	return def
}

// unwrapCSV returns the reason of a csv.ParseError without its position,
// which ParseError reports itself.
func unwrapCSV(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
