package screening

import (
	"cmp"
	"errors"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening/internal/normalize"
)

// The index maps normalized words of every list name to the names that hold
// them, with three typo-tolerant ways in besides the exact key: the
// romanization-insensitive sound key, trigrams of the word (for misspellings,
// the first letter included) and the concatenation of neighbouring words (for
// words glued or split). Scoring only ever sees the names it returns.

// term is one distinct word key of the list.
type term struct {
	word
	postings []int32 // ids of the names holding the word, ascending
	weight   float32 // rarity weight, see termWeight
}

// tokenRef is one word of an indexed name.
type tokenRef struct {
	term   int32
	weight float32 // the word's weight in this name unmatched: its term's, a share of it for a qualifier
	qual   bool    // a qualifier of this name, see normalize.Qualifier
	role   uint8   // the word's role in a person's name, see roleSurname
}

// indexedName is one normalized variant of one name of an entry.
type indexedName struct {
	entry   int32 // index in the list
	name    int32 // index in Entry.Names()
	tokLo   int32 // tokens are index.tokens[tokLo:tokHi]
	tokHi   int32
	formLo  int32 // legal forms are index.forms[formLo:formHi]
	formHi  int32
	total   float32 // sum of the weights of the tokens
	hasNums bool
	core    uint8     // distinctive words (not organization words, qualifiers or numbers), at most 255
	company bool      // the name has a legal form or an organization word: it names a company
	person  bool      // a person's name written "SURNAME, Given Middle": its words have roles
	entity  bool      // the name of an entry that is no person, vessel or aircraft (see qualifies)
	acro    [2]string // the initials of an organization's name, without and with its places, see acronymOf
	part    bool      // a part of the name (an a.k.a. part, a parenthetical), not the whole
	display string    // the normalized display form, for explanations
}

// nameOf returns name k of e, as in e.Names() but without building the slice.
func nameOf(e *entitylist.Entry, k int32) string {
	if k == 0 {
		return e.Name
	}
	return e.AltNames[k-1]
}

// SkippedName is a list name that could not be indexed whole: nothing but
// a legal form, say, or a name longer than a query may be. The entry stays
// screenable through its other names, if any.
type SkippedName struct {
	Entry *entitylist.Entry
	Name  string
	// Err says why the name could not be indexed whole: ErrEmptyName,
	// ErrInvalidUTF8 or ErrTooLong, wrapped.
	Err error
	// Part is the first part of a name too long to index whole, cut at a
	// word, by which the name is screened; empty when the name is not
	// screened at all.
	Part string
}

type index struct {
	terms      []term
	byKey      map[string]int32
	bySound    map[string][]int32
	grams      map[uint32][]int32 // trigram of a word -> terms
	glue       map[string][]int32 // two neighbouring keys written together -> names
	acros      map[string][]int32 // initials of organizations' names -> names
	names      []indexedName
	tokens     []tokenRef
	forms      []normalize.Class
	formKey    []string // per form, the letters of its text in lower case ("pteltd")
	maxIDF     float64  // weight of a word the list does not hold
	maxDF      int      // words in more names than this do not find candidates when rarer ones exist, see selectiveDF
	skipped    []SkippedName
	unscreened int // the skipped names not screened at all
}

// Weights of token kinds, multiplied with a word's rarity.
const (
	weightGeneric = 0.25
	weightNumber  = 0.8
)

// oneWordGenericCost is how many times its weight an organization word
// that says what a company does (see normalize.Activity) costs unmatched
// in a name with a single distinctive word: "Liberty Shipping" is the
// shipping company called Liberty, not any Liberty; on the query side the
// same holds (see prepare).
const oneWordGenericCost = 2

// activityCost returns the factor of the unmatched weight of a word of
// kind k and key key in a name with core distinctive words: see
// oneWordGenericCost.
func activityCost(k normalize.Kind, key string, core int) float64 {
	if core == 1 && k == normalize.Generic && normalize.Activity(key) {
		return oneWordGenericCost
	}
	return 1
}

// middleNameShare is the share of its weight that a person's further given
// name keeps unmatched: vendor records drop middle names ("Ali Tavana" for
// "TAVANA, Ali Akbar Rezaei").
const middleNameShare = 0.25

// Shares of its weight that a qualifier (a place or a business qualifier
// such as "Europe" or "Global", see normalize.Qualifier) keeps, so that it
// neither makes a match nor breaks one. A query that adds qualifiers to a
// listed name ("Hikvision Europe B.V.") is a subsidiary-style name of the
// listed party, so a query's qualifiers weigh least; a list name's
// qualifier that the query lacks ("Hangzhou" of "Hangzhou Hikvision") is a
// word dropped, if a light one.
const (
	queryQualifierShare = 0.2
	nameQualifierShare  = 0.5
)

