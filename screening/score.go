package screening

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"strings"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening/internal/normalize"
)

// The score of a query against one list name is decided here and nowhere
// else. It is built in three steps:
//
//  1. Align the words. Every query word may pair with one word of the name,
//     or a run of words of one side with one word of the other: two words
//     glued or split (a name glued to an organization word in any of its
//     spellings too: "KasperskyLab", "Kaspersky Lab"; see readGlued), or a
//     word spelling the initials of the other side's words (an acronym;
//     or their first letters, see appendSyllables). An organization word
//     also meets a word of the other side glued to it ("Bank",
//     "Mosnarbank"; see appendGluedOrgs), covering the organization word
//     only.
//     Pairs are taken greedily by value, so rare words pair first. See
//     wordSim and nameSim for how two words meet.
//  2. Base score: the weight the pairs cover, as a share of all weight on
//     both sides. A word's weight is its rarity in the list (inverse
//     document frequency; an organization's brand counts as if in
//     maxBrandDF names at most), a quarter of it for organization words
//     such as "Company" or "Technologies". A pair covers twice the lighter
//     side's weight times its similarity (pairValue); joined words and
//     acronyms cover both sides whole. Words that meet nothing cost their
//     weight, except: a qualifier (a place, "Global") costs a fifth of it
//     in the query and half in a list name (queryQualifierShare,
//     nameQualifierShare), but in full against a person's, vessel's or
//     aircraft's name when the query names no company (placesAreNames:
//     "Musab Turkmen"); a number written in digits a fifth in the
//     query ("Gazprombank 911", queryNumberShare); a person's further
//     given name a quarter (middleNameShare), unless the names differ in
//     given names; a word of a listed organization's name that is another
//     listed organization's name, joined by a hyphen to the next word,
//     half ("ODK-Saturn"; parentNameShare); a distinctive word half when it is one more of a name
//     that holds the other whole, an organization's name or a query
//     against one, at least two distinctive words met ("BAYT AL-MAL LIL
//     MUSLIMEEN", "BAYT AL-MAL"; containShare); and an organization
//     word that says what a company does, in a name with a single
//     distinctive word, twice (oneWordGenericCost). Everyday English words that meet ("Liberty",
//     "Star"; see normalize.Everyday), and everyday words written together
//     ("Greenwave", "GREEN WAVE"), count at everydayShare of their
//     weight, in the covered weight and in the whole alike: a list's word
//     counts cannot see that such a word is in many names that are not
//     listed, so sharing it is weak evidence ("Liberty Global" and
//     "Liberty Shipping"), while names that meet whole still score 1.
//     Legal forms are not words: they are compared as classes in step 3.
//  3. Checks: if no word of one party meets the other (only organization
//     words or qualifiers such as places pair, unless both names are
//     nothing but organization words and every query word but connectors
//     pairs), or the names' numbers disagree, the base is halved; a match
//     by misspellings alone where one name has a single distinctive word
//     costs a tenth (a fifth when the words have five letters or fewer: "Sysco" and
//     "Sisco" are as often two names as one misspelt; a tenth more when the
//     name met is an a.k.a. of one word that is no word of the entry's own
//     name, see index.nameApart); a query naming a place, against an
//     organization's name that starts with another place that names it
//     ("Pakistan Telecom", "China Telecom"), costs more (x0.85, see
//     placesDiffer); names that meet
//     in one short word only, of three letters or fewer ("SEI
//     Investments" and "SEI"), cost a fifth: the list's counts cannot see
//     how many companies in the world go by the same initials, unless they
//     are the same name with legal forms of one class ("SEI AB", whose
//     form is evidence of one party beside the word, as for everyday
//     words); so do names
//     that meet in one everyday word only, no organization word with it,
//     when one of them holds words the other lacks and their legal forms
//     do not agree ("International Power" and "POWER S.A.L.", "Universal"
//     and "UNIVERSAL TECHNOLOGY, INC"; see oneEverydayOnly); a
//     listed person's surname must meet (x0.6), a given name too (x0.7)
//     (a name on a list that gives no type, written as a person's given
//     name first, is read as one: see index.readGivenFirst),
//     the first one best (x0.85, and x0.85 more for a common surname), and
//     the given names must not differ (x0.85); differing legal-form
//     classes cost a little; a person (x0.85; x0.7 by a name of one
//     distinctive word, most often an a.k.a.: "MODELO"), vessel or
//     aircraft (x0.6) on the list whose name does not name a company
//     costs more for a query that does (a legal form or an organization
//     word such as "Corporation"), so that their names do not swamp
//     company queries; a
//     query's kind, when given, decides that check
//     instead (x0.7 for another kind, x0.6 for a vessel or aircraft); the
//     country, when the query gives one, adds a little when it is one of
//     the entry's, and costs when the entry's countries are others (x0.85;
//     x0.7 for a name of one everyday word, or a listed person's, vessel's
//     or aircraft's name of one word, both many parties' name, and for a
//     name that leaves out what a listed party of one distinctive word
//     does ("Pioneer", "Pioneer Logistics"); or 0.04 when the query names a
//     place of its own: a branch abroad); a
//     city of the entry's addresses in the query's address adds a little,
//     and the same identifier (a registration, tax or passport number) adds
//     much.
//
// The result is in [0, 1]: 1 is the same name, the default threshold marks a
// possible match an analyst should review.

// How words meet (step 1).
const (
	simJoined           = 0.98 // two words written together are one word of the other side
	distinctivePairSim  = 0.8  // a pair at least this similar counts as meeting
	maxTokensForJoining = 64   // names longer than this are not searched for joined words
)

// Effects of the checks of step 3: factors multiply the score, the others
// are added to it.
const (
	genericOnlyFactor       = 0.5 // no word that names a party meets
	oneWordTypoFactor       = 0.9 // only misspellings meet, and a name has one distinctive word
	shortTypoFactor         = 0.8 // the same, for words of at most shortTypoLen letters
	shortTypoLen            = 5
	tradeNameTypoFactor     = 0.9 // the same, against an a.k.a. of one word that the entry's own name does not hold (see index.nameApart)
	shortWordFactor         = 0.8 // one pair of words meets, of a query word of at most shortWordLen letters
	shortWordLen            = 3
	oneEverydayFactor       = 0.8   // one pair of distinctive words meets, an everyday English word, a name holds words more, and the legal forms do not agree (see oneEverydayOnly)
	numberClashFactor       = 0.5   // both names hold numbers, none agree
	placesDifferFactor      = 0.85  // the query's place and the place that names a listed organization differ, see placesDiffer
	legalFormMismatch       = -0.02 // both names have legal forms, of other classes
	personForCompany        = 0.85  // a company query against a person
	nicknameForCompany      = 0.7   // the same, against a person's name of one distinctive word
	craftForCompany         = 0.6   // a company (or explicit person) query against a vessel or aircraft
	kindDifferent           = 0.7   // an explicit Query.Kind against an entry of the other kind
	countrySame             = 0.02  // the query's country is one of the entry's
	countryDifferent        = -0.04 // the entry's countries are others, and the query names a place of its own
	countryElsewhere        = 0.85  // the entry's countries are others, for a query without a place in its name
	countryElsewhereOneWord = 0.7   // the same, when both names have one distinctive word at most, an everyday English word, or the entry is a person or craft named by one word, or the query leaves out what the listed party does (see activityUnmet)
	citySame                = 0.03  // a city of the entry's addresses is in the query's address
	identifierSame          = 0.2   // the entry publishes the query's identifier
)

// everydayShare is the share of their weight that everyday English words
// (see normalize.Everyday) count for when they meet.
const everydayShare = 0.5

// everydayPair reports whether p pairs one word with one word, either of
// them an everyday English word, or two words or more written together
// ("Greenwave", "GREEN WAVE"; see Joined) with one word, the words of the
// run all everyday English words: a compound of everyday words is as
// common a name as the words apart.
func everydayPair(ix *index, qv *qvariant, ctoks []tokenRef, p *pair) bool {
	switch {
	case p.qj < 0 && p.cj < 0:
		return qv.toks[p.qi].everyday || ix.terms[ctoks[p.ci].term()].everyday
	case p.how != Joined:
		return false
	case p.qj >= 0:
		for i := p.qi; i <= p.qj; i++ {
			if !qv.toks[i].everyday {
				return false
			}
		}
		return true
	}
	for j := p.ci; j <= p.cj; j++ {
		if !ix.terms[ctoks[j].term()].everyday {
			return false
		}
	}
	return true
}

// pairWeight returns the weight of the words of p, of both sides, matched.
func pairWeight(ix *index, qv *qvariant, ctoks []tokenRef, p *pair) float64 {
	var w float64
	for i := p.qi; i <= p.qEnd(); i++ {
		w += qv.toks[i].full
	}
	for j := p.ci; j <= p.cEnd(); j++ {
		w += float64(ix.terms[ctoks[j].term()].weight)
	}
	return w
}

// pair is two aligned words, or a run of words of one side aligned with a
// word of the other (two words joined, the words of an acronym).
type pair struct {
	qi, qj int16 // query words qi to qj; qj < 0 for qi alone
	ci, cj int16 // candidate words ci to cj; cj < 0 for ci alone
	sim    float64
	how    How
	value  float64 // the weight the pair covers, see pairValue
}

// qEnd and cEnd return the last query and candidate word of p.
func (p *pair) qEnd() int16 { return max(p.qi, p.qj) }
func (p *pair) cEnd() int16 { return max(p.ci, p.cj) }

