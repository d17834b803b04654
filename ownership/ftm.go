package ownership

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// ReadFtM reads FollowTheMoney entities, the format of OpenSanctions and
// Aleph: JSON Lines, one entity a line ({"id", "schema", "properties",
// "datasets"}), or a JSON array of them. Party IDs are the entities' ids.
//
//   - Ownership (owner, asset, percentage, startDate, endDate, role): an
//     edge from owner to asset; without a percentage, as in the "subsidiary
//     of" records, the share is unknown; several percentages in one
//     entity are several statements of the stake, combined as several
//     records of it are (see the package documentation, "Several
//     statements of one stake": alike, once; differing, at least the
//     largest and at most the sum of the differing ones), and several dates
//     give the period from the earliest start to the latest end, each with
//     a note.
//   - Person, Company, Organization, LegalEntity, PublicBody: a party, with
//     name (the first is the party's name), alias and previousName as its
//     names, jurisdiction (else country) as its country (a value that
//     names no country is left out with a note; several jurisdictions, or
//     several countries and no jurisdiction, are a conflict reported as by
//     Graph.AddParty), and its kind.
//   - Sanction: an OFAC SDN designation (dataset us_ofac_sdn) with an
//     authorityId, OFAC's entity number, ties its entity to the SDN list
//     entry of that number (a ListRef), each of its entities to each of its
//     numbers; other sanctions are left to name screening.
//
// Entities of other schemas (addresses, directorships, family ties) are
// counted in a note. Entities may come in any order: an edge may name a
// party described further on. A property value the reader uses that is not
// a string (or a nested entity with an id), such as a percentage written as
// a number, is a bad value (ErrBadValue): FollowTheMoney writes strings, and
// a value left out would change the stake. Problems are reported as by
// ReadPSC.
func (g *Graph) ReadFtM(r io.Reader, origin string) error {
	pr := &problems{origin: origin}
	o := g.origin(origin)
	skipped := map[string]int{}
	err := jsonRecords(r, func(line int, raw []byte) {
		var e ftmEntity
		if err := json.Unmarshal(raw, &e); err != nil {
			pr.add(line, "", "", fmt.Errorf("%w: %v", ErrBadValue, err))
			return
		}
		g.addFtM(&e, line, o, origin, pr, skipped)
	}, func(line int, err error) { pr.add(line, "", "", err) })
	if err != nil {
		return g.readFailed(origin, err)
	}
	for _, k := range sortedKeys(skipped) {
		g.note(Record{Origin: origin}, "%d %s entities carry no ownership: not used", skipped[k], k)
	}
	return pr.err(g)
}

type ftmEntity struct {
	ID         string                       `json:"id"`
	Schema     string                       `json:"schema"`
	Properties map[string][]json.RawMessage `json:"properties"`
	Datasets   []string                     `json:"datasets"`
}

// prop returns the values of a property as strings: the strings themselves,
// or the ids of nested entities. FollowTheMoney writes every value as a
// string; any other value (a number such as "percentage": [60], null, true,
// an array, an object without an id) is reported to pr on line, with the
// field and the value, and left out: never skipped silently, as a 60% stake
// read as one of unknown size, or an ended stake as a current one, would be.
// Blank strings are values not given. ok is false when a value was
// reported, so that the caller does not report the property again as
// missing.
func (e *ftmEntity) prop(name string, line int, pr *problems) (vals []string, ok bool) {
	raw := e.Properties[name]
	vals, ok = make([]string, 0, len(raw)), true
	for _, v := range raw {
		var s *string
		if json.Unmarshal(v, &s) == nil && s != nil {
			if t := strings.TrimSpace(*s); t != "" {
				vals = append(vals, t)
			}
			continue
		}
		var nested struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(v, &nested) == nil && nested.ID != "" {
			vals = append(vals, nested.ID)
			continue
		}
		pr.add(line, "properties."+name, string(v), fmt.Errorf("%w: %s, where FollowTheMoney writes a string", ErrBadValue, jsonKind(v)))
		ok = false
	}
	return vals, ok
}

// jsonKind names the kind of the JSON value v, for a message. v is a value
// the decoder read, so never empty.
func jsonKind(v json.RawMessage) string {
	switch bytes.TrimSpace(v)[0] {
	case 'n':
		return "null"
	case 't', 'f':
		return "a boolean"
	case '[':
		return "an array"
	case '{':
		return "an object without an id string"
	}
	return "a number"
}

