package screening

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/sealed"
)

// snapshotSeed is the snapshot of a Screener of the embedded list, built
// once per process.
var snapshotSeed = sync.OnceValues(func() ([]byte, error) {
	s, err := New(entitylist.Default())
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = s.WriteSnapshot(&b)
	return b.Bytes(), err
})

// sealPayload returns payload as a snapshot for list, with a good header and
// checksums: what decode makes of any payload can be fuzzed.
func sealPayload(list *entitylist.List, payload []byte) []byte {
	b := snapshotKind.AppendHeader(nil, snapshotKeys(list), uint64(list.Len()), len(payload))
	b = append(b, payload...)
	return sealed.AppendSum(b, payload)
}

// FuzzReadSnapshot checks that ReadSnapshot never panics, whatever the
// bytes: it returns an error that is ErrSnapshotDamaged or
// ErrSnapshotStale, or a Screener that screens without a fault. With seal
// set, the input is the payload, sealed with a good header and checksums,
// so that the checks of its content are fuzzed rather than the checksum.
func FuzzReadSnapshot(f *testing.F) {
	seed, err := snapshotSeed()
	require.NoError(f, err)
	f.Add(seed, false)
	f.Add(seed[sealed.HeaderLen:len(seed)-4], true)
	f.Add(seed[:sealed.HeaderLen+20], false)
	f.Add([]byte(snapshotKind.Magic), false)
	f.Add([]byte{}, true)
	list := entitylist.Default()
	f.Fuzz(func(t *testing.T, data []byte, seal bool) {
		if seal {
			data = sealPayload(list, data)
		}
		s, err := ReadSnapshot(bytes.NewReader(data), list, WithMinScore(0.2))
		if err != nil {
			if !errors.Is(err, ErrSnapshotDamaged) && !errors.Is(err, ErrSnapshotStale) {
				t.Fatalf("error %v is neither damaged nor stale", err)
			}
			return
		}
		for _, name := range []string{"Kaspersky Lab", "Kasperskiy Labs", "AO Kaspersky Lab JSC", "Huawei", "IRGC", "Mahan Air", "SHOIGU, Sergei"} {
			if _, err := s.Screen(context.Background(), Query{Name: name, Country: "RU", Address: "Moscow", ID: "7736640919"}); err != nil {
				t.Fatalf("screening %q: %v", name, err)
			}
		}
		s.Skipped()
	})
}

// TestSnapshotStale checks that a snapshot whose header is sound but
// written by another build (another fingerprint or format version), or
// whose index holds a sampled list name otherwise than this normalizer
// makes it, is stale.
func TestSnapshotStale(t *testing.T) {
	list := entitylist.Default()
	seed, err := snapshotSeed()
	require.NoError(t, err)
	reseal := func(b []byte) []byte {
		binary.LittleEndian.PutUint32(b[sealed.HeaderLen-4:], crc32.Checksum(b[:sealed.HeaderLen-4], crc32.MakeTable(crc32.Castagnoli)))
		return b
	}
	for name, at := range map[string]int{"format version": len(snapshotKind.Magic), "fingerprint": len(snapshotKind.Magic) + 4 + 32 + 5} {
		b := bytes.Clone(seed)
		b[at]++
		_, err := ReadSnapshot(bytes.NewReader(reseal(b)), list)
		assert.ErrorIs(t, err, ErrSnapshotStale, name)
	}

	ix, err := decode(seed[sealed.HeaderLen:len(seed)-4], list)
	require.NoError(t, err)
	require.NoError(t, ix.check(list))
	text := ix.texts[0]
	ix.displays = append(ix.displays, ix.display(list, 0)+" changed")
	ix.texts[0].disp = uint32(len(ix.displays) - 1)
	assert.Error(t, ix.check(list), "a name displayed otherwise")
	ix.texts[0] = text
	require.NoError(t, ix.check(list))
	tr := &ix.tokens[ix.names[0].tokLo]
	tr.setTerm(tr.term() + 1)
	assert.Error(t, ix.check(list), "a name with another word")
}

// TestSnapshotTooManyTerms checks that a snapshot claiming more terms than
// a tokenRef tells apart is refused before any is read.
func TestSnapshotTooManyTerms(t *testing.T) {
	var dir []byte
	for _, c := range []uint64{maxTerms + 1, 0, 0, 0, 0, 0} { // terms, names, words, legal forms, postings, misspellings
		dir = binary.AppendUvarint(dir, c)
	}
	for i := range sections {
		d := uint64(0)
		if i == secTerms {
			d = maxTerms + 1
		}
		dir = binary.AppendUvarint(binary.AppendUvarint(dir, 0), d)
	}
	payload := binary.LittleEndian.AppendUint64(nil, uint64(len(dir)))
	payload = append(append(payload, dir...), make([]byte, maxTerms+1)...)
	_, err := decode(payload, entitylist.Default())
	assert.ErrorContains(t, err, "more than the 16777216 an index holds")
}
