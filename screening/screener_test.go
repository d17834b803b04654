package screening_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/cslfixture"
	"github.com/entityscreen/entityscreen/screening"
)

// inHouse builds a list from in-house CSV rows "name,aliases,country,id".
func inHouse(t testing.TB, rows ...string) *entitylist.List {
	t.Helper()
	text := "name,aliases,country,id,notes\n" + strings.Join(rows, "\n") + "\n"
	l, err := entitylist.ReadInHouse(strings.NewReader(text), "test")
	require.NoError(t, err)
	return l
}

// fixtureScreener returns a Screener of the CSL rows csv (see
// cslfixture.Full), read from origin, with opts.
func fixtureScreener(t testing.TB, csv, origin string, opts ...screening.Option) *screening.Screener {
	t.Helper()
	l, err := entitylist.ReadCSV(strings.NewReader(cslfixture.Full(csv)), origin)
	require.NoError(t, err)
	s, err := screening.New(l, opts...)
	require.NoError(t, err)
	return s
}

// alertCase is a query, an entry's id, and whether the entry should
// alert for the query.
type alertCase struct {
	query, id string
	alert     bool
}

// checkAlerts checks each case's query against the entry of its id with s.
func checkAlerts(t *testing.T, s *screening.Screener, cases []alertCase) {
	t.Helper()
	for _, tc := range cases {
		score := scoreOf(t, s, screening.Query{Name: tc.query}, tc.id)
		assert.Equal(t, tc.alert, score >= screening.DefaultThreshold, "%s: %.4f", tc.query, score)
	}
}

// defaultScreener returns a Screener of the embedded default list, with opts.
func defaultScreener(t testing.TB, opts ...screening.Option) *screening.Screener {
	t.Helper()
	s, err := screening.New(entitylist.Default(), opts...)
	require.NoError(t, err)
	return s
}

// screen screens q with s and returns its matches.
func screen(s *screening.Screener, q screening.Query, opts ...screening.Option) ([]screening.Match, error) {
	r, err := s.Screen(context.Background(), q, opts...)
	return r.Matches, err
}

// scoreOf returns the score of the match of entry id for q, or 0.
func scoreOf(t testing.TB, s *screening.Screener, q screening.Query, id string) float64 {
	t.Helper()
	ms, err := screen(s, q)
	require.NoError(t, err)
	for _, m := range ms {
		if m.Entry.ID == id {
			return m.Score
		}
	}
	return 0
}

// mustMatch returns the match of the entry of id for the query name with
// s, failing the test when the query does not reach it.
func mustMatch(t testing.TB, s *screening.Screener, name, id string) screening.Match {
	t.Helper()
	ms, err := screen(s, screening.Query{Name: name})
	require.NoError(t, err)
	for _, m := range ms {
		if m.Entry.ID == id {
			return m
		}
	}
	t.Fatalf("%q does not reach entry %s", name, id)
	return screening.Match{}
}

func top(t testing.TB, s *screening.Screener, q screening.Query) (screening.Match, bool) {
	t.Helper()
	ms, err := screen(s, q)
	require.NoError(t, err)
	if len(ms) == 0 {
		return screening.Match{}, false
	}
	return ms[0], true
}

func TestScreenKaspersky(t *testing.T) {
	s := defaultScreener(t)
	tests := []struct {
		query string
		want  string // primary name of the expected first match; empty: no alert
	}{
		{"Kaspersky Lab JSC", "AO Kaspersky Lab"},
		{"AO Kaspersky Lab", "AO Kaspersky Lab"},
		{"Kasperskiy Laboratory", "AO Kaspersky Lab"},
		{"ООО Касперский Груп", "OOO Kaspersky Group"},
		{"Kaspersky Group LLC", "OOO Kaspersky Group"},
		{"KASPERSKY LABS LTD.", "Kaspersky Labs Limited"},
		{"Kaspersky Labs Limited", "Kaspersky Labs Limited"},
		{"Kasper Holdings Inc", ""},
		{"Acme Technologies Co., Ltd.", ""},
		{"Global Trading Company Limited", ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			m, ok := top(t, s, screening.Query{Name: tt.query})
			if tt.want == "" {
				assert.False(t, ok, "unexpected alert: %v\n%v", m, m.Explanation)
				return
			}
			require.True(t, ok, "no match")
			assert.Equal(t, tt.want, m.Entry.Name, "%v", m.Explanation)
			assert.True(t, m.Alert)
			assert.GreaterOrEqual(t, m.Score, s.Threshold())
			assert.LessOrEqual(t, m.Score, 1.0)
		})
	}
}

// TestGluedBySound checks that a query word that is two neighbouring words
// of a list name written together by their sound keys, not their keys
// ("Kelltorsan", "Cel Torsan"), finds the name at the threshold: retrieval
// joins the name's words as scoring does.
func TestGluedBySound(t *testing.T) {
	s, err := screening.New(inHouse(t, "Cel Torsan Trading,,RU,B1,", "Orion Trading Company Limited,,AE,O1,"))
	require.NoError(t, err)
	ms, err := screen(s, screening.Query{Name: "Kelltorsan Trading"})
	require.NoError(t, err)
	require.NotEmpty(t, ms, "the glued word finds the name")
	assert.Equal(t, "B1", ms[0].Entry.ID)
	assert.True(t, ms[0].Alert, "%v", ms[0].Explanation)
}

// TestJoinedBySound checks that two neighbouring query words that sound as
// a word of a list name written together ("Jamaat Ul", "Jamatul") meet
// it, found by retrieval as scoring joins them, but not when both are
// short words, which sound as too many others written together ("Sara
// Lee", "Sarralle").
func TestJoinedBySound(t *testing.T) {
	s, err := screening.New(inHouse(t, "Jamatul Ahrar,,PK,J1,", "Pars Sarralle Company,,IR,P1,", "Orion Trading Company Limited,,AE,O1,"),
		screening.WithMinScore(0.3))
	require.NoError(t, err)
	ms, err := screen(s, screening.Query{Name: "Jamaat Ul"})
	require.NoError(t, err)
	require.NotEmpty(t, ms, "the words written together find the name")
	assert.Equal(t, "J1", ms[0].Entry.ID)
	assert.True(t, slices.ContainsFunc(ms[0].Explanation.Pairs, func(p screening.WordPair) bool {
		return p.How == screening.Joined && p.Query == "jamaat ul" && p.Candidate == "jamatul"
	}), "%v", ms[0].Explanation.Pairs)
	ms, err = screen(s, screening.Query{Name: "Sara Lee"})
	require.NoError(t, err)
	assert.Empty(t, ms, "two short words do not meet a word by its sound")
}

func TestScreenWordsAndWeights(t *testing.T) {
	l := inHouse(t,
		"Zvyozdochka Shiprepairing Center Joint Stock Company,,RU,Z1,",
		"Gazprombank,,RU,G1,",
		"140 Repair Plant JSC,,RU,R140,",
		"Orion Trading Company Limited,,AE,O1,",
		"Nordwind Precision Technologies GmbH,,DE,N1,",
		"P&P Computers Ltd,,HK,P1,",
		"Poly Widgets Incorporated (PWI),,CN,W1,",
		"NPO Electronic Systems,,RU,NPO1,",
	)
	s, err := screening.New(l, screening.WithMinScore(0.01))
	require.NoError(t, err)
	score := func(q string) float64 {
		ms, err := screen(s, screening.Query{Name: q})
		require.NoError(t, err)
		if len(ms) == 0 {
			return 0
		}
		return ms[0].Score
	}
	t.Run("word order does not matter", func(t *testing.T) {
		assert.InDelta(t, score("Zvyozdochka Shiprepairing Center JSC"), score("JSC Shiprepairing Center Zvyozdochka"), 1e-9)
	})
	t.Run("legal form class", func(t *testing.T) {
		assert.InDelta(t, 1.0, score("Orion Trading Co Ltd"), 0.02)
		assert.InDelta(t, score("Orion Trading"), score("Orion Trading Company Limited"), 0.02,
			"a missing legal form is no difference")
	})
	t.Run("glued and split words", func(t *testing.T) {
		assert.GreaterOrEqual(t, score("Gazprom Bank"), s.Threshold())
	})
	t.Run("generic word costs little, distinctive word a lot", func(t *testing.T) {
		full := score("Nordwind Precision Technologies GmbH")
		noGeneric := score("Nordwind Precision GmbH")
		noDistinctive := score("Nordwind Technologies GmbH")
		assert.Greater(t, full, noGeneric)
		assert.Greater(t, noGeneric, noDistinctive)
		assert.GreaterOrEqual(t, noGeneric, s.Threshold())
	})
	t.Run("numbers must agree", func(t *testing.T) {
		assert.GreaterOrEqual(t, score("AO 140 Repair Plant"), s.Threshold())
		assert.Less(t, score("356 Repair Plant JSC"), s.Threshold())
	})
	t.Run("only generic words", func(t *testing.T) {
		assert.Less(t, score("Apex Trading Company Limited"), s.Threshold())
		// A name of organization words only is found by them, when the
		// query holds nothing else.
		assert.GreaterOrEqual(t, score("NPO Electronic"), s.Threshold())
		assert.Less(t, score("Electronic Systems Trading"), s.Threshold(), "a query word the name lacks")
	})
	t.Run("typo in the first letter", func(t *testing.T) {
		assert.GreaterOrEqual(t, score("Mordwind Precision Technologies"), s.Threshold())
	})
	t.Run("letters joined by and", func(t *testing.T) {
		for _, q := range []string{"P&P Computers", "P & P Computers Limited", "P and P Computers", "P P Computers", "PP Computers", "P.P. Computers"} {
			assert.InDelta(t, 1.0, score(q), 0.001, q)
		}
		assert.Less(t, score("P Computers"), s.Threshold())
	})
	t.Run("misspelled organization word", func(t *testing.T) {
		// A misspelling the list does not hold weighs as the organization
		// word it stands for, not as the rarest word there is.
		assert.GreaterOrEqual(t, score("Orion Tradimg Company Limited"), 0.95)
		assert.GreaterOrEqual(t, score("Nordwind Precision Tevhnologies GmbH"), 0.95)
		assert.Less(t, score("Apex Tradimg Company Limited"), s.Threshold(), "still only organization words")
	})
	t.Run("list wording on the query", func(t *testing.T) {
		assert.InDelta(t, 1.0, score("Poly Widgets Incorporated (PWI), and its sub-units and successors"), 0.001)
	})
}

// TestScreenUnknownWord: a query whose distinctive word the list lacks
// meets names in organization words only; they score half at most and are
// reported only when the minimum score lets such scores through.
func TestScreenUnknownWord(t *testing.T) {
	l := inHouse(t, "Orion Group,,AE,O1,", "Vega Group Holdings,,AE,V1,")
	s, err := screening.New(l)
	require.NoError(t, err)
	ms, err := screen(s, screening.Query{Name: "Kasperskiy Group"})
	require.NoError(t, err)
	assert.Empty(t, ms)

	s, err = screening.New(l, screening.WithMinScore(0.01))
	require.NoError(t, err)
	ms, err = screen(s, screening.Query{Name: "Kasperskiy Group"})
	require.NoError(t, err)
	require.NotEmpty(t, ms, "near misses are found through the organization words")
	for _, m := range ms {
		assert.LessOrEqual(t, m.Score, 0.5, m.MatchedName)
		assert.Equal(t, "generic-only", m.Explanation.Checks[0].Name)
	}
}

func TestScreenCountry(t *testing.T) {
	l := inHouse(t, "Orion Aerospace Industries,,AE,O1,")
	s, err := screening.New(l)
	require.NoError(t, err)
	get := func(country string) screening.Match {
		m, ok := top(t, s, screening.Query{Name: "Orion Aerospace Industries", Country: country})
		require.True(t, ok)
		return m
	}
	none, same, other := get(""), get("ae"), get("US")
	assert.Greater(t, none.Score+0.01, same.Score, "same country cannot exceed 1 by much")
	assert.GreaterOrEqual(t, same.Score, none.Score)
	assert.Less(t, other.Score, none.Score, "a different country lowers the score")
	assert.True(t, other.Alert, "and never hides a strong match")
}

// TestCountryForms checks that a country written as vendor files write it
// scores as its ISO code does.
func TestCountryForms(t *testing.T) {
	s := defaultScreener(t)
	want, err := screen(s, screening.Query{Name: "Kaspersky Lab", Country: "RU"})
	require.NoError(t, err)
	for _, c := range []string{"ru", "RUS", "Russia", "russian federation"} {
		got, err := screen(s, screening.Query{Name: "Kaspersky Lab", Country: c})
		require.NoError(t, err, c)
		require.Len(t, got, len(want), c)
		for i := range want {
			assert.Equal(t, want[i].Score, got[i].Score, c)
			assert.Equal(t, want[i].Country, got[i].Country, c)
		}
	}
}

func TestScreenErrors(t *testing.T) {
	s := defaultScreener(t)
	tests := []struct {
		name string
		q    screening.Query
		want error
	}{
		{"empty", screening.Query{Name: "  "}, screening.ErrEmptyName},
		{"only a legal form", screening.Query{Name: "Ltd."}, screening.ErrEmptyName},
		{"invalid UTF-8", screening.Query{Name: "Kaspersky \xff Lab"}, screening.ErrInvalidUTF8},
		{"too long", screening.Query{Name: strings.Repeat("Kaspersky ", 1<<17)}, screening.ErrTooLong},
		{"no country", screening.Query{Name: "Kaspersky Lab", Country: "Ruritania"}, screening.ErrInvalidCountry},
		{"a number for a country", screening.Query{Name: "Kaspersky Lab", Country: "643"}, screening.ErrInvalidCountry},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := screen(s, tt.q)
			assert.ErrorIs(t, err, tt.want)
			assert.Empty(t, ms)
		})
	}
}

