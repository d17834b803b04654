package screening

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math"
	"strings"
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
// makes it (its words, their kinds, how it is displayed), is stale.
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
	first := ix.tokens[ix.names[0].tokLo].term()
	reads := ix.traits[first]
	ix.traits[first] &^= traitRead << ix.terms[first].kind
	assert.Error(t, ix.check(list), "a name with a word of another kind")
	ix.traits[first] = reads
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

// snapshotParts is a snapshot's payload taken apart: the counts of its
// directory, and each section's text and numbers.
type snapshotParts struct {
	counts [6]uint64
	text   [sections][]byte
	data   [sections][]byte
}

// partsOf takes apart the payload of the snapshot b.
func partsOf(t *testing.T, b []byte) snapshotParts {
	t.Helper()
	payload := b[sealed.HeaderLen : len(b)-4]
	dn := binary.LittleEndian.Uint64(payload)
	dir := &snapReader{data: payload[8 : 8+dn]}
	var p snapshotParts
	for i := range p.counts {
		p.counts[i] = dir.uint()
	}
	var lens [sections][2]int
	for i := range lens {
		lens[i] = [2]int{int(dir.uint()), int(dir.uint())}
	}
	require.NoError(t, dir.end())
	at := 8 + int(dn)
	for i := range lens {
		p.text[i] = bytes.Clone(payload[at : at+lens[i][0]])
		at += lens[i][0]
	}
	for i := range lens {
		p.data[i] = bytes.Clone(payload[at : at+lens[i][1]])
		at += lens[i][1]
	}
	return p
}

// payload puts p together again.
func (p *snapshotParts) payload() []byte {
	var dir []byte
	for _, c := range p.counts {
		dir = binary.AppendUvarint(dir, c)
	}
	for i := range p.text {
		dir = binary.AppendUvarint(binary.AppendUvarint(dir, uint64(len(p.text[i]))), uint64(len(p.data[i])))
	}
	b := binary.LittleEndian.AppendUint64(nil, uint64(len(dir)))
	b = append(b, dir...)
	for i := range p.text {
		b = append(b, p.text[i]...)
	}
	for i := range p.data {
		b = append(b, p.data[i]...)
	}
	return b
}

// snapshotBytes returns the snapshot of a Screener of list.
func snapshotBytes(t *testing.T, list *entitylist.List) []byte {
	t.Helper()
	s, err := New(list)
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, s.WriteSnapshot(&b))
	return b.Bytes()
}

// TestSnapshotEntryPastList checks that a snapshot, sealed with good
// checksums, whose name is of an entry that the difference from the one
// before takes past the list, or round past the largest int to a negative
// one, is damaged, not a panic.
func TestSnapshotEntryPastList(t *testing.T) {
	list, err := entitylist.ReadInHouse(strings.NewReader("name,aliases,country,id,notes\n"+
		"Blocked Supplier GmbH,BS GmbH,DE,V1,\nOther Trading Co,,RU,V2,\n"), "two.csv")
	require.NoError(t, err)
	seed := snapshotBytes(t, list)
	for _, next := range []uint64{2, 1 << 63, math.MaxUint64} {
		p := partsOf(t, seed)
		require.Equal(t, byte(0), p.data[secNames][0], "the first name's entry, 0, is one byte")
		p.data[secNames] = append(binary.AppendUvarint(nil, next), p.data[secNames][1:]...)
		_, err := ReadSnapshot(bytes.NewReader(sealPayload(list, p.payload())), list)
		assert.ErrorIs(t, err, ErrSnapshotDamaged, "entry %d", next)
		assert.ErrorContains(t, err, "past the 2 of the list", "entry %d", next)
	}
}

