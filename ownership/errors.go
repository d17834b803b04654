package ownership

import (
	"errors"
	"fmt"
	"strings"

	"github.com/entityscreen/entityscreen/internal/problem"
)

// Sentinel errors wrapped by [ParseError] and returned by the package's
// functions; test for them with [errors.Is].
var (
	ErrMissingColumn   = errors.New("missing column")                            // a required column is not in the header
	ErrDuplicateColumn = errors.New("duplicated column")                         // the header names a known column twice
	ErrFieldCount      = errors.New("wrong number of fields")                    // a record's field count differs from the header's
	ErrSyntax          = errors.New("syntax error")                              // the CSV or JSON is malformed
	ErrInvalidUTF8     = errors.New("invalid UTF-8")                             // a field is not valid UTF-8 (a file in another encoding)
	ErrTooLong         = errors.New("record too long")                           // a JSON line exceeds MaxRecordSize
	ErrEmptyParty      = errors.New("no name and no id")                         // a record names a party by neither
	ErrBadShare        = errors.New("bad share")                                 // a percentage or band cannot be read
	ErrBadDate         = errors.New("bad date")                                  // a date is not YYYY-MM-DD (or the format's own)
	ErrBadCountry      = errors.New("bad country")                               // a country names no country
	ErrBadListID       = errors.New("bad list id")                               // a list id is not SOURCE:ID
	ErrBadKind         = errors.New("bad kind")                                  // an edge kind or record kind the format does not have
	ErrBadValue        = errors.New("bad value")                                 // a value of the wrong shape
	ErrUnknownFormat   = errors.New("unknown format")                            // the input is not of the format the reader reads
	ErrNoParties       = errors.New("no parties to describe")                    // GLEIF Level 1 records read into an empty graph
	ErrIncomplete      = errors.New("graph incomplete: a load failed")           // Evaluate on a graph a reader reported errors for
	ErrStale           = errors.New("graph changed since it was resolved")       // Evaluate after the graph gained parties or edges, a party changed, or a load failed
	ErrNoScreener      = errors.New("no screener: build one with screening.New") // Resolve without a screener
)

// MaxRecordSize is the longest JSON record (one line of a JSON Lines file,
// or one element of a JSON array) the readers accept, so that a damaged file
// fails with an error rather than exhausting memory. FollowTheMoney entities
// with hundreds of names stay far below it.
const MaxRecordSize = 16 << 20

// MaxLoadErrors is the number of problems a [LoadError] keeps; further ones
// are only counted in Total.
const MaxLoadErrors = 100

// ParseError is a problem with one record or field of an ownership file.
// Line is the physical line (1-based) where the record starts, counting the
// newlines inside quoted CSV fields and pretty-printed JSON; Field names the
// column or JSON key, if any, and Value holds the offending text, if any.
//
// The zero ParseError is a problem with no line, field or cause. Like any
// plain Go value it may be read by many goroutines at once, but not changed
// while another uses it.
type ParseError struct {
	Line  int
	Field string
	Value string
	Err   error
}

// Error renders the error as `line 42, field "percent": bad share: ... (value "x")`.
func (e *ParseError) Error() string {
	msg := "invalid"
	if e.Err != nil {
		msg = e.Err.Error()
	}
	return problem.Format(e.Line, e.Field, e.Value, msg)
}

// Unwrap returns the underlying error, usually one of the package sentinels.
func (e *ParseError) Unwrap() error { return e.Err }

// LoadError reports every problem a reader found in one input. Errs holds the
// first problems in input order (at most MaxLoadErrors); Total counts all of
// them. The records without problems were added to the graph, which is marked
// incomplete: Evaluate refuses it (ErrIncomplete), since a decision must not
// rest on a file read in part.
//
// The zero LoadError is a failure with no problem listed. Like any plain Go
// value it may be read by many goroutines at once, but not changed while
// another uses it.
type LoadError struct {
	Origin string
	Errs   []*ParseError
	Total  int
}

// Error lists the first problems, then "and N more".
func (e *LoadError) Error() string {
	var b strings.Builder
	b.WriteString("ownership: ")
	if e.Origin != "" {
		fmt.Fprintf(&b, "%s: ", e.Origin)
	}
	problem.WriteList(&b, e.Total, e.Errs)
	return b.String()
}

// Unwrap returns the collected problems, so that errors.Is and errors.As see
// each of them.
func (e *LoadError) Unwrap() []error {
	errs := make([]error, len(e.Errs))
	for i, pe := range e.Errs {
		errs[i] = pe
	}
	return errs
}

// problems collects a reader's ParseErrors into a LoadError.
type problems struct {
	origin string
	errs   []*ParseError
	total  int
}

func (p *problems) add(line int, field, value string, err error) {
	p.total++
	if len(p.errs) < MaxLoadErrors {
		p.errs = append(p.errs, &ParseError{Line: line, Field: field, Value: value, Err: err})
	}
}

// err returns the LoadError, or nil when there was no problem; it marks g
// incomplete when there was.
func (p *problems) err(g *Graph) error {
	if p.total == 0 {
		return nil
	}
	g.failed++
	g.changes.Add(1)
	return &LoadError{Origin: p.origin, Errs: p.errs, Total: p.total}
}

// readFailed marks g incomplete for an error of the input itself (a read
// error, not a record's), and returns it with the origin.
func (g *Graph) readFailed(origin string, err error) error {
	g.failed++
	g.changes.Add(1)
	return fmt.Errorf("ownership: %s: %w", origin, err)
}
