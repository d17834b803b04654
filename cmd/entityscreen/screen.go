package main

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/entityscreen/entityscreen/internal/printable"
	"github.com/entityscreen/entityscreen/screening"
)

// recordWindow bounds the records read and not yet written: more than
// ScreenSeq reads ahead on any machine, so that reading never waits on
// writing while the workers are busy.
const recordWindow = 4096

// screenUsage is the description in the usage message of the screen
// command. main's package documentation repeats the exit status rule.
const screenUsage = `Screens the NAMEs given; with none, one name per line of standard input;
with --input, the rows of a CSV file, keeping every column in the output
(a header naming a column twice, in any case, is an error; in CSV output,
an input column with the name of a column the output adds, such as
"name", "id", "country" or "score", is written with "input_" in front,
said on standard error, so that those names are always the screening's).
Without --list it screens against the official list "entityscreen update"
downloaded; when there is none, NAMEs are screened against the embedded
SAMPLE list with a warning, but standard input and --input are refused
(status 2) unless --sample is given: a batch run unattended must not pass
"no match" against 40 entries for a clearance.
Every JSON line and CSV row names the command's version ("tool_version")
and the time of screening ("screened_at"), and the text summary both.
Lines end at LF, CRLF or a lone CR; a byte order mark at the start of the
input is dropped. Blank lines and rows (white space only) are skipped, and
counted on standard error. A line or CSV field longer
than 64 KiB, or a CSV row longer than 1 MiB, is not screened: its error is
in the output, with the line or row cut there.

With --ownership FILE (repeatable: the ownership CSV, GLEIF relationship
and entity CSV, UK PSC or FollowTheMoney JSON Lines, the format told from
the start of each file), each query is also looked up in the ownership
data, by the --id-column value if the data has a party of that id (also as
an LEI, XI-LEI-..., or a UK company number, GB-COH-...), else by name in any
case and spacing; the data's parties are tied to the list by name, at the
threshold, or by the list ids it gives, and the OFAC 50 Percent Rule and
the BIS Affiliates Rule are applied as of --as-of. The outcome follows each
query: listed, owned 50% or more by listed parties (under which rule,
through which paths, with the listed owners, their lists and the license
requirement), possibly owned and why, clear, or not in the ownership data.
JSON adds it as "ownership" (the ownership.Outcome record; null: not in the
data), CSV as the columns ownership_finding, ownership_rule,
ownership_path and ownership_reason. A party listed, or owned or possibly
owned 50% or more by listed parties under a rule in force, is an alert
like a match, even when its name matches nothing. An ownership file with
any bad record is an error naming its lines and fields: nothing is
screened on data read in part.

Exit status:
  0    every query screened, none matched at or above the threshold
       (nor, with --ownership, is listed or owned by listed parties)
  1    every query screened, at least one matched (or, with --ownership,
       is listed, or owned or possibly owned by listed parties)
  2    an error: bad flags, a list that fails to load, an input that cannot
       be read, no query at all, or a query that could not be screened.
       Errors take precedence over matches: standard error then says how
       many queries matched as well.
  130  stopped by SIGINT (143: by SIGTERM), the shell's status for a
       process the signal killed. The output holds the results of the
       queries before the interruption, each whole; standard error says
       how many, and how many of them matched if any did.`

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
	sample        bool
	weakAliases   bool
	maxAge        string // --max-age as given; empty: warn after defaultMaxAge
	own           ownershipFlags
	names         []string
	given         map[string]bool // the flags set on the command line, by name
}

