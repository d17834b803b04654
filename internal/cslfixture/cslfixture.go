// Package cslfixture writes small lists in the official CSL CSV format for
// tests: a test names the columns it cares about, and the columns the
// format requires besides are added, empty.
package cslfixture

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
)

// Columns are the columns of the official CSL CSV format, in its order.
var Columns = []string{"_id", "source", "entity_number", "type", "programs", "name", "title", "addresses",
	"federal_register_notice", "start_date", "end_date", "standard_order", "license_requirement", "license_policy",
	"call_sign", "vessel_type", "gross_tonnage", "gross_registered_tonnage", "vessel_flag", "vessel_owner", "remarks",
	"source_list_url", "alt_names", "citizenships", "dates_of_birth", "nationalities", "places_of_birth",
	"source_information_url", "ids"}

// Full returns text, a CSV list whose header names some of Columns, with
// the missing columns added after them, empty in every row. It panics on
// text that is not CSV: a test's own fixture.
func Full(text string) string {
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil || len(recs) == 0 {
		panic(fmt.Sprintf("cslfixture: %v", err))
	}
	var missing []string
	for _, c := range Columns {
		if !slices.Contains(recs[0], c) {
			missing = append(missing, c)
		}
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	for i, rec := range recs {
		add := make([]string, len(missing))
		if i == 0 {
			add = missing
		}
		if err := w.Write(append(rec, add...)); err != nil {
			panic(err)
		}
	}
	w.Flush()
	return b.String()
}
