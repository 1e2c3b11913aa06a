package rank

import (
	"reflect"
	"testing"
)

func byPoints(a, b Score) bool { return a.Points > b.Points }

func TestTopK(t *testing.T) {
	xs := []Score{{"a", 5, 1}, {"b", 9, 2}, {"c", 7, 3}, {"d", 9, 4}}
	got := TopK(xs, 3, byPoints)
	want := []Score{{"b", 9, 2}, {"d", 9, 4}, {"c", 7, 3}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("TopK = %v", got)
	}
}

func TestMergeSorted(t *testing.T) {
	lists := [][]Score{{{"a", 9, 0}, {"b", 3, 0}}, {{"c", 9, 0}, {"d", 5, 0}}}
	got := MergeSorted(lists, byPoints)
	want := []Score{{"a", 9, 0}, {"c", 9, 0}, {"d", 5, 0}, {"b", 3, 0}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("MergeSorted = %v", got)
	}
}
