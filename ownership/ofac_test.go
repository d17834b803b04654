package ownership_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/ownership"
)

// ofacCase is a worked case of the 50 Percent Rule.
type ofacCase struct {
	ID      string      `json:"id"`
	Listed  []string    `json:"listed"`
	Edges   [][3]any    `json:"edges"`
	Control [][2]string `json:"control"`
	Blocked []string    `json:"blocked"`
	Issues  []string    `json:"-"` // issue kinds the case expects (fixtures only)
}

// blockedUnderOFAC returns the parties the OFAC rule finds owned (blocked for
// their owners), and checks that the listed ones are found listed.
func blockedUnderOFAC(t *testing.T, rep *ownership.Report, g *ownership.Graph, listed []string) []string {
	t.Helper()
	var blocked []string
	for p := range g.Parties() {
		ro := rule(t, outcome(t, rep, p.ID), ofac)
		if slices.Contains(listed, p.ID) {
			assert.Equal(t, ownership.Listed, ro.Finding, "%s is listed", p.ID)
			continue
		}
		assert.NotEqual(t, ownership.Possibly, ro.Finding, "%s: exact shares leave no doubt", p.ID)
		if ro.Finding == ownership.Owned {
			blocked = append(blocked, p.ID)
		}
	}
	slices.Sort(blocked)
	return blocked
}

// TestOFACCasesShared runs the worked cases of ../shared/data/ownership/
// ofac-50pct-cases.json (OFAC FAQ 398, 401; the 2014 guidance), built
// through AddParty and AddEdge.
func TestOFACCasesShared(t *testing.T) {
	raw, err := os.ReadFile(shared(t, "ofac-50pct-cases.json"))
	require.NoError(t, err)
	var doc struct {
		Cases []ofacCase `json:"cases"`
	}
	require.NoError(t, json.Unmarshal(raw, &doc))
	require.NotEmpty(t, doc.Cases)
	for _, c := range doc.Cases {
		t.Run(c.ID, func(t *testing.T) {
			g := ownership.NewGraph()
			for _, l := range c.Listed {
				_, err := g.AddParty(ownership.Party{ID: l, ListRefs: []ownership.ListRef{{Source: entitylist.SpeciallyDesignated, ID: l}}})
				require.NoError(t, err)
			}
			for _, e := range c.Edges {
				pct, ok := e[2].(float64)
				require.True(t, ok, "edge %v", e)
				require.NoError(t, g.AddEdge(ownership.Edge{Owner: e[0].(string), Owned: e[1].(string), Share: ownership.Exact(pct)}))
			}
			for _, e := range c.Control {
				require.NoError(t, g.AddEdge(ownership.Edge{Owner: e[0], Owned: e[1], Kind: ownership.Control, Share: ownership.UnknownShare()}))
			}
			rep := evaluate(t, g, listOf(t, "X", "Y"), ownership.Options{AsOf: date("2025-01-15")})
			assert.ElementsMatch(t, c.Blocked, blockedUnderOFAC(t, rep, g, c.Listed))
			for _, e := range c.Control {
				assert.True(t, hasIssue(outcome(t, rep, e[1]), ownership.IssueControl), "control of %s reported", e[1])
			}
		})
	}
}

// TestOFACCasesFixture runs the same cases from the fixtures of
// testdata/ownership/ofac, written in the ownership CSV, so that they run
// without the shared data; when the shared file is there, it checks that the
// fixtures cover all of its cases.
func TestOFACCasesFixture(t *testing.T) {
	paths, err := filepath.Glob(fixture("ofac", "*.csv"))
	require.NoError(t, err)
	require.Len(t, paths, 7)
	var ids []string
	for _, path := range paths {
		id := strings.TrimSuffix(filepath.Base(path), ".csv")
		ids = append(ids, id)
		t.Run(id, func(t *testing.T) {
			c := readExpectations(t, path)
			g := ownership.NewGraph()
			readFile(t, g, csvReader, path)
			var listed []string
			for p := range g.Parties() {
				if len(p.ListRefs) > 0 {
					listed = append(listed, p.ID)
				}
			}
			rep := evaluate(t, g, listOf(t, "X", "Y"), ownership.Options{AsOf: date("2025-01-15")})
			assert.ElementsMatch(t, c.Blocked, blockedUnderOFAC(t, rep, g, listed))
			for _, k := range c.Issues {
				found := false
				for p := range g.Parties() {
					for _, is := range outcome(t, rep, p.ID).Issues {
						found = found || is.Kind.String() == k
					}
				}
				assert.True(t, found, "an issue of kind %s", k)
			}
		})
	}
	t.Run("chain paths", func(t *testing.T) {
		g := ownership.NewGraph()
		readFile(t, g, csvReader, fixture("ofac", "faq401-ex1-chain.csv"))
		rep := evaluate(t, g, listOf(t, "X", "Y"), ownership.Options{AsOf: date("2025-01-15")})
		ro := rule(t, outcome(t, rep, "B"), ofac)
		require.Len(t, ro.Paths, 1)
		assert.Equal(t, "X -50%-> A -50%-> B", ro.Paths[0].String())
		assert.Equal(t, ownership.Exact(50), ro.Held, "B is held 50% by blocked A, not 25%")
		require.Len(t, ro.Owners, 1)
		assert.Equal(t, "A", ro.Owners[0].Owner)
		assert.Equal(t, ownership.Owned, ro.Owners[0].Finding)
		assert.Contains(t, ro.Reason, "owned 50%")
		assert.Equal(t, "faq401-ex1-chain.csv", ro.Paths[0].Steps[1].Records[0].Origin)
		assert.Equal(t, 7, ro.Paths[0].Steps[1].Records[0].Line)
	})
	if _, err := os.Stat(filepath.Join("..", "..", "shared", "data", "ownership", "ofac-50pct-cases.json")); err == nil {
		raw, err := os.ReadFile(filepath.Join("..", "..", "shared", "data", "ownership", "ofac-50pct-cases.json"))
		require.NoError(t, err)
		var doc struct {
			Cases []ofacCase `json:"cases"`
		}
		require.NoError(t, json.Unmarshal(raw, &doc))
		var want []string
		for _, c := range doc.Cases {
			want = append(want, c.ID)
		}
		slices.Sort(want)
		assert.Equal(t, want, ids, "the fixtures cover the shared cases")
	}
}

// readExpectations reads the "# expect blocked:" and "# expect issue:"
// comments of a case fixture.
func readExpectations(t *testing.T, path string) ofacCase {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	c := ofacCase{Blocked: []string{}}
	sc := bufio.NewScanner(f)
	seen := false
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "# expect blocked:"); ok {
			c.Blocked = append(c.Blocked, strings.Fields(rest)...)
			seen = true
		}
		if rest, ok := strings.CutPrefix(line, "# expect issue:"); ok {
			c.Issues = append(c.Issues, strings.Fields(rest)...)
		}
	}
	require.True(t, seen, "%s states no expectation", path)
	return c
}
