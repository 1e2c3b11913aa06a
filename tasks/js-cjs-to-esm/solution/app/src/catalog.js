import Money from './money.js';
import { readJSON, dataPath } from './fsutil.js';

const raw = readJSON(dataPath('catalog.json'));

const items = raw.items.map(function (it) {
  return Object.freeze({
    sku: it.sku,
    name: it.name,
    unit: it.unit,
    size: it.size || 1,
    price: Money.parse(it.price, raw.currency),
    category: it.category,
    tags: it.tags || []
  });
});
const bySku = {};
items.forEach(function (it) { bySku[it.sku] = it; });

export const currency = raw.currency;
export function all() { return items.slice(); }
export function get(sku) {
  if (!Object.prototype.hasOwnProperty.call(bySku, sku)) throw new Error('unknown sku ' + sku);
  return bySku[sku];
}
export function categories() {
  return Array.from(new Set(items.map(function (i) { return i.category; }))).sort();
}
