package service

import (
	"net/http"
	"net/http/httptest"
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
