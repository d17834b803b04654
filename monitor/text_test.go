package monitor_test

import (
	"context"
	"errors"
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
