import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export const DEFAULT_FILE = path.join(here, '..', 'data', 'config.json');

// Load (or reload) the JSON configuration. STOCKROOM_CONFIG overrides the path,
// STOCKROOM_LOW_STOCK overrides lowStock.
export function load(file) {
  file = file || process.env.STOCKROOM_CONFIG || DEFAULT_FILE;
  const data = JSON.parse(fs.readFileSync(path.resolve(file), 'utf8'));
  const cfg = Object.assign({ lowStock: 3, taxRate: 0, currencySymbol: '', report: {} }, data);
  if (process.env.STOCKROOM_LOW_STOCK) cfg.lowStock = Number(process.env.STOCKROOM_LOW_STOCK);
  return cfg;
}
