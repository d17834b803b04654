package entitylist

import (
	"strings"
	"time"
	"unicode/utf8"
)

// This file turns the text of multi-value CSL fields into typed values. The
// functions run once per row on the hot path of the loaders, so they scan
// strings by hand rather than with regular expressions.

// splitValues splits a multi-value field on sep, trims every value and drops
// empty ones. It returns nil for a field with no values.
func splitValues(s, sep string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	vals := strings.Split(s, sep)
	out := vals[:0]
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// splitInto appends the parts of s separated by sep to buf and returns it;
// with a buffer on the caller's stack it does not allocate.
func splitInto(buf []string, s, sep string) []string {
	for {
		i := strings.Index(s, sep)
		if i < 0 {
			return append(buf, s)
		}
		buf = append(buf, s[:i])
		s = s[i+len(sep):]
	}
}

// collapseSpace trims s and replaces every run of white space inside it,
// newlines included, by one space.
func collapseSpace(s string) string {
	s = strings.TrimSpace(s)
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' || c == '\r' || c == '\t' || (c == ' ' && i+1 < len(s) && s[i+1] == ' ') {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// successorSuffixes is the Federal Register wording the Nonproliferation
// list appends to names; it is not part of the name.
var successorSuffixes = []string{
	"and any successor, sub-unit, or subsidiary thereof",
	"and any successor, subunit, or subsidiary thereof",
	"and its sub-units and successors",
}

// stripSuccessor removes a trailing successor clause and the punctuation
// before it.
func stripSuccessor(s string) string {
	if !strings.Contains(s, "ucc") { // fast path: "successor(s)"
		return s
	}
	for _, suf := range successorSuffixes {
		if len(s) >= len(suf) && strings.EqualFold(s[len(s)-len(suf):], suf) {
			return strings.TrimRight(s[:len(s)-len(suf)], " ,;")
		}
		if t := strings.TrimRight(s, " ."); len(t) >= len(suf) && strings.EqualFold(t[len(t)-len(suf):], suf) {
			return strings.TrimRight(t[:len(t)-len(suf)], " ,;")
		}
	}
	return s
}

// cleanName returns a primary name with its white space collapsed and the
// successor clause removed.
func cleanName(s string) string {
	return stripSuccessor(collapseSpace(s))
}

// hasPrefixFold reports whether s begins with prefix, ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// akaPrefixes are the list wordings that can open an alternate name.
var akaPrefixes = []string{"a.k.a.,", "a.k.a.", "f.k.a.,", "f.k.a.", "aka ", "fka "}

// akaSeparators split one published alternate name into several when they
// occur outside parentheses.
var akaSeparators = []string{
	", a.k.a., ", ", a.k.a. ", ", f.k.a., ", ", f.k.a. ",
	" a.k.a., ", " a.k.a. ", " f.k.a., ", " f.k.a. ",
}

// cleanAltNames splits the alt_names field on "; " and removes the Federal
// Register wording: a leading "and " (from "X; and Y"), leading "a.k.a." or
// "f.k.a.", the successor clause, and ", a.k.a., " between two names.
func cleanAltNames(s string) []string {
	vals := splitValues(s, "; ")
	if vals == nil {
		return nil
	}
	out := vals[:0] // cleaning in place is safe while no value splits in two
	if strings.Contains(s, ".k.a.") || strings.Contains(s, ".K.A.") {
		out = make([]string, 0, len(vals)+2)
	}
	var scratch []string
	out = appendAltNames(out, vals, &scratch)
	if len(out) == 0 {
		return nil
	}
	return out
}

// appendAltNames appends to dst the alternate names of vals, each split at
// "a.k.a." and cleaned of list wording; empty ones are left out. scratch is
// working memory the caller may reuse.
func appendAltNames(dst, vals []string, scratch *[]string) []string {
	for _, v := range vals {
		for _, part := range splitAKA(v, scratch) {
			if part = cleanAltName(part); part != "" {
				dst = append(dst, part)
			}
		}
	}
	return dst
}

// splitAKA splits v at the separators of akaSeparators that lie outside
// parentheses. It returns []string{v} without allocating in the common case;
// buf is scratch space.
func splitAKA(v string, buf *[]string) []string {
	if !strings.Contains(v, ".k.a.") && !strings.Contains(v, ".K.A.") {
		*buf = append((*buf)[:0], v)
		return *buf
	}
	parts := (*buf)[:0]
	depth, start := 0, 0
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case ',', ' ':
			if depth > 0 {
				continue
			}
			for _, sep := range akaSeparators {
				if hasPrefixFold(v[i:], sep) {
					parts = append(parts, v[start:i])
					start = i + len(sep)
					i = start - 1
					break
				}
			}
		}
	}
	parts = append(parts, v[start:])
	*buf = parts
	return parts
}

