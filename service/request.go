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
	"unicode/utf8"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/printable"
	"github.com/entityscreen/entityscreen/internal/strictjson"
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
// source the list does not have, a type that is none (or empty), are
// errors of the request.
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
			if !st.sources[src] {
				// A misspelled source, or one the list does not hold
				// (a known code such as "ISN" when the list in use is
				// OFAC's or SAM's), would match nothing, silently: a
				// false "no match".
				return q, nil, nil, badRequest(`"sources"[%d] %s is no source of the list (%s)`, i, printable.Quote(s), sourceNames(st))
			}
			srcs[i] = src
		}
		opts = append(opts, screening.WithSources(srcs...))
	}
	if len(r.Types) > 0 {
		types := make([]entitylist.EntityType, len(r.Types))
		for i, t := range r.Types {
			// An empty type reads as unknown, and would leave out every
			// entry of a known type, silently: a false "no match".
			if err := types[i].UnmarshalText([]byte(t)); err != nil || t == "" {
				return q, nil, nil, badRequest(`"types"[%d] %s: use entity, individual, vessel, aircraft or unknown`, i, printable.Quote(t))
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
		return "", &requestError{http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %s: %v", printable.Quote(ct), err)}
	}
	found := false
	for _, t := range types {
		found = found || mt == t
	}
	if !found {
		return "", &requestError{http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %s: send the body as %q", printable.Quote(mt), strings.Join(types, `" or "`))}
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return "", &requestError{http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type charset %s: the body must be UTF-8", printable.Quote(cs))}
	}
	return mt, nil
}

// batchItem is the JSON text of a query of a batch, and the byte of the
// body it starts at.
type batchItem struct {
	text []byte
	at   int
}

// batchItems splits a batch body into its queries' JSON texts: the
// elements of a JSON array, or the non-blank lines of JSON Lines. It
// stops with 413 past max queries. The error names the element or line.
func batchItems(b []byte, lines bool, maxItems int) ([]batchItem, error) {
	tooMany := &requestError{http.StatusRequestEntityTooLarge, fmt.Sprintf("a batch of more than %d queries: send at most %d a request", maxItems, maxItems)}
	var items []batchItem
	if lines {
		at := 0
		for line := range bytes.Lines(b) {
			start := at
			at += len(line)
			line = bytes.TrimRight(line, "\r\n")
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			if len(items) == maxItems {
				return nil, tooMany
			}
			items = append(items, batchItem{line, start})
		}
		if len(items) == 0 {
			return nil, badRequest("no query: send one JSON object a line")
		}
		return items, nil
	}
	if !utf8.Valid(b) {
		return nil, badRequest("invalid UTF-8 at byte %d", strictjson.InvalidAt(b))
	}
	start := strictjson.SkipSpace(b, 0)
	if start == len(b) || b[start] != '[' {
		return nil, badRequest("a JSON array of query objects is expected (or JSON Lines, sent as application/x-ndjson)")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil {
		return nil, badRequest("%v", strictjson.Locate(err, b))
	}
	for dec.More() {
		// The element starts after the comma before it, if any.
		at := strictjson.SkipSpace(b, int(dec.InputOffset()))
		if at < len(b) && b[at] == ',' {
			at = strictjson.SkipSpace(b, at+1)
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, badRequest("element %d: %v", len(items), strictjson.Locate(err, b))
		}
		if len(items) == maxItems {
			return nil, tooMany
		}
		items = append(items, batchItem{raw, at})
	}
	if _, err := dec.Token(); err != nil {
		return nil, badRequest("the array: %v", strictjson.Locate(err, b))
	}
	if end := strictjson.SkipSpace(b, int(dec.InputOffset())); end < len(b) {
		return nil, badRequest("data after the array, at byte %d", end)
	}
	if len(items) == 0 {
		return nil, badRequest("an empty batch: send at least one query")
	}
	return items, nil
}
