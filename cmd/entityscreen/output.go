package main

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/printable"
	"github.com/entityscreen/entityscreen/screening"
)

// Output formats of the screen command.
var formats = []string{"text", "json", "csv"}

// resultWriter writes the result of each query, in input order, as it
// comes. Write errors are returned; the caller stops on the first. Each
// method writes whole lines with one Write call, so that output cut short
// (see wholeWrites) ends at the end of a result.
type resultWriter interface {
	// begin writes what comes before the first result (a CSV header).
	begin(header []string) error
	// result writes one query's outcome: its matches and how many more
	// the limit left out, or res.Err if it could not be screened; and,
	// with ownership data, what it says of the query (nil for a query
	// not screened).
	result(rec record, res screening.Result, own *ownershipOf) error
	// end writes what comes after the last result (a text summary).
	end(s summary) error
}

// summary counts the outcomes of a run.
type summary struct {
	queries   int // queries screened or failed
	matched   int // queries with a match, near misses included
	alerts    int // queries with a match at or above the threshold
	failed    int // queries that could not be screened
	version   entitylist.Version
	threshold float64
	weak      bool            // the list's weak aliases were screened (--weak-aliases)
	started   time.Time       // when screening started
	ownership *ownershipTally // the ownership findings, nil without ownership data
}

// stamp is what every record of a run names besides the library's record
// of a result: the version of the command and the time of screening.
type stamp struct {
	tool string           // the command's version, toolVersion().String()
	now  func() time.Time // the clock
}

// newStamp is the stamp of the command as built, on the system clock.
func newStamp() stamp { return stamp{tool: toolVersion().String(), now: time.Now} }

// timeFormat is how records write times: RFC 3339 in UTC, to the
// millisecond, always as wide.
const timeFormat = "2006-01-02T15:04:05.000Z07:00"

// timeString writes t as records do.
func timeString(t time.Time) string { return t.UTC().Format(timeFormat) }

// jsonKeys returns the keys "tool_version" and "screened_at" (of the time
// at), each after a comma, to add to a JSON object.
func (st stamp) jsonKeys(at time.Time) []byte {
	tool, _ := json.Marshal(st.tool) // a string marshals
	return fmt.Appendf(nil, `,"tool_version":%s,"screened_at":"%s"`, tool, timeString(at))
}

// addKeys inserts keys, each after a comma, before the end of the JSON
// object line (which may end in a newline).
func addKeys(line []byte, keys ...[]byte) []byte {
	end := bytes.LastIndexByte(line, '}')
	parts := append([][]byte{line[:end:end]}, keys...)
	return append(slices.Concat(parts...), line[end:]...)
}

// newResultWriter returns the writer of format on w. own is the ownership
// data the queries are looked up in, nil if none: with it, the CSV format
// has the ownershipColumns.
func newResultWriter(format string, w io.Writer, st stamp, own *ownershipData) (resultWriter, error) {
	switch format {
	case "text":
		return &textWriter{w: w, stamp: st, own: own}, nil
	case "json":
		return &jsonWriter{w: w, stamp: st}, nil
	case "csv":
		c := &csvWriter{w: w, stamp: st, own: own}
		c.cw = csv.NewWriter(&c.buf)
		return c, nil
	}
	return nil, fmt.Errorf("unknown format %s: use %s", printable.Quote(format), strings.Join(formats, ", "))
}

// jsonWriter writes JSON Lines: exactly one object per query, the
// library's record of a Result (see screening.Result), with the input row
// of a CSV file added as "input"; with ownership data, the record of the
// party's ownership.Outcome as "ownership" (null when the data has no party
// of the query's name or id, absent for a query not screened), and those
// of other parties of the same name as "ownership_also"; then the
// command's version as "tool_version" and the time of screening as
// "screened_at".
type jsonWriter struct {
	w      io.Writer
	stamp  stamp
	buf    bytes.Buffer
	header []string
	named  map[string]bool // headerNames(header), once for every row
}

func dateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// jsonRow is a CSV input row as a JSON object, columns in header order. A
// column with a blank header cell, which may repeat, is keyed by its
// number from 1, as are fields beyond the header; a number a header cell
// names already gets a "_" in front, until no cell names it, so that the
// object holds each key once.
type jsonRow struct {
	header, fields []string
	named          map[string]bool // the header's names, see headerNames; nil: worked out for this row
}

// headerNames returns the set of the names of header's cells that are not
// blank, which jsonRow keys the numbered fields around.
func headerNames(header []string) map[string]bool {
	named := make(map[string]bool, len(header))
	for _, h := range header {
		if strings.TrimSpace(h) != "" {
			named[h] = true
		}
	}
	return named
}

// MarshalJSON writes the row as an object keeping the column order.
func (r *jsonRow) MarshalJSON() ([]byte, error) {
	named := r.named
	if named == nil {
		named = headerNames(r.header)
	}
	numbered := func(i int) string {
		k := strconv.Itoa(i + 1)
		for named[k] {
			k = "_" + k
		}
		return k
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, h := range r.header {
		if i > 0 {
			b.WriteByte(',')
		}
		if strings.TrimSpace(h) == "" {
			h = numbered(i)
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
		k, _ := json.Marshal(numbered(i))
		vb, _ := json.Marshal(r.fields[i])
		b.Write(k)
		b.WriteByte(':')
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func (w *jsonWriter) begin(header []string) error {
	w.header, w.named = header, headerNames(header)
	return nil
}

func (w *jsonWriter) result(rec record, res screening.Result, own *ownershipOf) error {
	w.buf.Reset()
	enc := json.NewEncoder(&w.buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(res); err != nil {
		return fmt.Errorf("line %d: %w", rec.line, err)
	}
	// The record is an object: the input row, the version and the time
	// go in before its end.
	var keys [][]byte
	if rec.fields != nil {
		row, err := json.Marshal(&jsonRow{header: w.header, fields: rec.fields, named: w.named})
		if err != nil {
			return fmt.Errorf("line %d: %w", rec.line, err)
		}
		keys = append(keys, append([]byte(`,"input":`), row...))
	}
	if own != nil {
		k, err := ownershipKeys(own)
		if err != nil {
			return fmt.Errorf("line %d: %w", rec.line, err)
		}
		keys = append(keys, k)
	}
	keys = append(keys, w.stamp.jsonKeys(w.stamp.now()))
	_, err := w.w.Write(addKeys(w.buf.Bytes(), keys...))
	return err
}

func (w *jsonWriter) end(summary) error { return nil }

// csvWriter writes one row per match, or one row for a query without match
// or with an error, so a spreadsheet can filter on the result column. Every
// cell goes through csvCell, so that no cell is run as a formula. The
// input columns of a CSV input come first, named as csvInputColumns says.
type csvWriter struct {
	w      io.Writer
	stamp  stamp
	own    *ownershipData // nil: no ownership columns
	buf    bytes.Buffer   // the rows of one result, written to w at once
	cw     *csv.Writer    // writes to buf
	inCols int            // number of input columns (CSV input), 0 otherwise
}

// csvCell makes s a safe cell. A byte that is not UTF-8 (a query or an
// input column may hold one) becomes U+FFFD, as in the JSON records, so
// that the output is UTF-8 whatever the input. A cell a spreadsheet
// (Excel, LibreOffice) would run as a formula is neutralised, by the rule
// of OWASP's "CSV Injection": a cell that starts with =, +, -, @, a tab
// or a CR gets a single quote in front, which the spreadsheet shows as
// text. Names, list data and input columns can all start so ("-2",
// "=HYPERLINK(...)").
func csvCell(s string) string {
	if !utf8.ValidString(s) {
		s = validUTF8(s)
	}
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// validUTF8 returns s with each byte that is not UTF-8 replaced by U+FFFD,
// one for each such byte as encoding/json writes them (strings.ToValidUTF8
// would replace a run of them by one).
func validUTF8(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// write adds a row, every cell made safe, to the result being written.
func (w *csvWriter) write(row []string) {
	safe := make([]string, len(row))
	for i, c := range row {
		safe[i] = csvCell(c)
	}
	w.cw.Write(safe) // to a bytes.Buffer: errors only for an invalid Comma
}

// flush writes the rows added since the last flush to the output at once.
func (w *csvWriter) flush() error {
	w.cw.Flush()
	if err := w.cw.Error(); err != nil {
		return err
	}
	_, err := w.w.Write(w.buf.Bytes())
	w.buf.Reset()
	return err
}

// csvResultColumns follow the input columns (or the query column).
// "also" names the other rows of a matched party; "more" counts the
// matches of the query that --limit left out; "threshold",
// "weak_aliases" (whether the list's weak aliases were screened: true or
// false) and "list_version" (for people, see entitylist.Version.String)
// are the screening's, empty for a query that could not be screened;
// "tool_version" and "screened_at" are those of the JSON records.
var csvResultColumns = []string{"result", "score", "id", "name", "matched_name", "source", "country", "federal_register",
	"explanation", "error", "also", "more", "threshold", "weak_aliases", "list_version", "tool_version", "screened_at"}

// csvInputColumns returns the input columns of a CSV output as its
// header names them: header's names, but for a name the output's own
// columns have (csvResultColumns, and ownershipColumns with own), in any
// case and spacing as the input's are compared, which gets "input_" in
// front, as many times as it takes for no other column to have it. The
// output's columns keep their names, so that a reader finds the entry's
// "name", "id" and "country" under them whatever the input's columns;
// notes say, for people, which input columns are written under another
// name. header is not changed.
func csvInputColumns(header []string, own *ownershipData) (cols, notes []string) {
	ours := map[string]string{} // the output's columns, by foldName
	for _, n := range csvResultColumns {
		ours[foldName(n)] = n
	}
	if own != nil {
		for _, n := range ownershipColumns {
			ours[foldName(n)] = n
		}
	}
	taken := map[string]bool{}
	for _, n := range slices.Concat(slices.Collect(maps.Keys(ours)), header) {
		if n = strings.TrimSpace(n); n != "" {
			taken[foldName(n)] = true
		}
	}
	cols = slices.Clone(header)
	for i, h := range header {
		theirs, clash := ours[foldName(strings.TrimSpace(h))]
		if !clash {
			continue
		}
		n := "input_" + h
		for taken[foldName(strings.TrimSpace(n))] {
			n = "input_" + n
		}
		taken[foldName(strings.TrimSpace(n))] = true
		cols[i] = n
		notes = append(notes, fmt.Sprintf("column %q is written as %q in the CSV output, which has a column %q of its own",
			h, n, theirs))
	}
	return cols, notes
}

func (w *csvWriter) begin(header []string) error {
	var h []string
	if header != nil {
		w.inCols = len(header)
		cols, _ := csvInputColumns(header, w.own)
		h = append(h, cols...)
	} else {
		h = append(h, "query", "query_country")
	}
	h = append(h, csvResultColumns...)
	if w.own != nil {
		h = append(h, ownershipColumns...)
	}
	w.write(h)
	return w.flush()
}

func (w *csvWriter) prefix(rec record) []string {
	if w.inCols > 0 {
		p := make([]string, w.inCols)
		copy(p, rec.fields) // a short ragged row leaves its missing fields empty
		return p
	}
	return []string{rec.query.Name, rec.query.Country}
}

func (w *csvWriter) result(rec record, res screening.Result, own *ownershipOf) error {
	p := w.prefix(rec)
	var run []string // the columns that say how the query was screened
	if res.Err == nil {
		run = append(run, formatThreshold(res.Threshold), strconv.FormatBool(res.WeakAliases), res.Version.String())
	} else {
		run = append(run, "", "", "")
	}
	run = append(run, w.stamp.tool, timeString(w.stamp.now()))
	if w.own != nil {
		run = append(run, w.own.csvCells(own)...)
	}
	matches := res.Matches
	switch {
	case res.Err != nil:
		w.write(slices.Concat(p, []string{"error", "", "", "", "", "", "", "", "", res.Err.Error(), "", ""}, run))
	case len(matches) == 0:
		w.write(slices.Concat(p, []string{"no match", "", "", "", "", "", "", "", "", "", "", ""}, run))
	default:
		for _, m := range matches {
			e := m.Entry
			result := "near miss"
			if m.Alert {
				result = "match"
			}
			w.write(slices.Concat(p, []string{result, formatScore(m.Score), e.ID, e.Name, m.MatchedName, string(e.Source),
				m.Country, strings.Join(e.FederalRegisterNotices, "; "),
				m.Explanation.String(), "", alsoList(m.Also), strconv.Itoa(res.More)}, run))
		}
	}
	return w.flush()
}

func (w *csvWriter) end(summary) error { return nil }

// formatScore writes a score with the four places a Match has.
func formatScore(f float64) string { return strconv.FormatFloat(f, 'f', 4, 64) }

// formatThreshold writes a threshold as given, without trailing zeros.
func formatThreshold(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// textWriter writes a readable block per query, for people.
type textWriter struct {
	w      io.Writer
	stamp  stamp
	own    *ownershipData // nil: no ownership blocks
	header []string
	buf    bytes.Buffer
}

func (w *textWriter) begin(header []string) error {
	w.header = header
	return nil
}

// label is how a query is named in text output: quoted, which escapes what
// printable.Text escapes.
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

func (w *textWriter) result(rec record, res screening.Result, own *ownershipOf) error {
	w.buf.Reset()
	b := &w.buf
	matches := res.Matches
	switch {
	case res.Err != nil:
		fmt.Fprintf(b, "%s: ERROR: %s\n", w.label(rec), printable.Text(res.Err.Error()))
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
	if own != nil && w.own != nil {
		w.own.writeOwnershipBlock(b, own, res.Alert())
	}
	_, err := w.w.Write(b.Bytes())
	return err
}

// writeMatchTable writes matches as an aligned table, indented. A match
// of the same party as an earlier one says so in its ID cell ("party of
// #1"), EFFECT names what its listings oblige, and WHY how the score came
// about: the share of the words that met, then each check that moved it
// (see whyText; explain says more).
func writeMatchTable(w io.Writer, matches []screening.Match) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  #\tRESULT\tSCORE\tSOURCE\tCOUNTRY\tNAME\tMATCHED NAME\tEFFECT\tFEDERAL REGISTER\tID\tWHY")
	for i, m := range matches {
		e := m.Entry
		flag := "near miss"
		if m.Alert {
			flag = "MATCH"
		}
		id := e.ID + alsoText(m.Also)
		if m.Party != i {
			id += fmt.Sprintf(" (party of #%d)", m.Party+1)
		}
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", i+1, flag, formatScore(m.Score), printable.Text(string(e.Source)),
			printable.Text(cmp.Or(m.Country, "-")), printable.Text(e.Name), printable.Text(m.MatchedName), effectKinds(m.Effects()),
			printable.Text(cmp.Or(lastNotice(e.FederalRegisterNotices), "-")), printable.Text(id), whyText(m.Explanation))
	}
	tw.Flush()
}

// whyText says in one cell how an explained score came about: "words
// 0.8143" (the explanation's base), then each check by name and factor or
// effect ("person x0.7225", "country +0.02"), and "capped at 1" when the
// checks took the score above 1; "-" for a match screened without
// explanations.
func whyText(ex screening.Explanation) string {
	if ex.Query.Text == "" && len(ex.Pairs) == 0 {
		return "-"
	}
	parts := []string{"words " + formatScore(ex.Base)}
	for _, c := range ex.Checks {
		switch {
		case c.Factor != 0:
			parts = append(parts, c.Name+" x"+checkNumber(c.Factor))
		case c.Effect < 0:
			parts = append(parts, c.Name+" -"+checkNumber(-c.Effect))
		default:
			parts = append(parts, c.Name+" +"+checkNumber(c.Effect))
		}
	}
	if ex.Capped {
		parts = append(parts, "capped at 1")
	}
	return printable.Text(strings.Join(parts, ", "))
}

// checkNumber writes a check's factor or effect, at least 0, with the
// four places of a score, trailing zeros past two dropped.
func checkNumber(f float64) string {
	s := strconv.FormatFloat(f, 'f', 4, 64)
	for strings.HasSuffix(s, "0") && len(s)-strings.IndexByte(s, '.') > 3 {
		s = s[:len(s)-1]
	}
	return s
}

// effectKinds names the kinds of effects, each once, in order.
func effectKinds(fx []entitylist.Effect) string {
	var kinds []string
	for _, f := range fx {
		if k := string(f.Kind); !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	return printable.Text(cmp.Or(strings.Join(kinds, ", "), "-"))
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

// printableLines is printable.Text for a text of several lines, such as an
// explanation: each line is escaped, the line ends between them kept.
func printableLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = printable.Text(l)
	}
	return strings.Join(lines, "\n")
}

// end writes the summary: the counts, the list (which says whether it is
// the sample), the threshold, when and by what version screening started.
func (w *textWriter) end(s summary) error {
	var b strings.Builder
	fmt.Fprintf(&b, "\n%s screened: %d with a match, %d without, %d could not be screened.\nList: %s\n",
		plural(s.queries, "query", "queries"), s.matched, s.queries-s.matched-s.failed, s.failed, printable.Text(s.version.String()))
	if s.version.Sample {
		b.WriteString("WARNING: screened against the embedded SAMPLE list, not the complete official list: \"no match\" clears no one.\n")
	}
	weak := ""
	if s.weak {
		weak = ", the list's weak aliases screened"
	}
	fmt.Fprintf(&b, "Threshold %s%s; screened %s by entityscreen %s.\n",
		formatThreshold(s.threshold), weak, timeString(s.started), printable.Text(w.stamp.tool))
	if s.ownership != nil {
		s.ownership.end(&b)
	}
	_, err := io.WriteString(w.w, b.String())
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
	fmt.Fprintf(tw, "%sorigin:\t%s\n", indent, printable.Text(v.Origin))
	fmt.Fprintf(tw, "%sformat:\t%s\n", indent, printable.Text(v.Format.String()))
	fmt.Fprintf(tw, "%sentries:\t%d\n", indent, v.Entries)
	fmt.Fprintf(tw, "%snewest entry:\t%s\n", indent, cmp.Or(dateString(v.Newest), "unknown"))
	fmt.Fprintf(tw, "%ssha256:\t%s\n", indent, v.SHA256)
	if v.Unscreened > 0 {
		fmt.Fprintf(tw, "%snames not screened:\t%d\n", indent, v.Unscreened)
	}
	if v.Sample {
		fmt.Fprintf(tw, "%ssample:\tyes, not a complete list\n", indent)
	}
	tw.Flush()
	fmt.Fprintf(w, "%sentries per source:\n", indent)
	for _, s := range v.SourcesByCount() {
		fmt.Fprintf(w, "%s  %-7s %7d  %s\n", indent, printable.Text(string(s)), v.BySource[s], printable.Text(s.Name()))
	}
	for i, p := range v.Parts {
		fmt.Fprintf(w, "%spart %d of %d:\n", indent, i+1, len(v.Parts))
		writeVersion(w, p, indent+"  ")
	}
}
