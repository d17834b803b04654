package ownership_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

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

// FuzzReaders: no input makes a reader panic; an error is a LoadError
// listing its problems, each with its line and cause; notes and errors
// are valid UTF-8; every party a reader
// adds has an ID, and its names are valid UTF-8; every edge is valid and
// between parties of the graph.
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
			if err != nil {
				if !g.Incomplete() {
					t.Fatalf("an error (%v) leaves the graph complete", err)
				}
				var le *ownership.LoadError
				if !errors.As(err, &le) || len(le.Errs) == 0 || le.Total < len(le.Errs) || !utf8.ValidString(err.Error()) {
					t.Fatalf("error %T %q: not a LoadError listing its problems in valid UTF-8", err, err)
				}
				for _, pe := range le.Errs {
					if pe.Line < 0 || pe.Err == nil {
						t.Fatalf("problem without a line or a cause: %+v", pe)
					}
				}
			}
			notes, _ := g.Notes()
			for _, n := range notes {
				if !utf8.ValidString(n.String()) {
					t.Fatalf("note not in valid UTF-8: %q", n.String())
				}
			}
			for p := range g.Parties() {
				ok := p.ID != "" && utf8.ValidString(p.ID) && utf8.ValidString(p.Name) && utf8.ValidString(p.Country)
				for _, a := range p.AltNames {
					ok = ok && utf8.ValidString(a)
				}
				if !ok {
					t.Fatalf("party without an ID, or not in valid UTF-8: %+v", p)
				}
			}
			for e := range g.Edges() {
				if !e.Share.Valid() || e.Owner == "" || e.Owned == "" {
					t.Fatalf("invalid edge %+v", e)
				}
				_, owner := g.Party(e.Owner)
				_, owned := g.Party(e.Owned)
				if !owner || !owned || !utf8.ValidString(e.Note) {
					t.Fatalf("edge %+v between parties the graph does not hold, or its note not in valid UTF-8", e)
				}
			}
		}
	})
}
