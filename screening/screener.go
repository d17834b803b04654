package screening

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/entityscreen/entityscreen/entitylist"
)

// DefaultThreshold is the score at or above which a match is an alert. It was
// chosen on a labelled evaluation set of 3,303 vendor-style name variants and
// names of real non-listed companies against the full 2022 Consolidated
// Screening List, as the lowest threshold (so the highest recall) whose
// false-alarm rate is at most half the 1% target, leaving room for the
// sampling error of a few hundred negatives: at 0.72, recall 0.996 and
// false-alarm rate 0.004. A missed hit is the costlier error, so ties go to
// the lower threshold. See the README's "How matching works".
const DefaultThreshold = 0.72

// DefaultLimit is the number of matches Screen returns at most per query.
const DefaultLimit = 5

type options struct {
	threshold   float64
	minScore    float64
	minScoreSet bool // false: minScore is the threshold
	limit       int
}

// Option configures a Screener. Options are validated by New.
type Option func(*options)

// WithThreshold sets the score at or above which a match is an alert, in
// (0, 1]. The default is DefaultThreshold.
func WithThreshold(t float64) Option { return func(o *options) { o.threshold = t } }

// WithMinScore makes Screen also report candidates scoring at least f but
// below the threshold, with Alert false: near misses, for analysts. f must
// be in [0, 1]; the default is the threshold.
func WithMinScore(f float64) Option {
	return func(o *options) { o.minScore, o.minScoreSet = f, true }
}

// WithLimit sets how many matches Screen returns at most per query, n >= 1.
// The default is DefaultLimit.
func WithLimit(n int) Option { return func(o *options) { o.limit = n } }

// newOptions applies opts to the defaults and validates the result: the
// one place the rules of the options are.
func newOptions(opts []Option) (options, error) {
	o := options{threshold: DefaultThreshold, limit: DefaultLimit}
	for _, opt := range opts {
		opt(&o)
	}
	if !(o.threshold > 0 && o.threshold <= 1) {
		return o, fmt.Errorf("screening: threshold %v is not in (0, 1]", o.threshold)
	}
	if !o.minScoreSet {
		o.minScore = o.threshold
	}
	if !(o.minScore >= 0 && o.minScore <= 1) {
		return o, fmt.Errorf("screening: minimum score %v is not in [0, 1]", o.minScore)
	}
	o.minScore = min(o.minScore, o.threshold)
	if o.limit < 1 {
		return o, fmt.Errorf("screening: limit %d is less than 1", o.limit)
	}
	return o, nil
}

// CheckOptions returns the error New would return for opts, without a
// list: a program can check its settings before it loads one.
func CheckOptions(opts ...Option) error {
	_, err := newOptions(opts)
	return err
}

// A Screener screens names against one list. It is immutable after New and
// safe for concurrent use by multiple goroutines. The zero Screener holds no
// list: its Screen returns ErrNoScreener and ScreenAll that error for every
// query; build one with New.
type Screener struct {
	list    *entitylist.List
	version entitylist.Version
	opts    options
	ix      *index
	facts   []entryFacts  // per entry, what besides names a query is checked against
	scratch chan *scratch // idle working memory of queries, see getScratch
}

// New builds a Screener for list: it normalizes every name of every entry
// once and indexes them. Names that cannot be normalized (nothing but a
// legal form, say) are reported by Skipped, never dropped silently.
func New(list *entitylist.List, opts ...Option) (*Screener, error) {
	if list == nil {
		return nil, errors.New("screening: nil list")
	}
	o, err := newOptions(opts)
	if err != nil {
		return nil, err
	}
	s := &Screener{list: list, version: list.Version(), opts: o, ix: buildIndex(list)}
	if list.Len() > 0 && len(s.ix.names) == 0 {
		return nil, errNoNames
	}
	s.facts = make([]entryFacts, list.Len())
	cities := map[string][]string{} // a city's words, by its name: lists name few cities many times
	for i, e := range list.All() {
		s.facts[i] = factsOf(e, cities)
	}
	s.scratch = make(chan *scratch, 2*runtime.GOMAXPROCS(0))
	return s, nil
}

// getScratch returns idle working memory for one query. Idle memory is kept
// in a small free list rather than a sync.Pool, which empties at every
// garbage collection: for a large list the memory is megabytes, and
// allocating it per query would cost more than the query.
func (s *Screener) getScratch() *scratch {
	select {
	case sc := <-s.scratch:
		return sc
	default:
		return newScratch(s.ix)
	}
}

func (s *Screener) putScratch(sc *scratch) {
	select {
	case s.scratch <- sc:
	default: // enough idle memory already
	}
}

// List returns the list the Screener screens against.
func (s *Screener) List() *entitylist.List { return s.list }

// Threshold returns the alert threshold.
func (s *Screener) Threshold() float64 { return s.opts.threshold }

