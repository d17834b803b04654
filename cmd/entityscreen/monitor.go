package main

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/printable"
	"github.com/entityscreen/entityscreen/internal/redact"
	"github.com/entityscreen/entityscreen/monitor"
	"github.com/entityscreen/entityscreen/screening"
)

// monitorUsage is the description in the usage message of the monitor
// command.
const monitorUsage = `Screens a supplier master, a CSV file with a header row and one vendor a
row, and keeps what it found in a store: the first run screens every
vendor; each later run screens only what changed since (new or changed
vendors against the whole list, the others against the entries the list
added or changed), keeps the alerts reviewers decided ("entityscreen
decide"), and closes the alerts of entries and vendors that are gone. A
cleared alert comes back, marked "changed since review", when its entry
or its vendor record changes; a confirmed or escalated one is marked so,
and reported again, when either changes after the decision (and opens
again when its entry is one of the rows of an id the list repeats: the
row under that key may be another since). An open alert's reason says
what a run last changed of it ("the vendor record changed").

It prints the alerts the run opened or reopened (JSON Lines: monitor.Alert
records, each with the command's version as "tool_version" and the time of
the run as "screened_at"), then a summary of the run on standard error.
Every row is checked before anything is screened: a bad row (a missing or
repeated id, an empty name, a bad kind, text that is not UTF-8, more or
fewer fields than the header) is an error naming its line, and the run
stores nothing. A country that names no country is not an error:
it is left out with a warning on standard error, and the vendor screened
and stored without it. A header naming a column twice is an error. A run
against the embedded SAMPLE list is refused unless --sample is given.

Exit status:
  0    the run found no new or reopened alert
  1    the run opened or reopened at least one alert
  2    an error: bad flags or rows, a list or store that cannot be used,
       a name the screener refuses; the run stored nothing. (Or output
       that could not be written, after the run was stored.)
  130  stopped by SIGINT (143: by SIGTERM); the run stored nothing`

// monitorConfig is the parsed command line of the monitor command.
type monitorConfig struct {
	vendors     string
	cols        columns
	db          string
	lists       listFlags
	format      string
	full        bool
	threshold   float64
	weakAliases bool
	sample      bool
	maxAge      string // --max-age as given; empty: warn after defaultMaxAge
}

