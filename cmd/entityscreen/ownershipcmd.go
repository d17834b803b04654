package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/printable"
	"github.com/entityscreen/entityscreen/ownership"
	"github.com/entityscreen/entityscreen/screening"
)

// ownershipUsage is the description in the usage message of the ownership
// command.
const ownershipUsage = `Shows what the ownership data says of each PARTY, a name (in any case and
spacing) or a party's id in the data (such as XI-LEI-... for an LEI or
GB-COH-... for a UK company): its ties to the list, with the explanation of
each name match; its owners and holdings at the date, listed or not; its
outcome under each ownership rule, with the ownership paths from listed
parties, the listed owners and their lists, and the license requirement;
the problems of the data behind it (issues, cycles) and what the readers
noted; and the rules' status at the date, which is yours to confirm.

The ownership files are read as by "screen --ownership" (their format told
from their start, GLEIF entity files after the others; a file with any bad
record is an error naming its lines and fields, and nothing is shown). Their
parties are tied to the list (--list, else the downloaded list, else the
embedded SAMPLE list with a warning) by name screening at --threshold, or by
the list ids the data gives.

Exit status:
  0    every PARTY is clear (or only resembles a list entry by name)
  1    a PARTY is listed, or owned or possibly owned 50% or more by listed
       parties under a rule in force at the date
  2    an error: bad flags, ownership data or a list that cannot be used,
       or a PARTY that is not in the ownership data`

// ownershipFormats are the output formats of the ownership command.
var ownershipFormats = []string{"text", "json"}

// maxNotesShown is the number of the readers' notes the text of the
// ownership command lists.
const maxNotesShown = 20

func runOwnership(e *env, args []string) int {
	var (
		own       ownershipFlags
		lists     listFlags
		threshold float64
		format    string
	)
	fs := newFlagSet(e, "ownership", "--ownership FILE [flags] PARTY ...\n\n"+ownershipUsage)
	own.register(fs)
	fs.Var(&lists, "list", "tie the parties to this list `file`"+listValues)
	fs.Float64Var(&threshold, "threshold", screening.DefaultThreshold, "a party's name scoring at least this ties it to a list entry (0 to 1)")
	fs.StringVar(&format, "format", "text", "output `format`: text, or json (JSON Lines, one object per party)")
	parties, err := parseArgs(fs, args)
	if err != nil {
		return flagStatus(err)
	}
	err = own.check(time.Now())
	switch {
	case err != nil:
	case len(own.files) == 0:
		err = errors.New("--ownership FILE is required: the ownership data to look the parties up in")
	case len(parties) == 0:
		err = errors.New("no PARTY to show")
	case !slices.Contains(ownershipFormats, format):
		err = fmt.Errorf("unknown --format %s: use %s", printable.Quote(format), strings.Join(ownershipFormats, ", "))
	default:
		if terr := screening.CheckOptions(screening.WithThreshold(threshold)); terr != nil {
			err = fmt.Errorf("--threshold %v: %w", threshold, terr)
		}
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "entityscreen ownership: %v\n", err)
		fs.Usage()
		return exitError
	}

	list, choice, err := loadList(e, lists, sampleWarn)
	if err != nil {
		return fail(e, err)
	}
	if err := checkAge(e, list, choice, defaultMaxAge, false, time.Now()); err != nil {
		return fail(e, err)
	}
	s, err := newScreener(e, list, screening.WithThreshold(threshold))
	if err != nil {
		return fail(e, err)
	}
	d, err := loadOwnership(context.Background(), e, s, &own)
	if err != nil {
		return fail(e, err)
	}

	out := bufio.NewWriter(e.stdout)
	st := newStamp()
	status, missing := exitClear, 0
	for i, party := range parties {
		of := d.lookup(party, party)
		if len(of.outcomes) == 0 {
			missing++
		}
		if of.alert {
			status = exitMatch
		}
		if format == "json" {
			if err := d.writePartyJSON(out, party, of, st); err != nil {
				return fail(e, err)
			}
		} else {
			if i > 0 {
				out.WriteString("\n")
			}
			d.writePartyText(out, party, of)
		}
	}
	if format == "text" {
		v := d.res.Version()
		fmt.Fprintf(out, "\nList: %s\n", printable.Text(v.String()))
		if v.Sample {
			out.WriteString("WARNING: tied to the embedded SAMPLE list, not the complete official list: \"clear\" clears no one.\n")
		}
	}
	if err := out.Flush(); err != nil {
		return outputFailed(e, err)
	}
	if missing > 0 {
		return fail(e, fmt.Errorf("%s of %d not in the ownership data", plural(missing, "party", "parties"), len(parties)))
	}
	return status
}

