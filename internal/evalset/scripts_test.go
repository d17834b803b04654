package evalset

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCJKUnlisted checks the fixture of unlisted companies: at least 60,
// every one a negative case of a known script family, each name written in
// its script, none twice.
func TestCJKUnlisted(t *testing.T) {
	cases, err := CJKUnlisted()
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(cases), 60)
	seen := map[string]bool{}
	for _, c := range cases {
		assert.True(t, c.Negative(), c.Query)
		assert.Contains(t, []string{"negative_cjk_zh", "negative_cjk_ja", "negative_cjk_ko"}, c.Family)
		assert.False(t, seen[c.Query], "%q twice", c.Query)
		seen[c.Query] = true
		assert.True(t, strings.ContainsFunc(c.Query, func(r rune) bool {
			return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
		}), "%q is not written in its script", c.Query)
	}
}

// TestFixtureLines checks that a malformed fixture line is an error
// naming the line.
func TestFixtureLines(t *testing.T) {
	_, _, err := fixtureLines("x.tsv", "# comment\na\tb\nc\n", 2)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "x.tsv line 3")
	_, _, err = fixtureLines("x.tsv", "a\t \n", 2)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "line 1: field 2 empty")
}

// TestChineseListed checks that every party of the fixture is found on the
// 2022 CSL by the names the fixture gives it, and that only parties all of
// whose rows are in the development split become cases, the others
// counted.
func TestChineseListed(t *testing.T) {
	list := realList(t)
	cases, dropped, err := ChineseListed(list)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(cases), 15)
	assert.Positive(t, dropped["not_dev_split"], "Huawei's rows are on both sides of the split")
	lines, _, err := fixtureLines("cjk_listed.tsv", cjkListed, 3)
	require.NoError(t, err)
	assert.Equal(t, len(lines), len(cases)+dropped["not_dev_split"], "every fixture line is a case or counted")
	ids := map[string]bool{}
	for _, e := range list.All() {
		ids[e.ID] = true
	}
	for _, c := range cases {
		assert.NotEmpty(t, c.Expect, c.Query)
		assert.Equal(t, "chinese_listed", c.Family)
		for _, id := range c.Expect {
			assert.True(t, ids[id], "%q expects %s", c.Query, id)
			assert.True(t, DevSplit(id), "%q expects %s, outside the development split", c.Query, id)
		}
	}
}

// TestUNArabicScript checks the reading of the UN list's names in Arabic
// script: hundreds of records, each with a Latin name first, split about
// 40% into development.
func TestUNArabicScript(t *testing.T) {
	if testing.Short() {
		t.Skip("real-data sets skipped in short mode")
	}
	if _, err := os.Stat(filepath.Join(sharedData, UNFile)); err != nil {
		t.Skip("shared UN list not present")
	}
	recs, dropped, err := UNArabicScript(sharedData)
	require.NoError(t, err)
	assert.Greater(t, len(recs), 300)
	assert.Positive(t, dropped["other_script"], "Cyrillic original names are left out")
	dev := 0
	for _, r := range recs {
		require.NotEmpty(t, r.Latin, r.ID)
		assert.True(t, hasArabic(r.Original), r.Original)
		assert.False(t, hasArabic(r.Latin[0]), r.Latin[0])
		assert.Contains(t, []string{"person", "company"}, r.Kind)
		assert.Equal(t, DevSplit(r.ID), r.Dev)
		if r.Dev {
			dev++
		}
	}
	assert.InDelta(t, 0.4, float64(dev)/float64(len(recs)), 0.08)
	_, _, err = UNArabicScript(t.TempDir())
	assert.Error(t, err, "a missing file is an error")
}
