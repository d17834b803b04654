// Command entityscreen screens party names (vendors, customers, consignees)
// against the US Consolidated Screening List and explains each match; it
// also monitors a supplier master, re-screening what changed as the list
// changes and keeping the alerts and the reviewers' decisions on them.
//
// Usage:
//
//	entityscreen screen [flags] [NAME ...]   screen names, stdin lines or a CSV file
//	entityscreen explain [flags] NAME ...    the top matches and near misses, explained
//	entityscreen ownership --ownership FILE [flags] PARTY ...
//	                                         a party's ownership picture and its outcome
//	                                         under the OFAC 50 Percent and BIS Affiliates Rules
//	entityscreen monitor --vendors FILE.csv --key-column C [flags]
//	                                         screen a supplier master, keeping alerts in a store
//	entityscreen alerts [flags]              list the alerts of the store (default: open)
//	entityscreen decide ALERT-ID (--clear|--confirm|--escalate) --reason TEXT [--entry-hash H --vendor-hash H]
//	                                         record a reviewer's decision on an alert (as read)
//	entityscreen audit [--format json|csv]   export every run, alert, decision and alert event
//	entityscreen info [--list PATH ...]      the list that would be used, its version and counts
//	entityscreen serve [--addr A] [flags]    screening over HTTP, and the alert review page
//	entityscreen update [--feeds LIST]       download the official lists into the user cache
//	entityscreen version                     the version of the command
//	entityscreen help [COMMAND]              help on a command
//
// The list screened against is, in order of preference: the files given with
// --list (official CSL CSV or JSON, OFAC's files, the UN XML, the SAM
// extract, or an in-house CSV; embedded:procurement for the procurement
// prohibitions; repeatable, merged); the official lists downloaded by
// "entityscreen update", with the procurement prohibitions; the embedded
// sample list, with a warning, because it is not complete. The sample answers
// names given as arguments only: a batch (standard input, --input) and a
// monitor run refuse it, with status 2, unless --sample is given, so that a
// job run without a list never passes "no match" for a clearance. List
// names the screener cannot screen whole (nothing but a legal form, say) are
// counted on standard error when the list loads, and listed by info.
//
// With --ownership FILE, screen also looks each query up in ownership data
// (the project's ownership CSV, GLEIF relationship and entity records, UK
// PSC or FollowTheMoney JSON Lines) and applies the OFAC 50 Percent Rule
// and the BIS Affiliates Rule as of --as-of (package ownership): a vendor
// whose name matches nothing but that listed parties own 50% or more of is
// an alert, and the output says why. The ownership command shows one
// party's whole ownership picture.
//
// Every JSON line and CSV row of screen and monitor names the command's
// version ("tool_version", see the version command) and the time of
// screening ("screened_at"); the list's version and the threshold are in
// the library's records.
//
// The monitoring store (monitor, alerts, decide, audit) is a SQLite file,
// by default monitor.db in the user cache directory beside the downloaded
// list, or with --db another file or a postgres:// URL for a team.
//
// Exit status: 0 when every query was screened and none matched at or above
// the threshold, 1 when every query was screened and at least one matched
// (or, with --ownership, is listed or owned by listed parties), 2
// on any error: bad flags, a list that fails to load, an input that cannot be
// read, an input with no query at all (blank lines and rows are skipped), a
// query that could not be screened. Errors take precedence over matches: when
// some queries matched and others could not be screened, the status is 2 and
// standard error says how many matched. A screen run stopped by SIGINT exits
// with 130, by SIGTERM with 143 (the statuses a shell reports for a process
// the signal killed), after writing the results of the queries screened
// before it, each whole, and saying on standard error how many there were.
// monitor exits with 1 when its run opened or reopened an alert, 0 when
// not, 2 on any error, after which the run has stored nothing; ownership
// with 1 when a party is listed or owned by listed parties, 0 when not, 2
// on an error or a party not in the data; alerts, decide, audit, info,
// update and version with 0, or 2 on an error. Output cut short because
// its reader went away ("... | head") is such an error for screen,
// explain, ownership, alerts, audit, info, version and update (which has
// updated the lists by then), which then stop quietly with 2, so that a
// script does not take a cut listing for a whole one; monitor and decide,
// whose run or decision is stored by then, keep their status. Output that
// cannot be written for another reason (a full disk) is an error, said on
// standard error, of each of these commands. The command handles SIGPIPE, so
// that a closed pipe on its standard output gives these statuses rather
// than killing it (which a shell would report as 141).
//
// Screening results support a compliance decision; they are not legal advice.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/printable"
	"github.com/entityscreen/entityscreen/screening"
)

