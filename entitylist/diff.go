package entitylist

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"slices"
	"strconv"
	"time"
)

// EntryKey identifies an entry across versions of a list: its source and
// its id, and, for the rare id a source repeats (the 2022 CSL repeats some
// SDN ids), which of the rows with that id it is, in list order (0 for the
// first).
//
// The zero EntryKey is the key of the first row with an empty id and no
// source. Like any plain Go value it may be read by many goroutines at once,
// but not changed while another uses it.
type EntryKey struct {
	Source Source `json:"source"`
	ID     string `json:"id"`
	Dup    int    `json:"dup,omitempty"`
}

// String renders the key as "SOURCE id", with "#n" for a repeated id.
func (k EntryKey) String() string {
	s := string(k.Source) + " " + k.ID
	if k.Dup > 0 {
		s += "#" + strconv.Itoa(k.Dup)
	}
	return s
}

// Keys returns the key of every entry of l, in list order.
func (l *List) Keys() []EntryKey {
	keys := make([]EntryKey, l.Len())
	seen := make(map[EntryKey]int, l.Len())
	for i, e := range l.All() {
		k := EntryKey{Source: e.Source, ID: e.ID}
		n := seen[k]
		seen[k] = n + 1
		k.Dup = n
		keys[i] = k
	}
	return keys
}

// The fields of an entry that its content hash covers, by their JSON
// names: what screening reads and what a reviewer's decision rests on.
var hashedFields = []string{
	"type", "name", "alt_names", "addresses", "programs", "federal_register_notices",
	"start_date", "end_date", "standard_order", "license_requirement", "license_policy",
	"ids", "citizenships", "nationalities", "dates_of_birth", "places_of_birth",
	"aliases", "linked_to", "agency", "exclusion_type", "vessel.flag",
}

// omittedWhenEmpty are the hashed fields that only the readers of OFAC's,
// the UN's and SAM's lists fill in, a vessel's flag, hashed since
// screening reads it as one of the entry's countries, and the Denied
// Persons List's standard order, part of the entry's Effects. ContentHash
// leaves such a field out while it is empty, so that the hashes of
// entries without them, every CSL entry but a flagged vessel's and a
// Denied Persons List entry's with a standard order, stay what they were
// before the fields were hashed.
var omittedWhenEmpty = map[string]bool{
	"aliases": true, "linked_to": true, "agency": true, "exclusion_type": true, "vessel.flag": true,
	"standard_order": true,
}

// emptyField reports whether e has no value in the hashed field f.
func (e *Entry) emptyField(f string) bool {
	switch f {
	case "aliases":
		return len(e.Aliases) == 0
	case "linked_to":
		return len(e.LinkedTo) == 0
	case "agency":
		return e.Agency == ""
	case "exclusion_type":
		return e.ExclusionType == ""
	case "vessel.flag":
		return e.vesselFlag() == ""
	case "standard_order":
		return e.StandardOrder == ""
	}
	return false
}

