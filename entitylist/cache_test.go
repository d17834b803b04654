package entitylist_test

import (
	"context"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

// switchServer serves whatever handler was stored last.
type switchServer struct {
	h   atomic.Pointer[http.HandlerFunc]
	url string
}

func newSwitchServer(t *testing.T) *switchServer {
	s := &switchServer{}
	s.url = serve(t, func(w http.ResponseWriter, r *http.Request) { (*s.h.Load())(w, r) })
	return s
}

func (s *switchServer) set(h http.HandlerFunc) { s.h.Store(&h) }

// listFiles returns the names and contents of the list files in dir: all
// its files but the reference counts, the fetch record and the image of
// the parsed list.
func listFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := cacheFiles(t, dir)
	delete(files, "consolidated.peak.json")
	delete(files, "consolidated.meta.json")
	delete(files, "consolidated.image")
	return files
}

// withoutMeta returns files without the fetch record, which every update
// that reaches the list's source rewrites.
func withoutMeta(files map[string]string) map[string]string {
	out := maps.Clone(files)
	delete(out, "consolidated.meta.json")
	return out
}

// cacheFiles returns the names and contents of the files in dir but the
// empty lock file updates take turns by (update.lock, where the system
// has file locks).
func cacheFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	require.NoError(t, err)
	files := map[string]string{}
	for _, e := range ents {
		if e.Name() == "update.lock" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		files[e.Name()] = string(b)
	}
	return files
}

func TestCacheLoadEmpty(t *testing.T) {
	c := &entitylist.Cache{Dir: t.TempDir()}
	l, err := c.Load()
	assert.Nil(t, l)
	assert.ErrorIs(t, err, fs.ErrNotExist)

	c = &entitylist.Cache{Dir: filepath.Join(t.TempDir(), "missing")}
	_, err = c.Load()
	assert.ErrorIs(t, err, fs.ErrNotExist)
}

func TestCacheZeroDir(t *testing.T) {
	var c entitylist.Cache
	_, err := c.Load()
	assert.Error(t, err)
	_, _, err = c.Update(t.Context(), "http://127.0.0.1:1/x.csv", false)
	assert.Error(t, err)
}

func TestCacheUpdate(t *testing.T) {
	srv := newSwitchServer(t)
	dir := filepath.Join(t.TempDir(), "cache") // created by Update
	c := &entitylist.Cache{Dir: dir}
	first, second := makeCSL(t, 40, "a"), makeCSL(t, 45, "b")

	srv.set(csvHandler(first))
	l, prev, err := c.Update(t.Context(), srv.url, false)
	require.NoError(t, err)
	assert.Nil(t, prev, "nothing cached before")
	assert.Equal(t, 40, l.Len())
	assert.Equal(t, srv.url, l.Version().Origin)
	assert.Equal(t, map[string]string{"consolidated.csv": string(first)}, listFiles(t, dir), "no previous copy yet")
	assert.JSONEq(t, `{"entries":40,"by_source":{"EL":40},"newest":"2024-01-02T00:00:00Z"}`, cacheFiles(t, dir)["consolidated.peak.json"])

	loaded, err := c.Load()
	require.NoError(t, err)
	assert.Equal(t, c.Path(), loaded.Version().Origin)
	assert.Equal(t, l.Version().SHA256, loaded.Version().SHA256)
	assert.Equal(t, 40, loaded.Len())
	// The cache says when and from where it fetched the list, and a URL
	// other than the official one is not official.
	assert.WithinDuration(t, time.Now(), loaded.Version().Fetched, time.Minute)
	assert.Equal(t, srv.url, loaded.Version().URL)
	assert.False(t, loaded.Version().Official)
	assert.True(t, loaded.Version().Cached, "read from the cache")
	assert.False(t, l.Version().Cached, "as downloaded")

	srv.set(csvHandler(second))
	l, prev, err = c.Update(t.Context(), srv.url, false)
	require.NoError(t, err)
	require.NotNil(t, prev)
	assert.Equal(t, loaded.Version().SHA256, prev.SHA256, "the version replaced")
	assert.Equal(t, 40, prev.Entries)
	assert.Equal(t, 45, l.Len())
	assert.Equal(t, map[string]string{
		"consolidated.csv":      string(second),
		"consolidated.csv.prev": string(first),
	}, listFiles(t, dir))
	assert.JSONEq(t, `{"entries":45,"by_source":{"EL":45},"newest":"2024-01-02T00:00:00Z"}`, cacheFiles(t, dir)["consolidated.peak.json"])
	files := cacheFiles(t, dir)

	// The same list again changes nothing, and keeps the previous copy.
	l, prev, err = c.Update(t.Context(), srv.url, false)
	require.NoError(t, err)
	require.NotNil(t, prev)
	assert.Equal(t, l.Version().SHA256, prev.SHA256, "unchanged")
	assert.Equal(t, 45, l.Len())
	assert.Equal(t, withoutMeta(files), withoutMeta(cacheFiles(t, dir)), "an unchanged list changes no file but the fetch record")

	info, err := os.Stat(c.Path())
	require.NoError(t, err)
	assert.Equal(t, fs.FileMode(0o644), info.Mode().Perm())
}

