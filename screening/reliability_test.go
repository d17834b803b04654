package screening_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
	"github.com/entityscreen/entityscreen/screening/internal/normalize"
)

// summary renders matches as entry IDs and scores, to compare two results.
func summary(ms []screening.Match) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "%s:%s=%.4f ", m.Entry.Source, m.Entry.ID, m.Score)
	}
	return b.String()
}

// TestQueryFieldErrors: an address, an ID or a country that cannot be
// screened is refused with an error naming the field and quoting a bounded
// part of it; before, an ID was read whatever its bytes or size, an address
// too long was called a name too long, and a country error quoted the
// whole input. A nil option is an error, not a panic.
func TestQueryFieldErrors(t *testing.T) {
	s := defaultScreener(t)
	long := strings.Repeat("x", normalize.MaxLen+1)
	for _, tt := range []struct {
		name string
		q    screening.Query
		want error
		msg  string
	}{
		{"address too long", screening.Query{Name: "Kaspersky Lab", Address: long}, screening.ErrTooLong, "screening: address too long: 1025 bytes, maximum 1024"},
		{"address not UTF-8", screening.Query{Name: "Kaspersky Lab", Address: "Moscow \xff"}, screening.ErrInvalidUTF8, `screening: address: invalid UTF-8: "Moscow \xff"`},
		{"id too long", screening.Query{Name: "Kaspersky Lab", ID: long}, screening.ErrTooLong, "screening: id too long: 1025 bytes, maximum 1024"},
		{"id not UTF-8", screening.Query{Name: "Kaspersky Lab", ID: "7736\xff640919"}, screening.ErrInvalidUTF8, `screening: id: invalid UTF-8: "7736\xff640919"`},
		{"country of a megabyte", screening.Query{Name: "Kaspersky Lab", Country: strings.Repeat("Narnia ", 1<<20/7)}, screening.ErrInvalidCountry,
			`screening: "` + strings.Repeat("Narnia ", 5) + `Narni"… (1048572 bytes): ` + screening.ErrInvalidCountry.Error()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := screen(s, tt.q)
			assert.Nil(t, ms)
			require.ErrorIs(t, err, tt.want)
			assert.Equal(t, tt.msg, err.Error())
		})
	}
	_, err := s.Screen(context.Background(), screening.Query{Name: "Kaspersky Lab"}, screening.WithLimit(3), nil)
	assert.EqualError(t, err, "screening: option 2 of 2 is nil")
	assert.EqualError(t, screening.CheckOptions(nil), "screening: option 1 of 1 is nil")
	_, err = screening.New(entitylist.Default(), nil)
	assert.Error(t, err)
}

// TestScreenHostileNames puts hostile names through the public API: each
// either gets a sentinel error with a clear message, or screens exactly as
// the clean name it hides.
func TestScreenHostileNames(t *testing.T) {
	s := defaultScreener(t)
	clean, err := screen(s, screening.Query{Name: "Kaspersky Lab"})
	require.NoError(t, err)
	require.NotEmpty(t, clean)

	rejected := []struct {
		name string
		in   string
		want error
		msg  string
	}{
		{"invalid UTF-8", "Kaspersky \xff Lab", screening.ErrInvalidUTF8, `screening: invalid UTF-8: "Kaspersky \xff Lab"`},
		{"truncated UTF-8 sequence", "Kaspersky Lab \xd0", screening.ErrInvalidUTF8, `screening: invalid UTF-8: "Kaspersky Lab \xd0"`},
		{"UTF-16 surrogate as UTF-8", "Kaspersky \xed\xa0\x80", screening.ErrInvalidUTF8, `screening: invalid UTF-8: "Kaspersky \xed\xa0\x80"` /* the bytes as they are */},
		{"empty", "", screening.ErrEmptyName, `screening: empty name: ""`},
		{"only control characters", "\x00\x01\t\r\n\x1b", screening.ErrEmptyName, `screening: empty name: "\x00\x01\t\r\n\x1b"`},
		{"only punctuation", "!!! ...,,, ;;; () -- @#%/* «» 、。", screening.ErrEmptyName, `screening: empty name: "!!! ...,,, ;;; () -- @#%/* «» 、。"`},
		{"only a legal form", "Ltd.", screening.ErrEmptyName, `screening: empty name: "Ltd."`},
		{"only legal forms", "GmbH & Co. KG", screening.ErrEmptyName, `screening: empty name: "GmbH & Co. KG"`},
		{"only a Cyrillic legal form", "ООО", screening.ErrEmptyName, `screening: empty name: "ООО"`},
		{"only zero-width characters", "\u200b\u200c\u200d\ufeff", screening.ErrEmptyName, `screening: empty name: "\u200b\u200c\u200d\ufeff"`},
		{"too long", strings.Repeat("x", normalize.MaxLen+1), screening.ErrTooLong, "screening: name too long: 1025 bytes, maximum 1024"},
		{"1 MB", strings.Repeat("Kaspersky ", 1<<20/10), screening.ErrTooLong, "screening: name too long: 1048570 bytes, maximum 1024"},
		{"1 MB of invalid UTF-8", strings.Repeat("\xff", 1<<20), screening.ErrTooLong, "screening: name too long: 1048576 bytes, maximum 1024"},
	}
	for _, tt := range rejected {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := screen(s, screening.Query{Name: tt.in})
			assert.Nil(t, ms)
			require.ErrorIs(t, err, tt.want)
			assert.Equal(t, tt.msg, err.Error())
			assert.LessOrEqual(t, len(err.Error()), 120, "the message quotes a bounded part of the input")
		})
	}

	same := []struct{ name, in string }{
		{"NUL between words", "Kaspersky\x00Lab"},
		{"tab and line ends", "\tKaspersky\r\nLab\n"},
		{"escape and bell", "Kaspersky\x1bLab\a"},
		{"DEL", "Kaspersky\x7fLab"},
		{"zero-width space inside a word", "Kas\u200bper\u200csky La\u200db"},
		{"BOM and soft hyphen", "\ufeffKasper\u00adsky Lab"},
		{"bidi override around", "\u202eKaspersky Lab\u202c"},
		{"bidi isolates and marks", "\u2067Kaspersky\u2069 \u200fLab\u200e"},
		{"full-width", "ＫＡＳＰＥＲＳＫＹ ＬＡＢ"},
	}
	for _, tt := range same {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := screen(s, screening.Query{Name: tt.in})
			require.NoError(t, err)
			assert.Equal(t, summary(clean), summary(ms), "screens as the clean name")
		})
	}
}

