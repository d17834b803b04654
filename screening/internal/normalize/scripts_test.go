package normalize

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScriptReadings checks how names written in Chinese, Japanese, Korean
// and Arabic script read: their tokens (key/kind, as keys() writes them),
// their Display and their legal forms.
func TestScriptReadings(t *testing.T) {
	tests := []struct {
		name, in, keys, display, forms string
	}{
		{"brand and organization word", "华为技术有限公司", "huawei/d technology/g", "华为技术", "LTD"},
		{"traditional characters", "華為技術有限公司", "huawei/d technology/g", "華為技術", "LTD"},
		{"traditional place", "中國銀行", "china/d bank/g", "中國銀行", ""},
		{"traditional country", "緬甸國際貿易", "myanmar/d international/g trading/g", "緬甸國際貿易", ""},
		{"organization words joined", "海光信息技术有限公司", "haiguang/d information/d technology/g", "海光信息技术", "LTD"},
		{"pinyin of the same", "Haiguang Xinxi Jishu Youxian Gongsi", "haiguang/d information/d technology/g", "Haiguang Xinxi Jishu", "LTD"},
		{"joint-stock form", "浙江大华技术股份有限公司", "zhejiang/q dahua/d technology/g", "浙江大华技术", "JSC"},
		{"limited liability form", "小米科技有限责任公司", "xiaomi/d technology/g", "小米科技", "LLC"},
		{"place and city", "深圳市华为技术", "shenzhen/q shi/q huawei/d technology/g", "深圳市华为技术", ""},
		{"place in pinyin", "Shenzhen Shi Huawei Jishu", "shenzhen/q shi/q huawei/d technology/g", "Shenzhen Shi Huawei Jishu", ""},
		{"place by its usual name", "香港华为", "hongkong/q huawei/d", "香港华为", ""},
		{"heteronym in a place", "重庆长城", "chongqing/q changcheng/d", "重庆长城", ""},
		{"ordinal and numerals", "中国电子科技集团公司第十三研究所", "china/d electronics/g technology/g group/g company/g number/g 13/n institute/g", "中国电子科技集团公司第十三研究所", ""},
		{"ordinal before digits", "第13研究所", "number/g 13/n institute/g", "第13研究所", ""},
		{"numerals digit by digit", "第七〇一所", "number/g 701/n suo/d", "第七〇一所", ""},
		{"latin beside han", "Huawei华为Tech", "huawei/d huawei/d technology/g", "Huawei华为Tech", ""},
		{"single syllable no initialism", "阿 B 额", "a/d b/i e/d", "阿 B 额", ""},
		{"japanese kana and kanji", "トヨタ自動車株式会社", "toyota/d jidosha/d", "トヨタ自動車", "KK"},
		{"japanese loanword", "ソニーグループ株式会社", "soni/d group/g", "ソニーグループ", "KK"},
		{"japanese kanji read as chinese", "株式会社日立製作所", "rili/d factory/g", "日立製作所", "KK"},
		{"kana combinations", "キャノン シャープ ティファニー", "kyanon/d shapu/d tifani/d", "キャノン シャープ ティファニー", ""},
		{"half-width kana", "ｿﾆｰｸﾞﾙｰﾌﾟ", "soni/d group/g", "ｿﾆｰｸﾞﾙｰﾌﾟ", ""},
		{"sokuon", "ニッポン", "nippon/d", "ニッポン", ""},
		{"korean brand and word", "삼성전자 주식회사", "samseong/d electronics/g", "삼성전자", "JSC"},
		{"korean sound changes", "신라 종로 국내 단어", "silla/d jongno/d gungnae/d daneo/d", "신라 종로 국내 단어", ""},
		{"korean place", "평양", "pyongyang/d", "평양", ""},
		{"korean glued form", "현대자동차주식회사", "hyeondae/d jadongcha/d", "현대자동차", "JSC"},
		{"arabic name", "صدام حسين التكريتي", "sadam/d husayn/d the/g tikriti/d", "صدام حسين التكريتي", ""},
		{"arabic glued allah", "نجيب الله", "najibullah/d", "نجيب الله", ""},
		{"arabic abdullah", "عبد الله", "abdullah/d", "عبد الله", ""},
		{"arabic abdullah glued", "عبدالله", "abdullah/d", "عبدالله", ""},
		{"arabic allah alone after a suffix", "حمد الله الله", "hamadullah/d allah/d", "حمد الله الله", ""},
		{"arabic vowels guessed", "خالد حسن", "khalid/d hasan/d", "خالد حسن", ""},
		{"arabic marks ignored", "مُحَمَّد", "muhammad/d", "مُحَمَّد", ""},
		{"arabic presentation forms", "ﻣﺤﻤﺪ", "muhammad/d", "ﻣﺤﻤﺪ", ""},
		{"persian letters", "شرکت پارس", "company/g paris/d", "شرکت پارس", ""},
		{"pashto suffix", "نورزی", "nurzai/d", "نورزی", ""},
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
			assert.Equal(t, n.Keys(), m.Keys(), "the Display normalizes to the same tokens")
		})
	}
}

