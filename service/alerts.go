package service

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/entityscreen/entityscreen/internal/printable"
	"github.com/entityscreen/entityscreen/internal/strictjson"
	"github.com/entityscreen/entityscreen/monitor"
)

// noStore is the answer of the store's routes on a Server without one.
const noStore = "no monitoring store: the service was started without one"

// allStatuses are the states of an alert, in the order of their life.
var allStatuses = monitor.Statuses()

// parseStatuses reads the status parameters of a request: states
// separated by commas, in one parameter or several; none is the open
// alerts.
func parseStatuses(values []string) ([]monitor.Status, error) {
	var out []monitor.Status
	for _, v := range values {
		for f := range strings.SplitSeq(v, ",") {
			if strings.TrimSpace(f) == "" {
				continue
			}
			st, ok := monitor.ParseStatus(f)
			if !ok {
				return nil, fmt.Errorf("status %s is no state of an alert: use %s", printable.Quote(strings.TrimSpace(f)), joinStatuses())
			}
			if !slices.Contains(out, st) {
				out = append(out, st)
			}
		}
	}
	return out, nil
}

func joinStatuses() string {
	ss := make([]string, len(allStatuses))
	for i, s := range allStatuses {
		ss[i] = string(s)
	}
	return strings.Join(ss, ", ")
}

// The pages of the alert lists, GET /v1/alerts and the review queue.
const (
	// defaultAlertLimit is how many alerts a page holds without a limit.
	defaultAlertLimit = 100
	// maxAlertLimit is the most alerts a page holds.
	maxAlertLimit = 1000
)

// alertFilter reads the filter of GET /v1/alerts and the review queue:
// status (repeatable, or separated by commas) and vendor; and its page:
// limit, the page's size (defaultAlertLimit unless given, at most
// maxAlertLimit), and after, the cursor of the page before (see
// formatCursor), of the same vendor's alerts when vendor is given.
// Vendor, limit and after are given once at most. Each
// error is a *paramError naming its parameter, and quotes the value given
// clipped (see quoteClip).
func alertFilter(r *http.Request) (monitor.AlertFilter, error) {
	q := r.URL.Query()
	// One value each: a second would be dropped, silently.
	for _, p := range []string{"vendor", "limit", "after"} {
		if n := len(q[p]); n > 1 {
			return monitor.AlertFilter{}, &paramError{p, fmt.Sprintf("%s is given %d times: give it once", p, n)}
		}
	}
	statuses, err := parseStatuses(q["status"])
	if err != nil {
		return monitor.AlertFilter{}, &paramError{"status", err.Error()}
	}
	f := monitor.AlertFilter{Statuses: statuses, VendorID: strings.TrimSpace(q.Get("vendor")), Limit: defaultAlertLimit}
	if p := textProblem(q.Get("vendor")); p != "" {
		return monitor.AlertFilter{}, &paramError{"vendor", fmt.Sprintf("vendor %s is no vendor id: %s", printable.Quote(q.Get("vendor")), p)}
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxAlertLimit {
			return monitor.AlertFilter{}, &paramError{"limit", fmt.Sprintf("limit %s is not a number of alerts from 1 to %d", printable.Quote(v), maxAlertLimit)}
		}
		f.Limit = n
	}
	if v := q.Get("after"); v != "" {
		if f.After, err = parseCursor(v); err != nil {
			return monitor.AlertFilter{}, &paramError{"after", fmt.Sprintf("after %s is not a cursor of this service: give the X-Next-Cursor of a page, or no after for the first page", printable.Quote(v))}
		}
		// A page of one vendor's alerts ends at one of them: a cursor at
		// another vendor's is of another filter, and would page from a
		// place the walk never reached (every alert of the vendor, or none).
		if f.VendorID != "" && f.After.VendorID != f.VendorID {
			return monitor.AlertFilter{}, &paramError{"after", fmt.Sprintf("after %s is a cursor of another vendor's alerts than vendor %s: give the X-Next-Cursor of a page of the same filter, or no after for the first page", printable.Quote(v), printable.Quote(f.VendorID))}
		}
	}
	return f, nil
}

// paramError is a parameter of a request that cannot be used: its name,
// and what is wrong with it.
type paramError struct {
	param string
	msg   string
}

func (e *paramError) Error() string { return e.msg }