func runScreen(e *env, args []string) int {
	var c screenConfig
	fs := newFlagSet(e, "screen", "[flags] [NAME ...]\n\n"+screenUsage)
	fs.Var(&c.lists, "list", "screen against this list `file`"+listValues)
	fs.Float64Var(&c.threshold, "threshold", screening.DefaultThreshold, "report matches scoring at least this (0 to 1)")
	fs.IntVar(&c.limit, "limit", screening.DefaultLimit, "at most this many matches per query")
	fs.StringVar(&c.format, "format", "text", "output `format`: text, json (JSON Lines, one object per query) or csv")
	fs.IntVar(&c.workers, "workers", 0, fmt.Sprintf("screen with this many goroutines, at most %d; 0 uses every core", screening.MaxWorkers))
	fs.StringVar(&c.input, "input", "", "read queries from this CSV `file` with a header row (\"-\": standard input)")
	fs.StringVar(&c.nameColumn, "name-column", "name", "with --input: the `column` holding the names")
	fs.StringVar(&c.countryColumn, "country-column", "", "with --input: the `column` holding countries (ISO codes or English names), if any")
	fs.StringVar(&c.kindColumn, "kind-column", "", "with --input: the `column` saying company or person, if any")
	fs.StringVar(&c.addressColumn, "address-column", "", "with --input: the `column` holding addresses or cities, if any")
	fs.StringVar(&c.idColumn, "id-column", "", "with --input: the `column` holding identifiers (registration, tax, LEI, passport numbers), if any")
	fs.StringVar(&c.country, "country", "", "`country` of the NAMEs or standard input lines (an ISO code or English name), if known")
	fs.StringVar(&c.maxAge, "max-age", "", "refuse a downloaded list fetched longer ago than this (\"36h\", \"7d\");\nwithout it, a list older than 7 days gives a warning")
	fs.BoolVar(&c.sample, "sample", false, "without --list and a downloaded list, screen standard input or --input\nagainst the embedded SAMPLE list rather than refuse (for trying the tool)")
	fs.BoolVar(&c.weakAliases, "weak-aliases", false, weakAliasesUsage)
	c.own.register(fs)
	names, err := parseArgs(fs, args)
	if err != nil {
		return flagStatus(err)
	}
	c.names = names
	c.given = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { c.given[f.Name] = true })
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

	policy := sampleWarn
	if len(c.names) == 0 && !c.sample {
		policy = sampleRefuse // a batch
	}
	list, choice, err := loadList(e, c.lists, policy)
	if err != nil {
		return fail(e, err)
	}
	maxAge, _ := parseAge(c.maxAge) // checked with the flags
	if err := checkAge(e, list, choice, cmp.Or(maxAge, defaultMaxAge), c.maxAge != "", time.Now()); err != nil {
		return fail(e, err)
	}
	s, err := newScreener(e, list, screening.WithThreshold(c.threshold), screening.WithLimit(c.limit), screening.WithWeakAliases(c.weakAliases))
	if err != nil {
		return fail(e, err)
	}
	var own *ownershipData
	if len(c.own.files) > 0 {
		if own, err = loadOwnership(context.Background(), e, s, &c.own); err != nil {
			return fail(e, err)
		}
	}
	if h := src.header(); h != nil && c.format == "csv" {
		_, notes := csvInputColumns(h, own)
		for _, n := range notes {
			fmt.Fprintf(e.stderr, "entityscreen: note: %s: %s\n", c.inputName(), n)
		}
	}
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	st := newStamp()
	w, err := newResultWriter(c.format, wholeWrites{out}, st, own)
	if err != nil {
		return fail(e, err)
	}
	var prog *progress
	if c.input != "" || len(c.names) == 0 {
		prog = newProgress(e.stderr, src.size)
	}
	// Until here a signal kills the command, which has written nothing;
	// from here on it stops it cleanly.
	ctx, stop := signalContext()
	defer stop()
	return screenAll(ctx, e, s, own, src, w, out, c.workers, prog, st.now())
}

