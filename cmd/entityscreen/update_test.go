package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cslColumns is the header line of the official CSL CSV.
const cslColumns = "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids"

// updateList returns a CSL CSV holding, for each source code and count in
// counts, that many rows, all started on 2020-01-01 but the last, started
// on newest.
func updateList(t *testing.T, newest string, counts ...any) []byte {
	t.Helper()
	header := strings.Split(cslColumns, ",")
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	require.NoError(t, w.Write(header))
	var rows [][]string
	for i := 0; i < len(counts); i += 2 {
		source, n := counts[i].(string), counts[i+1].(int)
		for j := range n {
			rec := make([]string, len(header))
			rec[slices.Index(header, "_id")] = fmt.Sprintf("%s-%d", source, j)
			rec[slices.Index(header, "source")] = source
			rec[slices.Index(header, "name")] = fmt.Sprintf("%s Trading %d Ltd.", source, j)
			rec[slices.Index(header, "start_date")] = "2020-01-01"
			rows = append(rows, rec)
		}
	}
	rows[len(rows)-1][slices.Index(header, "start_date")] = newest
	require.NoError(t, w.WriteAll(rows))
	return buf.Bytes()
}

// updateRun runs the command in this process with a user cache of its own
// under dir, as "entityscreen update" finds it.
func updateRun(t *testing.T, args ...string) cli {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"update", "--feeds", "csl"}, args...), strings.NewReader(""), &stdout, &stderr)
	return cli{stdout.String(), stderr.String(), code}
}

