package normalize

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Arabic-script runs: Arabic, Persian, Urdu and Pashto names.
//
// The script writes consonants and long vowels; short vowels are marks
// that names almost never carry (and that are ignored when they do, so
// that a name reads the same with and without them). A word is read
// letter by letter, with the vowels guessed:
//
//   - ا is a, إ is i; و and ي are w and y at the start of a word, after a
//     vowel or before ا, and the long vowels u and i elsewhere, as is ى at
//     the end (حقانى, Haqqani; the names in -a, such as مصطفى, Mustafa, are
//     in the table); ة
//     and a final ه after a consonant are a (حمزة, Hamza; زاده, Zada); ع
//     and the hamza are not written but for the vowel they carry at the
//     start of a word (علي, Ali);
//   - th, dh and d of Arabic (ث ذ ض) are s, z and z in Persian and Urdu
//     names (a name holding پ چ ژ گ ک ی ے ٹ ڈ ڑ ں ھ ہ), and in the South
//     Asian style of spelling (فضل, Fazl);
//   - a short vowel is written where Latin spellings always have one: after
//     a first consonant followed by another (كمال, Kamal) and between two
//     final consonants, i after a long a (خالد, Khalid) and a otherwise
//     (حسن, Hasan).
//
// A word read letter by letter has its vowels guessed, which its Token
// says (Guessed): the matcher compares its consonants too.
//
// The article ال is the word "al" of its own ("التكريتي" is "al tikriti",
// as lists write Al-Tikriti), الله after another word of the name is
// "ullah" (نجيب الله, Najibullah, which the matcher joins), and عبد before
// the article is "abdul" (عبد الرزاق, Abdul Razzaq; the matcher joins
// "abd al"). Common names and name words are read from a table as usually
// spelled (محمد is Muhammad, يوسف Yusuf), with the other common spellings
// as alternatives (Mohammad, Mohammed, Mohamed; see Variants): together
// with the sound keys, which forget doubled letters, they meet the
// spellings lists use.

// arabicStyles is the number of spelling styles of the name table: 0
// Arabic as transliterated (Muhammad, Husayn), 1 South Asian (Mohammad,
// Hussain), 2 the common English (Mohammed, Hussein), 3 French and North
// African (Mohamed, Houcine).
const arabicStyles = 4

// arabicName is a name of the table: its spellings by style.
type arabicName struct {
	spellings [arabicStyles]reading
}

// arabicNames is the name table by arabicKey of the word.
var arabicNames = lazy[map[string]*arabicName]{build: func() map[string]*arabicName {
	m := make(map[string]*arabicName, len(arabicNameTable))
	for _, row := range arabicNameTable {
		fields := strings.Fields(row)
		key := arabicKey(fields[0])
		if _, dup := m[key]; dup {
			panic("normalize: name twice in the Arabic name table: " + row) // a bug in the table
		}
		a := &arabicName{}
		for s := range arabicStyles {
			a.spellings[s] = newReading(fields[min(1+s, len(fields)-1)])
		}
		m[key] = a
	}
	return m
}}

// arabicKey folds the letters of a word to the form the name table is
// keyed by: hamza seats, alif maqsura, ta marbuta and the Persian and Urdu
// forms of kaf, ya and ha folded to the plain letters.
func arabicKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if isMarkOrFormat(r) || r == tatweel {
			continue
		}
		if r = arabicKeyRune(r); r != 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func arabicKeyRune(r rune) rune {
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا'
	case 'ى', 'ی', 'ئ', 'ے', 'ې', 'ۍ':
		return 'ي'
	case 'ة', 'ۀ', 'ہ', 'ھ', 'ۃ', 'ە':
		return 'ه'
	case 'ک', 'ڪ':
		return 'ك'
	case 'ؤ':
		return 'و'
	case 'ء':
		return 0
	}
	return r
}

