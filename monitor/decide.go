package monitor

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/printable"
)

// ErrNoAlert is returned for an alert id the store does not hold.
var ErrNoAlert = errors.New("no such alert")

// ErrAlertClosed is returned for a decision on a closed alert, which takes
// none: a run may close an alert (its entry left the list) between the
// moment a reviewer reads it and the decision.
var ErrAlertClosed = errors.New("the alert is closed: it takes no decision")

// ErrAlertChanged is returned by DecideOn for an alert whose entry or
// vendor record a run changed since the reviewer read it: the decision
// would rest on a record nobody reviewed.
var ErrAlertChanged = errors.New("the alert's entry or vendor record changed since it was read: read it again before deciding")

// Decide records a reviewer's decision on alert id: action is
// StatusCleared (a false alarm), StatusConfirmed or StatusEscalated. The
// decision keeps the entry's and the vendor record's content hashes and
// the list version it was made on; a cleared alert stays quiet until one of
// them changes, even when it closes and matches again meanwhile (the last
// decision on a closed alert says where it goes back to: see Status). reason and reviewer are required: an auditor reads them. A
// closed alert takes no decision (ErrAlertClosed), and a reason or
// reviewer the store cannot hold none either, nor a reviewer's name of
// more than one line or either too long (a *TextError, ErrBadText: see
// CheckReason and CheckReviewer).
//
// Decide decides on the alert as it is when the decision is recorded. A
// reviewer who read it earlier, on a page or from Alerts, decides with
// DecideOn, so that a run landing in between cannot make the decision
// rest on a record the reviewer never saw.
func (st *Store) Decide(ctx context.Context, id int64, action Status, reason, reviewer string, at time.Time) (Decision, error) {
	return st.decide(ctx, id, nil, action, reason, reviewer, at)
}

// DecideOn records a reviewer's decision, as Decide does, on seen, the
// alert as the reviewer read it (by its ID): unless a run changed the
// entry or the vendor record it rests on since (seen's EntryHash and
// VendorHash differ from the alert's now), which is an error wrapping
// ErrAlertChanged, and no decision is recorded.
func (st *Store) DecideOn(ctx context.Context, seen Alert, action Status, reason, reviewer string, at time.Time) (Decision, error) {
	return st.decide(ctx, seen.ID, &seen, action, reason, reviewer, at)
}