func TestUpdateRefusesShortList(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", dir)
	t.Setenv("HOME", dir)
	cached := filepath.Join(dir, "entityscreen", "consolidated.csv")

	base := updateList(t, "2024-06-24", "SDN", 170, "EL", 20, "DPL", 10)
	files := map[string][]byte{
		"/base.csv":         base,
		"/no-el.csv":        updateList(t, "2024-06-24", "SDN", 170, "DPL", 10),
		"/older.csv":        updateList(t, "2024-01-10", "SDN", 170, "EL", 20, "DPL", 10),
		"/half.csv":         updateList(t, "2024-06-24", "SDN", 85, "EL", 10, "DPL", 5),
		"/cut.csv":          base[:bytes.IndexByte(base[len(base)/2:], '\n')+len(base)/2+1],
		"/step1.csv":        updateList(t, "2024-06-24", "SDN", 156, "EL", 20, "DPL", 10),
		"/step2.csv":        updateList(t, "2024-06-24", "SDN", 143, "EL", 20, "DPL", 10),
		"/more-sources.csv": updateList(t, "2024-07-01", "SDN", 171, "EL", 20, "DPL", 10, "MEU", 3),
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/csv") // no Content-Length: chunked
		_, _ = w.Write(body)
		w.(http.Flusher).Flush()
	}))
	defer srv.Close()

	r := updateRun(t, "--url", srv.URL+"/base.csv")
	require.Equal(t, exitClear, r.code, r.stderr)

	tests := []struct {
		path     string
		problems []string
		rows     map[string][]string
	}{
		{"/no-el.csv", []string{"EL: 0 entries, down 100% from 20 (more than 50%)"}, map[string][]string{
			"": {"cached", "downloaded"}, "entries": {"200", "180"}, "SDN": {"170", "170"}, "EL": {"20", "0"}, "DPL": {"10", "10"},
			"newest entry": {"2024-06-24", "2024-06-24"},
		}},
		{"/older.csv", []string{"newest entry 2024-01-10, older than 2024-06-24"}, map[string][]string{
			"": {"cached", "downloaded"}, "entries": {"200", "200"}, "SDN": {"170", "170"}, "EL": {"20", "20"}, "DPL": {"10", "10"},
			"newest entry": {"2024-06-24", "2024-01-10"},
		}},
		{"/half.csv", []string{"entries: 100, down 50% from 200 (more than 10%)"}, map[string][]string{
			"": {"cached", "downloaded"}, "entries": {"200", "100"}, "SDN": {"170", "85"}, "EL": {"20", "10"}, "DPL": {"10", "5"},
			"newest entry": {"2024-06-24", "2024-06-24"},
		}},
		{"/cut.csv", []string{
			"entries: 98, down 51% from 200 (more than 10%)",
			"EL: 0 entries, down 100% from 20 (more than 50%)",
			"DPL: 0 entries, down 100% from 10 (more than 50%)",
			"newest entry 2020-01-01, older than 2024-06-24",
		}, map[string][]string{
			"": {"cached", "downloaded"}, "entries": {"200", "98"}, "SDN": {"170", "98"}, "EL": {"20", "0"}, "DPL": {"10", "0"},
			"newest entry": {"2024-06-24", "2020-01-01"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			r := updateRun(t, "--url", srv.URL+tt.path)
			assert.Equal(t, exitError, r.code)
			assert.Empty(t, r.stdout)
			want := "entityscreen: csl: update refused, the cached list is unchanged: the list at " + srv.URL + tt.path + " falls short of it:\n  " +
				strings.Join(tt.problems, "\n  ") + "\nWhat changed:\n"
			assert.Contains(t, r.stderr, want)
			assert.Equal(t, tt.rows, changeRows(t, r.stderr))
			assert.True(t, strings.HasSuffix(r.stderr, "If the change is real, run the same \"entityscreen update\" with --force to accept it.\n"+
				"entityscreen: 1 of 1 lists not updated; their cached copies are unchanged\n"), r.stderr)
			got, err := os.ReadFile(cached)
			require.NoError(t, err)
			assert.Equal(t, base, got, "the cached list is unchanged")
		})
	}

	// Small steps: the second is measured against the most held, 200.
	r = updateRun(t, "--url", srv.URL+"/step1.csv")
	require.Equal(t, exitClear, r.code, r.stderr)
	assert.Contains(t, r.stdout, "(it held 200 entries before)\n  What changed:\n")
	assert.Equal(t, map[string][]string{"": {"cached", "downloaded"}, "entries": {"200", "186"}, "SDN": {"170", "156"}}, changeRows(t, r.stdout), "only what changed")

	r = updateRun(t, "--url", srv.URL+"/step2.csv")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "falls short of it:\n  entries: 173, down 13.5% from 200 (more than 10%)\n")
	assert.Equal(t, map[string][]string{
		"": {"cached", "most", "held", "downloaded"}, "entries": {"186", "200", "173"}, "SDN": {"156", "170", "143"},
		"EL": {"20", "20", "20"}, "DPL": {"10", "10", "10"}, "newest entry": {"2024-06-24", "2024-06-24", "2024-06-24"},
	}, changeRows(t, r.stderr))

	r = updateRun(t, "--url", srv.URL+"/step2.csv", "--force")
	require.Equal(t, exitClear, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Updated ")
	assert.Equal(t, map[string][]string{"": {"cached", "downloaded"}, "entries": {"186", "173"}, "SDN": {"156", "143"}}, changeRows(t, r.stdout))

	// A list that grew, with a new source and a newer entry.
	r = updateRun(t, "--url", srv.URL+"/more-sources.csv")
	require.Equal(t, exitClear, r.code, r.stderr)
	assert.Equal(t, map[string][]string{
		"": {"cached", "downloaded"}, "entries": {"173", "204"}, "SDN": {"143", "171"}, "MEU": {"0", "3"},
		"newest entry": {"2024-06-24", "2024-07-01"},
	}, changeRows(t, r.stdout))
}

// changeRows returns the rows of the "What changed" table in out, by their
// first cell ("" for the header), each the words of the other cells.
func changeRows(t *testing.T, out string) map[string][]string {
	t.Helper()
	_, table, ok := strings.Cut(out, "What changed:\n")
	require.True(t, ok, "no table in %q", out)
	lines := strings.Split(table, "\n")
	require.Greater(t, len(lines), 1)
	indent := len(lines[1]) - len(strings.TrimLeft(lines[1], " "))
	rows := map[string][]string{"": strings.Fields(lines[0])}
	for _, l := range lines[1:] {
		if len(l) <= indent || strings.TrimLeft(l[:indent+1], " ") == "" || strings.TrimLeft(l[:indent], " ") != "" {
			break
		}
		name, rest, _ := strings.Cut(l[indent:], "  ")
		rows[name] = strings.Fields(rest)
	}
	return rows
}

