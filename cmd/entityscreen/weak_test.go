package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A weak alias of OFAC's files raises no alert unless --weak-aliases asks
// for it to be screened; the entry's other names are screened either way.
func TestScreenWeakAliases(t *testing.T) {
	dir := t.TempDir()
	sdn := `3001,"NORTHWIND SHIPPING LLC",-0- ,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. 'NEPTUNE'."` + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sdn.csv"), []byte(sdn), 0o644))

	r := runCLI(t, nil, "", "screen", "--list", dir, "Neptune")
	assert.Equal(t, exitClear, r.code, r.stderr)
	assert.Contains(t, r.stderr, "1 weak alias of the list not screened (--weak-aliases screens them)")
	r = runCLI(t, nil, "", "screen", "--list", dir, "--weak-aliases", "Neptune")
	assert.Equal(t, exitMatch, r.code, r.stderr)
	assert.NotContains(t, r.stderr, "weak alias")
	assert.Regexp(t, `MATCH\s+1\.0000\s+SDN\s+.*NORTHWIND SHIPPING LLC\s+NEPTUNE`, r.stdout)
	assert.Contains(t, r.stdout, "Threshold 0.72, the list's weak aliases screened;")
	r = runCLI(t, nil, "", "screen", "--list", dir, "--weak-aliases", "--format", "json", "Neptune")
	assert.Contains(t, r.stdout, `"weak_aliases":true`)
	for _, weak := range []bool{false, true} {
		args := []string{"screen", "--list", dir, "--format", "csv", "Neptune"}
		if weak {
			args = append(args, "--weak-aliases")
		}
		r = runCLI(t, nil, "", args...)
		rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		require.NoError(t, err)
		require.Len(t, rows, 2, r.stdout)
		assert.Equal(t, strconv.FormatBool(weak), rows[1][slices.Index(rows[0], "weak_aliases")], "the CSV says whether they were screened")
	}
	r = runCLI(t, nil, "", "screen", "--list", dir, "Northwind Shipping")
	assert.Equal(t, exitMatch, r.code, r.stderr)

	r = runCLI(t, nil, "", "explain", "--list", dir, "--weak-aliases", "Neptune")
	assert.Equal(t, exitMatch, r.code, r.stderr)
}
