package evalset

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/entityscreen/entityscreen/entitylist"
)

// ofacNull is how OFAC's legacy CSV files write an empty field.
const ofacNull = "-0-"

// readOFAC reads one of OFAC's legacy SDN CSV files (sdn.csv, alt.csv):
// no header, CRLF line endings, a trailing Ctrl-Z byte, "-0-" for null. The
// fields are returned trimmed, null as "".
func readOFAC(path string) ([][]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("evalset: %w", err)
	}
	data = bytes.TrimRight(data, "\x1a\r\n ")
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("evalset: %s: %w", path, err)
	}
	for _, row := range rows {
		for i, f := range row {
			f = strings.TrimSpace(f)
			if f == ofacNull {
				f = ""
			}
			row[i] = f
		}
	}
	return rows, nil
}

// ofacNameFiles are OFAC's files of other dates than the 2022 CSL, with the
// column that holds a name: the SDN name of sdn.csv, the alternate name of
// alt.csv.
var ofacNameFiles = []struct {
	file string
	col  int
}{
	{"ofac-sdn-2021-07-07.csv", 1},
	{"ofac-alt-2021-07-07.csv", 3},
	{"ofac-sdn-2024-05-03.csv", 1},
	{"ofac-alt-2025-12-24.csv", 3},
}

// Respellings builds the re-spelling set: the names (primary or alternate)
// that OFAC's own files of 2021, 2024 and 2025 give a party of the 2022 CSL
// under the same ent_num, which the 2022 CSL rows of that party lack (by
// Key). OFAC re-spells names between releases (BORTNIKOV, Aleksandr /
// Alexander) and adds and drops aliases, so each is a real way of writing a
// listed party. The query is the OFAC name as published; the expected ids
// are the party's (see parties). In the CSL a Treasury row's _id is its
// entity_number, shared by the party's SDN, SSI, CAP and other Treasury
// rows, and the same as OFAC's ent_num.
//
// Families: "respelling_findable" for names Findable from the party's 2022
// names, "respelling_other" for the rest (aliases with no word in common,
// such as a former name). Vessels and aircraft, parties outside the
// development split and parties with no SDN row in the 2022 CSL are left
// out and counted (so are parties with a row outside the split, names
// that another party of the 2022 CSL bears, and names that a row of the
// party on another list bears).
func Respellings(dataDir string, list *entitylist.List) ([]Case, Dropped, error) {
	dropped := Dropped{}
	byNumber := map[string][]*entitylist.Entry{}
	for _, e := range list.All() {
		if e.EntityNumber != "" {
			byNumber[e.EntityNumber] = append(byNumber[e.EntityNumber], e)
		}
	}
	pty := newParties(list)
	owners := map[string][]string{} // name key -> _ids of the rows that have it
	for _, e := range list.All() {
		for _, n := range e.Names() {
			owners[Key(n)] = append(owners[Key(n)], e.ID)
		}
	}
	index := map[string]int{} // query key -> case
	var cases []Case
	for _, f := range ofacNameFiles {
		rows, err := readOFAC(filepath.Join(dataDir, f.file))
		if err != nil {
			return nil, nil, err
		}
		for _, row := range rows {
			if len(row) <= f.col || row[f.col] == "" {
				dropped["no_name"]++
				continue
			}
			name := row[f.col]
			party := byNumber[row[0]]
			if len(party) == 0 {
				dropped["ent_num_not_in_csl"]++
				continue
			}
			i := slices.IndexFunc(party, func(e *entitylist.Entry) bool { return e.Source == entitylist.SpeciallyDesignated })
			if i < 0 {
				dropped["no_sdn_row"]++
				continue
			}
			sdn := party[i]
			var known []string
			for _, e := range party {
				known = append(known, e.Names()...)
			}
			k := Key(name)
			if slices.ContainsFunc(known, func(n string) bool { return Key(n) == k }) {
				dropped["name_in_csl"]++
				continue
			}
			var kind string
			switch sdn.Type {
			case entitylist.TypeIndividual:
				kind = "person"
			case entitylist.TypeEntity:
				kind = "company"
			default:
				dropped["vessel_or_aircraft"]++
				continue
			}
			expect, dev := pty.ids(sdn)
			if !dev {
				dropped["not_dev_split"]++ // the party, or a row of it
				continue
			}
			if slices.ContainsFunc(owners[k], func(id string) bool { return !slices.Contains(expect, id) }) {
				dropped["name_of_another_party"]++ // VENTORA MINING: an alias in 2025, its own record in 2022
				continue
			}
			if len(owners[k]) > 0 {
				dropped["name_in_csl"]++ // on another row of the party, another list's
				continue
			}
			if j, ok := index[k]; ok {
				dropped["duplicate_query"]++
				cases[j].Expect = dedupe(append(cases[j].Expect, expect...))
				continue
			}
			family := "respelling_other"
			if Findable(name, known) {
				family = "respelling_findable"
			}
			index[k] = len(cases)
			cases = append(cases, Case{Query: name, Kind: kind, Expect: dedupe(expect), Family: family, ListName: sdn.Name})
		}
	}
	slices.SortFunc(cases, compareCases)
	return cases, dropped, nil
}
