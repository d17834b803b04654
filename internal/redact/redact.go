// Package redact removes the secrets an address may carry before it is
// shown or saved: a password (user:password@host) and the values of query
// parameters that hold a key or a token, as the SAM.gov extract's
// address does (?api_key=...).
package redact

import (
	"net/url"
	"strings"
)

// hidden replaces a secret, as url.URL.Redacted replaces a password.
const hidden = "xxxxx"

// secretWords are the parts of a query parameter's name, lower-cased and
// without "-", "_" and ".", that mark its value as a secret.
var secretWords = []string{"key", "token", "secret", "passw", "pwd", "signature", "auth", "credential", "session"}

// URL returns rawURL with its password and the values of its secret query
// parameters (see secretWords, and "sig") replaced by "xxxxx"; the other
// parameters are kept as they are, in their order. An address that does
// not parse is returned as valid UTF-8, with its query and what stands
// before an "@" in its host part (user and password) cut, lest a secret
// be in them.
func URL(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		if i := strings.IndexByte(rawURL, '?'); i >= 0 {
			rawURL = rawURL[:i] + "?" + hidden
		}
		if i := strings.Index(rawURL, "://"); i >= 0 {
			rest := rawURL[i+len("://"):]
			host := rest
			if end := strings.IndexAny(rest, "/?#"); end >= 0 {
				host = rest[:end]
			}
			if at := strings.LastIndexByte(host, '@'); at >= 0 {
				rawURL = rawURL[:i+len("://")] + hidden + rest[at:]
			}
		}
		return strings.ToValidUTF8(rawURL, "\uFFFD")
	}
	if u.RawQuery != "" {
		params := strings.Split(u.RawQuery, "&")
		for i, p := range params {
			name, _, ok := strings.Cut(p, "=")
			if ok && secret(name) {
				params[i] = name + "=" + hidden
			}
		}
		u.RawQuery = strings.Join(params, "&")
	}
	return u.Redacted()
}

// secret reports whether the query parameter called name, as escaped in
// the query, holds a secret.
func secret(name string) bool {
	if n, err := url.QueryUnescape(name); err == nil {
		name = n
	}
	name = strings.NewReplacer("-", "", "_", "", ".", "").Replace(strings.ToLower(name))
	if name == "sig" {
		return true
	}
	for _, w := range secretWords {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}
