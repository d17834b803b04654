package normalize

import (
	"iter"
	"slices"
	"strings"
)

// Stage 6: qualifiers.
//
// A qualifier is a word that says where or in what capacity a company
// acts rather than which company it is: a place (a country by its English
// or local name or adjective, a region, a major city) or a business
// qualifier ("Global", "Overseas"). "Hikvision Europe B.V." is Hikvision
// in Europe, "Huawei Technologies Deutschland GmbH" Huawei in Germany.
// Qualifiers are marked Qualifier, so that the matcher can let them
// neither make a match nor break one.
//
// A name that has no distinctive word besides its qualifiers is named by
// them ("Bank of Moscow", "Hong Kong Electronics"): its qualifiers stay
// Distinctive.

// countryWords are one-word names of countries in other languages and
// their adjectives, each row folded to one key, so that "Huawei
// Technologies Deutschland" and "Huawei Technologies Germany" agree in
// their place. The first word of a row is the key.
var countryWords = [][]string{
	{"usa", "america", "american", "us", "usa", "u.s.a.", "u.s."},
	{"uk", "britain", "british", "uk", "u.k.", "gb", "england", "english"},
	{"scotland", "scottish"},
	{"wales", "welsh"},
	{"ireland", "irish", "eire"},
	{"germany", "deutschland", "german", "deutsche", "deutscher", "deutsches"},
	{"austria", "osterreich", "oesterreich", "austrian"},
	{"switzerland", "schweiz", "suisse", "svizzera", "swiss", "helvetia"},
	{"france", "french", "francaise", "francais"},
	{"belgium", "belgique", "belgie", "belgian"},
	{"netherlands", "nederland", "dutch", "holland"},
	{"luxembourg", "luxemburg"},
	{"spain", "espana", "spanish", "espanola", "iberia", "iberica", "iberian"},
	{"portugal", "portuguese", "portuguesa"},
	{"italy", "italia", "italian", "italiana"},
	{"greece", "hellas", "hellenic", "greek"},
	{"poland", "polska", "polish", "polonia"},
	{"czechia", "czech", "cesko"},
	{"slovakia", "slovak"},
	{"hungary", "magyar", "magyarorszag", "hungarian"},
	{"romania", "romanian"},
	{"bulgaria", "bulgarian"},
	{"serbia", "serbian", "srbija"},
	{"croatia", "croatian", "hrvatska"},
	{"slovenia", "slovenian"},
	{"sweden", "sverige", "swedish", "svenska"},
	{"norway", "norge", "norwegian", "norsk"},
	{"denmark", "danmark", "danish", "dansk"},
	{"finland", "suomi", "finnish"},
	{"estonia", "eesti", "estonian"},
	{"latvia", "latvija", "latvian"},
	{"lithuania", "lietuva", "lithuanian"},
	{"russia", "rossiya", "rossii", "rossiyskaya", "rossiiskaya", "rossiyskiy", "rossiiskii", "russian", "rus", "rf"},
	{"ukraine", "ukraina", "ukrainian"},
	{"belarus", "belarusian", "byelorussia"},
	{"kazakhstan", "kazakh"},
	{"uzbekistan", "uzbek"},
	{"kyrgyzstan", "kyrgyz"},
	{"tajikistan", "tajik"},
	{"turkmenistan", "turkmen"},
	{"azerbaijan", "azerbaijani"},
	{"armenia", "armenian"},
	{"moldova", "moldovan"},
	{"turkey", "turkiye", "turkish", "turk"},
	{"israel", "israeli"},
	{"lebanon", "lebanese", "liban"},
	{"syria", "syrian"},
	{"iraq", "iraqi"},
	{"iran", "iranian", "persia"},
	{"uae", "emirates", "emirati"},
	{"saudi", "saudi"},
	{"qatar", "qatari"},
	{"kuwait", "kuwaiti"},
	{"oman", "omani"},
	{"bahrain", "bahraini"},
	{"yemen", "yemeni"},
	{"jordan", "jordanian"},
	{"egypt", "egyptian", "misr"},
	{"libya", "libyan"},
	{"tunisia", "tunisian"},
	{"algeria", "algerian"},
	{"morocco", "moroccan", "maroc"},
	{"nigeria", "nigerian"},
	{"kenya", "kenyan"},
	{"ghana", "ghanaian"},
	{"ethiopia", "ethiopian"},
	{"sudan", "sudanese"},
	{"china", "chinese", "zhongguo", "sino", "prc"},
	{"taiwan", "taiwanese"},
	{"japan", "japanese", "nippon", "nihon"},
	{"korea", "korean", "hanguk"},
	{"mongolia", "mongolian"},
	{"vietnam", "vietnamese"},
	{"thailand", "thai"},
	{"malaysia", "malaysian"},
	{"indonesia", "indonesian"},
	{"philippines", "philippine", "pilipinas", "filipino"},
	{"singapore", "singaporean"},
	{"cambodia", "cambodian"},
	{"myanmar", "burma", "burmese"},
	{"india", "indian", "bharat"},
	{"pakistan", "pakistani"},
	{"bangladesh", "bangladeshi"},
	{"nepal", "nepali"},
	{"afghanistan", "afghan"},
	{"australia", "australian", "aussie"},
	{"canada", "canadian"},
	{"mexico", "mexican", "mexicana", "mexicano"},
	{"brazil", "brasil", "brazilian", "brasileira", "brasileiro"},
	{"argentina", "argentine", "argentinian"},
	{"chile", "chilean", "chilena"},
	{"colombia", "colombian", "colombiana"},
	{"peru", "peruvian", "peruana"},
	{"venezuela", "venezuelan", "venezolana"},
	{"cuba", "cuban", "cubana"},
	{"panama", "panamanian", "panamena"},
	{"ecuador", "ecuadorian"},
	{"uruguay", "uruguayan"},
	{"bolivia", "bolivian"},
	{"paraguay", "paraguayan"},
}

