package entitylist_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/entityscreen/entityscreen/entitylist"
)

// checkLoad is the invariant of every loader: an error (a *LoadError for
// problems with the content) or a non-empty list whose version matches it,
// with names and aliases in valid UTF-8, whatever the input: invalid UTF-8
// is an error, never a name that cannot match.
func checkLoad(t *testing.T, l *entitylist.List, err error) {
	t.Helper()
	if err != nil {
		if l != nil {
			t.Fatalf("list and error both returned: %v", err)
		}
		var le *entitylist.LoadError
		if !errors.As(err, &le) {
			t.Fatalf("content error is not a *LoadError: %T %v", err, err)
		}
		if le.Total < len(le.Errs) || len(le.Errs) == 0 {
			t.Fatalf("bad LoadError counts: %d listed, %d total", len(le.Errs), le.Total)
		}
		_ = err.Error()
		return
	}
	if l == nil || l.Len() == 0 {
		t.Fatal("no error and no entries")
	}
	v := l.Version()
	sum := 0
	for _, c := range v.BySource {
		sum += c
	}
	if v.Entries != l.Len() || sum != l.Len() || len(v.SHA256) != 64 {
		t.Fatalf("version does not match the list: %+v, len %d", v, l.Len())
	}
	for _, e := range l.All() {
		if e.Name == "" || e.Source == "" {
			t.Fatalf("entry without name or source: %+v", e)
		}
		for _, a := range e.AltNames {
			if a == "" || !utf8.ValidString(a) {
				t.Fatalf("empty or invalid alternate name %q in %+v", a, e)
			}
		}
		if !utf8.ValidString(e.Name) {
			t.Fatalf("invalid UTF-8 in name %q", e.Name)
		}
	}
	_ = v.String()
}

func addFixtureSeeds(f *testing.F, names ...string) {
	for _, n := range names {
		if data, err := os.ReadFile(fixture(n)); err == nil {
			f.Add(data)
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	addFixtureSeeds(f, "official.csv", "bom_crlf.csv", "bad_rows.csv", "extra_columns.csv", "missing_columns.csv")
	f.Add([]byte(shortCSL("_id,source,name", "x,EL,\"N\"\"\"")))
	f.Add([]byte(shortCSL("_id,source,name,addresses,ids,federal_register_notice", "x,EL,N,\"a, b; and c, CN\",\"CA, 1, Passport\",\"1 FR 2 3 F.R. 4\"")))
	f.Add([]byte(shortCSL("_id,source,name,alt_names", "x,EL,Caf\xe9,A")))
	f.Add([]byte(shortCSL("_id,source,name,addresses", "x,EL,N,\"1 Road, Yerevan, Armenia, AM; Hefei, China 230031, CN; 1855 Luxembourg, LU\"")))
	f.Add([]byte(shortCSL("_id,source,name", "x,EL,N") + "y,EL,\"M\"x\""))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := entitylist.ReadCSV(strings.NewReader(string(data)), "fuzz")
		checkLoad(t, l, err)
	})
}

func FuzzReadJSON(f *testing.F) {
	addFixtureSeeds(f, "official.json", "not_csl.json")
	f.Add([]byte(`{"results":[{"source":"EL","name":"N","addresses":[{"country":"cn"}],"ids":["a, b, CN"]}]}`))
	f.Add([]byte(`{"results":[{"source":"EL","name":"N","alt_names":"x, a.k.a., y"}],"results":[]}`))
	f.Add([]byte("{\"results\":[{\"source\":\"EL\",\"name\":\"Caf\xe9\",\"name\":\"x\",\"ids\":[{\"type\":\"a\",\"type\":\"b\"}]}]}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := entitylist.ReadJSON(strings.NewReader(string(data)), "fuzz")
		checkLoad(t, l, err)
	})
}

func FuzzReadInHouse(f *testing.F) {
	addFixtureSeeds(f, "inhouse.csv", "inhouse_bad.csv")
	f.Add([]byte("name;aliases\nx;y\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := entitylist.ReadInHouse(strings.NewReader(string(data)), "fuzz")
		checkLoad(t, l, err)
		// Read, whatever format it detects, keeps the same invariant.
		l2, err2 := entitylist.Read(strings.NewReader(string(data)), "fuzz")
		checkLoad(t, l2, err2)
	})
}