// Bounds of the names a word may be in and still find candidates (see
// selectiveDF and index.selective). A word in more than one name in
// selectiveShare is no name's own word: collecting its many names
// would cost more than they are worth, and the query's rarer words find
// those that matter. In a small list, where that share is a handful of
// names, a word in up to minSelectiveDF names still finds them; however
// large the list, a word in more than maxSelectiveDF names does not.
const (
	selectiveShare = 20
	minSelectiveDF = 64
	maxSelectiveDF = 5000
)

// selectiveDF returns the most names a word may be in and still find
// candidates, in a list of n names.
func selectiveDF(n int) int {
	return min(max(minSelectiveDF, n/selectiveShare), maxSelectiveDF)
}

// A word in at least one name in commonShare of the list, and in at least
// minCommonDF names, is common (see commonDF), as ordinary in the
// list as an organization word: like one, it may be abbreviated by a
// prefix (see wordSim). minCommonDF keeps the words of a small list from
// all being common.
const (
	commonShare = 500
	minCommonDF = 20
)

// commonDF returns the fewest names a word must be in to be common, in a
// list of n names.
func commonDF(n int) int { return max(minCommonDF, n/commonShare) }

// minGram is the shortest word looked up by trigrams: shorter words have no
// typo budget.
const minGram = 4

func buildIndex(list *entitylist.List) *index {
	ix := &index{
		byKey:   make(map[string]int32),
		bySound: make(map[string][]int32),
		grams:   make(map[uint32][]int32),
		glue:    make(map[string][]int32),
		acros:   make(map[string][]int32),
	}
	seen := make(map[string]bool) // token key sequences already indexed for the current entry
	var sig []byte
	for i, names := range normalizeAll(list) {
		e := list.Entry(i)
		clear(seen)
		for k, nv := range names {
			if nv.err != nil {
				ix.skipped = append(ix.skipped, SkippedName{Entry: e, Name: nameOf(e, int32(k)), Err: nv.err, Part: nv.part})
				if nv.part == "" {
					ix.unscreened++
					continue
				}
			}
			for vi, v := range nv.variants {
				if len(v.Tokens) == 0 {
					continue
				}
				sig = sig[:0]
				for _, t := range v.Tokens {
					sig = append(sig, t.Key...)
					sig = append(sig, ' ')
				}
				for _, f := range v.LegalForms {
					sig = append(sig, '|')
					sig = append(sig, f.Class...)
				}
				if seen[string(sig)] {
					continue
				}
				seen[string(sig)] = true
				surname := 0
				if vi == 0 && e.Type == entitylist.TypeIndividual {
					surname = surnameWords(v)
				}
				ix.add(int32(i), int32(k), v, vi > 0, qualifies(e.Type), surname)
			}
		}
	}
	ix.finish()
	return ix
}

// nameVariants is a list name normalized.
type nameVariants struct {
	variants []normalize.Name
	err      error
	part     string // the first part indexed in place of a name too long, see firstPart
}

// normalizeAll normalizes every name of every entry of list, on all CPUs:
// the result has one slice per entry, one element per name.
func normalizeAll(list *entitylist.List) [][]nameVariants {
	out := make([][]nameVariants, list.Len())
	const chunk = 256 // entries a goroutine takes at a time: few enough to share the work evenly
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= len(out) {
					return
				}
				for i := lo; i < min(lo+chunk, len(out)); i++ {
					names := list.Entry(i).Names()
					out[i] = make([]nameVariants, len(names))
					for k, name := range names {
						nv := &out[i][k]
						nv.variants, nv.err = normalize.Variants(name)
						if errors.Is(nv.err, normalize.ErrTooLong) {
							// Screened by its first part rather than not at all.
							if part := firstPart(name); part != "" {
								if vs, err := normalize.Variants(part); err == nil {
									nv.variants, nv.part = vs, part
								}
							}
						}
					}
				}
			}
		})
	}
	wg.Wait()
	return out
}

// firstPart returns the longest start of name that a query may be (at most
// normalize.MaxLen bytes) ending at a word, or "" if it has none.
func firstPart(name string) string {
	if len(name) <= normalize.MaxLen {
		return name
	}
	cut := name[:normalize.MaxLen+1]
	i := strings.LastIndexFunc(cut, unicode.IsSpace)
	if i <= 0 {
		return ""
	}
	return strings.TrimRightFunc(cut[:i], unicode.IsSpace)
}

// core reports whether a word of kind k (a qualifier of its name when qual
// is set) is one of the distinctive words that name a party.
func core(k normalize.Kind, qual bool) bool {
	return !qual && (k == normalize.Distinctive || k == normalize.Initialism || k == normalize.NonLatin)
}

