package normalize

import (
	"fmt"
	"os"
	"testing"
)

func TestZZDebug(t *testing.T) {
	for _, s := range []string{os.Getenv("ZZ")} {
		if s == "" {
			t.Skip()
		}
		for step := 0; step < 4; step++ {
			n, err := Normalize(s)
			fmt.Printf("%q -> disp=%q keys=%q lf=%v err=%v\n", s, n.Display, n.Keys(), n.LegalForms, err)
			for _, tk := range n.Tokens {
				fmt.Printf("   %+v\n", tk)
			}
			if err != nil {
				break
			}
			s = n.Display
		}
	}
}
