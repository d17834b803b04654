//go:build !unix

package entitylist

// lockDir takes no lock where flock(2) is missing: updates within one
// process are still serialized (updateMu), but not those of several
// processes.
func lockDir(dir string) (unlock func(), err error) {
	return func() {}, nil
}
