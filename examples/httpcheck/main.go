// Httpcheck is a minimal HTTP endpoint that screens a posted name and
// returns JSON, so that systems written in other languages can screen
// through one call:
//
//	go run ./examples/httpcheck -addr localhost:8080 &
//	curl -s localhost:8080/v1/screen -H 'Content-Type: application/json' \
//	    -d '{"name": "Kaspersky Lab JSC", "country": "RU"}'
//
// It shows the idea in one file, but for the strict decoding of the body,
// which it shares with the service (package internal/strictjson). "entityscreen serve" (package service) is
// the service to run: the same route, the same request and the same
// answer, the library's record of a screening.Result, with batches, API
// keys, list reloads, metrics, alerts and the review page. This example
// has no authentication or rate limiting: put it behind whatever your
// services already use.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/internal/strictjson"
	"github.com/entityscreen/entityscreen/screening"
)

// maxBody bounds the request body.
const maxBody = 16 << 10

// errorResponse is the JSON answer to a request that carries no query.
type errorResponse struct {
	Error string `json:"error"`
}

// Handler returns the handler of POST /v1/screen, screening with s. The body
// is a screening.Query as one JSON object ({"name": "...", "country":
// "RU"}) and nothing else, in UTF-8, sent as application/json. The answer
// is the library's record of the screening.Result, the one the command's
// JSON Lines hold, with status 200 when screened and 422 with its "error"
// when the query cannot be screened; or {"error": "..."} saying what is
// wrong with the request:
//
//   - 415 for a Content-Type other than application/json (parameters
//     are allowed, a charset only if it is utf-8);
//   - 413 for a body longer than maxBody;
//   - 400 for a body that is not one such object: invalid UTF-8 (or an
//     escaped lone surrogate, which would be screened as U+FFFD), not
//     JSON, not an object, an unknown or repeated key (in any case, as
//     encoding/json matches them), or anything after the object.
//
// A body is never screened other than as it was sent.
func Handler(s *screening.Screener) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/screen", func(w http.ResponseWriter, r *http.Request) {
		if err := checkContentType(r.Header.Get("Content-Type")); err != nil {
			writeJSON(w, http.StatusUnsupportedMediaType, errorResponse{err.Error()})
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			writeJSON(w, http.StatusRequestEntityTooLarge, errorResponse{fmt.Sprintf("request body longer than %d bytes", tooLarge.Limit)})
			return
		case err != nil:
			writeJSON(w, http.StatusBadRequest, errorResponse{"reading the request body: " + err.Error()})
			return
		}
		var q screening.Query
		if err := strictjson.DecodeObject(body, &q); err != nil {
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

// checkContentType accepts application/json, with parameters, a charset
// only if it is utf-8.
func checkContentType(ct string) error {
	if ct == "" {
		return errors.New(`no Content-Type: send the query as "application/json"`)
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return fmt.Errorf("Content-Type %q: %v", ct, err)
	}
	if mt != "application/json" {
		return fmt.Errorf(`Content-Type %q: send the query as "application/json"`, mt)
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return fmt.Errorf(`Content-Type charset %q: the body must be UTF-8`, cs)
	}
	return nil
}

// writeJSON writes v as JSON, leaving "&", "<" and ">" as they are, as
// the library writes its records (the answer is served as JSON, never as
// HTML).
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
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
		IdleTimeout:       time.Minute,
	}
	log.Printf("screening on http://%s/v1/screen against %s", *addr, list.Version())
	log.Fatal(srv.ListenAndServe())
}
