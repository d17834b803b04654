package normalize

import (
	"strings"
)

// Legal-form words.
//
// Legal-form phrases are sequences of legal-form words, and people
// abbreviate and misspell those words independently: "Ltd. Liability Co.",
// "Public Joint Stock Co", "Limited Liabiltiy Company". Rather than
// listing every spelling, the recognizer compares phrases word by word
// over legal-form keys:
//
//   - abbreviations of legal-form words fold to the full word before
//     matching (legalWordAbbrevs: "co" is "company", "ltd" is "limited");
//   - a word of seven letters or more that is one edit (insertion,
//     deletion, substitution or transposition of neighbours) away from
//     exactly one long word of the table's phrases is read as that word,
//     but only inside a phrase of two words or more ("Limited Liabiltiy
//     Company"), never as a one-word form ("Limiter" is not "Limited");
//     shorter words are never corrected ("Publc" stays as written);
//   - words of the table's phrases that are left over when a phrase is
//     scrambled or incomplete ("Company IKS Joint Stock") become Generic
//     tokens (their key is kept), so they weigh little; legalWordKeep lists
//     the phrase words that are ordinary name words and stay Distinctive.

// legalWordAbbrevs maps abbreviations of legal-form words (as match keys)
// to the full word they stand for.
var legalWordAbbrevs = map[string]string{
	"co":    "company",
	"comp":  "company",
	"cmpny": "company",
	"ltd":   "limited",
	"lmtd":  "limited",
	"publ":  "public",
	"pvt":   "private",
	"priv":  "private",
	"corp":  "corporation",
	"corpn": "corporation",
	"liab":  "liability",
	"jt":    "joint",
	"jnt":   "joint",
}

// legalWordKeep are words of legal-form phrases that are also ordinary,
// distinctive name words: left over, they stay Distinctive, and they do
// not count as legal-form words for scrambled phrases. Each is a word of
// a phrase of legalFormTable (TestSideTables).
var legalWordKeep = map[string]bool{
	"capital": true, "variable": true, "individual": true, "federal": true, "state": true,
	"municipal": true, "republican": true, "free": true, "zone": true, "type": true, "with": true,
	"europaea": true, "establishment": true, "autonomous": true, "actions": true,
	"sole": true, "simple": true, "bats": true,
	"yuhan": true, "hetong": true, // Korean 유한 and Chinese 合同 of the Korean and Japanese forms, and names (Yuhan, Hetong)
}

// legalWordClasses are the classes whose phrase words count as legal-form
// words for Generic marking: company forms, not the kinds of state
// enterprise or institution (whose words, "Federal", "State", "Budgetary",
// "Educational", name what an organization is). Each is a class of
// legalFormTable (TestSideTables).
var legalWordClasses = map[Class]bool{
	"LLC": true, "LLP": true, "LP": true, "JSC": true, "CJSC": true, "OJSC": true, "PJSC": true,
	"LTD": true, "PLC": true, "INC": true, "GMBH": true, "KG": true, "KGAA": true, "OHG": true,
	"AG": true, "SA": true, "SAS": true, "SARL": true, "SRL": true, "SL": true, "SPA": true,
	"LTDA": true, "SENC": true, "BV": true, "NV": true, "AB": true, "AS": true, "OY": true,
	"APS": true, "KFT": true, "KK": true, "YK": true, "GK": true, "SE": true,
}

// minTypoLen is the length from which a legal-form word is recognized
// with one typo.
const minTypoLen = 7

// legalWordIndex holds the vocabulary built from the table.
type legalWordIndex struct {
	abbrev map[string]string // match key of an abbreviation -> match key of the full word
	// abbrevKeys are the keys of abbrev.
	abbrevKeys keyFilter
	generic    map[string]bool // match keys of leftover words that become Generic
	// genericKeys are the keys of generic.
	genericKeys keyFilter
	phrase      map[string]bool // match keys of all words of the table's phrases
	typo        typoIndex       // long words of the phrases
	// tailLetters are the proper suffixes of legal forms written as
	// dotted letters ("s", "as" of "S.A.S."; "l", "rl" of "S.A.R.L."): the
	// remains of a form whose first letters were dropped, with the class
	// of the form, or "" when several classes end so.
	tailLetters map[string]Class
}

