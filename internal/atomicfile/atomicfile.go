// Package atomicfile replaces a file at once: what is written goes to a
// temporary file in the same directory, synced, then renamed over the
// file, so that a reader sees the old file or the new one, never a mix.
// The temporary files a writer leaves when it is killed mid-way (SIGINT
// before the command handles it, SIGKILL, a crash) are removed by a later
// write of the same file, once they are older than StaleAfter.
package atomicfile

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// StaleAfter is the age beyond which a temporary file of a write is taken
// as left by a writer that died: no write of a file takes this long.
const StaleAfter = time.Hour

// pattern returns the os.CreateTemp pattern of the temporary files of
// path: hidden, named after the file.
func pattern(path string) string { return "." + filepath.Base(path) + ".*.tmp" }

// Write calls write with a temporary file in the directory of path, syncs
// it, gives it the permissions perm, and renames it to path. On error path
// is unchanged and the temporary file is removed. Before it writes, it
// removes the temporary files of path older than StaleAfter.
func Write(path string, perm os.FileMode, write func(io.Writer) error) (err error) {
	sweep(path, time.Now())
	f, err := os.CreateTemp(filepath.Dir(path), pattern(path))
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = write(f); err != nil {
		return err
	}
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// sweep removes the temporary files of path last changed before now less
// StaleAfter. A younger one may be another writer's, at work.
func sweep(path string, now time.Time) {
	dir, base := filepath.Split(path)
	entries, err := os.ReadDir(filepath.Clean(dir))
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !isTemp(name, base) {
			continue
		}
		if fi, err := e.Info(); err == nil && now.Sub(fi.ModTime()) >= StaleAfter {
			_ = os.Remove(filepath.Join(dir, name))
		}
	}
}

// isTemp reports whether name is that of a temporary file of a write of
// the file base: made by pattern (".base.*.tmp"), or by the writers before
// this package, which left "base.N.tmp" (the saved index,
// "screener.snapshot.N.tmp"), N being the decimal number os.CreateTemp
// puts for its "*". The old form is matched with its number only, as it
// is not hidden and so less surely a temporary file.
func isTemp(name, base string) bool {
	if rest, ok := strings.CutPrefix(name, "."+base+"."); ok {
		return strings.HasSuffix(rest, ".tmp")
	}
	rest, ok := strings.CutPrefix(name, base+".")
	if !ok {
		return false
	}
	n, ok := strings.CutSuffix(rest, ".tmp")
	if !ok || n == "" {
		return false
	}
	for i := 0; i < len(n); i++ {
		if n[i] < '0' || n[i] > '9' {
			return false
		}
	}
	return true
}