// scoreName scores variant vi of query p against indexed name nid and
// reports true; when ex is not nil it also records why. A name whose score
// cannot reach least (see ceiling) is not scored: it reports false, and its
// words are not aligned.
//
// How the words meet is the same for names with the same words (see
// indexedName.shape): it is worked out once per query for them all, and kept
// for the explanations (see scratch.alignmentOf).
func (s *Screener) scoreName(p *prepared, vi int, nid int32, sc *scratch, least float64, ex *Explanation) (float64, bool) {
	qv := &p.variants[vi]
	ix := s.ix
	nm := &ix.names[nid]
	most, w := sc.alignmentOf(ix, p, vi, nid, least)
	if most < least {
		return 0, false
	}
	total := w.total
	if s.placesAreNames(qv, nm) {
		total += w.qualifiers
	}
	if nm.person {
		total += w.given
	}
	base := 0.0
	if total > 0 {
		base = min(1, w.matched/total)
	}
	score := base
	// The checks are recorded for the explanation only; scoring a
	// candidate allocates nothing.
	var checkBuf [10]Check
	checks := checkBuf[:0]
	// detail builds a check's detail only for an explanation: scoring
	// allocates nothing.
	detail := func(parts ...string) string {
		if ex == nil {
			return ""
		}
		return strings.Join(parts, "")
	}
	if w.genericOnly {
		score *= genericOnlyFactor
		checks = append(checks, Check{Name: "generic-only", Factor: genericOnlyFactor,
			Detail: "no distinctive word of either name meets the other"})
	}
	if w.distinctive && !w.spelled && (qv.core == 1 || nm.core == 1) {
		f := oneWordTypoFactor
		if w.shortest <= shortTypoLen {
			f = shortTypoFactor
		}
		score *= f
		checks = append(checks, Check{Name: "one-word-typo", Factor: f,
			Detail: "the names meet only by a misspelling or a short word spelled otherwise, and one of them has a single distinctive word"})
		if ix.nameApart(nid) {
			score *= tradeNameTypoFactor
			checks = append(checks, Check{Name: "trade-name-typo", Factor: tradeNameTypoFactor,
				Detail: "the name met by a misspelling is an a.k.a. of one word, not a word of the entry's own name"})
		}
	}
	if w.distinctive && w.shortOnly && !(round(base) >= 1 && ix.formAgreement(qv, nm) >= formsSameClass) {
		score *= shortWordFactor
		checks = append(checks, Check{Name: "short-word", Factor: shortWordFactor,
			Detail: "the names meet in one short word only"})
	}
	if w.oneEveryday && ix.formAgreement(qv, nm) < formsSameClass {
		score *= oneEverydayFactor
		checks = append(checks, Check{Name: "one-everyday-word", Factor: oneEverydayFactor,
			Detail: "the names meet in one everyday English word only, one of them holds words the other lacks, and their legal forms do not agree"})
	}
	if nm.person && w.person != 1 {
		score *= w.person
		checks = append(checks, Check{Name: "person", Factor: w.person, Detail: w.personWhy})
	}
	if w.crossed {
		score *= crossedNames
		checks = append(checks, Check{Name: "surname", Factor: crossedNames,
			Detail: "the query's surname (written first, before a comma) meets only given names of the listed person, and a given name of the query the listed surname"})
	}
	if w.placesDiffer {
		score *= placesDifferFactor
		checks = append(checks, Check{Name: "places", Factor: placesDifferFactor,
			Detail: "the query names a place, and the listed name, named by another place that it starts with, is of another party"})
	}
	if qv.hasNums && nm.is(nameNums) && !w.numberMet {
		score *= numberClashFactor
		checks = append(checks, Check{Name: "numbers", Factor: numberClashFactor,
			Detail: "the names hold different numbers"})
	}
	if ix.formAgreement(qv, nm) == formsDiffer {
		score += legalFormMismatch
		checks = append(checks, Check{Name: "legal-form", Effect: legalFormMismatch,
			Detail: "different legal-form classes"})
	}
	// The entry and its facts are read only for the checks that need them:
	// most candidates are scored without.
	switch {
	case p.kind != entitylist.TypeUnknown:
		if f, d := kindCheck(p.kind, s.entries.info[nm.entry].typ); f != 1 {
			score *= f
			checks = append(checks, Check{Name: "entity-type", Factor: f, Detail: d})
		}
	case qv.asPerson:
		// Read as a person's name, the query meets people only.
		if f, d := kindCheck(entitylist.TypeIndividual, s.entries.info[nm.entry].typ); f != 1 {
			score *= f
			checks = append(checks, Check{Name: "entity-type", Factor: f, Detail: detail("read as a person's name without its legal forms, ", d)})
		}
	case qv.company && !nm.is(nameCompany):
		switch s.entries.info[nm.entry].typ {
		case entitylist.TypeIndividual:
			// A person's name of one word, most often an a.k.a. ("a.k.a.
			// MODELO"), is a word many companies are named by too; a
			// person's whole name is a company's name less often.
			f, d := personForCompany, "the query names a company (a legal form or an organization word), the entry is a person"
			if nm.core <= 1 {
				f, d = nicknameForCompany, "the query names a company (a legal form or an organization word), the entry is a person named by one word"
			}
			score *= f
			checks = append(checks, Check{Name: "entity-type", Factor: f, Detail: d})
		case entitylist.TypeVessel, entitylist.TypeAircraft:
			score *= craftForCompany
			checks = append(checks, Check{Name: "entity-type", Factor: craftForCompany,
				Detail: "the query names a company (a legal form or an organization word), the entry is a vessel or aircraft"})
		}
	}
	var facts *entryFacts
	var details *entryDetails
	if p.country != "" || len(p.address) > 0 || p.id != "" {
		facts = s.factsFor(nm.entry, nil)
	}
	if len(p.address) > 0 || p.id != "" {
		details = s.detailsFor(nm.entry, facts)
	}
	if p.country != "" && len(facts.countries) > 0 {
		if slices.Contains(facts.countries, p.country) {
			score += countrySame
			checks = append(checks, Check{Name: "country", Effect: countrySame, Detail: detail("same country ", p.country)})
		} else {
			// A name that names a place of its own ("Hikvision Europe") is a
			// party's branch abroad as often as not; a plain name in another
			// country than the listed party's is less likely the party.
			if qv.places {
				score += countryDifferent
				checks = append(checks, Check{Name: "country", Effect: countryDifferent, Detail: detail("the list gives other countries than ", p.country)})
			} else {
				// A name of one everyday word ("Opera") is many companies'
				// name: in another country, it is another company.
				f, why := countryElsewhere, ""
				switch {
				case qv.core <= 1 && nm.core <= 1 && everydayCore(qv):
					f, why = countryElsewhereOneWord, ", and the name is one everyday word"
				case nm.toks == 1 && !nm.entity:
					// A listed person's, vessel's or aircraft's name of one
					// word, most often an alias ("a.k.a. SANTOS"), is many
					// people's or craft's name.
					f, why = countryElsewhereOneWord, ", and the listed name of a person or craft is one word"
				case w.activityUnmet:
					// "Pioneer" is not "Pioneer Logistics": a name that
					// leaves out what the listed party of one distinctive
					// word does, in another country, is another party of
					// the same name; its subsidiary abroad keeps the
					// parent's trade ("Pioneer Logistics Services GmbH")
					// or names its place ("Pioneer Japan").
					f, why = countryElsewhereOneWord, ", and the query leaves out what the listed party does"
				}
				score *= f
				checks = append(checks, Check{Name: "country", Factor: f, Detail: detail("the list gives other countries than ", p.country, why)})
			}
		}
	}
	if len(p.address) > 0 {
		if c := details.cityIn(p.address); c != nil {
			score += citySame
			var d string
			if ex != nil {
				d = "the query's address is in " + strings.Join(c, " ") + ", a city of the entry's addresses"
			}
			checks = append(checks, Check{Name: "city", Effect: citySame, Detail: d})
		}
	}
	if p.id != "" {
		if kind, ok := details.idOf(p.id); ok {
			score += identifierSame
			checks = append(checks, Check{Name: "identifier", Effect: identifierSame, Detail: detail("the entry publishes the query's identifier ", p.id, " (", kind, ")")})
		}
	}
	// Rounded to the four places a Match reports, so that the order of
	// matches, the alert and the explanation all use the score people see,
	// and names whose words weigh the same tie (weights are float32) and go
	// by the rules of candidate.compare rather than by rounding noise.
	capped := score > 1
	score = round(min(1, max(0, score)))
	if ex != nil {
		pairs := sc.alignedPairs[w.pairs[0]:w.pairs[1]]
		usedQ, usedC := resetSlice(&sc.usedQ, len(qv.toks)), resetSlice(&sc.usedC, int(nm.tokHi()-nm.tokLo))
		for _, p := range pairs {
			for i := p.qi; i <= p.qEnd(); i++ {
				usedQ[i] = true
			}
			for j := p.ci; j <= p.cEnd(); j++ {
				usedC[j] = true
			}
		}
		// The further given names that count again (see
		// differentGivenNames) are shown at the weight they count.
		var fullGiven []bool
		if nm.person && w.given > 0 {
			fullGiven = make([]bool, len(usedC))
			differentGivenNames(ix, qv, ix.tokens[nm.tokLo:nm.tokHi()], sc, fullGiven)
		}
		s.explain(ex, qv, nid, pairs, usedQ, usedC, fullGiven, w.contained, base, score, capped, checks)
	}
	return score, true
}

// wordScore is how far the words of a query variant and of a list name
// are scored (see scratch.alignmentOf).
type wordScore struct {
	scored  bool    // most is set
	most    float64 // the most the name can score, see mostScore
	aligned int32   // 1 + the index of the words aligned in scratch.alignments, 0 until aligned
}

// alignment is how the words of a query variant and of a list name meet,
// aligned: all of scoreName that depends on the two names' words alone,
// which names with the same words (see indexedName.shape) share.
type alignment struct {
	matched float64 // the weight the pairs cover
	// total is the weight of both names' words, but for what the
	// qualifiers of the query (qualifiers, see unmatchedQualifiers) and a
	// person's further given names (given, see differentGivenNames) lose
	// unmatched, which count for some names only.
	total, qualifiers, given float64
	distinctive              bool     // a pair of distinctive words meets, other than by a translation
	spelled                  bool     // one of them meets but by a misspelling, see weakPair
	shortest                 int      // the least, over the weak pairs, of the longer word's length; see shortTypoLen
	shortOnly                bool     // one pair of words meets, a distinctive one of a short query word; see shortWordLen
	oneEveryday              bool     // one pair of words meets, distinctive everyday English words, and a name holds words more; see oneEverydayOnly
	numberMet                bool     // a number of the query meets
	genericOnly              bool     // no distinctive word meets, see genericOnlyFactor
	activityUnmet            bool     // a word of the name that says what its party does meets nothing, see activityUnmet
	placesDiffer             bool     // the query and an organization's name name other places, see placesDiffer
	contained                int      // the side whose unmatched distinctive words weigh containShare, see containedSide
	person                   float64  // the factor of the person check, for a person's name (see personCheck)
	personWhy                string   // and why
	crossed                  bool     // the surname and given names of the query and of a person's name meet crossed, see rolesCrossed
	pairs                    [2]int32 // the pairs aligned are scratch.alignedPairs[pairs[0]:pairs[1]]
}

// scoreWords scores w, variant vi of query p against name nid: it sets
// the most the name can score and, when that reaches least, aligns the
// words, adding the alignment to sc.alignments.
func scoreWords(w *wordScore, ix *index, p *prepared, vi int, nid int32, sc *scratch, least float64) {
	qv := &p.variants[vi]
	nm := &ix.names[nid]
	ctoks := ix.tokens[nm.tokLo:nm.tokHi()]
	runs := runPairs(ix, p, vi, nid, ctoks, sc)
	w.scored = true
	if len(runs) == 0 {
		// Most names fall short of least by the bound that takes no
		// pair apart (see quickCeiling); those that do not are bound
		// pair by pair.
		if w.most = roundCeiling(quickCeiling(qv, nm.entity, sc), p); w.most < least {
			return
		}
	}
	if w.most = mostScore(p, vi, ctoks, nm.entity, runs, sc); w.most < least {
		return
	}
	if sc.settle(ix, p, vi, ctoks) {
		// The misspellings the bound took for whole are worked out now:
		// the name may fall short after all.
		runs = runPairs(ix, p, vi, nid, ctoks, sc)
		if w.most = mostScore(p, vi, ctoks, nm.entity, runs, sc); w.most < least {
			return
		}
	}
	pairs := append(wordPairs(qv, ctoks, sc, sc.pairs[:0]), runs...)
	sc.pairs = pairs
	pairs = alignWords(qv, ctoks, pairs, sc)

	var matched, total float64
	distinctive, spelled, numberMet := false, false, false
	shortest, longestMet, meets := math.MaxInt, 0, 0
	for _, p := range pairs {
		strong := p.sim >= distinctivePairSim && p.how != Glued // a glued pair covers an organization word only
		if strong {
			meets++
		}
		if everydayPair(ix, qv, ctoks, &p) {
			// Matched, the words count at a share of their weight on both
			// sides of the ratio: names that meet whole still score 1.
			p.value *= everydayShare
			total -= (1 - everydayShare) * pairWeight(ix, qv, ctoks, &p)
		}
		matched += p.value
		total += matchedExtra(ix, qv, ctoks, &p)
		if strong && p.how != Translation && (p.how == Acronym || evidence(&qv.toks[p.qi], ix, ctoks[p.ci])) {
			distinctive = true
			n := len(qv.toks[p.qi].key)
			if p.qj >= 0 {
				n = math.MaxInt
			}
			longestMet = max(longestMet, n)
			spelled = spelled || !weakPair(&p, &qv.toks[p.qi])
			if weakPair(&p, &qv.toks[p.qi]) {
				shortest = min(shortest, max(len(qv.toks[p.qi].key), len(ix.terms[ctoks[p.ci].term()].key)))
			}
		}
		if qv.toks[p.qi].kind == normalize.Number {
			numberMet = true
		}
	}
	total += qv.totalWeight() + float64(nm.total)
	contained := containedNone
	if nm.entity {
		contained = containedSide(ix, qv, ctoks, pairs, sc)
		total -= containedExtra(ix, qv, ctoks, contained, sc)
	}
	a := alignment{matched: matched, total: total, contained: contained, activityUnmet: activityUnmet(ctoks, pairs),
		placesDiffer: nm.entity && placesDiffer(ix, qv, ctoks, sc),
		distinctive:  distinctive, spelled: spelled, shortest: shortest, shortOnly: meets == 1 && longestMet <= shortWordLen, numberMet: numberMet,
		oneEveryday: oneEverydayOnly(ix, qv, ctoks, pairs),
		genericOnly: !distinctive && !(allGeneric(qv) && ix.allGeneric(ctoks) && queryPaired(pairs, qv))}
	if qv.places && !qv.company { // see placesAreNames
		a.qualifiers = unmatchedQualifiers(qv, sc)
	}
	if nm.person {
		var differ bool // a person's given names and the query's words differ
		a.given, differ = differentGivenNames(ix, qv, ctoks, sc, nil)
		a.person, a.personWhy = personCheck(pairs, ctoks, differ, ix.hasCommonSurname(ctoks))
		a.crossed = qv.person && rolesCrossed(qv, ctoks, pairs)
	}
	a.pairs = [2]int32{int32(len(sc.alignedPairs)), int32(len(sc.alignedPairs) + len(pairs))}
	sc.alignedPairs = append(sc.alignedPairs, pairs...)
	sc.alignments = append(sc.alignments, a)
	w.aligned = int32(len(sc.alignments))
}

// oneEverydayOnly reports whether the names of query variant qv and of
// words ctoks meet in one pair only, pairs, of two distinctive words, one
// of them an everyday English word (see everydayPair), and one of the
// names holds words more: a name of one everyday word ("Power",
// "Universal") is in many companies' names, and met inside a longer one
// ("International Power" and "POWER S.A.L.", "Universal" and "UNIVERSAL
// TECHNOLOGY, INC") it names another company more often than the same.
// No organization word may meet: a subsidiary keeps its parent's trade
// ("Delight Shipping Canada" and "DELIGHT SHIPPING CO LTD"). Legal forms
// are not words: "Opera Limited" holds "OPERA" whole; and legal forms
// that agree are evidence of one party beside the word (see scoreName).
func oneEverydayOnly(ix *index, qv *qvariant, ctoks []tokenRef, pairs []pair) bool {
	if len(pairs) != 1 || len(qv.toks) < 2 && len(ctoks) < 2 {
		return false
	}
	p := &pairs[0]
	if p.qj >= 0 || p.cj >= 0 || !everydayPair(ix, qv, ctoks, p) {
		return false
	}
	q, c := &qv.toks[p.qi], ctoks[p.ci]
	return core(q.kind, q.qual) && core(ix.terms[c.term()].kind, c.qual())
}

// activityUnmet reports whether a word of a list name of one distinctive
// word that says what its party does (see oneWordGenericCost), words
// ctoks, meets no word of the query in pairs: "Liberty" against "Liberty
// Shipping".
func activityUnmet(ctoks []tokenRef, pairs []pair) bool {
	for j := range ctoks {
		if ctoks[j].share() == shareActivity && !slices.ContainsFunc(pairs, func(p pair) bool { return int(p.ci) <= j && j <= int(p.cEnd()) }) {
			return true
		}
	}
	return false
}

// placesDiffer reports whether a qualifier of query variant qv (a place,
// see normalize.Qualifier) and the place that an organization's name
// (words ctoks) starts with, naming it, both meet nothing, as alignWords
// left them in sc: "China Telecom" is named by its place ("China" is no
// qualifier of a name of one distinctive word besides, see
// chunk.prepare), and "Pakistan Telecom" is another party. A qualifier of
// the listed name ("Hangzhou" of "Hangzhou Hikvision Digital
// Technology") is where the party is, not its name, and a place after
// the name ("Zortel Shenzhen") is where a party of that name is: a
// subsidiary elsewhere ("Hikvision Europe", "Zortel Germany") differs by
// neither.
func placesDiffer(ix *index, qv *qvariant, ctoks []tokenRef, sc *scratch) bool {
	query := false
	for i := range qv.toks {
		if qv.toks[i].qual && !sc.usedQ[i] {
			query = true
			break
		}
	}
	if !query {
		return false
	}
	return !sc.usedC[0] && !ctoks[0].qual() && ix.traits[ctoks[0].term()]&traitPlace != 0
}

