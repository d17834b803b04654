package screening_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/cslfixture"
	"github.com/entityscreen/entityscreen/internal/evalset"
	"github.com/entityscreen/entityscreen/screening"
)

// unScriptRecords reads the records of the shared UN list with a name in
// Arabic script, skipping the test when the shared data is absent.
func unScriptRecords(t *testing.T) []evalset.ScriptRecord {
	t.Helper()
	if testing.Short() {
		t.Skip("real-data script test skipped in short mode")
	}
	dataDir := filepath.Dir(sharedCSL)
	if _, err := os.Stat(filepath.Join(dataDir, evalset.UNFile)); err != nil {
		t.Skip("shared UN list not present")
	}
	recs, dropped, err := evalset.UNArabicScript(dataDir)
	require.NoError(t, err)
	t.Logf("%d UN records with a name in Arabic script; dropped %v", len(recs), dropped)
	require.NotEmpty(t, recs)
	return recs
}

// scriptList makes a list in the CSL format of one entry per record, named
// by names(record): the first is the entry's name, the others its aliases.
func scriptList(t *testing.T, recs []evalset.ScriptRecord, names func(evalset.ScriptRecord) []string) *entitylist.List {
	t.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	require.NoError(t, w.Write([]string{"_id", "source", "type", "name", "alt_names"}))
	for _, r := range recs {
		typ := "Entity"
		if r.Kind == "person" {
			typ = "Individual"
		}
		ns := names(r)
		require.NoError(t, w.Write([]string{r.ID, "UN Security Council Consolidated List", typ, ns[0], strings.Join(ns[1:], "; ")}))
	}
	w.Flush()
	l, err := entitylist.ReadCSV(strings.NewReader(cslfixture.Full(b.String())), "un-script-test")
	require.NoError(t, err)
	return l
}

// scriptScore counts, over queries of known records, those whose record
// alerts (found), alerts first (top1), and those on which another record
// alerts (alarms).
type scriptScore struct{ n, found, top1, alarms int }

func (s *scriptScore) add(want string, r screening.Result) {
	s.n++
	first := true
	var found, alarm bool
	for _, m := range r.Matches {
		if !m.Alert {
			continue
		}
		if m.Entry.ID == want {
			found = true
			if first {
				s.top1++
			}
		} else {
			alarm = true
		}
		first = false
	}
	if found {
		s.found++
	}
	if alarm {
		s.alarms++
	}
}

func (s scriptScore) String() string {
	return fmt.Sprintf("found %d/%d (%.3f), top1 %.3f, another record alerts %d/%d (%.3f)",
		s.found, s.n, rate(s.found, s.n), rate(s.top1, s.n), s.alarms, s.n, rate(s.alarms, s.n))
}

