package service

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"unicode/utf8"
)

// FuzzBatchItems: the splitting of a batch never panics; it fails with a
// 400 or 413, or returns between one query and its limit, each the text of
// the body at the byte it names, one a non-blank line of JSON Lines or one
// an element of the array as encoding/json reads it. (Package strictjson's fuzz test
// checks the strict decoding of each query.)
func FuzzBatchItems(f *testing.F) {
	for _, s := range []string{
		`{"name": "AO Kaspersky Lab", "country": "RU"}`,
		`{"name": "x", "NAME": "y"}`,
		`{"n\u0061me": "x", "sources": ["EL", "SDN"], "types": ["entity"], "threshold": 0.8, "limit": 3}`,
		`{"name": "\ud83d\ude00 \ud800"}`,
		`{"name": "a \"b\" \\", "id": "x"}`,
		`[{"name": "a"}, {"name": "b"}]`,
		"{\"name\": \"a\"}\n\n{\"name\": \"b\"}\r\n",
		`{"a": {"b": 1, "B": 2}, "c": [{"d": 1}, {"d": 2}]}`,
		"{\"name\": \"\xff\"}",
		` {} `, `[]`, `null`, `"x"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, lines := range []bool{false, true} {
			items, err := batchItems(b, lines, 3)
			if err != nil {
				var re *requestError
				if !errors.As(err, &re) || (re.status != http.StatusBadRequest && re.status != http.StatusRequestEntityTooLarge) ||
					!utf8.ValidString(err.Error()) {
					t.Fatalf("batchItems(lines=%v): error %T %q is no 400 or 413 in valid UTF-8", lines, err, err)
				}
			} else if len(items) == 0 || len(items) > 3 {
				t.Fatalf("batchItems(lines=%v) gave %d queries", lines, len(items))
			}
			// Each query is the text of the body at the byte it names, in
			// the order of the body.
			last := -1
			for i, it := range items {
				if it.at <= last || it.at+len(it.text) > len(b) || !bytes.Equal(b[it.at:it.at+len(it.text)], it.text) {
					t.Fatalf("batchItems(lines=%v): query %d %q is not the body's text at byte %d", lines, i, it.text, it.at)
				}
				last = it.at
			}
			// Every query is accounted for: one a non-blank line, or one
			// an element of the array, as encoding/json reads it.
			want, ok := 0, true
			if lines {
				for line := range bytes.Lines(b) {
					if len(bytes.TrimSpace(line)) > 0 {
						want++
					}
				}
			} else {
				var elems []json.RawMessage
				ok = utf8.Valid(b) && json.Unmarshal(b, &elems) == nil && elems != nil
				want = len(elems)
			}
			if ok && want >= 1 && want <= 3 && (err != nil || len(items) != want) {
				t.Fatalf("batchItems(lines=%v) gave %d queries, %v; want %d", lines, len(items), err, want)
			}
			if err == nil && !ok {
				t.Fatalf("batchItems(lines=%v) accepted a body encoding/json refuses: %q", lines, b)
			}
		}
	})
}
