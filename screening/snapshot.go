package screening

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/build"
	"github.com/entityscreen/entityscreen/internal/sealed"
	"github.com/entityscreen/entityscreen/screening/internal/normalize"
)

// A snapshot is a built Screener's index written out, so that a program
// that screens against the same list again starts from it rather than
// normalizing every name anew (see WriteSnapshot and ReadSnapshot). It is
// a sealed frame (see package sealed) of kind snapshotKind whose keys are
// the SHA-256 of the list's Version.SHA256 and the fingerprint of the code
// that built it (see fingerprint), whose count is the number of entries of
// the list, and whose body, the payload, holds sections of the index, read
// on goroutines of their own (see secTerms).
//
// The list and the options are not in it: the list is read as ever, and
// its hash keys the snapshot; the options are given to ReadSnapshot.
//
// Everything read is checked before it is used: a snapshot of another list
// or written by other code is stale, one whose checksums, lengths or
// numbers do not hold together is damaged, and a sample of the list's
// names normalized afresh must be indexed as the snapshot says (see
// index.check), which catches a normalizer that changed without the
// module's version changing. snapshotVersion changes with the layout of
// the snapshot or the meaning of what it holds.
const snapshotVersion = 14

// snapshotKind is the kind of sealed frame a snapshot is.
var snapshotKind = sealed.Kind{
	Magic:   "ESCRSNAP",
	Name:    "a snapshot",
	Version: snapshotVersion,
	MaxLen:  1 << 40,
	Stale:   ErrSnapshotStale,
	Damaged: ErrSnapshotDamaged,
}

// Errors of ReadSnapshot, for use with errors.Is.
var (
	// ErrSnapshotStale is returned for a snapshot of another list (another
	// Version.SHA256), of another format version, or written by a build of
	// the package that normalizes or indexes names otherwise: it is sound
	// but of no use, and the Screener must be built anew with New.
	ErrSnapshotStale = errors.New("snapshot is of another list or another build of the index")
	// ErrSnapshotDamaged is returned for a snapshot that is not one or is
	// damaged: cut short, a checksum that differs, numbers that do not
	// hold together.
	ErrSnapshotDamaged = errors.New("snapshot is damaged")
)

// WriteSnapshot writes the Screener's index to w as a snapshot that
// ReadSnapshot reads back for the same list, in a fraction of the time New
// takes. The snapshot holds the index only, not the list nor the options.
// The same Screener always writes the same bytes.
func (s *Screener) WriteSnapshot(w io.Writer) error {
	if s.ix == nil {
		return ErrNoScreener
	}
	payload := s.encode()
	h := snapshotKind.AppendHeader(nil, snapshotKeys(s.list), uint64(s.list.Len()), len(payload))
	for _, b := range [][]byte{h, payload, sealed.AppendSum(nil, payload)} {
		if _, err := w.Write(b); err != nil {
			return fmt.Errorf("screening: writing snapshot: %w", err)
		}
	}
	return nil
}

// snapshotKeys returns the keys of a snapshot for list: the SHA-256 of its
// Version.SHA256 and the fingerprint of this build.
func snapshotKeys(list *entitylist.List) [2][sha256.Size]byte {
	return [2][sha256.Size]byte{sha256.Sum256([]byte(list.Version().SHA256)), fingerprint()}
}

// ReadSnapshot reads a snapshot that WriteSnapshot wrote for list, and
// returns the Screener it holds with options opts (which, like New's, are
// the Screener's defaults). The Screener screens exactly as the one New
// builds for list.
//
// A snapshot is never trusted: one of another list (by
// Version.SHA256), of another format or written by a build of the package
// that normalizes or indexes names otherwise is an error wrapping
// ErrSnapshotStale; one that is damaged (cut short, a checksum or a length
// that differs, numbers that do not hold together) an error wrapping
// ErrSnapshotDamaged. An invalid option is an error too. On any error,
// build the Screener with New.
func ReadSnapshot(r io.Reader, list *entitylist.List, opts ...Option) (*Screener, error) {
	if list == nil {
		return nil, errors.New("screening: nil list")
	}
	o, err := defaults.with(opts)
	if err != nil {
		return nil, err
	}
	entries, err := newEntryKeys(list)
	if err != nil {
		return nil, err
	}
	payload, err := readSnapshot(r, list)
	if err != nil {
		return nil, err
	}
	ix, err := decode(payload, list)
	if err != nil {
		return nil, fmt.Errorf("screening: %w: %w", ErrSnapshotDamaged, err)
	}
	if err := ix.check(list); err != nil {
		return nil, fmt.Errorf("screening: %w: %w", ErrSnapshotStale, err)
	}
	return assemble(list, o, ix, entries)
}

