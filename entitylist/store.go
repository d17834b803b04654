package entitylist

import (
	"encoding/binary"
	"fmt"
	"slices"
	"time"
)

// A List keeps its entries encoded, a few bytes more than their text each,
// and decodes an entry when it is asked for: an Entry struct is over 500
// bytes before its strings, most of its fields empty in most lists, and a
// list of a million entries held as structs took over 600 MB.
//
// An entry is encoded as the index of its Source in store.sources and a
// mask of its fields that are set (a string that is not empty, a slice or
// pointer that is not nil, a date that is not zero), both uvarints, the
// number of strings of its string slices in all when it has some (see
// stringSlices), then those fields, in the order of the mask's bits: a string as its uvarint
// length and its bytes, a slice as its uvarint length and its elements. An
// entry decodes into an Entry whose strings are substrings of the encoding.
//
// The encodings are stored in chunks of chunkSize entries, one string per
// chunk, so that the list is a few thousand objects for the garbage
// collector rather than millions, and an Entry decoded keeps its chunk
// alive, not the list.
const (
	chunkBits = 6
	chunkSize = 1 << chunkBits
)

// The fields of an entry in the mask of its encoding, the fields most
// entries have first, so that the mask of most takes one or two bytes.
const (
	fName = 1 << iota
	fID
	fType
	fLine
	fAltNames
	fAddresses
	fPrograms
	fEntityNumber
	fStartDate
	fNotices
	fSourceListURL
	fSourceInformationURL
	fLicenseRequirement
	fLicensePolicy
	fRemarks
	fIDs
	fTitle
	fStandardOrder
	fEndDate
	fCitizenships
	fNationalities
	fDatesOfBirth
	fPlacesOfBirth
	fVessel
	fAliases
	fLinkedTo
	fAgency
	fExclusionType
)

// stringSlices are the fields that are slices of strings: after the mask,
// an entry that has one gives the number of their strings in all, which
// decode in one slice.
const stringSlices = fAltNames | fPrograms | fNotices | fCitizenships | fNationalities | fDatesOfBirth | fPlacesOfBirth | fLinkedTo

// The kinds of an alias in its encoding; aliasOther is followed by the
// kind as written.
const (
	aliasNone = iota
	aliasAKA
	aliasFKA
	aliasNKA
	aliasOther
)

// The flags of an alias in its encoding, above its kind.
const (
	aliasWeak     = 1 << 3 // Weak
	aliasSameName = 1 << 4 // Name is the AltNames element at the alias's index
	aliasName     = 1 << 5 // Name is not empty and follows
)

// Dates are encoded as one of these, then the number of days since
// 1970-01-01 for a date at midnight UTC, the seconds and nanoseconds since
// then for another instant. The loaders read dates in UTC; a date in
// another location is kept as its instant in UTC.
const (
	dateDay = iota
	dateInstant
)

// store is the encoded entries of a List.
type store struct {
	chunks  []string // the encodings, chunkSize entries a chunk, one after the other
	ends    []uint32 // where the encoding of each entry ends in its chunk
	sources []Source // the sources of the entries, each once
	srcOf   map[Source]int
	buf     []byte // the chunk being added to, not yet in chunks
}

// len returns the number of entries.
func (s *store) len() int { return len(s.ends) }

// raw returns the encoding of entry i.
func (s *store) raw(i int) string {
	start := uint32(0)
	if i&(chunkSize-1) != 0 {
		start = s.ends[i-1]
	}
	return s.chunks[i>>chunkBits][start:s.ends[i]]
}

// source returns the index of src in s.sources, adding it if new.
func (s *store) source(src Source) int {
	i, ok := s.srcOf[src]
	if !ok {
		if s.srcOf == nil {
			s.srcOf = make(map[Source]int)
		}
		i = len(s.sources)
		s.sources = append(s.sources, src)
		s.srcOf[src] = i
	}
	return i
}

// add appends e.
func (s *store) add(e *Entry) {
	s.buf = appendEntry(binary.AppendUvarint(s.buf, uint64(s.source(e.Source))), e)
	s.added()
}

// addRaw appends the encoding of an entry whose source s.sources holds.
func (s *store) addRaw(raw string) {
	s.buf = append(s.buf, raw...)
	s.added()
}

// addFrom appends entry i of o as it is encoded there, its source named
// anew in s: a copy, without decoding the entry.
func (s *store) addFrom(o *store, i int) {
	d := decoder{s: o.raw(i)}
	src := d.uvarint()
	if d.bad || src >= uint64(len(o.sources)) {
		panic(fmt.Sprintf("entitylist: entry %d: broken encoding: source %d of %d", i, src, len(o.sources)))
	}
	s.buf = append(binary.AppendUvarint(s.buf, uint64(s.source(o.sources[src]))), d.s...)
	s.added()
}

