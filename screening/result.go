package screening

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/printable"
)

// Match is a list entry a query may be. The zero Match is no match: it
// has no Entry, and Screen never returns one. A Match also holds, unexported,
// the indexes of its rows in the list (see Indexes): compare Matches with
// that in mind (a Match read from JSON has none).
//
// A Match marshals to JSON as the one record of a match that every
// consumer writes (the command's JSON Lines, the examples, an audit log):
//
//	{"id": "...", "source": "EL", "name": "...", "type": "entity",
//	 "country": "RU", "federal_register": "89 FR 52362",
//	 "matched_name": "...", "score": 0.93, "alert": true,
//	 "entry": {...}, "also": [{...}], "party": 0,
//	 "effects": [{"source": "EL", "kind": "license-required", ...}],
//	 "list_version": {...}, "explanation": {...}}
//
// id, source, name, type and federal_register (the notices, joined by
// "; ") repeat the entry's, and country is Country, for readers that need
// no more; matched_alias is Alias, when the list says what the matched
// alias is; entry and also are the entries whole, as listed; party is
// Party; effects are the legal effects of the entry and the rows in also
// (see Effects), what the listings oblige in plain words and as data;
// list_version is the list they were listed in; and explanation is the
// Explanation, left out when the match was screened WithExplanations(false).
// encoding/json reads the record back into an equal Match, but for the
// indexes of its rows (see Indexes), which the record does not hold.
//
// Like any plain Go value it may be read by many goroutines at once, but not
// changed while another uses it. The Matches a Screener returns share no
// memory with it or with one another.
type Match struct {
	// Entry is the list entry, decoded for this match (see
	// entitylist.List.Entry): the caller's own copy, which changes nothing
	// in the Screener's list. No two results share one: Indexes tells
	// which row of the list it is.
	Entry *entitylist.Entry
	// Country is the entry's country that concerns the query: the query's
	// country when the entry has it (by an address, a nationality or a
	// citizenship), else the entry's first, else empty.
	Country string
	// MatchedName is the entry's name or alternate name that scored best.
	MatchedName string
	// Score is in [0, 1]; 1 is the same name.
	Score float64
	// Alert reports whether Score is at or above the threshold.
	Alert bool
	// Version is the version of the list the match was made against: the
	// caller's own copy, as Entry is.
	Version entitylist.Version
	// Explanation says how the score came about; it is the zero
	// Explanation when the match was screened WithExplanations(false).
	Explanation Explanation
	// Also holds the other rows of the same party that score at least the
	// minimum score, in the order of their scores: rows of the lists that
	// share the entry's entity number (OFAC's lists give one party one
	// number, so a party listed under SDN, SSI and NS-MBS is one match).
	// They are decoded for this match, as Entry is.
	Also []*entitylist.Entry
	// Party is the index, in its Result's Matches, of the first match of
	// the same party as this one, or its own index. Rows of one party on
	// different lists that share no entity number (an Entity List row and
	// an SDN row of one company, or a row of the procurement prohibitions)
	// stay matches of their own, each with its score, so that no listing
	// hides behind another; Party groups them for display. Rows are one
	// party when neither is a person, vessel or aircraft by its type, their
	// primary names have the same words, one of them distinctive
	// (organization words such as "company" and connectors aside), with
	// legal forms of one class or none on one side ("AO Kaspersky Lab" and
	// "Kaspersky Lab, Inc." are not one party), and their countries agree
	// (one shared, or none given on one side).
	Party int

	// at and alsoAt are the indexes of Entry and of Also in the list of the
	// Screener that made the match, at plus one: 0 for a Match it did not
	// make (one read from JSON). See Indexes.
	at     int
	alsoAt []int
}

// Indexes returns the indexes of m.Entry and of m.Also, in order, in the
// list of the Screener that made m (see entitylist.List.Entry and
// List.Keys), and true; or false for a Match no Screener made, such as one
// read from JSON. Entries are the caller's own copies (see Entry): the
// indexes are what tells the list's rows apart, two identical rows
// included.
func (m *Match) Indexes() (entry int, also []int, ok bool) {
	if m.at == 0 {
		return 0, nil, false
	}
	return m.at - 1, slices.Clone(m.alsoAt), true
}

// matchJSON is the JSON record of a Match.
type matchJSON struct {
	ID          string                `json:"id"`
	Source      entitylist.Source     `json:"source"`
	Name        string                `json:"name"`
	Type        entitylist.EntityType `json:"type"`
	Country     string                `json:"country,omitempty"`
	Notices     string                `json:"federal_register,omitempty"`
	MatchedName string                `json:"matched_name"`
	Alias       *entitylist.Alias     `json:"matched_alias,omitempty"`
	Score       float64               `json:"score"`
	Alert       bool                  `json:"alert"`
	Entry       *entitylist.Entry     `json:"entry"`
	Also        []*entitylist.Entry   `json:"also,omitempty"`
	Party       int                   `json:"party"`
	Effects     []entitylist.Effect   `json:"effects"`
	Version     entitylist.Version    `json:"list_version"`
	Explanation Explanation           `json:"explanation,omitzero"`
}

