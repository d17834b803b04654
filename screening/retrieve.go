package screening

import (
	"cmp"
	"math"
	"slices"

	"github.com/entityscreen/entityscreen/screening/internal/normalize"
)

// maxCandidates is how many names are scored in full for a query at
// least, the ones whose words overlap the query's most, by weight; beyond
// them every name whose overlap could reach the minimum score is scored
// too (see candidates and estMargin), so that no name that would be
// reported is lost to the bound. The margin alone finds every name that
// reaches the threshold on the evaluation sets (see
// TestEstimatesReachTheMargin): these best names are a net for an
// estimate that falls short of the score, not what finds the matches.
const maxCandidates = 8

// estMargin is how far below the minimum score a name's estimated
// overlap may fall and the name still be scored: the estimate counts each
// word's best similarity to any query word and the weight of its whole
// name, which the score may exceed for a part of the query or for
// qualifiers that meet (see matchedExtra). TestEstimatesReachTheMargin
// checks the margin on the real evaluation sets.
const estMargin = 0.5

// maxTouched is how many names, about, retrieval collects before it stops
// adding the names of a query's more frequent words.
const maxTouched = 4096

// minEstShare is the share of the best candidate's overlap with the query
// that a candidate must have to be scored.
const minEstShare = 0.4

// scratch is per-query working memory, pooled by the Screener.
type scratch struct {
	query     prepared // the query, see index.prepare
	gen       uint32
	nameGen   []uint32   // nameGen[n] == gen: name n is a candidate of this query
	termHits  []termHit  // how term t meets the query's words, when set for this query
	hitBits   hitFilter  // the terms of hits, and a few others, see hitFilter
	gramHits  []uint8    // the trigrams of term t shared with the word being looked up, up to 255, for the terms its shortest lists hold; zero between words
	hits      []int32    // terms with termHits set for this query
	retrieve  []int32    // terms whose names are candidates
	fallback  []int32    // the query words' own terms (or closest), for a query of frequent words
	gramTs    []int32    // terms with gramHits set
	gramLists []gramList // the terms of each trigram of the word being looked up, see scanTypos
	closeTs   []int32    // the terms closeSpellings finds
	touched   []int32    // candidate names
	top       []float32  // the best estimates of the names ranked, see rankFrequent
	at        []uint32   // where rankFrequent reads each group of names of a word, see totalOrder
	spans     []span     // the words of the names being ranked, see index.rank
	acros     []qacro    // query words that may spell a run of a name's words, see runAcronymEstimate
	runTerms  []int32    // the list's words that spell a run of the query's words, see runAcronymHits
	glueSim   map[int32]float32
	runSim    map[int32]float32      // what names that hold a word spelling a run of the query's words may add, see runAcronymHits
	extra     bitSet                 // the names in glueSim or runSim, see addExtra
	extraOf   []int32                // the same names, listed
	written   map[writtenKey]float64 // how alike names are written to the query, see Screener.report
	ends      []int                  // the ends of the parts found is partitioned into, see nextGroup
	ranked    []ranked
	rankKeys  []uint64    // the keys of ranked, see ranked.key
	found     []candidate // names scoring at least the minimum, see Screen
	entries   bitSet      // the entries of found, see Screener.screen
	pairs     []pair
	runs      []pair // see runPairs
	usedQ     []bool
	usedC     []bool
	taken     []bool // the pairs alignWords takes
	alt       []bool // the single pairs it may take instead, see singlesWin
	packer    packer // see alignWords
	strongQ   []bool // see containedSide
	strongC   []bool
	shareQ    []float64 // see ceiling
	shareC    []float64
	nameRows  []nameRow // the rows of the words of the name being scored, see runPairs
	bound     nameBound // and what quickCeiling reads of them
	// How query words meet the words of the names scored (see row): the
	// row of term t is rows[meetRows[t].row] when meetRows[t].gen is gen,
	// its meetings, one per word of the query's variants (queryWords of
	// them), in meets.
	meetRows   []meetRow
	rows       []termRow
	meets      []meeting
	queryWords int
	sets       querySets // the query's words by what meets them, see row
	// How the words of the query and of the names scored meet, per shape
	// of names (see indexedName.shape and scratch.alignmentOf).
	shapeRefs    []shapeRef
	wordScores   []wordScore
	alignments   []alignment
	alignedPairs []pair // see alignment.pairs
	// The word being looked up for misspellings, see scanTypos.
	typos typoFilter
	// The trigram scans of this query and the misspellings they found,
	// see misspellings.
	scans    []typoScan
	misspelt []misspelling
	// The words whose looser misspellings are yet to be looked up, if
	// they may count (see candidates), and their trigrams.
	pending      []wordLookup
	pendingGrams []gramCount
	// closeUnfound is set when a query word that may tell a name is the
	// query's meets list words closely that find no candidates.
	closeUnfound bool
	suspects     []int32     // see closeElsewhere
	extraGrams   []gramCount // the trigrams of the word closeElsewhere looks at
	// What closeSpellings asks about: the strings an edit from a word,
	// the codes of its bytes in a gramSet and the hashes of its prefixes,
	// a string, and the letters a romanization of the word puts in each
	// place.
	edits        []edit
	gramCodes    []uint8
	prefixHashes []uint64
	editBuf      []byte
	romanizedAt  []int8
	readSum      uint32 // see index.readAhead
}

// termHit is how a term meets the words of a query: sim is its best
// similarity to a query word when gen is the query's. The two are kept
// together because ranking reads them together.
type termHit struct {
	gen uint32
	sim float32
}

// span is where the words of a name are, ix.tokens[lo:hi], and their
// total weight.
type span struct {
	lo, hi int32
	total  float32
	acros  bool // the name may hold runs of words a query word spells, see appendRunAcronyms
}

// qacro is a query word that may spell the initials of a run of a name's
// words (see appendRunAcronyms), and its weight matched.
type qacro struct {
	key  string
	term int32 // the list's term of key, or -1: a name that holds it meets the word
	full float32
}

type ranked struct {
	name int32
	est  float32
}

// newScratch returns working memory for queries against ix.
func newScratch(ix *index) *scratch {
	entries := 0
	if len(ix.names) > 0 {
		entries = int(ix.names[len(ix.names)-1].entry) + 1 // names are indexed in entry order
	}
	return &scratch{
		nameGen:   make([]uint32, len(ix.names)),
		termHits:  make([]termHit, len(ix.terms)),
		gramHits:  make([]uint8, len(ix.terms)),
		meetRows:  make([]meetRow, len(ix.terms)),
		shapeRefs: make([]shapeRef, ix.shapes),
		extra:     newBitSet(len(ix.names)),
		entries:   newBitSet(entries),
		glueSim:   make(map[int32]float32),
		runSim:    make(map[int32]float32),
		written:   make(map[writtenKey]float64),
	}
}

