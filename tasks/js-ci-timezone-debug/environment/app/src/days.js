'use strict';
// Calendar helpers. All billing is done in UTC: a "day" is a UTC calendar day, written
// 'YYYY-MM-DD'; timestamps are epoch milliseconds.

const DAY_MS = 24 * 60 * 60 * 1000;

function pad(n, w = 2) {
  return String(n).padStart(w, '0');
}

/** 'YYYY-MM-DD' of the UTC day containing ts. */
function dayKey(ts) {
  const d = new Date(ts);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Epoch ms of 00:00 UTC of the given 'YYYY-MM-DD'. Throws on an invalid day. */
function parseDay(day) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`bad day: ${day}`);
  const d = new Date(`${day}T00:00:00`);
  if (Number.isNaN(d.getTime()) || dayKey(d.getTime()) !== day) throw new Error(`bad day: ${day}`);
  return d.getTime();
}

/** All day keys from `from` to `to` inclusive ('YYYY-MM-DD' each). */
function daysInRange(from, to) {
  const out = [];
  for (let t = parseDay(from); t <= parseDay(to); t += DAY_MS) out.push(dayKey(t));
  return out;
}

/** [start, end) epoch ms of the UTC month 'YYYY-MM'. */
function monthRange(month) {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || m[2] < '01' || m[2] > '12') throw new Error(`bad month: ${month}`);
  const start = new Date(Number(m[1]), Number(m[2]) - 1, 1).getTime();
  const end = new Date(Number(m[1]), Number(m[2]), 1).getTime();
  return [start, end];
}

/** 'YYYY-MM-DD HH:MM' in UTC. */
function formatTs(ts) {
  const d = new Date(ts);
  return `${dayKey(ts)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

module.exports = { DAY_MS, dayKey, parseDay, daysInRange, monthRange, formatTs };