// TestCacheSurvivesFailures seeds a cache with a good list and its previous
// copy, then checks that no failed update changes a byte of either.
func TestCacheSurvivesFailures(t *testing.T) {
	srv := newSwitchServer(t)
	dir := t.TempDir()
	prev, good := makeCSL(t, 40, "prev"), makeCSL(t, 40, "good")
	c := &entitylist.Cache{Dir: dir, Client: &http.Client{Timeout: 300 * time.Millisecond}}
	for _, body := range [][]byte{prev, good} {
		srv.set(csvHandler(body))
		_, _, err := c.Update(t.Context(), srv.url, false)
		require.NoError(t, err)
	}
	require.Equal(t, map[string]string{"consolidated.csv": string(good), "consolidated.csv.prev": string(prev)}, listFiles(t, dir))
	want := cacheFiles(t, dir)
	require.Len(t, want, 5, "the reference counts, the fetch record and the image too")

	type failure struct {
		name    string
		handler http.HandlerFunc
		wantErr error
	}
	var cases []failure
	for _, bs := range badServers() {
		cases = append(cases, failure{bs.name, bs.handler(good), bs.wantErr})
	}
	cases = append(cases,
		failure{"slow server, client timeout", slowHandler, nil},
		failure{"stalled body, client timeout", trickleHandler(good), nil},
		failure{"list shrunk to a quarter", csvHandler(makeCSL(t, 10, "small")), entitylist.ErrShrunk},
		failure{"list shrunk to 19 of 40", csvHandler(makeCSL(t, 19, "small")), entitylist.ErrShrunk},
	)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv.set(tc.handler)
			start := time.Now()
			l, _, err := c.Update(t.Context(), srv.url, false)
			require.Error(t, err)
			assert.Nil(t, l)
			if tc.wantErr != nil {
				assert.ErrorIs(t, err, tc.wantErr)
			}
			assert.Less(t, time.Since(start), 5*time.Second)
			assert.Equal(t, want, cacheFiles(t, dir), "cache changed after a failed update")

			loaded, err := c.Load()
			require.NoError(t, err)
			assert.Equal(t, 40, loaded.Len())
		})
	}

	t.Run("timeout is a net timeout", func(t *testing.T) {
		srv.set(slowHandler)
		_, _, err := c.Update(t.Context(), srv.url, false)
		var ne net.Error
		require.ErrorAs(t, err, &ne)
		assert.True(t, ne.Timeout())
	})
	t.Run("context deadline", func(t *testing.T) {
		srv.set(slowHandler)
		ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
		defer cancel()
		_, _, err := (&entitylist.Cache{Dir: dir}).Update(ctx, srv.url, false)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, want, cacheFiles(t, dir))
	})
}

func TestCacheShrinkForced(t *testing.T) {
	srv := newSwitchServer(t)
	dir := t.TempDir()
	c := &entitylist.Cache{Dir: dir}
	big, less, small := makeCSL(t, 40, "big"), makeCSL(t, 37, "less"), makeCSL(t, 5, "small")

	srv.set(csvHandler(big))
	_, _, err := c.Update(t.Context(), srv.url, false)
	require.NoError(t, err)

	// 7.5% fewer entries is within the tolerance: accepted.
	srv.set(csvHandler(less))
	l, _, err := c.Update(t.Context(), srv.url, false)
	require.NoError(t, err)
	assert.Equal(t, 37, l.Len())

	// Measured against the 40 entries held, not the 37 cached.
	srv.set(csvHandler(small))
	_, _, err = c.Update(t.Context(), srv.url, false)
	require.ErrorIs(t, err, entitylist.ErrShrunk)
	assert.Contains(t, err.Error(), "entries: 5, down 87.5% from 40 (more than 10%)")

	l, _, err = c.Update(t.Context(), srv.url, true)
	require.NoError(t, err)
	assert.Equal(t, 5, l.Len())
	assert.Equal(t, map[string]string{
		"consolidated.csv":      string(small),
		"consolidated.csv.prev": string(less),
	}, listFiles(t, dir))
	assert.JSONEq(t, `{"entries":5,"by_source":{"EL":5},"newest":"2024-01-02T00:00:00Z"}`, cacheFiles(t, dir)["consolidated.peak.json"], "a forced update resets the reference")
}

