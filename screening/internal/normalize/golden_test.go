package normalize

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var goldenDir = filepath.Join("..", "..", "..", "testdata", "normalize")

// TestGolden normalizes every name of testdata/normalize/names.txt (a
// line "person: NAME" as a person's name, see PersonVariants) and
// compares the variants, tokens, legal forms and displays with
// names.golden. Regenerate with: go test ./screening/internal/normalize -run Golden -update
func TestGolden(t *testing.T) {
	f, err := os.Open(filepath.Join(goldenDir, "names.txt"))
	require.NoError(t, err)
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	names := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		names++
		fmt.Fprintf(&b, "%q\n", line)
		variants := Variants
		if p, ok := strings.CutPrefix(line, "person: "); ok {
			line, variants = p, PersonVariants
		}
		vs, err := variants(line)
		if err != nil {
			fmt.Fprintf(&b, "  error: %v\n", err)
			continue
		}
		for i, v := range vs {
			if i > 0 {
				fmt.Fprintf(&b, "  variant %q\n", v.Input)
			}
			fmt.Fprintf(&b, "  display %q\n", v.Display)
			for _, lf := range v.LegalForms {
				fmt.Fprintf(&b, "  form    %s %q\n", lf.Class, lf.Text)
			}
			var toks []string
			for _, tk := range v.Tokens {
				s := tk.Key + "/" + tk.Kind.String()
				if tk.Sound != "" && tk.Sound != tk.Key {
					s += "~" + tk.Sound
				}
				toks = append(toks, s)
			}
			fmt.Fprintf(&b, "  tokens  %s\n", strings.Join(toks, " "))
		}
	}
	require.NoError(t, sc.Err())
	require.Greater(t, names, 250)
	golden := filepath.Join(goldenDir, "names.golden")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(b.String()), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run with -update to create it")
	assert.Equal(t, string(want), b.String())
}
