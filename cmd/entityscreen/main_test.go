package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

// The end-to-end tests build the command once and run it on the fixtures of
// testdata/cli, each run with its own empty user cache.

const fixtures = "../../testdata/cli/"

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "entityscreen-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	binary = filepath.Join(dir, "entityscreen")
	args := append(append([]string{"build"}, buildFlags...), "-o", binary, ".")
	out, err := exec.Command("go", args...).CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "building entityscreen: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// cli is one run of the built command.
type cli struct {
	stdout, stderr string
	code           int
}

// cacheEnv returns an environment whose user cache directory is dir.
func cacheEnv(dir string) []string {
	return append(os.Environ(), "XDG_CACHE_HOME="+dir, "HOME="+dir)
}

// fixtureServer serves the fixture CSL, at every path, from a test server
// that runs until t ends, and returns the list's address there.
func fixtureServer(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(fixtures + "csl.csv")
	require.NoError(t, err)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/csv")
		w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/consolidated.csv"
}

// fetchedFixture serves the fixture CSL (fixtureServer) and updates the
// user cache at dir from it; it returns the environment of that cache and
// the list's address.
func fetchedFixture(t *testing.T, dir string) (env []string, url string) {
	t.Helper()
	env, url = cacheEnv(dir), fixtureServer(t)
	r := runCLI(t, env, "", "update", "--feeds", "csl", "--url", url)
	require.Equal(t, exitClear, r.code, r.stderr)
	return env, url
}

// runCLI runs the command with args and stdin, with an empty user cache
// unless env says otherwise.
func runCLI(t *testing.T, env []string, stdin string, args ...string) cli {
	t.Helper()
	if env == nil {
		env = cacheEnv(t.TempDir())
	}
	cmd := exec.Command(binary, args...)
	cmd.Env = env
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		var ee *exec.ExitError
		require.True(t, errors.As(err, &ee), "running %v: %v", args, err)
		code = ee.ExitCode()
	}
	return cli{stdout.String(), stderr.String(), code}
}

// jsonLines decodes JSON Lines output, failing on any line that is not one
// JSON object.
func jsonLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var objs []map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &m), "line %q", sc.Text())
		objs = append(objs, m)
	}
	require.NoError(t, sc.Err())
	return objs
}

// matchesOf returns the matches of one JSON result.
func matchesOf(t *testing.T, obj map[string]any) []map[string]any {
	t.Helper()
	raw, ok := obj["matches"].([]any)
	require.True(t, ok, "no matches array in %v", obj)
	ms := make([]map[string]any, len(raw))
	for i, r := range raw {
		ms[i] = r.(map[string]any)
	}
	return ms
}

func TestScreenText(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		stdin    string
		code     int
		contains []string
		absent   []string
	}{
		{
			name:     "listed name",
			args:     []string{"screen", "--list", fixtures + "csl.csv", "AO Kaspersky Lab"},
			code:     exitMatch,
			contains: []string{`"AO Kaspersky Lab": 1 match`, "MATCH", "EL", "RU", "89 FR 52362", "88a5a8ac99fb224dc40025c5c2abb25919f56d25bd1f0c766af312b1", "1 query screened: 1 with a match"},
		},
		{
			name:     "clean name",
			args:     []string{"screen", "--list", fixtures + "csl.csv", "Contoso Paper Supplies"},
			code:     exitClear,
			contains: []string{`"Contoso Paper Supplies": no match`, "0 with a match, 1 without"},
			absent:   []string{"MATCH"},
		},
		{
			name:     "stdin lines, CRLF",
			args:     []string{"screen", "--list", fixtures + "csl.csv"},
			stdin:    "Contoso Paper Supplies\r\nAO Kaspersky Lab\n",
			code:     exitMatch,
			contains: []string{`"Contoso Paper Supplies": no match`, `"AO Kaspersky Lab": 1 match`},
		},
		{
			name:     "country flag",
			args:     []string{"screen", "AO Kaspersky Lab", "--list", fixtures + "csl.csv", "--country", "ru"},
			code:     exitMatch,
			contains: []string{`"AO Kaspersky Lab" (RU): 1 match`},
		},
		{
			name:     "merged lists find the in-house entry",
			args:     []string{"screen", "--list", fixtures + "csl.csv", "--list", fixtures + "inhouse.csv", "Crimson Harbor Logistics Limited"},
			code:     exitMatch,
			contains: []string{"INHOUSE", "IH-001", "Crimson Harbor Logistics Ltd"},
		},
		{
			name:     "official JSON list",
			args:     []string{"screen", "--list", fixtures + "csl.json", "Golden Lotus Maritime Trading Co"},
			code:     exitMatch,
			contains: []string{"GOLDEN LOTUS MARITIME TRADING COMPANY", "SDN", "AE", "41001"},
		},
		{
			name:     "an argument that cannot be screened",
			args:     []string{"screen", "--list", fixtures + "csl.csv", "AO Kaspersky Lab", "!!!"},
			code:     exitError,
			contains: []string{`"AO Kaspersky Lab": 1 match`, `"!!!": ERROR:`, "1 could not be screened"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, tt.stdin, tt.args...)
			assert.Equal(t, tt.code, r.code, "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			for _, s := range tt.contains {
				assert.Contains(t, r.stdout, s)
			}
			for _, s := range tt.absent {
				assert.NotContains(t, r.stdout, s)
			}
			assert.NotContains(t, r.stderr, "SAMPLE", "a --list run must not warn about the sample")
		})
	}
}

