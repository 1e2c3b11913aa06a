"""Plain-text invoice."""
from decimal import ROUND_HALF_UP, Decimal

from .pricing import line_total, totals


def share(part, whole):
    """Percentage of the subtotal, one decimal."""
    if not whole:
        return Decimal("0.0")
    return (part * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def render(order):
    t = totals(order)
    out = ["INVOICE %s" % order.order_id, "Customer: %s" % order.customer, ""]
    for l in order.lines:
        lt = line_total(l)
        out.append("%-10s %-24s %4d x %9s = %10s  (%s%%)" % (l.sku, l.description[:24], l.quantity, l.unit_price, lt,
                                                          share(lt, t["subtotal"])))
    out.append("")
    out.append("%-40s %21s" % ("Subtotal", "%s %s" % (t["subtotal"], order.currency)))
    if t["discount"]:
        out.append("%-40s %21s" % ("Discount %s (%s%%)" % (order.discount_code, t["discount_pct"]),
                                   "-%s %s" % (t["discount"], order.currency)))
    out.append("%-40s %21s" % ("Tax 19%", "%s %s" % (t["tax"], order.currency)))
    out.append("%-40s %21s" % ("TOTAL", "%s %s" % (t["total"], order.currency)))
    return "\n".join(out) + "\n"
