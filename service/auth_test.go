package service

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testKey   = "k3y-0f-the-t3sts-0123456789abcdef"
	hashedKey = "an0ther-k3y-given-by-its-hash-only"
)

func testKeys(t testing.TB) *Keys {
	t.Helper()
	sum := sha256.Sum256([]byte(hashedKey))
	k, err := ParseKeys(strings.NewReader("# the service's keys\n\n"+testKey+"\n  sha256:"+hex.EncodeToString(sum[:])+"  \n"), "keys.txt")
	require.NoError(t, err)
	require.Equal(t, 2, k.Len())
	return k
}

// TestParseKeys: a key file's problems are named by line, never quoting
// the key.
func TestParseKeys(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		errParts   []string
	}{
		{"short key", "ok-key-0123456789abcdef\nshort\n", []string{"keys.txt, line 2: a key of 5 characters: a key has 16 at least"}},
		{"space inside", "two words 0123456789abcdef", []string{"line 1: character 4 of the key"}},
		{"comma", "abc,0123456789abcdef", []string{"line 1: character 4"}},
		{"bad hash", "sha256:abc\nsha256:" + strings.Repeat("z", 64), []string{"line 1: after \"sha256:\" 64 hexadecimal digits", "line 2:"}},
		{"long line", strings.Repeat("a", 5000), []string{"longer than 4096 bytes"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseKeys(strings.NewReader(tt.text), "keys.txt")
			require.Error(t, err)
			for _, p := range tt.errParts {
				assert.Contains(t, err.Error(), p)
			}
			assert.NotContains(t, err.Error(), "0123456789abcdef", "the key is not quoted")
		})
	}
	k, err := ParseKeys(strings.NewReader("\n# none\n"), "env")
	require.NoError(t, err)
	assert.Equal(t, 0, k.Len())
	assert.Equal(t, 0, (*Keys)(nil).Len())
}

// TestAuthentication: with keys, every route but health, readiness, the
// OpenAPI document and the style sheet asks for one, as a bearer token or
// a Basic password; a page's 401 asks a browser for it.
func TestAuthentication(t *testing.T) {
	ts := newTestServer(t, Config{Keys: testKeys(t)})
	basic := func(user, pass string) string {
		return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
	}
	for _, tt := range []struct {
		name, method, path, body, auth string
		status                         int
	}{
		{"screen without key", http.MethodPost, "/v1/screen", `{"name": "x"}`, "", http.StatusUnauthorized},
		{"screen with key", http.MethodPost, "/v1/screen", `{"name": "x"}`, "Bearer " + testKey, http.StatusOK},
		{"key given by its hash", http.MethodPost, "/v1/screen", `{"name": "x"}`, "Bearer " + hashedKey, http.StatusOK},
		{"bearer in another case", http.MethodPost, "/v1/screen", `{"name": "x"}`, "bearer " + testKey, http.StatusOK},
		{"wrong key", http.MethodPost, "/v1/screen", `{"name": "x"}`, "Bearer " + testKey + "x", http.StatusUnauthorized},
		{"the hash as the key", http.MethodGet, "/v1/list", "", "Bearer " + strings.TrimPrefix(hashLine(hashedKey), "sha256:"), http.StatusUnauthorized},
		{"basic password", http.MethodGet, "/v1/alerts", "", basic("ana", testKey), http.StatusOK},
		{"basic wrong password", http.MethodGet, "/v1/alerts", "", basic(testKey, "x"), http.StatusUnauthorized},
		{"other scheme", http.MethodGet, "/v1/alerts", "", "Token " + testKey, http.StatusUnauthorized},
		{"metrics", http.MethodGet, "/metrics", "", "", http.StatusUnauthorized},
		{"reload", http.MethodPost, "/admin/reload", "", "", http.StatusUnauthorized},
		{"audit", http.MethodGet, "/v1/audit", "", "", http.StatusUnauthorized},
		{"review page", http.MethodGet, "/review/", "", "", http.StatusUnauthorized},
		{"review page with key", http.MethodGet, "/review/", "", basic("ana", testKey), http.StatusOK},
		{"health", http.MethodGet, "/healthz", "", "", http.StatusOK},
		{"readiness", http.MethodGet, "/readyz", "", "", http.StatusOK},
		{"openapi", http.MethodGet, "/openapi.json", "", "", http.StatusOK},
		{"style sheet", http.MethodGet, "/review/static/style.css", "", "", http.StatusOK},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var body any
			if tt.body != "" {
				body = tt.body
			}
			r := ts.do(t, tt.method, tt.path, body, "Authorization", tt.auth)
			assert.Equal(t, tt.status, r.status, "%s", r.body)
			if tt.status != http.StatusUnauthorized {
				return
			}
			if strings.HasPrefix(tt.path, "/review/") {
				assert.Equal(t, `Basic realm="entityscreen review", charset="UTF-8"`, r.header.Get("WWW-Authenticate"))
				assert.Contains(t, string(r.body), "An API key is needed")
			} else {
				assert.Equal(t, `Bearer realm="entityscreen"`, r.header.Get("WWW-Authenticate"))
				assert.Contains(t, r.errorOf(t), "API key")
			}
		})
	}
	assert.Contains(t, ts.logs.String(), `"key":"sha256:`, "the key's id is logged")
	assert.NotContains(t, ts.logs.String(), testKey, "the key is not")
}

