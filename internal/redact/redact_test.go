package redact

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestURL(t *testing.T) {
	for name, tc := range map[string]struct{ in, want string }{
		"plain":                {"https://example.org/list.csv", "https://example.org/list.csv"},
		"password":             {"https://user:pw@example.org/x", "https://user:xxxxx@example.org/x"},
		"api key":              {"https://example.org/x?api_key=abc&fileName=f.zip", "https://example.org/x?api_key=xxxxx&fileName=f.zip"},
		"token last":           {"https://example.org/x?a=1&access-token=abc", "https://example.org/x?a=1&access-token=xxxxx"},
		"escaped name":         {"https://example.org/x?api%5Fkey=abc", "https://example.org/x?api%5Fkey=xxxxx"},
		"signature":            {"https://example.org/x?X-Amz-Signature=abc&sig=d", "https://example.org/x?X-Amz-Signature=xxxxx&sig=xxxxx"},
		"no value kept":        {"https://example.org/x?flag&a=b", "https://example.org/x?flag&a=b"},
		"other kept":           {"https://example.org/x?fileName=a.csv&format=csv", "https://example.org/x?fileName=a.csv&format=csv"},
		"malformed":            {"http://[::1/x?api_key=abc", "http://[::1/x?xxxxx"},
		"malformed utf-8":      {"http://[::1/\xff", "http://[::1/\uFFFD"},
		"malformed, password":  {"http://user:pw@[::1/x?api_key=abc", "http://xxxxx@[::1/x?xxxxx"},
		"malformed, @ in path": {"http://[::1/a@b", "http://[::1/a@b"},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, URL(tc.in))
		})
	}
}
