package service

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sampleLine is a sample of the Prometheus text format: a name, labels,
// a value.
var sampleLine = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*\})? (\S+)$`)

// parseMetrics reads the text format strictly: every sample belongs to a
// family announced by HELP and TYPE lines before it, and has a valid
// value. It returns the samples by name and labels as written.
func parseMetrics(t *testing.T, text string) map[string]float64 {
	t.Helper()
	samples := map[string]float64{}
	types := map[string]string{}
	helped := map[string]bool{}
	require.True(t, strings.HasSuffix(text, "\n"))
	for line := range strings.Lines(text) {
		line = strings.TrimSuffix(line, "\n")
		if rest, ok := strings.CutPrefix(line, "# HELP "); ok {
			name, help, _ := strings.Cut(rest, " ")
			require.NotEmpty(t, help, line)
			require.False(t, helped[name], "HELP twice for %s", name)
			helped[name] = true
			continue
		}
		if rest, ok := strings.CutPrefix(line, "# TYPE "); ok {
			name, typ, _ := strings.Cut(rest, " ")
			require.Contains(t, []string{"counter", "gauge", "histogram"}, typ, line)
			require.True(t, helped[name], "TYPE before HELP for %s", name)
			types[name] = typ
			continue
		}
		m := sampleLine.FindStringSubmatch(line)
		require.NotNil(t, m, "not a sample line: %q", line)
		family := m[1]
		if types[family] == "" {
			for _, suffix := range []string{"_bucket", "_sum", "_count"} {
				if base, ok := strings.CutSuffix(family, suffix); ok && types[base] == "histogram" {
					family = base
				}
			}
		}
		require.NotEmpty(t, types[family], "a sample of no announced family: %q", line)
		v, err := strconv.ParseFloat(m[3], 64)
		require.NoError(t, err, line)
		key := m[1] + m[2]
		_, dup := samples[key]
		require.False(t, dup, "sample twice: %s", key)
		samples[key] = v
	}
	return samples
}

// TestMetrics: the metrics are valid text format, count requests by route
// and status, hold a consistent histogram, and say what the list is.
func TestMetrics(t *testing.T) {
	ts := newTestServer(t, Config{})
	for range 3 {
		ts.do(t, http.MethodPost, "/v1/screen", `{"name": "AO Kaspersky Lab"}`)
	}
	ts.do(t, http.MethodPost, "/v1/screen", `{"name": ""}`)
	ts.do(t, http.MethodPost, "/v1/screen", `{"nme": "x"}`)
	ts.do(t, http.MethodPost, "/v1/screen/batch", `[{"name": "Contoso"}, {"name": "Orion Star Shipping"}]`)
	ts.do(t, http.MethodGet, "/no/such/route", nil)
	r := ts.do(t, http.MethodGet, "/metrics", nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "text/plain; version=0.0.4; charset=utf-8", r.header.Get("Content-Type"))
	assert.Equal(t, "nosniff", r.header.Get("X-Content-Type-Options"), "a browser does not guess the type")
	m := parseMetrics(t, string(r.body))

	assert.Equal(t, 3.0, m[`entityscreen_http_requests_total{route="POST /v1/screen",code="200"}`])
	assert.Equal(t, 1.0, m[`entityscreen_http_requests_total{route="POST /v1/screen",code="422"}`])
	assert.Equal(t, 1.0, m[`entityscreen_http_requests_total{route="POST /v1/screen",code="400"}`])
	assert.Equal(t, 1.0, m[`entityscreen_http_requests_total{route="POST /v1/screen/batch",code="200"}`])
	assert.Equal(t, 1.0, m[`entityscreen_http_requests_total{route="unmatched",code="404"}`])
	assert.Equal(t, 6.0, m["entityscreen_screened_total"], "4 single queries that reached the screener, 2 of a batch")
	assert.Equal(t, 4.0, m["entityscreen_alerts_raised_total"])
	assert.Equal(t, 1.0, m["entityscreen_unscreenable_total"])
	assert.Equal(t, 1.0, m["entityscreen_list_loaded"])
	assert.Equal(t, 1.0, m["entityscreen_list_reloads_total"])
	assert.Equal(t, 0.0, m["entityscreen_list_reload_failures_total"])
	assert.Equal(t, 2.0, m[`entityscreen_list_entries{source="SDN"}`])
	assert.Equal(t, 1.0, m[`entityscreen_list_entries{source="EL"}`])
	assert.GreaterOrEqual(t, m["entityscreen_list_age_seconds"], 0.0)

	// The histogram of the screen route: cumulative buckets, the last the
	// count.
	route := `route="POST /v1/screen"`
	prev := 0.0
	for _, le := range latencyBuckets {
		v, ok := m[`entityscreen_http_request_duration_seconds_bucket{`+route+`,le="`+formatFloat(le)+`"}`]
		require.True(t, ok, "bucket %v", le)
		assert.GreaterOrEqual(t, v, prev)
		prev = v
	}
	inf := m[`entityscreen_http_request_duration_seconds_bucket{`+route+`,le="+Inf"}`]
	assert.GreaterOrEqual(t, inf, prev)
	assert.Equal(t, 5.0, inf)
	assert.Equal(t, 5.0, m[`entityscreen_http_request_duration_seconds_count{`+route+`}`])
	assert.Positive(t, m[`entityscreen_http_request_duration_seconds_sum{`+route+`}`])
}

func TestLabel(t *testing.T) {
	assert.Equal(t, `"a\"b\\c\nd"`, label("a\"b\\c\nd"))
}
