package ownership

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/entityscreen/entityscreen/entitylist"
)

// RuleStatus is whether a rule applies on a date.
//
// The zero RuleStatus is NotInForce. RuleStatus values are immutable and
// safe for concurrent use.
type RuleStatus uint8

const (
	// NotInForce: before the rule took effect, or outside its periods.
	NotInForce RuleStatus = iota
	// InForce: the rule applies.
	InForce
	// Suspended: the rule is in the regulations but suspended.
	Suspended
)

var ruleStatusNames = [...]string{"not in force", "in force", "suspended"}

// String returns "not in force", "in force" or "suspended".
func (s RuleStatus) String() string {
	if int(s) < len(ruleStatusNames) {
		return ruleStatusNames[s]
	}
	return "RuleStatus(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText renders s by name.
func (s RuleStatus) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a name written by MarshalText ("in-force" and
// "in_force" too).
func (s *RuleStatus) UnmarshalText(b []byte) error {
	t := strings.NewReplacer("-", " ", "_", " ").Replace(strings.ToLower(strings.TrimSpace(string(b))))
	for i, n := range ruleStatusNames {
		if t == n {
			*s = RuleStatus(i)
			return nil
		}
	}
	return fmt.Errorf("ownership: %w: rule status %q: want in force, suspended or not in force", ErrBadValue, b)
}

// Period is a span of days over which a rule has one status.
//
// The zero Period is a period of all time in which a rule is not in force.
// Like any plain Go value it may be read by many goroutines at once, but not
// changed while another uses it.
type Period struct {
	From     time.Time  // first day, the date it writes in its own location
	To       time.Time  // last day, read as From; zero: open
	Status   RuleStatus // the rule's status over the period
	Citation string     // the act that set it
	Note     string
}

// Contains reports whether the date of t falls in the period. Dates are
// calendar dates as written, each in its own location, as Options.AsOf is
// read: half past midnight of 2025-11-10 in Berlin is 2025-11-10, though
// still 2025-11-09 in UTC, and a From or To given as a local midnight is the
// date it writes.
func (p Period) Contains(t time.Time) bool {
	d := dayOf(t)
	return d >= dayOf(p.From) && (p.To.IsZero() || d <= dayOf(p.To))
}

// String renders the period as "2025-11-10 to 2026-11-09: suspended" or
// "from 2026-11-10: in force".
func (p Period) String() string {
	if p.From.IsZero() {
		return p.Status.String()
	}
	if p.To.IsZero() {
		return fmt.Sprintf("from %s: %s", p.From.Format(time.DateOnly), p.Status)
	}
	return fmt.Sprintf("%s to %s: %s", p.From.Format(time.DateOnly), p.To.Format(time.DateOnly), p.Status)
}

type periodJSON struct {
	From     string     `json:"from,omitempty"`
	To       string     `json:"to,omitempty"`
	Status   RuleStatus `json:"status"`
	Citation string     `json:"citation,omitempty"`
	Note     string     `json:"note,omitempty"`
}

// MarshalJSON writes the period with its days as YYYY-MM-DD.
func (p Period) MarshalJSON() ([]byte, error) {
	j := periodJSON{Status: p.Status, Citation: p.Citation, Note: p.Note}
	if !p.From.IsZero() {
		j.From = p.From.Format(time.DateOnly)
	}
	if !p.To.IsZero() {
		j.To = p.To.Format(time.DateOnly)
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads a period written by MarshalJSON.
func (p *Period) UnmarshalJSON(b []byte) error {
	var j periodJSON
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return err
	}
	var from, to time.Time
	var err error
	if j.From != "" {
		if from, err = time.Parse(time.DateOnly, j.From); err != nil {
			return fmt.Errorf("%w: period from %q: want YYYY-MM-DD", ErrBadDate, j.From)
		}
	}
	if j.To != "" {
		if to, err = time.Parse(time.DateOnly, j.To); err != nil {
			return fmt.Errorf("%w: period to %q: want YYYY-MM-DD", ErrBadDate, j.To)
		}
	}
	*p = Period{From: from, To: to, Status: j.Status, Citation: j.Citation, Note: j.Note}
	return nil
}

// OwnerList is a list whose parties count as owners under a rule: a source of
// the Consolidated Screening List, optionally only its entries under given
// programs.
//
// The zero OwnerList is a list of no source. Like any plain Go value it may
// be read by many goroutines at once, but not changed while another uses it.
type OwnerList struct {
	Source entitylist.Source `json:"source"`
	// Programs, if any, are the program tags (as the SDN list writes them,
	// "RUSSIA-EO14024") an entry must have one of. An entry of the source
	// whose programs the list leaves empty may be under one of them: it
	// counts as possibly an owner.
	Programs []string `json:"programs,omitempty"`
	Citation string   `json:"citation,omitempty"`
	Note     string   `json:"note,omitempty"`
	// LicenseRequirement and LicensePolicy are what a party of this list
	// is subject to when its entry does not say (the CSL publishes them for
	// the Entity List only).
	LicenseRequirement string `json:"license_requirement,omitempty"`
	LicensePolicy      string `json:"license_policy,omitempty"`
}

// Rank is one line of a restrictiveness table: a text containing Contains
// (compared in lower case, punctuation as spaces) ranks Rank, higher more
// restrictive. In a requirement table the first line that matches decides
// (so that a line for an exception, put first, narrows a scope of all
// items); in a policy table the highest rank among the lines that match
// decides, whatever their order (see LicenseRanks).
//
// The zero Rank is a line that matches no text. Like any plain Go value it
// may be read by many goroutines at once, but not changed while another uses
// it.
type Rank struct {
	Contains string `json:"contains"`
	Rank     int    `json:"rank"`
}

// LicenseRanks orders license requirements and policies by how restrictive
// they are, to find the most restrictive among a party's listed owners: the
// requirement first (the scope of items), then the policy. A policy of
// several parts for different items, such as "case-by-case review for
// items X; presumption of denial for all other items", ranks as its
// strictest part, since a screen of parties does not know the item: the
// strictest part governs unless the item is known, which is the user's to
// determine. At equal rank, a policy of one part is more restrictive than a
// policy of several (it excepts no item).
//
// The zero LicenseRanks is two empty tables, which rank every requirement
// and policy alike. Like any plain Go value it may be read by many
// goroutines at once, but not changed while another uses it.
type LicenseRanks struct {
	Requirement []Rank `json:"requirement"`
	Policy      []Rank `json:"policy"`
}

// Rule is an ownership rule: a party is covered when parties on its owner
// lists, and parties covered for their ownership, hold Threshold percent or
// more of it, on a date the rule is in force.
//
// The zero Rule is a rule with no ID and no owner lists, which Evaluate
// refuses. Like any plain Go value it may be read by many goroutines at
// once, but not changed while another uses it.
type Rule struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Agency   string `json:"agency,omitempty"`
	Citation string `json:"citation"`
	Note     string `json:"note,omitempty"`
	// Threshold is the share, in percent, at and above which the rule
	// covers a party: 50.
	Threshold float64 `json:"threshold"`
	// ForeignOnly: the rule covers foreign entities only, those
	// incorporated in a country other than Domestic.
	ForeignOnly bool     `json:"foreign_only,omitempty"`
	Domestic    []string `json:"domestic,omitempty"`
	// Effect says what a covered party is subject to.
	Effect string      `json:"effect,omitempty"`
	Owners []OwnerList `json:"owners"`
	// LicenseRanks, if set, makes the rule derive a covered party's license
	// requirement from its owners', the most restrictive.
	LicenseRanks *LicenseRanks `json:"license_ranks,omitempty"`
	// Periods are when the rule is in force or suspended, in order; on a
	// date outside them it is not in force. A rule with no periods is
	// always in force.
	Periods []Period `json:"periods,omitempty"`
}

// StatusAt returns the rule's status on the date of t, read in t's own
// location as Period.Contains reads it, and the period that says so (zero for
// a rule without periods).
func (r *Rule) StatusAt(t time.Time) (RuleStatus, Period) {
	if len(r.Periods) == 0 {
		return InForce, Period{Status: InForce}
	}
	for _, p := range r.Periods {
		if p.Contains(t) {
			return p.Status, p
		}
	}
	return NotInForce, Period{Status: NotInForce, Note: "outside the rule's periods"}
}

// ownerMatch says whether an entry counts as an owner under r: 2 for sure,
// 1 possibly (a source whose programs the entry leaves empty), 0 not; with
// the owner list it counts under.
func (r *Rule) ownerMatch(e *entitylist.Entry) (int, *OwnerList) {
	best, which := 0, (*OwnerList)(nil)
	for i := range r.Owners {
		ol := &r.Owners[i]
		if ol.Source != e.Source {
			continue
		}
		if len(ol.Programs) == 0 {
			return 2, ol
		}
		if len(e.Programs) == 0 {
			if best < 1 {
				best, which = 1, ol
			}
			continue
		}
		for _, p := range e.Programs {
			p = strings.ToUpper(strings.Trim(strings.TrimSpace(p), "[]"))
			if slices.Contains(ol.Programs, p) {
				return 2, ol
			}
		}
	}
	return best, which
}

// domestic reports whether country is one of the rule's domestic countries.
func (r *Rule) domestic(country string) bool { return slices.Contains(r.Domestic, country) }

//go:embed rules.json
var rulesJSON []byte

// defaultRules parses the embedded rules once, on first use.
var defaultRules = sync.OnceValues(func() ([]Rule, error) {
	return ReadRules(strings.NewReader(string(rulesJSON)))
})

// Rules returns the rules the package applies by default, read from the
// embedded rules.json: the OFAC 50 Percent Rule ("ofac-50") and the BIS
// Affiliates Rule ("bis-affiliates"), with their citations, owner lists and
// periods. The Affiliates Rule's owners include the SDNs of the programs
// named in 15 CFR 744.8(a)(1); that program list is this package's reading
// of the regulation, the user's to confirm. The rules are a copy: change
// them, or read others with ReadRules, and pass them in Options.Rules.
func Rules() []Rule {
	rules, err := defaultRules()
	if err != nil {
		panic("ownership: embedded rules.json: " + err.Error()) // a build defect, caught by the tests
	}
	out := make([]Rule, len(rules))
	for i, r := range rules {
		out[i] = r.clone()
	}
	return out
}

func (r Rule) clone() Rule {
	r.Domestic = slices.Clone(r.Domestic)
	r.Periods = slices.Clone(r.Periods)
	r.Owners = slices.Clone(r.Owners)
	for i := range r.Owners {
		r.Owners[i].Programs = slices.Clone(r.Owners[i].Programs)
	}
	if r.LicenseRanks != nil {
		lr := LicenseRanks{Requirement: slices.Clone(r.LicenseRanks.Requirement), Policy: slices.Clone(r.LicenseRanks.Policy)}
		r.LicenseRanks = &lr
	}
	return r
}

// ReadRules reads rules in the format of the embedded rules.json: an object
// whose "rules" key holds an array of Rule objects (keys as Rule's JSON
// names; periods with dates as YYYY-MM-DD), and optionally a "_comment".
// Unknown keys are errors (a misspelled "foreign_only" would silently widen a
// rule). Each rule needs an ID (unique), a name, a threshold in (0, 100] and
// owner lists; each period a start ("from"), and periods must be in order and
// must not overlap.
func ReadRules(r io.Reader) ([]Rule, error) {
	var doc struct {
		Comment string `json:"_comment"`
		Rules   []Rule `json:"rules"`
	}
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("ownership: rules: %w: %w", ErrBadValue, err)
	}
	var errs []error
	seen := map[string]bool{}
	for i := range doc.Rules {
		ru := &doc.Rules[i]
		if ru.ID != "" && seen[ru.ID] {
			errs = append(errs, fmt.Errorf("rule %d (%q): %w: id used twice", i+1, ru.ID, ErrBadValue))
		}
		seen[ru.ID] = true
		for _, p := range ru.check() {
			errs = append(errs, fmt.Errorf("rule %d (%q): %w: %s", i+1, ru.ID, ErrBadValue, p))
		}
	}
	if len(doc.Rules) == 0 {
		errs = append(errs, fmt.Errorf("%w: no rules", ErrBadValue))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("ownership: rules: %w", err)
	}
	return doc.Rules, nil
}

// check normalizes ru as ReadRules reads it (sources by their CSL names,
// programs and domestic countries in upper case, rank lines folded as
// rankText folds the texts they are compared with) and returns its problems:
// no id, no name, a threshold outside (0, 100], no owner lists, an owner list
// without a source, foreign_only without domestic countries, periods without
// a start, ending before they start, out of order or overlapping. Evaluate
// checks the rules it is given in the same way, so a rule built in code
// meets the same checks as one read from JSON ("us" is domestic as "US" is).
func (ru *Rule) check() []string {
	var bad []string
	if ru.ID == "" {
		bad = append(bad, "no id")
	}
	if ru.Name == "" {
		bad = append(bad, "no name")
	}
	if !(ru.Threshold > 0 && ru.Threshold <= 100) {
		bad = append(bad, fmt.Sprintf("threshold %v is not in (0, 100]", ru.Threshold))
	}
	if len(ru.Owners) == 0 {
		bad = append(bad, "no owner lists")
	}
	for j := range ru.Owners {
		ol := &ru.Owners[j]
		ol.Source = entitylist.ParseSource(string(ol.Source))
		if ol.Source == "" {
			bad = append(bad, fmt.Sprintf("owner list %d has no source", j+1))
		}
		for k, p := range ol.Programs {
			ol.Programs[k] = strings.ToUpper(strings.Trim(strings.TrimSpace(p), "[]"))
		}
	}
	for j, c := range ru.Domestic {
		ru.Domestic[j] = strings.ToUpper(strings.TrimSpace(c))
	}
	if ru.ForeignOnly && len(ru.Domestic) == 0 {
		bad = append(bad, "foreign_only without domestic countries")
	}
	for j, p := range ru.Periods {
		if p.From.IsZero() {
			bad = append(bad, fmt.Sprintf("period %d has no start", j+1))
		}
		if !p.To.IsZero() && dayOf(p.To) < dayOf(p.From) {
			bad = append(bad, fmt.Sprintf("period %d ends before it starts", j+1))
		}
		if j > 0 {
			prev := ru.Periods[j-1]
			if prev.To.IsZero() || dayOf(p.From) <= dayOf(prev.To) {
				bad = append(bad, fmt.Sprintf("period %d overlaps period %d or is out of order", j+1, j))
			}
		}
	}
	if lr := ru.LicenseRanks; lr != nil {
		for _, t := range [][]Rank{lr.Requirement, lr.Policy} {
			for k := range t {
				t[k].Contains = rankText(t[k].Contains)
			}
		}
	}
	return bad
}

// rankText folds a text for the rank tables: lower case, every run of
// characters other than letters and digits one space.
func rankText(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// rankOf returns the rank of text in table, 0 if no line matches: the
// first line that matches decides.
func rankOf(table []Rank, text string) int {
	t := rankText(text)
	for _, r := range table {
		if r.Contains != "" && strings.Contains(t, r.Contains) {
			return r.Rank
		}
	}
	return 0
}

// strictestOf returns the highest rank of the lines of table that text
// contains (0 if none), and whether lines of different ranks match: a
// policy of several parts.
func strictestOf(table []Rank, text string) (rank int, mixed bool) {
	t := rankText(text)
	found := false
	for _, r := range table {
		if r.Contains == "" || !strings.Contains(t, r.Contains) {
			continue
		}
		if found && r.Rank != rank {
			mixed = true
		}
		if !found || r.Rank > rank {
			rank = r.Rank
		}
		found = true
	}
	return rank, mixed
}

// licenseRank ranks a license requirement and policy under ranks, most
// restrictive highest, compared in order: the requirement's rank (the
// first line that matches: an exception, listed first, narrows a scope of
// all items); the policy's (its strictest part: the screen does not know the
// item, so "case-by-case review for X; presumption of denial for all other
// items" ranks as a presumption of denial); and 1 for a policy of one rank,
// 0 for one of parts of different ranks, so that at equal rank a policy
// that covers every item (a presumption of denial) is more restrictive than
// one that excepts some (case-by-case for X, presumption of denial for
// others).
func licenseRank(ranks *LicenseRanks, req, pol string) [3]int {
	rp, mixed := strictestOf(ranks.Policy, pol)
	pure := 1
	if mixed {
		pure = 0
	}
	return [3]int{rankOf(ranks.Requirement, req), rp, pure}
}