// startFrom makes the empty s hold the entries of o, as addFrom of each
// would, sharing o's full chunks: o's sources keep their numbers in s, so
// the encodings are the same.
func (s *store) startFrom(o *store) {
	s.sources = slices.Clone(o.sources)
	s.srcOf = make(map[Source]int, len(s.sources))
	for i, src := range s.sources {
		s.srcOf[src] = i
	}
	s.ends = slices.Clone(o.ends)
	full := o.len() >> chunkBits
	s.chunks = o.chunks[:full:full]
	if full < len(o.chunks) {
		s.buf = append(s.buf[:0], o.chunks[full]...)
	}
}

// added records the end of the entry just added to s.buf.
func (s *store) added() {
	s.ends = append(s.ends, uint32(len(s.buf)))
	if len(s.ends)&(chunkSize-1) == 0 {
		s.flush()
	}
}

// flush moves the chunk being added to into chunks.
func (s *store) flush() {
	if len(s.chunks) < (len(s.ends)+chunkSize-1)>>chunkBits {
		s.chunks = append(s.chunks, string(s.buf))
		s.buf = s.buf[:0]
	}
}

// done finishes adding: the store holds no more memory than it needs.
func (s *store) done() {
	s.flush()
	s.buf = nil
	s.ends = clip(s.ends)
	s.chunks = clip(s.chunks)
}

// clip returns s without spare capacity, copied if that frees much.
func clip[T any](s []T) []T {
	if cap(s)-len(s) > len(s)/8 {
		return append([]T(nil), s...)
	}
	return s
}

// entry returns entry i decoded.
func (s *store) entry(i int) *Entry {
	d := decoder{s: s.raw(i)}
	src := d.uvarint()
	if src >= uint64(len(s.sources)) {
		panic(fmt.Sprintf("entitylist: entry %d: broken encoding: source %d of %d", i, src, len(s.sources)))
	}
	e := &Entry{Source: s.sources[src]}
	d.entry(e)
	if d.bad || d.s != "" {
		panic(fmt.Sprintf("entitylist: entry %d: broken encoding", i))
	}
	return e
}

// summary returns the Summary of entry i: the fields the encoding holds
// before EntityNumber, the text of the alternate names and the addresses
// skipped.
func (s *store) summary(i int) Summary {
	d := decoder{s: s.raw(i)}
	sm := Summary{Names: 1}
	if src := d.uvarint(); src < uint64(len(s.sources)) {
		sm.Source = s.sources[src]
	} else {
		d.bad = true
	}
	mask := d.uvarint()
	sm.Aliases = mask&fAliases != 0
	if mask&stringSlices != 0 {
		d.uvarint() // the strings of the string slices
	}
	if mask&fName != 0 {
		d.string()
	}
	if mask&fID != 0 {
		sm.ID = d.string()
	}
	if mask&fType != 0 {
		sm.Type = EntityType(d.byte())
	}
	if mask&fLine != 0 {
		sm.Line = int(d.varint())
	}
	if mask&fAltNames != 0 {
		n := d.count()
		sm.Names += n
		d.skipStrings(n)
	}
	if mask&fAddresses != 0 {
		for range d.count() {
			d.skipFields()
		}
	}
	if mask&fPrograms != 0 {
		d.skipStrings(d.count())
	}
	if mask&fEntityNumber != 0 {
		sm.EntityNumber = d.string()
	}
	if d.bad {
		panic(fmt.Sprintf("entitylist: entry %d: broken encoding", i))
	}
	return sm
}

// idLine returns the ID and Line of entry i, as summary does, reading no
// further.
func (s *store) idLine(i int) (string, int) {
	d := decoder{s: s.raw(i)}
	d.uvarint() // source
	mask := d.uvarint()
	if mask&stringSlices != 0 {
		d.uvarint() // the strings of the string slices
	}
	if mask&fName != 0 {
		d.string()
	}
	var id string
	if mask&fID != 0 {
		id = d.string()
	}
	if mask&fType != 0 {
		d.byte()
	}
	line := 0
	if mask&fLine != 0 {
		line = int(d.varint())
	}
	if d.bad {
		panic(fmt.Sprintf("entitylist: entry %d: broken encoding", i))
	}
	return id, line
}

