package service

import (
	"bufio"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// MinKeyLength is the length, in characters, a key must have at least.
const MinKeyLength = 16

// Keys are the API keys a Server accepts. Only their SHA-256 hashes are
// kept, and a key presented is compared with every one in constant time.
// The zero Keys, and a nil *Keys, hold none. Keys are immutable and safe
// for concurrent use.
type Keys struct {
	hashes [][sha256.Size]byte
	ids    []string // of the hashes, for the logs
}

// ParseKeys reads keys, one a line: either the key itself, MinKeyLength
// to 512 visible ASCII characters other than a comma (the characters of
// random tokens, hex or base64), or "sha256:" and the hex SHA-256 of a key,
// so that the file need not hold the key. Blank lines and lines starting
// with "#" are skipped. An error names the line of origin (a file name, or
// the environment variable the text came from) and why, never the key.
func ParseKeys(r io.Reader, origin string) (*Keys, error) {
	k := &Keys{}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 4096)
	var errs []error
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if hexHash, ok := strings.CutPrefix(text, "sha256:"); ok {
			b, err := hex.DecodeString(hexHash)
			if err != nil || len(b) != sha256.Size {
				errs = append(errs, fmt.Errorf("%s, line %d: after \"sha256:\" 64 hexadecimal digits are expected", origin, line))
				continue
			}
			k.hashes = append(k.hashes, [sha256.Size]byte(b))
			continue
		}
		if err := checkKey(text); err != nil {
			errs = append(errs, fmt.Errorf("%s, line %d: %w", origin, line, err))
			continue
		}
		k.hashes = append(k.hashes, sha256.Sum256([]byte(text)))
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("line %d is longer than 4096 bytes", line+1)
		}
		errs = append(errs, fmt.Errorf("%s: %w", origin, err))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	k.ids = make([]string, len(k.hashes))
	for i, h := range k.hashes {
		k.ids[i] = "sha256:" + hex.EncodeToString(h[:4])
	}
	return k, nil
}

// checkKey says what is wrong with a key, without quoting it.
func checkKey(key string) error {
	if len(key) < MinKeyLength {
		return fmt.Errorf("a key of %d characters: a key has %d at least", len(key), MinKeyLength)
	}
	if len(key) > 512 {
		return fmt.Errorf("a key of %d characters: a key has 512 at most", len(key))
	}
	for i := 0; i < len(key); i++ {
		if c := key[i]; c <= ' ' || c > '~' || c == ',' {
			return fmt.Errorf("character %d of the key is not visible ASCII other than a comma", i+1)
		}
	}
	return nil
}

// Len returns the number of keys.
func (k *Keys) Len() int {
	if k == nil {
		return 0
	}
	return len(k.hashes)
}

// match returns the index of the key whose hash is key's, or -1. It
// compares with every key, whatever the outcome, in constant time each.
func (k *Keys) match(key string) int {
	if k == nil {
		return -1
	}
	h := sha256.Sum256([]byte(key))
	found := -1
	for i := range k.hashes {
		if subtle.ConstantTimeCompare(h[:], k.hashes[i][:]) == 1 && found < 0 {
			found = i
		}
	}
	return found
}

// keyID names the key of index i for the logs: the first hex digits of its
// hash, which say nothing of the key.
func (k *Keys) keyID(i int) string { return k.ids[i] }

// presentedKey returns the key of r and the user name that came with it
// (HTTP Basic authentication's, for a browser), or ok false.
func presentedKey(r *http.Request) (key, user string, ok bool) {
	auth := r.Header.Get("Authorization")
	scheme, rest, found := strings.Cut(auth, " ")
	if !found {
		return "", "", false
	}
	switch {
	case strings.EqualFold(scheme, "Bearer"):
		return strings.TrimSpace(rest), "", true
	case strings.EqualFold(scheme, "Basic"):
		b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(rest))
		if err != nil {
			return "", "", false
		}
		user, pass, found := strings.Cut(string(b), ":")
		return pass, user, found
	}
	return "", "", false
}

// authenticate wraps h so that it answers only requests that present a
// key, when the Server has keys: others get 401, with a challenge for
// Basic authentication on a page (so that a browser asks) and for a bearer
// token elsewhere.
func (s *Server) authenticate(h http.Handler, page bool) http.Handler {
	if s.cfg.Keys.Len() == 0 {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ok, presented := s.keyHolder(r)
		if !ok {
			if page {
				w.Header().Set("WWW-Authenticate", `Basic realm="entityscreen review", charset="UTF-8"`)
				writePageError(w, http.StatusUnauthorized, "An API key is needed: give it as the password (any user name, or yours).")
				return
			}
			w.Header().Set("WWW-Authenticate", `Bearer realm="entityscreen"`)
			msg := "an API key is needed: send \"Authorization: Bearer KEY\""
			if presented {
				msg = "the API key is not valid"
			}
			writeError(w, http.StatusUnauthorized, msg)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// keyHolder reports whether r may have what the keys guard: always when
// the Server has no keys, else when r presents one of them, whose id (and
// the user name that came with it) then go to r's log line. presented
// reports whether r presented a key at all, valid or not.
func (s *Server) keyHolder(r *http.Request) (ok, presented bool) {
	if s.cfg.Keys.Len() == 0 {
		return true, false
	}
	key, user, presented := presentedKey(r)
	if !presented {
		return false, false
	}
	i := s.cfg.Keys.match(key)
	if i < 0 {
		return false, true
	}
	if info := infoOf(r); info != nil {
		info.key = s.cfg.Keys.keyID(i)
		info.user = user
	}
	return true, true
}
