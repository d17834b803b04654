package ownership_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/ownership"
)

// TestReadFtMFixture reads the FollowTheMoney fixture: edges with and
// without percentages and dates, parties named before their entity, an
// OFAC Sanction's list id, the entities skipped, and the outcomes.
func TestReadFtMFixture(t *testing.T) {
	g := ownership.NewGraph()
	readFile(t, g, ftmReader, fixture("ftm", "entities.jsonl"))
	require.Equal(t, 4, g.NumEdges())
	var own2, own3, own4 ownership.Edge
	for e := range g.Edges() {
		switch e.Record.ID {
		case "ftm-own-2":
			own2 = e
		case "ftm-own-3":
			own3 = e
		case "ftm-own-4":
			own4 = e
		}
	}
	assert.True(t, own2.Share.Unknown(), "no percentage: unknown")
	assert.Equal(t, "subsidiary of; no percentage", own2.Note)
	assert.Equal(t, date("2015-03-01"), own3.Start, "a partial start date is its first day")
	assert.Equal(t, date("2019-12-31"), own3.End)
	assert.Equal(t, ownership.Range(45, 85), own4.Share, "several percentages: at least the largest, at most their sum")
	assert.Contains(t, own4.Note, "several percentages: 40, 45")

	sirius, ok := g.Party("ftm-co-sirius")
	require.True(t, ok, "a party named by an edge before its entity")
	assert.Equal(t, "Sirius Retail GmbH", sirius.Name)
	assert.Equal(t, []string{"Sirius Handel GmbH"}, sirius.AltNames)
	assert.Equal(t, "DE", sirius.Country)
	vega, _ := g.Party("ftm-co-vega")
	assert.Equal(t, []ownership.ListRef{{Source: entitylist.SpeciallyDesignated, ID: "1002"}}, vega.ListRefs, "the OFAC entity number of its Sanction")

	notes, _ := g.Notes()
	var msgs []string
	for _, n := range notes {
		msgs = append(msgs, n.Message)
	}
	assert.Contains(t, msgs, "1 Address entities carry no ownership: not used")
	assert.Contains(t, msgs, "1 Sanction (other than OFAC SDN with an entity number) entities carry no ownership: not used")

	list := testList(t)
	rep := evaluate(t, g, list, ownership.Options{AsOf: date("2025-10-15")})
	vo := outcome(t, rep, "ftm-co-vega")
	require.NotEmpty(t, vo.Ties)
	assert.Equal(t, ownership.ByListID, vo.Ties[0].By, "tied by the list id, though its name differs")
	assert.Equal(t, "SDN-1002", vo.Ties[0].Entry.ID)

	so := outcome(t, rep, "ftm-co-sirius")
	ro := rule(t, so, ofac)
	assert.Equal(t, ownership.Owned, ro.Finding, ro.Reason)
	assert.Equal(t, ownership.Range(51, 100), ro.Held, "Orion 51% for sure; Vega's stake of unknown size possibly")
	af := rule(t, so, affiliates)
	assert.Equal(t, ownership.Owned, af.Finding, "Orion is under RUSSIA-EO14024, one of the 744.8(a)(1) programs")
	assert.Equal(t, ownership.Exact(51), af.Held, "Vega, under CUBA, does not count under the Affiliates Rule")
	require.NotNil(t, af.License)
	assert.Equal(t, "For all items subject to the EAR (15 CFR 744.8(a))", af.License.Requirement, "an SDN's license requirement comes from the rule")

	// Before the 51% stake began, Orion held 30%, and Vega an unknown
	// share: possibly blocked.
	rep = evaluate(t, g, list, ownership.Options{AsOf: date("2018-06-01")})
	ro = rule(t, outcome(t, rep, "ftm-co-sirius"), ofac)
	assert.Equal(t, ownership.Possibly, ro.Finding, ro.Reason)
	assert.Equal(t, ownership.Range(30, 100), ro.Held)

	// Vega's 40% and 45%, two statements of its stake, as two records
	// would be: at least 45%, and at most 85% if they count different
	// shares: possibly blocked, to determine.
	co := outcome(t, rep, "ftm-co-canopus")
	assert.Equal(t, ownership.Possibly, rule(t, co, ofac).Finding)
	assert.Equal(t, ownership.Range(45, 85), rule(t, co, ofac).Held)
	assert.True(t, hasIssue(co, ownership.IssueUnknownShare), "%v", co.Issues)
}

