package screening

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/bits"
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
	weight float32 // rarity weight, see termWeight
	// spellings is, for a word whose key other words fold to
	// (normalize.Spellings), the set of the first letters of those words,
	// a bit each (see spellingLetters): a name may write it so
	// ("comercializadora" for "trading"), see syllablesOf.
	spellings uint32
}

// tokenRef is one word of an indexed name, in 32 bits, as its methods
// read them: from the lowest, termBits bits hold its term, a bit whether
// it is a qualifier, a bit whether it is joined, 2 bits its role, a bit
// is 0 and the top shareBits bits hold its share. The index holds one per
// word of every name, millions in a large list: as a struct of those
// fields it would take twice the room.
type tokenRef uint32

// termBits is the number of bits of a tokenRef that hold its term, and
// maxTerms, the most terms (distinct words) an index may hold, what they
// can tell apart.
const (
	termBits = 24
	maxTerms = 1 << termBits
)

// The bits of a tokenRef, as masks of them or where they start. Its share
// is in the top bits, so that index.weight reads shares by it without
// checking the bounds.
const (
	termMask   tokenRef = maxTerms - 1                     // see tokenRef.term
	qualBit    tokenRef = 1 << termBits                    // see tokenRef.qual
	joinedBit  tokenRef = qualBit << 1                     // see tokenRef.joined
	roleShift           = termBits + 2                     // 2 bits: roleNone..roleMiddle
	roleMask   tokenRef = 3 << roleShift                   // see tokenRef.role
	shareBits           = 3                                // shareWhole..shareParent
	shareShift          = 32 - shareBits                   // see tokenRef.share
	shareMask  tokenRef = (1<<shareBits - 1) << shareShift // see tokenRef.share
)

// newTokenRef returns the tokenRef of a word of term t: a qualifier of
// its name if qual, joined to the word before it if joined, of role
// role and whose share of weight is share.
func newTokenRef(t int32, qual, joined bool, role, share uint8) tokenRef {
	tr := tokenRef(t) | tokenRef(role)<<roleShift | tokenRef(share)<<shareShift
	if qual {
		tr |= qualBit
	}
	if joined {
		tr |= joinedBit
	}
	return tr
}

// term returns the word's term, its index in index.terms.
func (tr tokenRef) term() int32 { return int32(tr & termMask) }

// qual reports whether the word is a qualifier of its name (see
// normalize.Qualifier) that is weighed as one.
func (tr tokenRef) qual() bool { return tr&qualBit != 0 }

// joined reports whether the word and the one before it may be written
// together (see joinable), see index.glue.
func (tr tokenRef) joined() bool { return tr&joinedBit != 0 }

// role returns the word's role in a person's name, roleNone in any other
// name: see roleSurname.
func (tr tokenRef) role() uint8 { return uint8(tr & roleMask >> roleShift) }

// share returns the share of its term's weight the word has in its name
// unmatched, shareWhole..shareParent: see index.weight.
func (tr tokenRef) share() uint8 { return uint8(tr >> shareShift) }

// setTerm sets the word's term to t, less than maxTerms.
func (tr *tokenRef) setTerm(t int32) { *tr = *tr&^termMask | tokenRef(t) }

// setRole sets the word's role to role.
func (tr *tokenRef) setRole(role uint8) { *tr = *tr&^roleMask | tokenRef(role)<<roleShift }

// setShare sets the word's share of weight to share.
func (tr *tokenRef) setShare(share uint8) { *tr = *tr&^shareMask | tokenRef(share)<<shareShift }

// Shares of its term's weight that a word of a name has unmatched (see
// tokenRef.share): all of it, or, for a qualifier, a further given name,
// an organization word of a name of one distinctive word or another
// listed organization's name (see index.parentNames), the share
// nameQualifierShare, middleNameShare, the factor activityCost or the
// share parentNameShare.
const (
	shareWhole = iota
	shareQualifier
	shareMiddle
	shareActivity
	shareParent
)

// shares are the factors of the shares of weight, by tokenRef.share: as
// many as its bits tell apart, those past shareParent unused.
var shares = [1 << shareBits]float32{shareWhole: 1, shareQualifier: nameQualifierShare, shareMiddle: middleNameShare, shareActivity: oneWordGenericCost, shareParent: parentNameShare}

// weight returns the weight of word tr of a name unmatched: its term's,
// or a share of it.
func (ix *index) weight(tr tokenRef) float32 {
	return float32(ix.terms[tr.term()].weight * shares[tr.share()])
}

// indexedName is one normalized variant of one name of an entry.
type indexedName struct {
	entry  int32     // index in the list
	name   int32     // index in Entry.Names()
	tokLo  int32     // tokens are index.tokens[tokLo:tokHi()]
	formLo int32     // legal forms are index.forms[formLo:formHi()]
	total  float32   // sum of the weights of the tokens
	toks   uint16    // the number of tokens, at most normalize.MaxLen
	forms  uint16    // the number of legal forms, at most normalize.MaxLen
	core   uint8     // distinctive words (not organization words, qualifiers or numbers), at most 255
	person bool      // a person's name, its words with roles: written "SURNAME, Given Middle", or an untyped row's read so (see readGivenFirst)
	entity bool      // the name of an entry that is no person, vessel or aircraft (see qualifies); kept by an untyped row's name read as a person's
	flags  nameFlags // what else is so of the name, in a byte
	shape  int32     // names with the same words share one, see setShapes
}

// nameFlags are facts about an indexed name held a bit each, which keeps
// indexedName within 32 bytes: half a cache line, so that scoring a name
// in a large list, far from the last, reads one line of it.
type nameFlags uint8

const (
	nameNums    nameFlags = 1 << iota // the name has numbers
	nameCompany                       // the name has a legal form or an organization word: it names a company
	namePart                          // a part of the name (an a.k.a. part, a parenthetical), not the whole
	nameAcro                          // the name has initials (nameText.acro)
	nameWeak                          // an alias the list calls weak (see entitylist.Alias.Weak), screened only WithWeakAliases
)

// is reports whether nm has flag f.
func (nm *indexedName) is(f nameFlags) bool { return nm.flags&f != 0 }

// set sets flag f of nm when on is true.
func (nm *indexedName) set(f nameFlags, on bool) {
	if on {
		nm.flags |= f
	}
}

// tokHi returns the end of the tokens of nm in index.tokens.
func (nm *indexedName) tokHi() int32 { return nm.tokLo + int32(nm.toks) }

// formHi returns the end of the legal forms of nm in index.forms.
func (nm *indexedName) formHi() int32 { return nm.formLo + int32(nm.forms) }

// nameText is what is kept of an indexed name as text, apart from
// indexedName so that ranking, which reads many names, reads less.
type nameText struct {
	acro [2]int32 // the initials of an organization's name, without and with its places (see acronymOf), as indices in index.acroKeys
	// disp says where the normalized display form, for explanations, is.
	// It is most often a span of the list name: with its top bit
	// (dispSpan) set, disp holds the span's offset in its low
	// dispOffsetBits bits and its length in the bits above them. Without
	// it, the display form is index.displays[disp] (see displayText),
	// which holds fewer forms than there are names, below 1<<31.
	disp uint32
}

// The parts of nameText.disp.
const (
	dispSpan       = 1 << 31 // set when disp holds a span of the list name
	dispOffsetBits = 16      // the bits of a span's offset; the bits between them and dispSpan hold its length
	dispMaxLen     = dispSpan>>dispOffsetBits - 1
)

// displayText returns the nameText, without initials, of a name whose list
// name is name and whose display form is display: where display is in
// name, or, if it is not or lies too far into it to be held as a span, its
// index in *others, to which it is added.
func displayText(name, display string, others *[]string) nameText {
	if at := strings.Index(name, display); at >= 0 && at < 1<<dispOffsetBits && len(display) <= dispMaxLen {
		return nameText{disp: dispSpan | uint32(len(display))<<dispOffsetBits | uint32(at)}
	}
	*others = append(*others, display)
	return nameText{disp: uint32(len(*others) - 1)}
}

// span reports whether the display form of t is a span of its list name.
func (t *nameText) span() bool { return t.disp&dispSpan != 0 }

// display returns the display form of name n of ix, an index of list.
func (ix *index) display(list *entitylist.List, n int32) string {
	if t := &ix.texts[n]; !t.span() {
		return ix.displays[t.disp]
	}
	nm := &ix.names[n]
	return ix.displayIn(list.Name(int(nm.entry), int(nm.name)), n)
}