func TestNewOptions(t *testing.T) {
	l := entitylist.Default()
	for _, opt := range []screening.Option{
		screening.WithThreshold(0), screening.WithThreshold(1.5),
		screening.WithLimit(0), screening.WithMinScore(-0.5), screening.WithMinScore(2),
	} {
		_, err := screening.New(l, opt)
		assert.Error(t, err)
	}
	_, err := screening.New(nil)
	assert.Error(t, err)
}

func TestScreenLimitAndMinScore(t *testing.T) {
	s := defaultScreener(t, screening.WithMinScore(0.2), screening.WithLimit(2))
	ms, err := screen(s, screening.Query{Name: "Kaspersky"})
	require.NoError(t, err)
	require.Len(t, ms, 2)
	assert.GreaterOrEqual(t, ms[0].Score, ms[1].Score, "best first")
	for _, m := range ms {
		assert.Equal(t, m.Score >= s.Threshold(), m.Alert)
		assert.Equal(t, "embedded default", m.Version.Origin)
	}
}

func TestExplanation(t *testing.T) {
	s := defaultScreener(t)
	m, ok := top(t, s, screening.Query{Name: "Kaspersky Lab JSC", Country: "RU"})
	require.True(t, ok)
	ex := m.Explanation
	assert.Equal(t, "Kaspersky Lab JSC", ex.Query.Text)
	assert.Equal(t, []string{"JSC"}, ex.Query.LegalForms)
	assert.Equal(t, m.MatchedName, ex.Candidate.Text)
	require.NotEmpty(t, ex.Pairs)
	assert.Equal(t, screening.Exact, ex.Pairs[0].How)
	assert.InDelta(t, m.Score, ex.Score, 1e-9)
	var country bool
	for _, c := range ex.Checks {
		country = country || c.Name == "country"
	}
	assert.True(t, country, "the country check is explained")
	text := ex.String()
	assert.Contains(t, text, "kaspersky")
	assert.Contains(t, text, "score")
	js, err := json.Marshal(ex)
	require.NoError(t, err)
	assert.Contains(t, string(js), `"how":"exact"`)
	var back screening.Explanation
	require.NoError(t, json.Unmarshal(js, &back), "explanations round-trip through JSON")
	assert.Equal(t, ex, back)
}

// TestExplanationsOff: matches are explained unless screened
// WithExplanations(false), and leaving them out changes nothing else of
// the result; an unexplained match leaves the explanation out of its JSON
// record.
func TestExplanationsOff(t *testing.T) {
	s, err := screening.New(entitylist.Default(), screening.WithMinScore(0.3), screening.WithLimit(10))
	require.NoError(t, err)
	matched := 0
	for _, name := range []string{"Kaspersky Lab JSC", "Huawei Technologies", "Rosoboronexport", "OOO Kaspersky Group", "Mahan Air"} {
		q := screening.Query{Name: name, Country: "RU"}
		explained, err := s.Screen(context.Background(), q)
		require.NoError(t, err)
		plain, err := s.Screen(context.Background(), q, screening.WithExplanations(false))
		require.NoError(t, err)
		require.Len(t, plain.Matches, len(explained.Matches), name)
		if len(plain.Matches) == 0 {
			continue
		}
		matched++
		for i := range plain.Matches {
			assert.Zero(t, plain.Matches[i].Explanation, name)
			assert.InDelta(t, explained.Matches[i].Score, explained.Matches[i].Explanation.Score, 1e-9, name)
			m := explained.Matches[i]
			m.Explanation = screening.Explanation{}
			assert.Equal(t, m, plain.Matches[i], name)
		}
		js, err := json.Marshal(plain.Matches[0])
		require.NoError(t, err)
		assert.NotContains(t, string(js), `"explanation"`, name)
	}
	assert.GreaterOrEqual(t, matched, 3, "queries with matches")
}

func TestScreenDeterministic(t *testing.T) {
	l := inHouse(t,
		"Orion Systems,,AE,A,",
		"Orion Systems,,AE,B,",
		"Orion Systems,,AE,C,",
	)
	s, err := screening.New(l)
	require.NoError(t, err)
	for range 5 {
		ms, err := screen(s, screening.Query{Name: "Orion Systems"})
		require.NoError(t, err)
		require.Len(t, ms, 3)
		assert.Equal(t, []string{"A", "B", "C"}, []string{ms[0].Entry.ID, ms[1].Entry.ID, ms[2].Entry.ID},
			"ties in list order")
	}
}

// TestScreenEntityType checks the entity-type check: a query that names a
// company (by a legal form or an organization word) scores a person on the
// list at 0.85 times and a vessel at 0.6 times the entity; a bare name
// scores them alike.
func TestScreenEntityType(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name\n"+
		"V,SDN,Vessel,ORION STAR\nP,SDN,Individual,ORION STAR\nE,SDN,Entity,ORION STAR\n", "types", screening.WithMinScore(0.5))
	scores := func(name string) map[string]float64 {
		ms, err := screen(s, screening.Query{Name: name})
		require.NoError(t, err)
		out := map[string]float64{}
		for _, m := range ms {
			out[m.Entry.ID] = m.Score
		}
		return out
	}
	bare := scores("Orion Star")
	assert.Equal(t, map[string]float64{"V": 1, "P": 1, "E": 1}, bare)
	for _, name := range []string{"Orion Star Ltd", "Orion Star Corporation", "Orion Star Group"} {
		got := scores(name)
		require.Len(t, got, 3, name)
		assert.InDelta(t, got["E"]*0.85, got["P"], 1e-4, "%s: a person", name)
		assert.InDelta(t, got["E"]*0.6, got["V"], 1e-4, "%s: a vessel", name)
	}
	ms, err := screen(s, screening.Query{Name: "Orion Star Corporation"})
	require.NoError(t, err)
	require.NotEmpty(t, ms)
	v := ms[len(ms)-1]
	require.Equal(t, "V", v.Entry.ID, "the vessel last")
	require.NotEmpty(t, v.Explanation.Checks)
	assert.Equal(t, "entity-type", v.Explanation.Checks[len(v.Explanation.Checks)-1].Name)
}

// TestScreenTieOrder checks the order of names that score the same: a
// match of the query's whole name comes before a match of one of its parts,
// though the part's entry comes first in the list.
func TestScreenTieOrder(t *testing.T) {
	l := inHouse(t,
		"Orion Systems Trading,,AE,PART,",
		"Orion Systems Trading (Vega Star Works),,AE,WHOLE,",
	)
	s, err := screening.New(l)
	require.NoError(t, err)
	ms, err := screen(s, screening.Query{Name: "Orion Systems Trading (Vega Star Works)"})
	require.NoError(t, err)
	require.Len(t, ms, 2)
	assert.Equal(t, ms[0].Score, ms[1].Score, "both names score the same")
	assert.Equal(t, []string{"WHOLE", "PART"}, []string{ms[0].Entry.ID, ms[1].Entry.ID})

	// Names that score the same: the one written like the query first,
	// though it comes later in the list.
	l = inHouse(t,
		"ORION SYSTEMS TRADING CORPORATION,,AE,LONG,",
		"Orion Systems Trading Corp.,,AE,SHORT,",
	)
	s, err = screening.New(l)
	require.NoError(t, err)
	for q, want := range map[string][]string{
		"Orion Systems Trading Corp":        {"SHORT", "LONG"},
		"orion systems trading corporation": {"LONG", "SHORT"},
	} {
		ms, err = screen(s, screening.Query{Name: q})
		require.NoError(t, err)
		require.Len(t, ms, 2)
		assert.Equal(t, ms[0].Score, ms[1].Score, "%s: both names score the same", q)
		assert.Equal(t, want, []string{ms[0].Entry.ID, ms[1].Entry.ID}, q)
	}
}

func TestScreenAll(t *testing.T) {
	s := defaultScreener(t)
	qs := []screening.Query{{Name: "Kaspersky Lab JSC"}, {Name: ""}, {Name: "Kasper Holdings"}, {Name: "KASPERSKY LABS LTD."}}
	rs := s.ScreenAll(context.Background(), qs, screening.WithWorkers(3))
	require.Len(t, rs, len(qs))
	for i, r := range rs {
		assert.Equal(t, qs[i], r.Query, "input order")
	}
	assert.NotEmpty(t, rs[0].Matches)
	assert.ErrorIs(t, rs[1].Err, screening.ErrEmptyName)
	assert.Empty(t, rs[2].Matches)
	assert.NotEmpty(t, rs[3].Matches)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rs = s.ScreenAll(ctx, qs, screening.WithWorkers(2))
	require.Len(t, rs, len(qs))
	for _, r := range rs {
		assert.True(t, errors.Is(r.Err, context.Canceled))
	}
}

