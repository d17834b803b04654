package ownership_test

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/ownership"
)

// graphOf reads an ownership CSV given inline.
func graphOf(t testing.TB, csv string) *ownership.Graph {
	t.Helper()
	g := ownership.NewGraph()
	require.NoError(t, g.ReadCSV(strings.NewReader(csv), "inline.csv"))
	return g
}

// The parties of list.json: Orion (SDN, RUSSIA-EO14024), Vega (SDN, CUBA),
// Lyra (SDN, no program published), Altair (EL, all items, presumption of
// denial), Rigel (EL, all items except EAR99 food and medicine,
// case-by-case), Deneb (MEU, no license published).
const owners = "owner,owned,percent,owned_country,kind\n"

func TestCycles(t *testing.T) {
	g := graphOf(t, owners+
		"Orion Sanctioned Holdings,Alpha GmbH,50,DE,\n"+
		"Alpha GmbH,Beta GmbH,60,DE,\n"+
		"Beta GmbH,Alpha GmbH,60,DE,\n"+
		"Gamma GmbH,Delta GmbH,60,DE,\n"+
		"Delta GmbH,Gamma GmbH,60,DE,\n"+
		"Epsilon GmbH,Epsilon GmbH,10,DE,\n")
	rep := evaluate(t, g, testList(t), ownership.Options{AsOf: date("2025-10-15")})
	for _, tc := range []struct {
		id   string
		want ownership.Finding
	}{
		{"Alpha GmbH", ownership.Owned},   // 50% by Orion (and 60% by Beta, once Beta is blocked)
		{"Beta GmbH", ownership.Owned},    // 60% by blocked Alpha
		{"Gamma GmbH", ownership.Clear},   // a cycle with no listed owner does not bootstrap itself
		{"Delta GmbH", ownership.Clear},   //
		{"Epsilon GmbH", ownership.Clear}, // owns itself
	} {
		o := outcome(t, rep, tc.id)
		assert.Equal(t, tc.want, rule(t, o, ofac).Finding, tc.id)
		assert.True(t, hasIssue(o, ownership.IssueCycle), "%s: cycle reported", tc.id)
	}
	assert.Equal(t, [][]string{
		{"Alpha GmbH", "Beta GmbH"},
		{"Gamma GmbH", "Delta GmbH"},
		{"Epsilon GmbH"},
	}, rep.Cycles())
	assert.Equal(t, 3, rep.Summary().Cycles)
	ro := rule(t, outcome(t, rep, "Alpha GmbH"), ofac)
	assert.Equal(t, ownership.Range(100, 100), ro.Held, "110% held, capped at 100%")
	assert.True(t, hasIssue(outcome(t, rep, "Alpha GmbH"), ownership.IssueOverAllocated))
	assert.Equal(t, "Orion Sanctioned Holdings -50%-> Alpha GmbH -60%-> Beta GmbH", rule(t, outcome(t, rep, "Beta GmbH"), ofac).Paths[0].String())
	// A stake of a party in itself (treasury shares) is named: the other
	// owners' stakes of the shares outstanding are larger than recorded.
	assert.Contains(t, outcome(t, rep, "Epsilon GmbH").String(), "it holds 10% of itself (treasury shares?)")
}

func TestStakeRecords(t *testing.T) {
	g := graphOf(t, owners+
		"Orion Sanctioned Holdings,Dup GmbH,30,DE,\n"+
		"Orion Sanctioned Holdings,Dup GmbH,30,DE,\n"+
		"Orion Sanctioned Holdings,Conflict GmbH,49,DE,\n"+
		"Orion Sanctioned Holdings,Conflict GmbH,51,DE,\n"+
		"Orion Sanctioned Holdings,Over GmbH,60,DE,\n"+
		"Mallory Investments,Over GmbH,70,DE,\n"+
		"Orion Sanctioned Holdings,Bands GmbH,25-50,DE,\n"+
		"Lyra Embargo Logistics,Bands GmbH,25-50,DE,\n"+
		"Orion Sanctioned Holdings,Band GmbH,25-50,DE,\n"+
		"Orion Sanctioned Holdings,Unknown GmbH,,DE,\n")
	rep := evaluate(t, g, testList(t), ownership.Options{AsOf: date("2025-10-15")})
	for _, tc := range []struct {
		id    string
		want  ownership.Finding
		held  ownership.Share
		issue ownership.IssueKind
	}{
		// The same stake recorded twice counts once: 30%, not 60%.
		{"Dup GmbH", ownership.Clear, ownership.Exact(30), ownership.IssueDuplicate},
		// 49% and 51%: at least 51% (each record's stake exists).
		{"Conflict GmbH", ownership.Owned, ownership.Range(51, 100), ownership.IssueConflict},
		{"Over GmbH", ownership.Owned, ownership.Exact(60), ownership.IssueOverAllocated},
		// Two listed owners with more than 25% each: over 50% together.
		{"Bands GmbH", ownership.Owned, ownership.Range(50, 100), ownership.IssueUnknownShare},
		{"Band GmbH", ownership.Possibly, ownership.Range(25, 50), ownership.IssueUnknownShare},
		{"Unknown GmbH", ownership.Possibly, ownership.UnknownShare(), ownership.IssueUnknownShare},
	} {
		t.Run(tc.id, func(t *testing.T) {
			o := outcome(t, rep, tc.id)
			ro := rule(t, o, ofac)
			assert.Equal(t, tc.want, ro.Finding, ro.Reason)
			assert.Equal(t, tc.held, ro.Held)
			assert.True(t, hasIssue(o, tc.issue), "issue %s in %v", tc.issue, o.Issues)
		})
	}
	sum := rep.Summary()
	assert.Equal(t, 1, sum.Duplicates)
	assert.Equal(t, 1, sum.Conflicts)
	assert.Equal(t, 1, sum.OverAllocated)
}

// Records of one stake that agree are one stake, counted once: repeated in
// one source, the same fact written twice; in several sources, sources
// that confirm each other, not stakes to add. The issue says which, and
// keeps every record.
func TestDuplicateStakeRecords(t *testing.T) {
	const row = "Orion Sanctioned Holdings,Dup GmbH,30,DE,\n"
	for _, tc := range []struct {
		name   string
		files  map[string]string
		detail []string
		recs   []ownership.Record
	}{
		{"repeated in one source", map[string]string{"a.csv": owners + row + row},
			[]string{"2 records of Orion Sanctioned Holdings's stake in a.csv alike", "the same statement repeated", "counted once as 30%"},
			[]ownership.Record{{Origin: "a.csv", Line: 2}, {Origin: "a.csv", Line: 3}}},
		{"confirmed by two sources", map[string]string{"a.csv": owners + row, "b.csv": owners + row},
			[]string{"stated alike by 2 sources (a.csv, b.csv)", "confirm each other", "counted once as 30%"},
			[]ownership.Record{{Origin: "a.csv", Line: 2}, {Origin: "b.csv", Line: 2}}},
		{"repeated and confirmed", map[string]string{"a.csv": owners + row + row, "b.csv": owners + row},
			[]string{"stated alike by 2 sources (a.csv: 2 records, b.csv)", "confirm each other", "counted once as 30%"},
			[]ownership.Record{{Origin: "a.csv", Line: 2}, {Origin: "a.csv", Line: 3}, {Origin: "b.csv", Line: 2}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := ownership.NewGraph()
			for _, name := range slices.Sorted(maps.Keys(tc.files)) {
				require.NoError(t, g.ReadCSV(strings.NewReader(tc.files[name]), name))
			}
			rep := evaluate(t, g, testList(t), ownership.Options{AsOf: date("2025-10-15")})
			o := outcome(t, rep, "Dup GmbH")
			ro := rule(t, o, ofac)
			assert.Equal(t, ownership.Exact(30), ro.Held, "counted once, not added")
			assert.Equal(t, ownership.Clear, ro.Finding)
			var dup []ownership.Issue
			for _, is := range o.Issues {
				if is.Kind == ownership.IssueDuplicate {
					dup = append(dup, is)
				}
			}
			require.Len(t, dup, 1, "%v", o.Issues)
			for _, d := range tc.detail {
				assert.Contains(t, dup[0].Detail, d)
			}
			assert.Equal(t, tc.recs, dup[0].Records, "every record kept")
			assert.Equal(t, 1, rep.Summary().Duplicates)
			owners, _, ok := rep.Stakes("Dup GmbH")
			require.True(t, ok)
			require.Len(t, owners, 1, "one stake")
			assert.Equal(t, ownership.Exact(30), owners[0].Share)
			assert.Equal(t, tc.recs, owners[0].Records, "with every record")
		})
	}
}

