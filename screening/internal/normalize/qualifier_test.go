package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQualifiers(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"country added", "Hikvision Europe B.V.", "hikvision/d europe/q"},
		{"local name folds", "Huawei Technologies Deutschland GmbH", "huawei/d technology/g germany/q"},
		{"adjective folds", "Huawei German Branch", "huawei/d germany/q branch/g"},
		{"two-word place", "Sovcombank Leasing Hong Kong Limited", "sovcombank/d leasing/d hong/q kong/q"},
		{"city and region", "Immuron (Asia Pacific) Pte Ltd", "immuron/d asia/q pacific/q"},
		{"business qualifier", "Acme Global Holdings", "acme/d global/q holding/g"},
		{"a place-only name keeps its places", "Bank of Moscow", "bank/g of/g moscow/d"},
		{"places and organization words only", "Hong Kong Electronics", "hong/d kong/d electronics/g"},
		{"not folded when it names the party", "Deutsche Bank", "deutsche/d bank/g"},
		{"initialism place", "Caeit U.S.A. Technologies LLC", "caeit/d usa/q technology/g"},
		{"form remains before places", "Cambios Palmilla de C V Japan K.K.", "cambios/d palmilla/d of/g cv/g japan/q"},
		{"a form before places", "Twelfth Ocean KG Germany GmbH", "12/n ocean/d kg/g germany/q"},
		{"letters that are no form stay", "Maesai K D P Iberia", "maesai/d kdp/i spain/q"},
		{"a region", "Fulmen-Americas", "fulmen/d americas/q"},
		{"the first of several places names the party", "32 Group China France Branch", "32/n group/g china/d france/q branch/g"},
		{"a branch after a form", "Zorvel Cargo Ltd.-Kanto", "zorvel/d cargo/d kanto/q"},
		{"two words after a form", "Velmira DOO Trosk-Miravec", "velmira/d trosk/q miravec/q"},
		{"more words after a form are a name", "Velmira DOO Trosk Miravec Kalto", "velmira/d trosk/d miravec/d kalto/d"},
		{"a branch after a form after such a name", "Velmira DOO Trosk Miravec Kalto Ltd Bor", "velmira/d trosk/d miravec/d kalto/d bor/q"},
		{"a form leading the name", "OOO Velmira Trosk", "velmira/d trosk/d"},
		{"a form of several words", "Velmira Joint Stock Company Trosk", "velmira/d trosk/d"},
		{"a form in another part", "Velmira, Ltd. Trosk", "velmira/d trosk/d"},
		{"nothing else left", "Ltd. Trosk", "trosk/d"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, err := Normalize(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, keys(n))
		})
	}
}

func TestQualifierWord(t *testing.T) {
	for key, want := range map[string]bool{
		"china": true, "germany": true, "europe": true, "global": true, "moscow": true,
		"chinese": true,  // not folded to "china" in a name it names
		"hong":    false, // a word of a place of two words
		"telecom": false, "zortel": false,
	} {
		assert.Equal(t, want, QualifierWord(key), key)
	}
}

// The Display of a name whose form after a word of the name is a piece of
// a glued word and more forms shows them all: without the others, it would
// hold a form of one word, after which the next words name a branch.
func TestFormRunShown(t *testing.T) {
	for in, display := range map[string]string{
		"VelmiraLLC LLC Trosk":  "VelmiraLLC LLC Trosk",
		"Velmira Ltd GmbHTrosk": "Velmira Ltd GmbHTrosk", // the glued piece first
		"Velmira LLC Ltd Trosk": "Velmira Trosk",
	} {
		n, err := Normalize(in)
		require.NoError(t, err)
		assert.Equal(t, display, n.Display, in)
		m, err := Normalize(n.Display)
		require.NoError(t, err)
		assert.Equal(t, keys(n), keys(m), "%q: Display %q", in, n.Display)
	}
}
