// Ownership screens a supplier by its name and by its owners, as an
// onboarding or a periodic review would: the name against the list, and
// the supplier's ownership, from the company's own ownership data, under
// the OFAC 50 Percent Rule and the BIS Affiliates Rule at a date. It prints
// the decision with the evidence it rests on.
//
//	go run ./examples/ownership -supplier "Northwind Secure Software GmbH" \
//	    -ownership testdata/ownership/kaspersky.csv -as-of 2025-10-15
//
// The decision rules here are an example to adapt, not a compliance policy;
// the fixture's subsidiaries and percentages are illustrative.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/ownership"
	"github.com/entityscreen/entityscreen/screening"
)

// Action is what happens to the supplier.
type Action string

// The possible actions, from least to most restrictive.
const (
	Proceed Action = "proceed" // clear by name and by ownership
	Review  Action = "review"  // something to determine: a person decides
	Stop    Action = "stop"    // listed, or owned by listed parties: no dealing without a license
)

// Decision is the outcome of screening one supplier, with its evidence.
type Decision struct {
	Action Action
	// Reasons say why, one fact each, the deciding ones first.
	Reasons []string
	// Name is the screening of the supplier's name.
	Name screening.Result
	// Ownership is the outcome of the supplier's party in the ownership
	// data, nil when the data has no party of that name.
	Ownership *ownership.Outcome
	// List is the version of the list screened against (it says when the
	// list is the embedded sample).
	List entitylist.Version
}

// Decide screens the supplier's name with s and looks its party up in rep,
// ownership data tied to the same list and evaluated at a date, and applies
// the decision rules:
//   - stop: the name matches a list entry at or above the threshold, or the
//     ownership data ties the party to the list, or a rule in force covers
//     it for its owners (the license requirement is named);
//   - review: the name could not be screened; the supplier is not in the
//     ownership data (its owners are unknown); the data shows it possibly
//     listed or possibly owned 50% or more by listed parties; listed
//     parties hold a significant minority of it;
//   - proceed: otherwise. A rule not in force that would cover the
//     supplier is named among the reasons.
func Decide(ctx context.Context, s *screening.Screener, rep *ownership.Report, name string) Decision {
	var d Decision
	stop := func(r string) { d.Action, d.Reasons = Stop, append(d.Reasons, r) }
	review := func(r string) {
		if d.Action != Stop {
			d.Action = Review
		}
		d.Reasons = append(d.Reasons, r)
	}
	d.Action = Proceed

	res, err := s.Screen(ctx, screening.Query{Name: name})
	d.Name, d.List = res, res.Version
	if err != nil {
		d.List = s.List().Version() // a query not screened has no version of its own
	}
	switch {
	case err != nil:
		review(fmt.Sprintf("the name could not be screened (%v): check it by hand", err))
	case res.Alert():
		m := res.Matches[0]
		stop(fmt.Sprintf("its name matches %s %q (id %s, score %.2f)", m.Entry.Source, m.Entry.Name, m.Entry.ID, m.Score))
	}

	o, ok := rep.Outcome(name)
	if !ok {
		review("it is not in the ownership data: its owners are unknown")
		return d
	}
	d.Ownership = &o
	if o.Finding == ownership.Listed {
		stop("the ownership data ties it to the list: " + o.Ties[0].String())
	}
	for _, ro := range o.Rules {
		switch {
		case ro.Finding == ownership.Owned:
			r := fmt.Sprintf("%s (%s at %s): %s", ro.Name, ro.Status, o.AsOf.Format(time.DateOnly), ro.Reason)
			if ro.License != nil {
				r += fmt.Sprintf("; license requirement: %s %s (from %s)", ro.License.Requirement, ro.License.Policy, ro.License.FromName)
			}
			if l := ro.PossibleLicense; l != nil {
				r += fmt.Sprintf("; possibly, a stricter one: %s %s (from %s)", l.Requirement, l.Policy, l.FromName)
			}
			stop(r)
		case ro.Finding == ownership.Possibly:
			review(fmt.Sprintf("%s: %s", ro.Name, ro.Reason))
		case ro.Finding == ownership.Clear && ro.Computed > ownership.Clear:
			d.Reasons = append(d.Reasons, fmt.Sprintf("%s: %s", ro.Name, ro.Reason))
		}
	}
	for _, is := range o.Issues {
		if is.Kind == ownership.IssueMinority {
			review(is.Detail)
		}
	}
	if d.Action == Proceed && len(d.Reasons) == 0 {
		d.Reasons = append(d.Reasons, "its name matches no list entry and no listed party owns 50% or more of it")
	}
	return d
}