// Exit statuses; a run stopped by a signal exits with 128 plus the
// signal's number (see signalled).
const (
	exitClear = 0 // no query matched at or above the threshold
	exitMatch = 1 // at least one query matched
	exitError = 2 // bad usage, a list that failed to load, no query, a query that could not be screened
)

func main() {
	// Asked for, SIGPIPE no longer kills the process when it writes to
	// its own standard output or error and their reader went away: the
	// write fails with EPIPE, which each command turns into the status
	// documented for output cut short (see isBrokenPipe). The signal is
	// not read; the channel only has the runtime leave the process alive.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// env is what a command reads and writes: the standard files, passed down
// rather than read from package os, so that every command writes where it
// is told.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(e *env, args []string) int
}

func commands() []command {
	return []command{
		{"screen", "screen names (arguments, stdin lines or --input CSV) against the list", runScreen},
		{"explain", "show the top matches of names, near misses included, with their explanations", runExplain},
		{"ownership", "show a party's ties to the list, owners, holdings and outcome under the ownership rules", runOwnership},
		{"monitor", "screen a supplier master, only what changed since the last run, keeping the alerts", runMonitor},
		{"alerts", "list the alerts of the monitoring store (default: the open ones)", runAlerts},
		{"decide", "record a reviewer's decision on an alert: --clear, --confirm or --escalate", runDecide},
		{"audit", "export every run, alert, decision and alert event of the monitoring store (JSON Lines or CSV)", runAudit},
		{"info", "show the list that would be used, its version and counts per source", runInfo},
		{"serve", "serve screening over HTTP, with the alert review page for analysts", runServe},
		{"update", "download the current official lists into the user cache", runUpdate},
		{"version", "show the version of the command", runVersion},
	}
}

// run runs the command line args and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return exitError
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			for _, c := range commands() {
				if c.name == rest[0] {
					return c.run(e, []string{"-h"})
				}
			}
			fmt.Fprintf(stderr, "entityscreen: unknown command %s\n", printable.Quote(rest[0]))
			usage(stderr)
			return exitError
		}
		// Written at once, so that a write that fails is seen: a help
		// cut short is no help.
		var b strings.Builder
		usage(&b)
		if _, err := io.WriteString(stdout, b.String()); err != nil {
			return outputFailed(e, err)
		}
		return exitClear
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(e, rest)
		}
	}
	fmt.Fprintf(stderr, "entityscreen: unknown command %s\n", printable.Quote(name))
	usage(stderr)
	return exitError
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "entityscreen screens names against the US Consolidated Screening List.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: entityscreen COMMAND [flags] [arguments]")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "  %-9s %s\n", "help", "help on a command: entityscreen help screen")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Exit status: 0 no match, 1 at least one match (monitor: a new or reopened alert;")
	fmt.Fprintln(w, "--ownership: also a party listed, or owned 50% or more by listed parties),")
	fmt.Fprintln(w, "2 an error (even if some matched), 130 or 143 stopped by SIGINT or SIGTERM;")
	fmt.Fprintln(w, "\"entityscreen help screen\" and \"entityscreen help monitor\" say more.")
	fmt.Fprintln(w, "Results support a compliance decision; they are not legal advice.")
}

// newFlagSet returns a flag set for a subcommand whose usage message starts
// with the synopsis line.
func newFlagSet(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: entityscreen %s %s\n\nFlags:\n", name, synopsis)
		printFlags(fs)
	}
	return fs
}

