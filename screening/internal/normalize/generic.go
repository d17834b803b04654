package normalize

import (
	"slices"
	"strings"
)

// Stage 5: generic words.
//
// A word is generic when it says what kind of organization a name is
// rather than which one: it is common in company names generally. The
// matcher also weighs words by their rarity in the list, so this table
// holds only true organization words, their abbreviations and
// translations, the pinyin and Revised Romanization of the Chinese and
// Korean ones included ("keji", "jishu", "jeonja"; see han_table.go)
// (connectorTable holds the stop words, which are generic too). Each row
// is a canonical key and the words that fold to it.
var genericTable = []struct {
	key   string
	words []string
}{
	// Organization words.
	{"company", []string{"company", "co", "cos", "companies", "compania", "companhia", "compagnie", "compagnia", "kompaniya", "kompania", "kompaniia", "kompani", "kampani", "firm", "firma", "sherkat", "sherkate", "shirkat", "sharikat", "sharika", "sharikah", "sharekat", "sirketi", "sirket", "gesellschaft", "gongsi", "zonggongsi", "hoesa", "chonghoesa", "kaisha"}},
	{"corporation", []string{"corporation", "corp", "corpn", "corporations", "korporatsiya", "korporatsiia", "corporacion", "corporacao", "korporacja", "gongsa"}},
	{"international", []string{"international", "intl", "internacional", "internationale", "internazionale", "mezhdunarodnaya", "mezhdunarodnyy", "guoji", "gukje"}},
	{"technology", []string{"technology", "technologies", "tech", "techs", "technologie", "tecnologia", "tecnologias", "tekhnologii", "tekhnologiya", "tekhnologiia", "technik", "keji", "gaokeji", "jishu", "gisul"}},
	{"laboratory", []string{"laboratory", "laboratories", "lab", "labs", "laboratoriya", "laboratoriia", "laboratorii", "laboratoire", "laboratoires", "laboratorio", "laboratorios", "shiyanshi"}},
	{"industry", []string{"industry", "industries", "ind", "inds", "industria", "industrias", "industrie", "sanayi", "sanaye", "sanayeh", "sanat", "sinaat", "sinaa", "promyshlennost", "industrii", "industriya", "gongye", "shiye", "chanye", "saneop", "gongeop", "junggongeop"}},
	{"industrial", []string{"industrial", "indl", "industriel", "industrielle", "industriale"}},
	{"engineering", []string{"engineering", "eng", "engg", "engineers", "ingenieria", "engenharia", "inzhiniring", "mohandesi", "muhendislik", "handasa", "handasiya", "ingenierie", "gongcheng"}},
	{"manufacturing", []string{"manufacturing", "mfg", "manuf", "manufacturers", "manufacturer", "mfr", "mfrs", "zhizao"}},
	{"group", []string{"group", "grp", "groupe", "grupo", "grup", "grupp", "gruppa", "gruppe", "grupa", "gruppo", "groups", "jituan"}},
	{"holding", []string{"holding", "holdings", "hldg", "hldgs", "kholding", "kholdingi", "konggu", "jiju"}},
	{"research", []string{"research", "res", "rsch", "issledovatelskiy", "issledovatelskii", "issledovatelsky", "issledovatelskogo", "yanjiu"}},
	{"institute", []string{"institute", "inst", "institut", "instituto", "instytut", "institutes", "istituto", "yanjiusuo", "yanjiuyuan", "xueyuan", "yeonguso", "yeonguwon"}},
	{"university", []string{"university", "univ", "universitet", "universidad", "universite", "universitat", "universita", "universiti", "daxue", "daehakgyo", "daehak"}},
	{"import", []string{"import", "imp", "imports", "importers", "importer", "varedat", "ithalat", "ith", "importadora", "importaciones", "importacao", "jinchukou"}},
	{"export", []string{"export", "exp", "exports", "exporters", "exporter", "ihracat", "ihr", "exportadora", "exportaciones", "exportacao", "eksport"}},
	{"trading", []string{"trading", "trade", "trdg", "traders", "trader", "ticaret", "tic", "tejarat", "tejari", "bazargani", "tijara", "tijarah", "tijariya", "torgovyy", "torgovaya", "torgovyi", "torgovy", "handels", "handel", "trgovina", "trgovinu", "promet", "comercializadora", "maoyi", "shangmao", "muyeok", "sangsa", "mulsan"}},
	{"services", []string{"services", "service", "svcs", "svc", "servicios", "servicos", "servis", "servisy", "usluge", "khadamat", "khidmat", "hizmetleri", "dienstleistungen", "fuwu"}},
	{"national", []string{"national", "natl", "nacional", "nationale", "nazionale", "guojia"}},
	{"enterprise", []string{"enterprise", "enterprises", "entreprise", "empresa", "empresas", "preduzece", "predpriyatie", "predpriyatiye", "predpriiatie", "pidpryiemstvo", "qiye"}},
	{"development", []string{"development", "developments", "dev", "devt", "desarrollo", "toseeh", "tosee", "tanmiya", "tanmiyah", "razvitie", "razvitiya", "desenvolvimento", "developpement", "fazhan", "kaifa", "gaebal"}},
	{"systems", []string{"systems", "system", "sys", "sistemas", "sistemy", "systemes", "systeme", "xitong"}},
	{"solutions", []string{"solutions", "solution", "soluciones"}},
	{"electronics", []string{"electronics", "electronic", "elec", "electr", "electronica", "elektronika", "elektronik", "electronique", "dianzi", "jeonja"}},
	{"bank", []string{"bank", "banco", "banque", "banca", "bankasi", "jsb", "jscb", "akb", "pjscb", "ojscb", "cjscb", "yinhang", "eunhaeng"}}, // joint-stock (commercial) bank
	// A bank's holding company, not the bank: "Bank" does not meet "Bancorp".
	{"bancorp", []string{"bancorp", "bancshares", "bankshares"}},
	{"association", []string{"association", "assoc", "assn", "associates", "asociacion", "associacao", "obyedinenie", "obedinenie", "obyedineniye", "obedineniye", "xiehui"}},
	{"agency", []string{"agency", "agencies", "agentstvo", "agencia", "daili"}},
	{"center", []string{"center", "centre", "ctr", "centro", "tsentr", "centrum"}},
	{"factory", []string{"factory", "factories", "plant", "plants", "works", "zavod", "fabrika", "fabrica", "fabrik", "kombinat", "gongchang", "seisakusho"}},
	{"concern", []string{"concern", "kontsern", "konzern"}},
	{"complex", []string{"complex", "kompleks", "complejo", "complexe"}}, // an industrial complex
	{"partners", []string{"partners", "partner", "partnership"}},
	{"brothers", []string{"brothers", "bros", "hermanos", "freres", "fratelli", "irmaos"}}, // a family firm: "Gaxiola Hermanos", "Gaxiola Brothers"
	{"logistics", []string{"logistics", "logistic", "logistica", "logistik", "wuliu"}},
	{"shipping", []string{"shipping", "hangyun", "haiyun", "chuanwu", "haeun"}},
	{"investment", []string{"investment", "investments", "invest", "investing", "inversiones", "inversion", "investimentos", "investimento", "investissement", "sarmayeh", "sarmayeguzari", "istithmar", "investitsii", "investitsionnaya", "touzi", "tuja"}},
	{"consulting", []string{"consulting", "consultants", "consultancy", "consultoria", "consultadoria", "consultores", "konsalting", "beratung", "zixun"}},
	{"products", []string{"products", "product", "prods", "chanpin"}},
	{"equipment", []string{"equipment", "equipments", "equip", "shebei"}},
	{"supply", []string{"supply", "supplies", "supplier", "suppliers"}},
	{"chemical", []string{"chemical", "chemicals", "khimiya", "khimicheskiy", "huagong"}},
	{"store", []string{"store", "stores", "shop", "shops"}},
	{"commercial", []string{"commercial", "commerce", "comercial", "comercio", "kommercheskaya", "shangwu"}},
	{"foreign", []string{"foreign", "dis"}}, // Turkish dis ticaret: foreign trade
	{"establishment", []string{"establishment", "establishments", "etablissement", "etablissements", "muassasa", "muassasat", "moassese", "moasseseh", "anstalt", "establecimiento"}},
	{"ministry", []string{"ministry", "ministerstvo", "ministerio", "ministere", "vezarat", "wizarat"}},
	{"department", []string{"department", "dept", "departamento"}},
	{"bureau", []string{"bureau", "byuro", "buro"}},
	{"branch", []string{"branch", "filial", "filiale", "fengongsi"}},
	{"organization", []string{"organization", "organisation", "org", "organizatsiya", "organizacion"}},
	{"foundation", []string{"foundation", "fund", "fond", "fundacion"}},
	// The words of the names of charities and armed groups, in English and
	// as the lists romanize their Arabic words (see arabicOrganizationWords
	// for their Arabic script): "Jami'a Sanabil" is the Sanabil
	// association, "Saraya al-Ashtar" the al-Ashtar Brigades. A society is
	// a form (see formKeys); a brigade, a battalion or a militia says what
	// the group does: "Al-Quds Brigades" is not "Al-Quds Foundation".
	{"society", []string{"society", "societies", "jamia", "jamiat", "jamiyat", "jamiya", "jamiyah", "jamiyya", "jamiyyat"}},
	{"brigade", []string{"brigade", "brigades", "saraya", "kataib", "kataeb", "liwa", "liwaa"}},
	{"battalion", []string{"battalion", "battalions", "katiba", "katibah", "katibat"}},
	{"militia", []string{"militia", "militias"}},
	{"scientific", []string{"scientific", "sci", "nauchno", "nauchnyy", "nauchnyi", "nauchnaya"}},
	{"production", []string{"production", "productive", "proizvodnju", "proizvodnja", "proizvodstvennoe", "proizvodstvennoye", "proizvodstvennaya", "proizvodstvennyy", "tolid", "tolidi", "produccion", "producao"}},
	{"npo", []string{"npo"}},                                // nauchno-proizvodstvennoe obyedinenie
	{"npp", []string{"npp", "npk", "nptz"}},                 // nauchno-proizvodstvennoe predpriyatie, kompleks: scientific-production enterprise
	{"ntc", []string{"ntc", "stc", "ntts", "nttc", "nits"}}, // nauchno-tekhnicheskiy tsentr: scientific and technical center
	{"nii", []string{"nii"}},                                // nauchno-issledovatelskiy institut
	{"okb", []string{"okb"}},                                // opytno-konstruktorskoe byuro
	{"po", []string{"po"}},                                  // proizvodstvennoe obyedinenie: production association
}

