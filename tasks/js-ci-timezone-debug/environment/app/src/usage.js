'use strict';
const { dayKey, daysInRange, monthRange, formatTs } = require('./days');

/**
 * events: [{ ts, customer, units }]. Returns { 'YYYY-MM-DD': { customer: units } } for the UTC
 * days of the events.
 */
function bucketByDay(events) {
  const out = {};
  for (const e of events) {
    const k = dayKey(e.ts);
    out[k] = out[k] || {};
    out[k][e.customer] = (out[k][e.customer] || 0) + e.units;
  }
  return out;
}

/** Daily series for one customer: [[day, units], ...] for every day from..to (0 if no usage). */
function dailySeries(events, customer, from, to) {
  const b = bucketByDay(events.filter((e) => e.customer === customer));
  return daysInRange(from, to).map((d) => [d, (b[d] && b[d][customer]) || 0]);
}

/**
 * Monthly invoice lines for 'YYYY-MM': one line per customer with usage in that UTC month,
 * sorted by customer: { customer, units, amountCents, first, last } where first/last are the
 * formatted times (formatTs) of the customer's first and last event in the month.
 * Price: `centsPerUnit` per unit, minimum charge `minimumCents` per customer.
 */
function invoice(events, month, centsPerUnit, minimumCents = 0) {
  const [start, end] = monthRange(month);
  const per = new Map();
  for (const e of events) {
    if (e.ts < start || e.ts >= end) continue;
    const c = per.get(e.customer) || { customer: e.customer, units: 0, first: e.ts, last: e.ts };
    c.units += e.units;
    c.first = Math.min(c.first, e.ts);
    c.last = Math.max(c.last, e.ts);
    per.set(e.customer, c);
  }
  return [...per.values()]
    .sort((a, b) => (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0))
    .map((c) => ({
      customer: c.customer,
      units: c.units,
      amountCents: Math.max(minimumCents, c.units * centsPerUnit),
      first: formatTs(c.first),
      last: formatTs(c.last),
    }));
}

module.exports = { bucketByDay, dailySeries, invoice };
