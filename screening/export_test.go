package screening

// WithoutIndexes returns m without the indexes of its rows in the list (see
// Match.Indexes), as a match read back from JSON is: for the external tests
// of package screening_test, which compare such matches. It exists only in
// test builds.
func WithoutIndexes(m Match) Match {
	m.at, m.alsoAt = 0, nil
	return m
}
