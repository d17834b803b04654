package normalize

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// keys renders tokens as "key/kind" words for compact assertions:
// d distinctive, g generic, n number, i initialism, x nonlatin, q qualifier.
func keys(n Name) string {
	var b strings.Builder
	for i, t := range n.Tokens {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Key)
		b.WriteByte('/')
		b.WriteByte("dgnixq"[t.Kind])
	}
	return b.String()
}

func classes(n Name) string {
	var cs []string
	for _, f := range n.LegalForms {
		cs = append(cs, string(f.Class))
	}
	return strings.Join(cs, " ")
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, keys, display, forms string
	}{
		{"ao kaspersky", "AO Kaspersky Lab", "kaspersky/d laboratory/g", "Kaspersky Lab", "JSC"},
		{"ooo kaspersky", "OOO Kaspersky Group", "kaspersky/d group/g", "Kaspersky Group", "LLC"},
		{"labs limited", "Kaspersky Labs Limited", "kaspersky/d laboratory/g", "Kaspersky Labs", "LTD"},
		{"cyrillic ooo", "ООО «Лаборатория Касперского»", "laboratory/g kasperskogo/d", "Лаборатория Касперского", "LLC"},
		{"co ltd", "Huawei Technologies Co., Ltd.", "huawei/d technology/g", "Huawei Technologies", "LTD"},
		{"jsc concern", "Joint-Stock Company Concern Almaz-Antey", "concern/g almaz/d antey/d", "Concern Almaz-Antey", "JSC"},
		{"comma ooo", "GAZPROM KOMPLEKTATSIYA, OOO", "gazprom/d komplektatsiya/d", "GAZPROM KOMPLEKTATSIYA", "LLC"},
		{"initialism dots", "A.T.E. Co", "ate/i company/g", "A.T.E. Co", ""},
		{"initialism spaces", "a t e company", "ate/i company/g", "a t e company", ""},
		{"initialism nitc", "N.I.T.C. International", "nitc/i international/g", "N.I.T.C. International", ""},
		{"ordinal digits", "48th Central Research Institute", "48/n central/d research/g institute/g", "48th Central Research Institute", ""},
		{"ordinal words", "First National Bank", "1/n national/g bank/g", "First National Bank", ""},
		{"premier is a word", "Premier Trading", "premier/d trading/g", "Premier Trading", ""},
		{"letter after an organization word", "Group A", "group/g a/i", "Group A", ""},
		{"numbers", "140 Repair Plant", "140/n repair/d factory/g", "140 Repair Plant", ""},
		{"ampersand", "O'Brien & Sons Ltd", "obrien/d and/g sons/d", "O'Brien & Sons", "LTD"},
		{"plus", "Smith+Jones", "smith/d and/g jones/d", "Smith+Jones", ""},
		{"leading the", "The Boeing Company", "boeing/d company/g", "Boeing Company", ""},
		{"the alone", "The", "the/g", "The", ""},
		{"sa de cv", "Grupo Foo S.A. de C.V.", "group/g foo/d", "Grupo Foo", "SA"},
		{"s de rl de cv", "Bar, S. de R.L. de C.V.", "bar/d", "Bar", "SRL"},
		{"sp z oo", "Baz Sp. z o.o.", "baz/d", "Baz", "LLC"},
		{"gmbh co kg", "Müller GmbH & Co. KG", "muller/d", "Müller", "KG"},
		{"edge ab start", "AB Volvo", "volvo/d", "Volvo", "AB"},
		{"edge ab alone kept", "AB", "ab/d", "AB", ""},
		{"edge ag middle kept", "Foo AG Bar", "foo/d ag/d bar/d", "Foo AG Bar", ""},
		{"edge forms repeated", "AO ZAO Foo", "foo/d", "Foo", "JSC CJSC"},
		{"two forms", "Foo LLC OOO", "foo/d", "Foo", "LLC LLC"},
		{"parenthetical legal form", "Foo (Pvt) Ltd", "foo/d", "Foo", "LTD"},
		{"parenthesis kept", "Shenyang Aircraft Corporation (SAC)", "shenyang/q aircraft/d corporation/g sac/d", "Shenyang Aircraft Corporation (SAC)", ""},
		{"isn suffix", "Foo Industries and any successor, sub-unit, or subsidiary thereof", "foo/d industry/g", "Foo Industries", ""},
		{"isn sub-units suffix", "Foo Industries Corporation (FIC) Fourth Academy, and its sub-units and successors", "foo/d industry/g corporation/g fic/d 4/n academy/d", "Foo Industries Corporation (FIC) Fourth Academy", ""},
		{"aka markers removed", "Foo Ltd a.k.a. Bar", "foo/d bar/d", "Foo, Bar", "LTD"},
		{"aka word kept", "AKA Ausfuhrkredit GmbH", "aka/d ausfuhrkredit/d", "AKA Ausfuhrkredit", "GMBH"},
		{"letters not cut into a marker", "A K A A B", "akaab/i", "A K A A B", ""},
		{"letters not cut into a marker after a name", "Foo D B A A B", "foo/d dbaab/i", "Foo D B A A B", ""},
		{"marker joined by a removed form", "Foo Trading Ltd As Bar", "foo/d bar/d", "Foo, Bar", "LTD"},
		{"initialisms kept apart by a removed form", "Foo A LLC B", "foo/d a/i b/i", "Foo A - B", "LLC"},
		{"edge form after a leading the", "The AB Foo", "foo/d", "Foo", "AB"},
		{"edge form after the after a form", "LLC The AB Foo", "foo/d", "Foo", "LLC AB"},
		{"the before a form only", "The LLC", "the/g", "The", "LLC"},
		{"scrambled form after removed letters", "A Co Stock S", "a/i", "A", "JSC"},
		{"subscript minus separates", "A\u208BA", "a/i a/i", "A-A", ""},
		{"small comma separates", "Foo\uFE50Bar", "foo/d bar/d", "Foo, Bar", ""},
		{"quotation mark between words", "Foo\u2E02Bar", "foo/d bar/d", "Foo Bar", ""},
		{"full width", "ＡＢＣ Ｃｏｍｐａｎｙ", "abc/d company/g", "ＡＢＣ Ｃｏｍｐａｎｙ", ""},
		{"ligature", "Ａﬃne Co", "affine/d company/g", "Ａﬃne Co", ""},
		{"sharp s", "Großhandel GmbH", "grosshandel/d", "Großhandel", "GMBH"},
		{"non decomposing", "Øresund Łódź Đakovo Æther Œuvre Þór", "oresund/d lodz/d dakovo/d aether/d oeuvre/d thor/d", "Øresund Łódź Đakovo Æther Œuvre Þór", ""},
		{"dotless i", "Işık Holding", "isik/d holding/g", "Işık Holding", ""},
		{"format chars", "Kas\u00adper\u200bsky\ufeff Lab", "kaspersky/d laboratory/g", "Kaspersky Lab", ""},
		{"dashes", "Almaz\u2013Antey", "almaz/d antey/d", "Almaz-Antey", ""},
		{"a letter read as nothing after a hyphen", "K-عa-s-p-e-r", "k/i asper/i", "K- a-s-p-e-r", ""},
		{"a letter read as nothing before a hyphen", "Ѐع-Ε.Π.Α.", "e/i epa/i", "Ѐ -Ε.Π.Α.", ""},
		{"a letter read as nothing before a hyphen and a form", "Ѐع-Ε.Π.Ε.", "e/i", "Ѐ", "LLC"},
		{"a hyphen between words read from runs", "华为-技术", "huawei/d technology/g", "华为-技术", ""},
		{"a letter and a branch's form joined by an and", "A 株式会社 &S.R.L.اللهＡ", "a/i and/g allah/q a/i", "A - &S.R.L.اللهＡ", "KK SRL"},
		{"no ezafe joined by a hyphen to a removed form", "Ⅻ SRL-եԬ", "xii/d ye/q ԭ/x", "Ⅻ SRL-եԬ", "SRL"},
		{"a marker written with format characters", "Foo a\u200bk\u200ba Bar", "foo/d bar/d", "Foo, Bar", ""},
		{"apostrophes", "Int\u2019l Trading", "international/g trading/g", "Int\u2019l Trading", ""},
		{"decomposed input", "Socie\u0301te\u0301 Ge\u0301ne\u0301rale", "societe/g generale/d", "Société Générale", ""},
		{"cjk suffix", "华为技术有限公司", "huawei/d technology/g", "华为技术", "LTD"},
		{"japanese prefix", "株式会社東芝", "dongzhi/d", "東芝", "KK"},
		{"mixed scripts", "ABC华为", "abc/d huawei/d", "ABC华为", ""},
		{"script not read", "חברת החשמל", "חברת/x החשמל/x", "חברת החשמל", ""},
		{"alnum", "24X7 Services", "24x7/d services/g", "24X7 Services", ""},
		{"cyrillic alnum", "24кс7", "24ks7/d", "24кс7", ""},
		{"arabic", "شركة النفط", "company/g the/g nafat/d", "شركة النفط", ""},
		{"arabic digits", "مصنع ٣", "masan/d 3/n", "مصنع ٣", ""},
		{"quotes dropped", `"Foo" Bar`, "foo/d bar/d", "Foo Bar", ""},
		{"unbalanced parens", "Foo (Bar", "foo/d bar/d", "Foo (Bar)", ""},
		{"soft sign ending a word", "Игорь Сечин", "igor/d sechin/d", "Игорь Сечин", ""},
		{"soft sign before a hyphen", "ООО Нефть-Газ", "oil/d gaz/d", "Нефть-Газ", "LLC"},
		{"soft sign before a removed form", "Сталь Ltd", "stal/d", "Сталь", "LTD"},
		{"hard sign ending the name", "Гъонгъ", "gong/d", "Гъонгъ", ""},
		{"mark ending a word", "q́aq́ Co", "qaq/d company/g", "q́aq́ Co", ""},
		{"arabic vowel mark ending a word", "محمدٌ حسن", "muhammad/d hasan/d", "محمدٌ حسن", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Normalize(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.keys, keys(n))
			assert.Equal(t, tt.display, n.Display)
			assert.Equal(t, tt.forms, classes(n))
			assert.Equal(t, tt.in, n.Input)
		})
	}
}

