package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/ownership"
	"github.com/entityscreen/entityscreen/screening"
)

// The ownership tests screen against the file of the embedded list, which
// holds Kaspersky Labs Limited and AO Kaspersky Lab on the Entity List, with
// the illustrative ownership fixtures of testdata/ownership: invented
// subsidiaries and percentages (see testdata/ownership/README.md).
const (
	defaultList  = "../../entitylist/data/default.csv"
	ownFixtures  = "../../testdata/ownership/"
	kaspersky    = ownFixtures + "kaspersky.csv"
	gmbh         = "Northwind Secure Software GmbH"
	inForce      = "2025-10-15" // the Affiliates Rule in force
	inSuspension = "2026-01-15" // the Affiliates Rule suspended
)

// screenOwnership runs screen against the default list with the Kaspersky
// fixture and more arguments.
func screenOwnership(t *testing.T, args ...string) cli {
	t.Helper()
	return runCLI(t, nil, "", append([]string{"screen", "--list", defaultList, "--ownership", kaspersky}, args...)...)
}

func TestScreenOwnershipText(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		contains []string
		absent   []string
	}{
		{
			name: "owned while the Affiliates Rule is in force",
			args: []string{"--as-of", inForce, gmbh},
			code: exitMatch,
			contains: []string{
				`"Northwind Secure Software GmbH": no match`,
				"ownership as of 2025-10-15: OWNED 50% or more by listed parties under the BIS Affiliates Rule",
				"ALERT: its name matches no list entry at or above the threshold, but listed parties own 50% or more of it under the BIS Affiliates Rule",
				"BIS Affiliates Rule, in force: owned: owned 60% by parties that count (50% or more): Kaspersky Labs Limited 60% (listed)",
				"path: Kaspersky Labs Limited -60%-> Northwind Secure Software GmbH [" + kaspersky + " line 18]",
				`Kaspersky Labs Limited is EL Kaspersky Labs Limited (by name "Kaspersky Labs Limited", score 1.00), 89 FR 52362`,
				"license: For all items subject to the EAR. Presumption of denial. (from Kaspersky Labs Limited, EL 8e2975db",
				"OFAC 50 Percent Rule, in force: clear",
				"Ownership as of 2025-10-15: 0 listed, 1 owned, 0 possibly, 0 clear, 0 not in the data; 1 ownership alert.",
				"BIS Affiliates Rule (bis-affiliates): in force (2025-09-29 to 2025-11-09: in force, 90 FR 47201",
				"its status is yours to confirm",
			},
		},
		{
			name: "not covered in the suspension, the stake still shown",
			args: []string{"--as-of", inSuspension, gmbh},
			code: exitClear,
			contains: []string{
				"ownership as of 2026-01-15: clear",
				"BIS Affiliates Rule, suspended: clear: owned 60% by parties that count",
				"but the rule is suspended at 2026-01-15",
				"not covered (computed: owned)",
				"path: Kaspersky Labs Limited -60%-> Northwind Secure Software GmbH",
				"BIS Affiliates Rule (bis-affiliates): suspended (2025-11-10 to 2026-11-09: suspended",
			},
			absent: []string{"ALERT", "OWNED", "license:"},
		},
		{
			name:     "in force in the suspension when set so",
			args:     []string{"--as-of", inSuspension, "--rule-status", "bis-affiliates=in-force", gmbh},
			code:     exitMatch,
			contains: []string{"OWNED 50% or more", "BIS Affiliates Rule, in force (set with --rule-status): owned", "BIS Affiliates Rule (bis-affiliates): in force (set with --rule-status)"},
		},
		{
			name:     "suspended while in force when set so",
			args:     []string{"--as-of", inForce, "--rule-status", "bis-affiliates=suspended", gmbh},
			code:     exitClear,
			contains: []string{"BIS Affiliates Rule, suspended (set with --rule-status): clear"},
			absent:   []string{"ALERT"},
		},
		{
			name:     "a US subsidiary is not covered",
			args:     []string{"--as-of", inForce, "Northwind Secure Software Inc."},
			code:     exitClear,
			contains: []string{"ownership as of 2025-10-15: clear", "incorporated in US and the rule covers foreign entities only"},
		},
		{
			name: "a band is possibly owned, an alert",
			args: []string{"--as-of", inForce, "Harbor Threat Research B.V."},
			code: exitMatch,
			contains: []string{"POSSIBLY OWNED 50% or more by listed parties under the BIS Affiliates Rule: to determine",
				"listed parties may own 50% or more of it", "data: unknown-share:",
				"possible license: For all items subject to the EAR. Presumption of denial. (from Kaspersky Labs Limited"},
			absent: []string{"  license:"},
		},
		{
			name:     "a minority stake is clear, and reported",
			args:     []string{"--as-of", inForce, "tundra  labs ag"},
			code:     exitClear,
			contains: []string{"ownership as of 2025-10-15: clear", "data: minority: owners that count under BIS Affiliates Rule hold 40%"},
		},
		{
			name:     "the listed owner",
			args:     []string{"--as-of", inForce, "Kaspersky Labs Limited"},
			code:     exitMatch,
			contains: []string{`"Kaspersky Labs Limited": 2 matches`, "ownership as of 2025-10-15: LISTED"},
			absent:   []string{"ALERT:"},
		},
		{
			name:     "a vendor not in the ownership data",
			args:     []string{"--as-of", inForce, "Contoso Paper Supplies"},
			code:     exitClear,
			contains: []string{"ownership: not in the ownership data (no party of this name)", "1 not in the data; 0 ownership alerts"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := screenOwnership(t, tt.args...)
			assert.Equal(t, tt.code, r.code, "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			for _, s := range tt.contains {
				assert.Contains(t, r.stdout, s)
			}
			for _, s := range tt.absent {
				assert.NotContains(t, r.stdout, s)
			}
			assert.Contains(t, r.stderr, "entityscreen: ownership data: 7 parties and 6 ownership records from "+kaspersky+" (ownership CSV)")
		})
	}
}

