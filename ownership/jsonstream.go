package ownership

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// jsonRecords streams the JSON records of r to fn: the lines of a JSON Lines
// input (blank lines skipped), or the elements of a JSON array, as the UK PSC
// fixtures and some exports write them. fn gets the line where the record
// starts and its bytes, valid UTF-8, which it must not keep. Problems of the
// stream itself (a line too long, invalid UTF-8, malformed JSON) go to bad;
// a JSON Lines input goes on after them, an array cannot. The error returned
// is the input's own (a read error), never a record's.
func jsonRecords(r io.Reader, fn func(line int, raw []byte), bad func(line int, err error)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	first, err := firstNonSpace(br)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		return err
	}
	if first == '[' {
		return jsonArray(br, fn, bad)
	}
	return jsonLines(br, fn, bad)
}

// firstNonSpace returns the first byte of br that is not JSON white space,
// without consuming it.
func firstNonSpace(br *bufio.Reader) (byte, error) {
	for n := 1; ; n++ {
		b, err := br.Peek(n)
		if len(b) < n {
			if err == nil {
				err = io.EOF
			}
			return 0, err
		}
		switch c := b[n-1]; c {
		case ' ', '\t', '\r', '\n':
			if n == br.Size() { // a buffer of white space: drop it and go on
				br.Discard(n)
				n = 0
			}
		default:
			return c, nil
		}
	}
}

func jsonLines(br *bufio.Reader, fn func(int, []byte), bad func(int, error)) error {
	var buf []byte
	for line := 1; ; line++ {
		buf = buf[:0]
		tooLong := false
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			if !tooLong {
				if len(buf)+len(chunk) > MaxRecordSize {
					tooLong = true
					buf = buf[:0]
				} else {
					buf = append(buf, chunk...)
				}
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err != nil && err != io.EOF {
			return err
		}
		rec := bytes.TrimSpace(buf)
		switch {
		case tooLong:
			bad(line, fmt.Errorf("%w: over %d bytes", ErrTooLong, MaxRecordSize))
		case len(rec) == 0:
		case !utf8.Valid(rec):
			bad(line, ErrInvalidUTF8)
		case !json.Valid(rec):
			bad(line, fmt.Errorf("%w: not one JSON value", ErrSyntax))
		default:
			fn(line, rec)
		}
		if err == io.EOF {
			return nil
		}
	}
}

func jsonArray(br *bufio.Reader, fn func(int, []byte), bad func(int, error)) error {
	lc := &lineCounter{r: br}
	dec := json.NewDecoder(lc)
	fail := func(err error) error {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			bad(lc.lineAt(se.Offset), fmt.Errorf("%w: %v", ErrSyntax, se))
		case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
			bad(lc.lineAt(dec.InputOffset()), fmt.Errorf("%w: the array is cut short", ErrSyntax))
		default:
			return err
		}
		return nil
	}
	if _, err := dec.Token(); err != nil { // the '['
		return fail(err)
	}
	for dec.More() {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return fail(err)
		}
		line := lc.lineAt(dec.InputOffset() - int64(len(raw)))
		if !utf8.Valid(raw) {
			bad(line, ErrInvalidUTF8)
			continue
		}
		fn(line, raw)
	}
	if _, err := dec.Token(); err != nil { // the ']'
		return fail(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		bad(lc.lineAt(dec.InputOffset()), fmt.Errorf("%w: data after the array", ErrSyntax))
	}
	return nil
}

// lineCounter tells the line of a byte offset in what it has read, keeping
// only the newlines the caller has not yet passed: memory stays bounded by
// the reader's look-ahead however long the input.
type lineCounter struct {
	r    io.Reader
	off  int64   // bytes read so far
	nl   []int64 // offsets of newlines not yet passed
	line int     // newlines passed
}

func (c *lineCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := 0; i < n; {
		j := bytes.IndexByte(p[i:n], '\n')
		if j < 0 {
			break
		}
		c.nl = append(c.nl, c.off+int64(i+j))
		i += j + 1
	}
	c.off += int64(n)
	return n, err
}

// lineAt returns the 1-based line of the byte at offset off. Offsets must not
// go back before one asked earlier.
func (c *lineCounter) lineAt(off int64) int {
	k := 0
	for k < len(c.nl) && c.nl[k] < off {
		k++
	}
	c.line += k
	c.nl = append(c.nl[:0], c.nl[k:]...)
	return c.line + 1
}
