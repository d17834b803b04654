package normalize

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Transliteration tables. Keys are lower-case runes (the fold stage lowers
// first). The schemes are practical ASCII romanizations close to BGN/PCGN
// and the national passport systems; the Sound keys then make the usual
// alternatives (Kh/H, Zh/J, Ts/C, Yu/Iu, -iy/-y, ...) compare equal.

// specialFold holds letters that NFKD does not decompose, and punctuation
// classes the tokenizer reads.
var specialFold = map[rune]string{
	// Latin letters that do not decompose.
	'ø': "o", 'ł': "l", 'đ': "d", 'æ': "ae", 'œ': "oe", 'ß': "ss", 'þ': "th",
	'ı': "i", 'ð': "d", 'ħ': "h", 'ŧ': "t", 'ĸ': "k", 'ŋ': "ng", 'ƒ': "f",
	'ə': "e", 'ǝ': "e", 'ɛ': "e", 'ɔ': "o", 'ȷ': "j", 'ɨ': "i", 'ʉ': "u",
	'ƚ': "l", 'ɓ': "b", 'ɗ': "d", 'ƴ': "y", 'ʒ': "zh", 'ſ': "s",
	// Latin small capitals and letters that look like other Latin letters
	// (confusables.txt): lookalikes, read as the letters they look like.
	'ᴀ': "a", 'ʙ': "b", 'ᴄ': "c", 'ᴅ': "d", 'ᴇ': "e", 'ꜰ': "f", 'ɢ': "g",
	'ʜ': "h", 'ɪ': "i", 'ᴊ': "j", 'ᴋ': "k", 'ʟ': "l", 'ᴍ': "m", 'ɴ': "n",
	'ᴏ': "o", 'ᴘ': "p", 'ꞯ': "q", 'ʀ': "r", 'ꜱ': "s", 'ᴛ': "t", 'ᴜ': "u",
	'ᴠ': "v", 'ᴡ': "w", 'ʏ': "y", 'ᴢ': "z", 'ɑ': "a", 'ɡ': "g",
	// Apostrophes and primes: joined inside words, dropped elsewhere.
	'\u2018': "'", '\u2019': "'", '\u201B': "'", '\u02BC': "'", '\u02BB': "'",
	'\u02B9': "'", '\u02BA': "'", '\u2032': "'", '\u00B4': "'", '\u02C8': "'",
	'\uFF07': "'",
	// Quotation marks.
	'\u00AB': `"`, '\u00BB': `"`, '\u201C': `"`, '\u201D': `"`, '\u201E': `"`,
	'\u201F': `"`, '\u2039': `"`, '\u203A': `"`, '\u300C': `"`, '\u300D': `"`,
	'\u300E': `"`, '\u300F': `"`, '\u2033': `"`, '\uFF02': `"`,
	// Brackets, commas and stops of other scripts.
	'\u3010': "(", '\u3011': ")", '\u3014': "(", '\u3015': ")", '\u3008': "(",
	'\u3009': ")", '\u300A': "(", '\u300B': ")",
	'\u3001': ",", '\uFF64': ",", '\u060C': ",", '\u061B': ",", '\u055D': ",",
	'\u3002': ".", '\uFF61': ".", '\u0589': ".",
	'\u30FB': " ", '\uFF65': " ", '\u00B7': " ", '\u2022': " ",
	'\u2116': " ", // numero sign: "№ 5" is "5"
}

// cyrillic maps Cyrillic letters (Russian, Ukrainian, Belarusian, Kazakh,
// Serbian, Macedonian, Bulgarian, Tajik, Uzbek, Kyrgyz, Mongolian) to
// ASCII. Letters with language-specific readings are adjusted by
// cyrillicFor.
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e",
	'ж': "zh", 'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
	// Ukrainian and Belarusian.
	'є': "ye", 'і': "i", 'ї': "yi", 'ґ': "g", 'ў': "u",
	// Kazakh, Kyrgyz, Mongolian, Tajik, Uzbek, Bashkir, Tatar.
	'ә': "a", 'ғ': "gh", 'қ': "q", 'ң': "ng", 'ө': "o", 'ұ': "u", 'ү': "u",
	'һ': "h", 'ҳ': "h", 'ҷ': "j", 'ӣ': "i", 'ӯ': "u", 'ҙ': "z", 'ҡ': "k",
	'ҫ': "s", 'ӊ': "n", 'ӏ': "",
	// Serbian, Macedonian, Montenegrin. ђ reads dj, as the lists write it
	// ("DJORDJEVIC"); the Latin đ, Vietnamese too ("Đức" is Duc), reads d.
	'ђ': "dj", 'ј': "j", 'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz",
	'ѓ': "gj", 'ѕ': "dz", 'ќ': "kj",
	// Pre-reform Russian.
	'ѣ': "e", 'ѳ': "f", 'ѵ': "i",
}

// cyrillicFor adjusts the romanization of letters that languages read
// differently: Ukrainian and Belarusian г is h and Ukrainian и is y.
func cyrillicFor(r rune, t string, lang cyrLang) string {
	if lang == cyrUkrainian {
		switch r {
		case 'г':
			return "h"
		case 'и':
			return "y"
		}
	}
	return t
}

