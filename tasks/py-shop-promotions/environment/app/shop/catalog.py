"""Loading the product catalog (a CSV file: sku,name,category,price)."""
import csv

from .models import Product
from .money import parse_price


class Catalog:
    def __init__(self, products):
        self._by_sku = {p.sku: p for p in products}

    @classmethod
    def load(cls, path):
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        return cls(Product(r["sku"], r["name"], r["category"], parse_price(r["price"])) for r in rows)

    def get(self, sku):
        try:
            return self._by_sku[sku]
        except KeyError:
            raise KeyError(f"unknown sku: {sku}") from None

    def __iter__(self):
        return iter(sorted(self._by_sku.values(), key=lambda p: p.sku))
