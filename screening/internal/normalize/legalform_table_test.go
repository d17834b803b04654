package normalize

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSideTables checks the tables that name words, classes or forms of
// legalFormTable against it, so that they cannot drift from it: an entry
// that matches no row of the table does nothing.
func TestSideTables(t *testing.T) {
	// The words of the table's phrases as legalWords reads them: the keys
	// of the Latin (or transliterated) words, initialisms aside, of rows of
	// two words or more.
	phraseWords := map[string]bool{}
	classes := map[Class]bool{}
	forms := map[string]bool{}
	sc := new(scratch)
	for _, row := range legalFormTable {
		classes[row.class] = true
		for _, rows := range [][]string{row.strong, row.edge} {
			for _, text := range rows {
				text = strings.TrimLeft(text, "^$#%=")
				forms[text] = true
				sc.run(text, surveyText(text))
				if len(sc.words) < 2 {
					continue
				}
				for i := range sc.words {
					w := &sc.words[i]
					if w.flags&wLatin != 0 && w.flags&wAlpha != 0 && w.kind != Initialism {
						phraseWords[strings.Clone(sc.str(w.key))] = true
					}
				}
			}
		}
	}
	t.Run("legalWordKeep", func(t *testing.T) {
		for k := range legalWordKeep {
			assert.True(t, phraseWords[k], "%q is no word of a phrase of legalFormTable", k)
		}
	})
	t.Run("legalWordAbbrevs", func(t *testing.T) {
		for a, full := range legalWordAbbrevs {
			assert.True(t, phraseWords[full], "%q (for %q) is no word of a phrase of legalFormTable", full, a)
		}
	})
	t.Run("legalWordClasses", func(t *testing.T) {
		for c := range legalWordClasses {
			assert.True(t, classes[c], "%q is no class of legalFormTable", c)
		}
	})
}
