// Package cache implements a size-bounded LRU cache whose entries expire after a TTL.
package cache

import (
	"container/list"
	"sync"
	"time"
)

// Clock returns the current time; tests inject a fake one.
type Clock func() time.Time

type entry struct {
	key     string
	value   string
	expires time.Time // zero: never expires
}

// Cache is safe for concurrent use.
type Cache struct {
	mu       sync.Mutex
	capacity int
	ttl      time.Duration
	now      Clock
	order    *list.List // front = most recently used
	items    map[string]*list.Element
	// OnEvict, if set, is called (with the lock held) for every entry removed because the
	// cache was full or because it expired; not for Delete or overwrites.
	OnEvict func(key, value string)
}

// New returns a cache holding at most capacity entries (capacity >= 1). A ttl of 0 means
// entries never expire. now may be nil (time.Now).
func New(capacity int, ttl time.Duration, now Clock) *Cache {
	if capacity < 1 {
		panic("cache: capacity must be >= 1")
	}
	if now == nil {
		now = time.Now
	}
	return &Cache{capacity: capacity, ttl: ttl, now: now, order: list.New(), items: map[string]*list.Element{}}
}

// Set inserts or replaces key. Replacing refreshes the TTL and makes the key most recently used.
// Inserting into a full cache first evicts the least recently used entry.
func (c *Cache) Set(key, value string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var expires time.Time
	if c.ttl > 0 {
		expires = c.now().Add(c.ttl)
	}
	if el, ok := c.items[key]; ok {
		e := el.Value.(*entry)
		e.value = value
		e.expires = expires
		return
	}
	if c.order.Len() >= c.capacity {
		c.evict(c.order.Front())
	}
	c.items[key] = c.order.PushFront(&entry{key: key, value: value, expires: expires})
}

// Get returns the value and true if key is present and not expired; a hit makes the key most
// recently used. An expired entry found by Get is removed (and reported to OnEvict).
func (c *Cache) Get(key string) (string, bool) {
	el, ok := c.items[key]
	if !ok {
		return "", false
	}
	e := el.Value.(*entry)
	if !e.expires.IsZero() && c.now().Before(e.expires) {
		c.evict(el)
		return "", false
	}
	return e.value, true
}

// Delete removes key if present.
func (c *Cache) Delete(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		c.order.Remove(el)
		delete(c.items, key)
	}
}

// Len returns the number of entries that are present and not expired.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// Keys returns the keys of the live (not expired) entries, most recently used first.
func (c *Cache) Keys() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	keys := make([]string, 0, c.order.Len())
	for el := c.order.Front(); el != nil; el = el.Next() {
		keys = append(keys, el.Value.(*entry).key)
	}
	return keys
}

func (c *Cache) evict(el *list.Element) {
	e := el.Value.(*entry)
	c.order.Remove(el)
	delete(c.items, e.key)
	if c.OnEvict != nil {
		c.OnEvict(e.key, e.value)
	}
}
