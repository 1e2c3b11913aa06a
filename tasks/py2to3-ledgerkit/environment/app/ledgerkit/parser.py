"""Parsing journal files.

    ; comment lines start with ';' or '#'
    2024/01/05 * Grocery store        <- date, optional '*' (cleared), payee
        Expenses:Food      45.20 EUR  <- indented postings: account, two+ spaces, amount
        Assets:Checking               <- at most one posting per transaction may omit the amount
"""
import re

from dates import parse_date
from journal import Journal, JournalError, Posting, Transaction
from money import Money, MoneyError

HEADER = re.compile(r'^(\d{4}[/-]\d{2}[/-]\d{2})\s+(\*\s+)?(.*\S)\s*$')
POSTING = re.compile(r'^\s+(\S(?:\S| (?! ))*)(?:\s{2,}(\S.*?))?\s*$')


def parse_lines(lines, default_currency='EUR'):
    transactions = []
    current = None
    it = iter(enumerate(lines, 1))
    while True:
        try:
            number, raw = it.next()
        except StopIteration:
            break
        if isinstance(raw, str):
            raw = raw.decode('utf-8')
        line = raw.rstrip(u'\r\n')
        if not line.strip() or line.lstrip()[:1] in (u';', u'#'):
            continue
        if not line[0].isspace():
            m = HEADER.match(line)
            if not m:
                raise JournalError('expected a transaction header', number)
            try:
                date = parse_date(m.group(1))
            except ValueError, e:
                raise JournalError(str(e), number)
            current = Transaction(date, m.group(3), bool(m.group(2)), number)
            transactions.append(current)
            continue
        if current is None:
            raise JournalError('posting outside of a transaction', number)
        m = POSTING.match(line)
        if not m:
            raise JournalError('bad posting', number)
        amount = None
        if m.group(2):
            try:
                amount = Money.parse(m.group(2), default_currency)
            except MoneyError, e:
                raise JournalError(str(e), number)
        current.postings.append(Posting(m.group(1), amount))
    for t in transactions:
        if len(t.postings) < 2:
            raise JournalError('transaction needs at least two postings', t.line)
        t.balance()
    return Journal(transactions)


def parse_file(path, default_currency='EUR'):
    f = file(path, 'rb')
    try:
        return parse_lines(f.readlines(), default_currency)
    finally:
        f.close()
