#!/bin/bash
# Reference fix: every calendar computation in UTC (getUTC*/Date.UTC), independent of TZ.
set -euo pipefail
cd /app
python3 - <<'PY'
p = "src/days.js"
s = open(p).read()
s = s.replace("return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;",
              "return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;")
s = s.replace("const d = new Date(`${day}T00:00:00`);", "const d = new Date(`${day}T00:00:00Z`);")
s = s.replace("const start = new Date(Number(m[1]), Number(m[2]) - 1, 1).getTime();",
              "const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, 1);")
s = s.replace("const end = new Date(Number(m[1]), Number(m[2]), 1).getTime();",
              "const end = Date.UTC(Number(m[1]), Number(m[2]), 1);")
s = s.replace("return `${dayKey(ts)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;",
              "return `${dayKey(ts)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;")
open(p, "w").write(s)
PY
grep -q getUTCHours src/days.js
