package evalset

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/entityscreen/entityscreen/entitylist"
)

// AliasBatches is the number of modified lists the alias holdout set is
// spread over.
const AliasBatches = 6

// AliasBatch is one modified copy of the 2022 CSL with the cases to screen
// against it: every case's alias has been taken out of every record that
// held it.
type AliasBatch struct {
	// List is the modified list, loaded from CSV.
	List *entitylist.List
	// CSV is the modified list in the CSL CSV format, as List was read.
	CSV []byte
	// Cases are the queries to screen against List, in a stable order.
	Cases []Case
}

// aliasCase is an alias holdout case before it is put in a batch.
type aliasCase struct {
	c       Case
	key     string // the alias's Key
	touched []int  // the entries that hold the alias, by index
	order   uint64 // hash, for the order of batching
}

// organization reports whether e names an organization: an entity, or an
// untyped entry of a BIS or State list that lists organizations (the Entity
// List, the Unverified and Military End User lists, Nonproliferation). The
// Denied Persons and ITAR Debarred lists, mostly people, are left out.
func organization(e *entitylist.Entry) bool {
	switch e.Type {
	case entitylist.TypeEntity:
		return true
	case entitylist.TypeUnknown:
		switch e.Source {
		case entitylist.EntityList, entitylist.Unverified, entitylist.MilitaryEndUser, entitylist.Nonproliferation:
			return true
		}
	}
	return false
}

// AliasHoldout builds the alias holdout set (family "alias_holdout"): for
// each organization of the development split with alternate names, one
// alias, chosen by hash, is taken out of the list, out of every record that
// holds it, and becomes the query; the record, every other record that
// held the alias, and the other rows of their parties (see parties: the
// same entity number, the same primary name on another list, in any word
// order, or a primary name that is one of the other's names) are expected.
// An alternate name is real variation in how a party is written, so this
// measures recall on names the matcher has never seen.
//
// A case is dropped when an earlier record chose the same alias (one case
// an alias), when the alias is the primary name of another record (it
// cannot be removed), when it is not Findable from the record's remaining
// names, when a row of the party, or a record holding the alias or a row
// of its party, is outside the development split, when each batch already
// touches one of its records, or when the alias could not be removed from
// the CSV text. The cases are
// spread over AliasBatches batches by hash, no two in one batch touching the
// same record, with one modified list per batch. list must be the list read
// from CSLFile in dataDir.
func AliasHoldout(dataDir string, list *entitylist.List) ([]AliasBatch, Dropped, error) {
	dropped := Dropped{}
	holders := map[string][]int{} // key -> entries holding it (alias or name)
	primary := map[string][]int{} // key -> entries whose primary name it is
	for i, e := range list.All() {
		k := Key(e.Name)
		primary[k] = append(primary[k], i)
		for _, n := range e.Names() {
			k := Key(n)
			if h := holders[k]; len(h) == 0 || h[len(h)-1] != i {
				holders[k] = append(holders[k], i)
			}
		}
	}
	party := newParties(list)

	var cands []aliasCase
	seenID := map[string]bool{}
	chosen := map[string]bool{} // the alias keys of the cases kept so far
	for _, e := range list.All() {
		if !organization(e) || len(e.AltNames) == 0 || !DevSplit(e.ID) {
			continue
		}
		if seenID[e.ID] {
			dropped["same_party_row"]++ // the SSI or CAP row of an SDN party: one case a party
			continue
		}
		pk := Key(e.Name)
		var keys []string
		alias := map[string]string{}
		for _, a := range e.AltNames {
			k := Key(a)
			if k == "" || k == pk {
				continue
			}
			if _, ok := alias[k]; !ok {
				alias[k] = a
				keys = append(keys, k)
			}
		}
		if len(keys) == 0 {
			continue
		}
		seenID[e.ID] = true
		slices.Sort(keys)
		k := keys[hash64("alias", e.ID, string(e.Source))%uint64(len(keys))]
		if chosen[k] {
			dropped["same_alias_as_another_case"]++ // that case expects every record holding it
			continue
		}
		if len(primary[k]) > 0 {
			dropped["alias_is_a_primary_name"]++
			continue
		}
		var remaining []string
		for _, n := range e.Names() {
			if Key(n) != k {
				remaining = append(remaining, n)
			}
		}
		if !Findable(alias[k], remaining) {
			dropped["not_findable"]++
			continue
		}
		expect, dev := party.ids(e)
		if !dev {
			dropped["twin_outside_dev_split"]++
			continue
		}
		// The alias is taken out of every record that holds it, and is a
		// name of each: their parties are expected too, and must all be
		// in the development split.
		for _, i := range holders[k] {
			ids, holderDev := party.ids(list.Entry(i))
			dev = dev && holderDev
			expect = append(expect, ids...)
		}
		if !dev {
			dropped["holder_outside_dev_split"]++ // the party on another list under another name, say
			continue
		}
		expect = dedupe(expect)
		chosen[k] = true // a case of it is kept
		kind := "company"
		if e.Type == entitylist.TypeUnknown {
			kind = "" // the BIS and State lists name a few people too
		}
		cands = append(cands, aliasCase{
			c: Case{
				Query: alias[k], Kind: kind, Expect: expect,
				Family: "alias_holdout", ListName: e.Name,
			},
			key:     k,
			touched: holders[k],
			order:   hash64("batch", e.ID, k),
		})
	}
	// Batch by hash: each case goes to its preferred batch, or the next one
	// free of its records.
	slices.SortFunc(cands, func(a, b aliasCase) int {
		return cmp.Or(cmp.Compare(a.order, b.order), cmp.Compare(a.c.Expect[0], b.c.Expect[0]))
	})
	batched := make([][]aliasCase, AliasBatches)
	used := make([]map[int]bool, AliasBatches)
	for b := range used {
		used[b] = map[int]bool{}
	}
	for _, c := range cands {
		placed := false
		for try := range AliasBatches {
			b := (int(c.order%AliasBatches) + try) % AliasBatches
			if slices.ContainsFunc(c.touched, func(i int) bool { return used[b][i] }) {
				continue
			}
			for _, i := range c.touched {
				used[b][i] = true
			}
			batched[b] = append(batched[b], c)
			placed = true
			break
		}
		if !placed {
			dropped["batch_conflict"]++
		}
	}

	src, err := readCSLRows(filepath.Join(dataDir, CSLFile), list)
	if err != nil {
		return nil, nil, err
	}
	out := make([]AliasBatch, 0, AliasBatches)
	for b, cs := range batched {
		remove := map[int]map[string]bool{}
		for _, c := range cs {
			for _, i := range c.touched {
				if remove[i] == nil {
					remove[i] = map[string]bool{}
				}
				remove[i][c.key] = true
			}
		}
		data, err := src.without(remove)
		if err != nil {
			return nil, nil, err
		}
		l, err := entitylist.ReadCSV(bytes.NewReader(data), fmt.Sprintf("alias-holdout-batch-%d.csv", b+1))
		if err != nil {
			return nil, nil, fmt.Errorf("evalset: alias batch %d: %w", b+1, err)
		}
		left := map[string]bool{}
		for _, e := range l.All() {
			for _, n := range e.Names() {
				left[Key(n)] = true
			}
		}
		batch := AliasBatch{List: l, CSV: data}
		for _, c := range cs {
			if left[c.key] {
				dropped["alias_not_removable"]++ // written inside an "a.k.a." run, say
				continue
			}
			batch.Cases = append(batch.Cases, c.c)
		}
		slices.SortFunc(batch.Cases, compareCases)
		out = append(out, batch)
	}
	return out, dropped, nil
}

