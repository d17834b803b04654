package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/entityscreen/entityscreen/internal/printable"
	"github.com/entityscreen/entityscreen/ownership"
	"github.com/entityscreen/entityscreen/screening"
)

// ownershipFlags are the flags that load ownership data and say how the
// ownership rules apply, shared by "screen --ownership" and the ownership
// command.
type ownershipFlags struct {
	files  listFlags   // --ownership
	asOf   string      // --as-of as given; empty: today
	status statusFlags // --rule-status
	rules  string      // --rules
	day    time.Time   // the date evaluated, set by check
}

// register adds the flags to fs.
func (o *ownershipFlags) register(fs *flag.FlagSet) {
	fs.Var(&o.files, "ownership", "ownership data `file`: the ownership CSV, GLEIF relationship or entity CSV,\n"+
		"UK PSC or FollowTheMoney JSON Lines, told from its start; repeatable")
	fs.StringVar(&o.asOf, "as-of", "", "apply the ownership rules as of this `date`, YYYY-MM-DD (default today, UTC)")
	fs.Var(&o.status, "rule-status", "set an ownership rule's status at the date, overriding its periods:\n"+
		"`RULE=STATUS`, such as bis-affiliates=in-force or bis-affiliates=suspended; repeatable")
	fs.StringVar(&o.rules, "rules", "", "apply the ownership rules of this JSON `file` rather than the embedded ones")
}

// check validates the flags together and sets the date evaluated: the
// --as-of date, else the date of now in UTC. Without --ownership the other
// flags are errors.
func (o *ownershipFlags) check(now time.Time) error {
	if len(o.files) == 0 {
		for _, f := range []struct {
			name string
			set  bool
		}{{"--as-of", o.asOf != ""}, {"--rule-status", len(o.status) > 0}, {"--rules", o.rules != ""}} {
			if f.set {
				return fmt.Errorf("%s needs --ownership", f.name)
			}
		}
		return nil
	}
	u := now.UTC()
	o.day = time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, time.UTC)
	if o.asOf != "" {
		d, err := time.Parse(time.DateOnly, o.asOf)
		if err != nil {
			return fmt.Errorf("--as-of %s: not a date written YYYY-MM-DD", printable.Quote(o.asOf))
		}
		o.day = d
	}
	return nil
}

// statusFlags is the repeatable --rule-status flag: rule statuses by rule
// ID.
type statusFlags map[string]ownership.RuleStatus

func (s *statusFlags) String() string {
	if s == nil {
		return ""
	}
	var parts []string
	for _, id := range slices.Sorted(maps.Keys(*s)) {
		parts = append(parts, id+"="+(*s)[id].String())
	}
	return strings.Join(parts, ",")
}

func (s *statusFlags) Set(v string) error {
	id, status, ok := strings.Cut(v, "=")
	id = strings.TrimSpace(id)
	if !ok || id == "" {
		return errors.New("want RULE=STATUS, such as bis-affiliates=suspended")
	}
	var st ownership.RuleStatus
	if err := st.UnmarshalText([]byte(status)); err != nil {
		return fmt.Errorf("rule %s: status %s: want in-force, suspended or not-in-force", printable.Quote(id), printable.Quote(status))
	}
	if *s == nil {
		*s = statusFlags{}
	}
	(*s)[id] = st
	return nil
}

// ownershipFile is an ownership file and its format.
type ownershipFile struct {
	path   string
	format ownership.Format
}

// ownershipData is ownership data loaded, tied to the screener's list and
// evaluated at a date: what the screen and ownership commands look parties
// up in. It is not modified once loaded.
type ownershipData struct {
	files     []ownershipFile // in the order read
	graph     *ownership.Graph
	res       *ownership.Resolution
	report    *ownership.Report
	rules     []ownership.AppliedRule
	threshold map[string]float64  // rule ID -> threshold, percent
	byName    map[string][]string // name key -> IDs of the parties with that name, in graph order
}

