package entitylist_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

// realUN is the full UN Security Council Consolidated List of 2026-02-27
// beside the project (SOURCES.md, lists/); tests skip when it is absent.
const realUN = "../../shared/data/lists/un-consolidated-2026-02-27.xml"

func TestRealUN(t *testing.T) {
	r := readReal(t, realUN)[0]
	l, err := entitylist.ReadUN(r, "un")
	require.NoError(t, err)
	assert.Empty(t, l.Warnings())
	types := map[entitylist.EntityType]int{}
	aliases, weak, former := 0, 0, 0
	lastLine := 0
	for _, e := range l.All() {
		types[e.Type]++
		require.Greater(t, e.Line, lastLine)
		lastLine = e.Line
		require.Equal(t, len(e.Aliases), len(e.AltNames))
		aliases += len(e.Aliases)
		for _, a := range e.Aliases {
			if a.Weak {
				weak++
			}
			if a.Kind == entitylist.FormerlyKnownAs {
				former++
			}
		}
		require.False(t, e.StartDate.IsZero(), e.ID)
	}
	// SOURCES.md: 730 individuals and 273 entities.
	assert.Equal(t, map[entitylist.EntityType]int{entitylist.TypeIndividual: 730, entitylist.TypeEntity: 273}, types)
	// 2,752 non-empty ALIAS_NAME (615 of quality Low, 19 f.k.a.) and 378
	// NAME_ORIGINAL_SCRIPT.
	assert.Equal(t, 2752+378, aliases)
	assert.Equal(t, 615, weak)
	assert.Equal(t, 19, former)
	assert.Equal(t, "2026-02-24", l.Version().Newest.Format(time.DateOnly))

	// Every NAME_ORIGINAL_SCRIPT, counted by a plain pass over the XML, is
	// an alias of its record. SOURCES.md counts 376 of them (364 in Arabic
	// script) with a pattern that misses the two values that wrap onto a
	// second line: there are 378, 366 in Arabic script, 11 in Cyrillic.
	original := originalScriptNames(t, realUN)
	require.Len(t, original, 378)
	byRef := map[string]*entitylist.Entry{}
	for _, e := range l.All() {
		byRef[e.ID] = e
	}
	for _, o := range original {
		e := byRef[o.ref]
		require.NotNil(t, e, o.ref)
		assert.Contains(t, e.AltNames, strings.Join(strings.Fields(o.name), " "), o.ref)
	}
}

type refName struct{ ref, name string }

// originalScriptNames returns the NAME_ORIGINAL_SCRIPT values of the UN
// list at path with the REFERENCE_NUMBER of their record.
func originalScriptNames(t *testing.T, path string) []refName {
	t.Helper()
	r := readReal(t, path)[0]
	dec := xml.NewDecoder(r)
	var out []refName
	var ref, elem string
	var pending []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out
		}
		require.NoError(t, err)
		switch tk := tok.(type) {
		case xml.StartElement:
			elem = tk.Name.Local
			if elem == "INDIVIDUAL" || elem == "ENTITY" {
				ref, pending = "", nil
			}
		case xml.CharData:
			switch elem {
			case "REFERENCE_NUMBER":
				ref += string(tk)
			case "NAME_ORIGINAL_SCRIPT":
				pending = append(pending, string(tk))
			}
		case xml.EndElement:
			elem = ""
			if tk.Name.Local == "INDIVIDUAL" || tk.Name.Local == "ENTITY" {
				for _, p := range pending {
					out = append(out, refName{strings.TrimSpace(ref), p})
				}
			}
		}
	}
}

func BenchmarkReadUN(b *testing.B) {
	r := readReal(b, realUN)[0]
	data, _ := io.ReadAll(r)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := entitylist.ReadUN(bytes.NewReader(data), "bench"); err != nil {
			b.Fatal(err)
		}
	}
}
