package screening

import (
	"errors"
	"fmt"
	"strings"

	"github.com/entityscreen/entityscreen/screening/normalize"
)

// Query is one name to screen, with the country the caller knows it by.
// The zero value is not a valid query: Name is required.
type Query struct {
	// Name is the vendor or party name as the caller has it, in any script.
	Name string
	// Country is the ISO 3166-1 alpha-2 code of the party's country, in any
	// case, or empty when unknown. It corroborates a match; it never filters.
	Country string
}

// Query errors, for use with errors.Is. They are the normalize package's.
var (
	ErrEmptyName   = normalize.ErrEmpty
	ErrInvalidUTF8 = normalize.ErrInvalidUTF8
	ErrTooLong     = normalize.ErrTooLong
	// ErrInvalidCountry is returned for a Country that is not a two-letter code.
	ErrInvalidCountry = errors.New("country is not an ISO 3166-1 alpha-2 code")
)

// qtoken is one word of a query, weighed against the list.
type qtoken struct {
	word
	term   int32   // the list's term with the same key, or -1
	weight float64 // the weight of the word unmatched: a share of full for a qualifier
	full   float64 // the weight of the word matched
	qual   bool    // a qualifier, see normalize.Qualifier
	// A word the list does not hold that misspells an organization word is
	// read as that word (see readMisspelled): misspelt is set, typoOf is
	// the list's term for the organization word (or -1) and typoSim the
	// similarity of the two.
	misspelt bool
	typoOf   int32
	typoSim  float64
}

// qvariant is one normalized variant of a query name.
type qvariant struct {
	name     normalize.Name
	toks     []qtoken
	formKeys []string // per legal form of name, its formKey
	total    float64  // sum of the words' weights, set by candidates once they are final
	lens     uint64   // lengths of the joinable words, see joinLengths
	joinLens uint64   // lengths of neighbouring joinable words written together
	hasNums  bool
	core     int  // distinctive words, see core
	company  bool // the name has a legal form or an organization word: it names a company
}

// minQueryVariantWords is the fewest words a variant of a query other than
// the whole name must hold to be screened.
const minQueryVariantWords = 2

// prepared is a query ready to be matched.
type prepared struct {
	country  string
	variants []qvariant
}

func (ix *index) prepare(q Query) (*prepared, error) {
	country, err := ParseCountry(q.Country)
	if err != nil {
		return nil, err
	}
	variants, err := normalize.Variants(q.Name)
	if err != nil {
		return nil, err
	}
	p := &prepared{country: country, variants: make([]qvariant, 0, len(variants))}
	for i, v := range variants {
		// Besides the whole name, a query's variants count when they hold two
		// words or more: a vendor record's lone parenthetical is a qualifier
		// such as "(Delaware)" or "(NEW)" more often than a name.
		if len(v.Tokens) == 0 || i > 0 && len(v.Tokens) < minQueryVariantWords {
			continue
		}
		qv := qvariant{name: v, toks: make([]qtoken, len(v.Tokens))}
		for i, t := range v.Tokens {
			qt := qtoken{word: newWord(t), term: -1, typoOf: -1, qual: t.Kind == normalize.Qualifier}
			if tid, ok := ix.byKey[t.Key]; ok {
				tm := &ix.terms[tid]
				qt.term, qt.common = tid, tm.common
				qt.setWeight(float64(tm.weight))
			} else {
				qt.setWeight(termWeight(qt.kind, ix.maxIDF))
				if t.Kind == normalize.Distinctive {
					ix.readMisspelled(&qt)
				}
			}
			if qt.kind == normalize.Number {
				qv.hasNums = true
			}
			if core(qt.kind, qt.qual) {
				qv.core++
			}
			if qt.kind == normalize.Generic && !normalize.Connector(qt.key) {
				qv.company = true
			}
			qv.toks[i] = qt
		}
		for _, f := range v.LegalForms {
			qv.formKeys = append(qv.formKeys, formKey(f.Text))
			qv.company = true
		}
		qv.lens, qv.joinLens = joinLengths(len(qv.toks), func(i int) *word { return &qv.toks[i].word })
		p.variants = append(p.variants, qv)
	}
	if len(p.variants) == 0 {
		return nil, fmt.Errorf("%q: %w", q.Name, ErrEmptyName)
	}
	return p, nil
}

// setWeight sets the weight of q to w, the weight of its word in the list,
// or a share of it for a qualifier.
func (q *qtoken) setWeight(w float64) {
	q.full, q.weight = w, w
	if q.qual {
		q.weight *= queryQualifierShare
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
	if tid, ok := ix.byKey[key]; ok {
		qt.typoOf = tid
		qt.setWeight(float64(ix.terms[tid].weight))
	}
}

// ParseCountry returns c, an ISO 3166-1 alpha-2 code in any case with any
// surrounding space, in upper case; empty stays empty. Anything else is an
// error wrapping ErrInvalidCountry. Screen checks Query.Country with it.
func ParseCountry(c string) (string, error) {
	c = strings.TrimSpace(c)
	if c == "" {
		return "", nil
	}
	if len(c) != 2 || !isLetter(c[0]) || !isLetter(c[1]) {
		return "", fmt.Errorf("%q: %w", c, ErrInvalidCountry)
	}
	return strings.ToUpper(c), nil
}

func isLetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }
