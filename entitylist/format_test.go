package entitylist

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFormatsComplete checks every Format, so that a format added without
// its name or its field names fails here rather than silently: each has a
// name of its own, reads back from its text and from JSON, and, unless no
// loader reads it (FormatUnknown, FormatMerged), names its checked fields
// for messages (see formatFields).
func TestFormatsComplete(t *testing.T) {
	noLoader := map[Format]bool{FormatUnknown: true, FormatMerged: true, FormatProcurement: true}
	seen := map[string]Format{}
	for f := range numFormats {
		name := f.String()
		t.Run(name, func(t *testing.T) {
			require.NotEmpty(t, name, "format %d has no name in formatNames", f)
			if g, dup := seen[name]; dup {
				t.Fatalf("formats %d and %d are both named %q", g, f, name)
			}
			seen[name] = f

			b, err := f.MarshalText()
			require.NoError(t, err)
			var back Format
			require.NoError(t, back.UnmarshalText(b))
			assert.Equal(t, f, back, "text")

			j, err := json.Marshal(Version{Format: f})
			require.NoError(t, err)
			var v Version
			require.NoError(t, json.Unmarshal(j, &v))
			assert.Equal(t, f, v.Format, "JSON %s", j)

			fields, ok := formatFields[f]
			if noLoader[f] {
				assert.False(t, ok, "no loader reads format %q: it needs no field names", name)
				return
			}
			require.True(t, ok, "format %q has no entry in formatFields", name)
			assert.NotEmpty(t, fields.id, "id")
			assert.NotEmpty(t, fields.name, "name")
			assert.NotEmpty(t, fields.source, "source")
			assert.NotPanics(t, func() { newBuilder("test", f) })
		})
	}
	assert.Equal(t, "unknown", numFormats.String(), "a value past the formats")
}
