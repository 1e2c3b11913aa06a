#!/bin/bash
set -euo pipefail
cd /app
python3 - <<'PY'
import re
p = "src/query.js"; s = open(p).read()
s = s.replace("""function decode(s) {
  return decodeURIComponent(s);
}""", """function decode(s) {
  try {
    return decodeURIComponent(s.replace(/\\+/g, ' '));
  } catch (e) {
    throw new QueryError(`malformed percent-encoding: ${s}`);
  }
}""")
s = s.replace("""  const n = parseInt(value, 10);
  if (Number.isNaN(n) || n < 1) throw""", """  const n = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw""")
s = s.replace("const [rawKey, rawValue = ''] = part.split('=');", """const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);""")
s = s.replace("Math.max(parsePositiveInt('per_page', value), MAX_PER_PAGE)", "Math.min(parsePositiveInt('per_page', value), MAX_PER_PAGE)")
s = s.replace("f.startsWith('-') ? { field: f, desc: true }", "f.startsWith('-') ? { field: f.slice(1), desc: true }")
open(p, "w").write(s)
p = "src/sort.js"; s = open(p).read()
s = s.replace("""  return records.sort((x, y) => {
    for (const { field, desc } of keys) {
      const c = compareValues(x[field], y[field]);
      if (c !== 0) return desc ? -c : c;
    }
    return 0;
  });""", """  const missing = (v) => v === undefined || v === null;
  return records.slice().sort((x, y) => {
    for (const { field, desc } of keys) {
      const a = x[field];
      const b = y[field];
      if (missing(a) || missing(b)) {
        if (missing(a) && missing(b)) continue;
        return missing(a) ? 1 : -1; // missing values last in both directions
      }
      const c = compareValues(a, b);
      if (c !== 0) return desc ? -c : c;
    }
    return 0;
  });""")
open(p, "w").write(s)
p = "src/paginate.js"; s = open(p).read()
s = s.replace("Math.floor(total / perPage) || 1", "Math.max(1, Math.ceil(total / perPage))")
s = s.replace("const start = page * perPage;", "const start = (page - 1) * perPage;")
s = s.replace("prev: page > 1 ? link(page - 1) : null,", "prev: page > 1 ? link(Math.min(page - 1, totalPages)) : null,")
open(p, "w").write(s)
PY
