package ownership_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/ownership"
	"github.com/entityscreen/entityscreen/screening"
)

// fixture returns the path of a fixture of testdata/ownership.
func fixture(parts ...string) string {
	return filepath.Join(append([]string{"..", "testdata", "ownership"}, parts...)...)
}

// shared returns the path of a file of the shared data directory, skipping
// the test when it is absent (the data is not part of the repository).
func shared(t testing.TB, parts ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{"..", "..", "shared", "data", "ownership"}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data %s absent: %v", p, err)
	}
	return p
}

// date parses a YYYY-MM-DD date.
func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// testList returns the invented list of testdata/ownership/list.json.
func testList(t testing.TB) *entitylist.List {
	t.Helper()
	f, err := os.Open(fixture("list.json"))
	require.NoError(t, err)
	defer f.Close()
	l, err := entitylist.ReadJSON(f, "list.json")
	require.NoError(t, err)
	return l
}

// listOf returns a list of SDN entities with the given ids (their names the
// ids), for the OFAC cases.
func listOf(t testing.TB, ids ...string) *entitylist.List {
	t.Helper()
	var b strings.Builder
	b.WriteString(`{"results": [`)
	for i, id := range ids {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"id": "` + id + `", "source": "SDN", "type": "Entity", "programs": ["SDGT"], "name": "` + id + `"}`)
	}
	b.WriteString("]}")
	l, err := entitylist.ReadJSON(strings.NewReader(b.String()), "cases")
	require.NoError(t, err)
	return l
}

// readFile reads one fixture into g with read.
func readFile(t testing.TB, g *ownership.Graph, read func(*ownership.Graph, *os.File) error, path string) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	require.NoError(t, read(g, f))
}

func csvReader(g *ownership.Graph, f *os.File) error { return g.ReadCSV(f, filepath.Base(f.Name())) }
func gleifReader(g *ownership.Graph, f *os.File) error {
	return g.ReadGLEIF(f, filepath.Base(f.Name()))
}
func pscReader(g *ownership.Graph, f *os.File) error { return g.ReadPSC(f, filepath.Base(f.Name())) }
func ftmReader(g *ownership.Graph, f *os.File) error { return g.ReadFtM(f, filepath.Base(f.Name())) }

// screener returns a Screener of list.
func screener(t testing.TB, list *entitylist.List) *screening.Screener {
	t.Helper()
	s, err := screening.New(list)
	require.NoError(t, err)
	return s
}

// evaluate resolves g against list and evaluates it as of asOf.
func evaluate(t testing.TB, g *ownership.Graph, list *entitylist.List, opts ownership.Options) *ownership.Report {
	t.Helper()
	res, err := ownership.Resolve(context.Background(), g, screener(t, list), ownership.ResolveOptions{})
	require.NoError(t, err)
	rep, err := res.Evaluate(opts)
	require.NoError(t, err)
	return rep
}

// outcome returns the outcome of id, failing the test if there is none.
func outcome(t testing.TB, rep *ownership.Report, id string) ownership.Outcome {
	t.Helper()
	o, ok := rep.Outcome(id)
	require.True(t, ok, "no party %q", id)
	return o
}

// rule returns the outcome under the rule of the given ID.
func rule(t testing.TB, o ownership.Outcome, id string) ownership.RuleOutcome {
	t.Helper()
	for _, ro := range o.Rules {
		if ro.Rule == id {
			return ro
		}
	}
	t.Fatalf("no rule %q in the outcome of %s", id, o.Party.ID)
	return ownership.RuleOutcome{}
}

// hasIssue reports whether o has an issue of kind k.
func hasIssue(o ownership.Outcome, k ownership.IssueKind) bool {
	for _, is := range o.Issues {
		if is.Kind == k {
			return true
		}
	}
	return false
}

const (
	ofac       = "ofac-50"
	affiliates = "bis-affiliates"
)