func TestScreenOwnershipJSON(t *testing.T) {
	r := screenOwnership(t, "--as-of", inForce, "--format", "json", gmbh, "Contoso Paper Supplies")
	assert.Equal(t, exitMatch, r.code, r.stderr)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, 2)
	objs := jsonLines(t, r.stdout)
	assert.Empty(t, matchesOf(t, objs[0]), "clear by name")
	assert.Equal(t, false, objs[0]["alert"], "the name screening's own record is unchanged")

	// The "ownership" key holds the library's Outcome record.
	var rec struct {
		Ownership *outcomeRecord `json:"ownership"`
	}
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &rec))
	o := rec.Ownership
	require.NotNil(t, o)
	assert.Equal(t, gmbh, o.Party.Name)
	assert.Equal(t, "DE", o.Party.Country)
	assert.Equal(t, ownership.Owned, o.Finding)
	assert.Equal(t, "2025-10-15", o.AsOf.Format("2006-01-02"))
	require.Len(t, o.Rules, 2)
	ro := o.Rules[1]
	assert.Equal(t, "bis-affiliates", ro.Rule)
	assert.Equal(t, ownership.InForce, ro.Status)
	assert.Equal(t, ownership.Owned, ro.Finding)
	assert.Equal(t, ownership.Exact(60), ro.Held)
	require.Len(t, ro.Paths, 1)
	assert.Equal(t, "Kaspersky Labs Limited -60%-> Northwind Secure Software GmbH", ownership.Path{Steps: ro.Paths[0].Steps}.String())
	require.Len(t, ro.Owners, 1)
	require.NotEmpty(t, ro.Owners[0].Ties)
	assert.Equal(t, "Kaspersky Labs Limited", ro.Owners[0].Ties[0].Match.Explanation.Candidate.Text, "the owner's name match and its explanation")
	require.NotNil(t, ro.License)
	assert.Equal(t, "For all items subject to the EAR.", ro.License.Requirement)
	assert.Equal(t, ownership.Clear, o.Rules[0].Finding, "OFAC: the Entity List does not block")
	assert.True(t, strings.HasSuffix(lines[0], `"screened_at":"`+objs[0]["screened_at"].(string)+`"}`), "the stamp comes last")

	v, ok := objs[1]["ownership"]
	assert.True(t, ok, "a vendor not in the data has the key")
	assert.Nil(t, v, "and null")
	assert.NotContains(t, objs[1], "ownership_also")

	r = runCLI(t, nil, "", "screen", "--list", defaultList, "--format", "json", gmbh)
	assert.Equal(t, exitClear, r.code, r.stderr)
	assert.NotContains(t, jsonLines(t, r.stdout)[0], "ownership", "no key without --ownership")
}

