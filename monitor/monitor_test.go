package monitor_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/cslfixture"
	"github.com/entityscreen/entityscreen/monitor"
	"github.com/entityscreen/entityscreen/screening"
)

// inHouse builds a list from in-house CSV rows "name,aliases,country,id,notes".
func inHouse(t testing.TB, rows ...string) *entitylist.List {
	t.Helper()
	l, err := entitylist.ReadInHouse(strings.NewReader("name,aliases,country,id,notes\n"+strings.Join(rows, "\n")+"\n"), "test")
	require.NoError(t, err)
	return l
}

func screener(t testing.TB, l *entitylist.List) *screening.Screener {
	t.Helper()
	s, err := screening.New(l)
	require.NoError(t, err)
	return s
}

// runList runs st, with o, over vendors against a Screener of l built
// with opts.
func runList(t testing.TB, st *monitor.Store, l *entitylist.List, vendors []monitor.Vendor, o monitor.RunOptions, opts ...screening.Option) monitor.Report {
	t.Helper()
	s, err := screening.New(l, opts...)
	require.NoError(t, err)
	rep, err := st.Run(context.Background(), s, vendors, o)
	require.NoError(t, err)
	return rep
}

func sqliteStore(t testing.TB) *monitor.Store {
	t.Helper()
	st, err := monitor.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "db", "monitor.db"))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	return st
}

// eachStore runs f against a new SQLite store and, when a PostgreSQL
// server is at hand (see postgresStore), a new PostgreSQL store.
func eachStore(t *testing.T, f func(t *testing.T, st *monitor.Store)) {
	t.Run("sqlite", func(t *testing.T) { f(t, sqliteStore(t)) })
	t.Run("postgres", func(t *testing.T) { f(t, postgresStore(t)) })
}

func vendor(id, name, country string) monitor.Vendor {
	return monitor.Vendor{ID: id, Query: screening.Query{Name: name, Country: country}}
}

// byVendor returns the alerts' statuses by "vendor entry-id".
func statuses(t testing.TB, st *monitor.Store) map[string]monitor.Status {
	t.Helper()
	as, err := st.Alerts(context.Background(), monitor.AlertFilter{Statuses: monitor.Statuses()})
	require.NoError(t, err)
	out := map[string]monitor.Status{}
	for _, a := range as {
		out[a.VendorID+" "+a.Entry.ID] = a.Status
	}
	return out
}

func alertOf(t testing.TB, st *monitor.Store, vendorID, entryID string) monitor.Alert {
	t.Helper()
	as, err := st.Alerts(context.Background(), monitor.AlertFilter{VendorID: vendorID, Statuses: monitor.Statuses()})
	require.NoError(t, err)
	for _, a := range as {
		if a.Entry.ID == entryID {
			return a
		}
	}
	t.Fatalf("no alert for %s on %s", vendorID, entryID)
	return monitor.Alert{}
}

// TestMonitorLifecycle follows a supplier master through list and file
// changes: the first run screens all, a run with nothing changed screens
// nothing, a cleared false alarm stays quiet until its entry changes, a
// removed entry and a vendor gone from the file close their alerts.
func TestMonitorLifecycle(t *testing.T) { eachStore(t, testLifecycle) }

