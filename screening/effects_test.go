package screening

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/cslfixture"
)

// One screen of the sample Entity List merged with the procurement
// prohibitions returns every listing of a party, each with what it
// obliges, and groups the rows of one party.
func TestListingsAndEffects(t *testing.T) {
	s, err := New(entitylist.Merge(entitylist.Default(), entitylist.Procurement()))
	require.NoError(t, err)
	ctx := context.Background()

	r, err := s.Screen(ctx, Query{Name: "Kaspersky Lab JSC", Country: "RU"})
	require.NoError(t, err)
	el, proc := -1, -1
	for i, m := range r.Matches {
		switch {
		case m.Entry.Source == entitylist.EntityList && m.Entry.Name == "AO Kaspersky Lab":
			el = i
		case m.Entry.Source == entitylist.ProcurementProhibitions && m.Entry.Name == "AO Kaspersky Lab":
			proc = i
		}
	}
	require.True(t, el >= 0 && proc >= 0, "both listings are matches: %v", r.Matches)
	assert.True(t, r.Matches[el].Alert)
	assert.True(t, r.Matches[proc].Alert)
	first := min(el, proc)
	assert.Equal(t, first, r.Matches[el].Party)
	assert.Equal(t, first, r.Matches[proc].Party)
	for i, m := range r.Matches {
		if m.Entry.Name != "AO Kaspersky Lab" {
			assert.Equal(t, i, m.Party, "%s is its own party", m.Entry.Name)
		}
	}

	fx := r.Matches[el].Effects()
	require.Len(t, fx, 1)
	assert.Equal(t, entitylist.EffectLicenseRequired, fx[0].Kind)
	assert.Equal(t, []string{"89 FR 52362"}, fx[0].Citations)
	assert.NotEmpty(t, fx[0].LicenseRequirement)
	var lists []string
	for _, f := range r.Matches[proc].Effects() {
		assert.Equal(t, entitylist.EffectProcurementProhibited, f.Kind)
		lists = append(lists, f.List)
	}
	assert.Equal(t, []string{"FCC Covered List", "FAR 52.204-23 (NDAA FY2018 section 1634)", "ICTS Final Determination: Kaspersky"}, lists)

	b, err := json.Marshal(r.Matches[proc])
	require.NoError(t, err)
	var rec struct {
		Party   int                 `json:"party"`
		Effects []entitylist.Effect `json:"effects"`
	}
	require.NoError(t, json.Unmarshal(b, &rec))
	assert.Equal(t, first, rec.Party)
	assert.Equal(t, r.Matches[proc].Effects(), rec.Effects)
	var back Match
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, first, back.Party)

	// A parenthetical of the primary name counts; a different country
	// does not: Huawei's German company is not Huawei.
	r, err = s.Screen(ctx, Query{Name: "Huawei Technologies Co Ltd"})
	require.NoError(t, err)
	parties := map[string]int{}
	for i, m := range r.Matches {
		parties[string(m.Entry.Source)+" "+m.Entry.Name] = m.Party
		if m.Party != i {
			assert.Less(t, m.Party, i)
		}
	}
	elName, procName := "EL Huawei Technologies Co., Ltd. (Huawei)", "PROC Huawei Technologies Company"
	require.Contains(t, parties, elName)
	require.Contains(t, parties, procName)
	assert.Equal(t, parties[elName], parties[procName])
	if p, ok := parties["EL Huawei Technologies Deutschland GmbH"]; ok {
		assert.NotEqual(t, parties[elName], p)
	}
}

// Rows of people are never one party by their names alone.
func TestSamePartyNotForPeople(t *testing.T) {
	list, err := entitylist.ReadCSV(strings.NewReader(cslfixture.Full("_id,source,type,name,addresses\n"+
		"1,SDN,Individual,Ivan Petrov,\", , , , RU\"\n"+
		"2,EL,,Ivan Petrov,\", , , , RU\"\n"+
		"3,DPL,,Ivan Petrov,\", , , , RU\"\n"+
		"4,DTC,,Ivan Petrov,\", , , , BY\"\n")), "people")
	require.NoError(t, err)
	s, err := New(list)
	require.NoError(t, err)
	r, err := s.Screen(context.Background(), Query{Name: "Ivan Petrov"})
	require.NoError(t, err)
	require.Len(t, r.Matches, 4)
	party := map[string]int{}
	for _, m := range r.Matches {
		party[m.Entry.ID] = m.Party
	}
	assert.Equal(t, party["2"], party["3"], "untyped rows of one name and country")
	assert.NotEqual(t, party["1"], party["2"], "a typed individual")
	assert.NotEqual(t, party["4"], party["2"], "another country")
}

// A match says what the list says of the alias it was made on: its kind,
// and whether the list calls it weak.
func TestMatchAlias(t *testing.T) {
	list, err := entitylist.OpenOFAC("../entitylist/testdata/ofac")
	require.NoError(t, err)
	s, err := New(list)
	require.NoError(t, err)
	ctx := context.Background()
	find := func(name string, opts ...Option) Match {
		t.Helper()
		r, err := s.Screen(ctx, Query{Name: name}, opts...)
		require.NoError(t, err)
		require.NotEmpty(t, r.Matches, name)
		return r.Matches[0]
	}

	m := find("Orion Trading FZE")
	a, ok := m.Alias()
	require.True(t, ok, "matched %q", m.MatchedName)
	assert.Equal(t, entitylist.FormerlyKnownAs, a.Kind)
	assert.False(t, a.Weak)

	m = find("EXAERO", WithWeakAliases(true)) // not screened by default (see TestWeakAliases)
	a, ok = m.Alias()
	require.True(t, ok, "matched %q", m.MatchedName)
	assert.True(t, a.Weak, "a.k.a. in the remarks is a weak alias")
	b, err := json.Marshal(m)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"matched_alias":{"name":"EXAERO","kind":"aka","weak":true}`)

	m = find("Orion Star Trading LLC")
	_, ok = m.Alias()
	assert.False(t, ok, "the primary name")
	b, err = json.Marshal(m)
	require.NoError(t, err)
	assert.NotContains(t, string(b), "matched_alias")
}

// A result's record holds each match's record as Match writes it alone,
// byte for byte: one record of a match for every consumer.
func TestResultRecordHoldsMatchRecords(t *testing.T) {
	s, err := New(entitylist.Merge(entitylist.Default(), entitylist.Procurement()))
	require.NoError(t, err)
	r, err := s.Screen(context.Background(), Query{Name: "Kaspersky Lab", Country: "RU"}, WithMinScore(0.3))
	require.NoError(t, err)
	require.Greater(t, len(r.Matches), 2)
	b, err := json.Marshal(r)
	require.NoError(t, err)
	var rec struct {
		Matches []json.RawMessage `json:"matches"`
	}
	require.NoError(t, json.Unmarshal(b, &rec))
	require.Len(t, rec.Matches, len(r.Matches))
	for i, m := range r.Matches {
		one, err := json.Marshal(m)
		require.NoError(t, err)
		assert.Equal(t, string(one), string(rec.Matches[i]), "match %d", i)
	}
	var back Result
	require.NoError(t, json.Unmarshal(b, &back))
	again, err := json.Marshal(back)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(again))
}
