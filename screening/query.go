package screening

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/printable"
	"github.com/entityscreen/entityscreen/screening/internal/normalize"
)

// Query is one name to screen, with what else the caller knows of the
// party. The zero value is not a valid query: Name is required; the other
// fields are optional evidence for and against a match, and never filter.
//
// Like any plain Go value it may be read by many goroutines at once, but not
// changed while another uses it.
type Query struct {
	// Name is the vendor or party name as the caller has it, in any script.
	Name string `json:"name"`
	// Country is the party's country, or empty when unknown: an ISO 3166-1
	// alpha-2 or alpha-3 code or an English name (see ParseCountry). An entry of the same country (by its
	// addresses, nationalities or citizenships) gains a little; an entry
	// whose countries are all others loses (x0.85; a little only when the
	// name names a place of its own, as a branch abroad does).
	Country string `json:"country,omitempty"`
	// Kind is what the party is, when the caller knows it:
	// entitylist.TypeEntity for a company or other organization,
	// entitylist.TypeIndividual for a person. An entry of another kind
	// loses (a person for a company, a company or vessel for a person).
	// TypeUnknown, the zero value, lets the name's legal form or
	// organization words tell a company.
	Kind entitylist.EntityType `json:"kind,omitzero"`
	// Address is the party's address or city as the caller has it, or
	// empty. An entry with an address in a city the address names gains a
	// little.
	Address string `json:"address,omitempty"`
	// ID is an identifier of the party: a registration or tax number, an
	// LEI, a passport or national id number, in any case and punctuation,
	// its digits in any script. An entry that publishes the same number
	// gains much.
	ID string `json:"id,omitempty"`
}

// Query errors, for use with errors.Is.
var (
	// ErrEmptyName is returned for a name with nothing left to compare
	// after normalization: blank, punctuation only, or only a legal form
	// ("Ltd.").
	ErrEmptyName = normalize.ErrEmpty
	// ErrInvalidUTF8 is returned for a name, address or ID that is not
	// valid UTF-8: invalid bytes are never replaced silently.
	ErrInvalidUTF8 = normalize.ErrInvalidUTF8
	// ErrTooLong is returned for a name, address or ID too long to screen
	// (more than 1,024 bytes); the error names the field and the limit.
	ErrTooLong = normalize.ErrTooLong
	// ErrInvalidCountry is returned for a Country that names no country
	// (see ParseCountry).
	ErrInvalidCountry = errors.New("country is not an ISO 3166-1 code or an English country name")
	// ErrInvalidKind is returned for a Kind other than TypeUnknown,
	// TypeEntity and TypeIndividual.
	ErrInvalidKind = errors.New("kind is not unknown, a company (entity) or a person (individual)")
)

// ParseKind returns the kind of party s names, for Query.Kind, in any case
// with any surrounding space: "company", "organization", "entity" are
// entitylist.TypeEntity; "person", "individual" are TypeIndividual; empty
// is TypeUnknown. Anything else is an error wrapping ErrInvalidKind.
func ParseKind(s string) (entitylist.EntityType, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return entitylist.TypeUnknown, nil
	case "company", "organization", "organisation", "entity":
		return entitylist.TypeEntity, nil
	case "person", "individual":
		return entitylist.TypeIndividual, nil
	}
	return entitylist.TypeUnknown, fmt.Errorf("%s: %w", printable.Quote(s), ErrInvalidKind)
}

// checkID refuses an identifier that is not valid UTF-8 or is longer than
// a name may be, as a name or an address is refused, rather than read
// something else than was sent.
func checkID(id string) error {
	switch {
	case len(id) > normalize.MaxLen:
		return &fieldError{fmt.Sprintf("id too long: %d bytes, maximum %d", len(id), normalize.MaxLen), ErrTooLong}
	case !utf8.ValidString(id):
		return &fieldError{"id: invalid UTF-8: " + printable.Quote(id), ErrInvalidUTF8}
	}
	return nil
}

// fieldError is the error of a query field other than the name, which it
// says in its message; it wraps the sentinel err, for errors.Is.
type fieldError struct {
	msg string
	err error
}

