// Package rank selects and merges scored entries for the leaderboard service.
package rank

// Score is one leaderboard entry.
type Score struct {
	Player string
	Points int64
	At     int64 // unix seconds of the submission
}

// Better reports whether a ranks strictly before b. Implementations must be a strict weak
// ordering. Two entries where neither is better are "tied".
type Better func(a, b Score) bool

// TopK returns the k best entries of xs, best first. Tied entries keep their input order.
// If k >= len(xs) all entries are returned, sorted. k <= 0 returns an empty slice.
// xs is not modified.
func TopK(xs []Score, k int, better Better) []Score {
	if k <= 0 {
		return []Score{}
	}
	sorted := append([]Score(nil), xs...)
	// stable bubble sort, best first
	for i := 0; i < len(sorted); i++ {
		for j := 0; j+1 < len(sorted)-i; j++ {
			if better(sorted[j+1], sorted[j]) {
				sorted[j], sorted[j+1] = sorted[j+1], sorted[j]
			}
		}
	}
	if k > len(sorted) {
		k = len(sorted)
	}
	return sorted[:k]
}

// MergeSorted merges lists that are each already sorted best first into one list sorted best
// first. Tied entries come in the order of their lists (lower list index first), and within one
// list in their original order. The input lists are not modified.
func MergeSorted(lists [][]Score, better Better) []Score {
	total := 0
	for _, l := range lists {
		total += len(l)
	}
	out := make([]Score, 0, total)
	pos := make([]int, len(lists))
	for len(out) < total {
		best := -1
		for i, l := range lists {
			if pos[i] >= len(l) {
				continue
			}
			if best < 0 || better(l[pos[i]], lists[best][pos[best]]) {
				best = i
			}
		}
		out = append(out, lists[best][pos[best]])
		pos[best]++
	}
	return out
}
