// Package country turns the country names and codes that screening lists
// and vendor files write into ISO 3166-1 alpha-2 codes: the English names
// of the Unicode CLDR (by golang.org/x/text), the spellings of the official
// lists (OFAC's "Korea, North", the UN's "Iran (Islamic Republic of)") and
// of vendor files ("USA", "Holland"), and alpha-3 codes. Package entitylist
// reads list data with it, package screening the country of a query.
package country

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"
)

// spellings are names of countries that the CLDR English names do not
// give, with their codes: those of the official lists and those vendor
// files write. Only names with a single, certain code are listed.
var spellings = map[string]string{
	// OFAC
	"Bahamas, The": "BS", "Gambia, The": "GM", "The Gambia": "GM", "Burma": "MM",
	"Korea, North": "KP", "Korea, South": "KR", "Congo, Democratic Republic of the": "CD",
	"Congo, Republic of the": "CG", "Cote d Ivoire": "CI", "Man, Isle of": "IM",
	"Virgin Islands, British": "VG", "Virgin Islands, U.S.": "VI",
	"North Macedonia, The Republic of": "MK", "Macedonia, The Former Yugoslav Republic of": "MK",
	"Palestinian": "PS", "West Bank": "PS", "Gaza": "PS", "Gaza Strip": "PS", "Kosovo": "XK",
	"Micronesia, Federated States of": "FM", "Saint Martin (French part)": "MF",
	"Sint Maarten (Dutch part)": "SX", "Timor-Leste": "TL", "Vatican City": "VA",
	"Czech Republic": "CZ", "Swaziland": "SZ", "Cape Verde": "CV", "Cabo Verde": "CV", "Laos": "LA",
	"Brunei": "BN", "Macau": "MO", "Hong Kong": "HK", "Russia": "RU", "Syria": "SY",
	"Iran": "IR", "Vietnam": "VN", "Moldova": "MD", "Tanzania": "TZ", "Bolivia": "BO",
	"Venezuela": "VE", "Taiwan": "TW", "United States": "US", "United Kingdom": "GB",
	"Saint Kitts and Nevis": "KN", "Saint Vincent and the Grenadines": "VC", "Saint Lucia": "LC",
	"Saint Helena": "SH", "Saint Pierre and Miquelon": "PM", "Saint Barthelemy": "BL",
	// UN
	"Democratic People's Republic of Korea": "KP", "Republic of Korea": "KR",
	"United Kingdom of Great Britain and Northern Ireland": "GB",
	"United Republic of Tanzania":                          "TZ", "United States of America": "US",
	"Russian Federation": "RU", "Syrian Arab Republic": "SY", "State of Palestine": "PS",
	"Viet Nam": "VN", "Türkiye": "TR", "Congo": "CG",
	"Democratic Republic of the Congo": "CD", "British Virgin Islands": "VG",
	"China, Hong Kong Special Administrative Region": "HK",
	"China, Macao Special Administrative Region":     "MO",
	"Lao People's Democratic Republic":               "LA", "Republic of Moldova": "MD",
	"Côte d'Ivoire": "CI", "Ivory Coast": "CI",
	// Vendor files
	"USA": "US", "US": "US", "America": "US",
	"UK": "GB", "Great Britain": "GB", "Britain": "GB", "England": "GB", "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB",
	"Korea": "KR", "DPRK": "KP", "Peoples Republic of China": "CN", "PRC": "CN",
	"Macao": "MO", "Macedonia": "MK", "Holland": "NL", "The Netherlands": "NL", "Palestine": "PS",
	"DRC": "CD", "UAE": "AE", "Emirates": "AE", "Vatican": "VA", "Holy See": "VA",
	"Islamic Republic of Iran": "IR", "Lao PDR": "LA", "Republic of China": "TW", "East Timor": "TL",
}

// names maps country names, keyed by Key, to codes: the CLDR English
// names, their parts before and inside a parenthesis ("Myanmar (Burma)"),
// and spellings.
var names = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	add := func(name, code string) {
		if k := Key(name); k != "" {
			if _, ok := m[k]; !ok {
				m[k] = code
			}
		}
	}
	for name, code := range spellings {
		add(name, code)
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
	return m
})

// Key returns name folded for lookup: lower case, accents, apostrophes and
// dots removed, "&" as "and", letters only, one space between words.
func Key(name string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'', r == '’', r == '.':
			// accents, and the apostrophes and dots inside words
		case r == '&': // CLDR's "Bosnia & Herzegovina"
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString("and")
			space = true
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

// ByName returns the code of the country name names, in any case and
// spacing; a name with a parenthesis is looked up whole, then without it
// ("Bolivia (Plurinational State of)"). ok is false for a name it does not
// know.
func ByName(name string) (code string, ok bool) {
	m := names()
	if code, ok = m[Key(name)]; ok {
		return code, true
	}
	if i := strings.IndexByte(name, '('); i > 0 {
		code, ok = m[Key(name[:i])]
	}
	return code, ok
}

// Alpha3 returns the alpha-2 code of the alpha-3 code of a country, such as
// "CHN", in any case; ok is false for anything else.
func Alpha3(code string) (string, bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if len(code) != 3 {
		return "", false
	}
	for i := range 3 {
		if code[i] < 'A' || code[i] > 'Z' {
			return "", false
		}
	}
	r, err := language.ParseRegion(code)
	if err != nil || !r.IsCountry() || r.ISO3() != code {
		return "", false
	}
	return r.String(), true
}
