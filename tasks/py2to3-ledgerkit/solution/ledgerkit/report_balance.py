"""Balance report: totals per account in one currency, with share of the parent account."""
import functools
import sys

from .accounts import AccountTree, depth
from .util import percent, py2_str


def build(journal, rates, currency=None, max_depth=None):
    tree = AccountTree()
    target = currency or rates.base
    for t in journal.sorted():
        for p in t.postings:
            tree.add(p.account, rates.convert(p.amount, target))
    return tree, tree.accounts(max_depth)


def write(journal, rates, currency=None, max_depth=None, out=None):
    out = out or sys.stdout
    tree, names = build(journal, rates, currency, max_depth)
    for name in names:
        total = tree.totals[name]
        parent = tree.parent_total(name)
        share = percent(total.cents, parent.cents) if parent is not None else None
        indent = '  ' * (depth(name) - 1)
        label = name.split(':')[-1]
        if share is None:
            print('%s  %s%s' % (total.format(18), indent, label), file=out)
        else:
            print('%s  %s%s (%s%%)' % (total.format(18), indent, label, py2_str(share)), file=out)
    grand = functools.reduce(lambda a, b: a + b,
                             [tree.totals[n] for n in names if depth(n) == 1] or [None]) if names else None
    print('-' * 18, file=out)
    if grand is not None:
        print(grand.format(18), file=out)
