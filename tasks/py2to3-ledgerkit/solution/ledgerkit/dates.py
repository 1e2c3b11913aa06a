"""Date helpers. Dates are datetime.date; journal dates look like 2024/03/05 or 2024-03-05."""
import datetime


def parse_date(text):
    text = text.strip().replace('-', '/')
    try:
        y, m, d = map(int, text.split('/'))
        return datetime.date(y, m, d)
    except ValueError as e:
        raise ValueError('bad date %r: %s' % (text, e))


def quarter(date):
    return (date.month - 1) // 3 + 1


def month_key(date):
    return '%04d-%02d' % (date.year, date.month)


def months_between(start, end):
    """Whole months from start to end (end's day must reach start's day)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return months


def iter_months(start, end):
    """Yield 'YYYY-MM' keys from start's month to end's month inclusive."""
    first = start.year * 12 + start.month - 1
    last = end.year * 12 + end.month - 1
    for n in range(first, last + 1):
        yield '%04d-%02d' % (n // 12, n % 12 + 1)
