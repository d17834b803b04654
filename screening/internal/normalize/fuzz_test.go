package normalize

import (
	"errors"
	"testing"
	"unicode/utf8"
)

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"AO Kaspersky Lab", "ООО «Лаборатория Касперского»", "Huawei Technologies Co., Ltd. (华为技术有限公司)",
		"A.T.E. Co", "Foo (Bar Ltd) Baz", "Foo a.k.a. Bar (f.k.a. Baz)", "Ελληνικά Πετρέλαια Α.Ε.", "Հայաստան",
		"საქართველო", "Socie\u0301te\u0301", "x\u200by", "AB", "SA SA", "The The", "48th", "S. de R.L. de C.V.", "( ) ,",
		"P&P S.A.", "A LLC & B", "A & GmbH B", "L and M Co",
		"海光信息技术有限公司", "華為技術(深圳)有限公司", "中国电子科技集团公司第十三研究所", "ソニーグループ株式会社", "ｿﾆｰｸﾞﾙｰﾌﾟ",
		"삼성전자 주식회사", "عبد الله حسن التكريتي", "نجیب‌الله آخوند زاده", "ﻻ ﷲ", "华为LLC技术", "عبد LLC الله",
		"ب․الله", "عبد . الله", "㈱トヨタ㍿ ㊤ ㈜", "Kas\u3164pe\u115frsky ㅤ", "ԉ'Ԛ0A", "LabԚаб", "aбᏦ", "AA(AB e(0", "ԚаЀ", "A0AaLLC LLC A0", "AЅʻЬ", "A LLC 0 A0AaA$A 00A", "ЅʅʻЬԧ", "Ѕ'Ȼ", "acaa\u0603a",
		"Μπακογιάννης Ν\u200bΤ aΓκ Μ-Π", "Ђорђе Đ", "Ўзбекистон", "АТ (株) ㈜ ΕΠΕ, (주)", "Plant ੧੨",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Normalize(s)
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrInvalidUTF8) && !errors.Is(err, ErrTooLong) {
				t.Fatalf("unexpected error %v", err)
			}
			if utf8.ValidString(s) && len(s) <= MaxLen && !errors.Is(err, ErrEmpty) {
				t.Fatalf("valid input %q: %v", s, err)
			}
			return
		}
		if len(n.Tokens) == 0 {
			t.Fatalf("%q: no tokens without an error", s)
		}
		if !utf8.ValidString(n.Display) {
			t.Fatalf("%q: invalid Display %q", s, n.Display)
		}
		for _, tk := range n.Tokens {
			if tk.Key == "" || !utf8.ValidString(tk.Key) || !utf8.ValidString(tk.Sound) {
				t.Fatalf("%q: bad token %+v", s, tk)
			}
			if (tk.Kind == Number || tk.Kind == NonLatin) != (tk.Sound == "") {
				t.Fatalf("%q: token %+v: Sound must be empty exactly for Number and NonLatin", s, tk)
			}
		}
		for _, lf := range n.LegalForms {
			if lf.Class == "" || !utf8.ValidString(lf.Text) {
				t.Fatalf("%q: bad legal form %+v", s, lf)
			}
		}
		// Idempotent: the Display normalizes to the same tokens.
		m, err := Normalize(n.Display)
		if err != nil {
			t.Fatalf("%q: Display %q: %v", s, n.Display, err)
		}
		if !sameTokens(n.Tokens, m.Tokens) {
			t.Fatalf("%q: Display %q gives %q, want %q", s, n.Display, m.Keys(), n.Keys())
		}
		if _, err := Variants(s); err != nil {
			t.Fatalf("%q: Variants: %v", s, err)
		}
	})
}
