package evalset

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// securityDescription matches the description of a security that exchange
// files append to the issuer's name ("Common Stock", "Class A Ordinary
// Shares", "American Depositary Shares, each representing ...", "5.500%
// Subordinated Notes due 2064"), from its first word to the end.
var securityDescription = regexp.MustCompile(`(?i)(?:\s+-\s.*|\s*\bcommon\s+(?:stock|shares?|units?)\b.*|\s+(?:ordinary\s+shares?|class\s+[a-z0-9]\b|series\s+[a-z0-9]+\b|american\s+depositary|depositary|units?|warrants?|rights?|preferred|preference|pfd|subordinated|senior\s+notes|notes|shares\s+of\s+beneficial|(?:voting\s+)?shares?|limited\s+partner|each\s+representing)\b.*|\s+[\d./ ]*%.*)$`)

// CompanyName returns the issuer's name from a name field of an exchange
// listing, without the description of the security: "Alcoa Corporation
// Common Stock " is "Alcoa Corporation", "Artius II Acquisition Inc. -
// Class A Ordinary Shares" is "Artius II Acquisition Inc.".
func CompanyName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if loc := securityDescription.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	return strings.TrimRight(s, " ,;-")
}

// forbesCountries maps the country column of the Forbes Global 2000 (2004)
// to ISO 3166-1 alpha-2. A company of two countries gets the first. The
// file cuts two-word countries after a space in a few rows, leaving the
// first word at the end of the name ("Samsung South", "Korea"): such rows
// are mended by forbesMended.
var forbesCountries = map[string]string{
	"Africa": "ZA", "Australia": "AU", "Australia/ United Kingdom": "AU", "Austria": "AT",
	"Bahamas": "BS", "Belgium": "BE", "Bermuda": "BM", "Brazil": "BR", "Canada": "CA",
	"Cayman Islands": "KY", "Chile": "CL", "China": "CN", "Czech Republic": "CZ",
	"Denmark": "DK", "Finland": "FI", "France": "FR", "France/ United Kingdom": "FR",
	"Germany": "DE", "Greece": "GR", "Hong Kong/China": "HK", "Hungary": "HU",
	"India": "IN", "Indonesia": "ID", "Ireland": "IE", "Islands": "KY", "Israel": "IL",
	"Italy": "IT", "Japan": "JP", "Jordan": "JO", "Kong/China": "HK", "Korea": "KR",
	"Liberia": "LR", "Luxembourg": "LU", "Malaysia": "MY", "Mexico": "MX",
	"Netherlands": "NL", "Netherlands/ United Kingdom": "NL", "New Zealand": "NZ",
	"Norway": "NO", "Pakistan": "PK", "Panama/ United Kingdom": "PA", "Peru": "PE",
	"Philippines": "PH", "Poland": "PL", "Portugal": "PT", "Russia": "RU",
	"Singapore": "SG", "South Africa": "ZA", "South Korea": "KR", "Spain": "ES",
	"Sweden": "SE", "Switzerland": "CH", "Taiwan": "TW", "Thailand": "TH", "Turkey": "TR",
	"United Kingdom": "GB", "United Kingdom/ Australia": "GB",
	"United Kingdom/ Netherlands": "GB", "United Kingdom/ South Africa": "GB",
	"United States": "US", "Venezuela": "VE",
}

// forbesMended maps the cut countries of the Forbes file to the word left
// at the end of the name.
var forbesMended = map[string]string{"Kong/China": " Hong", "Africa": " South", "Islands": " Cayman", "Korea": " South"}

