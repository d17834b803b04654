package screening

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync/atomic"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening/internal/normalize"
)

// A Screener screens names against one list. It is immutable after New and
// safe for concurrent use by multiple goroutines. The zero Screener holds no
// list: its Screen returns ErrNoScreener and ScreenAll that error for every
// query; build one with New.
type Screener struct {
	list    *entitylist.List
	version entitylist.Version
	opts    options
	ix      *index
	facts   []atomic.Pointer[entryFacts] // per entry, what besides names a query is checked against, once worked out (see factsFor)
	entries entryKeys                    // the entries by key across list versions
	names   []int32                      // names[e]..names[e+1]: the indexed names of entry e
	scratch chan *scratch                // idle working memory of queries, see getScratch
}

// New builds a Screener for list: it normalizes every name of every entry
// once and indexes them. Names that cannot be normalized (nothing but a
// legal form, say) are reported by Skipped, never dropped silently. A list
// of more than 65,536 sources (entitylist.Source) is refused, with an
// error naming the first entry past them, and so is a list of more than
// 16,777,216 (2^24) distinct words, with an error naming their number.
func New(list *entitylist.List, opts ...Option) (*Screener, error) {
	if list == nil {
		return nil, errors.New("screening: nil list")
	}
	o, err := defaults.with(opts)
	if err != nil {
		return nil, err
	}
	entries, err := newEntryKeys(list)
	if err != nil {
		return nil, err
	}
	ix, err := buildIndex(list)
	if err != nil {
		return nil, err
	}
	return assemble(list, o, ix, entries)
}

// assemble returns the Screener with options o for list, indexed by ix,
// its entries by key.
func assemble(list *entitylist.List, o options, ix *index, entries entryKeys) (*Screener, error) {
	s := &Screener{list: list, version: list.Version(), opts: o, ix: ix, entries: entries}
	s.version.Unscreened = s.ix.unscreened
	s.names = make([]int32, list.Len()+1)
	for i := range s.ix.names {
		s.names[s.ix.names[i].entry+1] = int32(i + 1) // names are indexed in entry order
	}
	for e := 1; e < len(s.names); e++ {
		s.names[e] = max(s.names[e], s.names[e-1]) // an entry with no indexed name
	}
	if list.Len() > 0 && len(s.ix.names) == 0 {
		return nil, errNoNames
	}
	s.resolveEntries(&s.opts)
	s.facts = make([]atomic.Pointer[entryFacts], list.Len())
	s.scratch = make(chan *scratch, 2*runtime.GOMAXPROCS(0))
	givenNames() // the table of given names, built now rather than by the first query that meets a person
	return s, nil
}