// textProblem says what in the client's text s the store cannot hold, a
// NUL character or invalid UTF-8, and where ("a NUL character at byte 3";
// see monitor.TextError), or "" when it holds s: the client's error, found
// before the store refuses it.
func textProblem(s string) string {
	var te *monitor.TextError
	if errors.As(monitor.CheckText("", s), &te) {
		return te.Problem()
	}
	return ""
}

// formatCursor writes the key of a page's last alert as the cursor of
// the next page: the base64url of the JSON array [vendor id, source,
// entry id, dup]. To clients it is opaque, given back as it came. It is a
// place in the order of the alerts, not a count of alerts read: a page
// from it starts after that alert whatever was decided or found since.
func formatCursor(k monitor.AlertKey) string {
	b, _ := json.Marshal([]any{k.VendorID, k.Entry.Source, k.Entry.ID, k.Entry.Dup}) // strings and an int: no error
	return base64.RawURLEncoding.EncodeToString(b)
}

// parseCursor reads a cursor formatCursor wrote. A key whose text the
// store cannot hold (see textProblem) is none it wrote, nor is a cursor
// that formatCursor does not write back as it came: JSON that reads as
// another key (invalid UTF-8 or an escaped lone surrogate, which read as
// U+FFFD; null for a string) is a tampered cursor, not a place to start.
func parseCursor(s string) (monitor.AlertKey, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return monitor.AlertKey{}, err
	}
	var parts []json.RawMessage
	if err := json.Unmarshal(b, &parts); err != nil {
		return monitor.AlertKey{}, err
	}
	var k monitor.AlertKey
	if len(parts) != 4 ||
		json.Unmarshal(parts[0], &k.VendorID) != nil || json.Unmarshal(parts[1], &k.Entry.Source) != nil ||
		json.Unmarshal(parts[2], &k.Entry.ID) != nil || json.Unmarshal(parts[3], &k.Entry.Dup) != nil ||
		k.VendorID == "" || k.Entry.Dup < 0 ||
		textProblem(k.VendorID) != "" || textProblem(string(k.Entry.Source)) != "" || textProblem(k.Entry.ID) != "" {
		return monitor.AlertKey{}, errors.New("not the key of an alert")
	}
	if formatCursor(k) != s {
		return monitor.AlertKey{}, errors.New("not a cursor formatCursor wrote")
	}
	return k, nil
}

// alertsPage returns the page of alerts f selects, f.Limit of them at
// most, and the cursor of the next page, or "" when none follows: it
// reads one alert more than the page to know.
func (s *Server) alertsPage(ctx context.Context, f monitor.AlertFilter) ([]monitor.Alert, string, error) {
	f.Limit++
	alerts, err := s.cfg.Store.Alerts(ctx, f)
	if err != nil || len(alerts) < f.Limit {
		return alerts, "", err
	}
	alerts = alerts[:f.Limit-1]
	return alerts, formatCursor(alerts[len(alerts)-1].Key()), nil
}

// pageURL returns the URL of the list at path (GET /v1/alerts or the
// review queue) with f's statuses, vendor and page size, from the cursor
// after on ("" for the first page).
func pageURL(path string, f monitor.AlertFilter, after string) string {
	q := url.Values{"status": {statusValue(f.Statuses)}}
	if f.VendorID != "" {
		q.Set("vendor", f.VendorID)
	}
	if f.Limit != defaultAlertLimit {
		q.Set("limit", strconv.Itoa(f.Limit))
	}
	if after != "" {
		q.Set("after", after)
	}
	return path + "?" + q.Encode()
}