// reset readies sc for a new query: the stamps of the last one no longer
// count.
func (sc *scratch) reset() {
	sc.gen++
	if sc.gen == 0 { // wrapped: old stamps could collide
		clear(sc.nameGen)
		clear(sc.termHits)
		clear(sc.meetRows)
		clear(sc.shapeRefs)
		sc.gen = 1
	}
	for _, t := range sc.hits {
		sc.hitBits.unset(t)
	}
	sc.hits = sc.hits[:0]
	sc.pending, sc.pendingGrams, sc.closeUnfound, sc.suspects = sc.pending[:0], sc.pendingGrams[:0], false, sc.suspects[:0]
	sc.scans, sc.misspelt = sc.scans[:0], sc.misspelt[:0]
	sc.retrieve = sc.retrieve[:0]
	sc.fallback = sc.fallback[:0]
	sc.touched = sc.touched[:0]
	sc.acros = sc.acros[:0]
	sc.runTerms = sc.runTerms[:0]
	sc.ranked = sc.ranked[:0]
	sc.rows = sc.rows[:0]
	sc.meets = sc.meets[:0]
	sc.wordScores = sc.wordScores[:0]
	sc.alignments = sc.alignments[:0]
	sc.alignedPairs = sc.alignedPairs[:0]
	clear(sc.glueSim)
	clear(sc.runSim)
	for _, n := range sc.extraOf {
		sc.extra.remove(n)
	}
	sc.extraOf = sc.extraOf[:0]
}

// addGlue raises what name n may add by a word glued, split or spelled
// by initials (sc.glueSim) to at least v.
func (sc *scratch) addGlue(n int32, v float32) {
	sc.glueSim[n] = max(sc.glueSim[n], v)
	sc.addExtra(n)
}

// addRun raises what name n may add by a word spelling the initials of a
// run of words (sc.runSim) to at least v.
func (sc *scratch) addRun(n int32, v float32) {
	sc.runSim[n] = max(sc.runSim[n], v)
	sc.addExtra(n)
}

// addExtra notes that name n is in sc.glueSim or sc.runSim: ranking
// reads them for such names only. Only addGlue and addRun call it.
func (sc *scratch) addExtra(n int32) {
	if !sc.extra.has(n) {
		sc.extra.add(n)
		sc.extraOf = append(sc.extraOf, n)
	}
}

// bitSet is a set of small non-negative integers, a bit each.
type bitSet []uint64

// newBitSet returns an empty bitSet for the integers below n.
func newBitSet(n int) bitSet { return make(bitSet, (n+63)/64) }

// has reports whether i is in b.
func (b bitSet) has(i int32) bool { return b[uint32(i)/64]&(1<<(uint32(i)%64)) != 0 }

// add adds i to b.
func (b bitSet) add(i int32) { b[uint32(i)/64] |= 1 << (uint32(i) % 64) }

// remove removes i from b.
func (b bitSet) remove(i int32) { b[uint32(i)/64] &^= 1 << (uint32(i) % 64) }

// hit records that term t meets a query word with similarity sim.
func (sc *scratch) hit(t int32, sim float64) {
	h := &sc.termHits[t]
	if h.gen != sc.gen {
		*h = termHit{gen: sc.gen, sim: float32(sim)}
		sc.hits = append(sc.hits, t)
		sc.hitBits.set(t)
		return
	}
	h.sim = max(h.sim, float32(sim))
}

// hitFilter is a set of terms that may hold others besides: a bit per
// term, taken modulo its size. It tells most terms that no query word
// meets from the few that do without reading their termHit: ranking the
// names of a large list reads many terms, far apart in memory, which a
// query meets a handful of.
type hitFilter [hitFilterBits / 64]uint64

// hitFilterBits is the size of a hitFilter: a few of a query's terms in
// each thousand, so that few terms pass it that the query does not meet.
const hitFilterBits = 1 << 13

// set adds term t to f.
func (f *hitFilter) set(t int32) { f[uint32(t)/64%uint32(len(f))] |= 1 << (uint32(t) % 64) }

// unset clears the bit of term t in f, and so of the terms that share it.
func (f *hitFilter) unset(t int32) { f[uint32(t)/64%uint32(len(f))] &^= 1 << (uint32(t) % 64) }

// mayHold reports whether t may be in f: false when it is not.
func (f *hitFilter) mayHold(t int32) bool {
	return f[uint32(t)/64%uint32(len(f))]&(1<<(uint32(t)%64)) != 0
}

// touch makes name n a candidate.
func (sc *scratch) touch(n int32) {
	if sc.nameGen[n] != sc.gen {
		sc.nameGen[n] = sc.gen
		sc.touched = append(sc.touched, n)
	}
}

