package cache

// Hidden tests for proctor/go-lru-ttl-bug.

import (
	"fmt"
	"math/rand"
	"reflect"
	"sync"
	"testing"
	"time"
)

type fakeClock struct{ t time.Time }

func (f *fakeClock) now() time.Time          { return f.t }
func (f *fakeClock) advance(d time.Duration) { f.t = f.t.Add(d) }

func TestHiddenLRUOrderAndEviction(t *testing.T) {
	var evicted []string
	c := New(3, 0, nil)
	c.OnEvict = func(k, v string) { evicted = append(evicted, k+"="+v) }
	c.Set("a", "1")
	c.Set("b", "2")
	c.Set("c", "3")
	if got := c.Keys(); !reflect.DeepEqual(got, []string{"c", "b", "a"}) {
		t.Fatalf("Keys = %v", got)
	}
	c.Get("a")
	c.Set("d", "4") // evicts b
	if got := c.Keys(); !reflect.DeepEqual(got, []string{"d", "a", "c"}) {
		t.Fatalf("Keys after eviction = %v", got)
	}
	if !reflect.DeepEqual(evicted, []string{"b=2"}) {
		t.Fatalf("evicted = %v", evicted)
	}
}

func TestHiddenOverwriteIsAUse(t *testing.T) {
	var evicted []string
	c := New(2, 0, nil)
	c.OnEvict = func(k, v string) { evicted = append(evicted, k) }
	c.Set("a", "1")
	c.Set("b", "2")
	c.Set("a", "1b") // a becomes MRU, no eviction callback
	if len(evicted) != 0 {
		t.Fatalf("overwrite reported eviction: %v", evicted)
	}
	c.Set("c", "3") // evicts b
	if _, ok := c.Get("b"); ok {
		t.Fatal("b should be evicted")
	}
	if v, ok := c.Get("a"); !ok || v != "1b" {
		t.Fatalf("a = %q %v", v, ok)
	}
	if c.Len() != 2 {
		t.Fatalf("Len = %d", c.Len())
	}
}

func TestHiddenMissDoesNotChangeOrder(t *testing.T) {
	c := New(2, 0, nil)
	c.Set("a", "1")
	c.Set("b", "2")
	c.Get("zzz")
	c.Set("c", "3")
	if got := c.Keys(); !reflect.DeepEqual(got, []string{"c", "b"}) {
		t.Fatalf("Keys = %v", got)
	}
}

func TestHiddenExpiryBoundary(t *testing.T) {
	clk := &fakeClock{t: time.Unix(5000, 0)}
	var evicted []string
	c := New(4, 10*time.Second, clk.now)
	c.OnEvict = func(k, v string) { evicted = append(evicted, k) }
	c.Set("a", "1")
	clk.advance(10*time.Second - time.Nanosecond)
	if _, ok := c.Get("a"); !ok {
		t.Fatal("a expired too early")
	}
	clk.advance(time.Nanosecond) // exactly at expiry
	if _, ok := c.Get("a"); ok {
		t.Fatal("a should be expired at its expiry time")
	}
	if !reflect.DeepEqual(evicted, []string{"a"}) {
		t.Fatalf("evicted = %v", evicted)
	}
	if _, ok := c.Get("a"); ok {
		t.Fatal("a came back")
	}
	if len(evicted) != 1 {
		t.Fatalf("evicted twice: %v", evicted)
	}
}

func TestHiddenOverwriteRefreshesTTL(t *testing.T) {
	clk := &fakeClock{t: time.Unix(0, 0)}
	c := New(4, time.Minute, clk.now)
	c.Set("a", "1")
	clk.advance(50 * time.Second)
	c.Set("a", "2")
	clk.advance(50 * time.Second)
	if v, ok := c.Get("a"); !ok || v != "2" {
		t.Fatalf("a = %q %v, want refreshed TTL", v, ok)
	}
	clk.advance(11 * time.Second)
	if _, ok := c.Get("a"); ok {
		t.Fatal("a should have expired")
	}
}

func TestHiddenGetDoesNotRefreshTTL(t *testing.T) {
	clk := &fakeClock{t: time.Unix(0, 0)}
	c := New(4, time.Minute, clk.now)
	c.Set("a", "1")
	clk.advance(59 * time.Second)
	c.Get("a")
	clk.advance(1 * time.Second)
	if _, ok := c.Get("a"); ok {
		t.Fatal("Get must not extend the TTL")
	}
}