func testLifecycle(t *testing.T, st *monitor.Store) {
	ctx := context.Background()
	v1 := inHouse(t,
		"Dover Trading FZE,DOVER,AE,L1,",
		"Kaspersky Labs Limited,,GB,L2,",
		"Orion Star Shipping,,AE,L3,",
	)
	vendors := []monitor.Vendor{
		vendor("V1", "Dover Trading", "US"),
		vendor("V2", "Kaspersky Labs Ltd", "GB"),
		vendor("V3", "Orion Star Shipping LLC", "AE"),
		vendor("V4", "Contoso Paper Supplies", "US"),
	}
	rep, err := st.Run(ctx, screener(t, v1), vendors, monitor.RunOptions{ToolVersion: "test"})
	require.NoError(t, err)
	assert.True(t, rep.Run.Full)
	assert.Equal(t, "the first run", rep.Run.FullReason)
	assert.Equal(t, 4, rep.Run.Screened)
	assert.Equal(t, 3, rep.Run.NewAlerts)
	require.Len(t, rep.Alerts, 3)
	assert.Equal(t, map[string]monitor.Status{"V1 L1": "open", "V2 L2": "open", "V3 L3": "open"}, statuses(t, st))

	// Nothing changed: nothing screened, nothing new.
	rep, err = st.Run(ctx, screener(t, v1), vendors, monitor.RunOptions{})
	require.NoError(t, err)
	assert.False(t, rep.Run.Full)
	assert.Zero(t, rep.Run.Screened+rep.Run.AgainstChanges)
	assert.Empty(t, rep.Alerts)

	// A reviewer clears the Dover false alarm and confirms Kaspersky.
	dover := alertOf(t, st, "V1", "L1")
	byID, err := st.Alert(ctx, dover.ID)
	require.NoError(t, err)
	assert.Equal(t, "Dover Trading", byID.Vendor.Name, "the vendor as screened")
	assert.Equal(t, "L1", byID.Match.Entry.ID)
	_, err = st.Alert(ctx, 9999)
	assert.ErrorIs(t, err, monitor.ErrNoAlert)
	_, err = st.Decide(ctx, dover.ID, monitor.StatusCleared, "Dover Trading Inc. of Ohio, not the listed party", "a.analyst", time.Now())
	require.NoError(t, err)
	_, err = st.Decide(ctx, alertOf(t, st, "V2", "L2").ID, monitor.StatusConfirmed, "same party", "a.analyst", time.Now())
	require.NoError(t, err)
	_, err = st.Decide(ctx, dover.ID, "maybe", "x", "y", time.Now())
	assert.Error(t, err, "no such decision")
	_, err = st.Decide(ctx, dover.ID, monitor.StatusCleared, " ", "y", time.Now())
	assert.Error(t, err, "a reason is required")
	_, err = st.Decide(ctx, 9999, monitor.StatusCleared, "x", "y", time.Now())
	assert.ErrorIs(t, err, monitor.ErrNoAlert)

	// The list adds an entry and changes another (Orion's alias), the file
	// changes a vendor: only those are screened.
	v2 := inHouse(t,
		"Dover Trading FZE,DOVER,AE,L1,",
		"Kaspersky Labs Limited,,GB,L2,",
		"Orion Star Shipping,Orion Star Marine,AE,L3,",
		"Contoso Paper Supplies,,US,L4,",
	)
	vendors[3] = vendor("V4", "Contoso Paper Supplies Inc", "US")
	// (Every change of a list this small is a large share of it: the
	// runs below screen only what changed all the same.)
	diff := monitor.RunOptions{MaxChange: 1}
	rep, err = st.Run(ctx, screener(t, v2), vendors, diff)
	require.NoError(t, err)
	assert.False(t, rep.Run.Full)
	assert.Equal(t, 1, rep.Run.EntriesAdded)
	assert.Equal(t, 1, rep.Run.EntriesChanged)
	assert.Equal(t, 1, rep.Run.Screened, "the changed vendor")
	assert.Equal(t, 3, rep.Run.AgainstChanges)
	require.Len(t, rep.Alerts, 1)
	assert.Equal(t, "V4", rep.Alerts[0].VendorID)
	assert.Equal(t, monitor.StatusCleared, statuses(t, st)["V1 L1"], "the cleared pair stays quiet")
	assert.Equal(t, monitor.StatusConfirmed, statuses(t, st)["V2 L2"])

	// Dover's entry changes: the cleared alert comes back, marked.
	v3 := inHouse(t,
		"Dover Trading FZE,DOVER; DOVER TRADING,AE,L1,",
		"Kaspersky Labs Limited,,GB,L2,",
		"Orion Star Shipping,Orion Star Marine,AE,L3,",
		"Contoso Paper Supplies,,US,L4,",
	)
	rep, err = st.Run(ctx, screener(t, v3), vendors, diff)
	require.NoError(t, err)
	require.Len(t, rep.Alerts, 1)
	a := rep.Alerts[0]
	assert.Equal(t, "V1", a.VendorID)
	assert.Equal(t, monitor.StatusOpen, a.Status)
	assert.True(t, a.ChangedSinceReview)
	assert.Equal(t, "changed since review: the entry changed", a.Reason)
	assert.Equal(t, 1, rep.Run.Reopened)

	// An entry leaves the list and a vendor the file: their alerts close.
	v4 := inHouse(t,
		"Dover Trading FZE,DOVER; DOVER TRADING,AE,L1,",
		"Kaspersky Labs Limited,,GB,L2,",
		"Contoso Paper Supplies,,US,L4,",
	)
	rep, err = st.Run(ctx, screener(t, v4), vendors[:3], diff)
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Run.EntriesRemoved)
	assert.Equal(t, 2, rep.Run.Closed)
	assert.Equal(t, "the entry was removed from the list", alertOf(t, st, "V3", "L3").Reason)
	assert.Equal(t, "the vendor is no longer in the file", alertOf(t, st, "V4", "L4").Reason)
	_, err = st.Decide(ctx, alertOf(t, st, "V3", "L3").ID, monitor.StatusCleared, "x", "y", time.Now())
	assert.ErrorIs(t, err, monitor.ErrAlertClosed)

	runs, err := st.Runs(ctx)
	require.NoError(t, err)
	assert.Len(t, runs, 5)
	kinds := map[string]int{}
	require.NoError(t, st.Audit(ctx, func(r monitor.AuditRecord) error { kinds[r.Kind]++; return nil }))
	ds, err := st.Decisions(ctx)
	require.NoError(t, err)
	assert.Len(t, ds, 2)
	assert.Equal(t, dover.EntryHash, ds[0].EntryHash)
	assert.Equal(t, v1.Version().SHA256, ds[0].ListSHA256)
	// The events: three alerts opened and Contoso's (run 1, run 3), Orion's
	// rescored (run 3), Dover's reopened (run 4), two closed (run 5).
	assert.Equal(t, map[string]int{"run": 5, "alert": 4, "decision": 2, "event": 8}, kinds, "runs, alerts, decisions and events")
}

