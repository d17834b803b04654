package entitylist

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// abandonedLock writes at dir a lock file left by an update that died,
// older than staleLockAfter, and returns its path.
func abandonedLock(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, lockFile)
	require.NoError(t, os.WriteFile(path, []byte("process 1 since 2020-01-01T00:00:00Z, take abandoned\n"), 0o644))
	old := time.Now().Add(-staleLockAfter - time.Minute)
	require.NoError(t, os.Chtimes(path, old, old))
	return path
}

// takeAndRelease takes the lock file at path by deadline, checks that the
// take is this process's (the file's text holds me) and releases it, after
// which the lock's folder must be empty (why says why).
func takeAndRelease(t *testing.T, path string, deadline time.Time, me, why string) {
	t.Helper()
	unlock, err := lockFileDir(t.Context(), path, deadline)
	require.NoError(t, err)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(data), me)
	unlock()
	entries, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	assert.Empty(t, entries, why)
}

// TestLockFileDir checks the lock file of systems without flock(2): a
// second take waits and fails, naming the file and its holder, while the
// first holds it; a take after unlock succeeds; a file older than
// staleLockAfter, left by an update that died, is taken over, unless
// another waiter is taking it over, though not when that waiter died doing
// so; unlock
// removes only its own take's file; and a wait ends with its context.
func TestLockFileDir(t *testing.T) {
	soon := func() time.Time { return time.Now().Add(200 * time.Millisecond) }
	me := "process " + strconv.Itoa(os.Getpid()) + " since "

	t.Run("takes turns", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), lockFile)
		unlock, err := lockFileDir(t.Context(), path, soon())
		require.NoError(t, err)
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Contains(t, string(data), me)

		_, err = lockFileDir(t.Context(), path, soon())
		require.ErrorIs(t, err, ErrCacheLocked)
		assert.Contains(t, err.Error(), path)
		assert.Contains(t, err.Error(), "held by "+me)
		assert.Contains(t, err.Error(), "gave up after waiting")

		unlock()
		assert.NoFileExists(t, path)
		unlock2, err := lockFileDir(t.Context(), path, soon())
		require.NoError(t, err)
		unlock2()
	})
	t.Run("released while waiting", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), lockFile)
		unlock, err := lockFileDir(t.Context(), path, soon())
		require.NoError(t, err)
		time.AfterFunc(100*time.Millisecond, unlock)
		unlock2, err := lockFileDir(t.Context(), path, time.Now().Add(10*time.Second))
		require.NoError(t, err)
		unlock2()
	})
	t.Run("abandoned", func(t *testing.T) {
		path := abandonedLock(t, t.TempDir())
		takeAndRelease(t, path, soon(), me, "the abandoned file is removed, not left aside")
	})
	t.Run("take-over under way", func(t *testing.T) {
		// Another waiter is taking the abandoned lock over: this one
		// waits for it, and leaves both files.
		path := abandonedLock(t, t.TempDir())
		gen, stale, err := lockGeneration(path, time.Now())
		require.NoError(t, err)
		require.True(t, stale)
		require.NoError(t, os.WriteFile(path+".takeover."+gen, []byte("process 2\n"), 0o644))
		_, err = lockFileDir(t.Context(), path, soon())
		require.ErrorIs(t, err, ErrCacheLocked)
		assert.FileExists(t, path)
		assert.FileExists(t, path+".takeover."+gen)
	})
	t.Run("take-over abandoned", func(t *testing.T) {
		// The waiter taking the abandoned lock over died doing so: its
		// take-over file, old, does not keep the lock from being taken.
		path := abandonedLock(t, t.TempDir())
		gen, _, err := lockGeneration(path, time.Now())
		require.NoError(t, err)
		token := path + ".takeover." + gen
		require.NoError(t, os.WriteFile(token, []byte("process 2\n"), 0o644))
		old := time.Now().Add(-staleTakeOverAfter - time.Minute)
		require.NoError(t, os.Chtimes(token, old, old))
		takeAndRelease(t, path, soon(), me, "the lock and the take-over files are removed")
	})
	t.Run("unlock leaves another's", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), lockFile)
		unlock, err := lockFileDir(t.Context(), path, soon())
		require.NoError(t, err)
		// Taken over meanwhile, as abandoned, by another.
		require.NoError(t, os.WriteFile(path, []byte("process 1 since 2030-01-01T00:00:00Z\n"), 0o644))
		unlock()
		assert.FileExists(t, path)
	})
	t.Run("context ends", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), lockFile)
		unlock, err := lockFileDir(t.Context(), path, soon())
		require.NoError(t, err)
		defer unlock()
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(100*time.Millisecond, cancel)
		_, err = lockFileDir(ctx, path, time.Now().Add(time.Hour))
		require.ErrorIs(t, err, context.Canceled)
		assert.Contains(t, err.Error(), path)
		assert.Contains(t, err.Error(), "stopped waiting after")
	})
}

