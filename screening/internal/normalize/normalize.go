package normalize

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/entityscreen/entityscreen/internal/printable"
)

// MaxLen is the maximum length of an input name, in bytes. The longest
// name or alias of the 2022 Consolidated Screening List (a Ministry of
// Defence entry with its description) has 384 bytes; 1024 leaves room for
// long transliterated names while rejecting pasted records and abuse early.
// The stages cost in proportion to the input's length, but for the
// legal forms at the ends of a name's parts, which are removed one a pass
// over the name ("AB AB AB ... AB Foo"), and letters that end dotted
// forms ("Foo S A S A ..."): those cost the square of their number, which
// MaxLen bounds (BenchmarkNormalizeManyForms).
const MaxLen = 1024

// Query errors, usable with errors.Is.
var (
	// ErrEmpty reports a name with nothing left to compare after
	// normalization: blank, punctuation only, or only a legal form ("Ltd.").
	ErrEmpty = errors.New("empty name")
	// ErrInvalidUTF8 reports input that is not valid UTF-8. Invalid bytes
	// are never replaced silently.
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	// ErrTooLong reports input longer than MaxLen bytes.
	ErrTooLong = errors.New("name too long")
)

// Kind classifies a token.
type Kind uint8

// Token kinds.
const (
	// Distinctive is an ordinary word: it carries most of a name's identity.
	Distinctive Kind = iota
	// Generic is an organization word ("company", "technology", "group")
	// or a stop word ("of", "and"), folded to one key per meaning.
	Generic
	// Number is a run of digits, or an ordinal folded to its digits
	// ("1st" and "first" are "1"). Numbers must match exactly.
	Number
	// Initialism is a run of single letters joined ("A.T.E." and "a t e"
	// are "ate"), or one single letter.
	Initialism
	// NonLatin is a word in a script that is not transliterated (Hebrew,
	// Thai, Devanagari, ...), kept in its folded original script. Chinese,
	// Japanese, Korean and Arabic-script words are read into Latin words.
	NonLatin
	// Qualifier is a word that says where or in what capacity a company
	// acts rather than which one it is: a place ("Europe", "Deutschland",
	// "Hong Kong") or a business qualifier ("Global", "Overseas"). A name
	// with no other distinctive word keeps its qualifiers Distinctive.
	Qualifier
)

var kindNames = [...]string{"distinctive", "generic", "number", "initialism", "nonlatin", "qualifier"}

// String returns the lower-case name of the kind, e.g. "generic".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Token is one comparable word of a name.
type Token struct {
	// Key is the comparable key: lower-case ASCII for Latin-script and
	// transliterated words; generic words and their abbreviations folded to
	// one key ("co" and "company" are "company"); ordinals folded to digits;
	// for NonLatin tokens the folded original-script text.
	Key string
	// Sound is a romanization-insensitive key of Key (see the package
	// documentation for the rules): equal Sound means an equivalent
	// spelling. It equals Key when nothing folds, and is empty for Number
	// and NonLatin tokens.
	Sound string
	// Kind classifies the token.
	Kind Kind
	// Guessed reports a word read letter by letter from a script that
	// leaves short vowels unwritten (Arabic, Persian, Urdu), not from the
	// table of common names: its consonants are the name's, its vowels
	// guesses ("مطمئن" reads "matmin", which lists write "Motmaen").
	Guessed bool
	// Hyphen reports that a single hyphen, and nothing else, joins the
	// word to the next token: "ODK" of "ODK-Saturn".
	Hyphen bool
}

// Class is the canonical class of a legal form: forms that mean the same
// kind of company share a class ("OOO" and "LLC" are both "LLC").
type Class string

// LegalForm is a legal form found in a name.
type LegalForm struct {
	Class Class  // canonical class, e.g. "JSC"
	Text  string // the form as found in the input, e.g. "Joint-Stock Company"
}

// Name is a normalized name. The zero value is an empty name.
type Name struct {
	Input      string      // the text normalized
	Display    string      // readable cleaned form, e.g. "Kaspersky Lab" for "AO Kaspersky Lab"; the Input itself if the cleaned form would exceed MaxLen
	Tokens     []Token     // in input order; legal forms, "a.k.a." markers and a leading "The" removed
	LegalForms []LegalForm // legal forms found, in input order
	// Read says how letters of scripts without Latin letters (Chinese,
	// Japanese, Korean, Arabic) were read into the Latin words of Tokens;
	// 0 for a name without them. Its Notes are for an explanation.
	Read Reading
}

// Keys returns the tokens' keys joined by single spaces.
func (n Name) Keys() string {
	var b strings.Builder
	for i, t := range n.Tokens {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Key)
	}
	return b.String()
}