// TestReadFtMSeveralValues: a Sanction of several entities or entity
// numbers ties each entity to each number, and an Ownership of several
// start or end dates holds from the earliest start to the latest end, with
// a note; before, only the first of each was read.
func TestReadFtMSeveralValues(t *testing.T) {
	g := ownership.NewGraph()
	in := `{"id": "s1", "schema": "Sanction", "datasets": ["us_ofac_sdn"], "properties": {"entity": ["co-a", "co-b"], "authorityId": ["1001", "1002", "1001"]}}
{"id": "o1", "schema": "Ownership", "properties": {"owner": ["co-a"], "asset": ["co-c"], "percentage": ["60"], "startDate": ["2019-05-01", "2017-02-01", ""], "endDate": ["2020-01-31", "2022-06-30"]}}
`
	require.NoError(t, g.ReadFtM(strings.NewReader(in), "several.jsonl"))
	both := []ownership.ListRef{{Source: entitylist.SpeciallyDesignated, ID: "1001"}, {Source: entitylist.SpeciallyDesignated, ID: "1002"}}
	for _, id := range []string{"co-a", "co-b"} {
		p, ok := g.Party(id)
		require.True(t, ok, id)
		assert.Equal(t, both, p.ListRefs, id)
	}
	require.Equal(t, 1, g.NumEdges())
	for e := range g.Edges() {
		assert.Equal(t, date("2017-02-01"), e.Start)
		assert.Equal(t, date("2022-06-30"), e.End)
		assert.Contains(t, e.Note, "several dates: from 2019-05-01, 2017-02-01 to 2020-01-31, 2022-06-30")
	}
}

// TestFtMSharesOneRule: several percentages of one stake follow one rule,
// whether one Ownership entity gives them or several do, as for the
// records of any source (see the package documentation): alike they are
// one statement, counted once; differing, the stake is at least the
// largest and at most the sum of the differing ones, capped at 100%.
func TestFtMSharesOneRule(t *testing.T) {
	own := func(id string, pcts ...string) string {
		return `{"id":"` + id + `","schema":"Ownership","properties":{"owner":["co-a"],"asset":["co-c"],"percentage":["` + strings.Join(pcts, `","`) + `"]}}` + "\n"
	}
	for _, tc := range []struct {
		name, in string
		want     ownership.Share
	}{
		{"one entity, two values", own("o1", "30", "60"), ownership.Range(60, 90)},
		{"two entities", own("o1", "30") + own("o2", "60"), ownership.Range(60, 90)},
		{"one entity, a value repeated", own("o1", "30", "30", "60"), ownership.Range(60, 90)},
		{"three entities, one repeated", own("o1", "30") + own("o2", "30") + own("o3", "60"), ownership.Range(60, 90)},
		{"one entity, alike", own("o1", "30", "30"), ownership.Exact(30)},
		{"two entities, alike", own("o1", "30") + own("o2", "30"), ownership.Exact(30)},
		{"capped", own("o1", "60", "70"), ownership.Range(70, 100)},
		{"capped across", own("o1", "60") + own("o2", "70"), ownership.Range(70, 100)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := ownership.NewGraph()
			require.NoError(t, g.ReadFtM(strings.NewReader(tc.in), "ftm.jsonl"))
			rep := evaluate(t, g, testList(t), ownership.Options{AsOf: date("2025-10-15")})
			owners, _, ok := rep.Stakes("co-c")
			require.True(t, ok)
			require.Len(t, owners, 1)
			assert.Equal(t, tc.want, owners[0].Share)
		})
	}
}

// TestReadFtMUnreadCountry: a jurisdiction or country that names no
// country is left out with a note naming it; one that does is the party's
// country.
func TestReadFtMUnreadCountry(t *testing.T) {
	g := ownership.NewGraph()
	in := `{"id": "co-a", "schema": "Company", "properties": {"name": ["Alpha Holdings"], "jurisdiction": ["suhh"], "country": ["de"]}}
{"id": "co-b", "schema": "Company", "properties": {"name": ["Beta Trading"], "jurisdiction": ["Narnia"]}}
`
	require.NoError(t, g.ReadFtM(strings.NewReader(in), "countries.jsonl"))
	a, _ := g.Party("co-a")
	assert.Equal(t, "DE", a.Country, "the country, as the jurisdiction names none")
	b, _ := g.Party("co-b")
	assert.Empty(t, b.Country)
	notes, _ := g.Notes()
	var msgs []string
	for _, n := range notes {
		msgs = append(msgs, fmt.Sprintf("%s: %s", n.Record.ID, n.Message))
	}
	assert.Contains(t, msgs, `co-a: jurisdiction or country "suhh" names no country: left out`)
	assert.Contains(t, msgs, `co-b: jurisdiction or country "Narnia" names no country: left out`)
}

