'use strict';
module.exports = { ...require('./days'), ...require('./usage') };
