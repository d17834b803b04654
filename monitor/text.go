package monitor

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entityscreen/entityscreen/internal/strictjson"
)

// ErrBadText is wrapped by the errors of text a Store cannot hold or does
// not take (see TextError).
var ErrBadText = errors.New("text the store cannot hold")

// A TextError is a caller's text that a Store refuses: a NUL character,
// which PostgreSQL's text refuses, or invalid UTF-8, which a UTF-8
// database refuses. SQLite keeps both, but no vendor id, decision or
// filter means them: every store refuses them alike, as the caller's
// error rather than a failure of the store. A decision's reviewer is also
// refused with a control character (a line break, a tab, an escape, which
// would forge lines where the name is shown or logged), and its reason and
// reviewer when longer than MaxReasonLen and MaxReviewerLen (see
// CheckReason and CheckReviewer). It wraps ErrBadText.
//
// The zero TextError is invalid UTF-8 at byte 0 of an unnamed text. Like any
// plain Go value it may be read by many goroutines at once, but not changed
// while another uses it.
type TextError struct {
	Field   string // the text: "reason", "reviewer", "AlertFilter.VendorID"...
	Offset  int    // the byte of the problem, from 0; for a text too long, its length once trimmed
	NUL     bool   // a NUL character
	Control rune   // a control character of a text of one line, 0 if not
	Limit   int    // for a text too long, the most bytes it may have once trimmed; 0 if not
}

func (e *TextError) Error() string {
	return fmt.Sprintf("%s: %s: %v", e.Field, e.Problem(), ErrBadText)
}

// Problem says what is wrong and where, without the field: "a NUL
// character at byte 3", "invalid UTF-8 at byte 3", "a control character
// (U+000A) at byte 3" or "201 bytes long; it may be 200 at most".
func (e *TextError) Problem() string {
	switch {
	case e.NUL:
		return fmt.Sprintf("a NUL character at byte %d", e.Offset)
	case e.Control != 0:
		return fmt.Sprintf("a control character (U+%04X) at byte %d", e.Control, e.Offset)
	case e.Limit > 0:
		return fmt.Sprintf("%d bytes long; it may be %d at most", e.Offset, e.Limit)
	}
	return fmt.Sprintf("invalid UTF-8 at byte %d", e.Offset)
}

// The most bytes a decision's reason and its reviewer's name may have,
// once trimmed: an auditor reads them, and a name is a name.
const (
	MaxReasonLen   = 4000
	MaxReviewerLen = 200
)

// CheckReason returns a *TextError when s, a decision's reason, is text a
// Store cannot hold (see CheckText) or longer than MaxReasonLen bytes once
// trimmed, or nil. A blank reason is no error here: Decide refuses it.
func CheckReason(s string) error {
	if err := CheckText("reason", s); err != nil {
		return err
	}
	if n := len(strings.TrimSpace(s)); n > MaxReasonLen {
		return &TextError{Field: "reason", Offset: n, Limit: MaxReasonLen}
	}
	return nil
}

// CheckReviewer returns a *TextError when s, the name of a decision's
// reviewer, is text a Store cannot hold (see CheckText), holds a control
// character once trimmed (the byte counted from the start of s), or is
// longer than MaxReviewerLen bytes once trimmed, or nil. A blank name is
// no error here: Decide refuses it.
func CheckReviewer(s string) error {
	if err := CheckText("reviewer", s); err != nil {
		return err
	}
	start := len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))
	trimmed := strings.TrimSpace(s)
	if i := strings.IndexFunc(trimmed, unicode.IsControl); i >= 0 {
		r, _ := utf8.DecodeRuneInString(trimmed[i:])
		return &TextError{Field: "reviewer", Offset: start + i, Control: r}
	}
	if len(trimmed) > MaxReviewerLen {
		return &TextError{Field: "reviewer", Offset: len(trimmed), Limit: MaxReviewerLen}
	}
	return nil
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
