package entitylist

import (
	"slices"
	"time"
)

// EffectKind classifies what a listing obliges a US person, exporter or
// federal buyer to do. It is data an application can act on; Effect.Summary
// says the same in plain words.
//
// The zero EffectKind is empty: no kind. EffectKind values are immutable and
// safe for concurrent use.
type EffectKind string

// The kinds of legal effect.
const (
	// EffectBlocked: property and interests in property are blocked; US
	// persons may not deal with the party (SDN).
	EffectBlocked EffectKind = "blocked"
	// EffectSanctioned: sanctions of the UN Security Council (asset freeze,
	// travel ban, arms embargo), which bind UN members.
	EffectSanctioned EffectKind = "sanctioned"
	// EffectLicenseRequired: exports need a license under the stated
	// requirement and policy (Entity List, Military End User List).
	EffectLicenseRequired EffectKind = "license-required"
	// EffectExportDenied: export privileges denied by an order (DPL).
	EffectExportDenied EffectKind = "export-denied"
	// EffectDebarred: debarred from defense trade (ITAR).
	EffectDebarred EffectKind = "debarred"
	// EffectExcluded: excluded from federal contracts or assistance (SAM).
	EffectExcluded EffectKind = "excluded"
	// EffectProcurementProhibited: federal buyers may not buy the party's
	// equipment, software or services (FCC Covered List, FAR 52.204-23
	// and -25, ICTS determinations).
	EffectProcurementProhibited EffectKind = "procurement-prohibited"
	// EffectRestricted: some dealings are prohibited, as the programs say,
	// but the party is not blocked (SSI, FSE, CMIC, NS-MBS, CAP, ISN).
	EffectRestricted EffectKind = "restricted"
	// EffectCaution: no prohibition as such, but conditions or a closer look
	// (Unverified List, PLC).
	EffectCaution EffectKind = "caution"
	// EffectInternal: on the organization's own list.
	EffectInternal EffectKind = "internal"
	// EffectUnknown: a source the package does not know.
	EffectUnknown EffectKind = "unknown"
)

// Effect is the legal effect of one listing, in plain words and as data.
// It is what an analyst needs to know a hit obliges; it is not legal
// advice, and Authority and Citations say where to read the law itself.
//
// An Effect marshals to JSON with snake_case names, leaving out what is
// empty.
//
// The zero Effect is the effect of no listing. Like any plain Go value it
// may be read by many goroutines at once, but not changed while another uses
// it.
type Effect struct {
	Source Source     `json:"source"`
	List   string     `json:"list"` // the list or prohibition, by name
	Kind   EffectKind `json:"kind"`
	// Summary says what the listing obliges, in plain words.
	Summary string `json:"summary"`
	// Scope narrows Summary to what a procurement prohibition covers of
	// this party, as its notice states, if it says.
	Scope string `json:"scope,omitempty"`
	// Authority is the law or regulation the listing is made under.
	Authority string `json:"authority,omitempty"`
	// Clause is the contract clause that carries a procurement prohibition
	// (such as "FAR 52.204-25"), if any.
	Clause string `json:"clause,omitempty"`
	// Citations are where the listing was published: Federal Register
	// notices and public notices, oldest first.
	Citations []string `json:"citations,omitempty"`
	// Programs are the sanctions programs, for lists that have them.
	Programs []string `json:"programs,omitempty"`
	// LicenseRequirement and LicensePolicy are those of an Entity List or
	// Military End User entry, as published.
	LicenseRequirement string `json:"license_requirement,omitempty"`
	LicensePolicy      string `json:"license_policy,omitempty"`
	// StandardOrder is the Denied Persons List's "Y" when the standard
	// denial order applies.
	StandardOrder string `json:"standard_order,omitempty"`
	// Agency is the agency that made the listing, where the list names one
	// per entry (SAM's excluding agency), and ExclusionType SAM's type of
	// exclusion, which says what it forbids.
	Agency        string `json:"agency,omitempty"`
	ExclusionType string `json:"exclusion_type,omitempty"`
	// Effective is when the listing took effect, if published; Ends when it
	// ends, if it does.
	Effective time.Time `json:"effective,omitzero"`
	Ends      time.Time `json:"ends,omitzero"`
}

// sourceEffect is what a list's listings oblige, before the entry's own
// fields fill them in.
type sourceEffect struct {
	kind      EffectKind
	summary   string
	authority string
}