// TestReadFtMMalformed checks that every bad record of the fixture is
// reported with its line, field and sentinel, and the good one is read.
func TestReadFtMMalformed(t *testing.T) {
	g := ownership.NewGraph()
	f, err := os.Open(fixture("ftm", "bad.jsonl"))
	require.NoError(t, err)
	defer f.Close()
	err = g.ReadFtM(f, "bad.jsonl")
	var le *ownership.LoadError
	require.ErrorAs(t, err, &le)
	wants := []struct {
		line  int
		field string
		err   error
	}{
		{2, "", ownership.ErrSyntax},
		{3, "schema", ownership.ErrBadKind},
		{4, "properties.asset", ownership.ErrEmptyParty},
		{5, "properties.percentage", ownership.ErrBadShare},
		{6, "properties.startDate", ownership.ErrBadDate},
	}
	require.Len(t, le.Errs, len(wants), "%v", err)
	for i, w := range wants {
		assert.Equal(t, w.line, le.Errs[i].Line, "%v", le.Errs[i])
		assert.Equal(t, w.field, le.Errs[i].Field, "%v", le.Errs[i])
		assert.ErrorIs(t, le.Errs[i], w.err, "%v", le.Errs[i])
	}
	assert.Equal(t, 1, g.NumEdges())
}

// TestReadFtMValuesNotStrings checks that a property value that is not a
// string (nor a nested entity with an id) is reported with its line, field
// and value, and marks the graph incomplete: a percentage or a date left out
// silently would make a 60% stake one of unknown size, or an ended stake a
// current one. The record's edge is not added; a nested entity's id is read.
func TestReadFtMValuesNotStrings(t *testing.T) {
	const parties = `{"id":"x","schema":"Company","properties":{"name":["X Holding"]}}
{"id":"a","schema":"Company","properties":{"name":["A Trading"]}}
`
	own := func(props string) string {
		return `{"id":"own-1","schema":"Ownership","properties":{"owner":["x"],"asset":["a"],` + props + `}}` + "\n"
	}
	for _, tc := range []struct {
		name   string
		record string // line 3
		field  string
		value  string
	}{
		{"percentage a number", own(`"percentage":[60]`), "properties.percentage", "60"},
		{"percentage null", own(`"percentage":[null]`), "properties.percentage", "null"},
		{"one of several percentages a number", own(`"percentage":["40", 45]`), "properties.percentage", "45"},
		{"endDate a number", own(`"percentage":["60"],"endDate":[2019]`), "properties.endDate", "2019"},
		{"startDate a number", own(`"percentage":["60"],"startDate":[20150301]`), "properties.startDate", "20150301"},
		{"role a boolean", own(`"percentage":["60"],"role":[true]`), "properties.role", "true"},
		{"owner an object without an id", `{"id":"own-1","schema":"Ownership","properties":{"owner":[{"name":["X"]}],"asset":["a"]}}` + "\n",
			"properties.owner", `{"name":["X"]}`},
		{"asset an array", `{"id":"own-1","schema":"Ownership","properties":{"owner":["x"],"asset":[["a"]]}}` + "\n",
			"properties.asset", `["a"]`},
		{"name a number", `{"id":"b","schema":"Company","properties":{"name":["B Trading", 7]}}` + "\n", "properties.name", "7"},
		{"sanction's entity a number", `{"id":"s","schema":"Sanction","datasets":["us_ofac_sdn"],"properties":{"entity":[1002],"authorityId":["1002"]}}` + "\n",
			"properties.entity", "1002"},
		{"sanction's authorityId a number", `{"id":"s","schema":"Sanction","datasets":["us_ofac_sdn"],"properties":{"entity":["x"],"authorityId":[1002]}}` + "\n",
			"properties.authorityId", "1002"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := ownership.NewGraph()
			err := g.ReadFtM(strings.NewReader(parties+tc.record), "ftm.jsonl")
			var le *ownership.LoadError
			require.ErrorAs(t, err, &le)
			require.Len(t, le.Errs, 1, "one problem, not another for the value missing: %v", err)
			pe := le.Errs[0]
			assert.Equal(t, 3, pe.Line)
			assert.Equal(t, tc.field, pe.Field)
			assert.Equal(t, tc.value, pe.Value)
			assert.ErrorIs(t, pe, ownership.ErrBadValue)
			assert.Contains(t, err.Error(), `line 3, field "`+tc.field+`"`)
			assert.True(t, g.Incomplete())
			assert.Zero(t, g.NumEdges(), "no edge read in part")
		})
	}

	g := ownership.NewGraph()
	require.NoError(t, g.ReadFtM(strings.NewReader(parties+
		`{"id":"own-1","schema":"Ownership","properties":{"owner":[{"id":"x","schema":"Company"}],"asset":["a"],"percentage":["60"]}}`+"\n"), "ftm.jsonl"))
	require.Equal(t, 1, g.NumEdges())
	for e := range g.Edges() {
		assert.Equal(t, "x", e.Owner, "a nested entity stands for its id")
		assert.Equal(t, ownership.Exact(60), e.Share)
	}
}

