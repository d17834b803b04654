package service

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// TestScreenIsTheLibraryRecord: the answer to a screened query is, byte
// for byte, the library's JSON record of the Result the Screener gives for
// the same query and options, a newline after it: no shape of the
// service's own.
func TestScreenIsTheLibraryRecord(t *testing.T) {
	ts := newTestServer(t, Config{})
	s, err := screening.New(openList(t, listV1))
	require.NoError(t, err)
	tests := []struct {
		name string
		body string
		q    screening.Query
		opts []screening.Option
	}{
		{"listed name", `{"name": "AO Kaspersky Lab", "country": "RU"}`, screening.Query{Name: "AO Kaspersky Lab", Country: "RU"}, nil},
		{"every query field", `{"name": "Orion Star Shipping LLC", "country": "AE", "kind": "company", "address": "Jebel Ali Free Zone, Dubai", "id": "774411"}`,
			screening.Query{Name: "Orion Star Shipping LLC", Country: "AE", Kind: entitylist.TypeEntity, Address: "Jebel Ali Free Zone, Dubai", ID: "774411"}, nil},
		{"clean name", `{"name": "Contoso Paper Supplies"}`, screening.Query{Name: "Contoso Paper Supplies"}, nil},
		{"options", `{"name": "Kaspersky", "threshold": 0.5, "limit": 1, "sources": ["el"], "types": ["entity"]}`,
			screening.Query{Name: "Kaspersky"}, []screening.Option{screening.WithThreshold(0.5), screening.WithLimit(1),
				screening.WithSources(entitylist.EntityList), screening.WithTypes(entitylist.TypeEntity)}},
		{"near misses", `{"name": "Orion Star", "min_score": 0.3}`, screening.Query{Name: "Orion Star"}, []screening.Option{screening.WithMinScore(0.3)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.do(t, http.MethodPost, "/v1/screen", tt.body)
			require.Equal(t, http.StatusOK, r.status, "%s", r.body)
			assert.Equal(t, "application/json", r.header.Get("Content-Type"))
			want, err := s.Screen(context.Background(), tt.q, tt.opts...)
			require.NoError(t, err)
			b, err := want.MarshalJSON()
			require.NoError(t, err)
			assert.Equal(t, string(b)+"\n", string(r.body))
			var back screening.Result
			r.decode(t, &back)
			assert.Equal(t, len(want.Matches), len(back.Matches))
		})
	}
}

// TestScreenExplains: every match the service returns explains itself,
// even when its options would leave the explanations out.
func TestScreenExplains(t *testing.T) {
	ts := newTestServer(t, Config{Options: []screening.Option{screening.WithExplanations(false)}})
	r := ts.do(t, http.MethodPost, "/v1/screen", `{"name": "AO Kaspersky Lab", "country": "RU"}`)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	var back screening.Result
	r.decode(t, &back)
	require.NotEmpty(t, back.Matches)
	for _, m := range back.Matches {
		assert.NotEmpty(t, m.Explanation.Pairs, m.Entry.Name)
		assert.Equal(t, back.Threshold, m.Explanation.Threshold, m.Entry.Name)
	}
}

