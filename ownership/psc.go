package ownership

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// CompanyPrefix is the prefix of the party IDs of companies on the UK
// register, in the org-id.guide scheme: company 08209948 is
// "GB-COH-08209948".
const CompanyPrefix = "GB-COH-"

// PSCPrefix is the prefix of the party IDs of persons with significant
// control that the register gives no company number of: the last part of the
// record's link, "GB-PSC-FReSTxwXcJbAHBrerDpmTylkW48".
const PSCPrefix = "GB-PSC-"

// ReadPSC reads a UK Companies House "persons with significant control"
// snapshot: JSON Lines, one record a line, as Companies House publishes it,
// or a JSON array of the same records. Each record of a person with
// significant control (individual, corporate entity, legal person, a
// registered overseas entity's beneficial owner) adds an edge from the person
// to the company (party "GB-COH-" and the company number, country GB, except
// the "OE" numbers of overseas entities, whose country the record does not
// give):
//
//   - the ownership natures ("ownership-of-shares-25-to-50-percent", and the
//     "as-trust", "as-firm", LLP "right-to-share-surplus-assets" and
//     overseas-entity "more-than-25-percent" forms) are bands: an
//     Ownership edge of more than 25% and at most 50% is the Share [25, 50],
//     so that 50-75 and 75-100 meet the 50% threshold and 25-50 is
//     "possibly"; several ownership natures of one record (held directly
//     and as a trustee, say) give at least the largest band's low and at
//     most the sum of the highs;
//   - a record with control natures only (voting rights, the right to
//     appoint directors, significant influence) is a Control edge;
//   - a super-secure record, whose person the register withholds, is an
//     edge of unknown share from an unnamed party, so the company's outcome
//     says that an owner could not be identified.
//
// A corporate owner registered at Companies House with a registration number
// is the party of that company ("GB-COH-..."), so that chains of UK companies
// join; other owners are "GB-PSC-" and the last part of the record's link.
//
// The register gives no date the stake began: notified_on is the date
// Companies House was notified of the person (2016-04-06, when the register
// began, for a holding older than it), and ceased_on the date it was
// notified that the person ceased. So notified_on is the edge's AsOf, the
// date the register states the stake as of, not its Start: evaluated before
// it, the stake is possibly held, never for sure, and reported
// (IssueStatedLater); ceased_on is its End: from that date the register
// says the person no longer holds it.
//
// A statement ("persons-with-significant-control-statement") carries no
// stake but says something of the company's ownership: that it has no
// registrable person (no one holds more than 25% of its shares or votes,
// nor controls it), that it has one it has not identified, or has not yet
// found out. It is kept, with its record, from notified_on until the day
// before ceased_on, and an evaluation at a date it is in force reports it
// on the company (IssueStatement); a statement the package does not know is
// reported as written. So is an exemption ("exemptions": a company whose
// shares trade on a regulated market keeps no register), over each period
// it applies (exempt_from, exempt_to): its owners are not in the data. The
// snapshot's totals line carries no ownership and is counted in a note.
//
// A record that cannot be read is reported by its line in a *LoadError, as by
// ReadCSV; a JSON Lines input is read on after it.
func (g *Graph) ReadPSC(r io.Reader, origin string) error {
	pr := &problems{origin: origin}
	o := g.origin(origin)
	skipped := map[string]int{}
	err := jsonRecords(r, func(line int, raw []byte) {
		var rec pscRecord
		if err := json.Unmarshal(raw, &rec); err != nil {
			pr.add(line, "", "", fmt.Errorf("%w: %v", ErrBadValue, err))
			return
		}
		g.addPSC(&rec, line, o, origin, pr, skipped)
	}, func(line int, err error) { pr.add(line, "", "", err) })
	if err != nil {
		return g.readFailed(origin, err)
	}
	for _, k := range sortedKeys(skipped) {
		g.note(Record{Origin: origin}, "%d %q records carry no ownership: not used", skipped[k], k)
	}
	return pr.err(g)
}

type pscRecord struct {
	CompanyNumber string  `json:"company_number"`
	Data          pscData `json:"data"`
}

