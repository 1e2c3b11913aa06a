"""Interval arithmetic on half-open ``(start, end)`` minute intervals."""


def _check(interval):
    start, end = interval
    if not (isinstance(start, int) and isinstance(end, int)):
        raise TypeError(f"interval bounds must be int minutes: {interval!r}")
    if start >= end:
        raise ValueError(f"empty or reversed interval: {interval!r}")
    return start, end


def merge(intervals):
    """Return the union of ``intervals`` as a sorted list of disjoint intervals.

    Overlapping intervals are merged, and so are intervals that merely touch
    (``(0, 30)`` and ``(30, 60)`` become ``(0, 60)``). The input is not modified.
    """
    ordered = sorted((_check(i) for i in intervals), key=lambda i: i[1])
    merged = []
    for start, end in ordered:
        if merged and start < merged[-1][1]:
            last_start, last_end = merged[-1]
            merged[-1] = (last_start, max(last_end, end))
        else:
            merged.append((start, end))
    return merged


def total_length(intervals):
    """Total number of minutes covered by ``intervals`` (overlaps counted once)."""
    return sum(end - start for start, end in merge(intervals))