// readSnapshot reads the header and the payload of a snapshot for list,
// checking all but the payload's content, and returns the payload.
func readSnapshot(r io.Reader, list *entitylist.List) ([]byte, error) {
	h, err := snapshotKind.ReadHeader(r)
	if err != nil {
		return nil, snapshotError(err)
	}
	keys := snapshotKeys(list)
	switch {
	case h.Keys[0] != keys[0]:
		return nil, fmt.Errorf("screening: %w: written for another list", ErrSnapshotStale)
	case h.Keys[1] != keys[1]:
		return nil, fmt.Errorf("screening: %w: written by another build of the index", ErrSnapshotStale)
	case h.Count != uint64(list.Len()):
		return nil, fmt.Errorf("screening: %w: %d entries, the list has %d", ErrSnapshotDamaged, h.Count, list.Len())
	}
	payload, err := snapshotKind.ReadBody(r, h)
	if err != nil {
		return nil, snapshotError(err)
	}
	return payload, nil
}

// snapshotError returns err, of reading a snapshot's frame, as an error of
// this package.
func snapshotError(err error) error {
	if errors.Is(err, ErrSnapshotDamaged) || errors.Is(err, ErrSnapshotStale) {
		return fmt.Errorf("screening: %w", err)
	}
	return fmt.Errorf("screening: reading snapshot: %w", err)
}

// fingerprint identifies the code that builds an index: the build of
// this module (see build.Identity) and what the normalizer makes of a set
// of probe names in every script and shape it treats apart. A snapshot
// written by another fingerprint is stale.
var fingerprint = sync.OnceValue(func() [sha256.Size]byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%d\x00", build.Identity(), snapshotVersion)
	for _, name := range probeNames {
		// Read as any name and as a person's (see normalizeEntry).
		for _, variants := range []func(string) ([]normalize.Name, error){normalize.Variants, normalize.PersonVariants} {
			vs, err := variants(name)
			fmt.Fprintf(h, "%q %v\n", name, err)
			for _, v := range vs {
				fmt.Fprintf(h, " %q|", v.Display)
				for _, t := range v.Tokens {
					fmt.Fprintf(h, "%q %q %d %t %t,", t.Key, t.Sound, t.Kind, t.Hyphen, t.Guessed)
				}
				for _, f := range v.LegalForms {
					fmt.Fprintf(h, "|%q %q", f.Class, f.Text)
				}
			}
		}
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
})

// probeNames are the names whose normalization the fingerprint records:
// Latin names with legal forms, organization words, qualifiers, numbers,
// initialisms, glued and misspelt words, lookalike letters and people's
// names, and names in the scripts the normalizer transliterates or keeps.
var probeNames = []string{
	"AO Kaspersky Lab", "KASPERSKY LABS LTD.", "KasperskyLab", "Huawei Technologies Co., Ltd. (Huawei)",
	"Hikvision Europe B.V.", "Beijing Institute of Technology", "Islamic Revolutionary Guard Corps (IRGC)",
	"I.R.G.C.", "140 Repair Plant", "First Bancorp", "Gazprombank 911", "R0s0b0r0nexp0rt", "K@spersky",
	"Coepanies International Holdings", "Société Générale S.A.", "Müller & Søn GmbH", "Łódź Œuvre Straße Þór",
	"TAVANA, Ali Akbar Rezaei", "Shoigu, Sergei Kuzhugetovich", "Grupo Bimbo, S.A.B. de C.V.",
	"Sdn Bhd", "Pvt. Ltd.", "a.k.a. Mahan Airlines", "The Iron Works", "ООО Касперский Груп",
	"ТОВ Нафтогаз України", "Σίμενς Α.Ε.", "中国电子科技集团公司", "华为技术有限公司", "ソニー株式会社",
	"삼성전자 주식회사", "شركة ماهان للطيران", "חברת החשמל", "Zhōngguó Hángtiān Kēgōng", "ＡＢＣ　Ｔｒａｄｉｎｇ",
	"ODK-Saturn", "AK ALROSA", "Borisat Siam Chamkat", "Gaxiola Hermanos", "Dis Ticaret", "PO Krasnovets",
	"Fides Shyp Menedzhment", "Kaveh Shargh Steel", "Bank-e Sarmayeh", "Evrofinance Mosnarbank",
	"Kaѕperѕky", "ᴋᴀsᴘᴇʀsᴋʏ", "Rosoboron-export", "S-P-E-C-T-R-U-M", "Ltd.", "", "x\xff",
	"Kаsреrsкy Cօոtiոeոtal", "Plant ੧੨੩", "АТ «Укрнафта»", "トヨタ(株)", "Ђорђевић Ўзбекистон", "Μπακογιάννης",
}

