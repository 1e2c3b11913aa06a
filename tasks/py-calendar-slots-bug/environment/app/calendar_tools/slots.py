"""Finding free time between busy intervals."""
from .intervals import merge


def free_slots(busy, day_start, day_end, min_length=1):
    """Free intervals inside ``[day_start, day_end)`` not covered by any ``busy`` interval.

    Busy intervals may overlap each other and may extend outside the day; only the part
    inside the day matters. Slots shorter than ``min_length`` minutes are dropped.
    Returns a sorted list of ``(start, end)`` tuples.
    """
    if day_start >= day_end:
        raise ValueError("day_start must be before day_end")
    slots = []
    cursor = day_start
    for start, end in merge(busy):
        if end <= day_start or start >= day_end:
            continue
        if start > cursor:
            slots.append((cursor, start))
        cursor = max(cursor, end)
    return [(s, e) for s, e in slots if e - s >= min_length]