// minCoreWithQualifiers is the fewest distinctive words a list name must
// have besides its qualifiers for them to be qualifiers.
const minCoreWithQualifiers = 2

// qualifies reports whether the names of entries of type t have
// qualifiers: a person's, a vessel's or an aircraft's name is all name
// ("JORDAN, Michael").
func qualifies(t entitylist.EntityType) bool {
	return t != entitylist.TypeIndividual && t != entitylist.TypeVessel && t != entitylist.TypeAircraft
}

// surnameWords returns the number of surname words of v, a person's name
// written as the lists write people, "SURNAME, Given Middle", or 0 when v
// is not written so.
func surnameWords(v normalize.Name) int {
	i := strings.IndexByte(v.Input, ',')
	if i <= 0 {
		return 0
	}
	sur, err := normalize.Normalize(v.Input[:i])
	k := len(sur.Tokens)
	if err != nil || k == 0 || k >= len(v.Tokens) {
		return 0
	}
	for j, t := range sur.Tokens {
		if t.Key != v.Tokens[j].Key {
			return 0
		}
	}
	return k
}

// Roles of the words of a person's name written "SURNAME, Given Middle".
const (
	roleNone    uint8 = iota
	roleSurname       // a word of the surname
	roleGiven         // the first given name
	roleMiddle        // a further given name
)

// add indexes name variant v of entry's name number name. A variant other
// than the whole name is a part; qualifiers says whether the entry's names
// have qualifiers; surname, when not 0, is the number of surname words of
// a person's name written "SURNAME, Given Middle" (see surnameWords).
func (ix *index) add(entry, name int32, v normalize.Name, part, qualifiers bool, surname int) {
	entity := qualifiers // an organization: its names may be written by their initials
	// A list name with a single distinctive word besides its qualifiers is
	// named by them too: "China Telecom" is not any telecom, and "Iran
	// Air" not any airline.
	if qualifiers {
		n := 0
		for _, t := range v.Tokens {
			if core(t.Kind, false) {
				n++
			}
		}
		qualifiers = n >= minCoreWithQualifiers
	}
	id := int32(len(ix.names))
	n := indexedName{entry: entry, name: name, part: part, display: v.Display, entity: entity,
		tokLo: int32(len(ix.tokens)), formLo: int32(len(ix.forms))}
	// Initials of the words of a name without a parenthetical: "Industrial
	// Establishment of Defense (IED)" is written "IED", not "IEDI".
	if entity && surname == 0 && !strings.ContainsAny(v.Input, "()") {
		n.acro = [2]string{acronymOf(v.Tokens, true, false), acronymOf(v.Tokens, true, true)}
		if n.acro[1] == n.acro[0] {
			n.acro[1] = ""
		}
		for _, a := range n.acro {
			if a != "" {
				ix.acros[a] = append(ix.acros[a], id)
			}
		}
	}
	for j, t := range v.Tokens {
		tid, ok := ix.byKey[t.Key]
		if !ok {
			tid = int32(len(ix.terms))
			ix.terms = append(ix.terms, term{word: newWord(t)})
			ix.byKey[t.Key] = tid
		}
		tm := &ix.terms[tid]
		if len(tm.postings) == 0 || tm.postings[len(tm.postings)-1] != id {
			tm.postings = append(tm.postings, id)
		}
		tr := tokenRef{term: tid, qual: qualifiers && t.Kind == normalize.Qualifier}
		switch {
		case surname == 0:
		case j < surname:
			tr.role = roleSurname
		case j == surname:
			tr.role = roleGiven
		default:
			tr.role = roleMiddle
		}
		n.person = n.person || tr.role != roleNone
		if core(t.Kind, tr.qual) && n.core < 255 {
			n.core++
		}
		n.company = n.company || t.Kind == normalize.Generic && !normalize.Connector(t.Key)
		ix.tokens = append(ix.tokens, tr)
		if t.Kind == normalize.Number {
			n.hasNums = true
		}
		if j > 0 {
			prev := v.Tokens[j-1]
			if joinable(prev.Kind) && joinable(t.Kind) {
				g := prev.Key + t.Key
				ps := ix.glue[g]
				if len(ps) == 0 || ps[len(ps)-1] != id {
					ix.glue[g] = append(ps, id)
				}
			}
		}
	}
	n.company = n.company || len(v.LegalForms) > 0
	for _, f := range v.LegalForms {
		ix.forms = append(ix.forms, f.Class)
		ix.formKey = append(ix.formKey, formKey(f.Text))
	}
	n.tokHi = int32(len(ix.tokens))
	n.formHi = int32(len(ix.forms))
	ix.names = append(ix.names, n)
}

