package monitor

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/printable"
	"github.com/entityscreen/entityscreen/screening"
)

// maxChangeShare is the share of a list's entries whose change makes a
// run screen every vendor against the whole list: beyond it the words'
// weights of the list move enough to move the scores of pairs that did not
// change.
const maxChangeShare = 0.02

// reachOff makes runs screen every vendor that did not change against the
// entries that did, as runs did before footprints: for the tests that
// compare the two.
var reachOff atomic.Bool

// recheckBatch is how many vendors a run rechecks at a time: their results
// wait in memory until they are applied in order.
const recheckBatch = 4096

// alertBatch is how many alerts a run matches before it writes them: the
// matches wait in memory until then.
const alertBatch = 8192

// maxAlertsPerVendor bounds the matches a vendor record can raise in one
// run: far more than a real record has, so that a run's alerts are every
// match at or above the threshold, as a full re-screen's are.
const maxAlertsPerVendor = 1000

// RunOptions are the settings of a run.
//
// Like any plain Go value it may be read by many goroutines at once, but not
// changed while another uses it.
type RunOptions struct {
	// ToolVersion is recorded with the run.
	ToolVersion string
	// Workers is how many goroutines screen (0: every CPU), at most
	// screening.MaxWorkers.
	Workers int
	// Now returns the time; time.Now when nil.
	Now func() time.Time
	// Full screens every vendor against the whole list.
	Full bool
	// MaxChange is the share of the list's entries whose change makes the
	// run a full one (0.02, 2%, when 0): when more
	// change, the words' weights of the whole list move enough to move the
	// scores of pairs that did not change. 1 never does.
	MaxChange float64
}

// Report is what a run found: its record and the alerts it opened or
// reopened, in the order of the vendors given, each vendor's in the order
// of its matches.
//
// The zero Report is the report of no run. Like any plain Go value it may be
// read by many goroutines at once, but not changed while another uses it.
type Report struct {
	Run    Run
	Alerts []Alert
}

// VendorError is a vendor record a run could not take: Index is its place
// in the vendors given, from 0.
//
// The zero VendorError is a problem of no cause with the first vendor. Like
// any plain Go value it may be read by many goroutines at once, but not
// changed while another uses it.
type VendorError struct {
	Index int
	ID    string
	Err   error
}

