"""Numbers as text."""
import re

ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
         (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}


def to_roman(n):
    """1..3999 -> Roman numeral (ValueError outside)."""
    if not isinstance(n, int) or not 1 <= n <= 3999:
        raise ValueError("out of range: %r" % (n,))
    out = []
    for value, sym in ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def from_roman(s):
    """Canonical Roman numeral -> int; ValueError for anything that to_roman would not produce."""
    if not s or not re.fullmatch(r"[MDCLXVI]+", s):
        raise ValueError("not a roman numeral: %r" % (s,))
    total, i = 0, 0
    for value, sym in ROMAN:
        while s.startswith(sym, i):
            total += value
            i += len(sym)
    if i != len(s) or to_roman(total) != s:
        raise ValueError("not a canonical roman numeral: %r" % (s,))
    return total


def ordinal(n):
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 112 -> '112th', -1 -> '-1st'."""
    a = abs(n)
    if a % 100 in (11, 12, 13):
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(a % 10, "th")
    return "%d%s" % (n, suffix)


def parse_duration(text):
    """'1d2h30m15s' / '90s' / '2h' -> seconds. Units d, h, m, s, each at most once, in that order."""
    m = re.fullmatch(r"(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", text.strip())
    if not text.strip() or not m:
        raise ValueError("bad duration: %r" % (text,))
    d, h, mi, s = (int(g) if g else 0 for g in m.groups())
    return d * UNITS["d"] + h * UNITS["h"] + mi * UNITS["m"] + s


def human_bytes(n):
    """Binary units with one decimal: 1023 -> '1023 B', 1024 -> '1.0 KiB', 1536 -> '1.5 KiB',
    1048576 -> '1.0 MiB'. Rounds half up; a value that rounds to 1024.0 of a unit moves up one unit."""
    if n < 1024:
        return "%d B" % n
    value = float(n)
    for unit in ["KiB", "MiB", "GiB", "TiB", "PiB"]:
        value /= 1024.0
        shown = int(value * 10 + 0.5) / 10.0
        if shown < 1024 or unit == "PiB":
            return "%.1f %s" % (shown, unit)
    raise AssertionError
