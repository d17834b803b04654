package service

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// switchingLoad is a Config.Load whose next answer the test sets: a list
// file, or an error.
type switchingLoad struct {
	mu   sync.Mutex
	path string
	err  error
}

func (l *switchingLoad) set(path string, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.path, l.err = path, err
}

func (l *switchingLoad) load(context.Context) (*entitylist.List, error) {
	l.mu.Lock()
	path, err := l.path, l.err
	l.mu.Unlock()
	if err != nil {
		return nil, err
	}
	return entitylist.Open(path)
}

// TestReloadFailureKeepsList: a reload that fails keeps the list in use,
// and shows in /healthz, /v1/list, the metrics and the answer of
// /admin/reload; the next that works clears it.
func TestReloadFailureKeepsList(t *testing.T) {
	src := &switchingLoad{path: listV1}
	ts := newTestServer(t, Config{Load: src.load})
	v1 := openList(t, listV1).Version().SHA256
	v2 := openList(t, listV2).Version().SHA256

	var health Health
	r := ts.do(t, http.MethodGet, "/healthz", nil)
	r.decode(t, &health)
	assert.Equal(t, "ok", health.Status)

	src.set("", errors.New("download refused: SDN: 0 entries, down 100%"))
	r = ts.do(t, http.MethodPost, "/admin/reload", nil)
	assert.Equal(t, http.StatusInternalServerError, r.status)
	var failed struct {
		Error string   `json:"error"`
		List  ListInfo `json:"list"`
	}
	r.decode(t, &failed)
	assert.Contains(t, failed.Error, "download refused")
	assert.Equal(t, v1, failed.List.Version.SHA256, "the list in use stays")

	r = ts.do(t, http.MethodGet, "/healthz", nil)
	assert.Equal(t, http.StatusOK, r.status, "the process still serves")
	r.decode(t, &health)
	assert.Equal(t, "degraded", health.Status)
	require.NotNil(t, health.List)
	assert.Contains(t, health.List.Reload.Error, "download refused")
	assert.Equal(t, 1, health.List.Reload.Failures)
	assert.Equal(t, v1, health.List.Version.SHA256)

	var res screening.Result
	r = ts.do(t, http.MethodPost, "/v1/screen", `{"name": "AO Kaspersky Lab"}`)
	require.Equal(t, http.StatusOK, r.status)
	r.decode(t, &res)
	assert.Equal(t, v1, res.Version.SHA256, "screening goes on against the previous list")

	metrics := string(ts.do(t, http.MethodGet, "/metrics", nil).body)
	assert.Contains(t, metrics, "\nentityscreen_list_reload_failures_total 1\n")
	assert.Contains(t, metrics, "\nentityscreen_list_reload_consecutive_failures 1\n")

	src.set(listV2, nil)
	r = ts.do(t, http.MethodPost, "/admin/reload", nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	var info ListInfo
	r.decode(t, &info)
	assert.Equal(t, v2, info.Version.SHA256)
	assert.Empty(t, info.Reload.Error)
	r = ts.do(t, http.MethodGet, "/healthz", nil)
	r.decode(t, &health)
	assert.Equal(t, "ok", health.Status)
	metrics = string(ts.do(t, http.MethodGet, "/metrics", nil).body)
	assert.Contains(t, metrics, "\nentityscreen_list_reload_consecutive_failures 0\n")
	assert.Contains(t, metrics, "\nentityscreen_list_reload_failures_total 1\n")
}

// TestReloadUnderLoad: lists swapped while clients screen without pause
// lose no request, and each request is screened against one list whole:
// its version, and whether a name only the second list holds matches,
// agree, in every result of a batch too. Run it with -race.
func TestReloadUnderLoad(t *testing.T) {
	src := &switchingLoad{path: listV1}
	ts := newTestServer(t, Config{Load: src.load})
	v1 := openList(t, listV1).Version().SHA256
	v2 := openList(t, listV2).Version().SHA256
	onlyInV2 := `{"name": "Northern Lights Research Institute"}`
	batch := "[" + onlyInV2 + `, {"name": "AO Kaspersky Lab"}, ` + onlyInV2 + "]"

	var sent, answered, seenV1, seenV2 atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	check := func(t *testing.T, res screening.Result) {
		switch res.Version.SHA256 {
		case v1:
			seenV1.Add(1)
			assert.False(t, res.Alert(), "list 1 does not hold the name")
		case v2:
			seenV2.Add(1)
			assert.True(t, res.Alert(), "list 2 holds the name")
		default:
			t.Errorf("a result against neither list: %q", res.Version.SHA256)
		}
	}
	client := &http.Client{Timeout: 30 * time.Second}
	for c := range 8 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				sent.Add(1)
				path, body := "/v1/screen", onlyInV2
				if (c+i)%3 == 0 {
					path, body = "/v1/screen/batch", batch
				}
				resp, err := client.Post(ts.http.URL+path, "application/json", strings.NewReader(body))
				if !assert.NoError(t, err) {
					return
				}
				var raw json.RawMessage
				err = json.NewDecoder(resp.Body).Decode(&raw)
				resp.Body.Close()
				if !assert.NoError(t, err) || !assert.Equal(t, http.StatusOK, resp.StatusCode, "%s", raw) {
					return
				}
				answered.Add(1)
				if path == "/v1/screen" {
					var res screening.Result
					assert.NoError(t, json.Unmarshal(raw, &res))
					check(t, res)
					continue
				}
				var results []screening.Result
				assert.NoError(t, json.Unmarshal(raw, &results))
				assert.Len(t, results, 3)
				assert.Equal(t, results[0].Version.SHA256, results[1].Version.SHA256, "one list for the whole batch")
				check(t, results[0])
				check(t, results[2])
			}
		})
	}
	for i := range 20 {
		if i%2 == 0 {
			src.set(listV2, nil)
		} else {
			src.set(listV1, nil)
		}
		require.NoError(t, ts.Reload(context.Background()))
		time.Sleep(5 * time.Millisecond)
	}
	close(stop)
	wg.Wait()
	assert.Equal(t, sent.Load(), answered.Load(), "every request answered")
	assert.Positive(t, seenV1.Load())
	assert.Positive(t, seenV2.Load())
	assert.Equal(t, int64(21), ts.metrics.reloads.Load())
	t.Logf("%d requests across 20 reloads: %d results against list 1, %d against list 2", sent.Load(), seenV1.Load(), seenV2.Load())
}

