package entitylist

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStoreRoundTrip checks that every field of an entry, nil and empty
// slices, an empty Vessel, aliases named as their alternate names or not,
// and dates at midnight or not, decode as they were added.
func TestStoreRoundTrip(t *testing.T) {
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	full := fullEntry(day)
	entries := []Entry{
		full,
		{Source: "OTHER", Name: "Bare"},
		{Source: InHouse, Name: "Empty slices", AltNames: []string{}, Addresses: []Address{}, Aliases: []Alias{},
			Vessel: &Vessel{}, StartDate: time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), Line: -3},
	}
	var s store
	for range 3 * chunkSize / len(entries) {
		for i := range entries {
			s.add(&entries[i])
		}
	}
	s.done()
	require.Equal(t, 3*chunkSize/len(entries)*len(entries), s.len())
	for i := range s.len() {
		e := &entries[i%len(entries)]
		assert.Equal(t, e, s.entry(i), "entry %d", i)
		for k, name := range e.Names() {
			got, ok := s.name(i, k)
			assert.True(t, ok, "entry %d, name %d", i, k)
			assert.Equal(t, name, got, "entry %d, name %d", i, k)
		}
		for _, k := range []int{-1, len(e.Names())} {
			_, ok := s.name(i, k)
			assert.False(t, ok, "entry %d, name %d", i, k)
		}
		assert.Equal(t, Summary{Source: e.Source, ID: e.ID, EntityNumber: e.EntityNumber, Type: e.Type, Line: e.Line, Names: len(e.Names()), Aliases: e.Aliases != nil},
			s.summary(i), "summary of entry %d", i)
	}
	assert.Equal(t, []Source{SpeciallyDesignated, "OTHER", InHouse}, s.sources)

	assert.Zero(t, testing.AllocsPerRun(100, func() { s.summary(0) }), "a summary allocates nothing")

	// Copied as encoded into a store that names the sources in another
	// order, the entries decode the same.
	var o store
	o.add(&Entry{Source: InHouse, Name: "First"})
	for i := range s.len() {
		o.addFrom(&s, i)
	}
	o.done()
	assert.Equal(t, []Source{InHouse, SpeciallyDesignated, "OTHER"}, o.sources)
	for i := range s.len() {
		assert.Equal(t, s.entry(i), o.entry(i+1), "entry %d copied", i)
	}
}

// fullEntry returns an entry that sets every field, its dates on day.
func fullEntry(day time.Time) Entry {
	return Entry{
		ID: "id-1", Source: SpeciallyDesignated, EntityNumber: "123", Type: TypeVessel,
		Programs: []string{"IRAN", ""}, Name: "NAME", Title: "Capt.",
		AltNames: []string{"ALT ONE", "ALT TWO"},
		Aliases: []Alias{{Name: "ALT ONE", Kind: AlsoKnownAs, Weak: true}, {Name: "OTHER", Kind: "dba"},
			{Name: "", Kind: NowKnownAs}, {Name: "THIRD", Kind: FormerlyKnownAs}},
		Addresses:              []Address{{Street: "1 Main", City: "Town", State: "ST", PostalCode: "1", Country: "RU", Raw: "raw"}, {}},
		FederalRegisterNotices: []string{"89 FR 1"},
		StartDate:              day, EndDate: day.Add(36*time.Hour + 5*time.Nanosecond),
		StandardOrder: "Y", LicenseRequirement: "req", LicensePolicy: "pol", Remarks: "rem",
		SourceListURL: "https://a", SourceInformationURL: "https://b",
		IDs:          []Identification{{Type: "Passport", Number: "X1", Country: "RU", IssueDate: "2020", Raw: "raw"}},
		Citizenships: []string{"RU"}, Nationalities: []string{"RU"}, DatesOfBirth: []string{"1970"},
		PlacesOfBirth: []string{"Town"}, Vessel: &Vessel{CallSign: "C", Flag: "Iran", Owner: "O"},
		LinkedTo: []string{"PARENT"}, Agency: "GSA", ExclusionType: "Prohibition", Line: 1 << 30,
	}
}
