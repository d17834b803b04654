// Package printable makes text from outside fit to print for people.
package printable

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Text returns s fit to print for people, with what a terminal would act
// on rather than show escaped visibly, as Go writes it: C0 controls (tab
// and line ends included, so s stays on one line and one table cell), DEL
// and C1 controls as \x1b or \u009b, the bidirectional overrides and
// isolates U+202A-U+202E and U+2066-U+2069, which reorder the text around
// them, as \u202e, and bytes that are not UTF-8 as \xff. List data and
// queries come from outside: an ESC in a name could rewrite what an
// analyst sees. It is safe for concurrent use.
func Text(s string) string {
	i := 0
	for i < len(s) && s[i] >= 0x20 && s[i] < 0x7f {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1, r < 0x20, r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r >= 0x80 && r <= 0x9f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
