package screening

import (
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/cslfixture"
	"github.com/entityscreen/entityscreen/screening/internal/normalize"
)

// distanceCases are pairs of words with their distance (the restricted
// edit distance: insertions, deletions, substitutions and swaps of
// neighbours, a swapped pair not edited further), or limit+1 when it is
// beyond limit. TestEditDistance and TestOSAPatternDistance read them.
var distanceCases = []struct {
	a, b  string
	limit int
	want  int
}{
	{"kaspersky", "kaspersky", 2, 0},
	{"kaspersky", "kasperksy", 2, 1}, // neighbours swapped
	{"kasperksy", "kaspersky", 2, 1},
	{"mvoement", "movement", 2, 1},
	{"winnes", "winners", 1, 1},
	{"huawei", "xuawei", 1, 1}, // first letter
	{"ab", "ba", 1, 1},
	{"abc", "ca", 3, 3}, // a swap is not edited further: not 2
	{"kasper", "kaspersky", 2, 3},
	{"kasper", "kaspersky", 5, 3},
	{"abc", "", 5, 3},
	{"", "abc", 5, 3},
	{"", "", 0, 0},
	{"abcdef", "ghijkl", 2, 3}, // stops once beyond the limit
	{strings.Repeat("ab", 32), strings.Repeat("ab", 31) + "ba", 2, 1}, // 64 letters
}

func TestEditDistance(t *testing.T) {
	for _, tt := range distanceCases {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			assert.Equal(t, tt.want, editDistance(tt.a, tt.b, tt.limit))
			assert.Equal(t, tt.want, editDistance(tt.b, tt.a, tt.limit), "symmetric")
		})
	}
}

// TestEditDistanceAgainstFullTable compares the distance with the plain
// full-table one on many random words, short ones and, one pair in ten,
// words longer than maxPattern, compared by the banded table.
func TestEditDistanceAgainstFullTable(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = "abcde"[r.IntN(5)]
		}
		return string(b)
	}
	for i := range 20000 {
		a, b := word(r.IntN(9)), word(r.IntN(9))
		if i%10 == 0 { // b is a with a few letters rewritten, cut out or put in
			a = word(maxPattern + 1 + r.IntN(4))
			b = a
			for range r.IntN(4) {
				at := r.IntN(len(b))
				b = b[:at] + word(r.IntN(2)) + b[at+r.IntN(2):]
			}
		}
		full := fullOSA(a, b)
		for limit := range 4 {
			want := min(full, limit+1)
			if got := editDistance(a, b, limit); got != want {
				t.Fatalf("editDistance(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
			}
		}
	}
}

// fullOSA is the textbook optimal string alignment distance.
func fullOSA(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func TestEditDistanceLongWords(t *testing.T) {
	a := "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz" // longer than the stack buffer
	b := "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyY"
	assert.Equal(t, 1, editDistance(a, b, 3))
}

func TestTypoBudget(t *testing.T) {
	assert.Equal(t, 0, typoBudget(3), "short words must be exact")
	assert.Equal(t, 1, typoBudget(4))
	assert.Equal(t, 1, typoBudget(7))
	assert.Equal(t, 2, typoBudget(8))
	assert.Equal(t, 3, typoBudget(12))
}

func TestWordSim(t *testing.T) {
	d, g, n := normalize.Distinctive, normalize.Generic, normalize.Number
	tests := []struct {
		name           string
		a, aSound      string
		b, bSound      string
		ka, kb         normalize.Kind
		commonB        bool
		want           How
		minSim, maxSim float64
	}{
		{"exact", "kaspersky", "kasperski", "kaspersky", "kasperski", d, d, false, Exact, 1, 1},
		{"spelling", "kasperskiy", "kasperski", "kaspersky", "kasperski", d, d, false, Spelling, simSpelling, simSpelling},
		{"typo", "huawey", "huavei", "huawei", "huavei", d, d, false, Spelling, 0.9, 1},
		{"typo first letter", "xuawei", "xuavei", "huawei", "huavei", d, d, false, Typo, 0.8, 0.99},
		{"not a typo", "kasper", "kasper", "kaspersky", "kasperski", d, d, false, NoMatch, 0, 0},
		{"abbreviation of common word", "electr", "elektr", "electronics", "elektroniks", g, g, true, Abbreviation, simAbbreviation, simAbbreviation},
		{"prefix of distinctive word", "kasper", "kasper", "kaspersky", "kasperski", d, d, false, NoMatch, 0, 0},
		{"numbers exact", "140", "", "140", "", n, n, false, Exact, 1, 1},
		{"numbers differ", "140", "", "146", "", n, n, false, NoMatch, 0, 0},
		{"short words exact only", "abc", "abk", "abd", "abd", d, d, false, NoMatch, 0, 0},
		{"same sound, one word short", "iqiyi", "iki", "ici", "iki", d, d, false, NoMatch, 0, 0},
		// Two edits apart, one by their sound keys: a spelling and a typo.
		{"nearer by sound", "zelneftgas", "zelneftgas", "zelneftegaz", "zelneftegas", d, d, false, Typo, distinctivePairSim, 0.9},
		{"no nearer by sound", "zelneftgas", "zelneftgas", "zelneftegaz", "zelneftegaz", d, d, false, Typo, 0.7, 0.79},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := word{key: tt.a, sound: tt.aSound, kind: tt.ka, mask: letterMask(tt.a), smask: letterMask(tt.aSound)}
			b := word{key: tt.b, sound: tt.bSound, kind: tt.kb, common: tt.commonB, mask: letterMask(tt.b), smask: letterMask(tt.bSound)}
			sim, how := wordSim(&a, &b)
			assert.Equal(t, tt.want, how)
			assert.GreaterOrEqual(t, sim, tt.minSim)
			assert.LessOrEqual(t, sim, tt.maxSim)
			sim2, how2 := wordSim(&b, &a)
			assert.Equal(t, how, how2, "symmetric")
			assert.InDelta(t, sim, sim2, 1e-9, "symmetric")
		})
	}
}

