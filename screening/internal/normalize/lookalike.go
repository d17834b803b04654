package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Stage 1, continued: letters written with other characters that look
// like them, the way a name is disguised to slip past a screen.
//
// Lookalike letters of other scripts. The lookalikes table maps the
// Cyrillic, Greek and Cherokee letters that Unicode's confusables data
// (UTS #39, confusables.txt) gives as confusable with a Latin letter to
// that letter: Cyrillic а е о р с у х і ј ѕ һ ԁ ԛ ԝ and capitals А В Е К
// М Н О Р С Т Х, Greek Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ and ο ν, Cherokee Ꭺ Ꮪ
// Ꮶ ... . The table is case-sensitive, as the confusables are: capital К
// looks like K, small к like no Latin letter. Where confusables.txt gives
// the skeleton of a capital as another letter (І and Ι as l, since Latin I
// is itself confusable with l) the table gives the letter it is written
// as, i.
//
// Weaker lookalikes. Cyrillic and Greek small letters that look like the
// small capitals of Latin letters, which the fold reads as those letters
// (Cyrillic к ᴋ, в ʙ, н ʜ, м ᴍ, т ᴛ, г ᴦ and so r, and Greek κ ĸ, τ ᴛ;
// confusables.txt gives them so), and the Armenian letters that look like
// Latin ones (օ Օ o, ս Ս u, հ h, ո ռ n, զ գ q, ց g, ք f, Տ s) are
// lookalikes too,
// but weaker ones (weakLookalikes): a Cyrillic word written with a Latin
// "o" ("Вoстoк") is no Latin word, so a word that holds one reads its
// lookalikes as Latin letters only when it holds a Latin letter that
// looks like none of Cyrillic ("Kаsреrsкy": s, r; see latinTwins), and a
// word made only of lookalikes is never Latin for them ("Восток Energy").
//
// A word (a run of letters and digits, see wordLen) reads its lookalikes
// as Latin letters when every Cyrillic, Greek, Armenian and Cherokee
// letter in it has a lookalike and it holds a Latin letter ("Kаsреrskу
// Lаb", with Cyrillic а р е у) or a Cherokee letter (a script not read
// otherwise: "ᏦᎪᏚᏢᎬᎡᏚᏦᎽ"). The decision is the word's own, so that the Display,
// which keeps each word's text, normalizes to the same tokens. A word made only of Cyrillic or Greek
// lookalikes ("РЕСО") is read as Latin only when the name is otherwise
// Latin ("РЕСО Energy"; see readLookalikeWords); otherwise it is
// transliterated as before ("ТАСС", "ООО Касперский Груп").
//
// Digits and symbols standing for letters. Inside a word of mostly letters
// a digit between two letters stands for the letter it looks like
// ("R0s0b0r0nexp0rt", "Kasp3rsky"), and "@" and "$" between two letters
// always do ("K@spersky"); see readStandIns.
//
// Latin small capitals (ᴋᴀsᴘᴇʀsᴋʏ) are Latin letters that do not
// decompose: specialFold maps them.

// lookalikes maps Cyrillic, Greek and Cherokee letters to the lower-case
// Latin letter they look like (confusables.txt).
var lookalikes = map[rune]byte{
	// Cyrillic small letters.
	'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x',
	'і': 'i', 'ј': 'j', 'ѕ': 's', 'һ': 'h', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w',
	'ү': 'y', 'ѵ': 'v',
	// Cyrillic capitals.
	'А': 'a', 'В': 'b', 'Е': 'e', 'К': 'k', 'М': 'm', 'Н': 'h', 'О': 'o',
	'Р': 'p', 'С': 'c', 'Т': 't', 'Х': 'x', 'У': 'y', 'Ѕ': 's', 'І': 'i',
	'Ј': 'j', 'Һ': 'h', 'Ԛ': 'q', 'Ԝ': 'w', 'Ү': 'y', 'Ѵ': 'v',
	// Greek capitals.
	'Α': 'a', 'Β': 'b', 'Ε': 'e', 'Ζ': 'z', 'Η': 'h', 'Ι': 'i', 'Κ': 'k',
	'Μ': 'm', 'Ν': 'n', 'Ο': 'o', 'Ρ': 'p', 'Τ': 't', 'Υ': 'y', 'Χ': 'x',
	'Ϲ': 'c', 'Ϳ': 'j',
	// Greek small letters.
	'α': 'a', 'γ': 'y', 'ι': 'i', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'υ': 'u',
	'ϲ': 'c', 'ϳ': 'j',
	// Cherokee capitals; the small letters read as their capitals.
	'Ꭰ': 'd', 'Ꭱ': 'r', 'Ꭲ': 't', 'Ꭵ': 'i', 'Ꭹ': 'y', 'Ꭺ': 'a', 'Ꭻ': 'j',
	'Ꭼ': 'e', 'Ꮃ': 'w', 'Ꮇ': 'm', 'Ꮋ': 'h', 'Ꮍ': 'y', 'Ꮐ': 'g', 'Ꮒ': 'h',
	'Ꮓ': 'z', 'Ꮟ': 'b', 'Ꮢ': 'r', 'Ꮤ': 'w', 'Ꮥ': 's', 'Ꮩ': 'v', 'Ꮪ': 's',
	'Ꮮ': 'l', 'Ꮯ': 'c', 'Ꮲ': 'p', 'Ꮶ': 'k', 'Ꮷ': 'd', 'Ᏻ': 'g', 'Ᏼ': 'b',
}

