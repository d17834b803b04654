package ownership_test

import (
	"encoding/json"
	"strings"
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
