package entitylist

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/entityscreen/entityscreen/internal/build"
	"github.com/entityscreen/entityscreen/internal/sealed"
)

// An image is a loaded List written out as it is held in memory (see
// store), so that a [Cache] loads a feed it has loaded before in a
// fraction of the time its loader takes. It is a sealed frame (see
// package sealed) of kind imageKind whose keys are the SHA-256 of the
// bytes of the file the list was read from and the build key of the code
// that read it (see imageBuild), whose count is the length of the meta
// section, and whose body is
//
//   - the meta section: the list's version (all a loader sets but its
//     Origin, which is the file's path), its warnings, its sources, and the
//     length of each entry's encoding;
//   - the entry section: the encodings of the entries, one after the
//     other.
//
// An image is never trusted: one of other bytes or other code is stale;
// one whose checksums, lengths or encodings do not hold together is
// damaged; every entry is walked as Entry would decode it (see
// decoder.valid), and the version's counts and newest date must be those
// of the entries. imageKind's version changes with the layout of the
// image or of an entry's encoding.
var imageKind = sealed.Kind{
	Magic:   "ESLISTIM",
	Name:    "an image",
	Version: 2,
	MaxLen:  maxImage,
	Stale:   errImageStale,
	Damaged: errImageDamaged,
}

const (
	// maxImage bounds the body an image header may announce: a list held
	// in memory takes about the size of the file read.
	maxImage = 4 * MaxDownloadSize
	// minWarning is the fewest bytes a warning of the meta section takes:
	// its five fields' lengths or values.
	minWarning = 5
)

// errImageStale and errImageDamaged are the errors of readImage: an
// image of other bytes or other code, and one that is not an image or is
// damaged.
var (
	errImageStale   = errors.New("image of another file or another build")
	errImageDamaged = errors.New("image damaged")
)

// imageBuild is the build key of an image: a hash of imageKind's version
// and the identity of the build (build.Identity). A loader's output
// changes only with the code, so an image written by another build is
// stale.
var imageBuild = sync.OnceValue(func() [sha256.Size]byte {
	return sha256.Sum256(fmt.Appendf(nil, "%d\x00%s", imageKind.Version, build.Identity()))
})

// appendImage appends the image of l, read from a file whose bytes have
// the SHA-256 sum, to b. l is a list a loader returned: its version has no
// parts and is no sample, which the image does not keep.
func appendImage(b []byte, l *List, sum [sha256.Size]byte) ([]byte, error) {
	v := &l.version
	if v.Parts != nil || v.Sample {
		return nil, errors.New("entitylist: an image keeps a list as a loader returns it, not merged nor a sample")
	}
	meta := []byte{byte(v.Format)}
	meta = appendString(meta, v.SHA256)
	if v.Newest.IsZero() {
		meta = append(meta, 0)
	} else {
		meta = appendDate(append(meta, 1), v.Newest)
	}
	meta = binary.AppendUvarint(meta, uint64(v.Entries))
	meta = binary.AppendUvarint(meta, uint64(len(v.BySource)))
	for _, src := range slices.Sorted(maps.Keys(v.BySource)) {
		meta = binary.AppendUvarint(appendString(meta, string(src)), uint64(v.BySource[src]))
	}
	meta = binary.AppendUvarint(meta, uint64(len(l.warnings)))
	for _, w := range l.warnings {
		meta = appendString(meta, w.Origin)
		meta = binary.AppendVarint(meta, int64(w.Line))
		meta = appendString(appendString(appendString(meta, w.Field), w.Value), w.Message)
	}
	meta = binary.AppendUvarint(meta, uint64(len(l.sources)))
	for _, src := range l.sources {
		meta = appendString(meta, string(src))
	}
	n := l.len()
	meta = binary.AppendUvarint(meta, uint64(n))
	entries := 0
	for i := range n {
		size := len(l.raw(i))
		meta = binary.AppendUvarint(meta, uint64(size))
		entries += size
	}

	b = imageKind.AppendHeader(b, [2][sha256.Size]byte{sum, imageBuild()}, uint64(len(meta)), len(meta)+entries)
	start := len(b)
	b = append(b, meta...)
	for _, c := range l.chunks {
		b = append(b, c...)
	}
	return sealed.AppendSum(b, b[start:]), nil
}

