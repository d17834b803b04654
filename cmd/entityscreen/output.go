package main

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// Output formats of the screen command.
var formats = []string{"text", "json", "csv"}

// resultWriter writes the result of each query, in input order, as it
// comes. Write errors are returned; the caller stops on the first.
type resultWriter interface {
	// begin writes what comes before the first result (a CSV header).
	begin(header []string) error
	// result writes one query's outcome: its matches and how many more
	// the limit left out, or res.Err if it could not be screened.
	result(rec record, res screening.Result) error
	// end writes what comes after the last result (a text summary).
	end(s summary) error
}

// summary counts the outcomes of a run.
type summary struct {
	queries, matched, failed int
	version                  entitylist.Version
}

func newResultWriter(format string, w io.Writer) (resultWriter, error) {
	switch format {
	case "text":
		return &textWriter{w: w}, nil
	case "json":
		return &jsonWriter{w: w}, nil
	case "csv":
		return &csvWriter{w: csv.NewWriter(w)}, nil
	}
	return nil, fmt.Errorf("unknown format %q: use %s", format, strings.Join(formats, ", "))
}

// jsonWriter writes JSON Lines: exactly one object per query, the
// library's record of a Result (see screening.Result), with the input row
// of a CSV file added as "input".
type jsonWriter struct {
	w      io.Writer
	buf    bytes.Buffer
	header []string
}

func dateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// jsonRow is a CSV input row as a JSON object, columns in header order.
type jsonRow struct {
	header, fields []string
}

// MarshalJSON writes the row as an object keeping the column order.
func (r *jsonRow) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, h := range r.header {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(h)
		b.Write(k)
		b.WriteByte(':')
		v := ""
		if i < len(r.fields) {
			v = r.fields[i]
		}
		vb, _ := json.Marshal(v)
		b.Write(vb)
	}
	// Fields beyond the header (a ragged row) are kept under their number.
	for i := len(r.header); i < len(r.fields); i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		vb, _ := json.Marshal(r.fields[i])
		fmt.Fprintf(&b, "%q:%s", strconv.Itoa(i+1), vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func (w *jsonWriter) begin(header []string) error {
	w.header = header
	return nil
}

func (w *jsonWriter) result(rec record, res screening.Result) error {
	w.buf.Reset()
	enc := json.NewEncoder(&w.buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(res); err != nil {
		return fmt.Errorf("line %d: %w", rec.line, err)
	}
	line := w.buf.Bytes()
	if rec.fields != nil {
		// The record is an object: the input row goes in before its end.
		row, err := json.Marshal(&jsonRow{header: w.header, fields: rec.fields})
		if err != nil {
			return fmt.Errorf("line %d: %w", rec.line, err)
		}
		end := bytes.LastIndexByte(line, '}')
		line = slices.Concat(line[:end], []byte(`,"input":`), row, line[end:])
	}
	_, err := w.w.Write(line)
	return err
}

func (w *jsonWriter) end(summary) error { return nil }

// csvWriter writes one row per match, or one row for a query without match
// or with an error, so a spreadsheet can filter on the result column.
type csvWriter struct {
	w      *csv.Writer
	inCols int // number of input columns (CSV input), 0 otherwise
}

// csvResultColumns follow the input columns (or the query column).
// "also" names the other rows of a matched party; "more" counts the
// matches of the query that --limit left out.
var csvResultColumns = []string{"result", "score", "id", "name", "matched_name", "source", "country", "federal_register", "explanation", "error", "also", "more"}

func (w *csvWriter) begin(header []string) error {
	var h []string
	if header != nil {
		w.inCols = len(header)
		h = append(h, header...)
	} else {
		h = append(h, "query", "query_country")
	}
	h = append(h, csvResultColumns...)
	return w.w.Write(h)
}

func (w *csvWriter) prefix(rec record) []string {
	if w.inCols > 0 {
		p := make([]string, w.inCols)
		copy(p, rec.fields) // a short ragged row leaves its missing fields empty
		return p
	}
	return []string{rec.query.Name, rec.query.Country}
}

func (w *csvWriter) result(rec record, res screening.Result) error {
	p := w.prefix(rec)
	matches := res.Matches
	switch {
	case res.Err != nil:
		if err := w.w.Write(append(p, "error", "", "", "", "", "", "", "", "", res.Err.Error(), "", "")); err != nil {
			return err
		}
	case len(matches) == 0:
		if err := w.w.Write(append(p, "no match", "", "", "", "", "", "", "", "", "", "", "")); err != nil {
			return err
		}
	default:
		for _, m := range matches {
			e := m.Entry
			result := "near miss"
			if m.Alert {
				result = "match"
			}
			row := append(slices.Clip(p), result, formatScore(m.Score), e.ID, e.Name, m.MatchedName, string(e.Source),
				m.Country, strings.Join(e.FederalRegisterNotices, "; "),
				m.Explanation.String(), "", alsoList(m.Also), strconv.Itoa(res.More))
			if err := w.w.Write(row); err != nil {
				return err
			}
		}
	}
	w.w.Flush()
	return w.w.Error()
}

func (w *csvWriter) end(summary) error {
	w.w.Flush()
	return w.w.Error()
}

// formatScore writes a score with the four places a Match has.
func formatScore(f float64) string { return strconv.FormatFloat(f, 'f', 4, 64) }

// textWriter writes a readable block per query, for people.
type textWriter struct {
	w      io.Writer
	header []string
	buf    bytes.Buffer
}

func (w *textWriter) begin(header []string) error {
	w.header = header
	return nil
}

// label is how a query is named in text output.
func (w *textWriter) label(rec record) string {
	s := strconv.Quote(rec.query.Name)
	if rec.fields != nil {
		s = fmt.Sprintf("line %d: %s", rec.line, s)
	}
	if rec.query.Country != "" {
		s += " (" + rec.query.Country + ")"
	}
	return s
}

func (w *textWriter) result(rec record, res screening.Result) error {
	w.buf.Reset()
	b := &w.buf
	matches := res.Matches
	switch {
	case res.Err != nil:
		fmt.Fprintf(b, "%s: ERROR: %v\n", w.label(rec), res.Err)
	case len(matches) == 0:
		fmt.Fprintf(b, "%s: no match\n", w.label(rec))
	default:
		alerts := 0
		for _, m := range matches {
			if m.Alert {
				alerts++
			}
		}
		fmt.Fprintf(b, "%s: %s\n", w.label(rec), plural(alerts, "match", "matches"))
		writeMatchTable(b, matches)
		if res.More > 0 {
			fmt.Fprintf(b, "  and %s not shown (raise --limit to see them)\n", plural(res.More, "more match", "more matches"))
		}
	}
	_, err := w.w.Write(b.Bytes())
	return err
}

// writeMatchTable writes matches as an aligned table, indented.
func writeMatchTable(w io.Writer, matches []screening.Match) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  RESULT\tSCORE\tSOURCE\tCOUNTRY\tNAME\tMATCHED NAME\tFEDERAL REGISTER\tID")
	for _, m := range matches {
		e := m.Entry
		flag := "near miss"
		if m.Alert {
			flag = "MATCH"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", flag, formatScore(m.Score), e.Source,
			cmp.Or(m.Country, "-"), oneLine(e.Name), oneLine(m.MatchedName),
			cmp.Or(lastNotice(e.FederalRegisterNotices), "-"), e.ID+alsoText(m.Also))
	}
	tw.Flush()
}

// alsoText names the other rows of a matched party, for the ID cell.
func alsoText(es []*entitylist.Entry) string {
	if len(es) == 0 {
		return ""
	}
	return " (also " + alsoList(es) + ")"
}

// alsoList names the other rows of a matched party by source and id.
func alsoList(es []*entitylist.Entry) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = string(e.Source) + " " + e.ID
	}
	return strings.Join(parts, ", ")
}

