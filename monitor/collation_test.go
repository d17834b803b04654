package monitor_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/monitor"
)

// TestAlertOrderCollation: Alerts lists alerts by vendor id and entry in
// the order of their bytes (as Go compares strings) on every store, a
// PostgreSQL database whose text sorts by a language's rules (ICU's
// en-US, as many servers are set up) included; paging keeps that order.
// SQLite compares bytes.
func TestAlertOrderCollation(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testAlertOrder(t, sqliteStore(t)) })
	t.Run("postgres-en-US", func(t *testing.T) {
		st, err := monitor.OpenPostgres(context.Background(), languageDatabase(t))
		require.NoError(t, err)
		t.Cleanup(func() { st.Close() })
		testAlertOrder(t, st)
	})
}

func testAlertOrder(t *testing.T, st *monitor.Store) {
	ctx := context.Background()
	ids := []string{"b1", "B", "a-2", "a1", "A_3", "a", "Zeta", "é"}
	var vendors []monitor.Vendor
	for _, id := range ids {
		vendors = append(vendors, vendor(id, "Kaspersky Labs Ltd", "GB"))
	}
	l := inHouse(t, "Kaspersky Labs Limited,,GB,L1,", "Kaspersky Labs Limited,,GB,l1,", "Kaspersky Labs Limited,,GB,L-1,")
	rep := runList(t, st, l, vendors, monitor.RunOptions{})
	require.Len(t, rep.Alerts, 3*len(ids))
	var want []string
	for _, a := range rep.Alerts {
		want = append(want, a.VendorID+" "+a.Entry.ID)
	}
	slices.Sort(want) // vendor id, then entry id: the source is the same
	as, err := st.Alerts(ctx, monitor.AlertFilter{})
	require.NoError(t, err)
	var got []string
	for _, a := range as {
		got = append(got, a.VendorID+" "+a.Entry.ID)
	}
	assert.Equal(t, want, got)
	// A page at a time, from a key on.
	got = nil
	f := monitor.AlertFilter{Limit: 2}
	for {
		page, err := st.Alerts(ctx, f)
		require.NoError(t, err)
		for _, a := range page {
			got = append(got, a.VendorID+" "+a.Entry.ID)
		}
		if len(page) < f.Limit {
			break
		}
		f.After = page[len(page)-1].Key()
	}
	assert.Equal(t, want, got)
}

// languageDatabase returns the URL of a new PostgreSQL database on the
// test server whose text sorts by ICU's en-US rules, dropped when t ends,
// or skips t when no server is configured or it has no ICU.
func languageDatabase(t *testing.T) string {
	base := postgresURL(t) // skips without a server
	u, err := url.Parse(base)
	require.NoError(t, err)
	q := u.Query()
	q.Del("search_path")
	u.RawQuery = q.Encode()
	db, err := sql.Open("pgx", u.String())
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "test_icu_" + hex.EncodeToString(b[:])
	if _, err := db.Exec(`CREATE DATABASE ` + name + ` TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'`); err != nil {
		t.Skipf("no database with ICU's en-US rules: %v", err)
	}
	t.Cleanup(func() { db.Exec(`DROP DATABASE ` + name + ` WITH (FORCE)`) })
	u.Path = "/" + name
	return u.String()
}
