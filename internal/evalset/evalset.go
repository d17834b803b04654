// Package evalset builds labelled screening sets from real public data: the
// 2022 Consolidated Screening List, OFAC's own SDN files of other dates, and
// names of real companies and people that are not on the list.
//
// Every set is deterministic: records are visited in sorted order and any
// choice or sample is made by a SHA-256 hash, never by math/rand, so building
// a set twice gives the same cases in the same order. Only records of the
// development split (see DevSplit) are used as positives, so that the other
// records stay unseen for a final test.
//
// The builders read the files in place from the shared data directory and
// return an error when one is missing; they never modify the list they are
// given.
package evalset

import (
	"crypto/sha256"
	"encoding/binary"
	"math/big"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/entityscreen/entityscreen/entitylist"
)

// CSLFile is the name of the full 2022 CSL snapshot in the shared data
// directory, the list every set is labelled against.
const CSLFile = "csl-consolidated-2022-05-16.csv"

// Case is one labelled query. Its JSON form is the schema of the shared
// dev.jsonl evaluation set, with the optional country and kind added.
type Case struct {
	Query    string   `json:"query"`
	Country  string   `json:"country,omitempty"` // ISO-2, when the set supplies one
	Kind     string   `json:"kind,omitempty"`    // "person" or "company" when the set knows it
	Expect   []string `json:"expect"`            // CSL _ids, any one of which must be found; empty = must raise no alarm
	Family   string   `json:"family"`
	ListName string   `json:"list_name"`
	// SurnameFirst is the person of a case of Persons written "Surname,
	// Given Middle", as payee files also write people; empty in other sets.
	SurnameFirst string `json:"surname_first,omitempty"`
}

// Negative reports whether c must raise no alarm.
func (c Case) Negative() bool { return len(c.Expect) == 0 }

// Dropped counts the candidate cases a builder left out, by reason (short
// snake_case words such as "not_findable"), so that every filter is
// accounted for.
type Dropped map[string]int

// ten is the modulus of the development split.
var ten = big.NewInt(10)

// DevSplit reports whether the record with CSL _id id belongs to the
// development split: the SHA-256 digest of the id's bytes, read as a
// big-endian unsigned integer, is 0 to 3 modulo 10 (about 40% of records).
func DevSplit(id string) bool {
	sum := sha256.Sum256([]byte(id))
	var r big.Int
	r.Mod(new(big.Int).SetBytes(sum[:]), ten)
	return r.Int64() < 4
}

// hash64 is a deterministic 64-bit hash of the parts, for choices and
// samples.
func hash64(parts ...string) uint64 {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return binary.BigEndian.Uint64(h.Sum(nil))
}