// outcomeRecord reads the JSON record of an ownership.Outcome, but for the
// ties' methods (ownership.TieMethod has no UnmarshalText).
type outcomeRecord struct {
	Party   ownership.Party   `json:"party"`
	AsOf    time.Time         `json:"as_of"`
	Finding ownership.Finding `json:"finding"`
	Rules   []struct {
		Rule    string               `json:"rule"`
		Status  ownership.RuleStatus `json:"status"`
		Finding ownership.Finding    `json:"finding"`
		Held    ownership.Share      `json:"held"`
		Paths   []struct {
			Steps []ownership.Stake `json:"steps"`
		} `json:"paths"`
		Owners []struct {
			OwnerName string `json:"owner_name"`
			Ties      []struct {
				Match *screening.Match `json:"match"`
			} `json:"ties"`
		} `json:"owners"`
		License *ownership.License `json:"license"`
	} `json:"rules"`
}

func TestScreenOwnershipCSV(t *testing.T) {
	r := screenOwnership(t, "--as-of", inForce, "--format", "csv", gmbh, "Contoso Paper Supplies", "Kaspersky Labs Limited")
	assert.Equal(t, exitMatch, r.code, r.stderr)
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	require.NoError(t, err, "every row has the header's field count")
	assert.Equal(t, slices.Concat([]string{"query", "query_country"}, csvResultColumns, ownershipColumns), rows[0])
	col := func(row []string, name string) string { return row[slices.Index(rows[0], name)] }

	assert.Equal(t, "no match", col(rows[1], "result"))
	assert.Equal(t, "owned", col(rows[1], "ownership_finding"))
	assert.Equal(t, "bis-affiliates", col(rows[1], "ownership_rule"))
	assert.Equal(t, "Kaspersky Labs Limited -60%-> Northwind Secure Software GmbH", col(rows[1], "ownership_path"))
	assert.Equal(t, "BIS Affiliates Rule: owned 60% by parties that count (50% or more): Kaspersky Labs Limited 60% (listed)", col(rows[1], "ownership_reason"))

	assert.Equal(t, []string{"no match", notInData, "", ""}, []string{col(rows[2], "result"), col(rows[2], "ownership_finding"),
		col(rows[2], "ownership_rule"), col(rows[2], "ownership_path")})

	require.Len(t, rows, 5, "two match rows for the listed owner")
	for _, row := range rows[3:] {
		assert.Equal(t, "match", col(row, "result"))
		assert.Equal(t, "listed", col(row, "ownership_finding"), "every row of the query carries the outcome")
	}
}

// TestScreenOwnershipInput screens a vendor file against GLEIF data, given
// entities first: the entity file is read after the relationships, and a
// vendor is found by its LEI.
func TestScreenOwnershipInput(t *testing.T) {
	r := runCLI(t, nil, "", "screen", "--list", defaultList, "--input", fixtures+"ownership_vendors.csv", "--id-column", "lei",
		"--ownership", ownFixtures+"gleif/entities.csv", "--ownership", ownFixtures+"gleif/relationships.csv",
		"--as-of", inForce, "--format", "json")
	assert.Equal(t, exitMatch, r.code, r.stderr)
	assert.Contains(t, r.stderr, "from "+ownFixtures+"gleif/relationships.csv (GLEIF relationships), "+ownFixtures+"gleif/entities.csv (GLEIF entities)",
		"relationships read first")
	objs := jsonLines(t, r.stdout)
	require.Len(t, objs, 3)
	finding := func(o map[string]any) (string, string) {
		own, ok := o["ownership"].(map[string]any)
		if !ok {
			return "", ""
		}
		return own["finding"].(string), own["party"].(map[string]any)["id"].(string)
	}
	f, id := finding(objs[0])
	assert.Equal(t, "possibly", f, "a consolidation of unknown share by a listed parent")
	assert.Equal(t, ownership.LEIPrefix+"5493NORTHWINDGMBH001", id, "found by its LEI, though named otherwise")
	f, id = finding(objs[1])
	assert.Equal(t, "owned", f, "a 75% consolidation")
	assert.Equal(t, ownership.LEIPrefix+"5493POLARENDPOINT001", id, "found by the name the entity file gives")
	assert.Nil(t, objs[2]["ownership"])

	t.Run("text", func(t *testing.T) {
		r := runCLI(t, nil, "", "screen", "--list", defaultList, "--input", fixtures+"ownership_vendors.csv", "--id-column", "lei",
			"--ownership", ownFixtures+"gleif/relationships.csv", "--ownership", ownFixtures+"gleif/entities.csv", "--as-of", inForce)
		assert.Equal(t, exitMatch, r.code, r.stderr)
		assert.Contains(t, r.stdout, "party: Northwind Secure Software GmbH, id XI-LEI-5493NORTHWINDGMBH001 (found by id)")
		assert.Contains(t, r.stdout, "ownership: not in the ownership data (no party of this name)\n", "a vendor without an LEI")
		assert.Contains(t, r.stdout, "Ownership as of 2025-10-15: 0 listed, 1 owned, 1 possibly, 0 clear, 1 not in the data; 2 ownership alerts.")
	})
}

