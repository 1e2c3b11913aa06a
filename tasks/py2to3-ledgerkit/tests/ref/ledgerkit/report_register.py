"""Register report: the postings of matching accounts with a running total."""
import sys

from .util import as_text, ljust_bytes, truncate_bytes


def write(journal, rates, prefix, currency=None, out=None):
    out = out or sys.stdout
    target = currency or rates.base
    rows = []
    for t in journal.sorted():
        for p in t.postings:
            if p.account == prefix or p.account.startswith(prefix + ':'):
                rows.append((t, p, rates.convert(p.amount, target)))
    if not rows:
        print('no postings match %s' % as_text(prefix), file=out)
        return 0
    running = None
    totals = []
    for _, _, amount in rows:
        running = amount if running is None else running + amount
        totals.append(running)
    for (t, p, amount), total in zip(rows, totals):
        payee = truncate_bytes(as_text(t.payee), 24)
        flag = '*' if t.cleared else ' '
        print('%s %s %s %s %s %s' % (
            t.date.strftime('%Y-%m-%d'), flag, ljust_bytes(payee, 24),
            ljust_bytes(truncate_bytes(as_text(p.account), 28), 28),
            amount.format(14), total.format(14)), file=out)
    return len(rows)
