//go:build unix

package entitylist

import (
	"os"
	"syscall"
)

// lockDir takes the update lock of the cache directory dir, which must
// exist: an exclusive flock(2) of its lock file, held until unlock is
// called, so that updates of one directory from several processes run one
// after the other. The system releases it when the process ends, however
// it ends.
func lockDir(dir string) (unlock func(), err error) {
	f, err := os.OpenFile(lockPath(dir), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, &os.PathError{Op: "flock", Path: f.Name(), Err: err}
	}
	return func() { f.Close() }, nil
}
