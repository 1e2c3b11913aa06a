'use strict';

const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 100;

class QueryError extends Error {}

function decode(s) {
  return decodeURIComponent(s);
}

function parsePositiveInt(name, value) {
  const n = parseInt(value, 10);
  if (Number.isNaN(n) || n < 1) throw new QueryError(`${name} must be a positive integer`);
  return n;
}

/**
 * Parse a list query string (with or without the leading '?').
 *  page=N            1-based page number (default 1)
 *  per_page=N        page size, default 20, values above 100 are clamped to 100
 *  sort=a,-b         sort keys, '-' prefix = descending; default: no sorting
 *  filter[key]=val   exact-match filters (string comparison)
 * Keys and values are percent-decoded, '+' means a space. Unknown parameters are ignored;
 * for repeated parameters the last one wins. Invalid page/per_page (anything but a decimal
 * integer >= 1) and malformed percent-encoding throw QueryError.
 */
function parseListQuery(qs) {
  const out = { page: 1, perPage: DEFAULT_PER_PAGE, sort: [], filter: {} };
  const s = qs.startsWith('?') ? qs.slice(1) : qs;
  if (s === '') return out;
  for (const part of s.split('&')) {
    if (part === '') continue;
    const [rawKey, rawValue = ''] = part.split('=');
    const key = decode(rawKey);
    const value = decode(rawValue);
    if (key === 'page') out.page = parsePositiveInt('page', value);
    else if (key === 'per_page') out.perPage = Math.max(parsePositiveInt('per_page', value), MAX_PER_PAGE);
    else if (key === 'sort') {
      out.sort = value.split(',').filter(Boolean).map((f) =>
        f.startsWith('-') ? { field: f, desc: true } : { field: f, desc: false });
    } else {
      const m = /^filter\[(\w+)\]$/.exec(key);
      if (m) out.filter[m[1]] = value;
    }
  }
  return out;
}

module.exports = { parseListQuery, QueryError, DEFAULT_PER_PAGE, MAX_PER_PAGE };
