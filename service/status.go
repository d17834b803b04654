package service

import (
	"context"
	_ "embed"
	"log/slog"
	"net/http"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
)

// openAPI is the OpenAPI 3 document of the routes, served at
// /openapi.json.
//
//go:embed openapi.json
var openAPI []byte

// ListInfo is the answer of GET /v1/list: the list in use and how fresh it
// is.
//
// The zero ListInfo is no list. Like any plain Go value it may be read by
// many goroutines at once, but not changed while another uses it.
type ListInfo struct {
	// Version is the list's version, as its results carry it: origin,
	// SHA-256, newest entry date, entries in all and per source, when and
	// from where it was fetched, names the screener cannot screen.
	Version entitylist.Version `json:"list_version"`
	// Loaded is when this Server built its Screener.
	Loaded time.Time `json:"loaded"`
	// Fetched is when the list was downloaded (for a merged list, the
	// oldest of its parts that records it); zero for a list that does not
	// record it: a file given as is, or a download whose fetch time is
	// unknown (see FetchedUnknown).
	Fetched time.Time `json:"fetched,omitzero"`
	// FetchedUnknown reports that the list, or a part of it, was read from
	// the cache of downloads (entitylist.Version.Cached) but when it was
	// fetched is unknown: its fetch record is damaged or missing, and its
	// file's time is later than now (see entitylist.Cache.CheckRecords).
	FetchedUnknown bool `json:"fetched_unknown"`
	// AgeSeconds is the time since Fetched, or since Loaded when Fetched
	// is zero.
	AgeSeconds float64 `json:"age_seconds"`
	// Stale reports an age beyond the Server's maximum (Config.MaxAge),
	// or a download whose age is unknown (FetchedUnknown): as old as can
	// be, for all that is known, as the command takes it.
	Stale bool `json:"stale"`
	// Threshold is the default alert threshold.
	Threshold float64 `json:"threshold"`
	// WeakAliases reports whether the aliases the list calls weak are
	// screened by default (see screening.WithWeakAliases), and
	// WeakAliasNames how many of its names are such aliases.
	WeakAliases    bool `json:"weak_aliases"`
	WeakAliasNames int  `json:"weak_alias_names"`
	// Reload is the outcome of the last reload.
	Reload ReloadInfo `json:"reload"`
}

// ReloadInfo is the outcome of the last reload of the list.
//
// The zero ReloadInfo is no reload yet. Like any plain Go value it may be
// read by many goroutines at once, but not changed while another uses it.
type ReloadInfo struct {
	// At is when the last reload started; zero before the first.
	At time.Time `json:"at,omitzero"`
	// Error is why it failed, empty when it did not; the list in use is
	// then the one before.
	Error string `json:"error,omitempty"`
	// Failures is the number of reloads that failed in a row.
	Failures int `json:"consecutive_failures"`
	// Success is when the last reload that worked finished.
	Success time.Time `json:"last_success,omitzero"`
}

// Health is the answer of GET /healthz.
//
// The zero Health is the health of nothing: no status, no list. Like any
// plain Go value it may be read by many goroutines at once, but not changed
// while another uses it.
type Health struct {
	// Status is "ok"; "degraded" when the last reload failed or the list
	// is stale, or downloaded at a time unknown (ListInfo.Stale; the list
	// in use is still screened against); "starting"
	// before a list is loaded.
	Status string `json:"status"`
	// ToolVersion and List are given to a request that presents an API
	// key, or to every request when the Server has none; List is nil
	// before a list is loaded.
	ToolVersion string    `json:"tool_version,omitempty"`
	List        *ListInfo `json:"list,omitempty"`
	Store       bool      `json:"store"` // whether the service has a monitoring store
}

// listInfo describes st, which must not be nil.
func (s *Server) listInfo(st *state) *ListInfo {
	now := s.cfg.Now()
	fetched := fetchedOf(st.version)
	since := fetched
	if since.IsZero() {
		since = st.loaded
	}
	info := &ListInfo{Version: st.version, Loaded: st.loaded, Fetched: fetched, FetchedUnknown: fetchUnknown(st.version),
		AgeSeconds: now.Sub(since).Seconds(), Threshold: st.screener.Threshold(), WeakAliases: st.screener.WeakAliases(), WeakAliasNames: st.weak}
	info.Stale = info.FetchedUnknown || !fetched.IsZero() && now.Sub(fetched) > s.cfg.MaxAge
	info.Reload = s.reloadInfo()
	return info
}

