package evalset

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/entityscreen/entityscreen/entitylist"
)

// MaxNegativePersons caps the negative people of Persons drawn from the
// later OFAC list, sampled by hash.
const MaxNegativePersons = 2000

// givenVariants are real variant spellings of given names, as different
// sources romanize them; each group is one name.
var givenVariants = [][]string{
	{"Mohammed", "Muhammad", "Mohamed", "Mohammad", "Muhammed"},
	{"Youssef", "Yusuf", "Yousef", "Yusef"},
	{"Piotr", "Petr", "Pyotr"},
	{"Aleksandr", "Alexander", "Alexandr", "Oleksandr"},
	{"Sergei", "Sergey", "Serhiy"},
	{"Yuri", "Yuriy", "Iurii", "Yury"},
	{"Abdul", "Abdel", "Abdoul"},
	{"Hussein", "Husain", "Hussain", "Husayn"},
	{"Ahmed", "Ahmad"},
	{"Ali", "Aly"},
	{"Hassan", "Hasan"},
	{"Dmitri", "Dmitry", "Dmitriy", "Dmytro"},
	{"Andrei", "Andrey", "Andriy"},
	{"Evgeny", "Yevgeniy", "Evgeniy", "Yevgeny"},
	{"Aleksei", "Alexey", "Aleksey", "Alexei", "Oleksiy"},
	{"Mikhail", "Mykhailo", "Michail"},
	{"Nikolai", "Nikolay", "Mykola"},
	{"Vladimir", "Volodymyr", "Wladimir"},
	{"Igor", "Ihor"},
	{"Oleg", "Oleh"},
	{"Viktor", "Victor"},
	{"Konstantin", "Constantin", "Kostiantyn"},
	{"Georgy", "Georgiy", "Georgi"},
	{"Grigory", "Grigoriy", "Hryhoriy"},
	{"Arkady", "Arkadiy", "Arkadi"},
	{"Anatoly", "Anatoliy", "Anatolii"},
	{"Vitaly", "Vitaliy", "Vitalii"},
	{"Valery", "Valeriy", "Valerii"},
	{"Yakov", "Iakov"},
	{"Ilya", "Ilia", "Illia"},
	{"Maksim", "Maxim", "Maksym"},
	{"Ekaterina", "Yekaterina", "Kateryna"},
	{"Elena", "Yelena", "Olena"},
	{"Olga", "Olha"},
	{"Tatiana", "Tatyana", "Tetiana"},
	{"Natalia", "Natalya", "Nataliya"},
	{"Mahmoud", "Mahmud"},
	{"Mustafa", "Mostafa", "Moustafa"},
	{"Osama", "Usama", "Oussama"},
	{"Omar", "Umar"},
	{"Khalid", "Khaled"},
	{"Saeed", "Said", "Saiid"},
	{"Hamid", "Hameed"},
	{"Rashid", "Rasheed", "Rachid"},
	{"Abdullah", "Abdallah", "Abdulla"},
	{"Ibrahim", "Ebrahim", "Ibraheem"},
	{"Ismail", "Ismael", "Esmail"},
	{"Yasser", "Yasir", "Yaser"},
	{"Jamal", "Gamal"},
	{"Hossein", "Hosein", "Hosseyn"},
	{"Mehdi", "Mahdi"},
	{"Jafar", "Jaafar", "Ja'far"},
	{"Qasim", "Kassem", "Qassem", "Kasim"},
	{"Nasser", "Nasir", "Naser"},
	{"Faisal", "Faysal", "Feisal"},
	{"Salim", "Salem", "Saleem"},
	{"Yousif", "Yusif"},
	{"Abbas", "Abas"},
	{"Mansour", "Mansur"},
}

// variantOf maps the Key of each spelling in givenVariants to its group.
var variantOf = func() map[string][]string {
	m := map[string][]string{}
	for _, g := range givenVariants {
		for _, v := range g {
			m[Key(v)] = g
		}
	}
	return m
}()

// eastAsian are the countries whose names the list writes "FAMILY, Given
// Name" with a given name of two words (KIM, Nam Ung): dropping its second
// word is not a middle name dropped.
var eastAsian = []string{"CN", "HK", "KP", "KR", "TW", "VN", "MO"}

// personName is a name written "LAST, Given Middle[, Suffix]".
type personName struct {
	last   string   // family name, title-cased
	given  []string // given names, as written
	suffix string   // "Jr.", if any
}

// parsePerson splits a list name "LAST, Given Middle" into its parts; ok is
// false when the name has no comma or no given name.
func parsePerson(name string) (p personName, ok bool) {
	parts := strings.Split(name, ", ")
	if len(parts) < 2 {
		return p, false
	}
	p.last = titleCase(strings.TrimSpace(parts[0]))
	p.given = strings.Fields(parts[1])
	p.suffix = strings.Join(parts[2:], " ")
	return p, p.last != "" && len(p.given) > 0
}