// mergeArabicSuffixes joins an Arabic-script word to the word before it
// when it is one that names write with the word before it: الله after a
// word ("نجيب الله" is Najibullah, "عبد الله" Abdullah), and, in the styles
// that write them so, الدين (Shamsuddin, Salahaldin, Noureddine) and زاده
// (Akhundzada). Only spaces may separate the two in the folded text, which
// the Display keeps: the Display writes the joined word as its source
// stands, and removed words between them as a hyphen (see
// appendSeparator). A word takes one such word at most ("حمد الله الله" is
// Hamdullah Allah).
func (sc *scratch) mergeArabicSuffixes() {
	if !slices.ContainsFunc(sc.marks, func(m scriptMark) bool { return m.flags&wSuffix != 0 }) {
		return // no word to join
	}
	ws := sc.words
	out := ws[:0]
	for _, w := range ws {
		if n := len(out); n > 0 && w.flags&wSuffix != 0 {
			p := &out[n-1]
			if p.flags&wArabic != 0 && p.flags&wSuffix == 0 && sc.onlySpaces(p.fe, w.fs) {
				suffix := arabicKey(sc.src[w.ss:w.se])
				name, spelling := arabicNames.get()[arabicKey(sc.src[p.ss:p.se])+suffix], arabicSuffixSpelling(suffix, sc.choice.style)
				// A suffix written as a presentation form ("ﷲ") has no key
				// of its own to spell it by: it stays a word.
				if name != nil || spelling != "" {
					off := len(sc.arena)
					if name != nil {
						sc.arena = append(sc.arena, sc.spelling(name).text...) // عبد الله is عبدالله, Abdullah
						p.flags &^= wGuessed
					} else {
						sc.arena = append(sc.arena, sc.fold[p.fs:p.fe]...)
						sc.arena = append(sc.arena, spelling...)
					}
					p.key = ref{where: refArena, off: int32(off), n: int32(len(sc.arena) - off)}
					p.sound = ref{} // the sound key of the joined word, worked out by rawKeys
					p.fe, p.se = w.fe, w.se
					p.flags |= wSuffix
					continue
				}
			}
		}
		out = append(out, w)
	}
	sc.words = out
}

// onlySpaces reports whether the folded text [i, j) holds only spaces and
// word breaks.
func (sc *scratch) onlySpaces(i, j int32) bool {
	for _, c := range sc.fold[i:j] {
		if c != ' ' && c != wordBreak {
			return false
		}
	}
	return true
}

// arabicSuffixSpelling returns how the word of arabicKey key reads joined
// to the word before it in the style, or "" if it is no such word.
func arabicSuffixSpelling(key string, style uint8) string {
	for _, s := range arabicSuffixes {
		if s.key == key && (style > 0 || !s.styled) {
			return s.spellings[min(int(style), len(s.spellings)-1)]
		}
	}
	return ""
}

// readArabic reads the units of a run of Arabic-script letters, which
// starts at source offset base: one word.
func (sc *scratch) readArabic(us []unit, base int) {
	sc.read |= ReadArabic
	sc.arabicAlts = arabicStyles
	key := sc.arabicKeyOf(us)
	if sc.alts || sc.choice.translate > 0 {
		if t := translateArabic(key); t.w != nil {
			sc.translatable = sc.translatable || t.w.org
			sc.translations = max(sc.translations, uint8(len(t.w.english)))
			if sc.choice.translate > 0 {
				sc.readEnglish(us, t)
				return
			}
		}
	}
	if arabicSuffixSpelling(key, sc.choice.style) != "" {
		// Read alone, or with the word before it (see mergeArabicSuffixes).
		text := "allah"
		if key != "الله" {
			text = arabicSuffixSpelling(key, sc.choice.style)
		}
		sc.emitWord(wArabic|wSuffix, reading{text: text}, us[0].ps, us[len(us)-1].pe)
		return
	}
	if n := arabicNames.get()[key]; n != nil {
		sc.emitWord(wArabic, sc.spelling(n), us[0].ps, us[len(us)-1].pe)
		return
	}
	if len(us) > 5 && strings.HasPrefix(key, "عبدال") && !strings.HasSuffix(key, "الله") {
		// عبدال...: عبد and the rest, as if written apart.
		sc.emitWord(wArabic, sc.spelling(arabicNames.get()["عبد"]), us[0].ps, us[2].pe)
		us = us[3:]
		key = sc.arabicKeyOf(us)
		if len(us) > 3 && arabicKeyRune(us[0].r) == 'ا' && us[1].r == 'ل' {
			sc.readArticle(us, true)
			return
		}
	}
	if len(us) > 3 && arabicKeyRune(us[0].r) == 'ا' && us[1].r == 'ل' && !strings.HasSuffix(key, "الدين") {
		// The word before matters in the styles after the first only.
		sc.readArticle(us, sc.choice.style > 0 && sc.prevArabicWord(base) == "عبد")
		return
	}
	if r, guessed := sc.arabicWord(us); r.text != "" {
		sc.emitWord(wArabic|guessed, r, us[0].ps, us[len(us)-1].pe)
	}
}

