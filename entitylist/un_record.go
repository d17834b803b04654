package entitylist

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// The records of the UN list: one INDIVIDUAL or ENTITY, read as a small tree
// by unReader.readNode, checked and turned into an entry.

// The elements of an INDIVIDUAL or ENTITY the reader knows, by their name
// in the record: single-valued texts, repeated texts, and groups whose
// children are listed.
var (
	unSingle = []string{"DATAID", "VERSIONNUM", "FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME",
		"UN_LIST_TYPE", "REFERENCE_NUMBER", "LISTED_ON", "GENDER", "COMMENTS1", "SUBMITTED_BY", "SUBMITTED_ON",
		"SORT_KEY", "SORT_KEY_LAST_MOD", "DELISTED_ON"}
	unRepeated = []string{"NAME_ORIGINAL_SCRIPT"}
	unGroups   = map[string][]string{
		"TITLE": {"VALUE"}, "DESIGNATION": {"VALUE"}, "NATIONALITY": {"VALUE"}, "LIST_TYPE": {"VALUE"},
		"LAST_DAY_UPDATED":          {"VALUE"},
		"INDIVIDUAL_ALIAS":          {"QUALITY", "ALIAS_NAME", "NOTE", "DATE_OF_BIRTH", "CITY_OF_BIRTH", "COUNTRY_OF_BIRTH"},
		"ENTITY_ALIAS":              {"QUALITY", "ALIAS_NAME", "NOTE"},
		"INDIVIDUAL_ADDRESS":        {"STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY", "NOTE"},
		"ENTITY_ADDRESS":            {"STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY", "NOTE"},
		"INDIVIDUAL_DATE_OF_BIRTH":  {"TYPE_OF_DATE", "DATE", "YEAR", "FROM_YEAR", "TO_YEAR", "NOTE"},
		"INDIVIDUAL_PLACE_OF_BIRTH": {"STREET", "CITY", "STATE_PROVINCE", "COUNTRY", "NOTE"},
		"INDIVIDUAL_DOCUMENT": {"TYPE_OF_DOCUMENT", "TYPE_OF_DOCUMENT2", "NUMBER", "ISSUING_COUNTRY",
			"DATE_OF_ISSUE", "CITY_OF_ISSUE", "COUNTRY_OF_ISSUE", "NOTE"},
	}
)

// unKind is one of the two kinds of UN record, INDIVIDUAL and ENTITY.
type unKind struct {
	name   string     // "individual" or "entity", for messages
	prefix string     // of its groups: "INDIVIDUAL_" or "ENTITY_"
	typ    EntityType // of its entries
}

var (
	unIndividual = unKind{name: "individual", prefix: "INDIVIDUAL_", typ: TypeIndividual}
	unEntity     = unKind{name: "entity", prefix: "ENTITY_", typ: TypeEntity}
)

// unRecord is the content of one INDIVIDUAL or ENTITY, checked.
type unRecord struct {
	path   string              // "INDIVIDUAL" or "ENTITY", for messages
	single map[string]*unNode  // single-valued elements
	groups map[string][]*group // groups by element name, in order
	bad    bool                // a problem was reported
}

// group is one group element (an alias, an address ...) with its
// single-valued children.
type group struct {
	node   *unNode
	fields map[string]*unNode
}

// text returns the text of the child name of g, collapsed, or "".
func (g *group) text(name string) string {
	if n := g.fields[name]; n != nil {
		return collapseSpace(n.text)
	}
	return ""
}

