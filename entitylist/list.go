package entitylist

import (
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/entityscreen/entityscreen/internal/problem"
)

// List is a loaded screening list: its entries, in input order, and its
// [Version]. A List is immutable after loading and safe for concurrent use
// by multiple goroutines. It keeps its entries encoded, in a fraction of
// the memory of Entry structs, and decodes one each time it is asked for:
// the entries it returns are the caller's own copies. The zero List is
// empty.
type List struct {
	store
	version  Version
	warnings []Warning
}

// Len returns the number of entries.
func (l *List) Len() int { return l.len() }

// Entry returns entry i, 0 <= i < Len(), decoded anew at each call: the
// caller's own copy, which it may keep or modify without changing the list
// (its strings share the list's memory, which is immutable). It panics if i
// is out of range, like a slice index.
func (l *List) Entry(i int) *Entry {
	if i < 0 || i >= l.len() {
		panic(fmt.Sprintf("entitylist: entry index %d out of range [0:%d]", i, l.len()))
	}
	return l.entry(i)
}

// Name returns name k of entry i, as Entry(i).Names()[k] does (the primary
// name for k = 0, the alternate name k-1 otherwise), without decoding the
// rest of the entry. It panics if i or k is out of range, like a slice
// index.
func (l *List) Name(i, k int) string {
	if i < 0 || i >= l.len() {
		panic(fmt.Sprintf("entitylist: entry index %d out of range [0:%d]", i, l.len()))
	}
	name, ok := l.name(i, k)
	if !ok {
		panic(fmt.Sprintf("entitylist: entry %d: name index %d out of range", i, k))
	}
	return name
}

// Summary is what tells an entry of a List from the others, read without
// decoding the rest of it: see [List.Summary].
//
// The zero Summary is the summary of no entry. Like any plain Go value it
// may be read by many goroutines at once, but not changed while another uses
// it.
type Summary struct {
	Source       Source
	ID           string
	EntityNumber string     // empty if not published
	Type         EntityType // TypeUnknown if not published
	Line         int        // as Entry.Line: 0 if the format gives none
	Names        int        // the number of its names: 1 + len(AltNames)
	Aliases      bool       // whether Entry.Aliases says what its alternate names are (see Alias)
}

// Summary returns the Source, ID, EntityNumber, Type, Line, number of
// names and whether it has Aliases of entry i, as Entry(i) has them,
// without decoding the rest of the entry and without allocating. It
// panics if i is out of range, like a slice index.
func (l *List) Summary(i int) Summary {
	if i < 0 || i >= l.len() {
		panic(fmt.Sprintf("entitylist: entry index %d out of range [0:%d]", i, l.len()))
	}
	return l.summary(i)
}

// All iterates over the entries and their indices, in input order. Each
// entry is decoded anew, as by [List.Entry].
func (l *List) All() iter.Seq2[int, *Entry] {
	return func(yield func(int, *Entry) bool) {
		for i := range l.len() {
			if !yield(i, l.entry(i)) {
				return
			}
		}
	}
}

// Version returns the version of the list. It is a copy: changing it does
// not change the list.
func (l *List) Version() Version { return l.version.clone() }

// Warnings returns what the loader noticed but accepted, such as a
// duplicated _id, an unknown source or an ignored column, in input order. A
// warning never means that an entry was left out.
func (l *List) Warnings() []Warning { return slices.Clone(l.warnings) }

// Warning is a problem in a list that did not stop it from loading.
//
// The zero Warning is a warning with no message. Like any plain Go value it
// may be read by many goroutines at once, but not changed while another uses
// it.
type Warning struct {
	Origin  string // the list the warning is about, set by Merge; empty otherwise
	Line    int    // line where the record starts, or 0
	Field   string // column or key, if any
	Value   string // the value concerned, if any
	Message string
}

// String renders the warning like a [ParseError]:
// `line 12, field "_id": duplicate of the entry on line 3 (value "abc")`.
func (w Warning) String() string {
	var b strings.Builder
	if w.Origin != "" {
		fmt.Fprintf(&b, "%s: ", w.Origin)
	}
	b.WriteString(problem.Format(w.Line, w.Field, w.Value, w.Message))
	return b.String()
}

// builder assembles a List while a loader reads its input.
type builder struct {
	store
	origin   string
	format   Format
	warnings []Warning
	bySource map[Source]int
	newest   time.Time
	idVotes  int // the votes of the raw identifications for their layout, see idVote
	errs     errorList
	firstID  map[string]int // ID -> line of its first entry
	unknown  map[Source]bool
	rawIDs   bool // IDs hold only Raw: add parses them, by the votes so far (see idParsed)
	// idParsed is, per entry with identifications, the layout add parsed
	// them by: finish parses again those of another than the list's.
	idParsed []idParse
	fields   fieldNames
}

