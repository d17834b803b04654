package entitylist

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"hash/crc32"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/internal/sealed"
)

// Lists for the tests: the small official fixture, another list, and the
// real 2022 CSL when it is there.
const (
	officialCSV = "../testdata/lists/official.csv"
	otherCSV    = "../testdata/cli/csl.csv"
	realCSL     = "../../shared/data/csl-consolidated-2022-05-16.csv"
)

// imageOf returns the image the cache c keeps of feed name, and the list
// it holds, which must load.
func imageOf(t *testing.T, c *Cache, name string) ([]byte, *List) {
	t.Helper()
	image, err := os.ReadFile(c.feedFile(name, ".image"))
	require.NoError(t, err, "an image beside the feed's file")
	data, err := os.ReadFile(c.FeedPath(name))
	require.NoError(t, err)
	l, err := readImage(bytes.NewReader(image), sha256.Sum256(data), c.FeedPath(name))
	require.NoError(t, err)
	return image, l
}

// parsed returns the cached feed name as its loader reads it, with the
// fetch record of loaded, a load of it from the cache.
func parsed(t *testing.T, c *Cache, name string, loaded *List) *List {
	t.Helper()
	data, err := os.ReadFile(c.FeedPath(name))
	require.NoError(t, err)
	l, err := readFeed(feedKinds[name], data, c.FeedPath(name))
	require.NoError(t, err)
	v := loaded.Version()
	l.version.Fetched, l.version.URL, l.version.Official, l.version.Cached = v.Fetched, v.URL, v.Official, v.Cached
	return l
}

// TestImageRoundTrip checks that every feed, written to the cache by an
// update, loads from its image exactly as its loader reads it: entries,
// version and warnings, down to the encoding.
func TestImageRoundTrip(t *testing.T) {
	var fail atomic.Value
	srv := feedServer(t, &fail)
	c := &Cache{Dir: t.TempDir()}
	for _, f := range testFeeds(srv) {
		t.Run(f.Name, func(t *testing.T) {
			updated, _, err := c.UpdateFeed(t.Context(), f, false)
			require.NoError(t, err)
			image, fromImage := imageOf(t, c, f.Name)

			loaded, err := c.LoadFeed(f.Name)
			require.NoError(t, err)
			want := parsed(t, c, f.Name, loaded)
			assert.Equal(t, want, loaded)
			fromImage.version.Fetched, fromImage.version.URL, fromImage.version.Official, fromImage.version.Cached = want.version.Fetched, want.version.URL, want.version.Official, want.version.Cached
			assert.Equal(t, want, fromImage)
			assert.Equal(t, updated.Warnings(), loaded.Warnings())
			for i, e := range want.All() {
				require.Equal(t, e, loaded.Entry(i))
			}

			again, err := os.ReadFile(c.feedFile(f.Name, ".image"))
			require.NoError(t, err)
			assert.Equal(t, image, again, "an image of use is read, not written again")
		})
	}
}

// TestImageRealCSL loads the real 2022 CSL, 14,160 rows with warnings,
// from the cache twice: parsed, then from the image written then.
func TestImageRealCSL(t *testing.T) {
	data, err := os.ReadFile(realCSL)
	if err != nil {
		t.Skipf("real data not available: %v", err)
	}
	c := &Cache{Dir: t.TempDir()}
	require.NoError(t, os.WriteFile(c.Path(), data, 0o644))

	first, err := c.Load()
	require.NoError(t, err)
	_, fromImage := imageOf(t, c, FeedCSL)
	second, err := c.Load()
	require.NoError(t, err)
	want := parsed(t, c, FeedCSL, first)
	assert.Equal(t, want, first)
	assert.Equal(t, want, second)
	fromImage.version.Fetched, fromImage.version.Cached = want.version.Fetched, want.version.Cached // what LoadFeed adds
	assert.Equal(t, want, fromImage)
	assert.Equal(t, 14160, second.Len())
	assert.NotEmpty(t, second.Warnings())
}