// qualifierNames are the places and business qualifiers besides
// countryNames, otherPlaces and countryWords: regions, US states, major
// cities, and words of business reach. Words
// that are often given names or ordinary words ("Chad", "Sofia",
// "Victoria", "Reading") are left out.
var qualifierNames = []string{
	// Regions and areas of business.
	"Europe", "European", "Europa", "Euro", "Eurasia", "Eurasian", "EMEA", "EMEIA", "CEE", "DACH",
	"Benelux", "Nordic", "Nordics", "Nordisk", "Norden", "Scandinavia", "Scandinavian", "Balkan",
	"Balkans", "Adriatic", "Mediterranean", "Western Europe", "Eastern Europe", "Central Europe",
	"Asia", "Asian", "Asia Pacific", "Asia-Pac", "APAC", "Pacific", "Asean", "South Asia",
	"Southeast Asia", "South East Asia", "East Asia", "Central Asia", "Far East", "Oceania", "Australasia",
	"Middle East", "Near East", "MENA", "Gulf", "GCC", "Levant", "Arabia", "Africa", "African",
	"North Africa", "West Africa", "East Africa", "Southern Africa", "Sub-Saharan Africa",
	"North America", "South America", "Latin America", "Latam", "Central America", "Caribbean",
	"Americas", "The Americas",
	"CIS", "Transcaucasia", "Caucasus", "Siberia", "Siberian", "Ural", "Urals", "Far Eastern",
	"Greater China", "Mainland", "Mainland China", "Viet Nam", "New Zealand", "South Africa",
	"Sri Lanka", "P.R. China", "People's Republic of China", "United States of America",
	// US states and Canadian provinces.
	"Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
	"Florida", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana",
	"Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri",
	"Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York",
	"North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island",
	"South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont",
	"West Virginia", "Wisconsin", "Wyoming", "Ontario", "Quebec", "British Columbia",
	"Alberta",
	// Major cities.
	"Abu Dhabi", "Sharjah", "Ajman", "Riyadh", "Jeddah", "Dammam", "Doha", "Muscat", "Manama",
	"Isfahan", "Esfahan", "Mashhad", "Tabriz", "Shiraz", "Baghdad", "Basra", "Erbil", "Damascus",
	"Aleppo", "Beirut", "Amman", "Cairo", "Istanbul", "Ankara", "Izmir", "Tel Aviv",
	"Jerusalem", "Haifa", "Karachi", "Lahore", "Islamabad", "Kabul", "Mumbai", "Bombay", "Delhi",
	"New Delhi", "Bangalore", "Bengaluru", "Chennai", "Kolkata", "Hyderabad", "Pune", "Dhaka",
	"Colombo", "Kathmandu", "Bangkok", "Kuala Lumpur", "Jakarta", "Manila", "Hanoi", "Ho Chi Minh",
	"Saigon", "Phnom Penh", "Yangon", "Taipei", "Kaohsiung", "Tokyo", "Osaka", "Yokohama", "Nagoya",
	"Seoul", "Busan", "Pyongyang", "Ulaanbaatar", "Chongqing", "Qingdao", "Xiamen", "Ningbo",
	"Zhuhai", "Foshan", "Hefei", "Changsha", "Zhengzhou", "Jinan", "Shenyang", "Kunming", "Fuzhou",
	"Nanchang", "Taiyuan", "Shijiazhuang", "Lanzhou", "Urumqi", "Changchun", "Nanning", "Guiyang",
	"Wuxi", "Changzhou", "Wenzhou", "Shaoxing", "Jiaxing", "Quanzhou", "Yantai", "Luoyang", "Mianyang",
	"Huizhou", "Shantou", "Tibet", "Xizang", "Neimenggu", "Incheon", "Daegu",
	"Xinjiang", "Sichuan", "Guangdong", "Jiangsu", "Zhejiang", "Shandong", "Hunan", "Hubei", "Henan",
	"Hebei", "Fujian", "Liaoning", "Jilin", "Heilongjiang", "Shaanxi", "Shanxi", "Anhui", "Jiangxi",
	"Yunnan", "Guizhou", "Guangxi", "Hainan", "Gansu", "Qinghai", "Ningxia", "Inner Mongolia",
	"Moskva", "Moskovskiy", "Moskovskaya", "Sankt-Peterburg", "Petersburg", "Novosibirsk",
	"Yekaterinburg", "Ekaterinburg", "Kazan", "Nizhny Novgorod", "Nizhniy Novgorod", "Samara", "Omsk",
	"Chelyabinsk", "Rostov", "Ufa", "Krasnoyarsk", "Perm", "Voronezh", "Volgograd", "Krasnodar",
	"Saratov", "Tyumen", "Irkutsk", "Vladivostok", "Khabarovsk", "Kaliningrad", "Murmansk", "Sevastopol",
	"Kyiv", "Kiev", "Kharkiv", "Kharkov", "Odesa", "Odessa", "Dnipro", "Lviv", "Almaty", "Astana",
	"Tashkent", "Bishkek", "Dushanbe", "Ashgabat", "Baku", "Tbilisi", "Yerevan", "Chisinau",
	"London", "Manchester", "Birmingham", "Edinburgh", "Glasgow", "Dublin", "Paris", "Lyon",
	"Marseille", "Berlin", "Frankfurt", "Munich", "München", "Hamburg", "Düsseldorf", "Cologne",
	"Köln", "Stuttgart", "Vienna", "Wien", "Zurich", "Zürich", "Geneva", "Genève", "Basel", "Milan",
	"Milano", "Rome", "Roma", "Turin", "Torino", "Madrid", "Barcelona", "Valencia", "Lisbon", "Lisboa",
	"Porto", "Amsterdam", "Rotterdam", "The Hague", "Brussels", "Bruxelles", "Antwerp", "Stockholm",
	"Gothenburg", "Oslo", "Copenhagen", "København", "Helsinki", "Warsaw", "Warszawa", "Krakow",
	"Kraków", "Prague", "Praha", "Budapest", "Bucharest", "Bratislava", "Ljubljana", "Zagreb",
	"Belgrade", "Beograd", "Athens", "Riga", "Tallinn", "Vilnius", "Limassol", "Nicosia", "Valletta",
	"Los Angeles", "San Francisco", "Silicon Valley", "Chicago", "Houston", "Miami", "Boston",
	"Seattle", "Atlanta", "Dallas", "Denver", "Toronto", "Vancouver", "Montreal", "Calgary",
	"Mexico City", "Sao Paulo", "São Paulo", "Rio de Janeiro", "Buenos Aires", "Bogota", "Bogotá",
	"Caracas", "Havana", "Melbourne", "Brisbane", "Perth", "Auckland", "Johannesburg",
	"Cape Town", "Lagos", "Nairobi", "Casablanca", "Tunis", "Algiers", "Tripoli", "Khartoum",
	// Business qualifiers: reach and capacity.
	"Global", "Worldwide", "World Wide", "Overseas", "Offshore", "Off-Shore", "Subsidiary",
	"Representative Office", "Rep Office", "Liaison Office", "Regional Office", "Regional Headquarters",
	"Headquarters", "HQ",
}