// weakLookalikes maps the weaker lookalikes (see above) to the lower-case
// Latin letter they look like.
var weakLookalikes = map[rune]byte{
	// Cyrillic and Greek small letters that look like Latin small capitals.
	'к': 'k', 'в': 'b', 'н': 'h', 'м': 'm', 'т': 't', 'г': 'r', 'κ': 'k', 'τ': 't',
	// Armenian.
	'օ': 'o', 'Օ': 'o', 'ս': 'u', 'Ս': 'u', 'հ': 'h', 'ո': 'n', 'ռ': 'n',
	'զ': 'q', 'գ': 'q', 'ց': 'g', 'ք': 'f', 'Տ': 's',
}

// weakMark marks the weaker lookalikes in lookalikeTab.
const weakMark = 0x80

// lookalikeTab holds the lookalikes of the Greek, Cyrillic and Armenian
// blocks (lookalikeTab.scripts[r-0x0370]) and of the Cherokee capitals
// (lookalikeTab.cherokee[r-0x13A0]), 0 for none, weakMark added for the
// weaker ones: looked up for every letter of those scripts.
var lookalikeTab = func() (t struct {
	scripts  [0x0590 - 0x0370]byte
	cherokee [0x13F6 - 0x13A0]byte
}) {
	set := func(r rune, b byte) {
		switch {
		case r >= 0x0370 && r < 0x0590:
			t.scripts[r-0x0370] = b
		case r >= 0x13A0 && r < 0x13F6:
			t.cherokee[r-0x13A0] = b
		default:
			panic("normalize: lookalike outside the Greek, Cyrillic, Armenian and Cherokee blocks") // a bug in the table
		}
	}
	for r, b := range lookalikes {
		set(r, b)
	}
	for r, b := range weakLookalikes {
		set(r, b|weakMark)
	}
	return t
}()

// lookalikeByte returns the entry of lookalikeTab for r.
func lookalikeByte(r rune) byte {
	switch {
	case r < 0x0370:
	case r < 0x0590:
		return lookalikeTab.scripts[r-0x0370]
	case r >= 0x13A0 && r < 0x13F6:
		return lookalikeTab.cherokee[r-0x13A0]
	case r >= 0x13F8 && r <= 0x13FD || r >= 0xAB70 && r <= 0xABBF:
		return lookalikeByte(unicode.ToUpper(r)) // a small Cherokee letter
	}
	return 0
}

// lookalike returns the Latin letter that the Cyrillic, Greek, Armenian
// or Cherokee letter r looks like.
func lookalike(r rune) (byte, bool) {
	b := lookalikeByte(r) &^ weakMark
	return b, b != 0
}

// isWeakLookalike reports whether r is one of the weaker lookalikes.
func isWeakLookalike(r rune) bool {
	return lookalikeByte(r)&weakMark != 0
}

