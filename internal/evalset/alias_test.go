package evalset

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/cslfixture"
)

// aliasFixture writes text, a CSL list in the columns it names, as CSLFile
// in a new directory, and returns the directory and the list read from it.
func aliasFixture(t *testing.T, text string) (string, *entitylist.List) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, CSLFile)
	require.NoError(t, os.WriteFile(path, []byte(cslfixture.Full(text)), 0o644))
	list, err := entitylist.Open(path)
	require.NoError(t, err)
	return dir, list
}

// TestAliasHoldoutHolders checks that the records an alias is taken out of
// decide a case as its own record does: a case whose alias another record
// outside the development split also holds (the same party on another
// list under a longer name) is left out and counted, and an alias two
// records of the split hold is one case expecting both, not one case for
// each.
func TestAliasHoldoutHolders(t *testing.T) {
	const (
		el  = "Entity List (EL) - Bureau of Industry and Security"
		ssi = "Sectoral Sanctions Identifications List (SSI) - Treasury Department"
		sdn = "Specially Designated Nationals (SDN) - Treasury Department"
	)
	for id, dev := range map[string]bool{"el-3": true, "el-5": true, "el-6": true, "104": false, "105": true} {
		require.Equal(t, dev, DevSplit(id), "premise: DevSplit(%q)", id)
	}
	dir, list := aliasFixture(t, `_id,source,entity_number,type,name,alt_names
el-3,`+el+`,,,"Alpha Widget Works, OOO (f.k.a. Beta Widget Works)",Alpha Widgets Co
104,`+ssi+`,104,Entity,"ALPHA WIDGET WORKS, OOO",ALPHA WIDGETS CO
el-5,`+el+`,,,Gamma Rotor Plant,Gamma Rotors LLC
el-6,`+el+`,,,Gamma Rotor Plant Joint Stock Company,Gamma Rotors LLC
105,`+sdn+`,105,Entity,DELTA SHIPPING LINES,DELTA LINES TRADING
`)
	batches, dropped, err := AliasHoldout(dir, list)
	require.NoError(t, err)
	var cases []Case
	for _, b := range batches {
		cases = append(cases, b.Cases...)
	}
	assert.ElementsMatch(t, []Case{
		{Query: "Gamma Rotors LLC", Expect: []string{"el-5", "el-6"}, Family: "alias_holdout", ListName: "Gamma Rotor Plant"},
		{Query: "DELTA LINES TRADING", Kind: "company", Expect: []string{"105"}, Family: "alias_holdout", ListName: "DELTA SHIPPING LINES"},
	}, cases)
	assert.Equal(t, Dropped{"holder_outside_dev_split": 1, "same_alias_as_another_case": 1}, dropped)
}

// TestAliasHoldoutSecondHolder: an alias whose case is dropped for the
// first record holding it (not findable from that record's other names)
// is still a case for the next record holding it, which it is findable
// from; it is dropped as another case's only when one was kept.
func TestAliasHoldoutSecondHolder(t *testing.T) {
	const el = "Entity List (EL) - Bureau of Industry and Security"
	for _, id := range []string{"el-5", "el-6"} {
		require.True(t, DevSplit(id), "premise: DevSplit(%q)", id)
	}
	dir, list := aliasFixture(t, `_id,source,entity_number,type,name,alt_names
el-5,`+el+`,,,Omega Turbine Plant,Gamma Rotors LLC
el-6,`+el+`,,,Gamma Rotor Plant Joint Stock Company,Gamma Rotors LLC
`)
	batches, dropped, err := AliasHoldout(dir, list)
	require.NoError(t, err)
	var cases []Case
	for _, b := range batches {
		cases = append(cases, b.Cases...)
	}
	assert.Equal(t, []Case{
		{Query: "Gamma Rotors LLC", Expect: []string{"el-5", "el-6"}, Family: "alias_holdout", ListName: "Gamma Rotor Plant Joint Stock Company"},
	}, cases)
	assert.Equal(t, Dropped{"not_findable": 1}, dropped)
}

// TestPartiesSameNameOnAnotherRow checks that a party is the rows that a
// name screen cannot tell apart: those of its entity number, those of its
// primary name, written in any word order, and those whose primary name is
// one of its names or that hold its primary name, as the Denied Persons
// List lists the SDN's KOSARAYANIFARD, Pejman Mahmood under his alias
// KOSARIAN FARD, and the Nonproliferation list the SDN's WISSER, Gerhard as
// Gerhard Wisser, outside the development split.
func TestPartiesSameNameOnAnotherRow(t *testing.T) {
	const (
		sdn = "Specially Designated Nationals (SDN) - Treasury Department"
		ssi = "Sectoral Sanctions Identifications List (SSI) - Treasury Department"
		dpl = "Denied Persons List (DPL) - Bureau of Industry and Security"
		el  = "Entity List (EL) - Bureau of Industry and Security"
		isn = "Nonproliferation Sanctions (ISN) - State Department"
	)
	require.False(t, DevSplit("el-1"), "premise")
	_, list := aliasFixture(t, `_id,source,entity_number,type,name,alt_names
16536,`+sdn+`,16536,Individual,"KOSARAYANIFARD, Pejman Mahmood","KOSARIAN FARD; KOSARYANI-FARD, Pejman"
16536,`+ssi+`,16536,Individual,"KOSARAYANIFARD, Pejman Mahmood",
78ece7b4f963aaf417fb8fa14a6e643675e3c134,`+dpl+`,,,KOSARIAN FARD,
el-3,`+el+`,,,Zvezda Plant,PJSC ZVEZDA
105,`+sdn+`,105,Entity,PJSC ZVEZDA,
101,`+sdn+`,101,Entity,UNRELATED CO,
102,`+sdn+`,102,Individual,"WISSER, Gerhard",
el-1,`+isn+`,,,Gerhard Wisser,
`)
	p := newParties(list)
	for _, tc := range []struct {
		entry int
		ids   []string
		dev   bool
	}{
		{0, []string{"16536", "78ece7b4f963aaf417fb8fa14a6e643675e3c134"}, false},
		{2, []string{"16536", "78ece7b4f963aaf417fb8fa14a6e643675e3c134"}, false},
		{3, []string{"105", "el-3"}, true},
		{4, []string{"105", "el-3"}, true},
		{5, []string{"101"}, true},
		{6, []string{"102", "el-1"}, false},
		{7, []string{"102", "el-1"}, false},
	} {
		e := list.Entry(tc.entry)
		ids, dev := p.ids(e)
		assert.Equal(t, tc.ids, ids, e.Name)
		assert.Equal(t, tc.dev, dev, e.Name)
	}
}
