package build

import (
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDescribe(t *testing.T) {
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "-trimpath", Value: "true"}, {Key: "vcs.revision", Value: "0123abcd"},
			{Key: "vcs.time", Value: "2026-01-02T03:04:05Z"}, {Key: "vcs.modified", Value: modified}}
	}
	for _, tc := range []struct {
		name   string
		bi     *debug.BuildInfo
		want   string
		pinned bool
	}{
		{"no build information", nil, "", false},
		{"a clean checkout", &debug.BuildInfo{Main: debug.Module{Path: module, Version: "(devel)"}, Settings: vcs("false")},
			"(devel) vcs.revision=0123abcd vcs.time=2026-01-02T03:04:05Z vcs.modified=false", true},
		{"uncommitted changes", &debug.BuildInfo{Main: debug.Module{Path: module, Version: "(devel)"}, Settings: vcs("true")},
			"(devel) vcs.revision=0123abcd vcs.time=2026-01-02T03:04:05Z vcs.modified=true", false},
		{"no revision", &debug.BuildInfo{Main: debug.Module{Path: module, Version: "(devel)"}}, "(devel)", false},
		{"a dependency", &debug.BuildInfo{Main: debug.Module{Path: "example.com/app"},
			Deps: []*debug.Module{{Path: module, Version: "v1.2.0", Sum: "h1:abc="}}}, module + "@v1.2.0 h1:abc=", true},
		{"a dependency replaced by a directory", &debug.BuildInfo{Main: debug.Module{Path: "example.com/app"},
			Deps: []*debug.Module{{Path: module, Version: "v1.2.0", Replace: &debug.Module{Path: "../fork"}}}}, "../fork@ ", false},
		{"not in the build", &debug.BuildInfo{Main: debug.Module{Path: "example.com/app"}}, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, pinned := describe(tc.bi)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.pinned, pinned)
		})
	}
}

// TestIdentity checks that a test binary, which records no revision, is
// told apart by its executable.
func TestIdentity(t *testing.T) {
	id := Identity()
	assert.Contains(t, id, " executable ")
	assert.Equal(t, id, Identity())
}
