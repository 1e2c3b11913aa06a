"""Amounts of money in integer cents with a currency code."""
import functools


class MoneyError(ValueError):
    pass


@functools.total_ordering
class Money(object):
    __slots__ = ('cents', 'currency')

    def __init__(self, cents, currency):
        if isinstance(cents, bool) or not isinstance(cents, int):
            raise MoneyError('cents must be an integer, got %r' % (cents,))
        self.cents = int(cents)
        self.currency = currency

    @classmethod
    def parse(cls, text, default_currency='EUR'):
        """'1,234.50 EUR' -> Money(123450, 'EUR'); '-3 USD'; '12.5' (default currency)."""
        parts = text.split()
        if len(parts) == 1:
            number, currency = parts[0], default_currency
        elif len(parts) == 2:
            number, currency = parts
        else:
            raise MoneyError('bad amount: %r' % text)
        number = number.replace(',', '')
        negative = number.startswith('-')
        if negative:
            number = number[1:]
        if '.' in number:
            whole, frac = number.split('.', 1)
        else:
            whole, frac = number, ''
        if not whole.isdigit() or (frac and not frac.isdigit()) or len(frac) > 2:
            raise MoneyError('bad amount: %r' % text)
        cents = int(whole) * 100 + int((frac + '00')[:2])
        if negative:
            cents = -cents
        return cls(cents, currency.upper())

    def _check(self, other):
        if not isinstance(other, Money):
            raise MoneyError('cannot combine Money with %r' % (other,))
        if other.currency != self.currency:
            raise MoneyError('currency mismatch: %s vs %s' % (self.currency, other.currency))

    def __add__(self, other):
        self._check(other)
        return Money(self.cents + other.cents, self.currency)

    def __sub__(self, other):
        self._check(other)
        return Money(self.cents - other.cents, self.currency)

    def __neg__(self):
        return Money(-self.cents, self.currency)

    def __mul__(self, factor):
        return Money(self.cents * factor, self.currency)

    def __floordiv__(self, divisor):
        """Integer division of the cents (floors, like Python 2 ints)."""
        return Money(self.cents // divisor, self.currency)

    __truediv__ = __floordiv__

    def __bool__(self):
        return self.cents != 0

    def __lt__(self, other):
        self._check(other)
        return self.cents < other.cents

    def __hash__(self):
        return hash((self.cents, self.currency))

    def __eq__(self, other):
        return isinstance(other, Money) and (self.cents, self.currency) == (other.cents, other.currency)

    def __ne__(self, other):
        return not self == other

    def __repr__(self):
        return 'Money(%d, %r)' % (self.cents, self.currency)

    def format(self, width=0):
        sign = '-' if self.cents < 0 else ''
        c = abs(self.cents)
        whole = '{:,}'.format(c // 100)
        text = '%s%s.%02d %s' % (sign, whole, c % 100, self.currency)
        return text.rjust(width)

    __str__ = format
