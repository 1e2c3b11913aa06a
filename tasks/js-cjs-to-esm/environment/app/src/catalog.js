'use strict';
var Money = require('./money');
var raw = require('../data/catalog.json');

var items = raw.items.map(function (it) {
  return Object.freeze({
    sku: it.sku,
    name: it.name,
    unit: it.unit,
    size: it.size || 1,
    price: Money.parse(it.price, raw.currency),
    category: it.category,
    tags: it.tags || []
  });
});
var bySku = {};
items.forEach(function (it) { bySku[it.sku] = it; });

exports.currency = raw.currency;
exports.all = function () { return items.slice(); };
exports.get = function (sku) {
  if (!Object.prototype.hasOwnProperty.call(bySku, sku)) throw new Error('unknown sku ' + sku);
  return bySku[sku];
};
exports.categories = function () {
  return Array.from(new Set(items.map(function (i) { return i.category; }))).sort();
};