// TestImageSAM covers the feed the update test does not fetch: an image is
// written by the first load too.
func TestImageSAM(t *testing.T) {
	c := &Cache{Dir: t.TempDir()}
	data, err := os.ReadFile("testdata/sam/exclusions.csv")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(c.FeedPath(FeedSAM), data, 0o644))
	first, err := c.LoadFeed(FeedSAM)
	require.NoError(t, err)
	_, fromImage := imageOf(t, c, FeedSAM)
	second, err := c.LoadFeed(FeedSAM)
	require.NoError(t, err)
	assert.Equal(t, first, second)
	fromImage.version.Fetched, fromImage.version.Cached = first.version.Fetched, first.version.Cached // what LoadFeed adds
	assert.Equal(t, first, fromImage)
}

// everyField returns a list of entries that set every field of an entry,
// or none, or empty slices (see TestStoreRoundTrip), the three of them
// times times, with the version a loader would give it.
func everyField(tb testing.TB, times int) *List {
	tb.Helper()
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	entries := []Entry{
		fullEntry(day),
		{Source: "OTHER", Name: "Bare"},
		{Source: InHouse, Name: "Empty slices, Ünïcode", AltNames: []string{}, Addresses: []Address{}, Aliases: []Alias{},
			Vessel: &Vessel{}, StartDate: time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), Line: -3},
	}
	l := &List{
		version:  Version{Format: FormatSAM, SHA256: "sum", Newest: day, BySource: map[Source]int{}},
		warnings: []Warning{{Origin: "o", Line: 3, Field: "f", Value: "v", Message: "m"}, {Message: "only"}},
	}
	for range times {
		for i := range entries {
			l.add(&entries[i])
			l.version.BySource[entries[i].Source]++
		}
	}
	l.done()
	l.version.Entries = l.len()
	return l
}

// TestImageEveryField checks that a list of entries that set every field,
// or none, reads back from its image as it was.
func TestImageEveryField(t *testing.T) {
	l := everyField(t, chunkSize) // three chunks
	sum := sha256.Sum256([]byte("every field"))
	b, err := appendImage(nil, l, sum)
	require.NoError(t, err)
	got, err := readImage(bytes.NewReader(b), sum, "")
	require.NoError(t, err)
	assert.Equal(t, l, got)

	l.version.Sample = true
	_, err = appendImage(nil, l, sum)
	assert.Error(t, err, "a sample is no loader's list")
}

// castagnoli is the CRC-32C table of the frames' checksums.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// reseal makes image, whose body may have been changed in place, pass the
// checks of its header and checksums again: the header says the body is
// what follows it, the meta section no longer than that.
func reseal(image []byte, sum [sha256.Size]byte) []byte {
	if len(image) < sealed.HeaderLen+4 {
		return image
	}
	body := image[sealed.HeaderLen : len(image)-4]
	meta := min(binary.LittleEndian.Uint64(image[sealed.HeaderLen-20:]), uint64(len(body)))
	imageKind.AppendHeader(image[:0], [2][sha256.Size]byte{sum, imageBuild()}, meta, len(body))
	sealed.AppendSum(image[:len(image)-4], body)
	return image
}

