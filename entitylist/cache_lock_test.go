//go:build unix

package entitylist_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

// TestCacheUpdateWaitsForOtherProcess checks that an update waits while
// another process updates the same cache directory (holds the flock of
// its update.lock), and proceeds when it is done. Without the lock, two
// updates at once each measured the downloaded list against the cache as
// it was before either: the second could replace the first's list with
// one far short of it, unrefused, and write back a reference lower than
// the first's.
func TestCacheUpdateWaitsForOtherProcess(t *testing.T) {
	srv := newSwitchServer(t)
	dir := t.TempDir()
	c := &entitylist.Cache{Dir: dir}
	srv.set(csvHandler(makeCSL(t, 40, "a")))

	// Another process's lock: flock(2) locks of two opens of the file
	// exclude each other even within one process.
	f, err := os.OpenFile(filepath.Join(dir, "update.lock"), os.O_RDWR|os.O_CREATE, 0o644)
	require.NoError(t, err)
	require.NoError(t, syscall.Flock(int(f.Fd()), syscall.LOCK_EX))

	done := make(chan error, 1)
	go func() {
		_, _, err := c.Update(t.Context(), srv.url, false)
		done <- err
	}()
	select {
	case err := <-done:
		f.Close()
		t.Fatalf("the update ran while another held the lock (err %v)", err)
	case <-time.After(300 * time.Millisecond):
	}
	assert.NoFileExists(t, c.Path(), "nothing written while another updates")
	require.NoError(t, f.Close()) // releases the lock
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("the update did not proceed once the lock was released")
	}
	assert.FileExists(t, c.Path())
}

// TestCacheUpdateLockWaitEnds checks that an update waiting for another
// process's update of the cache (which holds the flock of update.lock)
// stops waiting when its context ends, and, with no end to the context,
// after Cache.LockWait, with an error naming the lock file, its holder
// and how long it waited; and that it leaves the cache as it was. Before,
// the wait had no end: a run of "entityscreen update" stuck behind a
// hung update was stopped by a second Ctrl-C only.
func TestCacheUpdateLockWaitEnds(t *testing.T) {
	srv := newSwitchServer(t)
	srv.set(csvHandler(makeCSL(t, 40, "a")))
	dir := t.TempDir()
	lock := filepath.Join(dir, "update.lock")
	f, err := os.OpenFile(lock, os.O_RDWR|os.O_CREATE, 0o644)
	require.NoError(t, err)
	defer f.Close()
	require.NoError(t, syscall.Flock(int(f.Fd()), syscall.LOCK_EX))
	_, err = f.WriteString("process 4242 since 2026-01-02T03:04:05Z\n")
	require.NoError(t, err)

	tests := []struct {
		name    string
		wait    time.Duration // Cache.LockWait
		timeout time.Duration // of the context
		want    error
		says    string
	}{
		{"context ends", time.Hour, 300 * time.Millisecond, context.DeadlineExceeded, "stopped waiting after"},
		{"wait runs out", 300 * time.Millisecond, time.Hour, entitylist.ErrCacheLocked, "gave up after waiting"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &entitylist.Cache{Dir: dir, LockWait: tt.wait}
			ctx, cancel := context.WithTimeout(t.Context(), tt.timeout)
			defer cancel()
			done := make(chan error, 1)
			start := time.Now()
			go func() {
				_, _, err := c.Update(ctx, srv.url, false)
				done <- err
			}()
			select {
			case err := <-done:
				require.ErrorIs(t, err, tt.want)
				assert.Contains(t, err.Error(), lock)
				assert.Contains(t, err.Error(), "process 4242 since 2026-01-02T03:04:05Z")
				assert.Contains(t, err.Error(), tt.says)
				assert.Less(t, time.Since(start), 5*time.Second)
			case <-time.After(10 * time.Second):
				t.Fatal("the update still waits for the lock")
			}
			assert.NoFileExists(t, c.Path(), "nothing written")
		})
	}
}
