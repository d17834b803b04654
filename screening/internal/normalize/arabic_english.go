package normalize

import (
	"strings"
	"unicode/utf8"
)

// Arabic-script words that names translate.
//
// The lists give the names of organizations written in Arabic script in
// English, or half in English: الدولة الإسلامية في العراق والشام is the
// "Islamic State in Iraq and the Levant", جيش المهاجرين والأنصار the "Army
// of Emigrants and Supporters", جبهة النصرة the "Al-Nusrah Front". A name
// holding a word of organizations (arabicOrganizationWords) therefore
// reads in English too, in alternatives of Variants: each word of the
// tables in English, the others as usual. Words that name a party, never
// translated, keep their transliteration, and the transliteration of the
// whole name stays the name's first reading.
//
// In the English reading the article ال of a word read in English is
// dropped (English writes "Islamic State", not "the State the Islamic"),
// and the conjunction and prepositions written joined to a word read in
// English translate with it: و is "and", ل "for", ب "in" ("والشام" is
// "and Levant", "للصرافة" "for exchange"). A word of several translations
// (جمعية, society or association) reads in its first in the first English
// alternative, in its second in the second, and so on.

// arabicEnglish is a word of the English tables.
type arabicEnglish struct {
	english []string // its English word in each translation, the most usual first
	org     bool     // a word of organizations: a name holding it reads in English too
}

// maxTranslations is the most English alternatives a name offers.
const maxTranslations = 3

// arabicEnglishWords are the words of arabicOrganizationWords and
// arabicOtherEnglish by arabicKey. An adjective in -ي reads in English in
// its feminine, in -ية, too (اسلامي and اسلامية are "islamic").
var arabicEnglishWords = lazy[map[string]*arabicEnglish]{build: func() map[string]*arabicEnglish {
	m := map[string]*arabicEnglish{}
	add := func(rows [][2]string, org bool) {
		for _, row := range rows {
			for _, w := range strings.Fields(row[1]) {
				keys := []string{arabicKey(w)}
				if strings.HasSuffix(keys[0], "ي") {
					keys = append(keys, keys[0]+"ه")
				}
				for i, k := range keys {
					e := m[k]
					if e == nil {
						e = &arabicEnglish{org: org}
						m[k] = e
					} else if i > 0 {
						continue // the feminine is a word of its own in the table
					}
					if len(e.english) == maxTranslations || e.org != org {
						panic("normalize: Arabic word in too many rows of the English tables: " + w) // a bug in the table
					}
					e.english = append(e.english, row[0])
				}
			}
		}
	}
	add(arabicOrganizationWords, true)
	add(arabicOtherEnglish, false)
	return m
}}

// arabicClitics are the letters written joined before a word that
// translate with it, in the order they can stand: the conjunction, then a
// preposition.
var arabicClitics = [...]struct {
	letter  string
	english string
	conj    bool
}{{"و", "and", true}, {"ل", "for", false}, {"ب", "in", false}}

// arabicTranslation is how a word reads in English: its clitics'
// English words, and the word of the tables.
type arabicTranslation struct {
	conj, prep string
	w          *arabicEnglish
	stem       int // the number of letters before the word's own (clitics and article)
}

// translateArabic returns how the word of arabicKey key reads in
// English: the word of the tables it is, or that it is after a
// conjunction, a preposition and the article; w is nil when it is none.
func translateArabic(key string) arabicTranslation {
	m := arabicEnglishWords.get()
	if w := m[key]; w != nil {
		return arabicTranslation{w: w}
	}
	var t arabicTranslation
	rest := key
	for _, c := range arabicClitics {
		if (c.conj || t.prep == "") && strings.HasPrefix(rest, c.letter) && len(rest) > len(c.letter)+2 {
			if c.conj {
				t.conj = c.english
			} else {
				t.prep = c.english
			}
			rest = rest[len(c.letter):]
			t.stem++
			if w := m[rest]; w != nil {
				t.w = w
				return t
			}
		}
	}
	switch {
	case t.prep == "for" && strings.HasPrefix(rest, "ل"):
		rest = rest[len("ل"):] // لل: ل and the article, its alif unwritten
		t.stem++
	case strings.HasPrefix(rest, "ال"):
		rest = rest[len("ال"):]
		t.stem += 2
	default:
		return arabicTranslation{}
	}
	if utf8.RuneCountInString(rest) < 2 {
		return arabicTranslation{}
	}
	if t.w = m[rest]; t.w == nil {
		return arabicTranslation{}
	}
	return t
}

