package redact

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestText(t *testing.T) {
	for name, tc := range map[string]struct{ in, want string }{
		"no address":  {"0 entries, down 100%", "0 entries, down 100%"},
		"url.Error":   {`entitylist: download https://example.org/x?api_key=xxxxx: Get "https://example.org/x?api_key=abc&fileName=f.zip": dial tcp: refused`, `entitylist: download https://example.org/x?api_key=xxxxx: Get "https://example.org/x?api_key=xxxxx&fileName=f.zip": dial tcp: refused`},
		"password":    {"cannot open postgres://app:s3cret@db:5432/es: refused", "cannot open postgres://app:xxxxx@db:5432/es: refused"},
		"punctuation": {"(see https://example.org/x?token=abc).", "(see https://example.org/x?token=xxxxx)."},
		"two":         {"http://a/?sig=1, http://b/?key=2", "http://a/?sig=xxxxx, http://b/?key=xxxxx"},
		"plain kept":  {"from https://example.org/list.csv: ok", "from https://example.org/list.csv: ok"},
		"bad utf-8":   {"bad \xff https://u:p@h/", "bad \ufffd https://u:xxxxx@h/"},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, Text(tc.in))
		})
	}
}