// factsFor returns the facts of entry e, which x is decoded if not nil.
// They are worked out the first time a query needs them, the entry being a
// candidate, and kept: most entries of a large list are never one, and a
// Screener starts sooner without them. Two queries may work them out at
// once; they are the same.
func (s *Screener) factsFor(e int32, x *entitylist.Entry) *entryFacts {
	if f := s.facts[e].Load(); f != nil {
		return f
	}
	if x == nil {
		x = s.list.Entry(int(e))
	}
	f := factsOf(x)
	if s.facts[e].CompareAndSwap(nil, f) {
		return f
	}
	return s.facts[e].Load()
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

// ownVersion returns the version of the list as a result or a match
// reports it: the caller's own copy (see entitylist.List.Version), whose
// counts by source and parts it may change without changing the
// Screener's or another result's.
func (s *Screener) ownVersion() entitylist.Version {
	v := s.list.Version()
	v.Unscreened = s.version.Unscreened
	return v
}

// List returns the list the Screener screens against.
func (s *Screener) List() *entitylist.List { return s.list }

// Threshold returns the alert threshold.
func (s *Screener) Threshold() float64 { return s.opts.threshold }

// WeakAliases reports whether s screens the aliases the list calls weak
// by default (see WithWeakAliases).
func (s *Screener) WeakAliases() bool { return s.opts.weak }

// Sources returns the sources whose entries s screens by default (see
// WithSources), as given; none means every source.
func (s *Screener) Sources() []entitylist.Source { return slices.Clone(s.opts.sources) }

// Types returns the entity types s screens by default (see WithTypes), as
// given; none means every type.
func (s *Screener) Types() []entitylist.EntityType { return slices.Clone(s.opts.types) }

// WeakAliasNames returns the number of the list's names that are aliases
// it calls weak (or that the entry of their party in a list merged with
// theirs calls so, see WithWeakAliases) and that no other name of their
// entry spells as they are: the names WithWeakAliases(false) leaves
// unscreened; 0 for the zero Screener.
func (s *Screener) WeakAliasNames() int {
	if s.ix == nil {
		return 0
	}
	n, last := 0, [2]int32{-1, -1}
	for i := range s.ix.names {
		nm := &s.ix.names[i]
		if k := [2]int32{nm.entry, nm.name}; nm.is(nameWeak) && k != last {
			n, last = n+1, k
		}
	}
	return n
}

// Skipped returns the list names that could not be indexed, with why: a
// copy, which the caller may modify.
func (s *Screener) Skipped() []SkippedName {
	if s.ix == nil {
		return nil
	}
	out := slices.Clone(s.ix.skipped)
	for i := range out {
		out[i].Entry = s.list.Entry(int(out[i].entry)) // the caller's own, as the doc says
	}
	return out
}

// ErrNoScreener is returned by the zero Screener, which holds no list.
var ErrNoScreener = errors.New("screening: the zero Screener holds no list; build one with New")

// Screen screens q and returns its Result: the entries q may be, best
// first, at most the limit, those scoring at least the minimum score (by
// default the threshold), the rows of one party grouped into one match
// (see Match.Also), and how many more the limit left out. Equal scores are
// ordered by the rules of the package documentation, the last of them the
// entries' order in the list, so the result is deterministic. opts apply
// to this call only, on top of the Screener's.
//
// The error, also in Result.Err, is ErrEmptyName, ErrInvalidUTF8,
// ErrTooLong, ErrInvalidCountry or ErrInvalidKind (wrapped, for
// errors.Is) for a query that cannot be screened (an Address that is
// invalid UTF-8 or too long is an error too), an invalid option, ctx's
// error when it is done, or ErrNoScreener.
func (s *Screener) Screen(ctx context.Context, q Query, opts ...Option) (Result, error) {
	if s.ix == nil {
		return Result{Query: q, Err: ErrNoScreener}, ErrNoScreener
	}
	o, err := s.callOptions(opts)
	if err != nil {
		return Result{Query: q, Err: err}, err
	}
	r := s.screen(ctx, q, &o)
	return r, r.Err
}

// callOptions returns the Screener's options with opts applied.
func (s *Screener) callOptions(opts []Option) (options, error) {
	if len(opts) == 0 {
		return s.opts, nil
	}
	o, err := s.opts.with(opts)
	if err != nil {
		return o, err
	}
	s.resolveEntries(&o)
	return o, nil
}

// resolveEntries sets o.only to the names of the entries of WithEntries,
// once per call rather than per query: finding an entry by its key decodes
// it.
func (s *Screener) resolveEntries(o *options) {
	if o.entries == nil {
		o.only = nil
		return
	}
	o.only = make([]int32, 0, 2*len(o.entries))
	for k := range o.entries {
		if e, ok := s.entries.find(k); ok {
			for n := s.names[e]; n < s.names[e+1]; n++ {
				o.only = append(o.only, n)
			}
		}
	}
}

// screen screens q with options o.
func (s *Screener) screen(ctx context.Context, q Query, o *options) Result {
	r := Result{Query: q}
	if err := ctx.Err(); err != nil {
		r.Err = err
		return r
	}
	sc := s.getScratch()
	defer s.putScratch(sc)
	p := &sc.query
	if err := s.ix.prepare(q, p); err != nil {
		r.Err = fmt.Errorf("screening: %w", err)
		return r
	}
	r.Version, r.Threshold, r.WeakAliases = s.ownVersion(), o.threshold, o.weak

	floor := o.floor()
	found := sc.found[:0]
	// An entry is reported by its best name (see below): a name that
	// cannot reach the best score of its entry's names found before it is
	// left out as one below the minimum, unscored if its bound tells (see
	// scoreName). The scores of an entry's names found are so in
	// ascending order; those a better one found later passes are left out
	// before report orders them, which would pass over them anyway, only
	// later. Whatever order the candidates come in, the matches are then
	// each entry's names that score its best, which candidate.compare
	// orders totally.
	passed := false // some name found passes another of its entry
	// Without sources or types to screen, every entry is screened: the
	// entries of the candidates, far apart in a large list, are not read.
	filtered := len(o.sources) > 0 || len(o.types) > 0
	cands := s.ix.candidates(p, sc, floor, o.threshold, o.only)
	sc.readSum = s.ix.readAhead(cands, sc)
	for _, nid := range cands {
		e := s.ix.names[nid].entry
		if inf := &s.entries.info[e]; filtered && !o.screens(s.entries.sources[inf.source], inf.typ) {
			continue
		}
		if s.ix.names[nid].is(nameWeak) && !o.weak {
			continue
		}
		for vi := range p.variants {
			least, seen := floor, sc.entries.has(e)
			if seen {
				least = bestOf(found, e) // no less than floor
			}
			if score, ok := s.scoreName(p, vi, nid, sc, least, nil); ok && score >= least {
				found = append(found, s.candidate(&p.variants[vi], vi, nid, score))
				sc.entries.add(e)
				passed = passed || seen && score > least
			}
		}
	}
	if passed {
		kept := found[:0]
		for i, c := range found {
			if c.score == bestOf(found[i:], c.entry) {
				kept = append(kept, c)
			}
		}
		found = kept
	}
	for _, c := range found {
		sc.entries.remove(c.entry)
	}
	sc.found = found
	found, also, parties := s.report(p, found, sc, o.limit)
	r.More = max(0, parties-o.limit)
	r.Matches = make([]Match, len(found))
	for _, a := range also {
		m := &r.Matches[a[0]]
		m.Also = append(m.Also, s.list.Entry(a[1]))
		m.alsoAt = append(m.alsoAt, a[1])
	}
	for i, b := range found {
		m := &r.Matches[i]
		nm := &s.ix.names[b.name]
		m.Entry = s.list.Entry(int(b.entry)) // the entries of matches are decoded, the others read from s.entries
		m.at = int(b.entry) + 1
		m.Country = countryFor(s.factsFor(b.entry, m.Entry).countries, p.country)
		m.MatchedName = nameOf(m.Entry, nm.name)
		m.Score = b.score
		m.Alert = m.Score >= o.threshold
		m.Version = s.ownVersion()
		if o.explain {
			s.scoreName(p, int(b.variant), b.name, sc, 0, &m.Explanation)
			m.Explanation.Threshold = o.threshold
		}
		m.Party = i
		for j := range i {
			if r.Matches[j].Party == j && s.sameParty(found[j].entry, b.entry) {
				m.Party = j
				break
			}
		}
	}
	return r
}

// bestOf returns the best score of the candidates of entry e in cs, as
// screen finds them: the last one's, their scores ascending.
func bestOf(cs []candidate, e int32) float64 {
	for i := len(cs) - 1; i >= 0; i-- {
		if cs[i].entry == e {
			return cs[i].score
		}
	}
	return 0
}

// countryFor returns the country, of an entry's countries cs, that
// concerns a query of country c (see Match.Country).
func countryFor(cs []string, c string) string {
	switch {
	case c != "" && slices.Contains(cs, c):
		return c
	case len(cs) > 0:
		return cs[0]
	}
	return ""
}

// partyOf returns the index in kept of a candidate of the same party as
// entry e by its entity number, or -1: such rows are one match.
func (s *Screener) partyOf(kept []candidate, e int32) int {
	party := s.entries.info[e].party
	if party < 0 {
		return -1
	}
	return slices.IndexFunc(kept, func(c candidate) bool { return s.entries.info[c.entry].party == party })
}

// sameParty reports whether entries a and b, on different lists and with
// no entity number in common, are rows of one party by what they publish
// (see Match.Party): neither is a person, vessel or aircraft by its type,
// their primary names, or a part of them such as a parenthetical, have the
// same words, one of them distinctive (words that say what form an
// organization takes, such as "company", and connectors aside), and legal
// forms of one class or none on one side ("Huawei Technologies Co., Ltd.
// (Huawei)" and "Huawei Technologies Company", but not "AO Kaspersky Lab"
// and "Kaspersky Lab, Inc."), and their countries agree: they share one,
// or one of them has none.
func (s *Screener) sameParty(a, b int32) bool {
	ea, eb := &s.entries.info[a], &s.entries.info[b]
	if ea.source == eb.source || !groupable(ea.typ) || !groupable(eb.typ) {
		return false
	}
	ca, cb := s.factsFor(a, nil).countries, s.factsFor(b, nil).countries
	if len(ca) > 0 && len(cb) > 0 && !slices.ContainsFunc(ca, func(c string) bool { return slices.Contains(cb, c) }) {
		return false
	}
	var xb, yb [16]int32
	for i := s.names[a]; i < s.names[a+1]; i++ {
		x := &s.ix.names[i]
		if x.name != 0 || x.core == 0 {
			continue
		}
		xw := s.ix.appendPartyWords(xb[:0], x)
		for j := s.names[b]; j < s.names[b+1]; j++ {
			y := &s.ix.names[j]
			if y.name == 0 && s.ix.formsAgree(x, y) && slices.Equal(xw, s.ix.appendPartyWords(yb[:0], y)) {
				return true
			}
		}
	}
	return false
}

// appendPartyWords appends to dst the terms of name nm that tell parties
// apart, and returns the extended slice: all but the organization words
// that say what form it takes ("company", "group") and connectors ("of").
func (ix *index) appendPartyWords(dst []int32, nm *indexedName) []int32 {
	for _, tr := range ix.tokens[nm.tokLo:nm.tokHi()] {
		if w := &ix.terms[tr.term()].word; w.kind != normalize.Generic || normalize.Activity(w.key) {
			dst = append(dst, tr.term())
		}
	}
	return dst
}

// formsAgree reports whether names x and y have a legal form of one class,
// or one of them has none.
func (ix *index) formsAgree(x, y *indexedName) bool {
	fx, fy := ix.forms[x.formLo:x.formHi()], ix.forms[y.formLo:y.formHi()]
	return len(fx) == 0 || len(fy) == 0 || slices.ContainsFunc(fx, func(a int32) bool {
		return slices.ContainsFunc(fy, func(b int32) bool { return ix.formSet[a].class == ix.formSet[b].class })
	})
}

// groupable reports whether rows of type t on different lists may be one
// party by their names: organizations and untyped rows, not people,
// vessels or aircraft, whom a name alone does not single out.
func groupable(t entitylist.EntityType) bool {
	return t == entitylist.TypeEntity || t == entitylist.TypeUnknown
}

// candidate is a scored list name, with what orders names of equal score.
// Its fields are in order of size, so that sorting moves few bytes.
type candidate struct {
	score   float64
	written float64 // how alike the query and the name are written (writtenAlike), set by report for the ties it orders
	entry   int32
	name    int32 // indexed name
	variant int32 // query variant
	form    int8  // agreement of legal forms, see formAgreement
	alias   bool  // an alternate name, not the entry's primary name
	part    bool  // a part of a name, not a whole name
}

func (s *Screener) candidate(qv *qvariant, vi int, nid int32, score float64) candidate {
	nm := &s.ix.names[nid]
	return candidate{
		score: score, entry: nm.entry, name: nid, variant: int32(vi),
		form:  s.ix.formAgreement(qv, nm),
		alias: nm.name > 0, part: nm.is(namePart),
	}
}

// report returns what a result reports of the candidates cs, each
// entry's names that score its best: matches, the best candidate of each
// of the first limit parties, best first (an entry by its best name, a
// party by its best entry; an entry without an entity number is a party of
// its own); also, the other rows of those parties, in order, as (index in
// matches of the party, entry); and parties, how many parties cs holds,
// which no order changes.
//
// The order is candidate.compare's, worked out only as far as the result
// reads it: nextGroup hands out the candidates group by group of those
// that tie but for how they are written, best first, and once limit
// parties are met, only the candidates of their parties are left to hand
// out. How alike names are written to the query is worked out only for
// the groups handed out, once per variant and text: the same name is
// often on several entries. cs is reordered, and holds matches.
func (s *Screener) report(p *prepared, cs []candidate, sc *scratch, limit int) (matches []candidate, also [][2]int, parties int) {
	for _, c := range cs {
		if u := s.partyKey(c.entry); !sc.entries.has(u) {
			sc.entries.add(u)
			parties++
		}
	}
	for _, c := range cs {
		sc.entries.remove(s.partyKey(c.entry))
	}
	clear(sc.written)
	matches = cs[:0] // in cs[:i], which is read already
	ends := append(sc.ends[:0], len(cs))
	for i, full := 0, false; i < len(cs); {
		if len(matches) == limit && !full {
			// Only the other rows of the parties met are left to order.
			full = true
			rest := cs[:i]
			for _, c := range cs[i:] {
				if s.partyOf(matches, c.entry) >= 0 {
					rest = append(rest, c)
				}
			}
			cs, ends = rest, append(ends[:0], len(rest))
			continue
		}
		var j int
		if j, ends = nextGroup(cs, i, ends); j-i > 1 {
			s.setWritten(p, cs[i:j], sc)
			slices.SortFunc(cs[i:j], func(a, b candidate) int { return a.compare(&b) })
		}
		for _, c := range cs[i:j] {
			if slices.ContainsFunc(matches, func(b candidate) bool { return b.entry == c.entry }) ||
				slices.ContainsFunc(also, func(a [2]int) bool { return a[1] == int(c.entry) }) {
				continue
			}
			if g := s.partyOf(matches, c.entry); g >= 0 {
				also = append(also, [2]int{g, int(c.entry)})
			} else if len(matches) < limit {
				matches = append(matches, c)
			}
		}
		i = j
	}
	sc.ends = ends
	return matches, also, parties
}

// partyKey returns the entry that stands for the party of entry e: its
// first entry with e's entity number, or e.
func (s *Screener) partyKey(e int32) int32 {
	if party := s.entries.info[e].party; party >= 0 {
		return party
	}
	return e
}

// nextGroup moves the candidates of cs[i:] that go first by
// cmpUpToWriting, which tie, to the front of cs[i:], and returns the end of
// their group and ends updated: a quicksort that sorts no further than it
// is asked to. ends holds the ends of the parts cs[i:] is partitioned
// into, the nearest last, every candidate of a part going before those of
// the parts after it: {len(cs)} to begin with.
func nextGroup(cs []candidate, i int, ends []int) (int, []int) {
	for {
		end := ends[len(ends)-1]
		if end == i { // the part ahead is read
			ends = ends[:len(ends)-1]
			continue
		}
		// Partition cs[i:end] around its middle candidate: those that go
		// before it, cs[i:lo], those that tie with it, cs[lo:hi], and
		// those that go after it, cs[hi:end].
		pivot := cs[i+(end-i)/2]
		lo, k, hi := i, i, end
		for k < hi {
			switch r := cs[k].cmpUpToWriting(&pivot); {
			case r < 0:
				cs[lo], cs[k] = cs[k], cs[lo]
				lo++
				k++
			case r > 0:
				hi--
				cs[k], cs[hi] = cs[hi], cs[k]
			default:
				k++
			}
		}
		if lo == i {
			if hi == end {
				ends = ends[:len(ends)-1]
			}
			return hi, ends
		}
		ends = append(ends, lo)
	}
}

// setWritten sets how alike the names of cs are written to the query.
func (s *Screener) setWritten(p *prepared, cs []candidate, sc *scratch) {
	for k := range cs {
		c := &cs[k]
		key := writtenKey{c.variant, s.ix.display(s.list, c.name)}
		w, ok := sc.written[key]
		if !ok {
			w = writtenAlike(p.variants[c.variant].name.Display, key.text)
			sc.written[key] = w
		}
		c.written = w
	}
}

// writtenKey is a list name's display text against a query variant, see
// setWritten.
type writtenKey struct {
	variant int32
	text    string
}

// cmpUpToWriting compares c and d by the rules of compare that come ahead
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

// compare orders candidates best first, negative when c goes before d:
// by score; among equal scores, by agreement of legal forms, then matches
// of the query's whole name before matches of its parts, names written
// more like the query first ("Acme Trading Corp" before "ACME TRADING
// CORPORATION" for "Acme Trading Corp."), primary names before aliases and
// whole names before their parts, then by list order, and one name by
// the order of the query's variants: a total order, so that the order the
// candidates are found in changes none.
func (c *candidate) compare(d *candidate) int {
	if r := c.cmpUpToWriting(d); r != 0 {
		return r
	}
	switch {
	case c.written != d.written:
		return cmp.Compare(d.written, c.written)
	case c.alias != d.alias:
		if !c.alias {
			return -1
		}
		return 1
	case c.part != d.part:
		if !c.part {
			return -1
		}
		return 1
	}
	if r := cmp.Compare(c.entry, d.entry); r != 0 {
		return r
	}
	if r := cmp.Compare(c.name, d.name); r != 0 {
		return r
	}
	return cmp.Compare(c.variant, d.variant)
}

// readAhead reads what scoring the candidates cs waits for first, of each
// name and of each of its words (see scratch.alignmentOf, runPairs and
// scratch.row), all before any is scored: in a large list they are far
// apart in memory, and reads that do not wait for one another go on at
// once, where scoring the candidates one after the other waits for each
// in turn (as index.rank reads the words of the names it ranks). It
// returns a sum of what it read, which the caller keeps so that the reads
// are made.
func (ix *index) readAhead(cs []int32, sc *scratch) uint32 {
	var sum uint32
	for _, n := range cs {
		nm := &ix.names[n]
		sum += sc.shapeRefs[nm.shape].gen + ix.lens[n].lens
		for _, tr := range ix.tokens[nm.tokLo:nm.tokHi()] {
			t := tr.term()
			sum += sc.meetRows[t].gen + uint32(len(ix.terms[t].key)) + uint32(ix.traits[t])
		}
	}
	return sum
}
