package service

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/monitor"
)

// TestAlertsAndDecisions: the alerts of the store are listed with their
// filters as monitor.Alert records; a decision is recorded, with its
// statuses for what is wrong; the audit export holds it.
func TestAlertsAndDecisions(t *testing.T) {
	ts := newTestServer(t, Config{})
	ctx := context.Background()
	open, err := ts.store.Alerts(ctx, monitor.AlertFilter{})
	require.NoError(t, err)
	require.Len(t, open, 3)

	var got []monitor.Alert
	r := ts.do(t, http.MethodGet, "/v1/alerts", nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	r.decode(t, &got)
	require.Len(t, got, len(open))
	for i := range got {
		assert.Equal(t, open[i].ID, got[i].ID)
		assert.Equal(t, open[i].VendorID, got[i].VendorID)
		assert.Equal(t, open[i].Match.Entry.Name, got[i].Match.Entry.Name)
	}
	r = ts.do(t, http.MethodGet, "/v1/alerts?vendor=V2", nil)
	r.decode(t, &got)
	require.Len(t, got, 1)
	assert.Equal(t, "V2", got[0].VendorID)
	target := got[0]

	r = ts.do(t, http.MethodGet, fmt.Sprintf("/v1/alerts/%d", target.ID), nil)
	require.Equal(t, http.StatusOK, r.status)
	var one monitor.Alert
	r.decode(t, &one)
	assert.Equal(t, target.ID, one.ID)

	path := fmt.Sprintf("/v1/alerts/%d/decision", target.ID)
	for _, tt := range []struct {
		name    string
		path    string
		body    string
		status  int
		errPart string
	}{
		{"no reason", path, `{"action": "clear", "reviewer": "ana"}`, http.StatusUnprocessableEntity, `"reason"`},
		{"no reviewer", path, `{"action": "clear", "reason": "r"}`, http.StatusUnprocessableEntity, `"reviewer"`},
		{"no action", path, `{"action": "ignore", "reason": "r", "reviewer": "ana"}`, http.StatusUnprocessableEntity, `"action"`},
		{"unknown key", path, `{"action": "clear", "reason": "r", "reviewer": "ana", "by": "x"}`, http.StatusBadRequest, "unknown field"},
		{"no such alert", "/v1/alerts/999/decision", `{"action": "clear", "reason": "r", "reviewer": "ana"}`, http.StatusNotFound, "no alert 999"},
		{"not an id", "/v1/alerts/x/decision", `{"action": "clear", "reason": "r", "reviewer": "ana"}`, http.StatusNotFound, `no alert "x"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.do(t, http.MethodPost, tt.path, tt.body)
			assert.Equal(t, tt.status, r.status, "%s", r.body)
			assert.Contains(t, r.errorOf(t), tt.errPart)
		})
	}

	r = ts.do(t, http.MethodPost, path, `{"action": "Clear", "reason": "Kaspersky Labs Ltd of London is a reseller, not the listed lab", "reviewer": "ana"}`)
	require.Equal(t, http.StatusCreated, r.status, "%s", r.body)
	var d monitor.Decision
	r.decode(t, &d)
	assert.Equal(t, monitor.StatusCleared, d.Action)
	assert.Equal(t, target.ID, d.AlertID)
	assert.Equal(t, fmt.Sprintf("/v1/alerts/%d", target.ID), r.header.Get("Location"))
	decided, err := ts.store.Alert(ctx, target.ID)
	require.NoError(t, err)
	assert.Equal(t, monitor.StatusCleared, decided.Status)

	r = ts.do(t, http.MethodGet, "/v1/alerts", nil)
	r.decode(t, &got)
	assert.Len(t, got, 2, "the cleared alert left the open ones")
	r = ts.do(t, http.MethodGet, "/v1/alerts?status=cleared&status=confirmed", nil)
	r.decode(t, &got)
	require.Len(t, got, 1)
	assert.Equal(t, target.ID, got[0].ID)
	r = ts.do(t, http.MethodGet, "/v1/alerts?status=open,bogus", nil)
	assert.Equal(t, http.StatusBadRequest, r.status)
	assert.Contains(t, r.errorOf(t), `status "bogus" is no state of an alert`)

	// The audit export: runs, then alerts, then decisions, then the
	// changes runs made to alerts (the first run opened three), one a line.
	r = ts.do(t, http.MethodGet, "/v1/audit", nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "application/x-ndjson", r.header.Get("Content-Type"))
	kinds := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(r.body))
	sc.Buffer(nil, 1<<20)
	var last *monitor.Decision
	for sc.Scan() {
		var rec monitor.AuditRecord
		require.NoError(t, json.Unmarshal(sc.Bytes(), &rec))
		kinds[rec.Kind]++
		if rec.Decision != nil {
			last = rec.Decision
		}
	}
	assert.Equal(t, map[string]int{"run": 1, "alert": 3, "decision": 1, "event": 3}, kinds)
	require.NotNil(t, last)
	assert.Equal(t, d.ID, last.ID)
	assert.Equal(t, int64(1), ts.metrics.decisions[0].Load())
}

// TestDecisionOnClosedAlert: a closed alert takes no decision: 409.
func TestDecisionOnClosedAlert(t *testing.T) {
	ts := newTestServer(t, Config{})
	ctx := context.Background()
	open, err := ts.store.Alerts(ctx, monitor.AlertFilter{VendorID: "V3"})
	require.NoError(t, err)
	require.Len(t, open, 1)
	// The vendor leaves the file: its alert closes.
	s, err := newScreenerFor(t, listV1)
	require.NoError(t, err)
	_, err = ts.store.Run(ctx, s, fixtureVendors[:2], monitor.RunOptions{})
	require.NoError(t, err)
	r := ts.do(t, http.MethodPost, fmt.Sprintf("/v1/alerts/%d/decision", open[0].ID), `{"action": "confirm", "reason": "r", "reviewer": "ana"}`)
	assert.Equal(t, http.StatusConflict, r.status, "%s", r.body)
	assert.Contains(t, r.errorOf(t), "is closed")
}

// TestNoStore: a Server without a store screens, and answers the store's
// routes 503.
func TestNoStore(t *testing.T) {
	s, err := New(Config{Load: loadFile(listV1)})
	require.NoError(t, err)
	require.NoError(t, s.Reload(context.Background()))
	for _, tt := range []struct{ method, path, body string }{
		{http.MethodGet, "/v1/alerts", ""},
		{http.MethodGet, "/v1/alerts/1", ""},
		{http.MethodGet, "/v1/alerts/1/decisions", ""},
		{http.MethodPost, "/v1/alerts/1/decision", `{"action": "clear", "reason": "r", "reviewer": "a"}`},
		{http.MethodGet, "/v1/audit", ""},
		{http.MethodGet, "/review/", ""},
		{http.MethodGet, "/review/alerts/1", ""},
	} {
		w := newRecorder()
		s.ServeHTTP(w, newRequest(t, tt.method, tt.path, tt.body))
		assert.Equal(t, http.StatusServiceUnavailable, w.Code, tt.path)
		assert.Contains(t, w.Body.String(), "store", tt.path)
	}
	w := newRecorder()
	s.ServeHTTP(w, newRequest(t, http.MethodPost, "/v1/screen", `{"name": "AO Kaspersky Lab"}`))
	assert.Equal(t, http.StatusOK, w.Code)
}

// TestTextTheStoreCannotHold: client text with a NUL character or invalid
// UTF-8, which PostgreSQL refuses, is the client's error, not the store's
// failure, on any store: 400 naming the parameter for a vendor or a
// cursor, 422 naming the field for a decision's reason or reviewer, by
// JSON or by the review page's form; nothing is recorded.
func TestTextTheStoreCannotHold(t *testing.T) { testTextTheStoreCannotHold(t, sqliteStore(t)) }

// testTextTheStoreCannotHold is TestTextTheStoreCannotHold on st, which
// it fills with the fixture's alerts.
func testTextTheStoreCannotHold(t *testing.T, st *monitor.Store) {
	runFixture(t, st, listV1)
	ts := newTestServer(t, Config{Store: st})
	ctx := context.Background()
	alerts, err := st.Alerts(ctx, monitor.AlertFilter{})
	require.NoError(t, err)
	b64 := base64.RawURLEncoding.EncodeToString

	for _, tt := range []struct{ query, want string }{
		{"vendor=%00", `vendor "\x00" is no vendor id: a NUL character at byte 0`},
		{"vendor=V1%00", `vendor "V1\x00" is no vendor id: a NUL character at byte 2`},
		{"vendor=%FF", `vendor "\xff" is no vendor id: invalid UTF-8 at byte 0`},
		{"vendor=M%C3%BCller%C3", `vendor "Müller\xc3" is no vendor id: invalid UTF-8 at byte 7`},
		{"after=" + b64([]byte(`["V1\u0000", "SDN", "1", 0]`)), "after \"WyJWMVx1MDAwMCIsICJTRE4iLCAiMSIsIDBd\" is not a cursor of this service"},
		{"after=" + b64([]byte(`["V1", "SDN\u0000", "1", 0]`)), "is not a cursor of this service"},
		{"after=" + b64([]byte(`["V1", "SDN", "\u0000", 0]`)), "is not a cursor of this service"},
	} {
		t.Run(tt.query, func(t *testing.T) {
			r := ts.do(t, http.MethodGet, "/v1/alerts?"+tt.query, nil)
			assert.Equal(t, http.StatusBadRequest, r.status, "%s", r.body)
			assert.Contains(t, r.errorOf(t), tt.want)
			r = ts.do(t, http.MethodGet, "/review/?"+tt.query, nil)
			assert.Equal(t, http.StatusBadRequest, r.status, "the review queue: %s", r.body)
			assert.Contains(t, string(r.body), html.EscapeString(tt.want))
		})
	}
	r := ts.do(t, http.MethodGet, "/v1/alerts?vendor=M%C3%BCller", nil)
	assert.Equal(t, http.StatusOK, r.status, "UTF-8 is text: %s", r.body)

	path := fmt.Sprintf("/v1/alerts/%d/decision", alerts[0].ID)
	for _, tt := range []struct{ name, body, want string }{
		{"reason with NUL", `{"action": "escalate", "reason": "a\u0000b", "reviewer": "ana"}`,
			`"reason": The reason has a NUL character at byte 1: send plain UTF-8 text.`},
		{"reviewer with NUL", `{"action": "escalate", "reason": "check the address", "reviewer": "\u0000"}`,
			`"reviewer": The reviewer's name has a NUL character at byte 0: send plain UTF-8 text.`},
		{"both, and no action", `{"action": "", "reason": " \u0000", "reviewer": "ana\u0000"}`,
			`"action": Choose a decision: clear, confirm or escalate. "reason": The reason has a NUL character at byte 1: send plain UTF-8 text. "reviewer": The reviewer's name has a NUL character at byte 3`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.do(t, http.MethodPost, path, tt.body)
			assert.Equal(t, http.StatusUnprocessableEntity, r.status, "%s", r.body)
			assert.Contains(t, r.errorOf(t), tt.want)
		})
	}
	r = ts.do(t, http.MethodPost, path, "{\"action\": \"escalate\", \"reason\": \"bad \xff byte\", \"reviewer\": \"ana\"}")
	assert.Equal(t, http.StatusBadRequest, r.status, "invalid UTF-8 in JSON is no JSON body: %s", r.body)
	assert.Contains(t, r.errorOf(t), "invalid UTF-8 at byte 38")

	formPath := fmt.Sprintf("/review/alerts/%d", alerts[1].ID)
	for _, tt := range []struct{ name, reason, reviewer, want string }{
		{"reason with invalid UTF-8", "bad \xff byte", "ana", "The reason has invalid UTF-8 at byte 4: send plain UTF-8 text."},
		{"reason with NUL", "bad \x00 byte", "ana", "The reason has a NUL character at byte 4: send plain UTF-8 text."},
		{"reviewer with invalid UTF-8", "another party", "an\xc3a", "The reviewer&#39;s name has invalid UTF-8 at byte 2: send plain UTF-8 text."},
	} {
		t.Run("form "+tt.name, func(t *testing.T) {
			r := ts.do(t, http.MethodPost, formPath, formBody("clear", tt.reason, tt.reviewer), "Content-Type", formType)
			assert.Equal(t, http.StatusUnprocessableEntity, r.status)
			page := string(r.body)
			checkPage(t, page)
			assert.Contains(t, page, "The decision was not recorded")
			assert.Contains(t, page, tt.want)
			assert.True(t, utf8.ValidString(page), "the page is UTF-8, the text typed kept as it can be")
		})
	}

	ds, err := st.Decisions(ctx)
	require.NoError(t, err)
	assert.Empty(t, ds, "nothing recorded")
	for _, a := range alerts[:2] {
		a, err := st.Alert(ctx, a.ID)
		require.NoError(t, err)
		assert.Equal(t, monitor.StatusOpen, a.Status)
	}
}

// TestAlertIDCanonical: an alert has one URL. Another spelling of its id
// (a sign, leading zeros) names no alert, on every route of one alert, the
// API's and the review page's, rather than answering for the alert.
func TestAlertIDCanonical(t *testing.T) {
	ts := newTestServer(t, Config{})
	open, err := ts.store.Alerts(context.Background(), monitor.AlertFilter{})
	require.NoError(t, err)
	id := open[0].ID
	decision := `{"action": "clear", "reason": "r", "reviewer": "ana"}`
	for _, spelling := range []string{fmt.Sprintf("+%d", id), fmt.Sprintf("0%d", id), fmt.Sprintf("00%d", id), "0", "-1"} {
		for _, c := range []struct {
			method, path string
			body         any
			ct           string
		}{
			{http.MethodGet, "/v1/alerts/" + spelling, nil, ""},
			{http.MethodGet, "/v1/alerts/" + spelling + "/decisions", nil, ""},
			{http.MethodPost, "/v1/alerts/" + spelling + "/decision", decision, "application/json"},
			{http.MethodGet, "/review/alerts/" + spelling, nil, ""},
			{http.MethodPost, "/review/alerts/" + spelling, formBody("clear", "r", "ana"), formType},
		} {
			t.Run(c.method+" "+c.path, func(t *testing.T) {
				r := ts.do(t, c.method, c.path, c.body, "Content-Type", c.ct)
				assert.Equal(t, http.StatusNotFound, r.status, "%s", r.body)
				body := html.UnescapeString(string(r.body))
				assert.Contains(t, body, spelling)
				assert.Contains(t, body, "without a sign or leading zeros", "the page and the API say why")
			})
		}
	}
	// The canonical id still answers, and no decision went through.
	r := ts.do(t, http.MethodGet, fmt.Sprintf("/v1/alerts/%d", id), nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	var a monitor.Alert
	r.decode(t, &a)
	assert.Equal(t, monitor.StatusOpen, a.Status)
}

// TestAuditHead: HEAD /v1/audit answers the export's headers without
// running the export (its log line counts no record), and the store's
// failure as a GET would.
func TestAuditHead(t *testing.T) {
	ts := newTestServer(t, Config{})
	r := ts.do(t, http.MethodHead, "/v1/audit", nil, "X-Request-Id", "head-audit")
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "application/x-ndjson", r.header.Get("Content-Type"))
	assert.Empty(t, r.body)
	var line map[string]any
	for l := range strings.Lines(ts.logs.String()) {
		if strings.Contains(l, `"request_id":"head-audit"`) {
			require.NoError(t, json.Unmarshal([]byte(l), &line))
		}
	}
	require.NotNil(t, line, "the request's log line: %s", ts.logs)
	assert.NotContains(t, line, "records", "the export was not run")

	require.NoError(t, ts.store.Close())
	r = ts.do(t, http.MethodHead, "/v1/audit", nil)
	assert.Equal(t, http.StatusInternalServerError, r.status)
}

// TestDecisionOnWhatWasRead: a decision that gives the alert's hashes as
// the reviewer read them is refused, 409, when a run changed the vendor
// record since (the vendor id now names another company), through the
// API and on the review page, which shows the alert again with its new
// hashes; one hash alone is a 422; with the hashes of now, it is recorded.
func TestDecisionOnWhatWasRead(t *testing.T) {
	ts := newTestServer(t, Config{})
	ctx := context.Background()
	read, err := ts.store.Alerts(ctx, monitor.AlertFilter{VendorID: "V2"})
	require.NoError(t, err)
	require.Len(t, read, 1)
	seen := read[0]
	// The same vendor id, another record.
	vendors := slices.Clone(fixtureVendors)
	vendors[1].Query.Address = "1 Kaspersky Street, Moscow"
	vendors[1].Query.Country = "RU"
	s, err := newScreenerFor(t, listV1)
	require.NoError(t, err)
	_, err = ts.store.Run(ctx, s, vendors, monitor.RunOptions{})
	require.NoError(t, err)
	now, err := ts.store.Alert(ctx, seen.ID)
	require.NoError(t, err)
	require.NotEqual(t, seen.VendorHash, now.VendorHash)

	path := fmt.Sprintf("/v1/alerts/%d/decision", seen.ID)
	body := func(entry, vendor string) string {
		return fmt.Sprintf(`{"action": "clear", "reason": "a reseller", "reviewer": "ana", "entry_hash": %q, "vendor_hash": %q}`, entry, vendor)
	}
	r := ts.do(t, http.MethodPost, path, body(seen.EntryHash, seen.VendorHash))
	assert.Equal(t, http.StatusConflict, r.status, "%s", r.body)
	assert.Contains(t, r.errorOf(t), "changed since it was read")
	r = ts.do(t, http.MethodPost, path, fmt.Sprintf(`{"action": "clear", "reason": "r", "reviewer": "ana", "entry_hash": %q}`, seen.EntryHash))
	assert.Equal(t, http.StatusUnprocessableEntity, r.status, "%s", r.body)
	assert.Contains(t, r.errorOf(t), `"entry_hash": entry_hash was given without vendor_hash: give both`)

	page := fmt.Sprintf("/review/alerts/%d", seen.ID)
	form := formBody("clear", "a reseller", "ana") + "&" + url.Values{"entry_hash": {seen.EntryHash}, "vendor_hash": {seen.VendorHash}}.Encode()
	r = ts.do(t, http.MethodPost, page, form, "Content-Type", formType)
	assert.Equal(t, http.StatusConflict, r.status)
	html := string(r.body)
	assert.Contains(t, html, fmt.Sprintf("A run changed the entry or the vendor record of alert %d since it was read.", seen.ID))
	assert.Contains(t, html, "This page now shows the alert as it is", "the page says what it shows")
	assert.Contains(t, html, `<textarea id="reason" name="reason" rows="4" cols="60" required aria-describedby="reason-hint">a reseller</textarea>`, "the reason is kept")
	assert.Contains(t, html, `name="vendor_hash" value="`+now.VendorHash+`"`, "the page shows the alert as it is now")
	a, err := ts.store.Alert(ctx, seen.ID)
	require.NoError(t, err)
	assert.Equal(t, monitor.StatusOpen, a.Status, "nothing recorded")

	// A form refused for another reason (no reason given) is shown again
	// with the hashes of the alert as the reviewer first read it, not as
	// it is now: sent again, it is refused, 409, and says the alert
	// changed, rather than deciding on a record the reviewer did not read.
	form = formBody("clear", "", "ana") + "&" + url.Values{"entry_hash": {seen.EntryHash}, "vendor_hash": {seen.VendorHash}}.Encode()
	r = ts.do(t, http.MethodPost, page, form, "Content-Type", formType)
	assert.Equal(t, http.StatusUnprocessableEntity, r.status)
	html = string(r.body)
	assert.Contains(t, html, `name="entry_hash" value="`+seen.EntryHash+`"`, "the hashes as read are kept")
	assert.Contains(t, html, `name="vendor_hash" value="`+seen.VendorHash+`"`, "the hashes as read are kept")
	a, err = ts.store.Alert(ctx, seen.ID)
	require.NoError(t, err)
	assert.Equal(t, monitor.StatusOpen, a.Status, "nothing recorded")

	r = ts.do(t, http.MethodPost, path, body(now.EntryHash, now.VendorHash))
	assert.Equal(t, http.StatusCreated, r.status, "%s", r.body)
	a, err = ts.store.Alert(ctx, seen.ID)
	require.NoError(t, err)
	assert.Equal(t, monitor.StatusCleared, a.Status)
}
