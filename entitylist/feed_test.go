package entitylist

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// feedServer serves the feeds' fixture files: /csl.csv, /ofac/SDN.CSV
// (and the other OFAC files by their upper-case names), /un.xml. A path
// in fail answers 500.
func feedServer(t *testing.T, fail *atomic.Value) *httptest.Server {
	t.Helper()
	files := map[string]string{
		"/csl.csv": "../testdata/lists/official.csv",
		"/un.xml":  "testdata/un/consolidated.xml",
	}
	for _, n := range append(sdnFileNames[:], consFileNames[:]...) {
		files["/ofac/"+strings.ToUpper(n)] = "testdata/ofac/" + n
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if f, _ := fail.Load().(string); f == r.URL.Path {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		path, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		data, err := os.ReadFile(path)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		if strings.HasSuffix(path, ".xml") {
			w.Header().Set("Content-Type", "application/xml")
		} else {
			w.Header().Set("Content-Type", "text/csv")
		}
		w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// testFeeds returns the feeds served by srv.
func testFeeds(srv *httptest.Server) []Feed {
	ofac := func(names [4]string) []string {
		var urls []string
		for _, n := range names {
			urls = append(urls, srv.URL+"/ofac/"+strings.ToUpper(n))
		}
		return urls
	}
	return []Feed{
		{Name: FeedCSL, URLs: []string{srv.URL + "/csl.csv"}},
		{Name: FeedOFACSDN, URLs: ofac(sdnFileNames)},
		{Name: FeedOFACCons, URLs: ofac(consFileNames)},
		{Name: FeedUN, URLs: []string{srv.URL + "/un.xml"}},
	}
}

func TestUpdateFeeds(t *testing.T) {
	var fail atomic.Value
	srv := feedServer(t, &fail)
	c := &Cache{Dir: t.TempDir()}
	ctx := context.Background()

	_, err := c.LoadAll()
	require.ErrorIs(t, err, fs.ErrNotExist)

	versions := map[string]Version{}
	for _, f := range testFeeds(srv) {
		l, prev, err := c.UpdateFeed(ctx, f, false)
		require.NoError(t, err, f.Name)
		assert.Nil(t, prev, f.Name)
		got, err := c.LoadFeed(f.Name)
		require.NoError(t, err, f.Name)
		assert.Equal(t, l.Version().SHA256, got.Version().SHA256, f.Name)
		assert.Equal(t, c.FeedPath(f.Name), got.Version().Origin, f.Name)
		assert.Equal(t, f.URLs[0], got.Version().URL, f.Name)
		assert.False(t, got.Version().Official, "%s: not fetched from the official URLs", f.Name)
		assert.False(t, got.Version().Fetched.IsZero(), f.Name)
		versions[f.Name] = got.Version()
	}
	assert.Positive(t, versions[FeedUN].BySource[UNSecurityCouncil])

	// OFAC's files are kept as one ZIP, under their usual names.
	data, err := os.ReadFile(c.FeedPath(FeedOFACSDN))
	require.NoError(t, err)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	assert.Equal(t, sdnFileNames[:], names)

	// All feeds together: the CSL without the sources OFAC's own files
	// hold, so no party is there twice under one id.
	all, err := c.LoadAll()
	require.NoError(t, err)
	v := all.Version()
	require.Len(t, v.Parts, 4)
	assert.Contains(t, v.Parts[0].Origin, "without")
	assert.Contains(t, v.Parts[0].Origin, "SDN")
	assert.Zero(t, v.Parts[0].BySource[SpeciallyDesignated])
	assert.NotEqual(t, versions[FeedCSL].SHA256, v.Parts[0].SHA256, "a part of the CSL never passes for the whole")
	assert.Equal(t, versions[FeedCSL].BySource[EntityList], v.Parts[0].BySource[EntityList])
	seen := map[EntryKey]bool{}
	for _, e := range all.All() {
		k := EntryKey{Source: e.Source, ID: e.ID}
		assert.False(t, seen[k], "%v twice", k)
		seen[k] = true
	}
	for _, w := range all.Warnings() {
		assert.NotContains(t, w.Message, "also in", "no id in two lists: %s", w)
	}

	// A feed that fails keeps its copy; the others update.
	fail.Store("/un.xml")
	before, err := os.ReadFile(c.FeedPath(FeedUN))
	require.NoError(t, err)
	var failed []string
	for _, f := range testFeeds(srv) {
		if _, _, err := c.UpdateFeed(ctx, f, false); err != nil {
			failed = append(failed, f.Name)
			var de *DownloadError
			assert.True(t, errors.As(err, &de), "%v", err)
		}
	}
	assert.Equal(t, []string{FeedUN}, failed)
	after, err := os.ReadFile(c.FeedPath(FeedUN))
	require.NoError(t, err)
	assert.Equal(t, before, after)
	_, err = c.LoadAll()
	require.NoError(t, err)

	// A damaged cached feed is an error, never left out.
	require.NoError(t, os.WriteFile(c.FeedPath(FeedOFACCons), []byte("PK not a zip"), 0o644))
	_, err = c.LoadAll()
	require.Error(t, err)
	assert.Contains(t, err.Error(), filepath.Base(c.FeedPath(FeedOFACCons)))
}

func TestFeedChecks(t *testing.T) {
	c := &Cache{Dir: t.TempDir()}
	_, _, err := c.UpdateFeed(context.Background(), Feed{Name: "nope", URLs: []string{"http://x"}}, false)
	assert.ErrorContains(t, err, `unknown feed "nope"`)
	_, _, err = c.UpdateFeed(context.Background(), Feed{Name: FeedOFACSDN, URLs: []string{"http://x"}}, false)
	assert.ErrorContains(t, err, "has 1 URLs, want 4")
	_, err = c.LoadFeed("nope")
	assert.ErrorContains(t, err, `unknown feed "nope"`)
	assert.Empty(t, c.FeedPath("nope"))

	sam, err := OfficialFeed(FeedSAM)
	require.NoError(t, err)
	assert.Empty(t, sam.URLs, "the SAM extract needs the user's API key")
	var names []string
	for _, f := range DefaultFeeds() {
		names = append(names, f.Name)
		assert.True(t, f.official(), f.Name)
		require.NotEmpty(t, f.URLs, f.Name)
		for _, u := range f.URLs {
			assert.True(t, strings.HasPrefix(u, "https://"), u)
		}
	}
	assert.Equal(t, []string{FeedCSL, FeedOFACSDN, FeedOFACCons, FeedUN}, names)
}

func TestUnzipOne(t *testing.T) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create("SAM_Exclusions_Public_Extract_V2.CSV")
	require.NoError(t, err)
	w.Write([]byte("a,b\n"))
	require.NoError(t, zw.Close())
	got, err := feedKinds[FeedSAM].pack([][]byte{b.Bytes()})
	require.NoError(t, err)
	assert.Equal(t, "a,b\n", string(got))

	plain, err := feedKinds[FeedSAM].pack([][]byte{[]byte("x,y\n")})
	require.NoError(t, err)
	assert.Equal(t, "x,y\n", string(plain))

	b.Reset()
	zw = zip.NewWriter(&b)
	zw.Create("one.csv")
	zw.Create("two.csv")
	require.NoError(t, zw.Close())
	_, err = unzipOne(b.Bytes())
	assert.ErrorContains(t, err, "holds 2 files")
}

// Open reads every format from its content, and OFAC's files from their
// directory.
func TestOpenDetectsFormats(t *testing.T) {
	for path, want := range map[string]Format{
		"testdata/ofac":                  FormatMerged, // both sets
		"testdata/un/consolidated.xml":   FormatUN,
		"testdata/sam/exclusions.csv":    FormatSAM,
		"../testdata/lists/official.csv": FormatCSV,
		"../testdata/lists/inhouse.csv":  FormatInHouse,
	} {
		l, err := Open(path)
		require.NoError(t, err, path)
		assert.Equal(t, want, l.Version().Format, path)
		if want == FormatMerged {
			for _, p := range l.Version().Parts {
				assert.Equal(t, FormatOFAC, p.Format, path)
			}
		}
	}
}