func runMonitor(e *env, args []string) int {
	var c monitorConfig
	fs := newFlagSet(e, "monitor", "--vendors FILE.csv --key-column C [flags]\n\n"+monitorUsage)
	fs.StringVar(&c.vendors, "vendors", "", "the supplier master, a CSV `file` with a header row (\"-\": standard input)")
	fs.StringVar(&c.cols.key, "key-column", "", "the `column` holding each vendor's key in the supplier master, unique in the file (required)")
	fs.StringVar(&c.cols.name, "name-column", "name", "the `column` holding the vendors' names")
	fs.StringVar(&c.cols.country, "country-column", "", "the `column` holding countries (ISO codes or English names), if any")
	fs.StringVar(&c.cols.kind, "kind-column", "", "the `column` saying company or person, if any")
	fs.StringVar(&c.cols.address, "address-column", "", "the `column` holding addresses or cities, if any")
	fs.StringVar(&c.cols.id, "id-column", "", "the `column` holding identifiers (registration, tax, LEI, passport numbers), if any, as for screen")
	dbFlag(fs, &c.db)
	fs.Var(&c.lists, "list", "screen against this list `file`"+listValues)
	fs.StringVar(&c.format, "format", "text", "output `format` of the alerts: text, json (JSON Lines, one alert a line) or csv")
	fs.BoolVar(&c.full, "full", false, "screen every vendor against the whole list, changed or not")
	fs.Float64Var(&c.threshold, "threshold", screening.DefaultThreshold, "a match scoring at least this is an alert (0 to 1)")
	fs.BoolVar(&c.weakAliases, "weak-aliases", false, weakAliasesUsage+";\na run with another choice than the last run's screens every vendor")
	fs.StringVar(&c.maxAge, "max-age", "", "refuse a downloaded list fetched longer ago than this (\"36h\", \"7d\");\nwithout it, a list older than 7 days gives a warning")
	fs.BoolVar(&c.sample, "sample", false, "without --list and a downloaded list, run against the embedded SAMPLE list\nrather than refuse (for trying the tool)")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return flagStatus(err)
	}
	switch {
	case len(rest) > 0:
		err = fmt.Errorf("unexpected argument %s", printable.Quote(rest[0]))
	case c.vendors == "":
		err = errors.New("--vendors FILE is required")
	case c.cols.key == "":
		err = errors.New("--key-column is required: the column of each vendor's key, which its alerts keep")
	case !slices.Contains(formats, c.format):
		err = fmt.Errorf("unknown --format %s: use %s", printable.Quote(c.format), strings.Join(formats, ", "))
	}
	if err == nil {
		if terr := screening.CheckOptions(screening.WithThreshold(c.threshold)); terr != nil {
			err = fmt.Errorf("--threshold %v: %w", c.threshold, terr)
		}
	}
	if err == nil && c.maxAge != "" {
		if _, aerr := parseAge(c.maxAge); aerr != nil {
			err = fmt.Errorf("--max-age %w", aerr)
		}
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "entityscreen monitor: %v\n", err)
		fs.Usage()
		return exitError
	}

	vendors, lines, err := readVendors(e, c.vendors, c.cols)
	if err != nil {
		return fail(e, err)
	}
	policy := sampleRefuse
	if c.sample {
		policy = sampleWarn
	}
	list, choice, err := loadList(e, c.lists, policy)
	if err != nil {
		return fail(e, err)
	}
	maxAge, _ := parseAge(c.maxAge) // checked with the flags
	if err := checkAge(e, list, choice, cmp.Or(maxAge, defaultMaxAge), c.maxAge != "", time.Now()); err != nil {
		return fail(e, err)
	}
	s, err := newScreener(e, list, screening.WithThreshold(c.threshold), screening.WithWeakAliases(c.weakAliases))
	if err != nil {
		return fail(e, err)
	}
	ctx, stop := signalContext()
	defer stop()
	st, name, err := openStore(ctx, c.db, true)
	if err != nil {
		return fail(e, err)
	}
	defer st.Close()
	tool := toolVersion().String()
	rep, err := st.Run(ctx, s, vendors, monitor.RunOptions{ToolVersion: tool, Full: c.full})
	if err != nil {
		var sig signalled
		if errors.As(context.Cause(ctx), &sig) {
			fmt.Fprintf(e.stderr, "entityscreen: %v: the run stored nothing\n", sig)
			return sig.status()
		}
		var ve *monitor.VendorError
		if errors.As(err, &ve) && ve.Index < len(lines) {
			// Name the vendor's line of the file, as for the rows refused
			// on reading.
			err = fmt.Errorf("%s, line %d, vendor id %s: %w", printable.Text(c.vendors), lines[ve.Index], printable.Quote(ve.ID), ve.Err)
		}
		return fail(e, fmt.Errorf("%s: the run stored nothing: %w", name, err))
	}

	out := bufio.NewWriter(e.stdout)
	werr := writeAlerts(out, c.format, rep.Alerts, &alertRun{run: rep.Run, tool: tool})
	if werr == nil {
		werr = out.Flush()
	}
	writeRunSummary(e.stderr, name, rep.Run)
	if werr != nil && !isBrokenPipe(werr) {
		return fail(e, fmt.Errorf("writing output (the run is stored): %w", werr))
	}
	if len(rep.Alerts) > 0 {
		return exitMatch
	}
	return exitClear
}

// maxBadRows is the number of bad vendor rows readVendors names.
const maxBadRows = 10

