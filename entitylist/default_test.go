package entitylist_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

// Real CSL snapshots beside the project (skipped when absent).
const (
	csl2022       = "../../shared/data/csl-consolidated-2022-05-16.csv"
	cslSample2025 = "../../shared/data/csl-consolidated-sample-2025-06-25.csv"
)

// officialHeader is the header line of the official CSL CSV.
const officialHeader = "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids"

func TestDefaultLoads(t *testing.T) {
	l := entitylist.Default()
	require.NotNil(t, l)
	assert.Same(t, l, entitylist.Default(), "Default parses once and shares the list")

	assert.GreaterOrEqual(t, l.Len(), 30)
	assert.LessOrEqual(t, l.Len(), 60)
	v := l.Version()
	assert.Equal(t, "embedded default", v.Origin)
	assert.Equal(t, entitylist.FormatCSV, v.Format)
	assert.Equal(t, l.Len(), v.Entries)
	assert.Equal(t, l.Len(), v.BySource[entitylist.EntityList], "every embedded entry is an Entity List entry")
	assert.Equal(t, "2024-06-24", v.Newest.Format(time.DateOnly))
	assert.Empty(t, l.Warnings())

	raw, err := os.ReadFile("data/default.csv")
	require.NoError(t, err)
	sum := sha256.Sum256(raw)
	assert.Equal(t, hex.EncodeToString(sum[:]), v.SHA256)
	first, _, _ := bytes.Cut(raw, []byte("\n"))
	assert.Equal(t, officialHeader, string(bytes.TrimSuffix(first, []byte("\r"))), "official 29-column header")
}

func TestDefaultEntriesWellFormed(t *testing.T) {
	l := entitylist.Default()
	seen := map[string]bool{}
	for i, e := range l.All() {
		t.Run(e.Name, func(t *testing.T) {
			assert.Equal(t, entitylist.EntityList, e.Source)
			assert.Equal(t, entitylist.TypeUnknown, e.Type, "the Entity List publishes no type")
			assert.NotEmpty(t, e.FederalRegisterNotices, "every entry cites the Federal Register")
			for _, fr := range e.FederalRegisterNotices {
				assert.Regexp(t, `^\d{2} FR \d+$`, fr)
			}
			assert.False(t, e.StartDate.IsZero(), "start date")
			assert.NotEmpty(t, e.Countries(), "country")
			assert.Equal(t, i+2, e.Line, "one line per record, after the header")

			// The official _id of an EL row: hex SHA-224 of the lower-cased
			// name followed by the lower-cased federal_register_notice field.
			sum := sha256.Sum224([]byte(strings.ToLower(e.Name) + strings.ToLower(strings.Join(e.FederalRegisterNotices, "; "))))
			assert.Equal(t, hex.EncodeToString(sum[:]), e.ID)
			assert.False(t, seen[e.ID], "duplicated _id")
			seen[e.ID] = true
		})
	}
}

func TestDefaultKaspersky(t *testing.T) {
	want := map[string]string{ // name -> country
		"AO Kaspersky Lab":       "RU",
		"OOO Kaspersky Group":    "RU",
		"Kaspersky Labs Limited": "GB",
	}
	found := map[string]*entitylist.Entry{}
	for _, e := range entitylist.Default().All() {
		if _, ok := want[e.Name]; ok {
			found[e.Name] = e
		}
	}
	for name, country := range want {
		t.Run(name, func(t *testing.T) {
			e := found[name]
			require.NotNil(t, e, "entry missing")
			assert.Equal(t, []string{"89 FR 52362"}, e.FederalRegisterNotices)
			assert.Equal(t, "2024-06-24", e.StartDate.Format(time.DateOnly))
			assert.Equal(t, []string{country}, e.Countries())
			assert.Equal(t, "For all items subject to the EAR.", e.LicenseRequirement)
			assert.Equal(t, "Presumption of denial.", e.LicensePolicy)
		})
	}
}

// frCitation matches a Federal Register citation such as "84 FR 22961"
// (the 2022 CSL sometimes has two spaces, or a date after it).
var frCitation = regexp.MustCompile(`\d+\s+FR\s+\d+`)

func firstCitation(field string) string {
	return strings.Join(strings.Fields(frCitation.FindString(field)), " ")
}

