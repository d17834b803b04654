package ownership_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/ownership"
)

// TestReportIsTheCallersOwn changes everything a Report and its Resolution
// hand out (the list version, the entries and matches of the ties, in an
// outcome, its rules' owners and paths, and Resolution.Ties) and checks
// that the Report and the Resolution still give what they gave: they are
// immutable, so what they return is the caller's own.
func TestReportIsTheCallersOwn(t *testing.T) {
	g := ownership.NewGraph()
	readFile(t, g, csvReader, fixture("kaspersky.csv"))
	readFile(t, g, pscReader, fixture("psc", "snapshot.jsonl"))
	res, err := ownership.Resolve(t.Context(), g, screener(t, testList(t)), ownership.ResolveOptions{})
	require.NoError(t, err)
	rep, err := res.Evaluate(ownership.Options{AsOf: date("2025-10-15")})
	require.NoError(t, err)
	render := func() string {
		var b strings.Builder
		for o := range rep.Outcomes(ownership.Clear) {
			j, err := json.Marshal(o)
			require.NoError(t, err)
			b.Write(j)
			for _, tie := range res.Ties(o.Party.ID) {
				j, err := json.Marshal(tie.Entry)
				require.NoError(t, err)
				b.Write(j)
			}
			b.WriteByte('\n')
		}
		j, err := json.Marshal(res.Version())
		require.NoError(t, err)
		b.Write(j)
		return b.String()
	}
	before := render()

	ties := 0
	spoil := func(ts []ownership.Tie) {
		for _, tie := range ts {
			ties++
			tie.Entry.Name = "changed"
			tie.Entry.AltNames = append(tie.Entry.AltNames[:0:0], "changed")
			if m := tie.Match; m != nil {
				m.Score = -1
				m.Entry.Name = "changed"
				m.Version.BySource["XX"] = 1
				m.Version.SHA256 = "changed"
				if len(m.Explanation.Pairs) > 0 {
					m.Explanation.Pairs[0].Query = "changed"
				}
				if len(m.Explanation.Query.Words) > 0 {
					m.Explanation.Query.Words[0].Key = "changed"
				}
			}
		}
	}
	for o := range rep.Outcomes(ownership.Clear) {
		o.ListVersion.BySource["XX"] = 1
		spoil(o.Ties)
		for _, ro := range o.Rules {
			for _, h := range ro.Owners {
				spoil(h.Ties)
			}
			for _, p := range ro.Paths {
				spoil(p.Ties)
			}
		}
		spoil(res.Ties(o.Party.ID))
	}
	v := res.Version()
	v.BySource["XX"] = 1
	require.Positive(t, ties, "the fixture has ties")
	assert.Equal(t, before, render())
}

