package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/entityscreen/entityscreen/screening"
)

// recordWindow bounds the records read and not yet written: more than
// ScreenSeq reads ahead on any machine, so that reading never waits on
// writing while the workers are busy.
const recordWindow = 4096

// screenConfig is the parsed command line of the screen command.
type screenConfig struct {
	lists         listFlags
	threshold     float64
	limit         int
	format        string
	workers       int
	input         string
	nameColumn    string
	countryColumn string
	kindColumn    string
	addressColumn string
	idColumn      string
	country       string
	names         []string
}

func runScreen(e *env, args []string) int {
	var c screenConfig
	fs := newFlagSet(e, "screen", "[flags] [NAME ...]\n\n"+
		"Screens the NAMEs given; with none, one name per line of standard input;\n"+
		"with --input, the rows of a CSV file, keeping every column in the output.")
	fs.Var(&c.lists, "list", "screen against this list `file` (official CSL CSV or JSON, or in-house CSV); repeatable")
	fs.Float64Var(&c.threshold, "threshold", screening.DefaultThreshold, "report matches scoring at least this (0 to 1)")
	fs.IntVar(&c.limit, "limit", screening.DefaultLimit, "at most this many matches per query")
	fs.StringVar(&c.format, "format", "text", "output `format`: text, json (JSON Lines, one object per query) or csv")
	fs.IntVar(&c.workers, "workers", 0, "screen with this many goroutines; 0 uses every core")
	fs.StringVar(&c.input, "input", "", "read queries from this CSV `file` with a header row (\"-\": standard input)")
	fs.StringVar(&c.nameColumn, "name-column", "name", "with --input: the `column` holding the names")
	fs.StringVar(&c.countryColumn, "country-column", "", "with --input: the `column` holding ISO-2 country codes, if any")
	fs.StringVar(&c.kindColumn, "kind-column", "", "with --input: the `column` saying company or person, if any")
	fs.StringVar(&c.addressColumn, "address-column", "", "with --input: the `column` holding addresses or cities, if any")
	fs.StringVar(&c.idColumn, "id-column", "", "with --input: the `column` holding identifiers (registration, tax, LEI, passport numbers), if any")
	fs.StringVar(&c.country, "country", "", "ISO-2 country `code` of the NAMEs or standard input lines, if known")
	names, err := parseArgs(fs, args)
	if err != nil {
		return flagStatus(err)
	}
	c.names = names
	if err := c.check(); err != nil {
		fmt.Fprintf(e.stderr, "entityscreen screen: %v\n", err)
		fs.Usage()
		return exitError
	}

	src, closeInput, err := c.openSource(e)
	if err != nil {
		return fail(e, err)
	}
	defer closeInput()

	list, _, err := loadList(e, c.lists)
	if err != nil {
		return fail(e, err)
	}
	s, err := screening.New(list, screening.WithThreshold(c.threshold), screening.WithLimit(c.limit))
	if err != nil {
		return fail(e, err)
	}
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	w, err := newResultWriter(c.format, out)
	if err != nil {
		return fail(e, err)
	}
	var prog *progress
	if c.input != "" || len(c.names) == 0 {
		prog = newProgress(e.stderr, src.size)
	}
	return screenAll(e, s, src, w, out, c.workers, prog)
}

// check validates the flags together, before anything is read.
func (c *screenConfig) check() error {
	if !slices.Contains(formats, c.format) {
		return fmt.Errorf("unknown --format %q: use %s", c.format, strings.Join(formats, ", "))
	}
	if err := screening.CheckOptions(screening.WithLimit(c.limit)); err != nil {
		return fmt.Errorf("--limit %d: %w", c.limit, err)
	}
	if c.workers < 0 {
		return fmt.Errorf("--workers %d: must be 0 (every core) or more", c.workers)
	}
	if err := screening.CheckOptions(screening.WithThreshold(c.threshold)); err != nil {
		return fmt.Errorf("--threshold %v: %w", c.threshold, err)
	}
	if c.input != "" && len(c.names) > 0 {
		return fmt.Errorf("give NAMEs or --input, not both")
	}
	if c.input != "" && c.country != "" {
		return fmt.Errorf("--country applies to NAMEs and standard input; with --input use --country-column")
	}
	for _, f := range [][2]string{{"--country-column", c.countryColumn}, {"--kind-column", c.kindColumn},
		{"--address-column", c.addressColumn}, {"--id-column", c.idColumn}} {
		if c.input == "" && f[1] != "" {
			return fmt.Errorf("%s needs --input", f[0])
		}
	}
	cc, err := screening.ParseCountry(c.country)
	if err != nil {
		return fmt.Errorf("--country %w", err)
	}
	c.country = cc
	return nil
}

