package entitylist

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sync"
	"time"
)

// ProcurementProhibitions is the source of the entries of [Procurement]:
// parties that US federal procurement prohibitions name.
const ProcurementProhibitions Source = "PROC"

// procurementOrigin is the [Version.Origin] of [Procurement].
const procurementOrigin = "embedded procurement prohibitions"

// procurementJSON is the curated procurement prohibitions dataset. Every
// prohibition and party in it was written by hand from the public notice
// it cites; the file says how to update it.
//
//go:embed data/procurement.json
var procurementJSON []byte

// prohibition is one procurement prohibition of the dataset.
type prohibition struct {
	ID        string     `json:"id"`
	List      string     `json:"list"`
	Kind      EffectKind `json:"kind"`
	Authority string     `json:"authority"`
	Clause    string     `json:"clause"`
	Citations []string   `json:"citations"`
	Effective string     `json:"effective"`
	Summary   string     `json:"summary"`
	effective time.Time
}

// procurementData is the dataset's file.
type procurementData struct {
	Version      string        `json:"version"`
	Note         string        `json:"note"`
	Prohibitions []prohibition `json:"prohibitions"`
	Parties      []struct {
		ID       string   `json:"id"`
		Name     string   `json:"name"`
		Aliases  []string `json:"aliases"`
		Country  string   `json:"country"`
		Listings []struct {
			Prohibition string `json:"prohibition"`
			Scope       string `json:"scope"`
		} `json:"listings"`
	} `json:"parties"`
}

// procurement is the dataset, read once: the list, and for each entry
// (by ID) the prohibitions that name it with their scopes.
type procurement struct {
	list     *List
	byID     map[string]prohibition
	listings map[string][]listing // entry ID -> its listings
}

type listing struct {
	prohibition string
	scope       string
}

var procurementOnce = sync.OnceValues(func() (*procurement, error) {
	return readProcurement(procurementJSON)
})

// Procurement returns the curated list of parties that US federal
// procurement prohibitions name, compiled into the package: the FCC Covered
// List's entities, the companies of section 889 of the FY2019 NDAA (FAR
// 52.204-25), Kaspersky under section 1634 of the FY2018 NDAA (FAR
// 52.204-23) and the Kaspersky ICTS Final Determination of 2024. Each entry
// has Source [ProcurementProhibitions], its prohibitions' IDs as Programs,
// the Federal Register citations of its prohibitions ("89 FR 52434") as
// FederalRegisterNotices, the date of its first prohibition as StartDate,
// and [Entry.Effects] says
// each prohibition's effect, scope, clause and citations.
//
// Section 889 and the FCC Covered List also reach the subsidiaries and
// affiliates of the parties named; the list holds the named parties only,
// and the Effects say so. Merge it with the CSL ([Merge]) so that one
// screen returns every listing. Its version's Origin is "embedded
// procurement prohibitions" and its Newest the date the dataset was last
// changed. The list is read on first use and shared; like every List, it
// is immutable and safe for concurrent use.
func Procurement() *List {
	p, err := procurementOnce()
	if err != nil {
		// The embedded data is part of the program and checked by the
		// package tests: failing to read it is a build defect.
		panic("entitylist: embedded procurement list is broken: " + err.Error())
	}
	return p.list
}