// TestDuplicateStakeSuperseded: records of a stake superseded by a later
// as-of date are no part of the records that agree: the issue counts and
// names only the records in force, not a superseded record's source as
// one that confirms them.
func TestDuplicateStakeSuperseded(t *testing.T) {
	const header = "owner,owned,percent,owned_country,as_of\n"
	const row = "Orion Sanctioned Holdings,Dup GmbH,40,DE,2022-01-01\n"
	g := ownership.NewGraph()
	require.NoError(t, g.ReadCSV(strings.NewReader(header+row+row), "a.csv"))
	require.NoError(t, g.ReadCSV(strings.NewReader(header+"Orion Sanctioned Holdings,Dup GmbH,30,DE,2020-01-01\n"), "b.csv"))
	rep := evaluate(t, g, testList(t), ownership.Options{AsOf: date("2025-10-15")})
	o := outcome(t, rep, "Dup GmbH")
	assert.Equal(t, ownership.Exact(40), rule(t, o, ofac).Held, "the latest as-of date counts, once")
	var dup []ownership.Issue
	for _, is := range o.Issues {
		if is.Kind == ownership.IssueDuplicate {
			dup = append(dup, is)
		}
	}
	require.Len(t, dup, 1, "%v", o.Issues)
	assert.Contains(t, dup[0].Detail, "2 records of Orion Sanctioned Holdings's stake in a.csv alike")
	assert.NotContains(t, dup[0].Detail, "b.csv", "b.csv's record is superseded, not alike")
}

func TestNearMissOwner(t *testing.T) {
	// "Orion Holding Company" scores 0.67 against Orion Sanctioned Holdings:
	// below the threshold, above the near-miss floor.
	g := graphOf(t, owners+"Orion Holding Company,Near GmbH,80,DE,\n")
	rep := evaluate(t, g, testList(t), ownership.Options{AsOf: date("2025-10-15")})
	owner := outcome(t, rep, "Orion Holding Company")
	assert.Equal(t, ownership.Possibly, owner.Finding)
	require.Len(t, owner.Ties, 1)
	tie := owner.Ties[0]
	assert.False(t, tie.Certain)
	assert.False(t, tie.Match.Alert)
	assert.InDelta(t, 0.67, tie.Match.Score, 0.01)
	assert.Contains(t, tie.String(), "below the threshold 0.72")
	assert.Less(t, tie.Match.Explanation.Score, tie.Match.Explanation.Threshold)

	ro := rule(t, outcome(t, rep, "Near GmbH"), ofac)
	assert.Equal(t, ownership.Possibly, ro.Finding, "owned 80% by a party that resembles an SDN")
	assert.Equal(t, ownership.Range(0, 80), ro.Held)
	assert.Contains(t, ro.Reason, "Orion Holding Company 80% (possibly)")

	// With near misses switched off, the owner is nobody.
	res, err := ownership.Resolve(context.Background(), g, screener(t, testList(t)), ownership.ResolveOptions{NearMiss: -1})
	require.NoError(t, err)
	rep, err = res.Evaluate(ownership.Options{AsOf: date("2025-10-15")})
	require.NoError(t, err)
	assert.Equal(t, ownership.Clear, outcome(t, rep, "Near GmbH").Finding)
}

func TestAffiliatesLicenses(t *testing.T) {
	g := graphOf(t, owners+
		"Altair Microelectronics Institute,K GmbH,30,DE,\n"+
		"Deneb Aviation Works,K GmbH,25,DE,\n"+
		"Rigel Components Bureau,L GmbH,30,DE,\n"+
		"Deneb Aviation Works,L GmbH,25,DE,\n"+
		"Orion Sanctioned Holdings,M GmbH,20,DE,\n"+
		"Altair Microelectronics Institute,M GmbH,40,DE,\n"+
		"Altair Microelectronics Institute,N Co Ltd,60,CN,\n"+
		"N Co Ltd,O GmbH,60,DE,\n"+
		"Altair Microelectronics Institute,P Holdings Inc,100,US,\n"+
		"P Holdings Inc,Q GmbH,100,DE,\n"+
		"Altair Microelectronics Institute,Nowhere Ltd,60,,\n"+
		"Vega Designated Trading,V GmbH,60,DE,\n")
	rep := evaluate(t, g, testList(t), ownership.Options{AsOf: date("2025-10-15")})
	for _, tc := range []struct {
		id, from, requirement string
		want                  ownership.Finding
	}{
		// Owners on different lists add up; the most restrictive
		// requirement among them applies.
		{"K GmbH", "Altair Microelectronics Institute", "For all items subject to the EAR.", ownership.Owned},
		{"L GmbH", "Rigel Components Bureau", "For all items subject to the EAR, except food and medicine designated as EAR99.", ownership.Owned},
		{"M GmbH", "Orion Sanctioned Holdings", "For all items subject to the EAR (15 CFR 744.8(a))", ownership.Owned},
		// A chain passes the requirement down.
		{"O GmbH", "Altair Microelectronics Institute", "For all items subject to the EAR.", ownership.Owned},
		// Through a US intermediary, itself not covered.
		{"Q GmbH", "Altair Microelectronics Institute", "For all items subject to the EAR.", ownership.Owned},
		// Of unknown country: possibly.
		{"Nowhere Ltd", "Altair Microelectronics Institute", "For all items subject to the EAR.", ownership.Possibly},
	} {
		t.Run(tc.id, func(t *testing.T) {
			o := outcome(t, rep, tc.id)
			ro := rule(t, o, affiliates)
			assert.Equal(t, tc.want, ro.Finding, ro.Reason)
			require.NotNil(t, ro.License)
			assert.Equal(t, tc.from, ro.License.FromName)
			assert.Equal(t, tc.requirement, ro.License.Requirement)
		})
	}
	l := rule(t, outcome(t, rep, "L GmbH"), affiliates)
	assert.Equal(t, "Case-by-case review.", l.License.Policy)
	o := rule(t, outcome(t, rep, "O GmbH"), affiliates)
	assert.Equal(t, "Altair Microelectronics Institute -60%-> N Co Ltd -60%-> O GmbH", o.Paths[0].String())
	p := rule(t, outcome(t, rep, "P Holdings Inc"), affiliates)
	assert.Equal(t, ownership.Clear, p.Finding, "US-incorporated")
	assert.Equal(t, ownership.Owned, p.Computed)
	assert.Nil(t, p.License)
	nowhere := outcome(t, rep, "Nowhere Ltd")
	assert.True(t, hasIssue(nowhere, ownership.IssueCountry))
	assert.Contains(t, rule(t, nowhere, affiliates).Reason, "its country is unknown")
	v := outcome(t, rep, "V GmbH")
	assert.Equal(t, ownership.Owned, rule(t, v, ofac).Finding, "Vega blocks under OFAC")
	assert.Equal(t, ownership.Clear, rule(t, v, affiliates).Finding, "CUBA is not a 744.8(a)(1) program")
}

