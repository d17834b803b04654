package service

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/monitor"
)

// linkNext reads the Link header of a page that another follows.
var linkNext = regexp.MustCompile(`^<(/v1/alerts\?[^>]+)>; rel="next"$`)

// walkAlerts lists the alerts of GET path and of the pages after it,
// following the Link headers, and checks that each page's headers agree;
// between is called with each page before the next is asked for.
func walkAlerts(t *testing.T, ts *testServer, path string, between func(page []monitor.Alert)) (all []monitor.Alert, sizes []int) {
	t.Helper()
	for path != "" {
		r := ts.do(t, http.MethodGet, path, nil)
		require.Equal(t, http.StatusOK, r.status, "%s: %s", path, r.body)
		var page []monitor.Alert
		r.decode(t, &page)
		all = append(all, page...)
		sizes = append(sizes, len(page))
		if between != nil {
			between(page)
		}
		path = ""
		if link := r.header.Get("Link"); link != "" {
			m := linkNext.FindStringSubmatch(link)
			require.NotNil(t, m, "Link: %s", link)
			path = m[1]
			u, err := url.Parse(path)
			require.NoError(t, err)
			assert.Equal(t, r.header.Get("X-Next-Cursor"), u.Query().Get("after"), "the cursor is the next page's after")
			require.NotEmpty(t, page, "a page that another follows holds alerts")
		} else {
			assert.Empty(t, r.header.Get("X-Next-Cursor"), "no cursor on the last page")
		}
		require.Less(t, len(sizes), 100, "the pages end")
	}
	return all, sizes
}

// TestAlertPaging: GET /v1/alerts answers pages of alerts, a hundred by
// default, each pointing at the next by its Link and X-Next-Cursor
// headers; walking them lists what the store holds, in its order, with
// any filter and page size, and every alert that stays selected once
// while decisions are made between pages.
func TestAlertPaging(t *testing.T) { testAlertPaging(t, sqliteStore(t)) }

func testAlertPaging(t *testing.T, st *monitor.Store) {
	ctx := context.Background()
	manyAlerts(t, st, 250)
	ts := newTestServer(t, Config{Store: st})
	want, err := st.Alerts(ctx, monitor.AlertFilter{})
	require.NoError(t, err)
	require.Len(t, want, 250)

	got, sizes := walkAlerts(t, ts, "/v1/alerts", nil)
	assert.Equal(t, []int{100, 100, 50}, sizes)
	assert.Equal(t, ids(want), ids(got))
	got, sizes = walkAlerts(t, ts, "/v1/alerts?limit=250", nil)
	assert.Equal(t, []int{250}, sizes, "a page that holds them all, and no next")
	assert.Equal(t, ids(want), ids(got))
	got, sizes = walkAlerts(t, ts, "/v1/alerts?vendor=M007&limit=1", nil)
	assert.Equal(t, []int{1}, sizes)
	assert.Equal(t, "M007", got[0].VendorID)

	// Decisions between the pages: an alert read before, and one ahead,
	// which leaves the open alerts before the pages reach it.
	ahead := want[75]
	got, _ = walkAlerts(t, ts, "/v1/alerts?limit=20", func(page []monitor.Alert) {
		if page[0].ID != want[0].ID {
			return
		}
		for _, id := range []int64{page[3].ID, ahead.ID} {
			_, err := st.Decide(ctx, id, monitor.StatusCleared, "another party", "ana", time.Now())
			require.NoError(t, err)
		}
	})
	seen := map[int64]bool{}
	for _, a := range got {
		assert.False(t, seen[a.ID], "alert %d twice", a.ID)
		seen[a.ID] = true
	}
	assert.Len(t, got, 249)
	assert.False(t, seen[ahead.ID], "decided before its page")

	// Several states, a page size of 7.
	for i, a := range want {
		if i%4 == 1 && a.ID != ahead.ID {
			_, err := st.Decide(ctx, a.ID, monitor.StatusEscalated, "check", "ana", time.Now())
			require.NoError(t, err)
		}
	}
	want, err = st.Alerts(ctx, monitor.AlertFilter{Statuses: []monitor.Status{monitor.StatusOpen, monitor.StatusEscalated}})
	require.NoError(t, err)
	got, sizes = walkAlerts(t, ts, "/v1/alerts?limit=7&status=escalated,open", nil)
	assert.Equal(t, ids(want), ids(got))
	assert.Len(t, sizes, len(want)/7+1)
	assert.Equal(t, 248, len(got))
}

