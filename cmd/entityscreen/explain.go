package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/printable"
	"github.com/entityscreen/entityscreen/screening"
)

func runExplain(e *env, args []string) int {
	var (
		lists     listFlags
		threshold float64
		minScore  float64
		limit     int
		country   string
		weak      bool
		maxAge    string // --max-age as given; empty: warn after defaultMaxAge
	)
	fs := newFlagSet(e, "explain", "[flags] NAME ...\n\n"+
		"Shows the top matches of each NAME, near misses below the threshold included,\n"+
		"with how each score was reached, for an analyst reviewing an alert.\n"+
		"Exit status as screen's: 0 no match, 1 a match at or above the threshold,\n"+
		"2 an error, a NAME that cannot be screened included (said on standard error).")
	fs.Var(&lists, "list", "screen against this list `file`"+listValues)
	fs.Float64Var(&threshold, "threshold", screening.DefaultThreshold, "a match scoring at least this is an alert (0 to 1)")
	fs.Float64Var(&minScore, "min-score", -1, "also show near misses scoring at least this (default: 0.2 below the threshold)")
	fs.IntVar(&limit, "limit", screening.DefaultLimit, "at most this many matches per name")
	fs.StringVar(&country, "country", "", "`country` of the NAMEs (an ISO code or English name), if known")
	fs.BoolVar(&weak, "weak-aliases", false, weakAliasesUsage)
	fs.StringVar(&maxAge, "max-age", "", "refuse a downloaded list fetched longer ago than this (\"36h\", \"7d\");\nwithout it, a list older than 7 days gives a warning")
	names, err := parseArgs(fs, args)
	if err != nil {
		return flagStatus(err)
	}
	minGiven := false // -1 stands for the default only when not given
	fs.Visit(func(f *flag.Flag) { minGiven = minGiven || f.Name == "min-score" })
	if !minGiven {
		minScore = max(threshold-0.2, 0)
	}
	country, cerr := screening.ParseCountry(country)
	limitErr := screening.CheckOptions(screening.WithLimit(limit))
	thresholdErr := screening.CheckOptions(screening.WithThreshold(threshold))
	minErr := screening.CheckOptions(screening.WithMinScore(minScore))
	age, ageErr := time.Duration(0), error(nil)
	if maxAge != "" {
		age, ageErr = parseAge(maxAge)
	}
	switch {
	case len(names) == 0:
		err = fmt.Errorf("no NAME to explain")
	case cerr != nil:
		err = fmt.Errorf("--country %w", cerr)
	case limitErr != nil:
		err = fmt.Errorf("--limit %d: %w", limit, limitErr)
	case thresholdErr != nil:
		err = fmt.Errorf("--threshold %v: %w", threshold, thresholdErr)
	case minErr != nil:
		err = fmt.Errorf("--min-score %v: %w", minScore, minErr)
	case ageErr != nil:
		err = fmt.Errorf("--max-age %w", ageErr)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "entityscreen explain: %v\n", err)
		fs.Usage()
		return exitError
	}

	minScore = min(minScore, threshold) // as the screener takes it
	list, choice, err := loadList(e, lists, sampleWarn)
	if err != nil {
		return fail(e, err)
	}
	if err := checkAge(e, list, choice, cmp.Or(age, defaultMaxAge), maxAge != "", time.Now()); err != nil {
		return fail(e, err)
	}
	s, err := newScreener(e, list, screening.WithThreshold(threshold), screening.WithLimit(limit), screening.WithMinScore(minScore), screening.WithWeakAliases(weak))
	if err != nil {
		return fail(e, err)
	}
	version := list.Version() // the results', with the names not screened, once one is screened
	var (
		b              strings.Builder
		failed, alerts int
		first          error // the first name that could not be screened
	)
	for i, name := range names {
		if i > 0 {
			b.WriteString("\n")
		}
		q := screening.Query{Name: name, Country: country}
		r, err := s.Screen(context.Background(), q)
		writeExplanation(&b, r, s.Threshold(), minScore)
		switch {
		case err != nil:
			failed++
			if first == nil {
				first = fmt.Errorf("argument %d: %w", i+1, err)
			}
		case r.Alert():
			alerts++
		}
		if err == nil {
			version = r.Version
		}
	}
	fmt.Fprintf(&b, "\nList: %s\n", printable.Text(version.String()))
	if _, err := fmt.Fprint(e.stdout, b.String()); err != nil {
		return outputFailed(e, err)
	}
	// As screen ends: an error on stderr, which takes precedence over
	// the matches, and says how many there were as well.
	if failed > 0 {
		if alerts > 0 {
			fmt.Fprintf(e.stderr, "entityscreen: %s of %d matched at or above the threshold: see the output\n", plural(alerts, "name", "names"), len(names))
		}
		return fail(e, fmt.Errorf("%s of %d could not be screened; the first: %v", plural(failed, "name", "names"), len(names), first))
	}
	if alerts > 0 {
		return exitMatch
	}
	return exitClear
}

