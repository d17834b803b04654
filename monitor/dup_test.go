package monitor_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/monitor"
)

// TestRepeatedIDReviewAgain checks the entries of an id a list repeats,
// keyed by their place among the rows of that id (entitylist.EntryKey's
// Dup): when the row under a key changes, the key may hold another row
// now (a list that drops the first of two rows gives the second its
// key), so a confirmed or escalated decision on it does not carry over:
// the alert opens again, changed since review, reported, for a reviewer
// to decide on the row it holds now, as a cleared one does. An alert
// whose key the list no longer has says its row may be under another key.
// An id the list gives one row keeps a confirmed decision through a
// change, marked.
func TestRepeatedIDReviewAgain(t *testing.T) {
	fze := "Dover Trading FZE,,AE,L1,first row"
	llc := "Dover Trading LLC,,AE,L1,second row"
	both := inHouse(t, fze, llc, "Orion Star Shipping,,AE,L3,")
	v1 := vendor("V1", "Dover Trading", "AE")
	v2 := vendor("V2", "Orion Star Shipping LLC", "AE")
	for _, tc := range []struct {
		name   string
		then   *entitylist.List
		vendor monitor.Vendor // V1 as the second run reads it
		// gap closes V1's alerts for a run before the second (the
		// vendor missing from the file).
		gap bool
	}{
		{"the first row dropped", inHouse(t, llc, "Orion Star Shipping,,AE,L3,"), v1, false},
		{"a row added before", inHouse(t, "Dover Trading Co,,AE,L1,new row", fze, llc, "Orion Star Shipping,,AE,L3,"), v1, false},
		{"the first row dropped while the vendor was missing", inHouse(t, llc, "Orion Star Shipping,,AE,L3,"), v1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eachStore(t, func(t *testing.T, st *monitor.Store) {
				ctx := context.Background()
				run := func(l *entitylist.List, vs ...monitor.Vendor) monitor.Report {
					t.Helper()
					return runList(t, st, l, vs, monitor.RunOptions{MaxChange: 1})
				}
				run(both, v1, v2)
				first := alertOf(t, st, "V1", "L1")
				require.Equal(t, 0, first.Entry.Dup)
				require.Equal(t, "Dover Trading FZE", first.Match.Entry.Name)
				_, err := st.Decide(ctx, first.ID, monitor.StatusConfirmed, "the FZE itself", "a.analyst", time.Now())
				require.NoError(t, err)
				orion := alertOf(t, st, "V2", "L3")
				_, err = st.Decide(ctx, orion.ID, monitor.StatusConfirmed, "the ship owner", "a.analyst", time.Now())
				require.NoError(t, err)
				if tc.gap {
					run(both, v2)
					require.Equal(t, monitor.StatusClosed, alertOf(t, st, "V1", "L1").Status)
				}

				rep := run(tc.then, tc.vendor, v2)
				got, err := st.Alert(ctx, first.ID)
				require.NoError(t, err)
				assert.NotEqual(t, "Dover Trading FZE", got.Match.Entry.Name, "the key holds another row now")
				assert.Equal(t, monitor.StatusOpen, got.Status, "not confirmed on a row no one confirmed")
				assert.True(t, got.ChangedSinceReview)
				assert.Equal(t, "changed since review: the entry changed; INHOUSE L1 is a repeated id whose rows changed, "+
					"so this key may hold another row than the one confirmed on review (the FZE itself): review it again", got.Reason)
				var reported []int64
				for _, a := range rep.Alerts {
					reported = append(reported, a.ID)
				}
				assert.Contains(t, reported, first.ID)
				assert.Equal(t, monitor.StatusConfirmed, alertOf(t, st, "V2", "L3").Status, "an id of one row is not touched")
				if tc.name == "the first row dropped" {
					as, err := st.Alerts(ctx, monitor.AlertFilter{VendorID: "V1", Statuses: []monitor.Status{monitor.StatusClosed}})
					require.NoError(t, err)
					require.Len(t, as, 1)
					assert.Equal(t, 1, as[0].Entry.Dup)
					assert.Equal(t, "the list has fewer rows of INHOUSE L1: this key is gone, its row removed or now under another key of the id", as[0].Reason)
				}
			})
		})
	}
}