// Skipped returns the list names that could not be indexed, with why: a
// copy, which the caller may modify.
func (s *Screener) Skipped() []SkippedName {
	if s.ix == nil {
		return nil
	}
	return slices.Clone(s.ix.skipped)
}

// ErrNoScreener is returned by the zero Screener, which holds no list.
var ErrNoScreener = errors.New("screening: the zero Screener holds no list; build one with New")

// Match is a list entry a query may be. It marshals to JSON with
// snake_case names, the entry, the list version and the explanation
// included: a record of the decision fit for an audit log, which
// encoding/json reads back.
type Match struct {
	// Entry is the list entry; it points into the Screener's list and must
	// not be modified.
	Entry *entitylist.Entry `json:"entry"`
	// MatchedName is the entry's name or alternate name that scored best.
	MatchedName string `json:"matched_name"`
	// Score is in [0, 1]; 1 is the same name.
	Score float64 `json:"score"`
	// Alert reports whether Score is at or above the screener's threshold.
	Alert bool `json:"alert"`
	// Version is the version of the list the match was made against.
	Version entitylist.Version `json:"version"`
	// Explanation says how the score came about.
	Explanation Explanation `json:"explanation"`
	// Also holds the other rows of the same party that score at least the
	// minimum score, in the order of their scores: rows of the lists that
	// share the entry's entity number (OFAC's lists give one party one
	// number, so a party listed under SDN, SSI and NS-MBS is one match).
	// They point into the Screener's list and must not be modified.
	Also []*entitylist.Entry `json:"also,omitempty"`
}

// String renders the match on one line for people.
func (m Match) String() string {
	return fmt.Sprintf("%.4f %s %s %q (matched %q)", m.Score, m.Entry.Source, m.Entry.ID, m.Entry.Name, m.MatchedName)
}

// Screen returns the entries q may be, best first, at most the limit: those
// scoring at least the minimum score (by default the threshold), the rows
// of one party grouped into one match (see Match.Also). Equal scores are
// ordered by the rules of the package documentation, the last of them the
// entries' order in the list, so the result is deterministic. ScreenAll
// also says how many more matches the limit left out (Result.More).
// It returns ErrEmptyName, ErrInvalidUTF8, ErrTooLong, ErrInvalidCountry or
// ErrInvalidKind (wrapped, for errors.Is) for a query that cannot be
// screened; an Address that is invalid UTF-8 or too long is an error too.
func (s *Screener) Screen(q Query) ([]Match, error) {
	matches, _, err := s.screen(q)
	return matches, err
}

// screen is Screen, and also returns how many matches the limit left out.
func (s *Screener) screen(q Query) ([]Match, int, error) {
	if s.ix == nil {
		return nil, 0, ErrNoScreener
	}
	p, err := s.ix.prepare(q)
	if err != nil {
		return nil, 0, fmt.Errorf("screening: %w", err)
	}
	sc := s.getScratch()
	defer s.putScratch(sc)

	found := sc.found[:0]
	for _, nid := range s.ix.candidates(p, sc, s.opts.minScore, s.opts.threshold) {
		for vi := range p.variants {
			score := s.scoreName(p, vi, nid, sc, nil)
			if score >= s.opts.minScore {
				found = append(found, s.candidate(&p.variants[vi], vi, nid, score))
			}
		}
	}
	s.order(p, found)
	// Each entry by its best name, each party by its best entry.
	kept := found[:0]
	var also [][2]int // (index in kept of a party's best entry, entry of the party)
	for _, c := range found {
		if slices.ContainsFunc(kept, func(b candidate) bool { return b.entry == c.entry }) ||
			slices.ContainsFunc(also, func(a [2]int) bool { return a[1] == int(c.entry) }) {
			continue
		}
		if g := s.partyOf(kept, c.entry); g >= 0 {
			also = append(also, [2]int{g, int(c.entry)})
			continue
		}
		kept = append(kept, c)
	}
	sc.found = found
	more := max(0, len(kept)-s.opts.limit)
	found = kept[:min(len(kept), s.opts.limit)]
	matches := make([]Match, len(found))
	for _, a := range also {
		if a[0] < len(matches) {
			matches[a[0]].Also = append(matches[a[0]].Also, s.list.Entry(a[1]))
		}
	}
	for i, b := range found {
		m := &matches[i]
		nm := &s.ix.names[b.name]
		m.Entry = s.list.Entry(int(b.entry))
		m.MatchedName = nameOf(m.Entry, nm.name)
		m.Score = b.score
		m.Alert = m.Score >= s.opts.threshold
		m.Version = s.version
		s.scoreName(p, b.variant, b.name, sc, &m.Explanation)
	}
	return matches, more, nil
}

