package ownership

import (
	"cmp"
	"fmt"
	"maps"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
)

// Finding is what the data shows of a party, from least to most severe.
//
// The zero Finding is Clear. Finding values are immutable and safe for
// concurrent use.
type Finding uint8

const (
	// Clear: not listed, and not owned 50% or more by listed or covered
	// parties, as far as the data shows.
	Clear Finding = iota
	// Possibly: possibly listed (a name resembling a listed party's), or
	// possibly owned 50% or more (the shares of listed owners are bands
	// or unknown, or an owner only resembles a listed party), or owned
	// but of unknown or conflicting country under a rule for foreign
	// entities: to determine.
	Possibly
	// Owned: owned 50% or more by listed or covered parties under a rule
	// in force.
	Owned
	// Listed: the party is itself on a list.
	Listed
)

var findingNames = [...]string{"clear", "possibly", "owned", "listed"}

// String returns "clear", "possibly", "owned" or "listed".
func (f Finding) String() string {
	if int(f) < len(findingNames) {
		return findingNames[f]
	}
	return "Finding(" + fmt.Sprint(uint8(f)) + ")"
}

// MarshalText renders f by name.
func (f Finding) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalText reads a name written by MarshalText.
func (f *Finding) UnmarshalText(b []byte) error {
	for i, n := range findingNames {
		if string(b) == n {
			*f = Finding(i)
			return nil
		}
	}
	return fmt.Errorf("ownership: %w: finding %q", ErrBadValue, b)
}

// DefaultMaxPaths is the number of ownership paths an Outcome gives per rule.
const DefaultMaxPaths = 8

// Options set how Evaluate applies the rules. The zero value evaluates the
// default rules as of today.
//
// Like any plain Go value it may be read by many goroutines at once, but not
// changed while another uses it.
type Options struct {
	// AsOf is the date evaluated: the stakes in force then, the rules'
	// status then, and the entries on their lists then (by their start
	// and end dates, when published). Its date is read in its own
	// location (time.Date(2025, 11, 10, 0, 0, 0, 0, loc) is 2025-11-10,
	// whatever loc); zero is today (UTC).
	AsOf time.Time
	// Rules are the rules to apply; nil is Rules().
	Rules []Rule
	// Status sets a rule's status explicitly, by rule ID, overriding its
	// periods: to apply the Affiliates Rule during its suspension, say, or
	// to suspend it after an extension the data does not know.
	Status map[string]RuleStatus
	// MaxPaths is how many ownership paths an outcome gives per rule: 0 is
	// DefaultMaxPaths; a negative value is an error (ErrBadValue), never a
	// silent "no paths", since the paths are the evidence of a finding.
	MaxPaths int
}

// stake is the holding of one owner in one owned party at the date
// evaluated: the records of the pair merged.
type stake struct {
	owner, owned int32
	low, high    int32
	first, n     int32 // records: stakeEdges[first : first+n]
	kind         EdgeKind
	flags        uint8
}

const (
	flagDuplicate  uint8 = 1 << iota // several records of one kind
	flagConflict                     // records that differ
	flagSuperseded                   // records superseded by a later as-of date
	flagLater                        // records stated only as of a date after the day evaluated
)

// ruleEval is one rule evaluated over the graph.
type ruleEval struct {
	rule       Rule
	status     RuleStatus
	period     Period
	overridden bool
	threshold  int64
	base       []uint8         // 2 listed under the rule, 1 possibly
	state      []uint8         // 2 counts as an owner for sure (listed or covered), 1 possibly
	low, high  []int64         // direct stakes held by owners of state 2 (low) and >= 1 (high)
	certain    licPass         // licenses passed down what holds for sure
	possible   licPass         // licenses passed down what holds at least possibly
	own        map[int32]int32 // the own license of each listed party
	licenses   []License
	licRank    [][3]int // see licenseRank
}

