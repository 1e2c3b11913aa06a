"""Cache parsed journals next to the journal file (journal.ledgerkit-cache)."""
import cPickle
import os

from parser import parse_file


def cache_path(path):
    return path + '.ledgerkit-cache'


def load(path, default_currency='EUR', use_cache=True):
    cp = cache_path(path)
    if use_cache and os.path.exists(cp) and os.path.getmtime(cp) >= os.path.getmtime(path):
        f = open(cp, 'rb')
        try:
            return cPickle.load(f)
        except Exception:
            pass
        finally:
            f.close()
    journal = parse_file(path, default_currency)
    if use_cache:
        try:
            f = open(cp, 'wb')
            try:
                cPickle.dump(journal, f, cPickle.HIGHEST_PROTOCOL)
            finally:
                f.close()
        except IOError:
            pass
    return journal
