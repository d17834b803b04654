package screening

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/entityscreen/entityscreen/internal/printable"
	"github.com/entityscreen/entityscreen/screening/internal/normalize"
)

// Explanation says why a name scored what it did, in terms an analyst and an
// auditor can check: the two names as normalized, the words that met and how,
// the words that met nothing, and each check that moved the score. Its
// fields are the record: they marshal to JSON with snake_case names and
// keep their meaning across releases. The zero Explanation explains no
// match.
//
// Like any plain Go value it may be read by many goroutines at once, but not
// changed while another uses it.
type Explanation struct {
	Query     NameForm   `json:"query"`
	Candidate NameForm   `json:"candidate"`
	Pairs     []WordPair `json:"pairs"`
	// Unmatched lists the words of either name that met nothing.
	Unmatched []Word `json:"unmatched,omitempty"`
	// Contains reports that the query holds every distinctive word of the
	// candidate and adds only qualifiers (places such as "Europe", words
	// such as "Global") and organization words: a subsidiary-style name
	// of the listed party ("Hikvision Europe B.V.").
	Contains bool `json:"contains,omitempty"`
	// Holds is the side, "query" or "candidate", whose name holds the
	// other's whole (every distinctive word of the other meets, two at
	// least) and adds distinctive words, which then weigh half unmatched,
	// as Unmatched gives them: "BAYT AL-MAL LIL MUSLIMEEN" and "BAYT
	// AL-MAL" are one party's names as often as not. Empty when neither
	// name holds the other, and always for a person's, a vessel's or an
	// aircraft's name.
	Holds string `json:"holds,omitempty"`
	// Base is the share of word weight the pairs cover, before the checks.
	Base   float64 `json:"base"`
	Checks []Check `json:"checks,omitempty"`
	// Score is the final score; Threshold the screener's alert threshold.
	Score     float64 `json:"score"`
	Threshold float64 `json:"threshold"`
	// Capped reports that the checks took the score above 1, the most a
	// score is: Score is then 1, not the base and the checks' sum ("base
	// 1.0000; country +0.02" scores 1).
	Capped bool `json:"capped,omitempty"`
}

// NameForm is a name as the matcher sees it.
//
// The zero NameForm is an empty name. Like any plain Go value it may be read
// by many goroutines at once, but not changed while another uses it.
type NameForm struct {
	Text       string   `json:"text"`        // the name as given
	Normalized string   `json:"normalized"`  // the cleaned display form
	Words      []Word   `json:"words"`       // the words compared, legal forms removed
	LegalForms []string `json:"legal_forms"` // legal-form classes found, such as "LLC"
}

// Word is one normalized word with its kind and weight.
//
// The zero Word is an empty word of no weight. Like any plain Go value it
// may be read by many goroutines at once, but not changed while another uses
// it.
type Word struct {
	// Key is the word as compared: folded to lower-case ASCII, read into
	// Latin letters, an organization word to one key per meaning.
	Key string `json:"key"`
	// Kind is the kind of word the matcher weighs it as: "distinctive",
	// "generic" (an organization word), "number", "initialism",
	// "nonlatin" or "qualifier". A list's word has one kind in every name
	// holding it: a key that one name writes as initials and another as
	// an organization word ("A T" and "AT") is the organization word in
	// both.
	Kind string `json:"kind"`
	// Weight is what the word weighs in the base score's denominator
	// when it meets nothing: a qualifier, a number written in digits and
	// a listed person's further given name weigh a share of the word's
	// weight, an organization word that says what a company of one
	// distinctive word does twice it. In Unmatched it is what the word
	// does weigh there: a listed person's given names that differ from
	// the query's words weigh in full, and the distinctive words of a
	// name the other contains (see Contains) a share. Met, a word weighs
	// its full weight, which the pair's Weight adds up.
	Weight float64 `json:"weight"`
	Side   string  `json:"side,omitempty"` // "query" or "candidate", in Unmatched
	// Parent reports a word of a listed organization's name that is on
	// its own the name of another listed organization, joined by a hyphen
	// to the next word ("ODK" of "ODK-Saturn", ODK being listed): its
	// parent's or group's name, which Weight counts at half when it meets
	// nothing.
	Parent bool `json:"parent,omitempty"`
}

