package screening

import (
	"strings"
	"sync"

	"github.com/entityscreen/entityscreen/screening/internal/normalize"
)

// givenNameVariants are given names written differently in different
// languages and romanizations that the sound keys do not make equal: the
// Ukrainian, Belarusian and Russian forms of one name, Arabic names in
// their common English, French and Turkish spellings, and European forms.
// Each row is one name; a word of a person's name meets a query word of
// the same row as a spelling. Only spellings of one name are here, not the
// same name in other languages (Ivan and John are different names on a
// list). The table is read by normalized keys.
var givenNameVariants = [][]string{
	// Ukrainian, Belarusian, Russian.
	{"igor", "ihor", "ihar"},
	{"oleg", "oleh", "aleh"},
	{"olga", "olha", "volha"},
	{"aleksey", "alexey", "alexei", "aleksei", "oleksiy", "oleksii", "oleksij", "aliaksei", "alyaksey"},
	{"aleksandr", "alexander", "alexandr", "oleksandr", "aliaksandr", "alyaksandr", "oleksander"},
	{"vladimir", "volodymyr", "uladzimir", "wladimir"},
	{"nikolay", "nikolai", "mykola", "mikalai", "mikola"},
	{"sergey", "sergei", "serhiy", "serhii", "siarhei", "sergiy"},
	{"andrey", "andrei", "andriy", "andrii", "andrej"},
	{"yuri", "yuriy", "yury", "iurii", "yurii", "jurij", "juri"},
	{"georgy", "georgiy", "heorhiy", "heorhii"},
	{"dmitry", "dmitri", "dmitriy", "dmytro", "dzmitry", "dmitrij"},
	{"petr", "pyotr", "piotr", "petro", "piotra"},
	{"pavel", "pavlo", "paval", "pawel"},
	{"mikhail", "mykhailo", "mikhaylo", "michail", "mikhal", "mikhailo"},
	{"yevgeny", "evgeny", "evgeniy", "yevgeniy", "yevhen", "yevhenii", "evgenii", "yauhen", "jewgeni"},
	{"vasily", "vasiliy", "vasyl", "vasil", "vasili", "wassili"},
	{"grigory", "grigoriy", "hryhoriy", "hryhorii", "ryhor"},
	{"anatoly", "anatoliy", "anatolii", "anatol"},
	{"valery", "valeriy", "valerii", "valeri"},
	{"viktor", "victor", "wiktor"},
	{"yakov", "yakiv", "yaakov", "iakov"},
	{"yaqub", "yakub", "yacoub", "yaakoub"},
	{"konstantin", "kostiantyn", "kanstantsin", "konstantyn", "costantin"},
	{"tatyana", "tatiana", "tetiana", "tatsiana"},
	{"natalya", "natalia", "nataliya", "natallia", "natalie"},
	{"yelena", "elena", "olena", "alena", "alyona"},
	{"irina", "iryna"},
	{"svetlana", "svitlana", "sviatlana"},
	{"galina", "halyna", "galyna"},
	{"yekaterina", "ekaterina", "katerina", "kateryna", "katsiaryna"},
	{"mariya", "maria", "mariia", "maryia"},
	{"maryam", "mariam", "meryem"},
	{"anna", "hanna", "ganna"},
	{"gennady", "gennadiy", "hennadiy", "hennadii"},
	{"vyacheslav", "viacheslav", "vyacheslaw"},
	{"stanislav", "stanislaw", "stanislau"},
	{"maksim", "maxim", "maksym"},
	{"artem", "artyom", "artiom"},
	{"fyodor", "fedor", "fedir", "feodor"},
	{"semyon", "semen", "semion"},
	{"timofey", "tymofiy", "timofei"},
	{"kirill", "kyrylo", "kiryl"},
	{"arkady", "arkadiy", "arkadii"},
	// Arabic, Persian, Turkish.
	{"muhammad", "mohammad", "mohammed", "muhammed", "mohamed", "mohamad", "mehmet", "mehmed", "muhamad", "mohd", "mhd", "mouhamed", "mahomed"},
	{"ahmad", "ahmed", "ahmet", "achmed"},
	{"mahmud", "mahmoud", "mahmood", "mehmood", "mahmut"},
	{"mustafa", "mostafa", "moustafa", "mustapha"},
	{"yusuf", "youssef", "yousef", "yusef", "yousuf", "youcef", "yussuf"},
	{"ibrahim", "ebrahim", "ibraheem", "brahim", "ibragim"},
	{"ismail", "esmail", "ismael", "ismayil", "smail"},
	{"husayn", "hussein", "hussain", "husain", "hossein", "huseyin", "houssein", "husein"},
	{"hasan", "hassan", "hasen", "hacene"},
	{"ali", "aly", "alee"},
	{"umar", "omar", "omer", "oumar"},
	{"uthman", "othman", "osman", "usman", "othmane"},
	{"abdallah", "abdullah", "abdulla", "abdellah", "abdollah", "abdalla"},
	{"abd", "abdul", "abdel", "abdal", "abdol", "abdoul"},
	{"abdulrahman", "abdelrahman", "abdurrahman", "abdalrahman", "abdolrahman", "abderrahmane"},
	{"khalid", "khaled", "halid"},
	{"qasim", "kassem", "kasim", "qassem", "qasem", "ghasem", "kasem"},
	{"jamal", "gamal", "cemal", "djamel", "jamel"},
	{"jafar", "jaafar", "jafer", "djafar"},
	{"mahdi", "mehdi", "mehdy"},
	{"said", "saeed", "saied", "saeid", "sayeed", "saiid"},
	{"sayyid", "sayed", "seyed", "seyyed", "sayid", "syed"}, // a title of descent, not the name Said
	{"salih", "saleh"},
	{"faisal", "faysal", "feisal", "faycal"},
	{"nasir", "nasser", "naser"},
	{"tahir", "taher", "tahar"},
	{"yasin", "yassin", "yaseen", "yassine"},
	{"yahya", "yehia", "yahia", "yehya"},
	{"isa", "issa", "eisa", "aissa"},
	{"musa", "moussa", "mousa", "mosa"},
	{"suleiman", "sulayman", "sulaiman", "soliman", "suleyman", "sleiman"},
	{"abu", "abou", "abo"},
	{"ayman", "aiman", "eyman"},
	{"walid", "waleed", "oualid"},
	{"majid", "majed", "magid", "madjid", "majeed"},
	{"rashid", "rachid", "rasheed", "reshid"},
	{"hamid", "hamed", "hamead", "hameed"},
	// The long i of Arabic names, written i or ee.
	{"salim", "saleem", "selim"},
	{"nabil", "nabeel"},
	{"jamil", "jameel", "cemil"},
	{"khalil", "khaleel", "halil"},
	{"rahim", "raheem"},
	{"wahid", "waheed", "vahid"},
	{"zahir", "zaheer"},
	{"bashir", "basheer", "beshir"},
	{"amin", "ameen"},
	{"sharif", "shareef", "cherif"},
	{"latif", "lateef"},
	{"hafiz", "hafeez"},
	{"rafiq", "rafik", "rafeeq"},
	{"tariq", "tarik", "tareq"},
	{"zaid", "zayd", "zeid", "zayed"},
	{"anwar", "anouar", "enver"},
	{"ayub", "ayoub", "ayyub", "eyup"},
	{"hamza", "hamzah", "hamzeh"},
	{"habib", "habeeb"},
	{"karim", "kareem", "kerim"},
	{"aziz", "azeez"},
	{"idris", "idriss", "edris"},
	{"ilyas", "ilias", "ilyes"},
	{"nur", "nour", "noor"},
}

