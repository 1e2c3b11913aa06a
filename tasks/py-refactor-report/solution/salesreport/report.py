"""Sales reports. build_report(records, kind, **options) -> str

records: iterable of dicts with keys date ('YYYY-MM-DD'), region, product, units (int),
unit_price (str, 2 decimals), refunded (bool, optional). kind: 'region', 'product' or 'month'.
options: since/until ('YYYY-MM-DD', inclusive), top (int, rows to show, default all),
include_refunds (bool, default False), currency (str, default 'EUR').
"""
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def _valid_date(date):
    return bool(date) and len(date) == 10 and date[4] == "-" and date[7] == "-"


def _amount(record):
    """(amount, units) signed for refunds, or None if the record is invalid."""
    try:
        price = Decimal(record["unit_price"])
        qty = int(record["units"])
    except Exception:
        return None
    if qty < 0 or price < 0:
        return None
    amount = (price * qty).quantize(CENT, rounding=ROUND_HALF_UP)
    return (-amount, -qty) if record.get("refunded") else (amount, qty)


def _aggregate(records, key_of, since, until, include_refunds):
    """Sum revenue and units per key; returns (totals, units, skipped)."""
    totals, units, skipped = {}, {}, 0
    for r in records:
        if not _valid_date(r.get("date")):
            skipped += 1
            continue
        if (since is not None and r["date"] < since) or (until is not None and r["date"] > until):
            continue
        if r.get("refunded") and not include_refunds:
            continue
        value = _amount(r)
        if value is None:
            skipped += 1
            continue
        key = key_of(r)
        totals[key] = totals.get(key, ZERO) + value[0]
        units[key] = units.get(key, 0) + value[1]
    return totals, units, skipped


def _money(amount, currency):
    return "%s %s" % (amount, currency)


def _region_rows(totals, units, top, currency):
    grand = sum(totals.values(), ZERO)
    rows = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    rows = rows if top is None else rows[:top]
    out = ["%-20s %8s %14s %7s" % ("region", "units", "revenue", "share")]
    for key, amount in rows:
        share = (amount * 100 / grand).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if grand else Decimal("0.0")
        out.append("%-20s %8d %14s %6s%%" % (key[:20], units[key], _money(amount, currency), share))
    return out


def _product_rows(totals, units, top, currency):
    rows = sorted(totals.items(), key=lambda kv: (-units[kv[0]], kv[0]))
    rows = rows if top is None else rows[:top]
    out = ["%-20s %8s %14s %10s" % ("product", "units", "revenue", "avg price")]
    for key, amount in rows:
        avg = (amount / units[key]).quantize(CENT, rounding=ROUND_HALF_UP) if units[key] else ZERO
        out.append("%-20s %8d %14s %10s" % (key[:20], units[key], _money(amount, currency), avg))
    return out


def _month_rows(totals, units, top, currency):
    rows = sorted(totals.items())
    if top is not None:
        rows = rows[-top:] if top else []
    out = ["%-20s %8s %14s %8s" % ("month", "units", "revenue", "change")]
    prev = None
    for key, amount in rows:
        change = "n/a" if not prev else "%+.1f%%" % ((amount - prev) * 100 / abs(prev))
        prev = amount
        out.append("%-20s %8d %14s %8s" % (key, units[key], _money(amount, currency), change))
    return out


REPORTS = {
    "region": ("Sales by region", lambda r: (r.get("region") or "unknown").strip().title(), _region_rows),
    "product": ("Sales by product", lambda r: (r.get("product") or "unknown").strip().upper(), _product_rows),
    "month": ("Sales by month", lambda r: r["date"][:7], _month_rows),
}


def build_report(records, kind, since=None, until=None, top=None, include_refunds=False, currency="EUR"):
    if kind not in REPORTS:
        raise ValueError("unknown report kind: %r" % (kind,))
    title, key_of, rows_of = REPORTS[kind]
    totals, units, skipped = _aggregate(records, key_of, since, until, include_refunds)
    lines = [title + (" from %s" % since if since else "") + (" until %s" % until if until else "")]
    lines += rows_of(totals, units, top, currency)
    grand = sum(totals.values(), ZERO)
    lines.append("%-20s %8d %14s" % ("TOTAL", sum(units.values()), _money(grand, currency)))
    if skipped:
        lines.append("(%d invalid records skipped)" % skipped)
    return "\n".join(lines) + "\n"
