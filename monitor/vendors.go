package monitor

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"runtime"
	"strconv"
	"sync"

	"github.com/entityscreen/entityscreen/screening"
)

// vendorState is what the store knows of a vendor record of a run.
type vendorState uint8

const (
	vendorNew     vendorState = iota // not in the store
	vendorChanged                    // in the store with another hash
	vendorSame                       // in the store as it is
)

// knownVendor is what the store knows of a vendor record of a run.
type knownVendor struct {
	state vendorState
	// footprint is set when the store holds the record's footprint, made
	// by this program; reached when the run's Reach passes its footprint,
	// stored or made anew (or when it has none: see Store.run).
	footprint, reached bool
}

// knownVendors is what the store knows of the vendor records of a run,
// by their index, and the ids it holds that the run does not.
type knownVendors struct {
	vendors []knownVendor
	gone    []string
}

// scanBatch is how many stored vendors scanVendors hands a goroutine at a
// time.
const scanBatch = 4096

// scanned are stored vendors, as read: vendor i has id
// ids[idEnds[i-1]:idEnds[i]] and digest cols[colEnds[i-1]:colEnds[i]].
type scanned struct {
	ids, cols       []byte
	idEnds, colEnds []int
}

func (b *scanned) add(id, col []byte) {
	b.ids = append(b.ids, id...)
	b.idEnds = append(b.idEnds, len(b.ids))
	b.cols = append(b.cols, col...)
	b.colEnds = append(b.colEnds, len(b.cols))
}

func (b *scanned) reset() {
	b.ids, b.cols, b.idEnds, b.colEnds = b.ids[:0], b.cols[:0], b.idEnds[:0], b.colEnds[:0]
}

// scanVendors reads the vendors the store holds, in one pass, and
// compares them with the run's (index gives their indexes by id, hashes
// their hashes). With reach, it tests the stored footprints of the records
// that did not change against it. One goroutine reads the rows; the others
// compare them, a batch at a time.
func (st *Store) scanVendors(ctx context.Context, tx *sql.Tx, index map[string]int, hashes [][sha256.Size]byte, reach *screening.Reach) (knownVendors, error) {
	out := knownVendors{vendors: make([]knownVendor, len(hashes))}
	// A digest, or the hash where there is none; without a Reach, whether
	// this program made a footprint is all that counts: a byte of it is
	// read.
	hash := `CAST(hash AS ` + st.d.blob + `)`
	query := `SELECT id, coalesce(substr(digest, 1, ` + strconv.Itoa(digestHead+1) + `), ` + hash + `) FROM vendors`
	if reach != nil {
		query = `SELECT id, coalesce(digest, ` + hash + `) FROM vendors`
	}
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan *scanned, workers)
	free := make(chan *scanned, 2*workers)
	gone := make([][]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for b := range jobs {
				idStart, colStart := 0, 0
				for j, idEnd := range b.idEnds {
					id, col := b.ids[idStart:idEnd], b.cols[colStart:b.colEnds[j]]
					idStart, colStart = idEnd, b.colEnds[j]
					i, ok := index[string(id)]
					if !ok {
						gone[w] = append(gone[w], string(id))
						continue
					}
					// Each id is one row: no other goroutine writes vendor i.
					k := &out.vendors[i]
					sum, fp, ok := readDigest(col)
					switch {
					case !ok || sum != hashes[i]:
						k.state = vendorChanged
						continue
					case fp == nil:
					case reach == nil:
						k.footprint = true
					default:
						// A footprint this version cannot read is made anew.
						ok, err := reach.Reaches(fp)
						k.footprint, k.reached = err == nil, ok
					}
					k.state = vendorSame
				}
				b.reset()
				select {
				case free <- b:
				default:
				}
			}
		})
	}
	err := func() error {
		defer func() {
			close(jobs)
			wg.Wait()
		}()
		rows, err := tx.QueryContext(ctx, query)
		if err != nil {
			return err
		}
		defer rows.Close()
		var id, col sql.RawBytes
		b := new(scanned)
		for rows.Next() {
			if err := rows.Scan(&id, &col); err != nil {
				return err
			}
			b.add(id, col)
			if len(b.idEnds) == scanBatch {
				jobs <- b
				select {
				case b = <-free:
				default:
					b = new(scanned)
				}
			}
		}
		if len(b.idEnds) > 0 {
			jobs <- b
		}
		return rows.Err()
	}()
	for _, g := range gone {
		out.gone = append(out.gone, g...)
	}
	return out, err
}

// saveVendors makes the vendors table hold vendors: it deletes the records
// gone, writes those new or changed, and the digests of those whose
// footprints were made anew (footprints, by index).
func (st *Store) saveVendors(ctx context.Context, tx *sql.Tx, vendors []Vendor, hashes [][sha256.Size]byte, footprints [][]byte, known knownVendors) error {
	del := st.batch(ctx, tx, `DELETE FROM vendors WHERE id IN `, 1, "")
	for _, id := range known.gone {
		if err := del.add(id); err != nil {
			return err
		}
	}
	if err := del.flush(); err != nil {
		return err
	}
	put := st.batch(ctx, tx, `INSERT INTO vendors (id, hash, query, digest) VALUES `, 4,
		` ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, query = excluded.query, digest = excluded.digest`)
	for i, v := range vendors {
		k := known.vendors[i]
		if k.state == vendorSame && (k.footprint || footprints[i] == nil || programTag() == nil) {
			continue
		}
		q, err := json.Marshal(v.Query)
		if err != nil {
			return err
		}
		if err := put.add(v.ID, hex.EncodeToString(hashes[i][:]), string(q), digest(hashes[i], footprints[i])); err != nil {
			return err
		}
	}
	return put.flush()
}