// TestScreenConcurrent screens from many goroutines at once against one
// Screener and checks every result equals the single-threaded one; run with
// -race.
func TestScreenConcurrent(t *testing.T) {
	s := defaultScreener(t, screening.WithMinScore(0.3))
	var names []string
	for _, e := range s.List().All() {
		names = append(names, e.Names()...)
	}
	names = append(names, "Kasper Holdings", "Huawey Tech", "ООО Касперский Груп")
	want := make([][]screening.Match, len(names))
	for i, n := range names {
		ms, err := screen(s, screening.Query{Name: n})
		require.NoError(t, err)
		want[i] = ms
	}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := range 16 {
		wg.Go(func() {
			for k := range names {
				i := (k + g*7) % len(names)
				ms, err := screen(s, screening.Query{Name: names[i]})
				if err != nil || fmt.Sprint(ms) != fmt.Sprint(want[i]) {
					errs <- fmt.Errorf("%q: got %v, %v; want %v", names[i], ms, err, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestOwnNamesFindOwnEntry: every name and alias of every entry of the
// embedded list finds its own entry first (ties with an entry that has the
// same name are allowed).
func TestOwnNamesFindOwnEntry(t *testing.T) {
	s := defaultScreener(t)
	checkOwnNames(t, s)
}

func checkOwnNames(t *testing.T, s *screening.Screener) {
	t.Helper()
	skipped := map[string]bool{}
	for _, sk := range s.Skipped() {
		skipped[sk.Name] = true
	}
	failures := 0
	for _, e := range s.List().All() {
		for _, n := range e.Names() {
			ms, err := screen(s, screening.Query{Name: n})
			if err != nil {
				// A name such as "LLC" alone cannot be screened: Skipped reports it.
				assert.True(t, skipped[n], "%q fails (%v) but is not reported by Skipped", n, err)
				continue
			}
			// First, or tied for first, itself or as a row of the party.
			ok := len(ms) > 0 && ms[0].Score == firstScoreOf(ms, e)
			if !ok {
				failures++
				if failures <= 20 {
					t.Errorf("%s %q: own entry not first: %v", e.ID, n, ms)
				}
			}
		}
	}
	assert.Zero(t, failures)
}

// firstScoreOf returns the score of the match of entry e among ms, itself
// or as a row of the party of the match (Match.Also), or -1. The entries
// of a match are copies of the list's: they are compared by value.
func firstScoreOf(ms []screening.Match, e *entitylist.Entry) float64 {
	same := func(x *entitylist.Entry) bool { return assert.ObjectsAreEqual(e, x) }
	for _, m := range ms {
		if same(m.Entry) || slices.ContainsFunc(m.Also, same) {
			return m.Score
		}
	}
	return -1
}

// TestOwnNamesFindOwnEntryRealCSL: the same on the real 2022 CSL.
func TestOwnNamesFindOwnEntryRealCSL(t *testing.T) {
	if testing.Short() {
		t.Skip("real-list property test skipped in short mode")
	}
	s := realScreener(t, screening.WithLimit(50))
	checkOwnNames(t, s)
}

// TestMatchJSON checks that a match marshals to a readable audit record and
// reads back the same.
func TestMatchJSON(t *testing.T) {
	s := defaultScreener(t)
	ms, err := screen(s, screening.Query{Name: "Kaspersky Lab JSC", Country: "RU"})
	require.NoError(t, err)
	require.NotEmpty(t, ms)
	data, err := json.Marshal(ms[0])
	require.NoError(t, err)

	var raw map[string]any
	require.NoError(t, json.Unmarshal(data, &raw))
	assert.Equal(t, "AO Kaspersky Lab", raw["matched_name"])
	assert.Equal(t, true, raw["alert"])
	// The record's summary repeats the entry's identity.
	assert.Equal(t, ms[0].Entry.ID, raw["id"])
	assert.Equal(t, "EL", raw["source"])
	assert.Equal(t, "AO Kaspersky Lab", raw["name"])
	entry := raw["entry"].(map[string]any)
	assert.Equal(t, "EL", entry["source"])
	assert.Equal(t, "unknown", entry["type"], "the Entity List publishes no type")
	assert.Equal(t, []any{"89 FR 52362"}, entry["federal_register_notices"])
	assert.NotContains(t, entry, "vessel", "fields not published are left out")
	version := raw["list_version"].(map[string]any)
	assert.Equal(t, "csv", version["format"])
	assert.Equal(t, s.List().Version().SHA256, version["sha256"])
	assert.Contains(t, raw["explanation"], "pairs")

	var back screening.Match
	require.NoError(t, json.Unmarshal(data, &back))
	assert.Equal(t, *ms[0].Entry, *back.Entry)
	back.Entry = ms[0].Entry
	assert.Equal(t, screening.WithoutIndexes(ms[0]), back, "all but the indexes of the rows, which JSON does not hold")
}

// TestQualifiedNames screens subsidiary-style names: a listed name with a
// place or business qualifier and a local legal form added is the listed
// party, and says so; qualifiers alone make no match.
func TestQualifiedNames(t *testing.T) {
	s := defaultScreener(t)
	for _, tc := range []struct {
		query, want string
		contains    bool // the query adds qualifiers to the listed name
	}{
		{"Hikvision Europe B.V.", "Hangzhou Hikvision Digital Technology Co., Ltd.", true},
		{"Huawei Germany", "Huawei Technologies Deutschland GmbH", false}, // Germany is Deutschland
		{"Kaspersky Labs UK Ltd", "Kaspersky Labs Limited", true},
		{"Dahua Technology Middle East FZE", "Dahua Technology", true},
	} {
		t.Run(tc.query, func(t *testing.T) {
			ms, err := screen(s, screening.Query{Name: tc.query})
			require.NoError(t, err)
			require.NotEmpty(t, ms)
			assert.Equal(t, tc.want, ms[0].Entry.Name)
			assert.Equal(t, tc.contains, ms[0].Explanation.Contains, "explanation: %v", ms[0].Explanation)
			assert.Equal(t, tc.contains, strings.Contains(ms[0].Explanation.String(), "contains the listed name"))
		})
	}
	for _, q := range []string{"Telecom Italia", "Kasper Holdings", "Acme (Asia Pacific) Pte Ltd", "Ameren Hong Kong", "Global Trading Europe GmbH"} {
		ms, err := screen(s, screening.Query{Name: q})
		require.NoError(t, err)
		assert.Empty(t, ms, q)
	}
}

// TestBranchAfterForm checks that the words after a legal form inside a
// name weigh as qualifiers do: "Zorvel Cargo Ltd.-Kanto" is the listed
// Zorvel Cargo's branch, and says so in the explanation.
func TestBranchAfterForm(t *testing.T) {
	s := fixtureScreener(t, "_id,source,entity_number,type,name\n"+
		"1,SDN,1,Entity,ZORVEL CARGO LTD.\n2,SDN,2,Entity,VELMIRA DOO\n", "branches", screening.WithMinScore(0.3))
	checkAlerts(t, s, []alertCase{
		{"Zorvel Cargo Ltd.-Kanto", "1", true},
		{"Velmira DOO Trosk-Miravec", "2", true},
		{"Velmira Trosk-Miravec", "2", false}, // no form: the words are the name's
	})
	ms, err := screen(s, screening.Query{Name: "Zorvel Cargo Ltd.-Kanto"})
	require.NoError(t, err)
	require.NotEmpty(t, ms)
	require.Len(t, ms[0].Explanation.Unmatched, 1)
	assert.Equal(t, "kanto", ms[0].Explanation.Unmatched[0].Key)
	assert.Equal(t, "qualifier", ms[0].Explanation.Unmatched[0].Kind)
}

// TestPlacesInPersonNames checks that a place word is a name against a
// person's name: "Musab Turkmen" is not the listed "ABU MUSAB", whose
// name lacks "Turkmen", while against an organization's name the same
// word is a qualifier that neither makes nor breaks a match.
func TestPlacesInPersonNames(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name\n"+
		"P,SDN,Individual,ABU MUSAB\nE,SDN,Entity,MUSAB\nX,SDN,Entity,ORION TRADING\nY,SDN,Entity,ATLAS SHIPPING\n", "places", screening.WithMinScore(0.2))
	ms, err := screen(s, screening.Query{Name: "Musab Turkmen"})
	require.NoError(t, err)
	scores := map[string]float64{}
	for _, m := range ms {
		scores[m.Entry.ID] = m.Score
		if m.Entry.ID == "P" {
			assert.False(t, m.Explanation.Contains, "a person's name has no qualifiers")
			require.Len(t, m.Explanation.Unmatched, 2, "%v", m.Explanation)
			assert.Equal(t, "distinctive", m.Explanation.Unmatched[0].Kind, "Turkmen is a name here")
		}
	}
	require.Contains(t, scores, "P")
	require.Contains(t, scores, "E")
	assert.Less(t, scores["P"], screening.DefaultThreshold, "the person's name lacks Turkmen")
	assert.GreaterOrEqual(t, scores["E"], screening.DefaultThreshold, "the organization with a place added")
}

// TestResultsOwnTheirMemory checks that a result, explanations included,
// does not change when the Screener screens other queries after it: the
// per-query working memory a Screener reuses is never part of a result.
func TestResultsOwnTheirMemory(t *testing.T) {
	s := defaultScreener(t, screening.WithMinScore(0.3))
	queries := []screening.Query{{Name: "Kaspersky Lab JSC", Country: "RU"}, {Name: "华为技术有限公司"},
		{Name: "Huawey Technologies Co Ltd"}, {Name: "OOO Kaspersky Group", Address: "Moscow"}}
	var results []screening.Result
	var before []string
	for _, q := range queries {
		r, err := s.Screen(context.Background(), q)
		require.NoError(t, err)
		require.NotEmpty(t, r.Matches, q.Name)
		b, err := json.Marshal(r)
		require.NoError(t, err)
		results, before = append(results, r), append(before, string(b))
	}
	for i := range 20 {
		q := queries[i%len(queries)]
		q.Name += " Trading Holdings"
		_, err := s.Screen(context.Background(), q)
		require.NoError(t, err)
	}
	for i, r := range results {
		b, err := json.Marshal(r)
		require.NoError(t, err)
		assert.JSONEq(t, before[i], string(b), "query %q", queries[i].Name)
	}
}

// TestResultsOwnTheirVersions checks that the list version of a result
// and of each of its matches is the caller's own, as a match's Entry is:
// changing its counts by source or its parts changes neither another
// result, another match, nor what the Screener reports later (and
// goroutines that each change their own results do not race).
func TestResultsOwnTheirVersions(t *testing.T) {
	l := entitylist.Merge(entitylist.Default(), entitylist.Procurement())
	s, err := screening.New(l, screening.WithMinScore(0.3))
	require.NoError(t, err)
	ctx := context.Background()
	q := screening.Query{Name: "Kaspersky Lab"}
	changed, err := s.Screen(ctx, q)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(changed.Matches), 2)
	other, err := s.Screen(ctx, q)
	require.NoError(t, err)
	want := l.Version()
	want.Unscreened = other.Version.Unscreened
	require.NotEmpty(t, want.BySource)
	require.NotEmpty(t, want.Parts)

	change := func(v *entitylist.Version) {
		clear(v.BySource)
		v.Parts[0].Origin = "changed"
	}
	change(&changed.Version)
	change(&changed.Matches[0].Version)
	assert.Equal(t, want, changed.Matches[1].Version, "another match of the same result")
	assert.Equal(t, want, other.Version, "another result")
	assert.Equal(t, want, other.Matches[0].Version, "a match of another result")
	later, err := s.Screen(ctx, q)
	require.NoError(t, err)
	assert.Equal(t, want, later.Version, "a later result")
	assert.Equal(t, want, later.Matches[0].Version, "a match of a later result")

	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 20 {
				r, err := s.Screen(ctx, q)
				if assert.NoError(t, err) && assert.NotEmpty(t, r.Matches) {
					change(&r.Version)
					change(&r.Matches[0].Version)
				}
			}
		})
	}
	wg.Wait()
}

// TestContainedNames: a name holding every distinctive word of another,
// at least two, and words more is the same party as often as not ("BAYT
// AL-MAL LIL MUSLIMEEN" and "BAYT AL-MAL"): the words more weigh half, on
// either side, so that two words more do not break the match. One shared
// word is not enough, and a person's name keeps its own rules.
func TestContainedNames(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name\n"+
		"A,SDN,Entity,VELTRANO KRISMAR\nB,SDN,Entity,ODRAVEK PLUSNIA TARVENO SOLIMAR\nC,SDN,Entity,MERIDOX SALVANTE\n"+
		"P,SDN,Individual,\"SALVANTE, Meridox\"\n", "contained", screening.WithMinScore(0.2))
	score := func(query, id string) float64 { return scoreOf(t, s, screening.Query{Name: query}, id) }
	assert.GreaterOrEqual(t, score("Veltrano Krismar Dunavia Sorbel", "A"), screening.DefaultThreshold, "the query adds words")
	assert.GreaterOrEqual(t, score("Odravek Plusnia", "B"), screening.DefaultThreshold, "the list name adds words")
	assert.Less(t, score("Veltrano Dunavia Sorbel", "A"), screening.DefaultThreshold, "one word shared")
	assert.Less(t, score("Odravek Sorbel", "B"), screening.DefaultThreshold, "one word shared of four")
	assert.Greater(t, score("Meridox Salvante Dunavia Sorbel", "C"), score("Meridox Salvante Dunavia Sorbel", "P"),
		"a person's name is not an organization's: a word more is another given name")
}

// TestEverydayNameAbroad checks that a name of one everyday English word,
// in another country than the listed party's, cannot alert on the name
// alone, where a coined word of one party still does, and the same name in
// the party's country too.
func TestEverydayNameAbroad(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name,addresses\n"+
		"P,SDN,Entity,OPERA,\"1 Tverskaya St, Moscow, , , RU\"\n"+
		"Z,SDN,Entity,ZORBLAX,\"1 Tverskaya St, Moscow, , , RU\"\n", "everyday abroad", screening.WithMinScore(0.3))
	score := func(q screening.Query, id string) float64 { return scoreOf(t, s, q, id) }
	assert.Less(t, score(screening.Query{Name: "Opera Inc.", Country: "US"}, "P"), screening.DefaultThreshold)
	assert.GreaterOrEqual(t, score(screening.Query{Name: "Opera Inc.", Country: "RU"}, "P"), screening.DefaultThreshold)
	assert.GreaterOrEqual(t, score(screening.Query{Name: "Opera Inc."}, "P"), screening.DefaultThreshold)
	assert.GreaterOrEqual(t, score(screening.Query{Name: "Zorblax Inc.", Country: "US"}, "Z"), screening.DefaultThreshold)
}

// TestTradeLeftOutAbroad checks that a name that leaves out what a listed
// party of one distinctive word does, in another country than the
// party's, cannot alert on the name alone, where one that keeps the
// party's trade, or names a place of its own (a subsidiary abroad), or is
// in the party's country, still does, and that the explanation says why.
func TestTradeLeftOutAbroad(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name,addresses\n"+
		"Z,SDN,Entity,ZORBLAX LOGISTICS,\"1 Tverskaya St, Moscow, , , RU\"\n", "trade abroad", screening.WithMinScore(0.3))
	score := func(q screening.Query) float64 { return scoreOf(t, s, q, "Z") }
	assert.InDelta(t, 0.7*score(screening.Query{Name: "Zorblax"}), score(screening.Query{Name: "Zorblax", Country: "US"}), 1e-4)
	assert.GreaterOrEqual(t, score(screening.Query{Name: "Zorblax", Country: "RU"}), screening.DefaultThreshold)
	assert.GreaterOrEqual(t, score(screening.Query{Name: "Zorblax"}), screening.DefaultThreshold)
	assert.GreaterOrEqual(t, score(screening.Query{Name: "Zorblax Logistics", Country: "US"}), screening.DefaultThreshold,
		"the party's trade kept")
	assert.InDelta(t, score(screening.Query{Name: "Zorblax Japan"})-0.04, score(screening.Query{Name: "Zorblax Japan", Country: "US"}), 1e-4,
		"a place of its own: a branch abroad")

	m, ok := top(t, s, screening.Query{Name: "Zorblax", Country: "US"})
	require.True(t, ok)
	i := slices.IndexFunc(m.Explanation.Checks, func(c screening.Check) bool { return c.Name == "country" })
	require.GreaterOrEqual(t, i, 0)
	assert.InDelta(t, 0.7, m.Explanation.Checks[i].Factor, 1e-9)
	assert.Contains(t, m.Explanation.Checks[i].Detail, "leaves out what the listed party does")
}

// TestShortWordAlone checks that names meeting in one short word only (an
// initialism such as "SEI", three letters or fewer) are weaker evidence
// than names meeting in a longer one, that a second word meeting, an
// organization word too, lifts the check, and that the explanation names
// it.
func TestShortWordAlone(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name,addresses\n"+
		"S,SDN,Entity,QVZ HOLDING LLC,\"1 Azadi St, Tehran, , , IR\"\n"+
		"L,SDN,Entity,QVZOR HOLDING LLC,\"1 Azadi St, Tehran, , , IR\"\n"+
		"B,SDN,Entity,XKV BANK PJSC,\"1 Tverskaya St, Moscow, , , RU\"\n", "short", screening.WithMinScore(0.3))
	score := func(q screening.Query, id string) float64 { return scoreOf(t, s, q, id) }
	short := score(screening.Query{Name: "QVZ Investments"}, "S")
	long := score(screening.Query{Name: "Qvzor Investments"}, "L")
	assert.InDelta(t, long*0.8, short, 1e-4, "the same names but for the length of the word they meet in")
	assert.GreaterOrEqual(t, score(screening.Query{Name: "QVZ"}, "S"), screening.DefaultThreshold,
		"the whole name, alone, is still a possible match")
	assert.Less(t, score(screening.Query{Name: "QVZ", Country: "US"}, "S"), screening.DefaultThreshold,
		"and, in another country, no longer")
	assert.GreaterOrEqual(t, score(screening.Query{Name: "XKV Bank"}, "B"), 0.9, "two words meet")

	ms, err := screen(s, screening.Query{Name: "QVZ Investments"})
	require.NoError(t, err)
	require.NotEmpty(t, ms)
	var checks []string
	for _, c := range ms[0].Explanation.Checks {
		checks = append(checks, c.Name)
	}
	assert.Contains(t, checks, "short-word")
}

