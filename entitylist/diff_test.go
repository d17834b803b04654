package entitylist_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

const diffHeader = "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids\n"

const (
	elSrc  = "Entity List (EL) - Bureau of Industry and Security"
	sdnSrc = "Specially Designated Nationals (SDN) - Treasury Department"
)

func diffList(t *testing.T, rows ...string) *entitylist.List {
	t.Helper()
	l, err := entitylist.ReadCSV(strings.NewReader(diffHeader+strings.Join(rows, "\n")+"\n"), "test")
	require.NoError(t, err)
	return l
}

// TestDiff checks added, removed and changed entries, the fields that
// changed, and that what a screener and a reviewer do not read (remarks, a
// URL) changes nothing.
func TestDiff(t *testing.T) {
	old := diffList(t,
		"a1,"+elSrc+",,,,Volga Precision Machinery JSC,,\"1 Lenina St, Samara, , , RU\",89 FR 1,2024-01-05,,,For all items subject to the EAR.,Presumption of denial.,,,,,,,,,VPM,,,,,,",
		"a2,"+elSrc+",,,,Orion Star Trading,,\", , , , AE\",89 FR 2,2024-01-05,,,For all items subject to the EAR.,Presumption of denial.,,,,,,,old remark,http://a,,,,,,,",
		"100,"+sdnSrc+",100,Entity,RUSSIA-EO14024,GOLDEN LOTUS MARITIME,,,,,,,,,,,,,,,,,,,,,,,",
	)
	new := diffList(t,
		"a1,"+elSrc+",,,,Volga Precision Machinery JSC,,\"1 Lenina St, Samara, , , RU\",89 FR 1,2024-01-05,,,For all items subject to the EAR.,Case-by-case review.,,,,,,,,,VPM; Volga PM,,,,,,",
		"a2,"+elSrc+",,,,Orion Star Trading,,\", , , , AE\",89 FR 2,2024-01-05,,,For all items subject to the EAR.,Presumption of denial.,,,,,,,new remark,http://b,,,,,,,",
		"a3,"+elSrc+",,,,Kaspersky Labs Limited,,\", , , , GB\",89 FR 52362,2024-06-24,,,For all items subject to the EAR.,Presumption of denial.,,,,,,,,,,,,,,,",
	)
	c := entitylist.Diff(old, new)
	require.Len(t, c.Added, 1)
	assert.Equal(t, entitylist.EntryKey{Source: entitylist.EntityList, ID: "a3"}, c.Added[0].Key)
	assert.Nil(t, c.Added[0].Old)
	assert.Equal(t, "Kaspersky Labs Limited", c.Added[0].New.Name)
	require.Len(t, c.Removed, 1)
	assert.Equal(t, "SDN 100", c.Removed[0].Key.String())
	require.Len(t, c.Changed, 1, "remarks and URLs are no change")
	assert.Equal(t, "a1", c.Changed[0].Key.ID)
	assert.Equal(t, []string{"alt_names", "license_policy"}, c.Changed[0].Fields)
	assert.False(t, c.Empty())

	same := entitylist.Diff(new, new)
	assert.True(t, same.Empty())
	back := entitylist.Diff(new, old)
	assert.Equal(t, c.Added[0].Key, back.Removed[0].Key)
	assert.Equal(t, c.Changed[0].Fields, back.Changed[0].Fields)
}

// TestContentHash checks that the hash covers each field it names, and
// tells a value moved to another field.
func TestContentHash(t *testing.T) {
	base := entitylist.Entry{ID: "1", Source: entitylist.EntityList, Name: "Orion Star", AltNames: []string{"Orion"}}
	h := base.ContentHash()
	assert.Len(t, h, 64)
	moved := base
	moved.Name, moved.AltNames = "Orion", []string{"Orion Star"}
	assert.NotEqual(t, h, moved.ContentHash())
	joined := base
	joined.AltNames = []string{"Ori", "on"}
	other := base
	other.AltNames = []string{"Orio", "n"}
	assert.NotEqual(t, joined.ContentHash(), other.ContentHash(), "values are length-prefixed")
	unread := base
	unread.Remarks, unread.Line, unread.SourceListURL = "x", 7, "http://x"
	assert.Equal(t, h, unread.ContentHash())
}

// TestDiffVesselFlag checks that a vessel reflagged is a change in the
// field "vessel.flag": the flag is one of the entry's Countries, which
// screening checks a query's country against, and the monitor screens
// again only the entries whose content hash changed.
func TestDiffVesselFlag(t *testing.T) {
	read := func(flag string) *entitylist.List {
		l, err := entitylist.ReadCSV(strings.NewReader(shortCSL("_id,source,type,name,call_sign,vessel_flag",
			"v1,"+sdnSrc+",Vessel,SHIP ONE,ABC1,"+flag)), flag)
		require.NoError(t, err)
		return l
	}
	panama, iran := read("Panama"), read("Iran")
	require.NotEqual(t, panama.Entry(0).Countries(), iran.Entry(0).Countries())
	assert.NotEqual(t, panama.Entry(0).ContentHash(), iran.Entry(0).ContentHash())
	c := entitylist.Diff(panama, iran)
	require.Len(t, c.Changed, 1)
	assert.Equal(t, []string{"vessel.flag"}, c.Changed[0].Fields)
	c = entitylist.Diff(read(""), panama)
	require.Len(t, c.Changed, 1, "a flag added")
	assert.Equal(t, []string{"vessel.flag"}, c.Changed[0].Fields)
}

