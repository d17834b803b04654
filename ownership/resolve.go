package ownership

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// TieMethod says how a party was tied to a list entry.
//
// The zero TieMethod is no method. TieMethod values are immutable and safe
// for concurrent use.
type TieMethod uint8

const (
	// ByListID: the data names the entry (a ListRef).
	ByListID TieMethod = iota + 1
	// ByName: the party's name screened as the entry's.
	ByName
)

// String returns "list id" or "name".
func (m TieMethod) String() string {
	switch m {
	case ByListID:
		return "list id"
	case ByName:
		return "name"
	}
	return "none"
}

// MarshalText renders m by name.
func (m TieMethod) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads a name written by MarshalText.
func (m *TieMethod) UnmarshalText(b []byte) error {
	for _, v := range []TieMethod{0, ByListID, ByName} {
		if string(b) == v.String() {
			*m = v
			return nil
		}
	}
	return fmt.Errorf("ownership: %w: tie method %q", ErrBadValue, b)
}

// Tie is a list entry a party is, or may be.
//
// The zero Tie is a tie to no entry, by no method. Like any plain Go value
// it may be read by many goroutines at once, but not changed while another
// uses it.
type Tie struct {
	// Entry is the list entry, as the match that found it holds it (see
	// screening.Match.Entry); Key says which row of the list it is. The
	// ties a Resolution or Report returns are the caller's own: their
	// entries and matches are copies, which it may change without
	// changing the Resolution, the Report or another caller's ties.
	Entry *entitylist.Entry   `json:"-"`
	Key   entitylist.EntryKey `json:"entry"`
	By    TieMethod           `json:"by"`
	// Certain reports that the party is the entry: the data names it by
	// id, or the party's name is the best match and an alert (with the
	// rows of the same party, Match.Also). Otherwise the party only
	// resembles the entry: an alert that another entry scored above, or a
	// match below the threshold, scoring at least ResolveOptions.NearMiss.
	// Such a party counts as "possibly" the entry.
	Certain bool `json:"certain"`
	// Ref is the list reference the tie was made by (ByListID).
	Ref ListRef `json:"ref,omitzero"`
	// Match is the screening match the tie was made by (ByName), with its
	// score and Explanation, kept as the record of the tie.
	Match *screening.Match `json:"match,omitempty"`

	// at is the index of Entry in the list resolved against, from which
	// a Resolution or Report decodes a copy of it for each caller (see
	// ownTies).
	at int
}

// String renders the tie for people: `EL Kaspersky Labs Limited (by name,
// score 1.00)`.
func (t Tie) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (", t.Entry.Source, t.Entry.Name)
	switch t.By {
	case ByListID:
		fmt.Fprintf(&b, "by list id %s", t.Ref)
	case ByName:
		fmt.Fprintf(&b, "by name %q, score %.2f", t.Match.Explanation.Query.Text, t.Match.Score)
		if !t.Certain {
			if t.Match.Alert {
				b.WriteString(", an alert but not the best match")
			} else {
				fmt.Fprintf(&b, ", below the threshold %.2f", t.Match.Explanation.Threshold)
			}
		}
	}
	b.WriteByte(')')
	return b.String()
}

// DefaultNearMiss is the score from which a name below the alert threshold is
// reported as resembling a list entry.
const DefaultNearMiss = 0.6

// DefaultMaxNames is the number of a party's names that Resolve screens.
const DefaultMaxNames = 8

// ResolveOptions set how Resolve ties parties to the list. The zero value
// screens with the screener's own settings and reports near misses from
// DefaultNearMiss.
//
// Like any plain Go value it may be read by many goroutines at once, but not
// changed while another uses it.
type ResolveOptions struct {
	// Screening are options for each screening call, on top of the
	// screener's: screening.WithThreshold, WithSources, ...
	Screening []screening.Option
	// NearMiss is the lowest score, below the threshold, at which a party
	// is reported as resembling an entry (and so as possibly it): 0 is
	// DefaultNearMiss; a negative value reports no near misses.
	NearMiss float64
	// MaxNames is how many of a party's names are screened, its name first:
	// 0 is DefaultMaxNames, a negative value an error (ErrBadValue). The
	// names left out are reported on the party (IssueUnresolved), never
	// dropped silently.
	MaxNames int
}

