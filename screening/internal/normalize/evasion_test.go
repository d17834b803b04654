package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEvasion normalizes names disguised the ways a sanctioned supplier
// might write them, and the genuine names each rule must leave alone.
func TestEvasion(t *testing.T) {
	tests := []struct {
		name, in, keys, display, forms string
	}{
		// Words glued to a legal form, which is split off; organization
		// words glued stay (see TestUnglue).
		{"glued legal form", "KasperskyLLC", "kaspersky/d", "KasperskyLLC", "LLC"},
		{"glued short legal form", "SiemensAG", "siemens/d", "SiemensAG", "AG"},
		{"glued legal form in capitals", "KASPERSKYGMBH Lab", "kaspersky/d laboratory/g", "KASPERSKYGMBH Lab", "GMBH"},
		{"glued legal forms one by one", "HuaweiLtdLLC", "huawei/d", "HuaweiLtdLLC", "LTD LLC"},
		{"glued legal form in front", "OOOKaspersky Lab", "kaspersky/d laboratory/g", "OOOKaspersky Lab", "LLC"},
		{"glued legal form and a form apart", "KasperskyLLC Ltd", "kaspersky/d", "KasperskyLLC", "LLC LTD"},
		{"short form without a change of case", "Kurbatov Arkansas", "kurbatov/d arkansas/q", "Kurbatov Arkansas", ""},
		{"short form in front without a change of case", "Zaozerny", "zaozerny/d", "Zaozerny", ""},
		{"rest too short", "AbcLLC", "abcllc/d", "AbcLLC", ""},
		{"rest a legal form", "LimitedGmbH", "limitedgmbh/d", "LimitedGmbH", ""},
		{"glued organization word stays", "KasperskyLab", "kasperskylab/d", "KasperskyLab", ""},
		{"glued organization word and form", "KasperskyLabLLC", "kasperskylab/d", "KasperskyLabLLC", "LLC"},

		// Letters spelled out.
		{"letters joined by hyphens", "K-a-s-p-e-r-s-k-y", "kaspersky/i", "K-a-s-p-e-r-s-k-y", ""},
		{"letters joined by dots", "K.A.S.P.E.R.S.K.Y.", "kaspersky/i", "K.A.S.P.E.R.S.K.Y.", ""},
		{"letters joined by spaces", "K a s p e r s k y", "kaspersky/i", "K a s p e r s k y", ""},
		{"initialism with dots", "K.G.B.", "kgb/i", "K.G.B.", ""},
		{"initialism with dots and a word", "I.B.M. Corp", "ibm/i corporation/g", "I.B.M. Corp", ""},
		{"few letters joined by hyphens stay apart", "A-B-C Trading", "a/i b/i c/i trading/g", "A-B-C Trading", ""},
		{"letter after a word stays", "Angstrem-T", "angstrem/d t/i", "Angstrem-T", ""},
		{"hyphens between spaces stay apart", "K - a - s - p", "k/i a/i s/i p/i", "K - a - s - p", ""},

		// Lookalike letters of other scripts.
		{"cyrillic lookalikes in latin words", "Kаsреrskу Lаb", "kaspersky/d laboratory/g", "Kаsреrskу Lаb", ""},
		{"greek lookalikes in a latin word", "ΚΑSΡΕRSΚΥ", "kaspersky/d", "ΚΑSΡΕRSΚΥ", ""},
		{"cherokee lookalikes", "ᏦᎪᏚᏢᎬᎡᏚᏦᎽ", "kaspersky/d", "ᏦᎪᏚᏢᎬᎡᏚᏦᎽ", ""},
		{"latin small capitals", "ᴋᴀsᴘᴇʀsᴋʏ", "kaspersky/d", "ᴋᴀsᴘᴇʀsᴋʏ", ""},
		{"word of lookalikes in a latin name", "РЕСО Energy", "peco/d energy/d", "РЕСО Energy", ""},
		{"word of lookalikes in a cyrillic name", "РЕСО Гарантия", "reso/d garantiya/d", "РЕСО Гарантия", ""},
		{"word of lookalikes alone", "ТАСС", "tass/d", "ТАСС", ""},
		{"cyrillic name", "ООО Касперский Груп", "kasperskiy/d group/g", "Касперский Груп", "LLC"},
		{"cyrillic legal form in a latin name", "ООО Kaspersky", "kaspersky/d", "Kaspersky", "LLC"},
		{"cyrillic letter without a lookalike in a latin word", "Kasпersky", "kaspersky/d", "Kasпersky", ""},
		{"cyrillic small capitals in a latin word", "Kаsреrsкy Lаb", "kaspersky/d laboratory/g", "Kаsреrsкy Lаb", ""},
		{"cyrillic small capitals and lookalikes", "Gazрrом Rosвank Tеснmаsн Gazpгom", "gazprom/d rosbank/d techmash/d gazprom/d", "Gazрrом Rosвank Tеснmаsн Gazpгom", ""},
		{"greek small capitals in a latin word", "Kaspersκy Τechnoτronics", "kaspersky/d technotronics/d", "Kaspersκy Τechnoτronics", ""},
		{"armenian lookalikes in latin words", "Cօոtiոeոtal Rօsոeft KAՏPERՏKY", "continental/d rosneft/d kaspersky/d", "Cօոtiոeոtal Rօsոeft KAՏPERՏKY", ""},
		{"cyrillic word with latin lookalikes", "Вoстoк", "vostok/d", "Вoстoк", ""},
		{"cyrillic word of small capitals in a latin name", "Восток Energy", "vostok/d energy/d", "Восток Energy", ""},
		{"word of small capitals keeps a cyrillic word cyrillic", "РЕСО Восток Energy", "reso/d vostok/d energy/d", "РЕСО Восток Energy", ""},
		{"armenian word", "Հայաստան Ոսկի", "hayastan/d voski/d", "Հայաստան Ոսկի", ""},

		// Digits and symbols standing for letters.
		{"symbol for a letter", "K@spersky", "kaspersky/d", "K@spersky", ""},
		{"dollar for a letter", "Kasper$ky", "kaspersky/d", "Kasper$ky", ""},
		{"digits for letters", "R0s0b0r0nexp0rt", "rosoboronexport/d", "R0s0b0r0nexp0rt", ""},
		{"digit for a letter", "Kasp3rsky", "kaspersky/d", "Kasp3rsky", ""},
		{"number", "Gazprombank 911", "gazprombank/d 911/n", "Gazprombank 911", ""},
		{"digit starting a name", "3M Company", "3m/d company/g", "3M Company", ""},
		{"digit and a word", "7-Eleven", "7/n eleven/d", "7-Eleven", ""},
		{"ordinal", "21st Century Fox", "21/n century/d fox/d", "21st Century Fox", ""},
		{"few letters", "G4S", "g4s/d", "G4S", ""},
		{"run of digits", "Su30MKI", "su30mki/d", "Su30MKI", ""},
		{"digit ending a word", "Plant5", "plant5/d", "Plant5", ""},
		{"symbol between words", "Kaspersky @ Lab", "kaspersky/d laboratory/g", "Kaspersky Lab", ""},

		// Invisible characters.
		{"format characters inside a word", "Kas\u200bper\u2060sky", "kaspersky/d", "Kaspersky", ""},
		{"hangul filler inside a word", "Kas\u3164persky", "kaspersky/d", "Kaspersky", ""},
		{"hangul fillers among lookalikes", "\u115fKаs\u1160реrsky\uffa0", "kaspersky/d", "Kаsреrsky", ""},
		{"hangul filler inside a legal form", "Kaspersky L\u3164L\u3164C", "kaspersky/d", "Kaspersky", "LLC"},
		{"hangul filler inside hangul", "삼성\u3164전자", "samseong/d electronics/g", "삼성전자", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Normalize(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.keys, keys(n))
			assert.Equal(t, tt.display, n.Display)
			assert.Equal(t, tt.forms, classes(n))
			m, err := Normalize(n.Display)
			require.NoError(t, err)
			assert.Equal(t, tt.keys, keys(m), "the Display normalizes to the same tokens")
		})
	}
}

