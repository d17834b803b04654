package normalize

import (
	"strings"
	"testing"
)

var benchNames = []struct{ name, in string }{
	{"ascii", "Kaspersky Labs Limited"},
	{"ascii-long", "China Electronics Technology Group Corporation No. 13 Research Institute"},
	{"accented", "Société Générale de Télécommunications S.A."},
	{"cyrillic", "ООО «Лаборатория Касперского»"},
	{"mixed", "Huawei Technologies Co., Ltd. (华为技术有限公司)"},
	{"han", "杭州海康威视数字技术股份有限公司"},
	{"han-traditional", "台灣積體電路製造股份有限公司"},
	{"kana", "ソニーグループ株式会社"},
	{"hangul", "삼성전자 주식회사"},
	{"arabic", "عبد الرزاق محمد حسن التكريتي"},
}

func BenchmarkNormalize(b *testing.B) {
	for _, c := range benchNames {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Normalize(c.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkNormalizeInto(b *testing.B) {
	for _, c := range append(benchNames[:len(benchNames):len(benchNames)],
		struct{ name, in string }{"ascii-plain", "zeta group llc"}) {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			var n Name
			for b.Loop() {
				if err := NormalizeInto(&n, c.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkVariants(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Variants("Huawei Technologies Co., Ltd. (Huawei) a.k.a. Huawei Tech"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVariantsScripts measures Variants of names with alternative
// readings: a character of several readings, Chinese words that
// translate, the spelling styles of an Arabic name, an Arabic-script
// organization's name read in English too.
func BenchmarkVariantsScripts(b *testing.B) {
	for _, c := range []struct{ name, in string }{
		{"han", "重庆长城汽车股份有限公司"},
		{"han-translated", "中国移动通信集团有限公司"},
		{"arabic", "عبد الرزاق محمد حسن التكريتي"},
		{"arabic-translated", "الدولة الإسلامية في العراق والشام"},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Variants(c.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNormalizeManyForms measures names of MaxLen bytes made of legal
// forms and the words between them: each stage should cost in proportion
// to the words, not to the words times the forms.
func BenchmarkNormalizeManyForms(b *testing.B) {
	for _, c := range []struct{ name, unit string }{
		{"strong", "x LLC "},        // a form after every word
		{"branches", "The LLC x "},  // a form and a word that may be a branch
		{"letters", "S A "},         // letters that end a dotted form
		{"edge", "AB "},             // short forms removed at the ends of the name
		{"plain", "Kaspersky Lab "}, // no form, for comparison
	} {
		in := strings.Repeat(c.unit, MaxLen/len(c.unit))
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Normalize(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
