package screening

import (
	"fmt"
	"slices"

	"github.com/entityscreen/entityscreen/entitylist"
)

// DefaultThreshold is the score at or above which a match is an alert. It
// was chosen on a labelled evaluation set of vendor-style name variants and
// names of real non-listed companies against the full 2022 Consolidated
// Screening List, as the lowest threshold (so the highest recall) whose
// false-alarm rate was at most half the 1% target, leaving room for the
// sampling error of a few hundred negatives. A missed hit is the costlier
// error, so ties go to the lower threshold. The README's "Accuracy" section
// gives the figures.
const DefaultThreshold = 0.72

// DefaultLimit is the number of matches a query returns at most.
const DefaultLimit = 5

// An Option sets how names are screened. Options given to New are the
// Screener's defaults; options given to Screen, ScreenAll or ScreenSeq
// apply to that call only, on top of the defaults, and cost no rebuild.
// Every function that takes options validates them (see CheckOptions) and
// returns an error naming the one that is invalid.
//
// A nil Option is invalid, and every function that takes options refuses it.
// Options hold only the settings they were made with: one may be given to
// many calls and Screeners at once, from many goroutines.
type Option func(*options)

// options are the settings of a Screener or of one call.
type options struct {
	threshold   float64
	minScore    float64 // as set; see floor
	minScoreSet bool    // false: the minimum score is the threshold
	limit       int
	workers     int                          // 0: every CPU
	sources     []entitylist.Source          // empty: every source
	types       []entitylist.EntityType      // empty: every type
	entries     map[entitylist.EntryKey]bool // nil: every entry
	only        []int32                      // the names of the entries of entries, found by the Screener (see resolveEntries)
	explain     bool                         // see WithExplanations
	weak        bool                         // see WithWeakAliases
}

// WithThreshold sets the score at or above which a match is an alert, in
// (0, 1]. The default is DefaultThreshold.
func WithThreshold(t float64) Option { return func(o *options) { o.threshold = t } }

// WithMinScore makes screening also report candidates scoring at least f
// but below the threshold, with Alert false: near misses, for analysts. f
// must be in [0, 1]; the default is the threshold, and a minimum above the
// threshold is the threshold.
func WithMinScore(f float64) Option {
	return func(o *options) { o.minScore, o.minScoreSet = f, true }
}

// WithWeakAliases sets whether the aliases a list calls weak
// (entitylist.Alias.Weak: OFAC's "weak a.k.a.", the UN's aliases of low
// quality) are screened as the entry's other names are. By default they
// are not: they are broad or generic names, nicknames and common
// acronyms ("PATRICIA", "THE CHESS PLAYER", "BNC") that would raise false
// alarms by the hundred, and OFAC does not expect weak aliases to be
// screened, only to help confirm a hit that other information raises
// (OFAC FAQ 124). An entry is still found through its other names, and
// its Entry holds its weak aliases for the analyst. Lists that do not
// mark aliases, such as the CSL, are screened the same either way, but for
// their rows of a party another list merged with them marks so: the
// CSL's row of an OFAC entry (the same entity number) has that entry's
// weak aliases.
func WithWeakAliases(screen bool) Option { return func(o *options) { o.weak = screen } }

// WithLimit sets how many matches a query returns at most, n >= 1. The
// default is DefaultLimit; Result.More counts the matches it leaves out.
func WithLimit(n int) Option { return func(o *options) { o.limit = n } }

// MaxWorkers is the most goroutines WithWorkers can ask for: more than
// the cores of a large machine (screening is bound by the CPU, so more
// workers than cores screen no faster), and few enough that their working
// memory stays bounded: a worker screening holds memory in proportion to
// the list, about a megabyte for the whole CSL, and the queries of a few
// (see ScreenSeq).
const MaxWorkers = 1024

// WithWorkers sets how many goroutines ScreenAll and ScreenSeq screen on,
// 0 <= n <= MaxWorkers; 0, the default, uses every CPU (GOMAXPROCS).
// Screen ignores it.
func WithWorkers(n int) Option { return func(o *options) { o.workers = n } }

