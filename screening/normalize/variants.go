package normalize

import (
	"strings"
	"unicode/utf8"
)

// Variants normalizes a list name and the names it contains. The result
// holds, in this order and without duplicates (by tokens):
//
//  1. the whole name, parenthetical words inline and markers removed;
//  2. each part of a name split at "a.k.a.", "f.k.a.", "d/b/a", "formerly"
//     and the like;
//  3. for the whole name and each part with a parenthetical: the text
//     without its parentheticals, then each parenthetical alone when it is
//     name-like ("(CETC 13)", "(711 ARZ)"), not a place ("(Hong Kong)"), a
//     legal form ("(Pvt)") or a description ("(including power plants)").
//
// Each variant's Input is the text it was made from. The error is that of
// the whole name; variants that normalize to nothing are left out. Variants
// is safe for concurrent use.
func Variants(s string) ([]Name, error) {
	whole, err := Normalize(s)
	if err != nil {
		return nil, err
	}
	out := []Name{whole}
	add := func(text string) {
		text = strings.TrimSpace(text)
		if text == "" || text == s {
			return
		}
		n, err := Normalize(text)
		if err != nil {
			return
		}
		for _, o := range out {
			if sameTokens(o.Tokens, n.Tokens) {
				return
			}
		}
		out = append(out, n)
	}
	parts := splitMarkers(s)
	if len(parts) > 1 {
		for _, p := range parts {
			add(p)
		}
	}
	bases := parts
	if len(parts) < 2 {
		bases = []string{s}
	}
	for _, b := range bases {
		without, groups := splitParens(b)
		if len(groups) == 0 {
			continue
		}
		add(without)
		for _, g := range groups {
			if nameLike(g) {
				add(g)
			}
		}
	}
	return out, nil
}

// sameTokens reports whether two token lists have the same keys and kinds.
func sameTokens(a, b []Token) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Key != b[i].Key || a[i].Kind != b[i].Kind {
			return false
		}
	}
	return true
}

// splitMarkers splits s at "a.k.a."-style markers (found by the same
// pipeline as Normalize). It returns nil when there is none.
func splitMarkers(s string) []string {
	sc := getScratch()
	defer putScratch(sc)
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	sc.run(s, ascii)
	sc.analyze()
	var parts []string
	from := 0
	for i := 0; i < len(sc.words); i++ {
		if sc.words[i].drop != dropMarker {
			continue
		}
		j := i
		for j+1 < len(sc.words) && sc.words[j+1].drop == dropMarker {
			j++
		}
		parts = append(parts, sc.src[from:sc.words[i].ss])
		from = int(sc.words[j].se)
		if from < len(sc.src) && sc.src[from] == '.' {
			from++
		}
		i = j
	}
	if parts == nil {
		return nil
	}
	parts = append(parts, sc.src[from:])
	// Copy out of a possibly pooled NFC string: sc.src is a real string, so
	// the substrings stay valid.
	return parts
}

// splitParens returns s without its top-level parenthetical groups and the
// groups' contents. An unclosed group runs to the end of s.
func splitParens(s string) (without string, groups []string) {
	var b strings.Builder
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '(', '[', '（':
			if depth == 0 {
				start = i + utf8.RuneLen(r)
				b.WriteByte(' ')
			}
			depth++
		case ')', ']', '）':
			if depth == 0 {
				b.WriteByte(' ')
				continue
			}
			depth--
			if depth == 0 {
				groups = append(groups, s[start:i])
			}
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	if depth > 0 {
		groups = append(groups, s[start:])
	}
	return b.String(), groups
}

// nameLike reports whether a parenthetical can stand alone as a name.
func nameLike(g string) bool {
	n, err := Normalize(g)
	if err != nil {
		return false
	}
	// Nothing but legal forms ("(Pvt)", "(JSC)"): not a name.
	if in, err := Normalize("x " + g); err == nil && len(in.Tokens) == 1 && len(in.LegalForms) > 0 {
		return false
	}
	if lead := strings.ToLower(strings.Fields(g + " x")[0]); descriptiveLeads[strings.Trim(lead, ".,:;")] {
		return false
	}
	if places[n.Keys()] {
		return false
	}
	for _, t := range n.Tokens {
		switch t.Kind {
		case Distinctive, Initialism, NonLatin:
			if len(t.Key) > 1 {
				return true
			}
		}
	}
	return false
}

// descriptiveLeads are first words of parentheticals that describe rather
// than name.
var descriptiveLeads = map[string]bool{
	"including": true, "incl": true, "all": true, "a": true, "an": true, "subordinate": true,
	"see": true, "located": true, "formerly": true, "previously": true, "now": true, "part": true,
	"division": true, "subsidiary": true, "successor": true, "branch": true, "affiliate": true,
	"affiliated": true, "operating": true, "publ": true, "also": true, "and": true, "or": true, "in": true, "of": true,
}

// places are parentheticals that name a place, not the company.
var places = map[string]bool{
	"hong kong": true, "hk": true, "uk": true, "usa": true, "us": true, "china": true, "prc": true,
	"russia": true, "russian federation": true, "iran": true, "uae": true, "dubai": true,
	"singapore": true, "switzerland": true, "ukraine": true, "belarus": true, "syria": true,
	"pakistan": true, "india": true, "taiwan": true, "macau": true, "macao": true, "malaysia": true,
	"turkey": true, "germany": true, "france": true, "italy": true, "japan": true, "korea": true,
	"north korea": true, "dprk": true, "cyprus": true, "latvia": true, "lebanon": true, "iraq": true,
	"shenzhen": true, "beijing": true, "shanghai": true, "dalian": true, "suzhou": true, "dongguan": true,
	"guangzhou": true, "tianjin": true, "wuhan": true, "chengdu": true, "xian": true, "nanjing": true,
	"hangzhou": true, "harbin": true, "lianyungang": true, "moscow": true, "st petersburg": true,
	"saint petersburg": true, "minsk": true, "tehran": true, "offshore": true, "off shore": true,
	"off-shore": true, "overseas": true, "international": true, "group": true, "holding": true,
	"asia": true, "europe": true, "middle east": true, "america": true,
}
