package service

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/monitor"
)

// formBody is a decision form as a browser sends it.
func formBody(action, reason, reviewer string) string {
	return url.Values{"action": {action}, "reason": {reason}, "reviewer": {reviewer}}.Encode()
}

const formType = "application/x-www-form-urlencoded"

// checkPage checks what every page must be for a keyboard and a screen
// reader: a language, a title, a skip link to the main part first, one
// h1, a label for every field, a scope for every table header, no script.
func checkPage(t *testing.T, html string) {
	t.Helper()
	assert.Contains(t, html, `<html lang="en">`)
	assert.Regexp(t, `<title>[^<]+ · entityscreen review</title>`, html)
	body := html[strings.Index(html, "<body>"):]
	assert.True(t, strings.HasPrefix(body, "<body>\n"+`<a class="skip" href="#main">Skip to main content</a>`), "the skip link comes first")
	assert.Contains(t, html, `<main id="main" tabindex="-1"`)
	assert.Equal(t, 1, strings.Count(html, "<h1"), "one h1")
	for _, m := range regexp.MustCompile(`<(input|select|textarea)[^>]*\bid="([^"]+)"`).FindAllStringSubmatch(html, -1) {
		assert.Contains(t, html, `<label for="`+m[2]+`"`, "field %s has no label", m[2])
	}
	for _, field := range regexp.MustCompile(`<(input|select|textarea)\b[^>]*>`).FindAllString(html, -1) {
		if strings.Contains(field, `type="hidden"`) {
			continue // not shown, so not labelled
		}
		assert.Contains(t, field, ` id="`, "a field without an id, and so without a label: %s", field)
	}
	for _, th := range regexp.MustCompile(`<th\b[^>]*>`).FindAllString(html, -1) {
		assert.Contains(t, th, "scope=", "a table header without a scope: %s", th)
	}
	assert.NotContains(t, html, "<script")
	assert.NotContains(t, html, "tabindex=\"1", "no positive tabindex: the focus follows the page")
}

// TestReviewQueue: the queue lists the open alerts with links to them,
// and filters by status and vendor.
func TestReviewQueue(t *testing.T) {
	ts := newTestServer(t, Config{})
	r := ts.do(t, http.MethodGet, "/review/", nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "text/html; charset=utf-8", r.header.Get("Content-Type"))
	assert.Contains(t, r.header.Get("Content-Security-Policy"), "default-src 'none'")
	assert.Equal(t, "DENY", r.header.Get("X-Frame-Options"))
	html := string(r.body)
	checkPage(t, html)
	alerts, err := ts.store.Alerts(context.Background(), monitor.AlertFilter{})
	require.NoError(t, err)
	for _, a := range alerts {
		assert.Contains(t, html, fmt.Sprintf(`<a href="/review/alerts/%d">Alert %d`, a.ID, a.ID))
		assert.Contains(t, html, a.Vendor.Name)
		assert.Contains(t, html, a.Match.Entry.Name)
	}
	assert.Contains(t, html, "Open alerts: 3, by vendor")

	r = ts.do(t, http.MethodGet, "/review/?vendor=V2", nil)
	assert.Contains(t, string(r.body), "Open alerts of vendor <bdi>V2</bdi>: 1")
	assert.NotContains(t, string(r.body), "Orion")
	r = ts.do(t, http.MethodGet, "/review/?status=cleared", nil)
	assert.Contains(t, string(r.body), "<p>No cleared alerts.</p>")
	assert.Contains(t, string(r.body), `<option value="cleared" selected>`)
	r = ts.do(t, http.MethodGet, "/review/?status=bogus", nil)
	assert.Equal(t, http.StatusBadRequest, r.status)
	assert.Contains(t, string(r.body), `status &#34;bogus&#34; is no state of an alert`)
	assert.Contains(t, string(r.body), "<title>Error: Open alerts · ", "the title says the filter failed")
	assert.Contains(t, string(r.body), `<div class="problems" role="alert" id="problems" tabindex="-1" autofocus>`, "the focus goes to the problem")
	assert.Contains(t, string(r.body), "Open alerts: 3", "the open alerts instead")

	r = ts.do(t, http.MethodGet, "/", nil)
	assert.Equal(t, http.StatusSeeOther, r.status)
	assert.Equal(t, "/review/", r.header.Get("Location"))
}

