package screening

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening/internal/normalize"
)

func TestOSAPatternDistance(t *testing.T) {
	for _, tt := range distanceCases {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			var p osaPattern
			require.True(t, p.set(tt.a))
			assert.Equal(t, tt.want, p.distance([]byte(tt.b), tt.limit))
		})
	}
	var p osaPattern
	assert.False(t, p.set(strings.Repeat("a", maxPattern+1)), "too long for a pattern")
}

// The bit-parallel distance is the textbook one, whatever the strings,
// the limit, and the pattern the osaPattern held before.
func TestOSAPatternAgainstFullTable(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	word := func(n int) string {
		b := make([]byte, r.IntN(n+1))
		for i := range b {
			b[i] = "abcde"[r.IntN(5)]
		}
		return string(b)
	}
	var p osaPattern
	for i := range 40000 {
		n := 10
		if i%10 == 0 {
			n = maxPattern
		}
		a, b := word(n), word(n)
		require.True(t, p.set(a))
		full := fullOSA(a, b)
		for _, limit := range []int{0, 1, 2, 3, 4, maxPattern} {
			if got, want := p.distance([]byte(b), limit), min(full, limit+1); got != want {
				t.Fatalf("distance(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
			}
		}
	}
}

// The typo filter accepts exactly the pairs typoSim accepts: words of the
// lengths where the budget changes (7 and 8 letters, 11 and 12), within
// and beyond it by their keys and by their sound keys, and misspelt by
// every kind of edit. Its first check, of the letters alone, passes
// every pair it accepts.
func TestTypoFilterAgreesWithTypoSim(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	const letters = "aeikmnorst"
	edit := func(s string) string {
		b := []byte(s)
		switch i := r.IntN(len(b) + 1); r.IntN(4) {
		case 0: // insert
			b = append(b[:i], append([]byte{letters[r.IntN(len(letters))]}, b[i:]...)...)
		case 1: // delete
			if i < len(b) {
				b = append(b[:i], b[i+1:]...)
			}
		case 2: // substitute
			if i < len(b) {
				b[i] = letters[r.IntN(len(letters))]
			}
		default: // swap neighbours
			if i+1 < len(b) {
				b[i], b[i+1] = b[i+1], b[i]
			}
		}
		return string(b)
	}
	edits := func(s string, n int) string {
		for range n {
			s = edit(s)
		}
		return s
	}
	newW := func(key, sound string) word {
		return word{key: key, sound: sound, mask: letterMask(key), smask: letterMask(sound)}
	}
	var f typoFilter
	accepted := 0
	for i := range 200000 {
		n := []int{3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 16}[r.IntN(11)]
		if i%1000 == 0 {
			n = maxPattern - 1 + r.IntN(3) // about the longest pattern
		}
		key := edits(strings.Repeat("a", n), n) // n random edits of n letters
		for len(key) < 3 {
			key += "s"
		}
		list := newW(key, "")
		switch r.IntN(3) {
		case 0:
			list.sound = key
		case 1:
			list.sound = edits(key, 1+r.IntN(3))
		}
		list = newW(list.key, list.sound)
		q := newW(edits(key, r.IntN(5)), "")
		if list.sound != "" && r.IntN(4) > 0 {
			q.sound = edits(list.sound, r.IntN(5))
		}
		q = newW(q.key, q.sound)
		f.set(&q)
		_, want := typoSim(&q, &list)
		l, k := newTypoLetters(&list), newTypoKey(&list)
		got := f.accepts(&l, &k, &list)
		if len(q.key) <= maxPattern && len(q.sound) <= maxPattern && len(list.key) <= maxTypoText && len(list.sound) <= maxTypoText {
			require.Equal(t, want, got, "query %q (%q), list word %q (%q)", q.key, q.sound, list.key, list.sound)
		} else if want {
			require.True(t, got, "a long word is left to typoSim: %q, %q", q.key, list.key)
		}
		if got {
			require.True(t, f.mayAccept(&l, typoBudget(max(len(q.key), len(list.key)))), "query %q (%q), list word %q (%q)", q.key, q.sound, list.key, list.sound)
		}
		if want {
			accepted++
		}
	}
	assert.Greater(t, accepted, 20000, "the pairs must be misspellings often")
}

// Folded letter sets differ in no more letters than the sets themselves,
// whatever bytes the words hold, and keep the letters a to z apart.
func TestFoldLetters(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	word := func() string {
		b := make([]byte, 1+r.IntN(12))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		return string(b)
	}
	for range 20000 {
		x, y := letterMask(word()), letterMask(word())
		for budget := range 4 {
			if lettersWithin(x, y, budget) {
				require.True(t, lettersWithin(uint64(foldLetters(x)), uint64(foldLetters(y)), budget), "%x, %x", x, y)
			}
		}
	}
	for a := byte('a'); a <= 'z'; a++ {
		for b := a + 1; b <= 'z'; b++ {
			assert.NotEqual(t, foldLetters(letterMask(string(a))), foldLetters(letterMask(string(b))))
		}
	}
}

// madeUpWord returns a made-up word of two or three syllables.
func madeUpWord(r *rand.Rand, syllables []string) string {
	var b strings.Builder
	for range 2 + r.IntN(2) {
		b.WriteString(syllables[r.IntN(len(syllables))])
	}
	return b.String()
}

// syllableList returns a list of n entries whose names are made of a few
// syllables, with organization words, given names in several
// romanizations and people's names, so that their words are many and
// close to one another, as in a large list.
func syllableList(t *testing.T, n int, r *rand.Rand) *entitylist.List {
	t.Helper()
	syllables := strings.Fields("ka spe ro vin tel mar gaz prom neft ko lev tor ami rad nor vest sib ene gor mash ros bel nik vol gra det iran sar kas mir tom vik yar hus sein sul ey man")
	generic := strings.Fields("Trading Technologies International Group Holding Engineering Services Industries Systems Import Export")
	given := strings.Fields("Hussein Husain Hossein Suleiman Suleyman Soliman Mohammed Muhammad Dmitry Dmitriy Yuriy Yury Aleksandr Oleksandr")
	word := func() string { return madeUpWord(r, syllables) }
	var csv strings.Builder
	csv.WriteString("name,aliases,country,id,notes\n")
	for i := range n {
		var name string
		switch r.IntN(4) {
		case 0: // a person
			name = strings.ToUpper(word()) + ", " + given[r.IntN(len(given))] + " " + given[r.IntN(len(given))] + "ovich"
		case 1:
			name = word() + " " + word()
		default:
			name = word() + " " + generic[r.IntN(len(generic))] + " " + generic[r.IntN(len(generic))]
		}
		fmt.Fprintf(&csv, "%q,,RU,S%d,\n", name, i)
	}
	l, err := entitylist.ReadInHouse(strings.NewReader(csv.String()), "syllables")
	require.NoError(t, err)
	return l
}

// closeQueryWords returns query words near the words of the index of s:
// its words misspelt by an edit or two, written as another romanization,
// cut short or lengthened, and other words.
func closeQueryWords(s *Screener, r *rand.Rand, n int) []string {
	var out []string
	for len(out) < n {
		w := []byte(s.ix.terms[r.IntN(len(s.ix.terms))].key)
		for range r.IntN(3) {
			if len(w) < 2 {
				break
			}
			j := r.IntN(len(w))
			switch r.IntN(5) {
			case 0:
				w = append(w[:j], w[j+1:]...)
			case 1:
				w[j] = "aeiouykhgsz"[r.IntN(11)]
			case 2:
				w = append(w[:j], append([]byte{"aeiouykhgsz"[r.IntN(11)]}, w[j:]...)...)
			case 3:
				if j+1 < len(w) {
					w[j], w[j+1] = w[j+1], w[j]
				}
			default:
				w = w[:max(4, len(w)-2)]
			}
		}
		if len(w) >= 2 {
			out = append(out, string(w))
		}
	}
	return out
}

// closeSpellings finds every term that may meet a query word closely, as
// meetsClosely tells, but its own: against every term of a list of words
// close to one another, for query words near them.
func TestCloseSpellingsFindsCloseWords(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	s, err := New(syllableList(t, 3000, r))
	require.NoError(t, err)
	found := map[int32]bool{}
	gaveUp, close, words := 0, 0, 0
	for _, w := range closeQueryWords(s, r, 1500) {
		p := &prepared{}
		if s.ix.prepare(Query{Name: w}, p) != nil || len(p.variants[0].toks) != 1 {
			continue
		}
		q := &p.variants[0].toks[0]
		words++
		sc := s.getScratch()
		sc.reset()
		var tq typoQuery
		setTypoQuery(&tq, q.key, nil)
		clear(found)
		add := func(t int32) { found[t] = true }
		ok := s.ix.closeSpellings(q, &tq, sc, func(t int32, _ float64) { add(t) }, add)
		s.putScratch(sc)
		if !ok {
			gaveUp++
			continue
		}
		for tid := range s.ix.terms {
			if id := int32(tid); id != q.term && meetsClosely(q, &s.ix.terms[id].word) {
				close++
				require.True(t, found[id], "query word %q, list word %q", q.key, s.ix.terms[id].key)
			}
		}
	}
	assert.Greater(t, close, 500, "the query words must meet list words closely often")
	assert.Less(t, gaveUp, words/10, "closeSpellings must give up seldom")
}

// probeEdits asks about every word of the index an edit away, by its key
// or its sound key, and about no other word.
func TestProbeEditsFindsWordsAnEditAway(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	s, err := New(syllableList(t, 2000, r))
	require.NoError(t, err)
	ix := s.ix
	for _, w := range closeQueryWords(s, r, 400) {
		p := &prepared{}
		if ix.prepare(Query{Name: w}, p) != nil || len(p.variants[0].toks) != 1 {
			continue
		}
		q := &p.variants[0].toks[0]
		sc := s.getScratch()
		for _, side := range []struct {
			of      func(*word) string
			letters []byte
			grams   *gramSet
			salt    uint64
		}{{func(w *word) string { return w.key }, ix.keyBytes, &ix.keyGrams, 0}, {func(w *word) string { return w.sound }, ix.soundBytes, &ix.soundGrams, soundSalt}} {
			s := side.of(&q.word)
			got := map[string]bool{}
			ix.probeEdits(s, side.letters, side.grams, side.salt, sc, func(v []byte, h uint64) {
				require.Equal(t, hashKey(hashSeed, v), h)
				require.Equal(t, 1, editDistance(s, string(v), 1), "%q, %q", s, v)
				got[string(v)] = true
			})
			for tid := range ix.terms {
				tm := &ix.terms[tid]
				if v := side.of(&tm.word); gramable(tm.kind, tm.key) && editDistance(s, v, 1) == 1 {
					require.True(t, got[v], "%q, %q", s, v)
				}
			}
		}
		s.putScratch(sc)
	}
}

// The typo query of a word finds, by their lengths and the trigrams they
// share, the words typoSim may accept by their keys: those an edit or
// more from it by letters put in, dropped or replaced, no more edits
// than the budget of the longer word, which may be the longer word's
// larger budget ("Chovikp", "Chovikpal").
func TestTypoQueryFindsWordsWithinBudget(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, tt := range []struct{ a, b string }{{"chovikp", "chovikpal"}, {"jetsnik", "jetkasnik"}, {"chovikp", "chovilpa"}} {
		var tq typoQuery
		setTypoQuery(&tq, tt.a, nil)
		n := len(tt.b)
		require.True(t, n >= tq.minLen && n <= tq.maxLen, "%q: length %d looked up", tt.a, n)
		assert.GreaterOrEqual(t, tq.shared(tt.b), tq.needOf(n), "%q, %q", tt.a, tt.b)
	}
	const letters = "abdeikmnorstuv"
	for range 200000 {
		a := make([]byte, minGram+r.IntN(12))
		for i := range a {
			a[i] = letters[r.IntN(len(letters))]
		}
		b := append([]byte(nil), a...)
		k := 1 + r.IntN(maxEdits)
		for range k {
			j := r.IntN(len(b) + 1)
			switch op := r.IntN(3); {
			case op == 0 || j == len(b): // a letter put in
				b = append(b[:j], append([]byte{letters[r.IntN(len(letters))]}, b[j:]...)...)
			case op == 1 && len(b) > 1: // dropped
				b = append(b[:j], b[j+1:]...)
			default: // replaced
				b[j] = letters[r.IntN(len(letters))]
			}
		}
		if len(b) < minGram || k > typoBudget(max(len(a), len(b))) {
			continue
		}
		var tq typoQuery
		setTypoQuery(&tq, string(a), nil)
		n := len(b)
		if !assert.True(t, n >= tq.minLen && n <= tq.maxLen, "%q, %q: length looked up", a, b) ||
			!assert.GreaterOrEqual(t, tq.shared(string(b)), tq.needOf(n), "%q, %q: trigrams shared", a, b) {
			return
		}
	}
}

// A word looked up for misspellings twice in one query, as the query's
// variants may each hold it, is scanned once: the second look-up records
// what the scan found, in the same order.
func TestMisspellingsScannedOnce(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 26))
	s, err := New(syllableList(t, 2000, r))
	require.NoError(t, err)
	ix := s.ix
	type rec struct {
		t   int32
		sim float64
	}
	found := 0
	for _, w := range closeQueryWords(s, r, 300) {
		p := &prepared{}
		if ix.prepare(Query{Name: w}, p) != nil || len(p.variants[0].toks) != 1 {
			continue
		}
		q := &p.variants[0].toks[0]
		var tq typoQuery
		setTypoQuery(&tq, q.key, nil)
		sc := s.getScratch()
		sc.reset()
		var scanned, first, again []rec
		ix.scanTypos(q, &tq, ix.gramLists(&tq, tq.minLen, tq.maxLen, nil), sc, func(t int32, sim float64) { scanned = append(scanned, rec{t, sim}) })
		ix.misspellings(q, &tq, tq.minLen, tq.maxLen, nil, sc, func(t int32, sim float64) { first = append(first, rec{t, sim}) })
		require.Len(t, sc.scans, 1, "%q: one scan", q.key)
		ix.misspellings(q, &tq, tq.minLen, tq.maxLen, nil, sc, func(t int32, sim float64) { again = append(again, rec{t, sim}) })
		require.Len(t, sc.scans, 1, "%q: the second look-up scans nothing", q.key)
		require.Equal(t, scanned, first, "%q", q.key)
		require.Equal(t, first, again, "%q", q.key)
		found += len(first)
		s.putScratch(sc)
	}
	assert.Greater(t, found, 100, "the words must have misspellings in the list")
}

