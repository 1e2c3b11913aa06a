'use strict';
var Money = require('./money');
var pricing = require('./pricing');

// Discount rules, evaluated per order line. Each returns a Money discount (>= 0).
var RULES = {
  // 3 for 2 on premium items
  premium3for2: function (item, qty) {
    if (item.tags.indexOf('premium') < 0) return new Money(0, item.price.currency);
    return pricing.unitPrice(item.sku).times(Math.floor(qty / 3));
  },
  // 10% off 10 or more units of baking goods
  bulkBaking: function (item, qty, gross) {
    if (item.category !== 'baking' || qty < 10) return new Money(0, item.price.currency);
    return gross.percent(10);
  },
  // 0.50 off every 5 units of drinks
  drinks5: function (item, qty) {
    if (item.category !== 'drinks') return new Money(0, item.price.currency);
    return new Money(50, item.price.currency).times(Math.floor(qty / 5));
  }
};

exports.RULES = RULES;

// The single largest discount (ties: first rule in RULES order); rule is null if none applies.
exports.best = function (item, qty, gross) {
  var best = { amount: new Money(0, item.price.currency), rule: null };
  Object.keys(RULES).forEach(function (name) {
    var d = RULES[name](item, qty, gross);
    if (d.cents > best.amount.cents) best = { amount: d, rule: name };
  });
  return best;
};