func TestNormalizeErrors(t *testing.T) {
	tests := []struct {
		name, in string
		err      error
	}{
		{"blank", "   ", ErrEmpty},
		{"empty", "", ErrEmpty},
		{"punctuation", "-- (.) --", ErrEmpty},
		{"legal form only", "Ltd.", ErrEmpty},
		{"legal forms only", "Co., Ltd.", ErrEmpty},
		{"cyrillic legal form only", "ООО", ErrEmpty},
		{"marker only", "a.k.a.", ErrEmpty},
		{"format chars only", "\u200b\ufeff", ErrEmpty},
		{"invalid utf8", "Foo\xff Bar", ErrInvalidUTF8},
		{"truncated rune", "Foo \xd0", ErrInvalidUTF8},
		{"too long", strings.Repeat("a", MaxLen+1), ErrTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Normalize(tt.in)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.err)
			assert.Empty(t, n.Tokens)
			assert.True(t, utf8.ValidString(err.Error()), err.Error())
		})
	}
	t.Run("long invalid input quoted", func(t *testing.T) {
		// The message shows the start of a long input up to 40 bytes (see
		// printable.Quote), its invalid bytes escaped, a character not
		// split, then its length.
		for in, want := range map[string]string{
			"Kaspersky \xff Lab" + strings.Repeat(" x", 40):           `invalid UTF-8: "Kaspersky \xff Lab x x x x x x x x x x x x "… (95 bytes)`,
			"\xff" + strings.Repeat("a", 70):                          `invalid UTF-8: "\xff` + strings.Repeat("a", 39) + `"… (71 bytes)`,
			strings.Repeat("a", 39) + "é" + strings.Repeat("\xff", 3): `invalid UTF-8: "` + strings.Repeat("a", 39) + `"… (44 bytes)`,
		} {
			_, err := Normalize(in)
			require.ErrorIs(t, err, ErrInvalidUTF8)
			assert.Equal(t, want, err.Error())
		}
	})
	t.Run("max length accepted", func(t *testing.T) {
		_, err := Normalize(strings.Repeat("ab ", MaxLen/3))
		assert.NoError(t, err)
	})
}

