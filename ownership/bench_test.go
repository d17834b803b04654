package ownership_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/ownership"
	"github.com/entityscreen/entityscreen/screening"
)

// counter counts the bytes that pass through it.
type counter struct {
	r io.Reader
	n int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// generate writes an ownership CSV of edges rows among parties parties to w,
// as a stream: a pseudo-random graph, mostly owners of lower index than what
// they own (holding chains), with some edges back (cycles), one party in 500
// on the Entity List by its list id, exact percentages, bands and unknown
// shares, and three countries.
func generate(w io.Writer, edges, parties int, listID string) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	countries := [...]string{"DE", "US", "CN"}
	bw.WriteString("owner,owner_list_id,owned,owned_country,percent\n")
	var line []byte
	for i := range edges {
		owned := 1 + rng.IntN(parties-1)
		owner := rng.IntN(owned)
		if i%50 == 0 { // an edge back: cycles
			owner = owned + rng.IntN(parties-owned)
		}
		line = line[:0]
		line = append(line, "Vendor "...)
		line = strconv.AppendInt(line, int64(owner), 10)
		line = append(line, " Trading Ltd,"...)
		if owner%500 == 0 {
			line = append(line, listID...)
		}
		line = append(line, ",Vendor "...)
		line = strconv.AppendInt(line, int64(owned), 10)
		line = append(line, " Trading Ltd,"...)
		line = append(line, countries[owned%3]...)
		line = append(line, ',')
		switch k := rng.IntN(20); {
		case k == 0:
			line = append(line, "25-50"...)
		case k == 1:
			// unknown
		default:
			line = strconv.AppendInt(line, int64(1+rng.IntN(100)), 10)
		}
		line = append(line, '\n')
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// BenchmarkResolve loads a generated graph of a million edges from a CSV
// stream (an io.Pipe: the file never exists whole), ties its parties to the
// embedded list (by list id, else by screening every name) and evaluates both
// rules. It reports the time of each step, the size of the stream and the
// heap in use at the end, with the graph, the resolution and the report
// alive.
func BenchmarkResolve(b *testing.B) {
	list := entitylist.Default()
	s, err := screening.New(list)
	if err != nil {
		b.Fatal(err)
	}
	var listID string
	for _, e := range list.All() {
		if e.Name == "Kaspersky Labs Limited" {
			listID = "EL:" + e.ID
		}
	}
	for _, size := range []struct{ edges, parties int }{{1_000_000, 200_000}} {
		b.Run(fmt.Sprintf("edges=%d", size.edges), func(b *testing.B) {
			b.ReportAllocs()
			var load, resolve, eval time.Duration
			var csvBytes int64
			var sum ownership.Summary
			for b.Loop() {
				pr, pw := io.Pipe()
				go func() { pw.CloseWithError(generate(pw, size.edges, size.parties, listID)) }()
				c := &counter{r: pr}
				t0 := time.Now()
				g := ownership.NewGraph()
				if err := g.ReadCSV(c, "generated.csv"); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				res, err := ownership.Resolve(context.Background(), g, s, ownership.ResolveOptions{})
				if err != nil {
					b.Fatal(err)
				}
				t2 := time.Now()
				rep, err := res.Evaluate(ownership.Options{AsOf: time.Date(2025, 10, 15, 0, 0, 0, 0, time.UTC)})
				if err != nil {
					b.Fatal(err)
				}
				sum = rep.Summary()
				t3 := time.Now()
				load, resolve, eval = load+t1.Sub(t0), resolve+t2.Sub(t1), eval+t3.Sub(t2)
				csvBytes = c.n
				if g.NumEdges() != size.edges {
					b.Fatalf("%d edges read", g.NumEdges())
				}
				b.StopTimer()
				var ms runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&ms)
				b.ReportMetric(float64(ms.HeapInuse)/1e6, "heap-MB")
				runtime.KeepAlive(rep)
				b.StartTimer()
			}
			n := float64(b.N)
			b.ReportMetric(load.Seconds()/n, "load-s")
			b.ReportMetric(resolve.Seconds()/n, "resolve-s")
			b.ReportMetric(eval.Seconds()/n, "evaluate-s")
			b.ReportMetric(float64(csvBytes)/1e6, "csv-MB")
			b.ReportMetric(float64(sum.Owned), "owned")
			b.ReportMetric(float64(sum.Possibly), "possibly")
			b.ReportMetric(float64(sum.Cycles), "cycles")
		})
	}
}