// check normalizes a sample of the list's names afresh and reports
// whether the index holds them as it would if it were built now: a check
// that the normalizer the snapshot was written with is this one.
func (ix *index) check(list *entitylist.List) error {
	const samples = 128
	n := list.Len()
	if n == 0 {
		return nil
	}
	first := make([]int32, n+1) // first[e]: the first indexed name of entry e
	for i := range ix.names {
		first[ix.names[i].entry+1] = int32(i + 1)
	}
	for e := 1; e <= n; e++ {
		first[e] = max(first[e], first[e-1])
	}
	var vs variantSet
	var given func(key string) bool // the given names of the list's people, see readGivenFirst
	// The weak aliases of the twins of the entries checked that do not
	// mark theirs (see weakTwins): those of the whole list are not needed.
	numbers := map[string]bool{}
	for j := range min(samples, n) {
		if sm := list.Summary(j * n / min(samples, n)); !sm.Aliases && sm.EntityNumber != "" {
			numbers[sm.EntityNumber] = true
		}
	}
	var twins weakTwins
	if len(numbers) > 0 {
		twins = newWeakTwins(list, func(number string) bool { return numbers[number] })
	}
	for j := range min(samples, n) {
		e := j * n / min(samples, n)
		sm := list.Summary(e)
		typ := sm.Type
		var c chunk
		var weakOf func(k int) bool
		if twins.decodes(sm) {
			weakOf = twins.weakAliases(list.Entry(e))
		}
		vs.indexed(typ, normalizeEntry(nil, list, e, sm), weakOf, func(k int, v normalize.Name, part, weak bool, surname int) {
			c.prepare(int32(e), int32(k), list.Name(e, k), v, part, weak, qualifies(typ), surname)
		})
		fresh := &index{}
		fresh.add(&c)
		if typ == entitylist.TypeUnknown {
			if given == nil {
				given = ix.givenName(ix.givenNames(list))
			}
			fresh.readGivenFirst(list, given)
		}
		if len(fresh.names) != int(first[e+1]-first[e]) {
			return fmt.Errorf("entry %d: %d names indexed, the snapshot holds %d", e, len(fresh.names), first[e+1]-first[e])
		}
		for i := range fresh.names {
			if !ix.same(list, int(first[e])+i, fresh, i) {
				return fmt.Errorf("entry %d: name %q is indexed otherwise", e, fresh.display(list, int32(i)))
			}
		}
	}
	return nil
}

// same reports whether name i of ix is name k of index o, both indexes of
// list, but for the weights, which depend on the whole list: o is an index
// of a few names just added, whose words hold their kinds (index.kinds),
// each one that ix's term must read its word as.
func (ix *index) same(list *entitylist.List, i int, o *index, k int) bool {
	a, b := &ix.names[i], &o.names[k]
	if a.entry != b.entry || a.name != b.name || a.flags != b.flags ||
		ix.display(list, int32(i)) != o.display(list, int32(k)) || ix.acroOf(int32(i)) != o.acroOf(int32(k)) ||
		a.core != b.core || a.person != b.person || a.entity != b.entity ||
		a.toks != b.toks || a.forms != b.forms {
		return false
	}
	for j := range int32(a.toks) {
		x, y := ix.tokens[a.tokLo+j], o.tokens[b.tokLo+j]
		if ix.terms[x.term()].key != o.terms[y.term()].key || !ix.readsAs(x.term(), o.kinds[b.tokLo+j]) ||
			x.qual() != y.qual() || x.role() != y.role() || x.joined() != y.joined() {
			return false
		}
	}
	for j := range int32(a.forms) {
		if ix.formSet[ix.forms[a.formLo+j]] != o.formSet[o.forms[b.formLo+j]] {
			return false
		}
	}
	return true
}

// The payload of a snapshot is made of sections, each read on a goroutine
// of its own: a directory (the number of terms, names, words, legal forms,
// postings and misspellings of the index, then the length of each
// section's text and numbers), then every section's text, then every
// section's numbers.
// A section's text is its strings one after the other, in the order they
// are read; its numbers are unsigned varints (weights as the bits of a
// float32), each string's length among them.
const (
	secTerms  = iota // the terms, with their postings and misspellings (see index.setNear)
	secNames         // the indexed names
	secTokens        // the words of the names
	secForms         // the legal forms of the names
	secTables        // the look-ups by sound key, trigram, neighbouring words and first words
	secRest          // the names skipped
	sections
)