// readArticle reads a word that starts with the article ال: "al" and the
// word, in the first style; after عبد (afterAbd), which is then Abdul or
// Abdel, the word alone in the others; after another word, in the South
// Asian style, the article joined to the word as it sounds ("uddin",
// "urrahman", "ulhaq").
func (sc *scratch) readArticle(us []unit, afterAbd bool) {
	art, rest := us[:2], us[2:]
	style := sc.choice.style
	switch {
	case afterAbd && style > 0:
		r, guessed := sc.arabicWord(rest)
		sc.emitWord(wArabic|guessed, r, us[0].ps, us[len(us)-1].pe)
	case style == 1 && sc.afterArabicWord(int(us[0].ps)):
		text := append(sc.rbuf[:0], 'u')
		off := len(text)
		text, guessed := sc.appendArabicWord(text, rest)
		if isSunLetter(rest[0].r) && len(text) > off {
			text = append(text[:off+1], text[off:]...) // u + the first consonant again
			text[off] = text[off+1]
		} else {
			text = append(text[:off+1], text[off:]...)
			text[off] = 'l'
		}
		sc.rbuf = text
		sc.emitWord(wArabic|guessed, reading{text: unsafeString(text)}, us[0].ps, us[len(us)-1].pe)
	default:
		sc.emitWord(wArabic, articleReading, art[0].ps, art[1].pe)
		if r, guessed := sc.arabicWord(rest); r.text != "" {
			sc.emitWord(wArabic|guessed, r, rest[0].ps, rest[len(rest)-1].pe)
		}
	}
}

// articleReading is the reading of the article ال read as a word.
var articleReading = newReading("al")

// arabicWord returns the reading of the letters of a word without its
// article: a name of the table as the table reads it, other words as
// appendArabicLetters reads them, in sc.rbuf. It returns wGuessed with
// the reading when letters were read one by one.
func (sc *scratch) arabicWord(us []unit) (reading, uint32) {
	key := sc.arabicKeyOf(us)
	if n := arabicNames.get()[key]; n != nil {
		return sc.spelling(n), 0
	}
	text, guessed := sc.appendArabicLetters(sc.rbuf[:0], us, key)
	sc.rbuf = text
	return reading{text: unsafeString(text)}, guessed
}

// appendArabicWord appends the reading of the letters of a word without
// its article (see arabicWord).
func (sc *scratch) appendArabicWord(dst []byte, us []unit) ([]byte, uint32) {
	key := sc.arabicKeyOf(us)
	if n := arabicNames.get()[key]; n != nil {
		return append(dst, sc.spelling(n).text...), 0
	}
	return sc.appendArabicLetters(dst, us, key)
}

// appendArabicLetters appends the reading of the letters us of a word
// that is no name of the table, of arabicKey key: a name ending in الله
// (Najibullah) as its stem and "ullah", others letter by letter. It
// returns wGuessed with the reading when letters were read one by one.
func (sc *scratch) appendArabicLetters(dst []byte, us []unit, key string) ([]byte, uint32) {
	names := arabicNames.get()
	rs := sc.runes[:0]
	for _, u := range us {
		rs = append(rs, u.r)
	}
	sc.runes = rs
	for _, suffix := range arabicSuffixes {
		if len(key) > len(suffix.key)+2 && strings.HasSuffix(key, suffix.key) && (sc.choice.style > 0 || !suffix.styled) {
			m := utf8.RuneCountInString(suffix.key)
			stem := us[:len(us)-m]
			var guessed uint32
			if n := names[sc.arabicKeyOf(stem)]; n != nil {
				dst = append(dst, sc.spelling(n).text...)
			} else {
				dst = appendArabicLatin(dst, rs[:len(rs)-m], sc.persianName(), sc.choice.style)
				guessed = wGuessed
			}
			return append(dst, suffix.spellings[min(int(sc.choice.style), len(suffix.spellings)-1)]...), guessed
		}
	}
	return appendArabicLatin(dst, rs, sc.persianName(), sc.choice.style), wGuessed
}