// TestContentHashUnflagged checks that the hash of an entry without a
// vessel's flag, a vessel's with only a call sign too, is what it was
// before the flag was hashed: the monitor sees no such entry as changed.
func TestContentHashUnflagged(t *testing.T) {
	const before = "5cc572f276209df59caa008fa041bc3ef32a053314cd910a524dfae279f9bf4e"
	e := entitylist.Entry{ID: "v1", Source: entitylist.SpeciallyDesignated, Type: entitylist.TypeVessel, Name: "SHIP ONE"}
	assert.Equal(t, before, e.ContentHash())
	e.Vessel = &entitylist.Vessel{CallSign: "ABC1"}
	assert.Equal(t, before, e.ContentHash())
	e.Vessel.Flag = "Panama"
	assert.NotEqual(t, before, e.ContentHash())
}

// TestDiffStandardOrder checks that a Denied Persons List entry whose
// standard order is added or changed is a change in the field
// "standard_order": it is part of the entry's Effects, which a reviewer's
// decision rests on, and the monitor looks again only at entries whose
// content hash changed. An entry without one keeps the hash it had before
// the field was hashed.
func TestDiffStandardOrder(t *testing.T) {
	const dplSrc = "Denied Persons List (DPL) - Bureau of Industry and Security"
	read := func(order string) *entitylist.List {
		l, err := entitylist.ReadCSV(strings.NewReader(shortCSL("_id,source,name,standard_order",
			"d1,"+dplSrc+",I. ASH,"+order)), order)
		require.NoError(t, err)
		return l
	}
	none, yes, no := read(""), read("Y"), read("N")
	require.Equal(t, "Y", yes.Entry(0).Effects()[0].StandardOrder)
	for _, c := range []entitylist.Changes{entitylist.Diff(none, yes), entitylist.Diff(no, yes)} {
		require.Len(t, c.Changed, 1)
		assert.Equal(t, []string{"standard_order"}, c.Changed[0].Fields)
	}
	e := entitylist.Entry{ID: "v1", Source: entitylist.SpeciallyDesignated, Type: entitylist.TypeVessel, Name: "SHIP ONE"}
	assert.Equal(t, "5cc572f276209df59caa008fa041bc3ef32a053314cd910a524dfae279f9bf4e", e.ContentHash())
}

// TestRepeatedIDs checks that a source's repeated id gives each row a key
// of its own.
func TestRepeatedIDs(t *testing.T) {
	l := diffList(t,
		"7,"+sdnSrc+",7,Entity,,ALPHA,,,,,,,,,,,,,,,,,,,,,,,",
		"7,"+sdnSrc+",7,Entity,,ALPHA TRADING,,,,,,,,,,,,,,,,,,,,,,,",
	)
	keys := l.Keys()
	require.Len(t, keys, 2)
	assert.Equal(t, 0, keys[0].Dup)
	assert.Equal(t, 1, keys[1].Dup)
	assert.Equal(t, "SDN 7#1", keys[1].String())
}

// TestDiffRealLists compares the 2022 CSL with the complete rows of the
// 2023 partial copy: every change found is a real difference, in both
// directions alike.
func TestDiffRealLists(t *testing.T) {
	needFile(t, realCSL2022)
	needFile(t, realCSLSubset)
	old, err := entitylist.Open(realCSL2022)
	require.NoError(t, err)
	raw, err := os.ReadFile(realCSLSubset)
	require.NoError(t, err)
	// The 2023 copy repeats its header and ends in a cut-off record: keep
	// the first header and the complete records.
	lines := bytes.SplitAfter(raw, []byte("\n"))
	fixed := append(append([]byte{}, lines[0]...), bytes.Join(lines[2:len(lines)-1], nil)...)
	new, err := entitylist.ReadCSV(bytes.NewReader(fixed), "2023 subset")
	require.NoError(t, err)

	c := entitylist.Diff(old, new)
	t.Logf("2022 -> 2023 (partial): %d added, %d removed, %d changed", len(c.Added), len(c.Removed), len(c.Changed))
	assert.NotEmpty(t, c.Added)
	assert.NotEmpty(t, c.Changed)
	assert.Equal(t, old.Len()-len(c.Removed), new.Len()-len(c.Added), "the entries in both lists")
	for _, ch := range c.Changed {
		assert.NotEqual(t, ch.Old.ContentHash(), ch.New.ContentHash())
		assert.NotEmpty(t, ch.Fields, ch.Key)
	}
	back := entitylist.Diff(new, old)
	assert.Len(t, back.Added, len(c.Removed))
	assert.Len(t, back.Removed, len(c.Added))
	assert.Len(t, back.Changed, len(c.Changed))
}
