'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const pricing = require('../src/pricing');

test('premium 3 for 2', () => {
  const l = pricing.linePrice('OIL-1L', 7);
  assert.equal(l.rule, 'premium3for2');
  assert.equal(l.net.cents, 749 * 5);
});

test('quote with tax', () => {
  const q = pricing.quote([{ sku: 'FLOUR-1KG', qty: 10 }, { sku: 'TEA-100', qty: 5 }], 7);
  assert.equal(q.net.cents, 1161 + 1500);
  assert.equal(q.total.cents, 2661 + 186);
});
