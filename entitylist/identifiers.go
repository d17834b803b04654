package entitylist

import "strings"

// The ids field: identifications split from the row, then parsed once the
// layout of the whole list is known.

// idLayout is the order of the parts of one published identification.
type idLayout uint8

const (
	// layoutTypeFirst is "type, number, country[, date]", used since 2023.
	layoutTypeFirst idLayout = iota
	// layoutTypeLast is "country, [[expires, ]date, ]number, type", used
	// in 2022.
	layoutTypeLast
)

// splitIDs splits the ids field into identifications holding only Raw; the
// parts are filled in as the entry is added, by the layout the list's
// identifications give so far, and by resolveIDs again if the layout of
// the whole list turns out another.
func splitIDs(s string) []Identification {
	vals := splitValues(s, "; ")
	if vals == nil {
		return nil
	}
	ids := make([]Identification, len(vals))
	for i, v := range vals {
		ids[i].Raw = v
	}
	return ids
}

// idVote returns +1 if raw can only be read as type-last, -1 if only as
// type-first, and 0 if it does not tell.
func idVote(raw string) int {
	var buf [8]string
	parts := splitInto(buf[:0], raw, ", ")
	if len(parts) < 3 {
		return 0
	}
	first, third := isCountryCode(parts[0]), isCountryCode(parts[2])
	switch {
	case first && !third:
		return +1
	case third && !first:
		return -1
	}
	return 0
}

// idLayoutOf decides the layout of a whole list from the votes (see
// idVote) of the identifications whose parts only fit one layout; the
// current type-first layout wins ties.
func idLayoutOf(votes int) idLayout {
	if votes > 0 {
		return layoutTypeLast
	}
	return layoutTypeFirst
}

// idParse is an entry whose identifications were parsed by a layout.
type idParse struct {
	entry  int32
	layout idLayout
}

// resolveIDs returns the entries of s with Type, Number, Country and
// IssueDate of the identifications of the entries of parsed that were
// parsed by another layout than layout parsed anew from their Raw text:
// for a list whose first identifications did not tell the layout that
// the rest of the list gives. The other entries are copied as encoded.
func resolveIDs(s *store, layout idLayout, parsed []idParse) store {
	out := store{sources: s.sources, srcOf: s.srcOf}
	for i := range s.len() {
		if len(parsed) == 0 || parsed[0].entry != int32(i) {
			out.addRaw(s.raw(i))
			continue
		}
		p := parsed[0]
		parsed = parsed[1:]
		if p.layout == layout {
			out.addRaw(s.raw(i))
			continue
		}
		e := s.entry(i)
		for j, id := range e.IDs {
			e.IDs[j] = Identification{Raw: id.Raw}
			parseID(&e.IDs[j], layout)
		}
		out.add(e)
	}
	out.done()
	return out
}

// parseID parses id.Raw. Type-first: "Passport, A553077, SD, 04 Apr 2000";
// "Gender, Male"; "Secondary sanctions risk:, North Korea Sanctions
// Regulations, sections 510.201 and 510.210" (the number keeps its commas).
// Type-last: "LB, 2020-08-28, RL 3367620, Passport"; "JO, 2014-08-30,
// 2009-08-31, K475336, Passport" (expires, then issued); "Male, Gender".
func parseID(id *Identification, layout idLayout) {
	var buf [8]string
	parts := splitInto(buf[:0], id.Raw, ", ")
	n := len(parts)
	if n == 1 {
		id.Number = strings.TrimSpace(parts[0])
		return
	}
	switch layout {
	case layoutTypeLast:
		id.Type = strings.TrimSpace(parts[n-1])
		mid := parts[:n-1]
		if len(mid) >= 2 && isCountryCode(mid[0]) {
			id.Country = mid[0]
			mid = mid[1:]
		}
		// Up to two dates come before the number: the expiration and the
		// issue date when there are two ("JO, 2014-08-30, 2009-08-31,
		// K475336, Passport"), the expiration left in Raw, which is the
		// only place an Identification keeps it; one date alone is taken
		// as the issue date.
		for dates := 0; dates < 2 && len(mid) >= 2; dates++ {
			if _, ok := parseDate(mid[0]); !ok {
				break
			}
			id.IssueDate = strings.TrimSpace(mid[0])
			mid = mid[1:]
		}
		id.Number = strings.TrimSpace(strings.Join(mid, ", "))
	default:
		id.Type = strings.TrimSpace(parts[0])
		rest := parts[1:]
		if len(rest) >= 2 && isCountryCode(rest[1]) {
			id.Number = strings.TrimSpace(rest[0])
			id.Country = rest[1]
			id.IssueDate = strings.TrimSpace(strings.Join(rest[2:], ", "))
			return
		}
		id.Number = strings.TrimSpace(strings.Join(rest, ", "))
	}
}
