package screening_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// snapshotOf writes s's snapshot and returns its bytes.
func snapshotOf(t testing.TB, s *screening.Screener) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, s.WriteSnapshot(&b))
	return b.Bytes()
}

// skippingList is an in-house list with names the screener cannot index
// whole: a legal form alone, and a name longer than a query may be.
func skippingList(t testing.TB) *entitylist.List {
	t.Helper()
	long := strings.Repeat("Kaspersky Laboratory Trading ", 40)
	csv := "name,aliases,country,id,notes\n" +
		"Blocked Supplier GmbH,Ltd.; BS GmbH,DE,V1,\n" +
		"\"" + long + "\",,RU,V2,\n" +
		"\"SHOIGU, Sergei Kuzhugetovich\",,RU,V3,\n" +
		"Huawei Technologies Co. Ltd.,Huawei,CN,V4,\n"
	l, err := entitylist.ReadInHouse(strings.NewReader(csv), "skipping.csv")
	require.NoError(t, err)
	return l
}

// syllablesList is an in-house list of names that queries of one word may
// spell by their first letters, an organization word in another spelling
// among them.
func syllablesList(t testing.TB) *entitylist.List {
	t.Helper()
	csv := "name,aliases,country,id,notes\n" +
		"Comercializadora del Norvik Ltda.,,CO,V1,\n" +
		"Torvania Belmonte S.A.,,CO,V2,\n"
	l, err := entitylist.ReadInHouse(strings.NewReader(csv), "syllables.csv")
	require.NoError(t, err)
	return l
}

// sameResults checks that a and b answer every query alike, matches,
// scores, explanations and errors included.
func sameResults(t *testing.T, a, b *screening.Screener, queries []screening.Query, opts ...screening.Option) {
	t.Helper()
	ctx := context.Background()
	ra, rb := a.ScreenAll(ctx, queries, opts...), b.ScreenAll(ctx, queries, opts...)
	require.Len(t, rb, len(ra))
	differ := 0
	for i := range ra {
		if !assert.Equal(t, ra[i], rb[i], "query %+v", queries[i]) {
			if differ++; differ > 5 {
				t.FailNow()
			}
		}
	}
}

// TestSnapshotRoundTrip checks that a Screener read from its snapshot
// screens exactly as the one New built, on fixtures: the embedded list,
// an official CSL and an in-house file, and a list with names that cannot
// be indexed whole; and that it writes the same bytes again.
func TestSnapshotRoundTrip(t *testing.T) {
	official, err := entitylist.Open("../testdata/lists/official.csv")
	require.NoError(t, err)
	inhouse, err := entitylist.Open("../testdata/lists/inhouse.csv")
	require.NoError(t, err)
	lists := map[string]*entitylist.List{
		"embedded":         entitylist.Merge(entitylist.Default(), entitylist.Procurement()),
		"official+inhouse": entitylist.Merge(official, inhouse),
		"skipping":         skippingList(t),
		"syllables":        syllablesList(t),
	}
	var queries []screening.Query
	for _, n := range append(hardNames, "Blocked Supplier", "BS GmbH", "Sergei Shoigu", "Huawei Technologies Deutschland GmbH", "Comenorvik", "Torbelmonte") {
		queries = append(queries, screening.Query{Name: n}, screening.Query{Name: n, Country: "RU", Kind: entitylist.TypeEntity, Address: "Moscow", ID: "7736640919"})
	}
	for name, list := range lists {
		t.Run(name, func(t *testing.T) {
			built, err := screening.New(list, screening.WithMinScore(0.3))
			require.NoError(t, err)
			data := snapshotOf(t, built)
			read, err := screening.ReadSnapshot(bytes.NewReader(data), list, screening.WithMinScore(0.3))
			require.NoError(t, err)
			for _, e := range list.All() {
				for _, n := range e.Names() {
					queries = append(queries, screening.Query{Name: n})
				}
			}
			sameResults(t, built, read, queries)
			sameResults(t, built, read, queries, screening.WithLimit(50), screening.WithMinScore(0.1))
			sameSkipped(t, built.Skipped(), read.Skipped())
			assert.Equal(t, data, snapshotOf(t, read), "the snapshot written again")
			if name == "syllables" { // the names' heads came through: a name of syllables is found
				ms, err := screen(read, screening.Query{Name: "Comenorvik"})
				require.NoError(t, err)
				require.NotEmpty(t, ms)
				assert.Equal(t, "V1", ms[0].Entry.ID)
			}
		})
	}
	require.NotEmpty(t, lists["skipping"].Entry(0).Names())
	s, err := screening.New(lists["skipping"])
	require.NoError(t, err)
	require.Len(t, s.Skipped(), 2, "the fixture's skipped names")
}

