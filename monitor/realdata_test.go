package monitor_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/monitor"
	"github.com/entityscreen/entityscreen/screening"
)

const (
	realCSL2022   = "../../shared/data/csl-consolidated-2022-05-16.csv"
	realCSLSubset = "../../shared/data/csl-consolidated-subset-2023-11-30.csv"
	realDevSet    = "../../shared/eval/dev.jsonl"
)

func needFile(tb testing.TB, path string) {
	tb.Helper()
	if _, err := os.Stat(path); err != nil {
		tb.Skipf("real data not available: %v", err)
	}
}

// csvRecords reads the records of a CSL CSV file, header first, keeping
// only complete records (the 2023 copy repeats its header and ends cut
// off).
func csvRecords(t testing.TB, path string) [][]string {
	t.Helper()
	recs, err := readCSVRecords(path)
	require.NoError(t, err)
	return recs
}

// readCSVRecords is csvRecords returning its error.
func readCSVRecords(path string) ([][]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(raw))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var out [][]string
	for {
		rec, err := r.Read()
		if err != nil {
			break
		}
		if len(rec) != 29 || len(out) > 0 && rec[0] == "_id" {
			continue
		}
		out = append(out, rec)
	}
	return out, nil
}

func listOf(t testing.TB, recs [][]string, origin string) *entitylist.List {
	t.Helper()
	l, err := readCSVList(recs, origin)
	require.NoError(t, err)
	return l
}

// readCSVList reads a list of CSL CSV records.
func readCSVList(recs [][]string, origin string) (*entitylist.List, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.WriteAll(recs); err != nil {
		return nil, err
	}
	return entitylist.ReadCSV(&b, origin)
}

// pick reports whether a key falls in a deterministic sample of about one
// in n.
func pick(key string, n int) bool {
	h := sha256.Sum256([]byte(key))
	return int(h[0])%n == 0
}

// TestDifferentialEqualsFull applies a day's worth of real changes to the
// 2022 CSL (entries the 2023 list added, entries it changed, some
// removed) and checks that a run screening only what changed finds what a
// full re-screen of the changed list finds, the reviewers' decisions kept.
func TestDifferentialEqualsFull(t *testing.T) {
	if testing.Short() {
		t.Skip("real-data test skipped in short mode")
	}
	needFile(t, realCSL2022)
	needFile(t, realCSLSubset)
	needFile(t, realDevSet)
	ctx := context.Background()

	old := csvRecords(t, realCSL2022)
	newer := csvRecords(t, realCSLSubset)
	key := func(rec []string) string { return rec[1] + "\x00" + rec[0] }
	byKey := map[string]int{}
	for i, rec := range old[1:] {
		byKey[key(rec)] = i + 1
	}
	changed := slices.Clone(old)
	var added, replaced, removed int
	for _, rec := range newer[1:] {
		i, ok := byKey[key(rec)]
		switch {
		case !ok && added < 40 && pick(key(rec), 8):
			changed = append(changed, rec)
			added++
		case ok && replaced < 40 && !slices.Equal(old[i], rec) && pick(key(rec), 4):
			changed[i] = rec
			replaced++
		}
	}
	kept := changed[:1]
	for _, rec := range changed[1:] {
		if removed < 20 && pick("drop"+key(rec), 200) {
			removed++
			continue
		}
		kept = append(kept, rec)
	}
	a, b := listOf(t, old, "2022"), listOf(t, kept, "2022 with 2023 changes")
	diff := entitylist.Diff(a, b)
	t.Logf("changes: %d added, %d changed, %d removed", len(diff.Added), len(diff.Changed), len(diff.Removed))
	require.NotEmpty(t, diff.Added)
	require.NotEmpty(t, diff.Changed)
	require.NotEmpty(t, diff.Removed)

	// Vendors: the evaluation queries, listed names and clean ones.
	f, err := os.Open(realDevSet)
	require.NoError(t, err)
	defer f.Close()
	var vendors []monitor.Vendor
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c struct{ Query string }
		require.NoError(t, json.Unmarshal(sc.Bytes(), &c))
		vendors = append(vendors, monitor.Vendor{ID: fmt.Sprint("D", len(vendors)), Query: screening.Query{Name: c.Query}})
	}
	// And suppliers named as the entries the list adds or changes, whose
	// new matches only the run's screening against the changes finds.
	for _, e := range append(slices.Clone(diff.Added), diff.Changed...) {
		vendors = append(vendors, monitor.Vendor{ID: fmt.Sprint("L", len(vendors)), Query: screening.Query{Name: e.New.Name}})
	}
	sa, err := screening.New(a)
	require.NoError(t, err)
	sb, err := screening.New(b)
	require.NoError(t, err)

	// The monitored store: a first run, decisions, then the changed list.
	mon := sqliteStore(t)
	first, err := mon.Run(ctx, sa, vendors, monitor.RunOptions{})
	require.NoError(t, err)
	require.NotEmpty(t, first.Alerts)
	cleared := 0
	for i, al := range first.Alerts {
		if i%25 == 0 {
			_, err := mon.Decide(ctx, al.ID, monitor.StatusCleared, "reviewed", "test", first.Run.Started)
			require.NoError(t, err)
			cleared++
		}
	}
	second, err := mon.Run(ctx, sb, vendors, monitor.RunOptions{})
	require.NoError(t, err)
	assert.False(t, second.Run.Full, second.Run.FullReason)
	assert.Zero(t, second.Run.Screened, "no vendor changed")
	t.Logf("differential run: %+v", second.Run)

	// A store that screens the changed list in full.
	full := sqliteStore(t)
	ref, err := full.Run(ctx, sb, vendors, monitor.RunOptions{})
	require.NoError(t, err)

	active := func(st *monitor.Store, statuses ...monitor.Status) map[string]float64 {
		as, err := st.Alerts(ctx, monitor.AlertFilter{Statuses: statuses})
		require.NoError(t, err)
		out := map[string]float64{}
		for _, al := range as {
			out[al.VendorID+" "+al.Entry.String()] = al.Score
		}
		return out
	}
	got := active(mon, monitor.StatusOpen, monitor.StatusCleared)
	want := active(full, monitor.StatusOpen)
	assert.Equal(t, len(want), len(got))
	for k := range want {
		if _, ok := got[k]; !ok {
			t.Errorf("a full re-screen alerts on %s, the differential run does not", k)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("the differential run alerts on %s, a full re-screen does not", k)
		}
	}
	assert.Equal(t, len(ref.Alerts), ref.Run.NewAlerts)
	quiet := active(mon, monitor.StatusCleared)
	assert.NotEmpty(t, quiet, "cleared pairs whose entries did not change stay cleared")
	assert.LessOrEqual(t, len(quiet), cleared)
}
