"""Sales reports. build_report(records, kind, **options) -> str

records: iterable of dicts with keys date ('YYYY-MM-DD'), region, product, units (int),
unit_price (str, 2 decimals), refunded (bool, optional). kind: 'region', 'product' or 'month'.
options: since/until ('YYYY-MM-DD', inclusive), top (int, rows to show, default all),
include_refunds (bool, default False), currency (str, default 'EUR').
"""
from decimal import Decimal, ROUND_HALF_UP


def build_report(records, kind, since=None, until=None, top=None, include_refunds=False, currency="EUR"):
    if kind == "region":
        totals = {}
        units = {}
        skipped = 0
        for r in records:
            if not r.get("date") or len(r["date"]) != 10 or r["date"][4] != "-" or r["date"][7] != "-":
                skipped += 1
                continue
            if since is not None and r["date"] < since:
                continue
            if until is not None and r["date"] > until:
                continue
            if r.get("refunded") and not include_refunds:
                continue
            try:
                price = Decimal(r["unit_price"])
                qty = int(r["units"])
            except Exception:
                skipped += 1
                continue
            if qty < 0 or price < 0:
                skipped += 1
                continue
            amount = (price * qty).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            if r.get("refunded"):
                amount = -amount
                qty = -qty
            key = (r.get("region") or "unknown").strip().title()
            totals[key] = totals.get(key, Decimal("0.00")) + amount
            units[key] = units.get(key, 0) + qty
        rows = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
        if top is not None:
            rows = rows[:top]
        grand = sum(totals.values(), Decimal("0.00"))
        lines = ["Sales by region" + (" from %s" % since if since else "") + (" until %s" % until if until else "")]
        lines.append("%-20s %8s %14s %7s" % ("region", "units", "revenue", "share"))
        for key, amount in rows:
            share = (amount * 100 / grand).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if grand else Decimal("0.0")
            lines.append("%-20s %8d %14s %6s%%" % (key[:20], units[key], "%s %s" % (amount, currency), share))
        lines.append("%-20s %8d %14s" % ("TOTAL", sum(units.values()), "%s %s" % (grand, currency)))
        if skipped:
            lines.append("(%d invalid records skipped)" % skipped)
        return "\n".join(lines) + "\n"
    elif kind == "product":
        totals = {}
        units = {}
        skipped = 0
        for r in records:
            if not r.get("date") or len(r["date"]) != 10 or r["date"][4] != "-" or r["date"][7] != "-":
                skipped += 1
                continue
            if since is not None and r["date"] < since:
                continue
            if until is not None and r["date"] > until:
                continue
            if r.get("refunded") and not include_refunds:
                continue
            try:
                price = Decimal(r["unit_price"])
                qty = int(r["units"])
            except Exception:
                skipped += 1
                continue
            if qty < 0 or price < 0:
                skipped += 1
                continue
            amount = (price * qty).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            if r.get("refunded"):
                amount = -amount
                qty = -qty
            key = (r.get("product") or "unknown").strip().upper()
            totals[key] = totals.get(key, Decimal("0.00")) + amount
            units[key] = units.get(key, 0) + qty
        rows = sorted(totals.items(), key=lambda kv: (-units[kv[0]], kv[0]))
        if top is not None:
            rows = rows[:top]
        grand = sum(totals.values(), Decimal("0.00"))
        lines = ["Sales by product" + (" from %s" % since if since else "") + (" until %s" % until if until else "")]
        lines.append("%-20s %8s %14s %10s" % ("product", "units", "revenue", "avg price"))
        for key, amount in rows:
            avg = (amount / units[key]).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if units[key] else Decimal("0.00")
            lines.append("%-20s %8d %14s %10s" % (key[:20], units[key], "%s %s" % (amount, currency), avg))
        lines.append("%-20s %8d %14s" % ("TOTAL", sum(units.values()), "%s %s" % (grand, currency)))
        if skipped:
            lines.append("(%d invalid records skipped)" % skipped)
        return "\n".join(lines) + "\n"
    elif kind == "month":
        totals = {}
        units = {}
        skipped = 0
        for r in records:
            if not r.get("date") or len(r["date"]) != 10 or r["date"][4] != "-" or r["date"][7] != "-":
                skipped += 1
                continue
            if since is not None and r["date"] < since:
                continue
            if until is not None and r["date"] > until:
                continue
            if r.get("refunded") and not include_refunds:
                continue
            try:
                price = Decimal(r["unit_price"])
                qty = int(r["units"])
            except Exception:
                skipped += 1
                continue
            if qty < 0 or price < 0:
                skipped += 1
                continue
            amount = (price * qty).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            if r.get("refunded"):
                amount = -amount
                qty = -qty
            key = r["date"][:7]
            totals[key] = totals.get(key, Decimal("0.00")) + amount
            units[key] = units.get(key, 0) + qty
        rows = sorted(totals.items())
        if top is not None:
            rows = rows[-top:] if top else []
        grand = sum(totals.values(), Decimal("0.00"))
        lines = ["Sales by month" + (" from %s" % since if since else "") + (" until %s" % until if until else "")]
        lines.append("%-20s %8s %14s %8s" % ("month", "units", "revenue", "change"))
        prev = None
        for key, amount in rows:
            if prev is None or not prev:
                change = "n/a"
            else:
                change = "%+.1f%%" % ((amount - prev) * 100 / abs(prev))
            prev = amount
            lines.append("%-20s %8d %14s %8s" % (key, units[key], "%s %s" % (amount, currency), change))
        lines.append("%-20s %8d %14s" % ("TOTAL", sum(units.values()), "%s %s" % (grand, currency)))
        if skipped:
            lines.append("(%d invalid records skipped)" % skipped)
        return "\n".join(lines) + "\n"
    else:
        raise ValueError("unknown report kind: %r" % (kind,))
