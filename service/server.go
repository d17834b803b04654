package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/redact"
	"github.com/entityscreen/entityscreen/monitor"
	"github.com/entityscreen/entityscreen/screening"
)

// Defaults of the Config fields left zero.
const (
	DefaultMaxBody           = 64 << 10 // bytes of a request body other than a batch
	DefaultMaxBatchBody      = 8 << 20  // bytes of a batch's body
	DefaultMaxBatch          = 1000     // queries in a batch
	DefaultMaxAge            = 7 * 24 * time.Hour
	DefaultReadHeaderTimeout = 5 * time.Second
	DefaultReadTimeout       = 30 * time.Second
	DefaultWriteTimeout      = 60 * time.Second
	DefaultIdleTimeout       = 120 * time.Second
	DefaultShutdownTimeout   = 30 * time.Second
)

// MaxLimit is the most matches a request may ask for per query.
const MaxLimit = 100

// ErrNoKeys is returned by Serve for a listener off loopback when the
// Server has no API keys: it would screen for, and take decisions from,
// anyone who reaches the address.
var ErrNoKeys = errors.New("service: no API keys, and the address is not a loopback address")

// Config is the setting of a Server. Load is required; the zero value of
// every other field is its default, and New refuses a negative size,
// count or duration.
//
// New copies a Config: changing it after New changes nothing, and one Config
// may make several Servers, on several goroutines at once.
type Config struct {
	// Load returns the list to screen against. Serve calls it when it
	// starts and Reload on every reload; it may read files, a cache, or
	// download. It must not return a list that a Screener is still using
	// modified: lists are immutable.
	Load func(ctx context.Context) (*entitylist.List, error)
	// Options are the Screener's defaults (threshold, limit...), given to
	// Build, and after them screening.WithExplanations(true): every match
	// the service returns explains itself. A request's fields apply on top
	// of them.
	Options []screening.Option
	// Build builds the Screener of a list Load returned, with Options; nil
	// is screening.New. A program that keeps a snapshot of the index (see
	// screening.ReadSnapshot) starts from it here: a reload of an
	// unchanged list then takes a tenth of the time.
	Build func(list *entitylist.List, opts ...screening.Option) (*screening.Screener, error)
	// Store holds the alerts and decisions; nil answers their routes and
	// the review page with 503.
	Store *monitor.Store
	// Keys are the API keys; nil or none asks for no key, and Serve then
	// listens on a loopback address only.
	Keys *Keys

	// MaxBody bounds the body of a request other than a batch, in bytes;
	// MaxBatchBody a batch's; MaxBatch the queries of a batch. Beyond
	// them the answer is 413.
	MaxBody      int64
	MaxBatchBody int64
	MaxBatch     int
	// The timeouts of the http.Server Serve runs: a slow client cannot
	// hold a connection. ShutdownTimeout is how long Serve waits for the
	// requests in flight when its context is done.
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration
	ShutdownTimeout   time.Duration

	// ReloadEvery is how often Serve loads the list again; 0 reloads only
	// on demand (Reload, POST /admin/reload).
	ReloadEvery time.Duration
	// MaxAge is the age past which the list in use is reported stale in
	// /healthz and /v1/list: the time since it was fetched, for a list
	// that records it.
	MaxAge time.Duration

	// Logger receives the structured logs: one line per request, reloads,
	// errors. Nil discards them.
	Logger *slog.Logger
	// LogNames adds the screened names, addresses and identifiers to the
	// request logs. Off by default: they are data about third parties.
	LogNames bool
	// ToolVersion is reported by /healthz.
	ToolVersion string
	// Now returns the time; time.Now when nil.
	Now func() time.Time
}

// A Server answers the routes described in the package documentation.
// Build it with New; it is an http.Handler, and Serve runs it on a
// listener with timeouts, scheduled reloads and a graceful shutdown. A
// Server is safe for concurrent use.
//
// The zero Server is not usable: build one with New.
type Server struct {
	cfg      Config
	log      *slog.Logger
	cur      atomic.Pointer[state]
	reloadMu sync.Mutex
	reload   atomic.Pointer[reloadStatus]
	draining atomic.Bool
	mux      *http.ServeMux
	metrics  *metrics

	// testHook, when set, is called by the screen handlers with the state
	// they screen with, for the tests.
	testHook func(*state)
}

// state is a list in use: swapped whole on reload.
type state struct {
	screener *screening.Screener
	version  entitylist.Version // with the names the screener cannot screen
	encoder  *resultEncoder     // of the results of screener
	loaded   time.Time
	sources  map[entitylist.Source]bool
	weak     int // the names of the list that are weak aliases, counted once
}

// reloadStatus is the outcome of the last reload.
type reloadStatus struct {
	At       time.Time
	Err      error
	Failures int // consecutive
	Success  time.Time
}

