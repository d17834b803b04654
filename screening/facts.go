package screening

import (
	"slices"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening/internal/normalize"
)

// entryFacts is what a query's country, address and identifier are
// checked against, for one entry.
type entryFacts struct {
	countries []string   // of its addresses, nationalities and citizenships, and a vessel's flag
	cities    [][]string // the keys of the words of each address's city
	ids       []entryID
}

// entryID is an identifier an entry publishes.
type entryID struct {
	key  string // see idKey
	kind string // as published: "Passport", "Tax ID No."
}

// factsOf returns the facts of e; cities caches the keys of the words of
// the cities already seen.
func factsOf(e *entitylist.Entry, cities map[string][]string) entryFacts {
	var f entryFacts
	f.countries = e.Countries()
	for _, a := range e.Addresses {
		keys, ok := cities[a.City]
		if !ok {
			if n, err := normalize.Normalize(a.City); err == nil {
				keys = make([]string, len(n.Tokens))
				for i, t := range n.Tokens {
					keys[i] = t.Key
				}
			}
			cities[a.City] = keys
		}
		if len(keys) > 0 {
			f.cities = append(f.cities, keys)
		}
	}
	for _, id := range e.IDs {
		if k := idKey(id.Number); k != "" {
			f.ids = append(f.ids, entryID{key: k, kind: id.Type})
		}
	}
	return f
}

// idOf returns the kind of the identifier of f whose key is key, and
// whether there is one.
func (f *entryFacts) idOf(key string) (string, bool) {
	for _, id := range f.ids {
		if id.key == key {
			return id.kind, true
		}
	}
	return "", false
}

// cityIn returns the words of a city of f that stand in order in address,
// the keys of a query's address words, or nil.
func (f *entryFacts) cityIn(address []string) []string {
	for _, c := range f.cities {
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
