package screening_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"strings"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// Screen one supplier record against the embedded sample list.
func Example() {
	s, err := screening.New(entitylist.Default())
	if err != nil {
		log.Fatal(err)
	}
	r, err := s.Screen(context.Background(), screening.Query{Name: "KASPERSKY LABS LTD.", Country: "GB"})
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range r.Matches {
		fmt.Printf("%.2f %s %s %s\n", m.Score, m.Entry.Source, m.Entry.Name, m.Entry.FederalRegisterNotices[0])
	}
	// Output:
	// 1.00 EL Kaspersky Labs Limited 89 FR 52362
	// 0.83 EL AO Kaspersky Lab 89 FR 52362
}

// Names in other scripts and romanizations meet their list entries.
func ExampleScreener_Screen() {
	s, err := screening.New(entitylist.Default())
	if err != nil {
		log.Fatal(err)
	}
	for _, name := range []string{"ООО Касперский Груп", "Kasperskiy Laboratory", "Kasper Holdings Inc"} {
		r, err := s.Screen(context.Background(), screening.Query{Name: name})
		if err != nil {
			log.Fatal(err)
		}
		if len(r.Matches) == 0 {
			fmt.Printf("%s: no match\n", name)
			continue
		}
		fmt.Printf("%s: %s\n", name, r.Matches[0].Entry.Name)
	}
	// Output:
	// ООО Касперский Груп: OOO Kaspersky Group
	// Kasperskiy Laboratory: AO Kaspersky Lab
	// Kasper Holdings Inc: no match
}

// Screen a batch on all cores; results come back in input order.
func ExampleScreener_ScreenAll() {
	s, err := screening.New(entitylist.Default())
	if err != nil {
		log.Fatal(err)
	}
	queries := []screening.Query{{Name: "Huawei Technologies Co., Ltd."}, {Name: "Ltd."}, {Name: "Acme Widgets Inc"}}
	for _, r := range s.ScreenAll(context.Background(), queries) {
		switch {
		case r.Err != nil:
			fmt.Printf("%q: error: %v\n", r.Query.Name, r.Err)
		case len(r.Matches) > 0:
			fmt.Printf("%q: %d match(es), best %s\n", r.Query.Name, len(r.Matches), r.Matches[0].Entry.Name)
		default:
			fmt.Printf("%q: clear\n", r.Query.Name)
		}
	}
	// Output:
	// "Huawei Technologies Co., Ltd.": 2 match(es), best Huawei Technologies Co., Ltd. (Huawei)
	// "Ltd.": error: screening: empty name: "Ltd."
	// "Acme Widgets Inc": clear
}

// Screen a stream of any length: results come in input order as they are
// done, with memory flat however many queries there are.
func ExampleScreener_ScreenSeq() {
	s, err := screening.New(entitylist.Default())
	if err != nil {
		log.Fatal(err)
	}
	names := func(yield func(screening.Query) bool) {
		for _, n := range []string{"Kaspersky Lab JSC", "Acme Widgets Inc", "Hikvision Europe B.V."} {
			if !yield(screening.Query{Name: n}) {
				return
			}
		}
	}
	for r := range s.ScreenSeq(context.Background(), names, screening.WithWorkers(2)) {
		fmt.Printf("%q alert=%v\n", r.Query.Name, r.Alert())
	}
	// Output:
	// "Kaspersky Lab JSC" alert=true
	// "Acme Widgets Inc" alert=false
	// "Hikvision Europe B.V." alert=true
}

// Options given to one call apply to it alone: near misses for an
// analyst's review, or only the Entity List, without building another
// Screener.
func ExampleWithMinScore() {
	s, err := screening.New(entitylist.Default())
	if err != nil {
		log.Fatal(err)
	}
	q := screening.Query{Name: "Kaspersky Antivirus Distribution"}
	r, err := s.Screen(context.Background(), q)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("default:", len(r.Matches), "matches")
	r, err = s.Screen(context.Background(), q, screening.WithMinScore(0.4), screening.WithLimit(1))
	if err != nil {
		log.Fatal(err)
	}
	m := r.Matches[0]
	fmt.Printf("near miss: %s %.2f alert=%v\n", m.Entry.Name, m.Score, m.Alert)
	// Output:
	// default: 0 matches
	// near miss: OOO Kaspersky Group 0.42 alert=false
}

