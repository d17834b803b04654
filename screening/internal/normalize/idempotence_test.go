package normalize

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDisplayIdempotentCombinations normalizes every sequence of up to
// four words from a small vocabulary of the cases where stages interact
// (single letters, legal forms, markers, "The", the ezafe "e",
// separators) and checks the fuzz invariant exhaustively: the Display
// normalizes to the same tokens.
func TestDisplayIdempotentCombinations(t *testing.T) {
	atoms := []string{"A", "K", "B", "S", "Foo", "LLC", "Ltd", "As", "Trading", "a.k.a.",
		"The", ",", "(", ")", "AB", "SA", "1st", "Co", "D", "-", "Stock", "Liability", "e"}
	checkDisplayCombinations(t, atoms, " ")
}

// TestDisplayIdempotentScripts does the same for runes written without
// spaces, from the cases where the folding of a letter depends on its
// neighbours: the Cyrillic language guess (Ukrainian і, Russian и), letters
// that fold to nothing (soft sign, zero-width space, combining marks), the
// hard sign (a Bulgarian vowel before a consonant), word-initial Armenian
// ե and ո, Greek αυ (af before θ) and γκ, and scripts that are not
// transliterated (Syriac, Thai with its vowel sign, Han), and legal forms
// written inside a word (有限公司, split off before the single letters at
// the end of a name are read).
func TestDisplayIdempotentScripts(t *testing.T) {
	atoms := []string{"І", "и", "Ь", "ъ", "л", "ܬ", "ե", "ո", "ւ", "α", "υ", "γ", "κ", "θ", "a", "1",
		"\u200b", "\u0301", "'", " ", "-", "ก", "\u0e31", "中", "ß", "有限公司", "株式会社"}
	checkDisplayCombinations(t, atoms, "")
}

// TestDisplayIdempotentDisguises does the same for the pieces of names
// written in disguise, without spaces: Latin letters with Cyrillic,
// Cherokee and small-capital lookalikes, a Cyrillic lookalike with no
// reading of its own (Ԛ), Cyrillic letters that are none (б, and Ѐ, which
// decomposes into one) and one with no reading (ԧ), a Latin letter that
// stays itself (Ȼ), letters that fold to nothing, digits and symbols
// standing for letters, letters joined by hyphens or apostrophes (a
// modifier letter among them, and the Greek numeral sign, which is one),
// and legal forms and organization words glued to a word.
func TestDisplayIdempotentDisguises(t *testing.T) {
	atoms := []string{"Kas", "K", "a", "а", "Р", "Ꮶ", "ᴋ", "Ԛ", "б", "Ѐ", "ԧ", "Ȼ", "Ь", "@", "0", "1", "-", "'", "ʻ", "\u0374", ".", " ",
		"LLC", "Lab", "AG", "Ltd", "ООО"}
	checkDisplayCombinations(t, atoms, "")
}

// TestDisplayIdempotentRandom checks the invariant on random names of up
// to eight pieces from a wide vocabulary: the atoms of the tests above,
// legal forms and their pieces in several scripts, markers, quotes,
// brackets, Unicode spaces, compatibility characters, combining marks of
// different classes, conjoining jamo, untransliterated Cyrillic letters,
// lookalikes and Arabic-script words that read with the word before them.
// The seed is fixed, so a failure repeats.
func TestDisplayIdempotentRandom(t *testing.T) {
	if testing.Short() {
		t.Skip("random names skipped in short mode")
	}
	atoms := []string{"І", "и", "Ь", "Ԭ", "ܬ", "ե", "ո", "ւ", "α", "υ", "γ", "κ", "a", "1", "A", "B", "S", "C", "K", "V",
		"\u200b", "\u0301", "'", "`", " ", " ", " ", "-", "ก", "\u0e31", "中", "ß", "\"", "(", ")", ".", ",", ";",
		"ـ", "ع", "\u064e", "Ａ", "١", "№", "ｶ", "\uff9e", "한", "ООО", "АО", "Ltd", "有限公司", "S.A.", "a.k.a.",
		"f.k.a.", "ΑΕ", "Ε.Π.Ε.", "«", "»", "the", "The", "&", "and", "de", "C.V.", "Co.,", "Co", "Kaspersky", "JSC",
		"株式会社", "GmbH", "KG", "LLC", "Inc.", "Corp", "Limited", "Company", "Trading", "Group", "Stock", "Joint",
		"Liability", "Open", "Closed", "Sp.", "z", "o.o.", "SRL", "S.R.L.", "AB", "SA", "R.L.", "\u00a0", "/", "+",
		"1st", "48th", "No.", "\u0344", "\u035c", "\u0604", "ᄀ", "ᅡ", "\u0308", "ı", "\u0307", "İ", "Ⅻ", "½", "²",
		"ﬁ", "ŉ", "\u2019", "#", "@", "Ԛ", "ԧ", "Ȼ", "ʻ", "Ѐ", "б", "Ѕ", "Ꮶ", "Р", "е", "а", "Lab", "e", "$", "0",
		"ԉ", "ᴋ", "ب", "الله", "عبد", "\u2024"}
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	checked := 0
	for range 100_000 {
		b.Reset()
		for range 1 + r.IntN(8) {
			b.WriteString(atoms[r.IntN(len(atoms))])
			if r.IntN(3) == 0 {
				b.WriteByte(' ')
			}
		}
		s := b.String()
		n, err := Normalize(s)
		if err != nil {
			continue
		}
		checked++
		m, err := Normalize(n.Display)
		require.NoError(t, err, "%q: Display %q", s, n.Display)
		require.True(t, sameTokens(n.Tokens, m.Tokens), "%q: Display %q gives %q, want %q", s, n.Display, m.Keys(), n.Keys())
	}
	assert.Greater(t, checked, 90_000)
}

