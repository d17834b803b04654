package service

import (
	"bytes"
	"cmp"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/entityscreen/entityscreen/internal/printable"
	"github.com/entityscreen/entityscreen/monitor"
	"github.com/entityscreen/entityscreen/screening"
)

// The review page: HTML templates and a style sheet, no script, no build
// step.
//
//go:embed templates/*.html static/*
var pageFiles embed.FS

// pageTemplates are the pages, each the layout with its own main part,
// parsed once.
var pageTemplates = sync.OnceValue(func() map[string]*template.Template {
	funcs := template.FuncMap{
		"score": func(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) },
		"pct":   func(f float64) string { return strconv.FormatFloat(100*f, 'f', 0, 64) + "%" },
		"when":  formatTime,
	}
	base := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(pageFiles, "templates/layout.html"))
	pages := map[string]*template.Template{}
	for _, name := range []string{"queue", "alert", "error"} {
		pages[name] = template.Must(template.Must(base.Clone()).ParseFS(pageFiles, "templates/"+name+".html"))
	}
	return pages
})

// isolate wraps s, a name or an id from a record, in the Unicode first
// strong isolate and pop directional isolate: in text that is not HTML
// (the page's title) it then cannot reorder the words around it, as a
// right-to-left name or override would. In HTML, bdi does the same.
func isolate(s string) string { return "\u2068" + s + "\u2069" }

// bdi returns s, a name or an id from a record, escaped in a <bdi>
// element, for HTML built here: see isolate.
func bdi(s string) template.HTML {
	return template.HTML("<bdi>" + template.HTMLEscapeString(s) + "</bdi>")
}

// formatTime writes a time for people, in UTC.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

// page is what every page shows.
type page struct {
	Page  string // the page's kind, on <main data-page>
	Title string
	List  string // the list in use, for the footer
}