// placeNames yields every place and qualifier of the tables (countryNames,
// otherPlaces, qualifierNames, countryWords), with, for the words of
// countryWords, the key of their country ("" for the others).
func placeNames() iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for _, table := range [][]string{countryNames, otherPlaces, qualifierNames} {
			for _, name := range table {
				if !yield(name, "") {
					return
				}
			}
		}
		for _, row := range countryWords {
			for _, w := range row {
				if !yield(w, row[0]) {
					return
				}
			}
		}
	}
}

// qualifierIndex holds the qualifiers by the raw keys of their words.
type qualifierIndex struct {
	// seqs maps the raw key of a qualifier's first word to the raw keys of
	// the qualifiers starting with it, longest first.
	seqs map[string][][]string
	// fold maps the raw key of a one-word name of a country (countryWords)
	// to the country's key and its sound key.
	fold map[string][2]string
	// keys are the keys of seqs, which hold those of fold.
	keys keyFilter
}

// qualifiers is built once, from the raw keys the tokenizer gives each
// table entry (so that "Curaçao" and "U.S.A." are read as in names).
var qualifiers = lazy[*qualifierIndex]{build: func() *qualifierIndex {
	ix := &qualifierIndex{seqs: map[string][][]string{}, fold: map[string][2]string{}}
	sc := new(scratch)
	add := func(name string) []string {
		keys := sc.rawWordKeys(name)
		if len(keys) == 0 || generics.get().byKey[keys[0]] != nil && len(keys) == 1 {
			return nil // a lone organization word ("Group") is generic already
		}
		if !slices.ContainsFunc(ix.seqs[keys[0]], func(k []string) bool { return slices.Equal(k, keys) }) {
			ix.seqs[keys[0]] = append(ix.seqs[keys[0]], keys)
		}
		return keys
	}
	for name, country := range placeNames() {
		if keys := add(name); country != "" && len(keys) == 1 {
			ix.fold[keys[0]] = [2]string{country, soundString(country)}
		}
	}
	// A Chinese place and 市 or 省 after it: "Shenzhen Shi", 深圳市.
	for _, p := range chinesePlaces {
		if _, ok := ix.seqs[p[1]]; ok {
			for _, suffix := range placeSuffixes {
				add(p[1] + " " + suffix)
			}
		}
	}
	for k, seqs := range ix.seqs {
		slices.SortStableFunc(seqs, func(a, b []string) int { return len(b) - len(a) })
		ix.seqs[k] = seqs
		ix.keys.add(k)
	}
	return ix
}}

