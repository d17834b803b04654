package service

import (
	"bytes"
	"cmp"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/monitor"
)

// The browser tests drive a headless Chromium through the review page, by
// the keyboard alone, as an analyst without a mouse would. They need
// Chromium: at CHROMIUM_PATH, else /usr/bin/chromium (Debian's package);
// without it they skip. .ci/run installs it.

// screenshotEnv names the file TestReviewPageScreenshot writes the
// screenshot of an alert's page to (the README's docs/review-page.png).
const screenshotEnv = "ENTITYSCREEN_SCREENSHOT"

// chromiumPath returns the browser to drive, or skips t.
func chromiumPath(t *testing.T) string {
	t.Helper()
	path := os.Getenv("CHROMIUM_PATH")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no Chromium at %s: install the chromium package (apt-get install chromium), or set CHROMIUM_PATH to a Chromium or Chrome binary, to run the browser tests", path)
	}
	return path
}

// browser starts a headless Chromium with a fresh profile, and returns a
// tab's context, done when t ends. With a key, every request the tab makes
// carries it as HTTP Basic authentication, as a browser sends what its
// user typed at the prompt.
func browser(t *testing.T, key string) context.Context {
	t.Helper()
	path := chromiumPath(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // as root on a CI machine
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1000, 1400),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		cancelTime()
		cancelTab()
		cancelAlloc()
	})
	if key != "" {
		auth := "Basic " + base64.StdEncoding.EncodeToString([]byte("maria.lopez:"+key))
		require.NoError(t, chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Authorization": auth}})
			return err
		})))
	}
	return ctx
}

// eval runs JavaScript in the page and returns its result.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	require.NoError(t, err, js)
	return v
}

// tabTo presses Tab until the focused element is the one the JavaScript
// condition holds for, at most max times, and returns how many presses it
// took.
func tabTo(t *testing.T, ctx context.Context, cond string, max int) int {
	t.Helper()
	for i := 1; i <= max; i++ {
		require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)))
		if eval[bool](t, ctx, "(() => { const el = document.activeElement; return !!el && ("+cond+"); })()") {
			return i
		}
	}
	t.Fatalf("%d presses of Tab never reached the element where %s", max, cond)
	return 0
}

// a11yProblems lists what keeps the page from a keyboard or a screen
// reader: fields without a label, table headers without a scope, images
// without a text, a positive tabindex, headings that skip a level, a page
// without a language or one h1.
const a11yProblems = `(() => {
	const out = [];
	if (document.documentElement.lang !== "en") out.push("no lang");
	if (document.querySelectorAll("h1").length !== 1) out.push("not one h1");
	for (const el of document.querySelectorAll("input, select, textarea")) {
		if (el.type !== "hidden" && el.labels.length === 0) out.push("no label: " + el.outerHTML);
	}
	for (const th of document.querySelectorAll("th")) {
		if (!th.hasAttribute("scope")) out.push("th without scope: " + th.textContent);
	}
	for (const el of document.querySelectorAll("[tabindex]")) {
		if (el.tabIndex > 0) out.push("positive tabindex: " + el.outerHTML);
	}
	for (const img of document.querySelectorAll("img")) {
		if (!img.hasAttribute("alt")) out.push("img without alt");
	}
	let level = 0;
	for (const h of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
		const l = Number(h.tagName[1]);
		if (l > level + 1) out.push("heading skips a level: " + h.textContent);
		level = l;
	}
	for (const a of document.querySelectorAll("a")) {
		if (!a.getAttribute("href")) out.push("a link without href: " + a.textContent);
		if (a.textContent.trim() === "") out.push("a link without text");
	}
	return out;
})()`

