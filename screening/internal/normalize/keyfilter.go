package normalize

// Most words of a name are in none of the tables of words the stages ask
// about (organization words, legal-form keys, qualifiers, ordinals). A
// keyFilter in front of such a table answers most of those words with one
// bit, by their length and first and last letters, before the table
// hashes them.

// keyFilter is a set of the lengths and first and last bytes of the keys
// of a table. The zero keyFilter holds nothing.
type keyFilter struct {
	bits [keyFilterBits / 64]uint64
}

// keyFilterBits is the number of bits of a keyFilter: a table of a few
// thousand keys sets a small part of them.
const keyFilterBits = 1 << 14

// keyFilterSlot returns the bit of the length and the first and last
// bytes of k.
func keyFilterSlot(k string) uint32 {
	if len(k) == 0 {
		return 0
	}
	x := uint32(len(k)) | uint32(k[0])<<8 | uint32(k[len(k)-1])<<16
	return x * 0x9E3779B1 >> (32 - 14)
}

// add records the key k.
func (f *keyFilter) add(k string) {
	i := keyFilterSlot(k)
	f.bits[i/64] |= 1 << (i % 64)
}

// mayHold reports whether the table may hold k: false when it surely
// does not.
func (f *keyFilter) mayHold(k string) bool {
	i := keyFilterSlot(k)
	return f.bits[i/64]&(1<<(i%64)) != 0
}