// candidates returns the ids of the names worth scoring for p, in no
// particular order (the order they are scored in changes no result, see
// Screener.screen): every name that could score minScore or more. Names
// that could only score half or less (see genericOnlyFactor) are among
// them only when minScore allows it, and then only are the names that
// loose misspellings of the query's words alone meet looked for in a large
// list (see completeTypos). Of the query's words that the list holds, the
// misspellings the index holds are looked up (see index.setNear), and
// below the alert threshold (near misses), all the others too.
//
// It reads p as prepare left it but for one thing: a word the list does
// not hold is read as the list's word that lookup finds closest to it, if
// any (see qtoken.readAs). The reading is a function of the word alone
// (the closest words are looked up whatever the query, see closeTypos),
// made here because the search that finds it is the one retrieval needs
// anyway.
//
// When only is not nil, the candidates are among those names alone (the
// names of the entries WithEntries keeps): each that shares a word, a
// joined word or initials with the query is ranked, with no posting list
// read, so that screening against a few entries costs little more than
// preparing the query.
func (ix *index) candidates(p *prepared, sc *scratch, minScore, threshold float64, only []int32) []int32 {
	sc.reset()
	sc.queryWords = p.words
	sc.sets.set(p)
	halvedCount := minScore <= genericOnlyFactor
	wide := minScore < threshold
	minScore -= p.bonus() // what the name must reach before the checks that add
	// A name that meets no query word closely scores half at most (see
	// genericOnlyFactor): unless that may be enough, or the query may meet
	// names in organization words alone, the looser misspellings of the
	// query's words only count in names other words find (see
	// completeTypos).
	close := !wide && minScore > genericOnlyFactor+roundingSlack && !p.someVariantGeneric()
	// Whether the variants read as a company's name, before those read as
	// a person's (see queryVariants), find names through a selective word,
	// and the terms they may fall back on.
	companyFound, companyFallback := true, -1
	for vi := range p.variants {
		qv := &p.variants[vi]
		if qv.asPerson && companyFallback < 0 {
			companyFound, companyFallback = len(sc.retrieve) > 0 || len(sc.pending) > 0, len(sc.fallback)
		}
		for i := range qv.toks {
			q := &qv.toks[i]
			if t := ix.lookup(q, sc, wide, close); t >= 0 {
				q.readAs(&ix.terms[t])
			}
			if i+1 < len(qv.toks) {
				ix.lookupJoined(q, &qv.toks[i+1], sc)
			}
		}
		// Words may be glued to an organization word that list names write
		// apart, or apart where list names glue them (see readGlued).
		for _, g := range qv.glues {
			ix.hitJoined(g.rest, sc)
		}
		for _, g := range qv.glued {
			ix.hitJoined(g.term, sc)
		}
		// The query's words may be written by their initials in list names:
		// the word then stands for all of them (see appendAcronyms).
		if t, ok := ix.term(qv.acro); ok && qv.acro != "" && ix.selective(t) {
			v := float32(simAcronym * (qv.fullWeight() + float64(ix.terms[t].weight)))
			for _, n := range ix.postingsOf(t) {
				sc.addGlue(n, v)
			}
		}
		ix.runAcronymHits(qv, sc)
		// A query of one word may be made of the first letters of an
		// organization's name's words (see appendSyllables): of the names
		// whose first two words begin as the word and one of its places do.
		if q := &qv.toks[0]; qv.syllables {
			for a := minSyllable; a+minSyllable <= len(q.key); a++ {
				for _, n := range ix.heads.get(headKey(q.key, q.key[a:])) {
					if ix.syllablesIn(n, q.key) {
						sc.addGlue(n, float32(2*simAcronym*q.weight))
					}
				}
			}
		}
	}
	var frequent []int32 // the terms whose names rankFrequent ranks, if any
	// Find the names through the selective words of the query (see lookup);
	// the other words only rank them. A query of nothing but frequent words
	// finds names through its rarest ones, organization words only when
	// a name that meets it in them alone can count: when a query's words
	// are all organization words (or its parts' are), or when halved scores
	// count. Otherwise such a name meets the query in organization words
	// only and scores half at most, as a query word the list lacks
	// ("Kasperskiy Group" against a list without Kaspersky) is unmatched.
	if only != nil {
		ix.typosIn(only, sc)
		for _, n := range only {
			if _, ok := sc.glueSim[n]; ok || ix.hitBy(n, sc) {
				sc.touch(n)
			}
		}
	} else {
		ix.completeTypos(p, sc)
		if len(sc.retrieve) == 0 && len(sc.pending) == 0 {
			ts := ix.fallbackOn(sc.fallback, p, halvedCount)
			if frequent = ix.boundFrequent(ts, sc); frequent == nil {
				ix.touchFrequent(ts, sc)
			}
		} else if !companyFound && companyFallback > 0 {
			// Only the name read as a person's finds names ("ZA AB" as the
			// words "za ab", where the company "ZA" of the legal form AB is
			// a connector alone): the company's reading falls back on its
			// own rarest words, as a query of no selective word does.
			ix.touchFrequent(ix.fallbackOn(sc.fallback[:companyFallback], p, halvedCount), sc)
		}
		// Rarest words first, until enough names are found: the names holding
		// only frequent words of a query that has rare ones cannot rank high, so
		// the cost stays bounded however large the list.
		ix.rarest(sc.retrieve, len(sc.retrieve))
		for i, t := range slices.Compact(sc.retrieve) {
			if i > 0 && len(sc.touched) >= maxTouched {
				break
			}
			for _, n := range ix.postingsOf(t) {
				sc.touch(n)
			}
		}
		for n := range sc.glueSim {
			sc.touch(n)
		}
		ix.touchSuspects(sc)
		ix.typosIn(sc.touched, sc)
	}
	// Rank the candidates by the share of weight they have in common with the
	// query, an estimate of the score that costs one pass over their words.
	qTotal := float32(p.variants[0].totalWeight())
	best := ix.rank(sc, 0, qTotal)
	if frequent != nil {
		best = max(best, ix.rankFrequent(frequent, sc, qTotal, minScore*estMargin))
	}
	// Names sharing less than a fraction of the best overlap cannot win;
	// dropping them first keeps the selection small. Names that could
	// reach the minimum score stay (see estMargin). The candidates are the
	// maxCandidates best names and any beyond them whose estimate reaches
	// the margin: the first k in the order of the estimates.
	floor := min(best*minEstShare, float32(minScore*estMargin))
	k := 0
	keys := sc.rankKeys[:0]
	for _, r := range sc.ranked {
		if r.est < floor {
			continue
		}
		if !(float64(r.est) < minScore*estMargin) {
			k++
		}
		keys = append(keys, r.key())
	}
	k = min(max(k, maxCandidates), len(keys))
	if k < len(keys) {
		keys = keys[:bestRanked(keys, k)]
	}
	sc.rankKeys = keys
	out := sc.touched[:0]
	for _, key := range keys[:k] {
		out = append(out, int32(uint32(key)))
	}
	return out
}

// rank ranks the candidates sc.touched[from:], those after the ones
// sc.ranked holds, by the share of weight they have in common with the
// query, whose words weigh qTotal: it appends them to sc.ranked, and
// returns the best of their estimates. Where the words of each name are
// is read first, for all of them: in a large list the names are far
// apart in memory, and reads that do not wait for one another go on at
// once.
func (ix *index) rank(sc *scratch, from int, qTotal float32) float32 {
	spans := sc.spans[:0]
	for _, n := range sc.touched[from:] {
		nm := &ix.names[n]
		spans = append(spans, span{nm.tokLo, nm.tokHi(), nm.total, len(sc.acros) > 0 && queryAcronymName(nm)})
	}
	sc.spans = spans
	gen, hits, bits := sc.gen, sc.termHits, &sc.hitBits
	anyExtra := len(sc.extraOf) > 0
	var best float32
	for j, n := range sc.touched[from:] {
		sp := &spans[j]
		var common float32
		toks := ix.tokens[sp.lo:sp.hi]
		for i := range toks {
			t := toks[i].term()
			if !bits.mayHold(t) {
				continue
			}
			if h := &hits[t]; h.gen == gen {
				common += h.sim * ix.weight(toks[i])
			}
		}
		common *= 2
		extra := anyExtra && sc.extra.has(n)
		if extra {
			common += sc.glueSim[n]
		}
		if sp.acros {
			common += ix.runAcronymEstimate(toks, sc.acros)
		}
		if extra {
			common += sc.runSim[n]
		}
		r := ranked{name: n, est: common / (qTotal + sp.total)}
		best = max(best, r.est)
		sc.ranked = append(sc.ranked, r)
	}
	return best
}

// boundFrequent returns the terms whose names are the candidates of a
// query of frequent words, ts, its rarest (see touchFrequent), when
// rankFrequent may rank the few of them that can be candidates rather
// than all: when the index holds the names of the rarest by their total
// weight, as it does for words in more than maxTouched names (see
// totalOrder), and no query word may spell a run of their words (see
// runAcronymEstimate), which would raise a name's estimate beyond what
// rankFrequent bounds. It returns nil otherwise.
func (ix *index) boundFrequent(ts []int32, sc *scratch) []int32 {
	if len(ts) == 0 || len(sc.acros) > 0 {
		return nil
	}
	if ix.byTotal.of(ts[0]) == nil {
		return nil
	}
	if len(ts) == 1 || ts[1] == ts[0] {
		return ts[:1]
	}
	return ts[:2]
}

// boundSlack is how much more than the most an estimate may be that
// rankFrequent allows for: the estimates and their bound are summed in
// other orders, rounded otherwise.
const boundSlack = 1e-4