// renderPage writes the page name with data and status.
func renderPage(w http.ResponseWriter, status int, name string, data any) {
	var b bytes.Buffer
	if err := pageTemplates()[name].ExecuteTemplate(&b, "layout.html", data); err != nil {
		http.Error(w, "rendering the page failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// errorPage is the page of a request that failed.
type errorPage struct {
	page
	Message string
}

// writePageError answers a page request that failed with status and a
// page saying msg.
func writePageError(w http.ResponseWriter, status int, msg string) {
	renderPage(w, status, "error", errorPage{page{Page: "error", Title: http.StatusText(status)}, msg})
}

// listLine describes the list in use for the footer.
func (s *Server) listLine() string {
	st := s.current()
	if st == nil {
		return "none loaded yet"
	}
	v := st.version
	line := fmt.Sprintf("%s, %d entries, sha256 %.12s", v.Origin, v.Entries, v.SHA256)
	if v.Sample {
		line += " (the embedded SAMPLE list, not complete)"
	}
	return line
}

// statusChoices are the choices of the queue's status filter.
var statusChoices = []struct{ value, label string }{
	{"open", "Open"},
	{"escalated", "Escalated"},
	{"cleared", "Cleared"},
	{"confirmed", "Confirmed"},
	{"closed", "Closed"},
	{"cleared,confirmed,escalated", "Decided (cleared, confirmed or escalated)"},
	{"open,cleared,confirmed,escalated,closed", "All"},
}

type choice struct {
	Value, Label string
	Selected     bool
}

// queuePage is the alert queue, a page of it.
type queuePage struct {
	page
	Heading string
	Choices []choice
	Vendor  string
	Problem string
	// Invalid is the parameter of the filter Problem is about
	// ("vendor", "status", "limit", "after"), or "".
	Invalid string
	Alerts  []queueRow
	NoStore bool
	// Describe, Empty and Caption are HTML, the vendor ids in them
	// isolated (see bdi).
	Describe template.HTML // the alerts shown, for people: "open alerts of vendor V1"
	Empty    template.HTML // what the page says when it shows none
	Caption  template.HTML
	// Next and First are the URLs of the next page and of the first,
	// when there is one and this is not it.
	Next, First string
}

type queueRow struct {
	ID                 int64
	VendorID           string
	VendorName         string
	ListedName         string
	Source             string
	SourceName         string
	Score              float64
	Status             monitor.Status
	ChangedSinceReview bool
	Updated            time.Time
}

// pageQueue shows a page of the alerts the filter selects, the open ones
// by default, with links to the next page and the first.
func (s *Server) pageQueue(w http.ResponseWriter, r *http.Request) {
	p := queuePage{page: page{Page: "queue", Title: "Alert queue", List: s.listLine()}, Heading: "Open alerts"}
	if s.cfg.Store == nil {
		p.NoStore = true
		renderPage(w, http.StatusServiceUnavailable, "queue", p)
		return
	}
	f, err := alertFilter(r)
	status := http.StatusOK
	p.Vendor = f.VendorID
	chosen := "" // the statuses the form shows chosen, when not those shown
	if err != nil {
		p.Problem = err.Error()
		var pe *paramError
		if errors.As(err, &pe) {
			p.Invalid = pe.param
		}
		status = http.StatusBadRequest
		f = monitor.AlertFilter{Limit: defaultAlertLimit}
		// The page shows the open alerts, but the form keeps what was
		// typed, for the reviewer to mend it rather than type it again:
		// the vendor as given (but for invalid UTF-8, which the page
		// shows as U+FFFD), the statuses if they were some.
		q := r.URL.Query()
		p.Vendor = strings.ToValidUTF8(q.Get("vendor"), "\uFFFD")
		if sts, err := parseStatuses(q["status"]); err == nil {
			chosen = statusValue(sts)
		}
	}
	shown := statusValue(f.Statuses)
	chosen = cmp.Or(chosen, shown)
	p.Heading = "Alerts " + strings.ReplaceAll(shown, ",", ", ")
	found := false
	for _, c := range statusChoices {
		p.Choices = append(p.Choices, choice{c.value, c.label, c.value == chosen})
		found = found || c.value == chosen
		if c.value == shown {
			p.Heading = c.label + " alerts"
		}
	}
	if !found {
		p.Choices = append(p.Choices, choice{chosen, "Alerts " + strings.ReplaceAll(chosen, ",", ", "), true})
	}
	p.Describe = template.HTML(template.HTMLEscapeString(strings.ToLower(p.Heading)))
	if f.VendorID != "" {
		p.Describe += " of vendor " + bdi(f.VendorID)
	}
	p.Title = p.Heading
	if p.Problem != "" {
		p.Title = "Error: " + p.Title
	}
	alerts, next, err := s.alertsPage(r.Context(), f)
	if err != nil {
		s.log.LogAttrs(r.Context(), slog.LevelError, "store error", slog.String("request_id", infoOf(r).id), slog.String("error", err.Error()))
		writePageError(w, http.StatusInternalServerError, "The monitoring store failed; try again. (Request "+infoOf(r).id+".)")
		return
	}
	first := f.After == monitor.AlertKey{}
	if next != "" {
		p.Next = pageURL("/review/", f, next)
	}
	if !first {
		p.First = pageURL("/review/", f, "")
		p.Title += ", a later page"
	}
	p.Caption = queueCaption(template.HTML(template.HTMLEscapeString(p.Heading)), f.VendorID, alerts, first, next != "") + " Open an alert to review it."
	p.Empty = "No " + p.Describe + "."
	if !first {
		p.Empty = "No more " + p.Describe + " after those shown before."
	}
	for _, a := range alerts {
		row := queueRow{ID: a.ID, VendorID: a.VendorID, VendorName: a.Vendor.Name, Source: string(a.Entry.Source),
			SourceName: a.Entry.Source.Name(), Score: a.Score, Status: a.Status, ChangedSinceReview: a.ChangedSinceReview, Updated: a.UpdatedAt}
		if a.Match.Entry != nil {
			row.ListedName = a.Match.Entry.Name
		}
		p.Alerts = append(p.Alerts, row)
	}
	logAttrs(r, slog.Int("alerts", len(alerts)), slog.Bool("more", next != ""))
	renderPage(w, status, "queue", p)
}

// queueCaption says which alerts a page of the queue shows, for people,
// in HTML: all of them, the first of them, or those from a vendor on.
// heading is HTML.
func queueCaption(heading template.HTML, vendor string, alerts []monitor.Alert, first, more bool) template.HTML {
	what, order := heading, template.HTML(", by vendor")
	if vendor != "" {
		what, order = heading+" of vendor "+bdi(vendor), ""
	}
	var s string
	switch {
	case first && !more:
		s = fmt.Sprintf("%s: %d%s.", what, len(alerts), order)
	case first:
		s = fmt.Sprintf("%s%s: the first %d; more on the next page.", what, order, len(alerts))
	case len(alerts) == 0:
		s = string(what) + ": none after those shown before."
	case more:
		s = fmt.Sprintf("%s%s: %d from vendor %s on; more on the next page.", what, order, len(alerts), bdi(alerts[0].VendorID))
	default:
		s = fmt.Sprintf("%s%s: the last %d, from vendor %s on.", what, order, len(alerts), bdi(alerts[0].VendorID))
	}
	return template.HTML(s)
}

// statusValue is the filter value of statuses, in the order of
// allStatuses.
func statusValue(statuses []monitor.Status) string {
	if len(statuses) == 0 {
		return string(monitor.StatusOpen)
	}
	var vs []string
	for _, st := range []monitor.Status{monitor.StatusOpen, monitor.StatusEscalated, monitor.StatusCleared, monitor.StatusConfirmed, monitor.StatusClosed} {
		for _, x := range statuses {
			if x == st {
				vs = append(vs, string(st))
			}
		}
	}
	v := strings.Join(vs, ",")
	// The choices list the decided and all states in the order of an
	// alert's life.
	switch v {
	case "escalated,cleared,confirmed":
		return "cleared,confirmed,escalated"
	case "open,escalated,cleared,confirmed,closed":
		return "open,cleared,confirmed,escalated,closed"
	}
	return v
}

// alertPage is one alert.
type alertPage struct {
	page
	Alert       monitor.Alert
	VendorName  string
	ListedName  string
	EntryKey    string
	SourceName  string
	Rows        []recordRow
	Explanation screening.Explanation
	AlertAbove  bool // the score is at or above the threshold
	Pairs       []pairRow
	Unmatched   []wordRow
	For         []evidence
	Against     []evidence
	Also        []string
	Effects     []effectView
	Decisions   []monitor.Decision
	Closed      bool
	Recorded    *monitor.Decision
	Form        decisionForm
	Actions     []actionChoice
	// EntryHash and VendorHash are what the form sends of the alert the
	// decision rests on (see pageDecide).
	EntryHash, VendorHash string
}

// recordRow is one field of the two records, side by side.
type recordRow struct {
	Field          string
	Vendor, Listed []string
}

type pairRow struct {
	Query, Candidate string
	How              string
	HowText          string
	Similarity       float64
	Weight           float64
}

type wordRow struct {
	Key, Side, Kind string
	Weight          float64
}

// evidence is a check that moved the score, for people.
type evidence struct {
	Name, Detail, Effect string
}

// decisionForm is the state of the decision form.
type decisionForm struct {
	Action, Reason, Reviewer string
	// EntryHash and VendorHash are the alert's as the reviewer read it,
	// which the form sends again; "" for the alert's as it is now.
	EntryHash, VendorHash string
	Problems              map[string]string
}

type actionChoice struct {
	Value, Label, Hint string
	Checked            bool
}

// actions are the decisions an alert can take.
var actions = []struct{ value, label, hint string }{
	{"clear", "Clear", "a false alarm: the vendor is not the listed party"},
	{"confirm", "Confirm", "a true match: the vendor is the listed party"},
	{"escalate", "Escalate", "for someone else to decide"},
}

// howText says how two words met, for people.
var howText = map[screening.How]string{
	screening.Exact:        "the same word",
	screening.Spelling:     "the same word, spelled or romanized another way",
	screening.Abbreviation: "one abbreviates the other",
	screening.Typo:         "close spellings, as a typing error gives",
	screening.Joined:       "words written together on one side, apart on the other",
	screening.Acronym:      "one is the initials of the other's words",
	screening.Glued:        "an organization word, glued to a name on one side",
	screening.Translation:  "one translates the other",
}

// pageAlert shows one alert: the two records side by side, the
// explanation, the decisions so far, and the decision form.
func (s *Server) pageAlert(w http.ResponseWriter, r *http.Request) {
	s.renderAlert(w, r, http.StatusOK, nil)
}

// renderAlert renders the alert page, with the form as posted when a
// decision was refused.
func (s *Server) renderAlert(w http.ResponseWriter, r *http.Request, status int, form *decisionForm) {
	if s.cfg.Store == nil {
		writePageError(w, http.StatusServiceUnavailable, "There is no monitoring store: the service was started without one.")
		return
	}
	id, ok := alertID(r)
	if !ok {
		writePageError(w, http.StatusNotFound, fmt.Sprintf("There is no alert %s: alert numbers are positive whole numbers, without a sign or leading zeros.", printable.Quote(r.PathValue("id"))))
		return
	}
	ctx := r.Context()
	a, err := s.cfg.Store.Alert(ctx, id)
	if errors.Is(err, monitor.ErrNoAlert) {
		writePageError(w, http.StatusNotFound, fmt.Sprintf("There is no alert %d.", id))
		return
	}
	var decisions []monitor.Decision
	if err == nil {
		decisions, err = s.cfg.Store.AlertDecisions(ctx, id)
	}
	if err != nil {
		s.log.LogAttrs(ctx, slog.LevelError, "store error", slog.String("request_id", infoOf(r).id), slog.String("error", err.Error()))
		writePageError(w, http.StatusInternalServerError, "The monitoring store failed; try again. (Request "+infoOf(r).id+".)")
		return
	}
	p := alertPage{page: page{Page: "alert", List: s.listLine()}, Alert: a, VendorName: a.Vendor.Name,
		EntryKey: a.Entry.String(), SourceName: a.Entry.Source.Name(), Explanation: a.Match.Explanation,
		Closed: a.Status == monitor.StatusClosed}
	if e := a.Match.Entry; e != nil {
		p.ListedName = e.Name
	}
	p.Title = fmt.Sprintf("Alert %d: %s and %s", a.ID, isolate(p.VendorName), isolate(p.ListedName))
	if form != nil && len(form.Problems) > 0 {
		// The title is what a screen reader says first of the page.
		p.Title = "Error: " + p.Title
	}
	p.AlertAbove = a.Score >= a.Match.Explanation.Threshold
	p.Rows = recordRows(a)
	for _, pr := range a.Match.Explanation.Pairs {
		p.Pairs = append(p.Pairs, pairRow{pr.Query, pr.Candidate, pr.How.String(), howText[pr.How], pr.Similarity, pr.Weight})
	}
	for _, wd := range a.Match.Explanation.Unmatched {
		side := "vendor name"
		if wd.Side == "candidate" {
			side = "listed name"
		}
		p.Unmatched = append(p.Unmatched, wordRow{wd.Key, side, wd.Kind, wd.Weight})
	}
	p.For, p.Against = sortEvidence(a.Match.Explanation.Checks)
	for _, e := range a.Match.Also {
		p.Also = append(p.Also, fmt.Sprintf("%s %s: %s", e.Source, e.ID, e.Name))
	}
	p.Effects = matchEffects(a.Match)
	p.Decisions = decisions
	// The decision just recorded, which the page says, unless the page
	// is of a form refused since.
	if n, err := strconv.ParseInt(r.URL.Query().Get("decision"), 10, 64); err == nil && form == nil {
		for i := range p.Decisions {
			if p.Decisions[i].ID == n {
				p.Recorded = &p.Decisions[i]
			}
		}
	}
	if p.Recorded != nil {
		p.Title = "Decision recorded: " + p.Title
	}
	if form != nil {
		p.Form = *form
	} else if info := infoOf(r); info != nil {
		p.Form.Reviewer = info.user
	}
	// A form shown again sends the alert as the reviewer first read it:
	// the page below shows the alert as it is, which the reviewer may not
	// read again before sending the form again.
	p.EntryHash, p.VendorHash = a.EntryHash, a.VendorHash
	if p.Form.EntryHash != "" || p.Form.VendorHash != "" {
		p.EntryHash, p.VendorHash = p.Form.EntryHash, p.Form.VendorHash
	}
	for _, ac := range actions {
		p.Actions = append(p.Actions, actionChoice{ac.value, ac.label, ac.hint, p.Form.Action == ac.value})
	}
	logAttrs(r, slog.Int64("alert", id))
	renderPage(w, status, "alert", p)
}

// pageDecide records the decision of the form on an alert: 303 to the
// alert's page, which says it was recorded; or the page again with what
// is wrong, 422.
func (s *Server) pageDecide(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Store == nil {
		writePageError(w, http.StatusServiceUnavailable, "There is no monitoring store: the service was started without one.")
		return
	}
	id, ok := alertID(r)
	if !ok {
		writePageError(w, http.StatusNotFound, fmt.Sprintf("There is no alert %s: alert numbers are positive whole numbers, without a sign or leading zeros.", printable.Quote(r.PathValue("id"))))
		return
	}
	if ct := r.Header.Get("Content-Type"); ct == "" {
		writePageError(w, http.StatusUnsupportedMediaType, "The form must be sent as application/x-www-form-urlencoded. It was sent with no Content-Type.")
		return
	} else if _, err := checkContentType(ct, []string{"application/x-www-form-urlencoded"}); err != nil {
		writePageError(w, http.StatusUnsupportedMediaType, fmt.Sprintf("The form must be sent as application/x-www-form-urlencoded. It was sent as %s.", printable.Quote(ct)))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
	if err := r.ParseForm(); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writePageError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("The form is longer than %d bytes.", tooLarge.Limit))
			return
		}
		writePageError(w, http.StatusBadRequest, "The form could not be read: "+err.Error()+".")
		return
	}
	form := decisionForm{Action: r.PostForm.Get("action"), Reason: r.PostForm.Get("reason"), Reviewer: r.PostForm.Get("reviewer"),
		EntryHash: r.PostForm.Get("entry_hash"), VendorHash: r.PostForm.Get("vendor_hash")}
	action, problems := checkDecision(form.Action, form.Reason, form.Reviewer)
	if half := halfHashes(form.EntryHash, form.VendorHash); half != "" {
		// Malformed, as the API answers it (422): no page sends it. The
		// decision cannot rest on the alert as the form read it, so the
		// form shown again rests on the alert as the page now shows it,
		// and the reviewer, who may not have read that, chooses again.
		problems["form"] = half + " This page shows the alert as it is: read it, then choose the decision and send it."
		form.Action, form.EntryHash, form.VendorHash = "", "", ""
	}
	if len(problems) > 0 {
		form.Problems = problems
		// The form is shown again as typed, but for invalid UTF-8, which
		// the page, UTF-8, shows as U+FFFD.
		for _, f := range []*string{&form.Action, &form.Reason, &form.Reviewer, &form.EntryHash, &form.VendorHash} {
			*f = strings.ToValidUTF8(*f, "\uFFFD")
		}
		s.renderAlert(w, r, http.StatusUnprocessableEntity, &form)
		return
	}
	// The page sends the hashes of the alert it shows: a decision rests
	// on what the reviewer read. A form without them (a page from before
	// they were sent) decides on the alert as it is.
	seen := seenAlert(id, r.PostForm.Get("entry_hash"), r.PostForm.Get("vendor_hash"))
	d, status, err := s.decide(r, id, seen, action, form.Reason, form.Reviewer)
	switch {
	case status == http.StatusInternalServerError:
		s.log.LogAttrs(r.Context(), slog.LevelError, "store error", slog.String("request_id", infoOf(r).id), slog.String("error", err.Error()))
		writePageError(w, status, "The monitoring store failed, and the decision was not recorded; try again. (Request "+infoOf(r).id+".)")
		return
	case err != nil:
		msg := err.Error() + "."
		if errors.Is(err, monitor.ErrAlertChanged) {
			// The page shown again reads the alert anew: say that it is
			// not the one the decision was made on.
			msg = fmt.Sprintf("A run changed the entry or the vendor record of alert %d since it was read. This page now shows the alert as it is: read it again, then choose the decision again and send it.", id)
			// The form sends the alert as it is now, and the decision
			// chosen on the old one is no longer chosen: sent again
			// with one click, it would rest on a record the reviewer
			// has not read.
			form.Action, form.EntryHash, form.VendorHash = "", "", ""
		}
		form.Problems = map[string]string{"action": msg}
		if status == http.StatusNotFound {
			writePageError(w, status, "There is no alert "+strconv.FormatInt(id, 10)+".")
			return
		}
		s.renderAlert(w, r, status, &form)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/review/alerts/%d?%s", id, url.Values{"decision": {strconv.FormatInt(d.ID, 10)}}.Encode()), http.StatusSeeOther)
}

// pageStatic serves the page's style sheet.
func (s *Server) pageStatic(w http.ResponseWriter, r *http.Request) {
	b, err := fs.ReadFile(pageFiles, "static/"+r.PathValue("file"))
	if err != nil {
		writePageError(w, http.StatusNotFound, fmt.Sprintf("There is no file %s of the page.", printable.Quote(r.PathValue("file"))))
		return
	}
	ct := "application/octet-stream"
	if strings.HasSuffix(r.PathValue("file"), ".css") {
		ct = "text/css; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(b)
}