func TestScreenJSON(t *testing.T) {
	stdin := "AO Kaspersky Lab\nContoso Paper Supplies\nKaspersky \xff Lab\n\nVolga Precision Machinery JSC\n"
	r := runCLI(t, nil, stdin, "screen", "--format", "json", "--list", fixtures+"csl.csv", "--workers", "2")
	assert.Equal(t, exitError, r.code, "an invalid query makes the status 2")
	assert.Contains(t, r.stderr, "1 query of 4 could not be screened")
	assert.Contains(t, r.stderr, "line 3")
	assert.Contains(t, r.stderr, "1 blank line skipped")
	assert.Contains(t, r.stderr, "2 queries of 4 matched at or above the threshold", "the caller learns of the matches too")

	objs := jsonLines(t, r.stdout)
	require.Len(t, objs, 4, "exactly one line per query, none for the blank line")
	wantQueries := []string{"AO Kaspersky Lab", "Contoso Paper Supplies", "Kaspersky \ufffd Lab", "Volga Precision Machinery JSC"}
	for i, o := range objs {
		assert.Equal(t, wantQueries[i], o["query"], "line %d in input order", i+1)
	}

	// A match carries every field the issue lists.
	ms := matchesOf(t, objs[0])
	require.NotEmpty(t, ms)
	m := ms[0]
	assert.Equal(t, "88a5a8ac99fb224dc40025c5c2abb25919f56d25bd1f0c766af312b1", m["id"])
	assert.Equal(t, "AO Kaspersky Lab", m["name"])
	assert.Equal(t, "AO Kaspersky Lab", m["matched_name"])
	assert.Equal(t, "EL", m["source"])
	assert.Equal(t, "RU", m["country"])
	assert.Equal(t, "89 FR 52362", m["federal_register"])
	assert.Equal(t, true, m["alert"])
	assert.InDelta(t, 1.0, m["score"], 0.05)
	assert.IsType(t, map[string]any{}, m["explanation"])
	v, ok := objs[0]["list_version"].(map[string]any)
	require.True(t, ok, "list_version is an object")
	assert.Equal(t, fixtures+"csl.csv", v["origin"])
	assert.Equal(t, float64(7), v["entries"])
	assert.Len(t, v["sha256"], 64)
	assert.Equal(t, "2024-06-24T00:00:00Z", v["newest"])

	assert.Empty(t, matchesOf(t, objs[1]), "a clean name has an empty matches array")
	assert.NotNil(t, objs[1]["list_version"])

	assert.NotEmpty(t, objs[2]["error"])
	assert.NotContains(t, objs[2], "matches")
	assert.Contains(t, objs[2]["error"], "UTF-8")

	ms = matchesOf(t, objs[3])
	require.NotEmpty(t, ms)
	assert.Equal(t, "36001", ms[0]["id"])
	assert.Equal(t, "entity", ms[0]["type"])
}

func TestScreenCSV(t *testing.T) {
	r := runCLI(t, nil, "", "screen", "--format=csv", "--list", fixtures+"csl.csv", "AO Kaspersky Lab", "Contoso Paper Supplies")
	assert.Equal(t, exitMatch, r.code, r.stderr)
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(rows), 3)
	assert.Equal(t, append([]string{"query", "query_country"}, csvResultColumns...), rows[0])
	assert.Equal(t, []string{"AO Kaspersky Lab", "", "match"}, rows[1][:3])
	assert.Equal(t, "AO Kaspersky Lab", rows[1][5])
	assert.Contains(t, rows[1][10], "candidate:", "the explanation is rendered for people")
	last := rows[len(rows)-1]
	assert.Equal(t, []string{"Contoso Paper Supplies", "", "no match"}, last[:3])
}

func TestScreenInputCSV(t *testing.T) {
	base := []string{"screen", "--list", fixtures + "csl.csv", "--list", fixtures + "inhouse.csv",
		"--input", fixtures + "vendors.csv", "--name-column", "vendor_name", "--country-column", "country"}

	t.Run("json keeps every input column", func(t *testing.T) {
		r := runCLI(t, nil, "", append(base, "--format", "json")...)
		assert.Equal(t, exitMatch, r.code, r.stderr)
		objs := jsonLines(t, r.stdout)
		require.Len(t, objs, 5)
		for i, o := range objs {
			in, ok := o["input"].(map[string]any)
			require.True(t, ok, "line %d has its input row", i+1)
			assert.Equal(t, fmt.Sprintf("V-100%d", i+1), in["vendor_id"])
			assert.Len(t, in, 4)
		}
		assert.Equal(t, "RU", objs[0]["country"])
		assert.Contains(t, r.stdout, `"input":{"vendor_id":"V-1001","vendor_name":"Kaspersky Lab JSC","country":"RU","buyer":"alice"}`,
			"input columns in file order")
		wantMatch := []bool{true, false, true, true, false}
		for i, o := range objs {
			assert.Equal(t, wantMatch[i], len(matchesOf(t, o)) > 0, "vendor %d: %v", i+1, o["query"])
		}
	})

	t.Run("csv keeps every input column", func(t *testing.T) {
		r := runCLI(t, nil, "", append(base, "--format", "csv")...)
		assert.Equal(t, exitMatch, r.code, r.stderr)
		rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		require.NoError(t, err)
		assert.Equal(t, append([]string{"vendor_id", "vendor_name", "input_country", "buyer"}, csvResultColumns...), rows[0],
			"the input's country is not the entry's")
		assert.Contains(t, r.stderr, `entityscreen: note: `+fixtures+`vendors.csv: column "country" is written as "input_country" in the CSV output, which has a column "country" of its own`)
		ids := map[string]string{}
		for _, row := range rows[1:] {
			if _, seen := ids[row[0]]; !seen {
				ids[row[0]] = row[4]
			}
		}
		assert.Equal(t, map[string]string{"V-1001": "match", "V-1002": "no match", "V-1003": "match", "V-1004": "match", "V-1005": "no match"}, ids)
	})

	t.Run("text names the line", func(t *testing.T) {
		r := runCLI(t, nil, "", base...)
		assert.Equal(t, exitMatch, r.code, r.stderr)
		assert.Contains(t, r.stdout, `line 3: "Acme Widgets Inc" (US): no match`)
		assert.Contains(t, r.stdout, "5 queries screened: 3 with a match, 2 without")
	})

	t.Run("bad rows are reported and the rest go on", func(t *testing.T) {
		r := runCLI(t, nil, "", "screen", "--list", fixtures+"csl.csv", "--input", fixtures+"vendors_bad.csv",
			"--name-column", "VENDOR_NAME", "--country-column", "country", "--format", "json")
		assert.Equal(t, exitError, r.code)
		objs := jsonLines(t, r.stdout)
		require.Len(t, objs, 4)
		// A country that names none is left out and the name screened,
		// with a warning.
		assert.NotContains(t, objs[1], "error")
		assert.Contains(t, objs[1], "matches")
		assert.Contains(t, r.stderr, `1 country could not be read and was left out, the names screened without them; the first: line 3, column "country": "Narnia"`)
		assert.Contains(t, objs[2]["error"], "line 4: 2 fields, the header has 3")
		assert.NotNil(t, objs[2]["input"], "the ragged row is kept")
		assert.Contains(t, objs[3], "matches", "the row after the bad ones is screened")
		assert.Contains(t, r.stderr, "1 query of 4 could not be screened")
	})
}

