package entitylist_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/entityscreen/entityscreen/entitylist"
)

// checkLoad is the invariant of every loader, whatever the input: an
// error (a *LoadError for problems with the content, each naming its line
// or field, but for an empty input, in valid UTF-8), or a non-empty list
// whose version matches it, with names, aliases and warnings in valid
// UTF-8: invalid UTF-8 is an error, never a name that cannot match.
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
		for _, pe := range le.Errs {
			if pe.Err == nil || pe.Line < 0 || pe.Line == 0 && pe.Field == "" && !errors.Is(pe, entitylist.ErrEmpty) {
				t.Fatalf("a problem without a cause, or naming no line or field: %+v", pe)
			}
		}
		if !utf8.ValidString(err.Error()) {
			t.Fatalf("error not in valid UTF-8: %q", err)
		}
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
	for _, w := range l.Warnings() {
		if !utf8.ValidString(w.String()) {
			t.Fatalf("warning not in valid UTF-8: %q", w.String())
		}
	}
	_ = v.String()
}

// checkRows checks that a CSV list l read from data, if any, holds one
// entry for each record after the header, as encoding/csv reads them: a
// loader that succeeds has left no row out.
func checkRows(t *testing.T, data []byte, l *entitylist.List) {
	t.Helper()
	if l == nil {
		return
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("the list loads, encoding/csv fails: %v", err)
	}
	if l.Len() != len(rows)-1 {
		t.Fatalf("%d entries of %d rows after the header", l.Len(), len(rows)-1)
	}
}

func addFixtureSeeds(f *testing.F, names ...string) {
	for _, n := range names {
		if data, err := os.ReadFile(fixture(n)); err == nil {
			f.Add(data)
		}
	}
}

// FuzzReadCSV checks ReadCSV: the invariant of every loader (checkLoad),
// and one entry a row (checkRows).
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
		checkRows(t, data, l)
	})
}

// FuzzReadJSON checks ReadJSON with checkLoad, and one entry a result.
func FuzzReadJSON(f *testing.F) {
	addFixtureSeeds(f, "official.json", "not_csl.json")
	f.Add([]byte(`{"results":[{"source":"EL","name":"N","addresses":[{"country":"cn"}],"ids":["a, b, CN"]}]}`))
	f.Add([]byte(`{"results":[{"source":"EL","name":"N","alt_names":"x, a.k.a., y"}],"results":[]}`))
	f.Add([]byte("{\"results\":[{\"source\":\"EL\",\"name\":\"Caf\xe9\",\"name\":\"x\",\"ids\":[{\"type\":\"a\",\"type\":\"b\"}]}]}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := entitylist.ReadJSON(strings.NewReader(string(data)), "fuzz")
		checkLoad(t, l, err)
		if l == nil {
			return
		}
		// One entry a result: ReadJSON refuses a repeated "results", so
		// encoding/json, which keeps the last, reads the same array.
		// (A map, whose keys match exactly, not a struct's.)
		var doc map[string]json.RawMessage
		var results []json.RawMessage
		err = json.Unmarshal(data, &doc)
		if err == nil {
			err = json.Unmarshal(doc["results"], &results)
		}
		if err != nil || len(results) != l.Len() {
			t.Fatalf("%d entries; encoding/json reads %d results, %v", l.Len(), len(results), err)
		}
	})
}

// FuzzReadInHouse checks ReadInHouse as FuzzReadCSV checks ReadCSV, and
// Read of the same bytes, whatever format it detects, with checkLoad.
func FuzzReadInHouse(f *testing.F) {
	addFixtureSeeds(f, "inhouse.csv", "inhouse_bad.csv")
	f.Add([]byte("name;aliases\nx;y\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := entitylist.ReadInHouse(strings.NewReader(string(data)), "fuzz")
		checkLoad(t, l, err)
		checkRows(t, data, l)
		// Read, whatever format it detects, keeps the same invariant.
		l2, err2 := entitylist.Read(strings.NewReader(string(data)), "fuzz")
		checkLoad(t, l2, err2)
	})
}
