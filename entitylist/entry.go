package entitylist

import (
	"slices"
	"time"
)

// Source is the code of a screening list, such as "EL" for the Entity List
// of the Consolidated Screening List or "UN" for the UN Security Council
// Consolidated List. Codes the package does not know are kept as they were
// published; see [Source.Known].
//
// The zero Source is empty: it names no list. Source values are immutable
// and safe for concurrent use.
type Source string

// The source lists of the US Consolidated Screening List, the other
// official lists the package reads, and the code for in-house lists.
const (
	EntityList                Source = "EL"     // Entity List, BIS
	SpeciallyDesignated       Source = "SDN"    // Specially Designated Nationals, Treasury
	DeniedPersons             Source = "DPL"    // Denied Persons List, BIS
	Unverified                Source = "UVL"    // Unverified List, BIS
	MilitaryEndUser           Source = "MEU"    // Military End User List, BIS
	Nonproliferation          Source = "ISN"    // Nonproliferation Sanctions, State
	ITARDebarred              Source = "DTC"    // ITAR Debarred, State
	SectoralSanctions         Source = "SSI"    // Sectoral Sanctions Identifications, Treasury
	ForeignSanctionsEvaders   Source = "FSE"    // Foreign Sanctions Evaders, Treasury
	PalestinianLegislative    Source = "PLC"    // Palestinian Legislative Council List, Treasury
	CorrespondentAccount      Source = "CAP"    // CAPTA List, Treasury
	ChineseMilitaryIndustrial Source = "CMIC"   // Non-SDN Chinese Military-Industrial Complex Companies, Treasury
	NonSDNMenuBasedSanctions  Source = "NS-MBS" // Non-SDN Menu-Based Sanctions List, Treasury
	UNSecurityCouncil         Source = "UN"     // UN Security Council Consolidated List (not part of the CSL)
	SAMExclusions             Source = "SAM"    // SAM.gov exclusions, GSA (not part of the CSL)
	InHouse                   Source = "INHOUSE"
)

// EntityType says what kind of party an entry is. The BIS and State lists
// leave the type empty; such entries are [TypeUnknown], never guessed.
//
// The zero EntityType is TypeUnknown. EntityType values are immutable and
// safe for concurrent use.
type EntityType uint8

// The entity types of the CSL.
const (
	TypeUnknown EntityType = iota
	TypeEntity
	TypeIndividual
	TypeVessel
	TypeAircraft
)

