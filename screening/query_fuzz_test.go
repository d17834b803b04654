package screening_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/cslfixture"
	"github.com/entityscreen/entityscreen/screening"
)

// maxFieldError bounds the length of the error of a query field, less
// its sentinel's text: the field is quoted cut to 64 bytes, each at most
// 4 as %q writes it ("\x8e"), with its quotes and ": ", whatever its
// length, so that a vendor file's long cell does not flood a report.
const maxFieldError = 4*64 + 4

// FuzzParseCountry checks ParseCountry on any text: an error wraps
// ErrInvalidCountry, in valid UTF-8 and of bounded length; a success is
// empty exactly for blank text, else an upper-case alpha-2 code that
// parses to itself, in any case (parsing twice equals parsing once), and
// that Screen takes as a query's country.
func FuzzParseCountry(f *testing.F) {
	for _, s := range []string{"", " ", "de", "DE", " uk ", "XX", "zz", "EU", "DEU", "deu", "Germany",
		"UNITED STATES OF AMERICA", "Côte d'Ivoire", "cote d ivoire", "Russia", "\xff", "d\xffe", "ＤＥ",
		"X\u0130", "\u212aZ", strings.Repeat("Germany ", 300), "Korea, Republic of", "Türkiye", "\tRU\n"} {
		f.Add(s)
	}
	s, err := screening.New(entitylist.Default())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, c string) {
		code, err := screening.ParseCountry(c)
		if err != nil {
			if !errors.Is(err, screening.ErrInvalidCountry) || code != "" {
				t.Fatalf("ParseCountry(%q) = %q, %v: not ErrInvalidCountry", c, code, err)
			}
			if msg := err.Error(); !utf8.ValidString(msg) || len(msg) > maxFieldError+len(screening.ErrInvalidCountry.Error()) {
				t.Fatalf("ParseCountry(%.80q): error of %d bytes, or invalid UTF-8: %.200q", c, len(msg), msg)
			}
			return
		}
		if (code == "") != (strings.TrimSpace(c) == "") {
			t.Fatalf("ParseCountry(%q) = %q", c, code)
		}
		if code == "" {
			return
		}
		if len(code) != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z' {
			t.Fatalf("ParseCountry(%q) = %q, not an upper-case alpha-2 code", c, code)
		}
		for _, again := range []string{code, strings.ToLower(code), " " + code + " "} {
			if got, err := screening.ParseCountry(again); got != code || err != nil {
				t.Fatalf("ParseCountry(%q) = %q; ParseCountry(%q) = %q, %v", c, code, again, got, err)
			}
		}
		if _, err := s.Screen(t.Context(), screening.Query{Name: "Kaspersky Lab", Country: c}); err != nil {
			t.Fatalf("ParseCountry(%q) = %q, but Screen refuses it: %v", c, code, err)
		}
	})
}

// FuzzParseKind checks ParseKind on any text: an error wraps
// ErrInvalidKind, in valid UTF-8 and of bounded length, and gives
// TypeUnknown; a success is one of the three kinds a query has, and the
// kind's name parses to it again (TypeUnknown's is the empty text).
func FuzzParseKind(f *testing.F) {
	for _, s := range []string{"", " ", "company", "COMPANY", " Person ", "individual", "entity", "organisation",
		"organization", "vessel", "unknown", "\xff", "per\xffson", "ＰＥＲＳＯＮ", "\u212aompany", strings.Repeat("person", 1000)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, err := screening.ParseKind(s)
		if err != nil {
			if !errors.Is(err, screening.ErrInvalidKind) || k != entitylist.TypeUnknown {
				t.Fatalf("ParseKind(%q) = %v, %v: not ErrInvalidKind", s, k, err)
			}
			if msg := err.Error(); !utf8.ValidString(msg) || len(msg) > maxFieldError+len(screening.ErrInvalidKind.Error()) {
				t.Fatalf("ParseKind(%.80q): error of %d bytes, or invalid UTF-8: %.200q", s, len(msg), msg)
			}
			return
		}
		name := ""
		switch k {
		case entitylist.TypeUnknown:
			if strings.TrimSpace(s) != "" {
				t.Fatalf("ParseKind(%q) = TypeUnknown without an error", s)
			}
		case entitylist.TypeEntity, entitylist.TypeIndividual:
			name = k.String()
		default:
			t.Fatalf("ParseKind(%q) = %v, not a kind of query", s, k)
		}
		if again, err := screening.ParseKind(name); again != k || err != nil {
			t.Fatalf("ParseKind(%q) = %v; ParseKind(%q) = %v, %v", s, k, name, again, err)
		}
	})
}

