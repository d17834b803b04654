package entitylist_test

import (
	"fmt"
	"strings"

	"github.com/entityscreen/entityscreen/entitylist"
)

func ExampleReadUN() {
	const doc = `<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST>
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>9100001</DATAID>
      <FIRST_NAME>OMAR</FIRST_NAME>
      <SECOND_NAME>EXAMPLE</SECOND_NAME>
      <UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>
      <REFERENCE_NUMBER>QDi.999</REFERENCE_NUMBER>
      <LISTED_ON>2012-04-01</LISTED_ON>
      <NAME_ORIGINAL_SCRIPT>عمر المثال</NAME_ORIGINAL_SCRIPT>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Abu Example</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <NATIONALITY><VALUE>Syrian Arab Republic</VALUE></NATIONALITY>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1975</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES/>
</CONSOLIDATED_LIST>`
	l, err := entitylist.ReadUN(strings.NewReader(doc), "un.xml")
	if err != nil {
		fmt.Println(err)
		return
	}
	e := l.Entry(0)
	fmt.Println(e.Source, e.ID, e.Name, e.Programs, e.StartDate.Format("2006-01-02"))
	for _, a := range e.Aliases {
		fmt.Printf("%q weak=%v\n", a.Name, a.Weak)
	}
	fmt.Println(e.Nationalities, e.DatesOfBirth)
	// Output:
	// UN QDi.999 OMAR EXAMPLE [Al-Qaida] 2012-04-01
	// "Abu Example" weak=true
	// "عمر المثال" weak=false
	// [SY] [circa 1975]
}
