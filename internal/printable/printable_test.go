package printable_test

import (
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