// readVendors reads the supplier master at path ("-": standard input)
// whole, checking every row: a row that cannot be read into a query, a
// missing or repeated id, an empty name or text that is not UTF-8 is an
// error naming its line and column. It reports them all (the first
// maxBadRows, then how many more) in one error; blank rows are skipped
// and counted on stderr. It returns the line of each vendor too.
func readVendors(e *env, path string, cols columns) ([]monitor.Vendor, []int, error) {
	var r io.Reader = e.stdin
	origin := "standard input"
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, fmt.Errorf("cannot read the vendors: %w", err)
		}
		defer f.Close()
		r, origin = f, path
	}
	src, err := newCSVSource(r, origin, cols)
	if err != nil {
		return nil, nil, err
	}
	for _, n := range src.unreadColumns() {
		fmt.Fprintf(e.stderr, "entityscreen: note: %s: %s\n", origin, n)
	}
	var (
		vendors []monitor.Vendor
		bad     []string
		nbad    int
		lineOf  = map[string]int{} // vendor id -> line
	)
	var (
		warned warnings
		lines  []int // of the vendors, by index
	)
	badRow := func(format string, args ...any) {
		nbad++
		if len(bad) < maxBadRows {
			bad = append(bad, fmt.Sprintf(format, args...))
		}
	}
	head := src.header()
	for {
		rec, err := src.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", origin, err)
		}
		q := rec.query
		keyCol, nameCol := head[src.key], head[src.name]
		switch {
		case rec.err != nil:
			badRow("%v", rec.err)
		case strings.TrimSpace(rec.key) == "":
			badRow("line %d, column %q: empty vendor id", rec.line, keyCol)
		case lineOf[rec.key] > 0:
			badRow("line %d, column %q: vendor id %s is also on line %d", rec.line, keyCol, printable.Quote(rec.key), lineOf[rec.key])
		case strings.TrimSpace(q.Name) == "":
			badRow("line %d, column %q: empty name", rec.line, nameCol)
		default:
			for _, f := range []struct {
				value string
				index int
			}{{q.Name, src.name}, {q.Address, src.address}, {q.ID, src.id}, {rec.key, src.key}} {
				if f.index >= 0 && !utf8.ValidString(f.value) {
					badRow("line %d, column %q: %v", rec.line, head[f.index], screening.ErrInvalidUTF8)
					break
				}
			}
		}
		if strings.TrimSpace(rec.key) != "" && lineOf[rec.key] == 0 {
			lineOf[rec.key] = rec.line
		}
		vendors = append(vendors, monitor.Vendor{ID: rec.key, Query: q})
		lines = append(lines, rec.line)
		warned.add(rec.warn)
	}
	warned.report(e)
	if n := src.skipped(); n > 0 {
		fmt.Fprintf(e.stderr, "entityscreen: %s: %s skipped\n", printable.Text(origin), plural(n, "blank line", "blank lines"))
	}
	if nbad > 0 {
		msg := strings.Join(bad, "\n  ")
		if nbad > len(bad) {
			msg += fmt.Sprintf("\n  and %d more", nbad-len(bad))
		}
		return nil, nil, fmt.Errorf("%s: %s, nothing screened:\n  %s", origin, plural(nbad, "bad row", "bad rows"), msg)
	}
	if len(vendors) == 0 {
		return nil, nil, fmt.Errorf("%s: no vendors: the file holds no row to screen", origin)
	}
	return vendors, lines, nil
}

// dbFlag adds the --db flag, the store, to fs.
func dbFlag(fs *flag.FlagSet, dsn *string) {
	fs.StringVar(dsn, "db", "", "the monitoring store: a SQLite file `path` or a postgres:// URL\n(default: monitor.db in the user cache directory, beside the downloaded list)")
}

// storeFile is the name of the default store, in the user cache
// directory.
const storeFile = "monitor.db"

// openStore opens the store dsn names, a postgres:// URL or the path of a
// SQLite file, or the default store when dsn is empty, and returns it with
// its name for messages (a URL without its password). With create false,
// a SQLite file that does not exist is an error rather than a new, empty
// store: the commands that read a store say there is none.
func openStore(ctx context.Context, dsn string, create bool) (*monitor.Store, string, error) {
	if dsn == "" {
		dir, err := entitylist.DefaultCacheDir()
		if err != nil {
			return nil, "", fmt.Errorf("no default store: %w; pass --db PATH", err)
		}
		dsn = filepath.Join(dir, storeFile)
	}
	name := dsn
	isURL := strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
	if isURL {
		if _, err := url.Parse(dsn); err != nil {
			return nil, "", errors.New("--db: not a valid postgres:// URL") // its text may hold a password
		}
		// A password may be in the query too (?password=...).
		name = redact.URL(dsn)
	} else if !create {
		if _, err := os.Stat(dsn); errors.Is(err, os.ErrNotExist) {
			return nil, "", fmt.Errorf("no monitoring store at %s: run \"entityscreen monitor\" first, or pass --db", dsn)
		}
	}
	st, err := monitor.Open(ctx, dsn)
	if err != nil {
		if isURL {
			return nil, "", fmt.Errorf("cannot open the store %s: %s", name, strings.ReplaceAll(err.Error(), dsn, name))
		}
		return nil, "", fmt.Errorf("cannot open the store: %w", err)
	}
	return st, name, nil
}

// writeRunSummary writes the summary of a run on w, for people.
func writeRunSummary(w io.Writer, store string, r monitor.Run) {
	full := ""
	if r.Full {
		full = " (" + r.FullReason + ")"
	}
	fmt.Fprintf(w, "entityscreen: run %d, %s: %s, %d screened in full%s, %d against the list's changes; "+
		"list entries %d added, %d changed, %d removed; alerts %d new, %d reopened, %d cleared again, %d closed\n",
		r.ID, timeString(r.Started), plural(r.Vendors, "vendor", "vendors"), r.Screened, full, r.AgainstChanges,
		r.EntriesAdded, r.EntriesChanged, r.EntriesRemoved, r.NewAlerts, r.Reopened, r.ClearedAgain, r.Closed)
	fmt.Fprintf(w, "entityscreen: store %s; list %s; threshold %s; entityscreen %s\n",
		printable.Text(store), printable.Text(r.List.String()), formatThreshold(r.Threshold), printable.Text(r.ToolVersion))
}
