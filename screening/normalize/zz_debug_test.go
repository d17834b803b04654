package normalize

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZDebug(t *testing.T) {
	in := os.Getenv("NAMES")
	if in == "" {
		t.Skip()
	}
	for _, s := range strings.Split(in, "|") {
		n, err := Normalize(s)
		if err != nil {
			fmt.Printf("%q: %v\n", s, err)
			continue
		}
		var toks []string
		for _, tk := range n.Tokens {
			toks = append(toks, tk.Key+"/"+tk.Kind.String()[:3])
		}
		var lf []string
		for _, f := range n.LegalForms {
			lf = append(lf, string(f.Class)+"="+f.Text)
		}
		fmt.Printf("%-50q %-50s %v\n", s, strings.Join(toks, " "), lf)
	}
}
