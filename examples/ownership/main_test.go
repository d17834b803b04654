package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// The Kaspersky fixture: invented subsidiaries, with illustrative
// percentages, of two Entity List parties of the embedded list.
const kaspersky = "../../testdata/ownership/kaspersky.csv"

func TestDecide(t *testing.T) {
	s, err := screening.New(entitylist.Default())
	require.NoError(t, err)
	tests := []struct {
		name, supplier, asOf string
		want                 Action
		reasons              []string // parts of the reasons, in order
	}{
		{"owned while the Affiliates Rule is in force", "Northwind Secure Software GmbH", "2025-10-15", Stop,
			[]string{"BIS Affiliates Rule (in force at 2025-10-15): owned 60%", "license requirement: For all items subject to the EAR. Presumption of denial. (from Kaspersky Labs Limited)"}},
		{"two listed owners add up", "Polar Endpoint Oy", "2025-10-15", Stop, []string{"owned 55%"}},
		{"not covered in the suspension, said so", "Northwind Secure Software GmbH", "2026-01-15", Proceed,
			[]string{"but the rule is suspended at 2026-01-15", "not covered (computed: owned)"}},
		{"in force again", "Northwind Secure Software GmbH", "2026-11-10", Stop, []string{"(in force at 2026-11-10)"}},
		{"US-incorporated", "Northwind Secure Software Inc.", "2025-10-15", Proceed, []string{"incorporated in US"}},
		{"a band", "Harbor Threat Research B.V.", "2025-10-15", Review, []string{"possibly owned 50% or more", "determine the shares"}},
		{"a significant minority", "Tundra Labs AG", "2025-10-15", Review, []string{"significant minority"}},
		{"the listed owner", "Kaspersky Labs Limited", "2025-10-15", Stop,
			[]string{`its name matches EL "Kaspersky Labs Limited"`, "the ownership data ties it to the list"}},
		{"not in the ownership data", "Contoso Paper Supplies", "2025-10-15", Review, []string{"its owners are unknown"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			day, err := time.Parse(time.DateOnly, tt.asOf)
			require.NoError(t, err)
			rep, err := evaluate(s, []string{kaspersky}, day)
			require.NoError(t, err)
			d := Decide(context.Background(), s, rep, tt.supplier)
			assert.Equal(t, tt.want, d.Action, "%q", d.Reasons)
			all := strings.Join(d.Reasons, "\n")
			at := 0
			for _, r := range tt.reasons {
				i := strings.Index(all[at:], r)
				if assert.GreaterOrEqual(t, i, 0, "%q after %d in:\n%s", r, at, all) {
					at += i
				}
			}
			assert.True(t, d.List.Sample, "the decision names the list it rests on")
		})
	}
}

// TestRun runs the program as the README does, and on bad input.
func TestRun(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run([]string{"-supplier", "Northwind Secure Software GmbH", "-ownership", kaspersky, "-as-of", "2025-10-15",
		"-list", "../../entitylist/data/default.csv"}, &out, &errOut)
	assert.Equal(t, 1, code, errOut.String())
	for _, s := range []string{
		"STOP: Northwind Secure Software GmbH\n",
		"  name screening: no match at threshold 0.72\n",
		"  ownership: Northwind Secure Software GmbH [owned] country DE as of 2025-10-15\n",
		"      path: Kaspersky Labs Limited -60%-> Northwind Secure Software GmbH\n",
		`    Kaspersky Labs Limited, owner under the BIS Affiliates Rule: EL Kaspersky Labs Limited (by name "Kaspersky Labs Limited", score 1.00)`,
		"    BIS Affiliates Rule: 2025-09-29 to 2025-11-09: in force; the status is yours to confirm\n",
		"  list version: ../../entitylist/data/default.csv (csv): 40 entries",
	} {
		assert.Contains(t, out.String(), s)
	}
	assert.Empty(t, errOut.String(), "a list given: no warning")

	out.Reset()
	errOut.Reset()
	code = run([]string{"-supplier", "Northwind Secure Software GmbH", "-ownership", kaspersky, "-as-of", "2026-01-15"}, &out, &errOut)
	assert.Equal(t, 0, code)
	assert.True(t, strings.HasPrefix(out.String(), "PROCEED: "), out.String())
	assert.Contains(t, errOut.String(), "SAMPLE")

	bad := filepath.Join(t.TempDir(), "owners.csv")
	require.NoError(t, os.WriteFile(bad, []byte("owner,owned,percent\nKaspersky Labs Limited,Northwind Secure Software GmbH,sixty\n"), 0o600))
	for name, args := range map[string][]string{
		"a bad ownership file": {"-supplier", "X", "-ownership", bad},
		"no ownership file":    {"-supplier", "X"},
		"a bad date":           {"-supplier", "X", "-ownership", kaspersky, "-as-of", "15/10/2025"},
	} {
		errOut.Reset()
		assert.Equal(t, 2, run(args, &out, &errOut), name)
		assert.NotEmpty(t, errOut.String(), name)
	}
	errOut.Reset()
	run([]string{"-supplier", "X", "-ownership", bad}, &out, &errOut)
	assert.Contains(t, errOut.String(), `line 2, field "percent"`, "the error names the line and field")
}