// listedParties are the names of the company files that really are a party
// on the 2022 CSL, labelled by hand, by Key: not negatives. Short names that
// merely equal an alias of a listed party (AMR, Dover, ISS, PPL, Pioneer,
// Santos) are not here: they are the hard negatives.
var listedParties = map[string]string{
	Key("Gazprom"):            "SSI: GAZPROM (OAO Gazprom)",
	Key("Sberbank of Russia"): "SDN, CAP: SBERBANK OF RUSSIA",
	Key("China Telecom"):      "CMIC: CHINA TELECOM CORPORATION LIMITED",
	Key("China Unicom"):       "CMIC: CHINA UNICOM (HONG KONG) LIMITED",
	Key("China Mobile (HK)"):  "CMIC: CHINA MOBILE LIMITED, formerly China Mobile (Hong Kong)",
	Key("CNOOC"):              "CMIC: CNOOC LIMITED",
	Key("Surgutneftegas Oil"): "SSI: SURGUTNEFTEGAS",
	Key("Lukoil Holding"):     "SSI: LUKOIL OAO; Entity List: Lukoil, OAO",
}

// companyFiles are the files of real company names, with the column of the
// name and the country of every name (empty: the file has a country column).
var companyFiles = []struct {
	file, column, country string
}{
	{"sp500-constituents-2026-08-08.csv", "Security", "US"},
	{"nasdaq-listed-symbols-2026-08-01.csv", "Company Name", "US"},
	// Its Company Name is cut at the first hyphen ("La" for La-Z-Boy, "Oil"
	// for Oil-Dri): the Security Name holds the whole name.
	{"other-listed-2026-08-22.csv", "Security Name", "US"},
	{"forbes-global-2000-2004.csv", "name", ""},
}

// Companies builds the set of real companies that are not on the 2022 CSL:
// the distinct company names of the S&P 500, of the Nasdaq and NYSE/other
// exchange listings (the issuer's name from the Security Name of the latter) (ETFs and test issues left out, security descriptions
// removed with CompanyName) and of the Forbes Global 2000 of 2004. Each name
// appears once without a country (family "negative_company") and once with
// its country ("negative_company_country": US for the US files, the Forbes
// country mapped to ISO-2). Names of companies that really are listed
// (listedParties) are left out and counted. Every case has Kind "company".
func Companies(dataDir string) ([]Case, Dropped, error) {
	dropped := Dropped{}
	var cases []Case
	seen := map[string]bool{}
	for _, f := range companyFiles {
		path := filepath.Join(dataDir, f.file)
		fh, err := os.Open(path)
		if err != nil {
			return nil, nil, fmt.Errorf("evalset: %w", err)
		}
		rows, err := csv.NewReader(fh).ReadAll()
		fh.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("evalset: %s: %w", path, err)
		}
		if len(rows) == 0 {
			return nil, nil, fmt.Errorf("evalset: %s: empty", path)
		}
		col := slices.Index(rows[0], f.column)
		if col < 0 {
			return nil, nil, fmt.Errorf("evalset: %s: no column %q", path, f.column)
		}
		etf, test, ctry := slices.Index(rows[0], "ETF"), slices.Index(rows[0], "Test Issue"), slices.Index(rows[0], "country")
		for _, r := range rows[1:] {
			if etf >= 0 && r[etf] == "Y" {
				dropped["etf"]++
				continue
			}
			if test >= 0 && r[test] == "Y" {
				dropped["test_issue"]++
				continue
			}
			name, country := CompanyName(r[col]), f.country
			if country == "" && ctry >= 0 {
				c, ok := forbesCountries[r[ctry]]
				if !ok {
					return nil, nil, fmt.Errorf("evalset: %s: no ISO code for country %q", path, r[ctry])
				}
				name, country = strings.TrimSuffix(name, forbesMended[r[ctry]]), c
			}
			k := Key(name)
			if len(k) < 2 {
				dropped["empty_or_one_letter"]++ // Forbes writes 3M as "M"
				continue
			}
			if _, ok := listedParties[k]; ok {
				dropped["listed_party"]++
				continue
			}
			if !seen[k] {
				seen[k] = true
				cases = append(cases, Case{Query: name, Kind: "company", Expect: []string{}, Family: "negative_company"})
			} else {
				dropped["duplicate_name"]++
			}
			if kc := k + "/" + country; !seen[kc] {
				seen[kc] = true
				cases = append(cases, Case{Query: name, Country: country, Kind: "company", Expect: []string{}, Family: "negative_company_country"})
			}
		}
	}
	slices.SortFunc(cases, compareCases)
	return cases, dropped, nil
}