// TestScriptNoReading: a Han character the reading table lacks stays as
// it is, a word of its own between the brand's other characters.
func TestScriptNoReading(t *testing.T) {
	tab := pinyinReadings.get()
	var none rune
	for r := rune(0x20000); r < 0x32000; r++ {
		if scriptOf(r) == cjkScript && tab.reading(r) == "" && cjkKey(r) == r {
			none = r
			break
		}
	}
	require.NotZero(t, none, "a character of no reading")
	s := "华" + string(none) + "为"
	n, err := Normalize(s)
	require.NoError(t, err)
	assert.Equal(t, "hua/d "+string(none)+"/x wei/d", keys(n))
	m, err := Normalize(n.Display)
	require.NoError(t, err)
	assert.Equal(t, n.Keys(), m.Keys())
}

// TestScriptSoundKeys checks that the sound key makes a reading meet the
// other romanizations lists use: Hangul's McCune-Reischauer spelling.
func TestScriptSoundKeys(t *testing.T) {
	tests := []struct{ script, latin string }{
		{"평양시", "Pyongyang Shi"},
		{"조선", "Choson"},
		{"김정은", "Kimjongun"},
		{"동대문", "Tongdaemun"},
	}
	for _, tt := range tests {
		t.Run(tt.latin, func(t *testing.T) {
			s, err := Normalize(tt.script)
			require.NoError(t, err)
			l, err := Normalize(tt.latin)
			require.NoError(t, err)
			require.Equal(t, len(l.Tokens), len(s.Tokens))
			for i := range s.Tokens {
				assert.Equal(t, l.Tokens[i].Sound, s.Tokens[i].Sound, "%q and %q", s.Tokens[i].Key, l.Tokens[i].Key)
			}
		})
	}
	// The Revised spelling meets by its key.
	s, err := Normalize("조선")
	require.NoError(t, err)
	assert.Equal(t, "joseon", s.Tokens[0].Key)
}

// TestScriptVariants checks the alternative readings Variants gives: the
// other readings of a character of several, the English of words names
// translate, and the other spelling styles of Arabic-script names.
func TestScriptVariants(t *testing.T) {
	keysOf := func(s string) []string {
		vs, err := Variants(s)
		require.NoError(t, err)
		var out []string
		for _, v := range vs {
			assert.Equal(t, s, v.Input)
			out = append(out, v.Keys())
		}
		return out
	}
	assert.Equal(t, []string{"changcheng", "zhangcheng"}, keysOf("长城"))
	assert.Equal(t, []string{"xiamen xing", "xiamen hang"}, keysOf("厦门行"), "a place of the dictionary has one reading")
	assert.Equal(t, []string{"china mobile communications group"}, keysOf("中国移动通信集团有限公司")[1:])
	got := keysOf("محمد")
	for _, want := range []string{"muhammad", "mohammad", "mohammed", "mohamed"} {
		assert.Contains(t, got, want)
	}
	// At most maxAlternatives readings of characters of several.
	assert.LessOrEqual(t, len(keysOf(strings.Repeat("长", 20))), 1+maxAlternatives)
	// A Latin name has no alternatives.
	assert.Equal(t, []string{"huawei technology"}, keysOf("Huawei Technologies Co., Ltd."))
}

// TestKanaIterationMarks checks that ゝ repeats the kana before it and ゞ
// repeats it voiced, the same every time: "いすゞ" is Isuzu. ゞ was voiced
// by looking the syllable's romanization up among the kana, in the random
// order of a map, where two kana read alike ("か" and the small "ゕ", "す"
// and the small "ㇲ"): half the time it stayed unvoiced.
func TestKanaIterationMarks(t *testing.T) {
	tests := []struct{ in, want string }{
		{"いすゞ", "isuzu"},
		{"ーカヾ", "kaga"},
		{"ハヾ", "haba"},
		{"すゞゞ", "suzuzu"},
		{"ササヽ", "sasasa"},
		{"ミスヾ", "misuzu"},
	}
	for _, tt := range tests {
		for range 64 {
			n, err := Normalize(tt.in)
			require.NoError(t, err)
			require.Equal(t, tt.want, n.Keys(), "%q", tt.in)
		}
	}
}