// Key is the form in which names are compared for identity: decomposed
// (NFKD), marks dropped, lower-cased, letters and digits only. "Société
// Générale S.A." and "SOCIETE GENERALE SA" have the same key.
func Key(name string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// words returns the keys of the words of name, split at anything that is not
// a letter, digit or mark.
func words(name string) []string {
	f := strings.FieldsFunc(name, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) && r != '\''
	})
	out := f[:0]
	for _, w := range f {
		if k := Key(w); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// orgWords are words too common in organization names to make a name
// findable on their own: legal forms and generic organization words.
var orgWords = map[string]bool{
	"ltd": true, "co": true, "company": true, "group": true, "limited": true,
	"llc": true, "corporation": true, "corp": true, "inc": true, "jsc": true,
	"ooo": true, "oao": true, "zao": true, "pao": true, "pjsc": true, "ojsc": true,
	"cjsc": true, "llp": true, "plc": true, "gmbh": true, "the": true, "and": true,
	"joint": true, "stock": true, "open": true, "closed": true, "public": true,
	"liability": true, "society": true, "trading": true, "international": true,
	"industrial": true, "industry": true, "industries": true, "enterprise": true,
	"holding": true, "holdings": true, "technology": true, "technologies": true,
	"bank": true, "organization": true, "establishment": true, "general": true,
	"obshchestvo": true, "ogranichennoi": true, "otvetstvennostyu": true,
	"aktsionernoe": true, "for": true, "sarl": true, "fze": true, "fzco": true,
}

// distinctiveWords returns the words of name that can make a match on
// their own: at least three characters and not an organization word.
func distinctiveWords(name string) []string {
	var out []string
	for _, w := range words(name) {
		if len(w) >= 3 && !orgWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// trigrams returns the set of three-letter substrings of the words of
// name that are not organization words, run together (digits left out), so
// that "Trading Co Ltd" on both sides does not make two names alike.
func trigrams(name string) map[string]bool {
	var letters []rune
	for _, w := range words(name) {
		if orgWords[w] {
			continue
		}
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters = append(letters, r)
			}
		}
	}
	set := make(map[string]bool, len(letters))
	for i := 0; i+3 <= len(letters); i++ {
		set[string(letters[i:i+3])] = true
	}
	return set
}

// Findable reports whether a matcher that compares words could be expected
// to find a record by query from its names: query shares a distinctive word
// (three or more characters, not a legal form or generic organization word)
// with one of names, or at least half the letter trigrams of query occur in
// one of names (organization words left out of both).
func Findable(query string, names []string) bool {
	qw := distinctiveWords(query)
	qt := trigrams(query)
	for _, n := range names {
		nw := distinctiveWords(n)
		for _, w := range qw {
			for _, v := range nw {
				if w == v {
					return true
				}
			}
		}
		if len(qt) == 0 {
			continue
		}
		nt := trigrams(n)
		shared := 0
		for t := range qt {
			if nt[t] {
				shared++
			}
		}
		if 2*shared >= len(qt) {
			return true
		}
	}
	return false
}

// dedupe returns ss sorted with duplicates removed.
func dedupe(ss []string) []string {
	out := slices.Clone(ss)
	slices.Sort(out)
	return slices.Compact(out)
}

// parties finds, for an entry of a list, the _ids of every row that is the
// same party as far as a name screen can tell: the rows of other Treasury
// lists that share its entity_number (whose _id is that number), the rows,
// of any list, whose primary name is the same (see nameKeys: the same
// company listed by BIS and by Treasury; WISSER, Gerhard on the SDN list
// and Gerhard Wisser on the Nonproliferation list; two people of the same
// name, whom a name alone cannot tell apart), and the rows whose primary
// name is one of its names or that hold its primary name among theirs (the
// same party listed again under one of its aliases: KOSARIAN FARD on the
// Denied Persons List, an alias of the SDN's KOSARAYANIFARD, Pejman
// Mahmood).
type parties struct {
	list      *entitylist.List
	byNumber  map[string][]string
	byPrimary map[string][]string
	byName    map[string][]string // name key -> _ids of the rows holding it, primary or alias
}

// nameKeys returns the keys under which parties compares names: the Key,
// and the keys of the words in sorted order, so that "WISSER, Gerhard" is
// "Gerhard Wisser" and "S.A." is "SA". A name with no letter or digit has
// none.
func nameKeys(name string) []string {
	k := Key(name)
	if k == "" {
		return nil
	}
	w := words(name)
	slices.Sort(w)
	return []string{"key " + k, "words " + strings.Join(w, " ")}
}

func newParties(list *entitylist.List) *parties {
	p := &parties{list: list, byNumber: map[string][]string{}, byPrimary: map[string][]string{}, byName: map[string][]string{}}
	for _, e := range list.All() {
		if e.EntityNumber != "" {
			p.byNumber[e.EntityNumber] = append(p.byNumber[e.EntityNumber], e.ID)
		}
		for _, k := range nameKeys(e.Name) {
			p.byPrimary[k] = append(p.byPrimary[k], e.ID)
		}
		for _, n := range e.Names() {
			for _, k := range nameKeys(n) {
				p.byName[k] = append(p.byName[k], e.ID)
			}
		}
	}
	return p
}

// ids returns the sorted, distinct _ids of the party of e, e's own included,
// and whether all of them are in the development split.
func (p *parties) ids(e *entitylist.Entry) (ids []string, dev bool) {
	ids = []string{e.ID}
	for _, k := range nameKeys(e.Name) {
		ids = append(ids, p.byName[k]...)
	}
	for _, n := range e.Names() {
		for _, k := range nameKeys(n) {
			ids = append(ids, p.byPrimary[k]...)
		}
	}
	if e.EntityNumber != "" {
		ids = append(ids, p.byNumber[e.EntityNumber]...)
	}
	ids = dedupe(ids)
	return ids, !slices.ContainsFunc(ids, func(id string) bool { return !DevSplit(id) })
}
