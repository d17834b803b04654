package ownership_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/ownership"
)

func company(n string) string { return ownership.CompanyPrefix + n }

func TestReadPSCFixture(t *testing.T) {
	g := ownership.NewGraph()
	readFile(t, g, pscReader, fixture("psc", "snapshot.jsonl"))
	assert.Equal(t, 10, g.NumEdges(), "11 PSC records but the statement and the totals line carry no ownership")

	edges := map[string][]ownership.Edge{}
	for e := range g.Edges() {
		edges[e.Owned] = append(edges[e.Owned], e)
	}
	assert.Equal(t, ownership.Range(75, 100), edges[company("09000001")][0].Share)
	assert.Equal(t, ownership.Range(50, 75), edges[company("09000002")][0].Share)
	assert.Equal(t, ownership.Range(25, 50), edges[company("09000003")][0].Share)
	assert.Equal(t, ownership.Range(50, 75), edges[company("09000010")][0].Share, "the as-trust form is a band too")
	ctl := edges[company("09000005")][0]
	assert.Equal(t, ownership.Control, ctl.Kind, "voting rights without shares are control")
	assert.Contains(t, ctl.Note, "right-to-appoint-and-remove-directors")
	secure := edges[company("09000006")][0]
	assert.True(t, secure.Share.Unknown())
	assert.Equal(t, ownership.PSCPrefix+"secure6", secure.Owner)
	assert.Equal(t, date("2020-01-01"), edges[company("09000009")][0].End, "ceased_on")
	assert.Equal(t, date("2016-04-06"), edges[company("09000001")][0].AsOf, "notified_on")
	sirius := edges[company("09000008")][0]
	assert.Equal(t, company("09000001"), sirius.Owner, "a UK corporate owner is its Companies House company: chains join")
	assert.Equal(t, ownership.Record{Origin: "snapshot.jsonl", Line: 9, ID: "/company/09000008/persons-with-significant-control/corporate/sirius8"}, sirius.Record)

	p, ok := g.Party(company("09000001"))
	require.True(t, ok)
	assert.Equal(t, "GB", p.Country)
	assert.Equal(t, "Sirius Intermediate Limited", p.Name, "named by the record of its own PSC role")
	orion, ok := g.Party(ownership.PSCPrefix + "orion1")
	require.True(t, ok)
	assert.Equal(t, "Orion Sanctioned Holdings", orion.Name)
	assert.Equal(t, "RU", orion.Country)
	assert.Equal(t, entitylist.TypeEntity, orion.Kind)
	arcturus, _ := g.Party(ownership.PSCPrefix + "arcturus9")
	assert.Equal(t, entitylist.TypeIndividual, arcturus.Kind)
	assert.Equal(t, "GB", arcturus.Country, "country_of_residence England")

	notes, _ := g.Notes()
	var msgs []string
	for _, n := range notes {
		msgs = append(msgs, n.Message)
	}
	assert.NotContains(t, msgs, `1 "persons-with-significant-control-statement" records carry no ownership: not used`, "a statement is kept, as an issue of its company")
	assert.Contains(t, msgs, `1 "totals#persons-of-significant-control-snapshot" records carry no ownership: not used`)

	rep := evaluate(t, g, testList(t), ownership.Options{AsOf: date("2025-10-15")})
	for _, tc := range []struct {
		company             string
		ofac, affiliates    ownership.Finding
		issue               ownership.IssueKind
		reason              string
		ofacHeldLow, ofHigh float64
	}{
		{"09000001", ownership.Owned, ownership.Owned, 0, "owned at least 75%", 75, 100},
		{"09000002", ownership.Owned, ownership.Owned, 0, "owned at least 50%", 50, 75},
		{"09000003", ownership.Possibly, ownership.Possibly, ownership.IssueUnknownShare, "at least 25% and up to 50%", 25, 50},
		// Two SDNs with 25-50% each: more than 50% together under OFAC;
		// under the Affiliates Rule only Orion's program counts.
		{"09000004", ownership.Owned, ownership.Possibly, 0, "owned at least 50%", 50, 100},
		{"09000005", ownership.Clear, ownership.Clear, ownership.IssueControl, "no owner", 0, 0},
		{"09000006", ownership.Clear, ownership.Clear, ownership.IssueUnidentified, "no owner", 0, 0},
		{"09000007", ownership.Clear, ownership.Clear, ownership.IssueStatement, "no owner", 0, 0},
		{"09000008", ownership.Owned, ownership.Owned, 0, "owned at least 75%", 75, 100},
		{"09000009", ownership.Clear, ownership.Clear, 0, "no owner", 0, 0},
		{"09000010", ownership.Owned, ownership.Owned, 0, "owned at least 50%", 50, 75},
	} {
		t.Run(tc.company, func(t *testing.T) {
			o := outcome(t, rep, company(tc.company))
			ro := rule(t, o, ofac)
			assert.Equal(t, tc.ofac, ro.Finding, ro.Reason)
			assert.Contains(t, ro.Reason, tc.reason)
			assert.Equal(t, ownership.Range(tc.ofacHeldLow, tc.ofHigh), ro.Held)
			assert.Equal(t, tc.affiliates, rule(t, o, affiliates).Finding, rule(t, o, affiliates).Reason)
			if tc.issue != 0 {
				assert.True(t, hasIssue(o, tc.issue), "issue %s in %v", tc.issue, o.Issues)
			}
		})
	}
	ro := rule(t, outcome(t, rep, company("09000008")), ofac)
	require.Len(t, ro.Paths, 1)
	assert.Equal(t, "Orion Sanctioned Holdings -75-100%-> Sirius Intermediate Limited -75-100%-> GB-COH-09000008", ro.Paths[0].String())
}

