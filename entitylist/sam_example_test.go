package entitylist_test

import (
	"fmt"
	"strings"

	"github.com/entityscreen/entityscreen/entitylist"
)

func ExampleReadSAM() {
	const extract = `"Classification","Name","Prefix","First","Middle","Last","Suffix","Address 1","Address 2","Address 3","Address 4","City","State / Province","Country","Zip Code","Open Data Flag","Blank (Deprecated)","Unique Entity ID","Exclusion Program","Excluding Agency","CT Code","Exclusion Type","Additional Comments","Active Date","Termination Date","Record Status","Cross-Reference","SAM Number","CAGE","NPI","Creation_Date"
"Firm","EXAMPLE PAVING, LLC","","","","","","9 ROAD ST","","","","DAYTON","OH","USA","45402","","","EXMPL2222222","Reciprocal","EPA","","Ineligible (Proceedings Completed)","","03/01/2023","02/28/2026","","(also EXAMPLE ASPHALT, INC.)","S4EXAMPLE9","9ZZ99","","2023-03-01"
`
	l, err := entitylist.ReadSAM(strings.NewReader(extract), "sam.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	e := l.Entry(0)
	fmt.Println(e.Source, e.ID, e.Type, e.Name, e.AltNames)
	fmt.Println(e.Agency, "|", e.ExclusionType, "|", e.StartDate.Format("2006-01-02"), "to", e.EndDate.Format("2006-01-02"))
	fmt.Println(e.Countries(), e.IDs[1].Type, e.IDs[1].Number)
	// Output:
	// SAM S4EXAMPLE9 entity EXAMPLE PAVING, LLC [EXAMPLE ASPHALT, INC.]
	// EPA | Ineligible (Proceedings Completed) | 2023-03-01 to 2026-02-28
	// [US] CAGE 9ZZ99
}
