package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMeaning checks that words that translate one another share a
// meaning, their other romanizations too, that words of other meanings
// differ, and that other words have none.
func TestMeaning(t *testing.T) {
	meaningOf := func(s string) int {
		n, err := Normalize(s)
		require.NoError(t, err, s)
		require.Len(t, n.Tokens, 1, s)
		return Meaning(n.Tokens[0].Key, n.Tokens[0].Sound)
	}
	for _, words := range [][]string{
		{"East", "Shargh", "Sharq", "Vostok", "Vostochny", "Vostochniy"},
		{"North", "Shomal", "Sever", "Severnaya", "Severniy"},
		{"South", "Jonub", "Yug", "Yuzhny"},
		{"West", "Gharb", "Zapad"},
		{"Sea", "Darya", "Bahr"},
		{"Star", "Setareh", "Zvezda"},
		{"New", "Novaya", "Jadid", "Nawi"},
	} {
		m := meaningOf(words[0])
		assert.NotZero(t, m, words[0])
		for _, w := range words[1:] {
			assert.Equal(t, m, meaningOf(w), "%s and %s", words[0], w)
		}
	}
	assert.NotEqual(t, meaningOf("East"), meaningOf("West"))
	for _, w := range []string{"Zorba", "Kaveh", "Severstal", "Eastman", "Company"} {
		assert.Zero(t, meaningOf(w), w)
	}
}
