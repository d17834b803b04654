package entitylist

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sync"
)

// Names of the files a [Cache] keeps in its directory.
const (
	cacheFile = "consolidated.csv"
	prevFile  = "consolidated.csv.prev"
)

// updateMu serializes the file work of Updates within the process.
var updateMu sync.Mutex

// errNoCacheDir is returned by a Cache whose Dir is empty.
var errNoCacheDir = errors.New("entitylist: Cache.Dir is empty")

// Cache keeps a downloaded copy of the official list in a directory, so a
// program can screen offline and survive a failed or bad download.
//
// The directory holds consolidated.csv, the current list, and
// consolidated.csv.prev, the list it replaced. [Cache.Update] replaces the
// current list only with a complete, valid list, and does so atomically (a
// temporary file in the same directory, synced, then renamed over it), so the
// current file is always either the old list or the new one, never a mix.
//
// The zero value is not usable: Dir must be set. A Cache is safe for
// concurrent use: Updates within one process are serialized. Updates of one
// directory from several processes at once leave a valid current list, but
// the previous copy may then be any of the older lists.
type Cache struct {
	Dir    string       // directory of the cached files; created by Update if missing
	Client *http.Client // used by Update; nil means a client with DownloadTimeout
}

// DefaultCacheDir returns the directory for the cached list: "entityscreen"
// inside the user's cache directory ([os.UserCacheDir]).
func DefaultCacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("entitylist: no user cache directory: %w", err)
	}
	return filepath.Join(dir, "entityscreen"), nil
}

// Path returns the path of the cached list file.
func (c *Cache) Path() string { return filepath.Join(c.Dir, cacheFile) }

// prevPath returns the path of the previous copy.
func (c *Cache) prevPath() string { return filepath.Join(c.Dir, prevFile) }

// Load reads the cached list. Its [Version.Origin] is [Cache.Path]. If
// nothing has been cached yet the error wraps [fs.ErrNotExist]; a cached file
// that does not load returns the loader's error.
func (c *Cache) Load() (*List, error) {
	if c.Dir == "" {
		return nil, errNoCacheDir
	}
	f, err := os.Open(c.Path())
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("entitylist: no cached list in %s: %w", c.Dir, err)
		}
		return nil, fmt.Errorf("entitylist: reading cached list: %w", err)
	}
	defer f.Close()
	return ReadCSV(f, c.Path())
}

// Update downloads the list at rawURL ([DefaultURL] if empty) as [Download]
// does, and makes it the cached list, keeping the list it replaces as the
// previous copy. It returns the downloaded list, whose origin is rawURL, and
// the version of the list the cache held before (nil if it held none that
// loads); when the two SHA-256 hashes are equal the cache is left as it was.
//
// Update refuses, with an error wrapping [ErrShrunk], a list with fewer than
// half the entries of the cached one, unless force is set: a list that
// shrinks that much is far more likely a broken export than a real change.
// A cached file that does not load is replaced without that check, and is
// not kept as the previous copy.
//
// On any error the cached files are left as they were.
func (c *Cache) Update(ctx context.Context, rawURL string, force bool) (*List, *Version, error) {
	if c.Dir == "" {
		return nil, nil, errNoCacheDir
	}
	if rawURL == "" {
		rawURL = DefaultURL
	}
	body, list, err := download(ctx, c.Client, rawURL)
	if err != nil {
		return nil, nil, err
	}

	updateMu.Lock()
	defer updateMu.Unlock()
	old, err := os.ReadFile(c.Path())
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("entitylist: reading cached list: %w", err)
	}
	var prev *Version
	if old != nil {
		if l, err := ReadCSV(bytes.NewReader(old), c.Path()); err == nil {
			v := l.Version()
			prev = &v
			if !force && 2*list.Len() < l.Len() {
				return nil, nil, fmt.Errorf("entitylist: update from %s refused: %w: %d entries, cached %d (use force to accept)",
					redact(rawURL), ErrShrunk, list.Len(), l.Len())
			}
		}
	}
	if prev != nil && prev.SHA256 == list.version.SHA256 {
		return list, prev, nil // unchanged: keep the previous copy as it is
	}

	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("entitylist: cache directory: %w", err)
	}
	if prev != nil {
		if err := writeFileAtomic(c.prevPath(), old); err != nil {
			return nil, nil, err
		}
	}
	if err := writeFileAtomic(c.Path(), body); err != nil {
		return nil, nil, err
	}
	syncDir(c.Dir)
	return list, prev, nil
}

// writeFileAtomic writes data to a temporary file in the directory of path,
// syncs it, and renames it to path. On error path is unchanged and the
// temporary file is removed.
func writeFileAtomic(path string, data []byte) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("entitylist: writing cache: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
			err = fmt.Errorf("entitylist: writing cache: %w", err)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Chmod(0o644); err != nil {
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

// syncDir makes the renames in dir durable where the system supports syncing
// a directory; elsewhere (Windows) it does nothing useful and errors are
// ignored, the renames having succeeded already.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
