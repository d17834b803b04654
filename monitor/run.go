package monitor

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// maxChangeShare is the share of a list's entries whose change makes a
// run screen every vendor against the whole list: beyond it the words'
// weights of the list move enough to move the scores of pairs that did not
// change.
const maxChangeShare = 0.02

// maxAlertsPerVendor bounds the matches a vendor record can raise in one
// run: far more than a real record has, so that a run's alerts are every
// match at or above the threshold, as a full re-screen's are.
const maxAlertsPerVendor = 1000

// RunOptions are the settings of a run.
type RunOptions struct {
	// ToolVersion is recorded with the run.
	ToolVersion string
	// Workers is how many goroutines screen (0: every CPU).
	Workers int
	// Now returns the time; time.Now when nil.
	Now func() time.Time
	// Full screens every vendor against the whole list.
	Full bool
	// MaxChange is the share of the list's entries whose change makes the
	// run a full one (see maxChangeShare, the default when 0): when more
	// change, the words' weights of the whole list move enough to move the
	// scores of pairs that did not change. 1 never does.
	MaxChange float64
}

// Report is what a run found: its record and the alerts it opened or
// reopened, in vendor order.
type Report struct {
	Run    Run
	Alerts []Alert
}

// VendorError is a vendor record a run could not take: Index is its place
// in the vendors given, from 0.
type VendorError struct {
	Index int
	ID    string
	Err   error
}

func (e *VendorError) Error() string {
	if e.ID == "" {
		return fmt.Sprintf("monitor: vendor %d: %v", e.Index+1, e.Err)
	}
	return fmt.Sprintf("monitor: vendor %d (id %q): %v", e.Index+1, e.ID, e.Err)
}

// Unwrap returns the cause, for errors.Is.
func (e *VendorError) Unwrap() error { return e.Err }

// pair is a vendor record and a list entry.
type pair struct {
	vendor string
	entry  entitylist.EntryKey
}

// Run screens vendors, the whole supplier master, with s and updates the
// store: what changed since the last run is screened (see the package
// documentation), alerts are opened, kept, reopened or closed, and the run
// is recorded. Runs against one store take turns. vendors must have
// distinct, non-empty IDs; a vendor whose query cannot be screened (an
// empty name, say) is an error naming it, and nothing is stored.
func (st *Store) Run(ctx context.Context, s *screening.Screener, vendors []Vendor, o RunOptions) (Report, error) {
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	if len(vendors) == 0 {
		return Report{}, errors.New("monitor: no vendors: a run with none would close every alert")
	}
	seen := make(map[string]bool, len(vendors))
	for i, v := range vendors {
		if v.ID == "" {
			return Report{}, &VendorError{Index: i, Err: errors.New("no id")}
		}
		if seen[v.ID] {
			return Report{}, &VendorError{Index: i, ID: v.ID, Err: errors.New("the id appears twice")}
		}
		seen[v.ID] = true
	}
	var rep Report
	err := st.tx(ctx, func(tx *sql.Tx) error {
		var err error
		rep, err = st.run(ctx, tx, s, vendors, o, now)
		return err
	})
	if err != nil {
		return Report{}, err
	}
	return rep, nil
}

