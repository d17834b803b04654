package entitylist_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

// The real CSL snapshots beside the project; tests skip when they are absent.
const (
	realCSL2022      = "../../shared/data/csl-consolidated-2022-05-16.csv"
	realCSLSubset    = "../../shared/data/csl-consolidated-subset-2023-11-30.csv"
	realCSLSample    = "../../shared/data/csl-consolidated-sample-2025-06-25.csv"
	realCSL2022Lines = 14166 // physical lines: quoted newlines make more lines than rows
)

func needFile(tb testing.TB, path string) {
	tb.Helper()
	if _, err := os.Stat(path); err != nil {
		tb.Skipf("real data not available: %v", err)
	}
}

func TestRealCSL2022(t *testing.T) {
	needFile(t, realCSL2022)
	l, err := entitylist.Open(realCSL2022)
	require.NoError(t, err)
	require.Equal(t, 14160, l.Len())

	// Rows per source as counted in SOURCES.md.
	want := map[entitylist.Source]int{
		entitylist.SpeciallyDesignated:       10026,
		entitylist.EntityList:                2001,
		entitylist.ITARDebarred:              727,
		entitylist.DeniedPersons:             462,
		entitylist.SectoralSanctions:         290,
		entitylist.Unverified:                201,
		entitylist.Nonproliferation:          163,
		entitylist.PalestinianLegislative:    78,
		entitylist.MilitaryEndUser:           71,
		entitylist.ChineseMilitaryIndustrial: 68,
		entitylist.CorrespondentAccount:      53,
		entitylist.NonSDNMenuBasedSanctions:  17,
		entitylist.ForeignSanctionsEvaders:   3,
	}
	v := l.Version()
	assert.Equal(t, want, v.BySource)
	assert.Equal(t, "2022-04-21", v.Newest.Format("2006-01-02"))

	// 71 _id values are duplicated (112 surplus rows); all rows stay and
	// each surplus row is a warning.
	dupValues := map[string]bool{}
	for _, w := range l.Warnings() {
		require.Equal(t, "_id", w.Field, "only duplicate-id warnings expected: %s", w)
		dupValues[w.Value] = true
	}
	assert.Len(t, dupValues, 71)
	assert.Len(t, l.Warnings(), 112)

	lastLine, types := 0, map[entitylist.EntityType]int{}
	for _, e := range l.All() {
		require.NotEmpty(t, e.Name)
		require.Greater(t, e.Line, lastLine, "lines increase")
		lastLine = e.Line
		types[e.Type]++
		if e.Source == entitylist.EntityList {
			require.Equal(t, entitylist.TypeUnknown, e.Type, "EL rows have no type")
		}
	}
	assert.Equal(t, realCSL2022Lines, lastLine)
	assert.Equal(t, map[entitylist.EntityType]int{
		entitylist.TypeIndividual: 5286, entitylist.TypeEntity: 4533, entitylist.TypeUnknown: 3625,
		entitylist.TypeVessel: 433, entitylist.TypeAircraft: 283,
	}, types)

	first := l.Entry(0)
	assert.Equal(t, "I. ASH", first.Name)
	assert.Equal(t, []string{"68 F.R. 38290 6/27/03", "71 F.R. 38843 7/10/06", "72 F.R. 4236 1/30/07"}, first.FederalRegisterNotices)
	assert.Equal(t, "US", first.Addresses[0].Country)

	// The 2022 file writes identifications country first, type last.
	var passport *entitylist.Identification
	for _, e := range l.All() {
		if e.ID == "9935" {
			passport = &e.IDs[0]
		}
	}
	require.NotNil(t, passport)
	assert.Equal(t, entitylist.Identification{Type: "Passport", Number: "BC166787", Country: "CA", Raw: "CA, BC166787, Passport"}, *passport)
}

// TestRealCSL2022IDDates checks the identifications the 2022 CSL writes
// with an expiration and an issue date, "JO, 2014-08-30, 2009-08-31,
// K475336, Passport" (246 of them, with a country or without, the first
// date always the later): the issue date is the second date, the number
// what follows; and that no passport's number holds a date.
func TestRealCSL2022IDDates(t *testing.T) {
	needFile(t, realCSL2022)
	l, err := entitylist.Open(realCSL2022)
	require.NoError(t, err)
	isDate := func(s string) bool {
		_, err := time.Parse(time.DateOnly, s)
		return err == nil
	}
	twoDates, passports := 0, 0
	for _, e := range l.All() {
		for _, id := range e.IDs {
			parts := strings.Split(id.Raw, ", ")
			if len(parts) > 1 && !isDate(parts[0]) {
				parts = parts[1:] // the country
			}
			if len(parts) >= 4 && isDate(parts[0]) && isDate(parts[1]) {
				twoDates++
				assert.Greater(t, parts[0], parts[1], "expires, then issued: %s", id.Raw)
				assert.Equal(t, parts[1], id.IssueDate, id.Raw)
				assert.Equal(t, strings.Join(parts[2:len(parts)-1], ", "), id.Number, id.Raw)
			}
			if strings.Contains(id.Type, "Passport") {
				passports++
				for _, p := range strings.Split(id.Number, ", ") {
					assert.False(t, isDate(p), "a date in the number of %s", id.Raw)
				}
			}
		}
	}
	assert.Equal(t, 246, twoDates)
	assert.Greater(t, passports, 1000)
}

func TestRealCSLSubsetFails(t *testing.T) {
	needFile(t, realCSLSubset)
	l, err := entitylist.Open(realCSLSubset)
	assert.Nil(t, l)
	errs := loadErrors(t, err)
	require.Len(t, errs, 2)
	assert.Equal(t, 2, errs[0].Line)
	assert.ErrorIs(t, errs[0], entitylist.ErrDuplicateHeader)
	assert.Equal(t, 4233, errs[1].Line, "the last line, where the cut-off record starts")
	assert.ErrorIs(t, errs[1], entitylist.ErrTruncated)
	assert.Contains(t, err.Error(), "line 2: duplicated header line")
	assert.Contains(t, err.Error(), `line 4233, field "addresses": truncated record`)
}

func TestRealCSLSample2025(t *testing.T) {
	needFile(t, realCSLSample)
	l, err := entitylist.Open(realCSLSample)
	require.NoError(t, err)
	assert.Equal(t, 13, l.Len())
	assert.Equal(t, map[entitylist.Source]int{
		"SSI": 3, "PLC": 2, "ISN": 1, "UVL": 1, "MEU": 1, "SDN": 1, "DTC": 1, "DPL": 1, "FSE": 1, "EL": 1,
	}, l.Version().BySource)
	assert.Empty(t, l.Warnings())
	for _, e := range l.All() {
		switch e.Source {
		case entitylist.Nonproliferation:
			assert.Equal(t, "Sinobright Import and Export Company", e.Name)
		case entitylist.EntityList:
			assert.Contains(t, e.AltNames, "CETC Research Institute 13", `"; and" removed`)
			for _, a := range e.Addresses {
				assert.Equal(t, "CN", a.Country, "the \"; and\" group shares its country: %s", a.Raw)
			}
		}
		for _, id := range e.IDs {
			if id.Type == "Passport" {
				assert.Len(t, id.Country, 2, "type-first layout: %s", id.Raw)
			}
		}
	}
}
