import unittest

from ledgerkit.money import Money, MoneyError


class MoneyTest(unittest.TestCase):
    def test_parse(self):
        self.assertEquals(Money.parse('1,234.5 usd'), Money(123450L, 'USD'))
        self.assertEquals(Money.parse('-3'), Money(-300, 'EUR'))
        self.assertRaises(MoneyError, Money.parse, '1.234 EUR')

    def test_arithmetic(self):
        a, b = Money(1000, 'EUR'), Money(250, 'EUR')
        self.assertEquals((a - b).cents, 750)
        self.assertEquals((a / 3).cents, 333)
        self.assertEquals((Money(-1000, 'EUR') / 3).cents, -334)
        self.assert_(a > b)
        self.failIf(Money(0, 'EUR'))

    def test_format(self):
        self.assertEquals(Money(-123456789, 'EUR').format(), '-1,234,567.89 EUR')
        self.assertEquals(str(Money(5, 'GBP')), '0.05 GBP')

    def test_mismatch(self):
        try:
            Money(1, 'EUR') + Money(1, 'USD')
        except MoneyError, e:
            self.assertTrue('mismatch' in str(e))
        else:
            self.fail('no error')


if __name__ == '__main__':
    unittest.main()