// TestGraphSharedByGoroutines holds a Graph no longer modified, a
// Resolution and a Report to their contract: goroutines resolve one Graph
// against one Screener, evaluate one Resolution at different dates, and
// read one Report and the Graph at once, each getting what it gets alone.
// Run it with -race.
func TestGraphSharedByGoroutines(t *testing.T) {
	g := ownership.NewGraph()
	readFile(t, g, csvReader, fixture("kaspersky.csv"))
	readFile(t, g, pscReader, fixture("psc", "snapshot.jsonl"))
	s := screener(t, testList(t))
	dates := []string{"2025-10-15", "2025-11-20", "2024-01-01"}
	render := func(rep *ownership.Report) string {
		var b strings.Builder
		for o := range rep.Outcomes(ownership.Clear) {
			j, err := json.Marshal(o)
			if err != nil {
				return err.Error()
			}
			b.Write(j)
			owners, holdings, _ := rep.Stakes(o.Party.ID)
			j, _ = json.Marshal([]any{owners, holdings})
			b.Write(j)
		}
		j, _ := json.Marshal([]any{rep.Summary(), rep.Cycles(), rep.Rules()})
		b.Write(j)
		return b.String()
	}
	res, err := ownership.Resolve(t.Context(), g, s, ownership.ResolveOptions{})
	require.NoError(t, err)
	want := make([]string, len(dates))
	for i, d := range dates {
		rep, err := res.Evaluate(ownership.Options{AsOf: date(d)})
		require.NoError(t, err)
		want[i] = render(rep)
	}
	shared, err := res.Evaluate(ownership.Options{AsOf: date(dates[0])})
	require.NoError(t, err)
	var parties, edges int
	for range g.Parties() {
		parties++
	}
	for range g.Edges() {
		edges++
	}

	var wg sync.WaitGroup
	for i := range dates {
		wg.Go(func() { // resolve the shared graph anew, evaluate it
			res, err := ownership.Resolve(t.Context(), g, s, ownership.ResolveOptions{})
			if !assert.NoError(t, err) {
				return
			}
			rep, err := res.Evaluate(ownership.Options{AsOf: date(dates[i])})
			if assert.NoError(t, err) {
				assert.Equal(t, want[i], render(rep), "resolved and evaluated at %s", dates[i])
			}
		})
		wg.Go(func() { // evaluate the shared resolution
			rep, err := res.Evaluate(ownership.Options{AsOf: date(dates[i])})
			if assert.NoError(t, err) {
				assert.Equal(t, want[i], render(rep), "evaluated at %s", dates[i])
			}
		})
		wg.Go(func() { // read the shared report and graph
			assert.Equal(t, want[0], render(shared))
			n, m := 0, 0
			for p := range g.Parties() {
				n++
				q, ok := g.Party(p.ID)
				assert.True(t, ok)
				assert.Equal(t, p, q)
				for _, tie := range res.Ties(p.ID) {
					tie.Entry.Name = "spoiled"
				}
			}
			for range g.Edges() {
				m++
			}
			assert.Equal(t, parties, n)
			assert.Equal(t, edges, m)
			notes, _ := g.Notes()
			for i := range notes {
				notes[i].Message = "spoiled"
			}
		})
	}
	wg.Wait()
}

// TestReportOfAGraphChangedSince: a Report and a Resolution hold the
// parties of their Graph as it was resolved. A party added to the Graph
// since is in neither (resolve and evaluate again for it), and they do
// not panic on it: Outcomes, Outcome, Stakes, Summary and Ties answer as
// they did.
func TestReportOfAGraphChangedSince(t *testing.T) {
	g := ownership.NewGraph()
	readFile(t, g, csvReader, fixture("kaspersky.csv"))
	res, err := ownership.Resolve(t.Context(), g, screener(t, testList(t)), ownership.ResolveOptions{})
	require.NoError(t, err)
	rep, err := res.Evaluate(ownership.Options{AsOf: date("2025-10-15")})
	require.NoError(t, err)
	count := func() int {
		n := 0
		for range rep.Outcomes(ownership.Clear) {
			n++
		}
		return n
	}
	before, summary := count(), rep.Summary()

	_, err = g.AddParty(ownership.Party{ID: "NEW-1", Name: "Kaspersky Lab New Holdings"})
	require.NoError(t, err)
	require.NoError(t, g.AddEdge(ownership.Edge{Owner: "NEW-1", Owned: "Tundra Labs AG", Share: ownership.Exact(60)}))

	assert.NotPanics(t, func() {
		assert.Equal(t, before, count())
		assert.Equal(t, summary, rep.Summary())
		_, ok := rep.Outcome("NEW-1")
		assert.False(t, ok, "a party added since is not in the report")
		_, _, ok = rep.Stakes("NEW-1")
		assert.False(t, ok)
		assert.Nil(t, res.Ties("NEW-1"))
	})
	_, err = res.Evaluate(ownership.Options{AsOf: date("2025-10-15")})
	assert.ErrorIs(t, err, ownership.ErrStale)
}

