//go:build unix

package entitylist

import (
	"context"
	"errors"
	"os"
	"syscall"
	"time"
)

// lockDir takes the update lock of the cache directory dir, which must
// exist: an exclusive flock(2) of its lock file, held until unlock is
// called, so that updates of one directory from several processes run one
// after the other. The system releases it when the process ends, however
// it ends. It waits for another holder no later than deadline and no
// longer than ctx lasts (see waitLock); the holder writes its process id
// and the time it took the lock in the file, which the errors of a wait
// show.
func lockDir(ctx context.Context, dir string, deadline time.Time) (unlock func(), err error) {
	path := lockPath(dir)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	try := func() (bool, error) {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, syscall.EWOULDBLOCK), errors.Is(err, syscall.EINTR):
			return false, nil
		}
		return false, &os.PathError{Op: "flock", Path: path, Err: err}
	}
	if err := waitLock(ctx, path, deadline, try, func() string { return lockHolder(path) }); err != nil {
		f.Close()
		return nil, err
	}
	// Who holds it, for the errors of those who wait: only a note.
	if f.Truncate(0) == nil {
		_, _ = f.WriteAt([]byte(holderText(time.Now())), 0)
	}
	return func() { f.Close() }, nil
}