func (st *Store) run(ctx context.Context, tx *sql.Tx, s *screening.Screener, vendors []Vendor, o RunOptions, now func() time.Time) (Report, error) {
	list := s.List()
	r := Run{Started: now().UTC(), List: s.List().Version(), Threshold: s.Threshold(), ToolVersion: o.ToolVersion, Vendors: len(vendors)}
	runID, err := st.insertRun(ctx, tx, r)
	if err != nil {
		return Report{}, err
	}
	r.ID = runID

	// What the list changed since the last run.
	stored, err := st.entries(ctx, tx)
	if err != nil {
		return Report{}, err
	}
	r.Full = len(stored) == 0
	current := make(map[entitylist.EntryKey]string, list.Len())
	keys := list.Keys()
	keyOf := make(map[*entitylist.Entry]entitylist.EntryKey, list.Len())
	var changed []entitylist.EntryKey
	for i, k := range keys {
		keyOf[list.Entry(i)] = k
		h := list.Entry(i).ContentHash()
		current[k] = h
		switch old, ok := stored[k]; {
		case !ok:
			r.EntriesAdded++
			changed = append(changed, k)
		case old != h:
			r.EntriesChanged++
			changed = append(changed, k)
		}
	}
	var removed []entitylist.EntryKey
	for k := range stored {
		if _, ok := current[k]; !ok {
			removed = append(removed, k)
		}
	}
	r.EntriesRemoved = len(removed)

	maxChange := cmp.Or(o.MaxChange, maxChangeShare)
	switch n := len(changed) + len(removed); {
	case r.Full:
		r.FullReason = "the first run"
	case o.Full:
		r.Full, r.FullReason = true, "asked for"
	case float64(n) > maxChange*float64(max(len(stored), list.Len())):
		// A large change moves the words' weights of the whole list: the
		// scores of pairs that did not change move with them.
		r.Full = true
		r.FullReason = fmt.Sprintf("%d of %d entries changed, more than %.0f%%", n, list.Len(), 100*maxChange)
	}
	listChanged := len(changed) > 0 || len(removed) > 0

	// What the vendor file changed since the last run.
	storedVendors, err := st.vendors(ctx, tx)
	if err != nil {
		return Report{}, err
	}
	alerts, err := st.alertsByPair(ctx, tx)
	if err != nil {
		return Report{}, err
	}
	byVendor := map[string][]*Alert{}
	for _, a := range alerts {
		byVendor[a.VendorID] = append(byVendor[a.VendorID], a)
	}
	changedSet := make(map[entitylist.EntryKey]bool, len(changed))
	for _, k := range changed {
		changedSet[k] = true
	}
	// whole: new or changed vendors (every vendor in a full run), screened
	// against the whole list; againstChanges: the others, against the
	// entries added or changed; recheck: those of the others with alerts
	// on entries that did not change, whose scores the list's other
	// changes may have moved: against those entries too.
	var whole, againstChanges, recheck []Vendor
	hashes := make(map[string]string, len(vendors))
	for _, v := range vendors {
		h := v.Hash()
		hashes[v.ID] = h
		switch old, ok := storedVendors[v.ID]; {
		case r.Full || !ok || old != h:
			whole = append(whole, v)
		case !listChanged:
		case slices.ContainsFunc(byVendor[v.ID], func(a *Alert) bool { return a.Status != StatusClosed && !changedSet[a.Entry] }):
			recheck = append(recheck, v)
		case len(changed) > 0:
			againstChanges = append(againstChanges, v)
		}
	}
	r.Screened, r.AgainstChanges = len(whole), len(againstChanges)+len(recheck)

	var rep Report
	at := now().UTC()
	upd := alertUpdater{st: st, tx: tx, run: &r, at: at}

	index := make(map[string]int, len(vendors))
	for i, v := range vendors {
		index[v.ID] = i
	}
	// apply records the result of screening vendor v, in which the entries
	// for which screened is true were screened.
	apply := func(v Vendor, res screening.Result, screened func(entitylist.EntryKey) bool) error {
		if res.Err != nil {
			return &VendorError{Index: index[v.ID], ID: v.ID, Err: res.Err}
		}
		matched := map[entitylist.EntryKey]bool{}
		for _, m := range res.Matches {
			if !m.Alert {
				continue
			}
			for _, e := range append([]*entitylist.Entry{m.Entry}, m.Also...) {
				k := keyOf[e]
				matched[k] = true
				a, err := upd.matched(ctx, alerts[pair{v.ID, k}], v, hashes[v.ID], k, current[k], m)
				if err != nil {
					return err
				}
				if a != nil {
					rep.Alerts = append(rep.Alerts, *a)
				}
			}
		}
		// The pairs screened that no longer match close.
		for _, a := range byVendor[v.ID] {
			if matched[a.Entry] || a.Status == StatusClosed || !screened(a.Entry) {
				continue
			}
			if _, listed := current[a.Entry]; !listed {
				continue // the entry left the list: closed below, with that reason
			}
			if err := upd.close(ctx, a, "no longer matches"); err != nil {
				return err
			}
		}
		return nil
	}
	base := []screening.Option{screening.WithLimit(maxAlertsPerVendor), screening.WithWorkers(o.Workers)}
	stream := func(vs []Vendor, screened func(entitylist.EntryKey) bool, opts ...screening.Option) error {
		queries := func(yield func(screening.Query) bool) {
			for _, v := range vs {
				if !yield(v.Query) {
					return
				}
			}
		}
		i := 0
		for res := range s.ScreenSeq(ctx, queries, append(base, opts...)...) {
			if err := apply(vs[i], res, screened); err != nil {
				return err
			}
			i++
		}
		return ctx.Err()
	}
	all := func(entitylist.EntryKey) bool { return true }
	if err := stream(whole, all); err != nil {
		return Report{}, err
	}
	if len(againstChanges) > 0 {
		if err := stream(againstChanges, func(k entitylist.EntryKey) bool { return changedSet[k] }, screening.WithEntries(changed...)); err != nil {
			return Report{}, err
		}
	}
	for _, v := range recheck {
		keys := slices.Clone(changed)
		for _, a := range byVendor[v.ID] {
			if a.Status != StatusClosed && !changedSet[a.Entry] {
				keys = append(keys, a.Entry)
			}
		}
		in := map[entitylist.EntryKey]bool{}
		for _, k := range keys {
			in[k] = true
		}
		res, _ := s.Screen(ctx, v.Query, append(base, screening.WithEntries(keys...))...)
		if err := apply(v, res, func(k entitylist.EntryKey) bool { return in[k] }); err != nil {
			return Report{}, err
		}
	}

	// Entries removed from the list, and vendors no longer in the file,
	// close their alerts.
	removedSet := make(map[entitylist.EntryKey]bool, len(removed))
	for _, k := range removed {
		removedSet[k] = true
	}
	for _, p := range slices.SortedFunc(maps.Keys(alerts), comparePairs) {
		a := alerts[p]
		if a.Status == StatusClosed {
			continue
		}
		switch {
		case removedSet[p.entry]:
			err = upd.close(ctx, a, "the entry was removed from the list")
		case hashes[p.vendor] == "":
			err = upd.close(ctx, a, "the vendor is no longer in the file")
		}
		if err != nil {
			return Report{}, err
		}
	}

	if err := st.saveVendors(ctx, tx, vendors, hashes, storedVendors); err != nil {
		return Report{}, err
	}
	if err := st.saveEntries(ctx, tx, current, stored); err != nil {
		return Report{}, err
	}
	r.Finished = now().UTC()
	if err := st.finishRun(ctx, tx, r); err != nil {
		return Report{}, err
	}
	rep.Run = r
	return rep, nil
}

