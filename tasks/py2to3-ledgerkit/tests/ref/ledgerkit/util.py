"""Small text helpers (and the Python 2 behaviours the reports depend on)."""
import functools
from decimal import ROUND_HALF_UP, Decimal


def py2_round(x, ndigits=0):
    """Python 2 round(): half away from zero on the exact binary value, returns a float."""
    q = Decimal(1).scaleb(-ndigits)
    return float(Decimal(x).quantize(q, rounding=ROUND_HALF_UP))


def py2_str(x):
    """Python 2 str() of a value: floats keep 12 significant digits (str, not repr)."""
    if isinstance(x, float):
        s = '%.12g' % x
        if s.lstrip('-').isdigit():
            s += '.0'
        return s
    return str(x)


def as_text(value):
    """Text as printed by the reports (Python 2 printed UTF-8 byte strings)."""
    if isinstance(value, bytes):
        return value.decode('utf-8')
    return py2_str(value)


def text_width(s):
    """Width in bytes of the UTF-8 encoding (what Python 2 padded by)."""
    return len(s.encode('utf-8'))


def ljust_bytes(s, width):
    return s + ' ' * max(0, width - text_width(s))


def truncate_bytes(s, n):
    return s.encode('utf-8')[:n].decode('utf-8', 'ignore')


def columns(rows, sep='  '):
    """Left-align columns; widths from the longest cell (in bytes, as printed)."""
    rows = [[as_text(c) for c in r] for r in rows]
    if not rows:
        return []
    widths = [max(text_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [ljust_bytes(c, w) for c, w in zip(r, widths)]
        out.append(sep.join(cells).rstrip())
    return out


def percent(part, whole):
    """Percentage as a float, None when whole is zero."""
    if not whole:
        return None
    return 100.0 * part / whole


def top(counts, n):
    """The n most frequent keys of a dict, ties by key."""
    items = list(counts.items())
    items.sort(key=lambda kv: (-kv[1], kv[0]))
    return items[:n]