// writeExplanation writes one query's matches with their explanations,
// every text from the query or the list made printable.
func writeExplanation(b *strings.Builder, r screening.Result, threshold, minScore float64) {
	q, matches := r.Query, r.Matches
	fmt.Fprintf(b, "Query: %q", q.Name) // %q escapes what printable.Text does
	if q.Country != "" {
		fmt.Fprintf(b, " (country %s)", printable.Text(q.Country))
	}
	b.WriteString("\n")
	switch {
	case r.Err != nil:
		fmt.Fprintf(b, "  ERROR: %s\n", printable.Text(r.Err.Error()))
		return
	case len(matches) == 0:
		fmt.Fprintf(b, "  nothing scores %.2f or more (alert threshold %.2f)\n", minScore, threshold)
		return
	}
	for i, m := range matches {
		e := m.Entry
		verdict := "near miss, below the threshold"
		if m.Alert {
			verdict = "MATCH"
		}
		fmt.Fprintf(b, "\n#%d  %s  score %s  (%s)\n", i+1, verdict, formatScore(m.Score), threshold2(threshold))
		fmt.Fprintf(b, "    entry:    %s\n", printable.Text(e.Name))
		if m.MatchedName != e.Name {
			fmt.Fprintf(b, "    matched:  %s%s\n", printable.Text(m.MatchedName), aliasNote(m))
		}
		fmt.Fprintf(b, "    list:     %s, id %s", printable.Text(e.Source.Name()), printable.Text(e.ID))
		if e.Line > 0 {
			fmt.Fprintf(b, ", line %d", e.Line)
		}
		b.WriteString("\n")
		if cs := e.Countries(); len(cs) > 0 {
			fmt.Fprintf(b, "    country:  %s\n", printable.Text(strings.Join(cs, ", ")))
		}
		if len(e.FederalRegisterNotices) > 0 {
			fmt.Fprintf(b, "    notices:  %s\n", printable.Text(strings.Join(e.FederalRegisterNotices, "; ")))
		}
		if m.Party != i {
			fmt.Fprintf(b, "    party:    the same party as #%d (a row of another list with the same name and country)\n", m.Party+1)
		}
		for _, also := range m.Also {
			fmt.Fprintf(b, "    also:     %s, id %s (the same entity number)\n", printable.Text(also.Source.Name()), printable.Text(also.ID))
		}
		writeEffects(b, m.Effects())
		writeEvidence(b, e)
		b.WriteString(indent(printableLines(m.Explanation.String()), "    "))
	}
}

// aliasNote says what the list says of the alias a match was made on, if
// anything: its kind, and that it is weak.
func aliasNote(m screening.Match) string {
	a, ok := m.Alias()
	if !ok {
		return ""
	}
	note := " (" + printable.Text(string(a.Kind))
	if a.Weak {
		note += ", a weak alias: broad or generic, check the entry's other details"
	}
	return note + ")"
}

// writeEffects writes what the listings of a match oblige, one effect a
// paragraph.
func writeEffects(b *strings.Builder, fx []entitylist.Effect) {
	for _, f := range fx {
		fmt.Fprintf(b, "    effect:   %s: %s\n", printable.Text(string(f.Kind)), printable.Text(f.List))
		field := func(label, v string) {
			if v != "" {
				fmt.Fprintf(b, "              %-12s %s\n", label+":", printable.Text(v))
			}
		}
		field("meaning", f.Summary)
		field("scope", f.Scope)
		field("license", f.LicenseRequirement)
		field("policy", f.LicensePolicy)
		field("clause", f.Clause)
		field("agency", f.Agency)
		field("exclusion", f.ExclusionType)
		field("programs", strings.Join(f.Programs, "; "))
		field("authority", f.Authority)
		field("cited", strings.Join(f.Citations, "; "))
		if !f.Effective.IsZero() {
			field("from", f.Effective.Format(time.DateOnly))
		}
		if !f.Ends.IsZero() {
			field("until", f.Ends.Format(time.DateOnly))
		}
	}
}

// writeEvidence writes what an entry publishes that tells parties of one
// name apart: addresses, dates and places of birth, nationalities,
// citizenships, identifiers and remarks. An address or identifier is
// written as the list publishes it, without its empty parts (see
// tidyParts), or from its fields when the list gives no text.
func writeEvidence(b *strings.Builder, e *entitylist.Entry) {
	list := func(label string, vs []string) {
		if len(vs) > 0 {
			// Padded to the width of the block's other labels, a
			// longer label followed by a space all the same.
			fmt.Fprintf(b, "    %-9s %s\n", label+":", printable.Text(strings.Join(vs, "; ")))
		}
	}
	var addrs, ids []string
	for _, a := range e.Addresses {
		addrs = append(addrs, cmp.Or(tidyParts(a.Raw), strings.Join(nonEmpty(a.Street, a.City, a.State, a.PostalCode, a.Country), ", ")))
	}
	for _, id := range e.IDs {
		ids = append(ids, cmp.Or(tidyParts(id.Raw), strings.Join(nonEmpty(id.Type, id.Number, id.Country), ", ")))
	}
	list("address", addrs)
	list("born", e.DatesOfBirth)
	list("birthplace", e.PlacesOfBirth)
	list("nationality", e.Nationalities)
	list("citizen of", e.Citizenships)
	list("ids", ids)
	if e.Remarks != "" {
		list("remarks", []string{e.Remarks})
	}
}

// tidyParts returns an address or identifier as a list writes it, parts
// separated by commas (", Shenzhen, , , CN"), without the parts that are
// empty or blank ("Shenzhen, CN"): every other part is kept as written, a
// comma within one ("1,000 Main St") included.
func tidyParts(s string) string {
	parts := strings.Split(s, ",")
	parts = slices.DeleteFunc(parts, func(p string) bool { return strings.TrimSpace(p) == "" })
	return strings.TrimSpace(strings.Join(parts, ","))
}

// nonEmpty returns the values that are not empty, in order.
func nonEmpty(vs ...string) []string {
	return slices.DeleteFunc(vs, func(v string) bool { return v == "" })
}

func threshold2(t float64) string { return fmt.Sprintf("threshold %.2f", t) }

// indent indents every line of s and ends it with a newline.
func indent(s, prefix string) string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return ""
	}
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix) + "\n"
}
