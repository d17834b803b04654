package entitylist

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/entityscreen/entityscreen/internal/atomicfile"
	"github.com/entityscreen/entityscreen/internal/redact"
)

// cacheFile is the file a [Cache] keeps the CSL in.
const cacheFile = "consolidated.csv"

// lockFile is the file of the cache directory whose lock an update holds
// (see lockDir).
const lockFile = "update.lock"

// lockPath returns the path of the lock file of the cache directory dir.
func lockPath(dir string) string { return filepath.Join(dir, lockFile) }

// errNoCacheDir is returned by a Cache whose Dir is empty.
var errNoCacheDir = errors.New("entitylist: Cache.Dir is empty")

// Cache keeps downloaded copies of the official lists in a directory, so a
// program can screen offline and survive a failed or bad download: the CSL
// and the other feeds ([FeedNames]), each apart.
//
// For the CSL the directory holds consolidated.csv, the current list,
// consolidated.meta.json, when and from where it was fetched,
// consolidated.csv.prev, the list it replaced, and consolidated.peak.json,
// the most entries it has held, in all and per source, since the last
// forced update, and the newest entry date; each other feed has the same
// four files under its own name ([Cache.FeedPath]). [Cache.UpdateFeed]
// replaces the
// current list only with a complete, valid list that does not fall short of
// that beyond the tolerances, and does so atomically (a temporary file in
// the same directory, synced, then renamed over it), so the current file is
// always either the old list or the new one, never a mix.
//
// Beside each feed's file the cache keeps an image of the list read from
// it (consolidated.image for the CSL, and so on): its entries as a List
// holds them in memory, its version and its warnings. [Cache.LoadFeed]
// reads the image rather than the file when the image is of the file's
// bytes (their SHA-256, hashed at every load) and was written by the same
// build of this package, and checks it throughout; when there is none of
// use (missing, of other bytes or another build, or damaged) it reads the
// file and writes the image anew, atomically. [Cache.UpdateFeed] writes
// the image of the list it installs. The image only saves time: a load
// returns the same list either way, and one whose image cannot be written
// (a read-only directory) reads the file each time, and returns the list
// with a warning ([List.Warnings]) saying so and why.
//
// The zero value is not usable: Dir must be set. A Cache is safe for
// concurrent use: Updates within one process are serialized, and so are
// those of several processes, by the lock of update.lock in the
// directory: each update reads the cached list and the reference, checks
// against them and replaces them as one, after the other's. Where the
// system has flock(2) (Unix) the lock is a flock of update.lock, which the
// system releases when its holder ends, however it ends. Elsewhere it is
// the file update.lock itself, made only if missing and removed by its
// holder: a process killed while it holds it leaves it, and it is taken as
// abandoned, and removed, once ten minutes old (an update holds it for
// seconds); until then updates of the directory wait for it and fail. Of
// several updates that find it abandoned at once, one removes it (the
// maker of a take-over file of that lock, update.lock.takeover.*, made
// only if missing), and they take the lock in turn.
// Either way the file names the process that holds the lock and since
// when. An update waits for another's lock no longer than LockWait, nor
// than its context lasts; the error then names the lock file, its holder
// and how long the update waited. Loads take no lock: every file is
// replaced by a rename, so a load reads the old file or the new one.
type Cache struct {
	Dir    string       // directory of the cached files; created by Update if missing
	Client *http.Client // used by Update; nil means a client with DownloadTimeout
	// LockWait bounds how long an update waits for another update of
	// Dir, in this process or another, to finish; 0 means two minutes,
	// a negative value not at all. Past it the update fails with an
	// error wrapping ErrCacheLocked.
	LockWait time.Duration
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

// Path returns the path of the cached CSL file.
func (c *Cache) Path() string { return c.FeedPath(FeedCSL) }

// FeedPath returns the path of the file that keeps the feed called name
// (see [FeedNames]): consolidated.csv for the CSL, ofac-sdn.zip and
// ofac-cons.zip for OFAC's files (a ZIP of them under their usual names),
// un-consolidated.xml and sam-exclusions.csv. It is "" for an unknown name.
func (c *Cache) FeedPath(name string) string {
	k, ok := feedKinds[name]
	if !ok {
		return ""
	}
	return filepath.Join(c.Dir, k.file)
}

// feedFile returns the path of the feed's file with suffix, its extension
// replaced: ".peak.json", ".meta.json", ".image"; or ".prev" after the
// whole name.
func (c *Cache) feedFile(name, suffix string) string {
	file := feedKinds[name].file
	if suffix != ".prev" {
		file = strings.TrimSuffix(file, filepath.Ext(file))
	}
	return filepath.Join(c.Dir, file+suffix)
}

// Load reads the cached CSL: [Cache.LoadFeed] of [FeedCSL].
func (c *Cache) Load() (*List, error) { return c.LoadFeed(FeedCSL) }

// LoadFeed reads the cached copy of the feed called name. Its
// [Version.Cached] is set, its [Version.Origin] is [Cache.FeedPath], and
// [Version.Fetched], [Version.URL] and [Version.Official] say when and
// from where [Cache.UpdateFeed] last fetched it (for a cache written
// before they were recorded, or whose record is damaged: the file's time,
// and no URL; no time when the file's is later than now, see
// [Cache.CheckRecords]). The list is read from the image of the file kept
// beside it when there is one of use (see [Cache]), equal to what the
// feed's loader reads. If nothing has been
// cached yet the error wraps [fs.ErrNotExist]; a cached file that does
// not load returns the loader's error.
func (c *Cache) LoadFeed(name string) (*List, error) {
	if c.Dir == "" {
		return nil, errNoCacheDir
	}
	k, ok := feedKinds[name]
	if !ok {
		return nil, fmt.Errorf("entitylist: unknown feed %q (known: %s)", name, strings.Join(FeedNames(), ", "))
	}
	path := c.FeedPath(name)
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("entitylist: no cached %s list in %s: %w", name, c.Dir, err)
		}
		return nil, fmt.Errorf("entitylist: reading cached list: %w", err)
	}
	defer f.Close()
	l, err := c.readCached(name, k, f, path)
	if err != nil {
		return nil, err
	}
	m, merr := c.readMeta(name)
	if merr != nil {
		m = metaRecord{}
		if t, err := fileFetched(path); err == nil {
			m.Fetched = t
		}
	}
	l.version.Fetched, l.version.URL, l.version.Cached = m.Fetched, m.URL, true
	l.version.Official = merr == nil && Feed{Name: name, URLs: m.urls()}.official()
	return l, nil
}

