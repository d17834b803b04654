package entitylist

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Format is the file format a list was read from.
//
// The zero Format is FormatUnknown. Format values are immutable and safe for
// concurrent use.
type Format uint8

// The list formats. FormatMerged marks a list made by [Merge].
const (
	FormatUnknown     Format = iota
	FormatCSV                // official CSL CSV
	FormatJSON               // official CSL JSON
	FormatInHouse            // in-house CSV: name, aliases, country, id, notes
	FormatMerged             // several lists merged with Merge
	FormatProcurement        // the embedded procurement prohibitions dataset (Procurement)
	FormatOFAC               // OFAC's legacy CSV files (sdn.csv ... or cons_prim.csv ...)
	FormatUN                 // the UN Security Council Consolidated List XML
	FormatSAM                // the SAM.gov Exclusions public extract (V2)
	numFormats               // the number of formats: a new one goes above this line
)

// formatNames are the names of the formats, as String writes them and
// UnmarshalText reads them. TestFormatsComplete checks that every format
// has one.
var formatNames = [numFormats]string{
	FormatUnknown:     "unknown",
	FormatCSV:         "csv",
	FormatJSON:        "json",
	FormatInHouse:     "inhouse",
	FormatMerged:      "merged",
	FormatProcurement: "procurement",
	FormatOFAC:        "ofac",
	FormatUN:          "un",
	FormatSAM:         "sam",
}

// String returns the format's name: "csv", "json", "inhouse", "merged",
// "procurement", "ofac", "un", "sam", or "unknown".
func (f Format) String() string {
	if f < numFormats {
		return formatNames[f]
	}
	return "unknown"
}

// MarshalText renders f by name, as String does, so that JSON shows the
// name.
func (f Format) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalText parses a name written by MarshalText.
func (f *Format) UnmarshalText(b []byte) error {
	for v, name := range formatNames {
		if name == string(b) {
			*f = Format(v)
			return nil
		}
	}
	return fmt.Errorf("entitylist: unknown list format %q", b)
}

// Version identifies the data of a [List], so that a screening decision can
// cite the exact list it was made against.
// It marshals to JSON with snake_case names and the format by name.
//
// The zero Version is the version of an unnamed, empty list of unknown
// format. Like any plain Go value it may be read by many goroutines at once,
// but not changed while another uses it. The versions a List or a screening
// result returns are the caller's own copies.
type Version struct {
	Origin   string         `json:"origin"`              // file path, URL, or "embedded default"
	Format   Format         `json:"format"`              // the format the list was read from
	SHA256   string         `json:"sha256"`              // hex SHA-256 of the bytes read; for a merged list, of the parts' hashes
	Newest   time.Time      `json:"newest,omitzero"`     // newest StartDate of any entry; zero if none has one
	Entries  int            `json:"entries"`             // number of entries
	BySource map[Source]int `json:"by_source,omitempty"` // number of entries per source
	Parts    []Version      `json:"parts,omitempty"`     // for a merged list: the versions merged, in order
	// Fetched is when a cached list was last fetched from URL (downloaded,
	// or found unchanged there), zero for any other list and for a cached
	// list whose fetch time is unknown (see [Cache.CheckRecords]);
	// Official reports that URL is [DefaultURL], the official list's. A
	// list fetched from another URL is never called official.
	Fetched  time.Time `json:"fetched,omitzero"`
	URL      string    `json:"url,omitempty"`
	Official bool      `json:"official,omitempty"`
	// Cached reports that the list was read from a [Cache], a download of
	// [Cache.UpdateFeed]: its Fetched is then zero only when its fetch
	// time is unknown, not because it is a file given as is.
	Cached bool `json:"cached,omitempty"`
	// Sample reports that the list is the embedded sample of [Default], or
	// a merge holding it: not a complete list, never for a real decision.
	Sample bool `json:"sample,omitempty"`
	// Unscreened is the number of the list's names that a screener cannot
	// screen at all (nothing but a legal form or punctuation, say): 0 in a
	// list's own version, set in the versions a screener reports with its
	// results (see screening.Screener.Skipped for the names).
	Unscreened int `json:"unscreened_names,omitempty"`
}

// String describes the version on one line, for example
// `list.csv (csv): 2 entries [EL 1, SDN 1], newest 2024-06-24, sha256 9f86...`.
func (v Version) String() string {
	var b strings.Builder
	origin := v.Origin
	if origin == "" {
		origin = "unnamed list"
	}
	fmt.Fprintf(&b, "%s (%s", origin, v.Format)
	if len(v.Parts) > 0 {
		fmt.Fprintf(&b, " of %d lists", len(v.Parts))
	}
	fmt.Fprintf(&b, "): %d entries", v.Entries)
	if len(v.BySource) > 0 {
		b.WriteString(" [")
		for i, s := range v.SourcesByCount() {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s %d", s, v.BySource[s])
		}
		b.WriteString("]")
	}
	if !v.Newest.IsZero() {
		fmt.Fprintf(&b, ", newest %s", v.Newest.Format(time.DateOnly))
	}
	if v.SHA256 != "" {
		fmt.Fprintf(&b, ", sha256 %s", v.SHA256)
	}
	if v.Unscreened > 0 {
		fmt.Fprintf(&b, ", %d names not screened", v.Unscreened)
	}
	if v.Sample {
		b.WriteString(", SAMPLE: not a complete list")
	}
	return b.String()
}

// SourcesByCount returns the sources of v.BySource, most entries first,
// then by code.
func (v Version) SourcesByCount() []Source {
	m := v.BySource
	return slices.SortedFunc(maps.Keys(m), func(a, b Source) int {
		if c := cmp.Compare(m[b], m[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
}

// clone returns a deep copy of v, so callers cannot change a List's version.
func (v Version) clone() Version {
	v.BySource = maps.Clone(v.BySource)
	if v.Parts != nil {
		parts := make([]Version, len(v.Parts))
		for i, p := range v.Parts {
			parts[i] = p.clone()
		}
		v.Parts = parts
	}
	return v
}
