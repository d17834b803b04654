package entitylist

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestJSONObject(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []jsonMember
		key  string // the key of the error
		err  error
	}{
		{"empty", ` { } `, nil, "", nil},
		{"scalars", `{"a":1,"b" : -2.5e3 ,"c":true,"d":null,"e":"x"}`,
			[]jsonMember{{"a", json.RawMessage(`1`)}, {"b", json.RawMessage(`-2.5e3`)}, {"c", json.RawMessage(`true`)}, {"d", json.RawMessage(`null`)}, {"e", json.RawMessage(`"x"`)}}, "", nil},
		{"nested", "{\n\t\"a\": {\"x\": [1, {\"y\": \"}]\"}]},\r\n\"b\": [[], {}]}",
			[]jsonMember{{"a", json.RawMessage(`{"x": [1, {"y": "}]"}]}`)}, {"b", json.RawMessage(`[[], {}]`)}}, "", nil},
		{"escapes", `{"a\"b":"c\\\"d","\u006e":"\\"}`,
			[]jsonMember{{`a"b`, json.RawMessage(`"c\\\"d"`)}, {"n", json.RawMessage(`"\\"`)}}, "", nil},
		{"number last", `{"a":12}`, []jsonMember{{"a", json.RawMessage(`12`)}}, "", nil},
		{"duplicate", `{"name":"A","x":1,"name":"B"}`, nil, "name", ErrDuplicateKey},
		{"escaped duplicate", `{"name":"A","\u006eame":"B"}`, nil, "name", ErrDuplicateKey},
		{"key not UTF-8", "{\"caf\xe9\":1}", nil, "caf\xe9", ErrInvalidUTF8},
		{"array", `[1]`, nil, "", ErrBadValue},
		{"string", `"x"`, nil, "", ErrBadValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, key, err := jsonObject([]byte(tt.in))
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err)
				assert.Equal(t, tt.key, key)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestJSONObjectManyKeys(t *testing.T) {
	in := []byte("{")
	for i := range 2 * membersIndexedAt {
		if i > 0 {
			in = append(in, ',')
		}
		in = append(in, `"k`...)
		in = append(in, byte('A'+i/26), byte('a'+i%26))
		in = append(in, `":1`...)
	}
	members, _, err := jsonObject(append(in, '}'))
	require.NoError(t, err)
	assert.Len(t, members, 2*membersIndexedAt)

	_, key, err := jsonObject(append(in, `,"kBa":2}`...)) // past the point where a map takes over
	require.ErrorIs(t, err, ErrDuplicateKey)
	assert.Equal(t, "kBa", key)
}

// FuzzJSONObject checks jsonObject against encoding/json: for any valid
// JSON object, the members it splits are valid JSON values, and, unless it
// reports a repeated key, they are the object encoding/json decodes.
func FuzzJSONObject(f *testing.F) {
	f.Add([]byte(`{"a":1,"b":[{"c":"}"}],"d":"\"","e":{}}`))
	f.Add([]byte(`{"a":1,"a":2}`))
	f.Add([]byte(" {\"x\" :\t-0.5e-3 , \"y\":null}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var want map[string]json.RawMessage
		if json.Unmarshal(data, &want) != nil || want == nil {
			return
		}
		members, _, err := jsonObject(data)
		if err != nil {
			if len(members) != 0 {
				t.Fatalf("members and error both returned: %v", err)
			}
			return
		}
		got := make(map[string]json.RawMessage, len(members))
		for _, m := range members {
			if !json.Valid(m.value) {
				t.Fatalf("member %q: invalid value %q", m.key, m.value)
			}
			got[m.key] = m.value
		}
		if len(got) != len(want) {
			t.Fatalf("%d keys, encoding/json has %d", len(got), len(want))
		}
		for k, v := range want {
			if string(got[k]) != string(v) {
				t.Fatalf("key %q: %q, encoding/json has %q", k, got[k], v)
			}
		}
	})
}
