package ownership_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/ownership"
)

func lei(s string) string { return ownership.LEIPrefix + s }

func TestReadGLEIFFixture(t *testing.T) {
	g := ownership.NewGraph()
	readFile(t, g, gleifReader, fixture("gleif", "relationships.csv"))
	readFile(t, g, gleifReader, fixture("gleif", "entities.csv"))
	require.Equal(t, 7, g.NumEdges(), "the annulled record is left out")

	byOwned := map[string][]ownership.Edge{}
	for e := range g.Edges() {
		assert.Equal(t, lei("5493KASPERSKYLABS001"), e.Owner, "every parent is the fixture's Kaspersky Labs Limited")
		byOwned[e.Owned] = append(byOwned[e.Owned], e)
	}
	nw := byOwned[lei("5493NORTHWINDGMBH001")]
	require.Len(t, nw, 2)
	assert.Equal(t, ownership.Consolidation, nw[0].Kind)
	assert.True(t, nw[0].Share.Unknown(), "a consolidation without a percentage is of unknown size")
	assert.Contains(t, nw[0].Note, "percentage not published")
	assert.Equal(t, date("2019-05-01"), nw[0].Start, "the RELATIONSHIP_PERIOD, not the ACCOUNTING_PERIOD")
	assert.Equal(t, ownership.UltimateConsolidation, nw[1].Kind)

	polar := byOwned[lei("5493POLARENDPOINT001")][0]
	assert.Equal(t, ownership.Exact(75), polar.Share, "the percentage quantifier")
	assert.Equal(t, date("2019-01-01"), polar.Start, "a date in milliseconds since 1970")

	harbor := byOwned[lei("5493HARBORTHREAT0001")][0]
	assert.True(t, harbor.Share.Unknown(), "an ultimate parent's percentage is not a direct stake")
	assert.Contains(t, harbor.Note, "60% (ACCOUNTING_CONSOLIDATION)")

	branch := byOwned[lei("5493KASPERSKYBRANCH1")][0]
	assert.Equal(t, ownership.Branch, branch.Kind)
	assert.Equal(t, ownership.Exact(100), branch.Share)

	tundra := byOwned[lei("5493TUNDRALABSAG0001")][0]
	assert.Equal(t, date("2025-01-01"), tundra.End, "an inactive relationship ends at its last update")

	fund := byOwned[lei("5493KASPERSKYFUND001")][0]
	assert.Equal(t, ownership.Control, fund.Kind)

	p, ok := g.Party(lei("5493NORTHWINDGMBH001"))
	require.True(t, ok)
	assert.Equal(t, "Northwind Secure Software GmbH", p.Name)
	assert.Equal(t, []string{"Northwind Software"}, p.AltNames)
	assert.Equal(t, "DE", p.Country)
	assert.Equal(t, entitylist.TypeEntity, p.Kind)
	p, _ = g.Party(lei("5493KASPERSKYFUND001"))
	assert.Equal(t, "US", p.Country, "US-DE read as US")
	p, _ = g.Party(lei("5493KASPERSKYBRANCH1"))
	assert.Equal(t, "DE", p.Country, "no jurisdiction: the legal address")

	notes, _ := g.Notes()
	var msgs []string
	for _, n := range notes {
		msgs = append(msgs, n.String())
	}
	assert.Contains(t, msgs, "relationships.csv line 8: IS_DIRECTLY_CONSOLIDATED_BY record annulled by GLEIF: not used")
	assert.Contains(t, msgs, "entities.csv: 1 entity records describe no party of the graph: not stored")

	// Against the embedded list, the parent is Kaspersky Labs Limited (on
	// the Entity List): a consolidation link of unknown size makes the
	// child "possibly" owned, to determine, never a silent yes or no.
	rep := evaluate(t, g, entitylist.Default(), ownership.Options{AsOf: date("2025-10-15")})
	for _, tc := range []struct {
		id   string
		want ownership.Finding
		why  string
	}{
		{"5493NORTHWINDGMBH001", ownership.Possibly, "at least 0% and up to 100%"},
		{"5493POLARENDPOINT001", ownership.Owned, "owned 75%"},
		{"5493HARBORTHREAT0001", ownership.Possibly, "up to 100%"},
		{"5493TUNDRALABSAG0001", ownership.Clear, "no owner"},
		{"5493KASPERSKYFUND001", ownership.Clear, "no owner"},
	} {
		ro := rule(t, outcome(t, rep, lei(tc.id)), affiliates)
		assert.Equal(t, tc.want, ro.Finding, "%s: %s", tc.id, ro.Reason)
		assert.Contains(t, ro.Reason, tc.why, tc.id)
	}
	o := outcome(t, rep, lei("5493NORTHWINDGMBH001"))
	assert.True(t, hasIssue(o, ownership.IssueUnknownShare), "the unknown share is reported")
	assert.False(t, hasIssue(o, ownership.IssueDuplicate), "a direct and an ultimate link are not duplicates")
	assert.True(t, hasIssue(outcome(t, rep, lei("5493KASPERSKYFUND001")), ownership.IssueControl))
	parent := outcome(t, rep, lei("5493KASPERSKYLABS001"))
	assert.Equal(t, ownership.Listed, parent.Finding)
	require.NotEmpty(t, parent.Ties)
	assert.Equal(t, ownership.ByName, parent.Ties[0].By)
	assert.Equal(t, "Kaspersky Labs Limited", parent.Ties[0].Entry.Name)
}

