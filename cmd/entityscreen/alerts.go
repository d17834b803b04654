package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/entityscreen/entityscreen/internal/printable"
	"github.com/entityscreen/entityscreen/monitor"
)

// allStatuses are the states of an alert, in the order of their life.
var allStatuses = monitor.Statuses()

func runAlerts(e *env, args []string) int {
	var (
		db, status, vendor, format string
	)
	fs := newFlagSet(e, "alerts", "[--status S,...] [--vendor ID] [--format F] [--db PATH|URL]\n\n"+
		"Lists the alerts of the monitoring store, by vendor and entry: the open ones\n"+
		"unless --status says otherwise. JSON Lines are monitor.Alert records, the\n"+
		"match as screened included.")
	dbFlag(fs, &db)
	fs.StringVar(&status, "status", string(monitor.StatusOpen), "list the alerts in these `states`, separated by commas: "+joinStatuses(", "))
	fs.StringVar(&vendor, "vendor", "", "list the alerts of the vendor of this `id` only (spaces around it dropped, as monitor drops them)")
	fs.StringVar(&format, "format", "text", "output `format`: text, json (JSON Lines, one alert a line) or csv")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return flagStatus(err)
	}
	statuses, err := parseStatuses(status)
	switch {
	case len(rest) > 0:
		err = fmt.Errorf("unexpected argument %s", printable.Quote(rest[0]))
	case !slices.Contains(formats, format):
		err = fmt.Errorf("unknown --format %s: use %s", printable.Quote(format), strings.Join(formats, ", "))
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "entityscreen alerts: %v\n", err)
		fs.Usage()
		return exitError
	}
	var te *monitor.TextError
	if errors.As(monitor.CheckText("--vendor", vendor), &te) {
		fmt.Fprintf(e.stderr, "entityscreen alerts: --vendor has %s, which the store cannot hold: give plain UTF-8 text\n", te.Problem())
		return exitError
	}
	vendor = strings.TrimSpace(vendor) // as monitor reads a vendor's id
	ctx := context.Background()
	st, _, err := openStore(ctx, db, false)
	if err != nil {
		return fail(e, err)
	}
	defer st.Close()
	// A page at a time, so that a store of many alerts is listed in
	// bounded memory (but for the table, aligned over them all).
	out := bufio.NewWriter(e.stdout)
	aw := newAlertWriter(out, format, nil)
	f := monitor.AlertFilter{Statuses: statuses, VendorID: vendor, Limit: alertsPage}
	n := 0
	var werr error
	for werr == nil {
		alerts, err := st.Alerts(ctx, f)
		if err != nil {
			return fail(e, err)
		}
		n += len(alerts)
		werr = aw.write(alerts)
		if len(alerts) < f.Limit {
			break
		}
		f.After = alerts[len(alerts)-1].Key()
	}
	if werr == nil {
		werr = aw.flush()
	}
	if werr == nil && format == "text" && n == 0 {
		_, werr = fmt.Fprintf(out, "No alerts %s.\n", describeFilter(statuses, vendor))
	}
	if werr == nil {
		werr = out.Flush()
	}
	if werr != nil {
		return outputFailed(e, werr)
	}
	return exitClear
}

// alertsPage is how many alerts the alerts command reads at a time.
const alertsPage = 1000

// parseStatuses parses the --status flag: states separated by commas.
func parseStatuses(s string) ([]monitor.Status, error) {
	var out []monitor.Status
	for f := range strings.SplitSeq(s, ",") {
		st, ok := monitor.ParseStatus(f)
		if !ok {
			return nil, fmt.Errorf("--status %s: %s is no state of an alert: use %s", printable.Quote(s), printable.Quote(strings.TrimSpace(f)), joinStatuses(", "))
		}
		if !slices.Contains(out, st) {
			out = append(out, st)
		}
	}
	return out, nil
}

