// Package shorty is a tiny URL shortener with an HTTP API.
//
//	POST /shorten   body {"url": "https://..."} -> 201 {"code": "...", "short": "<base><code>"}
//	                (the same URL always gets the same code; 400 {"error": "..."} for a bad URL)
//	GET  /<code>    -> 302 with Location: <url>, counts a hit; 404 {"error": "not found"}
//	GET  /stats     -> 200 {"links": N, "hits": M}
//	other methods   -> 405 {"error": "method not allowed"}
//
// Codes are the base-62 encoding (0-9, a-z, A-Z) of a sequence number starting at 1000.
// Each Server is independent; there is no package-level mutable state.
package shorty

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

// Server is one shortener instance. It is safe for concurrent use.
type Server struct {
	baseURL string

	mu     sync.Mutex
	byCode map[string]string
	byURL  map[string]string
	hits   map[string]int
	next   int
}

// New returns an empty shortener whose short links start with baseURL.
func New(baseURL string) *Server {
	return &Server{baseURL: baseURL, byCode: map[string]string{}, byURL: map[string]string{},
		hits: map[string]int{}, next: 1000}
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
func (s *Server) Shorten(u string) (string, error) {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return "", errBadURL
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.byURL[u]; ok {
		return c, nil
	}
	c := encode(s.next)
	s.next++
	s.byCode[c] = u
	s.byURL[u] = c
	return c, nil
}

// Resolve returns the URL of a code and counts a hit.
func (s *Server) Resolve(code string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.byCode[code]
	if ok {
		s.hits[code]++
	}
	return u, ok
}

// Stats reports the number of links and the total number of hits.
func (s *Server) Stats() (links, total int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, h := range s.hits {
		total += h
	}
	return len(s.byCode), total
}

type apiError string

func (e apiError) Error() string { return string(e) }

const errBadURL = apiError("invalid url: need an absolute http(s) URL")

func writeJSON(w http.ResponseWriter, status int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// ServeHTTP serves the HTTP API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
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
		code, err := s.Shorten(req.URL)
		if err != nil {
			writeJSON(w, 400, map[string]string{"error": err.Error()})
			return
		}
		writeJSON(w, 201, map[string]string{"code": code, "short": s.baseURL + code})
	case r.URL.Path == "/stats":
		if r.Method != http.MethodGet {
			writeJSON(w, 405, map[string]string{"error": "method not allowed"})
			return
		}
		links, total := s.Stats()
		writeJSON(w, 200, map[string]int{"links": links, "hits": total})
	default:
		if r.Method != http.MethodGet {
			writeJSON(w, 405, map[string]string{"error": "method not allowed"})
			return
		}
		u, ok := s.Resolve(strings.TrimPrefix(r.URL.Path, "/"))
		if !ok {
			writeJSON(w, 404, map[string]string{"error": "not found"})
			return
		}
		http.Redirect(w, r, u, http.StatusFound)
	}
}
