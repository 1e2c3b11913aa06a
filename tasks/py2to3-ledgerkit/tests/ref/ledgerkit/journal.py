"""Transactions and postings."""
import functools

from .money import Money, MoneyError


class JournalError(Exception):
    def __init__(self, message, line=None):
        Exception.__init__(self, message)
        self.message = message
        self.line = line

    def __str__(self):
        if self.line is None:
            return self.message
        return 'line %d: %s' % (self.line, self.message)


class Posting(object):
    def __init__(self, account, amount):
        self.account = account
        self.amount = amount   # Money or None (to be inferred)


class Transaction(object):
    def __init__(self, date, payee, cleared=False, line=None):
        self.date = date
        self.payee = payee
        self.cleared = cleared
        self.postings = []
        self.line = line

    def _key(self):
        return (self.date, self.line)

    def __lt__(self, other):
        return self._key() < other._key()

    def balance(self):
        """Infer the single missing amount and check that each currency sums to zero."""
        missing = [p for p in self.postings if p.amount is None]
        if len(missing) > 1:
            raise JournalError('more than one posting without amount', self.line)
        sums = {}
        for p in self.postings:
            if p.amount is not None:
                c = p.amount.currency
                sums[c] = sums.get(c, Money(0, c)) + p.amount
        unbalanced = [m for m in sums.values() if m]
        if missing:
            if len(unbalanced) != 1:
                raise JournalError('cannot infer amount with %d open currencies' % len(unbalanced), self.line)
            missing[0].amount = -unbalanced[0]
        elif unbalanced:
            unbalanced.sort(key=lambda m: m.currency)
            raise JournalError('transaction does not balance: %s' % unbalanced[0], self.line)

    def total(self):
        """Sum of the positive postings, per currency (the 'size' of the transaction)."""
        positive = [p.amount for p in self.postings if p.amount.cents > 0]
        currencies = sorted(set(m.currency for m in positive))
        return [functools.reduce(lambda a, b: a + b, [m for m in positive if m.currency == c])
                for c in currencies]


class Journal(object):
    def __init__(self, transactions=None):
        self.transactions = list(transactions or [])

    def sorted(self):
        txs = list(self.transactions)
        txs.sort()
        return txs

    def payees(self):
        seen = {}
        for t in self.transactions:
            seen[t.payee] = seen.get(t.payee, 0) + 1
        return seen

    def first_date(self):
        return [t.date for t in self.sorted()][0]

    def last_date(self):
        return [t.date for t in self.sorted()][-1]
