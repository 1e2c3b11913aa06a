'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const bin = path.join(__dirname, '..', 'bin', 'inv.js');

test('version', () => {
  assert.equal(execFileSync(process.execPath, [bin, 'version'], { encoding: 'utf8' }), 'stockroom 2.3.0\n');
});

test('convert', () => {
  assert.equal(execFileSync(process.execPath, [bin, 'convert', '2', 'kg', 'lb'], { encoding: 'utf8' }), '4.4092 lb\n');
});
