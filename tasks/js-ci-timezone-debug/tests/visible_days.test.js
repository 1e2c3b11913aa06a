'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const days = require(require('node:path').join(process.env.VERIFY_ROOT, 'src/days'));

test('dayKey of a late-evening UTC timestamp', () => {
  assert.equal(days.dayKey(Date.UTC(2024, 2, 9, 23, 30)), '2024-03-09');
});

test('parseDay is UTC midnight', () => {
  assert.equal(days.parseDay('2024-03-10'), Date.UTC(2024, 2, 10));
});

test('daysInRange across the March DST change', () => {
  assert.deepEqual(days.daysInRange('2024-03-09', '2024-03-12'),
    ['2024-03-09', '2024-03-10', '2024-03-11', '2024-03-12']);
});

test('monthRange', () => {
  assert.deepEqual(days.monthRange('2024-02'), [Date.UTC(2024, 1, 1), Date.UTC(2024, 2, 1)]);
});

test('formatTs', () => {
  assert.equal(days.formatTs(Date.UTC(2024, 10, 3, 1, 5)), '2024-11-03 01:05');
});
