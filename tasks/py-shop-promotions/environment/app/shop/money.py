"""Money is handled as integer cents everywhere; these helpers convert at the edges."""


def parse_price(text):
    """'12.50' -> 1250. Accepts at most two decimals."""
    text = text.strip()
    if text.count(".") > 1:
        raise ValueError(f"bad price: {text!r}")
    whole, _, frac = text.partition(".")
    if not whole.isdigit() or (frac and (not frac.isdigit() or len(frac) > 2)):
        raise ValueError(f"bad price: {text!r}")
    return int(whole) * 100 + int((frac + "00")[:2])


def fmt(cents):
    """1250 -> '12.50', -500 -> '-5.00'."""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def percent_of(cents, percent):
    """Round-half-up percentage of an amount in cents (percent may be fractional, e.g. 7.5)."""
    num = cents * int(round(percent * 100))
    return (num + 5000) // 10000
