'use strict';
var EventEmitter = require('events').EventEmitter;
var util = require('util');
var fsutil = require('./fsutil');
var log = require('./logger');

// Stock levels per SKU. Emits 'change' (sku, before, after) and 'low' (sku, qty).
function Store(levels, lowStock) {
  EventEmitter.call(this);
  this.levels = Object.assign({}, levels);
  this.lowStock = lowStock === undefined ? 3 : lowStock;
}
util.inherits(Store, EventEmitter);

Store.load = function (file, lowStock) {
  return new Store(fsutil.readJSON(file || fsutil.dataPath('stock.json')), lowStock);
};

Store.prototype.get = function (sku) {
  return this.levels[sku] || 0;
};

Store.prototype.adjust = function (sku, delta) {
  var before = this.get(sku);
  var after = before + delta;
  if (after < 0) throw new Error('not enough ' + sku + ' in stock (' + before + ')');
  this.levels[sku] = after;
  log.debug('adjust', sku, before, '->', after);
  this.emit('change', sku, before, after);
  if (after < this.lowStock && before >= this.lowStock) this.emit('low', sku, after);
  return after;
};

Store.prototype.lowItems = function () {
  var self = this;
  return Object.keys(this.levels).filter(function (k) { return self.levels[k] < self.lowStock; }).sort();
};

Store.prototype.save = function (file) {
  return fsutil.writeFileAtomic(file, JSON.stringify(this.levels, null, 2) + '\n');
};

module.exports = Store;
