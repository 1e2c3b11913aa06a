"""Hidden tests for proctor/py-shop-promotions."""
import json
import random
import subprocess
import sys
from fractions import Fraction

import pytest

sys.path.insert(0, "/app")

from shop.cart import Cart  # noqa: E402
from shop.catalog import Catalog  # noqa: E402

CATALOG_CSV = """sku,name,category,price
MUG-1,Stoneware mug,kitchen,12.50
TEA-GRN,Green tea 100g,tea,6.90
TEA-BLK,Black tea 250g,tea,9.95
BK-PY,Python book,books,39.00
CK-OAT,Oat cookies,food,3.49
KT-STEEL,Steel kettle,kitchen,45.00
PN-1,Pen,office,0.99
"""
RATES = {"food": 7, "books": 0, "tea": 7}


def fmt(c):
    return ("-" if c < 0 else "") + "%d.%02d" % (abs(c) // 100, abs(c) % 100)


def money(s):
    w, _, f = s.partition(".")
    return int(w) * 100 + int((f + "00")[:2])


def reference(catalog, items, promos):
    """items: list of (sku, qty) merged in order; returns (lines, subtotal, tax, od, opromo)."""
    merged = {}
    for sku, q in items:
        merged[sku] = merged.get(sku, 0) + q
    lines, sub, tax = [], 0, 0
    for sku, qty in merged.items():
        price, cat = catalog[sku]
        total = price * qty
        best, bid = 0, None
        for p in promos:
            if p["type"] == "percent_off" and p["category"] == cat:
                d = int(Fraction(total) * Fraction(str(p["percent"])) / 100)
            elif p["type"] == "buy_x_get_y" and p["sku"] == sku:
                d = (qty // (p["buy"] + p["free"])) * p["free"] * price
            else:
                continue
            if d > best:
                best, bid = d, p["id"]
        net = total - best
        rate = RATES.get(cat, 19)
        t = (net * rate * 100 + 5000) // 10000
        lines.append((sku, qty, price, total, best, bid))
        sub += net
        tax += t
    od, oid = 0, None
    for p in promos:
        if p["type"] == "order_over" and sub >= money(p["threshold"]) and money(p["amount_off"]) > od:
            od, oid = money(p["amount_off"]), p["id"]
    od = min(od, sub + tax)
    return lines, sub, tax, od, oid


def render(ref):
    lines, sub, tax, od, oid = ref
    out = []
    for sku, qty, price, total, d, pid in lines:
        out.append(f"{sku}  {qty} x {fmt(price)} = {fmt(total)}")
        if d:
            out.append(f"  promo {pid}: -{fmt(d)}")
    out += [f"subtotal: {fmt(sub)}", f"tax: {fmt(tax)}"]
    if od:
        out.append(f"order promo {oid}: -{fmt(od)}")
    out.append(f"total: {fmt(sub + tax - od)}")
    return out


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    d = tmp_path_factory.mktemp("shop")
    (d / "catalog.csv").write_text(CATALOG_CSV)
    cat = {}
    for row in CATALOG_CSV.strip().splitlines()[1:]:
        sku, _, c, price = row.split(",")
        cat[sku] = (money(price), c)
    return d, cat


def load(path):
    from shop.promotions import load_promotions
    return load_promotions(str(path))


def cli(d, *args):
    return subprocess.run(["/usr/bin/python3", "-m", "shop.cli", str(d / "catalog.csv"), *args],
                          capture_output=True, text=True, cwd="/app", timeout=60)


PROMOS_A = [
    {"id": "TEA10", "type": "percent_off", "category": "tea", "percent": 10},
    {"id": "MUG3FOR2", "type": "buy_x_get_y", "sku": "MUG-1", "buy": 2, "free": 1},
    {"id": "SAVE5", "type": "order_over", "threshold": "50.00", "amount_off": "5.00"},
]


def check(env, items, promos, name="p.json"):
    d, cat = env
    path = d / name
    path.write_text(json.dumps(promos))
    exp = reference(cat, items, promos)
    cart = Cart(Catalog.load(str(d / "catalog.csv")))
    for sku, q in items:
        cart.add(sku, q)
    q = cart.quote(load(path))
    got_lines = [(l.sku, l.quantity, l.unit_price, l.total, l.discount, l.promo) for l in q.lines]
    assert got_lines == exp[0]
    assert (q.subtotal, q.tax, q.order_discount, q.order_promo) == exp[1:]
    assert q.total == exp[1] + exp[2] - exp[3]
    r = cli(d, "quote", "--promos", str(path), *[f"{s}={n}" for s, n in items])
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == render(exp)


def test_example_from_instruction(env):
    check(env, [("MUG-1", 3), ("TEA-BLK", 4)], PROMOS_A)


def test_no_promos_unchanged(env):
    d, cat = env
    r = cli(d, "quote", "BK-PY=1", "CK-OAT=2")
    assert r.returncode == 0
    assert r.stdout.splitlines() == ["BK-PY  1 x 39.00 = 39.00", "CK-OAT  2 x 3.49 = 6.98",
                                     "subtotal: 45.98", "tax: 0.49", "total: 46.47"]
    cart = Cart(Catalog.load(str(d / "catalog.csv")))
    cart.add("MUG-1", 2)
    for arg in (None, []):
        q = cart.quote(arg) if arg is not None else cart.quote()
        assert (q.subtotal, q.tax, q.total, q.order_discount, q.order_promo) == (2500, 475, 2975, 0, None)
        assert (q.lines[0].discount, q.lines[0].promo) == (0, None)


def test_percent_rounds_down_and_fractional(env):
    promos = [{"id": "P", "type": "percent_off", "category": "tea", "percent": 12.5},
              {"id": "Q", "type": "percent_off", "category": "office", "percent": 33.3}]
    check(env, [("TEA-BLK", 3), ("PN-1", 7), ("TEA-GRN", 1)], promos)


def test_best_item_promo_wins_and_tie_first(env):
    promos = [{"id": "A", "type": "percent_off", "category": "kitchen", "percent": 20},
              {"id": "B", "type": "buy_x_get_y", "sku": "MUG-1", "buy": 1, "free": 1},
              {"id": "C", "type": "percent_off", "category": "kitchen", "percent": 50}]
    check(env, [("MUG-1", 4)], promos)          # B: 2 free mugs = 25.00 ; C: 25.00 -> B first
    check(env, [("MUG-1", 3)], promos)          # B: 12.50 ; C: 18.75 -> C
    check(env, [("KT-STEEL", 1), ("MUG-1", 1)], promos)  # B gives 0 -> C


def test_order_promos(env):
    promos = [{"id": "O1", "type": "order_over", "threshold": "20.00", "amount_off": "2.00"},
              {"id": "O2", "type": "order_over", "threshold": "100.00", "amount_off": "15.00"},
              {"id": "O3", "type": "order_over", "threshold": "10.00", "amount_off": "2.00"},
              {"id": "BIG", "type": "order_over", "threshold": "0.50", "amount_off": "999.00"}]
    check(env, [("PN-1", 1)], promos)          # BIG applies, capped at subtotal+tax
    check(env, [("KT-STEEL", 3)], promos)
    promos2 = promos[:3]
    check(env, [("CK-OAT", 4)], promos2)       # 13.96 -> O3
    check(env, [("BK-PY", 1)], promos2)        # O1 and O3 tie at 2.00 -> O1
    check(env, [("PN-1", 2)], promos2)         # none


def test_threshold_uses_discounted_subtotal(env):
    promos = [{"id": "T", "type": "percent_off", "category": "books", "percent": 10},
              {"id": "O", "type": "order_over", "threshold": "39.00", "amount_off": "3.00"}]
    check(env, [("BK-PY", 1)], promos)          # 35.10 < 39.00 -> no order promo


@pytest.mark.parametrize("seed", range(5))
def test_random_carts(env, seed):
    rng = random.Random(seed)
    skus = ["MUG-1", "TEA-GRN", "TEA-BLK", "BK-PY", "CK-OAT", "KT-STEEL", "PN-1"]
    cats = ["kitchen", "tea", "books", "food", "office", "garden"]
    for i in range(6):
        promos = []
        for j in range(rng.randint(0, 6)):
            t = rng.choice(["percent_off", "buy_x_get_y", "order_over"])
            if t == "percent_off":
                promos.append({"id": f"P{j}", "type": t, "category": rng.choice(cats),
                               "percent": rng.choice([5, 10, 12.5, 33.3, 50, 100, 0.5])})
            elif t == "buy_x_get_y":
                promos.append({"id": f"B{j}", "type": t, "sku": rng.choice(skus),
                               "buy": rng.randint(1, 3), "free": rng.randint(1, 2)})
            else:
                promos.append({"id": f"O{j}", "type": t, "threshold": fmt(rng.randint(0, 20000)),
                               "amount_off": fmt(rng.randint(1, 3000))})
        items = [(rng.choice(skus), rng.randint(1, 9)) for _ in range(rng.randint(1, 5))]
        check(env, items, promos, name=f"r{seed}_{i}.json")


@pytest.mark.parametrize("bad", [
    {"id": "X", "type": "bogus"},
    {"id": "X", "type": "percent_off", "category": "tea", "percent": 150},
    {"id": "X", "type": "percent_off", "category": "tea", "percent": 0},
    {"id": "X", "type": "percent_off", "category": "tea"},
    {"id": "X", "type": "buy_x_get_y", "sku": "MUG-1", "buy": 0, "free": 1},
    {"id": "X", "type": "buy_x_get_y", "sku": "MUG-1", "buy": "2", "free": 1},
    {"id": "X", "type": "order_over", "threshold": "abc", "amount_off": "1.00"},
])
def test_invalid_promotions(env, bad):
    d, _ = env
    path = d / "bad.json"
    path.write_text(json.dumps([bad]))
    with pytest.raises(ValueError) as info:
        load(path)
    if bad["type"] == "bogus":
        assert str(info.value) == "unknown promotion type: bogus"
    r = cli(d, "quote", "--promos", str(path), "MUG-1=1")
    assert r.returncode == 2
    assert r.stderr.startswith("error: ")
    if bad["type"] == "bogus":
        assert r.stderr.strip() == "error: unknown promotion type: bogus"


def test_not_an_array(env):
    d, _ = env
    path = d / "obj.json"
    path.write_text(json.dumps({"id": "X", "type": "order_over"}))
    with pytest.raises(ValueError):
        load(path)


def test_visible_suite_still_passes():
    src = "/tests/visible_test_cart.py"
    r = subprocess.run(["/usr/bin/python3", "-S", "-m", "pytest", "-p", "no:cacheprovider", "--noconftest",
                        "-q", "-c", "/tests/pytest.ini", "--rootdir=/app", src],
                       capture_output=True, text=True, cwd="/app", timeout=120,
                       env={"PATH": "/usr/bin:/bin", "PYTHONPATH": "/app:/usr/lib/python3/dist-packages", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert r.returncode == 0, r.stdout[-3000:]
