package main

import (
	"regexp"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// toolVersionOf returns the version the built command prints, without
// "entityscreen ".
func toolVersionOf(t *testing.T) string {
	t.Helper()
	r := runCLI(t, nil, "", "version")
	require.Equal(t, exitClear, r.code, r.stderr)
	first, _, _ := strings.Cut(r.stdout, "\n")
	v, ok := strings.CutPrefix(first, "entityscreen ")
	require.True(t, ok, "%q", r.stdout)
	return v
}

// TestVersionCommand: the command prints its version and the Go version,
// and every record of screen names the same version.
func TestVersionCommand(t *testing.T) {
	r := runCLI(t, nil, "", "version")
	require.Equal(t, exitClear, r.code, r.stderr)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, 2, r.stdout)
	assert.Regexp(t, `^entityscreen (devel|v\d+\.\d+\.\d+\S*)( \(revision [0-9a-f]+.*\))?$`, lines[0])
	assert.Regexp(t, `^built with go\d`, lines[1])
	v := toolVersionOf(t)

	r = runCLI(t, nil, "", "screen", "--list", fixtures+"csl.csv", "--format", "json", "AO Kaspersky Lab", "!!!")
	require.Equal(t, exitError, r.code)
	objs := jsonLines(t, r.stdout)
	require.Len(t, objs, 2)
	for _, o := range objs {
		assert.Equal(t, v, o["tool_version"], "every line, an error's too")
		assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`, o["screened_at"])
	}
	assert.Equal(t, 0.72, objs[0]["threshold"])
	assert.NotNil(t, objs[0]["list_version"])

	r = runCLI(t, nil, "", "screen", "--list", fixtures+"csl.csv", "--format", "csv", "AO Kaspersky Lab")
	require.Equal(t, exitMatch, r.code)
	rows := csvRows(t, r.stdout)
	require.Len(t, rows, 2)
	assert.Equal(t, v, cell(t, rows[0], rows[1], "tool_version"))
	assert.Equal(t, "0.72", cell(t, rows[0], rows[1], "threshold"))
	assert.Contains(t, cell(t, rows[0], rows[1], "list_version"), "csl.csv (csv): 7 entries")

	r = runCLI(t, nil, "", "screen", "--list", fixtures+"csl.csv", "--threshold", "0.9", "AO Kaspersky Lab")
	require.Equal(t, exitMatch, r.code)
	assert.Regexp(t, `\nThreshold 0\.9; screened \d{4}-\d\d-\d\dT\S+Z by entityscreen `+regexp.QuoteMeta(v)+`\.\n$`, r.stdout)

	r = runCLI(t, nil, "", "version", "extra")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, `unexpected argument "extra"`)
}

func TestVersionOf(t *testing.T) {
	checkout := []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2026-01-02T03:04:05Z"}, {Key: "vcs.modified", Value: "true"}}
	clean := []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2026-01-02T03:04:05Z"}, {Key: "vcs.modified", Value: "false"}}
	tests := []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"no build information", nil, "devel"},
		{"no VCS information", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel"},
		{"checkout, old go command", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: checkout},
			"devel (revision 0123456789abcdef0123456789abcdef01234567, 2026-01-02T03:04:05Z, modified)"},
		{"checkout at no release", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20260102030405-0123456789ab"}, Settings: clean},
			"devel (revision 0123456789abcdef0123456789abcdef01234567, 2026-01-02T03:04:05Z)"},
		{"checkout after a release, changed", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.1-0.20260102030405-0123456789ab+dirty"}, Settings: checkout},
			"devel (revision 0123456789abcdef0123456789abcdef01234567, 2026-01-02T03:04:05Z, modified)"},
		{"checkout at a release", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}, Settings: clean},
			"v1.2.0 (revision 0123456789abcdef0123456789abcdef01234567, 2026-01-02T03:04:05Z)"},
		{"go install of a release", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, "v1.2.0"},
		{"go install of a commit", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20260102030405-0123456789ab"}},
			"v0.0.0-20260102030405-0123456789ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, versionOf(tt.info).String())
		})
	}
	assert.Equal(t, "go1.26", versionOf(&debug.BuildInfo{GoVersion: "go1.26"}).Go)
}
