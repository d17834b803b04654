package entitylist

import (
	"fmt"
	"maps"
	"strconv"
	"strings"
	"time"
)

// The tolerances of [Cache.Update]: how far a download may fall short of
// what the cache holds before Update refuses it, unless forced. A list that
// lost much of its entries, most of one source, or its newest entries is
// far more likely a broken export, a stale mirror or a download cut short
// at a row boundary (which no length check catches) than a real change.
const (
	// MaxEntryLossPercent is how many fewer entries, in percent, a
	// download may hold than the most the cache has held since the last
	// forced update.
	MaxEntryLossPercent = 10

	// MaxSourceLossPercent is how many fewer entries, in percent, any one
	// source may have in a download than the most the cache has held of it
	// since the last forced update; a source that is gone has lost them
	// all.
	MaxSourceLossPercent = 50
)

// RefusedError is the error of [Cache.Update] for a download that falls
// short of the cache beyond the tolerances ([MaxEntryLossPercent],
// [MaxSourceLossPercent], or a newest entry older than the cached one). It
// wraps [ErrShrunk], [ErrOlder] or both.
//
// The zero RefusedError is a refusal of no download, with no problem. Like
// any plain Go value it may be read by many goroutines at once, but not
// changed while another uses it.
type RefusedError struct {
	URL        string  // the address downloaded, with any password or key in it redacted
	Cached     Version // the cached list; zero if the cached file does not load
	Downloaded Version // the list refused

	// Reference is what the download was measured against: Entries and
	// BySource are the most entries the cache has held, in all and per
	// source, since the last forced update (so at least the cached list's),
	// and Newest the newest entry date it has held. Its other fields are
	// zero.
	Reference Version

	// Problems says which tolerances the download exceeds, one sentence
	// each, such as "EL: 0 entries, down 100% from 2001 (more than 50%)".
	Problems []string
}

// Error names the address and the problems.
func (e *RefusedError) Error() string {
	return fmt.Sprintf("entitylist: update from %s refused, use force to accept it: %s", e.URL, strings.Join(e.Problems, "; "))
}

// Unwrap returns ErrShrunk if the list lost too many entries, in all or
// of a source, and ErrOlder if its newest entry went back.
func (e *RefusedError) Unwrap() []error {
	var errs []error
	if shrunk(e.Reference, e.Downloaded) {
		errs = append(errs, ErrShrunk)
	}
	if e.Downloaded.Newest.Before(e.Reference.Newest) {
		errs = append(errs, ErrOlder)
	}
	return errs
}

// tooFew reports whether got entries are more than pct percent fewer than
// had.
func tooFew(had, got, pct int) bool { return (had-got)*100 > pct*had }

// shrunk reports whether got, a downloaded list, lost more entries than the
// tolerances allow against ref, in all or of a source.
func shrunk(ref, got Version) bool {
	if tooFew(ref.Entries, got.Entries, MaxEntryLossPercent) {
		return true
	}
	for s, n := range ref.BySource {
		if tooFew(n, got.BySource[s], MaxSourceLossPercent) {
			return true
		}
	}
	return false
}

// checkUpdate returns the tolerances that got, a downloaded list, exceeds
// against ref, in words; none if it may replace the cached list.
func checkUpdate(ref, got Version) []string {
	var problems []string
	if tooFew(ref.Entries, got.Entries, MaxEntryLossPercent) {
		problems = append(problems, fmt.Sprintf("entries: %d, down %s from %d (more than %d%%)",
			got.Entries, percent(ref.Entries-got.Entries, ref.Entries), ref.Entries, MaxEntryLossPercent))
	}
	for _, s := range ref.SourcesByCount() {
		if n, m := ref.BySource[s], got.BySource[s]; tooFew(n, m, MaxSourceLossPercent) {
			problems = append(problems, fmt.Sprintf("%s: %d entries, down %s from %d (more than %d%%)",
				s, m, percent(n-m, n), n, MaxSourceLossPercent))
		}
	}
	if got.Newest.Before(ref.Newest) {
		problems = append(problems, fmt.Sprintf("newest entry %s, older than %s", dateOrNone(got.Newest), dateOrNone(ref.Newest)))
	}
	return problems
}

// percent renders part/whole as a percentage: "100%", "14.1%".
func percent(part, whole int) string {
	if part*100%whole == 0 {
		return strconv.Itoa(part*100/whole) + "%"
	}
	return strconv.FormatFloat(float64(part)*100/float64(whole), 'f', 1, 64) + "%"
}

// dateOrNone renders a date, or "none" for the zero time.
func dateOrNone(t time.Time) string {
	if t.IsZero() {
		return "none"
	}
	return t.Format(time.DateOnly)
}

// highWater returns the counts of a and b, each the larger, and the later
// newest date: a Version with only Entries, BySource and Newest set.
func highWater(a, b Version) Version {
	v := Version{Entries: max(a.Entries, b.Entries), BySource: maps.Clone(a.BySource), Newest: a.Newest}
	if v.BySource == nil {
		v.BySource = make(map[Source]int, len(b.BySource))
	}
	for s, n := range b.BySource {
		v.BySource[s] = max(v.BySource[s], n)
	}
	if b.Newest.After(v.Newest) {
		v.Newest = b.Newest
	}
	return v
}

// counts returns the counts and newest date of v, as highWater does.
func counts(v Version) Version {
	return highWater(v, Version{})
}
