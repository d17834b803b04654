package ownership

import (
	"errors"
	"fmt"
	"iter"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// Party is an owner or an owned entity: a company, a person, a government.
//
// ID identifies the party within a graph, in the scheme of the data it came
// from (see the readers); readers of one data source give its parties the
// same IDs, so files can be combined. A party read from a file that names it
// only by Name has its Name as ID, compared case- and space-insensitively.
//
// The zero Party is a party with no ID and no name. Like any plain Go value
// it may be read by many goroutines at once, but not changed while another
// uses it.
type Party struct {
	ID       string   `json:"id"`
	Name     string   `json:"name,omitempty"`
	AltNames []string `json:"alt_names,omitempty"`
	// Country is the ISO 3166-1 alpha-2 code of the country the party is
	// incorporated or registered in (for a person, of residence), or empty
	// when the data does not say. The Affiliates Rule reads it to tell a
	// foreign entity.
	Country string                `json:"country,omitempty"`
	Kind    entitylist.EntityType `json:"kind,omitzero"`
	// ListRefs are the list entries the data says the party is, such as
	// the OFAC entity number of a FollowTheMoney Sanction record.
	ListRefs []ListRef `json:"list_refs,omitempty"`
	// Record is where the party was first read.
	Record Record `json:"record,omitzero"`
}

// Names returns the name followed by the alternate names.
func (p *Party) Names() []string {
	if p.Name == "" {
		return p.AltNames
	}
	return append([]string{p.Name}, p.AltNames...)
}

// Label returns the party's name, or its ID when it has none, for messages.
func (p *Party) Label() string {
	if p.Name != "" {
		return p.Name
	}
	return p.ID
}

// ListRef names a list entry by its source list and id: the CSL _id, or for
// the OFAC lists the entity number as well. An empty Source matches the id in
// any source.
//
// The zero ListRef is a reference to no entry. Like any plain Go value it
// may be read by many goroutines at once, but not changed while another uses
// it.
type ListRef struct {
	Source entitylist.Source `json:"source,omitempty"`
	ID     string            `json:"id"`
}

// String renders the reference as "SDN:45928", or the id alone.
func (r ListRef) String() string {
	if r.Source == "" {
		return r.ID
	}
	return string(r.Source) + ":" + r.ID
}

// ParseListRef reads a list reference written "SOURCE:ID" or "SOURCE ID"
// (the form of entitylist.EntryKey.String), such as "SDN:45928" or
// "EL 8e2975db...", or an id alone. The source is read with
// entitylist.ParseSource. An empty id is an error wrapping ErrBadListID.
func ParseListRef(s string) (ListRef, error) {
	t := strings.TrimSpace(s)
	src, id, ok := strings.Cut(t, ":")
	if !ok {
		src, id, ok = strings.Cut(t, " ")
	}
	if !ok {
		src, id = "", t
	}
	src, id = strings.TrimSpace(src), strings.TrimSpace(id)
	if id == "" || (ok && src == "") {
		return ListRef{}, fmt.Errorf("%w: want SOURCE:ID, such as SDN:12345", ErrBadListID)
	}
	return ListRef{Source: entitylist.ParseSource(src), ID: id}, nil
}

// Record locates the evidence for a party or an edge: the input it was read
// from, the line where its record starts (0 for inputs without lines), and
// the record's own id where the format has one (a FollowTheMoney entity id,
// a UK PSC link).
//
// The zero Record is a record of no origin. Like any plain Go value it may
// be read by many goroutines at once, but not changed while another uses it.
type Record struct {
	Origin string `json:"origin,omitempty"`
	Line   int    `json:"line,omitempty"`
	ID     string `json:"id,omitempty"`
}

// String renders the record as "owners.csv line 7" or "zala.jsonl line 12
// (NK-...)".
func (r Record) String() string {
	var b strings.Builder
	b.WriteString(r.Origin)
	if r.Line > 0 {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "line %d", r.Line)
	}
	if r.ID != "" {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "(%s)", r.ID)
	}
	return b.String()
}

// EdgeKind says what an edge records. Every kind but Control carries a share
// that counts toward the 50% threshold.
//
// The zero EdgeKind is Ownership. EdgeKind values are immutable and safe for
// concurrent use.
type EdgeKind uint8

