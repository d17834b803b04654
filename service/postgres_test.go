package service

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/internal/pgtest"
	"github.com/entityscreen/entityscreen/monitor"
)

// postgresEnv names the environment variable holding the URL of a
// PostgreSQL server for the tests.
const postgresEnv = pgtest.Env

// postgresURL returns the URL of a new, empty schema on the test server,
// dropped when t ends, or skips t when no server is configured.
func postgresURL(t testing.TB) string { return pgtest.URL(t) }

// TestInstancesShareAStore: two instances on one PostgreSQL store, as
// behind a load balancer: the alerts one lists are the other's, a decision
// posted to one is seen by the other, and decisions posted to both at once
// are all recorded, none twice.
func TestInstancesShareAStore(t *testing.T) {
	dsn := postgresURL(t)
	ctx := context.Background()
	open := func() *monitor.Store {
		st, err := monitor.Open(ctx, dsn)
		require.NoError(t, err)
		t.Cleanup(func() { st.Close() })
		return st
	}
	first := open()
	runFixture(t, first, listV1)
	a := newTestServer(t, Config{Store: first})
	b := newTestServer(t, Config{Store: open()})

	var fromA, fromB []monitor.Alert
	a.do(t, http.MethodGet, "/v1/alerts", nil).decode(t, &fromA)
	b.do(t, http.MethodGet, "/v1/alerts", nil).decode(t, &fromB)
	require.Len(t, fromA, 3)
	require.Equal(t, len(fromA), len(fromB))
	for i := range fromA {
		assert.Equal(t, fromA[i].ID, fromB[i].ID)
	}

	// A decision through the review page of one, seen by the other.
	form := url.Values{"action": {"confirm"}, "reason": {"the same registration number"}, "reviewer": {"ana"}}.Encode()
	r := a.do(t, http.MethodPost, fmt.Sprintf("/review/alerts/%d", fromA[0].ID), form, "Content-Type", formType)
	require.Equal(t, http.StatusSeeOther, r.status, "%s", r.body)
	var seen monitor.Alert
	b.do(t, http.MethodGet, fmt.Sprintf("/v1/alerts/%d", fromA[0].ID), nil).decode(t, &seen)
	assert.Equal(t, monitor.StatusConfirmed, seen.Status)
	html := string(b.do(t, http.MethodGet, r.header.Get("Location"), nil).body)
	assert.Contains(t, html, "Decision recorded", "the redirect works on any instance")

	// Decisions on both instances at once.
	var wg sync.WaitGroup
	for i, ts := range []*testServer{a, b, a, b, a, b} {
		wg.Go(func() {
			id := fromA[1+i%2].ID
			r := ts.do(t, http.MethodPost, fmt.Sprintf("/v1/alerts/%d/decision", id), fmt.Sprintf(`{"action": "escalate", "reason": "round %d", "reviewer": "r%d"}`, i, i))
			assert.Equal(t, http.StatusCreated, r.status, "%s", r.body)
		})
	}
	wg.Wait()
	ds, err := first.Decisions(ctx)
	require.NoError(t, err)
	assert.Len(t, ds, 7)
	ids := map[int64]bool{}
	for _, d := range ds {
		assert.False(t, ids[d.ID], "decision %d twice", d.ID)
		ids[d.ID] = true
	}
}

// TestAlertPagingPostgres: TestAlertPaging on a PostgreSQL store.
func TestAlertPagingPostgres(t *testing.T) {
	st, err := monitor.Open(context.Background(), postgresURL(t))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	testAlertPaging(t, st)
}

// TestTextTheStoreCannotHoldPostgres: TestTextTheStoreCannotHold on a
// PostgreSQL store, which refuses such text: a 400 or a 422, not a 500.
func TestTextTheStoreCannotHoldPostgres(t *testing.T) {
	st, err := monitor.Open(context.Background(), postgresURL(t))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	testTextTheStoreCannotHold(t, st)
}