func TestReadGLEIFMalformed(t *testing.T) {
	g := ownership.NewGraph()
	f, err := os.Open(fixture("gleif", "relationships-bad.csv"))
	require.NoError(t, err)
	defer f.Close()
	err = g.ReadGLEIF(f, "relationships-bad.csv")
	var le *ownership.LoadError
	require.ErrorAs(t, err, &le)
	type want struct {
		line  int
		field string
		err   error
	}
	wants := []want{
		{2, "Relationship.RelationshipType", ownership.ErrBadKind},
		{3, "Relationship.StartNode.NodeID", ownership.ErrEmptyParty},
		{4, "Relationship.Period.startDate", ownership.ErrBadDate},
		{5, "QuantifierAmount", ownership.ErrBadShare},
	}
	require.Len(t, le.Errs, len(wants), "%v", err)
	for i, w := range wants {
		assert.Equal(t, w.line, le.Errs[i].Line, "%v", le.Errs[i])
		assert.Equal(t, w.field, le.Errs[i].Field, "%v", le.Errs[i])
		assert.ErrorIs(t, le.Errs[i], w.err)
	}
	assert.Equal(t, 1, g.NumEdges(), "the good row is read")
	assert.True(t, g.Incomplete())
}

// TestReadGLEIFRepeatedColumn: a header naming a column twice (in any
// case) is an error naming it, and no row is read: which of the two holds
// the value cannot be told.
func TestReadGLEIFRepeatedColumn(t *testing.T) {
	g := ownership.NewGraph()
	csv := "Relationship.StartNode.NodeID,Relationship.EndNode.NodeID,Relationship.RelationshipType,relationship.endnode.nodeid\n" +
		"5493NORTHWINDGMBH001,5493KASPERSKYLABS001,IS_DIRECTLY_CONSOLIDATED_BY,5493OTHERPARENT00001\n"
	err := g.ReadGLEIF(strings.NewReader(csv), "repeated.csv")
	var le *ownership.LoadError
	require.ErrorAs(t, err, &le)
	require.Len(t, le.Errs, 1, "%v", err)
	assert.Equal(t, 1, le.Errs[0].Line)
	assert.Equal(t, "relationship.endnode.nodeid", le.Errs[0].Field)
	assert.ErrorIs(t, le.Errs[0], ownership.ErrDuplicateColumn)
	assert.Zero(t, g.NumEdges())
	assert.True(t, g.Incomplete())
}

func TestReadGLEIFFormats(t *testing.T) {
	g := ownership.NewGraph()
	err := g.ReadGLEIF(strings.NewReader("LEI,Entity.LegalName\nX,Y\n"), "l1.csv")
	assert.ErrorIs(t, err, ownership.ErrNoParties, "Level 1 records need the relationships first")
	g = ownership.NewGraph()
	err = g.ReadGLEIF(strings.NewReader("owner,owned,percent\n"), "other.csv")
	assert.ErrorIs(t, err, ownership.ErrUnknownFormat)
	g = ownership.NewGraph()
	err = g.ReadGLEIF(strings.NewReader("Relationship.StartNode.NodeID\nX\n"), "short.csv")
	assert.ErrorIs(t, err, ownership.ErrMissingColumn)
	assert.Contains(t, err.Error(), "Relationship.EndNode.NodeID, Relationship.RelationshipType")
}

