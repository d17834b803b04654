package normalize

import "testing"

func TestEveryday(t *testing.T) {
	for key, want := range map[string]bool{
		"liberty": true, "star": true, "power": true, "united": true, "mountain": true,
		"hikvision": false, "huawei": false, "kaspersky": false, "sberbank": false,
		"": false, "Liberty": false, // keys are lower case
	} {
		if got := Everyday(key); got != want {
			t.Errorf("Everyday(%q) = %v, want %v", key, got, want)
		}
	}
	if n := len(everydayWords.get()); n < 10000 || n > 12000 {
		t.Errorf("the table holds %d words, want about 10,700", n)
	}
}
