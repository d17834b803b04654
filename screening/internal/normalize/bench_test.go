package normalize

import "testing"

var benchNames = []struct{ name, in string }{
	{"ascii", "Kaspersky Labs Limited"},
	{"ascii-long", "China Electronics Technology Group Corporation No. 13 Research Institute"},
	{"accented", "Société Générale de Télécommunications S.A."},
	{"cyrillic", "ООО «Лаборатория Касперского»"},
	{"mixed", "Huawei Technologies Co., Ltd. (华为技术有限公司)"},
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
