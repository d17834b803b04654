package entitylist_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

// sourceRows is how many rows of one source a generated list holds.
type sourceRows struct {
	source string // a source code, such as "EL"
	n      int
}

// makeSourcesCSL returns a CSL CSV with the rows of each source in turn,
// all started on 2020-01-01 but the last, started on newest; tag makes the
// names, and so the bytes, differ between lists of the same counts.
func makeSourcesCSL(t testing.TB, newest, tag string, sources ...sourceRows) []byte {
	t.Helper()
	header := strings.Split(officialHeader, ",")
	col := func(name string) int { return slices.Index(header, name) }
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	require.NoError(t, w.Write(header))
	total, row := 0, 0
	for _, s := range sources {
		total += s.n
	}
	for _, s := range sources {
		for i := range s.n {
			row++
			rec := make([]string, len(header))
			rec[col("_id")] = fmt.Sprintf("%s-%s-%d", tag, s.source, i)
			rec[col("source")] = s.source
			rec[col("name")] = fmt.Sprintf("%s Trading %s %d Ltd.", s.source, tag, i)
			rec[col("start_date")] = "2020-01-01"
			if row == total {
				rec[col("start_date")] = newest
			}
			require.NoError(t, w.Write(rec))
		}
	}
	w.Flush()
	require.NoError(t, w.Error())
	return buf.Bytes()
}

// The list the update tests start from: 200 entries, newest 2024-06-24.
const baseNewest = "2024-06-24"

var baseSources = []sourceRows{{"SDN", 170}, {"EL", 20}, {"DPL", 10}}

// cutHandler serves body up to the end of the row that holds its middle
// byte, with no Content-Length (chunked): a transfer that ends cleanly at a
// row boundary, which no length check can tell from a complete one.
func cutHandler(body []byte) http.HandlerFunc {
	cut := bytes.IndexByte(body[len(body)/2:], '\n') + len(body)/2 + 1
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/csv")
		_, _ = w.Write(body[:cut])
		w.(http.Flusher).Flush()
	}
}

