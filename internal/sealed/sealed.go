// Package sealed writes and reads the files the module saves for later
// runs (a parsed list's image, an index snapshot) in one frame: a header,
// a body and the body's checksum.
//
//   - The header: eight bytes naming the kind of file (Kind.Magic), the
//     format version (uint32), two SHA-256 keys saying what the body was
//     made from and by which code, a count whose meaning the kind gives
//     (uint64), the body's length (uint64), and the CRC-32C of the
//     header's other bytes.
//   - The body, of the length the header gives.
//   - The CRC-32C of the body.
//
// Numbers are little-endian. A frame is never trusted: ReadHeader and
// ReadBody check every length and checksum, and the reader checks the
// keys and the count.
package sealed

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
)

// HeaderLen is the length of a header.
const HeaderLen = magicLen + 4 + 2*sha256.Size + 8 + 8 + 4

// magicLen is the length of Kind.Magic.
const magicLen = 8

// Header is what a frame's header says.
type Header struct {
	// Version is the format version.
	Version uint32
	// Keys say what the body was made from and by which code.
	Keys [2][sha256.Size]byte
	// Count is a number the kind gives meaning: the entries of the list an
	// index was made for, the length of a part of the body.
	Count uint64
	// Len is the length of the body.
	Len uint64
}

// Kind is a kind of sealed file.
type Kind struct {
	// Magic names the kind at the start of its files: eight bytes.
	Magic string
	// Name names the kind in errors, with its article ("a snapshot").
	Name string
	// Version is the format version this build reads and writes.
	Version uint32
	// MaxLen bounds the body a header may announce.
	MaxLen uint64
	// Stale is wrapped by the error for a frame of another version.
	Stale error
	// Damaged is wrapped by the errors for a frame that is not one of the
	// kind or is damaged.
	Damaged error
}

// castagnoli is the CRC-32C table, computed in hardware where it can be.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// AppendHeader appends the header of a frame of kind k with keys, count
// and a body of n bytes to b.
func (k *Kind) AppendHeader(b []byte, keys [2][sha256.Size]byte, count uint64, n int) []byte {
	start := len(b)
	b = append(b, k.Magic...)
	b = binary.LittleEndian.AppendUint32(b, k.Version)
	b = append(b, keys[0][:]...)
	b = append(b, keys[1][:]...)
	b = binary.LittleEndian.AppendUint64(b, count)
	b = binary.LittleEndian.AppendUint64(b, uint64(n))
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b[start:], castagnoli))
}

// AppendSum appends the checksum of body, which ends a frame, to b.
func AppendSum(b, body []byte) []byte {
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(body, castagnoli))
}

// damaged returns an error wrapping k.Damaged.
func (k *Kind) damaged(format string, args ...any) error {
	return fmt.Errorf("%w: %s", k.Damaged, fmt.Sprintf(format, args...))
}

// ReadHeader reads the header of a frame of kind k from r. A header cut
// short, of another kind or whose checksum differs is an error wrapping
// k.Damaged; one of another version an error wrapping k.Stale. Errors reading r are returned as
// they are.
func (k *Kind) ReadHeader(r io.Reader) (Header, error) {
	h := make([]byte, HeaderLen)
	if n, err := io.ReadFull(r, h); err != nil {
		switch {
		case n == 0 && errors.Is(err, io.EOF):
			return Header{}, k.damaged("empty")
		case errors.Is(err, io.ErrUnexpectedEOF):
			return Header{}, k.damaged("cut short in the header (%d bytes)", n)
		}
		return Header{}, err
	}
	if string(h[:magicLen]) != k.Magic {
		return Header{}, k.damaged("not %s (no %q at the start)", k.Name, k.Magic)
	}
	if got, want := binary.LittleEndian.Uint32(h[HeaderLen-4:]), crc32.Checksum(h[:HeaderLen-4], castagnoli); got != want {
		return Header{}, k.damaged("header checksum %08x, want %08x", got, want)
	}
	var hd Header
	at := magicLen
	hd.Version = binary.LittleEndian.Uint32(h[at:])
	at += 4
	for i := range hd.Keys {
		at += copy(hd.Keys[i][:], h[at:])
	}
	hd.Count = binary.LittleEndian.Uint64(h[at:])
	hd.Len = binary.LittleEndian.Uint64(h[at+8:])
	if hd.Version != k.Version {
		return Header{}, fmt.Errorf("%w: format version %d, this build reads %d", k.Stale, hd.Version, k.Version)
	}
	return hd, nil
}

// ReadBody reads the body that h, a header ReadHeader read, announces and
// its checksum from r, which must end there, and returns the body. A body
// longer than k.MaxLen, cut short, followed by more bytes or whose
// checksum differs is an error wrapping k.Damaged. A header that lies
// about the length costs no more memory than the bytes that come, and 64
// MB reserved at most beforehand.
func (k *Kind) ReadBody(r io.Reader, h Header) ([]byte, error) {
	if h.Len > k.MaxLen || h.Len > math.MaxInt64-5 {
		return nil, k.damaged("a body of %d bytes, more than %d", h.Len, k.MaxLen)
	}
	var buf bytes.Buffer
	buf.Grow(int(min(h.Len+4, 64<<20)))
	if _, err := buf.ReadFrom(io.LimitReader(r, int64(h.Len)+5)); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	switch {
	case uint64(len(data)) < h.Len+4:
		return nil, k.damaged("cut short: %d bytes of body and checksum, want %d", len(data), h.Len+4)
	case uint64(len(data)) > h.Len+4:
		return nil, k.damaged("bytes after the end")
	}
	body := data[:h.Len]
	if got, want := binary.LittleEndian.Uint32(data[h.Len:]), crc32.Checksum(body, castagnoli); got != want {
		return nil, k.damaged("checksum %08x, want %08x", got, want)
	}
	return body, nil
}
