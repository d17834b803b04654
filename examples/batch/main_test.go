package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
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

// A supplier file that starts with a byte order mark and quotes its header,
// as spreadsheets export one, is read; one that names the name column twice
// is refused, as which of the two to screen is unclear.
func TestReportHeader(t *testing.T) {
	s, err := screening.New(entitylist.Default())
	require.NoError(t, err)
	var out bytes.Buffer
	c, err := Report(context.Background(), s, strings.NewReader("\ufeff\"id\",\"name\"\r\n\"1\",\"Kaspersky Lab JSC\"\r\n"), &out, "name", "")
	require.NoError(t, err)
	assert.Equal(t, Counts{Suppliers: 1, Matched: 1}, c)
	assert.True(t, strings.HasPrefix(out.String(), "id,name,status"), out.String())

	out.Reset()
	_, err = Report(context.Background(), s, strings.NewReader("id,name,Name\n1,KL,Kaspersky Lab JSC\n"), &out, "name", "")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"name" twice`)
	assert.Zero(t, out.Len(), "nothing is written when the input is unusable")
}

// TestReportFormulas: no cell of the report starts a formula, whether it
// comes from the supplier file or from the list.
func TestReportFormulas(t *testing.T) {
	list := filepath.Join(t.TempDir(), "list.csv")
	require.NoError(t, os.WriteFile(list, []byte("name,aliases,country,id,notes\n"+
		`"=HYPERLINK(""http://evil.example"",""Hostile Trading"")",Hostile Formula Trading,RU,@SUM(1),x`+"\n"), 0o600))
	l, err := entitylist.Open(list)
	require.NoError(t, err)
	s, err := screening.New(l)
	require.NoError(t, err)

	in := "+1,name,@SUM(1)\n-2,Hostile Formula Trading,=1+2\n\"\tx\",+44 Hostile Formula Trading,\"\rcmd\"\n"
	var out bytes.Buffer
	c, err := Report(context.Background(), s, strings.NewReader(in), &out, "name", "")
	require.NoError(t, err)
	assert.Equal(t, Counts{Suppliers: 2, Matched: 2}, c)

	rows, err := csv.NewReader(&out).ReadAll()
	require.NoError(t, err)
	var cells []string
	for _, row := range rows {
		for _, c := range row {
			if c != "" {
				assert.NotContains(t, "=+-@\t\r", c[:1], "cell %q starts a formula", c)
			}
			cells = append(cells, c)
		}
	}
	for _, want := range []string{"'+1", "'@SUM(1)", "'-2", "'=1+2", "'\tx", "'+44 Hostile Formula Trading", "'\rcmd",
		`'=HYPERLINK("http://evil.example","Hostile Trading")`} {
		assert.Contains(t, cells, want)
	}
}

// TestCell: the cells OWASP names get a quote in front, no other.
func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "Acme": "Acme", "=1+2": "'=1+2", "+1": "'+1", "-2": "'-2", "@SUM(1)": "'@SUM(1)",
		"\tx": "'\tx", "\rx": "'\rx", "a=b": "a=b", " =1": " =1", "'=1": "'=1",
	} {
		assert.Equal(t, want, cell(in), "%q", in)
	}
}
