package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The monitor tests run the command against SQLite stores in a temporary
// user cache; the monitor package's own tests cover PostgreSQL.

// monitorArgs are the arguments of a monitor run over the fixture
// supplier master against list.
func monitorArgs(list string, more ...string) []string {
	return append([]string{"monitor", "--vendors", fixtures + "monitor_vendors.csv", "--key-column", "vendor_id",
		"--name-column", "vendor_name", "--country-column", "country", "--kind-column", "kind", "--list", list}, more...)
}

// withoutVars returns env without the variables named.
func withoutVars(env []string, names ...string) []string {
	return slices.DeleteFunc(slices.Clone(env), func(kv string) bool {
		name, _, _ := strings.Cut(kv, "=")
		return slices.Contains(names, name)
	})
}

// alertIDs returns the ids of JSON alert records by vendor id.
func alertIDs(t *testing.T, objs []map[string]any) map[string]string {
	t.Helper()
	ids := map[string]string{}
	for _, o := range objs {
		ids[o["vendor_id"].(string)] = fmt.Sprint(o["id"])
	}
	return ids
}

// csvRows parses CSV output, every row as long as the header.
func csvRows(t *testing.T, out string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err, out)
	require.NotEmpty(t, rows, "a header at least")
	return rows
}

// cell returns the cell of row in the column called name of header.
func cell(t *testing.T, header, row []string, name string) string {
	t.Helper()
	i := slices.Index(header, name)
	require.GreaterOrEqual(t, i, 0, "no column %q in %q", name, header)
	return row[i]
}

// TestAlertsManyPages: the alerts command lists every alert of a store
// that holds more than it reads at a time, once each, in vendor order,
// in every format; the table is aligned over all of them.
func TestAlertsManyPages(t *testing.T) {
	dir := t.TempDir()
	n := alertsPage + alertsPage/5 + 3
	var vendors strings.Builder
	vendors.WriteString("vendor_id,vendor_name,country\n")
	names := []string{"Dover Trading,US", "Kaspersky Labs Ltd,GB", "Orion Star Shipping LLC,AE"}
	id := func(i int) string {
		if i < alertsPage {
			return fmt.Sprintf("M%05d", i)
		}
		return fmt.Sprintf("M%05d-later", i) // wider, on a later page
	}
	for i := range n {
		fmt.Fprintf(&vendors, "%s,%s\n", id(i), names[i%3])
	}
	file := filepath.Join(dir, "vendors.csv")
	require.NoError(t, os.WriteFile(file, []byte(vendors.String()), 0o644))
	db := filepath.Join(dir, "m.db")
	r := runCLI(t, nil, "", "monitor", "--vendors", file, "--key-column", "vendor_id", "--name-column", "vendor_name",
		"--country-column", "country", "--list", fixtures+"monitor_list_v1.csv", "--db", db, "--format", "json")
	require.Equal(t, exitMatch, r.code, r.stderr)
	require.Len(t, jsonLines(t, r.stdout), n)

	r = runCLI(t, nil, "", "alerts", "--db", db, "--format", "json")
	require.Equal(t, exitClear, r.code, r.stderr)
	objs := jsonLines(t, r.stdout)
	require.Len(t, objs, n)
	seen := map[string]bool{}
	for i, o := range objs {
		assert.Equal(t, id(i), o["vendor_id"], "in vendor order")
		id := fmt.Sprint(o["id"])
		assert.False(t, seen[id], "alert %s twice", id)
		seen[id] = true
	}
	r = runCLI(t, nil, "", "alerts", "--db", db, "--format", "csv")
	require.Equal(t, exitClear, r.code, r.stderr)
	rows := csvRows(t, r.stdout)
	require.Len(t, rows, n+1, "a header, once, and the alerts")
	assert.Equal(t, alertColumns, rows[0])
	r = runCLI(t, nil, "", "alerts", "--db", db)
	require.Equal(t, exitClear, r.code, r.stderr)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, n+1)
	col := strings.Index(lines[0], "VENDOR NAME")
	require.Positive(t, col)
	for _, line := range []string{lines[1], lines[alertsPage], lines[n]} {
		assert.Equal(t, "  ", line[col-2:col], "aligned across pages: %q", line)
		assert.NotEqual(t, byte(' '), line[col], "aligned across pages: %q", line)
	}
}