func (e *VendorError) Error() string {
	if e.ID == "" {
		return fmt.Sprintf("monitor: vendor %d: %v", e.Index+1, e.Err)
	}
	return fmt.Sprintf("monitor: vendor %d (id %s): %v", e.Index+1, printable.Quote(e.ID), e.Err)
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
// distinct, non-empty IDs the store can hold (see TextError); a vendor
// whose query cannot be screened (an empty name, say) is an error naming
// it, and nothing is stored.
func (st *Store) Run(ctx context.Context, s *screening.Screener, vendors []Vendor, o RunOptions) (Report, error) {
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	if len(vendors) == 0 {
		return Report{}, errors.New("monitor: no vendors: a run with none would close every alert")
	}
	if err := screening.CheckOptions(screening.WithWorkers(o.Workers)); err != nil {
		return Report{}, fmt.Errorf("monitor: %w", err)
	}
	index := make(map[string]int, len(vendors))
	for i, v := range vendors {
		if v.ID == "" {
			return Report{}, &VendorError{Index: i, Err: errors.New("no id")}
		}
		if err := CheckText("id", v.ID); err != nil {
			return Report{}, &VendorError{Index: i, ID: v.ID, Err: err}
		}
		if _, ok := index[v.ID]; ok {
			return Report{}, &VendorError{Index: i, ID: v.ID, Err: errors.New("the id appears twice")}
		}
		index[v.ID] = i
	}
	var rep Report
	err := st.tx(ctx, func(tx *sql.Tx) error {
		var err error
		rep, err = st.run(ctx, tx, s, vendors, index, o, now)
		return err
	})
	if err != nil {
		return Report{}, err
	}
	return rep, nil
}

func (st *Store) run(ctx context.Context, tx *sql.Tx, s *screening.Screener, vendors []Vendor, index map[string]int, o RunOptions, now func() time.Time) (Report, error) {
	// The vendors' hashes, made while the store is read.
	hashes := make([][sha256.Size]byte, len(vendors))
	hashed := make(chan struct{})
	go func() {
		defer close(hashed)
		parallel(len(vendors), o.Workers, func(i int) { hashes[i] = vendors[i].sum() })
	}()
	defer func() { <-hashed }()

	list := s.List()
	r := Run{Started: now().UTC(), List: s.List().Version(), Threshold: s.Threshold(), WeakAliases: s.WeakAliases(),
		Sources: s.Sources(), Types: s.Types(), ToolVersion: o.ToolVersion, Vendors: len(vendors)}
	last, err := st.lastRun(ctx, tx)
	if err != nil {
		return Report{}, err
	}
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
	var changed []entitylist.EntryKey
	entryHashes := make([]string, len(keys))
	parallel(len(keys), o.Workers, func(i int) { entryHashes[i] = list.Entry(i).ContentHash() })
	for i, k := range keys {
		h := entryHashes[i]
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
	case last != nil && last.Threshold != r.Threshold:
		// Pairs that did not change score otherwise against the
		// threshold: a lower one raises alerts the last run did not.
		r.Full = true
		r.FullReason = fmt.Sprintf("the threshold changed from %s to %s", formatScore(last.Threshold), formatScore(r.Threshold))
	case last != nil && last.WeakAliases != r.WeakAliases:
		r.Full = true
		r.FullReason = "the weak aliases are not screened now"
		if r.WeakAliases {
			r.FullReason = "the weak aliases are screened now"
		}
	case last != nil && !sameScope(last, &r):
		// Entries of a source or type the last run did not screen
		// would not be screened against vendors that did not change.
		r.Full, r.FullReason = true, "the sources or entity types screened changed"
	case float64(n) > maxChange*float64(max(len(stored), list.Len())):
		// A large change moves the words' weights of the whole list: the
		// scores of pairs that did not change move with them.
		r.Full = true
		r.FullReason = fmt.Sprintf("%d of %d entries changed, more than %.0f%%", n, list.Len(), 100*maxChange)
	}
	listChanged := len(changed) > 0 || len(removed) > 0

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

	// What the vendor file changed since the last run, and which of the
	// vendors that did not change a changed entry can reach.
	<-hashed
	var reach *screening.Reach
	if !r.Full && len(changed) > 0 && !reachOff.Load() {
		reach = s.Reach(changed...)
	}
	known, err := st.scanVendors(ctx, tx, index, hashes, reach)
	if err != nil {
		return Report{}, err
	}
	// Footprints to make: of the vendors new or changed, and of those whose
	// stored footprint this program did not make.
	footprints := make([][]byte, len(vendors))
	parallel(len(vendors), o.Workers, func(i int) {
		if k := &known.vendors[i]; k.state != vendorSame || !k.footprint {
			footprints[i] = footprintOf(vendors[i])
			if k.state == vendorSame && reach != nil {
				// No footprint (a name that cannot be screened) or an
				// error: screen it, which says why.
				ok, err := reach.Reaches(footprints[i])
				k.reached = ok || err != nil
			}
		}
	})

	// whole: new or changed vendors (every vendor in a full run), screened
	// against the whole list; againstChanges: the others, against the
	// entries added or changed, those that a changed entry can reach or
	// with alerts on one; recheck: those of the others with alerts on
	// entries that did not change, whose scores the list's other changes
	// may have moved: against those entries too.
	var whole, againstChanges, recheck []Vendor
	for i, v := range vendors {
		k := &known.vendors[i]
		switch {
		case r.Full || k.state != vendorSame:
			whole = append(whole, v)
		case !listChanged:
		case slices.ContainsFunc(byVendor[v.ID], func(a *Alert) bool { return a.Status != StatusClosed && !changedSet[a.Entry] }):
			recheck = append(recheck, v)
		case len(changed) > 0:
			r.AgainstChanges++
			if reach == nil || k.reached || slices.ContainsFunc(byVendor[v.ID], func(a *Alert) bool { return a.Status != StatusClosed }) {
				againstChanges = append(againstChanges, v)
			}
		}
	}
	r.Screened = len(whole)
	r.AgainstChanges += len(recheck)

	var reported []*Alert // the alerts new or reopened, in vendor order
	at := now().UTC()
	decided, err := st.lastDecisions(ctx, tx)
	if err != nil {
		return Report{}, err
	}
	// The ids of a source that the list repeats, now or at the last run:
	// their keys are places among the rows of the id, which a row removed
	// or added before another moves.
	repeated := map[entitylist.EntryKey]bool{}
	for _, k := range keys {
		if k.Dup > 0 {
			repeated[entitylist.EntryKey{Source: k.Source, ID: k.ID}] = true
		}
	}
	for k := range stored {
		if k.Dup > 0 {
			repeated[entitylist.EntryKey{Source: k.Source, ID: k.ID}] = true
		}
	}
	upd := alertUpdater{st: st, tx: tx, run: &r, at: at, decided: decided, repeated: repeated}

	// apply records the result of screening vendor v, in which the entries
	// for which screened is true were screened.
	apply := func(v Vendor, res screening.Result, screened func(entitylist.EntryKey) bool) error {
		if res.Err != nil {
			return &VendorError{Index: index[v.ID], ID: v.ID, Err: res.Err}
		}
		vh := hex.EncodeToString(hashes[index[v.ID]][:])
		matched := map[entitylist.EntryKey]bool{}
		for _, m := range res.Matches {
			if !m.Alert {
				continue
			}
			at, also, ok := m.Indexes()
			if !ok { // every match of a Screener has them
				return &VendorError{Index: index[v.ID], ID: v.ID, Err: fmt.Errorf("match of %s %s: no rows of the list", m.Entry.Source, m.Entry.ID)}
			}
			for _, i := range append([]int{at}, also...) {
				k := keys[i]
				matched[k] = true
				if a := upd.matched(alerts[pair{v.ID, k}], v, vh, k, current[k], m); a != nil {
					reported = append(reported, a)
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
		if len(upd.inserts)+len(upd.updates)+len(upd.closed) >= alertBatch {
			return upd.flush(ctx, o.Workers)
		}
		return nil
	}
	// An alert keeps its match's explanation, whatever the Screener's
	// defaults: the record an analyst reviews and an auditor reads.
	base := []screening.Option{screening.WithLimit(maxAlertsPerVendor), screening.WithWorkers(o.Workers), screening.WithExplanations(true)}
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
	// Each vendor to recheck against the entries of its alerts and the
	// changed ones (those only when they can reach it: the others find
	// nothing), on every CPU; the results are applied in order.
	recheckKeys := func(v Vendor) []entitylist.EntryKey {
		var keys []entitylist.EntryKey
		if reach == nil || known.vendors[index[v.ID]].reached {
			keys = slices.Clone(changed)
		}
		for _, a := range byVendor[v.ID] {
			if a.Status != StatusClosed && !slices.Contains(keys, a.Entry) {
				keys = append(keys, a.Entry)
			}
		}
		return keys
	}
	rechecked := make([]screening.Result, min(len(recheck), recheckBatch))
	for lo := 0; lo < len(recheck); lo += recheckBatch {
		batch := recheck[lo:min(lo+recheckBatch, len(recheck))]
		parallel(len(batch), o.Workers, func(i int) {
			rechecked[i], _ = s.Screen(ctx, batch[i].Query, append(base, screening.WithEntries(recheckKeys(batch[i])...))...)
		})
		for i, v := range batch {
			in := map[entitylist.EntryKey]bool{}
			for _, k := range recheckKeys(v) {
				in[k] = true
			}
			if err := apply(v, rechecked[i], func(k entitylist.EntryKey) bool { return in[k] }); err != nil {
				return Report{}, err
			}
			rechecked[i] = screening.Result{}
		}
	}
	if err := ctx.Err(); err != nil {
		return Report{}, err
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
		_, inFile := index[p.vendor]
		switch {
		case removedSet[p.entry] && upd.repeatedID(p.entry):
			err = upd.close(ctx, a, fmt.Sprintf("the list has fewer rows of %s %s: this key is gone, its row removed or now under another key of the id",
				p.entry.Source, p.entry.ID))
		case removedSet[p.entry]:
			err = upd.close(ctx, a, "the entry was removed from the list")
		case !inFile:
			err = upd.close(ctx, a, "the vendor is no longer in the file")
		}
		if err != nil {
			return Report{}, err
		}
	}

	if err := upd.flush(ctx, o.Workers); err != nil {
		return Report{}, err
	}
	// The vendors were screened in groups (new or changed, against the
	// changes, rechecked): their alerts go out in the order they were
	// given, each vendor's as its matches came.
	slices.SortStableFunc(reported, func(a, b *Alert) int { return cmp.Compare(index[a.VendorID], index[b.VendorID]) })
	var rep Report
	for _, a := range reported {
		rep.Alerts = append(rep.Alerts, *a)
	}
	if err := st.saveVendors(ctx, tx, vendors, hashes, footprints, known); err != nil {
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

// alertUpdater applies a run's findings to alerts. The alerts a run opens
// and those it matches again are written together, by flush, in batches;
// those it closes at once.
type alertUpdater struct {
	st      *Store
	tx      *sql.Tx
	run     *Run
	at      time.Time
	inserts []*Alert         // new alerts
	updates map[int64]*Alert // alerts matched again that changed, by id
	// closed are the alerts close wrote itself, whose events flush writes.
	closed []*Alert
	// decided holds the last decision on each alert that has one but is
	// not cleared, by alert id (see Store.lastDecisions).
	decided map[int64]*Decision
	// repeated holds the ids the list repeats, now or at the last run,
	// by their key of Dup 0 (see repeatedID).
	repeated map[entitylist.EntryKey]bool
}

// repeatedID reports whether the list repeats the id of key k, now or at
// the last run: k is then a place among the rows of the id, which may hold
// another row than at the last run (a row before it removed or added),
// rather than one row's.
func (u *alertUpdater) repeatedID(k entitylist.EntryKey) bool {
	return u.repeated[entitylist.EntryKey{Source: k.Source, ID: k.ID}]
}

// reviewAgain opens alert a, confirmed or escalated by d, whose key k of
// an id the list repeats holds an entry of hash eh other than the one
// decided on: the key may hold another row, and the decision does not
// carry over to it. The alert is open, changed since review, news for a
// reviewer, who decides on the row it holds now.
func reviewAgain(a *Alert, d *Decision, k entitylist.EntryKey, eh, vh string) {
	a.Status, a.ChangedSinceReview = StatusOpen, true
	a.Reason = fmt.Sprintf("changed since review: %s; %s %s is a repeated id whose rows changed, so this key may hold another row than the one %s on review (%s): review it again",
		changedWhat(d.EntryHash != eh, d.VendorHash != vh), k.Source, k.ID, d.Action, d.Reason)
}

// matched records that vendor v matches entry k (content hash eh) by m,
// given the pair's alert a, if any. It returns the alert when the match is
// news for a reviewer: a new alert, or one that came back (see reopen).
// The alert is written by flush, which sets the ID of a new one.
func (u *alertUpdater) matched(a *Alert, v Vendor, vh string, k entitylist.EntryKey, eh string, m screening.Match) *Alert {
	if a == nil {
		a = &Alert{VendorID: v.ID, Vendor: v.Query, Entry: k, Status: StatusOpen, Reason: "new match", OpenedRun: u.run.ID}
		u.run.NewAlerts++
		a.Score, a.Match, a.EntryHash, a.VendorHash, a.UpdatedRun, a.UpdatedAt = m.Score, m, eh, vh, u.run.ID, u.at
		u.inserts = append(u.inserts, a)
		return a
	}
	news := false
	switch a.Status {
	case StatusCleared:
		if a.EntryHash == eh && a.VendorHash == vh {
			return nil // a false alarm, as reviewed: quiet
		}
		a.Status, a.ChangedSinceReview, a.Reason = StatusOpen, true, "changed since review: "+changedWhat(a.EntryHash != eh, a.VendorHash != vh)
		u.run.Reopened++
		news = true
	case StatusClosed:
		if d := u.decided[a.ID]; d != nil && d.Action != StatusCleared && d.EntryHash != eh && u.repeatedID(k) {
			reviewAgain(a, d, k, eh, vh)
			news = true
		} else {
			news = reopen(a, d, eh, vh)
		}
		switch {
		case news:
			u.run.Reopened++
		case a.Status == StatusCleared:
			u.run.ClearedAgain++
		}
	case StatusConfirmed, StatusEscalated:
		d := u.decided[a.ID]
		switch {
		case a.EntryHash != eh && d != nil && d.EntryHash != eh && u.repeatedID(k):
			reviewAgain(a, d, k, eh, vh)
			news = true
			u.run.Reopened++
		case a.EntryHash != eh || a.VendorHash != vh:
			news = reviewedChanged(a, d, eh, vh)
			if news {
				u.run.Reopened++
			}
		case a.Score == m.Score:
			return nil // as it was: nothing to write
		}
	default:
		if a.Score == m.Score && a.EntryHash == eh && a.VendorHash == vh {
			return nil // as it was: nothing to write
		}
		if a.EntryHash != eh || a.VendorHash != vh {
			openChanged(a, u.decided[a.ID], eh, vh)
		}
	}
	a.Vendor, a.Score, a.Match, a.EntryHash, a.VendorHash, a.UpdatedRun, a.UpdatedAt = v.Query, m.Score, m, eh, vh, u.run.ID, u.at
	if u.updates == nil {
		u.updates = map[int64]*Alert{}
	}
	u.updates[a.ID] = a
	if news {
		return a
	}
	return nil
}

// reviewedChanged marks confirmed or escalated alert a, whose entry's or
// vendor record's hashes changed to eh and vh since the last run, changed
// since review when they differ from those of d, the decision that put it
// in its state, as reopen marks one that closed and came back; it keeps
// its state. It reports whether that is news for a reviewer: the alert
// now differs from what was reviewed in another way than at the last run.
func reviewedChanged(a *Alert, d *Decision, eh, vh string) bool {
	if d == nil { // no decision on record: nothing to compare with
		return false
	}
	entry, vendor := d.EntryHash != eh, d.VendorHash != vh
	before := a.Reason
	a.ChangedSinceReview = entry || vendor
	a.Reason = fmt.Sprintf("%s on review: %s", d.Action, d.Reason)
	if a.ChangedSinceReview {
		a.Reason += "; changed since review: " + changedWhat(entry, vendor)
	}
	return a.ChangedSinceReview && a.Reason != before
}

// openChanged sets the reason of open alert a, whose entry's or vendor
// record's hashes changed to eh and vh since the last run, to what
// changed; d is the last decision on it (nil for none): the decision that
// cleared it before it came back changed, or one that confirmed or
// escalated it before its key of a repeated id changed (see
// reviewAgain). An alert no one decided says what changed since the last
// run ("the vendor record changed"), where it said "new match"; one that
// came back changed since a review says what differs from what was
// reviewed, and when both are as reviewed again, that they are, and is no
// longer marked changed since review. It stays open either way: it was
// reported when it came back, and a reviewer decides on it.
func openChanged(a *Alert, d *Decision, eh, vh string) {
	if d == nil {
		a.Reason = changedWhat(a.EntryHash != eh, a.VendorHash != vh)
		return
	}
	entry, vendor := d.EntryHash != eh, d.VendorHash != vh
	a.ChangedSinceReview = entry || vendor
	if a.ChangedSinceReview {
		a.Reason = "changed since review: " + changedWhat(entry, vendor)
		return
	}
	a.Reason = fmt.Sprintf("the entry and the vendor record are as %s on review again, after changes: %s", d.Action, d.Reason)
}

// reopen sets the state of closed alert a, which matches again with the
// entry's and the vendor record's hashes eh and vh, from d, the reviewer's
// last decision on it (nil for none), and reports whether that is news for
// a reviewer. The alert goes back to where the review left it, as if it had
// never closed (the vendor missing from one file, the entry removed and
// added again, a threshold raised and lowered):
//
//   - no decision: open again, news;
//   - cleared, on the same hashes: cleared again, quietly, as a cleared
//     alert that did not close stays quiet;
//   - cleared, on other hashes: open, changed since review, news, as a
//     cleared alert that did not close reopens;
//   - confirmed or escalated: that status again, news: a true match, or one
//     someone else is to decide, is back in the vendor master, and a
//     confirmed or escalated pair never goes quiet. It is marked changed
//     since review when the hashes differ from the decision's.
func reopen(a *Alert, d *Decision, eh, vh string) bool {
	if d == nil {
		a.Status, a.ChangedSinceReview, a.Reason = StatusOpen, false, "matches again"
		return true
	}
	entry, vendor := d.EntryHash != eh, d.VendorHash != vh
	changed := entry || vendor
	switch {
	case d.Action == StatusCleared && changed:
		a.Status, a.ChangedSinceReview, a.Reason = StatusOpen, true, "changed since review: "+changedWhat(entry, vendor)
		return true
	case d.Action == StatusCleared:
		a.Status, a.ChangedSinceReview, a.Reason = StatusCleared, false, "matches again, cleared on review: "+d.Reason
		return false
	}
	a.Status, a.ChangedSinceReview = d.Action, changed
	a.Reason = fmt.Sprintf("matches again, %s on review: %s", d.Action, d.Reason)
	if changed {
		a.Reason += "; changed since review: " + changedWhat(entry, vendor)
	}
	return true
}

// changedWhat says which of an alert's entry and vendor record changed
// since a review: "the entry changed".
func changedWhat(entry, vendor bool) string {
	switch {
	case entry && vendor:
		return "the entry and the vendor record changed"
	case vendor:
		return "the vendor record changed"
	}
	return "the entry changed"
}

// close closes alert a with the reason; its last match stays recorded, and
// the decisions on it say where it goes back to if it matches again (see
// reopen).
func (u *alertUpdater) close(ctx context.Context, a *Alert, reason string) error {
	a.Status, a.Reason, a.ChangedSinceReview, a.UpdatedRun, a.UpdatedAt = StatusClosed, reason, false, u.run.ID, u.at
	u.run.Closed++
	if u.updates[a.ID] == a {
		return nil // written whole by flush
	}
	_, err := u.tx.ExecContext(ctx, u.st.q(`UPDATE alerts SET status = ?, changed_since_review = 0, reason = ?, updated_run = ?, updated_at = ?
		WHERE id = ?`), a.Status, a.Reason, a.UpdatedRun, a.UpdatedAt.Format(time.RFC3339Nano), a.ID)
	u.closed = append(u.closed, a)
	return err
}

// writeEvents records the changes of alerts, which the store holds with
// their IDs, as AlertEvents.
func (u *alertUpdater) writeEvents(ctx context.Context, alerts ...[]*Alert) error {
	ev := u.st.batch(ctx, u.tx, `INSERT INTO alert_events (alert_id, run_id, at, status, changed_since_review, reason,
		score, entry_hash, vendor_hash) VALUES `, 9, "")
	for _, as := range alerts {
		for _, a := range as {
			if err := ev.add(a.ID, a.UpdatedRun, a.UpdatedAt.UTC().Format(time.RFC3339Nano), a.Status, boolInt(a.ChangedSinceReview),
				a.Reason, a.Score, a.EntryHash, a.VendorHash); err != nil {
				return err
			}
		}
	}
	return ev.flush()
}

// alertRowColumns are the columns of an alert row as flush writes it.
const alertRowColumns = `vendor_id, vendor_query, source, entry_id, dup, status, changed_since_review, reason,
	score, entry_hash, vendor_hash, match, opened_run, updated_run, updated_at`

// alertRow returns the values of alertRowColumns of a, its records in
// JSON (vendor, match) made already.
func alertRow(a *Alert, vendor, match string) []any {
	return []any{a.VendorID, vendor, a.Entry.Source, a.Entry.ID, a.Entry.Dup, a.Status, boolInt(a.ChangedSinceReview), a.Reason,
		a.Score, a.EntryHash, a.VendorHash, match, a.OpenedRun, a.UpdatedRun, a.UpdatedAt.Format(time.RFC3339Nano)}
}

// flush writes the alerts matched since the last flush: the changed ones
// by id, the new ones setting their IDs. An alert written is one close
// writes itself. It records the changes of them all, and of those close
// wrote, as AlertEvents.
func (u *alertUpdater) flush(ctx context.Context, workers int) error {
	updates := slices.SortedFunc(maps.Values(u.updates), func(a, b *Alert) int { return cmp.Compare(a.ID, b.ID) })
	all := append(updates, u.inserts...)
	type records struct {
		vendor, match string
		err           error
	}
	recs := make([]records, len(all))
	parallel(len(all), workers, func(i int) {
		v, err := json.Marshal(all[i].Vendor)
		m, merr := json.Marshal(all[i].Match)
		recs[i] = records{string(v), string(m), cmp.Or(err, merr)}
	})
	// An alert matched again is written whole over its row, by id: one
	// statement for many, where an UPDATE takes one each.
	up := u.st.batch(ctx, u.tx, `INSERT INTO alerts (id, `+alertRowColumns+`) VALUES `, 16,
		` ON CONFLICT (id) DO UPDATE SET vendor_query = excluded.vendor_query, status = excluded.status,
		changed_since_review = excluded.changed_since_review, reason = excluded.reason, score = excluded.score,
		entry_hash = excluded.entry_hash, vendor_hash = excluded.vendor_hash, match = excluded.match,
		updated_run = excluded.updated_run, updated_at = excluded.updated_at`)
	for i, a := range updates {
		if recs[i].err != nil {
			return recs[i].err
		}
		if err := up.add(append([]any{a.ID}, alertRow(a, recs[i].vendor, recs[i].match)...)...); err != nil {
			return err
		}
	}
	if err := up.flush(); err != nil {
		return err
	}
	byPair := make(map[pair]*Alert, len(u.inserts))
	for _, a := range u.inserts {
		byPair[pair{a.VendorID, a.Entry}] = a
	}
	ins := u.st.batch(ctx, u.tx, `INSERT INTO alerts (`+alertRowColumns+`) VALUES `, 15,
		` RETURNING id, vendor_id, source, entry_id, dup`)
	ins.scan = func(rows *sql.Rows) error {
		var id int64
		var p pair
		if err := rows.Scan(&id, &p.vendor, &p.entry.Source, &p.entry.ID, &p.entry.Dup); err != nil {
			return err
		}
		if a := byPair[p]; a != nil {
			a.ID = id
		}
		return nil
	}
	for i, a := range u.inserts {
		r := recs[len(updates)+i]
		if r.err != nil {
			return r.err
		}
		if err := ins.add(alertRow(a, r.vendor, r.match)...); err != nil {
			return err
		}
	}
	if err := ins.flush(); err != nil {
		return err
	}
	for _, a := range u.inserts {
		if a.ID == 0 {
			return fmt.Errorf("monitor: the new alert of vendor %s on %s has no id", printable.Quote(a.VendorID), a.Entry)
		}
	}
	if err := u.writeEvents(ctx, updates, u.inserts, u.closed); err != nil {
		return err
	}
	u.inserts, u.updates, u.closed = nil, nil, nil
	return nil
}

// The store's rows.

// lastRun returns the record of the last finished run, or nil when there
// is none.
func (st *Store) lastRun(ctx context.Context, tx *sql.Tx) (*Run, error) {
	var rec string
	err := tx.QueryRowContext(ctx, `SELECT record FROM runs WHERE record <> '' ORDER BY id DESC LIMIT 1`).Scan(&rec)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	r, err := readRun(rec)
	if err != nil {
		return nil, fmt.Errorf("monitor: the last run's record: %w", err)
	}
	return &r, nil
}

// readRun reads the record of a run. A record written before runs
// recorded WeakAliases has none: every alias was screened then.
func readRun(rec string) (Run, error) {
	var r Run
	if err := json.Unmarshal([]byte(rec), &r); err != nil {
		return Run{}, err
	}
	var weak struct {
		WeakAliases *bool `json:"weak_aliases"`
	}
	if err := json.Unmarshal([]byte(rec), &weak); err != nil {
		return Run{}, err
	}
	if weak.WeakAliases == nil {
		r.WeakAliases = true
	}
	return r, nil
}

// sameScope reports whether runs a and b screened the same sources and
// entity types, in whatever order they were given.
func sameScope(a, b *Run) bool {
	return slices.Equal(sortedSet(a.Sources), sortedSet(b.Sources)) && slices.Equal(sortedSet(a.Types), sortedSet(b.Types))
}

// sortedSet returns the distinct elements of s in order.
func sortedSet[T cmp.Ordered](s []T) []T {
	return slices.Compact(slices.Sorted(slices.Values(s)))
}

// formatScore writes a score or threshold as the results do, without
// trailing zeros.
func formatScore(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

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
	for k, h := range stored {
		if current[k] != h {
			if _, err := del.ExecContext(ctx, k.Source, k.ID, k.Dup); err != nil {
				return err
			}
		}
	}
	ins := st.batch(ctx, tx, `INSERT INTO entries (source, entry_id, dup, hash) VALUES `, 4, "")
	for k, h := range current {
		if stored[k] != h {
			if err := ins.add(k.Source, k.ID, k.Dup, h); err != nil {
				return err
			}
		}
	}
	return ins.flush()
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

// lastDecisions returns the last decision on each alert that has one but
// is not cleared, by alert id: what a closed alert that matches again goes
// back to (see reopen), what a confirmed or escalated one may have changed
// since (see reviewedChanged), and what an open one, which came back
// changed since it was cleared, differs from (see openChanged). A run
// closes an alert only after its vendor's matches, so no alert it closes
// matches again in the same run.
func (st *Store) lastDecisions(ctx context.Context, tx *sql.Tx) (map[int64]*Decision, error) {
	ds, err := st.decisions(ctx, tx, ` WHERE id IN (SELECT max(id) FROM decisions
		WHERE alert_id IN (SELECT id FROM alerts WHERE status IN (?, ?, ?, ?)) GROUP BY alert_id)`,
		StatusClosed, StatusConfirmed, StatusEscalated, StatusOpen)
	if err != nil {
		return nil, fmt.Errorf("monitor: the last decisions on reviewed alerts: %w", err)
	}
	out := make(map[int64]*Decision, len(ds))
	for i := range ds {
		out[ds[i].AlertID] = &ds[i]
	}
	return out, nil
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

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
