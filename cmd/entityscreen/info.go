package main

import (
	"fmt"
	"strings"
)

// maxWarnings is the number of list warnings info prints in full.
const maxWarnings = 20

func runInfo(e *env, args []string) int {
	var lists listFlags
	fs := newFlagSet(e, "info", "[--list FILE ...]\n\n"+
		"Shows the list that screen would use with the same --list flags: where it\n"+
		"comes from, its version, its entries per source and its warnings.")
	fs.Var(&lists, "list", "the list `file` screen would be given; repeatable")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return flagStatus(err)
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "entityscreen info: unexpected argument %q\n", rest[0])
		fs.Usage()
		return exitError
	}
	list, choice, err := loadList(e, lists)
	if err != nil {
		return fail(e, err)
	}
	var b strings.Builder
	switch choice {
	case fromFiles:
		b.WriteString("List given with --list:\n")
	case fromCache:
		b.WriteString("The official list downloaded by \"entityscreen update\":\n")
	case fromDefault:
		b.WriteString("The embedded SAMPLE list, for trying the tool: it is NOT the complete official list.\n" +
			"Run \"entityscreen update\" to download the official list, or pass --list.\n")
	}
	writeVersion(&b, list.Version(), "  ")
	if ws := list.Warnings(); len(ws) > 0 {
		fmt.Fprintf(&b, "  warnings: %d\n", len(ws))
		for i, w := range ws {
			if i == maxWarnings {
				fmt.Fprintf(&b, "    and %d more\n", len(ws)-maxWarnings)
				break
			}
			fmt.Fprintf(&b, "    %s\n", printable(fmt.Sprint(w)))
		}
	}
	if _, err := fmt.Fprint(e.stdout, b.String()); err != nil && !isBrokenPipe(err) {
		return fail(e, err)
	}
	return exitClear
}
