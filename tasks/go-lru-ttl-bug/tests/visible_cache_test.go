package cache

import (
	"testing"
	"time"
)

func TestSetGet(t *testing.T) {
	c := New(2, 0, nil)
	c.Set("a", "1")
	if v, ok := c.Get("a"); !ok || v != "1" {
		t.Fatalf("Get(a) = %q, %v", v, ok)
	}
}

func TestEvictsLeastRecentlyUsed(t *testing.T) {
	c := New(2, 0, nil)
	c.Set("a", "1")
	c.Set("b", "2")
	c.Get("a")
	c.Set("c", "3")
	if _, ok := c.Get("b"); ok {
		t.Fatal("b should have been evicted")
	}
	if _, ok := c.Get("a"); !ok {
		t.Fatal("a should still be cached")
	}
}

func TestExpiry(t *testing.T) {
	now := time.Unix(1000, 0)
	c := New(4, time.Minute, func() time.Time { return now })
	c.Set("a", "1")
	now = now.Add(30 * time.Second)
	if _, ok := c.Get("a"); !ok {
		t.Fatal("a should not have expired yet")
	}
	now = now.Add(31 * time.Second)
	if _, ok := c.Get("a"); ok {
		t.Fatal("a should have expired")
	}
}
