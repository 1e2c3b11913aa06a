"""Small text helpers."""
import string


def as_text(value):
    if isinstance(value, unicode):
        return value.encode('utf-8')
    if not isinstance(value, basestring):
        return str(value)
    return value


def columns(rows, sep='  '):
    """Left-align columns; widths from the longest cell (in bytes, as printed)."""
    rows = [map(as_text, r) for r in rows]
    if not rows:
        return []
    widths = [max(len(r[i]) for r in rows) for i in xrange(len(rows[0]))]
    out = []
    for r in rows:
        cells = [string.ljust(c, w) for c, w in zip(r, widths)]
        out.append(string.rstrip(string.join(cells, sep)))
    return out


def percent(part, whole):
    """Percentage as a float, None when whole is zero."""
    if not whole:
        return None
    return 100.0 * part / whole


def top(counts, n):
    """The n most frequent keys of a dict, ties by key."""
    items = counts.items()
    items.sort(lambda a, b: cmp(b[1], a[1]) or cmp(a[0], b[0]))
    return items[:n]
