"""Account names are colon-separated paths: Expenses:Food:Groceries."""
import functools

ROOTS = ('Assets', 'Liabilities', 'Equity', 'Income', 'Expenses')


def cmp(a, b):
    return (a > b) - (a < b)


def split(name):
    return name.split(':')


def parents(name):
    """'A:B:C' -> ['A', 'A:B', 'A:B:C']"""
    parts = split(name)
    return [':'.join(parts[:i]) for i in range(1, len(parts) + 1)]


def depth(name):
    return len(split(name))


def root_order(a, b):
    """Order accounts by the position of their root in ROOTS, then by name."""
    ra, rb = split(a)[0], split(b)[0]
    ia = ROOTS.index(ra) if ra in ROOTS else len(ROOTS)
    ib = ROOTS.index(rb) if rb in ROOTS else len(ROOTS)
    return cmp(ia, ib) or cmp(a, b)


class AccountTree(object):
    """Totals per account, including all sub-accounts."""

    def __init__(self):
        self.totals = {}

    def add(self, account, money):
        for p in parents(account):
            if p in self.totals:
                self.totals[p] = self.totals[p] + money
            else:
                self.totals[p] = money

    def accounts(self, max_depth=None):
        names = [a for a, total in self.totals.items()
                 if max_depth is None or depth(a) <= max_depth]
        names.sort(key=functools.cmp_to_key(root_order))
        return names

    def parent_total(self, account):
        parts = split(account)
        if len(parts) == 1:
            return None
        return self.totals[':'.join(parts[:-1])]
