package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/screening"
)

// The serve tests run the command in this process, with a context for
// SIGTERM and a channel for SIGHUP, so that no real signal is sent.

// syncBuffer is a buffer the service's log and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// served is a serve command running in the background.
type served struct {
	url    string
	stderr *syncBuffer
	hup    chan os.Signal
	stop   context.CancelFunc
	status chan int
}

// startServe runs "serve args" until the test ends, in a user cache of its
// own, and waits until it is ready.
func startServe(t *testing.T, args ...string) *served {
	t.Helper()
	return startServeIn(t, t.TempDir(), args...)
}

// startServeIn is startServe in the user cache at dir.
func startServeIn(t *testing.T, dir string, args ...string) *served {
	t.Helper()
	t.Setenv("XDG_CACHE_HOME", dir)
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{stderr: &syncBuffer{}, hup: make(chan os.Signal, 1), stop: cancel, status: make(chan int, 1)}
	addr := make(chan string, 1)
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: s.stderr}
	go func() {
		s.status <- serve(ctx, e, append([]string{"--addr", "127.0.0.1:0"}, args...), s.hup, func(a string) { addr <- a })
		close(s.status) // a second read, the cleanup's, returns at once
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.status:
		case <-time.After(20 * time.Second):
			t.Error("serve did not stop")
		}
	})
	select {
	case a := <-addr:
		s.url = "http://" + a
	case code := <-s.status:
		t.Fatalf("serve exited with %d before listening:\n%s", code, s.stderr)
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not listen")
	}
	require.Eventually(t, func() bool {
		resp, err := http.Get(s.url + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}, 20*time.Second, 20*time.Millisecond, "not ready:\n%s", s.stderr)
	return s
}

// reload has the service reload its list (SIGHUP) and waits until it has.
func (s *served) reload(t *testing.T) {
	t.Helper()
	n, err := strconv.Atoi(s.metric(t, "entityscreen_list_reloads_total", ""))
	require.NoError(t, err)
	s.hup <- syscall.SIGHUP
	want := strconv.Itoa(n + 1)
	require.Eventually(t, func() bool { return s.metric(t, "entityscreen_list_reloads_total", "") == want }, 20*time.Second, 20*time.Millisecond)
}

// warnings counts the warnings of the service's log that say text, and
// the debug lines that say it again.
func (s *served) warnings(t *testing.T, text string) (warned, repeated int) {
	t.Helper()
	for line := range strings.Lines(s.stderr.String()) {
		var rec map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &rec), "a log line that is no JSON: %q", line)
		if msg, _ := rec["msg"].(string); !strings.Contains(msg, text) {
			continue
		}
		switch rec["level"] {
		case "WARN":
			warned++
		case "DEBUG":
			repeated++
		}
	}
	return warned, repeated
}

// metric returns the value of an unlabelled metric of the service.
func (s *served) metric(t *testing.T, name, key string) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.url+"/metrics", nil)
	require.NoError(t, err)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), name+" "); ok {
			return v
		}
	}
	t.Fatalf("no metric %s in:\n%s", name, b)
	return ""
}

// TestServe: the command serves the list it is given and a store, answers
// with the library's record, reloads on SIGHUP, logs JSON lines without
// the names screened, and stops cleanly, status 0, when its context is
// done (SIGTERM).
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "monitor.db")
	s := startServe(t, "--list", fixtures+"csl.csv", "--db", db, "--reload", "0")
	resp, err := http.Post(s.url+"/v1/screen", "application/json", strings.NewReader(`{"name": "Kaspersky Lab JSC", "country": "RU"}`))
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var res screening.Result
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&res))
	require.True(t, res.Alert())
	assert.Equal(t, "AO Kaspersky Lab", res.Matches[0].Entry.Name)

	resp, err = http.Get(s.url + "/v1/alerts")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode, "the store is open")
	_, err = os.Stat(db)
	assert.NoError(t, err, "the store was created")

	assert.Equal(t, "1", s.metric(t, "entityscreen_list_reloads_total", ""))
	s.hup <- syscall.SIGHUP
	require.Eventually(t, func() bool { return s.metric(t, "entityscreen_list_reloads_total", "") == "2" }, 20*time.Second, 20*time.Millisecond)

	s.stop()
	select {
	case code := <-s.status:
		assert.Equal(t, exitClear, code, "%s", s.stderr)
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	logs := s.stderr.String()
	for line := range strings.Lines(logs) {
		var rec map[string]any
		assert.NoError(t, json.Unmarshal([]byte(line), &rec), "a log line that is no JSON: %q", line)
	}
	assert.Contains(t, logs, `"msg":"list loaded"`)
	assert.Contains(t, logs, `"msg":"SIGHUP: reloading the list"`)
	assert.Contains(t, logs, `"msg":"stopped"`)
	assert.Contains(t, logs, `"route":"POST /v1/screen"`)
	assert.NotContains(t, logs, "Kaspersky Lab JSC", "no name screened is logged")
}