// arabicSuffixes are the words read with the word before them (see
// mergeArabicSuffixes), or written glued to it, by their arabicKey, with their
// spellings by style.
var arabicSuffixes = []struct {
	key       string
	spellings []string
	styled    bool // written with the word before it only in the styles after the first
}{
	{"الله", []string{"ullah"}, false},
	{"الدين", []string{"aldin", "uddin", "aldin", "eddine"}, true},
	{"زاده", []string{"zada"}, true},
}

// isSunLetter reports whether r is a letter the article assimilates to
// (الدين is ad-din).
func isSunLetter(r rune) bool {
	return strings.ContainsRune("تثدذرزسشصضطظلن", r)
}

// spelling returns the spelling of a table name in the chosen style.
func (sc *scratch) spelling(n *arabicName) reading {
	return n.spellings[min(int(sc.choice.style), arabicStyles-1)]
}

// arabicKeyOf returns arabicKey of the letters of us, in sc.key (valid
// until the next call).
func (sc *scratch) arabicKeyOf(us []unit) string {
	k := sc.key[:0]
	for _, u := range us {
		if r := arabicKeyRune(u.r); r != 0 {
			k = utf8.AppendRune(k, r)
		}
	}
	sc.key = k
	return unsafeString(k)
}

// persianName reports whether the name holds a letter only Persian, Urdu
// or Pashto write, which changes how some letters read.
func (sc *scratch) persianName() bool {
	if sc.persian == 0 {
		sc.persian = -1
		for _, r := range sc.src {
			switch r {
			case 'پ', 'چ', 'ژ', 'گ', 'ک', 'ی', 'ے', 'ٹ', 'ڈ', 'ڑ', 'ں', 'ھ', 'ہ', 'ۀ', 'ښ', 'ږ', 'ځ', 'څ', 'ټ', 'ډ', 'ړ', 'ڼ', 'ې', 'ۍ':
				sc.persian = 1
			}
		}
	}
	return sc.persian > 0
}

// prevArabicWord returns the Arabic-script word before source offset i
// when only spaces (and marks and format characters) separate them, as
// arabicKey folds it, or "".
func (sc *scratch) prevArabicWord(i int) string {
	if !sc.afterArabicWord(i) {
		return ""
	}
	for i > 0 { // back over the spaces
		r, n := utf8.DecodeLastRuneInString(sc.src[:i])
		if scriptOf(r) == arabicScript {
			break
		}
		i -= n
	}
	end := i
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(sc.src[:i])
		if !continuesRun(arabicScript, scriptOf(r), r) {
			break
		}
		i -= n
	}
	return arabicKey(sc.src[i:end])
}

// arabicLetter is how a letter reads: its consonant, or the vowel it
// stands for.
type arabicLetter struct {
	latin string
	vowel bool
}

// arabicConsonants maps the consonants to their Latin letters (Arabic
// values; persianConsonants overrides some).
var arabicConsonants = map[rune]string{
	'ب': "b", 'ت': "t", 'ث': "th", 'ج': "j", 'ح': "h", 'خ': "kh", 'د': "d", 'ذ': "dh", 'ر': "r",
	'ز': "z", 'س': "s", 'ش': "sh", 'ص': "s", 'ض': "d", 'ط': "t", 'ظ': "z", 'غ': "gh", 'ف': "f",
	'ق': "q", 'ك': "k", 'ک': "k", 'ڪ': "k", 'ل': "l", 'م': "m", 'ن': "n", 'ه': "h", 'ہ': "h", 'ھ': "h",
	'پ': "p", 'چ': "ch", 'ژ': "zh", 'گ': "g", 'ڤ': "v", 'ڥ': "v", 'ڨ': "g", 'ٹ': "t", 'ڈ': "d",
	'ڑ': "r", 'ں': "n", 'ڼ': "n", 'ټ': "t", 'ډ': "d", 'ړ': "r", 'ښ': "sh", 'ږ': "zh", 'ځ': "dz", 'څ': "ts",
	'ۃ': "t", 'ة': "t", 'ۀ': "h",
}

