package entitylist

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The columns of the official CSL CSV, as published.
const (
	colID                     = "_id"
	colSource                 = "source"
	colEntityNumber           = "entity_number"
	colType                   = "type"
	colPrograms               = "programs"
	colName                   = "name"
	colTitle                  = "title"
	colAddresses              = "addresses"
	colFederalRegisterNotice  = "federal_register_notice"
	colStartDate              = "start_date"
	colEndDate                = "end_date"
	colStandardOrder          = "standard_order"
	colLicenseRequirement     = "license_requirement"
	colLicensePolicy          = "license_policy"
	colCallSign               = "call_sign"
	colVesselType             = "vessel_type"
	colGrossTonnage           = "gross_tonnage"
	colGrossRegisteredTonnage = "gross_registered_tonnage"
	colVesselFlag             = "vessel_flag"
	colVesselOwner            = "vessel_owner"
	colRemarks                = "remarks"
	colSourceListURL          = "source_list_url"
	colAltNames               = "alt_names"
	colCitizenships           = "citizenships"
	colDatesOfBirth           = "dates_of_birth"
	colNationalities          = "nationalities"
	colPlacesOfBirth          = "places_of_birth"
	colSourceInformationURL   = "source_information_url"
	colIDs                    = "ids"
)

// cslColumns lists the 29 published columns in their published order.
var cslColumns = [...]string{
	colID, colSource, colEntityNumber, colType, colPrograms, colName, colTitle,
	colAddresses, colFederalRegisterNotice, colStartDate, colEndDate,
	colStandardOrder, colLicenseRequirement, colLicensePolicy, colCallSign,
	colVesselType, colGrossTonnage, colGrossRegisteredTonnage, colVesselFlag,
	colVesselOwner, colRemarks, colSourceListURL, colAltNames, colCitizenships,
	colDatesOfBirth, colNationalities, colPlacesOfBirth,
	colSourceInformationURL, colIDs,
}

// columnIndex maps column names to their index in a header row; a missing
// column has index -1.
type columnIndex map[string]int

// indexColumns maps the header row, matching names without regard to case or
// surrounding space. For a repeated name the first column wins: the
// readers refuse a known column named twice (see checkRepeatedColumns), so
// only a column they ignore may repeat.
func indexColumns(header []string) columnIndex {
	idx := make(columnIndex, len(header))
	for i, h := range header {
		h = columnKey(h)
		if _, dup := idx[h]; !dup {
			idx[h] = i
		}
	}
	return idx
}

// columnKey is a header name as columns are matched: lower case, without
// surrounding space.
func columnKey(h string) string { return strings.ToLower(strings.TrimSpace(h)) }

func (c columnIndex) get(name string) int {
	if i, ok := c[name]; ok {
		return i
	}
	return -1
}

// ReadCSV reads a list in the official CSL CSV format (29 columns, first
// line the header). Columns are mapped by header name, in any order and
// case, and every one of the 29 must be there: a missing column, such as a
// misspelled alt_names, would silently empty its field in every row, so
// all missing columns are reported at once, with the unknown columns of the
// header, which are likely their misspellings; a known column named twice
// is an error too. Other extra columns are ignored, each with a warning. A
// byte order mark, CRLF
// line ends and newlines inside quoted fields are accepted. (To write a
// partial list by hand, use the CSL JSON, where a result may leave out
// keys, or the in-house format.)
//
// Every bad row is reported in the returned *[LoadError], by the line where
// its record starts, and no List is returned then: a list never loads with a
// row left out. A field, in any column, that is not valid UTF-8 (a file in
// another encoding) is a bad row, [ErrInvalidUTF8]: a name could never be
// screened. Fields, records and the input are bounded by [MaxFieldSize],
// [MaxRecordSize] and [MaxListSize]. What is accepted but noteworthy, such
// as a duplicated _id, is reported by [List.Warnings]. origin names the
// input in the list's [Version] and in errors.
func ReadCSV(r io.Reader, origin string) (*List, error) {
	in, err := openCSV(r, origin)
	if err != nil {
		return nil, err
	}
	cols := indexColumns(in.header)
	isCSL := func(name string) bool { return slices.Contains(cslColumns[:], name) }
	var problems errorList
	missing := missingColumnError(in.header, isCSL)
	for _, name := range cslColumns {
		if cols.get(name) < 0 {
			problems.add(in.headerLine, name, "", missing)
		}
	}
	checkRepeatedColumns(&problems, in, cols, isCSL)
	if err := problems.err(origin); err != nil {
		return nil, err
	}

	b := newBuilder(origin, FormatCSV)
	b.rawIDs = true
	warnUnknownColumns(b, in, isCSL)
	rd := &cslRowReader{cols: newCSLColumns(cols)}
	err = readRecords(in, b, func(rec []string, line int) {
		if rd.isHeader(rec) {
			b.errs.add(line, "", "", ErrDuplicateHeader)
			return
		}
		rd.row(b, rec, line)
	})
	if err != nil {
		return nil, fmt.Errorf("entitylist: %s: %w", origin, err)
	}
	return b.finish(in.hr.sum())
}

