package entitylist

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
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

// requiredCSLColumns are the columns without which a file is not a usable
// CSL. A missing optional column is a warning, and its field stays empty.
var requiredCSLColumns = [...]string{colID, colSource, colName}

// columnIndex maps column names to their index in a header row; a missing
// column has index -1.
type columnIndex map[string]int

// indexColumns maps the header row, matching names without regard to case or
// surrounding space. For a repeated name the first column wins.
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
// case; extra columns are ignored; the columns _id, source and name are
// required, and all missing ones are reported at once. A byte order mark,
// CRLF line ends and newlines inside quoted fields are accepted.
//
// Every bad row is reported in the returned *[LoadError], by the line where
// its record starts, and no List is returned then: a list never loads with a
// row left out. A name or alternate name that is not valid UTF-8 (a file in
// another encoding) is a bad row, [ErrInvalidUTF8]: it could never be
// screened. What is accepted but noteworthy, such as a duplicated _id,
// is reported by [List.Warnings]. origin names the input in the list's
// [Version] and in errors.
func ReadCSV(r io.Reader, origin string) (*List, error) {
	hr, cr, header, err := openCSV(r, origin)
	if err != nil {
		return nil, err
	}
	cols := indexColumns(header)
	b := newBuilder(origin, FormatCSV)
	var missing errorList
	for _, name := range requiredCSLColumns {
		if cols.get(name) < 0 {
			missing.add(1, name, "", ErrMissingColumn)
		}
	}
	if err := missing.err(origin); err != nil {
		return nil, err
	}
	for _, name := range cslColumns {
		if cols.get(name) < 0 {
			b.warn(1, name, "", "column missing, field left empty")
		}
	}
	for i, h := range header {
		if cols.get(columnKey(h)) != i {
			b.warn(1, h, "", "repeated column ignored")
		}
	}

	rd := &cslRowReader{cols: newCSLColumns(cols)}
	err = readRecords(cr, hr, b, len(header), func(rec []string, line int) {
		if rd.isHeader(rec) {
			b.errs.add(line, "", "", ErrDuplicateHeader)
			return
		}
		rd.row(b, rec, line)
	})
	if err != nil {
		return nil, fmt.Errorf("entitylist: %s: %w", origin, err)
	}
	b.rawIDs = true
	return b.finish(hr.sum())
}

// readRecords reads the records after the header and calls row for each
// one that has width fields, with the line where it starts. Syntax errors
// and records of the wrong width are added to b's errors; a short last
// record in an input that does not end with a newline is reported as
// ErrTruncated. The error returned is an I/O error, if any.
func readRecords(cr *csv.Reader, hr *hashReader, b *builder, width int, row func(rec []string, line int)) error {
	// A record that is short, or whose quoted field does not close, is
	// truncated if the input ends right after it; that is only known once
	// the next record is read.
	type pending struct {
		line      int
		short     bool   // too few fields
		quote     bool   // a quoted field that does not close
		truncated string // reason, if the input ends here
		otherwise error  // the error if it does not
	}
	var pend *pending
	lastErrLine := 0
	for {
		rec, err := cr.Read()
		if pend != nil {
			endsLine := hr.last == '\n' || hr.last == '\r'
			if err == io.EOF && (pend.quote || pend.short && !endsLine) {
				b.errs.add(pend.line, "", "", fmt.Errorf("%w: %s", ErrTruncated, pend.truncated))
			} else {
				b.errs.add(pend.line, "", "", pend.otherwise)
			}
			pend = nil
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return err
			}
			if pe.StartLine == lastErrLine { // no progress: stop rather than loop
				b.errs.add(pe.StartLine, "", "", fmt.Errorf("%w: %v", ErrSyntax, pe.Err))
				return nil
			}
			lastErrLine = pe.StartLine
			pend = &pending{
				line:      pe.StartLine,
				quote:     errors.Is(pe.Err, csv.ErrQuote),
				truncated: "the input ends inside a quoted field",
				otherwise: fmt.Errorf("%w: %v", ErrSyntax, pe.Err),
			}
			continue
		}
		line, _ := cr.FieldPos(0)
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
		row(rec, line)
	}
}

// headerError turns an error reading the header line into a LoadError.
func headerError(origin string, err error) error {
	if err == io.EOF {
		return loadError(origin, 0, "", "", ErrEmpty)
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return loadError(origin, pe.StartLine, "", "", fmt.Errorf("%w: %v", ErrSyntax, pe.Err))
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

// openCSV starts reading a CSV list from r: it hashes everything read, skips
// a byte order mark and reads the header line.
func openCSV(r io.Reader, origin string) (*hashReader, *csv.Reader, []string, error) {
	hr := newHashReader(r)
	br := bufio.NewReaderSize(hr, 64<<10)
	if err := skipBOM(br); err != nil {
		return nil, nil, nil, fmt.Errorf("entitylist: %s: %w", origin, err)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, nil, nil, headerError(origin, err)
	}
	return hr, cr, slices.Clone(header), nil // the csv.Reader reuses the record
}