// An SDN whose entry publishes no program may be under one of the
// Affiliates Rule's programs: its subsidiaries are possibly covered.
func TestAffiliatesUnknownProgram(t *testing.T) {
	g := graphOf(t, owners+"Lyra Embargo Logistics,W GmbH,60,DE,\n")
	rep := evaluate(t, g, testList(t), ownership.Options{AsOf: date("2025-10-15")})
	o := outcome(t, rep, "W GmbH")
	assert.Equal(t, ownership.Owned, rule(t, o, ofac).Finding)
	assert.Equal(t, ownership.Possibly, rule(t, o, affiliates).Finding)
	// Lyra is the SDN for certain: the doubt is its program, not its name.
	ro := rule(t, outcome(t, rep, "Lyra Embargo Logistics"), affiliates)
	assert.Equal(t, ownership.Possibly, ro.Finding)
	assert.NotContains(t, ro.Reason, "resembles", ro.Reason)
	assert.Contains(t, ro.Reason, "SDN Lyra Embargo Logistics, whose entry names no program", ro.Reason)
}

func TestEvaluateErrors(t *testing.T) {
	g := graphOf(t, owners+"Orion Sanctioned Holdings,A GmbH,60,DE,\n")
	res, err := ownership.Resolve(context.Background(), g, screener(t, testList(t)), ownership.ResolveOptions{})
	require.NoError(t, err)
	_, err = res.Evaluate(ownership.Options{Status: map[string]ownership.RuleStatus{"bis-affiliate": ownership.InForce}})
	assert.ErrorIs(t, err, ownership.ErrBadValue, "a misspelled rule id is an error, not ignored")
	_, err = res.Evaluate(ownership.Options{MaxPaths: -1})
	assert.ErrorIs(t, err, ownership.ErrBadValue, "a negative MaxPaths is an error, not an outcome without paths")
	require.NoError(t, g.AddEdge(ownership.Edge{Owner: "A GmbH", Owned: "B GmbH", Share: ownership.Exact(60)}))
	_, err = res.Evaluate(ownership.Options{})
	assert.ErrorIs(t, err, ownership.ErrStale)
	_, err = ownership.Resolve(context.Background(), g, nil, ownership.ResolveOptions{})
	assert.ErrorIs(t, err, ownership.ErrNoScreener)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = ownership.Resolve(ctx, g, screener(t, testList(t)), ownership.ResolveOptions{})
	assert.ErrorIs(t, err, context.Canceled)
}

// Outcomes are deterministic, and a Report is safe for concurrent use.
func TestReportDeterministicAndConcurrent(t *testing.T) {
	g := ownership.NewGraph()
	readFile(t, g, csvReader, fixture("kaspersky.csv"))
	readFile(t, g, pscReader, fixture("psc", "snapshot.jsonl"))
	render := func(rep *ownership.Report) string {
		var b strings.Builder
		for o := range rep.Outcomes(ownership.Clear) {
			j, err := json.Marshal(o)
			require.NoError(t, err)
			b.Write(j)
			b.WriteByte('\n')
		}
		return b.String()
	}
	first := render(evaluate(t, g, testList(t), ownership.Options{AsOf: date("2025-10-15")}))
	rep := evaluate(t, g, testList(t), ownership.Options{AsOf: date("2025-10-15")})
	assert.Equal(t, first, render(rep))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for o := range rep.Outcomes(ownership.Possibly) {
				_ = o.String()
			}
		})
	}
	wg.Wait()
	n := 0
	for o := range rep.Outcomes(ownership.Owned) {
		assert.GreaterOrEqual(t, o.Finding, ownership.Owned)
		n++
	}
	sum := rep.Summary()
	assert.Equal(t, sum.Owned+sum.Listed, n)
}

// Stakes gives a party's whole ownership picture at the date: owners that
// count and those that do not, what it holds, and control.
func TestStakes(t *testing.T) {
	g := ownership.NewGraph()
	readFile(t, g, csvReader, fixture("csv", "valid.csv"))
	rep := evaluate(t, g, testList(t), ownership.Options{AsOf: date("2025-10-15")})
	owners, holdings, ok := rep.Stakes("Sirius Retail GmbH")
	require.True(t, ok)
	require.Len(t, owners, 2)
	assert.Equal(t, "Orion Sanctioned Holdings", owners[0].Owner)
	assert.Equal(t, ownership.Exact(60.5), owners[0].Share)
	assert.Equal(t, "Canopus Partners LLP", owners[1].Owner)
	assert.Equal(t, ownership.Range(25, 50), owners[1].Share)
	require.Len(t, holdings, 1)
	assert.Equal(t, "CAP-1", holdings[0].Owned)
	assert.Equal(t, ownership.Record{Origin: "valid.csv", Line: 5}, holdings[0].Records[0])

	_, holdings, _ = rep.Stakes("Orion Sanctioned Holdings")
	require.Len(t, holdings, 2)
	assert.Equal(t, "Sirius Retail GmbH", holdings[0].Owned)
	assert.Equal(t, ownership.Control, holdings[1].Kind, "control comes last")
	_, _, ok = rep.Stakes("nobody")
	assert.False(t, ok)
}