// TestReviewQueuePages: the queue shows a page of alerts at a time, with
// a link to the next page and, past the first, one to the first;
// following the links shows every alert once, each page saying which it
// shows. A bad limit or cursor shows the first page of the open alerts
// with the problem, 400.
func TestReviewQueuePages(t *testing.T) {
	st := sqliteStore(t)
	manyAlerts(t, st, 230)
	ts := newTestServer(t, Config{Store: st})
	want, err := st.Alerts(context.Background(), monitor.AlertFilter{})
	require.NoError(t, err)
	nextLink := regexp.MustCompile(`<a href="([^"]+)" rel="next">Next page<span class="visually-hidden"> of open alerts</span></a>`)
	alertLink := regexp.MustCompile(`<a href="/review/alerts/(\d+)">`)
	caption := regexp.MustCompile(`<caption>(.*)</caption>`)
	var got []int64
	var captions []string
	for path := "/review/"; path != ""; {
		r := ts.do(t, http.MethodGet, path, nil)
		require.Equal(t, http.StatusOK, r.status)
		page := string(r.body)
		checkPage(t, page)
		for _, m := range alertLink.FindAllStringSubmatch(page, -1) {
			id, err := strconv.ParseInt(m[1], 10, 64)
			require.NoError(t, err)
			got = append(got, id)
		}
		captions = append(captions, caption.FindStringSubmatch(page)[1])
		if len(captions) > 1 {
			assert.Contains(t, page, `<a href="/review/?status=open">First page<span class="visually-hidden"> of open alerts</span></a>`)
			assert.Contains(t, page, "<title>Open alerts, a later page · entityscreen review</title>")
		} else {
			assert.NotContains(t, page, "First page")
		}
		path = ""
		if m := nextLink.FindStringSubmatch(page); m != nil {
			path = html.UnescapeString(m[1])
		}
		require.Less(t, len(captions), 10, "the pages end")
	}
	assert.Equal(t, ids(want), got)
	assert.Equal(t, []string{
		"Open alerts, by vendor: the first 100; more on the next page. Open an alert to review it.",
		"Open alerts, by vendor: 100 from vendor <bdi>M100</bdi> on; more on the next page. Open an alert to review it.",
		"Open alerts, by vendor: the last 30, from vendor <bdi>M200</bdi> on. Open an alert to review it.",
	}, captions)

	page := string(ts.do(t, http.MethodGet, "/review/?vendor=M007&limit=1", nil).body)
	assert.Contains(t, page, "<caption>Open alerts of vendor <bdi>M007</bdi>: 1. Open an alert to review it.</caption>")
	assert.NotContains(t, page, "Next page")
	page = string(ts.do(t, http.MethodGet, "/review/?after="+formatCursor(monitor.AlertKey{VendorID: "Z"}), nil).body)
	assert.Contains(t, page, "<p>No more open alerts after those shown before.</p>")
	assert.Contains(t, page, `<a href="/review/?status=open">First page<span class="visually-hidden"> of open alerts</span></a>`)

	for _, tt := range []struct{ query, problem string }{
		{"limit=0", "limit &#34;0&#34; is not a number of alerts from 1 to 1000"},
		{"status=cleared&after=xyz", "after &#34;xyz&#34; is not a cursor of this service"},
	} {
		r := ts.do(t, http.MethodGet, "/review/?"+tt.query, nil)
		assert.Equal(t, http.StatusBadRequest, r.status, tt.query)
		page := string(r.body)
		checkPage(t, page)
		assert.Contains(t, page, tt.problem)
		assert.Contains(t, page, "<caption>Open alerts, by vendor: the first 100; more on the next page.", "the open alerts instead")
	}
}

