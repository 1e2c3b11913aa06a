"""Match bank-statement lines against the bookkeeping ledger."""
from collections import deque
from dataclasses import dataclass, field

from .model import normalize_ref


@dataclass
class Result:
    pairs: list = field(default_factory=list)           # (bank_index, book_index), in bank order
    unmatched_bank: list = field(default_factory=list)  # bank indices, ascending
    unmatched_book: list = field(default_factory=list)  # book indices, ascending


def reconcile(bank, book, window_days=3):
    """Pair bank lines with ledger entries.

    Bank lines are processed in order. Each one is paired with the *first* ledger entry (in
    ledger order) that is not paired yet, has the same amount, the same normalized reference,
    and a date at most ``window_days`` days away. Bank lines without such an entry stay unmatched.

    Implementation: ledger entries are grouped by (amount, reference) and then by date, each
    date holding a queue of ledger indices in ascending order. The first unpaired entry of a
    date is always the head of its queue, so a bank line only compares the queue heads of the
    dates inside its window: O(min(2 * window + 1, dates in group)) per bank line.
    """
    groups = {}
    for j, k in enumerate(book):
        by_date = groups.setdefault((k.amount, normalize_ref(k.reference)), {})
        by_date.setdefault(k.date.toordinal(), deque()).append(j)

    result = Result()
    used = bytearray(len(book))
    span = 2 * window_days + 1
    for i, b in enumerate(bank):
        by_date = groups.get((b.amount, normalize_ref(b.reference)))
        best = None
        if by_date:
            day = b.date.toordinal()
            if span <= len(by_date):
                candidates = (by_date.get(d) for d in range(day - window_days, day + window_days + 1))
            else:
                candidates = (q for d, q in by_date.items() if abs(d - day) <= window_days)
            for q in candidates:
                if q and (best is None or q[0] < best[0]):
                    best = q
        if best is None:
            result.unmatched_bank.append(i)
            continue
        j = best.popleft()
        used[j] = 1
        result.pairs.append((i, j))
    result.unmatched_book = [j for j in range(len(book)) if not used[j]]
    return result
