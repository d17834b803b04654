package entitylist

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// ReadUN reads the UN Security Council Consolidated List in its XML format
// (CONSOLIDATED_LIST, with INDIVIDUALS and ENTITIES), as the UN publishes it.
// The input is read as a stream, one INDIVIDUAL or ENTITY at a time, never
// as a whole document.
//
// Every entry has Source [UNSecurityCouncil] and the type individual or
// entity. Its ID is the REFERENCE_NUMBER ("QDi.001"), the number the UN
// cites; its EntityNumber the DATAID; Programs the UN_LIST_TYPE (the
// sanctions regime: "Al-Qaida", "DPRK" ...); StartDate the LISTED_ON date;
// Remarks the COMMENTS1. An individual's name is FIRST_NAME to FOURTH_NAME
// joined by spaces; TITLE and DESIGNATION values are the Title, joined by
// "; ". The aliases keep their quality: "Low" is a weak alias, "f.k.a." a
// former name, "Good" and "a.k.a." strong aliases; NAME_ORIGINAL_SCRIPT is
// a strong alias too, so a name in Arabic or Cyrillic script is screened.
// Nationalities are ISO codes where the country is known, and the text
// otherwise; addresses carry the ISO code of their country; dates of birth
// are written as the CSL writes them ("1971", "1960-05-17", "circa 1958",
// "1955 to 1958"), with the UN's note in parentheses, and places of birth
// as "city, state, country"; documents and the gender are
// identifications. An alias's own date and place of birth are added to
// the entry's, and its note to the Remarks, on a line of its own ("Alias
// Tango Romeo: Call sign"); the metadata (VERSIONNUM, LIST_TYPE,
// LAST_DAY_UPDATED, SUBMITTED_BY, SORT_KEY ...) is not kept.
//
// A damaged document is refused with every problem named by its element
// path and line ("line 42, field "INDIVIDUAL/LISTED_ON": bad date"): XML
// that is malformed or cut short ([ErrTruncated]), a document of another
// shape ([ErrNotUNList]), a DATAID or REFERENCE_NUMBER that is missing or
// repeats ([ErrDuplicateEntry]), an element that appears twice where it
// may appear once ([ErrDuplicateKey]), a bad date, an entry without a
// name, text that is not valid UTF-8 or another encoding than UTF-8
// ([ErrInvalidUTF8]), sizes over the limits (a record is an INDIVIDUAL or
// ENTITY). An element the format does not have is ignored with a warning,
// as is a country name the package does not know, kept as text, and so is
// content where the format has none: an element inside an element of text
// (<FIRST_NAME>JOHN<X>SMITH</X></FIRST_NAME> reads "JOHN"), text beside a
// group's elements. Where that content reads one way only it is kept, with
// a warning: a NATIONALITY (TITLE, DESIGNATION) written as text without
// VALUE has that text as its value, a NAME_ORIGINAL_SCRIPT written as
// VALUE elements each of them as a name, an alias or address of the
// other kind of record (an INDIVIDUAL_ALIAS in an ENTITY, an
// ENTITY_ADDRESS in an INDIVIDUAL) is the record's own, and a record in
// the other section (an ENTITY in INDIVIDUALS) or outside both is read as
// its kind.
func ReadUN(r io.Reader, origin string) (*List, error) {
	lim := newLimitReader(r)
	hr := newHashReader(lim)
	src := &errRecorder{r: hr}
	dec := xml.NewDecoder(src)
	dec.CharsetReader = func(charset string, _ io.Reader) (io.Reader, error) {
		return nil, fmt.Errorf("%w: the document is in %q; the UN list is UTF-8", ErrInvalidUTF8, charset)
	}
	rd := &unReader{
		b:         newOfficialBuilder(origin, FormatUN, fieldNames{id: "REFERENCE_NUMBER", name: "FIRST_NAME", source: "UN_LIST_TYPE"}),
		dec:       dec,
		src:       src,
		lim:       lim,
		countries: newCountryNamer(),
		dataIDs:   make(map[string]int),
		refs:      make(map[string]int),
	}
	if err := rd.read(); err != nil {
		var le *LoadError
		if errors.As(err, &le) {
			return nil, err
		}
		return nil, fmt.Errorf("entitylist: %s: %w", origin, err)
	}
	if rd.b.errs.total > 0 {
		return nil, rd.b.errs.err(origin)
	}
	rd.countries.warn(rd.b)
	return rd.b.finish(hr.sum())
}

// unReader reads the UN list.
type unReader struct {
	b         *builder
	dec       *xml.Decoder
	src       *errRecorder
	lim       *limitReader
	countries *countryNamer
	open      []string // the elements open around the decoder, for messages
	dataIDs   map[string]int
	refs      map[string]int
}

// unNode is an element of one INDIVIDUAL or ENTITY: its name, the line
// where its start tag ends, its text and its child elements.
type unNode struct {
	name     string
	line     int
	text     string
	children []*unNode
}

// maxUNDepth bounds the nesting of elements inside a record; the format
// nests three deep.
const maxUNDepth = 8

// stop is the error read returns once a problem that ends the reading has
// been added to the builder's errors.
var errStop = errors.New("stop")

// token returns the next token, turning the decoder's errors into the
// load error that ends the reading; the error is errStop for those, and an
// I/O error otherwise.
func (rd *unReader) token() (xml.Token, error) {
	tok, err := rd.dec.Token()
	if err == nil {
		return tok, nil
	}
	line, _ := rd.dec.InputPos()
	inside := rd.path()
	var se *xml.SyntaxError
	switch {
	case rd.lim.err != nil:
		rd.b.errs.add(line, inside, "", rd.lim.err)
	case err == io.EOF && len(rd.open) > 0, err == io.ErrUnexpectedEOF,
		errors.As(err, &se) && strings.Contains(se.Msg, "unexpected EOF"):
		rd.b.errs.add(line, inside, "", fmt.Errorf("%w: the input ends inside element %s", ErrTruncated, strings.Join(rd.open, "/")))
	case err == io.EOF:
		rd.b.errs.add(0, "", "", ErrEmpty)
	case errors.Is(err, ErrInvalidUTF8):
		rd.b.errs.add(line, inside, "", err)
	case errors.As(err, &se) && se.Msg == "invalid UTF-8":
		rd.b.errs.add(se.Line, inside, "", ErrInvalidUTF8)
	case se != nil:
		rd.b.errs.add(se.Line, inside, "", fmt.Errorf("%w: %s", ErrSyntax, escapeInvalid(se.Msg)))
	case rd.src.err != nil && rd.src.err != io.EOF && errors.Is(err, rd.src.err):
		return nil, err // reading the input failed
	default:
		// The decoder's other errors are about the content, such as an
		// XML version it does not support.
		rd.b.errs.add(line, inside, "", fmt.Errorf("%w: %s", ErrSyntax, escapeInvalid(err.Error())))
	}
	return nil, errStop
}

// escapeInvalid returns msg, a message of the XML decoder, with each byte
// that is not valid UTF-8 written as \xNN: the decoder quotes the bytes it
// stopped at raw ("invalid XML name: \xf2"), which would put invalid UTF-8
// in the error.
func escapeInvalid(msg string) string {
	if utf8.ValidString(msg) {
		return msg
	}
	var b strings.Builder
	for i := 0; i < len(msg); {
		r, n := utf8.DecodeRuneInString(msg[i:])
		if r == utf8.RuneError && n == 1 {
			fmt.Fprintf(&b, "\\x%02x", msg[i])
		} else {
			b.WriteString(msg[i : i+n])
		}
		i += n
	}
	return b.String()
}

// errRecorder passes reads through and keeps the last error of the reader,
// so that an error of the XML decoder can be told from one of the input.
type errRecorder struct {
	r   io.Reader
	err error
}

func (e *errRecorder) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil {
		e.err = err
	}
	return n, err
}

// path returns the path of the innermost open element, from the record
// (INDIVIDUAL or ENTITY) if one is open, as messages name it:
// "ENTITY/ENTITY_ALIAS/QUALITY".
func (rd *unReader) path() string {
	for i, name := range rd.open {
		if name == "INDIVIDUAL" || name == "ENTITY" {
			return strings.Join(rd.open[i:], "/")
		}
	}
	return strings.Join(rd.open, "/")
}

// read reads the document.
func (rd *unReader) read() error {
	err := rd.readDocument()
	if err == errStop {
		return nil
	}
	return err
}

