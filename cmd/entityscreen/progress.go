package main

import (
	"fmt"
	"io"
	"time"
)

// progressMin is the number of rows after which the progress bar appears:
// shorter inputs finish before anyone would look at it.
const progressMin = 5000

// progress draws a one-line progress bar on a terminal: rows done, rate and,
// when the input size is known, the part done and the time left. It draws
// nothing unless its writer is a terminal and the input has passed
// progressMin rows.
type progress struct {
	w     io.Writer
	size  int64 // bytes of input, 0 if unknown
	start time.Time
	last  time.Time
	shown bool
	now   func() time.Time
}

// newProgress returns a progress bar on w, or nil if w is not a terminal.
func newProgress(w io.Writer, size int64) *progress {
	if !isTerminal(w) {
		return nil
	}
	return &progress{w: w, size: size, start: time.Now(), now: time.Now}
}

// update redraws the bar after rows rows, at most a few times a second.
func (p *progress) update(rows int, read *countReader) {
	now := p.now()
	if rows < progressMin || now.Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last = now
	var n int64
	if read != nil {
		n = read.n.Load()
	}
	fmt.Fprint(p.w, "\r"+p.line(rows, n, now.Sub(p.start))+"\x1b[K")
	p.shown = true
}

// line renders the bar after rows rows and n bytes read in elapsed time.
func (p *progress) line(rows int, n int64, elapsed time.Duration) string {
	rate := float64(rows) / max(elapsed.Seconds(), 1e-3)
	s := fmt.Sprintf("%d rows  %.0f rows/s", rows, rate)
	if p.size > 0 && n > 0 {
		frac := min(float64(n)/float64(p.size), 1)
		const width = 30
		done := int(frac * width)
		bar := make([]byte, width)
		for i := range bar {
			bar[i] = '-'
			if i < done {
				bar[i] = '#'
			}
		}
		left := time.Duration(float64(elapsed) * (1 - frac) / max(frac, 1e-9)).Round(time.Second)
		s = fmt.Sprintf("[%s] %3.0f%%  %s  %s left", bar, frac*100, s, left)
	}
	return s
}

// finish clears the bar so that what follows on the terminal starts clean.
func (p *progress) finish() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}
