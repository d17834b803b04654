package entitylist

import (
	"strings"

	"github.com/entityscreen/entityscreen/internal/country"
)

// The addresses field: each address parsed into its parts.

// countryByName maps country names that older CSL rows write in place of
// the ISO code to that code. Only names with a single, certain code are
// listed, and none of a city-state (cityStates: "Singapore" is its city
// too) or a territory (territories: read as a state), which are read
// before it.
var countryByName = map[string]string{
	"Afghanistan": "AF", "Armenia": "AM", "Belarus": "BY", "Canada": "CA",
	"China": "CN", "Czech Republic": "CZ", "Cyprus": "CY", "Egypt": "EG",
	"Germany": "DE", "India": "IN", "Iran": "IR",
	"Iraq": "IQ", "Israel": "IL", "Japan": "JP", "Kazakhstan": "KZ",
	"Kyrgyzstan": "KG", "Lebanon": "LB", "Malaysia": "MY", "Netherlands": "NL",
	"North Korea": "KP", "Pakistan": "PK", "People's Republic of China": "CN",
	"Russia": "RU", "Russian Federation": "RU", "Syria": "SY",
	"Taiwan": "TW", "Turkey": "TR", "UAE": "AE", "Ukraine": "UA",
	"United Arab Emirates": "AE", "United Kingdom": "GB", "Uzbekistan": "UZ",
}

// stateSuffixes mark the last part of an address as a state or province.
var stateSuffixes = []string{" Province", " Oblast", " Region", " Prefecture", " State", " Governorate", " Krai"}

// looksLikeState reports whether an address part is a state: a short
// upper-case code such as "TX", or a name ending in a word like "Province".
func looksLikeState(s string) bool {
	if len(s) >= 2 && len(s) <= 3 {
		for i := 0; i < len(s); i++ {
			if s[i] < 'A' || s[i] > 'Z' {
				return false
			}
		}
		return true
	}
	for _, suf := range stateSuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// looksLikePostalCode reports whether an address part is a postal code:
// 3 to 10 characters of digits, upper-case letters, spaces and hyphens, with
// at least one digit.
func looksLikePostalCode(s string) bool {
	if len(s) < 3 || len(s) > 10 {
		return false
	}
	digit := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digit = true
		case c >= 'A' && c <= 'Z', c == ' ', c == '-':
		default:
			return false
		}
	}
	return digit
}

// parseAddresses splits the addresses field on "; " and parses each address
// as "street, city, state, postal code, CC". The CSL drops empty parts, so
// the parts are assigned from the right: a two-letter code is the country,
// a postal-code-like part before it the postal code, then state (only if it
// looks like one), city and street (all remaining parts). The country
// written out before its code is no city ("Yerevan, Armenia, AM"); a
// territory of it (territories: "Gaza Strip, PS", "Hebron, West Bank, PS")
// is the state. Without a code, a last part naming a territory is the
// state and gives the country ("Khan Yunis, Gaza Strip", "Edinburgh,
// Scotland"), one naming a country (countryByName) is the country, and one
// naming a city-state ("Singapore",
// "Kuwait", "Monaco": cityStates) is both the city and the country, as
// "Singapore, SG" is. After a city named after it ("Kuwait City, Kuwait",
// "Panama City, Panama, PA": namedAfter), a city-state's name is the
// country written out, and that city the city. An address in a
// "X; and Y, CC" group without its own country takes the country of the
// address after it.
func parseAddresses(s string) []Address {
	vals := splitValues(s, "; ")
	if vals == nil {
		return nil
	}
	addrs := make([]Address, len(vals))
	for i, v := range vals {
		addrs[i] = parseAddress(v)
	}
	shareGroupCountry(addrs)
	return addrs
}

// shareGroupCountry gives an address of addrs without a country that is
// followed by one of its "X; and Y, CC" group (whose Raw starts with
// "and ") the country of that address.
func shareGroupCountry(addrs []Address) {
	for i := len(addrs) - 2; i >= 0; i-- {
		if addrs[i].Country == "" && strings.HasPrefix(addrs[i+1].Raw, "and ") {
			addrs[i].Country = addrs[i+1].Country
		}
	}
}

