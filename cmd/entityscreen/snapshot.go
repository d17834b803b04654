package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/atomicfile"
	"github.com/entityscreen/entityscreen/screening"
)

// snapshotFile is the file, beside the downloaded list, that keeps the
// snapshot of the screener's index for it (see screening.ReadSnapshot):
// the command starts from it rather than indexing the list anew.
const snapshotFile = "screener.snapshot"

// snapshotPath returns the path of the snapshot for list when list is, or
// holds, a list downloaded into the cache (as loadList merges the cached
// lists with the procurement prohibitions), or "". A cached list alone
// says when it was fetched (entitylist.Version.Fetched); a list read from
// a file given with --list never does, not even the cached file.
func snapshotPath(list *entitylist.List) string {
	if !fetched(list.Version()) {
		return ""
	}
	c, err := defaultCache()
	if err != nil {
		return ""
	}
	return filepath.Join(c.Dir, snapshotFile)
}

// fetched reports whether v, or a list merged into it, was fetched into
// the cache.
func fetched(v entitylist.Version) bool {
	return !v.Fetched.IsZero() || slices.ContainsFunc(v.Parts, fetched)
}

// screenerFrom returns the Screener for list from the snapshot at path; when
// there is none, or it is of another list or another build (stale),
// damaged, or cannot be read at all, it builds the Screener and writes the
// snapshot anew. Only a damaged or unreadable snapshot is worth a note on
// stderr: a stale one is the normal course after an update. A snapshot
// never stops screening: at worst it costs the time of indexing. Failing
// to write the snapshot (a read-only cache) is no error but a note: the
// next run builds the Screener again.
func screenerFrom(e *env, path string, list *entitylist.List, opts []screening.Option) (*screening.Screener, error) {
	var note string
	if f, err := os.Open(path); err == nil {
		s, err := screening.ReadSnapshot(bufio.NewReaderSize(f, 1<<16), list, opts...)
		f.Close()
		switch {
		case err == nil:
			return s, nil
		case errors.Is(err, screening.ErrSnapshotDamaged):
			note = fmt.Sprintf("entityscreen: the saved index %s was damaged (%v): indexing the list anew\n", path, err)
		case !errors.Is(err, screening.ErrSnapshotStale):
			// An invalid option, which New reports as well, or a file
			// that cannot be read: a directory in its place, an I/O
			// error.
			note = fmt.Sprintf("entityscreen: the saved index %s could not be read (%v): indexing the list anew\n", path, err)
		}
	}
	s, err := screening.New(list, opts...)
	if err != nil {
		return nil, err
	}
	fmt.Fprint(e.stderr, note)
	if err := writeSnapshot(s, path); err != nil {
		fmt.Fprintf(e.stderr, "entityscreen: note: the index could not be saved as %s (%v): each run indexes the list anew until it can be\n", path, err)
	}
	return s, nil
}

// writeSnapshot writes the snapshot of s to path atomically: to a
// temporary file in the same directory, renamed over path once complete,
// so that a reader never sees half a snapshot (see package atomicfile,
// which also removes the temporary files of a screen killed while it
// saved). It is readable by all, as the cached lists are.
func writeSnapshot(s *screening.Screener, path string) error {
	return atomicfile.Write(path, 0o644, func(f io.Writer) error {
		w := bufio.NewWriterSize(f, 1<<16)
		if err := s.WriteSnapshot(w); err != nil {
			return err
		}
		return w.Flush()
	})
}