// TestServeKeys: keys from the environment are asked for; the command
// says what is wrong with a key file, by line, without the key.
func TestServeKeys(t *testing.T) {
	const key = "serve-test-key-0123456789"
	t.Setenv(apiKeysEnv, "another-key-abcdefghijkl,"+key)
	s := startServe(t, "--list", fixtures+"csl.csv", "--no-store")
	resp, err := http.Post(s.url+"/v1/screen", "application/json", strings.NewReader(`{"name": "x"}`))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	assert.Equal(t, "1", s.metric(t, "entityscreen_list_loaded", key))
	resp, err = http.Get(s.url + "/v1/alerts?key=" + key)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, "a key in the URL is no key")
}

// TestServeRefusals: bad flags, keys and addresses end with status 2 and a
// message that says what to do.
func TestServeRefusals(t *testing.T) {
	dir := t.TempDir()
	shortKeys := filepath.Join(dir, "keys.txt")
	require.NoError(t, os.WriteFile(shortKeys, []byte("# keys\nlong-enough-key-0123456789\nshort-secret\n"), 0o600))
	empty := filepath.Join(dir, "empty.txt")
	require.NoError(t, os.WriteFile(empty, []byte("# none yet\n"), 0o600))
	for _, tt := range []struct {
		name   string
		env    string // $ENTITYSCREEN_API_KEYS, if set
		args   []string
		stderr []string
		absent string
	}{
		{"unknown flag", "", []string{"--bogus"}, []string{`flag provided but not defined: "--bogus"`, "Usage: entityscreen serve"}, ""},
		{"argument", "", []string{"x"}, []string{`unexpected argument "x"`}, ""},
		{"bad threshold", "", []string{"--threshold", "2"}, []string{"--threshold 2"}, ""},
		{"bad limit", "", []string{"--limit", "500"}, []string{"--limit 500: from 1 to 100"}, ""},
		{"bad max age", "", []string{"--max-age", "soon"}, []string{"--max-age"}, ""},
		{"bad timeout", "", []string{"--read-timeout", "0s"}, []string{"--read-timeout 0s: must be positive"}, ""},
		{"bad batch", "", []string{"--max-batch", "0"}, []string{"--max-batch 0: must be positive"}, ""},
		{"bad log level", "", []string{"--log-level", "loud"}, []string{`--log-level "loud"`}, ""},
		{"db and no store", "", []string{"--db", "x.db", "--no-store"}, []string{"give --db or --no-store, not both"}, ""},
		{"short key", "", []string{"--api-keys", shortKeys}, []string{shortKeys + ", line 3: a key of 12 characters"}, "short-secret"},
		{"no key in file", "", []string{"--api-keys", empty}, []string{"holds no key"}, ""},
		{"keys twice", "some-key-0123456789abcdef", []string{"--api-keys", shortKeys}, []string{"both in --api-keys and in $ENTITYSCREEN_API_KEYS"}, ""},
		{"short key in env", "ok-key-0123456789abcdef,tiny", nil, []string{"$ENTITYSCREEN_API_KEYS, line 2: a key of 4 characters"}, "tiny"},
		{"keyless off loopback", "", []string{"--addr", "0.0.0.0:0", "--list", fixtures + "csl.csv", "--no-store"},
			[]string{"is not a loopback address, and no API keys were given", "--api-keys FILE", "--addr 127.0.0.1:8080"}, ""},
		{"no list", "", []string{"--no-store"}, []string{"refusing to screen a batch against the embedded SAMPLE list"}, ""},
		{"bad address", "", []string{"--addr", "127.0.0.1:99999"}, []string{"cannot listen"}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("XDG_CACHE_HOME", t.TempDir())
			t.Setenv(apiKeysEnv, tt.env) // restored when the test ends
			if tt.env == "" {
				os.Unsetenv(apiKeysEnv)
			}
			var stderr syncBuffer
			e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr}
			args := tt.args
			if !strings.Contains(strings.Join(args, " "), "--addr") {
				args = append([]string{"--addr", "127.0.0.1:0"}, args...)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			code := serve(ctx, e, args, nil, nil)
			assert.Equal(t, exitError, code, "%s", stderr.String())
			for _, s := range tt.stderr {
				assert.Contains(t, stderr.String(), s)
			}
			if tt.absent != "" {
				assert.NotContains(t, stderr.String(), tt.absent, "the key is not quoted")
			}
		})
	}
}

