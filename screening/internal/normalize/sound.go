package normalize

import "strings"

// Sound keys.
//
// appendSound appends the sound key of a lower-case Latin key. The rules,
// applied in this order, make the usual romanizations of one name equal:
//
//  1. Russian adjective endings after -sk-: -skiy, -skii, -sky, -ski, -skij,
//     -skyi, -skaya, -skaia, -skoye, -skoe, -skogo, -skoy, -skoi, -skikh,
//     -skih, -skim, -skuyu ... become -ski ("Kasperskogo" meets "Kaspersky"),
//     and the adjective of a place of the qualifier tables sounds as the
//     place (see placeStem: "Voronezhskiy" meets "Voronezh"); a word's
//     first evro-, the Russian and Serbian euro-, becomes euro-
//     ("Evrobet" meets "Eurobet").
//  2. Left to right: shch, sch -> sh; dzh, zh, dj -> j; kh -> h; ph -> f;
//     ts, tz, ck, c, q, k -> k; x -> ks; w -> v; ye -> e; iev -> ev;
//     word-final ij, yj -> i; y -> i; word-final ff -> v ("Smirnoff");
//     word-final gaz, the Russian gas, -> gas ("Surgutneftegaz").
//  3. Runs of the same letter collapse to one ("kk" -> "k", "ii" -> "i").
//
// Digits and other characters are copied. The rules are deliberately
// coarse (c, k and ts all become k, so "central", "kentral" and
// "tsentral" meet); the matcher compares Key as well, so Sound only has to
// make equivalent spellings equal, not to keep every different word apart.
// Vowels other than y/i are kept, and g/k, d/t, s/z, b/p, v/f (except the
// final -ff) stay distinct, so "petrov"/"petrova", "gold"/"cold" and
// "almaz"/"almas" differ.
func appendSound(dst []byte, k string) []byte {
	start := len(dst)
	if rest, ok := strings.CutPrefix(k, "evro"); ok {
		dst = appendSoundPart(dst, start, "euro")
		k = rest
	}
	if stem, ok := foldAdjective(k); ok {
		if place, ok := placeAdjectives.get()[stem]; ok {
			return appendSoundPart(dst, start, place)
		}
		dst = appendSoundPart(dst, start, stem)
		return appendSoundPart(dst, start, "i")
	}
	if rest, ok := strings.CutSuffix(k, "gaz"); ok && rest != "" {
		dst = appendSoundPart(dst, start, rest)
		return appendSoundPart(dst, start, "gas")
	}
	return appendSoundPart(dst, start, k)
}

