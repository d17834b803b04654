package entitylist

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"time"
)

// The names of the feeds a [Cache] keeps.
const (
	FeedCSL      = "csl"       // the US Consolidated Screening List, CSV
	FeedOFACSDN  = "ofac-sdn"  // OFAC's SDN files: sdn.csv, add.csv, alt.csv, sdn_comments.csv
	FeedOFACCons = "ofac-cons" // OFAC's consolidated non-SDN files: cons_prim.csv ...
	FeedUN       = "un"        // the UN Security Council Consolidated List, XML
	FeedSAM      = "sam"       // the SAM.gov Exclusions public extract (V2), CSV or a ZIP holding it
)

// A Feed is one list that a [Cache] fetches and keeps: its name (FeedCSL,
// FeedOFACSDN ...) and the addresses of its files. OFAC's feeds have four
// files, in the order [OFACFiles] names them (primary, addresses, aliases,
// comments); the others one.
//
// The zero Feed is an unnamed feed with no files. Like any plain Go value it
// may be read by many goroutines at once, but not changed while another uses
// it.
type Feed struct {
	Name string
	URLs []string
}

// The official addresses of the feeds. The SAM.gov extract has none: its
// download needs an API key of the user's own, in the URL.
const (
	ofacExports = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
	unURL       = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
)

// feedKind is what the package knows of a feed: where its official files
// are, what they are served as, how the cache keeps them in one file, and
// how to read them.
type feedKind struct {
	file     string          // the cache file
	official []string        // the official URLs; nil if there are none
	types    map[string]bool // the Content-Types accepted besides none
	markup   bool            // whether a body may start with "<"
	accept   string          // the Accept header
	// pack turns the fetched files into the cache file's bytes; unpack
	// turns those back into the files.
	pack   func(bodies [][]byte) ([]byte, error)
	unpack func(data []byte) ([][]byte, error)
	// read reads the files into a list named origin.
	read func(files [][]byte, origin string) (*List, error)
}

// xmlContentTypes are the media types an XML file is served with.
var xmlContentTypes = map[string]bool{
	"text/xml": true, "application/xml": true, "application/octet-stream": true, "binary/octet-stream": true,
	"text/plain": true,
}

// samContentTypes are those of the SAM extract: CSV, or a ZIP holding it.
var samContentTypes = func() map[string]bool {
	m := map[string]bool{"application/zip": true, "application/x-zip-compressed": true}
	for t := range csvContentTypes {
		m[t] = true
	}
	return m
}()

// feedKinds are the feeds, by name.
var feedKinds = map[string]*feedKind{
	FeedCSL: {
		file: cacheFile, official: []string{DefaultURL}, types: csvContentTypes,
		accept: "text/csv, text/plain;q=0.9, */*;q=0.1",
		pack:   single, unpack: unsingle,
		read: func(files [][]byte, origin string) (*List, error) {
			return ReadCSV(bytes.NewReader(files[0]), origin)
		},
	},
	FeedOFACSDN:  ofacKind("ofac-sdn.zip", sdnFileNames, false),
	FeedOFACCons: ofacKind("ofac-cons.zip", consFileNames, true),
	FeedUN: {
		file: "un-consolidated.xml", official: []string{unURL}, types: xmlContentTypes, markup: true,
		accept: "application/xml, text/xml;q=0.9, */*;q=0.1",
		pack:   single, unpack: unsingle,
		read: func(files [][]byte, origin string) (*List, error) {
			return ReadUN(bytes.NewReader(files[0]), origin)
		},
	},
	FeedSAM: {
		file: "sam-exclusions.csv", types: samContentTypes,
		accept: "application/zip, text/csv;q=0.9, */*;q=0.1",
		pack: func(bodies [][]byte) ([]byte, error) {
			if !bytes.HasPrefix(bodies[0], []byte("PK")) {
				return bodies[0], nil
			}
			return unzipOne(bodies[0])
		},
		unpack: unsingle,
		read: func(files [][]byte, origin string) (*List, error) {
			return ReadSAM(bytes.NewReader(files[0]), origin)
		},
	},
}

