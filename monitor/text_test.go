package monitor_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/monitor"
)

func TestCheckText(t *testing.T) {
	for _, tt := range []struct {
		name, s string
		want    string // the problem, "" for none
	}{
		{"empty", "", ""},
		{"ASCII", "check the address", ""},
		{"UTF-8", "Müller GmbH", ""},
		{"NUL first", "\x00", "a NUL character at byte 0"},
		{"NUL inside", "a\x00b", "a NUL character at byte 1"},
		{"invalid", "bad \xff byte", "invalid UTF-8 at byte 4"},
		{"cut sequence", "Müller\xc3", "invalid UTF-8 at byte 7"},
		{"cut by a NUL", "M\xc3\x00", "invalid UTF-8 at byte 1"},
		{"invalid after a NUL", "a\x00\xff", "a NUL character at byte 1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := monitor.CheckText("reason", tt.s)
			if tt.want == "" {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, monitor.ErrBadText)
			var te *monitor.TextError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, "reason", te.Field)
			assert.Equal(t, tt.want, te.Problem())
			assert.Equal(t, "reason: "+tt.want+": text the store cannot hold", err.Error())
		})
	}
}

// TestCheckDecisionText: CheckReason and CheckReviewer take a decision's
// texts up to their limits, once trimmed, a reason over lines and a name
// on one, and say what is wrong with the others, the byte counted from
// the start of the text.
func TestCheckDecisionText(t *testing.T) {
	for _, tt := range []struct {
		name    string
		check   func(string) error
		s, want string // want: the problem, "" for none
	}{
		{"reason over lines", monitor.CheckReason, "line one\nline two\ttabbed", ""},
		{"reason at the limit", monitor.CheckReason, "  " + strings.Repeat("r", monitor.MaxReasonLen) + "\n", ""},
		{"reason over the limit", monitor.CheckReason, strings.Repeat("r", monitor.MaxReasonLen+1), "4001 bytes long; it may be 4000 at most"},
		{"reason with NUL", monitor.CheckReason, "a\x00", "a NUL character at byte 1"},
		{"reviewer", monitor.CheckReviewer, "Zoë Ana", ""},
		{"reviewer spaced", monitor.CheckReviewer, "\t Zoë Ana \n", ""},
		{"reviewer at the limit", monitor.CheckReviewer, " " + strings.Repeat("a", monitor.MaxReviewerLen) + " ", ""},
		{"reviewer over the limit", monitor.CheckReviewer, strings.Repeat("é", monitor.MaxReviewerLen/2+1), "202 bytes long; it may be 200 at most"},
		{"reviewer with a line break", monitor.CheckReviewer, "  ana\nforged", "a control character (U+000A) at byte 5"},
		{"reviewer with a C1 control", monitor.CheckReviewer, "ana\u009b", "a control character (U+009B) at byte 3"},
		{"reviewer not UTF-8", monitor.CheckReviewer, "an\xc3a", "invalid UTF-8 at byte 2"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.check(tt.s)
			if tt.want == "" {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, monitor.ErrBadText)
			var te *monitor.TextError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, tt.want, te.Problem())
		})
	}
}

// TestDecisionNeedsReasonAndReviewer: a decision with a blank reason or
// reviewer is refused, the error saying which is blank, and records
// nothing.
func TestDecisionNeedsReasonAndReviewer(t *testing.T) {
	eachStore(t, func(t *testing.T, st *monitor.Store) {
		ctx := context.Background()
		s := screener(t, inHouse(t, "Kaspersky Labs Limited,,GB,L2,"))
		_, err := st.Run(ctx, s, []monitor.Vendor{vendor("V1", "Kaspersky Labs Ltd", "GB")}, monitor.RunOptions{})
		require.NoError(t, err)
		a := alertOf(t, st, "V1", "L2")
		for _, tt := range []struct{ reason, reviewer, want string }{
			{" ", "ana", "the reason is blank"},
			{"a reseller", "\t", "the reviewer is blank"},
			{"", "", "both are blank"},
		} {
			_, err := st.Decide(ctx, a.ID, monitor.StatusCleared, tt.reason, tt.reviewer, time.Now())
			assert.EqualError(t, err, "monitor: a decision needs a reason and a reviewer: "+tt.want)
		}
		ds, err := st.Decisions(ctx)
		require.NoError(t, err)
		assert.Empty(t, ds)
	})
}

