package rank

// Hidden tests for proctor/go-topk-perf.

import (
	"math/rand"
	"reflect"
	"sort"
	"testing"
)

// counter counts comparisons; past a non-zero limit it stops the code under test (a panic that
// `within` turns into a test failure), so a quadratic implementation fails in a fraction of a
// second instead of running until the test timeout.
type counter struct{ n, limit int64 }

type budgetExceeded struct{ limit int64 }

func (c *counter) better(key func(Score) int64) Better {
	return func(a, b Score) bool {
		c.n++
		if c.limit > 0 && c.n > c.limit {
			panic(budgetExceeded{c.limit})
		}
		return key(a) > key(b)
	}
}

// within runs f, failing the test if it exceeds its counter's comparison budget.
func within(t *testing.T, f func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(budgetExceeded); ok {
				t.Fatalf("stopped after more than %d comparisons (the limit)", e.limit)
			}
			panic(r)
		}
	}()
	f()
}

func points(s Score) int64 { return s.Points }

func randomScores(rng *rand.Rand, n int, spread int64) []Score {
	xs := make([]Score, n)
	for i := range xs {
		xs[i] = Score{Player: string(rune('a' + i%26)), Points: rng.Int63n(spread), At: int64(i)}
	}
	return xs
}

func refSorted(xs []Score, key func(Score) int64) []Score {
	c := append([]Score(nil), xs...)
	sort.SliceStable(c, func(i, j int) bool { return key(c[i]) > key(c[j]) })
	return c
}

func TestHiddenTopKCorrectWithTies(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for round := 0; round < 300; round++ {
		n := rng.Intn(60)
		xs := randomScores(rng, n, int64(1+rng.Intn(8)))
		orig := append([]Score(nil), xs...)
		for _, k := range []int{-1, 0, 1, 2, 5, n - 1, n, n + 3} {
			c := &counter{}
			got := TopK(xs, k, c.better(points))
			want := refSorted(xs, points)
			if k <= 0 {
				want = []Score{}
			} else if k < len(want) {
				want = want[:k]
			}
			if len(got) != len(want) || (len(want) > 0 && !reflect.DeepEqual(got, want)) {
				t.Fatalf("round %d k=%d: got %v want %v", round, k, got, want)
			}
			if got == nil {
				t.Fatalf("TopK returned nil for k=%d", k)
			}
		}
		if len(xs) != len(orig) || (len(xs) > 0 && !reflect.DeepEqual(xs, orig)) {
			t.Fatal("input modified")
		}
	}
}

func TestHiddenTopKComparisons(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	xs := randomScores(rng, 1_000_000, 1_000_000_000)
	c := &counter{limit: 12_000_000}
	var got []Score
	within(t, func() { got = TopK(xs, 5, c.better(points)) })
	want := refSorted(xs, points)[:5]
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("wrong result %v want %v", got, want)
	}
	if c.n > c.limit { // code that recovered the budget panic itself
		t.Fatalf("TopK(1e6, k=5) used %d comparisons, limit %d", c.n, c.limit)
	}
	t.Logf("TopK comparisons: %d", c.n)
}

func TestHiddenTopKLargeK(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	xs := randomScores(rng, 200_000, 50_000)
	c := &counter{limit: 40_000_000}
	var got []Score
	within(t, func() { got = TopK(xs, 1000, c.better(points)) })
	if want := refSorted(xs, points)[:1000]; !reflect.DeepEqual(got, want) {
		t.Fatal("wrong result for k=1000")
	}
	if c.n > c.limit {
		t.Fatalf("TopK(2e5, k=1000) used %d comparisons, limit %d", c.n, c.limit)
	}
}

func makeLists(rng *rand.Rand, m, per int, spread int64) [][]Score {
	lists := make([][]Score, m)
	for i := range lists {
		l := randomScores(rng, rng.Intn(per+1), spread)
		for j := range l {
			l[j].At = int64(i*1_000_000 + j)
		}
		lists[i] = refSorted(l, points)
	}
	return lists
}

func refMerge(lists [][]Score) []Score {
	var all []Score
	for _, l := range lists {
		all = append(all, l...)
	}
	return refSorted(all, points)
}

func TestHiddenMergeCorrectWithTies(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	for round := 0; round < 300; round++ {
		lists := makeLists(rng, rng.Intn(9), 12, int64(1+rng.Intn(6)))
		var orig [][]Score
		for _, l := range lists {
			orig = append(orig, append([]Score(nil), l...))
		}
		c := &counter{}
		got := MergeSorted(lists, c.better(points))
		want := refMerge(lists)
		if len(got) != len(want) || (len(want) > 0 && !reflect.DeepEqual(got, want)) {
			t.Fatalf("round %d: got %v want %v", round, got, want)
		}
		if got == nil {
			t.Fatal("MergeSorted returned nil")
		}
		for i := range lists {
			if !reflect.DeepEqual(lists[i], orig[i]) && !(len(lists[i]) == 0 && len(orig[i]) == 0) {
				t.Fatal("input modified")
			}
		}
	}
}

func TestHiddenMergeComparisons(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	lists := makeLists(rng, 2000, 500, 1_000_000_000)
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	limit := int64(n) * 10 * 11 // 10 * N * log2(m)
	c := &counter{limit: limit}
	var got []Score
	within(t, func() { got = MergeSorted(lists, c.better(points)) })
	if !reflect.DeepEqual(got, refMerge(lists)) {
		t.Fatal("wrong merge result")
	}
	if c.n > limit {
		t.Fatalf("MergeSorted(N=%d, m=2000) used %d comparisons, limit %d", n, c.n, limit)
	}
	t.Logf("Merge comparisons: %d (N=%d)", c.n, n)
}

func TestHiddenMergeManyEmptyAndOne(t *testing.T) {
	c := &counter{limit: 200_000}
	lists := make([][]Score, 50000)
	lists[31337] = []Score{{"x", 1, 0}, {"y", 0, 0}}
	var got []Score
	within(t, func() { got = MergeSorted(lists, c.better(points)) })
	if !reflect.DeepEqual(got, []Score{{"x", 1, 0}, {"y", 0, 0}}) {
		t.Fatalf("got %v", got)
	}
	if c.n > c.limit {
		t.Fatalf("%d comparisons for 2 entries, limit %d", c.n, c.limit)
	}
	if got := MergeSorted(nil, c.better(points)); got == nil || len(got) != 0 {
		t.Fatalf("MergeSorted(nil) = %#v", got)
	}
}
