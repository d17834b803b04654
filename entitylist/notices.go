package entitylist

import (
	"strings"
	"unicode/utf8"
)

// The federal_register_notice field: the citations of the notices that
// listed an entry.

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