// TestCacheUpdateRefuses: against a cache holding the base list, every
// kind of list that falls short beyond the tolerances is refused, saying
// what changed, and the cache is left as it was; force accepts it.
func TestCacheUpdateRefuses(t *testing.T) {
	base := makeSourcesCSL(t, baseNewest, "base", baseSources...)
	tests := []struct {
		name     string
		handler  http.HandlerFunc
		shrunk   bool // ErrShrunk
		older    bool // ErrOlder
		problems []string
	}{
		{
			name:     "a source lost",
			handler:  csvHandler(makeSourcesCSL(t, baseNewest, "x", sourceRows{"SDN", 170}, sourceRows{"DPL", 10})),
			shrunk:   true,
			problems: []string{"EL: 0 entries, down 100% from 20 (more than 50%)"},
		},
		{
			name:     "most of a source lost",
			handler:  csvHandler(makeSourcesCSL(t, baseNewest, "x", sourceRows{"SDN", 170}, sourceRows{"EL", 9}, sourceRows{"DPL", 10})),
			shrunk:   true,
			problems: []string{"EL: 9 entries, down 55% from 20 (more than 50%)"},
		},
		{
			name:     "half the rows",
			handler:  csvHandler(makeSourcesCSL(t, baseNewest, "x", sourceRows{"SDN", 85}, sourceRows{"EL", 10}, sourceRows{"DPL", 5})),
			shrunk:   true,
			problems: []string{"entries: 100, down 50% from 200 (more than 10%)"},
		},
		{
			// The first half of the SDN rows are left: the other sources
			// are gone, and the newest entry with them.
			name:    "cut at a row boundary without Content-Length",
			handler: cutHandler(base),
			shrunk:  true,
			older:   true,
			problems: []string{
				"entries: 99, down 50.5% from 200 (more than 10%)",
				"EL: 0 entries, down 100% from 20 (more than 50%)",
				"DPL: 0 entries, down 100% from 10 (more than 50%)",
				"newest entry 2020-01-01, older than 2024-06-24",
			},
		},
		{
			name:     "older list",
			handler:  csvHandler(makeSourcesCSL(t, "2024-01-10", "x", baseSources...)),
			older:    true,
			problems: []string{"newest entry 2024-01-10, older than 2024-06-24"},
		},
		{
			name:     "no dates at all",
			handler:  csvHandler(bytes.ReplaceAll(makeSourcesCSL(t, "", "x", baseSources...), []byte("2020-01-01"), nil)),
			older:    true,
			problems: []string{"newest entry none, older than 2024-06-24"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newSwitchServer(t)
			c := &entitylist.Cache{Dir: t.TempDir()}
			srv.set(csvHandler(base))
			_, _, err := c.Update(t.Context(), srv.url, false)
			require.NoError(t, err)
			before := cacheFiles(t, c.Dir)

			srv.set(tt.handler)
			l, prev, err := c.Update(t.Context(), srv.url, false)
			assert.Nil(t, l)
			assert.Nil(t, prev)
			var refused *entitylist.RefusedError
			require.ErrorAs(t, err, &refused)
			assert.Equal(t, tt.problems, refused.Problems)
			assert.Equal(t, tt.shrunk, errors.Is(err, entitylist.ErrShrunk), "ErrShrunk")
			assert.Equal(t, tt.older, errors.Is(err, entitylist.ErrOlder), "ErrOlder")
			assert.Equal(t, 200, refused.Cached.Entries)
			assert.Equal(t, map[entitylist.Source]int{"SDN": 170, "EL": 20, "DPL": 10}, refused.Reference.BySource)
			assert.Equal(t, 200, refused.Reference.Entries)
			assert.Equal(t, baseNewest, refused.Reference.Newest.Format(time.DateOnly))
			assert.Equal(t, srv.url, refused.URL)
			assert.Equal(t, "entitylist: update from "+srv.url+" refused, use force to accept it: "+strings.Join(tt.problems, "; "), err.Error())
			assert.Equal(t, before, cacheFiles(t, c.Dir), "the cache is left as it was")

			l, prev, err = c.Update(t.Context(), srv.url, true)
			require.NoError(t, err, "force accepts it")
			require.NotNil(t, prev)
			assert.Equal(t, 200, prev.Entries)
			assert.Equal(t, refused.Downloaded.SHA256, l.Version().SHA256)
			loaded, err := c.Load()
			require.NoError(t, err)
			assert.Equal(t, refused.Downloaded.SHA256, loaded.Version().SHA256)
		})
	}
}

// TestCacheUpdateShrinkSteps: each update is measured against the most the
// cache has held since the last forced update, so small shrinks cannot walk
// the list down step by step; force resets that reference.
func TestCacheUpdateShrinkSteps(t *testing.T) {
	srv := newSwitchServer(t)
	c := &entitylist.Cache{Dir: t.TempDir()}
	steps := []struct {
		name    string
		sources []sourceRows
		force   bool
		refused string // the problem, if refused
	}{
		{"base", baseSources, false, ""},
		{"7% fewer, within the tolerance", []sourceRows{{"SDN", 156}, {"EL", 20}, {"DPL", 10}}, false, ""},
		{"7% fewer again, 13.5% from the most held", []sourceRows{{"SDN", 143}, {"EL", 20}, {"DPL", 10}}, false,
			"entries: 173, down 13.5% from 200 (more than 10%)"},
		{"the same, forced", []sourceRows{{"SDN", 143}, {"EL", 20}, {"DPL", 10}}, true, ""},
		{"5% fewer from the forced list", []sourceRows{{"SDN", 135}, {"EL", 20}, {"DPL", 10}}, false, ""},
		{"grown, with a new source", []sourceRows{{"SDN", 160}, {"EL", 20}, {"DPL", 10}, {"MEU", 12}}, false, ""},
		{"11% fewer from the grown list", []sourceRows{{"SDN", 140}, {"EL", 20}, {"DPL", 10}}, false,
			"entries: 170, down 15.8% from 202 (more than 10%)"},
		{"a source halved, in steps", []sourceRows{{"SDN", 160}, {"EL", 11}, {"DPL", 10}, {"MEU", 12}}, false, ""},
		{"a source halved, second step", []sourceRows{{"SDN", 160}, {"EL", 9}, {"DPL", 10}, {"MEU", 12}}, false,
			"EL: 9 entries, down 55% from 20 (more than 50%)"},
	}
	for i, st := range steps {
		srv.set(csvHandler(makeSourcesCSL(t, baseNewest, fmt.Sprint(i), st.sources...)))
		_, _, err := c.Update(t.Context(), srv.url, st.force)
		if st.refused == "" {
			require.NoError(t, err, st.name)
			continue
		}
		var refused *entitylist.RefusedError
		require.ErrorAs(t, err, &refused, st.name)
		assert.Contains(t, refused.Problems, st.refused, st.name)
	}
}

