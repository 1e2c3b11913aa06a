'use strict';
const { parseListQuery } = require('./query');
const { paginate } = require('./paginate');
const { sortRecords } = require('./sort');

/**
 * Run a list request: parse the query string, filter, sort and paginate `records`.
 * Returns { items, page, perPage, total, totalPages, links: { self, next, prev, first, last } }.
 */
function listRecords(records, queryString, basePath) {
  const q = parseListQuery(queryString);
  let rows = records.filter((r) => Object.entries(q.filter).every(([k, v]) => String(r[k]) === v));
  rows = sortRecords(rows, q.sort);
  return paginate(rows, q.page, q.perPage, basePath, q);
}

module.exports = { listRecords, parseListQuery, paginate, sortRecords };
