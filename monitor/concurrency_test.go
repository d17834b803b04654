package monitor_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/monitor"
	"github.com/entityscreen/entityscreen/screening"
)

// concurrencyList is the list of the concurrency test: v is its version,
// each adding entries.
func concurrencyList(t testing.TB, v int) *entitylist.List {
	rows := []string{"Kaspersky Labs Limited,,GB,L0,", "Orion Star Shipping,,AE,L1,"}
	for i := range v * 3 {
		rows = append(rows, fmt.Sprintf("Volga Machinery Plant %d,,RU,M%d,", i, i))
	}
	return inHouse(t, rows...)
}

func concurrencyVendors() []monitor.Vendor {
	var vs []monitor.Vendor
	for i := range 40 {
		vs = append(vs, vendor(fmt.Sprint("V", i), fmt.Sprintf("Volga Machinery Plant %d", i%12), "RU"))
	}
	return append(vs, vendor("K", "Kaspersky Labs Ltd", "GB"), vendor("O", "Orion Star Shipping LLC", ""))
}

// helperEnv makes the test binary act as a second process of
// TestConcurrentProcesses (see TestMain-less dispatch in
// TestHelperProcess).
const helperEnv = "ENTITYSCREEN_MONITOR_HELPER"

// TestHelperProcess is not a test: run by TestConcurrentProcesses as a
// second process, it runs the monitor and decides alerts against the
// store named in its environment, and prints how many decisions it made.
func TestHelperProcess(t *testing.T) {
	url := os.Getenv(helperEnv)
	if url == "" {
		t.Skip("the second process of TestConcurrentProcesses")
	}
	ctx := context.Background()
	st, err := monitor.Open(ctx, url)
	require.NoError(t, err)
	defer st.Close()
	made := work(t, st, 2, "helper")
	fmt.Printf("DECISIONS %d\n", made)
}

// work runs the monitor over list versions 1 to v (each run finding what
// the one before it added) and decides every open alert it can, as
// reviewer; it returns how many decisions it made.
func work(t testing.TB, st *monitor.Store, v int, reviewer string) int {
	ctx := context.Background()
	made := 0
	for lv := 1; lv <= v; lv++ {
		s, err := screening.New(concurrencyList(t, lv))
		require.NoError(t, err)
		_, err = st.Run(ctx, s, concurrencyVendors(), monitor.RunOptions{MaxChange: 1})
		require.NoError(t, err)
		as, err := st.Alerts(ctx, monitor.AlertFilter{})
		require.NoError(t, err)
		for _, a := range as {
			_, err := st.Decide(ctx, a.ID, monitor.StatusEscalated, "check "+reviewer, reviewer, time.Now())
			if errors.Is(err, monitor.ErrAlertClosed) {
				continue // another process's run of an older list closed it since
			}
			require.NoError(t, err)
			made++
		}
	}
	return made
}

// TestConcurrentProcesses runs the monitor and decides alerts from many
// goroutines and from a second process against one PostgreSQL store at
// once: every decision made is recorded once, and every alert exists once.
func TestConcurrentProcesses(t *testing.T) {
	url := postgresURL(t)
	ctx := context.Background()
	st, err := monitor.OpenPostgres(ctx, url)
	require.NoError(t, err)
	defer st.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperEnv+"="+url)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	require.NoError(t, cmd.Start())

	var made atomic.Int64
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Go(func() { made.Add(int64(work(t, st, 3, fmt.Sprint("g", g)))) })
	}
	wg.Wait()
	require.NoError(t, cmd.Wait(), out.String())
	var helper int
	for _, line := range strings.Split(out.String(), "\n") {
		if n, ok := strings.CutPrefix(line, "DECISIONS "); ok {
			helper, err = strconv.Atoi(n)
			require.NoError(t, err)
		}
	}

	require.Positive(t, helper, "the second process decided too")
	ds, err := st.Decisions(ctx)
	require.NoError(t, err)
	assert.Equal(t, int(made.Load())+helper, len(ds), "every decision, once")
	all := alertsOnePerPair(t, st)
	// What a single process finds in full: the same pairs.
	ref := sqliteStore(t)
	s, err := screening.New(concurrencyList(t, 3))
	require.NoError(t, err)
	rep, err := ref.Run(ctx, s, concurrencyVendors(), monitor.RunOptions{})
	require.NoError(t, err)
	assert.Equal(t, rep.Run.NewAlerts, len(all))
}

