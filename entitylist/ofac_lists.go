package entitylist

import "strings"

// Which of OFAC's consolidated non-SDN lists a row of cons_prim.csv is on.
// OFAC's legacy CSV files do not name the list; its program tags and the
// remarks about each list's legal basis tell it.

// consolidatedMarkers tell which of OFAC's consolidated non-SDN lists a row
// of cons_prim.csv is on: a program tag (whole, or its start if the marker
// ends with "-"), or a text of the remarks, not followed by a letter or
// digit ("Directive 2" is not "Directive 2a"). OFAC's legacy files do not
// name the list; these are the tags and the remarks it writes for each
// list's legal basis. Their order is the order of a row's entries.
var consolidatedMarkers = []struct {
	source  Source
	program string
	remarks string
}{
	{SectoralSanctions, "SSI", ""},
	{SectoralSanctions, "", "Executive Order 13662 Directive Determination"},
	{CorrespondentAccount, "561-Related", ""},
	{CorrespondentAccount, "CAPTA", ""},
	{CorrespondentAccount, "", "(EO 14024 Directive 2)"},
	{CorrespondentAccount, "", "Executive Order 14024 Directive Information Subject to Directive 2"},
	{NonSDNMenuBasedSanctions, "MBS", ""},
	{NonSDNMenuBasedSanctions, "NS-MBS", ""},
	{NonSDNMenuBasedSanctions, "CAATSA - RUSSIA", ""},
	{NonSDNMenuBasedSanctions, "", "(EO 14024 Directive 3)"},
	{NonSDNMenuBasedSanctions, "", "Executive Order 14024 Directive Information Subject to Directive 3"},
	{NonSDNMenuBasedSanctions, "", "(EO 14024 Directive 4)"},
	{NonSDNMenuBasedSanctions, "", "Executive Order 14024 Directive Information Subject to Directive 4"},
	{NonSDNMenuBasedSanctions, "", "Executive Order 14014 Directive Information"},
	{NonSDNMenuBasedSanctions, "", "Executive Order 14059 information"},
	{NonSDNMenuBasedSanctions, "", "CAATSA Section 235 Information"},
	{PalestinianLegislative, "NS-PLC", ""},
	{ForeignSanctionsEvaders, "FSE-", ""},
	{ChineseMilitaryIndustrial, "CMIC-", ""},
}

// consolidatedLists returns the lists a consolidated row with these
// program tags and remarks is on, in the order of consolidatedMarkers.
func consolidatedLists(programs []string, remarks string) []Source {
	var out []Source
	for _, m := range consolidatedMarkers {
		hit := false
		switch {
		case m.program != "":
			for _, p := range programs {
				if p == m.program || strings.HasSuffix(m.program, "-") && strings.HasPrefix(p, m.program) {
					hit = true
				}
			}
		default:
			hit = containsPhrase(remarks, m.remarks)
		}
		if hit && !containsSource(out, m.source) {
			out = append(out, m.source)
		}
	}
	return out
}

// containsPhrase reports whether s contains phrase not followed by an
// ASCII letter or digit.
func containsPhrase(s, phrase string) bool {
	for {
		i := strings.Index(s, phrase)
		if i < 0 {
			return false
		}
		s = s[i+len(phrase):]
		if s == "" || !isAlnum(s[0]) {
			return true
		}
	}
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

func containsSource(s []Source, x Source) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}
