package normalize

import "strings"

// Sound keys.
//
// appendSound appends the sound key of a lower-case Latin key. The rules,
// applied in this order, make the usual romanizations of one name equal:
//
//  1. Russian adjective endings after -sk-: -skiy, -skii, -sky, -ski, -skij,
//     -skyi, -skaya, -skaia, -skoye, -skoe, -skogo, -skoy, -skoi, -skikh,
//     -skih, -skim, -skuyu ... become -ski ("Kasperskogo" meets "Kaspersky").
//  2. Left to right: shch, sch -> sh; dzh, zh, dj -> j; kh -> h; ph -> f;
//     ts, tz, ck, c, q, k -> k; x -> ks; w -> v; ye -> e; iev -> ev;
//     word-final ij, yj -> i; y -> i; word-final ff -> v ("Smirnoff").
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
	if stem, ok := foldAdjective(k); ok {
		dst = appendSoundPart(dst, start, stem)
		return appendSoundPart(dst, start, "i")
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

// foldAdjective reports whether k ends in -sk + an adjective ending, and
// returns k without the ending (its sound key is stem + "i"). The stem
// must keep at least three letters before -sk.
func foldAdjective(k string) (stem string, ok bool) {
	// The endings have one to three letters and no "sk": -sk stands in
	// the last five letters, at most once before an ending.
	for p := max(len(k)-5, 3); p <= len(k)-3; p++ {
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
