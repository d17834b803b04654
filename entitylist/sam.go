package entitylist

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// The columns of the SAM.gov Exclusions public V2 extract that ReadSAM
// reads, by their header names in lower case, in the extract's order.
const (
	samClassification = "classification"
	samName           = "name"
	samPrefix         = "prefix"
	samFirst          = "first"
	samMiddle         = "middle"
	samLast           = "last"
	samSuffix         = "suffix"
	samAddress1       = "address 1"
	samAddress2       = "address 2"
	samAddress3       = "address 3"
	samAddress4       = "address 4"
	samCity           = "city"
	samState          = "state / province"
	samCountry        = "country"
	samZip            = "zip code"
	samUEI            = "unique entity id"
	samProgram        = "exclusion program"
	samAgency         = "excluding agency"
	samCTCode         = "ct code"
	samType           = "exclusion type"
	samComments       = "additional comments"
	samActive         = "active date"
	samTermination    = "termination date"
	samCrossReference = "cross-reference"
	samNumber         = "sam number"
	samCAGE           = "cage"
	samNPI            = "npi"
	samCreation       = "creation_date"
)

// samColumns are the columns ReadSAM requires.
var samColumns = []string{
	samClassification, samName, samPrefix, samFirst, samMiddle, samLast, samSuffix,
	samAddress1, samAddress2, samAddress3, samAddress4, samCity, samState, samCountry, samZip,
	samUEI, samProgram, samAgency, samCTCode, samType, samComments, samActive, samTermination,
	samCrossReference, samNumber, samCAGE, samNPI, samCreation,
}

// samIgnoredColumns are the columns of the extract ReadSAM does not read:
// D&B's open data flag, the record status (always blank: the extract holds
// active records only) and the DUNS column, blank since SAM replaced DUNS
// with the UEI. samDUNS is read if it holds a number.
const samDUNS = "unique entity identifier (duns)"

var samIgnoredColumns = []string{"open data flag", "d&b open data flag", "blank (deprecated)", "record status", samDUNS}

// samHeaderSynonyms are other names of the columns, as the layout of 2019
// and the extracts since write them, keyed by the name in lower case.
var samHeaderSynonyms = map[string]string{
	"unique entity identifier (sam)": samUEI,
	"creation date":                  samCreation,
	"cross reference":                samCrossReference,
	"state/province":                 samState,
	"zip":                            samZip,
}

// samKey returns the column key of a header field: lower case, trimmed,
// with synonyms resolved.
func samKey(h string) string {
	k := columnKey(h)
	if s, ok := samHeaderSynonyms[k]; ok {
		return s
	}
	return k
}

// isSAMColumn reports whether the column key k is one of the extract's.
func isSAMColumn(k string) bool {
	k = samKey(k)
	return slices.Contains(samColumns, k) || slices.Contains(samIgnoredColumns, k)
}

