package normalize

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLegalFormWords checks the word-by-word recognition of legal-form
// phrases: abbreviated words, overlapping forms, re-spaced letters,
// scrambled phrases, typos in long words, and what must not change.
func TestLegalFormWords(t *testing.T) {
	tests := []struct {
		name, in, keys, forms string
	}{
		{"joint stock co", "Zorbix Joint Stock Co", "zorbix", "JSC"},
		{"closed joint stock co", "Zorbix Closed Joint Stock Co", "zorbix", "CJSC"},
		{"public joint stock co", "Public Joint Stock Co Zorbix", "zorbix", "PJSC"},
		{"open joint stock co", "OPEN JOINT STOCK CO ZORBIX", "zorbix", "OJSC"},
		{"private joint stock company", "Zorbix Private Joint Stock Company", "zorbix", "CJSC"},
		{"ltd liability company", "Zorbix Ltd Liability Company", "zorbix", "LLC"},
		{"ltd. liability co.", "Zorbix Ltd. Liability Co.", "zorbix", "LLC"},
		{"limited liability co", "Zorbix Limited Liability Co", "zorbix", "LLC"},
		{"closed ao", "Closed AO Zorbix", "zorbix", "CJSC"},
		{"public ao", "Public AO Zorbix", "zorbix", "PJSC"},
		{"open ao", "Open Ao Zorbix", "zorbix", "OJSC"},
		{"co before llc", "Zorbix Shipping Co Limited Liability Company", "zorbix shipping company", "LLC"},
		{"co ltd unchanged", "Zorbix Co., Ltd.", "zorbix", "LTD"},
		{"sa s", "Zorbix SA S", "zorbix", "SAS"},
		{"sa s mixed case", "Zorbix Sa S", "zorbix", "SAS"},
		{"s a s", "Zorbix S A S", "zorbix", "SAS"},
		{"sa s u", "Zorbix SA S U", "zorbix", "SAS"},
		{"sa r l", "Zorbix SA R L", "zorbix", "SARL"},
		{"s a r l", "Zorbix S A R L", "zorbix", "SARL"},
		{"l l c after a letter of the name", "Agusta Grand I L L C", "agusta grand i", "LLC"},
		{"s a de c v", "Zorbix S A DE C V", "zorbix", "SA"},
		{"sa de c v", "Zorbix Sa De C V", "zorbix", "SA"},
		{"de c v alone", "Zorbix Holding de C V", "zorbix holding", "SA"},
		{"s a c", "Zorbix S A C", "zorbix", "SA"},
		{"sac is a name", "Shenyang Aircraft Corporation (SAC)", "shenyang aircraft corporation sac", ""},
		{"s a l", "Zorbix SA L", "zorbix", "SA"},
		{"tail s", "Zorbix S", "zorbix", ""},
		{"tail c", "Zorbix Import C", "zorbix import", ""},
		{"tail s u", "Zorbix S U", "zorbix", "SAS"},
		{"tail r l", "Zorbix Trade R L", "zorbix trading", ""},
		{"roman numeral stays", "Zorbix Fund I", "zorbix foundation i", ""},
		{"letter after hyphen stays", "Zorbix-T", "zorbix t", ""},
		{"person initial stays", "QUXLEY, Zorbix A", "quxley zorbix a", ""},
		{"transliterated letter stays", "Зорбикс Һ", "zorbiks h", ""},
		{"scrambled jsc", "COMPANY ZORBIX JOINT STOCK", "zorbix", "JSC"},
		{"scrambled pjsc", "COMPANY ZORBIX BANK PUBLIC JOINT STOCK", "zorbix bank", "PJSC"},
		{"scrambled llc", "LIABILITY COMPANY ZORBIX CAPITAL LIMITED", "zorbix capital", "LLC"},
		{"reversed jsc", "obshchestvo aktsionernoe zorbix zavod", "zorbix factory", "JSC"},
		{"in order with a gap", "Zorbix Closed Type Joint Stock Company", "zorbix", "CJSC"},
		{"longer form in order", "Zorbix S. de R.L. de C.V.", "zorbix", "SRL"},
		{"typo transposition", "Zorbix limited liabiltiy company", "zorbix", "LLC"},
		{"typo insertion", "Zorbix limited liabeility company", "zorbix", "LLC"},
		{"typo in russian", "aktsioneornoe obshchestvo zorbix", "zorbix", "JSC"},
		{"typo deletion", "obshchestvo s ogranchennoi otvetstvennostyu zorbix", "zorbix", "LLC"},
		{"no typo in one-word forms", "Limiter Zorbix", "limiter zorbix", ""},
		{"no typo in short words", "zorbix bank publc joint stock company", "zorbix bank publc", "JSC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Normalize(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.keys, n.Keys())
			assert.Equal(t, tt.forms, classes(n))
		})
	}
}

