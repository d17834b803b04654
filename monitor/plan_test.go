package monitor

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/pgtest"
)

// planAlerts is how many alerts the plan test stores: enough that
// PostgreSQL's planner, which scans a small table whole, weighs its
// indexes.
const planAlerts = 30000

// fillAlerts stores planAlerts alerts of many vendors: 8% of them open,
// a few decided, most closed, as in a store that has run a while.
func fillAlerts(t *testing.T, st *Store) {
	t.Helper()
	_, err := st.db.ExecContext(context.Background(), st.q(`WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
		INSERT INTO alerts (vendor_id, source, entry_id, dup, status, score, entry_hash, vendor_hash, match, opened_run, updated_run, updated_at)
		SELECT 'V' || (1000000 + i / 3), 'SDN', 'E' || (i % 3), 0,
			CASE WHEN i % 100 < 8 THEN 'open' WHEN i % 100 = 8 THEN 'escalated' WHEN i % 100 = 9 THEN 'cleared' ELSE 'closed' END,
			0.9, '', '', '{}', 1, 1, '' FROM n`), planAlerts)
	require.NoError(t, err)
	if st.d.name == "postgres" {
		_, err = st.db.ExecContext(context.Background(), `ANALYZE alerts`)
		require.NoError(t, err)
	}
}

// TestAlertPagePlans: a page of alerts is read from a range of the index
// alerts_status_key, whatever the states and wherever the page starts,
// never by reading the table whole or sorting what it selects; on
// PostgreSQL, with the plan it keeps for the query once prepared (its
// generic plan) too. A page of one vendor's alerts, which are few, is
// read from an index on the vendor, either.
func TestAlertPagePlans(t *testing.T) {
	ctx := context.Background()
	after := AlertKey{VendorID: "V1005000", Entry: entitylist.EntryKey{Source: "SDN", ID: "E1"}}
	decided := []Status{StatusCleared, StatusConfirmed, StatusEscalated}
	every := Statuses()
	filters := []struct {
		name string
		f    AlertFilter
	}{
		{"open, first page", AlertFilter{Limit: 100}},
		{"open, later page", AlertFilter{Limit: 100, After: after}},
		{"decided, later page", AlertFilter{Limit: 100, After: after, Statuses: decided}},
		{"every state, first page", AlertFilter{Limit: 100, Statuses: every}},
		{"every state, later page", AlertFilter{Limit: 100, After: after, Statuses: every}},
		{"one vendor", AlertFilter{Limit: 100, VendorID: "V1005000"}},
		{"one vendor, later page", AlertFilter{Limit: 100, VendorID: "V1005000", After: after, Statuses: every}},
	}
	t.Run("sqlite", func(t *testing.T) {
		st, err := OpenSQLite(ctx, filepath.Join(t.TempDir(), "monitor.db"))
		require.NoError(t, err)
		defer st.Close()
		fillAlerts(t, st)
		for _, tt := range filters {
			query, args, err := st.alertsQuery(tt.f)
			require.NoError(t, err)
			plan := queryLines(t, st.db, `EXPLAIN QUERY PLAN `+query, args, 3)
			assert.NotContains(t, plan, "SCAN alerts", "%s:\n%s", tt.name, plan)
			if tt.f.VendorID == "" {
				assert.Contains(t, plan, "alerts_status_key", "%s:\n%s", tt.name, plan)
			}
			if len(tt.f.Statuses) < 2 {
				// (The parts of several states are each sorted to be
				// merged: Limit rows at most.)
				assert.NotContains(t, plan, "TEMP B-TREE", "%s:\n%s", tt.name, plan)
			}
		}
	})
	t.Run("postgres", func(t *testing.T) {
		if os.Getenv(pgtest.Env) == "" {
			t.Skipf("no PostgreSQL server: set %s", pgtest.Env)
		}
		st, err := OpenPostgres(ctx, pgtest.URL(t))
		require.NoError(t, err)
		defer st.Close()
		fillAlerts(t, st)
		conn, err := st.db.Conn(ctx)
		require.NoError(t, err)
		defer conn.Close()
		sortNode := regexp.MustCompile(`(^|->  )(Incremental )?Sort `)
		for _, mode := range []string{"force_custom_plan", "force_generic_plan"} {
			_, err := conn.ExecContext(ctx, `SET plan_cache_mode = `+mode)
			require.NoError(t, err)
			for _, tt := range filters {
				query, args, err := st.alertsQuery(tt.f)
				require.NoError(t, err)
				_, err = conn.ExecContext(ctx, `PREPARE page AS `+query)
				require.NoError(t, err)
				// EXECUTE takes its values written out.
				values := make([]string, len(args))
				for i, a := range args {
					switch a := a.(type) {
					case string:
						values[i] = "'" + strings.ReplaceAll(a, "'", "''") + "'"
					case int:
						values[i] = strconv.Itoa(a)
					default:
						t.Fatalf("an argument of type %T", a)
					}
				}
				execute := `EXPLAIN EXECUTE page`
				if len(args) > 0 {
					execute += `(` + strings.Join(values, ", ") + `)`
				}
				plan := queryLines(t, conn, execute, nil, 0)
				_, err = conn.ExecContext(ctx, `DEALLOCATE page`)
				require.NoError(t, err)
				assert.NotContains(t, plan, "Seq Scan", "%s, %s:\n%s", tt.name, mode, plan)
				if tt.f.VendorID == "" {
					assert.Contains(t, plan, "alerts_status_key", "%s, %s:\n%s", tt.name, mode, plan)
					assert.NotRegexp(t, sortNode, plan, "%s, %s:\n%s", tt.name, mode, plan)
				}
			}
		}
	})
}

// queryLines returns column col of the rows of query, a line each.
func queryLines(t *testing.T, db interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, query string, args []any, col int) string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), query, args...)
	require.NoError(t, err)
	defer rows.Close()
	cols, err := rows.Columns()
	require.NoError(t, err)
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		require.NoError(t, rows.Scan(ptrs...))
		switch v := vals[col].(type) {
		case string:
			lines = append(lines, v)
		case []byte:
			lines = append(lines, string(v))
		}
	}
	require.NoError(t, rows.Err())
	return strings.Join(lines, "\n")
}