// ReadSAM reads the SAM.gov Exclusions public extract, V2 layout (the
// daily SAM_Exclusions_Public_V2_Extract CSV, 31 columns with a header
// line): the parties excluded from federal contracts and assistance, and
// the prohibitions such as section 889's. Columns are mapped by header
// name, in any order and case, with the names of the 2019 layout accepted
// too ("Unique Entity Identifier (SAM)", "Creation Date"); every column
// ReadSAM reads must be there, and a missing one is reported with the
// header's unknown columns, as by [ReadCSV].
//
// Every entry has Source [SAMExclusions]. Its ID is the SAM Number, the
// extract's number of the exclusion record; EntityNumber the Unique Entity
// ID (UEI). The Classification gives the type: Firm and Special Entity
// Designation are entities, then Individual and Vessel. An individual's
// name is First, Middle, Last and Suffix, its Prefix ("MR.") the Title;
// any other record's name is the Name column. The Excluding Agency is
// Agency and the Exclusion Type ExclusionType, as published; Programs
// holds the Exclusion Program ("Reciprocal") and a legacy CT Code as "CT
// Code X"; StartDate is the Active Date, EndDate the Termination Date
// (zero for "Indefinite"); Remarks the Additional Comments. The UEI, CAGE
// code and NPI are identifications. The address lines joined by ", " are
// the Street, with the city, state, zip code and the ISO code of the
// alpha-3 Country. The Cross-Reference, "(also X, Y)", gives the other
// names under which the party was identified, as strong aliases: a name
// written "PEANUT BUTTER, LLC" stays whole, "X DBA Y" gives both names,
// and a name equal to the entry's or repeated is left out. The Creation
// Date is checked but not kept; the Open Data Flag, the Record Status
// (always blank) and the deprecated DUNS column are not read, but a DUNS
// number there is an identification.
//
// Errors and warnings are reported as by [ReadCSV]: a bad row (a bad date,
// no name, no SAM Number, invalid UTF-8, the header line repeated) is an
// error naming its line and field, and no list is returned; a repeated SAM Number, which the extract
// has (the same record twice), a Classification or an alpha-3 country code
// the package does not know, and an unknown column are warnings.
func ReadSAM(r io.Reader, origin string) (*List, error) {
	in, err := openCSV(r, origin)
	if err != nil {
		return nil, err
	}
	cols := make(columnIndex, len(in.header))
	for i, h := range in.header {
		k := samKey(h)
		if _, dup := cols[k]; !dup {
			cols[k] = i
		}
	}
	var problems errorList
	missing := missingColumnError(in.header, isSAMColumn)
	for _, name := range samColumns {
		if cols.get(name) < 0 {
			problems.add(in.headerLine, name, "", missing)
		}
	}
	for i, h := range in.header {
		k := samKey(h)
		if first := cols.get(k); first != i && isSAMColumn(k) {
			problems.add(in.headerLine, k, "", fmt.Errorf("%w: columns %d and %d", ErrDuplicateColumn, first+1, i+1))
		}
	}
	if err := problems.err(origin); err != nil {
		return nil, err
	}
	b := newOfficialBuilder(origin, FormatSAM, fieldNames{id: samNumber, name: samName, source: samClassification})
	for _, h := range in.header {
		if !isSAMColumn(h) {
			b.warn(in.headerLine, h, "", "unknown column ignored")
		}
	}
	countries := map[string]bool{}
	err = readRecords(in, b, func(rec []string, line int) {
		get := func(name string) string {
			if i := cols.get(name); i >= 0 {
				return strings.Clone(collapseSpace(rec[i]))
			}
			return ""
		}
		samRow(b, get, line, countries)
	})
	if err != nil {
		return nil, fmt.Errorf("entitylist: %s: %w", origin, err)
	}
	return b.finish(in.hr.sum())
}