// Report is the result of Evaluate: every party's outcome under the rules at
// the date evaluated. It is immutable and safe for concurrent use; outcomes
// are built when asked for, from the graph as it was resolved (its parties,
// records and countries then) and the list it was resolved against, whose
// entries are decoded anew for each caller: the Graph may be read into
// since, and every answer stays that of the graph evaluated. A party added
// to the Graph since is not in the Report, nor is a name or country merged
// into a party since: resolve and evaluate again.
//
// The zero Report is not usable: Resolution.Evaluate makes one.
type Report struct {
	res      *Resolution
	g        *Graph
	asOf     time.Time
	day      int32
	maxPaths int

	stakes     []stake // by owned, then owner
	stakeEdges []int32 // edge indices of the stakes' records
	inOff      []int32 // stakes of owned p: stakes[inOff[p]:inOff[p+1]]
	outOff     []int32 // stakes of owner p: out[outOff[p]:outOff[p+1]]
	out        []int32
	ctlOff     []int32 // control edges of owned p: ctl[ctlOff[p]:ctlOff[p+1]]
	ctl        []int32
	ctlOutOff  []int32 // control edges of owner p: ctlOut[ctlOutOff[p]:ctlOutOff[p+1]]
	ctlOut     []int32
	active     int

	comp     []int32 // strongly connected component of each party
	compSize []int32
	selfLoop []bool
	cycles   [][]int32

	rules []*ruleEval

	// above holds, for each party owned directly or indirectly by a party
	// that could not be tied to the list (Resolution's unresolved), the
	// nearest such owner and the direct owner it is reached through (a
	// slice by party, {-1, -1} for none; nil when every party resolved).
	above [][2]int32

	// ties holds each party's ties to entries on the list on the date
	// evaluated, unlisted those to entries listed after it or delisted by
	// it (see onListOn): a party designated later was not listed then.
	ties, unlisted map[int32][]Tie

	// stated holds, for each party with statements on its ownership in
	// force on the date evaluated, their indices in the graph's
	// statements.
	stated map[int32][]int32
}

// onListOn reports whether entry e was on its list on day: from its start
// date, when it publishes one, to the day before its end date, the dates as
// written (see dayOf).
func onListOn(e *entitylist.Entry, day int32) bool {
	return (e.StartDate.IsZero() || dayOf(e.StartDate) <= day) && (e.EndDate.IsZero() || dayOf(e.EndDate) > day)
}

// splitTies sets r.ties and r.unlisted from the Resolution's ties; when
// every entry was on its list on the date evaluated, r.ties is the
// Resolution's.
func (r *Report) splitTies() {
	r.ties = r.res.ties
	for p, ties := range r.res.ties {
		for _, t := range ties {
			if t.Entry != nil && !onListOn(t.Entry, r.day) {
				if r.unlisted == nil {
					r.unlisted = map[int32][]Tie{}
				}
				r.unlisted[p] = append(r.unlisted[p], t)
			}
		}
	}
	if r.unlisted == nil {
		return
	}
	r.ties = make(map[int32][]Tie, len(r.res.ties))
	for p, ties := range r.res.ties {
		for _, t := range ties {
			if t.Entry == nil || onListOn(t.Entry, r.day) {
				r.ties[p] = append(r.ties[p], t)
			}
		}
	}
}