const (
	// Ownership is a holding of shares (or of the rights to an LLP's
	// surplus assets).
	Ownership EdgeKind = iota
	// Consolidation is a GLEIF "IS_DIRECTLY_CONSOLIDATED_BY" link: the
	// owner consolidates the owned entity in its accounts. GLEIF rarely
	// publishes a percentage; without one the share is unknown, so a
	// listed consolidating parent makes the child "possibly" owned, to
	// determine.
	Consolidation
	// UltimateConsolidation is a GLEIF "IS_ULTIMATELY_CONSOLIDATED_BY"
	// link, which skips the parents between. It is counted as a direct
	// stake of unknown size, its Low as 0 whatever percentage it gives: it
	// can make an entity "possibly" owned, never owned for sure, because
	// the rule counts direct stakes and the chain between is not in the
	// record.
	UltimateConsolidation
	// Branch is a GLEIF "IS_INTERNATIONAL_BRANCH_OF" link: a branch is
	// part of its head office, so it counts as 100%, whatever share its
	// record gives.
	Branch
	// Control is control without ownership (voting rights, the right to
	// appoint directors, significant influence, fund management). It never
	// counts toward the threshold; control by a listed party is reported
	// as a caution (OFAC FAQ 398).
	Control
)

var edgeKindNames = [...]string{"ownership", "consolidation", "ultimate-consolidation", "branch", "control"}