func TestUpdateHelpTolerances(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"update", "-h"}, strings.NewReader(""), &stdout, &stderr)
	assert.Equal(t, exitClear, code)
	help := stdout.String() + stderr.String()
	assert.Contains(t, help, "more than 10% fewer entries, or more than 50% fewer in one source")
	assert.Contains(t, help, "--force")
}

// "update" fetches every list asked for, each checked and kept apart: one
// that fails keeps its copy while the others update, and screening then
// uses them all, OFAC's own files in place of the CSL's copies.
func TestUpdateFeeds(t *testing.T) {
	const fixtures = "../../entitylist/testdata/"
	var failUN atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var path string
		switch {
		case r.URL.Path == "/consolidated.csv":
			path = "../../testdata/cli/csl.csv"
		case r.URL.Path == "/un.xml":
			if failUN.Load() {
				http.Error(w, "down", http.StatusServiceUnavailable)
				return
			}
			path = fixtures + "un/consolidated.xml"
		case strings.HasPrefix(r.URL.Path, "/ofac/"):
			path = fixtures + "ofac/" + strings.ToLower(strings.TrimPrefix(r.URL.Path, "/ofac/"))
		}
		data, err := os.ReadFile(path)
		if path == "" || err != nil {
			http.NotFound(w, r)
			return
		}
		w.Write(data)
	}))
	defer srv.Close()
	dir := t.TempDir()
	env := cacheEnv(dir)
	args := []string{"update", "--url", srv.URL + "/consolidated.csv", "--ofac-url", srv.URL + "/ofac", "--un-url", srv.URL + "/un.xml"}

	r := runCLI(t, env, "", args...)
	require.Equal(t, exitClear, r.code, r.stderr)
	for _, f := range []string{"consolidated.csv", "ofac-sdn.zip", "ofac-cons.zip", "un-consolidated.xml"} {
		assert.Contains(t, r.stdout, "Updated "+filepath.Join(dir, "entityscreen", f))
	}
	_, err := os.Stat(filepath.Join(dir, "entityscreen", snapshotFile))
	assert.NoError(t, err, "update saves the index of the lists it fetched")

	r = runCLI(t, env, "", "screen", "--format", "json", "ORION STAR TRADING LLC")
	assert.Equal(t, exitMatch, r.code, r.stderr)
	assert.Contains(t, r.stderr, "ofac-sdn.zip")
	assert.Contains(t, r.stderr, "un-consolidated.xml")
	assert.Regexp(t, `without [A-Z, -]*SDN`, r.stderr)
	ms := matchesOf(t, jsonLines(t, r.stdout)[0])
	require.NotEmpty(t, ms)
	assert.Equal(t, "SDN", ms[0]["source"])
	assert.Equal(t, "1001", ms[0]["id"], "the row of OFAC's own file")

	failUN.Store(true)
	r = runCLI(t, env, "", args...)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "un: update failed, the cached list is unchanged")
	assert.Contains(t, r.stderr, "1 of 4 lists not updated")
	assert.Contains(t, r.stdout, "Unchanged: "+filepath.Join(dir, "entityscreen", "ofac-sdn.zip"))

	r = runCLI(t, env, "", "update", "--feeds", "csl,nope")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, `unknown list "nope"`)
	r = runCLI(t, env, "", "update", "--feeds", "sam")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "needs --sam-url")

	// The address of a list --feeds leaves out would be ignored: refused.
	r = runCLI(t, env, "", "update", "--feeds", "csl", "--un-url", srv.URL+"/un.xml")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, `--un-url is the address of un, which --feeds "csl" leaves out`)
	r = runCLI(t, env, "", "update", "--feeds", "un", "--ofac-url", srv.URL+"/ofac")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, `--ofac-url is the address of ofac-sdn and ofac-cons, which --feeds "un" leaves out`)
	assert.NotContains(t, r.stdout, "Updated", "nothing fetched")
}