// cleanAltName cleans one alternate name; it returns "" for a value that is
// only list wording.
func cleanAltName(v string) string {
	v = collapseSpace(v)
	if strings.HasPrefix(v, "and ") {
		v = strings.TrimSpace(v[4:])
	}
	for _, p := range akaPrefixes {
		if hasPrefixFold(v, p) {
			v = strings.TrimSpace(v[len(p):])
			break
		}
	}
	v = stripSuccessor(v)
	if hasPrefixFold(v, "any successor") {
		return ""
	}
	return strings.TrimRight(v, " ,;")
}

// parseDate parses a CSL date ("2006-01-02", or an RFC 3339 time whose date
// part is used). The empty string gives the zero time.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, true
	}
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		s = s[:10]
	}
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// isCountryCode reports whether s is two upper-case ASCII letters.
func isCountryCode(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

// countryByName maps country names that older CSL rows write in place of
// the ISO code to that code. Only names with a single, certain code are
// listed.
var countryByName = map[string]string{
	"Afghanistan": "AF", "Armenia": "AM", "Belarus": "BY", "Canada": "CA",
	"China": "CN", "Czech Republic": "CZ", "Cyprus": "CY", "Egypt": "EG",
	"Germany": "DE", "Hong Kong": "HK", "India": "IN", "Iran": "IR",
	"Iraq": "IQ", "Israel": "IL", "Japan": "JP", "Kazakhstan": "KZ",
	"Kyrgyzstan": "KG", "Lebanon": "LB", "Malaysia": "MY", "Netherlands": "NL",
	"North Korea": "KP", "Pakistan": "PK", "People's Republic of China": "CN",
	"Russia": "RU", "Russian Federation": "RU", "Singapore": "SG", "Syria": "SY",
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
// looks like one), city and street (all remaining parts). An address in a
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
	for i := len(addrs) - 2; i >= 0; i-- {
		if addrs[i].Country == "" && strings.HasPrefix(addrs[i+1].Raw, "and ") {
			addrs[i].Country = addrs[i+1].Country
		}
	}
	return addrs
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
	} else if cc, ok := countryByName[last]; ok {
		a.Country = cc
		n--
	}
	if n >= 2 && looksLikePostalCode(parts[n-1]) {
		a.PostalCode = parts[n-1]
		n--
	}
	switch {
	case n == 1:
		a.City = parts[0]
	case n == 2 && looksLikeState(parts[1]):
		a.City, a.State = parts[0], parts[1]
	case n == 2:
		a.Street, a.City = parts[0], parts[1]
	case n >= 3:
		if looksLikeState(parts[n-1]) {
			a.State = parts[n-1]
			n--
		}
		a.City = parts[n-1]
		a.Street = strings.Join(parts[:n-1], ", ")
	}
	return a
}