// joinStatuses joins the states of an alert with sep.
func joinStatuses(sep string) string {
	ss := make([]string, len(allStatuses))
	for i, s := range allStatuses {
		ss[i] = string(s)
	}
	return strings.Join(ss, sep)
}

// describeFilter says which alerts a listing selected, for people.
func describeFilter(statuses []monitor.Status, vendor string) string {
	ss := make([]string, len(statuses))
	for i, s := range statuses {
		ss[i] = string(s)
	}
	d := "with status " + strings.Join(ss, " or ")
	if vendor != "" {
		d += " for vendor " + strconv.Quote(vendor)
	}
	return d
}

// alertRun is the run that found the alerts monitor writes: every JSON
// line and CSV row names its time and the command's version, as screen's
// do.
type alertRun struct {
	run  monitor.Run
	tool string
}

// alertColumns are the columns of alerts in CSV. vendor_name is the name
// as screened; threshold and list_version (for people) are the match's.
// monitor adds tool_version and screened_at.
var alertColumns = []string{"alert_id", "status", "changed_since_review", "reason", "vendor_id", "vendor_name", "score",
	"source", "entry_id", "entry_dup", "entry_name", "matched_name", "country", "federal_register", "explanation",
	"threshold", "list_version", "opened_run", "updated_run", "updated_at", "entry_hash", "vendor_hash"}

// writeAlerts writes alerts in format (see alertWriter). run is the
// monitor run that found them, or nil for a listing.
func writeAlerts(w io.Writer, format string, alerts []monitor.Alert, run *alertRun) error {
	aw := newAlertWriter(w, format, run)
	if err := aw.write(alerts); err != nil {
		return err
	}
	return aw.flush()
}

// alertWriter writes alerts in a format, a page of them at a time: a
// table for people (nothing when there are none), JSON Lines of
// monitor.Alert records, or CSV with every cell made safe (see csvCell).
type alertWriter struct {
	w      io.Writer
	format string
	run    *alertRun // the monitor run that found the alerts, or nil
	tw     *tabwriter.Writer
	cw     *csv.Writer
}

// newAlertWriter returns a writer of alerts in format on w; run is the
// monitor run that found them, or nil for a listing.
func newAlertWriter(w io.Writer, format string, run *alertRun) *alertWriter {
	aw := &alertWriter{w: w, format: format, run: run}
	if format == "csv" {
		aw.cw = csv.NewWriter(w)
		head := alertColumns
		if run != nil {
			head = slices.Concat(head, []string{"tool_version", "screened_at"})
		}
		writeSafe(aw.cw, head)
	}
	return aw
}

// write writes a page of alerts.
func (aw *alertWriter) write(alerts []monitor.Alert) error {
	switch aw.format {
	case "json":
		return writeAlertsJSON(aw.w, alerts, aw.run)
	case "csv":
		return writeAlertsCSV(aw.cw, alerts, aw.run)
	}
	if len(alerts) == 0 {
		return nil
	}
	if aw.tw == nil {
		aw.tw = tabwriter.NewWriter(aw.w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(aw.tw, "ALERT\tSTATUS\tVENDOR\tVENDOR NAME\tSCORE\tENTRY\tLISTED NAME\tREASON")
	}
	for _, a := range alerts {
		fmt.Fprintf(aw.tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", a.ID, alertState(a, aw.run), printable.Text(a.VendorID),
			printable.Text(a.Match.Explanation.Query.Text), formatScore(a.Score), printable.Text(a.Entry.String()),
			printable.Text(entryName(a)), printable.Text(a.Reason))
	}
	return nil
}

// flush writes what the writer holds: the table, aligned over every page.
func (aw *alertWriter) flush() error {
	switch {
	case aw.tw != nil:
		return aw.tw.Flush()
	case aw.cw != nil:
		aw.cw.Flush()
		return aw.cw.Error()
	}
	return nil
}

// alertState is the state of an alert for people: whether the run opened
// or reopened it, or its status.
func alertState(a monitor.Alert, run *alertRun) string {
	switch {
	case run != nil && a.OpenedRun == run.run.ID:
		return "new"
	case run != nil:
		return "reopened"
	case a.ChangedSinceReview:
		return string(a.Status) + ", changed since review"
	}
	return string(a.Status)
}

// entryName is the listed name of an alert's entry.
func entryName(a monitor.Alert) string {
	if a.Match.Entry == nil {
		return ""
	}
	return a.Match.Entry.Name
}

func writeAlertsJSON(w io.Writer, alerts []monitor.Alert, run *alertRun) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, a := range alerts {
		buf.Reset()
		if err := enc.Encode(a); err != nil {
			return fmt.Errorf("alert %d: %w", a.ID, err)
		}
		line := buf.Bytes()
		if run != nil {
			line = addKeys(line, stamp{tool: run.tool}.jsonKeys(run.run.Started))
		}
		if _, err := w.Write(line); err != nil {
			return err
		}
	}
	return nil
}