func first(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

var ftmPartySchemas = map[string]entitylist.EntityType{
	"Person":       entitylist.TypeIndividual,
	"Company":      entitylist.TypeEntity,
	"Organization": entitylist.TypeEntity,
	"LegalEntity":  entitylist.TypeUnknown,
	"PublicBody":   entitylist.TypeEntity,
}

func (g *Graph) addFtM(e *ftmEntity, line int, o uint32, origin string, pr *problems, skipped map[string]int) {
	if e.Schema == "" {
		pr.add(line, "schema", "", fmt.Errorf("%w: no schema", ErrBadKind))
		return
	}
	if e.ID == "" {
		pr.add(line, "id", "", fmt.Errorf("%w: no id", ErrEmptyParty))
		return
	}
	rec := Record{Origin: origin, Line: line, ID: e.ID}
	if kind, ok := ftmPartySchemas[e.Schema]; ok {
		names, _ := e.prop("name", line, pr)
		aliases, _ := e.prop("alias", line, pr)
		previous, _ := e.prop("previousName", line, pr)
		jurisdictions, _ := e.prop("jurisdiction", line, pr)
		countries, _ := e.prop("country", line, pr)
		p := Party{ID: e.ID, Name: first(names), Kind: kind, Record: rec}
		p.AltNames = slices.Concat(names[min(1, len(names)):], aliases, previous)
		var unread []string // values that name no country, noted
		var others []string // further countries of the kind that gave p's
		from := -1          // 0: p's country is a jurisdiction, 1: a country
		for k, vs := range [][]string{jurisdictions, countries} {
			for _, c := range vs {
				cc, err := screening.ParseCountry(c)
				switch {
				case err != nil:
					unread = append(unread, c)
				case p.Country == "":
					p.Country, from = cc, k
				case k == from:
					// Countries beside a jurisdiction are the
					// entity's associated ones, not where it is
					// incorporated: they conflict among themselves
					// only when no jurisdiction is read.
					if cc != p.Country && cc != "" && !slices.Contains(others, cc) {
						others = append(others, cc)
					}
				}
			}
		}
		if len(unread) > 0 {
			g.note(rec, "jurisdiction or country %s names no country: left out", strings.Join(quoteAll(unread, 4), ", "))
		}
		i, _ := g.addParty(p)
		for _, c := range others {
			if c != g.parties[i].Country {
				g.conflictingCountry(i, Party{Country: c, Record: rec})
			}
		}
		return
	}
	switch e.Schema {
	case "Ownership":
		g.addFtMOwnership(e, rec, line, o, pr)
	case "Sanction":
		// An entity named by a value that is not a string is reported as
		// such, not again as missing.
		ents, entsOK := e.prop("entity", line, pr)
		if entsOK && len(ents) == 0 {
			pr.add(line, "properties.entity", "", fmt.Errorf("%w: a sanction of no entity", ErrEmptyParty))
			return
		}
		ids, idsOK := e.prop("authorityId", line, pr)
		if !entsOK || !idsOK {
			return
		}
		var refs []ListRef // every entity number, for every entity sanctioned
		for _, id := range ids {
			if id != "" && !slices.ContainsFunc(refs, func(r ListRef) bool { return r.ID == id }) {
				refs = append(refs, ListRef{Source: entitylist.SpeciallyDesignated, ID: id})
			}
		}
		if !slices.Contains(e.Datasets, "us_ofac_sdn") || len(refs) == 0 {
			skipped["Sanction (other than OFAC SDN with an entity number)"]++
			return
		}
		for _, ent := range ents {
			g.addParty(Party{ID: ent, ListRefs: slices.Clone(refs), Record: rec})
		}
	default:
		skipped[e.Schema]++
	}
}

func (g *Graph) addFtMOwnership(e *ftmEntity, rec Record, line int, o uint32, pr *problems) {
	before := pr.total
	// A party named by a value that is not a string is reported as such,
	// not again as missing.
	owners, ok := e.prop("owner", line, pr)
	if ok && len(owners) == 0 {
		pr.add(line, "properties.owner", "", fmt.Errorf("%w: an ownership with no owner", ErrEmptyParty))
	}
	assets, ok := e.prop("asset", line, pr)
	if ok && len(assets) == 0 {
		pr.add(line, "properties.asset", "", fmt.Errorf("%w: an ownership with no asset", ErrEmptyParty))
	}
	low, high := int32(0), int32(fullUnits) // unknown
	var notes []string
	if pcts, _ := e.prop("percentage", line, pr); len(pcts) > 0 {
		// Several percentages are several statements of the stake, as
		// several records are: one rule for both (statedShares).
		var st statedShares
		for _, s := range pcts {
			v, err := parsePercent(s)
			if err != nil {
				pr.add(line, "properties.percentage", s, fmt.Errorf("%w: %w", ErrBadShare, err))
				continue
			}
			st.add(int64(lowUnits(v)), int64(highUnits(v)))
		}
		if len(st.seen) > 0 {
			l, h := st.share()
			low, high = int32(l), int32(h)
			if st.differ() {
				notes = append(notes, "several percentages: "+strings.Join(pcts, ", ")+": at least the largest, at most the sum of those that differ")
			}
		}
	} else {
		notes = append(notes, "no percentage")
	}
	roles, _ := e.prop("role", line, pr)
	if role := strings.Join(roles, ", "); role != "" {
		notes = append([]string{role}, notes...)
	}
	// Of several dates, the stake holds from the earliest start to the
	// latest end, with a note: it may have held at any time between.
	start, end := int32(noDate), int32(noDate)
	starts, _ := e.prop("startDate", line, pr)
	for _, s := range starts {
		if strings.TrimSpace(s) == "" {
			continue
		}
		if d, err := parseDate(s, false); err != nil {
			pr.add(line, "properties.startDate", s, err)
		} else if start == noDate || d < start {
			start = d
		}
	}
	ends, _ := e.prop("endDate", line, pr)
	for _, s := range ends {
		if strings.TrimSpace(s) == "" {
			continue
		}
		if d, err := parseDate(s, true); err != nil {
			pr.add(line, "properties.endDate", s, err)
		} else if end == noDate || d > end {
			end = d
		}
	}
	if len(starts) > 1 || len(ends) > 1 {
		notes = append(notes, "several dates: from "+strings.Join(starts, ", ")+" to "+strings.Join(ends, ", "))
	}
	if start != noDate && end != noDate && end <= start {
		end = start + 1
	}
	if pr.total > before {
		return
	}
	note := strings.Join(notes, "; ")
	for _, ow := range owners {
		for _, as := range assets {
			oi, _ := g.addParty(Party{ID: ow, Record: rec})
			ai, _ := g.addParty(Party{ID: as, Record: rec})
			g.addEdge(edge{
				owner: oi, owned: ai,
				low: low, high: high,
				start: start, end: end, asOf: noDate,
				line: int32(line), origin: o, kind: Ownership,
			}, note, e.ID)
		}
	}
}
