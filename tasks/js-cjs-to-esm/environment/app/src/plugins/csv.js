'use strict';

function esc(v) {
  v = String(v);
  return /[",\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
}

module.exports = {
  name: 'csv',
  render: function (rows) {
    return rows.map(function (r) { return r.map(esc).join(','); }).join('\n') + '\n';
  }
};
