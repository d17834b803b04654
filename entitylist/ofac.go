package entitylist

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

// Sentinel errors of the readers of OFAC's, the UN's and SAM's lists, wrapped
// by [ParseError] like the others.
var (
	ErrDuplicateEntry = errors.New("duplicated entry")  // a number the list gives one record only (an OFAC ent_num, a UN DATAID) repeats
	ErrUnknownEntry   = errors.New("unknown entry")     // a row refers to an entry its list does not hold (an add.csv row's ent_num)
	ErrUnknownList    = errors.New("list not told")     // a row of OFAC's consolidated files whose list cannot be told
	ErrNotUNList      = errors.New("not a UN list XML") // an XML document of another shape than the UN Security Council Consolidated List
)

// newOfficialBuilder starts a list read by ReadOFAC, ReadUN or ReadSAM, in
// format, whose messages name the id, name and source fields as given
// (OFAC's qualified by the file they are in).
func newOfficialBuilder(origin string, format Format, fields fieldNames) *builder {
	return &builder{origin: origin, format: format, firstID: make(map[string]int), fields: fields}
}

// OFACFiles are the files of one of OFAC's lists in its legacy CSV format:
// the SDN list (sdn.csv, add.csv, alt.csv, sdn_comments.csv) or, with
// Consolidated set, the consolidated non-SDN lists (cons_prim.csv,
// cons_add.csv, cons_alt.csv, cons_comments.csv), whose files have the same
// columns. Primary is required; a nil Addresses, Aliases or Comments is a
// file not read, which the list's warnings name: without alt.csv the
// entries lack their aliases, without the comments the remarks OFAC cut at
// 1,000 characters stay cut.
//
// The zero OFACFiles names no file, and ReadOFAC refuses it: Primary is
// required. Its readers are consumed by one ReadOFAC: an OFACFiles is not
// for concurrent use.
type OFACFiles struct {
	Consolidated bool      // the consolidated non-SDN files, not the SDN files
	Primary      io.Reader // sdn.csv or cons_prim.csv: one row per entry
	Addresses    io.Reader // add.csv or cons_add.csv: addresses by ent_num
	Aliases      io.Reader // alt.csv or cons_alt.csv: aliases by ent_num
	Comments     io.Reader // sdn_comments.csv or cons_comments.csv: the rest of long remarks
}

// The names of OFAC's files, in the order ReadOFAC reads them.
var (
	sdnFileNames  = [4]string{"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"}
	consFileNames = [4]string{"cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"}
)

// The columns of OFAC's files, as its specification names them (in lower
// case). The files have no header line.
var (
	ofacPrimaryColumns = []string{"ent_num", "sdn_name", "sdn_type", "program", "title", "call_sign",
		"vess_type", "tonnage", "grt", "vess_flag", "vess_owner", "remarks"}
	ofacAddressColumns = []string{"ent_num", "add_num", "address", "city/state/postal", "country", "add_remarks"}
	ofacAliasColumns   = []string{"ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks"}
	ofacCommentColumns = []string{"ent_num", "remarks_extended"}
)

// The columns of sdn.csv, by index.
const (
	ofacEntNum = iota
	ofacName
	ofacType
	ofacProgram
	ofacTitle
	ofacCallSign
	ofacVesselType
	ofacTonnage
	ofacGRT
	ofacVesselFlag
	ofacVesselOwner
	ofacRemarks
)

