package monitor_test

import (
	"cmp"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/monitor"
	"github.com/entityscreen/entityscreen/screening"
)

// allStatuses are the states of an alert.
var allStatuses = monitor.Statuses()

// pageList is the list of the paging tests: plants of a few names, so
// that a vendor matches several entries and many vendors share names.
func pageList(t testing.TB) *screening.Screener {
	var rows []string
	for i := range 24 {
		rows = append(rows, fmt.Sprintf("%s Machinery Plant %d,,RU,E%02d,", []string{"Volga", "Kama", "Ural"}[i%3], i/3, i))
	}
	return screener(t, inHouse(t, rows...))
}

// pageVendor is a vendor of id that matches the plants of name n.
func pageVendor(id string, n int) monitor.Vendor {
	return vendor(id, fmt.Sprintf("%s Machinery Plant %d", []string{"Volga", "Kama", "Ural"}[n%3], n/3%8), "RU")
}

// pageVendors returns n vendors, V000 on.
func pageVendors(n int) []monitor.Vendor {
	vs := make([]monitor.Vendor, n)
	for i := range vs {
		vs[i] = pageVendor(fmt.Sprintf("V%03d", i), i)
	}
	return vs
}

// compareKeys orders alert keys as Alerts lists them, byte by byte.
func compareKeys(a, b monitor.AlertKey) int {
	return cmp.Or(cmp.Compare(a.VendorID, b.VendorID), cmp.Compare(a.Entry.Source, b.Entry.Source),
		cmp.Compare(a.Entry.ID, b.Entry.ID), cmp.Compare(a.Entry.Dup, b.Entry.Dup))
}

// readPages lists the alerts f selects a page of limit at a time, from
// f.After on, calling after with each page.
func readPages(t testing.TB, st *monitor.Store, f monitor.AlertFilter, limit int, after func(page []monitor.Alert)) []monitor.Alert {
	t.Helper()
	f.Limit = limit
	var out []monitor.Alert
	for {
		page, err := st.Alerts(context.Background(), f)
		require.NoError(t, err)
		require.LessOrEqual(t, len(page), limit)
		out = append(out, page...)
		if after != nil {
			after(page)
		}
		if len(page) < limit {
			return out
		}
		f.After = page[len(page)-1].Key()
	}
}

func alertIDs(as []monitor.Alert) []int64 {
	ids := make([]int64, len(as))
	for i, a := range as {
		ids[i] = a.ID
	}
	return ids
}

// TestAlertPages: paging by Limit and After lists what one call lists, in
// the same order, for every filter and page size; a bad filter is an
// error naming what is wrong.
func TestAlertPages(t *testing.T) { eachStore(t, testAlertPages) }