// writePartyText writes the ownership picture of each party found for the
// query, for people.
func (d *ownershipData) writePartyText(w io.Writer, query string, of *ownershipOf) {
	if len(of.outcomes) == 0 {
		fmt.Fprintf(w, "Party %q: not in the ownership data (no party of this name or id)\n", query)
		return
	}
	for i, o := range of.outcomes {
		if i > 0 {
			io.WriteString(w, "\n")
		}
		d.writeOutcomeText(w, query, of.by, o)
	}
}

// writeOutcomeText writes one party's ownership picture, for people.
func (d *ownershipData) writeOutcomeText(w io.Writer, query, by string, o ownership.Outcome) {
	p := o.Party
	day := o.AsOf.Format(time.DateOnly)
	fmt.Fprintf(w, "Party %q: %s\n", query, printable.Text(p.Label()))
	fmt.Fprintf(w, "  id:        %s (found by %s)\n", printable.Text(p.ID), by)
	if len(p.AltNames) > 0 {
		fmt.Fprintf(w, "  also:      %s\n", printable.Text(strings.Join(p.AltNames, "; ")))
	}
	fmt.Fprintf(w, "  country:   %s\n", cmp.Or(printable.Text(p.Country), "unknown"))
	if p.Kind != entitylist.TypeUnknown {
		fmt.Fprintf(w, "  kind:      %s\n", p.Kind)
	}
	if p.Record != (ownership.Record{}) {
		fmt.Fprintf(w, "  read from: %s\n", printable.Text(p.Record.String()))
	}
	fmt.Fprintf(w, "  finding as of %s: %s\n", day, printable.Text(d.findingLine(o)))

	io.WriteString(w, "\nTies to the list:\n")
	if len(o.Ties) == 0 {
		io.WriteString(w, "  none: no name of the party matches a list entry or resembles one, and the data gives no list id\n")
	}
	for _, t := range o.Ties {
		writeTie(w, "  ", "", t)
	}

	owners, holdings, _ := d.report.Stakes(p.ID)
	fmt.Fprintf(w, "\nOwners as of %s:\n", day)
	if len(owners) == 0 {
		io.WriteString(w, "  none in the data\n")
	}
	for _, s := range owners {
		fmt.Fprintf(w, "  %s %s%s [%s]\n", printable.Text(shareKind(s)), printable.Text(s.OwnerName), idText(s.Owner, s.OwnerName), printable.Text(recordsText(s.Records)))
		for _, t := range d.res.Ties(s.Owner) {
			writeTie(w, "    ", s.OwnerName+" ", t)
		}
	}
	fmt.Fprintf(w, "\nHoldings as of %s:\n", day)
	if len(holdings) == 0 {
		io.WriteString(w, "  none in the data\n")
	}
	for _, s := range holdings {
		held := ""
		if ho, ok := d.report.Outcome(s.Owned); ok {
			held = " (" + ho.Finding.String() + ")"
		}
		fmt.Fprintf(w, "  %s %s%s%s [%s]\n", printable.Text(shareKind(s)), printable.Text(s.OwnedName), idText(s.Owned, s.OwnedName), held, printable.Text(recordsText(s.Records)))
	}

	fmt.Fprintf(w, "\nOutcome under each rule as of %s:\n", day)
	for _, ro := range o.Rules {
		writeRuleOutcome(w, ro, "  ")
		if ro.Finding == ownership.Owned && ro.Effect != "" {
			fmt.Fprintf(w, "    effect: %s\n", printable.Text(ro.Effect))
		}
	}
	fmt.Fprintf(w, "\nRule status as of %s:\n", day)
	d.writeRuleStatus(w, "  ")

	io.WriteString(w, "\nData issues:\n")
	if len(o.Issues) == 0 {
		io.WriteString(w, "  none for this party\n")
	}
	for _, is := range o.Issues {
		fmt.Fprintf(w, "  %s: %s", is.Kind, printable.Text(is.Detail))
		if len(is.Records) > 0 {
			fmt.Fprintf(w, " [%s]", printable.Text(recordsText(is.Records)))
		}
		io.WriteString(w, "\n")
	}
	on, total := d.cyclesOf(p.ID)
	fmt.Fprintf(w, "  cycles in the data: %d, %d through this party\n", total, len(on))
	notes, nnotes := d.graph.Notes()
	fmt.Fprintf(w, "  notes of the readers: %d\n", nnotes)
	for i, n := range notes {
		if i == maxNotesShown {
			fmt.Fprintf(w, "    and %d more (--format json gives up to %d)\n", nnotes-maxNotesShown, ownership.MaxNotes)
			break
		}
		fmt.Fprintf(w, "    %s\n", printable.Text(n.String()))
	}
}

// writeTie writes a tie of a party (named by who, with a space, or
// empty) to a list entry, with the explanation of its name match.
func writeTie(w io.Writer, prefix, who string, t ownership.Tie) {
	fmt.Fprintf(w, "%s%s%s\n", prefix, printable.Text(who), printable.Text(tieText(t)))
	if t.Match != nil {
		io.WriteString(w, indent(printableLines(t.Match.Explanation.String()), prefix+"    "))
	}
}