// loadOwnership reads the ownership files of o, GLEIF entity files after the
// others, ties their parties to the list with s and applies the rules at
// o.day. It reads every file before it fails, so that the error names every
// problem of every file (by file, line and field); data read in part is
// never used. It says on stderr, in one line, what it read.
func loadOwnership(ctx context.Context, e *env, s *screening.Screener, o *ownershipFlags) (*ownershipData, error) {
	rules := ownership.Rules()
	if o.rules != "" {
		var err error
		if rules, err = readRules(o.rules); err != nil {
			return nil, err
		}
	}
	for id := range o.status {
		if !slices.ContainsFunc(rules, func(r ownership.Rule) bool { return r.ID == id }) {
			ids := make([]string, len(rules))
			for i, r := range rules {
				ids[i] = r.ID
			}
			return nil, fmt.Errorf("--rule-status %s: no such rule; the rules are %s", printable.Quote(id), strings.Join(ids, ", "))
		}
	}
	files, err := detectFiles(o.files)
	if err != nil {
		return nil, err
	}
	g := ownership.NewGraph()
	var problems []string
	for _, f := range files {
		if err := readOwnershipFile(g, f.path); err != nil {
			problems = append(problems, problemText(err))
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("the ownership data cannot be used, nothing was screened:\n  %s", strings.Join(problems, "\n  "))
	}
	res, err := ownership.Resolve(ctx, g, s, ownership.ResolveOptions{})
	if err != nil {
		return nil, fmt.Errorf("tying the ownership data to the list: %w", err)
	}
	rep, err := res.Evaluate(ownership.Options{AsOf: o.day, Rules: rules, Status: o.status})
	if err != nil {
		return nil, fmt.Errorf("applying the ownership rules: %w", err)
	}
	d := &ownershipData{files: files, graph: g, res: res, report: rep, rules: rep.Rules(),
		threshold: map[string]float64{}, byName: map[string][]string{}}
	for _, r := range d.rules {
		d.threshold[r.Rule.ID] = r.Rule.Threshold
	}
	for p := range g.Parties() {
		for _, n := range p.Names() {
			k := nameKey(n)
			if !slices.Contains(d.byName[k], p.ID) {
				d.byName[k] = append(d.byName[k], p.ID)
			}
		}
	}
	_, notes := g.Notes()
	fmt.Fprintf(e.stderr, "entityscreen: ownership data: %s and %s from %s, as of %s%s\n",
		plural(g.NumParties(), "party", "parties"), plural(g.NumEdges(), "ownership record", "ownership records"),
		printable.Text(d.fileList()), o.day.Format(time.DateOnly), noteText(notes))
	return d, nil
}

// maxProblemsShown is the number of problems of one ownership file the
// error of loadOwnership lists.
const maxProblemsShown = 10

// problemText renders an error of reading an ownership file for people: a
// LoadError names its file, then its problems one a line, each with its
// line, field and value, the first maxProblemsShown, then how many more.
func problemText(err error) string {
	var le *ownership.LoadError
	if !errors.As(err, &le) {
		return err.Error()
	}
	total := max(le.Total, len(le.Errs))
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s:", le.Origin, plural(total, "error", "errors"))
	for i, pe := range le.Errs {
		if i == maxProblemsShown {
			break
		}
		fmt.Fprintf(&b, "\n    %s", pe)
	}
	if shown := min(len(le.Errs), maxProblemsShown); total > shown {
		fmt.Fprintf(&b, "\n    and %d more", total-shown)
	}
	return b.String()
}

// noteText counts the readers' notes for the line loadOwnership writes.
func noteText(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("; %s (\"entityscreen ownership\" shows them)", plural(n, "note", "notes"))
}

// fileList names the files read and their formats, for people.
func (d *ownershipData) fileList() string {
	parts := make([]string, len(d.files))
	for i, f := range d.files {
		parts[i] = fmt.Sprintf("%s (%s)", f.path, f.format)
	}
	return strings.Join(parts, ", ")
}

// readRules reads the rules of a --rules file.
func readRules(path string) ([]ownership.Rule, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the rules: %w", err)
	}
	defer f.Close()
	rules, err := ownership.ReadRules(f)
	if err != nil {
		return nil, fmt.Errorf("--rules %s: %w", path, err)
	}
	return rules, nil
}

