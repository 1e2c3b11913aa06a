"""Register report: the postings of matching accounts with a running total."""
import sys
from itertools import izip

from util import as_text


def write(journal, rates, prefix, currency=None, out=sys.stdout):
    target = currency or rates.base
    rows = []
    for t in journal.sorted():
        for p in t.postings:
            if p.account == prefix or p.account.startswith(prefix + ':'):
                rows.append((t, p, rates.convert(p.amount, target)))
    if not rows:
        print >>out, 'no postings match %s' % as_text(prefix)
        return 0
    running = None
    totals = []
    for _, _, amount in rows:
        running = amount if running is None else running + amount
        totals.append(running)
    for (t, p, amount), total in izip(rows, totals):
        payee = as_text(t.payee)[:24]
        flag = '*' if t.cleared else ' '
        print >>out, '%s %s %s %s %s %s' % (
            t.date.strftime('%Y-%m-%d'), flag, payee.ljust(24), as_text(p.account)[:28].ljust(28),
            amount.format(14), total.format(14))
    return len(rows)