func TestLetterMaskBound(t *testing.T) {
	// One edit changes at most two bits of the letter set.
	pairs := [][2]string{{"huawei", "xuawei"}, {"winnes", "winners"}, {"kaspersky", "kasperksy"}, {"abc", "abd"}}
	for _, p := range pairs {
		d := editDistance(p[0], p[1], 10)
		assert.LessOrEqual(t, bits.OnesCount64(letterMask(p[0])^letterMask(p[1])), 2*d, p)
	}
}

func TestForGrams(t *testing.T) {
	var grams []uint32
	forGrams("abcd", func(g uint32) { grams = append(grams, g) })
	assert.Len(t, grams, 4, "a word of n letters has n padded trigrams")
	assert.Equal(t, uint32('a')<<8|uint32('b'), grams[0])
	assert.Equal(t, uint32('c')<<16|uint32('d')<<8, grams[3])
}

func TestWrittenAlike(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"Acme Trading Corp", "ACME TRADING CORP.", 1},
		{"Acme Trading Corp", "Acme Trading Corporation", 2 * 2.0 / 6},
		{"Acme-Trading", "acme trading", 1},
		{"Acme Acme", "Acme", 2 * 1.0 / 3}, // each word of b meets one word of a
		{"Касперский Лаб", "КАСПЕРСКИЙ ЛАБ", 1},
		{"Kaspersky", "Касперский", 0},
		{"", "Acme", 0},
		{"...", "", 0},
	}
	for _, tt := range tests {
		assert.InDelta(t, tt.want, writtenAlike(tt.a, tt.b), 1e-9, "%q %q", tt.a, tt.b)
		assert.InDelta(t, tt.want, writtenAlike(tt.b, tt.a), 1e-9, "%q %q, swapped", tt.b, tt.a)
	}
	assert.Zero(t, testing.AllocsPerRun(100, func() { writtenAlike("Acme Trading Corp", "ACME TRADING CORPORATION") }))
}

// TestGivenNameVariants checks the table of given names: every variant
// normalizes to one word, and no word stands in two rows (the first row
// would win silently).
func TestGivenNameVariants(t *testing.T) {
	row := map[string]int{}
	for i, r := range givenNameVariants {
		seen := map[string]bool{}
		for _, w := range r {
			n, err := normalize.Normalize(w)
			if !assert.NoError(t, err, w) || !assert.Len(t, n.Tokens, 1, w) {
				continue
			}
			k := n.Tokens[0].Key
			assert.False(t, seen[k], "%q twice in row %v", w, r)
			seen[k] = true
			if j, ok := row[k]; ok && j != i {
				t.Errorf("%q in rows %v and %v", w, givenNameVariants[j], r)
			}
			row[k] = i
		}
	}
	assert.True(t, sameGivenName("ihor", "igor"))
	assert.True(t, sameGivenName("saleem", "salim"))
	assert.False(t, sameGivenName("said", "sayyid"), "a title of descent is not the name Said")
	assert.False(t, sameGivenName("ivan", "john"), "names in other languages are other names")
}