// rankFrequent ranks, after the candidates sc.touched holds, the names
// that hold every term of req, the rarest words of a query of frequent
// words (see boundFrequent), that may be candidates, and returns the best
// of their estimates; marginEst is the estimate that makes a name a
// candidate whatever its rank (see estMargin).
//
// touchFrequent would make candidates of all those names: only those
// whose estimates may reach marginEst, or be among the maxCandidates
// best, can be candidates. The names that meet the query in a word
// besides those of req, or by initials or glued words (scratch.extra), are
// ranked first, found through the postings of those words. The others
// are read by the weight the first word of req has in them, and by their
// total weight (see totalOrder): the estimate of such a name is at most
// what the words of req may weigh in it over its total weight and the
// query's, and in each group of names of one weight the lighter names
// come first. The group whose next name may weigh most is read next, and
// the reading stops when no name left can pass the maxCandidates best
// ranked nor reach marginEst. The candidates are then those touchFrequent
// finds.
func (ix *index) rankFrequent(req []int32, sc *scratch, qTotal float32, marginEst float64) float32 {
	holdsRest := func(n int32) bool {
		for _, t := range req[1:] {
			if _, ok := slices.BinarySearch(ix.postingsOf(t), n); !ok {
				return false
			}
		}
		return true
	}
	from := len(sc.touched)
	names := ix.postingsOf(req[0])
	for _, t := range sc.hits {
		if !slices.Contains(req, t) {
			forCommon(names, ix.postingsOf(t), func(n int32) {
				if holdsRest(n) {
					sc.touch(n)
				}
			})
		}
	}
	for _, n := range sc.extraOf {
		if _, ok := slices.BinarySearch(names, n); ok && holdsRest(n) {
			sc.touch(n)
		}
	}
	best := ix.rank(sc, from, qTotal)
	top := topEsts{sc.top[:0]}
	for _, r := range sc.ranked {
		top.add(r.est)
	}
	// What a word of the query adds to a name's overlap with it at most,
	// by the weight its words have in the name.
	sim := func(t int32) float64 {
		if h := &sc.termHits[t]; h.gen == sc.gen {
			return 2 * float64(h.sim) * (1 + boundSlack)
		}
		return 0
	}
	var rest float64 // what the words of req but the first add at most
	for _, t := range req[1:] {
		var most float32
		for _, g := range ix.byTotal.of(t) {
			most = max(most, g.weight)
		}
		rest += sim(t) * float64(most)
	}
	first := sim(req[0])
	groups := ix.byTotal.of(req[0])
	at := sc.at[:0]
	for _, g := range groups {
		at = append(at, g.lo)
	}
	sc.at = at
	// bound returns the most the estimate of the next name of group i may be.
	bound := func(i int) float64 {
		n := ix.byTotal.names[at[i]]
		return (first*float64(groups[i].weight) + rest) / (float64(qTotal) + float64(ix.names[n].total))
	}
	for done := false; !done; {
		batch := len(sc.touched)
		stop := min(marginEst, top.least())
		for len(sc.touched)-batch < maxCandidates {
			next, most := -1, 0.0
			for i := range groups {
				if at[i] < groups[i].hi {
					if b := bound(i); next < 0 || b > most {
						next, most = i, b
					}
				}
			}
			if next < 0 || most < stop {
				done = true
				break
			}
			n := ix.byTotal.names[at[next]]
			at[next]++
			if sc.nameGen[n] != sc.gen && holdsRest(n) {
				sc.touch(n)
			}
		}
		best = max(best, ix.rank(sc, batch, qTotal))
		for _, r := range sc.ranked[batch:] {
			top.add(r.est)
		}
	}
	sc.top = top.h
	return best
}

// forCommon calls f with each name in both a and b, ascending lists of
// names, in order. Lists of about the same length are merged, in a loop
// that takes no branch that depends on the names; the names of a much
// shorter list are looked up in the longer one, each from where the last
// one was, in steps that double.
func forCommon(a, b []int32, f func(int32)) {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b) <= mergeRatio*len(a) {
		for i, j := 0, 0; i < len(a) && j < len(b); {
			x, y := a[i], b[j]
			if x == y {
				f(x)
			}
			i += b2i(x <= y)
			j += b2i(y <= x)
		}
		return
	}
	for _, n := range a {
		step := 1
		for step < len(b) && b[step] < n {
			step *= 2
		}
		i, ok := slices.BinarySearch(b[step/2:min(step+1, len(b))], n)
		if ok {
			f(n)
		}
		b = b[step/2+i:]
	}
}

// mergeRatio is how many times longer than the other a list of names may
// be and forCommon still merge the two: up to about that, reading every
// name costs less than looking names up.
const mergeRatio = 16

// topEsts keeps the maxCandidates best estimates added to it, in a heap
// whose root is the least of them.
type topEsts struct{ h []float32 }

// add adds estimate e; one that is not a number counts as the least.
func (t *topEsts) add(e float32) {
	if e != e {
		e = float32(math.Inf(-1))
	}
	h := t.h
	if len(h) < maxCandidates {
		h = append(h, e)
		for i := len(h) - 1; i > 0 && h[(i-1)/2] > h[i]; i = (i - 1) / 2 {
			h[i], h[(i-1)/2] = h[(i-1)/2], h[i]
		}
		t.h = h
		return
	}
	if e <= h[0] {
		return
	}
	h[0] = e
	for i := 0; ; {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		if r := l + 1; r < len(h) && h[r] < h[l] {
			l = r
		}
		if h[i] <= h[l] {
			return
		}
		h[i], h[l] = h[l], h[i]
		i = l
	}
}

// least returns the least of the maxCandidates best estimates, or minus
// infinity while fewer were added.
func (t *topEsts) least() float64 {
	if len(t.h) < maxCandidates {
		return math.Inf(-1)
	}
	return float64(t.h[0])
}

// roundingSlack is the most that rounding a score to the four places a
// Match reports raises it (see round).
const roundingSlack = 0.5e-4

// completeTypos looks up the looser misspellings of the pending words of
// sc (see lookupTypos) when they may find names that score the minimum,
// names that meet the query closely in words that find no candidates:
// query words whose close meetings are not selective
// (scratch.closeUnfound), words that may spell runs of a name's words
// (see runAcronymHits), or any word when the names of the query's words
// may be too many to collect them all (maxTouched). A name that meets the
// query closely in no word scores half at most; the looser misspellings
// are then only looked for in the names other words find (see typosIn),
// and in those that meet a query word closely in a way lookup does not
// look for (see closeElsewhere). A pending word finds candidates, if none
// that can score: its query does not fall back on its rarest words,
// unless a name may meet it so.
func (ix *index) completeTypos(p *prepared, sc *scratch) {
	if len(sc.pending) == 0 {
		return
	}
	needed := sc.closeUnfound || len(sc.acros) > 0 || len(sc.runTerms) > 0
	for i, names := 0, 0; i < len(sc.retrieve) && !needed; i++ {
		names += ix.df(sc.retrieve[i])
		needed = names >= maxTouched
	}
	if !needed {
		needed = !ix.closeElsewhere(p, sc) || len(sc.retrieve) == 0 && len(sc.suspects) > 0
	}
	if !needed {
		return
	}
	for i := range sc.pending {
		wl := &sc.pending[i]
		best := wl.best
		ix.misspellings(wl.q, &wl.typo, wl.typo.minLen, wl.typo.maxLen, nil, sc, func(t int32, sim float64) { ix.like(wl, sc, t, sim) })
		switch {
		case wl.best == best:
		case wl.fallback >= 0:
			sc.fallback[wl.fallback] = wl.best
		default:
			sc.fallback = append(sc.fallback, wl.best)
		}
	}
	sc.pending, sc.suspects = sc.pending[:0], sc.suspects[:0]
}

