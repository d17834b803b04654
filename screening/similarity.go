package screening

import (
	"fmt"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xrash/smetrics"

	"github.com/entityscreen/entityscreen/screening/internal/normalize"
)

// How says how two tokens met.
//
// The zero How is "none": words that did not meet. How values are immutable
// and safe for concurrent use.
type How uint8

// The ways two tokens can meet, from strongest to weakest.
const (
	NoMatch      How = iota
	Exact            // equal keys
	Spelling         // equal romanization-insensitive keys (Kasperskiy, Kaspersky), or the same consonants for a word whose vowels were guessed (Matmin, Motmaen)
	Abbreviation     // one is a prefix of a common organization word (Electr, Electronics)
	Typo             // within the typo budget for their length, scored by Jaro-Winkler
	Joined           // two adjacent words of one side equal one word of the other (Gazprom Bank, Gazprombank; Kaspersky Lab, KasperskyLab)
	Acronym          // a word of one side spells the initials of the other's words (IRGC, Islamic Revolutionary Guard Corps), or their first letters (FINCIMEX, Financiera Cimex)
	Glued            // an organization word meets the same word glued to a name on the other side, the name met otherwise or not at all (Bank, Mosnarbank): it covers the organization word only, and is no evidence of one party
	Translation      // words that translate one another (Shargh, Vostok, East: see normalize.Meaning)
)

var howNames = [...]string{"none", "exact", "spelling", "abbreviation", "typo", "joined", "acronym", "glued", "translation"}

// String returns the lower-case name of h, as used in explanations.
func (h How) String() string {
	if int(h) < len(howNames) {
		return howNames[h]
	}
	return "unknown"
}

// MarshalText renders h by name in JSON.
func (h How) MarshalText() ([]byte, error) { return []byte(h.String()), nil }

// UnmarshalText reads h back from its name, so explanations round-trip
// through JSON.
func (h *How) UnmarshalText(text []byte) error {
	for i, name := range howNames {
		if name == string(text) {
			*h = How(i)
			return nil
		}
	}
	return fmt.Errorf("screening: unknown way of meeting %q", text)
}

// Similarities given to ways of meeting that do not compare letters.
const (
	simSpelling     = 0.96
	simAbbreviation = 0.90
	simAcronym      = 0.90
	// simTranslation is the similarity of words that translate one
	// another: a name translated is the name, but such words are common
	// ones, and never the only evidence (see scoreWords).
	simTranslation = 0.90
	// minAcronym is the fewest letters of an acronym: three-letter
	// initials are shared by too many names.
	minAcronym = 4
	// minAcronymWord is the shortest word whose initial makes an acronym.
	minAcronymWord = 3
	// minAbbrev is the shortest prefix accepted as an abbreviation.
	minAbbrev = 4
	// minSpelling is the shortest word whose romanization-insensitive key is
	// trusted, for both words: shorter words that sound alike are often
	// other words (Coty, Koti; iQIYI, ICI).
	minSpelling = 5
	// typoCost scales what an edit costs relative to the word's length: a
	// typo in a short word weighs more, since it more often makes another
	// name (Masco, Mosco) than a misspelling of one.
	typoCost = 1.2
	// soundTypoCost is the extra edit charged to words that are within the
	// typo budget only once their romanization is forgotten.
	soundTypoCost = 0.5
)

// The Jaro-Winkler similarity of misspelt words (see typoSim) raises the
// Jaro similarity for a common prefix of up to jaroWinklerPrefix letters,
// and only of words whose Jaro similarity is above jaroWinklerBoost: the
// standard parameters of Winkler's measure.
const (
	jaroWinklerBoost  = 0.7
	jaroWinklerPrefix = 4
)

// The typo budget (see typoBudget): words of up to exactLen letters must
// be spelled exactly; longer ones are forgiven one edit per lettersPerEdit
// letters or part thereof beyond exactLen, maxEdits at most.
const (
	exactLen       = 3
	lettersPerEdit = 4
	maxEdits       = 3
)

// typoBudget is the number of edits (insertions, deletions, substitutions,
// transpositions of neighbours) tolerated between two words whose longer one
// has n letters: none up to exactLen letters, then one edit per
// lettersPerEdit letters or part thereof beyond them, maxEdits at most, so
// that a typo in any position, the first letter included, is forgiven in
// proportion to the length of the word.
func typoBudget(n int) int {
	if n <= exactLen {
		return 0
	}
	return min((n-exactLen+lettersPerEdit-1)/lettersPerEdit, maxEdits)
}

