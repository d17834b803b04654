package screening

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/entityscreen/entityscreen/entitylist"
)

// BenchmarkResultJSON measures writing the JSON record of a result of
// several matches, as the command and the service write every answer.
func BenchmarkResultJSON(b *testing.B) {
	s, err := New(entitylist.Merge(entitylist.Default(), entitylist.Procurement()))
	if err != nil {
		b.Fatal(err)
	}
	r, err := s.Screen(context.Background(), Query{Name: "Kaspersky Lab", Country: "RU"}, WithMinScore(0.3))
	if err != nil {
		b.Fatal(err)
	}
	if len(r.Matches) < 3 {
		b.Fatalf("want several matches, got %d", len(r.Matches))
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(r); err != nil {
			b.Fatal(err)
		}
	}
}