func (e *fieldError) Error() string { return e.msg }
func (e *fieldError) Unwrap() error { return e.err }

// idKey returns the letters and digits of an identifier in upper case, or
// "" when it has fewer than minIDLen of them or no digit: such a value
// ("Male", "N/A") identifies nothing.
func idKey(id string) string {
	b := make([]byte, 0, len(id))
	digit := false
	for _, r := range id {
		if d, ok := normalize.Digit(r); ok { // "９" and "٩" too
			digit = true
			b = append(b, d)
			continue
		}
		if 'Ａ' <= r && r <= 'Ｚ' || 'ａ' <= r && r <= 'ｚ' { // full-width letters
			r -= 'Ａ' - 'A'
		}
		switch {
		case 'a' <= r && r <= 'z':
			b = append(b, byte(r-'a'+'A'))
		case 'A' <= r && r <= 'Z':
			b = append(b, byte(r))
		}
	}
	if len(b) < minIDLen || !digit {
		return ""
	}
	return string(b)
}

// minIDLen is the fewest letters and digits an identifier must have to be
// compared.
const minIDLen = 5

// qtoken is one word of a query, weighed against the list by prepare. A
// word the list does not hold may be weighed anew by retrieval, as the list
// word closest to it (see readAs).
type qtoken struct {
	word
	term   int32   // the list's term with the same key, or -1
	weight float64 // the weight of the word unmatched: a share of full for a qualifier or a number in digits
	full   float64 // the weight of the word matched
	qual   bool    // a qualifier, see normalize.Qualifier
	caps   bool    // written in capitals in a name that is not, see writtenInCapitals
	digits bool    // a number written in digits, see setWeight
	// initials is, when the word is the initials of list names (see
	// appendAcronyms), the index of those initials in index.acroKeys, and
	// 0 otherwise.
	initials int32
	// A word the list does not hold that misspells an organization word is
	// read as that word (see readMisspelled): misspelt is set, typoOf is
	// the list's term for the organization word (or -1) and typoSim the
	// similarity of the two.
	misspelt bool
	typoOf   int32
	typoSim  float64
	role     uint8 // the word's role in a person's name written "SURNAME, Given Middle", see roleSurname
}

// qglue reads query word i as a name glued to an organization word (see
// normalize.Glue): rest is the list's term of the name, generic the Key of
// the organization word, before whether it comes first.
type qglue struct {
	i       int16
	rest    int32
	generic string
	before  bool
}

// qorgGlue is query word i read as a word glued to the organization word
// that is the list's term term, whose piece has at least
// normalize.MinGluedOrg letters ("Mosnarbank": "bank"), see
// appendGluedOrgs.
type qorgGlue struct {
	i    int16
	term int32
}

// qglued is query words i and i+1, written together, as the list's term
// term.
type qglued struct {
	i    int16
	term int32
}

// qvariant is one normalized variant of a query name.
type qvariant struct {
	name     normalize.Name
	toks     []qtoken
	formKeys []string // per legal form of name, its formKey
	lens     uint64   // lengths of the joinable words, see joinLengths
	joinLens uint64   // lengths of neighbouring joinable words written together
	allLens  uint64   // lengths of all the words, see lenBits
	hasNums  bool
	core     int      // distinctive words, see core
	company  bool     // the name has a legal form or an organization word: it names a company
	acro     string   // the initials of the name's words, see acronymOf
	acroTerm int32    // the list's term of acro, or -1
	initials bool     // a word is the initials of list names (qtoken.initials is not 0)
	guessed  bool     // a word's vowels were guessed (qtoken.guessed)
	places   bool     // the name has a qualifier (a place, "Global")
	person   bool     // a person's name written "SURNAME, Given Middle": its words have roles (qtoken.role)
	asPerson bool     // the name read as a person's (see index.queryVariants): of a query of unknown kind, it meets people only
	glues    []qglue  // words read as names glued to organization words, see readGlued
	glued    []qglued // neighbouring words read as list words written glued, see readGlued
	// orgGlues are the words read as glued to an organization word, and
	// orgWords the organization words that list words may be glued to:
	// see appendGluedOrgs.
	orgGlues []qorgGlue
	orgWords []int16
	first    int // the number of words of the variants before this one
	// acroWords are the words that may spell the initials of a run of a
	// name's words, by wordBit: see appendRunAcronyms.
	acroWords uint64
	// syllables is set for a name of one word that may be made of the
	// first letters of a name's words: see appendSyllables.
	syllables bool
}