// closeElsewhere adds to sc.suspects the terms that meet a word of p
// closely, as evidence that a name is the query's, that lookup does not
// record (see suspect), found as closeSpellings finds them; those of the
// pending words closeTypos adds as it finds them. A name that holds one
// and a looser misspelling of a pending word is one the misspelling would
// have found, and may score the minimum: touchSuspects makes candidates of
// them. It reports false when it cannot tell them: a word closeSpellings
// gives up, or a term in more names than a selective one (see
// selectiveDF).
func (ix *index) closeElsewhere(p *prepared, sc *scratch) bool {
	var tq typoQuery
	for vi := range p.variants {
		for i := range p.variants[vi].toks {
			q := &p.variants[vi].toks[i]
			if !mayTell(q) || q.kind == normalize.Number || q.kind == normalize.NonLatin ||
				slices.ContainsFunc(sc.pending, func(wl wordLookup) bool { return wl.q == q }) {
				continue
			}
			sc.extraGrams = setTypoQuery(&tq, q.key, sc.extraGrams[:0])
			suspect := func(t int32) { ix.suspect(q, t, sc) }
			if !ix.closeSpellings(q, &tq, sc, func(t int32, _ float64) { suspect(t) }, suspect) {
				return false
			}
		}
	}
	return !slices.ContainsFunc(sc.suspects, func(t int32) bool { return ix.df(t) > ix.maxDF })
}

// suspect adds term t to sc.suspects (see closeElsewhere) when it may meet
// query word q closely, as evidence that a name is the query's (see
// meetsClosely), and is not q's own term: the misspellings of a word the
// list holds, the words met as other romanizations or abbreviations of a
// word, and those beyond what the trigram look-up finds. It does not look
// at organization words, which meet distinctive words closely rarely.
func (ix *index) suspect(q *qtoken, t int32, sc *scratch) {
	if t != q.term && mayTell(q) && !slices.Contains(sc.suspects, t) && meetsClosely(q, &ix.terms[t].word) {
		sc.suspects = append(sc.suspects, t)
	}
}

// touchSuspects makes candidates of the names that hold a term of
// sc.suspects (see closeElsewhere) and a looser misspelling of a pending
// word that would have found them: a selective term.
func (ix *index) touchSuspects(sc *scratch) {
	if len(sc.pending) == 0 {
		return
	}
	for _, t := range sc.suspects {
		if slices.Contains(sc.retrieve, t) {
			continue // its names are candidates
		}
		// Where the words of each name are is read first, for all of
		// them, as rank reads them: reads that do not wait for one
		// another.
		names := ix.postingsOf(t)
		spans := sc.spans[:0]
		for _, n := range names {
			nm := &ix.names[n]
			spans = append(spans, span{lo: nm.tokLo, hi: nm.tokHi()})
		}
		sc.spans = spans
		for i, n := range names {
			if sc.nameGen[n] == sc.gen {
				continue
			}
			for _, tr := range ix.tokens[spans[i].lo:spans[i].hi] {
				if ix.selective(tr.term()) && ix.pendingTypo(tr.term(), sc) {
					sc.touch(n)
					break
				}
			}
		}
	}
}

// pendingTypo reports whether term t is a misspelling of a pending word of
// sc that finds candidates.
func (ix *index) pendingTypo(t int32, sc *scratch) bool {
	for i := range sc.pending {
		if wl := &sc.pending[i]; wl.selective {
			if _, ok := ix.typoOf(wl, t); ok {
				return true
			}
		}
	}
	return false
}

// key returns the key of r that orders names as candidates go, by their
// estimates, best first (an estimate that is not a number last), then by
// id: the smaller key first.
func (r ranked) key() uint64 {
	var est uint32 // the estimate's order, ascending
	switch b := math.Float32bits(r.est); {
	case r.est != r.est: // NaN: last
	case r.est == 0: // -0 is 0
		est = 1 << 31
	case b>>31 == 0:
		est = b | 1<<31
	default:
		est = ^b
	}
	return uint64(^est)<<32 | uint64(uint32(r.name))
}

// bestRanked moves the k smallest of keys to the front of keys, in no
// order, and returns k; k is at least 1. It keeps them in a heap whose
// root is the largest of them.
func bestRanked(keys []uint64, k int) int {
	h := keys[:k]
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= k {
				return
			}
			if r := l + 1; r < k && h[r] > h[l] {
				l = r
			}
			if h[l] <= h[i] {
				return
			}
			h[i], h[l] = h[l], h[i]
			i = l
		}
	}
	for i := k/2 - 1; i >= 0; i-- {
		down(i)
	}
	for _, key := range keys[k:] {
		if key < h[0] {
			h[0] = key
			down(0)
		}
	}
	return k
}

// hitBy reports whether a word of name n meets a query word, as lookup
// recorded in sc.
func (ix *index) hitBy(n int32, sc *scratch) bool {
	nm := &ix.names[n]
	for _, tr := range ix.tokens[nm.tokLo:nm.tokHi()] {
		if sc.hitBits.mayHold(tr.term()) && sc.termHits[tr.term()].gen == sc.gen {
			return true
		}
	}
	return false
}

// selective reports whether term t is rare enough, and no mere organization
// word, to find candidates by.
func (ix *index) selective(t int32) bool {
	return ix.terms[t].kind != normalize.Generic && ix.df(t) <= ix.maxDF
}

// fallbackOn returns the rarest of terms ts, words of query p, that the
// query falls back on when none finds names (see candidates): organization
// words only when a name meeting the query in them alone can count (a
// variant of organization words alone, or halved scores counting), or
// when a name of the list reads the word as another kind ("AT" is an
// organization word, "A T" initials). It may change ts, which is not read
// after.
func (ix *index) fallbackOn(ts []int32, p *prepared, halvedCount bool) []int32 {
	if !halvedCount && !p.someVariantGeneric() {
		ts = slices.DeleteFunc(ts, func(t int32) bool {
			return ix.traits[t]>>traitReadShift == 1<<normalize.Generic
		})
	}
	return ix.rarest(ts, rarestFallback)
}

// rarestFallback is how many of its rarest words find the candidates of a
// query that has no selective word: a name that drops one or two of them is
// still found.
const rarestFallback = 3

// touchFrequent makes candidates of the names holding the frequent terms ts,
// rarest first: all names of the rarest, unless there are too many, then
// those that hold the two rarest, found by merging their sorted postings.
// Where it can, rankFrequent ranks the few of those names that can be
// candidates instead (see boundFrequent).
func (ix *index) touchFrequent(ts []int32, sc *scratch) {
	if len(ts) == 0 {
		return
	}
	a := ix.postingsOf(ts[0])
	if len(a) <= maxTouched || len(ts) == 1 {
		for _, n := range a {
			sc.touch(n)
		}
		return
	}
	forCommon(a, ix.postingsOf(ts[1]), sc.touch)
}

