package entitylist_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/entityscreen/entityscreen/entitylist"
)

// makeCSL returns a well-formed CSL CSV of n Entity List rows; tag makes
// the names, and so the bytes, differ between lists of the same size.
func makeCSL(t testing.TB, n int, tag string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	header := strings.Split(officialHeader, ",")
	require.NoError(t, w.Write(header))
	for i := range n {
		row := make([]string, len(header))
		for j, h := range header {
			switch h {
			case "_id":
				row[j] = fmt.Sprintf("%s-%d", tag, i)
			case "source":
				row[j] = "Entity List (EL) - Bureau of Industry and Security"
			case "name":
				row[j] = fmt.Sprintf("Test Company %s %d Ltd.", tag, i)
			case "addresses":
				row[j] = "1 Main Street, Springfield, , 12345, GB"
			case "federal_register_notice":
				row[j] = "99 FR " + strconv.Itoa(1000+i)
			case "start_date":
				row[j] = "2024-01-02"
			}
		}
		require.NoError(t, w.Write(row))
	}
	w.Flush()
	require.NoError(t, w.Error())
	return buf.Bytes()
}

// serve returns a loopback server answering every request with h.
func serve(t *testing.T, h http.HandlerFunc) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL + "/consolidated.csv"
}

// csvHandler serves body as a CSV file.
func csvHandler(body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		_, _ = w.Write(body)
	}
}

// A failure case shared by the Download and Cache tests.
type badServer struct {
	name    string
	handler func(good []byte) http.HandlerFunc
	wantErr error // sentinel, or nil to only require a *DownloadError
	status  int   // HTTP status in the DownloadError
}

const htmlPage = "<!DOCTYPE html>\n<html><head><title>Service Unavailable</title></head><body>Try later</body></html>\n"

func badServers() []badServer {
	return []badServer{
		{
			name: "HTTP 500",
			handler: func([]byte) http.HandlerFunc {
				return func(w http.ResponseWriter, _ *http.Request) {
					http.Error(w, "internal error", http.StatusInternalServerError)
				}
			},
			wantErr: entitylist.ErrHTTPStatus, status: 500,
		},
		{
			name: "HTTP 404",
			handler: func([]byte) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }
			},
			wantErr: entitylist.ErrHTTPStatus, status: 404,
		},
		{
			name: "truncated body, Content-Length larger than body",
			handler: func(good []byte) http.HandlerFunc {
				return func(w http.ResponseWriter, _ *http.Request) {
					w.Header().Set("Content-Type", "text/csv")
					w.Header().Set("Content-Length", strconv.Itoa(len(good)))
					_, _ = w.Write(good[:len(good)/2])
				}
			},
			wantErr: entitylist.ErrTruncated, status: 200,
		},
		{
			name: "truncated body at a row boundary",
			handler: func(good []byte) http.HandlerFunc {
				return func(w http.ResponseWriter, _ *http.Request) {
					cut := bytes.LastIndexByte(good[:len(good)/2], '\n') + 1
					w.Header().Set("Content-Type", "text/csv")
					w.Header().Set("Content-Length", strconv.Itoa(len(good)))
					_, _ = w.Write(good[:cut])
				}
			},
			wantErr: entitylist.ErrTruncated, status: 200,
		},
		{
			name: "HTML page with 200",
			handler: func([]byte) http.HandlerFunc {
				return func(w http.ResponseWriter, _ *http.Request) {
					w.Header().Set("Content-Type", "text/html; charset=utf-8")
					_, _ = w.Write([]byte(htmlPage))
				}
			},
			wantErr: entitylist.ErrNotCSL, status: 200,
		},
		{
			name: "HTML page served as text/csv",
			handler: func([]byte) http.HandlerFunc {
				return func(w http.ResponseWriter, _ *http.Request) {
					w.Header().Set("Content-Type", "text/csv")
					_, _ = w.Write([]byte(htmlPage))
				}
			},
			wantErr: entitylist.ErrNotCSL, status: 200,
		},
		{
			name: "wrong content type",
			handler: func(good []byte) http.HandlerFunc {
				return func(w http.ResponseWriter, _ *http.Request) {
					w.Header().Set("Content-Type", "image/png")
					_, _ = w.Write(good)
				}
			},
			wantErr: entitylist.ErrNotCSL, status: 200,
		},
		{
			name: "JSON instead of CSV",
			handler: func([]byte) http.HandlerFunc {
				return func(w http.ResponseWriter, _ *http.Request) {
					w.Header().Set("Content-Type", "application/json")
					_, _ = w.Write([]byte(`{"results":[]}`))
				}
			},
			wantErr: entitylist.ErrNotCSL, status: 200,
		},
		{
			name: "CSV with another header",
			handler: func([]byte) http.HandlerFunc {
				return csvHandler([]byte("name,aliases,country,id,notes\nAcme Ltd.,,GB,1,\n"))
			},
			wantErr: entitylist.ErrMissingColumn, status: 200,
		},
		{
			name: "empty body",
			handler: func([]byte) http.HandlerFunc {
				return csvHandler(nil)
			},
			status: 200,
		},
		{
			name: "Content-Length over the limit",
			handler: func(good []byte) http.HandlerFunc {
				return func(w http.ResponseWriter, _ *http.Request) {
					w.Header().Set("Content-Type", "text/csv")
					w.Header().Set("Content-Length", strconv.Itoa(entitylist.MaxDownloadSize+1))
					_, _ = w.Write(good)
				}
			},
			wantErr: entitylist.ErrTooLarge, status: 200,
		},
	}
}