// readCached returns the list of the feed called name, of kind k, whose
// cache file f is at path: from the file's image when there is one of its
// bytes, else read by the feed's loader, and its image written anew.
// Failing to write the image is no error, but a warning of the list (see
// saveImage): the next load reads the file again.
func (c *Cache) readCached(name string, k *feedKind, f *os.File, path string) (*List, error) {
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, fmt.Errorf("entitylist: reading cached list: %w", err)
	}
	image := c.feedFile(name, ".image")
	if l, err := loadImage(image, [sha256.Size]byte(h.Sum(nil)), path); err == nil {
		return l, nil
	}
	// Read anew, and keyed by the bytes read: the file may have been
	// replaced since.
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("entitylist: reading cached list: %w", err)
	}
	l, err := readFeed(k, data, path)
	if err != nil {
		return nil, err
	}
	saveImage(image, l, sha256.Sum256(data))
	return l, nil
}

// saveImage writes the image of l, read from a file whose bytes have the
// SHA-256 sum, to path (see writeImage). Should that fail (a read-only
// cache directory, a full disk), l is as good, but each load reads the
// file again, which takes far longer: l gets a warning saying so and why.
func saveImage(path string, l *List, sum [sha256.Size]byte) {
	if err := writeImage(path, l, sum); err != nil {
		l.warnings = append(l.warnings, Warning{Message: fmt.Sprintf(
			"the image of the list could not be saved, so each load reads the list's file again, which is slower: %s",
			strings.TrimPrefix(err.Error(), "entitylist: "))})
	}
}

// readFeed reads a feed of kind k from the bytes of its cache file.
func readFeed(k *feedKind, data []byte, origin string) (*List, error) {
	files, err := k.unpack(data)
	if err != nil {
		return nil, fmt.Errorf("entitylist: %s: %w", origin, err)
	}
	return k.read(files, origin)
}

// metaRecord is the content of the file saying when and from where the
// cached list was fetched, in JSON.
type metaRecord struct {
	Fetched time.Time `json:"fetched"`
	URL     string    `json:"url"`            // the first file's, credentials removed
	URLs    []string  `json:"urls,omitempty"` // every file's, for a feed of several
}

// urls returns the addresses of every file of the fetch recorded.
func (m metaRecord) urls() []string {
	if len(m.URLs) > 0 {
		return m.URLs
	}
	return []string{m.URL}
}

// maxFutureFetch is how far past now a fetch record's time may be (a
// clock set back since) before the record is taken as damaged.
const maxFutureFetch = 24 * time.Hour

