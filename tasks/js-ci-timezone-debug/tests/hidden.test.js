'use strict';
// Hidden tests for proctor/js-ci-timezone-debug; run under several TZ values.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const lib = require(path.join(process.env.VERIFY_ROOT, 'src'));

const U = Date.UTC;

test('h: dayKey near midnight', () => {
  assert.equal(lib.dayKey(U(2024, 2, 9, 23, 59, 59, 999)), '2024-03-09');
  assert.equal(lib.dayKey(U(2024, 2, 10, 0, 0)), '2024-03-10');
  assert.equal(lib.dayKey(U(2023, 11, 31, 23, 0)), '2023-12-31');
  assert.equal(lib.dayKey(U(1999, 0, 1, 5, 0)), '1999-01-01');
});

test('h: parseDay', () => {
  for (const [s, y, m, d] of [['2024-03-10', 2024, 2, 10], ['2024-11-03', 2024, 10, 3], ['2024-02-29', 2024, 1, 29],
    ['2024-10-06', 2024, 9, 6], ['2024-04-07', 2024, 3, 7]]) {
    assert.equal(lib.parseDay(s), U(y, m, d), s);
  }
  for (const bad of ['2023-02-29', '2024-13-01', '2024-1-01', 'x', '2024-04-31']) {
    assert.throws(() => lib.parseDay(bad), /bad day/, bad);
  }
});

test('h: daysInRange across DST changes everywhere', () => {
  const r = lib.daysInRange('2024-03-29', '2024-04-08');
  assert.equal(r.length, 11);
  assert.equal(r[0], '2024-03-29');
  assert.equal(r[10], '2024-04-08');
  assert.equal(new Set(r).size, 11);
  assert.deepEqual(lib.daysInRange('2024-10-25', '2024-11-05').length, 12);
  assert.deepEqual(lib.daysInRange('2024-01-01', '2024-12-31').length, 366);
  assert.deepEqual(lib.daysInRange('2024-05-05', '2024-05-05'), ['2024-05-05']);
  assert.deepEqual(lib.daysInRange('2024-05-05', '2024-05-04'), []);
});

test('h: monthRange', () => {
  assert.deepEqual(lib.monthRange('2024-03'), [U(2024, 2, 1), U(2024, 3, 1)]);
  assert.deepEqual(lib.monthRange('2024-12'), [U(2024, 11, 1), U(2025, 0, 1)]);
  assert.deepEqual(lib.monthRange('2024-11'), [U(2024, 10, 1), U(2024, 11, 1)]);
  assert.throws(() => lib.monthRange('2024-13'));
});

test('h: formatTs', () => {
  assert.equal(lib.formatTs(U(2024, 2, 10, 2, 30)), '2024-03-10 02:30');
  assert.equal(lib.formatTs(U(2024, 10, 3, 1, 30)), '2024-11-03 01:30');
  assert.equal(lib.formatTs(U(2024, 5, 30, 23, 59, 59)), '2024-06-30 23:59');
});

const events = [];
for (let i = 0; i < 400; i++) {
  events.push({ ts: U(2024, 2, 1) + i * 9720000 + (i % 7) * 60000, customer: ['acme', 'beta', 'zeta'][i % 3],
    units: 1 + (i % 5) });
}

test('h: bucketByDay', () => {
  const b = lib.bucketByDay(events);
  const keys = Object.keys(b).sort();
  assert.equal(keys[0], '2024-03-01');
  assert.equal(keys[keys.length - 1], '2024-04-14');
  assert.equal(keys.length, 45);
  assert.deepEqual(b['2024-03-10'], { acme: 10, beta: 8, zeta: 7 });
  assert.deepEqual(b['2024-03-31'], { acme: 8, beta: 11, zeta: 9 });
});

test('h: dailySeries', () => {
  const s = lib.dailySeries(events, 'beta', '2024-03-30', '2024-04-02');
  assert.deepEqual(s, [['2024-03-30', 9], ['2024-03-31', 11], ['2024-04-01', 8], ['2024-04-02', 10]]);
  assert.deepEqual(lib.dailySeries(events, 'nobody', '2024-04-20', '2024-04-21'), [['2024-04-20', 0], ['2024-04-21', 0]]);
});

test('h: invoices at month boundaries', () => {
  const inv = lib.invoice(events, '2024-03', 2, 500);
  assert.deepEqual(inv.map((l) => [l.customer, l.units, l.amountCents, l.first, l.last]), [
    ['acme', 275, 550, '2024-03-01 00:00', '2024-03-31 17:06'],
    ['beta', 277, 554, '2024-03-01 02:43', '2024-03-31 19:49'],
    ['zeta', 274, 548, '2024-03-01 05:26', '2024-03-31 22:32'],
  ]);
  const apr = lib.invoice(events, '2024-04', 1, 200);
  assert.deepEqual(apr.map((l) => [l.customer, l.units, l.amountCents, l.first]), [
    ['acme', 127, 200, '2024-04-01 01:15'], ['beta', 123, 200, '2024-04-01 03:58'], ['zeta', 124, 200, '2024-04-01 06:41'],
  ]);
  assert.deepEqual(lib.invoice(events, '2024-05', 1), []);
});
