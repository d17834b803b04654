package strictjson

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
// slower, and plainly right, the oracle of FuzzDecodeObject.
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

// request is an object of the shape the service decodes: strings, a
// list, a number.
type request struct {
	Name      string   `json:"name"`
	Country   string   `json:"country"`
	ID        string   `json:"id"`
	Sources   []string `json:"sources"`
	Threshold *float64 `json:"threshold"`
	Limit     int      `json:"limit"`
}

// FuzzDecodeObject: the strict decoding of a body never panics, and what
// it accepts is one valid UTF-8 JSON object with every key once, in any
// case, at any depth (as the token-by-token check finds), and no escaped
// lone surrogate.
func FuzzDecodeObject(f *testing.F) {
	for _, s := range []string{
		`{"name": "AO Kaspersky Lab", "country": "RU"}`,
		`{"name": "x", "NAME": "y"}`,
		`{"n\u0061me": "x", "sources": ["EL", "SDN"], "threshold": 0.8, "limit": 3}`,
		`{"name": "\ud83d\ude00 \ud800"}`,
		`{"name": "a \"b\" \\", "id": "x"}`,
		`{"name": "a"} {"name": "b"}`,
		`{"a": {"b": 1, "B": 2}, "c": [{"d": 1}, {"d": 2}]}`,
		"{\"name\": \"\xff\"}",
		` {} `, `[]`, `null`, `"x"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if json.Valid(b) {
			if got, want := repeatedKey(b) != nil, repeatedKeyTokens(b) != nil; got != want {
				t.Fatalf("repeatedKey says %v, the tokens %v, for %q", got, want, b)
			}
		}
		var req request
		if DecodeObject(b, &req) != nil {
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

func TestDecodeObject(t *testing.T) {
	for _, c := range []struct {
		name, body, err string
	}{
		{"plain", `{"name": "AO Kaspersky Lab", "country": "RU"}`, ""},
		{"white space around", " \n{\"name\": \"x\"}\r\n\t", ""},
		{"a pair of surrogates", `{"name": "\ud83d\ude00"}`, ""},
		{"empty", "  ", "empty: send a JSON object"},
		{"not an object", `["x"]`, `a JSON object is expected, not '[' at byte 0`},
		{"invalid UTF-8", "{\"name\": \"a\xffb\"}", "invalid UTF-8 at byte 11"},
		{"unknown key", `{"nme": "x"}`, `unknown field "nme", at byte 1`},
		{"unknown key after others", `{"name": "nme", "country": "RU", "nme": "x"}`, `unknown field "nme", at byte 33`},
		{"unknown key escaped", `{"name": "x", "n\u006de": "x"}`, `unknown field "nme", at byte 14`},
		{"unknown key long", `{"` + strings.Repeat("k", 100) + `": "x"}`, `unknown field "` + strings.Repeat("k", 40) + `"… (100 bytes), at byte 1`},
		{"unknown key long and escaped", `{"\u006b` + strings.Repeat("k", 99) + `": "x"}`, `unknown field "` + strings.Repeat("k", 40) + `"… (100 bytes), at byte 1`},
		{"key twice in another case", `{"name": "x", "NAME": "y"}`, `key "NAME" repeats "name"`},
		{"key twice escaped", `{"name": "x", "n\u0061me": "y"}`, `key "name" repeats "name"`},
		{"lone surrogate", `{"name": "a\ud800"}`, `an escaped lone surrogate \ud800 at byte 11`},
		{"second object", `{"name": "x"} {"name": "y"}`, "a second JSON value after the object, at byte 14"},
		{"trailing data", `{"name": "x"} x`, "data after the object, at byte 14"},
		{"not JSON", `{"name": "AO Kaspersky Lab",, "country": "RU"}`, "invalid character ',' looking for beginning of object key string, at byte 28"},
		{"not JSON after white space", "\n  {\"name\": x}", "invalid character 'x' looking for beginning of value, at byte 12"},
		{"control character in a string", "{\"name\": \"a\x01\"}", `invalid character '\x01' in string literal, at byte 11`},
		{"cut short", `{"name": "x"`, "unexpected end of JSON input, at byte 12"},
		{"cut short in a string", `{"name": "x`, "unexpected end of JSON input, at byte 11"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var req request
			err := DecodeObject([]byte(c.body), &req)
			if c.err == "" {
				if err != nil {
					t.Fatalf("DecodeObject(%q): %v", c.body, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Fatalf("DecodeObject(%q) = %v, want an error saying %q", c.body, err, c.err)
			}
		})
	}
}

// TestLocate: the errors of a Decoder, reading values or tokens, say the
// byte where they arose, counting from the start of the text: a syntax
// error the byte that is wrong, a text cut short its end.
func TestLocate(t *testing.T) {
	// tokens reads b as a batch is read: '[', then value after value.
	tokens := func(b []byte) error {
		dec := json.NewDecoder(bytes.NewReader(b))
		if _, err := dec.Token(); err != nil {
			return err
		}
		for dec.More() {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return err
			}
		}
		_, err := dec.Token()
		return err
	}
	values := func(b []byte) error {
		var v map[string]any
		return json.NewDecoder(bytes.NewReader(b)).Decode(&v)
	}
	for _, c := range []struct {
		name   string
		decode func([]byte) error
		body   string
		want   string
	}{
		{"a value", values, `{"a": 1,, "b": 2}`, "invalid character ',' looking for beginning of object key string, at byte 8"},
		{"a value cut short", values, `{"a": `, "unexpected end of JSON input, at byte 6"},
		{"two commas between values", tokens, `[{"a": 1},, {"a": 2}]`, "invalid character ',' looking for beginning of value, at byte 10"},
		{"no comma between values", tokens, `[{"a": 1} {"a": 2}]`, "invalid character '{' after array element, at byte 10"},
		{"in the second value", tokens, `[{"a": 1}, {"a": 2,}]`, "invalid character '}' looking for beginning of object key string, at byte 19"},
		{"cut short between values", tokens, `[{"a": 1},`, "unexpected end of JSON input, at byte 10"},
		{"cut short after a value", tokens, `[{"a": 1}`, "unexpected end of JSON input, at byte 9"},
		{"a type error", values, `[1]`, "json: cannot unmarshal array into Go value of type map[string]interface {}, before byte 1"},
		{"a field's type error", func(b []byte) error {
			var v struct{ Name string }
			return json.NewDecoder(bytes.NewReader(b)).Decode(&v)
		}, `{"Name": 5}`, "json: cannot unmarshal number into Go struct field .Name of type string, before byte 10"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.decode([]byte(c.body))
			if err == nil {
				t.Fatalf("%q decoded", c.body)
			}
			got := Locate(err, []byte(c.body))
			if got.Error() != c.want {
				t.Fatalf("Locate(%v, %q) = %q, want %q", err, c.body, got, c.want)
			}
			var se *json.SyntaxError
			if strings.Contains(c.want, "invalid character") && !errors.As(got, &se) {
				t.Fatalf("Locate(%v, %q) does not wrap the *json.SyntaxError", err, c.body)
			}
		})
	}
}
