// Package ownership screens parties by who owns them: the OFAC 50 Percent
// Rule and the BIS Affiliates Rule, applied to ownership data a company
// holds, against a screening list.
//
// A party that is not itself listed can be restricted for its owners: OFAC
// blocks every entity owned 50% or more by blocked persons, and BIS (from
// 2025-09-29, with a suspension from 2025-11-10 to 2026-11-09) applies the
// Entity List's and the MEU List's license requirements, and those of 15 CFR
// 744.8, to every foreign entity owned 50% or more by their parties. Name
// screening (package screening) cannot see either; this package computes
// them from ownership records and says why, with the evidence. Its results
// support a compliance decision; they are not legal advice.
//
// # Steps
//
// A Graph holds parties and edges (owner, owned, share, dates, the record
// each came from). Readers stream ownership files into it, one record at a
// time, so that a file is never held whole:
//
//   - Graph.ReadCSV: a company's own CSV (owner, owned, percent or band,
//     optional ids, countries, list ids, as-of date, kind);
//   - Graph.ReadGLEIF: GLEIF Level 2 relationship records (RR-CDF CSV), and
//     the Level 1 records that name their entities;
//   - Graph.ReadPSC: the UK register of persons with significant control
//     (JSON Lines), whose ownership comes in bands;
//   - Graph.ReadFtM: FollowTheMoney entities (OpenSanctions), Ownership
//     records with or without a percentage.
//
// Each reports every bad record by its line in a LoadError, never skipping
// one silently, and notes what it accepted but a reviewer should know
// (Graph.Notes).
//
// Resolve ties the parties to list entries: by the list ids the data gives
// (Party.ListRefs), else (and also when one of them is not in the list) by
// screening their names with a screening.Screener, keeping the Match and its
// Explanation. A name that is the best match and an
// alert ties its party for certain; one that only resembles a listed party
// (an alert another entry scored above, or a score below the threshold but at
// least ResolveOptions.NearMiss) ties it uncertainly, and the party counts as
// possibly listed.
//
// Resolution.Evaluate applies the rules as of a date and returns a Report,
// from which Report.Outcome gives each party's Outcome: Listed, Owned (under
// which rule, through which paths, with percentages, the listed owners and
// their lists, the ties and name-match explanations that made them count, and
// the license requirement), Possibly (and why), or Clear, with the issues of
// the data behind it. Report.Stakes gives a party's whole ownership picture
// at the date (every owner and holding, counting or not), Report.Summary
// counts findings and problems, Report.Cycles lists the cycles.
//
// # Shares as ranges
//
// A Share is a range [Low, High] of percent. A known percentage is a range of
// one point, a band of the UK register ("more than 25% but not more than
// 50%") its bounds, and a stake of unknown size, such as a GLEIF
// consolidation link, [0, 100]. So one computation gives both answers: a
// party is owned for sure when the Lows of the stakes its counting owners
// hold add up to the threshold, and possibly owned when their Highs do.
//
// # Several statements of one stake
//
// One rule combines several statements of one owner's stake in one party,
// wherever they come from: several percentages of one FollowTheMoney
// Ownership, several ownership natures of one UK PSC record, several
// records (of one source or several) in force at the date evaluated.
// Statements alike are one statement, counted once. Statements that differ
// each say the owner holds at least their Low, and may count the same
// shares or different ones (held directly and as a trustee, two share
// classes, two sources' readings): together they give at least the largest
// Low and at most the sum of the Highs of the differing statements, capped
// at 100%. So 40% and 45% give 45-85%, 30%, 30% and 60% give 60-90%, and
// 30% twice gives 30%. (PSC natures differ by their nature, not only by
// their band: 25-50% held directly and 25-50% as a trustee give 25-100%.)
//
// # The computation
//
// OFAC's rule is a fixed point, not a product along chains: an entity is
// blocked when the shares held in it directly by listed or already-blocked
// parties add up to 50% or more, and a stake held through an entity that is
// not itself blocked counts zero. So when X (listed) holds 50% of A and A
// holds 50% of B, A is blocked, and then B is: multiplying 50% by 50% would
// wrongly clear B. When X holds 25% of A and of B, and A and B each hold 50%
// of C, neither A nor B is blocked, and C is clear.
//
// For each rule, every party has a level: 2 when it counts as an owner for
// sure (listed on one of the rule's lists, or covered), 1 when it possibly
// does, 0 otherwise. The listed parties start at their level; every other
// party starts at 0. Then, repeatedly, a party rises to 2 when the Lows of
// the stakes held in it by parties at 2 reach the threshold, and to 1 when
// the Highs of the stakes held in it by parties at 1 or 2 do, until no party
// changes. The step is monotone: a party that rises only adds to the sums of
// those it holds stakes in, so no level ever falls, and as each party can
// rise at most twice the iteration ends, after at most two passes over each
// stake: a work list keeps each party's two sums and adds an owner's stakes
// once per level it reaches, so the whole is linear in the number of stakes.
// The result is the least fixed point: a party is covered only if a chain of
// covered owners from listed parties makes it so. Cycles need no special
// case: members of a cycle with no outside listed owner stay at 0 (no
// ownership bootstraps itself), and a cycle entered from a listed owner is
// covered as far as the shares carry; cycles are reported (Report.Cycles,
// IssueCycle), as are all problems below. A party's stake in itself
// (treasury shares) is not taken out of its shares: the other owners' stakes
// are counted as recorded, and the issue says that of the shares
// outstanding they are larger, to determine.
//
// Where a rule derives license requirements (the Affiliates Rule), a second
// monotone pass gives each covered party the most restrictive requirement
// among its own, if it is listed, and its counting owners' (by the rule's
// LicenseRanks), starting from the listed parties' own, until nothing
// changes. A listed party owned 50% or more by parties that count is covered
// for its ownership too: an Entity List entity owned by an SDN of a 744.8
// program is subject to the policy of denial, and passes it down, not only
// its own requirement (License.Note says why). The pass runs twice, keeping
// what holds for sure apart from what only may: the certain requirement
// (RuleOutcome.License) comes down stakes of a known minimum held by owners
// that count for sure in parties owned for sure; a more restrictive one that
// comes through a band or unknown share of no known minimum, an owner that
// only possibly counts, or a possible listing, is reported beside it
// (RuleOutcome.PossibleLicense), never in its place. A policy of parts for
// different items ("case-by-case review for X; presumption of denial for
// all other items") ranks as its strictest part, since the item is not
// known here, and below a policy of that rank for every item.
//
// # Problems in the data
//
// Records of one stake (one owner, one owned party) are merged before the
// computation: of the records stating the stake as of a date (Edge.AsOf, the
// CSV's as_of), those as of the latest date on or before Options.AsOf
// supersede the others, so that a file updated each year gives the latest
// statement then, not the largest stake ever recorded (reported as
// IssueConflict); a stake stated only as of a later date (a UK PSC notified
// after the date evaluated) is not established then, and counts as possibly
// held, from 0% to its High (IssueStatedLater); of the rest,
// records that agree are one stake reported more than once
// (IssueDuplicate, never counted twice): repeated in one source they are
// the same statement written twice, and in several sources they confirm
// each other, the same stake seen twice, not two stakes to add; the issue
// says which, and keeps every record, as the stake does; records that
// differ, a percentage and a record of unknown size among them, give the
// range every reading allows, by the rule of "Several statements of one
// stake" (IssueConflict). Stakes in one party adding up to over 100% are
// reported (IssueOverAllocated); a percentage over 100% in a file is an
// error. Bands
// and unknown shares of counting owners make a party possibly owned, and are
// reported (IssueUnknownShare); control without ownership never counts but is
// reported as a caution (IssueControl, OFAC FAQ 398); so are owners with no
// name to screen (IssueUnidentified) and names that could not be screened
// or list ids the list does not hold (IssueUnresolved): on the party itself,
// and on every party it owns, directly or through others, whose evaluation
// is incomplete since whether that owner counts is unknown (the finding is
// left as the data shows it). Stakes, rules and listings are taken as of
// Options.AsOf: edges with dates outside it are left out, and so are ties to
// entries whose start date is after it or whose end date is on or before it
// (IssueNotListedThen says which): a party designated later was not listed
// then. What the data states of a party's ownership without recording a
// stake, a UK PSC statement that the company has no registrable person,
// say, is reported on the party at the dates it is in force
// (IssueStatement), with its record.
//
// # Rules as data
//
// The rules are data (rules.json, embedded; Rules, ReadRules), each with its
// citation: the lists whose parties count as owners, the threshold, whether
// only foreign entities are covered, and the periods the rule is in force or
// suspended. The Affiliates Rule counts the Entity List, the MEU List, and the
// SDNs of the programs 15 CFR 744.8(a)(1) names; that program list is the
// user's to confirm. A user can set a rule's status explicitly
// (Options.Status). Under a rule not in force at the date, a party is Clear,
// and its RuleOutcome still shows what the computation found (Computed).
//
// # Scale and concurrency
//
// A Graph stores an edge in about forty bytes; a million edges load, resolve
// and evaluate in seconds (see BenchmarkResolve). A Graph is not safe for
// concurrent modification; a Resolution and a Report are immutable and safe
// for concurrent use, and keep the graph as it was resolved: reading more
// into the Graph afterwards changes none of their answers.
package ownership
