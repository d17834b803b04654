package entitylist

import (
	"strings"
	"time"
)

// The field parsers turn the text of multi-value CSL fields into typed
// values, one file per family of fields: names.go (name and alt_names),
// addresses.go (addresses), identifiers.go (ids) and notices.go
// (federal_register_notice). This file holds what they and the loaders
// share: splitting, white space, dates and country codes. The functions run
// once per row on the hot path of the loaders, so they scan strings by hand
// rather than with regular expressions.

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

// hasPrefixFold reports whether s begins with prefix, ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
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
