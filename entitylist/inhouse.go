package entitylist

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
)

// The columns of the in-house CSV format.
const (
	inhouseName    = "name"
	inhouseAliases = "aliases"
	inhouseCountry = "country"
	inhouseID      = "id"
	inhouseNotes   = "notes"
)

// inhouseIDPrefix starts the IDs derived for in-house rows without an id.
const inhouseIDPrefix = "INHOUSE-"

// ReadInHouse reads an in-house list: a company's own blocklist as CSV with
// a header line naming the columns name, aliases, country, id and notes, in
// any order and case. Only name is required; columns that are absent are
// empty, unknown ones are ignored with a warning (the error for a missing
// name column names them), and a column named twice is an error, as is a
// field that is not valid UTF-8. Sizes are bounded as by [ReadCSV].
//
//   - name: the party's name (required in every row).
//   - aliases: alternate names separated by ";".
//   - country: ISO 3166-1 alpha-2 codes (any case) separated by ";"; each
//     becomes an Address with only its Country set. "UK" is GB, which ISO
//     reserves it for, as package screening reads a query's country.
//   - id: the company's own reference. If it is empty, the ID is derived
//     from the content: "INHOUSE-" and the first 12 hex digits of the
//     SHA-256 of the lower-case name, a NUL byte and the country codes, so
//     it stays the same when rows are added, removed or reordered.
//   - notes: free text, kept as the entry's Remarks.
//
// Every entry has Source [InHouse] and type [TypeUnknown]. Errors and
// warnings are reported as by [ReadCSV]; the header line repeated as a
// record (files joined with their headers) is [ErrDuplicateHeader].
func ReadInHouse(r io.Reader, origin string) (*List, error) {
	in, err := openCSV(r, origin)
	if err != nil {
		return nil, err
	}
	cols := indexColumns(in.header)
	var problems errorList
	if cols.get(inhouseName) < 0 {
		problems.add(in.headerLine, inhouseName, "", missingColumnError(in.header, isInHouseColumn))
	}
	checkRepeatedColumns(&problems, in, cols, isInHouseColumn)
	if err := problems.err(origin); err != nil {
		return nil, err
	}
	b := newBuilder(origin, FormatInHouse)
	warnUnknownColumns(b, in, isInHouseColumn)
	name, aliases, country, id, notes := cols.get(inhouseName), cols.get(inhouseAliases),
		cols.get(inhouseCountry), cols.get(inhouseID), cols.get(inhouseNotes)
	err = readRecords(in, b, func(rec []string, line int) {
		// Clone each field kept: the csv.Reader backs all fields of a
		// record with one string, ignored columns included.
		get := func(i int) string {
			if i < 0 {
				return ""
			}
			return strings.Clone(strings.TrimSpace(rec[i]))
		}
		e := Entry{
			ID:      get(id),
			Source:  InHouse,
			Name:    collapseSpace(get(name)),
			Remarks: get(notes),
			Line:    line,
		}
		for _, a := range splitValues(get(aliases), ";") {
			if a = collapseSpace(a); a != "" {
				e.AltNames = append(e.AltNames, a)
			}
		}
		for _, cc := range splitValues(get(country), ";") {
			up := strings.ToUpper(cc)
			if !isCountryCode(up) {
				b.errs.add(line, inhouseCountry, cc, ErrBadCountry)
				return
			}
			if up == "UK" {
				up = "GB"
			}
			e.Addresses = append(e.Addresses, Address{Country: up, Raw: cc})
		}
		if e.ID == "" && e.Name != "" {
			e.ID = deriveInHouseID(e.Name, e.Countries())
		}
		b.add(e, -1)
	})
	if err != nil {
		return nil, fmt.Errorf("entitylist: %s: %w", origin, err)
	}
	return b.finish(in.hr.sum())
}

// deriveInHouseID returns the content-derived ID of an in-house row; see
// ReadInHouse.
func deriveInHouseID(name string, countries []string) string {
	h := sha256.New()
	h.Write([]byte(strings.ToLower(name)))
	h.Write([]byte{0})
	h.Write([]byte(strings.Join(countries, ";")))
	return inhouseIDPrefix + hex.EncodeToString(h.Sum(nil))[:12]
}