// Normalize normalizes one name. It is safe for concurrent use.
//
// It returns ErrInvalidUTF8, ErrTooLong or ErrEmpty (wrapped with the
// offending input) when the name cannot be compared.
func Normalize(s string) (Name, error) {
	var n Name
	err := NormalizeInto(&n, s)
	return n, err
}

// NormalizeInto normalizes s into *dst, reusing the backing arrays of
// dst.Tokens and dst.LegalForms; the caller must not keep those slices from
// an earlier call. It is the allocation-conscious form of Normalize:
//
//   - all derived text of one call (keys and sound keys that are not
//     substrings of s or constants of the tables, and the Display when it is
//     not a substring of s) is stored in a single string: at most one
//     allocation;
//   - a plain ASCII name that needs no rewriting (lower-case words whose
//     keys and sound keys are substrings of s or table constants, such as
//     "zeta group llc") allocates nothing once dst has capacity.
//
// Working memory comes from a sync.Pool. NormalizeInto is safe for
// concurrent use with distinct dst values.
func NormalizeInto(dst *Name, s string) error {
	_, err := normalizeChoice(dst, s, choice{}, false)
	return err
}

// NormalizePerson normalizes one name of a person: as Normalize does, but
// without reading legal forms, which a person's name does not hold ("PAO,
// Yu Liang" is no ПАО, "AG ALBACHAR, Ahmed" no Aktiengesellschaft, the
// article of "AS-SAFRANI, Ali" no aksjeselskap). Its LegalForms are empty.
func NormalizePerson(s string) (Name, error) {
	var n Name
	_, err := normalizeChoice(&n, s, choice{person: true}, false)
	return n, err
}

// alternatives are the alternative readings a name offers (see Variants):
// the number of readings of each character of several readings, in order,
// the number of spelling styles of its Arabic-script names, and the
// number of its readings in English (Chinese words and Arabic-script
// words that names translate; 0 for none).
type alternatives struct {
	hetero    []uint8
	styles    uint8
	translate uint8
}

// normalizeChoice is NormalizeInto with the alternative readings ch; it
// returns the alternatives the name offers when alts is set.
func normalizeChoice(dst *Name, s string, ch choice, alts bool) (alternatives, error) {
	var a alternatives
	var done func(*scratch)
	if alts {
		done = func(sc *scratch) { a = sc.alternatives() }
	}
	err := normalizeWith(dst, s, ch, done)
	return a, err
}

// alternatives returns the alternative readings the name sc analysed
// offers.
func (sc *scratch) alternatives() alternatives {
	a := alternatives{hetero: slices.Clone(sc.hetero), styles: sc.arabicAlts}
	if sc.translatable {
		a.translate = max(1, sc.translations)
	}
	return a
}

// normalizeWith normalizes s with the readings ch into dst, and calls
// done, if not nil, with the scratch before it goes back to the pool, to
// read the alternatives the name offers (see alternatives): work that
// only they need is left undone when done is nil.
func normalizeWith(dst *Name, s string, ch choice, done func(*scratch)) error {
	dst.Input = s
	dst.Display = ""
	dst.Read = 0
	dst.Tokens = dst.Tokens[:0]
	dst.LegalForms = dst.LegalForms[:0]
	if len(s) > MaxLen {
		return &inputError{err: ErrTooLong, input: s}
	}
	tf := surveyText(s)
	if tf.invalid {
		return &inputError{err: ErrInvalidUTF8, input: s}
	}
	sc := getScratch()
	defer putScratch(sc)
	sc.choice = ch
	sc.alts = done != nil
	sc.run(s, tf)
	sc.analyze()
	if done != nil {
		done(sc)
	}
	if sc.kept == 0 {
		return &inputError{err: ErrEmpty, input: s}
	}
	sc.result(dst)
	if onlyConnectors(dst.Tokens) {
		return &inputError{err: ErrEmpty, input: s}
	}
	return nil
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

// onlyConnectors reports whether every token is the connector "and", which is
// what "&" and "+" become: such a name is punctuation only.
func onlyConnectors(ts []Token) bool {
	for _, t := range ts {
		if t.Key != "and" {
			return false
		}
	}
	return true
}

// inputError wraps a sentinel with the offending input.
type inputError struct {
	err   error
	input string
}

func (e *inputError) Error() string {
	if e.err == ErrTooLong {
		return e.err.Error() + ": " + strconv.Itoa(len(e.input)) + " bytes, maximum " + strconv.Itoa(MaxLen)
	}
	return e.err.Error() + ": " + printable.Quote(e.input)
}

func (e *inputError) Unwrap() error { return e.err }
