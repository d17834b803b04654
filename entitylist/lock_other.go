//go:build !unix

package entitylist

import (
	"context"
	"time"
)

// lockDir takes the update lock of the cache directory dir, which must
// exist, where flock(2) is missing: a lock file made with O_EXCL (see
// lockFileDir), removed when unlock is called. It waits for another
// holder no later than deadline and no longer than ctx lasts. A process
// that dies holding it leaves the file, taken as abandoned once
// staleLockAfter old, by one waiter at a time (see takeOver).
func lockDir(ctx context.Context, dir string, deadline time.Time) (unlock func(), err error) {
	return lockFileDir(ctx, lockPath(dir), deadline)
}
