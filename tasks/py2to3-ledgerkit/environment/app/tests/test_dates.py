import datetime
import unittest

from ledgerkit import dates


class DatesTest(unittest.TestCase):
    def test_parse(self):
        self.assertEqual(dates.parse_date('2024/02/29'), datetime.date(2024, 2, 29))
        self.assertEqual(dates.parse_date(u'2024-03-01'), datetime.date(2024, 3, 1))
        self.assertRaises(ValueError, dates.parse_date, '2023/02/29')

    def test_quarter_and_months(self):
        self.assertEqual(map(dates.quarter, [datetime.date(2024, m, 1) for m in (1, 3, 4, 12)]), [1, 1, 2, 4])
        self.assertEqual(dates.months_between(datetime.date(2024, 1, 31), datetime.date(2024, 3, 30)), 1)
        self.assertEqual(list(dates.iter_months(datetime.date(2023, 11, 5), datetime.date(2024, 2, 1))),
                         ['2023-11', '2023-12', '2024-01', '2024-02'])


if __name__ == '__main__':
    unittest.main()
