package shorty

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestShortenAndResolve(t *testing.T) {
	s := New("http://sho.rt/")
	srv := httptest.NewServer(s)
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/shorten", "application/json", strings.NewReader(`{"url": "https://go.dev/doc"}`))
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("shorten: %v %v", err, resp)
	}
	code, _ := s.Shorten("https://go.dev/doc")
	if u, ok := s.Resolve(code); !ok || u != "https://go.dev/doc" {
		t.Fatalf("resolve %q -> %q %v", code, u, ok)
	}
}
