// Public entry point.
import Money from './money.js';
import Store from './store.js';
import * as catalog from './catalog.js';
import * as pricing from './pricing.js';
import * as discounts from './discounts.js';
import * as units from './units.js';
import * as report from './report.js';
import * as config from './config.js';
import * as format from './format.js';
import { readJSON } from './fsutil.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const version = readJSON(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'package.json')).version;

export { Money, Store, catalog, pricing, discounts, units, report, config, format, version };
export default { Money, Store, catalog, pricing, discounts, units, report, config, format, version };