// ReadOFAC reads one of OFAC's lists in its legacy CSV format (see
// [OFACFiles]) and joins its files by ent_num into entries, in the order of
// the primary file; each entry's Line is the line of its primary row. The
// files have no header line; their fields are in OFAC's column order, "-0-"
// is an empty field, and a final Ctrl-Z (0x1A) byte, CRLF line ends and a
// byte order mark are accepted.
//
// Every entry of the SDN files has Source [SpeciallyDesignated]. A row of
// the consolidated files is on the lists its program tags and remarks name
// (see consolidatedMarkers): "NS-PLC" is the PLC list, "FSE-..." the FSE
// list, "CMIC-EO13959" the CMIC list, "561-Related" and EO 14024 Directive
// 2 the CAPTA list, EO 13662 directives the SSI list, and "MBS", "CAATSA -
// RUSSIA" and the directives of EO 14024 (3 and 4), EO 14014 and EO 14059
// the NS-MBS list. A row on several lists gives one entry per list, as the
// CSL does, all with the row's line; a row on none is an error,
// [ErrUnknownList], never a guess.
//
// The entry's ID and EntityNumber are the ent_num; the type is the
// SDN_Type ("-0-" is an entity); Programs are the program tags ("SDGT] [IRGC"
// is two); the vessel columns fill Vessel. Remarks are the remarks whole,
// followed by their overflow from the comments file, and the fields they
// carry are parsed out where OFAC writes them in a fixed form: dates and
// places of birth, nationalities and citizenships (as ISO codes where the
// country is known), identifications ("Passport 123 (Iran) issued 01 Jan
// 2020", websites, e-mail addresses, gender ...), the parties it is "Linked
// To:", and the weak aliases, which OFAC's CSV gives only there as "a.k.a.
// 'X'". The aliases of alt.csv are strong, with their kind ("aka", "fka",
// "nka"); AltNames holds them all, strong first, and Aliases says which is
// which. Each address is the address, the city, state and postal code split
// as well as OFAC's one column allows, and the country's ISO code (Raw
// keeps the text).
//
// A damaged file is refused with every problem named by file, line and
// field, as by [ReadCSV]: a wrong number of fields, an ent_num that is not
// a number or repeats ([ErrDuplicateEntry]), a row of add.csv, alt.csv or
// the comments whose ent_num the primary file does not have
// ([ErrUnknownEntry]), a field that is not valid UTF-8 ([ErrInvalidUTF8]:
// every copy of OFAC's files seen is plain ASCII, so a file in another
// encoding is damaged), sizes over the limits. Field names in errors are
// qualified by the file, as "alt.csv:ent_num". A country name or alias type
// the package does not know is kept as written, with a warning.
//
// The list's Version has the SHA-256 of the files' hashes: of each file
// read, in the order primary, addresses, aliases, comments, its name, a
// newline, its hex SHA-256 and a newline. origin names the list in its
// Version and in errors.
func ReadOFAC(files OFACFiles, origin string) (*List, error) {
	if files.Primary == nil {
		return nil, fmt.Errorf("entitylist: %s: no primary file (sdn.csv or cons_prim.csv) given", origin)
	}
	names := sdnFileNames
	if files.Consolidated {
		names = consFileNames
	}
	rd := &ofacReader{
		b:         newOfficialBuilder(origin, FormatOFAC, fieldNames{id: names[0] + ":ent_num", name: names[0] + ":sdn_name", source: names[0] + ":program"}),
		names:     names,
		index:     make(map[string]int),
		countries: newCountryNamer(),
	}
	sum := sha256.New()
	read := func(i int, r io.Reader, cols []string, row func(rec []string, line int)) error {
		if r == nil {
			if i > 0 {
				rd.b.warn(0, names[i], "", "file not read: "+ofacMissingEffect[i])
			}
			return nil
		}
		h, err := readOFACFile(r, names[i], cols, rd.b, row)
		if err != nil {
			return err
		}
		fmt.Fprintf(sum, "%s\n%s\n", names[i], h)
		return nil
	}
	steps := []struct {
		r    io.Reader
		cols []string
		row  func([]string, int)
	}{
		{files.Primary, ofacPrimaryColumns, rd.primaryRow},
		{files.Addresses, ofacAddressColumns, rd.addressRow},
		{files.Aliases, ofacAliasColumns, rd.aliasRow},
		{files.Comments, ofacCommentColumns, rd.commentRow},
	}
	for i, s := range steps {
		if err := read(i, s.r, s.cols, s.row); err != nil {
			return nil, fmt.Errorf("entitylist: %s: %s: %w", origin, names[i], err)
		}
	}
	if rd.b.errs.total > 0 {
		return nil, rd.b.errs.err(origin)
	}
	for i := range rd.rows {
		rd.finishRow(&rd.rows[i], files.Consolidated)
	}
	rd.countries.warn(rd.b)
	return rd.b.finish(hex.EncodeToString(sum.Sum(nil)))
}