// partyOf returns the index in kept of a candidate of the same party as
// entry e, or -1: an entry with the same entity number.
func (s *Screener) partyOf(kept []candidate, e int32) int {
	num := s.list.Entry(int(e)).EntityNumber
	if num == "" {
		return -1
	}
	return slices.IndexFunc(kept, func(c candidate) bool { return s.list.Entry(int(c.entry)).EntityNumber == num })
}

// Result is the outcome of screening one query of a batch. It marshals to
// JSON with snake_case names and the error as its text ("error"); read
// back, the error is an error with that text, no longer a sentinel.
type Result struct {
	Query   Query   `json:"query"`
	Matches []Match `json:"matches"`
	// More is the number of further matches scoring at least the minimum
	// score that the limit left out.
	More int   `json:"more,omitempty"`
	Err  error `json:"-"`
}

// resultJSON is a Result as JSON.
type resultJSON struct {
	Query   Query   `json:"query"`
	Matches []Match `json:"matches"`
	More    int     `json:"more,omitempty"`
	Error   string  `json:"error,omitempty"`
}

// MarshalJSON writes r with its error as text.
func (r Result) MarshalJSON() ([]byte, error) {
	j := resultJSON{Query: r.Query, Matches: r.Matches, More: r.More}
	if r.Err != nil {
		j.Error = r.Err.Error()
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads a Result written by MarshalJSON.
func (r *Result) UnmarshalJSON(b []byte) error {
	var j resultJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*r = Result{Query: j.Query, Matches: j.Matches, More: j.More}
	if j.Error != "" {
		r.Err = errors.New(j.Error)
	}
	return nil
}

// ScreenAll screens qs on workers goroutines (all CPUs when workers <= 0)
// and returns one Result per query, in input order. When ctx is cancelled
// the queries not yet screened get ctx's error.
func (s *Screener) ScreenAll(ctx context.Context, qs []Query, workers int) []Result {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, max(len(qs), 1))
	out := make([]Result, len(qs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				out[i].Query = qs[i]
				if err := ctx.Err(); err != nil {
					out[i].Err = err
					continue
				}
				out[i].Matches, out[i].More, out[i].Err = s.screen(qs[i])
			}
		})
	}
	for i := range qs {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// candidate is a scored list name, with what orders names of equal score.
type candidate struct {
	score   float64
	form    int8    // agreement of legal forms, see formAgreement
	written float64 // how alike the query and the name are written (writtenAlike), set by order for ties
	alias   bool    // an alternate name, not the entry's primary name
	part    bool    // a part of a name, not a whole name
	entry   int32
	name    int32 // indexed name
	variant int   // query variant
}

func (s *Screener) candidate(qv *qvariant, vi int, nid int32, score float64) candidate {
	nm := &s.ix.names[nid]
	return candidate{
		score: score, entry: nm.entry, name: nid, variant: vi,
		form:  s.ix.formAgreement(qv, nm),
		alias: nm.name > 0, part: nm.part,
	}
}

// order sorts cs best first (see before). How alike the names are written
// to the query is worked out only for candidates that tie without it.
func (s *Screener) order(p *prepared, cs []candidate) {
	cmpc := func(a, b candidate) int {
		if a.before(&b) {
			return -1
		}
		if b.before(&a) {
			return 1
		}
		return 0
	}
	slices.SortFunc(cs, cmpc)
	for i := 0; i < len(cs); {
		j := i + 1
		for j < len(cs) && cs[j].cmpUpToWriting(&cs[i]) == 0 {
			j++
		}
		if j-i > 1 {
			for k := i; k < j; k++ {
				c := &cs[k]
				c.written = writtenAlike(p.variants[c.variant].name.Display, s.ix.names[c.name].display)
			}
			slices.SortFunc(cs[i:j], cmpc)
		}
		i = j
	}
}

// cmpUpToWriting compares c and d by the rules of before that come ahead
// of how they are written: negative when c goes first, 0 when they tie.
func (c *candidate) cmpUpToWriting(d *candidate) int {
	switch {
	case c.score != d.score:
		return cmp.Compare(d.score, c.score)
	case c.form != d.form:
		return cmp.Compare(d.form, c.form)
	case (c.variant == 0) != (d.variant == 0):
		if c.variant == 0 {
			return -1
		}
		return 1
	}
	return 0
}

// before orders candidates best first: by score; among equal scores, by
// agreement of legal forms, then matches of the query's whole name before
// matches of its parts, names written more like the query first ("Acme
// Trading Corp" before "ACME TRADING CORPORATION" for "Acme Trading
// Corp."), primary names before aliases and whole names before their parts,
// then by list order.
func (c *candidate) before(d *candidate) bool {
	if r := c.cmpUpToWriting(d); r != 0 {
		return r < 0
	}
	switch {
	case c.written != d.written:
		return c.written > d.written
	case c.alias != d.alias:
		return !c.alias
	case c.part != d.part:
		return !c.part
	case c.entry != d.entry:
		return c.entry < d.entry
	}
	return c.name < d.name
}