// check sorts the children of the record node n, of kind own, reporting
// elements that repeat where they may not, and warning about unknown ones
// and about content the reader does not read: text beside a group's
// elements, and elements inside an element of text. A group of values
// written as text without VALUE (<NATIONALITY>Iran</NATIONALITY>) has that
// text as its value, a NAME_ORIGINAL_SCRIPT written as VALUE elements those
// values as its names, and an alias or address group of the other kind of
// record (an INDIVIDUAL_ALIAS in an ENTITY) is filed as the record's own;
// each with a warning.
func (rd *unReader) check(n *unNode, own, other unKind) *unRecord {
	rec := &unRecord{path: n.name, single: make(map[string]*unNode), groups: make(map[string][]*group)}
	dup := func(path string, line, first int) {
		rd.b.errs.add(line, path, "", fmt.Errorf("%w: the element appears twice (first on line %d) where it may appear once", ErrDuplicateKey, first))
		rec.bad = true
	}
	if n.text != "" {
		rd.b.warn(n.line, n.name, keptValue(n.text), "text beside the record's elements ignored")
	}
	for _, c := range n.children {
		path := n.name + "/" + c.name
		switch {
		case slices.Contains(unSingle, c.name):
			if first, ok := rec.single[c.name]; ok {
				dup(path, c.line, first.line)
				continue
			}
			rd.textOnly(c, path)
			rec.single[c.name] = c
		case slices.Contains(unRepeated, c.name):
			rec.groups[c.name] = append(rec.groups[c.name], rd.repeated(c, path)...)
		case unGroups[c.name] != nil:
			key := c.name
			// An INDIVIDUAL's groups start with INDIVIDUAL_, an ENTITY's
			// with ENTITY_ (but for the individual's alone:
			// INDIVIDUAL_DOCUMENT ...).
			if rest, ok := strings.CutPrefix(c.name, other.prefix); ok {
				if unGroups[own.prefix+rest] != nil {
					key = own.prefix + rest
				}
				rd.b.warn(c.line, path, "", fmt.Sprintf("an %s's element in an %s, read as the %s's", other.name, own.name, own.name))
			}
			values := unGroups[c.name][0] == "VALUE"
			g := &group{node: c, fields: make(map[string]*unNode)}
			found := 0
			for _, f := range c.children {
				fpath := path + "/" + f.name
				switch {
				case !slices.Contains(unGroups[c.name], f.name):
					rd.b.warn(f.line, fpath, "", "unknown element ignored")
					continue
				case values:
					// A list of values: each VALUE is a group of its own.
					rec.groups[key] = append(rec.groups[key], &group{node: f, fields: map[string]*unNode{"VALUE": f}})
					found++
				case g.fields[f.name] != nil:
					dup(fpath, f.line, g.fields[f.name].line)
					continue
				default:
					g.fields[f.name] = f
				}
				rd.textOnly(f, fpath)
			}
			switch {
			case !values:
				if c.text != "" {
					rd.b.warn(c.line, path, keptValue(c.text), "text beside the group's elements ignored")
				}
				rec.groups[key] = append(rec.groups[key], g)
			case c.text != "" && found == 0:
				rd.b.warn(c.line, path, keptValue(c.text), "text without a VALUE element, read as its value")
				rec.groups[key] = append(rec.groups[key], &group{node: c, fields: map[string]*unNode{"VALUE": c}})
			case c.text != "":
				rd.b.warn(c.line, path, keptValue(c.text), "text beside the VALUE elements ignored")
			}
		default:
			rd.b.warn(c.line, path, "", "unknown element ignored")
		}
	}
	return rec
}

// repeated returns the groups of c, an element of text that may repeat
// (NAME_ORIGINAL_SCRIPT), at path: c itself, or, for one written as
// VALUE elements and no text of its own, each VALUE, with a warning: a
// name in its original script is screened, not dropped.
func (rd *unReader) repeated(c *unNode, path string) []*group {
	if c.text != "" || !slices.ContainsFunc(c.children, func(f *unNode) bool { return f.name == "VALUE" }) {
		rd.textOnly(c, path)
		return []*group{{node: c}}
	}
	rd.b.warn(c.line, path, "", "written as VALUE elements, each read as a name")
	var out []*group
	for _, f := range c.children {
		fpath := path + "/" + f.name
		if f.name != "VALUE" {
			rd.b.warn(f.line, fpath, keptValue(innerText(f)), "an element beside the VALUE elements ignored")
			continue
		}
		rd.textOnly(f, fpath)
		out = append(out, &group{node: f})
	}
	return out
}

// textOnly warns about each element inside n, an element of text alone
// at path: the reader reads its text, not what such an element holds.
func (rd *unReader) textOnly(n *unNode, path string) {
	for _, c := range n.children {
		rd.b.warn(c.line, path+"/"+c.name, keptValue(innerText(c)), "an element inside an element of text ignored")
	}
}

