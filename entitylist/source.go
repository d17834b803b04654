package entitylist

import (
	"fmt"
	"strconv"
	"strings"
)

// sourceNames are the full names of the sources as the CSL publishes them,
// and names in the same style for the lists outside the CSL.
var sourceNames = map[Source]string{
	EntityList:                "Entity List (EL) - Bureau of Industry and Security",
	SpeciallyDesignated:       "Specially Designated Nationals (SDN) - Treasury Department",
	DeniedPersons:             "Denied Persons List (DPL) - Bureau of Industry and Security",
	Unverified:                "Unverified List (UVL) - Bureau of Industry and Security",
	MilitaryEndUser:           "Military End User (MEU) List - Bureau of Industry and Security",
	Nonproliferation:          "Nonproliferation Sanctions (ISN) - State Department",
	ITARDebarred:              "ITAR Debarred (DTC) - State Department",
	SectoralSanctions:         "Sectoral Sanctions Identifications List (SSI) - Treasury Department",
	ForeignSanctionsEvaders:   "Foreign Sanctions Evaders (FSE) - Treasury Department",
	PalestinianLegislative:    "Palestinian Legislative Council List (PLC) - Treasury Department",
	CorrespondentAccount:      "Capta List (CAP) - Treasury Department",
	ChineseMilitaryIndustrial: "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department",
	NonSDNMenuBasedSanctions:  "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department",
	UNSecurityCouncil:         "UN Security Council Consolidated List (UN) - United Nations",
	SAMExclusions:             "SAM.gov Exclusions (SAM) - General Services Administration",
	InHouse:                   "In-house list",
	ProcurementProhibitions:   "US federal procurement prohibitions (FCC Covered List, FAR 52.204-23 and 52.204-25, ICTS)",
}

// sourceByName maps full names and codes to sources, for the fast path of
// ParseSource.
var sourceByName = func() map[string]Source {
	m := make(map[string]Source, 2*len(sourceNames))
	for s, name := range sourceNames {
		m[name] = s
		m[string(s)] = s
	}
	return m
}()

// ParseSource returns the source for a code such as "EL" (in any case) or
// a full CSL source name such as
// "Entity List (EL) - Bureau of Industry and Security". For an unknown
// full name it returns the code in its parentheses ("New List (NL) -
// Department" gives "NL"), and otherwise the trimmed text itself: unknown
// sources are kept, never dropped. The empty string gives "".
func ParseSource(s string) Source {
	if src, ok := sourceByName[s]; ok {
		return src
	}
	s = strings.TrimSpace(s)
	if src, ok := sourceByName[s]; ok {
		return src
	}
	if src, ok := sourceByName[strings.ToUpper(s)]; ok {
		return src
	}
	// A full name: the code is the first parenthetical, without a trailing
	// " List" as in "(NS-MBS List)".
	if open := strings.IndexByte(s, '('); open >= 0 {
		if n := strings.IndexByte(s[open:], ')'); n > 1 {
			code := strings.TrimSpace(s[open+1 : open+n])
			code = strings.TrimSpace(strings.TrimSuffix(code, " List"))
			if code != "" {
				if src, ok := sourceByName[strings.ToUpper(code)]; ok {
					return src
				}
				return Source(code)
			}
		}
	}
	return Source(s)
}

// Name returns the full name of the source as the CSL publishes it (in the
// same style for UN and SAM), or the code itself if the source is unknown.
func (s Source) Name() string {
	if name, ok := sourceNames[s]; ok {
		return name
	}
	return string(s)
}

// Known reports whether s is one of the sources defined by this package.
func (s Source) Known() bool {
	_, ok := sourceNames[s]
	return ok
}

// String returns the code.
func (s Source) String() string { return string(s) }

// String returns "unknown", "entity", "individual", "vessel" or
// "aircraft"; a value past TypeAircraft, which is no type, it gives by its
// number, as "EntityType(200)" (MarshalText refuses it).
func (t EntityType) String() string {
	switch t {
	case TypeUnknown:
		return "unknown"
	case TypeEntity:
		return "entity"
	case TypeIndividual:
		return "individual"
	case TypeVessel:
		return "vessel"
	case TypeAircraft:
		return "aircraft"
	}
	return "EntityType(" + strconv.Itoa(int(t)) + ")"
}

// MarshalText renders t by name ("entity", "individual", "vessel",
// "aircraft" or "unknown"), so that JSON shows the name. A value past
// TypeAircraft is an error: it is no type, and has no name that would read
// back.
func (t EntityType) MarshalText() ([]byte, error) {
	if t > TypeAircraft {
		return nil, fmt.Errorf("entitylist: invalid entity type %d", t)
	}
	return []byte(t.String()), nil
}

// UnmarshalText parses a name written by MarshalText, or a CSL type value
// in any case ("Individual"); the empty text is TypeUnknown.
func (t *EntityType) UnmarshalText(b []byte) error {
	v, ok := parseEntityType(string(b))
	if !ok {
		return fmt.Errorf("entitylist: unknown entity type %q", b)
	}
	*t = v
	return nil
}

// parseEntityType parses the CSL type column. ok is false for a value that
// is neither empty nor a known type.
func parseEntityType(s string) (t EntityType, ok bool) {
	switch {
	case s == "":
		return TypeUnknown, true
	case strings.EqualFold(s, "Individual"):
		return TypeIndividual, true
	case strings.EqualFold(s, "Entity"):
		return TypeEntity, true
	case strings.EqualFold(s, "Vessel"):
		return TypeVessel, true
	case strings.EqualFold(s, "Aircraft"):
		return TypeAircraft, true
	case strings.EqualFold(s, "unknown"):
		return TypeUnknown, true
	}
	return TypeUnknown, false
}
