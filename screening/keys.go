package screening

import (
	"fmt"
	"hash/maphash"
	"math"
	"math/bits"

	"github.com/entityscreen/entityscreen/entitylist"
)

// entryKeys finds the entries of a list by their keys (see
// entitylist.List.Keys) in a table of entry numbers, a fraction of the
// memory a map of the keys takes: a key is its entry's Source and ID,
// and its Dup the number of entries before it with the same Source and
// ID. The table is open-addressed, probed linearly, hashed by Source and
// ID: the entries of one Source and ID are met along the probe in list
// order, so the entry of key k is the k.Dup-th of them.
//
// It also keeps, per entry, what screening reads of an entry besides its
// names (see entryInfo): a list decodes an entry each time it is asked for
// one, and a query decodes only the entries it returns and, once each, those
// whose countries, cities or identifiers it checks (see factsFor).
type entryKeys struct {
	list    *entitylist.List
	seed    maphash.Seed
	slots   []int32     // entry+1, 0 for none; a power of two of them, at most half taken
	info    []entryInfo // per entry
	sources []entitylist.Source
	srcOf   map[entitylist.Source]uint16 // the index of each source in sources
}

// entryInfo is what scoring, the options and the grouping of a party's
// rows read of an entry.
type entryInfo struct {
	party  int32  // the first entry with the entry's entity number, or -1 for none
	source uint16 // in entryKeys.sources
	typ    entitylist.EntityType
}

// maxSources is the most sources a list may have: an entry keeps its
// source's index in 16 bits, so that its entryInfo takes 8 bytes.
const maxSources = math.MaxUint16 + 1

// newEntryKeys returns the entryKeys of list, or an error when the list has
// more than maxSources sources.
func newEntryKeys(list *entitylist.List) (entryKeys, error) {
	k := entryKeys{list: list, seed: maphash.MakeSeed(), info: make([]entryInfo, list.Len()), srcOf: map[entitylist.Source]uint16{}}
	n := 1
	for n < 2*list.Len() {
		n <<= 1
	}
	k.slots = make([]int32, n)
	mask := uint64(n - 1)
	parties := map[string]int32{}
	for i := range list.Len() {
		e := list.Summary(i)
		j := k.hash(e.Source, e.ID) & mask
		for k.slots[j] != 0 {
			j = (j + 1) & mask
		}
		k.slots[j] = int32(i + 1)
		src, ok := k.srcOf[e.Source]
		if !ok {
			if len(k.sources) == maxSources {
				return entryKeys{}, fmt.Errorf("screening: entry %d (line %d): source %q: the list has more than %d sources", i, e.Line, e.Source, maxSources)
			}
			src = uint16(len(k.sources))
			k.sources = append(k.sources, e.Source)
			k.srcOf[e.Source] = src
		}
		party := int32(-1)
		if e.EntityNumber != "" {
			key := numberKey(e.Source, e.EntityNumber)
			first, ok := parties[key]
			if !ok {
				first = int32(i)
				parties[key] = first
			}
			party = first
		}
		k.info[i] = entryInfo{party: party, source: src, typ: e.Type}
	}
	return k, nil
}

// numberKey returns the key of an entity number of an entry of source
// src: the number of whoever numbers that source's parties. OFAC numbers
// the parties of its lists, and the CSL's rows of them carry OFAC's
// numbers; the UN numbers its own (DATAID), and SAM its (the UEI). The
// same number from two numberings is two parties.
func numberKey(src entitylist.Source, number string) string {
	switch src {
	case entitylist.UNSecurityCouncil, entitylist.SAMExclusions:
		return string(src) + "\x00" + number
	}
	return number
}

// hash returns the hash of a Source and an ID.
func (k *entryKeys) hash(src entitylist.Source, id string) uint64 {
	return maphash.String(k.seed, string(src))*31 ^ maphash.String(k.seed, id)
}

// find returns the entry of key, and whether the list holds one. It reads
// the summaries of the entries of key's Source along the probe.
func (k *entryKeys) find(key entitylist.EntryKey) (int32, bool) {
	src, ok := k.srcOf[key.Source]
	if !ok {
		return 0, false
	}
	mask := uint64(len(k.slots) - 1)
	dup := 0
	for j := k.hash(key.Source, key.ID) & mask; k.slots[j] != 0; j = (j + 1) & mask {
		e := k.slots[j] - 1
		if k.info[e].source == src && k.list.Summary(int(e)).ID == key.ID {
			if dup == key.Dup {
				return e, true
			}
			dup++
		}
	}
	return 0, false
}

// keyTable finds ids by their string keys in a table of the ids, a
// fraction of the memory a map of the keys takes: it holds no key, keyOf,
// given to each method, returns the key of an id. The table is
// open-addressed, probed linearly, hashed by key (see hashKey, which
// hashes two strings written together as one: a key is found from its
// parts without writing them together); it doubles as ids are added so
// that at most half of it is taken.
type keyTable struct {
	slots []int32 // id+1, 0 for none; a power of two of them
	shift uint8   // 64 less the bits of an index of slots, see slot
	n     int     // the ids added
}

// find returns the id whose key is key, and whether there is one.
func (k *keyTable) find(key string, keyOf func(int32) string) (int32, bool) {
	return k.findJoined(key, "", keyOf)
}

// findJoined returns the id whose key is a and b written together, and
// whether there is one.
func (k *keyTable) findJoined(a, b string, keyOf func(int32) string) (int32, bool) {
	if len(k.slots) == 0 {
		return 0, false
	}
	mask := uint64(len(k.slots) - 1)
	for j := k.slot(hashKey(hashKey(hashSeed, a), b)); k.slots[j] != 0; j = (j + 1) & mask {
		if key := keyOf(k.slots[j] - 1); len(key) == len(a)+len(b) && key[:len(a)] == a && key[len(a):] == b {
			return k.slots[j] - 1, true
		}
	}
	return 0, false
}

// findBytes returns the id whose key is key, whose hash (see hashKey) is
// h, and whether there is one.
func (k *keyTable) findBytes(key []byte, h uint64, keyOf func(int32) string) (int32, bool) {
	if len(k.slots) == 0 {
		return 0, false
	}
	mask := uint64(len(k.slots) - 1)
	for j := k.slot(h); k.slots[j] != 0; j = (j + 1) & mask {
		if keyOf(k.slots[j]-1) == string(key) {
			return k.slots[j] - 1, true
		}
	}
	return 0, false
}

// slot returns the first slot of the probe of a key of hash h: the top
// bits of h mixed, which depend on all of its bits.
func (k *keyTable) slot(h uint64) uint64 { return h * 0x9E3779B97F4A7C15 >> k.shift }

// add adds id, whose key find does not find.
func (k *keyTable) add(id int32, keyOf func(int32) string) {
	if 2*(k.n+1) > len(k.slots) {
		old := k.slots
		k.slots = make([]int32, max(16, 2*len(old)))
		k.shift = uint8(64 - bits.TrailingZeros(uint(len(k.slots))))
		for _, s := range old {
			if s != 0 {
				k.put(s-1, keyOf)
			}
		}
	}
	k.put(id, keyOf)
	k.n++
}

// put puts id in the first free slot of its probe.
func (k *keyTable) put(id int32, keyOf func(int32) string) {
	mask := uint64(len(k.slots) - 1)
	j := k.slot(hashKey(hashSeed, keyOf(id)))
	for k.slots[j] != 0 {
		j = (j + 1) & mask
	}
	k.slots[j] = id + 1
}
