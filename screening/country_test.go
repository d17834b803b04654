package screening

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestCountryCode checks the ways a vendor file writes a country.
func TestCountryCode(t *testing.T) {
	for in, want := range map[string]string{
		"de": "DE", " RU ": "RU", "xk": "XK", "YU": "YU", // a country's code stays as it is, a former one's too
		"DEU": "DE", "usa": "US", "GBR": "GB", "rus": "RU", "CHN": "CN",
		"Germany": "DE", "GERMANY": "DE", "United States": "US", "U.S.A.": "US",
		"United States of America": "US", "United Kingdom": "GB", "UK": "GB",
		"Russia": "RU", "Russian Federation": "RU", "Côte d’Ivoire": "CI", "Cote d'Ivoire": "CI",
		"Ivory Coast": "CI", "Myanmar": "MM", "Burma": "MM", "Hong Kong": "HK",
		"Hong Kong SAR China": "HK", "South Korea": "KR", "North Korea": "KP",
		"Czechia": "CZ", "Czech Republic": "CZ", "Türkiye": "TR", "Turkey": "TR",
		"United Arab Emirates": "AE", "Congo - Kinshasa": "CD",
	} {
		got, ok := countryCode(in)
		if assert.True(t, ok, in) {
			assert.Equal(t, want, got, in)
		}
	}
	// Invalid UTF-8 names no country, wherever it stands: a name with an
	// invalid byte is not read as the name without it.
	for _, in := range []string{"", "X", "ZZZ", "USSR", "Atlantis", "123", "Europe", "D", "Russia\xff", "\xffRussia", "Rus\xffsia", "Germany\xc3", "D\xffE",
		"ZZ", "XX", "EU", "QO", "AA"} { // two letters that are no country's code
		_, ok := countryCode(in)
		assert.False(t, ok, in)
	}
}

// TestIDKey: an identifier is read by its letters and digits in upper
// case, the digits in any script and full-width letters as their ASCII
// ones, so that a number typed on another keyboard meets the list's.
func TestIDKey(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"77-366 409/19", "7736640919"},
		{"ab 12345", "AB12345"},
		{"ＡＢ１２３４５", "AB12345"},
		{"ａｂ-１２３４５", "AB12345"},
		{"٧٧٣٦٦٤٠٩١٩", "7736640919"},
		{"Male", ""},   // no digit
		{"A-12", ""},   // too short
		{"№ 1234", ""}, // too short: "№" is no letter of an identifier
	} {
		if got := idKey(tt.in); got != tt.want {
			t.Errorf("idKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