// alignmentOf returns the most variant vi of query p can score against
// name nid and, when that reaches least, how their words align: worked out
// once per query for all names with the same words, as far as least asks
// (see scoreWords).
func (sc *scratch) alignmentOf(ix *index, p *prepared, vi int, nid int32, least float64) (float64, *alignment) {
	ref := &sc.shapeRefs[ix.names[nid].shape]
	if ref.gen != sc.gen {
		n := len(sc.wordScores)
		*ref = shapeRef{gen: sc.gen, at: int32(n)}
		sc.wordScores = slices.Grow(sc.wordScores, len(p.variants))[:n+len(p.variants)]
		for i := range p.variants {
			sc.wordScores[n+i] = wordScore{}
		}
	}
	w := &sc.wordScores[int(ref.at)+vi]
	if !w.scored || w.aligned == 0 && w.most >= least {
		scoreWords(w, ix, p, vi, nid, sc, least)
	}
	if w.aligned == 0 {
		return w.most, nil
	}
	return w.most, &sc.alignments[w.aligned-1]
}

// shapeRef says where the word scores of a shape of names are in
// scratch.wordScores, one per query variant, when gen is the query's.
type shapeRef struct {
	gen uint32
	at  int32
}

// runPairs works out how the words of variant vi of query p meet the
// words ctoks of name nid, in sc.nameRows (see scratch.row), and returns
// the pairs that align a run of words with one word: two words joined,
// glued words and acronyms. Every pair of one word with one word follows
// from the rows (see wordPairs); the possible pairs are those and the runs.
func runPairs(ix *index, p *prepared, vi int, nid int32, ctoks []tokenRef, sc *scratch) []pair {
	qv := &p.variants[vi]
	span := wordBits(qv.first, len(qv.toks))
	rows := slices.Grow(sc.nameRows[:0], len(ctoks))[:len(ctoks)]
	var lens uint64 // the lengths of the name's words, see lenBits
	var met uint64  // the query's words that meet one of the name's, as nameRow.met
	glued := false  // a word of the name is glued to an organization word, see appendGluedOrgs
	var b nameBound
	for j := range ctoks {
		cr := ctoks[j]
		mr := sc.meetRows[cr.term()]
		if mr.gen != sc.gen || cr.role() != roleNone && !sc.rows[mr.row].named { // not worked out yet, or not by nameSim
			mr.row = sc.row(ix, p, cr)
		}
		tr := &sc.rows[mr.row]
		m, share, strong := tr.word, tr.share, tr.strong
		if cr.role() != roleNone {
			m, share, strong = tr.name, tr.nameShare, tr.nameStrong
		}
		lens |= tr.lens
		glued = glued || tr.gluedOrg
		m &= span
		rows[j] = nameRow{row: mr.row, met: m}
		met |= m
		// What quickCeiling reads, in place: a call per word costs more.
		if m != 0 {
			b.n, b.strong = b.n+share, b.strong+strong
			continue
		}
		isCore := core(tr.kind, cr.qual())
		b.coreC = b.coreC || isCore
		switch {
		case cr.role() == roleGiven || cr.role() == roleMiddle:
			b.u += min(float64(tr.weightOf(cr)), tr.weight)
		case isCore:
			b.uCore += float64(tr.weightOf(cr))
		default:
			b.u += float64(tr.weightOf(cr))
		}
	}
	b.met = met
	sc.nameRows, sc.bound = rows, b
	runs := sc.runs[:0]
	if len(qv.toks) <= maxTokensForJoining && len(ctoks) <= maxTokensForJoining {
		runs = appendJoined(ix, qv, ix.lengthsOf(nid), lens, ctoks, sc, runs)
	}
	if len(qv.glues) > 0 || len(qv.glued) > 0 {
		runs = appendGlued(ix, qv, ctoks, runs)
	}
	if len(qv.orgGlues) > 0 || glued && len(qv.orgWords) > 0 {
		runs = appendGluedOrgs(ix, qv, ctoks, glued, runs)
	}
	if qv.initials || qv.acroTerm >= 0 {
		runs = appendAcronyms(ix, qv, nid, ctoks, sc, runs)
	}
	if qv.acroWords&^(met>>qv.first) != 0 || len(sc.runTerms) > 0 {
		runs = appendRunAcronyms(ix, qv, &ix.names[nid], ctoks, met, sc, runs)
	}
	if qv.syllables && ix.names[nid].entity {
		runs = appendSyllables(ix, qv, ctoks, sc, runs)
	}
	sc.runs = runs
	return runs
}

// wordPairs appends to pairs each pair of a word of query variant qv with
// a word of the name being scored (words ctoks) that it meets, as
// sc.nameRows has them (see runPairs), in query word order, and returns
// the extended slice.
func wordPairs(qv *qvariant, ctoks []tokenRef, sc *scratch, pairs []pair) []pair {
	rows := sc.nameRows
	add := func(i, j int) {
		k := qv.first + i
		r := &sc.rows[rows[j].row]
		m := &sc.meets[int(r.at)+k]
		sim, how := m.sim, m.how
		if ctoks[j].role() != roleNone {
			sim, how = m.nameSim, m.nameHow
		}
		if how != NoMatch { // words past the 63rd share a bit
			pairs = append(pairs, pair{qi: int16(i), qj: -1, ci: int16(j), cj: -1, sim: sim, how: how,
				value: pairValue(sim, qv.toks[i].full, r.weight)})
		}
	}
	if qv.first+len(qv.toks) > 63 || len(ctoks) > 64 {
		for i := range qv.toks {
			for j := range ctoks {
				if rows[j].met&wordBit(qv.first+i) != 0 {
					add(i, j)
				}
			}
		}
		return pairs
	}
	// The name's words that meet each query word, as a set of their
	// places: the pairs are few, and the words many.
	var buf [63]uint64
	met := buf[:len(qv.toks)]
	for j := range ctoks {
		for m := rows[j].met >> qv.first; m != 0; m &= m - 1 {
			met[bits.TrailingZeros64(m)] |= 1 << j
		}
	}
	for i, js := range met {
		for ; js != 0; js &= js - 1 {
			add(i, bits.TrailingZeros64(js))
		}
	}
	return pairs
}

// nameRow is the row of a word of the name being scored in scratch.rows
// (see scratch.row) and the query words of the variant that meet it.
type nameRow struct {
	row int32
	met uint64
}

// weight returns the weight of word j of the name being scored.
func (sc *scratch) weight(j int) float64 { return sc.rows[sc.nameRows[j].row].weight }

// mostScore returns the most variant vi of query p can score against a
// name of words ctoks, whose words meet the query's as sc.nameRows has
// them and whose runs are runs (see runPairs), rounded as scores are: its
// ceiling, with all the checks can add.
func mostScore(p *prepared, vi int, ctoks []tokenRef, entity bool, runs []pair, sc *scratch) float64 {
	return roundCeiling(ceiling(&p.variants[vi], ctoks, entity, runs, sc), p)
}

// roundCeiling returns the most a name of ceiling c (see ceiling) can
// score against query p, rounded as scores are: c with all the checks can
// add.
func roundCeiling(c float64, p *prepared) float64 {
	return round(min(1, c+p.bonus()+ceilingSlack))
}

// ceilingSlack covers the rounding of the sums of ceiling, far below the
// four places a score keeps.
const ceilingSlack = 1e-9

// ceiling returns a score that no alignment of the possible pairs of query
// variant qv and a name (words ctoks, runs runs; see runPairs) can exceed,
// but for the checks that add (see prepared.bonus): the name cannot reach
// a minimum above it, and its words need not be aligned. The base score
// is the weight the pairs taken cover over the weight of both names (see
// scoreName): a pair covers no more than its words weigh matched, so the
// share rises with every pair taken, and it is at most
//
//	N / (N + U)
//
// where N is the most the words in some pair can cover, each word at most
// its best pair's share (half the value of a pair of two words, its weight
// times the similarity in a run), and U the least the words in no pair
// weigh unmatched (a person's given name at most its full weight, see
// differentGivenNames; a side's distinctive words containShare of theirs
// against an organization's name, entity, when every distinctive word of
// the other side is in some pair, see containedSide). Everyday words
// count less on both sides, which lowers the share. The checks multiply by factors of 1 or less, or add
// effects of which only those of prepared.bonus are positive.
func ceiling(qv *qvariant, ctoks []tokenRef, entity bool, runs []pair, sc *scratch) float64 {
	shareQ, shareC := noShares(&sc.shareQ, len(qv.toks)), noShares(&sc.shareC, len(ctoks))
	strong := 0 // pairs of one word with one word that may count towards a name contained (see containedSide)
	for j, nr := range sc.nameRows {
		if nr.met == 0 {
			continue
		}
		r := &sc.rows[nr.row]
		named := ctoks[j].role() != roleNone
		for m := nr.met; m != 0; m &= m - 1 {
			// The query words of the bit: words past the 63rd share one.
			lo := bits.TrailingZeros64(m) - qv.first
			hi := lo + 1
			if lo+qv.first == 63 {
				lo, hi = max(0, lo), len(qv.toks)
			}
			for i := lo; i < hi; i++ {
				mt := &sc.meets[int(r.at)+qv.first+i]
				sim, how := mt.sim, mt.how
				if named {
					sim, how = mt.nameSim, mt.nameHow
				}
				if how != NoMatch {
					share := pairValue(sim, qv.toks[i].full, r.weight) / 2
					shareQ[i] = max(shareQ[i], share)
					shareC[j] = max(shareC[j], share)
					if sim >= distinctivePairSim {
						strong++
					}
				}
			}
		}
	}
	for _, p := range runs {
		if p.how == Glued { // a pair of two words, as those of the rows
			shareQ[p.qi], shareC[p.ci] = max(shareQ[p.qi], p.value/2), max(shareC[p.ci], p.value/2)
			continue
		}
		for i := p.qi; i <= p.qEnd(); i++ {
			shareQ[i] = max(shareQ[i], p.sim*qv.toks[i].full)
		}
		for j := p.ci; j <= p.cEnd(); j++ {
			shareC[j] = max(shareC[j], p.sim*sc.weight(int(j)))
		}
	}
	// A side's unpaired distinctive words may weigh containShare when
	// every distinctive word of the other side can pair, and enough
	// words can meet (see containedSide).
	shareQContained, shareCContained := 1.0, 1.0
	if entity && strong >= minContainedWords {
		shareQContained, shareCContained = containShare, containShare
		for i, share := range shareQ {
			if t := &qv.toks[i]; share < 0 && core(t.kind, t.qual) {
				shareCContained = 1
				break
			}
		}
		for j, share := range shareC {
			if share < 0 && core(sc.rows[sc.nameRows[j].row].kind, ctoks[j].qual()) {
				shareQContained = 1
				break
			}
		}
	}
	var n, u float64
	for i, share := range shareQ {
		switch t := &qv.toks[i]; {
		case share >= 0:
			n += share
		case core(t.kind, t.qual):
			u += shareQContained * t.weight
		default:
			u += t.weight
		}
	}
	for j, share := range shareC {
		cr := ctoks[j]
		r := &sc.rows[sc.nameRows[j].row]
		switch {
		case share >= 0:
			n += share
		case cr.role() == roleGiven || cr.role() == roleMiddle:
			u += min(float64(r.weightOf(cr)), r.weight)
		case core(r.kind, cr.qual()):
			u += shareCContained * float64(r.weightOf(cr))
		default:
			u += float64(r.weightOf(cr))
		}
	}
	if n == 0 {
		return 0
	}
	return n / (n + u)
}

// quickCeiling returns a bound of ceiling for query variant qv and the
// name being scored, whose words meet the query's as sc.nameRows has them,
// with no runs of words (see runPairs), that takes no pair of words apart:
// a query word in some pair covers at most its weight, a word of the name
// at most its term's best share against any query word (see
// termRow.share), and the pairs that meet closely are at most those of
// its term with any query word. The words in no pair are those of ceiling
// or fewer (the words past the 63rd share a bit), and weigh no more: the
// bound is no less than ceiling. What it reads of the name's words
// runPairs sums as it reads their rows (see nameBound).
func quickCeiling(qv *qvariant, entity bool, sc *scratch) float64 {
	b := &sc.bound
	n, u, uCore, met, strong := b.n, b.u, b.uCore, b.met, b.strong
	var uCoreQ float64 // the query's distinctive words in no pair
	coreQ := false
	for i := range qv.toks {
		switch t := &qv.toks[i]; {
		case met&wordBit(qv.first+i) != 0:
			n += t.full
		case core(t.kind, t.qual):
			uCoreQ += t.weight
			coreQ = true
		default:
			u += t.weight
		}
	}
	if n == 0 {
		return 0
	}
	shareQ, shareC := 1.0, 1.0 // the share of their weight distinctive words in no pair keep, see containedSide
	if entity && strong >= minContainedWords {
		if !b.coreC {
			shareQ = containShare
		}
		if !coreQ {
			shareC = containShare
		}
	}
	u += shareQ*uCoreQ + shareC*uCore
	return n / (n + u)
}

// nameBound is what quickCeiling reads of the words of the name being
// scored, summed over them in order as runPairs reads their rows.
type nameBound struct {
	n        float64 // the most the words in some pair cover, each its term's best share
	u, uCore float64 // the words in no pair unmatched: the name's distinctive ones in uCore
	met      uint64  // the query's words in some pair
	strong   int     // the pairs that may meet closely
	coreC    bool    // a distinctive word of the name is in no pair
}

// noShares returns *p with length n, every share -1: in no pair (see
// ceiling).
func noShares(p *[]float64, n int) []float64 {
	if cap(*p) < n {
		*p = make([]float64, n)
	}
	s := (*p)[:n]
	for i := range s {
		s[i] = -1
	}
	return s
}

