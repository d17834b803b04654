package monitor_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/monitor"
)

// TestConcurrentOpen opens one new store from many goroutines at once, as
// several processes starting against a new database do: each open
// creates or finds the schema, and on SQLite switches the new file to WAL
// or finds it switched; none fails.
func TestConcurrentOpen(t *testing.T) {
	for _, tc := range []struct {
		name string
		dsn  func(t *testing.T) string
	}{
		{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "monitor.db") }},
		{"postgres", func(t *testing.T) string { return postgresURL(t) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Many new stores: two sessions clash only now and then.
			for range 20 {
				concurrentOpen(t, tc.dsn(t))
			}
		})
	}
}

// concurrentOpen opens the new store dsn from many goroutines at once.
func concurrentOpen(t *testing.T, dsn string) {
	const n = 8
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			st, err := monitor.Open(context.Background(), dsn)
			if err == nil {
				st.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		assert.NoError(t, err, "open %d", i)
	}
	st, err := monitor.Open(context.Background(), dsn)
	require.NoError(t, err)
	st.Close()
}