// check validates the flags together, before anything is read.
func (c *screenConfig) check() error {
	if !slices.Contains(formats, c.format) {
		return fmt.Errorf("unknown --format %s: use %s", printable.Quote(c.format), strings.Join(formats, ", "))
	}
	if c.maxAge != "" {
		if _, err := parseAge(c.maxAge); err != nil {
			return fmt.Errorf("--max-age %w", err)
		}
	}
	if err := screening.CheckOptions(screening.WithLimit(c.limit)); err != nil {
		return fmt.Errorf("--limit %d: %w", c.limit, err)
	}
	if err := screening.CheckOptions(screening.WithWorkers(c.workers)); err != nil {
		return fmt.Errorf("--workers %d: %w", c.workers, err)
	}
	if err := screening.CheckOptions(screening.WithThreshold(c.threshold)); err != nil {
		return fmt.Errorf("--threshold %v: %w", c.threshold, err)
	}
	if err := c.own.check(time.Now()); err != nil {
		return err
	}
	if c.input != "" && len(c.names) > 0 {
		return fmt.Errorf("give NAMEs or --input, not both")
	}
	if c.input != "" && c.country != "" {
		return fmt.Errorf("--country applies to NAMEs and standard input; with --input use --country-column")
	}
	// Without --input each line is a name: a column flag would be ignored,
	// and a CSV file piped in screened line by line, its header included.
	for _, f := range []string{"name-column", "country-column", "kind-column", "address-column", "id-column"} {
		if c.input == "" && c.given[f] {
			return fmt.Errorf("--%s needs --input", f)
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
		origin           = c.inputName()
		closer           = nop
	)
	if c.input != "" && c.input != "-" {
		f, err := os.Open(c.input)
		if err != nil {
			return nil, nil, fmt.Errorf("cannot read input: %w", err)
		}
		r, closer = f, func() { f.Close() }
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
	for _, n := range src.unreadColumns() {
		fmt.Fprintf(e.stderr, "entityscreen: note: %s: %s\n", origin, n)
	}
	in.source = src
	return in, closer, nil
}

// inputName names the input of names for people: the --input file, or
// standard input.
func (c *screenConfig) inputName() string {
	if c.input != "" && c.input != "-" {
		return c.input
	}
	return "standard input"
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

// wholeWrites passes on whole writes only: a write that does not fit in
// what the buffer has left flushes the buffer first, so that the output
// ends at the end of a result whenever the command stops, even killed.
type wholeWrites struct{ *bufio.Writer }

func (w wholeWrites) Write(p []byte) (int, error) {
	if len(p) > w.Available() && w.Buffered() > 0 {
		if err := w.Flush(); err != nil {
			return 0, err
		}
	}
	return w.Writer.Write(p)
}

// read is one record read from a source, or its error: io.EOF after the
// last, with the count of blank lines or rows skipped.
type read struct {
	rec     record
	err     error
	skipped int
}

// readAll reads src on its own goroutine, sending each record on the
// channel it returns, until an error (io.EOF at the end) or until done is
// closed. Reading apart lets an interrupted run stop while a read waits on
// a terminal or a pipe.
func readAll(src source, done <-chan struct{}) <-chan read {
	c := make(chan read)
	go func() {
		for {
			rec, err := src.next()
			r := read{rec: rec, err: err}
			if err != nil {
				r.skipped = src.skipped()
			}
			select {
			case c <- r:
			case <-done:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return c
}

// screenAll screens every record of src through s.ScreenSeq and writes the
// results in input order, each as soon as it is done, so a person typing
// names sees each answer at once while a file streams through with flat
// memory. With ownership data (own not nil) it looks each query up in it
// too: a query whose party the data shows listed or owned by listed
// parties counts as an alert, whatever its name matched. started is when
// screening started, for the summary. It returns the exit status (see
// screenUsage).
//
// When ctx is done (SIGINT or SIGTERM, see runScreen), it stops reading,
// writes the results done before the first query left unscreened, ends the
// output after the last of them and says on stderr how many queries were
// screened.
func screenAll(ctx context.Context, e *env, s *screening.Screener, own *ownershipData, src *inputSource, w resultWriter, out *bufio.Writer, workers int, prog *progress, started time.Time) int {
	// done stops the reading, when screenAll returns or when it stops
	// early on an error, so that leaving the ScreenSeq loop never waits on
	// input.
	done := make(chan struct{})
	stopReading := sync.OnceFunc(func() { close(done) })
	defer stopReading()
	reads := readAll(src, done)

	// Every record read goes into recs and its query to the screener (a
	// record that could not be read into a query, such as a row with a bad
	// country, as an empty query that fails at once): the results come in
	// the order of recs, one each. fatal, skipped and complete are set
	// before the stream ends, read after.
	recs := make(chan record, recordWindow)
	var (
		fatal    error
		skipped  int
		complete bool // the input was read to its end or to a fatal error
	)
	queries := func(yield func(screening.Query) bool) {
		for {
			var r read
			select {
			case <-ctx.Done():
				return
			case <-done:
				return
			case r = <-reads:
			}
			if r.err != nil {
				if !errors.Is(r.err, io.EOF) {
					fatal = r.err
				}
				skipped, complete = r.skipped, true
				return
			}
			q := r.rec.query
			if r.rec.err != nil {
				q = screening.Query{}
			}
			recs <- r.rec
			if !yield(q) {
				return
			}
		}
	}

	// The version of the results, with the names the screener cannot
	// screen counted, replaces the list's once a query is screened.
	sum := summary{version: s.List().Version(), threshold: s.Threshold(), weak: s.WeakAliases(), started: started}
	if own != nil {
		sum.ownership = &ownershipTally{data: own}
	}
	var (
		first   error // the first query error, repeated on stderr
		stopped bool  // a query was left unscreened because ctx is done
	)
	writeErr := func(err error) int {
		stopReading()
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
	var warned warnings
	defer warned.report(e)
	for res := range s.ScreenSeq(ctx, queries, screening.WithWorkers(workers)) {
		rec := <-recs
		if ctx.Err() != nil && errors.Is(res.Err, context.Canceled) {
			stopped = true // this query and those after it are not screened
			break
		}
		if rec.err != nil {
			res = screening.Result{Query: rec.query, Err: rec.err}
		}
		warned.add(rec.warn)
		sum.queries++
		if res.Err == nil {
			sum.version = res.Version
		}
		var of *ownershipOf // what the ownership data says of the query
		if own != nil && res.Err == nil {
			of = own.lookup(rec.query.Name, rec.query.ID)
			sum.ownership.add(of)
		}
		switch {
		case res.Err != nil:
			sum.failed++
			switch {
			case first != nil:
			case rec.err != nil:
				first = rec.err // it names its line
			default:
				first = fmt.Errorf("%s %d: %w", lineWord(rec), rec.line, res.Err)
			}
		case len(res.Matches) > 0:
			sum.matched++
		}
		if res.Err == nil && (res.Alert() || of != nil && of.alert) {
			sum.alerts++
		}
		if err := w.result(rec, res, of); err != nil {
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
	return screenStatus(ctx, e, sum, screenEnd{stopped: stopped || !complete, fatal: fatal, first: first, skipped: skipped})
}

// screenEnd is how a run of screenAll ended.
type screenEnd struct {
	stopped bool  // interrupted before the end of the input (ctx done)
	fatal   error // the input could not be read to its end
	first   error // the first query that could not be screened
	skipped int   // blank lines or rows skipped
}

// screenStatus says on stderr how a run ended, if it needs saying, and
// returns its exit status, by the rule screenUsage documents.
func screenStatus(ctx context.Context, e *env, sum summary, end screenEnd) int {
	alerts := func() {
		if sum.alerts == 0 {
			return
		}
		if sum.ownership == nil {
			fmt.Fprintf(e.stderr, "entityscreen: %s of %d matched at or above the threshold: see the output\n",
				plural(sum.alerts, "query", "queries"), sum.queries)
			return
		}
		fmt.Fprintf(e.stderr, "entityscreen: %s of %d matched at or above the threshold or are listed or owned by listed parties (%s): see the output\n",
			plural(sum.alerts, "query", "queries"), sum.queries, plural(sum.ownership.alerts, "ownership alert", "ownership alerts"))
	}
	if end.stopped {
		status, cause := exitError, context.Cause(ctx)
		var sig signalled
		if errors.As(cause, &sig) {
			status = sig.status()
		}
		fmt.Fprintf(e.stderr, "entityscreen: %v: %s screened, the rest of the input not; the output ends with the last of them\n",
			cause, plural(sum.queries, "query", "queries"))
		alerts()
		return status
	}
	if end.skipped > 0 {
		fmt.Fprintf(e.stderr, "entityscreen: %s skipped\n", plural(end.skipped, "blank line", "blank lines"))
	}
	switch {
	case end.fatal != nil:
		alerts()
		return fail(e, fmt.Errorf("reading input after %s: %w; the rest of the input was not screened", plural(sum.queries, "query", "queries"), end.fatal))
	case sum.queries == 0:
		return fail(e, errors.New("no queries: the input holds no name to screen"))
	case sum.failed > 0:
		alerts()
		return fail(e, fmt.Errorf("%s of %d could not be screened; the first: %v", plural(sum.failed, "query", "queries"), sum.queries, end.first))
	case sum.alerts > 0:
		return exitMatch
	}
	return exitClear
}

// signalled is the cause of a context canceled by SIGINT or SIGTERM.
type signalled struct{ sig syscall.Signal }

func (s signalled) Error() string {
	if s.sig == syscall.SIGTERM {
		return "terminated (SIGTERM)"
	}
	return "interrupted (SIGINT)"
}

// status is the exit status of a run the signal stopped: 128 plus the
// signal's number, as a shell reports a process the signal killed, 130
// for SIGINT and 143 for SIGTERM.
func (s signalled) status() int { return 128 + int(s.sig) }

// signalContext is signal.NotifyContext for SIGINT and SIGTERM, with the
// signal in the context's cause (a signalled), which NotifyContext does
// not give. Once the first signal has canceled the context, the signals
// have their default effect again: a second Ctrl-C kills at once. stop
// stops the notification.
func signalContext() (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case sig := <-c:
			signal.Stop(c)
			cancel(signalled{sig.(syscall.Signal)})
		case <-ctx.Done():
		}
	}()
	return ctx, func() {
		signal.Stop(c)
		cancel(nil)
	}
}

func lineWord(r record) string {
	if r.isArg {
		return "argument"
	}
	return "line"
}