func hashLine(key string) string {
	sum := sha256.Sum256([]byte(key))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// TestCrossOrigin: a request that changes something, sent by a browser
// from another origin, is refused; the same from the page's own origin,
// or from a program (no such headers), is taken.
func TestCrossOrigin(t *testing.T) {
	ts := newTestServer(t, Config{})
	body := `{"name": "Contoso"}`
	for _, tt := range []struct {
		name    string
		headers []string
		status  int
	}{
		{"program", nil, http.StatusOK},
		{"same origin", []string{"Sec-Fetch-Site", "same-origin"}, http.StatusOK},
		{"cross site", []string{"Sec-Fetch-Site", "cross-site"}, http.StatusForbidden},
		{"same site, other origin", []string{"Sec-Fetch-Site", "same-site"}, http.StatusForbidden},
		{"other origin, old browser", []string{"Origin", "http://evil.example"}, http.StatusForbidden},
		{"own origin, old browser", []string{"Origin", ts.http.URL}, http.StatusOK},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.do(t, http.MethodPost, "/v1/screen", body, tt.headers...)
			assert.Equal(t, tt.status, r.status, "%s", r.body)
			if tt.status == http.StatusForbidden {
				assert.Contains(t, r.errorOf(t), "another origin")
			}
		})
	}
}

// TestKeysConcurrentUse holds Keys to their contract (immutable, safe for
// concurrent use): one Keys checks the keys of requests sent from several
// goroutines at once, right and wrong, by bearer token and by the key
// given by its hash, while the list is reloaded. Run it with -race.
func TestKeysConcurrentUse(t *testing.T) {
	src := &switchingLoad{path: listV1}
	ts := newTestServer(t, Config{Keys: testKeys(t), Load: src.load})
	client := &http.Client{Timeout: 30 * time.Second}
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Go(func() {
			for i := range 20 {
				auth, want := "Bearer "+testKey, http.StatusOK
				switch (g + i) % 3 {
				case 1:
					auth = "Bearer " + hashedKey
				case 2:
					auth, want = "Bearer "+testKey+"x", http.StatusUnauthorized
				}
				req, err := http.NewRequest(http.MethodPost, ts.http.URL+"/v1/screen", strings.NewReader(`{"name": "AO Kaspersky Lab"}`))
				if !assert.NoError(t, err) {
					return
				}
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", auth)
				resp, err := client.Do(req)
				if !assert.NoError(t, err) {
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				assert.Equal(t, want, resp.StatusCode, "goroutine %d, request %d", g, i)
			}
		})
	}
	for i := range 6 {
		src.set([]string{listV2, listV1}[i%2], nil)
		assert.NoError(t, ts.Reload(context.Background()))
	}
	wg.Wait()
	assert.Equal(t, 2, testKeys(t).Len())
}