// TestReadGLEIFShared reads the real GLEIF sample of ../shared: 400 Level 2
// records and the Level 1 records of their entities.
func TestReadGLEIFShared(t *testing.T) {
	rr := shared(t, "gleif-rr-cdf-sample.csv")
	l1 := shared(t, "gleif-lei-cdf-entities-sample.csv")
	g := ownership.NewGraph()
	readFile(t, g, gleifReader, rr)
	readFile(t, g, gleifReader, l1)
	require.Equal(t, 400, g.NumEdges())
	kinds := map[ownership.EdgeKind]int{}
	for e := range g.Edges() {
		kinds[e.Kind]++
		if e.Kind != ownership.Branch {
			assert.True(t, e.Share.Unknown(), "no record of the sample gives a percentage: %v", e.Record)
		}
		assert.True(t, strings.HasPrefix(e.Owner, ownership.LEIPrefix))
	}
	assert.Equal(t, map[ownership.EdgeKind]int{
		ownership.Consolidation:         190,
		ownership.UltimateConsolidation: 208,
		ownership.Branch:                2,
	}, kinds)
	named, withCountry := 0, 0
	for p := range g.Parties() {
		if p.Name != "" {
			named++
		}
		if p.Country != "" {
			withCountry++
		}
	}
	// The two samples were drawn separately: 38 of the 400 Level 1 records
	// describe a party of the relationships; the rest are counted.
	assert.Equal(t, 38, named)
	assert.Equal(t, named, withCountry)
	notes, _ := g.Notes()
	require.NotEmpty(t, notes)
	assert.Equal(t, "gleif-lei-cdf-entities-sample.csv: 362 entity records describe no party of the graph: not stored", notes[len(notes)-1].String())
	p, ok := g.Party(lei("001GPB6A9XPE8XJICC14"))
	require.True(t, ok)
	assert.Equal(t, "FIDELITY ADVISOR SERIES I - Fidelity Advisor Leveraged Company Stock Fund", p.Name)
	assert.Equal(t, "US", p.Country)

	rep := evaluate(t, g, entitylist.Default(), ownership.Options{AsOf: date("2025-10-15")})
	sum := rep.Summary()
	assert.Equal(t, g.NumParties(), sum.Parties)
	assert.Zero(t, sum.Owned, "no party of the sample is owned by a party of the embedded list")
	assert.Zero(t, sum.Cycles)
}

// A date-time with an offset is read as the date it writes: GLEIF writes
// a relationship that starts on 2018-06-15 in Frankfurt as
// 2018-06-15T00:00:00+02:00, which is 2018-06-14 in UTC, and the
// relationship does not hold on 2018-06-14.
func TestReadGLEIFDateWithOffset(t *testing.T) {
	g := ownership.NewGraph()
	csv := "Relationship.StartNode.NodeID,Relationship.EndNode.NodeID,Relationship.RelationshipType,Relationship.Period.1.startDate,Relationship.Period.1.endDate,Relationship.Period.1.periodType\n" +
		"5493NORTHWINDGMBH001,5493KASPERSKYLABS001,IS_DIRECTLY_CONSOLIDATED_BY,2018-06-15T00:00:00+02:00,2020-01-01T00:00:00.000+01:00,RELATIONSHIP_PERIOD\n"
	require.NoError(t, g.ReadGLEIF(strings.NewReader(csv), "offset.csv"))
	var edges []ownership.Edge
	for e := range g.Edges() {
		edges = append(edges, e)
	}
	require.Len(t, edges, 1)
	assert.Equal(t, "2018-06-15", edges[0].Start.Format(time.DateOnly))
	assert.Equal(t, "2020-01-01", edges[0].End.Format(time.DateOnly))
}

