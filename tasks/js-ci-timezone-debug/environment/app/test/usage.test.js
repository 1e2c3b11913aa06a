'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { bucketByDay, invoice } = require('../src/usage');

const events = [
  { ts: Date.UTC(2024, 2, 31, 23, 50), customer: 'acme', units: 5 },
  { ts: Date.UTC(2024, 3, 1, 0, 10), customer: 'acme', units: 7 },
  { ts: Date.UTC(2024, 3, 1, 12, 0), customer: 'beta', units: 1 },
];

test('bucketByDay uses UTC days', () => {
  assert.deepEqual(bucketByDay(events), {
    '2024-03-31': { acme: 5 },
    '2024-04-01': { acme: 7, beta: 1 },
  });
});

test('April invoice', () => {
  assert.deepEqual(invoice(events, '2024-04', 3, 10), [
    { customer: 'acme', units: 7, amountCents: 21, first: '2024-04-01 00:10', last: '2024-04-01 00:10' },
    { customer: 'beta', units: 1, amountCents: 10, first: '2024-04-01 12:00', last: '2024-04-01 12:00' },
  ]);
});
