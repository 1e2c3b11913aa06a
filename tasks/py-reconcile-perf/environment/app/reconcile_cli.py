"""python3 reconcile_cli.py BANK.csv BOOK.csv -> summary on stdout."""
import sys

from ledger import load_csv, reconcile


def main(bank_path, book_path):
    bank, book = load_csv(bank_path), load_csv(book_path)
    r = reconcile(bank, book)
    print(f"matched: {len(r.pairs)}")
    print(f"unmatched bank lines: {len(r.unmatched_bank)}")
    print(f"unmatched ledger entries: {len(r.unmatched_book)}")
    for i in r.unmatched_bank[:20]:
        t = bank[i]
        print(f"  bank #{i}: {t.date} {t.amount} {t.reference}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