// samRow converts one record of the extract, whose fields get returns by
// column, and adds it to b. countries holds the country codes already
// warned about.
func samRow(b *builder, get func(string) string, line int, countries map[string]bool) {
	e := Entry{
		ID:            get(samNumber),
		Source:        SAMExclusions,
		EntityNumber:  get(samUEI),
		Agency:        get(samAgency),
		ExclusionType: get(samType),
		Remarks:       get(samComments),
		Line:          line,
	}
	bad := false
	if e.ID == "" {
		b.errs.add(line, samNumber, "", fmt.Errorf("%w: no SAM Number, the number of the exclusion record", ErrBadValue))
		bad = true
	}
	class := get(samClassification)
	switch strings.ToLower(class) {
	case "firm", "special entity designation":
		e.Type = TypeEntity
	case "individual":
		e.Type = TypeIndividual
	case "vessel":
		e.Type = TypeVessel
	default:
		b.warn(line, samClassification, class, "unknown classification, type kept as unknown")
	}
	person := joinWords(get(samFirst), get(samMiddle), get(samLast), get(samSuffix))
	name := get(samName)
	switch {
	case e.Type == TypeIndividual && person != "":
		e.Name, e.Title = person, get(samPrefix)
		if name != "" && !strings.EqualFold(name, person) {
			e.Aliases = append(e.Aliases, Alias{Name: name, Kind: AlsoKnownAs})
		}
	case name != "":
		e.Name = name
	default:
		e.Name, e.Title = person, get(samPrefix)
	}
	if p := get(samProgram); p != "" {
		e.Programs = append(e.Programs, p)
	}
	if ct := get(samCTCode); ct != "" {
		e.Programs = append(e.Programs, "CT Code "+ct)
	}
	for _, d := range []struct {
		col string
		dst *time.Time
	}{{samActive, &e.StartDate}, {samTermination, &e.EndDate}, {samCreation, new(time.Time)}} {
		s := get(d.col)
		if s == "" || d.col == samTermination && strings.EqualFold(s, "Indefinite") {
			continue
		}
		t, ok := parseSAMDate(s)
		if !ok {
			b.errs.add(line, d.col, keptValue(s), fmt.Errorf("%w: want MM/DD/YYYY", ErrBadDate))
			bad = true
		}
		*d.dst = t
	}
	for _, id := range []struct{ col, typ string }{{samUEI, "Unique Entity ID"}, {samCAGE, "CAGE"}, {samNPI, "NPI"}, {samDUNS, "DUNS"}} {
		if v := get(id.col); v != "" {
			e.IDs = append(e.IDs, Identification{Type: id.typ, Number: v, Raw: id.typ + ", " + v})
		}
	}
	lines := joinNonEmpty([]string{get(samAddress1), get(samAddress2), get(samAddress3), get(samAddress4)})
	a := Address{Street: lines, City: get(samCity), State: get(samState), PostalCode: get(samZip)}
	country := get(samCountry)
	if country != "" {
		code, ok := alpha3Country(country)
		if !ok && !countries[country] {
			countries[country] = true
			b.warn(line, samCountry, country, "not an ISO 3166-1 alpha-3 country code the package knows, kept in the address text")
		}
		a.Country = code
	}
	if a.Raw = joinNonEmpty([]string{a.Street, a.City, a.State, a.PostalCode, country}); a.Raw != "" {
		e.Addresses = []Address{a}
	}
	for _, n := range splitCrossReference(get(samCrossReference)) {
		if strings.EqualFold(n, e.Name) || slices.ContainsFunc(e.Aliases, func(a Alias) bool { return strings.EqualFold(a.Name, n) }) {
			continue
		}
		e.Aliases = append(e.Aliases, Alias{Name: n, Kind: AlsoKnownAs})
	}
	for _, a := range e.Aliases {
		e.AltNames = append(e.AltNames, a.Name)
	}
	if !bad {
		b.add(e, -1)
	}
}

// joinWords joins the non-empty words with spaces.
func joinWords(words ...string) string {
	var out []string
	for _, w := range words {
		out = appendNonEmpty(out, w)
	}
	return strings.Join(out, " ")
}

// parseSAMDate parses a date of the extract: MM/DD/YYYY, as the layout
// says, or YYYY-MM-DD, as the Creation_Date of the extracts since 2023 is
// written.
func parseSAMDate(s string) (time.Time, bool) {
	if t, err := time.Parse("01/02/2006", s); err == nil {
		return t, true
	}
	if len(s) == 10 && s[4] == '-' {
		return parseDate(s)
	}
	return time.Time{}, false
}

// samNameTails are words that end a firm's name after a comma ("PEANUT
// BUTTER, LLC"), so that a Cross-Reference is not split there.
var samNameTails = []string{"LLC", "L.L.C.", "INC", "INC.", "CORP", "CORP.", "CO", "CO.", "LTD", "LTD.",
	"LP", "L.P.", "LLP", "L.L.P.", "PLLC", "PC", "P.C.", "PA", "P.A.", "N.A.", "S.A.", "GMBH", "JR", "JR.", "SR", "SR.", "II", "III", "IV"}

// splitCrossReference splits a Cross-Reference, "(also X, Y)", into names:
// at ", " unless what follows starts with a legal form or suffix, and at
// " DBA " ("doing business as"), which gives both names.
func splitCrossReference(s string) []string {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "(also "); ok {
		s = strings.TrimSuffix(rest, ")")
	}
	var names []string
	for _, part := range strings.Split(s, ", ") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		first, _, _ := strings.Cut(part, " ")
		if len(names) > 0 && slices.Contains(samNameTails, strings.ToUpper(first)) {
			names[len(names)-1] += ", " + part
			continue
		}
		names = append(names, part)
	}
	var out []string
	for _, n := range names {
		for _, p := range splitDBA(n) {
			if p = collapseSpace(p); p != "" && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// splitDBA splits "X DBA Y" into X and Y.
func splitDBA(s string) []string {
	for _, sep := range []string{" DBA ", " D/B/A ", " dba "} {
		if x, y, ok := strings.Cut(s, sep); ok {
			return []string{x, y}
		}
	}
	return []string{s}
}
