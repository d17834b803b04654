package monitor_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/monitor"
)

// TestReportOrder: a run reports the alerts it opened or reopened in the
// order of the vendors given, whichever way each vendor was screened (a
// changed record against the whole list, one that did not change against
// the list's changes), as a full run does.
func TestReportOrder(t *testing.T) { eachStore(t, testReportOrder) }

func testReportOrder(t *testing.T, st *monitor.Store) {
	v1 := inHouse(t, "Kaspersky Labs Limited,,GB,L1,")
	vendors := []monitor.Vendor{vendor("V1", "Contoso Paper Supplies", "US"), vendor("V2", "Acme Widgets", "US")}
	rep := runList(t, st, v1, vendors, monitor.RunOptions{})
	require.Empty(t, rep.Alerts)
	// The list adds Contoso (V1 did not change), the file changes V2.
	v2 := inHouse(t, "Kaspersky Labs Limited,,GB,L1,", "Contoso Paper Supplies,,US,L2,")
	vendors[1] = vendor("V2", "Kaspersky Labs Ltd", "GB")
	rep = runList(t, st, v2, vendors, monitor.RunOptions{MaxChange: 1})
	require.False(t, rep.Run.Full)
	var got []string
	for _, a := range rep.Alerts {
		got = append(got, a.VendorID+" "+a.Entry.ID)
	}
	assert.Equal(t, []string{"V1 L2", "V2 L1"}, got)
}
