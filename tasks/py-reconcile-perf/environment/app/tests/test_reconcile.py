from datetime import date

from ledger import Txn, reconcile


def t(d, amount, ref):
    return Txn(date.fromisoformat(d), amount, ref)


def test_basic_match():
    bank = [t("2024-01-05", -1200, "Rent Jan"), t("2024-01-07", 5000, "INV 17")]
    book = [t("2024-01-06", 5000, "inv  17"), t("2024-01-03", -1200, "RENT JAN")]
    r = reconcile(bank, book)
    assert r.pairs == [(0, 1), (1, 0)]
    assert r.unmatched_bank == [] and r.unmatched_book == []


def test_window_and_first_in_ledger_order():
    bank = [t("2024-02-10", -500, "FEE")]
    book = [t("2024-02-01", -500, "FEE"), t("2024-02-13", -500, "FEE"), t("2024-02-09", -500, "FEE")]
    r = reconcile(bank, book)
    assert r.pairs == [(0, 1)]
    assert r.unmatched_book == [0, 2]


def test_unmatched():
    r = reconcile([t("2024-03-01", 1, "X")], [t("2024-03-05", 1, "X")])
    assert r.pairs == [] and r.unmatched_bank == [0] and r.unmatched_book == [0]
