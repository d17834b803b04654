package screening

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening/internal/normalize"
)

// A footprint is what of a query's name retrieval can reach list names by,
// kept so that a program can tell, without normalizing the name again,
// whether screening it against a few entries can find anything (see
// Reach). Retrieval against the entries WithEntries keeps (see
// index.candidates) makes a candidate of a name only when a word of the
// query meets a word of the name, or spells neighbouring words of the
// name written together (their keys, or their sound keys), or the name's
// initials; a query word meets a name's word when
//
//   - their keys are equal, or their sound keys are (index.lookup), or
//     the name's word is a romanization of the query word as a given name
//     (givenNameVariantsOf);
//   - the query word misspells the name's word within the typo budget,
//     found by the trigrams they share (index.lookupTypos): only words of
//     minGram letters or more;
//   - the query word misspells the organization word the name's word is
//     (normalize.MisspelledGeneric, see index.readMisspelled);
//   - two neighbouring query words written together are the name's word,
//     with either in any spelling of an organization word, or by their
//     sound keys (index.lookupJoined, index.readGlued);
//   - the query word is the name's word glued to an organization word
//     (normalize.Unglue, see index.readGlued);
//   - the initials of the query's words are the name's word (qvariant.acro);
//   - the query word, its vowels guessed (read from Arabic script), has the
//     consonants of the name's word (consonantTable, consonantSim);
//   - the query word translates the name's word (normalize.Meaning, see
//     index.lookup).
//
// So a footprint holds the words of every variant of the name, read as
// any name and as a person's (keys and sound keys) and, as probes, every
// other key by which one of those ways reaches a word: the given-name
// romanizations, the organization word a word misspells, neighbouring
// words written together in every spelling and by their sound keys, the
// names a word is glued from, the initials, the consonants of a word whose
// vowels were guessed (marked by consonantProbe, so that they are no key),
// and the meaning of a word that names translate (marked by meaningProbe).
// It takes more than retrieval does (every variant, not only those of two
// words or more; a word whatever its kind; a misspelling whether or not
// the list holds the word): a footprint errs only towards reaching.
//
// Encoding: footprintVersion, then the number of words and each word (its
// key, then its sound key: soundNone, soundKey, or soundOwn and the sound
// key), then the number of probes and each probe; strings are their
// length (uvarint) and bytes. The version changes with what a footprint
// holds, too (3: the words of the name read as a person's; 4: the
// meanings of the words that names translate; 5: "Bancorp" its own
// organization word, a name of one word read as written; 6: the words
// after a legal form inside a name read as a branch, "chemical" and
// "store" organization words; 7: neighbouring words written together by
// their sound keys; 8: a kana that ゞ repeats read voiced every time; 9:
// a lookalike with no reading of its own read as a Latin letter in a word
// of letters that all read as Latin ones, a modifier letter apostrophe
// (ʻ) read as an apostrophe beside lookalikes, the ezafe read after the
// kept word before it, past removed words, and a branch read after a form
// that follows a name of its own after another form; 10: the traditional
// characters 國, 緬, 薩, 諮, 詢, 煙, 敘, 敍, 貓 and 崑 read as their
// simplified forms in the Chinese dictionary's words, and a symbol of no
// script that stands for letters read in runs, "㈱", read as them, and a
// character NFC replaces, the Kelvin sign, read as its replacement, and
// the Hangul fillers dropped, and Greek αυ, ευ, ηυ read af, ef, if
// before a voiceless consonant, and the Bulgarian ъ before a consonant
// read a; 11: the decimal digits of every script (Gurmukhi, Tamil, Lao,
// Tibetan, Khmer, ...) read as ASCII digits, and the legal forms АТ, ТзОВ,
// ТДВ, UAB, OÜ, ΕΠΕ, ΙΚΕ, ㍿, (株), (有), (주) and (유) removed, and
// и read i in a word with ў, Greek μπ, ντ, γκ read b,
// d, g at the start of a word, and Cyrillic к в н м т г, Greek κ τ and
// Armenian lookalikes read as Latin letters in a Latin word).
const footprintVersion = 11

// consonantProbe starts the probes and keys of a word's consonants (see
// appendConsonants): no key starts with it.
const consonantProbe = "\x00"

// meaningProbe starts the probes and keys of a word's meaning (see
// meaningKey): no key starts with it.
const meaningProbe = "\x01"

// meaningKey returns the probe of the meaning of w, or "" for a word
// without one.
func meaningKey(w *word) string {
	if w.meaning == 0 {
		return ""
	}
	return meaningProbe + string(rune('0'+w.meaning))
}

// How a footprint writes a word's sound key.
const (
	soundNone = 0 // the word has none (a number, a word of another script)
	soundKey  = 1 // the sound key is the key
	soundOwn  = 2 // the sound key follows
)

// errFootprint is the error of a footprint that is not one of this
// version.
var errFootprint = errors.New("screening: not a footprint of this version")

