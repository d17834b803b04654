package screening

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/cslfixture"
)

// weakList is a list in OFAC's files whose entries have weak aliases (in
// the remarks) and others (in alt.csv), one of them a weak alias's name,
// merged with a list in the UN's XML whose entry has an alias of low
// quality.
func weakList(t *testing.T) *entitylist.List {
	t.Helper()
	ofac := weakOFAC(t)
	// The UN's list says an alias is weak by its quality, "Low", here
	// before the alias of the same name that is not weak.
	un := `<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-15T00:00:00.000Z"><INDIVIDUALS/><ENTITIES>
<ENTITY><DATAID>1</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>NORTHERN LIGHT EXPORT CORPORATION</FIRST_NAME>
<UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPe.1</REFERENCE_NUMBER><LISTED_ON>2016-03-02</LISTED_ON>
<ENTITY_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Ocean Star Company</ALIAS_NAME></ENTITY_ALIAS>
<ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>Ocean Star Company</ALIAS_NAME></ENTITY_ALIAS>
</ENTITY></ENTITIES></CONSOLIDATED_LIST>`
	unList, err := entitylist.ReadUN(strings.NewReader(un), "weak")
	require.NoError(t, err)
	e := unList.Entry(0)
	require.Equal(t, []entitylist.Alias{{Name: "Ocean Star Company", Kind: entitylist.AlsoKnownAs, Weak: true},
		{Name: "Ocean Star Company", Kind: entitylist.AlsoKnownAs}}, e.Aliases)
	return entitylist.Merge(ofac, unList)
}

// weakOFAC is the list in OFAC's files of weakList.
func weakOFAC(t *testing.T) *entitylist.List {
	t.Helper()
	sdn := `101,"HELIOS MARITIME TRADING LLC",-0- ,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. 'NEPTUNE'; a.k.a. 'BLUE STAR SHIPPING'."
102,"KARIMOV, Rustam Aliyevich","individual","UKRAINE-EO13661",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 14 Mar 1968; a.k.a. 'THE ACCOUNTANT'."
`
	alt := `101,1,"aka","BLUE STAR SHIPPING",-0- 
102,2,"aka","KARIMOV, Rustam",-0- 
`
	ofac, err := entitylist.ReadOFAC(entitylist.OFACFiles{Primary: strings.NewReader(sdn), Aliases: strings.NewReader(alt)}, "weak")
	require.NoError(t, err)
	return ofac
}

// A weak alias (entitylist.Alias.Weak) is not screened unless
// WithWeakAliases asks: a query that meets only a weak alias finds
// nothing, one that meets another name of the entry finds it, and a weak
// alias that is also one of the entry's other names is screened as that
// name. The snapshot keeps which names are weak.
func TestWeakAliases(t *testing.T) {
	list := weakList(t)
	built, err := New(list)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, built.WriteSnapshot(&buf))
	read, err := ReadSnapshot(bytes.NewReader(buf.Bytes()), list)
	require.NoError(t, err)
	ctx := context.Background()
	for name, s := range map[string]*Screener{"New": built, "ReadSnapshot": read} {
		assert.Equal(t, 2, s.WeakAliasNames(), "%s: NEPTUNE and THE ACCOUNTANT; the others are also names that are not weak", name)
		matched := func(query string, opts ...Option) string {
			t.Helper()
			r, err := s.Screen(ctx, Query{Name: query}, opts...)
			require.NoError(t, err)
			if len(r.Matches) == 0 {
				return ""
			}
			return r.Matches[0].MatchedName
		}
		for _, q := range []string{"Neptune", "The Accountant"} {
			assert.Empty(t, matched(q), "%s: %q meets a weak alias only", name, q)
		}
		assert.Equal(t, "NEPTUNE", matched("Neptune", WithWeakAliases(true)), name)
		assert.Equal(t, "THE ACCOUNTANT", matched("The Accountant", WithWeakAliases(true)), name)
		assert.Equal(t, "HELIOS MARITIME TRADING LLC", matched("Helios Maritime Trading"), name)
		assert.Equal(t, "BLUE STAR SHIPPING", matched("Blue Star Shipping"), "%s: also an alias that is not weak", name)
		assert.Equal(t, "Ocean Star Company", matched("Ocean Star Co"), "%s: also an alias that is not weak, after it", name)
		r, err := s.Screen(ctx, Query{Name: "Ocean Star Co"})
		require.NoError(t, err)
		a, ok := r.Matches[0].Alias()
		assert.True(t, ok && !a.Weak, "%s: the alias is not weak: %+v", name, a)
		assert.Equal(t, "KARIMOV, Rustam Aliyevich", matched("Rustam Aliyevich Karimov"), name)
	}

	// The record of a result says when the weak aliases were screened.
	for _, weak := range []bool{false, true} {
		r, err := built.Screen(ctx, Query{Name: "Neptune"}, WithWeakAliases(weak))
		require.NoError(t, err)
		assert.Equal(t, weak, r.WeakAliases)
		b, err := json.Marshal(r)
		require.NoError(t, err)
		assert.Equal(t, weak, strings.Contains(string(b), `"weak_aliases":true`), string(b))
		var back Result
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, weak, back.WeakAliases)
	}
}