// alignWords chooses of the possible pairs those that cover the most
// value, each word used once, and returns them in query word order, in
// place of pairs. It takes the most valuable first. When that leaves out a
// pair for a word already taken, a run of words met as one ("AA A" joined
// against "AAA") may have displaced pairs worth more together (each word
// against itself): of up to maxPairsSearched pairs, alignWords then
// searches every choice for the best, so that a name scores against itself
// as much as against any other. Past them, or past the search's budget,
// the choice of single pairs alone takes the place of the one taken when
// it covers more (see singlesWin).
func alignWords(qv *qvariant, ctoks []tokenRef, pairs []pair, sc *scratch) []pair {
	// The pairs are few: sorted by insertion, as slices.SortFunc sorts so
	// few, but with the comparison inlined.
	if len(pairs) > maxPairsInserted {
		slices.SortFunc(pairs, func(a, b pair) int { return byValue(&a, &b) })
	} else {
		for i := 1; i < len(pairs); i++ {
			for j := i; j > 0 && byValue(&pairs[j], &pairs[j-1]) < 0; j-- {
				pairs[j], pairs[j-1] = pairs[j-1], pairs[j]
			}
		}
	}
	usedQ := resetSlice(&sc.usedQ, len(qv.toks))
	usedC := resetSlice(&sc.usedC, len(ctoks))
	taken := resetSlice(&sc.taken, len(pairs))
	left := false
	for k := range pairs {
		p := &pairs[k]
		if slices.Contains(usedQ[p.qi:p.qEnd()+1], true) || slices.Contains(usedC[p.ci:p.cEnd()+1], true) {
			left = true
			continue
		}
		taken[k] = true
		markPair(usedQ, usedC, p)
	}
	if left && len(qv.toks) <= 64 && len(ctoks) <= 64 {
		// Past the pairs the search looks at, or its budget, the choice of
		// single pairs alone (a word with a word), most valuable first,
		// stands against the choice taken: a name of words written alike
		// in many ways scores against itself as much as the search makes
		// it where it looks.
		exact := false
		changed := false
		if len(pairs) <= maxPairsSearched {
			changed = sc.packer.search(pairs, taken)
			exact = sc.packer.packs < maxPacks
		}
		if !exact && singlesWin(pairs, taken, resetSlice(&sc.alt, len(pairs))) {
			changed = true
		}
		if changed {
			clear(usedQ)
			clear(usedC)
			for k := range pairs {
				if taken[k] {
					markPair(usedQ, usedC, &pairs[k])
				}
			}
		}
	}
	kept := pairs[:0]
	for k, p := range pairs {
		if taken[k] {
			kept = append(kept, p)
		}
	}
	for i := 1; i < len(kept); i++ { // query words are in one pair at most: the order is total
		for j := i; j > 0 && kept[j].qi < kept[j-1].qi; j-- {
			kept[j], kept[j-1] = kept[j-1], kept[j]
		}
	}
	return kept
}

// singlesWin replaces the choice taken of pairs, sorted most valuable
// first, by the choice of the single pairs alone (a word with a word, no
// run of words met as one), most valuable first, when that covers more
// value by more than rounding, and reports whether it did; alt is as long
// as pairs. Words are below the 64th.
func singlesWin(pairs []pair, taken, alt []bool) bool {
	var q, c uint64
	var v, was float64
	for k := range pairs {
		p := &pairs[k]
		if taken[k] {
			was += p.value
		}
		if p.qj >= 0 || p.cj >= 0 {
			continue
		}
		qb, cb := uint64(1)<<p.qi, uint64(1)<<p.ci
		if q&qb != 0 || c&cb != 0 {
			continue
		}
		q, c = q|qb, c|cb
		alt[k] = true
		v += p.value
	}
	if !(v > was*(1+1e-9)) {
		return false
	}
	copy(taken, alt)
	return true
}

// markPair marks the words of pair p in usedQ and usedC as used.
func markPair(usedQ, usedC []bool, p *pair) {
	for i := p.qi; i <= p.qEnd(); i++ {
		usedQ[i] = true
	}
	for j := p.ci; j <= p.cEnd(); j++ {
		usedC[j] = true
	}
}

// maxPairsSearched is the most pairs alignWords searches the choices of:
// more are rare, and take the most valuable first.
const maxPairsSearched = 16

// maxPacks is the most choices of pairs a search looks at: a name's words
// meet the query's in few ways, but a query of words written alike in
// many ways could make the choices of 16 pairs 65,536, for every name it
// is scored against. Past the budget the search keeps the best it found.
const maxPacks = 2048

// packer searches the choices of pairs, each word used once, for the one
// that covers the most value (see alignWords), in memory kept between
// searches.
type packer struct {
	q, c   [maxPairsSearched]uint64      // the query's and the name's words of each pair, a bit each
	value  [maxPairsSearched]float64     // the value of each pair
	rest   [maxPairsSearched + 1]float64 // the values of the pairs from each on, summed: the most a choice can add
	n      int                           // the number of pairs
	packs  int                           // the choices looked at
	budget int                           // the most choices to look at
	best   uint32                        // the best choice found, a bit per pair
	bestOf float64                       // its value
}

// search replaces the choice taken, pairs sorted most valuable first, by
// the choice that covers the most value, and reports whether it differs.
// Of choices of the same value, the one taken stays: only a choice of more
// value by more than rounding replaces it.
func (pk *packer) search(pairs []pair, taken []bool) bool {
	return pk.searchWithin(pairs, taken, maxPacks)
}

// searchWithin is search looking at no more than budget choices.
func (pk *packer) searchWithin(pairs []pair, taken []bool, budget int) bool {
	pk.n, pk.packs, pk.budget = len(pairs), 0, budget
	var chosen uint32
	pk.bestOf = 0
	for k := range pairs {
		p := &pairs[k]
		pk.q[k] = wordSpan(int(p.qi), int(p.qEnd()))
		pk.c[k] = wordSpan(int(p.ci), int(p.cEnd()))
		pk.value[k] = p.value
		if taken[k] {
			chosen |= 1 << k
			pk.bestOf += p.value
		}
	}
	pk.rest[pk.n] = 0
	for k := pk.n - 1; k >= 0; k-- {
		pk.rest[k] = pk.rest[k+1] + pk.value[k]
	}
	pk.best = chosen
	pk.pack(0, 0, 0, 0, 0)
	if pk.best == chosen {
		return false
	}
	for k := range taken {
		taken[k] = pk.best&(1<<k) != 0
	}
	return true
}

// pack chooses, after the choice set of value v using words q and c, the
// pairs from k on.
func (pk *packer) pack(k int, q, c uint64, set uint32, v float64) {
	pk.packs++
	if v > pk.bestOf*(1+1e-9) {
		pk.best, pk.bestOf = set, v
	}
	for ; k < pk.n && pk.packs < pk.budget && v+pk.rest[k] > pk.bestOf*(1+1e-9); k++ {
		if q&pk.q[k] == 0 && c&pk.c[k] == 0 {
			pk.pack(k+1, q|pk.q[k], c|pk.c[k], set|1<<k, v+pk.value[k])
		}
	}
}

// wordSpan returns the set of words lo to hi, a bit each, hi below 64.
func wordSpan(lo, hi int) uint64 {
	return (1<<(hi-lo+1) - 1) << lo
}

// maxPairsInserted is the most pairs alignWords sorts by insertion: the
// most slices.SortFunc does.
const maxPairsInserted = 12

// byValue orders pairs for alignWords, negative when a goes first: the most
// valuable first, then by query word and by candidate word.
func byValue(a, b *pair) int {
	if c := cmp.Compare(b.value, a.value); c != 0 {
		return c
	}
	if c := cmp.Compare(a.qi, b.qi); c != 0 {
		return c
	}
	return cmp.Compare(a.ci, b.ci)
}

// row returns how the words of the query meet the term of candidate word
// cr: by wordSim, and by nameSim for a word of a person's name, as
// alignWords takes them (the same term, the organization word a word
// misspells, see readMisspelled). The words of the candidates of a query
// repeat (organization words, the query's own words and their spellings),
// so each term's row is worked out once per query and kept in sc; its
// meetings by nameSim the first time a word of a person's name needs
// them.
func (sc *scratch) row(ix *index, p *prepared, cr tokenRef) int32 {
	mr := &sc.meetRows[cr.term()]
	if mr.gen != sc.gen {
		*mr = meetRow{gen: sc.gen, row: int32(len(sc.rows))}
		tm := &ix.terms[cr.term()]
		sc.rows = append(sc.rows, termRow{at: int32(len(sc.meets)), weight: float64(tm.weight), lens: lenBits(&tm.word),
			lead: tm.key[0], initial: tm.initial, acro: tm.acro, gluedOrg: ix.traits[cr.term()]&traitGluedOrg != 0, kind: tm.kind})
		n := len(sc.meets)
		sc.meets = slices.Grow(sc.meets, sc.queryWords)[:n+sc.queryWords]
		// The meetings are cleared, and the words of the query the term
		// may meet compared with it: the others meet it not.
		ms := sc.meets[n : n+sc.queryWords]
		clear(ms)
		qs := &sc.sets
		tw := &tm.word
		typos, meets := ^uint64(0), ^uint64(0) // the words tw may misspell, and meet otherwise
		if kl, sl := len(tw.key), len(tw.sound); kl > 0 && kl <= maxSetLen && sl <= maxSetLen {
			typos, meets = qs.typoLens[kl], qs.firsts[tw.key[0]&63]|qs.soundLens[sl]|qs.guessed
			if tw.meaning != 0 {
				meets |= qs.meanings[tw.meaning%meaningSets]
			}
		}
		some := typos | meets
		if qs.terms&termBit(cr.term()) != 0 {
			for k, id := range qs.ids[:min(len(qs.ids), 63)] {
				if id.term == cr.term() || id.typoOf == cr.term() {
					some |= wordBit(k)
				}
			}
		}
		var word, unsure uint64
		var share float64
		strong, w := 0, float64(tm.weight)
		for b := some & qs.first; b != 0; b &= b - 1 {
			k := bits.TrailingZeros64(b)
			if meetWord(&ms[k], qs.toks[k], k, cr.term(), tw, typos, meets) {
				unsure |= wordBit(k)
			}
			if ms[k].how != NoMatch {
				word |= wordBit(k)
				share, strong = addShare(share, strong, ms[k].sim, qs.toks[k].full, w)
			}
		}
		for k := 63; k < len(qs.toks); k++ { // words past the 63rd share a bit: each is compared
			meetWord(&ms[k], qs.toks[k], k, cr.term(), tw, typos, meets)
			if ms[k].how != NoMatch {
				word |= wordBit(k)
				share, strong = addShare(share, strong, ms[k].sim, qs.toks[k].full, w)
			}
		}
		r := &sc.rows[mr.row]
		r.word, r.unsure, r.share, r.strong = word, unsure, share, strong
		r.starts, r.ends, r.joins = qs.joinSets(tw)
	}
	r := &sc.rows[mr.row]
	if cr.role() != roleNone && !r.named {
		tm := &ix.terms[cr.term()].word
		for vi := range p.variants {
			qv := &p.variants[vi]
			for i := range qv.toks {
				qt := &qv.toks[i]
				k := qv.first + i
				m := &sc.meets[int(r.at)+k]
				m.nameSim, m.nameHow = m.sim, m.how
				if qt.term != cr.term() && qt.typoOf != cr.term() && r.unsure&wordBit(k) == 0 {
					m.nameSim, m.nameHow = nameSim(&qt.word, tm, m.sim, m.how)
				}
				if m.nameHow != NoMatch {
					r.name |= wordBit(k)
				}
			}
		}
		r.named = true
		r.nameShare, r.nameStrong = bestShare(sc.meets[r.at:], r.name, sc.sets.toks, r.weight, true)
	}
	return mr.row
}

// bestShare returns the most a word of weight w, whose meetings with the
// query's words are ms, covers in a pair with one of the words of set
// (see wordBit), by wordSim or, when named is set, by nameSim: half the
// pair's value (see ceiling). It also returns how many of those pairs
// meet closely (distinctivePairSim). toks are the query's words.
func bestShare(ms []meeting, set uint64, toks []*qtoken, w float64, named bool) (float64, int) {
	best, strong := 0.0, 0
	for b := set; b != 0; b &= b - 1 {
		lo := bits.TrailingZeros64(b)
		hi := lo + 1
		if lo == 63 { // the words past the 63rd share a bit
			hi = len(toks)
		}
		for k := lo; k < hi; k++ {
			sim, how := ms[k].sim, ms[k].how
			if named {
				sim, how = ms[k].nameSim, ms[k].nameHow
			}
			if how != NoMatch {
				best, strong = addShare(best, strong, sim, toks[k].full, w)
			}
		}
	}
	return best, strong
}

// addShare returns best raised to what words of weights wq and wc meeting
// with similarity sim cover each (see bestShare), and strong plus one if
// they meet closely.
func addShare(best float64, strong int, sim, wq, wc float64) (float64, int) {
	if sim >= distinctivePairSim {
		strong++
	}
	return max(best, pairValue(sim, wq, wc)/2), strong
}

// meetWord sets m to how query word qt, word k of the query's variants,
// meets term t, whose word is tw, as row works it out: typos and meets are
// the words tw may misspell and meet otherwise (see querySets). It
// reports whether m is a bound that settle has yet to work out.
func meetWord(m *meeting, qt *qtoken, k int, t int32, tw *word, typos, meets uint64) bool {
	switch {
	case qt.term >= 0 && qt.term == t:
		m.sim, m.how = 1, Exact
	case qt.typoOf >= 0 && qt.typoOf == t:
		m.sim, m.how = qt.typoSim, Typo
	case k < 63 && typos&wordBit(k) != 0 && mayTypo(&qt.word, tw):
		// Worked out by settle if the name may reach the minimum score
		// (see ceiling): until then the words meet at most whole.
		m.sim, m.how = 1, Typo
		return true
	case k < 63 && meets&wordBit(k) == 0:
		m.sim, m.how = 0, NoMatch
	default: // no misspelling, unless past the words mayTypo was asked about
		m.sim, m.how = compareWords(&qt.word, tw, k >= 63)
	}
	return false
}