// TestSamePatronymic checks that patronymics formed from one given name in
// Russian and Ukrainian romanizations meet, and that other fathers' names,
// a son's and a daughter's, and words that are no patronymics do not.
func TestSamePatronymic(t *testing.T) {
	for _, c := range [][2]string{
		{"dmytrovych", "dmitrievich"}, {"serhiyovych", "sergeyevich"}, {"andriyovych", "andreyevich"},
		{"yuriivna", "yuryevna"}, {"mykolayovych", "nikolayevich"}, {"oleksandrovych", "aleksandrovich"},
	} {
		assert.True(t, samePatronymic(c[0], c[1]), "%s and %s", c[0], c[1])
	}
	for _, c := range [][2]string{
		{"dmitrievich", "sergeyevich"}, {"dmitrievich", "dmitrievna"}, {"ivanovich", "petrovich"},
		{"dmitry", "dmytro"}, {"ovich", "evich"},
	} {
		assert.False(t, samePatronymic(c[0], c[1]), "%s and %s", c[0], c[1])
	}
}

// TestRomanizedAlike checks that words of a person's name written with the
// letters of other romanizations for one sound meet, and that short words,
// other letters and an h of a digraph do not.
func TestRomanizedAlike(t *testing.T) {
	for _, c := range [][2]string{
		{"hubenko", "gubenko"}, {"qorbani", "qurbani"}, {"mohsen", "mohsin"}, {"hryhoriy", "grigoriy"},
	} {
		assert.True(t, romanizedAlike(c[0], c[1]), "%s and %s", c[0], c[1])
		sim, how := nameSim(&word{key: c[0]}, &word{key: c[1]}, 0, NoMatch)
		assert.Equal(t, Spelling, how, "%s and %s", c[0], c[1])
		assert.InDelta(t, simSpelling, sim, 1e-9)
	}
	for _, c := range [][2]string{
		{"hill", "gill"}, {"lena", "lina"}, {"karimova", "kerimova"}, {"okhrim", "okgrim"}, {"petrov", "petrova"}, {"boris", "boris"},
	} {
		assert.False(t, romanizedAlike(c[0], c[1]), "%s and %s", c[0], c[1])
	}
}

// TestNearSpelling checks that a given name holding all the letters of
// another in order but one meets it as a near spelling, and that two
// letters written otherwise, another first letter or a short name do not.
func TestNearSpelling(t *testing.T) {
	for _, c := range [][2]string{{"lyudmila", "ludmilla"}, {"tanya", "tiana"}, {"hamid", "hamed"}} {
		assert.True(t, nearSpelling(c[0], c[1]), "%s and %s", c[0], c[1])
	}
	for _, c := range [][2]string{{"hamza", "hamed"}, {"sofiya", "sonya"}, {"karim", "kamil"}, {"ludmila", "budmila"}, {"anna", "anya"}} {
		assert.False(t, nearSpelling(c[0], c[1]), "%s and %s", c[0], c[1])
	}
	assert.Equal(t, 7, commonSubsequence("lyudmila", "ludmilla"))
	assert.Equal(t, 0, commonSubsequence("", "abc"))
}

// TestAbbreviationLength checks that only a prefix of four letters or more
// abbreviates a common word: "Electr" is Electronics, "HUA" is no Huawei.
func TestAbbreviationLength(t *testing.T) {
	long := &word{key: "huawei", common: true}
	_, how := wordSim(&word{key: "hua"}, long)
	assert.Equal(t, NoMatch, how)
	_, how = wordSim(&word{key: "huaw"}, long)
	assert.Equal(t, Abbreviation, how)
}

