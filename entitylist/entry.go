package entitylist

import (
	"slices"
	"time"
)

// Source is the code of a screening list within the Consolidated Screening
// List, such as "EL" for the Entity List. Codes the package does not know are
// kept as they were published; see [Source.Known].
type Source string

// The source lists of the US Consolidated Screening List, and the code for
// in-house lists.
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
	InHouse                   Source = "INHOUSE"
)

// EntityType says what kind of party an entry is. The BIS and State lists
// leave the type empty; such entries are [TypeUnknown], never guessed.
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
type Address struct {
	Street     string
	City       string
	State      string
	PostalCode string
	Country    string // ISO 3166-1 alpha-2 code, upper case; empty if unknown
	Raw        string
}

// Identification is an identifying document or number of an entry, published
// by the CSL as "type, number, country" (the 2022 files wrote "country,
// number, type"; the loaders detect the order per list). For entries such as
// "Gender, Male" the Number holds the value. Raw keeps the published text.
type Identification struct {
	Type      string
	Number    string
	Country   string // ISO 3166-1 alpha-2 code, if published
	IssueDate string // as published, if any
	Raw       string
}

// Vessel holds the vessel fields of an SDN vessel entry.
type Vessel struct {
	CallSign               string
	Type                   string
	GrossTonnage           string
	GrossRegisteredTonnage string
	Flag                   string
	Owner                  string
}

// Entry is one record of a screening list. All fields are as published,
// cleaned of list wording where the field documents it. An Entry inside a
// [List] must not be modified.
type Entry struct {
	ID           string // the CSL "_id", unique within a source in well-formed lists
	Source       Source
	EntityNumber string
	Type         EntityType
	Programs     []string
	Name         string
	Title        string
	AltNames     []string // alternate names, "a.k.a." and list wording removed

	Addresses []Address

	FederalRegisterNotices []string  // citations such as "89 FR 52362", oldest first as published
	StartDate              time.Time // zero if not published
	EndDate                time.Time // zero if not published
	StandardOrder          string
	LicenseRequirement     string
	LicensePolicy          string
	Remarks                string
	SourceListURL          string
	SourceInformationURL   string

	IDs           []Identification
	Citizenships  []string
	Nationalities []string
	DatesOfBirth  []string
	PlacesOfBirth []string
	Vessel        *Vessel // nil unless a vessel field is set

	// Line is the line of the source file where the record starts (1-based),
	// or 0 if the entry did not come from a line-oriented file.
	Line int
}

// Names returns the primary name followed by the alternate names.
func (e *Entry) Names() []string {
	names := make([]string, 0, 1+len(e.AltNames))
	names = append(names, e.Name)
	return append(names, e.AltNames...)
}

// Countries returns the distinct country codes of the entry's addresses, in
// the order of the addresses.
func (e *Entry) Countries() []string {
	var out []string
	for _, a := range e.Addresses {
		if a.Country != "" && !slices.Contains(out, a.Country) {
			out = append(out, a.Country)
		}
	}
	return out
}
