package ownership

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/entityscreen/entityscreen/internal/printable"
)

// Format is a kind of ownership file, as DetectFormat tells it from the
// start of the file.
//
// The zero Format is UnknownFormat. Format values are immutable and safe for
// concurrent use.
type Format uint8

const (
	// UnknownFormat: none of the formats the readers read.
	UnknownFormat Format = iota
	// FormatCSV: a company's own CSV (Graph.ReadCSV), told by an owner,
	// owned or percent column (or one of the other names ReadCSV accepts
	// for them), so that ReadCSV reports the columns missing.
	FormatCSV
	// FormatGLEIFRelationships: GLEIF Level 2 relationship records
	// (Graph.ReadGLEIF), told by a Relationship.StartNode.NodeID column.
	FormatGLEIFRelationships
	// FormatGLEIFEntities: GLEIF Level 1 entity records (Graph.ReadGLEIF),
	// told by the LEI and Entity.LegalName columns. They name the parties
	// of the relationship records: read them after.
	FormatGLEIFEntities
	// FormatPSC: UK persons with significant control (Graph.ReadPSC),
	// JSON whose first record has a "company_number" or "data" key.
	FormatPSC
	// FormatFtM: FollowTheMoney entities (Graph.ReadFtM), JSON whose first
	// record has a "schema" key.
	FormatFtM
)

var formatNames = [...]string{"unknown", "ownership CSV", "GLEIF relationships", "GLEIF entities", "UK PSC", "FollowTheMoney"}

// String returns the format's name for people: "ownership CSV", "GLEIF
// relationships", "GLEIF entities", "UK PSC", "FollowTheMoney" or "unknown".
func (f Format) String() string {
	if int(f) < len(formatNames) {
		return formatNames[f]
	}
	return fmt.Sprintf("Format(%d)", uint8(f))
}

// detectSize is how much of the start of an input DetectFormat reads: more
// than the header of a GLEIF Level 1 file (some two hundred columns) or a
// FollowTheMoney entity with many names.
const detectSize = 64 << 10

// DetectFormat tells the format of an ownership file from its start, reading
// at most the first 64 KiB of r. A byte order mark, white space and, before
// a CSV header, comment lines starting with "#" are skipped. JSON (JSON
// Lines or an array) is told by the keys of its first record, CSV by the
// columns of its header line, compared in any case; anything else is
// UnknownFormat. The error is r's own, a read error, never io.EOF.
func DetectFormat(r io.Reader) (Format, error) {
	head, err := io.ReadAll(io.LimitReader(r, detectSize))
	if err != nil {
		return UnknownFormat, err
	}
	f, _ := detect(head)
	return f, nil
}

// ReadAny reads an ownership file of any of the formats DetectFormat tells
// with the reader of that format (ReadCSV, ReadGLEIF, ReadPSC or ReadFtM),
// and returns the format. A file whose format cannot be told is reported in
// a *LoadError wrapping ErrUnknownFormat, at the line of its first record,
// and marks g incomplete, as a reader's errors do. A GLEIF Level 1 file names
// the parties of the relationship files: read it after them.
func (g *Graph) ReadAny(r io.Reader, origin string) (Format, error) {
	br := bufio.NewReaderSize(r, detectSize)
	head, err := br.Peek(detectSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return UnknownFormat, g.readFailed(origin, err)
	}
	f, why := detect(head)
	switch f {
	case FormatCSV:
		return f, g.ReadCSV(br, origin)
	case FormatGLEIFRelationships, FormatGLEIFEntities:
		return f, g.ReadGLEIF(br, origin)
	case FormatPSC:
		return f, g.ReadPSC(br, origin)
	case FormatFtM:
		return f, g.ReadFtM(br, origin)
	}
	pr := &problems{origin: origin}
	pr.add(why.line, "", "", fmt.Errorf("%w: %s", ErrUnknownFormat, why.text))
	return f, pr.err(g)
}

// unknown says why detect told no format, and at what line.
type unknown struct {
	line int
	text string
}

// detect tells the format of an input from its first bytes, or says why it
// cannot.
func detect(head []byte) (Format, unknown) {
	b := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(b, " \t\r\n")
	line := 1 + bytes.Count(b[:len(b)-len(trimmed)], []byte{'\n'})
	switch {
	case len(trimmed) == 0:
		return UnknownFormat, unknown{0, "empty input"}
	case trimmed[0] == '{' || trimmed[0] == '[':
		return detectJSON(trimmed, line)
	}
	return detectCSV(b)
}

// detectJSON tells FollowTheMoney from UK PSC records by the keys of the
// first record of b, a JSON object or an array of them starting on line.
func detectJSON(b []byte, line int) (Format, unknown) {
	dec := json.NewDecoder(bytes.NewReader(b))
	tok, err := dec.Token()
	if err == nil && tok == json.Delim('[') {
		tok, err = dec.Token()
	}
	if err != nil || tok != json.Delim('{') {
		return UnknownFormat, unknown{line, "JSON that is neither an object per line nor an array of objects"}
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		key, _ := tok.(string)
		switch key {
		case "schema":
			return FormatFtM, unknown{}
		case "company_number", "data":
			return FormatPSC, unknown{}
		}
		keys = append(keys, fmt.Sprintf("%q", key))
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			break // malformed, or longer than the start read
		}
	}
	return UnknownFormat, unknown{line, fmt.Sprintf("a JSON record with keys %s, not FollowTheMoney (\"schema\") or UK PSC (\"company_number\", \"data\")",
		orNone(strings.Join(keys, ", ")))}
}

// detectCSV tells the CSV formats by the header line of b, the first line
// that is not a comment.
func detectCSV(b []byte) (Format, unknown) {
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true // only the column names matter here; ReadCSV reports bad quotes
	header, err := cr.Read()
	var pe *csv.ParseError
	switch {
	case errors.As(err, &pe):
		return UnknownFormat, unknown{pe.StartLine, "the header line cannot be read: " + pe.Err.Error()}
	case err != nil:
		return UnknownFormat, unknown{0, "no header line, only comments"}
	}
	line, _ := cr.FieldPos(0)
	cols := make(map[string]bool, len(header))
	for _, h := range header {
		cols[strings.ToLower(strings.TrimSpace(h))] = true
	}
	switch {
	case cols["relationship.startnode.nodeid"]:
		return FormatGLEIFRelationships, unknown{}
	case cols["lei"] && cols["entity.legalname"]:
		return FormatGLEIFEntities, unknown{}
	}
	for _, c := range csvColumns {
		if !c.required {
			continue
		}
		for _, name := range append([]string{c.name}, c.aliases...) {
			if cols[name] {
				return FormatCSV, unknown{}
			}
		}
	}
	return UnknownFormat, unknown{line, fmt.Sprintf("the header has none of the columns of an ownership CSV (owner, owned, percent), "+
		"a GLEIF relationship file (Relationship.StartNode.NodeID) or a GLEIF entity file (LEI, Entity.LegalName): it has %s",
		orNone(strings.Join(quoteAll(header, 8), ", ")))}
}

// quoteAll quotes the first n of ss, then counts the rest.
func quoteAll(ss []string, n int) []string {
	out := make([]string, 0, min(len(ss), n)+1)
	for i, s := range ss {
		if i == n {
			out = append(out, fmt.Sprintf("and %d more", len(ss)-n))
			break
		}
		out = append(out, printable.Quote(s))
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
