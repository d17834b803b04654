package entitylist

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/entityscreen/entityscreen/internal/country"
	"github.com/entityscreen/entityscreen/internal/printable"
)

// ReadJSON reads a list in the official CSL JSON format: an object whose
// "results" key holds an array of entries with the keys of the CSV columns
// ("id" or "_id", "source", "name", "alt_names", "addresses", "ids",
// "federal_register_notice", "start_date", ...). Multi-value keys are arrays
// of strings (a single string is split on "; "); "addresses" are objects
// {address, city, state, postal_code, country}, the country an ISO code or
// an English name of one ("Korea, North"), and "ids" objects {type,
// number, country, issue_date, expiration_date}, the expiration date kept
// in the identification's Raw ("Passport, P1, RU, expires 2025-01-01").
// Other keys of the document
// ("total", "sources_used", ...) are ignored. A JSON document of another
// shape fails with [ErrNotCSL].
//
// A key may be left out of a result, as the official export does with
// empty fields, but a key the format does not have is an error,
// [ErrUnknownKey], and so is a key that appears twice in an object,
// [ErrDuplicateKey], "results" included, or as both "id" and "_id" of
// different values: a misspelled "alt_names" would drop its names
// silently, and encoding/json would keep only the last of two values. A
// value that is not valid UTF-8 is an error, [ErrInvalidUTF8], where
// encoding/json would have replaced it silently.
// Values, results and the input are bounded by [MaxFieldSize],
// [MaxRecordSize] and [MaxListSize].
//
// Errors name the line where the entry's object starts and the key, such
// as "results[3].start_date"; they are collected as by [ReadCSV].
func ReadJSON(r io.Reader, origin string) (*List, error) {
	lim := newLimitReader(r)
	hr := newHashReader(lim)
	lt := &lineTracker{r: hr}
	dec := json.NewDecoder(lt)
	dec.UseNumber()
	b := newBuilder(origin, FormatJSON)

	// Every token or value read is a record for the limit: it starts where
	// the decoder is.
	token := func() (json.Token, error) {
		lim.mark(dec.InputOffset())
		return dec.Token()
	}
	more := func() bool {
		lim.mark(dec.InputOffset())
		return dec.More()
	}
	decode := func(v *json.RawMessage) error {
		lim.mark(dec.InputOffset())
		return dec.Decode(v)
	}
	// readErrIn turns an error reading the document into the LoadError;
	// field names the result being read, if any.
	readErrIn := func(err error, field string) error {
		if lim.err != nil {
			// The errors so far, and the value that went past a bound, by
			// the line where it starts.
			b.errs.add(nextValueLine(dec, lt), field, "", lim.err)
			return b.errs.err(origin)
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return loadError(origin, lt.lineAt(lt.pos), field, "", fmt.Errorf("%w: unexpected end of input", ErrSyntax))
		}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return loadError(origin, lt.lineAt(se.Offset), field, "", fmt.Errorf("%w: %v", ErrSyntax, se))
		}
		return fmt.Errorf("entitylist: %s: %w", origin, err)
	}
	readErr := func(err error) error { return readErrIn(err, "") }

	tok, err := token()
	if err == io.EOF {
		return nil, loadError(origin, 0, "", "", ErrEmpty)
	}
	if err != nil {
		return nil, readErr(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, loadError(origin, 1, "", "", fmt.Errorf("%w: the document is not an object with a \"results\" array", ErrNotCSL))
	}
	seenResults, foreign, total := false, 0, 0
	for more() {
		tok, err := token()
		if err != nil {
			return nil, readErr(err)
		}
		key, _ := tok.(string)
		if key != "results" {
			var skip json.RawMessage
			if err := decode(&skip); err != nil {
				return nil, readErr(err)
			}
			continue
		}
		if seenResults {
			// Read on, to report the problems of its entries too.
			b.errs.add(lt.lineAt(dec.InputOffset()), "results", "", fmt.Errorf("%w: a second \"results\" array; a reader would take only one of the two", ErrDuplicateKey))
		}
		seenResults = true
		tok, err = token()
		if err != nil {
			return nil, readErr(err)
		}
		if d, ok := tok.(json.Delim); !ok || d != '[' {
			return nil, loadError(origin, lt.lineAt(dec.InputOffset()), "results", "", fmt.Errorf("%w: \"results\" is not an array", ErrNotCSL))
		}
		for i := 0; more(); i++ {
			var raw json.RawMessage
			if err := decode(&raw); err != nil {
				return nil, readErrIn(err, fmt.Sprintf("results[%d]", i))
			}
			line := lt.lineAt(dec.InputOffset() - int64(len(raw)))
			total++
			if !jsonEntry(b, raw, i, line) {
				foreign++
			}
		}
		if _, err := token(); err != nil { // ']'
			return nil, readErr(err)
		}
	}
	if _, err := token(); err != nil { // '}'
		return nil, readErr(err)
	}
	if _, err := token(); err != io.EOF {
		if err == nil {
			err = fmt.Errorf("%w: data after the end of the document", ErrSyntax)
			return nil, loadError(origin, lt.lineAt(dec.InputOffset()), "", "", err)
		}
		return nil, readErr(err)
	}
	if !seenResults {
		return nil, loadError(origin, 1, "", "", fmt.Errorf("%w: no \"results\" array", ErrNotCSL))
	}
	if total > 0 && foreign == total {
		return nil, loadError(origin, 1, "results", "", fmt.Errorf("%w: no result has a \"name\" or \"source\"", ErrNotCSL))
	}
	return b.finish(hr.sum())
}