// guessCyrillic guesses the language of the run of transliterated
// Cyrillic letters at the start of s from letters that only some languages
// use. The run goes on through single apostrophes, combining marks and
// format characters, and ends at any other rune. ў is Belarusian, read as
// Ukrainian (г is h), unless the run holds и, which Belarusian does not
// write and Uzbek does ("Ўзбекистон" is Uzbekiston, not Uzbekyston).
func guessCyrillic(s string) cyrLang {
	apostrophe, shortU, i := false, false, false
	for _, r := range s {
		switch toLower(r) {
		case 'і', 'ї', 'є', 'ґ':
			return cyrUkrainian
		case 'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'ҳ':
			return cyrKazakh
		case 'ў':
			shortU = true
		case 'и':
			i = true
		}
		if shortU && i {
			return cyrKazakh // Uzbek, read as Russian
		}
		switch {
		case isCyrillicRunLetter(r):
			apostrophe = false
		case isApostrophe(r) && !apostrophe:
			apostrophe = true
		case inCategories(r, catMn|catMe|catCf):
		default:
			return guessedRun(shortU)
		}
	}
	return guessedRun(shortU)
}

// guessedRun is the language of a run of Cyrillic letters that ends
// without a letter of one language only: Belarusian (read as Ukrainian)
// if it holds ў, and no и, else Russian.
func guessedRun(shortU bool) cyrLang {
	if shortU {
		return cyrUkrainian
	}
	return cyrRussian
}

// isCyrillicRunLetter reports whether r is a
// Cyrillic letter that is transliterated (by the table, or by its
// decomposition: ӓ is а and a diaeresis). Other Cyrillic letters stay as
// they are and make tokens of their own.
func isCyrillicRunLetter(r rune) bool {
	return r >= 0x0400 && r <= 0x052F && lowFacts.get()[r].cyrRun
}

// cyrillicRunLetter is isCyrillicRunLetter by the tables, for lowFacts.
func cyrillicRunLetter(r rune) bool {
	if r < 0x0400 || r > 0x052F {
		return false
	}
	if _, ok := cyrillic[unicode.ToLower(r)]; ok {
		return true
	}
	if d := norm.NFD.PropertiesString(string(r)).Decomposition(); len(d) > 0 {
		b, _ := utf8.DecodeRune(d)
		_, ok := cyrillic[unicode.ToLower(b)]
		return ok
	}
	return false
}

// isApostrophe reports whether r folds to an apostrophe, which joins the
// letters on either side into one word.
func isApostrophe(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '\'' || r == '`'
	}
	t, _ := specialFolded(toLower(r))
	return t == "'"
}

// greek maps Greek letters (ELOT 743 style); αυ, ευ, ηυ, ου and γ before
// γ κ ξ χ are handled by foldGreek.
var greek = map[rune]string{
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i",
	'θ': "th", 'ι': "i", 'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x",
	'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y",
	'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o", 'ϊ': "i", 'ϋ': "y",
}

// armenian maps Armenian letters (BGN/PCGN 1981); ու is u, word-initial
// ե is ye and ո is vo (handled by foldArmenian).
var armenian = map[rune]string{
	'ա': "a", 'բ': "b", 'գ': "g", 'դ': "d", 'ե': "e", 'զ': "z", 'է': "e",
	'ը': "y", 'թ': "t", 'ժ': "zh", 'ի': "i", 'լ': "l", 'խ': "kh", 'ծ': "ts",
	'կ': "k", 'հ': "h", 'ձ': "dz", 'ղ': "gh", 'ճ': "ch", 'մ': "m", 'յ': "y",
	'ն': "n", 'շ': "sh", 'ո': "o", 'չ': "ch", 'պ': "p", 'ջ': "j", 'ռ': "r",
	'ս': "s", 'վ': "v", 'տ': "t", 'ր': "r", 'ց': "ts", 'ւ': "v", 'փ': "p",
	'ք': "k", 'օ': "o", 'ֆ': "f", 'և': "ev",
}

// georgian maps Georgian Mkhedruli letters (national system of 2002);
// Mtavruli capitals lower-case to Mkhedruli first.
var georgian = map[rune]string{
	'ა': "a", 'ბ': "b", 'გ': "g", 'დ': "d", 'ე': "e", 'ვ': "v", 'ზ': "z",
	'თ': "t", 'ი': "i", 'კ': "k", 'ლ': "l", 'მ': "m", 'ნ': "n", 'ო': "o",
	'პ': "p", 'ჟ': "zh", 'რ': "r", 'ს': "s", 'ტ': "t", 'უ': "u", 'ფ': "p",
	'ქ': "k", 'ღ': "gh", 'ყ': "q", 'შ': "sh", 'ჩ': "ch", 'ც': "ts", 'ძ': "dz",
	'წ': "ts", 'ჭ': "ch", 'ხ': "kh", 'ჯ': "j", 'ჰ': "h",
}

// isLatinRune reports whether a folded non-ASCII rune belongs with Latin
// words (rather than starting a NonLatin token).
func isLatinRune(r rune) bool {
	return r < utf8.RuneSelf || isLatinScript(r)
}