func TestScripts(t *testing.T) {
	tests := []struct {
		name, in, keys string
	}{
		{"russian", "Лаборатория Касперского", "laboratory kasperskogo"},
		{"russian letters", "Щука Жук Цапля Чай Шар Юла Яма Эхо Ёж Хор Йод объём", "shchuka zhuk tsaplya chay shar yula yama ekho ezh khor yod obem"},
		{"ukrainian", "Укроборонпром Їжак Єнот Ґанок Гірник", "ukroboronprom yizhak yenot ganok hirnyk"},
		{"ukrainian russian g", "Горький", "gorkiy"},
		{"belarusian", "Беларуськалій Ўсход Гродна", "belaruskaliy uskhod grodna"},
		{"kazakh", "Қазақстан Темір Жолы Өскемен Ұлттық Үкімет Әуе Ғарыш Шаңырақ Һ", "qazaqstan temir zholy oskemen ulttyq ukimet aue gharysh shangyraq h"},
		{"bulgarian hard sign", "Петър Лъчезар Кърджали България", "petar lachezar kardzhali balgariya"},
		{"russian hard sign", "Объект Подъезд ОБЪЁМ Петръ", "obekt podezd obem petr"},
		{"serbian", "Београд Ђорђе Љубљана Њиво Ћирило Џеп Јован", "beograd djordje ljubljana njivo cirilo dzep jovan"},
		{"serbian ђ as the lists write it, latin đ as vietnamese reads it", "Ђорђевић ЂУРИЋ Đức", "djordjevic djuric duc"},
		{"uzbek", "Ўзбекистон Гулнора Тошкент Ҳаво Йўллари", "uzbekiston gulnora toshkent havo yullari"},
		{"belarusian short u", "Магілёў Аляксандраўна", "mahileu alyaksandrauna"},
		{"russian yo", "Пётр Фёдоров ЁЛКИН", "petr fedorov elkin"},
		{"greek word-initial digraphs", "Μπακογιάννης Ντόρα Γκίκας ΜΠΑΡΑΚ ΝΤΑΛΙ", "bakogiannis dora gikas barak dali"},
		{"greek digraphs inside words", "Λαμπράκης Πέντε Άγκυρα", "lamprakis pente ankyra"},
		{"macedonian", "Ѓорѓи Ќерка Ѕвезда", "gjorgji kjerka dzvezda"},
		{"greek", "Ελληνικά Πετρέλαια", "ellinika petrelaia"},
		{"greek digraphs", "Ευρώπη Αυτοκίνητο Ουρανός Άγγελος Θεσσαλονίκη Ψυχή Χίος Ξάνθη", "evropi aftokinito ouranos angelos thessaloniki psychi chios xanthi"},
		{"greek av ef", "Ευθύμιος ΕΥΣΤΑΘΙΟΥ Ναυπάκτου Αύγουστος Παύλος Ευάγγελος Ευ", "efthymios efstathiou nafpaktou avgoustos pavlos evangelos ef"},
		{"greek final sigma", "ΟΔΟΣ", "odos"},
		{"armenian", "Հայաստան Երևան Ոսկի Ժողովուրդ", "hayastan yerevan voski zhoghovurd"},
		{"georgian", "საქართველო თბილისი ქუთაისი", "sakartvelo tbilisi kutaisi"},
		{"georgian mtavruli", "ᲡᲐᲥᲐᲠᲗᲕᲔᲚᲝ", "sakartvelo"},
		{"turkish", "Şişecam Çağ Ğ İstanbul", "sisecam cag g istanbul"},
		{"vietnamese", "Tổng Công ty Điện lực", "tong cong ty dien luc"},
		{"romanian", "Țară Șantier", "tara santier"},
		{"icelandic", "Þórður Ðiðrik", "thordur didrik"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Normalize(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.keys, n.Keys())
			for _, tok := range n.Tokens {
				assert.True(t, isASCII(tok.Key), "key %q is not ASCII", tok.Key)
			}
		})
	}
}