// fieldNames are the names a format gives the fields the builder checks,
// for messages.
type fieldNames struct{ id, name, source string }

// formatFields names the checked fields of each format a loader reads.
// TestFormatsComplete checks that every such format has them.
var formatFields = map[Format]fieldNames{
	FormatCSV:     {id: colID, name: colName, source: colSource},
	FormatJSON:    {id: "id", name: colName, source: colSource},
	FormatInHouse: {id: inhouseID, name: inhouseName, source: colSource},
	FormatOFAC:    {id: "sdn.csv:ent_num", name: "sdn.csv:sdn_name", source: "sdn.csv:program"},
	FormatUN:      {id: "REFERENCE_NUMBER", name: "FIRST_NAME", source: "UN_LIST_TYPE"},
	FormatSAM:     {id: samNumber, name: samName, source: samClassification},
}

// newBuilder starts a list read from origin in format. It panics for a
// format without formatFields, whose messages would name no field.
func newBuilder(origin string, format Format) *builder {
	fields, ok := formatFields[format]
	if !ok {
		panic("entitylist: no field names for list format " + format.String())
	}
	return &builder{origin: origin, format: format, firstID: make(map[string]int), fields: fields}
}

// warn records a warning.
func (b *builder) warn(line int, field, value, msg string) {
	b.warnings = append(b.warnings, Warning{Line: line, Field: field, Value: value, Message: msg})
}

// add appends a finished entry, checking what all formats share: a name, a
// source, and a unique ID. (The loaders check that every field is valid
// UTF-8 before they build an entry.) result is the index of the entry in a
// JSON results array, which prefixes the field names in messages, or -1.
func (b *builder) add(e Entry, result int) {
	field := func(name string) string {
		if result < 0 {
			return name
		}
		return fmt.Sprintf("results[%d].%s", result, name)
	}
	if e.Name == "" {
		b.errs.add(e.Line, field(b.fields.name), "", ErrEmptyName)
		return
	}
	if e.Source == "" {
		b.errs.add(e.Line, field(b.fields.source), "", ErrEmptySource)
		return
	}
	if !e.Source.Known() {
		if b.unknown == nil {
			b.unknown = make(map[Source]bool)
		}
		if !b.unknown[e.Source] {
			b.unknown[e.Source] = true
			b.warn(e.Line, field(b.fields.source), string(e.Source), "unknown source list, kept")
		}
	}
	if e.ID != "" {
		if first, dup := b.firstID[e.ID]; dup {
			b.warn(e.Line, field(b.fields.id), e.ID, fmt.Sprintf("duplicate of the entry on line %d", first))
		} else {
			b.firstID[e.ID] = e.Line
		}
	}
	if b.rawIDs && len(e.IDs) > 0 {
		for _, id := range e.IDs {
			b.idVotes += idVote(id.Raw)
		}
		// Parsed by the layout the votes give so far, which is the list's
		// in the lists published: the entry need not be decoded again.
		layout := idLayoutOf(b.idVotes)
		b.idParsed = append(b.idParsed, idParse{entry: int32(b.len()), layout: layout})
		for j := range e.IDs {
			parseID(&e.IDs[j], layout)
		}
	}
	if b.bySource == nil {
		b.bySource = make(map[Source]int)
	}
	b.bySource[e.Source]++
	if e.StartDate.After(b.newest) {
		b.newest = e.StartDate
	}
	b.store.add(&e)
}

// finish returns the list, or the collected errors. sum is the hex SHA-256
// of the input.
func (b *builder) finish(sum string) (*List, error) {
	if err := b.errs.err(b.origin); err != nil {
		return nil, err
	}
	if b.len() == 0 {
		return nil, loadError(b.origin, 0, "", "", ErrEmpty)
	}
	b.done()
	l := &List{store: b.store, warnings: b.warnings}
	if layout := idLayoutOf(b.idVotes); slices.ContainsFunc(b.idParsed, func(p idParse) bool { return p.layout != layout }) {
		l.store = resolveIDs(&l.store, layout, b.idParsed)
	}
	l.version = Version{
		Origin:   b.origin,
		Format:   b.format,
		SHA256:   sum,
		Entries:  l.len(),
		BySource: b.bySource,
		Newest:   b.newest,
	}
	return l, nil
}
