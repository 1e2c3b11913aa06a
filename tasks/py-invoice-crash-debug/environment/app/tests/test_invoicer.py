import json

from invoicer.parse import parse_request
from invoicer.render import render


def test_basic_invoice():
    req = {"order_id": "T-1", "customer": "Ann", "lines": [
        {"sku": "A", "description": "Apple", "quantity": 3, "unit_price": 0.5},
        {"sku": "B", "quantity": 1, "unit_price": 2.5}]}
    text = render(parse_request(json.dumps(req)))
    assert "A          Apple                       3 x      0.50 =       1.50  (37.5%)" in text
    assert text.rstrip().endswith("TOTAL" + " " * 49 + "4.76 EUR")


def test_discount():
    req = {"order_id": 7, "customer": "Bo", "discount_code": "VIP20",
           "lines": [{"sku": "X", "quantity": 2, "unit_price": 10}]}
    text = render(parse_request(json.dumps(req)))
    assert "Discount VIP20 (20%)" in text