// word is a normalized word with what comparing it needs.
type word struct {
	key      string
	sound    string
	kind     normalize.Kind
	common   bool // an organization word or a word in many list names: it may be abbreviated
	everyday bool // a distinctive everyday English word (a qualifier too), see normalize.Everyday
	// connector is set for an organization word that joins or marks the
	// words of a name ("of", "and"), see normalize.Connector.
	connector bool
	// initial is the word's initial in an acronym (see initialOf), and
	// acro whether it may spell the initials of a run of words (see
	// runAcronym); set by setInitials.
	initial byte
	acro    bool
	// guessed is set for a query word whose vowels were guessed
	// (normalize.Token.Guessed): it meets a word of the same consonants.
	// A list's word is never guessed: one term stands for the same key in
	// every name, whatever script it was read from.
	guessed bool
	// meaning is set for a distinctive word that names translate: the
	// words of one meaning meet (see normalize.Meaning).
	meaning uint8
	mask    uint64 // the set of bytes of key, folded to 64 bits, see letterMask
	smask   uint64 // the same for sound
}

// newWord returns the word of token t. A qualifier is a distinctive word
// whose weight its name lowers (see queryQualifierShare).
func newWord(t normalize.Token) word {
	kind := t.Kind
	if kind == normalize.Qualifier {
		kind = normalize.Distinctive
	}
	w := word{key: t.Key, sound: t.Sound, common: t.Kind == normalize.Generic,
		mask: letterMask(t.Key), smask: letterMask(t.Sound)}
	w.setKind(kind)
	return w
}

// setKind sets the kind of w to k, and what follows from its kind: whether
// it is an everyday word or a connector, its meaning and its initials.
func (w *word) setKind(k normalize.Kind) {
	w.kind = k
	w.everyday = k == normalize.Distinctive && normalize.Everyday(w.key)
	w.connector = k == normalize.Generic && normalize.Connector(w.key)
	w.setMeaning()
	w.setInitials()
}

// gluedOrg reports whether w is a distinctive word that reads as a name
// glued to an organization word (normalize.GluedOrg), which the
// organization word alone may meet: see appendGluedOrgs.
func gluedOrg(w *word) bool {
	return w.kind == normalize.Distinctive && normalize.GluedOrg(w.key)
}

// setMeaning sets w.meaning from its key, sound key and kind.
func (w *word) setMeaning() {
	w.meaning = 0
	if w.kind == normalize.Distinctive {
		w.meaning = uint8(normalize.Meaning(w.key, w.sound))
	}
}

// setInitials sets w.initial and w.acro from its key, kind and flags.
func (w *word) setInitials() {
	w.initial, w.acro = initialOf(w), runAcronym(w)
}

// newQueryWord returns the word of token t of a query: newWord, guessed
// when its vowels were.
func newQueryWord(t normalize.Token) word {
	w := newWord(t)
	w.guessed = t.Guessed
	return w
}

// letterMask returns the set of the bytes of s, each byte folded to one of 64
// bits. One edit takes at most one bit out of the set and puts at most one
// in, so a word whose set lacks more than d bits of another's is more than
// d edits from it (see lettersWithin).
func letterMask(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		m |= 1 << (s[i] & 63)
	}
	return m
}

// wordSim compares two words. Only an ordinary organization word (common)
// may be abbreviated by a prefix, and only a query word a whose vowels were
// guessed meets a word by its consonants (see consonantSim). It returns
// the similarity in [0, 1] and how the words met; NoMatch means similarity
// 0.
func wordSim(a, b *word) (float64, How) {
	return compareWords(a, b, true)
}

// compareWords is wordSim, but that it looks for a misspelling (typoSim)
// only when typos is set: words that mayTypo rejects are none.
func compareWords(a, b *word, typos bool) (float64, How) {
	if a.key == b.key {
		return 1, Exact
	}
	kindA, kindB := a.kind, b.kind
	// Numbers and words in scripts that are not transliterated match exactly
	// or not at all: "140 Repair Plant" is not "356 Repair Plant".
	if kindA == normalize.Number || kindB == normalize.Number ||
		kindA == normalize.NonLatin || kindB == normalize.NonLatin {
		return 0, NoMatch
	}
	if a.sound != "" && a.sound == b.sound && min(len(a.key), len(b.key)) >= minSpelling {
		return simSpelling, Spelling
	}
	if a.meaning != 0 && a.meaning == b.meaning {
		return simTranslation, Translation
	}
	if s, ok := abbreviationSim(a.key, b.key, b.common); ok {
		return s, Abbreviation
	}
	if s, ok := abbreviationSim(b.key, a.key, a.common); ok {
		return s, Abbreviation
	}
	sim, ok := 0.0, false
	if typos {
		sim, ok = typoSim(a, b)
	}
	if a.guessed { // see consonantSim
		if cs := consonantSim(a, b); cs > 0 && (!ok || sim < cs) {
			return cs, Spelling
		}
	}
	if ok {
		return sim, Typo
	}
	return 0, NoMatch
}