// TestReloadMemoryFlat: reloading the full CSL again and again leaves the
// heap where the first reloads left it: the old Screener is freed once no
// request holds it. (The first reload adds some fragmentation, HeapInuse
// counting spans part used: the measure starts after it.)
func TestReloadMemoryFlat(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("loads the full list six times: skipped with -race and -short")
	}
	if _, err := os.Stat(sharedCSL); err != nil {
		t.Skip("shared CSL snapshot not present")
	}
	s, err := New(Config{Load: loadFile(sharedCSL)})
	require.NoError(t, err)
	ctx := context.Background()
	heap := func() runtime.MemStats {
		var m runtime.MemStats
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&m)
		return m
	}
	screenSome := func() {
		for _, name := range loadQueries {
			w := newRecorder()
			s.ServeHTTP(w, newRequest(t, http.MethodPost, "/v1/screen", `{"name": "`+name+`"}`))
			require.Equal(t, http.StatusOK, w.Code)
		}
	}
	for range 2 {
		require.NoError(t, s.Reload(ctx))
		screenSome()
	}
	before := heap()
	require.NotNil(t, s.current())
	const reloads = 3
	for range reloads {
		require.NoError(t, s.Reload(ctx))
		screenSome()
	}
	after := heap()
	require.NotNil(t, s.current()) // and keeps s alive through the measure
	t.Logf("after GC, after 2 loads / %d more reloads: HeapInuse %.1f / %.1f MB, HeapAlloc %.1f / %.1f MB",
		reloads, mb(before.HeapInuse), mb(after.HeapInuse), mb(before.HeapAlloc), mb(after.HeapAlloc))
	assert.Less(t, float64(after.HeapInuse), float64(before.HeapInuse)*1.3, "HeapInuse grew across reloads beyond fragmentation")
	assert.Less(t, float64(after.HeapAlloc), float64(before.HeapAlloc)*1.1+2<<20, "live heap grew across reloads")
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }

// TestStaleList: a downloaded list fetched longer ago than MaxAge is
// reported stale in /healthz, /v1/list and the metrics, also when it is
// merged with other lists (as the command merges the embedded ones); so is
// a downloaded list whose fetch time is unknown (no fetch record of use,
// and a file's time later than now), as old as can be for all that is
// known, with fetched_unknown saying why; a list given as a file has no
// fetch time, and its age counts from its load.
func TestStaleList(t *testing.T) {
	b, err := os.ReadFile(listV1)
	require.NoError(t, err)
	cacheAt := func(mtime time.Time) *entitylist.Cache {
		cache := &entitylist.Cache{Dir: t.TempDir()}
		require.NoError(t, os.WriteFile(cache.Path(), b, 0o644))
		require.NoError(t, os.Chtimes(cache.Path(), mtime, mtime))
		return cache
	}
	// A cache written before fetch times were recorded: its file's time.
	tenDays := time.Now().Add(-10 * 24 * time.Hour)
	cache := cacheAt(tenDays)
	// A clock set back since the file was written: no time is taken.
	unknown := cacheAt(time.Now().Add(72 * time.Hour))
	// loadOf loads the list of cache, merged with the default list when
	// merged is set.
	loadOf := func(cache *entitylist.Cache, merged bool) func(context.Context) (*entitylist.List, error) {
		return func(context.Context) (*entitylist.List, error) {
			l, err := cache.Load()
			if err != nil || !merged {
				return l, err
			}
			return entitylist.Merge(l, entitylist.Default()), nil
		}
	}

	for _, tt := range []struct {
		name    string
		load    func(context.Context) (*entitylist.List, error)
		stale   bool
		unknown bool
	}{
		{"cached", loadOf(cache, false), true, false},
		{"cached and merged", loadOf(cache, true), true, false},
		{"cached, fetched when unknown", loadOf(unknown, false), true, true},
		{"cached, fetched when unknown, and merged", loadOf(unknown, true), true, true},
		{"a file", loadFile(listV2), false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, Config{Load: tt.load, MaxAge: 7 * 24 * time.Hour})
			var info ListInfo
			ts.do(t, http.MethodGet, "/v1/list", nil).decode(t, &info)
			assert.Equal(t, tt.stale, info.Stale)
			assert.Equal(t, tt.unknown, info.FetchedUnknown)
			var health Health
			ts.do(t, http.MethodGet, "/healthz", nil).decode(t, &health)
			require.NotNil(t, health.List)
			assert.Equal(t, tt.unknown, health.List.FetchedUnknown)
			metrics := string(ts.do(t, http.MethodGet, "/metrics", nil).body)
			switch {
			case tt.unknown:
				assert.True(t, info.Fetched.IsZero())
				assert.Equal(t, "degraded", health.Status)
				assert.Contains(t, metrics, "\nentityscreen_list_stale 1\n")
				assert.Contains(t, metrics, "\n# HELP entityscreen_list_stale 1 when the list in use is stale: older than the maximum age, or downloaded at a time unknown.\n", "the metric's help says why")
			case tt.stale:
				assert.WithinDuration(t, tenDays, info.Fetched, time.Second)
				assert.InDelta(t, 10*24*3600, info.AgeSeconds, 60)
				assert.Equal(t, "degraded", health.Status)
				assert.Contains(t, metrics, "\nentityscreen_list_stale 1\n")
			default:
				assert.True(t, info.Fetched.IsZero())
				assert.Less(t, info.AgeSeconds, 60.0)
				assert.Equal(t, "ok", health.Status)
				assert.Contains(t, metrics, "\nentityscreen_list_stale 0\n")
			}
		})
	}
}