// snapWriter accumulates a section of a snapshot's payload.
type snapWriter struct {
	text []byte
	data []byte
}

func (w *snapWriter) uint(v uint64) { w.data = binary.AppendUvarint(w.data, v) }
func (w *snapWriter) int(v int)     { w.uint(uint64(v)) }
func (w *snapWriter) f32(f float32) {
	w.data = binary.LittleEndian.AppendUint32(w.data, math.Float32bits(f))
}
func (w *snapWriter) str(s string) { w.int(len(s)); w.text = append(w.text, s...) }

// ascending writes the ascending ids as differences.
func (w *snapWriter) ascending(ids []int32) {
	w.int(len(ids))
	prev := int32(0)
	for _, id := range ids {
		w.uint(uint64(id - prev))
		prev = id
	}
}

// Bits of the flags of an indexed name.
const (
	flagNums = 1 << iota
	flagCompany
	flagPerson
	flagEntity
	flagPart
	flagWeak
)

// Codes of the errors of skipped names.
const (
	skipOther = iota
	skipEmpty
	skipUTF8
	skipTooLong
)

// encode returns the payload of the Screener's snapshot.
func (s *Screener) encode() []byte {
	ix := s.ix
	var ws [sections]snapWriter
	w := &ws[secTerms]
	for i := range ix.terms {
		t := &ix.terms[i]
		w.str(t.key)
		w.str(t.sound)
		w.uint(uint64(t.kind))
		w.uint(uint64(ix.traits[i] >> traitReadShift))
		w.uint(b2u(t.common))
		w.f32(t.weight)
		w.ascending(ix.postingsOf(int32(i)))
		w.ascending(ix.nearOf(int32(i)))
	}
	w = &ws[secNames]
	prev := int32(0)
	for i := range ix.names {
		nm := &ix.names[i]
		w.uint(uint64(nm.entry - prev))
		prev = nm.entry
		w.int(int(nm.name))
		w.int(int(nm.toks))
		w.int(int(nm.forms))
		w.f32(nm.total)
		w.uint(b2u(nm.is(nameNums))*flagNums | b2u(nm.is(nameCompany))*flagCompany | b2u(nm.person)*flagPerson |
			b2u(nm.entity)*flagEntity | b2u(nm.is(namePart))*flagPart | b2u(nm.is(nameWeak))*flagWeak)
		w.uint(uint64(nm.core))
		acro := ix.acroOf(int32(i))
		w.str(acro[0])
		w.str(acro[1])
		w.str(ix.display(s.list, int32(i)))
	}
	w = &ws[secTokens]
	for _, tr := range ix.tokens {
		w.int(int(tr.term()))
		w.uint(uint64(tr.share()))
		w.uint(b2u(tr.qual()) | b2u(tr.joined())<<1 | uint64(tr.role())<<2)
	}
	w = &ws[secForms]
	classes, formKeys := make([]string, len(ix.formSet)), make([]string, len(ix.formSet))
	for i, f := range ix.formSet {
		classes[i], formKeys[i] = string(f.class), f.key
	}
	classes, formKeys = interned(classes), interned(formKeys)
	for _, t := range [][]string{classes, formKeys} {
		w.int(len(t))
		for _, s := range t {
			w.str(s)
		}
	}
	for _, id := range ix.forms {
		f := &ix.formSet[id]
		w.int(slices.Index(classes, string(f.class)))
		w.int(slices.Index(formKeys, f.key))
	}
	w = &ws[secTables]
	writeTable(w, &ix.bySound.table, true)
	writeTable(w, &ix.grams, false)
	writeTable(w, &ix.glue.table, true)
	writeTable(w, &ix.heads, true)
	w = &ws[secRest]
	w.int(len(ix.skipped))
	for _, sk := range ix.skipped {
		w.int(int(sk.entry))
		w.int(int(sk.name))
		code := skipOther
		switch {
		case errors.Is(sk.Err, ErrEmptyName):
			code = skipEmpty
		case errors.Is(sk.Err, ErrInvalidUTF8):
			code = skipUTF8
		case errors.Is(sk.Err, ErrTooLong):
			code = skipTooLong
		}
		w.int(code)
		w.str(sk.Err.Error())
		w.str(sk.Part)
	}

	var dir snapWriter
	for _, n := range []int{len(ix.terms), len(ix.names), len(ix.tokens), len(ix.forms), len(ix.postings), len(ix.near)} {
		dir.int(n)
	}
	size := 0
	for i := range ws {
		dir.int(len(ws[i].text))
		dir.int(len(ws[i].data))
		size += len(ws[i].text) + len(ws[i].data)
	}
	payload := make([]byte, 0, 8+len(dir.data)+size)
	payload = binary.LittleEndian.AppendUint64(payload, uint64(len(dir.data)))
	payload = append(payload, dir.data...)
	for i := range ws {
		payload = append(payload, ws[i].text...)
	}
	for i := range ws {
		payload = append(payload, ws[i].data...)
	}
	return payload
}