// ofacKind is the kind of one of OFAC's feeds, kept as a ZIP of its files
// under their usual names.
func ofacKind(file string, names [4]string, consolidated bool) *feedKind {
	official := make([]string, len(names))
	for i, n := range names {
		official[i] = ofacExports + strings.ToUpper(n)
	}
	return &feedKind{
		file: file, official: official, types: csvContentTypes,
		accept: "text/csv, text/plain;q=0.9, */*;q=0.1",
		pack: func(bodies [][]byte) ([]byte, error) {
			var b bytes.Buffer
			zw := zip.NewWriter(&b)
			for i, body := range bodies {
				w, err := zw.Create(names[i])
				if err != nil {
					return nil, err
				}
				if _, err := w.Write(body); err != nil {
					return nil, err
				}
			}
			if err := zw.Close(); err != nil {
				return nil, err
			}
			return b.Bytes(), nil
		},
		unpack: func(data []byte) ([][]byte, error) {
			files := make([][]byte, len(names))
			for i, n := range names {
				f, err := readZipFile(data, n)
				if err != nil {
					return nil, err
				}
				files[i] = f
			}
			return files, nil
		},
		read: func(files [][]byte, origin string) (*List, error) {
			var fs OFACFiles
			fs.Consolidated = consolidated
			readers := []*io.Reader{&fs.Primary, &fs.Addresses, &fs.Aliases, &fs.Comments}
			for i, f := range files {
				*readers[i] = bytes.NewReader(f)
			}
			return ReadOFAC(fs, origin)
		},
	}
}

func single(bodies [][]byte) ([]byte, error) { return bodies[0], nil }
func unsingle(data []byte) ([][]byte, error) { return [][]byte{data}, nil }

// readZipFile returns the file name of the ZIP archive data, read to at
// most MaxDownloadSize bytes.
func readZipFile(data []byte, name string) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: not a ZIP archive: %w", ErrTruncated, err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			return readZipEntry(f)
		}
	}
	return nil, fmt.Errorf("%w: %s missing from the archive", ErrTruncated, name)
}

// unzipOne returns the one file of the ZIP archive data: the SAM.gov
// extract is delivered so.
func unzipOne(data []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: not a ZIP archive: %w", ErrTruncated, err)
	}
	var files []*zip.File
	for _, f := range zr.File {
		if !f.FileInfo().IsDir() {
			files = append(files, f)
		}
	}
	if len(files) != 1 {
		return nil, fmt.Errorf("%w: the archive holds %d files, want the one extract", ErrNotCSL, len(files))
	}
	return readZipEntry(files[0])
}

// readZipEntry reads one file of an archive, at most MaxDownloadSize bytes
// whatever its header claims.
func readZipEntry(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s in the archive: %w", f.Name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, MaxDownloadSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s in the archive: %w", f.Name, err)
	}
	if len(b) > MaxDownloadSize {
		return nil, fmt.Errorf("%w: %s in the archive exceeds %d bytes", ErrTooLarge, f.Name, MaxDownloadSize)
	}
	return b, nil
}

// FeedNames returns the names of the feeds a Cache keeps, in the order
// [Cache.LoadAll] merges them.
func FeedNames() []string {
	return []string{FeedCSL, FeedOFACSDN, FeedOFACCons, FeedUN, FeedSAM}
}

// OfficialFeed returns the feed called name with its official URLs. The
// SAM.gov extract has none (its download needs an API key in the URL):
// its Feed has no URLs, to be set by the caller. An unknown name is an
// error.
func OfficialFeed(name string) (Feed, error) {
	k, ok := feedKinds[name]
	if !ok {
		return Feed{}, fmt.Errorf("entitylist: unknown feed %q (known: %s)", name, strings.Join(FeedNames(), ", "))
	}
	return Feed{Name: name, URLs: slices.Clone(k.official)}, nil
}

