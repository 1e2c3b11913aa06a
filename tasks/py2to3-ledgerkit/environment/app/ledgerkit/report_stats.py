"""Statistics over a journal."""
import sys

from dates import months_between, quarter
from util import as_text, top


def write(journal, rates, out=sys.stdout):
    txs = journal.sorted()
    if not txs:
        print >>out, 'empty journal'
        return
    first, last = journal.first_date(), journal.last_date()
    print >>out, 'transactions:', len(txs)
    print >>out, 'postings:', sum(len(t.postings) for t in txs)
    print >>out, 'first:', first.isoformat(), ' last:', last.isoformat()
    print >>out, 'months spanned:', months_between(first, last)
    print >>out, 'days spanned:', (last - first).days
    sizes = [rates.convert(m).cents for t in txs for m in t.total()]
    avg = sum(sizes) / len(sizes)
    print >>out, 'average size (cents):', avg
    print >>out, 'mean size:', sum(sizes) / 100.0 / len(sizes)
    print >>out, 'cleared ratio:', float(len([t for t in txs if t.cleared])) / len(txs)
    per_q = {}
    for t in txs:
        key = '%dQ%d' % (t.date.year, quarter(t.date))
        per_q[key] = per_q.get(key, 0) + 1
    for key in sorted(per_q):
        print >>out, '  %s: %d' % (key, per_q[key])
    print >>out, 'top payees:'
    for payee, n in top(journal.payees(), 3):
        print >>out, '  %dx %s' % (n, as_text(payee))
