package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
)

// csvInput is what csv.Reader reads of a CSV input. It does three things
// csv.Reader does not:
//
//   - It drops a UTF-8 byte order mark at the start of the input, as
//     spreadsheets and many exports write it, so that a quoted first
//     header cell after it is read as quoted (to csv.Reader, the quote
//     after a BOM is a bare quote).
//   - It makes a lone CR outside quotes a line end, as old Mac programs
//     wrote them (csv.Reader keeps a lone CR as data, which makes the whole
//     file one row). A CRLF stays one line end, and a CR inside a quoted
//     field stays data.
//   - It bounds what csv.Reader holds: it passes on at most maxLine bytes of
//     a field and maxRow bytes of a row, dropping the rest while keeping the
//     CSV valid, so that a row of any size costs no more memory than that.
//
// It notes where each row starts and whether it was cut, for row. It parses
// the CSV as csv.Reader does with its defaults (comma ',', no comments,
// LazyQuotes off); where the two could differ, the input has a syntax error
// that csv.Reader reports.
type csvInput struct {
	r        io.Reader
	raw      []byte // read from r; raw[pos:end] is not yet taken in
	pos, end int
	err      error // r's error, returned once raw is taken in
	started  bool  // the start of the input has been checked for a BOM
	bom      bool  // the input started with a BOM, which was dropped

	out     []byte // the buffer of the current Read, filled up to n
	n       int
	spill   byte // a byte that did not fit in out, passed on first by the next Read
	spilled bool

	state    csvState
	afterCR  bool // a CR outside quotes ended the last line: an LF right after it is dropped
	open     bool // the quote opening the current field was passed on, its closing quote not yet
	inRow    bool // a byte of the current row has been taken in
	field    int  // index of the current field in its row
	fieldLen int  // data bytes of the current field
	rowLen   int  // bytes of the current row passed on
	cutField bool // the rest of the current field's data is dropped
	cutRow   bool // the rest of the current row is dropped, but for what keeps it valid
	line     int  // line of the input the next byte is on
	outLine  int  // line csv.Reader counts the next byte passed on to be on

	rows  []csvRow // rows started and not yet taken by row, in input order
	empty int      // empty lines, which csv.Reader skips
}

// csvRow says where a row starts and whether csvInput cut it.
type csvRow struct {
	line     int  // line of the input the row starts on
	outLine  int  // line csv.Reader says the row starts on
	cutField int  // index of the first field cut at maxLine bytes, -1 if none
	cutRow   bool // the row was cut at maxRow bytes
}

// csvState is where csvInput is in the CSV syntax.
type csvState int

const (
	fieldStart csvState = iota // at the start of a field
	bare                       // in an unquoted field, or after a quoted one
	quoted                     // in a quoted field
	quote                      // after a quote in a quoted field: a second quote is a quote of data, anything else ends the field
)

func newCSVInput(r io.Reader) *csvInput {
	return &csvInput{r: r, raw: make([]byte, 32<<10), line: 1, outLine: 1}
}

// Read passes on the input as described at csvInput. It returns what it
// has rather than wait for more input, so that rows typed one by one are
// screened one by one.
func (c *csvInput) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if !c.started {
		c.skipBOM()
	}
	c.out, c.n = p, 0
	defer func() { c.out = nil }()
	if c.spilled {
		c.spilled = false
		c.emit(c.spill)
	}
	for c.n < len(p) && !c.spilled {
		if c.pos == c.end {
			if c.err != nil {
				if c.state == quote { // the input ends with a quoted field
					c.endQuoted()
				}
				break
			}
			if c.n > 0 {
				break
			}
			c.pos = 0
			c.end, c.err = c.r.Read(c.raw)
			continue
		}
		if c.run() {
			continue
		}
		b := c.raw[c.pos]
		c.pos++
		c.take(b)
	}
	if c.n == 0 && c.err != nil {
		return 0, c.err
	}
	return c.n, nil
}

// bom is the UTF-8 byte order mark, U+FEFF.
var bom = []byte{0xEF, 0xBB, 0xBF}

// skipBOM drops a byte order mark at the start of the input. It reads
// no more than it must to tell: past the first read only while what it
// has is the start of a BOM, which in UTF-8 text is the start of one
// character anyway, so that a header typed on a terminal is not kept
// waiting.
func (c *csvInput) skipBOM() {
	c.started = true
	for c.err == nil && c.end < len(bom) && bytes.HasPrefix(bom, c.raw[:c.end]) {
		n, err := c.r.Read(c.raw[c.end:])
		c.end += n
		c.err = err
	}
	if bytes.HasPrefix(c.raw[:c.end], bom) {
		c.pos, c.bom = len(bom), true
	}
}

// run takes in at once the data bytes up to the next byte that may be
// more than data, the bulk of a large field, and reports whether it took
// any. It leaves to take the bytes where a field or row reaches its limit.
func (c *csvInput) run() bool {
	if c.afterCR || (c.state != bare && c.state != quoted) {
		return false
	}
	seg := c.raw[c.pos:c.end]
	special := ",\r\n\""
	if c.state == quoted {
		special = `"`
	}
	if i := bytes.IndexAny(seg, special); i >= 0 {
		seg = seg[:i]
	}
	if !c.cutField && !c.cutRow {
		seg = seg[:max(0, min(len(seg), maxLine-c.fieldLen, maxRow-c.rowLen, len(c.out)-c.n))]
	}
	if len(seg) == 0 {
		return false
	}
	c.pos += len(seg)
	c.fieldLen += len(seg)
	lines := bytes.Count(seg, []byte{'\n'}) // in a quoted field
	c.line += lines
	if c.cutField || c.cutRow {
		return true
	}
	c.n += copy(c.out[c.n:], seg)
	c.rowLen += len(seg)
	c.outLine += lines
	return true
}

