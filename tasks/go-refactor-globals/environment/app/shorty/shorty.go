// Package shorty is a tiny URL shortener with an HTTP API.
//
//	POST /shorten   body {"url": "https://..."} -> 201 {"code": "...", "short": "<base><code>"}
//	                (the same URL always gets the same code; 400 {"error": "..."} for a bad URL)
//	GET  /<code>    -> 302 with Location: <url>, counts a hit; 404 {"error": "not found"}
//	GET  /stats     -> 200 {"links": N, "hits": M}
//	other methods   -> 405 {"error": "method not allowed"}
//
// Codes are the base-62 encoding (0-9, a-z, A-Z) of a sequence number starting at 1000.
package shorty

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

var (
	mu      sync.Mutex
	byCode  = map[string]string{}
	byURL   = map[string]string{}
	hits    = map[string]int{}
	next    = 1000
	baseURL = "http://sho.rt/"
)

// Configure sets the prefix of the short links.
func Configure(base string) {
	baseURL = base
}

func encode(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{alphabet[n%62]}, b...)
		n /= 62
	}
	return string(b)
}

// Shorten returns the code for u, creating one if needed.
func Shorten(u string) (string, error) {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return "", errBadURL
	}
	mu.Lock()
	defer mu.Unlock()
	if c, ok := byURL[u]; ok {
		return c, nil
	}
	c := encode(next)
	next++
	byCode[c] = u
	byURL[u] = c
	return c, nil
}

// Resolve returns the URL of a code and counts a hit.
func Resolve(code string) (string, bool) {
	mu.Lock()
	defer mu.Unlock()
	u, ok := byCode[code]
	if ok {
		hits[code]++
	}
	return u, ok
}

// Stats reports the number of links and the total number of hits.
func Stats() (links, total int) {
	mu.Lock()
	defer mu.Unlock()
	for _, h := range hits {
		total += h
	}
	return len(byCode), total
}

type apiError string

func (e apiError) Error() string { return string(e) }

const errBadURL = apiError("invalid url: need an absolute http(s) URL")

func writeJSON(w http.ResponseWriter, status int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// Handler serves the HTTP API.
func Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/shorten":
			if r.Method != http.MethodPost {
				writeJSON(w, 405, map[string]string{"error": "method not allowed"})
				return
			}
			var req struct {
				URL string `json:"url"`
			}
			if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
				writeJSON(w, 400, map[string]string{"error": "invalid json"})
				return
			}
			code, err := Shorten(req.URL)
			if err != nil {
				writeJSON(w, 400, map[string]string{"error": err.Error()})
				return
			}
			writeJSON(w, 201, map[string]string{"code": code, "short": baseURL + code})
		case r.URL.Path == "/stats":
			if r.Method != http.MethodGet {
				writeJSON(w, 405, map[string]string{"error": "method not allowed"})
				return
			}
			links, total := Stats()
			writeJSON(w, 200, map[string]int{"links": links, "hits": total})
		default:
			if r.Method != http.MethodGet {
				writeJSON(w, 405, map[string]string{"error": "method not allowed"})
				return
			}
			u, ok := Resolve(strings.TrimPrefix(r.URL.Path, "/"))
			if !ok {
				writeJSON(w, 404, map[string]string{"error": "not found"})
				return
			}
			http.Redirect(w, r, u, http.StatusFound)
		}
	})
}
