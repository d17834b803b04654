package ownership

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
)

// Outcome is one party's result, with its evidence.
//
// The zero Outcome is the outcome of no party. Like any plain Go value it
// may be read by many goroutines at once, but not changed while another uses
// it. The Outcomes a Report returns are the caller's own, their ties
// included: changing one changes neither the Report nor another Outcome.
type Outcome struct {
	Party Party     `json:"party"`
	AsOf  time.Time `json:"as_of"`
	// Finding is the most severe of the party's own listing (Listed for a
	// certain tie, Possibly for a resemblance) and its findings under the
	// rules.
	Finding Finding `json:"finding"`
	// Ties are the list entries the party is or resembles, with how each
	// was made (the name match and its explanation, or the list id).
	Ties []Tie `json:"ties,omitempty"`
	// Rules is the party's result under each rule, in the order of the
	// rules.
	Rules []RuleOutcome `json:"rules"`
	// Issues are what a reviewer must know of the data behind the result:
	// cycles, duplicate or conflicting records, shares over 100%, unknown
	// shares, control without ownership, names that could not be screened.
	Issues []Issue `json:"issues,omitempty"`
	// ListVersion is the list the parties were tied to.
	ListVersion entitylist.Version `json:"list_version"`
}

// RuleOutcome is a party's result under one rule.
//
// The zero RuleOutcome is the outcome under no rule. Like any plain Go value
// it may be read by many goroutines at once, but not changed while another
// uses it.
type RuleOutcome struct {
	Rule     string `json:"rule"` // the rule's ID
	Name     string `json:"name"`
	Citation string `json:"citation"`
	// Status is the rule's status at the date evaluated, and Period the
	// period (with its citation) that says so; Overridden reports that the
	// status was set explicitly (Options.Status).
	Status     RuleStatus `json:"status"`
	Period     Period     `json:"period"`
	Overridden bool       `json:"overridden,omitempty"`
	// Finding is the party's result under the rule as it applies at the
	// date: Listed when the party is on one of the rule's lists; Owned when
	// its listed or covered owners hold the threshold or more for sure;
	// Possibly when they may; Clear otherwise, and whenever the rule is not
	// in force or does not cover the party (a domestic entity under a
	// foreign-only rule). A party of unknown country under a foreign-only
	// rule, or one its records give both a domestic and a foreign country,
	// is at most Possibly.
	Finding Finding `json:"finding"`
	// Computed is what the ownership computation alone finds, before the
	// rule's status and its foreign-entity test: so that a reviewer sees a
	// stake that would count were the rule in force.
	Computed Finding `json:"computed"`
	// Held is the share held directly in the party by owners that count:
	// Low by those that count for sure, High by those that count at least
	// possibly (capped at 100%).
	Held Share `json:"held"`
	// Owners are the direct owners that count, largest stake first.
	Owners []Holding `json:"owners,omitempty"`
	// Paths are ownership chains from listed parties down to the party,
	// through owners that count, at most Options.MaxPaths; MorePaths counts
	// those left out. For a party owned for sure they are certain: through
	// owners that count for sure, every stake of a known minimum (a stake
	// of unknown size is not evidence, and stays among the Owners); for a
	// party possibly owned, through any owner that counts.
	Paths     []Path `json:"paths,omitempty"`
	MorePaths int    `json:"more_paths,omitempty"`
	// License is the license requirement that applies for sure, for a rule
	// that derives one: the most restrictive of the listed party's own and
	// those of its owners that count for sure, passed down stakes of a known
	// minimum (see Report and the package documentation); its Note says why
	// when it is not the party's own. Nil when none applies for sure, as for
	// a party only possibly owned.
	License *License `json:"license,omitempty"`
	// PossibleLicense is a more restrictive requirement (or, when License
	// is nil, any requirement) that applies if what is only possible holds:
	// an owner that possibly counts, a band or unknown share, a possible
	// listing. It never replaces License: a certain requirement stays, the
	// uncertain one is a possibility to determine.
	PossibleLicense *License `json:"possible_license,omitempty"`
	// Effect is what the rule subjects a covered party to.
	Effect string `json:"effect,omitempty"`
	// Reason says in one sentence why the Finding is what it is.
	Reason string `json:"reason"`
}

// Holding is a direct stake of an owner that counts under a rule.
//
// The zero Holding is a stake of no owner. Like any plain Go value it may be
// read by many goroutines at once, but not changed while another uses it.
type Holding struct {
	Owner     string   `json:"owner"` // party ID
	OwnerName string   `json:"owner_name,omitempty"`
	Share     Share    `json:"share"`
	Kind      EdgeKind `json:"kind"`
	// Finding is the owner's under the rule: Listed, Owned (covered for
	// its own owners) or Possibly.
	Finding Finding `json:"finding"`
	// Ties are the ties that make a listed owner count: its list entries,
	// with the name match and its explanation, or the list id, they were
	// made by.
	Ties    []Tie    `json:"ties,omitempty"`
	Records []Record `json:"records"`
	Note    string   `json:"note,omitempty"`
}

