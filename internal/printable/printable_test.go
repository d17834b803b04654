package printable_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/entityscreen/entityscreen/internal/printable"
)

// TestText: what a terminal acts on is escaped, the rest kept as is.
func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"AO Kaspersky Lab", "AO Kaspersky Lab"},
		{"Société Générale Ø", "Société Générale Ø"},
		{"red\x1b[31m", `red\x1b[31m`},
		{"a\tb\nc\rd\x00\x7f", `a\x09b\x0ac\x0dd\x00\x7f`},
		{"c1 \u0085 \u009b", `c1 \u0085 \u009b`},
		{"bidi \u202a\u202b\u202c\u202d\u202e \u2066\u2067\u2068\u2069", `bidi \u202a\u202b\u202c\u202d\u202e \u2066\u2067\u2068\u2069`},
		{"marks \u200e\u2029 kept", "marks \u200e\u2029 kept"},
		{"bad \xff\x9b UTF-8", `bad \xff\x9b UTF-8`},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, printable.Text(tt.in), "%q", tt.in)
	}
	assert.Zero(t, testing.AllocsPerRun(100, func() { printable.Text("AO Kaspersky Lab") }), "plain text is not copied")
}

// TestQuote: a value from outside is quoted as Go quotes it, whole up to
// MaxQuoted bytes, else cut at a character and followed by its length.
func TestQuote(t *testing.T) {
	long := strings.Repeat("a", 100)
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", `""`},
		{"short", "Acme", `"Acme"`},
		{"controls escaped", "a\x1b[31m\u202e\n", `"a\x1b[31m\u202e\n"`},
		{"invalid UTF-8", "\xff", `"\xff"`},
		{"at the limit", long[:printable.MaxQuoted], `"` + long[:printable.MaxQuoted] + `"`},
		{"one byte over", long[:printable.MaxQuoted+1], `"` + long[:printable.MaxQuoted] + `"… (41 bytes)`},
		{"long", long, `"` + long[:printable.MaxQuoted] + `"… (100 bytes)`},
		{"cut at a character", strings.Repeat("é", 30), `"` + strings.Repeat("é", 20) + `"… (60 bytes)`},
		{"cut before a character", "a" + strings.Repeat("é", 30), `"a` + strings.Repeat("é", 19) + `"… (61 bytes)`},
		{"not UTF-8 cut anywhere", strings.Repeat("\x80", 50), `"` + strings.Repeat(`\x80`, 40) + `"… (50 bytes)`},
		{"a character not split", long[:39] + "€€", `"` + long[:39] + `"… (45 bytes)`},
		{"a character cut short is no character", long[:39] + "\xe2\x82x", `"` + long[:39] + `\xe2"… (42 bytes)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, printable.Quote(tt.in))
		})
	}
}