// shareKind is a stake's share and, if not ownership, its kind: "60%",
// "unknown (0-100%) consolidation".
func shareKind(s ownership.Stake) string {
	if s.Kind == ownership.Ownership {
		return s.Share.String()
	}
	return s.Share.String() + " " + s.Kind.String()
}

// idText is a party's id in parentheses, when it is not its name.
func idText(id, name string) string {
	if id == name {
		return ""
	}
	return " (id " + printable.Text(id) + ")"
}

// recordsText names records: "owners.csv line 7, owners.csv line 9".
func recordsText(recs []ownership.Record) string {
	parts := make([]string, len(recs))
	for i, r := range recs {
		parts[i] = r.String()
	}
	return strings.Join(parts, ", ")
}

// cyclesOf returns the ownership cycles through the party, and how many
// cycles the data has.
func (d *ownershipData) cyclesOf(id string) ([][]string, int) {
	all := d.report.Cycles()
	var on [][]string
	for _, c := range all {
		if slices.Contains(c, id) {
			on = append(on, c)
		}
	}
	return on, len(all)
}

// partyRecord is the JSON record of a party the ownership command writes.
type partyRecord struct {
	Query string `json:"query"`
	// FoundBy says how the party was found: "id" or "name".
	FoundBy string             `json:"found_by,omitempty"`
	Outcome *ownership.Outcome `json:"outcome,omitempty"`
	// Owners and Holdings are the party's stakes at the date
	// (ownership.Report.Stakes).
	Owners   []ownership.Stake `json:"owners"`
	Holdings []ownership.Stake `json:"holdings"`
	// Rules are the rules applied and their status at the date.
	Rules []ruleRecord `json:"rules"`
	// Cycles are the ownership cycles through the party, by party ID;
	// CyclesTotal counts those of the whole data.
	Cycles      [][]string `json:"cycles,omitempty"`
	CyclesTotal int        `json:"cycles_total"`
	// Notes are what the readers noted of the data (at most
	// ownership.MaxNotes); NotesTotal counts them all.
	Notes       []ownership.Note `json:"notes,omitempty"`
	NotesTotal  int              `json:"notes_total"`
	Error       string           `json:"error,omitempty"`
	ToolVersion string           `json:"tool_version"`
	ScreenedAt  string           `json:"screened_at"`
}

// ruleRecord is a rule applied and its status at the date, in JSON.
type ruleRecord struct {
	ID         string               `json:"id"`
	Name       string               `json:"name"`
	Citation   string               `json:"citation"`
	Status     ownership.RuleStatus `json:"status"`
	Period     ownership.Period     `json:"period,omitzero"`
	Overridden bool                 `json:"overridden,omitempty"`
	// Confirm says that the status is the user's to confirm, for a rule
	// whose status changes over time.
	Confirm string `json:"confirm,omitempty"`
}

// writePartyJSON writes one JSON line per party found for the query, or one
// with an error when there is none. Its error is one of encoding; an error
// of writing is w's, which its Flush returns, as writePartyText's.
func (d *ownershipData) writePartyJSON(w *bufio.Writer, query string, of *ownershipOf, st stamp) error {
	notes, nnotes := d.graph.Notes()
	base := partyRecord{Query: query, NotesTotal: nnotes, Notes: notes, Owners: []ownership.Stake{}, Holdings: []ownership.Stake{},
		ToolVersion: st.tool, ScreenedAt: timeString(st.now())}
	for _, r := range d.rules {
		rr := ruleRecord{ID: r.Rule.ID, Name: r.Rule.Name, Citation: r.Rule.Citation, Status: r.Status, Period: r.Period, Overridden: r.Overridden}
		if len(r.Rule.Periods) > 0 {
			rr.Confirm = fmt.Sprintf("the status is yours to confirm; set it with --rule-status %s=in-force or %s=suspended", r.Rule.ID, r.Rule.ID)
		}
		base.Rules = append(base.Rules, rr)
	}
	_, base.CyclesTotal = d.cyclesOf("")
	recs := []partyRecord{base}
	if len(of.outcomes) == 0 {
		recs[0].Error = "not in the ownership data: no party of this name or id"
	} else {
		recs = recs[:0]
	}
	for _, o := range of.outcomes {
		r := base
		r.FoundBy, r.Outcome = of.by, &o
		owners, holdings, _ := d.report.Stakes(o.Party.ID)
		if owners != nil {
			r.Owners = owners
		}
		if holdings != nil {
			r.Holdings = holdings
		}
		r.Cycles, _ = d.cyclesOf(o.Party.ID)
		recs = append(recs, r)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	w.Write(b.Bytes()) // an error of w is kept for its Flush
	return nil
}