// TestSharesNeverRoundTowardsTheThreshold checks that a share finer than a
// ten-thousandth of a percent is widened, never rounded to the nearest: its
// Low rounds down, so a stake just below the threshold, or stakes adding up
// to just below it, are never found Owned; its High rounds up, so they stay
// Possibly; and floating-point noise (25.29% is 252899.99999... units) does
// not move a share that is exact to a ten-thousandth.
func TestSharesNeverRoundTowardsTheThreshold(t *testing.T) {
	for _, tc := range []struct {
		name   string
		shares []ownership.Share // held in A by X, Y, Z (listed), in turn
		want   ownership.Finding
		held   ownership.Share
	}{
		{"just below", []ownership.Share{ownership.Exact(49.99996)}, ownership.Possibly, ownership.Range(49.9999, 50)},
		{"a ten-thousandth below", []ownership.Share{ownership.Exact(49.9999)}, ownership.Clear, ownership.Exact(49.9999)},
		{"at the threshold", []ownership.Share{ownership.Exact(50)}, ownership.Owned, ownership.Exact(50)},
		{"just above", []ownership.Share{ownership.Exact(50.00004)}, ownership.Owned, ownership.Range(50, 50.0001)},
		{"three just below", []ownership.Share{ownership.Exact(16.66665), ownership.Exact(16.66665), ownership.Exact(16.66665)},
			ownership.Possibly, ownership.Range(49.9998, 50.0001)},
		{"float noise", []ownership.Share{ownership.Exact(25.29), ownership.Exact(24.71)}, ownership.Owned, ownership.Exact(50)},
		{"a band's bounds", []ownership.Share{ownership.Range(49.99996, 50.00004)}, ownership.Possibly, ownership.Range(49.9999, 50.0001)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := ownership.NewGraph()
			owners := []string{"X", "Y", "Z"}
			for i, s := range tc.shares {
				_, err := g.AddParty(ownership.Party{ID: owners[i], ListRefs: []ownership.ListRef{{Source: entitylist.SpeciallyDesignated, ID: owners[i]}}})
				require.NoError(t, err)
				require.NoError(t, g.AddEdge(ownership.Edge{Owner: owners[i], Owned: "A", Share: s}))
			}
			rep := evaluate(t, g, listOf(t, owners...), ownership.Options{AsOf: date("2025-01-15")})
			ro := rule(t, outcome(t, rep, "A"), ofac)
			assert.Equal(t, tc.want, ro.Finding, ro.Reason)
			assert.InDelta(t, tc.held.Low, ro.Held.Low, 1e-9, "held %v", ro.Held)
			assert.InDelta(t, tc.held.High, ro.Held.High, 1e-9, "held %v", ro.Held)
		})
	}

	// The same through a file: the CSV reader parses the percentage.
	g := graphOf(t, "owner,owned,percent,owner_list_id\nX,A,49.99996,SDN:X\nX,B,49.9999,SDN:X\n")
	rep := evaluate(t, g, listOf(t, "X"), ownership.Options{AsOf: date("2025-01-15")})
	assert.Equal(t, ownership.Possibly, rule(t, outcome(t, rep, "A"), ofac).Finding, "49.99996% is not 50% for sure")
	assert.Equal(t, ownership.Clear, rule(t, outcome(t, rep, "B"), ofac).Finding)
}

// A listed party's own license requirement is that of the entries it is
// on, not of an entry its name only resembles: Rigel is on the Entity List
// (case-by-case) and only resembles an SDN of a 744.8 program (policy of
// denial), so it and its subsidiary keep the Entity List's requirement.
func TestAffiliatesLicenseFromCertainTiesOnly(t *testing.T) {
	l, err := entitylist.ReadJSON(strings.NewReader(`{"results": [
		{"id": "EL-1", "source": "EL", "name": "Rigel Components Bureau",
		 "license_requirement": "For all items subject to the EAR, except food and medicine designated as EAR99.",
		 "license_policy": "Case-by-case review."},
		{"id": "SDN-9", "source": "SDN", "type": "Entity", "programs": ["RUSSIA-EO14024"],
		 "name": "Rigel Components Bureau Trading House"}]}`), "list")
	require.NoError(t, err)
	g := graphOf(t, owners+"Rigel Components Bureau,S GmbH,60,DE,\n")
	rep := evaluate(t, g, l, ownership.Options{AsOf: date("2025-10-15")})
	rigel := outcome(t, rep, "Rigel Components Bureau")
	require.Len(t, rigel.Ties, 2)
	require.False(t, rigel.Ties[1].Certain, "the SDN is only a resemblance")
	for _, id := range []string{"Rigel Components Bureau", "S GmbH"} {
		ro := rule(t, outcome(t, rep, id), affiliates)
		require.NotNil(t, ro.License, id)
		assert.Equal(t, "EL EL-1", ro.License.Entry.String(), id)
		assert.Equal(t, "Case-by-case review.", ro.License.Policy, id)
	}
}

// An ultimate consolidation skips the parents between, so the rule, which
// counts direct stakes, counts it as a stake of unknown size whatever
// percentage it gives: possibly owned, never owned for sure. A direct
// stake of the same parent still counts for what it says.
func TestUltimateConsolidationNeverOwnedForSure(t *testing.T) {
	g := graphOf(t, "owner,owned,percent,owner_list_id,kind\n"+
		"X,A,60,SDN:X,ultimate-consolidation\n"+
		"X,B,60,SDN:X,ultimate-consolidation\n"+
		"X,B,60,SDN:X,ownership\n")
	rep := evaluate(t, g, listOf(t, "X"), ownership.Options{AsOf: date("2025-01-15")})
	a := rule(t, outcome(t, rep, "A"), ofac)
	assert.Equal(t, ownership.Possibly, a.Finding, a.Reason)
	assert.Equal(t, 0.0, a.Held.Low)
	b := rule(t, outcome(t, rep, "B"), ofac)
	assert.Equal(t, ownership.Owned, b.Finding, b.Reason)
	assert.Equal(t, 60.0, b.Held.Low)
}

// A party a file names only by name has its name as ID: AddParty with that
// ID merges into it, so a list id given so ties the owner the file names,
// not a new party of the same ID.
func TestAddPartyByIDOfNamedParty(t *testing.T) {
	g := graphOf(t, owners+"Nobody Holdings,A GmbH,60,DE,\n")
	id, err := g.AddParty(ownership.Party{ID: "Nobody Holdings", ListRefs: []ownership.ListRef{{Source: entitylist.SpeciallyDesignated, ID: "X"}}})
	require.NoError(t, err)
	assert.Equal(t, "Nobody Holdings", id)
	assert.Equal(t, 2, g.NumParties())
	rep := evaluate(t, g, listOf(t, "X"), ownership.Options{AsOf: date("2025-01-15")})
	assert.Equal(t, ownership.Listed, outcome(t, rep, "Nobody Holdings").Finding)
	assert.Equal(t, ownership.Owned, rule(t, outcome(t, rep, "A GmbH"), ofac).Finding)

	// An ID that only spells a name differently is another party.
	id, err = g.AddParty(ownership.Party{ID: "NOBODY HOLDINGS", Name: "Nobody Holdings Trust"})
	require.NoError(t, err)
	assert.Equal(t, "NOBODY HOLDINGS", id)
	assert.Equal(t, 3, g.NumParties())
}

// An owner tied to an entry listed after the date evaluated, or delisted
// by it, was not listed then: its subsidiary is not owned by a listed
// party as of that date, and the outcome says why the tie did not count.
func TestListDatesAsOf(t *testing.T) {
	list, err := entitylist.ReadJSON(strings.NewReader(`{"results": [`+
		`{"id": "X", "source": "SDN", "type": "Entity", "programs": ["SDGT"], "name": "X", "start_date": "2024-06-12"},`+
		`{"id": "Y", "source": "SDN", "type": "Entity", "programs": ["SDGT"], "name": "Y", "end_date": "2023-01-01"}]}`), "dated")
	require.NoError(t, err)
	g := graphOf(t, "owner,owned,percent,owner_list_id\n"+
		"X,A,60,SDN:X\n"+
		"Y,B,60,SDN:Y\n")
	before := evaluate(t, g, list, ownership.Options{AsOf: date("2024-01-15")})
	a := outcome(t, before, "A")
	assert.Equal(t, ownership.Clear, rule(t, a, ofac).Finding, "X was listed on 2024-06-12")
	x := outcome(t, before, "X")
	assert.Equal(t, ownership.Clear, x.Finding)
	assert.True(t, hasIssue(x, ownership.IssueNotListedThen), "%+v", x.Issues)
	assert.Equal(t, ownership.Clear, rule(t, outcome(t, before, "B"), ofac).Finding, "Y was delisted on 2023-01-01")

	after := evaluate(t, g, list, ownership.Options{AsOf: date("2024-07-01")})
	assert.Equal(t, ownership.Owned, rule(t, outcome(t, after, "A"), ofac).Finding)
	assert.Equal(t, ownership.Listed, outcome(t, after, "X").Finding)
	assert.False(t, hasIssue(outcome(t, after, "X"), ownership.IssueNotListedThen))
	assert.Equal(t, ownership.Owned, rule(t, outcome(t, evaluate(t, g, list, ownership.Options{AsOf: date("2022-06-01")}), "B"), ofac).Finding,
		"Y was listed until 2023-01-01")
}