// TestReloadBuild checks that a Config.Build builds every Screener, with
// the Config's Options, and that its failure is a failed reload.
func TestReloadBuild(t *testing.T) {
	src := &switchingLoad{path: listV1}
	var builds atomic.Int64
	var fail, none atomic.Bool
	build := func(list *entitylist.List, opts ...screening.Option) (*screening.Screener, error) {
		builds.Add(1)
		switch {
		case fail.Load():
			return nil, errors.New("snapshot unreadable")
		case none.Load():
			return nil, nil
		}
		return screening.New(list, opts...)
	}
	ts := newTestServer(t, Config{Load: src.load, Build: build, Options: []screening.Option{screening.WithThreshold(0.9)}})
	require.Equal(t, int64(1), builds.Load(), "the first load")

	var res screening.Result
	r := ts.do(t, http.MethodPost, "/v1/screen", `{"name": "AO Kaspersky Lab"}`)
	require.Equal(t, http.StatusOK, r.status)
	r.decode(t, &res)
	assert.Equal(t, 0.9, res.Threshold, "the Options reach Build")

	fail.Store(true)
	r = ts.do(t, http.MethodPost, "/admin/reload", nil)
	assert.Equal(t, http.StatusInternalServerError, r.status)
	assert.Equal(t, int64(2), builds.Load())

	// A Build that returns no screener and no error fails the reload too,
	// rather than panic.
	fail.Store(false)
	none.Store(true)
	assert.EqualError(t, ts.Reload(t.Context()), "service: loading the list: Config.Build returned no screener")
	r = ts.do(t, http.MethodPost, "/v1/screen", `{"name": "AO Kaspersky Lab"}`)
	assert.Equal(t, http.StatusOK, r.status, "the previous list is served")
}

// TestConfigCopiedByNew: New validates Config.Options once and keeps its
// own copy, so a caller that reuses its slice of options after New
// changes neither the Server's options nor what a reload builds.
func TestConfigCopiedByNew(t *testing.T) {
	opts := []screening.Option{screening.WithThreshold(0.9)}
	ts := newTestServer(t, Config{Options: opts})
	opts[0] = nil // invalid, were the Server to read it
	require.NoError(t, ts.Reload(context.Background()))
	var info ListInfo
	resp := ts.do(t, http.MethodGet, "/v1/list", nil)
	require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
	require.NoError(t, json.Unmarshal(resp.body, &info))
	assert.InDelta(t, 0.9, info.Threshold, 1e-9)
}

// TestHealthKeepsSecrets: a reload error that quotes an address with a
// secret in it (net/http's errors quote the whole URL, api_key and all)
// is shown and logged with the secret redacted, in /healthz, /v1/list,
// the answer of /admin/reload and the logs. With API keys, /healthz is
// public but says only the status to a request without a key: where the
// list comes from, the last error and the tool's version are for the
// key holders, as /v1/list is.
func TestHealthKeepsSecrets(t *testing.T) {
	const secret = "S3CRET-api-key-value"
	failure := errors.New(`entitylist: download https://example.org/x?api_key=xxxxx: Get "https://example.org/x?api_key=` + secret + `": dial tcp: connection refused`)
	for _, keyed := range []bool{false, true} {
		t.Run(map[bool]string{false: "no keys", true: "keys"}[keyed], func(t *testing.T) {
			src := &switchingLoad{path: listV1}
			cfg := Config{Load: src.load, ToolVersion: "v9.9.9"}
			if keyed {
				cfg.Keys = testKeys(t)
			}
			ts := newTestServer(t, cfg)
			key := []string{"Authorization", "Bearer " + testKey}
			src.set("", failure)
			r := ts.do(t, http.MethodPost, "/admin/reload", nil, key...)
			require.Equal(t, http.StatusInternalServerError, r.status)
			assert.NotContains(t, string(r.body), secret)
			assert.Contains(t, string(r.body), "api_key=xxxxx", "the error is said, redacted")
			for _, path := range []string{"/healthz", "/v1/list"} {
				r = ts.do(t, http.MethodGet, path, nil, key...)
				require.Equal(t, http.StatusOK, r.status, "%s: %s", path, r.body)
				assert.NotContains(t, string(r.body), secret, path)
				assert.Contains(t, string(r.body), "connection refused", path)
			}
			assert.NotContains(t, ts.logs.String(), secret)

			r = ts.do(t, http.MethodGet, "/healthz", nil)
			require.Equal(t, http.StatusOK, r.status)
			var health map[string]any
			r.decode(t, &health)
			assert.Equal(t, "degraded", health["status"])
			if keyed {
				assert.NotContains(t, health, "list", "no details without a key: %s", r.body)
				assert.NotContains(t, health, "tool_version")
				r = ts.do(t, http.MethodGet, "/healthz", nil, "Authorization", "Bearer not-the-key-0123456789")
				assert.NotContains(t, string(r.body), "list_version", "nor with a wrong key")
			} else {
				assert.Contains(t, health, "list", "a service without keys is on loopback: details for all")
			}
		})
	}
}
