'use strict';
// Public entry point.
module.exports = {
  Money: require('./money'),
  Store: require('./store'),
  catalog: require('./catalog'),
  pricing: require('./pricing'),
  discounts: require('./discounts'),
  units: require('./units'),
  report: require('./report'),
  config: require('./config'),
  format: require('./format'),
  version: require('../package.json').version
};