// take takes in one byte of the input.
func (c *csvInput) take(b byte) {
	if c.afterCR {
		c.afterCR = false
		if b == '\n' {
			return
		}
	}
	switch c.state {
	case quoted:
		if b == '"' {
			c.state = quote
			return
		}
		if b == '\n' {
			c.line++
		}
		c.data(b, 1)
		return
	case quote:
		if b == '"' { // a doubled quote: one quote of data
			c.state = quoted
			c.data(b, 2)
			return
		}
		c.endQuoted()
	}
	switch b {
	case '\r', '\n':
		c.afterCR = b == '\r'
		c.endLine()
	case ',':
		c.startRow()
		c.pass(b)
		c.field++
		c.fieldLen, c.cutField, c.state = 0, false, fieldStart
	case '"':
		c.startRow()
		if c.state == fieldStart {
			c.state = quoted
			c.open = c.pass(b)
			return
		}
		c.data(b, 1) // a bare quote, which csv.Reader reports
	default:
		c.startRow()
		c.state = bare
		c.data(b, 1)
	}
}

// startRow notes the start of a row at its first byte.
func (c *csvInput) startRow() {
	if c.inRow {
		return
	}
	c.inRow = true
	c.rows = append(c.rows, csvRow{line: c.line, outLine: c.outLine, cutField: -1})
}

// endLine passes on a line end outside quotes, the end of a row or an
// empty line.
func (c *csvInput) endLine() {
	if !c.inRow {
		c.empty++
	}
	c.emit('\n')
	c.line++
	c.outLine++
	c.inRow, c.open, c.cutField, c.cutRow = false, false, false, false
	c.field, c.fieldLen, c.rowLen = 0, 0, 0
	c.state = fieldStart
}

// endQuoted ends a quoted field. Its closing quote is passed on whenever
// its opening one was, so that a cut field stays valid.
func (c *csvInput) endQuoted() {
	if c.open {
		c.open = false
		c.rowLen++
		c.emit('"')
	}
	c.state = bare
}

// pass passes on a comma or an opening quote unless the row is cut, and
// reports whether it did.
func (c *csvInput) pass(b byte) bool {
	c.checkRow(1)
	if c.cutRow {
		return false
	}
	c.rowLen++
	c.emit(b)
	return true
}

// data passes on one byte of a field's data, written as width bytes (a
// quote in a quoted field is written twice), unless the field or the row
// is cut.
func (c *csvInput) data(b byte, width int) {
	c.fieldLen++
	c.checkRow(width)
	if !c.cutRow && !c.cutField && c.fieldLen > maxLine {
		c.cutField = true
		if r := &c.rows[len(c.rows)-1]; r.cutField < 0 {
			r.cutField = c.field
		}
	}
	if c.cutRow || c.cutField {
		return
	}
	c.rowLen += width
	for range width {
		c.emit(b)
	}
	if b == '\n' {
		c.outLine++
	}
}

// checkRow cuts the row if width more bytes would make it longer than
// maxRow.
func (c *csvInput) checkRow(width int) {
	if !c.cutRow && c.rowLen+width > maxRow {
		c.cutRow = true
		c.rows[len(c.rows)-1].cutRow = true
	}
}

// emit writes b to the buffer of the current Read, or keeps it for the
// next if the buffer is full. A byte taken in emits at most two bytes, and
// a Read takes a byte in only while its buffer has room: one byte kept is
// enough.
func (c *csvInput) emit(b byte) {
	if c.n < len(c.out) {
		c.out[c.n] = b
		c.n++
		return
	}
	c.spill, c.spilled = b, true
}

// row returns the row csv.Reader says starts on outLine, the row of the
// record it has just returned, and forgets it and the rows before it.
func (c *csvInput) row(outLine int) csvRow {
	for len(c.rows) > 0 && c.rows[0].outLine < outLine {
		c.rows = c.rows[1:]
	}
	if len(c.rows) == 0 || c.rows[0].outLine != outLine {
		return csvRow{line: outLine, outLine: outLine, cutField: -1}
	}
	r := c.rows[0]
	c.rows = c.rows[1:]
	return r
}

// fileError returns an error of csv.Reader with the lines and columns of
// the input: csv.Reader counts the lines it is given, fewer than the
// input's after a cut field that held line ends, and the bytes of the
// first line after the BOM it was not given.
func (c *csvInput) fileError(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return err
	}
	shift := c.line - c.outLine
	if len(c.rows) > 0 { // the row after the last returned, the one that failed
		shift = c.rows[0].line - c.rows[0].outLine
	}
	bomColumns := c.bom && pe.Line == 1 // the lines before are never shifted
	if shift == 0 && !bomColumns {
		return err
	}
	moved := *pe
	moved.StartLine += shift
	moved.Line += shift
	if bomColumns {
		moved.Column += len(bom)
	}
	return &moved
}
