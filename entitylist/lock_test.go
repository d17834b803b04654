package entitylist

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLockFileDir checks the lock file of systems without flock(2): a
// second take waits and fails, naming the file and its holder, while the
// first holds it; a take after unlock succeeds; a file older than
// staleLockAfter, left by an update that died, is taken over; unlock
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
		path := filepath.Join(t.TempDir(), lockFile)
		require.NoError(t, os.WriteFile(path, []byte("process 1 since 2020-01-01T00:00:00Z\n"), 0o644))
		old := time.Now().Add(-staleLockAfter - time.Minute)
		require.NoError(t, os.Chtimes(path, old, old))
		unlock, err := lockFileDir(t.Context(), path, soon())
		require.NoError(t, err)
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Contains(t, string(data), me)
		unlock()
		entries, err := os.ReadDir(filepath.Dir(path))
		require.NoError(t, err)
		assert.Empty(t, entries, "the abandoned file is removed, not left aside")
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