// Evaluate applies the rules to the resolved graph as of a date. For each
// rule it computes which parties count as owners (listed on the rule's
// lists, or covered for their ownership) as the least fixed point described
// in the package documentation, then the license requirement each covered
// party inherits where the rule derives one.
//
// It returns ErrIncomplete if a reader reported errors for the graph as
// resolved (a decision must not rest on a file read in part), ErrStale if
// the graph changed since Resolve: it gained parties or edges, a party
// gained a name, country, kind or list id, or a reader reported errors.
// It returns an error wrapping ErrBadValue for invalid rules (checked and
// normalized as ReadRules does, so that a rule built in code meets the
// same checks, IDs unique), an unknown rule ID in Options.Status or a
// negative Options.MaxPaths. Evaluate may run while the Graph is changed
// (see Graph).
func (r *Resolution) Evaluate(opts Options) (*Report, error) {
	g := r.g
	if opts.MaxPaths < 0 {
		return nil, fmt.Errorf("ownership: %w: max paths %d is negative", ErrBadValue, opts.MaxPaths)
	}
	if g.Incomplete() {
		return nil, fmt.Errorf("ownership: %w", ErrIncomplete)
	}
	if r.live.changes.Load() != r.changes {
		return nil, fmt.Errorf("ownership: %w: resolve it again", ErrStale)
	}
	rules := opts.Rules
	if rules == nil {
		rules = Rules()
	}
	for id := range opts.Status {
		if !slices.ContainsFunc(rules, func(ru Rule) bool { return ru.ID == id }) {
			return nil, fmt.Errorf("ownership: %w: status set for unknown rule %q", ErrBadValue, id)
		}
	}
	asOf := opts.AsOf
	if asOf.IsZero() {
		asOf = time.Now().UTC()
	}
	// The date as given, in its own location: 2025-11-10 00:00 in Berlin
	// is 2025-11-10, not the 2025-11-09 it still is in UTC.
	y, m, d := asOf.Date()
	asOf = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	rep := &Report{res: r, g: g, asOf: asOf, day: dayOf(asOf), maxPaths: cmp.Or(opts.MaxPaths, DefaultMaxPaths)}
	rep.splitTies()
	rep.findStatements()
	rep.buildStakes()
	rep.findCycles()
	rep.traceUnresolved()
	seen := map[string]bool{}
	for _, ru := range rules {
		if seen[ru.ID] {
			return nil, fmt.Errorf("ownership: rule %q: %w: id used twice", ru.ID, ErrBadValue)
		}
		seen[ru.ID] = true
		ru = ru.clone()
		if bad := ru.check(); len(bad) > 0 {
			return nil, fmt.Errorf("ownership: rule %q: %w: %s", ru.ID, ErrBadValue, strings.Join(bad, "; "))
		}
		// The threshold rounds up, as a High does: Lows rounded down that
		// reach it reach the rule's threshold, and Highs rounded up that
		// fall short of it fall short of the threshold.
		re := &ruleEval{rule: ru, threshold: int64(highUnits(ru.Threshold))}
		re.status, re.period = re.rule.StatusAt(asOf)
		if s, ok := opts.Status[ru.ID]; ok {
			re.status, re.overridden = s, true
			re.period = Period{Status: s, Note: "set explicitly"}
		}
		rep.fixedPoint(re)
		if re.rule.LicenseRanks != nil {
			rep.propagateLicenses(re)
		}
		rep.rules = append(rep.rules, re)
	}
	return rep, nil
}

// findStatements indexes the graph's statements in force on the day
// evaluated by their party.
func (r *Report) findStatements() {
	for i := range r.g.statements {
		st := &r.g.statements[i]
		if (st.from == noDate || st.from <= r.day) && (st.to == noDate || r.day < st.to) {
			if r.stated == nil {
				r.stated = map[int32][]int32{}
			}
			r.stated[st.party] = append(r.stated[st.party], int32(i))
		}
	}
}

// activeOn reports whether edge e holds on day d.
func activeOn(e *edge, d int32) bool {
	return (e.start == noDate || d >= e.start) && (e.end == noDate || d < e.end)
}

// kindOrder ranks the kinds of the records of one stake: the most specific
// names the stake.
var kindOrder = [...]int{Ownership: 0, Branch: 1, Consolidation: 2, UltimateConsolidation: 3, Control: 4}