// A Report answers for the graph as it was resolved: a party merged into
// since (a country, a name, a conflicting country) changes neither its
// outcome nor its finding, which would otherwise change under a rule for
// foreign entities only without the graph being evaluated again.
func TestReportKeepsTheGraphResolved(t *testing.T) {
	g := graphOf(t, "owner,owned,percent\nAltair Microelectronics Institute,Sub GmbH,60\nAltair Microelectronics Institute,Sub Two,60\n")
	_, err := g.AddParty(ownership.Party{ID: "Sub Two", Country: "DE"})
	require.NoError(t, err)
	rep := evaluate(t, g, testList(t), ownership.Options{AsOf: date("2025-10-15")})
	sub, two := outcome(t, rep, "Sub GmbH"), outcome(t, rep, "Sub Two")
	require.Equal(t, ownership.Possibly, rule(t, sub, affiliates).Finding, "of unknown country")
	require.Equal(t, ownership.Owned, rule(t, two, affiliates).Finding)
	summary := rep.Summary()

	_, err = g.AddParty(ownership.Party{ID: "Sub GmbH", Country: "US", AltNames: []string{"Sub Inc."}})
	require.NoError(t, err)
	_, err = g.AddParty(ownership.Party{ID: "Sub Two", Country: "US"})
	require.NoError(t, err)

	assert.Equal(t, sub, outcome(t, rep, "Sub GmbH"), "the outcome of the graph evaluated")
	assert.Equal(t, two, outcome(t, rep, "Sub Two"), "no country conflict added since")
	assert.Equal(t, summary, rep.Summary())
	p, _ := g.Party("Sub GmbH")
	assert.Equal(t, "US", p.Country, "the graph itself has changed")
}

// A Graph may be read into while a Report of it, made before, is read by
// other goroutines: the Report keeps the graph as resolved, and neither
// races (under -race) nor changes its answers.
func TestGraphReadIntoWhileReportInUse(t *testing.T) {
	g := ownership.NewGraph()
	readFile(t, g, csvReader, fixture("kaspersky.csv"))
	rep := evaluate(t, g, testList(t), ownership.Options{AsOf: date("2025-10-15")})
	render := func() string {
		var b strings.Builder
		for o := range rep.Outcomes(ownership.Clear) {
			b.WriteString(o.String())
			owners, holdings, _ := rep.Stakes(o.Party.ID)
			j, err := json.Marshal([]any{owners, holdings})
			if err != nil {
				panic(err)
			}
			b.Write(j)
		}
		return b.String()
	}
	want := render()
	var wg sync.WaitGroup
	got := make([]string, 4)
	for i := range got {
		wg.Go(func() {
			for range 5 {
				got[i] = render()
			}
		})
	}
	for i := range 200 {
		id := fmt.Sprintf("NEW-%d", i)
		_, err := g.AddParty(ownership.Party{ID: id, Name: "New Holdings " + id, Country: "RU"})
		require.NoError(t, err)
		require.NoError(t, g.AddEdge(ownership.Edge{Owner: id, Owned: "Tundra Labs AG", Share: ownership.Exact(10), Note: "added", Record: ownership.Record{Origin: "later.csv", ID: id}}))
		_, err = g.AddParty(ownership.Party{ID: "Tundra Labs AG", AltNames: []string{"Tundra " + id}, Country: "RU"})
		require.NoError(t, err)
	}
	wg.Wait()
	for _, s := range got {
		assert.Equal(t, want, s)
	}
}

// Evaluate of a Resolution may run while its Graph is read into: the
// Resolution is in use, as its Reports are, so the check of whether the
// Graph changed since must not race (under -race) with the change, and
// answers ErrStale once it has changed.
func TestResolutionEvaluatedWhileGraphReadInto(t *testing.T) {
	g := ownership.NewGraph()
	readFile(t, g, csvReader, fixture("kaspersky.csv"))
	res, err := ownership.Resolve(t.Context(), g, screener(t, testList(t)), ownership.ResolveOptions{})
	require.NoError(t, err)
	_, err = res.Evaluate(ownership.Options{AsOf: date("2025-10-15")})
	require.NoError(t, err)
	changed := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range 100 {
			id := fmt.Sprintf("NEW-%d", i)
			assert.NoError(t, g.AddEdge(ownership.Edge{Owner: id, Owned: "Tundra Labs AG", Share: ownership.Exact(10)}))
			if i == 0 {
				close(changed)
			}
		}
	})
	for range 20 {
		_, _ = res.Evaluate(ownership.Options{AsOf: date("2025-10-15")})
	}
	<-changed
	_, err = res.Evaluate(ownership.Options{AsOf: date("2025-10-15")})
	assert.ErrorIs(t, err, ownership.ErrStale)
	wg.Wait()
}
