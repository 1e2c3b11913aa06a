"""Cache parsed journals next to the journal file (journal.ledgerkit-cache)."""
import os
import pickle

from .parser import parse_file


def cache_path(path):
    return path + '.ledgerkit-cache'


def load(path, default_currency='EUR', use_cache=True):
    cp = cache_path(path)
    if use_cache and os.path.exists(cp) and os.path.getmtime(cp) >= os.path.getmtime(path):
        with open(cp, 'rb') as f:
            try:
                return pickle.load(f)
            except Exception:
                pass
    journal = parse_file(path, default_currency)
    if use_cache:
        try:
            with open(cp, 'wb') as f:
                pickle.dump(journal, f, pickle.HIGHEST_PROTOCOL)
        except IOError:
            pass
    return journal
