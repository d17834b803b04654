package service

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/monitor"
	"github.com/entityscreen/entityscreen/screening"
)

// What the alert page shows of an alert, for people: the two records side
// by side, the evidence, the legal effects.

// effectView is the legal effect of a listing, as the match's record
// gives it.
type effectView struct {
	Source    string   `json:"source"`
	List      string   `json:"list"`
	Kind      string   `json:"kind"`
	Summary   string   `json:"summary"`
	Scope     string   `json:"scope"`
	Authority string   `json:"authority"`
	Citations []string `json:"citations"`
}

// matchEffects returns the legal effects of a match's listings as its
// record (the library's JSON) gives them: the page shows what every
// consumer reads, and nothing when the record holds none.
func matchEffects(m screening.Match) []effectView {
	b, err := m.MarshalJSON()
	if err != nil {
		return nil
	}
	var rec struct {
		Effects []effectView `json:"effects"`
	}
	if json.Unmarshal(b, &rec) != nil {
		return nil
	}
	return rec.Effects
}

// sortEvidence splits the checks that moved a score into those that
// raised it and those that lowered it, each said in words.
func sortEvidence(checks []screening.Check) (pro, con []evidence) {
	for _, c := range checks {
		switch {
		case c.Factor > 1:
			pro = append(pro, evidence{c.Name, c.Detail, "raises the score: ×" + strconv.FormatFloat(c.Factor, 'f', -1, 64)})
		case c.Factor > 0 && c.Factor < 1:
			con = append(con, evidence{c.Name, c.Detail, "lowers the score: ×" + strconv.FormatFloat(c.Factor, 'f', -1, 64)})
		case c.Effect > 0:
			pro = append(pro, evidence{c.Name, c.Detail, "raises the score: +" + strconv.FormatFloat(c.Effect, 'f', -1, 64)})
		case c.Effect < 0:
			con = append(con, evidence{c.Name, c.Detail, "lowers the score: −" + strconv.FormatFloat(-c.Effect, 'f', -1, 64)})
		default:
			con = append(con, evidence{c.Name, c.Detail, "leaves the score as it was"})
		}
	}
	return pro, con
}

// recordRows sets the vendor record and the list entry side by side,
// field by field, leaving out the fields neither has.
func recordRows(a monitor.Alert) []recordRow {
	v := a.Vendor
	e := a.Match.Entry
	if e == nil {
		e = &entitylist.Entry{Source: a.Entry.Source, ID: a.Entry.ID}
	}
	one := func(s string) []string {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		return []string{s}
	}
	kind := "not given"
	if v.Kind != entitylist.TypeUnknown {
		kind = v.Kind.String()
	}
	listedType := "not published"
	if e.Type != entitylist.TypeUnknown {
		listedType = e.Type.String()
	}
	names := []string{e.Name}
	if mn := a.Match.MatchedName; mn != "" && mn != e.Name {
		names = append(names, "matched by the other name "+strconv.Quote(mn))
	}
	var addrs []string
	for _, ad := range e.Addresses {
		addrs = append(addrs, addressText(ad))
	}
	var ids []string
	for _, id := range e.IDs {
		ids = append(ids, idText(id))
	}
	var dates []string
	if !e.StartDate.IsZero() {
		dates = append(dates, "listed from "+e.StartDate.Format(time.DateOnly))
	}
	if !e.EndDate.IsZero() {
		dates = append(dates, "listed until "+e.EndDate.Format(time.DateOnly))
	}
	for _, d := range e.DatesOfBirth {
		dates = append(dates, "born "+d)
	}
	for _, pl := range e.PlacesOfBirth {
		dates = append(dates, "born in "+pl)
	}
	countries := e.Countries()
	var people []string
	for _, c := range e.Nationalities {
		people = append(people, "nationality "+c)
	}
	for _, c := range e.Citizenships {
		people = append(people, "citizenship "+c)
	}
	rows := []recordRow{
		{"Name", one(v.Name), names},
		{"Other names", nil, e.AltNames},
		{"Kind of party", []string{kind}, []string{listedType}},
		{"Title", nil, one(e.Title)},
		{"Address", one(v.Address), addrs},
		{"Country", one(v.Country), countries},
		{"Nationality and citizenship", nil, people},
		{"Identifiers", one(v.ID), ids},
		{"Dates", nil, dates},
		{"List", nil, []string{string(e.Source) + ": " + e.Source.Name()}},
		{"Programs", nil, e.Programs},
		{"Federal Register", nil, e.FederalRegisterNotices},
		{"License requirement", nil, one(e.LicenseRequirement)},
		{"License policy", nil, one(e.LicensePolicy)},
		{"Remarks", nil, one(e.Remarks)},
	}
	out := rows[:0]
	for _, r := range rows {
		if len(r.Vendor) > 0 || len(r.Listed) > 0 {
			out = append(out, r)
		}
	}
	return out
}

// addressText writes an address for people: its parts as published.
func addressText(a entitylist.Address) string {
	var parts []string
	for _, p := range []string{a.Street, a.City, a.State, a.PostalCode, a.Country} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return a.Raw
	}
	return strings.Join(parts, ", ")
}

// idText writes an identification for people.
func idText(id entitylist.Identification) string {
	var parts []string
	if id.Type != "" {
		parts = append(parts, id.Type+":")
	}
	if id.Number != "" {
		parts = append(parts, id.Number)
	}
	if id.Country != "" {
		parts = append(parts, "("+id.Country+")")
	}
	if id.IssueDate != "" {
		parts = append(parts, "issued "+id.IssueDate)
	}
	if len(parts) == 0 {
		return id.Raw
	}
	return strings.Join(parts, " ")
}
