package service

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/entityscreen/entityscreen/internal/strictjson"
	"github.com/entityscreen/entityscreen/screening"
)

// Media types of a batch: a JSON array, or JSON Lines under any of the
// names in use.
var (
	jsonTypes  = []string{"application/json"}
	batchTypes = []string{"application/json", "application/x-ndjson", "application/jsonl", "application/x-jsonlines"}
)

// handleScreen screens one query: the answer is the library's record of
// its screening.Result, 200 when screened and 422 (with its "error") when
// the query cannot be screened.
func (s *Server) handleScreen(w http.ResponseWriter, r *http.Request) {
	s.screenOne(w, r, false)
}

// handleExplain is handleScreen with near misses: matches down to
// "min_score", by default 0.2 below the threshold.
func (s *Server) handleExplain(w http.ResponseWriter, r *http.Request) {
	s.screenOne(w, r, true)
}

func (s *Server) screenOne(w http.ResponseWriter, r *http.Request, explain bool) {
	st := s.current()
	if st == nil {
		writeError(w, http.StatusServiceUnavailable, "no list loaded yet")
		return
	}
	body, _, err := readBody(w, r, s.cfg.MaxBody, jsonTypes...)
	if err != nil {
		writeRequestError(w, err)
		return
	}
	var req screenRequest
	if err := strictjson.DecodeObject(body, &req); err != nil {
		writeError(w, http.StatusBadRequest, "invalid request body: "+err.Error())
		return
	}
	q, opts, kindErr, err := req.query(st, explain)
	if err != nil {
		writeRequestError(w, err)
		return
	}
	if s.testHook != nil {
		s.testHook(st)
	}
	res := s.screen(r.Context(), st, q, opts, kindErr)
	s.logQuery(r, q)
	if stopped(res.Err) {
		writeStopped(w, r, res.Err)
		return
	}
	logAttrs(r, slog.Bool("alert", res.Alert()), slog.Int("matches", len(res.Matches)))
	b, err := st.encoder.appendResult(nil, res)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "encoding the result failed")
		return
	}
	status := http.StatusOK
	if res.Err != nil {
		status = http.StatusUnprocessableEntity
	}
	writeRaw(w, status, append(b, '\n'))
}