// TestScriptReadingNotes checks that a name says how its scripts were
// read, and that a Japanese name's kanji read as Chinese say so.
func TestScriptReadingNotes(t *testing.T) {
	tests := []struct {
		in   string
		want Reading
	}{
		{"Huawei", 0},
		{"华为", ReadPinyin},
		{"トヨタ", ReadHepburn},
		{"株式会社日立製作所", ReadKanjiAsChinese},
		{"トヨタ自動車", ReadHepburn},
		{"ソニー日立", ReadHepburn | ReadKanjiAsChinese},
		{"삼성", ReadRevised},
		{"محمد", ReadArabic},
		{"华为 محمد", ReadPinyin | ReadArabic},
	}
	for _, tt := range tests {
		n, err := Normalize(tt.in)
		require.NoError(t, err)
		assert.Equal(t, tt.want, n.Read, "%q: %v", tt.in, n.Read)
	}
	assert.Equal(t, []string{readingNotes[1]}, ReadKanjiAsChinese.Notes())
	assert.Empty(t, Reading(0).Notes())
	assert.Contains(t, (ReadPinyin | ReadArabic).String(), "; ")
}

// TestScriptTables checks the dictionaries: every reading is one Latin
// word of lower-case letters, every legal form written in a script reads
// as a legal form of the same class by itself and after a name, every
// traditional character folds to another one, and every Arabic name has a
// spelling.
func TestScriptTables(t *testing.T) {
	for _, table := range [][][2]string{chineseWords, chinesePlaces, japaneseWords, koreanWords} {
		for _, e := range table {
			assert.True(t, lettersOnly(e[1]) && e[1] != "", "%q reads %q", e[0], e[1])
		}
	}
	for w, e := range chineseEnglish {
		assert.True(t, lettersOnly(e), "%q translates to %q", w, e)
		var us []unit
		for _, r := range w {
			us = append(us, unit{r: cjkKey(r)})
		}
		e, _ := cjkDict.get().longest(us, 0)
		assert.Equal(t, len(us), e, "%q translates but is no word of the dictionary", w)
	}
	for _, row := range legalFormTable {
		for _, text := range row.strong {
			r, _ := utf8.DecodeRuneInString(text)
			if scriptOf(r) == noScript {
				continue
			}
			n, err := Normalize("华为 " + text)
			require.NoError(t, err, text)
			assert.Equal(t, "huawei/d", keys(n), "%q", text)
			assert.Equal(t, string(row.class), classes(n), "%q", text)
		}
	}
	rs := []rune(traditionalPairs)
	for i := 0; i+1 < len(rs); i += 3 {
		assert.NotEqual(t, rs[i], rs[i+1])
		assert.True(t, i+2 >= len(rs) || rs[i+2] == ' ', "pair %d is not two characters and a space", i/3)
	}
	for _, row := range arabicNameTable {
		f := strings.Fields(row)
		assert.True(t, len(f) >= 2 && len(f) <= 1+arabicStyles, "%q", row)
		for _, s := range f[1:] {
			assert.True(t, lettersOnly(s), "%q", row)
		}
	}
	for _, h := range heteronymTable {
		assert.NotEmpty(t, h.readings, h.char)
		assert.Equal(t, 1, utf8.RuneCountInString(h.char))
	}
}

// TestPinyinTable checks the generated reading table: it covers the
// common characters, and reads them as go-pinyin's first reading.
func TestPinyinTable(t *testing.T) {
	tab := pinyinReadings.get()
	for r, want := range map[rune]string{'华': "hua", '为': "wei", '中': "zhong", '国': "guo", '𠼞': "a", '〇': "ling"} {
		assert.Equal(t, want, tab.reading(r), "%c", r)
	}
	assert.Empty(t, tab.reading('a'))
	n := 0
	for r := rune(0x4E00); r <= 0x9FA5; r++ {
		if tab.reading(r) != "" {
			n++
		}
	}
	assert.Greater(t, n, 20000, "readings of the CJK Unified Ideographs")
}