func comparePairs(a, b pair) int {
	if a.vendor != b.vendor {
		if a.vendor < b.vendor {
			return -1
		}
		return 1
	}
	return compareKeys(a.entry, b.entry)
}

func compareKeys(a, b entitylist.EntryKey) int {
	switch {
	case a.Source != b.Source:
		if a.Source < b.Source {
			return -1
		}
		return 1
	case a.ID != b.ID:
		if a.ID < b.ID {
			return -1
		}
		return 1
	}
	return a.Dup - b.Dup
}

// alertUpdater applies a run's findings to alerts.
type alertUpdater struct {
	st  *Store
	tx  *sql.Tx
	run *Run
	at  time.Time
}

// matched records that vendor v matches entry k (content hash eh) by m,
// given the pair's alert a, if any. It returns the alert when the match is
// news for a reviewer: a new alert, or one that reopened.
func (u *alertUpdater) matched(ctx context.Context, a *Alert, v Vendor, vh string, k entitylist.EntryKey, eh string, m screening.Match) (*Alert, error) {
	if a == nil {
		a = &Alert{VendorID: v.ID, Vendor: v.Query, Entry: k, Status: StatusOpen, Reason: "new match", OpenedRun: u.run.ID}
		u.run.NewAlerts++
		a.Score, a.Match, a.EntryHash, a.VendorHash, a.UpdatedRun, a.UpdatedAt = m.Score, m, eh, vh, u.run.ID, u.at
		if err := u.st.insertAlert(ctx, u.tx, a); err != nil {
			return nil, err
		}
		return a, nil
	}
	news := false
	switch a.Status {
	case StatusCleared:
		if a.EntryHash == eh && a.VendorHash == vh {
			return nil, nil // a false alarm, as reviewed: quiet
		}
		what := "the entry"
		if a.VendorHash != vh {
			what = "the vendor record"
			if a.EntryHash != eh {
				what = "the entry and the vendor record"
			}
		}
		a.Status, a.ChangedSinceReview, a.Reason = StatusOpen, true, "changed since review: "+what+" changed"
		u.run.Reopened++
		news = true
	case StatusClosed:
		a.Status, a.ChangedSinceReview, a.Reason = StatusOpen, false, "matches again"
		u.run.Reopened++
		news = true
	default:
		if a.Score == m.Score && a.EntryHash == eh && a.VendorHash == vh {
			return nil, nil // as it was: nothing to write
		}
	}
	a.Vendor, a.Score, a.Match, a.EntryHash, a.VendorHash, a.UpdatedRun, a.UpdatedAt = v.Query, m.Score, m, eh, vh, u.run.ID, u.at
	if err := u.st.updateAlert(ctx, u.tx, a); err != nil {
		return nil, err
	}
	if news {
		return a, nil
	}
	return nil, nil
}