// TestScreenRequests: what the screen route refuses, and with which
// status; a query that cannot be screened is answered with its Result.
func TestScreenRequests(t *testing.T) {
	ts := newTestServer(t, Config{MaxBody: 1024})
	query := `{"name": "Contoso Paper Supplies"}`
	tests := []struct {
		name        string
		contentType string
		body        string
		status      int
		errPart     string
	}{
		{"screened", "application/json", query, http.StatusOK, ""},
		{"charset utf-8", "application/json; charset=UTF-8", query, http.StatusOK, ""},
		{"white space around", "application/json", " \r\n\t" + query + "\n ", http.StatusOK, ""},
		{"surrogate pair", "application/json", `{"name": "AO Kaspersky Lab \ud83d\ude00"}`, http.StatusOK, ""},
		{"empty name", "application/json", `{"name": "   "}`, http.StatusUnprocessableEntity, "empty"},
		{"no name", "application/json", `{"country": "RU"}`, http.StatusUnprocessableEntity, "empty"},
		{"bad country", "application/json", `{"name": "Acme", "country": "Atlantis"}`, http.StatusUnprocessableEntity, "country"},
		{"bad kind", "application/json", `{"name": "Acme", "kind": "robot"}`, http.StatusUnprocessableEntity, `kind "robot"`},
		{"name too long", "application/json", `{"name": "` + strings.Repeat("a", 1025) + `"}`, http.StatusRequestEntityTooLarge, "longer than 1024 bytes"},
		{"no content type", "", query, http.StatusUnsupportedMediaType, "no Content-Type"},
		{"form", "application/x-www-form-urlencoded", query, http.StatusUnsupportedMediaType, `send the body as "application/json"`},
		{"other charset", "application/json; charset=latin1", query, http.StatusUnsupportedMediaType, `charset "latin1"`},
		{"cut short", "application/json", `{"name": `, http.StatusBadRequest, "invalid request body: unexpected end of JSON input, at byte 9"},
		{"not JSON", "application/json", `{"name": "AO Kaspersky Lab",, "country": "RU"}`, http.StatusBadRequest,
			"invalid request body: invalid character ',' looking for beginning of object key string, at byte 28"},
		{"unknown key", "application/json", `{"nam": "x"}`, http.StatusBadRequest, `unknown field "nam", at byte 1`},
		{"not an object", "application/json", `["x"]`, http.StatusBadRequest, `a JSON object is expected, not '[' at byte 0`},
		{"trailing data", "application/json", query + ` x`, http.StatusBadRequest, fmt.Sprintf("data after the object, at byte %d", len(query)+1)},
		{"second object", "application/json", query + query, http.StatusBadRequest, fmt.Sprintf("a second JSON value after the object, at byte %d", len(query))},
		{"repeated key in another case", "application/json", `{"name": "Contoso", "NAME": "AO Kaspersky Lab"}`, http.StatusBadRequest, `key "NAME" repeats "name"`},
		{"repeated key escaped", "application/json", `{"n\u0061me": "Contoso", "sources": ["EL"], "name": "AO Kaspersky Lab"}`, http.StatusBadRequest, `key "name" repeats "name"`},
		{"keys in strings are no keys", "application/json", `{"name": "name, \"name\": x", "sources": ["EL", "name"]}`, http.StatusBadRequest, `"sources"[1] "name" is no source`},
		{"invalid UTF-8", "application/json", "{\"name\": \"AO \xff Lab\"}", http.StatusBadRequest, "invalid UTF-8 at byte 13"},
		{"lone surrogate", "application/json", `{"name": "AO \ud800 Lab"}`, http.StatusBadRequest, `lone surrogate \ud800 at byte 13`},
		{"threshold out of range", "application/json", `{"name": "Acme", "threshold": 1.5}`, http.StatusBadRequest, `"threshold" 1.5`},
		{"min score out of range", "application/json", `{"name": "Acme", "min_score": -1}`, http.StatusBadRequest, `"min_score" -1`},
		{"limit zero", "application/json", `{"name": "Acme", "limit": 0}`, http.StatusBadRequest, `"limit" 0: from 1 to 100`},
		{"limit too high", "application/json", `{"name": "Acme", "limit": 101}`, http.StatusBadRequest, `"limit" 101`},
		{"unknown source", "application/json", `{"name": "Acme", "sources": ["EL", "ELL"]}`, http.StatusBadRequest, `"sources"[1] "ELL" is no source of the list (DPL, EL, SDN)`},
		{"source not in the list", "application/json", `{"name": "AO Kaspersky Lab", "sources": ["ISN"]}`, http.StatusBadRequest, `"sources"[0] "ISN" is no source of the list (DPL, EL, SDN)`},
		{"unknown type", "application/json", `{"name": "Acme", "types": ["boat"]}`, http.StatusBadRequest, `"types"[0] "boat": use entity, individual, vessel, aircraft or unknown`},
		// Read as unknown, an empty type would screen the entries of
		// unknown type only, and miss the listed company.
		{"empty type", "application/json", `{"name": "Orion Star Shipping LLC", "types": ["entity", ""]}`, http.StatusBadRequest, `"types"[1] "": use entity`},
		{"wrong type", "application/json", `{"name": 7}`, http.StatusBadRequest, "invalid request body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.do(t, http.MethodPost, "/v1/screen", tt.body, "Content-Type", tt.contentType)
			assert.Equal(t, tt.status, r.status, "%s", r.body)
			assert.Equal(t, "application/json", r.header.Get("Content-Type"))
			var res struct {
				Query *string `json:"query"`
				Error string  `json:"error"`
			}
			r.decode(t, &res)
			if tt.errPart == "" {
				assert.Empty(t, res.Error)
				return
			}
			assert.Contains(t, res.Error, tt.errPart)
			// A query that cannot be screened is answered with its result
			// (the query and the error); a request that is none, with an
			// error alone.
			assert.Equal(t, tt.status == http.StatusUnprocessableEntity, res.Query != nil, "%s", r.body)
		})
	}
	t.Run("wrong method", func(t *testing.T) {
		r := ts.do(t, http.MethodGet, "/v1/screen", nil)
		assert.Equal(t, http.StatusMethodNotAllowed, r.status)
	})
}

