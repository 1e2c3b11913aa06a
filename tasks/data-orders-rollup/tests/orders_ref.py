"""Synthetic order exports and the reference roll-up (hidden test helper)."""
import csv
import io
import json
import random
import re
from datetime import datetime, timezone
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

HEADER = ["order_id", "timestamp", "customer", "country", "sku", "qty", "unit_price", "currency", "status"]
TS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")
PRICE = re.compile(r"^\d+(\.\d{1,2})?$")
QTY = re.compile(r"^[0-9]+$")
COUNTRY = re.compile(r"^[A-Z]{2}$")


def rollup(csv_text, rates):
    reader = csv.reader(io.StringIO(csv_text.lstrip("\ufeff"), newline=""))
    header = [h.strip().lower() for h in next(reader)]
    idx = {h: header.index(h) for h in HEADER}
    rows_total, rejected, dups = 0, [], 0
    seen = set()
    total = 0
    by_country, by_month, by_customer = {}, {}, {}
    for raw in reader:
        n = reader.line_num
        if not raw or all(not c.strip() for c in raw):
            continue  # blank line: not a row
        rows_total += 1
        if len(raw) != len(header):
            rejected.append(n)
            continue
        f = {h: raw[idx[h]].strip() for h in HEADER}
        status = f["status"].lower()
        cur = f["currency"].upper()
        ok = (f["order_id"] and f["customer"] and f["sku"] and COUNTRY.match(f["country"])
              and QTY.match(f["qty"]) and int(f["qty"]) > 0 and PRICE.match(f["unit_price"])
              and cur in rates and TS.match(f["timestamp"])
              and status in ("completed", "shipped", "refunded", "cancelled", "pending"))
        if ok:
            try:
                ts = datetime.fromisoformat(f["timestamp"].replace("Z", "+00:00"))
            except ValueError:
                ok = False
        if not ok:
            rejected.append(n)
            continue
        key = (f["order_id"], f["sku"])
        if key in seen:
            dups += 1
            continue
        seen.add(key)
        if status in ("cancelled", "pending"):
            continue
        cents = (Decimal(f["qty"]) * Decimal(f["unit_price"]) * Decimal(rates[cur]) * 100).quantize(
            Decimal(1), rounding=ROUND_HALF_UP)
        cents = int(cents) * (-1 if status == "refunded" else 1)
        total += cents
        c = by_country.setdefault(f["country"], {"orders": set(), "revenue_eur_cents": 0})
        if status != "refunded":
            c["orders"].add(f["order_id"])
        c["revenue_eur_cents"] += cents
        month = ts.astimezone(timezone.utc).strftime("%Y-%m")
        by_month[month] = by_month.get(month, 0) + cents
        by_customer[f["customer"]] = by_customer.get(f["customer"], 0) + cents
    top = sorted(by_customer.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    return {
        "rows_total": rows_total,
        "rows_rejected": rejected,
        "duplicates_dropped": dups,
        "revenue_eur_cents": total,
        "by_country": {k: {"orders": len(v["orders"]), "revenue_eur_cents": v["revenue_eur_cents"]}
                       for k, v in sorted(by_country.items())},
        "by_month": dict(sorted(by_month.items())),
        "top_customers": [{"customer": k, "revenue_eur_cents": v} for k, v in top],
    }


def generate(seed, n):
    rng = random.Random(seed)
    customers = ["Acme GmbH", "Bolt, Inc.", "Café Lumière", "Delta \"D\" Ltd", "eve", "Foo Bar", "Zed"]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    header = list(HEADER)
    if seed % 2:
        header = [h.upper() if i % 3 == 0 else " " + h for i, h in enumerate(header)]
    w.writerow(header)
    orders = []
    for i in range(n):
        if orders and rng.random() < 0.3:
            oid, ts, cust, country = rng.choice(orders)
        else:
            oid = "SO-%05d" % rng.randint(1, 99999)
            y, mo, d = 2024, rng.randint(1, 12), rng.randint(1, 28)
            if rng.random() < 0.1:
                mo, d = rng.choice([(1, 31), (2, 29), (6, 30), (12, 31)])
            off = rng.choice(["Z", "Z", "+02:00", "-05:00", "+00:00", "-01:00"])
            ts = "%04d-%02d-%02dT%02d:%02d:%02d%s" % (y, mo, d, rng.randint(0, 23), rng.randint(0, 59),
                                                    rng.randint(0, 59), off)
            if rng.random() < 0.05:
                ts = "%04d-%02d-%02dT23:30:00-01:00" % (y, mo, d)
            cust = rng.choice(customers)
            country = rng.choice(["DE", "FR", "US", "GB", "NL"])
            orders.append((oid, ts, cust, country))
        sku = rng.choice(["A-1", "B-2", "C-3", "D-4", "E-5"])
        qty = str(rng.randint(1, 12))
        price = "%d.%02d" % (rng.randint(0, 300), rng.randint(0, 99))
        if rng.random() < 0.2:
            price = price.rstrip("0").rstrip(".") if "." in price else price
        cur = rng.choice(["EUR", "EUR", "USD", "GBP", "usd", "CHF"])
        status = rng.choice(["completed", "shipped", "Shipped ", " COMPLETED", "refunded", "cancelled",
                             "pending", "completed"])
        row = [oid, ts, cust, country, sku, qty, price, cur, status]
        r = rng.random()
        if r < 0.02:
            row[5] = rng.choice(["0", "-1", "2.5", "x", ""])
        elif r < 0.04:
            row[6] = rng.choice(["12,50", "abc", "1.234", "-3.00", ""])
        elif r < 0.05:
            row[1] = rng.choice(["2024-02-30T10:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01 10:00:00",
                                 "yesterday"])
        elif r < 0.055:
            row[8] = "lost"
        elif r < 0.06:
            row = row[:5]
        elif r < 0.065:
            row[3] = "Germany"
        if rng.random() < 0.15:
            row = [" %s " % c if j in (2, 4, 7) else c for j, c in enumerate(row)]
        w.writerow(row)
        if rng.random() < 0.04:
            w.writerow(row)  # exact duplicate line
        if rng.random() < 0.01:
            out.write("\r\n")
    text = out.getvalue()
    if seed % 3 == 0:
        text = "\ufeff" + text
    return text


RATES = {"EUR": "1", "USD": "0.92", "GBP": "1.17", "CHF": "1.04"}

if __name__ == "__main__":
    import sys
    t = generate(int(sys.argv[1]), int(sys.argv[2]))
    open(sys.argv[3], "w", encoding="utf-8", newline="").write(t)
    if len(sys.argv) > 4:
        json.dump(rollup(t, RATES), open(sys.argv[4], "w"), indent=2, ensure_ascii=False)
