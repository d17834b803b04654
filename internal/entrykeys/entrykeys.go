// Package entrykeys finds the keys of a list's entries (see
// entitylist.EntryKey) from the entries themselves: a list returns a copy of
// an entry each time it is asked for one, so no pointer identifies an entry,
// and a screening Match holds the entry, not its index.
package entrykeys

import (
	"reflect"

	"github.com/entityscreen/entityscreen/entitylist"
)

// Keys are the keys of the entries of a list. They are immutable after New
// and safe for concurrent use by multiple goroutines.
type Keys struct {
	list *entitylist.List
	keys []entitylist.EntryKey
	at   map[place]int32   // the first entry at each place
	more map[place][]int32 // the entries after the first at a place, for the rare place that has more
}

// place is what tells the entries of a list apart but for the rare
// duplicate: their source, ID and line.
type place struct {
	source entitylist.Source
	id     string
	line   int
}

func placeOf(e *entitylist.Entry) place { return place{e.Source, e.ID, e.Line} }

// New returns the Keys of list.
func New(list *entitylist.List) *Keys {
	k := &Keys{list: list, keys: list.Keys(), at: make(map[place]int32, list.Len())}
	for i, e := range list.All() {
		p := placeOf(e)
		if _, ok := k.at[p]; !ok {
			k.at[p] = int32(i)
			continue
		}
		if k.more == nil {
			k.more = make(map[place][]int32)
		}
		k.more[p] = append(k.more[p], int32(i))
	}
	return k
}

// All returns the keys of the entries, in list order, as
// entitylist.List.Keys does.
func (k *Keys) All() []entitylist.EntryKey { return k.keys }

// Of returns the key of e, an entry of the list (from its Entry or All
// methods, or a Match of a Screener of the list), and whether the list
// has it: the key of the entry at e's source, ID and line, or of those
// that share them, of the first equal to e.
func (k *Keys) Of(e *entitylist.Entry) (entitylist.EntryKey, bool) {
	p := placeOf(e)
	i, ok := k.at[p]
	if !ok {
		return entitylist.EntryKey{}, false
	}
	if more := k.more[p]; more != nil {
		for _, j := range append([]int32{i}, more...) {
			if reflect.DeepEqual(k.list.Entry(int(j)), e) {
				return k.keys[j], true
			}
		}
		return entitylist.EntryKey{}, false
	}
	return k.keys[i], true
}
