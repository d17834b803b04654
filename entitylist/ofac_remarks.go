package entitylist

import (
	"fmt"
	"strings"
)

// The remarks of OFAC's lists: items separated by ";" (mostly "; "), ending with a
// period, such as "DOB 10 Dec 1948; POB Cairo, Egypt; nationality Egypt;
// Passport 1084010 (Egypt); a.k.a. 'ABU ALI'; Linked To: HIZBALLAH." The
// items OFAC writes in a fixed form are parsed into fields; the remarks
// themselves are kept whole in Entry.Remarks, so an item that is not parsed
// is still there for the reviewer.

// remarkFields are the fields parsed from one entry's remarks.
type remarkFields struct {
	datesOfBirth, placesOfBirth []string
	nationalities, citizenships []string
	ids                         []Identification
	weak                        []Alias
	linkedTo                    []string
}

// ofacIDTypes are the identification types OFAC's remarks write before a
// number, as "Type Number (Country) issued Date expires Date"; longer ones
// first where one starts another. The "alt. " before a second value of a
// type is removed before the lookup.
var ofacIDTypes = []string{
	"Aircraft Construction Number (also called L/N or S/N or F/N)",
	"Aircraft Manufacturer's Serial Number (MSN)",
	"Aircraft Manufacture Date", "Aircraft Model", "Aircraft Operator",
	"Previous Aircraft Tail Number", "Aircraft Tail Number",
	"Vessel Registration Identification", "MMSI", "Other Vessel Call Sign", "Other Vessel Flag",
	"Diplomatic Passport", "Passport", "National ID No.", "Identification Number", "Personal ID Card",
	"Cedula No.", "C.U.R.P.", "R.F.C.", "RFC", "NIT #", "RUC #", "RIF #", "C.U.I.T.", "C.U.I.",
	"D.N.I.", "I.F.E.", "RTN", "LE Number", "SSN", "US FEIN", "Tax ID No.",
	"Public Registration Number", "Business Registration Number", "Business Registration Document #",
	"Registration ID", "Registration Number", "UK Company Number", "Company Number",
	"Commercial Registry Number", "Trade License No.", "Government Gazette Number", "Legal Entity Number",
	"Unified Social Credit Code (USCC)", "United Social Credit Code Certificate (USCCC)",
	"Chamber of Commerce Number", "Istanbul Chamber of Comm. No.", "Dubai Chamber of Commerce Membership No.",
	"Central Registration System Number", "Economic Register Number (CBLS)", "Enterprise Number",
	"Branch Unit Number", "Certificate of Incorporation Number", "C.R. No.", "D-U-N-S Number",
	"V.A.T. Number", "SWIFT/BIC", "BIK (RU)", "Folio Mercantil No.", "Matricula Mercantil No",
	"Electoral Registry No.", "Credencial electoral", "Cartilla de Servicio Militar Nacional",
	"Residency Number", "Travel Document Number", "Turkish Identification Number", "Italian Fiscal Code",
	"Numero de Identidad", "Citizen's Card Number", "Birth Certificate Number", "Driver's License No.",
	"Permit Number", "Registered Charity No.", "Equity Ticker", "ISIN",
	"Website", "Email Address", "Email:", "Phone Number", "Telephone No.", "Telephone:", "Telephone",
	"Fax No.", "Fax:", "Fax", "Gender",
}

// ofacIDTypesByByte are the types of ofacIDTypes by their first byte, in
// the same order.
var ofacIDTypesByByte = func() map[byte][]string {
	m := make(map[byte][]string)
	for _, t := range ofacIDTypes {
		m[t[0]] = append(m[t[0]], t)
	}
	return m
}()

// parseRemarks parses the items of remarks; line and field place the
// warnings about unknown country names.
func parseRemarks(remarks string, countries *countryNamer, line int, field string) remarkFields {
	var rf remarkFields
	if remarks == "" {
		return rf
	}
	items := strings.Split(remarks, ";")
	for i, item := range items {
		item = collapseSpace(item)
		if i == len(items)-1 {
			item = trimFinalPeriod(item)
		}
		rf.parseItem(item, countries, line, field)
	}
	return rf
}

// trimFinalPeriod removes the period that ends the remarks, unless it ends
// an abbreviation written with periods ("S.A.S.").
func trimFinalPeriod(s string) string {
	if !strings.HasSuffix(s, ".") {
		return s
	}
	if n := len(s); n >= 3 && s[n-3] == '.' && isAlnum(s[n-2]) {
		return s
	}
	return strings.TrimSpace(s[:len(s)-1])
}

