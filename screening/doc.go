// Package screening matches vendor and party names against a screening list
// such as the US Consolidated Screening List.
//
// A [Screener] is built once per [entitylist.List] by [New]: it normalizes
// every name and alternate name of every entry with package normalize and
// indexes their words, so that a query never scans the whole list. [Screener.Screen]
// normalizes the query the same way, finds candidate names through the index
// (exact words, romanization-insensitive spellings, misspellings by shared
// trigrams, words glued or split, initials), scores each candidate and
// returns the entries it may be, best first, each with an [Explanation]
// (unless screened [WithExplanations](false)); the rows of one party (one OFAC entity number) are one match
// ([Match.Also]), and rows of one organization on other lists point to it
// ([Match.Party]). Every match says what its listings oblige
// ([Match.Effects]: blocked, license required, procurement prohibited ...).
// Names in Chinese, Japanese, Korean and Arabic script are read into Latin
// words by the same normalizer, for list names and queries alike.
//
// Scores are in [0, 1]. They weigh words by their rarity in the list, so a
// distinctive word such as "Kaspersky" decides and organization words such as
// "Technologies" or "Company" do not; places and business qualifiers
// ("Europe", "Global") neither make a match nor break one, so
// "Hikvision Europe B.V." is Hikvision's; a listed person's surname and
// given names are compared as such; legal forms are compared as classes
// ("OOO" equals "LLC"); numbers must agree (a number in digits that the
// listed name lacks costs little). What else the caller knows of the party
// ([Query] Country, Kind, Address, ID) is evidence for and against. A score at or above the threshold ([DefaultThreshold] unless set
// with [WithThreshold]) is an alert for an analyst to review. Screening
// results support a compliance decision; they are not legal advice.
//
// Matches of equal score (to the four places reported) are ordered by the
// agreement of legal forms (the same form written alike, then the same
// class), matches of the query's whole name before matches of its parts,
// names written more like the query (case and punctuation aside), primary
// names before aliases, whole names before their parts, then by list order.
package screening
