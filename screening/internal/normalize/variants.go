package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Variants normalizes a list name and the names it contains. The result
// holds, in this order and without duplicates (by tokens):
//
//  1. the whole name, parenthetical words inline and markers removed;
//  2. each part of a name split at "a.k.a.", "f.k.a.", "d/b/a", "formerly"
//     and the like;
//  3. for the whole name and each part with a parenthetical: the text
//     without its parentheticals, then each parenthetical alone when it is
//     name-like ("(CETC 13)", "(711 ARZ)"), not a place ("(Hong Kong)"), a
//     legal form ("(Pvt)") or a description ("(including power plants)").
//
// Each of them is followed by its alternative readings, when it has
// words of scripts read into Latin letters that read in more than one way:
// Chinese characters of several readings common in names (重 is zhong or
// chong), each other reading of each such character in turn, up to
// maxAlternatives of them; Chinese words that names translate rather than
// transcribe in English (中国移动 is "China Mobile"); Arabic-script
// names in each other style of spelling (Muhammad, Mohammad, Mohammed,
// Mohamed); and Arabic-script names of organizations with the words that
// names translate in English (جيش المهاجرين is "army emigrants"), once
// for each translation of a word of several.
//
// Each variant's Input is the text it was made from. The error is that of
// the whole name; variants that normalize to nothing are left out. Variants
// is safe for concurrent use.
func Variants(s string) ([]Name, error) { return variants(nil, s, choice{}) }

// PersonVariants is Variants for the name of a person: every variant is
// read without legal forms (see NormalizePerson).
func PersonVariants(s string) ([]Name, error) { return variants(nil, s, choice{person: true}) }

// VariantsInto is Variants, the variants stored in dst[:0]: it reuses the
// backing array of dst and, as NormalizeInto does, the Tokens and
// LegalForms of its elements up to its capacity; the caller must not keep
// those slices from an earlier call. On error it returns nil.
func VariantsInto(dst []Name, s string) ([]Name, error) { return variants(dst, s, choice{}) }

// PersonVariantsInto is PersonVariants, the variants stored in dst[:0] as
// VariantsInto stores them.
func PersonVariantsInto(dst []Name, s string) ([]Name, error) {
	return variants(dst, s, choice{person: true})
}

// variants is VariantsInto, every variant read with the choice base.
func variants(dst []Name, s string, base choice) ([]Name, error) {
	out := dst[:0]
	// next returns the next element of out, with the memory an earlier
	// call left in it; drop takes it back.
	next := func() *Name {
		if len(out) < cap(out) {
			out = out[:len(out)+1]
		} else {
			out = append(out, Name{})
		}
		return &out[len(out)-1]
	}
	drop := func() { out = out[:len(out)-1] }
	// One analysis of the whole name gives its tokens, its alternative
	// readings and its parts between markers.
	var alts alternatives
	var parts []string
	err := normalizeWith(next(), s, base, func(sc *scratch) {
		alts = sc.alternatives()
		parts = sc.markerParts()
	})
	if err != nil {
		return nil, err
	}
	// keep keeps the last element of out unless it has the tokens of
	// another.
	keep := func() {
		n := &out[len(out)-1]
		for _, o := range out[:len(out)-1] {
			if sameTokens(o.Tokens, n.Tokens) {
				drop()
				return
			}
		}
	}
	alternativesOf := func(text string, a alternatives) {
		for _, ch := range a.choices() {
			ch.person = base.person
			if _, err := normalizeChoice(next(), text, ch, false); err != nil {
				drop()
				continue
			}
			keep()
		}
	}
	alternativesOf(s, alts)
	add := func(text string) {
		text = strings.TrimSpace(text)
		if text == "" || text == s {
			return
		}
		a, err := normalizeChoice(next(), text, base, true)
		if err != nil {
			drop()
			return
		}
		keep()
		alternativesOf(text, a)
	}
	if len(parts) > 1 {
		for _, p := range parts {
			add(p)
		}
	}
	bases := parts
	if len(parts) < 2 {
		bases = []string{s}
	}
	for _, b := range bases {
		without, groups := splitParens(b)
		if len(groups) == 0 {
			continue
		}
		add(without)
		for _, g := range groups {
			if nameLike(g) {
				add(g)
			}
		}
	}
	return out, nil
}