// TestCacheUpdateAccepts: changes within the tolerances replace the list
// without force.
func TestCacheUpdateAccepts(t *testing.T) {
	tests := []struct {
		name    string
		newest  string
		sources []sourceRows
	}{
		{"10% fewer entries", baseNewest, []sourceRows{{"SDN", 150}, {"EL", 20}, {"DPL", 10}}},
		{"half a source", baseNewest, []sourceRows{{"SDN", 170}, {"EL", 10}, {"DPL", 10}}},
		{"a new source", baseNewest, []sourceRows{{"SDN", 170}, {"EL", 20}, {"DPL", 10}, {"MEU", 1}}},
		{"newer", "2024-07-01", baseSources},
		{"grown", baseNewest, []sourceRows{{"SDN", 300}, {"EL", 20}, {"DPL", 10}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newSwitchServer(t)
			c := &entitylist.Cache{Dir: t.TempDir()}
			srv.set(csvHandler(makeSourcesCSL(t, baseNewest, "base", baseSources...)))
			_, _, err := c.Update(t.Context(), srv.url, false)
			require.NoError(t, err)

			body := makeSourcesCSL(t, tt.newest, "x", tt.sources...)
			srv.set(csvHandler(body))
			l, prev, err := c.Update(t.Context(), srv.url, false)
			require.NoError(t, err)
			require.NotNil(t, prev)
			assert.Equal(t, 200, prev.Entries)
			assert.Equal(t, string(body), listFiles(t, c.Dir)["consolidated.csv"])
			assert.Equal(t, tt.newest, l.Version().Newest.Format(time.DateOnly))
		})
	}
}

// TestCacheUpdateReference: a reference file that is damaged or missing
// counts as none, so the cached list is the reference; an unchanged list
// leaves the cache, reference included, as it was.
func TestCacheUpdateReference(t *testing.T) {
	srv := newSwitchServer(t)
	c := &entitylist.Cache{Dir: t.TempDir()}
	base := makeSourcesCSL(t, baseNewest, "base", baseSources...)
	srv.set(csvHandler(base))
	_, _, err := c.Update(t.Context(), srv.url, false)
	require.NoError(t, err)
	peak := filepath.Join(c.Dir, "consolidated.peak.json")
	for _, damage := range []string{"", "{not json", `{"entries":-1}`, "missing"} {
		if damage == "missing" {
			require.NoError(t, os.Remove(peak))
		} else {
			require.NoError(t, os.WriteFile(peak, []byte(damage), 0o644))
		}
		srv.set(csvHandler(makeSourcesCSL(t, baseNewest, "x", sourceRows{"SDN", 170})))
		_, _, err = c.Update(t.Context(), srv.url, false)
		require.ErrorIs(t, err, entitylist.ErrShrunk, "reference %q: the cached list is measured against", damage)

		files := cacheFiles(t, c.Dir)
		srv.set(csvHandler(base))
		_, prev, err := c.Update(t.Context(), srv.url, false)
		require.NoError(t, err)
		assert.Equal(t, prev.SHA256, sha256Hex(base), "unchanged")
		assert.Equal(t, withoutMeta(files), withoutMeta(cacheFiles(t, c.Dir)), "an unchanged list changes no file but the fetch record")
	}
}

