package entitylist

import (
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/entityscreen/entityscreen/internal/problem"
)

// List is a loaded screening list: its entries, in input order, and its
// [Version]. A List is immutable after loading and safe for concurrent use
// by multiple goroutines; the entries it returns must not be modified. The
// zero List is empty.
type List struct {
	chunks   [][]Entry // entries, chunkSize per chunk, the last one possibly shorter
	n        int
	version  Version
	warnings []Warning
}

// Entries are stored in chunks of a fixed size: an Entry is large, and
// re-copying all of them on every growth of one slice dominated load times.
const (
	chunkBits = 8
	chunkSize = 1 << chunkBits
)

// Len returns the number of entries.
func (l *List) Len() int { return l.n }

// Entry returns entry i, 0 <= i < Len(). It panics if i is out of range,
// like a slice index.
func (l *List) Entry(i int) *Entry {
	if i < 0 || i >= l.n {
		panic(fmt.Sprintf("entitylist: entry index %d out of range [0:%d]", i, l.n))
	}
	return &l.chunks[i>>chunkBits][i&(chunkSize-1)]
}

// All iterates over the entries and their indices, in input order.
func (l *List) All() iter.Seq2[int, *Entry] {
	return func(yield func(int, *Entry) bool) {
		i := 0
		for _, c := range l.chunks {
			for j := range c {
				if !yield(i, &c[j]) {
					return
				}
				i++
			}
		}
	}
}

// appendEntry appends e to chunks.
func appendEntry(chunks [][]Entry, e *Entry) [][]Entry {
	switch k := len(chunks); {
	case k == 0:
		chunks = append(chunks, make([]Entry, 0, 8)) // grows by append up to chunkSize
	case len(chunks[k-1]) == chunkSize:
		chunks = append(chunks, make([]Entry, 0, chunkSize))
	}
	c := &chunks[len(chunks)-1]
	*c = append(*c, *e)
	return chunks
}

// clipChunks shrinks the last chunk to its length if that saves much, so a
// small list does not keep a whole chunk.
func clipChunks(chunks [][]Entry) [][]Entry {
	if k := len(chunks); k > 0 {
		if c := chunks[k-1]; cap(c)-len(c) > chunkSize/4 {
			chunks[k-1] = slices.Clone(c)
		}
	}
	return slices.Clip(chunks)
}

// Version returns the version of the list. It is a copy: changing it does
// not change the list.
func (l *List) Version() Version { return l.version.clone() }

// Warnings returns what the loader noticed but accepted, such as a
// duplicated _id, an unknown source or an ignored column, in input order. A
// warning never means that an entry was left out.
func (l *List) Warnings() []Warning { return slices.Clone(l.warnings) }

// Warning is a problem in a list that did not stop it from loading.
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
	origin   string
	format   Format
	chunks   [][]Entry // as in List
	n        int
	warnings []Warning
	errs     errorList
	firstID  map[string]int // ID -> line of its first entry
	unknown  map[Source]bool
	rawIDs   bool // IDs hold only Raw; resolve them in finish
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
	b.chunks = appendEntry(b.chunks, &e)
	b.n++
}

// finish returns the list, or the collected errors. sum is the hex SHA-256
// of the input.
func (b *builder) finish(sum string) (*List, error) {
	if err := b.errs.err(b.origin); err != nil {
		return nil, err
	}
	if b.n == 0 {
		return nil, loadError(b.origin, 0, "", "", ErrEmpty)
	}
	l := &List{chunks: clipChunks(b.chunks), n: b.n, warnings: b.warnings}
	if b.rawIDs {
		resolveIDs(l, detectIDLayout(l))
	}
	v := Version{
		Origin:   b.origin,
		Format:   b.format,
		SHA256:   sum,
		Entries:  l.n,
		BySource: make(map[Source]int),
	}
	for _, e := range l.All() {
		v.BySource[e.Source]++
		if e.StartDate.After(v.Newest) {
			v.Newest = e.StartDate
		}
	}
	l.version = v
	return l, nil
}
