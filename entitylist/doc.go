// Package entitylist holds screening-list data: the records of the US
// Consolidated Screening List (CSL), of OFAC's own files, the UN Security
// Council Consolidated List, the SAM.gov exclusions and in-house
// blocklists, the loaders for their file formats, what each listing
// obliges, and the version that identifies the data a screening decision
// was made against.
//
// # Formats
//
// [ReadCSV] reads the official CSL CSV, [ReadJSON] the official CSL JSON
// ({"results": [...]}), [ReadOFAC] OFAC's legacy CSV files (sdn.csv,
// add.csv, alt.csv, sdn_comments.csv, or the consolidated non-SDN set),
// [ReadUN] the UN list's XML, [ReadSAM] the SAM.gov Exclusions public
// extract, and [ReadInHouse] a simple CSV of a company's own list (name,
// aliases, country, id, notes). [Read] detects the format from the content
// and [Open] reads a file, or OFAC's files in a directory. [Merge] joins
// several lists. [Procurement] is a curated list, compiled in, of the
// parties US federal procurement prohibitions name.
//
// # What a listing means
//
// [Entry.Effects] says what an entry's listing obliges, as data
// ([EffectKind]: blocked, license required, procurement prohibited ...) and
// in plain words, with the authority, citations, license requirement and
// policy, programs, clause and dates the entry publishes.
//
// # Updates
//
// A [Cache] keeps downloaded copies of the lists ([FeedNames]), each
// checked before it replaces the previous copy; [Cache.LoadAll] merges
// them, OFAC's own files taking the place of the CSL's copies of OFAC's
// lists.
//
// The loaders type what has structure: dates are parsed, multi-value fields
// are split on "; ", the Federal Register wording is removed from names
// ("; and X", "a.k.a.", "and any successor, sub-unit, or subsidiary
// thereof"), addresses are split into street, city, state, postal code and
// ISO country code (keeping the raw text), and Federal Register citations
// are separated even where older rows run them together.
//
// # Errors and warnings
//
// A loader either returns a complete list or an error: a bad row is never
// skipped, and no data is dropped silently. A CSL CSV must have all 29
// columns (a misspelled alt_names would empty every alias), a JSON result
// may hold only the keys of the format, a column or key may not repeat, and
// every field must be valid UTF-8. Problems with rows are [ParseError]
// values naming the line where the record starts (newlines inside quoted
// fields count) and the field, collected in one [LoadError] and wrapping
// sentinels such as [ErrEmptyName] or [ErrTruncated] for use with
// errors.Is. What is accepted but worth knowing, such as a duplicated _id
// in the official list, is returned by [List.Warnings].
//
// # Limits
//
// Loaders read their input through a bound, so that a damaged or hostile
// file fails with an error rather than exhausting memory: a field may hold
// [MaxFieldSize] bytes, a record [MaxRecordSize] and a list [MaxListSize],
// far above what the official list needs. [Cache.Update] refuses a
// download that falls short of the cache beyond [MaxEntryLossPercent] and
// [MaxSourceLossPercent], or whose newest entry is older, unless forced.
//
// # Versions
//
// Every [List] carries a [Version]: its origin, format, the SHA-256 of the
// bytes read, the newest start date, and entry counts per source. A List is
// immutable after loading and safe for concurrent use by multiple
// goroutines.
package entitylist