// totalWeight returns the sum of the weights of the words of qv, unmatched.
func (qv *qvariant) totalWeight() float64 {
	var w float64
	for i := range qv.toks {
		w += qv.toks[i].weight
	}
	return w
}

// fullWeight returns the weight of the words of qv matched, all of them.
func (qv *qvariant) fullWeight() float64 {
	var w float64
	for i := range qv.toks {
		w += qv.toks[i].full
	}
	return w
}

// minQueryVariantWords is the fewest words a variant of a query other than
// the whole name must hold to be screened.
const minQueryVariantWords = 2

// bonus returns the most the checks of scoreName can add to a score of p
// (see countrySame, citySame, identifierSame): retrieval must reach the
// names that only the bonus lifts to the minimum score.
func (p *prepared) bonus() float64 {
	var b float64
	if p.country != "" {
		b += countrySame
	}
	if len(p.address) > 0 {
		b += citySame
	}
	if p.id != "" {
		b += identifierSame
	}
	return b
}

// prepared is a query ready to be matched.
type prepared struct {
	country  string
	kind     entitylist.EntityType
	address  []string // the keys of the words of Query.Address
	id       string   // Query.ID, see idKey
	variants []qvariant
	words    int // the words of all variants
	// names holds the name normalized (see queryVariants), which the
	// variants read; its memory is used again by the next query (see
	// normalize.VariantsInto).
	names []normalize.Name
}

