import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export const FILE_MODE = 0o644;

// Write a file atomically (temp file + rename) with mode 0644. Returns the final path.
export function writeFileAtomic(file, data) {
  const tmp = path.join(path.dirname(file), '.' + path.basename(file) + '.' + process.pid + '.tmp');
  fs.writeFileSync(tmp, data, { mode: FILE_MODE });
  fs.renameSync(tmp, file);
  return file;
}

export function dataPath(name) {
  return path.join(here, '..', 'data', name);
}

export function readJSON(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
