package main

import (
	"encoding/json"
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
		{"empty name", http.MethodPost, `{"name": "   "}`, http.StatusUnprocessableEntity, false, "", "empty"},
		{"malformed body", http.MethodPost, `{"name": `, http.StatusBadRequest, false, "", "invalid request body"},
		{"unknown field", http.MethodPost, `{"nam": "x"}`, http.StatusBadRequest, false, "", "unknown field"},
		{"wrong method", http.MethodGet, ``, http.StatusMethodNotAllowed, false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, srv.URL+"/screen", strings.NewReader(tt.body))
			require.NoError(t, err)
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
