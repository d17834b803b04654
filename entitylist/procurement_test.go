package entitylist

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSourceEffects(t *testing.T) {
	for src := range sourceNames {
		if src == ProcurementProhibitions {
			continue
		}
		se, ok := sourceEffects[src]
		if assert.True(t, ok, "source %s has no legal effect", src) {
			assert.NotEmpty(t, se.summary, src)
			assert.NotEqual(t, EffectUnknown, se.kind, src)
		}
	}
}

func TestEntityListEffect(t *testing.T) {
	e := &Entry{ID: "x", Source: EntityList, Name: "AO Kaspersky Lab",
		FederalRegisterNotices: []string{"89 FR 52362"},
		LicenseRequirement:     "For all items subject to the EAR.",
		LicensePolicy:          "Presumption of denial.",
		StartDate:              time.Date(2024, 6, 24, 0, 0, 0, 0, time.UTC)}
	fx := e.Effects()
	require.Len(t, fx, 1)
	f := fx[0]
	assert.Equal(t, EffectLicenseRequired, f.Kind)
	assert.Equal(t, "For all items subject to the EAR.", f.LicenseRequirement)
	assert.Equal(t, "Presumption of denial.", f.LicensePolicy)
	assert.Equal(t, []string{"89 FR 52362"}, f.Citations)
	assert.Equal(t, e.StartDate, f.Effective)
	assert.Contains(t, f.Authority, "744.11")

	f.Citations[0] = "changed" // the Effect is a copy
	assert.Equal(t, "89 FR 52362", e.FederalRegisterNotices[0])

	sdn := (&Entry{Source: SpeciallyDesignated, Programs: []string{"CYBER2"}}).Effects()[0]
	assert.Equal(t, EffectBlocked, sdn.Kind)
	assert.Equal(t, []string{"CYBER2"}, sdn.Programs)

	unknown := (&Entry{Source: "XYZ"}).Effects()
	require.Len(t, unknown, 1)
	assert.Equal(t, EffectUnknown, unknown[0].Kind)
}

func TestProcurement(t *testing.T) {
	l := Procurement()
	require.NotNil(t, l)
	assert.Same(t, l, Procurement(), "read once")
	v := l.Version()
	assert.Equal(t, FormatProcurement, v.Format)
	assert.Equal(t, l.Len(), v.BySource[ProcurementProhibitions])
	assert.Len(t, v.SHA256, 64)
	assert.False(t, v.Newest.IsZero())

	byName := make(map[string]*Entry)
	for _, e := range l.All() {
		byName[e.Name] = e
		assert.Equal(t, ProcurementProhibitions, e.Source)
		fx := e.Effects()
		require.NotEmpty(t, fx, e.Name)
		assert.Len(t, fx, len(e.Programs), e.Name)
		for _, f := range fx {
			assert.NotEqual(t, EffectUnknown, f.Kind, "%s: %s", e.Name, f.List)
			assert.NotEmpty(t, f.Citations, "%s: %s", e.Name, f.List)
			assert.NotEmpty(t, f.Scope, "%s: %s", e.Name, f.List)
			assert.False(t, f.Effective.Before(e.StartDate), "%s: StartDate is the first prohibition's", e.Name)
		}
	}
	for _, name := range []string{"Huawei Technologies Company", "ZTE Corporation", "Hytera Communications Corporation",
		"Hangzhou Hikvision Digital Technology Company", "Dahua Technology Company"} {
		e := byName[name]
		require.NotNil(t, e, name)
		assert.Equal(t, []string{"FCC-COVERED-2021-03-12", "FAR-52.204-25"}, e.Programs, name)
		assert.Equal(t, "FAR 52.204-25", e.Effects()[1].Clause, name)
		assert.Equal(t, "2021-03-12", e.Effects()[0].Effective.Format(time.DateOnly), name)
	}

	k := byName["AO Kaspersky Lab"]
	require.NotNil(t, k)
	fx := k.Effects()
	require.Len(t, fx, 3)
	assert.Equal(t, "FCC Covered List", fx[0].List)
	assert.Equal(t, "2022-03-25", fx[0].Effective.Format(time.DateOnly))
	assert.Equal(t, "FAR 52.204-23", fx[1].Clause)
	assert.Equal(t, "2024-07-20", fx[2].Effective.Format(time.DateOnly))
	assert.Contains(t, fx[2].Summary, "2024-09-29")
	assert.Equal(t, "2018-10-01", k.StartDate.Format(time.DateOnly))
	assert.Equal(t, []string{"83 FR 28141", "89 FR 52434"}, k.FederalRegisterNotices, "only Federal Register citations")
}

