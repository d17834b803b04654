package main

import (
	"bytes"
	"io"
	"os"
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
// in this process, where a closed pipe is an error of Write rather than
// the signal the runtime raises for the process's own standard output.
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