// TestReviewAlert: an alert's page sets the two records side by side and
// explains the match: the words that met and how, the evidence for and
// against; it escapes what the records hold.
func TestReviewAlert(t *testing.T) {
	ts := newTestServer(t, Config{})
	alerts, err := ts.store.Alerts(context.Background(), monitor.AlertFilter{VendorID: "V1"})
	require.NoError(t, err)
	require.Len(t, alerts, 1)
	a := alerts[0]
	r := ts.do(t, http.MethodGet, fmt.Sprintf("/review/alerts/%d", a.ID), nil)
	require.Equal(t, http.StatusOK, r.status)
	html := string(r.body)
	checkPage(t, html)
	for _, want := range []string{
		"<h1>Alert 1: <bdi>Orion Star Shipping LLC</bdi> and <bdi>ORION STAR SHIPPING L.L.C.</bdi></h1>",
		// The two records.
		"<td>Jebel Ali Free Zone, Dubai</td>", "<td>Office 12, Jebel Ali Free Zone, Dubai, AE</td>",
		"<td>774411</td>", "<td>Registration Number: 774411 (AE)</td>",
		"<td>ORION STAR MARINE</td>", "listed from 2021-09-01", "<td>IRAN</td>",
		// The explanation.
		`<th scope="row">orion</th>`, "exact: the same word",
		"<h3>Evidence for the match</h3>", "identifier: <bdi>the entry publishes the query&#39;s identifier 774411",
		// The form.
		`<form method="post" action="/review/alerts/1">`, `<label for="reason">Reason</label>`,
	} {
		assert.Contains(t, html, want)
	}
	for _, c := range a.Match.Explanation.Checks {
		assert.Contains(t, html, c.Name+": ", "every check is said")
	}

	r = ts.do(t, http.MethodGet, "/review/alerts/999", nil)
	assert.Equal(t, http.StatusNotFound, r.status)
	assert.Contains(t, string(r.body), "There is no alert 999.")
	r = ts.do(t, http.MethodGet, "/review/alerts/x", nil)
	assert.Equal(t, http.StatusNotFound, r.status)
}

// TestReviewEvidenceAgainst: a check that lowered the score is said under
// the evidence against, in words.
func TestReviewEvidenceAgainst(t *testing.T) {
	ts := newTestServer(t, Config{})
	alerts, err := ts.store.Alerts(context.Background(), monitor.AlertFilter{VendorID: "V2"})
	require.NoError(t, err)
	require.Len(t, alerts, 1)
	html := string(ts.do(t, http.MethodGet, fmt.Sprintf("/review/alerts/%d", alerts[0].ID), nil).body)
	_, against, ok := strings.Cut(html, "<h3>Evidence against the match</h3>")
	require.True(t, ok)
	against, _, _ = strings.Cut(against, "<h3>")
	assert.Contains(t, against, "country: ")
	assert.Contains(t, against, "lowers the score: ×0.85")
}

// TestReviewDecision: the form records a decision and sends the browser
// to the alert's page, which says so; a form with something missing is
// shown again, 422, saying what, with what was typed kept; a form from
// another site is refused.
func TestReviewDecision(t *testing.T) {
	ts := newTestServer(t, Config{})
	ctx := context.Background()
	alerts, err := ts.store.Alerts(ctx, monitor.AlertFilter{VendorID: "V2"})
	require.NoError(t, err)
	id := alerts[0].ID
	path := fmt.Sprintf("/review/alerts/%d", id)

	r := ts.do(t, http.MethodPost, path, formBody("confirm", "", ""), "Content-Type", formType)
	assert.Equal(t, http.StatusUnprocessableEntity, r.status)
	html := string(r.body)
	checkPage(t, html)
	assert.Contains(t, html, "The decision was not recorded")
	assert.Contains(t, html, "<title>Error: Alert ", "the title says the form failed")
	assert.Contains(t, html, `id="problems" tabindex="-1" autofocus>`, "the focus goes to the problems")
	assert.Contains(t, html, `<a href="#reason">Give the reason for the decision: an auditor reads it.</a>`)
	assert.Contains(t, html, `<a href="#reviewer">Give the name of the reviewer who decides.</a>`)
	assert.Contains(t, html, `aria-invalid="true"`)
	assert.Contains(t, html, `value="confirm" required checked`, "the choice is kept")

	r = ts.do(t, http.MethodPost, path, formBody("clear", "Reseller in London <not> the lab", "ana"), "Content-Type", formType, "Sec-Fetch-Site", "cross-site")
	assert.Equal(t, http.StatusForbidden, r.status)
	assert.Contains(t, string(r.body), "sent from another site")
	r = ts.do(t, http.MethodPost, path, `{"action": "clear"}`)
	assert.Equal(t, http.StatusUnsupportedMediaType, r.status)
	a, err := ts.store.Alert(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, monitor.StatusOpen, a.Status, "nothing recorded")

	r = ts.do(t, http.MethodPost, path, formBody("clear", "Reseller in London <not> the lab", "ana"), "Content-Type", formType, "Sec-Fetch-Site", "same-origin")
	require.Equal(t, http.StatusSeeOther, r.status, "%s", r.body)
	loc := r.header.Get("Location")
	assert.Regexp(t, `^/review/alerts/\d+\?decision=\d+$`, loc)
	a, err = ts.store.Alert(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, monitor.StatusCleared, a.Status)
	ds, err := ts.store.Decisions(ctx)
	require.NoError(t, err)
	require.Len(t, ds, 1)
	assert.Equal(t, "Reseller in London <not> the lab", ds[0].Reason)
	assert.Equal(t, "ana", ds[0].Reviewer)

	html = string(ts.do(t, http.MethodGet, loc, nil).body)
	assert.Contains(t, html, `<div class="notice" role="status" id="decision-recorded" tabindex="-1" autofocus>`)
	assert.Contains(t, html, "<title>Decision recorded: Alert ")
	assert.Contains(t, html, "Reason: <bdi>Reseller in London &lt;not&gt; the lab</bdi>", "escaped")
	assert.Contains(t, html, "<td>cleared</td><td>ana</td>")
}