// TestMonitorLifecycle follows a supplier master through the command: the
// first run finds the alerts, a run with nothing changed is silent, a
// cleared alert stays quiet until its entry changes in the list and then
// comes back marked, and alerts and audit say all of it.
func TestMonitorLifecycle(t *testing.T) {
	dir := t.TempDir()
	env := withoutVars(cacheEnv(dir), "USER")
	store := filepath.Join(dir, "entityscreen", "monitor.db")

	// The first run screens every vendor and opens three alerts.
	r := runCLI(t, env, "", monitorArgs(fixtures+"monitor_list_v1.csv", "--format", "json")...)
	require.Equal(t, exitMatch, r.code, r.stderr)
	objs := jsonLines(t, r.stdout)
	require.Len(t, objs, 3, r.stdout)
	for i, o := range objs {
		assert.Equal(t, fmt.Sprintf("V%d", i+1), o["vendor_id"], "in vendor order")
		assert.Equal(t, "open", o["status"])
		assert.Equal(t, "new match", o["reason"])
		assert.Equal(t, toolVersionOf(t), o["tool_version"])
		assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`, o["screened_at"])
		m := o["match"].(map[string]any)
		assert.Equal(t, 0.72, m["explanation"].(map[string]any)["threshold"], "the threshold is in the record")
		assert.Len(t, m["list_version"].(map[string]any)["sha256"], 64, "the list version is in the record")
	}
	assert.Equal(t, "Dover Trading FZE", objs[0]["match"].(map[string]any)["name"])
	assert.Contains(t, r.stderr, "monitor_vendors.csv: 1 blank line skipped")
	assert.Contains(t, r.stderr, "entityscreen: run 1, ")
	assert.Contains(t, r.stderr, "4 vendors, 4 screened in full (the first run), 0 against the list's changes; "+
		"list entries 3 added, 0 changed, 0 removed; alerts 3 new, 0 reopened, 0 cleared again, 0 closed")
	assert.Contains(t, r.stderr, "store "+store+"; list "+fixtures+"monitor_list_v1.csv (inhouse): 3 entries")
	assert.FileExists(t, store, "the default store is beside the downloaded list")
	ids := alertIDs(t, objs)

	// Nothing changed: nothing screened, nothing printed.
	r = runCLI(t, env, "", monitorArgs(fixtures+"monitor_list_v1.csv")...)
	require.Equal(t, exitClear, r.code, r.stderr)
	assert.Empty(t, r.stdout)
	assert.Contains(t, r.stderr, "run 2, ")
	assert.Contains(t, r.stderr, "4 vendors, 0 screened in full, 0 against the list's changes")

	// A reviewer clears the Dover false alarm.
	r = runCLI(t, env, "", "decide", ids["V1"], "--clear", "--reason", "Dover Trading Inc. of Ohio, not the listed party", "--reviewer", "a.analyst")
	require.Equal(t, exitClear, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Alert "+ids["V1"]+" cleared by a.analyst at ")
	assert.Contains(t, r.stdout, "Reason: Dover Trading Inc. of Ohio, not the listed party")

	r = runCLI(t, env, "", "alerts")
	require.Equal(t, exitClear, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Kaspersky Labs Ltd")
	assert.Contains(t, r.stdout, "Orion Star Shipping LLC")
	assert.NotContains(t, r.stdout, "Dover", "a cleared alert is not open")

	// The list changes Dover's entry: the cleared alert comes back, marked.
	r = runCLI(t, env, "", monitorArgs(fixtures+"monitor_list_v2.csv")...)
	require.Equal(t, exitMatch, r.code, r.stderr)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, 2, "a header and the reopened alert:\n%s", r.stdout)
	assert.Regexp(t, `^ALERT\s+STATUS\s+VENDOR\s+VENDOR NAME\s+SCORE\s+ENTRY\s+LISTED NAME\s+REASON$`, lines[0])
	assert.Regexp(t, `^`+ids["V1"]+`\s+reopened\s+V1\s+Dover Trading\s+0\.\d{4}\s+INHOUSE L1\s+Dover Trading FZE\s+changed since review: the entry changed$`, lines[1])
	assert.Contains(t, r.stderr, "list entries 0 added, 1 changed, 0 removed; alerts 0 new, 1 reopened, 0 cleared again, 0 closed")

	r = runCLI(t, env, "", "alerts", "--vendor", "V1", "--format", "csv")
	require.Equal(t, exitClear, r.code, r.stderr)
	rows := csvRows(t, r.stdout)
	require.Len(t, rows, 2)
	assert.Equal(t, alertColumns, rows[0])
	assert.Equal(t, []string{ids["V1"], "open", "true", "changed since review: the entry changed", "V1", "Dover Trading"}, rows[1][:6])
	assert.Contains(t, cell(t, rows[0], rows[1], "list_version"), "monitor_list_v2.csv", "the match as screened last")

	r = runCLI(t, env, "", "alerts", "--status", "open,cleared,confirmed,escalated,closed", "--format", "json")
	require.Equal(t, exitClear, r.code, r.stderr)
	objs = jsonLines(t, r.stdout)
	require.Len(t, objs, 3)
	assert.Equal(t, true, objs[0]["changed_since_review"])
	assert.NotContains(t, objs[0], "tool_version", "a listing is the store's record, not a screening")

	// The audit holds the three runs, the three alerts, the decision and
	// the changes runs made to alerts: three opened, Dover's reopened.
	r = runCLI(t, env, "", "audit")
	require.Equal(t, exitClear, r.code, r.stderr)
	objs = jsonLines(t, r.stdout)
	var kinds []string
	for _, o := range objs {
		kinds = append(kinds, o["kind"].(string))
	}
	assert.Equal(t, []string{"run", "run", "run", "alert", "alert", "alert", "decision", "event", "event", "event", "event"}, kinds)
	first := objs[0]["run"].(map[string]any)
	assert.Equal(t, true, first["full"])
	assert.Equal(t, toolVersionOf(t), first["tool_version"])
	d := objs[6]["decision"].(map[string]any)
	assert.Equal(t, "cleared", d["action"])
	assert.Equal(t, "a.analyst", d["reviewer"])
	assert.Equal(t, first["list_version"].(map[string]any)["sha256"], d["list_sha256"], "decided on the first list")

	r = runCLI(t, env, "", "audit", "--format", "csv")
	require.Equal(t, exitClear, r.code, r.stderr)
	rows = csvRows(t, r.stdout)
	require.Len(t, rows, 12)
	assert.Equal(t, auditColumns, rows[0])
	assert.Equal(t, "run", rows[3][0])
	assert.Contains(t, cell(t, rows[0], rows[3], "details"), "alerts 0 new, 1 reopened, 0 cleared again, 0 closed")
	assert.Contains(t, cell(t, rows[0], rows[3], "details"), "the list's weak aliases not screened;")
	assert.Equal(t, []string{"alert", ids["V1"]}, rows[4][:2])
	assert.Equal(t, "Dover Trading", cell(t, rows[0], rows[4], "vendor_name"))
	assert.Equal(t, "decision", rows[7][0])
	assert.Equal(t, "Dover Trading Inc. of Ohio, not the listed party", cell(t, rows[0], rows[7], "reason"))
	assert.Equal(t, ids["V1"], cell(t, rows[0], rows[7], "alert_id"))
	ev := rows[11]
	assert.Equal(t, "event", ev[0])
	assert.Equal(t, ids["V1"], cell(t, rows[0], ev, "alert_id"))
	assert.Equal(t, "3", cell(t, rows[0], ev, "run_id"))
	assert.Equal(t, "open", cell(t, rows[0], ev, "status"))
	assert.Equal(t, "changed since review: the entry changed", cell(t, rows[0], ev, "reason"))
	assert.Equal(t, "changed since review", cell(t, rows[0], ev, "details"))
}

// TestMonitorCSV: the alerts of a run in CSV name the version and the time
// like screen's rows, and no cell starts a formula.
func TestMonitorCSV(t *testing.T) {
	vendors := filepath.Join(t.TempDir(), "vendors.csv")
	require.NoError(t, os.WriteFile(vendors, []byte("id,name\n=1+2,=Orion Star Shipping\n-3,Contoso Paper Supplies\n"), 0o600))
	r := runCLI(t, nil, "", "monitor", "--vendors", vendors, "--key-column", "id", "--list", fixtures+"monitor_list_v1.csv",
		"--format", "csv", "--db", filepath.Join(t.TempDir(), "m.db"))
	require.Equal(t, exitMatch, r.code, r.stderr)
	rows := csvRows(t, r.stdout)
	require.Len(t, rows, 2)
	assert.Equal(t, append(slices.Clone(alertColumns), "tool_version", "screened_at"), rows[0])
	h, row := rows[0], rows[1]
	assert.Equal(t, "'=1+2", cell(t, h, row, "vendor_id"))
	assert.Equal(t, "'=Orion Star Shipping", cell(t, h, row, "vendor_name"))
	assert.Equal(t, "L3", cell(t, h, row, "entry_id"))
	assert.Equal(t, "0.72", cell(t, h, row, "threshold"))
	assert.Equal(t, toolVersionOf(t), cell(t, h, row, "tool_version"))
	assert.NotEmpty(t, cell(t, h, row, "screened_at"))
}

// TestMonitorRefusesBadRows: a supplier master with bad rows is an error
// naming each, and the run stores nothing; a name the screener refuses
// stops the run, which stores nothing either.
func TestMonitorRefusesBadRows(t *testing.T) {
	dir := t.TempDir()
	env := cacheEnv(dir)
	store := filepath.Join(dir, "entityscreen", "monitor.db")
	bad := []string{"monitor", "--vendors", fixtures + "monitor_vendors_bad.csv", "--key-column", "vendor_id",
		"--name-column", "vendor_name", "--country-column", "country", "--kind-column", "kind", "--list", fixtures + "monitor_list_v1.csv"}
	r := runCLI(t, env, "", bad...)
	assert.Equal(t, exitError, r.code)
	assert.Empty(t, r.stdout)
	for _, s := range []string{
		"monitor_vendors_bad.csv: 5 bad rows, nothing screened:",
		`line 3, column "vendor_id": empty vendor id`,
		`line 4, column "vendor_id": vendor id "V1" is also on line 2`,
		`line 5, column "vendor_name": empty name`,
		`1 country could not be read and was left out`, // a warning, not a bad row
		"line 7: 2 fields, the header has 4",
		`line 8, column "kind": "vessel"`,
	} {
		assert.Contains(t, r.stderr, s)
	}
	assert.NoFileExists(t, store, "nothing stored, not even an empty store")

	// A good run, then a name the screener refuses: the store keeps the
	// good run only.
	r = runCLI(t, env, "", monitorArgs(fixtures+"monitor_list_v1.csv")...)
	require.Equal(t, exitMatch, r.code, r.stderr)
	vendors := filepath.Join(t.TempDir(), "vendors.csv")
	require.NoError(t, os.WriteFile(vendors, []byte("vendor_id,vendor_name\nV1,Dover Trading\nV9,Ltd.\n"), 0o600))
	r = runCLI(t, env, "", "monitor", "--vendors", vendors, "--key-column", "vendor_id", "--name-column", "vendor_name",
		"--list", fixtures+"monitor_list_v1.csv")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, `the run stored nothing: `+vendors+`, line 3, vendor id "V9": screening: empty name`)
	r = runCLI(t, env, "", "audit")
	require.Equal(t, exitClear, r.code, r.stderr)
	assert.Equal(t, 1, strings.Count(r.stdout, `{"kind":"run"`), "the refused run left no record")
	assert.Contains(t, r.stdout, `"vendor_id":"V3"`, "nor closed the alerts of the vendors it lacked")
	assert.NotContains(t, r.stdout, `"status":"closed"`)
}

func TestMonitorErrors(t *testing.T) {
	dir := t.TempDir()
	headerOnly := filepath.Join(dir, "empty.csv")
	require.NoError(t, os.WriteFile(headerOnly, []byte("vendor_id,vendor_name\n"), 0o600))
	list := fixtures + "monitor_list_v1.csv"
	tests := []struct {
		name   string
		args   []string
		stderr []string
	}{
		{"no vendors flag", []string{"monitor", "--key-column", "id", "--list", list}, []string{"--vendors FILE is required", "Usage: entityscreen monitor"}},
		{"no key column flag", []string{"monitor", "--vendors", fixtures + "monitor_vendors.csv", "--list", list}, []string{"--key-column is required"}},
		{"bad format", append(monitorArgs(list), "--format", "xml"), []string{`unknown --format "xml"`}},
		{"bad threshold", append(monitorArgs(list), "--threshold", "2"), []string{"--threshold 2"}},
		{"missing columns", []string{"monitor", "--vendors", fixtures + "monitor_vendors.csv", "--key-column", "vid", "--name-column", "supplier", "--list", list},
			[]string{`no id column "vid" and no name column "supplier"; the header has "vendor_id", "vendor_name"`}},
		{"no rows", []string{"monitor", "--vendors", headerOnly, "--key-column", "vendor_id", "--name-column", "vendor_name", "--list", list},
			[]string{"empty.csv: no vendors: the file holds no row to screen"}},
		{"unreadable vendors", []string{"monitor", "--vendors", filepath.Join(dir, "none.csv"), "--key-column", "id", "--list", list},
			[]string{"cannot read the vendors", "none.csv"}},
		{"alerts without a store", []string{"alerts"}, []string{"no monitoring store at ", `run "entityscreen monitor" first`}},
		{"audit without a store", []string{"audit", "--db", filepath.Join(dir, "none.db")}, []string{"no monitoring store at " + filepath.Join(dir, "none.db")}},
		{"audit bad format", []string{"audit", "--format", "text"}, []string{`unknown --format "text": use json or csv`}},
		{"alerts bad status", []string{"alerts", "--status", "open,done"}, []string{`--status "open,done": "done" is no state of an alert`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			assert.Equal(t, exitError, r.code, "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			for _, s := range tt.stderr {
				assert.Contains(t, r.stderr, s)
			}
			assert.NotContains(t, r.stderr, "goroutine ")
		})
	}
}

// TestDecide: decide's errors, each with status 2 and a message saying
// what to do, and the reviewer taken from $USER.
func TestDecide(t *testing.T) {
	dir := t.TempDir()
	env := withoutVars(cacheEnv(dir), "USER")
	r := runCLI(t, env, "", monitorArgs(fixtures+"monitor_list_v1.csv", "--format", "json")...)
	require.Equal(t, exitMatch, r.code, r.stderr)
	ids := alertIDs(t, jsonLines(t, r.stdout))

	tests := []struct {
		name   string
		env    []string
		args   []string
		stderr string
	}{
		{"no such alert", env, []string{"decide", "9999", "--clear", "--reason", "x", "--reviewer", "b"}, "no alert 9999 in "},
		{"two actions", env, []string{"decide", ids["V1"], "--clear", "--confirm", "--reason", "x", "--reviewer", "b"}, "--clear and --confirm: give only one decision"},
		{"no action", env, []string{"decide", ids["V1"], "--reason", "x", "--reviewer", "b"}, "no decision: give one of --clear, --confirm, --escalate"},
		{"no reason", env, []string{"decide", ids["V1"], "--escalate", "--reviewer", "b"}, "--reason is required"},
		{"blank reason", env, []string{"decide", ids["V1"], "--escalate", "--reason", "  ", "--reviewer", "b"}, "--reason is required"},
		{"no alert id", env, []string{"decide", "--clear", "--reason", "x", "--reviewer", "b"}, "no ALERT-ID"},
		{"bad alert id", env, []string{"decide", "first", "--clear", "--reason", "x", "--reviewer", "b"}, `ALERT-ID "first": not the number of an alert`},
		{"alert id with a sign", env, []string{"decide", "+" + ids["V1"], "--clear", "--reason", "x", "--reviewer", "b"},
			`ALERT-ID "+` + ids["V1"] + `": not the number of an alert: give it as "entityscreen alerts" lists it`},
		{"alert id with a leading zero", env, []string{"decide", "0" + ids["V1"], "--clear", "--reason", "x", "--reviewer", "b"},
			`ALERT-ID "0` + ids["V1"] + `": not the number of an alert: give it as "entityscreen alerts" lists it`},
		{"alert id zero", env, []string{"decide", "0", "--clear", "--reason", "x", "--reviewer", "b"}, `ALERT-ID "0": not the number of an alert`},
		{"no reviewer", env, []string{"decide", ids["V1"], "--clear", "--reason", "x"}, "no reviewer: $USER is not set; pass --reviewer NAME"},
		{"reason not UTF-8", env, []string{"decide", ids["V1"], "--escalate", "--reason", "bad \xff byte", "--reviewer", "b"},
			"entityscreen decide: --reason has invalid UTF-8 at byte 4, which the store cannot hold: give plain UTF-8 text\n"},
		{"reviewer not UTF-8", env, []string{"decide", ids["V1"], "--escalate", "--reason", "x", "--reviewer", "an\xc3a"},
			"entityscreen decide: --reviewer has invalid UTF-8 at byte 2, which the store cannot hold"},
		{"$USER not UTF-8", append(env, "USER=b\xff"), []string{"decide", ids["V1"], "--escalate", "--reason", "x"},
			"entityscreen decide: $USER has invalid UTF-8 at byte 1, which the store cannot hold"},
		// A reviewer's name is one line, as the review page and the API
		// take it: a line break would forge lines where it is shown.
		{"reviewer on two lines", env, []string{"decide", ids["V1"], "--escalate", "--reason", "x", "--reviewer", " ana\nforged"},
			"entityscreen decide: --reviewer has a control character (U+000A) at byte 4: give the name on one line, as plain text\n"},
		{"$USER with a tab", slices.Concat(env, []string{"USER=ana\tb"}), []string{"decide", ids["V1"], "--escalate", "--reason", "x"},
			"entityscreen decide: $USER has a control character (U+0009) at byte 3: give the name on one line, as plain text\n"},
		// The limits the review page and the API set, which the store now
		// keeps for every caller.
		{"reviewer too long", env, []string{"decide", ids["V1"], "--escalate", "--reason", "x", "--reviewer", strings.Repeat("a", 201)},
			"entityscreen decide: --reviewer is 201 bytes long; it may be 200 at most\n"},
		{"reason too long", env, []string{"decide", ids["V1"], "--escalate", "--reason", strings.Repeat("r", 4001), "--reviewer", "b"},
			"entityscreen decide: --reason is 4001 bytes long; it may be 4000 at most\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, tt.env, "", tt.args...)
			assert.Equal(t, exitError, r.code, "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			assert.Contains(t, r.stderr, tt.stderr)
			assert.Empty(t, r.stdout)
		})
	}

	r = runCLI(t, append(env, "USER=c.reviewer"), "", "decide", ids["V2"], "--confirm", "--reason", "same party, same address")
	require.Equal(t, exitClear, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Alert "+ids["V2"]+" confirmed by c.reviewer at ")
	r = runCLI(t, env, "", "audit")
	require.Equal(t, exitClear, r.code, r.stderr)
	assert.Equal(t, 1, strings.Count(r.stdout, `"kind":"decision"`), "the failed decisions left no record")
	assert.Contains(t, r.stdout, `"reviewer":"c.reviewer"`)
}

// TestDecideNUL: a reason with a NUL character, which PostgreSQL's text
// refuses, is refused on every store as the caller's error, status 2,
// saying where, and records nothing. No argument of a process holds a NUL:
// the command runs in this process.
func TestDecideNUL(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "m.db")
	r := runCLI(t, cacheEnv(dir), "", monitorArgs(fixtures+"monitor_list_v1.csv", "--format", "json", "--db", store)...)
	require.Equal(t, exitMatch, r.code, r.stderr)
	ids := alertIDs(t, jsonLines(t, r.stdout))

	var stdout, stderr bytes.Buffer
	code := run([]string{"decide", ids["V1"], "--escalate", "--reason", "a\x00b", "--reviewer", "b", "--db", store}, strings.NewReader(""), &stdout, &stderr)
	assert.Equal(t, exitError, code, "stderr:\n%s", stderr.String())
	assert.Equal(t, "entityscreen decide: --reason has a NUL character at byte 1, which the store cannot hold: give plain UTF-8 text\n", stderr.String())
	assert.Empty(t, stdout.String())

	r = runCLI(t, cacheEnv(dir), "", "audit", "--db", store)
	require.Equal(t, exitClear, r.code, r.stderr)
	assert.NotContains(t, r.stdout, `"kind":"decision"`, "nothing recorded")
}

// TestMonitorVendorsHeader: the supplier master is read as screen reads
// --input: a byte order mark before a quoted header is dropped, and a
// header naming a column twice is refused before anything is stored.
func TestMonitorVendorsHeader(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "m.db")
	args := func(vendors string) []string {
		return []string{"monitor", "--vendors", vendors, "--key-column", "vendor_id", "--name-column", "vendor_name",
			"--list", fixtures + "monitor_list_v1.csv", "--db", store, "--format", "json"}
	}

	repeated := filepath.Join(dir, "repeated.csv")
	require.NoError(t, os.WriteFile(repeated, []byte("vendor_id,vendor_name,VENDOR_ID\nV1,Dover Trading,V9\n"), 0o600))
	r := runCLI(t, nil, "", args(repeated)...)
	assert.Equal(t, exitError, r.code, r.stderr)
	assert.Contains(t, r.stderr, repeated+`: line 1: column "vendor_id" appears twice (columns 1 and 3, written "vendor_id" and "VENDOR_ID")`)
	assert.NoFileExists(t, store)

	bom := filepath.Join(dir, "bom.csv")
	require.NoError(t, os.WriteFile(bom, []byte("\ufeff\"vendor_id\",\"vendor_name\"\r\n\"V1\",\"Dover Trading\"\r\n"), 0o600))
	r = runCLI(t, nil, "", args(bom)...)
	require.Equal(t, exitMatch, r.code, r.stderr)
	objs := jsonLines(t, r.stdout)
	require.Len(t, objs, 1)
	assert.Equal(t, "V1", objs[0]["vendor_id"])
}

// TestMonitorBadCountryAsHelpSays: a country that names no country is no
// bad row: the vendor is screened without it, with a warning, and stored,
// as "entityscreen help monitor" says.
func TestMonitorBadCountryAsHelpSays(t *testing.T) {
	h := runCLI(t, nil, "", "help", "monitor")
	require.Equal(t, exitClear, h.code)
	help := strings.Join(strings.Fields(h.stdout+h.stderr), " ")
	assert.Contains(t, help, "A country that names no country is not an error: it is left out with a warning on standard error, and the vendor screened and stored without it.")
	assert.NotContains(t, help, "bad country")

	dir := t.TempDir()
	vendors := filepath.Join(dir, "vendors.csv")
	require.NoError(t, os.WriteFile(vendors, []byte("vendor_id,vendor_name,country\nV1,Contoso Paper Supplies,Narnia\n"), 0o600))
	r := runCLI(t, nil, "", "monitor", "--vendors", vendors, "--key-column", "vendor_id", "--name-column", "vendor_name",
		"--country-column", "country", "--list", fixtures+"monitor_list_v1.csv", "--db", filepath.Join(dir, "m.db"))
	assert.Equal(t, exitClear, r.code, r.stderr)
	assert.Contains(t, r.stderr, `1 country could not be read and was left out, the names screened without them; the first: line 2, column "country": "Narnia"`)
	assert.Contains(t, r.stderr, "run 1, ")
	assert.Contains(t, r.stderr, ": 1 vendor, 1 screened in full")
}

// TestMonitorKeysTrimmed: an export that pads the vendor ids with spaces
// names the same vendors: the second run keeps their alerts open, rather
// than closing each and opening it anew under "V3 ".
func TestMonitorKeysTrimmed(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	dir := t.TempDir()
	run := func(rows string) cli {
		vendors := filepath.Join(dir, "vendors.csv")
		require.NoError(t, os.WriteFile(vendors, []byte("id,name\n"+rows), 0o600))
		return runCLI(t, nil, "", "monitor", "--vendors", vendors, "--key-column", "id", "--list", fixtures+"monitor_list_v1.csv",
			"--format", "json", "--db", db)
	}
	r := run("V3,Orion Star Shipping\n")
	require.Equal(t, exitMatch, r.code, r.stderr)
	r = run(" V3  ,Orion Star Shipping\n")
	require.Equal(t, exitClear, r.code, r.stderr)
	r = runCLI(t, nil, "", "alerts", "--db", db, "--status", "open,cleared,confirmed,escalated,closed", "--format", "json")
	require.Equal(t, exitClear, r.code, r.stderr)
	assert.Equal(t, 1, strings.Count(r.stdout, `"vendor_id":"V3"`), "%s", r.stdout)
	assert.NotContains(t, r.stdout, `"status":"closed"`)
}

// TestStoreURLRedacted: a PostgreSQL address's password, whether after the
// user or in the query, is not shown when the store cannot be opened.
func TestStoreURLRedacted(t *testing.T) {
	for _, dsn := range []string{
		"postgres://ana:hunter2@127.0.0.1:1/db?connect_timeout=1",
		"postgres://ana@127.0.0.1:1/db?password=hunter2&connect_timeout=1",
	} {
		r := runCLI(t, nil, "", "alerts", "--db", dsn)
		assert.Equal(t, exitError, r.code, r.stderr)
		assert.Contains(t, r.stderr, "cannot open the store")
		assert.NotContains(t, r.stderr+r.stdout, "hunter2")
	}
}

// TestDecideOnSeen: decide with the hashes of the alert as it was read
// records the decision while a run has not changed the alert since, and
// refuses it, with status 2 and nothing recorded, once one has; the
// output names the hashes decided on either way.
func TestDecideOnSeen(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "m.db")
	r := runCLI(t, nil, "", monitorArgs(fixtures+"monitor_list_v1.csv", "--format", "json", "--db", store)...)
	require.Equal(t, exitMatch, r.code, r.stderr)
	var read map[string]any // V1's alert as a reviewer read it
	for _, o := range jsonLines(t, r.stdout) {
		if o["vendor_id"] == "V1" {
			read = o
		}
	}
	require.NotNil(t, read)
	id, eh, vh := fmt.Sprint(read["id"]), read["entry_hash"].(string), read["vendor_hash"].(string)
	decide := func(more ...string) cli {
		return runCLI(t, nil, "", append([]string{"decide", id, "--escalate", "--reason", "x", "--reviewer", "b", "--db", store}, more...)...)
	}

	for _, tt := range []struct {
		name   string
		args   []string
		stderr string
	}{
		{"entry hash alone", []string{"--entry-hash", eh}, "give --entry-hash and --vendor-hash together"},
		{"vendor hash alone", []string{"--vendor-hash", vh}, "give --entry-hash and --vendor-hash together"},
		{"short hash", []string{"--entry-hash", eh[:12], "--vendor-hash", vh}, `--entry-hash "` + eh[:12] + `": not a content hash: 64 hexadecimal digits`},
		{"upper case", []string{"--entry-hash", eh, "--vendor-hash", strings.ToUpper(vh)}, `--vendor-hash "` + strings.ToUpper(vh)[:40] + `"… (64 bytes): not a content hash`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := decide(tt.args...)
			assert.Equal(t, exitError, r.code, r.stderr)
			assert.Contains(t, r.stderr, tt.stderr)
			assert.Empty(t, r.stdout)
		})
	}

	// The list changes the entry of V1's alert: the decision on the alert
	// as read is refused.
	r = runCLI(t, nil, "", monitorArgs(fixtures+"monitor_list_v2.csv", "--db", store)...)
	require.Contains(t, []int{exitClear, exitMatch}, r.code, r.stderr)
	r = decide("--entry-hash", eh, "--vendor-hash", vh)
	assert.Equal(t, exitError, r.code, r.stderr)
	assert.Contains(t, r.stderr, "alert "+id+" changed since it was read: its entry hash is now ")
	assert.Contains(t, r.stderr, "not "+eh)
	assert.Contains(t, r.stderr, "nothing recorded")
	assert.Empty(t, r.stdout)
	r = runCLI(t, nil, "", "audit", "--db", store)
	require.Equal(t, exitClear, r.code, r.stderr)
	assert.NotContains(t, r.stdout, `"kind":"decision"`, "nothing recorded")

	// Read again, it takes the decision, and says what it rested on.
	r = runCLI(t, nil, "", "alerts", "--db", store, "--vendor", "V1", "--format", "json")
	require.Equal(t, exitClear, r.code, r.stderr)
	objs := jsonLines(t, r.stdout)
	require.Len(t, objs, 1)
	eh2, vh2 := objs[0]["entry_hash"].(string), objs[0]["vendor_hash"].(string)
	require.NotEqual(t, eh, eh2)
	r = decide("--entry-hash", eh2, "--vendor-hash", vh2)
	require.Equal(t, exitClear, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Alert "+id+" escalated by b at ")
	assert.Contains(t, r.stdout, "Made on: entry "+eh2+", vendor record "+vh2+", list sha256 ")
	assert.Contains(t, r.stdout, "as read (--entry-hash, --vendor-hash)")

	// Without the hashes, the output says it decided on the alert as it
	// was when recorded.
	r = runCLI(t, nil, "", "decide", id, "--confirm", "--reason", "y", "--reviewer", "b", "--db", store)
	require.Equal(t, exitClear, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Made on: entry "+eh2+", vendor record "+vh2+", list sha256 ")
	assert.Contains(t, r.stdout, "the alert as it was when the decision was recorded")
}

// TestAlertsVendorFlag: --vendor is read as the monitor reads a vendor id,
// spaces around it dropped, and an id the store cannot hold is an error
// naming the flag, with status 2.
func TestAlertsVendorFlag(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "m.db")
	r := runCLI(t, nil, "", monitorArgs(fixtures+"monitor_list_v1.csv", "--format", "json", "--db", store)...)
	require.Equal(t, exitMatch, r.code, r.stderr)

	r = runCLI(t, nil, "", "alerts", "--db", store, "--vendor", " V1 ", "--format", "json")
	require.Equal(t, exitClear, r.code, r.stderr)
	objs := jsonLines(t, r.stdout)
	require.Len(t, objs, 1, "the vendor V1, as the monitor keeps its id")
	assert.Equal(t, "V1", objs[0]["vendor_id"])

	r = runCLI(t, nil, "", "alerts", "--db", store, "--vendor", "V\xff1")
	assert.Equal(t, exitError, r.code, r.stderr)
	assert.Contains(t, r.stderr, "entityscreen alerts: --vendor has invalid UTF-8 at byte 1, which the store cannot hold: give plain UTF-8 text")
	assert.NotContains(t, r.stderr, "AlertFilter")
	assert.Empty(t, r.stdout)
}
