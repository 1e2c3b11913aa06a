import subprocess
import sys

from shop.cart import Cart
from shop.catalog import Catalog
from shop.money import fmt, parse_price

CATALOG = "data/catalog.csv"


def test_money():
    assert parse_price("12.5") == 1250
    assert fmt(-505) == "-5.05"


def test_quote_tax():
    cart = Cart(Catalog.load(CATALOG))
    cart.add("MUG-1", 2)
    cart.add("TEA-GRN")
    q = cart.quote()
    assert q.subtotal == 2500 + 690
    assert q.tax == 475 + 48
    assert q.total == q.subtotal + q.tax


def test_cli_quote():
    out = subprocess.run([sys.executable, "-m", "shop.cli", CATALOG, "quote", "BK-PY=1", "CK-OAT=2"],
                         capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == [
        "BK-PY  1 x 39.00 = 39.00",
        "CK-OAT  2 x 3.49 = 6.98",
        "subtotal: 45.98",
        "tax: 0.49",
        "total: 46.47",
    ]
