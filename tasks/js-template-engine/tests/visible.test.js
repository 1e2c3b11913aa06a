'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { render } = require(require('node:path').join(process.env.VERIFY_ROOT, 'src'));

test('variables are escaped', () => {
  assert.equal(render('Hi {{ name }}!', { name: '<b>' }), 'Hi &lt;b&gt;!');
});

test('each', () => {
  assert.equal(render('{{#each xs}}[{{this}}]{{/each}}', { xs: [1, 2] }), '[1][2]');
});