// name returns name k of entry i (see List.Name), and whether it has one.
func (s *store) name(i, k int) (string, bool) {
	d := decoder{s: s.raw(i)}
	d.uvarint() // source
	mask := d.uvarint()
	if mask&stringSlices != 0 {
		d.uvarint() // the strings of the string slices
	}
	var name string
	if mask&fName != 0 {
		name = d.string()
	}
	if k == 0 {
		return name, !d.bad
	}
	if mask&fAltNames == 0 || k < 0 {
		return "", false
	}
	if mask&fID != 0 {
		d.string()
	}
	if mask&fType != 0 {
		d.byte()
	}
	if mask&fLine != 0 {
		d.uvarint()
	}
	n := d.uvarint()
	if uint64(k) > n {
		return "", false
	}
	for range k - 1 {
		d.string()
	}
	return d.string(), !d.bad
}

// appendEntry appends the encoding of e, but for its Source, to b.
func appendEntry(b []byte, e *Entry) []byte {
	var mask uint64
	set := func(f uint64, ok bool) {
		if ok {
			mask |= f
		}
	}
	set(fName, e.Name != "")
	set(fID, e.ID != "")
	set(fType, e.Type != TypeUnknown)
	set(fLine, e.Line != 0)
	set(fAltNames, e.AltNames != nil)
	set(fAddresses, e.Addresses != nil)
	set(fPrograms, e.Programs != nil)
	set(fEntityNumber, e.EntityNumber != "")
	set(fStartDate, !e.StartDate.IsZero())
	set(fNotices, e.FederalRegisterNotices != nil)
	set(fSourceListURL, e.SourceListURL != "")
	set(fSourceInformationURL, e.SourceInformationURL != "")
	set(fLicenseRequirement, e.LicenseRequirement != "")
	set(fLicensePolicy, e.LicensePolicy != "")
	set(fRemarks, e.Remarks != "")
	set(fIDs, e.IDs != nil)
	set(fTitle, e.Title != "")
	set(fStandardOrder, e.StandardOrder != "")
	set(fEndDate, !e.EndDate.IsZero())
	set(fCitizenships, e.Citizenships != nil)
	set(fNationalities, e.Nationalities != nil)
	set(fDatesOfBirth, e.DatesOfBirth != nil)
	set(fPlacesOfBirth, e.PlacesOfBirth != nil)
	set(fVessel, e.Vessel != nil)
	set(fAliases, e.Aliases != nil)
	set(fLinkedTo, e.LinkedTo != nil)
	set(fAgency, e.Agency != "")
	set(fExclusionType, e.ExclusionType != "")
	b = binary.AppendUvarint(b, mask)
	if mask&stringSlices != 0 {
		n := 0
		for _, ss := range [...][]string{e.AltNames, e.Programs, e.FederalRegisterNotices, e.Citizenships,
			e.Nationalities, e.DatesOfBirth, e.PlacesOfBirth, e.LinkedTo} {
			n += len(ss)
		}
		b = binary.AppendUvarint(b, uint64(n))
	}

	str := func(f uint64, s string) {
		if mask&f != 0 {
			b = appendString(b, s)
		}
	}
	strs := func(f uint64, ss []string) {
		if mask&f != 0 {
			b = appendStrings(b, ss)
		}
	}
	date := func(f uint64, t time.Time) {
		if mask&f != 0 {
			b = appendDate(b, t)
		}
	}
	str(fName, e.Name)
	str(fID, e.ID)
	if mask&fType != 0 {
		b = append(b, byte(e.Type))
	}
	if mask&fLine != 0 {
		b = binary.AppendVarint(b, int64(e.Line))
	}
	strs(fAltNames, e.AltNames)
	if mask&fAddresses != 0 {
		b = binary.AppendUvarint(b, uint64(len(e.Addresses)))
		for i := range e.Addresses {
			a := &e.Addresses[i]
			b = appendFields(b, a.Street, a.City, a.State, a.PostalCode, a.Country, a.Raw)
		}
	}
	strs(fPrograms, e.Programs)
	str(fEntityNumber, e.EntityNumber)
	date(fStartDate, e.StartDate)
	strs(fNotices, e.FederalRegisterNotices)
	str(fSourceListURL, e.SourceListURL)
	str(fSourceInformationURL, e.SourceInformationURL)
	str(fLicenseRequirement, e.LicenseRequirement)
	str(fLicensePolicy, e.LicensePolicy)
	str(fRemarks, e.Remarks)
	if mask&fIDs != 0 {
		b = binary.AppendUvarint(b, uint64(len(e.IDs)))
		for i := range e.IDs {
			id := &e.IDs[i]
			b = appendFields(b, id.Type, id.Number, id.Country, id.IssueDate, id.Raw)
		}
	}
	str(fTitle, e.Title)
	str(fStandardOrder, e.StandardOrder)
	date(fEndDate, e.EndDate)
	strs(fCitizenships, e.Citizenships)
	strs(fNationalities, e.Nationalities)
	strs(fDatesOfBirth, e.DatesOfBirth)
	strs(fPlacesOfBirth, e.PlacesOfBirth)
	if v := e.Vessel; v != nil {
		b = appendFields(b, v.CallSign, v.Type, v.GrossTonnage, v.GrossRegisteredTonnage, v.Flag, v.Owner)
	}
	if mask&fAliases != 0 {
		b = binary.AppendUvarint(b, uint64(len(e.Aliases)))
		for i, a := range e.Aliases {
			b = appendAlias(b, a, i < len(e.AltNames) && e.AltNames[i] == a.Name)
		}
	}
	strs(fLinkedTo, e.LinkedTo)
	str(fAgency, e.Agency)
	str(fExclusionType, e.ExclusionType)
	return b
}

