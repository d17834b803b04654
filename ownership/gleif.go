package ownership

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/entityscreen/entityscreen/entitylist"
)

// LEIPrefix is the prefix of the party IDs of legal entity identifiers, in
// the org-id.guide scheme: the party of LEI 5493001KJTIIGC8Y1R12 is
// "XI-LEI-5493001KJTIIGC8Y1R12".
const LEIPrefix = "XI-LEI-"

// ReadGLEIF reads a GLEIF Global LEI Index file in the CSV format of the
// golden copy ("CDF" CSV), telling the kind from the header:
//
// A Level 2 relationship file (RR-CDF: Relationship.StartNode.NodeID, the
// child, and Relationship.EndNode.NodeID, the parent, with
// Relationship.RelationshipType) adds an edge for each relationship record,
// parent to child:
//
//   - IS_DIRECTLY_CONSOLIDATED_BY: a Consolidation, its share the record's
//     percentage quantifier if it has one, else unknown (GLEIF rarely
//     publishes one): a listed parent makes the child possibly owned 50% or
//     more, to determine, never a silent yes or no;
//   - IS_ULTIMATELY_CONSOLIDATED_BY: an UltimateConsolidation of unknown
//     share, whatever percentage the record gives (noted on the edge), since
//     the rule counts direct stakes and the parents between are not in the
//     record;
//   - IS_INTERNATIONAL_BRANCH_OF: a Branch, 100%;
//   - IS_FUND-MANAGED_BY, IS_SUBFUND_OF, IS_FEEDER_TO: Control, which
//     never counts toward the threshold.
//
// A relationship holds over its RELATIONSHIP_PERIOD (dates in ISO 8601 or, as
// some exports write them, milliseconds since 1970), over each of them when
// a record gives several (one edge a span, those that overlap or touch
// merged); the ACCOUNTING_PERIOD and DOCUMENT_FILING_PERIOD are those of the
// accounts and filings, and never bound it. An INACTIVE one without an end
// date ends at its last update; an ANNULLED registration is left out
// with a note. Parties are "XI-LEI-" and the LEI.
//
// A Level 1 entity file (LEI, Entity.LegalName) gives names, other and
// transliterated names, and the country (Entity.LegalJurisdiction, else the
// legal address) to parties the graph already holds: read the relationships
// first. A full Level 1 file describes millions of entities; those the graph
// does not hold are counted in a note, not stored.
//
// Problems are reported as by ReadCSV; a header naming a column twice (in
// any case) is one, and then no row is read.
func (g *Graph) ReadGLEIF(r io.Reader, origin string) error {
	pr := &problems{origin: origin}
	cr := csv.NewReader(stripBOM(r))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			pr.add(0, "", "", fmt.Errorf("%w: empty input", ErrUnknownFormat))
		} else {
			pr.add(csvLine(err, 1), "", "", fmt.Errorf("%w: %v", ErrSyntax, unwrapCSV(err)))
		}
		return pr.err(g)
	}
	idx := make(map[string]int, len(header))
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if _, ok := idx[name]; ok && name != "" {
			// Which of the two holds the value cannot be told.
			pr.add(1, h, "", ErrDuplicateColumn)
			continue
		}
		idx[name] = i
	}
	if pr.total > 0 {
		return pr.err(g)
	}
	var row func(rec []string, line int)
	switch {
	case has(idx, "relationship.startnode.nodeid"):
		row = g.gleifRelationships(idx, origin, pr)
	case has(idx, "lei") && has(idx, "entity.legalname"):
		if len(g.parties) == 0 {
			pr.add(1, "", "", fmt.Errorf("%w: a Level 1 file names entities; read the relationship records first", ErrNoParties))
			return pr.err(g)
		}
		row = g.gleifEntities(idx, origin)
	default:
		pr.add(1, "", "", fmt.Errorf("%w: not a GLEIF relationship (Relationship.StartNode.NodeID) or entity (LEI, Entity.LegalName) file", ErrUnknownFormat))
		return pr.err(g)
	}
	if pr.total > 0 {
		return pr.err(g)
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				pr.add(pe.StartLine, "", "", fmt.Errorf("%w: %v", ErrSyntax, pe.Err))
				continue
			}
			return g.readFailed(origin, err)
		}
		line, _ := cr.FieldPos(0)
		if i := invalidUTF8(rec); i >= 0 {
			pr.add(line, header[i], "", ErrInvalidUTF8)
			continue
		}
		row(rec, line)
	}
	row(nil, 0)
	return pr.err(g)
}

