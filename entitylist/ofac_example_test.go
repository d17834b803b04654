package entitylist_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/entityscreen/entityscreen/entitylist"
)

func ExampleReadOFAC() {
	// OFAC's legacy CSV files: no header, "-0-" for null, CRLF, a final Ctrl-Z.
	sdn := "4001,\"EXAMPLE MARINE LLC\",-0- ,\"IRAN] [SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ," +
		"\"Registration Number 12345 (United Arab Emirates); a.k.a. 'EXMAR'; Linked To: EXAMPLE HOLDING.\"\r\n\x1a"
	add := "4001,10,\"Office 5, Example Tower\",\"Dubai\",\"United Arab Emirates\",-0- \r\n\x1a"
	alt := "4001,20,\"fka\",\"EXAMPLE SHIPPING LLC\",-0- \r\n\x1a"
	l, err := entitylist.ReadOFAC(entitylist.OFACFiles{
		Primary:   strings.NewReader(sdn),
		Addresses: strings.NewReader(add),
		Aliases:   strings.NewReader(alt),
		Comments:  strings.NewReader("\x1a"),
	}, "sdn")
	if err != nil {
		fmt.Println(err)
		return
	}
	e := l.Entry(0)
	fmt.Println(e.Source, e.ID, e.Type, e.Name, e.Programs)
	for _, a := range e.Aliases {
		fmt.Printf("%s %q weak=%v\n", a.Kind, a.Name, a.Weak)
	}
	fmt.Println(e.Countries(), e.IDs[0].Type, e.IDs[0].Number, e.IDs[0].Country, e.LinkedTo)
	// Output:
	// SDN 4001 entity EXAMPLE MARINE LLC [IRAN SDGT]
	// fka "EXAMPLE SHIPPING LLC" weak=false
	// aka "EXMAR" weak=true
	// [AE] Registration Number 12345 AE [EXAMPLE HOLDING]
}

func ExampleReadOFAC_errors() {
	sdn := "4001,\"EXAMPLE MARINE LLC\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a"
	alt := "4001,20,\"aka\",\"EXMAR\",-0- \r\n4002,21,\"aka\",\"OTHER\",-0- \r\n\x1a"
	_, err := entitylist.ReadOFAC(entitylist.OFACFiles{Primary: strings.NewReader(sdn), Aliases: strings.NewReader(alt)}, "sdn")
	fmt.Println(err)
	fmt.Println(errors.Is(err, entitylist.ErrUnknownEntry))
	// Output:
	// entitylist: sdn: line 2, field "alt.csv:ent_num": unknown entry: sdn.csv has no row with this entity number (value "4002")
	// true
}
