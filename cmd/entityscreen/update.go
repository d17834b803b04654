package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"

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
		"checked before it replaces the cached copy, and the previous copy is kept.")
	fs.StringVar(&url, "url", entitylist.DefaultURL, "download the list from this `URL` (the official CSV or a mirror of it)")
	fs.BoolVar(&force, "force", false, "accept a list with fewer than half the entries of the cached one")
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
	if err != nil {
		return fail(e, fmt.Errorf("update failed, the cached list is unchanged: %w", err))
	}
	var b strings.Builder
	switch {
	case prev != nil && prev.SHA256 == list.Version().SHA256:
		fmt.Fprintf(&b, "Unchanged: %s already holds this list\n", c.Path())
	case prev != nil:
		fmt.Fprintf(&b, "Updated %s (it held %d entries before)\n", c.Path(), prev.Entries)
	default:
		fmt.Fprintf(&b, "Updated %s\n", c.Path())
	}
	writeVersion(&b, list.Version(), "  ")
	if _, err := fmt.Fprint(e.stdout, b.String()); err != nil && !isBrokenPipe(err) {
		return fail(e, err)
	}
	return exitClear
}
