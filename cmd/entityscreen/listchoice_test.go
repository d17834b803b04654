package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSampleRefusedForBatches: with no list given or downloaded (an empty
// cache, or no cache directory at all, as for a cron job without HOME), a
// batch and a monitor run refuse the embedded sample, saying why and what
// to do, unless --sample insists; names given as arguments are screened
// against it with a warning.
func TestSampleRefusedForBatches(t *testing.T) {
	noHome := withoutVars(os.Environ(), "HOME", "XDG_CACHE_HOME")
	monitorNoList := []string{"monitor", "--vendors", fixtures + "monitor_vendors.csv", "--key-column", "vendor_id",
		"--name-column", "vendor_name", "--db", filepath.Join(t.TempDir(), "m.db")}
	refused := []string{"refusing to screen a batch against the embedded SAMPLE list (40 entries, not the complete official list)",
		"--list FILE", `"entityscreen update"`, "--sample"}
	tests := []struct {
		name   string
		env    []string // nil: an empty cache
		stdin  string
		args   []string
		code   int
		stderr []string
	}{
		{"stdin batch", nil, "Gazprombank\n", []string{"screen"}, exitError, append([]string{"no list downloaded in "}, refused...)},
		{"stdin batch without a cache directory", noHome, "Gazprombank\n", []string{"screen", "--format", "json"}, exitError,
			append([]string{"no user cache directory", "set HOME or XDG_CACHE_HOME"}, refused...)},
		{"CSV batch", nil, "", []string{"screen", "--input", fixtures + "vendors.csv", "--name-column", "vendor_name"}, exitError, refused},
		{"monitor run", nil, "", monitorNoList, exitError, refused},
		{"stdin batch with --sample", nil, "Kaspersky Lab JSC\n", []string{"screen", "--sample"}, exitMatch,
			[]string{"warning: screening against the embedded SAMPLE list"}},
		{"monitor run with --sample", noHome, "", append(monitorNoList, "--sample"), exitMatch,
			[]string{"warning: screening against the embedded SAMPLE list", "SAMPLE: not a complete list"}},
		{"name argument", nil, "", []string{"screen", "Kaspersky Lab JSC"}, exitMatch, []string{"warning: screening against the embedded SAMPLE list"}},
		{"name argument without a cache directory", noHome, "", []string{"screen", "Kaspersky Lab JSC"}, exitMatch,
			[]string{"warning: screening against the embedded SAMPLE list"}},
		{"explain", nil, "", []string{"explain", "Kaspersky Lab JSC"}, exitMatch, []string{"warning: screening against the embedded SAMPLE list"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, tt.env, tt.stdin, tt.args...)
			assert.Equal(t, tt.code, r.code, "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			for _, s := range tt.stderr {
				assert.Contains(t, r.stderr, s)
			}
			if tt.code == exitError {
				assert.Empty(t, r.stdout, "nothing screened")
			}
		})
	}

	// The answers against the sample say so, in the summary of the text
	// output and in every JSON line.
	r := runCLI(t, nil, "Gazprombank\n", "screen", "--sample")
	assert.Equal(t, exitClear, r.code, r.stderr)
	assert.Contains(t, r.stdout, `"Gazprombank": no match`)
	assert.Contains(t, r.stdout, "SAMPLE: not a complete list\n")
	assert.Contains(t, r.stdout, `WARNING: screened against the embedded SAMPLE list, not the complete official list: "no match" clears no one.`)
	r = runCLI(t, nil, "Gazprombank\n", "screen", "--sample", "--format", "json")
	assert.Equal(t, exitClear, r.code, r.stderr)
	objs := jsonLines(t, r.stdout)
	require.Len(t, objs, 1)
	assert.Equal(t, true, objs[0]["list_version"].(map[string]any)["sample"])
}