// New returns a Server for cfg. It loads no list: Serve loads one before it
// serves, and a caller that serves the handler some other way calls Reload
// first (until then screening answers 503).
func New(cfg Config) (*Server, error) {
	if cfg.Load == nil {
		return nil, errors.New("service: Config.Load is required")
	}
	if err := screening.CheckOptions(cfg.Options...); err != nil {
		return nil, fmt.Errorf("service: %w", err)
	}
	// The options are validated once, here: the Server keeps its own copy,
	// which the caller's slice, reused, cannot change.
	cfg.Options = slices.Clone(cfg.Options)
	for _, f := range []struct {
		name string
		v    int64
	}{{"MaxBody", cfg.MaxBody}, {"MaxBatchBody", cfg.MaxBatchBody}, {"MaxBatch", int64(cfg.MaxBatch)}} {
		if f.v < 0 {
			return nil, fmt.Errorf("service: Config.%s %d is negative", f.name, f.v)
		}
	}
	// A negative timeout is no timeout to an http.Server: a slow client
	// could hold a connection for ever.
	for _, f := range []struct {
		name string
		v    time.Duration
	}{{"ReloadEvery", cfg.ReloadEvery}, {"MaxAge", cfg.MaxAge}, {"ReadHeaderTimeout", cfg.ReadHeaderTimeout},
		{"ReadTimeout", cfg.ReadTimeout}, {"WriteTimeout", cfg.WriteTimeout}, {"IdleTimeout", cfg.IdleTimeout},
		{"ShutdownTimeout", cfg.ShutdownTimeout}} {
		if f.v < 0 {
			return nil, fmt.Errorf("service: Config.%s %s is negative", f.name, f.v)
		}
	}
	cfg.MaxBody = orDefault(cfg.MaxBody, DefaultMaxBody)
	cfg.MaxBatchBody = orDefault(cfg.MaxBatchBody, DefaultMaxBatchBody)
	cfg.MaxBatch = orDefault(cfg.MaxBatch, DefaultMaxBatch)
	cfg.MaxAge = orDefault(cfg.MaxAge, DefaultMaxAge)
	cfg.ReadHeaderTimeout = orDefault(cfg.ReadHeaderTimeout, DefaultReadHeaderTimeout)
	cfg.ReadTimeout = orDefault(cfg.ReadTimeout, DefaultReadTimeout)
	cfg.WriteTimeout = orDefault(cfg.WriteTimeout, DefaultWriteTimeout)
	cfg.IdleTimeout = orDefault(cfg.IdleTimeout, DefaultIdleTimeout)
	cfg.ShutdownTimeout = orDefault(cfg.ShutdownTimeout, DefaultShutdownTimeout)
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Server{cfg: cfg, log: cfg.Logger}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.mux, s.metrics = s.routes()
	return s, nil
}

func orDefault[T int | int64 | time.Duration](v, def T) T {
	if v == 0 {
		return def
	}
	return v
}

// Reload loads the list with Config.Load, builds its Screener and swaps it
// in: requests that started before finish with the list they started
// with. On any error the list in use stays, and the failure shows in
// /healthz, /v1/list and the metrics. Reloads take turns.
func (s *Server) Reload(ctx context.Context) error {
	s.reloadMu.Lock()
	defer s.reloadMu.Unlock()
	start := s.cfg.Now()
	list, err := s.cfg.Load(ctx)
	var scr *screening.Screener
	if err == nil && list == nil {
		err = errors.New("Config.Load returned no list")
	}
	if err == nil {
		build := s.cfg.Build
		if build == nil {
			build = screening.New
		}
		scr, err = build(list, slices.Concat(s.cfg.Options, []screening.Option{screening.WithExplanations(true)})...)
		if err == nil && scr == nil {
			err = errors.New("Config.Build returned no screener")
		}
	}
	var v entitylist.Version
	var enc *resultEncoder
	if err == nil {
		v = list.Version()
		for _, sk := range scr.Skipped() {
			if sk.Part == "" {
				v.Unscreened++
			}
		}
		enc, err = newResultEncoder(v)
	}
	prev := s.reload.Load()
	if err != nil {
		// Shown in /healthz and /v1/list and logged: an error of a
		// download may quote its address whole, a key in its query.
		err = redactedError{err}
		st := &reloadStatus{At: start, Err: err, Failures: 1}
		if prev != nil {
			st.Failures, st.Success = prev.Failures+1, prev.Success
		}
		s.reload.Store(st)
		s.metrics.reloadFailures.Add(1)
		serving := "no list"
		if cur := s.cur.Load(); cur != nil {
			serving = "the previous list, sha256 " + cur.version.SHA256
		}
		s.log.LogAttrs(ctx, slog.LevelError, "list reload failed", slog.String("error", err.Error()),
			slog.String("serving", serving), slog.Int("consecutive_failures", st.Failures))
		return fmt.Errorf("service: loading the list: %w", err)
	}
	sources := make(map[entitylist.Source]bool, len(v.BySource))
	for src := range v.BySource {
		sources[src] = true
	}
	now := s.cfg.Now()
	s.cur.Store(&state{screener: scr, version: v, encoder: enc, loaded: now, sources: sources, weak: scr.WeakAliasNames()})
	s.reload.Store(&reloadStatus{At: start, Success: now})
	s.metrics.reloads.Add(1)
	s.log.LogAttrs(ctx, slog.LevelInfo, "list loaded", slog.String("origin", v.Origin), slog.String("sha256", v.SHA256),
		slog.Int("entries", v.Entries), slog.Int("unscreened_names", v.Unscreened), slog.Bool("sample", v.Sample),
		slog.Duration("took", now.Sub(start)))
	return nil
}

