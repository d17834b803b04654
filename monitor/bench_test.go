package monitor_test

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/monitor"
	"github.com/entityscreen/entityscreen/screening"
)

// benchVendors returns n supplier records: one in fifty a listed name, the
// others names made of common company words, as a supplier master is.
func benchVendors(l *entitylist.List, n int) []monitor.Vendor {
	r := rand.New(rand.NewPCG(1, 2))
	first := []string{"Acme", "Global", "Northern", "Pacific", "Summit", "Blue", "Golden", "United", "Prime", "Delta",
		"Apex", "Harbor", "Silver", "Eagle", "Atlas", "Vertex", "Crown", "Pioneer", "Liberty", "Orion"}
	second := []string{"Paper", "Logistics", "Machinery", "Foods", "Textiles", "Electronics", "Chemicals", "Shipping",
		"Software", "Components", "Metals", "Plastics", "Energy", "Tools", "Medical", "Optics"}
	forms := []string{"Inc", "LLC", "Ltd", "GmbH", "Co., Ltd.", "S.A.", "B.V.", "Pty Ltd"}
	vs := make([]monitor.Vendor, n)
	for i := range vs {
		name := fmt.Sprintf("%s %s %s %d", first[r.IntN(len(first))], second[r.IntN(len(second))], forms[r.IntN(len(forms))], r.IntN(1000))
		if i%50 == 0 {
			name = l.Entry(r.IntN(l.Len())).Name
		}
		vs[i] = monitor.Vendor{ID: strconv.Itoa(i), Query: screening.Query{Name: name}}
	}
	return vs
}

// rescreenFixture is the setting of BenchmarkRescreen: the 2022 CSL, the
// same a day later with 30 entries changed, and their Screeners.
type rescreenFixture struct {
	before, after *screening.Screener
}

var rescreenLists = sync.OnceValues(func() (rescreenFixture, error) {
	recs, err := readCSVRecords(realCSL2022)
	if err != nil {
		return rescreenFixture{}, err
	}
	changed := slices.Clone(recs)
	for i := 1; i <= 30; i++ {
		rec := slices.Clone(recs[i*400])
		rec[22] += "; ALIAS ADDED " + strconv.Itoa(i) // alt_names
		changed[i*400] = rec
	}
	var f rescreenFixture
	for _, l := range []struct {
		recs   [][]string
		origin string
		s      **screening.Screener
	}{{recs, "2022", &f.before}, {changed, "2022, a day later", &f.after}} {
		list, err := readCSVList(l.recs, l.origin)
		if err != nil {
			return f, err
		}
		if *l.s, err = screening.New(list); err != nil {
			return f, err
		}
	}
	return f, nil
})

// rescreenStore is a store of BenchmarkRescreen that has screened its
// master once against the 2022 CSL, and since against each version in
// turn: each run after the first finds 30 entries changed.
type rescreenStore struct {
	st      *monitor.Store
	vendors []monitor.Vendor
	runs    int // runs since the first
}

// rescreenStores holds the stores of BenchmarkRescreen by backend and size,
// made once per test binary (a million vendors take minutes to seed), and
// what TestMain removes.
var rescreenStores = struct {
	sync.Mutex
	dir     string   // of the SQLite stores
	schemas []string // of the PostgreSQL stores
	stores  map[string]*rescreenStore
}{stores: map[string]*rescreenStore{}}

// rescreenSeed returns the store of backend ("sqlite" or "postgres") for a
// master of n vendors, seeding it on first use.
func rescreenSeed(b *testing.B, f rescreenFixture, backend string, n int) *rescreenStore {
	rs := &rescreenStores
	rs.Lock()
	defer rs.Unlock()
	name := fmt.Sprint(backend, n)
	if s, ok := rs.stores[name]; ok {
		return s
	}
	ctx := context.Background()
	var st *monitor.Store
	var err error
	switch backend {
	case "sqlite":
		if rs.dir == "" {
			rs.dir, err = os.MkdirTemp("", "monitor-bench-")
			require.NoError(b, err)
		}
		st, err = monitor.OpenSQLite(ctx, filepath.Join(rs.dir, name+".db"))
	default:
		base := os.Getenv(postgresEnv)
		if base == "" {
			b.Skipf("no PostgreSQL server: set %s to time the PostgreSQL store", postgresEnv)
		}
		schema := fmt.Sprintf("bench_%d_%d", os.Getpid(), n)
		db, err := sql.Open("pgx", base)
		require.NoError(b, err)
		_, err = db.ExecContext(ctx, "CREATE SCHEMA "+schema)
		db.Close()
		require.NoError(b, err)
		rs.schemas = append(rs.schemas, schema)
		u, err := url.Parse(base)
		require.NoError(b, err)
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		st, err = monitor.OpenPostgres(ctx, u.String())
	}
	require.NoError(b, err)
	s := &rescreenStore{st: st, vendors: benchVendors(f.before.List(), n)}
	_, err = st.Run(ctx, f.before, s.vendors, monitor.RunOptions{})
	require.NoError(b, err)
	rs.stores[name] = s
	return s
}

