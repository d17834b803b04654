// Package build identifies the build of this module that a program runs,
// so that what it saves to disk for later runs (an index snapshot, a
// parsed list) is read back only by the same code.
package build

import (
	"fmt"
	"os"
	"reflect"
	"runtime/debug"
	"strings"
	"sync"
)

// Identity returns a description of the build of this module the program
// runs: the module's version and checksum when it is a dependency, or the
// main module's version and VCS revision. When these do not pin the code
// (no revision recorded, a checkout with uncommitted changes, a dependency
// replaced by a directory), the size and modification time of the
// executable are added, so that rebuilding the program changes it. Two
// programs of different code thus have different identities; two of the
// same code may too, which costs only the work saved. It is computed once.
var Identity = sync.OnceValue(func() string {
	bi, _ := debug.ReadBuildInfo()
	desc, pinned := describe(bi)
	if !pinned {
		desc += executable()
	}
	return desc
})

// module is the path of this module.
var module = strings.TrimSuffix(reflect.TypeFor[marker]().PkgPath(), "/internal/build")

// marker is a type of this package, whose package path gives the module's.
type marker struct{}

// describe returns the build of the module that bi records, and whether it
// pins the code. bi may be nil (no build information).
func describe(bi *debug.BuildInfo) (string, bool) {
	if bi == nil {
		return "", false
	}
	if bi.Main.Path == module {
		var b strings.Builder
		b.WriteString(bi.Main.Version)
		revision, modified := false, false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = true
			case "vcs.modified":
				modified = s.Value == "true"
			case "vcs.time":
			default:
				continue
			}
			fmt.Fprintf(&b, " %s=%s", s.Key, s.Value)
		}
		return b.String(), revision && !modified
	}
	for _, d := range bi.Deps {
		if d.Path == module {
			if d.Replace != nil {
				d = d.Replace
			}
			return d.Path + "@" + d.Version + " " + d.Sum, d.Version != ""
		}
	}
	return "", false
}

// executable returns the size and modification time of the program's
// executable, or "" if they cannot be read.
func executable() string {
	path, err := os.Executable()
	if err != nil {
		return ""
	}
	fi, err := os.Stat(path)
	if err != nil {
		return ""
	}
	return fmt.Sprintf(" executable %d %d", fi.Size(), fi.ModTime().UnixNano())
}
