"""Plain data types."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Product:
    sku: str
    name: str
    category: str
    price: int  # cents


@dataclass
class LineItem:
    product: Product
    quantity: int

    @property
    def total(self):
        return self.product.price * self.quantity