// readMeta returns the fetch record of the feed, or why there is none of
// use: an error wrapping fs.ErrNotExist when there is no record, else one
// naming the file, what is wrong with it, and what follows.
func (c *Cache) readMeta(name string) (metaRecord, error) {
	path := c.feedFile(name, ".meta.json")
	data, err := os.ReadFile(path)
	if err != nil {
		return metaRecord{}, err
	}
	var m metaRecord
	switch err := json.Unmarshal(data, &m); {
	case err != nil:
		return metaRecord{}, fmt.Errorf("entitylist: %s: damaged fetch record: %w; when and where the list was fetched is unknown (the file's time is taken, unless it is later than now)", path, err)
	case m.Fetched.IsZero():
		return metaRecord{}, fmt.Errorf("entitylist: %s: damaged fetch record: no fetch time; when and where the list was fetched is unknown (the file's time is taken, unless it is later than now)", path)
	case m.Fetched.After(time.Now().Add(maxFutureFetch)):
		// Taken as it is, the list would never be too old (--max-age).
		return metaRecord{}, fmt.Errorf("entitylist: %s: damaged fetch record: fetched %s, later than now; when and where the list was fetched is unknown (the file's time is taken, unless it is later than now)", path, m.Fetched.Format(time.RFC3339))
	}
	return m, nil
}

// fileFetched returns the modification time of the cached file at path,
// taken as when it was fetched where there is no fetch record of use, or
// why it cannot be: an error naming the file when that time is later than
// now by more than maxFutureFetch, as a fetch record's would be damaged.
// Taken as it is, such a list would never be too old (--max-age).
func fileFetched(path string) (time.Time, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return time.Time{}, err
	}
	t := fi.ModTime().UTC()
	if t.After(time.Now().Add(maxFutureFetch)) {
		return time.Time{}, fmt.Errorf("entitylist: %s: no fetch record of use, and the file was last changed %s, later than now; when the list was fetched is unknown (no time is taken: run an update)", path, t.Format(time.RFC3339))
	}
	return t, nil
}