// handleAlerts lists a page of alerts: a JSON array of monitor.Alert
// records. When another page follows, the Link header gives its URL
// (rel="next") and X-Next-Cursor its cursor, the after to ask it with.
func (s *Server) handleAlerts(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Store == nil {
		writeError(w, http.StatusServiceUnavailable, noStore)
		return
	}
	f, err := alertFilter(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	alerts, next, err := s.alertsPage(r.Context(), f)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if alerts == nil {
		alerts = []monitor.Alert{}
	}
	if next != "" {
		h := w.Header()
		h.Set("Link", "<"+pageURL(r.URL.Path, f, next)+`>; rel="next"`)
		h.Set("X-Next-Cursor", next)
	}
	logAttrs(r, slog.Int("alerts", len(alerts)), slog.Bool("more", next != ""))
	writeJSON(w, http.StatusOK, alerts)
}

// alertID reads the {id} of a route: a positive decimal number written
// as the service writes it, no sign and no leading zero. Another spelling
// of a number ("+1", "01") names no alert: one alert has one URL.
func alertID(r *http.Request) (int64, bool) {
	s := r.PathValue("id")
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0 && strconv.FormatInt(id, 10) == s
}

// handleAlert answers one alert, a monitor.Alert record.
func (s *Server) handleAlert(w http.ResponseWriter, r *http.Request) {
	if _, a, ok := readAlert(s, w, r, (*monitor.Store).Alert); ok {
		writeJSON(w, http.StatusOK, a)
	}
}

// handleAlertDecisions answers the decisions on one alert, oldest first:
// a JSON array of monitor.Decision records, empty for an alert no one
// decided.
func (s *Server) handleAlertDecisions(w http.ResponseWriter, r *http.Request) {
	id, ds, ok := readAlert(s, w, r, (*monitor.Store).AlertDecisions)
	if !ok {
		return
	}
	if ds == nil {
		ds = []monitor.Decision{}
	}
	logAttrs(r, slog.Int64("alert", id), slog.Int("decisions", len(ds)))
	writeJSON(w, http.StatusOK, ds)
}

// readAlert reads with read what a route answers of the alert its {id}
// names, and reports true; otherwise it answers the error (503 without a
// store, 404 for an id of no alert) and reports false.
func readAlert[T any](s *Server, w http.ResponseWriter, r *http.Request, read func(*monitor.Store, context.Context, int64) (T, error)) (int64, T, bool) {
	var none T
	if s.cfg.Store == nil {
		writeError(w, http.StatusServiceUnavailable, noStore)
		return 0, none, false
	}
	id, ok := alertID(r)
	if !ok {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no alert %s: alert ids are positive whole numbers, without a sign or leading zeros", printable.Quote(r.PathValue("id"))))
		return 0, none, false
	}
	v, err := read(s.cfg.Store, r.Context(), id)
	if errors.Is(err, monitor.ErrNoAlert) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no alert %d", id))
		return 0, none, false
	}
	if err != nil {
		s.storeError(w, r, err)
		return 0, none, false
	}
	return id, v, true
}

// decisionRequest is the body of POST /v1/alerts/{id}/decision.
type decisionRequest struct {
	Action   string `json:"action"`
	Reason   string `json:"reason"`
	Reviewer string `json:"reviewer"`
	// The alert's content hashes as the reviewer read them, both or
	// neither: with them, the decision is refused (409) when a run changed
	// the entry or the vendor record since (see monitor.Store.DecideOn).
	EntryHash  string `json:"entry_hash"`
	VendorHash string `json:"vendor_hash"`
}

// seenAlert returns the alert id as a reviewer read it, by the content
// hashes a decision gives (see decisionRequest), or nil when it gives
// neither.
func seenAlert(id int64, entryHash, vendorHash string) *monitor.Alert {
	if entryHash == "" && vendorHash == "" {
		return nil
	}
	return &monitor.Alert{ID: id, EntryHash: entryHash, VendorHash: vendorHash}
}

// halfHashes says what is wrong with a decision that gives one of the
// alert's content hashes without the other, or a value that is no content
// hash (see monitor.IsContentHash), or "" when it gives both or neither
// (see decisionRequest): such a decision is malformed (422), not one on an
// alert that changed (409).
func halfHashes(entryHash, vendorHash string) string {
	switch {
	case entryHash != "" && vendorHash == "":
		return "entry_hash was given without vendor_hash: give both, as the alert gives them, or neither."
	case entryHash == "" && vendorHash != "":
		return "vendor_hash was given without entry_hash: give both, as the alert gives them, or neither."
	case entryHash != "" && !monitor.IsContentHash(entryHash):
		return "entry_hash " + printable.Quote(entryHash) + " is no content hash: 64 hexadecimal digits in lower case, as the alert gives it."
	case vendorHash != "" && !monitor.IsContentHash(vendorHash):
		return "vendor_hash " + printable.Quote(vendorHash) + " is no content hash: 64 hexadecimal digits in lower case, as the alert gives it."
	}
	return ""
}