// Serve answers requests on ln until ctx is done, then shuts down
// gracefully: it stops accepting connections and waits up to
// Config.ShutdownTimeout for the requests in flight, then cuts them. It
// loads the list first if no Reload has, and reloads it every
// Config.ReloadEvery. A Server without keys refuses a listener that is not
// on a loopback address (ErrNoKeys). Serve returns nil after a shutdown
// that finished in time.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	if s.cfg.Keys.Len() == 0 && !isLoopback(ln.Addr()) {
		return fmt.Errorf("%w: %s: give API keys, or listen on 127.0.0.1 or [::1]", ErrNoKeys, ln.Addr())
	}
	if s.cur.Load() == nil {
		if err := s.Reload(ctx); err != nil {
			return err
		}
	}
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	s.log.LogAttrs(ctx, slog.LevelInfo, "serving", slog.String("addr", ln.Addr().String()),
		slog.Bool("api_keys", s.cfg.Keys.Len() > 0), slog.Duration("reload_every", s.cfg.ReloadEvery))

	var tick <-chan time.Time
	if s.cfg.ReloadEvery > 0 {
		t := time.NewTicker(s.cfg.ReloadEvery)
		defer t.Stop()
		tick = t.C
	}
wait:
	for {
		select {
		case err := <-errc:
			return fmt.Errorf("service: %w", err)
		case <-tick:
			_ = s.Reload(ctx) // a failure is logged and shown; the list in use stays
		case <-ctx.Done():
			break wait
		}
	}
	s.draining.Store(true)
	s.log.LogAttrs(context.Background(), slog.LevelInfo, "shutting down", slog.Duration("timeout", s.cfg.ShutdownTimeout))
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		hs.Close()
		return fmt.Errorf("service: requests still running after %s were cut: %w", s.cfg.ShutdownTimeout, err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("service: %w", err)
	}
	s.log.LogAttrs(context.Background(), slog.LevelInfo, "stopped")
	return nil
}

// redactedError is an error whose text has the secrets of the addresses
// it quotes redacted (see redact.Text), its chain whole for errors.Is.
type redactedError struct{ err error }

func (e redactedError) Error() string { return redact.Text(e.err.Error()) }

func (e redactedError) Unwrap() error { return e.err }

// isLoopback reports whether addr can be reached from this machine only:
// a loopback IP address, or a Unix socket.
func isLoopback(addr net.Addr) bool {
	switch a := addr.(type) {
	case *net.TCPAddr:
		return a.IP.IsLoopback()
	case *net.UnixAddr:
		return true
	}
	host, _, err := net.SplitHostPort(addr.String())
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// ServeHTTP answers r: it routes it, and counts and logs it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	info := &requestInfo{id: requestID(r)}
	info.attrs = info.attrBuf[:0]
	sw := &statusWriter{ResponseWriter: w}
	sw.Header().Set("X-Request-Id", info.id)
	r = r.WithContext(context.WithValue(r.Context(), infoKey{}, info))
	defer func() {
		p := recover()
		if p == http.ErrAbortHandler {
			s.finish(r, sw, info, time.Since(start))
			panic(p) // the connection is cut, as net/http does
		}
		if p != nil {
			s.log.LogAttrs(r.Context(), slog.LevelError, "panic", slog.String("request_id", info.id),
				slog.String("route", r.Pattern), slog.Any("panic", p), slog.String("stack", string(debug.Stack())))
			if sw.status != 0 {
				// The answer has begun (a batch, the audit): cut it, so
				// that the client sees it cut rather than whole.
				s.finish(r, sw, info, time.Since(start))
				panic(http.ErrAbortHandler)
			}
			if pagePath(r.URL.Path) {
				// A page, as the page answers its other errors.
				writePageError(sw, http.StatusInternalServerError, "The service failed on this request; try again. (Request "+info.id+".)")
			} else {
				writeError(sw, http.StatusInternalServerError, "internal error (request "+info.id+")")
			}
		}
		s.finish(r, sw, info, time.Since(start))
	}()
	if pagePath(r.URL.Path) {
		// Set here, before the mux: its redirects (a path without its
		// slash, or to clean) carry them too.
		setPageHeaders(sw.Header())
	}
	if h, pattern := s.mux.Handler(r); pattern == "" {
		if strings.HasPrefix(r.URL.Path, "/review/") {
			pageNoRoute(sw, r, h)
		} else {
			s.noRoute(sw, r, h)
		}
		return
	}
	s.mux.ServeHTTP(sw, r)
}

// current returns the list in use, or nil before the first load.
func (s *Server) current() *state { return s.cur.Load() }
