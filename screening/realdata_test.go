package screening_test

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/evalset"
	"github.com/entityscreen/entityscreen/screening"
)

// screenCases screens the cases against list at the default threshold,
// passing each case's country, and its kind when withKind is set, and
// returns one result per case.
func screenCases(t *testing.T, list *entitylist.List, cases []evalset.Case, withKind bool) []screening.Result {
	t.Helper()
	s, err := screening.New(list)
	require.NoError(t, err)
	return screenWith(t, s, cases, "", withKind)
}

// screenWith screens the cases with s, each with its country or, when
// country is not empty, that one, and with its kind (a company or a
// person, as a vendor file would say) when withKind is set. It returns one
// result per case.
func screenWith(t *testing.T, s *screening.Screener, cases []evalset.Case, country string, withKind bool) []screening.Result {
	t.Helper()
	qs := make([]screening.Query, len(cases))
	for i, c := range cases {
		qs[i] = screening.Query{Name: c.Query, Country: cmp.Or(country, c.Country)}
		if withKind {
			k, err := screening.ParseKind(c.Kind)
			require.NoError(t, err, "case %q", c.Query)
			qs[i].Kind = k
		}
	}
	results := s.ScreenAll(context.Background(), qs)
	for i, r := range results {
		require.NoError(t, r.Err, "query %q", cases[i].Query)
	}
	return results
}

// scoreCases counts, per family, the positives found among the alerting
// matches (hits) and found first (top1), and the negatives with any
// alerting match (hits). It logs the by-family table, and with -misses every
// miss and false alarm.
func scoreCases(t *testing.T, cases []evalset.Case, results []screening.Result) map[string]*familyScore {
	t.Helper()
	fams := map[string]*familyScore{}
	for i, c := range cases {
		f := fams[c.Family]
		if f == nil {
			f = &familyScore{}
			fams[c.Family] = f
		}
		f.n++
		var ids []string
		for _, m := range results[i].Matches {
			if m.Alert {
				ids = append(ids, m.Entry.ID)
			}
		}
		if c.Negative() {
			if len(ids) > 0 {
				f.hits++
				if *showMisses {
					t.Logf("ALARM %s %q %s: %v", c.Family, c.Query, c.Country, results[i].Matches[0])
				}
			}
			continue
		}
		hit := slices.ContainsFunc(ids, func(id string) bool { return slices.Contains(c.Expect, id) })
		first := len(ids) > 0 && slices.Contains(c.Expect, ids[0])
		if hit {
			f.hits++
		}
		if first {
			f.top1++
		}
		if *showMisses && !first {
			best := "none"
			if len(results[i].Matches) > 0 {
				best = results[i].Matches[0].String()
			}
			t.Logf("MISS %s %q (list %q) hit=%v best: %s", c.Family, c.Query, c.ListName, hit, best)
		}
	}
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(fams)) {
		f := fams[k]
		if strings.HasPrefix(k, "negative") {
			fmt.Fprintf(&b, "  %-26s false alarms %d/%d (%.4f)\n", k, f.hits, f.n, rate(f.hits, f.n))
		} else {
			fmt.Fprintf(&b, "  %-26s found %d/%d (%.3f) top1 %.3f\n", k, f.hits, f.n, rate(f.hits, f.n), rate(f.top1, f.n))
		}
	}
	t.Logf("by family:\n%s", b.String())
	return fams
}

// sum adds up the scores of the named families.
func sum(fams map[string]*familyScore, names ...string) familyScore {
	var s familyScore
	for _, n := range names {
		if f := fams[n]; f != nil {
			s.n += f.n
			s.hits += f.hits
			s.top1 += f.top1
		}
	}
	return s
}

func rate(k, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(k) / float64(n)
}

