package screening_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/cslfixture"
	"github.com/entityscreen/entityscreen/screening"
)

// reachCheck screens each query against the entries of keys alone, every
// candidate reported (minimum score 0), and checks that the Reach of keys
// passes the footprint of every query that finds one. It returns how many
// queries the Reach passed and how many found a candidate.
func reachCheck(t *testing.T, s *screening.Screener, queries []string, keys []entitylist.EntryKey) (passed, found int) {
	t.Helper()
	ctx := context.Background()
	r := s.Reach(keys...)
	qs := make([]screening.Query, len(queries))
	for i, q := range queries {
		qs[i] = screening.Query{Name: q}
	}
	results := s.ScreenAll(ctx, qs, screening.WithEntries(keys...), screening.WithMinScore(0), screening.WithLimit(1000))
	for i, res := range results {
		fp, err := screening.Footprint(queries[i])
		if res.Err != nil {
			assert.Error(t, err, "Footprint takes %q, which Screen refuses", queries[i])
			continue
		}
		require.NoError(t, err, "query %q", queries[i])
		ok, err := r.Reaches(fp)
		require.NoError(t, err)
		if ok {
			passed++
		}
		if len(res.Matches) > 0 {
			found++
			if !ok {
				t.Errorf("%q finds %q (%.4f) among the entries, but the Reach rejects its footprint",
					queries[i], res.Matches[0].MatchedName, res.Matches[0].Score)
			}
		}
	}
	return passed, found
}

// TestReachHandMade checks the Reach on a small list against queries that
// each meet one entry in one of the ways retrieval knows, and against
// queries that meet none.
func TestReachHandMade(t *testing.T) {
	list, err := entitylist.ReadInHouse(strings.NewReader(`name,aliases,country,id,notes
Kaspersky Lab,,RU,K1,
Gazprombank,,RU,G1,
Islamic Revolutionary Guard Corps,,IR,I1,
VTKP,,RU,A1,
"TAVANA, Ali Akbar",,IR,T1,
"KARIMOV, Mohammed",,UZ,P1,
Filip Baranov,,RU,F1,
LABVOLTRAN,,RU,L1,
SINTOREXLAB,,RU,L2,
Sintara Technologies,,CN,H2,
VOLTARKREON,,RU,J1,
Sintara Technologies,,CN,H2,
VOLTARKREON,,RU,J1,
Huawei Technologies Co. Ltd.,,CN,H1,
Rosoboronexport,,RU,R1,
Volga Machinery Plant 7,,RU,V1,
Acme Paper Supplies,,US,A2,
Contoso Shipping Company,,US,C1,
Osbat,,LB,X1,
Cel Torsan Trading,,RU,B2,
Jamatul Ahrar,,PK,J2,
`), "hand-made")
	require.NoError(t, err)
	s, err := screening.New(list)
	require.NoError(t, err)
	keys := map[string]entitylist.EntryKey{}
	for _, k := range list.Keys() {
		keys[k.ID] = k
	}
	for _, tc := range []struct{ query, entry string }{
		{"Kaspersky Lab", "K1"},                  // the same words
		{"Kasperskiy Labs", "K1"},                // a misspelling
		{"Kapsersky", "K1"},                      // neighbours swapped
		{"KasperskyLab", "K1"},                   // glued to an organization word
		{"Gazprom Bank", "G1"},                   // split
		{"Kelltorsan", "B2"},                     // glued, the same sound keys
		{"Jamaat Ul", "J2"},                      // two words written together, the same sound keys
		{"IRGC", "I1"},                           // the initials of the name
		{"Velmar Torsk Kandor Pribal LLC", "A1"}, // the name the initials of the query
		{"Ali Tavana", "T1"},                     // a person
		{"Mehmet Uzun", "P1"},                    // a given name in another romanization
		{"Philipp Orlov", "F1"},                  // the same sound key, beyond the typo budget
		{"Laboratories Voltran", "L1"},           // an organization word, then the name it is glued to
		{"Sintorex Laboratories", "L2"},          // the name, then the organization word
		{"Huawei Tecnologies", "H1"},             // a misspelt organization word
		{"Northwind Tecnologies", "H2"},          // that alone
		{"Voltar (Beta) Kreon", "J1"},            // words written together once the parenthetical is gone
		{"R0s0b0r0nexp0rt", "R1"},                // digits for letters
		{"Volga Machinery Plant 9", "V1"},        // words in common
		{"Contoso Shipping Company", "C1"},       // an organization word alone would do
		{"Kaspersky Laboratory (Moscow)", "K1"},  // a parenthetical
		{"عصبة", "X1"},                           // Arabic script: the consonants of a word
	} {
		t.Run(tc.query, func(t *testing.T) {
			passed, found := reachCheck(t, s, []string{tc.query}, []entitylist.EntryKey{keys[tc.entry]})
			assert.Equal(t, 1, found, "the query finds its entry")
			assert.Equal(t, 1, passed)
		})
	}

	changed := []entitylist.EntryKey{keys["K1"], keys["G1"], keys["I1"], keys["T1"], keys["H1"], keys["R1"], keys["V1"]}
	apart := []string{"Northwind Traders", "Wingtip", "Tailspin Toys", "Acme Paper Supplies"}
	passed, found := reachCheck(t, s, apart, changed)
	assert.Zero(t, found)
	assert.Zero(t, passed, "no word of these meets a changed entry")
	assert.False(t, must(s.Reach().Reaches(must(screening.Footprint("Kaspersky Lab")))), "no keys reach nothing")
}

