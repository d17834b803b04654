package entitylist

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Names of the files a [Cache] keeps in its directory.
const (
	cacheFile = "consolidated.csv"
	prevFile  = "consolidated.csv.prev"
	peakFile  = "consolidated.peak.json"
	metaFile  = "consolidated.meta.json"
)

// updateMu serializes the file work of Updates within the process.
var updateMu sync.Mutex

// errNoCacheDir is returned by a Cache whose Dir is empty.
var errNoCacheDir = errors.New("entitylist: Cache.Dir is empty")

// Cache keeps a downloaded copy of the official list in a directory, so a
// program can screen offline and survive a failed or bad download.
//
// The directory holds consolidated.csv, the current list,
// consolidated.meta.json, when and from where it was fetched,
// consolidated.csv.prev, the list it replaced, and consolidated.peak.json,
// the most entries it has held, in all and per source, since the last
// forced update, and the newest entry date. [Cache.Update] replaces the
// current list only with a complete, valid list that does not fall short of
// that beyond the tolerances, and does so atomically (a temporary file in
// the same directory, synced, then renamed over it), so the current file is
// always either the old list or the new one, never a mix.
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

// Load reads the cached list. Its [Version.Origin] is [Cache.Path], and
// [Version.Fetched], [Version.URL] and [Version.Official] say when and
// from where [Cache.Update] last fetched it (for a cache written before
// they were recorded: the file's time, and no URL). If nothing has been
// cached yet the error wraps [fs.ErrNotExist]; a cached file that does not
// load returns the loader's error.
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
	l, err := ReadCSV(f, c.Path())
	if err != nil {
		return nil, err
	}
	m, ok := c.readMeta()
	if !ok {
		if fi, err := f.Stat(); err == nil {
			m.Fetched = fi.ModTime().UTC()
		}
	}
	l.version.Fetched, l.version.URL, l.version.Official = m.Fetched, m.URL, ok && m.URL == DefaultURL
	return l, nil
}

// metaRecord is the content of the file saying when and from where the
// cached list was fetched, in JSON.
type metaRecord struct {
	Fetched time.Time `json:"fetched"`
	URL     string    `json:"url"` // credentials removed
}

// metaPath returns the path of the fetch record.
func (c *Cache) metaPath() string { return filepath.Join(c.Dir, metaFile) }

// readMeta returns the fetch record, and whether there is one that decodes.
func (c *Cache) readMeta() (metaRecord, bool) {
	data, err := os.ReadFile(c.metaPath())
	if err != nil {
		return metaRecord{}, false
	}
	var m metaRecord
	if json.Unmarshal(data, &m) != nil || m.Fetched.IsZero() {
		return metaRecord{}, false
	}
	return m, true
}

// writeMeta records that the cached list was fetched from rawURL now.
func (c *Cache) writeMeta(rawURL string) error {
	data, err := json.Marshal(metaRecord{Fetched: time.Now().UTC(), URL: redact(rawURL)})
	if err != nil {
		return err
	}
	return writeFileAtomic(c.metaPath(), data)
}

// Update downloads the list at rawURL ([DefaultURL] if empty) as [Download]
// does, and makes it the cached list, keeping the list it replaces as the
// previous copy. It returns the downloaded list, whose origin is rawURL, and
// the version of the list the cache held before (nil if it held none that
// loads); when the two SHA-256 hashes are equal the cache is left as it was.
//
// Unless force is set, Update refuses, with a [*RefusedError], a list that
// falls short of the reference beyond the tolerances: more than
// [MaxEntryLossPercent] fewer entries, a source with more than
// [MaxSourceLossPercent] fewer entries (or none), or a newest entry older
// than the reference's. Such a list is far more likely a broken export, a
// stale mirror or a download cut at a row boundary than a real change. The
// reference is the most entries the cache has held, in all and per source,
// since the last forced update, and its newest entry date: the cached list
// if the list has only grown. So a list cannot shrink without force by
// small steps either: each is measured against the most held, not against
// the step before. A forced update makes the list taken the reference. A
// cached file that does not load is replaced, checked against the
// reference alone, and is not kept as the previous copy.
//
// On any error the cached list and its previous copy are left as they
// were.
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
		}
	}
	if prev != nil && prev.SHA256 == list.version.SHA256 {
		// Unchanged: the previous copy stays as it is; the list is current
		// as of now.
		if err := c.writeMeta(rawURL); err != nil {
			return nil, nil, err
		}
		return list, prev, nil
	}
	ref, hasRef := c.readPeak()
	if prev != nil {
		ref, hasRef = highWater(ref, *prev), true
	}
	got := list.Version()
	if hasRef && !force {
		if problems := checkUpdate(ref, got); len(problems) > 0 {
			refused := &RefusedError{URL: redact(rawURL), Downloaded: got, Reference: ref, Problems: problems}
			if prev != nil {
				refused.Cached = *prev
			}
			return nil, nil, refused
		}
	}
	peak := counts(got)
	if hasRef && !force {
		peak = highWater(ref, got)
	}

	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("entitylist: cache directory: %w", err)
	}
	// The reference first: should writing the list then fail, the next
	// update is measured against the higher of the two, which is safe.
	peakJSON, err := json.Marshal(peakRecord{peak.Entries, peak.BySource, peak.Newest})
	if err != nil {
		return nil, nil, fmt.Errorf("entitylist: writing cache: %w", err)
	}
	if err := writeFileAtomic(c.peakPath(), peakJSON); err != nil {
		return nil, nil, err
	}
	if prev != nil {
		if err := writeFileAtomic(c.prevPath(), old); err != nil {
			return nil, nil, err
		}
	}
	if err := writeFileAtomic(c.Path(), body); err != nil {
		return nil, nil, err
	}
	if err := c.writeMeta(rawURL); err != nil {
		return nil, nil, err
	}
	syncDir(c.Dir)
	return list, prev, nil
}

// peakPath returns the path of the reference counts.
func (c *Cache) peakPath() string { return filepath.Join(c.Dir, peakFile) }

// peakRecord is the content of the reference file, in JSON.
type peakRecord struct {
	Entries  int            `json:"entries"`
	BySource map[Source]int `json:"by_source"`
	Newest   time.Time      `json:"newest,omitzero"`
}

// readPeak returns the reference counts the cache keeps, and whether there
// are any: a file that is missing or does not decode counts as none.
func (c *Cache) readPeak() (Version, bool) {
	data, err := os.ReadFile(c.peakPath())
	if err != nil {
		return Version{}, false
	}
	var p peakRecord
	if json.Unmarshal(data, &p) != nil || p.Entries <= 0 {
		return Version{}, false
	}
	return counts(Version{Entries: p.Entries, BySource: p.BySource, Newest: p.Newest}), true
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