// parseAction reads a decision's action: clear, confirm or escalate, or
// the status each gives, in any case.
func parseAction(s string) (monitor.Status, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "clear", "cleared":
		return monitor.StatusCleared, true
	case "confirm", "confirmed":
		return monitor.StatusConfirmed, true
	case "escalate", "escalated":
		return monitor.StatusEscalated, true
	}
	return "", false
}

// checkDecision checks a decision's fields, saying what is wrong with
// each, by field: no action, reason or reviewer, one too long, text the
// store cannot hold (see textProblem), or a reviewer's name that is not
// one line of text (a line break, an escape or another control
// character, which would forge lines where the name is shown or logged).
func checkDecision(action, reason, reviewer string) (monitor.Status, map[string]string) {
	problems := map[string]string{}
	st, ok := parseAction(action)
	if !ok {
		problems["action"] = "Choose a decision: clear, confirm or escalate."
	}
	if p := checkDecisionText(reason, "The reason", "Give the reason for the decision: an auditor reads it.", monitor.CheckReason); p != "" {
		problems["reason"] = p
	}
	if p := checkDecisionText(reviewer, "The reviewer's name", "Give the name of the reviewer who decides.", monitor.CheckReviewer); p != "" {
		problems["reviewer"] = p
	}
	return st, problems
}

// checkDecisionText says what is wrong with text, a decision's reason or
// reviewer, which the messages call what ("The reason"), or "": missing
// when it is blank, else what check, monitor.CheckReason or
// CheckReviewer, refuses: text the store cannot hold, a control character
// in a name, or too many bytes once trimmed. Bytes are counted from the
// start of text.
func checkDecisionText(text, what, missing string, check func(string) error) string {
	trimmed := strings.TrimSpace(text)
	if trimmed == "" {
		return missing
	}
	var te *monitor.TextError
	if !errors.As(check(text), &te) {
		return ""
	}
	switch {
	case te.Control != 0:
		return fmt.Sprintf("%s has %s: give the name on one line, as plain text.", what, te.Problem())
	case te.Limit > 0:
		msg := fmt.Sprintf("%s is %s", what, te.Problem())
		if utf8.RuneCountInString(trimmed) != len(trimmed) {
			msg += " (a letter outside ASCII takes 2 to 4)"
		}
		return msg + "."
	}
	return fmt.Sprintf("%s has %s: send plain UTF-8 text.", what, te.Problem())
}

// clientError is an error of the store told to a client: its text without
// the package's prefix, its chain whole, for errors.Is.
type clientError struct{ err error }

func (e clientError) Error() string { return strings.TrimPrefix(e.err.Error(), "monitor: ") }

func (e clientError) Unwrap() error { return e.err }

// decide records a decision on alert id, on seen, the alert as the
// reviewer read it, when it is not nil (see monitor.Store.DecideOn), with
// the status to answer: 201 with the decision, or an error: 404 for no
// such alert, 409 for a closed one or one changed since seen, 422 for text
// the store cannot hold (which checkDecision finds first).
func (s *Server) decide(r *http.Request, id int64, seen *monitor.Alert, action monitor.Status, reason, reviewer string) (monitor.Decision, int, error) {
	var d monitor.Decision
	var err error
	if seen != nil {
		d, err = s.cfg.Store.DecideOn(r.Context(), *seen, action, reason, reviewer, s.cfg.Now())
	} else {
		d, err = s.cfg.Store.Decide(r.Context(), id, action, reason, reviewer, s.cfg.Now())
	}
	switch {
	case errors.Is(err, monitor.ErrNoAlert):
		return monitor.Decision{}, http.StatusNotFound, fmt.Errorf("no alert %d", id)
	case errors.Is(err, monitor.ErrAlertClosed), errors.Is(err, monitor.ErrAlertChanged):
		return monitor.Decision{}, http.StatusConflict, clientError{err}
	case errors.Is(err, monitor.ErrBadText):
		return monitor.Decision{}, http.StatusUnprocessableEntity, clientError{err}
	case err != nil:
		return monitor.Decision{}, http.StatusInternalServerError, err
	}
	s.metrics.decision(action)
	logAttrs(r, slog.Int64("alert", id), slog.String("action", string(action)), slog.Int64("decision", d.ID))
	return d, http.StatusCreated, nil
}

