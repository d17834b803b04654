package service

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/monitor"
	"github.com/entityscreen/entityscreen/screening"
)

// openAPIDoc is the part of the OpenAPI document the tests read.
type openAPIDoc struct {
	OpenAPI    string                                `json:"openapi"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas map[string]*schema `json:"schemas"`
	} `json:"components"`
}

// schema is the part of a JSON Schema the tests check values against.
type schema struct {
	Ref                  string             `json:"$ref"`
	Type                 any                `json:"type"` // a string, or a list of them
	Properties           map[string]*schema `json:"properties"`
	Required             []string           `json:"required"`
	Items                *schema            `json:"items"`
	AdditionalProperties any                `json:"additionalProperties"`
	Enum                 []any              `json:"enum"`
}

func readOpenAPI(t *testing.T) openAPIDoc {
	t.Helper()
	var doc openAPIDoc
	require.NoError(t, json.Unmarshal(openAPI, &doc))
	require.True(t, strings.HasPrefix(doc.OpenAPI, "3."), "an OpenAPI 3 document")
	return doc
}

// documentedRoutes returns the operations of the document as ServeMux
// patterns ("GET /v1/alerts/{id}"; a path ending in "/" is exact, "{$}").
func (doc openAPIDoc) documentedRoutes() []string {
	var out []string
	for path, ops := range doc.Paths {
		for method := range ops {
			switch method {
			case "get", "post", "put", "patch", "delete", "head", "options":
			default:
				continue // parameters, summary...
			}
			p := path
			if strings.HasSuffix(p, "/") {
				p += "{$}"
			}
			out = append(out, strings.ToUpper(method)+" "+p)
		}
	}
	sort.Strings(out)
	return out
}

// TestOpenAPIRoutes: the document describes exactly the routes of the
// Server, and every route it describes is one the mux takes: walked both
// ways, through the mux itself.
func TestOpenAPIRoutes(t *testing.T) {
	doc := readOpenAPI(t)
	var table []string
	for _, rt := range routeTable {
		table = append(table, rt.pattern)
	}
	sort.Strings(table)
	assert.Equal(t, table, doc.documentedRoutes(), "the routes of routeTable and of openapi.json differ")

	s, err := New(Config{Load: loadFile(listV1)})
	require.NoError(t, err)
	for _, pattern := range doc.documentedRoutes() {
		method, path, _ := strings.Cut(pattern, " ")
		concrete := strings.NewReplacer("{$}", "", "{id}", "7", "{file}", "style.css").Replace(path)
		req := httptest.NewRequest(method, concrete, nil)
		_, got := s.mux.Handler(req)
		assert.Equal(t, pattern, got, "the mux routes %s %s elsewhere", method, concrete)
	}
	// And a path the document does not describe is no route.
	for _, p := range []string{"/v1/screens", "/v1/alerts/7/history", "/review/other", "/admin"} {
		_, got := s.mux.Handler(httptest.NewRequest(http.MethodGet, p, nil))
		assert.Empty(t, got, p)
	}
}

// TestOpenAPIServed: the document is served as checked in, to anyone.
func TestOpenAPIServed(t *testing.T) {
	ts := newTestServer(t, Config{Keys: testKeys(t)})
	r := ts.do(t, http.MethodGet, "/openapi.json", nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, openAPI, r.body)
	assert.Equal(t, "application/json", r.header.Get("Content-Type"))
}

// TestOpenAPISchemas: the records the Server answers with have exactly
// the fields the document gives them: every key of a real answer is a
// property of its schema, every required property is there, nested
// records included, those of the lists other than the CSL (OFAC's own
// files, SAM) among them.
func TestOpenAPISchemas(t *testing.T) {
	doc := readOpenAPI(t)
	ts := newTestServer(t, Config{})
	// A decision, so that the audit holds every kind of record.
	alerts, err := ts.store.Alerts(context.Background(), monitor.AlertFilter{})
	require.NoError(t, err)
	r := ts.do(t, http.MethodPost, fmt.Sprintf("/v1/alerts/%d/decision", alerts[0].ID), `{"action": "escalate", "reason": "r", "reviewer": "ana"}`)
	require.Equal(t, http.StatusCreated, r.status)
	decision := r.body

	for _, tt := range []struct {
		name, schema string
		body         []byte
	}{
		{"screened", "Result", ts.do(t, http.MethodPost, "/v1/screen", `{"name": "Orion Star Shipping", "country": "AE", "kind": "company", "address": "Dubai", "id": "774411"}`).body},
		{"near misses", "Result", ts.do(t, http.MethodPost, "/v1/explain", `{"name": "Kaspersky Group"}`).body},
		{"person", "Result", ts.do(t, http.MethodPost, "/v1/screen", `{"name": "Ivan Petrov", "kind": "person"}`).body},
		{"unscreenable", "Result", ts.do(t, http.MethodPost, "/v1/screen", `{"name": ""}`).body},
		{"error", "Error", ts.do(t, http.MethodPost, "/v1/screen", `{"x": 1}`).body},
		{"list", "ListInfo", ts.do(t, http.MethodGet, "/v1/list", nil).body},
		{"health", "Health", ts.do(t, http.MethodGet, "/healthz", nil).body},
		{"ready", "Ready", ts.do(t, http.MethodGet, "/readyz", nil).body},
		{"alert", "Alert", ts.do(t, http.MethodGet, fmt.Sprintf("/v1/alerts/%d", alerts[1].ID), nil).body},
		{"decision", "Decision", decision},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var v any
			require.NoError(t, json.Unmarshal(tt.body, &v), "%s", tt.body)
			checkSchema(t, doc, tt.schema, doc.Components.Schemas[tt.schema], v)
		})
	}
	t.Run("batch", func(t *testing.T) {
		var v []any
		require.NoError(t, json.Unmarshal(ts.do(t, http.MethodPost, "/v1/screen/batch", `[{"name": "AO Kaspersky Lab"}, {"name": ""}]`).body, &v))
		for i, e := range v {
			checkSchema(t, doc, fmt.Sprintf("[%d]", i), doc.Components.Schemas["Result"], e)
		}
	})
	t.Run("weak aliases screened", func(t *testing.T) {
		ws := newTestServer(t, Config{Options: []screening.Option{screening.WithWeakAliases(true)}})
		body := ws.do(t, http.MethodPost, "/v1/screen", `{"name": "Orion Star Shipping"}`).body
		var v map[string]any
		require.NoError(t, json.Unmarshal(body, &v), "%s", body)
		assert.Equal(t, true, v["weak_aliases"], "%s", body)
		checkSchema(t, doc, "Result", doc.Components.Schemas["Result"], v)
	})
	// /v1/list says whether the list's weak aliases are screened, and how
	// many names are such aliases.
	for _, weak := range []bool{false, true} {
		t.Run(fmt.Sprintf("list, weak aliases screened %v", weak), func(t *testing.T) {
			ls := newTestServer(t, Config{Load: loadFile("../entitylist/testdata/ofac"),
				Options: []screening.Option{screening.WithWeakAliases(weak)}})
			body := ls.do(t, http.MethodGet, "/v1/list", nil).body
			var info ListInfo
			require.NoError(t, json.Unmarshal(body, &info), "%s", body)
			assert.Equal(t, weak, info.WeakAliases, "%s", body)
			assert.Positive(t, info.WeakAliasNames, "the fixture's weak a.k.a.: %s", body)
			var v any
			require.NoError(t, json.Unmarshal(body, &v))
			checkSchema(t, doc, "ListInfo", doc.Components.Schemas["ListInfo"], v)
		})
	}
	// The fields only some lists publish: OFAC's own files give aliases
	// with their kind (and a match on one its matched_alias) and the
	// parties an entry is linked to; SAM its agency and exclusion type.
	for _, tt := range []struct {
		name, list, query string
		opts              []screening.Option
		match, entry      []string // keys the first match and its entry must have
	}{
		{"OFAC's files", "../entitylist/testdata/ofac", "Orion Trading FZE", nil, []string{"matched_alias"}, []string{"aliases", "linked_to"}},
		{"OFAC's weak alias", "../entitylist/testdata/ofac", "OST", []screening.Option{screening.WithWeakAliases(true)}, []string{"matched_alias"}, []string{"aliases"}},
		{"SAM", "../entitylist/testdata/sam/exclusions.csv", "Example Telecom Equipment Co Ltd", nil, nil, []string{"agency", "exclusion_type"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ls := newTestServer(t, Config{Load: loadFile(tt.list), Options: tt.opts})
			r := ls.do(t, http.MethodPost, "/v1/screen", `{"name": "`+tt.query+`"}`)
			require.Equal(t, http.StatusOK, r.status, "%s", r.body)
			var v struct {
				Matches []map[string]any `json:"matches"`
			}
			r.decode(t, &v)
			require.NotEmpty(t, v.Matches, "%s", r.body)
			for _, k := range tt.match {
				assert.Contains(t, v.Matches[0], k, "the check sees the match's %q", k)
			}
			for _, k := range tt.entry {
				assert.Contains(t, v.Matches[0]["entry"], k, "the check sees the entry's %q", k)
			}
			if tt.opts != nil {
				assert.Equal(t, map[string]any{"name": "OST", "kind": "aka", "weak": true}, v.Matches[0]["matched_alias"])
			}
			var all any
			r.decode(t, &all)
			checkSchema(t, doc, "Result", doc.Components.Schemas["Result"], all)
		})
	}
	t.Run("decisions", func(t *testing.T) {
		var v []any
		require.NoError(t, json.Unmarshal(ts.do(t, http.MethodGet, fmt.Sprintf("/v1/alerts/%d/decisions", alerts[0].ID), nil).body, &v))
		require.Len(t, v, 1)
		checkSchema(t, doc, "[0]", doc.Components.Schemas["Decision"], v[0])
	})
	t.Run("audit", func(t *testing.T) {
		kinds := map[string]bool{}
		for line := range strings.Lines(string(ts.do(t, http.MethodGet, "/v1/audit", nil).body)) {
			var v map[string]any
			require.NoError(t, json.Unmarshal([]byte(line), &v))
			kinds[v["kind"].(string)] = true
			checkSchema(t, doc, "AuditRecord", doc.Components.Schemas["AuditRecord"], v)
		}
		assert.Len(t, kinds, 4, "runs, alerts, decisions and events")
	})
}

// checkSchema checks v against s: its keys, its required keys, the types
// of objects and arrays, recursively; at says where, for the messages.
func checkSchema(t *testing.T, doc openAPIDoc, at string, s *schema, v any) {
	t.Helper()
	require.NotNil(t, s, "%s: no schema", at)
	if s.Ref != "" {
		name := strings.TrimPrefix(s.Ref, "#/components/schemas/")
		checkSchema(t, doc, at, doc.Components.Schemas[name], v)
		return
	}
	types := map[string]bool{}
	switch ty := s.Type.(type) {
	case string:
		types[ty] = true
	case []any:
		for _, x := range ty {
			types[x.(string)] = true
		}
	}
	if len(s.Enum) > 0 {
		assert.Contains(t, s.Enum, v, "%s: a value the document does not list", at)
	}
	switch x := v.(type) {
	case nil:
		assert.True(t, types["null"], "%s: null where the document says %v", at, s.Type)
	case map[string]any:
		require.True(t, types["object"], "%s: an object where the document says %v", at, s.Type)
		for _, req := range s.Required {
			assert.Contains(t, x, req, "%s: the required %q is missing", at, req)
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if ps, ok := s.Properties[k]; ok {
				checkSchema(t, doc, at+"."+k, ps, x[k])
				continue
			}
			switch ap := s.AdditionalProperties.(type) {
			case map[string]any: // a map, such as by_source: values of one type
				b, _ := json.Marshal(ap)
				var vs schema
				require.NoError(t, json.Unmarshal(b, &vs))
				checkSchema(t, doc, at+"."+k, &vs, x[k])
			default:
				t.Errorf("%s: key %q is not in the document", at, k)
			}
		}
	case []any:
		require.True(t, types["array"], "%s: an array where the document says %v", at, s.Type)
		for i, e := range x {
			checkSchema(t, doc, fmt.Sprintf("%s[%d]", at, i), s.Items, e)
		}
	case string:
		assert.True(t, types["string"], "%s: a string where the document says %v", at, s.Type)
	case float64:
		assert.True(t, types["number"] || types["integer"], "%s: a number where the document says %v", at, s.Type)
	case bool:
		assert.True(t, types["boolean"], "%s: a boolean where the document says %v", at, s.Type)
	}
}

// TestOpenAPIWaysOfMeeting: the document names every way two words can
// meet, in the order of screening.How, and the review page says each in
// words; a new way of meeting must be added to both.
func TestOpenAPIWaysOfMeeting(t *testing.T) {
	doc := readOpenAPI(t)
	how := doc.Components.Schemas["WordPair"].Properties["how"]
	require.NotNil(t, how, "WordPair.how")
	var names []any
	for h := screening.How(0); h.String() != "unknown"; h++ {
		names = append(names, h.String())
		if h != screening.NoMatch {
			assert.NotEmpty(t, howText[h], "the review page's words for %q", h)
		}
	}
	assert.Equal(t, names, how.Enum)
}

// TestOpenAPIAlertPages: the document gives the lists of alerts the
// parameters their handlers read, with their bounds, and the headers
// that point at the next page.
func TestOpenAPIAlertPages(t *testing.T) {
	var doc struct {
		Paths map[string]map[string]struct {
			Parameters []struct {
				Name   string `json:"name"`
				In     string `json:"in"`
				Schema struct {
					Minimum, Maximum, Default int
				} `json:"schema"`
			} `json:"parameters"`
			Responses map[string]struct {
				Headers map[string]any `json:"headers"`
			} `json:"responses"`
		} `json:"paths"`
	}
	require.NoError(t, json.Unmarshal(openAPI, &doc))
	for _, path := range []string{"/v1/alerts", "/review/"} {
		op := doc.Paths[path]["get"]
		var names []string
		for _, p := range op.Parameters {
			assert.Equal(t, "query", p.In)
			names = append(names, p.Name)
			if p.Name == "limit" {
				assert.Equal(t, 1, p.Schema.Minimum)
				assert.Equal(t, maxAlertLimit, p.Schema.Maximum)
				assert.Equal(t, defaultAlertLimit, p.Schema.Default)
			}
		}
		assert.ElementsMatch(t, []string{"status", "vendor", "limit", "after"}, names, path)
	}
	headers := slices.Sorted(maps.Keys(doc.Paths["/v1/alerts"]["get"].Responses["200"].Headers))
	assert.Equal(t, []string{"Link", "X-Next-Cursor"}, headers)
}
