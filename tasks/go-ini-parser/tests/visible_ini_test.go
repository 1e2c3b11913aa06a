package ini

import (
	"strings"
	"testing"
)

func TestBasic(t *testing.T) {
	f, err := Parse(strings.NewReader("name = demo\n[server]\nport = 8080\n"))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := f.Get("", "name"); v != "demo" {
		t.Fatalf("name = %q", v)
	}
	if p, err := f.GetInt("server", "port"); err != nil || p != 8080 {
		t.Fatalf("port = %d, %v", p, err)
	}
}