// sha256Hex returns the hex SHA-256 of data.
func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// TestCacheCheckRecords: a fetch record or a reference that is damaged is
// reported, naming its file, the problem and what follows; one that is
// missing or sound is not.
func TestCacheCheckRecords(t *testing.T) {
	srv := newSwitchServer(t)
	c := &entitylist.Cache{Dir: t.TempDir()}
	require.NoError(t, c.CheckRecords(entitylist.FeedCSL), "nothing cached: nothing damaged")
	srv.set(csvHandler(makeSourcesCSL(t, baseNewest, "base", baseSources...)))
	_, _, err := c.Update(t.Context(), srv.url, false)
	require.NoError(t, err)
	require.NoError(t, c.CheckRecords(entitylist.FeedCSL), "as Update wrote them")
	meta := filepath.Join(c.Dir, "consolidated.meta.json")
	peak := filepath.Join(c.Dir, "consolidated.peak.json")
	good := cacheFiles(t, c.Dir)
	for _, tt := range []struct {
		name  string
		file  string
		data  string // "": removed
		wants []string
	}{
		{"meta not JSON", meta, "{not json", []string{meta + ": damaged fetch record: invalid character 'n'", "the file's time is taken"}},
		{"meta without a time", meta, `{"url":"x"}`, []string{meta + ": damaged fetch record: no fetch time"}},
		{"meta fetched in the future", meta, `{"fetched":"2099-01-01T00:00:00Z","url":"x"}`, []string{meta + ": damaged fetch record: fetched 2099-01-01T00:00:00Z, later than now", "the file's time is taken"}},
		{"peak not JSON", peak, `{"entries":`, []string{peak + ": damaged reference: unexpected end of JSON input", "the cached list alone guards an update"}},
		{"peak without entries", peak, `{"entries":-1}`, []string{peak + ": damaged reference: -1 entries"}},
		{"meta missing", meta, "", nil},
		{"peak missing", peak, "", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.data == "" {
				require.NoError(t, os.Remove(tt.file))
			} else {
				require.NoError(t, os.WriteFile(tt.file, []byte(tt.data), 0o644))
			}
			t.Cleanup(func() { require.NoError(t, os.WriteFile(tt.file, []byte(good[filepath.Base(tt.file)]), 0o644)) })
			err := c.CheckRecords(entitylist.FeedCSL)
			if tt.wants == nil {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			for _, w := range tt.wants {
				assert.Contains(t, err.Error(), w)
			}
			l, lerr := c.Load()
			require.NoError(t, lerr, "a damaged record is taken as absent")
			assert.WithinDuration(t, time.Now(), l.Version().Fetched, time.Hour, "the file's time is taken")
		})
	}
	require.NoError(t, os.WriteFile(meta, []byte("x"), 0o644))
	require.NoError(t, os.WriteFile(peak, []byte("y"), 0o644))
	err = c.CheckRecords(entitylist.FeedCSL)
	assert.ErrorContains(t, err, meta)
	assert.ErrorContains(t, err, peak, "both are reported")
	assert.ErrorContains(t, c.CheckRecords("nope"), `unknown feed "nope"`)
}

