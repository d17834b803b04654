package screening

import "testing"

// WithoutIndexes returns m without the indexes of its rows in the list (see
// Match.Indexes), as a match read back from JSON is: for the external tests
// of package screening_test, which compare such matches. It exists only in
// test builds.
func WithoutIndexes(m Match) Match {
	m.at, m.alsoAt = 0, nil
	return m
}

// Retrieved returns the scores of the entries that score at least the
// minimum for q, scoring every name, and those Screen finds (see
// retrieved): for the external tests of package screening_test, which
// make large lists. It exists only in test builds.
func (s *Screener) Retrieved(t *testing.T, q Query) (want, got map[int32]float64) {
	t.Helper()
	return s.retrieved(t, q)
}

// BeyondLookup reports whether retrieval cannot be asked to find entry e
// for q (see beyondLookup): for the external tests of package
// screening_test. It exists only in test builds.
func (s *Screener) BeyondLookup(t *testing.T, q Query, e int32) bool {
	t.Helper()
	return s.beyondLookup(t, q, e)
}

// BelowMargin returns the names ranked for q that score the minimum with
// an estimate below the margin, but those excused (see belowMargin): for
// the external tests of package screening_test, which make large lists.
// It exists only in test builds.
func (s *Screener) BelowMargin(t *testing.T, q Query) (below []string, ranked, excused int) {
	t.Helper()
	return s.belowMargin(t, q)
}

// ErrNoNames is errNoNames, New's error for a list none of whose names can
// be indexed: for the external tests of package screening_test. It exists
// only in test builds.
var ErrNoNames = errNoNames
