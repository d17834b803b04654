package monitor_test

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"

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

// BenchmarkRescreen times re-screening a supplier master after a day's
// change to the list (30 entries changed, from the 2022 CSL): the run that
// screens only what changed, and a full re-screen. The master has
// ENTITYSCREEN_BENCH_VENDORS records (20,000 by default). Run with
// -benchtime=1x: each run is one operation, on a copy of a store that has
// screened the master once.
func BenchmarkRescreen(b *testing.B) {
	needFile(b, realCSL2022)
	n := 20000
	if v := os.Getenv("ENTITYSCREEN_BENCH_VENDORS"); v != "" {
		var err error
		n, err = strconv.Atoi(v)
		require.NoError(b, err)
	}
	ctx := context.Background()
	recs := csvRecords(b, realCSL2022)
	before := listOf(b, recs, "2022")
	changed := make([][]string, len(recs))
	copy(changed, recs)
	for i := 1; i <= 30; i++ {
		rec := append([]string(nil), recs[i*400]...)
		rec[22] += "; ALIAS ADDED " + strconv.Itoa(i) // alt_names
		changed[i*400] = rec
	}
	after := listOf(b, changed, "2022, a day later")
	sa, err := screening.New(before)
	require.NoError(b, err)
	sb, err := screening.New(after)
	require.NoError(b, err)
	vendors := benchVendors(before, n)

	dir := b.TempDir()
	seed := filepath.Join(dir, "seed.db")
	st, err := monitor.OpenSQLite(ctx, seed)
	require.NoError(b, err)
	_, err = st.Run(ctx, sa, vendors, monitor.RunOptions{})
	require.NoError(b, err)
	require.NoError(b, st.Close())

	for _, tc := range []struct {
		name string
		full bool
	}{{"changes-only", false}, {"full", true}} {
		b.Run(fmt.Sprintf("%s/vendors=%d", tc.name, n), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				path := filepath.Join(dir, "run.db")
				copyFile(b, seed, path)
				st, err := monitor.OpenSQLite(ctx, path)
				require.NoError(b, err)
				b.StartTimer()
				rep, err := st.Run(ctx, sb, vendors, monitor.RunOptions{Full: tc.full})
				b.StopTimer()
				require.NoError(b, err)
				require.Equal(b, tc.full, rep.Run.Full)
				require.NoError(b, st.Close())
				b.StartTimer()
			}
		})
	}
}

func copyFile(tb testing.TB, from, to string) {
	tb.Helper()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(to + suffix)
		src, err := os.Open(from + suffix)
		if os.IsNotExist(err) {
			continue
		}
		require.NoError(tb, err)
		dst, err := os.Create(to + suffix)
		require.NoError(tb, err)
		_, err = io.Copy(dst, src)
		require.NoError(tb, err)
		src.Close()
		require.NoError(tb, dst.Close())
	}
}