// buildStakes merges the records in force of each (owner, owned) pair into
// one stake and indexes the stakes by owned and by owner.
func (r *Report) buildStakes() {
	g := r.g
	n := len(g.parties)
	// Count, then place, the active edges by owned party: a counting sort
	// keeps this linear for a million edges.
	r.inOff = make([]int32, n+1)
	r.ctlOff = make([]int32, n+1)
	for i := range g.edges {
		e := &g.edges[i]
		if !activeOn(e, r.day) {
			continue
		}
		r.active++
		if e.kind.counts() {
			r.inOff[e.owned+1]++
		} else {
			r.ctlOff[e.owned+1]++
		}
	}
	for p := range n {
		r.inOff[p+1] += r.inOff[p]
		r.ctlOff[p+1] += r.ctlOff[p]
	}
	byOwned := make([]int32, r.inOff[n])
	r.ctl = make([]int32, r.ctlOff[n])
	fill := slices.Clone(r.inOff[:n])
	cfill := slices.Clone(r.ctlOff[:n])
	for i := range g.edges {
		e := &g.edges[i]
		if !activeOn(e, r.day) {
			continue
		}
		if e.kind.counts() {
			byOwned[fill[e.owned]] = int32(i)
			fill[e.owned]++
		} else {
			r.ctl[cfill[e.owned]] = int32(i)
			cfill[e.owned]++
		}
	}
	fill, cfill = nil, nil
	// Control edges by owner, for Report.Stakes.
	r.ctlOutOff = make([]int32, n+1)
	for _, ei := range r.ctl {
		r.ctlOutOff[g.edges[ei].owner+1]++
	}
	for p := range n {
		r.ctlOutOff[p+1] += r.ctlOutOff[p]
	}
	r.ctlOut = make([]int32, len(r.ctl))
	cofill := slices.Clone(r.ctlOutOff[:n])
	for _, ei := range r.ctl {
		o := g.edges[ei].owner
		r.ctlOut[cofill[o]] = ei
		cofill[o]++
	}

	r.stakeEdges = byOwned
	r.stakes = make([]stake, 0, len(byOwned))
	newIn := make([]int32, n+1)
	for p := range n {
		group := byOwned[r.inOff[p]:r.inOff[p+1]]
		slices.SortFunc(group, func(a, b int32) int {
			return cmp.Or(cmp.Compare(g.edges[a].owner, g.edges[b].owner), cmp.Compare(a, b))
		})
		for i := 0; i < len(group); {
			j := i + 1
			for j < len(group) && g.edges[group[j]].owner == g.edges[group[i]].owner {
				j++
			}
			r.stakes = append(r.stakes, mergeStake(g, group[i:j], r.inOff[p]+int32(i), r.day))
			i = j
		}
		newIn[p+1] = int32(len(r.stakes))
	}
	r.inOff = newIn

	r.outOff = make([]int32, n+1)
	for _, s := range r.stakes {
		r.outOff[s.owner+1]++
	}
	for p := range n {
		r.outOff[p+1] += r.outOff[p]
	}
	r.out = make([]int32, len(r.stakes))
	ofill := slices.Clone(r.outOff[:n])
	for i, s := range r.stakes {
		r.out[ofill[s.owner]] = int32(i)
		ofill[s.owner]++
	}
}

// mergeStake merges the records of one pair. Of the records that state the
// stake as of a date (Edge.AsOf), those as of the latest date on or before
// the day evaluated count, and the others are superseded: a file updated
// each year gives the stake of the latest statement then, not the largest
// ever held, nor one stated later. When every dated record is after the
// day, none is superseded, but none establishes the stake on the day: a
// statement as of a later date says nothing for sure of an earlier one (a
// UK PSC notified later may have held the stake before, or not), so such a
// record counts as possibly held, at least 0% and at most its High
// (flagLater, reported as IssueStatedLater). Records without an as-of date
// are never superseded. Of the records left,
// those that agree are one stake reported more than once (a GLEIF direct
// and ultimate consolidation by the same parent, a row repeated, the same
// stake in two sources, which confirm each other) and count once; records
// that differ, a percentage and a record of unknown size among them, may
// describe one stake or several, so they give the range every reading
// allows: at least the largest low (each record's stake exists) and at most
// the sum of the highs of those that differ (records alike among them
// count once), capped at 100%: the package's one rule for several
// statements of one stake (statedShares). Each record counts for what its
// kind allows (countedShare).
func mergeStake(g *Graph, recs []int32, first int32, day int32) stake {
	superseded := supersededBy(g, recs, day)
	var e0 *edge
	for _, i := range recs {
		if e := &g.edges[i]; !superseded(e) {
			e0 = e
			break
		}
	}
	s := stake{owner: e0.owner, owned: e0.owned, first: first, n: int32(len(recs)), kind: e0.kind}
	var kinds uint
	var lo, hi int64
	var st statedShares // the sum of the differing records' highs
	same, n := true, 0
	for _, i := range recs {
		e := &g.edges[i]
		if superseded(e) {
			s.flags |= flagSuperseded
			continue
		}
		n++
		kinds |= 1 << e.kind
		if kindOrder[e.kind] < kindOrder[s.kind] {
			s.kind = e.kind
		}
		if e.low != e0.low || e.high != e0.high {
			same = false
		}
		l, h := countedShare(e)
		if e.asOf != noDate && e.asOf > day {
			l = 0 // stated only later: not established on the day
			s.flags |= flagLater
		}
		lo, hi = max(lo, int64(l)), max(hi, int64(h))
		st.add(int64(l), int64(h))
	}
	if n > bits.OnesCount(kinds) {
		s.flags |= flagDuplicate
	}
	s.low, s.high = int32(lo), int32(hi)
	if !same {
		_, sumHi := st.share()
		s.high = int32(sumHi)
		s.flags |= flagConflict
	}
	return s
}