// fetchedOf returns when the list of v was fetched: v's own time, else,
// for a merged list, the oldest of its parts' (a downloaded list merged
// with files or the embedded lists); zero when none records one.
func fetchedOf(v entitylist.Version) time.Time {
	if !v.Fetched.IsZero() {
		return v.Fetched
	}
	var oldest time.Time
	for _, p := range v.Parts {
		if f := fetchedOf(p); !f.IsZero() && (oldest.IsZero() || f.Before(oldest)) {
			oldest = f
		}
	}
	return oldest
}

// fetchUnknown reports whether v, or a part of it, is of a list read from
// the cache of downloads whose fetch time is unknown.
func fetchUnknown(v entitylist.Version) bool {
	if v.Cached && v.Fetched.IsZero() {
		return true
	}
	for _, p := range v.Parts {
		if fetchUnknown(p) {
			return true
		}
	}
	return false
}

func (s *Server) reloadInfo() ReloadInfo {
	rs := s.reload.Load()
	if rs == nil {
		return ReloadInfo{}
	}
	ri := ReloadInfo{At: rs.At, Failures: rs.Failures, Success: rs.Success}
	if rs.Err != nil {
		ri.Error = rs.Err.Error()
	}
	return ri
}

// handleHealth answers whether the process serves: 200 once a list is
// loaded, "degraded" in the body when the last reload failed or the list
// is stale (a download whose fetch time is unknown included); 503 before
// the first list. The route is public, for load
// balancers and probes; with keys, the details (the tool's version, the
// list, where it came from, the last reload's error) go only to a
// request that presents one, as /v1/list does.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	details, _ := s.keyHolder(r)
	h := Health{Status: "ok", Store: s.cfg.Store != nil}
	if details {
		h.ToolVersion = s.cfg.ToolVersion
	}
	st := s.current()
	if st == nil {
		h.Status = "starting"
		writeJSON(w, http.StatusServiceUnavailable, h)
		return
	}
	info := s.listInfo(st)
	if info.Reload.Error != "" || info.Stale {
		h.Status = "degraded"
	}
	if details {
		h.List = info
	}
	writeJSON(w, http.StatusOK, h)
}

// handleReady answers whether the Server takes requests: 200 with a list
// loaded, 503 before one is and while shutting down.
func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) {
	switch {
	case s.draining.Load():
		writeError(w, http.StatusServiceUnavailable, "shutting down")
	case s.current() == nil:
		writeError(w, http.StatusServiceUnavailable, "no list loaded yet")
	default:
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	}
}

// handleList answers the list in use, a ListInfo.
func (s *Server) handleList(w http.ResponseWriter, r *http.Request) {
	st := s.current()
	if st == nil {
		writeError(w, http.StatusServiceUnavailable, "no list loaded yet")
		return
	}
	writeJSON(w, http.StatusOK, s.listInfo(st))
}

// handleReload loads the list again now: 200 with the new ListInfo, or 500
// with the error and the list still in use.
func (s *Server) handleReload(w http.ResponseWriter, r *http.Request) {
	// A client that goes away does not stop the reload it asked for.
	err := s.Reload(context.WithoutCancel(r.Context()))
	st := s.current()
	if err != nil {
		body := struct {
			Error string    `json:"error"`
			List  *ListInfo `json:"list,omitempty"`
		}{Error: err.Error()}
		if st != nil {
			body.List = s.listInfo(st)
		}
		logAttrs(r, slog.Bool("reloaded", false))
		writeJSON(w, http.StatusInternalServerError, body)
		return
	}
	logAttrs(r, slog.Bool("reloaded", true), slog.String("sha256", st.version.SHA256))
	writeJSON(w, http.StatusOK, s.listInfo(st))
}

// handleOpenAPI serves the OpenAPI document.
func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	writeRaw(w, http.StatusOK, openAPI)
}
