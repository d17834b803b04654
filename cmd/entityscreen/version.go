package main

import (
	"fmt"
	"regexp"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/entityscreen/entityscreen/internal/printable"
)

// toolVersion is the version of the command as built, for people and for
// every record it writes (see buildVersion.String): read once from the
// build information the go command embeds.
var toolVersion = sync.OnceValue(func() buildVersion {
	info, _ := debug.ReadBuildInfo() // nil without build information: "devel"
	return versionOf(info)
})

// buildVersion is what the build information says of the command.
type buildVersion struct {
	// Version is the module's version ("v1.2.0"), or "devel" when built
	// from a checkout at no release, or without module information.
	Version string
	// Revision and Time are the VCS revision and commit time of a build
	// from a checkout; Modified that the checkout had uncommitted changes.
	Revision string
	Time     string
	Modified bool
	// Go is the Go version the command was built with.
	Go string
}

// pseudoVersion matches the end of a Go pseudo-version
// (v0.0.0-20240624120000-0123456789ab), which the go command gives a build
// at a commit that is no release.
var pseudoVersion = regexp.MustCompile(`[.-]\d{14}-[0-9a-f]{12}$`)

// versionOf reads a buildVersion from the build information, which may be
// nil.
func versionOf(info *debug.BuildInfo) buildVersion {
	v := buildVersion{Version: "devel"}
	if info == nil {
		return v
	}
	v.Go = info.GoVersion
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	mv := strings.TrimSuffix(info.Main.Version, "+dirty")
	switch {
	case mv == "" || mv == "(devel)":
	case v.Revision != "" && (pseudoVersion.MatchString(mv) || mv != info.Main.Version):
		// Built from a checkout at a commit that is no release, or with
		// changes: the revision says which, the version nothing more.
	default:
		v.Version = info.Main.Version
	}
	return v
}

// String is the version on one line, as every record names it:
// "v1.2.0", "devel (revision 0123..., 2024-06-24T12:00:00Z, modified)".
func (v buildVersion) String() string {
	var parts []string
	if v.Revision != "" {
		parts = append(parts, "revision "+v.Revision)
	}
	if v.Time != "" {
		parts = append(parts, v.Time)
	}
	if v.Modified {
		parts = append(parts, "modified")
	}
	if len(parts) == 0 {
		return v.Version
	}
	return v.Version + " (" + strings.Join(parts, ", ") + ")"
}

func runVersion(e *env, args []string) int {
	fs := newFlagSet(e, "version", "\n\n"+
		"Prints the version of the command: the module version, or \"devel\" for a\n"+
		"build from a checkout, with the revision and time of its commit, and the\n"+
		"Go version it was built with. Every record screen and monitor write names\n"+
		"the same version (\"tool_version\").")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return flagStatus(err)
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "entityscreen version: unexpected argument %s\n", printable.Quote(rest[0]))
		fs.Usage()
		return exitError
	}
	v := toolVersion()
	out := fmt.Sprintf("entityscreen %s\n", v)
	if v.Go != "" {
		out += fmt.Sprintf("built with %s\n", v.Go)
	}
	if _, err := fmt.Fprint(e.stdout, out); err != nil {
		return outputFailed(e, err)
	}
	return exitClear
}