// innerText returns the text of n and then that of the elements inside
// it, depth first, joined by spaces.
func innerText(n *unNode) string {
	parts := appendNonEmpty(nil, n.text)
	for _, c := range n.children {
		parts = appendNonEmpty(parts, innerText(c))
	}
	return strings.Join(parts, " ")
}

// text returns the text of the single-valued element name, collapsed.
func (rec *unRecord) text(name string) string {
	if n := rec.single[name]; n != nil {
		return collapseSpace(n.text)
	}
	return ""
}

// entry converts the record node n, an INDIVIDUAL or ENTITY, and adds it
// to the list.
func (rd *unReader) entry(n *unNode) {
	own, other := unEntity, unIndividual
	if n.name == "INDIVIDUAL" {
		own, other = other, own
	}
	rec := rd.check(n, own, other)
	e := Entry{Source: UNSecurityCouncil, Type: own.typ, Line: n.line}
	field := func(name string) string { return n.name + "/" + name }
	lineOf := func(name string) int {
		if c := rec.single[name]; c != nil {
			return c.line
		}
		return n.line
	}

	dataID := rec.text("DATAID")
	switch {
	case !isNumber(dataID):
		rd.b.errs.add(lineOf("DATAID"), field("DATAID"), keptValue(dataID), fmt.Errorf("%w: the DATAID is missing or not a whole number", ErrBadValue))
		rec.bad = true
	case rd.dataIDs[dataID] > 0:
		rd.b.errs.add(lineOf("DATAID"), field("DATAID"), dataID, fmt.Errorf("%w: the DATAID of the record on line %d", ErrDuplicateEntry, rd.dataIDs[dataID]))
		rec.bad = true
	default:
		rd.dataIDs[dataID] = n.line
	}
	ref := rec.text("REFERENCE_NUMBER")
	switch {
	case ref == "":
		rd.b.errs.add(lineOf("REFERENCE_NUMBER"), field("REFERENCE_NUMBER"), "", fmt.Errorf("%w: no REFERENCE_NUMBER", ErrBadValue))
		rec.bad = true
	case rd.refs[ref] > 0:
		rd.b.errs.add(lineOf("REFERENCE_NUMBER"), field("REFERENCE_NUMBER"), ref, fmt.Errorf("%w: the REFERENCE_NUMBER of the record on line %d", ErrDuplicateEntry, rd.refs[ref]))
		rec.bad = true
	default:
		rd.refs[ref] = n.line
	}
	e.ID, e.EntityNumber = ref, dataID
	if d := rec.text("DELISTED_ON"); d != "" {
		rd.b.warn(lineOf("DELISTED_ON"), field("DELISTED_ON"), d, "a delisted record in the consolidated list, kept")
	}

	var names []string
	for _, k := range []string{"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"} {
		names = appendNonEmpty(names, rec.text(k))
	}
	e.Name = strings.Join(names, " ")
	e.Programs = appendNonEmpty(nil, rec.text("UN_LIST_TYPE"))
	e.Remarks = strings.TrimSpace(textOrEmpty(rec.single["COMMENTS1"]))
	if s := rec.text("LISTED_ON"); s != "" {
		t, ok := parseUNDate(s)
		if !ok {
			rd.b.errs.add(lineOf("LISTED_ON"), field("LISTED_ON"), keptValue(s), ErrBadDate)
			rec.bad = true
		}
		e.StartDate = t
	}
	if g := rec.text("GENDER"); g != "" {
		e.IDs = append(e.IDs, Identification{Type: "Gender", Number: g, Raw: "Gender, " + g})
	}
	var titles []string
	for _, k := range []string{"TITLE", "DESIGNATION"} {
		for _, g := range rec.groups[k] {
			titles = appendNonEmpty(titles, g.text("VALUE"))
		}
	}
	e.Title = strings.Join(titles, "; ")
	for _, g := range rec.groups["NATIONALITY"] {
		if v := g.text("VALUE"); v != "" {
			e.Nationalities = append(e.Nationalities, rd.countries.codeOrText(v, g.node.line, field("NATIONALITY/VALUE")))
		}
	}

	addAlias := func(name string, kind AliasKind, weak bool) {
		if name = collapseSpace(name); name != "" {
			e.Aliases = append(e.Aliases, Alias{Name: name, Kind: kind, Weak: weak})
			e.AltNames = append(e.AltNames, name)
		}
	}
	var aliasNotes []string // the aliases' notes, kept in the remarks
	for _, g := range rec.groups[own.prefix+"ALIAS"] {
		name := g.text("ALIAS_NAME")
		if note := g.text("NOTE"); note != "" {
			aliasNotes = append(aliasNotes, strings.TrimSpace("Alias "+name)+": "+note)
		}
		if name == "" {
			continue // the UN writes an empty alias for a record without one
		}
		kind, weak := AlsoKnownAs, false
		switch q := g.text("QUALITY"); strings.ToLower(q) {
		case "good", "a.k.a.", "":
		case "low":
			weak = true
		case "f.k.a.":
			kind = FormerlyKnownAs
		case "n.k.a.":
			kind = NowKnownAs
		default:
			rd.b.warn(g.node.line, field(g.node.name+"/QUALITY"), q, "unknown alias quality, taken as a strong a.k.a.")
		}
		addAlias(name, kind, weak)
		if d := g.text("DATE_OF_BIRTH"); d != "" && !slices.Contains(e.DatesOfBirth, d) {
			e.DatesOfBirth = append(e.DatesOfBirth, d)
		}
		if p := joinNonEmpty([]string{g.text("CITY_OF_BIRTH"), g.text("COUNTRY_OF_BIRTH")}); p != "" && !slices.Contains(e.PlacesOfBirth, p) {
			e.PlacesOfBirth = append(e.PlacesOfBirth, p)
		}
	}
	if len(aliasNotes) > 0 {
		e.Remarks = strings.Join(append(appendNonEmpty(nil, e.Remarks), aliasNotes...), "\n")
	}
	for _, g := range rec.groups["NAME_ORIGINAL_SCRIPT"] {
		addAlias(g.node.text, AlsoKnownAs, false)
	}

	for _, g := range rec.groups[own.prefix+"ADDRESS"] {
		a := Address{Street: g.text("STREET"), City: g.text("CITY"), State: g.text("STATE_PROVINCE"), PostalCode: g.text("ZIP_CODE")}
		country := g.text("COUNTRY")
		if country != "" {
			a.Country = rd.countries.code(country, g.node.line, field(g.node.name+"/COUNTRY"))
		}
		a.Raw = withNote(joinNonEmpty([]string{a.Street, a.City, a.State, a.PostalCode, country}), g.text("NOTE"))
		if a.Raw != "" {
			e.Addresses = append(e.Addresses, a)
		}
	}
	for _, g := range rec.groups["INDIVIDUAL_DATE_OF_BIRTH"] {
		d, ok := rd.dateOfBirth(g, field("INDIVIDUAL_DATE_OF_BIRTH"))
		if !ok {
			rec.bad = true
		}
		if d != "" && !slices.Contains(e.DatesOfBirth, d) {
			e.DatesOfBirth = append(e.DatesOfBirth, d)
		}
	}
	for _, g := range rec.groups["INDIVIDUAL_PLACE_OF_BIRTH"] {
		p := withNote(joinNonEmpty([]string{g.text("STREET"), g.text("CITY"), g.text("STATE_PROVINCE"), g.text("COUNTRY")}), g.text("NOTE"))
		if p != "" && !slices.Contains(e.PlacesOfBirth, p) {
			e.PlacesOfBirth = append(e.PlacesOfBirth, p)
		}
	}
	for _, g := range rec.groups["INDIVIDUAL_DOCUMENT"] {
		id, ok := rd.document(g, field("INDIVIDUAL_DOCUMENT"))
		if !ok {
			rec.bad = true
		}
		if id.Raw != "" {
			e.IDs = append(e.IDs, id)
		}
	}
	if e.Name == "" {
		rd.b.errs.add(lineOf("FIRST_NAME"), field("FIRST_NAME"), "", ErrEmptyName)
		rec.bad = true
	}
	if !rec.bad {
		rd.b.add(e, -1)
	}
}

