"""Budget report: monthly budget per expense account vs. actual spending.

Budget file lines: 'Expenses:Food  400.00 EUR' (monthly amounts).
"""
import sys

from .dates import month_key
from .money import Money
from .util import columns, py2_round, py2_str


def load_budget(path, default_currency='EUR'):
    budget = {}
    with open(path, encoding='utf-8') as f:
        for raw in f:
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
                    spent[a] = spent[a] + m if a in spent else m
    return spent


def write(journal, rates, budget, month, out=None):
    out = out or sys.stdout
    target = rates.base
    accounts = sorted(budget.keys())
    spent = actuals(journal, rates, month, accounts, target)
    rows = [('account', 'budget', 'actual', 'used', 'status')]
    over = 0
    for a in accounts:
        b = rates.convert(budget[a], target)
        s = spent.get(a, Money(0, target))
        if b.cents:
            used = py2_round(100.0 * s.cents / b.cents)
            used_text = '%s%%' % py2_str(used)
        else:
            used_text = 'n/a'
        status = 'OVER' if s > b else 'ok'
        if s > b:
            over += 1
        rows.append((a, b.format(), s.format(), used_text, status))
    for line in columns(rows):
        print(line, file=out)
    print('%d of %d budgets exceeded in %s' % (over, len(accounts), month), file=out)
    return over