// TestReachGenerated checks the Reach on generated lists and queries:
// names of common words, queries that take words from them, respelled,
// glued, split or abbreviated, and others.
func TestReachGenerated(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	words := []string{"Kaspersky", "Volga", "Orion", "Golden", "Star", "Shipping", "Trading", "Industries", "Global",
		"Machinery", "Bank", "Technologies", "International", "Hikvision", "Petro", "Chemical", "Holding", "Group",
		"Ivan", "Petrov", "Mohammed", "Ali", "Pacific", "Logistics", "Electronics", "Rostec", "Almaz", "Antey"}
	forms := []string{"", " Ltd", " LLC", " Co., Ltd.", " JSC", " GmbH"}
	name := func() string {
		n := 1 + r.IntN(3)
		ws := make([]string, n)
		for i := range ws {
			ws[i] = words[r.IntN(len(words))]
		}
		return strings.Join(ws, " ") + forms[r.IntN(len(forms))]
	}
	respell := func(s string) string {
		b := []byte(s)
		switch i := r.IntN(len(b)); r.IntN(6) {
		case 0: // a letter dropped
			return string(append(b[:i:i], b[i+1:]...))
		case 1: // neighbours swapped
			if i+1 < len(b) {
				b[i], b[i+1] = b[i+1], b[i]
			}
		case 2: // a letter changed
			b[i] = 'a' + byte(r.IntN(26))
		case 3: // words glued
			return strings.Replace(s, " ", "", 1)
		case 4: // a word split
			if i > 0 {
				return s[:i] + " " + s[i:]
			}
		case 5: // initials
			var in []byte
			for _, w := range strings.Fields(s) {
				in = append(in, w[0])
			}
			return string(in)
		}
		return string(b)
	}
	var tested, reached int
	for range 20 {
		var rows []string
		for i := range 60 {
			rows = append(rows, fmt.Sprintf("%q,,,E%d,", name(), i))
		}
		list, err := entitylist.ReadInHouse(strings.NewReader("name,aliases,country,id,notes\n"+strings.Join(rows, "\n")+"\n"), "generated")
		require.NoError(t, err)
		s, err := screening.New(list)
		require.NoError(t, err)
		keys := list.Keys()
		var changed []entitylist.EntryKey
		for _, i := range r.Perm(len(keys))[:5] {
			changed = append(changed, keys[i])
		}
		var queries []string
		for range 100 {
			q := name()
			if r.IntN(2) == 0 {
				q = list.Entry(r.IntN(list.Len())).Name
			}
			for range r.IntN(3) {
				q = respell(q)
			}
			queries = append(queries, q)
		}
		p, f := reachCheck(t, s, queries, changed)
		tested += f
		reached += p
	}
	assert.Greater(t, tested, 100, "enough queries find a changed entry to test the Reach")
	t.Logf("%d queries found a changed entry; the Reach passed %d of 2000", tested, reached)
}

// TestReachRealData checks the Reach on the 2022 CSL against the
// evaluation queries (listed names respelled, translated, abbreviated, and
// names of companies that are not listed), each screened against sets of
// entries: those the queries find on the whole list, and random ones.
func TestReachRealData(t *testing.T) {
	if testing.Short() {
		t.Skip("real-data test skipped in short mode")
	}
	s := realScreener(t)
	var queries []string
	for _, c := range append(readEval(t, sharedEval), readEval(t, sharedSubsidiaries)...) {
		queries = append(queries, c.Query)
	}
	if screening.RaceEnabled {
		queries = queries[:400]
	}
	list := s.List()
	keys := list.Keys()
	r := rand.New(rand.NewPCG(3, 5))
	ctx := context.Background()
	var passed, found, total int
	for batch := 0; batch < len(queries); batch += 250 {
		qs := queries[batch:min(batch+250, len(queries))]
		// The entries the batch finds on the whole list, some below the
		// threshold, and as many random ones.
		seen := map[entitylist.EntryKey]bool{}
		var changed []entitylist.EntryKey
		for _, q := range qs {
			res, err := s.Screen(ctx, screening.Query{Name: q}, screening.WithMinScore(0.5), screening.WithLimit(3))
			if err != nil {
				continue
			}
			for _, m := range res.Matches {
				at, _, _ := m.Indexes()
				if k := keys[at]; !seen[k] && len(changed) < 30 {
					seen[k] = true
					changed = append(changed, k)
				}
			}
		}
		for range 30 {
			changed = append(changed, keys[r.IntN(len(keys))])
		}
		p, f := reachCheck(t, s, qs, changed)
		passed, found, total = passed+p, found+f, total+len(qs)
	}
	assert.Greater(t, found, total/10, "enough queries find a changed entry to test the Reach")
	t.Logf("%d of %d queries found a changed entry; the Reach passed %d", found, total, passed)
}