// textOrEmpty returns the text of n, or "" for nil.
func textOrEmpty(n *unNode) string {
	if n == nil {
		return ""
	}
	return n.text
}

// withNote returns s followed by the note in parentheses; the note alone
// if s is empty.
func withNote(s, note string) string {
	switch {
	case note == "":
		return s
	case s == "":
		return note
	}
	return s + " (" + note + ")"
}

// parseUNDate parses a date of the UN list, "2012-12-31", sometimes with a
// time zone offset ("2015-04-07-04:00", "2015-04-07Z"), which is dropped.
func parseUNDate(s string) (time.Time, bool) {
	if len(s) > 10 && strings.ContainsRune("+-Z", rune(s[10])) {
		s = s[:10]
	}
	if len(s) != 10 {
		return time.Time{}, false
	}
	return parseDate(s)
}

// dateOfBirth returns a date of birth of the UN list as the CSL writes it,
// with the UN's note; ok is false after reporting a bad date or year.
func (rd *unReader) dateOfBirth(g *group, path string) (string, bool) {
	ok := true
	year := func(name string) string {
		y := g.text(name)
		if y != "" && (len(y) != 4 || !isNumber(y)) {
			rd.b.errs.add(g.fields[name].line, path+"/"+name, keptValue(y), fmt.Errorf("%w: not a year", ErrBadDate))
			ok = false
		}
		return y
	}
	date := g.text("DATE")
	if date != "" {
		t, good := parseUNDate(date)
		if !good {
			rd.b.errs.add(g.fields["DATE"].line, path+"/DATE", keptValue(date), ErrBadDate)
			return "", false
		}
		date = t.Format(time.DateOnly)
	}
	if date == "" {
		date = year("YEAR")
	}
	from, to := year("FROM_YEAR"), year("TO_YEAR")
	typ := strings.ToUpper(g.text("TYPE_OF_DATE"))
	switch typ {
	case "", "EXACT", "APPROXIMATELY", "BETWEEN":
	default:
		rd.b.warn(g.fields["TYPE_OF_DATE"].line, path+"/TYPE_OF_DATE", keptValue(g.text("TYPE_OF_DATE")), "type of date not known, the date read as written")
	}
	v := date
	switch {
	case from != "" && to != "":
		v = from + " to " + to
	case from != "":
		v = from + " or later"
	case to != "":
		v = to + " or earlier"
	}
	note := g.text("NOTE")
	if typ == "APPROXIMATELY" {
		if v == "" { // the date in the note alone: "circa" stays with it
			v, note = note, ""
		}
		if v != "" {
			v = "circa " + v
		}
	}
	return withNote(v, note), ok
}