// TestMain removes the stores BenchmarkRescreen seeded.
func TestMain(m *testing.M) {
	code := m.Run()
	rs := &rescreenStores
	for _, s := range rs.stores {
		s.st.Close()
	}
	if rs.dir != "" {
		os.RemoveAll(rs.dir)
	}
	if len(rs.schemas) > 0 {
		if db, err := sql.Open("pgx", os.Getenv(postgresEnv)); err == nil {
			for _, schema := range rs.schemas {
				db.Exec("DROP SCHEMA " + schema + " CASCADE")
			}
			db.Close()
		}
	}
	os.Exit(code)
}

// BenchmarkRescreen times re-screening a supplier master after a day's
// change to the list (30 entries of the 2022 CSL changed): the run that
// screens only what changed ("changes-only") and a full re-screen
// ("full"). Each operation is one run against a store that has screened
// the master once, and since against the other version of the list: the
// versions take turns, so each run finds 30 entries changed. Run with
// -benchtime=1x.
//
// Masters of 20,000 vendors run by default; a million only when the
// -bench pattern names that size ("vendors=1000000"): its store takes a
// full run of a million vendors to seed, minutes, once per test binary.
// ENTITYSCREEN_BENCH_VENDORS adds another size. The SQLite store runs
// always, the PostgreSQL store when a server is at hand (see
// postgresURL). Besides the time it reports the peak of the heap during
// the run (peak-heap-MB), and before it (heap-before-MB: the master and
// both lists' Screeners).
func BenchmarkRescreen(b *testing.B) {
	needFile(b, realCSL2022)
	f, err := rescreenLists()
	require.NoError(b, err)
	sizes := []int{20000, 1000000}
	if v := os.Getenv("ENTITYSCREEN_BENCH_VENDORS"); v != "" {
		n, err := strconv.Atoi(v)
		require.NoError(b, err)
		sizes = append(sizes, n)
	}
	ctx := context.Background()
	for _, n := range sizes {
		b.Run(fmt.Sprintf("vendors=%d", n), func(b *testing.B) {
			if n == 1000000 && !strings.Contains(flag.Lookup("test.bench").Value.String(), "1000000") {
				b.Skip("a million vendors only when the -bench pattern names 1000000")
			}
			for _, backend := range []string{"sqlite", "postgres"} {
				b.Run(backend, func(b *testing.B) {
					s := rescreenSeed(b, f, backend, n)
					for _, tc := range []struct {
						name string
						full bool
					}{{"changes-only", false}, {"full", true}} {
						b.Run(tc.name, func(b *testing.B) {
							var peak, before float64
							for b.Loop() {
								b.StopTimer()
								list := f.after
								if s.runs%2 == 1 {
									list = f.before
								}
								runtime.GC() // every run starts from the live heap alone
								before = max(before, heapBytes())
								stop := sampleHeap(&peak)
								b.StartTimer()
								rep, err := s.st.Run(ctx, list, s.vendors, monitor.RunOptions{Full: tc.full})
								b.StopTimer()
								stop()
								require.NoError(b, err)
								require.Equal(b, tc.full, rep.Run.Full)
								require.Equal(b, 30, rep.Run.EntriesChanged)
								s.runs++
								b.StartTimer()
							}
							b.ReportMetric(peak/(1<<20), "peak-heap-MB")
							b.ReportMetric(before/(1<<20), "heap-before-MB")
						})
					}
				})
			}
		})
	}
}

// sampleHeap samples the bytes of heap objects until stop is called,
// keeping the largest in peak.
func sampleHeap(peak *float64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			*peak = max(*peak, heapBytes())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

// heapBytes returns the bytes of heap objects, live or not yet collected.
func heapBytes() float64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return float64(s[0].Value.Uint64())
}
