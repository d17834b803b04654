package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withCachedList makes a user cache of its own, for this process, holding
// the list file list as the downloaded list, and returns the path of the
// snapshot the command keeps beside it.
func withCachedList(tb testing.TB, list string) string {
	tb.Helper()
	dir := tb.TempDir()
	tb.Setenv("XDG_CACHE_HOME", dir)
	tb.Setenv("HOME", dir)
	c, err := defaultCache()
	require.NoError(tb, err)
	require.NoError(tb, os.MkdirAll(c.Dir, 0o755))
	abs, err := filepath.Abs(list)
	require.NoError(tb, err)
	require.NoError(tb, os.Symlink(abs, c.Path()))
	return filepath.Join(c.Dir, snapshotFile)
}

// screenRun runs "entityscreen screen" with args in this process.
func screenRun(t testing.TB, args ...string) cli {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"screen", "--format", "json"}, args...), strings.NewReader(""), &stdout, &stderr)
	return cli{stdout.String(), stderr.String(), code}
}

// withoutTimes drops what changes from run to run in JSON output: the time
// of screening.
func withoutTimes(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if i := strings.Index(line, `"screened_at":"`); i >= 0 {
			j := strings.IndexByte(line[i+len(`"screened_at":"`):], '"')
			line = line[:i] + line[i+len(`"screened_at":"`)+j+1:]
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// TestScreenFromSnapshot checks that screening against the downloaded list
// saves a snapshot of the index beside it, starts from it the next time
// with the same results, and indexes the list anew when the snapshot is
// damaged (with a note) or of another list (silently), saving a good one
// again.
func TestScreenFromSnapshot(t *testing.T) {
	path := withCachedList(t, "../../testdata/lists/official.csv")
	names := []string{"Kaspersky Lab", "Huawei Technologies", "Mahan Air", "Acme Widgets"}

	first := screenRun(t, names...)
	require.Contains(t, []int{exitClear, exitMatch}, first.code, first.stderr)
	require.Contains(t, first.stdout, `"matches"`)
	saved, err := os.ReadFile(path)
	require.NoError(t, err, "the snapshot saved beside the downloaded list")
	info, err := os.Stat(path)
	require.NoError(t, err)

	again := screenRun(t, names...)
	assert.Equal(t, first.code, again.code)
	assert.Equal(t, withoutTimes(first.stdout), withoutTimes(again.stdout))
	assert.Equal(t, first.stderr, again.stderr)
	now, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, info.ModTime(), now.ModTime(), "a good snapshot is read, not written again")

	t.Run("damaged", func(t *testing.T) {
		damaged := bytes.Clone(saved)
		damaged[len(damaged)/2] ^= 0x55
		require.NoError(t, os.WriteFile(path, damaged, 0o600))
		r := screenRun(t, names...)
		assert.Equal(t, first.code, r.code)
		assert.Equal(t, withoutTimes(first.stdout), withoutTimes(r.stdout))
		assert.Contains(t, r.stderr, "was damaged")
		assert.Contains(t, r.stderr, path)
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Equal(t, saved, b, "the snapshot saved again")
		require.NoError(t, os.WriteFile(path, saved[:100], 0o600))
		r = screenRun(t, names...)
		assert.Equal(t, withoutTimes(first.stdout), withoutTimes(r.stdout))
		assert.Contains(t, r.stderr, "was damaged")
	})
	t.Run("of another list", func(t *testing.T) {
		other := withCachedList(t, "../../testdata/cli/csl.csv")
		r := screenRun(t, names...)
		require.Contains(t, []int{exitClear, exitMatch}, r.code, r.stderr)
		b, err := os.ReadFile(other)
		require.NoError(t, err)
		// The snapshot of one list beside another: stale, replaced silently.
		require.NoError(t, os.WriteFile(other, saved, 0o600))
		r2 := screenRun(t, names...)
		assert.Equal(t, withoutTimes(r.stdout), withoutTimes(r2.stdout))
		assert.Equal(t, r.stderr, r2.stderr, "no note for a stale snapshot")
		b2, err := os.ReadFile(other)
		require.NoError(t, err)
		assert.Equal(t, b, b2)
	})
	t.Run("not for a list given as a file", func(t *testing.T) {
		withCachedList(t, "../../testdata/lists/official.csv")
		r := screenRun(t, append([]string{"--list", "../../testdata/lists/inhouse.csv"}, names...)...)
		require.Contains(t, []int{exitClear, exitMatch}, r.code, r.stderr)
		c, err := defaultCache()
		require.NoError(t, err)
		_, err = os.Stat(filepath.Join(c.Dir, snapshotFile))
		assert.ErrorIs(t, err, os.ErrNotExist)
		entries, err := os.ReadDir(c.Dir)
		require.NoError(t, err)
		assert.Len(t, entries, 1, "nothing written to the cache but the list")
	})
}

// BenchmarkStartup runs "entityscreen screen NAME" in this process against
// the real 2022 CSL as the downloaded list, from start to the result: from
// the saved snapshot of the index (and what the cache saves of the list),
// as a first run leaves them, and indexing the list anew.
func BenchmarkStartup(b *testing.B) {
	const csl = "../../../shared/data/csl-consolidated-2022-05-16.csv"
	if _, err := os.Stat(csl); err != nil {
		b.Skip("shared CSL snapshot not present")
	}
	path := withCachedList(b, csl)
	for _, from := range []string{"snapshot", "indexing"} {
		b.Run(from, func(b *testing.B) {
			b.ReportAllocs()
			if from == "snapshot" {
				// The first run saves what the others start from.
				run([]string{"screen", "Huawei Technologies"}, strings.NewReader(""), io.Discard, io.Discard)
			}
			start := cpuTime()
			for b.Loop() {
				if from == "indexing" {
					b.StopTimer()
					os.Remove(path)
					b.StartTimer()
				}
				code := run([]string{"screen", "Huawei Technologies"}, strings.NewReader(""), io.Discard, io.Discard)
				if code != exitMatch {
					b.Fatalf("status %d", code)
				}
			}
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
		})
	}
}

// cpuTime returns the user and system CPU time of the process so far, in
// nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// TestScreenSnapshotUnreadable checks that a saved index that cannot be
// read at all (here a directory in its place, which opens but does not
// read) never stops screening: the list is indexed anew, with a note
// naming the file.
func TestScreenSnapshotUnreadable(t *testing.T) {
	path := withCachedList(t, "../../testdata/lists/official.csv")
	names := []string{"Kaspersky Lab", "Acme Widgets"}
	want := screenRun(t, names...)
	require.Contains(t, []int{exitClear, exitMatch}, want.code, want.stderr)

	require.NoError(t, os.Remove(path))
	require.NoError(t, os.Mkdir(path, 0o755))
	r := screenRun(t, names...)
	assert.Equal(t, want.code, r.code, r.stderr)
	assert.Equal(t, withoutTimes(want.stdout), withoutTimes(r.stdout))
	assert.Contains(t, r.stderr, "could not be read")
	assert.Contains(t, r.stderr, path)
}

// TestSnapshotRemovesDeadWritersFiles checks that the temporary file a
// screen killed while it saved the index leaves (SIGINT comes before
// screen handles it) does not stay in the cache for good: the next save
// removes it once it is more than an hour old, as it does the one builds
// before internal/atomicfile left (not hidden), and the saved index, like
// the cached lists, is readable by all.
func TestSnapshotRemovesDeadWritersFiles(t *testing.T) {
	path := withCachedList(t, "../../testdata/lists/official.csv")
	dir := filepath.Dir(path)
	left := filepath.Join(dir, "."+snapshotFile+".12345.tmp")
	older := filepath.Join(dir, snapshotFile+".67890.tmp")
	old := time.Now().Add(-2 * time.Hour)
	for _, p := range []string{left, older} {
		require.NoError(t, os.WriteFile(p, []byte("half an index"), 0o600))
		require.NoError(t, os.Chtimes(p, old, old))
	}

	r := screenRun(t, "Acme Widgets")
	require.Contains(t, []int{exitClear, exitMatch}, r.code, r.stderr)
	assert.FileExists(t, path)
	assert.NoFileExists(t, left)
	assert.NoFileExists(t, older, "left by a build before internal/atomicfile")
	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), fi.Mode().Perm())
}

// TestScreenSnapshotNotSaved checks that an index that cannot be saved
// (a read-only cache; here a directory in the snapshot's place) does not
// stop screening, and is said, since every run then indexes anew.
func TestScreenSnapshotNotSaved(t *testing.T) {
	path := withCachedList(t, "../../testdata/lists/official.csv")
	require.NoError(t, os.MkdirAll(filepath.Join(path, "occupied"), 0o755))
	r := screenRun(t, "Kaspersky Lab")
	assert.Equal(t, exitMatch, r.code, r.stderr)
	assert.Contains(t, r.stdout, `"matches"`)
	assert.Contains(t, r.stderr, "the index could not be saved")
	assert.Contains(t, r.stderr, path)
}