// WordPair is a query word aligned with a candidate word, or a run of words
// of one side with a word of the other (two words joined, the words whose
// initials a word spells).
//
// The zero WordPair is a pair of empty words that did not meet. Like any
// plain Go value it may be read by many goroutines at once, but not changed
// while another uses it.
type WordPair struct {
	Query      string  `json:"query"`
	Candidate  string  `json:"candidate"`
	How        How     `json:"how"`
	Similarity float64 `json:"similarity"`
	// Weight is the weight of the words of both sides. The pair adds to the
	// base score's numerator Similarity times this weight when it joins
	// words or spells initials, and Similarity times twice the lighter
	// side's weight otherwise (see How matching works in the README).
	Weight float64 `json:"weight"`
	// Everyday reports that one of the words is an everyday English word
	// ("Liberty", "Star"), or that the words written together on one side
	// all are ("Greenwave", "GREEN WAVE"): shared, such words are weak
	// evidence of one party, and Weight counts them at half their weight.
	Everyday bool `json:"everyday,omitempty"`
}

// Check is one check that moved the score after the base: either a Factor
// multiplies it, or an Effect is added to it; the other is 0.
//
// The zero Check is a check that moved nothing. Like any plain Go value it
// may be read by many goroutines at once, but not changed while another uses
// it.
type Check struct {
	Name   string  `json:"name"` // generic-only, one-word-typo, trade-name-typo, short-word, one-everyday-word, places, person, surname, numbers, legal-form, entity-type, country, city, identifier
	Factor float64 `json:"factor,omitempty"`
	Effect float64 `json:"effect,omitempty"`
	Detail string  `json:"detail"`
}

// explain fills ex for the score of query variant qv against name nid,
// copying the checks of scoreName; usedQ and usedC are the words the pairs
// take, as alignWords left them; contained, the side whose unmatched
// distinctive words weigh containShare (see containedSide); fullGiven, nil
// or true at the candidate's further given names that count in full (see
// differentGivenNames).
func (s *Screener) explain(ex *Explanation, qv *qvariant, nid int32, pairs []pair, usedQ, usedC, fullGiven []bool, contained int, base, score float64, capped bool, checks []Check) {
	ix := s.ix
	nm := &ix.names[nid]
	ctoks := ix.tokens[nm.tokLo:nm.tokHi()]
	cname := s.list.Name(int(nm.entry), int(nm.name)) // read without decoding the entry

	// The words of both names and those unmatched share one array.
	unmatched := 0
	for _, used := range usedQ {
		if !used {
			unmatched++
		}
	}
	for _, used := range usedC {
		if !used {
			unmatched++
		}
	}
	words := make([]Word, 0, len(qv.toks)+len(ctoks)+unmatched)
	part := func(n int) []Word { // the next n words of the array, nil when n is 0
		if n == 0 {
			return nil
		}
		w := words[len(words) : len(words) : len(words)+n]
		words = words[:len(words)+n]
		return w
	}
	ex.Query = NameForm{Text: qv.name.Input, Normalized: qv.name.Display, Words: part(len(qv.toks))}
	for _, t := range qv.toks {
		ex.Query.Words = append(ex.Query.Words, Word{Key: t.key, Kind: t.kindName(), Weight: round(t.weight)})
	}
	// The legal forms of both names share one array too.
	cforms := ix.forms[nm.formLo:nm.formHi()]
	forms := sized[string](len(qv.name.LegalForms) + len(cforms))
	for _, f := range qv.name.LegalForms {
		forms = append(forms, string(f.Class))
	}
	if len(qv.name.LegalForms) > 0 {
		ex.Query.LegalForms = forms[:len(forms):len(forms)]
	}
	ex.Candidate = NameForm{Text: cname, Normalized: ix.displayIn(cname, nid), Words: part(len(ctoks))}
	for _, tr := range ctoks {
		ex.Candidate.Words = append(ex.Candidate.Words, ix.wordOf(tr, ""))
	}
	if len(cforms) > 0 {
		for _, f := range cforms {
			forms = append(forms, string(ix.formSet[f].class))
		}
		ex.Candidate.LegalForms = forms[len(qv.name.LegalForms):]
	}

	ex.Pairs = sized[WordPair](len(pairs))
	for _, p := range pairs {
		w := pairWeight(ix, qv, ctoks, &p)
		everyday := everydayPair(ix, qv, ctoks, &p)
		if everyday {
			w *= everydayShare
		}
		ex.Pairs = append(ex.Pairs, WordPair{
			Query:     joinWords(int(p.qi), int(p.qEnd()), func(i int) string { return qv.toks[i].key }),
			Candidate: joinWords(int(p.ci), int(p.cEnd()), func(j int) string { return ix.terms[ctoks[j].term()].key }),
			How:       p.how, Similarity: round(p.sim), Weight: round(w), Everyday: everyday})
	}
	names := s.placesAreNames(qv, nm)
	ex.Unmatched = part(unmatched)
	for i, t := range qv.toks {
		switch {
		case usedQ[i]:
		case t.qual && names:
			ex.Unmatched = append(ex.Unmatched, Word{Key: t.key, Kind: t.kind.String(), Weight: round(t.full), Side: "query"})
		case contained == containedQueryMore && core(t.kind, t.qual):
			ex.Unmatched = append(ex.Unmatched, Word{Key: t.key, Kind: t.kindName(), Weight: round(containShare * t.weight), Side: "query"})
		default:
			ex.Unmatched = append(ex.Unmatched, Word{Key: t.key, Kind: t.kindName(), Weight: round(t.weight), Side: "query"})
		}
	}
	for j, tr := range ctoks {
		if !usedC[j] {
			w := ix.wordOf(tr, "candidate")
			switch {
			case contained == containedNameMore && core(ix.terms[tr.term()].kind, tr.qual()):
				w.Weight = round(containShare * float64(ix.weight(tr)))
			case fullGiven != nil && fullGiven[j]:
				w.Weight = round(float64(ix.terms[tr.term()].weight))
			}
			ex.Unmatched = append(ex.Unmatched, w)
		}
	}
	ex.Contains = !names && ix.contains(qv, ctoks, usedQ, usedC)
	switch contained {
	case containedQueryMore:
		ex.Holds = "query"
	case containedNameMore:
		ex.Holds = "candidate"
	}
	ex.Base = round(base)
	if len(checks) > 0 {
		ex.Checks = slices.Clone(checks)
	}
	ex.Score, ex.Capped = round(score), capped
}

