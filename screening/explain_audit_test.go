package screening_test

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"slices"
	"strings"
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
				assert.Equal(t, math.Round(c.Factor*1e4)/1e4, c.Factor, "%q: check %v has more than four decimals", qs[i].Name, c)
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
	addresses := []string{"", "Moscow", "", "Beijing", "Tehran"}
	queries := func(names []string) []screening.Query {
		var qs []screening.Query
		for i, n := range names {
			qs = append(qs, screening.Query{Name: n, Country: countries[i%len(countries)], Kind: kinds[i%len(kinds)],
				Address: addresses[i%len(addresses)]})
		}
		return qs
	}
	t.Run("embedded", func(t *testing.T) {
		list := entitylist.Default()
		s, err := screening.New(list, screening.WithMinScore(0.3))
		require.NoError(t, err)
		var names []string
		for i := range list.Len() {
			names = append(names, list.Entry(i).Names()...)
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
		// People by a further given name and the surname, and by another
		// given name: the person checks.
		list, err := realCSL()
		require.NoError(t, err)
		for i, people := 0, 0; i < list.Len() && people < 400; i++ {
			e := list.Entry(i)
			sur, given, ok := strings.Cut(e.Name, ", ")
			if g := strings.Fields(given); e.Type == entitylist.TypeIndividual && ok && len(g) == 2 {
				names = append(names, g[1]+" "+sur, g[0]+" Igorevich "+sur)
				people++
			}
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

// TestResultsByteIdentical: the same list, queries and options give
// byte-identical JSON records from Screen, ScreenAll with one worker and
// several, ScreenSeq, and a Screener read from its snapshot.
func TestResultsByteIdentical(t *testing.T) {
	list := entitylist.Default()
	var names []string
	if _, err := os.Stat(sharedEval); err == nil && !testing.Short() {
		for i, c := range readEval(t, sharedEval) {
			if i%4 == 0 {
				names = append(names, c.Query)
			}
		}
	}
	for i := range list.Len() {
		names = append(names, list.Entry(i).Names()...)
	}
	if _, err := os.Stat(sharedCSL); err == nil && !testing.Short() {
		var err error
		list, err = realCSL()
		require.NoError(t, err)
	}
	opts := []screening.Option{screening.WithMinScore(0.3), screening.WithLimit(5)}
	s, err := screening.New(list, opts...)
	require.NoError(t, err)
	var snap bytes.Buffer
	require.NoError(t, s.WriteSnapshot(&snap))
	read, err := screening.ReadSnapshot(&snap, list, opts...)
	require.NoError(t, err)

	qs := make([]screening.Query, len(names))
	for i, n := range names {
		qs[i] = screening.Query{Name: n, Country: []string{"", "RU", "CN"}[i%3], Address: []string{"", "Moscow"}[i%2]}
	}
	records := func(rs []screening.Result) []string {
		out := make([]string, len(rs))
		for i, r := range rs {
			b, err := json.Marshal(r)
			require.NoError(t, err)
			out[i] = string(b)
		}
		return out
	}
	ctx := context.Background()
	want := make([]screening.Result, len(qs))
	for i, q := range qs {
		want[i], _ = s.Screen(ctx, q)
	}
	wantJS := records(want)
	for name, rs := range map[string][]screening.Result{
		"ScreenAll 1 worker":  s.ScreenAll(ctx, qs, screening.WithWorkers(1)),
		"ScreenAll 3 workers": s.ScreenAll(ctx, qs, screening.WithWorkers(3)),
		"ScreenSeq":           slices.Collect(s.ScreenSeq(ctx, slices.Values(qs), screening.WithWorkers(2))),
		"snapshot Screen":     func() []screening.Result { return read.ScreenAll(ctx, qs, screening.WithWorkers(2)) }(),
		"Screen again": func() []screening.Result {
			out := make([]screening.Result, len(qs))
			for i, q := range qs {
				out[i], _ = s.Screen(ctx, q)
			}
			return out
		}(),
	} {
		got := records(rs)
		require.Len(t, got, len(wantJS), name)
		for i := range got {
			if !assert.Equal(t, wantJS[i], got[i], "%s: query %q", name, qs[i].Name) {
				break
			}
		}
	}
}

// TestTextEscapesListData: Match.String and Explanation.String show the
// list's data with its control characters escaped, and still name the
// source, the ID, the names, the score and why.
func TestTextEscapesListData(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name,ids\n"+
		"A\x1b[2J\u202e,SDN,Entity,Kaspersky\x1b[31m Lab,\"Tax\x1b[2J ID\u009b, 1027739867473\"\n", "fixture")
	r, err := s.Screen(context.Background(), screening.Query{Name: "Kaspersky Lab", ID: "1027739867473"})
	require.NoError(t, err)
	require.Len(t, r.Matches, 1)
	m := r.Matches[0]
	for _, tc := range []struct{ name, text string }{
		{"match", m.String()},
		{"explanation", m.Explanation.String()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.NotContains(t, tc.text, "\x1b", "an ESC is escaped")
			assert.NotContains(t, tc.text, "\u202e", "a bidirectional override is escaped")
			assert.NotContains(t, tc.text, "\u009b", "a C1 control is escaped")
		})
	}
	assert.Equal(t, `1.0000 alert SDN A\x1b[2J\u202e "Kaspersky\x1b[31m Lab" (matched "Kaspersky\x1b[31m Lab")`, m.String())
	assert.Contains(t, m.Explanation.String(), `identifier +0.20 (the entry publishes the query's identifier 1027739867473 (Tax\x1b[2J ID\u009b))`)
}

// TestMatchStringSaysAlertAndCountry: a match's line says whether it is
// an alert or a near miss, and the country that concerns the query when
// there is one, so that a log of matches tells them apart.
func TestMatchStringSaysAlertAndCountry(t *testing.T) {
	e := &entitylist.Entry{Source: "EL", ID: "123", Name: "AO Kaspersky Lab"}
	for _, tc := range []struct {
		m    screening.Match
		want string
	}{
		{screening.Match{Entry: e, MatchedName: "Kaspersky Lab", Score: 0.9412, Alert: true, Country: "RU"}, `0.9412 alert EL 123 "AO Kaspersky Lab" (matched "Kaspersky Lab") RU`},
		{screening.Match{Entry: e, MatchedName: "Kaspersky Lab", Score: 0.6012}, `0.6012 near miss EL 123 "AO Kaspersky Lab" (matched "Kaspersky Lab")`},
		{screening.Match{Entry: e, MatchedName: "Kaspersky Lab", Score: 0.6012, Country: "G\x1bB"}, `0.6012 near miss EL 123 "AO Kaspersky Lab" (matched "Kaspersky Lab") G\x1bB`},
		{screening.Match{}, "no match"},
	} {
		assert.Equal(t, tc.want, tc.m.String())
	}
}

// TestExplanationTextFactors: the text of an explanation gives each
// check's factor and effect to the four places of the score, so that its
// base and checks give the score it shows (a person check of 0.85 times
// 0.85 is x0.7225, not x0.72); the usual two places stay two.
func TestExplanationTextFactors(t *testing.T) {
	ex := screening.Explanation{Base: 0.8143, Score: 0.5883, Threshold: 0.72, Checks: []screening.Check{
		{Name: "person", Factor: 0.7225, Detail: "further given name, common surname"},
		{Name: "one-word-typo", Factor: 0.9, Detail: "typo"},
		{Name: "country", Effect: 0.02, Detail: "same country RU"},
		{Name: "legal-form", Effect: -0.0225, Detail: "made up"},
	}}
	text := ex.String()
	assert.Contains(t, text, "person x0.7225 (further given name, common surname)")
	assert.Contains(t, text, "one-word-typo x0.90 (typo)")
	assert.Contains(t, text, "country +0.02 (same country RU)")
	assert.Contains(t, text, "legal-form -0.0225 (made up)")
}

// TestExplanationSaysCapped: when the checks take a score above 1, the
// explanation says the score is capped at 1, in its field and its text, so
// that its base and checks need not add up to the score it shows; when they
// do not, it says nothing.
func TestExplanationSaysCapped(t *testing.T) {
	s, err := screening.New(entitylist.Default())
	require.NoError(t, err)
	for _, tc := range []struct {
		country string
		capped  bool
	}{{"RU", true}, {"", false}} {
		r, err := s.Screen(context.Background(), screening.Query{Name: "AO Kaspersky Lab", Country: tc.country})
		require.NoError(t, err)
		require.NotEmpty(t, r.Matches)
		ex := r.Matches[0].Explanation
		assert.Equal(t, 1.0, ex.Score, "country %q", tc.country)
		assert.Equal(t, tc.capped, ex.Capped, "country %q", tc.country)
		assert.Equal(t, tc.capped, strings.Contains(ex.String(), "score 1.0000, capped at 1"), "country %q: %s", tc.country, ex)
		data, err := json.Marshal(ex)
		require.NoError(t, err)
		assert.Equal(t, tc.capped, strings.Contains(string(data), `"capped":true`), "country %q: %s", tc.country, data)
		var back screening.Explanation
		require.NoError(t, json.Unmarshal(data, &back))
		assert.Equal(t, ex.Capped, back.Capped)
	}
}

// TestExplanationSaysContainment: when one name holds the other whole and
// adds distinctive words, which then weigh half, the explanation says
// which side holds the other, in its fields and its text; when neither
// does, it says nothing.
func TestExplanationSaysContainment(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name\n"+
		"1,SDN,Entity,BAYT AL-MAL LIL MUSLIMEEN\n"+
		"2,SDN,Entity,ZARYA KOMBINAT\n", "fixture", screening.WithMinScore(0.3))
	for _, tc := range []struct{ query, holds, text string }{
		{"Bayt Al-Mal", "candidate", "the listed name holds the query whole"},
		{"Bayt Al-Mal Lil Muslimeen Zarya", "query", "the query holds the listed name whole"},
		{"Bayt Al-Mal Lil Muslimeen", "", ""},
	} {
		t.Run(tc.query, func(t *testing.T) {
			r, err := s.Screen(context.Background(), screening.Query{Name: tc.query})
			require.NoError(t, err)
			require.NotEmpty(t, r.Matches)
			ex := r.Matches[0].Explanation
			assert.Equal(t, tc.holds, ex.Holds, "%s", ex)
			if tc.text != "" {
				assert.Contains(t, ex.String(), tc.text)
				var half bool
				for _, w := range ex.Unmatched {
					half = half || w.Side == tc.holds && w.Kind == "distinctive"
				}
				assert.True(t, half, "an unmatched distinctive word of the side that holds the other: %s", ex)
			} else {
				assert.NotContains(t, ex.String(), "whole")
			}
		})
	}
}

// TestExplanationSaysPlacesAreNames: a place word of a query that names no
// company, against a listed person, is a word of the name and weighs in
// full unmatched; the explanation's text says so beside the word.
func TestExplanationSaysPlacesAreNames(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name\n"+
		"1,SDN,Individual,\"ALI, Musab\"\n", "fixture", screening.WithMinScore(0.3))
	r, err := s.Screen(context.Background(), screening.Query{Name: "Musab Ali Germany"})
	require.NoError(t, err)
	require.NotEmpty(t, r.Matches)
	ex := r.Matches[0].Explanation
	var qualifier bool
	for _, w := range ex.Query.Words {
		qualifier = qualifier || w.Kind == "qualifier"
	}
	require.True(t, qualifier, "the query has a place word: %s", ex)
	assert.Contains(t, ex.String(), "a place word of the query, weighed in full as a word of the name")
}