// document returns an identity document of the UN list; ok is false after
// reporting a bad date of issue.
func (rd *unReader) document(g *group, path string) (Identification, bool) {
	id := Identification{Type: g.text("TYPE_OF_DOCUMENT"), Number: g.text("NUMBER")}
	if t2 := g.text("TYPE_OF_DOCUMENT2"); t2 != "" {
		id.Type = strings.TrimSpace(id.Type + " (" + t2 + ")")
	}
	country, from := g.text("ISSUING_COUNTRY"), "ISSUING_COUNTRY"
	if country == "" {
		country, from = g.text("COUNTRY_OF_ISSUE"), "COUNTRY_OF_ISSUE"
	}
	if country != "" {
		id.Country = rd.countries.code(country, g.node.line, path+"/"+from)
	}
	ok := true
	if d := g.text("DATE_OF_ISSUE"); d != "" {
		t, good := parseUNDate(d)
		if !good {
			rd.b.errs.add(g.fields["DATE_OF_ISSUE"].line, path+"/DATE_OF_ISSUE", keptValue(d), ErrBadDate)
			ok = false
		}
		id.IssueDate = t.Format(time.DateOnly)
	}
	id.Raw = joinNonEmpty([]string{g.text("TYPE_OF_DOCUMENT"), g.text("TYPE_OF_DOCUMENT2"), id.Number,
		g.text("ISSUING_COUNTRY"), g.text("DATE_OF_ISSUE"), g.text("CITY_OF_ISSUE"), g.text("COUNTRY_OF_ISSUE"), g.text("NOTE")})
	return id, ok
}
