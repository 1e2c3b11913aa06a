"""Command line: python3 -m shop.cli CATALOG.csv (list | quote SKU=QTY ...)."""
import argparse
import sys

from .cart import Cart
from .catalog import Catalog
from .money import fmt


def render(quote):
    out = []
    for line in quote.lines:
        out.append(f"{line.sku}  {line.quantity} x {fmt(line.unit_price)} = {fmt(line.total)}")
    out.append(f"subtotal: {fmt(quote.subtotal)}")
    out.append(f"tax: {fmt(quote.tax)}")
    out.append(f"total: {fmt(quote.total)}")
    return "\n".join(out)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="shop")
    parser.add_argument("catalog")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list")
    q = sub.add_parser("quote")
    q.add_argument("items", nargs="+", metavar="SKU=QTY")
    args = parser.parse_args(argv)

    catalog = Catalog.load(args.catalog)
    if args.command == "list":
        for p in catalog:
            print(f"{p.sku}\t{p.category}\t{fmt(p.price)}\t{p.name}")
        return 0

    cart = Cart(catalog)
    try:
        for spec in args.items:
            sku, _, qty = spec.partition("=")
            cart.add(sku, int(qty) if qty else 1)
    except (KeyError, ValueError) as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return 2
    print(render(cart.quote()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