// TestLeftoverLegalWords checks that words of incomplete legal-form
// phrases are Generic and that ordinary words stay Distinctive.
func TestLeftoverLegalWords(t *testing.T) {
	tests := []struct {
		name, in, kinds string
	}{
		{"joint stock", "Zorbix Joint Stock", "zorbix/d joint/g stock/g"},
		{"liability", "Liability Zorbix", "liability/g zorbix/d"},
		{"public and open", "Zorbix Public Open", "zorbix/d public/g open/g"},
		{"russian words", "Zorbix Obshchestvo Zakrytoe Otkrytoe", "zorbix/d obshchestvo/g zakrytoe/g otkrytoe/g"},
		{"capital stays", "Zorbix Capital", "zorbix/d capital/d"},
		{"state stays", "Zorbix State", "zorbix/d state/d"},
		{"simple stays", "Simple Zorbix", "simple/d zorbix/d"},
		{"short typo stays", "Zorbix Publc", "zorbix/d publc/d"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Normalize(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.kinds, kinds(n))
		})
	}
}

// TestGenericFolds checks vendor-record abbreviations, generic words with
// a typo and ordinals with suffixes written in Cyrillic.
func TestGenericFolds(t *testing.T) {
	tests := []struct {
		name, in, kinds string
	}{
		{"comms", "Zorbix Comms", "zorbix/d communications/d"},
		{"comm", "Zorbix Comm", "zorbix/d communications/d"},
		{"mgmt", "Zorbix Mgmt", "zorbix/d management/d"},
		{"menedzhment", "Zorbix Menedzhment", "zorbix/d management/d"},
		{"electr", "Zorbix Electr", "zorbix/d electronics/g"},
		{"equip svcs assn", "Zorbix Equip Svcs Assn", "zorbix/d equipment/g services/g association/g"},
		{"generic insertion", "Zorbix Proizvodstvenneoe", "zorbix/d production/g"},
		{"generic deletion", "Zorbix Inestments", "zorbix/d investment/g"},
		{"generic substitution is a word", "Zorbix Protection", "zorbix/d protection/d"},
		{"cyrillic th", "5ТХ Зорбикс", "5/n zorbiks/d"},
		{"cyrillic th lower", "48тх Зорбикс", "48/n zorbiks/d"},
		{"cyrillic st", "21СТ Зорбикс", "21/n zorbiks/d"},
		{"latin th", "27th Zorbix", "27/n zorbix/d"},
		{"turkish activity word", "Zorbix Havacilik", "zorbix/d aviation/d"},
		{"russian activity word", "Zorbix Elektromekhanicheskii Zavod", "zorbix/d electromechanical/d factory/g"},
		{"spanish activity word", "Agricola Zorbix", "agricultural/d zorbix/d"},
		{"persian activity word", "Naft Zorbix", "oil/d zorbix/d"},
		{"brothers in spanish", "Zorbix Hermanos", "zorbix/d brothers/g"},
		{"brothers abbreviated", "Zorbix Bros.", "zorbix/d brothers/g"},
		{"turkish foreign trade", "Zorbix Dis Ticaret", "zorbix/d foreign/g trading/g"},
		{"chemicals", "Zorbix Chemicals", "zorbix/d chemical/g"},
		{"a shop", "Zorbix Computer Shop", "zorbix/d computer/d store/g"},
		{"serbian organization words", "Zorbix Preduzece za Proizvodnju, Trgovinu i Usluge",
			"zorbix/d enterprise/g for/g production/g trading/g i/i services/g"},
		{"persian ezafe", "Bank-e Zorbix", "bank/g of/g zorbix/d"},
		{"persian ezafe after a vowel", "Darya-ye Zorbix", "darya/d of/g zorbix/d"},
		{"a letter that ends a name is no ezafe", "Zorbix-E", "zorbix/d e/i"},
		{"persian ezafe written apart", "Bank E Zorbix", "bank/g of/g zorbix/d"},
		{"ye apart is a name", "Wang Ye Ping", "wang/d ye/d ping/d"},
		{"a letter after an initial is no ezafe", "Zorbix A E Kalvesta", "zorbix/d ae/i kalvesta/d"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Normalize(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.kinds, kinds(n))
		})
	}
	// Read as a person's name, "E" is an initial, not the ezafe.
	n, err := NormalizePerson("Zorbix E Kalvesta")
	require.NoError(t, err)
	assert.Equal(t, "zorbix/d e/i kalvesta/d", kinds(n))
}

func TestWithinOneEdit(t *testing.T) {
	tests := []struct {
		a, b         string
		subst, plain bool
	}{
		{"liability", "liability", true, true},
		{"liabiltiy", "liability", true, true},
		{"liabeility", "liability", true, true},
		{"liabiliey", "liability", true, false},
		{"liabily", "liability", false, false},
		{"abc", "abcd", true, true},
		{"acbd", "abcd", true, true},
		{"axbc", "abyc", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.a+"_"+tt.b, func(t *testing.T) {
			assert.Equal(t, tt.subst, withinOneEdit(tt.a, tt.b, true))
			assert.Equal(t, tt.plain, withinOneEdit(tt.a, tt.b, false))
		})
	}
}

func kinds(n Name) string {
	var b strings.Builder
	for i, tk := range n.Tokens {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tk.Key + "/" + tk.Kind.String()[:1])
	}
	return b.String()
}