// handleDecision records a decision on an alert: 201 with the
// monitor.Decision record.
func (s *Server) handleDecision(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Store == nil {
		writeError(w, http.StatusServiceUnavailable, noStore)
		return
	}
	id, ok := alertID(r)
	if !ok {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no alert %s: alert ids are positive whole numbers, without a sign or leading zeros", printable.Quote(r.PathValue("id"))))
		return
	}
	body, _, err := readBody(w, r, s.cfg.MaxBody, jsonTypes...)
	if err != nil {
		writeRequestError(w, err)
		return
	}
	var req decisionRequest
	if err := strictjson.DecodeObject(body, &req); err != nil {
		writeError(w, http.StatusBadRequest, "invalid request body: "+err.Error())
		return
	}
	action, problems := checkDecision(req.Action, req.Reason, req.Reviewer)
	if half := halfHashes(req.EntryHash, req.VendorHash); half != "" {
		problems["entry_hash"] = half
	}
	if len(problems) > 0 {
		msgs := make([]string, 0, len(problems))
		for _, f := range []string{"action", "reason", "reviewer", "entry_hash"} {
			if p, ok := problems[f]; ok {
				msgs = append(msgs, fmt.Sprintf("%q: %s", f, p))
			}
		}
		writeError(w, http.StatusUnprocessableEntity, strings.Join(msgs, " "))
		return
	}
	d, status, err := s.decide(r, id, seenAlert(id, req.EntryHash, req.VendorHash), action, req.Reason, req.Reviewer)
	if status == http.StatusInternalServerError {
		s.storeError(w, r, err)
		return
	}
	if err != nil {
		writeError(w, status, err.Error())
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/v1/alerts/%d", id))
	writeJSON(w, status, d)
}

// auditChunk is how many audit records go out between extensions of the
// write deadline.
const auditChunk = 1000

// handleAudit exports every run, alert, decision and alert event as JSON Lines of
// monitor.AuditRecord, streamed: the write deadline moves on as records
// go out, so a large store is exported whole. HEAD answers the headers
// without reading the export: a request for one alert checks that the
// store answers.
func (s *Server) handleAudit(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Store == nil {
		writeError(w, http.StatusServiceUnavailable, noStore)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/x-ndjson")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	if r.Method == http.MethodHead {
		// The headers of the export, without it: reading the whole
		// store for a body no one is sent would cost as much as a GET.
		// One alert read tells that the store answers, as a GET's
		// status would.
		if _, err := s.cfg.Store.Alerts(r.Context(), monitor.AlertFilter{Limit: 1}); err != nil {
			s.storeError(w, r, err)
			return
		}
		w.WriteHeader(http.StatusOK)
		return
	}
	rc := http.NewResponseController(w)
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	n := 0
	err := s.cfg.Store.Audit(r.Context(), func(rec monitor.AuditRecord) error {
		buf.Reset()
		if err := enc.Encode(rec); err != nil {
			return err
		}
		if n%auditChunk == 0 {
			_ = rc.SetWriteDeadline(time.Now().Add(s.cfg.WriteTimeout)) // not every writer has one
		}
		n++
		_, err := bw.Write(buf.Bytes())
		return err
	})
	if err != nil && n == 0 {
		s.storeError(w, r, err)
		return
	}
	if err == nil {
		err = bw.Flush()
	}
	logAttrs(r, slog.Int("records", n))
	if err != nil {
		// The status has gone: end the stream short, which a client sees
		// as a body cut, and say why in the log.
		s.log.LogAttrs(r.Context(), slog.LevelError, "audit export cut", slog.String("request_id", infoOf(r).id),
			slog.Int("records", n), slog.String("error", err.Error()))
		panic(http.ErrAbortHandler)
	}
}

// storeError answers 500 for a store that failed, logging the cause.
func (s *Server) storeError(w http.ResponseWriter, r *http.Request, err error) {
	id := ""
	if info := infoOf(r); info != nil {
		id = info.id
	}
	s.log.LogAttrs(r.Context(), slog.LevelError, "store error", slog.String("request_id", id), slog.String("error", err.Error()))
	writeError(w, http.StatusInternalServerError, "the monitoring store failed (request "+id+")")
}