// readImage reads the image in r of the list read from a file whose bytes
// have the SHA-256 sum, and returns the list with origin as its
// Version.Origin: equal to what the loader returned. An image of other
// bytes or written by another build is an error wrapping errImageStale;
// one that is damaged in any way an error wrapping errImageDamaged.
func readImage(r io.Reader, sum [sha256.Size]byte, origin string) (*List, error) {
	h, err := imageKind.ReadHeader(r)
	if err != nil {
		return nil, err
	}
	switch {
	case h.Keys[0] != sum:
		return nil, fmt.Errorf("%w: of another file", errImageStale)
	case h.Keys[1] != imageBuild():
		return nil, fmt.Errorf("%w: written by another build", errImageStale)
	case h.Count > h.Len:
		return nil, fmt.Errorf("%w: a meta section of %d bytes in a body of %d", errImageDamaged, h.Count, h.Len)
	}
	body, err := imageKind.ReadBody(r, h)
	if err != nil {
		return nil, err
	}
	l, err := decodeImage(string(body[:h.Count]), body[h.Count:], origin)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errImageDamaged, err)
	}
	return l, nil
}

// readEnds reads from d the lengths of n entries' encodings and returns
// where each ends in its chunk and the chunks, cut from entries, which the
// lengths must fill exactly. Each length is checked before it is added, so
// that no sum of lengths can wrap around.
func readEnds(d *decoder, n int, entries []byte) ([]uint32, []string, error) {
	ends := make([]uint32, n)
	chunks := make([]string, (n+chunkSize-1)>>chunkBits)
	at := uint64(0)
	for c := range chunks {
		start, size := at, uint64(0)
		for i := c << chunkBits; i < min(n, (c+1)<<chunkBits); i++ {
			e := d.uvarint()
			if d.bad || e > uint64(len(entries))-start-size {
				return nil, nil, fmt.Errorf("entry %d beyond the entry section", i)
			}
			size += e
			ends[i] = uint32(size)
		}
		at += size
		chunks[c] = string(entries[start:at])
	}
	if at != uint64(len(entries)) {
		return nil, nil, fmt.Errorf("entries of %d bytes in an entry section of %d", at, len(entries))
	}
	return ends, chunks, nil
}

// decodeImage decodes the meta and entry sections of an image, checking
// that they hold together.
func decodeImage(meta string, entries []byte, origin string) (*List, error) {
	d := decoder{s: meta}
	l := &List{version: Version{Origin: origin, Format: Format(d.byte())}}
	v := &l.version
	if v.Format >= numFormats {
		return nil, fmt.Errorf("format %d", v.Format)
	}
	v.SHA256 = d.text()
	switch d.byte() {
	case 0:
	case 1:
		v.Newest = d.date()
	default:
		return nil, errors.New("newest date")
	}
	v.Entries = d.count()
	if n := d.count(); n > 0 {
		v.BySource = make(map[Source]int, n)
		for range n {
			src := Source(d.text())
			if _, dup := v.BySource[src]; dup || src == "" {
				return nil, fmt.Errorf("source %q counted twice or empty", src)
			}
			v.BySource[src] = d.count()
		}
	}
	if n := d.count(); n > 0 {
		// A warning takes minWarning bytes at least: no more are made
		// than the bytes left can hold, whatever the count says.
		l.warnings = make([]Warning, 0, min(n, len(d.s)/minWarning))
		for range n {
			var w Warning
			w.Origin = d.text()
			w.Line = int(d.varint())
			w.Field, w.Value, w.Message = d.text(), d.text(), d.text()
			if d.bad {
				return nil, errors.New("warnings broken")
			}
			l.warnings = append(l.warnings, w)
		}
	}
	l.sources = make([]Source, d.count())
	l.srcOf = make(map[Source]int, len(l.sources))
	for i := range l.sources {
		src := Source(d.text())
		if _, dup := l.srcOf[src]; dup || src == "" {
			return nil, fmt.Errorf("source %q twice or empty", src)
		}
		l.sources[i], l.srcOf[src] = src, i
	}
	n := d.count()
	if d.bad {
		return nil, errors.New("meta section broken")
	}
	if n != v.Entries || n == 0 {
		return nil, fmt.Errorf("%d entries, the version says %d", n, v.Entries)
	}
	var err error
	if l.ends, l.chunks, err = readEnds(&d, n, entries); err != nil {
		return nil, err
	}
	if d.bad || d.s != "" {
		return nil, errors.New("meta section broken or longer than it says")
	}

	bySource := make([]int, len(l.sources))
	var newest time.Time
	for i := range n {
		d := decoder{s: l.raw(i)}
		src, start, ok := d.valid(len(l.sources))
		if !ok {
			return nil, fmt.Errorf("entry %d broken", i)
		}
		bySource[src]++
		if start.After(newest) {
			newest = start
		}
	}
	for i, src := range l.sources {
		if bySource[i] != v.BySource[src] {
			return nil, fmt.Errorf("%d entries of source %q, the version says %d", bySource[i], src, v.BySource[src])
		}
	}
	if len(v.BySource) != len(l.sources) {
		return nil, fmt.Errorf("the version counts %d sources, the entries have %d", len(v.BySource), len(l.sources))
	}
	if !newest.Equal(v.Newest) {
		return nil, fmt.Errorf("newest date %v, the version says %v", newest, v.Newest)
	}
	return l, nil
}