// TestExplain: the explain route reports near misses below the threshold,
// with alert false, which the screen route leaves out.
func TestExplain(t *testing.T) {
	ts := newTestServer(t, Config{})
	body := `{"name": "Kaspersky Group"}`
	var screened, explained screening.Result
	r := ts.do(t, http.MethodPost, "/v1/screen", body)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	r.decode(t, &screened)
	r = ts.do(t, http.MethodPost, "/v1/explain", body)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	r.decode(t, &explained)
	require.Greater(t, len(explained.Matches), len(screened.Matches), "near misses")
	for _, m := range explained.Matches {
		assert.GreaterOrEqual(t, m.Score, explained.Threshold-explainBelow-1e-9)
		assert.Equal(t, m.Score >= explained.Threshold, m.Alert)
		assert.NotEmpty(t, m.Explanation.Pairs, "every match explains itself")
	}
}

// TestBatch: a batch as a JSON array or JSON Lines is answered in the same
// form, one library record per query, in order, each equal to the answer
// of the screen route; a query that cannot be screened carries its error
// in its place.
func TestBatch(t *testing.T) {
	ts := newTestServer(t, Config{})
	queries := []string{
		`{"name": "AO Kaspersky Lab", "country": "RU"}`,
		`{"name": "Contoso Paper Supplies"}`,
		`{"name": ""}`,
		`{"name": "Orion Star Shipping", "id": "774411", "limit": 1}`,
		`{"name": "Acme", "kind": "robot"}`,
	}
	var want []string
	for _, q := range queries {
		r := ts.do(t, http.MethodPost, "/v1/screen", q)
		want = append(want, strings.TrimSuffix(string(r.body), "\n"))
	}
	t.Run("array", func(t *testing.T) {
		r := ts.do(t, http.MethodPost, "/v1/screen/batch", "["+strings.Join(queries, ",\n")+"]")
		require.Equal(t, http.StatusOK, r.status, "%s", r.body)
		assert.Equal(t, "application/json", r.header.Get("Content-Type"))
		var got []json.RawMessage
		r.decode(t, &got)
		require.Len(t, got, len(queries))
		for i := range got {
			assert.Equal(t, want[i], string(got[i]), "query %d", i)
		}
		var results []screening.Result
		r.decode(t, &results)
		assert.True(t, results[0].Alert())
		assert.Error(t, results[2].Err)
		assert.Error(t, results[4].Err)
	})
	t.Run("JSON Lines", func(t *testing.T) {
		body := strings.Join(queries[:2], "\r\n") + "\n\n" + strings.Join(queries[2:], "\n")
		r := ts.do(t, http.MethodPost, "/v1/screen/batch", body, "Content-Type", "application/x-ndjson")
		require.Equal(t, http.StatusOK, r.status, "%s", r.body)
		assert.Equal(t, "application/x-ndjson", r.header.Get("Content-Type"))
		lines := strings.Split(strings.TrimSuffix(string(r.body), "\n"), "\n")
		assert.Equal(t, want, lines)
	})
}