func TestScreenErrors(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stdin  string
		stderr []string // parts of the message
	}{
		{"bad flag", []string{"screen", "--bogus", "x"}, "", []string{`flag provided but not defined: "--bogus"`, "Usage: entityscreen screen"}},
		{"unknown format", []string{"screen", "--format", "xml", "x"}, "", []string{`unknown --format "xml"`}},
		{"bad threshold", []string{"screen", "--threshold", "1.5", "x"}, "", []string{"--threshold 1.5"}},
		{"bad limit", []string{"screen", "--limit", "0", "x"}, "", []string{"--limit 0"}},
		{"negative workers", []string{"screen", "--workers", "-1", "x"}, "", []string{"--workers -1: screening: workers -1 is less than 0", "Usage: entityscreen screen"}},
		{"too many workers", []string{"screen", "--workers", "100000000", "x"}, "", []string{"--workers 100000000: screening: workers 100000000 is more than 1024 (MaxWorkers)", "Usage: entityscreen screen"}},
		{"zero threshold", []string{"screen", "--threshold", "0", "x"}, "", []string{"--threshold 0: screening: threshold 0 is not in (0, 1]"}},
		{"bad country", []string{"screen", "--country", "Narnia", "x"}, "", []string{`--country "Narnia"`}},
		{"names and input", []string{"screen", "--input", fixtures + "vendors.csv", "x"}, "", []string{"not both"}},
		{"unreadable list", []string{"screen", "--list", fixtures + "nonexistent.csv", "x"}, "", []string{"nonexistent.csv", "no such file"}},
		{"list of unknown format", []string{"screen", "--list", fixtures + "notalist.txt", "x"}, "", []string{"notalist.txt", "unknown list format"}},
		{"damaged list", []string{"screen", "--list", fixtures + "damaged.csv", "x"}, "", []string{"damaged.csv", "line 3", `"name"`, "empty name"}},
		{"unreadable input", []string{"screen", "--list", fixtures + "csl.csv", "--input", fixtures + "nonexistent.csv"}, "", []string{"cannot read input", "nonexistent.csv"}},
		{"missing column", []string{"screen", "--list", fixtures + "csl.csv", "--input", fixtures + "vendors.csv", "--name-column", "supplier", "--country-column", "land"},
			"", []string{`no name column "supplier" and no country column "land"`, `"vendor_name"`}},
		{"bad CSV syntax", []string{"screen", "--list", fixtures + "csl.csv", "--input", "-"}, "name\nAcme\n\"Bad \"quote\" row\nLater\n", []string{"reading input after 1 query: parse error on line 3", "the rest of the input was not screened"}},
		{"unknown command", []string{"scan", "x"}, "", []string{`unknown command "scan"`}},
		{"no command", nil, "", []string{"Usage: entityscreen COMMAND"}},
		{"explain without name", []string{"explain", "--list", fixtures + "csl.csv"}, "", []string{"no NAME to explain"}},
		{"info with argument", []string{"info", "extra"}, "", []string{`unexpected argument "extra"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, tt.stdin, tt.args...)
			assert.Equal(t, exitError, r.code, "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			for _, s := range tt.stderr {
				assert.Contains(t, r.stderr, s)
			}
			assert.NotContains(t, r.stderr, "panic", "no panic trace")
			assert.NotContains(t, r.stderr, "goroutine 1 [", "no panic trace")
		})
	}
}

func TestListChoice(t *testing.T) {
	t.Run("embedded sample with a warning", func(t *testing.T) {
		r := runCLI(t, nil, "", "screen", "Kaspersky Lab JSC")
		assert.Equal(t, exitMatch, r.code, r.stderr)
		assert.Contains(t, r.stderr, "SAMPLE")
		assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "a one-line warning: %q", r.stderr)
		assert.Contains(t, r.stdout, "Kaspersky")
		assert.Contains(t, r.stdout, "embedded default")
	})

	t.Run("downloaded list, dated", func(t *testing.T) {
		dir := t.TempDir()
		env := cacheEnv(dir)
		// Put a list where "update" would, found the way the command finds it.
		c := &entitylist.Cache{Dir: filepath.Join(dir, "entityscreen")}
		data, err := os.ReadFile(fixtures + "csl.csv")
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(c.Dir, 0o755))
		require.NoError(t, os.WriteFile(c.Path(), data, 0o644))

		r := runCLI(t, env, "", "screen", "--format", "json", "Northern Lights Research Institute")
		assert.Equal(t, exitMatch, r.code, r.stderr)
		// Put there by hand: where it came from is not recorded, so it is
		// not called official.
		assert.Contains(t, r.stderr, "using the list downloaded on ")
		assert.Contains(t, r.stderr, "where from is not recorded")
		assert.NotContains(t, r.stderr, "official list fetched")
		assert.Contains(t, r.stderr, "newest 2024-06-24")
		assert.NotContains(t, r.stderr, "SAMPLE")
		objs := jsonLines(t, r.stdout)
		require.Len(t, objs, 1)
		lv := objs[0]["list_version"].(map[string]any)
		assert.Equal(t, c.Path(), lv["parts"].([]any)[0].(map[string]any)["origin"], "the cached list, merged with the procurement prohibitions")

		r = runCLI(t, env, "", "info")
		assert.Equal(t, exitClear, r.code, r.stderr)
		assert.Contains(t, r.stdout, `downloaded by "entityscreen update"`)
		assert.Contains(t, r.stdout, c.Path())
	})

	t.Run("damaged download is refused", func(t *testing.T) {
		dir := t.TempDir()
		c := &entitylist.Cache{Dir: filepath.Join(dir, "entityscreen")}
		data, err := os.ReadFile(fixtures + "damaged.csv")
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(c.Dir, 0o755))
		require.NoError(t, os.WriteFile(c.Path(), data, 0o644))
		r := runCLI(t, cacheEnv(dir), "", "screen", "Acme")
		assert.Equal(t, exitError, r.code)
		assert.Contains(t, r.stderr, "line 3")
		assert.Contains(t, r.stderr, "entityscreen update")
		assert.Empty(t, r.stdout)
	})
}

func TestInfo(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		contains []string
	}{
		{"sample", []string{"info"}, []string{"embedded SAMPLE list", "NOT the complete", "origin:", "embedded default", "EL "}},
		{"one file", []string{"info", "--list", fixtures + "csl.csv"}, []string{"List given with --list", "entries:       7", "newest entry:  2024-06-24", "SDN           3  Specially Designated Nationals"}},
		{"merged", []string{"info", "--list", fixtures + "csl.csv", "--list", fixtures + "inhouse.csv"}, []string{"entries:       9", "part 1 of 2:", "part 2 of 2:", "INHOUSE"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			assert.Equal(t, exitClear, r.code, r.stderr)
			for _, s := range tt.contains {
				assert.Contains(t, r.stdout, s)
			}
		})
	}
}

func TestUpdate(t *testing.T) {
	data, err := os.ReadFile(fixtures + "csl.csv")
	require.NoError(t, err)
	files := map[string][]byte{
		"/consolidated.csv": data,
		"/changed.csv":      bytes.Replace(data, []byte("AO Kaspersky Lab"), []byte("AO Kaspersky Laboratory"), 1),
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/csv")
		w.Write(body)
	}))
	defer srv.Close()
	dir := t.TempDir()
	env := cacheEnv(dir)

	r := runCLI(t, env, "", "update", "--feeds", "csl", "--url", srv.URL+"/missing.csv")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "404")
	// Nothing cached yet: the command does not speak of a cached copy.
	assert.Contains(t, r.stderr, "csl: update failed, and there is no cached copy of it")
	assert.Contains(t, r.stderr, "1 of 1 lists not updated; none had a cached copy")
	assert.NotContains(t, r.stderr, "unchanged")

	r = runCLI(t, env, "", "update", "--feeds", "csl", "--url", srv.URL+"/consolidated.csv")
	require.Equal(t, exitClear, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Updated "+filepath.Join(dir, "entityscreen"))
	assert.Contains(t, r.stdout, "entries:       7")
	assert.Contains(t, r.stdout, "EL            2  Entity List")

	r = runCLI(t, env, "", "screen", "AO Kaspersky Lab")
	assert.Equal(t, exitMatch, r.code, r.stderr)
	// Fetched from a test server, not the official URL: never called
	// official.
	assert.Contains(t, r.stderr, "using the list fetched on "+time.Now().UTC().Format(time.DateOnly)+" from "+srv.URL+"/consolidated.csv (not the official URL)")
	assert.NotContains(t, r.stderr, "warning", "fetched today")

	// Freshness: a list fetched long ago warns, and with --max-age fails,
	// in screen and in explain; info warns.
	meta := filepath.Join(dir, "entityscreen", "consolidated.meta.json")
	old := `{"fetched":"2020-01-02T00:00:00Z","url":"` + srv.URL + `/consolidated.csv"}`
	require.NoError(t, os.WriteFile(meta, []byte(old), 0o644))
	for _, cmd := range []string{"screen", "explain"} {
		r = runCLI(t, env, "", cmd, "AO Kaspersky Lab")
		assert.Equal(t, exitMatch, r.code, r.stderr)
		assert.Contains(t, r.stderr, "warning: the cached list ", cmd)
		assert.Contains(t, r.stderr, "on 2020-01-02, more than 168h0m0s", cmd)
		r = runCLI(t, env, "", cmd, "--max-age", "30d", "AO Kaspersky Lab")
		assert.Equal(t, exitError, r.code, r.stderr)
		assert.Contains(t, r.stderr, "more than --max-age 720h0m0s", cmd)
		assert.Empty(t, r.stdout, "%s: nothing screened against a stale list", cmd)
		r = runCLI(t, env, "", cmd, "--max-age", "soon", "AO Kaspersky Lab")
		assert.Equal(t, exitError, r.code, r.stderr)
		assert.Contains(t, r.stderr, `--max-age "soon" is not a duration`, cmd)
	}
	r = runCLI(t, env, "", "info")
	assert.Equal(t, exitClear, r.code, r.stderr)
	assert.Contains(t, r.stderr, "warning: the cached list ")
	assert.Contains(t, r.stderr, "on 2020-01-02, more than 168h0m0s")

	// The same list again: the command says nothing changed.
	r = runCLI(t, env, "", "update", "--feeds", "csl", "--url", srv.URL+"/consolidated.csv")
	require.Equal(t, exitClear, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Unchanged: "+filepath.Join(dir, "entityscreen"))
	assert.Contains(t, r.stdout, "entries:       7")

	// A changed list: the command says what the cache held before.
	r = runCLI(t, env, "", "update", "--feeds", "csl", "--url", srv.URL+"/changed.csv")
	require.Equal(t, exitClear, r.code, r.stderr)
	assert.Contains(t, r.stdout, "(it held 7 entries before)")
}

func TestExplain(t *testing.T) {
	r := runCLI(t, nil, "", "explain", "--list", fixtures+"csl.csv", "--country", "RU", "Kaspersky Lab JSC", "Contoso Paper Supplies")
	assert.Equal(t, exitMatch, r.code, r.stderr)
	assert.Contains(t, r.stdout, `Query: "Kaspersky Lab JSC" (country RU)`)
	assert.Contains(t, r.stdout, "#1  MATCH  score")
	assert.Contains(t, r.stdout, "entry:    AO Kaspersky Lab")
	assert.Contains(t, r.stdout, "list:     Entity List")
	assert.Contains(t, r.stdout, "candidate:", "the explanation is printed")
	assert.Contains(t, r.stdout, "address:  39A Leningradskoe Highway, Moscow, 125212, RU\n", "no empty parts")
	assert.Contains(t, r.stdout, `Query: "Contoso Paper Supplies"`)

	// A partial name scores below the threshold: shown as a near miss, and
	// the status says no match.
	r = runCLI(t, nil, "", "explain", "--list", fixtures+"csl.csv", "--min-score", "0.3", "Kaspersky Security")
	assert.Equal(t, exitClear, r.code, r.stderr)
	assert.Contains(t, r.stdout, "#1  near miss, below the threshold", r.stdout)
	assert.Contains(t, r.stdout, "entry:    AO Kaspersky Lab")

	r = runCLI(t, nil, "", "explain", "--list", fixtures+"csl.csv", "Kaspersky Security Research Partners")
	assert.Equal(t, exitClear, r.code, r.stderr)
	assert.NotContains(t, r.stdout, "#1", "the default minimum score leaves it out:\n%s", r.stdout)
	assert.Contains(t, r.stdout, "nothing scores")
}

// TestExplainUnscreenable: a name explain cannot screen is an error on
// stderr, naming the argument, with status 2, as screen ends; the report
// on stdout still shows it; matches found as well are counted on stderr.
func TestExplainUnscreenable(t *testing.T) {
	for _, c := range []struct {
		name   string
		args   []string
		stdout []string
		stderr []string
	}{
		{"empty after normalization", []string{"Contoso Paper Supplies", "..."},
			[]string{`Query: "..."`, "ERROR: screening: empty name"},
			[]string{`entityscreen: 1 name of 2 could not be screened; the first: argument 2: screening: empty name: "..."`}},
		{"invalid UTF-8", []string{"a\xffb"},
			[]string{`Query: "a\xffb"`, "ERROR: screening: invalid UTF-8"},
			[]string{`entityscreen: 1 name of 1 could not be screened; the first: argument 1: screening: invalid UTF-8`}},
		{"with a match", []string{"...", "Kaspersky Lab JSC", "  "},
			[]string{"#1  MATCH  score"},
			[]string{"entityscreen: 1 name of 3 matched at or above the threshold: see the output",
				`entityscreen: 2 names of 3 could not be screened; the first: argument 1: screening: empty name: "..."`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, nil, "", append([]string{"explain", "--list", fixtures + "csl.csv"}, c.args...)...)
			assert.Equal(t, exitError, r.code, r.stderr)
			for _, s := range c.stdout {
				assert.Contains(t, r.stdout, s)
			}
			for _, s := range c.stderr {
				assert.Contains(t, r.stderr, s)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	tests := []struct {
		args []string
		out  string
	}{
		{[]string{"help"}, "Usage: entityscreen COMMAND"},
		{[]string{"--help"}, "Usage: entityscreen COMMAND"},
		{[]string{"help", "screen"}, "--name-column"},
		{[]string{"screen", "-h"}, "--threshold"},
		{[]string{"update", "--help"}, "--url"},
		{[]string{"help", "monitor"}, "--key-column"},
		{[]string{"monitor", "-h"}, "130  stopped by SIGINT (143: by SIGTERM); the run stored nothing"},
		{[]string{"alerts", "--help"}, "--status"},
		{[]string{"decide", "-h"}, "--escalate"},
		{[]string{"audit", "-h"}, "one row per record, its kind in the first column"},
		{[]string{"version", "-h"}, "Usage: entityscreen version"},
		{[]string{"info", "-h"}, "--names"},
	}
	// Every command that takes --list says every value it takes, the
	// procurement prohibitions' name included.
	for _, c := range []string{"screen", "explain", "ownership", "monitor", "info", "serve"} {
		tests = append(tests, struct {
			args []string
			out  string
		}{[]string{c, "-h"}, procurementList + " for the procurement prohibitions"})
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			assert.Equal(t, exitClear, r.code)
			assert.Contains(t, r.stdout+r.stderr, tt.out)
		})
	}
}

// TestBrokenPipe closes the command's standard output after one line: it
// must stop quietly, with no panic trace.
func TestBrokenPipe(t *testing.T) {
	var in strings.Builder
	for i := range 50000 {
		fmt.Fprintf(&in, "Vendor Number %d Trading Ltd\n", i)
	}
	cmd := exec.Command(binary, "screen", "--list", fixtures+"csl.csv", "--format", "json")
	cmd.Env = cacheEnv(t.TempDir())
	cmd.Stdin = strings.NewReader(in.String())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err)
	assert.Contains(t, line, `"query":"Vendor Number 0 Trading Ltd"`)
	out.Close()
	err = cmd.Wait()
	require.Error(t, err, "the command cannot finish its output")
	assert.Empty(t, stderr.String(), "quiet on a closed pipe")
}

// TestOrder screens many lines with several workers: output must follow
// input order exactly.
func TestOrder(t *testing.T) {
	var in strings.Builder
	n := 6200 // many times what the stream holds at once
	for i := range n {
		if i%500 == 0 {
			in.WriteString("AO Kaspersky Lab\n")
			continue
		}
		fmt.Fprintf(&in, "Supplier %d Holdings\n", i)
	}
	r := runCLI(t, nil, in.String(), "screen", "--list", fixtures+"csl.csv", "--format", "json", "--workers", "4")
	assert.Equal(t, exitMatch, r.code, r.stderr)
	objs := jsonLines(t, r.stdout)
	require.Len(t, objs, n)
	for i, o := range objs {
		want := fmt.Sprintf("Supplier %d Holdings", i)
		if i%500 == 0 {
			want = "AO Kaspersky Lab"
			assert.NotEmpty(t, matchesOf(t, o), "line %d", i+1)
		}
		if !assert.Equal(t, want, o["query"], "line %d", i+1) {
			break
		}
	}
}

// TestScreenInputEvidenceColumns screens a CSV whose rows say what kind of
// party each vendor is and where it is: the checks show in the
// explanation, and a kind that is neither company nor person is an error
// naming its line and column.
func TestScreenInputEvidenceColumns(t *testing.T) {
	in := filepath.Join(t.TempDir(), "vendors.csv")
	require.NoError(t, os.WriteFile(in, []byte("name,kind,address,reg\n"+
		"Kaspersky Lab JSC,company,\"Leningradskoe sh. 39A, Moscow\",\n"+
		"Kaspersky Lab JSC,vessel,,\n"), 0o600))
	r := runCLI(t, nil, "", "screen", "--list", fixtures+"csl.csv", "--input", in, "--format", "json",
		"--kind-column", "kind", "--address-column", "address", "--id-column", "reg")
	assert.Equal(t, exitError, r.code, r.stderr)
	objs := jsonLines(t, r.stdout)
	require.Len(t, objs, 2)
	assert.Contains(t, r.stdout, `"name":"city","effect":0.03,"detail":"the query's address is in moscow, a city of the entry's addresses"`)
	assert.Equal(t, `line 3, column "kind": "vessel": kind is not unknown, a company (entity) or a person (individual)`, objs[1]["error"])

	r = runCLI(t, nil, "", "screen", "--list", fixtures+"csl.csv", "--kind-column", "kind", "Kaspersky")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "--kind-column needs --input")
}

// TestScreenColumnFlagsNeedInput: a column flag without --input is
// refused, --name-column too, though its default is "name": a CSV file
// piped in without --input would be screened line by line, its header
// included, each whole line a name that matches nothing.
func TestScreenColumnFlagsNeedInput(t *testing.T) {
	stdin := "vendor_id,vendor_name,country\nV-1001,Kaspersky Lab JSC,RU\n"
	for _, f := range [][]string{{"--name-column", "vendor_name"}, {"--name-column", "name"}, {"--country-column", "country"},
		{"--kind-column", "kind"}, {"--address-column", "address"}, {"--id-column", "reg"}} {
		t.Run(strings.Join(f, " "), func(t *testing.T) {
			r := runCLI(t, nil, stdin, append([]string{"screen", "--list", fixtures + "csl.csv", "--format", "json"}, f...)...)
			assert.Equal(t, exitError, r.code, "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			assert.Contains(t, r.stderr, f[0]+" needs --input")
			assert.Empty(t, r.stdout, "nothing screened")
		})
	}
}

// TestScreenBlankHeaderCells: columns whose header cells are blank, which
// may repeat, are keyed by their numbers in a row's JSON "input" object,
// not all by "", of which a reader keeps one; and an empty --name-column is
// refused, rather than taken to name the first blank cell.
func TestScreenBlankHeaderCells(t *testing.T) {
	in := filepath.Join(t.TempDir(), "blank.csv")
	require.NoError(t, os.WriteFile(in, []byte("name,,country,\nKaspersky Lab JSC,a,RU,b\n"), 0o600))
	r := runCLI(t, nil, "", "screen", "--list", fixtures+"csl.csv", "--input", in, "--format", "json")
	assert.Equal(t, exitMatch, r.code, r.stderr)
	require.Contains(t, r.stdout, `"input":{"name":"Kaspersky Lab JSC","2":"a","country":"RU","4":"b"}`)

	r = runCLI(t, nil, "", "screen", "--list", fixtures+"csl.csv", "--input", in, "--name-column", " ", "--format", "json")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, `the name column's name is empty; the header has "name", "", "country", ""`)
	assert.Empty(t, r.stdout, "nothing screened")
}

// TestScreenInputBOM screens a UTF-8 CSV that starts with a byte order mark
// and quotes its header, as R's write.csv, pandas with utf-8-sig and many
// ERP exports write it, from a file and from standard input: the BOM is
// dropped before the CSV is parsed (to a CSV reader, a quote after it is a
// bare quote), and a syntax error further on names its line of the file.
func TestScreenInputBOM(t *testing.T) {
	const header = "\ufeff\"vendor_id\",\"vendor_name\"\r\n"
	in := filepath.Join(t.TempDir(), "vendors.csv")
	require.NoError(t, os.WriteFile(in, []byte(header+"\"V-1001\",\"Kaspersky Lab JSC\"\r\n"), 0o600))
	for _, tt := range []struct{ input, stdin string }{{in, ""}, {"-", header + "\"V-1001\",\"Kaspersky Lab JSC\"\r\n"}} {
		t.Run(tt.input, func(t *testing.T) {
			r := runCLI(t, nil, tt.stdin, "screen", "--list", fixtures+"csl.csv", "--input", tt.input, "--name-column", "vendor_name", "--format", "json")
			require.Equal(t, exitMatch, r.code, "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			objs := jsonLines(t, r.stdout)
			require.Len(t, objs, 1)
			assert.Equal(t, "Kaspersky Lab JSC", objs[0]["query"])
			assert.Equal(t, map[string]any{"vendor_id": "V-1001", "vendor_name": "Kaspersky Lab JSC"}, objs[0]["input"])
		})
	}

	t.Run("a syntax error names its line", func(t *testing.T) {
		r := runCLI(t, nil, header+"\"V-1\",\"Acme\"\r\n\"V-2\",\"Bad \"quote\"\r\n", "screen", "--list", fixtures+"csl.csv",
			"--input", "-", "--name-column", "vendor_name")
		assert.Equal(t, exitError, r.code)
		assert.Contains(t, r.stderr, "reading input after 1 query: parse error on line 3, column 12")
		assert.Contains(t, r.stderr, "; the rest of the input was not screened", "the message says what was left")
	})
}

// TestScreenInputRepeatedColumn: a header naming a column twice, in any
// case, is refused naming the column and both places, before anything is
// screened: the name in the second column would never be screened, and
// the JSON "input" object would repeat a key, which a reader reads once.
func TestScreenInputRepeatedColumn(t *testing.T) {
	in := filepath.Join(t.TempDir(), "vendors.csv")
	require.NoError(t, os.WriteFile(in, []byte("id,name,Name\nV-1001,KL,Kaspersky Lab JSC\n"), 0o600))
	r := runCLI(t, nil, "", "screen", "--list", fixtures+"csl.csv", "--input", in, "--format", "json")
	assert.Equal(t, exitError, r.code, "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	assert.Contains(t, r.stderr, in+`: line 1: column "name" appears twice (columns 2 and 3, written "name" and "Name")`)
	assert.Empty(t, r.stdout)
}

// TestInfoCachedNotOfficial: info calls a downloaded list official only
// when it came from the official URL, as screen does, and says on
// standard output when and from where each cached list was fetched.
func TestInfoCachedNotOfficial(t *testing.T) {
	env, url := fetchedFixture(t, t.TempDir())
	r := runCLI(t, env, "", "info")
	assert.Equal(t, exitClear, r.code, r.stderr)
	assert.NotContains(t, r.stdout, "official list", "a list from a test server is never called official:\n%s", r.stdout)
	assert.Contains(t, r.stdout, "the list fetched on "+time.Now().UTC().Format(time.DateOnly)+" from "+url+" (not the official URL)")
	assert.Contains(t, r.stdout, "entries:       19", "the list and the procurement prohibitions")
}

// TestScreenFirstErrorNamesLineOnce: the first query that could not be
// screened is named on standard error by its line once, whether its error
// came from the screener or from reading its row, which names its line
// itself.
func TestScreenFirstErrorNamesLineOnce(t *testing.T) {
	in := filepath.Join(t.TempDir(), "ragged.csv")
	require.NoError(t, os.WriteFile(in, []byte("id,name\n1,Kaspersky Lab JSC,extra\n"), 0o600))
	r := runCLI(t, nil, "", "screen", "--list", fixtures+"csl.csv", "--input", in, "--format", "json")
	assert.Equal(t, exitError, r.code, r.stderr)
	assert.Contains(t, r.stderr, "1 query of 1 could not be screened; the first: line 2: 3 fields, the header has 2\n")

	r = runCLI(t, nil, "LLC\n", "screen", "--list", fixtures+"csl.csv", "--format", "json")
	assert.Equal(t, exitError, r.code, r.stderr)
	assert.Contains(t, r.stderr, `1 query of 1 could not be screened; the first: line 1: screening: empty name: "LLC"`)
}

// TestScreenNumberedKeysUnique: the number that keys a blank header cell,
// or a field past the header, is never a key a header cell already names:
// the row's JSON "input" object holds each key once, so that a reader
// loses no field.
func TestScreenNumberedKeysUnique(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name, csv string
		want      map[string]any
	}{
		{"blank cell", "3,name,\nx,Kaspersky Lab JSC,y\n", map[string]any{"3": "x", "name": "Kaspersky Lab JSC", "_3": "y"}},
		{"past the header", "id,name,4\n1,Kaspersky Lab JSC,y,z\n", map[string]any{"id": "1", "name": "Kaspersky Lab JSC", "4": "y", "_4": "z"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := filepath.Join(dir, tt.name+".csv")
			require.NoError(t, os.WriteFile(in, []byte(tt.csv), 0o600))
			r := runCLI(t, nil, "", "screen", "--list", fixtures+"csl.csv", "--input", in, "--format", "json")
			objs := jsonLines(t, r.stdout)
			require.Len(t, objs, 1, r.stderr)
			assert.Equal(t, tt.want, objs[0]["input"], r.stdout)
		})
	}
}

// TestExplainMinScoreFlag: a negative --min-score is refused, naming the
// value, rather than read as "not given"; and the help states the default
// once, as the flag documents it, not as the -1 that stands for it.
func TestExplainMinScoreFlag(t *testing.T) {
	for _, v := range []string{"-0.5", "-1"} {
		r := runCLI(t, nil, "", "explain", "--list", fixtures+"csl.csv", "--min-score", v, "Kaspersky Lab JSC")
		assert.Equal(t, exitError, r.code, r.stderr)
		assert.Contains(t, r.stderr, "entityscreen explain: --min-score "+v+":")
		assert.Empty(t, r.stdout)
	}
	r := runCLI(t, nil, "", "explain", "-h")
	assert.Equal(t, exitClear, r.code)
	assert.Contains(t, r.stderr, "(default: 0.2 below the threshold)")
	assert.NotContains(t, r.stderr, "(default -1)")
}

// TestFutureFileUnknownAge checks that a cached list with no fetch record
// whose file is dated later than now is of unknown age: screen warns, and
// with --max-age refuses it, as it does a list fetched long ago. Before,
// the file's time was taken, and the list was never too old.
func TestFutureFileUnknownAge(t *testing.T) {
	dir := t.TempDir()
	env, _ := fetchedFixture(t, dir)
	cached := filepath.Join(dir, "entityscreen", "consolidated.csv")
	require.NoError(t, os.Remove(filepath.Join(dir, "entityscreen", "consolidated.meta.json")))
	future := time.Now().Add(365 * 24 * time.Hour)
	require.NoError(t, os.Chtimes(cached, future, future))

	r := runCLI(t, env, "", "screen", "AO Kaspersky Lab")
	assert.Equal(t, exitMatch, r.code, r.stderr)
	assert.Contains(t, r.stderr, "warning: "+cached+": no fetch record of use, and the file was last changed")
	assert.Contains(t, r.stderr, "warning: the cached list "+cached+" was fetched on an unknown date")
	r = runCLI(t, env, "", "screen", "--max-age", "30d", "AO Kaspersky Lab")
	assert.Equal(t, exitError, r.code, r.stderr)
	assert.Contains(t, r.stderr, "was fetched on an unknown date (see the warnings above), more than --max-age 720h0m0s")
	assert.Empty(t, r.stdout, "nothing screened against a list of unknown age")
}

// TestStaleAgeMessage checks that the age a stale list is reported with is
// more than the limit it breaks: rounded to the hour, a list fetched 80
// minutes ago was "fetched 1h0m0s ago, more than --max-age 1h0m0s".
func TestStaleAgeMessage(t *testing.T) {
	dir := t.TempDir()
	env, url := fetchedFixture(t, dir)
	meta := filepath.Join(dir, "entityscreen", "consolidated.meta.json")

	tests := []struct {
		name    string
		ago     time.Duration
		maxAge  string
		message string
	}{
		{name: "minutes past an hour", ago: 80 * time.Minute, maxAge: "1h", message: "fetched 1h20m0s ago"},
		{name: "days past a week", ago: 9 * 24 * time.Hour, maxAge: "7d", message: "fetched 216h0m0s ago"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// With its fraction of a second, as update writes it.
			fetched := time.Now().Add(-tt.ago).UTC().Format(time.RFC3339Nano)
			require.NoError(t, os.WriteFile(meta, []byte(`{"fetched":"`+fetched+`","url":"`+url+`"}`), 0o644))
			r := runCLI(t, env, "", "screen", "--max-age", tt.maxAge, "AO Kaspersky Lab")
			assert.Equal(t, exitError, r.code, r.stderr)
			assert.Contains(t, r.stderr, tt.message)
		})
	}
	// The command's own clock runs on after the test's: a rounding to the
	// second is checked on roundAge alone.
	for _, tt := range []struct{ age, limit, want time.Duration }{
		{80 * time.Minute, time.Hour, 80 * time.Minute},
		{70*time.Second + 300*time.Millisecond, time.Minute, 70 * time.Second},
		{61 * time.Minute, time.Hour, 61 * time.Minute},
		{3*time.Hour + 10*time.Minute, time.Hour, 3 * time.Hour},
		{time.Minute + 200*time.Millisecond, time.Minute, time.Minute + 200*time.Millisecond},
	} {
		assert.Equal(t, tt.want, roundAge(tt.age, tt.limit), "age %v, limit %v", tt.age, tt.limit)
	}
}

// TestFlagMessages: each form of the flag package's parse errors is
// printed with what was given quoted as a value echoed back is, and the
// flag written as the usage writes it, followed by the usage; help asked
// for prints the usage alone.
func TestFlagMessages(t *testing.T) {
	list := fixtures + "csl.csv"
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--limit", "many"}, `invalid value "many" for flag --limit: parse error`},
		{[]string{"--weak-aliases=maybe"}, `invalid boolean value "maybe" for flag --weak-aliases: parse error`},
		{[]string{"--no-such-flag"}, `flag provided but not defined: "--no-such-flag"`},
		{[]string{"-no-such-flag"}, `flag provided but not defined: "--no-such-flag"`},
		{[]string{"---x"}, `bad flag syntax: "---x"`},
		{[]string{"--limit"}, `flag needs an argument: --limit`},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runCLI(t, nil, "", append([]string{"screen", "--list", list, "x"}, tt.args...)...)
			assert.Equal(t, exitError, r.code)
			first, rest, _ := strings.Cut(r.stderr, "\n")
			assert.Equal(t, tt.want, first)
			assert.True(t, strings.HasPrefix(rest, "Usage: entityscreen screen "), "the usage follows: %q", rest)
		})
	}
	r := runCLI(t, nil, "", "screen", "-h")
	assert.Equal(t, exitClear, r.code)
	assert.True(t, strings.HasPrefix(r.stderr, "Usage: entityscreen screen "), "help is the usage alone: %q", r.stderr)
}