// TestLockFileDirStaleRace checks that of several waiters that find one
// abandoned lock file at the same instant, one takes it at a time: none
// removes the lock another has just taken in its place, and each takes it
// in turn.
func TestLockFileDirStaleRace(t *testing.T) {
	const waiters = 8
	for round := range 10 {
		path := abandonedLock(t, t.TempDir())

		var holders, most atomic.Int32
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make([]error, waiters)
		for i := range waiters {
			wg.Go(func() {
				<-start
				unlock, err := lockFileDir(t.Context(), path, time.Now().Add(20*time.Second))
				if err != nil {
					errs[i] = err
					return
				}
				n := holders.Add(1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				time.Sleep(2 * time.Millisecond)
				holders.Add(-1)
				unlock()
			})
		}
		close(start)
		wg.Wait()
		for i, err := range errs {
			require.NoError(t, err, "round %d, waiter %d", round, i)
		}
		require.Equal(t, int32(1), most.Load(), "round %d: waiters holding the lock at once", round)
		entries, err := os.ReadDir(filepath.Dir(path))
		require.NoError(t, err)
		assert.Empty(t, entries, "round %d: the lock and every file of its take-over are removed", round)
	}
}

// lockHelperEnv makes the test binary a waiter of
// TestLockFileDirStaleRaceProcesses: it names the lock file.
const lockHelperEnv = "ENTITYSCREEN_LOCK_HELPER"

// staleLockWaiter waits for the file go next to path, then takes the lock
// file at path and, holding it, makes the file inside with O_EXCL, which
// must not exist (another holder's), and removes it again. It returns
// "overlap" when inside was there, "took" when the lock was taken, or the
// error.
func staleLockWaiter(ctx context.Context, path string) string {
	dir := filepath.Dir(path)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go")); err == nil {
			break
		}
		time.Sleep(time.Millisecond)
	}
	unlock, err := lockFileDir(ctx, path, time.Now().Add(20*time.Second))
	if err != nil {
		return err.Error()
	}
	defer unlock()
	inside := filepath.Join(dir, "inside")
	f, err := os.OpenFile(inside, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "overlap"
	}
	f.Close()
	time.Sleep(2 * time.Millisecond)
	if err := os.Remove(inside); err != nil {
		return err.Error()
	}
	return "took"
}

// TestLockHelperProcess is not a test: run by
// TestLockFileDirStaleRaceProcesses as another process, it races its
// goroutines for the lock file its environment names (staleLockWaiter)
// and prints what each found.
func TestLockHelperProcess(t *testing.T) {
	path := os.Getenv(lockHelperEnv)
	if path == "" {
		t.Skip("a waiter process of TestLockFileDirStaleRaceProcesses")
	}
	out := make([]string, 3)
	var wg sync.WaitGroup
	for i := range out {
		wg.Go(func() { out[i] = staleLockWaiter(context.Background(), path) })
	}
	wg.Wait()
	for _, o := range out {
		fmt.Println("WAITER " + o)
	}
}

// TestLockFileDirStaleRaceProcesses checks, as TestLockFileDirStaleRace
// does for goroutines, that waiters of several processes that find one
// abandoned lock file at once hold it one at a time.
func TestLockFileDirStaleRaceProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	for round := range 3 {
		dir := t.TempDir()
		path := abandonedLock(t, dir)

		outs := make([]strings.Builder, 3)
		cmds := make([]*exec.Cmd, len(outs))
		for i := range cmds {
			cmds[i] = exec.Command(os.Args[0], "-test.run=^TestLockHelperProcess$", "-test.count=1")
			cmds[i].Env = append(os.Environ(), lockHelperEnv+"="+path)
			cmds[i].Stdout, cmds[i].Stderr = &outs[i], &outs[i]
			require.NoError(t, cmds[i].Start())
		}
		mine := make([]string, 3)
		var wg sync.WaitGroup
		for i := range mine {
			wg.Go(func() { mine[i] = staleLockWaiter(t.Context(), path) })
		}
		time.Sleep(200 * time.Millisecond) // the processes start
		require.NoError(t, os.WriteFile(filepath.Join(dir, "go"), nil, 0o644))
		wg.Wait()
		got := mine
		for i, cmd := range cmds {
			require.NoError(t, cmd.Wait(), outs[i].String())
			for line := range strings.Lines(outs[i].String()) {
				if w, ok := strings.CutPrefix(strings.TrimSpace(line), "WAITER "); ok {
					got = append(got, w)
				}
			}
		}
		want := slices.Repeat([]string{"took"}, 3*(1+len(cmds)))
		assert.Equal(t, want, got, "round %d: every waiter takes the lock, none while another holds it", round)
	}
}

// TestTakeUpdateSem checks that a wait for another update of this process
// ends at its deadline or with its context.
func TestTakeUpdateSem(t *testing.T) {
	release, err := takeUpdateSem(t.Context(), time.Now())
	require.NoError(t, err)
	defer release()
	_, err = takeUpdateSem(t.Context(), time.Now().Add(100*time.Millisecond))
	require.ErrorIs(t, err, ErrCacheLocked)
	assert.Contains(t, err.Error(), "gave up after waiting")
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err = takeUpdateSem(ctx, time.Now().Add(time.Hour))
	require.ErrorIs(t, err, context.Canceled)
}
