package service_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/entityscreen/entityscreen/entitylist"
	"github.com/entityscreen/entityscreen/screening"
	"github.com/entityscreen/entityscreen/service"
)

// A Server answers with the library's record of a screening.Result, which
// a client reads back with json.Unmarshal (or as plain JSON in any
// language). Serve would run it on a listener; here httptest does.
func ExampleServer() {
	s, err := service.New(service.Config{
		// The embedded sample: screen against the official list for any
		// real decision.
		Load: func(context.Context) (*entitylist.List, error) { return entitylist.Default(), nil },
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := s.Reload(context.Background()); err != nil {
		log.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()

	resp, err := http.Post(ts.URL+"/v1/screen", "application/json",
		strings.NewReader(`{"name": "Kaspersky Lab JSC", "country": "RU"}`))
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	var res screening.Result
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.StatusCode, res.Alert(), res.Matches[0].Entry.Name, res.Matches[0].Entry.Source)
	// Output: 200 true AO Kaspersky Lab EL
}

// Keys come from a file or an environment variable, one a line; a line
// may give a key's SHA-256 instead of the key, so that the file holds no
// secret. Only the hashes are kept.
func ExampleParseKeys() {
	keys, err := service.ParseKeys(strings.NewReader(`# keys of the procurement system and the review team
prc-7f3a9c2e1b5d4f60a8
sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
`), "keys.txt")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(keys.Len())

	_, err = service.ParseKeys(strings.NewReader("short\n"), "keys.txt")
	fmt.Println(err)
	// Output:
	// 2
	// keys.txt, line 1: a key of 5 characters: a key has 16 at least
}
