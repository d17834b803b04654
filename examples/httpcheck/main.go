// Httpcheck is a minimal HTTP endpoint that screens a posted name and
// returns JSON, so that systems written in other languages can screen
// through one call:
//
//	go run ./examples/httpcheck -addr localhost:8080 &
//	curl -s localhost:8080/v1/screen -H 'Content-Type: application/json' \
//	    -d '{"name": "Kaspersky Lab JSC", "country": "RU"}'
//
// It shows the idea in one file. "entityscreen serve" (package service) is
// the service to run: the same route, the same request and the same
// answer, the library's record of a screening.Result, with batches, API
// keys, list reloads, metrics, alerts and the review page. This example
// has no authentication or rate limiting: put it behind whatever your
// services already use.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"mime"
	"net/http"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// maxBody bounds the request body.
const maxBody = 16 << 10

// errorResponse is the JSON answer to a request that carries no query.
type errorResponse struct {
	Error string `json:"error"`
}

// Handler returns the handler of POST /v1/screen, screening with s. The body
// is a screening.Query as one JSON object ({"name": "...", "country":
// "RU"}) and nothing else, in UTF-8, sent as application/json. The answer
// is the library's record of the screening.Result, the one the command's
// JSON Lines hold, with status 200 when screened and 422 with its "error"
// when the query cannot be screened; or {"error": "..."} saying what is
// wrong with the request:
//
//   - 415 for a Content-Type other than application/json (parameters
//     are allowed, a charset only if it is utf-8);
//   - 413 for a body longer than maxBody;
//   - 400 for a body that is not one such object: invalid UTF-8 (or an
//     escaped lone surrogate, which would be screened as U+FFFD), not
//     JSON, not an object, an unknown or repeated key (in any case, as
//     encoding/json matches them), or anything after the object.
//
// A body is never screened other than as it was sent.
func Handler(s *screening.Screener) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/screen", func(w http.ResponseWriter, r *http.Request) {
		if err := checkContentType(r.Header.Get("Content-Type")); err != nil {
			writeJSON(w, http.StatusUnsupportedMediaType, errorResponse{err.Error()})
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			writeJSON(w, http.StatusRequestEntityTooLarge, errorResponse{fmt.Sprintf("request body longer than %d bytes", tooLarge.Limit)})
			return
		case err != nil:
			writeJSON(w, http.StatusBadRequest, errorResponse{"reading the request body: " + err.Error()})
			return
		}
		q, err := decodeQuery(body)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, errorResponse{"invalid request body: " + err.Error()})
			return
		}
		res, err := s.Screen(r.Context(), q)
		if err != nil {
			writeJSON(w, http.StatusUnprocessableEntity, res)
			return
		}
		writeJSON(w, http.StatusOK, res)
	})
	return mux
}

// checkContentType accepts application/json, with parameters, a charset
// only if it is utf-8.
func checkContentType(ct string) error {
	if ct == "" {
		return errors.New(`no Content-Type: send the query as "application/json"`)
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return fmt.Errorf("Content-Type %q: %v", ct, err)
	}
	if mt != "application/json" {
		return fmt.Errorf(`Content-Type %q: send the query as "application/json"`, mt)
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return fmt.Errorf(`Content-Type charset %q: the body must be UTF-8`, cs)
	}
	return nil
}

// decodeQuery reads a body that must be one JSON object of a Query, as
// described at Handler; the error says what else it is, and where.
func decodeQuery(body []byte) (screening.Query, error) {
	var q screening.Query
	if !utf8.Valid(body) {
		return q, fmt.Errorf("invalid UTF-8 at byte %d", invalidAt(body))
	}
	start := skipSpace(body, 0)
	switch {
	case start == len(body):
		return q, errors.New("empty: send a JSON object")
	case body[start] != '{':
		return q, fmt.Errorf("a JSON object is expected, not %q at byte %d", body[start], start)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&q); err != nil {
		return q, err
	}
	if end := skipSpace(body, int(dec.InputOffset())); end < len(body) {
		var second json.RawMessage
		if json.NewDecoder(bytes.NewReader(body[end:])).Decode(&second) == nil {
			return q, fmt.Errorf("a second JSON value after the object, at byte %d", end)
		}
		return q, fmt.Errorf("data after the object, at byte %d", end)
	}
	if err := repeatedKey(body); err != nil {
		return q, err
	}
	if at := loneSurrogate(body); at >= 0 {
		return q, fmt.Errorf("an escaped lone surrogate %s at byte %d: not a character", body[at:at+6], at)
	}
	return q, nil
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

// repeatedKey reports a key that an object of the JSON value body holds
// twice, in any case: encoding/json keeps the last silently, and matches
// "NAME" to the field name as it does "name".
func repeatedKey(body []byte) error {
	type frame struct {
		object  bool
		keys    []string
		wantKey bool // the next string is a key
	}
	var stack []*frame
	dec := json.NewDecoder(bytes.NewReader(body))
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
					return fmt.Errorf("key %q repeats %q", key, k)
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
		if top != nil && top.object { // a value ended: a key comes next
			top.wantKey = true
		}
	}
}

// loneSurrogate returns the offset of the first \u escape in a string of
// the JSON text body that is half of a UTF-16 surrogate pair without the
// other half (encoding/json decodes it as U+FFFD), or -1.
func loneSurrogate(body []byte) int {
	inString := false
	for i := 0; i < len(body); i++ {
		switch {
		case body[i] == '"':
			inString = !inString
		case inString && body[i] == '\\':
			if body[i+1] != 'u' {
				i++ // an escaped quote or backslash is no end of string
				continue
			}
			r := hex4(body[i+2 : i+6])
			switch {
			case utf16.IsSurrogate(r) && r < 0xdc00 && i+12 <= len(body) && body[i+6] == '\\' && body[i+7] == 'u' &&
				utf16.DecodeRune(r, hex4(body[i+8:i+12])) != utf8.RuneError:
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

// writeJSON writes v as JSON, leaving "&", "<" and ">" as they are, as
// the library writes its records (the answer is served as JSON, never as
// HTML).
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

func main() {
	addr := flag.String("addr", "localhost:8080", "address to listen on")
	listPath := flag.String("list", "", "screening list file (default: the embedded sample list)")
	flag.Parse()
	list := entitylist.Default()
	if *listPath != "" {
		var err error
		if list, err = entitylist.Open(*listPath); err != nil {
			log.Fatal(err)
		}
	} else {
		log.Print("using the embedded SAMPLE list; pass -list with the official list for real screening")
	}
	s, err := screening.New(list)
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{
		Addr:              *addr,
		Handler:           Handler(s),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       time.Minute,
	}
	log.Printf("screening on http://%s/v1/screen against %s", *addr, list.Version())
	log.Fatal(srv.ListenAndServe())
}
