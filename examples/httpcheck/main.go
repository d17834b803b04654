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
	"flag"
	"log"
	"net/http"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
)

// maxBody bounds the request body.
const maxBody = 16 << 10

// errorResponse is the JSON answer to a request body that is no query.
type errorResponse struct {
	Error string `json:"error"`
}

// Handler returns the handler of POST /screen, screening with s. The body
// is a screening.Query as JSON ({"name": "...", "country": "RU"}); the
// answer is the library's record of the screening.Result, the one the
// command's JSON Lines hold: 200 when screened, 422 with its "error" when
// the query cannot be screened.
func Handler(s *screening.Screener) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /screen", func(w http.ResponseWriter, r *http.Request) {
		var q screening.Query
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&q); err != nil {
			writeJSON(w, http.StatusBadRequest, errorResponse{"invalid request body: " + err.Error()})
			return
		}
		res, err := s.Screen(r.Context(), q)
		if err != nil {
			writeJSON(w, http.StatusUnprocessableEntity, res)
			return
		}
		writeJSON(w, http.StatusOK, res)
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