func sound(t *testing.T, s string) string {
	t.Helper()
	return string(appendSound(nil, s))
}

func TestSoundEquivalent(t *testing.T) {
	tests := [][]string{
		{"kasperskiy", "kasperskii", "kaspersky", "kasperski", "kasperskij", "kasperskyi", "kasperskogo", "kasperskaya"},
		{"zhukov", "jukov"},
		{"okhrana", "ohrana"},
		{"tsentral", "tzentral", "central", "kentral"},
		{"yury", "iurii", "yurii", "yuriy"},
		{"yakov", "iakov"},
		{"yekaterina", "ekaterina"},
		{"dmitriev", "dmitryev", "dmitrev"},
		{"alexeev", "alekseev", "alekseyev"},
		{"kuck", "kuk", "kukk"},
		{"scientific", "skientifik"},
		{"24x7", "24ks7"},
		{"philips", "filips"},
		{"walter", "valter"},
		{"shipyard", "shipiard"},
		{"distillery", "distilleri"},
		{"cyprus", "ciprus", "kiprus"},
		{"company", "compani", "kompany"},
		{"smirnoff", "smirnov"},
		{"shchukin", "schukin", "shukin"},
		{"dzhamil", "jamil", "djamil"},
		{"qasim", "kasim"},
		{"hammer", "hamer"},
		{"eurobank", "evrobank"},
		{"voronezh", "voronezhskiy", "voronezhskogo", "voronezhskaya"},
		{"chelyabinsk", "chelyabinskiy", "chelyabinskoe"},
		{"samara", "samarskiy"},
		{"surgutneftegas", "surgutneftegaz"},
		{"europeyskiy", "evropeyskiy", "evropeyskaya"},
	}
	for _, group := range tests {
		t.Run(group[0], func(t *testing.T) {
			want := sound(t, group[0])
			for _, w := range group[1:] {
				assert.Equal(t, want, sound(t, w), "%s vs %s", group[0], w)
			}
		})
	}
}

func TestSoundDifferent(t *testing.T) {
	tests := [][2]string{
		{"kaspersky", "kasparov"},
		{"petrov", "petrova"},
		{"ivanov", "ivanova"},
		{"gold", "cold"},
		{"almaz", "almas"},
		{"iran", "iraq"},
		{"bank", "bang"},
		{"dan", "tan"},
		{"mira", "mir"},
		{"sever", "seven"},
		{"lena", "lina"},
		{"sokol", "sokil"},
		{"hong", "kong"},
		{"rosneft", "rostec"},
		{"berg", "perg"},
		{"vostok", "fostok"},
		{"omsk", "omski"},
		{"revro", "reuro"},       // evro- only at the start
		{"kasper", "kasperskiy"}, // no place
		{"gazel", "gasel"},       // gaz only at the end
	}
	for _, tt := range tests {
		t.Run(tt[0]+"-"+tt[1], func(t *testing.T) {
			assert.NotEqual(t, sound(t, tt[0]), sound(t, tt[1]))
		})
	}
}

func TestSoundThroughNormalize(t *testing.T) {
	// Naive Cyrillic spellings of English words meet the English.
	a, err := Normalize("Кентрал Скиентифик Ресеарч Институте")
	require.NoError(t, err)
	b, err := Normalize("Central Scientific Research Institute")
	require.NoError(t, err)
	require.Len(t, a.Tokens, len(b.Tokens))
	for i := range a.Tokens {
		assert.Equal(t, b.Tokens[i].Sound, a.Tokens[i].Sound, "token %d", i)
	}
	// Equal Sound, equal token list, for other romanizations.
	for _, pair := range [][2]string{
		{"ООО Касперский", "OOO Kasperskiy"},
		{"Kaspersky Lab", "Лаборатория Касперского"},
		{"Okhrana Tsentr", "Ohrana Centr"},
	} {
		x, err := Normalize(pair[0])
		require.NoError(t, err)
		y, err := Normalize(pair[1])
		require.NoError(t, err)
		assert.ElementsMatch(t, sounds(x), sounds(y), "%s vs %s", pair[0], pair[1])
	}
}

func sounds(n Name) []string {
	var s []string
	for _, t := range n.Tokens {
		s = append(s, t.Sound)
	}
	return s
}