func has(idx map[string]int, col string) bool { _, ok := idx[col]; return ok }

func invalidUTF8(rec []string) int {
	for i, f := range rec {
		if !utf8.ValidString(f) {
			return i
		}
	}
	return -1
}

var (
	periodCol     = regexp.MustCompile(`^relationship\.period\.(\d+)\.(startdate|enddate|periodtype)$`)
	quantifierCol = regexp.MustCompile(`^relationship\.(?:quantifiers|qualifiers)\.(\d+)\.(measurementmethod|quantifieramount|quantifierunits)$`)
)

// gleifRelationships returns the reader of the rows of an RR-CDF file.
func (g *Graph) gleifRelationships(idx map[string]int, origin string, pr *problems) func([]string, int) {
	col := func(name string) int {
		if i, ok := idx[name]; ok {
			return i
		}
		return -1
	}
	var (
		child, childType   = col("relationship.startnode.nodeid"), col("relationship.startnode.nodeidtype")
		parent, parentType = col("relationship.endnode.nodeid"), col("relationship.endnode.nodeidtype")
		relType            = col("relationship.relationshiptype")
		status             = col("relationship.relationshipstatus")
		regStatus          = col("registration.registrationstatus")
		lastUpdate         = col("registration.lastupdatedate")
	)
	var missing []string
	if parent < 0 {
		missing = append(missing, "Relationship.EndNode.NodeID")
	}
	if relType < 0 {
		missing = append(missing, "Relationship.RelationshipType")
	}
	if len(missing) > 0 {
		pr.add(1, "", "", fmt.Errorf("%w: %s", ErrMissingColumn, strings.Join(missing, ", ")))
		return nil
	}
	type period struct{ n, start, end, typ int }
	type quant struct{ n, method, amount, units int }
	periodsByN := map[int]*period{}
	quantsByN := map[int]*quant{}
	for name, i := range idx {
		if m := periodCol.FindStringSubmatch(name); m != nil {
			n, _ := strconv.Atoi(m[1])
			p := periodsByN[n]
			if p == nil {
				p = &period{n, -1, -1, -1}
				periodsByN[n] = p
			}
			switch m[2] {
			case "startdate":
				p.start = i
			case "enddate":
				p.end = i
			default:
				p.typ = i
			}
		}
		if m := quantifierCol.FindStringSubmatch(name); m != nil {
			n, _ := strconv.Atoi(m[1])
			q := quantsByN[n]
			if q == nil {
				q = &quant{n, -1, -1, -1}
				quantsByN[n] = q
			}
			switch m[2] {
			case "measurementmethod":
				q.method = i
			case "quantifieramount":
				q.amount = i
			default:
				q.units = i
			}
		}
	}
	periods := slices.SortedFunc(maps.Values(periodsByN), func(a, b *period) int { return a.n - b.n })
	quants := slices.SortedFunc(maps.Values(quantsByN), func(a, b *quant) int { return a.n - b.n })
	o := g.origin(origin)
	return func(rec []string, line int) {
		if rec == nil { // end of input
			return
		}
		before := pr.total
		get := func(i int) string {
			if i < 0 || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[i])
		}
		bad := func(field, value string, err error) { pr.add(line, field, value, err) }
		rt := strings.ToUpper(get(relType))
		if rs := strings.ToUpper(get(regStatus)); rs == "ANNULLED" {
			g.note(Record{Origin: origin, Line: line}, "%s record annulled by GLEIF: not used", rt)
			return
		}
		c, p := get(child), get(parent)
		if c == "" {
			bad("Relationship.StartNode.NodeID", "", fmt.Errorf("%w: no child LEI", ErrEmptyParty))
		}
		if p == "" {
			bad("Relationship.EndNode.NodeID", "", fmt.Errorf("%w: no parent LEI", ErrEmptyParty))
		}
		var kind EdgeKind
		share := UnknownShare()
		var note string
		switch rt {
		case "IS_DIRECTLY_CONSOLIDATED_BY":
			kind = Consolidation
		case "IS_ULTIMATELY_CONSOLIDATED_BY":
			kind = UltimateConsolidation
		case "IS_INTERNATIONAL_BRANCH_OF":
			kind, share = Branch, Exact(100)
		case "IS_FUND-MANAGED_BY", "IS_SUBFUND_OF", "IS_FEEDER_TO":
			kind = Control
		default:
			bad("Relationship.RelationshipType", rt, fmt.Errorf("%w: not a GLEIF relationship type", ErrBadKind))
		}
		note = rt
		for _, q := range quants {
			amount := get(q.amount)
			if amount == "" {
				continue
			}
			if u := strings.ToUpper(get(q.units)); u != "" && u != "PERCENTAGE" {
				note += fmt.Sprintf("; quantifier %s %s (%s) not a percentage: not used", amount, u, get(q.method))
				continue
			}
			v, err := parsePercent(amount)
			if err != nil {
				bad("QuantifierAmount", amount, fmt.Errorf("%w: %w", ErrBadShare, err))
				continue
			}
			note += fmt.Sprintf("; %s%% (%s)", formatPercent(v), get(q.method))
			if kind == Consolidation {
				share = Exact(v)
			}
		}
		if kind == Consolidation && share.Unknown() {
			note += "; percentage not published"
		}
		var spans []span
		for _, pd := range periods {
			if strings.ToUpper(get(pd.typ)) != "RELATIONSHIP_PERIOD" {
				continue
			}
			sp := span{noDate, noDate}
			if s := get(pd.start); s != "" {
				d, err := parseGLEIFDate(s)
				if err != nil {
					bad("Relationship.Period.startDate", s, err)
				}
				sp.start = d
			}
			if s := get(pd.end); s != "" {
				d, err := parseGLEIFDate(s)
				if err != nil {
					bad("Relationship.Period.endDate", s, err)
				}
				sp.end = d
			}
			spans = append(spans, sp)
		}
		spans = mergeSpans(spans)
		if last := &spans[len(spans)-1]; strings.ToUpper(get(status)) == "INACTIVE" && last.end == noDate {
			d, err := parseGLEIFDate(get(lastUpdate))
			if err != nil {
				d = last.start
				if d == noDate {
					d = math32Min
				}
			}
			last.end = d
			note += "; inactive"
		}
		if pr.total > before {
			return
		}
		rec2 := Record{Origin: origin, Line: line}
		ci, _ := g.addParty(Party{ID: leiID(c, get(childType)), Kind: entitylist.TypeEntity, Record: rec2})
		pi, _ := g.addParty(Party{ID: leiID(p, get(parentType)), Kind: entitylist.TypeEntity, Record: rec2})
		for _, sp := range spans {
			if sp.start != noDate && sp.end != noDate && sp.end <= sp.start {
				sp.end = sp.start + 1 // a relationship ended the day it began: keep that day
			}
			g.addEdge(edge{
				owner: pi, owned: ci,
				low: lowUnits(share.Low), high: highUnits(share.High),
				start: sp.start, end: sp.end, asOf: noDate,
				line: int32(line), origin: o, kind: kind,
			}, note, "")
		}
	}
}