// QualifierWord reports whether key, the Key of a token, is a qualifier
// of one word (a place or a business qualifier, see [Qualifier]) when a
// name has other distinctive words: "china", "europe", "global". A name
// named by its place keeps it [Distinctive] ("China Telecom"); this tells
// that the word is a place all the same.
func QualifierWord(key string) bool {
	ix := qualifiers.get()
	if !ix.keys.mayHold(key) {
		return false
	}
	return slices.ContainsFunc(ix.seqs[key], func(seq []string) bool { return len(seq) == 1 })
}

// rawWordKeys returns the raw keys of the words of s as the tokenizer
// reads them, before legal forms and generic words.
func (sc *scratch) rawWordKeys(s string) []string {
	sc.run(s, surveyText(s))
	keys := make([]string, 0, len(sc.words))
	for i := range sc.words {
		keys = append(keys, strings.Clone(sc.str(sc.words[i].key)))
	}
	return keys
}

// markQualifiers marks the distinctive words and initialisms of the
// qualifiers in the kept words Qualifier, longest qualifier first, unless
// no other distinctive word would remain: then the first qualifier names
// the party, and any after it stay qualifiers.
func (sc *scratch) markQualifiers() {
	ix := qualifiers.get()
	kept := sc.idx[:0]
	for i := range sc.words {
		if sc.words[i].drop == keep {
			kept = append(kept, int32(i))
		}
	}
	sc.idx = kept
	marked, other := sc.markBranches(), false
	sc.markApart(false)      // the forms markBranches shows stand between words again
	firstEnd, places := 0, 0 // where the first qualifier ends in kept, and how many there are
	for p := 0; p < len(kept); {
		n := sc.qualifierAt(ix, kept[p:])
		if n == 0 {
			if k := sc.words[kept[p]].kind; k == Distinctive || k == Initialism || k == NonLatin {
				other = true
			}
			p++
			continue
		}
		for _, i := range kept[p : p+n] {
			if w := &sc.words[i]; w.kind == Distinctive || w.kind == Initialism {
				w.prevKind, w.kind = w.kind, Qualifier
				marked = true
			}
		}
		if places == 0 {
			firstEnd = p + n
		}
		places++
		p += n
	}
	if !marked {
		return
	}
	// A name of places and organization words only is named by its first
	// place, and the places after it qualify it as they would another
	// name: "32 Group China France Branch" is the French branch of "32
	// Group China".
	if !other && places > 1 {
		for _, i := range kept[:firstEnd] {
			if w := &sc.words[i]; w.kind == Qualifier {
				w.kind = w.prevKind
			}
		}
		other = true
	}
	if other {
		sc.formRemains(kept)
		// The remains of a form may have been the only other word.
		other = slices.ContainsFunc(kept, func(i int32) bool {
			k := sc.words[i].kind
			return k == Distinctive || k == Initialism || k == NonLatin
		})
	}
	for _, i := range kept {
		w := &sc.words[i]
		switch {
		case w.kind != Qualifier:
		case !other:
			w.kind = w.prevKind
		case w.gen == nil:
			if f, ok := ix.fold[sc.str(w.key)]; ok {
				w.key, w.sound = ref{where: refConst, c: f[0]}, ref{where: refConst, c: f[1]}
				sc.formPatterns(w)
			}
		}
	}
}

