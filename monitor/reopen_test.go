package monitor_test

import (
	"cmp"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/monitor"
	"github.com/entityscreen/entityscreen/screening"
)

// TestClosedAlertReturnsToDecision checks that an alert closed for a while
// (its vendor missing from one file, its entry removed from the list and
// added again, the threshold raised above its score and lowered again)
// goes back to where the reviewer's last decision on it left it when it
// matches again, as if it had never closed: a cleared false alarm whose
// entry and vendor record did not change since is cleared again and
// reported to no one; one whose entry or vendor changed reopens, marked
// changed since review; a confirmed or escalated one is back in that
// state, reported; an alert never decided reopens. The cleared alert keeps
// the hashes of the decision that cleared it, and its decisions stay as
// they were.
func TestClosedAlertReturnsToDecision(t *testing.T) {
	list := inHouse(t, "Dover Trading FZE,DOVER,AE,L1,", "Kaspersky Labs Limited,,GB,L2,")
	changedList := inHouse(t, "Dover Trading FZE,DOVER; DOVER TRADING,AE,L1,", "Kaspersky Labs Limited,,GB,L2,")
	withoutL1 := inHouse(t, "Kaspersky Labs Limited,,GB,L2,")
	v1 := vendor("V1", "Dover Trading", "US") // scores 0.85 against L1
	v1Moved := v1
	v1Moved.Query.Address = "1 Main St, Columbus, Ohio"
	v2 := vendor("V2", "Contoso Paper Supplies", "US")

	// A gap is the run that closes the alert; the run after it has the
	// list and the vendors the case returns with.
	type step struct {
		list    *entitylist.List
		vendors []monitor.Vendor
		opts    []screening.Option
	}
	vendorMissing := step{list, []monitor.Vendor{v2}, nil}
	entryRemoved := step{withoutL1, []monitor.Vendor{v1, v2}, nil}
	thresholdRaised := step{list, []monitor.Vendor{v1, v2}, []screening.Option{screening.WithThreshold(0.9)}}
	for _, tc := range []struct {
		name     string
		decision monitor.Status // "" for none
		// changed, when set, changes the entry after the decision, before
		// the gap: the alert reopens, changed since review, and a second
		// decision, when decideAgain is set, is made on the changed entry.
		changed     bool
		decideAgain monitor.Status
		gap         step
		back        step
		status      monitor.Status
		sinceReview bool
		reported    bool
		reason      string
	}{
		{name: "cleared, vendor back unchanged", decision: monitor.StatusCleared, gap: vendorMissing,
			back:   step{list, []monitor.Vendor{v1, v2}, nil},
			status: monitor.StatusCleared, reason: "matches again, cleared on review: not the listed party"},
		{name: "cleared, entry added again unchanged", decision: monitor.StatusCleared, gap: entryRemoved,
			back:   step{list, []monitor.Vendor{v1, v2}, nil},
			status: monitor.StatusCleared, reason: "matches again, cleared on review: not the listed party"},
		{name: "cleared, threshold raised then lowered", decision: monitor.StatusCleared, gap: thresholdRaised,
			back:   step{list, []monitor.Vendor{v1, v2}, nil},
			status: monitor.StatusCleared, reason: "matches again, cleared on review: not the listed party"},
		{name: "cleared, vendor back changed", decision: monitor.StatusCleared, gap: vendorMissing,
			back:   step{list, []monitor.Vendor{v1Moved, v2}, nil},
			status: monitor.StatusOpen, sinceReview: true, reported: true, reason: "changed since review: the vendor record changed"},
		{name: "cleared, entry added again changed", decision: monitor.StatusCleared, gap: entryRemoved,
			back:   step{changedList, []monitor.Vendor{v1, v2}, nil},
			status: monitor.StatusOpen, sinceReview: true, reported: true, reason: "changed since review: the entry changed"},
		{name: "cleared, threshold raised then lowered, both changed", decision: monitor.StatusCleared, gap: thresholdRaised,
			back:   step{changedList, []monitor.Vendor{v1Moved, v2}, nil},
			status: monitor.StatusOpen, sinceReview: true, reported: true, reason: "changed since review: the entry and the vendor record changed"},
		{name: "cleared, changed, not reviewed again", decision: monitor.StatusCleared, changed: true, gap: vendorMissing,
			back:   step{changedList, []monitor.Vendor{v1, v2}, nil},
			status: monitor.StatusOpen, sinceReview: true, reported: true, reason: "changed since review: the entry changed"},
		{name: "cleared, changed, cleared again", decision: monitor.StatusCleared, changed: true, decideAgain: monitor.StatusCleared, gap: vendorMissing,
			back:   step{changedList, []monitor.Vendor{v1, v2}, nil},
			status: monitor.StatusCleared, reason: "matches again, cleared on review: not the listed party"},
		{name: "confirmed, vendor back unchanged", decision: monitor.StatusConfirmed, gap: vendorMissing,
			back:   step{list, []monitor.Vendor{v1, v2}, nil},
			status: monitor.StatusConfirmed, reported: true, reason: "matches again, confirmed on review: not the listed party"},
		{name: "escalated, entry added again changed", decision: monitor.StatusEscalated, gap: entryRemoved,
			back:   step{changedList, []monitor.Vendor{v1, v2}, nil},
			status: monitor.StatusEscalated, sinceReview: true, reported: true,
			reason: "matches again, escalated on review: not the listed party; changed since review: the entry changed"},
		{name: "never decided", gap: thresholdRaised,
			back:   step{list, []monitor.Vendor{v1, v2}, nil},
			status: monitor.StatusOpen, reported: true, reason: "matches again"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eachStore(t, func(t *testing.T, st *monitor.Store) {
				ctx := context.Background()
				run := func(s step) monitor.Report {
					t.Helper()
					return runList(t, st, s.list, s.vendors, monitor.RunOptions{MaxChange: 1}, s.opts...)
				}
				decide := func(action monitor.Status) {
					t.Helper()
					_, err := st.Decide(ctx, alertOf(t, st, "V1", "L1").ID, action, "not the listed party", "a.analyst", time.Now())
					require.NoError(t, err)
				}
				run(step{list, []monitor.Vendor{v1, v2}, nil})
				if tc.decision != "" {
					decide(tc.decision)
				}
				if tc.changed {
					require.Len(t, run(step{changedList, []monitor.Vendor{v1, v2}, nil}).Alerts, 1, "reopened, changed since review")
					if tc.decideAgain != "" {
						decide(tc.decideAgain)
					}
				}
				before, err := st.Decisions(ctx)
				require.NoError(t, err)
				rep := run(tc.gap)
				require.Equal(t, 1, rep.Run.Closed)
				require.Equal(t, monitor.StatusClosed, alertOf(t, st, "V1", "L1").Status)

				rep = run(tc.back)
				got := alertOf(t, st, "V1", "L1")
				assert.Equal(t, tc.status, got.Status, got.Reason)
				assert.Equal(t, tc.sinceReview, got.ChangedSinceReview)
				assert.Equal(t, tc.reason, got.Reason)
				assert.Equal(t, rep.Run.ID, got.UpdatedRun)
				assert.Zero(t, rep.Run.NewAlerts, "the alert of the pair, not a new one")
				if tc.reported {
					require.Len(t, rep.Alerts, 1)
					assert.Equal(t, got.ID, rep.Alerts[0].ID)
					assert.Equal(t, tc.status, rep.Alerts[0].Status)
					assert.Equal(t, 1, rep.Run.Reopened)
					assert.Zero(t, rep.Run.ClearedAgain)
				} else {
					assert.Empty(t, rep.Alerts, "a cleared false alarm whose entry and vendor did not change is news to no one")
					assert.Zero(t, rep.Run.Reopened)
					assert.Equal(t, 1, rep.Run.ClearedAgain, "counted, for an auditor")
				}

				// The record for an auditor: the decisions as they were, and a
				// cleared alert on the hashes of the decision that cleared it.
				after, err := st.Decisions(ctx)
				require.NoError(t, err)
				assert.Equal(t, before, after)
				if got.Status == monitor.StatusCleared {
					last := after[len(after)-1]
					assert.Equal(t, last.EntryHash, got.EntryHash)
					assert.Equal(t, last.VendorHash, got.VendorHash)
				}
				var audited *monitor.Alert
				require.NoError(t, st.Audit(ctx, func(r monitor.AuditRecord) error {
					if r.Alert != nil && r.Alert.ID == got.ID {
						audited = r.Alert
					}
					return nil
				}))
				require.NotNil(t, audited)
				assert.Equal(t, got.Status, audited.Status)
				assert.Equal(t, got.Reason, audited.Reason)

				// And it stays so: a run with nothing changed reports nothing.
				rep = run(tc.back)
				assert.Empty(t, rep.Alerts)
				assert.Equal(t, tc.status, alertOf(t, st, "V1", "L1").Status)
			})
		})
	}
}

