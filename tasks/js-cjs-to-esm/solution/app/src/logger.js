// Minimal logger. Levels: error < warn < info < debug. Writes to stderr.
const LEVELS = { error: 0, warn: 1, info: 2, debug: 3 };
let level = process.env.STOCKROOM_LOG || 'warn';

export function setLevel(l) {
  if (!(l in LEVELS)) throw new Error('unknown log level ' + l);
  level = l;
}

function log(l, ...parts) {
  if (LEVELS[l] > LEVELS[level]) return false;
  process.stderr.write('[' + l + '] ' + parts.join(' ') + '\n');
  return true;
}

export function getLevel() { return level; }
export const error = log.bind(null, 'error');
export const warn = log.bind(null, 'warn');
export const info = log.bind(null, 'info');
export const debug = log.bind(null, 'debug');
