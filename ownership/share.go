package ownership

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// unitsPerPercent is the resolution shares are computed in: a ten-thousandth
// of a percent. Shares are summed and compared with the threshold as integers
// of these units, so 25% + 25% is exactly 50%. A share finer than a unit is
// widened to the units around it, never rounded to the nearest (see
// lowUnits), so 49.99% and 49.99996% are never rounded up to 50%.
const unitsPerPercent = 10000

// unitNoise is the floating-point error, in units, that the conversion to
// units forgives: 25.29 * 10000 is 252899.99999999997, which is 252900
// units, not 252899. It is a ten-billionth of a percent, far below the
// precision of any ownership record.
const unitNoise = 1e-6

// fullUnits is 100% in units.
const fullUnits = 100 * unitsPerPercent

// Share is a stake in percent of an entity, as a range: Low <= High, both in
// [0, 100]. A known percentage is a range of one point (Exact); a band such
// as the UK register's "more than 25% but not more than 50%" is its bounds
// (Range); a stake whose size the data does not give is [0, 100]
// (UnknownShare). One mechanism serves all three: a stake counts for sure
// with its Low and possibly with its High.
//
// Shares are computed to a ten-thousandth of a percent: a Low finer than
// that is rounded down and a High up, so that a stake never counts for sure
// with more than its Low, nor possibly with less than its High. An exact
// 49.99996% is thus [49.9999, 50]: below 50% for sure, and 50% possibly
// (a 50% rule finds Possibly, never Owned). The zero Share is an exact 0%.
//
// Like any plain Go value it may be read by many goroutines at once, but not
// changed while another uses it.
type Share struct {
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

// Exact returns the share of exactly p percent.
func Exact(p float64) Share { return Share{Low: p, High: p} }

// Range returns the share of at least low and at most high percent.
func Range(low, high float64) Share { return Share{Low: low, High: high} }

// UnknownShare returns [0, 100]: a stake of unknown size.
func UnknownShare() Share { return Share{Low: 0, High: 100} }

// Valid reports whether 0 <= Low <= High <= 100 and neither is NaN.
func (s Share) Valid() bool {
	return s.Low >= 0 && s.High <= 100 && s.Low <= s.High
}

// Known reports whether the share is one percentage, to a ten-thousandth
// of a percent.
func (s Share) Known() bool { return lowUnits(s.Low) == highUnits(s.High) }

// Unknown reports whether the share is [0, 100]: the data says nothing of its
// size.
func (s Share) Unknown() bool { return lowUnits(s.Low) == 0 && highUnits(s.High) == fullUnits }

// String renders the share as "60%", "25-50%" or "unknown (0-100%)", to a
// ten-thousandth of a percent as it is computed: Low rounded down, High up
// (an exact 49.99996% is "49.9999-50%").
func (s Share) String() string {
	lo, hi := fromUnits(int64(lowUnits(s.Low))), fromUnits(int64(highUnits(s.High)))
	switch {
	case s.Unknown():
		return "unknown (0-100%)"
	case s.Known():
		return formatPercent(lo) + "%"
	default:
		return formatPercent(lo) + "-" + formatPercent(hi) + "%"
	}
}

// formatPercent renders p with at most four decimals and no trailing zeros.
func formatPercent(p float64) string {
	return strconv.FormatFloat(math.Round(p*unitsPerPercent)/unitsPerPercent, 'f', -1, 64)
}

// lowUnits converts percent to units, rounding down: the units of a Low,
// what a stake holds for sure, which must never round up (49.99996% is
// 49.9999%, below 50%, and three stakes of 16.66665% stay below 50% added).
// A value within unitNoise of a unit is that unit.
func lowUnits(p float64) int32 { return int32(math.Floor(p*unitsPerPercent + unitNoise)) }

// highUnits converts percent to units, rounding up: the units of a High,
// what a stake may hold, which must never round down, and of a rule's
// threshold, so that Lows reaching it reach the threshold itself. A value
// within unitNoise of a unit is that unit.
func highUnits(p float64) int32 { return int32(math.Ceil(p*unitsPerPercent - unitNoise)) }

// fromUnits converts units to percent.
func fromUnits(u int64) float64 { return float64(u) / unitsPerPercent }

// shareOf returns the Share of a range in units.
func shareOf(low, high int64) Share { return Share{Low: fromUnits(low), High: fromUnits(high)} }

// errShare is the reason a percentage cannot be read; ParseShare wraps it in
// ErrBadShare.
var errShare = errors.New("not a percentage, a range such as 25-50, >25, or unknown")

// ParseShare reads a share as ownership files write it:
//
//   - a percentage: "60", "60%", "49.99 %", "49,99" (a decimal comma);
//   - a range: "25-50", "25 - 50%", "25–50" (an en dash), "25 to 50";
//   - an open bound: ">25", "more than 25", ">=50", "<25", "at most 25"; a
//     strict upper one ("<", "less than", "under") leaves out the bound
//     itself, to a ten-thousandth of a percent: "less than 50" never
//     reaches 50% (a strict lower one, ">50", is counted from the bound: no
//     finding differs, as 50% is already enough);
//   - nothing known: "", "unknown", "?", "n/a".
//
// Values are percentages, never fractions ("0.5" is half a percent), and must
// be within [0, 100]. Anything else is an error wrapping ErrBadShare.
func ParseShare(s string) (Share, error) {
	if v, ok := smallInt(s); ok {
		return Exact(float64(v)), nil
	}
	t := strings.ToLower(strings.TrimSpace(s))
	switch t {
	case "", "unknown", "?", "n/a", "na", "-":
		return UnknownShare(), nil
	}
	bad := func(err error) (Share, error) {
		return Share{}, fmt.Errorf("%w: %w", ErrBadShare, err)
	}
	const unit = 1.0 / unitsPerPercent
	for _, p := range [...]struct {
		prefix string
		low    bool // the number is the lower bound
		strict bool // the bound itself is left out (see above)
	}{
		{">=", true, false}, {"≥", true, false}, {"at least ", true, false}, {">", true, true}, {"more than ", true, true}, {"over ", true, true},
		{"<=", false, false}, {"≤", false, false}, {"at most ", false, false}, {"<", false, true}, {"less than ", false, true}, {"under ", false, true},
	} {
		if rest, ok := strings.CutPrefix(t, p.prefix); ok {
			v, err := parsePercent(rest)
			if err != nil {
				return bad(err)
			}
			switch {
			case p.low:
				return Range(v, 100), nil
			case p.strict:
				return Range(0, max(v-unit, 0)), nil
			}
			return Range(0, v), nil
		}
	}
	for _, sep := range [...]string{" to ", "–", "—", "-"} {
		if lo, hi, ok := strings.Cut(t, sep); ok && strings.TrimSpace(lo) != "" {
			l, err := parsePercent(lo)
			if err != nil {
				return bad(err)
			}
			h, err := parsePercent(hi)
			if err != nil {
				return bad(err)
			}
			if l > h {
				return bad(fmt.Errorf("the range's low end %s is above its high end %s", formatPercent(l), formatPercent(h)))
			}
			return Range(l, h), nil
		}
	}
	v, err := parsePercent(t)
	if err != nil {
		return bad(err)
	}
	return Exact(v), nil
}

// smallInt reads a whole percentage of one to three digits, the common case,
// without allocating.
func smallInt(s string) (int, bool) {
	if len(s) == 0 || len(s) > 3 {
		return 0, false
	}
	v := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		v = v*10 + int(s[i]-'0')
	}
	return v, v <= 100
}