// TestReviewClosedAlert: a closed alert's page says it takes no decision,
// and a form posted to it anyway is refused, 409.
func TestReviewClosedAlert(t *testing.T) {
	ts := newTestServer(t, Config{})
	ctx := context.Background()
	alerts, err := ts.store.Alerts(ctx, monitor.AlertFilter{VendorID: "V3"})
	require.NoError(t, err)
	s, err := newScreenerFor(t, listV1)
	require.NoError(t, err)
	_, err = ts.store.Run(ctx, s, fixtureVendors[:2], monitor.RunOptions{})
	require.NoError(t, err)
	path := fmt.Sprintf("/review/alerts/%d", alerts[0].ID)
	html := string(ts.do(t, http.MethodGet, path, nil).body)
	assert.Contains(t, html, "This alert is closed")
	assert.NotContains(t, html, "<form method=\"post\"")
	r := ts.do(t, http.MethodPost, path, formBody("clear", "r", "ana"), "Content-Type", formType)
	assert.Equal(t, http.StatusConflict, r.status)
	assert.Contains(t, string(r.body), "is closed")
	checkPage(t, string(r.body))
	assert.NotContains(t, string(r.body), `href="#action-`, "no link to a form the page does not show")
	for _, m := range regexp.MustCompile(`href="#([^"]+)"`).FindAllStringSubmatch(string(r.body), -1) {
		assert.Contains(t, string(r.body), `id="`+m[1]+`"`, "a link to #%s, which is nowhere", m[1])
	}
}

// TestReviewReviewerFromLogin: the reviewer's field starts with the user
// name a browser logged in with.
func TestReviewReviewerFromLogin(t *testing.T) {
	ts := newTestServer(t, Config{Keys: testKeys(t)})
	req, err := http.NewRequest(http.MethodGet, ts.http.URL+"/review/alerts/1", nil)
	require.NoError(t, err)
	req.SetBasicAuth("maria.lopez", testKey)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, readAll(t, resp), `<input id="reviewer" name="reviewer" value="maria.lopez"`)
}

// TestReviewNoRoute: a path under /review/ that no route takes, or a
// method its route does not take, is answered by a page, with the
// security headers of every page.
func TestReviewNoRoute(t *testing.T) {
	ts := newTestServer(t, Config{})
	for _, tc := range []struct {
		name, method, path string
		status             int
	}{
		{"no such page", http.MethodGet, "/review/no-such-page", http.StatusNotFound},
		{"below an alert", http.MethodGet, "/review/alerts/1/more", http.StatusNotFound},
		{"a method the page does not take", http.MethodDelete, "/review/alerts/1", http.StatusMethodNotAllowed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ts.do(t, tc.method, tc.path, nil)
			assert.Equal(t, tc.status, r.status)
			assert.Equal(t, "text/html; charset=utf-8", r.header.Get("Content-Type"))
			assert.Contains(t, r.header.Get("Content-Security-Policy"), "frame-ancestors 'none'")
			assert.Equal(t, "DENY", r.header.Get("X-Frame-Options"))
			assert.Equal(t, "nosniff", r.header.Get("X-Content-Type-Options"))
			assert.Equal(t, "same-origin", r.header.Get("Referrer-Policy"))
			assert.Equal(t, "no-store", r.header.Get("Cache-Control"))
			if tc.status == http.StatusMethodNotAllowed {
				assert.Contains(t, r.header.Get("Allow"), http.MethodPost)
			}
			checkPage(t, string(r.body))
			assert.NotContains(t, string(r.body), "Screened against: .", "no footer line without its list")
		})
	}
}

