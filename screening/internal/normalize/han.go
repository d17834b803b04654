package normalize

import (
	"strconv"
	"unicode/utf8"
)

// Chinese and Japanese runs.
//
// A run of Han characters and kana is cut into words from its start: where
// a word of the dictionary (han_table.go) starts, the longest one is a
// word; the characters up to the next dictionary word form one word, a
// brand, as long as they are of one kind (Han characters or kana).
// "海光信息技术有限公司" is 海光 | 信息 | 技术 | 有限 | 公司: "haiguang xinxi
// jishu youxian gongsi", where xinxi and jishu are organization words
// (information, technology) and "youxian gongsi" is a legal form. A word
// of the dictionary has one reading, a Latin word that the later stages
// classify: pinyin for Chinese organization and legal-form words (the
// lists write "Keji Youxian Gongsi"), the usual English name for places
// (香港 is "hongkong", 中国 "china"), the Japanese reading for Japanese
// words (株式会社 is "kabushiki kaisha", 自動車 "jidosha") and the English
// word for Japanese loanwords (グループ is "group"). 第 before a number is
// "No." and Chinese numerals are digits (第十三 is "no 13").
//
// A brand's Han characters are read one by one as Mandarin pinyin, joined
// ("华为" is "huawei"); a character with several readings common in names
// (重, 长, 行, 厦 ...) is read in its usual one, and the others are
// alternatives (see Variants). Words that names translate rather than
// transcribe (移动, 航天, 熊猫) read in English in an alternative too. Its kana are read in Hepburn (kana.go).
// Traditional characters read as their simplified forms, so 華為技術 is
// 华为技术 and Japanese 株式會社 is 株式会社.
//
// Cutting from the start with the longest dictionary word means that a
// run made of some of the words of another run, whole and in order, is cut
// into the same words: the Display, which keeps whole words, normalizes to
// the same tokens.

// cjkWord is a word of the Chinese and Japanese dictionary.
type cjkWord struct {
	latin    reading // the reading: one Latin word
	english  reading // the English word it translates to (chineseEnglish); no text if none
	japanese bool    // a Japanese word, read in Japanese
}

// cjkDictionary is the dictionary, by the word's letters as read (see
// cjkKey).
type cjkDictionary = runDictionary[*cjkWord]

// The range of the kana and the CJK Unified Ideographs, where the tables
// of Chinese and Japanese letters keep a bitmap of their keys (see
// runeMap).
const cjkLo, cjkHi = 0x3000, 0xA000

var cjkDict = lazy[*cjkDictionary]{build: func() *cjkDictionary {
	d := newRunDictionary[*cjkWord](cjkLo, cjkHi)
	add := func(text, latin string, japanese bool) {
		var key []rune
		for _, r := range text {
			key = append(key, cjkKey(r))
		}
		w := &cjkWord{latin: newReading(latin), japanese: japanese}
		if e := chineseEnglish[text]; e != "" {
			w.english = newReading(e)
		}
		if !d.add(key, w) {
			panic("normalize: word twice in the Chinese and Japanese dictionary: " + text) // a bug in the table
		}
	}
	for _, table := range [][][2]string{chineseWords, chinesePlaces} {
		for _, e := range table {
			add(e[0], e[1], false)
		}
	}
	for _, e := range japaneseWords {
		add(e[0], e[1], true)
	}
	return d
}}

// readCJK reads the units of a run of Han characters and kana. digitAfter
// reports whether a digit follows the run in the source (第13).
func (sc *scratch) readCJK(us []unit, digitAfter bool) {
	d := cjkDict.get()
	for i := 0; i < len(us); {
		if n := sc.readOrdinal(us[i:], digitAfter); n > 0 {
			i += n
			continue
		}
		if e, w := d.longest(us, i); w != nil {
			if w.japanese {
				sc.japanese = true
			} else if isHan(us[i].orig) {
				sc.read |= ReadPinyin
			}
			r := w.latin
			if w.english.text != "" {
				sc.translatable = true
				if sc.choice.translate > 0 {
					r = w.english
				}
			}
			sc.emitWord(0, r, us[i].ps, us[e-1].pe)
			i = e
			continue
		}
		// A brand: up to the next dictionary word, ordinal or change of kind.
		j := i + 1
		for j < len(us) && isKana(us[j].r) == isKana(us[i].r) && !isOrdinalMark(us[j:], digitAfter) {
			if d.startsWord(us[j].r) {
				if e, _ := d.longest(us, j); e > 0 {
					break
				}
			}
			j++
		}
		sc.readBrand(us[i:j])
		i = j
	}
}