// lettersWithin reports whether two words of letter sets x and y (see
// letterMask) may be within budget edits of each other: an edit takes at
// most one letter out of a word's set and puts at most one in, so each
// set lacks at most budget letters of the other.
func lettersWithin(x, y uint64, budget int) bool {
	return bits.OnesCount64(x&^y) <= budget && bits.OnesCount64(y&^x) <= budget
}

// typoSim compares two words as misspellings of each other: within the typo
// budget of their length, scored by Jaro-Winkler and lowered for short
// words. It does not look for equal keys, equal sound keys or abbreviations.
func typoSim(a, b *word) (float64, bool) {
	n := max(len(a.key), len(b.key))
	budget := typoBudget(n)
	if budget == 0 || absDiff(len(a.key), len(b.key)) > budget {
		return 0, false
	}
	d := float64(budget + 1)
	if lettersWithin(a.mask, b.mask, budget) {
		d = float64(editDistance(a.key, b.key, budget))
	}
	// Words nearer by their sound keys than by their keys, within the
	// budget only so or not, differ in spelling and by a typo besides
	// ("Terneftgas", "Terneftegaz"): their distance is their sound keys',
	// and half an edit more. Words one edit apart are never nearer so.
	if nearer := int(d) - 1; nearer >= 1 && a.sound != "" && b.sound != "" && lettersWithin(a.smask, b.smask, nearer) {
		if ds := editDistance(a.sound, b.sound, nearer); ds <= nearer {
			d = float64(ds) + soundTypoCost
		}
	}
	if d > float64(budget)+soundTypoCost {
		return 0, false
	}
	return min(smetrics.JaroWinkler(a.key, b.key, jaroWinklerBoost, jaroWinklerPrefix), 1-typoCost*d/float64(n)), true
}

// mayTypo reports whether a and b pass the checks of typoSim that come
// before their edit distance: when it reports false, typoSim finds no
// misspelling without computing one.
func mayTypo(a, b *word) bool {
	budget := typoBudget(max(len(a.key), len(b.key)))
	if budget == 0 || absDiff(len(a.key), len(b.key)) > budget {
		return false
	}
	return lettersWithin(a.mask, b.mask, budget) ||
		a.sound != "" && b.sound != "" && lettersWithin(a.smask, b.smask, budget)
}

// acronymOf returns the initials of the words ts, connectors ("of",
// "and") left out, organization words too unless generic is set, and
// qualifiers unless places is set ("Beijing Computational Science Research
// Center" is CSRC, "National Iranian Oil Company" NIOC), when there are
// minAcronym of them or more and every word is an ordinary word (no
// number, initialism or word of another script), or "".
func acronymOf(ts []normalize.Token, generic, places bool) string {
	var b [64]byte
	n := 0
	for _, t := range ts {
		switch {
		case t.Kind == normalize.Generic && (!generic || normalize.Connector(t.Key)), t.Kind == normalize.Qualifier && !places:
			continue
		case t.Kind == normalize.Number || t.Kind == normalize.Initialism || t.Kind == normalize.NonLatin,
			len(t.Key) < minAcronymWord, n == len(b):
			return ""
		}
		b[n] = t.Key[0]
		n++
	}
	if n < minAcronym {
		return ""
	}
	return string(b[:n])
}

// writtenInCapitals reports whether key, a word's lower-case ASCII key,
// stands in text as a word in capitals while text has lower-case letters
// too. Text is read in its ASCII form (see asciiForm): "ÇELIK" is "CELIK"
// in capitals.
func writtenInCapitals(text, key string) bool {
	if strings.ToUpper(text) == text {
		return false
	}
	text = asciiForm(text)
	up := strings.ToUpper(key)
	for i := 0; ; {
		j := strings.Index(text[i:], up)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(up)
		if (start == 0 || !isLetter(text[start-1])) && (end == len(text) || !isLetter(text[end])) {
			return true
		}
		i = start + 1
	}
}

