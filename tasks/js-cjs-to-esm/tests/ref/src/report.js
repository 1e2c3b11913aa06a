'use strict';
var catalog = require('./catalog');
var format = require('./format');
var units = require('./units');

var RENDERERS = {
  csv: require('./plugins/csv'),
  json: require('./plugins/json')
};

// Stock report rows: header + one row per item.
function rows(store, cfg) {
  var items = catalog.all();
  var key = (cfg.report && cfg.report.sort) || 'sku';
  items.sort(function (a, b) { return a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0; });
  var out = [['sku', 'name', 'qty', 'base_qty', 'value', 'status']];
  items.forEach(function (it) {
    var qty = store.get(it.sku);
    var base = units.kindOf(it.unit) === 'mass' ? units.convert(qty * it.size, it.unit, 'kg') + ' kg'
      : units.convert(qty * it.size, it.unit, 'l') + ' l';
    out.push([it.sku, it.name, qty, base, it.price.times(qty).format(cfg.currencySymbol),
      qty === 0 ? 'OUT' : qty < store.lowStock ? 'LOW' : 'ok']);
  });
  return out;
}

function render(store, cfg, fmt) {
  var r = rows(store, cfg);
  if (fmt && fmt !== 'table') {
    if (!RENDERERS.hasOwnProperty(fmt)) throw new Error('unknown format ' + fmt);
    return RENDERERS[fmt].render(r);
  }
  var widths = r[0].map(function (_, i) {
    return Math.max.apply(null, r.map(function (row) { return String(row[i]).length; }));
  });
  var lines = [format.table([r[0]], widths, [2, 3, 4]), format.rule(Math.min(cfg.report.width || 80, 200))];
  lines.push(format.table(r.slice(1), widths, [2, 3, 4]));
  return lines.join('\n') + '\n';
}

module.exports = { rows: rows, render: render, formats: Object.keys(RENDERERS).concat('table') };
