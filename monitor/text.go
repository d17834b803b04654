package monitor

import (
	"errors"
	"fmt"
	"strings"

	"github.com/entityscreen/entityscreen/internal/strictjson"
)

// ErrBadText is wrapped by the errors of text a Store cannot hold (see
// TextError).
var ErrBadText = errors.New("text the store cannot hold")

// A TextError is a caller's text that a Store refuses: a NUL character,
// which PostgreSQL's text refuses, or invalid UTF-8, which a UTF-8
// database refuses. SQLite keeps both, but no vendor id, decision or
// filter means them: every store refuses them alike, as the caller's
// error rather than a failure of the store. It wraps ErrBadText.
//
// The zero TextError is invalid UTF-8 at byte 0 of an unnamed text. Like any
// plain Go value it may be read by many goroutines at once, but not changed
// while another uses it.
type TextError struct {
	Field  string // the text: "reason", "reviewer", "AlertFilter.VendorID"...
	Offset int    // the byte of the problem, from 0
	NUL    bool   // a NUL character; invalid UTF-8 when false
}

func (e *TextError) Error() string {
	return fmt.Sprintf("%s: %s: %v", e.Field, e.Problem(), ErrBadText)
}

// Problem says what is wrong and where, without the field: "a NUL
// character at byte 3" or "invalid UTF-8 at byte 3".
func (e *TextError) Problem() string {
	if e.NUL {
		return fmt.Sprintf("a NUL character at byte %d", e.Offset)
	}
	return fmt.Sprintf("invalid UTF-8 at byte %d", e.Offset)
}

// Unwrap returns ErrBadText, for errors.Is.
func (e *TextError) Unwrap() error { return ErrBadText }

// CheckText returns a *TextError naming field when s is text a Store
// cannot hold (at its first problem), or nil.
func CheckText(field, s string) error {
	end := strings.IndexByte(s, 0)
	if end < 0 {
		end = len(s)
	}
	// A NUL byte ends no UTF-8 sequence: the text before it is invalid
	// where s is.
	if i := strictjson.InvalidAt([]byte(s[:end])); i < end {
		return &TextError{Field: field, Offset: i}
	}
	if end < len(s) {
		return &TextError{Field: field, Offset: end, NUL: true}
	}
	return nil
}