// TestOneEverydayWord checks that names meeting in one everyday English
// word only, one of them holding words the other lacks, cost a fifth and
// say so, and that the check spares a coined word, a query that adds only
// a legal form, names meeting in an organization word too, and names
// whose legal forms agree.
func TestOneEverydayWord(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name\n"+
		"G,EL,Entity,GARDEN S.A.L.\n"+
		"Z,EL,Entity,ZORBLAX S.A.L.\n"+
		"S,EL,Entity,GARDEN SHIPPING LTD\n"+
		"T,EL,Entity,GARDEN TECHNOLOGY LTD\n", "everyday word", screening.WithMinScore(0.3))
	for _, tc := range []struct {
		query, id string
		check     bool
	}{
		{"International Garden", "G", true},
		{"Scottish Garden", "G", true},
		{"Garden", "T", true},
		{"International Zorblax", "Z", false},
		{"Garden Limited", "G", false},
		{"Garden Shipping Canada", "S", false},
		{"Garden Ltd", "T", false},
	} {
		m := mustMatch(t, s, tc.query, tc.id)
		i := slices.IndexFunc(m.Explanation.Checks, func(c screening.Check) bool { return c.Name == "one-everyday-word" })
		if !tc.check {
			assert.Less(t, i, 0, tc.query)
			continue
		}
		if assert.GreaterOrEqual(t, i, 0, tc.query) {
			assert.InDelta(t, 0.8, m.Explanation.Checks[i].Factor, 1e-9, tc.query)
			assert.InDelta(t, 0.8*m.Explanation.Base, m.Score, 1e-4, tc.query)
		}
	}
}

// TestEverydayWordsJoined checks that everyday English words written
// together ("Gardenstar") meet the words apart as everyday words, at a
// share of their weight, while coined words joined so count in full.
func TestEverydayWordsJoined(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name\n"+
		"G,EL,Entity,GARDEN STAR TRADING LLC\n"+
		"Z,EL,Entity,ZORBLAX QUENTOR TRADING LLC\n", "everyday joined", screening.WithMinScore(0.3))
	for q, want := range map[string]bool{"Gardenstar Trading": true, "Zorblaxquentor Trading": false} {
		m := mustMatch(t, s, q, map[bool]string{true: "G", false: "Z"}[want])
		i := slices.IndexFunc(m.Explanation.Pairs, func(p screening.WordPair) bool { return p.How == screening.Joined })
		if assert.GreaterOrEqual(t, i, 0, q) {
			assert.Equal(t, want, m.Explanation.Pairs[i].Everyday, q)
		}
	}
}

// TestOneWordNotOrganizationWord checks that a query of one word that
// misspells an organization word, or sounds like one, is a name of its
// own, not that organization word meeting a list name of it alone, while
// the word written as the tables write it still is.
func TestOneWordNotOrganizationWord(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name\n"+
		"C,EL,Entity,LLC Center\n"+
		"A,EL,Entity,Vostrel Research Center\n"+
		"B,EL,Entity,Kalvesta Trade Center\n"+
		"D,EL,Entity,Dornava Engineering Center\n"+
		"F,EL,Entity,Fentex Properties Ltd\n", "one word", screening.WithMinScore(0.3))
	assert.Less(t, scoreOf(t, s, screening.Query{Name: "Centex"}, "C"), screening.DefaultThreshold, "a misspelling")
	assert.Less(t, scoreOf(t, s, screening.Query{Name: "Cenntro Inc."}, "C"), screening.DefaultThreshold, "a sound")
	assert.GreaterOrEqual(t, scoreOf(t, s, screening.Query{Name: "Centre"}, "C"), screening.DefaultThreshold, "the word as written")
}

// TestBancorpNotBank checks that a bank's holding company ("Bancorp",
// "Bankshares") is an organization word of its own: a name of it does
// not meet a bank's.
func TestBancorpNotBank(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name\n"+
		"B,SDN,Entity,BANCORP\n"+
		"N,SDN,Entity,NATIONAL BANK\n", "bancorp", screening.WithMinScore(0.3))
	assert.Less(t, scoreOf(t, s, screening.Query{Name: "Bank"}, "B"), screening.DefaultThreshold)
	assert.Less(t, scoreOf(t, s, screening.Query{Name: "National Bankshares, Inc."}, "N"), screening.DefaultThreshold)
	assert.GreaterOrEqual(t, scoreOf(t, s, screening.Query{Name: "The Bancorp, Inc."}, "B"), screening.DefaultThreshold)
	assert.GreaterOrEqual(t, scoreOf(t, s, screening.Query{Name: "National Bank"}, "N"), screening.DefaultThreshold)
}

// TestOrganizationAbbreviations checks that a Russian organization's name
// with its kind abbreviated ("NPP", "NPO", "NII") finds the name that
// spells it out, in English or in Russian, and the reverse.
func TestOrganizationAbbreviations(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name\n"+
		"A,EL,Entity,\"Scientific-Production Enterprise Vostrel, JSC\"\nB,EL,Entity,NPO Kalvesta\n"+
		"C,EL,Entity,Nauchno-Issledovatelskiy Institut Dornava\n", "abbreviations")
	for q, id := range map[string]string{
		"JSC NPP Vostrel": "A", "Research and Production Association Kalvesta": "B", "NII Dornava": "C",
		"Scientific Research Institute Dornava": "C",
	} {
		m, ok := top(t, s, screening.Query{Name: q})
		if assert.True(t, ok, q) {
			assert.Equal(t, id, m.Entry.ID, q)
			assert.InDelta(t, 1, m.Score, 1e-4, q)
		}
	}
}

// TestNamesInOtherLanguages checks that a name written in the language
// it is romanized from, or with the Persian ezafe between its words, finds
// the listed name in English or without the particle, and that an
// organization's name of organization words alone meets the same words
// joined by a connector.
func TestNamesInOtherLanguages(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name\n"+
		"A,SDN,Entity,KALVESTA AVIATION\nB,SDN,Entity,DORNAVA ELECTROMECHANICAL PLANT\n"+
		"C,SDN,Entity,INDUSTRIAL INVESTMENT BANK\nD,SDN,Entity,ZORVAN BANK\n", "languages", screening.WithMinScore(0.2))
	for q, id := range map[string]string{
		"Kalvesta Havacilik Sanayi ve Ticaret Limited Sirketi": "A",
		"AO Dornava Elektromekhanicheskii Zavod":               "B",
		"Bank of Industrial Investment":                        "C",
		"Bank-e Zorvan":                                        "D",
	} {
		assert.GreaterOrEqual(t, scoreOf(t, s, screening.Query{Name: q}, id), screening.DefaultThreshold, q)
	}
}

// TestNamesTranslated checks that words names translate (the points of
// the compass, the sea, the star) meet their translations, and say so in
// the explanation; that such a word is never the only evidence ("Star
// Holdings" is not the listed "ZVEZDA"); and that a person's name is not
// translated.
func TestNamesTranslated(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name\n"+
		"A,SDN,Entity,KORVALI SHARGH STEEL COMPANY\nB,SDN,Entity,ZARNIK SEA SHIPPING LINES\n"+
		"C,SDN,Entity,ZVEZDA\nD,SDN,Individual,\"SEVER, Bogdan\"\nE,SDN,Entity,OOO TALVINA-NORTH\n", "translated", screening.WithMinScore(0.2))
	checkAlerts(t, s, []alertCase{
		{"Korvali East Steel Company", "A", true},
		{"Darya-ye Zarnik Shipping Lines", "B", true},
		{"Talvina-Sever, OOO", "E", true},
		{"Star Holdings", "C", false},
		{"Bogdan North", "D", false},
	})
	m, ok := top(t, s, screening.Query{Name: "Korvali East Steel Company"})
	require.True(t, ok)
	var hows []screening.How
	for _, p := range m.Explanation.Pairs {
		hows = append(hows, p.How)
	}
	assert.Contains(t, hows, screening.Translation)
}

// TestWordsOfGroupsAndCharities checks that the words of the names of
// armed groups and charities, in English and romanized Arabic, are
// organization words: a name written with another of them, or without
// one, is the name.
func TestWordsOfGroupsAndCharities(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name\n"+
		"A,SDN,Entity,AL-QARNAB BRIGADES\nB,SDN,Entity,AL-DURRA MARTYRS BRIGADE\n"+
		"C,SDN,Entity,NAHRAWAN CHARITABLE SOCIETY\nD,SDN,Entity,ZUBAYDA\n", "groups", screening.WithMinScore(0.2))
	checkAlerts(t, s, []alertCase{
		{"Saraya al-Qarnab", "A", true},
		{"Al-Durra Martyrs Battalion", "B", true},
		{"Nahrawan Charitable Organization", "C", true},
		{"Jami'a Zubayda", "D", true},
	})
}

// TestProductionAssociation checks that PO (proizvodstvennoe
// obyedinenie) meets "Production Association", in English or in Russian.
func TestProductionAssociation(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name\n"+
		"A,SDN,Entity,PO KRASNOVETS ZAO\nB,SDN,Entity,TALMARO PRODUCTION ASSOCIATION\n", "po", screening.WithMinScore(0.2))
	checkAlerts(t, s, []alertCase{
		{"AO Proizvodstvennoe Obyedinenie Krasnovets", "A", true},
		{"PO Talmaro", "B", true},
	})
}

// TestPartyNumberings: an entity number groups rows into one party only
// within one numbering: OFAC's (the rows of its lists in the CSL), the
// UN's DATAID and SAM's UEI are apart, so the same number from two of them
// is two parties.
func TestPartyNumberings(t *testing.T) {
	s := fixtureScreener(t, "_id,source,entity_number,type,name\n"+
		"1,SDN,110400,Entity,SBERBANK\n2,SSI,110400,Entity,SBERBANK OF RUSSIA\n"+
		"QDe.1,UN,110400,Entity,SBERBANK FOUNDATION\nS-1,SAM,110400,Entity,SBERBANK CONSULTING\n", "numberings",
		screening.WithMinScore(0.3), screening.WithLimit(10))
	ms, err := screen(s, screening.Query{Name: "Sberbank"})
	require.NoError(t, err)
	var parties [][]string
	for _, m := range ms {
		ids := []string{m.Entry.ID}
		for _, e := range m.Also {
			ids = append(ids, e.ID)
		}
		parties = append(parties, ids)
	}
	assert.ElementsMatch(t, [][]string{{"1", "2"}, {"QDe.1"}, {"S-1"}}, parties)
}

// TestPartyRowsGrouped checks that the rows of one party (one entity
// number on OFAC's lists) make one match listing the others, that the
// limit counts parties, and that ScreenAll says how many more matches the
// limit left out.
func TestPartyRowsGrouped(t *testing.T) {
	s := fixtureScreener(t, "_id,source,entity_number,type,name\n"+
		"1,SDN,100,Entity,SBERBANK\n2,SSI,100,Entity,SBERBANK OF RUSSIA\n3,NS-MBS,100,Entity,SBERBANK\n"+
		"4,SDN,200,Entity,SBERBANK LEASING\n5,EL,,,SBERBANK TECHNOLOGIES\n", "party", screening.WithMinScore(0.3), screening.WithLimit(2))
	ms, err := screen(s, screening.Query{Name: "Sberbank"})
	require.NoError(t, err)
	require.Len(t, ms, 2)
	assert.Equal(t, "1", ms[0].Entry.ID)
	var also []string
	for _, e := range ms[0].Also {
		also = append(also, e.ID)
	}
	assert.Equal(t, []string{"3", "2"}, also, "the other rows of party 100, best first")
	assert.Empty(t, ms[1].Also)

	rs := s.ScreenAll(context.Background(), []screening.Query{{Name: "Sberbank"}, {Name: "Sberbank Leasing"}}, screening.WithWorkers(1))
	require.NoError(t, rs[0].Err)
	assert.Equal(t, 1, rs[0].More, "three parties match, the limit is two")
	assert.Len(t, rs[0].Matches, 2)
}

// TestPersonNames screens people as vendor files write them against people
// as the lists write them, "SURNAME, Given Middle": middle names may be
// dropped and given names spelled in another romanization, but the surname
// must meet, a given name too, and common names do not meet on one part.
func TestPersonNames(t *testing.T) {
	var common strings.Builder // people with common names, so that the weights are those of a real list
	for i := range 40 {
		fmt.Fprintf(&common, "c%d,SDN,Individual,\"KHAN, Given%c%c\"\nm%d,SDN,Individual,\"SURNAME%c%c, Mohammed\"\n",
			i, 'a'+i/26, 'a'+i%26, i, 'a'+i/26, 'a'+i%26)
	}
	s := fixtureScreener(t, "_id,source,type,name\n"+common.String()+
		"1,SDN,Individual,\"TAVANA, Ali Akbar Rezaei\"\n"+
		"2,SDN,Individual,\"TURASHEV, Igor Olegovich\"\n"+
		"3,SDN,Individual,\"HLAING, Min Aung\"\n"+
		"4,SDN,Individual,\"GUSEV, Denis Igorevich\"\n"+
		"5,SDN,Individual,\"KHAN, Mohammed\"\n"+
		"6,SDN,Individual,\"SHOIGU, Sergei\"\n"+
		"7,SDN,Individual,\"LI, Jin Ping\"\n"+
		"8,SDN,Individual,\"ABDOLLAHI, Ali\"\n"+
		"9,SDN,Individual,\"WANG, Dongming\"\n"+
		"10,SDN,Individual,\"BORJI, Salim\"\n"+
		"11,SDN,Individual,\"MOSTAFAEI, Saeed\"\n", "people")
	for _, tc := range []struct {
		query, want string // want "" for no alert
	}{
		{"Ali Tavana", "1"},                  // middle names dropped
		{"Ali Akbar Rezaei Tavana", "1"},     // the whole name
		{"Ihor Turashev", "2"},               // Ukrainian romanization of Igor
		{"Aly Abdollahi", "8"},               // a short given name spelled otherwise
		{"Denis Gusev", "4"},                 // patronymic dropped
		{"Sergei Kuzhugetovich Shoigu", "6"}, // a rare surname with a patronymic added
		{"Aung Min", ""},                     // the surname does not meet
		{"Denis Vladimirovich Gusev", ""},    // another patronymic
		{"Muhammed Aziz Khan", ""},           // common names meeting on their common parts
		{"Li Ping", ""},                      // the first given name does not meet
		{"Saleem Borji", "10"},               // the long i written ee
		{"Mingming Wang", ""},                // name parts two edits apart
		{"Seyyed Mostafaei", ""},             // a title of descent, not the name Said
	} {
		firstIs(t, s, tc.query, tc.want)
	}
}