// printFlags is flag.PrintDefaults with the "--name" spelling the
// documentation uses (the flag package accepts both).
func printFlags(fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if arg != "" {
			line += " " + arg
		}
		line += "\n    \t" + strings.ReplaceAll(usage, "\n", "\n    \t")
		// A usage that says its default itself ("(default: ...)") has a
		// DefValue that only stands for it.
		if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" && !strings.Contains(usage, "(default:") {
			if isNumber(f.DefValue) {
				line += " (default " + f.DefValue + ")"
			} else {
				line += fmt.Sprintf(" (default %q)", f.DefValue)
			}
		}
		fmt.Fprintln(fs.Output(), line)
	})
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// parseArgs parses flags that may come before, between or after the
// positional arguments ("screen NAME --format json"). Everything after "--"
// is positional.
//
// A parse error is printed with the usage, as the flag package prints it,
// but for the value or flag name given, quoted as printable.Quote quotes a
// value echoed back (not whole), and flags written "--name" as the usage
// writes them (see flagMessage).
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		out := fs.Output()
		fs.SetOutput(io.Discard)
		err := fs.Parse(args)
		fs.SetOutput(out)
		if err != nil {
			if !errors.Is(err, flag.ErrHelp) {
				fmt.Fprintln(out, flagMessage(err))
			}
			fs.Usage()
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// flagMessage returns the message of the flag package's parse error err
// with what the user gave quoted by printable.Quote, and a flag named
// "--name", as the usage names it. The flag package writes its errors in
// a few forms (see flag.FlagSet.Parse); another is returned as it is.
func flagMessage(err error) string {
	msg := err.Error()
	// "invalid value %q for flag -%s: %v", and for a boolean flag "invalid
	// boolean value %q for -%s: %v".
	for _, head := range []string{"invalid value ", "invalid boolean value "} {
		rest, ok := strings.CutPrefix(msg, head)
		if !ok {
			continue
		}
		q, err := strconv.QuotedPrefix(rest)
		if err != nil {
			return msg
		}
		v, err := strconv.Unquote(q)
		if err != nil {
			return msg
		}
		tail := rest[len(q):]
		for _, f := range []string{" for flag -", " for -"} {
			if t, ok := strings.CutPrefix(tail, f); ok {
				tail = " for flag --" + t
				break
			}
		}
		return head + printable.Quote(v) + tail
	}
	// "flag provided but not defined: -%s": the flag's name, given after
	// one or two dashes; "bad flag syntax: %s": the argument as given.
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return "flag provided but not defined: " + printable.Quote("--"+name)
	}
	if given, ok := strings.CutPrefix(msg, "bad flag syntax: "); ok {
		return "bad flag syntax: " + printable.Quote(given)
	}
	// "flag needs an argument: -%s": a flag defined, so short.
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return "flag needs an argument: --" + name
	}
	return msg
}

// flagStatus is the exit status for a flag parsing error: 0 when help was
// asked for, 2 otherwise. parseArgs has already printed the message.
func flagStatus(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitClear
	}
	return exitError
}

// listFlags is the repeatable --list flag.
type listFlags []string

func (l *listFlags) String() string { return strings.Join(*l, ",") }

func (l *listFlags) Set(s string) error {
	if s == "" {
		return errors.New("empty path")
	}
	*l = append(*l, s)
	return nil
}

// listChoice says which list was chosen and why, for messages.
type listChoice int

const (
	fromFiles listChoice = iota
	fromCache
	fromDefault
)

// samplePolicy says whether a command may fall back to the embedded
// sample list when no list is given or downloaded.
type samplePolicy int

const (
	// sampleWarn falls back to the sample with a warning: for names typed
	// as arguments, which a person reads the answer to at once.
	sampleWarn samplePolicy = iota
	// sampleRefuse refuses to run: for a batch (standard input, --input)
	// and a monitor run, which are run unattended, where "no match"
	// against a 40-entry sample would pass for a clearance. --sample turns
	// it into sampleWarn.
	sampleRefuse
)

// procurementList is the --list value that names the embedded procurement
// prohibitions (entitylist.Procurement).
const procurementList = "embedded:procurement"

