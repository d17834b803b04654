package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/printable"
	"github.com/entityscreen/entityscreen/monitor"
	"github.com/entityscreen/entityscreen/screening"
	"github.com/entityscreen/entityscreen/service"
)

// apiKeysEnv names the environment variable that may hold the API keys,
// separated by commas or new lines.
const apiKeysEnv = "ENTITYSCREEN_API_KEYS"

// serveUsage is the description in the usage message of the serve
// command.
const serveUsage = `Serves screening over HTTP for programs in any language, and the review page
for analysts (package service; its OpenAPI document is at /openapi.json):

  POST /v1/screen, /v1/explain, /v1/screen/batch   screen (JSON; a batch as a
                                   JSON array or JSON Lines)
  GET  /v1/list                    the list in use, its age, the last reload
  GET  /v1/alerts, /v1/alerts/ID   alerts of the store; POST /v1/alerts/ID/decision
  GET  /v1/audit                   every run, alert and decision (JSON Lines)
  POST /admin/reload               load the list again now (SIGHUP does too)
  GET  /healthz, /readyz, /metrics health, readiness, Prometheus metrics
  GET  /review/                    the review page

The list is the one screen would use (--list, else the list "entityscreen
update" downloaded; the embedded sample only with --sample), loaded again
every --reload and on demand: a new screener is built aside and swapped in,
and a list that fails to load keeps the one in use (shown in /healthz and
the metrics). Run "entityscreen update" on a schedule to refresh the cache.

API keys come from --api-keys FILE (one a line, or "sha256:" and the hex
SHA-256 of a key; "#" starts a comment) or from $ENTITYSCREEN_API_KEYS
(separated by commas): requests send "Authorization: Bearer KEY", a browser
the key as its password. Without keys the service listens on a loopback
address only. Logs are JSON lines on standard error; they never hold a
screened name unless --log-names is given. A warning of the list loading (a
damaged record of the cache) is logged once, not again on each reload while
it stays the same (at debug level only). SIGTERM or SIGINT stops the
service gracefully, letting requests in flight finish (--shutdown-timeout).

Several instances may share one PostgreSQL store (--db postgres://...).

Exit status: 0 after a graceful shutdown, 2 on an error (bad flags, a list
or store that cannot be used, an address that cannot be listened on).`

// serveConfig is the parsed command line of the serve command.
type serveConfig struct {
	addr         string
	lists        listFlags
	sample       bool
	maxAge       string
	threshold    float64
	limit        int
	weakAliases  bool
	db           string
	noStore      bool
	apiKeys      string
	reload       time.Duration
	maxBody      int64
	maxBatch     int
	maxBatchBody int64
	readTimeout  time.Duration
	writeTimeout time.Duration
	idleTimeout  time.Duration
	shutdown     time.Duration
	logNames     bool
	logLevel     string
}

func runServe(e *env, args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	return serve(ctx, e, args, hup, nil)
}

