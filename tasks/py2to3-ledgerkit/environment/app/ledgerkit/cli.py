"""Command line: python -m ledgerkit.cli [options] COMMAND [args]"""
import ConfigParser
import os
import sys
from optparse import OptionParser

import cache
import export_csv
import report_balance
import report_budget
import report_register
import report_stats
from currency import Rates
from journal import JournalError


def read_config(path):
    cfg = ConfigParser.SafeConfigParser({'currency': 'EUR', 'cache': 'no'})
    cfg.read([path])
    if not cfg.has_section('ledgerkit'):
        cfg.add_section('ledgerkit')
    return cfg


def main(argv=None):
    parser = OptionParser(usage='%prog -f JOURNAL [-r RATES] COMMAND [ARGS]')
    parser.add_option('-f', '--file', dest='journal')
    parser.add_option('-r', '--rates', dest='rates')
    parser.add_option('-c', '--currency', dest='currency')
    parser.add_option('-d', '--depth', dest='depth', type='int')
    parser.add_option('--config', dest='config', default=os.path.expanduser('~/.ledgerkitrc'))
    opts, args = parser.parse_args(argv)
    if not opts.journal or not args:
        parser.print_usage(sys.stderr)
        return 2
    cfg = read_config(opts.config)
    default_currency = cfg.get('ledgerkit', 'currency')
    use_cache = cfg.getboolean('ledgerkit', 'cache')
    try:
        journal = cache.load(opts.journal, default_currency, use_cache)
    except JournalError, e:
        print >>sys.stderr, 'error: %s' % e
        return 1
    rates = Rates.load(opts.rates) if opts.rates else Rates(default_currency, {})
    command, rest = args[0], args[1:]
    try:
        if command == 'balance':
            report_balance.write(journal, rates, opts.currency, opts.depth)
        elif command == 'register':
            report_register.write(journal, rates, rest[0] if rest else 'Assets', opts.currency)
        elif command == 'budget':
            budget = report_budget.load_budget(rest[0], default_currency)
            report_budget.write(journal, rates, budget, rest[1])
        elif command == 'stats':
            report_stats.write(journal, rates)
        elif command == 'export':
            if rest:
                export_csv.write_file(journal, rest[0])
            else:
                sys.stdout.write(export_csv.to_string(journal))
        else:
            print >>sys.stderr, 'unknown command: %s' % command
            return 2
    except KeyError, e:
        print >>sys.stderr, 'error: %s' % e.args[0]
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