// Resolution is the result of Resolve: the list entries each party of a
// graph is tied to, and what could not be resolved. It keeps the graph as it
// was resolved, and is immutable and safe for concurrent use, even while
// the Graph is modified since (see Graph); a party added to the Graph since
// is not in it, and once the Graph has changed Evaluate refuses it
// (ErrStale).
//
// The zero Resolution is not usable: Resolve makes one.
type Resolution struct {
	g          *Graph           // the graph as resolved: a snapshot of live
	live       *Graph           // the graph resolved, as Graph returns it
	list       *entitylist.List // the list resolved against, which decodes the callers' copies of entries
	version    entitylist.Version
	nParties   int
	nEdges     int
	changes    uint64 // live.changes when resolved
	ties       map[int32][]Tie
	unresolved map[int32][]string
	// unscreened says, of a party with more names than MaxNames, which
	// were not screened: reported on the party only, as its other names
	// were screened.
	unscreened map[int32]string
	screened   int
}

// Resolve ties the parties of g to the entries of the screener's list. A
// party whose data names list entries (Party.ListRefs) is tied to them; a
// reference the list does not hold is reported and the party is screened by
// name instead, keeping the ties of its other references. Every other party with a name is screened, by up to
// MaxNames of its names, with its country and kind as evidence (in parallel,
// as screening.Screener.ScreenSeq does): the best match, if an alert, ties it
// for certain, with the rows of the same party; other alerts and near misses
// tie it uncertainly, as resembling the entry. Names that cannot be screened
// (empty after normalization, invalid) are reported for the party, as are
// parties with no name and no reference, and the names of a party beyond
// MaxNames, which are not screened.
//
// The graph must not be modified while Resolve runs; once it is modified,
// the Resolution's Evaluate returns ErrStale. Resolve returns ctx's error if
// it is done first, and an error wrapping ErrBadValue for a negative
// MaxNames.
func Resolve(ctx context.Context, g *Graph, s *screening.Screener, opts ResolveOptions) (*Resolution, error) {
	if s == nil || s.List() == nil {
		return nil, ErrNoScreener
	}
	if err := screening.CheckOptions(opts.Screening...); err != nil {
		return nil, fmt.Errorf("ownership: %w", err)
	}
	if opts.MaxNames < 0 {
		return nil, fmt.Errorf("ownership: %w: max names %d is negative", ErrBadValue, opts.MaxNames)
	}
	if opts.MaxNames == 0 {
		opts.MaxNames = DefaultMaxNames
	}
	near := opts.NearMiss
	if near == 0 {
		near = DefaultNearMiss
	}
	var sopts []screening.Option
	if near > 0 {
		sopts = append(sopts, screening.WithMinScore(min(near, 1)))
	}
	// A tie keeps its match's explanation (see Tie.String).
	sopts = append(sopts, opts.Screening...)
	sopts = append(sopts, screening.WithExplanations(true))

	list := s.List()
	live := g
	g = g.snapshot()
	res := &Resolution{
		g:          g,
		live:       live,
		list:       list,
		version:    list.Version(),
		nParties:   len(g.parties),
		nEdges:     len(g.edges),
		changes:    live.changes.Load(),
		ties:       make(map[int32][]Tie),
		unresolved: make(map[int32][]string),
		unscreened: make(map[int32]string),
	}
	byID := indexList(list)
	toScreen := make([]bool, len(g.parties))
	for i := range g.parties {
		p := &g.parties[i]
		var ties []Tie
		missing := false
		for _, ref := range p.ListRefs {
			found := false
			for _, e := range byID[ref.ID] {
				if ref.Source == "" || ref.Source == e.entry.Source {
					ties = append(ties, Tie{Entry: e.entry, Key: e.key, By: ByListID, Certain: true, Ref: ref, at: e.at})
					found = true
				}
			}
			if !found {
				missing = true
				res.unresolved[int32(i)] = append(res.unresolved[int32(i)],
					fmt.Sprintf("list id %s is not in the list (%s)", ref, res.version.Origin))
			}
		}
		if len(ties) > 0 {
			res.ties[int32(i)] = dedupTies(ties)
			if !missing {
				continue
			}
		}
		if p.Name == "" && len(p.AltNames) == 0 {
			if len(p.ListRefs) == 0 {
				res.unresolved[int32(i)] = append(res.unresolved[int32(i)], "no name and no list id: it cannot be tied to the list")
			}
			continue
		}
		toScreen[i] = true
		if names := p.Names(); len(names) > opts.MaxNames {
			left := names[opts.MaxNames:]
			res.unscreened[int32(i)] = fmt.Sprintf("%d of its %d names were not screened (ResolveOptions.MaxNames is %d): %s",
				len(left), len(names), opts.MaxNames, strings.Join(quoteAll(left, 4), ", "))
		}
	}

	// The queries are the names of the parties to screen, in party order;
	// ScreenSeq returns their results in the same order, so a second walk
	// of the same sequence tells whose each result is.
	type qref struct{ party, name int32 }
	refs := func(yield func(qref) bool) {
		for i := range g.parties {
			if !toScreen[i] {
				continue
			}
			names := g.parties[i].Names()
			for j := range min(len(names), opts.MaxNames) {
				if !yield(qref{int32(i), int32(j)}) {
					return
				}
			}
		}
	}
	queries := func(yield func(screening.Query) bool) {
		for r := range refs {
			p := &g.parties[r.party]
			if !yield(screening.Query{Name: p.Names()[r.name], Country: p.Country, Kind: p.Kind}) {
				return
			}
		}
	}
	next, stop := iter.Pull(refs)
	defer stop()
	var (
		cur     int32 = -1
		matches []screening.Match
		keys    = list.Keys()
	)
	flush := func() {
		if cur >= 0 {
			if ties := nameTies(matches, keys); len(ties) > 0 {
				// A party with a list id the list does not hold keeps
				// the ties of its other ids.
				res.ties[cur] = dedupTies(append(res.ties[cur], ties...))
			}
		}
		matches = matches[:0]
	}
	for r := range s.ScreenSeq(ctx, queries, sopts...) {
		ref, _ := next()
		if r.Err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			res.unresolved[ref.party] = append(res.unresolved[ref.party],
				fmt.Sprintf("name %q could not be screened: %v", r.Query.Name, r.Err))
		}
		if ref.party != cur {
			flush()
			cur = ref.party
		}
		res.screened++
		matches = append(matches, r.Matches...)
	}
	flush()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return res, nil
}

