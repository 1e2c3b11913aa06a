"""Export postings as CSV: date,payee,account,amount,currency,cleared"""
import csv
import cStringIO

from util import as_text


def rows(journal):
    for t in journal.sorted():
        for p in t.postings:
            yield [t.date.isoformat(), as_text(t.payee), as_text(p.account),
                   '%d.%02d' % (p.amount.cents / 100, p.amount.cents % 100) if p.amount.cents >= 0
                   else '-%d.%02d' % (-p.amount.cents / 100, -p.amount.cents % 100),
                   p.amount.currency, 'yes' if t.cleared else 'no']


def to_string(journal):
    buf = cStringIO.StringIO()
    w = csv.writer(buf)
    w.writerow(['date', 'payee', 'account', 'amount', 'currency', 'cleared'])
    for r in rows(journal):
        w.writerow(r)
    return buf.getvalue()


def write_file(journal, path):
    f = open(path, 'wb')
    try:
        f.write(to_string(journal))
    finally:
        f.close()
