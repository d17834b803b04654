package entitylist

import "strings"

// The name and alt_names fields: white space and the Federal Register
// wording ("a.k.a.", the successor clause) removed.

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
	if !strings.Contains(s, "ucc") && !strings.Contains(s, "UCC") { // fast path: "successor(s)", in any case
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

// akaPrefixes are the list wordings that can open an alternate name, in
// any case; the wordings without dots only as lowercase or capitalized
// words ("aka ", "Fka "): in capitals they are a name's own word ("AKA
// Ausfuhrkredit-Gesellschaft").
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
		if hasPrefixFold(v, p) && (strings.Contains(p, ".") || v[1] == p[1]) {
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
