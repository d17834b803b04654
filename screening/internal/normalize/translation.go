package normalize

// Translations.
//
// Some common words of names are translated as often as they are
// romanized: one party is "Kaveh Shargh Steel" and "Kaveh East Steel",
// "Yugo-Vostok" and "South-East", "Darya-ye Khazar" and "Khazar Sea",
// "Nawi Ansari" and "New Ansari". Such a word keeps its own key, and so
// its weight: "Severnaya" is a rarer word of the list than "North", and a
// misspelling of "Shargh" is still one. Meaning tells the matcher which
// words translate one another.

// translationTable holds the words that name one thing in the languages
// the lists romanize names from, each row in English first: Persian,
// Arabic, Pashto, Russian (the adjectives in their common endings),
// Turkish, Spanish and French.
// Source: public knowledge of those languages and of how the lists write
// the names of their parties in English.
var translationTable = [][]string{
	{"east", "eastern", "shargh", "sharq", "sharqi", "sharghi", "vostok", "vostochny", "vostochnyy", "vostochnyi", "vostochnaya", "vostochnoye", "vostochnoe", "dogu"},
	{"west", "western", "gharb", "gharbi", "zapad", "zapadny", "zapadnyy", "zapadnyi", "zapadnaya", "zapadnoye", "zapadnoe"},
	{"north", "northern", "shomal", "shemal", "shamal", "shimal", "sever", "severny", "severnyy", "severnyi", "severnaya", "severnoye", "severnoe", "kuzey"},
	{"south", "southern", "jonub", "jonoub", "janub", "janubi", "yug", "yugo", "yuzhny", "yuzhnyy", "yuzhnyi", "yuzhnaya", "yuzhnoye", "yuzhnoe", "guney"},
	{"sea", "darya", "daryaye", "bahr", "deniz"},
	{"star", "setareh", "sitareh", "satareh", "satereh", "sitara", "zvezda", "yildiz"},
	{"new", "novy", "novyy", "novyi", "novaya", "novoye", "novoe", "nawi", "jadid", "jadeed", "yeni", "nuevo", "nueva", "nouveau", "nouvelle"},
}

// translationIndex maps the words of translationTable, and the sound
// keys of those of five letters or more, to their row's number from 1.
type translationIndex struct {
	meaning map[string]int
	keys    keyFilter // the keys of meaning
}

var translations = lazy[*translationIndex]{build: func() *translationIndex {
	ix := &translationIndex{meaning: map[string]int{}}
	add := func(k string, n int) {
		ix.meaning[k] = n
		ix.keys.add(k)
	}
	for i, row := range translationTable {
		for _, w := range row {
			add(w, i+1)
			if len(w) >= 5 {
				add(soundString(w), i+1)
			}
		}
	}
	return ix
}}

// Meaning returns the meaning of a Distinctive token of key key and sound
// key sound when it is a word that names of parties translate (the points
// of the compass, the sea, the star, new): a number from 1 that the word shares
// with its translations ("shargh", "vostok" and "east"), and 0 for any
// other word. A word of five letters or more is known by its sound key
// too, so that its other romanizations have its meaning.
func Meaning(key, sound string) int {
	ix := translations.get()
	if ix.keys.mayHold(key) {
		if n, ok := ix.meaning[key]; ok {
			return n
		}
	}
	if len(key) >= 5 && ix.keys.mayHold(sound) {
		return ix.meaning[sound]
	}
	return 0
}
