package monitor

import "testing"

// WithoutReach makes the runs of t screen every vendor that did not change
// against the entries that did, as runs did before footprints, until t
// ends.
func WithoutReach(t testing.TB) {
	reachOff.Store(true)
	t.Cleanup(func() { reachOff.Store(false) })
}