// TestReviewBidiIsolated: a name holding a right-to-left override (or
// written in a right-to-left script) is isolated from the text around it,
// so that it cannot reorder the rest of a heading or a line: "Alert 5: X
// and Y" stays in that order whatever X holds.
func TestReviewBidiIsolated(t *testing.T) {
	ts := newTestServer(t, Config{})
	ctx := context.Background()
	name := "\u202eKaspersky Labs Ltd"
	vendors := []monitor.Vendor{{ID: "V9\u202e", Query: fixtureVendors[1].Query}}
	vendors[0].Query.Name = name
	s, err := newScreenerFor(t, listV1)
	require.NoError(t, err)
	_, err = ts.store.Run(ctx, s, vendors, monitor.RunOptions{})
	require.NoError(t, err)
	alerts, err := ts.store.Alerts(ctx, monitor.AlertFilter{VendorID: vendors[0].ID})
	require.NoError(t, err)
	require.Len(t, alerts, 1)
	a := alerts[0]
	listed := a.Match.Entry.Name

	html := string(ts.do(t, http.MethodGet, fmt.Sprintf("/review/alerts/%d", a.ID), nil).body)
	checkPage(t, html)
	for _, want := range []string{
		"<title>Alert " + strconv.FormatInt(a.ID, 10) + ": \u2068" + name + "\u2069 and \u2068" + listed + "\u2069 · entityscreen review</title>",
		"<h1>Alert " + strconv.FormatInt(a.ID, 10) + ": <bdi>" + name + "</bdi> and <bdi>" + listed + "</bdi></h1>",
		"(vendor id <bdi>" + vendors[0].ID + "</bdi>)",
		"“<bdi>" + name + "</bdi>”, compared as",
	} {
		assert.Contains(t, html, want)
	}
	html = string(ts.do(t, http.MethodGet, "/review/?"+url.Values{"vendor": {vendors[0].ID}}.Encode(), nil).body)
	checkPage(t, html)
	for _, want := range []string{
		": <bdi>" + name + "</bdi> and <bdi>" + listed + "</bdi></span></a>",
		"<td><bdi>" + name + "</bdi> <span class=\"secondary\">(id <bdi>" + vendors[0].ID + "</bdi>)</span></td>",
	} {
		assert.Contains(t, html, want)
	}
	html = string(ts.do(t, http.MethodGet, "/review/?"+url.Values{"vendor": {`<b title="x">V&`}}.Encode(), nil).body)
	assert.Contains(t, html, "<p>No open alerts of vendor <bdi>&lt;b title=&#34;x&#34;&gt;V&amp;</bdi>.</p>", "escaped in its <bdi>")
}

// TestReviewHeadersOnEveryAnswer: every answer of the review page carries
// the security headers of its pages, the redirects included: the mux's
// to a path with its slash or cleaned (307), the root's to the queue and
// the form's to the alert (303), and a style sheet that is not there.
func TestReviewHeadersOnEveryAnswer(t *testing.T) {
	ts := newTestServer(t, Config{})
	for _, tc := range []struct {
		name, method, path, body string
		status                   int
	}{
		{"the queue", http.MethodGet, "/review/", "", http.StatusOK},
		{"without its slash", http.MethodGet, "/review", "", http.StatusTemporaryRedirect},
		{"a path to clean", http.MethodGet, "/review//alerts/1", "", http.StatusTemporaryRedirect},
		{"a path with dots", http.MethodGet, "/review/static/../alerts/1", "", http.StatusTemporaryRedirect},
		{"the root", http.MethodGet, "/", "", http.StatusSeeOther},
		{"a decision", http.MethodPost, "/review/alerts/1", formBody("clear", "a reseller", "ana"), http.StatusSeeOther},
		{"no style sheet", http.MethodGet, "/review/static/none.css", "", http.StatusNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var body any
			var headers []string
			if tc.body != "" {
				body, headers = tc.body, []string{"Content-Type", formType}
			}
			r := ts.do(t, tc.method, tc.path, body, headers...)
			require.Equal(t, tc.status, r.status, "%s", r.body)
			assert.Contains(t, r.header.Get("Content-Security-Policy"), "frame-ancestors 'none'")
			assert.Equal(t, "DENY", r.header.Get("X-Frame-Options"))
			assert.Equal(t, "nosniff", r.header.Get("X-Content-Type-Options"))
			assert.Equal(t, "same-origin", r.header.Get("Referrer-Policy"))
			assert.Equal(t, "no-store", r.header.Get("Cache-Control"))
			if tc.status == http.StatusNotFound {
				checkPage(t, string(r.body))
			}
		})
	}
}

