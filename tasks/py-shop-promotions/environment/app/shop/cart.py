"""The shopping cart and its quote."""
from dataclasses import dataclass, field

from .models import LineItem
from .pricing import tax_for


@dataclass
class QuoteLine:
    sku: str
    quantity: int
    unit_price: int
    total: int


@dataclass
class Quote:
    lines: list = field(default_factory=list)
    subtotal: int = 0
    tax: int = 0
    total: int = 0


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

    def quote(self):
        q = Quote()
        for item in self.items.values():
            q.lines.append(QuoteLine(item.product.sku, item.quantity, item.product.price, item.total))
            q.subtotal += item.total
            q.tax += tax_for(item.product.category, item.total)
        q.total = q.subtotal + q.tax
        return q