// parseItem parses one item of the remarks into rf.
func (rf *remarkFields) parseItem(item string, countries *countryNamer, line int, field string) {
	body := item
	for _, p := range []string{"alt. ", "Alt. "} {
		body = strings.TrimPrefix(body, p)
	}
	cut := func(prefixes ...string) (string, bool) {
		for _, p := range prefixes {
			if rest, ok := strings.CutPrefix(body, p); ok {
				return strings.TrimSpace(rest), true
			}
		}
		return "", false
	}
	if v, ok := cut("DOB "); ok {
		rf.datesOfBirth = appendNonEmpty(rf.datesOfBirth, normalizeOFACDate(v))
		return
	}
	if v, ok := cut("POB: ", "POB "); ok {
		rf.placesOfBirth = appendNonEmpty(rf.placesOfBirth, v)
		return
	}
	if v, ok := cut("nationality "); ok {
		rf.nationalities = appendNonEmpty(rf.nationalities, countries.codeOrText(v, line, field))
		return
	}
	if v, ok := cut("citizen "); ok {
		rf.citizenships = appendNonEmpty(rf.citizenships, countries.codeOrText(v, line, field))
		return
	}
	if v, ok := cut("Linked To: "); ok {
		rf.linkedTo = appendNonEmpty(rf.linkedTo, v)
		return
	}
	for _, k := range []struct {
		prefix string
		kind   AliasKind
	}{{"a.k.a. ", AlsoKnownAs}, {"f.k.a. ", FormerlyKnownAs}, {"n.k.a. ", NowKnownAs}} {
		if v, ok := cut(k.prefix); ok {
			if name := collapseSpace(unquoteAlias(v)); name != "" {
				rf.weak = append(rf.weak, Alias{Name: name, Kind: k.kind, Weak: true})
			}
			return
		}
	}
	if id, ok := parseOFACID(body, item, countries); ok {
		rf.ids = append(rf.ids, id)
	}
}

// appendNonEmpty appends v to s unless it is empty.
func appendNonEmpty(s []string, v string) []string {
	if v == "" {
		return s
	}
	return append(s, v)
}

// unquoteAlias returns the name of a weak alias, "'ABU ALI'", without the
// single quotes around it; quotes inside the name ("'AL-QA'IDA'") stay.
func unquoteAlias(v string) string {
	if len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
		return v[1 : len(v)-1]
	}
	return v
}

// parseOFACID parses an identification item, body without its "alt. ",
// item as published: a type of ofacIDTypes (or "Digital Currency Address -
// XBT") and the rest, or else an item of the form "Words Number (Country)"
// where Country is a country the table knows and the number has a digit.
func parseOFACID(body, item string, countries *countryNamer) (Identification, bool) {
	id := Identification{Raw: item}
	rest, ok := "", false
	if body == "" {
		return id, false
	}
	for _, t := range ofacIDTypesByByte[body[0]] {
		if r, found := strings.CutPrefix(body, t); found && (r == "" || r[0] == ' ' || strings.HasSuffix(t, ":")) {
			id.Type, rest, ok = strings.TrimSuffix(t, ":"), strings.TrimSpace(r), true
			break
		}
	}
	if !ok {
		if r, found := strings.CutPrefix(body, "Digital Currency Address - "); found {
			cur, num, _ := strings.Cut(r, " ")
			id.Type, rest, ok = "Digital Currency Address - "+cur, strings.TrimSpace(num), true
		}
	}
	if !ok {
		// "Words Number (Country)": the number starts at the first word
		// with a digit.
		open := strings.LastIndex(body, " (")
		if open < 0 || !strings.HasSuffix(body, ")") {
			return id, false
		}
		if _, res := countries.lookup(body[open+2 : len(body)-1]); res != countryFound {
			return id, false
		}
		words := strings.Fields(body[:open])
		k := 0
		for k < len(words) && !strings.ContainsAny(words[k], "0123456789") {
			k++
		}
		if k == 0 || k == len(words) {
			return id, false
		}
		id.Type, rest = strings.Join(words[:k], " "), body[len(strings.Join(words[:k], " ")):]
		rest = strings.TrimSpace(rest)
	}
	if i := strings.Index(rest, " expires "); i >= 0 {
		rest = strings.TrimSpace(rest[:i])
	}
	// "issued" and a date; "issued under the name X" or "issued in
	// Sarajevo" is no date, and stays in Raw only.
	issued := false
	if i := strings.Index(rest, " issued "); i >= 0 {
		id.IssueDate, issued = ofacIssueDate(rest[i+len(" issued "):]), true
		rest = strings.TrimSpace(rest[:i])
	} else if strings.HasPrefix(rest, "issued ") {
		id.IssueDate, issued, rest = ofacIssueDate(strings.TrimPrefix(rest, "issued ")), true, ""
	}
	if open := strings.LastIndex(rest, " ("); open >= 0 && strings.HasSuffix(rest, ")") {
		if code, res := countries.lookup(rest[open+2 : len(rest)-1]); res == countryFound {
			id.Country = code
			rest = strings.TrimSpace(rest[:open])
		}
	} else if strings.HasPrefix(rest, "(") && strings.HasSuffix(rest, ")") {
		if code, res := countries.lookup(rest[1 : len(rest)-1]); res == countryFound {
			id.Country, rest = code, ""
		}
	}
	id.Number = rest
	return id, id.Number != "" || id.Country != "" || issued
}