// supersededBy returns the test of whether a record of recs, the records
// of one pair, is superseded on day: stated as of a date other than the
// latest as-of date on or before day (before it, or after day), when there
// is one.
func supersededBy(g *Graph, recs []int32, day int32) func(*edge) bool {
	latest := int32(noDate)
	for _, i := range recs {
		if a := g.edges[i].asOf; a != noDate && a <= day && a > latest {
			latest = a
		}
	}
	return func(e *edge) bool { return e.asOf != noDate && latest != noDate && e.asOf != latest }
}

// countedShare returns the share, in units, a record counts for: a branch is
// part of its head office, 100% (see Branch); an ultimate consolidation's
// low is 0, whatever percentage it gives (see UltimateConsolidation); any
// other record counts for its share.
func countedShare(e *edge) (low, high int32) {
	switch e.kind {
	case Branch:
		return fullUnits, fullUnits
	case UltimateConsolidation:
		return 0, e.high
	}
	return e.low, e.high
}

// traceUnresolved sets r.above: a breadth-first walk down the stakes that
// can carry a share, from the parties that could not be tied to the list,
// in graph order, so that each party owned through one of them learns the
// nearest. Whether such an owner counts is unknown, and so is whether the
// parties it owns are covered: their evaluation is incomplete.
func (r *Report) traceUnresolved() {
	if len(r.res.unresolved) == 0 {
		return
	}
	var queue []int32
	for _, p := range slices.Sorted(maps.Keys(r.res.unresolved)) {
		queue = append(queue, p)
	}
	r.above = make([][2]int32, len(r.g.parties))
	for i := range r.above {
		r.above[i] = [2]int32{-1, -1}
	}
	for k := 0; k < len(queue); k++ {
		o := queue[k]
		src := o
		if a := r.above[o]; a[0] >= 0 {
			src = a[0]
		}
		for _, si := range r.out[r.outOff[o]:r.outOff[o+1]] {
			s := &r.stakes[si]
			p := s.owned
			if s.high == 0 || p == src || r.above[p][0] >= 0 {
				continue
			}
			if _, ok := r.res.unresolved[p]; ok {
				continue // a source itself
			}
			r.above[p] = [2]int32{src, o}
			queue = append(queue, p)
		}
	}
}

// findCycles finds the strongly connected components of the stakes that can
// carry a share (Tarjan's algorithm, without recursion, so that a chain of a
// million parties does not exhaust the stack).
func (r *Report) findCycles() {
	n := len(r.g.parties)
	r.comp = make([]int32, n)
	r.selfLoop = make([]bool, n)
	index := make([]int32, n)
	low := make([]int32, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int32
	type frame struct{ v, next int32 }
	var calls []frame
	next := int32(0)
	for _, s := range r.stakes {
		if s.owner == s.owned && s.high > 0 {
			r.selfLoop[s.owner] = true
		}
	}
	for root := range int32(n) {
		if index[root] >= 0 {
			continue
		}
		calls = append(calls, frame{root, r.outOff[root]})
		index[root], low[root] = next, next
		next++
		stack = append(stack, root)
		onStack[root] = true
		for len(calls) > 0 {
			f := &calls[len(calls)-1]
			v := f.v
			if f.next < r.outOff[v+1] {
				s := &r.stakes[r.out[f.next]]
				f.next++
				w := s.owned
				if s.high == 0 {
					continue
				}
				if index[w] < 0 {
					index[w], low[w] = next, next
					next++
					stack = append(stack, w)
					onStack[w] = true
					calls = append(calls, frame{w, r.outOff[w]})
				} else if onStack[w] {
					low[v] = min(low[v], index[w])
				}
				continue
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				u := calls[len(calls)-1].v
				low[u] = min(low[u], low[v])
			}
			if low[v] == index[v] {
				c := int32(len(r.compSize))
				var members []int32
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[w] = false
					r.comp[w] = c
					members = append(members, w)
					if w == v {
						break
					}
				}
				r.compSize = append(r.compSize, int32(len(members)))
				if len(members) > 1 || r.selfLoop[v] {
					slices.Sort(members)
					r.cycles = append(r.cycles, members)
				}
			}
		}
	}
	slices.SortFunc(r.cycles, func(a, b []int32) int { return cmp.Compare(a[0], b[0]) })
}