func TestDownload(t *testing.T) {
	good := makeCSL(t, 40, "a")
	url := serve(t, csvHandler(good))

	l, err := entitylist.Download(t.Context(), url)
	require.NoError(t, err)
	assert.Equal(t, 40, l.Len())
	v := l.Version()
	assert.Equal(t, url, v.Origin)
	sum := sha256.Sum256(good)
	assert.Equal(t, hex.EncodeToString(sum[:]), v.SHA256)
	assert.Equal(t, "Test Company a 0 Ltd.", l.Entry(0).Name)
}

func TestDownloadAcceptsCSVContentTypes(t *testing.T) {
	good := makeCSL(t, 3, "ct")
	for _, ct := range []string{"", "text/csv", "text/plain; charset=utf-8", "application/octet-stream", "binary/octet-stream", "application/vnd.ms-excel"} {
		t.Run(ct, func(t *testing.T) {
			url := serve(t, func(w http.ResponseWriter, _ *http.Request) {
				w.Header()["Content-Type"] = []string{ct} // set even when empty: no sniffing
				_, _ = w.Write(good)
			})
			l, err := entitylist.Download(t.Context(), url)
			require.NoError(t, err)
			assert.Equal(t, 3, l.Len())
		})
	}
}

func TestDownloadFailures(t *testing.T) {
	good := makeCSL(t, 40, "a")
	for _, tc := range badServers() {
		t.Run(tc.name, func(t *testing.T) {
			url := serve(t, tc.handler(good))
			l, err := entitylist.Download(t.Context(), url)
			require.Error(t, err)
			assert.Nil(t, l)
			var de *entitylist.DownloadError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, tc.status, de.StatusCode)
			assert.Contains(t, err.Error(), url)
			if tc.wantErr != nil {
				assert.ErrorIs(t, err, tc.wantErr)
			}
		})
	}
}

func TestDownloadBodyOverLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 64 MiB")
	}
	url := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/csv") // no Content-Length: chunked
		chunk := bytes.Repeat([]byte("x"), 1<<20)
		for range entitylist.MaxDownloadSize>>20 + 2 {
			if _, err := w.Write(chunk); err != nil || r.Context().Err() != nil {
				return
			}
		}
	})
	_, err := entitylist.Download(t.Context(), url)
	assert.ErrorIs(t, err, entitylist.ErrTooLarge)
}

// slowHandler sends nothing until the client gives up (or 10 s pass).
func slowHandler(w http.ResponseWriter, r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(10 * time.Second):
		w.WriteHeader(http.StatusOK)
	}
}

// trickleHandler sends headers and a first row at once, then stalls.
func trickleHandler(good []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/csv")
		_, _ = w.Write(good[:100])
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}
}