// ofacIssueDate returns the date s starts with, as normalizeOFACDate
// writes it, or "" when s is no date ("under the name X").
func ofacIssueDate(s string) string {
	d := normalizeOFACDate(s)
	if t := strings.TrimPrefix(d, "circa "); t == "" || t[0] < '0' || t[0] > '9' {
		return ""
	}
	return d
}

// ofacMonths are the month abbreviations of OFAC's dates.
var ofacMonths = map[string]string{
	"Jan": "01", "Feb": "02", "Mar": "03", "Apr": "04", "May": "05", "Jun": "06",
	"Jul": "07", "Aug": "08", "Sep": "09", "Oct": "10", "Nov": "11", "Dec": "12",
}

// normalizeOFACDate writes a date of OFAC's remarks as the CSL writes it:
// "10 Dec 1948" as "1948-12-10", "Dec 1948" as "1948-12"; "circa 1951",
// "1960 to 1962" and a range of full years ("01 Jan 1960 to 31 Dec 1962")
// as "1960 to 1962"; anything else as published.
func normalizeOFACDate(s string) string {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "circa "); ok {
		return "circa " + normalizeOFACDate(rest)
	}
	if from, to, ok := strings.Cut(s, " to "); ok {
		f, t := normalizeOFACDate(from), normalizeOFACDate(to)
		if strings.HasSuffix(f, "-01-01") && strings.HasSuffix(t, "-12-31") && len(f) == 10 && len(t) == 10 {
			f, t = f[:4], t[:4]
		}
		return f + " to " + t
	}
	w := strings.Fields(s)
	isYear := func(y string) bool { return len(y) == 4 && isNumber(y) }
	switch {
	case len(w) == 3 && len(w[0]) <= 2 && isNumber(w[0]) && ofacMonths[w[1]] != "" && isYear(w[2]):
		day := w[0]
		if len(day) == 1 {
			day = "0" + day
		}
		return w[2] + "-" + ofacMonths[w[1]] + "-" + day
	case len(w) == 2 && ofacMonths[w[0]] != "" && isYear(w[1]):
		return w[1] + "-" + ofacMonths[w[0]]
	}
	return s
}

// countryNamer turns the country names of a list into ISO codes, and
// remembers the names it does not know, for warnings.
type countryNamer struct {
	cache   map[string]countryLookup
	unknown map[string]unknownCountry
	order   []string
}

// countryLookup is a result of lookupCountry.
type countryLookup struct {
	code string
	res  countryResult
}

// maxCountryCache bounds the names a countryNamer remembers the code of; a
// list names a few hundred places.
const maxCountryCache = 4096

// lookup is lookupCountry, with the results kept.
func (c *countryNamer) lookup(name string) (string, countryResult) {
	if r, ok := c.cache[name]; ok {
		return r.code, r.res
	}
	code, res := lookupCountry(name)
	if len(c.cache) < maxCountryCache {
		c.cache[strings.Clone(name)] = countryLookup{code, res}
	}
	return code, res
}

// unknownCountry is where a country name the table does not know was first
// seen, and how often.
type unknownCountry struct {
	line  int
	field string
	count int
}

func newCountryNamer() *countryNamer {
	return &countryNamer{cache: make(map[string]countryLookup), unknown: make(map[string]unknownCountry)}
}

// code returns the ISO code of the country name, or "" if it names no
// country the table knows; an unknown name is remembered for a warning.
func (c *countryNamer) code(name string, line int, field string) string {
	code, res := c.lookup(name)
	if res == countryUnknown {
		u, seen := c.unknown[name]
		if !seen {
			name = strings.Clone(name)
			u = unknownCountry{line: line, field: field}
			c.order = append(c.order, name)
		}
		u.count++
		c.unknown[name] = u
	}
	return code
}

// codeOrText returns the ISO code of the country name, or the name itself
// if the table knows no code for it.
func (c *countryNamer) codeOrText(name string, line int, field string) string {
	if code := c.code(name, line, field); code != "" {
		return code
	}
	return name
}

// warn adds a warning to b for every country name that has no code, in the
// order first seen.
func (c *countryNamer) warn(b *builder) {
	for _, name := range c.order {
		u := c.unknown[name]
		msg := "country name not known, kept as text without a country code"
		if u.count > 1 {
			msg += fmt.Sprintf(" (%d times; the first here)", u.count)
		}
		b.warn(u.line, u.field, name, msg)
	}
}
