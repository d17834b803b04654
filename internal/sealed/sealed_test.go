package sealed

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	errStale   = errors.New("stale")
	errDamaged = errors.New("damaged")
)

// testKind is a kind of frame for the tests.
var testKind = Kind{Magic: "TESTKIND", Name: "a test file", Version: 3, MaxLen: 1 << 10, Stale: errStale, Damaged: errDamaged}

// frame returns a frame of testKind holding body.
func frame(body []byte) []byte {
	keys := [2][sha256.Size]byte{sha256.Sum256([]byte("from")), sha256.Sum256([]byte("by"))}
	b := testKind.AppendHeader(nil, keys, 7, len(body))
	b = append(b, body...)
	return AppendSum(b, body)
}

// TestRoundTrip checks that a frame reads back as written, the header's
// fields and the body.
func TestRoundTrip(t *testing.T) {
	for _, body := range [][]byte{nil, []byte("body"), bytes.Repeat([]byte{0xff}, 1<<10)} {
		r := bytes.NewReader(frame(body))
		h, err := testKind.ReadHeader(r)
		require.NoError(t, err)
		assert.Equal(t, Header{
			Version: 3,
			Keys:    [2][sha256.Size]byte{sha256.Sum256([]byte("from")), sha256.Sum256([]byte("by"))},
			Count:   7,
			Len:     uint64(len(body)),
		}, h)
		got, err := testKind.ReadBody(r, h)
		require.NoError(t, err)
		assert.Equal(t, len(body), len(got))
		assert.True(t, bytes.Equal(body, got))
	}
}

// TestRejected checks that every frame that is not one of the kind, is
// damaged or announces too much is an error wrapping the kind's Damaged,
// and one of another version an error wrapping its Stale.
func TestRejected(t *testing.T) {
	good := frame([]byte("the body of a frame"))
	// change returns good with change made to a copy and the header's
	// checksum made good again.
	change := func(change func(b []byte)) []byte {
		b := bytes.Clone(good)
		change(b)
		binary.LittleEndian.PutUint32(b[HeaderLen-4:], crc32.Checksum(b[:HeaderLen-4], castagnoli))
		return b
	}
	lenAt := HeaderLen - 12
	for name, tc := range map[string]struct {
		data []byte
		want error
	}{
		"empty":                   {nil, errDamaged},
		"cut in the header":       {good[:HeaderLen/2], errDamaged},
		"another kind":            {append([]byte("OTHERKND"), good[magicLen:]...), errDamaged},
		"a header byte changed":   {func() []byte { b := bytes.Clone(good); b[lenAt] ^= 1; return b }(), errDamaged},
		"cut in the body":         {good[:HeaderLen+3], errDamaged},
		"cut before the checksum": {good[:len(good)-1], errDamaged},
		"bytes after the end":     {append(bytes.Clone(good), 0), errDamaged},
		"a body byte changed":     {func() []byte { b := bytes.Clone(good); b[HeaderLen+1] ^= 1; return b }(), errDamaged},
		"a body too long":         {change(func(b []byte) { binary.LittleEndian.PutUint64(b[lenAt:], testKind.MaxLen+1) }), errDamaged},
		"a body longer than sent": {change(func(b []byte) { binary.LittleEndian.PutUint64(b[lenAt:], testKind.MaxLen) }), errDamaged},
		"another version":         {change(func(b []byte) { b[magicLen]++ }), errStale},
	} {
		t.Run(name, func(t *testing.T) {
			r := bytes.NewReader(tc.data)
			h, err := testKind.ReadHeader(r)
			if err == nil {
				_, err = testKind.ReadBody(r, h)
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.want)
			assert.NotErrorIs(t, err, map[error]error{errDamaged: errStale, errStale: errDamaged}[tc.want])
		})
	}
}

// TestReadBodyBounds checks that a header announcing more than the kind
// allows, up to lengths that would overflow, is damage and no panic.
func TestReadBodyBounds(t *testing.T) {
	unbounded := testKind
	unbounded.MaxLen = math.MaxUint64
	for _, n := range []uint64{testKind.MaxLen + 1, math.MaxInt64 - 4, math.MaxUint64 - 1, math.MaxUint64} {
		for _, k := range []*Kind{&testKind, &unbounded} {
			_, err := k.ReadBody(bytes.NewReader([]byte("ab")), Header{Len: n})
			assert.ErrorIs(t, err, errDamaged, "length %d, most %d", n, k.MaxLen)
		}
	}
}

// TestReadError checks that an error of the reader is returned as it is.
func TestReadError(t *testing.T) {
	broken := errors.New("disk on fire")
	_, err := testKind.ReadHeader(io.MultiReader(bytes.NewReader(frame(nil)[:5]), errReader{broken}))
	assert.ErrorIs(t, err, broken)
	assert.NotErrorIs(t, err, errDamaged)
}

// errReader is a reader that fails with err.
type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }
