package ownership_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/entityscreen/entityscreen/ownership"
)

// FuzzParseShare: a share read is valid, and reading its rendering gives it
// back.
func FuzzParseShare(f *testing.F) {
	for _, s := range []string{"60", "25-50", ">25", "", "unknown", "49,99", "1e2", "100.0001", "–", "25 to"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sh, err := ownership.ParseShare(s)
		if err != nil {
			return
		}
		if !sh.Valid() {
			t.Fatalf("ParseShare(%q) = %v, not valid", s, sh)
		}
		back, err := ownership.ParseShare(strings.TrimSuffix(strings.TrimPrefix(sh.String(), "unknown (0-100%)"), "%"))
		if err != nil || back.String() != sh.String() {
			t.Fatalf("ParseShare(%q) = %v; reading %q gives %v, %v", s, sh, sh.String(), back, err)
		}
	})
}

func seed(f *testing.F, path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
}

// FuzzReaders: no input makes a reader panic, and every edge a reader adds
// is valid.
func FuzzReaders(f *testing.F) {
	for _, p := range []string{
		fixture("csv", "valid.csv"), fixture("csv", "malformed.csv"), fixture("kaspersky.csv"),
		fixture("gleif", "relationships.csv"), fixture("psc", "snapshot.jsonl"), fixture("psc", "bad.jsonl"),
		fixture("ftm", "entities.jsonl"), fixture("ftm", "bad.jsonl"),
	} {
		seed(f, p)
	}
	f.Add([]byte("[\n{\"data\": {\"kind\": \"x\"}},\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, read := range []func(*ownership.Graph) error{
			func(g *ownership.Graph) error { return g.ReadCSV(bytes.NewReader(in), "f") },
			func(g *ownership.Graph) error { return g.ReadGLEIF(bytes.NewReader(in), "f") },
			func(g *ownership.Graph) error { return g.ReadPSC(bytes.NewReader(in), "f") },
			func(g *ownership.Graph) error { return g.ReadFtM(bytes.NewReader(in), "f") },
		} {
			g := ownership.NewGraph()
			err := read(g)
			if err != nil && !g.Incomplete() {
				t.Fatalf("an error (%v) leaves the graph complete", err)
			}
			for e := range g.Edges() {
				if !e.Share.Valid() || e.Owner == "" || e.Owned == "" {
					t.Fatalf("invalid edge %+v", e)
				}
			}
		}
	})
}
