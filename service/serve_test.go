package service

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

// serving runs s.Serve on a new loopback listener until the test ends, and
// returns the base URL and a channel with Serve's result.
func serving(t *testing.T, s *Server) (string, context.CancelFunc, <-chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- s.Serve(ctx, ln)
		close(done) // a second read, the cleanup's, returns at once
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("Serve did not return")
		}
	})
	url := "http://" + ln.Addr().String()
	require.Eventually(t, func() bool {
		resp, err := http.Get(url + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}, 10*time.Second, 10*time.Millisecond)
	return url, cancel, done
}

// TestServeRefusesKeylessOffLoopback: without keys, Serve listens on a
// loopback address only, and says why it refuses another.
func TestServeRefusesKeylessOffLoopback(t *testing.T) {
	s, err := New(Config{Load: loadFile(listV1)})
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "0.0.0.0:0")
	require.NoError(t, err)
	defer ln.Close()
	err = s.Serve(context.Background(), ln)
	require.ErrorIs(t, err, ErrNoKeys)
	assert.Contains(t, err.Error(), "give API keys, or listen on 127.0.0.1 or [::1]")
	assert.Nil(t, s.current(), "nothing loaded before refusing")

	for _, tt := range []struct {
		addr net.Addr
		ok   bool
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)}, true},
		{&net.TCPAddr{IP: net.IPv6loopback}, true},
		{&net.TCPAddr{IP: net.IPv4(10, 1, 2, 3)}, false},
		{&net.TCPAddr{IP: net.IPv6unspecified}, false},
		{&net.UnixAddr{Name: "/run/x.sock", Net: "unix"}, true},
	} {
		assert.Equal(t, tt.ok, isLoopback(tt.addr), "%v", tt.addr)
	}
}

// TestServeWithKeysOffLoopback: with keys, any address is served.
func TestServeWithKeysOffLoopback(t *testing.T) {
	s, err := New(Config{Load: loadFile(listV1), Keys: testKeys(t)})
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "0.0.0.0:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	port := ln.Addr().(*net.TCPAddr).Port
	require.Eventually(t, func() bool {
		resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/readyz", port))
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}, 10*time.Second, 10*time.Millisecond)
	cancel()
	assert.NoError(t, <-done)
}

// TestServeFailsWithoutList: a first list that does not load stops Serve
// with the loader's error.
func TestServeFailsWithoutList(t *testing.T) {
	s, err := New(Config{Load: loadFile("testdata/none.csv")})
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	err = s.Serve(context.Background(), ln)
	assert.ErrorContains(t, err, "loading the list")
	assert.ErrorContains(t, err, "none.csv")
}

// TestSlowClients: a client that sends its headers or its body too slowly
// is cut off by the timeouts, and cannot hold a connection.
func TestSlowClients(t *testing.T) {
	s, err := New(Config{Load: loadFile(listV1), ReadHeaderTimeout: 200 * time.Millisecond,
		ReadTimeout: 400 * time.Millisecond, IdleTimeout: 300 * time.Millisecond})
	require.NoError(t, err)
	url, _, _ := serving(t, s)
	addr := strings.TrimPrefix(url, "http://")
	for _, tt := range []struct {
		name, send string
	}{
		{"headers never end", "POST /v1/screen HTTP/1.1\r\nHost: x\r\n"},
		{"body never ends", "POST /v1/screen HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\": "},
		{"idle after a request", "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			require.NoError(t, err)
			defer conn.Close()
			_, err = io.WriteString(conn, tt.send)
			require.NoError(t, err)
			start := time.Now()
			require.NoError(t, conn.SetReadDeadline(time.Now().Add(10*time.Second)))
			_, err = io.ReadAll(conn) // whatever the server answers, until it closes
			require.NoError(t, err, "the server closed the connection")
			assert.Less(t, time.Since(start), 5*time.Second)
		})
	}
}

// TestGracefulShutdown: when Serve's context is done, a request in flight
// finishes and is answered; Serve returns nil after it. A request still
// running past the shutdown timeout is cut, and Serve says so.
func TestGracefulShutdown(t *testing.T) {
	for _, tt := range []struct {
		name    string
		timeout time.Duration
		release time.Duration
		errPart string
	}{
		{"in time", 10 * time.Second, 200 * time.Millisecond, ""},
		{"too slow", 200 * time.Millisecond, 2 * time.Second, "requests still running after 200ms were cut"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := New(Config{Load: loadFile(listV1), ShutdownTimeout: tt.timeout})
			require.NoError(t, err)
			entered := make(chan struct{})
			release := make(chan struct{})
			var once atomic.Bool
			s.testHook = func(*state) {
				if once.CompareAndSwap(false, true) {
					close(entered)
					<-release
				}
			}
			url, cancel, done := serving(t, s)
			type answer struct {
				status int
				err    error
			}
			answered := make(chan answer, 1)
			go func() {
				resp, err := http.Post(url+"/v1/screen", "application/json", strings.NewReader(`{"name": "AO Kaspersky Lab"}`))
				if err != nil {
					answered <- answer{err: err}
					return
				}
				defer resp.Body.Close()
				_, err = io.ReadAll(resp.Body)
				answered <- answer{resp.StatusCode, err}
			}()
			<-entered
			cancel()
			select {
			case err := <-done:
				t.Fatalf("Serve returned with a request in flight: %v", err)
			case <-time.After(100 * time.Millisecond):
			}
			assert.True(t, s.draining.Load(), "readiness is refused while draining")
			time.AfterFunc(tt.release, func() { close(release) })
			err = <-done
			a := <-answered
			if tt.errPart == "" {
				assert.NoError(t, err)
				assert.NoError(t, a.err)
				assert.Equal(t, http.StatusOK, a.status)
				return
			}
			assert.ErrorContains(t, err, tt.errPart)
			assert.Error(t, a.err, "the request was cut")
		})
	}
}