// sized returns an empty slice with room for n elements, or nil when n is
// 0: an explanation's lists stay nil when empty, as appending leaves them.
func sized[T any](n int) []T {
	if n == 0 {
		return nil
	}
	return make([]T, 0, n)
}

// round keeps four decimals, enough for people and stable in JSON.
func round(f float64) float64 {
	return float64(int64(f*10000+0.5)) / 10000
}

// String renders the explanation for people, one fact a line. The text may
// change between releases: programs should read the fields. The names are
// quoted as Go quotes strings, and what else comes from the query or the
// list (an identifier's kind in a check's detail) has its control
// characters escaped (see printable.Text): the text shows what a terminal
// would otherwise act on.
func (ex Explanation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "query:     %q -> %s%s\n", ex.Query.Text, words(ex.Query.Words), forms(ex.Query.LegalForms))
	fmt.Fprintf(&b, "candidate: %q -> %s%s\n", ex.Candidate.Text, words(ex.Candidate.Words), forms(ex.Candidate.LegalForms))
	for _, p := range ex.Pairs {
		fmt.Fprintf(&b, "  %-24s ~ %-24s %-12s sim %.2f  weight %.2f", printable.Text(p.Query), printable.Text(p.Candidate), p.How, p.Similarity, p.Weight)
		if p.Everyday {
			b.WriteString("  everyday word, counts half")
		}
		if p.How == Glued {
			b.WriteString("  the organization word only")
		}
		b.WriteByte('\n')
	}
	for _, w := range ex.Unmatched {
		fmt.Fprintf(&b, "  unmatched %-9s %-24s %-12s weight %.2f", printable.Text(w.Side), printable.Text(w.Key), printable.Text(w.Kind), w.Weight)
		if w.Parent {
			b.WriteString("  another listed organization's name, counts half")
		}
		if w.Side == "query" && w.Kind != normalize.Qualifier.String() && ex.qualifier(w.Key) {
			// See placesAreNames: the word is unmatched by its own kind.
			b.WriteString("  a place word of the query, weighed in full as a word of the name: the query names no company, and the listed party is a person, vessel or aircraft")
		}
		b.WriteByte('\n')
	}
	if ex.Contains {
		b.WriteString("  the query contains the listed name, with qualifiers or organization words added\n")
	}
	switch ex.Holds {
	case "query":
		b.WriteString("  the query holds the listed name whole: its other distinctive words count half\n")
	case "candidate":
		b.WriteString("  the listed name holds the query whole: its other distinctive words count half\n")
	}
	fmt.Fprintf(&b, "base %.4f", ex.Base)
	for _, c := range ex.Checks {
		switch {
		case c.Factor != 0:
			fmt.Fprintf(&b, "; %s x%s (%s)", printable.Text(c.Name), places(c.Factor), printable.Text(c.Detail))
		default:
			sign := "+"
			if c.Effect < 0 {
				sign = "-"
			}
			fmt.Fprintf(&b, "; %s %s%s (%s)", printable.Text(c.Name), sign, places(math.Abs(c.Effect)), printable.Text(c.Detail))
		}
	}
	fmt.Fprintf(&b, "\nscore %.4f", ex.Score)
	if ex.Capped {
		b.WriteString(", capped at 1")
	}
	fmt.Fprintf(&b, " (threshold %.2f)", ex.Threshold)
	return b.String()
}

