package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// closedPipe is a standard output whose reader went away after n bytes:
// a write past them fails as a write to a closed pipe does.
type closedPipe struct{ n int }

func (p *closedPipe) Write(b []byte) (int, error) {
	if len(b) <= p.n {
		p.n -= len(b)
		return len(b), nil
	}
	n := p.n
	p.n = 0
	return n, &os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.EPIPE}
}

// TestBrokenPipeStatus: a command that only writes what it reads (alerts,
// audit, explain) and cannot finish its output because the reader went
// away ("... | head") stops quietly with status 2, as screen does, so that
// a script does not take a cut export for a whole one. The command runs
// in this process, where a closed pipe is an error of Write;
// TestBrokenPipeBinary runs the built command on a closed pipe.
func TestBrokenPipeStatus(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "m.db")
	r := runCLI(t, cacheEnv(dir), "", monitorArgs(fixtures+"monitor_list_v1.csv", "--format", "json", "--db", store)...)
	require.Equal(t, exitMatch, r.code, r.stderr)

	for _, args := range [][]string{
		{"alerts", "--db", store},
		{"alerts", "--db", store, "--format", "json"},
		{"alerts", "--db", store, "--format", "csv"},
		{"audit", "--db", store},
		{"audit", "--db", store, "--format", "csv"},
		{"explain", "--list", fixtures + "csl.csv", "Kaspersky Lab"},
		{"info", "--list", fixtures + "csl.csv"},
		{"version"},
		{"help"},
		{"ownership", "--list", defaultList, "--ownership", kaspersky, gmbh},
		{"ownership", "--list", defaultList, "--ownership", kaspersky, "--format", "json", gmbh},
	} {
		name := strings.Join(slices.DeleteFunc(slices.Clone(args), func(a string) bool { return a == store || a == "--db" }), " ")
		t.Run(name, func(t *testing.T) {
			var stderr bytes.Buffer
			code := run(args, strings.NewReader(""), &closedPipe{n: 10}, &stderr)
			assert.Equal(t, exitError, code, "stderr:\n%s", stderr.String())
			assert.NotContains(t, stderr.String(), "broken pipe", "quiet on a closed pipe")

			code = run(args, strings.NewReader(""), io.Discard, &stderr)
			assert.Contains(t, []int{exitClear, exitMatch}, code, "whole, it succeeds: stderr:\n%s", stderr.String())
		})
	}
}

// TestBrokenPipeBinary runs the built command with its standard output a
// pipe whose reader has gone ("entityscreen screen ... | head -0"): the
// command gives the status its documentation gives for output cut short,
// 2, quietly, for the commands that only write what they read or screened,
// and its own status for monitor, whose run is stored, never 141 (the
// status of a process SIGPIPE killed, which the Go runtime raises for a
// write to a closed pipe that is standard output unless the program asks
// for SIGPIPE).
func TestBrokenPipeBinary(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "m.db")
	env := cacheEnv(dir)
	r := runCLI(t, env, "", monitorArgs(fixtures+"monitor_list_v1.csv", "--format", "json", "--db", store)...)
	require.Equal(t, exitMatch, r.code, r.stderr)
	list := fixtures + "csl.csv"

	tests := []struct {
		name string
		args []string
		code int
	}{
		{"screen, match", []string{"screen", "--list", list, "AO Kaspersky Lab"}, exitError},
		{"screen, no match", []string{"screen", "--list", list, "Nobody Particular"}, exitError},
		{"explain", []string{"explain", "--list", list, "AO Kaspersky Lab"}, exitError},
		{"alerts", []string{"alerts", "--db", store}, exitError},
		{"audit", []string{"audit", "--db", store}, exitError},
		{"info", []string{"info", "--list", list}, exitError},
		{"version", []string{"version"}, exitError},
		{"help", []string{"help"}, exitError},
		{"ownership", []string{"ownership", "--list", defaultList, "--ownership", kaspersky, gmbh}, exitError},
		{"monitor, run stored", monitorArgs(fixtures+"monitor_list_v1.csv", "--format", "json", "--db", filepath.Join(dir, "new.db")), exitMatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pr, pw, err := os.Pipe()
			require.NoError(t, err)
			require.NoError(t, pr.Close()) // the reader went away
			cmd := exec.Command(binary, tt.args...)
			cmd.Env = env
			cmd.Stdout = pw
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err = cmd.Run()
			pw.Close()
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
				assert.True(t, ee.Exited(), "killed by %v, not exited: stderr:\n%s", ee.ProcessState, stderr.String())
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.code, code, "stderr:\n%s", stderr.String())
			assert.NotContains(t, stderr.String(), "broken pipe", "quiet on a closed pipe")
		})
	}
}

