package normalize_test

import (
	"fmt"

	"github.com/entityscreen/entityscreen/screening/internal/normalize"
)

func ExampleNormalize() {
	n, err := normalize.Normalize("ООО «Лаборатория Касперского»")
	if err != nil {
		panic(err)
	}
	fmt.Println(n.Display)
	for _, t := range n.Tokens {
		fmt.Println(t.Kind, t.Key, t.Sound)
	}
	for _, f := range n.LegalForms {
		fmt.Println(f.Class, f.Text)
	}
	// Output:
	// Лаборатория Касперского
	// generic laboratory laboratori
	// distinctive kasperskogo kasperski
	// LLC ООО
}

func ExampleVariants() {
	vs, err := normalize.Variants("China Electronics Technology Group Corporation No. 13 Research Institute (CETC 13)")
	if err != nil {
		panic(err)
	}
	for _, v := range vs {
		fmt.Println(v.Keys())
	}
	// Output:
	// china electronics technology group corporation number 13 research institute cetc 13
	// china electronics technology group corporation number 13 research institute
	// cetc 13
}

func ExampleNormalizeInto() {
	var n normalize.Name // reused across calls
	for _, s := range []string{"AO Kaspersky Lab", "Kaspersky Labs Limited"} {
		if err := normalize.NormalizeInto(&n, s); err != nil {
			panic(err)
		}
		fmt.Printf("%s | %s | %s\n", n.Keys(), n.Display, n.LegalForms[0].Class)
	}
	// Output:
	// kaspersky laboratory | Kaspersky Lab | JSC
	// kaspersky laboratory | Kaspersky Labs | LTD
}

func ExampleReading() {
	for _, s := range []string{"华为技术有限公司", "Huawei Technologies Co., Ltd.", "株式会社日立製作所", "محمد"} {
		n, err := normalize.Normalize(s)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s | %s | %v\n", n.Keys(), n.Display, n.Read.Notes())
	}
	// Output:
	// huawei technology | 华为技术 | [Chinese characters read as Mandarin pinyin]
	// huawei technology | Huawei Technologies | []
	// rili factory | 日立製作所 | [Japanese kanji read as Chinese characters (Mandarin pinyin): no Japanese reading at hand]
	// muhammad | محمد | [Arabic-script letters read with the unwritten vowels guessed]
}