// serve runs the serve command until ctx is done; a value on hup reloads
// the list. listening, when not nil, is told the address once the service
// listens.
func serve(ctx context.Context, e *env, args []string, hup <-chan os.Signal, listening func(addr string)) int {
	var c serveConfig
	fs := newFlagSet(e, "serve", "[flags]\n\n"+serveUsage)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "listen on this `address` (host:port); off loopback, API keys are required")
	fs.Var(&c.lists, "list", "screen against this list `file`"+listValues)
	fs.BoolVar(&c.sample, "sample", false, "without --list and a downloaded list, serve the embedded SAMPLE list\nrather than refuse (for trying the service)")
	fs.StringVar(&c.maxAge, "max-age", "", "refuse to load a downloaded list fetched longer ago than this (\"36h\", \"7d\");\nwithout it, a list older than 7 days is reported stale in /healthz")
	fs.Float64Var(&c.threshold, "threshold", screening.DefaultThreshold, "default alert threshold (0 to 1); a request may give its own")
	fs.IntVar(&c.limit, "limit", screening.DefaultLimit, "default number of matches per query; a request may give its own, up to 100")
	fs.BoolVar(&c.weakAliases, "weak-aliases", false, weakAliasesUsage)
	dbFlag(fs, &c.db)
	fs.BoolVar(&c.noStore, "no-store", false, "serve screening only, with no monitoring store (the alert routes and the review page answer 503)")
	fs.StringVar(&c.apiKeys, "api-keys", "", "read the API keys from this `file` (or set $"+apiKeysEnv+")")
	fs.DurationVar(&c.reload, "reload", time.Hour, "load the list again this often (0: only on POST /admin/reload or SIGHUP)")
	fs.Int64Var(&c.maxBody, "max-body", service.DefaultMaxBody, "largest request body, in `bytes`, but a batch's (413 beyond)")
	fs.IntVar(&c.maxBatch, "max-batch", service.DefaultMaxBatch, "most queries in a batch (413 beyond)")
	fs.Int64Var(&c.maxBatchBody, "max-batch-body", service.DefaultMaxBatchBody, "largest batch body, in `bytes` (413 beyond)")
	fs.DurationVar(&c.readTimeout, "read-timeout", service.DefaultReadTimeout, "time a client has to send a request, headers and body")
	fs.DurationVar(&c.writeTimeout, "write-timeout", service.DefaultWriteTimeout, "time to answer a request (the audit export moves it on as it streams)")
	fs.DurationVar(&c.idleTimeout, "idle-timeout", service.DefaultIdleTimeout, "time an idle keep-alive connection stays open")
	fs.DurationVar(&c.shutdown, "shutdown-timeout", service.DefaultShutdownTimeout, "on SIGTERM or SIGINT, time the requests in flight have to finish")
	fs.BoolVar(&c.logNames, "log-names", false, "log the screened names, addresses and identifiers (off: they are data about third parties)")
	fs.StringVar(&c.logLevel, "log-level", "info", "log `level`: debug, info, warn or error")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return flagStatus(err)
	}
	var level slog.Level
	switch {
	case len(rest) > 0:
		err = fmt.Errorf("unexpected argument %s", printable.Quote(rest[0]))
	case c.maxAge != "":
		if _, aerr := parseAge(c.maxAge); aerr != nil {
			err = fmt.Errorf("--max-age %w", aerr)
		}
	}
	if err == nil {
		err = c.check(&level)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "entityscreen serve: %v\n", err)
		fs.Usage()
		return exitError
	}
	keys, err := readKeys(c.apiKeys)
	if err != nil {
		return fail(e, err)
	}

	log := slog.New(slog.NewJSONHandler(e.stderr, &slog.HandlerOptions{Level: level}))
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return fail(e, fmt.Errorf("cannot listen: %w", err))
	}
	defer ln.Close()
	if listening != nil {
		listening(ln.Addr().String())
	}

	var store *monitor.Store
	if !c.noStore {
		st, name, err := openStore(ctx, c.db, true)
		if err != nil {
			return fail(e, err)
		}
		defer st.Close()
		store = st
		log.Info("monitoring store", "store", name)
	}

	// The list is loaded as screen loads it; what loadList and checkAge
	// say for people goes to the log, a line each.
	lines := &logLines{log: log}
	le := &env{stdin: e.stdin, stdout: e.stdout, stderr: lines}
	policy := sampleRefuse
	if c.sample {
		policy = sampleWarn
	}
	maxAge, _ := parseAge(c.maxAge) // checked with the flags
	load := func(context.Context) (*entitylist.List, error) {
		lines.newLoad() // a warning the load before gave is not given again
		list, choice, err := loadList(le, c.lists, policy)
		if err != nil {
			return nil, err
		}
		// That the list is too old is said in other words at each load,
		// its age grown: its cause is the list, by its SHA-256, so that it
		// is warned of once per list that is or becomes stale.
		var old bytes.Buffer
		if err := checkAge(&env{stderr: &old}, list, choice, cmp.Or(maxAge, defaultMaxAge), c.maxAge != "", time.Now()); err != nil {
			return nil, err
		}
		lines.writeCause("stale list "+list.Version().SHA256, old.String())
		return list, nil
	}
	srv, err := service.New(service.Config{
		Load:    load,
		Options: []screening.Option{screening.WithThreshold(c.threshold), screening.WithLimit(c.limit), screening.WithWeakAliases(c.weakAliases)},
		Build: func(list *entitylist.List, opts ...screening.Option) (*screening.Screener, error) {
			return newScreener(le, list, opts...) // from the snapshot beside the cached lists
		},
		Store:           store,
		Keys:            keys,
		MaxBody:         c.maxBody,
		MaxBatchBody:    c.maxBatchBody,
		MaxBatch:        c.maxBatch,
		ReadTimeout:     c.readTimeout,
		WriteTimeout:    c.writeTimeout,
		IdleTimeout:     c.idleTimeout,
		ShutdownTimeout: c.shutdown,
		ReloadEvery:     c.reload,
		MaxAge:          cmp.Or(maxAge, defaultMaxAge),
		Logger:          log,
		LogNames:        c.logNames,
		ToolVersion:     toolVersion().String(),
	})
	if err != nil {
		return fail(e, err)
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	hupCtx, stopHup := context.WithCancel(ctx)
	defer stopHup()
	wg.Go(func() {
		for {
			select {
			case <-hupCtx.Done():
				return
			case <-hup:
				log.Info("SIGHUP: reloading the list")
				_ = srv.Reload(hupCtx) // a failure is logged; the list in use stays
			}
		}
	})
	err = srv.Serve(ctx, ln)
	stopHup()
	if errors.Is(err, service.ErrNoKeys) {
		return fail(e, fmt.Errorf("%s is not a loopback address, and no API keys were given: give them with --api-keys FILE or $%s, or listen on 127.0.0.1 (--addr 127.0.0.1:8080)", ln.Addr(), apiKeysEnv))
	}
	if err != nil {
		return fail(e, err)
	}
	return exitClear
}