// TestBatchLimits: a batch over the limits is refused whole, 413, and one
// with a bad element 400 naming it; nothing is screened then.
func TestBatchLimits(t *testing.T) {
	ts := newTestServer(t, Config{MaxBatch: 3, MaxBatchBody: 200})
	one := `{"name": "A"}`
	tests := []struct {
		name        string
		contentType string
		body        string
		status      int
		errPart     string
	}{
		{"at the count limit", "application/json", "[" + strings.Repeat(one+",", 2) + one + "]", http.StatusOK, ""},
		{"over the count limit", "application/json", "[" + strings.Repeat(one+",", 3) + one + "]", http.StatusRequestEntityTooLarge, "a batch of more than 3 queries"},
		{"over the count limit, lines", "application/x-ndjson", strings.Repeat(one+"\n", 4), http.StatusRequestEntityTooLarge, "more than 3"},
		{"over the size limit", "application/json", `[{"name": "` + strings.Repeat("x", 200) + `"}]`, http.StatusRequestEntityTooLarge, "longer than 200 bytes"},
		{"empty array", "application/json", `[]`, http.StatusBadRequest, "empty batch"},
		{"no lines", "application/x-ndjson", "\n \n", http.StatusBadRequest, "no query"},
		{"not an array", "application/json", one, http.StatusBadRequest, "a JSON array of query objects is expected"},
		{"bad element", "application/json", `[{"name": "A"}, {"nme": "B"}]`, http.StatusBadRequest, `element 1: json: unknown field "nme", at byte 17`},
		{"bad line", "application/x-ndjson", one + "\n\n" + `{"name": "B", "limit": -1}`, http.StatusBadRequest, `query 1: "limit" -1`},
		{"element not an object", "application/json", `[{"name": "A"}, "B"]`, http.StatusBadRequest, "element 1: a JSON object is expected"},
		{"data after the array", "application/json", `[{"name": "A"}] x`, http.StatusBadRequest, "data after the array"},
		{"not JSON", "application/json", `[{"name": "A"},, {"name": "B"}]`, http.StatusBadRequest, "element 1: invalid character ',' looking for beginning of value, at byte 15"},
		{"element not JSON", "application/json", `[{"name": "A"}, {"name": "B",}]`, http.StatusBadRequest, "element 1: invalid character '}' looking for beginning of object key string, at byte 29"},
		{"array cut short", "application/json", `[{"name": "A"}`, http.StatusBadRequest, "the array: unexpected end of JSON input, at byte 14"},
		{"element cut short", "application/json", `[{"name": "A"}, {"name"`, http.StatusBadRequest, "element 1: unexpected end of JSON input, at byte 23"},
		// The bytes an error names count from the start of the body, not
		// of the element or line.
		{"line not JSON", "application/x-ndjson", one + "\n" + `{"name": "B",}`, http.StatusBadRequest, "query 1: invalid character '}' looking for beginning of object key string, at byte 27"},
		{"line not UTF-8", "application/x-ndjson", one + "\r\n\n" + "{\"name\": \"AO \xff Lab\"}", http.StatusBadRequest, "query 1: invalid UTF-8 at byte 29"},
		{"element's type", "application/json", `[{"name": "A"},  {"name": 5}]`, http.StatusBadRequest, "element 1: json: cannot unmarshal number into Go struct field screenRequest.name of type string, before byte 27"},
		{"element's lone surrogate", "application/json", `[{"name": "A"}, {"name": "AO \ud800 Lab"}]`, http.StatusBadRequest, `element 1: an escaped lone surrogate \ud800 at byte 29`},
		{"element after it", "application/json", `[{"name": "A"}, {"name": "B"} {"name": "C"}]`, http.StatusBadRequest, "element 2: invalid character '{' after array element, at byte 30"},
		{"text", "text/plain", one, http.StatusUnsupportedMediaType, "application/x-ndjson"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := ts.metrics.screened.Load()
			r := ts.do(t, http.MethodPost, "/v1/screen/batch", tt.body, "Content-Type", tt.contentType)
			assert.Equal(t, tt.status, r.status, "%s", r.body)
			if tt.errPart == "" {
				return
			}
			assert.Contains(t, r.errorOf(t), tt.errPart)
			assert.Equal(t, before, ts.metrics.screened.Load(), "nothing screened")
		})
	}
}