// detectFiles tells the format of each file and orders them to be read:
// GLEIF entity files, which name the parties of the relationship files,
// last; the others as given.
func detectFiles(paths []string) ([]ownershipFile, error) {
	files := make([]ownershipFile, len(paths))
	for i, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("cannot read the ownership data: %w", err)
		}
		format, err := ownership.DetectFormat(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("cannot read the ownership data: %s: %w", p, err)
		}
		files[i] = ownershipFile{path: p, format: format}
	}
	sort.SliceStable(files, func(i, j int) bool {
		return files[i].format != ownership.FormatGLEIFEntities && files[j].format == ownership.FormatGLEIFEntities
	})
	return files, nil
}

// readOwnershipFile reads one ownership file into g.
func readOwnershipFile(g *ownership.Graph, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("cannot read the ownership data: %w", err)
	}
	defer f.Close()
	_, err = g.ReadAny(f, path)
	return err
}

// nameKey is the key parties are looked up by name with: the words of the
// name, lower case, one space apart, as package ownership compares names.
func nameKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// ownershipOf is what the ownership data says of one query.
type ownershipOf struct {
	// outcomes are those of the parties found, the most severe first;
	// none when the data holds no party of the query's name or id.
	outcomes []ownership.Outcome
	by       string // how the parties were found: "id" or "name"
	id       string // the query's identifier, if it has one
	alert    bool   // the first outcome is an alert (see ownershipData.alert)
}

// lookup finds the parties of a query: the party whose ID is the query's
// identifier (as given, or as an LEI or UK company number in the ID schemes
// of the GLEIF and PSC readers), if the data has one; else the parties with
// the query's name among their names, in any case and spacing.
func (d *ownershipData) lookup(name, id string) *ownershipOf {
	of := &ownershipOf{id: strings.TrimSpace(id)}
	var ids []string
	for _, c := range idCandidates(of.id) {
		// A party named only by name has its name as ID: it is found by
		// name, below.
		if p, ok := d.graph.Party(c); ok && p.ID == c && p.ID != p.Name {
			ids, of.by = []string{c}, "id"
			break
		}
	}
	if ids == nil {
		ids, of.by = d.byName[nameKey(name)], "name"
	}
	for _, id := range ids {
		if o, ok := d.report.Outcome(id); ok {
			of.outcomes = append(of.outcomes, o)
		}
	}
	slices.SortStableFunc(of.outcomes, func(a, b ownership.Outcome) int {
		return cmp.Or(boolOrder(d.alert(b), d.alert(a)), cmp.Compare(b.Finding, a.Finding))
	})
	of.alert = len(of.outcomes) > 0 && d.alert(of.outcomes[0])
	return of
}

func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// idCandidates returns the party IDs an identifier may be: itself, and for
// 20 letters and digits the LEI, for 8 the UK company number.
func idCandidates(id string) []string {
	if id == "" {
		return nil
	}
	c := []string{id}
	alnum := !strings.ContainsFunc(id, func(r rune) bool {
		return !('0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z')
	})
	switch {
	case alnum && len(id) == 20:
		c = append(c, ownership.LEIPrefix+strings.ToUpper(id))
	case alnum && len(id) == 8:
		c = append(c, ownership.CompanyPrefix+strings.ToUpper(id))
	}
	return c
}

// alert reports whether an outcome is an alert: the party is listed, or
// owned 50% or more (a rule's threshold) by listed parties under a rule in
// force, or possibly so (shares in bands or unknown, an owner that only
// resembles a listed party, an unknown country). A party whose own name only
// resembles a list entry is not: that is for name screening to judge, at
// its threshold.
func (d *ownershipData) alert(o ownership.Outcome) bool {
	if o.Finding == ownership.Listed {
		return true
	}
	for _, ro := range o.Rules {
		switch ro.Finding {
		case ownership.Owned, ownership.Listed:
			return true
		case ownership.Possibly:
			if ro.Held.High >= d.threshold[ro.Rule] {
				return true
			}
		}
	}
	return false
}