// MarshalJSON writes the record described at Match.
func (m Match) MarshalJSON() ([]byte, error) {
	j, err := m.record()
	if err != nil {
		return nil, err
	}
	return marshal(j)
}

// record returns the JSON record of m.
func (m Match) record() (matchJSON, error) {
	if m.Entry == nil {
		return matchJSON{}, errors.New("screening: a Match without an Entry has no JSON record")
	}
	return matchJSON{
		ID: m.Entry.ID, Source: m.Entry.Source, Name: m.Entry.Name, Type: m.Entry.Type,
		Country: m.Country, Notices: strings.Join(m.Entry.FederalRegisterNotices, "; "),
		MatchedName: m.MatchedName, Score: m.Score, Alert: m.Alert,
		Alias: aliasOf(m), Entry: m.Entry, Also: m.Also, Party: m.Party, Effects: m.Effects(),
		Version: m.Version, Explanation: m.Explanation,
	}, nil
}

// UnmarshalJSON reads a record written by MarshalJSON.
func (m *Match) UnmarshalJSON(b []byte) error {
	var j matchJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	if j.Entry == nil {
		return errors.New(`screening: match record without "entry"`)
	}
	*m = Match{Entry: j.Entry, Country: j.Country, MatchedName: j.MatchedName, Score: j.Score, Alert: j.Alert,
		Version: j.Version, Explanation: j.Explanation, Also: j.Also, Party: j.Party}
	return nil
}

// Alias returns what the list says of the alternate name the match was
// made on (its kind, "aka", "fka" or "nka", and whether the list calls it
// weak), for lists that say (entitylist.Entry.Aliases); ok is false when
// the match was made on the primary name or the list says nothing. An
// alias the list gives both as weak and not is not weak. A weak alias,
// screened only WithWeakAliases, is broad or generic: a match on it alone
// calls for the other details of the entry.
func (m Match) Alias() (a entitylist.Alias, ok bool) {
	if m.Entry == nil || m.MatchedName == m.Entry.Name {
		return entitylist.Alias{}, false
	}
	for _, b := range m.Entry.Aliases {
		if b.Name == m.MatchedName && (!ok || a.Weak) {
			a, ok = b, true
		}
	}
	return a, ok
}

// aliasOf returns m.Alias for JSON: nil when there is none.
func aliasOf(m Match) *entitylist.Alias {
	if a, ok := m.Alias(); ok {
		return &a
	}
	return nil
}

// Effects returns the legal effects of the match's listings: those of its
// Entry, then those of each row in Also (see entitylist.Entry.Effects).
func (m Match) Effects() []entitylist.Effect {
	if m.Entry == nil {
		return nil
	}
	fx := m.Entry.Effects()
	for _, e := range m.Also {
		fx = append(fx, e.Effects()...)
	}
	return fx
}

// String renders the match on one line for people: its score, "alert"
// or "near miss" (see Alert), the entry's source and ID, its name and the
// name matched, quoted, and the country that concerns the query (see
// Country) when there is one, for example
// `0.9412 alert EL 123 "AO Kaspersky Lab" (matched "Kaspersky Lab") RU`.
// What comes from the list has its control characters escaped (see
// printable.Text).
func (m Match) String() string {
	if m.Entry == nil {
		return "no match"
	}
	alert := "near miss"
	if m.Alert {
		alert = "alert"
	}
	s := fmt.Sprintf("%.4f %s %s %s %q (matched %q)", m.Score, alert, printable.Text(string(m.Entry.Source)), printable.Text(m.Entry.ID), m.Entry.Name, m.MatchedName)
	if m.Country != "" {
		s += " " + printable.Text(m.Country)
	}
	return s
}