// ofacMissingEffect says what an entry lacks when a file of OFAC's set is
// not read, by the file's index.
var ofacMissingEffect = [4]string{
	1: "the entries have no addresses",
	2: "the entries have only the weak aliases of their remarks",
	3: "remarks longer than 1,000 characters stay cut where OFAC cut them",
}

// OpenOFAC reads OFAC's files from the directory dir under their usual
// names: the SDN files (sdn.csv, add.csv, alt.csv, sdn_comments.csv) and
// the consolidated files (cons_prim.csv ...), each set if its primary file
// is there, with [ReadOFAC]. A set's other files may be absent (see
// [OFACFiles]). With both sets the lists are merged with [Merge]. The
// origin of each list is the path of its primary file.
func OpenOFAC(dir string) (*List, error) {
	var lists []*List
	for _, set := range []struct {
		names        [4]string
		consolidated bool
	}{{sdnFileNames, false}, {consFileNames, true}} {
		l, err := openOFACSet(dir, set.names, set.consolidated)
		if err != nil {
			return nil, err
		}
		if l != nil {
			lists = append(lists, l)
		}
	}
	switch len(lists) {
	case 0:
		return nil, fmt.Errorf("entitylist: %s is a directory, and holds neither sdn.csv nor cons_prim.csv (OFAC's files)", dir)
	case 1:
		return lists[0], nil
	}
	return Merge(lists...), nil
}

// openOFACSet reads one set of OFAC's files from dir; it returns nil and no
// error if the set's primary file is not there.
func openOFACSet(dir string, names [4]string, consolidated bool) (*List, error) {
	var readers [4]io.Reader
	for i, name := range names {
		f, err := os.Open(filepath.Join(dir, name))
		if errors.Is(err, os.ErrNotExist) {
			if i == 0 {
				return nil, nil
			}
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("entitylist: %w", err)
		}
		defer f.Close()
		readers[i] = f
	}
	files := OFACFiles{Consolidated: consolidated, Primary: readers[0], Addresses: readers[1], Aliases: readers[2], Comments: readers[3]}
	return ReadOFAC(files, filepath.Join(dir, names[0]))
}

// readOFACFile reads one headerless file of OFAC's in the columns cols and
// calls row for every record of the right width whose fields are within
// MaxFieldSize and valid UTF-8, with the line where it starts; the
// problems are added to b's errors, their fields named "file:column" (or
// the file, for a whole record). It returns the hex SHA-256 of the file,
// or an I/O error.
func readOFACFile(r io.Reader, file string, cols []string, b *builder, row func(rec []string, line int)) (string, error) {
	in := &csvInput{lim: newLimitReader(r)}
	in.hr = newHashReader(in.lim)
	// A small buffer: it only serves skipBOM's and ctrlZReader's Peek, the
	// csv.Reader buffers its input itself.
	br := bufio.NewReaderSize(in.hr, 4<<10)
	if err := skipBOM(br); err != nil {
		return "", err
	}
	in.base = in.hr.n - int64(br.Buffered())
	in.tail = &tailReader{r: &ctrlZReader{br: br, hr: in.hr}}
	in.cr = csv.NewReader(in.tail)
	in.cr.FieldsPerRecord = -1
	in.cr.ReuseRecord = true
	in.header = cols
	in.names = make([]string, len(cols))
	in.prefix = file + ":"
	for i, c := range cols {
		in.names[i] = file + ":" + c
	}
	in.lim.mark(in.offset())
	first := len(b.errs.errs)
	if err := readRecords(in, b, row); err != nil {
		return "", err
	}
	for _, pe := range b.errs.errs[first:] {
		if pe.Field == "" {
			pe.Field = file
		}
		if errors.Is(pe.Err, ErrFieldCount) || errors.Is(pe.Err, ErrTruncated) {
			// readRecords counts against "the header"; OFAC's files have
			// none, only a fixed layout.
			pe.Err = &rewordedError{err: pe.Err, msg: strings.Replace(pe.Err.Error(), "the header has", file+" has", 1)}
		}
	}
	return in.hr.sum(), nil
}

