import { EventEmitter } from 'node:events';
import * as fsutil from './fsutil.js';
import * as log from './logger.js';

// Stock levels per SKU. Emits 'change' (sku, before, after) and 'low' (sku, qty).
class Store extends EventEmitter {
  constructor(levels, lowStock) {
    super();
    this.levels = Object.assign({}, levels);
    this.lowStock = lowStock === undefined ? 3 : lowStock;
  }

  static load(file, lowStock) {
    return new Store(fsutil.readJSON(file || fsutil.dataPath('stock.json')), lowStock);
  }

  get(sku) {
    return this.levels[sku] || 0;
  }

  adjust(sku, delta) {
    const before = this.get(sku);
    const after = before + delta;
    if (after < 0) throw new Error('not enough ' + sku + ' in stock (' + before + ')');
    this.levels[sku] = after;
    log.debug('adjust', sku, before, '->', after);
    this.emit('change', sku, before, after);
    if (after < this.lowStock && before >= this.lowStock) this.emit('low', sku, after);
    return after;
  }

  lowItems() {
    return Object.keys(this.levels).filter((k) => this.levels[k] < this.lowStock).sort();
  }

  save(file) {
    return fsutil.writeFileAtomic(file, JSON.stringify(this.levels, null, 2) + '\n');
  }
}

export default Store;
export { Store };
