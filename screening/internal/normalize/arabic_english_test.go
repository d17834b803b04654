package normalize

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestArabicEnglishReadings checks the English readings of Arabic-script
// names that hold a word of organizations: alternatives after the
// transliteration, the article dropped, joined conjunctions and
// prepositions translated, one alternative for each translation of a word
// of several; and none for a person's name, whose place adjective
// (المصري) stays a name.
func TestArabicEnglishReadings(t *testing.T) {
	tests := []struct {
		in   string
		want []string // the English alternatives, in order
	}{
		{"الدولة الإسلامية في العراق والشام", []string{"state islamic in iraq and levant"}},
		{"كتائب المقاومة الإسلامية", []string{"brigade resistance islamic"}}, // "brigades", an organization word, folds to "brigade"
		{"جبهة النصرة لأهل الشام", []string{"front the nasra for people levant"}},
		{"سلسلة الذهب للصرافة", []string{"salsla the dhahab for exchange"}},
		{"الجماعة الاسلامية المقاتلة المصرية", []string{"group islamic fighting egypt", "group islamic combatant egypt"}},
		{"جمعيت اسلامی", []string{"society islamic", "association islamic"}},
		{"محمد المصري", nil},
		{"جهاد محمد", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, err := Normalize(tt.in)
			require.NoError(t, err)
			vs, err := Variants(tt.in)
			require.NoError(t, err)
			assert.Equal(t, n.Keys(), vs[0].Keys(), "the transliteration comes first")
			var english []string
			for _, v := range vs[1:] {
				if !isStyleVariant(tt.in, v.Keys()) {
					english = append(english, v.Keys())
				}
			}
			assert.Equal(t, tt.want, english)
		})
	}
}

// isStyleVariant reports whether keys are those of one of the spelling
// styles of the Arabic-script name s (the alternatives that are no
// English reading).
func isStyleVariant(s, keys string) bool {
	for st := uint8(0); st < arabicStyles; st++ {
		var n Name
		if _, err := normalizeChoice(&n, s, choice{style: st}, false); err == nil && n.Keys() == keys {
			return true
		}
	}
	return false
}

// TestArabicEnglishTables checks the English tables: English words of
// lower-case letters, Arabic words of Arabic-script letters, a word in one
// table only, and every word found by translateArabic with the article
// and the joined conjunction and preposition.
func TestArabicEnglishTables(t *testing.T) {
	seen := map[string]bool{}
	for _, table := range [][][2]string{arabicOrganizationWords, arabicOtherEnglish} {
		for _, row := range table {
			assert.True(t, lettersOnly(row[0]) && row[0] != "", "%q", row[0])
			for _, w := range strings.Fields(row[1]) {
				for _, r := range w {
					assert.Equal(t, arabicScript, scriptOf(r), "%q in %q", w, row[0])
				}
				key := arabicKey(w)
				assert.True(t, key == "و" || len([]rune(key)) >= 2, "%q", w)
				assert.NotNil(t, translateArabic(key).w, "%q", w)
				if len([]rune(key)) >= 2 && key != "و" {
					tr := translateArabic("وبال" + key)
					require.NotNil(t, tr.w, "%q", w)
					assert.Equal(t, "and", tr.conj)
					assert.Equal(t, "in", tr.prep)
					assert.Equal(t, 4, tr.stem)
				}
				seen[key] = true
			}
		}
	}
	assert.Greater(t, len(seen), 100)
	assert.Nil(t, translateArabic("محمد").w)
	assert.Nil(t, translateArabic("بال").w)
}