// parsePercent reads one percentage in [0, 100], with an optional "%" and a
// decimal point or comma.
func parsePercent(s string) (float64, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimSpace(strings.TrimSuffix(t, "%"))
	t = strings.TrimSuffix(t, " percent")
	if strings.Count(t, ",") == 1 && !strings.Contains(t, ".") {
		t = strings.Replace(t, ",", ".", 1)
	}
	if t == "" || strings.ContainsAny(t, "eExXpP_") { // no exponents, hex or digit separators
		return 0, errShare
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) {
		return 0, errShare
	}
	if v < 0 || v > 100 {
		return 0, fmt.Errorf("%s%% is outside 0-100%%", formatPercent(v))
	}
	return v, nil
}

// statedShares combines several statements of one stake by the package's
// one rule (see the package documentation, "Several statements of one
// stake"): statements alike are one, counted once; statements that differ
// each say the owner holds at least its Low, and may count the same shares
// or different ones, so together they give at least the largest Low and at
// most the sum of the differing Highs, capped at 100%. Shares are in units.
//
// The zero statedShares holds no statement.
type statedShares struct {
	seen    [][2]int64 // the differing statements, low and high
	lo, sum int64
}

// add adds a statement of the share [low, high].
func (s *statedShares) add(low, high int64) {
	p := [2]int64{low, high}
	for _, q := range s.seen {
		if q == p {
			return
		}
	}
	s.seen = append(s.seen, p)
	s.lo = max(s.lo, low)
	s.sum += high
}

// differ reports whether the statements added differ.
func (s *statedShares) differ() bool { return len(s.seen) > 1 }

// share returns the share the statements give together: the one
// statement's, when they are alike.
func (s *statedShares) share() (low, high int64) {
	if len(s.seen) == 1 {
		return s.seen[0][0], s.seen[0][1]
	}
	return s.lo, min(s.sum, fullUnits)
}