// Result is the outcome of screening one query. The zero Result is the
// result of no query.
//
// A Result marshals to JSON as the query's fields, its name under "query",
// then the outcome ("alert": whether some match is an alert; the matches
// as the records described at Match):
//
//	{"query": "Kaspersky Lab JSC", "country": "RU", "alert": true,
//	 "matches": [...], "more": 2, "threshold": 0.72, "list_version": {...}}
//
// ("weak_aliases": true follows the threshold when the list's weak
// aliases were screened), and a query that could not be screened as its
// fields and the error's text alone:
// {"query": "", "error": "screening: empty name: \"\""}. The query's kind
// is written by name ("kind": "entity"), or by its number when it is no
// type (a query refused with ErrInvalidKind). Read back, the record is the
// Result written, but for the error, which is an error with that text, no
// longer a sentinel, and what the Matches read back lack (see Match): a
// query that matched nothing has "matches": [] and reads back with an
// empty Matches, a query that could not be screened none and reads back
// with nil. JSON holds only valid UTF-8: a query field that is not (a
// name or address refused with ErrInvalidUTF8, an ID) is written as
// encoding/json writes it, each invalid byte as U+FFFD, and reads back so;
// the error's text quotes the name or address as it was.
//
// Like any plain Go value it may be read by many goroutines at once, but not
// changed while another uses it.
type Result struct {
	// Query is the query screened.
	Query Query
	// Matches are its matches, best first; empty when Err is set.
	Matches []Match
	// More is the number of further matches scoring at least the minimum
	// score that the limit left out.
	More int
	// Version is the version of the list screened against, the caller's
	// own copy (see Match.Version); zero when the query could not be
	// screened (Err is set).
	Version entitylist.Version
	// Threshold is the alert threshold the query was screened with; zero
	// when it could not be screened.
	Threshold float64
	// WeakAliases reports whether the aliases the list calls weak were
	// screened (see WithWeakAliases).
	WeakAliases bool
	// Err is why the query could not be screened, or nil.
	Err error
}

// resultJSON is the JSON form of a Result.
//
// M is Match when it is read, and matchJSON when it is written, so that the
// matches are written in the one pass over the record.
type resultJSON[M any] struct {
	Name      string              `json:"query"`
	Country   string              `json:"country,omitempty"`
	Kind      kindJSON            `json:"kind,omitzero"`
	Address   string              `json:"address,omitempty"`
	ID        string              `json:"id,omitempty"`
	Alert     *bool               `json:"alert,omitempty"`   // nil: an error
	Matches   *[]M                `json:"matches,omitempty"` // nil: an error
	More      int                 `json:"more,omitempty"`
	Threshold float64             `json:"threshold,omitempty"`
	Weak      bool                `json:"weak_aliases,omitempty"`
	Version   *entitylist.Version `json:"list_version,omitempty"`
	Error     string              `json:"error,omitempty"`
}

// kindJSON is Query.Kind in the record of a Result: its name, as
// entitylist.EntityType marshals it, or the number of a value that is no
// type (a query refused with ErrInvalidKind), which EntityType refuses to
// marshal: so the record of that query reads back as the query refused,
// not as another.
type kindJSON entitylist.EntityType

// MarshalJSON writes k by name, or by its number when it is no type.
func (k kindJSON) MarshalJSON() ([]byte, error) {
	if t := entitylist.EntityType(k); t <= entitylist.TypeAircraft {
		return strconv.AppendQuote(nil, t.String()), nil
	}
	return strconv.AppendUint(nil, uint64(k), 10), nil
}

// UnmarshalJSON reads a kind written by MarshalJSON: a name, as
// entitylist.EntityType reads it, or a number.
func (k *kindJSON) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, (*entitylist.EntityType)(k))
	}
	return json.Unmarshal(b, (*uint8)(k))
}

// MarshalJSON writes the record described at Result.
func (r Result) MarshalJSON() ([]byte, error) {
	j := resultJSON[matchJSON]{Name: r.Query.Name, Country: r.Query.Country, Kind: kindJSON(r.Query.Kind),
		Address: r.Query.Address, ID: r.Query.ID, More: r.More, Threshold: r.Threshold, Weak: r.WeakAliases}
	if r.Err == nil {
		alert, matches := r.Alert(), make([]matchJSON, len(r.Matches))
		for i, m := range r.Matches {
			var err error
			if matches[i], err = m.record(); err != nil {
				return nil, err
			}
		}
		j.Alert, j.Matches = &alert, &matches
	}
	if r.Version.SHA256 != "" || r.Version.Entries != 0 {
		j.Version = &r.Version
	}
	if r.Err != nil {
		j.Error = r.Err.Error()
	}
	return marshal(j)
}

// UnmarshalJSON reads a record written by MarshalJSON.
func (r *Result) UnmarshalJSON(b []byte) error {
	var j resultJSON[Match]
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*r = Result{
		Query: Query{Name: j.Name, Country: j.Country, Kind: entitylist.EntityType(j.Kind), Address: j.Address, ID: j.ID},
		More:  j.More, Threshold: j.Threshold, WeakAliases: j.Weak,
	}
	if j.Matches != nil { // "matches":[] is a query that matched nothing: an empty list, as Screen returns
		r.Matches = *j.Matches
	}
	if j.Version != nil {
		r.Version = *j.Version
	}
	if j.Error != "" {
		r.Err = errors.New(j.Error)
	}
	return nil
}

// Alert reports whether some match of r is an alert.
func (r *Result) Alert() bool {
	for _, m := range r.Matches {
		if m.Alert {
			return true
		}
	}
	return false
}

// marshal is json.Marshal without escaping HTML characters: names such as
// "Smith & Sons" stay readable, and an encoder that escapes them (as
// json.Marshal does) escapes them when it takes the record in.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