// nextValueLine returns the line where the value dec reads next starts:
// past the white space, comma or colon it has buffered but not consumed.
func nextValueLine(dec *json.Decoder, lt *lineTracker) int {
	line := lt.lineAt(dec.InputOffset())
	ahead, _ := io.ReadAll(dec.Buffered())
	for _, c := range ahead {
		switch c {
		case '\n':
			line++
		case ' ', '\t', '\r', ',', ':':
		default:
			return line
		}
	}
	return line
}

// jsonResultKeys are the keys of a result of the CSL JSON: the columns of
// the CSV, with "id" for "_id".
var jsonResultKeys = append([]string{"id"}, cslColumns[:]...)

// The keys of the objects of "addresses" and "ids".
var (
	jsonAddressKeys = []string{"address", "city", "state", "postal_code", "country"}
	jsonIDKeys      = []string{"type", "number", "country", "issue_date", "expiration_date"}
)

// jsonEntry converts the result object raw, number i, starting on line, and
// adds it to b. It returns false if the object has neither a "name" nor a
// "source" key, that is if it does not look like a CSL entry at all.
func jsonEntry(b *builder, raw json.RawMessage, i, line int) bool {
	record := fmt.Sprintf("results[%d]", i)
	field := func(key string) string { return record + "." + key }
	if len(raw) > MaxRecordSize {
		b.errs.add(line, record, "", fmt.Errorf("%w: the result is %d bytes, more than %d (MaxRecordSize)", ErrTooLong, len(raw), MaxRecordSize))
		return true
	}
	members, key, err := jsonObject(raw)
	if err != nil {
		if key != "" {
			record = field(key)
		}
		b.errs.add(line, record, "", err)
		return true
	}
	obj := make(map[string]json.RawMessage, len(members))
	for _, m := range members {
		obj[m.key] = m.value
	}
	_, hasName := obj[colName]
	_, hasSource := obj[colSource]
	if !hasName && !hasSource {
		b.errs.add(line, record, "", fmt.Errorf("%w: no \"name\" or \"source\"", ErrNotCSL))
		return false
	}
	errsBefore := b.errs.total
	for _, m := range members {
		switch {
		case !slices.Contains(jsonResultKeys, m.key):
			b.errs.add(line, field(m.key), "", fmt.Errorf("%w: not a key of the CSL format, perhaps a misspelled one", ErrUnknownKey))
		case len(m.value) > MaxFieldSize:
			b.errs.add(line, field(m.key), "", fieldTooLong(len(m.value)))
		case !utf8.Valid(m.value):
			b.errs.add(line, field(m.key), keptValue(jsonShown(m.value)), ErrInvalidUTF8)
		}
	}
	if b.errs.total > errsBefore {
		return true
	}
	text := func(key string) string {
		v, ok := obj[key]
		if !ok {
			return ""
		}
		s, err := jsonText(v)
		if err != nil {
			b.errs.add(line, field(key), "", err)
		}
		return strings.TrimSpace(s)
	}
	list := func(key string) []string {
		v, ok := obj[key]
		if !ok {
			return nil
		}
		vals, err := jsonList(v)
		if err != nil {
			b.errs.add(line, field(key), "", err)
		}
		return vals
	}
	// "id" and "_id" are two spellings of one key: both may be written
	// only with one value, lest one be dropped.
	id := text("id")
	if _, ok := obj[colID]; ok {
		under := text(colID)
		if _, both := obj["id"]; both && under != id {
			b.errs.add(line, field(colID), keptValue(under), fmt.Errorf(`%w: "_id" differs from "id" %s, the same key written another way`,
				ErrDuplicateKey, printable.Quote(id)))
		}
		if id == "" {
			id = under
		}
	}
	e := Entry{
		ID:                   id,
		Source:               ParseSource(text(colSource)),
		EntityNumber:         text(colEntityNumber),
		Programs:             list(colPrograms),
		Name:                 cleanName(text(colName)),
		Title:                collapseSpace(text(colTitle)),
		StandardOrder:        text(colStandardOrder),
		LicenseRequirement:   text(colLicenseRequirement),
		LicensePolicy:        text(colLicensePolicy),
		Remarks:              text(colRemarks),
		SourceListURL:        text(colSourceListURL),
		SourceInformationURL: text(colSourceInformationURL),
		Citizenships:         list(colCitizenships),
		Nationalities:        list(colNationalities),
		DatesOfBirth:         list(colDatesOfBirth),
		PlacesOfBirth:        list(colPlacesOfBirth),
		Line:                 line,
	}
	var scratch []string
	e.AltNames = appendAltNames(nil, list(colAltNames), &scratch)
	for _, n := range list(colFederalRegisterNotice) {
		e.FederalRegisterNotices = append(e.FederalRegisterNotices, splitNotices(n)...)
	}
	typ := text(colType)
	t, ok := parseEntityType(typ)
	if !ok {
		b.warn(line, field(colType), typ, "unknown entity type, kept as unknown")
	}
	e.Type = t
	for _, d := range []struct {
		key string
		dst *time.Time
	}{{colStartDate, &e.StartDate}, {colEndDate, &e.EndDate}} {
		if s := text(d.key); s != "" {
			if *d.dst, ok = parseDate(s); !ok {
				b.errs.add(line, field(d.key), s, ErrBadDate)
			}
		}
	}
	if v, ok := obj[colAddresses]; ok {
		addrs, err := jsonAddresses(v)
		if err != nil {
			b.errs.add(line, field(colAddresses), "", err)
		}
		e.Addresses = addrs
	}
	if v, ok := obj[colIDs]; ok {
		ids, err := jsonIDs(v)
		if err != nil {
			b.errs.add(line, field(colIDs), "", err)
		}
		e.IDs = ids
	}
	vessel := Vessel{
		CallSign:               text(colCallSign),
		Type:                   text(colVesselType),
		GrossTonnage:           text(colGrossTonnage),
		GrossRegisteredTonnage: text(colGrossRegisteredTonnage),
		Flag:                   text(colVesselFlag),
		Owner:                  text(colVesselOwner),
	}
	if vessel != (Vessel{}) {
		e.Vessel = &vessel
	}
	if b.errs.total == errsBefore {
		b.add(e, i)
	}
	return true
}

