package service

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/entityscreen/entityscreen/screening"
)

// FuzzBatchEndpoint posts any body to the batch endpoint, as a JSON array
// or as JSON Lines, and checks the answer: 200, 400, 413 or 415, never a
// server error; every answer valid UTF-8 JSON; an error an "error" string;
// a 200 one result per query batchItems finds in the body, in order, each
// with scores in [0, 1].
func FuzzBatchEndpoint(f *testing.F) {
	for _, s := range []string{
		`[{"name": "AO Kaspersky Lab", "country": "RU"}, {"name": "Acme", "kind": "robot"}]`,
		"{\"name\": \"Orion Star Shipping\", \"id\": \"774411\", \"limit\": 1}\r\n\n{\"name\": \"\"}\n",
		`[{"name": "x", "NAME": "y"}]`,
		`[{"name": "Contoso", "sources": ["EL", "XX"], "threshold": 2}]`,
		`[{"name": "\ud800"}, {"name": "a"}]`,
		"[{\"name\": \"\xff\"}]",
		`[{"name": "a"}, {"name": "b"}, {"name": "c"}, {"name": "d"}, {"name": "e"}]`,
		`[]`, `{}`, ``, `[1]`, `[{"name": "a"}] x`,
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	ts := newTestServer(f, Config{MaxBatch: 4, MaxBatchBody: 4 << 10})
	f.Fuzz(func(t *testing.T, body []byte, lines bool) {
		ct := "application/json"
		if lines {
			ct = "application/x-ndjson"
		}
		req, err := http.NewRequest(http.MethodPost, "/v1/screen/batch", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", ct)
		w := newRecorder()
		ts.ServeHTTP(w, req)
		out := w.Body.Bytes()
		if !utf8.Valid(out) {
			t.Fatalf("%d: answer not valid UTF-8: %q", w.Code, out)
		}
		switch w.Code {
		case http.StatusOK:
		case http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType:
			var e struct {
				Error string `json:"error"`
			}
			if err := json.Unmarshal(out, &e); err != nil || e.Error == "" {
				t.Fatalf("%d: answer %q is no JSON error: %v", w.Code, out, err)
			}
			return
		default:
			t.Fatalf("status %d for %q: %s", w.Code, body, out)
		}
		items, err := batchItems(body, lines, 4)
		if err != nil {
			t.Fatalf("200, but batchItems fails: %v", err)
		}
		var raws []json.RawMessage
		if lines {
			for _, l := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
				raws = append(raws, json.RawMessage(l))
			}
		} else if err := json.Unmarshal(out, &raws); err != nil {
			t.Fatalf("answer not a JSON array: %v: %s", err, out)
		}
		if len(raws) != len(items) {
			t.Fatalf("%d results for %d queries: %s", len(raws), len(items), out)
		}
		for i, raw := range raws {
			var res screening.Result
			if err := json.Unmarshal(raw, &res); err != nil {
				t.Fatalf("result %d: %v: %s", i, err, raw)
			}
			for _, m := range res.Matches {
				if m.Score < 0 || m.Score > 1 {
					t.Fatalf("result %d: score %v out of [0,1]", i, m.Score)
				}
			}
		}
	})
}