type pscData struct {
	Kind               string   `json:"kind"`
	Name               string   `json:"name"`
	NaturesOfControl   []string `json:"natures_of_control"`
	NotifiedOn         string   `json:"notified_on"`
	CeasedOn           string   `json:"ceased_on"`
	CountryOfResidence string   `json:"country_of_residence"`
	Etag               string   `json:"etag"`
	Statement          string   `json:"statement"`
	LinkedPSCName      string   `json:"linked_psc_name"`
	// Exemptions is the object of an "exemptions" record, read by
	// addPSCExemptions.
	Exemptions   json.RawMessage `json:"exemptions"`
	IsSanctioned *bool           `json:"is_sanctioned"`
	Address      struct {
		Country string `json:"country"`
	} `json:"address"`
	Identification struct {
		CountryRegistered  string `json:"country_registered"`
		PlaceRegistered    string `json:"place_registered"`
		RegistrationNumber string `json:"registration_number"`
		LegalAuthority     string `json:"legal_authority"`
	} `json:"identification"`
	Links struct {
		Self string `json:"self"`
	} `json:"links"`
}

// pscOwnerKinds maps the record kinds of persons with significant control to
// the kind of party they are.
var pscOwnerKinds = map[string]entitylist.EntityType{
	"individual-person-with-significant-control":       entitylist.TypeIndividual,
	"individual-beneficial-owner":                      entitylist.TypeIndividual,
	"corporate-entity-person-with-significant-control": entitylist.TypeEntity,
	"corporate-entity-beneficial-owner":                entitylist.TypeEntity,
	"legal-person-person-with-significant-control":     entitylist.TypeEntity,
	"legal-person-beneficial-owner":                    entitylist.TypeEntity,
	"super-secure-person-with-significant-control":     entitylist.TypeUnknown,
	"super-secure-beneficial-owner":                    entitylist.TypeUnknown,
}

func (g *Graph) addPSC(rec *pscRecord, line int, o uint32, origin string, pr *problems, skipped map[string]int) {
	d := &rec.Data
	kind := d.Kind
	ownerKind, ok := pscOwnerKinds[kind]
	if !ok {
		if kind == "" {
			pr.add(line, "data.kind", "", fmt.Errorf("%w: no record kind", ErrBadKind))
			return
		}
		if strings.Contains(kind, "statement") {
			code := strings.TrimSpace(d.Statement)
			says := pscStatements[strings.ReplaceAll(strings.ToLower(code), "significant", "signficant")]
			if name := strings.TrimSpace(d.LinkedPSCName); name != "" && says != "" {
				says += ": " + name
			}
			g.addPSCStatement(rec, line, origin, pr, code, says, [2]string{"data.notified_on", d.NotifiedOn}, [2]string{"data.ceased_on", d.CeasedOn})
			return
		}
		if kind == "exemptions" {
			g.addPSCExemptions(rec, line, origin, pr)
			return
		}
		if strings.Contains(kind, "exemption") || strings.HasPrefix(kind, "totals#") {
			skipped[kind]++
			return
		}
		pr.add(line, "data.kind", kind, fmt.Errorf("%w: not a PSC record kind", ErrBadKind))
		return
	}
	company := strings.ToUpper(strings.TrimSpace(rec.CompanyNumber))
	if company == "" {
		pr.add(line, "company_number", "", fmt.Errorf("%w: no company number", ErrEmptyParty))
		return
	}
	secure := strings.HasPrefix(kind, "super-secure")
	low, high, control, note, err := pscNatures(d.NaturesOfControl)
	if err != nil {
		pr.add(line, "data.natures_of_control", "", err)
		return
	}
	if secure {
		low, high, control = 0, fullUnits, false
		note = "super-secure: the register withholds the person"
	} else if len(d.NaturesOfControl) == 0 {
		pr.add(line, "data.natures_of_control", "", fmt.Errorf("%w: no nature of control", ErrBadValue))
		return
	}
	rid := d.Links.Self
	ownerID := ""
	if seg := lastSegment(d.Links.Self); seg != "" {
		ownerID = PSCPrefix + seg
	} else if d.Etag != "" {
		ownerID = PSCPrefix + d.Etag
	}
	if n := ukRegistration(d); n != "" {
		ownerID = CompanyPrefix + n
	}
	if ownerID == "" {
		pr.add(line, "data.links.self", "", fmt.Errorf("%w: no link or etag to identify the person", ErrEmptyParty))
		return
	}
	recd := Record{Origin: origin, Line: line, ID: rid}
	owned := Party{ID: CompanyPrefix + company, Kind: entitylist.TypeEntity, Record: recd}
	if !strings.HasPrefix(company, "OE") {
		owned.Country = "GB"
	}
	owner := Party{ID: ownerID, Name: d.Name, Kind: ownerKind, Record: recd}
	switch {
	case ownerKind == entitylist.TypeIndividual:
		owner.Country = pscCountry(d.CountryOfResidence)
	case ownerKind == entitylist.TypeEntity:
		owner.Country = pscCountry(d.Identification.CountryRegistered)
		if owner.Country == "" {
			owner.Country = pscCountry(d.Address.Country)
		}
	}
	if d.IsSanctioned != nil && *d.IsSanctioned {
		g.note(recd, "the register marks %s as sanctioned (under UK sanctions): screen it", owner.Label())
	}
	end, asOf := int32(noDate), int32(noDate)
	if d.CeasedOn != "" {
		if end, err = parseDate(d.CeasedOn, false); err != nil {
			pr.add(line, "data.ceased_on", d.CeasedOn, err)
			return
		}
	}
	if d.NotifiedOn != "" {
		if asOf, err = parseDate(d.NotifiedOn, false); err != nil {
			pr.add(line, "data.notified_on", d.NotifiedOn, err)
			return
		}
	}
	oi, _ := g.addParty(owner)
	ci, _ := g.addParty(owned)
	k := Ownership
	if control && high == 0 {
		k = Control
	}
	g.addEdge(edge{
		owner: oi, owned: ci, low: int32(low), high: int32(high),
		start: noDate, end: end, asOf: asOf,
		line: int32(line), origin: o, kind: k,
	}, note, rid)
}

