"""Python reference of invreport's behaviour (hidden test helper)."""
import re

U64 = 2**64 - 1
QTY = re.compile(r"\+?[0-9]+")
PRICE = re.compile(r"([0-9]+)(?:\.([0-9]{1,2}))?")


def rust_lines(text):
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [l[:-1] if l.endswith("\r") else l for l in lines]


def cents(text):
    m = PRICE.fullmatch(text)
    if not m:
        return None
    v = int(m.group(1)) * 100 + int((m.group(2) or "").ljust(2, "0"))
    return v if v <= U64 else None


def fmt(c):
    return "%d.%02d" % (c // 100, c % 100)


def run(text, low=5):
    items, warnings = [], []
    for n, line in enumerate(rust_lines(text), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        if len(f) != 5:
            warnings.append(n)
            continue
        sku, name, cat, qty, price = f
        if not QTY.fullmatch(qty.strip()) or int(qty.strip()) > U64:
            warnings.append(n)
            continue
        c = cents(price.strip())
        if c is None:
            warnings.append(n)
            continue
        if not sku.strip() or not cat.strip():
            warnings.append(n)
            continue
        items.append({"sku": sku.strip(), "name": name, "category": cat.strip(), "qty": int(qty.strip()),
                      "unit_cents": c})
    merged = {}
    for it in items:
        if it["sku"] in merged:
            merged[it["sku"]]["qty"] += it["qty"]
        else:
            merged[it["sku"]] = dict(it)
    merged = {k: v for k, v in merged.items() if v["unit_cents"] * v["qty"] <= U64}
    rep = {"items": [], "total_value_cents": 0, "total_value": "", "low_stock": [], "by_category": {}}
    for sku in sorted(merged):
        it = merged[sku]
        value = it["unit_cents"] * it["qty"]
        rep["items"].append({"sku": sku, "name": it["name"], "qty": it["qty"], "unit_price": fmt(it["unit_cents"]),
                             "value_cents": value})
        rep["total_value_cents"] += value
        rep["by_category"][it["category"]] = rep["by_category"].get(it["category"], 0) + value
        if it["qty"] < low:
            rep["low_stock"].append(sku)
    rep["total_value"] = fmt(rep["total_value_cents"])
    rep["by_category"] = dict(sorted(rep["by_category"].items()))
    return rep, warnings
