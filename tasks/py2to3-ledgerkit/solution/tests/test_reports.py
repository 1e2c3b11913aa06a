import os
import unittest
from io import StringIO

from ledgerkit import report_balance, report_stats
from ledgerkit.currency import Rates
from ledgerkit.parser import parse_file

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, '..', 'examples')


class ReportsTest(unittest.TestCase):
    def setUp(self):
        self.journal = parse_file(os.path.join(EXAMPLES, '2024.journal'))
        self.rates = Rates.load(os.path.join(EXAMPLES, 'rates.txt'))

    def test_convert_rounding(self):
        from ledgerkit.money import Money
        self.assertEqual(self.rates.convert(Money(50, 'GBP')).cents, 59)
        self.assertEqual(self.rates.convert(Money(-50, 'GBP')).cents, -59)

    def test_balance_matches_golden(self):
        out = StringIO()
        report_balance.write(self.journal, self.rates, out=out)
        self.assertEqual(out.getvalue(), open(os.path.join(HERE, '..', 'expected', 'balance.out'), encoding='utf-8').read())

    def test_stats_matches_golden(self):
        out = StringIO()
        report_stats.write(self.journal, self.rates, out=out)
        self.assertEqual(out.getvalue(), open(os.path.join(HERE, '..', 'expected', 'stats.out'), encoding='utf-8').read())


if __name__ == '__main__':
    unittest.main()
