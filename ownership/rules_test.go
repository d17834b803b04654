package ownership_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/ownership"
)

func defaultRule(t *testing.T, id string) ownership.Rule {
	t.Helper()
	for _, r := range ownership.Rules() {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no default rule %q", id)
	return ownership.Rule{}
}

func TestDefaultRules(t *testing.T) {
	rules := ownership.Rules()
	require.Len(t, rules, 2)
	assert.Equal(t, ofac, rules[0].ID)
	assert.Equal(t, affiliates, rules[1].ID)

	o := defaultRule(t, ofac)
	assert.Equal(t, 50.0, o.Threshold)
	assert.False(t, o.ForeignOnly)
	assert.Equal(t, []ownership.OwnerList{{Source: entitylist.SpeciallyDesignated, Citation: o.Owners[0].Citation}}, o.Owners)
	st, _ := o.StatusAt(date("1999-01-01"))
	assert.Equal(t, ownership.InForce, st, "a rule without periods is always in force")

	a := defaultRule(t, affiliates)
	assert.Contains(t, a.Citation, "90 FR 47201")
	assert.True(t, a.ForeignOnly)
	assert.Contains(t, a.Domestic, "US")
	var sources []entitylist.Source
	for _, ol := range a.Owners {
		sources = append(sources, ol.Source)
		assert.NotEmpty(t, ol.Citation)
	}
	assert.Equal(t, []entitylist.Source{entitylist.EntityList, entitylist.MilitaryEndUser, entitylist.SpeciallyDesignated}, sources)
	sdn := a.Owners[2]
	assert.Len(t, sdn.Programs, 15, "the fourteen programs of 15 CFR 744.8(a)(1), one written two ways")
	assert.Contains(t, sdn.Programs, "RUSSIA-EO14024")
	assert.Contains(t, sdn.Programs, "ILLICIT-DRUGS-EO", "as the CSL of 2022 writes ILLICIT-DRUGS-EO14059")
	assert.Contains(t, sdn.Programs, "SDGT")
	assert.Contains(t, sdn.Citation, "744.8(a)(1)")
	assert.Contains(t, sdn.Note, "confirm")

	// Rules returns a copy.
	rules[1].Owners[2].Programs[0] = "CHANGED"
	assert.NotEqual(t, "CHANGED", defaultRule(t, affiliates).Owners[2].Programs[0])
}

func TestAffiliatesPeriods(t *testing.T) {
	a := defaultRule(t, affiliates)
	for _, tc := range []struct {
		date string
		want ownership.RuleStatus
	}{
		{"2025-09-28", ownership.NotInForce},
		{"2025-09-29", ownership.InForce}, // effective, a day before publication
		{"2025-09-30", ownership.InForce},
		{"2025-11-09", ownership.InForce},
		{"2025-11-10", ownership.Suspended},
		{"2026-01-15", ownership.Suspended},
		{"2026-11-09", ownership.Suspended},
		{"2026-11-10", ownership.InForce}, // unless the suspension is extended
		{"2030-01-01", ownership.InForce},
	} {
		t.Run(tc.date, func(t *testing.T) {
			st, p := a.StatusAt(date(tc.date))
			assert.Equal(t, tc.want, st, "period %v", p)
			if st != ownership.NotInForce {
				assert.NotEmpty(t, p.Citation)
			}
		})
	}
}

func TestRuleStatusOverride(t *testing.T) {
	g := graphOf(t, owners+"Altair Microelectronics Institute,Sub GmbH,60,DE,\n")
	for _, tc := range []struct {
		date   string
		status map[string]ownership.RuleStatus
		want   ownership.Finding
	}{
		{"2025-10-15", nil, ownership.Owned},
		{"2026-01-15", nil, ownership.Clear},
		{"2026-01-15", map[string]ownership.RuleStatus{affiliates: ownership.InForce}, ownership.Owned},
		{"2025-10-15", map[string]ownership.RuleStatus{affiliates: ownership.Suspended}, ownership.Clear},
		{"2027-01-01", map[string]ownership.RuleStatus{affiliates: ownership.Suspended}, ownership.Clear}, // an extension the data does not know
		{"2025-01-01", map[string]ownership.RuleStatus{affiliates: ownership.InForce}, ownership.Owned},
	} {
		t.Run(tc.date, func(t *testing.T) {
			rep := evaluate(t, g, testList(t), ownership.Options{AsOf: date(tc.date), Status: tc.status})
			ro := rule(t, outcome(t, rep, "Sub GmbH"), affiliates)
			assert.Equal(t, tc.want, ro.Finding, ro.Reason)
			assert.Equal(t, ownership.Owned, ro.Computed, "the computation is shown whatever the status")
			assert.Equal(t, tc.status != nil, ro.Overridden)
			if tc.want == ownership.Clear {
				assert.Contains(t, ro.Reason, "not covered (computed: owned)")
			}
		})
	}
}

func TestReadRules(t *testing.T) {
	for _, tc := range []struct{ name, in, msg string }{
		{"unknown key", `{"rules": [{"id": "r", "name": "R", "threshold": 50, "owners": [{"source": "SDN"}], "foreign_olny": true}]}`, "foreign_olny"},
		{"no id", `{"rules": [{"name": "R", "threshold": 50, "owners": [{"source": "SDN"}]}]}`, "no id"},
		{"threshold", `{"rules": [{"id": "r", "name": "R", "threshold": 0, "owners": [{"source": "SDN"}]}]}`, "threshold 0"},
		{"no owners", `{"rules": [{"id": "r", "name": "R", "threshold": 50}]}`, "no owner lists"},
		{"overlap", `{"rules": [{"id": "r", "name": "R", "threshold": 50, "owners": [{"source": "SDN"}], "periods": [
			{"from": "2025-01-01", "status": "in force"}, {"from": "2025-06-01", "status": "suspended"}]}]}`, "overlaps"},
		{"bad date", `{"rules": [{"id": "r", "name": "R", "threshold": 50, "owners": [{"source": "SDN"}], "periods": [{"from": "1/1/2025", "status": "in force"}]}]}`, "want YYYY-MM-DD"},
		{"bad status", `{"rules": [{"id": "r", "name": "R", "threshold": 50, "owners": [{"source": "SDN"}], "periods": [{"from": "2025-01-01", "status": "maybe"}]}]}`, "rule status"},
		{"foreign without domestic", `{"rules": [{"id": "r", "name": "R", "threshold": 50, "foreign_only": true, "owners": [{"source": "SDN"}]}]}`, "domestic"},
		{"none", `{"rules": []}`, "no rules"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ownership.ReadRules(strings.NewReader(tc.in))
			require.Error(t, err)
			assert.ErrorIs(t, err, ownership.ErrBadValue)
			assert.Contains(t, err.Error(), tc.msg)
		})
	}
	rules, err := ownership.ReadRules(strings.NewReader(`{"rules": [{"id": "ssi-50", "name": "SSI 50%", "threshold": 50,
		"owners": [{"source": "Sectoral Sanctions Identifications List (SSI) - Treasury Department"}],
		"periods": [{"from": "2014-07-16", "status": "in-force"}]}]}`))
	require.NoError(t, err)
	assert.Equal(t, entitylist.SectoralSanctions, rules[0].Owners[0].Source, "sources read by their CSL names too")
	st, _ := rules[0].StatusAt(date("2014-07-15"))
	assert.Equal(t, ownership.NotInForce, st)
}
