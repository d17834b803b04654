package evalset

import (
	_ "embed" // the fixtures
	"fmt"
	"strings"

	"github.com/entityscreen/entityscreen/entitylist"
)

// cjkListed holds Chinese names of parties on the 2022 CSL: a line per
// party, the Chinese name, the names the list gives the party ("|"
// between them) and the source of the Chinese name, tab-separated.
//
//go:embed testdata/cjk_listed.tsv
var cjkListed string

// cjkUnlisted holds names of real companies written in Chinese, Japanese
// or Korean that are not on the 2022 CSL: a line per company, the name,
// its script (zh, ja, ko), its English name and the source of the name,
// tab-separated.
//
//go:embed testdata/cjk_unlisted.tsv
var cjkUnlisted string

// fixtureLines returns the fields of the lines of a tab-separated fixture,
// comments and blank lines left out, each with its line number; every line
// must have n fields.
func fixtureLines(name, text string, n int) ([][]string, []int, error) {
	var out [][]string
	var lines []int
	for i, line := range strings.Split(text, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != n {
			return nil, nil, fmt.Errorf("evalset: %s line %d: %d fields, want %d", name, i+1, len(f), n)
		}
		for k, v := range f {
			if strings.TrimSpace(v) == "" {
				return nil, nil, fmt.Errorf("evalset: %s line %d: field %d empty", name, i+1, k+1)
			}
		}
		out = append(out, f)
		lines = append(lines, i+1)
	}
	return out, lines, nil
}

// ChineseListed returns the Chinese names of parties on list (the 2022
// CSL) as queries, family "chinese_listed", each expecting the rows of the
// list that carry one of the names the fixture gives the party (same Key),
// and the rows of the same party (see parties). Every case has Kind
// "company" and no country. A party any of whose rows is outside the
// development split is left out and counted ("not_dev_split"), as the
// other sets leave it out. A listed name the list does not hold is an
// error: the fixture is wrong.
func ChineseListed(list *entitylist.List) ([]Case, Dropped, error) {
	rows, lines, err := fixtureLines("cjk_listed.tsv", cjkListed, 3)
	if err != nil {
		return nil, nil, err
	}
	byKey := map[string][]*entitylist.Entry{}
	for _, e := range list.All() {
		for _, n := range e.Names() {
			k := Key(n)
			byKey[k] = append(byKey[k], e)
		}
	}
	p := newParties(list)
	dropped := Dropped{}
	var cases []Case
	for i, r := range rows {
		var ids []string
		allDev := true
		names := strings.Split(r[1], "|")
		for _, n := range names {
			es := byKey[Key(n)]
			if len(es) == 0 {
				return nil, nil, fmt.Errorf("evalset: cjk_listed.tsv line %d: %q is no name on the list", lines[i], n)
			}
			for _, e := range es {
				party, dev := p.ids(e)
				ids = append(ids, party...)
				allDev = allDev && dev
			}
		}
		if !allDev {
			dropped["not_dev_split"]++ // the party, or a row of it
			continue
		}
		cases = append(cases, Case{Query: r[0], Kind: "company", Expect: dedupe(ids),
			Family: "chinese_listed", ListName: names[0]})
	}
	return cases, dropped, nil
}

// CJKUnlisted returns the names of real companies written in Chinese,
// Japanese and Korean that are not on the 2022 CSL, as queries that must
// raise no alarm, family "negative_cjk_zh", "negative_cjk_ja" or
// "negative_cjk_ko" by script; Kind "company", no country.
func CJKUnlisted() ([]Case, error) {
	rows, lines, err := fixtureLines("cjk_unlisted.tsv", cjkUnlisted, 4)
	if err != nil {
		return nil, err
	}
	var cases []Case
	for i, r := range rows {
		switch r[1] {
		case "zh", "ja", "ko":
		default:
			return nil, fmt.Errorf("evalset: cjk_unlisted.tsv line %d: script %q, want zh, ja or ko", lines[i], r[1])
		}
		cases = append(cases, Case{Query: r[0], Kind: "company", Family: "negative_cjk_" + r[1], ListName: r[2]})
	}
	return cases, nil
}