// TestBrowserReview: an analyst opens the queue, moves by Tab to an
// alert and opens it with Enter, reads both records and the explanation
// in the page's text, and records a decision with the keyboard alone; the
// decision is in the store.
func TestBrowserReview(t *testing.T) {
	chromiumPath(t)
	ts := newTestServer(t, Config{Keys: testKeys(t)})
	ctx := browser(t, testKey)
	alerts, err := ts.store.Alerts(context.Background(), monitor.AlertFilter{VendorID: "V2"})
	require.NoError(t, err)
	require.Len(t, alerts, 1)
	a := alerts[0]

	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(ts.http.URL+"/review/"), chromedp.WaitVisible(chromedp.CSS(`main[data-page="queue"]`))))
	assert.Empty(t, eval[[]string](t, ctx, a11yProblems))

	// The first Tab reaches the skip link, which takes the focus to the
	// main part.
	tabTo(t, ctx, `el.classList.contains("skip")`, 1)
	assert.True(t, eval[bool](t, ctx, `getComputedStyle(document.activeElement).top !== "-48px"`), "the skip link shows when focused")
	require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)))
	assert.Equal(t, "main", eval[string](t, ctx, `document.activeElement.id`))

	link := fmt.Sprintf(`el.getAttribute("href") === "/review/alerts/%d"`, a.ID)
	presses := tabTo(t, ctx, link, 30)
	t.Logf("the alert's link is %d presses of Tab after the main part", presses)
	require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.CSS(`main[data-page="alert"]`))))

	text := eval[string](t, ctx, `document.body.innerText`)
	e := a.Match.Entry
	for _, want := range []string{
		// The two records, side by side.
		"The two records", a.Vendor.Name, a.Vendor.Address, a.Vendor.Country,
		e.Name, e.AltNames[0], e.Addresses[0].Street, "89 FR 52362", "listed from 2024-06-24",
		e.LicenseRequirement, e.LicensePolicy,
		// The explanation: the words that met and how, the evidence.
		"Why they match", "Words that met", "kaspersky", "exact: the same word",
		"Evidence for the match", "Evidence against the match", "lowers the score",
		"Record a decision",
	} {
		assert.Contains(t, text, want)
	}
	// Side by side: in one row of the records' table.
	row := eval[string](t, ctx, `[...document.querySelectorAll("table.records tr")].find(r => r.querySelector("th").textContent === "Name").innerText`)
	assert.Contains(t, row, a.Vendor.Name)
	assert.Contains(t, row, e.Name)
	assert.Empty(t, eval[[]string](t, ctx, a11yProblems))

	// The decision, by keyboard: Tab to the first choice, Space to take
	// it, Tab to the reason and the reviewer and type, Tab to the button,
	// Enter.
	tabTo(t, ctx, `el.id === "action-clear"`, 40)
	require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(" ")))
	assert.True(t, eval[bool](t, ctx, `document.getElementById("action-clear").checked`))
	tabTo(t, ctx, `el.id === "reason"`, 1)
	const reason = "Kaspersky Labs Ltd of London resells software; not the listed Moscow lab."
	require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(reason)))
	tabTo(t, ctx, `el.id === "reviewer"`, 1)
	assert.Equal(t, "maria.lopez", eval[string](t, ctx, `document.activeElement.value`), "the reviewer is the user logged in")
	tabTo(t, ctx, `el.tagName === "BUTTON" && el.type === "submit"`, 1)
	require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.ID("decision-recorded"))))
	notice := eval[string](t, ctx, `document.getElementById("decision-recorded").innerText`)
	assert.Contains(t, notice, "cleared by maria.lopez")
	assert.Contains(t, notice, reason)
	// Without a script, the notice takes the focus, which a screen reader
	// then reads, and the title says it first.
	assert.Equal(t, "decision-recorded", eval[string](t, ctx, `document.activeElement.id`), "the focus is on the notice")
	assert.True(t, strings.HasPrefix(eval[string](t, ctx, `document.title`), "Decision recorded: "), "the title says the decision was recorded")

	got, err := ts.store.Alert(context.Background(), a.ID)
	require.NoError(t, err)
	assert.Equal(t, monitor.StatusCleared, got.Status)
	ds, err := ts.store.Decisions(context.Background())
	require.NoError(t, err)
	require.Len(t, ds, 1)
	assert.Equal(t, reason, ds[0].Reason)
	assert.Equal(t, "maria.lopez", ds[0].Reviewer)
	assert.Equal(t, a.ID, ds[0].AlertID)

	// Back in the queue, by its link: the alert has left the open ones.
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(ts.http.URL+"/review/"), chromedp.WaitVisible(chromedp.CSS(`main[data-page="queue"]`))))
	text = eval[string](t, ctx, `document.body.innerText`)
	assert.NotContains(t, text, a.Vendor.Name)
	assert.Contains(t, text, "Open alerts: 2")
}

