"""Statistics over a journal."""
import sys

from .dates import months_between, quarter
from .util import as_text, py2_str, top


def write(journal, rates, out=None):
    out = out or sys.stdout
    txs = journal.sorted()
    if not txs:
        print('empty journal', file=out)
        return
    first, last = journal.first_date(), journal.last_date()
    print('transactions:', len(txs), file=out)
    print('postings:', sum(len(t.postings) for t in txs), file=out)
    print('first:', first.isoformat(), ' last:', last.isoformat(), file=out)
    print('months spanned:', months_between(first, last), file=out)
    print('days spanned:', (last - first).days, file=out)
    sizes = [rates.convert(m).cents for t in txs for m in t.total()]
    avg = sum(sizes) // len(sizes)
    print('average size (cents):', avg, file=out)
    print('mean size:', py2_str(sum(sizes) / 100.0 / len(sizes)), file=out)
    print('cleared ratio:', py2_str(float(len([t for t in txs if t.cleared])) / len(txs)), file=out)
    per_q = {}
    for t in txs:
        key = '%dQ%d' % (t.date.year, quarter(t.date))
        per_q[key] = per_q.get(key, 0) + 1
    for key in sorted(per_q):
        print('  %s: %d' % (key, per_q[key]), file=out)
    print('top payees:', file=out)
    for payee, n in top(journal.payees(), 3):
        print('  %dx %s' % (n, as_text(payee)), file=out)