// TestReviewDecisionHalfHashes: a form that sends one of entry_hash and
// vendor_hash without the other, or a value that is no content hash, is
// malformed, 422 as the API answers it,
// with a message that says so; nothing is recorded, and the form shown
// again rests on the alert as the page now shows it, the decision to
// choose again.
func TestReviewDecisionHalfHashes(t *testing.T) {
	ts := newTestServer(t, Config{})
	ctx := context.Background()
	alerts, err := ts.store.Alerts(ctx, monitor.AlertFilter{VendorID: "V2"})
	require.NoError(t, err)
	a := alerts[0]
	for _, tc := range []struct {
		name   string
		fields url.Values
		want   string
	}{
		{"entry hash alone", url.Values{"entry_hash": {a.EntryHash}}, "entry_hash was given without vendor_hash: give both"},
		{"vendor hash alone", url.Values{"vendor_hash": {a.VendorHash}}, "vendor_hash was given without entry_hash: give both"},
		// A hash mistyped is no alert that changed (409).
		{"entry hash no hash", url.Values{"entry_hash": {"0123abc"}, "vendor_hash": {a.VendorHash}},
			`entry_hash &#34;0123abc&#34; is no content hash: 64 hexadecimal digits in lower case`},
		{"vendor hash in capitals", url.Values{"entry_hash": {a.EntryHash}, "vendor_hash": {strings.ToUpper(a.VendorHash)}},
			`vendor_hash &#34;` + strings.ToUpper(a.VendorHash)[:40] + `&#34;… (64 bytes) is no content hash`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			form := formBody("clear", "a reseller", "ana") + "&" + tc.fields.Encode()
			r := ts.do(t, http.MethodPost, fmt.Sprintf("/review/alerts/%d", a.ID), form, "Content-Type", formType)
			require.Equal(t, http.StatusUnprocessableEntity, r.status, "%s", r.body)
			page := string(r.body)
			checkPage(t, page)
			assert.Contains(t, page, "The decision was not recorded")
			assert.Contains(t, page, tc.want)
			assert.Contains(t, page, `name="entry_hash" value="`+a.EntryHash+`"`)
			assert.Contains(t, page, `name="vendor_hash" value="`+a.VendorHash+`"`)
			assert.NotContains(t, page, " checked", "the decision is chosen again")
			assert.Contains(t, page, ">a reseller</textarea>", "the reason typed is kept")

			api := `{"action": "clear", "reason": "a reseller", "reviewer": "ana"`
			for f, v := range tc.fields {
				api += `, "` + f + `": "` + v[0] + `"`
			}
			api += `}`
			r = ts.do(t, http.MethodPost, fmt.Sprintf("/v1/alerts/%d/decision", a.ID), api)
			assert.Equal(t, http.StatusUnprocessableEntity, r.status, "the API answers the same")
		})
	}
	ds, err := ts.store.Decisions(ctx)
	require.NoError(t, err)
	assert.Empty(t, ds, "nothing recorded")
}

// TestReviewDecisionOnChangedAlertChoosesAgain: a decision refused
// because a run changed the alert since it was read (409) shows the
// alert as it is with no decision chosen: the reviewer reads it again
// and chooses again, rather than sending the old choice on a new record
// with one click. The reason and the name typed are kept.
func TestReviewDecisionOnChangedAlertChoosesAgain(t *testing.T) {
	ts := newTestServer(t, Config{})
	ctx := context.Background()
	alerts, err := ts.store.Alerts(ctx, monitor.AlertFilter{VendorID: "V2"})
	require.NoError(t, err)
	seen := alerts[0]
	vendors := slices.Clone(fixtureVendors)
	vendors[1].Query.Address = "1 Kaspersky Street, Moscow"
	s, err := newScreenerFor(t, listV1)
	require.NoError(t, err)
	_, err = ts.store.Run(ctx, s, vendors, monitor.RunOptions{})
	require.NoError(t, err)

	form := formBody("clear", "a reseller", "ana") + "&" + url.Values{"entry_hash": {seen.EntryHash}, "vendor_hash": {seen.VendorHash}}.Encode()
	r := ts.do(t, http.MethodPost, fmt.Sprintf("/review/alerts/%d", seen.ID), form, "Content-Type", formType)
	require.Equal(t, http.StatusConflict, r.status)
	page := string(r.body)
	checkPage(t, page)
	assert.NotContains(t, page, " checked", "the decision is chosen again")
	assert.Contains(t, page, "choose the decision again")
	assert.Contains(t, page, `<a href="#action-clear">`, "the problem leads to the choice")
	assert.Contains(t, page, ">a reseller</textarea>")
	assert.Contains(t, page, `name="reviewer" value="ana"`)
}