func TestTokenSoundFields(t *testing.T) {
	n, err := Normalize("Kaspersky 140 ไทย A.T.E. Company")
	require.NoError(t, err)
	require.Len(t, n.Tokens, 5)
	assert.Equal(t, Token{Key: "kaspersky", Sound: "kasperski", Kind: Distinctive}, n.Tokens[0])
	assert.Equal(t, Token{Key: "140", Kind: Number}, n.Tokens[1])
	assert.Equal(t, Token{Key: "ไทย", Kind: NonLatin}, n.Tokens[2])
	assert.Equal(t, Token{Key: "ate", Sound: "ate", Kind: Initialism}, n.Tokens[3])
	assert.Equal(t, Token{Key: "company", Sound: "kompani", Kind: Generic}, n.Tokens[4])
}

func TestGenericWords(t *testing.T) {
	tests := []struct {
		key   string
		words []string
	}{
		{"company", []string{"Company", "Co", "Co.", "Companies"}},
		{"corporation", []string{"Corporation", "Corp", "Corp."}},
		{"international", []string{"International", "Intl", "Int'l"}},
		{"technology", []string{"Technology", "Technologies", "Tech"}},
		{"laboratory", []string{"Laboratory", "Laboratories", "Lab", "Labs", "Лаборатория"}},
		{"industry", []string{"Industries", "Ind", "Industry"}},
		{"engineering", []string{"Engineering", "Eng"}},
		{"manufacturing", []string{"Manufacturing", "Mfg"}},
		{"group", []string{"Group", "Grp", "Группа"}},
		{"holding", []string{"Holding", "Holdings"}},
		{"research", []string{"Research", "Res"}},
		{"institute", []string{"Institute", "Inst", "Институт"}},
		{"university", []string{"University", "Univ", "Университет"}},
		{"import", []string{"Import", "Imp"}},
		{"export", []string{"Export", "Exp"}},
		{"trading", []string{"Trading", "Trade", "Trdg"}},
		{"services", []string{"Services", "Svcs"}},
		{"national", []string{"National", "Natl"}},
		{"bank", []string{"Bank", "Banco", "Banque"}},
		{"bancorp", []string{"Bancorp", "Bancshares", "Bankshares"}}, // a bank's holding company, which is not the bank
		{"society", []string{"Society", "Jami'a", "Jamiyat"}},
		{"brigade", []string{"Brigade", "Brigades", "Saraya", "Kataib"}},
		{"battalion", []string{"Battalion", "Katibat"}},
		{"militia", []string{"Militia"}},
		{"and", []string{"and", "&", "+"}},
		{"of", []string{"of", "de", "del"}},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			for _, w := range tt.words {
				n, err := Normalize("Zorba " + w + " Qux")
				require.NoError(t, err, w)
				require.Len(t, n.Tokens, 3, w)
				assert.Equal(t, Token{Key: tt.key, Sound: soundString(tt.key), Kind: Generic}, n.Tokens[1], w)
			}
		})
	}
}

// TestOneWordNameKept checks that the one word of a name stays a
// distinctive word when it only sounds like an organization word or
// misspells one, while a word the tables write so is the organization
// word alone too, and the same sound read so beside other words.
func TestOneWordNameKept(t *testing.T) {
	tests := []struct {
		name string
		want []Token
	}{
		{"Cenntro Inc.", []Token{{Key: "cenntro", Sound: "kentro", Kind: Distinctive}}},
		{"Centre", []Token{{Key: "center", Sound: "kenter", Kind: Generic}}},
		{"LLC Centro", []Token{{Key: "center", Sound: "kenter", Kind: Generic}}},
		{"Zorba Cenntro", []Token{{Key: "zorba", Sound: "zorba", Kind: Distinctive}, {Key: "center", Sound: "kenter", Kind: Generic}}},
	}
	for _, tt := range tests {
		n, err := Normalize(tt.name)
		require.NoError(t, err, tt.name)
		assert.Equal(t, tt.want, n.Tokens, tt.name)
	}
}

// TestPhrases checks that a run of organization words that a Russian
// abbreviation stands for folds to it, in English and in Russian, with an
// "and" between its words or none, while a run cut short keeps its words.
func TestPhrases(t *testing.T) {
	tests := []struct {
		key   string
		names []string
	}{
		{"npp", []string{"NPP Zorba", "Scientific-Production Enterprise Zorba", "Research and Production Enterprise Zorba",
			"Nauchno-Proizvodstvennoe Predpriyatie Zorba", "Научно-производственное предприятие Zorba"}},
		{"npo", []string{"NPO Zorba", "Research Production Association Zorba", "Scientific and Production Association Zorba",
			"Nauchno-Proizvodstvennoe Obyedinenie Zorba"}},
		{"nii", []string{"NII Zorba", "Scientific Research Institute Zorba", "Nauchno-Issledovatelskiy Institut Zorba"}},
		{"po", []string{"PO Zorba", "Production Association Zorba", "Proizvodstvennoe Obyedinenie Zorba"}},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			for _, name := range tt.names {
				n, err := Normalize(name)
				require.NoError(t, err, name)
				assert.Equal(t, tt.key+" zorba", n.Keys(), name)
				assert.Equal(t, Generic, n.Tokens[0].Kind, name)
			}
		})
	}
	n, err := Normalize("Scientific Production Zorba")
	require.NoError(t, err)
	assert.Equal(t, "scientific production zorba", n.Keys(), "a run cut short")
	n, err = Normalize("Zorba Scientific Research Institute of Physics")
	require.NoError(t, err)
	assert.Equal(t, "zorba nii of physics", n.Keys(), "a run inside a name")
}