// prepare checks q and makes it ready to be matched against the list, in
// p: its name normalized into variants, each word weighed by its rarity in
// the list. Retrieval then only reads it, but for the words it reads as
// list words (see index.candidates). The memory of p from an earlier query
// is used again.
func (ix *index) prepare(q Query, p *prepared) error {
	country, err := ParseCountry(q.Country)
	if err != nil {
		return err
	}
	if q.Kind > entitylist.TypeIndividual {
		return fmt.Errorf("kind %v: %w", q.Kind, ErrInvalidKind)
	}
	if err := checkID(q.ID); err != nil {
		return err
	}
	variants, asPerson, err := ix.queryVariants(q, p.names)
	if err != nil {
		return err
	}
	*p = prepared{country: country, kind: q.Kind, id: idKey(q.ID), address: p.address[:0], variants: p.variants[:0], names: variants}
	if q.Address != "" {
		a, err := normalize.Normalize(q.Address)
		switch {
		case err == nil:
			for _, t := range a.Tokens {
				p.address = append(p.address, t.Key)
			}
		case errors.Is(err, ErrTooLong):
			return &fieldError{fmt.Sprintf("address too long: %d bytes, maximum %d", len(q.Address), normalize.MaxLen), ErrTooLong}
		case !errors.Is(err, normalize.ErrEmpty): // an address of punctuation only says nothing
			return fmt.Errorf("address: %w", err)
		}
	}
	for i, v := range variants {
		// Besides the whole name and its other readings (of the same text:
		// "شمس الدین" is Shamsuddin too), a query's variants count when they
		// hold two words or more: a vendor record's lone parenthetical is a
		// qualifier such as "(Delaware)" or "(NEW)" more often than a name.
		if len(v.Tokens) == 0 || i > 0 && len(v.Tokens) < minQueryVariantWords && v.Input != variants[0].Input {
			continue
		}
		var old qvariant // the memory of an earlier query's variant
		if n := len(p.variants); n < cap(p.variants) {
			old = p.variants[:n+1][n]
		}
		qv := qvariant{name: v, toks: resetSlice(&old.toks, len(v.Tokens)), formKeys: old.formKeys[:0],
			glues: old.glues[:0], glued: old.glued[:0], orgGlues: old.orgGlues[:0], orgWords: old.orgWords[:0], first: p.words, acroTerm: -1, asPerson: i >= asPerson}
		p.words += len(qv.toks)
		for i, t := range v.Tokens {
			qt := qtoken{word: newQueryWord(t), term: -1, typoOf: -1, qual: t.Kind == normalize.Qualifier,
				digits: t.Kind == normalize.Number && inDigits(v.Input, t.Key)}
			if qt.initials = ix.initialsID(t.Key); qt.initials != 0 { // the initials of a list name, see appendAcronyms
				qt.caps = writtenInCapitals(v.Input, t.Key)
				qv.initials = true
			}
			if tid, ok := ix.term(t.Key); ok {
				tm := &ix.terms[tid]
				qt.term, qt.common = tid, tm.common
				w := float64(tm.weight)
				if !ix.readsAs(tid, qt.kind) {
					// The list holds the word only as another kind ("AD", a
					// legal form left over here, a distinctive word there): it
					// weighs as the query reads it.
					w = termWeight(qt.kind, math.Log(1+float64(len(ix.names))/float64(ix.df(tid))))
				}
				qt.setWeight(w)
			} else {
				qt.setWeight(termWeight(qt.kind, ix.maxIDF))
				if t.Kind == normalize.Distinctive && len(v.Tokens) > 1 {
					ix.readMisspelled(&qt)
				}
			}
			if qt.kind == normalize.Number {
				qv.hasNums = true
			}
			if core(qt.kind, qt.qual) {
				qv.core++
			}
			qv.places = qv.places || qt.qual
			qv.guessed = qv.guessed || qt.guessed
			if qt.kind == normalize.Generic && !qt.connector {
				qv.company = true
			}
			qv.toks[i] = qt
		}
		for _, f := range v.LegalForms {
			qv.formKeys = append(qv.formKeys, formKey(f.Text))
			qv.company = true
		}
		// A person's name written "SURNAME, Given Middle", whole, gives
		// its words their roles, as the list's names of people have them.
		if v.Input == q.Name && (q.Kind == entitylist.TypeIndividual || q.Kind == entitylist.TypeUnknown && !qv.company) {
			qv.setRoles(surnameWords(v))
		}
		for i := range qv.toks {
			t := &qv.toks[i]
			t.weight *= activityCost(t.kind, t.key, qv.core)
		}
		ix.readGlued(&qv)
		qv.lens, qv.joinLens = joinLengths(len(qv.toks), func(i int) *word { return &qv.toks[i].word })
		for i := range qv.toks {
			w := &qv.toks[i].word
			qv.allLens |= lenBits(w)
			if w.acro {
				qv.acroWords |= wordBit(i)
			}
		}
		qv.syllables = len(qv.toks) == 1 && syllabic(&qv.toks[0].word)
		// A list name written by the initials of a company query's
		// distinctive words: with organization words, too many queries would
		// spell some word, and a person's initials are no name.
		if qv.company || q.Kind == entitylist.TypeEntity {
			qv.acro = acronymOf(v.Tokens, false, false)
			if t, ok := ix.term(qv.acro); ok && qv.acro != "" {
				qv.acroTerm = t
			}
		}
		p.variants = append(p.variants, qv)
	}
	if len(p.variants) == 0 {
		return fmt.Errorf("%s: %w", printable.Quote(q.Name), ErrEmptyName)
	}
	return nil
}

// queryVariants returns the variants of the name of q, normalized as a
// person's name (see normalize.PersonVariants) when q.Kind says it is one.
// A name of unknown kind may be a person's too, though legal forms were
// read in it ("Pao Yu Liang" is no ПАО): when it has no word that names
// no person (see companyWords), its legal forms are words (not phrases
// such as "S. de R.L.") and the list holds one of them as a word, it is
// screened both ways, the variants read as a person's name after the
// others, from asPerson on. The variants are stored in dst[:0] (see
// normalize.VariantsInto).
func (ix *index) queryVariants(q Query, dst []normalize.Name) (variants []normalize.Name, asPerson int, err error) {
	if q.Kind == entitylist.TypeIndividual {
		variants, err = normalize.PersonVariantsInto(dst, q.Name)
		return variants, 0, err
	}
	variants, err = normalize.VariantsInto(dst, q.Name)
	asPerson = len(variants)
	if err != nil || q.Kind != entitylist.TypeUnknown || companyWords(variants[0].Tokens) || !ix.holdsFormWords(variants[0].LegalForms) {
		return variants, asPerson, err
	}
	persons, err := normalize.PersonVariants(q.Name)
	if err != nil || companyWords(persons[0].Tokens) {
		return variants, asPerson, nil
	}
	for _, v := range persons {
		if !slices.ContainsFunc(variants, func(o normalize.Name) bool { return sameKeys(o.Tokens, v.Tokens) }) {
			variants = append(variants, v)
		}
	}
	return variants, asPerson, nil
}

