//go:build race

package screening

// raceOn reports whether the tests run under the race detector, which makes
// the exhaustive checks too slow to run whole.
const raceOn = true
