package monitor_test

import (
	"context"
	"testing"

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

// postgresStore opens a store in a new schema of the test server.
func postgresStore(t testing.TB) *monitor.Store {
	t.Helper()
	st, err := monitor.OpenPostgres(context.Background(), postgresURL(t))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	return st
}
