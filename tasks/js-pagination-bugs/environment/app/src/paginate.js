'use strict';

function buildQuery(q, page) {
  const parts = [`page=${page}`, `per_page=${q.perPage}`];
  if (q.sort.length) parts.push('sort=' + q.sort.map((s) => (s.desc ? '-' : '') + s.field).join(','));
  for (const [k, v] of Object.entries(q.filter)) parts.push(`filter[${k}]=${encodeURIComponent(v)}`);
  return parts.join('&');
}

/**
 * Slice one page out of `rows`. totalPages is at least 1 (an empty list has one empty page).
 * A page beyond the last one yields no items (it is not an error). Links are
 * `${basePath}?<query>` strings; next is null on the last page (or beyond), prev is null on
 * page 1; for a page beyond the last one, prev points to the last page.
 */
function paginate(rows, page, perPage, basePath, q) {
  const total = rows.length;
  const totalPages = Math.floor(total / perPage) || 1;
  const start = page * perPage;
  const items = rows.slice(start, start + perPage);
  const link = (p) => `${basePath}?${buildQuery(q, p)}`;
  return {
    items,
    page,
    perPage,
    total,
    totalPages,
    links: {
      self: link(page),
      first: link(1),
      last: link(totalPages),
      next: page < totalPages ? link(page + 1) : null,
      prev: page > 1 ? link(page - 1) : null,
    },
  };
}

module.exports = { paginate, buildQuery };