// phraseTable holds the runs of organization words that one organization
// word abbreviates, by the abbreviation's key: Russian names write "NPP"
// for "nauchno-proizvodstvennoe predpriyatie" or spell it out, in Russian
// or in English ("Scientific-Production Enterprise"), and the lists hold
// every way. A run is of the words' keys (see genericTable), so that a run
// in Russian and one in English read alike, and an "and" may stand between
// its words ("Research and Production Association"); a run folds to one
// token of the abbreviation's key (see scratch.phraseAt).
var phraseTable = []struct {
	key  string
	runs [][]string
}{
	{"npp", [][]string{{"scientific", "production", "enterprise"}, {"research", "production", "enterprise"}}},
	{"npo", [][]string{{"scientific", "production", "association"}, {"research", "production", "association"}}},
	{"nii", [][]string{{"scientific", "research", "institute"}}},
	{"po", [][]string{{"production", "association"}}},
}

// phrase is a run of phraseTable after its first word: the words of the
// rest of the run, and the word they fold to with the first.
type phrase struct {
	rest []*genericWord
	abbr *genericWord
}

// formKeys are the keys of the organization words that say what form an
// organization takes rather than what it does: "Liberty Shipping" and
// "Liberty Bank" differ in what they do, "Liberty Company" and "Liberty
// Group" need not. See [Activity].
var formKeys = map[string]bool{
	"company": true, "corporation": true, "international": true, "group": true, "holding": true,
	"national": true, "enterprise": true, "association": true, "concern": true, "partners": true, "brothers": true,
	"branch": true, "organization": true, "establishment": true, "society": true, "npo": true, "npp": true, "ntc": true, "nii": true, "okb": true, "po": true,
}