// Level 1 records that give an entity different jurisdictions are a
// conflict noted with the line of the record that gives the second.
func TestReadGLEIFConflictingJurisdiction(t *testing.T) {
	g := ownership.NewGraph()
	rr := "Relationship.StartNode.NodeID,Relationship.EndNode.NodeID,Relationship.RelationshipType\n" +
		"5493NORTHWINDGMBH001,5493KASPERSKYLABS001,IS_DIRECTLY_CONSOLIDATED_BY\n"
	require.NoError(t, g.ReadGLEIF(strings.NewReader(rr), "rr.csv"))
	require.NoError(t, g.ReadGLEIF(strings.NewReader("LEI,Entity.LegalName,Entity.LegalJurisdiction\n5493NORTHWINDGMBH001,Northwind GmbH,DE\n"), "l1-a.csv"))
	require.NoError(t, g.ReadGLEIF(strings.NewReader("LEI,Entity.LegalName,Entity.LegalJurisdiction\n5493NORTHWINDGMBH001,Northwind GmbH,US-DE\n"), "l1-b.csv"))
	p, ok := g.Party(ownership.LEIPrefix + "5493NORTHWINDGMBH001")
	require.True(t, ok)
	assert.Equal(t, "DE", p.Country)
	notes, _ := g.Notes()
	var found []string
	for _, n := range notes {
		if strings.Contains(n.Message, "conflicts") {
			found = append(found, n.String())
		}
	}
	require.Len(t, found, 1)
	assert.Contains(t, found[0], "l1-b.csv line 2: party XI-LEI-5493NORTHWINDGMBH001: country US conflicts with DE")
}

// Dates written as milliseconds since 1970 are midnights in the zone of
// whoever recorded them, as the GLEIF sample shows (1498165200000 is
// 2017-06-22T21:00Z, midnight of 2017-06-23 in Moscow; 584316000000 is
// 1988-07-07T22:00Z, midnight of 1988-07-08 in Frankfurt): each is read as
// the date of that midnight, whatever the zone of the machine reading it,
// for every zone from UTC-9:30 to UTC+14; a time off the quarter hours is
// read as its date in UTC.
func TestReadGLEIFMillisecondDates(t *testing.T) {
	for _, tc := range []struct{ ms, want string }{
		{"1498165200000", "2017-06-23"}, // midnight at UTC+3
		{"584316000000", "1988-07-08"},  // midnight at UTC+2
		{"1483225200000", "2017-01-01"}, // midnight at UTC+1
		{"1338940800000", "2012-06-06"}, // midnight UTC
		{"1483246800000", "2017-01-01"}, // midnight at UTC-5
		// The zones farthest east: New Zealand in summer, Tonga and
		// Samoa (UTC+13), Chatham in summer (UTC+13:45), Kiribati's Line
		// Islands (UTC+14), and UTC+12 (New Zealand in winter, Fiji).
		{"1498129200000", "2017-06-23"}, // midnight at UTC+13
		{"1498126500000", "2017-06-23"}, // midnight at UTC+13:45
		{"1498125600000", "2017-06-23"}, // midnight at UTC+14
		{"1498132800000", "2017-06-23"}, // midnight at UTC+12
		// And the west as far as the zones read right go.
		{"1498204800000", "2017-06-23"}, // midnight at UTC-8
		{"1498208400000", "2017-06-23"}, // midnight at UTC-9
		{"1498210200000", "2017-06-23"}, // midnight at UTC-9:30
		// A time recorded, off the quarter hours, is no midnight: the
		// date of the instant in UTC.
		{"1498130000123", "2017-06-22"}, // 2017-06-22T11:13:20.123Z
		{"1498172000123", "2017-06-22"}, // 2017-06-22T22:53:20.123Z
	} {
		t.Run(tc.ms, func(t *testing.T) {
			g := ownership.NewGraph()
			csv := "Relationship.StartNode.NodeID,Relationship.EndNode.NodeID,Relationship.RelationshipType,Relationship.Period.1.startDate,Relationship.Period.1.endDate,Relationship.Period.1.periodType\n" +
				"5493NORTHWINDGMBH001,5493KASPERSKYLABS001,IS_DIRECTLY_CONSOLIDATED_BY," + tc.ms + ",,RELATIONSHIP_PERIOD\n"
			require.NoError(t, g.ReadGLEIF(strings.NewReader(csv), "ms.csv"))
			var edges []ownership.Edge
			for e := range g.Edges() {
				edges = append(edges, e)
			}
			require.Len(t, edges, 1)
			assert.Equal(t, tc.want, edges[0].Start.Format(time.DateOnly))
		})
	}
}