// TestRunRefusesBadVendors checks that a run stores nothing when a vendor
// has no id, a repeated id, an id the store cannot hold or a name that
// cannot be screened.
func TestRunRefusesBadVendors(t *testing.T) { eachStore(t, testRefusesBadVendors) }

func testRefusesBadVendors(t *testing.T, st *monitor.Store) {
	ctx := context.Background()
	s := screener(t, inHouse(t, "Kaspersky Labs Limited,,GB,L2,"))
	for _, tc := range []struct {
		vs    []monitor.Vendor
		index int // of the vendor named, -1 for none
	}{
		{nil, -1},
		{[]monitor.Vendor{vendor("", "Acme", "")}, 0},
		{[]monitor.Vendor{vendor("A", "Acme", ""), vendor("A", "Other", "")}, 1},
		{[]monitor.Vendor{vendor("A", "Acme", ""), vendor("B", "Ltd.", "")}, 1},
		{[]monitor.Vendor{vendor("A", "Acme", ""), vendor("B\x00", "Other", "")}, 1},
		{[]monitor.Vendor{vendor("A\xff", "Acme", "")}, 0},
	} {
		_, err := st.Run(ctx, s, tc.vs, monitor.RunOptions{})
		require.Error(t, err)
		var ve *monitor.VendorError
		if assert.Equal(t, tc.index >= 0, errors.As(err, &ve), err.Error()) && ve != nil {
			assert.Equal(t, tc.index, ve.Index, err.Error())
		}
	}
	runs, err := st.Runs(ctx)
	require.NoError(t, err)
	assert.Empty(t, runs, "nothing stored")
}

// TestRunRefusesBadWorkers checks that a run with a worker count that
// WithWorkers refuses (negative, or above screening.MaxWorkers) is refused
// at once, with that option's error rather than a vendor's, and stores
// nothing.
func TestRunRefusesBadWorkers(t *testing.T) { eachStore(t, testRefusesBadWorkers) }

func testRefusesBadWorkers(t *testing.T, st *monitor.Store) {
	ctx := context.Background()
	s := screener(t, inHouse(t, "Kaspersky Labs Limited,,GB,L2,"))
	vendors := []monitor.Vendor{vendor("V1", "Kaspersky Antivirus Distribution", "US")}
	for _, workers := range []int{-1, screening.MaxWorkers + 1, 100_000_000} {
		_, err := st.Run(ctx, s, vendors, monitor.RunOptions{Workers: workers})
		require.Error(t, err)
		assert.EqualError(t, err, "monitor: "+screening.CheckOptions(screening.WithWorkers(workers)).Error())
		var ve *monitor.VendorError
		assert.False(t, errors.As(err, &ve), "not a vendor's error: %v", err)
	}
	runs, err := st.Runs(ctx)
	require.NoError(t, err)
	assert.Empty(t, runs, "nothing stored")
	_, err = st.Run(ctx, s, vendors, monitor.RunOptions{Workers: screening.MaxWorkers})
	assert.NoError(t, err, "the most workers allowed")
}

// TestMonitorScopeChanged: a run that screens other sources or entity
// types than the last run's screens every vendor, as an entry the last
// run left out may alert against a vendor that did not change; the same
// sources in another order, or twice, are the same.
func TestMonitorScopeChanged(t *testing.T) { eachStore(t, testScopeChanged) }