// check validates the flags together.
func (c *serveConfig) check(level *slog.Level) error {
	if err := screening.CheckOptions(screening.WithThreshold(c.threshold)); err != nil {
		return fmt.Errorf("--threshold %v: %w", c.threshold, err)
	}
	if err := screening.CheckOptions(screening.WithLimit(c.limit)); err != nil || c.limit > service.MaxLimit {
		return fmt.Errorf("--limit %d: from 1 to %d", c.limit, service.MaxLimit)
	}
	for _, f := range []struct {
		name string
		v    int64
	}{{"--max-body", c.maxBody}, {"--max-batch", int64(c.maxBatch)}, {"--max-batch-body", c.maxBatchBody}} {
		if f.v <= 0 {
			return fmt.Errorf("%s %d: must be positive", f.name, f.v)
		}
	}
	for _, f := range []struct {
		name string
		v    time.Duration
	}{{"--read-timeout", c.readTimeout}, {"--write-timeout", c.writeTimeout}, {"--idle-timeout", c.idleTimeout},
		{"--shutdown-timeout", c.shutdown}} {
		if f.v <= 0 {
			return fmt.Errorf("%s %v: must be positive", f.name, f.v)
		}
	}
	if c.reload < 0 {
		return fmt.Errorf("--reload %v: must be 0 (on demand only) or positive", c.reload)
	}
	if c.noStore && c.db != "" {
		return errors.New("give --db or --no-store, not both")
	}
	if err := level.UnmarshalText([]byte(c.logLevel)); err != nil {
		return fmt.Errorf("--log-level %s: use debug, info, warn or error", printable.Quote(c.logLevel))
	}
	return nil
}

// readKeys reads the API keys from the file at path, or from the
// environment; both is an error, neither no keys.
func readKeys(path string) (*service.Keys, error) {
	fromEnv, inEnv := os.LookupEnv(apiKeysEnv)
	switch {
	case path != "" && inEnv:
		return nil, fmt.Errorf("API keys both in --api-keys and in $%s: give one", apiKeysEnv)
	case path != "":
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("cannot read the API keys: %w", err)
		}
		k, err := service.ParseKeys(bytes.NewReader(b), path)
		if err == nil && k.Len() == 0 {
			err = fmt.Errorf("%s holds no key", path)
		}
		return k, err
	case inEnv:
		k, err := service.ParseKeys(strings.NewReader(strings.ReplaceAll(fromEnv, ",", "\n")), "$"+apiKeysEnv)
		if err == nil && k.Len() == 0 {
			err = fmt.Errorf("$%s is set but holds no key", apiKeysEnv)
		}
		return k, err
	}
	return nil, nil
}

// logLines is a writer that logs each line written to it: the messages
// for people of the list loading, in the service's log. A warning (a line
// "warning: ...") is logged at warning level once per cause: the loads
// are told apart by newLoad, and a warning of a cause the load before
// gave is logged again at debug level only, so that a damaged record of
// the cache, say, is not warned of on every reload while it stays, but is
// warned of again once it went and came back. A warning's cause is its
// words, or the cause writeCause is given for a warning said in other
// words at each load.
type logLines struct {
	log    *slog.Logger
	mu     sync.Mutex
	buf    []byte
	before map[string]bool // the causes of the warnings of the load before this one
	now    map[string]bool // the causes of the warnings of this load
}

// newLoad marks the start of a load of the list.
func (w *logLines) newLoad() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.before, w.now = w.now, nil
}

// logMessage returns line, a line the command writes for people, as the
// log says it: without the command's "entityscreen: " and a warning's
// "warning: ", and whether it is a warning.
func logMessage(line string) (msg string, warning bool) {
	return strings.CutPrefix(strings.TrimPrefix(line, "entityscreen: "), "warning: ")
}

func (w *logLines) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		line := string(w.buf[:i])
		w.buf = w.buf[i+1:]
		w.logLine(line, "")
	}
}

// writeCause logs the lines of text, whole lines, as Write does, the
// cause of each warning among them being cause rather than its words.
func (w *logLines) writeCause(cause, text string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for line := range strings.Lines(text) {
		w.logLine(strings.TrimSuffix(line, "\n"), cause)
	}
}

// logLine logs line; a warning of cause, or of its words when cause is
// "", at warning level unless the load before gave one of that cause.
func (w *logLines) logLine(line, cause string) {
	msg, warning := logMessage(line)
	if !warning {
		w.log.Info(msg)
		return
	}
	cause = cmp.Or(cause, msg)
	if w.now == nil {
		w.now = map[string]bool{}
	}
	w.now[cause] = true
	if w.before[cause] {
		w.log.Debug(msg, "repeated", true)
	} else {
		w.log.Warn(msg)
	}
}