// Footprint returns the footprint of a query name: the keys of the words
// of its normalized variants and every other key by which retrieval can
// meet them (two words written together, a name glued to an organization
// word, a misspelt organization word, a given name in another
// romanization, the initials). A Reach tests footprints against some
// entries of a list without normalizing the names again: a program may
// keep the footprint of a name it screens and test it against the entries
// of a later list version.
//
// A footprint depends on the name alone, not on any list or option, but
// it depends on normalization: it holds only for the version of this
// package that made it. A program that keeps footprints must make them
// anew when it changes.
//
// The error is the one Screen returns for a query of that name:
// ErrEmptyName, ErrInvalidUTF8 or ErrTooLong, wrapped.
func Footprint(name string) ([]byte, error) {
	vs, err := normalize.Variants(name)
	if err != nil {
		return nil, fmt.Errorf("screening: %w", err)
	}
	// A query of a person, or that may be one, is read without legal
	// forms too (see index.queryVariants).
	if persons, err := normalize.PersonVariants(name); err == nil {
		vs = append(vs, persons...)
	}
	var words []normalize.Token
	var probes []string
	probe := func(k string) {
		if k != "" && !slices.Contains(probes, k) {
			probes = append(probes, k)
		}
	}
	for _, v := range vs {
		ts := v.Tokens
		for i, t := range ts {
			if !slices.ContainsFunc(words, func(w normalize.Token) bool { return w.Key == t.Key && w.Sound == t.Sound }) {
				words = append(words, t)
			}
			for _, k := range givenNameVariantsOf(t.Key) {
				probe(k)
			}
			w := newQueryWord(t)
			probe(meaningKey(&w))
			if w.guessed && w.kind == normalize.Distinctive {
				var buf [maxEditLen]byte
				if cs := appendConsonants(buf[:0], w.sound); consonantCount(cs) >= minConsonants {
					probe(consonantProbe + string(cs))
					if strings.HasSuffix(w.sound, "a") { // -a against -at, see consonantSim
						probe(consonantProbe + string(cs) + "t")
					}
				}
			}
			if _, k, ok := normalize.MisspelledGeneric(t.Key); ok {
				probe(k)
			}
			for _, g := range normalize.Unglue(nil, t.Key) {
				probe(g.Rest)
			}
			if i+1 < len(ts) {
				a, b := t.Key, ts[i+1].Key
				probe(a + b)
				if t.Sound != "" && ts[i+1].Sound != "" {
					probe(t.Sound + ts[i+1].Sound)
				}
				for _, s := range normalize.GlueSurfaces(a) {
					probe(s + b)
				}
				for _, s := range normalize.GlueSurfaces(b) {
					probe(a + s)
				}
			}
		}
		probe(acronymOf(ts, false, false))
	}
	probes = slices.DeleteFunc(probes, func(p string) bool {
		return slices.ContainsFunc(words, func(w normalize.Token) bool { return w.Key == p })
	})

	fp := []byte{footprintVersion}
	fp = binary.AppendUvarint(fp, uint64(len(words)))
	for _, w := range words {
		fp = appendString(fp, w.Key)
		switch w.Sound {
		case "":
			fp = append(fp, soundNone)
		case w.Key:
			fp = append(fp, soundKey)
		default:
			fp = appendString(append(fp, soundOwn), w.Sound)
		}
	}
	fp = binary.AppendUvarint(fp, uint64(len(probes)))
	for _, p := range probes {
		fp = appendString(fp, p)
	}
	return fp, nil
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// A Reach tells which query names may match some entries of a Screener's
// list, by their footprints (see Footprint), far faster than screening
// them: a program that has screened its names against one list version
// need screen only those a Reach passes against the entries the next
// version added or changed. A Reach is immutable and safe for concurrent
// use by multiple goroutines.
//
// The zero Reach reaches nothing; build one with Screener.Reach.
type Reach struct {
	ix *index
	// keys holds every key by which a footprint reaches the entries: the
	// keys and sound keys of their names' words, the names' neighbouring
	// words written together (keys and sound keys), the names' initials,
	// the words' consonants and meanings.
	keys map[string]struct{}
	// grams are the trigrams (see forGrams) of the entries' words of
	// minGram letters or more, to the words: those a query word may
	// misspell. gramSet has the bit of each: most trigrams of a query are
	// in no entry's word.
	grams   map[uint32][]int32
	gramSet []uint64
}

// Reach returns the Reach of the entries of the given keys (see
// entitylist.List.Keys): a footprint it rejects is of a name that,
// screened against those entries alone (WithEntries with the same keys),
// finds no candidate at all, whatever the threshold and minimum score. A
// key the list does not hold reaches nothing; with no keys, unlike
// WithEntries, nothing is reached.
func (s *Screener) Reach(keys ...entitylist.EntryKey) *Reach {
	r := &Reach{ix: s.ix, keys: map[string]struct{}{}, grams: map[uint32][]int32{}}
	if s.ix == nil {
		return r
	}
	ix := s.ix
	seen := map[int32]bool{}
	for _, k := range keys {
		e, ok := s.entries.find(k)
		if !ok {
			continue
		}
		for n := s.names[e]; n < s.names[e+1]; n++ {
			nm := &ix.names[n]
			toks := ix.tokens[nm.tokLo:nm.tokHi()]
			for j, tr := range toks {
				tm := &ix.terms[tr.term()]
				r.keys[tm.key] = struct{}{}
				if tm.sound != "" {
					r.keys[tm.sound] = struct{}{}
				}
				if j+1 < len(toks) {
					next := &ix.terms[toks[j+1].term()]
					r.keys[tm.key+next.key] = struct{}{}
					if gluedSounds(&tm.word, &next.word) {
						r.keys[tm.sound+next.sound] = struct{}{}
					}
				}
				var buf [maxEditLen]byte
				if cs, ok := listConsonants(buf[:0], &tm.word); ok {
					r.keys[consonantProbe+string(cs)] = struct{}{}
				}
				if k := meaningKey(&tm.word); k != "" {
					r.keys[k] = struct{}{}
				}
				if !seen[tr.term()] && len(tm.key) >= minGram {
					forGrams(tm.key, func(g uint32) {
						if ts := r.grams[g]; len(ts) == 0 || ts[len(ts)-1] != tr.term() {
							r.grams[g] = append(ts, tr.term())
						}
						if r.gramSet == nil {
							r.gramSet = make([]uint64, 1<<24/64) // a trigram is three bytes
						}
						r.gramSet[g/64] |= 1 << (g % 64)
					})
				}
				seen[tr.term()] = true
			}
			for _, a := range ix.acroOf(n) {
				if a != "" {
					r.keys[a] = struct{}{}
				}
			}
		}
	}
	return r
}

// Reaches reports whether a name of footprint fp may match an entry of r:
// false means that screening it against r's entries alone finds no
// candidate (see Screener.Reach). The error is that of a footprint of
// another version of this package, or of no footprint at all: the name's
// footprint must be made again. Testing a footprint that reaches nothing
// allocates nothing.
func (r *Reach) Reaches(fp []byte) (bool, error) {
	if len(fp) == 0 || fp[0] != footprintVersion {
		return false, errFootprint
	}
	b := fp[1:]
	n, b, ok := uvarint(b)
	if !ok {
		return false, errFootprint
	}
	reached := false
	for range n {
		var key, sound []byte
		if key, b, ok = bytesOf(b); !ok || len(b) == 0 {
			return false, errFootprint
		}
		switch b[0] {
		case soundNone:
			b = b[1:]
		case soundKey:
			sound, b = key, b[1:]
		case soundOwn:
			if sound, b, ok = bytesOf(b[1:]); !ok {
				return false, errFootprint
			}
		default:
			return false, errFootprint
		}
		reached = reached || r.has(key) || len(sound) > 0 && r.has(sound) || r.misspells(key, sound)
	}
	if n, b, ok = uvarint(b); !ok {
		return false, errFootprint
	}
	for range n {
		var p []byte
		if p, b, ok = bytesOf(b); !ok {
			return false, errFootprint
		}
		reached = reached || r.has(p)
	}
	if len(b) > 0 {
		return false, errFootprint
	}
	return reached, nil
}

func (r *Reach) has(k []byte) bool {
	_, ok := r.keys[string(k)]
	return ok
}

// misspells reports whether the query word of key and sound key sound
// misspells a word of r's entries as index.lookupTypos finds it: the words
// of the lengths it looks up (see typoLengthRange) that share a trigram
// with it (lookupTypos wants more of them shared), and that typoSim
// accepts.
func (r *Reach) misspells(key, sound []byte) bool {
	if len(key) < minGram || len(r.grams) == 0 {
		return false
	}
	lo, hi := typoLengthRange(len(key))
	var q *word // made on the first word of about its length that shares a trigram
	found := false
	forGrams(string(key), func(g uint32) {
		if found || r.gramSet[g/64]&(1<<(g%64)) == 0 {
			return
		}
		for _, t := range r.grams[g] {
			tm := &r.ix.terms[t]
			if n := len(tm.key); n < lo || n > hi {
				continue
			}
			if q == nil {
				q = &word{key: string(key), sound: string(sound), mask: letterMask(string(key)), smask: letterMask(string(sound))}
			}
			if _, ok := typoSim(q, &tm.word); ok {
				found = true
				return
			}
		}
	})
	return found
}

// uvarint reads a uvarint off the start of b.
func uvarint(b []byte) (uint64, []byte, bool) {
	x, n := binary.Uvarint(b)
	if n <= 0 {
		return 0, nil, false
	}
	return x, b[n:], true
}

// bytesOf reads a string off the start of b.
func bytesOf(b []byte) ([]byte, []byte, bool) {
	n, b, ok := uvarint(b)
	if !ok || n > uint64(len(b)) {
		return nil, nil, false
	}
	return b[:n], b[n:], true
}
