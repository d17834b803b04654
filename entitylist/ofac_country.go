package entitylist

import (
	"strings"

	"github.com/entityscreen/entityscreen/internal/country"
)

// The country names of the official lists, turned into ISO 3166-1 alpha-2
// codes by package country. OFAC writes English short names in its own
// style ("Korea, North", "Burma", "Man, Isle of"), the UN the names of its
// member states ("Iran (Islamic Republic of)", "Türkiye"), SAM alpha-3
// codes ("CHN"). The file is named for OFAC; the UN and SAM readers use it
// too.

// notCountries are the place names of the lists that name no country of
// today, or no single one: they are kept as text, with no code and no
// warning.
var notCountries = map[string]bool{
	"undetermined": true, "netherlands antilles": true, "former soviet union": true,
	"soviet union": true, "ussr": true, "yugoslavia": true, "na": true, "n a": true,
}

// countryResult says what lookupCountry made of a place name.
type countryResult uint8

const (
	countryFound   countryResult = iota // a country: the code is set
	countryNone                         // a known name of no single country of today, or empty
	countryUnknown                      // a name the table does not know
)

// lookupCountry returns the ISO 3166-1 alpha-2 code of the country name
// names, as the official lists write it. "Region: X" is the code of X if X
// is a country or territory ("Region: Gaza"), and otherwise no country
// ("Region: Crimea"); a name with a parenthesis is looked up whole, then
// without it ("Bolivia (Plurinational State of)").
func lookupCountry(name string) (string, countryResult) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", countryNone
	}
	region := false
	if rest, ok := strings.CutPrefix(name, "Region:"); ok {
		name, region = strings.TrimSpace(rest), true
	}
	if notCountries[country.Key(name)] {
		return "", countryNone
	}
	if code, ok := country.ByName(name); ok {
		return code, countryFound
	}
	if region {
		return "", countryNone
	}
	return "", countryUnknown
}

// alpha3Country returns the ISO 3166-1 alpha-2 code of an alpha-3 country
// code such as "CHN", in any case; ok is false for anything else.
func alpha3Country(code string) (string, bool) { return country.Alpha3(code) }