// findingLine is the first line of an outcome for people: the finding, in
// capitals when it calls for a look, and under which rule.
func (d *ownershipData) findingLine(o ownership.Outcome) string {
	ro, ok := decisive(o)
	switch {
	case o.Finding == ownership.Listed:
		return "LISTED: the ownership data ties it to the list"
	case o.Finding == ownership.Clear:
		return "clear"
	case ok && ro.Finding == ownership.Owned:
		return fmt.Sprintf("OWNED %s%% or more by listed parties under the %s", formatThreshold(d.threshold[ro.Rule]), ro.Name)
	case ok && d.alert(o):
		return fmt.Sprintf("POSSIBLY OWNED %s%% or more by listed parties under the %s: to determine", formatThreshold(d.threshold[ro.Rule]), ro.Name)
	}
	return "possibly listed: a name of the party resembles a list entry"
}

// alertWhy says why an outcome that is an alert is one, for a party whose
// name matched nothing: "listed parties own 50% or more of it under the
// BIS Affiliates Rule".
func (d *ownershipData) alertWhy(o ownership.Outcome) string {
	ro, ok := decisive(o)
	switch {
	case o.Finding == ownership.Listed || !ok:
		return "the ownership data ties the party to the list (by a list id, or by another of its names)"
	case ro.Finding == ownership.Owned:
		return fmt.Sprintf("listed parties own %s%% or more of it under the %s", formatThreshold(d.threshold[ro.Rule]), ro.Name)
	}
	return fmt.Sprintf("listed parties may own %s%% or more of it under the %s: determine the shares", formatThreshold(d.threshold[ro.Rule]), ro.Name)
}

// decisive returns the outcome's rule outcome that decides its finding: the
// first with the party's finding, if it is not Clear.
func decisive(o ownership.Outcome) (ownership.RuleOutcome, bool) {
	for _, ro := range o.Rules {
		if ro.Finding > ownership.Clear && ro.Finding == o.Finding {
			return ro, true
		}
	}
	for _, ro := range o.Rules {
		if ro.Finding > ownership.Clear {
			return ro, true
		}
	}
	return ownership.RuleOutcome{}, false
}

// relevant returns the rule outcomes that say something: those with a
// finding, else those whose computation found one (a rule not in force),
// else all.
func relevant(o ownership.Outcome) []ownership.RuleOutcome {
	var found, computed []ownership.RuleOutcome
	for _, ro := range o.Rules {
		if ro.Finding > ownership.Clear {
			found = append(found, ro)
		}
		if ro.Computed > ownership.Clear {
			computed = append(computed, ro)
		}
	}
	switch {
	case len(found) > 0:
		return found
	case len(computed) > 0:
		return computed
	}
	return o.Rules
}

// statusText is a rule's status for people: "in force", "suspended
// (2025-11-10 to 2026-11-09: suspended, 90 FR ...)", "in force (set with
// --rule-status)".
func statusText(status ownership.RuleStatus, p ownership.Period, overridden bool) string {
	switch {
	case overridden:
		return status.String() + " (set with --rule-status)"
	case p.From.IsZero():
		return status.String()
	}
	s := p.String()
	if p.Citation != "" {
		s += ", " + p.Citation
	}
	return status.String() + " (" + s + ")"
}

