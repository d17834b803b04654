package ownership_test

import (
	"context"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/ownership"
	"github.com/entityscreen/entityscreen/screening"
)

// Screen vendors by their owners: read an ownership file, tie its parties to
// the list, and apply the rules as of a date. The subsidiaries and
// percentages are illustrative.
func Example() {
	const vendors = `owner,owner_country,owned,owned_country,percent
Kaspersky Labs Ltd,GB,Northwind Secure Software GmbH,DE,60
Kaspersky Labs Ltd,GB,Northwind Secure Software Inc.,US,60
Kaspersky Labs Ltd,GB,Harbor Threat Research B.V.,NL,25-50
`
	g := ownership.NewGraph()
	if err := g.ReadCSV(strings.NewReader(vendors), "vendors.csv"); err != nil {
		log.Fatal(err)
	}
	s, err := screening.New(entitylist.Default())
	if err != nil {
		log.Fatal(err)
	}
	res, err := ownership.Resolve(context.Background(), g, s, ownership.ResolveOptions{})
	if err != nil {
		log.Fatal(err)
	}
	rep, err := res.Evaluate(ownership.Options{AsOf: time.Date(2025, 10, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		log.Fatal(err)
	}
	owner, _ := rep.Outcome("Kaspersky Labs Ltd")
	fmt.Printf("%s: %s, tied by %s to %s %s (score %.2f)\n", owner.Party.Name, owner.Finding,
		owner.Ties[0].By, owner.Ties[0].Entry.Source, owner.Ties[0].Entry.Name, owner.Ties[0].Match.Score)
	for _, vendor := range []string{"Northwind Secure Software GmbH", "Northwind Secure Software Inc.", "Harbor Threat Research B.V."} {
		o, _ := rep.Outcome(vendor)
		for _, ro := range o.Rules {
			if ro.Rule != "bis-affiliates" {
				continue
			}
			fmt.Printf("%s: %s\n", vendor, ro.Finding)
			for _, p := range ro.Paths {
				fmt.Printf("  path: %s\n", p)
			}
			if ro.License != nil {
				fmt.Printf("  license: %s %s\n", ro.License.Requirement, ro.License.Policy)
			}
			if l := ro.PossibleLicense; l != nil {
				fmt.Printf("  possible license: %s %s\n", l.Requirement, l.Policy)
			}
		}
	}
	// Output:
	// Kaspersky Labs Ltd: listed, tied by name to EL Kaspersky Labs Limited (score 1.00)
	// Northwind Secure Software GmbH: owned
	//   path: Kaspersky Labs Ltd -60%-> Northwind Secure Software GmbH
	//   license: For all items subject to the EAR. Presumption of denial.
	// Northwind Secure Software Inc.: clear
	//   path: Kaspersky Labs Ltd -60%-> Northwind Secure Software Inc.
	// Harbor Threat Research B.V.: possibly
	//   path: Kaspersky Labs Ltd -25-50%-> Harbor Threat Research B.V.
	//   possible license: For all items subject to the EAR. Presumption of denial.
}

// The BIS Affiliates Rule's periods are data: in force from 2025-09-29,
// suspended from 2025-11-10 to 2026-11-09, in force again from 2026-11-10
// unless the suspension is extended.
func ExampleRule_StatusAt() {
	for _, r := range ownership.Rules() {
		if r.ID != "bis-affiliates" {
			continue
		}
		for _, d := range []string{"2025-09-28", "2025-10-15", "2026-01-15", "2026-11-10"} {
			t, _ := time.Parse(time.DateOnly, d)
			st, _ := r.StatusAt(t)
			fmt.Printf("%s: %s\n", d, st)
		}
	}
	// Output:
	// 2025-09-28: not in force
	// 2025-10-15: in force
	// 2026-01-15: suspended
	// 2026-11-10: in force
}

// Shares are ranges: a percentage, a band, or unknown.
func ExampleParseShare() {
	for _, s := range []string{"60", "25-50", ">25", ""} {
		sh, _ := ownership.ParseShare(s)
		fmt.Printf("%q: %s\n", s, sh)
	}
	// Output:
	// "60": 60%
	// "25-50": 25-50%
	// ">25": 25-100%
	// "": unknown (0-100%)
}
