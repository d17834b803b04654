package normalize

import (
	"fmt"
	"strings"
	"testing"
)

func TestZZProbe(t *testing.T) {
	atoms := []string{"A", "K", "B", "S", "Foo", "LLC", "Ltd", "As", "Trading", "a.k.a.", "The", ",", "(", ")", "AB", "SA", "1st", "Co", "D", "-"}
	if testing.Short() {
		t.Skip()
	}
	fails := 0
	var rec func(prefix []string, depth int)
	rec = func(prefix []string, depth int) {
		if depth == 0 {
			s := strings.Join(prefix, " ")
			n, err := Normalize(s)
			if err != nil {
				return
			}
			m, err := Normalize(n.Display)
			if err != nil || !sameTokens(n.Tokens, m.Tokens) {
				fails++
				if fails < 40 {
					fmt.Printf("%q -> %q (%s) -> %s %v\n", s, n.Display, n.Keys(), m.Keys(), err)
				}
			}
			return
		}
		for _, a := range atoms {
			rec(append(prefix, a), depth-1)
		}
	}
	for d := 1; d <= 4; d++ {
		rec(nil, d)
	}
	fmt.Println("fails", fails)
}