// sourceEffects are the legal effects of the lists, from the lists'
// own descriptions of what they mean. TestSourceEffects checks that every
// known source has one.
var sourceEffects = map[Source]sourceEffect{
	EntityList: {EffectLicenseRequired,
		"A license is required to export, reexport or transfer (in-country) the items the license requirement names to this party, reviewed under the license policy; license exceptions are generally not available.",
		"Export Administration Regulations, 15 CFR 744.11 and supplement no. 4 to part 744"},
	MilitaryEndUser: {EffectLicenseRequired,
		"A license is required to export, reexport or transfer (in-country) the items of supplement no. 2 to part 744 to this military end user.",
		"Export Administration Regulations, 15 CFR 744.21 and supplement no. 7 to part 744"},
	DeniedPersons: {EffectExportDenied,
		"Export privileges denied: no one may take part in an export or reexport of items subject to the EAR with this party, as the denial order states.",
		"Export Administration Regulations, 15 CFR part 764 and supplement no. 1"},
	Unverified: {EffectCaution,
		"BIS could not verify this party's bona fides: an export needs a UVL statement from the party first, and license exceptions are not available.",
		"Export Administration Regulations, 15 CFR 744.15 and supplement no. 6 to part 744"},
	SpeciallyDesignated: {EffectBlocked,
		"Blocked: all property and interests in property of this party in the United States or held by US persons are blocked, and US persons may not deal with it; entities it owns 50 percent or more, alone or with other blocked persons, are blocked too.",
		"OFAC regulations, 31 CFR chapter V, under the programs listed"},
	SectoralSanctions: {EffectRestricted,
		"Sectoral sanctions: US persons may not engage in the dealings the directives of the listed programs prohibit (such as new debt or equity); other dealings are allowed. Not blocked.",
		"Executive Order 13662 and its directives, OFAC"},
	ForeignSanctionsEvaders: {EffectRestricted,
		"Foreign sanctions evader: US persons may not engage in transactions involving this party, or goods, services or technology from it. Not blocked.",
		"Executive Order 13608, OFAC"},
	ChineseMilitaryIndustrial: {EffectRestricted,
		"US persons may not buy or sell publicly traded securities of this company, or securities derived from them. Not blocked.",
		"Executive Order 13959, as amended by Executive Order 14032, OFAC"},
	NonSDNMenuBasedSanctions: {EffectRestricted,
		"Menu-based sanctions: the sanctions chosen for this party under the listed programs apply. Not blocked.",
		"OFAC, under the programs listed"},
	CorrespondentAccount: {EffectRestricted,
		"US financial institutions may not open or keep correspondent or payable-through accounts for this foreign financial institution, or only under the conditions the programs name.",
		"Countering America's Adversaries Through Sanctions Act and the programs listed, OFAC"},
	PalestinianLegislative: {EffectCaution,
		"Member of the Palestinian Legislative Council elected on the slate of a designated terrorist organization. Not blocked; dealings involving the organization are.",
		"Global Terrorism Sanctions Regulations, 31 CFR part 594, OFAC"},
	Nonproliferation: {EffectRestricted,
		"Nonproliferation sanctions of the State Department: the measures the Federal Register notice imposes under the listed laws apply (such as ending US government procurement from the party and export licenses for it).",
		"The nonproliferation laws listed as programs, State Department"},
	ITARDebarred: {EffectDebarred,
		"Debarred under the ITAR: may not take part, directly or indirectly, in the export of defense articles, technical data or defense services.",
		"International Traffic in Arms Regulations, 22 CFR 127.7"},
	UNSecurityCouncil: {EffectSanctioned,
		"UN Security Council sanctions: the measures of the committee's regime named in the programs (asset freeze, travel ban, arms embargo) bind UN member states; in the United States they apply through OFAC's and State's own listings.",
		"Resolutions of the UN Security Council under Chapter VII of the UN Charter, named in the programs"},
	SAMExclusions: {EffectExcluded,
		"Excluded by the agency named: federal agencies may not award it contracts, subcontracts or assistance, as the exclusion type says, from the listing's start until its end (or indefinitely).",
		"FAR subpart 9.4 and 2 CFR part 180 (suspension and debarment); FAR subpart 4.21 for section 889 prohibitions"},
	InHouse: {EffectInternal,
		"On your organization's own list: follow its own procedure.", ""},
}

// Effects returns the legal effect of the entry's listing: one Effect,
// from its source's meaning and its own license requirement, policy,
// programs, citations and dates, or, for an entry of the procurement
// prohibitions list ([Procurement]), one per prohibition that names it.
// An entry of a source the package does not know has one Effect of kind
// [EffectUnknown].
func (e *Entry) Effects() []Effect {
	if e.Source == ProcurementProhibitions {
		return procurementEffects(e)
	}
	se, ok := sourceEffects[e.Source]
	if !ok {
		se = sourceEffect{kind: EffectUnknown, summary: "A list the program does not know: read its own notice."}
	}
	return []Effect{{
		Source: e.Source, List: e.Source.Name(), Kind: se.kind, Summary: se.summary, Authority: se.authority,
		Citations: slices.Clone(e.FederalRegisterNotices), Programs: slices.Clone(e.Programs),
		LicenseRequirement: e.LicenseRequirement, LicensePolicy: e.LicensePolicy, StandardOrder: e.StandardOrder,
		Agency: e.Agency, ExclusionType: e.ExclusionType, Effective: e.StartDate, Ends: e.EndDate,
	}}
}
