package screening_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// spoil changes everything a caller can reach from results: the entries,
// the rows of Also, the versions and the explanations. A Screener shares
// none of it with its own state or with another result, so under -race
// spoiling them while other goroutines screen is no race, and changes no
// other result.
func spoil(rs []screening.Result) {
	for i := range rs {
		r := &rs[i]
		if r.Version.BySource != nil {
			r.Version.BySource["XX"]++
		}
		for j := range r.Matches {
			m := &r.Matches[j]
			m.Entry.Name = "spoiled"
			for k := range m.Entry.AltNames {
				m.Entry.AltNames[k] = "spoiled"
			}
			for k := range m.Entry.Addresses {
				m.Entry.Addresses[k].City = "spoiled"
			}
			for _, e := range m.Also {
				e.Name = "spoiled"
			}
			if m.Version.BySource != nil {
				m.Version.BySource["XX"]++
			}
			ex := &m.Explanation
			for _, ws := range [][]screening.Word{ex.Query.Words, ex.Candidate.Words, ex.Unmatched} {
				for k := range ws {
					ws[k].Key = "spoiled"
				}
			}
			for k := range ex.Candidate.LegalForms {
				ex.Candidate.LegalForms[k] = "spoiled"
			}
			for k := range ex.Pairs {
				ex.Pairs[k].Candidate = "spoiled"
			}
			for k := range ex.Checks {
				ex.Checks[k].Detail = "spoiled"
			}
			if _, also, ok := m.Indexes(); ok && len(also) > 0 {
				also[0] = -1
			}
		}
	}
}

// TestScreenerConcurrentUse holds a Screener and its List to their
// contract, immutable and safe for concurrent use: goroutines screen one
// Screener at once with Screen, ScreenAll and ScreenSeq under different
// options (explanations off, a threshold and a limit, sources, weak
// aliases), with queries that give a country, an address and an
// identifier and queries in Arabic script (the state a Screener works
// out on first use), while others read the list, the Screener's
// accessors, a Reach and a snapshot, and screen with a Screener read from
// that snapshot, and every goroutine spoils what it got. Every result
// must equal the one a second Screener of the same list gave alone. Run
// it with -race.
func TestScreenerConcurrentUse(t *testing.T) {
	ctx := context.Background()
	list := entitylist.Default()
	ref, err := screening.New(list, screening.WithMinScore(0.3))
	require.NoError(t, err)
	var qs []screening.Query
	for i, e := range list.All() {
		for k, n := range e.Names() {
			q := screening.Query{Name: n}
			switch (i + k) % 4 {
			case 1:
				if cs := e.Countries(); len(cs) > 0 {
					q.Country = cs[0]
				}
			case 2:
				if len(e.Addresses) > 0 {
					q.Address = e.Addresses[0].City
				}
			case 3:
				if len(e.IDs) > 0 {
					q.ID = e.IDs[0].Number
				}
			}
			if _, err := ref.Screen(ctx, q); err == nil {
				qs = append(qs, q)
			}
		}
	}
	qs = append(qs,
		screening.Query{Name: "كاسبرسكي لاب", Country: "RU"},
		screening.Query{Name: "شركة هواوي للتكنولوجيا"},
		screening.Query{Name: "ООО Касперский Груп", Address: "Moscow"},
		screening.Query{Name: "Huawey Tech", Kind: entitylist.TypeEntity},
		screening.Query{Name: "Kasper Holdings", ID: "1027739867473"},
	)
	variants := [][]screening.Option{
		nil,
		{screening.WithExplanations(false)},
		{screening.WithThreshold(0.9), screening.WithLimit(2)},
		{screening.WithSources(entitylist.EntityList, entitylist.SpeciallyDesignated)},
		{screening.WithWeakAliases(true), screening.WithMinScore(0.5)},
	}
	render := func(rs []screening.Result) string {
		b, err := json.Marshal(rs)
		if err != nil {
			return err.Error()
		}
		return string(b)
	}
	want := make([]string, len(variants))
	for v, opts := range variants {
		want[v] = render(ref.ScreenAll(ctx, qs, opts...))
	}
	var snapshot bytes.Buffer
	require.NoError(t, ref.WriteSnapshot(&snapshot))

	// A second Screener, whose state worked out on first use is worked
	// out by the goroutines at once.
	s, err := screening.New(list, screening.WithMinScore(0.3))
	require.NoError(t, err)
	screenEach := func(opts []screening.Option) []screening.Result {
		var rs []screening.Result
		for _, q := range qs {
			r, _ := s.Screen(ctx, q, opts...)
			rs = append(rs, r)
		}
		return rs
	}
	screenSeq := func(opts []screening.Option) []screening.Result {
		var rs []screening.Result
		for r := range s.ScreenSeq(ctx, slices.Values(qs), append(slices.Clip(opts), screening.WithWorkers(2))...) {
			rs = append(rs, r)
		}
		return rs
	}
	screenAll := func(opts []screening.Option) []screening.Result { return s.ScreenAll(ctx, qs, opts...) }

	var wg sync.WaitGroup
	for v, opts := range variants {
		for name, method := range map[string]func([]screening.Option) []screening.Result{"Screen": screenEach, "ScreenSeq": screenSeq, "ScreenAll": screenAll} {
			wg.Go(func() {
				for range 2 {
					rs := method(opts)
					if !assert.Equal(t, want[v], render(rs), "%s, options %d", name, v) {
						return
					}
					spoil(rs)
				}
			})
		}
	}
	wg.Go(func() { // a Screener read from a snapshot, used at once with s
		fromSnapshot, err := screening.ReadSnapshot(bytes.NewReader(snapshot.Bytes()), list, screening.WithMinScore(0.3))
		if !assert.NoError(t, err) {
			return
		}
		var inner sync.WaitGroup
		for v, opts := range variants {
			inner.Go(func() {
				rs := fromSnapshot.ScreenAll(ctx, qs, opts...)
				assert.Equal(t, want[v], render(rs), "from the snapshot, options %d", v)
				spoil(rs)
			})
		}
		inner.Wait()
	})
	listWant := fmt.Sprint(list.Len(), list.Keys(), list.Version(), list.Warnings())
	wg.Go(func() { // the list, read and spoiled
		for range 3 {
			for i := range list.Len() {
				e := list.Entry(i)
				sm := list.Summary(i)
				if !assert.Equal(t, e.ID, sm.ID) || !assert.Equal(t, e.Name, list.Name(i, 0)) {
					return
				}
				e.Name, e.ID = "spoiled", "spoiled"
				if len(e.AltNames) > 0 {
					e.AltNames[0] = "spoiled"
				}
			}
			for _, e := range list.All() {
				e.Programs = append(e.Programs[:0:0], "spoiled")
			}
			keys, version, warnings := list.Keys(), list.Version(), list.Warnings()
			assert.Equal(t, listWant, fmt.Sprint(list.Len(), keys, version, warnings))
			if len(keys) > 0 {
				keys[0].ID = "spoiled"
			}
			version.BySource["XX"]++
			for i := range warnings {
				warnings[i].Message = "spoiled"
			}
		}
	})
	wg.Go(func() { // the Screener's accessors, a Reach, a snapshot
		for range 3 {
			sk := s.Skipped()
			for i := range sk {
				sk[i].Entry.Name = "spoiled"
			}
			assert.Equal(t, ref.Skipped(), s.Skipped())
			assert.Equal(t, 0.72, s.Threshold())
			assert.Empty(t, s.Sources())
			assert.Empty(t, s.Types())
			assert.Equal(t, ref.WeakAliasNames(), s.WeakAliasNames())
			assert.Same(t, list, s.List())
			r := s.Reach(list.Keys()...)
			for _, q := range qs[:min(len(qs), 20)] {
				fp, err := screening.Footprint(q.Name)
				if assert.NoError(t, err) {
					ok, err := r.Reaches(fp)
					assert.NoError(t, err)
					assert.True(t, ok, "%q reaches the whole list", q.Name)
				}
			}
			var b bytes.Buffer
			assert.NoError(t, s.WriteSnapshot(&b))
			assert.True(t, bytes.Equal(snapshot.Bytes(), b.Bytes()), "the snapshot written while screening")
			_, _ = io.Copy(io.Discard, &b)
		}
	})
	wg.Wait()
}