// pscStatements says what the register's statements state, by the
// statement's code (Companies House's, whose "signficant" is misspelt;
// read also spelt right).
var pscStatements = map[string]string{
	"no-individual-or-entity-with-signficant-control":             "it has no registrable person: no individual or entity holds more than 25% of its shares or votes or controls it, so stakes of 25% or less, which may add up to the threshold, are not in this data",
	"no-individual-or-entity-with-signficant-control-partnership": "it has no registrable person: no individual or entity holds more than 25% of its shares or votes or controls it, so stakes of 25% or less, which may add up to the threshold, are not in this data",
	"steps-to-find-psc-not-yet-completed":                         "it has not yet completed taking reasonable steps to find out whether it has a registrable person: its ownership is not established",
	"steps-to-find-psc-not-yet-completed-partnership":             "it has not yet completed taking reasonable steps to find out whether it has a registrable person: its ownership is not established",
	"psc-exists-but-not-identified":                               "it has a registrable person it has not identified: an owner of more than 25%, or a controller, is not in this data",
	"psc-details-not-confirmed":                                   "it has identified a registrable person whose details are not confirmed",
	"psc-contacted-but-no-response":                               "a registrable person it gave notice to has not answered",
	"restrictions-notice-issued-to-psc":                           "it has issued a restrictions notice to a registrable person",
	"psc-has-failed-to-confirm-changed-details":                   "a registrable person has failed to confirm changed details",
}

// pscExemption is one exemption of an "exemptions" record: its type and
// the periods it applies.
type pscExemption struct {
	ExemptionType string `json:"exemption_type"`
	Items         []struct {
		ExemptFrom string `json:"exempt_from"`
		ExemptTo   string `json:"exempt_to"`
	} `json:"items"`
}

