package screening_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xrash/smetrics"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// Word parts of the generated company names: syllables for made-up
// distinctive words, and the organization words, places and legal forms of
// real company names.
var (
	genSyllables = strings.Fields("ka spe ro vin tel mar gaz prom neft avi tek sol dor lin zhe hua wei xin tai shan ber ko lev tor ami rad nor vest ural sib ene gor mash stro ros bel far nik vol gra det iran pak sar " +
		"alm baz cen dal eko fin gel hal ism jun kir lum mon nov opt pal qua rem sat tur uni var wal yan zor bra cho dre fla gri kra ple sko tre vla " +
		"bio geo hel kas mir osk pet rus sel tom vik yar zel ang bar del gal hor ink jet lux med nat orb pro sta tex uto vis")
	genGeneric = strings.Fields("Trading Technologies Industries International Group Holding Engineering Services Electronics Systems Import Export Development Manufacturing Research Scientific Logistics Shipping Energy Machinery")
	genPlaces  = strings.Fields("Moscow Beijing Shenzhen Tehran Dubai Karachi Minsk Almaty Hong-Kong Istanbul Yekaterinburg Novosibirsk Shanghai Tianjin")
	genForms   = []string{"LLC", "OOO", "JSC", "AO", "Co., Ltd.", "Limited", "Inc.", "GmbH", "FZE", "Sdn Bhd", "S.A. de C.V.", "PJSC", "Pvt Ltd", ""}
)

// genName returns a realistic made-up company name.
func genName(r *rand.Rand) string {
	var parts []string
	word := func() string {
		n := 2 + r.IntN(2)
		var b strings.Builder
		for range n {
			b.WriteString(genSyllables[r.IntN(len(genSyllables))])
		}
		w := b.String()
		return strings.ToUpper(w[:1]) + w[1:]
	}
	parts = append(parts, word())
	if r.IntN(2) == 0 {
		parts = append(parts, word())
	}
	for range r.IntN(3) {
		parts = append(parts, genGeneric[r.IntN(len(genGeneric))])
	}
	if r.IntN(4) == 0 {
		parts = append(parts, genPlaces[r.IntN(len(genPlaces))])
	}
	if f := genForms[r.IntN(len(genForms))]; f != "" {
		if r.IntN(3) == 0 {
			parts = append([]string{f}, parts...)
		} else {
			parts = append(parts, f)
		}
	}
	return strings.Join(parts, " ")
}

// genList returns a deterministic in-house list of n generated entries, a
// third of them with an alias, and a sample of its names to query.
func genList(tb testing.TB, n int) (*entitylist.List, []string) {
	tb.Helper()
	r := rand.New(rand.NewPCG(uint64(n), 2024))
	var b strings.Builder
	b.WriteString("name,aliases,country,id,notes\n")
	var sample []string
	for i := range n {
		name := genName(r)
		alias := ""
		if i%3 == 0 {
			alias = genName(r)
		}
		fmt.Fprintf(&b, "%q,%q,RU,G%d,\n", name, alias, i)
		if i%(n/100) == 0 {
			sample = append(sample, name)
		}
	}
	l, err := entitylist.ReadInHouse(strings.NewReader(b.String()), "generated")
	require.NoError(tb, err)
	return l, sample
}

// benchQueries are vendor-style queries: exact, misspelled, reordered,
// transliterated and unrelated names.
var benchQueries = []string{
	"Kaspersky Lab JSC", "KASPERSKY LABS LTD.", "ООО Касперский Груп", "Kasper Holdings Inc",
	"Huawey Technologies Co Ltd", "Rosoboronexport", "Almaz Antey Air Defense Concern",
	"Beijing Institute of Technology", "Acme Trading Company Limited", "Apple Inc",
	"Sberbank of Russia", "Mahan Air", "Islamic Revolutionary Guard Corps", "Rostec",
}

// BenchmarkScreen screens vendor-style queries against the full 2022 CSL,
// next to the naive loop that compares the query with every list name by
// Jaro-Winkler: the index must be at least 1000 times faster.
func BenchmarkScreen(b *testing.B) {
	s := realScreener(b)
	b.Run("indexed", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			_, err := screen(s, screening.Query{Name: benchQueries[i%len(benchQueries)]})
			if err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("naive-jaro-winkler", func(b *testing.B) {
		var names []string
		for _, e := range s.List().All() {
			for _, n := range e.Names() {
				names = append(names, strings.ToLower(n))
			}
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			q := strings.ToLower(benchQueries[i%len(benchQueries)])
			best := 0.0
			for _, n := range names {
				best = max(best, smetrics.JaroWinkler(q, n, 0.7, 4))
			}
			_ = best
			i++
		}
	})
}

// BenchmarkNew builds the Screener for the full 2022 CSL and reports the heap
// the index holds.
func BenchmarkNew(b *testing.B) {
	list, err := realCSL()
	if err != nil {
		b.Skip("shared CSL snapshot not present")
	}
	b.ReportAllocs()
	var s *screening.Screener
	for b.Loop() {
		s, err = screening.New(list)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(heapOf(func() any { s, _ := screening.New(list); return s }), "index-MB")
	_ = s
}

// heapOf returns the MB of live heap that the value built by f holds.
func heapOf(f func() any) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := f()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	return float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / (1 << 20)
}

// BenchmarkScreenScaling screens against generated lists of growing size:
// the cost per query must grow far slower than the list.
func BenchmarkScreenScaling(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			if n >= 1_000_000 && testing.Short() {
				b.Skip("1M entries skipped in short mode")
			}
			list, sample := genList(b, n)
			s, err := screening.New(list)
			require.NoError(b, err)
			queries := append([]string(nil), benchQueries...)
			r := rand.New(rand.NewPCG(7, 7))
			for _, name := range sample {
				queries = append(queries, misspell(r, name))
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				_, err := screen(s, screening.Query{Name: queries[i%len(queries)]})
				if err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// misspell swaps two neighbouring letters of the first word of name.
func misspell(r *rand.Rand, name string) string {
	b := []byte(name)
	end := strings.IndexByte(name, ' ')
	if end < 0 {
		end = len(b)
	}
	if end >= 3 {
		i := 1 + r.IntN(end-2)
		b[i], b[i+1] = b[i+1], b[i]
	}
	return string(b)
}
