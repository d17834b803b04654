package screening

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/entityscreen/entityscreen/internal/country"
	"github.com/entityscreen/entityscreen/internal/printable"
)

// ParseCountry returns the ISO 3166-1 alpha-2 code, in upper case, of the
// country c names, written as vendor files write it: a country's alpha-2
// code ("de"; "UK" is GB; not "XX" or "ZZ", which name none), an alpha-3
// code ("DEU"), or an English name
// ("Germany", "United States of America", "Côte d'Ivoire"), in any case
// with any surrounding space; empty stays empty. Anything else is an error
// wrapping ErrInvalidCountry. Screen reads Query.Country with it.
func ParseCountry(c string) (string, error) {
	if strings.TrimSpace(c) == "" {
		return "", nil
	}
	code, ok := countryCode(c)
	if !ok {
		return "", fmt.Errorf("%s: %w", printable.Quote(c), ErrInvalidCountry)
	}
	return code, nil
}

// countryCode returns the ISO 3166-1 alpha-2 code c names: the code of a
// country (in upper case; "UK" is GB; a former one, "YU", or one for
// general use, "XK", too), an alpha-3 code of a country, or a
// country's name (see package country), in any case. ok is false for
// anything else, text that is not valid UTF-8 included.
func countryCode(c string) (code string, ok bool) {
	c = strings.TrimSpace(c)
	switch {
	case !utf8.ValidString(c):
		return "", false // country.Key would read an invalid byte as a space
	case len(c) == 2 && isLetter(c[0]) && isLetter(c[1]):
		if strings.EqualFold(c, "UK") {
			return "GB", true // which ISO reserves for GB
		}
		// A code of no country ("XX", "ZZ", "EU") would lower every
		// match as of another country: it is refused.
		r, err := language.ParseRegion(c)
		return strings.ToUpper(c), err == nil && r.IsCountry()
	case len(c) == 3:
		if code, ok := country.Alpha3(c); ok {
			return code, true
		}
	}
	return country.ByName(c)
}
