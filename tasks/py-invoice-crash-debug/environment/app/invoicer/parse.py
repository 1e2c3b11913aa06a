"""Parse an order request (see docs/request-format.md)."""
import json
from decimal import Decimal, InvalidOperation

from .model import Line, Order


class RequestError(ValueError):
    pass


def _quantity(v):
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    return 0


def _price(v):
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return Decimal(str(v)).quantize(Decimal("0.01"))
    return Decimal("0.00")


def parse_request(text):
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise RequestError("invalid JSON: %s" % exc) from None
    try:
        order = Order(order_id=str(data["order_id"]), customer=data["customer"], currency=data.get("currency", "EUR"),
                      discount_code=data.get("discount_code"))
        for raw in data["lines"]:
            order.lines.append(Line(sku=raw["sku"], description=raw.get("description", raw["sku"]),
                                    quantity=_quantity(raw["quantity"]), unit_price=_price(raw["unit_price"])))
    except (KeyError, TypeError) as exc:
        raise RequestError("missing or invalid field: %s" % exc) from None
    if not order.lines:
        raise RequestError("order has no lines")
    return order
