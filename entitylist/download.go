package entitylist

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/entityscreen/entityscreen/internal/problem"
	"github.com/entityscreen/entityscreen/internal/redact"
)

// DefaultURL is the address of the official US Consolidated Screening List as
// a CSV file, published by the International Trade Administration.
const DefaultURL = "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv"

// MaxDownloadSize is the largest list, in bytes, that [Download] and
// [Cache.Update] accept. The full official CSV is about 17 MB; a larger
// response is refused with [ErrTooLarge] rather than read into memory. It
// is below [MaxListSize], the bound of every loader.
const MaxDownloadSize = 64 << 20

// DownloadTimeout bounds the whole request (connection, headers and body)
// when [Download] or a [Cache] without a Client makes it. A deadline on the
// context given to them applies as well; the earlier one wins.
const DownloadTimeout = 2 * time.Minute

// Errors of downloads, for use with errors.Is. A failed download returns a
// [*DownloadError] wrapping one of these, [ErrNotCSL], [ErrTruncated], a
// loader error, or the network error itself. The loaders return ErrTooLarge
// too, for an input over [MaxListSize]; [Cache.Update] returns ErrShrunk and
// ErrOlder in a [*RefusedError].
var (
	ErrHTTPStatus = errors.New("unexpected HTTP status")
	ErrTooLarge   = errors.New("list too large")
	ErrShrunk     = errors.New("downloaded list much smaller than the cached one")
	ErrOlder      = errors.New("downloaded list older than the cached one")
)

// DownloadError describes a failed download of a list.
//
// The zero DownloadError is a failure of no address, with no cause. Like any
// plain Go value it may be read by many goroutines at once, but not changed
// while another uses it.
type DownloadError struct {
	URL        string // the address requested, with any password or key in it redacted
	StatusCode int    // the HTTP status received, or 0 if there was no response; Error shows it unless 200
	Err        error
}

// Error returns the address, the HTTP status when it was not 200, and the
// cause.
func (e *DownloadError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "entitylist: download %s: ", e.URL)
	if e.StatusCode != 0 && e.StatusCode != http.StatusOK {
		fmt.Fprintf(&b, "HTTP %d: ", e.StatusCode)
	}
	// A list that fails to load names the URL already: its problems only.
	if le, ok := e.Err.(*LoadError); ok {
		problem.WriteList(&b, le.Total, le.Errs)
	} else {
		fmt.Fprint(&b, e.Err)
	}
	return b.String()
}

// Unwrap returns the cause, for errors.Is and errors.As.
func (e *DownloadError) Unwrap() error { return e.Err }

// Download fetches the CSL CSV at rawURL (usually [DefaultURL]) and parses it.
// It makes one GET request, bounded by ctx and by [DownloadTimeout], and
// accepts the response only if all of the following hold:
//   - the status is 200 OK;
//   - the Content-Type, if any, is one a CSV file is served with (text/csv,
//     text/plain, application/octet-stream, ...), not HTML, JSON or XML;
//   - the body is complete (as long as its Content-Length, if one was sent)
//     and at most [MaxDownloadSize] bytes;
//   - the body is a CSL CSV that [ReadCSV] loads without error.
//
// Otherwise it returns a [*DownloadError] saying why. The list's
// [Version.Origin] is rawURL, with any password or key in it redacted. To keep a copy on disk and survive a bad
// download, use [Cache.Update].
func Download(ctx context.Context, rawURL string) (*List, error) {
	_, l, err := download(ctx, nil, rawURL)
	return l, err
}

// download is [Download] with a client (nil: a client with DownloadTimeout),
// also returning the bytes the list was read from.
func download(ctx context.Context, client *http.Client, rawURL string) ([]byte, *List, error) {
	k := feedKinds[FeedCSL]
	body, err := fetch(ctx, client, rawURL, k)
	if err != nil {
		return nil, nil, err
	}
	l, err := k.read([][]byte{body}, redact.URL(rawURL))
	if err != nil {
		return nil, nil, &DownloadError{URL: redact.URL(rawURL), StatusCode: http.StatusOK, Err: err}
	}
	return body, l, nil
}