// A cached file that does not load is replaced by a good download, checked
// against the reference counts alone, and is not kept as the previous copy.
func TestCacheReplacesBrokenFile(t *testing.T) {
	srv := newSwitchServer(t)
	dir := t.TempDir()
	c := &entitylist.Cache{Dir: dir}
	prev, good := makeCSL(t, 40, "prev"), makeCSL(t, 40, "good")
	for _, body := range [][]byte{prev, good} {
		srv.set(csvHandler(body))
		_, _, err := c.Update(t.Context(), srv.url, false)
		require.NoError(t, err)
	}
	require.NoError(t, os.WriteFile(c.Path(), []byte("garbage\n"), 0o644))
	_, err := c.Load()
	require.Error(t, err)

	srv.set(csvHandler(makeCSL(t, 3, "cut")))
	_, _, err = c.Update(t.Context(), srv.url, false)
	require.ErrorIs(t, err, entitylist.ErrShrunk, "still measured against the 40 entries held")
	var refused *entitylist.RefusedError
	require.ErrorAs(t, err, &refused)
	assert.Zero(t, refused.Cached.Entries, "no cached list that loads")

	fresh := makeCSL(t, 41, "fresh")
	srv.set(csvHandler(fresh))
	l, _, err := c.Update(t.Context(), srv.url, false)
	require.NoError(t, err)
	assert.Equal(t, 41, l.Len())
	assert.Equal(t, map[string]string{
		"consolidated.csv":      string(fresh),
		"consolidated.csv.prev": string(prev),
	}, listFiles(t, dir))
}

func TestCacheConcurrentUpdates(t *testing.T) {
	srv := newSwitchServer(t)
	dir := t.TempDir()
	good := makeCSL(t, 40, "a")
	srv.set(csvHandler(good))
	c := &entitylist.Cache{Dir: dir}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			_, _, err := c.Update(context.Background(), srv.url, false)
			errs <- err
		}()
	}
	for range 4 {
		assert.NoError(t, <-errs)
	}
	assert.Equal(t, map[string]string{"consolidated.csv": string(good)}, listFiles(t, dir))
	assert.Len(t, cacheFiles(t, dir), 4, "the reference counts, the fetch record, the image, and no temporary files left")
}

func TestDefaultCacheDir(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // used on Linux and BSD
	dir, err := entitylist.DefaultCacheDir()
	if err != nil {
		t.Skipf("no user cache directory here: %v", err)
	}
	assert.Equal(t, "entityscreen", filepath.Base(dir))
	assert.True(t, filepath.IsAbs(dir))
}

// TestCacheRemovesDeadWritersFiles checks that the temporary files a
// writer killed mid-way leaves in the cache (SIGINT before the command
// handles it, a crash) do not pile up: a later write of the same file
// removes those more than an hour old, and leaves a young one, which may
// be another writer's at work.
func TestCacheRemovesDeadWritersFiles(t *testing.T) {
	srv := newSwitchServer(t)
	dir := t.TempDir()
	c := &entitylist.Cache{Dir: dir}
	old := time.Now().Add(-2 * time.Hour)
	for name, mtime := range map[string]time.Time{
		".consolidated.csv.111.tmp":   old,
		".consolidated.image.222.tmp": old,
		".consolidated.image.333.tmp": time.Now(),
	} {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte("half a file"), 0o644))
		require.NoError(t, os.Chtimes(p, mtime, mtime))
	}
	srv.set(csvHandler(makeCSL(t, 40, "a")))
	_, _, err := c.Update(t.Context(), srv.url, false)
	require.NoError(t, err)
	assert.NoFileExists(t, filepath.Join(dir, ".consolidated.csv.111.tmp"))
	assert.NoFileExists(t, filepath.Join(dir, ".consolidated.image.222.tmp"))
	assert.FileExists(t, filepath.Join(dir, ".consolidated.image.333.tmp"))
}
