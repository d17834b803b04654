package screening_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/require"
	"github.com/xrash/smetrics"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/evalset"
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
	if g, ok := genLists.Load(n); ok {
		return g.(genned).list, g.(genned).sample
	}
	csv, sample := genCSV(n)
	l, err := entitylist.ReadInHouse(strings.NewReader(csv), "generated")
	require.NoError(tb, err)
	genLists.Store(n, genned{l, sample})
	return l, sample
}

// genCSV returns the in-house CSV of the list genList returns, and the
// sample of its names.
func genCSV(n int) (string, []string) {
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
	return b.String(), sample
}

// genLists holds the lists genList made, by size: made once per process.
var genLists sync.Map

type genned struct {
	list   *entitylist.List
	sample []string
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
// with explanations and without, next to the naive loop that compares the
// query with every list name by Jaro-Winkler: the index must be at least
// 1000 times faster.
func BenchmarkScreen(b *testing.B) {
	s := realScreener(b)
	b.Run("indexed", func(b *testing.B) {
		b.ReportAllocs()
		defer cpuPerOp(b)()
		i := 0
		for b.Loop() {
			_, err := screen(s, screening.Query{Name: benchQueries[i%len(benchQueries)]})
			if err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	// The queries of the shared evaluation sets and the real companies
	// (by name, then with their country), in turn: names as vendor files
	// hold them, most of which match nothing or one party, where the
	// benchmark queries above are names of parties listed many times over.
	b.Run("evaluation-queries", func(b *testing.B) {
		var queries []screening.Query
		for _, path := range []string{sharedEval, sharedSubsidiaries} {
			for _, c := range readEval(b, path) {
				queries = append(queries, screening.Query{Name: c.Query, Country: c.Country})
			}
		}
		companies, _, err := evalset.Companies(filepath.Dir(sharedCSL))
		require.NoError(b, err)
		for _, c := range companies {
			queries = append(queries, screening.Query{Name: c.Query, Country: c.Country})
		}
		b.ReportAllocs()
		defer cpuPerOp(b)()
		i := 0
		for b.Loop() {
			if _, err := screen(s, queries[i%len(queries)]); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	// The same without explanations, as a program screening in bulk
	// screens (see WithExplanations).
	b.Run("indexed-unexplained", func(b *testing.B) {
		s, err := screening.New(s.List(), screening.WithExplanations(false))
		require.NoError(b, err)
		b.ReportAllocs()
		defer cpuPerOp(b)()
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
		defer cpuPerOp(b)()
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

// BenchmarkNew builds the Screener for the full 2022 CSL and for generated
// lists of 100,000 and 1,000,000 entries (the latter skipped in short
// mode), and reports the heap the index holds (index-MB) and the heap the
// process holds from the system once built (sys-MB).
func BenchmarkNew(b *testing.B) {
	b.Run("csl", func(b *testing.B) {
		list, err := realCSL()
		if err != nil {
			b.Skip("shared CSL snapshot not present")
		}
		benchNew(b, list)
	})
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			if n >= 1_000_000 && testing.Short() {
				b.Skip("1M entries skipped in short mode")
			}
			list, _ := genList(b, n)
			benchNew(b, list)
		})
	}
}

func benchNew(b *testing.B, list *entitylist.List) {
	held, sys := heldAfter(b, func() (any, error) { return screening.New(list) })
	b.ReportMetric(held, "index-MB")
	b.ReportMetric(sys, "sys-MB")
}

// heldAfter runs build in b's loop, reporting its CPU time per op and
// allocations, and returns the heap, in MiB, that what the last call
// built holds once collected, and the heap the process holds from the
// system before the collection.
func heldAfter(b *testing.B, build func() (any, error)) (held, sys float64) {
	b.ReportAllocs()
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	stop := cpuPerOp(b)
	var v any
	for b.Loop() {
		v = nil
		var err error
		if v, err = build(); err != nil {
			b.Fatal(err)
		}
	}
	stop()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	sys = float64(after.HeapSys) / (1 << 20)
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	return float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / (1 << 20), sys
}

// BenchmarkLoad reads the generated in-house lists of 100,000 and
// 1,000,000 entries (the latter skipped in short mode) and reports the heap
// the loaded list holds (list-MB).
func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			if n >= 1_000_000 && testing.Short() {
				b.Skip("1M entries skipped in short mode")
			}
			csv, _ := genCSV(n)
			held, _ := heldAfter(b, func() (any, error) { return entitylist.ReadInHouse(strings.NewReader(csv), "generated") })
			runtime.KeepAlive(csv) // counted before the loop, so not in held
			b.ReportMetric(held, "list-MB")
		})
	}
}

// BenchmarkScreenScaling screens against generated lists of growing size
// (1,000,000 entries skipped in short mode): the cost per query must grow
// far slower than the list. It reports the 99th percentile of the time a
// query takes, on the clock (p99-ns) and in CPU time (p99-cpu-ns).
func BenchmarkScreenScaling(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			if n >= 1_000_000 && testing.Short() {
				b.Skip("1M entries skipped in short mode")
			}
			s, queries := scalingScreener(b, n)
			b.ReportAllocs()
			// The time on the clock of one query counts the time the
			// goroutine waits for a CPU; the CPU time of its thread does not.
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			stop := cpuPerOp(b)
			took := make([]time.Duration, 0, 1<<16)
			cpu := make([]time.Duration, 0, 1<<16)
			i := 0
			for b.Loop() {
				start, startCPU := time.Now(), threadCPU()
				_, err := screen(s, queries[i%len(queries)])
				if err != nil {
					b.Fatal(err)
				}
				if len(took) < cap(took) {
					took = append(took, time.Since(start))
					cpu = append(cpu, threadCPU()-startCPU)
				}
				i++
			}
			stop()
			slices.Sort(took)
			slices.Sort(cpu)
			b.ReportMetric(float64(took[len(took)*99/100]), "p99-ns")
			b.ReportMetric(float64(cpu[len(cpu)*99/100]), "p99-cpu-ns")
		})
	}
}