func lastNotice(ns []string) string {
	if len(ns) == 0 {
		return ""
	}
	return ns[len(ns)-1]
}

// oneLine keeps a table cell on one line.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s)
}

func (w *textWriter) end(s summary) error {
	_, err := fmt.Fprintf(w.w, "\n%s screened: %d with a match, %d without, %d could not be screened.\nList: %s\n",
		plural(s.queries, "query", "queries"), s.matched, s.queries-s.matched-s.failed, s.failed, s.version)
	return err
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// writeVersion writes a list version for people, used by info and update.
func writeVersion(w io.Writer, v entitylist.Version, indent string) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%sorigin:\t%s\n", indent, v.Origin)
	fmt.Fprintf(tw, "%sformat:\t%s\n", indent, v.Format)
	fmt.Fprintf(tw, "%sentries:\t%d\n", indent, v.Entries)
	fmt.Fprintf(tw, "%snewest entry:\t%s\n", indent, cmp.Or(dateString(v.Newest), "unknown"))
	fmt.Fprintf(tw, "%ssha256:\t%s\n", indent, v.SHA256)
	tw.Flush()
	fmt.Fprintf(w, "%sentries per source:\n", indent)
	for _, s := range v.SourcesByCount() {
		fmt.Fprintf(w, "%s  %-7s %7d  %s\n", indent, s, v.BySource[s], s.Name())
	}
	for i, p := range v.Parts {
		fmt.Fprintf(w, "%spart %d of %d:\n", indent, i+1, len(v.Parts))
		writeVersion(w, p, indent+"  ")
	}
}
