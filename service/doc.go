// Package service is screening over HTTP: a JSON API for programs written
// in any language, and a review page for the analysts who decide alerts.
//
// A Server screens with a screening.Screener built from the list its
// Config.Load returns, and keeps alerts and decisions in a monitor.Store.
// Its answers are the library's records: a screened query is the JSON of a
// screening.Result (the one record the command, the examples and an audit
// log write), an alert a monitor.Alert, a decision a monitor.Decision.
// The routes, their bodies and their statuses are described by the OpenAPI 3
// document served at /openapi.json (openapi.json in this folder):
//
//	POST /v1/screen                  screen one party
//	POST /v1/screen/batch            screen up to Config.MaxBatch parties (JSON array or JSON Lines)
//	POST /v1/explain                 screen one party, near misses included
//	GET  /v1/list                    the list in use: version, counts per source, age
//	GET  /v1/alerts                  a page of alerts, by status and vendor (limit, after)
//	GET  /v1/alerts/{id}             one alert
//	GET  /v1/alerts/{id}/decisions   the decisions on one alert, oldest first
//	POST /v1/alerts/{id}/decision    record a decision: clear, confirm or escalate
//	GET  /v1/audit                   every run, alert, decision and alert event, as JSON Lines
//	POST /admin/reload               load the list again now
//	GET  /healthz, /readyz, /metrics health, readiness, Prometheus metrics
//	GET  /review/                    the review page: the queue, one alert, the decision form
//
// # Pages of alerts
//
// GET /v1/alerts answers a JSON array of at most limit alerts (100 unless
// given, at most 1000), in the order of monitor.Store.Alerts. When another
// page follows, its URL is in the Link header (rel="next") and its cursor
// in X-Next-Cursor: the same request with after set to it asks for it. A
// cursor is opaque; it holds the key of the page's last alert, so that a
// walk through the pages lists every alert that stays selected once
// whatever runs and decisions do meanwhile, and each page is a range of an
// index. A limit out of range, an after that is no cursor (or one of
// another vendor's alerts than the vendor asked for), a vendor with a NUL
// character or invalid UTF-8, or a vendor, limit or after given twice is
// a 400 that names the parameter and quotes the value given, its first
// 40 bytes and its length when it is longer. The review queue pages the
// same way; it answers a filter it cannot use with the open alerts and
// the problem, 400, its form keeping what was typed.
//
// # Requests
//
// Bodies are read strictly (package internal/strictjson): a body that is
// not one JSON object of the route's keys is a 400 whose error says what
// is wrong and at which byte, counting from 0. A query's sources must be
// sources of the list in use: another is a 400 that lists the list's own,
// not a query that silently matches nothing. Text that goes to the store
// (a vendor id, a cursor, a decision's reason and reviewer) holds no NUL
// character and no invalid UTF-8, which PostgreSQL refuses: such text is
// the client's error (400 for a parameter, 422 for a decision's field),
// whatever the store. Every error of the API, a path that is no route's
// (404) and a method its routes do not take (405, with the Allow header)
// included, is a JSON object whose "error" says what is wrong, quoting
// what the client gave (a value, a key, a path, a method, a query's
// field) up to its first 40 bytes, then its length. Under
// /review/ an error, those two included, is a page saying it. Every
// answer of the review page (/, /review and what is under /review/),
// its redirects and errors included, carries the headers of every page:
// a Content-Security-Policy with no script and no framing,
// X-Frame-Options, X-Content-Type-Options, Referrer-Policy and
// Cache-Control: no-store (the style sheet alone may be cached).
//
// # Reloading
//
// Reload builds a new Screener aside and swaps it in atomically: a request
// screens with the Screener it started with, so requests in flight finish on
// the old list and none sees a mix. A reload that fails (a list that does
// not load, a download refused) keeps the list in use, and shows in /healthz,
// /v1/list and the metrics. Serve reloads every Config.ReloadEvery.
//
// # Security
//
// With Config.Keys set, every route but /healthz, /readyz, /openapi.json,
// the page's style sheet and / (a redirect to /review/) asks for an API
// key, as "Authorization: Bearer KEY" or, for a browser, as the password of
// HTTP Basic authentication. The Server keeps only the keys' SHA-256
// hashes and compares in constant time. /healthz answers a request
// without a key its status alone: the tool's version, the list, where it
// comes from and the last reload's error are for the key holders, as in
// /v1/list. A reload's error is shown and logged with the secrets of the
// addresses it quotes redacted (a download's error quotes its URL whole,
// an api_key in its query). Without keys, Serve listens only
// on a loopback address. Requests that
// change something and come from a browser of another origin are refused
// (by their Sec-Fetch-Site or Origin headers), so a page elsewhere cannot
// make an analyst's browser record a decision. Bodies, batches and the
// time a client may take are bounded (see Config). The logs never hold a
// screened name, address or identifier unless Config.LogNames is set.
//
// # Several instances
//
// The Server keeps no state of its own but caches: its list, its metrics.
// Alerts and decisions are in the Store, which several instances behind a
// load balancer share when it is PostgreSQL (monitor.Open with a
// postgres:// URL); the review page keeps no session, and a decision posted
// to one instance is seen by all.
//
// A Server is safe for concurrent use. Screening results support a
// compliance decision; they are not legal advice.
package service