// String returns the kind's name, as ParseEdgeKind reads it.
func (k EdgeKind) String() string {
	if int(k) < len(edgeKindNames) {
		return edgeKindNames[k]
	}
	return "EdgeKind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText renders k by name.
func (k EdgeKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText reads a name written by MarshalText.
func (k *EdgeKind) UnmarshalText(b []byte) error {
	v, err := ParseEdgeKind(string(b))
	*k = v
	return err
}

// counts reports whether a share of this kind counts toward the threshold.
func (k EdgeKind) counts() bool { return k != Control }

// ParseEdgeKind reads an edge kind by its name, in any case; empty is
// Ownership. Anything else is an error wrapping ErrBadKind.
func ParseEdgeKind(s string) (EdgeKind, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" {
		return Ownership, nil
	}
	for i, n := range edgeKindNames {
		if t == n {
			return EdgeKind(i), nil
		}
	}
	return Ownership, fmt.Errorf("%w: want one of %s", ErrBadKind, strings.Join(edgeKindNames[:], ", "))
}

// Edge is one record of a stake: Owner holds Share of Owned.
//
// The zero Edge is an ownership of an exact 0% between parties with no ID.
// Like any plain Go value it may be read by many goroutines at once, but not
// changed while another uses it.
type Edge struct {
	Owner string   `json:"owner"` // party ID
	Owned string   `json:"owned"` // party ID
	Kind  EdgeKind `json:"kind"`
	Share Share    `json:"share"`
	// Start and End bound when the stake held, as calendar dates, each
	// the date it writes in its own location (midnight of 2024-06-24 in
	// Berlin is 2024-06-24): it holds from Start and until the day before
	// End (the day it ceased). Zero is open. Edges returns them as
	// midnight UTC of those dates.
	Start time.Time `json:"start,omitzero"`
	End   time.Time `json:"end,omitzero"`
	// AsOf is the date the record states the stake as of, when it says,
	// read as Start and End are. It is not a start: evaluated before it,
	// with no record of the stake as of a date on or before then, the
	// stake counts as possibly held (IssueStatedLater).
	// The records of one owner and owned party as of the latest such date
	// on or before the date evaluated supersede the others (see the
	// package documentation).
	AsOf time.Time `json:"as_of,omitzero"`
	// Note is what the record says of the stake in its own terms, such as
	// "ownership-of-shares-25-to-50-percent" or "subsidiary of".
	Note   string `json:"note,omitempty"`
	Record Record `json:"record,omitzero"`
}

// Note is something a reader noticed and accepted, or left aside with a
// reason: never a record dropped silently.
//
// The zero Note is an empty note of no record. Like any plain Go value it
// may be read by many goroutines at once, but not changed while another uses
// it.
type Note struct {
	Record  Record `json:"record"`
	Message string `json:"message"`
}

// String renders the note as "file line 3: message".
func (n Note) String() string {
	if r := n.Record.String(); r != "" {
		return r + ": " + n.Message
	}
	return n.Message
}

// MaxNotes is the number of notes a Graph keeps; further ones are counted.
const MaxNotes = 1000

// noDate marks an open date in an edge.
const noDate = math.MinInt32

// edge is an Edge as the graph stores it: compact, so that a million fit in
// tens of megabytes.
type edge struct {
	owner, owned     int32
	low, high        int32 // units
	start, end, asOf int32 // days since 1970-01-01, or noDate
	line             int32
	origin           uint32
	kind             EdgeKind
}

// edgeExtra holds the rarer fields of an edge.
type edgeExtra struct {
	note, recordID string
}

// A Graph holds parties and the edges between them, as read from ownership
// files. Build one with NewGraph, then read files into it or add parties and
// edges; a Graph is not safe for concurrent modification, but once no longer
// modified it may be read, resolved and evaluated by many goroutines.
// Resolve keeps the graph as it is then: the Graph may be modified again
// afterwards (by one goroutine, while no other reads the Graph itself)
// while its Resolutions and Reports are in use, and they keep answering
// for the graph as resolved. The first change after a Resolve copies the
// parties and their keys, once.
//
// The zero Graph is not usable; use NewGraph.
type Graph struct {
	parties   []Party
	byKey     map[string]int32
	edges     []edge
	extra     map[int32]edgeExtra
	origins   []string
	originIdx map[string]uint32
	notes     []Note
	noteTotal int
	failed    int // loads that reported errors
	// statements are what the data states of a party's ownership
	// without a stake (a UK PSC statement), in the order read.
	statements []statement
	// changes counts the changes that a Resolution of the graph does not
	// hold: a party or edge added, a merge that changed a party's names,
	// country, kind or list ids, a load that reported errors. Atomic, as
	// Evaluate of a Resolution compares it while the Graph may be changed
	// by another goroutine (see Graph).
	changes atomic.Uint64
	// countries holds, for a party whose records give different
	// countries, the ones other than its Country, in the order read.
	countries map[int32][]string
	keyBuf    []byte // scratch for name keys
	// shared reports that a snapshot (a Resolution's view) shares the
	// parties, their keys, the edges' extras and the countries: own copies
	// them before they are next changed. Atomic, as Resolve, which sets
	// it, may run in many goroutines at once.
	shared atomic.Bool
}

// snapshot returns a view of g as it is now, for a Resolution and its
// Reports: a Graph that shares g's structures, which g copies before it
// next changes them in place (see own), while what g appends lies beyond
// the view's lengths. So the view never changes, whatever is read into g
// later, and costs nothing until then.
func (g *Graph) snapshot() *Graph {
	g.shared.Store(true)
	return &Graph{
		parties:    slices.Clip(g.parties),
		byKey:      g.byKey,
		edges:      slices.Clip(g.edges),
		extra:      g.extra,
		origins:    slices.Clip(g.origins),
		notes:      slices.Clip(g.notes),
		statements: slices.Clip(g.statements),
		noteTotal:  g.noteTotal,
		failed:     g.failed,
		countries:  g.countries,
		// no originIdx or keyBuf: a view is never added to
	}
}

// own gives g its own copies of the structures a snapshot shares, before
// g changes them in place: once after each Resolve that is followed by
// changes, a copy of the parties and of their keys.
func (g *Graph) own() {
	if !g.shared.Load() {
		return
	}
	g.shared.Store(false)
	g.parties = slices.Clone(g.parties)
	g.byKey = maps.Clone(g.byKey)
	g.extra = maps.Clone(g.extra)
	if g.countries != nil {
		c := make(map[int32][]string, len(g.countries))
		for k, v := range g.countries {
			c[k] = slices.Clone(v)
		}
		g.countries = c
	}
}

// NewGraph returns an empty graph.
func NewGraph() *Graph {
	return &Graph{
		byKey:     make(map[string]int32),
		extra:     make(map[int32]edgeExtra),
		originIdx: make(map[string]uint32),
	}
}

// NumParties returns the number of parties.
func (g *Graph) NumParties() int { return len(g.parties) }

// NumEdges returns the number of edges.
func (g *Graph) NumEdges() int { return len(g.edges) }

// Incomplete reports whether a reader returned an error for an input read
// into the graph: some records were left out, and Evaluate refuses the graph.
func (g *Graph) Incomplete() bool { return g.failed > 0 }

// Notes returns what the readers noticed and accepted (at most MaxNotes, in
// input order) and how many there were in all.
func (g *Graph) Notes() ([]Note, int) { return slices.Clone(g.notes), g.noteTotal }

func (g *Graph) note(rec Record, format string, args ...any) {
	g.noteTotal++
	if len(g.notes) < MaxNotes {
		g.notes = append(g.notes, Note{Record: rec, Message: fmt.Sprintf(format, args...)})
	}
}

// Party returns the party with the given ID (for a party named only by
// name, its name in any case and spacing).
func (g *Graph) Party(id string) (Party, bool) {
	i, ok := g.lookup(id)
	if !ok {
		return Party{}, false
	}
	return g.partyCopy(i), true
}

func (g *Graph) partyCopy(i int32) Party {
	p := g.parties[i]
	p.AltNames = slices.Clone(p.AltNames)
	p.ListRefs = slices.Clone(p.ListRefs)
	return p
}

func (g *Graph) lookup(id string) (int32, bool) {
	if i, ok := g.byKey[id]; ok {
		return i, true
	}
	i, ok := g.byKey[nameKey(id)]
	return i, ok
}

// Parties iterates over the parties in the order they were first read.
func (g *Graph) Parties() iter.Seq[Party] {
	return func(yield func(Party) bool) {
		for i := range g.parties {
			if !yield(g.partyCopy(int32(i))) {
				return
			}
		}
	}
}

// Edges iterates over the edges in the order they were read.
func (g *Graph) Edges() iter.Seq[Edge] {
	return func(yield func(Edge) bool) {
		for i := range g.edges {
			if !yield(g.edgeAt(int32(i))) {
				return
			}
		}
	}
}

func (g *Graph) edgeAt(i int32) Edge {
	e := &g.edges[i]
	x := g.extra[i]
	return Edge{
		Owner: g.parties[e.owner].ID,
		Owned: g.parties[e.owned].ID,
		Kind:  e.kind,
		Share: Share{Low: fromUnits(int64(e.low)), High: fromUnits(int64(e.high))},
		Start: dateOf(e.start),
		End:   dateOf(e.end),
		AsOf:  dateOf(e.asOf),
		Note:  x.note,
		Record: Record{
			Origin: g.origins[e.origin],
			Line:   int(e.line),
			ID:     x.recordID,
		},
	}
}

// nameKey is the lookup key of a party named only by name: its words,
// lower case, one space apart, after a NUL byte that no ID starts with.
func nameKey(name string) string {
	return string(appendNameKey(nil, name))
}

// appendNameKey appends the key of name to b.
func appendNameKey(b []byte, name string) []byte {
	b = append(b, 0)
	if isCleanASCII(name) {
		for i := 0; i < len(name); i++ {
			c := name[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		}
		return b
	}
	return append(b, strings.ToLower(strings.Join(strings.Fields(name), " "))...)
}

// isCleanASCII reports whether s is ASCII with its words one space apart and
// no space at either end: already in the form cleanName gives.
func isCleanASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80, c < ' ', c == 0x7f:
			return false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' '):
			return false
		}
	}
	return true
}