// fullDevice is a standard output on which every write fails, as on a
// full disk.
type fullDevice struct{}

func (fullDevice) Write([]byte) (int, error) {
	return 0, &os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.ENOSPC}
}

// TestUpdateOutputFailed: update whose summary cannot be written updates
// the lists all the same, and then says so as the other commands do:
// status 2, quietly when the reader went away, with "writing output" when
// the write failed otherwise, never taking the lists it updated for lists
// it did not.
func TestUpdateOutputFailed(t *testing.T) {
	url := fixtureServer(t)
	for _, tt := range []struct {
		name   string
		stdout io.Writer
		stderr string // part of it; empty: no "writing output"
	}{
		{"closed pipe", &closedPipe{n: 10}, ""},
		{"full device", fullDevice{}, "entityscreen: writing output: write /dev/stdout: no space left on device"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Setenv("XDG_CACHE_HOME", dir)
			t.Setenv("HOME", dir)
			var stderr bytes.Buffer
			code := run([]string{"update", "--feeds", "csl", "--url", url}, strings.NewReader(""), tt.stdout, &stderr)
			assert.Equal(t, exitError, code, "stderr:\n%s", stderr.String())
			assert.NotContains(t, stderr.String(), "broken pipe", "quiet on a closed pipe")
			assert.NotContains(t, stderr.String(), "not updated", "the list is updated")
			if tt.stderr != "" {
				assert.Contains(t, stderr.String(), tt.stderr)
			} else {
				assert.NotContains(t, stderr.String(), "writing output")
			}
			assert.FileExists(t, filepath.Join(dir, "entityscreen", "consolidated.csv"), "the list is stored all the same")
		})
	}
}

// TestLongValuesQuoted: a value given at length on the command line is
// quoted in the error up to its first bytes and its length
// (printable.Quote), not whole, as the service quotes a client's.
func TestLongValuesQuoted(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", dir)
	t.Setenv("HOME", dir)
	long := strings.Repeat("x", 3000)
	store := filepath.Join(dir, "m.db")
	list := fixtures + "csl.csv"
	for _, args := range [][]string{
		{long},
		{"help", long},
		{"screen", "--list", list, "--format", long, "x"},
		{"screen", "--list", list, "--max-age", long, "x"},
		{"screen", "--list", list, "--max-age", long + "d", "x"},
		{"screen", "--list", list, "--limit", long, "x"},
		{"screen", "--list", list, "--weak-aliases=" + long, "x"},
		{"screen", "--list", list, "--" + long, "x"},
		{"screen", "--list", list, "---" + long, "x"},
		{"alerts", "--db", store, long},
		{"alerts", "--db", store, "--format", long},
		{"alerts", "--db", store, "--status", long},
		{"decide", "--db", store, long, "--clear", "--reason", "r"},
		{"decide", "--db", store, "1", long, "--clear", "--reason", "r"},
		{"decide", "--db", store, "1", "--clear", "--reason", "r", "--entry-hash", long, "--vendor-hash", long},
		{"audit", "--db", store, long},
		{"audit", "--db", store, "--format", long},
		{"info", "--list", list, long},
		{"monitor", long},
		{"ownership", "--list", list, "--ownership", kaspersky, "--format", long, gmbh},
		{"ownership", "--list", list, "--ownership", kaspersky, "--as-of", long, gmbh},
		{"ownership", "--list", list, "--ownership", kaspersky, "--rule-status", long + "=in-force", gmbh},
		{"serve", "--log-level", long},
		{"serve", long},
		{"update", long},
		{"update", "--feeds", long},
		{"version", long},
	} {
		shown := slices.Clone(args)
		for i, a := range shown {
			shown[i] = strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(a, long, "LONG"), store, "STORE"), fixtures, "")
		}
		t.Run(strings.Join(shown, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(args, strings.NewReader(""), &stdout, &stderr)
			assert.Equal(t, exitError, code, "stderr:\n%.300s", stderr.String())
			assert.NotContains(t, stderr.String(), long[:41], "stderr:\n%.300s", stderr.String())
			assert.Regexp(t, `"… \(\d+ bytes\)`, stderr.String())
		})
	}
}
