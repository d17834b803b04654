package service

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/monitor"
)

// secrets are what a screened party's request holds that the logs must
// not: a name, an address, an identifier.
var secrets = []string{"Quillfeather", "Lantern Row", "QX-4471-ZZ"}

// exercise sends every kind of request that carries a party's data, good
// and bad, and the review page's requests.
func exercise(t *testing.T, ts *testServer) {
	t.Helper()
	party := `"name": "Zed Quillfeather Holdings", "address": "9 Lantern Row, Leeds", "id": "QX-4471-ZZ"`
	ts.do(t, http.MethodPost, "/v1/screen", `{`+party+`}`)
	ts.do(t, http.MethodPost, "/v1/explain", `{`+party+`, "country": "GB"}`)
	ts.do(t, http.MethodPost, "/v1/screen/batch", `[{`+party+`}, {"name": "AO Kaspersky Lab"}]`)
	ts.do(t, http.MethodPost, "/v1/screen/batch", `{`+party+`}`+"\n", "Content-Type", "application/x-ndjson")
	ts.do(t, http.MethodPost, "/v1/screen", `{`+party+`, "country": "Quillfeather Land"}`) // unscreenable: the error quotes it
	ts.do(t, http.MethodPost, "/v1/screen", `{`+party+`, "kind": "Quillfeather"}`)
	ts.do(t, http.MethodPost, "/v1/screen", `{`+party+`, "limit": "Quillfeather"}`) // a bad request
	ts.do(t, http.MethodPost, "/v1/screen", `{"name": "`+strings.Repeat("Quillfeather ", 100)+`"}`)
	ts.do(t, http.MethodPost, "/v1/screen", `{"Quillfeather": 1}`)
	ts.do(t, http.MethodPost, "/v1/screen/batch", `[{`+party+`}, {"Quillfeather": 1}]`)
	// The review page shows vendor names; its log lines must not.
	alerts, err := ts.store.Alerts(context.Background(), monitor.AlertFilter{})
	require.NoError(t, err)
	ts.do(t, http.MethodGet, "/review/", nil)
	ts.do(t, http.MethodGet, "/review/?vendor=Quillfeather", nil)
	ts.do(t, http.MethodGet, fmt.Sprintf("/review/alerts/%d", alerts[0].ID), nil)
	form := url.Values{"action": {"clear"}, "reason": {"Quillfeather of Lantern Row is another firm"}, "reviewer": {"ana"}}
	ts.do(t, http.MethodPost, fmt.Sprintf("/review/alerts/%d", alerts[0].ID), form.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	ts.do(t, http.MethodPost, fmt.Sprintf("/v1/alerts/%d/decision", alerts[1].ID), `{"action": "clear", "reason": "Quillfeather", "reviewer": "ana"}`)
}

// TestLogsHoldNoNames: the request logs, one JSON line each, never hold
// what was screened, nor a decision's reason, unless LogNames is set; then
// they hold the names.
func TestLogsHoldNoNames(t *testing.T) {
	ts := newTestServer(t, Config{})
	exercise(t, ts)
	logs := ts.logs.String()
	lines := 0
	sc := bufio.NewScanner(strings.NewReader(logs))
	for sc.Scan() {
		var rec map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &rec), "a log line that is no JSON object: %s", sc.Text())
		if rec["msg"] == "request" {
			lines++
			assert.NotEmpty(t, rec["route"])
			assert.NotEmpty(t, rec["request_id"])
		}
	}
	assert.GreaterOrEqual(t, lines, 15, "one line per request")
	for _, s := range secrets {
		assert.NotContains(t, logs, s)
	}
	assert.Contains(t, logs, `"route":"POST /v1/screen"`)

	ts = newTestServer(t, Config{LogNames: true})
	exercise(t, ts)
	logs = ts.logs.String()
	for _, s := range secrets {
		assert.Contains(t, logs, s, "LogNames logs what was screened")
	}
}