// TestDisplayIdempotentScriptRuns is TestDisplayIdempotentScripts for the
// scripts read in runs: dictionary words, brands, legal forms, numerals and
// 第, kana with marks, Hangul, and Arabic words whose reading depends on
// the word before them (الله, the article after عبد), with the Latin
// letters, spaces, dots, quotes, marks and format characters around them.
func TestDisplayIdempotentScriptRuns(t *testing.T) {
	atoms := []string{"华为", "技术", "有限", "公司", "深圳", "市", "第", "十三", "1", "长", "ｶ", "ﾞ", "ソニー",
		"삼성", "주식회사", "عبد", "الله", "ال", "ي", " ", ".", "'", "A", "LLC", "\u200c", "\u064e", "ﻻ"}
	checkDisplayCombinations(t, atoms, "")
}

// TestDisplayIdempotentScriptsRandom checks the invariant on random names
// of script pieces, Latin words and separators.
func TestDisplayIdempotentScriptsRandom(t *testing.T) {
	if testing.Short() {
		t.Skip("random names skipped in short mode")
	}
	atoms := []string{"华为", "技术", "有限公司", "股份", "深圳", "市", "第", "十三", "七〇一", "研究所", "重", "长城",
		"華為", "株式会社", "トヨタ", "グループ", "ー", "ッ", "ャ", "ｶﾞ", "々", "삼성", "전자", "주식회사", "평양",
		"محمد", "عبد", "الله", "الدين", "زاده", "التكريتي", "ی", "ى", "ة", "ع", "ﷲ", "ﻻ", "\u064e", "\u0651", "ـ",
		"\u200c", "\u200b", "\u0301", " ", " ", "-", ",", "(", ")", "Ltd", "LLC", "A", "B", "Co", "Huawei", "1", "AO",
		"Youxian", "Gongsi", "a.k.a."}
	r := rand.New(rand.NewPCG(3, 4))
	var b strings.Builder
	checked := 0
	for range 50_000 {
		b.Reset()
		for range 1 + r.IntN(7) {
			b.WriteString(atoms[r.IntN(len(atoms))])
		}
		s := b.String()
		n, err := Normalize(s)
		if err != nil {
			continue
		}
		checked++
		m, err := Normalize(n.Display)
		require.NoError(t, err, "%q: Display %q", s, n.Display)
		require.Equal(t, n.Keys(), m.Keys(), "%q: Display %q", s, n.Display)
		if _, err := Variants(s); err != nil {
			t.Fatalf("%q: Variants: %v", s, err)
		}
	}
	assert.Greater(t, checked, 45_000)
}

// TestScriptAllocations: a name in a script read in runs allocates no
// more than a Latin name of its length does, once warm.
func TestScriptAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	var n Name
	for _, s := range []string{"华为技术有限公司", "삼성전자 주식회사", "محمد حسن التكريتي", "トヨタ自動車株式会社"} {
		require.NoError(t, NormalizeInto(&n, s))
		allocs := testing.AllocsPerRun(100, func() { _ = NormalizeInto(&n, s) })
		assert.LessOrEqual(t, allocs, 1.0, "%q", s)
	}
	assert.True(t, slices.Contains([]string{"huawei technology"}, func() string { _ = NormalizeInto(&n, "华为技术有限公司"); return n.Keys() }()))
}

// TestArabicGuessed checks which words read from Arabic script have their
// vowels guessed: those read letter by letter, not the names of the table
// nor the article.
func TestArabicGuessed(t *testing.T) {
	tests := []struct {
		in   string
		want string // key/guessed of each token
	}{
		{"عبدالحی مطمئن", "abd/false the/false hayy/false matmin/true"},
		{"مرعي الحرزي", "mari/true the/false harzai/true"},
		{"محمد التكريتي", "muhammad/false the/false tikriti/false"},
		{"نجيب الله", "najibullah/false"},
		{"سمیع الله", "samiullah/true"},
		{"Motmaen", "motmaen/false"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, err := Normalize(tt.in)
			require.NoError(t, err)
			var got []string
			for _, tok := range n.Tokens {
				got = append(got, tok.Key+"/"+strconv.FormatBool(tok.Guessed))
			}
			assert.Equal(t, tt.want, strings.Join(got, " "))
		})
	}
}