// cleanName returns name with its words one space apart.
func cleanName(name string) string {
	if isCleanASCII(name) {
		return name
	}
	return strings.Join(strings.Fields(name), " ")
}

// AddParty adds p, or merges it into the party with the same ID (for a
// party named only by name, its name): a name the party lacks is set
// (another name is added to its alternate names), as are an unknown country
// and kind; list references and alternate names are added. A country other
// than the one the party has is not dropped: the party keeps the first as
// its Country, the graph notes the conflict (Graph.Notes), and Evaluate
// reports both countries (IssueCountry) and, under a rule for foreign
// entities only, finds a party given both a domestic and a foreign country
// at most Possibly, as one of unknown country. A party with no
// ID is keyed by its name, unless a party has that name as its ID, into
// which it is merged. Its country is read as screening.ParseCountry reads
// one ("us", "Germany" and "DE" are codes). It returns the ID of the party,
// and an error wrapping ErrEmptyParty when p has neither, ErrBadCountry
// when its country names none.
func (g *Graph) AddParty(p Party) (string, error) {
	if p.Country != "" {
		cc, err := screening.ParseCountry(p.Country)
		if err != nil {
			return "", fmt.Errorf("%w: %w", ErrBadCountry, err)
		}
		p.Country = cc
	}
	i, err := g.addParty(p)
	if err != nil {
		return "", err
	}
	return g.parties[i].ID, nil
}