// countries returns the ISO codes ending each address of a CSL address field.
func countries(field string) map[string]bool {
	cs := map[string]bool{}
	for _, a := range strings.Split(field, "; ") {
		parts := strings.Split(a, ",")
		cs[strings.TrimSpace(parts[len(parts)-1])] = true
	}
	return cs
}

// readCSLRows reads a CSL CSV with encoding/csv only, independently of the
// package's loader, as one map per row keyed by header name.
func readCSLRows(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		t.Skipf("%s not present", path)
	}
	require.NoError(t, err)
	defer f.Close()
	br := bufio.NewReader(f)
	if b, err := br.Peek(3); err == nil && string(b) == "\uFEFF" {
		_, _ = br.Discard(3)
	}
	r := csv.NewReader(br)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	require.NoError(t, err)
	var rows []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		row := map[string]string{}
		for i, h := range header {
			if i < len(rec) {
				row[h] = rec[i]
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// TestDefaultAgainstCSL2022 checks every embedded entry listed before May
// 2022 against the real CSL of that time: an Entity List row with the same
// name, the same country and the same first Federal Register citation.
func TestDefaultAgainstCSL2022(t *testing.T) {
	rows := readCSLRows(t, csl2022)
	byName := map[string][]map[string]string{}
	for _, r := range rows {
		if entitylist.ParseSource(r["source"]) == entitylist.EntityList {
			name := strings.TrimSpace(r["name"])
			byName[name] = append(byName[name], r)
		}
	}
	require.Greater(t, len(byName), 1000, "the 2022 CSL has about 2,000 EL rows")

	cutoff := time.Date(2022, 5, 1, 0, 0, 0, 0, time.UTC)
	checked := 0
	for _, e := range entitylist.Default().All() {
		if !e.StartDate.Before(cutoff) {
			continue
		}
		checked++
		t.Run(e.Name, func(t *testing.T) {
			cands := byName[e.Name]
			require.NotEmpty(t, cands, "no EL row with this name in the 2022 CSL")
			var tried []string
			for _, r := range cands {
				cs := countries(r["addresses"])
				sameCountry := true
				for _, c := range e.Countries() {
					sameCountry = sameCountry && cs[c]
				}
				if sameCountry && firstCitation(r["federal_register_notice"]) == e.FederalRegisterNotices[0] {
					return
				}
				tried = append(tried, fmt.Sprintf("%q %q", r["federal_register_notice"], r["addresses"]))
			}
			assert.Fail(t, "no 2022 row with the same country and first citation",
				"embedded %v %v; 2022 rows: %s", e.Countries(), e.FederalRegisterNotices, strings.Join(tried, " | "))
		})
	}
	assert.GreaterOrEqual(t, checked, 30, "entries checked")
}

// TestDefaultIDsAgainstSample2025 checks that an embedded row with the same
// name and citations as a row of the real 2025 list has the official _id.
func TestDefaultIDsAgainstSample2025(t *testing.T) {
	rows := readCSLRows(t, cslSample2025)
	byName := map[string]*entitylist.Entry{}
	for _, e := range entitylist.Default().All() {
		byName[e.Name] = e
	}
	matched := 0
	for _, r := range rows {
		e := byName[r["name"]]
		if e == nil || strings.Join(e.FederalRegisterNotices, "; ") != r["federal_register_notice"] {
			continue
		}
		matched++
		assert.Equal(t, r["_id"], e.ID, r["name"])
	}
	assert.Equal(t, 1, matched, "the sample's EL row (CETC 13) is embedded with its current citations")
}

func ExampleDefault() {
	l := entitylist.Default()
	for _, e := range l.All() {
		if strings.Contains(e.Name, "Kaspersky") {
			fmt.Println(e.Name, e.Countries(), e.FederalRegisterNotices, e.StartDate.Format(time.DateOnly))
		}
	}
	fmt.Println(l.Version().Origin)
	// Output:
	// AO Kaspersky Lab [RU] [89 FR 52362] 2024-06-24
	// OOO Kaspersky Group [RU] [89 FR 52362] 2024-06-24
	// Kaspersky Labs Limited [GB] [89 FR 52362] 2024-06-24
	// embedded default
}