func TestDownloadSlowServer(t *testing.T) {
	good := makeCSL(t, 40, "a")
	for name, h := range map[string]http.HandlerFunc{
		"no headers":   slowHandler,
		"stalled body": trickleHandler(good),
	} {
		t.Run(name, func(t *testing.T) {
			url := serve(t, h)
			ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
			defer cancel()
			start := time.Now()
			l, err := entitylist.Download(ctx, url)
			assert.Nil(t, l)
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			var de *entitylist.DownloadError
			assert.ErrorAs(t, err, &de)
			assert.Less(t, time.Since(start), 5*time.Second, "gave up at the deadline")
		})
	}
}

func TestDownloadRedactsPassword(t *testing.T) {
	url := serve(t, func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "no", http.StatusForbidden)
	})
	withPassword := strings.Replace(url, "http://", "http://user:s3cret@", 1)
	_, err := entitylist.Download(t.Context(), withPassword)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "s3cret")
	assert.Contains(t, err.Error(), "403")
}

// TestDownloadRedactsKeyOfFailedRequest: a request that fails before any
// answer (nothing listens, a malformed address) gives net/http's error,
// which quotes the address whole, query included; the error keeps the
// password and the key out of it, and stays a *url.Error for callers that
// ask.
func TestDownloadRedactsKeyOfFailedRequest(t *testing.T) {
	for name, addr := range map[string]string{
		"connection refused": refusedURL(t) + "?api_key=s3cretkey",
		"malformed":          "http://user:s3cretpw@[::1/x?api_key=s3cretkey",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := entitylist.Download(t.Context(), addr)
			require.Error(t, err)
			assert.NotContains(t, err.Error(), "s3cret")
			var de *entitylist.DownloadError
			require.ErrorAs(t, err, &de)
			assert.NotContains(t, de.Err.Error(), "s3cret", "the cause alone")
			var ue *url.Error
			assert.ErrorAs(t, err, &ue)
		})
	}
}

func TestDownloadBadURL(t *testing.T) {
	for name, url := range map[string]string{
		"unsupported scheme": "ftp://example.invalid/consolidated.csv",
		"malformed":          "http://[::1",
		"connection refused": refusedURL(t),
	} {
		t.Run(name, func(t *testing.T) {
			l, err := entitylist.Download(t.Context(), url)
			assert.Nil(t, l)
			var de *entitylist.DownloadError
			require.ErrorAs(t, err, &de)
			assert.Zero(t, de.StatusCode)
		})
	}
}

// refusedURL returns a loopback URL on which nothing listens.
func refusedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	return "http://" + addr + "/consolidated.csv"
}

func TestDownloadErrorMessage(t *testing.T) {
	for name, tc := range map[string]struct {
		err  *entitylist.DownloadError
		want string
	}{
		"with status": {
			&entitylist.DownloadError{URL: "https://example.com/x.csv", StatusCode: 500, Err: fmt.Errorf("%w %q", entitylist.ErrHTTPStatus, "500 Internal Server Error")},
			`entitylist: download https://example.com/x.csv: HTTP 500: unexpected HTTP status "500 Internal Server Error"`,
		},
		"without status": {
			&entitylist.DownloadError{URL: "https://example.com/x.csv", Err: context.DeadlineExceeded},
			`entitylist: download https://example.com/x.csv: context deadline exceeded`,
		},
		"list that fails to load": {
			&entitylist.DownloadError{URL: "https://example.com/x.csv", StatusCode: 200, Err: &entitylist.LoadError{Origin: "https://example.com/x.csv", Total: 2,
				Errs: []*entitylist.ParseError{{Line: 1, Field: "_id", Err: entitylist.ErrMissingColumn}, {Line: 1, Field: "name", Err: entitylist.ErrMissingColumn}}}},
			`entitylist: download https://example.com/x.csv: 2 errors: line 1, field "_id": missing column; line 1, field "name": missing column`,
		},
		"bad body": {
			&entitylist.DownloadError{URL: "https://example.com/x.csv", StatusCode: 200, Err: entitylist.ErrEmpty},
			`entitylist: download https://example.com/x.csv: no entries`,
		},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.err.Error())
			assert.True(t, errors.Is(tc.err, tc.err.Err))
		})
	}
}