// CheckRecords reports what is wrong with the records the cache keeps
// beside the file of the feed called name: its fetch record (when and
// from where it was fetched) and its reference (the most entries it has
// held; see [Cache.UpdateFeed]). [Cache.LoadFeed] and [Cache.UpdateFeed]
// take a record that is missing or damaged as absent: a damaged fetch
// record leaves the list's fetch time to the file's and its URL unknown
// (never official), a damaged reference leaves the cached list alone to
// guard an update. A file's time later than now is damaged as a fetch
// record's would be: with no fetch record of use, the list's fetch time
// is then unknown ([Version.Fetched] is zero). CheckRecords returns nil
// when each record is missing or sound, else an error for each damaged
// one (joined with [errors.Join]), naming its file, the problem and what
// follows.
func (c *Cache) CheckRecords(name string) error {
	if c.Dir == "" {
		return errNoCacheDir
	}
	if _, ok := feedKinds[name]; !ok {
		return fmt.Errorf("entitylist: unknown feed %q (known: %s)", name, strings.Join(FeedNames(), ", "))
	}
	var errs []error
	if _, err := c.readMeta(name); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
		if _, err := fileFetched(c.FeedPath(name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	if _, err := c.readPeak(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// writeMeta records that the feed was fetched from urls now.
func (c *Cache) writeMeta(name string, urls []string) error {
	m := metaRecord{Fetched: time.Now().UTC(), URL: redact.URL(urls[0])}
	if len(urls) > 1 {
		for _, u := range urls {
			m.URLs = append(m.URLs, redact.URL(u))
		}
	}
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return writeFileAtomic(c.feedFile(name, ".meta.json"), data)
}

// Update downloads the CSL at rawURL ([DefaultURL] if empty) and makes it
// the cached list: [Cache.UpdateFeed] of [FeedCSL] from rawURL.
func (c *Cache) Update(ctx context.Context, rawURL string, force bool) (*List, *Version, error) {
	if rawURL == "" {
		rawURL = DefaultURL
	}
	return c.UpdateFeed(ctx, Feed{Name: FeedCSL, URLs: []string{rawURL}}, force)
}

// UpdateFeed downloads the files of feed f, each as [Download] does (one
// GET request, the status, Content-Type, size and completeness checked),
// reads them with the feed's loader, and makes the list the cached copy of
// the feed, keeping the copy it replaces as the previous one. It returns
// the downloaded list, whose origin is the first URL, and the version of
// the list the cache held before (nil if it held none that loads); when
// the two SHA-256 hashes are equal the cache is left as it was. Feeds are
// kept apart: updating one never touches another's files.
//
// Unless force is set, UpdateFeed refuses, with a [*RefusedError], a list
// that falls short of the reference beyond the tolerances: more than
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
// The check and the writes wait for any other update of the directory,
// no longer than [Cache.LockWait] and the context allow (see [Cache]).
// On any error the cached list and its previous copy are left as they
// were.
func (c *Cache) UpdateFeed(ctx context.Context, f Feed, force bool) (*List, *Version, error) {
	if c.Dir == "" {
		return nil, nil, errNoCacheDir
	}
	k, err := f.check()
	if err != nil {
		return nil, nil, err
	}
	bodies := make([][]byte, len(f.URLs))
	for i, u := range f.URLs {
		if bodies[i], err = fetch(ctx, c.Client, u, k); err != nil {
			return nil, nil, err
		}
	}
	shown := redact.URL(f.URLs[0])
	body, err := k.pack(bodies)
	if err != nil {
		return nil, nil, &DownloadError{URL: shown, StatusCode: http.StatusOK, Err: err}
	}
	list, err := readFeed(k, body, shown)
	if err != nil {
		return nil, nil, &DownloadError{URL: shown, StatusCode: http.StatusOK, Err: err}
	}

	deadline := time.Now().Add(cmp.Or(c.LockWait, defaultLockWait))
	release, err := takeUpdateSem(ctx, deadline)
	if err != nil {
		return nil, nil, fmt.Errorf("entitylist: locking the cache for the update: %w", err)
	}
	defer release()
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("entitylist: cache directory: %w", err)
	}
	// Another process's update of the directory first: the cached list
	// and the reference are read, checked against and replaced as one.
	unlock, err := lockDir(ctx, c.Dir, deadline)
	if err != nil {
		return nil, nil, fmt.Errorf("entitylist: locking the cache for the update: %w", err)
	}
	defer unlock()
	path := c.FeedPath(f.Name)
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("entitylist: reading cached list: %w", err)
	}
	var prev *Version
	if old != nil {
		if l, err := readFeed(k, old, path); err == nil {
			v := l.Version()
			prev = &v
		}
	}
	if prev != nil && prev.SHA256 == list.version.SHA256 {
		// Unchanged: the previous copy stays as it is; the list is current
		// as of now.
		if err := c.writeMeta(f.Name, f.URLs); err != nil {
			return nil, nil, err
		}
		return list, prev, nil
	}
	ref, err := c.readPeak(f.Name)
	hasRef := err == nil
	if prev != nil {
		ref, hasRef = highWater(ref, *prev), true
	}
	got := list.Version()
	if hasRef && !force {
		if problems := checkUpdate(ref, got); len(problems) > 0 {
			refused := &RefusedError{URL: shown, Downloaded: got, Reference: ref, Problems: problems}
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

	// The reference first: should writing the list then fail, the next
	// update is measured against the higher of the two, which is safe.
	peakJSON, err := json.Marshal(peakRecord{peak.Entries, peak.BySource, peak.Newest})
	if err != nil {
		return nil, nil, fmt.Errorf("entitylist: writing cache: %w", err)
	}
	if err := writeFileAtomic(c.feedFile(f.Name, ".peak.json"), peakJSON); err != nil {
		return nil, nil, err
	}
	if prev != nil {
		if err := writeFileAtomic(c.feedFile(f.Name, ".prev"), old); err != nil {
			return nil, nil, err
		}
	}
	if err := writeFileAtomic(path, body); err != nil {
		return nil, nil, err
	}
	if err := c.writeMeta(f.Name, f.URLs); err != nil {
		return nil, nil, err
	}
	// The image is a copy to save time, not part of the update: should
	// writing it fail, the list says so, and the next load reads the list
	// and writes it again.
	saveImage(c.feedFile(f.Name, ".image"), list, sha256.Sum256(body))
	syncDir(c.Dir)
	return list, prev, nil
}

// peakRecord is the content of the reference file, in JSON.
type peakRecord struct {
	Entries  int            `json:"entries"`
	BySource map[Source]int `json:"by_source"`
	Newest   time.Time      `json:"newest,omitzero"`
}

// readPeak returns the reference counts the cache keeps, or why there are
// none (see readMeta): a file that is missing or does not decode counts as
// none.
func (c *Cache) readPeak(name string) (Version, error) {
	path := c.feedFile(name, ".peak.json")
	data, err := os.ReadFile(path)
	if err != nil {
		return Version{}, err
	}
	var p peakRecord
	switch err := json.Unmarshal(data, &p); {
	case err != nil:
		return Version{}, fmt.Errorf("entitylist: %s: damaged reference: %w; the most entries the cache has held is unknown (the cached list alone guards an update)", path, err)
	case p.Entries <= 0:
		return Version{}, fmt.Errorf("entitylist: %s: damaged reference: %d entries; the most entries the cache has held is unknown (the cached list alone guards an update)", path, p.Entries)
	}
	return counts(Version{Entries: p.Entries, BySource: p.BySource, Newest: p.Newest}), nil
}

// writeFileAtomic writes data to a temporary file in the directory of path,
// syncs it, and renames it to path (see package atomicfile, which also
// removes the temporary files of writers that died). On error path is
// unchanged and the temporary file is removed.
func writeFileAtomic(path string, data []byte) error {
	err := atomicfile.Write(path, 0o644, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	if err != nil {
		return fmt.Errorf("entitylist: writing cache: %w", err)
	}
	return nil
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