// rewordedError is err with another message.
type rewordedError struct {
	err error
	msg string
}

func (e *rewordedError) Error() string { return e.msg }
func (e *rewordedError) Unwrap() error { return e.err }

// ctrlZReader reads through br, leaving out a 0x1A (Ctrl-Z, the DOS
// end-of-file mark) that is the last byte of the input. If hr is set, its
// last byte is then the last byte passed on, as readRecords, which tells a
// record cut short from the last byte, expects.
type ctrlZReader struct {
	br   *bufio.Reader
	hr   *hashReader
	prev byte // the last byte passed on
}

func (z *ctrlZReader) Read(p []byte) (int, error) {
	n, err := z.br.Read(p)
	if n > 0 && p[n-1] == 0x1A {
		if _, perr := z.br.Peek(1); perr == io.EOF {
			n--
			if z.hr != nil {
				if n > 0 {
					z.prev = p[n-1]
				}
				z.hr.last = z.prev
			}
			return n, err
		}
	}
	if n > 0 {
		z.prev = p[n-1]
	}
	return n, err
}

// ofacValue returns a field of OFAC's files trimmed, with the null "-0-" as
// "".
func ofacValue(f string) string {
	f = strings.TrimSpace(f)
	if f == "-0-" {
		return ""
	}
	return f
}

// ofacRow is a row of the primary file, with what the other files add to it.
type ofacRow struct {
	line      int
	fields    [12]string // the primary row's fields, null as ""
	comments  []string   // overflow of the remarks, in file order
	addresses []Address
	aliases   []Alias
	// remarksSpace reports that the remarks as written end with white
	// space, which the field, trimmed, lost: OFAC may cut them there,
	// between two words that their overflow must not join.
	remarksSpace bool
}

// ofacReader joins OFAC's files.
type ofacReader struct {
	b         *builder
	names     [4]string // the files' names
	rows      []ofacRow
	index     map[string]int // ent_num -> index in rows
	addNums   map[string]int // add_num -> line
	altNums   map[string]int // alt_num -> line
	countries *countryNamer
}

// entNum checks the ent_num of a row of file i and returns it, or "" after
// adding the error.
func (rd *ofacReader) entNum(i int, rec []string, line int) string {
	v := strings.TrimSpace(rec[0])
	if !isNumber(v) {
		rd.b.errs.add(line, rd.names[i]+":ent_num", keptValue(v), fmt.Errorf("%w: the entity number is not a whole number", ErrBadValue))
		return ""
	}
	return v
}

