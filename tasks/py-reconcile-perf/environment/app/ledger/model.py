"""Transactions and CSV loading."""
import csv
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Txn:
    date: date
    amount: int        # cents, negative for debits
    reference: str


def normalize_ref(ref):
    """References match case-insensitively and ignoring surrounding/inner repeated spaces."""
    return " ".join(ref.split()).upper()


def load_csv(path):
    """Read a CSV with columns date,amount,reference (amount in cents)."""
    with open(path, newline="", encoding="utf-8") as f:
        return [Txn(date.fromisoformat(r["date"]), int(r["amount"]), r["reference"])
                for r in csv.DictReader(f)]
