package screening_test

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// fuzzScreener is built once per process: the embedded list, with near
// misses reported too so that more of the scorer is exercised.
var fuzzScreener = sync.OnceValues(func() (*screening.Screener, error) {
	return screening.New(entitylist.Default(), screening.WithMinScore(0.2), screening.WithLimit(8))
})

// fuzzEntries are the keys of the embedded list's entries, and their
// names by key.
var fuzzEntries = sync.OnceValue(func() fuzzList {
	l := fuzzList{keys: entitylist.Default().Keys(), names: make(map[entitylist.EntryKey][]string)}
	for i, e := range entitylist.Default().All() {
		l.names[l.keys[i]] = e.Names()
	}
	return l
})

type fuzzList struct {
	keys  []entitylist.EntryKey
	names map[entitylist.EntryKey][]string
}

// hardNames are names that have broken screening code elsewhere: diacritics
// outside NFKD, full-width forms, scripts, invisible characters, legal forms
// alone, and very long input.
var hardNames = []string{
	"Łódź", "Łódź Trading Sp. z o.o.", "ＡＣＭＥ", "ＡＣＭＥ Ｃｏ．，Ｌｔｄ．", "ß", "Straße GmbH", "STRASSE",
	"ООО «Лаборатория Касперского»", "Касперский", "АО Лаборатория Касперского",
	"华为技术有限公司", "Huawei Technologies Co., Ltd. (华为技术有限公司)", "中国电子科技集团公司第十三研究所",
	"Kas\u200bpersky\u200c Lab\u200d", "\ufeffKaspersky Lab", "\u00adKaspersky\u00ad",
	"\u202eKaspersky Lab\u202c", "\u2067Kaspersky\u2069 \u200fLab\u200e", "\u202e\u202d\u202c",
	"!!!", "...,,,;;;", "()", "( ) ,", "-", "&", "Ltd.", "LLC", "OOO", "GmbH & Co. KG", "S.A. de C.V.",
	"The", "The The 0", "a.k.a.", "f.k.a. (", "A.T.E. Co", "Foo a.k.a. Bar (f.k.a. Baz)",
	strings.Repeat("Kaspersky ", 1000), strings.Repeat("AB ", 340), strings.Repeat("a.k.a. (x) ", 90),
	strings.Repeat("x", 1024), strings.Repeat("é", 512),
	"Latin Кириллица Ελληνικά Հայերեն ქართული العربية עברית 中文 ひらがな カタカナ 한국어 हिन्दी ไทย ትግርኛ 𓀀",
	"Kaspersky\x00Lab", "Kaspersky\tLab\r\n", "\x7f\x1b[31mred", "Kaspersky \xff Lab", "\xc3\x28",
	"AO Kaspersky Lab", "Kaspersky Lab JSC", "48th Research Institute", "SEPAH", "Mahan Air",
}

// FuzzScreen checks Screen's invariants on any name, country, kind, address
// and identifier: no panic; either an error that is one of the screening
// sentinels, or at most the limit of matches, best first, with scores in
// [0, 1], Alert exactly when the score reaches the threshold, entries and
// matched names from the list; and the same query twice gives the same
// answer.
func FuzzScreen(f *testing.F) {
	for _, n := range hardNames {
		f.Add(n, "", uint8(0), "", "")
	}
	f.Add("Kaspersky Lab", "RU", uint8(1), "39A Leningradskoe Highway, Moscow", "")
	f.Add("Kaspersky Lab", "ru ", uint8(2), "", "7736640919")
	f.Add("Kaspersky Lab", "Russia", uint8(3), "\xff", "")
	f.Add("Kaspersky Lab", "\xff\xfe", uint8(0), "...", "12-34-56")
	f.Fuzz(func(t *testing.T, name, country string, kind uint8, address, id string) {
		s, err := fuzzScreener()
		if err != nil {
			t.Fatal(err)
		}
		q := screening.Query{Name: name, Country: country, Kind: entitylist.EntityType(kind), Address: address, ID: id}
		ms, err := screen(s, q)
		if err != nil {
			if ms != nil {
				t.Fatalf("%q: matches %v with error %v", name, ms, err)
			}
			if !isQueryError(err) {
				t.Fatalf("%q %q: error %v is no screening sentinel", name, country, err)
			}
			return
		}
		checkMatches(t, s, q, ms)
		again, err := screen(s, q)
		if err != nil || !reflect.DeepEqual(ms, again) {
			t.Fatalf("%q: second run differs: %v, %v; first %v", name, again, err, ms)
		}
	})
}

func isQueryError(err error) bool {
	for _, sentinel := range []error{screening.ErrEmptyName, screening.ErrInvalidUTF8, screening.ErrTooLong,
		screening.ErrInvalidCountry, screening.ErrInvalidKind} {
		if errors.Is(err, sentinel) {
			return true
		}
	}
	return false
}

// checkMatches checks the invariants of a successful Screen of q by s
// against the embedded list.
func checkMatches(t *testing.T, s *screening.Screener, q screening.Query, ms []screening.Match) {
	t.Helper()
	if len(ms) > 8 {
		t.Fatalf("%q: %d matches, limit 8", q.Name, len(ms))
	}
	entries := fuzzEntries()
	seen := make(map[entitylist.EntryKey]bool)
	for i, m := range ms {
		if math.IsNaN(m.Score) || m.Score < 0 || m.Score > 1 {
			t.Fatalf("%q: score %v out of [0,1]: %v", q.Name, m.Score, m)
		}
		if m.Score < 0.2 {
			t.Fatalf("%q: score %v under the minimum score 0.2", q.Name, m.Score)
		}
		if i > 0 && m.Score > ms[i-1].Score {
			t.Fatalf("%q: not best first: %v after %v", q.Name, m, ms[i-1])
		}
		if m.Alert != (m.Score >= s.Threshold()) {
			t.Fatalf("%q: Alert %v with score %v, threshold %v", q.Name, m.Alert, m.Score, s.Threshold())
		}
		at, _, ok := m.Indexes()
		var k entitylist.EntryKey
		if ok {
			k = entries.keys[at]
		}
		names := entries.names[k]
		if !ok || !reflect.DeepEqual(names, m.Entry.Names()) {
			t.Fatalf("%q: entry %s is not from the list", q.Name, m.Entry.ID)
		}
		if seen[k] {
			t.Fatalf("%q: entry %s reported twice", q.Name, m.Entry.ID)
		}
		seen[k] = true
		found := false
		for _, n := range names {
			found = found || n == m.MatchedName
		}
		if !found {
			t.Fatalf("%q: matched name %q is not a name of %s", q.Name, m.MatchedName, m.Entry.ID)
		}
		if m.Version.SHA256 != s.List().Version().SHA256 {
			t.Fatalf("%q: match version %v, list %v", q.Name, m.Version, s.List().Version())
		}
		if math.Abs(m.Explanation.Score-m.Score) > 1e-9 {
			t.Fatalf("%q: explanation score %v, match score %v", q.Name, m.Explanation.Score, m.Score)
		}
	}
}
