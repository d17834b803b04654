package screening

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/cslfixture"
	"github.com/entityscreen/entityscreen/screening/internal/normalize"
)

// wordOf returns the word of the single token of name s, a query word
// guessed as told.
func wordOf(t *testing.T, s string, guessed bool) *word {
	t.Helper()
	n, err := normalize.Normalize(s)
	if err != nil || len(n.Tokens) != 1 {
		t.Fatalf("%q: %v, %d tokens", s, err, len(n.Tokens))
	}
	tok := n.Tokens[0]
	tok.Guessed = guessed
	w := newQueryWord(tok)
	return &w
}

// TestConsonantSim checks which words a word whose vowels were guessed
// meets by its consonants.
func TestConsonantSim(t *testing.T) {
	tests := []struct {
		guessed, other string
		want           bool
	}{
		{"matmin", "motmaen", true},
		{"mari", "merai", true},
		{"masfar", "mesfer", true},
		{"juhr", "jawhar", true},   // و a long vowel or w
		{"fayad", "fayyadh", true}, // dh, and doubled letters
		{"alush", "alouche", true}, // ch, the French sh
		{"zada", "zadeh", true},    // a final h after a vowel
		{"asba", "asbat", true},    // the ta marbuta written -at
		{"garup", "group", true},   // an organization word
		{"umar", "marr", false},    // the leading vowel is written
		{"aviz", "ewaz", false},    // a single consonant
		{"hasan", "husayn", true},  // y is a vowel or a consonant (both are names of the table, never guessed)
		{"matmin", "matman", true},
		{"matmin", "matin", false}, // a consonant fewer
		{"asbat", "asba", false},   // the -at is the list's, not the reading's
	}
	for _, tt := range tests {
		t.Run(tt.guessed+"/"+tt.other, func(t *testing.T) {
			a, b := wordOf(t, tt.guessed, true), wordOf(t, tt.other, false)
			cs := consonantSim(a, b)
			assert.Equal(t, tt.want, cs > 0)
			sim, how := wordSim(a, b)
			if tt.want {
				assert.Equal(t, Spelling, how)
				assert.GreaterOrEqual(t, sim, cs)
			}
			assert.Zero(t, consonantSim(wordOf(t, tt.guessed, false), b), "a word read from Latin letters")
		})
	}
}

// TestJoinsConsonants checks that two words written together meet a word
// of their consonants, one side's vowels guessed, and only with enough
// consonants.
func TestJoinsConsonants(t *testing.T) {
	assert.True(t, joinsConsonants(wordOf(t, "khudai", false), wordOf(t, "rahim", false), wordOf(t, "khadayrahim", true)))
	assert.True(t, joinsConsonants(wordOf(t, "akhund", true), wordOf(t, "zada", true), wordOf(t, "akhundzadeh", false)))
	assert.False(t, joinsConsonants(wordOf(t, "asiya", false), wordOf(t, "abu", false), wordOf(t, "asba", true)), "two consonants")
}

// TestConsonantsAllocateNothing checks that scoring a name against a query
// read from Arabic script, whose words meet by their consonants, alone or
// joined, allocates nothing.
func TestConsonantsAllocateNothing(t *testing.T) {
	l, err := entitylist.ReadCSV(strings.NewReader(cslfixture.Full("_id,source,type,name\n"+
		"1,SDN,Individual,ABDULHAI MOTMAEN\n2,SDN,Individual,MIR WALI KHUDAI RAHIM\n")), "allocs")
	require.NoError(t, err)
	s, err := New(l)
	require.NoError(t, err)
	for _, q := range []Query{{Name: "عبدالحی مطمئن"}, {Name: "میر ولی خدايرحيم"}} {
		p := &prepared{}
		err := s.ix.prepare(q, p)
		require.NoError(t, err)
		sc := s.getScratch()
		s.ix.candidates(p, sc, s.opts.minScore, s.opts.threshold, nil)
		best := 0.0
		for vi := range p.variants {
			for nid := range s.ix.names {
				score, _ := s.scoreName(p, vi, int32(nid), sc, 0, nil)
				best = max(best, score)
				allocs := testing.AllocsPerRun(20, func() { s.scoreName(p, vi, int32(nid), sc, 0, nil) })
				assert.Zero(t, allocs, "%q against %q", q.Name, s.ix.display(s.list, int32(nid)))
			}
		}
		assert.GreaterOrEqual(t, best, s.opts.threshold, "%q meets its name", q.Name)
	}
}