// TestReviewerName: the reviewer's name is one line of at most
// monitor.MaxReviewerLen bytes: a longer one, or one with a line break or another
// control character, is refused, 422, by the API and the page alike,
// with a message that says what is wrong.
func TestReviewerName(t *testing.T) {
	ts := newTestServer(t, Config{})
	ctx := context.Background()
	alerts, err := ts.store.Alerts(ctx, monitor.AlertFilter{VendorID: "V2"})
	require.NoError(t, err)
	id := alerts[0].ID
	for _, tc := range []struct{ name, reviewer, want string }{
		{"too long", strings.Repeat("a", monitor.MaxReviewerLen+1), "The reviewer's name is 201 bytes long; it may be 200 at most"},
		{"too long, not ASCII", strings.Repeat("é", monitor.MaxReviewerLen/2+1), "The reviewer's name is 202 bytes long; it may be 200 at most (a letter outside ASCII takes 2 to 4)"},
		{"line break", "ana\nauditor: approved", `The reviewer's name has a control character (U+000A) at byte 3: give the name on one line`},
		{"escape", "ana\x1b[2J", `The reviewer's name has a control character (U+001B) at byte 3`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body, err := json.Marshal(map[string]string{"action": "clear", "reason": "a reseller", "reviewer": tc.reviewer})
			require.NoError(t, err)
			r := ts.do(t, http.MethodPost, fmt.Sprintf("/v1/alerts/%d/decision", id), string(body))
			assert.Equal(t, http.StatusUnprocessableEntity, r.status, "%s", r.body)
			assert.Contains(t, r.errorOf(t), tc.want)
			r = ts.do(t, http.MethodPost, fmt.Sprintf("/review/alerts/%d", id), formBody("clear", "a reseller", tc.reviewer), "Content-Type", formType)
			assert.Equal(t, http.StatusUnprocessableEntity, r.status)
			assert.Contains(t, html.UnescapeString(string(r.body)), tc.want)
		})
	}
	r := ts.do(t, http.MethodPost, fmt.Sprintf("/v1/alerts/%d/decision", id), `{"action": "clear", "reason": "a reseller", "reviewer": "`+strings.Repeat("a", monitor.MaxReviewerLen)+`"}`)
	assert.Equal(t, http.StatusCreated, r.status, "%s: the most is allowed", r.body)
	ds, err := ts.store.Decisions(ctx)
	require.NoError(t, err)
	assert.Len(t, ds, 1)
}

// TestReviewQueueBadFilter: a filter the queue cannot use is answered,
// 400, with the open alerts and a message naming the parameter, and the
// filter's form keeps what was typed, for the reviewer to mend; a value
// given at length (a tampered cursor) is not echoed whole, in the page or
// in the API's error.
func TestReviewQueueBadFilter(t *testing.T) {
	ts := newTestServer(t, Config{})
	long := strings.Repeat("QUJD", 500)
	for _, tc := range []struct {
		name, query string
		want        []string
		absent      string
	}{
		{"a vendor with a NUL", url.Values{"vendor": {"V1\x00"}, "status": {"cleared"}}.Encode(),
			[]string{`<input id="vendor" name="vendor" value="V1`, `aria-invalid="true"`, `<option value="cleared" selected>`}, ""},
		{"a bad limit", url.Values{"vendor": {"V2"}, "limit": {"0"}}.Encode(),
			[]string{`<input id="vendor" name="vendor" value="V2"`}, ""},
		{"a long cursor", url.Values{"vendor": {"V2"}, "after": {long}}.Encode(),
			[]string{`<input id="vendor" name="vendor" value="V2"`, "after &#34;" + long[:40] + "&#34;… (2000 bytes) is not a cursor of this service"}, long[:41]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ts.do(t, http.MethodGet, "/review/?"+tc.query, nil)
			require.Equal(t, http.StatusBadRequest, r.status)
			page := string(r.body)
			checkPage(t, page)
			for _, w := range tc.want {
				assert.Contains(t, page, w)
			}
			assert.Contains(t, page, "Open alerts: 3", "the open alerts instead")
			if tc.absent != "" {
				assert.NotContains(t, page, tc.absent)
				r = ts.do(t, http.MethodGet, "/v1/alerts?"+tc.query, nil)
				require.Equal(t, http.StatusBadRequest, r.status)
				assert.NotContains(t, r.errorOf(t), tc.absent)
				assert.Contains(t, r.errorOf(t), `after "`+long[:40]+`"… (2000 bytes) is not a cursor`)
			}
		})
	}
}

