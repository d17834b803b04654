// Package strictjson decodes a JSON object strictly, so that what a
// program reads is exactly what was sent: one object, valid UTF-8, no
// unknown key, no key twice in any case, no escaped lone surrogate, and
// nothing after it. The HTTP service and the httpcheck example read their
// requests with it.
package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/entityscreen/entityscreen/internal/printable"
)

// DecodeObject reads b, which must be one JSON object of v's type and
// nothing else, strictly: valid UTF-8, no unknown key, no key twice (in
// any case: encoding/json matches keys in any case and keeps the last),
// no escaped lone surrogate (which encoding/json turns into U+FFFD). A
// body is never read other than as it was sent. The error says what is
// wrong and at which byte.
func DecodeObject(b []byte, v any) error { return DecodeObjectAt(b, 0, v) }

// DecodeObjectAt is DecodeObject for b found at byte base of a larger text,
// such as an element of a batch: the bytes its errors name count from the
// start of that text.
func DecodeObjectAt(b []byte, base int, v any) error {
	if !utf8.Valid(b) {
		return fmt.Errorf("invalid UTF-8 at byte %d", base+InvalidAt(b))
	}
	start := SkipSpace(b, 0)
	switch {
	case start == len(b):
		return errors.New("empty: send a JSON object")
	case b[start] != '{':
		return fmt.Errorf("a JSON object is expected, not %q at byte %d", b[start], base+start)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return locate(err, b, base)
	}
	if end := SkipSpace(b, int(dec.InputOffset())); end < len(b) {
		var second json.RawMessage
		if json.NewDecoder(bytes.NewReader(b[end:])).Decode(&second) == nil {
			return fmt.Errorf("a second JSON value after the object, at byte %d", base+end)
		}
		return fmt.Errorf("data after the object, at byte %d", base+end)
	}
	if err := repeatedKey(b); err != nil {
		return err
	}
	if at := loneSurrogate(b); at >= 0 {
		return fmt.Errorf("an escaped lone surrogate %s at byte %d: not a character", b[at:at+6], base+at)
	}
	return nil
}

// Locate returns err, an error of an encoding/json Decoder reading the
// JSON text b from its start, by values or by tokens, with the byte where
// it arose, counting from 0 as the other errors of the package do: a
// syntax error at the byte that is wrong, a text cut short at len(b), the
// byte that is missing. The syntax error is wrapped, and so is a value of
// the wrong type, with the byte it ends before (or, for an array or an
// object, the byte after its start), and a key that v has no field for
// (a Decoder's DisallowUnknownFields), with the byte its quote opens at,
// the key quoted clipped (printable.Quote) rather than whole.
// Other errors are returned as they are.
func Locate(err error, b []byte) error { return locate(err, b, 0) }

// locate is Locate for b found at byte base of a larger text.
func locate(err error, b []byte, base int) error {
	if te := (*json.UnmarshalTypeError)(nil); errors.As(err, &te) {
		return fmt.Errorf("%w, before byte %d", err, base+int(te.Offset))
	}
	// encoding/json has no type for an unknown key: its message is
	// `json: unknown field "key"`, the key read (escapes undone), quoted
	// whole. The key is the client's: quoted again, clipped (see
	// printable.Quote).
	if msg, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		key, uerr := strconv.Unquote(msg)
		if uerr != nil {
			return err
		}
		if at := keyAt(b, key); at >= 0 {
			return fmt.Errorf("json: unknown field %s, at byte %d", printable.Quote(key), base+at)
		}
		return fmt.Errorf("json: unknown field %s", printable.Quote(key))
	}
	var se *json.SyntaxError
	if !errors.As(err, &se) && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return err
	}
	// A Decoder that read tokens counts a syntax error's Offset from
	// where its last value began, without the delimiters and commas it
	// read as tokens: decode b's first value again, whole, whose Offset
	// counts the bytes from b's start, the wrong one included.
	var raw json.RawMessage
	switch again := json.NewDecoder(bytes.NewReader(b)).Decode(&raw); {
	case errors.As(again, &se):
		return fmt.Errorf("%w, at byte %d", se, base+max(int(se.Offset)-1, 0))
	case errors.Is(again, io.ErrUnexpectedEOF), errors.Is(again, io.EOF):
		return fmt.Errorf("unexpected end of JSON input, at byte %d", base+len(b))
	}
	return err
}