func TestReadPSCMalformed(t *testing.T) {
	g := ownership.NewGraph()
	f, err := os.Open(fixture("psc", "bad.jsonl"))
	require.NoError(t, err)
	defer f.Close()
	err = g.ReadPSC(f, "bad.jsonl")
	var le *ownership.LoadError
	require.ErrorAs(t, err, &le)
	wants := []struct {
		line int
		err  error
	}{
		{2, ownership.ErrSyntax},
		{3, ownership.ErrBadKind},
		{4, ownership.ErrEmptyParty},
		{5, ownership.ErrBadDate},
		{6, ownership.ErrInvalidUTF8},
	}
	require.Len(t, le.Errs, len(wants), "%v", err)
	for i, w := range wants {
		assert.Equal(t, w.line, le.Errs[i].Line, "%v", le.Errs[i])
		assert.ErrorIs(t, le.Errs[i], w.err, "%v", le.Errs[i])
	}
	assert.Equal(t, 2, g.NumEdges(), "the lines around the bad ones are read")
}

// TestReadPSCArray reads records written as a JSON array, pretty-printed, as
// the register's fixtures are: lines name where each record starts.
func TestReadPSCArray(t *testing.T) {
	in := `[
  {
    "company_number": "09000001",
    "data": {
      "kind": "individual-person-with-significant-control",
      "name": "Mr Arcturus Example",
      "natures_of_control": ["ownership-of-shares-50-to-75-percent"],
      "links": {"self": "/company/09000001/persons-with-significant-control/individual/a1"}
    }
  },
  {"company_number": "09000002", "data": {"kind": "mystery"}},
  {"data": {"kind": "totals#persons-of-significant-control-snapshot"}}
]
`
	g := ownership.NewGraph()
	err := g.ReadPSC(strings.NewReader(in), "array.json")
	var le *ownership.LoadError
	require.ErrorAs(t, err, &le)
	require.Len(t, le.Errs, 1)
	assert.Equal(t, 11, le.Errs[0].Line)
	assert.ErrorIs(t, le.Errs[0], ownership.ErrBadKind)
	edges := 0
	for e := range g.Edges() {
		edges++
		assert.Equal(t, 2, e.Record.Line)
	}
	assert.Equal(t, 1, edges)

	g = ownership.NewGraph()
	err = g.ReadPSC(strings.NewReader("[\n{\"company_number\": \"1\",\n\"data\": {\"kind\": }}\n]"), "broken.json")
	require.ErrorAs(t, err, &le)
	assert.Equal(t, 3, le.Errs[0].Line)
	assert.ErrorIs(t, err, ownership.ErrSyntax)
}