// maxUnknownColumnsNamed is the number of unknown columns an error about a
// missing column names.
const maxUnknownColumnsNamed = 3

// missingColumnError returns the error for a column missing from header:
// ErrMissingColumn, naming the columns of the header that known does not
// know, which are likely the missing ones misspelled.
func missingColumnError(header []string, known func(string) bool) error {
	var unknown []string
	for _, h := range header {
		if !known(columnKey(h)) {
			unknown = append(unknown, strconv.Quote(h))
		}
	}
	switch n := len(unknown); {
	case n == 0:
		return ErrMissingColumn
	case n > maxUnknownColumnsNamed:
		unknown = append(unknown[:maxUnknownColumnsNamed], fmt.Sprintf("and %d more", n-maxUnknownColumnsNamed))
	}
	return fmt.Errorf("%w (unknown columns in the header: %s)", ErrMissingColumn, strings.Join(unknown, ", "))
}

// checkRepeatedColumns adds an error for every column of in's header that
// repeats a known one, whose values would be ignored. known reports whether
// a column key is known to the format.
func checkRepeatedColumns(problems *errorList, in *csvInput, cols columnIndex, known func(string) bool) {
	for i, h := range in.header {
		key := columnKey(h)
		if first := cols.get(key); first != i && known(key) {
			problems.add(in.headerLine, key, "", fmt.Errorf("%w: columns %d and %d", ErrDuplicateColumn, first+1, i+1))
		}
	}
}

// warnUnknownColumns warns of each column of in's header that known, which
// reports whether a column key is known to the format, does not know: it
// is ignored.
func warnUnknownColumns(b *builder, in *csvInput, known func(string) bool) {
	for _, h := range in.header {
		if !known(columnKey(h)) {
			b.warn(in.headerLine, h, "", "unknown column ignored")
		}
	}
}

// csvInput is a CSV list being read: the readers stacked on the input, and
// the header line.
type csvInput struct {
	hr         *hashReader  // hashes everything read
	lim        *limitReader // bounds the input and each record
	cr         *csv.Reader
	base       int64    // bytes of the input before the CSV: a byte order mark
	header     []string // the fields of the header line
	headerLine int      // the line of the header: 1 unless blank lines come first
	names      []string // the header's fields as messages name them: lower case, or "column N" if empty
	prefix     string   // put before "column N", the name of a field past the header's
	tail       *tailReader
}

// fieldName returns the name of the record's field i (0-based) for
// messages: its column's, or "column N" past the header's.
func (in *csvInput) fieldName(i int) string {
	if i < len(in.names) {
		return in.names[i]
	}
	return fmt.Sprintf("%scolumn %d", in.prefix, i+1)
}

// syntaxError is the error for pe, a csv.ParseError: ErrSyntax with the
// position of the problem, whose line is named if the record starts on
// another one.
func syntaxError(pe *csv.ParseError) error {
	if pe.Line != pe.StartLine {
		return fmt.Errorf("%w: %v (line %d, column %d)", ErrSyntax, pe.Err, pe.Line, pe.Column)
	}
	return fmt.Errorf("%w: %v (column %d)", ErrSyntax, pe.Err, pe.Column)
}

// tailReader reads through r, keeping what tells whether a position of
// the csv.Reader reading from it is past the end of the input: the number
// of lines read and the length of the last one.
type tailReader struct {
	r        io.Reader
	newlines int   // the '\n' bytes read
	cur      int64 // the bytes read since the last '\n'
	prev     int64 // the length of the line the last '\n' ends, without its '\r'
	last     byte  // the last byte read
}