// scaling holds the Screeners of BenchmarkScreenScaling, built once per
// process, by list size.
var scaling sync.Map

type scalingCase struct {
	s       *screening.Screener
	queries []screening.Query
}

// scalingScreener returns the Screener of a generated list of n entries
// and the queries to screen against it: the benchmark queries and
// misspelt names of the list.
func scalingScreener(b *testing.B, n int) (*screening.Screener, []screening.Query) {
	if c, ok := scaling.Load(n); ok {
		return c.(scalingCase).s, c.(scalingCase).queries
	}
	list, sample := genList(b, n)
	s, err := screening.New(list)
	require.NoError(b, err)
	var queries []screening.Query
	for _, q := range benchQueries {
		queries = append(queries, screening.Query{Name: q})
	}
	r := rand.New(rand.NewPCG(7, 7))
	for _, name := range sample {
		queries = append(queries, screening.Query{Name: misspell(r, name)})
	}
	scaling.Store(n, scalingCase{s, queries})
	return s, queries
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

// BenchmarkSnapshot writes and reads the snapshot of the Screener for the
// full 2022 CSL, next to building it with New: reading must take a
// fraction of building.
func BenchmarkSnapshot(b *testing.B) {
	s := realScreener(b)
	var buf bytes.Buffer
	require.NoError(b, s.WriteSnapshot(&buf))
	data := buf.Bytes()
	b.Run("write", func(b *testing.B) {
		b.ReportAllocs()
		defer cpuPerOp(b)()
		for b.Loop() {
			buf.Reset()
			if err := s.WriteSnapshot(&buf); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(data))/(1<<20), "snapshot-MB")
	})
	b.Run("read", func(b *testing.B) {
		b.ReportAllocs()
		defer cpuPerOp(b)()
		for b.Loop() {
			if _, err := screening.ReadSnapshot(bytes.NewReader(data), s.List()); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// cpuPerOp reports, when the function it returns is called at the end of
// a benchmark, the CPU time of the process per operation ("cpu-ns/op"):
// on a machine shared with other work, it moves less than the time on the
// clock.
func cpuPerOp(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
		}
	}
}

// threadCPU returns the CPU time of the calling thread so far.
func threadCPU() time.Duration {
	const clockThreadCPUTime = 3 // CLOCK_THREAD_CPUTIME_ID
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}

// cpuTime returns the user and system CPU time of the process so far, in
// nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkScreenSeq screens the benchmark queries against the full 2022
// CSL as a stream (ScreenSeq), on one worker and on every CPU: next to
// BenchmarkScreen, what handing queries to workers and results back in
// order costs.
func BenchmarkScreenSeq(b *testing.B) {
	s := realScreener(b)
	for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.ReportAllocs()
			defer cpuPerOp(b)()
			queries := func(yield func(screening.Query) bool) {
				for i := 0; b.Loop(); i++ {
					if !yield(screening.Query{Name: benchQueries[i%len(benchQueries)]}) {
						return
					}
				}
			}
			for r := range s.ScreenSeq(context.Background(), queries, screening.WithWorkers(workers)) {
				if r.Err != nil {
					b.Fatal(r.Err)
				}
			}
		})
	}
}
