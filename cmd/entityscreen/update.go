package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/printable"
	"github.com/entityscreen/entityscreen/internal/redact"
)

func runUpdate(e *env, args []string) int {
	var (
		cslURL, ofacURL, unURL, samURL string
		feeds                          string
		force                          bool
	)
	fs := newFlagSet(e, "update", "[--feeds LIST] [--url URL] [--ofac-url URL] [--un-url URL] [--sam-url URL] [--force]\n\n"+
		"Downloads the current official lists into the user cache directory, where\n"+
		"screen, explain, info and monitor find them: the Consolidated Screening List,\n"+
		"OFAC's own SDN and consolidated non-SDN files (the primary source of OFAC's\n"+
		"lists: the CSL's copies of them are then left out), the UN Security Council\n"+
		"Consolidated List, and, given --sam-url with your API key, the SAM.gov\n"+
		"exclusions extract. Each list is checked before it replaces its cached copy,\n"+
		"and the previous copy is kept; a list that fails keeps its copy while the\n"+
		"others update. A list that falls short of its cache is refused, saying what\n"+
		"changed: "+
		fmt.Sprintf("more than %d%% fewer entries, or more than %d%% fewer in one source, than\n", entitylist.MaxEntryLossPercent, entitylist.MaxSourceLossPercent)+
		"the most the cache has held since the last --force, or a newest entry\n"+
		"older than the cached one's. Such a list is likely a broken or cut-off\n"+
		"export; --force takes it all the same. The index of the updated lists is\n"+
		"saved beside them, so that the next screen starts at once.")
	fs.StringVar(&feeds, "feeds", strings.Join(defaultFeedNames(), ","), "update these `lists`, comma-separated: "+strings.Join(entitylist.FeedNames(), ", "))
	fs.StringVar(&cslURL, "url", entitylist.DefaultURL, "download the CSL from this `URL` (the official CSV or a mirror of it)")
	fs.StringVar(&ofacURL, "ofac-url", ofacBase(), "download OFAC's files (SDN.CSV, ADD.CSV ... CONS_PRIM.CSV ...) from under this `URL`")
	fs.StringVar(&unURL, "un-url", mustFeed(entitylist.FeedUN).URLs[0], "download the UN list from this `URL`")
	fs.StringVar(&samURL, "sam-url", "", "download the SAM.gov exclusions extract (V2, CSV or ZIP) from this `URL`, which holds your API key; adds sam to --feeds")
	fs.BoolVar(&force, "force", false, "accept a list that falls short of the cached one (fewer entries, a source lost, older)")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return flagStatus(err)
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "entityscreen update: unexpected argument %s\n", printable.Quote(rest[0]))
		fs.Usage()
		return exitError
	}
	names, err := parseFeeds(feeds, samURL != "")
	if err != nil {
		return fail(e, err)
	}
	// A download address of a list not updated would be ignored.
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	for _, a := range []struct {
		flag  string
		lists []string
	}{
		{"url", []string{entitylist.FeedCSL}},
		{"ofac-url", []string{entitylist.FeedOFACSDN, entitylist.FeedOFACCons}},
		{"un-url", []string{entitylist.FeedUN}},
	} {
		if given[a.flag] && !slices.ContainsFunc(names, func(n string) bool { return slices.Contains(a.lists, n) }) {
			return fail(e, fmt.Errorf("--%s is the address of %s, which --feeds %s leaves out", a.flag, strings.Join(a.lists, " and "), printable.Quote(feeds)))
		}
	}
	var todo []entitylist.Feed
	for _, n := range names {
		f := mustFeed(n)
		switch n {
		case entitylist.FeedCSL:
			f.URLs = []string{cslURL}
		case entitylist.FeedOFACSDN, entitylist.FeedOFACCons:
			for i, u := range f.URLs {
				f.URLs[i] = strings.TrimSuffix(ofacURL, "/") + "/" + u[strings.LastIndexByte(u, '/')+1:]
			}
		case entitylist.FeedUN:
			f.URLs = []string{unURL}
		case entitylist.FeedSAM:
			if samURL == "" {
				return fail(e, errors.New("--feeds names sam, but the SAM.gov extract needs --sam-url (its download address holds your API key)"))
			}
			f.URLs = []string{samURL}
		}
		todo = append(todo, f)
	}
	c, err := defaultCache()
	if err != nil {
		return fail(e, fmt.Errorf("no cache directory: %w", err))
	}
	ctx, stop := signalContext()
	defer stop()
	failed, kept := 0, 0
	var werr error // the first error writing the summaries, which the lists do not wait for
	for _, f := range todo {
		warnRecords(e, c, f.Name)
		summary, err := updateFeed(e, ctx, c, f, force)
		if err != nil {
			failed++
			if hasCachedCopy(c, f.Name) {
				kept++
			}
			fmt.Fprintf(e.stderr, "entityscreen: %s\n", err)
		} else if werr == nil {
			_, werr = io.WriteString(e.stdout, summary)
		}
		if ctx.Err() != nil {
			break
		}
	}
	var sig signalled
	if errors.As(context.Cause(ctx), &sig) {
		fmt.Fprintf(e.stderr, "entityscreen: %v: the lists not updated keep their cached copies\n", sig)
		return sig.status()
	}
	if failed < len(todo) {
		indexCache(e)
	}
	status := exitClear
	if werr != nil {
		status = outputFailed(e, werr)
	}
	if failed > 0 {
		var copies string
		switch kept {
		case failed:
			copies = "their cached copies are unchanged"
		case 0:
			copies = "none had a cached copy"
		default:
			copies = fmt.Sprintf("the cached copies of %d of them are unchanged", kept)
		}
		fmt.Fprintf(e.stderr, "entityscreen: %d of %d lists not updated; %s\n", failed, len(todo), copies)
		return exitError
	}
	return status
}