// loadList returns the list to screen against: the files given (the value
// procurementList naming the embedded procurement prohibitions), else the
// cached official list, else the embedded sample, if policy allows it,
// each of the two merged with the procurement prohibitions. It
// says on stderr which list it took unless the files were given
// explicitly. A list that fails to load is an error, never a fallback:
// screening against a damaged list would hide entries.
func loadList(e *env, paths []string, policy samplePolicy) (*entitylist.List, listChoice, error) {
	if len(paths) > 0 {
		lists := make([]*entitylist.List, 0, len(paths))
		given := map[string]string{} // the paths given, by the SHA-256 of their lists
		for _, p := range paths {
			var l *entitylist.List
			if p == procurementList {
				l = entitylist.Procurement()
			} else {
				var err error
				if l, err = entitylist.Open(p); err != nil {
					return nil, fromFiles, fmt.Errorf("cannot use the list: %w", err)
				}
			}
			// Merged with itself, a list would hold each entry twice, and
			// each match of it would be reported twice.
			sum := l.Version().SHA256
			if q, ok := given[sum]; ok && sum != "" {
				return nil, fromFiles, fmt.Errorf("cannot use the lists: --list %s and --list %s are the same list twice (sha256 %s)", printable.Text(q), printable.Text(p), sum)
			}
			given[sum] = p
			if p != procurementList {
				warnList(e, l)
			}
			lists = append(lists, l)
		}
		if len(lists) == 1 {
			return lists[0], fromFiles, nil
		}
		return entitylist.Merge(lists...), fromFiles, nil
	}
	c, err := defaultCache()
	why := "" // why there is no downloaded list, and how to have one
	if err != nil {
		why = err.Error() + `: set HOME or XDG_CACHE_HOME and run "entityscreen update" to download the official list`
	} else {
		l, err := c.LoadAll()
		switch {
		case err == nil:
			warnRecords(e, c, entitylist.FeedNames()...)
			for _, v := range cachedVersions(l.Version()) {
				fmt.Fprintf(e.stderr, "entityscreen: using %s (%s)\n", fetchedFrom(v), printable.Text(v.String()))
			}
			fmt.Fprintln(e.stderr, "entityscreen: and the embedded procurement prohibitions")
			warnList(e, l)
			return entitylist.Merge(l, entitylist.Procurement()), fromCache, nil
		case !errors.Is(err, fs.ErrNotExist):
			return nil, fromCache, fmt.Errorf("cannot use the downloaded lists in %s: %w (run \"entityscreen update\" to download them again)", c.Dir, err)
		}
		why = "no list downloaded in " + c.Dir + `: run "entityscreen update" to download the official list`
	}
	l := entitylist.Default()
	if policy == sampleRefuse {
		return nil, fromDefault, fmt.Errorf("refusing to screen a batch against the embedded SAMPLE list (%d entries, not the complete official list): %s, "+
			"or pass --list FILE, or --sample to screen against the sample all the same", l.Len(), why)
	}
	fmt.Fprintf(e.stderr, "entityscreen: warning: screening against the embedded SAMPLE list (%d entries), not the complete official list: run \"entityscreen update\" or pass --list\n", l.Len())
	return entitylist.Merge(l, entitylist.Procurement()), fromDefault, nil
}

// listFormats names the lists --list reads (see entitylist.Open), for the
// flags' help.
const listFormats = "official CSL CSV or JSON, OFAC's files in a folder, the UN's XML, SAM's extract, or an in-house CSV"

// listValues is what the help of every --list flag says it takes after
// its `file`: every value loadList reads, the procurement prohibitions'
// name included.
const listValues = " or folder (" + listFormats + "; " + procurementList + " for the procurement prohibitions); repeatable"

// weakAliasesUsage is the help of the --weak-aliases flag.
const weakAliasesUsage = "screen the aliases the list calls weak (OFAC's weak a.k.a., the UN's of low quality)\nas any other name; by default they are not screened, as OFAC expects"