// Path is a chain of stakes from a listed party (the first step's owner) down
// to the party of the outcome (the last step's owned).
//
// The zero Path is a path of no steps. Like any plain Go value it may be
// read by many goroutines at once, but not changed while another uses it.
type Path struct {
	Steps []Stake `json:"steps"`
	// Ties are the ties that make the first step's owner count: its list
	// entries, and the name match and explanation or list id of each.
	Ties []Tie `json:"ties"`
}

// String renders the path as "Kaspersky Labs Limited -60%-> Northwind GmbH".
func (p Path) String() string {
	var b strings.Builder
	for i, s := range p.Steps {
		if i == 0 {
			b.WriteString(s.OwnerName)
		}
		fmt.Fprintf(&b, " -%s-> %s", shareWord(s.Share, s.Kind), s.OwnedName)
	}
	return b.String()
}

func shareWord(s Share, k EdgeKind) string {
	w := s.String()
	if k != Ownership {
		w += " " + k.String()
	}
	return w
}

// Stake is the holding of one owner in one owned party at the date
// evaluated: the records of the pair in force then, merged (see the package
// documentation), with where each was read.
//
// The zero Stake is a stake of no owner in no party. Like any plain Go value
// it may be read by many goroutines at once, but not changed while another
// uses it.
type Stake struct {
	Owner     string   `json:"owner"`
	OwnerName string   `json:"owner_name"`
	Owned     string   `json:"owned"`
	OwnedName string   `json:"owned_name"`
	Share     Share    `json:"share"`
	Kind      EdgeKind `json:"kind"`
	Records   []Record `json:"records"`
	Note      string   `json:"note,omitempty"`
}

// License is a license requirement and review policy, and where it comes
// from: the listed party and its entry (or the owner list, for entries that
// publish none).
//
// The zero License is no license requirement. Like any plain Go value it may
// be read by many goroutines at once, but not changed while another uses it.
type License struct {
	Requirement string              `json:"requirement"`
	Policy      string              `json:"policy,omitempty"`
	From        string              `json:"from"` // party ID
	FromName    string              `json:"from_name,omitempty"`
	Entry       entitylist.EntryKey `json:"entry"`
	Citation    string              `json:"citation,omitempty"`
	// Note says why the requirement applies when it is not the party's
	// own: whose it is, through which owners it comes, and which less
	// restrictive own requirements of listed parties it prevails over.
	Note string `json:"note,omitempty"`
}

// IssueKind classifies an Issue.
//
// The zero IssueKind is no kind. IssueKind values are immutable and safe for
// concurrent use.
type IssueKind uint8

const (
	IssueCycle         IssueKind = iota + 1 // the party is on an ownership cycle
	IssueDuplicate                          // several records of one stake that agree: repeated in one source, or confirmed by several; counted once
	IssueConflict                           // records of one stake that differ
	IssueOverAllocated                      // the stakes recorded in the party add up to over 100%
	IssueUnknownShare                       // a stake of a counting owner is a band or unknown
	IssueControl                            // control without ownership by a counting owner
	IssueMinority                           // counting owners hold less than the threshold
	IssueUnidentified                       // an owner with no name and no list id
	IssueUnresolved                         // a name that could not be screened, a list id not in the list: of the party, or of a party that owns it
	IssueCountry                            // the country a foreign-only rule needs is unknown, or the records give different ones
	IssueNotListedThen                      // a tie to an entry listed after the date evaluated, or delisted by it
	IssueStatedLater                        // a stake stated only as of a date after the date evaluated, counted as possibly held
	IssueStatement                          // a statement of the data on the party's ownership, in force at the date: a UK PSC statement such as "no registrable person", or an exemption from the register
)

var issueNames = [...]string{"", "cycle", "duplicate", "conflict", "over-allocated", "unknown-share", "control", "minority", "unidentified-owner", "unresolved", "country", "not-listed-then", "stated-later", "statement"}

// String returns the kind's name.
func (k IssueKind) String() string {
	if int(k) < len(issueNames) && k > 0 {
		return issueNames[k]
	}
	return fmt.Sprintf("IssueKind(%d)", uint8(k))
}

