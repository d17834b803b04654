package service

import (
	"bufio"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/entityscreen/entityscreen/monitor"
)

// latencyBuckets are the upper bounds, in seconds, of the request latency
// histogram.
var latencyBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// unmatchedRoute labels the requests no route took (404, 405).
const unmatchedRoute = "unmatched"

// metrics are the Server's counters, lock-free: every route's are made
// when the Server is, so the hot path only adds.
type metrics struct {
	routes map[string]*routeStats // by pattern, and unmatchedRoute
	order  []string               // the routes, sorted

	screened, alerts, unscreenable atomic.Int64
	reloads, reloadFailures        atomic.Int64
	decisions                      [3]atomic.Int64 // cleared, confirmed, escalated
}

// routeStats are the counters of one route.
type routeStats struct {
	codes    [600]atomic.Int64 // by status code
	buckets  []atomic.Int64    // by latency bucket, not cumulative; the last is +Inf
	sumNanos atomic.Int64
}

func newMetrics(patterns []string) *metrics {
	m := &metrics{routes: make(map[string]*routeStats, len(patterns)+1)}
	for _, p := range append(slices.Clone(patterns), unmatchedRoute) {
		m.routes[p] = &routeStats{buckets: make([]atomic.Int64, len(latencyBuckets)+1)}
		m.order = append(m.order, p)
	}
	slices.Sort(m.order)
	return m
}

// observe counts one request of route answered with code after took.
func (m *metrics) observe(route string, code int, took time.Duration) {
	rs := m.routes[route]
	if rs == nil {
		rs = m.routes[unmatchedRoute]
	}
	if code < 100 || code >= len(rs.codes) {
		code = 0
	}
	rs.codes[code].Add(1)
	sec := took.Seconds()
	i, _ := slices.BinarySearch(latencyBuckets, sec) // the first bound >= sec
	rs.buckets[i].Add(1)
	rs.sumNanos.Add(int64(took))
}

// decision counts a decision.
func (m *metrics) decision(action monitor.Status) {
	switch action {
	case monitor.StatusCleared:
		m.decisions[0].Add(1)
	case monitor.StatusConfirmed:
		m.decisions[1].Add(1)
	case monitor.StatusEscalated:
		m.decisions[2].Add(1)
	}
}

// handleMetrics writes the metrics in the Prometheus text exposition
// format (version 0.0.4).
func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff") // as every answer of the API
	w.Header().Set("Cache-Control", "no-store")
	bw := bufio.NewWriter(w)
	s.writeMetrics(bw)
	bw.Flush()
}

func (s *Server) writeMetrics(w *bufio.Writer) {
	m := s.metrics
	family := func(name, typ, help string) {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
	}
	family("entityscreen_http_requests_total", "counter", "HTTP requests answered, by route and status code.")
	for _, route := range m.order {
		rs := m.routes[route]
		for code := range rs.codes {
			if n := rs.codes[code].Load(); n > 0 {
				fmt.Fprintf(w, "entityscreen_http_requests_total{route=%s,code=\"%d\"} %d\n", label(route), code, n)
			}
		}
	}
	family("entityscreen_http_request_duration_seconds", "histogram", "Time to answer HTTP requests, by route.")
	for _, route := range m.order {
		rs := m.routes[route]
		var count int64
		counts := make([]int64, len(rs.buckets))
		for i := range rs.buckets {
			counts[i] = rs.buckets[i].Load()
			count += counts[i]
		}
		if count == 0 {
			continue
		}
		var cum int64
		for i, le := range latencyBuckets {
			cum += counts[i]
			fmt.Fprintf(w, "entityscreen_http_request_duration_seconds_bucket{route=%s,le=\"%s\"} %d\n", label(route), formatFloat(le), cum)
		}
		fmt.Fprintf(w, "entityscreen_http_request_duration_seconds_bucket{route=%s,le=\"+Inf\"} %d\n", label(route), count)
		fmt.Fprintf(w, "entityscreen_http_request_duration_seconds_sum{route=%s} %s\n", label(route), formatFloat(time.Duration(rs.sumNanos.Load()).Seconds()))
		fmt.Fprintf(w, "entityscreen_http_request_duration_seconds_count{route=%s} %d\n", label(route), count)
	}

	counter := func(name, help string, v int64) {
		family(name, "counter", help)
		fmt.Fprintf(w, "%s %d\n", name, v)
	}
	counter("entityscreen_screened_total", "Queries screened (one per query of a batch).", m.screened.Load())
	counter("entityscreen_alerts_raised_total", "Queries screened whose result is an alert: a match at or above the threshold.", m.alerts.Load())
	counter("entityscreen_unscreenable_total", "Queries that could not be screened (empty, invalid or too long name, bad country or kind).", m.unscreenable.Load())
	family("entityscreen_decisions_total", "counter", "Decisions recorded on alerts through this instance, by action.")
	for i, a := range []monitor.Status{monitor.StatusCleared, monitor.StatusConfirmed, monitor.StatusEscalated} {
		fmt.Fprintf(w, "entityscreen_decisions_total{action=\"%s\"} %d\n", a, m.decisions[i].Load())
	}
	counter("entityscreen_list_reloads_total", "List reloads that succeeded, the first load included.", m.reloads.Load())
	counter("entityscreen_list_reload_failures_total", "List reloads that failed; the list in use stayed.", m.reloadFailures.Load())

	gauge := func(name, help string, v float64) {
		family(name, "gauge", help)
		fmt.Fprintf(w, "%s %s\n", name, formatFloat(v))
	}
	rs := s.reloadInfo()
	gauge("entityscreen_list_reload_consecutive_failures", "Reloads that failed since the last that worked.", float64(rs.Failures))
	st := s.current()
	if st == nil {
		gauge("entityscreen_list_loaded", "1 when a list is loaded.", 0)
		return
	}
	gauge("entityscreen_list_loaded", "1 when a list is loaded.", 1)
	info := s.listInfo(st)
	gauge("entityscreen_list_age_seconds", "Seconds since the list in use was fetched, or loaded when its fetch time is unknown.", info.AgeSeconds)
	stale := 0.0
	if info.Stale {
		stale = 1
	}
	gauge("entityscreen_list_stale", "1 when the list in use is stale: older than the maximum age, or downloaded at a time unknown.", stale)
	gauge("entityscreen_list_loaded_timestamp_seconds", "When the list in use was loaded, in Unix seconds.", float64(st.loaded.UnixMilli())/1000)
	family("entityscreen_list_entries", "gauge", "Entries of the list in use, by source.")
	for _, src := range st.version.SourcesByCount() {
		fmt.Fprintf(w, "entityscreen_list_entries{source=%s} %d\n", label(string(src)), st.version.BySource[src])
	}
}

// label quotes a label value as the exposition format asks.
func label(v string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(v) + `"`
}

func formatFloat(f float64) string {
	return strconv.FormatFloat(f, 'g', -1, 64)
}
