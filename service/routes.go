package service

import (
	"bytes"
	"cmp"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"math/rand/v2"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/entityscreen/entityscreen/internal/printable"
)

// route is one route of the Server: the ServeMux pattern, and whether it
// is open to anyone (public) and a page for people (HTML, whose 401 asks a
// browser for a key).
type route struct {
	pattern string
	handler func(*Server, http.ResponseWriter, *http.Request)
	public  bool
	page    bool
}

// routeTable is every route of the Server. The OpenAPI document describes
// the same, which TestOpenAPIRoutes checks.
var routeTable = []route{
	{pattern: "GET /{$}", handler: (*Server).handleRoot, public: true},
	{pattern: "GET /healthz", handler: (*Server).handleHealth, public: true},
	{pattern: "GET /readyz", handler: (*Server).handleReady, public: true},
	{pattern: "GET /metrics", handler: (*Server).handleMetrics},
	{pattern: "GET /openapi.json", handler: (*Server).handleOpenAPI, public: true},
	{pattern: "POST /v1/screen", handler: (*Server).handleScreen},
	{pattern: "POST /v1/screen/batch", handler: (*Server).handleBatch},
	{pattern: "POST /v1/explain", handler: (*Server).handleExplain},
	{pattern: "GET /v1/list", handler: (*Server).handleList},
	{pattern: "GET /v1/alerts", handler: (*Server).handleAlerts},
	{pattern: "GET /v1/alerts/{id}", handler: (*Server).handleAlert},
	{pattern: "GET /v1/alerts/{id}/decisions", handler: (*Server).handleAlertDecisions},
	{pattern: "POST /v1/alerts/{id}/decision", handler: (*Server).handleDecision},
	{pattern: "GET /v1/audit", handler: (*Server).handleAudit},
	{pattern: "POST /admin/reload", handler: (*Server).handleReload},
	{pattern: "GET /review/{$}", handler: (*Server).pageQueue, page: true},
	{pattern: "GET /review/alerts/{id}", handler: (*Server).pageAlert, page: true},
	{pattern: "POST /review/alerts/{id}", handler: (*Server).pageDecide, page: true},
	{pattern: "GET /review/static/{file}", handler: (*Server).pageStatic, public: true, page: true},
}

// routes builds the mux of s and the metrics of its routes.
func (s *Server) routes() (*http.ServeMux, *metrics) {
	mux := http.NewServeMux()
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		msg := "a request from another origin: refused (cross-site request forgery protection)"
		if strings.HasPrefix(r.URL.Path, "/review/") {
			writePageError(w, http.StatusForbidden, "This form was sent from another site, so it was refused. Open the page here and send it again.")
			return
		}
		writeError(w, http.StatusForbidden, msg)
	}))
	patterns := make([]string, len(routeTable))
	for i, rt := range routeTable {
		patterns[i] = rt.pattern
		var h http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { rt.handler(s, w, r) })
		if !strings.HasPrefix(rt.pattern, "GET ") {
			h = csrf.Handler(h)
		}
		if !rt.public {
			h = s.authenticate(h, rt.page)
		}
		mux.Handle(rt.pattern, h)
	}
	return mux, newMetrics(patterns)
}

// noRoute answers a request that no route takes, outside the review
// page, as the API answers its other errors: a JSON error body, 404 for a
// path that is no route's, 405 with the Allow header for a method that
// the path's routes do not take. h is the mux's own answer (see
// http.ServeMux.Handler), run only for its status and its Allow header.
func (s *Server) noRoute(w http.ResponseWriter, r *http.Request, h http.Handler) {
	answerNoRoute(w, r, h, writeError, func(allow string) string {
		return fmt.Sprintf("method %s is not allowed on %s: use %s", printable.Quote(r.Method), printable.Quote(r.URL.Path), allow)
	}, fmt.Sprintf("no route %s: the routes are in /openapi.json", printable.Quote(r.URL.Path)))
}

// pageNoRoute answers a request under /review/ that no route takes as
// the review page answers its other errors: a page, 404 for a path that
// is no page's, 405 with the Allow header for a method that the page does
// not take. h is the mux's own answer, as for noRoute.
func pageNoRoute(w http.ResponseWriter, r *http.Request, h http.Handler) {
	answerNoRoute(w, r, h, writePageError, func(allow string) string {
		return fmt.Sprintf("This page takes no %s request; it takes %s.", printable.Quote(r.Method), strings.ReplaceAll(allow, ",", " or"))
	}, fmt.Sprintf("There is no page %s.", printable.Quote(r.URL.Path)))
}