func (t *tailReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	q := p[:n]
	if i := bytes.LastIndexByte(q, '\n'); i >= 0 {
		t.newlines += bytes.Count(q, []byte{'\n'})
		line := t.cur + int64(i)
		if j := bytes.LastIndexByte(q[:i], '\n'); j >= 0 {
			line = int64(i - j - 1)
		}
		if line > 0 && (i > 0 && q[i-1] == '\r' || i == 0 && t.last == '\r') {
			line--
		}
		t.prev, t.cur = line, int64(n-i-1)
	} else {
		t.cur += int64(n)
	}
	if n > 0 {
		t.last = q[n-1]
	}
	return n, err
}

// atEnd reports whether line and column, 1-based as in a csv.ParseError,
// are past the last byte, but for line endings, of an input read to its
// end: where a quoted field the input ends inside fails.
func (t *tailReader) atEnd(line, column int) bool {
	lastLine, length := t.newlines, t.prev
	if t.cur > 0 {
		lastLine, length = t.newlines+1, t.cur
		if t.last == '\r' { // the csv.Reader drops a '\r' ending the input
			length--
		}
	}
	return line == lastLine && int64(column) > length
}

// offset returns the offset in the input of the end of the last record read.
func (in *csvInput) offset() int64 { return in.base + in.cr.InputOffset() }

// readRecords reads the records after the header and calls row for each
// one that has as many fields as the header, each within MaxFieldSize and
// valid UTF-8, with the line where it starts. Syntax errors, records of the
// wrong width, bad fields and the header line repeated are added to b's
// errors; a short last record in an input that does not end with a newline,
// or one whose quoted field is still open at its end, is reported as
// ErrTruncated;
// a record over MaxRecordSize or an input over MaxListSize ends the reading
// with an error. The error returned is an I/O error, if any.
func readRecords(in *csvInput, b *builder, row func(rec []string, line int)) error {
	// A record that is short, or whose quoted field does not close, is
	// truncated if the input ends right after it; that is only known once
	// the next record is read.
	type pending struct {
		line      int
		field     string // the field the problem is in, if known
		short     bool   // too few fields
		quote     bool   // a quoted field that does not close, if at the end of the input
		errLine   int    // where the quoted field fails
		errColumn int
		truncated string // reason, if the input ends here
		otherwise error  // the error if it does not
	}
	var pend *pending
	lastErrLine := 0
	width := len(in.header)
	prevEnd := in.offset()        // where the record being read starts, but for blank lines
	nextLine := in.headerLine + 1 // the line where it starts, but for blank lines
	for {
		rec, err := in.cr.Read()
		if pend != nil {
			endsLine := in.hr.last == '\n' || in.hr.last == '\r'
			if err == io.EOF && (pend.quote && in.tail.atEnd(pend.errLine, pend.errColumn) || pend.short && !endsLine) {
				b.errs.add(pend.line, pend.field, "", fmt.Errorf("%w: %s", ErrTruncated, pend.truncated))
			} else {
				b.errs.add(pend.line, pend.field, "", pend.otherwise)
			}
			pend = nil
		}
		if in.lim.err != nil {
			// The record, whatever the csv.Reader made of its start, is
			// cut at the bound: stop rather than read on from its middle.
			b.errs.add(nextLine, "", "", in.lim.err)
			return nil
		}
		if err == io.EOF {
			return nil
		}
		end := in.offset()
		size := end - prevEnd
		prevEnd = end
		in.lim.mark(end)
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return err
			}
			// The csv.Reader returns the fields before the bad one.
			field := in.fieldName(len(rec))
			if pe.StartLine == lastErrLine { // no progress: stop rather than loop
				b.errs.add(pe.StartLine, field, "", syntaxError(pe))
				return nil
			}
			lastErrLine = pe.StartLine
			nextLine = pe.Line + 1
			pend = &pending{
				line:      pe.StartLine,
				field:     field,
				quote:     errors.Is(pe.Err, csv.ErrQuote),
				errLine:   pe.Line,
				errColumn: pe.Column,
				truncated: "the input ends inside a quoted field",
				otherwise: syntaxError(pe),
			}
			continue
		}
		line, _ := in.cr.FieldPos(0)
		last, _ := in.cr.FieldPos(len(rec) - 1)
		nextLine = last + strings.Count(rec[len(rec)-1], "\n") + 1
		if size > MaxRecordSize {
			b.errs.add(line, "", "", fmt.Errorf("%w: the record is %d bytes, more than %d (MaxRecordSize)", ErrTooLong, size, MaxRecordSize))
			continue
		}
		if len(rec) != width {
			count := fmt.Sprintf("%d fields, the header has %d", len(rec), width)
			pend = &pending{
				line:      line,
				short:     len(rec) < width,
				truncated: count + ", and the input ends inside this record",
				otherwise: fmt.Errorf("%w: %s", ErrFieldCount, count),
			}
			continue
		}
		if in.repeatsHeader(rec) {
			b.errs.add(line, "", "", ErrDuplicateHeader)
			continue
		}
		if checkFields(&b.errs, rec, in.names, line) {
			row(rec, line)
		}
	}
}

