package service

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// resultEncoder writes the records of the results of one list's screener
// (screening.Result.MarshalJSON), the list's version encoded once: a
// result and each of its matches carry the version whole, and encoding it
// (its counts by source are a map, whose keys encoding/json sorts) costs
// more than the rest of a result without matches. The records are those
// of MarshalJSON byte for byte. A resultEncoder is immutable and safe for
// concurrent use.
type resultEncoder struct {
	sha256   string // the list's
	standIn  []byte // `"list_version":` and the stand-in version, encoded
	markerAt int    // the offset of standInMarker in standIn
	version  []byte // `"list_version":` and the list's version, encoded
}

// standInVersion is the version the records are encoded with before the
// list's replaces it: no list's (no list hashes to "-"), with an origin
// whose encoding, standInMarker, is rare in a record and quick to find.
var standInVersion = entitylist.Version{Origin: "\x00", SHA256: "-"}

const standInMarker = `\u0000`

// listVersionKey is the key of a version in the records.
var listVersionKey = []byte(`"list_version":`)

// newResultEncoder returns the encoder of the results carrying v.
func newResultEncoder(v entitylist.Version) (*resultEncoder, error) {
	standIn, err := marshalVersion(standInVersion)
	if err != nil {
		return nil, err
	}
	version, err := marshalVersion(v)
	if err != nil {
		return nil, err
	}
	e := &resultEncoder{sha256: v.SHA256, standIn: append(slices.Clip(listVersionKey), standIn...),
		version: append(slices.Clip(listVersionKey), version...)}
	if e.markerAt = bytes.Index(e.standIn, []byte(standInMarker)); e.markerAt < 0 {
		return nil, fmt.Errorf("the stand-in version encodes as %s, without %s", standIn, standInMarker)
	}
	return e, nil
}

// marshalVersion encodes v as the screening package does in its records:
// compact, HTML characters unescaped.
func marshalVersion(v entitylist.Version) ([]byte, error) {
	b, err := encodeJSON(v)
	return bytes.TrimSuffix(b, []byte("\n")), err
}

// appendResult appends the record of res to b. The versions that carry
// the list's SHA-256 are the list's version whole, as the screener puts
// it in every result and match (and as the Server's state holds it); a
// query that could not be screened (it has no version), or a result of
// another list (another SHA-256, or a list without one), is encoded whole.
func (e *resultEncoder) appendResult(b []byte, res screening.Result) ([]byte, error) {
	if res.Err != nil || e.sha256 == "" || res.Version.SHA256 != e.sha256 {
		j, err := res.MarshalJSON()
		return append(b, j...), err
	}
	res.Version = standInVersion
	res.Matches = slices.Clone(res.Matches) // the caller's stay as they are
	for i := range res.Matches {
		if res.Matches[i].Version.SHA256 == e.sha256 {
			res.Matches[i].Version = standInVersion
		}
	}
	j, err := res.MarshalJSON()
	if err != nil {
		return b, err
	}
	// The stand-in appears where a key "list_version" has it as its value
	// only: in a JSON string, every quote is escaped.
	b = slices.Grow(b, len(j)+(1+len(res.Matches))*(len(e.version)-len(e.standIn)))
	for from := 0; ; {
		i := bytes.Index(j[from:], []byte(standInMarker))
		if i < 0 {
			return append(b, j...), nil
		}
		start := from + i - e.markerAt
		if start < 0 || !bytes.HasPrefix(j[start:], e.standIn) {
			from += i + len(standInMarker) // a name's U+0000
			continue
		}
		b = append(append(b, j[:start]...), e.version...)
		j, from = j[start+len(e.standIn):], 0
	}
}