// writeTable writes t: its keys as differences, then per key the number of
// ids and the ids, as differences when they ascend.
func writeTable(w *snapWriter, t *table, ascending bool) {
	keys := 0
	for range t.all {
		keys++
	}
	w.int(keys)
	w.int(t.ids())
	prev := uint32(0)
	for k, ids := range t.all {
		w.uint(uint64(k - prev))
		prev = k
		if ascending {
			w.ascending(ids)
			continue
		}
		w.int(len(ids))
		for _, id := range ids {
			w.int(int(id))
		}
	}
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// interned returns the distinct strings of ss, sorted.
func interned(ss []string) []string {
	out := slices.Clone(ss)
	slices.Sort(out)
	return slices.Compact(out)
}

// snapReader reads a section of a snapshot's payload; the first error
// sticks, and every read after it returns zero values.
type snapReader struct {
	data []byte
	pos  int
	text string
	tpos int
	err  error
}

func (r *snapReader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf(format+" (at byte %d of the numbers)", append(args, r.pos)...)
	}
}

func (r *snapReader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.data[r.pos:])
	if n <= 0 {
		r.fail("a number cut short or too long")
		return 0
	}
	r.pos += n
	return v
}

// below reads a number less than n, as an int.
func (r *snapReader) below(n int, what string) int {
	v := r.uint()
	if v >= uint64(n) {
		r.fail("%s %d out of range [0, %d)", what, v, n)
		return 0
	}
	return int(v)
}

// count reads the number of the elements of something, each of which
// takes a byte or more: there cannot be more than the bytes left.
func (r *snapReader) count(what string) int {
	v := r.uint()
	if v > uint64(len(r.data)-r.pos) {
		r.fail("%d %s, more than the bytes left", v, what)
		return 0
	}
	return int(v)
}

func (r *snapReader) f32(what string) float32 {
	if r.err != nil {
		return 0
	}
	if len(r.data)-r.pos < 4 {
		r.fail("%s cut short", what)
		return 0
	}
	f := math.Float32frombits(binary.LittleEndian.Uint32(r.data[r.pos:]))
	r.pos += 4
	if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) || f < 0 {
		r.fail("%s %v is no weight", what, f)
		return 0
	}
	return f
}

func (r *snapReader) str() string {
	n := r.uint()
	if r.err != nil {
		return ""
	}
	if n > uint64(len(r.text)-r.tpos) {
		r.fail("a string of %d bytes past the end of the text", n)
		return ""
	}
	s := r.text[r.tpos : r.tpos+int(n)]
	r.tpos += int(n)
	return s
}

// appendAscending appends to ids the ids written by snapWriter.ascending,
// each less than n, as long as ids holds no more than max.
func (r *snapReader) appendAscending(ids []int32, max, n int, what string) []int32 {
	k := r.count(what)
	if r.err != nil || k > max-len(ids) {
		r.fail("more %s than %d", what, max)
		return ids
	}
	prev := uint64(0)
	for i := range k {
		d := r.uint()
		if i > 0 && d == 0 {
			r.fail("%s not ascending", what)
		}
		if d >= uint64(n)-prev { // prev+d past n, or past the largest uint64 and round
			r.fail("%s: %d more than %d, out of range [0, %d)", what, d, prev, n)
			return ids
		}
		prev += d
		ids = append(ids, int32(prev))
	}
	return ids
}

// end reports an error unless every number and every string of the
// section was read.
func (r *snapReader) end() error {
	if r.err == nil && (r.pos != len(r.data) || r.tpos != len(r.text)) {
		r.err = fmt.Errorf("%d bytes of numbers and %d of text left over", len(r.data)-r.pos, len(r.text)-r.tpos)
	}
	return r.err
}

// maxKind is the last kind of word there is.
const maxKind = normalize.Qualifier