var legalWords = lazy[*legalWordIndex]{build: func() *legalWordIndex {
	ix := &legalWordIndex{
		abbrev:      map[string]string{},
		generic:     map[string]bool{},
		phrase:      map[string]bool{},
		typo:        typoIndex{},
		tailLetters: map[string]Class{},
	}
	for a, full := range legalWordAbbrevs {
		ix.abbrev[a] = matchKeyOf(full)
		ix.abbrevKeys.add(a)
	}
	sc := new(scratch)
	long := map[string]bool{}
	for _, row := range legalFormTable {
		for _, rows := range [][]string{row.strong, row.edge} {
			for _, text := range rows {
				startOnly := text[0] == '^'
				text = strings.TrimLeft(text, "^$#%=")
				sc.run(text, surveyText(text))
				phrase := len(sc.words) > 1
				// Letters each followed by a dot, in one case: "S.A.S.", "l.l.c.", not "G.m.b.H.".
				dotted := strings.Count(text, ".") >= 2 && (text == strings.ToUpper(text) || text == strings.ToLower(text))
				for i := range sc.words {
					w := &sc.words[i]
					if w.flags&wLatin == 0 {
						continue
					}
					k := strings.Clone(sc.str(w.key))
					if w.kind == Initialism {
						if len(k) >= 2 && dotted && !startOnly {
							for c := 1; c < len(k); c++ {
								if t := k[c:]; !romanNumeral(t) {
									if old, seen := ix.tailLetters[t]; seen && old != row.class {
										ix.tailLetters[t] = ""
									} else {
										ix.tailLetters[t] = row.class
									}
								}
							}
						}
						continue
					}
					if !phrase || w.flags&wAlpha == 0 {
						continue
					}
					mk := strings.Clone(sc.matchKey(w))
					if full, ok := ix.abbrev[mk]; ok {
						mk = full
					}
					if !legalWordKeep[k] {
						ix.phrase[mk] = true
					}
					if len(k) >= minTypoLen {
						long[mk] = true
					}
					if legalWordClasses[row.class] && len(k) >= 4 && !legalWordKeep[k] {
						ix.generic[mk] = true
					}
				}
			}
		}
	}
	for _, full := range ix.abbrev {
		ix.generic[full] = true
		ix.phrase[full] = true
	}
	for w := range long {
		ix.typo.add(w)
	}
	for k := range ix.generic {
		ix.genericKeys.add(k)
	}
	return ix
}}

// typoIndex finds the word a misspelling stands for: it maps each word
// and each of its one-letter deletions to the word ("" when two words
// share it), so that one lookup per deletion of a query finds every word
// one edit away (symmetric deletion), verified by withinOneEdit. The zero
// typoIndex is empty and ready to use.
type typoIndex struct {
	variants map[string]string
	// masks holds the lengths and letters of the words: most words looked
	// up are no word's misspelling by these alone, and need no lookup.
	masks byteSets
	// ends holds the first three and the last three bytes of the words:
	// one edit leaves one of them whole in a word of affixFilterLen bytes
	// or more.
	ends affixSet
}

// affixSet holds three-byte prefixes (set 0) and suffixes (set 1), each
// folded to one of 1<<15 bits. The zero affixSet holds none.
type affixSet [2][(1 << 15) / 64]uint64

// affixFilterLen is the length from which affixSet rules out
// misspellings: a word one edit from one of this length has seven bytes
// or more, and the edit (two neighbours swapped at most) leaves its first
// or its last three bytes whole.
const affixFilterLen = 8

// affixBits returns the bits of the prefix and of the suffix of w, of
// three bytes or more.
func affixBits(w string) (prefix, suffix uint32) {
	fold := func(a, b, c byte) uint32 { return uint32(a&31)<<10 | uint32(b&31)<<5 | uint32(c&31) }
	n := len(w)
	return fold(w[0], w[1], w[2]), fold(w[n-3], w[n-2], w[n-1])
}

// add adds the affixes of w, of three bytes or more.
func (s *affixSet) add(w string) {
	p, q := affixBits(w)
	s[0][p/64] |= 1 << (p % 64)
	s[1][q/64] |= 1 << (q % 64)
}

// mayShare reports whether k, of affixFilterLen bytes or more, may share
// its prefix or its suffix with a word of s.
func (s *affixSet) mayShare(k string) bool {
	p, q := affixBits(k)
	return s[0][p/64]&(1<<(p%64)) != 0 || s[1][q/64]&(1<<(q%64)) != 0
}

// byteSets holds, by their lengths, the sets of the bytes of some words
// (see byteSet), and each of those sets less one of its bytes, in a
// filter of bits: a word one edit (an insertion, deletion, substitution or
// swap of neighbours) from one of them differs from it in length by one
// at most and in one added byte and one removed at most, so that its set,
// whole or less the byte added, is the word's set whole or less the byte
// removed. The zero byteSets holds no word.
type byteSets struct {
	bits []uint64 // byteSetsBits of them, once a word is added
}

// byteSetsBits is the size of a byteSets: the sets of a few hundred words
// and their sets less one byte take a small part of it, so that few words
// that are no misspelling pass.
const byteSetsBits = 1 << 18

// byteSetsSlot returns the bit of the set m of a word of n bytes.
func byteSetsSlot(n int, m uint64) uint64 {
	return (m ^ uint64(n)*0x9E3779B97F4A7C15) * 0xBF58476D1CE4E5B9 >> (64 - 18)
}

