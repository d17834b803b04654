package screening_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/screening"
)

// TestRetrievalLosesNothingAtScale checks, as TestRetrievalLosesNothing
// does against the real CSL, that no entry scoring at least the threshold
// is lost to the bounds of retrieval, in a generated list of 100,000
// entries whose words are made of common syllables: there a misspelt
// word's trigrams are each in thousands of words, its close misspellings
// are looked up by the words an edit away (see index.closeSpellings), and
// its looser ones only where they may count (see index.completeTypos).
// The queries are names of the list with one or two words misspelt by an
// edit or two, written as another word of the list an edit away, spelled
// otherwise, cut short, dropped or moved; every fifth with a country,
// every seventh with an identifier too. An entry may be lost only to the
// misspellings of a query word the list holds that the index does not
// hold, which retrieval does not look up at the threshold (see
// BeyondLookup): 4 here, misspellings beyond an edit of words whose
// trigram lists are too long for the index to hold them (see
// maxFarPostings), 7 before it held those an edit away (see
// index.setNear).
// Every name ranked that scores the threshold is estimated within the
// margin, as TestEstimatesReachTheMargin checks on real names (see
// BelowMargin), here with the country and identifier that lower it.
func TestRetrievalLosesNothingAtScale(t *testing.T) {
	if testing.Short() || screening.RaceEnabled {
		t.Skip("exhaustive retrieval check of a large list skipped in short mode and under the race detector")
	}
	list, sample := genList(t, 100_000)
	s, err := screening.New(list, screening.WithMinScore(screening.DefaultThreshold))
	require.NoError(t, err)
	words := map[string]bool{}
	for _, e := range list.All() {
		for _, n := range e.Names() {
			for _, w := range strings.Fields(n) {
				words[strings.ToLower(w)] = true
			}
		}
	}
	r := rand.New(rand.NewPCG(11, 12))
	for i := range 2 * len(sample) {
		name := sample[i%len(sample)]
		q := screening.Query{Name: mangle(r, name, words)}
		if i%5 == 0 {
			q.Country = "RU"
		}
		if i%7 == 0 {
			q.ID = "G7"
		}
		if r, err := s.Screen(context.Background(), q); errors.Is(err, screening.ErrEmptyName) || errors.Is(r.Err, screening.ErrEmptyName) {
			continue // a name of nothing but legal forms
		}
		below, _, _ := s.BelowMargin(t, q)
		assert.Empty(t, below, "query %+v (of %q)", q, name)
		want, got := s.Retrieved(t, q)
		for e, score := range want {
			if got[e] != score && !s.BeyondLookup(t, q, e) {
				assert.Equal(t, want, got, "query %+v (of %q): entry %d lost", q, name, e)
				break
			}
		}
		for e := range got {
			assert.Contains(t, want, e, "query %+v (of %q): entry %d found, not by scoring every name", q, name, e)
		}
	}
}

// mangle returns name with a word, or two, changed as vendor records
// change them: misspelt by an edit or two (a letter swapped with the
// next, replaced, added or dropped), written as another word of words an
// edit away, spelled as another romanization would, cut short, or the
// word dropped or moved to the end; a third of them with the first word
// misspelt twice and the second written as another word.
func mangle(r *rand.Rand, name string, words map[string]bool) string {
	fields := strings.Fields(name)
	if len(fields) >= 2 && r.IntN(3) == 0 {
		// The first word misspelt, the second written as another word of
		// the list: a name other words find by neither.
		fields[0], fields[1] = misspelt(r, misspelt(r, strings.ToLower(fields[0]))), neighbour(r, strings.ToLower(fields[1]), words)
		return strings.Join(fields, " ")
	}
	for range 1 + r.IntN(2) {
		if len(fields) == 0 {
			break
		}
		i := r.IntN(len(fields))
		w := strings.ToLower(fields[i])
		switch r.IntN(8) {
		case 0, 1:
			w = misspelt(r, w)
		case 2:
			w = misspelt(r, misspelt(r, w))
		case 3:
			w = neighbour(r, w, words)
		case 4: // another romanization
			for _, sw := range [][2]string{{"k", "c"}, {"v", "w"}, {"i", "y"}, {"o", "u"}, {"e", "i"}, {"sh", "ch"}} {
				if v := strings.Replace(w, sw[0], sw[1], 1); v != w {
					w = v
					break
				}
			}
		case 5: // cut short
			if len(w) > 6 {
				w = w[:len(w)-2]
			}
		case 6:
			fields = append(fields[:i], fields[i+1:]...)
			continue
		default:
			fields = append(append(fields[:i:i], fields[i+1:]...), fields[i])
			continue
		}
		fields[i] = w
	}
	return strings.Join(fields, " ")
}

// misspelt returns w with a letter swapped with the next, replaced, added
// or dropped.
func misspelt(r *rand.Rand, w string) string {
	b := []byte(w)
	if len(b) < 2 {
		return w
	}
	j := r.IntN(len(b) - 1)
	switch r.IntN(4) {
	case 0:
		b[j], b[j+1] = b[j+1], b[j]
	case 1:
		b[j] = "aeikmnorstuvy"[r.IntN(13)]
	case 2:
		b = append(b[:j], append([]byte{"aeiklnorst"[r.IntN(10)]}, b[j:]...)...)
	default:
		b = append(b[:j], b[j+1:]...)
	}
	return string(b)
}

// neighbour returns a word of words an edit from w, if it finds one, or
// w.
func neighbour(r *rand.Rand, w string, words map[string]bool) string {
	for range 200 {
		if v := misspelt(r, w); words[v] && v != w {
			return v
		}
	}
	return w
}
