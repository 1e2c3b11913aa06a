'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { listRecords, parseListQuery } = require(require('node:path').join(process.env.VERIFY_ROOT, 'src'));

const records = Array.from({ length: 45 }, (_, i) => ({ id: i + 1, status: i % 3 ? 'open' : 'closed' }));

test('first page', () => {
  const r = listRecords(records, '?per_page=10', '/items');
  assert.deepEqual(r.items.map((x) => x.id), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(r.totalPages, 5);
});

test('last page is partial', () => {
  const r = listRecords(records, 'page=5&per_page=10', '/items');
  assert.deepEqual(r.items.map((x) => x.id), [41, 42, 43, 44, 45]);
  assert.equal(r.links.next, null);
});

test('per_page is clamped', () => {
  assert.equal(parseListQuery('per_page=500').perPage, 100);
  assert.equal(parseListQuery('per_page=5').perPage, 5);
});

test('descending sort', () => {
  const r = listRecords(records, 'sort=-id&per_page=3', '/items');
  assert.deepEqual(r.items.map((x) => x.id), [45, 44, 43]);
});