// TestPersonNameSpellings screens people whose names the query writes in
// another romanization or spelling than the list: the Ukrainian h for the
// Russian g and the short vowels of Persian and Arabic names (o or u, e or
// i) in any word of the name, a further given name spelled nearly, and
// the particles of Arabic and Malay names that say whose child a person
// is (bin, binti) dropped. A further given name that is another name
// still tells two people apart.
func TestPersonNameSpellings(t *testing.T) {
	var common strings.Builder // other people, so that the weights are those of a real list
	for i := range 40 {
		fmt.Fprintf(&common, "c%d,SDN,Individual,\"KHAN, Given%c%c\"\nm%d,SDN,Individual,\"SURNAME%c%c, Olena\"\n",
			i, 'a'+i/26, 'a'+i%26, i, 'a'+i/26, 'a'+i%26)
	}
	s := fixtureScreener(t, "_id,source,type,name\n"+common.String()+
		"1,SDN,Individual,\"GORBAN, Yekaterina\"\n"+
		"2,SDN,Individual,\"QURBANI, Mohsen\"\n"+
		"3,SDN,Individual,\"KOVAL, Olena Lyudmila Sofiya\"\n"+
		"4,SDN,Individual,\"GUSEV, Denis Igorevich\"\n"+
		"5,EL,,Hasan bin Dawud\n6,EL,,Nurul binti Hamid\n", "spellings")
	for _, tc := range []struct {
		query, want string // want "" for no alert
	}{
		{"Kateryna Ivanivna Horban", "1"},    // Ukrainian h, Russian g
		{"Mohsin Qorbani Tabrizi", "2"},      // Persian o, Arabic u; e and i
		{"Olena Ludmilla Sofiya Koval", "3"}, // a further given name spelled nearly
		{"Hasan Dawood", "5"},                // bin dropped
		{"Nurul Hameed", "6"},                // binti dropped
		{"Denis Vladimirovich Gusev", ""},    // another patronymic
		{"Olena Larysa Sofiya Koval", ""},    // another further given name
		{"Olena Lyudmila Sonya Koval", ""},   // two letters written otherwise: another name
	} {
		firstIs(t, s, tc.query, tc.want)
	}
}

// TestPersonCommonSurname checks that a query meeting a listed person's
// further given name but not the first alerts for a rare surname (the
// person going by that name) and not for a common one, where a common
// given name and a common surname meet in many people.
func TestPersonCommonSurname(t *testing.T) {
	var rows strings.Builder // a common surname, and a common first given name
	for i := range 25 {
		fmt.Fprintf(&rows, "k%d,SDN,Individual,\"KARIMI, Given%c%c\"\n", i, 'a'+i/26, 'a'+i%26)
	}
	for i := range 600 {
		fmt.Fprintf(&rows, "f%d,SDN,Individual,\"SURNAME%c%c%c, Ali Name%c%c\"\n", i, 'a'+i/676, 'a'+i/26%26, 'a'+i%26, 'a'+i/26%26, 'a'+i%26)
	}
	s := fixtureScreener(t, "_id,source,type,name\n"+rows.String()+
		"1,SDN,Individual,\"KARIMI, Ali Hassan\"\n"+
		"2,SDN,Individual,\"TAVANA, Ali Hassan\"\n", "surnames")
	for _, tc := range []struct {
		query, want string // want "" for no alert
	}{
		{"Hassan Tavana", "2"}, // a rare surname: the person going by a further given name
		{"Hassan Karimi", ""},  // a common surname: another Hassan Karimi
		{"Ali Karimi", "1"},    // the first given name meets
	} {
		firstIs(t, s, tc.query, tc.want)
	}
}

// TestPersonNickname checks that a listed person's or vessel's name of one
// word, most often an alias ("a.k.a. SANTOS"), alerts alone as an
// organization's would, and no longer in another country: it is many
// people's or vessels' name.
func TestPersonNickname(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name,alt_names,nationalities,vessel_flag\n"+
		"P,SDN,Individual,\"VELARDO RUIZ, Tomas\",ZORVALDI,MX,\n"+
		"V,SDN,Vessel,HALCYRIX,,,Mexico\n"+
		"E,SDN,Entity,KORVALDI,,MX,\n", "nicknames", screening.WithMinScore(0.3))
	assert.Equal(t, scoreOf(t, s, screening.Query{Name: "Korvaldi"}, "E"), scoreOf(t, s, screening.Query{Name: "Zorvaldi"}, "P"))
	assert.GreaterOrEqual(t, scoreOf(t, s, screening.Query{Name: "Halcyrix"}, "V"), screening.DefaultThreshold)
	assert.Less(t, scoreOf(t, s, screening.Query{Name: "Zorvaldi", Country: "AU"}, "P"), screening.DefaultThreshold)
	assert.Less(t, scoreOf(t, s, screening.Query{Name: "Halcyrix", Country: "AU"}, "V"), screening.DefaultThreshold)
	assert.GreaterOrEqual(t, scoreOf(t, s, screening.Query{Name: "Korvaldi", Country: "AU"}, "E"), screening.DefaultThreshold)
}

// TestPersonSurnameFirst checks a query written "SURNAME, Given Middle":
// its surname meeting only a listed person's given name, and a given name
// of it the listed surname, is weaker evidence than the roles agreeing,
// but a record with the two swapped still alerts. A query written given
// names first, whose roles are not known, or of a company, is not so read.
func TestPersonSurnameFirst(t *testing.T) {
	var common strings.Builder // other people, so that the weights are those of a real list
	for i := range 40 {
		fmt.Fprintf(&common, "c%d,SDN,Individual,\"SURNAME%c%c, Given%c%c\"\n", i, 'a'+i/26, 'a'+i%26, 'a'+i/26, 'a'+i%26)
	}
	s := fixtureScreener(t, "_id,source,type,name\n"+common.String()+
		"1,SDN,Individual,\"DRAVEC, Milos Tarin\"\n"+
		"2,SDN,Entity,\"VORNAK, Selim\"\n", "surname first", screening.WithMinScore(0.3))
	agreeing := scoreOf(t, s, screening.Query{Name: "Dravec, Milos Tarin"}, "1")
	assert.InDelta(t, 1, agreeing, 1e-4)
	assert.InDelta(t, agreeing, scoreOf(t, s, screening.Query{Name: "Milos Tarin Dravec"}, "1"), 1e-4, "roles not known")
	crossed := scoreOf(t, s, screening.Query{Name: "Milos, Dravec Tarin"}, "1")
	assert.InDelta(t, 0.9*agreeing, crossed, 1e-4, "surname and given names crossed")
	assert.GreaterOrEqual(t, crossed, screening.DefaultThreshold, "a record with the two swapped still alerts")
	assert.InDelta(t, crossed, scoreOf(t, s, screening.Query{Name: "Milos, Dravec Tarin", Kind: entitylist.TypeIndividual}, "1"), 1e-4)
	// A middle name met as the surname is no crossing of the whole name:
	// the query's surname meets the listed surname.
	assert.InDelta(t, agreeing, scoreOf(t, s, screening.Query{Name: "Dravec, Tarin Milos"}, "1"), 1e-4)
	// An organization's name with a comma has no roles.
	assert.InDelta(t, 1, scoreOf(t, s, screening.Query{Name: "Selim, Vornak"}, "2"), 1e-4)

	m, ok := top(t, s, screening.Query{Name: "Milos, Dravec Tarin"})
	require.True(t, ok)
	ex := m.Explanation
	i := slices.IndexFunc(ex.Checks, func(c screening.Check) bool { return c.Name == "surname" })
	require.GreaterOrEqual(t, i, 0, "the crossing explained")
	assert.InDelta(t, 0.9, ex.Checks[i].Factor, 1e-9)
	assert.Contains(t, ex.Checks[i].Detail, "meets only given names of the listed person")
}

// TestPersonLegalFormWords checks that the names of listed people are
// read without legal forms ("PAO, Wen Jie" is no ПАО, "MOKO SA" no
// société anonyme), so that their given names alone, or another word, do
// not meet them whole, and that a query of unknown kind that may be a
// person's name is read both ways: with and without its legal forms.
func TestPersonLegalFormWords(t *testing.T) {
	var common strings.Builder // other people, so that the weights are those of a real list
	for i := range 40 {
		fmt.Fprintf(&common, "c%d,SDN,Individual,\"SURNAME%c%c, Given%c%c\"\n", i, 'a'+i/26, 'a'+i%26, 'a'+i/26, 'a'+i%26)
	}
	l, err := entitylist.ReadCSV(strings.NewReader(cslfixture.Full("_id,source,type,name\n"+common.String()+
		"1,SDN,Individual,\"PAO, Wen Jie\"\n"+
		"2,SDN,Individual,MOKO SA\n"+
		"3,SDN,Entity,ZENTRIX SA\n")), "people with legal-form words")
	require.NoError(t, err)
	s, err := screening.New(l, screening.WithMinScore(0.3))
	require.NoError(t, err)
	for _, tc := range []struct {
		query string
		kind  entitylist.EntityType
		want  string // "" for no alert
	}{
		{"Wen Jie", entitylist.TypeUnknown, ""},
		{"Moko", entitylist.TypeUnknown, ""},
		{"Pao Wen Jie", entitylist.TypeUnknown, "1"},
		{"PAO, Wen Jie", entitylist.TypeUnknown, "1"},
		{"Pao Wen Jie", entitylist.TypeIndividual, "1"},
		{"Moko SA", entitylist.TypeUnknown, "2"},
		{"Zentrix", entitylist.TypeUnknown, "3"},
		{"Zentrix S.A.", entitylist.TypeUnknown, "3"},
	} {
		r, err := s.Screen(context.Background(), screening.Query{Name: tc.query, Kind: tc.kind})
		require.NoError(t, err)
		var got string
		if len(r.Matches) > 0 && r.Matches[0].Alert {
			got = r.Matches[0].Entry.ID
		}
		assert.Equal(t, tc.want, got, "%q (kind %v)", tc.query, tc.kind)
	}
	assert.InDelta(t, 1, scoreOf(t, s, screening.Query{Name: "Pao Wen Jie"}, "1"), 1e-4)
	assert.InDelta(t, 1, scoreOf(t, s, screening.Query{Name: "Zentrix SA"}, "3"), 1e-4)
	// Read as a person's name, a query of unknown kind meets people only:
	// "QTR?K" is "QTR" with the legal form "K", or a person "QTR K", not
	// the company "QTR-K".
	l, err = entitylist.ReadCSV(strings.NewReader(cslfixture.Full("_id,source,type,name\n"+common.String()+
		"4,EL,,QTR?K\n"+
		"5,SDN,Entity,QTR-K\n")), "companies")
	require.NoError(t, err)
	s, err = screening.New(l, screening.WithMinScore(0.3))
	require.NoError(t, err)
	r, err := s.Screen(context.Background(), screening.Query{Name: "QTR?K"})
	require.NoError(t, err)
	require.Len(t, r.Matches, 2)
	assert.Equal(t, "4", r.Matches[0].Entry.ID)
	assert.Equal(t, "entity-type", r.Matches[1].Explanation.Checks[0].Name)
	assert.Contains(t, r.Matches[1].Explanation.Checks[0].Detail, "read as a person's name")
}

// TestQueryEvidence checks the optional fields of a query: the same
// identifier adds much, a city of the entry's addresses in the query's
// address and the same country (by nationality too) add a little, and a
// party of another kind costs.
func TestQueryEvidence(t *testing.T) {
	l, err := entitylist.ReadCSV(strings.NewReader(cslfixture.Full("_id,source,type,name,addresses,ids,nationalities\n"+
		"E,SDN,Entity,ORION TRADING LLC,\"5 Lenina St, Moscow, , 101000, RU\",\"RU, 7736640919, Tax ID No.\",\n"+
		"P,SDN,Individual,\"IVANOV, Pyotr\",,,BY\n")), "evidence")
	require.NoError(t, err)
	s, err := screening.New(l, screening.WithMinScore(0.3))
	require.NoError(t, err)
	score := func(q screening.Query) (float64, []string) {
		ms, err := screen(s, q)
		require.NoError(t, err)
		require.NotEmpty(t, ms, q.Name)
		var checks []string
		for _, c := range ms[0].Explanation.Checks {
			checks = append(checks, c.Name+": "+c.Detail)
		}
		return ms[0].Score, checks
	}
	base, _ := score(screening.Query{Name: "Orion Trading Group"})
	got, checks := score(screening.Query{Name: "Orion Trading Group", ID: "77-3664-0919"})
	assert.InDelta(t, min(1, base+0.2), got, 1e-4)
	assert.Contains(t, checks, "identifier: the entry publishes the query's identifier 7736640919 (Tax ID No.)")
	got, checks = score(screening.Query{Name: "Orion Trading Group", Address: "Lenina 5, 101000 Moscow"})
	assert.InDelta(t, base+0.03, got, 1e-4)
	assert.Contains(t, checks, "city: the query's address is in moscow, a city of the entry's addresses")
	got, _ = score(screening.Query{Name: "Orion Trading Group", Kind: entitylist.TypeIndividual})
	assert.InDelta(t, base*0.7, got, 1e-4)
	got, _ = score(screening.Query{Name: "Orion Trading Group", Kind: entitylist.TypeEntity})
	assert.InDelta(t, base, got, 1e-4)
	got, _ = score(screening.Query{Name: "Orion Trading Group", Country: "US"})
	assert.InDelta(t, base*0.85, got, 1e-4, "another country")
	branch, _ := score(screening.Query{Name: "Orion Trading Group Europe"})
	got, _ = score(screening.Query{Name: "Orion Trading Group Europe", Country: "NL"})
	assert.InDelta(t, branch-0.04, got, 1e-4, "another country, for a name with a place of its own")

	person, _ := score(screening.Query{Name: "Pyotr Ivanov"})
	got, checks = score(screening.Query{Name: "Pyotr Ivanov", Country: "by"})
	assert.InDelta(t, min(1, person+0.02), got, 1e-4, "a nationality is a country of the entry")
	assert.Contains(t, checks, "country: same country BY")
	got, _ = score(screening.Query{Name: "Pyotr Ivanov", Kind: entitylist.TypeEntity})
	assert.InDelta(t, person*0.7, got, 1e-4)

	_, err = screen(s, screening.Query{Name: "Orion", Kind: entitylist.TypeVessel})
	assert.ErrorIs(t, err, screening.ErrInvalidKind)
	for in, want := range map[string]entitylist.EntityType{"Company": entitylist.TypeEntity, " person ": entitylist.TypeIndividual, "": entitylist.TypeUnknown} {
		k, err := screening.ParseKind(in)
		require.NoError(t, err)
		assert.Equal(t, want, k, in)
	}
	_, err = screening.ParseKind("vessel")
	assert.ErrorIs(t, err, screening.ErrInvalidKind)
}

