package entitylist_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/entityscreen/entityscreen/entitylist"
)

func ExampleReadCSV() {
	const csl = `_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids
ex-1,Entity List (EL) - Bureau of Industry and Security,,,,Example Optics Institute,,"1 Lens Road, Beijing, CN; and 2 Prism Street, Shenzhen, CN",85 FR 34495; 87 FR 20299,2020-06-05,,,For all items subject to the EAR.,Presumption of denial.,,,,,,,,,EOI; and Example Optics,,,,,,
`
	l, err := entitylist.ReadCSV(strings.NewReader(csl), "example.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	e := l.Entry(0)
	fmt.Println(e.Source.Name())
	fmt.Printf("%q %q\n", e.Names(), e.Countries())
	fmt.Printf("%q\n", e.FederalRegisterNotices)
	fmt.Println(l.Version().Entries, l.Version().Newest.Format("2006-01-02"))
	// Output:
	// Entity List (EL) - Bureau of Industry and Security
	// ["Example Optics Institute" "EOI" "Example Optics"] ["CN"]
	// ["85 FR 34495" "87 FR 20299"]
	// 1 2020-06-05
}

func ExampleReadCSV_errors() {
	// Columns may come in any order, but all 29 must be there.
	const header = "_id,source,name,start_date,entity_number,type,programs,title,addresses,federal_register_notice,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids\n"
	const empty = ",,,,,,,,,,,,,,,,,,,,,,,,," // the 25 columns after start_date
	const bad = header + "x-1,EL,,2020-01-01" + empty + "\nx-2,EL,Good Co,2020-02-30" + empty + "\n"
	_, err := entitylist.ReadCSV(strings.NewReader(bad), "bad.csv")
	fmt.Println(err)
	fmt.Println(errors.Is(err, entitylist.ErrBadDate))
	// Output:
	// entitylist: bad.csv: 2 errors: line 2, field "name": empty name; line 3, field "start_date": bad date (value "2020-02-30")
	// true
}

func ExampleOpen() {
	l, err := entitylist.Open("../testdata/lists/inhouse.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range l.All() {
		fmt.Println(e.ID, e.Source, e.Name, e.Countries())
	}
	v := l.Version()
	fmt.Println(v.Format, v.Entries, v.BySource)
	// Output:
	// VEND-001 INHOUSE Blocked Supplier GmbH [DE]
	// INHOUSE-4dcd4a8d1e26 INHOUSE Shadow Freight Ltd [GB HK]
	// VEND-003 INHOUSE Acme Widgets, Inc. []
	// inhouse 3 map[INHOUSE:3]
}

func ExampleMerge() {
	csl, err := entitylist.Open("../testdata/lists/official.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	own, err := entitylist.Open("../testdata/lists/inhouse.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	all := entitylist.Merge(csl, own)
	v := all.Version()
	fmt.Println(all.Len(), len(v.Parts), v.BySource[entitylist.InHouse], v.BySource[entitylist.SpeciallyDesignated])
	// Output:
	// 9 2 3 2
}
