package monitor

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// Vendor is one record of a supplier master: the caller's key for it and
// what is screened.
//
// The zero Vendor is a record with no key and an empty query, which Run
// refuses. Like any plain Go value it may be read by many goroutines at
// once, but not changed while another uses it.
type Vendor struct {
	// ID is the record's key in the caller's master, unique in a run.
	ID    string
	Query screening.Query
}

// Hash returns the hex SHA-256 of what is screened of v (the query's
// fields): a vendor whose hash changed is screened again against the
// whole list, and a decision on it no longer holds.
func (v Vendor) Hash() string {
	sum := v.sum()
	return hex.EncodeToString(sum[:])
}

// sum returns the SHA-256 that Hash writes in hex.
func (v Vendor) sum() [sha256.Size]byte {
	q := v.Query
	h := sha256.New()
	for _, f := range [...]string{q.Name, q.Country, q.Kind.String(), q.Address, q.ID} {
		io.WriteString(h, f)
		h.Write([]byte{0})
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// Status is the state of an alert.
//
// The zero Status is empty, no status: ParseStatus refuses it. Status values
// are immutable and safe for concurrent use.
type Status string

// The states of an alert. An alert opens on a new match; a reviewer's
// decision moves it to cleared, confirmed or escalated; the monitor closes
// it when its entry leaves the list, its vendor leaves the file, or the
// pair no longer matches. A closed alert that matches again goes back to
// where the reviewer's last decision on it left it: cleared, quietly, when
// neither its entry nor its vendor record changed since the decision, and
// open, changed since review, when one did; confirmed or escalated, and
// reported; open when it had no decision. A confirmed or escalated alert
// on an id the list repeats opens again, changed since review, when the
// entry under its key changes, closed meanwhile or not: the key may hold
// another row (see the package documentation).
const (
	StatusOpen      Status = "open"
	StatusCleared   Status = "cleared"   // a false alarm, by a reviewer
	StatusConfirmed Status = "confirmed" // a true match, by a reviewer
	StatusEscalated Status = "escalated" // for someone else to decide
	StatusClosed    Status = "closed"
)

// ParseStatus returns the status s names, in any case.
func ParseStatus(s string) (Status, bool) {
	st := Status(strings.ToLower(strings.TrimSpace(s)))
	if slices.Contains(Statuses(), st) {
		return st, true
	}
	return "", false
}

// Statuses returns every state of an alert, in the order of their life.
func Statuses() []Status {
	return []Status{StatusOpen, StatusCleared, StatusConfirmed, StatusEscalated, StatusClosed}
}

// Alert is a vendor record that matches a list entry, with its state.
//
// The zero Alert is no alert: the Store never returns one. Like any plain Go
// value it may be read by many goroutines at once, but not changed while
// another uses it.
type Alert struct {
	ID       int64  `json:"id"`
	VendorID string `json:"vendor_id"`
	// Vendor is the vendor record as it was last screened for this alert.
	Vendor screening.Query     `json:"vendor"`
	Entry  entitylist.EntryKey `json:"entry"`
	Status Status              `json:"status"`
	// ChangedSinceReview is set on an alert a reviewer cleared that came
	// back because its entry or its vendor record changed since the
	// decision, and on an alert a reviewer confirmed or escalated whose
	// entry or vendor record changed since, whether it stayed open or
	// closed and matched again.
	ChangedSinceReview bool `json:"changed_since_review,omitempty"`
	// Reason says why the alert last changed state, or what a run last
	// changed of an open one: "new match", "the entry was removed from
	// the list", a reviewer's reason, "the vendor record changed" (of an
	// alert no one decided, since the run before), "changed since review:
	// the entry changed" (of one that came back after it was cleared:
	// what differs from what was reviewed)...
	Reason string  `json:"reason,omitempty"`
	Score  float64 `json:"score"`
	// EntryHash and VendorHash are the content hashes of the entry and the
	// vendor record when the alert last matched (see
	// entitylist.Entry.ContentHash and Vendor.Hash).
	EntryHash  string `json:"entry_hash"`
	VendorHash string `json:"vendor_hash"`
	// Match is the match as screened, the library's JSON record (see
	// screening.Match).
	Match      screening.Match `json:"match"`
	OpenedRun  int64           `json:"opened_run"`
	UpdatedRun int64           `json:"updated_run"`
	UpdatedAt  time.Time       `json:"updated_at"`
}

// Decision is a reviewer's decision on an alert, with what it rested on.
//
// The zero Decision is no decision: the Store never returns one. Like any
// plain Go value it may be read by many goroutines at once, but not changed
// while another uses it.
type Decision struct {
	ID       int64     `json:"id"`
	AlertID  int64     `json:"alert_id"`
	Action   Status    `json:"action"` // StatusCleared, StatusConfirmed or StatusEscalated
	Reason   string    `json:"reason"`
	Reviewer string    `json:"reviewer"`
	At       time.Time `json:"at"`
	// The entry's and the vendor record's content hashes and the list
	// version the decision was made on.
	EntryHash  string `json:"entry_hash"`
	VendorHash string `json:"vendor_hash"`
	ListSHA256 string `json:"list_sha256"`
}

// Run is the record of one monitoring run.
//
// The zero Run is no run: the Store never returns one. Like any plain Go
// value it may be read by many goroutines at once, but not changed while
// another uses it.
type Run struct {
	ID        int64              `json:"id"`
	Started   time.Time          `json:"started"`
	Finished  time.Time          `json:"finished"`
	List      entitylist.Version `json:"list_version"`
	Threshold float64            `json:"threshold"`
	// WeakAliases is set when the list's weak aliases were screened (see
	// screening.WithWeakAliases). A record written before it was recorded
	// reads true: every alias was screened then.
	WeakAliases bool `json:"weak_aliases"`
	// Sources and Types are those the run screened (see
	// screening.WithSources and WithTypes); none means all of them.
	Sources     []entitylist.Source     `json:"sources,omitempty"`
	Types       []entitylist.EntityType `json:"types,omitempty"`
	ToolVersion string                  `json:"tool_version"`
	// Full is set when every vendor was screened against the whole list,
	// and FullReason says why (the first run; a threshold, a choice of
	// weak aliases, or sources or types other than the last run's; a change
	// of more than a small share of the list); otherwise only what changed
	// was.
	Full       bool   `json:"full"`
	FullReason string `json:"full_reason,omitempty"`
	// Vendors is the number of vendor records in the file; Screened those
	// screened against the whole list (new or changed); AgainstChanges
	// those screened against the list's added and changed entries only
	// (each tested against them by its footprint, and screened when one
	// of them can reach it: see the package documentation).
	Vendors        int `json:"vendors"`
	Screened       int `json:"screened"`
	AgainstChanges int `json:"against_changes"`
	// The list's changes since the last run.
	EntriesAdded   int `json:"entries_added"`
	EntriesChanged int `json:"entries_changed"`
	EntriesRemoved int `json:"entries_removed"`
	// What happened to alerts: NewAlerts opened; Reopened came back and
	// are reported with the new ones (a cleared alert whose entry or
	// vendor record changed, a closed one that matches again, open or as
	// a reviewer confirmed or escalated it, and a confirmed or escalated
	// one whose entry or vendor record changed since the decision);
	// ClearedAgain matched again as they were cleared, their entry and
	// vendor record as at the decision, after they closed: cleared again,
	// news to no one, so not reported; Closed closed.
	NewAlerts    int `json:"new_alerts"`
	Reopened     int `json:"reopened"`
	ClearedAgain int `json:"cleared_again"`
	Closed       int `json:"closed"`
}

// AlertEvent is a change a run made to an alert: it opened it, closed it,
// brought it back or reopened it, or found it again with another score,
// entry or vendor record. Runs add them and never change them: with the
// decisions, which are the reviewers' changes, they are the alert's
// history, where the Alert is its state at the end.
type AlertEvent struct {
	ID      int64 `json:"id"`
	AlertID int64 `json:"alert_id"`
	// Run is the run that made the change, and At its time, in UTC.
	Run                int64     `json:"run_id"`
	At                 time.Time `json:"at"`
	Status             Status    `json:"status"`
	ChangedSinceReview bool      `json:"changed_since_review,omitempty"`
	Reason             string    `json:"reason,omitempty"`
	Score              float64   `json:"score"`
	EntryHash          string    `json:"entry_hash"`
	VendorHash         string    `json:"vendor_hash"`
}

// IsContentHash reports whether s is written as an alert's content hashes
// are (Alert.EntryHash and VendorHash): 64 hexadecimal digits in lower
// case, a SHA-256. A caller deciding on an alert as read (see DecideOn)
// can tell a hash mistyped from one a run changed.
func IsContentHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range []byte(s) {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