// TestLookalikesAreConfusables checks the lookalike table against the
// facts of Unicode's confusables data it was written from: each letter
// maps to a lower-case ASCII letter, and a capital that has a small form
// among the lookalikes maps to the same letter.
func TestLookalikesAreConfusables(t *testing.T) {
	for r, b := range lookalikes {
		assert.True(t, 'a' <= b && b <= 'z', "%c maps to %q", r, b)
		assert.True(t, hasLookalikes(r), "%c is Cyrillic, Greek, Armenian or Cherokee", r)
	}
	for _, pair := range []string{"Аа", "Ее", "Оо", "Рр", "Сс", "Хх", "Уу", "Іі", "Јј", "Ѕѕ", "Һһ", "Ԛԛ", "Ԝԝ", "Үү", "Αα", "Ιι", "Οο", "Ρρ"} {
		rs := []rune(pair)
		assert.Equal(t, lookalikes[rs[0]], lookalikes[rs[1]], pair)
	}
	// The small Cherokee letters read as their capitals.
	b, ok := lookalike('ꮶ')
	assert.True(t, ok)
	assert.Equal(t, byte('k'), b)
	// Small letters that look like Latin small capitals (ᴋ ᴍ ʜ ᴛ ʙ, and
	// ĸ) read as those letters, in a word with a Latin letter of no
	// lookalike of its own.
	for r, want := range map[rune]byte{'к': 'k', 'м': 'm', 'н': 'h', 'т': 't', 'в': 'b', 'г': 'r', 'κ': 'k', 'τ': 't',
		'օ': 'o', 'Օ': 'o', 'ս': 'u', 'Ս': 'u', 'հ': 'h', 'ո': 'n', 'ռ': 'n', 'զ': 'q', 'գ': 'q', 'ց': 'g', 'ք': 'f', 'Տ': 's'} {
		b, ok := lookalike(r)
		assert.True(t, ok, "%c", r)
		assert.Equal(t, want, b, "%c", r)
		assert.True(t, isWeakLookalike(r), "%c", r)
	}
	// Small letters that look like no Latin letter are no lookalikes.
	for _, r := range "пдлաԼ" {
		_, ok := lookalike(r)
		assert.False(t, ok, "%c", r)
	}
	for _, r := range "аеорсКМ" {
		assert.False(t, isWeakLookalike(r), "%c", r)
	}
}

func TestUnglue(t *testing.T) {
	tests := []struct {
		key  string
		want []Glue
	}{
		{"kasperskylab", []Glue{{Rest: "kaspersky", Generic: "laboratory"}}},
		{"huaweitechnologies", []Glue{{Rest: "huawei", Generic: "technology"}}},
		{"groupkaspersky", []Glue{{Rest: "kaspersky", Generic: "group", Before: true}}},
		{"sberbank", []Glue{{Rest: "sber", Generic: "bank"}}},
		{"biotech", nil},      // the rest too short
		{"technologies", nil}, // an organization word
		{"kaspersky", nil},    // nothing glued
		{"kasp3rskylab", nil}, // not letters only
		{"bankgroup", []Glue{{Rest: "bank", Generic: "group"}, {Rest: "group", Generic: "bank", Before: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			assert.Equal(t, tt.want, Unglue(nil, tt.key))
		})
	}
	assert.Contains(t, GlueSurfaces("laboratory"), "lab")
	assert.Contains(t, GlueSurfaces("technology"), "technologies")
	assert.Nil(t, GlueSurfaces("of"), "connectors are no organization words")
}