// indexCache builds the screener of the cached lists as screen loads them
// and saves its snapshot beside them (see newScreener), so that the first
// screen after an update starts at once. A failure is only a note: the
// lists are updated, and screen builds the index itself.
func indexCache(e *env) {
	list, _, err := loadList(e, nil, sampleRefuse)
	if err == nil {
		_, err = newScreener(e, list)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "entityscreen: note: the index of the updated lists was not saved: %v\n", err)
	}
}

// hasCachedCopy reports whether c holds a copy of the feed name, which a
// failed update leaves as it was.
func hasCachedCopy(c *entitylist.Cache, name string) bool {
	_, err := os.Stat(c.FeedPath(name))
	return err == nil
}

// updateFeed updates one feed of the cache and returns the summary of what
// it did, for stdout; the error says why it did not.
func updateFeed(e *env, ctx context.Context, c *entitylist.Cache, f entitylist.Feed, force bool) (string, error) {
	shown := make([]string, len(f.URLs))
	for i, u := range f.URLs {
		shown[i] = redact.URL(u) // the SAM.gov address holds an API key
	}
	fmt.Fprintf(e.stderr, "entityscreen: downloading %s from %s\n", f.Name, printable.Text(strings.Join(shown, " ")))
	list, prev, err := c.UpdateFeed(ctx, f, force)
	var refused *entitylist.RefusedError
	if errors.As(err, &refused) {
		var b strings.Builder
		fmt.Fprintf(&b, "%s: update refused, the cached list is unchanged: the list at %s falls short of it:\n", f.Name, refused.URL)
		for _, p := range refused.Problems {
			fmt.Fprintf(&b, "  %s\n", p)
		}
		b.WriteString("What changed:\n")
		writeTable(&b, comparison(refused.Cached, refused.Reference, refused.Downloaded, false), "  ")
		b.WriteString("If the change is real, run the same \"entityscreen update\" with --force to accept it.")
		return "", errors.New(b.String())
	}
	if err != nil {
		if !hasCachedCopy(c, f.Name) {
			return "", fmt.Errorf("%s: update failed, and there is no cached copy of it: %w", f.Name, err)
		}
		return "", fmt.Errorf("%s: update failed, the cached list is unchanged: %w", f.Name, err)
	}
	path := c.FeedPath(f.Name)
	var b strings.Builder
	switch {
	case prev != nil && prev.SHA256 == list.Version().SHA256:
		fmt.Fprintf(&b, "Unchanged: %s already holds this list\n", path)
	case prev != nil:
		fmt.Fprintf(&b, "Updated %s (it held %d entries before)\n", path, prev.Entries)
		if rows := comparison(*prev, *prev, list.Version(), true); rows != nil {
			b.WriteString("  What changed:\n")
			writeTable(&b, rows, "    ")
		}
	default:
		fmt.Fprintf(&b, "Updated %s\n", path)
	}
	writeVersion(&b, list.Version(), "  ")
	return b.String(), nil
}