// pscExemptions says what the register's exemptions state, by their type.
var pscExemptions = map[string]string{
	"psc-exempt-as-trading-on-regulated-market":          "it is exempt from keeping a register of persons with significant control, its shares trading on a regulated market: its owners are not in this data",
	"psc-exempt-as-trading-on-uk-regulated-market":       "it is exempt from keeping a register of persons with significant control, its shares trading on a UK regulated market: its owners are not in this data",
	"psc-exempt-as-trading-on-eu-regulated-market":       "it is exempt from keeping a register of persons with significant control, its shares trading on an EU regulated market: its owners are not in this data",
	"psc-exempt-as-shares-admitted-on-market":            "it is exempt from keeping a register of persons with significant control, its shares admitted to trading on a market: its owners are not in this data",
	"disclosure-transparency-rules-chapter-five-applies": "it is exempt from keeping a register of persons with significant control, the disclosure and transparency rules (chapter 5) applying to it: its owners are not in this data",
}

// addPSCExemptions keeps the exemptions of an "exemptions" record as
// statements of the company (see ReadPSC), one for each period of each
// exemption. A record whose exemptions are not an object of exemptions
// with items is noted and left out.
func (g *Graph) addPSCExemptions(rec *pscRecord, line int, origin string, pr *problems) {
	d := &rec.Data
	var ex map[string]pscExemption
	if json.Unmarshal(d.Exemptions, &ex) != nil || len(ex) == 0 {
		g.note(Record{Origin: origin, Line: line, ID: d.Links.Self}, "an exemptions record whose exemptions are not an object of exemptions with items: not used")
		return
	}
	for _, key := range sortedKeys(ex) {
		e := ex[key]
		code := cmp.Or(strings.TrimSpace(e.ExemptionType), strings.ReplaceAll(key, "_", "-"))
		field := "data.exemptions." + key + ".items."
		if len(e.Items) == 0 {
			g.addPSCStatement(rec, line, origin, pr, code, pscExemptions[code], [2]string{}, [2]string{})
		}
		for _, it := range e.Items {
			g.addPSCStatement(rec, line, origin, pr, code, pscExemptions[code], [2]string{field + "exempt_from", it.ExemptFrom}, [2]string{field + "exempt_to", it.ExemptTo})
		}
	}
}

// statement is what the data states of a party's ownership without
// recording a stake: a UK PSC statement.
type statement struct {
	party    int32
	code     string // as the data writes it
	says     string // what it says, for people; "" for a code not known
	from, to int32  // in force from, and until the day before; noDate if open
	record   Record
}

// detail describes the statement for an Issue.
func (st *statement) detail() string {
	var b strings.Builder
	b.WriteString("the register states")
	if st.from != noDate {
		b.WriteString(" from " + dateOf(st.from).Format(time.DateOnly))
	}
	if st.to != noDate {
		b.WriteString(" until " + dateOf(st.to).Format(time.DateOnly))
	}
	if st.says == "" {
		fmt.Fprintf(&b, " %q, a statement on its persons with significant control this package does not know: read it", st.code)
		return b.String()
	}
	fmt.Fprintf(&b, " that %s (%q)", st.says, st.code)
	return b.String()
}

// addPSCStatement keeps a statement of the register on the company of rec
// (see ReadPSC): code as the register writes it, what it says (empty for a
// code not known), and the dates it applies from and until, as written,
// with the fields that give them.
func (g *Graph) addPSCStatement(rec *pscRecord, line int, origin string, pr *problems, code, says string, from, to [2]string) {
	d := &rec.Data
	company := strings.ToUpper(strings.TrimSpace(rec.CompanyNumber))
	if company == "" {
		pr.add(line, "company_number", "", fmt.Errorf("%w: no company number", ErrEmptyParty))
		return
	}
	if code == "" {
		pr.add(line, "data.statement", "", fmt.Errorf("%w: a statement with no statement", ErrBadValue))
		return
	}
	st := statement{code: code, says: says, from: noDate, to: noDate, record: Record{Origin: origin, Line: line, ID: d.Links.Self}}
	var err error
	if from[1] != "" {
		if st.from, err = parseDate(from[1], false); err != nil {
			pr.add(line, from[0], from[1], err)
			return
		}
	}
	if to[1] != "" {
		if st.to, err = parseDate(to[1], false); err != nil {
			pr.add(line, to[0], to[1], err)
			return
		}
	}
	owned := Party{ID: CompanyPrefix + company, Kind: entitylist.TypeEntity, Record: st.record}
	if !strings.HasPrefix(company, "OE") {
		owned.Country = "GB"
	}
	if st.party, err = g.addParty(owned); err != nil {
		pr.add(line, "company_number", company, err)
		return
	}
	g.statements = append(g.statements, st)
	g.changes.Add(1)
}

