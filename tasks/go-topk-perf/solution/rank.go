// Package rank selects and merges scored entries for the leaderboard service.
package rank

import "sort"

// Score is one leaderboard entry.
type Score struct {
	Player string
	Points int64
	At     int64 // unix seconds of the submission
}

// Better reports whether a ranks strictly before b. Implementations must be a strict weak
// ordering. Two entries where neither is better are "tied".
type Better func(a, b Score) bool

type ranked struct {
	s   Score
	idx int // tie-breaker: input position (TopK) or list index (MergeSorted)
}

// before: a ranks before b, ties broken by the lower idx.
func before(better Better, a, b ranked) bool {
	if better(a.s, b.s) {
		return true
	}
	if a.idx < b.idx {
		return !better(b.s, a.s)
	}
	return false
}

// TopK returns the k best entries of xs, best first. Tied entries keep their input order.
// If k >= len(xs) all entries are returned, sorted. k <= 0 returns an empty slice.
// xs is not modified.
//
// A heap of the k best entries seen so far is kept with the worst of them at the root; each
// new entry costs one comparison unless it enters the heap (O(n log k) in total).
func TopK(xs []Score, k int, better Better) []Score {
	if k <= 0 {
		return []Score{}
	}
	if k > len(xs) {
		k = len(xs)
	}
	h := make([]ranked, 0, k)
	// worse(i, j): h[i] ranks after h[j]  (max-heap of "badness")
	worse := func(i, j int) bool { return before(better, h[j], h[i]) }
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= len(h) {
				return
			}
			w := l
			if r := l + 1; r < len(h) && worse(r, l) {
				w = r
			}
			if !worse(w, i) {
				return
			}
			h[i], h[w] = h[w], h[i]
			i = w
		}
	}
	up := func(i int) {
		for i > 0 {
			p := (i - 1) / 2
			if !worse(i, p) {
				return
			}
			h[i], h[p] = h[p], h[i]
			i = p
		}
	}
	for i, x := range xs {
		if len(h) < k {
			h = append(h, ranked{x, i})
			up(len(h) - 1)
			continue
		}
		// x comes after every heap entry in input order, so a tie keeps the heap entry.
		if better(x, h[0].s) {
			h[0] = ranked{x, i}
			down(0)
		}
	}
	sort.Slice(h, func(i, j int) bool { return before(better, h[i], h[j]) })
	out := make([]Score, len(h))
	for i, r := range h {
		out[i] = r.s
	}
	return out
}

// MergeSorted merges lists that are each already sorted best first into one list sorted best
// first. Tied entries come in the order of their lists (lower list index first), and within one
// list in their original order. The input lists are not modified.
//
// Lists are merged pairwise, level by level (O(N log m) comparisons).
func MergeSorted(lists [][]Score, better Better) []Score {
	runs := make([][]Score, 0, len(lists))
	for _, l := range lists {
		runs = append(runs, l)
	}
	if len(runs) == 0 {
		return []Score{}
	}
	for len(runs) > 1 {
		next := make([][]Score, 0, (len(runs)+1)/2)
		for i := 0; i < len(runs); i += 2 {
			if i+1 == len(runs) {
				next = append(next, runs[i])
				continue
			}
			next = append(next, merge2(runs[i], runs[i+1], better))
		}
		runs = next
	}
	return append([]Score{}, runs[0]...)
}

// merge2 merges a (earlier lists) and b (later lists): on ties a goes first.
func merge2(a, b []Score, better Better) []Score {
	out := make([]Score, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if better(b[j], a[i]) {
			out = append(out, b[j])
			j++
		} else {
			out = append(out, a[i])
			i++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}
