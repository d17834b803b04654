//go:build unix

package entitylist_test

import (
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