// querySets are sets of the words of the query's variants (see wordBit;
// the words past the 63rd are in none) by what a list word must have to
// meet them, so that row compares a term with the few words it may meet:
// most words of the candidates meet none of the query's.
type querySets struct {
	// typoLens[n] is the words within the typo budget of a word of n
	// letters by their lengths: mayTypo rejects the others.
	typoLens [maxSetLen + 1]uint64
	// Without a misspelling, words meet by the same key or a prefix (see
	// compareWords), so by their first letter (firsts, by the letter's
	// bit, see letterMask), or by their sound keys, so of the same length
	// (soundLens), unless the vowels of the query's word were guessed
	// (guessed): no other pairs meet.
	firsts    [64]uint64
	soundLens [maxSetLen + 1]uint64
	guessed   uint64
	// Words that translate one another meet too (see word.meaning):
	// meanings are the words by their meaning, modulo meaningSets.
	meanings [meaningSets]uint64
	// Words written together begin with the first one's first letter and
	// end with the last one's last letter, by their keys or by their sound
	// keys (see appendJoined): lasts, soundFirsts and soundLasts are the
	// words by those letters, as firsts. Unless joinAll is set: a word has
	// no key or vowels guessed, or the words are too many for a set.
	lasts, soundFirsts, soundLasts [64]uint64
	joinAll                        bool
	first                          uint64 // the words up to the 63rd, those the sets tell apart
	// toks and ids are the words of the variants, and their terms and
	// the terms they misspell (see qtoken), one after the other; terms is
	// the set of the bits of those terms (see termBit).
	toks  []*qtoken
	ids   []wordIDs
	terms uint64
}

// meaningSets is the number of sets of words by their meaning that
// querySets tell apart: few words have one.
const meaningSets = 8

// termBit is the bit of term t in a set of terms, in which terms share
// bits: a term whose bit is not in the set is not in it.
func termBit(t int32) uint64 { return 1 << (uint32(t) & 63) }

// wordIDs are a query word's term and the term it misspells.
type wordIDs struct{ term, typoOf int32 }

// maxSetLen is the longest key, or sound key, querySets tell apart: row
// compares a term of a longer one with every word.
const maxSetLen = 62

// set makes s the sets of the words of p.
func (s *querySets) set(p *prepared) {
	clear(s.typoLens[:])
	clear(s.firsts[:])
	clear(s.soundLens[:])
	clear(s.meanings[:])
	clear(s.lasts[:])
	clear(s.soundFirsts[:])
	clear(s.soundLasts[:])
	s.guessed, s.first, s.terms, s.joinAll = 0, wordBits(0, min(p.words, 63)), 0, p.words > 63
	s.toks, s.ids = s.toks[:0], s.ids[:0]
	for vi := range p.variants {
		qv := &p.variants[vi]
		for i := range qv.toks {
			qt := &qv.toks[i]
			s.toks = append(s.toks, qt)
			s.ids = append(s.ids, wordIDs{qt.term, qt.typoOf})
			s.terms |= termBit(qt.term) | termBit(qt.typoOf)
			k := qv.first + i
			if k >= 63 {
				continue
			}
			w, b := &qt.word, wordBit(k)
			for n := max(0, len(w.key)-maxEdits); n <= min(maxSetLen, len(w.key)+maxEdits); n++ {
				if budget := typoBudget(max(n, len(w.key))); budget > 0 && absDiff(n, len(w.key)) <= budget {
					s.typoLens[n] |= b
				}
			}
			if w.key != "" {
				s.firsts[w.key[0]&63] |= b
				s.lasts[w.key[len(w.key)-1]&63] |= b
			}
			if w.sound != "" {
				s.soundFirsts[w.sound[0]&63] |= b
				s.soundLasts[w.sound[len(w.sound)-1]&63] |= b
				if len(w.sound) <= maxSetLen {
					s.soundLens[len(w.sound)] |= b
				}
			}
			if w.guessed {
				s.guessed |= b
			}
			if w.meaning != 0 {
				s.meanings[w.meaning%meaningSets] |= b
			}
			s.joinAll = s.joinAll || w.guessed || w.key == ""
		}
	}
}

// joinSets returns the words that may begin with word w, those that may end
// with it, and those that, written together with the next word, may be w,
// by the first and last letters of their keys and sound keys.
func (s *querySets) joinSets(w *word) (starts, ends, joins uint64) {
	if s.joinAll || w.key == "" {
		return ^uint64(0), ^uint64(0), ^uint64(0)
	}
	f, l := s.firsts[w.key[0]&63], s.lasts[w.key[len(w.key)-1]&63]
	starts, ends, joins = f, l, f&(l>>1)
	if w.sound != "" {
		f, l = s.soundFirsts[w.sound[0]&63], s.soundLasts[w.sound[len(w.sound)-1]&63]
		starts, ends, joins = starts|f, ends|l, joins|f&(l>>1)
	}
	return starts, ends, joins
}

// settle works out the meetings of the words of variant vi of query p
// with the words ctoks of the name being scored that row left unsure, and
// reports whether there were any: then the name's rows as runPairs left
// them held bounds, not similarities, and are to be read again.
func (sc *scratch) settle(ix *index, p *prepared, vi int, ctoks []tokenRef) bool {
	qv := &p.variants[vi]
	span := wordBits(qv.first, len(qv.toks))
	settled := false
	for j, cr := range ctoks {
		r := &sc.rows[sc.nameRows[j].row]
		if r.unsure&span == 0 {
			continue
		}
		tm := &ix.terms[cr.term()].word
		for i := range qv.toks {
			k := qv.first + i
			if r.unsure&wordBit(k) == 0 {
				continue
			}
			qt := &qv.toks[i]
			m := &sc.meets[int(r.at)+k]
			m.sim, m.how = wordSim(&qt.word, tm)
			if m.how == NoMatch {
				r.word &^= wordBit(k)
			}
			if r.named {
				m.nameSim, m.nameHow = nameSim(&qt.word, tm, m.sim, m.how)
				if m.nameHow == NoMatch {
					r.name &^= wordBit(k)
				}
			}
		}
		r.unsure &^= span
		r.share, r.strong = bestShare(sc.meets[r.at:], r.word, sc.sets.toks, r.weight, false)
		if r.named {
			r.nameShare, r.nameStrong = bestShare(sc.meets[r.at:], r.name, sc.sets.toks, r.weight, true)
		}
		settled = true
	}
	return settled
}

// meetRow says where the row of a term is in scratch.rows, when gen is
// the query's (see scratch.row).
type meetRow struct {
	gen uint32
	row int32
}

// termRow is how the query's words meet a term (see scratch.row): its
// meetings are scratch.meets[at:at+queryWords], one per word of the
// query's variants; word and name are the sets of the words (see wordBit)
// that meet it by wordSim and, once named, by nameSim; unsure the set of
// those whose meeting is a bound that settle has yet to work out.
type termRow struct {
	at    int32
	named bool
	// lead is the first byte of the term's key, initial its initial in an
	// acronym (see initialOf) and acro whether it may spell the initials of
	// a run of words (see runAcronym): what appendRunAcronyms reads.
	lead, initial      byte
	acro               bool
	gluedOrg           bool           // the term's traitGluedOrg: what appendGluedOrgs reads
	kind               normalize.Kind // the term's
	weight             float64        // the term's
	lens               uint64         // the lengths of the term's key and sound key, see lenBits
	word, name, unsure uint64
	// The most a word of the term covers in a pair with a query word, of
	// any variant, by wordSim and once named by nameSim, and how many of
	// those pairs are close (see quickCeiling).
	share, nameShare   float64
	strong, nameStrong int
	// The words the term may begin and end, and the words that, written
	// together with the next, it may be (see querySets.joinSets).
	starts, ends, joins uint64
}

// weightOf returns the weight of word cr of a name, of the term of r,
// unmatched: index.weight, without reading the term again.
func (r *termRow) weightOf(cr tokenRef) float32 {
	return float32(r.weight) * shares[cr.share()]
}

// wordBit is the bit of word k of the query's variants in a set of words;
// the words past the 63rd share one.
func wordBit(k int) uint64 { return 1 << min(k, 63) }

// wordBits returns the set of the n words of the query's variants from
// word k on: the bits of wordBit(k) to wordBit(k+n-1), without a loop.
func wordBits(k, n int) uint64 {
	if n <= 0 {
		return 0
	}
	lo, hi := min(k, 63), min(k+n-1, 63)
	return ^uint64(0) >> (63 - hi) &^ (1<<lo - 1)
}

// meeting is how a query word and a term meet (see scratch.row): by
// wordSim (sim and how) and by nameSim (nameSim and nameHow).
type meeting struct {
	sim, nameSim float64
	how, nameHow How
}

// appendJoined adds the pairs in which two neighbouring words of one side,
// written together, equal one word of the other; cl holds the lengths of
// the candidate's joinable words, all those of all its words (see
// lenBits), sc their rows (see runPairs).
func appendJoined(ix *index, qv *qvariant, cl lengths, all uint64, ctoks []tokenRef, sc *scratch, pairs []pair) []pair {
	// Two words written together are as long as the two: most names have no
	// word, or no two neighbouring words, of a length that could join.
	// Words whose vowels were guessed may join with others of the same
	// consonants, of any length.
	if qv.joinLens&cl.lens == 0 && cl.joinLens&qv.lens == 0 && !qv.guessed {
		return pairs
	}
	// Neither loop need look further when no neighbours of one side written
	// together are as long as a word of the other (see the checks of
	// each pair below).
	queryJoins := qv.guessed || qv.joinLens&all != 0       // two query words may be a word of the name
	nameJoins := qv.guessed || cl.joinLens&qv.allLens != 0 // two words of the name may be a query word
	// Nor when no word of the other side begins and ends as the two do
	// (see querySets.joinSets).
	var joined uint64 // the query words that, with the next, may be a word of the name
	for _, nr := range sc.nameRows {
		joined |= sc.rows[nr.row].joins
	}
	for i := 0; queryJoins && i+1 < len(qv.toks); i++ {
		a, b := &qv.toks[i], &qv.toks[i+1]
		if joined&wordBit(qv.first+i) == 0 || !joinable(a.kind) || !joinable(b.kind) {
			continue
		}
		// The words written together are as long as the list's word, by
		// key or by sound key, or their consonants may be.
		keyLen, soundLen := len(a.key)+len(b.key), -1
		if a.sound != "" && b.sound != "" {
			soundLen = len(a.sound) + len(b.sound)
		}
		if !a.guessed && !b.guessed && joinedLenBits(&a.word, &b.word)&all == 0 {
			continue // no word of the name is as long
		}
		for j := range ctoks {
			c := &ix.terms[ctoks[j].term()].word
			if (len(c.key) == keyLen || len(c.sound) == soundLen || a.guessed || b.guessed) && joinsTerm(&a.word, &b.word, c) {
				pairs = append(pairs, pair{qi: int16(i), qj: int16(i + 1), ci: int16(j), cj: -1, sim: simJoined, how: Joined,
					value: simJoined * (a.full + b.full + sc.weight(j))})
			}
		}
	}
	span := wordBits(qv.first, len(qv.toks))
	for j := 0; nameJoins && j+1 < len(ctoks); j++ {
		if sc.rows[sc.nameRows[j].row].starts&sc.rows[sc.nameRows[j+1].row].ends&span == 0 {
			continue // no query word begins as the one and ends as the other
		}
		ta, tb := &ix.terms[ctoks[j].term()], &ix.terms[ctoks[j+1].term()]
		if !joinable(ta.kind) || !joinable(tb.kind) {
			continue
		}
		keyLen, soundLen := len(ta.key)+len(tb.key), -1
		if ta.sound != "" && tb.sound != "" {
			soundLen = len(ta.sound) + len(tb.sound)
		}
		if !qv.guessed && joinedLenBits(&ta.word, &tb.word)&qv.allLens == 0 {
			continue // no word of the query is as long
		}
		for i := range qv.toks {
			q := &qv.toks[i]
			if len(q.key) != keyLen && len(q.sound) != soundLen && !q.guessed {
				continue
			}
			if joins(ta.key, tb.key, q.key) || soundLen >= 0 && soundJoins(&ta.word, &tb.word, &q.word) ||
				q.guessed && joinsConsonants(&ta.word, &tb.word, &q.word) {
				pairs = append(pairs, pair{qi: int16(i), qj: -1, ci: int16(j), cj: int16(j + 1), sim: simJoined, how: Joined,
					value: simJoined * (q.full + sc.weight(j) + sc.weight(j+1))})
			}
		}
	}
	return pairs
}

// joinsTerm reports whether query words a and b, neighbours, written
// together are the list's word c: by their keys, their sound keys, or
// their consonants when a vowel of either was guessed.
func joinsTerm(a, b, c *word) bool {
	return joinable(a.kind) && joinable(b.kind) &&
		(joins(a.key, b.key, c.key) || soundJoins(a, b, c) ||
			(a.guessed || b.guessed) && joinsConsonants(a, b, c))
}

