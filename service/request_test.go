package service

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// repeatedKeyTokens is repeatedKey written with encoding/json's tokens:
// slower, and plainly right, the oracle of FuzzDecodeRequest.
func repeatedKeyTokens(b []byte) error {
	type frame struct {
		object  bool
		keys    []string
		wantKey bool
	}
	var stack []*frame
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber() // a number beyond float64's range is still valid JSON
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if key, ok := tok.(string); ok && top != nil && top.wantKey {
			for _, k := range top.keys {
				if strings.EqualFold(k, key) {
					return errors.New("repeated")
				}
			}
			top.keys, top.wantKey = append(top.keys, key), false
			continue
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			stack = append(stack, &frame{object: tok == json.Delim('{'), wantKey: tok == json.Delim('{')})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				continue
			}
			top = stack[len(stack)-1]
		}
		if top != nil && top.object {
			top.wantKey = true
		}
	}
}

// FuzzDecodeRequest: the strict decoding of a body never panics, and what
// it accepts is one valid UTF-8 JSON object with every key once, in any
// case, at any depth (as the token-by-token check finds); the splitting of
// a batch never panics and never returns more queries than its limit.
func FuzzDecodeRequest(f *testing.F) {
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
			if items, err := batchItems(b, lines, 3); err == nil && (len(items) == 0 || len(items) > 3) {
				t.Fatalf("batchItems(lines=%v) gave %d queries", lines, len(items))
			}
		}
		if json.Valid(b) {
			if got, want := repeatedKey(b) != nil, repeatedKeyTokens(b) != nil; got != want {
				t.Fatalf("repeatedKey says %v, the tokens %v, for %q", got, want, b)
			}
		}
		var req screenRequest
		if decodeObject(b, &req) != nil {
			return
		}
		if !utf8.Valid(b) || !json.Valid(b) || repeatedKeyTokens(b) != nil {
			t.Fatalf("accepted a body that is not valid UTF-8 JSON with every key once: %q", b)
		}
		if loneSurrogate(b) >= 0 {
			t.Fatalf("accepted a lone surrogate: %q", b)
		}
	})
}