// TestReviewQueueListNamed: the queue says each alert's list by its code
// and its full name, both in the text, which a keyboard or a screen
// reader reaches as any other (a title attribute shows only to a mouse).
func TestReviewQueueListNamed(t *testing.T) {
	ts := newTestServer(t, Config{})
	page := string(ts.do(t, http.MethodGet, "/review/", nil).body)
	assert.Contains(t, page, `<td>EL<span class="secondary">: Entity List (EL) - Bureau of Industry and Security</span></td>`)
	assert.NotContains(t, page, " title=", "nothing said in a title alone")
}

// TestReviewPanicIsAPage: a page whose handler panics is answered 500 as
// the page answers its other errors, a page with the request's id, not
// the API's JSON.
func TestReviewPanicIsAPage(t *testing.T) {
	s, err := New(Config{Load: loadFile(listV1)})
	require.NoError(t, err)
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("GET /review/{$}", func(http.ResponseWriter, *http.Request) { panic("a bug") })
	w := newRecorder()
	req := newRequest(t, http.MethodGet, "/review/", "")
	req.Header.Set("X-Request-Id", "lb-42")
	s.ServeHTTP(w, req)
	assert.Equal(t, http.StatusInternalServerError, w.Code)
	assert.Equal(t, "text/html; charset=utf-8", w.Header().Get("Content-Type"))
	checkPage(t, w.Body.String())
	assert.Contains(t, w.Body.String(), "(Request lb-42.)")
}

// TestReviewFormUnreadable: a form that cannot be read is refused with
// what is wrong with it, and one sent as another type says which.
func TestReviewFormUnreadable(t *testing.T) {
	ts := newTestServer(t, Config{})
	r := ts.do(t, http.MethodPost, "/review/alerts/1", "action=clear&reason=%zz&reviewer=ana", "Content-Type", formType)
	assert.Equal(t, http.StatusBadRequest, r.status)
	checkPage(t, string(r.body))
	assert.Contains(t, html.UnescapeString(string(r.body)), `invalid URL escape "%zz"`)
	r = ts.do(t, http.MethodPost, "/review/alerts/1", "action=clear", "Content-Type", "text/plain")
	assert.Equal(t, http.StatusUnsupportedMediaType, r.status)
	assert.Contains(t, html.UnescapeString(string(r.body)), `It was sent as "text/plain"`)
}

// TestReviewRefusedFormSaysNoRecorded: a form refused on a URL that names
// a decision (?decision=N, the page after one was recorded) does not also
// say that decision was recorded: the page says one thing, with one focus.
func TestReviewRefusedFormSaysNoRecorded(t *testing.T) {
	ts := newTestServer(t, Config{})
	r := ts.do(t, http.MethodPost, "/review/alerts/1", formBody("escalate", "check the address", "ana"), "Content-Type", formType)
	require.Equal(t, http.StatusSeeOther, r.status)
	loc := r.header.Get("Location")
	r = ts.do(t, http.MethodPost, loc, formBody("clear", "", "ana"), "Content-Type", formType)
	require.Equal(t, http.StatusUnprocessableEntity, r.status)
	page := string(r.body)
	assert.Contains(t, page, "The decision was not recorded")
	assert.NotContains(t, page, "Decision recorded")
	assert.Equal(t, 1, strings.Count(page, "autofocus"), "one focus")
}
