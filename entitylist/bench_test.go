package entitylist_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/entityscreen/entityscreen/entitylist"
)

// BenchmarkReadCSV loads the full real 2022 CSL (14,160 rows) from memory.
func BenchmarkReadCSV(b *testing.B) {
	needFile(b, realCSL2022)
	data, err := os.ReadFile(realCSL2022)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		l, err := entitylist.ReadCSV(bytes.NewReader(data), "bench")
		if err != nil || l.Len() != 14160 {
			b.Fatalf("got %v", err)
		}
	}
}

// BenchmarkReadFixtures loads the small fixtures, one sub-benchmark per format.
func BenchmarkReadFixtures(b *testing.B) {
	for _, name := range []string{"official.csv", "official.json", "inhouse.csv"} {
		data, err := os.ReadFile(fixture(name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := entitylist.Read(bytes.NewReader(data), name); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCacheLoad loads the full real 2022 CSL from a Cache: from the
// image of the parsed list kept beside the file, and parsing the file
// when there is none (which writes the image).
func BenchmarkCacheLoad(b *testing.B) {
	needFile(b, realCSL2022)
	data, err := os.ReadFile(realCSL2022)
	if err != nil {
		b.Fatal(err)
	}
	c := &entitylist.Cache{Dir: b.TempDir()}
	if err := os.WriteFile(c.Path(), data, 0o644); err != nil {
		b.Fatal(err)
	}
	image := strings.TrimSuffix(c.Path(), ".csv") + ".image"
	for _, from := range []string{"image", "parsing"} {
		b.Run(from, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if from == "parsing" {
					b.StopTimer()
					os.Remove(image)
					b.StartTimer()
				}
				l, err := c.Load()
				if err != nil || l.Len() != 14160 {
					b.Fatalf("got %v", err)
				}
			}
		})
	}
}
