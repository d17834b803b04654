package normalize

import (
	"fmt"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"
)

// TestCanonicalEquivalents: canonically equivalent texts normalize alike,
// whatever their form: the input, its NFC and its NFD. That holds for the
// characters that NFC replaces although they hold no combining mark (the
// Kelvin sign is K, the Ohm sign Ω, a Devanagari letter with a nukta
// decomposes, a Hebrew presentation form is its letter and point), in any
// surroundings.
func TestCanonicalEquivalents(t *testing.T) {
	tests := []string{
		"Rosatom \u212a",                 // Kelvin sign: K
		"\u0405\u212a\u03a5",             // Ѕ K Υ: lookalikes beside a K
		"\u0443x\u2126\u0430",            // Ohm sign: Ω
		"\u212bngstr\u00f6m Co",          // Angstrom sign: Å
		"\u095b\u093e\u0915\u093f\u0930", // ज़ written as one character
		"\ufb2a\u05dc\u05d5\u05dd",       // שׁ as a presentation form
		"\u1f71\u03b8\u03ae\u03bd\u03b1", // ά with oxia
	}
	for _, s := range tests {
		t.Run(s, func(t *testing.T) {
			want, err := Normalize(norm.NFC.String(s))
			require.NoError(t, err)
			for _, f := range []string{s, norm.NFD.String(s)} {
				got, err := Normalize(f)
				require.NoError(t, err)
				assert.Equal(t, keys(want), keys(got), "%+q", f)
				assert.Equal(t, want.LegalForms, got.LegalForms, "%+q", f)
			}
		})
	}
	// Every character that NFC replaces, in a few surroundings.
	contexts := []string{"%s", "Ab%sc", "Ka%s", "Ltd %s", "\u0443x%s\u0430", "%s\u0443", "\u03b1%s\u03b1", "\u0915%s\u0915", "\u05e9%s\u05e9", "华%s为"}
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if s := string(r); norm.NFC.String(s) != s && !unicode.In(r, unicode.Mn, unicode.Mc) && !(r >= 0x1100 && r <= 0x11FF) && r != 0x0374 {
			assert.True(t, mayReplaceNFC(r), "NFC replaces %U, which mayReplaceNFC leaves out", r)
		}
		if !nfcReplaces(r) {
			continue
		}
		for _, c := range contexts {
			s := fmt.Sprintf(c, string(r))
			want, _ := Normalize(norm.NFC.String(s))
			got, _ := Normalize(s)
			if keys(want) != keys(got) {
				t.Errorf("%U in %+q: %q, its NFC %q", r, s, keys(got), keys(want))
			}
		}
	}
}

// nfcReplaces reports whether NFC changes the text of the rune r alone.
func nfcReplaces(r rune) bool {
	s := string(r)
	return unicode.IsPrint(r) && norm.NFC.String(s) != s
}