// TestScriptsArabicUN screens the names of the UN list written in Arabic
// script (Arabic, Persian, Urdu, Pashto) of the records of the development
// split against a list of every record's names in Latin letters: each
// must find its own record (issue 15: 90%), people and entities apart (an
// entity's Latin names are often translations, which its words of
// organizations read in English meet: "Revival of Islamic Heritage
// Society" for جمعية احياء التراث الاسلامي). The other records are not
// screened: they are kept for an independent check, as the CSL's are.
// Another record alerting is counted too, beside the same count for the
// records' Latin names, which alert on their relatives ("Saddam Hussein
// al-Tikriti" and his sons) as much. The other way round, real people and
// companies that are not listed, written in Latin letters (the negative
// sets of package evalset), are screened against a list of the
// Arabic-script names: they must not start alerting on them. Run with
// -misses to see every miss.
func TestScriptsArabicUN(t *testing.T) {
	recs := unScriptRecords(t)
	latin := scriptList(t, recs, func(r evalset.ScriptRecord) []string { return r.Latin })
	s, err := screening.New(latin)
	require.NoError(t, err)
	var dev []evalset.ScriptRecord
	for _, r := range recs {
		if r.Dev {
			dev = append(dev, r)
		}
	}
	qs := make([]screening.Query, 0, 2*len(dev))
	for _, r := range dev {
		qs = append(qs, screening.Query{Name: r.Original})
	}
	for _, r := range dev {
		qs = append(qs, screening.Query{Name: r.Latin[0]})
	}
	results := s.ScreenAll(context.Background(), qs)
	scores := map[string]*scriptScore{}
	score := func(key string) *scriptScore {
		if scores[key] == nil {
			scores[key] = &scriptScore{}
		}
		return scores[key]
	}
	for i, r := range results[:len(dev)] {
		require.NoError(t, r.Err, "query %q", dev[i].Original)
		rec := dev[i]
		score("dev").add(rec.ID, r)
		score("dev "+rec.Kind).add(rec.ID, r)
		score("latin dev").add(rec.ID, results[len(dev)+i])
		if *showMisses {
			if !slices.ContainsFunc(r.Matches, func(m screening.Match) bool { return m.Alert && m.Entry.ID == rec.ID }) {
				best := "none"
				if len(r.Matches) > 0 {
					best = r.Matches[0].String()
				}
				t.Logf("MISS %q (%q): best %s", rec.Original, rec.Latin, best)
			}
		}
	}
	for _, k := range []string{"dev", "dev person", "dev company", "latin dev"} {
		t.Logf("%-17s %v", k, *score(k))
	}
	found := *score("dev")
	t.Logf("Arabic script against the Latin names: development split found %d/%d (%.3f)",
		found.found, found.n, rate(found.found, found.n))

	// Unrelated Latin names against the Arabic-script names.
	arabic := scriptList(t, recs, func(r evalset.ScriptRecord) []string { return []string{r.Original} })
	dataDir := filepath.Dir(sharedCSL)
	var negatives []evalset.Case
	if list, err := realCSL(); err == nil {
		persons, _, err := evalset.Persons(dataDir, list)
		require.NoError(t, err)
		companies, _, err := evalset.Companies(dataDir)
		require.NoError(t, err)
		for _, c := range append(persons, companies...) {
			if c.Negative() && c.Country == "" {
				negatives = append(negatives, c)
			}
		}
	}
	if len(negatives) == 0 {
		t.Skip("shared negative sets not present")
	}
	fams := scoreCases(t, negatives, screenCases(t, arabic, negatives, false))
	neg := sum(fams, "negative_person", "negative_person_uk", "negative_company")
	t.Logf("unrelated Latin names against the Arabic-script names: false alarms %d/%d (%.4f)", neg.hits, neg.n, rate(neg.hits, neg.n))

	// floors: measured on 2026-12-05, development split 0.949 (issue 15's
	// target is 0.90); people 0.957, entities 0.913; another record
	// alerting 21/138 (related records, as the Latin names' 17);
	// unrelated names' false alarms 0.0001. (Until 2026-12-05 the
	// held-out records were screened and held to floors too.)
	assert.GreaterOrEqual(t, rate(found.found, found.n), 0.93, "development split recall")
	assert.LessOrEqual(t, rate(neg.hits, neg.n), 0.002, "unrelated Latin names alerting on Arabic-script names")
}

// TestArabicScriptReadings checks how names written in Arabic script meet
// the Latin spellings lists use: a word read letter by letter, its vowels
// guessed, meets a word of the same consonants, alone or written as two
// words; a name's single-word reading in another style counts; a
// common name of the table does not meet another name of its consonants;
// and an organization's name meets its English translation.
func TestArabicScriptReadings(t *testing.T) {
	var common strings.Builder // people with common names, so that the weights are those of a real list
	for i := range 40 {
		fmt.Fprintf(&common, "c%d,SDN,Individual,\"KHAN, Given%c%c\"\nm%d,SDN,Individual,\"SURNAME%c%c, Mohammed\"\n",
			i, 'a'+i/26, 'a'+i%26, i, 'a'+i/26, 'a'+i%26)
	}
	l, err := entitylist.ReadCSV(strings.NewReader(cslfixture.Full("_id,source,type,name\n"+common.String()+
		"1,SDN,Individual,ABDULHAI MOTMAEN\n"+
		"2,SDN,Individual,SHAMSUDDIN\n"+
		"3,SDN,Individual,MOHAMMED QASIM MIR WALI KHUDAI RAHIM\n"+
		"4,SDN,Individual,\"MAHMOUD, Ali\"\n"+
		"5,SDN,Individual,JAWHAR DOST\n"+
		"6,SDN,Entity,ISLAMIC RESISTANCE BRIGADES\n"+
		"7,SDN,Entity,EGYPTIAN ISLAMIC FRONT\n")), "arabic")
	require.NoError(t, err)
	s, err := screening.New(l)
	require.NoError(t, err)
	for _, tc := range []struct {
		query, want string // want "" for no alert
	}{
		{"عبدالحی مطمئن", "1"},              // Matmin and Motmaen: the same consonants
		{"شمس الدین", "2"},                  // Shamsuddin in the South Asian style, a single word
		{"محمد قاسم میر ولی خدايرحيم", "3"}, // Khudai Rahim written as one word
		{"جوهر دوست", "5"},                  // و a long u (Juhr) or the w of Jawhar
		{"محمد علي", ""},                    // Muhammad is no Mahmoud, though of the same consonants
		{"مطمئن", ""},                       // one word of a name is no name
		{"كتائب المقاومة الإسلامية", "6"},   // an organization's name in English
		{"الجبهة الاسلامية المصرية", "7"},   // its adjective of a place too
		{"محمد المصري", ""},                 // a person's al-Masri is no Egyptian
	} {
		firstIs(t, s, tc.query, tc.want)
	}
}