func testAlertPages(t *testing.T, st *monitor.Store) {
	ctx := context.Background()
	rep, err := st.Run(ctx, pageList(t), pageVendors(60), monitor.RunOptions{})
	require.NoError(t, err)
	require.Greater(t, rep.Run.NewAlerts, 60, "vendors with several alerts")
	open, err := st.Alerts(ctx, monitor.AlertFilter{})
	require.NoError(t, err)
	for i, a := range open {
		var err error
		switch i % 6 {
		case 1:
			_, err = st.Decide(ctx, a.ID, monitor.StatusEscalated, "check", "ana", time.Now())
		case 2:
			_, err = st.Decide(ctx, a.ID, monitor.StatusCleared, "another plant", "ana", time.Now())
		}
		require.NoError(t, err)
	}

	for _, f := range []monitor.AlertFilter{
		{},
		{Statuses: []monitor.Status{monitor.StatusEscalated, monitor.StatusOpen}},
		{Statuses: allStatuses},
		{Statuses: []monitor.Status{monitor.StatusCleared, monitor.StatusCleared}},
		{Statuses: allStatuses, VendorID: "V007"},
		{Statuses: []monitor.Status{monitor.StatusConfirmed}},
		{After: open[len(open)/2].Key()},
	} {
		all, err := st.Alerts(ctx, f)
		require.NoError(t, err)
		for i := 1; i < len(all); i++ {
			require.Negative(t, compareKeys(all[i-1].Key(), all[i].Key()), "by key: %v then %v", all[i-1].Key(), all[i].Key())
		}
		for _, limit := range []int{1, 3, 7, len(all), len(all) + 1} {
			if limit == 0 {
				continue
			}
			t.Run(fmt.Sprintf("%v,%s,%d", f.Statuses, f.VendorID, limit), func(t *testing.T) {
				pages := 0
				got := readPages(t, st, f, limit, func([]monitor.Alert) { pages++ })
				assert.Equal(t, alertIDs(all), alertIDs(got))
				assert.Equal(t, len(all)/limit+1, pages, "full pages and a short one")
			})
		}
	}
	for _, tt := range []struct {
		f    monitor.AlertFilter
		want string
	}{
		{monitor.AlertFilter{Limit: -1}, "AlertFilter.Limit -1 is negative"},
		{monitor.AlertFilter{Statuses: []monitor.Status{"bogus"}}, `AlertFilter.Statuses: "bogus" is no state`},
		{monitor.AlertFilter{Statuses: []monitor.Status{monitor.StatusOpen, "Open"}}, `"Open" is no state`},
		{monitor.AlertFilter{Statuses: []monitor.Status{"open' OR 'a' = 'a"}}, "is no state"},
	} {
		_, err := st.Alerts(ctx, tt.f)
		assert.ErrorContains(t, err, tt.want)
	}
}

// TestAlertPagesWhileChanging: a reader pages through the open alerts
// while runs add vendors before, among and after what it read, and
// reviewers decide alerts: it lists every alert open throughout once, in
// order, none twice, and the alerts added after its last page.
func TestAlertPagesWhileChanging(t *testing.T) { eachStore(t, testAlertPagesWhileChanging) }

func testAlertPagesWhileChanging(t *testing.T, st *monitor.Store) {
	ctx := context.Background()
	s := pageList(t)
	vendors := pageVendors(90)
	_, err := st.Run(ctx, s, vendors, monitor.RunOptions{})
	require.NoError(t, err)
	before, err := st.Alerts(ctx, monitor.AlertFilter{})
	require.NoError(t, err)
	// The alerts of every fifth vendor are the ones reviewers decide.
	decided := func(a monitor.Alert) bool { return a.VendorID[len(a.VendorID)-1]%5 == 0 }
	var toDecide []monitor.Alert
	for _, a := range before {
		if decided(a) {
			toDecide = append(toDecide, a)
		}
	}

	// The writer takes a step after each page the reader reads, while the
	// reader reads the next.
	read := make(chan int, 100)
	done := make(chan error)
	go func() {
		defer close(done)
		for step := range read {
			if step > 12 {
				continue
			}
			vendors = append(vendors,
				pageVendor(fmt.Sprintf("A%03d", step), step),    // before what was read
				pageVendor(fmt.Sprintf("V%03d+", 7*step), step), // among
				pageVendor(fmt.Sprintf("Z%03d", step), step))    // after everything
			if _, err := st.Run(ctx, s, vendors, monitor.RunOptions{}); err != nil {
				done <- err
				return
			}
			for _, a := range toDecide[min(step*2, len(toDecide)):min(step*2+2, len(toDecide))] {
				if _, err := st.Decide(ctx, a.ID, monitor.StatusCleared, "another plant", "ana", time.Now()); err != nil {
					done <- err
					return
				}
			}
		}
	}()
	pages := 0
	got := readPages(t, st, monitor.AlertFilter{}, 5, func([]monitor.Alert) { pages++; read <- pages })
	close(read)
	require.NoError(t, <-done)
	// After the writer's last step, the pages from the last alert read on.
	got = append(got, readPages(t, st, monitor.AlertFilter{After: got[len(got)-1].Key()}, 5, nil)...)

	for i := 1; i < len(got); i++ {
		require.Negative(t, compareKeys(got[i-1].Key(), got[i].Key()), "in order, none twice: %v then %v", got[i-1].Key(), got[i].Key())
	}
	listed := map[monitor.AlertKey]bool{}
	for _, a := range got {
		listed[a.Key()] = true
		assert.NotEqual(t, byte('A'), a.VendorID[0], "%s: added before the pages read", a.VendorID)
	}
	for _, a := range before {
		if !decided(a) {
			assert.True(t, listed[a.Key()], "%v, open throughout, is listed", a.Key())
		}
	}
	now, err := st.Alerts(ctx, monitor.AlertFilter{})
	require.NoError(t, err)
	for _, a := range now {
		if a.VendorID[0] == 'Z' {
			assert.True(t, listed[a.Key()], "%v, added after the pages read, is listed", a.Key())
		}
	}
	require.Greater(t, pages, 12, "the writer took every step while the reader read")
	t.Logf("%d alerts open before, %d listed in %d pages, %d open after", len(before), len(got), pages, len(now))
}