// newScreener builds the Screener for list and says on stderr, on one
// line, which of the list's names it cannot screen whole, if any. For the
// downloaded list it starts from the snapshot of the index saved beside
// it, and saves one when there is none of use (see screenerFrom).
func newScreener(e *env, list *entitylist.List, opts ...screening.Option) (*screening.Screener, error) {
	var s *screening.Screener
	var err error
	if path := snapshotPath(list); path != "" {
		s, err = screenerFrom(e, path, list, opts)
	} else {
		s, err = screening.New(list, opts...)
	}
	if err != nil {
		return nil, err
	}
	warnSkipped(e, s.Skipped())
	if n := s.WeakAliasNames(); n > 0 && !s.WeakAliases() {
		fmt.Fprintf(e.stderr, "entityscreen: %s of the list not screened (--weak-aliases screens them)\n", plural(n, "weak alias", "weak aliases"))
	}
	return s, nil
}

// shownSkipped is the number of names warnSkipped names.
const shownSkipped = 3

// warnSkipped says on stderr, on one line, how many list names cannot be
// screened at all and how many only by their first part, naming the first
// few.
func warnSkipped(e *env, skipped []screening.SkippedName) {
	if len(skipped) == 0 {
		return
	}
	none := 0
	for _, sk := range skipped {
		if sk.Part == "" {
			none++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "entityscreen: warning: %s of the list cannot be screened whole (%d not at all, %d by their first part only): ",
		plural(len(skipped), "name", "names"), none, len(skipped)-none)
	for i, sk := range skipped[:min(len(skipped), shownSkipped)] {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(skippedText(sk))
	}
	if len(skipped) > shownSkipped {
		fmt.Fprintf(&b, "; and %d more", len(skipped)-shownSkipped)
	}
	b.WriteString(" (\"entityscreen info\" lists them)")
	fmt.Fprintln(e.stderr, b.String())
}

// skippedText describes a name the screener cannot screen whole, for
// people, on one line: its entry, the name (quoted, cut if long; see
// printable.Quote) and why.
func skippedText(sk screening.SkippedName) string {
	why := "not screened"
	switch {
	case sk.Part != "":
		why = "screened by its first part only"
	case errors.Is(sk.Err, screening.ErrEmptyName):
		why = "not screened: nothing left to compare"
	case errors.Is(sk.Err, screening.ErrInvalidUTF8):
		why = "not screened: invalid UTF-8"
	case errors.Is(sk.Err, screening.ErrTooLong):
		why = "not screened: too long"
	}
	return printable.Text(fmt.Sprintf("%s %s %s: %s", sk.Entry.Source, sk.Entry.ID, printable.Quote(sk.Name), why))
}

// warnList says on stderr how many warnings a list raised while loading.
func warnList(e *env, l *entitylist.List) {
	ws := l.Warnings()
	if len(ws) == 0 {
		return
	}
	fmt.Fprintf(e.stderr, "entityscreen: %s: %d warning(s), first: %s (\"entityscreen info\" lists them)\n",
		printable.Text(l.Version().Origin), len(ws), printable.Text(fmt.Sprint(ws[0])))
}

// warnRecords says on stderr, a line each, which records the cache keeps
// beside the feeds called names are damaged (see
// entitylist.Cache.CheckRecords): the cache takes them as absent, which
// would otherwise go unsaid.
func warnRecords(e *env, c *entitylist.Cache, names ...string) {
	for _, name := range names {
		err := c.CheckRecords(name)
		if err == nil {
			continue
		}
		errs := []error{err}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			errs = j.Unwrap()
		}
		for _, err := range errs {
			fmt.Fprintf(e.stderr, "entityscreen: warning: %s\n", printable.Text(strings.TrimPrefix(err.Error(), "entitylist: ")))
		}
	}
}

// defaultCache is the cache "entityscreen update" writes.
func defaultCache() (*entitylist.Cache, error) {
	dir, err := entitylist.DefaultCacheDir()
	if err != nil {
		return nil, err
	}
	return &entitylist.Cache{Dir: dir}, nil
}

// fetchedFrom describes a cached list's fetch for people: "the official
// list fetched on 2026-12-01", or, from another URL, that URL, never
// called official.
func fetchedFrom(v entitylist.Version) string {
	when := "on an unknown date"
	if !v.Fetched.IsZero() {
		when = "on " + v.Fetched.Format(time.DateOnly)
	}
	switch {
	case v.Official:
		return "the official list fetched " + when
	case v.URL != "":
		return "the list fetched " + when + " from " + printable.Text(v.URL) + " (not the official URL)"
	}
	return "the list downloaded " + when + " (where from is not recorded: run \"entityscreen update\")"
}

