package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

func TestReport(t *testing.T) {
	l1, err := entitylist.Open("../../testdata/cli/csl.csv")
	require.NoError(t, err)
	l2, err := entitylist.Open("../../testdata/cli/inhouse.csv")
	require.NoError(t, err)
	s, err := screening.New(entitylist.Merge(l1, l2))
	require.NoError(t, err)

	tests := []struct {
		name    string
		input   string
		matched []string // vendor ids with a potential match
		failed  int
	}{
		{"fixture", "", []string{"V-1001", "V-1003", "V-1004"}, 0},
		{"a name that cannot be screened", "vendor_id,vendor_name,country\nV-9,\"\xff\xfe\",US\nV-10,Acme Widgets Inc,US\n", nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := []byte(tt.input)
			if tt.input == "" {
				in, err = os.ReadFile("../../testdata/cli/vendors.csv")
				require.NoError(t, err)
			}
			var out bytes.Buffer
			c, err := Report(context.Background(), s, bytes.NewReader(in), &out, "vendor_name", "country")
			require.NoError(t, err)
			assert.Equal(t, tt.failed, c.Failed)
			assert.Equal(t, len(tt.matched), c.Matched)

			rows, err := csv.NewReader(&out).ReadAll()
			require.NoError(t, err)
			require.NotEmpty(t, rows)
			status := len(rows[0]) - len(reportHeader)
			assert.Equal(t, "status", rows[0][status])
			seen := map[string]bool{}
			for _, r := range rows[1:] {
				if r[status] == "potential match" {
					seen[r[0]] = true
					assert.NotEmpty(t, r[len(r)-1], "explanation")
				}
			}
			for _, id := range tt.matched {
				assert.True(t, seen[id], "%s has no potential match in\n%s", id, strings.Join(flatten(rows), "\n"))
			}
			assert.Len(t, seen, len(tt.matched))
		})
	}
}

func flatten(rows [][]string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = strings.Join(r, " | ")
	}
	return out
}

func TestReportMissingColumn(t *testing.T) {
	s, err := screening.New(entitylist.Default())
	require.NoError(t, err)
	var out bytes.Buffer
	_, err = Report(context.Background(), s, strings.NewReader("id,vendor\n1,Acme\n"), &out, "name", "")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"name"`)
	assert.Zero(t, out.Len(), "nothing is written when the input is unusable")
}
