// Package printable makes text from outside fit to print for people.
package printable

import (
	"fmt"
	"strconv"
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

// MaxQuoted is the most bytes of a value Quote shows.
const MaxQuoted = 40

// Quote returns s, a value given from outside (a request's parameter or
// method, a flag's value, a field of a query), quoted to be echoed in an
// error: as strconv.Quote writes it (controls, bidirectional overrides
// and bytes that are not UTF-8 escaped, on one line), whole when it has at
// most MaxQuoted bytes, else its first MaxQuoted bytes, cut at a
// character (not before bytes that are not UTF-8), followed by an
// ellipsis and its length: "abc"… (2000 bytes).
// An error so does not send back whatever was given at length. It is safe
// for concurrent use.
func Quote(s string) string {
	if len(s) <= MaxQuoted {
		return strconv.Quote(s)
	}
	// Cut after the last character that ends within MaxQuoted bytes, a
	// byte that is not UTF-8 being one, which Quote escapes.
	n := 0
	for {
		_, size := utf8.DecodeRuneInString(s[n:])
		if n+size > MaxQuoted {
			break
		}
		n += size
	}
	return strconv.Quote(s[:n]) + "… (" + strconv.Itoa(len(s)) + " bytes)"
}
