package service

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// sharedCSL is the full 2022 Consolidated Screening List, outside the
// project: the tests and benchmarks that need it skip when it is absent.
const sharedCSL = "../../shared/data/csl-consolidated-2022-05-16.csv"

// loadQueries are vendor-style queries (exact, misspelled, reordered,
// transliterated and unrelated names), those of the screening package's
// benchmark, so that the figures compare.
var loadQueries = []string{
	"Kaspersky Lab JSC", "KASPERSKY LABS LTD.", "ООО Касперский Груп", "Kasper Holdings Inc",
	"Huawey Technologies Co Ltd", "Rosoboronexport", "Almaz Antey Air Defense Concern",
	"Beijing Institute of Technology", "Acme Trading Company Limited", "Apple Inc",
	"Sberbank of Russia", "Mahan Air", "Islamic Revolutionary Guard Corps", "Rostec",
}

// cleanQueries are names of companies no list holds (the fictional
// companies of software documentation): most of a supplier master, whose
// answers carry no match.
var cleanQueries = []string{
	"Contoso Paper Supplies", "Fabrikam Industrial Fasteners", "Northwind Traders", "Tailspin Toys GmbH",
	"Wingtip Office Furniture", "Adventure Works Cycles", "Litware Software Ltd", "Proseware Logistics",
	"Woodgrove Bank", "Alpine Ski House", "Coho Winery", "Fourth Coffee", "Lucerne Publishing", "Blue Yonder Airlines",
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// batchSize is the number of queries of a batch in BenchmarkServe.
const batchSize = 100

// fullServer is a Server on the full CSL, built once, logging every
// request as in production (to nowhere).
var fullServer = sync.OnceValues(func() (*Server, error) {
	s, err := New(Config{Load: loadFile(sharedCSL), Logger: slog.New(slog.NewJSONHandler(io.Discard, nil))})
	if err != nil {
		return nil, err
	}
	return s, s.Reload(context.Background())
})

// BenchmarkServe is a load test on loopback: clients that each send one
// request at a time, as fast as they are answered, screening one name a
// request (single) or batchSize names (batch), against the full CSL, with
// vendor-style names (many of them match, with large answers) or clean
// names (none matches, as most of a supplier master). It reports the
// throughput (req/s, and names/s), the p50 and p99 latency of a request,
// and the CPU time spent per request. The clients run in this process, on
// the same cores as the server: the figures are what one machine does for
// both.
func BenchmarkServe(b *testing.B) {
	if _, err := os.Stat(sharedCSL); err != nil {
		b.Skip("shared CSL snapshot not present")
	}
	s, err := fullServer()
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	type load struct {
		name   string
		path   string
		bodies []string
		names  int
	}
	var loads []load
	for _, mix := range []struct {
		name    string
		queries []string
	}{{"vendor", loadQueries}, {"clean", cleanQueries}} {
		single := make([]string, len(mix.queries))
		for i, q := range mix.queries {
			single[i] = `{"name": "` + q + `"}`
		}
		batch := make([]string, len(single))
		for i := range batch {
			var qs []string
			for j := range batchSize {
				qs = append(qs, single[(i+j)%len(single)])
			}
			batch[i] = "[" + strings.Join(qs, ",") + "]"
		}
		loads = append(loads, load{mix.name + "/single", "/v1/screen", single, 1}, load{mix.name + "/batch", "/v1/screen/batch", batch, batchSize})
	}
	for _, kind := range loads {
		for _, clients := range []int{1, 16, 64} {
			b.Run(fmt.Sprintf("%s/clients=%d", kind.name, clients), func(b *testing.B) {
				tr := &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients}
				defer tr.CloseIdleConnections()
				client := &http.Client{Transport: tr, Timeout: time.Minute}
				lat := make([][]time.Duration, clients)
				var next atomic.Int64
				var failed atomic.Value
				b.ResetTimer()
				cpu0 := cpuTime()
				start := time.Now()
				var wg sync.WaitGroup
				for c := range clients {
					wg.Go(func() {
						for {
							i := int(next.Add(1) - 1)
							if i >= b.N {
								return
							}
							t0 := time.Now()
							resp, err := client.Post(ts.URL+kind.path, "application/json", strings.NewReader(kind.bodies[i%len(kind.bodies)]))
							if err == nil {
								_, err = io.Copy(io.Discard, resp.Body)
								resp.Body.Close()
								if err == nil && resp.StatusCode != http.StatusOK {
									err = fmt.Errorf("status %d", resp.StatusCode)
								}
							}
							if err != nil {
								failed.CompareAndSwap(nil, err)
								return
							}
							lat[c] = append(lat[c], time.Since(t0))
						}
					})
				}
				wg.Wait()
				elapsed := time.Since(start)
				cpu := cpuTime() - cpu0
				b.StopTimer()
				if err, _ := failed.Load().(error); err != nil {
					b.Fatal(err)
				}
				all := slices.Concat(lat...)
				slices.Sort(all)
				pct := func(p float64) float64 {
					return float64(all[min(len(all)-1, int(p*float64(len(all))))]) / float64(time.Millisecond)
				}
				b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
				b.ReportMetric(float64(b.N*kind.names)/elapsed.Seconds(), "names/s")
				b.ReportMetric(pct(0.50), "p50-ms")
				b.ReportMetric(pct(0.99), "p99-ms")
				// The CPU time the process spent per request, server and
				// clients: on a busy machine the throughput measures the
				// share of the cores the process got; this, the work.
				b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/req")
			})
		}
	}
}

// discardWriter is an http.ResponseWriter that keeps the headers and
// drops the body.
type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *discardWriter) WriteHeader(int)             {}

// BenchmarkServeHTTP is the Server's own work for one request to
// /v1/screen, without the network: routing, decoding, screening, encoding,
// counting and logging (to nowhere, as in BenchmarkServe), for a
// vendor-style name that matches and a clean one.
func BenchmarkServeHTTP(b *testing.B) {
	if _, err := os.Stat(sharedCSL); err != nil {
		b.Skip("shared CSL snapshot not present")
	}
	s, err := fullServer()
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range []struct{ name, body string }{
		{"vendor", `{"name": "Rosoboronexport JSC", "country": "RU"}`},
		{"clean", `{"name": "Fabrikam Industrial Fasteners", "country": "US"}`},
	} {
		b.Run(q.name, func(b *testing.B) {
			b.ReportAllocs()
			w := &discardWriter{h: http.Header{}}
			body := strings.NewReader(q.body)
			for b.Loop() {
				body.Reset(q.body)
				r := httptest.NewRequest(http.MethodPost, "/v1/screen", body)
				r.Header.Set("Content-Type", "application/json")
				clear(w.h)
				s.ServeHTTP(w, r)
			}
		})
	}
}