// A stake of "less than 50" percent never reaches the threshold: the
// entity it is in is not owned, not even possibly; "at most 50" may be.
func TestLessThanNeverReaches(t *testing.T) {
	g := graphOf(t, "owner,owned,percent,owner_list_id\n"+
		"X,A,less than 50,SDN:X\n"+
		"X,B,at most 50,SDN:X\n")
	rep := evaluate(t, g, listOf(t, "X"), ownership.Options{AsOf: date("2025-01-15")})
	a := rule(t, outcome(t, rep, "A"), ofac)
	assert.NotEqual(t, ownership.Possibly, a.Finding, a.Reason)
	assert.NotEqual(t, ownership.Owned, a.Finding, a.Reason)
	assert.Equal(t, ownership.Possibly, rule(t, outcome(t, rep, "B"), ofac).Finding)
}

// AddParty reads a party's country as a query's is read: "us" is US, so a
// rule for foreign entities only is not applied to it as to a foreign one;
// a country that names none is an error.
func TestAddPartyCountry(t *testing.T) {
	g := ownership.NewGraph()
	for in, want := range map[string]string{"us": "US", "Germany": "DE", " gb ": "GB"} {
		id, err := g.AddParty(ownership.Party{ID: "P-" + want, Name: "Party " + want, Country: in})
		require.NoError(t, err)
		p, _ := g.Party(id)
		assert.Equal(t, want, p.Country, in)
	}
	_, err := g.AddParty(ownership.Party{ID: "P-X", Name: "Party X", Country: "Narnia"})
	require.ErrorIs(t, err, ownership.ErrBadCountry)
	_, ok := g.Party("P-X")
	assert.False(t, ok, "not added")
}

// A party given a list id after Resolve is tied differently: the Resolution
// is stale, though no party or edge was added.
func TestEvaluateStaleAfterMerge(t *testing.T) {
	g := graphOf(t, owners+"Nobody Holdings,A GmbH,60,DE,\n")
	res, err := ownership.Resolve(context.Background(), g, screener(t, listOf(t, "X")), ownership.ResolveOptions{})
	require.NoError(t, err)
	_, err = res.Evaluate(ownership.Options{AsOf: date("2025-01-15")})
	require.NoError(t, err)
	_, err = g.AddParty(ownership.Party{ID: "Nobody Holdings"})
	require.NoError(t, err)
	_, err = res.Evaluate(ownership.Options{AsOf: date("2025-01-15")})
	require.NoError(t, err, "nothing changed")
	_, err = g.AddParty(ownership.Party{ID: "Nobody Holdings", ListRefs: []ownership.ListRef{{Source: entitylist.SpeciallyDesignated, ID: "X"}}})
	require.NoError(t, err)
	require.Equal(t, 2, g.NumParties())
	_, err = res.Evaluate(ownership.Options{AsOf: date("2025-01-15")})
	assert.ErrorIs(t, err, ownership.ErrStale)
}

// A list id the list does not hold is reported and the party screened by
// name instead, even when its other list ids are found: Altair's data gives
// the SDN Vega (CUBA, not a 744.8 program) and an Entity List id the list
// no longer holds, and its name ties it to the Entity List.
func TestUnresolvedListIDScreensByName(t *testing.T) {
	g := graphOf(t, "owner,owned,percent,owned_country,owner_list_id\n"+
		"Altair Microelectronics Institute,A GmbH,60,DE,SDN:SDN-1002;EL:EL-9999\n")
	rep := evaluate(t, g, testList(t), ownership.Options{AsOf: date("2025-10-15")})
	o := outcome(t, rep, "Altair Microelectronics Institute")
	assert.True(t, hasIssue(o, ownership.IssueUnresolved))
	var keys []string
	for _, tie := range o.Ties {
		keys = append(keys, tie.Key.String()+" by "+tie.By.String())
	}
	assert.ElementsMatch(t, []string{"SDN SDN-1002 by list id", "EL EL-2001 by name"}, keys)
	assert.Equal(t, ownership.Owned, rule(t, outcome(t, rep, "A GmbH"), affiliates).Finding)
	assert.Equal(t, ownership.Owned, rule(t, outcome(t, rep, "A GmbH"), ofac).Finding)
}

// A party AddEdge created by an ID that a file then names by name is one
// party, as Outcome finds it: the chain through it holds.
func TestNamedPartyMeetsPartyAddedByID(t *testing.T) {
	g := ownership.NewGraph()
	_, err := g.AddParty(ownership.Party{ID: "X", ListRefs: []ownership.ListRef{{Source: entitylist.SpeciallyDesignated, ID: "X"}}})
	require.NoError(t, err)
	require.NoError(t, g.AddEdge(ownership.Edge{Owner: "X", Owned: "Foo Ltd", Share: ownership.Exact(60)}))
	require.NoError(t, g.ReadCSV(strings.NewReader("owner,owned,percent\nFoo Ltd,Bar GmbH,60\nFOO  LTD,Bar GmbH,60\n"), "inline.csv"))
	assert.Equal(t, 3, g.NumParties())
	p, ok := g.Party("Foo Ltd")
	require.True(t, ok)
	assert.Equal(t, "Foo Ltd", p.Name)
	rep := evaluate(t, g, listOf(t, "X"), ownership.Options{AsOf: date("2025-01-15")})
	assert.Equal(t, ownership.Owned, rule(t, outcome(t, rep, "Foo Ltd"), ofac).Finding)
	assert.Equal(t, ownership.Owned, rule(t, outcome(t, rep, "Bar GmbH"), ofac).Finding)
}

// A requirement with an exception is narrower than one for all items, though
// the exception does not follow "all items subject to the EAR" at once (as
// in the Entity List's foreign direct product entries): the requirement for
// all items applies, whatever the policies.
func TestAffiliatesLicenseRankExceptions(t *testing.T) {
	for _, tc := range []struct{ name, requirement string }{
		{"except after a citation", "For all items subject to the EAR, see §§ 736.2(b)(3)(vi), and 744.11 of the EAR, EXCEPT for technology subject to the EAR that is designated as EAR99"},
		{"apart from", "For all items subject to the EAR (See §744.11 of the EAR), apart from items that are related to transactions that are authorized by the Department of State"},
		{"projects", "For all items subject to the EAR when used in projects specified in §746.5 of the EAR."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			js, err := json.Marshal(map[string]any{"results": []map[string]string{
				{"id": "EL-1", "source": "EL", "name": "Narrow Works", "license_requirement": tc.requirement, "license_policy": "Presumption of denial."},
				{"id": "EL-2", "source": "EL", "name": "Broad Bureau", "license_requirement": "For all items subject to the EAR. (See §744.11 of the EAR)", "license_policy": "Case-by-case review."},
			}})
			require.NoError(t, err)
			l, err := entitylist.ReadJSON(strings.NewReader(string(js)), "list")
			require.NoError(t, err)
			g := graphOf(t, owners+"Narrow Works,C GmbH,30,DE,\nBroad Bureau,C GmbH,30,DE,\n")
			ro := rule(t, outcome(t, evaluate(t, g, l, ownership.Options{AsOf: date("2025-10-15")}), "C GmbH"), affiliates)
			require.Equal(t, ownership.Owned, ro.Finding, ro.Reason)
			require.NotNil(t, ro.License)
			assert.Equal(t, "Broad Bureau", ro.License.FromName)
		})
	}
}