func TestKindString(t *testing.T) {
	assert.Equal(t, "distinctive", Distinctive.String())
	assert.Equal(t, "generic", Generic.String())
	assert.Equal(t, "number", Number.String())
	assert.Equal(t, "initialism", Initialism.String())
	assert.Equal(t, "nonlatin", NonLatin.String())
	assert.Equal(t, "kind(9)", Kind(9).String())
}

// TestPlacesTable checks that every row of the places tables normalizes,
// so that none is left out of the table unnoticed, and that each row is
// recognized as a place when it stands in parentheses.
func TestPlacesTable(t *testing.T) {
	for _, p := range append(slices.Clone(countryNames), otherPlaces...) {
		n, err := Normalize(p)
		if assert.NoError(t, err, p) {
			assert.True(t, places.get()[n.Keys()], p)
		}
		assert.False(t, nameLike(p), "%q is a place, not a name", p)
	}
}

func TestVariants(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // Keys() of each variant, in order
	}{
		{"plain", "Kaspersky Lab", []string{"kaspersky laboratory"}},
		{"parenthetical", "China Electronics Technology Group Corporation No. 13 Research Institute (CETC 13)", []string{
			"china electronics technology group corporation number 13 research institute cetc 13",
			"china electronics technology group corporation number 13 research institute",
			"cetc 13",
		}},
		{"number parenthetical", "711 Aircraft Repair Plant (711 ARZ)", []string{
			"711 aircraft repair factory 711 arz", "711 aircraft repair factory", "711 arz",
		}},
		{"place parenthetical", "Huawei Device Co., Ltd. (Hong Kong)", []string{
			"huawei device hong kong", "huawei device",
		}},
		{"country parenthetical", "Huawei Technologies (New Zealand) Company Limited", []string{
			"huawei technology new zealand", "huawei technology",
		}},
		{"country in another name", "Telecom (Côte d'Ivoire)", []string{"telecom cote divoire", "telecom"}},
		{"legal form parenthetical", "Foo (Pvt.) Ltd.", []string{"foo"}},
		{"description parenthetical", "Nuclear Plant (including power plants)", []string{
			"nuclear factory including power factory", "nuclear factory",
		}},
		{"aka", "Foo Trading LLC a.k.a. Bar Industries", []string{
			"foo trading bar industry", "foo trading", "bar industry",
		}},
		{"fka and dba", "Alpha Ltd f.k.a. Beta Ltd d/b/a Gamma", []string{
			"alpha beta gamma", "alpha", "beta", "gamma",
		}},
		{"aka in parens", "Alpha Corp (a.k.a. Beta Corp)", []string{
			"alpha corporation beta corporation", "alpha corporation", "beta corporation",
		}},
		{"leading the in part", "Foo a.k.a. The Bar", []string{"foo the bar", "foo", "bar"}},
		// Any bracket the words read as a parenthesis is one here too.
		{"braces", "Alpha Corp {Beta Gamma}", []string{"alpha corporation beta gamma", "alpha corporation", "beta gamma"}},
		{"full-width brackets", "Alpha Corp ［Beta Gamma］", []string{"alpha corporation beta gamma", "alpha corporation", "beta gamma"}},
		{"lenticular brackets", "Alpha Corp【Beta Gamma】", []string{"alpha corporation beta gamma", "alpha corporation", "beta gamma"}},
		{"small parentheses", "Alpha Corp ﹙Beta Gamma﹚", []string{"alpha corporation beta gamma", "alpha corporation", "beta gamma"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, err := Variants(tt.in)
			require.NoError(t, err)
			var got []string
			for _, v := range vs {
				got = append(got, v.Keys())
			}
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.in, vs[0].Input)
		})
	}
	t.Run("errors", func(t *testing.T) {
		_, err := Variants("Ltd.")
		assert.ErrorIs(t, err, ErrEmpty)
		_, err = Variants("\xff")
		assert.ErrorIs(t, err, ErrInvalidUTF8)
	})
}

func TestNormalizeIntoReuse(t *testing.T) {
	var n Name
	require.NoError(t, NormalizeInto(&n, "AO Kaspersky Lab"))
	assert.Equal(t, "kaspersky laboratory", n.Keys())
	require.NoError(t, NormalizeInto(&n, "Huawei"))
	assert.Equal(t, "huawei", n.Keys())
	assert.Empty(t, n.LegalForms)
	err := NormalizeInto(&n, "Ltd")
	assert.ErrorIs(t, err, ErrEmpty)
	assert.Empty(t, n.Tokens)
	assert.Equal(t, "Ltd", n.Input)
}

