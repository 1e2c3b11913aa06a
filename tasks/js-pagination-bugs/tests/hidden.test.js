'use strict';
// Hidden tests for proctor/js-pagination-bugs. Run from a clean copy of /app.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const root = process.env.VERIFY_ROOT;
const { listRecords, parseListQuery, paginate, sortRecords } = require(path.join(root, 'src'));
const { QueryError } = require(path.join(root, 'src/query.js'));

const records = Array.from({ length: 45 }, (_, i) => ({ id: i + 1, status: i % 3 ? 'open' : 'closed' }));
const ids = (r) => r.items.map((x) => x.id);

test('h: pages are 1-based and complete', () => {
  const seen = [];
  for (let p = 1; p <= 5; p++) seen.push(...ids(listRecords(records, `page=${p}&per_page=10`, '/i')));
  assert.deepEqual(seen, records.map((r) => r.id));
});

test('h: totalPages rounds up and is at least 1', () => {
  assert.equal(listRecords(records, 'per_page=10', '/i').totalPages, 5);
  assert.equal(listRecords(records, 'per_page=45', '/i').totalPages, 1);
  assert.equal(listRecords(records, 'per_page=44', '/i').totalPages, 2);
  assert.equal(listRecords([], '', '/i').totalPages, 1);
  assert.equal(listRecords(records, '', '/i').totalPages, 3);
});

test('h: links', () => {
  const r = listRecords(records, '?page=2&per_page=20', '/items');
  assert.equal(r.links.self, '/items?page=2&per_page=20');
  assert.equal(r.links.next, '/items?page=3&per_page=20');
  assert.equal(r.links.prev, '/items?page=1&per_page=20');
  assert.equal(r.links.first, '/items?page=1&per_page=20');
  assert.equal(r.links.last, '/items?page=3&per_page=20');
  const first = listRecords(records, 'per_page=20', '/items');
  assert.equal(first.links.prev, null);
  const last = listRecords(records, 'page=3&per_page=20', '/items');
  assert.equal(last.links.next, null);
});

test('h: page beyond the last', () => {
  const r = listRecords(records, 'page=9&per_page=20', '/items');
  assert.deepEqual(r.items, []);
  assert.equal(r.page, 9);
  assert.equal(r.links.next, null);
  assert.equal(r.links.prev, '/items?page=3&per_page=20');
});

test('h: per_page default and clamp', () => {
  assert.equal(parseListQuery('').perPage, 20);
  assert.equal(parseListQuery('per_page=100').perPage, 100);
  assert.equal(parseListQuery('per_page=101').perPage, 100);
  assert.equal(parseListQuery('per_page=7').perPage, 7);
  assert.equal(listRecords(records, 'per_page=1000', '/i').items.length, 45);
});

test('h: invalid numbers throw QueryError', () => {
  for (const qs of ['page=0', 'page=-1', 'page=abc', 'page=2abc', 'page=1.5', 'per_page=', 'per_page=0',
    'per_page=1e2', 'page= 3', 'page=0x10']) {
    assert.throws(() => parseListQuery(qs), QueryError, qs);
  }
  assert.equal(parseListQuery('page=007').page, 7);
});

test('h: decoding', () => {
  const q = parseListQuery('?filter[name]=Jane+Doe&filter[q]=a%3Db&filter[eq]=x=y=z&sort=%2Did');
  assert.equal(q.filter.name, 'Jane Doe');
  assert.equal(q.filter.q, 'a=b');
  assert.equal(q.filter.eq, 'x=y=z');
  assert.deepEqual(q.sort, [{ field: 'id', desc: true }]);
  assert.throws(() => parseListQuery('filter[a]=%E0%A4%A'), QueryError);
  assert.equal(parseListQuery('filter%5Bk%5D=v').filter.k, 'v');
});

test('h: last parameter wins, unknown ignored, empty parts ok', () => {
  const q = parseListQuery('page=2&&page=3&foo=bar&sort=a&sort=-b,c&');
  assert.equal(q.page, 3);
  assert.deepEqual(q.sort, [{ field: 'b', desc: true }, { field: 'c', desc: false }]);
  assert.deepEqual(Object.keys(q.filter), []);
});

test('h: sort multiple keys, stable, missing last', () => {
  const rows = [
    { id: 1, g: 'b', n: 2 }, { id: 2, g: 'a', n: 2 }, { id: 3, g: 'b', n: 1 }, { id: 4, g: 'a' },
    { id: 5, g: 'a', n: 2 }, { id: 6, n: 0 }, { id: 7, g: null, n: 9 },
  ];
  const copy = JSON.parse(JSON.stringify(rows));
  const by = (keys) => sortRecords(rows, keys).map((r) => r.id);
  assert.deepEqual(by([{ field: 'g', desc: false }, { field: 'n', desc: true }]), [2, 5, 4, 1, 3, 7, 6]);
  assert.deepEqual(by([{ field: 'n', desc: true }]), [7, 1, 2, 5, 3, 6, 4]);
  assert.deepEqual(by([{ field: 'n', desc: false }]), [6, 3, 1, 2, 5, 7, 4]);
  assert.deepEqual(by([{ field: 'g', desc: true }]), [1, 3, 2, 4, 5, 6, 7]);
  assert.deepEqual(rows, copy, 'input must not be modified');
  assert.notEqual(sortRecords(rows, []), rows);
});

test('h: filter + sort + paginate together', () => {
  const r = listRecords(records, 'filter[status]=closed&sort=-id&per_page=4&page=2', '/x');
  assert.deepEqual(ids(r), [31, 28, 25, 22]);
  assert.equal(r.total, 15);
  assert.equal(r.totalPages, 4);
  assert.equal(r.links.next, '/x?page=3&per_page=4&sort=-id&filter[status]=closed');
  const none = listRecords(records, 'filter[status]=nope', '/x');
  assert.deepEqual(none.items, []);
  assert.equal(none.links.next, null);
});

test('h: filter values round-trip in links', () => {
  const rows = [{ id: 1, name: 'a b&c' }, { id: 2, name: 'x' }];
  const r = listRecords(rows, 'filter[name]=a+b%26c', '/p');
  assert.deepEqual(ids(r), [1]);
  assert.equal(r.links.self, '/p?page=1&per_page=20&filter[name]=a%20b%26c');
});

test('h: paginate directly', () => {
  const q = { page: 3, perPage: 2, sort: [], filter: {} };
  const r = paginate([1, 2, 3, 4, 5], 3, 2, '/z', q);
  assert.deepEqual(r.items, [5]);
  assert.equal(r.totalPages, 3);
});