func (g *Graph) addParty(p Party) (int32, error) {
	p.ID = strings.TrimSpace(p.ID)
	p.Name = cleanName(p.Name)
	var (
		i       int32
		ok      bool
		byName  bool
		nothing = len(p.AltNames) == 0 && len(p.ListRefs) == 0 && p.Kind == entitylist.TypeUnknown
	)
	switch {
	case p.ID != "":
		if i, ok = g.byKey[p.ID]; !ok {
			// A party named only by name has its name as ID: two
			// parties must not share an ID.
			g.keyBuf = appendNameKey(g.keyBuf[:0], p.ID)
			i, ok = g.byKey[string(g.keyBuf)]
			ok = ok && g.parties[i].ID == p.ID
		}
	case p.Name != "":
		g.keyBuf = appendNameKey(g.keyBuf[:0], p.Name)
		i, ok = g.byKey[string(g.keyBuf)] // no allocation for the lookup
		byName = true
		if !ok {
			// A party added by an ID that is this name (AddEdge creates
			// one with only an ID), as Party and Outcome find it: the
			// name, in any spelling, is now its key too.
			if i, ok = g.byKey[p.Name]; ok {
				byName = false
				g.own()
				g.byKey[string(g.keyBuf)] = i
			}
		}
	default:
		return 0, ErrEmptyParty
	}
	if ok && p.Country != "" && g.parties[i].Country != "" && p.Country != g.parties[i].Country {
		g.conflictingCountry(i, p)
	}
	if ok && nothing && (byName || p.Name == "") && (p.Country == "" || g.parties[i].Country != "") {
		return i, nil // nothing to add: the common case of a party seen before
	}
	g.own() // what follows changes the parties or their keys
	if !ok {
		// The strings may share the memory of a whole input line: copy
		// them, so that the party does not keep the line alive.
		p.Name = strings.Clone(p.Name)
		var key string
		if p.ID == "" {
			key, p.ID = string(g.keyBuf), p.Name
		} else {
			p.ID = strings.Clone(p.ID)
			key = p.ID
		}
		i = int32(len(g.parties))
		g.byKey[key] = i
		p.AltNames = dedupNames(p.Name, p.AltNames, nil)
		g.parties = append(g.parties, p)
		g.changes.Add(1)
		return i, nil
	}
	q := &g.parties[i]
	name, country, kind, alts, refs := q.Name, q.Country, q.Kind, len(q.AltNames), len(q.ListRefs)
	switch {
	case q.Name == "":
		q.Name = p.Name
	case !byName && p.Name != "" && p.Name != q.Name && !strings.EqualFold(p.Name, q.Name):
		p.AltNames = append([]string{p.Name}, p.AltNames...)
	}
	if len(p.AltNames) > 0 {
		q.AltNames = dedupNames(q.Name, q.AltNames, p.AltNames)
	}
	if q.Country == "" {
		q.Country = p.Country
	}
	if q.Kind == entitylist.TypeUnknown {
		q.Kind = p.Kind
	}
	for _, r := range p.ListRefs {
		if !slices.Contains(q.ListRefs, r) {
			q.ListRefs = append(q.ListRefs, r)
		}
	}
	if q.Record == (Record{}) {
		q.Record = p.Record
	}
	if q.Name != name || q.Country != country || q.Kind != kind || len(q.AltNames) != alts || len(q.ListRefs) != refs {
		g.changes.Add(1)
	}
	return i, nil
}

// conflictingCountry records that p gives party i a country other than the
// one it has, and notes it: the first country read stays the party's
// Country, and Evaluate reports both (IssueCountry), treating the party as
// of unknown country under a foreign-only rule when one is domestic and the
// other not.
func (g *Graph) conflictingCountry(i int32, p Party) {
	g.own()
	q := &g.parties[i]
	if g.countries == nil {
		g.countries = map[int32][]string{}
	}
	if !slices.Contains(g.countries[i], p.Country) {
		g.countries[i] = append(g.countries[i], p.Country)
		g.changes.Add(1) // an evaluation must see the conflict: resolve again
	}
	// q.Record is where the party was first read, not necessarily where
	// its country was: it is not cited.
	g.note(p.Record, "party %s: country %s conflicts with %s read before: %s kept, both reported", q.ID, p.Country, q.Country, q.Country)
}

// dedupNames returns have followed by add, without empty names, the primary
// name, or repeats (compared case-insensitively).
func dedupNames(primary string, have, add []string) []string {
	if len(have)+len(add) == 0 {
		return nil
	}
	out := have[:0:0]
	seen := map[string]bool{strings.ToLower(primary): true}
	for _, n := range slices.Concat(have, add) {
		n = strings.Join(strings.Fields(n), " ")
		k := strings.ToLower(n)
		if n == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, n)
	}
	return out
}