// SkipSpace returns the index of the first byte of b from i on that is
// not JSON white space, or len(b).
func SkipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// InvalidAt returns the offset of the first byte of b that is not UTF-8,
// or len(b) if b is valid UTF-8.
func InvalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// keyAt returns the offset of the opening quote of the first key, in
// the order of the text, of an object in the JSON value that b starts
// with (valid JSON up to its end) that reads as key once its escapes are
// undone, or -1.
func keyAt(b []byte, key string) int {
	// One byte an open object or array: 'k' an object whose next string
	// is a key, 'v' an object whose next string is a value, 'a' an array.
	var stackBuf [8]byte
	stack := stackBuf[:0]
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '{':
			stack = append(stack, 'k')
		case '[':
			stack = append(stack, 'a')
		case '}', ']':
			if len(stack) <= 1 {
				return -1 // the end of the value
			}
			stack = stack[:len(stack)-1]
		case ',':
			if top := len(stack) - 1; top >= 0 && stack[top] == 'v' {
				stack[top] = 'k'
			}
		case '"':
			end, escaped := i+1, false
			for ; end < len(b) && b[end] != '"'; end++ {
				if b[end] == '\\' {
					escaped = true
					end++
				}
			}
			if end >= len(b) {
				return -1
			}
			if top := len(stack) - 1; top >= 0 && stack[top] == 'k' {
				k := string(b[i+1 : end])
				if escaped && json.Unmarshal(b[i:end+1], &k) != nil {
					return -1
				}
				if k == key {
					return i
				}
				stack[top] = 'v'
			}
			i = end
		}
	}
	return -1
}

// repeatedKey reports a key that an object of the JSON value b holds
// twice, in any case. b is valid JSON (it decoded): a scan of its bytes
// is enough, and costs no allocation for an object of a few plain keys
// and little nesting.
func repeatedKey(b []byte) error {
	type frame struct {
		object  bool
		keys    int  // the index in keys of the object's first
		wantKey bool // the next string is a key
	}
	var (
		frameBuf [4]frame
		stack    = frameBuf[:0]
		keyBuf   [16][]byte
		keys     = keyBuf[:0] // of the objects open, outermost first
	)
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '{':
			stack = append(stack, frame{object: true, keys: len(keys), wantKey: true})
		case '[':
			stack = append(stack, frame{keys: len(keys)})
		case '}', ']':
			keys = keys[:stack[len(stack)-1].keys]
			stack = stack[:len(stack)-1]
		case ',':
			if top := len(stack) - 1; top >= 0 && stack[top].object {
				stack[top].wantKey = true
			}
		case '"':
			end, escaped := i+1, false
			for ; b[end] != '"'; end++ {
				if b[end] == '\\' {
					escaped = true
					end++
				}
			}
			top := len(stack) - 1
			if top >= 0 && stack[top].object && stack[top].wantKey {
				key := b[i+1 : end]
				if escaped {
					var k string
					if err := json.Unmarshal(b[i:end+1], &k); err != nil {
						return err
					}
					key = []byte(k)
				}
				for _, k := range keys[stack[top].keys:] {
					if bytes.EqualFold(k, key) {
						return fmt.Errorf("key %s repeats %s", printable.Quote(string(key)), printable.Quote(string(k)))
					}
				}
				keys = append(keys, key)
				stack[top].wantKey = false
			}
			i = end
		}
	}
	return nil
}

// loneSurrogate returns the offset of the first \u escape in a string of
// the valid JSON text b that is half of a UTF-16 surrogate pair without
// the other half, or -1.
func loneSurrogate(b []byte) int {
	if !bytes.Contains(b, []byte(`\u`)) {
		return -1
	}
	inString := false
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '"':
			inString = !inString
		case inString && b[i] == '\\':
			if b[i+1] != 'u' {
				i++ // an escaped quote or backslash is no end of string
				continue
			}
			r := hex4(b[i+2 : i+6])
			switch {
			case utf16.IsSurrogate(r) && r < 0xdc00 && i+12 <= len(b) && b[i+6] == '\\' && b[i+7] == 'u' &&
				utf16.DecodeRune(r, hex4(b[i+8:i+12])) != utf8.RuneError:
				i += 11 // a pair
			case utf16.IsSurrogate(r):
				return i
			default:
				i += 5
			}
		}
	}
	return -1
}

// hex4 is the value of four hexadecimal digits, valid JSON having been
// checked.
func hex4(b []byte) rune {
	var r rune
	for _, c := range b {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		}
	}
	return r
}
