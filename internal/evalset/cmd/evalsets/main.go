// Command evalsets writes the real-data evaluation sets of package evalset
// as JSON Lines files, one per set, in the schema of the shared dev.jsonl:
//
//	go run ./internal/evalset/cmd/evalsets -shared ../shared -out /tmp/evalsets
//
// For each set SET it writes SET.jsonl (the labelled cases) and
// SET.queries.csv (columns name and country, for the screen command's
// --input); the alias holdout set is written per batch, with the modified
// list of each batch as alias_holdout-N.list.csv. It prints the counts per
// family and the cases each builder left out, by reason. Score a set with
//
//	entityscreen screen --list LIST --format json --input SET.queries.csv --country-column country > out.jsonl
//	python3 ../shared/eval/score.py SET.jsonl out.jsonl --by-family
//
// where LIST is the 2022 CSL, or the batch's list for the alias holdout set.
package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/evalset"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("evalsets: ")
	shared := flag.String("shared", "../shared", "the shared `directory` holding data/ and eval/")
	out := flag.String("out", "", "write the sets into this `directory` (created if needed)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(filepath.Join(*shared, "data"), *out, os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// run builds every set from the data in dataDir and writes it into outDir,
// reporting on w.
func run(dataDir, outDir string, w io.Writer) error {
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	listPath := filepath.Join(dataDir, evalset.CSLFile)
	list, err := entitylist.Open(listPath)
	if err != nil {
		return err
	}
	batches, dropped, err := evalset.AliasHoldout(dataDir, list)
	if err != nil {
		return err
	}
	var all []evalset.Case
	for i, b := range batches {
		name := fmt.Sprintf("alias_holdout-%d", i+1)
		if err := os.WriteFile(filepath.Join(outDir, name+".list.csv"), b.CSV, 0o644); err != nil {
			return err
		}
		if err := writeSet(outDir, name, b.Cases); err != nil {
			return err
		}
		fmt.Fprintf(w, "%s: %d cases against %s.list.csv\n", name, len(b.Cases), name)
		all = append(all, b.Cases...)
	}
	report(w, "alias_holdout (all batches)", all, dropped)

	sets := []struct {
		name  string
		build func() ([]evalset.Case, evalset.Dropped, error)
	}{
		{"respelling", func() ([]evalset.Case, evalset.Dropped, error) { return evalset.Respellings(dataDir, list) }},
		{"persons", func() ([]evalset.Case, evalset.Dropped, error) { return evalset.Persons(dataDir, list) }},
		{"companies", func() ([]evalset.Case, evalset.Dropped, error) { return evalset.Companies(dataDir) }},
	}
	for _, s := range sets {
		cases, dropped, err := s.build()
		if err != nil {
			return err
		}
		if err := writeSet(outDir, s.name, cases); err != nil {
			return err
		}
		report(w, s.name+" (list "+listPath+")", cases, dropped)
	}
	return nil
}

// report prints the counts of a set per family and what its builder left
// out.
func report(w io.Writer, name string, cases []evalset.Case, dropped evalset.Dropped) {
	fams := map[string]int{}
	for _, c := range cases {
		fams[c.Family]++
	}
	fmt.Fprintf(w, "%s: %d cases\n", name, len(cases))
	for _, f := range slices.Sorted(maps.Keys(fams)) {
		fmt.Fprintf(w, "  %-28s %d\n", f, fams[f])
	}
	for _, r := range slices.Sorted(maps.Keys(dropped)) {
		fmt.Fprintf(w, "  dropped %-20s %d\n", r, dropped[r])
	}
}

// writeSet writes cases as DIR/NAME.jsonl and their queries as
// DIR/NAME.queries.csv.
func writeSet(dir, name string, cases []evalset.Case) error {
	f, err := os.Create(filepath.Join(dir, name+".jsonl"))
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, c := range cases {
		if err := enc.Encode(c); err != nil {
			f.Close()
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}

	q, err := os.Create(filepath.Join(dir, name+".queries.csv"))
	if err != nil {
		return err
	}
	cw := csv.NewWriter(q)
	cw.Write([]string{"name", "country"})
	for _, c := range cases {
		cw.Write([]string{c.Query, c.Country})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		q.Close()
		return err
	}
	return q.Close()
}
