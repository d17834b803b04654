package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/entityscreen/entityscreen/internal/printable"
	"github.com/entityscreen/entityscreen/screening"
)

// maxWarnings is the number of list warnings info prints in full.
const maxWarnings = 20

func runInfo(e *env, args []string) int {
	var (
		lists   listFlags
		maxShow int
	)
	fs := newFlagSet(e, "info", "[--list FILE ...] [--names N]\n\n"+
		"Shows the list that screen would use with the same --list flags: where it\n"+
		"comes from, its version, its entries per source, its warnings, and the\n"+
		"names of its entries that cannot be screened whole (nothing but a legal\n"+
		"form, say, or too long: screened by their first part only).")
	fs.Var(&lists, "list", "show this list `file`"+listValues)
	fs.IntVar(&maxShow, "names", 0, "list at most `N` of the names that cannot be screened whole; 0 lists them all")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return flagStatus(err)
	}
	switch {
	case len(rest) > 0:
		err = fmt.Errorf("unexpected argument %s", printable.Quote(rest[0]))
	case maxShow < 0:
		err = fmt.Errorf("--names %d: must be 0 (all) or more", maxShow)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "entityscreen info: %v\n", err)
		fs.Usage()
		return exitError
	}
	list, choice, err := loadList(e, lists, sampleWarn)
	if err != nil {
		return fail(e, err)
	}
	checkAge(e, list, choice, defaultMaxAge, false, time.Now()) // only warns
	// The screener screen would build finds the names it cannot screen.
	s, err := screening.New(list)
	if err != nil {
		return fail(e, err)
	}
	var b strings.Builder
	switch choice {
	case fromFiles:
		b.WriteString("List given with --list:\n")
	case fromCache:
		// Official only when fetched from the official URL: fetchedFrom
		// says so of each.
		b.WriteString("The lists downloaded by \"entityscreen update\", with the embedded procurement prohibitions:\n")
		for _, v := range cachedVersions(list.Version()) {
			fmt.Fprintf(&b, "  %s: %s\n", printable.Text(v.Origin), fetchedFrom(v))
		}
	case fromDefault:
		b.WriteString("The embedded SAMPLE list, for trying the tool: it is NOT the complete official list.\n" +
			"Run \"entityscreen update\" to download the official list, or pass --list.\n")
	}
	version := list.Version()
	skipped := s.Skipped()
	for _, sk := range skipped {
		if sk.Part == "" {
			version.Unscreened++
		}
	}
	writeVersion(&b, version, "  ")
	if ws := list.Warnings(); len(ws) > 0 {
		fmt.Fprintf(&b, "  warnings: %d\n", len(ws))
		for i, w := range ws {
			if i == maxWarnings {
				fmt.Fprintf(&b, "    and %d more\n", len(ws)-maxWarnings)
				break
			}
			fmt.Fprintf(&b, "    %s\n", printable.Text(fmt.Sprint(w)))
		}
	}
	if len(skipped) > 0 {
		fmt.Fprintf(&b, "  names that cannot be screened whole: %d (%d not at all)\n", len(skipped), version.Unscreened)
		for i, sk := range skipped {
			if maxShow > 0 && i == maxShow {
				fmt.Fprintf(&b, "    and %d more (--names 0 lists them all)\n", len(skipped)-maxShow)
				break
			}
			fmt.Fprintf(&b, "    %s\n", skippedText(sk))
		}
	}
	if _, err := fmt.Fprint(e.stdout, b.String()); err != nil {
		return outputFailed(e, err)
	}
	return exitClear
}