// inCycle reports whether party p is on an ownership cycle.
func (r *Report) inCycle(p int32) bool { return r.compSize[r.comp[p]] > 1 || r.selfLoop[p] }

// fixedPoint computes, for one rule, which parties count as owners: listed
// parties, and parties whose listed or covered owners hold the threshold or
// more. It keeps, for each party, the sum of the lows of the stakes held in
// it by owners that count for sure and the sum of the highs of those held by
// owners that count at least possibly; an owner's stakes are added once per
// level it rises to, so the whole takes time linear in the stakes.
func (r *Report) fixedPoint(re *ruleEval) {
	n := len(r.g.parties)
	re.base = make([]uint8, n)
	re.state = make([]uint8, n)
	re.low = make([]int64, n)
	re.high = make([]int64, n)
	for p, ties := range r.ties {
		for _, t := range ties {
			m, _ := re.rule.ownerMatch(t.Entry)
			if !t.Certain {
				m = min(m, 1)
			}
			re.base[p] = max(re.base[p], uint8(m))
		}
	}
	added := make([]uint8, n) // the level whose stakes a party has added
	var queue []int32
	for p := range int32(n) {
		if re.base[p] > 0 {
			re.state[p] = re.base[p]
			queue = append(queue, p)
		}
	}
	for len(queue) > 0 {
		o := queue[0]
		queue = queue[1:]
		lvl := re.state[o]
		if lvl == added[o] {
			continue
		}
		for _, si := range r.out[r.outOff[o]:r.outOff[o+1]] {
			s := &r.stakes[si]
			p := s.owned
			if added[o] == 0 {
				re.high[p] += int64(s.high)
			}
			if lvl == 2 {
				re.low[p] += int64(s.low)
			}
			if re.base[p] == 2 {
				continue
			}
			var next uint8
			switch {
			case re.low[p] >= re.threshold:
				next = 2
			case re.high[p] >= re.threshold:
				next = 1
			}
			if next > re.state[p] {
				re.state[p] = next
				queue = append(queue, p)
			}
		}
		added[o] = lvl
	}
}

// ownLevel is the level party p reaches under re by its owners alone.
func (re *ruleEval) ownLevel(p int32) uint8 {
	switch {
	case re.low[p] >= re.threshold:
		return 2
	case re.high[p] >= re.threshold:
		return 1
	}
	return 0
}

// licPass is one pass of the license propagation: for each party the
// license it gets (an index into ruleEval.licenses, -1 none) and the owner
// it got it through (-1 for its own).
type licPass struct {
	license, via []int32
}