// appendGlued adds the pairs in which a word of one side is a name glued
// to an organization word that the other side writes apart, both words
// ("KasperskyLab", "Kaspersky Lab"), with the organization word in any of
// its spellings (see readGlued). Like two words joined, the glued word
// covers both sides whole.
func appendGlued(ix *index, qv *qvariant, ctoks []tokenRef, pairs []pair) []pair {
	for _, g := range qv.glues {
		q := &qv.toks[g.i]
		for j, cr := range ctoks {
			k := j + 1
			if g.before {
				k = j - 1
			}
			if cr.term() != g.rest || k < 0 || k >= len(ctoks) || ix.terms[ctoks[k].term()].key != g.generic {
				continue
			}
			pairs = append(pairs, pair{qi: g.i, qj: -1, ci: int16(min(j, k)), cj: int16(max(j, k)), sim: simJoined, how: Joined,
				value: simJoined * (q.full + float64(ix.terms[cr.term()].weight) + float64(ix.terms[ctoks[k].term()].weight))})
		}
	}
	for _, g := range qv.glued {
		for j, cr := range ctoks {
			if cr.term() == g.term {
				pairs = append(pairs, pair{qi: g.i, qj: g.i + 1, ci: int16(j), cj: -1, sim: simJoined, how: Joined,
					value: simJoined * (qv.toks[g.i].full + qv.toks[g.i+1].full + float64(ix.terms[g.term].weight))})
			}
		}
	}
	return pairs
}

// appendGluedOrgs adds the pairs in which an organization word of one side
// meets a word of the other glued to it, by the organization word alone
// (Glued): "Bank Evrofinance" and "Evrofinance Mosnarbank" share the
// bank. The pair covers the organization word's weight on both sides,
// as a pair of the organization word with itself would, and the rest of
// the glued word stays unmatched; it is no evidence that the names are
// of one party (see readGlued: "Inteltech" is not any "Intel").
//
// glued says whether a word of the name is glued to an organization word
// (traitGluedOrg).
func appendGluedOrgs(ix *index, qv *qvariant, ctoks []tokenRef, glued bool, pairs []pair) []pair {
	for _, i := range qv.orgWords {
		if !glued {
			break
		}
		q := &qv.toks[i]
		for j, cr := range ctoks {
			if t := &ix.terms[cr.term()]; ix.traits[cr.term()]&traitGluedOrg != 0 && !cr.qual() && normalize.GluedTo(t.key, q.key) {
				pairs = append(pairs, pair{qi: i, qj: -1, ci: int16(j), cj: -1, sim: simJoined, how: Glued,
					value: pairValue(simJoined, q.full, float64(t.weight))})
			}
		}
	}
	for _, g := range qv.orgGlues {
		for j, cr := range ctoks {
			if cr.term() == g.term {
				pairs = append(pairs, pair{qi: g.i, qj: -1, ci: int16(j), cj: -1, sim: simJoined, how: Glued,
					value: pairValue(simJoined, qv.toks[g.i].full, float64(ix.terms[cr.term()].weight))})
			}
		}
	}
	return pairs
}

// appendAcronyms adds the pairs in which a word of one side spells the
// initials of the other side's words: a query word those of the
// candidate's (nameText.acro), or a candidate word those of the query's
// (qv.acro) when it is the candidate's only distinctive word. An acronym
// covers the whole weight of both sides: one word stands for all the
// others.
func appendAcronyms(ix *index, qv *qvariant, nid int32, ctoks []tokenRef, sc *scratch, pairs []pair) []pair {
	if qv.initials && ix.names[nid].is(nameAcro) {
		acro := ix.acroOf(nid)
		var wc float64
		for j := range ctoks {
			wc += sc.weight(j)
		}
		for i := range qv.toks {
			// An acronym alone, or written in capitals in a name that is not:
			// "CPI Card Group" is not "Committee Against Racism and
			// Discrimination".
			if q := &qv.toks[i]; q.initials != 0 && (q.key == acro[0] || q.key == acro[1]) && q.key != "" && (len(qv.toks) == 1 || q.caps) {
				pairs = append(pairs, pair{qi: int16(i), qj: -1, ci: 0, cj: int16(len(ctoks) - 1), sim: simAcronym, how: Acronym,
					value: simAcronym * (q.full + wc)})
			}
		}
	}
	// A word of a longer name ("VNESHEKONOMBANK SSSR") is spelled by the
	// initials of too many queries by chance ("SmartStop Self Storage
	// REIT").
	if qv.acroTerm >= 0 && ix.names[nid].core <= 1 {
		var wq float64
		for i := range qv.toks {
			wq += qv.toks[i].full
		}
		for j, cr := range ctoks {
			if cr.term() == qv.acroTerm {
				pairs = append(pairs, pair{qi: 0, qj: int16(len(qv.toks) - 1), ci: int16(j), cj: -1, sim: simAcronym, how: Acronym,
					value: simAcronym * (wq + sc.weight(j))})
			}
		}
	}
	return pairs
}

// Bounds of an acronym of a run of words (see appendRunAcronyms). A
// query's word of minShortAcronym letters, fewer than minRunAcronym,
// spells the initials of too many runs to meet one by itself: it meets
// one only when two other words of the query meet the name
// (minShortAcronymMet), as "SB" meets "Subsidiary Bank" in "JSC SB Alfa
// Bank" and "Subsidiary Bank Alfa-Bank JSC".
const (
	minShortAcronym    = 2
	minRunAcronym      = 3
	maxRunAcronym      = 6
	minShortAcronymMet = 2
)

// appendRunAcronyms adds the pairs in which a word of one side spells the
// initials of a run of the other side's words, not all of them: "IRISL
// MTI" and "IRISL MARITIME TRAINING INSTITUTE", "CCCC Tianjin Waterway
// Bureau" and "China Communications Construction Company Tianjin Waterway
// Bureau". Connectors inside the run have no initial ("Central Design
// Bureau for Marine Engineering", "CDBME"). Both names must hold a
// distinctive word besides the acronym and the run, so that the other
// words of the names decide whether they are one party, and the name must
// be an organization's; two letters are the initials of too many runs,
// unless two other words of the query meet the name (see
// minShortAcronym). Retrieval finds and ranks such names (see
// index.runAcronymHits).
//
// The name's words are read from sc.nameRows, as runPairs left them: metQ
// is the set of the query's words that meet one of them. Words that meet a
// word of the other name are not read as acronyms or their runs: "Air
// Weapons Complex AWC" meets "AIR WEAPONS COMPLEX (AWC)" word by word; but
// a word of the run that the query's word meets elsewhere in the name as
// well may be (see runFree).
func appendRunAcronyms(ix *index, qv *qvariant, nm *indexedName, ctoks []tokenRef, metQ uint64, sc *scratch, pairs []pair) []pair {
	// A name of one distinctive word may hold a run of others: its
	// qualifiers and organization words ("Subsidiary Bank" of "Subsidiary
	// Bank Alfa-Bank").
	queryAcros := qv.acroWords&^(metQ>>qv.first) != 0 && queryAcronymName(nm) // a query word, unmet, may spell a run
	nameAcros := len(sc.runTerms) > 0 && runAcronymName(nm)                   // a name word may spell a run of the query's
	if !queryAcros && !nameAcros || qv.core < 2 {
		return pairs
	}
	// The names must meet in a distinctive word of the query, not an
	// everyday one, besides the acronym and its run ("IRISL" of "IRISL
	// MTI"): "Ares Management" is not "ARMAN RESOURCES EQUIP AND SUPPORT
	// MANAGEMENT".
	var anchors uint64 // the query's words that may anchor, as metQ
	for i := range qv.toks {
		if q := &qv.toks[i]; metQ&wordBit(qv.first+i) != 0 && core(q.kind, q.qual) && !q.everyday {
			anchors |= wordBit(qv.first + i)
		}
	}
	if anchors == 0 {
		return pairs
	}
	rows := sc.nameRows
	// A query word spelling a run of the name's words.
	if queryAcros {
		met := bits.OnesCount64(metQ & wordBits(qv.first, len(qv.toks)))
		for i := range qv.toks {
			q := &qv.toks[i]
			if qv.acroWords&wordBit(i) == 0 || metQ&wordBit(qv.first+i) != 0 || q.kind == normalize.Generic ||
				len(q.key) < minRunAcronym && met < minShortAcronymMet {
				continue
			}
			for j := range rows {
				if sc.rows[rows[j].row].initial != q.key[0] {
					continue
				}
				end, ok := initialsAt(q.key, len(rows), j, func(k int) byte { return sc.rows[rows[k].row].initial },
					func(k int) byte { return digraphOf(ix.terms[ctoks[k].term()].key) })
				if !ok || end-j+1 == len(rows) || !runFree(rows, j, end) {
					continue
				}
				v := q.full
				for k := j; k <= end; k++ {
					v += sc.weight(k)
				}
				pairs = append(pairs, pair{qi: int16(i), qj: -1, ci: int16(j), cj: int16(end), sim: simAcronym, how: Acronym,
					value: simAcronym * v})
			}
		}
	}
	// A word of the name spelling a run of the query's words: one that
	// retrieval found so (see index.runAcronymHits).
	if !nameAcros {
		return pairs
	}
	for j, nr := range rows {
		r := &sc.rows[nr.row]
		if !r.acro || nr.met != 0 || !slices.Contains(sc.runTerms, ctoks[j].term()) {
			continue
		}
		key := ix.terms[ctoks[j].term()].key
		for i := range qv.toks {
			if qv.toks[i].initial != r.lead {
				continue
			}
			end, ok := initialsAt(key, len(qv.toks), i, func(k int) byte { return qv.toks[k].initial },
				func(k int) byte { return digraphOf(qv.toks[k].key) })
			if !ok || end-i+1 == len(qv.toks) || metQ&wordBits(qv.first+i, end-i+1) != 0 || anchors&^wordBits(qv.first+i, end-i+1) == 0 {
				continue
			}
			v := r.weight
			for k := i; k <= end; k++ {
				v += qv.toks[k].full
			}
			pairs = append(pairs, pair{qi: int16(i), qj: int16(end), ci: int16(j), cj: -1, sim: simAcronym, how: Acronym,
				value: simAcronym * v})
		}
	}
	return pairs
}

// runFree reports whether the name's words rows[j:end+1] may be read as a
// run of words that a query word spells the initials of: no word of the
// run meets a word of the query, but one that the query's word meets
// elsewhere in the name as well ("Bank" of "Subsidiary Bank Alfa-Bank",
// which "SB Alfa Bank" meets as its last word). Pairing then keeps the
// best of the readings.
func runFree(rows []nameRow, j, end int) bool {
	var in, out uint64 // the query's words met inside the run and outside it
	for k, r := range rows {
		if k >= j && k <= end {
			in |= r.met
		} else {
			out |= r.met
		}
	}
	return in&^out == 0
}

// Bounds of a word made of the first letters of a name's words (see
// appendSyllables): the word has minSyllabic letters or more, each piece
// minSyllable, and it stands for maxSyllables words at most. Pieces of
// two letters make too many names of others ("Radian", "RADIO ANNOUR").
const (
	minSyllabic  = 6
	minSyllable  = 3
	maxSyllables = 4
)

// appendSyllables adds the pair in which a query of one word is made of
// the first letters of all the words of an organization's name, in
// order, a piece of each but connectors ("FINCIMEX", "FINANCIERA CIMEX";
// "AEROATLANTICO", "AEROVIAS ATLANTICO"; "AGRONILO", "AGROPECUARIA EL
// NILO"): Spanish and Russian names shorten so (see syllablesOf). A word so made
// with other words besides, or of some words of a name, is a name of its
// own as often as not ("Alphatec Holdings", "ALPHA TECH TRADING").
// Such a pair counts as an acronym. Retrieval finds such names through
// index.heads.
func appendSyllables(ix *index, qv *qvariant, ctoks []tokenRef, sc *scratch, pairs []pair) []pair {
	q := &qv.toks[0]
	start, end, ok := syllablesOf(q.key, len(ctoks), func(j int) *term { return &ix.terms[ctoks[j].term()] })
	if !ok {
		return pairs
	}
	v := q.full
	for k := start; k <= end; k++ {
		v += sc.weight(k)
	}
	return append(pairs, pair{qi: 0, qj: -1, ci: int16(start), cj: int16(end), sim: simAcronym, how: Acronym,
		value: simAcronym * v})
}

// syllabic reports whether w may be made of the first letters of a name's
// words (see appendSyllables): a distinctive word of minSyllabic ASCII
// letters or more, not an everyday English word.
func syllabic(w *word) bool {
	if len(w.key) < minSyllabic || w.kind != normalize.Distinctive || w.everyday {
		return false
	}
	return lettersOnly(w.key)
}

