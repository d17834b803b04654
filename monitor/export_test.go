package monitor

import "testing"

// WithoutReach makes the runs of t screen every vendor that did not change
// against the entries that did, as runs did before footprints, until t
// ends.
func WithoutReach(t testing.TB) {
	reachOff.Store(true)
	t.Cleanup(func() { reachOff.Store(false) })
}

// ForgetWeakAliases removes from the record of every run the choice of
// weak aliases, as runs of the versions before it was recorded wrote them.
func (st *Store) ForgetWeakAliases(t testing.TB) {
	t.Helper()
	if _, err := st.db.Exec(`UPDATE runs SET record = REPLACE(REPLACE(record, ',"weak_aliases":false', ''), ',"weak_aliases":true', '')`); err != nil {
		t.Fatal(err)
	}
}

// Exec runs statement on the store's database, for the external tests of
// package monitor_test that check what the database refuses.
func (st *Store) Exec(statement string) error {
	_, err := st.db.Exec(statement)
	return err
}
