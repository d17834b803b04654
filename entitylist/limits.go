package entitylist

import (
	"fmt"
	"io"
	"strings"

	"github.com/entityscreen/entityscreen/internal/problem"
)

// Bounds on what the loaders read, so that a damaged or hostile file cannot
// exhaust memory: an input is read through a reader that refuses to go past
// them, so not even one huge line is read whole before the error. For
// scale, the real 2022 CSL CSV is 5.8 MB in 14,160 rows; its largest record
// is 8.4 KB and its largest field 8.2 KB (an SDN entry's identifications);
// the full official CSV that [Download] fetches is about 17 MB.
const (
	// MaxFieldSize is the largest field, in bytes, a loader accepts: a CSV
	// field, or the value of one key of a JSON result as written (an array
	// of alt_names counts whole). A larger one is an error wrapping
	// [ErrTooLong] that names the line and the field.
	MaxFieldSize = 256 << 10

	// MaxRecordSize is the largest record, in bytes, a loader accepts: a
	// CSV record with its line end (and any blank lines before it), or a
	// JSON result object, or the value of a key of the document beside
	// "results". A larger one is an error wrapping [ErrTooLong] that names
	// the line where it starts; the loader stops there.
	MaxRecordSize = 1 << 20

	// MaxListSize is the largest input, in bytes, a loader reads: over
	// seven times the full official CSV, with room for a JSON export of it,
	// whose keys repeat on every result. Screening takes about eight times
	// a list's size in memory, so a list at the limit takes about 1 GB. A
	// larger input is an error wrapping [ErrTooLarge]; the loader stops
	// there.
	MaxListSize = 128 << 20
)

// limitReader enforces MaxListSize on the whole input and MaxRecordSize on
// the record that starts at the offset given to mark. It fails only when
// asked for a byte past a bound, never for reading up to it, and then for
// good: a record of exactly MaxRecordSize bytes, or one more for the
// look-ahead of a parser, passes, and the loaders check record sizes
// exactly once a record is read.
type limitReader struct {
	r   io.Reader
	pos int64 // bytes read
	end int64 // the current record may use the bytes before this offset
	err error // errListTooLarge or errRecordTooLong, once reached
}

// The errors of a limitReader. A loader that meets one turns it into a
// ParseError wrapping ErrTooLarge or ErrTooLong, with the line.
var (
	errListTooLarge  = fmt.Errorf("%w: the input exceeds %d bytes (MaxListSize)", ErrTooLarge, MaxListSize)
	errRecordTooLong = fmt.Errorf("%w: the record exceeds %d bytes (MaxRecordSize)", ErrTooLong, MaxRecordSize)
)

func newLimitReader(r io.Reader) *limitReader {
	l := &limitReader{r: r}
	l.mark(0)
	return l
}

// mark starts a record at offset off of the input.
func (l *limitReader) mark(off int64) { l.end = off + MaxRecordSize + 1 }

func (l *limitReader) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	limit := min(l.end, MaxListSize+1)
	if l.pos >= limit {
		l.err = errRecordTooLong
		if l.pos > MaxListSize {
			l.err = errListTooLarge
		}
		return 0, l.err
	}
	if int64(len(p)) > limit-l.pos {
		p = p[:limit-l.pos]
	}
	n, err := l.r.Read(p)
	l.pos += int64(n)
	return n, err
}

// maxValueKept bounds the text of a bad field that an error keeps in
// ParseError.Value, so that a thousand errors about huge fields do not hold
// the fields.
const maxValueKept = 256

// keptValue returns s cut to maxValueKept bytes, copied, for ParseError.Value.
func keptValue(s string) string {
	return strings.Clone(problem.Truncate(s, maxValueKept))
}
