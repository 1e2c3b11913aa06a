'use strict';
var Money = require('./money');
var catalog = require('./catalog');
var discounts = require('./discounts');

// Price of `qty` units of `sku`, after the best applicable discount, before tax.
function linePrice(sku, qty) {
  var item = catalog.get(sku);
  var gross = item.price.times(qty);
  var d = discounts.best(item, qty, gross);
  return { sku: sku, qty: qty, gross: gross, discount: d.amount, rule: d.rule, net: gross.add(d.amount.times(-1)) };
}

function quote(lines, taxRate) {
  var out = lines.map(function (l) { return linePrice(l.sku, l.qty); });
  var net = out.reduce(function (acc, l) { return acc.add(l.net); }, new Money(0, catalog.currency));
  var tax = net.percent(taxRate || 0);
  return { lines: out, net: net, tax: tax, total: net.add(tax) };
}

exports.linePrice = linePrice;
exports.quote = quote;
exports.unitPrice = function (sku) { return catalog.get(sku).price; };
