'use strict';

// Money in integer cents.
function Money(cents, currency) {
  if (!(this instanceof Money)) return new Money(cents, currency);
  if (!Number.isInteger(cents)) throw new TypeError('cents must be an integer');
  this.cents = cents;
  this.currency = currency || 'EUR';
}

Money.parse = function (text, currency) {
  var m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(String(text).trim());
  if (!m) throw new Error('bad amount: ' + text);
  var cents = Number(m[2]) * 100 + Number(((m[3] || '') + '00').slice(0, 2));
  return new Money(m[1] ? -cents : cents, currency);
};

Money.prototype.add = function (other) {
  if (other.currency !== this.currency) throw new Error('currency mismatch');
  return new Money(this.cents + other.cents, this.currency);
};

Money.prototype.times = function (n) {
  return new Money(Math.round(this.cents * n), this.currency);
};

Money.prototype.percent = function (p) {
  // round half away from zero
  var v = this.cents * p / 100;
  return new Money(Math.sign(v) * Math.round(Math.abs(v)), this.currency);
};

Money.prototype.format = function (symbol) {
  var sign = this.cents < 0 ? '-' : '';
  var c = Math.abs(this.cents);
  return sign + (symbol || '') + Math.floor(c / 100) + '.' + String(c % 100).padStart(2, '0') + (symbol ? '' : ' ' + this.currency);
};

Money.prototype.toString = function () { return this.format(); };

module.exports = Money;
