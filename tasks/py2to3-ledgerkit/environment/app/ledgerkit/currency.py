"""Currency conversion with fixed rates.

A rates file has lines 'USD 0.92' meaning 1 USD = 0.92 of the base currency (first line: 'base EUR').
"""
from money import Money


class Rates(object):
    def __init__(self, base, rates):
        self.base = base
        self.rates = rates
        self.rates[base] = 1.0

    @classmethod
    def load(cls, path):
        base, rates = None, {}
        for line in open(path):
            line = line.split('#')[0].strip()
            if not line:
                continue
            key, value = line.split()
            if key == 'base':
                base = value
            else:
                rates[key] = float(value)
        return cls(base or 'EUR', rates)

    def convert(self, money, target=None):
        """Convert to target (default: base); rounds half away from zero to whole cents."""
        target = target or self.base
        if money.currency == target:
            return money
        if not self.rates.has_key(money.currency) or not self.rates.has_key(target):
            raise KeyError('no rate for %s -> %s' % (money.currency, target))
        value = money.cents * self.rates[money.currency] / self.rates[target]
        return Money(long(round(value)), target)