type listRow struct {
	entry *entitylist.Entry
	key   entitylist.EntryKey
	at    int // its index in the list
}

// indexList maps entry ids and OFAC entity numbers to the list's rows.
func indexList(list *entitylist.List) map[string][]listRow {
	keys := list.Keys()
	m := make(map[string][]listRow, list.Len())
	for i, e := range list.All() {
		row := listRow{e, keys[i], i}
		m[e.ID] = append(m[e.ID], row)
		if e.EntityNumber != "" && e.EntityNumber != e.ID {
			m[e.EntityNumber] = append(m[e.EntityNumber], row)
		}
	}
	return m
}

// nameTies turns the matches of a party's names into ties: per entry its best
// match; the best alert (and the entries of equal score, and their rows of
// the same party) certain, the rest resemblances.
func nameTies(matches []screening.Match, keys []entitylist.EntryKey) []Tie {
	if len(matches) == 0 {
		return nil
	}
	best := map[int]int{} // entry -> index in matches
	for i := range matches {
		m := &matches[i]
		at, _, _ := m.Indexes() // a match of a Screener of the list of keys
		if j, ok := best[at]; !ok || m.Score > matches[j].Score {
			best[at] = i
		}
	}
	top := -1.0
	for _, i := range best {
		if matches[i].Alert {
			top = max(top, matches[i].Score)
		}
	}
	var ties []Tie
	for at, i := range best {
		m := matches[i]
		certain := m.Alert && m.Score >= top-1e-9
		ties = append(ties, Tie{Entry: m.Entry, Key: keys[at], By: ByName, Certain: certain, Match: &m, at: at})
		_, also, _ := m.Indexes()
		for j, e := range m.Also {
			ties = append(ties, Tie{Entry: e, Key: keys[also[j]], By: ByName, Certain: certain, Match: &m, at: also[j]})
		}
	}
	return dedupTies(ties)
}

