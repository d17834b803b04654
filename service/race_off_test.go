//go:build !race

package service

// raceEnabled reports whether the tests run with the race detector, under
// which the tests that load the full list skip: they would take minutes.
const raceEnabled = false
