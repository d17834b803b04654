package normalize

// Korean runs.
//
// A run of Hangul syllables is cut into words as a Chinese run is (see
// han.go), by a small dictionary of organization words, legal-form words,
// places and loanwords (koreanWords): "삼성전자" is 삼성 | 전자, "samseong
// jeonja", and jeonja is the organization word electronics. The syllables
// of a word are written in Revised Romanization, with the sound changes
// across syllables that it writes (liaison: 한국어 "hangugeo"; ㄹ after ㄴ
// or ㄹ: 신라 "silla"; nasalization: 국내 "gungnae", 종로 "jongno").
//
// The sound key of a word read from Hangul is that of its
// McCune-Reischauer spelling without diacritics and apostrophes (which
// lists use for North Korean names: 평양 is P'yŏngyang, "pyongyang"), so
// that a word meets its Revised spelling by its key and its
// McCune-Reischauer spelling by its sound key. Words of the dictionary
// have the sound key of their reading.

// Jamo of a syllable: 19 initial consonants, 21 vowels, 27 final
// consonants (index 0: none).
var (
	rrInitial = [19]string{"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"}
	mrInitial = [19]string{"k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch", "k", "t", "p", "h"}
	rrVowel   = [21]string{"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"}
	mrVowel   = [21]string{"a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"}
	// finalCoda is the sound of a final consonant before a consonant or at
	// the end of a word; finalOnset the sound it has before a vowel, where
	// it moves to the next syllable.
	finalCoda  = [28]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}
	finalOnset = [28]string{"", "g", "kk", "gs", "n", "nj", "n", "d", "r", "lg", "lm", "lb", "ls", "lt", "lp", "r", "m", "b", "bs", "s", "ss", "ng", "j", "ch", "k", "t", "p", ""}
)

// jamo splits a Hangul syllable into its initial, vowel and final.
func jamo(r rune) (l, v, t int) {
	s := int(r - 0xAC00)
	return s / 588, s % 588 / 28, s % 28
}

// appendRomaja appends the romanization of the Hangul syllables rs as one
// word: Revised Romanization, or McCune-Reischauer without diacritics when
// mr is set.
func appendRomaja(dst []byte, rs []rune, mr bool) []byte {
	for i, r := range rs {
		l, v, t := jamo(r)
		prevT, prevCoda := -1, ""
		if i > 0 {
			_, _, prevT = jamo(rs[i-1])
			prevCoda = finalCoda[prevT]
		}
		// The onset: liaison of the previous final before a vowel, else the
		// initial, changed by what precedes it.
		onset := rrInitial[l]
		if mr {
			onset = mrInitial[l]
		}
		switch {
		case l == 11 && prevT > 0: // ㅇ after a final: the final moves over
			onset = finalOnset[prevT]
			if mr {
				onset = mrOnset(onset)
			}
		case l == 5 && (prevCoda == "n" || prevCoda == "l"): // ㄹ after ㄴ or ㄹ
			onset = "l"
		case l == 5 && prevT > 0: // ㄹ after another final
			onset = "n"
		case l == 2 && prevCoda == "l": // ㄴ after ㄹ
			onset = "l"
		case mr && i > 0 && (l == 0 || l == 3 || l == 7 || l == 12) && (prevT == 0 || isVoicedCoda(prevCoda)):
			onset = [...]string{0: "g", 3: "d", 7: "b", 12: "j"}[l] // voiced between voiced sounds
		case mr && l == 9 && (v == 20 || v == 16 || v == 2 || v == 6 || v == 12 || v == 17 || v == 7):
			onset = "sh" // ㅅ before i and y
		}
		dst = append(dst, onset...)
		if mr {
			dst = append(dst, mrVowel[v]...)
		} else {
			dst = append(dst, rrVowel[v]...)
		}
		if t == 0 {
			continue
		}
		// The coda: none when it moves to the next syllable, nasal before a
		// nasal or ㄹ.
		coda := finalCoda[t]
		if i+1 < len(rs) {
			nl, _, _ := jamo(rs[i+1])
			switch {
			case nl == 11:
				coda = ""
			case nl == 2 || nl == 6 || nl == 5: // ㄴ, ㅁ, ㄹ
				switch coda {
				case "k":
					coda = "ng"
				case "t":
					coda = "n"
				case "p":
					coda = "m"
				case "n":
					if nl == 5 {
						coda = "l"
					}
				}
			}
		}
		dst = append(dst, coda...)
	}
	return dst
}

// mrOnset returns the McCune-Reischauer spelling of a final moved to the
// next syllable (given in Revised Romanization), without diacritics.
func mrOnset(s string) string {
	switch s {
	case "gs":
		return "ks"
	case "bs":
		return "ps"
	case "lg":
		return "lg"
	case "kk", "ss", "tt", "pp":
		return s
	}
	return s
}

// isVoicedCoda reports whether a final sound voices a plain consonant
// after it (McCune-Reischauer writes 전기 "chongi", 동대문 "tongdaemun").
func isVoicedCoda(c string) bool {
	return c == "n" || c == "l" || c == "m" || c == "ng"
}

// koreanDictionary is the Korean dictionary, by the words' syllables, of
// their readings.
type koreanDictionary = runDictionary[reading]

var koreanDict = lazy[*koreanDictionary]{build: func() *koreanDictionary {
	d := newRunDictionary[reading](0xAC00, 0xD7A4)
	for _, e := range koreanWords {
		if !d.add([]rune(e[0]), newReading(e[1])) {
			panic("normalize: word twice in the Korean dictionary: " + e[0]) // a bug in the table
		}
	}
	return d
}}

// readHangul reads the units of a run of Hangul syllables.
func (sc *scratch) readHangul(us []unit) {
	sc.read |= ReadRevised
	d := koreanDict.get()
	for i := 0; i < len(us); {
		if e, w := d.longest(us, i); e > 0 {
			sc.emitWord(0, w, us[i].ps, us[e-1].pe)
			i = e
			continue
		}
		j := i + 1
		for j < len(us) {
			if d.startsWord(us[j].r) {
				if e, _ := d.longest(us, j); e > 0 {
					break
				}
			}
			j++
		}
		rs := sc.runes[:0]
		for _, u := range us[i:j] {
			rs = append(rs, u.r)
		}
		sc.runes = rs
		text := appendRomaja(sc.rbuf[:0], rs, false)
		sc.rbuf = text
		sc.emitWord(wHangul, reading{text: unsafeString(text)}, us[i].ps, us[j-1].pe)
		i = j
	}
}

// appendHangulSound appends the sound key of a word read from the Hangul
// syllables of s: that of its McCune-Reischauer spelling.
func (sc *scratch) appendHangulSound(dst []byte, s string) []byte {
	rs := sc.runes[:0]
	for _, r := range s {
		if r >= 0xAC00 && r <= 0xD7A3 {
			rs = append(rs, r)
		}
	}
	sc.runes = rs
	off := len(sc.rbuf)
	sc.rbuf = appendRomaja(sc.rbuf, rs, true)
	dst = appendSound(dst, unsafeString(sc.rbuf[off:]))
	sc.rbuf = sc.rbuf[:off]
	return dst
}