// Activity reports whether key, the Key of a [Generic] token, is an
// organization word that says what an organization does ("shipping",
// "bank", "electronics"), not what form it takes ("company", "group") or
// a connector ("of").
func Activity(key string) bool {
	g := generics.get().byKey[key]
	return g != nil && g.key == key && !g.connector && !g.distinctive && !formKeys[key]
}

// connectorTable holds the generic words that join or mark the words of a
// name rather than say what kind of organization it is: stop words, "No."
// before a number, and the particles of Arabic and Malay names that say
// whose son or daughter a person is, which records drop as often as they
// write ("Hasan bin Dawud", "Hasan Dawud"). See [Connector].
var connectorTable = []struct {
	key   string
	words []string
}{
	{"number", []string{"no", "nos", "nr", "number"}},
	{"and", []string{"and", "und", "et", "ve", "va"}},
	{"of", []string{"of", "de", "del", "des", "du", "da", "do", "dos", "das", "di", "della", "von", "van", "der", "den"}},
	{"the", []string{"the", "la", "le", "les", "el", "los", "las", "al"}},
	{"for", []string{"for", "pour", "para", "fur", "per", "za"}},
	{"in", []string{"in", "en"}},
	{"at", []string{"at"}},
	{"on", []string{"on"}},
	{"to", []string{"to"}},
	{"with", []string{"with"}},
	{"by", []string{"by"}},
	{"bin", []string{"bin", "ibn", "binti", "bint"}},
}