// TestScheduledReload: Serve reloads the list every ReloadEvery.
func TestScheduledReload(t *testing.T) {
	var loads atomic.Int64
	s, err := New(Config{ReloadEvery: 30 * time.Millisecond, Load: func(context.Context) (*entitylist.List, error) {
		loads.Add(1)
		return entitylist.Open(listV1)
	}})
	require.NoError(t, err)
	serving(t, s)
	require.Eventually(t, func() bool { return loads.Load() >= 3 }, 10*time.Second, 10*time.Millisecond)
	assert.GreaterOrEqual(t, s.metrics.reloads.Load(), int64(2))
}

// TestServeStops: Serve returns the error of a listener that fails.
func TestServeStops(t *testing.T) {
	s, err := New(Config{Load: loadFile(listV1)})
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- s.Serve(context.Background(), ln) }()
	require.Eventually(t, func() bool { return s.current() != nil }, 10*time.Second, 10*time.Millisecond)
	ln.Close()
	select {
	case err := <-done:
		require.Error(t, err)
		assert.False(t, errors.Is(err, ErrNoKeys))
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return when its listener closed")
	}
}

// TestPanicIsAnswered: a handler that panics is answered 500 with the
// request's id, logged with it, and counted.
func TestPanicIsAnswered(t *testing.T) {
	logs := &logBuffer{}
	s, err := New(Config{Load: loadFile(listV1), Logger: slog.New(slog.NewJSONHandler(logs, nil))})
	require.NoError(t, err)
	require.NoError(t, s.Reload(context.Background()))
	s.testHook = func(*state) { panic("a bug") }
	w := newRecorder()
	req := newRequest(t, http.MethodPost, "/v1/screen", `{"name": "Contoso"}`)
	req.Header.Set("X-Request-Id", "lb-1234")
	s.ServeHTTP(w, req)
	assert.Equal(t, http.StatusInternalServerError, w.Code)
	assert.Contains(t, w.Body.String(), "internal error (request lb-1234)")
	assert.Equal(t, "lb-1234", w.Header().Get("X-Request-Id"))
	assert.Contains(t, logs.String(), `"msg":"panic"`)
	assert.Contains(t, logs.String(), `"request_id":"lb-1234"`)
	assert.Equal(t, int64(1), s.metrics.routes["POST /v1/screen"].codes[500].Load())
}

// panickingContext is a context whose Err panics, as a bug in screening
// would: Screen asks it first.
type panickingContext struct{ context.Context }

func (panickingContext) Err() error { panic("a bug in screening") }

// TestBatchPanicIsAnswered: a panic while a batch's queries are screened,
// on the goroutines that screen them, is answered 500 and logged as a
// handler's panic is, rather than ending the program.
func TestBatchPanicIsAnswered(t *testing.T) {
	logs := &logBuffer{}
	s, err := New(Config{Load: loadFile(listV1), Logger: slog.New(slog.NewJSONHandler(logs, nil))})
	require.NoError(t, err)
	require.NoError(t, s.Reload(context.Background()))
	w := newRecorder()
	req := newRequest(t, http.MethodPost, "/v1/screen/batch", `[{"name": "Contoso"}, {"name": "AO Kaspersky Lab"}, {"name": "Orion Star"}]`)
	req = req.WithContext(panickingContext{req.Context()})
	req.Header.Set("X-Request-Id", "lb-5678")
	s.ServeHTTP(w, req)
	assert.Equal(t, http.StatusInternalServerError, w.Code)
	assert.Contains(t, w.Body.String(), "internal error (request lb-5678)")
	assert.Contains(t, logs.String(), `"msg":"panic"`)
	assert.Contains(t, logs.String(), "a bug in screening")
	assert.Equal(t, int64(1), s.metrics.routes["POST /v1/screen/batch"].codes[500].Load())
}

// TestPanicAfterStatusCutsTheAnswer: a handler that panics once its
// answer has begun (a streamed batch or audit) has its connection cut, so
// that the client sees the answer cut rather than whole and short.
func TestPanicAfterStatusCutsTheAnswer(t *testing.T) {
	s, err := New(Config{Load: loadFile(listV1)})
	require.NoError(t, err)
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("GET /stream", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-ndjson")
		w.WriteHeader(http.StatusOK)
		w.Write([]byte("{\"n\": 1}\n"))
		http.NewResponseController(w).Flush()
		panic("a bug")
	})
	ts := httptest.NewServer(s)
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/stream")
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	_, err = io.ReadAll(resp.Body)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF, "the answer is cut, not ended")
	assert.Equal(t, int64(1), s.metrics.routes[unmatchedRoute].codes[200].Load(), "counted once")
}