func testScopeChanged(t *testing.T, st *monitor.Store) {
	ctx := context.Background()
	list, err := entitylist.ReadCSV(strings.NewReader(cslfixture.Full("_id,source,type,name\n"+
		"1,Entity List (EL) - Bureau of Industry and Security,Entity,Kaspersky Labs Limited\n"+
		"2,Specially Designated Nationals (SDN) - Treasury Department,Entity,Orion Star Shipping\n")), "two sources")
	require.NoError(t, err)
	vendors := []monitor.Vendor{vendor("V1", "Kaspersky Labs Ltd", "GB"), vendor("V2", "Orion Star Shipping LLC", "AE")}
	run := func(opts ...screening.Option) monitor.Run {
		t.Helper()
		return runList(t, st, list, vendors, monitor.RunOptions{}, opts...).Run
	}
	r := run(screening.WithSources("EL"))
	assert.Equal(t, "the first run", r.FullReason)
	assert.Equal(t, 1, r.NewAlerts, "Kaspersky on the Entity List only")
	assert.Equal(t, []entitylist.Source{"EL"}, r.Sources, "the run's record keeps them")
	r = run(screening.WithSources("EL", "EL"))
	assert.False(t, r.Full, "the same sources")
	r = run(screening.WithSources("SDN", "EL"))
	assert.True(t, r.Full)
	assert.Equal(t, "the sources or entity types screened changed", r.FullReason)
	assert.Equal(t, 1, r.NewAlerts, "Orion Star on the SDN list, its vendor and entry unchanged")
	r = run(screening.WithSources("EL", "SDN"))
	assert.False(t, r.Full, "the same sources in another order")
	r = run()
	assert.True(t, r.Full, "every source: the list's two are all, but a list may add others")
	r = run(screening.WithTypes(entitylist.TypeEntity))
	assert.True(t, r.Full)
	assert.Equal(t, "the sources or entity types screened changed", r.FullReason)
	runs, err := st.Runs(ctx)
	require.NoError(t, err)
	assert.Equal(t, []entitylist.EntityType{entitylist.TypeEntity}, runs[len(runs)-1].Types)
}

// TestMonitorOptionsChanged: a run with another threshold, or another
// choice of weak aliases, than the last run's screens every vendor, as
// pairs that did not change may now alert (or no longer), and says why.
func TestMonitorOptionsChanged(t *testing.T) { eachStore(t, testOptionsChanged) }

func testOptionsChanged(t *testing.T, st *monitor.Store) {
	ctx := context.Background()
	list := inHouse(t, "Kaspersky Labs Limited,,GB,L2,", "Orion Star Shipping,,AE,L3,")
	vendors := []monitor.Vendor{vendor("V1", "Kaspersky Antivirus Distribution", "US"), vendor("V2", "Contoso Paper", "US")}
	run := func(opts ...screening.Option) monitor.Run {
		t.Helper()
		return runList(t, st, list, vendors, monitor.RunOptions{}, opts...).Run
	}
	r := run()
	assert.Equal(t, "the first run", r.FullReason)
	assert.Equal(t, 0, r.NewAlerts)
	r = run()
	assert.False(t, r.Full, "nothing changed")
	r = run(screening.WithThreshold(0.3))
	assert.True(t, r.Full)
	assert.Equal(t, "the threshold changed from 0.72 to 0.3", r.FullReason)
	assert.Equal(t, 2, r.Screened)
	assert.Equal(t, 1, r.NewAlerts, "Kaspersky at the lower threshold")
	r = run(screening.WithThreshold(0.3), screening.WithWeakAliases(true))
	assert.True(t, r.Full)
	assert.Equal(t, "the weak aliases are screened now", r.FullReason)
	assert.True(t, r.WeakAliases)
	runs, err := st.Runs(ctx)
	require.NoError(t, err)
	require.Len(t, runs, 4)
	assert.True(t, runs[3].WeakAliases, "the run's record keeps it")
	assert.False(t, runs[2].WeakAliases)

	// The records of runs before the choice was recorded screened every
	// alias: a run that leaves the weak ones out screens every vendor.
	r = run(screening.WithThreshold(0.3))
	assert.Equal(t, "the weak aliases are not screened now", r.FullReason)
	st.ForgetWeakAliases(t)
	runs, err = st.Runs(ctx)
	require.NoError(t, err)
	assert.True(t, runs[4].WeakAliases, "an old record")
	r = run(screening.WithThreshold(0.3))
	assert.True(t, r.Full)
	assert.Equal(t, "the weak aliases are not screened now", r.FullReason)
	r = run(screening.WithThreshold(0.3))
	assert.False(t, r.Full, r.FullReason)
}

