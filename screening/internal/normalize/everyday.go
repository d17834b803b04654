package normalize

import (
	_ "embed" // the word table
	"strings"
)

//go:generate go run ./internal/wordgen -scowl $SCOWL -o everyday.txt

// everydayText is the table of everyday English words, one a line (see
// internal/wordgen; regenerate it with SCOWL set to the directory of
// SCOWL's word lists).
//
//go:embed everyday.txt
var everydayText string

// everydayWords parses everydayText once, on first use.
var everydayWords = lazy[map[string]struct{}]{build: func() map[string]struct{} {
	m := make(map[string]struct{}, 11000)
	for line := range strings.Lines(everydayText) {
		line = strings.TrimSuffix(line, "\n")
		if line != "" && line[0] != '#' {
			m[line] = struct{}{}
		}
	}
	return m
}}

// Everyday reports whether key, the Key of a token, is an everyday English
// word: one of the commonest words of the language ("liberty", "star",
// "power", "united"), from the two smallest sizes of SCOWL, the Spell
// Checker Oriented Word Lists. A list's own word counts say how rare a
// word is among listed names, not among names in general: an everyday
// word that few listed names hold is still in many other companies'
// names, so two names sharing it are weak evidence of one party. Coined
// brands ("hikvision"), transliterated words and most surnames are not
// everyday words.
func Everyday(key string) bool {
	_, ok := everydayWords.get()[key]
	return ok
}
