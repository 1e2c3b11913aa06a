"""ledgerkit: a small plain-text double-entry bookkeeping toolkit."""
__version__ = '0.9.3'

from .money import Money, MoneyError
from .journal import Journal, Transaction, Posting