// A branch is part of its head office: it counts as 100%, whatever share
// its record gives, so a listed head office's branch is owned.
func TestBranchCountsInFull(t *testing.T) {
	g := graphOf(t, "owner,owned,percent,owner_list_id,kind\n"+
		"X,Branch A,,SDN:X,branch\n"+
		"X,Branch B,30,SDN:X,branch\n")
	rep := evaluate(t, g, listOf(t, "X"), ownership.Options{AsOf: date("2025-01-15")})
	for _, id := range []string{"Branch A", "Branch B"} {
		ro := rule(t, outcome(t, rep, id), ofac)
		assert.Equal(t, ownership.Owned, ro.Finding, ro.Reason)
		assert.Equal(t, ownership.Exact(100), ro.Held, id)
	}
}

// A party with no name and no list id cannot be tied to the list: Resolve
// reports it for the party itself, as for the parties it owns.
func TestUnidentifiedPartyReported(t *testing.T) {
	g := ownership.NewGraph()
	require.NoError(t, g.AddEdge(ownership.Edge{Owner: "P-1", Owned: "A", Share: ownership.Exact(60)}))
	rep := evaluate(t, g, listOf(t, "X"), ownership.Options{AsOf: date("2025-01-15")})
	assert.True(t, hasIssue(outcome(t, rep, "P-1"), ownership.IssueUnresolved))
	assert.True(t, hasIssue(outcome(t, rep, "A"), ownership.IssueUnidentified))
}

// Records that give one party different countries are not resolved
// silently: the first stays its country, both are noted and reported, and
// under the Affiliates Rule (foreign entities only) a party given both a
// domestic and a foreign country is possibly covered, as one of unknown
// country, while one given two foreign countries stays covered.
func TestConflictingCountries(t *testing.T) {
	g := graphOf(t, owners+
		"Altair Microelectronics Institute,Split Inc,60,US,\n"+
		"Deneb Aviation Works,Split Inc,10,CN,\n"+
		"Altair Microelectronics Institute,Twice GmbH,60,DE,\n"+
		"Deneb Aviation Works,Twice GmbH,10,AT,\n")
	notes, _ := g.Notes()
	var msgs []string
	for _, n := range notes {
		msgs = append(msgs, n.Message)
	}
	assert.Contains(t, strings.Join(msgs, "\n"), "party Split Inc: country CN conflicts with US")
	rep := evaluate(t, g, testList(t), ownership.Options{AsOf: date("2025-10-15")})
	for _, tc := range []struct {
		id, country string
		want        ownership.Finding
	}{
		{"Split Inc", "US", ownership.Possibly},
		{"Twice GmbH", "DE", ownership.Owned},
	} {
		t.Run(tc.id, func(t *testing.T) {
			o := outcome(t, rep, tc.id)
			assert.Equal(t, tc.country, o.Party.Country, "the first country stays")
			require.True(t, hasIssue(o, ownership.IssueCountry), o.String())
			ro := rule(t, o, affiliates)
			assert.Equal(t, tc.want, ro.Finding, ro.Reason)
		})
	}
	assert.Contains(t, outcome(t, rep, "Split Inc").String(), "different countries: US (kept as its country) and CN")
}

// A party that could not be fully resolved against the list (a list id the
// list does not hold, no name to screen) may count as an owner: every party
// it owns, directly or through others, carries that its evaluation is
// incomplete, not only the party itself.
func TestUnresolvedOwnerTaintsOwned(t *testing.T) {
	g := graphOf(t, "owner,owned,percent,owned_country,owner_list_id\n"+
		"Quiet Holdings,A GmbH,60,DE,SDN:SDN-404\n"+
		"A GmbH,B GmbH,60,DE,\n"+
		"Other GmbH,C GmbH,60,DE,\n")
	for _, name := range []string{"D GmbH", "E GmbH"} {
		_, err := g.AddParty(ownership.Party{Name: name, Country: "DE"})
		require.NoError(t, err)
	}
	require.NoError(t, g.AddEdge(ownership.Edge{Owner: "P-1", Owned: "D GmbH", Share: ownership.Exact(60)}))
	require.NoError(t, g.AddEdge(ownership.Edge{Owner: "D GmbH", Owned: "E GmbH", Share: ownership.Exact(60)}))
	rep := evaluate(t, g, testList(t), ownership.Options{AsOf: date("2025-10-15")})
	for _, tc := range []struct {
		id, want string
	}{
		{"A GmbH", "its owner Quiet Holdings could not be fully resolved against the list (list id SDN:SDN-404 is not in the list"},
		{"B GmbH", "Quiet Holdings, which owns it through A GmbH, could not be fully resolved"},
		{"E GmbH", "P-1, which owns it through D GmbH, could not be fully resolved against the list (no name and no list id"},
		{"C GmbH", ""},
	} {
		t.Run(tc.id, func(t *testing.T) {
			o := outcome(t, rep, tc.id)
			if tc.want == "" {
				assert.False(t, hasIssue(o, ownership.IssueUnresolved), o.String())
				return
			}
			require.True(t, hasIssue(o, ownership.IssueUnresolved), o.String())
			assert.Contains(t, o.String(), tc.want)
		})
	}
	// The direct owner with no name has its own issue, once.
	d := outcome(t, rep, "D GmbH")
	assert.True(t, hasIssue(d, ownership.IssueUnidentified))
	assert.False(t, hasIssue(d, ownership.IssueUnresolved), d.String())
}

// A listed intermediary owned 50% or more by a party with a more
// restrictive requirement is covered for its ownership too: Rigel (Entity
// List, case-by-case) is owned 60% by Orion (SDN of a 744.8 program, policy
// of denial), so Orion's requirement applies to Rigel and passes down to the
// parties Rigel owns, with a note saying why; Rigel's own requirement still
// passes down where Orion does not own it.
func TestAffiliatesLicenseThroughListedIntermediary(t *testing.T) {
	g := graphOf(t, owners+
		"Orion Sanctioned Holdings,Rigel Components Bureau,60,CN,\n"+
		"Rigel Components Bureau,S GmbH,60,DE,\n"+
		"S GmbH,T GmbH,60,DE,\n"+
		"Deneb Aviation Works,Deneb Parts LLC,60,RU,\n")
	rep := evaluate(t, g, testList(t), ownership.Options{AsOf: date("2025-10-15")})
	for _, tc := range []struct {
		id, note string
		want     ownership.Finding
	}{
		{"Rigel Components Bureau", "prevails over the less restrictive Rigel Components Bureau's own (EL EL-2002", ownership.Listed},
		{"S GmbH", "through Rigel Components Bureau; it prevails over the less restrictive Rigel Components Bureau's own", ownership.Owned},
		{"T GmbH", "through Rigel Components Bureau, S GmbH; it prevails", ownership.Owned},
	} {
		t.Run(tc.id, func(t *testing.T) {
			ro := rule(t, outcome(t, rep, tc.id), affiliates)
			assert.Equal(t, tc.want, ro.Finding, ro.Reason)
			require.NotNil(t, ro.License)
			assert.Equal(t, "Orion Sanctioned Holdings", ro.License.FromName)
			assert.Equal(t, "Policy of denial (15 CFR 744.8(b))", ro.License.Policy)
			assert.Contains(t, ro.License.Note, tc.note)
			assert.Nil(t, ro.PossibleLicense)
		})
	}
	// A listed party's own requirement has no note.
	ro := rule(t, outcome(t, rep, "Deneb Aviation Works"), affiliates)
	require.NotNil(t, ro.License)
	assert.Empty(t, ro.License.Note)
}