// TestAlertDecisions: the decisions on one alert, oldest first; none on
// an alert without; an error for no such alert.
func TestAlertDecisions(t *testing.T) { eachStore(t, testAlertDecisions) }

func testAlertDecisions(t *testing.T, st *monitor.Store) {
	ctx := context.Background()
	_, err := st.Run(ctx, pageList(t), pageVendors(3), monitor.RunOptions{})
	require.NoError(t, err)
	open, err := st.Alerts(ctx, monitor.AlertFilter{})
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(open), 3)
	a, b := open[0].ID, open[1].ID
	d1, err := st.Decide(ctx, a, monitor.StatusEscalated, "check the address", "ana", time.Now())
	require.NoError(t, err)
	_, err = st.Decide(ctx, b, monitor.StatusCleared, "another plant", "ana", time.Now())
	require.NoError(t, err)
	d3, err := st.Decide(ctx, a, monitor.StatusConfirmed, "the same plant", "bo", time.Now())
	require.NoError(t, err)

	ds, err := st.AlertDecisions(ctx, a)
	require.NoError(t, err)
	assert.Equal(t, []monitor.Decision{d1, d3}, ds)
	ds, err = st.AlertDecisions(ctx, open[2].ID)
	require.NoError(t, err)
	assert.Empty(t, ds)
	_, err = st.AlertDecisions(ctx, 9999)
	assert.ErrorIs(t, err, monitor.ErrNoAlert)
}

// TestAuditPages: the audit, which reads alerts and decisions a page at a
// time, holds every one of a store with more than a page of each, once,
// in order.
func TestAuditPages(t *testing.T) { eachStore(t, testAuditPages) }

func testAuditPages(t *testing.T, st *monitor.Store) {
	ctx := context.Background()
	_, err := st.Run(ctx, pageList(t), pageVendors(700), monitor.RunOptions{})
	require.NoError(t, err)
	open, err := st.Alerts(ctx, monitor.AlertFilter{})
	require.NoError(t, err)
	require.Greater(t, len(open), 1000, "more than a page of alerts")
	for _, a := range open {
		_, err := st.Decide(ctx, a.ID, monitor.StatusEscalated, "check", "ana", time.Now())
		require.NoError(t, err)
	}
	_, err = st.Decide(ctx, open[0].ID, monitor.StatusConfirmed, "the same plant", "bo", time.Now())
	require.NoError(t, err)

	var alerts []monitor.Alert
	var decisions []int64
	runs := 0
	require.NoError(t, st.Audit(ctx, func(r monitor.AuditRecord) error {
		switch r.Kind {
		case "run":
			runs++
		case "alert":
			alerts = append(alerts, *r.Alert)
		case "decision":
			decisions = append(decisions, r.Decision.ID)
		}
		return nil
	}))
	assert.Equal(t, 1, runs)
	all, err := st.Alerts(ctx, monitor.AlertFilter{Statuses: allStatuses})
	require.NoError(t, err)
	assert.Equal(t, alertIDs(all), alertIDs(alerts))
	require.Len(t, decisions, len(open)+1)
	for i := 1; i < len(decisions); i++ {
		require.Less(t, decisions[i-1], decisions[i], "oldest first, none twice")
	}
}
