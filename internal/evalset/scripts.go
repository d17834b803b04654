package evalset

import (
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
)

// UNFile is the UN Security Council Consolidated List (XML), relative to
// the shared data directory.
const UNFile = "lists/un-consolidated-2026-02-27.xml"

// ScriptRecord is a record of the UN list whose name is given in its
// original script as well as in Latin letters.
type ScriptRecord struct {
	ID       string   // the record's DATAID
	Kind     string   // "person" or "company"
	Original string   // NAME_ORIGINAL_SCRIPT
	Latin    []string // the record's name and aliases written in Latin letters, its name first
	Dev      bool     // the record belongs to the development split (DevSplit of its DATAID); only such records may be screened and scored
}

// unList is the part of the UN list's XML that UNArabicScript reads.
type unList struct {
	Individuals []unRecord `xml:"INDIVIDUALS>INDIVIDUAL"`
	Entities    []unRecord `xml:"ENTITIES>ENTITY"`
}

type unRecord struct {
	DataID   string    `xml:"DATAID"`
	Names    []unName  `xml:",any"`
	Original string    `xml:"NAME_ORIGINAL_SCRIPT"`
	Aliases  []unAlias `xml:"INDIVIDUAL_ALIAS"`
	EAliases []unAlias `xml:"ENTITY_ALIAS"`
}

// unName is any element of a record; UNArabicScript keeps FIRST_NAME to
// FOURTH_NAME, in the order of the XML.
type unName struct {
	XMLName xml.Name
	Value   string `xml:",chardata"`
}

type unAlias struct {
	Name string `xml:"ALIAS_NAME"`
}

// nameParts are the elements of a UN record that hold its name, in order.
var nameParts = []string{"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"}

// UNArabicScript reads the records of the UN list (UNFile in dataDir) whose
// name in its original script is written in Arabic letters (Arabic,
// Persian, Urdu, Pashto), with their names in Latin letters: the name
// (FIRST_NAME to FOURTH_NAME joined) and the aliases that are written in
// Latin letters. Records are in the order of the file, people first.
// Records whose original name is in another script are dropped and counted
// by script ("other_script"), as are records with no name in Latin
// letters ("no_latin_name").
func UNArabicScript(dataDir string) ([]ScriptRecord, Dropped, error) {
	path := filepath.Join(dataDir, UNFile)
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("evalset: %w", err)
	}
	defer f.Close()
	var l unList
	if err := xml.NewDecoder(f).Decode(&l); err != nil {
		return nil, nil, fmt.Errorf("evalset: %s: %w", path, err)
	}
	dropped := Dropped{}
	var out []ScriptRecord
	for _, group := range []struct {
		kind    string
		records []unRecord
	}{{"person", l.Individuals}, {"company", l.Entities}} {
		for _, r := range group.records {
			orig := strings.TrimSpace(r.Original)
			if orig == "" {
				continue
			}
			if !hasArabic(orig) {
				dropped["other_script"]++
				continue
			}
			var parts []string
			for _, n := range r.Names {
				if slices.Contains(nameParts, n.XMLName.Local) {
					if v := strings.TrimSpace(n.Value); v != "" {
						parts = append(parts, v)
					}
				}
			}
			var latin []string
			if name := strings.Join(parts, " "); name != "" && !hasArabic(name) {
				latin = append(latin, name)
			}
			for _, a := range append(r.Aliases, r.EAliases...) {
				if a := strings.TrimSpace(a.Name); a != "" && !hasArabic(a) && !slices.Contains(latin, a) {
					latin = append(latin, a)
				}
			}
			if len(latin) == 0 {
				dropped["no_latin_name"]++
				continue
			}
			id := strings.TrimSpace(r.DataID)
			out = append(out, ScriptRecord{ID: id, Kind: group.kind, Original: orig, Latin: latin, Dev: DevSplit(id)})
		}
	}
	return out, dropped, nil
}

// hasArabic reports whether s holds a letter of the Arabic script.
func hasArabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
