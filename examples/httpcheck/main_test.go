package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

func TestHandler(t *testing.T) {
	list, err := entitylist.Open("../../testdata/cli/csl.csv")
	require.NoError(t, err)
	s, err := screening.New(list)
	require.NoError(t, err)
	srv := httptest.NewServer(Handler(s))
	defer srv.Close()

	tests := []struct {
		name      string
		method    string
		body      string
		status    int
		alert     bool
		firstName string // the first match's entry name, if any
		errPart   string
	}{
		{"listed name", http.MethodPost, `{"name": "AO Kaspersky Lab", "country": "RU"}`, http.StatusOK, true, "AO Kaspersky Lab", ""},
		{"clean name", http.MethodPost, `{"name": "Contoso Paper Supplies"}`, http.StatusOK, false, "", ""},
		{"white space around the object", http.MethodPost, " \r\n\t{\"name\": \"AO Kaspersky Lab\"}\n ", http.StatusOK, true, "AO Kaspersky Lab", ""},
		{"surrogate pair", http.MethodPost, `{"name": "AO Kaspersky Lab \ud83d\ude00"}`, http.StatusOK, true, "AO Kaspersky Lab", ""},
		{"empty name", http.MethodPost, `{"name": "   "}`, http.StatusUnprocessableEntity, false, "", "empty"},
		{"malformed body", http.MethodPost, `{"name": `, http.StatusBadRequest, false, "", "invalid request body"},
		{"unknown field", http.MethodPost, `{"nam": "x"}`, http.StatusBadRequest, false, "", "unknown field"},
		{"empty body", http.MethodPost, ` `, http.StatusBadRequest, false, "", "invalid request body: empty"},
		{"not an object", http.MethodPost, `null`, http.StatusBadRequest, false, "", `a JSON object is expected, not 'n' at byte 0`},
		{"trailing data", http.MethodPost, `{"name": "AO Kaspersky Lab"} x`, http.StatusBadRequest, false, "", "data after the object, at byte 29"},
		{"trailing brace", http.MethodPost, `{"name": "AO Kaspersky Lab"}}`, http.StatusBadRequest, false, "", "data after the object, at byte 28"},
		{"second object", http.MethodPost, `{"name": "Contoso"}{"name": "AO Kaspersky Lab"}`, http.StatusBadRequest, false, "", "a second JSON value after the object, at byte 19"},
		{"second value", http.MethodPost, "{\"name\": \"Contoso\"}\n\"AO Kaspersky Lab\"", http.StatusBadRequest, false, "", "a second JSON value after the object, at byte 20"},
		{"repeated key", http.MethodPost, `{"name": "Contoso", "name": "AO Kaspersky Lab"}`, http.StatusBadRequest, false, "", `key "name" repeats "name"`},
		{"repeated key in another case", http.MethodPost, `{"name": "Contoso", "country": "US", "NAME": "AO Kaspersky Lab"}`, http.StatusBadRequest, false, "", `key "NAME" repeats "name"`},
		{"invalid UTF-8", http.MethodPost, "{\"name\": \"AO Kaspersky \xff Lab\"}", http.StatusBadRequest, false, "", "invalid UTF-8 at byte 23"},
		{"lone surrogate", http.MethodPost, `{"name": "AO Kaspersky \ud800 Lab"}`, http.StatusBadRequest, false, "", `an escaped lone surrogate \ud800 at byte 23`},
		{"lone low surrogate", http.MethodPost, `{"name": "AO \\ Kaspersky \udc00"}`, http.StatusBadRequest, false, "", `an escaped lone surrogate \udc00 at byte 26`},
		{"wrong method", http.MethodGet, ``, http.StatusMethodNotAllowed, false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, srv.URL+"/v1/screen", strings.NewReader(tt.body))
			require.NoError(t, err)
			req.Header.Set("Content-Type", "application/json")
			resp, err := srv.Client().Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			assert.Equal(t, tt.status, resp.StatusCode)
			switch {
			case tt.status == http.StatusOK:
				// The response as a client in another language reads it.
				var r struct {
					Alert   bool `json:"alert"`
					Matches []struct {
						ID          string          `json:"id"`
						Name        string          `json:"name"`
						Explanation json.RawMessage `json:"explanation"`
					} `json:"matches"`
					ListVersion struct {
						SHA256 string `json:"sha256"`
					} `json:"list_version"`
				}
				require.NoError(t, json.NewDecoder(resp.Body).Decode(&r))
				assert.Equal(t, tt.alert, r.Alert)
				assert.Equal(t, list.Version().SHA256, r.ListVersion.SHA256)
				if tt.firstName != "" {
					require.NotEmpty(t, r.Matches)
					assert.Equal(t, tt.firstName, r.Matches[0].Name)
					assert.NotEmpty(t, r.Matches[0].ID)
					assert.Contains(t, string(r.Matches[0].Explanation), `"candidate"`)
				} else {
					assert.Empty(t, r.Matches)
				}
			case tt.errPart != "":
				// A query that cannot be screened is answered with its
				// Result, a body that is no query with an error alone.
				var r struct {
					Query string `json:"query"`
					Error string `json:"error"`
				}
				require.NoError(t, json.NewDecoder(resp.Body).Decode(&r))
				assert.Contains(t, r.Error, tt.errPart)
			}
		})
	}
}

