package screening_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// TestCallOptions checks that options given to one call apply to it
// alone, equal a Screener built with them, and are validated by the rules
// of New.
func TestCallOptions(t *testing.T) {
	ctx := context.Background()
	base := defaultScreener(t)
	q := screening.Query{Name: "Kaspersky Antivirus Distribution"}
	for _, opts := range [][]screening.Option{
		{screening.WithMinScore(0.3)},
		{screening.WithMinScore(0.3), screening.WithLimit(1)},
		{screening.WithThreshold(0.4)},
		{screening.WithThreshold(0.95), screening.WithMinScore(0.2)},
	} {
		built := defaultScreener(t, opts...)
		want, err := built.Screen(ctx, q)
		require.NoError(t, err)
		got, err := base.Screen(ctx, q, opts...)
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
	plain, err := base.Screen(ctx, q)
	require.NoError(t, err)
	assert.Empty(t, plain.Matches, "the Screener's own options are unchanged")

	// The limit counts what it leaves out.
	r, err := base.Screen(ctx, screening.Query{Name: "Kaspersky"}, screening.WithLimit(1))
	require.NoError(t, err)
	require.Len(t, r.Matches, 1)
	assert.Equal(t, 2, r.More, "three Kaspersky entries")

	// An invalid option is the call's error, with New's text.
	for _, opt := range []screening.Option{screening.WithThreshold(0), screening.WithLimit(0),
		screening.WithMinScore(2), screening.WithWorkers(-1), screening.WithSources(""),
		screening.WithTypes(entitylist.EntityType(9))} {
		r, err := base.Screen(ctx, q, opt)
		require.Error(t, err)
		assert.Equal(t, err, r.Err)
		assert.EqualError(t, err, screening.CheckOptions(opt).Error())
		for _, r := range base.ScreenAll(ctx, []screening.Query{q, q}, opt) {
			assert.EqualError(t, r.Err, err.Error())
		}
	}
}

// TestSourcesAndTypes checks that WithSources and WithTypes leave out the
// entries of other lists and types, but never an untyped entry, and that
// WithEntries keeps the entries it names.
func TestSourcesAndTypes(t *testing.T) {
	const list = `_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids
1,Entity List (EL) - Bureau of Industry and Security,,,,Orion Star Trading,,,,,,,,,,,,,,,,,,,,,,,
2,Specially Designated Nationals (SDN) - Treasury Department,20,Entity,,Orion Star Trading LLC,,,,,,,,,,,,,,,,,,,,,,,
3,Specially Designated Nationals (SDN) - Treasury Department,30,Vessel,,ORION STAR,,,,,,,,,,,,,,,,,,,,,,,
`
	l, err := entitylist.ReadCSV(strings.NewReader(list), "test")
	require.NoError(t, err)
	s, err := screening.New(l, screening.WithMinScore(0.3), screening.WithLimit(10))
	require.NoError(t, err)
	ids := func(opts ...screening.Option) []string {
		r, err := s.Screen(context.Background(), screening.Query{Name: "Orion Star Trading"}, opts...)
		require.NoError(t, err)
		var out []string
		for _, m := range r.Matches {
			out = append(out, m.Entry.ID)
		}
		return out
	}
	assert.ElementsMatch(t, []string{"1", "2", "3"}, ids())
	assert.Equal(t, []string{"1"}, ids(screening.WithSources(entitylist.EntityList)))
	assert.ElementsMatch(t, []string{"2", "3"}, ids(screening.WithSources(entitylist.SpeciallyDesignated)))
	assert.Empty(t, ids(screening.WithSources(entitylist.DeniedPersons)), "a source the list lacks matches nothing")
	assert.ElementsMatch(t, []string{"1", "2"}, ids(screening.WithTypes(entitylist.TypeEntity)), "the untyped Entity List row stays")
	assert.ElementsMatch(t, []string{"1", "3"}, ids(screening.WithTypes(entitylist.TypeVessel)))
	assert.Equal(t, []string{"2"}, ids(screening.WithSources(entitylist.SpeciallyDesignated), screening.WithTypes(entitylist.TypeEntity)))
	assert.ElementsMatch(t, []string{"1", "3"}, ids(screening.WithEntries(
		entitylist.EntryKey{Source: entitylist.EntityList, ID: "1"}, entitylist.EntryKey{Source: entitylist.SpeciallyDesignated, ID: "3"})))
	assert.Empty(t, ids(screening.WithEntries(entitylist.EntryKey{Source: entitylist.EntityList, ID: "3"})), "a key the list lacks")
	assert.ElementsMatch(t, []string{"1", "2", "3"}, ids(screening.WithEntries()), "no keys: every entry")
}

// TestScreenSeq checks that a stream yields one result per query in input
// order, reads only a bounded number of queries ahead, and stops reading
// and leaves no goroutine behind when the caller stops early.
func TestScreenSeq(t *testing.T) {
	s := defaultScreener(t)
	names := []string{"Kaspersky Lab JSC", "", "Acme Widgets", "KASPERSKY LABS LTD.", "Huawei", "Ltd."}
	var read atomic.Int64
	queries := func(n int) func(func(screening.Query) bool) {
		return func(yield func(screening.Query) bool) {
			for i := range n {
				read.Add(1)
				if !yield(screening.Query{Name: names[i%len(names)], ID: fmt.Sprint(i)}) {
					return
				}
			}
		}
	}
	i := 0
	for r := range s.ScreenSeq(context.Background(), queries(600), screening.WithWorkers(3)) {
		require.Equal(t, fmt.Sprint(i), r.Query.ID, "input order")
		want, err := s.Screen(context.Background(), r.Query)
		assert.Equal(t, want, r)
		assert.Equal(t, err, r.Err)
		i++
	}
	assert.Equal(t, 600, i)

	// Stopping early: the stream stops reading within its window and its
	// goroutines end.
	before := runtime.NumGoroutine()
	read.Store(0)
	got := 0
	for range s.ScreenSeq(context.Background(), queries(1_000_000), screening.WithWorkers(2)) {
		got++
		if got == 10 {
			break
		}
	}
	assert.Less(t, read.Load(), int64(100), "read ahead is bounded")
	// ScreenSeq returns only once its goroutines are done. (Polled by hand:
	// assert.Eventually runs its condition on a goroutine of its own.)
	left := runtime.NumGoroutine()
	for deadline := time.Now().Add(5 * time.Second); left > before && time.Now().Before(deadline); left = runtime.NumGoroutine() {
		time.Sleep(10 * time.Millisecond)
	}
	assert.LessOrEqual(t, left, before, "no goroutine is left behind")

	// A cancelled context: every query still gets its result, the error.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	n := 0
	for r := range s.ScreenSeq(ctx, queries(20)) {
		assert.ErrorIs(t, r.Err, context.Canceled)
		n++
	}
	assert.Equal(t, 20, n)
}

// TestScreenSeqPanicInLoop checks that when the caller's loop body
// panics (and the caller recovers, as net/http does), the panic reaches
// the caller unchanged, ScreenSeq has stopped ranging over the queries
// (an endless input returns), and no goroutine of the stream is left
// behind.
func TestScreenSeqPanicInLoop(t *testing.T) {
	s := defaultScreener(t)
	before := runtime.NumGoroutine()
	returned := make(chan struct{})
	endless := func(yield func(screening.Query) bool) {
		defer close(returned)
		for {
			if !yield(screening.Query{Name: "Kaspersky Lab"}) {
				return
			}
		}
	}
	recovered := func() (v any) {
		defer func() { v = recover() }()
		for range s.ScreenSeq(context.Background(), endless, screening.WithWorkers(2)) {
			panic("loop body fails")
		}
		return nil
	}()
	assert.Equal(t, "loop body fails", recovered)
	select {
	case <-returned:
	default:
		t.Error("the input is still ranged over after the panic")
	}
	// (Polled by hand, as in TestScreenSeq: the goroutine that closes the
	// stream's queue may still be ending.)
	left := runtime.NumGoroutine()
	for deadline := time.Now().Add(5 * time.Second); left > before && time.Now().Before(deadline); left = runtime.NumGoroutine() {
		time.Sleep(10 * time.Millisecond)
	}
	assert.LessOrEqual(t, left, before, "no goroutine is left behind")
}

// TestScreenSeqPanicInInput checks that when qs panics, which ScreenSeq
// ranges over on a goroutine of its own, the panic reaches the caller's
// loop unchanged, as an iterator's panic does, after the results of the
// queries qs yielded before it, rather than ending the program; and that
// no goroutine of the stream is left behind, whether the caller reads to
// the end or stops early.
func TestScreenSeqPanicInInput(t *testing.T) {
	s := defaultScreener(t)
	before := runtime.NumGoroutine()
	failing := func(yield func(screening.Query) bool) {
		for i := range 5 {
			if !yield(screening.Query{Name: "Kaspersky Lab", ID: fmt.Sprint(i)}) {
				break
			}
		}
		panic("input fails")
	}
	var ids []string
	recovered := func() (v any) {
		defer func() { v = recover() }()
		for r := range s.ScreenSeq(context.Background(), failing, screening.WithWorkers(2)) {
			require.NoError(t, r.Err)
			ids = append(ids, r.Query.ID)
		}
		return nil
	}()
	assert.Equal(t, "input fails", recovered)
	assert.Equal(t, []string{"0", "1", "2", "3", "4"}, ids, "the queries before the panic, in order")

	recovered = func() (v any) {
		defer func() { v = recover() }()
		for range s.ScreenSeq(context.Background(), failing, screening.WithWorkers(2)) {
			break
		}
		return nil
	}()
	assert.Equal(t, "input fails", recovered, "the input panics once the caller stops")

	left := runtime.NumGoroutine()
	for deadline := time.Now().Add(5 * time.Second); left > before && time.Now().Before(deadline); left = runtime.NumGoroutine() {
		time.Sleep(10 * time.Millisecond)
	}
	assert.LessOrEqual(t, left, before, "no goroutine is left behind")
}

// TestWorkersBounded checks that WithWorkers refuses more than MaxWorkers,
// as CheckOptions and as every query's error in ScreenAll and ScreenSeq,
// rather than panicking or starting goroutines until memory runs out, and
// that MaxWorkers itself screens as Screen does.
func TestWorkersBounded(t *testing.T) {
	ctx := context.Background()
	s := defaultScreener(t)
	qs := []screening.Query{{Name: "Kaspersky Lab"}, {Name: "Acme Widgets"}, {Name: "Huawei"}}
	for _, n := range []int{screening.MaxWorkers + 1, 100_000_000, 1 << 60} {
		opt := screening.WithWorkers(n)
		err := screening.CheckOptions(opt)
		require.Error(t, err, n)
		assert.EqualError(t, err, fmt.Sprintf("screening: workers %d is more than %d (MaxWorkers)", n, screening.MaxWorkers))
		_, newErr := screening.New(entitylist.Default(), opt)
		assert.EqualError(t, newErr, err.Error())
		var rs []screening.Result
		require.NotPanics(t, func() { rs = s.ScreenAll(ctx, qs, opt) })
		require.Len(t, rs, len(qs))
		for i, r := range rs {
			assert.Equal(t, qs[i], r.Query)
			assert.EqualError(t, r.Err, err.Error())
		}
	}
	require.NoError(t, screening.CheckOptions(screening.WithWorkers(screening.MaxWorkers)))
	for i, r := range s.ScreenAll(ctx, qs, screening.WithWorkers(screening.MaxWorkers)) {
		want, err := s.Screen(ctx, qs[i])
		require.NoError(t, err)
		assert.Equal(t, want.Matches, r.Matches, qs[i].Name)
	}
}

// TestNearMissesKeepScores checks that asking for near misses changes what
// is reported, never a score: every match of the default call is in the
// wide call with the same score, on the shared evaluation queries against
// the full list (misspelt words of several kinds among them).
func TestNearMissesKeepScores(t *testing.T) {
	if testing.Short() {
		t.Skip("real-data test skipped in short mode")
	}
	s := realScreener(t)
	cases := readEval(t, sharedEval)
	ctx := context.Background()
	for _, c := range cases[:min(len(cases), 1500)] {
		q := screening.Query{Name: c.Query}
		narrow, err := s.Screen(ctx, q)
		require.NoError(t, err)
		wide, err := s.Screen(ctx, q, screening.WithMinScore(0.4), screening.WithLimit(50))
		require.NoError(t, err)
		scores := map[string]float64{}
		for _, m := range wide.Matches {
			scores[m.Entry.ID] = m.Score
		}
		for _, m := range narrow.Matches {
			if assert.Contains(t, scores, m.Entry.ID, "query %q", c.Query) {
				assert.Equal(t, m.Score, scores[m.Entry.ID], "query %q, entry %q", c.Query, m.Entry.Name)
			}
		}
	}
}