// givenNameIndex holds givenNameVariants by normalized key.
type givenNameIndex struct {
	row  map[string]int // the row of each variant, counted from 1
	keys [][]string     // the variants of each row, by row
	stem map[string]int // the row of each stem of a variant (see nameStem), or -1 when rows share it
}

// patronymicEndings are the endings of East Slavic patronymics, in Russian
// and Ukrainian romanizations, for sons and daughters, longest first
// within each group so that the longest ending is cut: "Dmitrievich",
// "Dmytrovych", "Serhiyovych", "Yuriivna", "Andreyevna".
var patronymicEndings = []string{
	"iyovych", "iyevych", "iyovich", "iyevich", "yovych", "yevych", "yovich", "yevich",
	"ievych", "iovych", "ievich", "iovich", "ovych", "evych", "ivych", "ovich", "evich", "ivich",
	"iyivna", "iyevna", "iyovna", "yivna", "yevna", "yovna", "iivna", "ievna", "iovna",
	"ovna", "evna", "ivna",
}

// nameStem returns key without its final vowels and y: the part of a
// given name that its patronymic keeps ("Dmitriy" and "Dmytro" are
// "dmitr" and "dmytr").
func nameStem(key string) string {
	return strings.TrimRight(key, "aeiouy")
}

// patronymicStem returns the stem of the given name that key, a
// patronymic, is formed from ("dmytrovych" gives "dmytr"), or "" when key
// has no patronymic ending.
func patronymicStem(key string) string {
	if !strings.HasSuffix(key, "ch") && !strings.HasSuffix(key, "na") {
		return "" // every ending is a son's "-ch" or a daughter's "-na"
	}
	for _, e := range patronymicEndings {
		if len(key) > len(e)+2 && strings.HasSuffix(key, e) {
			return nameStem(key[:len(key)-len(e)])
		}
	}
	return ""
}

var givenNames = sync.OnceValue(func() *givenNameIndex {
	ix := &givenNameIndex{row: map[string]int{}, keys: make([][]string, len(givenNameVariants)+1), stem: map[string]int{}}
	for i, row := range givenNameVariants {
		for _, w := range row {
			n, err := normalize.Normalize(w)
			if err != nil || len(n.Tokens) != 1 {
				continue
			}
			k := n.Tokens[0].Key
			if ix.row[k] == 0 {
				ix.row[k] = i + 1
				ix.keys[i+1] = append(ix.keys[i+1], k)
			}
			switch st := nameStem(k); {
			case len(st) < 3:
			case ix.stem[st] == 0:
				ix.stem[st] = i + 1
			case ix.stem[st] != i+1:
				ix.stem[st] = -1
			}
		}
	}
	return ix
})

// sameGivenName reports whether a and b are variants of one given name.
func sameGivenName(a, b string) bool {
	m := givenNames().row
	r := m[a]
	return r != 0 && r == m[b]
}

// samePatronymic reports whether a and b are patronymics formed from
// variants of one given name, both a son's or both a daughter's:
// "Dmytrovych" (Ukrainian, from Dmytro) and "Dmitrievich" (Russian, from
// Dmitriy).
func samePatronymic(a, b string) bool {
	sa := patronymicStem(a)
	if sa == "" {
		return false
	}
	sb := patronymicStem(b)
	if sb == "" || strings.HasSuffix(a, "na") != strings.HasSuffix(b, "na") {
		return false // a son's and a daughter's are two people
	}
	m := givenNames().stem
	r := m[sa]
	return r > 0 && r == m[sb]
}

// givenNameVariantsOf returns the variants of the given name key, itself
// included, or nil.
func givenNameVariantsOf(key string) []string {
	ix := givenNames()
	return ix.keys[ix.row[key]]
}