// defaultMaxAge is how old a cached list may be before screening against
// it warns (see checkAge).
const defaultMaxAge = 7 * 24 * time.Hour

// checkAge warns on stderr when the cached list l was fetched more than
// maxAge ago (or when, unknown), and with strict set refuses it instead:
// lists change most days. Lists given as files are the caller's to date.
func checkAge(e *env, l *entitylist.List, choice listChoice, maxAge time.Duration, strict bool, now time.Time) error {
	if choice != fromCache {
		return nil
	}
	for _, v := range cachedVersions(l.Version()) {
		age := now.Sub(v.Fetched)
		if age <= maxAge && !v.Fetched.IsZero() {
			continue
		}
		what := fmt.Sprintf("the cached list %s was fetched %s ago, on %s", printable.Text(v.Origin), roundAge(age, maxAge), v.Fetched.Format(time.DateOnly))
		if v.Fetched.IsZero() {
			// No fetch record of use, and a file dated later than now:
			// as old as can be, for all that is known.
			what = fmt.Sprintf("the cached list %s was fetched on an unknown date (see the warnings above)", printable.Text(v.Origin))
		}
		if strict {
			return fmt.Errorf("%s, more than --max-age %s: run \"entityscreen update\"", what, maxAge)
		}
		fmt.Fprintf(e.stderr, "entityscreen: warning: %s, more than %s: run \"entityscreen update\" (--max-age makes this an error)\n", what, maxAge)
	}
	return nil
}

// roundAge rounds age, which is more than limit, for people: to the hour,
// or, when that would make it no more than limit, to the minute or the
// second, so that a list fetched 80 minutes ago is not said to be 1h old
// and "more than 1h".
func roundAge(age, limit time.Duration) time.Duration {
	for _, unit := range []time.Duration{time.Hour, time.Minute, time.Second} {
		if r := age.Round(unit); r > limit {
			return r
		}
	}
	return age
}

// cachedVersions returns the versions of the cached lists in v, the
// version of a list loadList took from the cache: the lists merged into it
// that were read from the cache of downloads (entitylist.Version.Cached,
// their fetch time from the fetch record or the file's, or none when
// neither is of use), not the embedded procurement prohibitions.
func cachedVersions(v entitylist.Version) []entitylist.Version {
	if len(v.Parts) == 0 {
		if !v.Cached {
			return nil
		}
		return []entitylist.Version{v}
	}
	var out []entitylist.Version
	for _, p := range v.Parts {
		out = append(out, cachedVersions(p)...)
	}
	return out
}

// parseAge reads a --max-age value: a Go duration ("36h") or a number of
// days ("7d").
func parseAge(s string) (time.Duration, error) {
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(d)
		if err != nil || n <= 0 {
			return 0, fmt.Errorf("%s is not a number of days", printable.Quote(s))
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s is not a duration such as 36h or 7d", printable.Quote(s))
	}
	return d, nil
}

// isTerminal reports whether w is a terminal (a character device), without
// any dependency beyond the standard library.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// isBrokenPipe reports whether err comes from writing to a closed pipe
// ("entityscreen screen ... | head"), which ends the command quietly.
func isBrokenPipe(err error) bool {
	return errors.Is(err, syscall.EPIPE)
}

// outputFailed is the exit status of a command that only writes what it
// read or found (alerts, audit, explain, info, ownership, version, and
// update's summary) and could not write it all, err: exitError,
// quietly when the reader went away (see isBrokenPipe), as screen stops,
// so that a script does not take output cut short for a whole one.
func outputFailed(e *env, err error) int {
	if isBrokenPipe(err) {
		return exitError
	}
	return fail(e, fmt.Errorf("writing output: %w", err))
}

// fail prints an error for the user, made printable, and returns
// exitError.
func fail(e *env, err error) int {
	fmt.Fprintf(e.stderr, "entityscreen: %s\n", printableLines(err.Error()))
	return exitError
}
