package screening

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/cslfixture"
)

func TestWrittenInCapitals(t *testing.T) {
	tests := []struct {
		name, text, key string
		want            bool
	}{
		{"ASCII", "CETC Group", "cetc", true},
		{"ASCII, not in capitals", "Cetc Group", "cetc", false},
		{"the whole name in capitals", "CETC GROUP", "cetc", false},
		{"after digits", "CETC38 Group", "cetc", true},
		{"ASCII inside a longer word", "ECETC Group", "cetc", false},
		{"cedilla", "ÇELIK, Ahmet", "celik", true},
		{"cedilla, decomposed", "C\u0327ELIK, Ahmet", "celik", true},
		{"stroke", "ŁUKASZ Trading", "lukasz", true},
		{"ligature", "ÆRO Shipping", "aero", true},
		{"accented, not in capitals", "Çelik, Ahmet", "celik", false},
		{"accented, a lower-case letter", "ÇELİk, Ahmet", "celik", false},
		{"inside a longer word", "ÉCETC Group", "cetc", false},
		{"next to a word of another script", "CETCкомпания Group", "cetc", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, writtenInCapitals(tt.text, tt.key))
		})
	}
}

// TestPreparedLikeASCIIForms checks that a query written with a full-width
// or small comma, or with capitals of Latin letters outside ASCII, is
// prepared as its ASCII form is: the surname before the comma has its
// role, the word in capitals is read as written in capitals.
func TestPreparedLikeASCIIForms(t *testing.T) {
	l, err := entitylist.ReadCSV(strings.NewReader(cslfixture.Full("_id,source,type,name\n"+
		"1,SDN,Individual,\"SMITH, John\"\n"+
		"2,SDN,Individual,\"CELIK, Ahmet\"\n"+
		"3,SDN,Entity,Corvina Estrada Lombardi Ibarra Korsakov\n"+
		"4,SDN,Entity,Lazarev Umberto Kessler Aldana Sorokin Zhukov\n")), "forms")
	require.NoError(t, err)
	s, err := New(l)
	require.NoError(t, err)
	prepare := func(q Query) []qvariant {
		p := &prepared{}
		require.NoError(t, s.ix.prepare(q, p))
		for i := range p.variants {
			p.variants[i].name.Input, p.variants[i].name.Display = "", ""
		}
		return p.variants
	}
	tests := []struct {
		name, query, ascii string
		check              func(t *testing.T, vs []qvariant)
	}{
		{"full-width comma", "SMITH\uFF0CJohn", "SMITH, John", func(t *testing.T, vs []qvariant) { assert.True(t, vs[0].person) }},
		{"full-width comma and space", "SMITH\uFF0C John", "SMITH, John", func(t *testing.T, vs []qvariant) { assert.True(t, vs[0].person) }},
		{"small comma", "SMITH\uFE50 John", "SMITH, John", func(t *testing.T, vs []qvariant) { assert.True(t, vs[0].person) }},
		{"cedilla in capitals", "ÇELIK, Ahmet", "CELIK, Ahmet", func(t *testing.T, vs []qvariant) {
			require.NotZero(t, vs[0].toks[0].initials)
			assert.True(t, vs[0].toks[0].caps)
		}},
		{"stroke in capitals", "ŁUKASZ Trading", "LUKASZ Trading", func(t *testing.T, vs []qvariant) {
			require.NotZero(t, vs[0].toks[0].initials)
			assert.True(t, vs[0].toks[0].caps)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, kind := range []entitylist.EntityType{entitylist.TypeUnknown, entitylist.TypeIndividual} {
				want := prepare(Query{Name: tt.ascii, Kind: kind})
				got := prepare(Query{Name: tt.query, Kind: kind})
				assert.Equal(t, want, got, "kind %v", kind)
				tt.check(t, want)
				tt.check(t, got)
			}
		})
	}
}