// TestScreenMixedScripts screens one name holding a word of every major
// script: it is screened (not rejected), and deterministically.
func TestScreenMixedScripts(t *testing.T) {
	s := defaultScreener(t, screening.WithMinScore(0.01))
	words := []string{"Latin", "Кириллица", "Ελληνικά", "Հայերեն", "ქართული", "العربية", "עברית", "中文",
		"ひらがな", "カタカナ", "한국어", "हिन्दी", "বাংলা", "ไทย", "ትግርኛ", "ᚠᚢᚦ", "𓀀𓀁", "Łódź", "ß", "ＡＣＭＥ"}
	name := strings.Join(words, " ")
	first, err := screen(s, screening.Query{Name: name})
	require.NoError(t, err, "a name in every script is screened")
	for _, m := range first {
		assert.False(t, m.Alert, "no alert for a name of script samples: %v", m)
	}
	again, err := screen(s, screening.Query{Name: name})
	require.NoError(t, err)
	assert.Equal(t, summary(first), summary(again))

	// A listed name keeps matching with script samples around it.
	ms, err := screen(s, screening.Query{Name: "Kaspersky Lab (Касперский) 卡巴斯基"})
	require.NoError(t, err)
	require.NotEmpty(t, ms)
	assert.Equal(t, "AO Kaspersky Lab", ms[0].Entry.Name)
}

// TestScreenMaxLen: a name of exactly normalize.MaxLen bytes is screened, one
// byte more is rejected, and rejecting a 1 MB name costs almost nothing.
func TestScreenMaxLen(t *testing.T) {
	s := defaultScreener(t)
	atMax := fill("Kaspersky Lab ", normalize.MaxLen)
	require.Len(t, atMax, normalize.MaxLen)
	_, err := screen(s, screening.Query{Name: atMax})
	assert.NoError(t, err, "MaxLen bytes are accepted")
	_, err = screen(s, screening.Query{Name: atMax + "x"})
	assert.ErrorIs(t, err, screening.ErrTooLong)

	huge := strings.Repeat("Kaspersky Lab ", 1<<20/14)
	bytes := allocBytes(10, func() { _, _ = screen(s, screening.Query{Name: huge}) })
	assert.Less(t, bytes, uint64(4<<10), "a 1 MB name is rejected without copying it")
}

// fill repeats unit up to exactly n bytes, without a trailing space.
func fill(unit string, n int) string {
	s := strings.Repeat(unit, n/len(unit)+2)[:n]
	if s[n-1] == ' ' {
		s = s[:n-1] + "x"
	}
	return s
}

