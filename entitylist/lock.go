package entitylist

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/entityscreen/entityscreen/internal/printable"
)

// ErrCacheLocked is wrapped by the error of [Cache.UpdateFeed] when another
// update of the same cache directory held its lock for longer than the
// update would wait ([Cache.LockWait]).
var ErrCacheLocked = errors.New("the cache is locked by another update")

// defaultLockWait is how long an update waits for another update of the
// same cache directory when Cache.LockWait is zero. An update holds the
// lock only while it checks and writes the files of the cache, after its
// download: seconds.
const defaultLockWait = 2 * time.Minute

// maxLockRetry is the longest pause between two tries of a lock held by
// another.
const maxLockRetry = 250 * time.Millisecond

// updateSem serializes the file work of updates within the process (a
// token in it is held); the lock file of the directory (lockDir), those of
// several processes. It is a channel rather than a mutex so that a wait
// for it ends with the caller's context.
var updateSem = make(chan struct{}, 1)

// lockTry is one try of a lock: ok when it is taken now, an error when it
// cannot be taken at all.
type lockTry func() (ok bool, err error)

// waitLock calls try until the lock is taken, try fails, the deadline
// passes or ctx is done, pausing between tries (from 5ms, doubling, to
// maxLockRetry). The errors name path, the lock's holder as holder
// describes it (the text of the lock file), and how long the wait was;
// that of a deadline passed wraps ErrCacheLocked, that of ctx done its
// error.
func waitLock(ctx context.Context, path string, deadline time.Time, try lockTry, holder func() string) error {
	start := time.Now()
	pause := 5 * time.Millisecond
	for {
		ok, err := try()
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
		left := time.Until(deadline)
		if left <= 0 {
			return fmt.Errorf("%s: another update of the cache holds the lock%s; gave up after waiting %s: %w",
				path, holder(), waited(start), ErrCacheLocked)
		}
		t := time.NewTimer(min(pause, left))
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("%s: another update of the cache holds the lock%s; stopped waiting after %s: %w",
				path, holder(), waited(start), ctxError(ctx))
		case <-t.C:
		}
		pause = min(2*pause, maxLockRetry)
	}
}

// waited returns the time since start, rounded for people.
func waited(start time.Time) time.Duration {
	return time.Since(start).Round(time.Millisecond)
}

// ctxError returns the error of the done ctx, with its cause when that
// says more (the signal that stopped a command, say).
func ctxError(ctx context.Context) error {
	err, cause := ctx.Err(), context.Cause(ctx)
	if cause == nil || cause == err {
		return err
	}
	return fmt.Errorf("%w (%v)", err, cause)
}

// takeUpdateSem takes the token of updateSem, waiting no later than
// deadline and no longer than ctx lasts; release returns it.
func takeUpdateSem(ctx context.Context, deadline time.Time) (release func(), err error) {
	release = func() { <-updateSem }
	select {
	case updateSem <- struct{}{}:
		return release, nil
	default:
	}
	start := time.Now()
	t := time.NewTimer(time.Until(deadline))
	defer t.Stop()
	select {
	case updateSem <- struct{}{}:
		return release, nil
	case <-t.C:
		return nil, fmt.Errorf("another update of a cache in this process still runs; gave up after waiting %s: %w", waited(start), ErrCacheLocked)
	case <-ctx.Done():
		return nil, fmt.Errorf("another update of a cache in this process still runs; stopped waiting after %s: %w", waited(start), ctxError(ctx))
	}
}

// lockHolder returns what the lock file at path says of its holder (see
// holderText), as " (held by ...)", or "" when it says nothing.
func lockHolder(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	s, _, _ := strings.Cut(string(data), "\n")
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 200 {
		return ""
	}
	return " (held by " + printable.Text(s) + ")"
}

// holderText returns the text a lock file holds while this process holds
// it: its process id and the time it was taken, and a random nonce, which
// makes it this take's own (see lockFileDir).
func holderText(now time.Time) string {
	return fmt.Sprintf("process %d since %s, take %s\n", os.Getpid(), now.UTC().Format(time.RFC3339), rand.Text()[:12])
}

// staleLockAfter is the age of a lock file (see lockFileDir) beyond which
// it is taken as left by an update that died: an update holds the lock for
// seconds.
const staleLockAfter = 10 * time.Minute

// lockFileDir takes the update lock of the directory with a lock file
// made at path with O_EXCL, for systems without flock(2): the file holds
// the holder's process id, the time it was taken and a nonce, and unlock
// removes it if it is still this take's. A lock file older than
// staleLockAfter was left by an update that died, and is removed (renamed
// aside first, so that of several waiters only one removes it). Two
// waiters that find an abandoned lock in the same instant may both take
// it; otherwise updates take turns.
func lockFileDir(ctx context.Context, path string, deadline time.Time) (unlock func(), err error) {
	var mine string
	try := func() (bool, error) {
		for range 2 { // a second time at once after removing a stale file
			now := time.Now()
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			if err == nil {
				mine = holderText(now)
				_, werr := f.WriteString(mine)
				if cerr := f.Close(); werr == nil {
					werr = cerr
				}
				if werr != nil {
					_ = os.Remove(path)
					return false, werr
				}
				return true, nil
			}
			if !errors.Is(err, fs.ErrExist) {
				return false, err
			}
			fi, err := os.Stat(path)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				continue // released since
			case err != nil:
				return false, err
			case now.Sub(fi.ModTime()) < staleLockAfter:
				return false, nil
			}
			aside := fmt.Sprintf("%s.%d.%d.stale", path, os.Getpid(), now.UnixNano())
			if os.Rename(path, aside) == nil {
				_ = os.Remove(aside)
			}
		}
		return false, nil
	}
	if err := waitLock(ctx, path, deadline, try, func() string { return lockHolder(path) }); err != nil {
		return nil, err
	}
	return func() {
		if data, err := os.ReadFile(path); err == nil && string(data) == mine {
			_ = os.Remove(path)
		}
	}, nil
}
