"""Export postings as CSV: date,payee,account,amount,currency,cleared"""
import csv
import io

from .util import as_text


def rows(journal):
    for t in journal.sorted():
        for p in t.postings:
            yield [t.date.isoformat(), as_text(t.payee), as_text(p.account),
                   '%d.%02d' % (p.amount.cents // 100, p.amount.cents % 100) if p.amount.cents >= 0
                   else '-%d.%02d' % (-p.amount.cents // 100, -p.amount.cents % 100),
                   p.amount.currency, 'yes' if t.cleared else 'no']


def to_string(journal):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(['date', 'payee', 'account', 'amount', 'currency', 'cleared'])
    for r in rows(journal):
        w.writerow(r)
    return buf.getvalue()


def write_file(journal, path):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write(to_string(journal))