// decide records a decision on alert id, on seen when it is not nil (see
// DecideOn).
func (st *Store) decide(ctx context.Context, id int64, seen *Alert, action Status, reason, reviewer string, at time.Time) (Decision, error) {
	switch action {
	case StatusCleared, StatusConfirmed, StatusEscalated:
	default:
		return Decision{}, fmt.Errorf("monitor: %s is no decision: clear, confirm or escalate", printable.Quote(string(action)))
	}
	if err := cmp.Or(CheckReason(reason), CheckReviewer(reviewer)); err != nil {
		return Decision{}, fmt.Errorf("monitor: %w", err)
	}
	reason, reviewer = strings.TrimSpace(reason), strings.TrimSpace(reviewer)
	switch {
	case reason == "" && reviewer == "":
		return Decision{}, errors.New("monitor: a decision needs a reason and a reviewer: both are blank")
	case reason == "":
		return Decision{}, errors.New("monitor: a decision needs a reason and a reviewer: the reason is blank")
	case reviewer == "":
		return Decision{}, errors.New("monitor: a decision needs a reason and a reviewer: the reviewer is blank")
	}
	d := Decision{AlertID: id, Action: action, Reason: reason, Reviewer: reviewer, At: at.UTC()}
	err := st.tx(ctx, func(tx *sql.Tx) error {
		a, err := scanAlert(tx.QueryRowContext(ctx, st.q(`SELECT `+alertColumns+` FROM alerts WHERE id = ?`), id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("monitor: alert %d: %w", id, ErrNoAlert)
		}
		if err != nil {
			return err
		}
		if a.Status == StatusClosed {
			return fmt.Errorf("monitor: alert %d (%s): %w", id, a.Reason, ErrAlertClosed)
		}
		if seen != nil && (seen.EntryHash != a.EntryHash || seen.VendorHash != a.VendorHash) {
			return fmt.Errorf("monitor: alert %d (run %d: %s): %w", id, a.UpdatedRun, a.Reason, ErrAlertChanged)
		}
		if err := tx.QueryRowContext(ctx, st.q(`SELECT list_sha256 FROM runs WHERE id = ?`), a.UpdatedRun).Scan(&d.ListSHA256); err != nil {
			return fmt.Errorf("the run of alert %d: %w", id, err)
		}
		d.EntryHash, d.VendorHash = a.EntryHash, a.VendorHash
		if err := tx.QueryRowContext(ctx, st.q(`INSERT INTO decisions (alert_id, action, reason, reviewer, decided_at,
			entry_hash, vendor_hash, list_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			id, action, reason, reviewer, d.At.Format(time.RFC3339Nano), d.EntryHash, d.VendorHash, d.ListSHA256).Scan(&d.ID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, st.q(`UPDATE alerts SET status = ?, changed_since_review = 0, reason = ?, updated_at = ? WHERE id = ?`),
			action, reason, d.At.Format(time.RFC3339Nano), id)
		return err
	})
	if err != nil {
		return Decision{}, err
	}
	return d, nil
}

// Alert returns alert id, or an error wrapping ErrNoAlert.
func (st *Store) Alert(ctx context.Context, id int64) (Alert, error) {
	a, err := scanAlert(st.db.QueryRowContext(ctx, st.q(`SELECT `+alertColumns+` FROM alerts WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return Alert{}, fmt.Errorf("monitor: alert %d: %w", id, ErrNoAlert)
	}
	if err != nil {
		return Alert{}, err
	}
	return *a, nil
}

// AlertKey is the place of an alert in the order Alerts lists them: by
// vendor id, then by entry. No two alerts share one, and the zero
// AlertKey comes before every alert's.
//
// Like any plain Go value it may be read by many goroutines at once, but not
// changed while another uses it.
type AlertKey struct {
	VendorID string
	Entry    entitylist.EntryKey
}

// Key returns the place of a in the order Alerts lists alerts.
func (a Alert) Key() AlertKey { return AlertKey{VendorID: a.VendorID, Entry: a.Entry} }

// AlertFilter selects alerts and, with After and Limit, a page of them;
// its zero value selects every open alert.
//
// Like any plain Go value it may be read by many goroutines at once, but not
// changed while another uses it.
type AlertFilter struct {
	// Statuses are the states to list; none means StatusOpen.
	Statuses []Status
	// VendorID, when set, lists that vendor's alerts only.
	VendorID string
	// After, when set, lists the alerts after it only: the Key of the
	// last alert of a page gives the next page.
	After AlertKey
	// Limit, when above zero, is the most alerts to list: a page.
	Limit int
}

// alertOrder is the order of Alerts, the order of AlertKey.
const alertOrder = ` ORDER BY vendor_id, source, entry_id, dup`

// Alerts returns the alerts f selects, by vendor and entry (the order of
// their keys, text compared byte by byte as Go compares strings, on every
// store, whatever the language rules of a PostgreSQL database), or an error naming a status that is none, a negative
// limit, or a vendor id or key with text the store cannot hold (a
// *TextError, ErrBadText).
//
// A page (f.Limit) is a range of an index of the store, from f.After on,
// however many alerts it holds. Paging by After lists every alert that
// stays selected from the first page to the last once, whatever runs and
// decisions do meanwhile: a page starts at a key, not at a count of
// alerts read. An alert that joins the selection meanwhile is listed when
// its key comes after the last page read, and one that leaves it is not.
func (st *Store) Alerts(ctx context.Context, f AlertFilter) ([]Alert, error) {
	query, args, err := st.alertsQuery(f)
	if err != nil {
		return nil, err
	}
	rows, err := st.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Alert
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *a)
	}
	return out, rows.Err()
}

// alertsQuery returns the query of Alerts for f, with its arguments.
func (st *Store) alertsQuery(f AlertFilter) (string, []any, error) {
	if f.Limit < 0 {
		return "", nil, fmt.Errorf("monitor: AlertFilter.Limit %d is negative", f.Limit)
	}
	if err := cmp.Or(CheckText("AlertFilter.VendorID", f.VendorID), CheckText("AlertFilter.After.VendorID", f.After.VendorID),
		CheckText("AlertFilter.After.Entry.Source", string(f.After.Entry.Source)), CheckText("AlertFilter.After.Entry.ID", f.After.Entry.ID)); err != nil {
		return "", nil, fmt.Errorf("monitor: %w", err)
	}
	statuses := f.Statuses
	if len(statuses) == 0 {
		statuses = []Status{StatusOpen}
	}
	limit := ""
	if f.Limit > 0 {
		limit = ` LIMIT ` + strconv.Itoa(f.Limit)
	}
	// One part for each state, each a range of the index alerts_status_key
	// in the order of the keys, and their merge. The states and the limit
	// are written in the query rather than bound, so that the plan
	// PostgreSQL keeps for a prepared query (its generic plan) still knows
	// which state each part reads, and how little of it.
	var parts []string
	var args []any
	for i, s := range statuses {
		if ps, ok := ParseStatus(string(s)); !ok || ps != s {
			return "", nil, fmt.Errorf("monitor: AlertFilter.Statuses: %s is no state of an alert", printable.Quote(string(s)))
		}
		if slices.Contains(statuses[:i], s) {
			continue
		}
		part := `SELECT ` + alertColumns + ` FROM alerts WHERE status = '` + string(s) + `'`
		if f.VendorID != "" {
			part += ` AND vendor_id = ?`
			args = append(args, f.VendorID)
		}
		if f.After != (AlertKey{}) {
			part += ` AND (vendor_id, source, entry_id, dup) > (?, ?, ?, ?)`
			args = append(args, f.After.VendorID, string(f.After.Entry.Source), f.After.Entry.ID, f.After.Entry.Dup)
		}
		parts = append(parts, part+alertOrder+limit)
	}
	query := parts[0]
	if len(parts) > 1 {
		for i, p := range parts {
			parts[i] = `SELECT ` + alertColumns + ` FROM (` + p + `) AS part` + strconv.Itoa(i)
		}
		query = strings.Join(parts, ` UNION ALL `) + alertOrder + limit
	}
	return st.q(query), args, nil
}

// Runs returns the record of every finished run, oldest first.
func (st *Store) Runs(ctx context.Context) ([]Run, error) {
	rows, err := st.db.QueryContext(ctx, `SELECT record FROM runs WHERE record <> '' ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		var rec string
		if err := rows.Scan(&rec); err != nil {
			return nil, err
		}
		r, err := readRun(rec)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Decisions returns every decision, oldest first.
func (st *Store) Decisions(ctx context.Context) ([]Decision, error) {
	return st.decisions(ctx, st.db, ` ORDER BY id`)
}

// AlertDecisions returns the decisions on alert id, oldest first, or an
// error wrapping ErrNoAlert.
func (st *Store) AlertDecisions(ctx context.Context, id int64) ([]Decision, error) {
	ds, err := st.decisions(ctx, st.db, ` WHERE alert_id = ? ORDER BY id`, id)
	if err != nil || len(ds) > 0 {
		return ds, err
	}
	var one int
	err = st.db.QueryRowContext(ctx, st.q(`SELECT 1 FROM alerts WHERE id = ?`), id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("monitor: alert %d: %w", id, ErrNoAlert)
	}
	return nil, err
}

// querier runs queries: the store's *sql.DB, or a transaction's *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// decisions returns the decisions of the query that rest ends (its
// WHERE, ORDER BY and LIMIT clauses), with args, read by db.
func (st *Store) decisions(ctx context.Context, db querier, rest string, args ...any) ([]Decision, error) {
	rows, err := db.QueryContext(ctx, st.q(`SELECT id, alert_id, action, reason, reviewer, decided_at, entry_hash, vendor_hash, list_sha256
		FROM decisions`+rest), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Decision
	for rows.Next() {
		var d Decision
		var at string
		if err := rows.Scan(&d.ID, &d.AlertID, &d.Action, &d.Reason, &d.Reviewer, &at, &d.EntryHash, &d.VendorHash, &d.ListSHA256); err != nil {
			return nil, err
		}
		t, err := time.Parse(time.RFC3339Nano, at)
		if err != nil {
			return nil, fmt.Errorf("decision %d: %w", d.ID, err)
		}
		d.At = t
		out = append(out, d)
	}
	return out, rows.Err()
}

// AuditRecord is one line of an audit export: a run, an alert, a
// decision or an alert's event, by Kind.
//
// The zero AuditRecord is a record of no kind. Like any plain Go value it
// may be read by many goroutines at once, but not changed while another uses
// it.
type AuditRecord struct {
	Kind     string      `json:"kind"` // "run", "alert", "decision" or "event"
	Run      *Run        `json:"run,omitempty"`
	Alert    *Alert      `json:"alert,omitempty"`
	Decision *Decision   `json:"decision,omitempty"`
	Event    *AlertEvent `json:"event,omitempty"`
}

// auditPage is how many alerts or decisions Audit reads at a time.
const auditPage = 1000

// Audit calls emit with every run, then every alert in any state, then
// every decision, then every change a run made to an alert (an
// AlertEvent, of kind "event"): the whole record for an auditor, the
// alerts' states at the end and how they got there. Runs, decisions and
// events come oldest first, alerts by vendor and entry, as Alerts lists
// them. Alerts, decisions and events are read a page at a time, so that a
// large store is exported in bounded memory without holding the database
// while emit writes; a decision recorded or a run made during the export
// may be in it or not. A store made before events were recorded has none
// of the changes made before.
func (st *Store) Audit(ctx context.Context, emit func(AuditRecord) error) error {
	runs, err := st.Runs(ctx)
	if err != nil {
		return err
	}
	for i := range runs {
		if err := emit(AuditRecord{Kind: "run", Run: &runs[i]}); err != nil {
			return err
		}
	}
	err = emitPages(func(after AlertKey) ([]Alert, error) {
		return st.Alerts(ctx, AlertFilter{Statuses: Statuses(), Limit: auditPage, After: after})
	}, Alert.Key, func(a *Alert) error { return emit(AuditRecord{Kind: "alert", Alert: a}) })
	if err != nil {
		return err
	}
	err = emitPages(func(after int64) ([]Decision, error) {
		return st.decisions(ctx, st.db, ` WHERE id > ? ORDER BY id LIMIT `+strconv.Itoa(auditPage), after)
	}, func(d Decision) int64 { return d.ID }, func(d *Decision) error { return emit(AuditRecord{Kind: "decision", Decision: d}) })
	if err != nil {
		return err
	}
	return emitPages(func(after int64) ([]AlertEvent, error) { return st.events(ctx, after) },
		func(e AlertEvent) int64 { return e.ID }, func(e *AlertEvent) error { return emit(AuditRecord{Kind: "event", Event: e}) })
}

// emitPages emits with emit the records of the pages that page reads, each
// page after the key of the last record of the one before (the zero K
// first), until a page is short of auditPage records.
func emitPages[T, K any](page func(after K) ([]T, error), key func(T) K, emit func(*T) error) error {
	var after K
	for {
		items, err := page(after)
		if err != nil {
			return err
		}
		for i := range items {
			if err := emit(&items[i]); err != nil {
				return err
			}
		}
		if len(items) < auditPage {
			return nil
		}
		after = key(items[len(items)-1])
	}
}

// events returns a page of the alerts' events, those after id after.
func (st *Store) events(ctx context.Context, after int64) ([]AlertEvent, error) {
	rows, err := st.db.QueryContext(ctx, st.q(`SELECT id, alert_id, run_id, at, status, changed_since_review, reason, score,
		entry_hash, vendor_hash FROM alert_events WHERE id > ? ORDER BY id LIMIT `+strconv.Itoa(auditPage)), after)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AlertEvent
	for rows.Next() {
		var e AlertEvent
		var at string
		var changed int
		if err := rows.Scan(&e.ID, &e.AlertID, &e.Run, &at, &e.Status, &changed, &e.Reason, &e.Score, &e.EntryHash, &e.VendorHash); err != nil {
			return nil, err
		}
		t, err := time.Parse(time.RFC3339Nano, at)
		if err != nil {
			return nil, fmt.Errorf("event %d: %w", e.ID, err)
		}
		e.At, e.ChangedSinceReview = t, changed != 0
		out = append(out, e)
	}
	return out, rows.Err()
}
