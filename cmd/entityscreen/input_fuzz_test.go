package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/entityscreen/entityscreen/entitylist"
)

// FuzzCSVSource checks a vendor file read as CSV with any column options:
// no panic; an error opening it names the file; an error of a row names
// its line; every row is accounted for, a record or a blank row skipped,
// in the order and on the lines of the input; a row without an error makes
// the query of its own fields; and on input without CR within the limits,
// the records are the rows csv.Reader reads, fields and all.
func FuzzCSVSource(f *testing.F) {
	for _, s := range []string{
		"name,country,kind,address,id,key\nAcme,DE,company,\"Main St 1, Berlin\",HRB 1,V1\n",
		"\ufeffName , Country\nAcme,Germany\n\n , \nKaspersky Lab,ru\n",
		"name,country\nAcme,XX\nshort\nAcme,DE,extra\n",
		"name,kind\nAcme,vessel\nBob,person\n",
		"name,country\n\"two\nlines\",DE\n\"bad\"x,DE\n",
		"name\r\nAcme\r\n\r\n\"a\rb\"\r\n",
		"name,Name\nAcme,Acme\n",
		"name\n\"abc",
		"",
		"name,id\nA\xffcme,\xfe\n",
	} {
		f.Add(s, "name", "country", "kind", "address", "id", "key")
		f.Add(s, " NAME ", "", "", "", "", "")
	}
	f.Add("a,b\nx,y\n", "b", "a", "", "", "", "")
	f.Add("a,b\nx,y\n", "name", " ", "", "", "", "")
	f.Add("name,key\nx, V1 \n", "name", "", "", "", "", "key")
	f.Fuzz(func(t *testing.T, in, name, country, kind, address, id, key string) {
		cols := columns{name: name, country: country, kind: kind, address: address, id: id, key: key}
		src, err := newCSVSource(strings.NewReader(in), "v.csv", cols)
		if err != nil {
			if msg := err.Error(); !strings.HasPrefix(msg, "v.csv: ") || !utf8.ValidString(msg) {
				t.Fatalf("opening error does not name the file, or invalid UTF-8: %q", msg)
			}
			return
		}
		head := src.header()
		var recs []record
		var readErr error
		for {
			rec, err := src.next()
			if err != nil {
				if !errors.Is(err, io.EOF) {
					readErr = err
				}
				break
			}
			recs = append(recs, rec)
		}
		if readErr != nil && !strings.Contains(readErr.Error(), "line ") {
			t.Fatalf("read error names no line: %v", readErr)
		}
		last := 0
		for i, rec := range recs {
			if rec.line <= last {
				t.Fatalf("record %d on line %d, after line %d", i+1, rec.line, last)
			}
			last = rec.line
			prefix := fmt.Sprintf("line %d", rec.line)
			for _, e := range []error{rec.err, rec.warn} {
				if e != nil && (!strings.HasPrefix(e.Error(), prefix) || !utf8.ValidString(e.Error())) {
					t.Fatalf("record %d: error %q does not start with %q", i+1, e, prefix)
				}
			}
			if rec.err != nil {
				continue
			}
			if len(rec.fields) != len(head) {
				t.Fatalf("record %d: %d fields, header %d, no error", i+1, len(rec.fields), len(head))
			}
			want := func(col string) string {
				if col == "" {
					return ""
				}
				return rec.fields[column(head, col)]
			}
			q := rec.query
			// The key is read without the spaces around it (see csvSource.next).
			if q.Name != want(name) || q.Address != want(address) || q.ID != want(id) || rec.key != strings.TrimSpace(want(key)) {
				t.Fatalf("record %d: query %+v key %q of fields %q", i+1, q, rec.key, rec.fields)
			}
			if q.Kind != entitylist.TypeUnknown && q.Kind != entitylist.TypeEntity && q.Kind != entitylist.TypeIndividual {
				t.Fatalf("record %d: kind %v", i+1, q.Kind)
			}
			if (rec.warn == nil) != (q.Country != "" || strings.TrimSpace(want(country)) == "") {
				t.Fatalf("record %d: country %q of field %q, warning %v", i+1, q.Country, want(country), rec.warn)
			}
		}
		if readErr != nil || strings.ContainsRune(in, '\r') || len(in) > maxLine {
			return
		}
		r := csv.NewReader(strings.NewReader(strings.TrimPrefix(in, "\ufeff")))
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("csv.Reader fails (%v), the source does not", err)
		}
		if len(rows) == 0 || len(recs)+src.blank != len(rows)-1 {
			t.Fatalf("%d records and %d blank rows of %d rows after the header", len(recs), src.blank, len(rows)-1)
		}
		k := 0
		for _, row := range rows[1:] {
			if blank(row) {
				continue
			}
			if k >= len(recs) || !equalFields(recs[k].fields, row) {
				t.Fatalf("row %q, record %d: %+v", row, k+1, recs)
			}
			k++
		}
	})
}

func equalFields(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// FuzzLineSource checks names read one a line: no panic; every line is
// accounted for, a record or a blank line skipped, on its own line number;
// a record's name is its line, without the line end (nor, first, a BOM),
// or, when longer than the limit, an error naming the line.
func FuzzLineSource(f *testing.F) {
	for _, s := range []string{"Acme\nKaspersky Lab\n", "\ufeffAcme\r\n\r\n  \rBob", "a\r\rb\n\nc", "", "\n", "\r\n\n", "\xff\xfe\n",
		strings.Repeat("x", maxLine+3) + "\ny"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var lines []string
		rest := in
		for rest != "" {
			i := strings.IndexAny(rest, "\r\n")
			if i < 0 {
				lines = append(lines, rest)
				break
			}
			lines = append(lines, rest[:i])
			if strings.HasPrefix(rest[i:], "\r\n") {
				i++
			}
			rest = rest[i+1:]
		}
		if len(lines) > 0 {
			lines[0] = strings.TrimPrefix(lines[0], "\ufeff")
		}
		src := newLineSource(strings.NewReader(in), "DE")
		n := 0
		for {
			rec, err := src.next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("reading a string: %v", err)
			}
			n++
			if rec.line < 1 || rec.line > len(lines) {
				t.Fatalf("record on line %d of %d", rec.line, len(lines))
			}
			line := lines[rec.line-1]
			if rec.err != nil {
				if len(line) <= maxLine || !strings.HasPrefix(rec.err.Error(), fmt.Sprintf("line %d ", rec.line)) {
					t.Fatalf("line %d (%d bytes): %v", rec.line, len(line), rec.err)
				}
				continue
			}
			if rec.query.Name != line || rec.query.Country != "DE" || strings.TrimSpace(line) == "" {
				t.Fatalf("line %d %q: query %+v", rec.line, line, rec.query)
			}
		}
		if n+src.skipped() != len(lines) {
			t.Fatalf("%d records and %d blank lines of %d lines", n, src.skipped(), len(lines))
		}
	})
}
