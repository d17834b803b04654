package normalize

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestResultsOutliveWorkingMemory: the names Normalize and Variants return
// are the caller's to keep. Their strings must not view the pooled working
// memory (see unsafeString), which the next normalization, on this
// goroutine or another, overwrites: names of every script and path
// (transliterated, read from Chinese, Korean and Arabic, lookalike
// letters, glued legal forms, typos) are kept while the same and other
// names are normalized many times on several goroutines, and must read as
// they did. Run it with -race.
func TestResultsOutliveWorkingMemory(t *testing.T) {
	names := []string{
		"AO Kaspersky Lab", "ООО «Лаборатория Касперского»", "Huawei Technologies Co., Ltd.",
		"华为技术有限公司", "海康威视数字技术股份有限公司", "삼성전자 주식회사", "株式会社東芝",
		"شركة مطمئن للتجارة", "عبد الله محمد الحسن", "مؤسسة الإمام الخميني",
		"Ελληνικά Πετρέλαια Α.Ε.", "КAСПЕРСКИЙ LAB", "Kaspersky Lab GmbH & Co. KG",
		"RosoboronexportOOO", "Intrenational Tradng Coepanies", "The Bank of No. 5 Holding",
		"ODK-Saturn PJSC", "Zhōngguó Hángkōng Gōngyè Jítuán", "Nguyễn Văn Đức",
	}
	render := func(ns []Name) string { return fmt.Sprintf("%+v", ns) }
	kept := make([][]Name, len(names))
	want := make([]string, len(names))
	for i, s := range names {
		n, err := Normalize(s)
		require.NoError(t, err, s)
		vs, err := Variants(s)
		require.NoError(t, err, s)
		kept[i] = append([]Name{n}, vs...)
		want[i] = render(kept[i])
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			var n Name
			for k := range 100 {
				s := names[(g+k)%len(names)]
				_ = NormalizeInto(&n, s)
				_, _ = Variants(s)
			}
		})
	}
	wg.Wait()
	for i := range names {
		assert.Equal(t, want[i], render(kept[i]), "%q, kept while others were normalized", names[i])
	}
}