// writeImage writes the image of l, read from a file whose bytes have the
// SHA-256 sum, to path atomically.
func writeImage(path string, l *List, sum [sha256.Size]byte) error {
	b, err := appendImage(nil, l, sum)
	if err != nil {
		return err
	}
	if len(b) > maxImage {
		// It would be refused on read (see readImage) and written anew at
		// every load.
		return fmt.Errorf("entitylist: an image of %d bytes, more than %d", len(b), maxImage)
	}
	return writeFileAtomic(path, b)
}

// loadImage returns the list of the image at path, or an error if there is
// none of use: missing, stale or damaged.
func loadImage(path string, sum [sha256.Size]byte, origin string) (*List, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readImage(f, sum, origin)
}

// text reads a string that must be valid UTF-8.
func (d *decoder) text() string {
	s := d.string()
	if !utf8.ValidString(s) {
		d.bad = true
	}
	return s
}

// valid walks an entry's encoding, less its source, as entry decodes it,
// without building the Entry, and reports whether entry, summary and
// name can decode it: every count and length within the encoding, no field,
// flag or kind the encoding does not know, no field set but empty, every
// string valid UTF-8, nothing left over. It returns the entry's source
// (below sources) and StartDate.
func (d *decoder) valid(sources int) (src int, start time.Time, ok bool) {
	s := d.uvarint()
	if s >= uint64(sources) {
		return 0, time.Time{}, false
	}
	src = int(s)
	mask := d.uvarint()
	if mask >= fExclusionType<<1 {
		return 0, time.Time{}, false
	}
	strs := 0 // the strings of the string slices not yet read
	if mask&stringSlices != 0 {
		strs = d.count()
	}
	str := func(f uint64) {
		if mask&f != 0 && d.text() == "" {
			d.bad = true
		}
	}
	slice := func(f uint64) int {
		if mask&f == 0 {
			return 0
		}
		n := d.uvarint()
		if n > uint64(strs) {
			d.bad = true
			return 0
		}
		strs -= int(n)
		for range n {
			d.text()
		}
		return int(n)
	}
	fields := func(n int) {
		set := d.byte()
		if set >= 1<<n {
			d.bad = true
		}
		for ; set != 0; set &= set - 1 {
			if d.text() == "" {
				d.bad = true
			}
		}
	}
	date := func(f uint64) time.Time {
		if mask&f == 0 {
			return time.Time{}
		}
		switch d.byte() {
		case dateDay:
			return time.Unix(d.varint()*86400, 0).UTC()
		case dateInstant:
			sec := d.varint()
			if ns := d.uvarint(); ns < 1e9 {
				return time.Unix(sec, int64(ns)).UTC()
			}
		}
		d.bad = true
		return time.Time{}
	}
	str(fName)
	str(fID)
	if mask&fType != 0 {
		if t := EntityType(d.byte()); t == TypeUnknown || t > TypeAircraft {
			d.bad = true
		}
	}
	if mask&fLine != 0 {
		d.varint()
	}
	alt := slice(fAltNames)
	if mask&fAddresses != 0 {
		for range d.count() {
			fields(6)
		}
	}
	slice(fPrograms)
	str(fEntityNumber)
	start = date(fStartDate)
	slice(fNotices)
	str(fSourceListURL)
	str(fSourceInformationURL)
	str(fLicenseRequirement)
	str(fLicensePolicy)
	str(fRemarks)
	if mask&fIDs != 0 {
		for range d.count() {
			fields(5)
		}
	}
	str(fTitle)
	str(fStandardOrder)
	date(fEndDate)
	slice(fCitizenships)
	slice(fNationalities)
	slice(fDatesOfBirth)
	slice(fPlacesOfBirth)
	if mask&fVessel != 0 {
		fields(6)
	}
	if mask&fAliases != 0 {
		for i := range d.count() {
			flags := d.byte()
			switch {
			case flags&^(7|aliasWeak|aliasSameName|aliasName) != 0, flags&7 > aliasOther,
				flags&aliasSameName != 0 && (flags&aliasName != 0 || i >= alt):
				d.bad = true
			}
			if flags&7 == aliasOther && d.text() == "" {
				d.bad = true
			}
			if flags&aliasName != 0 && d.text() == "" {
				d.bad = true
			}
		}
	}
	slice(fLinkedTo)
	str(fAgency)
	str(fExclusionType)
	return src, start, !d.bad && d.s == "" && strs == 0
}