// add adds word w.
func (s *byteSets) add(w string) {
	if s.bits == nil {
		s.bits = make([]uint64, byteSetsBits/64)
	}
	set := func(m uint64) {
		i := byteSetsSlot(len(w), m)
		s.bits[i/64] |= 1 << (i % 64)
	}
	m := byteSet(w)
	set(m)
	for b := m; b != 0; b &= b - 1 {
		set(m &^ (b & -b))
	}
}

// mayMisspell reports whether k may be one edit from a word of s: false
// when it surely is not.
func (s *byteSets) mayMisspell(k string) bool {
	if s.bits == nil {
		return false
	}
	has := func(n int, m uint64) bool {
		i := byteSetsSlot(n, m)
		return s.bits[i/64]&(1<<(i%64)) != 0
	}
	// A word of n bytes: one byte longer than k, k lacks one of its bytes
	// at most; as long or one byte shorter, k may have one byte more.
	m := byteSet(k)
	for n := max(len(k)-1, 0); n <= len(k)+1; n++ {
		if has(n, m) {
			return true
		}
		for b := m; b != 0 && n <= len(k); b &= b - 1 {
			if has(n, m&^(b&-b)) {
				return true
			}
		}
	}
	return false
}

// byteSet returns the set of the bytes of w, each folded to one of 64 bits.
func byteSet(w string) uint64 {
	var m uint64
	for i := 0; i < len(w); i++ {
		m |= 1 << (w[i] & 63)
	}
	return m
}

func (ix *typoIndex) add(w string) {
	var buf [64]byte
	if len(w) > len(buf) {
		return
	}
	if ix.variants == nil {
		ix.variants = map[string]string{}
	}
	ix.put(w, w)
	for i := range len(w) {
		ix.put(strings.Clone(deletion(&buf, w, i)), w)
	}
	ix.masks.add(w)
	if len(w) >= 3 {
		ix.ends.add(w)
	}
}

// deletion returns k without its i-th byte, built in buf: valid until buf
// is used again.
func deletion(buf *[64]byte, k string, i int) string {
	return unsafeString(append(append(buf[:0], k[:i]...), k[i+1:]...))
}

func (ix *typoIndex) put(variant, word string) {
	old, ok := ix.variants[variant]
	switch {
	case !ok || old == word:
		ix.variants[variant] = word
	case old == variant:
		// a word itself wins over a deletion of another
	case variant == word:
		ix.variants[variant] = word
	default:
		ix.variants[variant] = ""
	}
}

// holds reports whether k is a word of the index: correct returns it as
// itself, or nothing when another word is one edit from it too.
func (ix *typoIndex) holds(k string) bool {
	w, ok := ix.variants[k]
	return ok && w == k
}

// matchKeyOf returns the match key of one table word.
func matchKeyOf(s string) string {
	if len(s) >= 5 {
		return soundString(s)
	}
	return s
}

// correct returns the word of the index that k misspells by one edit
// (substitutions only when subst is set), or "" when there is none or
// several.
func (ix *typoIndex) correct(k string, subst bool) string {
	if !ix.mayCorrect(k) {
		return ""
	}
	return ix.nearest(k, subst)
}

// mayCorrect reports whether k may be a word of the index or one edit
// from one: false when the lengths, letters and affixes of the words
// rule both out, and correct returns "".
func (ix *typoIndex) mayCorrect(k string) bool {
	return len(k) <= 63 && (len(k) < affixFilterLen || ix.ends.mayShare(k)) && ix.masks.mayMisspell(k)
}

// nearest is correct for a word k that mayCorrect lets through.
func (ix *typoIndex) nearest(k string, subst bool) string {
	best := ""
	consider := func(v string) bool {
		w, ok := ix.variants[v]
		switch {
		case !ok || w != "" && !withinOneEdit(k, w, subst):
			return true
		case w == "" || best != "" && best != w:
			return false // ambiguous
		}
		best = w
		return true
	}
	if !consider(k) {
		return ""
	}
	var buf [64]byte
	for i := range len(k) {
		if !consider(deletion(&buf, k, i)) {
			return ""
		}
	}
	return best
}

// withinOneEdit reports whether a and b differ by at most one insertion,
// deletion, transposition of neighbouring letters or (if subst)
// substitution.
func withinOneEdit(a, b string, subst bool) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if i == len(a) {
		return true
	}
	if len(a) == len(b) {
		if subst && a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:] // transposition
	}
	return a[i:] == b[i+1:] // insertion into b
}

// romanNumeral reports whether s is made of the letters i, v and x only:
// "Fund I", "Fund V" are numbered names, not remains of a legal form.
func romanNumeral(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != 'i' && s[i] != 'v' && s[i] != 'x' {
			return false
		}
	}
	return true
}