// A record may give several RELATIONSHIP_PERIODs (the GLEIF sample has
// records with two, beside their accounting and document filing periods):
// the relationship holds over each of them, not only over the last one
// read, nor from the start of one to the end of another. Periods that
// overlap or touch are one span; the accounting and filing periods never
// bound the relationship.
func TestReadGLEIFSeveralRelationshipPeriods(t *testing.T) {
	const header = "Relationship.StartNode.NodeID,Relationship.EndNode.NodeID,Relationship.RelationshipType,Relationship.RelationshipStatus,Registration.LastUpdateDate," +
		"Relationship.Period.1.startDate,Relationship.Period.1.endDate,Relationship.Period.1.periodType," +
		"Relationship.Period.2.startDate,Relationship.Period.2.endDate,Relationship.Period.2.periodType," +
		"Relationship.Period.3.startDate,Relationship.Period.3.endDate,Relationship.Period.3.periodType\n"
	const ids = "5493NORTHWINDGMBH001,5493KASPERSKYLABS001,IS_DIRECTLY_CONSOLIDATED_BY,"
	for _, tc := range []struct {
		name, row string
		holds     map[string]bool
	}{
		{"disjoint, the later read last", ids + "ACTIVE,2021-03-01," +
			"2019-01-01T00:00:00Z,2019-12-31T00:00:00Z,ACCOUNTING_PERIOD,2010-01-01,2012-01-01,RELATIONSHIP_PERIOD,2015-01-01,,RELATIONSHIP_PERIOD",
			map[string]bool{"2009-12-31": false, "2010-01-01": true, "2011-06-01": true, "2012-01-01": false, "2013-06-01": false, "2015-01-01": true, "2020-06-01": true}},
		{"disjoint, the earlier read last", ids + "ACTIVE,2021-03-01," +
			"2015-01-01,,RELATIONSHIP_PERIOD,2010-01-01,2012-01-01,RELATIONSHIP_PERIOD,2019-01-01,2019-12-31,DOCUMENT_FILING_PERIOD",
			map[string]bool{"2011-06-01": true, "2013-06-01": false, "2020-06-01": true}},
		{"the same start twice, as in the sample", ids + "ACTIVE,2021-03-01," +
			"2017-01-01T00:00:00.000Z,2017-12-31T00:00:00.000Z,ACCOUNTING_PERIOD,2017-07-13T01:54:46.387Z,,RELATIONSHIP_PERIOD,2017-07-13T00:00:00.000Z,,RELATIONSHIP_PERIOD",
			map[string]bool{"2017-07-12": false, "2017-07-13": true, "2025-01-01": true}},
		{"touching", ids + "ACTIVE,2021-03-01," +
			"2010-01-01,2012-01-01,RELATIONSHIP_PERIOD,2012-01-01,2014-01-01,RELATIONSHIP_PERIOD,,,",
			map[string]bool{"2011-12-31": true, "2012-01-01": true, "2013-12-31": true, "2014-01-01": false}},
		{"inactive: the open period ends at the last update", ids + "INACTIVE,2021-03-01," +
			"2010-01-01,2012-01-01,RELATIONSHIP_PERIOD,2015-01-01,,RELATIONSHIP_PERIOD,,,",
			map[string]bool{"2011-06-01": true, "2013-06-01": false, "2021-02-28": true, "2021-03-01": false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := ownership.NewGraph()
			require.NoError(t, g.ReadGLEIF(strings.NewReader(header+tc.row+"\n"), "periods.csv"))
			for day, want := range tc.holds {
				d := date(day)
				held := 0
				for e := range g.Edges() {
					if (e.Start.IsZero() || !d.Before(e.Start)) && (e.End.IsZero() || d.Before(e.End)) {
						held++
					}
				}
				if want {
					assert.Equal(t, 1, held, "on %s, one edge holds", day)
				} else {
					assert.Zero(t, held, "on %s, no edge holds", day)
				}
			}
		})
	}
}