// setNear finds, for every term the trigram look-up finds, every other
// such term an edit away that typoSim accepts, and for a distinctive word
// whose trigram lists are short enough (maxFarPostings), every other term
// the trigram look-up finds for it as for a query word; and no other: in a
// list of syllable words, where misspellings are many.
func TestNearIsEveryMisspelling(t *testing.T) {
	r := rand.New(rand.NewPCG(25, 26))
	s, err := New(syllableList(t, 1000, r))
	require.NoError(t, err)
	ix := s.ix
	sc := s.getScratch()
	defer s.putScratch(sc)
	near, far := 0, 0
	for a := range ix.terms {
		ta := &ix.terms[a]
		var want []int32
		for b := range ix.terms {
			tb := &ix.terms[b]
			if b == a || !gramable(ta.kind, ta.key) || !gramable(tb.kind, tb.key) || editDistance(ta.key, tb.key, 1) != 1 {
				continue
			}
			if _, ok := typoSim(&ta.word, &tb.word); ok {
				want = append(want, int32(b))
				near++
			}
		}
		if ta.kind == normalize.Distinctive && gramable(ta.kind, ta.key) {
			var tq typoQuery
			setTypoQuery(&tq, ta.key, nil)
			lists := ix.gramLists(&tq, tq.minLen, tq.maxLen, nil)
			size := 0
			for _, l := range ix.gramLists(&tq, 0, math.MaxUint16, nil) { // every length: keys are that long at most
				size += len(l.ts) * l.times
			}
			if size <= maxFarPostings {
				ix.scanTypos(&qtoken{word: ta.word, term: int32(a)}, &tq, lists, sc, func(b int32, _ float64) {
					if b != int32(a) && editDistance(ta.key, ix.terms[b].key, 1) > 1 {
						want = append(want, b)
						far++
					}
				})
			}
		}
		slices.Sort(want)
		want = slices.Compact(want)
		require.True(t, slices.Equal(want, ix.nearOf(int32(a))), "%q: want %v, got %v", ta.key, want, ix.nearOf(int32(a)))
	}
	assert.Greater(t, near, len(ix.terms)/5, "words an edit apart must be many")
	assert.Greater(t, far, len(ix.terms)/5, "words more than an edit apart must be many")
}