// repeatsHeader reports whether rec, a record as wide as the header, is
// the header line again, in any case and spacing: files joined with their
// headers, which would otherwise give an entry named "name".
func (in *csvInput) repeatsHeader(rec []string) bool {
	for i, f := range rec {
		if !strings.EqualFold(strings.TrimSpace(f), strings.TrimSpace(in.header[i])) {
			return false
		}
	}
	return len(rec) > 0
}

// checkFields adds to errs an error for every field of rec, a record
// starting on line whose fields names names, that is over MaxFieldSize or
// not valid UTF-8, and reports whether there was none.
func checkFields(errs *errorList, rec, names []string, line int) bool {
	ok := true
	for i, f := range rec {
		switch {
		case len(f) > MaxFieldSize:
			errs.add(line, names[i], "", fieldTooLong(len(f)))
			ok = false
		case !utf8.ValidString(f):
			errs.add(line, names[i], keptValue(f), ErrInvalidUTF8)
			ok = false
		}
	}
	return ok
}

// fieldTooLong is the error for a field of n bytes, over MaxFieldSize.
func fieldTooLong(n int) error {
	return fmt.Errorf("%w: %d bytes, more than %d (MaxFieldSize)", ErrTooLong, n, MaxFieldSize)
}

// headerError turns an error reading the header line into a LoadError.
func headerError(origin string, err error) error {
	if err == io.EOF {
		return loadError(origin, 0, "", "", ErrEmpty)
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return loadError(origin, pe.StartLine, "", "", syntaxError(pe))
	}
	return fmt.Errorf("entitylist: %s: %w", origin, err)
}

// cslColumnIndices holds the index of every CSL column, -1 if absent.
type cslColumnIndices struct {
	id, source, entityNumber, typ, programs, name, title, addresses, frNotice,
	startDate, endDate, standardOrder, licenseRequirement, licensePolicy,
	callSign, vesselType, grossTonnage, grossRegisteredTonnage, vesselFlag,
	vesselOwner, remarks, sourceListURL, altNames, citizenships, datesOfBirth,
	nationalities, placesOfBirth, sourceInformationURL, ids int
}

func newCSLColumns(c columnIndex) cslColumnIndices {
	return cslColumnIndices{
		id: c.get(colID), source: c.get(colSource), entityNumber: c.get(colEntityNumber),
		typ: c.get(colType), programs: c.get(colPrograms), name: c.get(colName),
		title: c.get(colTitle), addresses: c.get(colAddresses),
		frNotice: c.get(colFederalRegisterNotice), startDate: c.get(colStartDate),
		endDate: c.get(colEndDate), standardOrder: c.get(colStandardOrder),
		licenseRequirement: c.get(colLicenseRequirement), licensePolicy: c.get(colLicensePolicy),
		callSign: c.get(colCallSign), vesselType: c.get(colVesselType),
		grossTonnage: c.get(colGrossTonnage), grossRegisteredTonnage: c.get(colGrossRegisteredTonnage),
		vesselFlag: c.get(colVesselFlag), vesselOwner: c.get(colVesselOwner),
		remarks: c.get(colRemarks), sourceListURL: c.get(colSourceListURL),
		altNames: c.get(colAltNames), citizenships: c.get(colCitizenships),
		datesOfBirth: c.get(colDatesOfBirth), nationalities: c.get(colNationalities),
		placesOfBirth: c.get(colPlacesOfBirth), sourceInformationURL: c.get(colSourceInformationURL),
		ids: c.get(colIDs),
	}
}

// cslRowReader turns CSV records into entries.
type cslRowReader struct {
	cols cslColumnIndices
}

// isHeader reports whether rec repeats the header line.
func (rd *cslRowReader) isHeader(rec []string) bool {
	c := rd.cols
	return strings.EqualFold(strings.TrimSpace(rec[c.id]), colID) &&
		strings.EqualFold(strings.TrimSpace(rec[c.source]), colSource) &&
		strings.EqualFold(strings.TrimSpace(rec[c.name]), colName)
}