// AddEdge adds e. Its owner and owned party are looked up by ID (for a
// party named only by name, by name) and created, with only an ID, if the
// graph does not hold them. The share must be valid and End, if set, after
// Start. An edge from a party to itself is accepted: it is a cycle, reported
// by Evaluate.
func (g *Graph) AddEdge(e Edge) error {
	if !e.Share.Valid() {
		return fmt.Errorf("ownership: %w: %v is not within 0-100%% with low <= high", ErrBadShare, e.Share)
	}
	if e.Kind > Control {
		return fmt.Errorf("ownership: %w: %d", ErrBadKind, e.Kind)
	}
	start, end := dayOf(e.Start), dayOf(e.End)
	if start != noDate && end != noDate && end <= start {
		return fmt.Errorf("ownership: %w: end %s is not after start %s", ErrBadDate, e.End.Format(time.DateOnly), e.Start.Format(time.DateOnly))
	}
	o, err := g.partyByRef(e.Owner)
	if err != nil {
		return fmt.Errorf("ownership: owner: %w", err)
	}
	d, err := g.partyByRef(e.Owned)
	if err != nil {
		return fmt.Errorf("ownership: owned: %w", err)
	}
	g.addEdge(edge{
		owner: o, owned: d,
		low: lowUnits(e.Share.Low), high: highUnits(e.Share.High),
		start: start, end: end, asOf: dayOf(e.AsOf),
		line: int32(min(e.Record.Line, math.MaxInt32)), origin: g.origin(e.Record.Origin),
		kind: e.Kind,
	}, e.Note, e.Record.ID)
	return nil
}

func (g *Graph) partyByRef(ref string) (int32, error) {
	if i, ok := g.lookup(ref); ok {
		return i, nil
	}
	if strings.TrimSpace(ref) == "" {
		return 0, ErrEmptyParty
	}
	return g.addParty(Party{ID: ref})
}

func (g *Graph) addEdge(e edge, note, recordID string) {
	i := int32(len(g.edges))
	g.edges = append(g.edges, e)
	g.changes.Add(1)
	if note != "" || recordID != "" {
		g.own()
		g.extra[i] = edgeExtra{note: note, recordID: recordID}
	}
}

func (g *Graph) origin(s string) uint32 {
	if i, ok := g.originIdx[s]; ok {
		return i
	}
	i := uint32(len(g.origins))
	g.origins = append(g.origins, s)
	g.originIdx[s] = i
	return i
}

// dayOf returns the days from 1970-01-01 to t's date as written, in t's own
// location (midnight of 2024-06-24 in Berlin is 2024-06-24, though still
// 2024-06-23 in UTC), or noDate for the zero time. Every date of the
// package is read so: a date is a calendar date, never an instant.
func dayOf(t time.Time) int32 {
	if t.IsZero() {
		return noDate
	}
	y, m, dd := t.Date()
	d := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC).Unix() / 86400
	return int32(max(min(d, math.MaxInt32), math.MinInt32+1))
}

// dateOf is the inverse of dayOf.
func dateOf(d int32) time.Time {
	if d == noDate {
		return time.Time{}
	}
	return time.Unix(int64(d)*86400, 0).UTC()
}

// errNoDate is returned by parseDate for an empty string.
var errNoDate = errors.New("no date")

// parseDate reads a YYYY-MM-DD date, or with a time part as ISO 8601 writes
// it ("2018-06-15T00:00:00.000Z"), or YYYY-MM or YYYY (FollowTheMoney's
// partial dates, read as their first day; with end set, as the first day
// after them). A date-time is read as the date it writes, whatever its time
// and offset: "2018-06-15T00:00:00+02:00", a day that begins in Frankfurt, is
// 2018-06-15, not the 2018-06-14 it is in UTC.
func parseDate(s string, end bool) (int32, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return noDate, errNoDate
	}
	if len(t) > 10 && t[10] == 'T' {
		t = t[:10] // the time part, and its offset, do not change the date
	}
	for _, f := range [...]struct {
		layout     string
		years, mon int
	}{{time.DateOnly, 0, 0}, {"2006-01", 0, 1}, {"2006", 1, 0}} {
		if len(t) != len(f.layout) {
			continue
		}
		tm, err := time.Parse(f.layout, t)
		if err != nil {
			continue
		}
		if end {
			tm = tm.AddDate(f.years, f.mon, 0)
		}
		return dayOf(tm), nil
	}
	return noDate, fmt.Errorf("%w: want YYYY-MM-DD", ErrBadDate)
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