// compareCases orders cases by query, then by their first expected id.
func compareCases(a, b Case) int {
	return cmp.Or(strings.Compare(a.Query, b.Query), slices.Compare(a.Expect, b.Expect),
		strings.Compare(a.Family, b.Family), strings.Compare(a.Country, b.Country))
}

// cslRows is the text of a CSL CSV file as rows, with each row's entry.
type cslRows struct {
	header []string
	rows   [][]string
	entry  []int // entry index of each row
	alt    int   // the alt_names column
}

// readCSLRows reads the CSL CSV at path as rows and ties each row to its
// entry in list, which must have been read from the same file.
func readCSLRows(path string, list *entitylist.List) (*cslRows, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("evalset: %w", err)
	}
	defer f.Close()
	byLine := map[int]int{}
	for i, e := range list.All() {
		byLine[e.Line] = i
	}
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("evalset: %s: %w", path, err)
	}
	header[0] = strings.TrimPrefix(header[0], "\ufeff")
	s := &cslRows{header: header, alt: slices.Index(header, "alt_names")}
	if s.alt < 0 {
		return nil, fmt.Errorf("evalset: %s: no alt_names column", path)
	}
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("evalset: %s: %w", path, err)
		}
		line, _ := r.FieldPos(0)
		i, ok := byLine[line]
		if !ok {
			return nil, fmt.Errorf("evalset: %s: line %d: no entry of the list starts here; is the list read from this file?", path, line)
		}
		s.rows = append(s.rows, row)
		s.entry = append(s.entry, i)
	}
	if len(s.rows) != list.Len() {
		return nil, fmt.Errorf("evalset: %s: %d rows for %d entries", path, len(s.rows), list.Len())
	}
	return s, nil
}

// successorKeys are the keys of the Federal Register wording that can
// follow an alternate name; the loader removes it.
var successorKeys = []string{
	Key("and any successor, sub-unit, or subsidiary thereof"),
	Key("and its sub-units and successors"),
}

// rawAltKey is the key of one "; "-separated part of a raw alt_names field,
// with the list wording the loader removes ("and ", "a.k.a.") removed.
func rawAltKey(part string) string {
	p := strings.TrimSpace(part)
	p = strings.TrimPrefix(p, "and ")
	for _, pre := range []string{"a.k.a.,", "a.k.a.", "f.k.a.,", "f.k.a.", "aka ", "fka "} {
		if len(p) >= len(pre) && strings.EqualFold(p[:len(pre)], pre) {
			p = p[len(pre):]
			break
		}
	}
	k := Key(p)
	for _, s := range successorKeys {
		if t, ok := strings.CutSuffix(k, s); ok {
			return t
		}
	}
	return k
}

// without returns the CSV text with, in the alt_names field of each row
// whose entry is a key of remove, the parts whose key is in remove[entry]
// left out.
func (s *cslRows) without(remove map[int]map[string]bool) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write(s.header); err != nil {
		return nil, err
	}
	for ri, row := range s.rows {
		keys := remove[s.entry[ri]]
		if keys == nil {
			if err := w.Write(row); err != nil {
				return nil, err
			}
			continue
		}
		var kept []string
		for _, p := range strings.Split(row[s.alt], "; ") {
			if !keys[rawAltKey(p)] {
				kept = append(kept, p)
			}
		}
		edited := slices.Clone(row)
		edited[s.alt] = strings.Join(kept, "; ")
		if err := w.Write(edited); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}