// jsonMember is one key of a JSON object and its value, as written.
type jsonMember struct {
	key   string
	value json.RawMessage
}

// membersIndexedAt is the number of members from which jsonObject finds
// repeated keys with a map rather than by comparing them all.
const membersIndexedAt = 32

// errNotObject is the error of jsonObject for a value that is not an object.
var errNotObject = fmt.Errorf("%w: not an object", ErrBadValue)

// jsonObject returns the members of the JSON object raw, in input order.
// Where encoding/json would keep the last of two values of a key, and turn
// invalid UTF-8 in a key into U+FFFD, it fails with ErrDuplicateKey or
// ErrInvalidUTF8 and returns the key; it fails with ErrBadValue if raw is
// not an object. Raw must be valid JSON, as a json.RawMessage decoded by
// encoding/json is: jsonObject only splits it, reading each byte once.
func jsonObject(raw []byte) ([]jsonMember, string, error) {
	i := skipJSONSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return nil, "", errNotObject
	}
	i++
	var members []jsonMember
	var seen map[string]bool
	for {
		i = skipJSONSpace(raw, i)
		if i < len(raw) && raw[i] == ',' {
			i = skipJSONSpace(raw, i+1)
		}
		if i >= len(raw) || raw[i] == '}' {
			return members, "", nil
		}
		end := jsonValueEnd(raw, i)
		rawKey := raw[i:end]
		key, err := jsonKey(rawKey)
		if err != nil {
			return nil, "", err
		}
		if !utf8.Valid(rawKey) {
			return nil, key, fmt.Errorf("%w in the key", ErrInvalidUTF8)
		}
		i = skipJSONSpace(raw, end)
		if i >= len(raw) || raw[i] != ':' {
			return nil, key, errNotObject
		}
		i = skipJSONSpace(raw, i+1)
		end = jsonValueEnd(raw, i)
		dup := seen[key]
		if seen == nil {
			dup = slices.ContainsFunc(members, func(m jsonMember) bool { return m.key == key })
			if len(members) == membersIndexedAt {
				seen = make(map[string]bool, 2*membersIndexedAt)
				for _, m := range members {
					seen[m.key] = true
				}
			}
		}
		if dup {
			return nil, key, fmt.Errorf("%w: the key appears twice in the object, and the first value would be ignored", ErrDuplicateKey)
		}
		if seen != nil {
			seen[key] = true
		}
		members = append(members, jsonMember{key, raw[i:end]})
		i = end
	}
}