func ids(as []monitor.Alert) []int64 {
	out := make([]int64, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}

// TestAlertPagingErrors: a limit out of range, an after that is no
// cursor of the service, and one of another vendor's alerts than the
// vendor asked for are refused, 400, naming the parameter.
func TestAlertPagingErrors(t *testing.T) {
	ts := newTestServer(t, Config{})
	b64 := base64.RawURLEncoding.EncodeToString
	for _, tt := range []struct{ query, want string }{
		{"limit=0", `limit "0" is not a number of alerts from 1 to 1000`},
		{"limit=1001", `limit "1001" is not a number`},
		{"limit=-3", `limit "-3" is not a number`},
		{"limit=ten", `limit "ten" is not a number`},
		{"limit=1.5", `limit "1.5" is not a number`},
		{"after=%21%21", `after "!!" is not a cursor of this service`},
		{"after=" + b64([]byte("hello")), `after "aGVsbG8" is not a cursor`},
		{"after=" + b64([]byte(`[1, 2, 3, 4]`)), `is not a cursor`},
		{"after=" + b64([]byte(`["V1", "SDN", "1"]`)), `is not a cursor`},
		{"after=" + b64([]byte(`["", "SDN", "1", 0]`)), `is not a cursor`},
		{"after=" + b64([]byte(`["V1", "SDN", "1", -1]`)), `is not a cursor`},
		{"after=" + b64([]byte(`{"vendor": "V1"}`)), `is not a cursor`},
	} {
		t.Run(tt.query, func(t *testing.T) {
			r := ts.do(t, http.MethodGet, "/v1/alerts?"+tt.query, nil)
			assert.Equal(t, http.StatusBadRequest, r.status, "%s", r.body)
			assert.Contains(t, r.errorOf(t), tt.want)
		})
	}
	// A cursor of one vendor's alerts asked for with another vendor: of
	// another walk, which would list every alert of the vendor or none.
	for _, q := range []string{"vendor=V2&after=" + formatCursor(monitor.AlertKey{VendorID: "V1", Entry: entitylist.EntryKey{Source: "SDN", ID: "90001"}}),
		"vendor=V1&after=" + formatCursor(monitor.AlertKey{VendorID: "V3"})} {
		r := ts.do(t, http.MethodGet, "/v1/alerts?"+q, nil)
		assert.Equal(t, http.StatusBadRequest, r.status, "%s: %s", q, r.body)
		assert.Contains(t, r.errorOf(t), "is a cursor of another vendor's alerts than vendor")
		r = ts.do(t, http.MethodGet, "/review/?"+q, nil)
		assert.Equal(t, http.StatusBadRequest, r.status, "the review queue: %s", q)
	}
	for _, q := range []string{"after=", "limit=1000", "limit=1&after=" + formatCursor(monitor.AlertKey{VendorID: "V1"}),
		"vendor=V1&after=" + formatCursor(monitor.AlertKey{VendorID: "V1"})} {
		r := ts.do(t, http.MethodGet, "/v1/alerts?"+q, nil)
		assert.Equal(t, http.StatusOK, r.status, "%s: %s", q, r.body)
	}
}

// TestCursor: a cursor gives back the key it was made of, whatever its
// vendor id and entry hold.
func TestCursor(t *testing.T) {
	for _, k := range []monitor.AlertKey{
		{VendorID: "V1"},
		{VendorID: "V1", Entry: entitylist.EntryKey{Source: "SDN", ID: "36", Dup: 2}},
		{VendorID: "Müller & Söhne \"GmbH\" <1>", Entry: entitylist.EntryKey{Source: "in-house", ID: "a/b?c=d&e"}},
	} {
		c := formatCursor(k)
		assert.Regexp(t, `^[A-Za-z0-9_-]+$`, c, "safe in a URL as it is")
		got, err := parseCursor(c)
		require.NoError(t, err)
		assert.Equal(t, k, got)
	}
}

// TestCursorTampered: a cursor whose JSON reads as another key than it
// holds (invalid UTF-8 or an escaped lone surrogate, read as U+FFFD) is
// refused, 400, rather than paging from the key it reads as; so is one
// formatCursor does not write.
func TestCursorTampered(t *testing.T) {
	ts := newTestServer(t, Config{})
	b64 := base64.RawURLEncoding.EncodeToString
	for _, tt := range []struct{ name, cursor string }{
		{"invalid UTF-8", b64([]byte("[\"V1\xff\",\"SDN\",\"90001\",0]"))},
		{"lone surrogate", b64([]byte(`["V1\ud800","SDN","90001",0]`))},
		{"null for a string", b64([]byte(`["V1",null,null,0]`))},
		{"escaped as formatCursor does not", b64([]byte(`["\u0056\u0031","SDN","90001",0]`))},
		{"padded", formatCursor(monitor.AlertKey{VendorID: "V1"}) + "="},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.do(t, http.MethodGet, "/v1/alerts?after="+url.QueryEscape(tt.cursor), nil)
			assert.Equal(t, http.StatusBadRequest, r.status, "%s", r.body)
			assert.Contains(t, r.errorOf(t), "is not a cursor of this service")
			r = ts.do(t, http.MethodGet, "/review/?after="+url.QueryEscape(tt.cursor), nil)
			assert.Equal(t, http.StatusBadRequest, r.status)
		})
	}
	r := ts.do(t, http.MethodGet, "/v1/alerts?after="+formatCursor(monitor.AlertKey{VendorID: "V1\uFFFD"}), nil)
	assert.Equal(t, http.StatusOK, r.status, "a key holding U+FFFD itself: %s", r.body)
}

