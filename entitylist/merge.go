package entitylist

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// Merge returns one list holding the entries of lists, in order; every
// entry keeps its source. The merged version has Format [FormatMerged],
// the Origin "merged: " and the parts' origins joined by " + ",
// Parts listing the versions of lists in order, summed counts, the newest
// date of all, and as SHA256 the hash of the parts' hashes, so it still
// changes whenever one part does. The warnings of the parts are kept (with
// their Origin set), and an ID found in more than one list becomes a new
// warning. Nil lists are skipped. The lists are not changed.
func Merge(lists ...*List) *List {
	n := 0
	for _, l := range lists {
		if l != nil {
			n += l.len()
		}
	}
	m := &List{}
	v := Version{Format: FormatMerged, BySource: make(map[Source]int)}
	var origins []string
	h := sha256.New()
	// Where each ID was first found, and the last list found to hold it.
	type place struct {
		origin string
		line   int
		last   int
	}
	firstID := make(map[string]place, n)
	for k, l := range lists {
		if l == nil {
			continue
		}
		lv := l.version
		v.Parts = append(v.Parts, lv.clone())
		origins = append(origins, lv.Origin)
		v.Sample = v.Sample || lv.Sample
		h.Write([]byte(lv.SHA256))
		h.Write([]byte{'\n'})
		if lv.Newest.After(v.Newest) {
			v.Newest = lv.Newest
		}
		for src, c := range lv.BySource {
			v.BySource[src] += c
		}
		for _, w := range l.warnings {
			if w.Origin == "" {
				w.Origin = lv.Origin
			}
			m.warnings = append(m.warnings, w)
		}
		// As encoded, not decoded.
		if m.len() == 0 {
			m.startFrom(&l.store)
		} else {
			for i := range l.len() {
				m.addFrom(&l.store, i)
			}
		}
		for i := range l.len() {
			id, line := l.idLine(i)
			if id == "" {
				continue
			}
			p, dup := firstID[id]
			switch {
			case !dup:
				firstID[id] = place{lv.Origin, line, k}
			case p.last == k:
				// A duplicate within the list, reported by its loader, or
				// reported below already.
			default:
				m.warnings = append(m.warnings, Warning{
					Origin: lv.Origin, Line: line, Field: "id", Value: id,
					Message: fmt.Sprintf("ID also in %s line %d", p.origin, p.line),
				})
				p.last = k
				firstID[id] = p
			}
		}
	}
	m.done()
	v.Entries = m.len()
	v.SHA256 = hex.EncodeToString(h.Sum(nil))
	v.Origin = "merged: " + strings.Join(origins, " + ")
	m.version = v
	return m
}