// write writes the decision and its evidence: the reasons, the name
// screening's best match, the ownership outcome (its ties, each rule's
// finding with the paths and license requirement, the data's issues),
// the rules' status at the date and the list version.
func write(w io.Writer, name string, d Decision, rep *ownership.Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", strings.ToUpper(string(d.Action)), name)
	for _, r := range d.Reasons {
		fmt.Fprintf(&b, "  - %s\n", r)
	}
	b.WriteString("evidence:\n")
	switch {
	case d.Name.Err != nil:
		fmt.Fprintf(&b, "  name screening: not screened: %v\n", d.Name.Err)
	case len(d.Name.Matches) == 0:
		fmt.Fprintf(&b, "  name screening: no match at threshold %.2f\n", d.Name.Threshold)
	default:
		m := d.Name.Matches[0]
		fmt.Fprintf(&b, "  name screening: %s %q scores %.2f (threshold %.2f, alert %t)\n", m.Entry.Source, m.Entry.Name, m.Score, d.Name.Threshold, m.Alert)
	}
	if o := d.Ownership; o != nil {
		b.WriteString("  ownership: ")
		b.WriteString(strings.ReplaceAll(strings.TrimSuffix(o.String(), "\n"), "\n", "\n  "))
		b.WriteString("\n")
		for _, ro := range o.Rules {
			for _, h := range ro.Owners {
				for _, t := range h.Ties {
					fmt.Fprintf(&b, "    %s, owner under the %s: %s\n", h.OwnerName, ro.Name, t)
				}
			}
		}
	}
	fmt.Fprintf(&b, "  rules at %s:\n", rep.AsOf().Format(time.DateOnly))
	for _, r := range rep.Rules() {
		how := r.Status.String()
		switch {
		case r.Overridden:
			how += ", set explicitly"
		case len(r.Rule.Periods) > 0:
			how = r.Period.String() + "; the status is yours to confirm"
		}
		fmt.Fprintf(&b, "    %s: %s\n", r.Rule.Name, how)
	}
	fmt.Fprintf(&b, "  list version: %s\n", d.List)
	_, err := io.WriteString(w, b.String())
	return err
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run runs the program with the command-line arguments args and returns its
// exit status: 0 proceed, 1 review or stop, 2 an error.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ownership", flag.ContinueOnError)
	fs.SetOutput(stderr)
	supplier := fs.String("supplier", "", "the supplier's legal name")
	var files []string
	fs.Func("ownership", "an ownership data file (the ownership CSV, GLEIF, UK PSC or FollowTheMoney); repeatable", func(s string) error {
		files = append(files, s)
		return nil
	})
	asOf := fs.String("as-of", "", "the date to apply the rules at, YYYY-MM-DD (default today)")
	listPath := fs.String("list", "", "screening list file (default: the embedded sample list)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *supplier == "" || len(files) == 0 {
		fmt.Fprintln(stderr, "usage: ownership -supplier NAME -ownership FILE [-ownership FILE ...] [-as-of YYYY-MM-DD] [-list FILE]")
		return 2
	}
	var day time.Time // zero: today
	if *asOf != "" {
		var err error
		if day, err = time.Parse(time.DateOnly, *asOf); err != nil {
			fmt.Fprintf(stderr, "ownership: -as-of %q: want YYYY-MM-DD\n", *asOf)
			return 2
		}
	}
	s, err := newScreener(*listPath, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "ownership:", err)
		return 2
	}
	rep, err := evaluate(s, files, day)
	if err != nil {
		fmt.Fprintln(stderr, "ownership:", err)
		return 2
	}
	d := Decide(context.Background(), s, rep, *supplier)
	if err := write(stdout, *supplier, d, rep); err != nil {
		fmt.Fprintln(stderr, "ownership:", err)
		return 2
	}
	if d.Action == Proceed {
		return 0
	}
	return 1
}

// evaluate reads the ownership files, GLEIF entity files last, ties their
// parties to the screener's list and applies the default rules at day.
// A file with any bad record is an error: a decision must not rest on data
// read in part.
func evaluate(s *screening.Screener, files []string, day time.Time) (*ownership.Report, error) {
	g := ownership.NewGraph()
	var later []string // GLEIF entity files
	var errs []error
	read := func(path string, entitiesLast bool) {
		f, err := os.Open(path)
		if err != nil {
			errs = append(errs, err)
			return
		}
		defer f.Close()
		if entitiesLast {
			if format, err := ownership.DetectFormat(f); err == nil && format == ownership.FormatGLEIFEntities {
				later = append(later, path)
				return
			}
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				errs = append(errs, err)
				return
			}
		}
		if _, err := g.ReadAny(f, path); err != nil {
			errs = append(errs, err)
		}
	}
	for _, p := range files {
		read(p, true)
	}
	for _, p := range later {
		read(p, false)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	res, err := ownership.Resolve(context.Background(), g, s, ownership.ResolveOptions{})
	if err != nil {
		return nil, err
	}
	return res.Evaluate(ownership.Options{AsOf: day})
}

// newScreener screens against the list file, or the embedded sample list
// if path is empty, with a warning on stderr.
func newScreener(path string, stderr io.Writer) (*screening.Screener, error) {
	list := entitylist.Default()
	if path != "" {
		var err error
		if list, err = entitylist.Open(path); err != nil {
			return nil, err
		}
	} else {
		fmt.Fprintln(stderr, "ownership: using the embedded SAMPLE list; pass -list with the official list for real decisions")
	}
	return screening.New(list)
}