func TestScreenOwnershipErrors(t *testing.T) {
	badRules := filepath.Join(t.TempDir(), "rules.json")
	require.NoError(t, os.WriteFile(badRules, []byte(`{"rules": [{"id": "x", "name": "X", "threshold": 50, "owners": [{"source": "SDN"}], "foriegn_only": true}]}`), 0o600))
	tests := []struct {
		name   string
		args   []string
		stderr []string
	}{
		{"malformed ownership file", []string{"--ownership", fixtures + "ownership_bad.csv", gmbh}, []string{
			"the ownership data cannot be used, nothing was screened",
			fixtures + "ownership_bad.csv: 2 errors:",
			`line 5, field "percent": bad share: not a percentage, a range such as 25-50, >25, or unknown (value "sixty")`,
			`line 6, field "owner_country": bad country`, `(value "Atlantis")`}},
		{"every bad file is reported", []string{"--ownership", fixtures + "ownership_bad.csv", "--ownership", ownFixtures + "psc/bad.jsonl", gmbh}, []string{
			fixtures + "ownership_bad.csv: 2 errors:", ownFixtures + "psc/bad.jsonl: 5 errors:", `line 5, field "data.ceased_on": bad date`}},
		{"not ownership data", []string{"--ownership", fixtures + "csl.csv", gmbh}, []string{
			fixtures + "csl.csv: 1 error:\n    line 1: unknown format: the header has none of the columns of an ownership CSV", `it has "_id", "source"`}},
		{"GLEIF entities alone", []string{"--ownership", ownFixtures + "gleif/entities.csv", gmbh}, []string{
			"line 1: no parties to describe: a Level 1 file names entities; read the relationship records first"}},
		{"missing file", []string{"--ownership", fixtures + "nonexistent.csv", gmbh}, []string{"cannot read the ownership data", "nonexistent.csv"}},
		{"bad date", []string{"--ownership", kaspersky, "--as-of", "15/10/2025", gmbh}, []string{`--as-of "15/10/2025": not a date written YYYY-MM-DD`}},
		{"rule status without a rule", []string{"--ownership", kaspersky, "--rule-status", "suspended", gmbh}, []string{"want RULE=STATUS"}},
		{"unknown rule status", []string{"--ownership", kaspersky, "--rule-status", "bis-affiliates=paused", gmbh}, []string{`status "paused": want in-force, suspended`}},
		{"unknown rule", []string{"--ownership", kaspersky, "--rule-status", "bis=suspended", gmbh}, []string{`--rule-status "bis": no such rule; the rules are ofac-50, bis-affiliates`}},
		{"bad rules file", []string{"--ownership", kaspersky, "--rules", badRules, gmbh}, []string{"--rules " + badRules, "foriegn_only"}},
		{"as-of without ownership", []string{"--as-of", inForce, gmbh}, []string{"--as-of needs --ownership"}},
		{"rule status without ownership", []string{"--rule-status", "bis-affiliates=suspended", gmbh}, []string{"--rule-status needs --ownership"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", append([]string{"screen", "--list", defaultList}, tt.args...)...)
			assert.Equal(t, exitError, r.code, "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			for _, s := range tt.stderr {
				assert.Contains(t, r.stderr, s)
			}
			assert.Empty(t, r.stdout, "nothing screened")
		})
	}
}

