package entitylist

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"
)

// The country names of the official lists, turned into ISO 3166-1 alpha-2
// codes. OFAC writes English short names in its own style ("Korea, North",
// "Burma", "Man, Isle of"), the UN the names of its member states
// ("Iran (Islamic Republic of)", "Türkiye"), SAM alpha-3 codes ("CHN").
// The file is named for OFAC, whose spellings need most of the table; the
// UN and SAM readers use it too.

// officialCountryNames are the spellings of the official lists that the
// English names of the Unicode CLDR (see countryNames) do not give, with
// their codes. Only names with a single, certain code are listed.
var officialCountryNames = map[string]string{
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
	"Viet Nam": "VN", "Türkiye": "TR", "Turkiye": "TR", "Congo": "CG",
	"Democratic Republic of the Congo": "CD", "British Virgin Islands": "VG",
	"China, Hong Kong Special Administrative Region": "HK",
	"China, Macao Special Administrative Region":     "MO",
	"Lao People's Democratic Republic":               "LA", "Republic of Moldova": "MD",
	"Côte d'Ivoire": "CI", "Cote d'Ivoire": "CI", "Ivory Coast": "CI",
}

// notCountries are the place names of the lists that name no country of
// today, or no single one: they are kept as text, with no code and no
// warning.
var notCountries = map[string]bool{
	"undetermined": true, "netherlands antilles": true, "former soviet union": true,
	"soviet union": true, "ussr": true, "yugoslavia": true, "na": true, "n a": true,
}

// countryNames maps country names, keyed by countryKey, to ISO 3166-1
// alpha-2 codes: the English names of the Unicode CLDR (by
// golang.org/x/text), their parts before and inside a parenthesis
// ("Myanmar (Burma)"), and officialCountryNames.
var countryNames = sync.OnceValue(func() map[string]string {
	names := map[string]string{}
	add := func(name, code string) {
		if k := countryKey(name); k != "" {
			if _, ok := names[k]; !ok {
				names[k] = code
			}
		}
	}
	for k, code := range officialCountryNames {
		add(k, code)
	}
	for a := byte('A'); a <= 'Z'; a++ {
		for b := byte('A'); b <= 'Z'; b++ {
			code := string([]byte{a, b})
			r, err := language.ParseRegion(code)
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
	return names
})

// countryKey returns name folded for lookup: lower case, accents removed,
// letters only, "&" as "and", one space between words.
func countryKey(name string) string {
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
	key := countryKey(name)
	if notCountries[key] {
		return "", countryNone
	}
	names := countryNames()
	if code, ok := names[key]; ok {
		return code, countryFound
	}
	if i := strings.IndexByte(name, '('); i > 0 {
		if code, ok := names[countryKey(name[:i])]; ok {
			return code, countryFound
		}
	}
	if region {
		return "", countryNone
	}
	return "", countryUnknown
}

// alpha3Country returns the ISO 3166-1 alpha-2 code of an alpha-3 country
// code such as "CHN", in any case; ok is false for anything else.
func alpha3Country(code string) (string, bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if len(code) != 3 {
		return "", false
	}
	for i := 0; i < 3; i++ {
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
