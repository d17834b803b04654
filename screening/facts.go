package screening

import (
	"slices"
	"sync/atomic"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening/internal/normalize"
)

// entryFacts is what a query's country, address and identifier are
// checked against, for one entry.
type entryFacts struct {
	countries []string // of its addresses, nationalities and citizenships, and a vessel's flag
	// details are worked out the first time a query with an address or an
	// identifier needs them (see detailsOf): most queries have neither,
	// and normalizing the cities is most of the work of an entry's facts.
	details atomic.Pointer[entryDetails]
}

// entryDetails is what a query's address and identifier are checked
// against, for one entry.
type entryDetails struct {
	cities [][]string // the keys of the words of each address's city
	ids    []entryID
}

// entryID is an identifier an entry publishes.
type entryID struct {
	key  string // see idKey
	kind string // as published: "Passport", "Tax ID No."
}

// factsOf returns the facts of e, its details not yet worked out.
func factsOf(e *entitylist.Entry) *entryFacts {
	return &entryFacts{countries: e.Countries()}
}

// detailsFor returns the details of f, the facts of entry e, working them
// out the first time. Two queries may work them out at once; they are the
// same.
func (s *Screener) detailsFor(e int32, f *entryFacts) *entryDetails {
	if d := f.details.Load(); d != nil {
		return d
	}
	f.details.CompareAndSwap(nil, detailsOf(s.list.Entry(int(e))))
	return f.details.Load()
}

// detailsOf returns the details of entry e.
func detailsOf(e *entitylist.Entry) *entryDetails {
	d := &entryDetails{}
	seen := map[string][]string{} // the keys of the cities already seen
	for _, a := range e.Addresses {
		keys, ok := seen[a.City]
		if !ok {
			if n, err := normalize.Normalize(a.City); err == nil {
				keys = make([]string, len(n.Tokens))
				for i, t := range n.Tokens {
					keys[i] = t.Key
				}
			}
			seen[a.City] = keys
		}
		if len(keys) > 0 {
			d.cities = append(d.cities, keys)
		}
	}
	for _, id := range e.IDs {
		if k := idKey(id.Number); k != "" {
			d.ids = append(d.ids, entryID{key: k, kind: id.Type})
		}
	}
	return d
}

// idOf returns the kind of the identifier of d whose key is key, and
// whether there is one.
func (d *entryDetails) idOf(key string) (string, bool) {
	for _, id := range d.ids {
		if id.key == key {
			return id.kind, true
		}
	}
	return "", false
}

// cityIn returns the words of a city of d that stand in order in address,
// the keys of a query's address words, or nil.
func (d *entryDetails) cityIn(address []string) []string {
	for _, c := range d.cities {
		if len(c) > 0 && containsRun(address, c) {
			return c
		}
	}
	return nil
}

// containsRun reports whether ws holds run as consecutive words.
func containsRun(ws, run []string) bool {
	for i := 0; i+len(run) <= len(ws); i++ {
		if slices.Equal(ws[i:i+len(run)], run) {
			return true
		}
	}
	return false
}