// OFAC's weak aliases, given in its files' remarks, are screened only
// when asked for.
func ExampleWithWeakAliases() {
	sdn := `3001,"NORTHWIND SHIPPING LLC",-0- ,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. 'NEPTUNE'."` + "\n"
	list, err := entitylist.ReadOFAC(entitylist.OFACFiles{Primary: strings.NewReader(sdn)}, "sdn.csv")
	if err != nil {
		log.Fatal(err)
	}
	s, err := screening.New(list)
	if err != nil {
		log.Fatal(err)
	}
	for _, weak := range []bool{false, true} {
		r, err := s.Screen(context.Background(), screening.Query{Name: "Neptune"}, screening.WithWeakAliases(weak))
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("weak aliases screened: %v, alert: %v\n", weak, r.Alert())
	}
	r, err := s.Screen(context.Background(), screening.Query{Name: "Northwind Shipping"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s, a.k.a. %q (weak: %v)\n", r.Matches[0].Entry.Name, r.Matches[0].Entry.Aliases[0].Name, r.Matches[0].Entry.Aliases[0].Weak)
	// Output:
	// weak aliases screened: false, alert: false
	// weak aliases screened: true, alert: true
	// NORTHWIND SHIPPING LLC, a.k.a. "NEPTUNE" (weak: true)
}

// Screening in bulk, where only the scores and entries are read, may
// leave the explanations out.
func ExampleWithExplanations() {
	s, err := screening.New(entitylist.Default(), screening.WithExplanations(false))
	if err != nil {
		log.Fatal(err)
	}
	r, err := s.Screen(context.Background(), screening.Query{Name: "Kaspersky Lab JSC", Country: "RU"})
	if err != nil {
		log.Fatal(err)
	}
	m := r.Matches[0]
	fmt.Printf("%s %.2f explained=%v\n", m.Entry.Name, m.Score, len(m.Explanation.Pairs) > 0)
	// One call may ask for them all the same.
	r, err = s.Screen(context.Background(), screening.Query{Name: "Kaspersky Lab JSC", Country: "RU"}, screening.WithExplanations(true))
	if err != nil {
		log.Fatal(err)
	}
	m = r.Matches[0]
	fmt.Printf("%s %.2f explained=%v\n", m.Entry.Name, m.Score, len(m.Explanation.Pairs) > 0)
	// Output:
	// AO Kaspersky Lab 1.00 explained=false
	// AO Kaspersky Lab 1.00 explained=true
}

// Every match explains its score.
func ExampleExplanation() {
	s, err := screening.New(entitylist.Default())
	if err != nil {
		log.Fatal(err)
	}
	r, err := s.Screen(context.Background(), screening.Query{Name: "Kaspersky Lab JSC", Country: "RU"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.Matches[0].Explanation)
	// Output:
	// query:     "Kaspersky Lab JSC" -> [kaspersky laboratory] legal form JSC
	// candidate: "AO Kaspersky Lab" -> [kaspersky laboratory] legal form JSC
	//   kaspersky                ~ kaspersky                exact        sim 1.00  weight 7.31
	//   laboratory               ~ laboratory               exact        sim 1.00  weight 2.03
	// base 1.0000; country +0.02 (same country RU)
	// score 1.0000, capped at 1 (threshold 0.72)
}

// Write a match to an audit log as JSON: the entry, the version of the list
// it was made against and the explanation, readable again later.
func ExampleMatch_json() {
	s, err := screening.New(entitylist.Default())
	if err != nil {
		log.Fatal(err)
	}
	r, err := s.Screen(context.Background(), screening.Query{Name: "Kaspersky Lab JSC"})
	if err != nil {
		log.Fatal(err)
	}
	record, err := json.Marshal(r.Matches[0])
	if err != nil {
		log.Fatal(err)
	}

	var logged screening.Match
	if err := json.Unmarshal(record, &logged); err != nil {
		log.Fatal(err)
	}
	fmt.Println(logged.Entry.Name, logged.Entry.Source, logged.Score, logged.Alert)
	fmt.Println(logged.Version.Origin, logged.Version.Entries, logged.Version.SHA256 == s.List().Version().SHA256)
	fmt.Println(logged.Explanation.Pairs[0].Query, logged.Explanation.Pairs[0].How)
	// Output:
	// AO Kaspersky Lab EL 1 true
	// embedded default 40 true
	// kaspersky exact
}
