import test from 'node:test';
import assert from 'node:assert/strict';
import Money from '../src/money.js';

test('parse and format', () => {
  assert.equal(Money.parse('12.5').format(), '12.50 EUR');
  assert.equal(Money.parse('-0.07', 'USD').format('$'), '-$0.07');
});

test('percent rounds half away from zero', () => {
  assert.equal(new Money(250).percent(1).cents, 3);
  assert.equal(new Money(-250).percent(1).cents, -3);
});
