// Package normalize turns company and person names into comparable tokens.
//
// The same pipeline normalizes list names (once, when an index is built)
// and queries. Its stages are plain functions over the previous stage's
// output, each with its tables as data beside it:
//
//  1. Unicode folding (fold.go, translit.go, lookalike.go): NFC, then per
//     rune NFKD compatibility folding (full-width letters, ligatures),
//     combining marks dropped, case folded (ß is ss), letters that do not
//     decompose mapped by a table (ø ł đ æ œ þ ı ..., and Latin small
//     capitals: ᴋᴀsᴘᴇʀsᴋʏ), format characters (zero-width space, soft
//     hyphen, BOM) and the invisible Hangul fillers dropped, dashes,
//     quotes and apostrophes unified, and
//     Cyrillic (Russian, Ukrainian, Belarusian, Kazakh, Serbian, ...),
//     Greek, Armenian and Georgian transliterated to ASCII; the decimal
//     digits of every script (Arabic-Indic, Devanagari, Bengali, Tamil,
//     Thai, Khmer, ...) read as ASCII digits. Names disguised
//     read as written to look: Cyrillic, Greek and Cherokee letters that
//     look like Latin ones (Unicode's confusables) are those Latin letters
//     in a word that mixes them with Latin letters ("Kаsреrskу") or holds
//     Cherokee ones ("ᏦᎪᏚᏢᎬᎡᏚᏦᎽ"); weaker lookalikes (Cyrillic к в н м т г
//     and Greek κ τ, which look like Latin small capitals, and Armenian
//     օ ս հ ո ...) only in a word with a Latin letter that looks like no
//     Cyrillic one ("Kаsреrsкy", but not "Вoстoк" with a Latin o); a word
//     of Cyrillic or Greek lookalikes only is Latin in a name otherwise
//     Latin ("РЕСО Energy")
//     while a Cyrillic name stays transliterated ("ООО Касперский Груп");
//     digits and symbols between letters stand for them ("K@spersky",
//     "R0s0b0r0nexp0rt"), while numbers, digits that start or end a word
//     and words of few letters keep their digits ("911", "3M", "1st",
//     "G4S").
//     Chinese, Japanese, Korean and Arabic-script names are read into Latin
//     words (script.go; see Scripts below).
//  2. Words (tokens.go): runs of letters and digits; "&" and "+" are "and";
//     runs of single letters join into initialisms ("A.T.E." is "ate",
//     "S.A." is "sa"), and so do letters joined by an "and" ("P&P",
//     "P and P" and "P P" are "pp"; such an initialism is never a legal
//     form: "A&B" is not the Swedish AB), and four letters or more joined
//     by single hyphens ("K-a-s-p-e-r-s-k-y" is "kaspersky").
//  3. List wording (markers.go, patterns.go): "a.k.a.", "f.k.a.", "d/b/a"
//     markers and "and any successor, sub-unit, or subsidiary thereof" (or
//     "and its sub-units and successors") are removed.
//  4. Legal forms (legalform.go, patterns.go, legalform_table.go,
//     legalwords.go): a table of several hundred written forms in many
//     languages and scripts, each mapped to a canonical Class; found forms
//     are removed from the tokens and kept in Name.LegalForms. Phrases are
//     matched word by word over legal-form keys: abbreviated words fold
//     first ("Ltd. Liability Co." is "Limited Liability Company"), long
//     words (seven letters or more) may carry one typo inside a phrase, a
//     phrase whose words were rotated around the name ("Company IKS Joint
//     Stock") is found by its set of words, forms written as unevenly
//     re-spaced letters ("SA S", "S A R L", "I L L C") by their joined
//     letters, and single letters left at the end of a name that are the
//     remains of a dotted form ("Rosagro S") are dropped (classify.go).
//     Leftover words of incomplete phrases ("Liability", "Obshchestvo")
//     are Generic. A leading "The" is dropped (markers.go). One-word forms
//     glued to a name are split off and removed ("KasperskyLLC",
//     "SiemensAG", "OOOGazprom"; glued.go); a name glued to an
//     organization word is not split ("KasperskyLab": Unglue and
//     GlueSurfaces let a matcher meet it with both words written apart).
//     A few forms count only as written: the Ukrainian АТ in Cyrillic (the
//     Latin "AT" is a word), and the Japanese and Korean forms of one
//     character in parentheses or enclosed ("(株)", "㈱", "(주)") only as a
//     part of their own.
//     A person's name has no legal form: NormalizePerson and
//     PersonVariants skip this stage ("PAO, Yu Liang" is no ПАО, nor "KHUN
//     SA" a société anonyme).
//  5. Generic words (generic.go, classify.go): organization words and
//     stop words fold to one key each and are marked Generic (words of
//     five letters or more also by their sound key, and of nine letters or
//     more with one insertion, deletion or transposition; but the one word
//     of a name stays Distinctive unless the tables write it so: "Cenntro"
//     is no "Centro"); a few abbreviations of non-generic words fold but
//     stay Distinctive ("comms" is "communications"); numbers and ordinals
//     ("1st", "first", "5ТХ") become Number tokens.
//  6. Qualifiers (qualifier.go): places (countries by English and local
//     names and adjectives, regions, US states, major cities) and words of
//     business reach ("Global", "Overseas") become Qualifier tokens, unless
//     the name has no other distinctive word ("Bank of Moscow"); a one-word
//     name of a country folds to the country's key ("Deutschland" and
//     "German" are "germany"); the short remains of a legal form standing
//     before trailing qualifiers are Generic ("Cambios Palmilla de C V
//     Japan").
//  7. Sound keys (sound.go): a romanization-insensitive key per word.
//
// # Scripts
//
// Letters of the scripts that write no Latin letters and that lists and
// supplier masters hold most are read in runs (script.go), each run by
// itself, so that a word reads the same wherever it stands:
//
//   - Chinese (han.go, pinyin.go): a run of Han characters is cut into
//     words by a dictionary of organization words, legal-form words,
//     places and other words of company names (han_table.go); the
//     characters between two dictionary words are one word, a brand, their
//     Mandarin readings joined ("华为" is "huawei"). Traditional characters
//     fold to simplified ones first (a table of about 800 pairs), so
//     華為 is 华为. The readings come from the table of go-pinyin
//     (pinyin.txt, generated, parsed on first use); characters of several
//     readings common in names read as usual (长 chang, 行 xing), their
//     other readings are alternatives in Variants. Dictionary words read
//     as pinyin that the later stages classify: "jishu" and "keji" are the
//     generic word technology, "youxian gongsi" the legal form LTD (as
//     when a list writes "Haiguang Xinxi Jishu Youxian Gongsi"), places by
//     their usual names are qualifiers (深圳市 is "shenzhen shi"); 第 before
//     a number is "No." and Chinese numerals are digits (第十三 is "no 13").
//     Words that names translate rather than transcribe (移动 mobile, 航天
//     aerospace) read in English in an alternative of Variants.
//   - Japanese (kana.go): kana in Hepburn without macrons ("トヨタ" is
//     "toyota"); Japanese words of the dictionary in Japanese (株式会社 is
//     "kabushiki kaisha", the legal form KK; katakana loanwords as the
//     English word: グループ is "group"); other kanji as Chinese
//     characters, which Name.Read says (ReadKanjiAsChinese).
//   - Korean (hangul.go): Hangul in Revised Romanization, cut by a small
//     dictionary too ("삼성전자" is "samseong" and the generic "jeonja",
//     electronics); the sound key of a word is that of its
//     McCune-Reischauer spelling, so 평양 meets "Pyongyang" and 조선
//     "Choson" by it, and "Joseon" by its key.
//   - Arabic, Persian, Urdu and Pashto (arabic.go): letters with the short
//     vowels the script leaves out guessed by a few rules, common names
//     and name words from a table as usually spelled, the article ال a word
//     of its own, and الله joined to the word before it ("نجيب الله" is
//     Najibullah); the table's other spelling styles (Mohammad, Mohammed,
//     Mohamed for محمد; Abdul for عبد) are alternatives in Variants. A
//     name holding a word of organizations (جبهة front, جماعة group,
//     دولة state) reads in English too, in alternatives of Variants: the
//     words of a small table (arabic_english.go) of organization words,
//     places and small words in English, the others as usual
//     (الدولة الإسلامية في العراق "state islamic in iraq").
//
// Words read from a run are Latin words like any other, but for legal
// forms: they are part of a legal form only of a table row written in
// their script, so that a brand read as "ao" or "zao" is no Russian
// form.
//
// # Sound keys
//
// Token.Sound makes equivalent romanizations equal: Kasperskiy, Kasperskii,
// Kaspersky and Kasperski; Zh/J; Kh/H (Okhrana, Ohrana); Ts/Tz/C and c/k
// (Tsentral, Central, Kentral); Yu/Iu; Ya/Ia; -iy/-yi/-ii/-y; e/ye; ck/k/kk;
// x/ks; ph/f; w/v; doubled letters; y/i (Shipyard, Shipiard). See
// appendSound for the exact rules. The matcher compares Key too: Sound is
// coarse on purpose.
//
// # Idempotence
//
// A name's Display normalizes to the same tokens. The stages after the
// words therefore read the words as the Display presents them: markers
// and legal forms match over the kept words, skipping removed ones
// ("Trading Ltd As" holds the marker "Trading As"); markers, a leading
// "The" and legal forms are looked for again until nothing changes;
// letters that only a removed word separated stay apart (the Display of
// "A LLC B" is "A - B"); a legal form glued to a kept word stays in the
// Display with it ("KasperskyLLC"), and the decisions that read a whole
// word (lookalikes, digits standing for letters) read no more than a word
// the Display writes whole; letters are not cut so that a marker remains ("A K
// A A B" keeps its letters); the Display's separators are read from the
// folded text, as the tokenizer reads them; a no-break or other Unicode
// space reads as a plain space in every stage, as the Display writes it
// ("0 A\u00a0C" loses its trailing letters as "0 A C" does); and a
// Display that would be longer than MaxLen (closed parentheses, NFC
// expansions) is the input itself.
//
// # Concurrency and cost
//
// Normalize, NormalizeInto and Variants are safe for concurrent use: they
// share only immutable tables (built once, lazily) and a sync.Pool of
// working buffers; no transform.Chain or stateful cases.Caser is used. A
// typical name costs a few microseconds. NormalizeInto puts all derived
// text of a call into one string, and allocates nothing for a plain ASCII
// name that needs no rewriting.
//
// # Limitations
//
// Hebrew, Thai, Devanagari and other scripts that are not transliterated
// here are kept as NonLatin tokens in their folded original script and can
// only match the same script exactly. Chinese names are read, not
// translated: a name the lists give in English ("Semiconductor
// Manufacturing International Corporation" for 中芯国际) or as a brand of
// its own ("Hikvision" for 海康威视) is not met, but for the words of the
// translation alternative. Japanese kanji have no Japanese readings but
// the dictionary's; Korean names are read syllable by syllable (김 is
// "gim", not "Kim"). Arabic-script names translate only by the words of
// their table: a name whose other words the lists translate too is not
// met by its English name. Arabic-script vowels are guessed: a word read letter
// by letter says so (Token.Guessed), and the matcher compares its
// consonants, as the guess of its vowels may be wrong. Transliteration of the other scripts is letter by letter: Greek and
// Armenian digraphs are handled (Greek μπ, ντ, γκ read b, d, g at the
// start of a word only), language-specific readings only for
// Ukrainian/Belarusian г (h; not in a word with ў and и, which is Uzbek)
// and the Bulgarian vowel ъ (a, before a consonant; Russian writes ъ
// before е, ё, ю, я only, where it reads as nothing). Serbian ђ reads dj,
// as the lists write it ("Ђорђевић" is Djordjevic), while the Latin đ,
// Vietnamese too ("Đức" is Duc), reads d; and ё as е, e, as lists write it most
// ("Petr", "Fedorov"; "Pyotr" meets it by a typo only). Legal forms are recognized from the table
// only; ambiguous short forms only at the ends of a name or of its parts.
// Dropping trailing remains of dotted forms also drops a trailing single
// initial of a one-part name ("John A"); "SMITH, John A" keeps it, as do
// Roman numerals (I, V, X) and letters joined by a hyphen ("Angstrem-T").
// A legal form of three letters or fewer glued to a name is split off
// only where the case changes ("KasperskyLLC", not "KASPERSKYLLC"). The
// digit 1 stands for i, though it stands for l as often (a word with the
// other letter meets it by a typo); digits at the start or end of a word
// ("Huawe1") and stand-ins of other symbols ("!" for i) are not read.
// The abbreviations "res", "dev" and "ind" fold to research, development
// and industry: they are rarely names in the lists screened (the Indian
// given name Dev is the known exception; it then weighs as a generic
// word).
package normalize