// TestDecideOnWhatWasRead follows a reviewer who reads an alert, while a
// run changes the vendor record it rests on (the vendor id now names
// another company of a like name), then decides: DecideOn refuses the
// decision, which Decide would have recorded on the record nobody read,
// and records it once the reviewer has read the alert again.
func TestDecideOnWhatWasRead(t *testing.T) { eachStore(t, testDecideOnWhatWasRead) }

func testDecideOnWhatWasRead(t *testing.T, st *monitor.Store) {
	ctx := context.Background()
	l := inHouse(t, "Dover Trading FZE,DOVER,AE,L1,")
	runList(t, st, l, []monitor.Vendor{vendor("V1", "Dover Trading", "US")}, monitor.RunOptions{})
	read := alertOf(t, st, "V1", "L1")

	runList(t, st, l, []monitor.Vendor{vendor("V1", "Dover Trading FZE", "AE")}, monitor.RunOptions{})
	now := alertOf(t, st, "V1", "L1")
	require.NotEqual(t, read.VendorHash, now.VendorHash, "the run changed the vendor record")

	_, err := st.DecideOn(ctx, read, monitor.StatusCleared, "Dover Trading Inc. of Ohio", "a.analyst", time.Now())
	require.ErrorIs(t, err, monitor.ErrAlertChanged)
	assert.Equal(t, monitor.StatusOpen, alertOf(t, st, "V1", "L1").Status, "no decision recorded")

	d, err := st.DecideOn(ctx, now, monitor.StatusConfirmed, "the listed party itself", "a.analyst", time.Now())
	require.NoError(t, err)
	assert.Equal(t, now.VendorHash, d.VendorHash)
	assert.Equal(t, monitor.StatusConfirmed, alertOf(t, st, "V1", "L1").Status)

	_, err = st.DecideOn(ctx, monitor.Alert{ID: now.ID + 100}, monitor.StatusCleared, "x", "y", time.Now())
	assert.ErrorIs(t, err, monitor.ErrNoAlert)
}

// TestAuditTrailAppendOnly: the database itself refuses to change or
// delete a decision or an alert's event, the audit trail, on both stores;
// runs and decisions still append to it.
func TestAuditTrailAppendOnly(t *testing.T) { eachStore(t, testAuditTrailAppendOnly) }

func testAuditTrailAppendOnly(t *testing.T, st *monitor.Store) {
	ctx := context.Background()
	l := inHouse(t, "Dover Trading FZE,DOVER,AE,L1,")
	runList(t, st, l, []monitor.Vendor{vendor("V1", "Dover Trading", "US")}, monitor.RunOptions{})
	a := alertOf(t, st, "V1", "L1")
	_, err := st.Decide(ctx, a.ID, monitor.StatusCleared, "another company", "a.analyst", time.Now())
	require.NoError(t, err)
	for _, stmt := range []string{
		`UPDATE decisions SET reason = 'rewritten'`,
		`DELETE FROM decisions`,
		`UPDATE alert_events SET status = 'open'`,
		`DELETE FROM alert_events`,
	} {
		err := st.Exec(stmt)
		require.Error(t, err, stmt)
		assert.Contains(t, err.Error(), "append-only", stmt)
	}
	runList(t, st, l, []monitor.Vendor{vendor("V1", "Dover Trading Inc", "US")}, monitor.RunOptions{})
	ds, err := st.AlertDecisions(ctx, a.ID)
	require.NoError(t, err)
	require.Len(t, ds, 1)
	assert.Equal(t, "another company", ds[0].Reason)
}

// TestLongValuesQuoted: a value the caller gives at length (a vendor id, a
// decision's action, a state of an alert) is quoted in the error up to
// its first bytes and its length (printable.Quote), not whole.
func TestLongValuesQuoted(t *testing.T) {
	ctx := context.Background()
	st := sqliteStore(t)
	long := strings.Repeat("x", 3000)
	clipped := `"` + long[:40] + `"… (3000 bytes)`
	s := screener(t, inHouse(t, "Kaspersky Labs Limited,,GB,L2,"))

	_, err := st.Run(ctx, s, []monitor.Vendor{vendor(long, "Acme", ""), vendor(long, "Other", "")}, monitor.RunOptions{})
	require.Error(t, err)
	_, err2 := st.Decide(ctx, 1, monitor.Status(long), "a reason", "a reviewer", time.Now())
	require.Error(t, err2)
	_, err3 := st.Alerts(ctx, monitor.AlertFilter{Statuses: []monitor.Status{monitor.Status(long)}})
	require.Error(t, err3)
	for _, err := range []error{err, err2, err3} {
		assert.NotContains(t, err.Error(), long[:41])
		assert.Contains(t, err.Error(), clipped)
	}
}