func TestHiddenLenAndKeysSkipExpired(t *testing.T) {
	clk := &fakeClock{t: time.Unix(100, 0)}
	c := New(10, time.Minute, clk.now)
	c.Set("old1", "x")
	c.Set("old2", "x")
	clk.advance(30 * time.Second)
	c.Set("new", "y")
	clk.advance(30 * time.Second)
	if n := c.Len(); n != 1 {
		t.Fatalf("Len = %d, want 1", n)
	}
	if got := c.Keys(); !reflect.DeepEqual(got, []string{"new"}) {
		t.Fatalf("Keys = %v", got)
	}
}

func TestHiddenZeroTTLNeverExpires(t *testing.T) {
	clk := &fakeClock{t: time.Unix(0, 0)}
	c := New(2, 0, clk.now)
	c.Set("a", "1")
	clk.advance(1000 * time.Hour)
	if _, ok := c.Get("a"); !ok {
		t.Fatal("ttl 0 must never expire")
	}
}

func TestHiddenDeleteNoCallback(t *testing.T) {
	called := false
	c := New(2, 0, nil)
	c.OnEvict = func(k, v string) { called = true }
	c.Set("a", "1")
	c.Delete("a")
	c.Delete("missing")
	if called || c.Len() != 0 {
		t.Fatalf("called=%v len=%d", called, c.Len())
	}
}

func TestHiddenCapacityOne(t *testing.T) {
	c := New(1, 0, nil)
	for i := 0; i < 5; i++ {
		c.Set(fmt.Sprint(i), "v")
	}
	if got := c.Keys(); !reflect.DeepEqual(got, []string{"4"}) {
		t.Fatalf("Keys = %v", got)
	}
}

// Model-based test against a straightforward reference (no TTL).
func TestHiddenRandomAgainstModel(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for round := 0; round < 50; round++ {
		capacity := 1 + rng.Intn(6)
		c := New(capacity, 0, nil)
		var model []string // MRU first
		vals := map[string]string{}
		var evicted, modelEvicted []string
		c.OnEvict = func(k, v string) { evicted = append(evicted, k+"="+v) }
		touch := func(k string) {
			for i, x := range model {
				if x == k {
					model = append(model[:i], model[i+1:]...)
					break
				}
			}
			model = append([]string{k}, model...)
		}
		for step := 0; step < 300; step++ {
			k := fmt.Sprint(rng.Intn(9))
			switch rng.Intn(3) {
			case 0:
				v := fmt.Sprint(step)
				if _, ok := vals[k]; !ok && len(model) >= capacity {
					last := model[len(model)-1]
					modelEvicted = append(modelEvicted, last+"="+vals[last])
					delete(vals, last)
					model = model[:len(model)-1]
				}
				vals[k] = v
				touch(k)
				c.Set(k, v)
			case 1:
				want, wok := vals[k]
				got, ok := c.Get(k)
				if ok != wok || got != want {
					t.Fatalf("round %d step %d Get(%s) = %q,%v want %q,%v", round, step, k, got, ok, want, wok)
				}
				if wok {
					touch(k)
				}
			case 2:
				if _, ok := vals[k]; ok {
					delete(vals, k)
					for i, x := range model {
						if x == k {
							model = append(model[:i], model[i+1:]...)
							break
						}
					}
				}
				c.Delete(k)
			}
			if got := c.Keys(); !reflect.DeepEqual(got, append([]string{}, model...)) && !(len(got) == 0 && len(model) == 0) {
				t.Fatalf("round %d step %d Keys = %v want %v", round, step, got, model)
			}
		}
		if !reflect.DeepEqual(evicted, modelEvicted) && !(len(evicted) == 0 && len(modelEvicted) == 0) {
			t.Fatalf("round %d evicted %v want %v", round, evicted, modelEvicted)
		}
	}
}

func TestHiddenConcurrentUse(t *testing.T) {
	c := New(64, time.Hour, nil)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			rng := rand.New(rand.NewSource(int64(g)))
			for i := 0; i < 20000; i++ {
				k := fmt.Sprint(rng.Intn(200))
				switch rng.Intn(4) {
				case 0, 1:
					c.Get(k)
				case 2:
					c.Set(k, k)
				default:
					c.Delete(k)
				}
			}
		}(g)
	}
	wg.Wait()
	keys := c.Keys()
	if len(keys) != c.Len() || len(keys) > 64 {
		t.Fatalf("inconsistent: %d keys, Len %d", len(keys), c.Len())
	}
	seen := map[string]bool{}
	for _, k := range keys {
		if seen[k] {
			t.Fatalf("duplicate key %s", k)
		}
		seen[k] = true
		if v, ok := c.Get(k); !ok || v != k {
			t.Fatalf("Get(%s) = %q %v", k, v, ok)
		}
	}
}