// MarshalText renders k by name.
func (k IssueKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Issue is something about the data behind an outcome that a reviewer must
// know: never a crash, never a silent answer.
//
// The zero Issue is an issue of no kind. Like any plain Go value it may be
// read by many goroutines at once, but not changed while another uses it.
type Issue struct {
	Kind    IssueKind `json:"kind"`
	Detail  string    `json:"detail"`
	Records []Record  `json:"records,omitempty"`
}

// AsOf returns the date evaluated.
func (r *Report) AsOf() time.Time { return r.asOf }

// AppliedRule is a rule as a Report applied it.
//
// The zero AppliedRule is an empty rule, not in force. Like any plain Go
// value it may be read by many goroutines at once, but not changed while
// another uses it.
type AppliedRule struct {
	Rule       Rule
	Status     RuleStatus
	Period     Period
	Overridden bool
}

// Rules returns the rules applied, with their status at the date evaluated.
func (r *Report) Rules() []AppliedRule {
	out := make([]AppliedRule, len(r.rules))
	for i, re := range r.rules {
		out[i] = AppliedRule{Rule: re.rule.clone(), Status: re.status, Period: re.period, Overridden: re.overridden}
	}
	return out
}

// Summary counts a Report's findings and the problems of its data.
//
// The zero Summary is the summary of an empty report. Like any plain Go
// value it may be read by many goroutines at once, but not changed while
// another uses it.
type Summary struct {
	Parties       int `json:"parties"`
	Edges         int `json:"edges"`
	ActiveEdges   int `json:"active_edges"` // edges in force at the date
	Stakes        int `json:"stakes"`       // distinct owner-owned pairs with a share
	Listed        int `json:"listed"`
	Owned         int `json:"owned"`
	Possibly      int `json:"possibly"`
	Clear         int `json:"clear"`
	Cycles        int `json:"cycles"`
	Duplicates    int `json:"duplicates"`
	Conflicts     int `json:"conflicts"` // stakes whose records differ, or are superseded by a later as-of date
	OverAllocated int `json:"over_allocated"`
}

// Summary counts the parties by finding and the data's problems, without
// building outcomes.
func (r *Report) Summary() Summary {
	s := Summary{
		Parties: r.res.nParties, Edges: r.res.nEdges, ActiveEdges: r.active,
		Stakes: len(r.stakes), Cycles: len(r.cycles),
	}
	for _, st := range r.stakes {
		if st.flags&flagDuplicate != 0 && st.flags&flagConflict == 0 {
			s.Duplicates++
		}
		if st.flags&(flagConflict|flagSuperseded) != 0 {
			s.Conflicts++
		}
	}
	for p := range int32(r.res.nParties) {
		var total int64
		for _, st := range r.stakes[r.inOff[p]:r.inOff[p+1]] {
			total += int64(st.low)
		}
		if total > fullUnits {
			s.OverAllocated++
		}
		switch r.finding(p) {
		case Listed:
			s.Listed++
		case Owned:
			s.Owned++
		case Possibly:
			s.Possibly++
		default:
			s.Clear++
		}
	}
	return s
}

// Cycles returns the ownership cycles of the graph at the date: the IDs of
// the parties of each, in graph order.
func (r *Report) Cycles() [][]string {
	out := make([][]string, len(r.cycles))
	for i, c := range r.cycles {
		for _, p := range c {
			out[i] = append(out[i], r.g.parties[p].ID)
		}
	}
	return out
}

// Outcome returns the outcome of the party with the given ID (for a party
// named only by name, its name in any case and spacing).
func (r *Report) Outcome(id string) (Outcome, bool) {
	p, ok := r.res.lookup(id)
	if !ok {
		return Outcome{}, false
	}
	return r.outcome(p), true
}

// Outcomes iterates over the outcomes of the parties whose finding is at
// least atLeast, in graph order. Outcomes(Clear) gives every party's.
func (r *Report) Outcomes(atLeast Finding) iter.Seq[Outcome] {
	return func(yield func(Outcome) bool) {
		for p := range int32(r.res.nParties) {
			if r.finding(p) < atLeast {
				continue
			}
			if !yield(r.outcome(p)) {
				return
			}
		}
	}
}

// ruleFinding returns the party's finding under re as it applies, and as
// computed, with the reason the rule's status or scope gives (empty if none).
func (r *Report) ruleFinding(re *ruleEval, p int32) (applied, computed Finding, why string) {
	listing := re.base[p]
	own := re.ownLevel(p)
	if listing == 2 {
		return Listed, Listed, ""
	}
	var ownF Finding
	switch own {
	case 2:
		ownF = Owned
	case 1:
		ownF = Possibly
	}
	listF := Clear
	if listing == 1 {
		listF = Possibly
	}
	computed = max(ownF, listF)
	applied = ownF
	if ownF > Clear {
		pa := &r.g.parties[p]
		switch {
		case re.status != InForce:
			applied, why = Clear, fmt.Sprintf("the rule is %s at %s (%s)", re.status, r.asOf.Format(time.DateOnly), periodWhy(re))
		case re.rule.ForeignOnly && pa.Country == "":
			applied, why = Possibly, "its country is unknown and the rule covers foreign entities only: determine where it is incorporated"
		case re.rule.ForeignOnly && r.mixedCountries(re, p):
			applied, why = Possibly, fmt.Sprintf("its records give the countries %s, domestic and foreign, and the rule covers foreign entities only: determine where it is incorporated", strings.Join(r.countriesOf(p), ", "))
		case re.rule.ForeignOnly && re.rule.domestic(pa.Country):
			applied, why = Clear, fmt.Sprintf("it is incorporated in %s and the rule covers foreign entities only", pa.Country)
		}
	}
	return max(applied, listF), computed, why
}

// countriesOf returns the countries the records give party p: its Country
// first, then the conflicting ones (see Graph.AddParty).
func (r *Report) countriesOf(p int32) []string {
	return append([]string{r.g.parties[p].Country}, r.g.countries[p]...)
}

// mixedCountries reports whether party p's records give it both a country
// domestic under re and a foreign one.
func (r *Report) mixedCountries(re *ruleEval, p int32) bool {
	var dom, foreign bool
	for _, c := range r.countriesOf(p) {
		if re.rule.domestic(c) {
			dom = true
		} else {
			foreign = true
		}
	}
	return dom && foreign
}

func periodWhy(re *ruleEval) string {
	if re.overridden {
		return "set explicitly"
	}
	s := re.period.String()
	if re.period.Citation != "" {
		s += ", " + re.period.Citation
	}
	return s
}

// finding returns party p's overall finding.
func (r *Report) finding(p int32) Finding {
	f := Clear
	for _, t := range r.ties[p] {
		if t.Certain {
			return Listed
		}
		f = Possibly
	}
	for _, re := range r.rules {
		a, _, _ := r.ruleFinding(re, p)
		f = max(f, a)
	}
	return f
}

func (r *Report) outcome(p int32) Outcome {
	g := r.g
	o := Outcome{
		Party:       g.partyCopy(p),
		AsOf:        r.asOf,
		Finding:     r.finding(p),
		Ties:        r.res.ownTies(r.ties[p]),
		ListVersion: r.res.list.Version(),
	}
	iss := &issues{}
	for _, t := range r.unlisted[p] {
		when := "from " + t.Entry.StartDate.Format(time.DateOnly)
		if !t.Entry.EndDate.IsZero() && dayOf(t.Entry.EndDate) <= r.day {
			when = "until " + t.Entry.EndDate.Format(time.DateOnly)
		}
		iss.add(IssueNotListedThen, fmt.Sprintf("%s %s is on the list %s, not on %s: not counted", t.Entry.Source, t.Entry.Name, when, r.asOf.Format(time.DateOnly)))
	}
	for _, msg := range r.res.unresolved[p] {
		iss.add(IssueUnresolved, msg)
	}
	if msg, ok := r.res.unscreened[p]; ok {
		iss.add(IssueUnresolved, msg)
	}
	if r.above != nil && r.above[p][0] >= 0 {
		a := r.above[p]
		src, via := &g.parties[a[0]], &g.parties[a[1]]
		unidentified := src.Name == "" && len(src.AltNames) == 0 && len(r.res.ties[a[0]]) == 0
		switch {
		case a[0] != a[1]:
			iss.add(IssueUnresolved, fmt.Sprintf("%s, which owns it through %s, could not be fully resolved against the list (%s): whether it counts is unknown, so the evaluation of this party's ownership is incomplete",
				src.Label(), via.Label(), strings.Join(r.res.unresolved[a[0]], "; ")))
		case !unidentified: // an unidentified direct owner has its own issue below
			iss.add(IssueUnresolved, fmt.Sprintf("its owner %s could not be fully resolved against the list (%s): whether it counts is unknown, so the evaluation of this party's ownership is incomplete",
				src.Label(), strings.Join(r.res.unresolved[a[0]], "; ")))
		}
	}
	for _, si := range r.stated[p] {
		st := &g.statements[si]
		iss.add(IssueStatement, st.detail(), st.record)
	}
	if others := g.countries[p]; len(others) > 0 {
		iss.add(IssueCountry, fmt.Sprintf("its records give different countries: %s (kept as its country) and %s: determine where it is incorporated", g.parties[p].Country, strings.Join(others, ", ")))
	}
	if r.inCycle(p) {
		c := r.cycles[slices.IndexFunc(r.cycles, func(c []int32) bool { _, ok := slices.BinarySearch(c, p); return ok })]
		var names []string
		for _, q := range c[:min(len(c), 8)] {
			names = append(names, g.parties[q].Label())
		}
		more := ""
		if len(c) > 8 {
			more = fmt.Sprintf(" and %d more", len(c)-8)
		}
		iss.add(IssueCycle, fmt.Sprintf("on an ownership cycle of %d parties: %s%s; the computation is unaffected (a stake counts once its owner counts)", len(c), strings.Join(names, ", "), more))
	}
	if r.selfLoop[p] {
		for i := r.inOff[p]; i < r.inOff[p+1]; i++ {
			if s := &r.stakes[i]; s.owner == p {
				iss.add(IssueCycle, fmt.Sprintf("it holds %s of itself (treasury shares?): the other owners' stakes are counted as recorded, of all its shares; of the shares outstanding they are larger and may reach the threshold: determine", shareOf(int64(s.low), int64(s.high))), r.stakeRecords(s)...)
			}
		}
	}
	var total int64
	for i := r.inOff[p]; i < r.inOff[p+1]; i++ {
		s := &r.stakes[i]
		total += int64(s.low)
		owner := g.parties[s.owner].Label()
		if s.flags&flagDuplicate != 0 && s.flags&flagConflict == 0 {
			iss.add(IssueDuplicate, r.duplicateDetail(s, owner), r.stakeRecords(s)...)
		}
		if s.flags&flagSuperseded != 0 {
			iss.add(IssueConflict, fmt.Sprintf("records of %s's stake as of different dates (%s): the latest on or before %s counts, as %s",
				owner, r.stakeAsOf(s), r.asOf.Format(time.DateOnly), shareOf(int64(s.low), int64(s.high))), r.stakeRecords(s)...)
		}
		if s.flags&flagLater != 0 {
			iss.add(IssueStatedLater, fmt.Sprintf("%s's stake is stated only as of a later date (%s), after %s: whether it was held then is not established, so it counts as possibly held, %s; determine",
				owner, r.stakeAsOf(s), r.asOf.Format(time.DateOnly), shareOf(int64(s.low), int64(s.high))), r.stakeRecords(s)...)
		}
		if s.flags&flagConflict != 0 {
			iss.add(IssueConflict, fmt.Sprintf("records of %s's stake differ (%s): counted as %s, the range every record allows", owner, r.stakeShares(s), shareOf(int64(s.low), int64(s.high))), r.stakeRecords(s)...)
		}
		op := &g.parties[s.owner]
		if op.Name == "" && len(op.AltNames) == 0 && len(r.res.ties[s.owner]) == 0 {
			iss.add(IssueUnidentified, fmt.Sprintf("owner %s (%s) has no name and no list id: it cannot be tied to the list", op.ID, shareOf(int64(s.low), int64(s.high))), r.stakeRecords(s)...)
		}
	}
	if total > fullUnits {
		iss.add(IssueOverAllocated, fmt.Sprintf("the stakes recorded in it add up to at least %s%%: the data is inconsistent", formatPercent(fromUnits(total))))
	}
	for _, re := range r.rules {
		o.Rules = append(o.Rules, r.ruleOutcome(re, p, iss))
	}
	o.Issues = iss.list
	return o
}

type issues struct {
	list []Issue
	seen map[string]bool
}

func (is *issues) add(k IssueKind, detail string, recs ...Record) {
	if is.seen == nil {
		is.seen = map[string]bool{}
	}
	key := k.String() + "\x00" + detail
	if is.seen[key] {
		return
	}
	is.seen[key] = true
	is.list = append(is.list, Issue{Kind: k, Detail: detail, Records: recs})
}

// duplicateDetail describes a stake whose records agree (flagDuplicate):
// records of one source are the same statement repeated, records of
// several sources confirm each other; either way they are one stake,
// counted once, never added up. Records superseded by a later as-of date
// (flagSuperseded) are not among those that agree.
func (r *Report) duplicateDetail(s *stake, owner string) string {
	recs := r.stakeEdges[s.first : s.first+s.n]
	superseded := supersededBy(r.g, recs, r.day)
	var origins []string
	count := map[string]int{}
	n := 0
	for _, ei := range recs {
		e := &r.g.edges[ei]
		if superseded(e) {
			continue
		}
		n++
		o := r.g.origins[e.origin]
		if count[o] == 0 {
			origins = append(origins, o)
		}
		count[o]++
	}
	share := shareOf(int64(s.low), int64(s.high))
	if len(origins) == 1 {
		return fmt.Sprintf("%d records of %s's stake in %s alike: the same statement repeated, one stake, counted once as %s", n, owner, origins[0], share)
	}
	for i, o := range origins {
		if n := count[o]; n > 1 {
			origins[i] = fmt.Sprintf("%s: %d records", o, n)
		}
	}
	return fmt.Sprintf("%s's stake is stated alike by %d sources (%s): they confirm each other, one stake, counted once as %s", owner, len(origins), strings.Join(origins, ", "), share)
}

func (r *Report) stakeRecords(s *stake) []Record {
	recs := make([]Record, 0, s.n)
	for _, ei := range r.stakeEdges[s.first : s.first+s.n] {
		e := &r.g.edges[ei]
		recs = append(recs, Record{Origin: r.g.origins[e.origin], Line: int(e.line), ID: r.g.extra[ei].recordID})
	}
	return recs
}

// stakeAsOf lists the shares of a stake's records with their as-of dates.
func (r *Report) stakeAsOf(s *stake) string {
	var parts []string
	for _, ei := range r.stakeEdges[s.first : s.first+s.n] {
		e := &r.g.edges[ei]
		w := shareOf(int64(e.low), int64(e.high)).String()
		if e.asOf != noDate {
			w += " as of " + dateOf(e.asOf).Format(time.DateOnly)
		}
		parts = append(parts, w)
	}
	return strings.Join(parts, ", ")
}

// stakeShares lists the shares of a stake's records that count (not
// superseded).
func (r *Report) stakeShares(s *stake) string {
	var parts []string
	recs := r.stakeEdges[s.first : s.first+s.n]
	superseded := supersededBy(r.g, recs, r.day)
	for _, ei := range recs {
		e := &r.g.edges[ei]
		if superseded(e) {
			continue
		}
		parts = append(parts, shareOf(int64(e.low), int64(e.high)).String())
	}
	return strings.Join(parts, ", ")
}

func (r *Report) stakeNote(s *stake) string {
	var notes []string
	for _, ei := range r.stakeEdges[s.first : s.first+s.n] {
		if n := r.g.extra[ei].note; n != "" && !slices.Contains(notes, n) {
			notes = append(notes, n)
		}
	}
	return strings.Join(notes, " | ")
}

// levelFinding names an owner's level under a rule.
func levelFinding(re *ruleEval, p int32) Finding {
	switch {
	case re.base[p] == 2:
		return Listed
	case re.state[p] == 2:
		return Owned
	case re.state[p] == 1:
		return Possibly
	}
	return Clear
}

// countingStakes returns the stakes held in p by owners of at least level
// lvl under re, largest first (by level, low, high, then owner ID).
func (r *Report) countingStakes(re *ruleEval, p int32, lvl uint8) []*stake {
	var out []*stake
	for i := r.inOff[p]; i < r.inOff[p+1]; i++ {
		s := &r.stakes[i]
		if re.state[s.owner] >= lvl && s.high > 0 {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b *stake) int {
		return cmp.Or(
			cmp.Compare(re.state[b.owner], re.state[a.owner]),
			cmp.Compare(b.low, a.low), cmp.Compare(b.high, a.high),
			cmp.Compare(r.g.parties[a.owner].ID, r.g.parties[b.owner].ID))
	})
	return out
}

func (r *Report) ruleOutcome(re *ruleEval, p int32, iss *issues) RuleOutcome {
	g := r.g
	applied, computed, why := r.ruleFinding(re, p)
	ro := RuleOutcome{
		Rule: re.rule.ID, Name: re.rule.Name, Citation: re.rule.Citation,
		Status: re.status, Period: re.period, Overridden: re.overridden,
		Finding: applied, Computed: computed,
		Held: shareOf(min(re.low[p], fullUnits), min(re.high[p], fullUnits)),
	}
	if applied >= Owned {
		ro.Effect = re.rule.Effect
	}
	for _, s := range r.countingStakes(re, p, 1) {
		h := Holding{
			Owner: g.parties[s.owner].ID, OwnerName: g.parties[s.owner].Label(),
			Share: shareOf(int64(s.low), int64(s.high)), Kind: s.kind,
			Finding: levelFinding(re, s.owner),
			Records: r.stakeRecords(s), Note: r.stakeNote(s),
		}
		h.Ties = r.countingTies(re, s.owner)
		ro.Owners = append(ro.Owners, h)
		if re.status == InForce && computed != Listed && !h.Share.Known() {
			iss.add(IssueUnknownShare, fmt.Sprintf("%s (%s) holds %s: determine the exact share", h.OwnerName, h.Finding, shareWord(h.Share, h.Kind)), h.Records...)
		}
	}
	for _, ei := range r.ctl[r.ctlOff[p]:r.ctlOff[p+1]] {
		e := &g.edges[ei]
		if re.state[e.owner] == 0 || re.status != InForce {
			continue
		}
		iss.add(IssueControl, fmt.Sprintf("%s (%s under %s) controls it without ownership (%s): control alone does not make it covered, but calls for caution (OFAC FAQ 398)",
			g.parties[e.owner].Label(), levelFinding(re, e.owner), re.rule.Name, cmp.Or(g.extra[ei].note, "control")),
			Record{Origin: g.origins[e.origin], Line: int(e.line), ID: g.extra[ei].recordID})
	}
	if re.status == InForce && computed == Clear && re.low[p] > 0 {
		iss.add(IssueMinority, fmt.Sprintf("owners that count under %s hold %s, below %s%%: significant minority ownership by listed parties is a red flag for diligence",
			re.rule.Name, ro.Held, formatPercent(re.rule.Threshold)))
	}
	if why != "" && re.rule.ForeignOnly && g.parties[p].Country == "" && re.status == InForce {
		iss.add(IssueCountry, "the country of incorporation is unknown; "+re.rule.Name+" covers foreign entities only")
	}
	if computed == Owned || computed == Possibly {
		lvl := uint8(1)
		if computed == Owned && re.ownLevel(p) == 2 {
			lvl = 2
		}
		ro.Paths, ro.MorePaths = r.paths(re, p, lvl)
	}
	if re.certain.license != nil && applied > Clear {
		if re.certain.license[p] >= 0 {
			l := r.licenseOf(re, re.certain, p, false)
			ro.License = &l
		}
		if pi := re.possible.license[p]; pi >= 0 && re.better(pi, re.certain.license[p]) {
			l := r.licenseOf(re, re.possible, p, true)
			ro.PossibleLicense = &l
		}
	}
	ro.Reason = r.reason(re, p, applied, computed, why, ro)
	return ro
}

// licenseOf returns the license party p gets in pass lp, with a note of why
// when it is not its own.
func (r *Report) licenseOf(re *ruleEval, lp licPass, p int32, possible bool) License {
	l := re.licenses[lp.license[p]]
	if lp.via[p] < 0 {
		if possible {
			l.Note = "its own, if it is the listed party it possibly is"
		}
		return l
	}
	g := r.g
	var through, over []string
	weaker := func(q int32) {
		if li, ok := re.own[q]; ok && li != lp.license[p] && (!possible || re.base[q] == 2) {
			own := re.licenses[li]
			over = append(over, fmt.Sprintf("%s's own (%s: %s)", g.parties[q].Label(), own.Entry, strings.TrimSpace(own.Requirement+" "+own.Policy)))
		}
	}
	weaker(p)
	for q, k := lp.via[p], 0; q >= 0 && lp.via[q] >= 0 && k < 64; q, k = lp.via[q], k+1 {
		through = append(through, g.parties[q].Label())
		weaker(q)
	}
	slices.Reverse(through)
	var b strings.Builder
	if possible {
		b.WriteString("if the owners, shares or listings that are only possible hold: ")
	}
	fmt.Fprintf(&b, "%s's requirement, the most restrictive of its owners' that count", l.FromName)
	if len(through) > 0 {
		fmt.Fprintf(&b, ", through %s", strings.Join(through, ", "))
	}
	if len(over) > 0 {
		fmt.Fprintf(&b, "; it prevails over the less restrictive %s, since a party covered for its owners is subject to the most restrictive of their requirements", strings.Join(over, ", "))
	}
	l.Note = b.String()
	return l
}

// reason writes the one-sentence reason of a rule outcome.
func (r *Report) reason(re *ruleEval, p int32, applied, computed Finding, why string, ro RuleOutcome) string {
	thr := formatPercent(re.rule.Threshold) + "%"
	owners := func() string {
		var parts []string
		for i, h := range ro.Owners {
			if i == 4 {
				parts = append(parts, fmt.Sprintf("and %d more", len(ro.Owners)-4))
				break
			}
			parts = append(parts, fmt.Sprintf("%s %s (%s)", h.OwnerName, shareWord(h.Share, h.Kind), h.Finding))
		}
		return strings.Join(parts, ", ")
	}
	var s string
	switch {
	case computed == Listed:
		var lists []string
		for _, t := range r.ties[p] {
			if m, ol := re.rule.ownerMatch(t.Entry); m == 2 && t.Certain {
				lists = append(lists, fmt.Sprintf("%s %s (%s)", t.Entry.Source, t.Entry.Name, ol.Citation))
			}
		}
		s = "on the list as " + strings.Join(lists, "; ")
	case computed == Owned:
		s = fmt.Sprintf("owned %s by parties that count (%s or more): %s", ro.Held.lowString(), thr, owners())
	case computed == Possibly && re.ownLevel(p) == 1:
		s = fmt.Sprintf("possibly owned %s or more: parties that count hold at least %s and up to %s (%s); determine the shares",
			thr, formatPercent(ro.Held.Low)+"%", formatPercent(ro.Held.High)+"%", owners())
	case computed == Possibly:
		// A certain tie counts only possibly when its entry names no
		// program and the rule counts some programs of its list only.
		var is, like []string
		for _, t := range r.ties[p] {
			switch m, _ := re.rule.ownerMatch(t.Entry); {
			case m == 0:
			case t.Certain:
				is = append(is, fmt.Sprintf("%s %s, whose entry names no program, while the rule counts only some programs of that list", t.Entry.Source, t.Entry.Name))
			default:
				like = append(like, fmt.Sprintf("%s %s", t.Entry.Source, t.Entry.Name))
			}
		}
		var parts []string
		if len(is) > 0 {
			parts = append(parts, "on the list as "+strings.Join(is, "; "))
		}
		if len(like) > 0 {
			parts = append(parts, "it resembles "+strings.Join(like, "; "))
		}
		s = "possibly listed: " + strings.Join(parts, "; ")
	case re.high[p] > 0:
		s = fmt.Sprintf("not owned %s or more: parties that count hold %s (%s)", thr, ro.Held, owners())
	default:
		s = "no owner on the rule's lists, or covered for its own owners, holds a stake in it"
	}
	switch {
	case why == "":
	case applied == Clear:
		s = fmt.Sprintf("%s; but %s: not covered (computed: %s)", s, why, computed)
	default:
		s = fmt.Sprintf("%s; %s", s, why)
	}
	return s
}

func (s Share) lowString() string {
	if s.Known() {
		return s.String()
	}
	return "at least " + formatPercent(s.Low) + "%"
}

// paths enumerates ownership chains from listed parties down to p through
// owners of at least level lvl, largest stakes first, at most r.maxPaths, and
// counts the rest (up to a bound, so that dense graphs stay quick). The
// paths of level 2, the evidence of a party owned for sure, run through
// stakes of a known minimum (Low above 0) only: a stake of unknown size, or
// a band from 0, proves nothing, and the route it is on only possibly
// carries ownership (it is among the outcome's Owners, with its share).
func (r *Report) paths(re *ruleEval, p int32, lvl uint8) ([]Path, int) {
	const maxDepth, maxVisits = 64, 10000
	var (
		out   []Path
		more  int
		chain []*stake
		on    = map[int32]bool{p: true}
		visit int
	)
	var walk func(q int32)
	walk = func(q int32) {
		visit++
		if visit > maxVisits || len(chain) >= maxDepth {
			return
		}
		for _, s := range r.countingStakes(re, q, lvl) {
			o := s.owner
			if on[o] || (lvl == 2 && s.low == 0) {
				continue // a certain path holds a known minimum at every step
			}
			chain = append(chain, s)
			if re.base[o] >= lvl {
				if len(out) < r.maxPaths {
					out = append(out, r.pathOf(re, chain))
				} else {
					more++
				}
			} else {
				on[o] = true
				walk(o)
				delete(on, o)
			}
			chain = chain[:len(chain)-1]
		}
	}
	walk(p)
	return out, more
}

// pathOf turns a chain of stakes, from the party up, into a Path from the
// top down.
func (r *Report) pathOf(re *ruleEval, chain []*stake) Path {
	steps := make([]Stake, 0, len(chain))
	for i := len(chain) - 1; i >= 0; i-- {
		steps = append(steps, r.stakeOf(chain[i]))
	}
	return Path{Steps: steps, Ties: r.countingTies(re, chain[len(chain)-1].owner)}
}

// countingTies returns the ties of p that make it count under re: certain
// ones for a listed party, any for one that only resembles a listed party.
func (r *Report) countingTies(re *ruleEval, p int32) []Tie {
	var out []Tie
	for _, t := range r.ties[p] {
		if m, _ := re.rule.ownerMatch(t.Entry); m > 0 && (t.Certain || re.base[p] < 2) {
			out = append(out, t)
		}
	}
	return r.res.ownTies(out)
}

func (r *Report) stakeOf(s *stake) Stake {
	g := r.g
	return Stake{
		Owner: g.parties[s.owner].ID, OwnerName: g.parties[s.owner].Label(),
		Owned: g.parties[s.owned].ID, OwnedName: g.parties[s.owned].Label(),
		Share: shareOf(int64(s.low), int64(s.high)), Kind: s.kind,
		Records: r.stakeRecords(s), Note: r.stakeNote(s),
	}
}

// Stakes returns the party's ownership picture at the date evaluated: the
// stakes held in it (owners) and held by it (holdings), each pair's records
// merged, then its control without ownership (kind Control, one per record),
// largest share first, then by the other party's ID. Unlike an Outcome's
// Owners, it includes owners that do not count under any rule.
func (r *Report) Stakes(id string) (owners, holdings []Stake, ok bool) {
	p, ok := r.res.lookup(id)
	if !ok {
		return nil, nil, false
	}
	for i := r.inOff[p]; i < r.inOff[p+1]; i++ {
		owners = append(owners, r.stakeOf(&r.stakes[i]))
	}
	for _, ei := range r.ctl[r.ctlOff[p]:r.ctlOff[p+1]] {
		owners = append(owners, r.controlStake(ei))
	}
	for _, si := range r.out[r.outOff[p]:r.outOff[p+1]] {
		holdings = append(holdings, r.stakeOf(&r.stakes[si]))
	}
	for _, ei := range r.ctlOut[r.ctlOutOff[p]:r.ctlOutOff[p+1]] {
		holdings = append(holdings, r.controlStake(ei))
	}
	control := func(s Stake) int {
		if s.Kind == Control {
			return 1
		}
		return 0
	}
	order := func(other func(Stake) string) func(a, b Stake) int {
		return func(a, b Stake) int {
			return cmp.Or(
				cmp.Compare(control(a), control(b)), cmp.Compare(b.Share.High, a.Share.High),
				cmp.Compare(b.Share.Low, a.Share.Low), cmp.Compare(other(a), other(b)))
		}
	}
	slices.SortStableFunc(owners, order(func(s Stake) string { return s.Owner }))
	slices.SortStableFunc(holdings, order(func(s Stake) string { return s.Owned }))
	return owners, holdings, true
}

func (r *Report) controlStake(ei int32) Stake {
	g := r.g
	e := &g.edges[ei]
	return Stake{
		Owner: g.parties[e.owner].ID, OwnerName: g.parties[e.owner].Label(),
		Owned: g.parties[e.owned].ID, OwnedName: g.parties[e.owned].Label(),
		Share: shareOf(int64(e.low), int64(e.high)), Kind: e.kind,
		Records: []Record{{Origin: g.origins[e.origin], Line: int(e.line), ID: g.extra[ei].recordID}},
		Note:    g.extra[ei].note,
	}
}

// String renders the outcome for people, one fact a line. The text may change
// between releases: programs should read the fields.
func (o Outcome) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s [%s]", o.Party.Label(), o.Finding)
	if o.Party.ID != o.Party.Label() {
		fmt.Fprintf(&b, " id %s", o.Party.ID)
	}
	if o.Party.Country != "" {
		fmt.Fprintf(&b, " country %s", o.Party.Country)
	}
	fmt.Fprintf(&b, " as of %s\n", o.AsOf.Format(time.DateOnly))
	for _, t := range o.Ties {
		word := "is"
		if !t.Certain {
			word = "resembles"
		}
		fmt.Fprintf(&b, "  %s %s\n", word, t)
	}
	for _, ro := range o.Rules {
		fmt.Fprintf(&b, "  %s (%s): %s: %s\n", ro.Name, ro.Status, ro.Finding, ro.Reason)
		for _, p := range ro.Paths {
			fmt.Fprintf(&b, "    path: %s\n", p)
		}
		if ro.MorePaths > 0 {
			fmt.Fprintf(&b, "    and %d more paths\n", ro.MorePaths)
		}
		for _, l := range []struct {
			word string
			l    *License
		}{{"license", ro.License}, {"possible license", ro.PossibleLicense}} {
			if l.l == nil {
				continue
			}
			fmt.Fprintf(&b, "    %s: %s; %s (from %s, %s)\n", l.word, l.l.Requirement, l.l.Policy, l.l.FromName, l.l.Entry)
			if l.l.Note != "" {
				fmt.Fprintf(&b, "      %s\n", l.l.Note)
			}
		}
	}
	for _, is := range o.Issues {
		fmt.Fprintf(&b, "  %s: %s\n", is.Kind, is.Detail)
	}
	return b.String()
}