// TestUnscreenableNames: the list names the screener cannot screen whole
// are counted on stderr when the list loads, on one line, escaped, and
// listed by info, all or the first N; every result's list version counts
// those not screened at all.
func TestUnscreenableNames(t *testing.T) {
	list := fixtures + "unscreenable.csv"
	r := runCLI(t, nil, "", "info", "--list", list)
	require.Equal(t, exitClear, r.code, r.stderr)
	for _, s := range []string{
		"names not screened:  3\n",
		"names that cannot be screened whole: 4 (3 not at all)\n",
		`    INHOUSE IH-90 "LLC": not screened: nothing left to compare` + "\n",
		`    INHOUSE IH-91 "Ltd.": not screened: nothing left to compare` + "\n",
		`    INHOUSE IH-91 "!!!": not screened: nothing left to compare` + "\n",
		`    INHOUSE IH-92 "Northwind Maritime Maritime Maritime Mar"… (1187 bytes): screened by its first part only` + "\n",
	} {
		assert.Contains(t, r.stdout, s)
	}
	assert.Empty(t, r.stderr, "info lists them on standard output")

	r = runCLI(t, nil, "", "info", "--list", list, "--names", "2")
	require.Equal(t, exitClear, r.code, r.stderr)
	assert.Contains(t, r.stdout, `"Ltd."`)
	assert.NotContains(t, r.stdout, `"!!!"`)
	assert.Contains(t, r.stdout, "    and 2 more (--names 0 lists them all)\n")

	r = runCLI(t, nil, "", "screen", "--list", list, "--format", "json", "Crimson Harbor Logistics")
	require.Equal(t, exitMatch, r.code, r.stderr)
	assert.Equal(t, `entityscreen: warning: 4 names of the list cannot be screened whole (3 not at all, 1 by their first part only): `+
		`INHOUSE IH-90 "LLC": not screened: nothing left to compare; INHOUSE IH-91 "Ltd.": not screened: nothing left to compare; `+
		`INHOUSE IH-91 "!!!": not screened: nothing left to compare; and 1 more ("entityscreen info" lists them)`+"\n", r.stderr)
	objs := jsonLines(t, r.stdout)
	require.Len(t, objs, 1)
	assert.Equal(t, 3.0, objs[0]["list_version"].(map[string]any)["unscreened_names"])

	r = runCLI(t, nil, "", "screen", "--list", list, "Crimson Harbor Logistics")
	require.Equal(t, exitMatch, r.code, r.stderr)
	assert.Contains(t, r.stdout, "3 names not screened\n", "the text summary's list version counts them")

	// Control characters in a name are escaped.
	hostile := filepath.Join(t.TempDir(), "hostile.csv")
	require.NoError(t, os.WriteFile(hostile, []byte("name,aliases,country,id,notes\n\"\u202e!!!\x1b\",,US,IH-\x07,x\nAcme Trading,,US,IH-2,\n"), 0o600))
	r = runCLI(t, nil, "", "explain", "--list", hostile, "Acme Trading")
	require.Equal(t, exitMatch, r.code, r.stderr)
	assert.Contains(t, r.stderr, `1 name of the list cannot be screened whole (1 not at all, 0 by their first part only): INHOUSE IH-\x07 "\u202e!!!\x1b": not screened`)
	for _, raw := range []string{"\x1b", "\x07", "\u202e"} {
		assert.NotContains(t, r.stderr, raw)
	}
	assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "one line: %q", r.stderr)
}

// TestListGivenTwice: the same list given twice with --list (by the same
// path, another spelling of it, or a copy) is refused, naming both, rather
// than merged into a list holding each entry twice, which reported every
// match of it twice.
func TestListGivenTwice(t *testing.T) {
	cp := filepath.Join(t.TempDir(), "copy.csv")
	data, err := os.ReadFile(fixtures + "csl.csv")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(cp, data, 0o600))
	tests := []struct {
		name  string
		lists []string
	}{
		{"same path", []string{fixtures + "csl.csv", fixtures + "csl.csv"}},
		{"another spelling", []string{fixtures + "csl.csv", fixtures + "../cli/csl.csv"}},
		{"a copy", []string{fixtures + "csl.csv", fixtures + "inhouse.csv", cp}},
		{"procurement", []string{"embedded:procurement", "embedded:procurement"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var args []string
			for _, l := range tt.lists {
				args = append(args, "--list", l)
			}
			for _, cmd := range [][]string{{"screen", "Kaspersky Lab JSC"}, {"explain", "Kaspersky Lab JSC"}, {"info"}} {
				r := runCLI(t, nil, "", append(append([]string{cmd[0]}, args...), cmd[1:]...)...)
				assert.Equal(t, exitError, r.code, "%s: stdout:\n%s\nstderr:\n%s", cmd[0], r.stdout, r.stderr)
				assert.Contains(t, r.stderr, "the same list twice", cmd[0])
				assert.Empty(t, r.stdout, cmd[0])
			}
		})
	}
}
