// Package pgtest gives tests a schema of their own on the PostgreSQL server
// that .ci/run starts, or skips them when none is configured.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	"github.com/stretchr/testify/require"
)

// Env names the environment variable holding the URL of a PostgreSQL
// server for the tests; .ci/run starts one and sets it.
const Env = "ENTITYSCREEN_POSTGRES_URL"

// URL returns the URL of a new, empty schema on the test server, dropped
// when t ends, or skips t when no server is configured.
func URL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(Env)
	if base == "" {
		t.Skipf("no PostgreSQL server: set %s=postgres://USER@HOST:PORT/DB?sslmode=disable to run the PostgreSQL tests (.ci/run starts one)", Env)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "test_" + hex.EncodeToString(b[:])
	db, err := sql.Open("pgx", base)
	require.NoError(t, err)
	defer db.Close()
	_, err = db.ExecContext(context.Background(), "CREATE SCHEMA "+schema)
	require.NoError(t, err)
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err == nil {
			db.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			db.Close()
		}
	})
	u, err := url.Parse(base)
	require.NoError(t, err)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