// WithSources screens only the entries of the given source lists (such as
// entitylist.EntityList and entitylist.SpeciallyDesignated); with none,
// the default, every entry. A source the list does not hold is no error:
// it matches nothing.
func WithSources(sources ...entitylist.Source) Option {
	sources = slices.Clone(sources)
	return func(o *options) { o.sources = sources }
}

// WithTypes screens only the entries of the given entity types; with none,
// the default, every entry. Entries whose type the list leaves unknown
// (the BIS and State lists publish none) are always screened: they may be
// of any type, and leaving them out would hide the Entity List.
func WithTypes(types ...entitylist.EntityType) Option {
	types = slices.Clone(types)
	return func(o *options) { o.types = types }
}

// WithEntries screens only the entries of the given keys (see
// entitylist.List.Keys), say those a list update added or changed, so
// that vendors already screened are screened against them alone. Scores
// are those of the whole list: the other entries are left out, not
// forgotten. With no keys, the default, every entry; a key the list does
// not hold matches nothing.
func WithEntries(keys ...entitylist.EntryKey) Option {
	var set map[entitylist.EntryKey]bool
	if len(keys) > 0 {
		set = make(map[entitylist.EntryKey]bool, len(keys))
		for _, k := range keys {
			set[k] = true
		}
	}
	return func(o *options) { o.entries = set }
}

// WithExplanations sets whether screening explains each match it reports
// (see Match.Explanation). The default is true: a score an audit cannot
// trace is of no use. Explaining a match costs about as much as scoring it
// again, and allocations; a program that screens in bulk and reads only
// the scores and entries may turn it off, and a match's Explanation is
// then the zero Explanation.
func WithExplanations(explain bool) Option { return func(o *options) { o.explain = explain } }

// defaults are the options of a Screener built without any.
var defaults = options{threshold: DefaultThreshold, limit: DefaultLimit, explain: true}

// with returns o with opts applied, validated: the one place the rules of
// the options are.
func (o options) with(opts []Option) (options, error) {
	for i, opt := range opts {
		if opt == nil {
			return o, fmt.Errorf("screening: option %d of %d is nil", i+1, len(opts))
		}
		opt(&o)
	}
	if !(o.threshold > 0 && o.threshold <= 1) {
		return o, fmt.Errorf("screening: threshold %v is not in (0, 1]", o.threshold)
	}
	if o.minScoreSet && !(o.minScore >= 0 && o.minScore <= 1) {
		return o, fmt.Errorf("screening: minimum score %v is not in [0, 1]", o.minScore)
	}
	if o.limit < 1 {
		return o, fmt.Errorf("screening: limit %d is less than 1", o.limit)
	}
	if o.workers < 0 {
		return o, fmt.Errorf("screening: workers %d is less than 0", o.workers)
	}
	if o.workers > MaxWorkers {
		return o, fmt.Errorf("screening: workers %d is more than %d (MaxWorkers)", o.workers, MaxWorkers)
	}
	for _, s := range o.sources {
		if s == "" {
			return o, fmt.Errorf("screening: empty source in %q", o.sources)
		}
	}
	for _, t := range o.types {
		if t > entitylist.TypeAircraft {
			return o, fmt.Errorf("screening: unknown entity type %d", t)
		}
	}
	return o, nil
}

// floor is the minimum score a match must reach to be reported.
func (o *options) floor() float64 {
	if !o.minScoreSet {
		return o.threshold
	}
	return min(o.minScore, o.threshold)
}

// screens reports whether the sources and types of the options let an
// entry of source src and type typ be screened; the entries of WithEntries
// are those the candidates are found among (see Screener.screen).
func (o *options) screens(src entitylist.Source, typ entitylist.EntityType) bool {
	if len(o.sources) > 0 && !slices.Contains(o.sources, src) {
		return false
	}
	return len(o.types) == 0 || typ == entitylist.TypeUnknown || slices.Contains(o.types, typ)
}

// CheckOptions returns the error New would return for opts, without a
// list: a program can check its settings before it loads one.
func CheckOptions(opts ...Option) error {
	_, err := defaults.with(opts)
	return err
}