// latinTwins are the ASCII letters that look like a Cyrillic letter of
// the alphabets most written ("Вoстoк" may be written with a Latin o by
// mistake): a word with a weaker lookalike reads as Latin only with a
// Latin letter that is none of them.
var latinTwins = [utf8.RuneSelf]bool{
	'a': true, 'c': true, 'e': true, 'i': true, 'j': true, 'o': true, 'p': true, 'x': true, 'y': true,
	'A': true, 'B': true, 'C': true, 'E': true, 'H': true, 'I': true, 'J': true, 'K': true, 'M': true,
	'O': true, 'P': true, 'T': true, 'X': true, 'Y': true,
}

// isCherokee reports whether r is a Cherokee letter.
func isCherokee(r rune) bool {
	return r >= 0x13A0 && r <= 0x13FD || r >= 0xAB70 && r <= 0xABBF
}

// hasLookalikes reports whether r is a letter of a script whose letters
// may be lookalikes (Cyrillic, Greek, Armenian, Cherokee).
func hasLookalikes(r rune) bool {
	return r >= 0x0370 && r <= 0x058F || r >= 0x1F00 && r <= 0x1FFF || isCherokee(r)
}

// holdsLookalikeScripts reports whether s has a letter of a script with
// lookalikes: names that have none (plain ASCII, accented Latin, Han,
// Arabic) skip the stages that read lookalikes.
func holdsLookalikeScripts(s string) bool {
	for _, r := range s {
		if hasLookalikes(r) {
			return true
		}
	}
	return false
}

// Kinds of letters of a text, see letterKinds.
const (
	latinLetters   uint8 = 1 << iota // Latin letters
	lookLetters                      // lookalikes of Latin letters
	cherokeeLook                     // Cherokee lookalikes
	foreignLetters                   // a letter of another script, or a Cyrillic, Greek, Armenian or Cherokee letter that is no lookalike
	weakLook                         // weaker lookalikes (see weakLookalikes)
	plainLatin                       // Latin letters that are no latinTwins
)

// letterKinds returns the kinds of the letters of s (latinLetters and
// plainLatin, lookLetters and weakLook, cherokeeLook), or foreignLetters
// as soon as it meets a letter of another kind, which decides what the
// callers want to know.
// Letters that transliterate to nothing (ь, ъ) leave no trace in the
// folded text: they do not count.
func letterKinds(s string) uint8 {
	var k uint8
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
				k |= latinLetters
				if !latinTwins[r] {
					k |= plainLatin
				}
			}
		case hasLookalikes(r):
			switch _, ok := lookalike(r); {
			case ok && isCherokee(r):
				k |= lookLetters | cherokeeLook
			case ok && isWeakLookalike(r):
				k |= lookLetters | weakLook
			case ok:
				k |= lookLetters
			case isLetterRune(r) && !foldsToNothing(r):
				return foreignLetters
			}
		case !isLetterRune(r), isApostrophe(r): // a modifier letter "ʻ" is an apostrophe, as wordLen reads it
		case isLatinScript(r):
			k |= latinLetters | plainLatin
		default:
			return foreignLetters
		}
	}
	return k
}

// readsLookalikes reports whether the word w reads its lookalikes as
// Latin letters: it mixes them with Latin letters, or holds Cherokee ones,
// and has no other letter of their scripts; with a weaker lookalike, it
// holds a Latin letter that is no latinTwins.
func readsLookalikes(w string) bool {
	return readsKinds(letterKinds(w))
}

// readsKinds is readsLookalikes of a word of the letter kinds k.
func readsKinds(k uint8) bool {
	return k&foreignLetters == 0 && k&lookLetters != 0 && k&(latinLetters|cherokeeLook) != 0 &&
		(k&weakLook == 0 || k&plainLatin != 0)
}

// hasReading reports whether the letter r of a script with lookalikes
// reads as Latin letters of its own, transliterated, or decomposes into a
// letter that does (Ѐ, Е and a grave accent): a Cherokee letter, and a
// Cyrillic one of no language the transliteration knows (Ԛ), does not.
func hasReading(r rune) bool {
	lr := toLower(r)
	if _, ok := specialFolded(lr); ok {
		return true
	}
	if _, ok := cyrillicLetter(lr); ok {
		return true
	}
	if _, ok := greek[lr]; ok {
		return true
	}
	if _, ok := armenian[lr]; ok {
		return true
	}
	var buf [utf8.UTFMax]byte
	d := norm.NFD.Properties(utf8.AppendRune(buf[:0], r)).Decomposition()
	base, _ := utf8.DecodeRune(d)
	return len(d) > 0 && base != r && hasReading(base)
}