// maxBranchWords is the most words that may follow a legal form inside a
// name as its branch or place (see markBranches).
const maxBranchWords = 2

// markBranches marks Qualifier the distinctive words that follow a legal
// form of one word in the middle of a part of the name, after a word of
// the name: they name a branch or a place of the company the form ends,
// not the company ("Aqua Shipping Ltd.-Mai", "Araneks DOO
// Beograd-Vozdovac"). A form of several words ("Joint Stock Company")
// inside a name more often follows a misspelt word of a longer form it
// leads ("Publc Joint Stock Company Alrosa"), and initialisms after a form
// are as often the name's ("A & GmbH B"). At most maxBranchWords words may
// follow, the connectors aside; more are a name of their own. It reports
// whether it marked a word; markQualifiers undoes the marks when no other
// distinctive word remains. The Display shows the form, so that it
// normalizes to the same tokens.
func (sc *scratch) markBranches() bool {
	marked := false
	named := false             // a word of the name seen in the part
	form, first, at := 0, 0, 0 // the words of a form after it, from first to at
	for i := 0; i < len(sc.words); i++ {
		w := &sc.words[i]
		if w.flags&wBoundary != 0 {
			named, form = false, 0
		}
		switch {
		case w.drop == dropForm:
			if named {
				if form == 0 {
					first = i
				}
				form, at = form+1, i
			}
		case w.drop != keep:
		case form != 1:
			if form > 1 {
				sc.showFormRun(first, at)
			}
			form = 0
			named = named || w.kind == Distinctive || w.kind == Initialism
		default:
			// The words after the form, to the end of the part, counted
			// up to one more than a branch may have.
			end, n := i, 0
			for ; end < len(sc.words) && (end == i || sc.words[end].flags&wBoundary == 0) && n <= maxBranchWords; end++ {
				if o := &sc.words[end]; o.drop == keep && (o.kind != Generic || o.gen == nil || !Connector(o.gen.key)) {
					n++
				}
			}
			if n > maxBranchWords {
				// A name of its own, which may hold a form of its own:
				// read on from its first word.
				form = 0
				named = named || w.kind == Distinctive || w.kind == Initialism
				continue
			}
			for k := i; k < end; k++ {
				if o := &sc.words[k]; o.drop == keep && o.kind == Distinctive {
					o.prevKind, o.kind = o.kind, Qualifier
					sc.words[at].flags |= wBranch
					marked = true
				}
			}
			named, form = false, 0
			i = end - 1
		}
	}
	return marked
}

