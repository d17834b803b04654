package monitor

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/entityscreen/entityscreen/screening"
)

// The store keeps, with each vendor record, its digest: the record's hash
// and its footprint (see screening.Footprint), so that a run after a list
// update tells the records that did not change from those that did, and
// tests the first against the entries that did change (screening.Reach),
// in one pass over the table and without normalizing their names again:
// it screens only those a changed entry can reach. A footprint holds only
// for the normalization that made it: the digest keeps it behind a tag of
// the program that made it (tagLen bytes of the SHA-256 of its
// executable), and a run of another program makes it anew.
//
// A digest is digestVersion, the record's SHA-256 (see Vendor.Hash, which
// writes it in hex), then, when the program has a tag, the tag and the
// footprint.

// digestVersion is the first byte of a digest: never that of a hash in
// hex, which a store of an earlier version holds alone.
const digestVersion = 1

// tagLen is the length of the program tag in a digest.
const tagLen = 8

// digestHead is the length of a digest up to its footprint.
const digestHead = 1 + sha256.Size + tagLen

// programTag returns the tag of the running program, or nil when its
// executable cannot be read: then no stored footprint is trusted, and
// none is stored.
var programTag = sync.OnceValue(func() []byte {
	// The running image itself where the system names it, so that a
	// program replaced on disk while it runs keeps its own tag.
	f, err := os.Open("/proc/self/exe")
	if err != nil {
		path, err := os.Executable()
		if err != nil {
			return nil
		}
		if f, err = os.Open(path); err != nil {
			return nil
		}
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil
	}
	return h.Sum(nil)[:tagLen]
})

// readDigest reads the stored digest of a vendor record, or its hash in
// hex where the store holds no digest: it returns the record's hash, and
// its footprint when this program made it, else nil. ok is false for a
// value that is neither.
func readDigest(col []byte) (sum [sha256.Size]byte, fp []byte, ok bool) {
	if len(col) == 2*sha256.Size && col[0] != digestVersion {
		n, err := hex.Decode(sum[:], col)
		return sum, nil, err == nil && n == sha256.Size
	}
	if len(col) < 1+sha256.Size || col[0] != digestVersion {
		return sum, nil, false
	}
	copy(sum[:], col[1:])
	if tag := programTag(); tag != nil && len(col) > digestHead && bytes.Equal(col[1+sha256.Size:digestHead], tag) {
		fp = col[digestHead:]
	}
	return sum, fp, true
}

// digest returns the digest of a vendor record of hash sum and footprint
// fp (nil when it has none).
func digest(sum [sha256.Size]byte, fp []byte) []byte {
	tag := programTag()
	d := make([]byte, 0, digestHead+len(fp))
	d = append(append(d, digestVersion), sum[:]...)
	if tag == nil || fp == nil {
		return d
	}
	return append(append(d, tag...), fp...)
}

// footprintOf returns the footprint of v's name, or nil when it has none
// (a name that cannot be screened: screening it says why).
func footprintOf(v Vendor) []byte {
	fp, err := screening.Footprint(v.Query.Name)
	if err != nil {
		return nil
	}
	return fp
}

// parallel calls f(i) for every i in [0, n) on workers goroutines (every
// CPU when workers is 0), a chunk of i at a time.
func parallel(n, workers int, f func(i int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	const chunk = 256
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, (n+chunk-1)/chunk) {
		wg.Go(func() {
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+chunk, n); i++ {
					f(i)
				}
			}
		})
	}
	wg.Wait()
}