// sameTokens reports whether two token lists have the same keys and kinds.
func sameTokens(a, b []Token) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Key != b[i].Key || a[i].Kind != b[i].Kind {
			return false
		}
	}
	return true
}

// markerParts returns the text sc analysed split at its "a.k.a."-style
// markers, or nil when there is none.
func (sc *scratch) markerParts() []string {
	var parts []string
	from := 0
	for i := 0; i < len(sc.words); i++ {
		if sc.words[i].drop != dropMarker {
			continue
		}
		j := i
		for j+1 < len(sc.words) && sc.words[j+1].drop == dropMarker {
			j++
		}
		parts = append(parts, sc.src[from:sc.words[i].ss])
		from = int(sc.words[j].se)
		if from < len(sc.src) && sc.src[from] == '.' {
			from++
		}
		i = j
	}
	if parts == nil {
		return nil
	}
	parts = append(parts, sc.src[from:])
	// Copy out of a possibly pooled NFC string: sc.src is a real string, so
	// the substrings stay valid.
	return parts
}

// splitParens returns s without its top-level parenthetical groups and the
// groups' contents, the groups between any brackets the words read as
// parentheses (see bracketOf). An unclosed group runs to the end of s.
func splitParens(s string) (without string, groups []string) {
	if !hasParens(s) {
		return s, nil
	}
	var b strings.Builder
	depth, start := 0, 0
	for i, r := range s {
		switch bracketOf(r) {
		case '(':
			if depth == 0 {
				start = i + utf8.RuneLen(r)
				b.WriteByte(' ')
			}
			depth++
		case ')':
			if depth == 0 {
				b.WriteByte(' ')
				continue
			}
			depth--
			if depth == 0 {
				groups = append(groups, s[start:i])
			}
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	if depth > 0 {
		groups = append(groups, s[start:])
	}
	return b.String(), groups
}

// hasParens reports whether s holds a bracket the words read as a
// parenthesis (see bracketOf), in one pass over its bytes that decodes
// only the runes beyond ASCII.
func hasParens(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiFold[c] == '(' || asciiFold[c] == ')' {
				return true
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if bracketOf(r) != 0 {
			return true
		}
		i += n - 1
	}
	return false
}

// bracketOf returns '(' for a rune the fold reads as an opening
// parenthesis and ')' for a closing one, as the tokenizer reads them
// ("[", "{", "（", "【", "﹙"), and 0 for any other rune.
func bracketOf(r rune) byte {
	if r < utf8.RuneSelf {
		if b := asciiFold[r]; b == '(' || b == ')' {
			return b
		}
		return 0
	}
	if t, ok := specialFolded(r); ok {
		if t == "(" || t == ")" {
			return t[0]
		}
		return 0
	}
	if !unicode.In(r, unicode.Ps, unicode.Pe) {
		return 0
	}
	var buf [utf8.UTFMax]byte
	d := norm.NFKD.Properties(buf[:utf8.EncodeRune(buf[:], r)]).Decomposition()
	if dr, n := utf8.DecodeRune(d); n > 0 && n == len(d) {
		return bracketOf(dr)
	}
	return 0
}

// nameLike reports whether a parenthetical can stand alone as a name.
func nameLike(g string) bool {
	n, err := Normalize(g)
	if err != nil {
		return false
	}
	// Nothing but legal forms ("(Pvt)", "(JSC)"): not a name.
	if in, err := Normalize("x " + g); err == nil && len(in.Tokens) == 1 && len(in.LegalForms) > 0 {
		return false
	}
	if lead := strings.ToLower(strings.Fields(g + " x")[0]); descriptiveLeads[strings.Trim(lead, ".,:;")] {
		return false
	}
	if places.get()[n.Keys()] {
		return false
	}
	for _, t := range n.Tokens {
		switch t.Kind {
		case Distinctive, Initialism, NonLatin:
			if len(t.Key) > 1 {
				return true
			}
		}
	}
	return false
}

// descriptiveLeads are first words of parentheticals that describe rather
// than name.
var descriptiveLeads = map[string]bool{
	"including": true, "incl": true, "all": true, "a": true, "an": true, "subordinate": true,
	"see": true, "located": true, "formerly": true, "previously": true, "now": true, "part": true,
	"division": true, "subsidiary": true, "successor": true, "branch": true, "affiliate": true,
	"affiliated": true, "operating": true, "publ": true, "also": true, "and": true, "or": true, "in": true, "of": true,
}

// places are parentheticals that name a place or an area of business,
// not the company: the countries and territories (by their English short
// names and common other names), cities that list names often add, words
// like "Offshore", and the qualifiers (see qualifier.go). They are
// compared by their normalized keys.
var places = lazy[map[string]bool]{build: func() map[string]bool {
	m := make(map[string]bool, len(countryNames)+len(otherPlaces)+len(qualifierNames))
	for p := range placeNames() {
		if n, err := Normalize(p); err == nil {
			m[n.Keys()] = true
		}
	}
	return m
}}

// countryNames are the English short names of the countries and
// territories of ISO 3166-1, with common other names.
var countryNames = []string{
	"Abkhazia", "Afghanistan", "Albania", "Algeria", "American Samoa", "Andorra", "Angola", "Anguilla",
	"Antigua and Barbuda", "Argentina", "Armenia", "Aruba", "Australia", "Austria", "Azerbaijan", "Bahamas",
	"Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium", "Belize", "Benin", "Bermuda", "Bhutan",
	"Bolivia", "Bosnia and Herzegovina", "Botswana", "Brazil", "British Virgin Islands", "Brunei", "Bulgaria",
	"Burkina Faso", "Burma", "Burundi", "Cabo Verde", "Cambodia", "Cameroon", "Canada", "Cape Verde",
	"Cayman Islands", "Central African Republic", "Chad", "Chile", "China", "Christmas Island", "Cocos Islands",
	"Colombia", "Comoros", "Congo", "Cook Islands", "Costa Rica", "Crimea", "Croatia", "Cuba", "Curaçao",
	"Cyprus", "Czech Republic", "Czechia", "Côte d'Ivoire", "DR Congo", "Democratic Republic of the Congo",
	"Denmark", "Djibouti", "Dominica", "Dominican Republic", "Ecuador", "Egypt", "El Salvador", "England",
	"Equatorial Guinea", "Eritrea", "Estonia", "Eswatini", "Ethiopia", "Falkland Islands", "Faroe Islands",
	"Fiji", "Finland", "France", "French Guiana", "French Polynesia", "Gabon", "Gambia", "Gaza", "Georgia",
	"Germany", "Ghana", "Gibraltar", "Great Britain", "Greece", "Greenland", "Grenada", "Guadeloupe", "Guam",
	"Guatemala", "Guernsey", "Guinea", "Guinea-Bissau", "Guyana", "Haiti", "Holland", "Honduras", "Hong Kong",
	"Hongkong", "Hungary", "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Isle of Man", "Israel",
	"Italy", "Ivory Coast", "Jamaica", "Japan", "Jersey", "Jordan", "Kazakhstan", "Kenya", "Kiribati", "Kosovo",
	"Kurdistan", "Kuwait", "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Lesotho", "Liberia", "Libya",
	"Liechtenstein", "Lithuania", "Luxembourg", "Macau", "Macedonia", "Madagascar", "Malawi", "Malaysia",
	"Maldives", "Mali", "Malta", "Marshall Islands", "Martinique", "Mauritania", "Mauritius", "Mayotte",
	"Mexico", "Micronesia", "Moldova", "Monaco", "Mongolia", "Montenegro", "Montserrat", "Morocco",
	"Mozambique", "Myanmar", "Namibia", "Nauru", "Nepal", "Netherlands", "New Caledonia", "New Zealand",
	"Nicaragua", "Niger", "Nigeria", "Niue", "Norfolk Island", "North Korea", "North Macedonia",
	"Northern Ireland", "Northern Mariana Islands", "Norway", "Oman", "Pakistan", "Palau", "Palestine",
	"Palestinian Territories", "Panama", "Papua New Guinea", "Paraguay", "Peru", "Philippines",
	"Pitcairn Islands", "Poland", "Portugal", "Puerto Rico", "Qatar", "Republic of Korea",
	"Republic of the Congo", "Romania", "Russia", "Rwanda", "Réunion", "Samoa", "San Marino", "Saudi Arabia",
	"Scotland", "Senegal", "Serbia", "Seychelles", "Sierra Leone", "Singapore", "Sint Maarten", "Slovakia",
	"Slovenia", "Solomon Islands", "Somalia", "South Africa", "South Korea", "South Ossetia", "South Sudan",
	"Spain", "Sri Lanka", "St. Barthélemy", "St. Helena", "St. Kitts and Nevis", "St. Lucia", "St. Martin",
	"St. Pierre and Miquelon", "St. Vincent and Grenadines", "Sudan", "Suriname", "Swaziland", "Sweden",
	"Switzerland", "Syria", "São Tomé and Príncipe", "Taiwan", "Tajikistan", "Tanzania", "Thailand",
	"Timor-Leste", "Togo", "Tokelau", "Tonga", "Trinidad and Tobago", "Tunisia", "Turkey", "Turkiye",
	"Turkmenistan", "Turks and Caicos Islands", "Tuvalu", "U.S. Virgin Islands", "Uganda", "Ukraine",
	"United Arab Emirates", "United Kingdom", "United States", "Uruguay", "Uzbekistan", "Vanuatu", "Vatican",
	"Vatican City", "Venezuela", "Vietnam", "Wales", "Wallis and Futuna", "West Bank", "Western Sahara",
	"Yemen", "Zambia", "Zimbabwe", "Åland Islands",
}

// otherPlaces are places and areas that list names add in parentheses,
// and abbreviations of countries.
var otherPlaces = []string{
	"HK", "UK", "U.K.", "USA", "US", "PRC", "Korea", "Macao", "Russian Federation", "UAE", "Dubai", "DPRK", "Asia", "Europe",
	"Middle East", "America", "Shenzhen", "Beijing", "Shanghai", "Dalian", "Suzhou", "Dongguan",
	"Guangzhou", "Tianjin", "Wuhan", "Chengdu", "Xian", "Nanjing", "Hangzhou", "Harbin", "Lianyungang",
	"Moscow", "St Petersburg", "Saint Petersburg", "Minsk", "Tehran", "Offshore", "Off Shore", "Off-shore",
	"Overseas", "International", "Group", "Holding",
}

// maxAlternatives is the most alternative readings of characters of
// several readings Variants gives for one text.
const maxAlternatives = 4

// choices returns the alternative readings of a name: each other spelling
// style of its Arabic-script names, its English readings, then each other
// reading of each character of several readings, up to maxAlternatives.
func (a alternatives) choices() []choice {
	var out []choice
	for st := uint8(1); st < a.styles; st++ {
		out = append(out, choice{style: st})
	}
	for t := uint8(1); t <= a.translate; t++ {
		out = append(out, choice{translate: t})
	}
	n := 0
	for k, readings := range a.hetero {
		for r := uint8(1); r < readings && n < maxAlternatives; r++ {
			out = append(out, choice{hetero: k + 1, reading: r})
			n++
		}
	}
	return out
}
