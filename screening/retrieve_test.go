package screening

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

// TestRankFrequent checks that a query of frequent words, whose
// candidates rankFrequent ranks through the names of its rarest words by
// their total weight, has the candidates that ranking every name of those
// words finds (the index without its totalOrder): in a list where
// "Beijing" and "Trading" are in more than maxTouched names each, with
// names that hold a word many times, words that meet the query's words by
// a misspelling, and initials. A snapshot read back holds what the index
// built holds.
func TestRankFrequent(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	syllables := strings.Fields("ka ro vin tel mar gaz neft avi sol dor lin zhe hua tai ber lev tor ami nor vest gor ros bel far nik")
	word := func() string { return madeUpWord(r, syllables) }
	rows := []string{"name,aliases,country,id,notes"}
	for i := range 3 * maxTouched {
		parts := []string{word()}
		for _, w := range []struct {
			word string
			in   int // one name in in holds it
		}{{"Beijing", 2}, {"Trading", 2}, {"Technology", 4}, {"Bejing", 50}, {"Institute", 20}} {
			if r.IntN(w.in) == 0 {
				parts = append(parts, w.word)
			}
		}
		if i%97 == 0 {
			parts = append(parts, "Trading", "Trading")
		}
		if i%89 == 0 {
			parts = []string{"BIT", "Beijing"}
		}
		rows = append(rows, fmt.Sprintf("%q,,CN,R%d,", strings.Join(parts, " "), i))
	}
	list, err := entitylist.ReadInHouse(strings.NewReader(strings.Join(rows, "\n")+"\n"), "test")
	require.NoError(t, err)
	s, err := New(list)
	require.NoError(t, err)
	require.Greater(t, s.ix.df(must(s.ix.term("beijing"))), maxTouched)
	// A snapshot read back holds the names by weight as the index built.
	var buf bytes.Buffer
	require.NoError(t, s.WriteSnapshot(&buf))
	read, err := ReadSnapshot(&buf, list)
	require.NoError(t, err)
	assert.Equal(t, s.ix.byTotal, read.ix.byTotal)
	whole, err := New(list)
	require.NoError(t, err)
	whole.ix.byTotal = totalOrder{}
	pruned := 0 // queries for which rankFrequent ranked fewer names
	for _, q := range []string{"Beijing", "Beijing Trading", "Beijing Institute of Technology", "Trading Beijing Institute",
		"Beijing Tradng", "BIT Beijing", "Trading", "Institute Trading Technology"} {
		for _, minScore := range []float64{DefaultThreshold, 0.6, 0.3} {
			var cands [2][]int32
			var ranked [2]int
			for i, ix := range []*index{s.ix, whole.ix} {
				p := &prepared{}
				require.NoError(t, ix.prepare(Query{Name: q}, p))
				sc := newScratch(ix)
				cands[i] = slices.Sorted(slices.Values(ix.candidates(p, sc, minScore, DefaultThreshold, nil)))
				ranked[i] = len(sc.ranked)
			}
			assert.Equal(t, cands[1], cands[0], "query %q, minimum score %v", q, minScore)
			t.Logf("%q at %v: %d names ranked, not %d", q, minScore, ranked[0], ranked[1])
			if ranked[0] < ranked[1] {
				pruned++
			}
		}
	}
	assert.Positive(t, pruned, "queries for which fewer names were ranked")
}

// must returns v, for a value that is there.
func must[T any](v T, ok bool) T {
	if !ok {
		panic("not there")
	}
	return v
}
