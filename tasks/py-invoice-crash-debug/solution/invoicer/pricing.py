"""Totals, discounts and tax."""
from decimal import ROUND_HALF_UP, Decimal

DISCOUNTS = {"WELCOME10": Decimal("10"), "VIP20": Decimal("20"), "SPRING5": Decimal("5")}
TAX_RATE = Decimal("19")
CENT = Decimal("0.01")


def money(x):
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def line_total(line):
    return money(line.unit_price * line.quantity)


def totals(order):
    subtotal = sum((line_total(l) for l in order.lines), Decimal("0.00"))
    pct = DISCOUNTS[order.discount_code] if order.discount_code else Decimal("0")
    discount = money(subtotal * pct / 100)
    net = subtotal - discount
    tax = money(net * TAX_RATE / 100)
    return {"subtotal": subtotal, "discount_pct": pct, "discount": discount, "net": net, "tax": tax,
            "total": net + tax}