// isNumber reports whether s is 1 to 18 ASCII digits.
func isNumber(s string) bool {
	if s == "" || len(s) > 18 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// row returns the primary row the ent_num of a row of file i refers to,
// or nil after adding the error.
func (rd *ofacReader) row(i int, rec []string, line int) *ofacRow {
	ent := rd.entNum(i, rec, line)
	if ent == "" {
		return nil
	}
	k, ok := rd.index[ent]
	if !ok {
		rd.b.errs.add(line, rd.names[i]+":ent_num", ent, fmt.Errorf("%w: %s has no row with this entity number", ErrUnknownEntry, rd.names[0]))
		return nil
	}
	return &rd.rows[k]
}

func (rd *ofacReader) primaryRow(rec []string, line int) {
	ent := rd.entNum(0, rec, line)
	if ent == "" {
		return
	}
	if k, dup := rd.index[ent]; dup {
		rd.b.errs.add(line, rd.names[0]+":ent_num", ent, fmt.Errorf("%w: the entity number of the row on line %d", ErrDuplicateEntry, rd.rows[k].line))
		return
	}
	rm := rec[ofacRemarks]
	row := ofacRow{line: line, remarksSpace: len(strings.TrimRight(rm, " \t")) < len(rm)}
	// One copy of the whole row, which the entry keeps, rather than one
	// per field: the csv.Reader reuses its record.
	n := 0
	for _, f := range rec {
		n += len(ofacValue(f))
	}
	var buf strings.Builder
	buf.Grow(n)
	for _, f := range rec {
		buf.WriteString(ofacValue(f))
	}
	all, off := buf.String(), 0
	for i, f := range rec {
		k := len(ofacValue(f))
		row.fields[i] = all[off : off+k]
		off += k
	}
	rd.index[row.fields[ofacEntNum]] = len(rd.rows)
	rd.rows = append(rd.rows, row)
}

// uniqueNumber checks the add_num or alt_num of a row of file i against
// seen, the lines of those already read, and reports whether it is a new
// whole number.
func (rd *ofacReader) uniqueNumber(i int, seen *map[string]int, rec []string, col string, line int) bool {
	v := strings.TrimSpace(rec[1])
	field := rd.names[i] + ":" + col
	if !isNumber(v) {
		rd.b.errs.add(line, field, keptValue(v), fmt.Errorf("%w: not a whole number", ErrBadValue))
		return false
	}
	if *seen == nil {
		*seen = make(map[string]int)
	}
	if first, dup := (*seen)[v]; dup {
		rd.b.errs.add(line, field, v, fmt.Errorf("%w: the number of the row on line %d", ErrDuplicateEntry, first))
		return false
	}
	(*seen)[strings.Clone(v)] = line
	return true
}

func (rd *ofacReader) addressRow(rec []string, line int) {
	row := rd.row(1, rec, line)
	if !rd.uniqueNumber(1, &rd.addNums, rec, "add_num", line) || row == nil {
		return
	}
	street, place, country, remarks := ofacValue(rec[2]), ofacValue(rec[3]), ofacValue(rec[4]), ofacValue(rec[5])
	if street == "" && place == "" && country == "" && remarks == "" {
		return // OFAC writes an all-null address row for entries without one
	}
	a := Address{Street: collapseSpace(street)}
	if country != "" {
		a.Country = rd.countries.code(country, line, rd.names[1]+":country")
	}
	a.City, a.State, a.PostalCode = splitOFACPlace(place, a.Country)
	raw := joinNonEmpty([]string{street, place, country})
	if remarks != "" {
		raw += " (" + remarks + ")"
	}
	a.Raw = strings.Clone(raw)
	a.Street, a.City, a.State, a.PostalCode = strings.Clone(a.Street), strings.Clone(a.City), strings.Clone(a.State), strings.Clone(a.PostalCode)
	row.addresses = append(row.addresses, a)
}

// splitOFACPlace splits add.csv's "city/state/postal" column, written as
// "City[, State][ Postal]" ("Miami, FL 33122", "London NW2 6DA", "Minsk
// 220026"): the postal code is the run of words with a digit at the end,
// or a Dutch one, four digits and two capitals ("Amsterdam 1077 XX"), or
// four or five digits, or a Dutch code, before the city where nothing else
// follows ("0578 Oslo", "1661 Le Paquier-Montbarry", "4524 EG Sluis");
// the state is what follows the first comma. A column of nothing but a
// postal code ("L-1840", "GX11 1AA", "98000": digits, capitals, hyphens
// and spaces, every word with a digit) is the postal code, with no city.
// The name of the address's country cc written after a postal code
// ("Saint Petersburg, 196084 Russia") is dropped: the country column has
// it, and Raw keeps it. A column naming a territory of the country alone
// ("Gaza Strip", "Northern Ireland BT1 1AA": see territories) is its state,
// not a city, also where the country column says "undetermined".
func splitOFACPlace(s, cc string) (city, state, postal string) {
	s = collapseSpace(s)
	words := strings.Fields(s)
	if name, ok := trailingCountry(words, cc); ok {
		n := len(strings.Fields(name))
		words = words[:len(words)-n]
		s = dropLastWords(s, n)
	}
	k := len(words)
	if k >= 2 && isCapitalPair(words[k-1]) && len(words[k-2]) == 4 && isNumber(words[k-2]) {
		k -= 2
	} else {
		for k > 1 && strings.ContainsAny(words[k-1], "0123456789") {
			k--
		}
		if k == 1 && isPostalAlone(s) {
			k = 0
		}
	}
	switch {
	case k < len(words):
		postal = strings.Join(words[k:], " ")
		s = strings.TrimSpace(strings.TrimSuffix(s, postal))
	case k > 1 && (len(words[0]) == 4 || len(words[0]) == 5) && isNumber(words[0]) && !strings.ContainsAny(s[len(words[0]):], "0123456789,"):
		postal = words[0]
		if len(words[0]) == 4 && k > 2 && isCapitalPair(words[1]) { // "4524 EG Sluis"
			postal += " " + words[1]
		}
		s = s[len(postal):]
	}
	city, state, _ = strings.Cut(s, ",")
	city, state = strings.TrimSpace(city), strings.TrimSpace(state)
	if state == "" {
		if code, ok := territoryCode(city); ok && (cc == "" || code == cc) {
			city, state = "", city // "Gaza Strip": a territory, no city
		}
	}
	return city, state, postal
}

// trailingCountry returns the last one to three words of words when they
// name the country with code cc and follow a word with a digit, a postal
// code: "Russia" of "Saint Petersburg, 196084 Russia". A name after
// anything else may be a place of the country ("Toluca, Mexico", the State
// of Mexico), and is kept.
func trailingCountry(words []string, cc string) (string, bool) {
	if cc == "" {
		return "", false
	}
	for n := min(3, len(words)-1); n >= 1; n-- {
		if !strings.ContainsAny(words[len(words)-n-1], "0123456789") {
			continue
		}
		name := strings.Join(words[len(words)-n:], " ")
		if code, res := lookupCountry(name); res == countryFound && code == cc {
			return name, true
		}
	}
	return "", false
}

// dropLastWords returns s without its last n words, words as
// strings.Fields splits them: the space between them may be any space
// ("Russian\u00a0Federation"), not only the one strings.Join puts.
func dropLastWords(s string, n int) string {
	for ; n > 0; n-- {
		s = strings.TrimRightFunc(s, unicode.IsSpace)
		s = s[:max(0, strings.LastIndexFunc(s, unicode.IsSpace))]
	}
	return strings.TrimSpace(s)
}

// isPostalAlone reports whether s, the whole of the city/state/postal
// column, is a postal code alone: 3 to 12 digits, upper-case ASCII
// letters, hyphens and spaces, with a digit in every word ("L-1840",
// "GX11 1AA", "11370-75118"). A place name has a lower-case letter
// ("Volsk-18").
func isPostalAlone(s string) bool {
	if len(s) < 3 || len(s) > 12 {
		return false
	}
	for _, w := range strings.Fields(s) {
		if !strings.ContainsAny(w, "0123456789") {
			return false
		}
		for i := 0; i < len(w); i++ {
			if c := w[i]; (c < '0' || c > '9') && (c < 'A' || c > 'Z') && c != '-' {
				return false
			}
		}
	}
	return true
}

// isCapitalPair reports whether s is two upper-case ASCII letters.
func isCapitalPair(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

func (rd *ofacReader) aliasRow(rec []string, line int) {
	row := rd.row(2, rec, line)
	if !rd.uniqueNumber(2, &rd.altNums, rec, "alt_num", line) || row == nil {
		return
	}
	name := collapseSpace(ofacValue(rec[3]))
	if name == "" {
		rd.b.errs.add(line, rd.names[2]+":alt_name", "", ErrEmptyName)
		return
	}
	kind := AliasKind(strings.ToLower(ofacValue(rec[2])))
	switch kind {
	case AlsoKnownAs, FormerlyKnownAs, NowKnownAs:
	case "":
		kind = AlsoKnownAs
		rd.b.warn(line, rd.names[2]+":alt_type", "", "no alias type, taken as aka")
	default:
		kind = AliasKind(strings.Clone(string(kind)))
		rd.b.warn(line, rd.names[2]+":alt_type", string(kind), "unknown alias type, kept as written")
	}
	if remarks := ofacValue(rec[4]); remarks != "" {
		rd.b.warn(line, rd.names[2]+":alt_remarks", strings.Clone(remarks), "alias remarks are not kept in the entry")
	}
	row.aliases = append(row.aliases, Alias{Name: strings.Clone(name), Kind: kind})
}

func (rd *ofacReader) commentRow(rec []string, line int) {
	row := rd.row(3, rec, line)
	if row == nil {
		return
	}
	if c := strings.TrimSpace(rec[1]); c != "-0-" && c != "" {
		row.comments = append(row.comments, strings.Clone(rec[1]))
	}
}

// finishRow builds the entries of row, one per list it is on, and adds
// them to the list.
func (rd *ofacReader) finishRow(row *ofacRow, consolidated bool) {
	f := &row.fields
	remarks := f[ofacRemarks]
	if len(row.comments) > 0 {
		if row.remarksSpace {
			remarks += " "
		}
		remarks = strings.TrimSpace(remarks + strings.Join(row.comments, ""))
	}
	e := Entry{
		ID:           f[ofacEntNum],
		EntityNumber: f[ofacEntNum],
		Name:         collapseSpace(f[ofacName]),
		Title:        collapseSpace(f[ofacTitle]),
		Programs:     splitPrograms(f[ofacProgram]),
		Addresses:    row.addresses,
		Remarks:      remarks,
		Line:         row.line,
	}
	switch t := strings.ToLower(f[ofacType]); t {
	case "":
		e.Type = TypeEntity
	default:
		var ok bool
		if e.Type, ok = parseEntityType(t); !ok {
			rd.b.warn(row.line, rd.names[0]+":sdn_type", f[ofacType], "unknown entity type, kept as unknown")
		}
	}
	v := Vessel{
		CallSign: f[ofacCallSign], Type: f[ofacVesselType], GrossTonnage: f[ofacTonnage],
		GrossRegisteredTonnage: f[ofacGRT], Flag: f[ofacVesselFlag], Owner: f[ofacVesselOwner],
	}
	if v != (Vessel{}) {
		e.Vessel = &v
	}
	rf := parseRemarks(remarks, rd.countries, row.line, rd.names[0]+":remarks")
	e.DatesOfBirth, e.PlacesOfBirth = rf.datesOfBirth, rf.placesOfBirth
	e.Nationalities, e.Citizenships = rf.nationalities, rf.citizenships
	e.IDs, e.LinkedTo = rf.ids, rf.linkedTo
	e.Aliases = append(row.aliases, rf.weak...)
	for _, a := range e.Aliases {
		e.AltNames = append(e.AltNames, a.Name)
	}
	if !consolidated {
		e.Source = SpeciallyDesignated
		rd.b.add(e, -1)
		return
	}
	sources := consolidatedLists(e.Programs, remarks)
	if len(sources) == 0 {
		rd.b.errs.add(row.line, rd.names[0]+":program", strings.Join(e.Programs, "; "),
			fmt.Errorf("%w: neither the program tags nor the remarks say which consolidated list the row is on", ErrUnknownList))
		return
	}
	for i, src := range sources {
		e.Source = src
		if i > 0 {
			// The same row on another list: not a duplicate.
			delete(rd.b.firstID, e.ID)
		}
		rd.b.add(e, -1)
	}
}

// splitPrograms splits OFAC's program column, the tags of "[SDGT] [IRGC]"
// without the outer brackets ("SDGT] [IRGC").
func splitPrograms(s string) []string {
	var out []string
	for p := range strings.SplitSeq(s, "] [") {
		if p = strings.TrimSpace(strings.Trim(p, "[] ")); p != "" {
			out = append(out, p)
		}
	}
	return out
}