// inputSource is a source with what the progress bar needs to know.
type inputSource struct {
	source
	size int64        // bytes of the input, 0 if unknown (a pipe)
	read *countReader // bytes read so far, nil for arguments
}

// openSource opens the input the flags name.
func (c *screenConfig) openSource(e *env) (*inputSource, func(), error) {
	nop := func() {}
	if len(c.names) > 0 {
		return &inputSource{source: &argSource{names: c.names, country: c.country}}, nop, nil
	}
	var (
		r      io.Reader = e.stdin
		origin           = "standard input"
		closer           = nop
	)
	if c.input != "" && c.input != "-" {
		f, err := os.Open(c.input)
		if err != nil {
			return nil, nil, fmt.Errorf("cannot read input: %w", err)
		}
		r, origin, closer = f, c.input, func() { f.Close() }
	}
	in := &inputSource{read: &countReader{r: r}, size: fileSize(r)}
	if c.input == "" {
		in.source = newLineSource(in.read, c.country)
		return in, closer, nil
	}
	src, err := newCSVSource(in.read, origin, columns{name: c.nameColumn, country: c.countryColumn,
		kind: c.kindColumn, address: c.addressColumn, id: c.idColumn})
	if err != nil {
		closer()
		return nil, nil, err
	}
	in.source = src
	return in, closer, nil
}

// fileSize is the size of r if it is a regular file, else 0.
func fileSize(r io.Reader) int64 {
	f, ok := r.(*os.File)
	if !ok {
		return 0
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return 0
	}
	return fi.Size()
}

// countReader counts the bytes read through it, for the progress bar.
type countReader struct {
	r io.Reader
	n atomic.Int64 // read by the progress bar while the reader reads
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// screenAll screens every record of src through s.ScreenSeq and writes the
// results in input order, each as soon as it is done, so a person typing
// names sees each answer at once while a file streams through with flat
// memory. It returns the exit status.
func screenAll(e *env, s *screening.Screener, src *inputSource, w resultWriter, out *bufio.Writer, workers int, prog *progress) int {
	// Every record read goes into recs and its query to the screener (a
	// record that could not be read into a query, such as a row with a bad
	// country, as an empty query that fails at once): the results come in
	// the order of recs, one each.
	recs := make(chan record, recordWindow)
	var fatal error // set by the reader before the stream ends
	queries := func(yield func(screening.Query) bool) {
		for {
			rec, err := src.next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				fatal = err
				return
			}
			q := rec.query
			if rec.err != nil {
				q = screening.Query{}
			}
			recs <- rec
			if !yield(q) {
				return
			}
		}
	}

	sum := summary{version: s.List().Version()}
	var (
		first   error // the first query error, repeated on stderr
		alerted bool
	)
	writeErr := func(err error) int {
		if prog != nil {
			prog.finish()
		}
		if isBrokenPipe(err) {
			return exitError // the reader went away: stop quietly
		}
		return fail(e, fmt.Errorf("writing output: %w", err))
	}
	if err := w.begin(src.header()); err != nil {
		return writeErr(err)
	}
	for res := range s.ScreenSeq(context.Background(), queries, screening.WithWorkers(workers)) {
		rec := <-recs
		if rec.err != nil {
			res = screening.Result{Query: rec.query, Err: rec.err}
		}
		sum.queries++
		switch {
		case res.Err != nil:
			sum.failed++
			if first == nil {
				first = fmt.Errorf("%s %d: %w", lineWord(rec), rec.line, res.Err)
			}
		case len(res.Matches) > 0:
			sum.matched++
			alerted = alerted || res.Alert()
		}
		if err := w.result(rec, res); err != nil {
			return writeErr(err)
		}
		// Flush when no record waits: the reader is waiting on its input.
		if len(recs) == 0 {
			if err := out.Flush(); err != nil {
				return writeErr(err)
			}
		}
		if prog != nil {
			prog.update(sum.queries, src.read)
		}
	}
	if prog != nil {
		prog.finish()
	}
	if err := w.end(sum); err != nil {
		return writeErr(err)
	}
	if err := out.Flush(); err != nil {
		return writeErr(err)
	}
	switch {
	case fatal != nil:
		return fail(e, fmt.Errorf("reading input after %d queries: %w", sum.queries, fatal))
	case sum.failed > 0:
		return fail(e, fmt.Errorf("%s of %d could not be screened; the first: %v", plural(sum.failed, "query", "queries"), sum.queries, first))
	case alerted:
		return exitMatch
	}
	return exitClear
}

func lineWord(r record) string {
	if r.isArg {
		return "argument"
	}
	return "line"
}
