package ownership_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/ownership"
)

// TestKaspersky runs the Affiliates Rule end to end on the illustrative
// fixture testdata/ownership/kaspersky.csv against the embedded default
// list, which holds Kaspersky Labs Limited and AO Kaspersky Lab on the
// Entity List (89 FR 52362).
func TestKaspersky(t *testing.T) {
	g := ownership.NewGraph()
	readFile(t, g, csvReader, fixture("kaspersky.csv"))
	const (
		gmbh   = "Northwind Secure Software GmbH"
		inc    = "Northwind Secure Software Inc."
		polar  = "Polar Endpoint Oy"
		harbor = "Harbor Threat Research B.V."
		tundra = "Tundra Labs AG"
		owner  = "Kaspersky Labs Limited"
	)

	t.Run("the owner is tied by name screening", func(t *testing.T) {
		rep := evaluate(t, g, entitylist.Default(), ownership.Options{AsOf: date("2025-10-15")})
		o := outcome(t, rep, owner)
		assert.Equal(t, ownership.Listed, o.Finding)
		require.NotEmpty(t, o.Ties)
		tie := o.Ties[0]
		assert.True(t, tie.Certain)
		assert.Equal(t, ownership.ByName, tie.By)
		assert.Equal(t, "Kaspersky Labs Limited", tie.Entry.Name)
		assert.Equal(t, entitylist.EntityList, tie.Entry.Source)
		assert.Equal(t, []string{"89 FR 52362"}, tie.Entry.FederalRegisterNotices)
		require.NotNil(t, tie.Match)
		assert.InDelta(t, 1.0, tie.Match.Score, 1e-9)
		assert.Equal(t, "Kaspersky Labs Limited", tie.Match.Explanation.Query.Text, "the explanation of the match is kept")
		assert.NotEmpty(t, tie.Match.Explanation.Pairs)
		for _, other := range o.Ties[1:] {
			assert.False(t, other.Certain, "%s: the other Kaspersky entries are resemblances only", other)
		}
	})

	t.Run("in force", func(t *testing.T) {
		rep := evaluate(t, g, entitylist.Default(), ownership.Options{AsOf: date("2025-10-15")})
		o := outcome(t, rep, gmbh)
		assert.Equal(t, ownership.Owned, o.Finding)
		ro := rule(t, o, affiliates)
		assert.Equal(t, ownership.InForce, ro.Status)
		assert.Equal(t, ownership.Owned, ro.Finding, ro.Reason)
		assert.Equal(t, ownership.Exact(60), ro.Held)
		require.Len(t, ro.Paths, 1)
		assert.Equal(t, "Kaspersky Labs Limited -60%-> Northwind Secure Software GmbH", ro.Paths[0].String())
		assert.Equal(t, ownership.Record{Origin: "kaspersky.csv", Line: 18}, ro.Paths[0].Steps[0].Records[0])
		require.Len(t, ro.Owners, 1)
		assert.Equal(t, ownership.Listed, ro.Owners[0].Finding)
		require.Len(t, ro.Owners[0].Ties, 1, "the certain tie only, not the resemblances")
		ownerTie := ro.Owners[0].Ties[0]
		assert.Equal(t, entitylist.EntityList, ownerTie.Key.Source)
		assert.Equal(t, "Kaspersky Labs Limited", ownerTie.Match.Explanation.Candidate.Text, "the owner's name match travels with the outcome")
		require.Len(t, ro.Paths[0].Ties, 1)
		assert.Equal(t, ownerTie.Key, ro.Paths[0].Ties[0].Key)
		require.NotNil(t, ro.License)
		assert.Equal(t, "For all items subject to the EAR.", ro.License.Requirement)
		assert.Equal(t, "Presumption of denial.", ro.License.Policy)
		assert.Equal(t, "Kaspersky Labs Limited", ro.License.FromName)
		assert.Equal(t, "89 FR 52362", ro.License.Citation)
		assert.Equal(t, ownership.Clear, rule(t, o, ofac).Finding, "the Entity List does not block under OFAC")

		inc := outcome(t, rep, inc)
		ri := rule(t, inc, affiliates)
		assert.Equal(t, ownership.Clear, ri.Finding, "US-incorporated: not covered")
		assert.Equal(t, ownership.Owned, ri.Computed)
		assert.Contains(t, ri.Reason, "incorporated in US")
		assert.Equal(t, ownership.Clear, inc.Finding)

		p := rule(t, outcome(t, rep, polar), affiliates)
		assert.Equal(t, ownership.Owned, p.Finding, "two listed owners: 30% + 25%")
		assert.Equal(t, ownership.Exact(55), p.Held)
		assert.Len(t, p.Paths, 2)

		h := rule(t, outcome(t, rep, harbor), affiliates)
		assert.Equal(t, ownership.Possibly, h.Finding, "a 25-50% band")
		assert.Equal(t, ownership.Range(25, 50), h.Held)

		tu := outcome(t, rep, tundra)
		assert.Equal(t, ownership.Clear, rule(t, tu, affiliates).Finding)
		assert.True(t, hasIssue(tu, ownership.IssueMinority), "40% is reported as a significant minority")
	})

	t.Run("suspended", func(t *testing.T) {
		rep := evaluate(t, g, entitylist.Default(), ownership.Options{AsOf: date("2026-01-15")})
		o := outcome(t, rep, gmbh)
		ro := rule(t, o, affiliates)
		assert.Equal(t, ownership.Suspended, ro.Status)
		assert.Equal(t, ownership.Clear, ro.Finding, ro.Reason)
		assert.Equal(t, ownership.Owned, ro.Computed, "the stake is still shown")
		assert.Contains(t, ro.Reason, "suspended")
		assert.Nil(t, ro.License)
		assert.Equal(t, ownership.Clear, o.Finding)
		assert.Equal(t, ownership.Listed, outcome(t, rep, owner).Finding, "the listed party stays listed")
	})

	t.Run("in force again", func(t *testing.T) {
		rep := evaluate(t, g, entitylist.Default(), ownership.Options{AsOf: date("2026-11-10")})
		assert.Equal(t, ownership.Owned, rule(t, outcome(t, rep, gmbh), affiliates).Finding)
	})

	t.Run("before the rule", func(t *testing.T) {
		rep := evaluate(t, g, entitylist.Default(), ownership.Options{AsOf: date("2025-09-28")})
		ro := rule(t, outcome(t, rep, gmbh), affiliates)
		assert.Equal(t, ownership.NotInForce, ro.Status)
		assert.Equal(t, ownership.Clear, ro.Finding)
	})

	t.Run("status set explicitly", func(t *testing.T) {
		rep := evaluate(t, g, entitylist.Default(), ownership.Options{
			AsOf:   date("2026-01-15"),
			Status: map[string]ownership.RuleStatus{affiliates: ownership.InForce},
		})
		ro := rule(t, outcome(t, rep, gmbh), affiliates)
		assert.Equal(t, ownership.Owned, ro.Finding)
		assert.True(t, ro.Overridden)
	})
}
