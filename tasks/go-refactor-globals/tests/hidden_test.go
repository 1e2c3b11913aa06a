package shorty

// Hidden tests for proctor/go-refactor-globals.

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
)

func TestHiddenNoPackageLevelState(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				if d.Tok == token.VAR {
					for _, spec := range d.Specs {
						for _, n := range spec.(*ast.ValueSpec).Names {
							if !strings.HasPrefix(n.Name, "Err") && !strings.HasPrefix(n.Name, "err") && n.Name != "_" {
								t.Errorf("%s: package-level variable %s", name, n.Name)
							}
						}
					}
				}
			case *ast.FuncDecl:
				if d.Recv == nil && (d.Name.Name == "Configure" || d.Name.Name == "Handler" || d.Name.Name == "Shorten" ||
					d.Name.Name == "Resolve" || d.Name.Name == "Stats") {
					t.Errorf("%s: old package-level function %s still exists", name, d.Name.Name)
				}
			}
		}
	}
}

type result struct {
	status   int
	location string
	body     map[string]interface{}
}

func do(t *testing.T, h http.Handler, method, path, body string) result {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	var m map[string]interface{}
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusFound {
		if ct := res.Header.Get("Content-Type"); ct != "application/json" {
			t.Fatalf("%s %s: content type %q", method, path, ct)
		}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s %s: body %q", method, path, b)
		}
	}
	return result{res.StatusCode, res.Header.Get("Location"), m}
}

func TestHiddenHTTPBehaviour(t *testing.T) {
	var h http.Handler = New("https://s.example/x/")
	r := do(t, h, "POST", "/shorten", `{"url": "https://go.dev/doc"}`)
	if r.status != 201 || r.body["code"] != "g8" || r.body["short"] != "https://s.example/x/g8" {
		t.Fatalf("first shorten: %+v", r)
	}
	r = do(t, h, "POST", "/shorten", `{"url": "http://example.com/a?b=c"}`)
	if r.status != 201 || r.body["code"] != "g9" {
		t.Fatalf("second: %+v", r)
	}
	r = do(t, h, "POST", "/shorten", `{"url": "https://go.dev/doc"}`)
	if r.status != 201 || r.body["code"] != "g8" {
		t.Fatalf("same url again: %+v", r)
	}
	for i := 0; i < 3; i++ {
		r = do(t, h, "GET", "/g9", "")
		if r.status != 302 || r.location != "http://example.com/a?b=c" {
			t.Fatalf("resolve: %+v", r)
		}
	}
	if r = do(t, h, "GET", "/zzz", ""); r.status != 404 || r.body["error"] != "not found" {
		t.Fatalf("404: %+v", r)
	}
	if r = do(t, h, "GET", "/stats", ""); r.status != 200 || r.body["links"] != 2.0 || r.body["hits"] != 3.0 {
		t.Fatalf("stats: %+v", r)
	}
	for _, c := range []struct{ m, p, b string }{{"GET", "/shorten", ""}, {"POST", "/stats", ""}, {"DELETE", "/g8", ""}} {
		if r = do(t, h, c.m, c.p, c.b); r.status != 405 || r.body["error"] != "method not allowed" {
			t.Fatalf("%s %s: %+v", c.m, c.p, r)
		}
	}
	if r = do(t, h, "POST", "/shorten", `{"url": "ftp://x"}`); r.status != 400 ||
		r.body["error"] != "invalid url: need an absolute http(s) URL" {
		t.Fatalf("bad url: %+v", r)
	}
	if r = do(t, h, "POST", "/shorten", `not json`); r.status != 400 || r.body["error"] != "invalid json" {
		t.Fatalf("bad json: %+v", r)
	}
}

func TestHiddenInstancesAreIndependent(t *testing.T) {
	a, b := New("http://a/"), New("http://b/")
	ca, _ := a.Shorten("https://one.example")
	ca2, _ := a.Shorten("https://two.example")
	cb, _ := b.Shorten("https://two.example")
	if ca != "g8" || ca2 != "g9" || cb != "g8" {
		t.Fatalf("codes %s %s %s", ca, ca2, cb)
	}
	if _, ok := b.Resolve("g9"); ok {
		t.Fatal("b sees a's link")
	}
	a.Resolve("g8")
	if l, h := b.Stats(); l != 1 || h != 0 {
		t.Fatalf("b stats %d %d", l, h)
	}
	if l, h := a.Stats(); l != 2 || h != 1 {
		t.Fatalf("a stats %d %d", l, h)
	}
	r := do(t, b, "POST", "/shorten", `{"url": "https://three.example"}`)
	if r.body["short"] != "http://b/g9" {
		t.Fatalf("b short %+v", r)
	}
}

func TestHiddenCodesSequence(t *testing.T) {
	s := New("")
	want := map[int]string{0: "g8", 1: "g9", 2: "ga", 35: "gH", 61: "h7"}
	for i := 0; i <= 61; i++ {
		c, err := s.Shorten(fmt.Sprintf("https://e.example/%d", i))
		if err != nil {
			t.Fatal(err)
		}
		if w, ok := want[i]; ok && c != w {
			t.Fatalf("code %d = %s, want %s", i, c, w)
		}
	}
}

func TestHiddenConcurrentUse(t *testing.T) {
	s := New("http://c/")
	var wg sync.WaitGroup
	codes := make([][]string, 16)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				c, err := s.Shorten(fmt.Sprintf("https://x.example/%d/%d", g, i))
				if err != nil {
					t.Error(err)
					return
				}
				codes[g] = append(codes[g], c)
				s.Resolve(c)
			}
		}(g)
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, cs := range codes {
		for _, c := range cs {
			if seen[c] {
				t.Fatalf("duplicate code %s", c)
			}
			seen[c] = true
		}
	}
	if l, h := s.Stats(); l != 4800 || h != 4800 || len(seen) != 4800 {
		t.Fatalf("stats %d %d, %d codes", l, h, len(seen))
	}
}