// allocBytes returns the bytes f allocates per call, averaged over runs.
func allocBytes(runs int, f func()) uint64 {
	f() // warm up pools
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range runs {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / uint64(runs)
}

// TestScreenCostLinearInLength guards against quadratic work on long names
// below MaxLen without timing anything: the allocations of one Screen, in
// count and bytes, may grow at most twice as fast as the name. A quadratic
// stage would make a name four times longer cost sixteen times as much.
func TestScreenCostLinearInLength(t *testing.T) {
	if screening.RaceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector; CI runs this test without it too")
	}
	s := defaultScreener(t, screening.WithMinScore(0.01))
	units := []struct{ name, unit string }{
		{"listed words", "Kaspersky Lab Group "},
		{"single letters", "a b c d e f g "},
		{"aka and parentheses", "Kaspersky (Lab) a.k.a. "},
		{"short words", "ab cd ef gh ij kl "},
		{"Cyrillic and Han", "Касперский 华为 "},
		{"one long word", "x"},
		{"punctuation joined", "a-b-c-d.e.f/"},
	}
	const short, long = normalize.MaxLen / 4, normalize.MaxLen
	for _, u := range units {
		t.Run(u.name, func(t *testing.T) {
			qs, ql := screening.Query{Name: fill(u.unit, short)}, screening.Query{Name: fill(u.unit, long)}
			_, err := screen(s, ql)
			require.NoError(t, err)
			as := testing.AllocsPerRun(10, func() { _, _ = screen(s, qs) })
			al := testing.AllocsPerRun(10, func() { _, _ = screen(s, ql) })
			assert.LessOrEqual(t, al, 8*max(as, 8), "allocations: %v for %d bytes, %v for %d", as, short, al, long)
			bs := allocBytes(10, func() { _, _ = screen(s, qs) })
			bl := allocBytes(10, func() { _, _ = screen(s, ql) })
			// The floor covers what a query allocates whatever its length,
			// the normalizer's buffers among them.
			assert.LessOrEqual(t, bl, 8*max(bs, 8192), "bytes: %v for %d bytes, %v for %d", bs, short, bl, long)
		})
	}
}

// BenchmarkScreenLongName screens names of growing length; ns/op should
// grow about linearly with the length.
func BenchmarkScreenLongName(b *testing.B) {
	s := defaultScreener(b, screening.WithMinScore(0.01))
	for _, n := range []int{64, 256, normalize.MaxLen} {
		for _, unit := range []string{"Kaspersky Lab Group ", "ab cd ef gh ij kl "} {
			q := screening.Query{Name: fill(unit, n)}
			b.Run(fmt.Sprintf("%s/%d", strings.Fields(unit)[0], n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					_, _ = screen(s, q)
				}
			})
		}
	}
}

// TestScreenErrorQuotesInvisibleCharacters: an error message must not carry
// raw bidi controls or zero-width characters, which reorder or hide text in
// the logs and terminals where the message ends up.
func TestScreenErrorQuotesInvisibleCharacters(t *testing.T) {
	s := defaultScreener(t)
	for _, in := range []string{"\u202e\u202c", "\u200b", "\u2067 \u2069", "\x7f", "\u0085"} {
		_, err := screen(s, screening.Query{Name: in})
		require.ErrorIs(t, err, screening.ErrEmptyName)
		for _, r := range err.Error() {
			assert.True(t, unicode.IsPrint(r), "%q: raw %U in the message %q", in, r, err.Error())
		}
	}
}

// TestScreenConcurrentRealCSL screens a few hundred names of the real 2022
// CSL, varied, from several goroutines at once against one Screener, and
// checks every result equals the single-threaded one. Run with -race.
func TestScreenConcurrentRealCSL(t *testing.T) {
	if testing.Short() {
		t.Skip("real-list concurrency test skipped in short mode")
	}
	s := realScreener(t, screening.WithMinScore(0.5))
	r := rand.New(rand.NewPCG(6, 6))
	var names []string
	for len(names) < 250 {
		e := s.List().Entry(r.IntN(s.List().Len()))
		ns := e.Names()
		n := ns[r.IntN(len(ns))]
		switch len(names) % 3 {
		case 1:
			n = strings.ToUpper(n) + " LLC"
		case 2:
			n = misspell(r, n)
		}
		names = append(names, n)
	}
	want := make([]string, len(names))
	for i, n := range names {
		ms, err := screen(s, screening.Query{Name: n, Country: "RU"})
		want[i] = summary(ms) + fmt.Sprint(err)
	}
	const goroutines = 4
	var wg sync.WaitGroup
	got := make([][]string, goroutines)
	for g := range goroutines {
		wg.Go(func() {
			got[g] = make([]string, len(names))
			for k := range names {
				i := (k + g*53) % len(names)
				ms, err := screen(s, screening.Query{Name: names[i], Country: "RU"})
				got[g][i] = summary(ms) + fmt.Sprint(err)
			}
		})
	}
	wg.Wait()
	for g := range goroutines {
		for i := range names {
			assert.Equal(t, want[i], got[g][i], "goroutine %d, %q", g, names[i])
		}
	}
}

// TestScreenPunctuationOnlyAmpersand: "&" and "+" are punctuation, and a
// name of nothing else has nothing to compare; normalize.ErrEmpty documents
// "punctuation only" as empty, although "&" and "+" become the word "and".
func TestScreenPunctuationOnlyAmpersand(t *testing.T) {
	s := defaultScreener(t)
	for _, in := range []string{"&", "-- &", "+ +", "& & &"} {
		_, err := screen(s, screening.Query{Name: in})
		assert.ErrorIs(t, err, screening.ErrEmptyName, "%q", in)
	}
}