// row converts one record, starting on line, and adds it to b.
func (rd *cslRowReader) row(b *builder, rec []string, line int) {
	c := &rd.cols
	// The csv.Reader backs all fields of a record with one string: clone
	// each field kept, so that an entry does not hold the whole record,
	// ignored columns included, in memory.
	// Fields only parsed, not kept, are read in place (raw).
	raw := func(i int) string {
		if i < 0 {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	get := func(i int) string { return strings.Clone(raw(i)) }
	src := ParseSource(raw(c.source))
	if !src.Known() {
		src = Source(strings.Clone(string(src)))
	}
	e := Entry{
		ID:                     get(c.id),
		Source:                 src,
		EntityNumber:           get(c.entityNumber),
		Programs:               splitValues(get(c.programs), "; "),
		Name:                   cleanName(get(c.name)),
		Title:                  collapseSpace(get(c.title)),
		AltNames:               cleanAltNames(get(c.altNames)),
		Addresses:              parseAddresses(get(c.addresses)),
		FederalRegisterNotices: splitNotices(get(c.frNotice)),
		StandardOrder:          get(c.standardOrder),
		LicenseRequirement:     get(c.licenseRequirement),
		LicensePolicy:          get(c.licensePolicy),
		Remarks:                get(c.remarks),
		SourceListURL:          get(c.sourceListURL),
		SourceInformationURL:   get(c.sourceInformationURL),
		IDs:                    splitIDs(get(c.ids)),
		Citizenships:           splitValues(get(c.citizenships), "; "),
		Nationalities:          splitValues(get(c.nationalities), "; "),
		DatesOfBirth:           splitValues(get(c.datesOfBirth), "; "),
		PlacesOfBirth:          splitValues(get(c.placesOfBirth), "; "),
		Line:                   line,
	}
	typ := raw(c.typ)
	t, ok := parseEntityType(typ)
	if !ok {
		b.warn(line, colType, strings.Clone(typ), "unknown entity type, kept as unknown")
	}
	e.Type = t
	bad := false
	if s := raw(c.startDate); s != "" {
		if e.StartDate, ok = parseDate(s); !ok {
			b.errs.add(line, colStartDate, strings.Clone(s), ErrBadDate)
			bad = true
		}
	}
	if s := raw(c.endDate); s != "" {
		if e.EndDate, ok = parseDate(s); !ok {
			b.errs.add(line, colEndDate, strings.Clone(s), ErrBadDate)
			bad = true
		}
	}
	v := Vessel{
		CallSign:               get(c.callSign),
		Type:                   get(c.vesselType),
		GrossTonnage:           get(c.grossTonnage),
		GrossRegisteredTonnage: get(c.grossRegisteredTonnage),
		Flag:                   get(c.vesselFlag),
		Owner:                  get(c.vesselOwner),
	}
	if v != (Vessel{}) {
		e.Vessel = &v
	}
	if bad {
		return
	}
	b.add(e, -1)
}

// openCSV starts reading a CSV list from r: it bounds and hashes everything
// read, skips a byte order mark and reads the header line, whose fields
// must be valid UTF-8 and within MaxFieldSize.
func openCSV(r io.Reader, origin string) (*csvInput, error) {
	in := &csvInput{lim: newLimitReader(r)}
	in.hr = newHashReader(in.lim)
	br := bufio.NewReaderSize(in.hr, 64<<10)
	if err := skipBOM(br); err != nil {
		return nil, fmt.Errorf("entitylist: %s: %w", origin, err)
	}
	in.base = in.hr.n - int64(br.Buffered())
	in.tail = &tailReader{r: br}
	in.cr = csv.NewReader(in.tail)
	in.cr.FieldsPerRecord = -1
	in.cr.ReuseRecord = true
	header, err := in.cr.Read()
	if in.lim.err != nil {
		return nil, loadError(origin, 1, "", "", in.lim.err)
	}
	if err != nil {
		return nil, headerError(origin, err)
	}
	in.header = slices.Clone(header) // the csv.Reader reuses the record
	in.headerLine, _ = in.cr.FieldPos(0)
	in.names = make([]string, len(header))
	for i, h := range header {
		in.names[i] = columnKey(h)
		if in.names[i] == "" || !utf8.ValidString(h) || len(h) > MaxFieldSize {
			in.names[i] = fmt.Sprintf("column %d", i+1)
		}
	}
	var problems errorList
	if !checkFields(&problems, in.header, in.names, in.headerLine) {
		return nil, problems.err(origin)
	}
	in.lim.mark(in.offset())
	return in, nil
}