// wordLen returns the length of the word that starts s, as the lookalikes
// read it, and whether it holds a lookalike: a run of letters of Latin and
// of the scripts with lookalikes and ASCII digits (see wordLetter), with
// the combining marks and format characters among them, and an apostrophe
// where it joins two letters. It is never more than a word of the
// tokenizer (see tokenize), which the Display writes whole: a word's
// reading depends on nothing the Display may drop.
func wordLen(s string) (n int, look bool) {
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		switch {
		case wordLetter(r, s[n:n+size]):
			if _, ok := lookalike(r); ok {
				look = true
			}
		case n > 0 && isMarkOrFormat(r):
		case n > 0 && isApostrophe(r):
			j := n + size
			for j < len(s) {
				m, k := utf8.DecodeRuneInString(s[j:])
				if !isMarkOrFormat(m) {
					break
				}
				j += k
			}
			if next, k := utf8.DecodeRuneInString(s[j:]); j == len(s) || !wordLetter(next, s[j:j+k]) {
				return n, look
			}
		default:
			return n, look
		}
		n += size
	}
	return n, look
}

// wordLetter reports whether r, the rune that s is, is a letter of a word
// as the lookalikes read it: a letter of Latin or of a script with
// lookalikes, or an ASCII digit, that folds to Latin letters (see
// foldsToLatin), but a letter of a script with lookalikes that is none and
// has no reading (ԉ, Ꭳ), which stays a letter of its script, a word of the
// tokenizer of its own.
func wordLetter(r rune, s string) bool {
	if !startsWord(r) || !foldsToLatin(r, s) {
		return false
	}
	if r < utf8.RuneSelf || !hasLookalikes(r) {
		return true
	}
	_, ok := lookalike(r)
	return ok || hasReading(r)
}

// foldsToNothing reports whether r is a Cyrillic letter that
// transliterates to nothing (ь, ъ, ӏ).
func foldsToNothing(r rune) bool {
	t, ok := cyrillicLetter(toLower(r))
	return ok && t == ""
}

// startsWord reports whether r is a letter of Latin or of a script with
// lookalikes, or an ASCII digit.
func startsWord(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return (hasLookalikes(r) || isLatinScript(r)) && isLetterRune(r)
}

// foldsToLatin reports whether the letter r (the rune that s is), of
// Latin or of a script with lookalikes, folds to ASCII letters alone, as
// the tokenizer reads a word of Latin letters: a Latin letter of a special
// fold (ß, ø), or whose compatibility decomposition is such letters and
// marks (é, ﬃ); not "ŀ", whose decomposition "l·" breaks the word in two,
// nor a letter that stays itself ("ȼ"), a word of its own to the
// tokenizer. The letters of the scripts with lookalikes are told apart by
// wordLetter.
func foldsToLatin(r rune, s string) bool {
	if r < utf8.RuneSelf || hasLookalikes(r) {
		return true
	}
	if t, ok := specialFolded(toLower(r)); ok {
		return t != "" && !strings.ContainsFunc(t, func(c rune) bool { return !isASCIIWordByteRune(c) })
	}
	d := norm.NFKD.PropertiesString(s).Decomposition()
	letters := false
	for _, c := range string(d) {
		switch {
		case c < utf8.RuneSelf && isASCIIWordByteRune(c), c >= utf8.RuneSelf && unicode.IsLetter(c) && foldsToLatin(c, string(c)):
			letters = true
		case !inCategories(c, catMn|catMc|catMe):
			return false
		}
	}
	return letters
}

// isASCIIWordByteRune reports whether c is an ASCII letter or digit.
func isASCIIWordByteRune(c rune) bool { return c < utf8.RuneSelf && isASCIIWordByte(byte(c)) }

// isMarkOrFormat reports whether r is a combining mark or a format
// character.
func isMarkOrFormat(r rune) bool {
	return r >= utf8.RuneSelf && inCategories(r, catMn|catMc|catMe|catCf)
}

