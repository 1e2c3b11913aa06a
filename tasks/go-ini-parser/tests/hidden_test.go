package ini

// Hidden tests for proctor/go-ini-parser.

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func mustParse(t *testing.T, src string) *File {
	t.Helper()
	f, err := Parse(strings.NewReader(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return f
}

func get(t *testing.T, f *File, s, k string) string {
	t.Helper()
	v, err := f.Get(s, k)
	if err != nil {
		t.Fatalf("Get(%q, %q): %v", s, k, err)
	}
	return v
}

func TestHiddenSectionsAndKeys(t *testing.T) {
	f := mustParse(t, "; top comment\n# another\nName = root\n\n  [ Server ]  \nPort: 8080\nhost = a\n[db]\nurl=x\n[server]\nhost = b\nTimeout = 5s\n")
	if got := f.Sections(); !reflect.DeepEqual(got, []string{"", "server", "db"}) {
		t.Fatalf("Sections = %#v", got)
	}
	if got := f.Keys("SERVER"); !reflect.DeepEqual(got, []string{"port", "host", "timeout"}) {
		t.Fatalf("Keys = %#v", got)
	}
	if got := f.Keys("nope"); got != nil {
		t.Fatalf("Keys(nope) = %#v", got)
	}
	if v := get(t, f, "Server", "HOST"); v != "b" {
		t.Fatalf("host = %q", v)
	}
	if v := get(t, f, "", "name"); v != "root" {
		t.Fatalf("name = %q", v)
	}
	g := mustParse(t, "[only]\na=1\n")
	if got := g.Sections(); !reflect.DeepEqual(got, []string{"only"}) {
		t.Fatalf("Sections = %#v", got)
	}
	if got := mustParse(t, "").Sections(); len(got) != 0 {
		t.Fatalf("empty Sections = %#v", got)
	}
}

func TestHiddenUnquotedValues(t *testing.T) {
	f := mustParse(t, "a =  spaced value  \nb = x ; comment\nc = x;not comment\nd = url#frag # c\ne =\nf = ;only comment\ng = 50$$ off $x\nh=\tv\t\r\nurl = http://h:80/p?q=1\n")
	want := map[string]string{"a": "spaced value", "b": "x", "c": "x;not comment", "d": "url#frag", "e": "", "f": "",
		"g": "50$ off $x", "h": "v", "url": "http://h:80/p?q=1"}
	for k, w := range want {
		if v := get(t, f, "", k); v != w {
			t.Errorf("%s = %q, want %q", k, v, w)
		}
	}
}

func TestHiddenContinuation(t *testing.T) {
	f := mustParse(t, "list = one, \\\n   two,\\\n\tthree ; trailing comment\nnext = ok\nc = a \\\n\\\nb\n")
	if v := get(t, f, "", "list"); v != "one, two, three" {
		t.Fatalf("list = %q", v)
	}
	if v := get(t, f, "", "next"); v != "ok" {
		t.Fatalf("next = %q", v)
	}
	if v := get(t, f, "", "c"); v != "a  b" {
		t.Fatalf("c = %q (parts a, '', b joined by single spaces)", v)
	}
}

func TestHiddenQuoted(t *testing.T) {
	f := mustParse(t, "a = \"  keep  spaces \"\nb = \"say \\\"hi\\\" \\\\ \\t|\\n\" ; comment\nc=\"\"\nd = \"; not # comment\"\ne = \"cost \\${x} and ${y}\"\ny = Y\nf = \"$$\"\n")
	want := map[string]string{"a": "  keep  spaces ", "b": "say \"hi\" \\ \t|\n", "c": "", "d": "; not # comment",
		"e": "cost ${x} and Y", "f": "$$"}
	for k, w := range want {
		if v := get(t, f, "", k); v != w {
			t.Errorf("%s = %q, want %q", k, v, w)
		}
	}
}

func TestHiddenInterpolation(t *testing.T) {
	f := mustParse(t, "home = /srv\n[app]\ndir = ${.home}/app\nlog = ${dir}/log\nfull = ${paths.x.y.deep} + ${Paths.X.Y.Deep}\nbroken = ${nope}\nopen = ${dir\n[paths.x.y]\ndeep = ${app.log}!\n[loop]\na = ${b}\nb = ${c}\nc = ${a}\nself = ${self}\n")
	if v := get(t, f, "app", "log"); v != "/srv/app/log" {
		t.Fatalf("log = %q", v)
	}
	if v := get(t, f, "app", "full"); v != "/srv/app/log! + /srv/app/log!" {
		t.Fatalf("full = %q", v)
	}
	if v := get(t, f, "app", "open"); v != "${dir" {
		t.Fatalf("open = %q", v)
	}
	if _, err := f.Get("app", "broken"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("broken: %v", err)
	}
	for _, k := range []string{"a", "self"} {
		_, err := f.Get("loop", k)
		if err == nil || errors.Is(err, ErrNotFound) {
			t.Fatalf("cycle %s: %v", k, err)
		}
	}
}

func TestHiddenTypedGetters(t *testing.T) {
	f := mustParse(t, "[t]\nn = -42\nbig = 9223372036854775807\nbad = 4x\nb1 = YES\nb2 = off\nb3 = 1\nb4 = maybe\nd = 1m30s\nref = ${n}\n")
	if v, err := f.GetInt("t", "n"); err != nil || v != -42 {
		t.Fatalf("n = %d %v", v, err)
	}
	if v, err := f.GetInt("t", "big"); err != nil || v != 9223372036854775807 {
		t.Fatalf("big = %d %v", v, err)
	}
	if _, err := f.GetInt("t", "bad"); err == nil {
		t.Fatal("bad int accepted")
	}
	if v, err := f.GetInt("t", "ref"); err != nil || v != -42 {
		t.Fatalf("ref = %d %v", v, err)
	}
	for k, w := range map[string]bool{"b1": true, "b2": false, "b3": true} {
		if v, err := f.GetBool("t", k); err != nil || v != w {
			t.Fatalf("%s = %v %v", k, v, err)
		}
	}
	if _, err := f.GetBool("t", "b4"); err == nil {
		t.Fatal("maybe accepted")
	}
	if v, err := f.GetDuration("t", "d"); err != nil || v != 90*time.Second {
		t.Fatalf("d = %v %v", v, err)
	}
	if _, err := f.GetDuration("t", "missing"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing: %v", err)
	}
	if _, err := f.Get("nosection", "x"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("nosection: %v", err)
	}
}

func TestHiddenSyntaxErrors(t *testing.T) {
	cases := map[string]int{
		"a = 1\n[unterminated\n":         2,
		"[bad name]\n":                   1,
		"[]\n":                           1,
		"ok = 1\njust words\n":           2,
		"\n\nbad key = 1\n":              3,
		"= value\n":                      1,
		"a = \"open\n":                   1,
		"a = \"x\" junk\n":               1,
		"a = \"bad \\q escape\"\n":       1,
		"a = 1\nb = end \\\n":            2,
		"x = 1\r\n[s]\r\ny = \"z\" w\r\n": 3,
	}
	for src, line := range cases {
		_, err := Parse(strings.NewReader(src))
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("%q: want *ParseError, got %v", src, err)
		}
		if pe.Line != line {
			t.Errorf("%q: line %d, want %d", src, pe.Line, line)
		}
		if !strings.HasPrefix(pe.Error(), "line ") {
			t.Errorf("Error() = %q", pe.Error())
		}
	}
}

func TestHiddenDuplicateKeysKeepPosition(t *testing.T) {
	f := mustParse(t, "[s]\na=1\nb=2\nA=3\n[t]\nz=0\n[S]\nc=4\nb=5\n")
	if got := f.Keys("s"); !reflect.DeepEqual(got, []string{"a", "b", "c"}) {
		t.Fatalf("Keys = %v", got)
	}
	if v := get(t, f, "s", "a"); v != "3" {
		t.Fatalf("a = %q", v)
	}
	if v := get(t, f, "s", "b"); v != "5" {
		t.Fatalf("b = %q", v)
	}
	if got := f.Sections(); !reflect.DeepEqual(got, []string{"s", "t"}) {
		t.Fatalf("Sections = %v", got)
	}
}