// TestVariantsIntoReuse normalizes names in turn into one slice: each
// result equals Variants', whatever the names before left in the slice
// (but for empty slices that are not nil).
func TestVariantsIntoReuse(t *testing.T) {
	names := []string{
		"Alpha Ltd f.k.a. Beta Ltd d/b/a Gamma",
		"Kaspersky Lab",
		"China Electronics Technology Group Corporation No. 13 Research Institute (CETC 13)",
		"Ltd.",
		"Foo a.k.a. The Bar",
		"重庆长城汽车股份有限公司",
		"Huawei Device Co., Ltd. (Hong Kong)",
		"عبد الرزاق محمد حسن التكريتي",
		"Mahan Air",
	}
	var dst []Name
	for _, person := range []bool{false, true} {
		for _, s := range names {
			variants, into := Variants, VariantsInto
			if person {
				variants, into = PersonVariants, PersonVariantsInto
			}
			want, wantErr := variants(s)
			got, err := into(dst, s)
			assert.Equal(t, wantErr, err, s)
			if err == nil {
				dst = got
			}
			got = slices.Clone(got)
			for i := range got {
				if len(got[i].LegalForms) == 0 {
					got[i].LegalForms = nil
				}
			}
			assert.Equal(t, want, got, s)
		}
	}
}

func TestAllocations(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("allocation counts differ under coverage and the race detector")
	}
	var n Name
	require.NoError(t, NormalizeInto(&n, "zeta group llc")) // warm the pool and dst
	tests := []struct {
		name, in string
		max      float64
	}{
		{"plain ascii needs no rewriting", "zeta group llc", 0},
		{"ascii with capitals", "Zeta Group LLC", 1},
		{"accented", "Société Générale S.A.", 1},
		{"cyrillic", "ООО Лаборатория Касперского", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := testing.AllocsPerRun(100, func() {
				if err := NormalizeInto(&n, tt.in); err != nil {
					t.Fatal(err)
				}
			})
			assert.LessOrEqual(t, got, tt.max)
		})
	}
	t.Run("variants into a slice used before", func(t *testing.T) {
		dst, err := VariantsInto(nil, "zeta group llc")
		require.NoError(t, err)
		got := testing.AllocsPerRun(100, func() {
			if dst, err = VariantsInto(dst, "zeta group llc"); err != nil {
				t.Fatal(err)
			}
		})
		assert.LessOrEqual(t, got, 0.0)
	})
	t.Run("normalize allocates only its result", func(t *testing.T) {
		got := testing.AllocsPerRun(100, func() {
			if _, err := Normalize("zeta group"); err != nil {
				t.Fatal(err)
			}
		})
		assert.LessOrEqual(t, got, 1.0) // the token slice
	})
}