// TestImageRejected checks that readImage refuses every image of other
// bytes or another build as stale, and every damaged one as damaged,
// whether its checksums tell or not.
func TestImageRejected(t *testing.T) {
	data, err := os.ReadFile(officialCSV)
	require.NoError(t, err)
	l, err := readFeed(feedKinds[FeedCSL], data, "list.csv")
	require.NoError(t, err)
	sum := sha256.Sum256(data)
	good, err := appendImage(nil, l, sum)
	require.NoError(t, err)
	got, err := readImage(bytes.NewReader(good), sum, "list.csv")
	require.NoError(t, err)
	require.Equal(t, l, got)

	// The image of l with the encoding of each entry changed by change.
	withRaw := func(change func(i int, raw string) string) []byte {
		c := List{version: l.Version(), warnings: l.warnings}
		c.sources, c.srcOf = l.sources, l.srcOf
		for i := range l.len() {
			c.addRaw(change(i, l.raw(i)))
		}
		c.done()
		b, err := appendImage(nil, &c, sum)
		require.NoError(t, err)
		return b
	}
	// The image of l with its version changed by change.
	withVersion := func(change func(v *Version)) []byte {
		c := *l
		c.version = l.Version()
		change(&c.version)
		b, err := appendImage(nil, &c, sum)
		require.NoError(t, err)
		return b
	}
	// The image of l with the first entry's encoding changed by change.
	first := func(change func(raw string) string) []byte {
		return withRaw(func(i int, raw string) string {
			if i == 0 {
				return change(raw)
			}
			return raw
		})
	}
	withHeader := func(change func(h []byte)) []byte {
		b := bytes.Clone(good)
		change(b[:sealed.HeaderLen])
		binary.LittleEndian.PutUint32(b[sealed.HeaderLen-4:], crc32.Checksum(b[:sealed.HeaderLen-4], castagnoli))
		return b
	}
	meta := sealed.HeaderLen - 20 // where the meta section's length is, then the body's
	name := l.Entry(0).Name

	stale := map[string][]byte{
		"of other bytes": func() []byte {
			b, err := appendImage(nil, l, sha256.Sum256([]byte("other")))
			require.NoError(t, err)
			return b
		}(),
		"of another format version": withHeader(func(h []byte) {
			binary.LittleEndian.PutUint32(h[len(imageKind.Magic):], imageKind.Version+1)
		}),
		"of another build": withHeader(func(h []byte) { h[len(imageKind.Magic)+4+sha256.Size] ^= 1 }),
	}
	for name, b := range stale {
		t.Run(name, func(t *testing.T) {
			_, err := readImage(bytes.NewReader(b), sum, "list.csv")
			assert.ErrorIs(t, err, errImageStale)
		})
	}

	damaged := map[string][]byte{
		"empty":                  nil,
		"not an image":           data,
		"cut in the header":      good[:sealed.HeaderLen/2],
		"cut in the sections":    good[:len(good)/2],
		"cut before the sum":     good[:len(good)-2],
		"bytes after the end":    append(bytes.Clone(good), 0),
		"a header byte changed":  func() []byte { b := bytes.Clone(good); b[meta] ^= 1; return b }(),
		"a section byte changed": func() []byte { b := bytes.Clone(good); b[len(b)/2] ^= 0x20; return b }(),
		"body too long":          withHeader(func(h []byte) { binary.LittleEndian.PutUint64(h[meta+8:], maxImage+1) }),
		"meta longer than body": withHeader(func(h []byte) {
			binary.LittleEndian.PutUint64(h[meta:], binary.LittleEndian.Uint64(h[meta+8:])+1)
		}),
		// Damage the checksums do not see.
		"the meta section a byte shorter": withHeader(func(h []byte) {
			binary.LittleEndian.PutUint64(h[meta:], binary.LittleEndian.Uint64(h[meta:])-1)
		}),
		"an entry of no source": first(func(raw string) string { return "\x7f" + raw[1:] }),
		"a field the encoding does not know": first(func(raw string) string {
			d := decoder{s: raw[1:]}
			mask := d.uvarint()
			return raw[:1] + string(binary.AppendUvarint(nil, mask|fExclusionType<<1)) + d.s
		}),
		"a name not UTF-8":     first(func(raw string) string { return strings.Replace(raw, name, "\xff"+name[1:], 1) }),
		"an entry cut short":   first(func(raw string) string { return raw[:len(raw)-1] }),
		"an entry longer":      first(func(raw string) string { return raw + "\x00" }),
		"an entry empty":       first(func(string) string { return "" }),
		"more entries":         withVersion(func(v *Version) { v.Entries++ }),
		"other counts":         withVersion(func(v *Version) { v.BySource[EntityList]++ }),
		"another newest date":  withVersion(func(v *Version) { v.Newest = v.Newest.Add(24 * time.Hour) }),
		"a source not counted": withVersion(func(v *Version) { delete(v.BySource, EntityList) }),
	}
	for name, b := range damaged {
		t.Run(name, func(t *testing.T) {
			_, err := readImage(bytes.NewReader(b), sum, "list.csv")
			assert.ErrorIs(t, err, errImageDamaged)
		})
	}
}