// arabicOrganizationWords are the words of the names of armed groups,
// charities, companies and state bodies that the lists translate, and
// their English words (a word in several rows has several translations,
// the most usual first). Source: public knowledge of Arabic, Persian and
// Urdu, and of how the UN and OFAC lists write such names in English.
var arabicOrganizationWords = [][2]string{
	// Armed groups and movements.
	{"state", "دولة دولت"}, {"islamic", "اسلامي"}, {"army", "جيش لشكر"}, {"front", "جبهة"},
	{"movement", "حركة حركت تحريك"}, {"brigades", "كتائب سرايا"}, {"brigade", "لواء كتيبة"},
	{"battalion", "كتيبة"}, {"group", "جماعة جماعت مجموعة"}, {"party", "حزب"},
	{"organization", "تنظيم منظمة هيئة سازمان"}, {"committee", "هيئة لجنة"}, {"commission", "هيئة"},
	{"network", "شبكة"}, {"supporters", "انصار"}, {"partisans", "انصار"},
	{"mujahideen", "مجاهدين مجاهدون مجاهدي"}, {"emigrants", "مهاجرين مهاجرون"},
	{"fighting", "مقاتلة"}, {"combatant", "مقاتلة"}, {"fighters", "مقاتلين مقاتلون"},
	{"martyrs", "شهداء"}, {"resistance", "مقاومة"}, {"liberation", "تحرير"}, {"conquest", "فتح"},
	{"council", "مجلس"}, {"emirate", "امارة امارت"}, {"province", "ولاية ولايت"}, {"qaida", "قاعدة"},
	{"league", "عصبة رابطة"}, {"union", "اتحاد"}, {"revolutionary", "ثوري"}, {"revolution", "ثورة انقلاب"},
	{"guard", "حرس"}, {"guards", "پاسداران"}, {"corps", "سپاه"}, {"soldiers", "جند"},
	{"guardians", "حراس"}, {"caliphate", "خلافة"}, {"men", "رجال"}, {"order", "طريقة"},
	// Charities and foundations.
	{"society", "جمعية جمعيت"}, {"association", "جمعية جمعيت"}, {"foundation", "مؤسسة بنياد"},
	{"charitable", "خيري"}, {"charity", "خيري"}, {"relief", "اغاثة"}, {"revival", "احياء"},
	{"heritage", "تراث"}, {"humanitarian", "انساني"},
	// Companies and state bodies.
	{"bank", "مصرف بانك"}, {"exchange", "صرافة صرافي"}, {"ministry", "وزارة وزارت"},
	{"office", "مكتب"}, {"center", "مركز"}, {"institute", "معهد"}, {"university", "جامعة"},
	{"national", "وطني ملي"}, {"general", "عامة"},
}

// arabicOtherEnglish are words that read in English in a name that an
// organization word makes read so, but do not make it by themselves: words
// of people's names too (المصري is al-Masri; جهاد and اسلام are given
// names), places and their adjectives, and small words. Source: as for
// arabicOrganizationWords.
var arabicOtherEnglish = [][2]string{
	{"jihad", "جهاد"}, {"islam", "اسلام"}, {"people", "اهل"}, {"in", "في"}, {"of", "من"},
	{"to", "الى"}, {"and", "و"}, {"peninsula", "جزيرة"}, {"island", "جزيرة"},
	{"arabian", "عرب عربي"}, {"arab", "عرب عربي"}, {"levant", "شام"},
	// Countries and regions, and their adjectives.
	{"maghreb", "مغرب"}, {"morocco", "مغرب"}, {"moroccan", "مغربي"}, {"egypt", "مصر"}, {"egyptian", "مصري"},
	{"libya", "ليبيا"}, {"libyan", "ليبي"}, {"tunisia", "تونس"}, {"tunisian", "تونسي"},
	{"algeria", "جزائر"}, {"algerian", "جزائري"}, {"iraq", "عراق"}, {"iraqi", "عراقي"},
	{"syria", "سوريا سورية"}, {"syrian", "سوري"}, {"yemen", "يمن"}, {"yemeni", "يمني"},
	{"somalia", "صومال"}, {"somali", "صومالي"}, {"afghanistan", "افغانستان"}, {"afghan", "افغاني"},
	{"pakistan", "پاکستان باكستان"}, {"pakistani", "پاکستاني باكستاني"}, {"palestine", "فلسطين"},
	{"palestinian", "فلسطيني"}, {"lebanon", "لبنان"}, {"lebanese", "لبناني"}, {"jordan", "اردن"},
	{"jordanian", "اردني"}, {"saudi", "سعودي"}, {"kuwait", "كويت"}, {"kuwaiti", "كويتي"},
	{"sudan", "سودان"}, {"sudanese", "سوداني"}, {"iran", "ايران"}, {"iranian", "ايراني"},
	{"indian", "هندي"}, {"africa", "افريقيا"}, {"african", "افريقي"},
	{"west", "غرب"}, {"east", "شرق"}, {"western", "غربي"}, {"eastern", "شرقي"}, {"north", "شمال"},
	{"northern", "شمالي"}, {"south", "جنوب"}, {"southern", "جنوبي"}, {"greater", "كبرى"},
	{"sahara", "صحراء"}, {"sahel", "ساحل"}, {"muslims", "مسلمين مسلمون"},
}

// readEnglish reads the units of a word in English, as t says: its
// clitics' English words, then its own in the chosen translation; the
// article is dropped.
func (sc *scratch) readEnglish(us []unit, t arabicTranslation) {
	i := 0
	for _, w := range [...]string{t.conj, t.prep} {
		if w != "" {
			sc.emitWord(0, reading{text: w}, us[i].ps, us[i].pe)
			i++
		}
	}
	stem := us[t.stem:]
	english := t.w.english[min(int(sc.choice.translate), len(t.w.english))-1]
	sc.emitWord(0, reading{text: english}, stem[0].ps, stem[len(stem)-1].pe)
}