// TestUpdateInterrupt stops an update with SIGINT or SIGTERM while a list
// downloads: the status says how it stopped (130 or 143), as screen's
// does, not 2 as for a list that failed, and the cache is left as it was.
func TestUpdateInterrupt(t *testing.T) {
	for _, tt := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(tt.sig.String(), func(t *testing.T) {
			started := make(chan struct{}, 1)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/csv")
				w.Write([]byte(cslColumns + "\n"))
				w.(http.Flusher).Flush()
				started <- struct{}{}
				<-r.Context().Done() // the rest never comes
			}))
			defer srv.Close()
			dir := t.TempDir()
			cmd := exec.Command(binary, "update", "--feeds", "csl", "--url", srv.URL+"/consolidated.csv")
			cmd.Env = cacheEnv(dir)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			<-started
			require.NoError(t, cmd.Process.Signal(tt.sig))
			err := cmd.Wait()
			var ee *exec.ExitError
			require.ErrorAs(t, err, &ee, "stderr: %s", stderr.String())
			assert.Equal(t, tt.code, ee.ExitCode(), stderr.String())
			assert.NoFileExists(t, filepath.Join(dir, "entityscreen", "consolidated.csv"))
		})
	}
}

// TestDamagedCacheRecords: a fetch record or a reference of the cache
// that is damaged is said on stderr, naming the file and the problem, by
// update before it updates (the cached list still guards it) and by the
// commands that screen against the cache, which still do.
func TestDamagedCacheRecords(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", dir)
	t.Setenv("HOME", dir)
	base := updateList(t, "2024-06-24", "SDN", 170, "EL", 20)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/csv")
		_, _ = w.Write(base)
	}))
	defer srv.Close()
	r := updateRun(t, "--url", srv.URL+"/base.csv")
	require.Equal(t, exitClear, r.code, r.stderr)
	assert.NotContains(t, r.stderr, "damaged")

	meta := filepath.Join(dir, "entityscreen", "consolidated.meta.json")
	peak := filepath.Join(dir, "entityscreen", "consolidated.peak.json")
	require.NoError(t, os.WriteFile(meta, []byte("{damaged"), 0o644))
	require.NoError(t, os.WriteFile(peak, []byte(`{"entries": "many"}`), 0o644))
	wantMeta := "entityscreen: warning: " + meta + ": damaged fetch record: invalid character 'd'"
	wantPeak := "entityscreen: warning: " + peak + ": damaged reference: json: cannot unmarshal string"

	var stdout, stderr bytes.Buffer
	code := run([]string{"screen", "SDN Trading 3 Ltd."}, strings.NewReader(""), &stdout, &stderr)
	assert.Equal(t, exitMatch, code, stderr.String())
	assert.Contains(t, stderr.String(), wantMeta)
	assert.Contains(t, stderr.String(), wantPeak)

	r = updateRun(t, "--url", srv.URL+"/base.csv")
	require.Equal(t, exitClear, r.code, r.stderr)
	before, _, _ := strings.Cut(r.stderr, "downloading")
	assert.Contains(t, before, wantMeta, "said before the update")
	assert.Contains(t, before, wantPeak, "said before the update")
}

// TestUpdateHidesSAMKey checks that the API key in the --sam-url address
// is never shown: not in what update says, nor in what screen says of the
// cached list later.
func TestUpdateHidesSAMKey(t *testing.T) {
	const secret = "k3yS3cretValue0123456789"
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", dir)
	t.Setenv("HOME", dir)
	extract, err := os.ReadFile("../../entitylist/testdata/sam/exclusions.csv")
	require.NoError(t, err)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/csv")
		_, _ = w.Write(extract)
	}))
	t.Cleanup(srv.Close)

	var stdout, stderr bytes.Buffer
	code := run([]string{"update", "--feeds", "sam", "--sam-url", srv.URL + "/extract?api_key=" + secret + "&fileName=x.csv"}, strings.NewReader(""), &stdout, &stderr)
	require.Equal(t, exitClear, code, stderr.String())
	assert.NotContains(t, stdout.String()+stderr.String(), secret)
	assert.Contains(t, stderr.String(), srv.URL+"/extract?api_key=xxxxx&fileName=x.csv")

	r := screenRun(t, "Acme Widgets")
	require.Contains(t, []int{exitClear, exitMatch}, r.code, r.stderr)
	assert.NotContains(t, r.stdout+r.stderr, secret)
}
