// Minimal logger. Levels: error < warn < info < debug. Writes to stderr.
var LEVELS = { error: 0, warn: 1, info: 2, debug: 3 };
level = process.env.STOCKROOM_LOG || 'warn';

function setLevel(l) {
  if (!(l in LEVELS)) throw new Error('unknown log level ' + l);
  level = l;
}

function log(l) {
  if (LEVELS[l] > LEVELS[level]) return false;
  var parts = Array.prototype.slice.call(arguments, 1);
  process.stderr.write('[' + l + '] ' + parts.join(' ') + '\n');
  return true;
}

exports.setLevel = setLevel;
exports.getLevel = function () { return level; };
exports.error = log.bind(null, 'error');
exports.warn = log.bind(null, 'warn');
exports.info = log.bind(null, 'info');
exports.debug = log.bind(null, 'debug');