// jsonKey decodes the JSON string rawKey, without encoding/json for the
// usual key without escapes.
func jsonKey(rawKey []byte) (string, error) {
	if n := len(rawKey); n >= 2 && rawKey[0] == '"' && rawKey[n-1] == '"' && bytes.IndexByte(rawKey, '\\') < 0 {
		return string(rawKey[1 : n-1]), nil
	}
	var key string
	if err := json.Unmarshal(rawKey, &key); err != nil {
		return "", fmt.Errorf("%w: %v", ErrBadValue, err)
	}
	return key, nil
}

// skipJSONSpace returns the index of the first byte of raw from i on that
// is not JSON white space.
func skipJSONSpace(raw []byte, i int) int {
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r') {
		i++
	}
	return i
}

// jsonValueEnd returns the index just past the JSON value that starts at
// raw[i]: a string, an object or array with all it holds, or a literal.
func jsonValueEnd(raw []byte, i int) int {
	depth, inString := 0, false
	for ; i < len(raw); i++ {
		c := raw[i]
		switch {
		case inString:
			switch c {
			case '\\':
				i++
			case '"':
				inString = false
				if depth == 0 {
					return i + 1
				}
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			if depth == 0 { // the end of the container of a literal
				return i
			}
			depth--
			if depth == 0 {
				return i + 1
			}
		case depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':'):
			return i
		}
	}
	return len(raw)
}

// jsonShown returns a JSON value as an error quotes it: a string without
// its quotes, anything else as written.
func jsonShown(raw json.RawMessage) string {
	if n := len(raw); n >= 2 && raw[0] == '"' && raw[n-1] == '"' {
		return string(raw[1 : n-1])
	}
	return string(raw)
}

// jsonText decodes a JSON scalar as text: a string as is, a number or a
// boolean as written, null as "".
func jsonText(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", fmt.Errorf("%w: %v", ErrBadValue, err)
		}
		return s, nil
	case '{', '[':
		return "", fmt.Errorf("%w: want a string, got %s", ErrBadValue, jsonKind(raw))
	}
	if string(raw) == "true" || string(raw) == "false" {
		return string(raw), nil
	}
	if _, err := strconv.ParseFloat(string(raw), 64); err != nil {
		return "", fmt.Errorf("%w: %s", ErrBadValue, raw)
	}
	return string(raw), nil
}

// jsonKind names the kind of a JSON value for messages.
func jsonKind(raw json.RawMessage) string {
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	}
	return "a scalar"
}

// jsonList decodes a multi-value key: an array of scalars, or one string
// holding values separated by "; ". Empty values are dropped.
func jsonList(raw json.RawMessage) ([]string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '[' {
		s, err := jsonText(raw)
		return splitValues(s, "; "), err
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadValue, err)
	}
	var out []string
	for _, it := range items {
		s, err := jsonText(it)
		if err != nil {
			return out, err
		}
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out, nil
}

// jsonObjects decodes an array whose items are objects with the given keys
// or strings; a single string is split on "; ". A key of an object that is
// not one of keys, or that appears twice, is an error.
func jsonObjects(raw json.RawMessage, keys []string, obj func(map[string]json.RawMessage) error, str func(string)) error {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '[' {
		s, err := jsonText(raw)
		for _, v := range splitValues(s, "; ") {
			str(v)
		}
		return err
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return fmt.Errorf("%w: %v", ErrBadValue, err)
	}
	for _, it := range items {
		it = bytes.TrimSpace(it)
		if len(it) > 0 && it[0] == '{' {
			members, key, err := jsonObject(it)
			if err != nil && key != "" {
				return fmt.Errorf("key %q: %w", key, err)
			}
			if err != nil {
				return err
			}
			m := make(map[string]json.RawMessage, len(members))
			for _, mb := range members {
				if !slices.Contains(keys, mb.key) {
					return fmt.Errorf("%w %q: not one of %s", ErrUnknownKey, mb.key, strings.Join(keys, ", "))
				}
				m[mb.key] = mb.value
			}
			if err := obj(m); err != nil {
				return err
			}
			continue
		}
		s, err := jsonText(it)
		if err != nil {
			return err
		}
		if s = strings.TrimSpace(s); s != "" {
			str(s)
		}
	}
	return nil
}