// TestScoreNameAllocatesNothing checks that scoring a name without an
// explanation allocates nothing, whatever checks fire: person roles,
// qualifiers, initials, a country, a city and an identifier.
func TestScoreNameAllocatesNothing(t *testing.T) {
	l, err := entitylist.ReadCSV(strings.NewReader(cslfixture.Full("_id,source,type,name,addresses,ids,nationalities\n"+
		"1,SDN,Entity,ISLAMIC REVOLUTIONARY GUARD CORPS,\"1 Main St, Nizhny Novgorod, , , RU\",\"RU, 7736640919, Tax ID No.\",\n"+
		"2,SDN,Individual,\"TAVANA, Ali Akbar\",,,IR\n3,SDN,Entity,Hikvision Europe B.V.,,,\n")), "allocs")
	require.NoError(t, err)
	s, err := New(l)
	require.NoError(t, err)
	for _, q := range []Query{
		{Name: "IRGC Holdings Ltd", Country: "RU", Address: "Nizhny Novgorod", ID: "77-3664-0919"},
		{Name: "Ali Tavana", Country: "IR", Kind: entitylist.TypeIndividual},
		{Name: "Hikvision Deutschland GmbH", Country: "DE", Kind: entitylist.TypeEntity},
	} {
		p := &prepared{}
		err := s.ix.prepare(q, p)
		require.NoError(t, err)
		sc := s.getScratch()
		s.ix.candidates(p, sc, s.opts.minScore, s.opts.threshold, nil)
		for nid := range s.ix.names {
			allocs := testing.AllocsPerRun(20, func() { s.scoreName(p, 0, int32(nid), sc, 0, nil) })
			assert.Zero(t, allocs, "%q against %q", q.Name, s.ix.display(s.list, int32(nid)))
		}
	}
}

// TestPackerFindsBest checks the search of alignWords against every choice
// of pairs, on random pairs of words and runs of words: its choice uses
// each word once, and covers the most value, or the value of the choice
// taken when none covers more.
func TestPackerFindsBest(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 9))
	var pk packer
	for round := range 3000 {
		n := 1 + rng.IntN(12)
		pairs := make([]pair, n)
		for k := range pairs {
			qi, ci := int16(rng.IntN(5)), int16(rng.IntN(5))
			p := pair{qi: qi, qj: -1, ci: ci, cj: -1, value: float64(1 + rng.IntN(8))}
			if rng.IntN(3) == 0 {
				p.qj = qi + 1
			}
			if rng.IntN(3) == 0 {
				p.cj = ci + 1
			}
			pairs[k] = p
		}
		slices.SortFunc(pairs, func(a, b pair) int { return byValue(&a, &b) })
		words := func(set int) (uint64, uint64, float64, bool) {
			var q, c uint64
			v := 0.0
			for k := range pairs {
				if set&(1<<k) == 0 {
					continue
				}
				pq, pc := wordSpan(int(pairs[k].qi), int(pairs[k].qEnd())), wordSpan(int(pairs[k].ci), int(pairs[k].cEnd()))
				if q&pq != 0 || c&pc != 0 {
					return 0, 0, 0, false
				}
				q, c, v = q|pq, c|pc, v+pairs[k].value
			}
			return q, c, v, true
		}
		most := 0.0
		for set := range 1 << n {
			if _, _, v, ok := words(set); ok {
				most = max(most, v)
			}
		}
		taken := make([]bool, n)
		taken[0] = true // a choice of one pair, the most valuable
		pk.search(pairs, taken)
		set := 0
		for k, ok := range taken {
			if ok {
				set |= 1 << k
			}
		}
		_, _, v, ok := words(set)
		require.True(t, ok, "round %d: the choice uses a word twice: %v of %v", round, taken, pairs)
		require.InDelta(t, most, v, 1e-9, "round %d: %v of %v", round, taken, pairs)
	}
}

// TestPackerBudget checks that a search looks at no more choices than its
// budget, and keeps the best it found then: a choice that uses each word
// once and is worth at least the choice taken.
func TestPackerBudget(t *testing.T) {
	pairs := make([]pair, maxPairsSearched)
	for k := range pairs {
		// Each query word meets two name words: many choices of equal value.
		pairs[k] = pair{qi: int16(k / 2), qj: -1, ci: int16(k), cj: -1, value: float64(maxPairsSearched - k)}
	}
	for _, budget := range []int{1, 3, 10, maxPacks} {
		taken := make([]bool, len(pairs))
		taken[1] = true
		var pk packer
		pk.searchWithin(pairs, taken, budget)
		assert.LessOrEqual(t, pk.packs, budget)
		var q, c uint64
		v := 0.0
		for k, ok := range taken {
			if ok {
				pq, pc := wordSpan(int(pairs[k].qi), int(pairs[k].qEnd())), wordSpan(int(pairs[k].ci), int(pairs[k].cEnd()))
				require.Zero(t, q&pq|c&pc, "budget %d: a word used twice: %v", budget, taken)
				q, c, v = q|pq, c|pc, v+pairs[k].value
			}
		}
		assert.GreaterOrEqual(t, v, pairs[1].value, "budget %d", budget)
		if budget == maxPacks {
			assert.Equal(t, 72.0, v, "the even pairs: 16+14+...+2")
		}
	}
}
