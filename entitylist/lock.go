package entitylist

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
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
// staleLockAfter was left by an update that died, and is taken over (see
// takeOver): of several waiters that find it abandoned at the same
// instant, one removes it, and they then take the lock in turn as for a
// lock released.
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
			gen, stale, err := lockGeneration(path, now)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				continue // released since
			case err != nil:
				return false, err
			case !stale:
				return false, nil
			}
			if removed, err := takeOver(path, gen, now); err != nil || !removed {
				return false, err
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

// staleTakeOverAfter is the age of a take-over file (see takeOver) beyond
// which the waiter that made it is taken as dead: a take-over lasts as
// long as a stat, a read and a remove.
const staleTakeOverAfter = time.Minute

// maxTakeOvers bounds the take-over files of one abandoned lock: each
// but the last was left by a waiter that died taking the lock over.
const maxTakeOvers = 8

// lockGeneration returns the generation of the lock file at path: a hash
// of its text and its modification time, read from the one file (the text
// holds a nonce: no two takes of the lock write alike), and whether it is
// older than staleLockAfter at now.
func lockGeneration(path string, now time.Time) (gen string, stale bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", false, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", false, err
	}
	data, err := io.ReadAll(io.LimitReader(f, 4096))
	if err != nil {
		return "", false, err
	}
	sum := sha256.Sum256(fmt.Appendf(data, "\x00%d", fi.ModTime().UnixNano()))
	return hex.EncodeToString(sum[:8]), now.Sub(fi.ModTime()) >= staleLockAfter, nil
}

// takeOver removes the abandoned lock file at path of generation gen (see
// lockGeneration) if this waiter is the one to: the waiter that makes the
// take-over file of that generation, path+".takeover."+gen, with O_EXCL.
// Holding it, the waiter reads the lock's generation again and removes the
// file only if it is still the abandoned one: never a lock another waiter
// has taken since. Only the take-over file's maker removes the lock file of
// a generation, so no two waiters remove one lock, nor the one that
// replaced it. A take-over file older than staleTakeOverAfter was left by a
// waiter that died taking over, and the next take-over file of the
// generation (".1", ".2", ...) is made in its place; one younger means
// another waiter is taking over, and removed is false.
func takeOver(path, gen string, now time.Time) (removed bool, err error) {
	for i := range maxTakeOvers {
		token := takeOverFile(path, gen, i)
		f, err := os.OpenFile(token, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			fi, serr := os.Stat(token)
			if serr == nil && now.Sub(fi.ModTime()) < staleTakeOverAfter {
				return false, nil
			}
			if serr != nil && !errors.Is(serr, fs.ErrNotExist) {
				return false, serr
			}
			continue // left by a waiter that died, or removed since
		}
		if err != nil {
			return false, err
		}
		_, werr := f.WriteString(holderText(now))
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		defer removeTakeOvers(path, gen, i)
		if werr != nil {
			return false, werr
		}
		again, stale, err := lockGeneration(path, time.Now())
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return true, nil // removed since: free to take
		case err != nil:
			return false, err
		case again != gen || !stale:
			return false, nil // taken again since
		}
		// A remove that fails (on Windows, while another waiter reads
		// the file) is tried again at the next try, as a lock held.
		err = os.Remove(path)
		return err == nil || errors.Is(err, fs.ErrNotExist), nil
	}
	return false, fmt.Errorf("%s: %d waiters died taking over the abandoned lock; remove %s.takeover.%s*", path, maxTakeOvers, path, gen)
}

// removeTakeOvers removes the take-over files of generation gen of the
// lock file at path, up to the last'th: once the abandoned lock is gone
// they serve no one.
func removeTakeOvers(path, gen string, last int) {
	for i := last; i >= 0; i-- {
		_ = os.Remove(takeOverFile(path, gen, i))
	}
}

// takeOverFile returns the name of the i'th take-over file of generation
// gen of the lock file at path (see takeOver): path+".takeover."+gen, then
// ".1", ".2", ... after it.
func takeOverFile(path, gen string, i int) string {
	if i == 0 {
		return path + ".takeover." + gen
	}
	return path + ".takeover." + gen + "." + strconv.Itoa(i)
}