// A requirement that applies for sure is never replaced by a more
// restrictive one that only may apply: U GmbH is owned 60% by Rigel (Entity
// List, case-by-case) for sure, and Orion (policy of denial) holds a stake
// of unknown size in it, which may be none; Orion's requirement is a
// possibility, for U and the party U owns. W GmbH's stake of Orion is a band
// of at least 10%: Orion is one of its owners for sure, and its requirement
// applies. A party only possibly owned has no certain requirement at all.
func TestAffiliatesLicenseCertainBeforePossible(t *testing.T) {
	g := graphOf(t, owners+
		"Rigel Components Bureau,U GmbH,60,DE,\n"+
		"Orion Sanctioned Holdings,U GmbH,,DE,\n"+
		"Rigel Components Bureau,W GmbH,60,DE,\n"+
		"Orion Sanctioned Holdings,W GmbH,10-20,DE,\n"+
		"Orion Sanctioned Holdings,X GmbH,25-50,DE,\n"+
		"U GmbH,Y GmbH,60,DE,\n")
	rep := evaluate(t, g, testList(t), ownership.Options{AsOf: date("2025-10-15")})
	for _, tc := range []struct {
		id, license, possible string
		want                  ownership.Finding
	}{
		{"U GmbH", "Rigel Components Bureau", "Orion Sanctioned Holdings", ownership.Owned},
		{"Y GmbH", "Rigel Components Bureau", "Orion Sanctioned Holdings", ownership.Owned},
		{"W GmbH", "Orion Sanctioned Holdings", "", ownership.Owned},
		{"X GmbH", "", "Orion Sanctioned Holdings", ownership.Possibly},
	} {
		t.Run(tc.id, func(t *testing.T) {
			ro := rule(t, outcome(t, rep, tc.id), affiliates)
			assert.Equal(t, tc.want, ro.Finding, ro.Reason)
			if tc.license == "" {
				assert.Nil(t, ro.License, "nothing applies for sure")
			} else if assert.NotNil(t, ro.License) {
				assert.Equal(t, tc.license, ro.License.FromName)
			}
			if tc.possible == "" {
				assert.Nil(t, ro.PossibleLicense)
			} else if assert.NotNil(t, ro.PossibleLicense) {
				assert.Equal(t, tc.possible, ro.PossibleLicense.FromName)
				assert.Equal(t, "Policy of denial (15 CFR 744.8(b))", ro.PossibleLicense.Policy)
			}
		})
	}
	ro := rule(t, outcome(t, rep, "U GmbH"), affiliates)
	assert.Equal(t, "Case-by-case review.", ro.License.Policy)
	assert.Contains(t, ro.PossibleLicense.Note, "if the owners, shares or listings that are only possible hold")
}

// A policy of several parts for different items ranks as its strictest
// part, whatever the order of the policy table, and below a policy of that
// rank for every item.
func TestAffiliatesLicenseMixedPolicy(t *testing.T) {
	rules := ownership.Rules()
	for i := range rules {
		if lr := rules[i].LicenseRanks; lr != nil {
			slices.Reverse(lr.Policy) // least restrictive first
		}
	}
	for _, tc := range []struct {
		name, other, want string
	}{
		{"pure beats mixed of the same rank", "Presumption of denial.", "Pure Works"},
		{"mixed ranks as its strictest part", "Case-by-case review.", "Mixed Works"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			js, err := json.Marshal(map[string]any{"results": []map[string]string{
				{"id": "EL-1", "source": "EL", "name": "Mixed Works", "license_requirement": "For all items subject to the EAR.",
					"license_policy": "Case-by-case review for items X; presumption of denial for all other items."},
				{"id": "EL-2", "source": "EL", "name": "Pure Works", "license_requirement": "For all items subject to the EAR.", "license_policy": tc.other},
			}})
			require.NoError(t, err)
			l, err := entitylist.ReadJSON(strings.NewReader(string(js)), "list")
			require.NoError(t, err)
			g := graphOf(t, owners+"Mixed Works,C GmbH,30,DE,\nPure Works,C GmbH,30,DE,\n")
			for _, rs := range [][]ownership.Rule{nil, rules} {
				ro := rule(t, outcome(t, evaluate(t, g, l, ownership.Options{AsOf: date("2025-10-15"), Rules: rs}), "C GmbH"), affiliates)
				require.NotNil(t, ro.License, ro.Reason)
				assert.Equal(t, tc.want, ro.License.FromName)
			}
		})
	}
}

// Rules built in code are checked and normalized as ReadRules does: a
// domestic country in lower case is domestic, and a rule ReadRules would
// refuse is an error, not a silently wider rule.
func TestEvaluateChecksRulesInCode(t *testing.T) {
	g := graphOf(t, owners+"X,US Sub Inc,60,US,\n")
	l := listOf(t, "X")
	rule1 := ownership.Rule{ID: "r", Name: "R", Threshold: 50, ForeignOnly: true, Domestic: []string{" us"},
		Owners: []ownership.OwnerList{{Source: entitylist.SpeciallyDesignated}}}
	ro := rule(t, outcome(t, evaluate(t, g, l, ownership.Options{AsOf: date("2025-01-15"), Rules: []ownership.Rule{rule1}}), "US Sub Inc"), "r")
	assert.Equal(t, ownership.Clear, ro.Finding, ro.Reason)
	assert.Equal(t, ownership.Owned, ro.Computed)

	res, err := ownership.Resolve(context.Background(), g, screener(t, l), ownership.ResolveOptions{})
	require.NoError(t, err)
	noDomestic := rule1
	noDomestic.Domestic = nil
	noName := rule1
	noName.Name = ""
	for name, rules := range map[string][]ownership.Rule{
		"foreign_only without domestic countries": {noDomestic},
		"no name":       {noName},
		"id used twice": {rule1, rule1},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := res.Evaluate(ownership.Options{Rules: rules})
			assert.ErrorIs(t, err, ownership.ErrBadValue)
			assert.ErrorContains(t, err, name)
		})
	}
}

