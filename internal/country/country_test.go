package country

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestByName(t *testing.T) {
	for name, want := range map[string]string{
		"Germany": "DE", "germany": "DE", "  Côte d'Ivoire ": "CI", "Cote d'Ivoire": "CI",
		"Korea, North": "KP", "Korea, South": "KR", "Korea": "KR", "Bosnia and Herzegovina": "BA",
		"Bosnia & Herzegovina": "BA", "Myanmar": "MM", "Burma": "MM", "Iran (Islamic Republic of)": "IR",
		"Russian Federation": "RU", "USA": "US", "UK": "GB", "Türkiye": "TR", "Turkiye": "TR",
		"Hong Kong": "HK", "China, Hong Kong Special Administrative Region": "HK",
	} {
		got, ok := ByName(name)
		assert.True(t, ok, name)
		assert.Equal(t, want, got, name)
	}
	for _, name := range []string{"", "Atlantis", "Crimea", "Soviet Union"} {
		_, ok := ByName(name)
		assert.False(t, ok, name)
	}
}

func TestAlpha3(t *testing.T) {
	for in, want := range map[string]string{"CHN": "CN", "deu": "DE", " RUS ": "RU", "GBR": "GB"} {
		got, ok := Alpha3(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "CN", "ZZZ", "C1N", "ABCD", "XXX"} {
		_, ok := Alpha3(in)
		assert.False(t, ok, in)
	}
}

func TestKey(t *testing.T) {
	assert.Equal(t, "cote divoire", Key("Côte d'Ivoire"))
	assert.Equal(t, "bosnia and herzegovina", Key("Bosnia & Herzegovina"))
	assert.Equal(t, "korea north", Key("Korea, North"))
	assert.Equal(t, "us", Key("U.S."))
}
