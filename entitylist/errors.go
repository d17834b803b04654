package entitylist

import (
	"errors"
	"fmt"
	"strings"

	"github.com/entityscreen/entityscreen/internal/problem"
)

// Sentinel errors wrapped by [ParseError] and [LoadError]; test for them with
// [errors.Is].
var (
	ErrMissingColumn   = errors.New("missing column")                    // a required column is not in the header
	ErrEmptyName       = errors.New("empty name")                        // a record has no name
	ErrEmptySource     = errors.New("empty source")                      // a record has no source list
	ErrFieldCount      = errors.New("wrong number of fields")            // a record's field count differs from the header's
	ErrBadDate         = errors.New("bad date")                          // a date is not YYYY-MM-DD
	ErrBadCountry      = errors.New("bad country code")                  // a country is not an ISO 3166-1 alpha-2 code
	ErrBadValue        = errors.New("bad value")                         // a JSON value has the wrong kind
	ErrDuplicateHeader = errors.New("duplicated header line")            // the header line appears again as a record
	ErrTruncated       = errors.New("truncated record")                  // the input ends inside a record
	ErrSyntax          = errors.New("syntax error")                      // the CSV or JSON is malformed
	ErrNotCSL          = errors.New("not a Consolidated Screening List") // a JSON document of another shape
	ErrUnknownFormat   = errors.New("unknown list format")               // Read cannot tell the format
	ErrEmpty           = errors.New("no entries")                        // the input holds no entries
	ErrInvalidUTF8     = errors.New("invalid UTF-8")                     // a field is not valid UTF-8 (a file in another encoding): a name could not be screened
	ErrDuplicateColumn = errors.New("duplicated column")                 // the header names a known column twice
	ErrDuplicateKey    = errors.New("duplicated key")                    // a JSON object holds a key twice
	ErrUnknownKey      = errors.New("unknown key")                       // a JSON result holds a key the format does not have, likely misspelled
	ErrTooLong         = errors.New("too long")                          // a field or record exceeds MaxFieldSize or MaxRecordSize
)

// ParseError is a problem with one record or field of a list file. Line is
// the physical line (1-based) where the record starts, counting the newlines
// inside quoted fields; it is 0 when the problem has no line, such as an
// empty input. Field names the column or JSON key, if any, and Value holds
// the offending text, if any.
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

// Error renders the error as `line 42, field "name": empty name`.
func (e *ParseError) Error() string {
	msg := "invalid"
	if e.Err != nil {
		msg = e.Err.Error()
	}
	return problem.Format(e.Line, e.Field, e.Value, msg)
}

// Unwrap returns the underlying error, usually one of the package sentinels.
func (e *ParseError) Unwrap() error { return e.Err }

// LoadError reports every problem found while loading a list. Errs holds
// the first problems in input order (at most [MaxLoadErrors]); Total counts
// all of them. A loader that returns a LoadError returns no List: a list is
// never loaded with rows left out.
//
// The zero LoadError is a failure with no problem listed. Like any plain Go
// value it may be read by many goroutines at once, but not changed while
// another uses it.
type LoadError struct {
	Origin string
	Errs   []*ParseError
	Total  int
}

// MaxLoadErrors is the number of problems a [LoadError] keeps; further ones
// are only counted in Total.
const MaxLoadErrors = 1000

// Error lists the first problems, then "and N more".
func (e *LoadError) Error() string {
	var b strings.Builder
	b.WriteString("entitylist: ")
	if e.Origin != "" {
		fmt.Fprintf(&b, "%s: ", e.Origin)
	}
	problem.WriteList(&b, e.Total, e.Errs)
	return b.String()
}

// Unwrap returns the collected problems, so that errors.Is and errors.As
// see each of them.
func (e *LoadError) Unwrap() []error {
	errs := make([]error, len(e.Errs))
	for i, pe := range e.Errs {
		errs[i] = pe
	}
	return errs
}

// errorList collects the problems of one load.
type errorList struct {
	errs  []*ParseError
	total int
}

func (l *errorList) add(line int, field, value string, err error) {
	l.total++
	if len(l.errs) < MaxLoadErrors {
		l.errs = append(l.errs, &ParseError{Line: line, Field: field, Value: value, Err: err})
	}
}

// err returns the collected problems as a *LoadError, or nil if there are none.
func (l *errorList) err(origin string) error {
	if l.total == 0 {
		return nil
	}
	return &LoadError{Origin: origin, Errs: l.errs, Total: l.total}
}

// loadError is a LoadError holding a single problem.
func loadError(origin string, line int, field, value string, err error) error {
	return &LoadError{Origin: origin, Errs: []*ParseError{{Line: line, Field: field, Value: value, Err: err}}, Total: 1}
}
