"""Parse an order request (see docs/request-format.md)."""
import json
import re
from decimal import Decimal, InvalidOperation

from .model import Line, Order
from .pricing import DISCOUNTS


class RequestError(ValueError):
    pass


PRICE = re.compile(r"[0-9]+(\.[0-9]{1,2})?")


def _quantity(v):
    """Positive integer, or a string of decimal digits (mobile clients send strings)."""
    if isinstance(v, str) and v.isascii() and v.isdigit():
        v = int(v)
    if isinstance(v, int) and not isinstance(v, bool) and v > 0:
        return v
    raise RequestError("invalid quantity: %r" % (v,))


def _price(v):
    """Non-negative number, or a decimal string with at most 2 decimals."""
    if isinstance(v, str) and PRICE.fullmatch(v):
        return Decimal(v).quantize(Decimal("0.01"))
    if isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0:
        return Decimal(str(v)).quantize(Decimal("0.01"))
    raise RequestError("invalid unit_price: %r" % (v,))


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
    if order.discount_code is not None:
        code = str(order.discount_code).upper()
        if code not in DISCOUNTS:
            raise RequestError("unknown discount code: %s" % order.discount_code)
        order.discount_code = code
    return order
