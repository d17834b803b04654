// Onboarding is the screening step of a vendor-onboarding workflow: it
// screens a new supplier's name and country and decides whether the supplier
// is approved, sent to a compliance analyst for review, or blocked, with the
// reason, as a procurement system would record it.
//
//	go run ./examples/onboarding -name "Kaspersky Lab JSC" -country RU
//
// The decision rules here are an example to adapt, not a compliance policy.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// Supplier is what the onboarding form collects about a new supplier.
type Supplier struct {
	Name    string
	Country string // ISO-2 code, or empty if unknown
}

// Action is what happens to the supplier.
type Action string

// The possible actions, from least to most restrictive.
const (
	Approve Action = "approve" // nothing on the list comes close
	Review  Action = "review"  // a possible match: a person decides
	Block   Action = "block"   // a near-certain match: onboarding stops
)

// blockScore is the score at or above which a match whose country agrees
// blocks the supplier outright instead of sending it to review.
const blockScore = 0.95

// Decision is the outcome of screening one supplier, with what an
// auditor needs to trace it: when it was made, the threshold and the
// version of the list it was screened against.
type Decision struct {
	Action Action
	Reason string
	Match  *screening.Match // the deciding match, if any
	// At is when the supplier was screened.
	At time.Time
	// Threshold is the screener's alert threshold.
	Threshold float64
	// List is the version of the list screened against (see
	// entitylist.Version: it says when the list is the embedded sample).
	List entitylist.Version
}

// Decide screens the supplier and applies the onboarding rules:
//   - a supplier that cannot be screened (an empty or invalid name) goes to
//     review: it is never approved unscreened;
//   - a match scoring at least blockScore whose list entry is in the
//     supplier's country (or has no country) blocks;
//   - any other match at or above the screener's threshold goes to review;
//   - otherwise the supplier is approved, and the nearest miss, if the
//     screener reports near misses, is named in the reason.
func Decide(ctx context.Context, s *screening.Screener, sup Supplier) Decision {
	at := time.Now().UTC()
	r, err := s.Screen(ctx, screening.Query{Name: sup.Name, Country: sup.Country})
	d := Decision{At: at, Threshold: s.Threshold(), List: r.Version}
	if err != nil {
		d.List = s.List().Version() // a query not screened has no version of its own
		d.Action, d.Reason = Review, fmt.Sprintf("the name could not be screened (%v): check it by hand", err)
		return d
	}
	if len(r.Matches) == 0 {
		d.Action, d.Reason = Approve, "no list entry resembles the name"
		return d
	}
	top := r.Matches[0]
	d.Match = &top
	if !top.Alert {
		d.Action = Approve
		d.Reason = fmt.Sprintf("nearest entry %q scores %.2f, below the threshold %.2f", top.Entry.Name, top.Score, s.Threshold())
		return d
	}
	cs := top.Entry.Countries()
	sameCountry := sup.Country == "" || len(cs) == 0 || slices.Contains(cs, sup.Country)
	what := fmt.Sprintf("%q on the %s (id %s, score %.2f)", top.Entry.Name, top.Entry.Source.Name(), top.Entry.ID, top.Score)
	if top.Score >= blockScore && sameCountry {
		d.Action, d.Reason = Block, "matches "+what
		return d
	}
	d.Action, d.Reason = Review, "possible match with "+what
	if !sameCountry {
		d.Reason += fmt.Sprintf("; the entry's country is %s, the supplier's %s", strings.Join(cs, ", "), sup.Country)
	}
	return d
}

// write writes the decision as the procurement system records it: the
// action and reason, then what the decision rests on, an approval
// included: the version of the program (tool), when, the threshold and
// the list version.
func write(w io.Writer, d Decision, tool string) error {
	_, err := fmt.Fprintf(w, "%s: %s\nscreened: %s by onboarding %s, threshold %.2f\nlist version: %s\n",
		strings.ToUpper(string(d.Action)), d.Reason, d.At.Format(time.RFC3339), tool, d.Threshold, d.List)
	return err
}

// toolVersion is the version of this program from its build information:
// the module version ("devel" when there is none, as in a build from a
// checkout), with the VCS revision and time of a build from a checkout.
func toolVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	return versionOf(info)
}

// versionOf renders the version the build information info records.
func versionOf(info *debug.BuildInfo) string {
	v := info.Main.Version
	var rev, at, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	if rev != "" {
		v += fmt.Sprintf(" (revision %s, %s%s)", rev, at, modified)
	}
	return v
}

func main() {
	name := flag.String("name", "", "the supplier's legal name")
	country := flag.String("country", "", "the supplier's ISO-2 country code")
	listPath := flag.String("list", "", "screening list file (default: the embedded sample list)")
	flag.Parse()
	if *name == "" {
		fmt.Fprintln(os.Stderr, "usage: onboarding -name NAME [-country CC] [-list FILE]")
		os.Exit(2)
	}
	s, err := newScreener(*listPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "onboarding:", err)
		os.Exit(2)
	}
	d := Decide(context.Background(), s, Supplier{Name: *name, Country: strings.ToUpper(*country)})
	if err := write(os.Stdout, d, toolVersion()); err != nil {
		fmt.Fprintln(os.Stderr, "onboarding:", err)
		os.Exit(2)
	}
}

// newScreener screens against the list file, or the embedded sample list
// if path is empty, reporting near misses down to 0.15 below the threshold.
func newScreener(path string) (*screening.Screener, error) {
	list := entitylist.Default()
	if path != "" {
		var err error
		if list, err = entitylist.Open(path); err != nil {
			return nil, err
		}
	} else {
		fmt.Fprintln(os.Stderr, "onboarding: using the embedded SAMPLE list; pass -list with the official list for real decisions")
	}
	if list.Len() == 0 {
		return nil, errors.New("the list is empty")
	}
	return screening.New(list, screening.WithMinScore(screening.DefaultThreshold-0.15))
}
