"""Hidden tests for proctor/py-calendar-slots-bug."""
import inspect
import random
import sys

sys.path.insert(0, "/app")

import pytest  # noqa: E402

import calendar_tools  # noqa: E402
from calendar_tools import free_slots, merge, total_length  # noqa: E402


def brute_cover(intervals):
    minutes = set()
    for s, e in intervals:
        minutes.update(range(s, e))
    return minutes


def runs(minutes):
    out = []
    for m in sorted(minutes):
        if out and out[-1][1] == m:
            out[-1] = (out[-1][0], m + 1)
        else:
            out.append((m, m + 1))
    return out


def ref_free(busy, lo, hi, min_length=1):
    covered = brute_cover(busy)
    return [r for r in runs(set(range(lo, hi)) - covered) if r[1] - r[0] >= min_length]


def test_package_is_real():
    src = inspect.getsource(calendar_tools.intervals) + inspect.getsource(calendar_tools.slots)
    assert "def merge" in src and "def free_slots" in src


def test_merge_touching_and_unsorted():
    assert merge([(30, 60), (0, 30)]) == [(0, 60)]
    assert merge([(100, 200), (0, 10), (10, 20), (50, 60)]) == [(0, 20), (50, 60), (100, 200)]


def test_merge_sort_by_start_matters():
    # sorted by end this would be (5,6),(0,10) and fail to merge
    assert merge([(0, 10), (5, 6)]) == [(0, 10)]
    assert merge([(0, 100), (20, 30), (90, 95)]) == [(0, 100)]


def test_merge_does_not_mutate_input():
    data = [(5, 9), (1, 3)]
    merge(data)
    assert data == [(5, 9), (1, 3)]


def test_merge_validation_kept():
    with pytest.raises(ValueError):
        merge([(5, 5)])
    with pytest.raises(TypeError):
        merge([(1.5, 3)])


def test_total_length_overlaps():
    assert total_length([(0, 10), (10, 20), (5, 15)]) == 20
    assert total_length([]) == 0


def test_free_tail_of_day():
    assert free_slots([(540, 600)], 480, 1020) == [(480, 540), (600, 1020)]
    assert free_slots([], 480, 1020) == [(480, 1020)]


def test_free_busy_outside_day():
    assert free_slots([(0, 500), (1000, 1440)], 480, 1020) == [(500, 1000)]
    assert free_slots([(0, 1440)], 480, 1020) == []


def test_free_min_length_tail():
    assert free_slots([(480, 1010)], 480, 1020, min_length=15) == []
    assert free_slots([(480, 1000)], 480, 1020, min_length=15) == [(1000, 1020)]


def test_free_touching_busy_no_zero_slots():
    assert free_slots([(480, 540), (540, 600)], 480, 600) == []


@pytest.mark.parametrize("seed", range(8))
def test_against_reference(seed):
    rng = random.Random(seed)
    for _ in range(150):
        busy = []
        for _ in range(rng.randint(0, 8)):
            s = rng.randint(0, 300)
            busy.append((s, s + rng.randint(1, 60)))
        lo = rng.randint(0, 150)
        hi = lo + rng.randint(1, 250)
        ml = rng.choice([1, 1, 5, 20])
        assert merge(busy) == runs(brute_cover(busy)), busy
        assert free_slots(busy, lo, hi, ml) == ref_free(busy, lo, hi, ml), (busy, lo, hi, ml)
