"""Promotions: loading, validation and application to a cart."""
import json
from dataclasses import dataclass
from decimal import Decimal

from .money import parse_price


@dataclass(frozen=True)
class Promotion:
    id: str
    type: str
    params: dict

    @property
    def item_level(self):
        return self.type in ("percent_off", "buy_x_get_y")

    def line_discount(self, item):
        p = self.params
        if self.type == "percent_off":
            if item.product.category != p["category"]:
                return 0
            return int(item.total * p["percent"] / 100)  # Decimal math, truncates toward zero
        if self.type == "buy_x_get_y":
            if item.product.sku != p["sku"]:
                return 0
            return (item.quantity // (p["buy"] + p["free"])) * p["free"] * item.product.price
        return 0


def _need(obj, key, kind):
    if key not in obj:
        raise ValueError(f"promotion {obj.get('id')!r}: missing field {key!r}")
    value = obj[key]
    if kind == "str" and not isinstance(value, str):
        raise ValueError(f"promotion {obj.get('id')!r}: {key} must be a string")
    if kind == "int" and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise ValueError(f"promotion {obj.get('id')!r}: {key} must be an integer >= 1")
    if kind == "money":
        if not isinstance(value, str):
            raise ValueError(f"promotion {obj.get('id')!r}: {key} must be a money string")
        return parse_price(value)
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"promotion {obj.get('id')!r}: {key} must be a number")
        return Decimal(str(value))
    return value


def parse_promotions(data):
    if not isinstance(data, list):
        raise ValueError("promotions file must contain a JSON array")
    promos = []
    for obj in data:
        if not isinstance(obj, dict):
            raise ValueError("each promotion must be a JSON object")
        pid = _need(obj, "id", "str")
        ptype = _need(obj, "type", "str")
        if ptype == "percent_off":
            params = {"category": _need(obj, "category", "str"), "percent": _need(obj, "percent", "number")}
            if not (0 < params["percent"] <= 100):
                raise ValueError(f"promotion {pid!r}: percent out of range")
        elif ptype == "buy_x_get_y":
            params = {"sku": _need(obj, "sku", "str"), "buy": _need(obj, "buy", "int"),
                      "free": _need(obj, "free", "int")}
        elif ptype == "order_over":
            params = {"threshold": _need(obj, "threshold", "money"),
                      "amount_off": _need(obj, "amount_off", "money")}
        else:
            raise ValueError(f"unknown promotion type: {ptype}")
        promos.append(Promotion(pid, ptype, params))
    return promos


def load_promotions(path):
    with open(path, encoding="utf-8") as f:
        try:
            data = json.load(f)
        except json.JSONDecodeError as exc:
            raise ValueError(f"invalid JSON in {path}: {exc}") from None
    return parse_promotions(data)


def best_line_promotion(item, promotions):
    """(discount, promo_id) of the best item-level promotion for ``item``; (0, None) if none."""
    best, best_id = 0, None
    for promo in promotions:
        if not promo.item_level:
            continue
        d = promo.line_discount(item)
        if d > best:
            best, best_id = d, promo.id
    return best, best_id


def best_order_promotion(subtotal, promotions):
    best, best_id = 0, None
    for promo in promotions:
        if promo.type != "order_over" or subtotal < promo.params["threshold"]:
            continue
        if promo.params["amount_off"] > best:
            best, best_id = promo.params["amount_off"], promo.id
    return best, best_id
