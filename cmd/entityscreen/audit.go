package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/entityscreen/entityscreen/internal/printable"
	"github.com/entityscreen/entityscreen/monitor"
)

// auditFormats are the output formats of the audit command.
var auditFormats = []string{"json", "csv"}

func runAudit(e *env, args []string) int {
	var db, format string
	fs := newFlagSet(e, "audit", "[--format json|csv] [--db PATH|URL]\n\n"+
		"Exports the whole record of the monitoring store, for an auditor: every run,\n"+
		"then every alert in any state (by vendor), then every decision, then every\n"+
		"change a run made to an alert (an event: opened, closed, back, rescored);\n"+
		"runs, decisions and events oldest first. JSON Lines hold one monitor.AuditRecord a line\n"+
		"({\"kind\": \"run\", \"run\": {...}});\n"+
		"CSV one row per record, its kind in the first column.")
	dbFlag(fs, &db)
	fs.StringVar(&format, "format", "json", "output `format`: json (JSON Lines) or csv")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return flagStatus(err)
	}
	switch {
	case len(rest) > 0:
		err = fmt.Errorf("unexpected argument %s", printable.Quote(rest[0]))
	case !slices.Contains(auditFormats, format):
		err = fmt.Errorf("unknown --format %s: use %s", printable.Quote(format), strings.Join(auditFormats, " or "))
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "entityscreen audit: %v\n", err)
		fs.Usage()
		return exitError
	}
	ctx := context.Background()
	st, _, err := openStore(ctx, db, false)
	if err != nil {
		return fail(e, err)
	}
	defer st.Close()
	out := bufio.NewWriter(e.stdout)
	emit := auditJSON(out)
	var cw *csv.Writer
	if format == "csv" {
		cw = csv.NewWriter(out)
		writeSafe(cw, auditColumns)
		emit = func(r monitor.AuditRecord) error {
			writeSafe(cw, auditRow(r))
			return cw.Error()
		}
	}
	// An error of emit is one of writing; the others are the store's.
	var werr error
	err = st.Audit(ctx, func(r monitor.AuditRecord) error {
		werr = emit(r)
		return werr
	})
	if err == nil {
		if cw != nil {
			cw.Flush()
			werr = cw.Error()
		}
		if werr == nil {
			werr = out.Flush()
		}
	}
	if werr != nil {
		return outputFailed(e, werr)
	}
	if err != nil {
		return fail(e, fmt.Errorf("audit: %w", err))
	}
	return exitClear
}

// auditJSON returns an emitter of audit records as JSON Lines on w.
func auditJSON(w io.Writer) func(monitor.AuditRecord) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	return func(r monitor.AuditRecord) error {
		buf.Reset()
		if err := enc.Encode(r); err != nil {
			return fmt.Errorf("%s record: %w", r.Kind, err)
		}
		_, err := w.Write(buf.Bytes())
		return err
	}
}

// auditColumns are the columns of the audit in CSV. A row fills those its
// kind has:
//   - run: id, time (started), run_id, threshold, the list, tool_version,
//     and in details whether it screened in full and the list's weak
//     aliases, its counts and when it finished;
//   - alert: id, time (last change), run_id (of the last change), status,
//     the vendor, the entry, score, reason, the match's threshold and list,
//     the content hashes, and in details the run that opened it;
//   - decision: id, time, alert_id, status (the decision), reason,
//     reviewer, and the list and content hashes it was made on;
//   - event: id, time, run_id, alert_id, the status the run gave the
//     alert, score, reason, the content hashes, and in details whether it
//     changed since review.
var auditColumns = []string{"kind", "id", "time", "run_id", "alert_id", "status", "vendor_id", "vendor_name",
	"source", "entry_id", "entry_dup", "entry_name", "score", "reason", "reviewer", "threshold",
	"list_sha256", "list_version", "entry_hash", "vendor_hash", "tool_version", "details"}

// auditRow is the CSV row of an audit record, in auditColumns.
func auditRow(r monitor.AuditRecord) []string {
	row := make(map[string]string, len(auditColumns))
	row["kind"] = r.Kind
	switch {
	case r.Run != nil:
		run := r.Run
		row["id"] = strconv.FormatInt(run.ID, 10)
		row["time"] = timeString(run.Started)
		row["run_id"] = row["id"]
		row["threshold"] = formatThreshold(run.Threshold)
		row["list_sha256"] = run.List.SHA256
		row["list_version"] = run.List.String()
		row["tool_version"] = run.ToolVersion
		mode := "against what changed"
		if run.Full {
			mode = "in full (" + run.FullReason + ")"
		}
		weak := "not screened"
		if run.WeakAliases {
			weak = "screened"
		}
		row["details"] = fmt.Sprintf("screened %s; the list's weak aliases %s; %d vendors, %d screened in full, %d against the list's changes; "+
			"entries %d added, %d changed, %d removed; alerts %d new, %d reopened, %d cleared again, %d closed; finished %s",
			mode, weak, run.Vendors, run.Screened, run.AgainstChanges, run.EntriesAdded, run.EntriesChanged, run.EntriesRemoved,
			run.NewAlerts, run.Reopened, run.ClearedAgain, run.Closed, timeString(run.Finished))
	case r.Alert != nil:
		a := r.Alert
		row["id"] = strconv.FormatInt(a.ID, 10)
		row["time"] = timeString(a.UpdatedAt)
		row["run_id"] = strconv.FormatInt(a.UpdatedRun, 10)
		row["status"] = string(a.Status)
		row["vendor_id"] = a.VendorID
		row["vendor_name"] = a.Match.Explanation.Query.Text
		row["source"] = string(a.Entry.Source)
		row["entry_id"] = a.Entry.ID
		row["entry_dup"] = strconv.Itoa(a.Entry.Dup)
		row["entry_name"] = entryName(*a)
		row["score"] = formatScore(a.Score)
		row["reason"] = a.Reason
		row["threshold"] = formatThreshold(a.Match.Explanation.Threshold)
		row["list_sha256"] = a.Match.Version.SHA256
		row["list_version"] = a.Match.Version.String()
		row["entry_hash"] = a.EntryHash
		row["vendor_hash"] = a.VendorHash
		row["details"] = fmt.Sprintf("opened in run %d", a.OpenedRun)
		if a.ChangedSinceReview {
			row["details"] += "; changed since review"
		}
	case r.Decision != nil:
		d := r.Decision
		row["id"] = strconv.FormatInt(d.ID, 10)
		row["time"] = timeString(d.At)
		row["alert_id"] = strconv.FormatInt(d.AlertID, 10)
		row["status"] = string(d.Action)
		row["reason"] = d.Reason
		row["reviewer"] = d.Reviewer
		row["list_sha256"] = d.ListSHA256
		row["entry_hash"] = d.EntryHash
		row["vendor_hash"] = d.VendorHash
	case r.Event != nil:
		ev := r.Event
		row["id"] = strconv.FormatInt(ev.ID, 10)
		row["time"] = timeString(ev.At)
		row["run_id"] = strconv.FormatInt(ev.Run, 10)
		row["alert_id"] = strconv.FormatInt(ev.AlertID, 10)
		row["status"] = string(ev.Status)
		row["score"] = formatScore(ev.Score)
		row["reason"] = ev.Reason
		row["entry_hash"] = ev.EntryHash
		row["vendor_hash"] = ev.VendorHash
		if ev.ChangedSinceReview {
			row["details"] = "changed since review"
		}
	}
	out := make([]string, len(auditColumns))
	for i, c := range auditColumns {
		out[i] = row[c]
	}
	return out
}