// TestReviewedAlertChanged checks that a confirmed or escalated alert that
// stays in its state while its entry or vendor record changes is marked
// changed since review and reported, as one that closed and came back
// changed is: once for each new way it differs from what was reviewed, and
// no longer marked when both are as they were at the decision. An alert
// no one decided is not marked: there is no review it changed since.
func TestReviewedAlertChanged(t *testing.T) {
	list := inHouse(t, "Dover Trading FZE,DOVER,AE,L1,", "Kaspersky Labs Limited,,GB,L2,")
	changedList := inHouse(t, "Dover Trading FZE,DOVER; DOVER TRADING,AE,L1,", "Kaspersky Labs Limited,,GB,L2,")
	v1 := vendor("V1", "Dover Trading", "US")
	v1Moved := v1
	v1Moved.Query.Address = "1 Main St, Columbus, Ohio"
	v2 := vendor("V2", "Contoso Paper Supplies", "US")
	type step struct {
		list     *entitylist.List
		vendor   monitor.Vendor
		since    bool
		what     string // the end of the reason after "changed since review: "
		reported bool
		// undecided is the reason of the alert no one decided: what
		// changed last.
		undecided string
	}
	steps := []step{
		{list: changedList, vendor: v1, since: true, what: "the entry changed", reported: true, undecided: "the entry changed"},
		{list: changedList, vendor: v1, since: true, what: "the entry changed", undecided: "the entry changed"}, // as at the last run
		{list: changedList, vendor: v1Moved, since: true, what: "the entry and the vendor record changed", reported: true, undecided: "the vendor record changed"},
		{list: list, vendor: v1Moved, since: true, what: "the vendor record changed", reported: true, undecided: "the entry changed"},
		{list: list, vendor: v1, undecided: "the vendor record changed"}, // as reviewed again
	}
	for _, decision := range []monitor.Status{monitor.StatusConfirmed, monitor.StatusEscalated, ""} {
		t.Run(string(cmp.Or(decision, "undecided")), func(t *testing.T) {
			eachStore(t, func(t *testing.T, st *monitor.Store) {
				ctx := context.Background()
				run := func(l *entitylist.List, v monitor.Vendor) monitor.Report {
					t.Helper()
					return runList(t, st, l, []monitor.Vendor{v, v2}, monitor.RunOptions{MaxChange: 1})
				}
				run(list, v1)
				if decision != "" {
					_, err := st.Decide(ctx, alertOf(t, st, "V1", "L1").ID, decision, "the listed party", "a.analyst", time.Now())
					require.NoError(t, err)
				}
				for i, s := range steps {
					rep := run(s.list, s.vendor)
					got := alertOf(t, st, "V1", "L1")
					if decision == "" {
						assert.Equal(t, monitor.StatusOpen, got.Status, "step %d", i)
						assert.False(t, got.ChangedSinceReview, "step %d", i)
						assert.Empty(t, rep.Alerts, "step %d", i)
						assert.Equal(t, s.undecided, got.Reason, "step %d: the reason says what changed, not \"new match\"", i)
						continue
					}
					assert.Equal(t, decision, got.Status, "step %d", i)
					assert.Equal(t, s.since, got.ChangedSinceReview, "step %d", i)
					want := string(decision) + " on review: the listed party"
					if s.what != "" {
						want += "; changed since review: " + s.what
					}
					assert.Equal(t, want, got.Reason, "step %d", i)
					if s.reported {
						require.Len(t, rep.Alerts, 1, "step %d", i)
						assert.Equal(t, got.ID, rep.Alerts[0].ID)
						assert.True(t, rep.Alerts[0].ChangedSinceReview)
						assert.Equal(t, 1, rep.Run.Reopened, "step %d", i)
					} else {
						assert.Empty(t, rep.Alerts, "step %d", i)
						assert.Zero(t, rep.Run.Reopened, "step %d", i)
					}
				}
			})
		})
	}
}