// rarest returns the n terms of ts in the fewest names. It reorders ts.
func (ix *index) rarest(ts []int32, n int) []int32 {
	slices.SortFunc(ts, func(a, b int32) int {
		if c := cmp.Compare(ix.df(a), ix.df(b)); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return ts[:min(n, len(ts))]
}

// wordLookup is the look-up of a query word (see index.lookup) under way:
// whether the word finds candidates, and the list word most similar to it
// so far.
type wordLookup struct {
	q         *qtoken
	selective bool // the terms the word meets find candidates, if selective themselves
	best      int32
	bestSim   float64
	// For a word whose looser misspellings are left for later (see
	// index.candidates): what looks them up, and the index in
	// scratch.fallback of best, or -1.
	typo     typoQuery
	fallback int
}

// meet records that term t meets the word of wl with similarity sim.
func (ix *index) meet(wl *wordLookup, sc *scratch, t int32, sim float64) {
	sc.hit(t, sim)
	switch {
	case wl.selective && ix.selective(t):
		sc.retrieve = append(sc.retrieve, t)
	case sim >= distinctivePairSim && mayTell(wl.q):
		sc.closeUnfound = true
	}
}

// like records that term t meets the word of wl with similarity sim as a
// spelling of it: the most similar such word may be read for it.
func (ix *index) like(wl *wordLookup, sc *scratch, t int32, sim float64) {
	ix.meet(wl, sc, t, sim)
	if sim > wl.bestSim || sim == wl.bestSim && t < wl.best {
		wl.best, wl.bestSim = t, sim
	}
}

// mayTell reports whether query word q, meeting a word closely, may tell
// that a name is the query's (see evidence): unless it is a qualifier or
// an organization word.
func mayTell(q *qtoken) bool { return !q.qual && q.kind != normalize.Generic }

// lookup records the list's terms that meet query word q. For a word the
// list does not hold, it returns the most similar word the list does hold,
// if that one is similar enough to meet it, or -1: the query reads q as
// that word (see qtoken.readAs).
//
// A query word is selective, and finds candidates, when the list holds it
// and it is selective there, or when the list does not hold it and it meets
// selective words: then those find the candidates. The variants of a word too
// frequent to find candidates by do not find any either.
//
// Of a word the list holds, its misspellings the index holds are looked
// up too (see index.setNear), and with wide set, all within its typo
// budget: they may score a near miss. With close set, of the
// misspellings of a word the list does not hold, only those that meet it
// closely may be looked up (see lookupTypos): the word is then pending in
// sc.
func (ix *index) lookup(q *qtoken, sc *scratch, wide, close bool) int32 {
	if q.misspelt {
		// Read as the organization word it misspells, which finds nothing.
		if q.typoOf >= 0 {
			sc.hit(q.typoOf, q.typoSim)
			sc.fallback = append(sc.fallback, q.typoOf)
		}
		return -1
	}
	if q.term >= 0 {
		sc.hit(q.term, 1)
	}
	// A qualifier finds nothing by itself: "Europe" is no name's own word.
	wl := wordLookup{q: q, selective: !q.qual && (q.term < 0 || ix.selective(q.term)), best: -1, fallback: -1}
	if q.term >= 0 {
		if wl.selective {
			sc.retrieve = append(sc.retrieve, q.term)
		} else if mayTell(q) {
			sc.closeUnfound = true
		}
	}
	// The word may stand as two neighbouring words in list names, covering
	// both (see appendJoined), or spell the initials of their words.
	for _, n := range ix.glue.get(hashKey(hashSeed, q.key)) {
		if w, ok := ix.joinsWords(n, &q.word); ok {
			sc.addGlue(n, float32(simJoined)*(float32(q.full)+w))
		}
	}
	if q.sound != "" && q.sound != q.key {
		for _, n := range ix.glue.get(hashKey(hashSeed, q.sound)) {
			if w, ok := ix.joinsWords(n, &q.word); ok {
				sc.addGlue(n, float32(simJoined)*(float32(q.full)+w))
			}
		}
	}
	// A word spelling the initials of a whole name stands for all its
	// words (see appendAcronyms).
	for _, n := range ix.namesWithInitials(q.initials) {
		sc.addGlue(n, float32(simAcronym*q.full)+float32(simAcronym)*ix.names[n].total)
	}
	if q.sound != "" {
		for _, t := range ix.bySound.get(hashKey(hashSeed, q.sound)) {
			if t == q.term || ix.terms[t].sound != q.sound {
				continue
			}
			tm := &ix.terms[t]
			if sim, how := wordSim(&q.word, &tm.word); how != NoMatch {
				ix.like(&wl, sc, t, sim)
			}
		}
	}
	// A word may be translated in list names ("Shargh", "East"); it is
	// not read as its translation, a word of other letters.
	if q.meaning != 0 {
		for _, t := range ix.translations[q.meaning] {
			if t != q.term {
				ix.meet(&wl, sc, t, simTranslation)
			}
		}
	}
	// A word whose vowels were guessed meets the words of its consonants,
	// but is not read as one of them: many words share their consonants.
	if q.guessed {
		same, withT := ix.consonants.termsOf(ix, &q.word)
		for _, ts := range [2][]int32{same, withT} {
			for _, t := range ts {
				if sim := consonantSim(&q.word, &ix.terms[t].word); t != q.term && sim > 0 {
					ix.meet(&wl, sc, t, sim)
				}
			}
		}
	}
	// A given name may be written in another romanization ("Ihor", "Igor");
	// only a person's name meets it so (see nameSim).
	for _, k := range givenNameVariantsOf(q.key) {
		if t, ok := ix.term(k); ok && t != q.term {
			ix.like(&wl, sc, t, simSpelling)
		}
	}
	// A word the list holds may be misspelled in other list names
	// ("Taesong", "Daesong"): those the index holds for it are looked up
	// here, those of a word of long trigram lists beyond an edit (see
	// maxFarPostings) below, for a near miss only.
	if q.term >= 0 && !wide && gramable(q.kind, q.key) {
		for _, t := range ix.nearOf(q.term) {
			if sim, ok := typoSim(&q.word, &ix.terms[t].word); ok {
				ix.meet(&wl, sc, t, sim)
			}
		}
	}
	// A word the list does not hold may be misspelled.
	pending := (q.term < 0 || wide) && gramable(q.kind, q.key) && ix.lookupTypos(&wl, sc, close && q.term < 0)
	switch {
	case q.term >= 0:
		sc.fallback = append(sc.fallback, q.term)
		return -1
	case wl.best >= 0:
		wl.fallback = len(sc.fallback)
		sc.fallback = append(sc.fallback, wl.best)
	}
	if pending {
		sc.pending = append(sc.pending, wl)
	}
	if wl.bestSim >= distinctivePairSim {
		return wl.best
	}
	return -1
}

// lookupTypos records the terms within the typo budget of the word of wl,
// as scanTypos finds them. With close set, when that would read long
// lists, it records only those that meet the word closely (see
// closeTypos) and reports true: the others are yet to be looked up (see
// index.candidates), by the trigrams the word's typo query, set in wl,
// keeps in sc.
func (ix *index) lookupTypos(wl *wordLookup, sc *scratch, close bool) bool {
	tq := &wl.typo
	start := len(sc.pendingGrams)
	sc.pendingGrams = setTypoQuery(tq, wl.q.key, sc.pendingGrams)
	var lists []gramList
	if close {
		lists = ix.gramLists(tq, tq.minLen, tq.maxLen, sc.gramLists[:0])
		sc.gramLists = lists
		// The close misspellings are looked up by asking about the words an
		// edit away: when the lists are shorter than those are many, they
		// are read instead.
		n := edits(len(wl.q.key), len(ix.keyBytes))
		if tq.maxLen >= minSoundTypo {
			n += edits(len(wl.q.sound), len(ix.soundBytes))
		}
		size := 0
		for _, l := range lists {
			size += len(l.ts)
		}
		if size > n*postingsPerEdit && ix.closeTypos(wl, tq, sc) {
			return true
		}
	}
	ix.misspellings(wl.q, tq, tq.minLen, tq.maxLen, lists, sc, func(t int32, sim float64) { ix.like(wl, sc, t, sim) })
	sc.pendingGrams = sc.pendingGrams[:start]
	return false
}

// misspellings records with record the terms of lo to hi letters within
// the typo budget of query word q of typo query tq, as scanTypos finds
// them in lists, their trigram lists, or in those gramLists gives when
// lists is nil. What it finds is kept for the query: a word that several
// of the query's variants hold is scanned once, as the terms found
// depend on the word alone.
func (ix *index) misspellings(q *qtoken, tq *typoQuery, lo, hi int, lists []gramList, sc *scratch, record func(t int32, sim float64)) {
	for _, s := range sc.scans {
		if s.key == q.key && s.sound == q.sound && s.lo == lo && s.hi == hi {
			for _, m := range sc.misspelt[s.from:s.to] {
				record(m.term, m.sim)
			}
			return
		}
	}
	from := len(sc.misspelt)
	if lists == nil {
		lists = ix.gramLists(tq, lo, hi, sc.gramLists[:0])
		sc.gramLists = lists
	}
	ix.scanTypos(q, tq, lists, sc, func(t int32, sim float64) {
		sc.misspelt = append(sc.misspelt, misspelling{t, sim})
		record(t, sim)
	})
	sc.scans = append(sc.scans, typoScan{key: q.key, sound: q.sound, lo: lo, hi: hi, from: from, to: len(sc.misspelt)})
}

// typoScan is a scan of the trigram lists of a query word's key for its
// misspellings of lo to hi letters: they are scratch.misspelt[from:to].
type typoScan struct {
	key, sound string
	lo, hi     int
	from, to   int
}

// misspelling is a term within the typo budget of a query word, and its
// similarity to it.
type misspelling struct {
	term int32
	sim  float64
}

// postingsPerEdit is how many terms of trigram lists scanTypos reads in
// the time closeTypos asks the index about one word.
const postingsPerEdit = 3

// gramLists appends to lists, and returns, the terms of each trigram of
// the word of tq of lo to hi letters.
func (ix *index) gramLists(tq *typoQuery, lo, hi int, lists []gramList) []gramList {
	for _, g := range tq.grams {
		ts := ix.grams.get(g.gram)
		ts = ts[ix.ofLength(ts, lo):]
		lists = append(lists, gramList{ts: ts[:ix.ofLength(ts, hi+1)], times: int(g.times)})
	}
	return lists
}

// scanTypos records the terms of lists, the trigram lists of query word q
// of typo query tq, that are within its typo budget, with record, found
// through the trigrams they share (see setTypoQuery).
//
// A word that shares need of the k trigrams is in one of any k-need+1 of
// their lists: the shortest ones find the words, and the others only count
// the trigrams of the words found, so that the words of the frequent
// trigrams alone, the most, are never collected. A trigram the word holds
// more than once is counted as often, its list read once.
//
// The trigram counts are the word's own: what is found for a word does not
// depend on the words looked up before it, nor on whether near misses are
// wanted.
func (ix *index) scanTypos(q *qtoken, tq *typoQuery, lists []gramList, sc *scratch, record func(t int32, sim float64)) {
	need := tq.need
	slices.SortFunc(lists, func(a, b gramList) int { return cmp.Compare(len(a.ts), len(b.ts)) })
	// The longest lists, as many as hold fewer than need of the word's
	// trigrams together, only count: a word in none of the others shares
	// too few.
	find, rest := len(lists), 0
	for find > 0 && rest+lists[find-1].times < need {
		find--
		rest += lists[find].times
	}
	// Each word counts its own shared trigrams: what a word finds must
	// not depend on the words looked up before it. The counts are left at
	// zero after the word. The loops take no branch that depends on a
	// word: which way it goes would be guessed wrong half the time.
	size := 0
	for _, l := range lists[:find] {
		size += len(l.ts)
	}
	found := slices.Grow(sc.gramTs[:0], size)[:size]
	n, counts := 0, sc.gramHits
	for _, l := range lists[:find] {
		for _, t := range l.ts {
			h := counts[t]
			found[n] = t
			n += b2i(h == 0)
			counts[t] = uint8(min(int(h)+l.times, 0xff))
		}
	}
	sc.gramTs = found[:n]
	for _, l := range lists[find:] {
		for _, t := range l.ts {
			h := int(counts[t])
			counts[t] = uint8(min(h+l.times*b2i(h != 0), 0xff))
		}
	}
	// Most words that share enough trigrams are no misspelling: f tells
	// them from the few others, which typoSim scores, at a fraction of
	// its cost (see typoFilter). Equal keys and sound keys were looked up
	// directly. The words that share what a word of any length looked up
	// must are kept first, their counts left, then those that share what
	// one of their own length must, then those whose letters could be
	// within the budget of the longest words, then those whose letters
	// could be within the budget of their own length, which their
	// typoKeys give, each in a loop of loads that do not wait for one
	// another: the records of the words are far apart in a large list,
	// and accepts finds the typoKeys near when it reads them. Most words
	// found share too few trigrams for any length, told without reading
	// their lengths.
	ts, k := sc.gramTs, 0
	for _, t := range ts {
		hits := counts[t]
		kept := b2i(int(hits) >= tq.need)
		counts[t] = hits * uint8(kept)
		ts[k] = t
		k += kept
	}
	ts, k = ts[:k], 0
	for _, t := range ts {
		hits := int(counts[t])
		counts[t] = 0
		ts[k] = t
		k += b2i(hits >= tq.needOf(int(ix.keyLen[t])))
	}
	ts = ts[:k]
	f := &sc.typos
	f.set(&q.word)
	most := typoBudget(tq.maxLen) // the budget of the longest words looked up
	k = 0
	for _, t := range ts {
		ts[k] = t
		if f.mayAccept(&ix.typoSets[t], most) {
			k++
		}
	}
	ts, k = ts[:k], 0
	for _, t := range ts {
		ts[k] = t
		n, held := ix.typo[t].key.length()
		if !held {
			n = tq.maxLen
		}
		k += b2i(f.mayAccept(&ix.typoSets[t], typoBudget(max(len(q.key), n))))
	}
	for _, t := range ts[:k] {
		if !f.accepts(&ix.typoSets[t], &ix.typo[t], &ix.terms[t].word) {
			continue
		}
		if sim, ok := typoSim(&q.word, &ix.terms[t].word); ok {
			record(t, sim)
		}
	}
}

// gramList is the terms of a trigram a word being looked up for
// misspellings holds, and how many times the word holds it.
type gramList struct {
	ts    []int32
	times int
}

// ofLength returns the index in ts, terms in the order of the lengths of
// their keys, of the first of n letters or more.
func (ix *index) ofLength(ts []int32, n int) int {
	lo, hi := 0, len(ts)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if int(ix.keyLen[ts[h]]) < n {
			lo = h + 1
		} else {
			hi = h
		}
	}
	return lo
}

// joinsWords returns the weight of two neighbouring words of name n that
// w is written together, words that may be (see tokenRef.joined), by their
// keys or by their sound keys, as scoring joins them (see appendJoined),
// and whether there are such words.
func (ix *index) joinsWords(n int32, w *word) (float32, bool) {
	nm := &ix.names[n]
	for j := nm.tokLo + 1; j < nm.tokHi(); j++ {
		if !ix.tokens[j].joined() {
			continue
		}
		a, b := &ix.terms[ix.tokens[j-1].term()], &ix.terms[ix.tokens[j].term()]
		if joins(a.key, b.key, w.key) || soundJoins(&a.word, &b.word, w) {
			return ix.weight(ix.tokens[j-1]) + ix.weight(ix.tokens[j]), true
		}
	}
	return 0, false
}

// gluedSounds reports whether the glue index holds words a and b, neighbours
// that may be written together, by their sound keys too: when they have
// sound keys, and the sound keys written together are not their keys
// written together, which it holds anyway.
func gluedSounds(a, b *word) bool {
	return a.sound != "" && b.sound != "" && (a.sound != a.key || b.sound != b.key)
}

// syllablesIn reports whether key is made of the first letters of the
// first words of name n (see syllablesOf).
func (ix *index) syllablesIn(n int32, key string) bool {
	nm := &ix.names[n]
	ctoks := ix.tokens[nm.tokLo:nm.tokHi()]
	_, _, ok := syllablesOf(key, len(ctoks), func(j int) *term { return &ix.terms[ctoks[j].term()] })
	return ok
}

// lookupJoined records the terms that are neighbouring query words a and
// b written together, by their keys or by their sound keys, as scoring
// joins them (see joinsTerm).
func (ix *index) lookupJoined(a, b *qtoken, sc *scratch) {
	if !joinable(a.kind) || !joinable(b.kind) {
		return
	}
	if t, ok := ix.joinedTerm(a.key, b.key); ok {
		ix.hitJoined(t, sc)
	}
	if gluedSounds(&a.word, &b.word) { // by their keys otherwise, above
		for _, t := range ix.bySound.get(hashKey(hashKey(hashSeed, a.sound), b.sound)) {
			if soundJoins(&a.word, &b.word, &ix.terms[t].word) {
				ix.hitJoined(t, sc)
			}
		}
	}
}

// hitJoined records term t, which query words meet written together or
// apart.
func (ix *index) hitJoined(t int32, sc *scratch) {
	sc.hit(t, simJoined)
	if ix.selective(t) {
		sc.retrieve = append(sc.retrieve, t)
	}
}

// runAcronymHits prepares the ranking of the names whose words and query
// variant qv's may meet as an acronym and a run of words (see
// appendRunAcronyms): it keeps the variant's words that may spell a run of
// a name's words, for ranking to count (see runAcronymEstimate), and sets
// in sc.runSim what the names of the list's words that spell the initials
// of a run of the variant's words may add, and those words in sc.runTerms,
// the only ones scoring reads so. Such a pair makes no name a candidate:
// the names must meet in another word too, which finds them.
func (ix *index) runAcronymHits(qv *qvariant, sc *scratch) {
	if qv.core < 2 {
		return
	}
	for i := range qv.toks {
		if q := &qv.toks[i]; qv.acroWords&wordBit(i) != 0 && q.kind != normalize.Generic {
			sc.acros = append(sc.acros, qacro{key: q.key, term: q.term, full: float32(q.full)})
		}
	}
	var buf [maxRunAcronym]byte
	for i := range qv.toks {
		if c := qv.toks[i].initial; c < 'a' {
			continue
		}
		n, full := 0, 0.0
		for j := i; j < len(qv.toks) && n < maxRunAcronym; j++ {
			w := &qv.toks[j]
			if w.initial == skipInitial {
				continue
			}
			if w.initial < 'a' {
				break
			}
			buf[n] = w.initial
			n++
			full += w.full
			if n < minRunAcronym || i == 0 && j == len(qv.toks)-1 {
				continue
			}
			t, ok := ix.term(string(buf[:n]))
			if !ok || !ix.terms[t].acro || !ix.selective(t) {
				continue
			}
			if !slices.Contains(sc.runTerms, t) {
				sc.runTerms = append(sc.runTerms, t)
			}
			est := float32(simAcronym * (full + float64(ix.terms[t].weight)))
			for _, nid := range ix.postingsOf(t) {
				if runAcronymName(&ix.names[nid]) {
					sc.addRun(nid, est)
				}
			}
		}
	}
}

// runAcronymName reports whether a word of name nm may spell a run of the
// query's words (see appendRunAcronyms).
func runAcronymName(nm *indexedName) bool { return nm.entity && nm.core >= 2 }

// queryAcronymName reports whether a word of a query may spell a run of
// the words of name nm (see appendRunAcronyms): a name of one distinctive
// word may, its organization words spelled ("SB", "Subsidiary Bank").
func queryAcronymName(nm *indexedName) bool { return nm.entity && nm.core >= 1 }

// runAcronymEstimate returns what the query words acros may add to the
// weight a name of words toks has in common with the query, as acronyms
// of runs of its words (see appendRunAcronyms): for each, the most that
// such a pair weighs.
func (ix *index) runAcronymEstimate(toks []tokenRef, acros []qacro) float32 {
	// The initials of the name's words, read once for all of acros: a
	// query word whose first letter begins none of the name's words spells
	// no run of them and adds nothing (see letterBit).
	var initials uint32
	for j := range toks {
		initials |= letterBit(ix.terms[toks[j].term()].initial)
	}
	var sum float32
	for _, a := range acros {
		if initials&letterBit(a.key[0]) == 0 {
			continue
		}
		if a.term >= 0 && slices.ContainsFunc(toks, func(tr tokenRef) bool { return tr.term() == a.term }) {
			continue // the name meets the word itself
		}
		var most float32
		for j := range toks {
			if ix.terms[toks[j].term()].initial != a.key[0] {
				continue
			}
			end, ok := initialsAt(a.key, len(toks), j, func(k int) byte { return ix.terms[toks[k].term()].initial },
				func(k int) byte { return digraphOf(ix.terms[toks[k].term()].key) })
			if !ok || end-j+1 == len(toks) {
				continue
			}
			v := a.full
			for k := j; k <= end; k++ {
				v += ix.weight(toks[k])
			}
			most = max(most, float32(simAcronym)*v)
		}
		sum += most
	}
	return sum
}

// b2i returns 1 for true and 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