// TestSourcesOfTheList: every route that screens refuses, 400, a source
// the list in use does not hold, known code or not, naming it and the
// list's own sources, rather than matching nothing; the sources the list
// holds are taken.
func TestSourcesOfTheList(t *testing.T) {
	csl := newTestServer(t, Config{}) // DPL, EL and SDN
	ofac := newTestServer(t, Config{Load: loadFile("../entitylist/testdata/ofac")})
	var sources []string
	for src := range ofac.current().sources {
		sources = append(sources, string(src))
	}
	slices.Sort(sources)
	require.Contains(t, sources, "SDN")
	require.NotContains(t, sources, "EL")
	ofacSources := strings.Join(sources, ", ")

	for _, tt := range []struct {
		name        string
		ts          *testServer
		path        string
		contentType string
		body        string
		want        string
	}{
		{"screen", csl, "/v1/screen", "application/json", `{"name": "AO Kaspersky Lab", "sources": ["EL", "ISN"]}`,
			`"sources"[1] "ISN" is no source of the list (DPL, EL, SDN)`},
		{"explain", csl, "/v1/explain", "application/json", `{"name": "AO Kaspersky Lab", "sources": ["UN"]}`,
			`"sources"[0] "UN" is no source of the list (DPL, EL, SDN)`},
		{"batch", csl, "/v1/screen/batch", "application/json", `[{"name": "AO Kaspersky Lab"}, {"name": "AO Kaspersky Lab", "sources": ["SAM"]}]`,
			`element 1: "sources"[0] "SAM" is no source of the list (DPL, EL, SDN)`},
		{"batch of lines", csl, "/v1/screen/batch", "application/x-ndjson", `{"name": "A"}` + "\n" + `{"name": "B", "sources": ["inhouse"]}`,
			`query 1: "sources"[0] "inhouse" is no source of the list (DPL, EL, SDN)`},
		{"another list", ofac, "/v1/screen", "application/json", `{"name": "Orion Star Trading LLC", "sources": ["EL"]}`,
			`"sources"[0] "EL" is no source of the list (` + ofacSources + `)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.ts.do(t, http.MethodPost, tt.path, tt.body, "Content-Type", tt.contentType)
			assert.Equal(t, http.StatusBadRequest, r.status, "%s", r.body)
			assert.Equal(t, tt.want, r.errorOf(t))
		})
	}

	r := ofac.do(t, http.MethodPost, "/v1/screen", `{"name": "Orion Star Trading LLC", "sources": ["sdn"]}`)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	var res screening.Result
	r.decode(t, &res)
	require.NotEmpty(t, res.Matches)
	assert.Equal(t, entitylist.SpeciallyDesignated, res.Matches[0].Entry.Source)
}

// TestScreenBeforeLoad: before a list is loaded, screening answers 503,
// health says so, and readiness is refused.
func TestScreenBeforeLoad(t *testing.T) {
	s, err := New(Config{Load: loadFile(listV1)})
	require.NoError(t, err)
	for _, tt := range []struct {
		method, path, body string
	}{
		{http.MethodPost, "/v1/screen", `{"name": "x"}`},
		{http.MethodPost, "/v1/screen/batch", `[{"name": "x"}]`},
		{http.MethodGet, "/v1/list", ""},
		{http.MethodGet, "/readyz", ""},
		{http.MethodGet, "/healthz", ""},
	} {
		t.Run(tt.path, func(t *testing.T) {
			req := newRequest(t, tt.method, tt.path, tt.body)
			w := newRecorder()
			s.ServeHTTP(w, req)
			assert.Equal(t, http.StatusServiceUnavailable, w.Code, w.Body.String())
		})
	}
}

// TestNew: settings that are no settings are refused when the Server is
// made.
func TestNew(t *testing.T) {
	for _, tt := range []struct {
		cfg     Config
		errPart string
	}{
		{Config{}, "Config.Load is required"},
		{Config{Load: loadFile(listV1), Options: []screening.Option{screening.WithThreshold(2)}}, "threshold"},
		{Config{Load: loadFile(listV1), MaxBatch: -1}, "Config.MaxBatch -1 is negative"},
		// A negative timeout would be none: a slow client could hold a
		// connection for ever.
		{Config{Load: loadFile(listV1), ReadTimeout: -time.Second}, "Config.ReadTimeout -1s is negative"},
		{Config{Load: loadFile(listV1), ReadHeaderTimeout: -1}, "Config.ReadHeaderTimeout -1ns is negative"},
		{Config{Load: loadFile(listV1), WriteTimeout: -time.Minute}, "Config.WriteTimeout -1m0s is negative"},
		{Config{Load: loadFile(listV1), IdleTimeout: -time.Second}, "Config.IdleTimeout -1s is negative"},
		{Config{Load: loadFile(listV1), ShutdownTimeout: -time.Second}, "Config.ShutdownTimeout -1s is negative"},
		{Config{Load: loadFile(listV1), MaxAge: -time.Hour}, "Config.MaxAge -1h0m0s is negative"},
	} {
		_, err := New(tt.cfg)
		assert.ErrorContains(t, err, tt.errPart)
	}
}

// TestNoRoute: a request that no route takes is answered as the API
// answers its other errors, with a JSON error body: 404 for a path that
// is no route's, 405 with the Allow header for a method its routes do not
// take. The review page's paths keep the mux's answers.
func TestNoRoute(t *testing.T) {
	ts := newTestServer(t, Config{})
	for _, c := range []struct {
		method, path string
		status       int
		allow        string
		errPart      string
	}{
		{http.MethodGet, "/v1/nothing", http.StatusNotFound, "", `no route "/v1/nothing"`},
		{http.MethodPost, "/v1/screen/more", http.StatusNotFound, "", `no route "/v1/screen/more"`},
		{http.MethodGet, "/v1/alerts/1/nothing", http.StatusNotFound, "", `no route "/v1/alerts/1/nothing"`},
		{http.MethodGet, "/v2/screen", http.StatusNotFound, "", `no route "/v2/screen"`},
		{http.MethodGet, "/v1/screen", http.StatusMethodNotAllowed, "POST", `method "GET" is not allowed on "/v1/screen": use POST`},
		{http.MethodDelete, "/v1/alerts/1", http.StatusMethodNotAllowed, "GET, HEAD", `method "DELETE" is not allowed on "/v1/alerts/1": use GET, HEAD`},
		{http.MethodPut, "/v1/audit", http.StatusMethodNotAllowed, "GET, HEAD", `method "PUT" is not allowed`},
		{http.MethodGet, "/admin/reload", http.StatusMethodNotAllowed, "POST", `method "GET" is not allowed`},
	} {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			r := ts.do(t, c.method, c.path, nil)
			assert.Equal(t, c.status, r.status, "%s", r.body)
			assert.Equal(t, "application/json", r.header.Get("Content-Type"))
			assert.Equal(t, c.allow, r.header.Get("Allow"))
			assert.Contains(t, r.errorOf(t), c.errPart)
		})
	}
	r := ts.do(t, http.MethodGet, "/review/nothing", nil)
	assert.Equal(t, http.StatusNotFound, r.status)
	assert.Equal(t, "text/html; charset=utf-8", r.header.Get("Content-Type"), "a page, as TestReviewNoRoute checks")
}

// TestStopped: a screening its request's context stops (the client went
// away) is answered 503 with an error alone, for one query and for a
// batch: no result, whose empty matches could be read as "no match", and
// no count of an unscreenable query.
func TestStopped(t *testing.T) {
	ts := newTestServer(t, Config{})
	for _, c := range []struct {
		name, path, body string
	}{
		{"screen", "/v1/screen", `{"name": "Kaspersky Lab"}`},
		{"explain", "/v1/explain", `{"name": "Kaspersky Lab"}`},
		{"batch", "/v1/screen/batch", `[{"name": "Kaspersky Lab"}, {"name": "Contoso"}]`},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			w := newRecorder()
			ts.ServeHTTP(w, newRequest(t, http.MethodPost, c.path, c.body).WithContext(ctx))
			assert.Equal(t, http.StatusServiceUnavailable, w.Code, "%s", w.Body)
			var body map[string]any
			require.NoError(t, json.Unmarshal(w.Body.Bytes(), &body), "%s", w.Body)
			assert.Equal(t, []string{"error"}, slices.Collect(maps.Keys(body)), "an error alone: %s", w.Body)
			assert.Contains(t, body["error"], "screening stopped before it finished (context canceled)")
		})
	}
	assert.Zero(t, ts.metrics.unscreenable.Load(), "a stopped screening is no unscreenable query")
}

// TestLongValuesNotEchoed: a value a client gives at length, in a path or
// a body, is quoted in the error clipped to its first 40 bytes and its
// length, by the API and the review page, not sent back whole.
func TestLongValuesNotEchoed(t *testing.T) {
	ts := newTestServer(t, Config{})
	long := strings.Repeat("x", 3000)
	for _, tc := range []struct{ name, method, path, body string }{
		{"an alert id", http.MethodGet, "/v1/alerts/" + long, ""},
		{"an alert id on the page", http.MethodGet, "/review/alerts/" + long, ""},
		{"a decision's alert id", http.MethodPost, "/v1/alerts/" + long + "/decision", `{}`},
		{"no route", http.MethodGet, "/v1/" + long, ""},
		{"no page", http.MethodGet, "/review/" + long, ""},
		{"a style sheet", http.MethodGet, "/review/static/" + long, ""},
		{"a status", http.MethodGet, "/v1/alerts?status=" + long, ""},
		{"a source", http.MethodPost, "/v1/screen", `{"name": "x", "sources": ["` + long + `"]}`},
		{"a type", http.MethodPost, "/v1/screen", `{"name": "x", "types": ["` + long + `"]}`},
		{"a method", long, "/v1/screen", ""},
		{"a method on the page", long, "/review/alerts/1", ""},
		{"a country", http.MethodPost, "/v1/screen", `{"name": "x", "country": "` + long + `"}`},
		{"a kind", http.MethodPost, "/v1/screen", `{"name": "x", "kind": "` + long + `"}`},
		{"a country in a batch", http.MethodPost, "/v1/screen/batch", `[{"name": "x", "country": "` + long + `"}]`},
		{"an unknown key", http.MethodPost, "/v1/screen", `{"name": "x", "` + long + `": 1}`},
		{"a name of nothing", http.MethodPost, "/v1/screen", `{"name": "` + strings.Repeat("-", 1000) + `"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var body any
			if tc.body != "" {
				body = tc.body
			}
			r := ts.do(t, tc.method, tc.path, body)
			// A query that cannot be screened is a record of the query as
			// given (in a batch, 200), whose error is what quotes it.
			msg := string(r.body)
			type record struct{ Query, Error *string }
			var rec record
			var recs []record
			if json.Unmarshal(r.body, &rec) == nil && rec.Error != nil {
				msg = *rec.Error
			} else if json.Unmarshal(r.body, &recs) == nil && len(recs) == 1 && recs[0].Query != nil && recs[0].Error != nil {
				msg = *recs[0].Error
			} else {
				assert.GreaterOrEqual(t, r.status, 400, "%.200s", r.body)
			}
			assert.NotContains(t, msg, long[:41], "%.200s", msg)
			assert.NotContains(t, msg, strings.Repeat("-", 41), "%.200s", msg)
			assert.Regexp(t, `("|&#34;)… \(\d+ bytes\)`, msg)
		})
	}
}
