package entitylist_test

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

// rowReader produces a list of about size bytes on the fly: a header, then
// rows whose bulk is a column or key the loader ignores (an extra column; in
// JSON, the expiration date of an identification), so that the list kept is
// small while the input is large. Every megabyte it samples the heap.
type rowReader struct {
	size, n   int64 // bytes wanted, bytes produced
	rows      int
	buf       []byte
	format    string // "csv", "json" or "inhouse"
	filler    string
	spaces    string // as long as filler
	peakHeap  uint64
	lastProbe int64
}

func newRowReader(format string, size int64) *rowReader {
	r := &rowReader{size: size, format: format, filler: strings.Repeat("lorem ipsum ", 680), spaces: strings.Repeat(" ", 12*680)} // ~8 KB per row
	switch format {
	case "csv":
		r.buf = []byte(cslHeader([]string{"_id", "source", "name", "alt_names", "addresses", "start_date"}) + ",comment\r\n")
	case "json":
		r.buf = []byte("{\"results\": [\n")
	case "inhouse":
		r.buf = []byte("name,aliases,country,id,comment\n")
	}
	return r
}

func (r *rowReader) Read(p []byte) (int, error) {
	if len(r.buf) == 0 {
		if r.n >= r.size {
			if r.format != "json" || r.rows < 0 {
				return 0, io.EOF
			}
			r.buf, r.rows = []byte("\n]}\n"), -r.rows // the end of the document, once
		} else {
			r.row()
		}
	}
	k := copy(p, r.buf)
	r.buf = r.buf[k:]
	r.n += int64(k)
	if r.n-r.lastProbe >= 1<<20 {
		r.lastProbe = r.n
		r.probe()
	}
	return k, nil
}

// row appends the next row to r.buf.
func (r *rowReader) row() {
	r.rows++
	i := r.rows
	switch r.format {
	case "csv":
		r.buf = fmt.Appendf(r.buf, "id-%d,EL,Generated Trading Company %d Ltd.,GTC %d; Gen Trade %d,\"%d Main Road, Minsk, BY\",2021-02-03%s,\"%s\"\n",
			i, i, i, i, i, cslPad(6), r.filler)
	case "json":
		if i > 1 {
			r.buf = append(r.buf, ",\n"...)
		}
		// The format keeps every key it reads: the filler is white space
		// before the object, which a reader skips.
		r.buf = append(r.buf, r.spaces...)
		r.buf = fmt.Appendf(r.buf, `{"id":"id-%d","source":"EL","name":"Generated Trading Company %d Ltd.","alt_names":["GTC %d","Gen Trade %d"],`+
			`"addresses":[{"address":"%d Main Road","city":"Minsk","country":"BY"}],"start_date":"2021-02-03",`+
			`"ids":[{"type":"Passport","number":"1","expiration_date":"2030-01-01"}]}`,
			i, i, i, i, i)
	case "inhouse":
		r.buf = fmt.Appendf(r.buf, "Generated Trading Company %d Ltd.,GTC %d; Gen Trade %d,BY,id-%d,\"%s\"\n", i, i, i, i, r.filler)
	}
}

// entries returns the number of rows produced.
func (r *rowReader) entries() int { return max(r.rows, -r.rows) }

func (r *rowReader) probe() {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	r.peakHeap = max(r.peakHeap, m.HeapAlloc)
}

// TestReadHugeListStreamed loads generated lists of 100 MB each (16 MB under
// the race detector) through Read and checks that no row is lost and that
// the heap stays far below the input size: the input is streamed, and the
// entries do not keep the input's bytes alive.
func TestReadHugeListStreamed(t *testing.T) {
	if testing.Short() {
		t.Skip("100 MB lists skipped in short mode")
	}
	tests := []struct {
		format string
		want   entitylist.Format
	}{
		{"csv", entitylist.FormatCSV},
		{"json", entitylist.FormatJSON},
		{"inhouse", entitylist.FormatInHouse},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			runtime.GC()
			var base runtime.MemStats
			runtime.ReadMemStats(&base)

			r := newRowReader(tt.format, hugeListSize)
			l, err := entitylist.Read(r, "generated")
			require.NoError(t, err)
			r.probe()
			runtime.KeepAlive(l)

			rows := r.entries()
			assert.Equal(t, tt.want, l.Version().Format)
			assert.Equal(t, rows, l.Len(), "every row loaded")
			last := l.Entry(l.Len() - 1)
			assert.Equal(t, fmt.Sprintf("id-%d", rows), last.ID)
			assert.Equal(t, []string{fmt.Sprintf("GTC %d", rows), fmt.Sprintf("Gen Trade %d", rows)}, last.AltNames)
			assert.Equal(t, "BY", last.Addresses[0].Country)
			assert.Equal(t, rows+1, last.Line, "one row a line after the header")

			// An entry kept takes about 1 KB; the input is about 8 KB a row.
			grown := int64(r.peakHeap) - int64(base.HeapAlloc)
			limit := int64(rows)*2<<10 + 16<<20
			t.Logf("%d MB in %d rows: heap grew by %.1f MB at most (limit %.1f MB)", r.n>>20, rows, float64(grown)/(1<<20), float64(limit)/(1<<20))
			if hugeListSize < 100<<20 {
				return // the race detector's smaller size: too small for a heap bound
			}
			assert.Less(t, grown, limit, "heap bounded by the entries kept, not the input size")
			assert.Less(t, grown, r.n/3, "heap well below the input size")
		})
	}
}