// TestReadFtMShared reads the real OpenSanctions cluster of ../shared around
// the drone maker Zala Aero (CST LLC) and Kalashnikov Concern, which the
// embedded list holds on the Entity List.
func TestReadFtMShared(t *testing.T) {
	g := ownership.NewGraph()
	readFile(t, g, ftmReader, shared(t, "opensanctions-ftm-zala-cluster.jsonl"))
	require.Equal(t, 14, g.NumEdges())
	unknown := 0
	for e := range g.Edges() {
		if e.Share.Unknown() {
			unknown++
		}
	}
	assert.Equal(t, 4, unknown, "four Ownership entities give no percentage")
	const cst = "NK-abdzbEBkqyT29GyREbiURZ"
	p, ok := g.Party(cst)
	require.True(t, ok)
	assert.Contains(t, p.ListRefs, ownership.ListRef{Source: entitylist.SpeciallyDesignated, ID: "45928"})

	rep := evaluate(t, g, entitylist.Default(), ownership.Options{AsOf: date("2025-10-01")})
	o := outcome(t, rep, cst)
	assert.True(t, hasIssue(o, ownership.IssueUnresolved), "its SDN number is not in the embedded list: reported, then screened by name")
	ro := rule(t, o, affiliates)
	// Kalashnikov Concern (Entity List) holds 49%, and a second record
	// ("subsidiary of") gives no percentage: possibly 50% or more.
	assert.Equal(t, ownership.Possibly, ro.Finding, ro.Reason)
	require.NotEmpty(t, ro.Owners)
	assert.Equal(t, "NK-nR5AXM9AVPq4pQaSPSaVam", ro.Owners[0].Owner)
	assert.Equal(t, ownership.Range(49, 100), ro.Owners[0].Share)
	assert.True(t, hasIssue(o, ownership.IssueConflict), "49% and a record of unknown size")
	k := outcome(t, rep, "NK-nR5AXM9AVPq4pQaSPSaVam")
	assert.Equal(t, ownership.Listed, k.Finding)
	require.NotEmpty(t, k.Ties)
	assert.Equal(t, "Kalashnikov Concern", k.Ties[0].Entry.Name)
	assert.NotEmpty(t, k.Ties[0].Match.Explanation.Pairs, "the explanation of the name match is kept")
}

// TestReadFtMConflictingCountries: several jurisdictions of one entity, or
// several countries and no jurisdiction, are a conflict noted and kept (the
// first is the party's country); countries beside a jurisdiction are its
// associated ones, no conflict.
func TestReadFtMConflictingCountries(t *testing.T) {
	g := ownership.NewGraph()
	in := `{"id": "co-a", "schema": "Company", "properties": {"name": ["Alpha Holdings"], "jurisdiction": ["us", "ru"]}}
{"id": "co-b", "schema": "Company", "properties": {"name": ["Beta Trading"], "country": ["cy", "ru", "cy"]}}
{"id": "co-c", "schema": "Company", "properties": {"name": ["Gamma Ltd"], "jurisdiction": ["cy"], "country": ["ru", "us"]}}
`
	require.NoError(t, g.ReadFtM(strings.NewReader(in), "countries.jsonl"))
	notes, _ := g.Notes()
	var msgs []string
	for _, n := range notes {
		msgs = append(msgs, fmt.Sprintf("%s: %s", n.Record.ID, n.Message))
	}
	for _, tc := range []struct{ id, country, note string }{
		{"co-a", "US", "co-a: party co-a: country RU conflicts with US"},
		{"co-b", "CY", "co-b: party co-b: country RU conflicts with CY"},
		{"co-c", "CY", ""},
	} {
		t.Run(tc.id, func(t *testing.T) {
			p, ok := g.Party(tc.id)
			require.True(t, ok)
			assert.Equal(t, tc.country, p.Country)
			var found []string
			for _, m := range msgs {
				if strings.HasPrefix(m, tc.id+": party") {
					found = append(found, m)
				}
			}
			if tc.note == "" {
				assert.Empty(t, found)
				return
			}
			require.Len(t, found, 1, "%v", msgs)
			assert.Contains(t, found[0], tc.note)
		})
	}
}
