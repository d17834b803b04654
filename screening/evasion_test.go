package screening_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/screening"
)

// evasionCase is a listed party's name written the way a sanctioned
// supplier might write it to slip past a screen.
type evasionCase struct {
	name  string
	query string
	want  string // a name (primary or alternate, in any case) of the entry expected first
}

// checkEvasions checks that each query finds its listed party first, with
// an alert at the screener's threshold. The party may be listed more than
// once ("Rosoboronexport" by BIS, "ROSOBORONEKSPORT OAO" by OFAC with the
// other as an alias): the first match is an entry that has the name, in
// any case.
func checkEvasions(t *testing.T, s *screening.Screener, tests []evasionCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := top(t, s, screening.Query{Name: tt.query})
			require.True(t, ok, "no match for %q", tt.query)
			assert.True(t, slices.ContainsFunc(m.Entry.Names(), func(n string) bool { return strings.EqualFold(n, tt.want) }),
				"first match %s, want an entry named %s", m.Entry.Name, tt.want)
			assert.True(t, m.Alert, "%q scores %.4f, below the threshold %.2f", tt.query, m.Score, s.Threshold())
		})
	}
}

// TestEvasionDefaultList screens disguised names of parties of the embedded
// default list at the default threshold.
func TestEvasionDefaultList(t *testing.T) {
	s := defaultScreener(t)
	require.InDelta(t, screening.DefaultThreshold, s.Threshold(), 0)
	checkEvasions(t, s, []evasionCase{
		{"glued organization word", "KasperskyLab", "AO Kaspersky Lab"},
		{"glued long organization word", "HuaweiTechnologies", "Huawei Technologies Co., Ltd. (Huawei)"},
		{"glued legal form", "KasperskyLabLLC", "AO Kaspersky Lab"},
		{"letters joined by hyphens", "K-a-s-p-e-r-s-k-y Lab", "AO Kaspersky Lab"},
		{"letters joined by dots", "K.a.s.p.e.r.s.k.y Lab", "AO Kaspersky Lab"},
		{"cyrillic lookalikes", "Kаsреrskу Lаb", "AO Kaspersky Lab"},
		{"greek lookalikes", "ΚΑSΡΕRSΚΥ LΑΒ", "AO Kaspersky Lab"},
		{"cherokee lookalikes", "ᏦᎪᏚᏢᎬᎡᏚᏦᎽ Lab", "AO Kaspersky Lab"},
		{"latin small capitals", "ᴋᴀsᴘᴇʀsᴋʏ ʟᴀʙ", "AO Kaspersky Lab"},
		{"symbol for a letter", "K@spersky Lab", "AO Kaspersky Lab"},
		{"digits for letters", "Hu4w3i T3chn0l0gies", "Huawei Technologies Co., Ltd. (Huawei)"},
		{"number added", "Huawei Technologies 1", "Huawei Technologies Co., Ltd. (Huawei)"},
		{"genuine cyrillic name", "ООО Касперский Груп", "OOO Kaspersky Group"},
	})
}

// TestEvasionOneWord screens disguised names of Kaspersky written as one
// word, which may match any of its entries.
func TestEvasionOneWord(t *testing.T) {
	s := defaultScreener(t)
	for _, q := range []string{"K-a-s-p-e-r-s-k-y", "Kаsреrskу", "Kаsреrsкy", "KAՏPERՏKY", "ᏦᎪᏚᏢᎬᎡᏚᏦᎽ", "ᴋᴀsᴘᴇʀsᴋʏ", "K@spersky", "Kasp3rsky"} {
		t.Run(q, func(t *testing.T) {
			m, ok := top(t, s, screening.Query{Name: q})
			require.True(t, ok, "no match for %q", q)
			assert.Contains(t, m.Entry.Name, "Kaspersky")
			assert.True(t, m.Alert, "%q scores %.4f", q, m.Score)
		})
	}
}

// TestEvasionRealList screens disguised names of parties of the 2022
// Consolidated Screening List.
func TestEvasionRealList(t *testing.T) {
	s := realScreener(t)
	checkEvasions(t, s, []evasionCase{
		{"digits for letters", "R0s0b0r0nexp0rt", "Rosoboronexport"},
		{"number added", "Gazprombank 911", "GAZPROMBANK JOINT STOCK COMPANY"},
		{"glued words apart", "Gazprom Bank", "GAZPROMBANK JOINT STOCK COMPANY"},
		{"glued organization word", "HuaweiTechnologies", "HUAWEI TECHNOLOGIES CO., LTD."},
		{"cyrillic lookalikes", "Rоsоbоrоnехроrt", "Rosoboronexport"},
		{"cyrillic small capitals", "Gazрrомbank", "GAZPROMBANK JOINT STOCK COMPANY"},
		{"armenian lookalikes", "Rօsօbօrօոexpօrt", "Rosoboronexport"},
	})
}

// TestEvasionNumbers checks that a number written in digits that the
// listed name lacks costs little, while names with other numbers stay
// apart and an ordinal spelled out weighs as a word.
func TestEvasionNumbers(t *testing.T) {
	s, err := screening.New(inHouse(t, "Izhevsk Radio Plant 5,,,,", "Orion Avia,,,,"), screening.WithMinScore(0.3))
	require.NoError(t, err)
	score := func(q string) float64 {
		m, ok := top(t, s, screening.Query{Name: q})
		if !ok {
			return 0
		}
		return m.Score
	}
	assert.GreaterOrEqual(t, score("Orion Avia 911"), screening.DefaultThreshold, "a number added")
	// Digits written otherwise are the same number, added at the same cost.
	for _, q := range []string{"Orion Avia ９１１", "Orion Avia ٩١١", "Orion Avia ۹۱۱", "Orion Avia ৯১১", "Orion Avia ੯੧੧", "Orion Avia ௯௧௧", "Orion Avia ໙໑໑", "Orion Avia ༩༡༡", "Orion Avia ៩១១"} {
		assert.InDelta(t, score("Orion Avia 911"), score(q), 1e-9, "%q: a number added in other digits", q)
	}
	assert.GreaterOrEqual(t, score("Izhevsk Radio Plant 5"), screening.DefaultThreshold, "the same number")
	for _, q := range []string{"Izhevsk Radio Plant ੫", "Izhevsk Radio Plant ౫", "Izhevsk Radio Plant ๕"} {
		assert.InDelta(t, score("Izhevsk Radio Plant 5"), score(q), 1e-9, "%q: the same number in other digits", q)
	}
	assert.Less(t, score("Izhevsk Radio Plant 7"), 0.5, "another number")
	assert.Greater(t, score("Orion Avia 1"), score("First Orion Avia"), "an ordinal spelled out is a word of the name")
}

// TestEvasionGluedListNames checks that list names written glued meet
// queries written apart: the list's names are split the same way.
func TestEvasionGluedListNames(t *testing.T) {
	s, err := screening.New(inHouse(t, "HUAWEITECHNOLOGIES,,,,", "KasperskyLab,,,,", "Novikombank,,,,"))
	require.NoError(t, err)
	checkEvasions(t, s, []evasionCase{
		{"organization word", "Huawei Technologies Co., Ltd.", "HUAWEITECHNOLOGIES"},
		{"abbreviated organization word", "Kaspersky Lab", "KasperskyLab"},
		{"bank", "Novikom Bank JSC", "Novikombank"},
	})
}