// sameSkipped checks that the skipped names got are those of want, with
// errors of the same text that wrap the same sentinels.
func sameSkipped(t *testing.T, want, got []screening.SkippedName) {
	t.Helper()
	require.Len(t, got, len(want))
	for i, sk := range got {
		w := want[i]
		assert.Equal(t, w.Entry, sk.Entry)
		assert.Equal(t, w.Name, sk.Name)
		assert.Equal(t, w.Part, sk.Part)
		{
			want := w.Err
			assert.EqualError(t, sk.Err, want.Error())
			for _, sentinel := range []error{screening.ErrEmptyName, screening.ErrTooLong, screening.ErrInvalidUTF8} {
				assert.Equal(t, errors.Is(want, sentinel), errors.Is(sk.Err, sentinel), "skipped %q, %v", sk.Name, sentinel)
			}
		}
	}
}

// TestSnapshotRejected checks that a snapshot of another list, of another
// format version or damaged anyhow is an error, stale or damaged, and
// never a Screener.
func TestSnapshotRejected(t *testing.T) {
	list := entitylist.Default()
	s, err := screening.New(list)
	require.NoError(t, err)
	data := snapshotOf(t, s)
	read := func(b []byte, l *entitylist.List) error {
		got, err := screening.ReadSnapshot(bytes.NewReader(b), l)
		if err == nil {
			assert.NotNil(t, got)
		} else {
			assert.Nil(t, got)
		}
		return err
	}
	require.NoError(t, read(data, list))

	t.Run("another list", func(t *testing.T) {
		err := read(data, skippingList(t))
		assert.ErrorIs(t, err, screening.ErrSnapshotStale)
		assert.NotErrorIs(t, err, screening.ErrSnapshotDamaged)
		err = read(data, entitylist.Merge(list, entitylist.Procurement()))
		assert.ErrorIs(t, err, screening.ErrSnapshotStale)
	})
	t.Run("cut short", func(t *testing.T) {
		for _, n := range []int{0, 1, 8, 40, 99, len(data) / 2, len(data) - 5, len(data) - 1} {
			err := read(data[:n], list)
			assert.ErrorIs(t, err, screening.ErrSnapshotDamaged, "cut at %d", n)
		}
	})
	t.Run("bytes added", func(t *testing.T) {
		assert.ErrorIs(t, read(append(bytes.Clone(data), 0), list), screening.ErrSnapshotDamaged)
	})
	t.Run("a byte changed", func(t *testing.T) {
		for i := 0; i < len(data); i += 1 + len(data)/97 {
			b := bytes.Clone(data)
			b[i] ^= 0x20
			err := read(b, list)
			assert.Error(t, err, "byte %d changed", i)
			assert.True(t, errors.Is(err, screening.ErrSnapshotDamaged) || errors.Is(err, screening.ErrSnapshotStale), "byte %d changed: %v", i, err)
		}
	})
	t.Run("not a snapshot", func(t *testing.T) {
		csv, err := os.ReadFile("../testdata/lists/official.csv")
		require.NoError(t, err)
		assert.ErrorIs(t, read(csv, list), screening.ErrSnapshotDamaged)
	})
	t.Run("invalid option", func(t *testing.T) {
		_, err := screening.ReadSnapshot(bytes.NewReader(data), list, screening.WithLimit(0))
		assert.Error(t, err)
		assert.NotErrorIs(t, err, screening.ErrSnapshotDamaged)
	})
}

// TestSnapshotRealData checks, on the real 2022 CSL, that the Screener
// read from a snapshot finds what the one New built finds, with the same
// scores and explanations, for a sample of the evaluation queries.
func TestSnapshotRealData(t *testing.T) {
	if testing.Short() {
		t.Skip("real-data snapshot check skipped in short mode")
	}
	built := realScreener(t, screening.WithMinScore(0.6))
	data := snapshotOf(t, built)
	read, err := screening.ReadSnapshot(bytes.NewReader(data), built.List(), screening.WithMinScore(0.6))
	require.NoError(t, err)
	cases := readEval(t, sharedEval)
	step := 5
	if screening.RaceEnabled {
		step = 40
	}
	var queries []screening.Query
	for i, c := range cases {
		if i%step == 0 {
			queries = append(queries, screening.Query{Name: c.Query, Country: c.Country})
		}
	}
	sameResults(t, built, read, queries)
	sameSkipped(t, built.Skipped(), read.Skipped())
	t.Logf("%d queries; snapshot of %d bytes for %d entries", len(queries), len(data), built.List().Len())
}

// ExampleReadSnapshot saves a Screener's index and starts from it the next
// time, building it anew when the snapshot is of no use.
func ExampleReadSnapshot() {
	list := entitylist.Default()
	s, err := screening.New(list)
	if err != nil {
		panic(err)
	}
	var saved bytes.Buffer // a file beside the list, in a program
	if err := s.WriteSnapshot(&saved); err != nil {
		panic(err)
	}

	s, err = screening.ReadSnapshot(&saved, list)
	switch {
	case errors.Is(err, screening.ErrSnapshotStale), errors.Is(err, screening.ErrSnapshotDamaged):
		s, err = screening.New(list) // and write the snapshot again
	}
	if err != nil {
		panic(err)
	}
	r, err := s.Screen(context.Background(), screening.Query{Name: "Kaspersky Lab JSC"})
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Matches[0].MatchedName, r.Matches[0].Alert)
	// Output: AO Kaspersky Lab true
}
