'use strict';

function compareValues(a, b) {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1; // missing values sort last
  if (b === undefined || b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

/**
 * Sort by the given keys (first key most significant). Stable: records that compare equal keep
 * their input order. Missing (undefined/null) values sort last in both directions. Returns a new
 * array; the input is not modified.
 */
function sortRecords(records, keys) {
  if (!keys.length) return records.slice();
  return records.sort((x, y) => {
    for (const { field, desc } of keys) {
      const c = compareValues(x[field], y[field]);
      if (c !== 0) return desc ? -c : c;
    }
    return 0;
  });
}

module.exports = { sortRecords, compareValues };