// checkDisplayCombinations normalizes every sequence of one to four atoms
// joined by sep and checks that each Display normalizes to the same tokens.
func checkDisplayCombinations(t *testing.T, atoms []string, sep string) {
	t.Helper()
	if testing.Short() {
		t.Skip("exhaustive combinations skipped in short mode")
	}
	for depth := 1; depth <= 4; depth++ {
		t.Run(strconv.Itoa(depth), func(t *testing.T) {
			idx := make([]int, depth)
			parts := make([]string, depth)
			checked, failed := 0, 0
			for {
				for i, k := range idx {
					parts[i] = atoms[k]
				}
				s := strings.Join(parts, sep)
				if n, err := Normalize(s); err == nil {
					checked++
					m, err := Normalize(n.Display)
					require.NoError(t, err, "%q: Display %q", s, n.Display)
					if !sameTokens(n.Tokens, m.Tokens) {
						failed++
						assert.Equal(t, n.Keys(), m.Keys(), "%q: Display %q", s, n.Display)
						if failed > 20 {
							t.FailNow()
						}
					}
				}
				i := depth - 1
				for i >= 0 && idx[i] == len(atoms)-1 {
					idx[i] = 0
					i--
				}
				if i < 0 {
					break
				}
				idx[i]++
			}
			assert.Positive(t, checked)
		})
	}
}

// TestDisplayWithinMaxLen checks names whose cleaned form would be longer
// than MaxLen although the input is not: the Display must still normalize
// to the same tokens.
func TestDisplayWithinMaxLen(t *testing.T) {
	tests := []struct {
		name, in  string
		wantInput bool // the Display is the input itself
	}{
		{"closed parentheses", "0000" + strings.Repeat("(", 1019) + "0", true},
		{"nfc expansion", strings.Repeat("\u0958", 340) + "e\u0301", true},
		{"short name cleaned", "Foo (Bar", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.LessOrEqual(t, len(tt.in), MaxLen)
			n, err := Normalize(tt.in)
			require.NoError(t, err)
			assert.LessOrEqual(t, len(n.Display), MaxLen)
			assert.Equal(t, tt.wantInput, n.Display == tt.in)
			m, err := Normalize(n.Display)
			require.NoError(t, err)
			assert.Equal(t, n.Keys(), m.Keys())
		})
	}
}

// TestDisplayIdempotentUnicodeSpaces checks that the Unicode spaces that
// fold to a space (no-break, thin, ideographic, ...) act as a plain space
// in every stage: between single letters, which join into an initialism
// that may be the remains of a dotted legal form ("0 A\u00a0C"), and inside
// legal forms. The name gives the tokens of its plain-space spelling, and
// its Display, which writes a plain space, normalizes to the same tokens.
func TestDisplayIdempotentUnicodeSpaces(t *testing.T) {
	spaces := []struct{ name, sp string }{
		{"no-break", "\u00a0"}, {"en quad", "\u2000"}, {"thin", "\u2009"}, {"hair", "\u200a"},
		{"narrow no-break", "\u202f"}, {"medium mathematical", "\u205f"}, {"ideographic", "\u3000"},
	}
	tests := []struct {
		name, in string // in: "%s" stands for the space
	}{
		{"trailing letters", "0 A%sC"},
		{"letters alone", "A%sC"},
		{"letters after a word", "Foo S%sA"},
		{"dotted letters", "0%sA.%sC."},
		{"legal form", "Acme S.A.%sde C.V."},
		{"dotted form remains", "Foo S.A.%sS."},
		{"letters before a word", "A%sC Foo"},
		{"transliterated letter", "Foo А%sС"},
	}
	for _, tt := range tests {
		for _, sp := range spaces {
			t.Run(tt.name+"/"+sp.name, func(t *testing.T) {
				in := strings.ReplaceAll(tt.in, "%s", sp.sp)
				want, err := Normalize(strings.ReplaceAll(tt.in, "%s", " "))
				require.NoError(t, err)
				n, err := Normalize(in)
				require.NoError(t, err)
				assert.Equal(t, want.Keys(), n.Keys(), "%q", in)
				m, err := Normalize(n.Display)
				require.NoError(t, err, "%q: Display %q", in, n.Display)
				assert.Equal(t, n.Keys(), m.Keys(), "%q: Display %q", in, n.Display)
			})
		}
	}
}