// appendSoundPart applies rules 2 and 3 to k, appending to dst; dst[start:]
// is the sound key so far.
func appendSoundPart(dst []byte, start int, k string) []byte {
	n := len(k)
	for i := 0; i < n; {
		c := k[i]
		if !soundRuleStart[c] {
			// A byte no rule rewrites (most letters): itself, unless it
			// doubles the letter before it.
			if len(dst) == start || dst[len(dst)-1] != c || !isLetter(c) {
				dst = append(dst, c)
			}
			i++
			continue
		}
		rest := k[i:]
		var out string
		adv := 1
		switch c {
		case 's':
			switch {
			case strings.HasPrefix(rest, "shch"):
				out, adv = "sh", 4
			case strings.HasPrefix(rest, "sch"):
				out, adv = "sh", 3
			}
		case 'd':
			switch {
			case strings.HasPrefix(rest, "dzh"):
				out, adv = "j", 3
			case strings.HasPrefix(rest, "dj"):
				out, adv = "j", 2
			}
		case 'z':
			if strings.HasPrefix(rest, "zh") {
				out, adv = "j", 2
			}
		case 'k':
			out = "k"
			if strings.HasPrefix(rest, "kh") {
				out, adv = "h", 2
			}
		case 'p':
			if strings.HasPrefix(rest, "ph") {
				out, adv = "f", 2
			}
		case 't':
			if strings.HasPrefix(rest, "ts") || strings.HasPrefix(rest, "tz") {
				out, adv = "k", 2
			}
		case 'c':
			out = "k"
			switch {
			case strings.HasPrefix(rest, "ch"):
				out, adv = "ch", 2
			case strings.HasPrefix(rest, "ck"):
				adv = 2
			}
		case 'q':
			out = "k"
		case 'x':
			out = "ks"
		case 'w':
			out = "v"
		case 'y':
			out = "i"
			switch {
			case strings.HasPrefix(rest, "ye"):
				out, adv = "e", 2
			case rest == "yj":
				adv = 2
			}
		case 'i':
			switch {
			case strings.HasPrefix(rest, "iev"):
				out, adv = "ev", 3
			case rest == "ij":
				out, adv = "i", 2
			}
		case 'f':
			if rest == "ff" && i > 0 {
				out, adv = "v", 2
			}
		}
		if out == "" {
			out = rest[:1]
		}
		for j := 0; j < len(out); j++ {
			b := out[j]
			if len(dst) > start && dst[len(dst)-1] == b && isLetter(b) {
				continue // collapse doubled letters
			}
			dst = append(dst, b)
		}
		i += adv
	}
	return dst
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' }

// soundRuleStart holds the bytes that start a rewriting rule of
// appendSoundPart.
var soundRuleStart = func() (t [256]bool) {
	for _, c := range []byte("sdzkptcqxwyif") {
		t[c] = true
	}
	return t
}()

// adjectiveEndings are Russian adjective endings (in their common
// romanizations) that fold to -i after -sk-.
var adjectiveEndings = [...]string{
	"ogo", "ovo", "omu", "aya", "aia", "aja", "oye", "oie", "oe", "oy", "oi", "oj",
	"om", "ikh", "ykh", "ih", "yh", "imi", "ymi", "im", "ym", "uyu", "uiu", "uju",
	"yye", "iye", "iie", "ie", "iy", "ii", "ij", "yi", "yy", "yj", "y", "i",
}

// placeAdjectives maps the stem that foldAdjective leaves of the Russian
// adjective of each place of one word of the qualifier tables (see
// placeStem) to the place's key.
var placeAdjectives = lazy[map[string]string]{build: func() map[string]string {
	m := map[string]string{}
	for name := range placeNames() {
		if k := strings.ToLower(name); len(k) >= minAdjectiveStem && lettersOnly(k) {
			m[placeStem(k)] = k
		}
	}
	return m
}}

// minAdjectiveStem is the fewest letters a stem keeps before -sk (see
// foldAdjective).
const minAdjectiveStem = 3

// placeStem returns the stem that foldAdjective leaves of the Russian
// adjective of place p, the key of a place of one word: the place itself
// when it ends in -sk ("Chelyabinsk", "Chelyabinskiy"), with -sk for its
// last vowel when it ends in one ("Samara", "Samarskiy"; "Warszawa",
// "Warszawski"), with -sk added otherwise ("Voronezh", "Voronezhskiy").
func placeStem(p string) string {
	switch {
	case strings.HasSuffix(p, "sk"):
		return p
	case strings.IndexByte("aeiouy", p[len(p)-1]) >= 0:
		return p[:len(p)-1] + "sk"
	}
	return p + "sk"
}

// foldAdjective reports whether k ends in -sk + an adjective ending, and
// returns k without the ending (its sound key is stem + "i"). The stem
// must keep at least three letters before -sk.
func foldAdjective(k string) (stem string, ok bool) {
	// The endings have one to three letters and no "sk": -sk stands in
	// the last five letters, at most once before an ending.
	for p := max(len(k)-5, minAdjectiveStem); p <= len(k)-3; p++ {
		if k[p] != 's' || k[p+1] != 'k' {
			continue
		}
		for _, e := range adjectiveEndings {
			if k[p+2:] == e {
				return k[:p+2], true
			}
		}
	}
	return k, false
}