// joinable reports whether words of kind k may be written together with a
// neighbour.
func joinable(k normalize.Kind) bool {
	return k == normalize.Distinctive || k == normalize.Generic || k == normalize.Initialism
}

// maxBrandDF bounds the names a distinctive word of organizations' names
// counts as being in when it is weighed: a brand on many rows of one party
// (in the 2022 CSL, "Huawei" on 138 entries) stays decisive, and weighs
// more than the place of a subsidiary ("Huawei Germany"). Words of people's
// names ("Muhammad") and places keep their frequency.
const maxBrandDF = 30

// orgTerm reports whether most names holding t are organizations' names
// (of entries that are no person, vessel or aircraft) in which t is no
// qualifier.
func (ix *index) orgTerm(t *term) bool {
	org := 0
	for _, n := range t.postings {
		nm := &ix.names[n]
		if !nm.entity {
			continue
		}
		for _, tr := range ix.tokens[nm.tokLo:nm.tokHi] {
			if &ix.terms[tr.term] == t && !tr.qual {
				org++
				break
			}
		}
	}
	return 2*org > len(t.postings)
}

// finish weighs the terms and the words of the names once all names are
// added, and builds the look-ups by sound key and trigram.
func (ix *index) finish() {
	n := float64(max(len(ix.names), 1))
	ix.maxIDF = math.Log(1 + n)
	ix.maxDF = selectiveDF(len(ix.names))
	common := commonDF(len(ix.names))
	for tid := range ix.terms {
		t := &ix.terms[tid]
		df := len(t.postings)
		if t.kind == normalize.Distinctive && df > maxBrandDF && ix.orgTerm(t) {
			df = maxBrandDF
		}
		t.weight = float32(termWeight(t.kind, math.Log(1+n/float64(df))))
		t.common = t.kind == normalize.Generic || len(t.postings) >= common
		if t.sound != "" {
			ix.bySound[t.sound] = append(ix.bySound[t.sound], int32(tid))
		}
		if gramable(t.kind, t.key) {
			forGrams(t.key, func(g uint32) {
				ix.grams[g] = append(ix.grams[g], int32(tid))
			})
		}
	}
	for i := range ix.names {
		nm := &ix.names[i]
		var total float32
		for j := nm.tokLo; j < nm.tokHi; j++ {
			tr := &ix.tokens[j]
			tm := &ix.terms[tr.term]
			tr.weight = tm.weight
			switch {
			case tr.qual:
				tr.weight *= nameQualifierShare
			case tr.role == roleMiddle:
				tr.weight *= middleNameShare
			default:
				tr.weight *= float32(activityCost(tm.kind, tm.key, int(nm.core)))
			}
			total += tr.weight
		}
		nm.total = total
	}
	// Trigram lists may name a term twice when the gram repeats in the word;
	// then they are ordered by the length of the word, so that a look-up
	// reads only the words of about the query word's length.
	for g, ts := range ix.grams {
		ts = slices.Compact(ts)
		slices.SortStableFunc(ts, func(a, b int32) int { return cmp.Compare(len(ix.terms[a].key), len(ix.terms[b].key)) })
		ix.grams[g] = ts
	}
}

// termWeight is the weight of a word of kind k whose inverse document
// frequency in the list is idf.
func termWeight(k normalize.Kind, idf float64) float64 {
	switch k {
	case normalize.Generic:
		return idf * weightGeneric
	case normalize.Number:
		return idf * weightNumber
	}
	return idf
}

// gramable reports whether a word of kind k and key key is found by its
// trigrams when misspelt: a distinctive or organization word or an
// initialism of minGram letters or more.
func gramable(k normalize.Kind, key string) bool {
	return len(key) >= minGram && (k == normalize.Distinctive || k == normalize.Initialism || k == normalize.Generic)
}

// forGrams calls f with every trigram of key padded with one boundary mark on
// each side: a word of n letters has n trigrams.
func forGrams(key string, f func(uint32)) {
	const mark = 0 // keys are printable: the mark cannot occur in them
	f(mark<<16 | uint32(key[0])<<8 | uint32(key[1]))
	for i := 2; i < len(key); i++ {
		f(uint32(key[i-2])<<16 | uint32(key[i-1])<<8 | uint32(key[i]))
	}
	f(uint32(key[len(key)-2])<<16 | uint32(key[len(key)-1])<<8 | mark)
}

// errNoNames is returned by New for a list none of whose names can be indexed.
var errNoNames = errors.New("screening: no name of the list could be indexed")

// formKey returns the ASCII letters of a legal form's text in lower case, so
// that "Pte. Ltd." and "PTE LTD" compare equal.
func formKey(text string) string {
	b := make([]byte, 0, len(text))
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case 'a' <= c && c <= 'z':
			b = append(b, c)
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		}
	}
	return string(b)
}