// TestReadPSCShared reads the real snapshot lines of ../shared (16 files,
// each a JSON array).
func TestReadPSCShared(t *testing.T) {
	dir := shared(t, "uk-psc")
	paths, err := filepath.Glob(filepath.Join(dir, "psc-data-*.json"))
	require.NoError(t, err)
	require.Len(t, paths, 16)
	g := ownership.NewGraph()
	for _, p := range paths {
		readFile(t, g, pscReader, p)
	}
	kinds := map[ownership.EdgeKind]int{}
	bands := map[ownership.Share]int{}
	for e := range g.Edges() {
		kinds[e.Kind]++
		bands[e.Share]++
		assert.True(t, strings.HasPrefix(e.Owned, ownership.CompanyPrefix), e.Owned)
	}
	assert.Equal(t, 18, g.NumEdges(), "19 records, one a statement")
	assert.Equal(t, 1, kinds[ownership.Control], "Parliament Lane: significant influence as trust")
	assert.Equal(t, 2, bands[ownership.Range(25, 50)], "the 25-50 bands")
	assert.Equal(t, 1, bands[ownership.Range(25, 100)], "the overseas entity's 'more than 25%'")

	clientlogic, ok := g.Party(company("03530981"))
	require.True(t, ok, "a corporate owner registered at Companies House is its company")
	assert.Equal(t, "Clientlogic Holding Limited", clientlogic.Name)
	assert.Equal(t, "GB", clientlogic.Country)
	oe, ok := g.Party(company("OE031044"))
	require.True(t, ok)
	assert.Empty(t, oe.Country, "an overseas entity's country is not in the record")
	stpaul := ""
	for p := range g.Parties() {
		if p.Name == "St. Paul Fire & Marine Insurance Company" {
			stpaul = p.Country
		}
	}
	assert.Equal(t, "US", stpaul, `"Minnesota, Usa"`)

	rep := evaluate(t, g, entitylist.Default(), ownership.Options{AsOf: date("2025-10-15")})
	o := outcome(t, rep, company("02443921"))
	assert.True(t, hasIssue(o, ownership.IssueUnidentified), "the super-secure PSC is reported")
	assert.Zero(t, rep.Summary().Owned)
}

// The register's notified_on is the date Companies House was told of the
// person, not the date the stake began (the register gives none), and
// ceased_on the date it was told the person ceased. As in the sample
// (psc-data-1: a statement of no registrable person from 2016-09-11 to
// 2021-12-13, then a person of 75-100% notified on 2021-12-13), a stake
// notified after the date evaluated is not established then: it counts as
// possibly held (at least 0%, at most its band), reported, never as the
// register's later statement for sure, nor dropped. From notified_on it
// counts for its band; from ceased_on not at all.
func TestPSCNotifiedOnIsAnAsOfDate(t *testing.T) {
	const snapshot = `{"company_number":"08209948","data":{"kind":"corporate-entity-person-with-significant-control","links":{"self":"/company/08209948/persons-with-significant-control/corporate-entity/orionF"},"name":"Orion Sanctioned Holdings","natures_of_control":["ownership-of-shares-75-to-100-percent"],"notified_on":"2021-12-13","ceased_on":"2024-03-01","identification":{"country_registered":"Russia"}}}
{"company_number":"08209948","data":{"ceased_on":"2021-12-13","kind":"persons-with-significant-control-statement","links":{"self":"/company/08209948/persons-with-significant-control-statements/Z1EP"},"notified_on":"2016-09-11","statement":"no-individual-or-entity-with-signficant-control"}}
`
	g := ownership.NewGraph()
	require.NoError(t, g.ReadPSC(strings.NewReader(snapshot), "psc.jsonl"))
	for _, tc := range []struct {
		asOf     string
		want     ownership.Finding
		held     ownership.Share
		reported bool
	}{
		{"2020-06-01", ownership.Possibly, ownership.Range(0, 100), true},
		{"2021-12-12", ownership.Possibly, ownership.Range(0, 100), true},
		{"2021-12-13", ownership.Owned, ownership.Range(75, 100), false},
		{"2024-02-29", ownership.Owned, ownership.Range(75, 100), false},
		{"2024-03-01", ownership.Clear, ownership.Exact(0), false},
	} {
		t.Run(tc.asOf, func(t *testing.T) {
			o := outcome(t, evaluate(t, g, testList(t), ownership.Options{AsOf: date(tc.asOf)}), company("08209948"))
			ro := rule(t, o, ofac)
			assert.Equal(t, tc.want, ro.Finding, ro.Reason)
			assert.Equal(t, tc.held, ro.Held)
			assert.Equal(t, tc.reported, hasIssue(o, ownership.IssueStatedLater), o.String())
			if tc.reported {
				assert.Contains(t, o.String(), "(75-100% as of 2021-12-13), after "+tc.asOf)
			}
		})
	}
}

