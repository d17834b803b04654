package service

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/screening"
)

// TestAlertPageSaysContainment: the alert page says when one name holds
// the other whole, which halves the weight of the words it adds, as the
// explanation's Holds says.
func TestAlertPageSaysContainment(t *testing.T) {
	for holds, want := range map[string]string{
		"query":     "The vendor name holds every distinctive word of the listed name and adds distinctive words of its own",
		"candidate": "The listed name holds every distinctive word of the vendor name and adds distinctive words of its own",
	} {
		w := httptest.NewRecorder()
		renderPage(w, http.StatusOK, "alert", alertPage{page: page{Page: "alert", Title: "Alert"}, Explanation: screening.Explanation{Holds: holds}})
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Contains(t, w.Body.String(), want, holds)
	}
}

// TestAlertPageSaysCapped: the alert page says when the checks took the
// score above 1, so that its base and checks need not add up to the score
// it shows, and says nothing of it otherwise.
func TestAlertPageSaysCapped(t *testing.T) {
	const want = "The checks took the score above 1, the most a score is: it is 1."
	for _, capped := range []bool{true, false} {
		w := httptest.NewRecorder()
		renderPage(w, http.StatusOK, "alert", alertPage{page: page{Page: "alert", Title: "Alert"}, Explanation: screening.Explanation{Base: 1, Score: 1, Capped: capped}})
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Equal(t, capped, strings.Contains(w.Body.String(), want), "capped %v", capped)
	}
}