// TestReachConcurrentUse holds a Reach to its contract (immutable, safe
// for concurrent use): one Reach of some entries of the list answers the
// footprints of every name of the list, and of others, from several
// goroutines at once as it answers them alone. Run it with -race.
func TestReachConcurrentUse(t *testing.T) {
	list := entitylist.Default()
	s, err := screening.New(list)
	require.NoError(t, err)
	keys := list.Keys()
	var some []entitylist.EntryKey
	for i := 0; i < len(keys); i += 3 {
		some = append(some, keys[i])
	}
	r := s.Reach(some...)
	var fps [][]byte
	for _, e := range list.All() {
		for _, n := range e.Names() {
			if fp, err := screening.Footprint(n); err == nil {
				fps = append(fps, fp)
			}
		}
	}
	for _, n := range []string{"Kasper Holdings", "Huawey Tech", "كاسبرسكي لاب", "Northwind Trading GmbH"} {
		fp, err := screening.Footprint(n)
		require.NoError(t, err)
		fps = append(fps, fp)
	}
	want := make([]bool, len(fps))
	reached := 0
	for i, fp := range fps {
		want[i], err = r.Reaches(fp)
		require.NoError(t, err)
		if want[i] {
			reached++
		}
	}
	require.Positive(t, reached)
	require.Less(t, reached, len(fps), "some names reach none of the entries")
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Go(func() {
			for k := range fps {
				i := (k + g*11) % len(fps)
				ok, err := r.Reaches(fps[i])
				if !assert.NoError(t, err) || !assert.Equal(t, want[i], ok, "footprint %d", i) {
					return
				}
			}
		})
	}
	wg.Wait()
}
