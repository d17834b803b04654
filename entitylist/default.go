package entitylist

import (
	"bytes"
	_ "embed"
	"sync"
)

// defaultOrigin is the [Version.Origin] of the list returned by [Default].
const defaultOrigin = "embedded default"

// defaultCSV is a small Entity List sample in the official CSL CSV format.
//
// Every row was written by hand from public Federal Register notices: name,
// country (and city where certain), first Federal Register citation, start
// date, and license requirement, policy and aliases only where they are
// certain; any other field is left empty. As in the official list, the _id of
// each row is the hex SHA-224 of lower(name) + lower(federal_register_notice),
// so a row whose citations equal the official ones has the official _id.
//
//go:embed data/default.csv
var defaultCSV []byte

var defaultList = sync.OnceValues(func() (*List, error) {
	l, err := ReadCSV(bytes.NewReader(defaultCSV), defaultOrigin)
	if err != nil {
		return nil, err
	}
	l.version.Sample = true
	return l, nil
})

// Default returns a small Entity List compiled into the package, so the
// library works with no download. It holds about forty real Entity List
// parties, among them the three Kaspersky entities added on 2024-06-24 by
// 89 FR 52362, each with its Federal Register citation.
//
// The default list is a sample for trying the library and for tests. It is
// NOT a complete or current screening list: screen against the official list
// ([Download], [Cache]) for any real decision. Its version says so
// ([Version.Sample]), and so does every result made against it.
//
// The list is parsed on first use and shared by all callers; like every
// [List], it is immutable and safe for concurrent use.
func Default() *List {
	l, err := defaultList()
	if err != nil {
		// The embedded data is part of the program and is checked by the
		// package tests: failing to parse it is a build defect.
		panic("entitylist: embedded default list is broken: " + err.Error())
	}
	return l
}
