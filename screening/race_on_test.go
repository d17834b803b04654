//go:build race

package screening_test

// raceEnabled reports whether the tests run under the race detector, which
// makes sync.Pool drop items at random: allocation counts then mean little.
const raceEnabled = true