// TestAcronyms checks that a word spelling the initials of a list name's
// words meets it, and the reverse when the word is the name's only
// distinctive one, and that organization words do not make a query's
// initials.
func TestAcronyms(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name\n"+
		"1,SDN,Entity,ISLAMIC REVOLUTIONARY GUARD CORPS\n2,SDN,Entity,KMPR\n3,SDN,Entity,SBMC\n"+
		"4,EL,,Industrial Establishment of Defense (IED)\n5,SDN,Entity,COMMITTEE AGAINST RACISM AND DISCRIMINATION\n6,SDN,Entity,AL-OMGI EXCHANGE COMPANY\n"+
		"7,SDN,Entity,VELTRIMAX ZKPR\n8,SDN,Entity,ZKPR TRADING LLC\n", "acronyms")
	for _, tc := range []struct{ query, want string }{
		{"IRGC", "1"},
		{"Kolomna Metal Precision Robotics Plant", "2"}, // the query's initials spell a list name
		{"Silver Bow Mining Corp", ""},                  // Mining and Corp are organization words
		{"IEDI", ""},                                    // a parenthetical is no word of the initials
		{"IRGC Holdings Ltd", "1"},                      // initials in capitals in a name that is not
		{"CPI Card Group", ""},                          // a word, not initials
		{"Oscar Manuel Gastelum Iribe", ""},             // a person's initials are no name
		{"Zephyr Kestrel Paragon Ridge Ltd", "8"},       // the list name's only distinctive word, not one of several
	} {
		if ms := firstIs(t, s, tc.query, tc.want); tc.want != "" && len(ms) > 0 {
			require.NotEmpty(t, ms[0].Explanation.Pairs)
			assert.Equal(t, screening.Acronym, ms[0].Explanation.Pairs[0].How, tc.query)
		}
	}
	assert.Less(t, scoreOf(t, s, screening.Query{Name: "Zephyr Kestrel Paragon Ridge Ltd"}, "7"), screening.DefaultThreshold,
		"the initials spell one word of a longer name, by chance")
}

// TestRunAcronyms checks that a word spelling the initials of a run of
// the other name's words meets them, in either direction, when both names
// hold a distinctive word besides; that words meeting word by word are not
// read as initials; that two letters are too few unless two other words
// meet; that a word of the run met again elsewhere in the name leaves the
// run free; and that a word beginning with a Russian digraph gives one
// initial or both letters.
func TestRunAcronyms(t *testing.T) {
	s := fixtureScreener(t, "_id,source,entity_number,type,name\n"+
		"1,SDN,1,Entity,IRISL MARITIME TRAINING INSTITUTE\n2,SDN,2,Entity,CCCC TIANJIN WATERWAY BUREAU\n"+
		"3,SDN,3,Entity,AIR WEAPONS COMPLEX (AWC)\n4,SDN,4,Entity,ZORVEX KELTA TRADING\n5,SDN,5,Entity,MARITIME TRAINING INSTITUTE\n6,SDN,6,Entity,KORVEX TARLIN MOSSEN MANAGEMENT\n"+
		"7,SDN,7,Entity,TSENTRALNOYE MORVENSKOYE BYURO KALDAR\n8,SDN,8,Entity,SUBSIDIARY BANK ZELMORA-BANK JSC\n",
		"run acronyms", screening.WithMinScore(0.3))
	checkAlerts(t, s, []alertCase{
		{"IRISL MTI", "1", true},
		{"China Communications Construction Company Tianjin Waterway Bureau", "2", true},
		{"MTI", "5", false},               // the whole name: only initials in capitals in a name that is not stand for it
		{"ZORVEX KT", "4", false},         // two letters spell too many runs
		{"Acme MTI Holdings", "1", false}, // the run alone, no other word meeting
		{"KTM Management", "6", false},    // the other word meeting is an everyday one
		{"TSMB KALDAR", "7", true},        // a Russian digraph gives both its letters
		{"TMB KALDAR", "7", true},         // or its first
		// Two letters, with two other words meeting; the run's "Bank" is
		// met again at the end of the name.
		{"JSC SB ZELMORA BANK", "8", true},
		{"SB ZELMORA", "8", false}, // one other word meeting
	})
	ms, err := screen(s, screening.Query{Name: "IRISL MTI"})
	require.NoError(t, err)
	require.NotEmpty(t, ms)
	hows := []screening.How{}
	for _, p := range ms[0].Explanation.Pairs {
		hows = append(hows, p.How)
	}
	assert.Contains(t, hows, screening.Acronym)
	// Met word by word, the name and its initials score as without them.
	whole := scoreOf(t, s, screening.Query{Name: "Air Weapons Complex"}, "3")
	assert.Equal(t, 1.0, whole)
	assert.GreaterOrEqual(t, scoreOf(t, s, screening.Query{Name: "Air Weapons Complex AWC"}, "3"), screening.DefaultThreshold)
}

// TestSyllabicAbbreviations checks that a query of one word made of the
// first letters of all the words of an organization's name, in order,
// meets it, connectors skipped, an organization word in any of its
// spellings; and that pieces of two letters, a word of some of the name's
// words, such a word with other words besides, or without a distinctive
// word of the name spelled whole do not.
func TestSyllabicAbbreviations(t *testing.T) {
	s := fixtureScreener(t, "_id,source,entity_number,type,name\n"+
		"1,SDN,1,Entity,TORVANIA BELMONTE S.A.\n2,SDN,2,Entity,GRANJERA DEL ZAFIRO LTDA.\n"+
		"3,SDN,3,Entity,KORVAL DENTRA MAVISTO\n4,SDN,4,Entity,PELTRONA VASKEL\n5,SDN,5,Individual,\"BELMONTE, Torvan\"\n"+
		"6,SDN,6,Entity,COMERCIALIZADORA DEL NORVIK LTDA.\n7,SDN,7,Entity,ZELTRONA HOLDING\n"+
		"8,SDN,8,Individual,KORU SA\n", "syllables", screening.WithMinScore(0.3))
	checkAlerts(t, s, []alertCase{
		{"TORBELMONTE S.A.", "1", true},
		{"Torvabelmonte", "1", true},
		{"GRANZAFIRO LTDA.", "2", true},      // a connector has no piece
		{"KORDENMAVISTO", "3", true},         // three pieces
		{"COMENORVIK", "6", true},            // an organization word in another spelling
		{"Torvabel", "1", false},             // no word of the name whole
		{"ZELTHOLDING", "7", false},          // only an organization word whole
		{"COMNORVIK", "6", false},            // three letters of another spelling
		{"KORDEN", "3", false},               // some of the name's words
		{"PELTRONAVA", "4", false},           // a piece of two letters
		{"Torbelmonte Holdings", "1", false}, // another word besides
		{"TORBELMONTE", "5", false},          // a person's name
		{"GRANZAFIRO S.A.", "2", true},       // read as a person's name too ("KORU SA"), found all the same
	})
	ms, err := screen(s, screening.Query{Name: "GRANZAFIRO"})
	require.NoError(t, err)
	require.NotEmpty(t, ms)
	assert.Equal(t, "2", ms[0].Entry.ID)
	require.Len(t, ms[0].Explanation.Pairs, 1)
	assert.Equal(t, screening.Acronym, ms[0].Explanation.Pairs[0].How)
}

// TestOneWordNames checks what decides for names with a single distinctive
// word: what the company does ("Liberty Shipping" is not "Liberty Bank"),
// and a vessel is not the company or person a query names.
func TestOneWordNames(t *testing.T) {
	s := fixtureScreener(t, "_id,source,entity_number,type,name\n"+
		"1,SDN,1,Entity,LIBERTY SHIPPING CO LTD\n3,SDN,3,Vessel,ORION STAR\n4,SDN,4,Entity,ACME BANK\n", "one-word", screening.WithMinScore(0.3))
	score := func(q screening.Query, id string) float64 { return scoreOf(t, s, q, id) }
	assert.GreaterOrEqual(t, score(screening.Query{Name: "Liberty Shipping Ltd"}, "1"), screening.DefaultThreshold)
	assert.Less(t, score(screening.Query{Name: "Liberty Bank"}, "1"), screening.DefaultThreshold, "another business")
	vessel := score(screening.Query{Name: "Orion Star"}, "3")
	assert.InDelta(t, vessel*0.6, score(screening.Query{Name: "Orion Star", Kind: entitylist.TypeIndividual}, "3"), 1e-4)
	assert.InDelta(t, vessel*0.6, score(screening.Query{Name: "Orion Star", Kind: entitylist.TypeEntity}, "3"), 1e-4)
}

// TestEverydayWords checks that an everyday English word shared by two
// names is weak evidence that they name one party, where a coined word of
// the same rarity in the list is strong; that names meeting whole still
// score 1; and that one-word names of five letters or fewer meeting by a
// misspelling alone need more than longer ones.
func TestEverydayWords(t *testing.T) {
	s := fixtureScreener(t, "_id,source,entity_number,type,name\n"+
		"1,SDN,1,Entity,LIBERTY SHIPPING CO LTD\n2,SDN,2,Entity,ZORVEX SHIPPING CO LTD\n"+
		"3,SDN,3,Entity,SISCO\n4,SDN,4,Entity,KORVALENTIX\n5,SDN,5,Entity,ACME BANK\n", "everyday", screening.WithMinScore(0.3))
	match := func(name, id string) screening.Match { t.Helper(); return mustMatch(t, s, name, id) }
	assert.Equal(t, 1.0, match("Liberty Shipping Co Ltd", "1").Score, "names that meet whole")
	liberty, zorvex := match("Liberty Global Ltd.", "1"), match("Zorvex Global Ltd.", "2")
	assert.Less(t, liberty.Score, screening.DefaultThreshold, "an everyday word alone")
	assert.GreaterOrEqual(t, zorvex.Score, screening.DefaultThreshold, "a coined word alone")
	require.NotEmpty(t, liberty.Explanation.Pairs)
	assert.True(t, liberty.Explanation.Pairs[0].Everyday)
	assert.False(t, zorvex.Explanation.Pairs[0].Everyday)
	assert.Contains(t, liberty.Explanation.String(), "everyday word")

	factor := func(m screening.Match) float64 {
		for _, c := range m.Explanation.Checks {
			if c.Name == "one-word-typo" {
				return c.Factor
			}
		}
		return 1
	}
	assert.Equal(t, 0.8, factor(match("Sysco", "3")), "five letters")
	assert.Equal(t, 0.9, factor(match("Korvalnetix", "4")), "eleven letters")
}

// TestTradeNameTypo checks that a misspelling alone of an a.k.a. of one
// word that the entry's own name does not hold (a trade name, a
// contraction) weighs less than the same misspelling of a name the list
// gives first, or of an a.k.a. of more words.
func TestTradeNameTypo(t *testing.T) {
	s := fixtureScreener(t, "_id,source,entity_number,type,name,alt_names\n"+
		"1,SDN,1,Entity,TORVANIK METAL WORKS,TOVIMEX\n2,SDN,2,Entity,TOVIMAX,\n"+
		"3,SDN,3,Entity,VOSTRAL STEEL,KELDORAN TRADING\n", "tradename", screening.WithMinScore(0.3))
	match := func(name, id string) screening.Match { t.Helper(); return mustMatch(t, s, name, id) }
	has := func(m screening.Match) bool {
		return slices.ContainsFunc(m.Explanation.Checks, func(c screening.Check) bool { return c.Name == "trade-name-typo" })
	}
	aka, own := match("Tovimox", "1"), match("Tovimox", "2")
	assert.True(t, has(aka), "an a.k.a. apart from the entry's name")
	assert.False(t, has(own), "the entry's own name")
	assert.InDelta(t, own.Score*0.9, aka.Score, 1e-3)
	assert.False(t, has(match("Keldoram Trading", "3")), "an a.k.a. of more words")
}