// TestImageRebuilt checks that the cache reads a feed anew, with the same
// result, and writes a good image again, when its image is damaged, stale,
// or missing, and that a load never fails for want of an image.
func TestImageRebuilt(t *testing.T) {
	c := &Cache{Dir: t.TempDir()}
	first, err := os.ReadFile(officialCSV)
	require.NoError(t, err)
	second, err := os.ReadFile(otherCSV)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(c.Path(), first, 0o644))
	want, err := c.Load()
	require.NoError(t, err)
	path := c.feedFile(FeedCSL, ".image")
	good, err := os.ReadFile(path)
	require.NoError(t, err)

	for name, image := range map[string][]byte{
		"missing":                 nil,
		"cut short":               good[:len(good)-100],
		"damaged":                 func() []byte { b := bytes.Clone(good); b[len(b)-200] ^= 0x55; return b }(),
		"of another build":        func() []byte { b := bytes.Clone(good); b[len(imageKind.Magic)+4+sha256.Size] ^= 1; return b }(),
		"not an image":            first,
		"of another list's bytes": nil, // set below
	} {
		t.Run(name, func(t *testing.T) {
			if name == "of another list's bytes" {
				require.NoError(t, os.WriteFile(c.Path(), second, 0o644))
				_, err := c.Load()
				require.NoError(t, err)
				image, err = os.ReadFile(path)
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(c.Path(), first, 0o644))
			}
			os.Remove(path)
			if image != nil {
				require.NoError(t, os.WriteFile(path, image, 0o644))
			}
			l, err := c.Load()
			require.NoError(t, err)
			assert.Equal(t, want.Len(), l.Len())
			for i, e := range want.All() {
				require.Equal(t, e, l.Entry(i))
			}
			v := l.Version()
			v.Fetched = want.Version().Fetched // the file's time, rewritten here
			assert.Equal(t, want.Version(), v)
			assert.Equal(t, want.Warnings(), l.Warnings())
			got, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, good, got, "the image written again")
		})
	}

	t.Run("a cache that cannot hold it", func(t *testing.T) {
		// The image's path taken by a directory: the image cannot be
		// written, the list loads all the same.
		require.NoError(t, os.Remove(path))
		require.NoError(t, os.Mkdir(path, 0o755))
		for range 2 {
			l, err := c.Load()
			require.NoError(t, err)
			assert.Equal(t, want.Len(), l.Len())
		}
		require.NoError(t, os.Remove(path))
	})
}

// TestImageAtomicWrite writes the image of a list over and over while
// other goroutines read it: a reader finds a whole image each time, never
// a part of one, and no temporary file is left.
func TestImageAtomicWrite(t *testing.T) {
	dir := t.TempDir()
	l := everyField(t, chunkSize)
	sum := sha256.Sum256([]byte("atomic"))
	path := filepath.Join(dir, "list.image")
	require.NoError(t, writeImage(path, l, sum))

	var wg sync.WaitGroup
	done := make(chan struct{})
	for range 2 {
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				assert.NoError(t, writeImage(path, l, sum))
			}
		})
	}
	for range 2 {
		wg.Go(func() {
			for range 50 {
				got, err := loadImage(path, sum, "list.csv")
				if !assert.NoError(t, err) {
					return
				}
				assert.Equal(t, l.Len(), got.Len())
			}
		})
	}
	time.Sleep(10 * time.Millisecond)
	close(done)
	wg.Wait()
	ents, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	assert.Equal(t, []string{"list.image"}, names, "no temporary file left")
}

// FuzzReadImage checks that no input makes readImage panic, as it is, or
// resealed so that its sections pass the checksums and reach the decoder,
// and that a list it accepts works: every entry decodes, and the list
// merges and writes an image that reads back the same.
func FuzzReadImage(f *testing.F) {
	sum := sha256.Sum256([]byte("fuzz"))
	data, err := os.ReadFile(officialCSV)
	if err != nil {
		f.Fatal(err)
	}
	official, err := readFeed(feedKinds[FeedCSL], data, "official.csv")
	if err != nil {
		f.Fatal(err)
	}
	for _, l := range []*List{official, everyField(f, 1)} {
		b, err := appendImage(nil, l, sum)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(imageKind.Magic))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = readImage(bytes.NewReader(b), sum, "fuzz")
		l, err := readImage(bytes.NewReader(reseal(bytes.Clone(b), sum)), sum, "fuzz")
		if err != nil {
			return
		}
		for i, e := range l.All() {
			s := l.Summary(i)
			if s.Source != e.Source || s.ID != e.ID || s.Names != len(e.Names()) || s.Aliases != (e.Aliases != nil) {
				t.Fatalf("entry %d: summary %+v of %+v", i, s, e)
			}
			for k, name := range e.Names() {
				if l.Name(i, k) != name {
					t.Fatalf("entry %d: name %d %q, want %q", i, k, l.Name(i, k), name)
				}
			}
		}
		l.Version()
		l.Warnings()
		if m := Merge(l, l); m.Len() != 2*l.Len() {
			t.Fatalf("merged %d entries of %d", m.Len(), l.Len())
		}
		again, err := appendImage(nil, l, sum)
		if err != nil {
			t.Fatal(err)
		}
		l2, err := readImage(bytes.NewReader(again), sum, "fuzz")
		if err != nil {
			t.Fatalf("an accepted list writes an image that does not read: %v", err)
		}
		if !assert.ObjectsAreEqual(l, l2) {
			t.Fatal("an accepted list reads back otherwise")
		}
	})
}