// The CSL publishes OFAC's names without saying which aliases are weak: in
// a list merged from both, the CSL's row of a party OFAC lists (the same
// entity number) has the weak aliases of OFAC's entry, whatever their
// case and spacing, and screens them as that entry does. Another party's
// alias of the same name is screened, and so is an alias OFAC's entry
// also gives as one that is not weak.
func TestWeakAliasesOfTwins(t *testing.T) {
	csl, err := entitylist.ReadCSV(strings.NewReader(cslfixture.Full(`_id,source,entity_number,type,name,alt_names
101,Specially Designated Nationals (SDN) - Treasury Department,101,Entity,HELIOS MARITIME TRADING LLC,Neptune;  BLUE STAR  shipping
102,Specially Designated Nationals (SDN) - Treasury Department,102,Individual,"KARIMOV, Rustam Aliyevich",THE ACCOUNTANT
900,Specially Designated Nationals (SDN) - Treasury Department,900,Entity,ARGO BULK CARRIERS,THE ACCOUNTANT
`)), "csl")
	require.NoError(t, err)
	ctx := context.Background()
	for _, order := range [][]*entitylist.List{{weakOFAC(t), csl}, {csl, weakOFAC(t)}} {
		list := entitylist.Merge(order...)
		built, err := New(list)
		require.NoError(t, err)
		var buf bytes.Buffer
		require.NoError(t, built.WriteSnapshot(&buf))
		read, err := ReadSnapshot(bytes.NewReader(buf.Bytes()), list)
		require.NoError(t, err, "the snapshot's check indexes the CSL's rows alike")
		for name, s := range map[string]*Screener{"New": built, "ReadSnapshot": read} {
			name += " " + list.Version().Origin
			assert.Equal(t, 4, s.WeakAliasNames(), "%s: NEPTUNE and THE ACCOUNTANT, in OFAC's entries and in the CSL's rows of them", name)
			ids := func(query string, opts ...Option) []string {
				t.Helper()
				r, err := s.Screen(ctx, Query{Name: query}, opts...)
				require.NoError(t, err)
				var out []string
				for _, m := range r.Matches {
					out = append(out, m.Entry.ID)
					for _, e := range m.Also {
						out = append(out, e.ID)
					}
				}
				slices.Sort(out)
				return out
			}
			assert.Empty(t, ids("Neptune"), name)
			assert.Equal(t, []string{"101", "101"}, ids("Neptune", WithWeakAliases(true)), "%s: both rows of the party", name)
			assert.Equal(t, []string{"900"}, ids("The Accountant"), "%s: another party's alias of the name", name)
			assert.Equal(t, []string{"102", "102", "900"}, ids("The Accountant", WithWeakAliases(true)), name)
			assert.Equal(t, []string{"101", "101"}, ids("Blue Star Shipping"), "%s: OFAC's entry also gives it as an alias that is not weak", name)
		}
	}
}