func writeAlertsCSV(cw *csv.Writer, alerts []monitor.Alert, run *alertRun) error {
	for _, a := range alerts {
		m := a.Match
		var notices string
		if m.Entry != nil {
			notices = strings.Join(m.Entry.FederalRegisterNotices, "; ")
		}
		row := []string{strconv.FormatInt(a.ID, 10), string(a.Status), strconv.FormatBool(a.ChangedSinceReview), a.Reason,
			a.VendorID, m.Explanation.Query.Text, formatScore(a.Score),
			string(a.Entry.Source), a.Entry.ID, strconv.Itoa(a.Entry.Dup), entryName(a), m.MatchedName, m.Country,
			notices, m.Explanation.String(), formatThreshold(m.Explanation.Threshold), m.Version.String(),
			strconv.FormatInt(a.OpenedRun, 10), strconv.FormatInt(a.UpdatedRun, 10), timeString(a.UpdatedAt),
			a.EntryHash, a.VendorHash}
		if run != nil {
			row = append(row, run.tool, timeString(run.run.Started))
		}
		writeSafe(cw, row)
	}
	return cw.Error()
}

// writeSafe writes a CSV row, every cell made safe (see csvCell).
func writeSafe(cw *csv.Writer, row []string) {
	safe := make([]string, len(row))
	for i, c := range row {
		safe[i] = csvCell(c)
	}
	cw.Write(safe) // errors stay in cw.Error
}

// parseAlertID reads an ALERT-ID as the alerts command writes it: a
// positive decimal number without a sign or leading zeros. Another
// spelling of a number ("+1", "01") is refused rather than read as the
// alert it might mean, as the HTTP API refuses it: one alert, one id.
func parseAlertID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	switch {
	case err != nil || id < 1:
		return 0, fmt.Errorf("ALERT-ID %s: not the number of an alert", printable.Quote(s))
	case strconv.FormatInt(id, 10) != s:
		return 0, fmt.Errorf("ALERT-ID %s: not the number of an alert: give it as \"entityscreen alerts\" lists it, digits without a sign or leading zeros", printable.Quote(s))
	}
	return id, nil
}

// alertChanged is the error of a decision refused because a run changed
// alert id since it was read with the hashes entryHash and vendorHash:
// it names which hash changed, to what, and by which run. err is the
// store's refusal, said as it is when the alert cannot be read again.
func alertChanged(ctx context.Context, st *monitor.Store, id int64, entryHash, vendorHash string, err error) error {
	a, aerr := st.Alert(ctx, id)
	if aerr != nil || a.EntryHash == entryHash && a.VendorHash == vendorHash {
		return fmt.Errorf("%w; nothing recorded", err)
	}
	var what []string
	if a.EntryHash != entryHash {
		what = append(what, fmt.Sprintf("its entry hash is now %s, not %s", a.EntryHash, entryHash))
	}
	if a.VendorHash != vendorHash {
		what = append(what, fmt.Sprintf("its vendor hash is now %s, not %s", a.VendorHash, vendorHash))
	}
	return fmt.Errorf("alert %d changed since it was read: %s (run %d: %s); nothing recorded: read it again (\"entityscreen alerts\") before deciding",
		id, strings.Join(what, ", and "), a.UpdatedRun, a.Reason)
}

