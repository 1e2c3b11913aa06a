var FACTORS = {
  mass: { g: 1, kg: 1000, lb: 453.59237, oz: 28.349523125 },
  volume: { ml: 1, l: 1000, floz: 29.5735295625, gal: 3785.411784 }
};

function kindOf(unit) {
  for (var kind in FACTORS) if (FACTORS.hasOwnProperty(kind) && unit in FACTORS[kind]) return kind;
  return null;
}

export { kindOf };

export function convert(value, from, to) {
  var k = kindOf(from);
  if (!k || k !== kindOf(to)) throw new Error('cannot convert ' + from + ' to ' + to);
  return value * FACTORS[k][from] / FACTORS[k][to];
}

export function round(x, digits) {
  var f = Math.pow(10, digits === undefined ? 3 : digits);
  return Math.round(x * f) / f;
}
