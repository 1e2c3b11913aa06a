'use strict';

function pad(s, width, right) {
  s = String(s);
  if (s.length >= width) return s;
  var fill = new Array(width - s.length + 1).join(' ');
  return right ? fill + s : s + fill;
}

function table(rows, widths, rightCols) {
  return rows.map(function (r) {
    return r.map(function (c, i) { return pad(c, widths[i], rightCols.indexOf(i) >= 0); }).join(' ').replace(/\s+$/, '');
  }).join('\n');
}

exports.pad = pad;
exports.table = table;
exports.rule = function (width) { return new Array(width + 1).join('-'); };