// DefaultFeeds returns the feeds an update fetches unless told otherwise,
// with their official URLs: the CSL, OFAC's SDN and consolidated files,
// and the UN list. (SAM.gov's extract needs an API key: see OfficialFeed.)
func DefaultFeeds() []Feed {
	var out []Feed
	for _, n := range []string{FeedCSL, FeedOFACSDN, FeedOFACCons, FeedUN} {
		f, _ := OfficialFeed(n)
		out = append(out, f)
	}
	return out
}

// check returns an error if f cannot be fetched: an unknown name, or not
// as many URLs as the feed has files.
func (f Feed) check() (*feedKind, error) {
	k, ok := feedKinds[f.Name]
	if !ok {
		return nil, fmt.Errorf("entitylist: unknown feed %q (known: %s)", f.Name, strings.Join(FeedNames(), ", "))
	}
	want := max(1, len(k.official))
	if len(f.URLs) != want {
		return nil, fmt.Errorf("entitylist: feed %s has %d URLs, want %d", f.Name, len(f.URLs), want)
	}
	return k, nil
}

// official reports whether f is fetched from its official URLs.
func (f Feed) official() bool {
	k, ok := feedKinds[f.Name]
	return ok && k.official != nil && slices.Equal(f.URLs, k.official)
}

// LoadAll reads every feed the cache holds and merges them ([Merge]) in the
// order of [FeedNames]; a single feed is returned as it loads. OFAC's own
// files are the primary source of OFAC's lists, fresher than the CSL: when
// the cache holds ofac-sdn or ofac-cons, the CSL's rows of the sources they
// hold are left out of the CSL (they would be the same parties twice, under
// the same ids), and its version says so in its Origin. If the cache holds
// no feed the error wraps [fs.ErrNotExist]; a cached feed that does not load
// is an error, never a list with a feed left out.
func (c *Cache) LoadAll() (*List, error) {
	var lists []*List
	byFeed := map[string]*List{}
	for _, name := range FeedNames() {
		l, err := c.LoadFeed(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		byFeed[name] = l
	}
	if len(byFeed) == 0 {
		return nil, fmt.Errorf("entitylist: no cached list in %s: %w", c.Dir, fs.ErrNotExist)
	}
	ofac := map[Source]bool{}
	for _, name := range []string{FeedOFACSDN, FeedOFACCons} {
		if l := byFeed[name]; l != nil {
			for s := range l.version.BySource {
				ofac[s] = true
			}
		}
	}
	for _, name := range FeedNames() {
		l := byFeed[name]
		if l == nil {
			continue
		}
		if name == FeedCSL && len(ofac) > 0 {
			l = l.without(ofac, "from OFAC's own files")
		}
		lists = append(lists, l)
	}
	if len(lists) == 1 {
		return lists[0], nil
	}
	return Merge(lists...), nil
}

// without returns l without the entries of sources, why naming where they
// are instead. Its version is l's, with the counts and newest date of what
// is left, an Origin that says what was left out, and a SHA-256 that
// differs from l's (of l's hash and the sources left out), so it never
// passes for the whole list.
func (l *List) without(sources map[Source]bool, why string) *List {
	out := &List{warnings: l.warnings}
	v := l.version.clone()
	v.BySource, v.Entries, v.Newest = make(map[Source]int), 0, time.Time{}
	for _, e := range l.All() {
		if sources[e.Source] {
			continue
		}
		out.add(e)
		v.Entries++
		v.BySource[e.Source]++
		if e.StartDate.After(v.Newest) {
			v.Newest = e.StartDate
		}
	}
	out.done()
	left := slices.Sorted(maps.Keys(sources))
	names := make([]string, len(left))
	for i, s := range left {
		names[i] = string(s)
	}
	h := sha256.Sum256([]byte(l.version.SHA256 + "\nwithout " + strings.Join(names, ",")))
	v.SHA256 = hex.EncodeToString(h[:])
	v.Origin = fmt.Sprintf("%s without %s (%s)", l.version.Origin, strings.Join(names, ", "), why)
	out.version = v
	return out
}
