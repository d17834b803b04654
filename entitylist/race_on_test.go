//go:build race

package entitylist_test

// hugeListSize is the size of the generated list of TestReadHugeListStreamed:
// smaller under the race detector, which slows parsing about tenfold.
const hugeListSize = 16 << 20
