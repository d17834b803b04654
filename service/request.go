package service

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// screenRequest is the body of POST /v1/screen and /v1/explain, and one
// query of a batch: the fields of a screening.Query, with the kind as
// screening.ParseKind reads it ("company", "person"...), and the options
// of this query alone.
type screenRequest struct {
	Name      string   `json:"name"`
	Country   string   `json:"country"`
	Kind      string   `json:"kind"`
	Address   string   `json:"address"`
	ID        string   `json:"id"`
	Threshold *float64 `json:"threshold"`
	MinScore  *float64 `json:"min_score"`
	Limit     *int     `json:"limit"`
	Sources   []string `json:"sources"`
	Types     []string `json:"types"`
}

// requestError is a request the Server cannot take, with its status.
type requestError struct {
	status int
	msg    string
}

func (e *requestError) Error() string { return e.msg }

func badRequest(format string, args ...any) *requestError {
	return &requestError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

// query returns the query and the options of r, against the sources of
// st. A kind that names no kind is the query's error (kindErr), as the
// library treats a country that names none; an option out of range, a
// source the list does not have, a type that is none, are errors of the
// request.
func (r *screenRequest) query(st *state, explain bool) (q screening.Query, opts []screening.Option, kindErr error, err error) {
	q = screening.Query{Name: r.Name, Country: r.Country, Address: r.Address, ID: r.ID}
	if q.Kind, kindErr = screening.ParseKind(r.Kind); kindErr != nil {
		q.Kind, kindErr = entitylist.TypeUnknown, fmt.Errorf("kind %w", kindErr)
	}
	threshold := st.screener.Threshold()
	if r.Threshold != nil {
		threshold = *r.Threshold
		o := screening.WithThreshold(threshold)
		if err := screening.CheckOptions(o); err != nil {
			return q, nil, nil, badRequest(`"threshold" %v: %v`, threshold, err)
		}
		opts = append(opts, o)
	}
	switch {
	case r.MinScore != nil:
		o := screening.WithMinScore(*r.MinScore)
		if err := screening.CheckOptions(o); err != nil {
			return q, nil, nil, badRequest(`"min_score" %v: %v`, *r.MinScore, err)
		}
		opts = append(opts, o)
	case explain:
		opts = append(opts, screening.WithMinScore(max(threshold-explainBelow, 0)))
	}
	if r.Limit != nil {
		o := screening.WithLimit(*r.Limit)
		if err := screening.CheckOptions(o); err != nil || *r.Limit > MaxLimit {
			return q, nil, nil, badRequest(`"limit" %d: from 1 to %d`, *r.Limit, MaxLimit)
		}
		opts = append(opts, o)
	}
	if len(r.Sources) > 0 {
		srcs := make([]entitylist.Source, len(r.Sources))
		for i, s := range r.Sources {
			src := entitylist.ParseSource(s)
			if !st.sources[src] && !src.Known() {
				// A misspelled source would match nothing, silently: a
				// false "no match".
				return q, nil, nil, badRequest(`"sources"[%d] %q is no source of the list (%s)`, i, s, sourceNames(st))
			}
			srcs[i] = src
		}
		opts = append(opts, screening.WithSources(srcs...))
	}
	if len(r.Types) > 0 {
		types := make([]entitylist.EntityType, len(r.Types))
		for i, t := range r.Types {
			if err := types[i].UnmarshalText([]byte(t)); err != nil {
				return q, nil, nil, badRequest(`"types"[%d] %q: use entity, individual, vessel or aircraft`, i, t)
			}
		}
		opts = append(opts, screening.WithTypes(types...))
	}
	return q, opts, kindErr, nil
}

// explainBelow is how far below the threshold /v1/explain reports near
// misses by default, as the explain command does.
const explainBelow = 0.2

// sourceNames lists the sources of st's list, for an error.
func sourceNames(st *state) string {
	names := make([]string, 0, len(st.sources))
	for src := range st.sources {
		names = append(names, string(src))
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// readBody reads r's body, at most limit bytes, after checking that its
// Content-Type is one of types (the first is the one to suggest). It
// returns the media type sent.
func readBody(w http.ResponseWriter, r *http.Request, limit int64, types ...string) ([]byte, string, error) {
	mt, err := checkContentType(r.Header.Get("Content-Type"), types)
	if err != nil {
		return nil, "", err
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		if tooLarge := (*http.MaxBytesError)(nil); errors.As(err, &tooLarge) {
			return nil, "", &requestError{http.StatusRequestEntityTooLarge, fmt.Sprintf("request body longer than %d bytes", tooLarge.Limit)}
		}
		return nil, "", badRequest("reading the request body: %v", err)
	}
	return body, mt, nil
}

// checkContentType accepts the media types given, with parameters, a
// charset only if it is utf-8.
func checkContentType(ct string, types []string) (string, error) {
	if ct == "" {
		return "", &requestError{http.StatusUnsupportedMediaType, fmt.Sprintf("no Content-Type: send the body as %q", types[0])}
	}
	for _, t := range types {
		if ct == t { // as most clients send it: nothing to parse
			return t, nil
		}
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return "", &requestError{http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %q: %v", ct, err)}
	}
	found := false
	for _, t := range types {
		found = found || mt == t
	}
	if !found {
		return "", &requestError{http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %q: send the body as %q", mt, strings.Join(types, `" or "`))}
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return "", &requestError{http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type charset %q: the body must be UTF-8", cs)}
	}
	return mt, nil
}

// decodeObject reads b, which must be one JSON object of v's type and
// nothing else, strictly: valid UTF-8, no unknown key, no key twice (in
// any case: encoding/json matches keys in any case and keeps the last),
// no escaped lone surrogate (which encoding/json turns into U+FFFD). A
// body is never read other than as it was sent. The error says what is
// wrong and at which byte.
func decodeObject(b []byte, v any) error {
	if !utf8.Valid(b) {
		return fmt.Errorf("invalid UTF-8 at byte %d", invalidAt(b))
	}
	start := skipSpace(b, 0)
	switch {
	case start == len(b):
		return errors.New("empty: send a JSON object")
	case b[start] != '{':
		return fmt.Errorf("a JSON object is expected, not %q at byte %d", b[start], start)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if end := skipSpace(b, int(dec.InputOffset())); end < len(b) {
		return fmt.Errorf("data after the object, at byte %d", end)
	}
	if err := repeatedKey(b); err != nil {
		return err
	}
	if at := loneSurrogate(b); at >= 0 {
		return fmt.Errorf("an escaped lone surrogate %s at byte %d: not a character", b[at:at+6], at)
	}
	return nil
}

// skipSpace returns the index of the first byte of b from i on that is
// not JSON white space, or len(b).
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// invalidAt is the offset of the first byte of b that is not UTF-8.
func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
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
						return fmt.Errorf("key %q repeats %q", key, k)
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

// batchItems splits a batch body into its queries' JSON texts: the
// elements of a JSON array, or the non-blank lines of JSON Lines. It
// stops with 413 past max queries. The error names the element or line.
func batchItems(b []byte, lines bool, maxItems int) ([][]byte, error) {
	tooMany := &requestError{http.StatusRequestEntityTooLarge, fmt.Sprintf("a batch of more than %d queries: send at most %d a request", maxItems, maxItems)}
	var items [][]byte
	if lines {
		n := 0
		for line := range bytes.Lines(b) {
			n++
			line = bytes.TrimRight(line, "\r\n")
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			if len(items) == maxItems {
				return nil, tooMany
			}
			items = append(items, line)
		}
		if len(items) == 0 {
			return nil, badRequest("no query: send one JSON object a line")
		}
		return items, nil
	}
	if !utf8.Valid(b) {
		return nil, badRequest("invalid UTF-8 at byte %d", invalidAt(b))
	}
	start := skipSpace(b, 0)
	if start == len(b) || b[start] != '[' {
		return nil, badRequest("a JSON array of query objects is expected (or JSON Lines, sent as application/x-ndjson)")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil {
		return nil, badRequest("%v", err)
	}
	for dec.More() {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, badRequest("element %d: %v", len(items), err)
		}
		if len(items) == maxItems {
			return nil, tooMany
		}
		items = append(items, raw)
	}
	if _, err := dec.Token(); err != nil {
		return nil, badRequest("the array: %v", err)
	}
	if end := skipSpace(b, int(dec.InputOffset())); end < len(b) {
		return nil, badRequest("data after the array, at byte %d", end)
	}
	if len(items) == 0 {
		return nil, badRequest("an empty batch: send at least one query")
	}
	return items, nil
}
