package screening_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/screening"
)

// TestLegalFormsOfOtherWritings screens names whose legal form is written
// as another country or script writes it against the list's name with the
// form of the same class: the form is no word of the name, and the name
// scores as the list's own spelling does.
func TestLegalFormsOfOtherWritings(t *testing.T) {
	s, err := screening.New(inHouse(t, "Ukrnafta JSC,,,,", "Garantex Europe LLC,,,,", "Toyota KK,,,,", "Pella Fjord CJSC,,,,"),
		screening.WithMinScore(0.3))
	require.NoError(t, err)
	tests := []scoresAs{
		{"АТ «Укрнафта»", "Ukrnafta JSC"},
		{"Garantex Europe OÜ", "Garantex Europe LLC"},
		{"Garantex Europe ΕΠΕ", "Garantex Europe LLC"},
		{"トヨタ(株)", "トヨタ KK"},
		{"㈱トヨタ", "トヨタ KK"},
		{"トヨタ㍿", "トヨタ KK"},
		{"UAB Pella-Fjord", "Pella Fjord CJSC"},
	}
	checkScoresAs(t, s, tests)
}

// TestReadingsOfOtherScripts screens names written in Serbian, Uzbek and
// Greek letters against the list's Latin names: they read as the Latin
// spelling does, and score as it.
func TestReadingsOfOtherScripts(t *testing.T) {
	s, err := screening.New(inHouse(t, "Vlastimir Djordjevic,,,,", "Uzbekiston Havo Yullari,,,,", "Bakogiannis Shipping,,,,", "Dora Maritime,,,,"),
		screening.WithMinScore(0.3))
	require.NoError(t, err)
	tests := []scoresAs{
		{"Властимир Ђорђевић", "Vlastimir Djordjevic"},
		{"Ўзбекистон Ҳаво Йўллари", "Uzbekiston Havo Yullari"},
		{"Μπακογιάννης Shipping", "Bakogiannis Shipping"},
		{"Ντόρα Maritime", "Dora Maritime"},
	}
	checkScoresAs(t, s, tests)
}

// scoresAs is a query that must find first the entry that the name same
// finds first, with the same score.
type scoresAs struct{ query, same string }

// checkScoresAs checks each of tests with s.
func checkScoresAs(t *testing.T, s *screening.Screener, tests []scoresAs) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			want, ok := top(t, s, screening.Query{Name: tt.same})
			require.True(t, ok, tt.same)
			m, ok := top(t, s, screening.Query{Name: tt.query})
			require.True(t, ok, "no match for %q", tt.query)
			assert.Equal(t, want.Entry.Name, m.Entry.Name)
			assert.InDelta(t, want.Score, m.Score, 1e-9, "%q scores as %q", tt.query, tt.same)
		})
	}
}