// close closes alert a with the reason; its last match stays recorded.
func (u *alertUpdater) close(ctx context.Context, a *Alert, reason string) error {
	a.Status, a.Reason, a.ChangedSinceReview, a.UpdatedRun, a.UpdatedAt = StatusClosed, reason, false, u.run.ID, u.at
	u.run.Closed++
	_, err := u.tx.ExecContext(ctx, u.st.q(`UPDATE alerts SET status = ?, changed_since_review = 0, reason = ?, updated_run = ?, updated_at = ?
		WHERE id = ?`), a.Status, a.Reason, a.UpdatedRun, a.UpdatedAt.Format(time.RFC3339Nano), a.ID)
	return err
}

// The store's rows.

func (st *Store) insertRun(ctx context.Context, tx *sql.Tx, r Run) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, st.q(`INSERT INTO runs (started, list_sha256) VALUES (?, ?) RETURNING id`),
		r.Started.Format(time.RFC3339Nano), r.List.SHA256).Scan(&id)
	return id, err
}

func (st *Store) finishRun(ctx context.Context, tx *sql.Tx, r Run) error {
	rec, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, st.q(`UPDATE runs SET finished = ?, record = ? WHERE id = ?`),
		r.Finished.Format(time.RFC3339Nano), string(rec), r.ID)
	return err
}

func (st *Store) entries(ctx context.Context, tx *sql.Tx) (map[entitylist.EntryKey]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT source, entry_id, dup, hash FROM entries`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[entitylist.EntryKey]string{}
	for rows.Next() {
		var k entitylist.EntryKey
		var h string
		if err := rows.Scan(&k.Source, &k.ID, &k.Dup, &h); err != nil {
			return nil, err
		}
		out[k] = h
	}
	return out, rows.Err()
}

// saveEntries makes the entries table hold current, writing only what
// differs from stored.
func (st *Store) saveEntries(ctx context.Context, tx *sql.Tx, current, stored map[entitylist.EntryKey]string) error {
	del, err := tx.PrepareContext(ctx, st.q(`DELETE FROM entries WHERE source = ? AND entry_id = ? AND dup = ?`))
	if err != nil {
		return err
	}
	defer del.Close()
	ins, err := tx.PrepareContext(ctx, st.q(`INSERT INTO entries (source, entry_id, dup, hash) VALUES (?, ?, ?, ?)`))
	if err != nil {
		return err
	}
	defer ins.Close()
	for k, h := range stored {
		if current[k] != h {
			if _, err := del.ExecContext(ctx, k.Source, k.ID, k.Dup); err != nil {
				return err
			}
		}
	}
	for k, h := range current {
		if stored[k] != h {
			if _, err := ins.ExecContext(ctx, k.Source, k.ID, k.Dup, h); err != nil {
				return err
			}
		}
	}
	return nil
}

func (st *Store) vendors(ctx context.Context, tx *sql.Tx) (map[string]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, hash FROM vendors`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, h string
		if err := rows.Scan(&id, &h); err != nil {
			return nil, err
		}
		out[id] = h
	}
	return out, rows.Err()
}

// saveVendors makes the vendors table hold vendors, writing only what
// differs from stored.
func (st *Store) saveVendors(ctx context.Context, tx *sql.Tx, vendors []Vendor, hashes, stored map[string]string) error {
	del, err := tx.PrepareContext(ctx, st.q(`DELETE FROM vendors WHERE id = ?`))
	if err != nil {
		return err
	}
	defer del.Close()
	put, err := tx.PrepareContext(ctx, st.q(`INSERT INTO vendors (id, hash, query) VALUES (?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, query = excluded.query`))
	if err != nil {
		return err
	}
	defer put.Close()
	for id := range stored {
		if hashes[id] == "" {
			if _, err := del.ExecContext(ctx, id); err != nil {
				return err
			}
		}
	}
	for _, v := range vendors {
		if stored[v.ID] == hashes[v.ID] {
			continue
		}
		q, err := json.Marshal(v.Query)
		if err != nil {
			return err
		}
		if _, err := put.ExecContext(ctx, v.ID, hashes[v.ID], string(q)); err != nil {
			return err
		}
	}
	return nil
}