// TestRealDataAccuracy scores the matcher on the evaluation sets of package
// evalset, built from real public data beside the project: aliases held out
// of the list, OFAC's re-spellings of listed names between releases, listed
// people written as a vendor file would, and real companies and people that
// are not listed. Each recall floor sits about 0.02 below the figure
// measured when it was set, each false-alarm ceiling about 0.01 above it;
// the targets are those of issue 9. Run with -misses to see
// every miss and false alarm.
func TestRealDataAccuracy(t *testing.T) {
	if testing.Short() || screening.RaceEnabled {
		// Scores are the same under the race detector; the plain run holds
		// them, and TestScreenConcurrentRealCSL the real list's concurrency.
		t.Skip("real-data accuracy test skipped in short mode and under the race detector")
	}
	if _, err := os.Stat(sharedCSL); err != nil {
		t.Skip("shared CSL snapshot not present")
	}
	list, err := realCSL()
	require.NoError(t, err)
	dataDir := filepath.Dir(sharedCSL)

	t.Run("aliases", func(t *testing.T) {
		batches, dropped, err := evalset.AliasHoldout(dataDir, list)
		require.NoError(t, err)
		var cases []evalset.Case
		var results []screening.Result
		for _, b := range batches {
			cases = append(cases, b.Cases...)
			results = append(results, screenCases(t, b.List, b.Cases, false)...)
		}
		t.Logf("%d cases in %d batches; dropped %v", len(cases), len(batches), dropped)
		s := sum(scoreCases(t, cases, results), "alias_holdout")
		// floor: measured 0.730 (699/957) on 2026-12-05 (698/956 before an
		// alias dropped for its first record was a case of the next), after the set lost
		// the cases whose party (the records holding the alias, and rows
		// whose primary name is a name of theirs, in any word order) has a
		// row outside the
		// development split and one case of each alias two records chose,
		// and came to expect every record holding the alias (0.726,
		// 725/999, before); measured 0.726 on 2026-12-04 (0.725 before the index
		// held the misspellings beyond an edit of distinctive words, 0.724
		// before a word that
		// is two words of a name written together by their sound keys
		// found the name, 0.723 before "store" and
		// "shop" were organization words, 0.722 before "chemical" was,
		// 0.721 before two letters met the initials of a run of words when
		// two other words met and a word of the run met again elsewhere
		// left the run free, 0.718 before the words after a legal form
		// inside a name weighed as a branch, 0.717 before "menedzhment"
		// was "management", 0.716 before Thailand's romanized legal forms
		// were legal forms, 0.715 before the Turkish "dis" was "foreign",
		// 0.714 before "brothers" and "hermanos" were organization words,
		// 0.713 before AK before a name was a legal form, 0.701 before "society",
		// "saraya", "katibat" and the other words of the names of
		// charities and armed groups were organization words, the words
		// that names translate ("shargh", "east") met their translations,
		// and PO met "production association", 0.700 before such a word
		// met an organization word in any of its spellings, and only with a
		// distinctive word of the name whole, 0.699 before words nearer by
		// their sound keys than by their keys met so and -gaz sounded as
		// -gas, 0.698 before a place's Russian adjective sounded as the
		// place, 0.697 before a Russian digraph gave both its letters to
		// initials, 0.696 before evro- sounded as euro-, 0.692 before a
		// query of one word met the first letters of all the words of an
		// organization's name, 0.682 before words that say
		// what an organization does met their translations in the
		// languages names are romanized from, and Serbian organization
		// words were organization words, 0.681 before the Persian ezafe
		// was a connector and connectors need not pair in names of
		// organization words alone, 0.680 before the particles
		// bin and binti of Arabic and Malay names were connectors, 0.679
		// before "complex" was an organization word, 0.670 before a word
		// met the initials of a run of words, 0.668 before "to", "with"
		// and "by" were connectors, 0.665
		// before the forms "of open type" and FLLC, 0.662 before Iran's
		// joint stock company forms were legal forms, 0.658 before runs of
		// organization words folded to the Russian abbreviation they stand
		// for, 0.660 before names meeting in one short word only weighed
		// less, 0.643 before the words more of a name contained whole
		// weighed half, 0.659 before everyday words counted half as
		// evidence); target 0.90 (issue 9)
		assert.GreaterOrEqual(t, rate(s.hits, s.n), 0.68, "alias holdout recall")
	})

	t.Run("respellings", func(t *testing.T) {
		cases, dropped, err := evalset.Respellings(dataDir, list)
		require.NoError(t, err)
		t.Logf("%d cases; dropped %v", len(cases), dropped)
		fams := scoreCases(t, cases, screenCases(t, list, cases, false))
		s := sum(fams, "respelling_findable")
		// floor: measured 0.902 on 2026-12-03 (0.891 before an organization
		// word met a word glued to it, 0.880 before a parent's name joined
		// by a hyphen weighed half, 0.848 before the words of a
		// person's name met in other romanizations and further given names
		// spelled nearly did not differ, 0.837 before patronymics met);
		// target 0.90 (issue 9)
		assert.GreaterOrEqual(t, rate(s.hits, s.n), 0.88, "re-spelling recall (findable)")
	})

	t.Run("persons", func(t *testing.T) {
		cases, dropped, err := evalset.Persons(dataDir, list)
		require.NoError(t, err)
		t.Logf("%d cases; dropped %v", len(cases), dropped)
		// The same people written "Surname, Given Middle", as payee files
		// also write them.
		surnameFirst := slices.Clone(cases)
		for i := range surnameFirst {
			require.NotEmpty(t, surnameFirst[i].SurnameFirst, "case %q", surnameFirst[i].Query)
			surnameFirst[i].Query = surnameFirst[i].SurnameFirst
		}
		for _, withKind := range []bool{false, true} {
			fams := scoreCases(t, surnameFirst, screenCases(t, list, surnameFirst, withKind))
			pos := sum(fams, "person_given_last", "person_middle_dropped", "person_given_translit")
			neg := sum(fams, "negative_person", "negative_person_uk")
			t.Logf("persons (surname first, kind given: %v): recall %.4f top1 %.4f false alarms %.4f", withKind, rate(pos.hits, pos.n), rate(pos.top1, pos.n), rate(neg.hits, neg.n))
			// floor and ceilings: measured 1.0000, and 0.0038 by name, 0.0027
			// with the kind, on 2026-12-03 (0.9995, 0.0043 and 0.0032, as
			// written given names first, before such a query's surname and
			// given names had roles and crossed ones weighed less); the
			// ceiling is the target 0.005 (issue 9), met
			assert.GreaterOrEqual(t, rate(pos.hits, pos.n), 0.98, "person recall, surname first")
			assert.LessOrEqual(t, rate(neg.hits, neg.n), 0.005, "person false-alarm rate, surname first")
		}
		// Screened by name alone, and with the kind a vendor file gives
		// ("person"), which the entity-type check uses.
		for _, withKind := range []bool{false, true} {
			fams := scoreCases(t, cases, screenCases(t, list, cases, withKind))
			pos := sum(fams, "person_given_last", "person_middle_dropped", "person_given_translit")
			neg := sum(fams, "negative_person", "negative_person_uk")
			t.Logf("persons (kind given: %v): recall %.4f top1 %.4f false alarms %.4f", withKind, rate(pos.hits, pos.n), rate(pos.top1, pos.n), rate(neg.hits, neg.n))
			require.Positive(t, pos.n, "listed people")
			require.Positive(t, neg.n, "people not listed")
			// floor: measured 1.0000 on 2026-12-03, with or without the kind
			// (0.9995 before listed people's names were read without legal
			// forms, 0.965 before that); target 0.97 (issue 9)
			assert.GreaterOrEqual(t, rate(pos.hits, pos.n), 0.98, "person recall")
			if withKind {
				// ceiling: measured 0.0027 on 2026-12-03 (0.0032 before untyped
				// rows written as people's names were read as people's, 0.0038
				// before a query
				// meeting a further given name but not the first, of a common
				// surname, differed; 0.0043 before place words named people);
				// target 0.005 (issue 9)
				assert.LessOrEqual(t, rate(neg.hits, neg.n), 0.005, "person false-alarm rate, kind given")
			} else {
				// ceiling: measured 0.0038 on 2026-12-03 (0.0043 before untyped
				// rows written as people's names were read as people's, 0.0048
				// before a query
				// meeting a further given name but not the first, of a common
				// surname, differed; 0.0054 before place words named people,
				// 0.0155 before that); target 0.005 (issue 9)
				assert.LessOrEqual(t, rate(neg.hits, neg.n), 0.005, "person false-alarm rate, name alone")
			}
		}
	})

	t.Run("companies", func(t *testing.T) {
		cases, dropped, err := evalset.Companies(dataDir)
		require.NoError(t, err)
		t.Logf("%d cases; dropped %v", len(cases), dropped)
		// Screened by name alone, and with the kind a vendor file gives
		// ("company"). Ceilings: measured on 2026-12-03, by name and with
		// the country, 0.0093 and 0.0036 by name alone (0.0092 before
		// "chemical" was an organization word; 0.0096 and 0.0040
		// before a company query weighed less against a person named by one
		// word and against an organization named by another place, and
		// untyped rows written as people's names were read as people's;
		// 0.0125 and 0.0047
		// before one everyday word met inside a longer name weighed less,
		// "Bancorp" stopped meeting "Bank", everyday words written together
		// counted as everyday words and a name of one word stopped being
		// read as the organization word it misspells; 0.0141 and 0.0048
		// before a misspelling alone of a one-word a.k.a. that is not a
		// word of the entry's own name weighed less; 0.0054 with the
		// country before a name leaving out what a listed party of one
		// distinctive word does weighed less abroad, 0.0057 before a listed
		// person's or craft's name of one word
		// weighed less abroad, 0.0143 by name before a query's initials stopped meeting
		// one word of a longer list name; 0.0066 with the country before a name of
		// one everyday word abroad weighed less;
		// 0.0164 and 0.0094
		// before names meeting in one short word only weighed less, 0.0160
		// and 0.0092 before the words more of a name contained whole weighed half,
		// 0.0168 and 0.0096 before "Bancorp" was an organization word and
		// a vessel's flag a country, 0.0222 and 0.0123 before everyday
		// words counted half as evidence, 0.0282 and 0.0230 before that),
		// 0.0117 and 0.0043 with the kind (0.0131 and 0.0045 before that
		// misspelling rule, 0.0051 with the country before
		// a name leaving out what a listed party does weighed less abroad);
		// targets 0.01 and 0.005 (issue 9). The ceilings are the targets
		// where they are met, and a little above the figure where not.
		for _, withKind := range []bool{false, true} {
			fams := scoreCases(t, cases, screenCases(t, list, cases, withKind))
			name, country := sum(fams, "negative_company"), sum(fams, "negative_company_country")
			require.Positive(t, name.n, "companies")
			require.Positive(t, country.n, "companies with their country")
			t.Logf("companies (kind given: %v): false alarms %.4f by name, %.4f with the country",
				withKind, rate(name.hits, name.n), rate(country.hits, country.n))
			assert.LessOrEqual(t, rate(name.hits, name.n), 0.01, "company false-alarm rate, name alone (kind given: %v)", withKind)
			assert.LessOrEqual(t, rate(country.hits, country.n), 0.005, "company false-alarm rate, with country (kind given: %v)", withKind)
		}
	})
}