// asciiForm returns text with its Latin letters folded to ASCII letters of
// the same case ("ÇELIK, Ahmet" is "CELIK, Ahmet", "ŁUKASZ" "LUKASZ") and
// combining marks dropped; other runes stay. A text of ASCII is returned
// as is.
func asciiForm(text string) string {
	i := 0
	for i < len(text) && text[i] < utf8.RuneSelf {
		i++
	}
	if i == len(text) {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	b.WriteString(text[:i])
	for _, r := range text[i:] {
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
		default:
			if f, ok := normalize.FoldLatin(string(r)); ok {
				if unicode.IsUpper(r) || unicode.IsTitle(r) {
					f = strings.ToUpper(f)
				}
				b.WriteString(f)
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// minNameSpelling is the shortest word of a person's name whose
// romanization-insensitive key is trusted: given names are short and
// spelled many ways ("Aly", "Ali"; "Yusuf", "Yousef").
const minNameSpelling = 3

// maxNameTypoLen is the length up to which a word of a person's name is
// never misspelled: short name parts one letter apart are other names
// ("Yong", "Myong"; "Su", "Si").
const maxNameTypoLen = 4

// nameSim adjusts how query word a and b, a word of a person's name, met
// (sim, how, from wordSim): short name parts met by a typo do not meet, nor
// name parts more than one edit apart ("Mingming", "Dongming"),
// and names spelled alike once their romanization is forgotten meet from
// minNameSpelling letters ("Aly", "Ali"), as do the spellings of one given
// name in other romanizations (givenNameVariants: "Ihor", "Igor").
func nameSim(a, b *word, sim float64, how How) (float64, How) {
	switch {
	case how == Exact || how == Spelling:
	case how == Translation: // a person's name is not translated
		return 0, NoMatch
	case sameGivenName(a.key, b.key), samePatronymic(a.key, b.key), romanizedAlike(a.key, b.key),
		how == NoMatch && a.sound != "" && a.sound == b.sound && min(len(a.key), len(b.key)) >= minNameSpelling:
		return simSpelling, Spelling
	case how == Typo && (min(len(a.key), len(b.key)) <= maxNameTypoLen || editDistance(a.key, b.key, 1) > 1):
		return 0, NoMatch
	}
	return sim, how
}

// minRomanizedAlike is the shortest word of a person's name that meets
// another written with other letters for one sound (see romanizedAlike):
// shorter names one letter apart are as often other names ("Lena",
// "Lina"; "Hill", "Gill").
const minRomanizedAlike = 5

// romanizedAlike reports whether a and b, keys of words of a person's
// name, are one name romanized in two ways: of the same length, and where
// they differ, one has a letter that the other's romanization writes for
// the same sound. These are the short vowels of Arabic and Persian names,
// which one romanization writes o or e and another u or i ("Soleyman",
// "Suleyman"; "Hossein", "Hussein"; "Mohsen", "Mohsin"); y and i; and the
// Ukrainian h for the Russian g of one Cyrillic letter ("Horban",
// "Gorban"; "Hennadiy", "Gennadiy"), an h that is no part of a digraph
// (kh, sh, ch, zh).
func romanizedAlike(a, b string) bool {
	if len(a) != len(b) || len(a) < minRomanizedAlike || a == b {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := min(a[i], b[i]), max(a[i], b[i])
		switch {
		case x == y, x == 'o' && y == 'u', x == 'e' && y == 'i', x == 'i' && y == 'y':
		case x == 'g' && y == 'h' && (i == 0 || strings.IndexByte("cdgkpstz", a[i-1]) < 0):
		default:
			return false
		}
	}
	return true
}

// minNearSpelling is the shortest given name that a word spelling it
// nearly (see nearSpelling) may stand for.
const minNearSpelling = 5

// nearSpelling reports whether a and b, a query word and a given name of a
// listed person that met no word, spell one name nearly: they begin alike,
// are minNearSpelling letters long or longer, and each holds all the
// other's letters in order but one ("Lyudmila", "Ludmilla": a letter
// dropped and another added). That is too far for two words to meet (see
// typoBudget), but near enough for a given name that other words of the
// name meet to be the same name written otherwise; two letters written
// otherwise ("Hamza", "Hamed") make another name.
func nearSpelling(a, b string) bool {
	if min(len(a), len(b)) < minNearSpelling || max(len(a), len(b)) > maxEditLen || a[0] != b[0] || absDiff(len(a), len(b)) > 2 {
		return false
	}
	return len(a)+len(b)-2*commonSubsequence(a, b) <= 2
}

// commonSubsequence returns the length of the longest run of letters that
// a and b, of maxEditLen bytes at most, both hold in order, not
// necessarily side by side.
func commonSubsequence(a, b string) int {
	var buf [2 * (maxEditLen + 1)]int
	prev, cur := buf[:len(b)+1], buf[maxEditLen+1:maxEditLen+2+len(b)]
	for i := range len(a) {
		for j := range len(b) {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// abbreviationSim reports whether short abbreviates long by being its prefix,
// which is accepted only for common organization words: "Electr" for
// "Electronics" is an abbreviation, "Kasper" for "Kaspersky" is another name.
func abbreviationSim(short, long string, longIsCommon bool) (float64, bool) {
	if !longIsCommon || len(short) < minAbbrev || len(short) >= len(long) {
		return 0, false
	}
	if !strings.HasPrefix(long, short) {
		return 0, false
	}
	return simAbbreviation, true
}

func absDiff(a, b int) int {
	if a > b {
		return a - b
	}
	return b - a
}

// maxEditLen bounds the words compared on the stack (see consonantSim);
// longer words are compared on the heap.
const maxEditLen = 48

// editDistance returns the optimal string alignment distance between a and b
// (Levenshtein with transpositions of adjacent letters), or limit+1 as soon as
// it is known to exceed limit. When the shorter word has at most maxPattern
// bytes, as nearly always, the table is computed a column in one word (see
// patternDistance); otherwise only the cells within limit of the diagonal
// are. It compares bytes: keys are ASCII.
func editDistance(a, b string, limit int) int {
	big := limit + 1
	if absDiff(len(a), len(b)) > limit {
		return big
	}
	if len(b) > len(a) {
		a, b = b, a
	}
	if len(b) <= maxPattern {
		return patternDistance(b, a, limit)
	}
	rows := make([]int, 3*(len(b)+2))
	w := len(b) + 2 // one spare cell past the end, for the band's edge
	prev2, prev, cur := rows[:w], rows[w:2*w], rows[2*w:]
	for j := range prev {
		prev[j] = min(j, big)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		cur[0] = min(i, big)
		if lo > 1 {
			cur[lo-1] = big
		}
		rowMin := big
		if lo == 1 {
			rowMin = cur[0]
		}
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			v = min(v, big)
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		cur[hi+1] = big
		if rowMin > limit {
			return big
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// patternDistance is editDistance for a p of at most maxPattern bytes, a
// column of the table in one word (see osaColumns).
func patternDistance(p, t string, limit int) int {
	m := len(p)
	if m == 0 {
		return min(len(t), limit+1)
	}
	var at [256]uint64 // at[c] has bit i set when p[i] == c
	for i := 0; i < m; i++ {
		at[p[i]] |= 1 << i
	}
	return osaColumns(&at, m, t, limit)
}

// writtenAlike says how alike two names are written, case and punctuation
// aside: the share of their words, runs of letters and digits, that the
// other holds too (the Dice coefficient). It orders names of equal score
// ("Acme Trading Corp" is written more like "Acme Trading Corp." than
// "ACME TRADING CORPORATION" is). Words past the 64th of b are not counted
// as met.
func writtenAlike(a, b string) float64 {
	var bw [64]string // the words of b that may be met
	nb := 0
	for i := 0; ; nb++ {
		var w string
		if w, i = nextSurfaceWord(b, i); w == "" {
			break
		}
		if nb < len(bw) {
			bw[nb] = w
		}
	}
	var used uint64 // words of b met already
	na, met := 0, 0
	for i := 0; ; na++ {
		var wa string
		if wa, i = nextSurfaceWord(a, i); wa == "" {
			break
		}
		for k, wb := range bw[:min(nb, len(bw))] {
			if used&(1<<k) == 0 && strings.EqualFold(wa, wb) {
				used |= 1 << k
				met++
				break
			}
		}
	}
	if na+nb == 0 {
		return 0
	}
	return 2 * float64(met) / float64(na+nb)
}

// nextSurfaceWord returns the first run of ASCII letters and digits, or of
// other non-ASCII text, of s from byte i on, and the byte after it; the
// run is "" when there is none.
func nextSurfaceWord(s string, i int) (string, int) {
	for i < len(s) && !surfaceByte(s[i]) {
		i++
	}
	start := i
	for i < len(s) && surfaceByte(s[i]) {
		i++
	}
	return s[start:i], i
}

// surfaceByte reports whether byte c is part of a word of surface text: an
// ASCII letter or digit, or a byte of non-ASCII text.
func surfaceByte(c byte) bool {
	return c >= utf8.RuneSelf || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
}
