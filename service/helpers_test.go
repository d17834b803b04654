package service

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/monitor"
	"github.com/entityscreen/entityscreen/screening"
)

// The fixtures: two versions of a small hand-made list in the official CSV
// format, and a supplier master whose first three vendors match entries of
// it (by name; the first also by its registration number) and whose last
// matches none.
const (
	listV1 = "testdata/list.csv"
	listV2 = "testdata/list_v2.csv"
)

var fixtureVendors = []monitor.Vendor{
	{ID: "V1", Query: screening.Query{Name: "Orion Star Shipping LLC", Country: "AE", Kind: entitylist.TypeEntity,
		Address: "Jebel Ali Free Zone, Dubai", ID: "774411"}},
	{ID: "V2", Query: screening.Query{Name: "Kaspersky Labs Ltd", Country: "GB", Kind: entitylist.TypeEntity,
		Address: "10 Fenchurch Street, London"}},
	{ID: "V3", Query: screening.Query{Name: "Atlas Aerospace Trading", Country: "US"}},
	{ID: "V4", Query: screening.Query{Name: "Contoso Paper Supplies", Country: "US"}},
}

// openList opens a fixture list, failing t on error.
func openList(t testing.TB, path string) *entitylist.List {
	t.Helper()
	l, err := entitylist.Open(path)
	require.NoError(t, err)
	return l
}

// loadFile returns a Config.Load that opens path anew on every call.
func loadFile(path string) func(context.Context) (*entitylist.List, error) {
	return func(context.Context) (*entitylist.List, error) { return entitylist.Open(path) }
}

// sqliteStore opens a new SQLite store in a temporary folder.
func sqliteStore(t testing.TB) *monitor.Store {
	t.Helper()
	st, err := monitor.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "monitor.db"))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	return st
}

// runFixture runs the monitor over the fixture vendors against list into
// st, and returns the alerts by vendor id.
func runFixture(t testing.TB, st *monitor.Store, list string) map[string]monitor.Alert {
	t.Helper()
	s, err := screening.New(openList(t, list))
	require.NoError(t, err)
	rep, err := st.Run(context.Background(), s, fixtureVendors, monitor.RunOptions{ToolVersion: "test"})
	require.NoError(t, err)
	byVendor := map[string]monitor.Alert{}
	for _, a := range rep.Alerts {
		byVendor[a.VendorID] = a
	}
	require.Len(t, byVendor, 3, "the fixture's first three vendors match")
	return byVendor
}

// logBuffer is a concurrency-safe buffer for a JSON slog handler.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// testServer is a Server behind an httptest server, with its store and
// its logs.
type testServer struct {
	*Server
	http  *httptest.Server
	store *monitor.Store
	logs  *logBuffer
	key   string // the API key to send, if the Server has keys
}

// newTestServer starts a Server on the fixture list (unless cfg.Load is
// set) with a SQLite store holding the fixture's alerts (unless cfg.Store
// is set), its list loaded.
func newTestServer(t testing.TB, cfg Config) *testServer {
	t.Helper()
	if cfg.Load == nil {
		cfg.Load = loadFile(listV1)
	}
	if cfg.Store == nil {
		cfg.Store = sqliteStore(t)
		runFixture(t, cfg.Store, listV1)
	}
	logs := &logBuffer{}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	s, err := New(cfg)
	require.NoError(t, err)
	require.NoError(t, s.Reload(context.Background()))
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return &testServer{Server: s, http: ts, store: cfg.Store, logs: logs}
}

// response is an answer read whole.
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends a request with body (a string, or nil) and the headers given as
// name, value pairs; "Content-Type" defaults to application/json when
// there is a body.
func (ts *testServer) do(t testing.TB, method, path string, body any, headers ...string) response {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	case nil:
	default:
		j, err := json.Marshal(b)
		require.NoError(t, err)
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, ts.http.URL+path, rd)
	require.NoError(t, err)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if ts.key != "" {
		req.Header.Set("Authorization", "Bearer "+ts.key)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] == "" {
			req.Header.Del(headers[i])
			continue
		}
		req.Header.Set(headers[i], headers[i+1])
	}
	client := &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	resp, err := client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return response{resp.StatusCode, resp.Header, b}
}

// decode decodes a JSON answer into v, failing t on error.
func (r response) decode(t testing.TB, v any) {
	t.Helper()
	require.NoError(t, json.Unmarshal(r.body, v), "body: %s", r.body)
}

// errorOf returns the "error" of a JSON answer.
func (r response) errorOf(t testing.TB) string {
	t.Helper()
	var e struct {
		Error string `json:"error"`
	}
	r.decode(t, &e)
	return e.Error
}

// newRequest is a request for ServeHTTP, with a JSON body if any.
func newRequest(t testing.TB, method, path, body string) *http.Request {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, rd)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }

// newScreenerFor builds a Screener for the fixture list at path.
func newScreenerFor(t testing.TB, path string) (*screening.Screener, error) {
	return screening.New(openList(t, path))
}

// readAll reads a response body whole.
func readAll(t testing.TB, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(b)
}

// manyAlerts runs the monitor over n vendors against the fixture list
// into st: copies of the fixture's three matching vendors, M000 on, an
// alert each.
func manyAlerts(t testing.TB, st *monitor.Store, n int) {
	t.Helper()
	vs := make([]monitor.Vendor, n)
	for i := range vs {
		vs[i] = fixtureVendors[i%3]
		vs[i].ID = fmt.Sprintf("M%03d", i)
	}
	s, err := newScreenerFor(t, listV1)
	require.NoError(t, err)
	rep, err := st.Run(context.Background(), s, vs, monitor.RunOptions{})
	require.NoError(t, err)
	require.Equal(t, n, rep.Run.NewAlerts)
}