// TestReadEnds checks that entry lengths which would wrap their sum
// around, or run past the entry section, or leave some of it, are refused
// rather than cut chunks backwards.
func TestReadEnds(t *testing.T) {
	lengths := func(ls ...uint64) *decoder {
		var b []byte
		for _, l := range ls {
			b = binary.AppendUvarint(b, l)
		}
		return &decoder{s: string(b)}
	}
	entries := []byte("abcdefghij")
	ends, chunks, err := readEnds(lengths(3, 7), 2, entries)
	require.NoError(t, err)
	assert.Equal(t, []uint32{3, 10}, ends)
	assert.Equal(t, []string{"abcdefghij"}, chunks)
	for name, c := range map[string]struct {
		d *decoder
		n int
	}{
		"wrapping":     {lengths(3, ^uint64(0), 8), 3}, // sums to 10, ends going back
		"past the end": {lengths(3, 8), 2},
		"short":        {lengths(3, 6), 2},
		"cut":          {lengths(3), 2},
	} {
		_, _, err := readEnds(c.d, c.n, entries)
		assert.Error(t, err, name)
	}
}

// TestImageNotWritten checks that a cached list whose image cannot be
// written loads all the same, from its file, with a warning that says so
// and why, in a load and in an update; and with no such warning once the
// image can be written again. Before, the failure went unsaid: every load
// read the file again, many times slower, with no word of it.
func TestImageNotWritten(t *testing.T) {
	data, err := os.ReadFile(officialCSV)
	require.NoError(t, err)
	c := &Cache{Dir: t.TempDir()}
	require.NoError(t, os.WriteFile(c.Path(), data, 0o644))
	image := c.feedFile(FeedCSL, ".image")
	// A directory in its place: no image can be renamed to it, even by
	// root, for whom a read-only directory is no bar.
	require.NoError(t, os.Mkdir(image, 0o755))

	hasWarning := func(t *testing.T, l *List) bool {
		t.Helper()
		for _, w := range l.Warnings() {
			if strings.Contains(w.Message, "the image of the list could not be saved") {
				assert.Contains(t, w.String(), filepath.Base(image), "why")
				return true
			}
		}
		return false
	}
	want, err := readFeed(feedKinds[FeedCSL], data, c.Path())
	require.NoError(t, err)

	l, err := c.Load()
	require.NoError(t, err, "a load that cannot write the image does not fail")
	assert.True(t, hasWarning(t, l), "warnings: %v", l.Warnings())
	assert.Equal(t, want.Len(), l.Len())
	assert.Equal(t, len(want.Warnings())+1, len(l.Warnings()), "the loader's warnings and this one")

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/csv")
		_, _ = w.Write(data)
	}))
	t.Cleanup(srv.Close)
	require.NoError(t, os.Remove(c.Path()), "an update that installs the list writes its image")
	updated, _, err := c.Update(t.Context(), srv.URL, true)
	require.NoError(t, err)
	assert.True(t, hasWarning(t, updated), "warnings: %v", updated.Warnings())

	require.NoError(t, os.Remove(image))
	l, err = c.Load()
	require.NoError(t, err)
	assert.False(t, hasWarning(t, l))
	assert.FileExists(t, image)
}