// decode reads the index of a snapshot's payload for list, checking that
// every number is in range and that the parts hold together: whatever the
// bytes, the index it returns screens without a fault. It reads the
// sections on goroutines of their own.
func decode(payload []byte, list *entitylist.List) (*index, error) {
	if len(payload) < 8 {
		return nil, errors.New("payload cut short")
	}
	dn := binary.LittleEndian.Uint64(payload)
	if dn > uint64(len(payload)-8) {
		return nil, fmt.Errorf("directory of %d bytes in a payload of %d", dn, len(payload))
	}
	dir := &snapReader{data: payload[8 : 8+dn]}
	body := payload[8+dn:]
	var counts [6]int
	for i := range counts {
		c := dir.uint()
		if c > uint64(len(body)) {
			return nil, fmt.Errorf("%d elements in %d bytes", c, len(body))
		}
		counts[i] = int(c)
	}
	var lens [sections][2]int
	total := uint64(0)
	for i := range lens {
		t, d := dir.uint(), dir.uint()
		if t > uint64(len(body)) || d > uint64(len(body)) {
			return nil, fmt.Errorf("a section of %d and %d bytes in %d", t, d, len(body))
		}
		lens[i] = [2]int{int(t), int(d)}
		total += t + d
	}
	if err := dir.end(); err != nil {
		return nil, fmt.Errorf("directory: %w", err)
	}
	if total != uint64(len(body)) {
		return nil, fmt.Errorf("sections of %d bytes in %d", total, len(body))
	}
	nTerms, nNames, nTokens, nForms, nPostings, nNear := counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]
	if nTerms > maxTerms {
		return nil, fmt.Errorf("%d terms, more than the %d an index holds", nTerms, maxTerms)
	}
	// Each term, name, word, legal form, posting and misspelling takes a
	// byte or more of its section: counts beyond that are damage, not a
	// reason to allocate.
	for _, c := range [][2]int{{nTerms, secTerms}, {nPostings + nNear, secTerms}, {nNames, secNames}, {nTokens, secTokens}, {nForms, secForms}} {
		if c[0] > lens[c[1]][1] {
			return nil, fmt.Errorf("%d elements in a section of %d bytes", c[0], lens[c[1]][1])
		}
	}
	var rs [sections]snapReader
	at := 0
	texts := make([][]byte, sections) // made strings by their readers
	for i := range rs {
		texts[i] = body[at : at+lens[i][0]]
		at += lens[i][0]
	}
	for i := range rs {
		rs[i].data = body[at : at+lens[i][1]]
		at += lens[i][1]
	}

	ix := &index{
		terms:    make([]term, nTerms),
		typoSets: make([]typoLetters, nTerms),
		traits:   make([]termTraits, nTerms),
		typo:     make([]typoKey, nTerms),
		keyLen:   make([]uint16, nTerms),
		postings: make([]int32, 0, nPostings),
		postOff:  make([]uint32, nTerms+1),
		near:     make([]int32, 0, nNear),
		nearOff:  make([]uint32, nTerms+1),
		names:    make([]indexedName, nNames),
		texts:    make([]nameText, nNames),
		tokens:   make([]tokenRef, nTokens),
		forms:    make([]int32, nForms),
	}
	read := [sections]func(r *snapReader) error{
		secTerms:  func(r *snapReader) error { return ix.readTerms(r, nNames) },
		secNames:  func(r *snapReader) error { return ix.readNames(r, list, nTokens, nForms) },
		secTokens: func(r *snapReader) error { return ix.readTokens(r) },
		secForms:  func(r *snapReader) error { return ix.readForms(r) },
		secTables: func(r *snapReader) error { return ix.readTables(r, nTerms, nNames) },
		secRest:   func(r *snapReader) error { return ix.readRest(r, list) },
	}
	var errs [sections]error
	var wg sync.WaitGroup
	for i := range rs {
		wg.Go(func() {
			rs[i].text = string(texts[i])
			if err := read[i](&rs[i]); err != nil {
				errs[i] = err
				return
			}
			errs[i] = rs[i].end()
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("section %d: %w", i, err)
		}
	}
	// What holds between the sections.
	for i := range ix.names {
		// The first word of a name is joined to none before it.
		if nm := &ix.names[i]; ix.tokens[nm.tokLo].joined() {
			return nil, fmt.Errorf("name %d: its first word joined to the one before", i)
		}
	}
	for g, ts := range ix.grams.all {
		for j := 1; j < len(ts); j++ {
			if a, b := ix.keyLen[ts[j-1]], ix.keyLen[ts[j]]; a > b || a == b && ts[j-1] >= ts[j] {
				return nil, fmt.Errorf("the terms of trigram %x are not by length", g)
			}
		}
	}
	ix.maxIDF = math.Log(1 + float64(max(len(ix.names), 1)))
	ix.maxDF = selectiveDF(len(ix.names))
	ix.setAcroNames()
	ix.setLengths()
	ix.setShapes()
	ix.setTotalOrder()
	ix.setTranslations()
	ix.setTypoProbes()
	return ix, nil
}