// textProblem says what is wrong with the text of a decision the store
// refuses, te, given by from ("--reason", "--reviewer", "$USER"), as the
// review page and the API say it: a control character in a name, which
// would forge lines where it is shown or logged, a text too long, or text
// the store cannot hold.
func textProblem(from string, te *monitor.TextError) string {
	switch {
	case te.Control != 0:
		return fmt.Sprintf("%s has %s: give the name on one line, as plain text", from, te.Problem())
	case te.Limit > 0:
		return fmt.Sprintf("%s is %s", from, te.Problem())
	}
	return fmt.Sprintf("%s has %s, which the store cannot hold: give plain UTF-8 text", from, te.Problem())
}

// decideActions are decide's flags, by the status each gives an alert.
var decideActions = []struct {
	flag   string
	status monitor.Status
	usage  string
}{
	{"clear", monitor.StatusCleared, "a false alarm: the vendor is not the listed party"},
	{"confirm", monitor.StatusConfirmed, "a true match: the vendor is the listed party"},
	{"escalate", monitor.StatusEscalated, "for someone else to decide"},
}

func runDecide(e *env, args []string) int {
	var (
		db, reason, reviewer  string
		entryHash, vendorHash string
		chosen                = make([]bool, len(decideActions))
	)
	fs := newFlagSet(e, "decide", "ALERT-ID (--clear|--confirm|--escalate) --reason TEXT [--reviewer NAME]\n"+
		"       [--entry-hash H --vendor-hash H] [--db PATH|URL]\n\n"+
		"Records a reviewer's decision on an alert (\"entityscreen alerts\" lists them),\n"+
		"with the reason, the reviewer, the time, and the entry, vendor record and\n"+
		"list it was made on. A cleared alert stays quiet until its entry or its\n"+
		"vendor record changes; a confirmed or escalated one never does. ALERT-ID is\n"+
		"written as \"entityscreen alerts\" lists it: \"+1\" or \"01\" is refused.\n\n"+
		"With --entry-hash and --vendor-hash, the alert's entry_hash and vendor_hash as\n"+
		"the reviewer read them (\"entityscreen alerts --format json\" or csv), the\n"+
		"decision is on the alert as read: when a run changed its entry or vendor record\n"+
		"since, it is refused (status 2) and nothing is recorded; read the alert again.\n"+
		"Without them it is on the alert as it is when recorded. Either way the output\n"+
		"names the content hashes and the list the decision was made on.")
	for i, a := range decideActions {
		fs.BoolVar(&chosen[i], a.flag, false, a.usage)
	}
	fs.StringVar(&reason, "reason", "", "why: an auditor reads it (required)")
	fs.StringVar(&reviewer, "reviewer", "", "who decides, one line of text (default: $USER)")
	fs.StringVar(&entryHash, "entry-hash", "", "the alert's entry_hash as read: refuse the decision if a run changed the entry since this `hash`")
	fs.StringVar(&vendorHash, "vendor-hash", "", "the alert's vendor_hash as read: refuse the decision if a run changed the vendor record since this `hash`")
	dbFlag(fs, &db)
	rest, err := parseArgs(fs, args)
	if err != nil {
		return flagStatus(err)
	}
	var flags []string
	var action monitor.Status
	for i, a := range decideActions {
		if chosen[i] {
			flags = append(flags, "--"+a.flag)
			action = a.status
		}
	}
	var id int64
	switch {
	case len(rest) == 0:
		err = errors.New("no ALERT-ID: give the id of the alert (\"entityscreen alerts\" lists them)")
	case len(rest) > 1:
		err = fmt.Errorf("unexpected argument %s: give one ALERT-ID", printable.Quote(rest[1]))
	case len(flags) == 0:
		err = errors.New("no decision: give one of --clear, --confirm, --escalate")
	case len(flags) > 1:
		err = fmt.Errorf("%s: give only one decision", strings.Join(flags, " and "))
	case strings.TrimSpace(reason) == "":
		err = errors.New("--reason is required: an auditor reads why")
	case (entryHash == "") != (vendorHash == ""):
		err = errors.New("give --entry-hash and --vendor-hash together, as the alert gives them, or neither")
	case entryHash != "" && !monitor.IsContentHash(entryHash):
		err = fmt.Errorf("--entry-hash %s: not a content hash: 64 hexadecimal digits in lower case, as the alert's entry_hash", printable.Quote(entryHash))
	case vendorHash != "" && !monitor.IsContentHash(vendorHash):
		err = fmt.Errorf("--vendor-hash %s: not a content hash: 64 hexadecimal digits in lower case, as the alert's vendor_hash", printable.Quote(vendorHash))
	}
	if err == nil {
		id, err = parseAlertID(rest[0])
	}
	reviewerFrom := "--reviewer" // where the reviewer came from, for a message
	if err == nil {
		given := reviewer
		if strings.TrimSpace(reviewer) == "" {
			reviewerFrom, given = "$USER", os.Getenv("USER")
		}
		reviewer = strings.TrimSpace(given)
		if reviewer == "" {
			err = errors.New("no reviewer: $USER is not set; pass --reviewer NAME")
		} else if te := (*monitor.TextError)(nil); errors.As(monitor.CheckReviewer(given), &te) {
			fmt.Fprintf(e.stderr, "entityscreen decide: %s\n", textProblem(reviewerFrom, te))
			return exitError
		}
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "entityscreen decide: %v\n", err)
		fs.Usage()
		return exitError
	}

	ctx := context.Background()
	st, name, err := openStore(ctx, db, false)
	if err != nil {
		return fail(e, err)
	}
	defer st.Close()
	var d monitor.Decision
	if entryHash != "" {
		seen := monitor.Alert{ID: id, EntryHash: entryHash, VendorHash: vendorHash}
		d, err = st.DecideOn(ctx, seen, action, reason, reviewer, time.Now())
	} else {
		d, err = st.Decide(ctx, id, action, reason, reviewer, time.Now())
	}
	if errors.Is(err, monitor.ErrNoAlert) {
		return fail(e, fmt.Errorf("no alert %d in %s (\"entityscreen alerts\" lists them)", id, name))
	}
	if errors.Is(err, monitor.ErrAlertChanged) {
		return fail(e, alertChanged(ctx, st, id, entryHash, vendorHash, err))
	}
	var te *monitor.TextError
	if errors.As(err, &te) {
		from := "--reason"
		if te.Field == "reviewer" {
			from = reviewerFrom
		}
		fmt.Fprintf(e.stderr, "entityscreen decide: %s\n", textProblem(from, te))
		return exitError
	}
	if err != nil {
		return fail(e, err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Alert %d %s by %s at %s (decision %d).\n", d.AlertID, d.Action, printable.Text(d.Reviewer), timeString(d.At), d.ID)
	fmt.Fprintf(&b, "Reason: %s\n", printable.Text(d.Reason))
	fmt.Fprintf(&b, "Made on: entry %s, vendor record %s, list sha256 %s\n", d.EntryHash, d.VendorHash, d.ListSHA256)
	if entryHash != "" {
		b.WriteString("On: the alert as read (--entry-hash, --vendor-hash), which no run changed since.\n")
	} else {
		b.WriteString("On: the alert as it was when the decision was recorded (no --entry-hash and --vendor-hash given).\n")
	}
	if _, err := io.WriteString(e.stdout, b.String()); err != nil && !isBrokenPipe(err) {
		return fail(e, err)
	}
	return exitClear
}