// A PSC statement carries no stake but says something of the company's
// ownership: that it has no registrable person, or has one it has not
// identified. It is kept, and an evaluation at a date it is in force (from
// notified_on to the day before ceased_on) reports it on the company
// (IssueStatement) with its record; never dropped, nor a stake.
func TestPSCStatements(t *testing.T) {
	const snapshot = `{"company_number":"08209948","data":{"ceased_on":"2021-12-13","kind":"persons-with-significant-control-statement","links":{"self":"/company/08209948/persons-with-significant-control-statements/Z1EP"},"notified_on":"2016-09-11","statement":"no-individual-or-entity-with-signficant-control"}}
{"company_number":"08209948","data":{"kind":"corporate-entity-person-with-significant-control","links":{"self":"/company/08209948/persons-with-significant-control/corporate-entity/orionF"},"name":"Orion Sanctioned Holdings","natures_of_control":["ownership-of-shares-75-to-100-percent"],"notified_on":"2021-12-13","identification":{"country_registered":"Russia"}}}
{"company_number":"07000001","data":{"kind":"persons-with-significant-control-statement","links":{"self":"/company/07000001/persons-with-significant-control-statements/S2"},"notified_on":"2017-01-05","statement":"psc-exists-but-not-identified"}}
{"company_number":"07000002","data":{"kind":"persons-with-significant-control-statement","links":{"self":"/company/07000002/persons-with-significant-control-statements/S3"},"notified_on":"2017-01-05","statement":"a-statement-of-the-future"}}
{"company_number":"07000003","data":{"kind":"persons-with-significant-control-statement","links":{"self":"/company/07000003/persons-with-significant-control-statements/S4"},"notified_on":"2017-01-05","statement":"psc-has-failed-to-confirm-changed-details","linked_psc_name":"Mr Vega Example"}}
`
	g := ownership.NewGraph()
	require.NoError(t, g.ReadPSC(strings.NewReader(snapshot), "psc.jsonl"))
	assert.Equal(t, 1, g.NumEdges(), "a statement is no stake")
	for _, tc := range []struct {
		company, asOf string
		detail        []string // what the issue says; none: no issue
		line          int
	}{
		{"08209948", "2016-09-10", nil, 0},
		{"08209948", "2016-09-11", []string{"no registrable person", "no-individual-or-entity-with-signficant-control", "from 2016-09-11 until 2021-12-13", "25%"}, 1},
		{"08209948", "2021-12-12", []string{"no registrable person"}, 1},
		{"08209948", "2021-12-13", nil, 0},
		{"07000001", "2025-01-01", []string{"has a registrable person it has not identified", "from 2017-01-05"}, 3},
		{"07000002", "2025-01-01", []string{`"a-statement-of-the-future"`}, 4},
		{"07000003", "2025-01-01", []string{"failed to confirm", "Mr Vega Example"}, 5},
	} {
		t.Run(tc.company+" "+tc.asOf, func(t *testing.T) {
			o := outcome(t, evaluate(t, g, testList(t), ownership.Options{AsOf: date(tc.asOf)}), company(tc.company))
			var got []ownership.Issue
			for _, is := range o.Issues {
				if is.Kind == ownership.IssueStatement {
					got = append(got, is)
				}
			}
			if tc.detail == nil {
				assert.Empty(t, got)
				return
			}
			require.Len(t, got, 1, "%v", o.Issues)
			for _, d := range tc.detail {
				assert.Contains(t, got[0].Detail, d)
			}
			require.Len(t, got[0].Records, 1)
			assert.Equal(t, "psc.jsonl", got[0].Records[0].Origin)
			assert.Equal(t, tc.line, got[0].Records[0].Line)
			assert.Contains(t, o.String(), got[0].Detail, "the outcome's text says it")
		})
	}
}