// TestScreenOwnershipSample: ownership follows the list choice of screen:
// names given are screened against the sample with a warning, a batch is
// refused.
func TestScreenOwnershipSample(t *testing.T) {
	r := runCLI(t, nil, "", "screen", "--ownership", kaspersky, "--as-of", inForce, gmbh)
	assert.Equal(t, exitMatch, r.code, r.stderr)
	assert.Contains(t, r.stderr, "SAMPLE")
	assert.Contains(t, r.stdout, "OWNED 50% or more")

	r = runCLI(t, nil, gmbh+"\n", "screen", "--ownership", kaspersky)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "refusing to screen a batch against the embedded SAMPLE list")
	assert.Empty(t, r.stdout)
}

func TestOwnershipCommandText(t *testing.T) {
	r := runCLI(t, nil, "", "ownership", "--list", defaultList, "--ownership", kaspersky, "--as-of", inForce, gmbh, "kaspersky labs limited")
	assert.Equal(t, exitMatch, r.code, r.stderr)
	for _, s := range []string{
		`Party "Northwind Secure Software GmbH": Northwind Secure Software GmbH`,
		"  country:   DE\n",
		"  read from: " + kaspersky + " line 18\n",
		"  finding as of 2025-10-15: OWNED 50% or more by listed parties under the BIS Affiliates Rule\n",
		"Ties to the list:\n  none: no name of the party matches a list entry",
		"Owners as of 2025-10-15:\n  60% Kaspersky Labs Limited [" + kaspersky + " line 18]\n",
		`    Kaspersky Labs Limited is EL Kaspersky Labs Limited (by name "Kaspersky Labs Limited", score 1.00), 89 FR 52362`,
		`        candidate: "Kaspersky Labs Limited"`,
		"Outcome under each rule as of 2025-10-15:",
		"  BIS Affiliates Rule, in force: owned: owned 60% by parties that count",
		"    path: Kaspersky Labs Limited -60%-> Northwind Secure Software GmbH",
		"    license: For all items subject to the EAR. Presumption of denial.",
		"    effect: The license requirements",
		"Rule status as of 2025-10-15:\n  OFAC 50 Percent Rule (ofac-50): in force\n  BIS Affiliates Rule (bis-affiliates): in force",
		"its status is yours to confirm",
		"Data issues:\n  none for this party\n  cycles in the data: 0, 0 through this party\n  notes of the readers: 0\n",
		// The listed owner: its tie with the explanation, and its holdings.
		`Party "kaspersky labs limited": Kaspersky Labs Limited`,
		"  finding as of 2025-10-15: LISTED",
		`  is EL Kaspersky Labs Limited (by name "Kaspersky Labs Limited", score 1.00), 89 FR 52362` + "\n      query:",
		"  resembles EL AO Kaspersky Lab",
		"Holdings as of 2025-10-15:\n  60% Northwind Secure Software GmbH (owned)",
		"  60% Northwind Secure Software Inc. (clear)",
		"  25-50% Harbor Threat Research B.V. (possibly)",
		"\nList: " + defaultList,
	} {
		assert.Contains(t, r.stdout, s)
	}

	t.Run("data issues and notes", func(t *testing.T) {
		r := runCLI(t, nil, "", "ownership", "--list", defaultList, "--ownership", ownFixtures+"gleif/relationships.csv",
			"--ownership", ownFixtures+"gleif/entities.csv", "--as-of", inForce, "5493NORTHWINDGMBH001")
		assert.Equal(t, exitMatch, r.code, r.stderr)
		assert.Contains(t, r.stdout, "  id:        XI-LEI-5493NORTHWINDGMBH001 (found by id)")
		assert.Contains(t, r.stdout, "  also:      Northwind Software")
		assert.Contains(t, r.stdout, "  finding as of 2025-10-15: POSSIBLY OWNED")
		assert.Contains(t, r.stdout, "  unknown-share: Kaspersky Labs Limited (listed) holds unknown (0-100%) consolidation")
		assert.Contains(t, r.stdout, "  notes of the readers: 2\n")
		assert.Contains(t, r.stdout, "    "+ownFixtures+"gleif/relationships.csv line 8: IS_DIRECTLY_CONSOLIDATED_BY record annulled by GLEIF: not used\n")
	})

	t.Run("a party not in the data", func(t *testing.T) {
		r := runCLI(t, nil, "", "ownership", "--list", defaultList, "--ownership", kaspersky, "Contoso Paper Supplies", gmbh)
		assert.Equal(t, exitError, r.code)
		assert.Contains(t, r.stdout, `Party "Contoso Paper Supplies": not in the ownership data`)
		assert.Contains(t, r.stdout, `Party "Northwind Secure Software GmbH"`, "the other parties are shown")
		assert.Contains(t, r.stderr, "1 party of 2 not in the ownership data")
	})

	t.Run("clear", func(t *testing.T) {
		r := runCLI(t, nil, "", "ownership", "--list", defaultList, "--ownership", kaspersky, "--as-of", inSuspension, gmbh)
		assert.Equal(t, exitClear, r.code, r.stderr)
		assert.Contains(t, r.stdout, "  finding as of 2026-01-15: clear\n")
		assert.Contains(t, r.stdout, "BIS Affiliates Rule, suspended: clear")
	})
}