// pscBand matches the band of an ownership nature: "25-to-50-percent" or
// "more-than-25-percent".
var pscBand = regexp.MustCompile(`(?:^|-)(?:(\d+)-to-(\d+)|more-than-(\d+))-percent`)

// pscNatures reads the natures of control of one record: its ownership, in
// units, whether it has control natures, and the natures as a note. Several
// ownership natures (held directly and as a trustee, say) may count the same
// shares or different ones: the record holds at least the largest low and at
// most the sum of the highs, capped at 100%; a nature repeated counts once
// (the package's rule for several statements of one stake, which natures
// follow by their nature, not their band alone).
func pscNatures(natures []string) (low, high int64, control bool, note string, err error) {
	owns := false
	seen := make(map[string]bool, len(natures))
	for _, n := range natures {
		n = strings.ToLower(strings.TrimSpace(n))
		if seen[n] {
			continue
		}
		seen[n] = true
		isOwnership := strings.HasPrefix(n, "ownership-of-shares") || strings.Contains(n, "right-to-share-surplus-assets")
		if !isOwnership {
			control = true
			continue
		}
		m := pscBand.FindStringSubmatch(n)
		switch {
		case m == nil:
			high += fullUnits // an ownership nature without a band: size unknown
		case m[3] != "":
			v, _ := strconv.Atoi(m[3])
			if v > 100 {
				return 0, 0, false, "", fmt.Errorf("%w: %q is not a band within 0-100%%", ErrBadShare, n)
			}
			low = max(low, int64(v)*unitsPerPercent)
			high += fullUnits
		default:
			a, _ := strconv.Atoi(m[1])
			b, _ := strconv.Atoi(m[2])
			if a > b || b > 100 {
				return 0, 0, false, "", fmt.Errorf("%w: %q is not a band within 0-100%%", ErrBadShare, n)
			}
			low = max(low, int64(a)*unitsPerPercent)
			high += int64(b) * unitsPerPercent
		}
		owns = true
	}
	if !owns {
		low, high = 0, 0
	}
	low, high = min(low, fullUnits), min(high, fullUnits)
	return low, high, control, strings.Join(natures, ", "), nil
}

// ukRegistration returns the Companies House number of a corporate owner
// the record says is registered there, or "".
func ukRegistration(d *pscData) string {
	id := &d.Identification
	n := strings.ToUpper(strings.Join(strings.Fields(id.RegistrationNumber), ""))
	if n == "" || !strings.HasPrefix(d.Kind, "corporate-entity") {
		return ""
	}
	where := strings.ToLower(id.PlaceRegistered + " " + id.CountryRegistered)
	uk := false
	for _, w := range []string{"companies house", "england", "wales", "scotland", "northern ireland", "united kingdom"} {
		if strings.Contains(where, w) {
			uk = true
		}
	}
	if !uk {
		return ""
	}
	if len(n) < 8 && strings.Trim(n, "0123456789") == "" {
		n = strings.Repeat("0", 8-len(n)) + n
	}
	return n
}

// pscCountry reads a country as the register writes it ("England",
// "England And Wales", "Minnesota, Usa") as an ISO code, or "" when it names
// none.
func pscCountry(s string) string {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" {
		return ""
	}
	for _, uk := range []string{"england", "wales", "scotland", "northern ireland", "united kingdom", "great britain"} {
		if strings.HasPrefix(t, uk) {
			return "GB"
		}
	}
	if c, err := screening.ParseCountry(s); err == nil {
		return c
	}
	parts := strings.Split(s, ",")
	for i := len(parts) - 1; i >= 0; i-- {
		if c, err := screening.ParseCountry(parts[i]); err == nil && c != "" {
			return c
		}
	}
	return ""
}

func lastSegment(path string) string {
	path = strings.TrimRight(path, "/")
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		return path[i+1:]
	}
	return path
}
