package entitylist

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// ReadJSON reads a list in the official CSL JSON format: an object whose
// "results" key holds an array of entries with the keys of the CSV columns
// ("id" or "_id", "source", "name", "alt_names", "addresses", "ids",
// "federal_register_notice", "start_date", ...). Multi-value keys are arrays
// of strings (a single string is split on "; "); "addresses" are objects
// {address, city, state, postal_code, country} and "ids" objects {type,
// number, country, issue_date, expiration_date}. Other keys, at either
// level, are ignored. A JSON document of another shape fails with
// [ErrNotCSL].
//
// Errors name the line where the entry's object starts and the key, such
// as "results[3].start_date"; they are collected as by [ReadCSV].
func ReadJSON(r io.Reader, origin string) (*List, error) {
	hr := newHashReader(r)
	lt := &lineTracker{r: hr}
	dec := json.NewDecoder(lt)
	dec.UseNumber()
	b := newBuilder(origin, FormatJSON)

	syntaxErr := func(err error) error {
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return loadError(origin, lt.lineAt(lt.pos), "", "", fmt.Errorf("%w: unexpected end of input", ErrSyntax))
		}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return loadError(origin, lt.lineAt(se.Offset), "", "", fmt.Errorf("%w: %v", ErrSyntax, se))
		}
		return fmt.Errorf("entitylist: %s: %w", origin, err)
	}

	tok, err := dec.Token()
	if err == io.EOF {
		return nil, loadError(origin, 0, "", "", ErrEmpty)
	}
	if err != nil {
		return nil, syntaxErr(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, loadError(origin, 1, "", "", fmt.Errorf("%w: the document is not an object with a \"results\" array", ErrNotCSL))
	}
	seenResults, foreign, total := false, 0, 0
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, syntaxErr(err)
		}
		key, _ := tok.(string)
		if key != "results" || seenResults {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, syntaxErr(err)
			}
			continue
		}
		seenResults = true
		tok, err = dec.Token()
		if err != nil {
			return nil, syntaxErr(err)
		}
		if d, ok := tok.(json.Delim); !ok || d != '[' {
			return nil, loadError(origin, lt.lineAt(dec.InputOffset()), "results", "", fmt.Errorf("%w: \"results\" is not an array", ErrNotCSL))
		}
		for i := 0; dec.More(); i++ {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, syntaxErr(err)
			}
			line := lt.lineAt(dec.InputOffset() - int64(len(raw)))
			total++
			if !jsonEntry(b, raw, i, line) {
				foreign++
			}
		}
		if _, err := dec.Token(); err != nil { // ']'
			return nil, syntaxErr(err)
		}
	}
	if _, err := dec.Token(); err != nil { // '}'
		return nil, syntaxErr(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			err = fmt.Errorf("%w: data after the end of the document", ErrSyntax)
			return nil, loadError(origin, lt.lineAt(dec.InputOffset()), "", "", err)
		}
		return nil, syntaxErr(err)
	}
	if !seenResults {
		return nil, loadError(origin, 1, "", "", fmt.Errorf("%w: no \"results\" array", ErrNotCSL))
	}
	if total > 0 && foreign == total {
		return nil, loadError(origin, 1, "results", "", fmt.Errorf("%w: no result has a \"name\" or \"source\"", ErrNotCSL))
	}
	return b.finish(hr.sum())
}

// jsonEntry converts the result object raw, number i, starting on line, and
// adds it to b. It returns false if the object has neither a "name" nor a
// "source" key, that is if it does not look like a CSL entry at all.
func jsonEntry(b *builder, raw json.RawMessage, i, line int) bool {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		b.errs.add(line, fmt.Sprintf("results[%d]", i), "", fmt.Errorf("%w: not an object", ErrBadValue))
		return true
	}
	_, hasName := obj[colName]
	_, hasSource := obj[colSource]
	if !hasName && !hasSource {
		b.errs.add(line, fmt.Sprintf("results[%d]", i), "", fmt.Errorf("%w: no \"name\" or \"source\"", ErrNotCSL))
		return false
	}
	errsBefore := b.errs.total
	field := func(key string) string { return fmt.Sprintf("results[%d].%s", i, key) }
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
	id := text("id")
	if id == "" {
		id = text(colID)
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

// jsonObjects decodes an array whose items are objects or strings; a single
// string is split on "; ".
func jsonObjects(raw json.RawMessage, obj func(map[string]json.RawMessage) error, str func(string)) error {
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
			var m map[string]json.RawMessage
			if err := json.Unmarshal(it, &m); err != nil {
				return fmt.Errorf("%w: %v", ErrBadValue, err)
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
// would write it: the non-empty parts joined by ", ".
func jsonAddresses(raw json.RawMessage) ([]Address, error) {
	var out []Address
	err := jsonObjects(raw, func(m map[string]json.RawMessage) error {
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
			up := strings.ToUpper(a.Country)
			if cc, ok := countryByName[a.Country]; ok {
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
	return out, err
}

// jsonIDs decodes the "ids" key. Raw is "type, number, country" of the
// non-empty parts.
func jsonIDs(raw json.RawMessage) ([]Identification, error) {
	var out []Identification
	err := jsonObjects(raw, func(m map[string]json.RawMessage) error {
		var id Identification
		for _, p := range []struct {
			key string
			dst *string
		}{{"type", &id.Type}, {"number", &id.Number}, {"country", &id.Country}, {"issue_date", &id.IssueDate}} {
			s, err := textOf(m, p.key)
			if err != nil {
				return err
			}
			*p.dst = s
		}
		id.Raw = joinNonEmpty([]string{id.Type, id.Number, id.Country})
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
