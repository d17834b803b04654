package entitylist

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
)

// hashReader passes reads through while hashing them, so a list's version
// can name the SHA-256 of exactly the bytes it was read from.
type hashReader struct {
	r    io.Reader
	h    hash.Hash
	n    int64
	last byte // the last byte read
}

func newHashReader(r io.Reader) *hashReader {
	return &hashReader{r: r, h: sha256.New()}
}

func (h *hashReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	if n > 0 {
		h.h.Write(p[:n])
		h.n += int64(n)
		h.last = p[n-1]
	}
	return n, err
}

// sum returns the hex SHA-256 of everything read so far.
func (h *hashReader) sum() string { return hex.EncodeToString(h.h.Sum(nil)) }

// utf8BOM is the byte order mark some tools write at the start of UTF-8 files.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// skipBOM drops a leading byte order mark from br.
func skipBOM(br *bufio.Reader) error {
	p, err := br.Peek(len(utf8BOM))
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return err
	}
	if bytes.Equal(p, utf8BOM) {
		_, err := br.Discard(len(utf8BOM))
		return err
	}
	return nil
}

// sniffSize is how much of the input Read looks at to detect its format.
const sniffSize = 64 << 10

// Read reads a list in any format this package knows, detected from the
// content: a JSON document (starting with "{" or "[") is read by [ReadJSON];
// a CSV whose header has the CSL's "_id" or "source" column by [ReadCSV]; a
// CSV whose header holds only in-house columns (name, aliases, country, id,
// notes), or an "aliases" column, by [ReadInHouse]; a CSV whose header has
// SAM's "SAM Number" and "Classification" by [ReadSAM]; XML (starting with
// "<") by [ReadUN]. Anything else fails with [ErrUnknownFormat]; an empty
// input with [ErrEmpty]. OFAC's files are several: see [OpenOFAC], or
// [Open] of their directory.
func Read(r io.Reader, origin string) (*List, error) {
	br := bufio.NewReaderSize(r, sniffSize)
	p, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("entitylist: %s: %w", origin, err)
	}
	text := bytes.TrimPrefix(p, utf8BOM)
	trimmed := bytes.TrimLeft(text, " \t\r\n")
	if len(trimmed) == 0 {
		return nil, loadError(origin, 0, "", "", ErrEmpty)
	}
	switch trimmed[0] {
	case '{', '[':
		return ReadJSON(br, origin)
	case '<':
		return ReadUN(br, origin)
	}
	switch detectCSV(text) {
	case FormatCSV:
		return ReadCSV(br, origin)
	case FormatInHouse:
		return ReadInHouse(br, origin)
	case FormatSAM:
		return ReadSAM(br, origin)
	}
	return nil, loadError(origin, 1, "", "", ErrUnknownFormat)
}

// detectCSV tells the CSV format from the header line at the start of
// text, after any blank lines, which the CSV readers skip too.
func detectCSV(text []byte) Format {
	line := bytes.TrimLeft(text, "\r\n")
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	cr := csv.NewReader(bytes.NewReader(line))
	header, err := cr.Read()
	if err != nil {
		return FormatUnknown
	}
	cols := indexColumns(header)
	if cols.get(colID) >= 0 || cols.get(colSource) >= 0 {
		return FormatCSV
	}
	if cols.get(samNumber) >= 0 && cols.get(samClassification) >= 0 {
		return FormatSAM
	}
	if cols.get(inhouseAliases) >= 0 {
		return FormatInHouse
	}
	if cols.get(inhouseName) < 0 {
		return FormatUnknown
	}
	for name := range cols {
		if !isInHouseColumn(name) {
			return FormatUnknown
		}
	}
	return FormatInHouse
}

// Open reads the list in the file at path with [Read], or, when path is a
// directory, OFAC's files in it with [OpenOFAC]; the list's origin is the
// path.
func Open(path string) (*List, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return OpenOFAC(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("entitylist: %w", err)
	}
	defer f.Close()
	return Read(f, path)
}

// isInHouseColumn reports whether name is a column of the in-house format.
func isInHouseColumn(name string) bool {
	switch columnKey(name) {
	case inhouseName, inhouseAliases, inhouseCountry, inhouseID, inhouseNotes:
		return true
	}
	return false
}
