package screening

import (
	"strings"
	"sync"

	"github.com/entityscreen/entityscreen/screening/internal/normalize"
)

// The fewest consonants words must have to meet by their consonants alone
// (see consonantSim): fewer are shared by too many names. Two words
// written together must have more, as they are more easily cut to fit.
const (
	minConsonants       = 2
	minJoinedConsonants = 3
)

// Similarities of words that meet by their consonants (see consonantSim):
// those of minConsonants consonants only meet barely, as they are shared by
// many names (Qada, Kaida).
const (
	simConsonants    = 0.9
	simFewConsonants = distinctivePairSim
)

// consonantSim returns the similarity of query word a, whose vowels were
// guessed (it was read from a script that writes no short vowels), and b,
// an ordinary word or an organization word (گروپ, Group), when they have
// the same consonants: their sound keys with the vowels left out (see
// appendConsonants), minConsonants of them at least; 0 otherwise. A final
// a of a may be b's -at: the ta marbuta, which lists write so before
// another word (عصبة الأنصار, Asbat al-Ansar).
func consonantSim(a, b *word) float64 {
	if !a.guessed || a.kind != normalize.Distinctive || b.kind != normalize.Distinctive && b.kind != normalize.Generic {
		return 0
	}
	var bufA, bufB [maxEditLen]byte
	ca, cb := appendConsonants(bufA[:0], a.sound), appendConsonants(bufB[:0], b.sound)
	n := consonantCount(ca)
	switch {
	case n < minConsonants:
		return 0
	case string(ca) == string(cb),
		strings.HasSuffix(a.sound, "a") && strings.HasSuffix(b.sound, "at") && len(cb) == len(ca)+1 && string(cb[:len(ca)]) == string(ca):
	default:
		return 0
	}
	if n == minConsonants {
		return simFewConsonants
	}
	return simConsonants
}

// joinsConsonants reports whether ordinary words a and b written together
// have the consonants of c (see consonantSim), minJoinedConsonants of
// them at least, one side's vowels having been guessed: خدايرحيم, Khudai
// Rahim.
func joinsConsonants(a, b, c *word) bool {
	if a.kind != normalize.Distinctive || b.kind != normalize.Distinctive || c.kind != normalize.Distinctive ||
		len(a.sound)+len(b.sound) > maxEditLen {
		return false
	}
	var ab, bufA, bufC [maxEditLen]byte
	joined := append(append(ab[:0], a.sound...), b.sound...)
	ca, cc := appendConsonants(bufA[:0], joined), appendConsonants(bufC[:0], c.sound)
	return consonantCount(ca) >= minJoinedConsonants && string(ca) == string(cc)
}

// appendConsonants appends the consonants of sound key s to dst, as many
// as it has room for, and "_" first for a leading vowel, which the script
// writes (عمر is Umar or Omar, not Marr). The letters that romanizations
// write as vowels or consonants are left out but at the start of a word:
// y (which sound keys write i) and w (v); و and ي are long vowels or
// consonants (Anwar, Anoor; Khawla, Khula). The digraphs that spell one
// Arabic consonant in other romanizations fold to one letter: dh, th and
// gh to d, t and g, ch (the French spelling of sh) to sh. A final h
// after a vowel is left out (Zadeh, Zada; Hamzah, Hamza).
func appendConsonants[S ~string | ~[]byte](dst []byte, s S) []byte {
	n := len(s)
	if n > 1 && s[n-1] == 'h' && isVowel(s[n-2]) {
		n--
	}
	for i := 0; i < n && len(dst) < cap(dst); i++ {
		c := s[i]
		switch {
		case isVowel(c):
			if i == 0 {
				dst = append(dst, '_')
			}
			continue
		case c == 'v' && i > 0:
			continue
		case c == 'h' && i > 0 && (s[i-1] == 'd' || s[i-1] == 't' || s[i-1] == 'g'):
			continue
		case c == 'c' && i+1 < n && s[i+1] == 'h':
			c = 's'
		}
		dst = append(dst, c)
	}
	return dst
}

// listConsonants appends to dst the consonants by which consonantTable
// finds list word w, and reports whether it finds w by them at all: a
// distinctive or organization word of minConsonants consonants or more.
func listConsonants(dst []byte, w *word) ([]byte, bool) {
	if w.kind != normalize.Distinctive && w.kind != normalize.Generic {
		return dst, false
	}
	cs := appendConsonants(dst, w.sound)
	return cs, consonantCount(cs) >= minConsonants
}

// consonantCount returns the number of consonants of cs, a result of
// appendConsonants.
func consonantCount(cs []byte) int {
	if len(cs) > 0 && cs[0] == '_' {
		return len(cs) - 1
	}
	return len(cs)
}

// isVowel reports whether b is a vowel of a sound key (which writes y as i).
func isVowel(b byte) bool {
	switch b {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// consonantTable finds the list's distinctive words by their consonants
// (see appendConsonants), for the query words whose vowels were guessed
// (see consonantSim). Only queries read from Arabic script need it, so
// it is built on first use rather than with the index, and not kept in
// snapshots. The zero value is an empty table that builds itself; it is
// safe for concurrent use.
type consonantTable struct {
	once  sync.Once
	terms map[string][]int32 // consonants -> terms, ascending
}

// termsOf returns the terms of ix that may have the consonants of query
// word w (see consonantSim): those of its consonants, and, for a word
// that ends in a, those of its consonants and a final t. It builds the
// table on first use.
func (c *consonantTable) termsOf(ix *index, w *word) (same, withT []int32) {
	c.once.Do(func() {
		c.terms = make(map[string][]int32)
		var buf [maxEditLen]byte
		for t := range ix.terms {
			if cs, ok := listConsonants(buf[:0], &ix.terms[t].word); ok {
				c.terms[string(cs)] = append(c.terms[string(cs)], int32(t))
			}
		}
	})
	var buf [maxEditLen]byte
	cs := appendConsonants(buf[:0], w.sound)
	same = c.terms[string(cs)]
	if strings.HasSuffix(w.sound, "a") {
		withT = c.terms[string(append(cs, 't'))]
	}
	return same, withT
}