// readTerms reads the terms, with their postings, of names less than n,
// and their misspellings.
func (ix *index) readTerms(r *snapReader, n int) error {
	nPostings := cap(ix.postings)
	for i := range ix.terms {
		t := &ix.terms[i]
		t.key, t.sound = r.str(), r.str()
		kind := normalize.Kind(r.below(int(maxKind)+1, "word kind"))
		reads := termTraits(r.below(1<<(maxKind+1), "word readings"))
		t.common = r.below(2, "flag") == 1
		t.weight = r.f32("term weight")
		ix.postings = r.appendAscending(ix.postings, nPostings, n, "postings")
		ix.postOff[i+1] = uint32(len(ix.postings))
		ix.near = r.appendAscending(ix.near, cap(ix.near), len(ix.terms), "misspellings")
		ix.nearOff[i+1] = uint32(len(ix.near))
		t.mask, t.smask = letterMask(t.key), letterMask(t.sound)
		t.setKind(kind)
		ix.traits[i] = traitsOf(&t.word) | reads<<traitReadShift
		t.spellings = spellingLetters(t.key)
		ix.typoSets[i], ix.typo[i], ix.keyLen[i] = newTypoLetters(&t.word), newTypoKey(&t.word), uint16(min(len(t.key), math.MaxUint16))
		if r.err != nil {
			return r.err
		}
		if t.key == "" || ix.df(int32(i)) == 0 {
			return fmt.Errorf("term %d: empty", i)
		}
		if _, ok := ix.term(t.key); ok {
			return fmt.Errorf("term %d: key %q twice", i, t.key)
		}
		ix.byKey.add(int32(i), ix.termKey)
	}
	if len(ix.postings) != nPostings {
		return fmt.Errorf("%d postings, not %d", len(ix.postings), nPostings)
	}
	if len(ix.near) != cap(ix.near) {
		return fmt.Errorf("%d misspellings, not %d", len(ix.near), cap(ix.near))
	}
	return nil
}

// readNames reads the indexed names of list's entries, which hold
// nTokens words and nForms legal forms in all.
func (ix *index) readNames(r *snapReader, list *entitylist.List, nTokens, nForms int) error {
	tok, form, entry := 0, 0, 0
	names := 0 // the number of names of entry, read once an entry
	for i := range ix.names {
		nm := &ix.names[i]
		next := r.uint()
		if next >= uint64(list.Len()-entry) {
			return fmt.Errorf("name %d: %d entries after entry %d, past the %d of the list", i, next, entry, list.Len())
		}
		entry += int(next)
		if i == 0 || next != 0 {
			names = list.Summary(entry).Names
		}
		nm.entry = int32(entry)
		nm.name = int32(r.below(names, "name number"))
		toks, forms := r.below(normalize.MaxLen+1, "words"), r.below(normalize.MaxLen+1, "legal forms")
		if r.err != nil {
			return r.err
		}
		if toks == 0 || tok+toks > nTokens || form+forms > nForms {
			return fmt.Errorf("name %d: %d words from %d of %d, %d legal forms from %d of %d", i, toks, tok, nTokens, forms, form, nForms)
		}
		nm.tokLo, nm.toks, nm.formLo, nm.forms = int32(tok), uint16(toks), int32(form), uint16(forms)
		tok, form = tok+toks, form+forms
		nm.total = r.f32("name weight")
		flags := r.below(flagWeak<<1, "name flags")
		nm.set(nameNums, flags&flagNums != 0)
		nm.set(nameCompany, flags&flagCompany != 0)
		nm.set(namePart, flags&flagPart != 0)
		nm.set(nameWeak, flags&flagWeak != 0)
		nm.person, nm.entity = flags&flagPerson != 0, flags&flagEntity != 0
		nm.core = uint8(r.below(256, "distinctive words"))
		acro := [2]int32{ix.acroID(r.str()), ix.acroID(r.str())}
		ix.texts[i] = displayText(list.Name(entry, int(nm.name)), r.str(), &ix.displays)
		ix.texts[i].acro = acro
		nm.set(nameAcro, acro != [2]int32{})
	}
	if tok != nTokens || form != nForms {
		return fmt.Errorf("names hold %d words and %d legal forms, not %d and %d", tok, form, nTokens, nForms)
	}
	return r.err
}

