package ownership_test

import (
	"strings"
	"testing"
	"time"

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

// A period's days and the time asked about are calendar dates as written,
// each in its own location, as Options.AsOf is: half past midnight of
// 2025-11-10 in Berlin is 2025-11-10 (though 2025-11-09 in UTC), and 8 pm of
// 2026-11-09 in New York is 2026-11-09 (though 2026-11-10 in UTC); a period
// given in code by a local midnight starts on that date.
func TestPeriodDatesAsWritten(t *testing.T) {
	berlin := time.FixedZone("CET", 3600)
	newYork := time.FixedZone("EST", -5*3600)
	tokyo := time.FixedZone("JST", 9*3600)
	a := defaultRule(t, affiliates)
	for _, tc := range []struct {
		at   time.Time
		want ownership.RuleStatus
	}{
		{time.Date(2025, 11, 10, 0, 30, 0, 0, berlin), ownership.Suspended},
		{time.Date(2025, 11, 9, 23, 30, 0, 0, berlin), ownership.InForce},
		{time.Date(2025, 11, 9, 20, 0, 0, 0, newYork), ownership.InForce},
		{time.Date(2026, 11, 9, 20, 0, 0, 0, newYork), ownership.Suspended},
		{time.Date(2026, 11, 10, 0, 30, 0, 0, berlin), ownership.InForce},
		{time.Date(2025, 9, 29, 8, 0, 0, 0, tokyo), ownership.InForce},
		{time.Date(2025, 9, 28, 23, 59, 0, 0, newYork), ownership.NotInForce},
	} {
		t.Run(tc.at.String(), func(t *testing.T) {
			st, p := a.StatusAt(tc.at)
			assert.Equal(t, tc.want, st, "period %v", p)
		})
	}

	// A period built in code from local midnights holds on the dates
	// they write, whatever the location of the time asked about.
	p := ownership.Period{From: time.Date(2025, 11, 10, 0, 0, 0, 0, berlin), To: time.Date(2026, 11, 9, 0, 0, 0, 0, tokyo), Status: ownership.Suspended}
	for _, tc := range []struct {
		at   time.Time
		want bool
	}{
		{date("2025-11-09"), false},
		{date("2025-11-10"), true},
		{time.Date(2025, 11, 10, 0, 0, 0, 0, newYork), true},
		{date("2026-11-09"), true},
		{time.Date(2026, 11, 9, 23, 0, 0, 0, berlin), true},
		{date("2026-11-10"), false},
		{time.Date(2026, 11, 10, 0, 30, 0, 0, tokyo), false},
	} {
		assert.Equal(t, tc.want, p.Contains(tc.at), "%v in %v", tc.at, p)
	}
	// Evaluate checks a rule's periods by the dates they write too: a
	// period that starts the day after the previous one ends does not
	// overlap it, though in UTC its start is before that end.
	r := a
	r.ID = "local"
	r.Periods = []ownership.Period{
		{From: date("2025-01-01"), To: time.Date(2025, 6, 30, 18, 0, 0, 0, time.UTC), Status: ownership.InForce},
		{From: time.Date(2025, 7, 1, 0, 0, 0, 0, tokyo), Status: ownership.Suspended},
	}
	g := graphOf(t, owners)
	res, err := ownership.Resolve(t.Context(), g, screener(t, testList(t)), ownership.ResolveOptions{})
	require.NoError(t, err)
	for day, want := range map[string]ownership.RuleStatus{"2025-06-30": ownership.InForce, "2025-07-01": ownership.Suspended} {
		rep, err := res.Evaluate(ownership.Options{AsOf: date(day), Rules: []ownership.Rule{r}})
		require.NoError(t, err)
		assert.Equal(t, want, rep.Rules()[0].Status, day)
	}
}

// An edge's dates given in code are the dates they write, in their own
// location: a stake that starts at midnight of 2024-06-24 in Berlin starts
// on 2024-06-24, not on the 2024-06-23 it still is in UTC.
func TestEdgeDatesAsWritten(t *testing.T) {
	berlin := time.FixedZone("CET", 3600)
	newYork := time.FixedZone("EST", -5*3600)
	g := ownership.NewGraph()
	require.NoError(t, g.AddEdge(ownership.Edge{
		Owner: "A", Owned: "B", Share: ownership.Exact(60),
		Start: time.Date(2024, 6, 24, 0, 0, 0, 0, berlin),
		End:   time.Date(2025, 1, 1, 21, 0, 0, 0, newYork),
		AsOf:  time.Date(2024, 6, 24, 0, 30, 0, 0, berlin),
	}))
	var edges []ownership.Edge
	for e := range g.Edges() {
		edges = append(edges, e)
	}
	require.Len(t, edges, 1)
	assert.Equal(t, date("2024-06-24"), edges[0].Start)
	assert.Equal(t, date("2025-01-01"), edges[0].End)
	assert.Equal(t, date("2024-06-24"), edges[0].AsOf)
}