// readProcurement reads the dataset strictly: unknown keys, a listing of
// an unknown prohibition, a party without a name or listing, a duplicate
// ID or a bad date are errors.
func readProcurement(data []byte) (*procurement, error) {
	fail := func(format string, args ...any) (*procurement, error) {
		return nil, fmt.Errorf("entitylist: procurement dataset: "+format, args...)
	}
	var d procurementData
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return fail("%v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fail("data after the object")
	}
	version, err := time.Parse(time.DateOnly, d.Version)
	if err != nil {
		return fail("version %q is not a date (YYYY-MM-DD)", d.Version)
	}
	p := &procurement{byID: make(map[string]prohibition), listings: make(map[string][]listing)}
	for i, pr := range d.Prohibitions {
		if pr.ID == "" || pr.List == "" || pr.Summary == "" || len(pr.Citations) == 0 {
			return fail("prohibitions[%d] %q: id, list, summary and citations are required", i, pr.ID)
		}
		if _, dup := p.byID[pr.ID]; dup {
			return fail("prohibitions[%d]: duplicate id %q", i, pr.ID)
		}
		if pr.Kind != EffectProcurementProhibited && pr.Kind != EffectExcluded && pr.Kind != EffectRestricted {
			return fail("prohibitions[%d] %q: kind %q is not a procurement effect", i, pr.ID, pr.Kind)
		}
		if pr.effective, err = time.Parse(time.DateOnly, pr.Effective); err != nil {
			return fail("prohibitions[%d] %q: effective %q is not a date (YYYY-MM-DD)", i, pr.ID, pr.Effective)
		}
		p.byID[pr.ID] = pr
	}
	b := &List{version: Version{
		Origin: procurementOrigin, Format: FormatProcurement, Newest: version,
		BySource: make(map[Source]int),
	}}
	for i, party := range d.Parties {
		if party.ID == "" || party.Name == "" || len(party.Listings) == 0 {
			return fail("parties[%d] %q: id, name and listings are required", i, party.ID)
		}
		if _, dup := p.listings[party.ID]; dup {
			return fail("parties[%d]: duplicate id %q", i, party.ID)
		}
		if party.Country != "" && !isCountryCode(party.Country) {
			return fail("parties[%d] %q: country %q is not an ISO 3166-1 alpha-2 code", i, party.ID, party.Country)
		}
		e := Entry{ID: party.ID, Source: ProcurementProhibitions, Type: TypeEntity, Name: party.Name,
			AltNames: slices.Clone(party.Aliases)}
		if party.Country != "" {
			e.Addresses = []Address{{Country: party.Country}}
		}
		var ls []listing
		for j, l := range party.Listings {
			pr, ok := p.byID[l.Prohibition]
			if !ok {
				return fail("parties[%d] %q: listings[%d]: no prohibition %q", i, party.ID, j, l.Prohibition)
			}
			if slices.Contains(e.Programs, pr.ID) {
				return fail("parties[%d] %q: listings[%d]: prohibition %q twice", i, party.ID, j, pr.ID)
			}
			ls = append(ls, listing{prohibition: pr.ID, scope: l.Scope})
			e.Programs = append(e.Programs, pr.ID)
			for _, c := range pr.Citations {
				if fr := frCitation.FindString(c); fr != "" && !slices.Contains(e.FederalRegisterNotices, fr) {
					e.FederalRegisterNotices = append(e.FederalRegisterNotices, fr)
				}
			}
			if e.StartDate.IsZero() || pr.effective.Before(e.StartDate) {
				e.StartDate = pr.effective
			}
		}
		p.listings[party.ID] = ls
		b.add(&e)
		b.version.BySource[e.Source]++
	}
	if b.len() == 0 {
		return fail("no parties")
	}
	b.done()
	sum := sha256.Sum256(data)
	b.version.SHA256 = hex.EncodeToString(sum[:])
	b.version.Entries = b.len()
	p.list = b
	return p, nil
}

// frCitation finds a Federal Register citation, such as "89 FR 52434", in
// a prohibition's citation.
var frCitation = regexp.MustCompile(`\b\d+ FR \d+\b`)

// procurementEffects returns the effects of an entry of the procurement
// list: one for each prohibition that names it, in the dataset's order.
// An entry with the source but not from the embedded dataset (read back
// from JSON, say) is matched by ID, then by its Programs.
func procurementEffects(e *Entry) []Effect {
	p, err := procurementOnce()
	if err != nil {
		panic("entitylist: embedded procurement list is broken: " + err.Error())
	}
	ls, ok := p.listings[e.ID]
	if !ok {
		for _, id := range e.Programs {
			ls = append(ls, listing{prohibition: id})
		}
	}
	out := make([]Effect, 0, len(ls))
	for _, l := range ls {
		pr, ok := p.byID[l.prohibition]
		if !ok {
			out = append(out, Effect{Source: e.Source, List: l.prohibition, Kind: EffectUnknown,
				Summary: "A prohibition the program does not know: read its own notice."})
			continue
		}
		out = append(out, Effect{
			Source: e.Source, List: pr.List, Kind: pr.Kind, Summary: pr.Summary, Scope: l.scope,
			Authority: pr.Authority, Clause: pr.Clause, Citations: slices.Clone(pr.Citations),
			Programs: []string{pr.ID}, Effective: pr.effective,
		})
	}
	return out
}
