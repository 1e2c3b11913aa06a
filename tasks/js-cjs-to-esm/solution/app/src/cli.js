import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as config from './config.js';
import * as catalog from './catalog.js';
import * as pricing from './pricing.js';
import * as report from './report.js';
import * as units from './units.js';
import * as log from './logger.js';
import Store from './store.js';
import { readJSON } from './fsutil.js';

const pkg = readJSON(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'package.json'));

export function usage() {
  return [
    'usage: inv <command> [args]',
    '  list                         catalog items',
    '  quote SKU=QTY...             price an order (with tax)',
    '  report [table|csv|json]      stock report',
    '  convert VALUE FROM TO        unit conversion',
    '  take SKU QTY [--save FILE]   remove stock',
    '  version'
  ].join('\n');
}

// Returns the exit code; writes to the given streams.
export function main(argv, out, err) {
  out = out || process.stdout;
  err = err || process.stderr;
  var args = argv.slice(2);
  var cfg = config.load();
  var cmd = args[0];
  try {
    switch (cmd) {
      case 'list':
        catalog.all().forEach(function (it) {
          out.write(it.sku + '\t' + it.category + '\t' + it.price.format(cfg.currencySymbol) + '\t' + it.name + '\n');
        });
        return 0;
      case 'quote': {
        var lines = args.slice(1).map(function (a) {
          var p = a.split('=');
          if (p.length !== 2 || !/^\d+$/.test(p[1])) throw new Error('bad order line ' + a);
          return { sku: p[0], qty: Number(p[1]) };
        });
        var q = pricing.quote(lines, cfg.taxRate);
        q.lines.forEach(function (l) {
          out.write(l.sku + ' x' + l.qty + ' ' + l.gross.format(cfg.currencySymbol) +
            (l.rule ? ' -' + l.discount.format(cfg.currencySymbol) + ' (' + l.rule + ')' : '') + '\n');
        });
        out.write('net ' + q.net.format(cfg.currencySymbol) + '\n');
        out.write('tax ' + cfg.taxRate + '% ' + q.tax.format(cfg.currencySymbol) + '\n');
        out.write('total ' + q.total.format(cfg.currencySymbol) + '\n');
        return 0;
      }
      case 'report':
        out.write(report.render(Store.load(undefined, cfg.lowStock), cfg, args[1] || 'table'));
        return 0;
      case 'convert': {
        var v = Number(args[1]);
        if (args.length !== 4 || Number.isNaN(v)) throw new Error('usage: convert VALUE FROM TO');
        out.write(units.round(units.convert(v, args[2], args[3]), 4) + ' ' + args[3] + '\n');
        return 0;
      }
      case 'take': {
        var store = Store.load(undefined, cfg.lowStock);
        store.on('low', function (sku, qty) { err.write('warning: ' + sku + ' is low (' + qty + ')\n'); });
        catalog.get(args[1]);
        var left = store.adjust(args[1], -Number(args[2]));
        out.write(args[1] + ' left: ' + left + '\n');
        if (args[3] === '--save') store.save(args[4]);
        return 0;
      }
      case 'version':
        out.write(pkg.name + ' ' + pkg.version + '\n');
        return 0;
      default:
        err.write(usage() + '\n');
        return 2;
    }
  } catch (e) {
    log.error(e.message);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv);
}
