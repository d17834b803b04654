package redact

import (
	"regexp"
	"strings"
)

// address finds the addresses in a text: a scheme, "://", and what follows
// up to a space, a quote or an angle bracket.
var address = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://[^\s"'<>]+`)

// Text returns s, a message such as an error's, with every address in it
// redacted as URL redacts one: an error of a download or of a database
// may quote the address it was given whole (net/http's quotes its query,
// api_key included). Punctuation that ends a sentence after an address is
// kept out of it. The text is returned as valid UTF-8.
func Text(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return address.ReplaceAllStringFunc(s, func(a string) string {
		body := strings.TrimRight(a, ".,;:!?)]}")
		return URL(body) + a[len(body):]
	})
}