// TestHandlerIsTheLibraryRecord: the answer is, byte for byte, the
// library's JSON record of the Result, as the command's JSON Lines and
// "entityscreen serve" write it, a newline after it.
func TestHandlerIsTheLibraryRecord(t *testing.T) {
	list, err := entitylist.Open("../../testdata/cli/csl.csv")
	require.NoError(t, err)
	s, err := screening.New(list)
	require.NoError(t, err)
	srv := httptest.NewServer(Handler(s))
	defer srv.Close()
	for _, q := range []screening.Query{
		{Name: "AO Kaspersky Lab", Country: "RU"},
		{Name: "Volga Precision Machinery", Kind: entitylist.TypeEntity, ID: "6312000001"},
		{Name: "Contoso Paper Supplies"},
		{Name: "Smith & Sons <Trading>"},
	} {
		body, err := json.Marshal(q)
		require.NoError(t, err)
		resp, err := srv.Client().Post(srv.URL+"/v1/screen", "application/json", strings.NewReader(string(body)))
		require.NoError(t, err)
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.NoError(t, err)
		want, err := s.Screen(context.Background(), q)
		require.NoError(t, err)
		b, err := want.MarshalJSON()
		require.NoError(t, err)
		assert.Equal(t, string(b)+"\n", string(got), q.Name)
	}
}

// TestHandlerRequests: the content type and the size of a request are
// checked before its body is read as a query.
func TestHandlerRequests(t *testing.T) {
	s, err := screening.New(entitylist.Default())
	require.NoError(t, err)
	srv := httptest.NewServer(Handler(s))
	defer srv.Close()
	query := `{"name": "Contoso Paper Supplies"}`
	tests := []struct {
		name        string
		contentType string // "-": none
		body        string
		status      int
		errPart     string
	}{
		{"json", "application/json", query, http.StatusOK, ""},
		{"json, charset utf-8", "application/json; charset=UTF-8", query, http.StatusOK, ""},
		{"json, other parameter", "Application/JSON; profile=x", query, http.StatusOK, ""},
		{"no content type", "-", query, http.StatusUnsupportedMediaType, "no Content-Type"},
		{"form, as curl -d sends", "application/x-www-form-urlencoded", query, http.StatusUnsupportedMediaType, `"application/x-www-form-urlencoded": send the query as "application/json"`},
		{"text", "text/plain", query, http.StatusUnsupportedMediaType, `"text/plain"`},
		{"json, another charset", "application/json; charset=latin1", query, http.StatusUnsupportedMediaType, `charset "latin1"`},
		{"malformed content type", "application/json; =", query, http.StatusUnsupportedMediaType, "Content-Type"},
		{"body at the limit", "application/json", `{"name": "Contoso Paper Supplies"}` + strings.Repeat(" ", maxBody-len(query)), http.StatusOK, ""},
		{"body over the limit", "application/json", `{"name": "Contoso Paper Supplies"}` + strings.Repeat(" ", maxBody-len(query)+1), http.StatusRequestEntityTooLarge, "request body longer than 16384 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodPost, srv.URL+"/v1/screen", strings.NewReader(tt.body))
			require.NoError(t, err)
			if tt.contentType != "-" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			resp, err := srv.Client().Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			assert.Equal(t, tt.status, resp.StatusCode)
			assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
			var r struct {
				Query *string `json:"query"`
				Error string  `json:"error"`
			}
			require.NoError(t, json.NewDecoder(resp.Body).Decode(&r))
			if tt.errPart == "" {
				assert.Empty(t, r.Error)
				assert.NotNil(t, r.Query, "a result")
				return
			}
			assert.Contains(t, r.Error, tt.errPart)
			assert.Nil(t, r.Query, "no result, an error alone")
		})
	}
}