// fetch makes one GET request for a file of a feed of kind k and returns
// its body, checked as [Download] says: the status, the Content-Type
// (those of k), a body complete and within MaxDownloadSize, and, unless
// the feed is XML, no markup page. Errors are [*DownloadError]s.
func fetch(ctx context.Context, client *http.Client, rawURL string, k *feedKind) ([]byte, error) {
	shown := redact.URL(rawURL)
	fail := func(status int, err error) ([]byte, error) {
		return nil, &DownloadError{URL: shown, StatusCode: status, Err: redactURLError(err, shown)}
	}
	if client == nil {
		client = &http.Client{Timeout: DownloadTimeout}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return fail(0, err)
	}
	req.Header.Set("Accept", k.accept)
	req.Header.Set("User-Agent", "entityscreen (github.com/entityscreen/entityscreen)")
	resp, err := client.Do(req)
	if err != nil {
		return fail(0, err)
	}
	defer resp.Body.Close()

	if resp.StatusCode != http.StatusOK {
		return fail(resp.StatusCode, fmt.Errorf("%w %q, want 200 OK", ErrHTTPStatus, resp.Status))
	}
	if err := checkContentType(resp.Header.Get("Content-Type"), k.types); err != nil {
		return fail(resp.StatusCode, err)
	}
	if resp.ContentLength > MaxDownloadSize {
		return fail(resp.StatusCode, fmt.Errorf("%w: Content-Length %d bytes, limit %d", ErrTooLarge, resp.ContentLength, MaxDownloadSize))
	}

	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxDownloadSize+1))
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		// net/http reports a body cut short of its Content-Length, or a
		// chunked body without its final chunk, this way.
		return fail(resp.StatusCode, fmt.Errorf("%w: body ended after %d bytes%s: %w", ErrTruncated, len(body), ofLength(resp.ContentLength), err))
	case err != nil:
		return fail(resp.StatusCode, fmt.Errorf("reading body after %d bytes: %w", len(body), err))
	case len(body) > MaxDownloadSize:
		return fail(resp.StatusCode, fmt.Errorf("%w: body exceeds %d bytes", ErrTooLarge, MaxDownloadSize))
	case resp.ContentLength >= 0 && int64(len(body)) != resp.ContentLength:
		return fail(resp.StatusCode, fmt.Errorf("%w: body ended after %d bytes%s", ErrTruncated, len(body), ofLength(resp.ContentLength)))
	}
	if !k.markup && looksLikeMarkup(body) {
		return fail(resp.StatusCode, fmt.Errorf("%w: body looks like an HTML or XML page, not CSV", ErrNotCSL))
	}
	return body, nil
}

// redactURLError returns err with the address a *url.Error of net/http
// quotes (whole, its password and query's key included) replaced by shown,
// the address redacted; other errors as they are.
func redactURLError(err error, shown string) error {
	var ue *url.Error
	if !errors.As(err, &ue) || ue.URL == shown {
		return err
	}
	return &url.Error{Op: ue.Op, URL: shown, Err: ue.Err}
}

// ofLength renders a known Content-Length for error messages.
func ofLength(n int64) string {
	if n < 0 {
		return ""
	}
	return fmt.Sprintf(" of %d (Content-Length)", n)
}

// csvContentTypes are the media types a CSV file is served with in practice,
// including the generic ones of object stores.
var csvContentTypes = map[string]bool{
	"text/csv":                    true,
	"text/plain":                  true,
	"text/comma-separated-values": true,
	"application/csv":             true,
	"application/x-csv":           true,
	"application/vnd.ms-excel":    true,
	"application/octet-stream":    true,
	"binary/octet-stream":         true,
}

// checkContentType accepts an empty Content-Type and the media types of
// types.
func checkContentType(ct string, types map[string]bool) error {
	if ct == "" {
		return nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return fmt.Errorf("%w: malformed Content-Type %q", ErrNotCSL, ct)
	}
	if !types[mt] {
		return fmt.Errorf("%w: Content-Type %q, want %s", ErrNotCSL, mt, strings.Join(slices.Sorted(maps.Keys(types)), ", "))
	}
	return nil
}

// looksLikeMarkup reports whether body starts, after a BOM and white space,
// with "<": an HTML error or login page, or XML. No CSL CSV starts so.
func looksLikeMarkup(body []byte) bool {
	body = bytes.TrimPrefix(body, utf8BOM)
	body = bytes.TrimLeft(body, " \t\r\n")
	return len(body) > 0 && body[0] == '<'
}