// foldTable holds abbreviations common in vendor records of words that
// are not generic: they fold to the full word's key and stay Distinctive
// ("comms" is "communications"). Making such industry words Generic would
// leave names like "Scientific Research Institute of Communication
// Management Systems" without a distinctive word at all.
var foldTable = []struct {
	key   string
	words []string
}{
	{"communications", []string{"communications", "communication", "comms", "comm", "commun", "communic", "comunicaciones", "comunicacoes", "tongxin", "tongxun", "tongsin"}},
	{"management", []string{"management", "mgmt", "mgt", "mngmt", "guanli", "menedzhment", "menedzhmenta"}}, // menedzhment: Russian and Ukrainian
	{"information", []string{"information", "xinxi"}},
	// Words that say what an organization does, in the languages the
	// list's names are romanized from: a name translated or transliterated
	// keeps them ("Otik Havacilik", "Otik Aviation"; "Petrovskii
	// Elektromekhanicheskii Zavod", "Petrovsky Electromechanical Plant").
	// Not the words that are the name of a party whose translation names
	// many others: "Bank Keshavarzi" is "Agricultural Bank", as are banks
	// of other countries.
	{"agricultural", []string{"agricultural", "agriculture", "agricola", "agricultura"}},
	{"aviation", []string{"aviation", "havacilik", "aviatsiya", "aviatsii", "aviacion", "aviacao", "aviazione"}},
	{"electromechanical", []string{"electromechanical", "elektromekhanicheskii", "elektromekhanicheskiy", "elektromekhanichesky", "elektromekhanicheskoe", "elektromekhanicheskaya"}},
	{"metal", []string{"metal", "metallic", "metall", "metallicheskiy"}},
	{"police", []string{"police", "policia", "politsiya", "politsii"}},
	{"cement", []string{"cement", "cemento", "cimento", "ciment", "tsement", "siman"}},
	{"oil", []string{"oil", "naft", "neft"}},
}

// minGenericTypoLen is the length from which a generic word is recognized
// with one typo (an insertion, deletion or transposition, not a
// substitution: "protection" must not become "production").
const minGenericTypoLen = 9

// ordinals are spelled ordinals folded to digits.
var ordinals = map[string]string{
	"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5",
	"sixth": "6", "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10",
	"eleventh": "11", "twelfth": "12", "thirteenth": "13", "fourteenth": "14",
	"fifteenth": "15", "sixteenth": "16", "seventeenth": "17", "eighteenth": "18",
	"nineteenth": "19", "twentieth": "20", "thirtieth": "30", "fortieth": "40",
	"fiftieth": "50", "hundredth": "100",
	"primero": "1", "primera": "1", "pervyy": "1", "pervyi": "1",
}

// spelledOrdinal returns the digits of the spelled ordinal k.
func spelledOrdinal(k string) (string, bool) {
	if !generics.get().ordinals.mayHold(k) {
		return "", false
	}
	d, ok := ordinals[k]
	return d, ok
}

// genericWord is a generic table entry.
type genericWord struct {
	key, sound  string
	distinctive bool     // a foldTable word: folded, but not generic
	connector   bool     // a connectorTable word
	phrases     []phrase // the runs of phraseTable the word starts
}

// Connector reports whether key, the Key of a [Generic] token, is a word
// that joins or marks the words of a name ("and", "of", "the", "for", "in",
// "at", "on", "to", "with", "by", "number" for "No.", and "bin" for the
// son-of and daughter-of particles of Arabic and Malay names) rather than an
// organization word. A name with another generic word names an
// organization.
func Connector(key string) bool {
	g := generics.get().byKey[key]
	return g != nil && g.connector && g.key == key
}

type genericIndex struct {
	byKey      map[string]*genericWord
	bySound    map[string]*genericWord // for words of five letters or more
	keys       keyFilter               // the keys of byKey and bySound
	ordinals   keyFilter               // the keys of ordinals
	typo       typoIndex               // sound keys of long generic words
	misspelled map[string][]string     // organization words of minMisspelledLen letters or more, by themselves and their one-letter deletions
	misspelt   byteSets                // the lengths and letters of the words of misspelled
	spellings  map[string][]string     // the words of genericTable and foldTable, by their key
}

