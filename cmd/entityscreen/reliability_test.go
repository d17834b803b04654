package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHostileCommandLines: unknown flags on every command, files that cannot
// be read, and a list in another encoding each end with status 2 and a
// message naming the problem, never a panic trace.
func TestHostileCommandLines(t *testing.T) {
	dir := t.TempDir()
	latin1 := filepath.Join(dir, "latin1.csv")
	require.NoError(t, os.WriteFile(latin1, []byte("name,aliases\nCaf\xe9 Import,\n"), 0o644))
	tests := []struct {
		name   string
		args   []string
		stderr []string
	}{
		{"screen unknown flag", []string{"screen", "--no-such-flag"}, []string{"flag provided but not defined: -no-such-flag", "Usage: entityscreen screen"}},
		{"explain unknown flag", []string{"explain", "--bogus", "x"}, []string{"flag provided but not defined: -bogus", "Usage: entityscreen explain"}},
		{"info unknown flag", []string{"info", "-x"}, []string{"flag provided but not defined: -x", "Usage: entityscreen info"}},
		{"update unknown flag", []string{"update", "--bogus"}, []string{"flag provided but not defined: -bogus", "Usage: entityscreen update"}},
		{"flag without its value", []string{"screen", "x", "--threshold"}, []string{"flag needs an argument: -threshold"}},
		{"flag with a bad value", []string{"screen", "--limit", "many", "x"}, []string{`invalid value "many" for flag -limit`}},
		{"directory as list", []string{"screen", "--list", dir, "x"}, []string{"cannot use the list", "is a directory"}},
		{"directory as input", []string{"screen", "--list", fixtures + "csl.csv", "--input", dir}, []string{"cannot read input", "is a directory"}},
		{"explain with a directory as list", []string{"explain", "--list", dir, "x"}, []string{"cannot use the list", "is a directory"}},
		{"info with a missing list", []string{"info", "--list", filepath.Join(dir, "none.csv")}, []string{"none.csv", "no such file"}},
		{"list in Latin-1", []string{"screen", "--list", latin1, "Cafe Import"}, []string{"latin1.csv", `line 2, field "name": invalid UTF-8`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			assert.Equal(t, exitError, r.code, "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			for _, s := range tt.stderr {
				assert.Contains(t, r.stderr, s)
			}
			assert.NotContains(t, r.stderr, "panic")
			assert.NotContains(t, r.stderr, "goroutine ")
		})
	}
}

// TestUnreadableFile: a list without read permission fails clearly. Root
// reads it anyway, so the test skips then.
func TestUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can read a file without read permission")
	}
	path := filepath.Join(t.TempDir(), "locked.csv")
	require.NoError(t, os.WriteFile(path, []byte("name\nAcme\n"), 0o000))
	r := runCLI(t, nil, "", "screen", "--list", path, "x")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "permission denied")
}

// TestClosedStdout runs commands with standard output closed, and writing to
// a full device: no panic trace; a closed output is quiet (the runtime
// points it at /dev/null), a full one is an error that says so.
func TestClosedStdout(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh to close standard output with")
	}
	list := fixtures + "csl.csv"
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string // part of it; empty: stderr must be empty
	}{
		{"screen, match", []string{"screen", "--list", list, "AO Kaspersky Lab"}, exitMatch, ""},
		{"screen, no match", []string{"screen", "--list", list, "Nobody Particular"}, exitClear, ""},
		{"explain", []string{"explain", "--list", list, "AO Kaspersky Lab"}, exitMatch, ""},
		{"info", []string{"info", "--list", list}, exitClear, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name+", closed", func(t *testing.T) {
			cmd := exec.Command(sh, append([]string{"-c", `exec "$0" "$@" >&-`, binary}, tt.args...)...)
			cmd.Env = cacheEnv(t.TempDir())
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			}
			assert.Equal(t, tt.code, code, stderr.String())
			assert.Empty(t, stderr.String())
		})
	}
	if _, err := os.Stat("/dev/full"); err != nil {
		return
	}
	for _, tt := range tests {
		t.Run(tt.name+", full", func(t *testing.T) {
			full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
			require.NoError(t, err)
			defer full.Close()
			cmd := exec.Command(binary, tt.args...)
			cmd.Env = cacheEnv(t.TempDir())
			cmd.Stdout = full
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err = cmd.Run()
			var ee *exec.ExitError
			require.ErrorAs(t, err, &ee)
			assert.Equal(t, exitError, ee.ExitCode())
			assert.Contains(t, stderr.String(), "no space left on device")
			assert.NotContains(t, stderr.String(), "goroutine ")
		})
	}
}
