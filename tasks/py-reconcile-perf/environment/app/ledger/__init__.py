"""Bank-statement reconciliation."""
from .model import Txn, load_csv
from .reconcile import Result, reconcile

__all__ = ["Txn", "load_csv", "Result", "reconcile"]
