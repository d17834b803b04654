// Package problem renders the problems readers find in their input, one
// way for every package that reads files: a problem with one record or
// field ("line 42, field "name": empty name (value "x")") and a list of
// them ("3 errors: ...; ...; and 1 more").
package problem

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/entityscreen/entityscreen/internal/printable"
)

// MaxListed is the number of problems a list renders before "and N more".
const MaxListed = 10

// Format renders `line 42, field "name": msg (value "x")`, leaving out the
// parts that are zero. The value, read from the input, is quoted as every
// value given from outside is (printable.Quote): a long one is cut,
// followed by its length. The field is the format's name for it, whole.
func Format(line int, field, value, msg string) string {
	var b strings.Builder
	if line > 0 {
		fmt.Fprintf(&b, "line %d", line)
	}
	if field != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "field %q", field)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(msg)
	if value != "" {
		b.WriteString(" (value " + printable.Quote(value) + ")")
	}
	return b.String()
}

// WriteList writes the first MaxListed of errs to b, "; " between them,
// opened by their count when total, the number of problems found (errs may
// hold only the first of them), is more than one, and closed by "; and N
// more" when some are not shown.
func WriteList[E error](b *strings.Builder, total int, errs []E) {
	total = max(total, len(errs))
	if total > 1 {
		fmt.Fprintf(b, "%d errors: ", total)
	}
	n := min(len(errs), MaxListed)
	for i, e := range errs[:n] {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(e.Error())
	}
	if more := total - n; more > 0 {
		fmt.Fprintf(b, "; and %d more", more)
	}
}

// Truncate cuts s to at most n bytes without splitting a character.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