// Several ownership natures of one record follow the package's one rule for
// several statements of one stake: a nature repeated is one statement;
// natures that differ (held directly and as a trustee) may count different
// shares, so at least the largest band's low and at most the sum of the
// highs.
func TestPSCNaturesOneRule(t *testing.T) {
	rec := func(natures ...string) string {
		return `{"company_number":"09000001","data":{"kind":"individual-person-with-significant-control","name":"Mr Arcturus Example","links":{"self":"/company/09000001/persons-with-significant-control/individual/a1"},"natures_of_control":["` + strings.Join(natures, `","`) + `"]}}` + "\n"
	}
	for _, tc := range []struct {
		name    string
		natures []string
		want    ownership.Share
	}{
		{"one", []string{"ownership-of-shares-25-to-50-percent"}, ownership.Range(25, 50)},
		{"repeated", []string{"ownership-of-shares-25-to-50-percent", "ownership-of-shares-25-to-50-percent"}, ownership.Range(25, 50)},
		{"directly and as a trustee", []string{"ownership-of-shares-25-to-50-percent", "ownership-of-shares-25-to-50-percent-as-trust"}, ownership.Range(25, 100)},
		{"two bands", []string{"ownership-of-shares-25-to-50-percent", "ownership-of-shares-50-to-75-percent-as-firm"}, ownership.Range(50, 100)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := ownership.NewGraph()
			require.NoError(t, g.ReadPSC(strings.NewReader(rec(tc.natures...)), "psc.jsonl"))
			require.Equal(t, 1, g.NumEdges())
			for e := range g.Edges() {
				assert.Equal(t, tc.want, e.Share)
			}
		})
	}
}

// A company exempt from keeping a register of persons with significant
// control (its shares trade on a regulated market) has no PSC records: its
// exemption is kept as a statement, reported on the company over the
// period it applies, so that the company's ownership is said to be absent
// from the data, not silently clear. An exemptions record of a shape the
// reader does not know is noted, not dropped silently.
func TestPSCExemptions(t *testing.T) {
	const snapshot = `{"company_number":"01234567","data":{"kind":"exemptions","exemptions":{"psc_exempt_as_trading_on_regulated_market":{"exemption_type":"psc-exempt-as-trading-on-regulated-market","items":[{"exempt_from":"2016-06-30","exempt_to":"2020-12-31"}]},"psc_exempt_as_trading_on_uk_regulated_market":{"exemption_type":"psc-exempt-as-trading-on-uk-regulated-market","items":[{"exempt_from":"2020-12-31"}]}},"links":{"self":"/company/01234567/exemptions"}}}
{"company_number":"01234568","data":{"kind":"exemptions","exemptions":["not an object"]}}
`
	g := ownership.NewGraph()
	require.NoError(t, g.ReadPSC(strings.NewReader(snapshot), "psc.jsonl"))
	err := ownership.NewGraph().ReadPSC(strings.NewReader(`{"company_number":"01234569","data":{"kind":"exemptions","exemptions":{"psc_exempt_as_trading_on_regulated_market":{"exemption_type":"psc-exempt-as-trading-on-regulated-market","items":[{"exempt_from":"30/06/2016"}]}}}}`+"\n"), "bad.jsonl")
	var le *ownership.LoadError
	require.ErrorAs(t, err, &le)
	require.Len(t, le.Errs, 1)
	assert.ErrorIs(t, le.Errs[0], ownership.ErrBadDate)
	assert.Contains(t, le.Errs[0].Error(), "data.exemptions.psc_exempt_as_trading_on_regulated_market.items.exempt_from")
	for _, tc := range []struct {
		asOf   string
		detail string
	}{
		{"2016-06-29", ""},
		{"2018-01-01", "from 2016-06-30 until 2020-12-31 that it is exempt from keeping a register of persons with significant control"},
		{"2025-01-01", "from 2020-12-31 that it is exempt from keeping a register of persons with significant control"},
	} {
		t.Run(tc.asOf, func(t *testing.T) {
			o := outcome(t, evaluate(t, g, testList(t), ownership.Options{AsOf: date(tc.asOf)}), company("01234567"))
			var got []string
			for _, is := range o.Issues {
				if is.Kind == ownership.IssueStatement {
					got = append(got, is.Detail)
					assert.Equal(t, []ownership.Record{{Origin: "psc.jsonl", Line: 1, ID: "/company/01234567/exemptions"}}, is.Records)
				}
			}
			if tc.detail == "" {
				assert.Empty(t, got)
				return
			}
			require.Len(t, got, 1)
			assert.Contains(t, got[0], tc.detail)
		})
	}
	notes, _ := g.Notes()
	var msgs []string
	for _, n := range notes {
		msgs = append(msgs, n.String())
	}
	assert.Contains(t, msgs, `psc.jsonl line 2: an exemptions record whose exemptions are not an object of exemptions with items: not used`)
}
