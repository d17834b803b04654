// Package monitor is the stateful half of screening: it re-screens a
// supplier master as lists change, keeps the alerts it raised and the
// reviewers' decisions on them, and records every run, for an auditor.
//
// A Store holds that state in a database: SQLite, one file created on
// first use (OpenSQLite, with the pure-Go driver, so no cgo is needed), or
// PostgreSQL for a team (OpenPostgres), with the same schema, migrated on
// open, and the same behaviour. Several processes may run and decide
// against one PostgreSQL store at once: runs take turns, and no alert or
// decision is lost or counted twice.
//
// Store.Run screens what changed since the last run: vendor records that
// are new or changed against the whole list, and the other vendors
// against only the entries the list added or changed (screening's
// WithEntries, with the scores of the whole list). Entries the list
// removed close their alerts, and so do vendors no longer in the file. Its
// result equals a full re-screen's, but for the pairs a reviewer decided:
// a pair cleared as a false alarm stays quiet while neither the entry nor
// the vendor record changes (by their content hashes), and comes back
// marked "changed since review" when one does; a confirmed or escalated
// pair never goes quiet.
//
// Store.Decide records a reviewer's decision on an alert; Store.Alerts
// lists alerts; Store.Audit writes every run, alert and decision.
package monitor