// dedupTies orders ties certain first, then by score, then by key, keeping
// one tie per entry (the first).
func dedupTies(ties []Tie) []Tie {
	slices.SortStableFunc(ties, func(a, b Tie) int {
		if a.Certain != b.Certain {
			if a.Certain {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(tieScore(b), tieScore(a)); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.Key.Source, b.Key.Source), cmp.Compare(a.Key.ID, b.Key.ID), cmp.Compare(a.Key.Dup, b.Key.Dup))
	})
	seen := map[entitylist.EntryKey]bool{}
	out := ties[:0]
	for _, t := range ties {
		if seen[t.Key] {
			continue
		}
		seen[t.Key] = true
		out = append(out, t)
	}
	return out
}

func tieScore(t Tie) float64 {
	if t.Match == nil {
		return 1
	}
	return t.Match.Score
}

// Ties returns the list entries the party with the given ID is tied to,
// certain ties first, then by score.
func (r *Resolution) Ties(id string) []Tie {
	i, ok := r.lookup(id)
	if !ok {
		return nil
	}
	return r.ownTies(r.ties[i])
}

// lookup returns the index of the party with the given ID among the
// parties resolved: a party added to the graph since is not one.
func (r *Resolution) lookup(id string) (int32, bool) {
	i, ok := r.g.lookup(id)
	return i, ok && int(i) < r.nParties
}

// ownTies returns a copy of ties that shares nothing a caller may change
// with r: each entry decoded anew from the list, each match with its own
// entries, version and explanation. A caller that changes what it got
// changes neither r nor what another caller got.
func (r *Resolution) ownTies(ties []Tie) []Tie {
	if ties == nil {
		return nil
	}
	out := make([]Tie, len(ties))
	for i, t := range ties {
		t.Entry = r.list.Entry(t.at)
		if t.Match != nil {
			m := *t.Match
			if at, also, ok := m.Indexes(); ok {
				m.Entry = r.list.Entry(at)
				m.Also = nil
				for _, j := range also {
					m.Also = append(m.Also, r.list.Entry(j))
				}
			}
			m.Version = r.list.Version()
			m.Version.Unscreened = t.Match.Version.Unscreened
			m.Explanation = ownExplanation(m.Explanation)
			t.Match = &m
		}
		out[i] = t
	}
	return out
}

// ownExplanation returns a copy of ex that shares no slice with it.
func ownExplanation(ex screening.Explanation) screening.Explanation {
	form := func(f screening.NameForm) screening.NameForm {
		f.Words = slices.Clone(f.Words)
		f.LegalForms = slices.Clone(f.LegalForms)
		return f
	}
	ex.Query = form(ex.Query)
	ex.Candidate = form(ex.Candidate)
	ex.Pairs = slices.Clone(ex.Pairs)
	ex.Unmatched = slices.Clone(ex.Unmatched)
	ex.Checks = slices.Clone(ex.Checks)
	return ex
}

// Version returns the version of the list the parties were tied to: the
// caller's own copy, as entitylist.List.Version returns it.
func (r *Resolution) Version() entitylist.Version { return r.list.Version() }

// Screened returns the number of names screened.
func (r *Resolution) Screened() int { return r.screened }

// Graph returns the graph resolved, as it is now: it may have changed since
// (the Resolution and its Reports answer for it as it was resolved).
func (r *Resolution) Graph() *Graph { return r.live }
