import unittest
from StringIO import StringIO

from ledgerkit.journal import JournalError
from ledgerkit.parser import parse_lines

SAMPLE = """; test
2024/01/02 * Shop
    Expenses:Food  10.00 EUR
    Assets:Cash

2024/01/01 Other
    Expenses:Fun  5 USD
    Assets:Cash  -5 USD
"""


class JournalTest(unittest.TestCase):
    def test_parse_and_infer(self):
        j = parse_lines(StringIO(SAMPLE).readlines())
        self.assertEqual(len(j.transactions), 2)
        t = j.sorted()[0]
        self.assertEqual(t.payee, u'Other')
        self.assertEqual(j.transactions[0].postings[1].amount.cents, -1000)
        self.assertEqual(j.first_date().isoformat(), '2024-01-01')
        self.assertEqual(j.payees(), {u'Shop': 1, u'Other': 1})

    def test_unbalanced(self):
        bad = "2024/01/01 X\n    A  1 EUR\n    B  -2 EUR\n"
        try:
            parse_lines(bad.splitlines(True))
        except JournalError, e:
            self.assertEqual(e.line, 1)
            self.assertTrue(str(e).startswith('line 1: '))
        else:
            self.fail('expected JournalError')


if __name__ == '__main__':
    unittest.main()
