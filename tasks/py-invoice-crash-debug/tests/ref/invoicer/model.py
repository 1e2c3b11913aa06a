from dataclasses import dataclass, field
from decimal import Decimal
from typing import List, Optional


@dataclass
class Line:
    sku: str
    description: str
    quantity: int
    unit_price: Decimal  # in currency units, 2 decimals


@dataclass
class Order:
    order_id: str
    customer: str
    currency: str
    lines: List[Line] = field(default_factory=list)
    discount_code: Optional[str] = None