func (rd *unReader) readDocument() error {
	// The root element.
	var root xml.StartElement
	for {
		tok, err := rd.token()
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok {
			root = se
			break
		}
	}
	line, _ := rd.dec.InputPos()
	if root.Name.Local != "CONSOLIDATED_LIST" {
		rd.b.errs.add(line, root.Name.Local, "", fmt.Errorf("%w: the root element is %s, not CONSOLIDATED_LIST", ErrNotUNList, root.Name.Local))
		return nil
	}
	rd.open = append(rd.open, root.Name.Local)
	for {
		rd.lim.mark(rd.dec.InputOffset())
		tok, err := rd.token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := rd.readSection(t); err != nil {
				return err
			}
		case xml.EndElement:
			rd.open = rd.open[:0]
			// Only white space, comments and processing instructions
			// may follow.
			for {
				tok, err := rd.dec.Token()
				if err == io.EOF {
					return nil
				}
				if err != nil {
					_, err = rd.token() // reports it
					return err
				}
				switch t := tok.(type) {
				case xml.CharData:
					if len(strings.TrimSpace(string(t))) == 0 {
						continue
					}
				case xml.Comment, xml.ProcInst:
					continue
				}
				line, _ := rd.dec.InputPos()
				rd.b.errs.add(line, "", "", fmt.Errorf("%w: data after the end of CONSOLIDATED_LIST", ErrSyntax))
				return nil
			}
		}
	}
}

// readSection reads INDIVIDUALS or ENTITIES, whose start tag was just read;
// a record (INDIVIDUAL or ENTITY) outside them, or in the other one, is
// read as its kind with a warning, and another element is skipped with a
// warning.
func (rd *unReader) readSection(start xml.StartElement) error {
	line, _ := rd.dec.InputPos()
	name := start.Name.Local
	var want string
	switch name {
	case "INDIVIDUALS":
		want = "INDIVIDUAL"
	case "ENTITIES":
		want = "ENTITY"
	case "INDIVIDUAL", "ENTITY":
		rd.b.warn(line, "CONSOLIDATED_LIST/"+name, "", "a record outside INDIVIDUALS and ENTITIES, read as an "+strings.ToLower(name))
		node, err := rd.readNode(start, line, 1)
		if err != nil {
			return err
		}
		rd.entry(node)
		return nil
	default:
		rd.b.warn(line, "CONSOLIDATED_LIST/"+name, "", "unknown element ignored")
		return rd.skip(start)
	}
	rd.open = append(rd.open, name)
	defer func() { rd.open = rd.open[:len(rd.open)-1] }()
	for {
		rd.lim.mark(rd.dec.InputOffset())
		tok, err := rd.token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, _ := rd.dec.InputPos()
			switch t.Name.Local {
			case want:
			case "INDIVIDUAL", "ENTITY":
				// A record in the other section reads one way only.
				rd.b.warn(line, name+"/"+t.Name.Local, "", "a record in the other section, read as an "+strings.ToLower(t.Name.Local))
			default:
				rd.b.warn(line, name+"/"+t.Name.Local, "", "unknown element ignored")
				if err := rd.skip(t); err != nil {
					return err
				}
				continue
			}
			node, err := rd.readNode(t, line, 1)
			if err != nil {
				return err
			}
			rd.entry(node)
		case xml.EndElement:
			return nil
		}
	}
}

// skip reads past the element whose start tag was just read.
func (rd *unReader) skip(start xml.StartElement) error {
	rd.open = append(rd.open, start.Name.Local)
	defer func() { rd.open = rd.open[:len(rd.open)-1] }()
	for depth := 1; depth > 0; {
		tok, err := rd.token()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// readNode reads the element whose start tag was just read, ending on
// line, with its children, at the given depth inside its record.
func (rd *unReader) readNode(start xml.StartElement, line, depth int) (*unNode, error) {
	n := &unNode{name: start.Name.Local, line: line}
	rd.open = append(rd.open, n.name)
	defer func() { rd.open = rd.open[:len(rd.open)-1] }()
	var text strings.Builder
	for {
		tok, err := rd.token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, _ := rd.dec.InputPos()
			if depth >= maxUNDepth {
				rd.b.errs.add(line, rd.path(), "", fmt.Errorf("%w: elements nested more than %d deep", ErrSyntax, maxUNDepth))
				return nil, errStop
			}
			child, err := rd.readNode(t, line, depth+1)
			if err != nil {
				return nil, err
			}
			n.children = append(n.children, child)
		case xml.CharData:
			if text.Len()+len(t) > MaxFieldSize {
				rd.b.errs.add(n.line, rd.path(), "", fieldTooLong(text.Len()+len(t)))
				return nil, errStop
			}
			text.Write(t)
		case xml.EndElement:
			n.text = strings.TrimSpace(text.String())
			return n, nil
		}
	}
}