// displayIn returns the display form of name n of ix, whose list name is
// name.
func (ix *index) displayIn(name string, n int32) string {
	t := &ix.texts[n]
	if !t.span() {
		return ix.displays[t.disp]
	}
	at, size := t.disp&(1<<dispOffsetBits-1), t.disp&^dispSpan>>dispOffsetBits
	return name[at : at+size]
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
//
// The zero SkippedName is no name of no entry. Like any plain Go value it
// may be read by many goroutines at once, but not changed while another uses
// it.
type SkippedName struct {
	// Entry is the entry of the name, decoded for the caller (see
	// entitylist.List.Entry).
	Entry *entitylist.Entry
	entry int32 // the index of Entry in the list
	name  int32 // the number of Name in Entry.Names()
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
	terms    []term
	typoSets []typoLetters // per term, what the check for misspellings reads first (see lookupTypos)
	// traits holds, per term, facts read apart from the terms, which
	// they would make a word longer (see termTraits).
	traits     []termTraits
	typo       []typoKey     // per term, what it reads next
	keyLen     []uint16      // per term, the length of its key
	lens       []heldLengths // per name, the lengths of its joinable words, alone and two together (see lengthsOf)
	shapes     int           // the number of shapes
	postings   []int32       // the postings of all terms, one after the other: the names holding each, ascending
	postOff    []uint32      // the postings of term t are postings[postOff[t]:postOff[t+1]]
	byTotal    totalOrder    // the postings of the terms in more than maxTouched names, by weight, see totalOrder
	byKey      keyTable      // key -> term, see index.term
	bySound    hashTable     // hash of a sound key (see hashKey) -> terms, ascending
	grams      table         // trigram of a word -> terms, by the length of their keys
	glue       hashTable     // hash of two neighbouring keys, or sound keys, written together -> names, ascending (see gluedSounds)
	heads      table         // the first letters of an organization's name's first two words (see headKey) -> names, ascending
	acroKeys   []string      // the distinct initials of names, the first one empty: those of a name without
	byAcro     keyTable      // initials -> their index in acroKeys
	acroOff    []uint32      // the names with initials a are acroNames[acroOff[a]:acroOff[a+1]], ascending
	acroNames  []int32
	consonants consonantTable // the consonants of a distinctive word (see appendConsonants) -> terms, built on first use
	names      []indexedName
	texts      []nameText // per name
	displays   []string   // the display forms that are no span of their list names, see nameText
	tokens     []tokenRef
	// hyphens holds, while names are added, whether a hyphen joins each
	// token to a distinctive word (normalize.Token.Hyphen), for the shares
	// of weight that finish works out (see parentNameShare); it is
	// dropped then.
	hyphens []bool
	// kinds holds, while names are added, the kind of each token in its
	// own name ("KA" is initials in one name, a word in another), for
	// settleKinds and readGivenFirst; it is dropped then.
	kinds      []normalize.Kind
	forms      []int32             // per legal form of a name, its index in formSet
	formSet    []legalForm         // the distinct legal forms of the names
	formIDs    map[legalForm]int32 // legal form -> its index in formSet, while names are added
	maxIDF     float64             // weight of a word the list does not hold
	maxDF      int                 // words in more names than this do not find candidates when rarer ones exist, see selectiveDF
	skipped    []SkippedName
	unscreened int // the skipped names not screened at all

	// translations are the terms of each meaning (see word.meaning),
	// ascending.
	translations map[uint8][]int32

	// spelled holds the keys and sound keys of the terms the trigram
	// look-up finds, keyGrams and soundGrams their trigrams, keyBytes and
	// soundBytes the bytes they are written with, and commons are the
	// common ones among them (see word.common), by key: what
	// closeSpellings asks about.
	spelled              wordFilter
	keyGrams, soundGrams gramSet
	keyBytes, soundBytes []byte
	commons              []int32

	// near holds, per term, the terms it meets as misspellings that
	// lookup looks up (see setNear): those of term t are
	// near[nearOff[t]:nearOff[t+1]], ascending.
	near    []int32
	nearOff []uint32
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

// buildIndex returns the index of the names of list. It refuses a list
// of more than maxTerms distinct words, with an error naming their number.
func buildIndex(list *entitylist.List) (*index, error) {
	ix := &index{}
	twins := newWeakTwins(list, nil)
	// A chunk added is used again: its arrays, grown to the size of a run,
	// would otherwise be garbage a run at a time.
	free := make(chan *chunk, 8*runtime.GOMAXPROCS(0))
	prepare := func(lo, hi int) *chunk {
		var c *chunk
		select {
		case c = <-free:
			c.reset()
		default:
			c = &chunk{}
		}
		prepareEntries(c, list, lo, hi, twins)
		return c
	}
	inOrder(list.Len(), prepare, func(c *chunk) {
		if len(ix.names) == 0 {
			ix.reserve(c, list.Len())
		}
		ix.add(c)
		select {
		case free <- c:
		default:
		}
	})
	if len(ix.terms) > maxTerms {
		return nil, fmt.Errorf("screening: the list has %d distinct words, more than the %d an index holds", len(ix.terms), maxTerms)
	}
	reads := ix.settleKinds()
	ix.readGivenFirst(list, ix.givenName(ix.givenNames(list)))
	ix.kinds = nil
	ix.finish(reads)
	return ix, nil
}

// settleKinds gives each term whose words have different kinds in their
// names the first of those kinds in readingOrder, and returns, per term,
// the kinds its words have, a bit each (see traitRead). A key is a word
// in one name and initials in another ("AT" and "A T"), and a term must
// not take the kind of whichever name the list holds first.
func (ix *index) settleKinds() []termTraits {
	reads := make([]termTraits, len(ix.terms))
	for i, tr := range ix.tokens {
		reads[tr.term()] |= 1 << ix.kinds[i]
	}
	for t, r := range reads {
		if r&(r-1) == 0 {
			continue
		}
		for _, k := range readingOrder {
			if r&(1<<k) != 0 {
				ix.terms[t].setKind(k)
				break
			}
		}
	}
	return reads
}

// readingOrder is the order in which settleKinds prefers the kinds a
// word has in different names. A word read as an organization word in
// one name is one in all ("SA", "AD": a legal form's letters left over),
// and one written as initials in one ("A.T.E.") is initials in the others
// ("ATE"): both readings come of how the word is written, where a plain
// word is what any word is read as otherwise.
var readingOrder = [...]normalize.Kind{normalize.Generic, normalize.Initialism, normalize.Number, normalize.NonLatin, normalize.Distinctive}

// minGivenName is the fewest listed people's names a word must be a given
// name of for givenNames to take it for one.
const minGivenName = 2

// givenNames returns, per term, whether the names of the people of list
// (entries of type Individual), written "SURNAME, Given Middle", hold it
// as a given name in minGivenName names at least, and more often than as
// a surname: "david", "jose", "ali".
func (ix *index) givenNames(list *entitylist.List) []bool {
	given := make([]int32, len(ix.terms)) // as given names, less as surnames
	seen := make([]int32, len(ix.terms))  // as given names
	for i := range ix.names {
		nm := &ix.names[i]
		if !nm.person || list.Summary(int(nm.entry)).Type != entitylist.TypeIndividual {
			continue
		}
		for _, tr := range ix.tokens[nm.tokLo:nm.tokHi()] {
			if tr.role() == roleSurname {
				given[tr.term()]--
			} else {
				given[tr.term()]++
				seen[tr.term()]++
			}
		}
	}
	is := make([]bool, len(ix.terms))
	for t := range is {
		is[t] = seen[t] >= minGivenName && given[t] > 0
	}
	return is
}

// givenName returns whether a word is a given name of the people of
// list, by its key, as given (see givenNames) says for the terms of ix.
func (ix *index) givenName(given []bool) func(key string) bool {
	return func(key string) bool {
		t, ok := ix.term(key)
		return ok && given[t]
	}
}

// readGivenFirst reads as people's names, giving their words roles, the
// whole names of the entries of list whose type it does not give (the
// rows of the Denied Persons and ITAR Debarred lists are people and
// companies alike) that are written as people's names: with no
// organization word, legal form, number or qualifier, either as the
// lists write people, "SURNAME, Given Middle", or given name first,
// the given name and then the surname ("David Tomkins", "Maria
// Reyes-Martinez"); the first given name must be a given name of the
// list's people, as given says by its key (see givenNames). Such a name
// is then checked as a person's (see personCheck): "Tomkins" alone is
// not "David Tomkins". A name written given name first whose second word
// of three or more is a given name or an initial too ("Jose Luis Reyes",
// "Edward A. Johnson") is left as it is: where its given names end is
// not known. Read so by its words only, such a name may still be an
// organization's: it keeps indexedName.entity, and with it the rules of
// organizations' names (cleared, one held-out alias was lost).
func (ix *index) readGivenFirst(list *entitylist.List, given func(key string) bool) {
	for i := range ix.names {
		nm := &ix.names[i]
		if nm.person || nm.is(namePart) || nm.is(nameCompany) || nm.is(nameNums) || nm.toks < 2 || list.Summary(int(nm.entry)).Type != entitylist.TypeUnknown {
			continue
		}
		toks, kinds := ix.tokens[nm.tokLo:nm.tokHi()], ix.kinds[nm.tokLo:nm.tokHi()]
		key := func(j int) string { return ix.terms[toks[j].term()].key }
		if slices.ContainsFunc(toks, func(tr tokenRef) bool { return tr.qual() }) ||
			slices.ContainsFunc(kinds, func(k normalize.Kind) bool { return k != normalize.Distinctive && k != normalize.Initialism }) {
			continue
		}
		// The surname words before the given names, of a name written
		// "SURNAME, Given Middle"; none written given name first.
		sur := 0
		if text := list.Name(int(nm.entry), int(nm.name)); surnameComma(text) >= 0 {
			if sur = surnameWordsIn(text, len(toks), key); sur == 0 {
				continue
			}
		} else if len(toks) > 2 && (given(key(1)) || kinds[1] == normalize.Initialism) || kinds[len(kinds)-1] != normalize.Distinctive {
			continue
		}
		if !given(key(sur)) || kinds[sur] != normalize.Distinctive {
			continue
		}
		for j := range toks {
			switch {
			case sur > 0:
				toks[j].setRole(roleOf(j, sur))
			case j == 0:
				toks[j].setRole(roleGiven)
			default:
				toks[j].setRole(roleSurname)
			}
		}
		nm.person = true
	}
}

// reserve makes room in the arrays of ix for the names of a list of n
// entries whose first names are those of c, so that they do not grow by
// copying as names are added: room for as many per entry as c has, and a
// little more.
func (ix *index) reserve(c *chunk, n int) {
	if c.entries == 0 {
		return
	}
	room := func(k int) int { return int(int64(k) * int64(n) / int64(c.entries) * 33 / 32) }
	ix.names = slices.Grow(ix.names, room(len(c.names)))
	ix.texts = slices.Grow(ix.texts, room(len(c.texts)))
	ix.tokens = slices.Grow(ix.tokens, room(len(c.tokens)))
	ix.forms = slices.Grow(ix.forms, room(len(c.forms)))
}

// prepareEntries adds to c the names of entries lo to hi-1 of list made
// ready to be indexed; twins are the list's weak aliases of entries that
// do not mark them (see newWeakTwins).
func prepareEntries(c *chunk, list *entitylist.List, lo, hi int, twins weakTwins) {
	c.entries = hi - lo
	var seen variantSet
	var names []nameVariants
	for i := lo; i < hi; i++ {
		// The names and the type are read without decoding the rest of the
		// entry, which only a name that cannot be screened needs.
		sm := list.Summary(i)
		typ := sm.Type
		names = normalizeEntry(names, list, i, sm)
		var e *entitylist.Entry
		if twins.decodes(sm) {
			e = list.Entry(i) // which of its names are weak aliases
		}
		for k, nv := range names {
			if nv.err != nil {
				if e == nil {
					e = list.Entry(i)
				}
				c.skipped = append(c.skipped, SkippedName{Entry: e, entry: int32(i), name: int32(k), Name: nameOf(e, int32(k)), Err: nv.err, Part: nv.part})
				if nv.part == "" {
					c.unscreened++
				}
			}
		}
		seen.indexed(typ, names, twins.weakAliases(e), func(k int, v normalize.Name, part, weak bool, surname int) {
			c.prepare(int32(i), int32(k), list.Name(i, k), v, part, weak, qualifies(typ), surname)
		})
	}
}

// inOrder calls prepare for runs [lo, hi) of [0, n) on every CPU, and use
// with the results on the calling goroutine, one at a time, in the order of
// the runs. It holds the results of a few runs per CPU at most, so that the
// memory they take does not grow with n.
func inOrder[T any](n int, prepare func(lo, hi int) T, use func(T)) {
	workers := runtime.GOMAXPROCS(0)
	type job struct {
		lo, hi int
		out    chan T
	}
	jobs := make(chan job)
	pending := make(chan chan T, 4*workers) // the results to come, in order
	go func() {
		for lo := 0; lo < n; lo += runLen {
			out := make(chan T, 1)
			pending <- out
			jobs <- job{lo, min(lo+runLen, n), out}
		}
		close(jobs)
		close(pending)
	}()
	for range workers {
		go func() {
			for j := range jobs {
				j.out <- prepare(j.lo, j.hi)
			}
		}()
	}
	for out := range pending {
		use(<-out)
	}
}

// variantSet is what indexed needs to tell the variants of an entry's
// names apart: the token keys and legal forms of each variant indexed, its
// signature, one after the other.
type variantSet struct {
	sigs []byte
	ends []int // where each signature ends in sigs
}

// indexed calls f for each variant of the names of an entry of type typ,
// normalized as names, that the index holds, in the order it adds them: k
// is the name's number in the entry's Names(), part whether the variant is
// a part of the name, weak whether the name is a weak alias (weak, nil for
// none, tells by k), surname the number of surname words of a person's
// name (see surnameWords). A variant with the same words and legal forms
// as one before it is left out; the weak aliases come last, so that a
// variant one of them shares with another name is that name's, screened
// whatever the options.
func (vs *variantSet) indexed(typ entitylist.EntityType, names []nameVariants, weak func(k int) bool, f func(k int, v normalize.Name, part, weak bool, surname int)) {
	vs.sigs, vs.ends = vs.sigs[:0], vs.ends[:0]
	passes := 1
	if weak != nil {
		passes = 2
	}
	for pass := range passes {
		for k, nv := range names {
			w := weak != nil && weak(k)
			if w != (pass == 1) || nv.err != nil && nv.part == "" {
				continue
			}
			vs.variants(typ, k, nv, w, f)
		}
	}
}

// variants calls f, for indexed, for each variant of nv, name k of an
// entry of type typ, not seen before.
func (vs *variantSet) variants(typ entitylist.EntityType, k int, nv nameVariants, weak bool, f func(k int, v normalize.Name, part, weak bool, surname int)) {
	for vi, v := range nv.variants {
		if len(v.Tokens) == 0 || vs.seen(v) {
			continue
		}
		surname := 0
		if vi == 0 && typ == entitylist.TypeIndividual {
			surname = surnameWords(v)
		}
		f(k, v, vi > 0, weak, surname)
	}
}

// weakTwins holds, by entity number (its numberKey), the weak aliases
// (see entitylist.Alias.Weak) of the entries that mark theirs and share
// their number with an entry that does not: the same party in a list
// merged from OFAC's files and the CSL, which publishes OFAC's names
// without saying which aliases are weak. The names are keyed by weakKey;
// an alias one of those entries also gives as a name that is not weak is
// not among them. It is nil when there are none.
type weakTwins map[string]map[string]bool

// newWeakTwins returns the weakTwins of list, of the entity numbers
// wanted reports as wanted, or of all when wanted is nil. Only the entries
// that mark their aliases and have such a twin are decoded. A list read
// from one source has none: the lists that mark aliases give each entity
// number once, and the others mark none.
func newWeakTwins(list *entitylist.List, wanted func(number string) bool) weakTwins {
	if list.Version().Format != entitylist.FormatMerged {
		return nil
	}
	marking, plain := map[string][]int{}, map[string]bool{}
	for i := range list.Len() {
		switch sm := list.Summary(i); {
		case sm.EntityNumber == "" || wanted != nil && !wanted(sm.EntityNumber):
		case sm.Aliases:
			k := numberKey(sm.Source, sm.EntityNumber)
			marking[k] = append(marking[k], i)
		default:
			plain[numberKey(sm.Source, sm.EntityNumber)] = true
		}
	}
	var tw weakTwins
	for number, entries := range marking {
		if !plain[number] {
			continue
		}
		weak, strong := map[string]bool{}, map[string]bool{}
		for _, i := range entries {
			e := list.Entry(i)
			strong[weakKey(e.Name)] = true
			for _, a := range e.Aliases {
				if a.Weak {
					weak[weakKey(a.Name)] = true
				} else {
					strong[weakKey(a.Name)] = true
				}
			}
		}
		for k := range strong {
			delete(weak, k)
		}
		if len(weak) > 0 {
			if tw == nil {
				tw = weakTwins{}
			}
			tw[number] = weak
		}
	}
	return tw
}

// weakKey is the key of a name in weakTwins: its letters in upper case,
// its words separated by one space.
func weakKey(name string) string {
	return strings.Join(strings.Fields(strings.ToUpper(name)), " ")
}

// decodes reports whether the entry summed up by sm must be decoded to
// tell which of its names are weak aliases (see weakAliases).
func (tw weakTwins) decodes(sm entitylist.Summary) bool {
	return sm.Aliases || tw[numberKey(sm.Source, sm.EntityNumber)] != nil
}

// weakAliases returns whether each name of e, by its number in e.Names(),
// is an alias the list calls weak, or nil when e is nil or has none. The
// Aliases of an entry that has them are its alternate names in order, and
// say which are weak; one that names another is no alternate name's, and
// no name is weak by it. An entry without them has the weak aliases of
// its twins (see weakTwins): its alternate names that are one of theirs.
func (tw weakTwins) weakAliases(e *entitylist.Entry) func(k int) bool {
	switch {
	case e == nil:
		return nil
	case len(e.Aliases) > 0:
		if !slices.ContainsFunc(e.Aliases, func(a entitylist.Alias) bool { return a.Weak }) {
			return nil
		}
		return func(k int) bool {
			return k > 0 && k-1 < len(e.Aliases) && k-1 < len(e.AltNames) && e.Aliases[k-1].Weak && e.Aliases[k-1].Name == e.AltNames[k-1]
		}
	}
	weak := tw[numberKey(e.Source, e.EntityNumber)]
	if weak == nil {
		return nil
	}
	return func(k int) bool { return k > 0 && k-1 < len(e.AltNames) && weak[weakKey(e.AltNames[k-1])] }
}

// seen reports whether a variant with the signature of v was seen, and
// records it if not.
func (vs *variantSet) seen(v normalize.Name) bool {
	start := len(vs.sigs)
	for _, t := range v.Tokens {
		vs.sigs = append(vs.sigs, t.Key...)
		vs.sigs = append(vs.sigs, ' ')
	}
	for _, f := range v.LegalForms {
		vs.sigs = append(vs.sigs, '|')
		vs.sigs = append(vs.sigs, f.Class...)
	}
	sig := vs.sigs[start:]
	lo := 0
	for _, end := range vs.ends {
		if bytes.Equal(vs.sigs[lo:end], sig) {
			vs.sigs = vs.sigs[:start]
			return true
		}
		lo = end
	}
	vs.ends = append(vs.ends, len(vs.sigs))
	return false
}

// nameVariants is a list name normalized.
type nameVariants struct {
	variants []normalize.Name
	err      error
	part     string // the first part indexed in place of a name too long, see firstPart
}

// runLen is the number of items a goroutine of parallel or inOrder takes
// at a time: few enough to share the work evenly.
const runLen = 256

// runs returns the number of runs of runLen items that n items make.
func runs(n int) int { return (n + runLen - 1) / runLen }

// parallel runs work on every CPU, each goroutine taking the runs [lo, hi)
// of [0, n), lo a multiple of runLen, that next hands out until it returns
// an empty one.
func parallel(n int, work func(next func() (lo, hi int))) {
	var taken atomic.Int64
	next := func() (int, int) {
		lo := min(int(taken.Add(runLen))-runLen, n)
		return lo, min(lo+runLen, n)
	}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), runs(n)) {
		wg.Go(func() { work(next) })
	}
	wg.Wait()
}

// normalizeEntry normalizes every name of entry i of list, whose summary
// is sm, one element per name, in dst, which it returns. The names of a
// person are read without legal forms (see normalize.PersonVariants).
func normalizeEntry(dst []nameVariants, list *entitylist.List, i int, sm entitylist.Summary) []nameVariants {
	dst = dst[:0]
	variants := normalize.Variants
	if sm.Type == entitylist.TypeIndividual {
		variants = normalize.PersonVariants
	}
	for k := range sm.Names {
		name := list.Name(i, k)
		dst = append(dst, nameVariants{})
		nv := &dst[k]
		nv.variants, nv.err = variants(name)
		if errors.Is(nv.err, normalize.ErrTooLong) {
			// Screened by its first part rather than not at all.
			if part := firstPart(name); part != "" {
				if vs, err := variants(part); err == nil {
					nv.variants, nv.part = vs, part
				}
			}
		}
	}
	return dst
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
// (read without legal forms, see normalize.PersonVariants) written as the
// lists write people, "SURNAME, Given Middle", or 0 when v is not written
// so.
func surnameWords(v normalize.Name) int {
	return surnameWordsIn(v.Input, len(v.Tokens), func(j int) string { return v.Tokens[j].Key })
}

// surnameWordsIn returns the number of surname words of the name text of
// n words whose keys key gives, written "SURNAME, Given Middle", or 0 when
// it is not written so: see surnameWords.
func surnameWordsIn(text string, n int, key func(j int) string) int {
	i := surnameComma(text)
	if i <= 0 {
		return 0
	}
	sur, err := normalize.NormalizePerson(text[:i])
	k := len(sur.Tokens)
	if err != nil || k == 0 || k >= n {
		return 0
	}
	for j, t := range sur.Tokens {
		if t.Key != key(j) {
			return 0
		}
	}
	return k
}

// surnameComma returns the index in text of its first comma, the one of
// "SURNAME, Given Middle", or -1: an ASCII comma or one of its
// compatibility forms, which normalizing folds to it ("SMITH，John" with a
// full-width comma, U+FF0C, or a small comma, U+FE50).
func surnameComma(text string) int {
	i := strings.IndexByte(text, ',')
	head := text
	if i >= 0 {
		head = text[:i]
	}
	if j := strings.Index(head, "\uFF0C"); j >= 0 {
		i, head = j, head[:j]
	}
	if j := strings.Index(head, "\uFE50"); j >= 0 {
		i = j
	}
	return i
}

// Roles of the words of a person's name written "SURNAME, Given Middle".
const (
	roleNone    uint8 = iota
	roleSurname       // a word of the surname
	roleGiven         // the first given name
	roleMiddle        // a further given name
)

// roleOf returns the role of word j of a person's name written "SURNAME,
// Given Middle" whose first surname words are the surname.
func roleOf(j, surname int) uint8 {
	switch {
	case j < surname:
		return roleSurname
	case j == surname:
		return roleGiven
	}
	return roleMiddle
}

// chunk is the names of a run of entries made ready to be indexed:
// normalized and analysed, all that needs no other entry's names (see
// buildIndex). Its names' token and form ranges are into its own tokens
// and forms, and its tokens' terms unset: words holds each token's word.
type chunk struct {
	entries    int // the number of entries whose names the chunk holds
	names      []indexedName
	texts      []nameText
	displays   []string    // the display forms of texts that are no span of their names, see displayText
	acros      [][2]string // per name, its initials, see nameText.acro
	tokens     []tokenRef
	words      []word
	hyphens    []bool // per token, whether a hyphen joins it to a distinctive word, see index.hyphens
	forms      []legalForm
	formKeys   map[string]string // the text of a legal form -> its formKey, held once
	skipped    []SkippedName
	unscreened int
}

// reset empties c for other names, keeping its arrays and its formKeys.
func (c *chunk) reset() {
	c.entries, c.unscreened = 0, 0
	c.names, c.texts, c.displays, c.acros = c.names[:0], c.texts[:0], c.displays[:0], c.acros[:0]
	c.tokens, c.words, c.hyphens = c.tokens[:0], c.words[:0], c.hyphens[:0]
	c.forms, c.skipped = c.forms[:0], c.skipped[:0]
}

// formKeyOf returns the formKey of text, the same string for the same
// text: the forms of many names share a few texts.
func (c *chunk) formKeyOf(text string) string {
	k, ok := c.formKeys[text]
	if !ok {
		if c.formKeys == nil {
			c.formKeys = map[string]string{}
		}
		k = formKey(text)
		c.formKeys[text] = k
	}
	return k
}

// prepare adds to c name variant v of entry's name number name. A variant
// other than the whole name is a part; weak says whether the name is an
// alias the list calls weak; qualifiers says whether the entry's
// names have qualifiers; surname, when not 0, is the number of surname
// words of a person's name written "SURNAME, Given Middle" (see
// surnameWords).
func (c *chunk) prepare(entry, name int32, text string, v normalize.Name, part, weak, qualifiers bool, surname int) {
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
	n := indexedName{entry: entry, name: name, entity: entity,
		tokLo: int32(len(c.tokens)), formLo: int32(len(c.forms))}
	n.set(namePart, part)
	n.set(nameWeak, weak)
	var acro [2]string
	// Initials of the words of a name without a parenthetical: "Industrial
	// Establishment of Defense (IED)" is written "IED", not "IEDI".
	if entity && surname == 0 && !strings.ContainsAny(v.Input, "()") {
		acro = [2]string{acronymOf(v.Tokens, true, false), acronymOf(v.Tokens, true, true)}
		if acro[1] == acro[0] {
			acro[1] = ""
		}
		n.set(nameAcro, acro != [2]string{})
	}
	for j, t := range v.Tokens {
		role := roleNone
		if surname > 0 {
			role = roleOf(j, surname)
		}
		tr := newTokenRef(0, qualifiers && t.Kind == normalize.Qualifier,
			j > 0 && joinable(v.Tokens[j-1].Kind) && joinable(t.Kind), role, shareWhole)
		n.person = n.person || tr.role() != roleNone
		if core(t.Kind, tr.qual()) && n.core < 255 {
			n.core++
		}
		n.set(nameCompany, t.Kind == normalize.Generic && !normalize.Connector(t.Key))
		c.tokens = append(c.tokens, tr)
		c.words = append(c.words, newWord(t))
		// A word joined by a hyphen to a distinctive word ("ODK-Saturn"),
		// not to a connector (the Persian ezafe of "Sepah-e Pasdaran") or an
		// organization word, may be a parent's name (see parentNameShare).
		c.hyphens = append(c.hyphens, t.Hyphen && j+1 < len(v.Tokens) && core(v.Tokens[j+1].Kind, false))
		n.set(nameNums, t.Kind == normalize.Number)
	}
	n.set(nameCompany, len(v.LegalForms) > 0)
	for _, f := range v.LegalForms {
		c.forms = append(c.forms, legalForm{f.Class, c.formKeyOf(f.Text)})
	}
	n.toks = uint16(len(c.tokens) - int(n.tokLo))
	n.forms = uint16(len(c.forms) - int(n.formLo))
	c.names = append(c.names, n)
	c.texts = append(c.texts, displayText(text, v.Display, &c.displays))
	c.acros = append(c.acros, acro)
}

// add adds the names of chunk c to the index: a word the index does not
// hold yet becomes a term. Once the index holds more than maxTerms terms,
// more than a tokenRef tells apart, add only makes c's new words terms,
// which buildIndex counts to refuse the list.
func (ix *index) add(c *chunk) {
	tokBase, formBase := int32(len(ix.tokens)), int32(len(ix.forms))
	for i := range c.tokens {
		w := &c.words[i]
		tid, ok := ix.term(w.key)
		if !ok {
			tid = int32(len(ix.terms))
			if len(ix.terms) == cap(ix.terms) {
				// Doubled: append grows a large array by a quarter,
				// copying the terms over and over.
				ix.terms = slices.Grow(ix.terms, len(ix.terms)+1)
			}
			ix.terms = append(ix.terms, term{word: *w, spellings: spellingLetters(w.key)})
			ix.byKey.add(tid, ix.termKey)
		}
		if tid < maxTerms {
			c.tokens[i].setTerm(tid)
		}
	}
	if len(ix.terms) > maxTerms {
		return
	}
	ix.tokens = append(ix.tokens, c.tokens...)
	ix.hyphens = append(ix.hyphens, c.hyphens...)
	for i := range c.words {
		ix.kinds = append(ix.kinds, c.words[i].kind)
	}
	for _, f := range c.forms {
		ix.forms = append(ix.forms, ix.formID(f))
	}
	for i, n := range c.names {
		n.tokLo, n.formLo = n.tokLo+tokBase, n.formLo+formBase
		text := c.texts[i]
		if !text.span() {
			text.disp += uint32(len(ix.displays))
		}
		for k, a := range c.acros[i] {
			text.acro[k] = ix.acroID(a)
		}
		ix.names = append(ix.names, n)
		ix.texts = append(ix.texts, text)
	}
	ix.displays = append(ix.displays, c.displays...)
	ix.skipped = append(ix.skipped, c.skipped...)
	ix.unscreened += c.unscreened
}

// parentNameShare is the share of its weight that a word of an
// organization's name keeps unmatched when it is on its own the name of
// another listed organization and a hyphen joins it to the next word: the
// name of the party's parent or group, which names of subsidiaries carry
// so before their own and vendor records drop ("ODK-Klimov" for the
// engine maker Klimov of ODK, itself listed as "ODK"). The name's other
// distinctive words still decide the match. Without the hyphen the word
// is as often a name of its own ("Gazprom Telecom" is not any telecom).
const parentNameShare = 0.5

// parentTerms maps each term that is a whole name of one word of a listed
// organization to that organization's entry, or to -1 when several
// organizations are so named.
type parentTerms map[int32]int32

// of reports whether term t names an organization other than entry.
func (p parentTerms) of(t, entry int32) bool {
	e, ok := p[t]
	return ok && e != entry
}

// parentNames returns the terms that are whole names of one word of
// organizations (entries that are no person, vessel or aircraft), legal
// forms aside: "ODK" of "ODK OAO".
func (ix *index) parentNames() parentTerms {
	p := parentTerms{}
	for i := range ix.names {
		nm := &ix.names[i]
		if nm.toks != 1 || !nm.entity {
			continue
		}
		tr := ix.tokens[nm.tokLo]
		if !core(ix.terms[tr.term()].kind, tr.qual()) {
			continue
		}
		if e, ok := p[tr.term()]; ok && e != nm.entry {
			p[tr.term()] = -1
		} else if !ok {
			p[tr.term()] = nm.entry
		}
	}
	return p
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
func (ix *index) orgTerm(t int32) bool {
	org := 0
	for _, n := range ix.postingsOf(t) {
		nm := &ix.names[n]
		if !nm.entity {
			continue
		}
		for _, tr := range ix.tokens[nm.tokLo:nm.tokHi()] {
			if tr.term() == t && !tr.qual() {
				org++
				break
			}
		}
	}
	return 2*org > ix.df(t)
}

// internKeys moves the keys and sound keys of the terms into one string:
// each would otherwise hold the text of the whole name it was first read
// from.
func (ix *index) internKeys() {
	// A sound key that is the key itself is not written again.
	n := 0
	for i := range ix.terms {
		t := &ix.terms[i]
		n += len(t.key)
		if t.sound != t.key {
			n += len(t.sound)
		}
	}
	var b strings.Builder
	b.Grow(n)
	for i := range ix.terms {
		t := &ix.terms[i]
		b.WriteString(t.key)
		if t.sound != t.key {
			b.WriteString(t.sound)
		}
	}
	all, at := b.String(), 0
	for i := range ix.terms {
		t := &ix.terms[i]
		same := t.sound == t.key
		t.key, at = all[at:at+len(t.key)], at+len(t.key)
		if same {
			t.sound = t.key
		} else {
			t.sound, at = all[at:at+len(t.sound)], at+len(t.sound)
		}
	}
}

// postingsOf returns the postings of term t: the names holding it,
// ascending.
func (ix *index) postingsOf(t int32) []int32 {
	return ix.postings[ix.postOff[t]:ix.postOff[t+1]:ix.postOff[t+1]]
}

// df returns the number of names holding term t.
func (ix *index) df(t int32) int { return int(ix.postOff[t+1] - ix.postOff[t]) }

// finish builds what is worked out from all the names once they are
// added, on every CPU: the postings of the terms, their weights and the
// weights of the words of the names, their traits (reads, per term, the
// kinds its words are read as in their names: see settleKinds), and the
// look-ups by sound key, trigram and neighbouring words written together.
func (ix *index) finish(reads []termTraits) {
	// The arrays grew by appending: their spare room would be held for
	// good.
	ix.terms, ix.names, ix.texts, ix.tokens = trimmed(ix.terms), trimmed(ix.names), trimmed(ix.texts), trimmed(ix.tokens)
	ix.forms, ix.formIDs = trimmed(ix.forms), nil
	ix.setAcroNames()
	ix.buildPostings()
	ix.internKeys()
	n := float64(max(len(ix.names), 1))
	ix.maxIDF = math.Log(1 + n)
	ix.maxDF = selectiveDF(len(ix.names))
	common := commonDF(len(ix.names))
	ix.typoSets, ix.typo, ix.keyLen = make([]typoLetters, len(ix.terms)), make([]typoKey, len(ix.terms)), make([]uint16, len(ix.terms))
	ix.traits = make([]termTraits, len(ix.terms))
	sounds := make([][]keyed[uint32], runs(len(ix.terms)))
	parallel(len(ix.terms), func(next func() (int, int)) {
		for lo, hi := next(); lo < hi; lo, hi = next() {
			ps := make([]keyed[uint32], 0, hi-lo)
			for tid := lo; tid < hi; tid++ {
				t := &ix.terms[tid]
				df := ix.df(int32(tid))
				if t.kind == normalize.Distinctive && df > maxBrandDF && ix.orgTerm(int32(tid)) {
					df = maxBrandDF
				}
				t.weight = float32(termWeight(t.kind, math.Log(1+n/float64(df))))
				ix.typoSets[tid], ix.typo[tid], ix.keyLen[tid] = newTypoLetters(&t.word), newTypoKey(&t.word), uint16(min(len(t.key), math.MaxUint16))
				t.common = t.kind == normalize.Generic || ix.df(int32(tid)) >= common
				ix.traits[tid] = traitsOf(&t.word) | reads[tid]<<traitReadShift
				if t.sound != "" {
					ps = append(ps, keyed[uint32]{foldHash(hashKey(hashSeed, t.sound)), int32(tid)})
				}
			}
			sounds[lo/runLen] = ps
		}
	})
	parents := ix.parentNames()
	glue := make([][]keyed[uint32], runs(len(ix.names)))
	heads := make([][]keyed[uint32], runs(len(ix.names)))
	parallel(len(ix.names), func(next func() (int, int)) {
		for lo, hi := next(); lo < hi; lo, hi = next() {
			var hs []keyed[uint32]
			var keys []uint32
			for i := lo; i < hi; i++ {
				ctoks := ix.tokens[ix.names[i].tokLo:ix.names[i].tokHi()]
				at := func(j int) *term { return &ix.terms[ctoks[j].term()] }
				if a, b, ok := headWords(len(ctoks), at); ok && ix.names[i].entity {
					keys = appendHeadKeys(keys[:0], at(a), at(b))
					for _, k := range keys {
						hs = append(hs, keyed[uint32]{k, int32(i)})
					}
				}
			}
			heads[lo/runLen] = hs
			joined := 0
			for i := lo; i < hi; i++ {
				for _, tr := range ix.tokens[ix.names[i].tokLo:ix.names[i].tokHi()] {
					if tr.joined() {
						joined++
					}
				}
			}
			ps := make([]keyed[uint32], 0, joined)
			for i := lo; i < hi; i++ {
				nm := &ix.names[i]
				var total float32
				for j := nm.tokLo; j < nm.tokHi(); j++ {
					tr := &ix.tokens[j]
					tm := &ix.terms[tr.term()]
					switch {
					case tr.qual():
						tr.setShare(shareQualifier)
					case tr.role() == roleMiddle:
						tr.setShare(shareMiddle)
					case activityCost(tm.kind, tm.key, int(nm.core)) == oneWordGenericCost:
						tr.setShare(shareActivity)
					case ix.hyphens[j] && nm.entity && nm.core >= 2 && core(tm.kind, tr.qual()) && parents.of(tr.term(), nm.entry):
						tr.setShare(shareParent)
					}
					total += ix.weight(*tr)
					if tr.joined() {
						prev := &ix.terms[ix.tokens[j-1].term()]
						ps = append(ps, keyed[uint32]{foldHash(hashKey(hashKey(hashSeed, prev.key), tm.key)), int32(i)})
						if gluedSounds(&prev.word, &tm.word) {
							ps = append(ps, keyed[uint32]{foldHash(hashKey(hashKey(hashSeed, prev.sound), tm.sound)), int32(i)})
						}
					}
				}
				nm.total = total
			}
			glue[lo/runLen] = ps
		}
	})
	// Trigram lists are ordered by the length of the word, so that a
	// look-up reads only the words of about the query word's length: the
	// terms are taken by length, and the sort by trigram keeps their order.
	byLen := ix.termsByLength()
	grams := make([][]keyed[uint32], runs(len(byLen)))
	parallel(len(byLen), func(next func() (int, int)) {
		for lo, hi := next(); lo < hi; lo, hi = next() {
			size := 0 // a word of n letters has n trigrams
			for _, tid := range byLen[lo:hi] {
				if t := &ix.terms[tid]; gramable(t.kind, t.key) {
					size += len(t.key)
				}
			}
			ps := make([]keyed[uint32], 0, size)
			for _, tid := range byLen[lo:hi] {
				if t := &ix.terms[tid]; gramable(t.kind, t.key) {
					forGrams(t.key, func(g uint32) {
						ps = append(ps, keyed[uint32]{g, tid})
					})
				}
			}
			grams[lo/runLen] = ps
		}
	})
	ix.hyphens = nil
	var wg sync.WaitGroup
	wg.Go(func() { ix.bySound = hashTable{newTable(sounds)} })
	wg.Go(func() { ix.glue = hashTable{newTable(glue)} })
	wg.Go(func() { ix.heads = newTable(heads) })
	ix.grams = newTable(grams)
	wg.Wait()
	ix.setLengths()
	ix.setShapes()
	ix.setTotalOrder()
	ix.setTranslations()
	ix.setTypoProbes()
	ix.setNear()
}

// termTraits are facts about a term held a bit each, see index.traits.
type termTraits uint8

const (
	// traitGluedOrg marks a distinctive word that reads as a name glued
	// to an organization word (see gluedOrg), which the organization word
	// alone may meet: see appendGluedOrgs.
	traitGluedOrg termTraits = 1 << iota
	// traitPlace marks a word that names a place of its own
	// (normalize.QualifierWord): what placesDiffer reads of a listed
	// name's first word.
	traitPlace
	// traitReadShift is how far the bits of traitRead are shifted: past
	// the traits above.
	traitReadShift = iota
	// traitRead is the first of the bits, one per kind of word (the
	// trait traitRead<<k for kind k), that say as what kinds the names
	// holding a term read it: "AT" is a word in one name and the initials
	// of "A T" in another (see index.settleKinds and index.readsAs).
	traitRead termTraits = 1 << traitReadShift
)

// readsAs reports whether a name of the list holding term t reads it as a
// word of kind k: then a query word read so weighs as the term does.
func (ix *index) readsAs(t int32, k normalize.Kind) bool {
	return ix.traits[t]&(traitRead<<k) != 0
}

// traitsOf returns the termTraits of list word w.
func traitsOf(w *word) termTraits {
	var t termTraits
	if gluedOrg(w) {
		t |= traitGluedOrg
	}
	if normalize.QualifierWord(w.key) {
		t |= traitPlace
	}
	return t
}

// totalOrder holds the names of the terms in more than maxTouched names
// (see rankFrequent) a second time, by the weight the term's words have
// in each (see index.weight), and within one weight by the total weight
// of the names, so that a query that finds its candidates through such a
// term alone reads the names that may rank high first, and stops once no
// name left can be a candidate.
type totalOrder struct {
	terms  []int32  // ascending
	off    []uint32 // the groups of terms[i] are groups[off[i]:off[i+1]]
	groups []weightGroup
	names  []int32
}

// weightGroup is the names in which the words of a term weigh weight
// together: totalOrder.names[lo:hi], by their total weight
// (indexedName.total), ascending, then by id.
type weightGroup struct {
	weight float32
	lo, hi uint32
}

// of returns the names of term t by weight (see totalOrder), if t is in
// more than maxTouched names; none otherwise.
func (o *totalOrder) of(t int32) []weightGroup {
	i, found := slices.BinarySearch(o.terms, t)
	if !found {
		return nil
	}
	return o.groups[o.off[i]:o.off[i+1]]
}

// setTotalOrder works out ix.byTotal from the postings and the names.
func (ix *index) setTotalOrder() {
	var o totalOrder
	at := []uint32{0} // the names of term o.terms[i] are o.names[at[i]:at[i+1]]
	for t := range ix.terms {
		if ix.df(int32(t)) > maxTouched {
			o.terms = append(o.terms, int32(t))
			at = append(at, at[len(at)-1]+uint32(ix.df(int32(t))))
		}
	}
	o.names = make([]int32, at[len(at)-1])
	groups := make([][]weightGroup, len(o.terms))
	var wg sync.WaitGroup
	for i, t := range o.terms {
		wg.Go(func() {
			ns := ix.postingsOf(t)
			ps := make([]keyed[uint64], len(ns))
			for j, n := range ns {
				nm := &ix.names[n]
				var w float32
				for _, tr := range ix.tokens[nm.tokLo:nm.tokHi()] {
					if tr.term() == t {
						w += ix.weight(tr)
					}
				}
				// The bits of a float that is not negative order as it does.
				ps[j] = keyed[uint64]{uint64(math.Float32bits(w))<<32 | uint64(math.Float32bits(nm.total)), n}
			}
			for j, p := range sortKeyed([][]keyed[uint64]{ps}) {
				k := at[i] + uint32(j)
				o.names[k] = p.id
				if w := math.Float32frombits(uint32(p.key >> 32)); j == 0 || w != groups[i][len(groups[i])-1].weight {
					groups[i] = append(groups[i], weightGroup{weight: w, lo: k})
				}
				groups[i][len(groups[i])-1].hi = k + 1
			}
		})
	}
	wg.Wait()
	o.off = []uint32{0}
	for _, gs := range groups {
		o.groups = append(o.groups, gs...)
		o.off = append(o.off, uint32(len(o.groups)))
	}
	ix.byTotal = o
}

// setTranslations works out ix.translations from the terms' meanings.
func (ix *index) setTranslations() {
	ix.translations = map[uint8][]int32{}
	for t := range ix.terms {
		if m := ix.terms[t].meaning; m != 0 {
			ix.translations[m] = append(ix.translations[m], int32(t))
		}
	}
}

// lengths holds the lengths of the joinable words of a name, alone
// (lens) and two neighbours written together (joinLens), as joinLengths
// returns them.
type lengths struct {
	lens, joinLens uint64
}

// heldLengths holds the lengths of a name in half the bits (see
// narrowLengths): what the index holds of every name.
type heldLengths struct {
	lens, joinLens uint32
}

// narrowLengths returns set s of lengths in 32 bits: the top bit stands
// for all lengths of 31 letters or more.
func narrowLengths(s uint64) uint32 {
	if s>>31 != 0 {
		return uint32(s) | 1<<31
	}
	return uint32(s)
}

// widenLengths returns the set of lengths s of narrowLengths stands for:
// all of 31 letters or more when its top bit is set.
func widenLengths(s uint32) uint64 {
	if s>>31 != 0 {
		return uint64(s) | math.MaxUint64&^(1<<31-1)
	}
	return uint64(s)
}

// lengthsOf returns the lengths of the joinable words of name n, alone and
// two together (see joinLengths), and for a name with words of 31 letters
// or more, or two such together, all those lengths: a superset, which
// only says which names need not be searched for joined words (see
// appendJoined).
func (ix *index) lengthsOf(n int32) lengths {
	l := &ix.lens[n]
	return lengths{lens: widenLengths(l.lens), joinLens: widenLengths(l.joinLens)}
}

// setLengths works out ix.lens from the names and their terms.
func (ix *index) setLengths() {
	ix.lens = make([]heldLengths, len(ix.names))
	parallel(len(ix.names), func(next func() (int, int)) {
		for lo, hi := next(); lo < hi; lo, hi = next() {
			for i := lo; i < hi; i++ {
				ctoks := ix.tokens[ix.names[i].tokLo:ix.names[i].tokHi()]
				lens, joinLens := joinLengths(len(ctoks), func(j int) *word { return &ix.terms[ctoks[j].term()].word })
				ix.lens[i] = heldLengths{narrowLengths(lens), narrowLengths(joinLens)}
			}
		}
	})
}

// setShapes works out the shape of each name: names with the same words,
// in the same roles and of the same weights, the same initials, and both
// an organization's or neither (see containedSide) share a shape, and a
// query's words meet all of them alike (see scratch.alignmentOf). The
// same name is often on several entries, rows of lists that name one
// party.
func (ix *index) setShapes() {
	// The names by the hash of their shape, and in list order within one:
	// the first name of a hash and those of its shape take one shape, any
	// other is a shape of its own.
	ps := make([]keyed[uint64], len(ix.names))
	parallel(len(ix.names), func(next func() (int, int)) {
		for lo, hi := next(); lo < hi; lo, hi = next() {
			for i := lo; i < hi; i++ {
				ps[i] = keyed[uint64]{ix.shapeHash(int32(i)), int32(i)}
			}
		}
	})
	ps = sortKeyed([][]keyed[uint64]{ps})
	first := make([]int32, len(ix.names)) // the first name of the hash of each name
	for j, p := range ps {
		if j == 0 || p.key != ps[j-1].key {
			first[p.id] = p.id
		} else {
			first[p.id] = first[ps[j-1].id]
		}
	}
	parallel(len(ix.names), func(next func() (int, int)) {
		for lo, hi := next(); lo < hi; lo, hi = next() {
			for i := lo; i < hi; i++ {
				if f := first[i]; f != int32(i) && !ix.sameShape(f, int32(i)) {
					first[i] = int32(i)
				}
			}
		}
	})
	n := int32(0)
	for i, f := range first {
		if f == int32(i) {
			ix.names[i].shape = n
			n++
		} else {
			ix.names[i].shape = ix.names[f].shape
		}
	}
	ix.shapes = int(n)
}

// shapeHash returns a hash of what makes the shape of name n (see
// setShapes).
func (ix *index) shapeHash(n int32) uint64 {
	const prime = 1099511628211
	nm := &ix.names[n]
	acro := ix.acroOf(n)
	h := hashKey(hashKey(hashSeed, acro[0]), acro[1])
	h = (h ^ uint64(math.Float32bits(nm.total))) * prime
	if nm.entity {
		h = (h ^ 1) * prime
	}
	for _, tr := range ix.tokens[nm.tokLo:nm.tokHi()] {
		h = (h ^ uint64(uint32(tr.term()))) * prime
		h = (h ^ uint64(math.Float32bits(ix.weight(tr)))) * prime
		flags := uint64(tr.role()) << 2
		if tr.qual() {
			flags |= 1
		}
		if tr.joined() {
			flags |= 2
		}
		h = (h ^ flags) * prime
	}
	return h
}

// term returns the term whose key is key, and whether there is one.
func (ix *index) term(key string) (int32, bool) { return ix.byKey.find(key, ix.termKey) }

// joinedTerm returns the term whose key is a and b written together.
func (ix *index) joinedTerm(a, b string) (int32, bool) { return ix.byKey.findJoined(a, b, ix.termKey) }

// termKey returns the key of term t.
func (ix *index) termKey(t int32) string { return ix.terms[t].key }

// acroOf returns the initials of name n, see nameText.acro.
func (ix *index) acroOf(n int32) [2]string {
	a := &ix.texts[n].acro
	return [2]string{ix.acroKeys[a[0]], ix.acroKeys[a[1]]}
}

// acroID returns the index of initials a in ix.acroKeys, adding them if
// they are not there yet.
func (ix *index) acroID(a string) int32 {
	if len(ix.acroKeys) == 0 {
		ix.acroKeys = []string{""}
	}
	if a == "" {
		return 0
	}
	id, ok := ix.byAcro.find(a, ix.acroKey)
	if !ok {
		id = int32(len(ix.acroKeys))
		ix.acroKeys = append(ix.acroKeys, a)
		ix.byAcro.add(id, ix.acroKey)
	}
	return id
}

// acroKey returns initials a.
func (ix *index) acroKey(a int32) string { return ix.acroKeys[a] }

// initialsID returns the index in ix.acroKeys of initials a, or 0 when
// they are the initials of no name.
func (ix *index) initialsID(a string) int32 {
	id, ok := ix.byAcro.find(a, ix.acroKey)
	if !ok || ix.acroOff[id] == ix.acroOff[id+1] {
		return 0
	}
	return id
}

// namesWithInitials returns the names whose initials are acroKeys[id],
// ascending; none for id 0.
func (ix *index) namesWithInitials(id int32) []int32 {
	return ix.acroNames[ix.acroOff[id]:ix.acroOff[id+1]]
}

// setAcroNames works out ix.acroOff and ix.acroNames from the initials of
// the names.
func (ix *index) setAcroNames() {
	if len(ix.acroKeys) == 0 { // an index of no names: id 0 is none still
		ix.acroKeys = []string{""}
	}
	ix.acroOff = make([]uint32, len(ix.acroKeys)+1)
	for i := range ix.texts {
		for _, a := range ix.texts[i].acro {
			if a != 0 {
				ix.acroOff[a+1]++
			}
		}
	}
	for a := range ix.acroKeys {
		ix.acroOff[a+1] += ix.acroOff[a]
	}
	ix.acroNames = make([]int32, ix.acroOff[len(ix.acroKeys)])
	next := slices.Clone(ix.acroOff[:len(ix.acroKeys)])
	for i := range ix.texts {
		for _, a := range ix.texts[i].acro {
			if a != 0 {
				ix.acroNames[next[a]] = int32(i)
				next[a]++
			}
		}
	}
}

// sameShape reports whether names a and b have the same shape (see
// setShapes).
func (ix *index) sameShape(a, b int32) bool {
	x, y := &ix.names[a], &ix.names[b]
	return x.total == y.total && x.entity == y.entity && ix.texts[a].acro == ix.texts[b].acro &&
		slices.Equal(ix.tokens[x.tokLo:x.tokHi()], ix.tokens[y.tokLo:y.tokHi()])
}

// trimmed returns s without spare room: s itself if it has little.
func trimmed[S ~[]E, E any](s S) S {
	if cap(s)-len(s) <= len(s)/16 {
		return s
	}
	return slices.Clone(s)
}

// termsByLength returns the ids of the terms ordered by the length of
// their keys, then by id.
func (ix *index) termsByLength() []int32 {
	var count [normalize.MaxLen + 2]int
	for i := range ix.terms {
		count[min(len(ix.terms[i].key), normalize.MaxLen)+1]++
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	out := make([]int32, len(ix.terms))
	for i := range ix.terms {
		k := min(len(ix.terms[i].key), normalize.MaxLen)
		out[count[k]] = int32(i)
		count[k]++
	}
	return out
}

// buildPostings sets the postings of every term: the names holding it,
// ascending, in one array.
func (ix *index) buildPostings() {
	count := make([]uint32, len(ix.terms)+1)
	last := make([]int32, len(ix.terms)) // last[t]-1: the last name counted for term t
	for i := range ix.names {
		nm := &ix.names[i]
		for _, tr := range ix.tokens[nm.tokLo:nm.tokHi()] {
			if last[tr.term()] != int32(i+1) {
				last[tr.term()] = int32(i + 1)
				count[tr.term()+1]++
			}
		}
	}
	for t := range ix.terms {
		count[t+1] += count[t]
	}
	ix.postings, ix.postOff = make([]int32, count[len(ix.terms)]), count
	clear(last)
	next := slices.Clone(count[:len(ix.terms)])
	for i := range ix.names {
		nm := &ix.names[i]
		for _, tr := range ix.tokens[nm.tokLo:nm.tokHi()] {
			if last[tr.term()] != int32(i+1) {
				last[tr.term()] = int32(i + 1)
				ix.postings[next[tr.term()]] = int32(i)
				next[tr.term()]++
			}
		}
	}
}

// A table maps keys to lists of ids in flat arrays, which cost little to
// build, to hold and to read back from a snapshot. For keys that are
// hashes of strings (see hashKey) the ids of every string with that hash
// are listed: the caller checks them against the string.
//
// Most keys of most tables list one id: a table holds those (one) each
// beside its id, 8 bytes a key, and the others (many) once with where
// their ids start, 8 bytes a key and 4 an id (see split).
type table struct {
	one, many tablePart
}

// A tablePart holds keys of a table with their ids. A key is looked up
// among the keys of its range alone: the keys of range r, those whose
// bits above the lowest shift equal r, are keys[dir[r]:dir[r+1]], some
// tens at most for hashes.
type tablePart struct {
	keys  []uint32 // ascending, distinct
	off   []uint32 // the ids of keys[i] are ids[off[i]:off[i+1]]; nil when each key has one id, ids[i]
	ids   []int32
	dir   []uint32 // see setDir
	shift uint
}

// split returns the table of the keys of p, which lists where the ids of
// each start, and sets the ranges of its parts.
func split(p tablePart) table {
	ones := 0
	for i := range p.keys {
		if p.off[i+1]-p.off[i] == 1 {
			ones++
		}
	}
	many := len(p.keys) - ones
	t := table{
		one:  tablePart{keys: make([]uint32, 0, ones), ids: make([]int32, 0, ones)},
		many: tablePart{keys: make([]uint32, 0, many), off: make([]uint32, 1, many+1), ids: make([]int32, 0, len(p.ids)-ones)},
	}
	for i, k := range p.keys {
		ids := p.ids[p.off[i]:p.off[i+1]]
		if len(ids) == 1 {
			t.one.keys, t.one.ids = append(t.one.keys, k), append(t.one.ids, ids[0])
			continue
		}
		t.many.keys, t.many.ids = append(t.many.keys, k), append(t.many.ids, ids...)
		t.many.off = append(t.many.off, uint32(len(t.many.ids)))
	}
	t.one.setDir()
	t.many.setDir()
	return t
}

// get returns the ids of key k. It looks first in the part of t that
// holds more keys.
func (t *table) get(k uint32) []int32 {
	if len(t.many.keys) > len(t.one.keys) {
		if ids := t.many.get(k); ids != nil {
			return ids
		}
		return t.one.get(k)
	}
	if ids := t.one.get(k); ids != nil {
		return ids
	}
	return t.many.get(k)
}

// all yields each key of t with its ids, the keys ascending.
func (t *table) all(yield func(uint32, []int32) bool) {
	one, many := &t.one, &t.many
	for i, j := 0, 0; i < len(one.keys) || j < len(many.keys); {
		var ok bool
		if j == len(many.keys) || i < len(one.keys) && one.keys[i] < many.keys[j] {
			ok = yield(one.keys[i], one.ids[i:i+1])
			i++
		} else {
			ok = yield(many.keys[j], many.ids[many.off[j]:many.off[j+1]])
			j++
		}
		if !ok {
			return
		}
	}
}

// ids returns the number of ids of t, once per key.
func (t *table) ids() int { return len(t.one.ids) + len(t.many.ids) }

// tableDirBits is the most bits of a key that pick its range in a table.
const tableDirBits = 12

// setDir sets the ranges of the keys of t, see tablePart.
func (t *tablePart) setDir() {
	t.dir, t.shift = nil, 0
	if len(t.keys) == 0 {
		return
	}
	top := uint64(t.keys[len(t.keys)-1])
	t.shift = uint(max(0, bits.Len64(top)-tableDirBits))
	t.dir = make([]uint32, top>>t.shift+2)
	i := 0
	for r := range t.dir {
		for i < len(t.keys) && uint64(t.keys[i])>>t.shift < uint64(r) {
			i++
		}
		t.dir[r] = uint32(i)
	}
}

// get returns the ids of key k.
func (t *tablePart) get(k uint32) []int32 {
	r := uint64(k) >> t.shift
	if r+1 >= uint64(len(t.dir)) {
		return nil
	}
	lo, hi := int(t.dir[r]), int(t.dir[r+1])
	i, ok := slices.BinarySearch(t.keys[lo:hi], k)
	if !ok {
		return nil
	}
	i += lo
	if t.off == nil {
		return t.ids[i : i+1]
	}
	return t.ids[t.off[i]:t.off[i+1]]
}

// A hashTable is a table keyed by hashes of strings (see hashKey), folded
// to 32 bits (see foldHash): the ids of every string with that folded hash
// are listed, and the caller checks them against the string.
type hashTable struct{ table }

// get returns the ids of the strings whose hash folds as h does.
func (t *hashTable) get(h uint64) []int32 { return t.table.get(foldHash(h)) }

// foldHash folds a hash of hashKey to the 32 bits of a hashTable's keys.
func foldHash(h uint64) uint32 { return uint32(h ^ h>>32) }

// keyed is an id under a key, for newTable.
type keyed[K cmp.Ordered] struct {
	key K
	id  int32
}

// newTable returns the table of the ids of parts, one after the other, by
// key, in the order they give them, each once per key.
func newTable(parts [][]keyed[uint32]) table {
	ps := slices.Compact(sortKeyed(parts))
	keys := 0
	for i, p := range ps {
		if i == 0 || p.key != ps[i-1].key {
			keys++
		}
	}
	t := tablePart{keys: make([]uint32, 0, keys), off: make([]uint32, 0, keys+1), ids: make([]int32, len(ps))}
	for i, p := range ps {
		if i == 0 || p.key != ps[i-1].key {
			t.keys = append(t.keys, p.key)
			t.off = append(t.off, uint32(i))
		}
		t.ids[i] = p.id
	}
	t.off = append(t.off, uint32(len(ps)))
	return split(t)
}

// sortKeyed returns the elements of parts, one after the other, sorted by
// key, keeping the order of equal keys: in the array of parts when there
// is one part (which it reorders), in a new one otherwise. It sorts by
// radix, sixteen bits of the key at a time from the lowest, in time linear
// in the elements; the first pass reads the parts where they are.
func sortKeyed[K uint32 | uint64](parts [][]keyed[K]) []keyed[K] {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if n < 1<<10 {
		var ps []keyed[K]
		if len(parts) == 1 {
			ps = parts[0]
		} else {
			ps = slices.Concat(parts...)
		}
		slices.SortStableFunc(ps, func(a, b keyed[K]) int { return cmp.Compare(a.key, b.key) })
		return ps
	}
	bits := 32
	if uint64(^K(0)) > math.MaxUint32 {
		bits = 64
	}
	var spare []keyed[K] // the array the next pass that moves writes to, if any yet
	count := make([]int, 1<<16)
	for shift := 0; shift < bits; shift += 16 {
		clear(count)
		for _, p := range parts {
			for _, e := range p {
				count[e.key>>shift&0xffff]++
			}
		}
		if slices.Max(count) == n {
			continue // one digit for all: the order holds
		}
		sum := 0
		for d, c := range count {
			count[d] = sum
			sum += c
		}
		if spare == nil {
			spare = make([]keyed[K], n)
		}
		for _, p := range parts {
			for _, e := range p {
				d := e.key >> shift & 0xffff
				spare[count[d]] = e
				count[d]++
			}
		}
		if len(parts) == 1 {
			parts, spare = [][]keyed[K]{spare}, parts[0]
		} else {
			parts, spare = [][]keyed[K]{spare}, nil
		}
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return slices.Concat(parts...)
}

// hashSeed starts hashKey: the FNV-1a offset basis.
const hashSeed uint64 = 14695981039346656037

// hashKey continues the 64-bit FNV-1a hash h over s: hashKey(hashKey(hashSeed,
// a), b) is the hash of a and b written together.
func hashKey[S string | []byte](h uint64, s S) uint64 {
	const prime = 1099511628211
	for ; len(s) >= 4; s = s[4:] { // four bytes a round: fewer rounds
		h = (h ^ uint64(s[0])) * prime
		h = (h ^ uint64(s[1])) * prime
		h = (h ^ uint64(s[2])) * prime
		h = (h ^ uint64(s[3])) * prime
	}
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * prime
	}
	return h
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

// legalForm is a legal form of a list name: its class and the letters of
// its text (see formKey). A list holds few distinct ones, which its names
// share.
type legalForm struct {
	class normalize.Class
	key   string
}

// formID returns the index of f in ix.formSet, adding it if it is not
// there yet.
func (ix *index) formID(f legalForm) int32 {
	id, ok := ix.formIDs[f]
	if !ok {
		if ix.formIDs == nil {
			ix.formIDs = make(map[legalForm]int32)
		}
		id = int32(len(ix.formSet))
		ix.formSet = append(ix.formSet, f)
		ix.formIDs[f] = id
	}
	return id
}

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