var generics = lazy[*genericIndex]{build: func() *genericIndex {
	ix := &genericIndex{byKey: map[string]*genericWord{}, bySound: map[string]*genericWord{}, typo: typoIndex{}, misspelled: map[string][]string{},
		spellings: map[string][]string{}}
	for k := range ordinals {
		ix.ordinals.add(k)
	}
	for t, table := range [][]struct {
		key   string
		words []string
	}{genericTable, connectorTable, foldTable} {
		for _, row := range table {
			g := &genericWord{key: row.key, sound: soundString(row.key), connector: t == 1, distinctive: t == 2}
			if t != 1 {
				ix.spellings[row.key] = row.words
			}
			for _, w := range row.words {
				ix.byKey[w] = g
				ix.keys.add(w)
				if len(w) >= 5 {
					ix.bySound[soundString(w)] = g
					ix.keys.add(soundString(w))
				}
				if len(w) >= minGenericTypoLen && !g.distinctive {
					ix.typo.add(soundString(w))
				}
				if len(w) >= minMisspelledLen && t == 0 {
					ix.misspelled[w] = append(ix.misspelled[w], w)
					ix.misspelt.add(w)
					var buf [64]byte
					for i := range len(w) {
						d := strings.Clone(deletion(&buf, w, i))
						ix.misspelled[d] = append(ix.misspelled[d], w)
					}
				}
			}
		}
	}
	for _, row := range phraseTable {
		abbr := ix.byKey[row.key]
		for _, run := range row.runs {
			first := ix.byKey[run[0]]
			p := phrase{abbr: abbr}
			for _, k := range run[1:] {
				p.rest = append(p.rest, ix.byKey[k])
			}
			if abbr == nil || first == nil || slices.Contains(p.rest, nil) {
				panic("normalize: a phrase of words that are not organization words: " + strings.Join(run, " ")) // a bug in the table
			}
			first.phrases = append(first.phrases, p)
		}
	}
	return ix
}}

// Spellings returns the words that fold to key, the Key of an
// organization word (a [Generic] token other than a connector) or of a
// word folded as one ("comercializadora" and the others of
// "trading", "agricola" and the others of "agricultural"), key among them;
// nil for any other key. The caller must not modify the result.
func Spellings(key string) []string {
	return generics.get().spellings[key]
}

// minMisspelledLen is the length from which MisspelledGeneric reads a word
// as a misspelled organization word.
const minMisspelledLen = 6

// MisspelledGeneric reports whether key, the Key of a [Distinctive] token,
// is one edit (an insertion, deletion, substitution or swap of neighbours)
// from exactly one organization word of six letters or more, and returns
// that word and its generic Key: "coepanies" is "companies", key
// "company"; "iunvest" is "invest", key "investment".
//
// Normalize does not make this correction, because it cannot tell a
// misspelling from a real word one letter away from an organization word
// ("Protection" and "Production"). A matcher that knows the words of its
// list can make it for a word its list does not hold.
//
// A word one edit from organization words of different keys is none of
// them.
func MisspelledGeneric(key string) (word, genericKey string, ok bool) {
	if len(key) < minMisspelledLen-1 || len(key) > 63 {
		return "", "", false
	}
	ix := generics.get()
	if !ix.misspelt.mayMisspell(key) || ix.byKey[key] != nil {
		return "", "", false
	}
	consider := func(v string) bool {
		for _, w := range ix.misspelled[v] {
			if !withinOneEdit(key, w, true) {
				continue
			}
			k := ix.byKey[w].key
			if genericKey != "" && genericKey != k {
				return false // ambiguous
			}
			if genericKey == "" {
				word, genericKey = w, k
			}
		}
		return true
	}
	if !consider(key) {
		return "", "", false
	}
	var buf [64]byte
	for i := range len(key) {
		if !consider(deletion(&buf, key, i)) {
			return "", "", false
		}
	}
	return word, genericKey, genericKey != ""
}

// soundString returns the sound key of k as a new string (for tables).
func soundString(k string) string {
	s := string(appendSound(nil, k))
	if s == k {
		return k
	}
	return s
}

// spelledGeneric reports whether the raw word key is written as a word
// of the tables, not only read as one by its sound or as a misspelling
// (see lookupGeneric).
func spelledGeneric(key string) bool {
	ix := generics.get()
	return ix.keys.mayHold(key) && ix.byKey[key] != nil
}

// lookupGeneric returns the generic entry for a raw word, or nil.
func lookupGeneric(key, sound string) *genericWord {
	ix := generics.get()
	if ix.keys.mayHold(key) {
		if g := ix.byKey[key]; g != nil {
			return g
		}
	}
	if len(key) >= 5 && ix.keys.mayHold(sound) {
		if g := ix.bySound[sound]; g != nil {
			return g
		}
	}
	if len(key) >= minGenericTypoLen {
		if w := ix.typo.correct(sound, false); w != "" {
			return ix.bySound[w]
		}
	}
	return nil
}