// A record of a stake as of a date is superseded by one as of a later
// date, on or before the date evaluated: X held 60% of A as of 2024-01-01
// and 40% as of 2025-06-01, so A is owned in 2024 and not in 2025. Records
// without a date are merged as before.
func TestStakeAsOfSupersedes(t *testing.T) {
	g := graphOf(t, "owner,owned,percent,owner_list_id,as_of\n"+
		"X,A,60,SDN:X,2024-01-01\n"+
		"X,A,40,SDN:X,2025-06-01\n"+
		"X,B,60,SDN:X,\n"+
		"X,B,40,SDN:X,\n")
	for _, tc := range []struct {
		asOf, id string
		want     ownership.Finding
		held     ownership.Share
	}{
		{"2024-06-01", "A", ownership.Owned, ownership.Exact(60)},
		{"2025-10-15", "A", ownership.Clear, ownership.Exact(40)},
		{"2025-10-15", "B", ownership.Owned, ownership.Range(60, 100)},
	} {
		t.Run(tc.asOf+" "+tc.id, func(t *testing.T) {
			o := outcome(t, evaluate(t, g, listOf(t, "X"), ownership.Options{AsOf: date(tc.asOf)}), tc.id)
			ro := rule(t, o, ofac)
			assert.Equal(t, tc.want, ro.Finding, ro.Reason)
			assert.Equal(t, tc.held, ro.Held)
			assert.True(t, hasIssue(o, ownership.IssueConflict), o.String())
		})
	}
	rep := evaluate(t, g, listOf(t, "X"), ownership.Options{AsOf: date("2025-10-15")})
	assert.Equal(t, 2, rep.Summary().Conflicts, "A's superseded record and B's differing ones")
	o := outcome(t, rep, "A")
	assert.Contains(t, o.String(), "records of X's stake as of different dates (60% as of 2024-01-01, 40% as of 2025-06-01): the latest on or before 2025-10-15 counts, as 40%")
}

// Resolve screens at most MaxNames names of a party: the others are
// reported on the party, never dropped silently; a negative MaxNames is an
// error.
func TestResolveMaxNames(t *testing.T) {
	g := ownership.NewGraph()
	_, err := g.AddParty(ownership.Party{ID: "P", Name: "Alpha Holdings", AltNames: []string{"Alpha Trading", "Orion Sanctioned Holdings"}})
	require.NoError(t, err)
	require.NoError(t, g.AddEdge(ownership.Edge{Owner: "P", Owned: "Sub GmbH", Share: ownership.Exact(60)}))
	res, err := ownership.Resolve(context.Background(), g, screener(t, testList(t)), ownership.ResolveOptions{MaxNames: 2})
	require.NoError(t, err)
	rep, err := res.Evaluate(ownership.Options{AsOf: date("2025-10-15")})
	require.NoError(t, err)
	o := outcome(t, rep, "P")
	require.True(t, hasIssue(o, ownership.IssueUnresolved), o.String())
	assert.Contains(t, o.String(), `1 of its 3 names were not screened (ResolveOptions.MaxNames is 2): "Orion Sanctioned Holdings"`)
	_, err = ownership.Resolve(context.Background(), g, screener(t, testList(t)), ownership.ResolveOptions{MaxNames: -1})
	assert.ErrorIs(t, err, ownership.ErrBadValue)
}

// Options.AsOf is the date it writes, in its own location: midnight of
// 2025-11-10 in Berlin, when the suspension of the Affiliates Rule began, is
// 2025-11-10, though still 2025-11-09 in UTC.
func TestAsOfDateInItsLocation(t *testing.T) {
	g := graphOf(t, owners+"Altair Microelectronics Institute,K GmbH,60,DE,\n")
	berlin := time.FixedZone("CET", 3600)
	for _, tc := range []struct {
		asOf time.Time
		want ownership.RuleStatus
	}{
		{time.Date(2025, 11, 10, 0, 0, 0, 0, berlin), ownership.Suspended},
		{time.Date(2025, 11, 9, 23, 30, 0, 0, time.FixedZone("EST", -5*3600)), ownership.InForce},
	} {
		t.Run(tc.asOf.String(), func(t *testing.T) {
			rep := evaluate(t, g, testList(t), ownership.Options{AsOf: tc.asOf})
			assert.Equal(t, tc.asOf.Format(time.DateOnly), rep.AsOf().Format(time.DateOnly))
			assert.Equal(t, tc.want, rule(t, outcome(t, rep, "K GmbH"), affiliates).Status)
		})
	}
}

// The paths of a party owned for sure are the evidence of a certain
// finding: every step holds a known minimum. A worked case after OFAC FAQ
// 401: X (listed) holds 50% of A, A 50% of B, so B is blocked through A;
// X also holds all of M, which holds a stake of unknown size in B, and Y
// (listed) consolidates B, share unknown. Those two routes may add to B's
// ownership but prove nothing: they are among B's owners (with their
// shares), never among the paths of its certain finding. C, owned only
// through unknown stakes, is possibly owned, with its possible paths.
func TestOwnedPathsThroughKnownStakesOnly(t *testing.T) {
	g := graphOf(t, "owner,owned,percent,owner_list_id,kind\n"+
		"X,A,50,SDN:X,ownership\n"+
		"A,B,50,,ownership\n"+
		"X,M,100,SDN:X,ownership\n"+
		"M,B,unknown,,ownership\n"+
		"Y,B,,SDN:Y,consolidation\n"+
		"M,C,unknown,,ownership\n")
	rep := evaluate(t, g, listOf(t, "X", "Y"), ownership.Options{AsOf: date("2025-01-15")})

	b := rule(t, outcome(t, rep, "B"), ofac)
	require.Equal(t, ownership.Owned, b.Finding, b.Reason)
	var paths []string
	for _, p := range b.Paths {
		paths = append(paths, ownership.Path{Steps: p.Steps}.String())
		for _, s := range p.Steps {
			assert.Positive(t, s.Share.Low, "a step of a certain path holds a known minimum: %s", p)
		}
	}
	assert.Equal(t, []string{"X -50%-> A -50%-> B"}, paths)
	assert.Len(t, b.Owners, 3, "the owners that count, known or not, are all given")

	c := rule(t, outcome(t, rep, "C"), ofac)
	require.Equal(t, ownership.Possibly, c.Finding, c.Reason)
	require.Len(t, c.Paths, 1)
	assert.Equal(t, "X -100%-> M -unknown (0-100%)-> C", ownership.Path{Steps: c.Paths[0].Steps}.String())
}

// A row's as_of is the date it states the stake as of: evaluated before
// it, with no row of the stake as of a date on or before the date
// evaluated, the stake is not established: possibly held, up to what the
// row states, and reported; never owned for sure on a later statement.
func TestStakeStatedOnlyLater(t *testing.T) {
	g := graphOf(t, "owner,owned,percent,owner_list_id,as_of\n"+
		"X,A,60,SDN:X,2025-06-01\n"+
		"X,B,60,SDN:X,2025-06-01\n"+
		"X,B,55,SDN:X,2023-01-01\n")
	for _, tc := range []struct {
		asOf, id string
		want     ownership.Finding
		held     ownership.Share
	}{
		{"2024-06-01", "A", ownership.Possibly, ownership.Range(0, 60)},
		{"2025-06-01", "A", ownership.Owned, ownership.Exact(60)},
		{"2024-06-01", "B", ownership.Owned, ownership.Exact(55)}, // the 2023 row counts, the later one is superseded
	} {
		t.Run(tc.asOf+" "+tc.id, func(t *testing.T) {
			o := outcome(t, evaluate(t, g, listOf(t, "X"), ownership.Options{AsOf: date(tc.asOf)}), tc.id)
			ro := rule(t, o, ofac)
			assert.Equal(t, tc.want, ro.Finding, ro.Reason)
			assert.Equal(t, tc.held, ro.Held)
			assert.Equal(t, tc.want == ownership.Possibly, hasIssue(o, ownership.IssueStatedLater), o.String())
		})
	}
}