// parseAddress parses one address; see parseAddresses.
func parseAddress(raw string) Address {
	a := Address{Raw: raw}
	text := strings.TrimPrefix(raw, "and ")
	var partsBuf [8]string
	parts := partsBuf[:0]
	for p := range strings.SplitSeq(text, ",") {
		if p = collapseSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	n := len(parts)
	if n == 0 {
		return a
	}
	if last := parts[n-1]; isCountryCode(last) {
		a.Country = last
		n--
		// "Yerevan, Armenia, AM": the country written out before its
		// code is no city. "Toluca, Mexico, MX": after a place, a name
		// that is also one of the country's states is that state.
		// "Hebron, West Bank, PS", "Edinburgh, Scotland EH2 1JE, GB": a
		// territory of the country is the state.
		if n >= 1 {
			if postal, ok := countryWrittenOut(parts[n-1], last); ok {
				a.PostalCode = postal
				name := strings.TrimSpace(strings.Replace(parts[n-1], postal, "", 1))
				if territories[country.Key(name)] || n >= 2 && isCountryState(last, parts[n-2]) {
					a.State = name
				}
				n--
			} else if n >= 2 && namedAfter(parts[n-2], parts[n-1]) {
				// "Panama City, Panama, PA": the city-state's name
				// after a city named after it is the country
				// written out.
				if cc, ok := cityStateCode(parts[n-1]); ok && cc == last {
					n--
				}
			}
		}
	} else if cc, ok := cityStateCode(last); ok {
		// "Singapore", "Kuwait": a city-state's name without a code is
		// its city and its country both, as before its code; after a
		// city named after it ("Kuwait City, Kuwait") the country alone.
		a.Country = cc
		if n >= 2 && namedAfter(parts[n-2], last) {
			n--
		}
	} else if cc, ok := territoryCode(last); ok {
		// "Khan Yunis, Gaza Strip", "Edinburgh, Scotland": a territory
		// without a code is the state, and gives the country.
		a.Country, a.State = cc, last
		n--
	} else if cc, ok := countryByName[last]; ok {
		a.Country = cc
		n--
	}
	if n >= 2 && a.PostalCode == "" && looksLikePostalCode(parts[n-1]) {
		a.PostalCode = parts[n-1]
		n--
	}
	switch {
	case n == 1:
		a.City = parts[0]
	case n == 2 && a.State == "" && looksLikeState(parts[1]):
		a.City, a.State = parts[0], parts[1]
	case n == 2:
		a.Street, a.City = parts[0], parts[1]
	case n >= 3:
		if a.State == "" && looksLikeState(parts[n-1]) {
			a.State = parts[n-1]
			n--
		}
		a.City = parts[n-1]
		a.Street = strings.Join(parts[:n-1], ", ")
	}
	return a
}

// cityStates are the names, keyed by country.Key, of countries and
// territories that are also the name of their city ("Singapore, SG",
// "Panama, PA" for Panama City, "Gaza, PS" for Gaza City): written before
// the code they are the city.
var cityStates = map[string]bool{
	"singapore": true, "hong kong": true, "macao": true, "macau": true, "monaco": true,
	"luxembourg": true, "kuwait": true, "djibouti": true, "panama": true, "guatemala": true,
	"gaza": true, "gibraltar": true, "san marino": true, "vatican city": true,
}

// territories are the names, keyed by country.Key, of territories that
// country.ByName reads as their country's code but that name a part of it
// only ("Gaza Strip, PS", "Edinburgh, Scotland, GB"): in an address they
// are its state, not the country written out, with or without the code.
var territories = map[string]bool{
	"gaza strip": true, "west bank": true,
	"england": true, "scotland": true, "wales": true, "northern ireland": true,
}

// territoryCode returns the code of the country of the territory named p
// (territories), and whether it is one.
func territoryCode(p string) (string, bool) {
	if !territories[country.Key(p)] {
		return "", false
	}
	return country.ByName(p)
}

// namedAfter reports whether the address part city is a city named after
// the city-state or territory p: p's name and "City" ("Kuwait City",
// "Panama City", "Gaza City"), or "City of" or "Ciudad de" and p's name
// ("Ciudad de Guatemala"). A part only beginning with p's name ("Kuwait
// Building") is not.
func namedAfter(city, p string) bool {
	c, k := country.Key(city), country.Key(p)
	return k != "" && (c == k+" city" || c == "city of "+k || c == "ciudad de "+k)
}

// cityStateCode returns the code of the city-state named p (cityStates),
// and whether it is one.
func cityStateCode(p string) (string, bool) {
	if !cityStates[country.Key(p)] {
		return "", false
	}
	return country.ByName(p)
}

// statesNamedAsCountry are the countries, by code, one of whose states
// bears the country's name, and which the lists write so after a city
// there: "Toluca, Mexico, MX", "Huixquilucan, Mexico, MX" (the State of
// Mexico, Estado de Mexico). Mexico City is not in it, and is written
// "Mexico City, Distrito Federal" or "Ciudad de Mexico".
var statesNamedAsCountry = map[string]bool{"MX": true}

// isCountryState reports whether the name of the country cc, written out
// before its code after the part before, is the country's state of that
// name (statesNamedAsCountry): unless before names the country itself
// ("Mexico City, Mexico, MX"), where the name is the country written out.
func isCountryState(cc, before string) bool {
	if !statesNamedAsCountry[cc] {
		return false
	}
	for w := range strings.FieldsSeq(before) {
		if code, ok := country.ByName(w); ok && code == cc {
			return false
		}
	}
	return true
}

// countryWrittenOut reports whether the address part p is the name of the
// country with code cc ("Armenia" before "AM"), alone or with a postal code
// before or after it ("China 713801", "Scotland EH2 1JE": two words with a
// digit each), which it returns. A name that is also its country's city
// (cityStates) and a part naming a place inside the country ("China
// (Sichuan) Pilot Free Trade Zone") are not.
func countryWrittenOut(p, cc string) (postal string, ok bool) {
	name := p
	if w := strings.Fields(p); len(w) > 1 {
		last2 := ""
		if len(w) > 2 && strings.ContainsAny(w[len(w)-2], "0123456789") && strings.ContainsAny(w[len(w)-1], "0123456789") {
			last2 = w[len(w)-2] + " " + w[len(w)-1]
		}
		switch {
		case last2 != "" && looksLikePostalCode(last2): // "Scotland EH2 1JE"
			postal, name = last2, strings.Join(w[:len(w)-2], " ")
		case strings.ContainsAny(w[len(w)-1], "0123456789") && looksLikePostalCode(w[len(w)-1]):
			postal, name = w[len(w)-1], strings.Join(w[:len(w)-1], " ")
		case strings.ContainsAny(w[0], "0123456789") && looksLikePostalCode(w[0]):
			postal, name = w[0], strings.Join(w[1:], " ")
		}
	}
	// country.ByName skips digits and reads a name before a parenthesis
	// alone: such a part is more than a country's name.
	if strings.ContainsAny(name, "0123456789()") || cityStates[country.Key(name)] {
		return "", false
	}
	if code, found := country.ByName(name); !found || code != cc {
		return "", false
	}
	return postal, true
}