// propagateLicenses gives every party that counts under re the most
// restrictive license requirement among its own, if it is listed, and those
// of its counting owners: the fixed point of "a party's license is the most
// restrictive of its own and its counting owners'". A listed party that is
// also owned 50% or more by parties that count is covered for its ownership
// too, so an owner's stricter requirement applies to it, and passes down to
// the parties it owns, as its own would: an entity on the Entity List owned
// by an SDN of a 744.8 program passes the policy of denial down, not only
// its own case-by-case review.
//
// It runs twice. The certain pass (re.certain) follows only what holds for
// sure: the own licenses of parties listed for sure (the entries they are
// on for sure under the rule, never one they only resemble or whose program
// is unknown), passed down stakes of a known minimum (Low above 0) held by
// owners that count for sure in parties owned for sure. The possible pass
// (re.possible) follows every stake of an owner that counts at least
// possibly, and the own licenses of parties possibly listed too. So a
// certain requirement is never replaced by an uncertain one: the outcome
// gives the certain one as License, and the possible one, when stricter, as
// PossibleLicense.
//
// Licenses are ordered by the rule's ranks (licenseBetter), then by the
// order they were found in; taking them best first, a breadth-first walk
// from the parties of each gives it to every party it reaches that has none
// yet, so each party is assigned once, its most restrictive, and the result
// does not depend on the order of the work.
func (r *Report) propagateLicenses(re *ruleEval) {
	n := len(r.g.parties)
	ranks := re.rule.LicenseRanks
	type licKey struct {
		req, pol string
		from     int32
		entry    entitylist.EntryKey
	}
	intern := map[licKey]int32{}
	// own returns the best own license of listed party p (of level lvl
	// under re): for a party listed for sure, of its certain ties under
	// the rule only; -1 if none.
	ownOf := func(p int32) int32 {
		best := int32(-1)
		for _, t := range r.ties[p] {
			m, ol := re.rule.ownerMatch(t.Entry)
			if m == 0 || (re.base[p] == 2 && (m < 2 || !t.Certain)) {
				continue // a listed party's own license is that of the entries it is on
			}
			req, pol := t.Entry.LicenseRequirement, t.Entry.LicensePolicy
			cite := t.Entry.Source.Name()
			if len(t.Entry.FederalRegisterNotices) > 0 {
				cite = t.Entry.FederalRegisterNotices[len(t.Entry.FederalRegisterNotices)-1]
			}
			if req == "" {
				req, cite = ol.LicenseRequirement, ol.Citation
			}
			if pol == "" {
				pol = ol.LicensePolicy
			}
			if req == "" && pol == "" {
				continue
			}
			k := licKey{req, pol, p, t.Key}
			li, ok := intern[k]
			if !ok {
				li = int32(len(re.licenses))
				intern[k] = li
				pa := &r.g.parties[p]
				re.licenses = append(re.licenses, License{
					Requirement: req, Policy: pol, From: pa.ID, FromName: pa.Label(),
					Entry: t.Key, Citation: cite,
				})
				re.licRank = append(re.licRank, licenseRank(ranks, req, pol))
			}
			if re.better(li, best) {
				best = li
			}
		}
		return best
	}
	re.own = map[int32]int32{}
	for p := range int32(n) {
		if re.base[p] == 0 {
			continue
		}
		if li := ownOf(p); li >= 0 {
			re.own[p] = li
		}
	}
	order := make([]int32, len(re.licenses))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		switch {
		case re.better(a, b):
			return -1
		case re.better(b, a):
			return 1
		}
		return 0
	})
	pass := func(certain bool) licPass {
		lp := licPass{license: make([]int32, n), via: make([]int32, n)}
		for i := range lp.license {
			lp.license[i], lp.via[i] = -1, -1
		}
		seeds := make([][]int32, len(re.licenses))
		for _, p := range slices.Sorted(maps.Keys(re.own)) {
			if certain && re.base[p] < 2 {
				continue
			}
			seeds[re.own[p]] = append(seeds[re.own[p]], p)
		}
		var queue []int32
		for _, li := range order {
			queue = queue[:0]
			for _, p := range seeds[li] {
				if lp.license[p] < 0 {
					lp.license[p] = li
					queue = append(queue, p)
				}
			}
			for k := 0; k < len(queue); k++ {
				o := queue[k]
				for _, si := range r.out[r.outOff[o]:r.outOff[o+1]] {
					s := &r.stakes[si]
					p := s.owned
					if lp.license[p] >= 0 {
						continue
					}
					if certain {
						if re.state[o] < 2 || s.low == 0 || re.ownLevel(p) < 2 {
							continue
						}
					} else if s.high == 0 || re.ownLevel(p) < 1 {
						continue
					}
					lp.license[p], lp.via[p] = li, o
					queue = append(queue, p)
				}
			}
		}
		return lp
	}
	re.certain = pass(true)
	re.possible = pass(false)
}

// better reports whether license a is more restrictive than b under re's
// ranks (any license more than none), ties broken by the order found.
func (re *ruleEval) better(a, b int32) bool {
	if b < 0 {
		return a >= 0
	}
	if a < 0 {
		return false
	}
	ra, rb := re.licRank[a], re.licRank[b]
	if ra != rb {
		for i := range ra {
			if ra[i] != rb[i] {
				return ra[i] > rb[i]
			}
		}
	}
	return a < b
}