// showFormRun marks wBranch, for the Display to show them, the words of
// the forms from lo to hi (markBranches counts them) when the Display
// shows one of them, a piece of a glued word (see shownGlued): without the
// others it would hold a form of fewer words than the name ("A0AaLLC LLC
// A0", "C Ltd GmbHLiabilityOpen"), the words after which read otherwise.
func (sc *scratch) showFormRun(lo, hi int) {
	shown := false
	for k := lo; k <= hi && !shown; k++ {
		shown = sc.shownGlued(k)
	}
	if !shown {
		return
	}
	for k := lo; k <= hi; k++ {
		if sc.words[k].drop == dropForm && !sc.shownGlued(k) {
			sc.words[k].flags |= wBranch
		}
	}
}

// qualifierAt returns the number of words of the longest qualifier that
// the words ws start with, or 0.
func (sc *scratch) qualifierAt(ix *qualifierIndex, ws []int32) int {
	first := &sc.words[ws[0]]
	if first.kind != Distinctive && first.kind != Initialism {
		return 0
	}
	k := sc.str(first.key)
	if !ix.keys.mayHold(k) {
		return 0
	}
	for _, seq := range ix.seqs[k] {
		if len(seq) > len(ws) {
			continue
		}
		ok := true
		for j := 1; j < len(seq) && ok; j++ {
			w := &sc.words[ws[j]]
			ok = w.kind != Number && w.kind != NonLatin && sc.str(w.key) == seq[j]
		}
		if ok {
			return len(seq)
		}
	}
	return 0
}

// formRemains makes Generic the short words between a name and its
// trailing qualifiers that are a legal form or the last letters of one:
// the form of the name a subsidiary-style name was made from ("Twelfth
// Ocean KG Germany GmbH", "Cambios Palmilla de C V Japan K.K.", "Trade
// Point International R L Nederland"). Their keys stay, so they still meet
// the same letters in another name, but they weigh little.
func (sc *scratch) formRemains(kept []int32) {
	// The trailing qualifiers and organization words, at least one qualifier.
	end, qual := len(kept), false
	for end > 0 {
		w := &sc.words[kept[end-1]]
		if w.kind != Qualifier && (w.kind != Generic || w.gen != nil && Connector(w.gen.key)) {
			break
		}
		qual = qual || w.kind == Qualifier
		end--
	}
	if !qual || end == len(kept) {
		return
	}
	lw := legalWords.get()
	for p := end - 1; p > 0; p-- {
		i := kept[p]
		w := &sc.words[i]
		if w.flags&(wLatin|wScript) != wLatin || w.kind != Initialism && !(w.kind == Distinctive && len(sc.str(w.key)) <= 3) {
			return
		}
		if _, tail := lw.tailLetters[sc.str(w.key)]; !tail {
			if j, _ := sc.longestAt(int(i), func(*pattern) bool { return true }); j != int(i)+1 {
				return
			}
		}
		w.kind = Generic
	}
}
