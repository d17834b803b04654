package screening_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/entityscreen/entityscreen/screening"
	"github.com/entityscreen/entityscreen/screening/normalize"
)

func fill(unit string, n int) string {
	s := strings.Repeat(unit, n/len(unit)+1)
	s = s[:n]
	return strings.TrimSpace(s)
}

func TestZZExplore(t *testing.T) {
	s := defaultScreener(t, screening.WithMinScore(0.0))
	for _, unit := range []string{"Kaspersky Lab Group ", "a b c d e f g ", "Kaspersky(Lab) a.k.a. ", "ab cd ef gh ij kl ", "Касперский 华为 ", "x", "a.k.a. (", "a-b-c-d.e.f/"} {
		for _, n := range []int{64, 128, 256, 512, 1024} {
			q := fill(unit, n)
			var m1, m2 runtime.MemStats
			runtime.ReadMemStats(&m1)
			st := time.Now()
			allocs := testing.AllocsPerRun(20, func() { s.Screen(screening.Query{Name: q}) })
			el := time.Since(st) / 21
			runtime.ReadMemStats(&m2)
			nallocs := testing.AllocsPerRun(20, func() { normalize.Variants(q) })
			fmt.Printf("%-25q %5d allocs=%8.0f bytes/op=%10d time=%v  normVariantsAllocs=%v\n", unit, n, allocs, (m2.TotalAlloc-m1.TotalAlloc)/21, el, nallocs)
		}
	}
}