// readLookalikeWords reads the kept words made only of Cyrillic or Greek
// lookalikes ("РЕСО", "ТЕСН") as Latin when the name is otherwise Latin:
// some other kept word has a Latin letter and none has letters of another
// script. It runs once the legal forms are known, so that it sees the
// words the Display keeps: the Display normalizes to the same tokens. A
// word so read gets the key of its Latin letters (and digits) and the
// sound key of that key; the words are classified afterwards.
func (sc *scratch) readLookalikeWords() {
	if !sc.look {
		return
	}
	latin, look := false, false
	for i := range sc.words {
		w := &sc.words[i]
		if w.drop != keep {
			continue
		}
		switch k := letterKinds(sc.src[w.ss:w.se]); {
		case k&foreignLetters != 0, k&weakLook != 0 && !readsKinds(k):
			// A word of another script, or of weaker lookalikes that
			// it does not read as Latin letters ("Восток").
			return
		case k&latinLetters != 0:
			latin = true
		case k == lookLetters:
			look = true
		}
	}
	if !latin || !look {
		return
	}
	for i := range sc.words {
		w := &sc.words[i]
		if w.drop != keep || letterKinds(sc.src[w.ss:w.se]) != lookLetters {
			continue
		}
		off := len(sc.arena)
		for _, r := range sc.src[w.ss:w.se] {
			if b, ok := lookalike(r); ok {
				sc.arena = append(sc.arena, b)
			} else if '0' <= r && r <= '9' {
				sc.arena = append(sc.arena, byte(r))
			}
		}
		w.key = ref{where: refArena, off: int32(off), n: int32(len(sc.arena) - off)}
		w.sound = ref{}
		sc.soundKey(w)
		sc.legalWordKey(w)
	}
}

// standIns maps the digits and symbols that stand for letters to the
// letter they look like: 0 o, 1 i (or l: a word with the other one meets
// it by a typo), 3 e, 4 a, 5 s, 7 t, @ a, $ s.
var standIns = [utf8.RuneSelf]byte{'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's'}

// minStandInLetters is the fewest letters a word must have for its digits
// to stand for letters: "G4S" keeps its digit.
const minStandInLetters = 3

// readStandIns rewrites, in the folded text, the digits and symbols that
// stand for letters. An "@" or "$" between two letters is the letter it
// looks like ("K@spersky"): those symbols are no part of names. A digit
// is, when it stands alone between two letters in a word of at least
// minStandInLetters letters and more letters than digits
// ("R0s0b0r0nexp0rt"): numbers ("911"), digits that start or end a word
// ("3M", "1st", "Plant5", "F16") and runs of digits ("Su30MKI", "A320neo")
// stay numbers. A word is a run of ASCII letters and digits of the folded
// text, which the Display reproduces, so the Display normalizes to the
// same tokens.
func (sc *scratch) readStandIns() {
	f := sc.fold
	if !sc.mayStandIn() {
		return
	}
	for i := 1; i+1 < len(f); i++ {
		if f[i] == ' ' && isLetter(f[i-1]) && isLetter(f[i+1]) && sc.pe[i]-sc.ps[i] == 1 {
			if c := sc.src[sc.ps[i]]; c == '@' || c == '$' {
				f[i] = standIns[c]
			}
		}
	}
	for i := 0; i < len(f); {
		if !isASCIIWordByte(f[i]) {
			i++
			continue
		}
		j, letters, digits := i, 0, 0
		for ; j < len(f) && isASCIIWordByte(f[j]); j++ {
			if isLetter(f[j]) {
				letters++
			} else {
				digits++
			}
		}
		if digits > 0 && letters >= minStandInLetters && letters > digits {
			for k := i + 1; k < j-1; k++ {
				if b := standIns[f[k]]; b != 0 && isLetter(f[k-1]) && isLetter(f[k+1]) {
					f[k] = b
				}
			}
		}
		i = j
	}
}

// mayStandIn reports whether something may stand for a letter: the
// folded text holds a digit, or the source an "@" or "$".
func (sc *scratch) mayStandIn() bool {
	for _, c := range sc.fold {
		if '0' <= c && c <= '9' {
			return true
		}
	}
	return strings.IndexByte(sc.src, '@') >= 0 || strings.IndexByte(sc.src, '$') >= 0
}

// isASCIIWordByte reports whether c is a lower-case ASCII letter or a
// digit.
func isASCIIWordByte(c byte) bool { return isLetter(c) || '0' <= c && c <= '9' }