func TestReadProcurementRefuses(t *testing.T) {
	const good = `{"version": "2026-01-02", "note": "",
	  "prohibitions": [{"id": "P", "list": "L", "kind": "procurement-prohibited", "authority": "", "clause": "",
	    "citations": ["1 FR 2"], "effective": "2020-01-02", "summary": "S"}],
	  "parties": [{"id": "A", "name": "Acme", "aliases": [], "country": "CN", "listings": [{"prohibition": "P", "scope": "all"}]}]}`
	p, err := readProcurement([]byte(good))
	require.NoError(t, err)
	require.Equal(t, 1, p.list.Len())
	assert.Equal(t, "CN", p.list.Entry(0).Addresses[0].Country)

	for _, tc := range []struct{ name, from, to, want string }{
		{"unknown key", `"note": ""`, `"note": "", "extra": 1`, `unknown field "extra"`},
		{"bad version", `"2026-01-02"`, `"2026-1-2"`, `version "2026-1-2"`},
		{"bad effective", `"2020-01-02"`, `"soon"`, `effective "soon"`},
		{"unknown prohibition", `"prohibition": "P"`, `"prohibition": "Q"`, `no prohibition "Q"`},
		{"no name", `"name": "Acme"`, `"name": ""`, `parties[0] "A": id, name and listings are required`},
		{"bad country", `"country": "CN"`, `"country": "China"`, `country "China"`},
		{"bad kind", `"kind": "procurement-prohibited"`, `"kind": "blocked"`, `kind "blocked"`},
		{"no citations", `["1 FR 2"]`, `[]`, `citations are required`},
		{"trailing data", `}]}]}`, `}]}]} {}`, `data after the object`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := strings.Replace(good, tc.from, tc.to, 1)
			require.NotEqual(t, good, bad, "the case changes the input")
			_, err := readProcurement([]byte(bad))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	dup := strings.Replace(good, `"parties": [`, `"parties": [{"id": "A", "name": "B", "listings": [{"prohibition": "P"}]}, `, 1)
	_, err = readProcurement([]byte(dup))
	assert.ErrorContains(t, err, `duplicate id "A"`)
}

func TestEffectJSON(t *testing.T) {
	f := Procurement().Entry(0).Effects()[0]
	b, err := json.Marshal(f)
	require.NoError(t, err)
	var back Effect
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, f, back)
	assert.Contains(t, string(b), `"kind":"procurement-prohibited"`)
	assert.NotContains(t, string(b), `"ends"`, "zero times are left out")
}

// The Entity List listing of AO Kaspersky Lab and its procurement
// prohibitions: what a hit obliges, as data and in plain words.
func ExampleEntry_Effects() {
	for _, e := range Procurement().All() {
		if e.Name != "AO Kaspersky Lab" {
			continue
		}
		for _, f := range e.Effects() {
			fmt.Printf("%s from %s (%s)\n", f.List, f.Effective.Format(time.DateOnly), f.Kind)
		}
	}
	// Output:
	// FCC Covered List from 2022-03-25 (procurement-prohibited)
	// FAR 52.204-23 (NDAA FY2018 section 1634) from 2018-10-01 (procurement-prohibited)
	// ICTS Final Determination: Kaspersky from 2024-07-20 (procurement-prohibited)
}