// textOf returns the trimmed text of key in m.
func textOf(m map[string]json.RawMessage, key string) (string, error) {
	v, ok := m[key]
	if !ok {
		return "", nil
	}
	s, err := jsonText(v)
	return collapseSpace(s), err
}

// jsonAddresses decodes the "addresses" key. Raw is the address as the CSV
// would write it: the non-empty parts joined by ", ". Addresses written as
// text are parsed as ReadCSV parses them, an address of an "X; and Y, CC"
// group taking the country of the address after it.
func jsonAddresses(raw json.RawMessage) ([]Address, error) {
	var out []Address
	err := jsonObjects(raw, jsonAddressKeys, func(m map[string]json.RawMessage) error {
		var a Address
		var parts [5]string
		for i, p := range []struct {
			key string
			dst *string
		}{{"address", &a.Street}, {"city", &a.City}, {"state", &a.State}, {"postal_code", &a.PostalCode}, {"country", &a.Country}} {
			s, err := textOf(m, p.key)
			if err != nil {
				return err
			}
			*p.dst, parts[i] = s, s
		}
		a.Raw = joinNonEmpty(parts[:])
		if a.Country != "" {
			// The key names a country: any English name of one reads
			// ("Kosovo", "Korea, North"), not only those an address's
			// text may end in (countryByName).
			up := strings.ToUpper(a.Country)
			if cc, ok := country.ByName(a.Country); ok && !isCountryCode(up) {
				up = cc
			}
			if !isCountryCode(up) {
				return fmt.Errorf("%w: %q", ErrBadCountry, a.Country)
			}
			a.Country = up
		}
		if a == (Address{}) {
			return nil
		}
		out = append(out, a)
		return nil
	}, func(s string) { out = append(out, parseAddress(s)) })
	shareGroupCountry(out)
	return out, err
}

// jsonIDs decodes the "ids" key. Raw is "type, number, country" of the
// non-empty parts, and "expires" and the expiration date, which has no
// field of its own.
func jsonIDs(raw json.RawMessage) ([]Identification, error) {
	var out []Identification
	err := jsonObjects(raw, jsonIDKeys, func(m map[string]json.RawMessage) error {
		var id Identification
		var expires string
		for _, p := range []struct {
			key string
			dst *string
		}{{"type", &id.Type}, {"number", &id.Number}, {"country", &id.Country}, {"issue_date", &id.IssueDate}, {"expiration_date", &expires}} {
			s, err := textOf(m, p.key)
			if err != nil {
				return err
			}
			*p.dst = s
		}
		if expires != "" {
			expires = "expires " + expires
		}
		id.Raw = joinNonEmpty([]string{id.Type, id.Number, id.Country, expires})
		if id.Raw != "" {
			out = append(out, id)
		}
		return nil
	}, func(s string) {
		id := Identification{Raw: s}
		parseID(&id, layoutTypeFirst)
		out = append(out, id)
	})
	return out, err
}

// joinNonEmpty joins the non-empty strings with ", ".
func joinNonEmpty(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(p)
	}
	return b.String()
}

// lineTracker passes reads through and maps byte offsets to line numbers.
// It keeps only the offsets of the newlines read but not yet asked about,
// so its memory is bounded by the decoder's read-ahead, not the input size.
// Offsets passed to lineAt must not decrease.
type lineTracker struct {
	r    io.Reader
	pos  int64   // bytes read
	nl   []int64 // offsets of newlines not yet counted
	line int     // newlines counted
}

func (t *lineTracker) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	for i := 0; i < n; {
		j := bytes.IndexByte(p[i:n], '\n')
		if j < 0 {
			break
		}
		t.nl = append(t.nl, t.pos+int64(i+j))
		i += j + 1
	}
	t.pos += int64(n)
	return n, err
}

// lineAt returns the 1-based line of the byte at offset off.
func (t *lineTracker) lineAt(off int64) int {
	k := 0
	for k < len(t.nl) && t.nl[k] < off {
		k++
	}
	t.line += k
	t.nl = append(t.nl[:0], t.nl[k:]...)
	return t.line + 1
}
