from calendar_tools import free_slots, merge, total_length


def test_merge_overlapping():
    assert merge([(60, 120), (0, 90)]) == [(0, 120)]


def test_merge_touching():
    assert merge([(0, 30), (30, 60)]) == [(0, 60)]


def test_merge_nested():
    assert merge([(0, 100), (10, 20), (30, 40)]) == [(0, 100)]


def test_total_length():
    assert total_length([(0, 10), (5, 15), (20, 30)]) == 25


def test_free_slots_basic():
    busy = [(540, 600), (660, 720)]
    assert free_slots(busy, 480, 1020) == [(480, 540), (600, 660), (720, 1020)]


def test_free_slots_min_length():
    busy = [(540, 600), (610, 720)]
    assert free_slots(busy, 540, 780, min_length=15) == [(720, 780)]
