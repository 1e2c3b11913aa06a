import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'inv.js');

test('version', () => {
  assert.equal(execFileSync(process.execPath, [bin, 'version'], { encoding: 'utf8' }), 'stockroom 2.3.0\n');
});

test('convert', () => {
  assert.equal(execFileSync(process.execPath, [bin, 'convert', '2', 'kg', 'lb'], { encoding: 'utf8' }), '4.4092 lb\n');
});