// answerNoRoute runs h, the mux's own answer to r, for its status and its
// Allow header, and answers with write: 405 with the Allow header and the
// message notAllowed gives for it, or 404 with notFound. Any other answer
// of the mux (a redirect to the cleaned path) is sent as it is.
func answerNoRoute(w http.ResponseWriter, r *http.Request, h http.Handler, write func(http.ResponseWriter, int, string), notAllowed func(allow string) string, notFound string) {
	rec := &recorder{header: http.Header{}}
	h.ServeHTTP(rec, r)
	switch rec.status {
	case http.StatusMethodNotAllowed:
		allow := rec.header.Get("Allow")
		w.Header().Set("Allow", allow)
		write(w, http.StatusMethodNotAllowed, notAllowed(allow))
	case http.StatusNotFound:
		write(w, http.StatusNotFound, notFound)
	default:
		maps.Copy(w.Header(), rec.header)
		w.WriteHeader(cmp.Or(rec.status, http.StatusOK))
		w.Write(rec.body.Bytes())
	}
}

// recorder is an http.ResponseWriter that keeps what is written.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (w *recorder) Header() http.Header { return w.header }

func (w *recorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}

func (w *recorder) Write(b []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.body.Write(b)
}

// pagePath reports whether path is the review page's, whose every answer
// carries the page's security headers (see setPageHeaders): / (a redirect
// to the queue), /review and what is under /review/, as sent or once
// cleaned (the mux redirects "/review" and "/review//alerts/1" to the
// page's own path).
func pagePath(p string) bool {
	for _, p := range []string{p, path.Clean(p)} {
		if p == "/" || p == "/review" || strings.HasPrefix(p, "/review/") {
			return true
		}
	}
	return false
}

// setPageHeaders sets the security headers of a page in h: no script, no
// frame, nothing from elsewhere, no sniffing, not kept in a cache (a
// handler may allow caching, as the style sheet's does).
func setPageHeaders(h http.Header) {
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
}

// requestInfo is what the handlers of one request tell the request log.
type requestInfo struct {
	id      string
	key     string // the id of the API key, if one was given
	user    string // the Basic authentication user name, if any
	attrs   []slog.Attr
	attrBuf [4]slog.Attr // attrs' first, allocated with the requestInfo
}

type infoKey struct{}

// infoOf returns the requestInfo of r, or nil.
func infoOf(r *http.Request) *requestInfo {
	info, _ := r.Context().Value(infoKey{}).(*requestInfo)
	return info
}

// requestID returns the request's X-Request-Id when it is a sane one (a
// load balancer's), or a new one.
func requestID(r *http.Request) string {
	if id := r.Header.Get("X-Request-Id"); id != "" && len(id) <= 64 {
		ok := true
		for i := 0; i < len(id) && ok; i++ {
			c := id[i]
			ok = c == '-' || c == '_' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		}
		if ok {
			return id
		}
	}
	var b [8]byte
	n := rand.Uint64()
	for i := range b {
		b[i] = byte(n >> (8 * i))
	}
	return hex.EncodeToString(b[:])
}

// statusWriter records the status and the size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap returns the underlying writer, for http.ResponseController.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// finish counts and logs a request that was answered.
func (s *Server) finish(r *http.Request, w *statusWriter, info *requestInfo, took time.Duration) {
	status := w.status
	if status == 0 {
		status = http.StatusOK
	}
	route := r.Pattern
	s.metrics.observe(route, status, took)
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	ctx := r.Context()
	if !s.log.Enabled(ctx, level) {
		return
	}
	if route == "" {
		route = unmatchedRoute
	}
	var buf [16]slog.Attr // enough for most lines, on the stack
	attrs := append(buf[:0], slog.String("request_id", info.id), slog.String("method", r.Method), slog.String("route", route),
		slog.Int("status", status), slog.Float64("ms", float64(took.Microseconds())/1000), slog.Int64("bytes", w.bytes),
		slog.String("remote", r.RemoteAddr))
	if info.key != "" {
		attrs = append(attrs, slog.String("key", info.key))
	}
	attrs = append(attrs, info.attrs...)
	s.log.LogAttrs(ctx, level, "request", attrs...)
}

// logAttrs adds attributes to the request's log line.
func logAttrs(r *http.Request, attrs ...slog.Attr) {
	if info := infoOf(r); info != nil {
		info.attrs = append(info.attrs, attrs...)
	}
}

// errorBody is the JSON answer to a request that fails as a whole.
type errorBody struct {
	Error string `json:"error"`
}

// writeError answers with status and {"error": msg}.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, errorBody{msg})
}

// writeJSON answers with status and v as JSON, HTML characters unescaped
// as the library writes its records.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := encodeJSON(v)
	if err != nil {
		writeRaw(w, http.StatusInternalServerError, []byte(`{"error": "encoding the answer failed"}`+"\n"))
		return
	}
	writeRaw(w, status, b)
}

// encodeJSON encodes v as one line of JSON, HTML characters unescaped.
func encodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeRaw answers with status and the JSON body b.
func writeRaw(w http.ResponseWriter, status int, b []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	// Sent whole, as one body: its length rather than chunks.
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	w.Write(b)
}

// handleRoot sends a browser to the review page.
func (s *Server) handleRoot(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/review/", http.StatusSeeOther)
}
