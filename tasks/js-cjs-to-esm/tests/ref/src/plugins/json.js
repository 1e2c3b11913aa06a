'use strict';

module.exports = {
  name: 'json',
  render: function (rows) {
    var head = rows[0];
    return JSON.stringify(rows.slice(1).map(function (r) {
      var o = {};
      head.forEach(function (h, i) { o[h] = r[i]; });
      return o;
    }), null, 2) + '\n';
  }
};