// appendString appends s, its length first.
func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// appendStrings appends ss, their number first.
func appendStrings(b []byte, ss []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		b = appendString(b, s)
	}
	return b
}

// appendFields appends the strings of a struct of at most 8 of them: a
// byte with a bit for each that is not empty, then those.
func appendFields(b []byte, fields ...string) []byte {
	var mask byte
	for i, f := range fields {
		if f != "" {
			mask |= 1 << i
		}
	}
	b = append(b, mask)
	for _, f := range fields {
		if f != "" {
			b = appendString(b, f)
		}
	}
	return b
}

// appendAlias appends a, whose name is that of the alternate name at its
// index if same.
func appendAlias(b []byte, a Alias, same bool) []byte {
	var flags byte
	switch a.Kind {
	case "":
		flags = aliasNone
	case AlsoKnownAs:
		flags = aliasAKA
	case FormerlyKnownAs:
		flags = aliasFKA
	case NowKnownAs:
		flags = aliasNKA
	default:
		flags = aliasOther
	}
	if a.Weak {
		flags |= aliasWeak
	}
	switch {
	case same:
		flags |= aliasSameName
	case a.Name != "":
		flags |= aliasName
	}
	b = append(b, flags)
	if flags&7 == aliasOther {
		b = appendString(b, string(a.Kind))
	}
	if flags&aliasName != 0 {
		b = appendString(b, a.Name)
	}
	return b
}

// appendDate appends t, which is not zero.
func appendDate(b []byte, t time.Time) []byte {
	t = t.UTC()
	sec := t.Unix()
	if t.Nanosecond() == 0 && sec%86400 == 0 {
		return binary.AppendVarint(append(b, dateDay), sec/86400)
	}
	return binary.AppendUvarint(binary.AppendVarint(append(b, dateInstant), sec), uint64(t.Nanosecond()))
}

// decoder reads an encoding; bad is set when it is broken, which is a bug.
type decoder struct {
	s    string
	bad  bool
	strs []string // the strings of the string slices not yet taken, see strings
}

func (d *decoder) uvarint() uint64 {
	if d.s != "" && d.s[0] < 0x80 {
		c := d.s[0]
		d.s = d.s[1:]
		return uint64(c)
	}
	x, n := binary.Uvarint([]byte(d.s[:min(len(d.s), binary.MaxVarintLen64)]))
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.s = d.s[n:]
	return x
}

func (d *decoder) varint() int64 {
	u := d.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

func (d *decoder) byte() byte {
	if d.s == "" {
		d.bad = true
		return 0
	}
	c := d.s[0]
	d.s = d.s[1:]
	return c
}

// count returns a number of elements, each at least one byte long.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.s)) {
		d.bad = true
		return 0
	}
	return int(n)
}

// string reads a string, its length first: a length of one byte, that of
// most strings, is read here rather than by uvarint.
func (d *decoder) string() string {
	var n uint64
	if s := d.s; s != "" && s[0] < 0x80 {
		n, d.s = uint64(s[0]), s[1:]
	} else {
		n = d.uvarint()
	}
	if n > uint64(len(d.s)) {
		d.bad = true
		return ""
	}
	s := d.s[:n]
	d.s = d.s[n:]
	return s
}

// strings reads a slice of strings into the next of d.strs.
func (d *decoder) strings() []string {
	n := d.uvarint()
	if n > uint64(len(d.strs)) {
		d.bad = true
		return nil
	}
	ss := d.strs[:n:n]
	d.strs = d.strs[n:]
	for i := range ss {
		ss[i] = d.string()
	}
	return ss
}