// readTokens reads the words of the names.
func (ix *index) readTokens(r *snapReader) error {
	for i := range ix.tokens {
		t := int32(r.below(len(ix.terms), "term id"))
		share := uint8(r.below(shareParent+1, "word weight share"))
		flags := r.below(int(roleMiddle+1)<<2, "word flags")
		ix.tokens[i] = newTokenRef(t, flags&1 != 0, flags&2 != 0, uint8(flags>>2), share)
	}
	return r.err
}

// readForms reads the legal forms of the names.
func (ix *index) readForms(r *snapReader) error {
	var tables [2][]string
	for k := range tables {
		tables[k] = make([]string, r.count("legal forms"))
		for i := range tables[k] {
			tables[k][i] = r.str()
		}
	}
	pick := func(t []string, what string) string {
		i := r.below(len(t), what)
		if r.err != nil {
			return ""
		}
		return t[i]
	}
	for i := range ix.forms {
		ix.forms[i] = ix.formID(legalForm{normalize.Class(pick(tables[0], "legal form class")), pick(tables[1], "legal form text")})
	}
	ix.formIDs = nil
	return r.err
}

// readTables reads the look-ups by sound key, trigram, neighbouring
// words and first words, of nTerms terms and nNames names.
func (ix *index) readTables(r *snapReader, nTerms, nNames int) error {
	ix.bySound = hashTable{readTable(r, nTerms, true, "sound keys")}
	ix.grams = readTable(r, nTerms, false, "trigrams")
	ix.glue = hashTable{readTable(r, nNames, true, "neighbouring words")}
	ix.heads = readTable(r, nNames, true, "first words")
	return r.err
}

// readRest reads the names of list skipped.
func (ix *index) readRest(r *snapReader, list *entitylist.List) error {
	ix.skipped = make([]SkippedName, r.count("skipped names"))
	for i := range ix.skipped {
		sk := &ix.skipped[i]
		e := r.below(list.Len(), "entry")
		if r.err != nil {
			return r.err // no entry to read: the list may have none
		}
		sk.Entry, sk.entry = list.Entry(e), int32(e)
		k := r.below(1+len(sk.Entry.AltNames), "name number")
		sk.name, sk.Name = int32(k), nameOf(sk.Entry, int32(k))
		code := r.below(skipTooLong+1, "error")
		sk.Err = &snapError{msg: r.str(), is: []error{nil, ErrEmptyName, ErrInvalidUTF8, ErrTooLong}[code]}
		sk.Part = r.str()
		if sk.Part == "" {
			ix.unscreened++
		}
	}
	return r.err
}

// readTable reads a table written by writeTable whose ids are less than n,
// ascending within a key when ascending is set.
func readTable(r *snapReader, n int, ascending bool, what string) table {
	keys, ids := r.count(what), r.count(what)
	if r.err != nil {
		return table{}
	}
	t := tablePart{keys: make([]uint32, keys), off: make([]uint32, keys+1), ids: make([]int32, 0, ids)}
	k := uint64(0)
	for i := range t.keys {
		d := r.uint()
		if i > 0 && d == 0 || d > math.MaxUint32-k { // k+d past the largest key, or past the largest uint64 and round
			r.fail("%s not ascending", what)
			return table{}
		}
		k += d
		t.keys[i] = uint32(k)
		lo := len(t.ids)
		if ascending {
			t.ids = r.appendAscending(t.ids, ids, n, what)
		} else {
			m := r.count(what)
			if m > ids-len(t.ids) {
				r.fail("%s: more ids than %d", what, ids)
				return table{}
			}
			for range m {
				t.ids = append(t.ids, int32(r.below(n, what)))
			}
		}
		if r.err != nil || len(t.ids) == lo {
			r.fail("%s: a key with no ids", what)
			return table{}
		}
		t.off[i+1] = uint32(len(t.ids))
	}
	if len(t.ids) != ids {
		r.fail("%s: %d ids, not %d", what, len(t.ids), ids)
		return table{}
	}
	return split(t)
}

// snapError is the error of a skipped name read from a snapshot: the
// text of the error New found, wrapping the same sentinel.
type snapError struct {
	msg string
	is  error
}

func (e *snapError) Error() string { return e.msg }
func (e *snapError) Unwrap() error { return e.is }