// TestReachPersonReading checks that a footprint holds the words of a
// name read as a person's, without legal forms, as a query of unknown kind
// that may be a person's name is screened ("Pao Zhu" meets "PAO, Wen Jie"
// by its "Pao").
func TestReachPersonReading(t *testing.T) {
	list, err := entitylist.ReadCSV(strings.NewReader(cslfixture.Full("_id,source,type,name\n"+
		"1,SDN,Individual,\"PAO, Wen Jie\"\n")), "people")
	require.NoError(t, err)
	s, err := screening.New(list)
	require.NoError(t, err)
	passed, found := reachCheck(t, s, []string{"Pao Zhu"}, list.Keys())
	assert.Equal(t, 1, found, "the query finds the entry")
	assert.Equal(t, 1, passed)
}

// TestReachBadFootprint checks that a footprint of another version, or
// cut short, is an error rather than an answer.
func TestReachBadFootprint(t *testing.T) {
	list, err := entitylist.ReadInHouse(strings.NewReader("name,aliases,country,id,notes\nKaspersky Lab,,RU,K1,\n"), "x")
	require.NoError(t, err)
	s, err := screening.New(list)
	require.NoError(t, err)
	r := s.Reach(list.Keys()...)
	fp, err := screening.Footprint("Kaspersky Labs GmbH (Kaspersky Lab)")
	require.NoError(t, err)
	ok, err := r.Reaches(fp)
	require.NoError(t, err)
	assert.True(t, ok)
	for n := range len(fp) {
		_, err := r.Reaches(fp[:n])
		assert.Error(t, err, "cut to %d bytes", n)
	}
	_, err = r.Reaches(append(append([]byte(nil), fp...), 0))
	assert.Error(t, err, "a byte too many")
	bad := append([]byte(nil), fp...)
	bad[0]++
	_, err = r.Reaches(bad)
	assert.Error(t, err, "another version")
	_, err = screening.Footprint("Ltd.")
	assert.ErrorIs(t, err, screening.ErrEmptyName)
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestReachAllocs checks that testing a footprint that reaches nothing
// allocates nothing: a run tests a million of them.
func TestReachAllocs(t *testing.T) {
	if screening.RaceEnabled {
		t.Skip("allocations mean little under the race detector")
	}
	list, err := entitylist.ReadInHouse(strings.NewReader("name,aliases,country,id,notes\nKaspersky Lab,,RU,K1,\nOrion Star Shipping,,AE,O1,\n"), "x")
	require.NoError(t, err)
	s, err := screening.New(list)
	require.NoError(t, err)
	r := s.Reach(list.Keys()...)
	fp, err := screening.Footprint("Pacific Paper Supplies (Northwind) Ltd")
	require.NoError(t, err)
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		if ok, err := r.Reaches(fp); ok || err != nil {
			t.Fatal(ok, err)
		}
	}))
}

// A program that keeps the footprints of the names it screened tests them
// against the entries a new list version changed: only the names a Reach
// passes need screening against those entries.
func ExampleScreener_Reach() {
	list, err := entitylist.ReadInHouse(strings.NewReader(`name,aliases,country,id,notes
Kaspersky Lab,,RU,K1,
Orion Star Shipping,,AE,O1,
`), "example")
	if err != nil {
		panic(err)
	}
	s, err := screening.New(list)
	if err != nil {
		panic(err)
	}
	r := s.Reach(list.Keys()[0]) // say the new version changed Kaspersky Lab
	for _, name := range []string{"Kasperskiy Labs GmbH", "Northwind Traders", "Orion Shipping LLC"} {
		fp, err := screening.Footprint(name) // made once, when the name was first screened
		if err != nil {
			panic(err)
		}
		ok, err := r.Reaches(fp)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s: %v\n", name, ok)
	}
	// Output:
	// Kasperskiy Labs GmbH: true
	// Northwind Traders: false
	// Orion Shipping LLC: false
}