// ContentHash returns the hex SHA-256 of the fields of e that matter to
// screening and to a reviewer's decision: its type, names and aliases,
// addresses, programs, Federal Register notices, start and end dates,
// license requirement and policy, identifications, citizenships,
// nationalities, dates and places of birth, and, where the entry has them,
// the aliases' kind and strength, the parties it is linked to, the
// excluding agency, the exclusion type, a vessel's flag and the standard
// order (left out while empty, so hashes of entries without them did not
// change when they were added). Every country of [Entry.Countries] is thus
// hashed, and every field of the entry's [Entry.Effects].
// Two entries with the same hash read alike to a screener and a reviewer;
// where the list rewrites anything else (a URL, the remarks, the line) the
// hash stays. The hash is of the entry as the readers read it: a reader
// that comes to read a hashed field otherwise (an address's parts split
// anew) changes the hash of each entry it reads otherwise, once, and a
// monitor sees those entries changed at its next run.
func (e *Entry) ContentHash() string {
	h := sha256.New()
	for _, f := range hashedFields {
		if omittedWhenEmpty[f] && e.emptyField(f) {
			continue
		}
		writeString(h, f) // the field's name first: a value moved to another field changes the hash
		e.writeField(h, f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// changedFields returns the hashed fields, by JSON name, in which a and b
// differ.
func changedFields(a, b *Entry) []string {
	var out []string
	for _, f := range hashedFields {
		ha, hb := sha256.New(), sha256.New()
		a.writeField(ha, f)
		b.writeField(hb, f)
		if !bytes.Equal(ha.Sum(nil), hb.Sum(nil)) {
			out = append(out, f)
		}
	}
	return out
}

// writeField writes hashed field f of e to h, every value prefixed by its
// length so that no two values write alike.
func (e *Entry) writeField(h hash.Hash, f string) {
	switch f {
	case "type":
		writeString(h, e.Type.String())
	case "name":
		writeString(h, e.Name)
	case "alt_names":
		writeStrings(h, e.AltNames...)
	case "addresses":
		writeLen(h, len(e.Addresses))
		for _, a := range e.Addresses {
			writeStrings(h, a.Street, a.City, a.State, a.PostalCode, a.Country)
		}
	case "programs":
		writeStrings(h, e.Programs...)
	case "federal_register_notices":
		writeStrings(h, e.FederalRegisterNotices...)
	case "start_date":
		writeDate(h, e.StartDate)
	case "end_date":
		writeDate(h, e.EndDate)
	case "standard_order":
		writeString(h, e.StandardOrder)
	case "license_requirement":
		writeString(h, e.LicenseRequirement)
	case "license_policy":
		writeString(h, e.LicensePolicy)
	case "ids":
		writeLen(h, len(e.IDs))
		for _, id := range e.IDs {
			writeStrings(h, id.Type, id.Number, id.Country, id.IssueDate)
		}
	case "citizenships":
		writeStrings(h, e.Citizenships...)
	case "nationalities":
		writeStrings(h, e.Nationalities...)
	case "dates_of_birth":
		writeStrings(h, e.DatesOfBirth...)
	case "places_of_birth":
		writeStrings(h, e.PlacesOfBirth...)
	case "aliases":
		writeLen(h, len(e.Aliases))
		for _, a := range e.Aliases {
			weak := ""
			if a.Weak {
				weak = "weak"
			}
			writeStrings(h, a.Name, string(a.Kind), weak)
		}
	case "linked_to":
		writeStrings(h, e.LinkedTo...)
	case "agency":
		writeString(h, e.Agency)
	case "exclusion_type":
		writeString(h, e.ExclusionType)
	case "vessel.flag":
		writeString(h, e.vesselFlag())
	}
}

// vesselFlag returns the flag of e's vessel, or "".
func (e *Entry) vesselFlag() string {
	if e.Vessel == nil {
		return ""
	}
	return e.Vessel.Flag
}

func writeLen(h hash.Hash, n int) {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(n))
	h.Write(b[:])
}

func writeString(h hash.Hash, s string) {
	writeLen(h, len(s))
	h.Write([]byte(s))
}

func writeStrings(h hash.Hash, ss ...string) {
	writeLen(h, len(ss))
	for _, s := range ss {
		writeString(h, s)
	}
}

func writeDate(h hash.Hash, t time.Time) {
	if t.IsZero() {
		writeString(h, "")
		return
	}
	writeString(h, t.UTC().Format(time.RFC3339))
}

// Change is one entry that differs between two versions of a list.
//
// The zero Change is no change of no entry. Like any plain Go value it may
// be read by many goroutines at once, but not changed while another uses it.
type Change struct {
	Key EntryKey `json:"key"`
	// Old is the entry in the old list, nil when it was added; New the
	// entry in the new list, nil when it was removed: decoded from the
	// lists (see List.Entry), the caller's own.
	Old *Entry `json:"old,omitempty"`
	New *Entry `json:"new,omitempty"`
	// Fields are the fields that changed, by their JSON names (see
	// Entry.ContentHash), for an entry in both lists.
	Fields []string `json:"fields,omitempty"`
}

// Changes are the differences between two versions of a list, each slice
// in key order (source, id, repeat).
//
// The zero Changes is no difference (Empty reports true). Like any plain Go
// value it may be read by many goroutines at once, but not changed while
// another uses it.
type Changes struct {
	Added   []Change `json:"added"`
	Removed []Change `json:"removed"`
	Changed []Change `json:"changed"`
}

// Empty reports whether the two lists read alike.
func (c *Changes) Empty() bool {
	return len(c.Added) == 0 && len(c.Removed) == 0 && len(c.Changed) == 0
}

// Diff returns the entries added, removed and changed from old to new,
// matched by EntryKey; an entry is changed when its content hash differs
// (see Entry.ContentHash), and Fields says where.
func Diff(old, new *List) Changes {
	index := func(l *List) map[EntryKey]*Entry {
		m := make(map[EntryKey]*Entry, l.Len())
		for i, k := range l.Keys() {
			m[k] = l.Entry(i)
		}
		return m
	}
	before, after := index(old), index(new)
	var c Changes
	for k, o := range before {
		n, ok := after[k]
		switch {
		case !ok:
			c.Removed = append(c.Removed, Change{Key: k, Old: o})
		case o.ContentHash() != n.ContentHash():
			c.Changed = append(c.Changed, Change{Key: k, Old: o, New: n, Fields: changedFields(o, n)})
		}
	}
	for k, n := range after {
		if _, ok := before[k]; !ok {
			c.Added = append(c.Added, Change{Key: k, New: n})
		}
	}
	for _, s := range [][]Change{c.Added, c.Removed, c.Changed} {
		slices.SortFunc(s, func(a, b Change) int {
			return cmp.Or(cmp.Compare(a.Key.Source, b.Key.Source), cmp.Compare(a.Key.ID, b.Key.ID), cmp.Compare(a.Key.Dup, b.Key.Dup))
		})
	}
	return c
}
