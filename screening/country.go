package screening

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"
)

// countryAliases are English names of countries that vendor files write
// and the CLDR names (see countryNames) do not give, with their codes.
var countryAliases = map[string]string{
	"usa": "US", "us": "US", "united states of america": "US", "america": "US",
	"uk": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
	"russian federation": "RU", "korea": "KR", "republic of korea": "KR", "dprk": "KP",
	"democratic peoples republic of korea": "KP", "peoples republic of china": "CN", "prc": "CN",
	"hong kong": "HK", "macau": "MO", "macao": "MO", "czech republic": "CZ", "ivory coast": "CI",
	"burma": "MM", "macedonia": "MK", "holland": "NL", "the netherlands": "NL", "palestine": "PS",
	"democratic republic of the congo": "CD", "drc": "CD", "republic of the congo": "CG",
	"uae": "AE", "emirates": "AE", "turkiye": "TR", "vatican": "VA", "holy see": "VA",
	"islamic republic of iran": "IR", "syrian arab republic": "SY", "viet nam": "VN",
	"lao pdr": "LA", "republic of china": "TW", "swaziland": "SZ", "cape verde": "CV", "east timor": "TL",
}

// countryNames maps country names, keyed by countryKey, to ISO 3166-1
// alpha-2 codes: the English names of the Unicode CLDR (by
// golang.org/x/text), their parts before and inside a parenthesis
// ("Myanmar (Burma)"), and countryAliases.
var countryNames = sync.OnceValue(func() map[string]string {
	names := map[string]string{}
	add := func(name, code string) {
		if k := countryKey(name); k != "" {
			if _, ok := names[k]; !ok {
				names[k] = code
			}
		}
	}
	for a := byte('A'); a <= 'Z'; a++ {
		for b := byte('A'); b <= 'Z'; b++ {
			code := string([]byte{a, b})
			r, err := language.ParseRegion(code)
			// Codes of no country, withdrawn codes ("BU" for Burma), and
			// exceptional reservations such as "UK" (ISO3 "ZZZ") give no
			// name: the country's own code does.
			if err != nil || !r.IsCountry() || r.String() != code || r.Canonicalize() != r || r.ISO3() == "ZZZ" {
				continue
			}
			name := display.English.Regions().Name(r)
			add(name, code)
			if i := strings.IndexByte(name, '('); i > 0 {
				add(name[:i], code)
				add(strings.TrimSuffix(name[i+1:], ")"), code)
			}
			add(strings.TrimSuffix(name, " SAR China"), code)
		}
	}
	for k, code := range countryAliases {
		add(k, code)
	}
	return names
})

// countryKey returns name folded for lookup: lower case, accents removed,
// letters only, one space between words.
func countryKey(name string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'', r == '’', r == '.':
			// accents, and the apostrophes and dots inside words
		case unicode.IsLetter(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// ParseCountry returns the ISO 3166-1 alpha-2 code, in upper case, of the
// country c names, written as vendor files write it: an alpha-2 code
// ("de"; "UK" is GB), an alpha-3 code ("DEU"), or an English name
// ("Germany", "United States of America", "Côte d'Ivoire"), in any case
// with any surrounding space; empty stays empty. Anything else is an error
// wrapping ErrInvalidCountry. Screen reads Query.Country with it.
func ParseCountry(c string) (string, error) {
	if strings.TrimSpace(c) == "" {
		return "", nil
	}
	code, ok := countryCode(c)
	if !ok {
		return "", fmt.Errorf("%q: %w", c, ErrInvalidCountry)
	}
	return code, nil
}

// countryCode returns the ISO 3166-1 alpha-2 code c names: two letters as
// they are (in upper case; "UK" is GB), an alpha-3 code of a country, or a country's
// English name (see countryNames), in any case. ok is false for anything
// else.
func countryCode(c string) (code string, ok bool) {
	c = strings.TrimSpace(c)
	switch {
	case len(c) == 2 && isLetter(c[0]) && isLetter(c[1]):
		if code, ok := countryAliases[strings.ToLower(c)]; ok {
			return code, true // "UK", which ISO reserves for GB
		}
		return strings.ToUpper(c), true
	case len(c) == 3 && isLetter(c[0]) && isLetter(c[1]) && isLetter(c[2]):
		if r, err := language.ParseRegion(c); err == nil && r.IsCountry() && r.ISO3() == strings.ToUpper(c) {
			return r.String(), true
		}
	}
	code, ok = countryNames()[countryKey(c)]
	return code, ok
}