// writeRuleOutcome writes a party's outcome under one rule, for people: the
// rule, its status and the finding with its reason; then, when the
// computation found something, the paths from the listed owners, each with
// its records and the ties that make its first owner count, and the
// license requirement.
func writeRuleOutcome(w io.Writer, ro ownership.RuleOutcome, prefix string) {
	fmt.Fprintf(w, "%s%s, %s: %s: %s\n", prefix, printable.Text(ro.Name), statusText(ro.Status, ownership.Period{}, ro.Overridden),
		ro.Finding, printable.Text(ro.Reason))
	for _, p := range ro.Paths {
		fmt.Fprintf(w, "%s  path: %s [%s]\n", prefix, printable.Text(p.String()), printable.Text(pathRecords(p)))
		owner := ""
		if len(p.Steps) > 0 {
			owner = p.Steps[0].OwnerName
		}
		for _, t := range p.Ties {
			fmt.Fprintf(w, "%s    %s %s\n", prefix, printable.Text(owner), printable.Text(tieText(t)))
		}
	}
	if ro.MorePaths > 0 {
		fmt.Fprintf(w, "%s  and %s not shown\n", prefix, plural(ro.MorePaths, "more path", "more paths"))
	}
	for _, l := range []struct {
		word string
		l    *ownership.License
	}{{"license", ro.License}, {"possible license", ro.PossibleLicense}} {
		if l.l == nil {
			continue
		}
		fmt.Fprintf(w, "%s  %s: %s (from %s, %s)\n", prefix, l.word, printable.Text(licenseText(l.l)), printable.Text(l.l.FromName), printable.Text(l.l.Entry.String()))
		if l.l.Note != "" {
			fmt.Fprintf(w, "%s    %s\n", prefix, printable.Text(l.l.Note))
		}
	}
}

// licenseText is a license requirement and its policy, for people.
func licenseText(l *ownership.License) string {
	return strings.Join(slices.DeleteFunc([]string{l.Requirement, l.Policy}, func(s string) bool { return s == "" }), " ")
}

// tieText says what list entry a party is or resembles, how it was tied,
// and the entry's Federal Register notices: "is EL Kaspersky Labs Limited
// (by name ..., score 1.00), 89 FR 52362".
func tieText(t ownership.Tie) string {
	word := "is"
	if !t.Certain {
		word = "resembles"
	}
	s := word + " " + t.String()
	if t.Entry != nil && len(t.Entry.FederalRegisterNotices) > 0 {
		s += ", " + strings.Join(t.Entry.FederalRegisterNotices, "; ")
	}
	return s
}

// pathRecords names the records of a path's steps: "owners.csv line 7,
// owners.csv line 9".
func pathRecords(p ownership.Path) string {
	var recs []ownership.Record
	for _, s := range p.Steps {
		recs = append(recs, s.Records...)
	}
	return recordsText(recs)
}

// writeOwnershipBlock writes what the ownership data says of a screened
// query, under its result, for people. nameAlert says whether the name
// matched at or above the threshold: when it did not and the ownership is
// an alert, the block says that the alert is for the owners.
func (d *ownershipData) writeOwnershipBlock(w io.Writer, of *ownershipOf, nameAlert bool) {
	if len(of.outcomes) == 0 {
		what := "no party of this name"
		if of.id != "" {
			what = fmt.Sprintf("no party of this name or of id %s", printable.Quote(of.id))
		}
		fmt.Fprintf(w, "  ownership: not in the ownership data (%s)\n", printable.Text(what))
		return
	}
	o := of.outcomes[0]
	fmt.Fprintf(w, "  ownership as of %s: %s\n", o.AsOf.Format(time.DateOnly), printable.Text(d.findingLine(o)))
	if of.alert && !nameAlert {
		fmt.Fprintf(w, "    ALERT: its name matches no list entry at or above the threshold, but %s\n", d.alertWhy(o))
	}
	if of.by == "id" || o.Party.ID != o.Party.Label() {
		fmt.Fprintf(w, "    party: %s, id %s (found by %s)\n", printable.Text(o.Party.Label()), printable.Text(o.Party.ID), of.by)
	}
	for _, ro := range o.Rules {
		writeRuleOutcome(w, ro, "    ")
	}
	for _, is := range o.Issues {
		fmt.Fprintf(w, "    data: %s: %s\n", is.Kind, printable.Text(is.Detail))
	}
	for _, other := range of.outcomes[1:] {
		fmt.Fprintf(w, "    also so named in the ownership data: %s, id %s: %s\n", printable.Text(other.Party.Label()), printable.Text(other.Party.ID), other.Finding)
	}
}