// TestScriptShortcuts checks the ranges scriptOf reads without the Unicode
// tables: each code point is a letter of the script the tables give it.
func TestScriptShortcuts(t *testing.T) {
	for r := rune(arabicLettersLo); r <= arabicLettersHi; r++ {
		if r != tatweel && !(unicode.IsLetter(r) && unicode.Is(unicode.Arabic, r)) {
			t.Errorf("%U is no Arabic letter", r)
		}
	}
	for r := rune(hanLettersLo); r <= hanLettersHi; r++ {
		if !(unicode.IsLetter(r) && unicode.Is(unicode.Han, r)) {
			t.Errorf("%U is no Han letter", r)
		}
	}
	for _, rg := range [][2]rune{{hiraganaLo, hiraganaHi}, {katakanaLo, katakanaHi}} {
		for r := rg[0]; r <= rg[1]; r++ {
			if !(unicode.IsLetter(r) && unicode.In(r, unicode.Hiragana, unicode.Katakana)) {
				t.Errorf("%U is no kana letter", r)
			}
		}
	}
	for r := rune(0x0600); r <= 0x08FF; r++ {
		if mayHaveScriptForm(r) {
			continue
		}
		if fr, d := foldScriptForm(r, string(r)); fr != r || d != "" {
			t.Errorf("%U reads as %U %q", r, fr, d)
		}
	}
}

// TestCategories checks the tables of category.go against the Unicode
// tables for every rune.
func TestCategories(t *testing.T) {
	for r := rune(-1); r <= unicode.MaxRune+1; r++ {
		for bit, tab := range categoryTables {
			if got, want := inCategories(r, 1<<bit), unicode.Is(tab, r); got != want {
				t.Fatalf("inCategories(%U, %d) = %v, want %v", r, 1<<bit, got, want)
			}
		}
		if toLower(r) != unicode.ToLower(r) || isLetterRune(r) != unicode.IsLetter(r) ||
			isLatinScript(r) != unicode.Is(unicode.Latin, r) || isSpace(r) != unicode.IsSpace(r) {
			t.Fatalf("the facts of %U differ from the Unicode tables'", r)
		}
	}
	for r := range cyrillic {
		assert.Less(t, r, rune(lowRunes), "cyrillicLetter reads the Cyrillic letters from lowFacts")
	}
}

// TestSurveyTextValid checks that surveyText finds invalid UTF-8 as
// utf8.ValidString does.
func TestSurveyTextValid(t *testing.T) {
	alphabet := []byte{'a', ' ', 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		b := make([]byte, 1+rng.IntN(6))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		if s := string(b); surveyText(s).invalid == utf8.ValidString(s) {
			t.Fatalf("surveyText(%q).invalid = %v", s, !utf8.ValidString(s))
		}
	}
}

// TestTraditionalDictionaryWords: a dictionary word written in
// traditional characters reads as written in simplified ones.
func TestTraditionalDictionaryWords(t *testing.T) {
	tests := []struct{ traditional, simplified string }{
		{"中國", "中国"},
		{"國家", "国家"},
		{"國防", "国防"},
		{"共和國", "共和国"},
		{"美國", "美国"},
		{"諮詢", "咨询"},
		{"熊貓", "熊猫"},
		{"崑明", "昆明"},
		{"煙台", "烟台"},
		{"敘利亞", "叙利亚"},
		{"哈薩克斯坦", "哈萨克斯坦"},
		{"緬甸", "缅甸"},
	}
	for _, tt := range tests {
		t.Run(tt.simplified, func(t *testing.T) {
			want, err := Normalize("华为" + tt.simplified)
			require.NoError(t, err)
			got, err := Normalize("华为" + tt.traditional)
			require.NoError(t, err)
			assert.Equal(t, keys(want), keys(got))
		})
	}
}

// TestCompatibilitySymbolsOfScripts: a symbol of no script that stands for
// letters read in runs ("㈱" is "(株)", "㈜" is "(주)") reads as those
// letters, not as a word of another script left as it is.
func TestCompatibilitySymbolsOfScripts(t *testing.T) {
	tests := []struct{ in, same string }{
		{"㈱トヨタ", "(株)トヨタ"},
		{"トヨタ㈲", "トヨタ(有)"},
		{"㈜삼성", "(주)삼성"},
		{"華為 ㊤", "華為 上"},
		{"華為 ㆒", "華為 一"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			want, err := Normalize(tt.same)
			require.NoError(t, err)
			got, err := Normalize(tt.in)
			require.NoError(t, err)
			assert.Equal(t, keys(want), keys(got))
			for _, tk := range got.Tokens {
				assert.NotEqual(t, NonLatin, tk.Kind, "%q", tk.Key)
			}
		})
	}
}