// FuzzOwnEntryFirst checks, on a small in-house list of any three names,
// that each name the list loads finds its own entry first (or tied for
// first), with scores in [0, 1]: the property TestOwnNamesFindOwnEntry
// checks on the embedded list, on names nobody wrote by hand. A name the
// screener cannot index (Skipped) is refused when screened, with a
// screening sentinel; a list of such names only has no Screener.
func FuzzOwnEntryFirst(f *testing.F) {
	f.Add("Kaspersky Lab", "AO Kaspersky Lab", "Kaspersky")
	f.Add("Acme Trading LLC", "Acme Trading", "LLC")
	f.Add("Łódź Trading Sp. z o.o.", "Lodz Trading", "ООО «Лаборатория Касперского»")
	f.Add("SHOIGU, Sergei", "Sergei Shoigu", "Sergei")
	f.Add("华为技术有限公司", "Huawei Technologies Co., Ltd.", "ＡＣＭＥ")
	f.Add("A.T.E. Co", "ATE Co", "A T E")
	f.Add("The The 0", "0", "Foo a.k.a. Bar (f.k.a. Baz)")
	f.Add("A T", "AT", "A")               // one key, a word and initials
	f.Add("AA A AAA", "AAA AAA", "AAA A") // runs met as one word
	f.Fuzz(func(t *testing.T, a, b, c string) {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		_ = w.Write([]string{"name", "id"})
		for i, n := range []string{a, b, c} {
			_ = w.Write([]string{n, string(rune('A' + i))})
		}
		w.Flush()
		list, err := entitylist.ReadInHouse(&buf, "fuzz.csv")
		if err != nil {
			return // a name the loader refuses: FuzzReadInHouse checks the loader
		}
		checkOwnEntryFirst(t, list, false)
	})
}

// FuzzOwnEntryFirstTyped checks FuzzOwnEntryFirst's property on lists of
// the official format, whose rows say the kind of party: a person's name
// written "SURNAME, Given" is read by its parts, a vessel's whole. Each of
// the three rows takes its type from two bits of types, and each name is
// screened as the kind of party its row says, as a vendor file that knows
// it would (a vessel's and an untyped row's name with no kind).
func FuzzOwnEntryFirstTyped(f *testing.F) {
	f.Add("SHOIGU, Sergei", "Sergei Shoigu", "SHOIGU SHIPPING", uint8(0b000100))
	f.Add("KHUN SA", "SA, Khun", "Khun Sa Trading SA", uint8(0b011000))
	f.Add("LI, Ping", "JIN, Ping Li", "Ping Li", uint8(0b100101))
	f.Add("OCEAN STAR", "Ocean Star Shipping LLC", "STAR, Ocean", uint8(0b011110))
	f.Add("AD-DAGESTANI, Abu", "ANCIENT HERITAGE AD", "AD Holding", uint8(0b000100))
	f.Fuzz(func(t *testing.T, a, b, c string, types uint8) {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		_ = w.Write([]string{"_id", "source", "type", "name"})
		for i, n := range []string{a, b, c} {
			typ := [...]string{"", "Individual", "Entity", "Vessel"}[types>>(2*i)&3]
			_ = w.Write([]string{string(rune('A' + i)), "Specially Designated Nationals (SDN) - Treasury Department", typ, n})
		}
		w.Flush()
		list, err := entitylist.ReadCSV(strings.NewReader(cslfixture.Full(buf.String())), "fuzz.csv")
		if err != nil {
			return // a name the loader refuses: FuzzReadCSV checks the loader
		}
		checkOwnEntryFirst(t, list, true)
	})
}

// checkOwnEntryFirst checks that each name of list finds its own entry
// first (or tied for first), with scores in [0, 1], and that a name the
// screener cannot index is refused when screened, with a screening
// sentinel, and reported by Skipped. With kinds, a name of a person or
// of a company is screened as one (Query.Kind).
func checkOwnEntryFirst(t *testing.T, list *entitylist.List, kinds bool) {
	t.Helper()
	s, err := screening.New(list, screening.WithLimit(list.Len()+1))
	if errors.Is(err, screening.ErrNoNames) {
		return // no name to find: nothing but legal forms or punctuation, say
	}
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	skipped := map[string]bool{}
	for _, sk := range s.Skipped() {
		skipped[sk.Name] = true
	}
	for _, e := range list.All() {
		for _, n := range e.Names() {
			q := screening.Query{Name: n}
			if kinds && (e.Type == entitylist.TypeIndividual || e.Type == entitylist.TypeEntity) {
				q.Kind = e.Type
			}
			ms, err := screen(s, q)
			if err != nil {
				if !skipped[n] || !isQueryError(err) {
					t.Fatalf("%q: %v, not reported by Skipped %v", n, err, s.Skipped())
				}
				continue
			}
			for _, m := range ms {
				if m.Score < 0 || m.Score > 1 {
					t.Fatalf("%q: score %v out of [0,1]", n, m.Score)
				}
			}
			if len(ms) == 0 || ms[0].Score != firstScoreOf(ms, e) {
				t.Fatalf("%s %q: own entry not first: %v", e.ID, n, ms)
			}
		}
	}
}

// TestFieldErrorsCut checks that the errors of ParseCountry and ParseKind
// quote a long field cut, not whole: a vendor file's cell may be 64 KiB.
func TestFieldErrorsCut(t *testing.T) {
	long := strings.Repeat("person", 1000)
	for name, parse := range map[string]func(string) error{
		"country": func(s string) error { _, err := screening.ParseCountry(s); return err },
		"kind":    func(s string) error { _, err := screening.ParseKind(s); return err },
	} {
		t.Run(name, func(t *testing.T) {
			err := parse(long)
			require.Error(t, err)
			assert.Less(t, len(err.Error()), maxFieldError, "error of %d bytes", len(err.Error()))
			assert.Contains(t, err.Error(), `"personperson`)
		})
	}
}
