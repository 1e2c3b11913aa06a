"""Budget report: monthly budget per expense account vs. actual spending.

Budget file lines: 'Expenses:Food  400.00 EUR' (monthly amounts).
"""
import sys

from dates import month_key
from money import Money
from util import columns


def load_budget(path, default_currency='EUR'):
    budget = {}
    for raw in open(path):
        line = raw.split(';')[0].rstrip()
        if not line.strip():
            continue
        account, amount = line.split(None, 1)
        budget[account] = Money.parse(amount.strip(), default_currency)
    return budget


def actuals(journal, rates, month, accounts, target):
    spent = {}
    for t in journal.transactions:
        if month_key(t.date) != month:
            continue
        for p in t.postings:
            for a in accounts:
                if p.account == a or p.account.startswith(a + ':'):
                    m = rates.convert(p.amount, target)
                    spent[a] = spent[a] + m if spent.has_key(a) else m
    return spent


def write(journal, rates, budget, month, out=sys.stdout):
    target = rates.base
    accounts = budget.keys()
    accounts.sort()
    spent = actuals(journal, rates, month, accounts, target)
    rows = [('account', 'budget', 'actual', 'used', 'status')]
    over = 0
    for a in accounts:
        b = rates.convert(budget[a], target)
        s = spent.get(a, Money(0, target))
        if b.cents:
            used = round(100.0 * s.cents / b.cents)
            used_text = '%s%%' % used
        else:
            used_text = 'n/a'
        status = 'OVER' if s > b else 'ok'
        if s > b:
            over += 1
        rows.append((a, b.format(), s.format(), used_text, status))
    for line in columns(rows):
        print >>out, line
    print >>out, '%d of %d budgets exceeded in %s' % (over, len(accounts), month)
    return over
