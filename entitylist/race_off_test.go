//go:build !race

package entitylist_test

// hugeListSize is the size of the generated list of TestReadHugeListStreamed.
const hugeListSize = 100 << 20
