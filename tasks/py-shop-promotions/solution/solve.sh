#!/bin/bash
# Reference solution: new shop/promotions.py, Cart.quote(promotions), CLI --promos.
set -euo pipefail
cd /app
cp "$(dirname "$0")/promotions.py" shop/promotions.py
cat > shop/cart.py <<'PY'
"""The shopping cart and its quote."""
from dataclasses import dataclass, field
from typing import Optional

from .models import LineItem
from .pricing import tax_for
from .promotions import best_line_promotion, best_order_promotion


@dataclass
class QuoteLine:
    sku: str
    quantity: int
    unit_price: int
    total: int
    discount: int = 0
    promo: Optional[str] = None


@dataclass
class Quote:
    lines: list = field(default_factory=list)
    subtotal: int = 0
    tax: int = 0
    total: int = 0
    order_discount: int = 0
    order_promo: Optional[str] = None


class Cart:
    def __init__(self, catalog):
        self.catalog = catalog
        self.items = {}  # sku -> LineItem, in insertion order

    def add(self, sku, quantity=1):
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        product = self.catalog.get(sku)
        if sku in self.items:
            self.items[sku].quantity += quantity
        else:
            self.items[sku] = LineItem(product, quantity)

    def remove(self, sku, quantity=None):
        item = self.items[sku]
        if quantity is None or quantity >= item.quantity:
            del self.items[sku]
        else:
            item.quantity -= quantity

    def quote(self, promotions=None):
        promotions = list(promotions or [])
        q = Quote()
        for item in self.items.values():
            discount, promo = best_line_promotion(item, promotions)
            net = item.total - discount
            q.lines.append(QuoteLine(item.product.sku, item.quantity, item.product.price, item.total,
                                     discount, promo))
            q.subtotal += net
            q.tax += tax_for(item.product.category, net)
        amount, promo = best_order_promotion(q.subtotal, promotions)
        q.order_discount = min(amount, q.subtotal + q.tax)
        q.order_promo = promo
        q.total = q.subtotal + q.tax - q.order_discount
        return q
PY
cat > shop/cli.py <<'PY'
"""Command line: python3 -m shop.cli CATALOG.csv (list | quote [--promos FILE] SKU=QTY ...)."""
import argparse
import sys

from .cart import Cart
from .catalog import Catalog
from .money import fmt
from .promotions import load_promotions


def render(quote):
    out = []
    for line in quote.lines:
        out.append(f"{line.sku}  {line.quantity} x {fmt(line.unit_price)} = {fmt(line.total)}")
        if line.discount:
            out.append(f"  promo {line.promo}: -{fmt(line.discount)}")
    out.append(f"subtotal: {fmt(quote.subtotal)}")
    out.append(f"tax: {fmt(quote.tax)}")
    if quote.order_discount:
        out.append(f"order promo {quote.order_promo}: -{fmt(quote.order_discount)}")
    out.append(f"total: {fmt(quote.total)}")
    return "\n".join(out)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="shop")
    parser.add_argument("catalog")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list")
    q = sub.add_parser("quote")
    q.add_argument("--promos", metavar="FILE")
    q.add_argument("items", nargs="+", metavar="SKU=QTY")
    args = parser.parse_args(argv)

    catalog = Catalog.load(args.catalog)
    if args.command == "list":
        for p in catalog:
            print(f"{p.sku}\t{p.category}\t{fmt(p.price)}\t{p.name}")
        return 0

    cart = Cart(catalog)
    try:
        promotions = load_promotions(args.promos) if args.promos else []
        for spec in args.items:
            sku, _, qty = spec.partition("=")
            cart.add(sku, int(qty) if qty else 1)
    except (KeyError, ValueError, OSError) as exc:
        print(f"error: {exc.args[0] if isinstance(exc, (KeyError, ValueError)) else exc}", file=sys.stderr)
        return 2
    print(render(cart.quote(promotions)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
PY
