// Httpcheck is a minimal HTTP endpoint that screens a posted name and
// returns JSON, so that systems written in other languages can screen
// through one call:
//
//	go run ./examples/httpcheck -addr localhost:8080 &
//	curl -s localhost:8080/screen -d '{"name": "Kaspersky Lab JSC", "country": "RU"}'
//
// It has no authentication or rate limiting: put it behind whatever your
// services already use.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"log"
	"net/http"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// maxBody bounds the request body.
const maxBody = 16 << 10

// Request is the posted JSON.
type Request struct {
	Name    string `json:"name"`
	Country string `json:"country,omitempty"` // ISO-2 code, optional
}

// Response is the JSON answer to a screened name.
type Response struct {
	Query       string  `json:"query"`
	Alert       bool    `json:"alert"` // some match scores at or above the threshold
	Matches     []Match `json:"matches"`
	ListVersion string  `json:"list_version"`
}

// Match is one match in a Response.
type Match struct {
	ID          string                `json:"id"`
	Name        string                `json:"name"`
	MatchedName string                `json:"matched_name"`
	Score       float64               `json:"score"`
	Source      string                `json:"source"`
	Countries   []string              `json:"countries,omitempty"`
	Explanation screening.Explanation `json:"explanation"`
}

// errorResponse is the JSON answer to a request that could not be screened.
type errorResponse struct {
	Error string `json:"error"`
}

// Handler returns the handler of POST /screen, screening with s.
func Handler(s *screening.Screener) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /screen", func(w http.ResponseWriter, r *http.Request) {
		var req Request
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			writeJSON(w, http.StatusBadRequest, errorResponse{"invalid request body: " + err.Error()})
			return
		}
		matches, err := s.Screen(screening.Query{Name: req.Name, Country: req.Country})
		switch {
		case errors.Is(err, screening.ErrEmptyName), errors.Is(err, screening.ErrInvalidUTF8), errors.Is(err, screening.ErrTooLong):
			writeJSON(w, http.StatusUnprocessableEntity, errorResponse{err.Error()})
			return
		case err != nil:
			writeJSON(w, http.StatusBadRequest, errorResponse{err.Error()})
			return
		}
		resp := Response{Query: req.Name, Matches: make([]Match, len(matches)), ListVersion: s.List().Version().String()}
		for i, m := range matches {
			resp.Alert = resp.Alert || m.Alert
			resp.Matches[i] = Match{
				ID: m.Entry.ID, Name: m.Entry.Name, MatchedName: m.MatchedName, Score: m.Score,
				Source: string(m.Entry.Source), Countries: m.Entry.Countries(), Explanation: m.Explanation,
			}
		}
		writeJSON(w, http.StatusOK, resp)
	})
	return mux
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func main() {
	addr := flag.String("addr", "localhost:8080", "address to listen on")
	listPath := flag.String("list", "", "screening list file (default: the embedded sample list)")
	flag.Parse()
	list := entitylist.Default()
	if *listPath != "" {
		var err error
		if list, err = entitylist.Open(*listPath); err != nil {
			log.Fatal(err)
		}
	} else {
		log.Print("using the embedded SAMPLE list; pass -list with the official list for real screening")
	}
	s, err := screening.New(list)
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{
		Addr:              *addr,
		Handler:           Handler(s),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
	}
	log.Printf("screening on http://%s/screen against %s", *addr, list.Version())
	log.Fatal(srv.ListenAndServe())
}
