package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/entityscreen/entityscreen/entitylist"
)

func runUpdate(e *env, args []string) int {
	var (
		url   string
		force bool
	)
	fs := newFlagSet(e, "update", "[--url URL] [--force]\n\n"+
		"Downloads the current official Consolidated Screening List into the user\n"+
		"cache directory, where screen, explain and info find it. The download is\n"+
		"checked before it replaces the cached copy, and the previous copy is kept.\n"+
		"A list that falls short of the cache is refused, saying what changed:\n"+
		fmt.Sprintf("more than %d%% fewer entries, or more than %d%% fewer in one source, than\n", entitylist.MaxEntryLossPercent, entitylist.MaxSourceLossPercent)+
		"the most the cache has held since the last --force, or a newest entry\n"+
		"older than the cached one's. Such a list is likely a broken or cut-off\n"+
		"export; --force takes it all the same.")
	fs.StringVar(&url, "url", entitylist.DefaultURL, "download the list from this `URL` (the official CSV or a mirror of it)")
	fs.BoolVar(&force, "force", false, "accept a list that falls short of the cached one (fewer entries, a source lost, older)")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return flagStatus(err)
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "entityscreen update: unexpected argument %q\n", rest[0])
		fs.Usage()
		return exitError
	}
	c, err := defaultCache()
	if err != nil {
		return fail(e, fmt.Errorf("no cache directory: %w", err))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	fmt.Fprintf(e.stderr, "entityscreen: downloading %s\n", url)
	list, prev, err := c.Update(ctx, url, force)
	var refused *entitylist.RefusedError
	if errors.As(err, &refused) {
		var b strings.Builder
		fmt.Fprintf(&b, "update refused, the cached list is unchanged: the list at %s falls short of it:\n", refused.URL)
		for _, p := range refused.Problems {
			fmt.Fprintf(&b, "  %s\n", p)
		}
		b.WriteString("What changed:\n")
		writeTable(&b, comparison(refused.Cached, refused.Reference, refused.Downloaded, false), "  ")
		b.WriteString("If the change is real, run the same \"entityscreen update\" with --force to accept it.")
		return fail(e, errors.New(b.String()))
	}
	if err != nil {
		return fail(e, fmt.Errorf("update failed, the cached list is unchanged: %w", err))
	}
	var b strings.Builder
	switch {
	case prev != nil && prev.SHA256 == list.Version().SHA256:
		fmt.Fprintf(&b, "Unchanged: %s already holds this list\n", c.Path())
	case prev != nil:
		fmt.Fprintf(&b, "Updated %s (it held %d entries before)\n", c.Path(), prev.Entries)
		if rows := comparison(*prev, *prev, list.Version(), true); rows != nil {
			b.WriteString("  What changed:\n")
			writeTable(&b, rows, "    ")
		}
	default:
		fmt.Fprintf(&b, "Updated %s\n", c.Path())
	}
	writeVersion(&b, list.Version(), "  ")
	if _, err := fmt.Fprint(e.stdout, b.String()); err != nil && !isBrokenPipe(err) {
		return fail(e, err)
	}
	return exitClear
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
				add(printable(string(s)), count(cached, cached.BySource[s]), count(ref, ref.BySource[s]), count(downloaded, downloaded.BySource[s]))
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