// TestUpdateRedactsKeyInQuery checks that an API key in a feed's address
// (SAM.gov's extract is fetched so: ?api_key=...) is kept out of what the
// cache writes (the fetch record is readable by all), of the list's
// version, and of errors, as a password in the address is.
func TestUpdateRedactsKeyInQuery(t *testing.T) {
	const secret = "k3yS3cretValue0123456789"
	extract, err := os.ReadFile("testdata/sam/exclusions.csv")
	require.NoError(t, err)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/forbidden" {
			http.Error(w, "no", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/csv")
		_, _ = w.Write(extract)
	}))
	t.Cleanup(srv.Close)
	c := &entitylist.Cache{Dir: t.TempDir()}

	for name, query := range map[string]string{
		"api_key":      "?api_key=" + secret + "&fileName=SAM_Exclusions_Public_Extract_V2.ZIP",
		"token":        "?fileName=x.csv&access_token=" + secret,
		"password too": "?apiKey=" + secret + "&password=" + secret,
	} {
		t.Run(name, func(t *testing.T) {
			list, _, err := c.UpdateFeed(t.Context(), entitylist.Feed{Name: entitylist.FeedSAM, URLs: []string{srv.URL + "/extract" + query}}, true)
			require.NoError(t, err)
			assert.NotContains(t, list.Version().Origin, secret)
			cached, err := c.LoadFeed(entitylist.FeedSAM)
			require.NoError(t, err)
			assert.NotContains(t, cached.Version().URL, secret)
			assert.Contains(t, cached.Version().URL, srv.URL+"/extract?")
			files, err := os.ReadDir(c.Dir)
			require.NoError(t, err)
			for _, f := range files {
				data, err := os.ReadFile(filepath.Join(c.Dir, f.Name()))
				require.NoError(t, err)
				assert.NotContains(t, string(data), secret, f.Name())
			}
			_, _, err = c.UpdateFeed(t.Context(), entitylist.Feed{Name: entitylist.FeedSAM, URLs: []string{srv.URL + "/forbidden" + query}}, true)
			require.Error(t, err)
			assert.NotContains(t, err.Error(), secret)
			assert.Contains(t, err.Error(), "403")
		})
	}
}

// TestCacheFileDatedInFuture checks that the time of a cached file later
// than now is not taken as its fetch time where there is no fetch record
// of use, as a fetch record dated later than now is not: it is reported
// as damaged, and the list's fetch time is unknown (zero). Taken as it
// was, such a list was never too old.
func TestCacheFileDatedInFuture(t *testing.T) {
	srv := newSwitchServer(t)
	c := &entitylist.Cache{Dir: t.TempDir()}
	srv.set(csvHandler(makeSourcesCSL(t, baseNewest, "base", baseSources...)))
	_, _, err := c.Update(t.Context(), srv.url, false)
	require.NoError(t, err)
	meta := filepath.Join(c.Dir, "consolidated.meta.json")
	future := time.Now().Add(365 * 24 * time.Hour)
	require.NoError(t, os.Chtimes(c.Path(), future, future))

	for _, tt := range []struct {
		name  string
		meta  string // "": removed
		wants []string
	}{
		{"no fetch record", "", []string{c.Path() + ": no fetch record of use, and the file was last changed " + future.UTC().Format(time.RFC3339) + ", later than now", "when the list was fetched is unknown"}},
		{"damaged fetch record", `{"fetched":"2099-01-01T00:00:00Z"}`, []string{meta + ": damaged fetch record", c.Path() + ": no fetch record of use"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.meta == "" {
				require.NoError(t, os.Remove(meta))
			} else {
				require.NoError(t, os.WriteFile(meta, []byte(tt.meta), 0o644))
			}
			err := c.CheckRecords(entitylist.FeedCSL)
			require.Error(t, err)
			for _, w := range tt.wants {
				assert.ErrorContains(t, err, w)
			}
			l, err := c.Load()
			require.NoError(t, err)
			assert.True(t, l.Version().Fetched.IsZero(), "fetched %v", l.Version().Fetched)
		})
	}

	// A time within a day of now is a clock a little off, taken as it is.
	require.NoError(t, os.Remove(meta))
	soon := time.Now().Add(time.Hour)
	require.NoError(t, os.Chtimes(c.Path(), soon, soon))
	require.NoError(t, c.CheckRecords(entitylist.FeedCSL))
	l, err := c.Load()
	require.NoError(t, err)
	assert.WithinDuration(t, soon, l.Version().Fetched, time.Second)
}
