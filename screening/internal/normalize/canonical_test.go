package normalize

import (
	"fmt"
	"math/rand/v2"
	"strings"
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

// TestNFCAndNFDAlike checks, on random names of up to seven pieces from
// a vocabulary of letters with marks in every script the fold reads
// (precomposed, decomposed, stacked), marks alone, format characters,
// compatibility forms and legal forms, that a name, its NFC and its NFD
// normalize to the same tokens and legal forms. The seed is fixed, so a
// failure repeats.
func TestNFCAndNFDAlike(t *testing.T) {
	if testing.Short() {
		t.Skip("random names skipped in short mode")
	}
	atoms := []string{"a", "e", "i", "o", "u", "k", "s", "A", "E", "И", "и", "Й", "й", "е", "Е", "ё", "і", "ї", "Ї",
		"ґ", "г", "у", "ў", "ј", "ь", "α", "ά", "ϊ", "ΐ", "υ", "ύ", "ε", "έ", "ο", "ω", "ώ", "ι", "η", "γ", "θ",
		"\u0301", "\u0308", "\u0306", "\u0300", "\u0323", "\u0302", "\u030c", "\u0327", "\u200b", "\u200d", "\u00ad",
		" ", "-", ".", "'", "’", "ا", "ل", "ه", "\u0653", "\u0654", "\u0655", "آ", "أ", "إ", "ؤ", "ئ", "ي", "ی", "ک",
		"ة", "ۀ", "ە", "\u064b", "\u0650", "\u0651", "か", "\u3099", "\u309a", "は", "ウ", "ヴ", "カ", "ガ", "ｶ", "ﾞ",
		"ﾟ", "ハ", "パ", "가", "\u1100", "\u1161", "\u11a8", "한", "국", "華", "为", "技", "术", "有", "限", "公", "司",
		"\uf900", "\u2f00", "㈱", "ç", "ş", "ğ", "ñ", "ø", "ł", "ệ", "ư", "ơ", "ả", "Å", "\u212b", "\u2126", "Ω",
		"K", "\u212a", "\u0915", "\u093c", "\u095b", "\u05e9", "\u05c1", "\ufb2a", "LLC", "Ltd", "OOO", "ООО",
		"S.A.", "AO", "АО", "GmbH", "Co", "株式会社"}
	r := rand.New(rand.NewPCG(5, 6))
	var b strings.Builder
	for range 100_000 {
		b.Reset()
		for range 1 + r.IntN(7) {
			b.WriteString(atoms[r.IntN(len(atoms))])
		}
		s := b.String()
		want, werr := Normalize(norm.NFC.String(s))
		for _, f := range []string{s, norm.NFD.String(s)} {
			got, err := Normalize(f)
			require.Equal(t, werr == nil, err == nil, "%+q: %v, its NFC: %v", f, err, werr)
			require.True(t, sameTokens(want.Tokens, got.Tokens), "%+q gives %q, its NFC %q", f, got.Keys(), want.Keys())
			require.Equal(t, classesOf(want.LegalForms), classesOf(got.LegalForms), "%+q", f)
		}
	}
}

// classesOf returns the classes of legal forms lfs.
func classesOf(lfs []LegalForm) []Class {
	var cs []Class
	for _, lf := range lfs {
		cs = append(cs, lf.Class)
	}
	return cs
}
