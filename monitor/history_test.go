package monitor_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/monitor"
)

// TestAuditHistory follows a confirmed alert that a run closes (its
// vendor missing from one file) and the next run brings back: the audit
// holds every change a run made to it, not only its state at the end, so
// that an auditor sees when the true match was out of the master.
func TestAuditHistory(t *testing.T) { eachStore(t, testAuditHistory) }

func testAuditHistory(t *testing.T, st *monitor.Store) {
	ctx := context.Background()
	l := inHouse(t, "Kaspersky Labs Limited,,GB,L1,", "Orion Star Shipping,,AE,L2,")
	vendors := []monitor.Vendor{vendor("V1", "Kaspersky Labs Ltd", "GB"), vendor("V2", "Orion Star Shipping LLC", "AE")}
	day := time.Date(2026, 3, 1, 9, 0, 0, 0, time.FixedZone("CET", 3600))
	at := func(d int) monitor.RunOptions {
		return monitor.RunOptions{Now: func() time.Time { return day.AddDate(0, 0, d) }}
	}
	first := runList(t, st, l, vendors, at(0))
	require.Len(t, first.Alerts, 2)
	k := alertOf(t, st, "V1", "L1")
	_, err := st.Decide(ctx, k.ID, monitor.StatusConfirmed, "same party", "a.analyst", day.Add(time.Hour))
	require.NoError(t, err)
	second := runList(t, st, l, vendors[1:], at(1))
	assert.Equal(t, 1, second.Run.Closed)
	third := runList(t, st, l, vendors, at(2))
	require.Len(t, third.Alerts, 1)
	assert.Equal(t, monitor.StatusConfirmed, third.Alerts[0].Status)

	// The changes runs made to the Kaspersky alert, in order.
	type change struct {
		Run    int64
		Status monitor.Status
		Reason string
		At     time.Time
	}
	var got []change
	var kinds []string
	require.NoError(t, st.Audit(ctx, func(r monitor.AuditRecord) error {
		kinds = append(kinds, r.Kind)
		// Read as an auditor's program reads the export: its JSON.
		b, err := json.Marshal(r)
		require.NoError(t, err)
		var rec struct {
			Event *struct {
				AlertID int64          `json:"alert_id"`
				Run     int64          `json:"run_id"`
				Status  monitor.Status `json:"status"`
				Reason  string         `json:"reason"`
				At      time.Time      `json:"at"`
			} `json:"event"`
		}
		require.NoError(t, json.Unmarshal(b, &rec))
		if e := rec.Event; e != nil && e.AlertID == k.ID {
			got = append(got, change{e.Run, e.Status, e.Reason, e.At})
		}
		return nil
	}))
	utc := func(d int) time.Time { return day.AddDate(0, 0, d).UTC() }
	assert.Equal(t, []change{
		{first.Run.ID, monitor.StatusOpen, "new match", utc(0)},
		{second.Run.ID, monitor.StatusClosed, "the vendor is no longer in the file", utc(1)},
		{third.Run.ID, monitor.StatusConfirmed, "matches again, confirmed on review: same party", utc(2)},
	}, got)
	for _, c := range got {
		assert.Equal(t, time.UTC, c.At.Location(), "times in UTC")
	}
	assert.Equal(t, []string{"run", "run", "run", "alert", "alert", "decision", "event", "event", "event", "event"}, kinds,
		"runs, alerts, decisions, then the changes runs made to alerts, oldest first")
}