// skipStrings skips n strings.
func (d *decoder) skipStrings(n int) {
	for range n {
		d.string()
	}
}

// skipFields skips the strings appendFields wrote.
func (d *decoder) skipFields() {
	mask := d.byte()
	for ; mask != 0; mask &= mask - 1 {
		d.string()
	}
}

// fields reads the strings appendFields wrote into the given fields.
func (d *decoder) fields(fields ...*string) {
	mask := d.byte()
	for i, f := range fields {
		if mask&(1<<i) != 0 {
			*f = d.string()
		}
	}
}

func (d *decoder) date() time.Time {
	switch d.byte() {
	case dateDay:
		return time.Unix(d.varint()*86400, 0).UTC()
	case dateInstant:
		sec := d.varint()
		return time.Unix(sec, int64(d.uvarint())).UTC()
	}
	d.bad = true
	return time.Time{}
}

// entry decodes what appendEntry wrote into e.
func (d *decoder) entry(e *Entry) {
	mask := d.uvarint()
	if mask&stringSlices != 0 {
		d.strs = make([]string, d.count())
	}
	str := func(f uint64, s *string) {
		if mask&f != 0 {
			*s = d.string()
		}
	}
	strs := func(f uint64, ss *[]string) {
		if mask&f != 0 {
			*ss = d.strings()
		}
	}
	date := func(f uint64, t *time.Time) {
		if mask&f != 0 {
			*t = d.date()
		}
	}
	str(fName, &e.Name)
	str(fID, &e.ID)
	if mask&fType != 0 {
		e.Type = EntityType(d.byte())
	}
	if mask&fLine != 0 {
		e.Line = int(d.varint())
	}
	strs(fAltNames, &e.AltNames)
	if mask&fAddresses != 0 {
		e.Addresses = make([]Address, d.count())
		for i := range e.Addresses {
			a := &e.Addresses[i]
			d.fields(&a.Street, &a.City, &a.State, &a.PostalCode, &a.Country, &a.Raw)
		}
	}
	strs(fPrograms, &e.Programs)
	str(fEntityNumber, &e.EntityNumber)
	date(fStartDate, &e.StartDate)
	strs(fNotices, &e.FederalRegisterNotices)
	str(fSourceListURL, &e.SourceListURL)
	str(fSourceInformationURL, &e.SourceInformationURL)
	str(fLicenseRequirement, &e.LicenseRequirement)
	str(fLicensePolicy, &e.LicensePolicy)
	str(fRemarks, &e.Remarks)
	if mask&fIDs != 0 {
		e.IDs = make([]Identification, d.count())
		for i := range e.IDs {
			id := &e.IDs[i]
			d.fields(&id.Type, &id.Number, &id.Country, &id.IssueDate, &id.Raw)
		}
	}
	str(fTitle, &e.Title)
	str(fStandardOrder, &e.StandardOrder)
	date(fEndDate, &e.EndDate)
	strs(fCitizenships, &e.Citizenships)
	strs(fNationalities, &e.Nationalities)
	strs(fDatesOfBirth, &e.DatesOfBirth)
	strs(fPlacesOfBirth, &e.PlacesOfBirth)
	if mask&fVessel != 0 {
		v := &Vessel{}
		d.fields(&v.CallSign, &v.Type, &v.GrossTonnage, &v.GrossRegisteredTonnage, &v.Flag, &v.Owner)
		e.Vessel = v
	}
	if mask&fAliases != 0 {
		e.Aliases = make([]Alias, d.count())
		for i := range e.Aliases {
			d.alias(&e.Aliases[i], i, e.AltNames)
		}
	}
	strs(fLinkedTo, &e.LinkedTo)
	str(fAgency, &e.Agency)
	str(fExclusionType, &e.ExclusionType)
	if len(d.strs) > 0 {
		d.bad = true
	}
}

// alias decodes alias i of an entry whose alternate names are alt.
func (d *decoder) alias(a *Alias, i int, alt []string) {
	flags := d.byte()
	switch flags & 7 {
	case aliasNone:
	case aliasAKA:
		a.Kind = AlsoKnownAs
	case aliasFKA:
		a.Kind = FormerlyKnownAs
	case aliasNKA:
		a.Kind = NowKnownAs
	case aliasOther:
		a.Kind = AliasKind(d.string())
	default:
		d.bad = true
	}
	a.Weak = flags&aliasWeak != 0
	switch {
	case flags&aliasSameName != 0:
		if i >= len(alt) {
			d.bad = true
			return
		}
		a.Name = alt[i]
	case flags&aliasName != 0:
		a.Name = d.string()
	}
}