// splitNotices splits the federal_register_notice field into citations.
// Newer rows separate citations with "; " or ", "; older ones run them
// together ("68 F.R. 38290 6/27/03 71 F.R. 38843 7/10/06") or put commas
// inside one citation ("82 F.R. 16789, 16790 4/6/2017", "Vol. 78, No. 38,
// 02/26/13"). So a citation is taken to start where a volume number followed
// by "FR" or "F.R." (or "Vol.") starts, after a separator; all text between
// two starts belongs to the first, so no text is lost.
func splitNotices(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	var startsBuf [16]int
	starts := startsBuf[:0]
	for i := 0; i < len(s); i++ {
		if i > 0 {
			if c := s[i-1]; c != ' ' && c != ',' && c != ';' {
				continue
			}
			if c := s[i]; c == ' ' || c == ',' || c == ';' {
				continue
			}
		}
		if citationStart(s[i:]) || afterSeparator(s, i) && bareCitationStart(s[i:]) {
			starts = append(starts, i)
		}
	}
	if len(starts) <= 1 {
		if v := trimNotice(s); v != "" {
			return []string{v}
		}
		return nil
	}
	starts[0] = 0 // text before the first citation stays with it
	out := make([]string, 0, len(starts))
	for k, st := range starts {
		end := len(s)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		if v := trimNotice(s[st:end]); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// citationStart reports whether s begins a Federal Register citation:
// digits, optional spaces or a dot, then "FR" or "F.R" or "F. R" not
// followed by a letter; or "Vol.".
func citationStart(s string) bool {
	if hasPrefixFold(s, "Vol.") || hasPrefixFold(s, "Vol ") {
		return true
	}
	i := 0
	for i < len(s) && i < 4 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return false
	}
	for i < len(s) && (s[i] == ' ' || s[i] == '.') {
		i++
	}
	rest := s[i:]
	for _, fr := range []string{"F.R", "F. R", "FR"} {
		if hasPrefixFold(rest, fr) {
			after := rest[len(fr):]
			if after == "" {
				return true
			}
			r, _ := utf8.DecodeRuneInString(after)
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
		}
	}
	return false
}

// afterSeparator reports whether the last non-space byte before s[i] is a
// comma or semicolon.
func afterSeparator(s string, i int) bool {
	j := i - 1
	for j >= 0 && s[j] == ' ' {
		j--
	}
	return j >= 0 && (s[j] == ',' || s[j] == ';')
}

// bareCitationStart reports whether s begins a citation whose volume was
// left out, such as "F.R. 30823 7/3/2017": "F.R." or "FR" and a digit.
func bareCitationStart(s string) bool {
	for _, fr := range []string{"F.R. ", "F.R.", "FR "} {
		if strings.HasPrefix(s, fr) {
			rest := strings.TrimLeft(s[len(fr):], " ")
			return rest != "" && rest[0] >= '0' && rest[0] <= '9'
		}
	}
	return false
}

// trimNotice trims separators and a dangling "and" from a citation.
func trimNotice(s string) string {
	s = strings.Trim(s, " ,;\t\r\n")
	s = strings.TrimSuffix(s, " and")
	s = strings.TrimRight(s, " ,;")
	if strings.HasSuffix(s, ".") && len(s) >= 2 && s[len(s)-2] >= '0' && s[len(s)-2] <= '9' {
		s = s[:len(s)-1]
	}
	return collapseSpace(s)
}

// idLayout is the order of the parts of one published identification.
type idLayout uint8

const (
	// layoutTypeFirst is "type, number, country[, date]", used since 2023.
	layoutTypeFirst idLayout = iota
	// layoutTypeLast is "country, [date, ]number, type", used in 2022.
	layoutTypeLast
)

// splitIDs splits the ids field into identifications holding only Raw; the
// parts are filled in by resolveIDs once the layout of the list is known.
func splitIDs(s string) []Identification {
	vals := splitValues(s, "; ")
	if vals == nil {
		return nil
	}
	ids := make([]Identification, len(vals))
	for i, v := range vals {
		ids[i].Raw = v
	}
	return ids
}

// idVote returns +1 if raw can only be read as type-last, -1 if only as
// type-first, and 0 if it does not tell.
func idVote(raw string) int {
	var buf [8]string
	parts := splitInto(buf[:0], raw, ", ")
	if len(parts) < 3 {
		return 0
	}
	first, third := isCountryCode(parts[0]), isCountryCode(parts[2])
	switch {
	case first && !third:
		return +1
	case third && !first:
		return -1
	}
	return 0
}

// detectIDLayout decides the layout of a whole list from the identifications
// whose parts only fit one layout; the current type-first layout wins ties.
func detectIDLayout(l *List) idLayout {
	votes := 0
	for _, e := range l.All() {
		for _, id := range e.IDs {
			votes += idVote(id.Raw)
		}
	}
	if votes > 0 {
		return layoutTypeLast
	}
	return layoutTypeFirst
}

// resolveIDs fills Type, Number, Country and IssueDate of every
// identification from its Raw text, in the given layout.
func resolveIDs(l *List, layout idLayout) {
	for _, e := range l.All() {
		for j := range e.IDs {
			parseID(&e.IDs[j], layout)
		}
	}
}

// parseID parses id.Raw. Type-first: "Passport, A553077, SD, 04 Apr 2000";
// "Gender, Male"; "Secondary sanctions risk:, North Korea Sanctions
// Regulations, sections 510.201 and 510.210" (the number keeps its commas).
// Type-last: "LB, 2020-08-28, RL 3367620, Passport"; "Male, Gender".
func parseID(id *Identification, layout idLayout) {
	var buf [8]string
	parts := splitInto(buf[:0], id.Raw, ", ")
	n := len(parts)
	if n == 1 {
		id.Number = strings.TrimSpace(parts[0])
		return
	}
	switch layout {
	case layoutTypeLast:
		id.Type = strings.TrimSpace(parts[n-1])
		mid := parts[:n-1]
		if len(mid) >= 2 && isCountryCode(mid[0]) {
			id.Country = mid[0]
			mid = mid[1:]
		}
		if len(mid) >= 2 {
			if _, ok := parseDate(mid[0]); ok {
				id.IssueDate = mid[0]
				mid = mid[1:]
			}
		}
		id.Number = strings.TrimSpace(strings.Join(mid, ", "))
	default:
		id.Type = strings.TrimSpace(parts[0])
		rest := parts[1:]
		if len(rest) >= 2 && isCountryCode(rest[1]) {
			id.Number = strings.TrimSpace(rest[0])
			id.Country = rest[1]
			id.IssueDate = strings.TrimSpace(strings.Join(rest[2:], ", "))
			return
		}
		id.Number = strings.TrimSpace(strings.Join(rest, ", "))
	}
}
