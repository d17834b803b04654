package main

import (
	"context"
	"strings"
	"testing"

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