// TestBrowserQueuePages: an analyst moves through the pages of the queue
// by the keyboard alone: Tab to the "Next page" link and Enter shows the
// next page, whose text says which alerts it shows, and its "First page"
// link goes back.
func TestBrowserQueuePages(t *testing.T) {
	chromiumPath(t)
	ts := newTestServer(t, Config{})
	ctx := browser(t, "")
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(ts.http.URL+"/review/?limit=2"), chromedp.WaitVisible(chromedp.CSS(`main[data-page="queue"]`))))
	text := eval[string](t, ctx, `document.querySelector("main").innerText`)
	assert.Contains(t, text, "Open alerts, by vendor: the first 2; more on the next page.")
	assert.NotContains(t, text, "Atlas Aerospace Trading")
	assert.Empty(t, eval[[]string](t, ctx, a11yProblems))

	tabTo(t, ctx, `el.rel === "next"`, 30)
	assert.Equal(t, "Next page of open alerts", eval[string](t, ctx, `document.activeElement.textContent`), "what a screen reader says of the link")
	require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.CSS(`main[data-page="queue"]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`a[rel="next"]`))))
	text = eval[string](t, ctx, `document.querySelector("main").innerText`)
	assert.Contains(t, text, "Open alerts, by vendor: the last 1, from vendor V3 on.")
	assert.Contains(t, text, "Atlas Aerospace Trading")
	assert.NotContains(t, text, "Orion Star Shipping LLC")
	assert.Empty(t, eval[[]string](t, ctx, a11yProblems))

	tabTo(t, ctx, `el.textContent === "First page of open alerts"`, 30)
	require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.CSS(`a[rel="next"]`))))
	assert.Contains(t, eval[string](t, ctx, `document.querySelector("main").innerText`), "Orion Star Shipping LLC")
}

// TestBrowserMissingReason: a decision without a reason is not recorded;
// the page says why, and the focus can go to the field by the message's
// link. (The browser's own check stops the form first, since the field
// is required: the test removes that check to reach the server's.)
func TestBrowserMissingReason(t *testing.T) {
	chromiumPath(t)
	ts := newTestServer(t, Config{})
	ctx := browser(t, "")
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(ts.http.URL+"/review/alerts/1"), chromedp.WaitVisible(chromedp.CSS(`main[data-page="alert"]`))))
	eval[chromedp.Void](t, ctx, `document.querySelector("form[method=post]").noValidate = true`)
	// Tab reaches the group of choices at its first; the arrows move in
	// it, and choose.
	tabTo(t, ctx, `el.id === "action-clear"`, 40)
	require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown)))
	assert.Equal(t, "action-escalate", eval[string](t, ctx, `document.activeElement.id`))
	tabTo(t, ctx, `el.tagName === "BUTTON" && el.type === "submit"`, 3)
	require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.ID("problems"))))
	text := eval[string](t, ctx, `document.getElementById("problems").innerText`)
	assert.Contains(t, text, "The decision was not recorded")
	// Without a script, the page takes the focus to the problems, which a
	// screen reader then reads, and its title says so first.
	assert.Equal(t, "problems", eval[string](t, ctx, `document.activeElement.id`), "the focus is on the problems")
	assert.True(t, strings.HasPrefix(eval[string](t, ctx, `document.title`), "Error: "), "the title says the form failed")
	assert.Contains(t, text, "Give the reason")
	assert.True(t, eval[bool](t, ctx, `document.getElementById("action-escalate").checked`), "the choice is kept")
	// The message's link takes the focus to the field.
	tabTo(t, ctx, `el.getAttribute("href") === "#reason"`, 10)
	require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)))
	assert.Equal(t, "reason", eval[string](t, ctx, `document.activeElement.id`))
	ds, err := ts.store.Decisions(context.Background())
	require.NoError(t, err)
	assert.Empty(t, ds)
}

// TestReviewPageScreenshot writes a screenshot of an alert's page to the
// file ENTITYSCREEN_SCREENSHOT names (the README's docs/review-page.png):
//
//	ENTITYSCREEN_SCREENSHOT=$PWD/docs/review-page.png go test ./service -run Screenshot
func TestReviewPageScreenshot(t *testing.T) {
	out := os.Getenv(screenshotEnv)
	if out == "" {
		t.Skipf("set %s to a file to write the screenshot of an alert's page", screenshotEnv)
	}
	chromiumPath(t)
	ts := newTestServer(t, Config{})
	alerts, err := ts.store.Alerts(context.Background(), monitor.AlertFilter{VendorID: "V2"})
	require.NoError(t, err)
	ctx := browser(t, "")
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/review/alerts/%d", ts.http.URL, alerts[0].ID)),
		chromedp.WaitVisible(chromedp.CSS(`main[data-page="alert"]`))))
	// The footer names the list file by its path on this machine: the
	// picture shows the list's name alone.
	eval[chromedp.Void](t, ctx, `for (const el of document.querySelectorAll("footer p, dd")) el.textContent = el.textContent.replaceAll("testdata/", "")`)
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(shot), "\x89PNG"), "a PNG")
	small, err := paletted(shot)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(out, small, 0o644))
	t.Logf("wrote %s, %d bytes (%d as Chromium wrote it)", out, len(small), len(shot))
}

// paletted re-encodes a screenshot with a palette of its 256 most frequent
// colors and the best compression: a page of text has few colors more (the
// edges of letters), and the file is half the size for no visible change.
func paletted(b []byte) ([]byte, error) {
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	counts := map[color.RGBA]int{}
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			counts[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)]++
		}
	}
	colors := slices.Collect(maps.Keys(counts))
	slices.SortFunc(colors, func(a, b color.RGBA) int {
		if c := cmp.Compare(counts[b], counts[a]); c != 0 {
			return c
		}
		return cmp.Compare(uint32(a.R)<<24|uint32(a.G)<<16|uint32(a.B)<<8|uint32(a.A), uint32(b.R)<<24|uint32(b.G)<<16|uint32(b.B)<<8|uint32(b.A))
	})
	pal := make(color.Palette, 0, 256)
	for _, c := range colors[:min(len(colors), 256)] {
		pal = append(pal, c)
	}
	p := image.NewPaletted(bounds, pal)
	draw.Draw(p, bounds, img, bounds.Min, draw.Src)
	var out bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&out, p); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// TestBrowserLongWords: a very long word, in a reason as a reviewer may
// paste a link or an identifier, wraps: the page does not grow wider than
// the window, which would hide the rest of its lines off the side.
func TestBrowserLongWords(t *testing.T) {
	chromiumPath(t)
	ts := newTestServer(t, Config{})
	ctx := context.Background()
	alerts, err := ts.store.Alerts(ctx, monitor.AlertFilter{VendorID: "V2"})
	require.NoError(t, err)
	long := strings.Repeat("https://example.com/registry/entries/", 12)
	d, err := ts.store.Decide(ctx, alerts[0].ID, monitor.StatusEscalated, long, "ana"+long[:monitor.MaxReviewerLen-len("ana")], time.Now())
	require.NoError(t, err)
	tab := browser(t, "")
	require.NoError(t, chromedp.Do(tab, chromedp.Navigate(fmt.Sprintf("%s/review/alerts/%d?decision=%d", ts.http.URL, alerts[0].ID, d.ID)),
		chromedp.WaitVisible(chromedp.CSS(`main[data-page="alert"]`))))
	assert.Contains(t, eval[string](t, tab, `document.querySelector("main").innerText`), long)
	assert.LessOrEqual(t, eval[int](t, tab, `document.documentElement.scrollWidth`), eval[int](t, tab, `document.documentElement.clientWidth`),
		"the page is no wider than the window")
}