var persianConsonants = map[rune]string{'ث': "s", 'ذ': "z", 'ض': "z", 'ظ': "z", 'ق': "q", 'و': "v"}

// longU and longI spell the long vowels و and ي inside a word, by style:
// Yunus, Yoonus, Younous, Younous; Karim, Kareem.
var (
	longU = [arabicStyles]string{"u", "oo", "ou", "ou"}
	longI = [arabicStyles]string{"i", "ee", "i", "i"}
)

// appendArabicLatin appends the reading of the letters rs of a word (see
// the comment at the top of the file).
func appendArabicLatin(dst []byte, rs []rune, persian bool, style uint8) []byte {
	var buf [32]arabicLetter
	ls := buf[:0]
	isVowelLetter := func(r rune) bool {
		switch r {
		case 'ا', 'أ', 'إ', 'آ', 'ٱ', 'ى':
			return true
		}
		return false
	}
	for i, r := range rs {
		first, last := i == 0, i == len(rs)-1
		prevVowel := i > 0 && len(ls) > 0 && ls[len(ls)-1].vowel
		nextVowel := !last && isVowelLetter(rs[i+1])
		var l arabicLetter
		switch r {
		case 'ا', 'ٱ', 'آ', 'أ':
			l = arabicLetter{"a", true}
		case 'إ':
			l = arabicLetter{"i", true}
		case 'ء':
			continue
		case 'ؤ':
			l = arabicLetter{"u", true}
		case 'ئ':
			l = arabicLetter{"i", true}
		case 'و':
			switch {
			case first || prevVowel || nextVowel:
				l = arabicLetter{"w", false}
				if persian && !first {
					l.latin = "v"
				}
			default:
				l = arabicLetter{longU[style], true}
			}
		case 'ي', 'ی', 'ې', 'ۍ':
			switch {
			case last && i >= 3 && rs[i-1] == 'ز':
				l = arabicLetter{"ai", true} // the Pashto -zai: نورزی, Noorzai
			case first || prevVowel || nextVowel:
				l = arabicLetter{"y", false}
			case last:
				l = arabicLetter{"i", true}
			default:
				l = arabicLetter{longI[style], true}
			}
		case 'ى':
			switch {
			case last && i >= 3 && rs[i-1] == 'ز':
				l = arabicLetter{"ai", true}
			case last:
				l = arabicLetter{"i", true} // the table has the names in -a (Mustafa, Yahya)
			default:
				l = arabicLetter{"y", false}
			}
		case 'ے':
			l = arabicLetter{"e", true}
		case 'ة', 'ۃ':
			if last {
				l = arabicLetter{"a", true}
			} else {
				l = arabicLetter{"t", false}
			}
		case 'ه', 'ہ', 'ۀ', 'ە':
			switch {
			case last && i > 0 && !prevVowel:
				l = arabicLetter{"a", true} // زاده, Zada
			default:
				l = arabicLetter{"h", false}
			}
		case 'ھ':
			l = arabicLetter{"h", false}
		case 'ع':
			switch {
			case first && !last && rs[i+1] == 'و':
				l = arabicLetter{"a", true} // عوض, Awad
			case first && !last && !isVowelLetter(rs[i+1]) && rs[i+1] != 'ي' && rs[i+1] != 'ی':
				l = arabicLetter{"a", true} // علي, Ali
			case !first && !prevVowel && !last && !isVowelLetter(rs[i+1]) && rs[i+1] != 'ي' && rs[i+1] != 'ی' && rs[i+1] != 'و':
				l = arabicLetter{"a", true} // سعد, Saad
			default:
				continue
			}
		default:
			c, ok := arabicConsonants[r]
			if persian || style == 1 { // the South Asian style sounds them as Persian and Urdu do: Fazl, Zakir
				if pc, ok := persianConsonants[r]; ok && r != 'و' {
					c = pc
				}
			}
			if !ok {
				if !unicode.IsLetter(r) {
					continue
				}
				c = string(r) // a letter of no table: kept as it is
			}
			l = arabicLetter{c, false}
		}
		if len(ls) == len(buf) {
			break
		}
		ls = append(ls, l)
	}
	// The short vowels: after a first consonant before another, and
	// between two final consonants (i after a long a: CaCiC).
	n := len(ls)
	for i, l := range ls {
		dst = append(dst, l.latin...)
		switch {
		case l.vowel || i+1 == n || ls[i+1].vowel:
		case i == 0:
			dst = append(dst, 'a')
		case i == n-2 && !ls[i-1].vowel:
			dst = append(dst, 'a') // Hasan, Ahmad
		case i == n-2 && ls[i-1].latin == "a":
			dst = append(dst, 'i') // Khalid, Nasir; not after u or i: Akhund
		}
	}
	return dst
}

