//go:build race

package screening

// RaceEnabled reports whether the tests run under the race detector, which
// makes sync.Pool drop items at random (allocation counts then mean little)
// and the exhaustive checks too slow to run whole. It is exported to the
// external tests of package screening_test; it exists only in test builds.
const RaceEnabled = true