// titleCase writes an upper-case family name as a vendor file would:
// "AL-ZOMOR" is "Al-Zomor", "'ABBAS" is "'Abbas". A name with a lower-case
// letter is kept as written ("McDonald").
func titleCase(s string) string {
	if strings.IndexFunc(s, unicode.IsLower) >= 0 {
		return s
	}
	rs := []rune(s)
	up := true
	for i, r := range rs {
		if unicode.IsLetter(r) {
			if up {
				rs[i] = unicode.ToUpper(r)
			} else {
				rs[i] = unicode.ToLower(r)
			}
			up = false
		} else {
			up = true
		}
	}
	return string(rs)
}

// join writes given names and family name in vendor order.
func (p personName) join(given []string) string {
	s := strings.Join(given, " ") + " " + p.last
	if p.suffix != "" {
		s += " " + p.suffix
	}
	return s
}

// joinSurnameFirst writes family name and given names as lists and some
// payee files do: "Last, Given Middle[, Suffix]".
func (p personName) joinSurnameFirst(given []string) string {
	s := p.last + ", " + strings.Join(given, " ")
	if p.suffix != "" {
		s += ", " + p.suffix
	}
	return s
}

// personVariant writes p as a vendor file would, in one of three ways
// chosen by hash of seed among those that apply: given names first
// ("person_given_last"), middle names dropped ("person_middle_dropped"; not
// for East Asian names, whose given name may be two words), or given names
// in another romanization ("person_given_translit"). It returns the query,
// the same given names written surname first (see joinSurnameFirst), and
// the variant's name.
func personVariant(p personName, seed string, countries []string) (query, surnameFirst, variant string) {
	type option struct {
		given   []string
		variant string
	}
	opts := []option{{p.given, "person_given_last"}}
	if len(p.given) > 1 && !slices.ContainsFunc(countries, func(c string) bool { return slices.Contains(eastAsian, c) }) {
		opts = append(opts, option{p.given[:1], "person_middle_dropped"})
	}
	translit, changed := slices.Clone(p.given), false
	for i, g := range p.given {
		group := variantOf[Key(g)]
		if group == nil {
			continue
		}
		var others []string
		for _, v := range group {
			if Key(v) != Key(g) {
				others = append(others, v)
			}
		}
		translit[i] = others[hash64("translit", seed, g)%uint64(len(others))]
		changed = true
	}
	if changed {
		opts = append(opts, option{translit, "person_given_translit"})
	}
	o := opts[hash64("variant", seed)%uint64(len(opts))]
	return p.join(o.given), p.joinSurnameFirst(o.given), o.variant
}

// listKeys returns the Keys of every name and alternate name of list.
func listKeys(list *entitylist.List) map[string]bool {
	keys := map[string]bool{}
	for _, e := range list.All() {
		for _, n := range e.Names() {
			keys[Key(n)] = true
		}
	}
	return keys
}

// Persons builds the person set: listed individuals of the development
// split written as a vendor or payee file would write them (families
// "person_given_last", "person_middle_dropped", "person_given_translit";
// see personVariant), and real people who are not on the 2022 CSL, written
// "Given Middle Last": individuals OFAC listed later
// (ofac-sdn-2024-05-03.csv, ent_num not in the 2022 CSL, no name of the
// list, and no namesake on it, at most MaxNegativePersons of them by hash;
// family "negative_person"), and the individuals of the UK
// persons-with-significant-control samples ("negative_person_uk"). Every
// case has Kind "person".
func Persons(dataDir string, list *entitylist.List) ([]Case, Dropped, error) {
	dropped := Dropped{}
	var cases []Case
	seenID := map[string]bool{}
	byNumber := map[string][]string{}
	for _, e := range list.All() {
		if e.EntityNumber != "" {
			byNumber[e.EntityNumber] = append(byNumber[e.EntityNumber], e.ID)
		}
	}
	pty := newParties(list)
	seenQuery := map[string]bool{}
	for _, e := range list.All() {
		if e.Type != entitylist.TypeIndividual || !DevSplit(e.ID) {
			continue
		}
		if seenID[e.ID] {
			dropped["same_party_row"]++
			continue
		}
		seenID[e.ID] = true
		p, ok := parsePerson(e.Name)
		if !ok {
			dropped["not_last_comma_given"]++
			continue
		}
		expect, dev := pty.ids(e)
		if !dev {
			dropped["twin_outside_dev_split"]++ // a namesake, or the party's row on another list
			continue
		}
		q, sf, family := personVariant(p, e.ID, e.Countries())
		if seenQuery[Key(q)] {
			dropped["duplicate_query"]++
			continue
		}
		seenQuery[Key(q)] = true
		cases = append(cases, Case{
			Query: q, Kind: "person", Expect: expect,
			Family: family, ListName: e.Name, SurnameFirst: sf,
		})
	}

	keys := listKeys(list)
	names := newNamesakes(list)
	rows, err := readOFAC(filepath.Join(dataDir, "ofac-sdn-2024-05-03.csv"))
	if err != nil {
		return nil, nil, err
	}
	type neg struct {
		c     Case
		order uint64
	}
	var negs []neg
	for _, row := range rows {
		if len(row) < 3 || row[2] != "individual" {
			continue
		}
		if byNumber[row[0]] != nil {
			dropped["negative_listed_in_2022"]++ // not a negative
			continue
		}
		if keys[Key(row[1])] {
			dropped["negative_name_on_list"]++
			continue
		}
		p, ok := parsePerson(row[1])
		if !ok {
			dropped["negative_not_last_comma_given"]++
			continue
		}
		if names.namesake(p) {
			dropped["negative_namesake_on_list"]++
			continue
		}
		q := p.join(p.given)
		if keys[Key(q)] || seenQuery[Key(q)] {
			dropped["negative_name_on_list"]++
			continue
		}
		seenQuery[Key(q)] = true
		negs = append(negs, neg{Case{Query: q, Kind: "person", Expect: []string{}, Family: "negative_person",
			SurnameFirst: p.joinSurnameFirst(p.given)}, hash64("negative", row[0])})
	}
	slices.SortFunc(negs, func(a, b neg) int {
		if a.order != b.order {
			if a.order < b.order {
				return -1
			}
			return 1
		}
		return compareCases(a.c, b.c)
	})
	if len(negs) > MaxNegativePersons {
		dropped["negative_over_cap"] = len(negs) - MaxNegativePersons
		negs = negs[:MaxNegativePersons]
	}
	for _, n := range negs {
		cases = append(cases, n.c)
	}

	uk, err := pscIndividuals(filepath.Join(dataDir, "ownership", "uk-psc"))
	if err != nil {
		return nil, nil, err
	}
	for _, p := range uk {
		q := p.join(p.given)
		if keys[Key(q)] || seenQuery[Key(q)] {
			dropped["negative_uk_name_on_list"]++
			continue
		}
		seenQuery[Key(q)] = true
		cases = append(cases, Case{Query: q, Kind: "person", Expect: []string{}, Family: "negative_person_uk",
			SurnameFirst: p.joinSurnameFirst(p.given)})
	}
	slices.SortFunc(cases, compareCases)
	return cases, dropped, nil
}