// TestWeightFollowsQueryKind checks that a query word weighs as the query
// reads it when the list holds it as another kind: "AD" left over from a
// legal form is an organization word in the query, a distinctive word in
// "MARKAZ AD DAWA".
func TestWeightFollowsQueryKind(t *testing.T) {
	s := fixtureScreener(t, "_id,source,entity_number,type,name\n"+
		"1,SDN,1,Entity,ANCIENT HERITAGE AD\n2,SDN,2,Entity,MARKAZ AD DAWA\n3,SDN,3,Entity,ACME BANK\n", "kinds")
	m, ok := top(t, s, screening.Query{Name: "Ancient Heritage Ad-France"})
	require.True(t, ok)
	weight := map[string]float64{}
	for _, w := range m.Explanation.Query.Words {
		weight[w.Key+" "+w.Kind] = w.Weight
	}
	require.Contains(t, weight, "ad generic")
	require.Contains(t, weight, "ancient distinctive")
	// Both words are in one list name: an organization word weighs a quarter.
	assert.InDelta(t, weight["ancient distinctive"]/4, weight["ad generic"], 0.01)
}

// TestResultJSON checks that a batch result marshals with snake_case names
// and its error as text, and reads back.
func TestResultJSON(t *testing.T) {
	s := defaultScreener(t)
	rs := s.ScreenAll(context.Background(), []screening.Query{{Name: "Kaspersky Lab JSC", Kind: entitylist.TypeEntity}, {Name: "Ltd."}}, screening.WithWorkers(1))
	b, err := json.Marshal(rs)
	require.NoError(t, err)
	assert.Contains(t, string(b), `{"query":"Kaspersky Lab JSC","kind":"entity","alert":true,"matches":[{"id":`)
	assert.Contains(t, string(b), `{"query":"Ltd.","error":"screening: empty name: \"Ltd.\""}`, "a failed query is its fields and the error")
	var back []screening.Result
	require.NoError(t, json.Unmarshal(b, &back))
	require.Len(t, back, 2)
	// Read back equal, but for the entries, which are copies, the
	// indexes of the rows, which JSON does not hold, and the error, which
	// is only its text.
	for i := range rs[0].Matches {
		assert.Equal(t, *rs[0].Matches[i].Entry, *back[0].Matches[i].Entry)
		back[0].Matches[i].Entry = rs[0].Matches[i].Entry
		rs[0].Matches[i] = screening.WithoutIndexes(rs[0].Matches[i])
	}
	assert.Equal(t, rs[0], back[0])
	assert.Equal(t, rs[1].Query, back[1].Query)
	assert.EqualError(t, back[1].Err, rs[1].Err.Error())
}

// TestResultJSONRoundTrip checks that json.Marshal then json.Unmarshal
// gives back the Result, as the README promises, for results of every
// shape: no match (an empty Matches, not nil), matches with and without
// explanations, near misses, rows of one party (Also), matches the limit
// left out, weak aliases screened, and queries that could not be screened
// (nil Matches), an invalid kind among them. The exceptions are those the
// record documents: the indexes of the rows, and the error, read back as
// its text.
func TestResultJSONRoundTrip(t *testing.T) {
	ctx := context.Background()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	def := defaultScreener(t)
	party := fixtureScreener(t, "_id,source,entity_number,type,name\n"+
		"1,SDN,100,Entity,SBERBANK\n2,SSI,100,Entity,SBERBANK OF RUSSIA\n3,NS-MBS,100,Entity,SBERBANK\n", "party")
	for _, tc := range []struct {
		name string
		s    *screening.Screener
		ctx  context.Context
		q    screening.Query
		opts []screening.Option
		is   func(screening.Result) bool // the shape the case is for
	}{
		{name: "no match", s: def, q: screening.Query{Name: "Zyxwvut Qqqplex"}},
		{name: "a match", s: def, q: screening.Query{Name: "Kaspersky Lab JSC", Country: "RU", Kind: entitylist.TypeEntity, Address: "Moscow", ID: "1027739867473"}},
		{name: "no explanations", s: def, q: screening.Query{Name: "Kaspersky Lab JSC"}, opts: []screening.Option{screening.WithExplanations(false)}},
		{name: "near misses", s: def, q: screening.Query{Name: "Kaspersky Antivirus Distribution"}, opts: []screening.Option{screening.WithMinScore(0.3), screening.WithLimit(10)},
			is: func(r screening.Result) bool { return len(r.Matches) > 0 && !r.Alert() }},
		{name: "more", s: def, q: screening.Query{Name: "Kaspersky"}, opts: []screening.Option{screening.WithLimit(1)},
			is: func(r screening.Result) bool { return r.More > 0 }},
		{name: "weak aliases", s: def, q: screening.Query{Name: "Kaspersky Lab"}, opts: []screening.Option{screening.WithWeakAliases(true)},
			is: func(r screening.Result) bool { return r.WeakAliases }},
		{name: "rows of one party", s: party, q: screening.Query{Name: "Sberbank"},
			is: func(r screening.Result) bool { return len(r.Matches) == 1 && len(r.Matches[0].Also) > 0 }},
		{name: "empty name", s: def, q: screening.Query{Name: "Ltd."}},
		{name: "invalid country", s: def, q: screening.Query{Name: "Kaspersky Lab", Country: "Narnia"}},
		{name: "kind of no party", s: def, q: screening.Query{Name: "Kaspersky Lab", Kind: entitylist.TypeVessel}},
		{name: "invalid kind", s: def, q: screening.Query{Name: "Kaspersky Lab", Kind: 200}},
		{name: "cancelled", s: def, ctx: cancelled, q: screening.Query{Name: "Kaspersky Lab"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, _ := tc.s.Screen(cmp.Or(tc.ctx, ctx), tc.q, tc.opts...)
			if tc.is != nil {
				require.True(t, tc.is(r), "the result is not of the shape the case is for: %v", r)
			}
			b, err := json.Marshal(r)
			require.NoError(t, err)
			var back screening.Result
			require.NoError(t, json.Unmarshal(b, &back), "record %s", b)
			if r.Err != nil {
				assert.EqualError(t, back.Err, r.Err.Error(), "record %s", b)
				back.Err = r.Err
				assert.Nil(t, back.Matches, "record %s", b)
			} else {
				assert.NotNil(t, back.Matches, "record %s", b)
			}
			assert.Equal(t, withoutIndexes(r), back, "record %s", b)
			again, err := json.Marshal(back)
			require.NoError(t, err)
			assert.Equal(t, string(b), string(again), "the record read back writes the same record")
		})
	}
}

// withoutIndexes returns r with its matches as read back from JSON: without
// the indexes of their rows (see screening.WithoutIndexes).
func withoutIndexes(r screening.Result) screening.Result {
	r.Matches = slices.Clone(r.Matches)
	for i, m := range r.Matches {
		r.Matches[i] = screening.WithoutIndexes(m)
	}
	return r
}

// TestInvalidKind checks that a query refused for a Kind that is no
// entity type says which value it was, and that its record keeps that
// value, as a number, rather than write it as the valid kind "unknown",
// which would read back as another query; a kind that is a type, but not a
// party's, keeps its name.
func TestInvalidKind(t *testing.T) {
	s := defaultScreener(t)
	for _, tc := range []struct {
		kind   entitylist.EntityType
		err    string
		record string
	}{
		{200, "screening: kind EntityType(200): kind is not unknown, a company (entity) or a person (individual)", `"kind":200,`},
		{entitylist.TypeAircraft + 1, "screening: kind EntityType(5): kind is not unknown, a company (entity) or a person (individual)", `"kind":5,`},
		{entitylist.TypeVessel, "screening: kind vessel: kind is not unknown, a company (entity) or a person (individual)", `"kind":"vessel",`},
	} {
		t.Run(fmt.Sprintf("kind %d", tc.kind), func(t *testing.T) {
			q := screening.Query{Name: "Kaspersky Lab", Kind: tc.kind}
			r, err := s.Screen(context.Background(), q)
			require.ErrorIs(t, err, screening.ErrInvalidKind)
			assert.EqualError(t, err, tc.err)
			b, err := json.Marshal(r)
			require.NoError(t, err)
			assert.Contains(t, string(b), tc.record)
			var back screening.Result
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, q, back.Query, "record %s", b)
		})
	}
	// A kind past a byte, or neither a name nor a number, is no record's.
	for _, record := range []string{`{"query":"x","kind":256}`, `{"query":"x","kind":-1}`, `{"query":"x","kind":1.5}`,
		`{"query":"x","kind":"ship"}`, `{"query":"x","kind":true}`} {
		var r screening.Result
		assert.Error(t, json.Unmarshal([]byte(record), &r), record)
	}
}

// TestZeroScreener checks that the zero Screener says it holds no list
// rather than panicking.
func TestZeroScreener(t *testing.T) {
	var s screening.Screener
	_, err := screen(&s, screening.Query{Name: "Kaspersky Lab"})
	assert.ErrorIs(t, err, screening.ErrNoScreener)
	rs := s.ScreenAll(context.Background(), []screening.Query{{Name: "a"}, {Name: "b"}})
	require.Len(t, rs, 2)
	assert.ErrorIs(t, rs[1].Err, screening.ErrNoScreener)
	assert.Nil(t, s.List())
	assert.Nil(t, s.Skipped())
	assert.Zero(t, s.Threshold())
	assert.Zero(t, s.WeakAliasNames())
	assert.False(t, s.WeakAliases())
}

// TestCheckOptions checks that the options are checked by the rules New
// applies, without a list.
func TestCheckOptions(t *testing.T) {
	assert.NoError(t, screening.CheckOptions(screening.WithThreshold(0.5), screening.WithLimit(3)))
	for _, opt := range []screening.Option{screening.WithThreshold(0), screening.WithThreshold(1.5),
		screening.WithMinScore(-0.1), screening.WithLimit(0), screening.WithWorkers(-1), screening.WithWorkers(screening.MaxWorkers + 1)} {
		err := screening.CheckOptions(opt)
		require.Error(t, err)
		_, newErr := screening.New(entitylist.Default(), opt)
		assert.EqualError(t, newErr, err.Error())
	}
}

// firstIs screens query with s and checks that the first match is the
// entry with id want, or that nothing matches when want is empty. It
// returns the matches.
func firstIs(t *testing.T, s *screening.Screener, query, want string) []screening.Match {
	t.Helper()
	ms, err := screen(s, screening.Query{Name: query})
	require.NoError(t, err)
	if want == "" {
		assert.Empty(t, ms, query)
	} else if assert.NotEmpty(t, ms, query) {
		assert.Equal(t, want, ms[0].Entry.ID, query)
	}
	return ms
}

