'use strict';
var path = require('path');

var DEFAULT_FILE = path.join(__dirname, '..', 'data', 'config.json');

// Load (or reload) the JSON configuration. STOCKROOM_CONFIG overrides the path,
// STOCKROOM_LOW_STOCK overrides lowStock.
function load(file) {
  file = file || process.env.STOCKROOM_CONFIG || DEFAULT_FILE;
  var resolved = require.resolve(file);
  delete require.cache[resolved];
  var cfg = Object.assign({ lowStock: 3, taxRate: 0, currencySymbol: '', report: {} }, require(resolved));
  if (process.env.STOCKROOM_LOW_STOCK) cfg.lowStock = Number(process.env.STOCKROOM_LOW_STOCK);
  return cfg;
}

module.exports = { load: load, DEFAULT_FILE: DEFAULT_FILE };
