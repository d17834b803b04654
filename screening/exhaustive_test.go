package screening

import (
	"bufio"
	"context"
	"encoding/json"
	"maps"
	"os"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

// exhaustive returns the best score of every entry of s's list that scores
// at least the minimum for q, scoring every indexed name: the unbounded
// search that retrieval must equal.
func (s *Screener) exhaustive(t *testing.T, q Query) map[int32]float64 {
	t.Helper()
	p, err := s.ix.prepare(q)
	require.NoError(t, err)
	sc := s.getScratch()
	defer s.putScratch(sc)
	s.ix.candidates(p, sc, s.opts.minScore, s.opts.threshold) // reads the misspelt words as the list's (see qtoken.readAs)
	best := map[int32]float64{}
	for nid := range s.ix.names {
		for vi := range p.variants {
			score := s.scoreName(p, vi, int32(nid), sc, nil)
			e := s.ix.names[nid].entry
			if score >= s.opts.minScore && score > best[e] {
				best[e] = score
			}
		}
	}
	return best
}

// TestRetrievalLosesNothing checks that no entry scoring at least the
// threshold is lost to the bounds of retrieval (the candidates scored, the
// names collected): for queries of the shared evaluation sets against the
// real 2022 CSL at the default threshold, Screen with no practical limit
// returns exactly the entries that scoring every name of the list finds,
// with the same scores. Near misses at lower minimum scores are logged:
// there retrieval still misses names that meet the query only by a prefix
// of a frequent word or a qualifier ("HUA" for "Huawei").
func TestRetrievalLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("exhaustive retrieval check skipped in short mode")
	}
	list, err := entitylist.Open("../../shared/data/csl-consolidated-2022-05-16.csv")
	if err != nil {
		t.Skip("shared CSL snapshot not present")
	}
	var queries []string
	for _, path := range []string{"../../shared/eval/dev.jsonl", "../../shared/eval/subsidiaries-dev.jsonl"} {
		f, err := os.Open(path)
		if err != nil {
			t.Skip("shared evaluation sets not present")
		}
		sc := bufio.NewScanner(f)
		for i := 0; sc.Scan(); i++ {
			var c struct{ Query string }
			require.NoError(t, json.Unmarshal(sc.Bytes(), &c))
			if i%step == 0 && (!RaceEnabled || i%(8*step) == 0) {
				queries = append(queries, c.Query)
			}
		}
		f.Close()
	}
	queries = append(queries, "Huawei", "Gazprom", "Beijing Institute of Technology", "China Electronics Technology Group")
	all := entriesOf(list)
	for _, minScore := range []float64{DefaultThreshold, 0.6} {
		s, err := New(list, WithMinScore(minScore), WithLimit(1<<20))
		require.NoError(t, err)
		lost := 0
		for i, name := range queries {
			// Every fifth query with a country, an address and an identifier,
			// whose checks add to the score after retrieval.
			q := Query{Name: name}
			if i%5 == 0 {
				q = Query{Name: name, Country: "RU", Address: "Moscow", ID: "7736640919"}
			}
			want := s.exhaustive(t, q)
			r, err := s.Screen(context.Background(), q)
			require.NoError(t, err)
			ms := r.Matches
			got := map[int32]float64{}
			index := func(e *entitylist.Entry) int32 {
				return int32(slices.IndexFunc(all, func(o *entitylist.Entry) bool { return o == e }))
			}
			for _, m := range ms {
				got[index(m.Entry)] = m.Score
				for _, o := range m.Also { // rows of the same party: their scores are not reported
					if k := index(o); want[k] > 0 {
						got[k] = want[k]
					} else {
						got[k] = -1
					}
				}
			}
			if !maps.Equal(want, got) {
				lost++
				if minScore >= DefaultThreshold {
					assert.Equal(t, want, got, "query %+v, minimum score %v", q, minScore)
				}
			}
		}
		t.Logf("minimum score %v: %d queries, %d differ", minScore, len(queries), lost)
	}
}

// step samples the evaluation sets: every step-th query.
const step = 20

func entriesOf(l *entitylist.List) []*entitylist.Entry {
	out := make([]*entitylist.Entry, l.Len())
	for i, e := range l.All() {
		out[i] = e
	}
	return out
}