// pscRecord is the part of a UK Companies House PSC snapshot line used here.
type pscRecord struct {
	Data struct {
		Kind         string `json:"kind"`
		NameElements struct {
			Forename string `json:"forename"`
			Surname  string `json:"surname"`
		} `json:"name_elements"`
	} `json:"data"`
}

// pscIndividuals returns the individuals of the UK PSC sample files in dir
// (each a JSON array or a sequence of JSON objects), sorted as written
// "Forename Surname", once each. A missing directory gives none.
func pscIndividuals(dir string) ([]personName, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	var names []personName
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("evalset: %w", err)
		}
		var recs []pscRecord
		if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '[' {
			err = json.Unmarshal(t, &recs)
		} else {
			dec := json.NewDecoder(bytes.NewReader(data))
			for dec.More() {
				var r pscRecord
				if err = dec.Decode(&r); err != nil {
					break
				}
				recs = append(recs, r)
			}
		}
		if err != nil {
			return nil, fmt.Errorf("evalset: %s: %w", f, err)
		}
		for _, r := range recs {
			ne := r.Data.NameElements
			if r.Data.Kind == "individual-person-with-significant-control" && ne.Forename != "" && ne.Surname != "" {
				names = append(names, personName{last: titleCase(ne.Surname), given: []string{ne.Forename}})
			}
		}
	}
	slices.SortFunc(names, func(a, b personName) int { return strings.Compare(a.join(a.given), b.join(b.given)) })
	return slices.CompactFunc(names, func(a, b personName) bool { return a.join(a.given) == b.join(b.given) }), nil
}

// namesakes indexes the people of a list by family name, with their given
// names in canonical spelling (the first of their givenVariants group).
type namesakes map[string][][]string

func newNamesakes(list *entitylist.List) namesakes {
	n := namesakes{}
	for _, e := range list.All() {
		if e.Type != entitylist.TypeIndividual {
			continue
		}
		for _, name := range e.Names() {
			if p, ok := parsePerson(name); ok {
				n[Key(p.last)] = append(n[Key(p.last)], canonicalGiven(p.given))
			}
		}
	}
	return n
}

// canonicalGiven returns the keys of given names, each variant spelling
// replaced by the first of its group.
func canonicalGiven(given []string) []string {
	out := make([]string, len(given))
	for i, g := range given {
		out[i] = Key(g)
		if group := variantOf[out[i]]; group != nil {
			out[i] = Key(group[0])
		}
	}
	return out
}

// namesake reports whether the list has a person of p's family name whose
// given names, in canonical spelling, equal p's or begin with them or are
// the beginning of them (PETROV, Sergei and PETROV, Sergey Valeriyevich):
// a name screen cannot tell such people apart, so an alert on p is right,
// and p is no negative.
func (n namesakes) namesake(p personName) bool {
	g := canonicalGiven(p.given)
	for _, h := range n[Key(p.last)] {
		k := min(len(g), len(h))
		if slices.Equal(g[:k], h[:k]) {
			return true
		}
	}
	return false
}
