package normalize

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestDebugDump(t *testing.T) {
	in := os.Getenv("NDBG")
	if in == "" {
		t.Skip()
	}
	for _, s := range strings.Split(in, "|") {
		vs, err := Variants(s)
		if err != nil {
			fmt.Printf("%q: ERR %v\n", s, err)
			continue
		}
		for i, n := range vs {
			fmt.Printf("%d %q -> display=%q forms=%v\n", i, n.Input, n.Display, n.LegalForms)
			for _, tk := range n.Tokens {
				fmt.Printf("     %-12s %-20s %s\n", tk.Kind, tk.Key, tk.Sound)
			}
		}
	}
}
