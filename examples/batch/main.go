// Batch re-screens a supplier master file, as a nightly or post-update job
// would, and writes a CSV report of the potential matches with their
// explanations for the compliance team.
//
//	go run ./examples/batch -in suppliers.csv -name-column name -country-column country > report.csv
//
// Every supplier that could not be screened is in the report too, so none is
// missed silently.
package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// reportHeader is the header of the report, after the supplier's own columns.
var reportHeader = []string{"status", "score", "list_id", "list_name", "matched_name", "source", "federal_register", "explanation"}

// Counts summarizes a run.
type Counts struct {
	Suppliers, Matched, Failed int
}

// Report screens every row of the supplier file in and writes one report row
// per potential match, and one per supplier that could not be screened, to
// out. Each report row starts with the supplier's row as it was, but for
// cells a spreadsheet would run as formulas (see cell).
func Report(ctx context.Context, s *screening.Screener, in io.Reader, out io.Writer, nameColumn, countryColumn string) (Counts, error) {
	// A byte order mark, as spreadsheets write one, goes before the CSV
	// reader reads: a quoted header after it would read as a bare quote.
	br := bufio.NewReader(in)
	if b, err := br.Peek(3); err == nil && string(b) == "\ufeff" {
		br.Discard(3)
	}
	r := csv.NewReader(br)
	header, err := r.Read()
	if err != nil {
		return Counts{}, fmt.Errorf("reading the header: %w", err)
	}
	nameAt, countryAt := index(header, nameColumn), index(header, countryColumn)
	if nameAt < 0 || (countryColumn != "" && countryAt < 0) {
		return Counts{}, fmt.Errorf("the header %q lacks the column %q or %q", header, nameColumn, countryColumn)
	}
	for _, col := range []string{nameColumn, countryColumn} {
		if at := index(header, col); at >= 0 && index(header[at+1:], col) >= 0 {
			return Counts{}, fmt.Errorf("the header %q names the column %q twice: which to screen is unclear", header, col)
		}
	}
	// The rows stream through the screener: read as it asks for them,
	// screened on every core, written in input order, so memory stays flat
	// however large the file. Each row read waits in rows for its result.
	rows := make(chan []string, 1024)
	var readErr error
	queries := func(yield func(screening.Query) bool) {
		for {
			row, err := r.Read()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				readErr = err // names the line
				return
			}
			q := screening.Query{Name: row[nameAt]}
			if countryAt >= 0 {
				q.Country = row[countryAt]
			}
			rows <- row
			if !yield(q) {
				return
			}
		}
	}

	w := &reportWriter{csv.NewWriter(out)}
	if err := w.Write(append(header, reportHeader...)); err != nil {
		return Counts{}, err
	}
	var c Counts
	for res := range s.ScreenSeq(ctx, queries) {
		row := <-rows
		row = row[:len(row):len(row)]
		c.Suppliers++
		if res.Err != nil {
			c.Failed++
			w.Write(append(row, "not screened", "", "", "", "", "", "", res.Err.Error()))
			continue
		}
		if len(res.Matches) > 0 {
			c.Matched++
		}
		for _, m := range res.Matches {
			e := m.Entry
			w.Write(append(row, "potential match", strconv.FormatFloat(m.Score, 'f', 4, 64), e.ID, e.Name,
				m.MatchedName, string(e.Source), strings.Join(e.FederalRegisterNotices, "; "), m.Explanation.String()))
		}
	}
	w.Flush()
	if readErr != nil {
		return c, readErr
	}
	return c, w.Error()
}

// reportWriter writes the rows of the report, every cell through cell.
type reportWriter struct{ *csv.Writer }

// Write writes one row, made safe.
func (w *reportWriter) Write(row []string) error {
	safe := make([]string, len(row))
	for i, c := range row {
		safe[i] = cell(c)
	}
	return w.Writer.Write(safe)
}

// cell neutralises a cell that Excel or LibreOffice would run as a formula,
// by the rule of OWASP's "CSV Injection": a cell starting with =, +, -, @,
// a tab or a CR gets a single quote in front, and shows as text. Supplier
// cells, list names and ids can all start so ("=HYPERLINK(...)", "-2").
func cell(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

func index(header []string, name string) int {
	if name == "" {
		return -1
	}
	for i, h := range header {
		if strings.EqualFold(strings.TrimSpace(h), name) {
			return i
		}
	}
	return -1
}

func main() {
	in := flag.String("in", "", "supplier master file (CSV with a header row)")
	nameColumn := flag.String("name-column", "name", "column of the supplier names")
	countryColumn := flag.String("country-column", "", "column of the ISO-2 country codes, if any")
	listPath := flag.String("list", "", "screening list file (default: the embedded sample list)")
	flag.Parse()
	if *in == "" {
		fmt.Fprintln(os.Stderr, "usage: batch -in FILE.csv [-name-column C] [-country-column C] [-list FILE] > report.csv")
		os.Exit(2)
	}
	list := entitylist.Default()
	if *listPath != "" {
		var err error
		if list, err = entitylist.Open(*listPath); err != nil {
			fmt.Fprintln(os.Stderr, "batch:", err)
			os.Exit(2)
		}
	} else {
		fmt.Fprintln(os.Stderr, "batch: using the embedded SAMPLE list; pass -list with the official list for real screening")
	}
	s, err := screening.New(list)
	if err != nil {
		fmt.Fprintln(os.Stderr, "batch:", err)
		os.Exit(2)
	}
	f, err := os.Open(*in)
	if err != nil {
		fmt.Fprintln(os.Stderr, "batch:", err)
		os.Exit(2)
	}
	defer f.Close()
	c, err := Report(context.Background(), s, f, os.Stdout, *nameColumn, *countryColumn)
	if err != nil {
		fmt.Fprintln(os.Stderr, "batch:", err)
		os.Exit(2)
	}
	fmt.Fprintf(os.Stderr, "batch: %d suppliers, %d with potential matches, %d not screened; list %s\n",
		c.Suppliers, c.Matched, c.Failed, list.Version())
}
