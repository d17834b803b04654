package service

import "testing"

// FuzzBatchItems: the splitting of a batch never panics and never
// returns more queries than its limit. (Package strictjson's fuzz test
// checks the strict decoding of each query.)
func FuzzBatchItems(f *testing.F) {
	for _, s := range []string{
		`{"name": "AO Kaspersky Lab", "country": "RU"}`,
		`{"name": "x", "NAME": "y"}`,
		`{"n\u0061me": "x", "sources": ["EL", "SDN"], "types": ["entity"], "threshold": 0.8, "limit": 3}`,
		`{"name": "\ud83d\ude00 \ud800"}`,
		`{"name": "a \"b\" \\", "id": "x"}`,
		`[{"name": "a"}, {"name": "b"}]`,
		"{\"name\": \"a\"}\n\n{\"name\": \"b\"}\r\n",
		`{"a": {"b": 1, "B": 2}, "c": [{"d": 1}, {"d": 2}]}`,
		"{\"name\": \"\xff\"}",
		` {} `, `[]`, `null`, `"x"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, lines := range []bool{false, true} {
			if items, err := batchItems(b, lines, 3); err == nil && (len(items) == 0 || len(items) > 3) {
				t.Fatalf("batchItems(lines=%v) gave %d queries", lines, len(items))
			}
		}
	})
}
