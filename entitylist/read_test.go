package entitylist_test

import (
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

func TestOpenDetectsFormat(t *testing.T) {
	tests := []struct {
		file    string
		format  entitylist.Format
		entries int
	}{
		{"official.csv", entitylist.FormatCSV, 6},
		{"bom_crlf.csv", entitylist.FormatCSV, 2},
		{"extra_columns.csv", entitylist.FormatCSV, 2},
		{"official.json", entitylist.FormatJSON, 3},
		{"inhouse.csv", entitylist.FormatInHouse, 3},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			l, err := entitylist.Open(fixture(tt.file))
			require.NoError(t, err)
			v := l.Version()
			assert.Equal(t, tt.format, v.Format)
			assert.Equal(t, tt.entries, l.Len())
			assert.Equal(t, fixture(tt.file), v.Origin)
		})
	}
}

func TestReadDetection(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		format entitylist.Format
		err    error
	}{
		{"csl header", shortCSL("_id,source,name", "x,EL,N"), entitylist.FormatCSV, nil},
		{"csl with BOM", "\xEF\xBB\xBF" + shortCSL("_id,source,name", "x,EL,N"), entitylist.FormatCSV, nil},
		{"csl after blank lines", "\r\n\n" + shortCSL("_id,source,name", "x,EL,N"), entitylist.FormatCSV, nil},
		{"inhouse after a blank line", "\nname\nA Co\n", entitylist.FormatInHouse, nil},
		{"inhouse name only", "Name\nA Co\n", entitylist.FormatInHouse, nil},
		{"inhouse aliases", "name,aliases,owner\nA Co,A,me\n", entitylist.FormatInHouse, nil},
		{"json with space", "\n  {\"results\":[{\"source\":\"EL\",\"name\":\"N\"}]}", entitylist.FormatJSON, nil},
		{"json array", "[]", 0, entitylist.ErrNotCSL},
		{"vendor file", "vendor,city\nA,B\n", 0, entitylist.ErrUnknownFormat},
		{"name plus unknown", "name,vendor_id\nA,1\n", 0, entitylist.ErrUnknownFormat},
		{"empty", "", 0, entitylist.ErrEmpty},
		{"blank", " \n\r\n", 0, entitylist.ErrEmpty},
		{"csl missing name", "_id,source\nx,EL\n", 0, entitylist.ErrMissingColumn},
		{"csl missing a column", "_id,source,name\nx,EL,N\n", 0, entitylist.ErrMissingColumn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := entitylist.Read(strings.NewReader(tt.in), "in")
			if tt.err != nil {
				assert.Nil(t, l)
				assert.ErrorIs(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.format, l.Version().Format)
		})
	}
}

func TestReadHashesEverything(t *testing.T) {
	// The SHA-256 is the same whether the format is detected or named.
	big := cslHeader([]string{"_id", "source", "name"}) + "\n" + strings.Repeat("x,EL,Name Co"+cslPad(3)+"\n", 20000) // past the sniffing buffer
	viaRead, err := entitylist.Read(strings.NewReader(big), "a")
	require.NoError(t, err)
	viaCSV, err := entitylist.ReadCSV(strings.NewReader(big), "a")
	require.NoError(t, err)
	assert.Equal(t, viaCSV.Version().SHA256, viaRead.Version().SHA256)
	assert.Equal(t, 20000, viaRead.Len())
	assert.Len(t, viaRead.Warnings(), 19999, "duplicated ids")
}

func TestOpenMissingFile(t *testing.T) {
	_, err := entitylist.Open(fixture("does-not-exist.csv"))
	assert.True(t, errors.Is(err, fs.ErrNotExist))
}