// defaultFeedNames are the names of the feeds update fetches by default.
func defaultFeedNames() []string {
	var names []string
	for _, f := range entitylist.DefaultFeeds() {
		names = append(names, f.Name)
	}
	return names
}

// parseFeeds reads the --feeds value: known feed names, comma-separated,
// each once; sam is added when withSAM is set.
func parseFeeds(s string, withSAM bool) ([]string, error) {
	var names []string
	for n := range strings.SplitSeq(s, ",") {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		if _, err := entitylist.OfficialFeed(n); err != nil {
			return nil, fmt.Errorf("--feeds: unknown list %s (known: %s)", printable.Quote(n), strings.Join(entitylist.FeedNames(), ", "))
		}
		if slices.Contains(names, n) {
			return nil, fmt.Errorf("--feeds: %s twice", printable.Quote(n))
		}
		names = append(names, n)
	}
	if withSAM && !slices.Contains(names, entitylist.FeedSAM) {
		names = append(names, entitylist.FeedSAM)
	}
	if len(names) == 0 {
		return nil, errors.New("--feeds: no list to update")
	}
	return names, nil
}

// mustFeed returns the official feed of a name the package defines.
func mustFeed(name string) entitylist.Feed {
	f, err := entitylist.OfficialFeed(name)
	if err != nil {
		panic(err) // names come from the package itself
	}
	return f
}

// ofacBase returns the address the official OFAC files are under.
func ofacBase() string {
	u := mustFeed(entitylist.FeedOFACSDN).URLs[0]
	return u[:strings.LastIndexByte(u, '/')]
}

// comparison returns a table of the entries, in all and per source, and
// of the newest entry date, in the cached list, in ref (the most the cache
// has held since the last forced update, a column shown only where it
// differs from the cached list) and in the downloaded list: a header row,
// then a row for each, but with onlyChanged only those that changed; nil if
// none did. A zero cached version, for a cached file that did not load,
// shows as "-".
func comparison(cached, ref, downloaded entitylist.Version, onlyChanged bool) [][]string {
	count := func(v entitylist.Version, n int) string {
		if v.Entries == 0 {
			return "-"
		}
		return strconv.Itoa(n)
	}
	date := func(v entitylist.Version) string {
		if v.Entries == 0 {
			return "-"
		}
		return cmp.Or(dateString(v.Newest), "none")
	}
	var rows [][]string
	add := func(name, c, r, d string) {
		if !onlyChanged || c != d || r != d {
			rows = append(rows, []string{name, c, r, d})
		}
	}
	add("entries", count(cached, cached.Entries), count(ref, ref.Entries), count(downloaded, downloaded.Entries))
	seen := map[entitylist.Source]bool{}
	for _, v := range []entitylist.Version{ref, cached, downloaded} {
		for _, s := range v.SourcesByCount() {
			if !seen[s] {
				seen[s] = true
				add(printable.Text(string(s)), count(cached, cached.BySource[s]), count(ref, ref.BySource[s]), count(downloaded, downloaded.BySource[s]))
			}
		}
	}
	add("newest entry", date(cached), date(ref), date(downloaded))
	if len(rows) == 0 {
		return nil
	}
	showRef := false
	for _, r := range rows {
		showRef = showRef || r[2] != r[1]
	}
	rows = append([][]string{{"", "cached", "most held", "downloaded"}}, rows...)
	if !showRef {
		for i, r := range rows {
			rows[i] = slices.Delete(r, 2, 3)
		}
	}
	return rows
}

// writeTable writes rows as columns, each line starting with indent: the
// first column aligned left, the others right.
func writeTable(b *strings.Builder, rows [][]string, indent string) {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	for _, r := range rows {
		b.WriteString(indent)
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			if i == 0 {
				b.WriteString(c + pad)
			} else {
				b.WriteString("  " + pad + c)
			}
		}
		b.WriteString("\n")
	}
}
