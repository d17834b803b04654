package entitylist_test

import (
	"bytes"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

// The real OFAC files beside the project (see SOURCES.md section 2); tests
// skip when they are absent.
const (
	realSDN2024      = "../../shared/data/ofac-sdn-2024-05-03.csv"
	realSDN2021      = "../../shared/data/ofac-sdn-2021-07-07.csv"
	realAdd2021      = "../../shared/data/ofac-add-2021-07-07.csv"
	realAlt2021      = "../../shared/data/ofac-alt-2021-07-07.csv"
	realAdd2025      = "../../shared/data/ofac-add-2025-12-24.csv"
	realAlt2025      = "../../shared/data/ofac-alt-2025-12-24.csv"
	realComments2025 = "../../shared/data/ofac-sdn_comments-2025-12-24.csv"
)

// readReal reads the real files at paths, skipping the test if one is absent.
func readReal(tb testing.TB, paths ...string) []*bytes.Reader {
	tb.Helper()
	out := make([]*bytes.Reader, len(paths))
	for i, p := range paths {
		needFile(tb, p)
		data, err := os.ReadFile(p)
		require.NoError(tb, err)
		out[i] = bytes.NewReader(data)
	}
	return out
}

// onlyMissingFileAndCountryWarnings checks that l's warnings are only about
// files not read and country names without a code.
func onlyMissingFileAndCountryWarnings(t *testing.T, l *entitylist.List) {
	t.Helper()
	for _, w := range l.Warnings() {
		if !strings.Contains(w.Message, "file not read") && !strings.Contains(w.Message, "country name not known") {
			t.Errorf("unexpected warning: %s", w)
		}
	}
}

func TestRealOFACSDN2024(t *testing.T) {
	r := readReal(t, realSDN2024)
	l, err := entitylist.ReadOFAC(entitylist.OFACFiles{Primary: r[0]}, "sdn-2024")
	require.NoError(t, err)
	require.Equal(t, 14965, l.Len())
	types := map[entitylist.EntityType]int{}
	maxEnt, lastLine := 0, 0
	for i, e := range l.All() {
		types[e.Type]++
		n, err := strconv.Atoi(e.ID)
		require.NoError(t, err)
		maxEnt = max(maxEnt, n)
		require.Equal(t, i+1, e.Line, "one row a line: no field of sdn.csv holds a newline")
		lastLine = e.Line
		require.Equal(t, len(e.Aliases), len(e.AltNames))
		for _, a := range e.Aliases {
			require.True(t, a.Weak, "without alt.csv, every alias is a weak one of the remarks: %v", a)
		}
	}
	assert.Equal(t, 14965, lastLine)
	// SOURCES.md: entities ("-0-") 6,884; individuals 6,854; vessels 851; aircraft 376; max ent_num 48907.
	assert.Equal(t, map[entitylist.EntityType]int{
		entitylist.TypeEntity: 6884, entitylist.TypeIndividual: 6854, entitylist.TypeVessel: 851, entitylist.TypeAircraft: 376,
	}, types)
	assert.Equal(t, 48907, maxEnt)
	assert.Equal(t, map[entitylist.Source]int{entitylist.SpeciallyDesignated: 14965}, l.Version().BySource)
	onlyMissingFileAndCountryWarnings(t, l)

	// A weak alias OFAC gives only in the remarks.
	bnc := entryByID(t, l, "306")
	assert.Equal(t, "BANCO NACIONAL DE CUBA", bnc.Name)
	assert.Contains(t, bnc.Aliases, entitylist.Alias{Name: "BNC", Kind: entitylist.AlsoKnownAs, Weak: true})
}

// entryByID returns the first entry of l with the given ID.
func entryByID(t *testing.T, l *entitylist.List, id string) *entitylist.Entry {
	t.Helper()
	for _, e := range l.All() {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("no entry %s", id)
	return nil
}

// TestRealOFAC2021Set joins the consistent 2021 set of sdn.csv, add.csv and
// alt.csv: every row of add.csv and alt.csv finds its entry.
func TestRealOFAC2021Set(t *testing.T) {
	r := readReal(t, realSDN2021, realAdd2021, realAlt2021)
	l, err := entitylist.ReadOFAC(entitylist.OFACFiles{Primary: r[0], Addresses: r[1], Aliases: r[2]}, "2021")
	require.NoError(t, err)
	require.Equal(t, 8976, l.Len())
	onlyMissingFileAndCountryWarnings(t, l)
	kinds := map[entitylist.AliasKind]int{}
	addresses, weak := 0, 0
	for _, e := range l.All() {
		addresses += len(e.Addresses)
		for _, a := range e.Aliases {
			if a.Weak {
				weak++
				continue
			}
			kinds[a.Kind]++
		}
		for _, a := range e.Addresses {
			assert.NotEmpty(t, a.Raw)
			// A column of a postal code alone ("L-1840", "438864") is
			// no city: none has a city without a letter.
			if a.City != "" {
				assert.True(t, strings.ContainsFunc(a.City, unicode.IsLetter), "entry %s: city %q", e.ID, a.City)
			}
		}
	}
	// alt.csv's 11,910 rows: aka 11,523, fka 369, nka 18.
	assert.Equal(t, map[entitylist.AliasKind]int{entitylist.AlsoKnownAs: 11523, entitylist.FormerlyKnownAs: 369, entitylist.NowKnownAs: 18}, kinds)
	assert.Positive(t, weak)
	// add.csv's 13,837 rows less the 2,397 that are null in every column.
	assert.Equal(t, 13837-2397, addresses)

	djibo := entryByID(t, l, "32391")
	assert.Equal(t, []string{"1984"}, djibo.DatesOfBirth)
	assert.Equal(t, []string{"NE"}, djibo.Nationalities)
	assert.Equal(t, []string{"ML", "NE"}, djibo.Countries())
}

// TestRealOFACMismatchedSets reads the 2024 sdn.csv with the 2025 add.csv,
// alt.csv and sdn_comments.csv, which belong to a later sdn.csv: the rows
// of entries designated since are refused, every one counted.
func TestRealOFACMismatchedSets(t *testing.T) {
	r := readReal(t, realSDN2024, realAdd2025, realAlt2025, realComments2025)
	l, err := entitylist.ReadOFAC(entitylist.OFACFiles{Primary: r[0], Addresses: r[1], Aliases: r[2], Comments: r[3]}, "mixed")
	assert.Nil(t, l)
	var le *entitylist.LoadError
	require.True(t, errors.As(err, &le))
	// 4,893 add.csv rows, 2,460 alt.csv rows and 6 comment rows refer to
	// entries the 2024 sdn.csv does not have.
	assert.Equal(t, 4893+2460+6, le.Total)
	assert.Len(t, le.Errs, entitylist.MaxLoadErrors)
	for _, pe := range le.Errs {
		require.ErrorIs(t, pe, entitylist.ErrUnknownEntry)
	}
	assert.Equal(t, "add.csv:ent_num", le.Errs[0].Field)
}

func BenchmarkReadOFAC(b *testing.B) {
	for _, bc := range []struct {
		name  string
		paths []string
	}{
		{"sdn-2024", []string{realSDN2024}},
		{"set-2021", []string{realSDN2021, realAdd2021, realAlt2021}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			needFile(b, bc.paths[0])
			var data [][]byte
			size := 0
			for _, p := range bc.paths {
				needFile(b, p)
				d, err := os.ReadFile(p)
				if err != nil {
					b.Fatal(err)
				}
				data = append(data, d)
				size += len(d)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				var r [3]*bytes.Reader
				for i, d := range data {
					r[i] = bytes.NewReader(d)
				}
				files := entitylist.OFACFiles{Primary: r[0]}
				if len(data) == 3 {
					files.Addresses, files.Aliases = r[1], r[2]
				}
				if _, err := entitylist.ReadOFAC(files, "bench"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