// companyWords reports whether a word of ts is an organization word (a
// generic word other than a connector) or a qualifier (a place, a word of
// business reach): words that name no person.
func companyWords(ts []normalize.Token) bool {
	return slices.ContainsFunc(ts, func(t normalize.Token) bool {
		return t.Kind == normalize.Generic && !normalize.Connector(t.Key) || t.Kind == normalize.Qualifier
	})
}

// holdsFormWords reports whether forms, legal forms found in a name, are
// each written as one word, and the list holds one of them, read as a
// person's name, as a word ("PAO" of "PAO, Yu Liang").
func (ix *index) holdsFormWords(forms []normalize.LegalForm) bool {
	held := false
	for _, f := range forms {
		if strings.ContainsFunc(f.Text, unicode.IsSpace) {
			return false
		}
		if held {
			continue // the rest need only be one word each
		}
		if n, err := normalize.NormalizePerson(f.Text); err == nil {
			held = slices.ContainsFunc(n.Tokens, func(t normalize.Token) bool {
				_, ok := ix.term(t.Key)
				return ok
			})
		}
	}
	return held
}

// sameKeys reports whether two token lists have the same keys.
func sameKeys(a, b []normalize.Token) bool {
	return slices.EqualFunc(a, b, func(x, y normalize.Token) bool { return x.Key == y.Key })
}

// setRoles gives the words of qv, a person's name whose first surname
// words are its surname (see surnameWords), their roles; none when
// surname is 0.
func (qv *qvariant) setRoles(surname int) {
	if surname == 0 {
		return
	}
	for i := range qv.toks {
		qv.toks[i].role = roleOf(i, surname)
	}
	qv.person = true
}

// readAs reads query word q, which the list does not hold, as the list's
// word tm, the most similar to it (see index.lookup): a misspelling is as
// rare as the word it misspells. Retrieval calls it; see index.candidates
// for why prepare cannot.
func (q *qtoken) readAs(tm *term) {
	q.common = tm.common
	q.setWeight(float64(tm.weight))
}

// setWeight sets the weight of q to w, the weight of its word in the list,
// or a share of it for a qualifier or a number written in digits.
func (q *qtoken) setWeight(w float64) {
	q.full, q.weight = w, w
	switch {
	case q.qual:
		q.weight *= queryQualifierShare
	case q.digits:
		q.weight *= queryNumberShare
	}
}

// queryNumberShare is the share of its weight that a number of the query
// written in digits keeps unmatched: a number added to a listed name
// ("Gazprombank 911", a branch or a unit number) costs little, and a
// matched number counts in full (see matchedExtra). Names whose numbers
// differ ("Plant 5", "Plant 7") are told apart by the numbers check, which
// halves their score. An ordinal spelled out ("First Bancorp", "Fifth
// Third") is a word of the name, and weighs in full.
const queryNumberShare = 0.2