// TestSnapshotSkippedOfEmptyList checks that a snapshot of an empty list,
// sealed with good checksums, that says a name of the list was skipped is
// damaged, not a panic: the list has no entry to read.
func TestSnapshotSkippedOfEmptyList(t *testing.T) {
	list := entitylist.Merge()
	require.Zero(t, list.Len())
	p := partsOf(t, snapshotBytes(t, list))
	p.data[secRest] = []byte{1, 0, 0, 0, 0, 0} // one skipped name: entry 0, name 0, skipOther, no text, no part
	_, err := ReadSnapshot(bytes.NewReader(sealPayload(list, p.payload())), list)
	assert.ErrorIs(t, err, ErrSnapshotDamaged)
	assert.ErrorContains(t, err, "entry 0 out of range [0, 0)")
}

// orionList is a list of three names that share the word "orion".
func orionList(t *testing.T) *entitylist.List {
	t.Helper()
	list, err := entitylist.ReadInHouse(strings.NewReader("name,aliases,country,id,notes\n"+
		"Orion Star Trading GmbH,Orion Star,DE,V1,\nOrion Trading Co,,RU,V2,\nOrion Systems,,RU,V3,\n"), "orion.csv")
	require.NoError(t, err)
	return list
}

// TestSnapshotIDsWrapRound checks that a snapshot, sealed with good
// checksums, whose ascending ids (here the postings of a term) take a
// difference so large that the sum passes the largest uint64 and comes
// round to an id below the one before is damaged, not read as ids that
// do not ascend.
func TestSnapshotIDsWrapRound(t *testing.T) {
	list := orionList(t)
	p := partsOf(t, snapshotBytes(t, list))
	// The first term, "orion", is in every name: find the difference of
	// its third posting.
	r := &snapReader{data: p.data[secTerms], text: string(p.text[secTerms])}
	require.Equal(t, "orion", r.str())
	r.str()
	r.uint() // kind
	r.uint() // readings
	r.uint() // common
	r.f32("weight")
	require.Equal(t, uint64(4), r.uint(), "the postings of orion")
	first, second := r.uint(), r.uint()
	require.Equal(t, []uint64{0, 1}, []uint64{first, second})
	at := r.pos
	r.uint()
	require.NoError(t, r.err)
	data := p.data[secTerms]
	wrapped := binary.AppendUvarint(nil, math.MaxUint64) // 1 + this comes round to 0
	p.data[secTerms] = append(append(bytes.Clone(data[:at]), wrapped...), data[r.pos:]...)
	_, err := ReadSnapshot(bytes.NewReader(sealPayload(list, p.payload())), list)
	assert.ErrorIs(t, err, ErrSnapshotDamaged)
	assert.ErrorContains(t, err, "postings: 18446744073709551615 more than 1, out of range [0, 4)")
}

// TestSnapshotTableKeysWrapRound checks that a snapshot, sealed with good
// checksums, whose table keys (here the first table's, by sound key) take
// a difference so large that the sum passes the largest uint64 and comes
// round to a key below the one before is damaged, not read as keys that
// do not ascend.
func TestSnapshotTableKeysWrapRound(t *testing.T) {
	list := orionList(t)
	p := partsOf(t, snapshotBytes(t, list))
	r := &snapReader{data: p.data[secTables]}
	require.GreaterOrEqual(t, r.uint(), uint64(2), "keys")
	r.uint()
	first := r.uint()
	require.NotZero(t, first)
	r.appendAscending(nil, math.MaxInt, math.MaxInt32, "ids")
	at := r.pos
	r.uint()
	require.NoError(t, r.err)
	data := p.data[secTables]
	wrapped := binary.AppendUvarint(nil, math.MaxUint64-first+1) // first + this comes round to 0
	p.data[secTables] = append(append(bytes.Clone(data[:at]), wrapped...), data[r.pos:]...)
	_, err := ReadSnapshot(bytes.NewReader(sealPayload(list, p.payload())), list)
	assert.ErrorIs(t, err, ErrSnapshotDamaged)
	assert.ErrorContains(t, err, "sound keys not ascending")
}