// lettersOnly reports whether s is lower-case ASCII letters only.
func lettersOnly(s string) bool {
	for i := range len(s) {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// headWords returns the first two words of the n words at(0) ... at(n-1)
// that are no connectors, and whether both may give a piece to a word
// made of the first letters of a name's words (see syllablesOf).
func headWords(n int, at func(int) *term) (int, int, bool) {
	a := 0
	for a < n && at(a).connector {
		a++
	}
	b := a + 1
	for b < n && at(b).connector {
		b++
	}
	if b >= n || !syllableWord(&at(a).word) || !syllableWord(&at(b).word) {
		return 0, 0, false
	}
	return a, b, true
}

// headKey returns the key of index.heads for a name whose first two words
// (see headWords) begin as a and b do: their first minSyllable letters,
// the fewest a piece of a word takes, five bits a letter (other bytes
// share the bits of letters).
func headKey(a, b string) uint32 {
	var k uint32
	for _, s := range [2]string{a, b} {
		for i := range minSyllable {
			k = k<<5 | uint32(s[i]&31)
		}
	}
	return k
}

// appendHeadKeys appends to keys the keys of index.heads of a name whose
// first two words (see headWords) are a and b: by their keys, and by the
// other spellings of a word whose key others fold to (see
// normalize.Spellings), each once.
func appendHeadKeys(keys []uint32, a, b *term) []uint32 {
	start := len(keys)
	forSpellings(a, func(x string) {
		forSpellings(b, func(y string) {
			if k := headKey(x, y); !slices.Contains(keys[start:], k) {
				keys = append(keys, k)
			}
		})
	})
	return keys
}

// forSpellings calls f with the ways a name may write w whose pieces may
// make a word (see syllablesOf): its key, and the words that fold to it
// of minOtherSpelling letters or more.
func forSpellings(w *term, f func(string)) {
	f(w.key)
	if w.spellings == 0 {
		return
	}
	for _, s := range normalize.Spellings(w.key) {
		if s != w.key && len(s) >= minOtherSpelling {
			f(s)
		}
	}
}

// syllableWord reports whether w may give a piece to a word made of the
// first letters of a name's words: a word of minSyllable ASCII letters or
// more, no number, initialism or word in another script.
func syllableWord(w *word) bool {
	return len(w.key) >= minSyllable && w.kind != normalize.Number && w.kind != normalize.Initialism &&
		w.kind != normalize.NonLatin && lettersOnly(w.key)
}

// syllablesOf reports whether key is made of the first letters of all the
// n words at(0) ... at(n-1) (see appendSyllables): two to maxSyllables
// pieces of minSyllable letters or more, each the beginning of the next
// word but connectors, the last of the last word, and one of the words a
// distinctive word spelled whole, so that the name's own word is there,
// not only its first letters ("Euroholding" is not "EUROPOL HOLDING"). A
// word whose key others fold to may be written in any of their spellings
// (see normalize.Spellings), of which a piece has minOtherSpelling letters
// or more: "COMERCIALIZADORA DE CARNES" is "trading of carnes". It returns
// the first and last word that is no connector.
func syllablesOf(key string, n int, at func(int) *term) (int, int, bool) {
	start := 0
	for start < n && at(start).connector {
		start++
	}
	if start == n {
		return 0, 0, false
	}
	sp := syllableSplit{n: n, at: at}
	end, ok := sp.from(key, start, 0, false)
	return start, end, ok
}

// minOtherSpelling is the fewest letters of a piece of a spelling of a
// word other than its key (see syllablesOf): "Com" begins too many names'
// "comercializadora".
const minOtherSpelling = 4

// syllableSplit is the words of a name whose first letters a word may be
// made of, see syllablesOf.
type syllableSplit struct {
	n  int
	at func(int) *term
}

// from reports whether key is made of pieces of the words from word j on,
// as syllablesOf: pieces is the number of pieces before them, whole
// whether a distinctive word was spelled whole among them. It returns the
// last word.
func (sp *syllableSplit) from(key string, j, pieces int, whole bool) (int, bool) {
	w := sp.at(j)
	other := len(key) >= minOtherSpelling && w.spellings&letterBit(key[0]) != 0 // a piece of another spelling may begin key
	if w.key[0] != key[0] && !other || pieces == maxSyllables || !syllableWord(&w.word) {
		return 0, false
	}
	if end, ok := sp.piece(key, w.key, minSyllable, j, pieces, whole); ok || !other {
		return end, ok
	}
	// A spelling whose pieces are pieces of the key, and spells no
	// distinctive word whole, splits key no other way.
	same := commonPrefix(key, w.key)
	for _, s := range normalize.Spellings(w.key) {
		if n := commonPrefix(key, s); s == w.key || n < minOtherSpelling || n <= same && (w.kind == normalize.Generic || n < len(s)) {
			continue
		}
		if end, ok := sp.piece(key, s, minOtherSpelling, j, pieces, whole); ok {
			return end, true
		}
	}
	return 0, false
}

// commonPrefix returns the number of bytes a and b begin with alike.
func commonPrefix(a, b string) int {
	n := 0
	for n < min(len(a), len(b)) && a[n] == b[n] {
		n++
	}
	return n
}

// spellingLetters returns the set of the first letters of the words that
// fold to key (see normalize.Spellings) but key itself, a bit each (see
// letterBit).
func spellingLetters(key string) uint32 {
	var set uint32
	for _, s := range normalize.Spellings(key) {
		if s != key {
			set |= letterBit(s[0])
		}
	}
	return set
}

// letterBit returns the bit of lower-case ASCII letter c in a set of
// letters, and a bit no letter has for any other byte.
func letterBit(c byte) uint32 {
	if c < 'a' || c > 'z' {
		return 1 << 31
	}
	return 1 << (c - 'a')
}

// piece reports whether key begins with a piece of spelling, a spelling of
// word j, of shortest letters or more, and the rest is made of pieces of
// the words after it, as from, and returns the last word.
func (sp *syllableSplit) piece(key, spelling string, shortest, j, pieces int, whole bool) (int, bool) {
	next := j + 1
	for next < sp.n && sp.at(next).connector {
		next++
	}
	same := commonPrefix(key, spelling)
	distinctive := sp.at(j).kind != normalize.Generic
	if next == sp.n { // the last word: the rest of key is its beginning
		whole = whole || distinctive && same == len(spelling)
		return j, pieces > 0 && same == len(key) && len(key) >= shortest && whole
	}
	w := sp.at(next)
	for l := min(same, len(key)-minSyllable); l >= shortest; l-- {
		if w.key[0] != key[l] && w.spellings&letterBit(key[l]) == 0 {
			continue // the next word cannot begin there
		}
		if end, ok := sp.from(key[l:], next, pieces+1, whole || distinctive && l == len(spelling)); ok {
			return end, true
		}
	}
	return 0, false
}

// runAcronym reports whether w may be the acronym of a run of words: a
// distinctive word or initialism of minShortAcronym to maxRunAcronym
// letters, not an everyday English word, with one vowel at most, as
// initials mostly are ("MTI", "TMKB") and short names mostly are not
// ("Ares", "Acme").
func runAcronym(w *word) bool {
	if len(w.key) < minShortAcronym || len(w.key) > maxRunAcronym || w.everyday ||
		w.kind != normalize.Distinctive && w.kind != normalize.Initialism {
		return false
	}
	vowels := 0
	for i := range len(w.key) {
		switch c := w.key[i]; {
		case c < 'a' || c > 'z':
			return false
		case strings.IndexByte("aeiouy", c) >= 0:
			vowels++
		}
	}
	return vowels <= 1
}

// skipInitial is the initial of a connector: inside a run of words, it has
// none, and the run goes on (see initialOf).
const skipInitial = 1

// initialOf returns the initial w gives an acronym: the first letter of a
// word of minAcronymWord letters or more, lower-case ASCII first, that is
// no number, initialism or word in another script; skipInitial for a
// connector; 0 for the others.
func initialOf(w *word) byte {
	switch {
	case w.connector:
		return skipInitial
	case len(w.key) < minAcronymWord || w.key[0] < 'a' || w.key[0] > 'z',
		w.kind == normalize.Number || w.kind == normalize.Initialism || w.kind == normalize.NonLatin:
		return 0
	}
	return w.key[0]
}

// initialsAt reports whether the initials of the n words whose initials
// (see initialOf) initial returns, from word start on, spell acro, and
// returns the last word of that run. The run starts and ends with a word
// that has an initial; connectors inside it are skipped. A word beginning
// with a Russian digraph (see digraphOf, whose second letter second
// returns) may give both its letters: "TsKB" is "Tsentralnoe
// Konstruktorskoe Byuro".
func initialsAt(acro string, n, start int, initial, second func(int) byte) (int, bool) {
	return initialsFrom(acro, 0, n, start, initial, second)
}

// initialsFrom is initialsAt for the letters of acro from k on, the run
// going on from word start.
func initialsFrom(acro string, k, n, start int, initial, second func(int) byte) (int, bool) {
	for j := start; j < n; j++ {
		switch c := initial(j); {
		case c == skipInitial && k > 0:
			continue
		case c != acro[k]:
			return 0, false
		}
		if k+1 < len(acro) && (acro[k+1] == 's' || acro[k+1] == 'h') && second(j) == acro[k+1] {
			if k+2 == len(acro) {
				return j, true
			}
			if end, ok := initialsFrom(acro, k+2, n, j+1, initial, second); ok {
				return end, true
			}
		}
		k++
		if k == len(acro) {
			return j, true
		}
	}
	return 0, false
}

// digraphOf returns the second letter of the Russian digraph (ts, ch, sh,
// zh or kh: one Cyrillic letter) that key, a word's key with an initial,
// begins with, or 0.
func digraphOf(key string) byte {
	switch key[:2] {
	case "ts", "ch", "sh", "zh", "kh":
		return key[1]
	}
	return 0
}

// joinLengths returns the set of the lengths of the joinable words among
// the n words at(0) ... at(n-1), and the set of the lengths of neighbouring
// joinable ones written together: a word can be two neighbouring words of
// the other name joined only if its length is in the other's second set.
func joinLengths(n int, at func(int) *word) (lens, joinLens uint64) {
	var prev *word // the word before, when joinable
	for i := range n {
		w := at(i)
		if !joinable(w.kind) {
			prev = nil
			continue
		}
		lens |= lenBits(w)
		if prev != nil {
			joinLens |= joinedLenBits(prev, w)
		}
		prev = w
	}
	return lens, joinLens
}

// lenBit is the bit of a word of n letters in a set of lengths; the words
// of 63 letters or more share one.
func lenBit(n int) uint64 { return 1 << min(n, 63) }

// lenBits returns the set of the lengths of w's key and sound key.
func lenBits(w *word) uint64 {
	b := lenBit(len(w.key))
	if w.sound != "" {
		b |= lenBit(len(w.sound))
	}
	return b
}

// joinedLenBits returns the set of the lengths of a and b written together,
// by key and by sound key.
func joinedLenBits(a, b *word) uint64 {
	bits := lenBit(len(a.key) + len(b.key))
	if a.sound != "" && b.sound != "" {
		bits |= lenBit(len(a.sound) + len(b.sound))
	}
	return bits
}

// soundJoins reports whether words a and b written together sound as word
// c, by their sound keys, when the longer of the two is long enough for
// its sound key to be trusted (see minSpelling): two short words sound as
// too many others written together ("Sara Lee", "SARRALLE").
func soundJoins(a, b, c *word) bool {
	return a.sound != "" && b.sound != "" && max(len(a.key), len(b.key)) >= minSpelling && joins(a.sound, b.sound, c.sound)
}

// joins reports whether a followed by b spells c.
func joins(a, b, c string) bool {
	return len(a)+len(b) == len(c) && c[:len(a)] == a && c[len(a):] == b
}

// resetSlice returns *p with length n, zeroed, grown if it must be.
func resetSlice[T any](p *[]T, n int) []T {
	if cap(*p) < n {
		*p = make([]T, n)
	}
	b := (*p)[:n]
	clear(b)
	return b
}

// pairValue is the weight that words of weights wq and wc meeting with
// similarity sim cover: as much of each as of the lighter one, so that a
// rare word meeting a frequent one by a typo ("Gbank", "Bank") covers the
// frequent one's weight, not the rare one's. Words joined or spelled by
// initials cover both sides whole: one word stands for the others.
func pairValue(sim, wq, wc float64) float64 {
	return sim * 2 * min(wq, wc)
}

// matchedExtra returns the weight the words of pair p gain by meeting: a
// qualifier weighs a share of its weight unmatched, so that it neither
// makes nor breaks a match, and all of it matched, so that names that
// agree in their places score as high as names that agree in other words.
func matchedExtra(ix *index, qv *qvariant, ctoks []tokenRef, p *pair) float64 {
	var extra float64
	for i := p.qi; i <= p.qEnd(); i++ {
		extra += qv.toks[i].full - qv.toks[i].weight
	}
	for j := p.ci; j <= p.cEnd(); j++ {
		extra += float64(ix.terms[ctoks[j].term()].weight - ix.weight(ctoks[j]))
	}
	return extra
}

// placesAreNames reports whether the qualifiers of query variant qv are
// words of a name against indexed name nm: a person's, a vessel's or an
// aircraft's name is all name, and so is a query that names no company, a
// place word there a surname as often as a place ("Musab Turkmen").
// Unmatched, they then weigh in full.
func (s *Screener) placesAreNames(qv *qvariant, nm *indexedName) bool {
	return qv.places && !qv.company && !qualifies(s.entries.info[nm.entry].typ)
}

// unmatchedQualifiers returns the weight that the qualifiers of qv which
// alignWords left unmatched in sc lose as qualifiers (see
// queryQualifierShare).
func unmatchedQualifiers(qv *qvariant, sc *scratch) float64 {
	var w float64
	for i := range qv.toks {
		if t := &qv.toks[i]; t.qual && !sc.usedQ[i] {
			w += t.full - t.weight
		}
	}
	return w
}

// differentGivenNames reports whether a given name of a person's name
// (words ctoks) and a distinctive word of the query are both unmatched, as
// alignWords left them in sc: then the names differ in them ("Denis
// Vladimirovich Gusev", "GUSEV, Denis Igorevich") rather than the query
// dropping them. It also returns the weight the further given names lose
// unmatched (see middleNameShare), which then counts again.
//
// A given name and a query word that spell it nearly (see nearSpelling)
// do not differ: "Olena Ludmilla Sofiya Koval" writes the second given
// name of "KOVAL, Olena Lyudmila Sofiya" otherwise, rather than naming
// another person; nor does either count as another word of its name.
//
// A query with a distinctive word more than a person's name with a common
// surname that it meets whole also differs ("Muhammed Aziz Khan", "KHAN,
// Mohammed"): common names meet on their common parts, while a rare one
// with a given name added is most often the same person ("SHOIGU, Sergei
// Kuzhugetovich", "SHOIGU, Sergei").
//
// When full is not nil (an explanation; it has a place for each word of
// ctoks), differentGivenNames sets it true at the given names whose weight
// counts again, and false elsewhere.
func differentGivenNames(ix *index, qv *qvariant, ctoks []tokenRef, sc *scratch, full []bool) (float64, bool) {
	clear(full)
	if !unmatchedWord(qv, sc, 0) {
		return 0, false
	}
	var near uint64 // the query words that spell an unmatched given name nearly
	var w float64
	given := false // a given name unmatched, and not spelled nearly
	for j, tr := range ctoks {
		if sc.usedC[j] || tr.role() != roleGiven && tr.role() != roleMiddle {
			continue
		}
		if i := nearlySpelled(qv, ix.terms[tr.term()].key, sc, near); i >= 0 {
			near |= 1 << i
			continue
		}
		given = true
		w += float64(ix.terms[tr.term()].weight - ix.weight(tr))
		if full != nil {
			full[j] = true
		}
	}
	switch {
	case near != 0 && !unmatchedWord(qv, sc, near):
		clear(full)
		return 0, false
	case given:
		return w, true
	}
	clear(full)
	return 0, ix.hasCommonSurname(ctoks)
}

// hasCommonSurname reports whether a word of the surname of a person's name
// (words ctoks) is in commonSurname list names or more.
func (ix *index) hasCommonSurname(ctoks []tokenRef) bool {
	for _, tr := range ctoks {
		if tr.role() == roleSurname && ix.df(tr.term()) >= commonSurname {
			return true
		}
	}
	return false
}

// unmatchedWord reports whether a distinctive word of query variant qv
// that alignWords left unmatched in sc is not in near, a set of the places
// of the first 64 words.
func unmatchedWord(qv *qvariant, sc *scratch, near uint64) bool {
	for i, t := range qv.toks {
		if !sc.usedQ[i] && (i >= 64 || near&(1<<i) == 0) && core(t.kind, t.qual) {
			return true
		}
	}
	return false
}

// nearlySpelled returns the first of the first 64 words of query variant
// qv that alignWords left unmatched in sc, that is not in taken (a set of
// word places) and that spells key nearly (see nearSpelling), or -1.
func nearlySpelled(qv *qvariant, key string, sc *scratch, taken uint64) int {
	for i := range min(len(qv.toks), 64) {
		if t := &qv.toks[i]; !sc.usedQ[i] && taken&(1<<i) == 0 && core(t.kind, t.qual) && nearSpelling(t.key, key) {
			return i
		}
	}
	return -1
}

// kindCheck returns the factor for a query of the given kind (a company
// or a person) against an entry of type t, and why, or 1.
func kindCheck(kind, t entitylist.EntityType) (float64, string) {
	person := kind == entitylist.TypeIndividual
	switch {
	case t == entitylist.TypeUnknown || t == kind:
		return 1, ""
	case (t == entitylist.TypeVessel || t == entitylist.TypeAircraft) && person:
		return craftForCompany, "the query is a person, the entry a vessel or aircraft"
	case t == entitylist.TypeVessel || t == entitylist.TypeAircraft:
		return craftForCompany, "the query is a company, the entry a vessel or aircraft"
	case person:
		return kindDifferent, "the query is a person, the entry is not"
	}
	return kindDifferent, "the query is a company, the entry a person"
}

// commonSurname is the number of list names from which a surname is
// common: such a name met whole with a given name added, or met with a
// further given name but not the first, is likely another person (see
// differentGivenNames and personCheck).
const commonSurname = 20

// Factors of the person check (see personCheck).
const (
	surnameMissing    = 0.6
	givenMissing      = 0.7
	firstGivenMissing = 0.85
	givenDiffer       = 0.85
)

// personCheck checks the pairs of a query with a person's name written
// "SURNAME, Given Middle" (words ctoks, with roles): the surname must meet
// a query word, and so must a given name, the first one best; and given
// names should not differ (differ, see differentGivenNames). A query that
// meets a further given name but not the first, of a common surname
// (common, see hasCommonSurname), also differs in that first given name: a
// common surname and a common given name meet in many people ("Hassan
// Karimi" and "KARIMI, Ali Hassan"), while a rare surname met with a
// further given name is the person going by it. It returns the factor and
// why, or 1.
func personCheck(pairs []pair, ctoks []tokenRef, differ, common bool) (float64, string) {
	var met [roleMiddle + 1]bool
	for _, p := range pairs {
		for j := p.ci; j <= p.cEnd(); j++ {
			// A surname must meet closely; given names are spelled many ways
			// ("Ahmed", "Ahmad").
			if r := ctoks[j].role(); r != roleSurname || p.sim >= distinctivePairSim {
				met[r] = true
			}
		}
	}
	switch {
	case !met[roleSurname]:
		return surnameMissing, "no word of the query meets the listed person's surname"
	case !met[roleGiven] && !met[roleMiddle]:
		return givenMissing, "no word of the query meets a given name of the listed person"
	case !met[roleGiven] && common:
		return firstGivenMissing * givenDiffer, "the query meets a further given name of the listed person, not the first, and the surname is common"
	case !met[roleGiven]:
		return firstGivenMissing, "the query meets a further given name of the listed person, not the first"
	case differ:
		return givenDiffer, "the query and the listed person have different given names besides those that meet"
	}
	return 1, ""
}

// crossedNames is the factor of a query and a person's name, both written
// "SURNAME, Given Middle", whose surname and given names meet crossed (see
// rolesCrossed): "ALI, Mohammed" is most often another person than
// "MOHAMMED, Ali", but a record may have the two swapped, and a crossed
// match of the whole name still alerts. Measured on the persons set
// written "Surname, Given" (TestRealDataAccuracy/persons) and on its
// people written with the two swapped: the false alarms the crossing
// raises are gone from 0.9 down (to 0.6), while the swapped listed people
// found fall from 0.997 at 0.9 to 0.990 at 0.85, 0.965 at 0.8 and 0.79
// at 0.75.
const crossedNames = 0.9

// rolesCrossed reports whether the pairs of query variant qv and a
// person's name (words ctoks), both with roles, meet crossed: a word of
// the query's surname meets a given name of the list's, none meets the
// list's surname, and a given name of the query meets it.
func rolesCrossed(qv *qvariant, ctoks []tokenRef, pairs []pair) bool {
	var surnameGiven, surnameSurname, givenSurname bool
	for _, p := range pairs {
		for i := p.qi; i <= p.qEnd(); i++ {
			qr := qv.toks[i].role
			for j := p.ci; j <= p.cEnd(); j++ {
				switch cr := ctoks[j].role(); {
				case qr == roleSurname && cr == roleSurname:
					surnameSurname = true
				case qr == roleSurname && cr != roleNone:
					surnameGiven = true
				case qr != roleNone && cr == roleSurname:
					givenSurname = true
				}
			}
		}
	}
	return surnameGiven && givenSurname && !surnameSurname
}

// minTrustedSpelling is the length from which a word spelled otherwise
// ("Kasperskiy", "Kaspersky") is as good as the same word when it is a
// name's only distinctive word: shorter ones are often other names
// ("Alcon", "Alkon").
const minTrustedSpelling = 7

// nameApart reports whether indexed name nid is an a.k.a. of one word of
// its entry that is not a word of the entry's own name, its first: a
// trade name or a contraction ("SISCO" of "SIRJAN IRANIAN STEEL",
// "MODLEX" of "MINISTRY OF DEFENSE LOGISTICS EXPORT"). Such a name is a
// coined word, and coined words one letter apart are many companies'
// names: a misspelling of one alone is weaker evidence than a
// misspelling of the name the list gives first. The names of an entry
// are next to each other in the index, its own first.
func (ix *index) nameApart(nid int32) bool {
	nm := &ix.names[nid]
	if nm.name == 0 || nm.toks != 1 {
		return false
	}
	toks := ix.tokens[nm.tokLo:nm.tokHi()]
	own := false
	for j := nid - 1; j >= 0 && ix.names[j].entry == nm.entry; j-- {
		o := &ix.names[j]
		if o.name != 0 {
			continue
		}
		own = true
		for _, t := range ix.tokens[o.tokLo:o.tokHi()] {
			if ix.terms[t.term()].kind != normalize.Distinctive {
				continue
			}
			for _, u := range toks {
				if u.term() == t.term() {
					return false
				}
			}
		}
	}
	return own
}

// weakPair reports whether pair p, of query word q, meets by a misspelling
// or by the spelling of a short word only.
func weakPair(p *pair, q *qtoken) bool {
	return p.how == Typo || p.how == Spelling && len(q.key) < minTrustedSpelling
}

// evidence reports whether query word q and candidate word c, meeting,
// say that the names are of one party: unless both are organization words
// or either is a qualifier ("Poly Asia Pacific" and "Verisign (Asia
// Pacific)" meet in places only).
func evidence(q *qtoken, ix *index, c tokenRef) bool {
	if q.qual || c.qual() {
		return false
	}
	return q.kind != normalize.Generic || ix.terms[c.term()].kind != normalize.Generic
}

func allGeneric(qv *qvariant) bool {
	for _, t := range qv.toks {
		if t.kind != normalize.Generic {
			return false
		}
	}
	return true
}

// allGeneric reports whether the name of words ctoks has only generic words.
func (ix *index) allGeneric(ctoks []tokenRef) bool {
	for _, tr := range ctoks {
		if ix.terms[tr.term()].kind != normalize.Generic {
			return false
		}
	}
	return true
}

// queryPaired reports whether the pairs cover every word of query
// variant qv but its connectors ("of", "and"), which join the words of a
// name rather than name anything: "Bank of Investment" and "Investment
// Bank" meet whole.
func queryPaired(pairs []pair, qv *qvariant) bool {
	q := 0
	for _, p := range pairs {
		q += int(p.qEnd()-p.qi) + 1
	}
	for i := range qv.toks {
		if qv.toks[i].connector && !slices.ContainsFunc(pairs, func(p pair) bool { return int(p.qi) <= i && i <= int(p.qEnd()) }) {
			q++
		}
	}
	return q == len(qv.toks)
}

// Agreement of the legal forms of a query and a name, see formAgreement.
const (
	formsDiffer    int8 = iota // both have forms, of different classes
	formsMissing               // one side has none
	formsSameClass             // a form of the same class
	formsSame                  // the same form, written alike
)

// formAgreement says how the legal forms of query variant qv and name nm
// agree; it decides the legal-form check and orders names of equal score.
func (ix *index) formAgreement(qv *qvariant, nm *indexedName) int8 {
	forms := ix.forms[nm.formLo:nm.formHi()]
	if len(qv.name.LegalForms) == 0 || len(forms) == 0 {
		return formsMissing
	}
	best := formsDiffer
	for i, f := range qv.name.LegalForms {
		for _, c := range forms {
			if f.Class != ix.formSet[c].class {
				continue
			}
			best = formsSameClass
			if qv.formKeys[i] == ix.formSet[c].key {
				return formsSame
			}
		}
	}
	return best
}

// containShare is the share of its weight that a distinctive word of an
// organization's name, or of a query against one, keeps unmatched when the
// other name is contained whole (see containedSide): "BAYT AL-MAL LIL
// MUSLIMEEN" and "BAYT AL-MAL" are one party's names as often as not.
const containShare = 0.5

// Sides of a pair of names whose unmatched distinctive words weigh
// containShare, see containedSide.
const (
	containedNone      = iota
	containedQueryMore // the query holds the name whole, and words more
	containedNameMore  // the name holds the query whole, and words more
)

// minContainedWords is the fewest distinctive words, met, of a name
// contained whole in the other: one shared word is a coincidence as often
// as not.
const minContainedWords = 2

// containedSide reports which side, if any, adds distinctive words to a
// name it holds whole, as alignWords left the pairs of query variant qv
// and a name of words ctoks in sc: every distinctive word of the other
// side meets, at least minContainedWords of them met by a distinctive
// word that is not an everyday English word. A pair that only a search
// for near misses finds (a word the list holds, misspelt or abbreviated:
// see index.lookup) does not count, so that a score does not depend on
// how far below the threshold the caller looks.
func containedSide(ix *index, qv *qvariant, ctoks []tokenRef, pairs []pair, sc *scratch) int {
	met := 0
	strongQ := resetSlice(&sc.strongQ, len(qv.toks))
	strongC := resetSlice(&sc.strongC, len(ctoks))
	for _, p := range pairs {
		if p.sim < distinctivePairSim || (p.how == Typo || p.how == Abbreviation) && qv.toks[p.qi].term >= 0 || p.how == Glued {
			continue
		}
		for i := p.qi; i <= p.qEnd(); i++ {
			strongQ[i] = true
		}
		for j := p.ci; j <= p.cEnd(); j++ {
			strongC[j] = true
		}
		q, c := &qv.toks[p.qi], &ix.terms[ctoks[p.ci].term()]
		if p.qj < 0 && p.cj < 0 && core(q.kind, q.qual) && !q.everyday && core(c.kind, ctoks[p.ci].qual()) && !c.everyday {
			met++
		}
	}
	if met < minContainedWords {
		return containedNone
	}
	moreQ, moreC := false, false
	for i := range qv.toks {
		if t := &qv.toks[i]; !strongQ[i] && core(t.kind, t.qual) {
			moreQ = true
		}
	}
	for j, tr := range ctoks {
		if !strongC[j] && core(ix.terms[tr.term()].kind, tr.qual()) {
			moreC = true
		}
	}
	switch {
	case moreQ && !moreC:
		return containedQueryMore
	case moreC && !moreQ:
		return containedNameMore
	}
	return containedNone
}

// containedExtra returns the weight that the unmatched distinctive words
// of the side side of query variant qv and a name of words ctoks lose
// (see containedSide), as alignWords left them in sc.
func containedExtra(ix *index, qv *qvariant, ctoks []tokenRef, side int, sc *scratch) float64 {
	var w float64
	switch side {
	case containedQueryMore:
		for i := range qv.toks {
			if t := &qv.toks[i]; !sc.usedQ[i] && core(t.kind, t.qual) {
				w += t.weight
			}
		}
	case containedNameMore:
		for j, tr := range ctoks {
			if !sc.usedC[j] && core(ix.terms[tr.term()].kind, tr.qual()) {
				w += float64(ix.weight(tr))
			}
		}
	}
	return (1 - containShare) * w
}

// everydayCore reports whether the distinctive words of query variant qv
// are everyday English words.
func everydayCore(qv *qvariant) bool {
	for i := range qv.toks {
		if t := &qv.toks[i]; core(t.kind, t.qual) && !t.everyday {
			return false
		}
	}
	return true
}