// TestOpenAlertChangedReason checks that the reason of an open alert says
// what a run changed of it: its entry or its vendor record, not "new
// match" as when it opened; and, for one that came back because it
// changed since a reviewer cleared it, what differs from what was
// reviewed, until both are as reviewed again. It stays open throughout,
// reported once, when it came back.
func TestOpenAlertChangedReason(t *testing.T) {
	list := inHouse(t, "Dover Trading FZE,DOVER,AE,L1,", "Kaspersky Labs Limited,,GB,L2,")
	changedList := inHouse(t, "Dover Trading FZE,DOVER; DOVER TRADING,AE,L1,", "Kaspersky Labs Limited,,GB,L2,")
	v1 := vendor("V1", "Dover Trading", "US")
	v1Moved := v1
	v1Moved.Query.Address = "1 Main St, Columbus, Ohio"
	v2 := vendor("V2", "Contoso Paper Supplies", "US")
	steps := []struct {
		list   *entitylist.List
		vendor monitor.Vendor
		since  bool
		reason string
	}{
		{changedList, v1, true, "changed since review: the entry changed"},
		{changedList, v1, true, "changed since review: the entry changed"},
		{changedList, v1Moved, true, "changed since review: the entry and the vendor record changed"},
		{list, v1Moved, true, "changed since review: the vendor record changed"},
		{list, v1, false, "the entry and the vendor record are as cleared on review again, after changes: not the listed party"},
	}
	eachStore(t, func(t *testing.T, st *monitor.Store) {
		ctx := context.Background()
		run := func(l *entitylist.List, v monitor.Vendor) monitor.Report {
			t.Helper()
			return runList(t, st, l, []monitor.Vendor{v, v2}, monitor.RunOptions{MaxChange: 1})
		}
		run(list, v1)
		_, err := st.Decide(ctx, alertOf(t, st, "V1", "L1").ID, monitor.StatusCleared, "not the listed party", "a.analyst", time.Now())
		require.NoError(t, err)
		for i, s := range steps {
			rep := run(s.list, s.vendor)
			got := alertOf(t, st, "V1", "L1")
			assert.Equal(t, monitor.StatusOpen, got.Status, "step %d", i)
			assert.Equal(t, s.since, got.ChangedSinceReview, "step %d", i)
			assert.Equal(t, s.reason, got.Reason, "step %d", i)
			if i == 0 {
				assert.Len(t, rep.Alerts, 1, "reported when it came back")
			} else {
				assert.Empty(t, rep.Alerts, "step %d: open already", i)
			}
		}
	})
}