func TestOwnershipCommandJSON(t *testing.T) {
	r := runCLI(t, nil, "", "ownership", "--list", defaultList, "--ownership", kaspersky, "--as-of", inForce, "--format", "json",
		gmbh, "Nobody Ltd")
	assert.Equal(t, exitError, r.code, "a party not in the data")
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, 2)

	var rec struct {
		Query    string            `json:"query"`
		FoundBy  string            `json:"found_by"`
		Outcome  *outcomeRecord    `json:"outcome"`
		Owners   []ownership.Stake `json:"owners"`
		Holdings []ownership.Stake `json:"holdings"`
		Rules    []struct {
			ID         string               `json:"id"`
			Status     ownership.RuleStatus `json:"status"`
			Overridden bool                 `json:"overridden"`
			Confirm    string               `json:"confirm"`
		} `json:"rules"`
		CyclesTotal *int   `json:"cycles_total"`
		NotesTotal  *int   `json:"notes_total"`
		Error       string `json:"error"`
		ToolVersion string `json:"tool_version"`
		ScreenedAt  string `json:"screened_at"`
	}
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &rec))
	assert.Equal(t, gmbh, rec.Query)
	assert.Equal(t, "name", rec.FoundBy)
	require.NotNil(t, rec.Outcome)
	assert.Equal(t, ownership.Owned, rec.Outcome.Finding)
	require.Len(t, rec.Owners, 1)
	assert.Equal(t, "Kaspersky Labs Limited", rec.Owners[0].OwnerName)
	assert.Equal(t, ownership.Exact(60), rec.Owners[0].Share)
	assert.Equal(t, []ownership.Record{{Origin: kaspersky, Line: 18}}, rec.Owners[0].Records)
	assert.Empty(t, rec.Holdings)
	assert.NotNil(t, rec.Holdings, "an empty array, not null")
	require.Len(t, rec.Rules, 2)
	assert.Equal(t, "bis-affiliates", rec.Rules[1].ID)
	assert.Equal(t, ownership.InForce, rec.Rules[1].Status)
	assert.Contains(t, rec.Rules[1].Confirm, "yours to confirm")
	assert.Empty(t, rec.Rules[0].Confirm, "the OFAC rule has no periods")
	require.NotNil(t, rec.CyclesTotal)
	assert.Zero(t, *rec.CyclesTotal)
	require.NotNil(t, rec.NotesTotal)
	assert.NotEmpty(t, rec.ToolVersion)
	assert.NotEmpty(t, rec.ScreenedAt)

	var missing map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[1]), &missing))
	assert.Equal(t, "Nobody Ltd", missing["query"])
	assert.Equal(t, "not in the ownership data: no party of this name or id", missing["error"])
	assert.NotContains(t, missing, "outcome")

	r = runCLI(t, nil, "", "ownership", "--list", defaultList, "--ownership", kaspersky, "--as-of", inSuspension,
		"--rule-status", "bis-affiliates=in-force", "--format", "json", gmbh)
	assert.Equal(t, exitMatch, r.code, r.stderr)
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rec))
	assert.True(t, rec.Rules[1].Overridden)
	assert.Equal(t, ownership.Owned, rec.Outcome.Finding)
}