// FuzzCursor: parsing a string never panics, and what parses writes a
// cursor that parses to the same key.
func FuzzCursor(f *testing.F) {
	f.Add(formatCursor(monitor.AlertKey{VendorID: "V1", Entry: entitylist.EntryKey{Source: "SDN", ID: "36", Dup: 1}}))
	f.Add("")
	f.Add("WyJWMSIsIG51bGwsIG51bGwsIG51bGxd")
	f.Fuzz(func(t *testing.T, s string) {
		k, err := parseCursor(s)
		if err != nil {
			return
		}
		again, err := parseCursor(formatCursor(k))
		require.NoError(t, err)
		assert.Equal(t, k, again)
	})
}

// TestAlertDecisionsRoute: GET /v1/alerts/{id}/decisions answers the
// decisions on that alert alone, oldest first; none for an alert not
// decided; 404 for no such alert.
func TestAlertDecisionsRoute(t *testing.T) {
	ts := newTestServer(t, Config{})
	alerts, err := ts.store.Alerts(context.Background(), monitor.AlertFilter{})
	require.NoError(t, err)
	a, b := alerts[0].ID, alerts[1].ID
	var ds []monitor.Decision
	r := ts.do(t, http.MethodGet, fmt.Sprintf("/v1/alerts/%d/decisions", a), nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	assert.Equal(t, "[]\n", string(r.body))
	for _, d := range []struct {
		id   int64
		body string
	}{
		{a, `{"action": "escalate", "reason": "check the address", "reviewer": "ana"}`},
		{b, `{"action": "clear", "reason": "another party", "reviewer": "ana"}`},
		{a, `{"action": "confirm", "reason": "the same registration number", "reviewer": "bo"}`},
	} {
		r := ts.do(t, http.MethodPost, fmt.Sprintf("/v1/alerts/%d/decision", d.id), d.body)
		require.Equal(t, http.StatusCreated, r.status, "%s", r.body)
	}
	ts.do(t, http.MethodGet, fmt.Sprintf("/v1/alerts/%d/decisions", a), nil).decode(t, &ds)
	require.Len(t, ds, 2)
	assert.Equal(t, monitor.StatusEscalated, ds[0].Action)
	assert.Equal(t, "bo", ds[1].Reviewer)
	for _, d := range ds {
		assert.Equal(t, a, d.AlertID)
	}
	r = ts.do(t, http.MethodGet, "/v1/alerts/999/decisions", nil)
	assert.Equal(t, http.StatusNotFound, r.status)
	assert.Equal(t, "no alert 999", r.errorOf(t))
	r = ts.do(t, http.MethodGet, "/v1/alerts/x/decisions", nil)
	assert.Equal(t, http.StatusNotFound, r.status)
}

// TestAlertFilterParamOnce: vendor, limit and after take one value; a
// second is an error naming the parameter, 400, by the API and the
// queue alike, rather than one of them silently used.
func TestAlertFilterParamOnce(t *testing.T) {
	ts := newTestServer(t, Config{})
	for _, q := range []string{"vendor=V1&vendor=V2", "limit=1&limit=2", "after=a&after=b", "vendor=V1&limit=5&vendor=V1"} {
		t.Run(q, func(t *testing.T) {
			param, _, _ := strings.Cut(q, "=")
			if strings.HasPrefix(q, "vendor=V1&limit") {
				param = "vendor"
			}
			r := ts.do(t, http.MethodGet, "/v1/alerts?"+q, nil)
			require.Equal(t, http.StatusBadRequest, r.status, "%s", r.body)
			assert.Contains(t, r.errorOf(t), param+" is given 2 times: give it once")
			r = ts.do(t, http.MethodGet, "/review/?"+q, nil)
			assert.Equal(t, http.StatusBadRequest, r.status)
			assert.Contains(t, string(r.body), param+" is given 2 times: give it once")
		})
	}
}
