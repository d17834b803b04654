package main

import (
	"context"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

func TestDecide(t *testing.T) {
	list, err := entitylist.Open("../../testdata/cli/csl.csv")
	require.NoError(t, err)
	s, err := screening.New(list, screening.WithMinScore(screening.DefaultThreshold-0.15))
	require.NoError(t, err)

	tests := []struct {
		name     string
		supplier Supplier
		want     Action
		reason   string // a part of the reason
	}{
		{"exact name, same country", Supplier{"AO Kaspersky Lab", "RU"}, Block, "AO Kaspersky Lab"},
		{"exact name, no country", Supplier{"AO Kaspersky Lab", ""}, Block, "Entity List"},
		{"unrelated supplier", Supplier{"Contoso Paper Supplies", "US"}, Approve, ""},
		{"empty name", Supplier{"  ", "US"}, Review, "could not be screened"},
		{"invalid UTF-8", Supplier{"Kaspersky \xff Lab", "RU"}, Review, "could not be screened"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Decide(context.Background(), s, tt.supplier)
			assert.Equal(t, tt.want, d.Action, d.Reason)
			assert.Contains(t, d.Reason, tt.reason)
			if d.Action == Block {
				require.NotNil(t, d.Match)
				assert.GreaterOrEqual(t, d.Match.Score, blockScore)
				assert.True(t, strings.HasPrefix(d.Reason, "matches "), d.Reason)
			}
		})
	}
}

// TestDecisionRecord: every decision, an approval included, says when it
// was made, with what threshold and against what list, and write prints
// them with the program's version.
func TestDecisionRecord(t *testing.T) {
	list, err := entitylist.Open("../../testdata/cli/csl.csv")
	require.NoError(t, err)
	s, err := screening.New(list, screening.WithThreshold(0.8))
	require.NoError(t, err)
	before := time.Now()
	d := Decide(context.Background(), s, Supplier{"Contoso Paper Supplies", "US"})
	require.Equal(t, Approve, d.Action)
	assert.WithinRange(t, d.At, before.Add(-time.Second), time.Now())
	assert.InDelta(t, 0.8, d.Threshold, 1e-9)
	assert.Equal(t, list.Version().SHA256, d.List.SHA256)

	var b strings.Builder
	require.NoError(t, write(&b, d, "v1.2.3"))
	lines := strings.Split(b.String(), "\n")
	require.Len(t, lines, 4, b.String())
	assert.Equal(t, "APPROVE: no list entry resembles the name", lines[0])
	assert.Equal(t, "screened: "+d.At.Format(time.RFC3339)+" by onboarding v1.2.3, threshold 0.80", lines[1])
	assert.True(t, strings.HasPrefix(lines[2], "list version: ../../testdata/cli/csl.csv (csv): 7 entries"), lines[2])

	d = Decide(context.Background(), s, Supplier{"  ", "US"})
	assert.Equal(t, Review, d.Action)
	assert.Equal(t, list.Version().SHA256, d.List.SHA256, "a name not screened still names the list")
}

func TestVersionOf(t *testing.T) {
	tests := []struct {
		name string
		info debug.BuildInfo
		want string
	}{
		{"no version", debug.BuildInfo{}, "devel"},
		{"checkout", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123abcd"}, {Key: "vcs.time", Value: "2026-01-02T03:04:05Z"}, {Key: "vcs.modified", Value: "true"}}},
			"devel (revision 0123abcd, 2026-01-02T03:04:05Z, modified)"},
		{"release", debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, "v1.4.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, versionOf(&tt.info))
		})
	}
}