func TestOwnershipCommandErrors(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"no ownership data", []string{"ownership", gmbh}, "--ownership FILE is required"},
		{"no party", []string{"ownership", "--ownership", kaspersky}, "no PARTY to show"},
		{"csv format", []string{"ownership", "--ownership", kaspersky, "--format", "csv", gmbh}, `unknown --format "csv": use text, json`},
		{"bad threshold", []string{"ownership", "--ownership", kaspersky, "--threshold", "2", gmbh}, "--threshold 2"},
		{"malformed data", []string{"ownership", "--list", defaultList, "--ownership", fixtures + "ownership_bad.csv", gmbh}, `line 5, field "percent"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			assert.Equal(t, exitError, r.code, r.stderr)
			assert.Contains(t, r.stderr, tt.stderr)
			assert.Empty(t, r.stdout)
		})
	}
}

func TestOwnershipHelp(t *testing.T) {
	for args, want := range map[string]string{
		"help ownership": "--rule-status RULE=STATUS",
		"ownership -h":   "Exit status:",
		"screen -h":      "--ownership file",
		"help":           "ownership show a party's ties to the list, owners, holdings",
	} {
		r := runCLI(t, nil, "", strings.Fields(args)...)
		assert.Equal(t, exitClear, r.code, args)
		assert.Contains(t, r.stdout+r.stderr, want, args)
	}
}

func TestIDCandidates(t *testing.T) {
	assert.Nil(t, idCandidates(""))
	assert.Equal(t, []string{"5493northwindgmbh001", "XI-LEI-5493NORTHWINDGMBH001"}, idCandidates("5493northwindgmbh001"))
	assert.Equal(t, []string{"08209948", "GB-COH-08209948"}, idCandidates("08209948"))
	assert.Equal(t, []string{"XI-LEI-5493NORTHWINDGMBH001"}, idCandidates("XI-LEI-5493NORTHWINDGMBH001"))
	assert.Equal(t, []string{"DE-123.456"}, idCandidates("DE-123.456"))
}

// TestOwnershipAlert: an outcome is an alert when the party is listed, or
// owned or possibly owned by listed parties under a rule in force; not when
// its own name only resembles a list entry, which is name screening's to
// judge.
func TestOwnershipAlert(t *testing.T) {
	d := &ownershipData{threshold: map[string]float64{"bis-affiliates": 50}}
	rule := func(f ownership.Finding, held ownership.Share) []ownership.RuleOutcome {
		return []ownership.RuleOutcome{{Rule: "bis-affiliates", Name: "BIS Affiliates Rule", Finding: f, Computed: f, Held: held}}
	}
	tests := []struct {
		name  string
		o     ownership.Outcome
		alert bool
		line  string
	}{
		{"listed", ownership.Outcome{Finding: ownership.Listed, Rules: rule(ownership.Listed, ownership.Share{})}, true, "LISTED"},
		{"owned", ownership.Outcome{Finding: ownership.Owned, Rules: rule(ownership.Owned, ownership.Exact(60))}, true,
			"OWNED 50% or more by listed parties under the BIS Affiliates Rule"},
		{"a band", ownership.Outcome{Finding: ownership.Possibly, Rules: rule(ownership.Possibly, ownership.Range(25, 50))}, true,
			"POSSIBLY OWNED 50% or more"},
		{"resembles an Entity List party", ownership.Outcome{Finding: ownership.Possibly, Rules: rule(ownership.Possibly, ownership.Share{})}, false,
			"possibly listed"},
		{"resembles a party of no rule's list", ownership.Outcome{Finding: ownership.Possibly, Rules: rule(ownership.Clear, ownership.Share{})}, false,
			"possibly listed"},
		{"a minority", ownership.Outcome{Finding: ownership.Clear, Rules: rule(ownership.Clear, ownership.Exact(40))}, false, "clear"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.alert, d.alert(tt.o))
			assert.True(t, strings.HasPrefix(d.findingLine(tt.o), tt.line), d.findingLine(tt.o))
		})
	}
}