// readBrand reads the units of a brand: Han characters in pinyin, joined,
// or kana in Hepburn.
func (sc *scratch) readBrand(us []unit) {
	if isKana(us[0].r) {
		sc.japanese = true
		sc.read |= ReadHepburn
		text := appendHepburn(sc.rbuf[:0], us)
		sc.rbuf = text
		if len(text) > 0 {
			sc.emitWord(0, reading{text: unsafeString(text)}, us[0].ps, us[len(us)-1].pe)
		}
		return
	}
	t := pinyinReadings.get()
	text := sc.rbuf[:0]
	start := 0
	flush := func(end int) {
		if len(text) > 0 {
			sc.emitWord(0, reading{text: unsafeString(text)}, us[start].ps, us[end-1].pe)
		}
		text = text[:0]
	}
	prev := ""
	for k, u := range us {
		syllable := ""
		switch alts, _ := heteronyms.get().get(u.r); {
		case u.r == 0x3005: // 々 repeats the character before it
			syllable = prev
		case alts != nil:
			n := len(sc.hetero)
			sc.hetero = append(sc.hetero, uint8(len(alts)))
			syllable = alts[0]
			if sc.choice.hetero == n+1 {
				syllable = alts[sc.choice.reading]
			}
		default:
			if syllable = t.reading(u.r); syllable == "" {
				syllable = t.reading(u.orig)
			}
		}
		if syllable == "" {
			// A character of no reading stays as it is, a word of its own.
			flush(k)
			sc.breakWord(u.ps)
			sc.emitRune(u.orig, int(u.ps), int(u.pe))
			sc.breakWord(u.pe)
			start = k + 1
			prev = ""
			continue
		}
		if len(text) == 0 {
			start = k
		}
		text = append(text, syllable...)
		prev = syllable
	}
	flush(len(us))
	sc.rbuf = text
	sc.read |= ReadPinyin
}

// isOrdinalMark reports whether us starts with 第 before a number.
func isOrdinalMark(us []unit, digitAfter bool) bool {
	return us[0].r == '第' && (len(us) > 1 && hanDigit(us[1].r) >= 0 || len(us) == 1 && digitAfter)
}

// readOrdinal reads 第 before a number as "no" (No.) and Chinese
// numerals after it as digits ("第十三" is "no 13", "第七〇一" "no 701"),
// and returns the number of units read, or 0.
func (sc *scratch) readOrdinal(us []unit, digitAfter bool) int {
	if !isOrdinalMark(us, digitAfter) {
		return 0
	}
	sc.emitWord(0, numberReading, us[0].ps, us[0].pe)
	j := 1
	for j < len(us) && hanDigit(us[j].r) >= 0 {
		j++
	}
	if j == 1 {
		return 1
	}
	n, ok := hanNumber(us[1:j])
	if !ok {
		// Too large to be a unit's number: read as a brand.
		sc.readBrand(us[1:j])
		return j
	}
	var buf [20]byte
	sc.breakWord(us[1].ps)
	sc.emit(string(strconv.AppendUint(buf[:0], n, 10)), int(us[1].ps), int(us[j-1].pe))
	sc.breakWord(us[j-1].pe)
	return j
}

// numberReading is the reading of 第 before a number.
var numberReading = newReading("no")

// hanDigit returns the value of a Chinese numeral (零 and 〇 are 0, 十 10,
// 百 100, 千 1000), or -1.
func hanDigit(r rune) int {
	switch r {
	case '〇', '零':
		return 0
	case '一':
		return 1
	case '二', '两':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	case '十':
		return 10
	case '百':
		return 100
	case '千':
		return 1000
	}
	return -1
}

// hanNumber returns the value of Chinese numerals: positional with 十,
// 百 and 千 ("二十三" is 23, "一百零八" 108), else digit by digit ("七〇一"
// is 701). It reports false for a value of more than 15 digits.
func hanNumber(us []unit) (uint64, bool) {
	if len(us) > 15 {
		return 0, false
	}
	positional := false
	for _, u := range us {
		if hanDigit(u.r) >= 10 {
			positional = true
		}
	}
	var total, cur uint64
	for _, u := range us {
		d := uint64(hanDigit(u.r))
		switch {
		case !positional:
			total = total*10 + d
		case d >= 10:
			total += max(cur, 1) * d
			cur = 0
		default:
			cur = d
		}
	}
	return total + cur, true
}

// cjkKey returns the letter r as the dictionary and the readings read it:
// a traditional Han character as its simplified form, katakana as
// hiragana.
func cjkKey(r rune) rune {
	switch {
	case r >= 0x30A1 && r <= 0x30F6, r == 0x30FD || r == 0x30FE:
		return r - 0x60
	case r >= 0x3400:
		if s, ok := traditional.get().get(r); ok {
			return s
		}
	}
	return r
}

// isKana reports whether r is kana (or a kana mark), not a Han character.
func isKana(r rune) bool {
	return r >= 0x3040 && r <= 0x30FF && r != 0x30FB || r >= 0x31F0 && r <= 0x31FF || r >= 0xFF65 && r <= 0xFF9F
}

// isHan reports whether r is a Han character.
func isHan(r rune) bool {
	return !isKana(r)
}

// traditional maps traditional (and Japanese) forms of Han characters to
// their simplified forms, from traditionalPairs.
var traditional = lazy[*runeMap[rune]]{build: func() *runeMap[rune] {
	m := newRuneMap[rune](cjkLo, cjkHi)
	rs := []rune(traditionalPairs)
	for i := 0; i+1 < len(rs); i += 3 {
		if rs[i] == rs[i+1] {
			panic("normalize: traditionalPairs maps a character to itself: " + string(rs[i])) // a bug in the table
		}
		m.put(rs[i], rs[i+1])
	}
	return &m
}}

// heteronyms maps the characters read differently in common names to
// their readings, the usual one first, from heteronymTable.
var heteronyms = lazy[*runeMap[[]string]]{build: func() *runeMap[[]string] {
	m := newRuneMap[[]string](cjkLo, cjkHi)
	for _, h := range heteronymTable {
		r, _ := utf8.DecodeRuneInString(h.char)
		m.put(r, h.readings)
	}
	return &m
}}