// TestUnscreenableListNames checks that no list name is silently left out
// of screening: a name too long for a query is screened by its first part,
// and the names that cannot be screened at all are reported, by Skipped and
// in the version of every result.
func TestUnscreenableListNames(t *testing.T) {
	long := "Volga Precision Machinery " + strings.Repeat("and Engineering ", 80) + "Works"
	require.Greater(t, len(long), 1024)
	l := inHouse(t,
		`"`+long+`",,RU,1,`,
		`Ltd.,,GB,2,`,
		`"!!! ... ;;;",,GB,3,`,
		"\u200b\u200c\u200d,,GB,4,",
		`Kaspersky Lab,Ltd.,RU,5,`,
	)
	s, err := screening.New(l)
	require.NoError(t, err)

	// A vendor file holding the name cut short finds it.
	cut := long[:strings.LastIndex(long[:900], " ")]
	r, err := s.Screen(context.Background(), screening.Query{Name: cut})
	require.NoError(t, err)
	require.NotEmpty(t, r.Matches, "the long name is screened by its first part")
	assert.Equal(t, "1", r.Matches[0].Entry.ID)
	assert.Equal(t, 4, r.Version.Unscreened, "three names and one alias cannot be screened")
	assert.Contains(t, r.Version.String(), "4 names not screened")
	b, err := json.Marshal(r)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"unscreened_names":4`)
	assert.Zero(t, l.Version().Unscreened, "the list's own version is not the screener's")

	var whole, part int
	for _, sk := range s.Skipped() {
		switch sk.Part {
		case "":
			whole++
			assert.ErrorIs(t, sk.Err, screening.ErrEmptyName, sk.Name)
		default:
			part++
			assert.ErrorIs(t, sk.Err, screening.ErrTooLong)
			assert.True(t, strings.HasPrefix(long, sk.Part))
			assert.LessOrEqual(t, len(sk.Part), 1024)
			assert.Equal(t, byte(' '), long[len(sk.Part)], "cut at a word")
		}
	}
	assert.Equal(t, 4, whole)
	assert.Equal(t, 1, part)

	// Skipped returns the caller's own entries: changing them changes
	// neither what it returns next nor the snapshot.
	before := s.Skipped()
	for _, sk := range s.Skipped() {
		sk.Entry.Name, sk.Entry.AltNames = "CHANGED", nil
	}
	assert.Equal(t, before, s.Skipped())
	var snap bytes.Buffer
	require.NoError(t, s.WriteSnapshot(&snap))
	back, err := screening.ReadSnapshot(&snap, l)
	require.NoError(t, err)
	got := back.Skipped()
	require.Len(t, got, len(before))
	for i := range got {
		assert.Equal(t, before[i].Name, got[i].Name, "skipped name %d read back", i)
	}
}

// TestParentNamePrefix checks that a word of an organization's name that
// is on its own another listed organization's name, joined by a hyphen to
// the next word (its parent's name: "ODK-Saturn"), weighs half when the
// query lacks it, and says so in the explanation, while the same word
// without the hyphen, and a hyphenated word that names no listed party,
// weigh in full.
func TestParentNamePrefix(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name\n"+
		"P,SDN,Entity,ZORVANT OAO\nA,SDN,Entity,ZORVANT-KELMIRA PJSC\nB,SDN,Entity,ZORVANT KELMOSA PJSC\n"+
		"C,SDN,Entity,TRELBOK-KELVARA PJSC\nD,SDN,Entity,TRELBOK NAVIRA PJSC\nE,SDN,Entity,TRELBOK OSSEMA PJSC\n",
		"parent", screening.WithMinScore(0.2))
	score := func(query, id string) float64 { return scoreOf(t, s, screening.Query{Name: query}, id) }
	hyphenated, apart, unlisted := score("Kelmira PJSC", "A"), score("Kelmosa PJSC", "B"), score("Kelvara PJSC", "C")
	assert.InDelta(t, apart, unlisted, 1e-4, "no parent's name: the same weights")
	assert.Greater(t, hyphenated, apart+0.05, "the parent's name joined by a hyphen weighs half")

	m, ok := top(t, s, screening.Query{Name: "Kelmira PJSC"})
	require.True(t, ok)
	require.Equal(t, "A", m.Entry.ID)
	var parent []string
	for _, w := range m.Explanation.Unmatched {
		if w.Parent {
			parent = append(parent, w.Key)
		}
	}
	assert.Equal(t, []string{"zorvant"}, parent)
	assert.Contains(t, m.Explanation.String(), "another listed organization's name")
}

// TestGluedOrganizationWord checks that an organization word meets a word
// of the other name glued to it ("Bank", "Kaprimbank"), either way round,
// covering the organization word only, and that the explanation says how.
func TestGluedOrganizationWord(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name\n"+
		"A,SDN,Entity,VORSENTAL KAPRIMBANK\nB,SDN,Entity,MELDORAN KAPRIMSTOL\nC,SDN,Entity,BANK TREMODAR\n",
		"glued", screening.WithMinScore(0.2))
	score := func(query, id string) float64 { return scoreOf(t, s, screening.Query{Name: query}, id) }
	assert.Greater(t, score("Bank Vorsental", "A"), score("Bank Meldoran", "B")+0.03, "the list's word glued to the bank")
	assert.Greater(t, score("Tremodar Zeltabank", "C"), score("Tremodar Zeltamorn", "C")+0.03, "the query's word glued to the bank")
	assert.Less(t, score("Bank Vorsental", "A"), 0.99, "the rest of the glued word meets nothing")

	m, ok := top(t, s, screening.Query{Name: "Bank Vorsental"})
	require.True(t, ok)
	require.Equal(t, "A", m.Entry.ID)
	var hows []screening.How
	for _, p := range m.Explanation.Pairs {
		hows = append(hows, p.How)
	}
	assert.Contains(t, hows, screening.Glued)
	assert.Contains(t, m.Explanation.String(), "the organization word only")
}

// TestMatchIndexes: a match says which rows of the list it holds, by
// index, so that two identical rows stay two rows; a match read back from
// JSON holds none.
func TestMatchIndexes(t *testing.T) {
	l, err := entitylist.ReadCSV(strings.NewReader(cslfixture.Full(`_id,source,entity_number,type,name
z1,SDN,501,Entity,ZORBALT TRADING LLC
z1,SDN,501,Entity,ZORBALT TRADING LLC
z2,SSI,501,Entity,ZORBALT TRADING LLC
q1,EL,,Entity,QUEMVIRA ELECTRONICS
`)), "fixture")
	require.NoError(t, err)
	s, err := screening.New(l)
	require.NoError(t, err)
	res, err := s.Screen(context.Background(), screening.Query{Name: "Zorbalt Trading"})
	require.NoError(t, err)
	require.Len(t, res.Matches, 1, "one party")
	m := res.Matches[0]
	at, also, ok := m.Indexes()
	require.True(t, ok)
	require.Len(t, also, len(m.Also))
	rows := append([]int{at}, also...)
	assert.ElementsMatch(t, []int{0, 1, 2}, rows, "every row of the party, the identical ones apart")
	keys := l.Keys()
	assert.Equal(t, m.Entry, l.Entry(at), "Entry is the row at its index")
	for i, e := range m.Also {
		assert.Equal(t, e, l.Entry(also[i]), "Also[%d] is the row at its index", i)
	}
	seen := map[entitylist.EntryKey]bool{}
	for _, i := range rows {
		seen[keys[i]] = true
	}
	assert.Len(t, seen, 3, "three keys")

	b, err := json.Marshal(m)
	require.NoError(t, err)
	var back screening.Match
	require.NoError(t, json.Unmarshal(b, &back))
	_, _, ok = back.Indexes()
	assert.False(t, ok, "a match read from JSON has no indexes")
}

// TestScreenEmptyList: a Screener of a list of no entries (the zero List,
// or a merge of none) screens every query, finding nothing, and its
// snapshot reads back.
func TestScreenEmptyList(t *testing.T) {
	for name, l := range map[string]*entitylist.List{"zero": {}, "merged": entitylist.Merge()} {
		t.Run(name, func(t *testing.T) {
			s, err := screening.New(l)
			require.NoError(t, err)
			for _, q := range []screening.Query{{Name: "AO Kaspersky Lab"}, {Name: "IRGC"}, {Name: "Ivanov, Ivan", Country: "RU"}} {
				res, err := s.Screen(context.Background(), q)
				require.NoError(t, err, "%q", q.Name)
				assert.Empty(t, res.Matches, "%q", q.Name)
			}
			var b bytes.Buffer
			require.NoError(t, s.WriteSnapshot(&b))
			back, err := screening.ReadSnapshot(&b, l)
			require.NoError(t, err)
			res, err := back.Screen(context.Background(), screening.Query{Name: "IRGC"})
			require.NoError(t, err)
			assert.Empty(t, res.Matches)
		})
	}
}

// checkOf returns the check named name of the explanation of m, failing
// the test when m has none.
func checkOf(t *testing.T, m screening.Match, name string) screening.Check {
	t.Helper()
	i := slices.IndexFunc(m.Explanation.Checks, func(c screening.Check) bool { return c.Name == name })
	require.GreaterOrEqual(t, i, 0, "%q: no %s check in %v", m.MatchedName, name, m.Explanation.Checks)
	return m.Explanation.Checks[i]
}

// TestCompanyAgainstNickname checks that a company query meeting a
// listed person's name of one distinctive word (an a.k.a.) weighs less
// than one meeting the person's whole name, which a company is named by
// less often: the nickname no longer alerts for a company of that name,
// while the bare name still does.
func TestCompanyAgainstNickname(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name,alt_names\n"+
		"P,SDN,Individual,\"VELARDO QUENTIX, Tomas\",EL ZORVALDI\n", "nickname", screening.WithMinScore(0.3))
	assert.GreaterOrEqual(t, scoreOf(t, s, screening.Query{Name: "Zorvaldi"}, "P"), screening.DefaultThreshold)
	m := mustMatch(t, s, "Zorvaldi Group", "P")
	assert.Less(t, m.Score, screening.DefaultThreshold)
	assert.InDelta(t, 0.7, checkOf(t, m, "entity-type").Factor, 1e-9)
	whole := mustMatch(t, s, "Tomas Velardo Quentix Group", "P")
	assert.InDelta(t, 0.85, checkOf(t, whole, "entity-type").Factor, 1e-9, "the person's whole name")
}

// TestPlacesDiffer checks that a query naming a place, against an
// organization's name that another place names ("China Zortel": a name
// of one distinctive word besides its place), weighs less, where the
// same place, a name with no place, or a listed name whose place is a
// qualifier or comes after its name (a subsidiary elsewhere) does not.
func TestPlacesDiffer(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name\n"+
		"C,SDN,Entity,CHINA ZORTEL\nH,SDN,Entity,HANGZHOU QUOLAR VEXTRA\nS,SDN,Entity,VARDOX SHENZHEN\n", "places", screening.WithMinScore(0.3))
	places := func(query, id string) bool {
		m := mustMatch(t, s, query, id)
		i := slices.IndexFunc(m.Explanation.Checks, func(c screening.Check) bool { return c.Name == "places" })
		return i >= 0
	}
	assert.InDelta(t, 0.85, checkOf(t, mustMatch(t, s, "Pakistan Zortel", "C"), "places").Factor, 1e-9)
	assert.False(t, places("China Zortel Pakistan", "C"), "the same place met")
	assert.False(t, places("Zortel", "C"), "no place")
	assert.False(t, places("Quolar Vextra Europe", "H"), "a qualifier of the listed name")
	assert.False(t, places("Vardox Germany", "S"), "a place after the listed name")
	assert.GreaterOrEqual(t, scoreOf(t, s, screening.Query{Name: "Quolar Vextra Europe"}, "H"), screening.DefaultThreshold)
}

// TestGivenNameFirst checks that a name of a list that gives no type
// (DPL, DTC rows), written as a person's given name first, or as the lists
// write people ("SURNAME, Given"), is read as a person's when its (first)
// given name is a given name of the list's people: its surname alone, or
// met by a company, no longer alerts, its whole name still does; a name
// with an organization word, or whose first word is no given name or
// initials, is left as it is.
func TestGivenNameFirst(t *testing.T) {
	s := fixtureScreener(t, "_id,source,type,name\n"+
		"1,SDN,Individual,\"QUENTIX, Davor\"\n2,SDN,Individual,\"VELARDO, Davor Tomas\"\n"+
		"T,DTC,,Davor Zorvaldi\nS,DPL,,\"MIRAXO, Davor\"\n"+
		"K,DTC,,Korvan Zorvaldi\nO,DPL,,Davor Zorvaldi Trading\nI,DPL,,D. Zorvaldi\n", "given first", screening.WithMinScore(0.3))
	for query, id := range map[string]string{"Zorvaldi": "T", "Miraxo": "S"} {
		m := mustMatch(t, s, query, id)
		assert.Less(t, m.Score, screening.DefaultThreshold, query)
		assert.InDelta(t, 0.7, checkOf(t, m, "person").Factor, 1e-9, query)
	}
	for query, id := range map[string]string{"Davor Zorvaldi": "T", "Zorvaldi, Davor": "T", "Davor Miraxo": "S", "Miraxo, Davor": "S"} {
		assert.Equal(t, 1.0, scoreOf(t, s, screening.Query{Name: query}, id), query)
	}
	for _, id := range []string{"K", "O", "I"} {
		m := mustMatch(t, s, "Zorvaldi", id)
		assert.False(t, slices.ContainsFunc(m.Explanation.Checks, func(c screening.Check) bool { return c.Name == "person" }), id)
	}
}

// TestWordKindsOrderFree checks that a key one name writes as a word and
// another as initials ("AT" and "A T") weighs the same whichever name the
// list holds first, and that each name scores against itself as much as
// against the other: the term took the kind of the first name, and the
// other name, read its own way, scored 0.32 against itself, or found no
// candidate at all.
func TestWordKindsOrderFree(t *testing.T) {
	scores := map[string]float64{}
	for _, order := range [][]string{{"A T", "AT"}, {"AT", "A T"}} {
		list := inHouse(t, order[0]+",,,V1,", order[1]+",,,V2,")
		built, err := screening.New(list)
		require.NoError(t, err)
		// A snapshot holds the kinds the names read the key as.
		var snap bytes.Buffer
		require.NoError(t, built.WriteSnapshot(&snap))
		s, err := screening.ReadSnapshot(&snap, list)
		require.NoError(t, err)
		for i, name := range order {
			ms, err := screen(s, screening.Query{Name: name})
			require.NoError(t, err)
			require.Len(t, ms, 2, "%q of %q", name, order)
			builtMs, err := screen(built, screening.Query{Name: name})
			require.NoError(t, err)
			assert.Equal(t, builtMs, ms, "%q of %q: read from a snapshot", name, order)
			own := fmt.Sprintf("V%d", i+1)
			assert.Equal(t, ms[0].Score, scoreOf(t, s, screening.Query{Name: name}, own), "%q of %q: own entry first: %v", name, order, ms)
			assert.GreaterOrEqual(t, ms[0].Score, 0.8, "%q of %q", name, order)
			if prev, ok := scores[name]; ok {
				assert.Equal(t, prev, ms[0].Score, "%q scores as much whichever name comes first", name)
			}
			scores[name] = ms[0].Score
		}
	}
}

// TestRunsDisplaceNoBetterPairs checks that the words of a name, each met
// by itself, are not displaced by runs of them met as one word: "AA A"
// joined against "AAA" is worth more than "AA" against "AA" alone, but
// less than "AA" and "A" each against itself, and "AA A AAA" scored 0.98
// against itself and 0.9866 against "AAA AAA".
func TestRunsDisplaceNoBetterPairs(t *testing.T) {
	for _, order := range [][]string{{"AA A AAA", "AAA AAA"}, {"AAA AAA", "AA A AAA"}} {
		list := inHouse(t, order[0]+",,,V1,", order[1]+",,,V2,")
		s, err := screening.New(list, screening.WithThreshold(0.01))
		require.NoError(t, err)
		for i, name := range order {
			ms, err := screen(s, screening.Query{Name: name})
			require.NoError(t, err)
			require.NotEmpty(t, ms)
			assert.Equal(t, fmt.Sprintf("V%d", i+1), ms[0].Entry.ID, "%q of %q: %v", name, order, ms)
			assert.Equal(t, 1.0, ms[0].Score, "%q of %q", name, order)
		}
	}
}

// TestRunsDisplaceNoBetterPairsPastTheSearch: a name of words written
// alike in so many ways that their pairs are more than alignWords
// searches ("A AAAA AA AA A A A A A 0 0", whose initials make "aaaaa")
// still scores 1 against itself, and finds its own entry first: runs of
// words met as one do not displace the single pairs worth more.
func TestRunsDisplaceNoBetterPairsPastTheSearch(t *testing.T) {
	name := "A AAAA AA AA A A A A A 0 0"
	s, err := screening.New(inHouse(t, "0,,,V1,", "0,,,V2,", name+",,,V3,"), screening.WithThreshold(0.01))
	require.NoError(t, err)
	ms, err := screen(s, screening.Query{Name: name})
	require.NoError(t, err)
	require.NotEmpty(t, ms)
	assert.Equal(t, "V3", ms[0].Entry.ID, "%v", ms)
	assert.Equal(t, 1.0, ms[0].Score)
}
