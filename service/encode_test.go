package service

import (
	"context"
	"os"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/screening"
)

// encoderQueries are queries whose results have matches, near misses,
// none, or an error.
var encoderQueries = slices.Concat(loadQueries, cleanQueries, []string{
	"Orion Star Shipping LLC", "Kaspersky Labs Ltd", "Atlas Aerospace Trading", "Smith & Sons <Trading>", "",
})

// TestResultEncoder: the records a Server writes are the library's,
// byte for byte, its list's version encoded once; the matches' own
// versions are left alone as they are.
func TestResultEncoder(t *testing.T) {
	lists := []struct {
		name string
		load func(t *testing.T) *Server
	}{
		{"fixture", func(t *testing.T) *Server {
			s, err := New(Config{Load: loadFile(listV1)})
			require.NoError(t, err)
			require.NoError(t, s.Reload(context.Background()))
			return s
		}},
		{"CSL", func(t *testing.T) *Server {
			if _, err := os.Stat(sharedCSL); err != nil {
				t.Skip("shared CSL snapshot not present")
			}
			s, err := fullServer()
			require.NoError(t, err)
			return s
		}},
	}
	for _, l := range lists {
		t.Run(l.name, func(t *testing.T) {
			st := l.load(t).current()
			matched := 0
			for _, name := range encoderQueries {
				for _, opts := range [][]screening.Option{nil, {screening.WithMinScore(0.3), screening.WithLimit(MaxLimit)}} {
					res, _ := st.screener.Screen(context.Background(), screening.Query{Name: name, Country: "RU"}, opts...)
					matched += len(res.Matches)
					want, err := res.MarshalJSON()
					require.NoError(t, err)
					got, err := st.encoder.appendResult([]byte("prefix "), res)
					require.NoError(t, err)
					assert.Equal(t, "prefix "+string(want), string(got), "query %q", name)
				}
			}
			assert.Positive(t, matched)

			var res screening.Result
			for _, name := range encoderQueries {
				if res, _ = st.screener.Screen(context.Background(), screening.Query{Name: name}); len(res.Matches) > 0 {
					break
				}
			}
			require.NotEmpty(t, res.Matches)

			// A query holding U+0000, whose encoding is the stand-in's
			// marker.
			res.Query.Name = "\x00" + res.Query.Name + "\x00"
			want, err := res.MarshalJSON()
			require.NoError(t, err)
			got, err := st.encoder.appendResult(nil, res)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got))

			// A match, then the result, whose version is not the list's:
			// their own.
			res.Matches[0].Version.SHA256 = "another"
			for range 2 {
				want, err = res.MarshalJSON()
				require.NoError(t, err)
				got, err = st.encoder.appendResult(nil, res)
				require.NoError(t, err)
				assert.Equal(t, string(want), string(got))
				res.Version.SHA256 = "another"
			}
		})
	}
}

// TestResultEncoderKeepsResult: the result given is not changed.
func TestResultEncoderKeepsResult(t *testing.T) {
	s, err := New(Config{Load: loadFile(listV1)})
	require.NoError(t, err)
	require.NoError(t, s.Reload(context.Background()))
	st := s.current()
	res, _ := st.screener.Screen(context.Background(), screening.Query{Name: "Kaspersky Labs Ltd"})
	require.NotEmpty(t, res.Matches)
	before := slices.Clone(res.Matches)
	_, err = st.encoder.appendResult(nil, res)
	require.NoError(t, err)
	assert.Equal(t, before, res.Matches)
	assert.Equal(t, st.version, res.Version)
}

// BenchmarkResultEncoding compares the library's encoding of a result
// (MarshalJSON) with the Server's, whose list version is encoded once, for
// a query that matches (vendor) and one that does not (clean).
func BenchmarkResultEncoding(b *testing.B) {
	if _, err := os.Stat(sharedCSL); err != nil {
		b.Skip("shared CSL snapshot not present")
	}
	s, err := fullServer()
	if err != nil {
		b.Fatal(err)
	}
	st := s.current()
	for _, q := range []struct{ name, query string }{{"vendor", "Rosoboronexport"}, {"clean", "Contoso Paper Supplies"}} {
		res, _ := st.screener.Screen(context.Background(), screening.Query{Name: q.query})
		b.Run(q.name+"/MarshalJSON", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := res.MarshalJSON(); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(q.name+"/resultEncoder", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := st.encoder.appendResult(nil, res); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
