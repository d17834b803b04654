package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// One screen returns every listing of a party, what each obliges, and
// the rows of one party grouped: the Entity List row and the procurement
// prohibitions of AO Kaspersky Lab.
func TestScreenProcurementListings(t *testing.T) {
	r := runCLI(t, nil, "", "screen", "--list", fixtures+"csl.csv", "--list", procurementList,
		"--country", "RU", "--format", "json", "Kaspersky Lab JSC")
	require.Equal(t, 1, r.code, r.stderr)
	objs := jsonLines(t, r.stdout)
	require.Len(t, objs, 1)
	var el, proc map[string]any
	for _, m := range matchesOf(t, objs[0]) {
		switch {
		case m["source"] == "EL" && m["name"] == "AO Kaspersky Lab":
			el = m
		case m["source"] == "PROC" && m["name"] == "AO Kaspersky Lab":
			proc = m
		}
	}
	require.NotNil(t, el, r.stdout)
	require.NotNil(t, proc, r.stdout)
	assert.Equal(t, el["party"], proc["party"], "one party")
	fx := proc["effects"].([]any)
	require.Len(t, fx, 3)
	kinds := map[any]int{}
	for _, f := range fx {
		kinds[f.(map[string]any)["kind"]]++
	}
	assert.Equal(t, map[any]int{"procurement-prohibited": 3}, kinds)
	assert.Equal(t, "license-required", el["effects"].([]any)[0].(map[string]any)["kind"])

	r = runCLI(t, nil, "", "screen", "--list", fixtures+"csl.csv", "--list", procurementList, "--country", "RU", "Kaspersky Lab JSC")
	assert.Regexp(t, `MATCH\s+1\.0000\s+PROC\s+RU\s+AO Kaspersky Lab\s+AO Kaspersky Lab\s+procurement-prohibited`, r.stdout)
	assert.Regexp(t, `\(party of #\d\)`, r.stdout)

	r = runCLI(t, nil, "", "explain", "--list", fixtures+"csl.csv", "--list", procurementList, "--country", "RU", "Kaspersky Lab JSC")
	require.Equal(t, exitMatch, r.code, r.stderr)
	for _, want := range []string{
		"effect:   license-required: Entity List",
		"license:     For all items subject to the EAR.",
		"effect:   procurement-prohibited: FCC Covered List",
		"clause:      FAR 52.204-23",
		"from:        2024-07-20",
		"address:  39A Leningradskoe Highway, Moscow, 125212, RU",
		"party:    the same party as #",
	} {
		assert.Contains(t, r.stdout, want)
	}
}

// Without --list, the embedded procurement prohibitions are screened with
// the list in use (here the sample).
func TestDefaultListHasProcurement(t *testing.T) {
	r := runCLI(t, nil, "", "screen", "--format", "json", "ZTE Corporation")
	require.Equal(t, 1, r.code, r.stderr)
	sources := map[any]bool{}
	for _, m := range matchesOf(t, jsonLines(t, r.stdout)[0]) {
		sources[m["source"]] = true
	}
	assert.True(t, sources["PROC"], r.stdout)
}