// inDigits reports whether the number key stands in text written in
// digits, not spelled out ("1st", not "First"): in any digits the
// normalizer reads as such ("９１１", "٩١١" are 911, see normalize.Digit).
func inDigits(text, key string) bool {
	if !isASCII(text) {
		text = asciiDigits(text)
	}
	for i := 0; ; {
		j := strings.Index(text[i:], key)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(key)
		if (start == 0 || !isDigit(text[start-1])) && (end == len(text) || !isDigit(text[end])) {
			return true
		}
		i = start + 1
	}
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// asciiDigits returns text with each digit written as the ASCII digit the
// normalizer reads it as (see normalize.Digit) and each other rune beyond
// ASCII as a space.
func asciiDigits(text string) string {
	b := make([]byte, 0, len(text))
	for _, r := range text {
		switch d, ok := normalize.Digit(r); {
		case ok:
			b = append(b, d)
		case r < utf8.RuneSelf:
			b = append(b, byte(r))
		default:
			b = append(b, ' ')
		}
	}
	return string(b)
}

// isASCII reports whether s is plain ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// readGlued reads the words of qv as glued or written apart, where the
// list holds the other way of writing them: a word as a name glued to an
// organization word, the list holding the name (qv.glues: "KasperskyLab"
// for "Kaspersky Lab"), and two neighbouring words, one of them an
// organization word, as a list word written glued with another spelling
// of the organization word (qv.glued: "Kaspersky Lab" for "KASPERSKYLAB";
// the same spelling is found as neighbouring keys, see lookupJoined). A
// glued word meets only both words written apart, never the name alone:
// "Inteltech" is not any "Intel". It also notes the words that an
// organization word alone may meet glued (qv.orgGlues, qv.orgWords; see
// appendGluedOrgs).
func (ix *index) readGlued(qv *qvariant) {
	for i := range qv.toks {
		q := &qv.toks[i]
		if q.kind == normalize.Distinctive && !q.qual {
			for _, g := range normalize.Unglue(nil, q.key) {
				if t, ok := ix.term(g.Rest); ok {
					qv.glues = append(qv.glues, qglue{i: int16(i), rest: t, generic: g.Generic, before: g.Before})
				}
				if t, ok := ix.term(g.Generic); ok && len(q.key)-len(g.Rest) >= normalize.MinGluedOrg {
					qv.orgGlues = append(qv.orgGlues, qorgGlue{i: int16(i), term: t})
				}
			}
		}
		if q.kind == normalize.Generic && !q.qual && normalize.GlueSurfaces(q.key) != nil {
			qv.orgWords = append(qv.orgWords, int16(i))
		}
		if i+1 == len(qv.toks) {
			continue
		}
		a, b := q, &qv.toks[i+1]
		var name, org *qtoken
		switch {
		case a.kind == normalize.Generic && b.kind == normalize.Distinctive:
			name, org = b, a
		case a.kind == normalize.Distinctive && b.kind == normalize.Generic:
			name, org = a, b
		default:
			continue
		}
		for _, s := range normalize.GlueSurfaces(org.key) {
			if s == org.key {
				continue
			}
			first, second := name.key, s
			if org == a { // the organization word first: "Group Kaspersky"
				first, second = s, name.key
			}
			if t, ok := ix.joinedTerm(first, second); ok {
				qv.glued = append(qv.glued, qglued{i: int16(i), term: t})
			}
		}
	}
}

// someVariantGeneric reports whether a variant of p holds organization
// words only.
func (p *prepared) someVariantGeneric() bool {
	for i := range p.variants {
		if allGeneric(&p.variants[i]) {
			return true
		}
	}
	return false
}

// readMisspelled reads query word qt, which the list does not hold, as the
// organization word it misspells, if it misspells one ("Coepanies" is
// "Companies"): a generic word, as light as the one it stands for, that
// meets it as a typo. Otherwise the misspelling would weigh as a word found
// in no list name, the heaviest there is, and hide the name it belongs to.
// A query of one word is not read so: the word is the name ("Centex" is no
// misspelt "Center"), and read as an organization word it would leave a
// name of one organization word, which meets any list name of that word
// alone whole.
func (ix *index) readMisspelled(qt *qtoken) {
	surface, key, ok := normalize.MisspelledGeneric(qt.key)
	if !ok {
		return
	}
	sim, ok := typoSim(&qt.word, &word{key: surface, mask: letterMask(surface)})
	if !ok {
		return
	}
	qt.misspelt, qt.typoSim = true, sim
	qt.kind, qt.common = normalize.Generic, true
	qt.setWeight(termWeight(normalize.Generic, ix.maxIDF))
	if tid, ok := ix.term(key); ok {
		qt.typoOf = tid
		qt.setWeight(float64(ix.terms[tid].weight))
	}
}

func isLetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }
