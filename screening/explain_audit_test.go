package screening_test

import (
	"context"
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// replay returns the score an explanation's parts give: its base, each
// check applied in order (a factor multiplies, an effect adds), kept in
// [0, 1].
func replay(ex screening.Explanation) float64 {
	s := ex.Base
	for _, c := range ex.Checks {
		if c.Factor != 0 {
			s *= c.Factor
		} else {
			s += c.Effect
		}
	}
	return math.Min(1, math.Max(0, s))
}

// auditQueries screens qs with s and checks that every match's
// explanation accounts for its score.
func auditQueries(t *testing.T, s *screening.Screener, qs []screening.Query) {
	t.Helper()
	bad, n, checks := 0, 0, map[string]int{}
	for i, r := range s.ScreenAll(context.Background(), qs) {
		require.NoError(t, r.Err, "query %q", qs[i].Name)
		for _, m := range r.Matches {
			ex := m.Explanation
			n++
			for _, c := range ex.Checks {
				checks[c.Name]++
			}
			ok := assert.InDelta(t, m.Score, ex.Score, 1e-9, "%q: explanation's score", qs[i].Name) &&
				assert.InDelta(t, m.Score, replay(ex), 1e-3, "%q %v (country %q kind %v): the explanation does not account for the score\n%s", qs[i].Name, m, qs[i].Country, qs[i].Kind, ex)
			if !ok {
				if bad++; bad > 10 {
					t.FailNow()
				}
			}
		}
	}
	t.Logf("%d matches, checks %v", n, checks)
}

func TestExplanationAccountsForScore(t *testing.T) {
	kinds := []entitylist.EntityType{entitylist.TypeUnknown, entitylist.TypeEntity, entitylist.TypeIndividual}
	countries := []string{"", "RU", "CN", "US"}
	queries := func(names []string) []screening.Query {
		var qs []screening.Query
		for i, n := range names {
			qs = append(qs, screening.Query{Name: n, Country: countries[i%len(countries)], Kind: kinds[i%len(kinds)]})
		}
		return qs
	}
	t.Run("embedded", func(t *testing.T) {
		list := entitylist.Default()
		s, err := screening.New(list, screening.WithMinScore(0.3))
		require.NoError(t, err)
		var names []string
		for i := 0; i < list.Len() && len(names) < 400; i += 7 {
			names = append(names, list.Entry(i).Name)
		}
		auditQueries(t, s, queries(names))
	})
	t.Run("real", func(t *testing.T) {
		if testing.Short() {
			t.Skip("real-data audit skipped in short mode")
		}
		s := realScreener(t, screening.WithMinScore(0.3))
		cases := readEval(t, sharedEval)
		var names []string
		for i := 0; i < len(cases) && len(names) < 600; i += 5 {
			names = append(names, cases[i].Query)
		}
		auditQueries(t, s, queries(names))
	})
}

// exactBase returns the base an explanation of exact pairs only gives:
// the weight its pairs cover over the weight of all its words, paired
// and unmatched, at most 1.
func exactBase(t *testing.T, ex screening.Explanation) float64 {
	t.Helper()
	var covered, all float64
	for _, p := range ex.Pairs {
		require.Equal(t, screening.Exact, p.How, "pair %v", p)
		covered += p.Similarity * p.Weight
		all += p.Weight
	}
	for _, w := range ex.Unmatched {
		all += w.Weight
	}
	return math.Min(1, covered/all)
}

// TestExplanationWeighsUnmatchedWords: the weights an explanation gives
// its unmatched words are those the base counts them at: a listed
// person's further given names that differ from the query's words count
// in full, and the explanation says so.
func TestExplanationWeighsUnmatchedWords(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name,alt_names\n"+
		"1,SDN,Individual,\"GUSEV, Denis Vladimirovich\",\n"+
		"2,SDN,Individual,\"ABOUTORABI, Seyed Hamid\",\n"+
		"3,SDN,Entity,Kaspersky Lab,\n"+
		"4,SDN,Entity,Hangzhou Hikvision Digital Technology Co. Ltd.,\n", "fixture", screening.WithMinScore(0.3))
	for _, name := range []string{
		"Denis Igorevich Gusev", "Seyed Reza Aboutorabi", "Denis Gusev", "Seyed Aboutorabi",
		"Kaspersky Lab Europe", "Hikvision Digital Technology", "Kaspersky Moscow",
	} {
		t.Run(name, func(t *testing.T) {
			r, err := s.Screen(context.Background(), screening.Query{Name: name})
			require.NoError(t, err)
			require.NotEmpty(t, r.Matches)
			ex := r.Matches[0].Explanation
			assert.InDelta(t, ex.Base, exactBase(t, ex), 2e-4, "%s", ex)
		})
	}
}

// TestResultJSONRoundTripAllLists round-trips the results of screening
// every name of a merged list of every format (OFAC's own files with
// their aliases, vessels and identifiers, the UN list, SAM, the CSL
// sample, the procurement prohibitions): every field a consumer reads
// reads back equal, the list's version with its parts included.
func TestResultJSONRoundTripAllLists(t *testing.T) {
	ofac, err := entitylist.OpenOFAC("../entitylist/testdata/ofac")
	require.NoError(t, err)
	un, err := entitylist.Open("../entitylist/testdata/un/consolidated.xml")
	require.NoError(t, err)
	sam, err := entitylist.Open("../entitylist/testdata/sam/exclusions.csv")
	require.NoError(t, err)
	list := entitylist.Merge(ofac, un, sam, entitylist.Default(), entitylist.Procurement())
	s, err := screening.New(list, screening.WithMinScore(0.3), screening.WithWeakAliases(true))
	require.NoError(t, err)
	var qs []screening.Query
	for i := range list.Len() {
		e := list.Entry(i)
		for _, n := range e.Names() {
			qs = append(qs, screening.Query{Name: n, Country: "RU", Address: "Moscow", ID: "1027739867473"})
		}
	}
	for _, r := range s.ScreenAll(context.Background(), qs) {
		b, err := json.Marshal(r)
		require.NoError(t, err)
		var back screening.Result
		require.NoError(t, json.Unmarshal(b, &back))
		if r.Err != nil {
			assert.EqualError(t, back.Err, r.Err.Error())
			back.Err = r.Err
		}
		if !assert.Equal(t, withoutIndexes(r), back, "record %s", b) {
			return
		}
	}
}
