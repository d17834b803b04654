package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWrite checks that a write replaces the file with the permissions
// asked, that a failed one leaves the file and no temporary file, and that
// a write removes the temporary files a dead writer left, not those of
// one that may be at work, nor other files.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "list.image")
	old := time.Now().Add(-2 * StaleAfter)
	leftovers := map[string]time.Time{
		".list.image.123.tmp":  old,        // a dead writer's: removed
		".list.image.456.tmp":  time.Now(), // maybe at work: kept
		".other.image.789.tmp": old,        // another file's: kept
		"list.image.keep":      old,        // not a temporary file: kept
		// The names of older writers (the saved index's, before this
		// package): "list.image.N.tmp", N a number.
		"list.image.4242.tmp":  old,        // a dead writer's: removed
		"list.image.4343.tmp":  time.Now(), // maybe at work: kept
		"list.image.v2.tmp":    old,        // no number: kept
		"list.image..tmp":      old,        // no number: kept
		"other.image.4444.tmp": old,        // another file's: kept
	}
	for name, mtime := range leftovers {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte("x"), 0o600))
		require.NoError(t, os.Chtimes(p, mtime, mtime))
	}

	require.NoError(t, Write(path, 0o644, func(w io.Writer) error {
		_, err := w.Write([]byte("new"))
		return err
	}))
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "new", string(got))
	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), fi.Mode().Perm())
	assert.NoFileExists(t, filepath.Join(dir, ".list.image.123.tmp"))
	assert.NoFileExists(t, filepath.Join(dir, "list.image.4242.tmp"))
	kept := []string{".list.image.456.tmp", ".other.image.789.tmp", "list.image.keep",
		"list.image.4343.tmp", "list.image.v2.tmp", "list.image..tmp", "other.image.4444.tmp"}
	for _, name := range kept {
		assert.FileExists(t, filepath.Join(dir, name))
	}

	boom := errors.New("boom")
	err = Write(path, 0o644, func(w io.Writer) error {
		_, _ = w.Write([]byte("half"))
		return boom
	})
	require.ErrorIs(t, err, boom)
	got, err = os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "new", string(got), "a failed write leaves the file")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, len(kept)+1, "no temporary file left by the failed write")
}
