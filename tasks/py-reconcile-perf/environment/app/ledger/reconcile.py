"""Match bank-statement lines against the bookkeeping ledger."""
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
    """
    result = Result()
    used = set()
    for i, b in enumerate(bank):
        for j, k in enumerate(book):
            if j in used:
                continue
            if (k.amount == b.amount and normalize_ref(k.reference) == normalize_ref(b.reference)
                    and abs((k.date - b.date).days) <= window_days):
                result.pairs.append((i, j))
                used.add(j)
                break
        else:
            result.unmatched_bank.append(i)
    result.unmatched_book = [j for j in range(len(book)) if j not in used]
    return result