func TestConcurrent(t *testing.T) {
	names := []string{"AO Kaspersky Lab", "ООО «Лаборатория Касперского»", "Huawei Technologies Co., Ltd.", "Ελληνικά Πετρέλαια Α.Ε."}
	want := make([]string, len(names))
	for i, s := range names {
		n, err := Normalize(s)
		require.NoError(t, err)
		want[i] = keys(n) + "|" + n.Display
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 200; k++ {
				i := (g + k) % len(names)
				n, err := Normalize(names[i])
				if err != nil || keys(n)+"|"+n.Display != want[i] {
					errs <- errors.New("mismatch for " + names[i])
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}
}

func TestConnector(t *testing.T) {
	for _, k := range []string{"and", "of", "the", "for", "in", "at", "on", "to", "with", "by", "number"} {
		assert.True(t, Connector(k), k)
	}
	for _, k := range []string{"company", "group", "corporation", "kaspersky", "no", "de", ""} {
		assert.False(t, Connector(k), "%q: an organization word, another word, or not a key", k)
	}
	n, err := Normalize("Bank of the No. 5 Holding & Co")
	require.NoError(t, err)
	var got []string
	for _, tk := range n.Tokens {
		if tk.Kind == Generic && Connector(tk.Key) {
			got = append(got, tk.Key)
		}
	}
	assert.Equal(t, []string{"of", "the", "number", "and"}, got)
}

func TestMisspelledGeneric(t *testing.T) {
	tests := []struct{ in, word, key string }{
		{"coepanies", "companies", "company"}, // substitution
		{"iunvest", "invest", "investment"},   // insertion
		{"tradng", "trading", "trading"},      // deletion
		{"holdnig", "holding", "holding"},     // swap of neighbours
		{"intrenational", "international", "international"},
		{"laboratorie", "laboratories", "laboratory"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			w, k, ok := MisspelledGeneric(tt.in)
			require.True(t, ok)
			assert.Equal(t, tt.word, w)
			assert.Equal(t, tt.key, k)
		})
	}
	for _, in := range []string{
		"company",    // not misspelled
		"kaspersky",  // no organization word near
		"grop",       // too short to correct
		"compnaiies", // two edits
		"",
	} {
		_, _, ok := MisspelledGeneric(in)
		assert.False(t, ok, in)
	}
	// Every word it can return is an organization word of the generic table.
	for _, ws := range generics.get().misspelled {
		for _, w := range ws {
			g := generics.get().byKey[w]
			assert.False(t, g.distinctive || g.connector, "%q reads as %q, not an organization word", w, g.key)
		}
	}
}

// TestActivity checks which organization words say what a company does.
func TestActivity(t *testing.T) {
	for key, want := range map[string]bool{
		"bank": true, "shipping": true, "electronics": true, "trading": true,
		"company": false, "group": false, "holding": false, "international": false,
		"society": false, "po": false, "brigade": true, "battalion": true, "militia": true,
		"of": false, "communications": false, "kaspersky": false,
	} {
		assert.Equal(t, want, Activity(key), key)
	}
}

// TestSpellings checks that the words folding to an organization word's or
// a folded word's key are its spellings, and that other keys have none.
func TestSpellings(t *testing.T) {
	assert.Contains(t, Spellings("trading"), "comercializadora")
	assert.Contains(t, Spellings("trading"), "trading")
	assert.Contains(t, Spellings("agricultural"), "agricola")
	for _, k := range []string{"of", "kaspersky", "comercializadora", ""} {
		assert.Nil(t, Spellings(k), "%q: a connector, another word, or not a key", k)
	}
}

// TestHasParens checks hasParens against the brackets the words read as
// parentheses, ASCII and others, and bytes that only resemble them.
func TestHasParens(t *testing.T) {
	for _, s := range []string{
		"", "Acme", "Acme (HK)", "Acme [HK]", "Acme)", "Acme ]", "华为（深圳）", "华为（", "华为）",
		"ＡＣＭＥ", "\xef\xbc", "x\xef\xbc\x87", "Ölbau", "Société Générale", "Acme {HK}", "Acme ［HK］",
		"华为【深圳】", "Acme 〔HK〕", "Acme ﹙HK﹚", "Acme ⁽HK⁾", "Acme «HK»", "Acme <HK>",
	} {
		want := strings.ContainsAny(s, "()[]{}（）［］【】〔〕﹙﹚⁽⁾")
		assert.Equal(t, want, hasParens(s), "%q", s)
	}
}

// TestTokenHyphen checks that a token joined by a single hyphen to the
// next one says so, and no other.
func TestTokenHyphen(t *testing.T) {
	for in, want := range map[string][]bool{
		"Zorvant-Kelmira OAO":  {true, false},
		"Zorvant Kelmira":      {false, false},
		"Zorvant - Kelmira":    {false, false},
		"Zorvant-Kelmira-Dust": {true, true, false},
	} {
		n, err := Normalize(in)
		require.NoError(t, err)
		var got []bool
		for _, tok := range n.Tokens {
			got = append(got, tok.Hyphen)
		}
		assert.Equal(t, want, got, in)
	}
}

func TestFoldLatin(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"CELIK", "celik", true},
		{"ÇELIK", "celik", true},
		{"C\u0327ELIK", "celik", true},
		{"ŁUKASZ", "lukasz", true},
		{"Æ", "ae", true},
		{"ß", "ss", true},
		{"", "", false},
		{"A1", "", false},
		{"A B", "", false},
		{"O'NEIL", "", false},
		{"Ж", "", false},
		{"\xff", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := FoldLatin(tt.in)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestDigitsOfScripts checks that the decimal digits of every script read
// as ASCII digits, in a name and by Digit: a number written in Bengali,
// Gurmukhi, Tamil or Khmer digits is the same Number token as in ASCII.
func TestDigitsOfScripts(t *testing.T) {
	tests := []struct {
		name, in string
	}{
		{"arabic-indic", "Plant ١٢٣"},
		{"persian", "Plant ۱۲۳"},
		{"devanagari", "Plant १२३"},
		{"bengali", "Plant ১২৩"},
		{"gurmukhi", "Plant ੧੨੩"},
		{"gujarati", "Plant ૧૨૩"},
		{"oriya", "Plant ୧୨୩"},
		{"tamil", "Plant ௧௨௩"},
		{"telugu", "Plant ౧౨౩"},
		{"kannada", "Plant ೧೨೩"},
		{"malayalam", "Plant ൧൨൩"},
		{"sinhala", "Plant ෧෨෩"},
		{"thai", "Plant ๑๒๓"},
		{"lao", "Plant ໑໒໓"},
		{"tibetan", "Plant ༡༢༣"},
		{"myanmar", "Plant ၁၂၃"},
		{"khmer", "Plant ១២៣"},
		{"mongolian", "Plant ᠑᠒᠓"},
		{"full-width", "Plant １２３"},
		{"mathematical", "Plant 𝟏𝟐𝟑"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Normalize(tt.in)
			require.NoError(t, err)
			assert.Equal(t, "factory/g 123/n", keys(n))
		})
	}
	t.Run("every decimal digit", func(t *testing.T) {
		// Unicode encodes each script's decimal digits in order, zero
		// first, in runs of ten: the run a digit stands in gives its value.
		check := func(lo, hi, stride rune) {
			require.Equal(t, rune(1), stride)
			require.Zero(t, (hi-lo+1)%10, "%U-%U", lo, hi)
			for r := lo; r <= hi; r++ {
				d, ok := Digit(r)
				assert.True(t, ok, "%U", r)
				assert.Equal(t, byte('0'+(r-lo)%10), d, "%U", r)
			}
		}
		for _, rg := range unicode.Nd.R16 {
			check(rune(rg.Lo), rune(rg.Hi), rune(rg.Stride))
		}
		for _, rg := range unicode.Nd.R32 {
			check(rune(rg.Lo), rune(rg.Hi), rune(rg.Stride))
		}
		d, ok := Digit('²')
		assert.True(t, ok)
		assert.Equal(t, byte('2'), d)
		_, ok = Digit('a')
		assert.False(t, ok)
		_, ok = Digit('Ⅻ')
		assert.False(t, ok)
	})
}