// span is a relationship period in days: from start until the day before
// end, noDate for an open bound.
type span struct{ start, end int32 }

// mergeSpans returns the union of a record's relationship periods as
// disjoint spans in order, those that overlap or touch merged: a record
// may give several (the GLEIF sample repeats one with and without its time
// of day), and the relationship holds over each. No period is one open
// span.
func mergeSpans(spans []span) []span {
	if len(spans) == 0 {
		return []span{{noDate, noDate}}
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	out := spans[:1]
	for _, sp := range spans[1:] {
		last := &out[len(out)-1]
		if last.end == noDate || sp.start <= last.end {
			if sp.end == noDate || (last.end != noDate && sp.end > last.end) {
				last.end = sp.end
			}
			continue
		}
		out = append(out, sp)
	}
	return out
}

// math32Min is the earliest day: an inactive relationship with no date at
// all has always ended.
const math32Min = noDate + 1

// leiID returns the party ID of a GLEIF node.
func leiID(id, typ string) string {
	id = strings.ToUpper(id)
	switch t := strings.ToUpper(typ); t {
	case "", "LEI":
		return LEIPrefix + id
	default:
		return "GLEIF-" + t + "-" + id
	}
}

// parseGLEIFDate reads an ISO 8601 date or date-time, or milliseconds since
// 1970 (as some exports of the golden copy write them). Milliseconds are an
// instant, not a date as written: the exports write a date's midnight in the
// zone of whoever recorded it (1498165200000, 2017-06-22T21:00Z, is midnight
// of 2017-06-23 in Moscow). Time zones run from UTC-12 to UTC+14, so a
// midnight falls between 10:00 UTC the day before (UTC+14) and 12:00 UTC
// the same day (UTC-12), and the hours from 10:00 to 12:00 UTC are midnight
// both east and west: an instant on a quarter hour, the midnight of some
// zone, is read as the date of the midnight east of it, the instant plus
// fourteen hours, which is the date meant for every zone from UTC-9:30 to
// UTC+14 (New Zealand's summer, Tonga, Samoa and the Line Islands among
// them), but a day late for those from UTC-10 to UTC-12 (Hawaii, French
// Polynesia, American Samoa), where no LEI issuer keeps its records. An
// instant off the quarter hours is a time recorded, not a midnight: its
// date in UTC. Neither depends on the zone of the machine reading it.
func parseGLEIFDate(s string) (int32, error) {
	if s != "" && strings.Trim(s, "0123456789") == "" && len(s) >= 9 {
		ms, err := strconv.ParseInt(s, 10, 64)
		if err == nil {
			const quarter = 15 * 60 * 1000 // a quarter hour, in milliseconds
			t := time.UnixMilli(ms).UTC()
			if ms%quarter == 0 {
				t = t.Add(14 * time.Hour)
			}
			return dayOf(t), nil
		}
	}
	return parseDate(s, false)
}

// gleifEntities returns the reader of the rows of a Level 1 file.
func (g *Graph) gleifEntities(idx map[string]int, origin string) func([]string, int) {
	var names []int
	for name, i := range idx {
		if strings.HasPrefix(name, "entity.otherentitynames.otherentityname.") && !strings.Contains(strings.TrimPrefix(name, "entity.otherentitynames.otherentityname."), ".") ||
			strings.HasPrefix(name, "entity.transliteratedotherentitynames.transliteratedotherentityname.") && !strings.Contains(strings.TrimPrefix(name, "entity.transliteratedotherentitynames.transliteratedotherentityname."), ".") {
			names = append(names, i)
		}
	}
	slices.Sort(names)
	lei, legal := idx["lei"], idx["entity.legalname"]
	jur, hasJur := idx["entity.legaljurisdiction"]
	addr, hasAddr := idx["entity.legaladdress.country"]
	skipped := 0
	return func(rec []string, line int) {
		if rec == nil { // end of input
			if skipped > 0 {
				g.note(Record{Origin: origin}, "%d entity records describe no party of the graph: not stored", skipped)
			}
			return
		}
		get := func(i int) string {
			if i < 0 || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[i])
		}
		i, ok := g.byKey[LEIPrefix+strings.ToUpper(get(lei))]
		if !ok {
			skipped++
			return
		}
		p := Party{ID: g.parties[i].ID, Name: get(legal), Kind: entitylist.TypeEntity, Record: Record{Origin: origin, Line: line}}
		for _, c := range names {
			if n := get(c); n != "" {
				p.AltNames = append(p.AltNames, n)
			}
		}
		if hasJur {
			if j := strings.ToUpper(get(jur)); len(j) >= 2 && isAlpha2(j[:2]) && (len(j) == 2 || j[2] == '-') {
				p.Country = j[:2]
			}
		}
		if p.Country == "" && hasAddr {
			if c := strings.ToUpper(get(addr)); isAlpha2(c) {
				p.Country = c
			}
		}
		g.addParty(p)
	}
}

func isAlpha2(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}