// TestStoreRefusesBadText: a decision's reason or reviewer, or a filter's
// vendor id or key, with a NUL character or invalid UTF-8 is the caller's
// error on every store (ErrBadText naming the field and the byte), not a
// failure of PostgreSQL, and records nothing.
func TestStoreRefusesBadText(t *testing.T) { eachStore(t, testRefusesBadText) }

func testRefusesBadText(t *testing.T, st *monitor.Store) {
	ctx := context.Background()
	s := screener(t, inHouse(t, "Kaspersky Labs Limited,,GB,L2,"))
	_, err := st.Run(ctx, s, []monitor.Vendor{vendor("V1", "Kaspersky Labs Ltd", "GB")}, monitor.RunOptions{})
	require.NoError(t, err)
	a := alertOf(t, st, "V1", "L2")
	at := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

	for _, tt := range []struct {
		name, reason, reviewer, field, problem string
	}{
		{"reason with NUL", "a\x00b", "ana", "reason", "a NUL character at byte 1"},
		{"reason with NUL, spaced", " \x00", "ana", "reason", "a NUL character at byte 1"},
		{"reason not UTF-8", "bad \xff byte", "ana", "reason", "invalid UTF-8 at byte 4"},
		{"reviewer with NUL", "check the address", "ana\x00", "reviewer", "a NUL character at byte 3"},
		{"reviewer not UTF-8", "check the address", "an\xc3a", "reviewer", "invalid UTF-8 at byte 2"},
		// A name is one line, and both texts have a length an auditor
		// reads, for every caller of the store alike.
		{"reviewer on two lines", "check the address", " ana\nauditor: approved", "reviewer", "a control character (U+000A) at byte 4"},
		{"reviewer with an escape", "check the address", "ana\x1b[2J", "reviewer", "a control character (U+001B) at byte 3"},
		{"reviewer too long", "check the address", strings.Repeat("a", monitor.MaxReviewerLen+1), "reviewer", "201 bytes long; it may be 200 at most"},
		{"reason too long", strings.Repeat("r", monitor.MaxReasonLen+1), "ana", "reason", "4001 bytes long; it may be 4000 at most"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := st.Decide(ctx, a.ID, monitor.StatusEscalated, tt.reason, tt.reviewer, at)
			require.ErrorIs(t, err, monitor.ErrBadText)
			var te *monitor.TextError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, tt.field, te.Field)
			assert.Equal(t, tt.problem, te.Problem())
			assert.EqualError(t, err, "monitor: "+tt.field+": "+tt.problem+": text the store cannot hold")
		})
	}
	ds, err := st.Decisions(ctx)
	require.NoError(t, err)
	assert.Empty(t, ds, "nothing recorded")
	assert.Equal(t, monitor.StatusOpen, alertOf(t, st, "V1", "L2").Status)

	for _, tt := range []struct {
		name  string
		f     monitor.AlertFilter
		field string
	}{
		{"vendor with NUL", monitor.AlertFilter{VendorID: "V1\x00"}, "AlertFilter.VendorID"},
		{"vendor not UTF-8", monitor.AlertFilter{VendorID: "V\xff"}, "AlertFilter.VendorID"},
		{"key's vendor", monitor.AlertFilter{After: monitor.AlertKey{VendorID: "V1\x00"}}, "AlertFilter.After.VendorID"},
		{"key's source", monitor.AlertFilter{After: monitor.AlertKey{VendorID: "V1", Entry: entitylist.EntryKey{Source: "SDN\x00"}}}, "AlertFilter.After.Entry.Source"},
		{"key's entry", monitor.AlertFilter{After: monitor.AlertKey{VendorID: "V1", Entry: entitylist.EntryKey{Source: "SDN", ID: "\xff"}}}, "AlertFilter.After.Entry.ID"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := st.Alerts(ctx, tt.f)
			require.ErrorIs(t, err, monitor.ErrBadText)
			var te *monitor.TextError
			require.True(t, errors.As(err, &te), err.Error())
			assert.Equal(t, tt.field, te.Field)
		})
	}
	as, err := st.Alerts(ctx, monitor.AlertFilter{VendorID: "Müller"})
	require.NoError(t, err, "UTF-8 is text")
	assert.Empty(t, as)

	d, err := st.Decide(ctx, a.ID, monitor.StatusEscalated, "Müller, not the listed party", "Zoë", at)
	require.NoError(t, err, "UTF-8 is text")
	assert.Equal(t, "Zoë", d.Reviewer)
}