const alertColumns = `id, vendor_id, vendor_query, source, entry_id, dup, status, changed_since_review, reason, score,
	entry_hash, vendor_hash, match, opened_run, updated_run, updated_at`

// scanAlert reads a row of alertColumns.
func scanAlert(sc interface{ Scan(...any) error }) (*Alert, error) {
	var (
		a              Alert
		changed        int
		match, updated string
		vendor         string
	)
	if err := sc.Scan(&a.ID, &a.VendorID, &vendor, &a.Entry.Source, &a.Entry.ID, &a.Entry.Dup, &a.Status, &changed, &a.Reason,
		&a.Score, &a.EntryHash, &a.VendorHash, &match, &a.OpenedRun, &a.UpdatedRun, &updated); err != nil {
		return nil, err
	}
	a.ChangedSinceReview = changed != 0
	if vendor != "" {
		if err := json.Unmarshal([]byte(vendor), &a.Vendor); err != nil {
			return nil, fmt.Errorf("alert %d: its vendor record: %w", a.ID, err)
		}
	}
	if err := json.Unmarshal([]byte(match), &a.Match); err != nil {
		return nil, fmt.Errorf("alert %d: its match record: %w", a.ID, err)
	}
	t, err := time.Parse(time.RFC3339Nano, updated)
	if err != nil {
		return nil, fmt.Errorf("alert %d: %w", a.ID, err)
	}
	a.UpdatedAt = t
	return &a, nil
}

// alertsByPair returns every alert by its pair, without its match record,
// which a run replaces when it matches again.
func (st *Store) alertsByPair(ctx context.Context, tx *sql.Tx) (map[pair]*Alert, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, vendor_id, source, entry_id, dup, status, changed_since_review, reason, score,
		entry_hash, vendor_hash, opened_run, updated_run FROM alerts`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[pair]*Alert{}
	for rows.Next() {
		var a Alert
		var changed int
		if err := rows.Scan(&a.ID, &a.VendorID, &a.Entry.Source, &a.Entry.ID, &a.Entry.Dup, &a.Status, &changed, &a.Reason,
			&a.Score, &a.EntryHash, &a.VendorHash, &a.OpenedRun, &a.UpdatedRun); err != nil {
			return nil, err
		}
		a.ChangedSinceReview = changed != 0
		out[pair{a.VendorID, a.Entry}] = &a
	}
	return out, rows.Err()
}

func (st *Store) insertAlert(ctx context.Context, tx *sql.Tx, a *Alert) error {
	match, err := json.Marshal(a.Match)
	if err != nil {
		return err
	}
	vendor, err := json.Marshal(a.Vendor)
	if err != nil {
		return err
	}
	return tx.QueryRowContext(ctx, st.q(`INSERT INTO alerts (vendor_id, vendor_query, source, entry_id, dup, status, changed_since_review, reason,
		score, entry_hash, vendor_hash, match, opened_run, updated_run, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		a.VendorID, string(vendor), a.Entry.Source, a.Entry.ID, a.Entry.Dup, a.Status, boolInt(a.ChangedSinceReview), a.Reason,
		a.Score, a.EntryHash, a.VendorHash, string(match), a.OpenedRun, a.UpdatedRun, a.UpdatedAt.Format(time.RFC3339Nano)).Scan(&a.ID)
}

func (st *Store) updateAlert(ctx context.Context, tx *sql.Tx, a *Alert) error {
	match, err := json.Marshal(a.Match)
	if err != nil {
		return err
	}
	vendor, err := json.Marshal(a.Vendor)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, st.q(`UPDATE alerts SET vendor_query = ?, status = ?, changed_since_review = ?, reason = ?, score = ?,
		entry_hash = ?, vendor_hash = ?, match = ?, updated_run = ?, updated_at = ? WHERE id = ?`),
		string(vendor), a.Status, boolInt(a.ChangedSinceReview), a.Reason, a.Score, a.EntryHash, a.VendorHash, string(match),
		a.UpdatedRun, a.UpdatedAt.Format(time.RFC3339Nano), a.ID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err == nil && n != 1 {
		return errors.New("monitor: alert " + fmt.Sprint(a.ID) + " vanished")
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