// csvCells returns the cells of the CSV columns ownershipColumns.
func (d *ownershipData) csvCells(of *ownershipOf) []string {
	if of == nil {
		return make([]string, len(ownershipColumns))
	}
	if len(of.outcomes) == 0 {
		return []string{notInData, "", "", "no party of this name or id in the ownership data"}
	}
	o := of.outcomes[0]
	var ids, paths, reasons []string
	for _, ro := range relevant(o) {
		if ro.Finding > ownership.Clear || ro.Computed > ownership.Clear {
			ids = append(ids, ro.Rule)
		}
		for _, p := range ro.Paths {
			paths = append(paths, p.String())
		}
		reasons = append(reasons, ro.Name+": "+ro.Reason)
	}
	for _, other := range of.outcomes[1:] {
		reasons = append(reasons, fmt.Sprintf("also so named in the ownership data: %s, id %s: %s", other.Party.Label(), other.Party.ID, other.Finding))
	}
	return []string{o.Finding.String(), strings.Join(ids, " | "), strings.Join(paths, " | "), strings.Join(reasons, " | ")}
}

// ownershipColumns are the CSV columns screen --ownership adds: the
// finding (listed, owned, possibly, clear, or notInData), the IDs of the
// rules it is under, the ownership paths and the reasons, several
// separated by " | ".
var ownershipColumns = []string{"ownership_finding", "ownership_rule", "ownership_path", "ownership_reason"}

// notInData is the finding of a query the ownership data has no party of.
const notInData = "not in data"

// ownershipTally counts the ownership findings of a screen run.
type ownershipTally struct {
	data      *ownershipData
	byFinding [ownership.Listed + 1]int
	notFound  int
	alerts    int
}

func (t *ownershipTally) add(of *ownershipOf) {
	switch {
	case of == nil:
	case len(of.outcomes) == 0:
		t.notFound++
	default:
		t.byFinding[of.outcomes[0].Finding]++
		if of.alert {
			t.alerts++
		}
	}
}

// writeRuleStatus writes the rules applied and their status at the date,
// one a line, saying which is the user's to confirm: a rule whose status
// changes over time, which a later act may change again.
func (d *ownershipData) writeRuleStatus(w io.Writer, prefix string) {
	for _, r := range d.rules {
		fmt.Fprintf(w, "%s%s (%s): %s\n", prefix, printable.Text(r.Rule.Name), printable.Text(r.Rule.ID), printable.Text(statusText(r.Status, r.Period, r.Overridden)))
		if len(r.Rule.Periods) > 0 {
			fmt.Fprintf(w, "%s  its status is yours to confirm: its periods are this tool's record of the acts that set them; "+
				"set it with --rule-status %s=in-force or %s=suspended\n", prefix, r.Rule.ID, r.Rule.ID)
		}
	}
}

// end writes the ownership part of the text summary of a screen run.
func (t *ownershipTally) end(w io.Writer) {
	d := t.data
	day := d.report.AsOf().Format(time.DateOnly)
	fmt.Fprintf(w, "Ownership as of %s: %d listed, %d owned, %d possibly, %d clear, %d not in the data; %s.\n",
		day, t.byFinding[ownership.Listed], t.byFinding[ownership.Owned], t.byFinding[ownership.Possibly], t.byFinding[ownership.Clear],
		t.notFound, plural(t.alerts, "ownership alert", "ownership alerts"))
	fmt.Fprintf(w, "Ownership data: %s.\nOwnership rules at %s:\n", printable.Text(d.fileList()), day)
	d.writeRuleStatus(w, "  ")
}

// ownershipKeys returns the JSON keys the JSON Lines of screen --ownership
// add, each after a comma: "ownership", the record of the party's Outcome or
// null, and with other parties of the query's name "ownership_also", theirs.
func ownershipKeys(of *ownershipOf) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	b.WriteString(`,"ownership":`)
	if len(of.outcomes) == 0 {
		b.WriteString("null")
		return b.Bytes(), nil
	}
	if err := enc.Encode(of.outcomes[0]); err != nil {
		return nil, err
	}
	if len(of.outcomes) > 1 {
		b.Truncate(b.Len() - 1) // the encoder's newline
		b.WriteString(`,"ownership_also":`)
		if err := enc.Encode(of.outcomes[1:]); err != nil {
			return nil, err
		}
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
