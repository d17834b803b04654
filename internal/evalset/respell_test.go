package evalset

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRespellingsNameOnTheList checks that a name OFAC gives a party is no
// re-spelling when a row of the 2022 CSL holds it, whether a row of the
// party's entity number or another row of the same party (the Entity
// List's, under another name).
func TestRespellingsNameOnTheList(t *testing.T) {
	const (
		sdn = "Specially Designated Nationals (SDN) - Treasury Department"
		el  = "Entity List (EL) - Bureau of Industry and Security"
	)
	for _, id := range []string{"105", "el-3"} {
		require.True(t, DevSplit(id), "premise: %s in the development split", id)
	}
	dir, list := aliasFixture(t, `_id,source,entity_number,type,name,alt_names
105,`+sdn+`,105,Entity,ZVEZDA PLANT JSC,PJSC ZVEZDA
el-3,`+el+`,,,PJSC Zvezda,Zvezda Works
`)
	ofac := map[string]string{
		"ofac-sdn-2021-07-07.csv": "105,\"ZVEZDA PLANT JSC\",-0- ,\"UKRAINE-EO13662\"\r\n\x1a",
		"ofac-alt-2021-07-07.csv": "105,1,\"aka\",\"ZVEZDA WORKS\",-0- \r\n105,2,\"aka\",\"ZVEZDA MACHINE PLANT\",-0- \r\n\x1a",
		"ofac-sdn-2024-05-03.csv": "\x1a",
		"ofac-alt-2025-12-24.csv": "\x1a",
	}
	for f, data := range ofac {
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), []byte(data), 0o644))
	}
	cases, dropped, err := Respellings(dir, list)
	require.NoError(t, err)
	assert.Equal(t, []Case{{Query: "ZVEZDA MACHINE PLANT", Kind: "company", Expect: []string{"105", "el-3"},
		Family: "respelling_findable", ListName: "ZVEZDA PLANT JSC"}}, cases)
	assert.Equal(t, Dropped{"name_in_csl": 2}, dropped)
}