// Address is one address of an entry. The CSL publishes each address as
// "street, city, state, postal code, CC"; Raw keeps that text unchanged.
//
// The zero Address is an address with nothing published. Like any plain Go
// value it may be read by many goroutines at once, but not changed while
// another uses it.
type Address struct {
	Street     string `json:"street,omitempty"`
	City       string `json:"city,omitempty"`
	State      string `json:"state,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
	Country    string `json:"country,omitempty"` // ISO 3166-1 alpha-2 code, upper case; empty if unknown
	Raw        string `json:"raw,omitempty"`
}

// Identification is an identifying document or number of an entry, published
// by the CSL as "type, number, country" (the 2022 files wrote "country,
// number, type"; the loaders detect the order per list). For entries such as
// "Gender, Male" the Number holds the value. Raw keeps the published text,
// and with it what has no field of its own, such as an expiration date.
//
// The zero Identification is an identification with nothing published. Like
// any plain Go value it may be read by many goroutines at once, but not
// changed while another uses it.
type Identification struct {
	Type      string `json:"type,omitempty"`
	Number    string `json:"number,omitempty"`
	Country   string `json:"country,omitempty"`    // ISO 3166-1 alpha-2 code, if published
	IssueDate string `json:"issue_date,omitempty"` // as published, if any
	Raw       string `json:"raw,omitempty"`
}

// AliasKind says how a list introduces an alternate name: "aka" (also known
// as), "fka" (formerly known as) or "nka" (now known as). A kind the package
// does not know is kept as the list wrote it, in lower case.
//
// The zero AliasKind is empty: no kind given. AliasKind values are immutable
// and safe for concurrent use.
type AliasKind string

// The alias kinds of OFAC's and the UN's lists.
const (
	AlsoKnownAs     AliasKind = "aka"
	FormerlyKnownAs AliasKind = "fka"
	NowKnownAs      AliasKind = "nka"
)

// Alias is an alternate name with what the list says about it. Weak marks
// an alias the list itself calls weak or of low quality: OFAC's "weak
// a.k.a.", which its CSV files give only in the remarks, and the UN's
// aliases of quality "Low". Such names are broad or generic ("BNC"): OFAC
// does not expect them to be screened, only to help confirm a hit, and
// package screening screens them only when asked to (WithWeakAliases).
//
// The zero Alias is an alias with no name and no kind, not weak. Like any
// plain Go value it may be read by many goroutines at once, but not changed
// while another uses it.
type Alias struct {
	Name string    `json:"name"`
	Kind AliasKind `json:"kind"`
	Weak bool      `json:"weak,omitempty"`
}

// Vessel holds the vessel fields of an SDN vessel entry.
//
// The zero Vessel is a vessel with no field set (an Entry without vessel
// fields holds nil instead). Like any plain Go value it may be read by many
// goroutines at once, but not changed while another uses it.
type Vessel struct {
	CallSign               string `json:"call_sign,omitempty"`
	Type                   string `json:"type,omitempty"`
	GrossTonnage           string `json:"gross_tonnage,omitempty"`
	GrossRegisteredTonnage string `json:"gross_registered_tonnage,omitempty"`
	Flag                   string `json:"flag,omitempty"`
	Owner                  string `json:"owner,omitempty"`
}

// Entry is one record of a screening list. All fields are as published,
// cleaned of list wording where the field documents it. The entries a
// [List] returns are copies: changing one does not change the list.
//
// An Entry marshals to JSON with snake_case names, leaving out fields that
// were not published; the type is written by name.
//
// The zero Entry is an entry with nothing published. Like any plain Go value
// it may be read by many goroutines at once, but not changed while another
// uses it.
type Entry struct {
	ID           string     `json:"id"` // the CSL "_id", unique within a source in well-formed lists
	Source       Source     `json:"source"`
	EntityNumber string     `json:"entity_number,omitempty"`
	Type         EntityType `json:"type"`
	Programs     []string   `json:"programs,omitempty"`
	Name         string     `json:"name"`
	Title        string     `json:"title,omitempty"`
	AltNames     []string   `json:"alt_names,omitempty"` // alternate names, "a.k.a." and list wording removed
	// Aliases are the alternate names with their kind and strength, for
	// the lists that publish them (OFAC's own files, the UN list, SAM);
	// nil for the CSL, which does not. Their names are AltNames, in the
	// same order: screening reads AltNames, and Aliases says which of
	// them are weak.
	Aliases []Alias `json:"aliases,omitempty"`

	Addresses []Address `json:"addresses,omitempty"`

	FederalRegisterNotices []string  `json:"federal_register_notices,omitempty"` // citations such as "89 FR 52362", oldest first as published
	StartDate              time.Time `json:"start_date,omitzero"`                // zero if not published
	EndDate                time.Time `json:"end_date,omitzero"`                  // zero if not published
	StandardOrder          string    `json:"standard_order,omitempty"`
	LicenseRequirement     string    `json:"license_requirement,omitempty"`
	LicensePolicy          string    `json:"license_policy,omitempty"`
	Remarks                string    `json:"remarks,omitempty"`
	SourceListURL          string    `json:"source_list_url,omitempty"`
	SourceInformationURL   string    `json:"source_information_url,omitempty"`

	IDs           []Identification `json:"ids,omitempty"`
	Citizenships  []string         `json:"citizenships,omitempty"`
	Nationalities []string         `json:"nationalities,omitempty"`
	DatesOfBirth  []string         `json:"dates_of_birth,omitempty"`
	PlacesOfBirth []string         `json:"places_of_birth,omitempty"`
	Vessel        *Vessel          `json:"vessel,omitempty"` // nil unless a vessel field is set

	// LinkedTo names the parties the list links the entry to: the "Linked
	// To:" of OFAC's remarks (an owner, a parent, an organization the
	// person acts for), as written.
	LinkedTo []string `json:"linked_to,omitempty"`
	// Agency is the agency that made the listing, where the list names
	// one per entry: SAM's excluding agency ("GSA", "TREAS-OFAC").
	Agency string `json:"agency,omitempty"`
	// ExclusionType is SAM's exclusion type, as published: "Ineligible
	// (Proceedings Completed)", "Prohibition/Restriction", "Voluntary
	// Exclusion" ... It says what the listing forbids.
	ExclusionType string `json:"exclusion_type,omitempty"`

	// Line is the line of the source file where the record starts (1-based),
	// or 0 if the entry did not come from a line-oriented file.
	Line int `json:"line,omitempty"`
}

// Names returns the primary name followed by the alternate names.
func (e *Entry) Names() []string {
	names := make([]string, 0, 1+len(e.AltNames))
	names = append(names, e.Name)
	return append(names, e.AltNames...)
}

// Countries returns the distinct country codes of the entry: those of its
// addresses, in the order of the addresses, then those of its
// nationalities and citizenships that are ISO 3166-1 alpha-2 codes, then a
// vessel's flag, the state whose nationality a ship has.
func (e *Entry) Countries() []string {
	var out []string
	for _, a := range e.Addresses {
		if a.Country != "" && !slices.Contains(out, a.Country) {
			out = append(out, a.Country)
		}
	}
	for _, c := range slices.Concat(e.Nationalities, e.Citizenships) {
		if isCountryCode(c) && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	if e.Vessel != nil {
		if c, r := lookupCountry(e.Vessel.Flag); r == countryFound && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}