// stopped reports whether err is that of a screening stopped by the
// request's context: the query was not screened, which is no fault of it.
func stopped(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// writeStopped answers a request whose screening its context stopped
// with err (the client went away, or the server was cut short) with 503
// and an error alone: no result, whose empty matches could be read as "no
// match".
func writeStopped(w http.ResponseWriter, r *http.Request, err error) {
	if cause := context.Cause(r.Context()); cause != nil {
		err = cause
	}
	logAttrs(r, slog.String("stopped", err.Error()))
	writeError(w, http.StatusServiceUnavailable, "screening stopped before it finished ("+err.Error()+"): no result is answered, send the request again")
}

// screen screens q with st and counts the outcome.
func (s *Server) screen(ctx context.Context, st *state, q screening.Query, opts []screening.Option, kindErr error) screening.Result {
	var res screening.Result
	if kindErr != nil {
		res = screening.Result{Query: q, Err: kindErr}
	} else {
		res, _ = st.screener.Screen(ctx, q, opts...)
	}
	if stopped(res.Err) {
		return res // not screened, and not the query's fault
	}
	s.metrics.screened.Add(1)
	switch {
	case res.Err != nil:
		s.metrics.unscreenable.Add(1)
	case res.Alert():
		s.metrics.alerts.Add(1)
	}
	return res
}

// logQuery adds what was screened to the request's log line, when the
// Server was told to log names.
func (s *Server) logQuery(r *http.Request, q screening.Query) {
	if !s.cfg.LogNames {
		return
	}
	logAttrs(r, slog.String("name", q.Name), slog.String("country", q.Country), slog.String("address", q.Address), slog.String("id", q.ID))
}

// writeRequestError answers a request that failed as a whole.
func writeRequestError(w http.ResponseWriter, err error) {
	var re *requestError
	if errors.As(err, &re) {
		writeError(w, re.status, re.msg)
		return
	}
	writeError(w, http.StatusBadRequest, err.Error())
}

// batchQuery is one query of a batch, checked.
type batchQuery struct {
	q       screening.Query
	opts    []screening.Option
	kindErr error
}

// handleBatch screens a batch: a JSON array of query objects, answered
// with a JSON array of results, or JSON Lines (application/x-ndjson),
// answered with JSON Lines; results in input order. Every query is
// checked before any is screened: one that is no query object is a 400
// naming it. A query that cannot be screened has its error in its result.
func (s *Server) handleBatch(w http.ResponseWriter, r *http.Request) {
	st := s.current()
	if st == nil {
		writeError(w, http.StatusServiceUnavailable, "no list loaded yet")
		return
	}
	body, mt, err := readBody(w, r, s.cfg.MaxBatchBody, batchTypes...)
	if err != nil {
		writeRequestError(w, err)
		return
	}
	lines := mt != "application/json"
	items, err := batchItems(body, lines, s.cfg.MaxBatch)
	if err != nil {
		writeRequestError(w, err)
		return
	}
	what := "element"
	if lines {
		what = "query" // a line number would count blank lines: the query's place is clearer
	}
	qs := make([]batchQuery, len(items))
	for i, item := range items {
		var req screenRequest
		if err := strictjson.DecodeObjectAt(item.text, item.at, &req); err != nil {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("invalid request body: %s %d: %v", what, i, err))
			return
		}
		q, opts, kindErr, err := req.query(st, false)
		if err != nil {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("%s %d: %v", what, i, err))
			return
		}
		qs[i] = batchQuery{q, opts, kindErr}
		if s.cfg.LogNames {
			s.logQuery(r, q)
		}
	}
	if s.testHook != nil {
		s.testHook(st)
	}
	results := s.screenBatch(r.Context(), st, qs)
	if err := r.Context().Err(); err != nil {
		// Some queries may have been screened, others not: answer none,
		// rather than a batch whose last results are no screening.
		writeStopped(w, r, err)
		return
	}
	alerts := 0
	for i := range results {
		if results[i].Alert() {
			alerts++
		}
	}
	logAttrs(r, slog.Int("queries", len(qs)), slog.Int("alerts", alerts))

	ct := "application/json"
	if lines {
		ct = "application/x-ndjson"
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriterSize(w, 64<<10)
	if !lines {
		bw.WriteString("[")
	}
	var b []byte
	for i, res := range results {
		var err error
		if b, err = st.encoder.appendResult(b[:0], res); err != nil {
			// Cannot happen for a Result the screener made; never drop
			// one silently all the same.
			b = fmt.Appendf(b[:0], `{"query": "", "error": "encoding result %d failed"}`, i)
		}
		if !lines && i > 0 {
			bw.WriteString(",\n")
		}
		bw.Write(b)
		if lines {
			bw.WriteByte('\n')
		}
	}
	if !lines {
		bw.WriteString("]\n")
	}
	bw.Flush()
}

// screenBatch screens qs on every CPU, each with its own options, and
// returns their results in order. A panic while screening, on a goroutine
// of its own, stops the others and goes on on the caller's goroutine once
// they are done, where ServeHTTP answers it, rather than ending the
// program.
func (s *Server) screenBatch(ctx context.Context, st *state, qs []batchQuery) []screening.Result {
	results := make([]screening.Result, len(qs))
	var next atomic.Int64
	var wg sync.WaitGroup
	var panicked atomic.Pointer[any] // the first panic's value
	for range min(runtime.GOMAXPROCS(0), len(qs)) {
		wg.Go(func() {
			defer func() {
				if p := recover(); p != nil {
					next.Store(int64(len(qs))) // the others stop
					panicked.CompareAndSwap(nil, &p)
				}
			}()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(qs) {
					return
				}
				results[i] = s.screen(ctx, st, qs[i].q, qs[i].opts, qs[i].kindErr)
			}
		})
	}
	wg.Wait()
	if p := panicked.Load(); p != nil {
		panic(*p)
	}
	return results
}
