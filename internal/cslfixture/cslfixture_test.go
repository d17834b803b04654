package cslfixture_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/cslfixture"
)

func TestFull(t *testing.T) {
	text := cslfixture.Full("_id,source,type,name\nV,SDN,Vessel,\"ORION, STAR\"\n")
	l, err := entitylist.ReadCSV(strings.NewReader(text), "test")
	require.NoError(t, err)
	require.Equal(t, 1, l.Len())
	assert.Equal(t, "ORION, STAR", l.Entry(0).Name)
	assert.Equal(t, entitylist.TypeVessel, l.Entry(0).Type)
	assert.Len(t, strings.Split(strings.SplitN(text, "\n", 2)[0], ","), len(cslfixture.Columns))
}
