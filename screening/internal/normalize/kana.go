package normalize

import "strings"

// Japanese kana in Hepburn romanization, without macrons (as passports
// and company names write it: long vowels and the prolonged sound mark ー
// are not written): "トヨタ" is "toyota", "ソニー" "soni", "きゃ" "kya",
// "ファ" "fa", "っと" "tto", "ん" "n". Katakana arrive as hiragana (see
// cjkKey), half-width kana and separate voicing marks as the full letter.

// hepburn maps hiragana to their romanization; the small kana ぁ ぃ ぅ ぇ
// ぉ ゃ ゅ ょ ゎ combine with the syllable before them (see
// appendHepburn), っ doubles the next consonant.
var hepburn = map[rune]string{
	'あ': "a", 'い': "i", 'う': "u", 'え': "e", 'お': "o",
	'か': "ka", 'き': "ki", 'く': "ku", 'け': "ke", 'こ': "ko",
	'が': "ga", 'ぎ': "gi", 'ぐ': "gu", 'げ': "ge", 'ご': "go",
	'さ': "sa", 'し': "shi", 'す': "su", 'せ': "se", 'そ': "so",
	'ざ': "za", 'じ': "ji", 'ず': "zu", 'ぜ': "ze", 'ぞ': "zo",
	'た': "ta", 'ち': "chi", 'つ': "tsu", 'て': "te", 'と': "to",
	'だ': "da", 'ぢ': "ji", 'づ': "zu", 'で': "de", 'ど': "do",
	'な': "na", 'に': "ni", 'ぬ': "nu", 'ね': "ne", 'の': "no",
	'は': "ha", 'ひ': "hi", 'ふ': "fu", 'へ': "he", 'ほ': "ho",
	'ば': "ba", 'び': "bi", 'ぶ': "bu", 'べ': "be", 'ぼ': "bo",
	'ぱ': "pa", 'ぴ': "pi", 'ぷ': "pu", 'ぺ': "pe", 'ぽ': "po",
	'ま': "ma", 'み': "mi", 'む': "mu", 'め': "me", 'も': "mo",
	'や': "ya", 'ゆ': "yu", 'よ': "yo",
	'ら': "ra", 'り': "ri", 'る': "ru", 'れ': "re", 'ろ': "ro",
	'わ': "wa", 'ゐ': "i", 'ゑ': "e", 'を': "o", 'ん': "n",
	'ゔ': "vu", 'ゕ': "ka", 'ゖ': "ke",
	'ぁ': "a", 'ぃ': "i", 'ぅ': "u", 'ぇ': "e", 'ぉ': "o",
	'ゃ': "ya", 'ゅ': "yu", 'ょ': "yo", 'ゎ': "wa",
	'ヷ': "va", 'ヸ': "vi", 'ヹ': "ve", 'ヺ': "vo",
	// Small katakana of the phonetic extensions (Ainu).
	'ㇰ': "ku", 'ㇱ': "shi", 'ㇲ': "su", 'ㇳ': "to", 'ㇴ': "nu", 'ㇵ': "ha", 'ㇶ': "hi", 'ㇷ': "fu",
	'ㇸ': "he", 'ㇹ': "ho", 'ㇺ': "mu", 'ㇻ': "ra", 'ㇼ': "ri", 'ㇽ': "ru", 'ㇾ': "re", 'ㇿ': "ro",
}

// isSmallYa reports whether r is a small ゃ, ゅ or ょ.
func isSmallYa(r rune) bool { return r == 'ゃ' || r == 'ゅ' || r == 'ょ' }

// isSmallVowel reports whether r is a small vowel (ァ ィ ゥ ェ ォ, as
// hiragana), which loanwords write after a syllable: ファ is "fa".
func isSmallVowel(r rune) bool {
	return r == 'ぁ' || r == 'ぃ' || r == 'ぅ' || r == 'ぇ' || r == 'ぉ' || r == 'ゎ'
}

// appendHepburn appends the Hepburn romanization of the kana units us.
func appendHepburn(dst []byte, us []unit) []byte {
	double := false // after っ: double the next consonant
	prev := ""      // the romanization of the syllable before, which ゝ repeats
	var last rune   // its kana, which ゞ repeats voiced
	for i := 0; i < len(us); i++ {
		r := us[i].r
		var s string
		switch {
		case r == 'っ':
			double = true
			continue
		case r == 0x30FC: // ー: long vowels are not written
			continue
		case r == 'ゝ':
			s = prev
		case r == 'ゞ':
			s = prev
			if v := voiced(last, 0x3099); v != 0 {
				s, last = hepburn[v], v
			}
		default:
			s, last = hepburn[r], r
		}
		if s == "" {
			continue
		}
		if i+1 < len(us) {
			next := us[i+1].r
			switch {
			case isSmallYa(next) && len(s) > 1 && strings.HasSuffix(s, "i"):
				// きゃ is "kya", しゃ "sha", じゃ "ja".
				stem := s[:len(s)-1]
				y := hepburn[next]
				if stem == "sh" || stem == "ch" || stem == "j" {
					y = y[1:]
				}
				s = stem + y
				i++
			case isSmallVowel(next) && !isSmallVowel(r):
				// ファ "fa", ティ "ti", ウィ "wi", シェ "she", ヴァ "va".
				v := hepburn[next]
				switch {
				case s == "u":
					s = "w" + v
				case s == "te" || s == "de" || s == "to" || s == "do":
					s = s[:1] + v
				case len(s) > 1:
					stem := s[:len(s)-1]
					if stem == "ts" && v != "u" {
						stem = "ts"
					}
					s = stem + v
				default:
					s += v
				}
				i++
			}
		}
		if double {
			switch {
			case strings.HasPrefix(s, "ch"):
				dst = append(dst, 't')
			case s[0] != 'a' && s[0] != 'i' && s[0] != 'u' && s[0] != 'e' && s[0] != 'o' && s[0] != 'n':
				dst = append(dst, s[0])
			}
			double = false
		}
		dst = append(dst, s...)
		prev = s
	}
	return dst
}

// isVoicing reports whether r is a combining voicing mark (゙ or ゚).
func isVoicing(r rune) bool { return r == 0x3099 || r == 0x309A }

// voiced returns the kana r with the voicing mark m (゙ or ゚), or 0 if it
// has no such form: か and ゙ are が, は and ゚ are ぱ, う and ゙ are ゔ.
func voiced(r, m rune) rune {
	h := r // as hiragana
	if r >= 0x30A1 && r <= 0x30F6 {
		h = r - 0x60
	}
	switch {
	case h == 'う':
		if m == 0x3099 {
			return r + ('ゔ' - 'う')
		}
	case h >= 'か' && h <= 'ぢ':
		if m == 0x3099 && (h-'か')%2 == 0 {
			return r + 1
		}
	case h == 'つ' || h == 'て' || h == 'と':
		if m == 0x3099 {
			return r + 1
		}
	case h >= 'は' && h <= 'ぽ':
		if (h-'は')%3 == 0 {
			if m == 0x3099 {
				return r + 1
			}
			return r + 2
		}
	}
	return 0
}