// arabicNameTable lists common Arabic, Persian and Pashto names and name
// words: the word, then its spellings in the styles of arabicStyles (a
// missing style spells as the one before it). Source: public knowledge of
// the common names of the Arabic-speaking world, Iran, Afghanistan and
// Pakistan and of their usual romanizations.
var arabicNameTable = []string{
	// Names of the Prophet and the companions, and the most common names.
	"محمد muhammad mohammad mohammed mohamed", "احمد ahmad ahmad ahmed ahmed",
	"محمود mahmud mahmood mahmoud mahmoud", "حامد hamid hamid hamed hamed", "حميد hamid hameed hamid hamid",
	"حسن hasan hassan hassan hassen", "حسين husayn hussain hussein houcine", "حسان hassan",
	"علي ali", "عمر umar umar omar omar", "عثمان uthman usman othman othmane",
	"عبد abd abdul abdel abdel", "عبدالله abdullah abdullah abdallah abdellah",
	"يوسف yusuf yousaf youssef youcef", "يونس yunus younus younes younes", "ابراهيم ibrahim",
	"اسماعيل ismail", "اسحاق ishaq ishaq ishak ishak", "يعقوب yaqub yaqoob yacoub yacoub",
	"موسى musa musa moussa moussa", "عيسى isa isa issa aissa", "يحيى yahya yahya yahia yahia",
	"زكريا zakariya zakaria zakaria zakaria", "سليمان sulayman sulaiman suleiman slimane",
	"داود dawud daud daoud daoud", "خالد khalid khalid khaled khaled", "سعيد said saeed saeed said",
	"سعد sad saad saad saad", "صالح salih saleh saleh salah", "سالم salim salim salem salem",
	"ناصر nasir nasir nasser nacer", "منصور mansur mansoor mansour mansour",
	"مصطفى mustafa mustafa mostafa moustafa", "مختار mukhtar mukhtar mokhtar mokhtar",
	"جمال jamal jamal jamal djamel", "كمال kamal kamal kamal kamel", "عادل adil adil adel adel",
	"عامر amir amir amer amer", "امير amir", "طارق tariq tariq tarek tarek", "طاهر tahir tahir taher taher",
	"ظاهر zahir zahir dhahir zahir", "زاهد zahid", "حمزة hamza", "حمد hamad", "حماد hammad",
	"فيصل faysal faisal faisal faical", "عزيز aziz", "عباس abbas", "قاسم qasim qasim kassem kacem",
	"هاشم hashim hashim hashem hachem", "جعفر jafar", "بكر bakr bakar bakr bakr",
	"فاطمة fatima", "عائشة aisha", "مريم maryam", "زينب zaynab zainab zeinab zineb", "خديجة khadija",
	"ليلى layla laila leila leila", "سارة sara", "نادية nadia", "هند hind", "سميرة samira",
	// Name words: kinship, titles, tribes.
	"ابو abu abu abu abou", "ابن ibn", "بن bin bin bin ben", "بنت bint", "ام umm", "ولد walad walad walad ould",
	"ملا mulla mullah mullah mulla", "مولوي mawlawi maulvi mawlawi mawlawi", "حاجي haji", "قاري qari",
	"شيخ shaykh sheikh sheikh cheikh", "سيد sayyid syed sayed sid", "خان khan", "جان jan", "گل gul",
	"شاه shah", "مير mir", "آخوند akhund", "زاده zada", "خيل khel",
	// Names of God after عبد (with the article, al- or -ul-).
	"رحمن rahman", "رحمان rahman", "رحيم rahim", "كريم karim", "لطيف latif", "مجيد majid majeed majid madjid",
	"رزاق razzaq", "غفور ghafur ghafoor ghafour ghafour", "غني ghani", "قادر qadir qadir qader kader",
	"حليم halim", "حكيم hakim", "سلام salam", "فتاح fattah", "باري bari", "حي hayy hai hai hai",
	"ستار sattar", "جبار jabbar", "واحد wahid", "رؤوف rauf", "روف rauf", "ملك malik malik malek malek",
	"مالك malik malik malek malek", "منان mannan", "وهاب wahhab", "قدير qadir qadeer qadir kadir",
	"بصير basir baseer basir basir", "غفار ghaffar",
	// Other common names.
	"نور nur noor nour nour", "بلال bilal", "انور anwar", "اشرف ashraf", "اكرم akram",
	"اسامة usama usama osama oussama", "اياد iyad", "رائد raid raed raed raed", "رياض riyad riaz riad riad",
	"زياد ziyad ziad ziad ziad", "عصام isam isam essam issam", "عماد imad imad emad imed", "عمار ammar",
	"غازي ghazi", "فارس faris faris fares fares", "فاضل fadil fazil fadel fadel", "فهد fahd fahad fahd fahd",
	"قيس qays qais qais kais", "ماجد majid majid maged majed", "مازن mazin mazin mazen mazen",
	"مراد murad murad mourad mourad", "مروان marwan", "مهدي mahdi mehdi mahdi mehdi",
	"نبيل nabil nabeel nabil nabil", "نزار nizar", "هاني hani", "هيثم haytham haitham haitham haythem",
	"وليد walid waleed walid walid", "وائل wail wail wael wael", "ياسر yasir yasir yasser yasser",
	"ياسين yasin yaseen yassin yacine", "يزيد yazid", "مسلم muslim muslim moslem moslim",
	"منير munir muneer mounir mounir", "نجيب najib najeeb naguib nadjib", "حبيب habib",
	"حافظ hafiz hafiz hafez hafed", "خليل khalil", "خليفة khalifa", "رشيد rashid rashid rachid rachid",
	"راشد rashid rashid rashed rached", "رضا rida raza reda reda", "سامي sami", "سلمان salman",
	"سلطان sultan", "شريف sharif sharif sherif cherif", "صادق sadiq sadiq sadek sadok", "صلاح salah",
	"طه taha", "عارف arif arif aref aref", "عبيد ubayd ubaid obaid obeid", "عدنان adnan",
	"عزت izzat izzat ezzat ezzat", "عطا ata atta atta atta", "عوض awad awaz awad aouad",
	"فؤاد fuad fuad fouad fouad", "فتحي fathi", "فريد farid", "كاظم kazim kazim kadhim kadhem",
	"لطفي lutfi lutfi lotfi lotfi", "محسن muhsin mohsin mohsen mohsen", "مرتضى murtada murtaza mortada mourtada",
	"مصعب musab musab mosab mossaab", "معاذ muadh muaz moaz mouadh", "نصر nasr", "نعيم naim naeem naim naim",
	"هادي hadi", "وحيد wahid waheed wahid wahid", "امين amin ameen amin amine", "انس anas",
	"بشير bashir bashir bashir bachir", "بشار bashar", "توفيق tawfiq taufiq tawfik toufik",
	"جابر jabir jabir jaber jaber", "جلال jalal", "حارث harith", "حازم hazim hazim hazem hazem",
	"حسام husam husam hossam houssem", "حمدي hamdi", "حمود hammud hamood hammoud hammoud",
	"خضر khidr khizar khader khadr", "خميس khamis khamis khamis khemais", "ربيع rabi rabi rabie rabie",
	"رجب rajab", "رمضان ramadan ramzan ramadan ramdane", "زكي zaki", "زيد zayd zaid zaid zaid",
	"سمير samir sameer samir samir", "سيف sayf saif saif seif", "شاكر shakir shakir shaker chaker",
	"شهاب shihab shahab shehab chihab", "صباح sabah", "طلال talal", "عاصم asim asim assem assem",
	"علاء ala ala alaa alaa", "غسان ghassan", "فراس firas", "قصي qusay qusai qusay qusai",
	"كامل kamil kamil kamel kamel", "ماهر mahir mahir maher maher", "مسعود masud masood masoud messaoud",
	"مشعل mishal", "ناجي naji", "نادر nadir nadir nader nader", "نايف nayif naif naif naif",
	"هشام hisham hisham hesham hichem", "هلال hilal", "دين din deen din dine", "حق haq haq haq hak",
	"الله allah", "شمس shams", "نظام nizam", "ضياء diya ziya diaa dhia", "فضل fadl fazl fadl fadel", "رحمت rahmat",
	"هدايت hidayat", "امان aman", "احسان ihsan ehsan ihsan ihsane", "اكرام ikram", "انعام inam",
	"عتيق atiq ateeq atiq atik", "فيض fayd faiz faiz faiz", "قريشي qurayshi qureshi qurashi qorchi",
	"ولي wali", "جمعة juma", "نذير nadhir nazir nazir nadir", "حنفي hanafi",
	"شير shir sher sher chir", "داد dad", "متين matin", "يار yar", "رحيمي rahimi", "احمدي ahmadi",
	"محمدي muhammadi mohammadi mohammadi mohamadi", "بخت bakht", "اختر akhtar", "اعظم azam",
	"ذاكر dhakir zakir zakir zakir", "مدني madani", "وزير wazir", "نبي nabi", "حنيف hanif",
	"حقاني haqqani", "رباني rabbani", "نيازي niyazi niazi niazi niazi", "خادم khadim khadim khadem khadem",
	"متقي muttaqi muttaqi mottaki mottaki", "صديق siddiq siddiq seddik seddik", "صديقي siddiqi",
	"سراج siraj", "ظريف zarif", "طيب tayyib tayyab tayeb tayeb", "خولة khawla", "زبيدي zubaydi zubaidi zubaidi zoubeidi",
	"عويس uways aweys aweys aouis", "عولقي awlaqi aulaqi awlaki aoulaqi", "شاعر shair shaer shaer chaer",
	"كبيسي kubaysi kubaisi kubaisi koubaissi", "حجازي hijazi", "زيدان zaydan zaidan zidan zidane", "حيدر haydar haider haidar haidar", "جواد jawad jawad jawad djaouad",
	"رسول rasul rasool rasoul rassoul", "غلام ghulam", "نصير nasir naseer nasir nacir",
	// Places and their adjectives.
	"تكريتي tikriti", "عبيدي ubaydi ubaidi obaidi obeidi", "مصري masri", "عراقي iraqi", "سوري suri",
	"ليبي libi", "تونسي tunisi tunisi tounsi tounsi", "شامي shami", "يمني yamani", "كويتي kuwaiti",
	"بغدادي baghdadi", "حلبي halabi", "فلسطيني filistini", "افغاني afghani", "باكستاني pakistani",
	// Organization words, spelled as genericTable knows them.
	"شركة sharikat", "شركت sherkat", "مؤسسة muassasa", "بنك bank", "مصرف masraf",
	"وزارة wizarat", "وزارت vezarat", "تجارة tijara", "تجارت tejarat", "تجارية tijariya", "خدمات khadamat",
	"صناعة sinaa", "صناعات sinaa", "صنايع sanaye", "هندسة handasa", "مهندسي mohandesi", "تنمية tanmiya",
	"توسعه toseeh", "استثمار istithmar", "بازرگاني bazargani", "توليدي tolidi", "دولية international",
}