// places writes f, at least 0, with two decimals, or as many more up to
// the four of a score as it needs: the checks are given as precisely as
// the score they make (0.85 times 0.85 is 0.7225).
func places(f float64) string {
	s := strconv.FormatFloat(round(f), 'f', 4, 64)
	for strings.HasSuffix(s, "0") && len(s)-strings.IndexByte(s, '.') > 3 {
		s = s[:len(s)-1]
	}
	return s
}

// qualifier reports whether the query's word key is a qualifier.
func (ex *Explanation) qualifier(key string) bool {
	for _, w := range ex.Query.Words {
		if w.Key == key && w.Kind == normalize.Qualifier.String() {
			return true
		}
	}
	return false
}

func words(ws []Word) string {
	keys := make([]string, len(ws))
	for i, w := range ws {
		keys[i] = printable.Text(w.Key)
	}
	return "[" + strings.Join(keys, " ") + "]"
}

func forms(fs []string) string {
	if len(fs) == 0 {
		return ""
	}
	return " legal form " + printable.Text(strings.Join(fs, ", "))
}

// contains reports whether the query words qv.toks hold every distinctive
// word of the candidate words ctoks and add a qualifier, and nothing but
// qualifiers and organization words, given which words were paired.
func (ix *index) contains(qv *qvariant, ctoks []tokenRef, usedQ, usedC []bool) bool {
	added := false
	for i, t := range qv.toks {
		if usedQ[i] {
			continue
		}
		if core(t.kind, t.qual) || t.kind == normalize.Number {
			return false
		}
		added = added || t.qual
	}
	for j, tr := range ctoks {
		if !usedC[j] && core(ix.terms[tr.term()].kind, tr.qual()) {
			return false
		}
	}
	return added
}

// joinWords returns the words key(lo) to key(hi) separated by spaces.
func joinWords(lo, hi int, key func(int) string) string {
	if lo == hi {
		return key(lo)
	}
	var b strings.Builder
	for i := lo; i <= hi; i++ {
		if i > lo {
			b.WriteByte(' ')
		}
		b.WriteString(key(i))
	}
	return b.String()
}

// kindName is the kind of q as explanations name it.
func (q *qtoken) kindName() string {
	if q.qual {
		return normalize.Qualifier.String()
	}
	return q.kind.String()
}

// wordOf returns candidate word tr as explanations show it.
func (ix *index) wordOf(tr tokenRef, side string) Word {
	tm := &ix.terms[tr.term()]
	kind := tm.kind
	if tr.qual() {
		kind = normalize.Qualifier
	}
	return Word{Key: tm.key, Kind: kind.String(), Weight: round(float64(ix.weight(tr))), Side: side, Parent: tr.share() == shareParent}
}
