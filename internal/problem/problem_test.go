package problem

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFormat(t *testing.T) {
	bad := errors.New("empty name")
	assert.Equal(t, `line 42, field "name": empty name (value "x")`, Format(42, "name", "x", bad.Error()))
	assert.Equal(t, `field "name": empty name`, Format(0, "name", "", bad.Error()))
	assert.Equal(t, `line 3: invalid`, Format(3, "", "", "invalid"))
	long := strings.Repeat("é", 40) // 80 bytes
	got := Format(1, "", long, bad.Error())
	assert.Equal(t, `line 1: empty name (value "`+strings.Repeat("é", 20)+`"… (80 bytes))`, got, "cut at 40 bytes on a character boundary, with the length")
}

func TestWriteList(t *testing.T) {
	errs := make([]error, 12)
	for i := range errs {
		errs[i] = errors.New(string(rune('a' + i)))
	}
	var b strings.Builder
	WriteList(&b, 15, errs)
	assert.Equal(t, "15 errors: a; b; c; d; e; f; g; h; i; j; and 5 more", b.String())
	b.Reset()
	WriteList(&b, 1, errs[:1])
	assert.Equal(t, "a", b.String())
}
