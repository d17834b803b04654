package normalize

import (
	_ "embed" // the reading table
	"strings"
	"unicode/utf8"
)

//go:generate go run ./internal/pinyingen -o pinyin.txt

// pinyinText is the Mandarin reading table: one line per toneless
// reading, the reading, a space and the characters that have it as their
// first reading (see internal/pinyingen).
//
//go:embed pinyin.txt
var pinyinText string

// The readings of the characters of the dense range [hanLo, hanHi) (CJK
// Unified Ideographs and Extension A, where almost every character of a
// name lies) are kept in a slice, the others in a map.
const (
	hanLo = 0x3400
	hanHi = 0xA000
)

// pinyinTable holds the first Mandarin reading of every character of the
// table.
type pinyinTable struct {
	readings []string        // the distinct readings; index 0 is unused
	dense    []uint16        // reading index + 0 of the characters of [hanLo, hanHi); 0 if none
	sparse   map[rune]uint16 // the same for the characters outside that range
}

// pinyinReadings parses pinyinText once, on first use: a program that
// never meets a Chinese character never pays for it.
var pinyinReadings = lazy[*pinyinTable]{build: func() *pinyinTable {
	t := &pinyinTable{readings: []string{""}, dense: make([]uint16, hanHi-hanLo), sparse: map[rune]uint16{}}
	for line := range strings.Lines(pinyinText) {
		line = strings.TrimSuffix(line, "\n")
		if line == "" || line[0] == '#' {
			continue
		}
		reading, chars, ok := strings.Cut(line, " ")
		if !ok {
			panic("normalize: bad line in pinyin.txt: " + line) // a bug in the generated table
		}
		idx := uint16(len(t.readings))
		t.readings = append(t.readings, reading)
		for _, r := range chars {
			if r >= hanLo && r < hanHi {
				t.dense[r-hanLo] = idx
			} else {
				t.sparse[r] = idx
			}
		}
	}
	return t
}}

// reading returns the first Mandarin reading of the character r, or "".
func (t *pinyinTable) reading(r rune) string {
	if r >= hanLo && r < hanHi {
		return t.readings[t.dense[r-hanLo]]
	}
	if r < utf8.RuneSelf {
		return ""
	}
	return t.readings[t.sparse[r]]
}
