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
// pair never goes quiet, and is marked and reported so when its entry or
// vendor record changes after the decision. So it is too when the pair's alert closed
// meanwhile (the vendor missing from one file, the entry removed and added
// again, the threshold raised and lowered): an alert that matches again
// goes back to where the reviewer's last decision left it. An entry is
// known by its key (entitylist.EntryKey): for an id a list repeats, the
// key is the row's place among the rows of the id, which a row removed or
// added before it moves, so that the key may hold another row than the
// one decided on. There a confirmed or escalated decision does not carry
// over when the entry under the key changes: the alert opens again,
// changed since review and reported, for a reviewer to decide on the row
// it holds now; an alert whose key the list no longer has closes saying
// its row may be under another key. One kind of pair it leaves alone: a vendor and
// an entry that both stayed as they were, with no alert, which the list's
// change can still bring over the threshold (the weights of its words
// move; a word that left the list no longer hides a misspelling of
// another), as rarely as the change is small; a full run finds it, and a
// change of more than RunOptions.MaxChange of the list makes one.
//
// A run takes seconds for a master of a million records after a day's
// change of the list: the store keeps with each vendor record its digest,
// the record's hash and its footprint (screening.Footprint, the words its
// name is found by), reads them in one pass, and tests the footprints of
// the records that did not change against the entries the list added or
// changed (screening.Reach), on every CPU; it screens only those a changed
// entry can reach, which is the same as screening them all. It writes only
// what changed, many rows a statement. A footprint holds for the program
// that made it: a run of another program (another version, another
// build) makes the footprints anew, once, at the cost of normalizing
// every name.
//
// Store.Decide records a reviewer's decision on an alert, and
// Store.DecideOn one on the alert as the reviewer read it, refused
// (ErrAlertChanged) when a run changed its entry or vendor record since;
// Store.AlertDecisions reads an alert's decisions; Store.Alerts lists alerts, or a
// page of them from a key on (AlertFilter.Limit and After), which stays
// a range of an index however many alerts the store holds; Store.Audit
// writes every run, alert and decision, and every change a run made to an
// alert (AlertEvent): the alerts' history, which runs only append to.
// Decisions and events are the audit trail: the database refuses to
// change or delete them (triggers, on SQLite and PostgreSQL).
package monitor