// TestStoreConcurrentUse shares one Store, and one Screener per list
// version, among goroutines that run the monitor and decide alerts at once
// while others read alerts, runs, decisions and the audit trail: the
// contract of Store (safe for concurrent use) for SQLite, whose one
// connection must not deadlock a run against a decision, and for
// PostgreSQL when a server is at hand. Run it with -race.
func TestStoreConcurrentUse(t *testing.T) {
	eachStore(t, func(t *testing.T, st *monitor.Store) {
		ctx := context.Background()
		var screeners []*screening.Screener
		for lv := 1; lv <= 3; lv++ {
			s, err := screening.New(concurrencyList(t, lv))
			require.NoError(t, err)
			screeners = append(screeners, s)
		}
		done := make(chan struct{})
		var made atomic.Int64
		var writers, readers sync.WaitGroup
		for g := range 4 {
			writers.Go(func() {
				reviewer := fmt.Sprint("g", g)
				for _, s := range screeners {
					_, err := st.Run(ctx, s, concurrencyVendors(), monitor.RunOptions{MaxChange: 1})
					if !assert.NoError(t, err) {
						return
					}
					as, err := st.Alerts(ctx, monitor.AlertFilter{})
					if !assert.NoError(t, err) {
						return
					}
					for _, a := range as {
						_, err := st.Decide(ctx, a.ID, monitor.StatusEscalated, "check "+reviewer, reviewer, time.Now())
						if errors.Is(err, monitor.ErrAlertClosed) {
							continue
						}
						if !assert.NoError(t, err) {
							return
						}
						made.Add(1)
					}
				}
			})
		}
		for range 2 {
			readers.Go(func() {
				for {
					select {
					case <-done:
						return
					default:
					}
					_, err := st.Runs(ctx)
					assert.NoError(t, err)
					_, err = st.Decisions(ctx)
					assert.NoError(t, err)
					assert.NoError(t, st.Audit(ctx, func(monitor.AuditRecord) error { return nil }))
				}
			})
		}
		finished := make(chan struct{})
		go func() { writers.Wait(); close(done); readers.Wait(); close(finished) }()
		select {
		case <-finished:
		case <-time.After(2 * time.Minute):
			t.Fatal("the runs and decisions did not finish in 2 minutes: a deadlock?")
		}

		ds, err := st.Decisions(ctx)
		require.NoError(t, err)
		assert.Equal(t, int(made.Load()), len(ds), "every decision, once")
		all := alertsOnePerPair(t, st)
		ref := sqliteStore(t)
		rep, err := ref.Run(ctx, screeners[2], concurrencyVendors(), monitor.RunOptions{})
		require.NoError(t, err)
		assert.Equal(t, rep.Run.NewAlerts, len(all), "the alerts one run of the last list finds")
	})
}

// alertsOnePerPair returns the alerts of st, checking that it holds one
// at most for each pair of a vendor and an entry, whatever runs and
// decisions raced.
func alertsOnePerPair(t *testing.T, st *monitor.Store) []monitor.Alert {
	t.Helper()
	all, err := st.Alerts(context.Background(), monitor.AlertFilter{Statuses: []monitor.Status{monitor.StatusOpen, monitor.StatusEscalated, monitor.StatusClosed}})
	require.NoError(t, err)
	seen := map[string]bool{}
	for _, a := range all {
		k := a.VendorID + " " + a.Entry.String()
		assert.False(t, seen[k], "one alert for %s", k)
		seen[k] = true
	}
	return all
}
