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
	type place struct {
		origin string
		line   int
	}
	firstID := make(map[string]place, n)
	for _, l := range lists {
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
		seen := make(map[string]bool)
		for i := range l.len() {
			m.addFrom(&l.store, i) // as encoded, not decoded
			e := l.summary(i)
			if e.ID == "" || seen[e.ID] {
				continue // duplicates within a list were reported by its loader
			}
			seen[e.ID] = true
			if first, dup := firstID[e.ID]; dup {
				m.warnings = append(m.warnings, Warning{
					Origin: lv.Origin, Line: e.Line, Field: "id", Value: e.ID,
					Message: fmt.Sprintf("ID also in %s line %d", first.origin, first.line),
				})
				continue
			}
			firstID[e.ID] = place{lv.Origin, e.Line}
		}
	}
	m.done()
	v.Entries = m.len()
	v.SHA256 = hex.EncodeToString(h.Sum(nil))
	v.Origin = "merged: " + strings.Join(origins, " + ")
	m.version = v
	return m
}
