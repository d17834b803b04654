package monitor

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrNoAlert is returned for an alert id the store does not hold.
var ErrNoAlert = errors.New("no such alert")

// ErrAlertClosed is returned for a decision on a closed alert, which takes
// none: a run may close an alert (its entry left the list) between the
// moment a reviewer reads it and the decision.
var ErrAlertClosed = errors.New("the alert is closed: it takes no decision")

// Decide records a reviewer's decision on alert id: action is
// StatusCleared (a false alarm), StatusConfirmed or StatusEscalated. The
// decision keeps the entry's and the vendor record's content hashes and
// the list version it was made on; a cleared alert stays quiet until one of
// them changes. reason and reviewer are required: an auditor reads them. A
// closed alert takes no decision (ErrAlertClosed).
func (st *Store) Decide(ctx context.Context, id int64, action Status, reason, reviewer string, at time.Time) (Decision, error) {
	switch action {
	case StatusCleared, StatusConfirmed, StatusEscalated:
	default:
		return Decision{}, fmt.Errorf("monitor: %q is no decision: clear, confirm or escalate", action)
	}
	reason, reviewer = strings.TrimSpace(reason), strings.TrimSpace(reviewer)
	if reason == "" || reviewer == "" {
		return Decision{}, errors.New("monitor: a decision needs a reason and a reviewer")
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

// AlertFilter selects alerts; its zero value selects the open ones.
type AlertFilter struct {
	// Statuses are the states to list; none means StatusOpen.
	Statuses []Status
	// VendorID, when set, lists that vendor's alerts only.
	VendorID string
}

// Alerts returns the alerts f selects, by vendor and entry.
func (st *Store) Alerts(ctx context.Context, f AlertFilter) ([]Alert, error) {
	statuses := f.Statuses
	if len(statuses) == 0 {
		statuses = []Status{StatusOpen}
	}
	query := `SELECT ` + alertColumns + ` FROM alerts WHERE status IN (?` + strings.Repeat(", ?", len(statuses)-1) + `)`
	args := make([]any, 0, len(statuses)+1)
	for _, s := range statuses {
		args = append(args, s)
	}
	if f.VendorID != "" {
		query += ` AND vendor_id = ?`
		args = append(args, f.VendorID)
	}
	query += ` ORDER BY vendor_id, source, entry_id, dup`
	rows, err := st.db.QueryContext(ctx, st.q(query), args...)
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
		var r Run
		if err := json.Unmarshal([]byte(rec), &r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Decisions returns every decision, oldest first.
func (st *Store) Decisions(ctx context.Context) ([]Decision, error) {
	rows, err := st.db.QueryContext(ctx, `SELECT id, alert_id, action, reason, reviewer, decided_at, entry_hash, vendor_hash, list_sha256
		FROM decisions ORDER BY id`)
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

// AuditRecord is one line of an audit export: a run, an alert or a
// decision, by Kind.
type AuditRecord struct {
	Kind     string    `json:"kind"` // "run", "alert" or "decision"
	Run      *Run      `json:"run,omitempty"`
	Alert    *Alert    `json:"alert,omitempty"`
	Decision *Decision `json:"decision,omitempty"`
}

// Audit calls emit with every run, then every alert in any state, then
// every decision, each oldest first: the whole record for an auditor.
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
	alerts, err := st.Alerts(ctx, AlertFilter{Statuses: []Status{StatusOpen, StatusCleared, StatusConfirmed, StatusEscalated, StatusClosed}})
	if err != nil {
		return err
	}
	for i := range alerts {
		if err := emit(AuditRecord{Kind: "alert", Alert: &alerts[i]}); err != nil {
			return err
		}
	}
	ds, err := st.Decisions(ctx)
	if err != nil {
		return err
	}
	for i := range ds {
		if err := emit(AuditRecord{Kind: "decision", Decision: &ds[i]}); err != nil {
			return err
		}
	}
	return nil
}