// TestServeHelp: "serve -h" prints the usage and exits 0.
func TestServeHelp(t *testing.T) {
	var stderr bytes.Buffer
	code := runServe(&env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr}, []string{"-h"})
	assert.Equal(t, exitClear, code)
	assert.Contains(t, stderr.String(), "Usage: entityscreen serve")
	assert.Contains(t, stderr.String(), "--api-keys")
}

// TestServeWarnsOncePerCause: a damaged record of the cache is said in the
// log, as a warning, when the list is first loaded, and not again on each
// reload while it stays the same (again at debug level only); a new
// problem is warned when it comes, and one that went is warned again when
// it comes back.
func TestServeWarnsOncePerCause(t *testing.T) {
	dir := t.TempDir()
	fetchedFixture(t, dir)
	meta := filepath.Join(dir, "entityscreen", "consolidated.meta.json")
	peak := filepath.Join(dir, "entityscreen", "consolidated.peak.json")
	require.NoError(t, os.WriteFile(meta, []byte("{damaged"), 0o644))
	s := startServeIn(t, dir, "--no-store", "--reload", "0", "--log-level", "debug")
	w, _ := s.warnings(t, "damaged fetch record")
	assert.Equal(t, 1, w, "said when the list is first loaded:\n%s", s.stderr)
	s.reload(t)
	s.reload(t)
	w, repeated := s.warnings(t, "damaged fetch record")
	assert.Equal(t, 1, w, "not again on each reload:\n%s", s.stderr)
	assert.Equal(t, 2, repeated, "but at debug level")

	require.NoError(t, os.WriteFile(peak, []byte(`{"entries": "many"}`), 0o644))
	s.reload(t)
	w, _ = s.warnings(t, "damaged reference")
	assert.Equal(t, 1, w, "a new problem is warned")
	w, _ = s.warnings(t, "damaged fetch record")
	assert.Equal(t, 1, w)

	require.NoError(t, os.Remove(meta))
	s.reload(t)
	require.NoError(t, os.WriteFile(meta, []byte("{damaged"), 0o644))
	s.reload(t)
	w, _ = s.warnings(t, "damaged fetch record")
	assert.Equal(t, 2, w, "a problem that comes back is warned again:\n%s", s.stderr)
}

// TestServeWarnsStaleOnce: a cached list older than the maximum age is
// warned of in the log when it is loaded, and not again on each reload of
// the same list, though the age it gives grows (again at debug level
// only); a list that changed and is stale is warned of again.
func TestServeWarnsStaleOnce(t *testing.T) {
	dir := t.TempDir()
	_, url := fetchedFixture(t, dir)
	cached := filepath.Join(dir, "entityscreen", "consolidated.csv")
	meta := filepath.Join(dir, "entityscreen", "consolidated.meta.json")
	setFetched := func() {
		t.Helper()
		// A second past the maximum age: the age the warning gives, to the
		// second, is another on each reload a second apart.
		rec, err := json.Marshal(map[string]any{"fetched": time.Now().Add(-defaultMaxAge - time.Second).UTC(), "url": url})
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(meta, rec, 0o644))
	}
	setFetched()
	s := startServeIn(t, dir, "--no-store", "--reload", "0", "--log-level", "debug")
	reload := func() {
		t.Helper()
		time.Sleep(1100 * time.Millisecond)
		s.reload(t)
	}
	w, _ := s.warnings(t, "was fetched")
	assert.Equal(t, 1, w, "said when the list is first loaded:\n%s", s.stderr)
	reload()
	reload()
	w, repeated := s.warnings(t, "was fetched")
	assert.Equal(t, 1, w, "not again on each reload:\n%s", s.stderr)
	assert.Equal(t, 2, repeated, "but at debug level")

	// Another list, as stale.
	data, err := os.ReadFile(cached)
	require.NoError(t, err)
	rows := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	require.Contains(t, rows[1], "AO Kaspersky Lab")
	row := strings.Replace(strings.Replace(rows[1], "AO Kaspersky Lab", "AO Other Lab", 1), "88a5", "99b6", 1)
	require.NoError(t, os.WriteFile(cached, []byte(string(data)+row+"\n"), 0o644))
	setFetched()
	reload()
	w, _ = s.warnings(t, "was fetched")
	assert.Equal(t, 2, w, "a stale list that changed is warned of:\n%s", s.stderr)
}
